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
#include "sip/hdrlist.h"
#include "client/uac_priv.h"

struct uac_dialog {
	struct le le;
	char *totag;
	char *to;                  /**< To header value with tag           */
	char *target;              /**< remote target (Contact URI)         */
	char **rset;               /**< route set, URI by URI (12.1.2)      */
	unsigned rsetc;
	char *ruri;                /**< Request-URI inside the dialog       */
	char *route;               /**< Route header value, or NULL         */
	struct sa dst;             /**< next hop (8.1.2), unset: the target */
	enum sip_transp tp;        /**< to it (RFC 3263 section 4.1)        */
	uint32_t cseq;             /**< our local CSeq in the dialog        */
	uint32_t rseq_acked;       /**< RSeq of the last PRACKed response   */
	char *offer;               /**< --no-sdp: the target's offer in the
				        2xx, answered in the ACK            */
	bool answered;             /**< the target's offer is answered      */
	bool confirmed;            /**< a 2xx created it                    */
	bool byed;                 /**< ended: our BYE, or the target's     */
	bool tp_noted;
};

static void destructor(void *arg)
{
	struct uac_dialog *d = arg;

	list_unlink(&d->le);
	mem_deref(d->totag);
	mem_deref(d->to);
	mem_deref(d->target);
	for (unsigned i = 0; i < d->rsetc; i++)
		mem_deref(d->rset[i]);
	mem_deref(d->rset);
	mem_deref(d->ruri);
	mem_deref(d->route);
	mem_deref(d->offer);
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

/*
 * Route set: "the list of URIs in the Record-Route header field from the
 * response, taken in reverse order" (12.1.2).  One Record-Route line may
 * list several URIs, so the list is reversed URI by URI (7.3.1: lines
 * may be combined or split without changing the meaning).
 */
static int route_set(const struct uac *u, struct uac_dialog *d,
		     const struct jmsg *jm)
{
	unsigned n = hdrlist_values(jm->m, HDR_RECORD_ROUTE, NULL, 0);
	struct pl *v, ours = PL_INIT;
	int err = 0;

	for (unsigned i = 0; i < d->rsetc; i++)
		d->rset[i] = mem_deref(d->rset[i]);
	d->rset = mem_deref(d->rset);
	d->rsetc = 0;
	if (!n)
		return 0;

	v = mem_zalloc(n * sizeof(*v), NULL);
	d->rset = mem_zalloc(n * sizeof(*d->rset), NULL);
	if (!v || !d->rset) {
		err = ENOMEM;
		goto out;
	}
	hdrlist_values(jm->m, HDR_RECORD_ROUTE, v, n);
	if (u->rr)
		pl_set_str(&ours, u->rr);
	for (unsigned i = 0; i < n && !err; i++) {
		const struct pl *r = &v[n - 1 - i];

		/* our own Record-Route (--via-host) is the last value, and
		 * the first route would be ourselves: a proxy "MUST remove"
		 * the value that names it (16.4), so it is not in our set */
		if (!i && u->rr && copied_eq(r, &ours))
			continue;
		err = pl_strdup(&d->rset[d->rsetc], r);
		if (!err)
			d->rsetc++;
	}
 out:
	mem_deref(v);
	return err;
}

/* A route URI with the lr parameter is a loose router (12.2.1.1) */
static bool route_lr(const char *route, struct pl *auri)
{
	struct sip_addr addr;
	struct uri uri;
	struct pl pl, v;

	pl_set_str(&pl, route);
	if (sip_addr_decode(&addr, &pl))
		return true;    /* unreadable: keep it where it is */
	if (auri)
		*auri = addr.auri;
	return uri_decode(&uri, &addr.auri) ||
		!msg_param_exists(&uri.params, "lr", &v);
}

/*
 * Request-URI and Route of requests inside the dialog (12.2.1.1): with
 * an empty route set or a loose first router, the remote target and the
 * route set as it is; with a strict first router (no lr), "the UAC MUST
 * place the first URI from the route set into the Request-URI ... The
 * UAC MUST add a Route header field containing the remainder of the
 * route set values in order ... then place the remote target URI into
 * the Route header field as the last value".
 */
static int route_build(struct uac_dialog *d, const char *dflt)
{
	const char *target = d->target ? d->target : dflt;
	struct mbuf *mb;
	struct pl first;
	bool strict;
	int err = 0;

	d->ruri = mem_deref(d->ruri);
	d->route = mem_deref(d->route);

	strict = d->rsetc && !route_lr(d->rset[0], &first);
	if (strict)
		err = pl_strdup(&d->ruri, &first);
	else
		err = str_dup(&d->ruri, target);
	if (err || !d->rsetc)
		return err;

	mb = mbuf_alloc(256);
	if (!mb)
		return ENOMEM;
	for (unsigned i = strict ? 1 : 0; i < d->rsetc; i++)
		err |= mbuf_printf(mb, "%s%s", mb->end ? ", " : "",
				   d->rset[i]);
	if (strict)
		err |= mbuf_printf(mb, "%s<%s>", mb->end ? ", " : "", target);
	if (!err) {
		mb->pos = 0;
		err = mbuf_strdup(mb, &d->route, mb->end);
	}
	mem_deref(mb);
	return err;
}

/*
 * Where requests inside the dialog go (8.1.2, 12.2.1.1): the first route
 * URI when there is a route set, else the remote target.  Only an IP
 * literal is used: a name would need a DNS look-up the tester does not
 * make, and then the request goes to the target the run was pointed at.
 *
 * RFC 3263 section 4.1: "If the URI specifies a transport protocol in the
 * transport parameter, that transport protocol SHOULD be used"; so a
 * remote target with ;transport=tcp gets the BYE over TCP in a UDP run,
 * and ;transport=udp over UDP in a TCP run.  A transport we do not speak
 * (tls, sctp, ws, wss, or one we do not know) is not guessed at: sending
 * its requests over UDP or TCP to that port would reach nothing that
 * reads them.  They go over the run's transport to the address the run
 * was pointed at, where the target took our INVITE, and a note says so.
 */
static void next_hop(struct uac *u, struct uac_dialog *d)
{
	struct pl hop, tp;
	struct uri uri;

	sa_init(&d->dst, AF_UNSPEC);
	d->tp = u->cfg.tp;

	if (d->rsetc)
		route_lr(d->rset[0], &hop);
	else if (d->target)
		pl_set_str(&hop, d->target);
	else
		return;

	if (uri_decode(&uri, &hop))
		return;

	if (!msg_param_decode(&uri.params, "transport", &tp)) {
		if (!pl_strcasecmp(&tp, "udp"))
			d->tp = SIP_TRANSP_UDP;
		else if (!pl_strcasecmp(&tp, "tcp"))
			d->tp = SIP_TRANSP_TCP;
		else {
			if (!d->tp_noted)
				trace_note(u->t, wire_now(u->w), "the dialog's "
					   "next hop asks for transport=%r, "
					   "which sipconform does not speak: "
					   "requests in the dialog go over %s "
					   "to %J, the target of the run",
					   &tp, sip_transp_name(u->cfg.tp),
					   &u->cfg.peer);
			d->tp_noted = true;
			return;
		}
	}

	if (sa_set(&d->dst, &uri.host, uri.port ? uri.port : SIP_PORT))
		sa_init(&d->dst, AF_UNSPEC);
	else if (d->tp != u->cfg.tp && !d->tp_noted) {
		d->tp_noted = true;
		trace_note(u->t, wire_now(u->w), "the dialog's next hop asks "
			   "for transport=%r: requests in the dialog go over "
			   "%s to %J (RFC 3263 section 4.1)", &tp,
			   sip_transp_name(d->tp), &d->dst);
	}
	if (!sa_isset(&d->dst, SA_ALL))
		d->tp = u->cfg.tp;
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
	/* an early dialog's route set is fixed by its first response;
	 * the 2xx sets it anew (12.1.2, 13.2.2.4) */
	if (jm->d.scode >= 200 || !d->ruri)
		route_set(u, d, jm);
	if (jm->d.scode >= 200 && jm->d.scode < 300) {
		d->confirmed = true;
		/* --no-sdp: an SDP body in the 2xx is the offer, unless a
		 * reliable 1xx carried it and the PRACK answered it */
		if (!u->cfg.sdp && jm->d.has_sdp && !d->answered &&
		    !d->offer)
			pl_strdup(&d->offer, &jm->m->body);
	}

	route_build(d, u->cfg.ruri);
	next_hop(u, d);
	return d;
}

/* ACK (no transaction), BYE, PRACK */
static int dialog_send(struct uac *u, struct uac_dialog *d, const char *met,
		       uint32_t cseq, const char *hdrs, const struct pl *answer)
{
	char branch[BRANCH_SIZE];
	struct request req = {
		.met = met, .uri = d->ruri ? d->ruri : u->cfg.ruri,
		.branch = branch, .route = d->route, .to = d->to,
		.cseq = cseq, .hdrs = hdrs, .answer = answer,
		.tp_set = true, .tp = d->tp,
	};
	struct mbuf *mb = NULL;
	int err;

	request_branch(branch);

	if (strcmp(met, "ACK"))
		return ctrans_send(NULL, u, &req, &d->dst, NULL);

	err = request_print(&mb, u, &req);
	if (!err)
		err = wire_send_tp(u->w, d->tp, sa_isset(&d->dst, SA_ALL) ?
				   &d->dst : NULL, mb->buf, mb->end);
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

/**
 * PRACK a reliable provisional (RFC 3262 section 4).  The first one
 * starts the sequence; after it, "If the UAC receives another reliable
 * provisional response to the same request, and its RSeq value is not one
 * higher than the value of the sequence number, that response MUST NOT be
 * acknowledged with a PRACK, and MUST NOT be processed further by the
 * UAC."  A retransmission (the same RSeq) is not PRACKed again either: the
 * PRACK's own transaction retransmits it.
 */
void dialog_prack(struct uac *u, struct uac_dialog *d, const struct jmsg *jm)
{
	struct pl body;
	bool answer;
	char rack[64];

	if (!jm->d.has_rseq || !jm->d.require_100rel)
		return;
	if (d->rseq_acked && jm->d.rseq != d->rseq_acked + 1) {
		if (jm->d.rseq != d->rseq_acked)
			trace_note(u->t, wire_now(u->w), "no PRACK for RSeq "
				   "%u: not one higher than %u (RFC 3262 "
				   "section 4)", jm->d.rseq, d->rseq_acked);
		return;
	}

	/* --no-sdp: an offer in a reliable 1xx is answered in the PRACK
	 * (RFC 3262 section 5) */
	answer = !u->cfg.sdp && jm->d.has_sdp && !d->answered;
	if (answer) {
		body = jm->m->body;
		d->answered = true;
	}

	d->rseq_acked = jm->d.rseq;
	re_snprintf(rack, sizeof(rack), "RAck: %u %u INVITE\r\n", jm->d.rseq,
		    jm->d.cseq.num);
	dialog_send(u, d, "PRACK", next_cseq(u, d), rack,
		    answer ? &body : NULL);
}

/**
 * ACK a 2xx: end to end, one for each 2xx received, retransmissions and
 * forks included (13.2.2.4).  There too: "The ACK MUST contain the same
 * credentials as the INVITE.  If the 2xx contains an offer (based on the
 * rules above), the ACK MUST carry an answer in its body."
 */
int dialog_ack(struct uac *u, struct uac_dialog *d,
	       const struct uac_ctrans *inv)
{
	struct pl offer;

	if (d->offer)
		pl_set_str(&offer, d->offer);
	return dialog_send(u, d, "ACK", ctrans_cseq(inv), ctrans_auth(inv),
			   d->offer ? &offer : NULL);
}

/** ACK the 2xx of every confirmed dialog: the end of the no-ack window */
int dialog_ack_all(struct uac *u, const struct uac_ctrans *inv)
{
	struct le *le;
	int err = 0;

	LIST_FOREACH(&u->dialogs, le) {
		struct uac_dialog *d = le->data;

		if (d->confirmed)
			err |= dialog_ack(u, d, inv);
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
		if (!dialog_send(u, d, "BYE", next_cseq(u, d), NULL, NULL))
			n++;
	}
	return n;
}

/** The dialog a request of the target belongs to (12.2.2): our Call-ID,
 *  our tag in To, its tag in From; NULL for none */
struct uac_dialog *dialog_match(const struct uac *u, const struct jmsg *jm)
{
	struct pl cid, ftag;

	pl_set_str(&cid, u->callid);
	pl_set_str(&ftag, u->ftag);
	if (!jm->d.call_id.p || !callid_eq(&jm->d.call_id, &cid) ||
	    !jm->d.to_tag.p || !tag_eq(&jm->d.to_tag, &ftag) ||
	    !jm->d.from_tag.p)
		return NULL;

	return dialog_find(u, &jm->d.from_tag);
}

/** The target's BYE ended dialog d: no BYE of ours (15.1.2) */
void dialog_ended(struct uac_dialog *d)
{
	if (d)
		d->byed = true;
}

bool dialog_is_ended(const struct uac_dialog *d)
{
	return d->byed;
}
