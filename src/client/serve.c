/**
 * @file serve.c  The target's own requests: answer what a UA must answer
 *
 * A target may send BYE (after giving up on an ACK), a re-INVITE or UPDATE
 * to refresh the session, OPTIONS, or requests we never asked for.  Each
 * gets the answer a UA owes, so that no exchange under test is broken by
 * the tester: a request in a dialog we do not know 481 (12.2.2), a BYE
 * 200 and the dialog ends (15.1.2), a re-INVITE or UPDATE 200 with the
 * answer to its offer, OPTIONS 200 with Allow, an unsolicited NOTIFY 481
 * (we never subscribe), a method we know but do not take 405 with Allow
 * (21.4.6), any other 501 (8.2.1); ACK nothing (17.2.1).  The response
 * copies Via, From, To, Call-ID and CSeq (8.2.6.2) and adds a To tag
 * where there is none: random, "at least 32 bits of randomness" (19.3).
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "client/uac_priv.h"
#include "loop/qtmr.h"

#define ALLOW "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK, UPDATE\r\n"

struct answer {
	const char *status;
	const char *hdrs;          /**< extra lines, or NULL             */
	bool contact;              /**< a dialog's target (12.1.1)        */
	const struct pl *offer;    /**< answered in the body              */
};

static bool copied(enum hdr_id id)
{
	return id == HDR_VIA || id == HDR_FROM || id == HDR_TO ||
		id == HDR_CALL_ID || id == HDR_CSEQ;
}

/* Methods of RFC 3261 and the companions a UA meets: known to us, not
 * taken (405 with Allow), as opposed to unknown (501) */
static bool known_method(const struct jmsg *jm)
{
	static const char *const known[] = {
		"SUBSCRIBE", "REFER", "MESSAGE", "INFO", "PUBLISH",
		"REGISTER",
	};

	for (size_t i = 0; i < ARRAY_SIZE(known); i++)
		if (jmsg_method(jm, known[i]))
			return true;
	return false;
}

/*
 * Our 2xx to a re-INVITE, until its ACK.  13.3.1.4: "The 2xx response is
 * passed to the transport with an interval that starts at T1 seconds and
 * doubles for each retransmission until it reaches T2 seconds ... The
 * response MUST be retransmitted until the ACK arrives": the UAS core does
 * it end to end, over any transport (a proxy on the path may use UDP).
 * "If the server retransmits the 2xx response for 64*T1 seconds without
 * receiving an ACK, the dialog is confirmed, but the session SHOULD be
 * terminated": the scenario's BYE does that; here a note.
 */
struct st2xx {
	struct le le;
	struct uac *u;
	const struct trace_ev *req;  /**< the re-INVITE (the trace owns it) */
	uint16_t via_port;           /**< its top Via's sent-by port, 0: none */
	struct pl callid;            /**< slices of req's bytes            */
	struct pl ftag;
	uint32_t cseq;
	struct mbuf *mb;
	uint32_t rt_ms;
	struct qtmr tmr_rt, tmr_end;
};

static void st_destructor(void *arg)
{
	struct st2xx *st = arg;

	qtmr_cancel(&st->tmr_rt);
	qtmr_cancel(&st->tmr_end);
	list_unlink(&st->le);
	mem_deref(st->mb);
}

static void st_retransmit(void *arg)
{
	struct st2xx *st = arg;

	wire_reply(st->u->w, st->req, st->via_port, st->mb->buf,
		   st->mb->end);
	st->rt_ms = MIN(2 * st->rt_ms, st->u->cfg.t2_ms);
	qtmr_start(&st->tmr_rt, st->rt_ms, st_retransmit, st);
}

static void st_end(void *arg)
{
	struct st2xx *st = arg;

	trace_note(st->u->t, wire_now(st->u->w), "no ACK for our 2xx to the "
		   "target's re-INVITE (CSeq %u) in 64*T1", st->cseq);
	mem_deref(st);
}

/* The 2xx of the same re-INVITE: by Call-ID, From tag and CSeq number
 * (an ACK of a 2xx has the INVITE's, 13.2.2.4) */
static struct st2xx *st_find(struct uac *u, const struct jmsg *jm)
{
	struct le *le;

	LIST_FOREACH(&u->sts, le) {
		struct st2xx *st = le->data;

		if (jm->d.has_cseq && jm->d.cseq.num == st->cseq &&
		    callid_eq(&jm->d.call_id, &st->callid) &&
		    jm->d.from_tag.p && tag_eq(&jm->d.from_tag, &st->ftag))
			return st;
	}
	return NULL;
}

static void st_start(struct uac *u, const struct jmsg *jm, struct mbuf *mb)
{
	struct st2xx *st = mem_zalloc(sizeof(*st), st_destructor);

	if (!st)
		return;
	st->u = u;
	st->req = jm->ev;
	st->via_port = jm->d.via.sent_by.port_num;
	st->callid = jm->d.call_id;   /* slices of the trace's copy */
	st->ftag = jm->d.from_tag;
	st->cseq = jm->d.cseq.num;
	st->mb = mem_ref(mb);
	st->rt_ms = u->cfg.t1_ms;
	qtmr_init(&st->tmr_rt);
	qtmr_init(&st->tmr_end);
	qtmr_start(&st->tmr_rt, st->rt_ms, st_retransmit, st);
	qtmr_start(&st->tmr_end, 64 * (uint64_t)u->cfg.t1_ms, st_end, st);
	list_append(&u->sts, &st->le, st);
}

/** The recording ended: no 2xx is retransmitted any more */
void serve_stop(struct uac *u)
{
	list_flush(&u->sts);
}

