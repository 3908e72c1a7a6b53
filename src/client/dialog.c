/**
 * @file dialog.c  Dialogs as the UAC sees them (RFC 3261 section 12)
 *
 * One dialog per To tag of a 101-299 response to our INVITE, forks
 * included.  Requests inside a dialog (ACK of a 2xx, PRACK, BYE) go to
 * its remote target through its route set.
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "client/uac_priv.h"

struct uac_dialog {
	struct le le;
	char *totag;
	char *to;                  /**< To header value with tag           */
	char *target;              /**< remote target (Contact URI)         */
	char *route;               /**< Route header value, or NULL         */
	struct sa dst;             /**< next hop (8.1.2), unset: the target */
	uint32_t cseq;             /**< our local CSeq in the dialog        */
	uint32_t rseq_acked;       /**< highest RSeq we PRACKed             */
	bool confirmed;            /**< a 2xx created it                    */
	bool byed;
};

static void destructor(void *arg)
{
	struct uac_dialog *d = arg;

	list_unlink(&d->le);
	mem_deref(d->totag);
	mem_deref(d->to);
	mem_deref(d->target);
	mem_deref(d->route);
}

static struct uac_dialog *dialog_find(const struct uac *u,
				      const struct pl *tag)
{
	struct le *le;

	LIST_FOREACH(&u->dialogs, le) {
		struct uac_dialog *d = le->data;
		struct pl t;

		pl_set_str(&t, d->totag);
		if (tag_eq(tag, &t))
			return d;
	}
	return NULL;
}

/* Route set: the Record-Route entries in reverse order (12.1.2) */
static int route_set(char **routep, const struct jmsg *jm)
{
	const struct message *m = jm->m;
	struct mbuf *mb;
	bool first = true;
	int err = 0;

	mb = mbuf_alloc(128);
	if (!mb)
		return ENOMEM;

	for (int i = (int)m->hdrc - 1; i >= 0; i--) {
		if (m->hdrv[i].id != HDR_RECORD_ROUTE)
			continue;
		/* one Record-Route line may list several, in order; keep the
		 * order within a line, reverse the lines */
		err |= mbuf_printf(mb, "%s%r", first ? "" : ", ",
				   &m->hdrv[i].val);
		first = false;
	}

	if (!err && !first) {
		mb->pos = 0;
		err = mbuf_strdup(mb, routep, mb->end);
	}
	mem_deref(mb);
	return err;
}

/*
 * Where requests inside the dialog go (8.1.2, 12.2.1.1): the first Route
 * when there is a route set, else the remote target.  Only an IP literal
 * is used: a name would need a DNS look-up the tester does not make, and
 * then the request goes to the target the run was pointed at.
 */
static void next_hop(struct uac_dialog *d)
{
	struct pl first, hop;
	struct sip_addr addr;
	struct uri uri;

	sa_init(&d->dst, AF_UNSPEC);

	if (d->route) {
		pl_set_str(&first, d->route);
		if (sip_addr_decode(&addr, &first))
			return;
		hop = addr.auri;
	}
	else if (d->target) {
		pl_set_str(&hop, d->target);
	}
	else {
		return;
	}

	if (uri_decode(&uri, &hop) ||
	    sa_set(&d->dst, &uri.host, uri.port ? uri.port : SIP_PORT))
		sa_init(&d->dst, AF_UNSPEC);
}

/** The dialog a 101-299 response to our INVITE creates or refreshes */
struct uac_dialog *dialog_update(struct uac *u, const struct jmsg *jm)
{
	const struct msg_hdr *to = message_hdr(jm->m, HDR_TO);
	const struct msg_hdr *ct = message_hdr(jm->m, HDR_CONTACT);
	struct uac_dialog *d;

	if (!jm->d.to_tag.p || !jm->d.to_tag.l || !to)
		return NULL;

