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
#include "target.h"
#include "uas.h"

/** Our BYE, until its final response or Timer F */
struct uctrans {
	struct le le;
	struct uas *uas;
	struct dialog *d;          /**< referenced                          */
	struct mbuf *mb;
	char branch[40];
	struct qtmr tmr_e, tmr_f;
	uint32_t rt_ms;
};

static void dialog_destructor(void *arg)
{
	struct dialog *d = arg;

	list_unlink(&d->le);
	hash_unlink(&d->he);
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

/* Section 12.1.1: the remote target is the Contact of the INVITE (its
 * first line: see request.c on commas) */
static int remote_target(struct dialog *d, const struct sreq *rq)
{
	const struct sip_hdr *ct = sreq_lines_apply(rq, SIP_HDR_CONTACT,
						    NULL, NULL);
	struct sip_addr addr;

	if (ct && !sip_addr_decode(&addr, &ct->val))
		return pl_strdup(&d->target, &addr.auri);
	return pl_strdup(&d->target, &rq->msg->from.auri);
}

static bool rr_join_h(const struct sip_hdr *hdr, const struct sip_msg *msg,
		      void *arg)
{
	struct mbuf *mb = arg;

	(void)msg;
	/* true stops the walk: out of memory */
	return mbuf_printf(mb, "%s%r", mb->end ? ", " : "", &hdr->val) != 0;
}

/* Section 12.1.1: the route set of a UAS is Record-Route in order */
static int route_set(struct dialog *d, const struct sreq *rq)
{
	struct mbuf *mb = mbuf_alloc(64);
	int err = 0;

	if (!mb)
		return ENOMEM;
	if (sreq_lines_apply(rq, SIP_HDR_RECORD_ROUTE, rr_join_h, mb))
		err = ENOMEM;
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
	const struct sreq *rq = inv->req;
	const struct sip_msg *msg = rq->msg;
	const struct pl *to = sreq_hdr(rq, SIP_HDR_TO);
	const struct pl *from = sreq_hdr(rq, SIP_HDR_FROM);
	struct uas *u = inv->uas;
	struct dialog *d;
	int err;

	if (!to || !from)
		return EINVAL;
	d = mem_zalloc(sizeof(*d), dialog_destructor);
	if (!d)
		return ENOMEM;
	d->uas = u;

	err  = pl_strdup(&d->callid, &msg->callid);
	err |= str_dup(&d->ltag, inv->totag);
	err |= msg->from.tag.p ? pl_strdup(&d->rtag, &msg->from.tag) : 0;
	err |= re_sdprintf(&d->lhdr, "%r;tag=%s", to, inv->totag);
	err |= pl_strdup(&d->rhdr, from);
	err |= remote_target(d, rq);
	err |= route_set(d, rq);
	if (err) {
		mem_deref(d);
		return ENOMEM;
	}

	d->lseq = 1 + rand_u32() % 10000;
	flow_set(&d->flow, &inv->flow);
	d->inv = inv;
	inv->dlg = d;
	list_append(&u->dlgl, &d->le, d);
	hash_append(u->dlgh, hash_joaat_str(d->callid), &d->he, d);
	return 0;
}

/** Section 12.2.2: Call-ID (byte by byte), our tag in To, theirs in
 *  From (tokens: case-insensitive) */
struct dialog *dialog_find(struct uas *u, const struct sreq *rq)
{
	const struct sip_msg *msg = rq->msg;
	struct le *le;

	LIST_FOREACH(hash_list(u->dlgh, hash_joaat_pl(&msg->callid)), le) {
		struct dialog *d = le->data;
		struct pl callid;

		pl_set_str(&callid, d->callid);
		if (sreq_callid_eq(&msg->callid, &callid) &&
		    sreq_token_is(&msg->to.tag, d->ltag) &&
		    sreq_token_is(&msg->from.tag, d->rtag))
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
	hash_unlink(&d->he);
	mem_deref(d);
	uas_check_exit(u);
}

/* -- our BYE -------------------------------------------------------------- */

static void uct_destructor(void *arg)
{
	struct uctrans *ct = arg;

	list_unlink(&ct->le);
	qtmr_cancel(&ct->tmr_e);
	qtmr_cancel(&ct->tmr_f);
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
	qtmr_start(&ct->tmr_e, ct->rt_ms, timer_e, ct);
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
			   sip_transp_name(d->flow.tp), &d->flow.local, branch);
	err |= mbuf_printf(mb, "Max-Forwards: 70\r\n");
	if (d->route)
		err |= mbuf_printf(mb, "Route: %s\r\n", d->route);
	err |= mbuf_printf(mb, "From: %s\r\nTo: %s\r\nCall-ID: %s\r\n"
			   "CSeq: %u BYE\r\nUser-Agent: %s\r\n"
			   "Content-Length: 0\r\n\r\n", d->lhdr, d->rhdr,
			   d->callid, d->lseq++, TARGET_UA);
	return err;
}

/*
 * --bye-new-connection: the BYE goes to the remote target (12.2.1.1: it
 * is the Request-URI, and without a route set the next hop) over a
 * connection of its own.  A UAS may open one: 18.1.1 reuses a connection
 * only "if a connection is open to the destination", and the client's
 * connection comes from its source port, not necessarily its Contact.
 * Only an IP literal is used; anything else keeps the INVITE's flow.
 */
static void bye_flow(struct dialog *d)
{
	struct flow f;
	struct uri uri;
	struct pl pl;
	struct sa dst;

	if (!d->uas->cfg->bye_new_conn || !flow_stream(&d->flow) || d->route)
		return;
	pl_set_str(&pl, d->target);
	if (uri_decode(&uri, &pl) ||
	    sa_set(&dst, &uri.host, uri.port ? uri.port : SIP_PORT) ||
	    net_connect(&f, &d->flow, &dst))
		return;
	flow_clear(&d->flow);
	d->flow = f;
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
	qtmr_init(&ct->tmr_e);
	qtmr_init(&ct->tmr_f);
	rand_str(r, sizeof(r));
	re_snprintf(ct->branch, sizeof(ct->branch), "z9hG4bK-tg-%s", r);

	ct->mb = mbuf_alloc(512);
	err = ct->mb ? bye_build(d, ct->branch, ct->mb) : ENOMEM;
	if (err) {
		mem_deref(ct);
		return err;
	}
	list_append(&u->ctl, &ct->le, ct);

	bye_flow(d);
	net_send_mb(&d->flow, ct->mb);
	if (!flow_stream(&d->flow)) {
		ct->rt_ms = cfg->t1_ms;
		qtmr_start(&ct->tmr_e, ct->rt_ms, timer_e, ct);
	}
	qtmr_start(&ct->tmr_f, 64 * (uint64_t)cfg->t1_ms, timer_f, ct);
	return 0;
}

/** A response to a request we sent: only our BYEs are expected, matched
 *  by the branch we gave them (section 17.1.3) */
void dialog_response(struct uas *u, const struct sreq *rq)
{
	const struct sip_msg *msg = rq->msg;
	struct le *le;

	if (!pl_isset(&msg->via.sentby) || pl_strcmp(&msg->cseq.met, "BYE"))
		return;

	LIST_FOREACH(&u->ctl, le) {
		struct uctrans *ct = le->data;

		if (!sreq_token_is(&msg->via.branch, ct->branch))
			continue;
		if (msg->scode >= 200)
			uct_done(ct);
		else
			qtmr_cancel(&ct->tmr_e);
		return;
	}
}
