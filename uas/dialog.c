/**
 * @file dialog.c  The dialogs our 2xx create, BYE in both directions
 *
 * A dialog is found by Call-ID, our tag and theirs (RFC 3261 section
 * 12).  When a 2xx is never ACKed the UAS ends the session with a BYE
 * (section 13.3.1.4): a client transaction of our own, Timer E over UDP
 * and Timer F (section 17.1.2.2).
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"
#include "trace/trace.h"
#include "judge/judge.h"
#include "target.h"
#include "uas.h"

/** Our BYE, until its final response or Timer F */
struct uctrans {
	struct le le;
	struct uas *uas;
	struct dialog *d;          /**< referenced                          */
	struct mbuf *mb;
	char branch[40];
	struct tmr tmr_e, tmr_f;
	uint32_t rt_ms;
};

static void dialog_destructor(void *arg)
{
	struct dialog *d = arg;

	list_unlink(&d->le);
	if (d->inv)
		d->inv->dlg = NULL;
	mem_deref(d->callid);
	mem_deref(d->ltag);
	mem_deref(d->rtag);
	mem_deref(d->lhdr);
	mem_deref(d->rhdr);
	mem_deref(d->target);
	mem_deref(d->route);
	flow_clear(&d->flow);
}

/* Section 12.1.1: the remote target is the Contact of the INVITE */
static int remote_target(struct dialog *d, const struct jmsg *jm)
{
	const struct msg_hdr *ct = message_hdr(jm->m, HDR_CONTACT);
	struct sip_addr addr;

	if (ct && !sip_addr_decode(&addr, &ct->val))
		return pl_strdup(&d->target, &addr.auri);
	return pl_strdup(&d->target, &jm->d.from.auri);
}

/* Section 12.1.1: the route set of a UAS is Record-Route in order */
static int route_set(struct dialog *d, const struct message *m)
{
	struct mbuf *mb = mbuf_alloc(64);
	int err = 0;

	if (!mb)
		return ENOMEM;
	for (unsigned i = 0; i < m->hdrc; i++)
		if (m->hdrv[i].id == HDR_RECORD_ROUTE)
			err |= mbuf_printf(mb, "%s%r", mb->end ? ", " : "",
					   &m->hdrv[i].val);
	if (!err && mb->end) {
		mb->pos = 0;
		err = mbuf_strdup(mb, &d->route, mb->end);
	}
	mem_deref(mb);
	return err;
}

/** The dialog a 2xx to inv creates */
int dialog_create(struct strans *inv)
{
	const struct jmsg *jm = &inv->req->jm;
	const struct msg_hdr *to = message_hdr(jm->m, HDR_TO);
	const struct msg_hdr *from = message_hdr(jm->m, HDR_FROM);
	struct uas *u = inv->uas;
	struct dialog *d;
	int err;

	if (!to || !from)
		return EINVAL;
	d = mem_zalloc(sizeof(*d), dialog_destructor);
	if (!d)
		return ENOMEM;
	d->uas = u;

	err  = pl_strdup(&d->callid, &jm->d.call_id);
	err |= str_dup(&d->ltag, inv->totag);
	err |= jm->d.from_tag.p ? pl_strdup(&d->rtag, &jm->d.from_tag) : 0;
	err |= re_sdprintf(&d->lhdr, "%r;tag=%s", &to->val, inv->totag);
	err |= pl_strdup(&d->rhdr, &from->val);
	err |= remote_target(d, jm);
	err |= route_set(d, jm->m);
	if (err) {
		mem_deref(d);
		return ENOMEM;
	}

	d->lseq = 1 + rand_u32() % 10000;
	flow_set(&d->flow, &inv->flow);
	d->inv = inv;
	inv->dlg = d;
	list_append(&u->dlgl, &d->le, d);
	return 0;
}

struct dialog *dialog_find(struct uas *u, const struct jmsg *jm)
{
	struct le *le;

	LIST_FOREACH(&u->dlgl, le) {
		struct dialog *d = le->data;

		if (!pl_strcmp(&jm->d.call_id, d->callid) &&
		    pl_eq_str(&jm->d.to_tag, d->ltag) &&
		    pl_eq_str(&jm->d.from_tag, d->rtag))
			return d;
	}
	return NULL;
}