static void choose(struct answer *a, struct uac *u, const struct jmsg *jm)
{
	struct uac_dialog *d = dialog_match(u, jm);
	const bool in_dialog = jm->d.to_tag.p != NULL;

	memset(a, 0, sizeof(*a));

	if (jmsg_method(jm, "OPTIONS") && !in_dialog) {
		a->status = "200 OK";
		a->hdrs = ALLOW "Accept: application/sdp\r\n";
		return;
	}

	/* 12.2.2: "If the UAS wishes to reject the request because it does
	 * not wish to recreate the dialog, it MUST respond to the request
	 * with a 481 (Call/Transaction Does Not Exist)"; so is a BYE without
	 * a dialog (15.1.2), a NOTIFY we never subscribed to (RFC 6665
	 * section 4.1.3), a PRACK (we send no reliable 1xx) and a CANCEL
	 * (we answer every INVITE at once: nothing is pending, 9.2) */
	if (jmsg_method(jm, "NOTIFY") || jmsg_method(jm, "PRACK") ||
	    jmsg_method(jm, "CANCEL") ||
	    (in_dialog && (!d || dialog_is_ended(d))) ||
	    (!in_dialog && jmsg_method(jm, "BYE"))) {
		a->status = "481 Call/Transaction Does Not Exist";
		return;
	}

	if (jmsg_method(jm, "OPTIONS")) {
		/* in a dialog we have: as outside (11.2) */
		a->status = "200 OK";
		a->hdrs = ALLOW "Accept: application/sdp\r\n";
		return;
	}

	if (jmsg_method(jm, "BYE")) {
		dialog_ended(d);
		a->status = "200 OK";
		return;
	}

	if (d && (jmsg_method(jm, "INVITE") || jmsg_method(jm, "UPDATE"))) {
		/* a session refresh: the answer to its offer, or with no
		 * offer (a re-INVITE may omit it) our offer again */
		a->status = "200 OK";
		a->hdrs = ALLOW "Supported: 100rel\r\n";
		a->contact = true;
		if (jm->d.has_sdp)
			a->offer = &jm->m->body;
		else if (jm->m->body.l)
			a->status = "488 Not Acceptable Here";
		return;
	}

	if (jmsg_method(jm, "INVITE")) {
		/* a new call to the tester: it takes none (21.4.24) */
		a->status = "486 Busy Here";
		return;
	}

	if (jmsg_method(jm, "OPTIONS") || jmsg_method(jm, "UPDATE") ||
	    known_method(jm)) {
		a->status = "405 Method Not Allowed";
		a->hdrs = ALLOW;
		return;
	}

	a->status = "501 Not Implemented";
	a->hdrs = ALLOW;
}

static int print_sdp(struct mbuf *mb, struct uac *u,
		     const struct answer *a, bool reinvite)
{
	struct request req = {
		.met = "-", .uri = "-", .branch = "-",
		.answer = a->offer, .sdp = reinvite && !a->offer,
	};
	struct mbuf *tmp = NULL;
	const uint8_t *p;
	int err;

	/* the body lines of request.c, without its request: from the
	 * Content-Type on */
	err = request_print(&tmp, u, &req);
	if (err)
		return err;
	p = (const uint8_t *)strstr((const char *)tmp->buf, "\r\nContent-");
	err = p ? mbuf_write_mem(mb, p + 2, tmp->end - (p + 2 - tmp->buf))
		: EINVAL;
	mem_deref(tmp);
	return err;
}

/** Answer the request jm of the target */
void serve_request(struct uac *u, const struct jmsg *jm)
{
	const struct message *m = jm->m;
	struct answer a;
	bool body;
	struct mbuf *mb;
	int err;

	struct st2xx *st = st_find(u, jm);

	/* the ACK of our 2xx ends its retransmissions; a retransmitted
	 * re-INVITE gets the same 2xx again, not a new answer */
	if (jmsg_method(jm, "ACK")) {
		mem_deref(st);
		return;
	}
	if (st && jmsg_method(jm, "INVITE")) {
		wire_reply(u->w, jm->ev, jm->d.via.sent_by.port_num,
			   st->mb->buf, st->mb->end);
		return;
	}

	choose(&a, u, jm);
	body = !strncmp(a.status, "200", 3) && a.contact;

	mb = mbuf_alloc(1024);
	if (!mb)
		return;

	err = mbuf_printf(mb, "SIP/2.0 %s\r\n", a.status);
	for (unsigned i = 0; i < m->hdrc; i++) {
		const struct msg_hdr *h = &m->hdrv[i];

		if (!copied(h->id))
			continue;
		err |= mbuf_printf(mb, "%r: %r%s%s\r\n", &h->name, &h->val,
				   h->id == HDR_TO && !jm->d.to_tag.p ?
				   ";tag=" : "",
				   h->id == HDR_TO && !jm->d.to_tag.p ?
				   u->stag : "");
	}
	if (a.contact)
		err |= mbuf_printf(mb, "Contact: <sip:sipconform@%J%s>\r\n",
				   &u->local, sip_transp_param(u->cfg.tp));
	if (a.hdrs)
		err |= mbuf_write_str(mb, a.hdrs);
	err |= mbuf_write_str(mb, "User-Agent: sipconform/" PACKAGE_VERSION
			      "\r\n");
	if (body)
		err |= print_sdp(mb, u, &a, jmsg_method(jm, "INVITE"));
	else
		err |= mbuf_write_str(mb, "Content-Length: 0\r\n\r\n");
	if (!err)
		err = wire_reply(u->w, jm->ev, jm->d.via.sent_by.port_num,
				 mb->buf, mb->end);
	if (!err && body && jmsg_method(jm, "INVITE"))
		st_start(u, jm, mb);
	mem_deref(mb);
}
