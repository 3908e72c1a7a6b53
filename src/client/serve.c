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

static int print_sdp(struct mbuf *mb, const struct uac *u,
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

	if (jmsg_method(jm, "ACK"))
		return;

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
		wire_reply(u->w, jm->ev, mb->buf, mb->end);
	mem_deref(mb);
}