	d = dialog_find(u, &jm->d.to_tag);
	if (!d) {
		d = mem_zalloc(sizeof(*d), destructor);
		if (!d)
			return NULL;
		if (pl_strdup(&d->totag, &jm->d.to_tag) ||
		    pl_strdup(&d->to, &to->val)) {
			mem_deref(d);
			return NULL;
		}
		d->cseq = u->cseq;
		list_append(&u->dialogs, &d->le, d);
	}

	/* the remote target and route set come from the latest
	 * dialog-forming response (12.1.2, 12.2.1.2) */
	if (ct) {
		struct sip_addr addr;

		if (!sip_addr_decode(&addr, &ct->val)) {
			d->target = mem_deref(d->target);
			pl_strdup(&d->target, &addr.auri);
		}
	}
	if (jm->d.scode >= 200 || !d->route) {
		d->route = mem_deref(d->route);
		route_set(&d->route, jm);
	}
	if (jm->d.scode >= 200 && jm->d.scode < 300)
		d->confirmed = true;

	next_hop(d);
	return d;
}

/* ACK (no transaction), BYE, PRACK */
static int dialog_send(struct uac *u, struct uac_dialog *d, const char *met,
		       uint32_t cseq, const char *hdrs)
{
	char branch[BRANCH_SIZE];
	struct request req = {
		.met = met, .uri = d->target ? d->target : u->cfg.ruri,
		.branch = branch, .route = d->route, .to = d->to,
		.cseq = cseq, .hdrs = hdrs,
	};
	struct mbuf *mb = NULL;
	int err;

	request_branch(branch);

	if (strcmp(met, "ACK"))
		return ctrans_send(NULL, u, &req, &d->dst, NULL);

	err = request_print(&mb, u, &req);
	if (!err)
		err = wire_send_to(u->w, sa_isset(&d->dst, SA_ALL) ? &d->dst
				   : NULL, mb->buf, mb->end);
	mem_deref(mb);
	return err;
}

/* The next local CSeq in the dialog: above every one the UAC used, in
 * this dialog or outside it (12.2.1.1) */
static uint32_t next_cseq(struct uac *u, struct uac_dialog *d)
{
	d->cseq = MAX(d->cseq, u->cseq) + 1;
	u->cseq = d->cseq;
	return d->cseq;
}

/** PRACK a reliable provisional not PRACKed yet (RFC 3262 section 4) */
void dialog_prack(struct uac *u, struct uac_dialog *d, const struct jmsg *jm)
{
	char rack[64];

	if (!jm->d.has_rseq || !jm->d.require_100rel ||
	    jm->d.rseq <= d->rseq_acked)
		return;

	d->rseq_acked = jm->d.rseq;
	re_snprintf(rack, sizeof(rack), "RAck: %u %u INVITE\r\n", jm->d.rseq,
		    jm->d.cseq.num);
	dialog_send(u, d, "PRACK", next_cseq(u, d), rack);
}

/** ACK a 2xx: end to end, one for each 2xx received, retransmissions
 *  and forks included (13.2.2.4) */
int dialog_ack(struct uac *u, struct uac_dialog *d, uint32_t cseq)
{
	return dialog_send(u, d, "ACK", cseq, NULL);
}

/** ACK the 2xx of every confirmed dialog: the end of the no-ack window */
int dialog_ack_all(struct uac *u, uint32_t cseq)
{
	struct le *le;
	int err = 0;

	LIST_FOREACH(&u->dialogs, le) {
		struct uac_dialog *d = le->data;

		if (d->confirmed)
			err |= dialog_ack(u, d, cseq);
	}
	return err;
}

/** BYE every confirmed dialog not yet ended; returns how many */
unsigned dialog_bye_all(struct uac *u)
{
	struct le *le;
	unsigned n = 0;

	LIST_FOREACH(&u->dialogs, le) {
		struct uac_dialog *d = le->data;

		if (!d->confirmed || d->byed)
			continue;
		d->byed = true;
		if (!dialog_send(u, d, "BYE", next_cseq(u, d), NULL))
			n++;
	}
	return n;
}