/** The dialog is over: the INVITE stops waiting, the list lets go */
void dialog_end(struct dialog *d)
{
	struct uas *u = d->uas;

	if (!d->le.list)
		return;
	if (d->inv)
		invite_dialog_ended(d->inv);
	list_unlink(&d->le);
	mem_deref(d);
	uas_check_exit(u);
}

/* -- our BYE -------------------------------------------------------------- */

static void uct_destructor(void *arg)
{
	struct uctrans *ct = arg;

	list_unlink(&ct->le);
	tmr_cancel(&ct->tmr_e);
	tmr_cancel(&ct->tmr_f);
	mem_deref(ct->mb);
	mem_deref(ct->d);
}

static void uct_done(struct uctrans *ct)
{
	dialog_end(ct->d);
	mem_deref(ct);
}

static void timer_e(void *arg)
{
	struct uctrans *ct = arg;
	const struct tcfg *cfg = ct->uas->cfg;

	net_send_mb(&ct->d->flow, ct->mb);
	ct->rt_ms = 2 * ct->rt_ms < cfg->t2_ms ? 2 * ct->rt_ms : cfg->t2_ms;
	tmr_start(&ct->tmr_e, ct->rt_ms, timer_e, ct);
}

static void timer_f(void *arg)
{
	struct uctrans *ct = arg;

	if (ct->uas->cfg->verbose)
		re_fprintf(stderr, "no response to our BYE in 64*T1\n");
	uct_done(ct);
}

static int bye_build(struct dialog *d, const char *branch, struct mbuf *mb)
{
	int err;

	err  = mbuf_printf(mb, "BYE %s SIP/2.0\r\n", d->target);
	err |= mbuf_printf(mb, "Via: SIP/2.0/%s %J;branch=%s;rport\r\n",
			   flow_stream(&d->flow) ? "TCP" : "UDP",
			   &d->flow.local, branch);
	err |= mbuf_printf(mb, "Max-Forwards: 70\r\n");
	if (d->route)
		err |= mbuf_printf(mb, "Route: %s\r\n", d->route);
	err |= mbuf_printf(mb, "From: %s\r\nTo: %s\r\nCall-ID: %s\r\n"
			   "CSeq: %u BYE\r\nUser-Agent: %s\r\n"
			   "Content-Length: 0\r\n\r\n", d->lhdr, d->rhdr,
			   d->callid, d->lseq++, TARGET_UA);
	return err;
}

/** End the dialog from our side (section 15.1.1) */
int dialog_bye(struct dialog *d)
{
	struct uas *u = d->uas;
	const struct tcfg *cfg = u->cfg;
	struct uctrans *ct;
	char r[17];
	int err;

	ct = mem_zalloc(sizeof(*ct), uct_destructor);
	if (!ct)
		return ENOMEM;
	ct->uas = u;
	ct->d = mem_ref(d);
	tmr_init(&ct->tmr_e);
	tmr_init(&ct->tmr_f);
	rand_str(r, sizeof(r));
	re_snprintf(ct->branch, sizeof(ct->branch), "z9hG4bK-tg-%s", r);

	ct->mb = mbuf_alloc(512);
	err = ct->mb ? bye_build(d, ct->branch, ct->mb) : ENOMEM;
	if (err) {
		mem_deref(ct);
		return err;
	}
	list_append(&u->ctl, &ct->le, ct);

	net_send_mb(&d->flow, ct->mb);
	if (!flow_stream(&d->flow)) {
		ct->rt_ms = cfg->t1_ms;
		tmr_start(&ct->tmr_e, ct->rt_ms, timer_e, ct);
	}
	tmr_start(&ct->tmr_f, 64 * (uint64_t)cfg->t1_ms, timer_f, ct);
	return 0;
}

/** A response to a request we sent: only our BYEs are expected */
void dialog_response(struct uas *u, const struct jmsg *jm)
{
	struct le *le;

	if (!jm->d.has_via || !jm->d.has_cseq || pl_strcmp(&jm->d.cseq.met, "BYE"))
		return;

	LIST_FOREACH(&u->ctl, le) {
		struct uctrans *ct = le->data;

		if (pl_strcmp(&jm->d.via.branch, ct->branch))
			continue;
		if (jm->d.scode >= 200)
			uct_done(ct);
		else
			tmr_cancel(&ct->tmr_e);
		return;
	}
}
