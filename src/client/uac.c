/**
 * @file uac.c  The UAC: its identity, its requests outside a dialog, and
 *              the dispatch of what comes back
 *
 * Why not libre's sip_request(): its transport drops what sip_msg_decode
 * rejects, its INVITE client transaction absorbs retransmissions and ACKs
 * non-2xx finals out of sight.  A judge needs all of that on record, and
 * a tester needs to be able to withhold an ACK on purpose.  So the UAC
 * keeps its own transactions (ctrans.c) and dialogs (dialog.c) on the
 * wire layer.
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "client/uac_priv.h"

static void destructor(void *arg)
{
	struct uac *u = arg;

	list_flush(&u->ctl);
	list_flush(&u->dialogs);
	list_flush(&u->sts);
	mem_deref(u->sdp_last);
	mem_deref(u->w);
	mem_deref(u->from_uri);
	mem_deref(u->rr);
}

/** INVITE the target; with challenge, answer that 401/407 in it */
int uac_invite(struct uac *u, struct uac_ctrans **ctp,
	       const struct jmsg *challenge)
{
	char branch[BRANCH_SIZE];
	char *auth = NULL, *tail = NULL;
	struct request req = {
		.met = "INVITE", .uri = u->cfg.ruri, .branch = branch,
		.contact = true,
		.hdrs = "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK\r\n",
		.sdp = u->cfg.sdp,
	};
	int err;

	if (challenge) {
		err = auth_answer(&auth, u, challenge);
		if (err)
			return err;
	}

	err = re_sdprintf(&tail, "%s%s%s%s%s%s",
			  u->rr ? "Record-Route: " : "", u->rr ? u->rr : "",
			  u->rr ? "\r\n" : "",
			  u->cfg.require_100rel ? "Require: 100rel\r\n" : "",
			  u->cfg.no_100rel ? "" : "Supported: 100rel\r\n",
			  auth ? auth : "");
	if (err)
		goto out;

	request_branch(branch);
	req.cseq = ++u->cseq;
	req.hdrs_end = tail;

	err = ctrans_send(&u->invite, u, &req, NULL, auth);
	if (!err && ctp)
		*ctp = u->invite;
 out:
	mem_deref(tail);
	mem_deref(auth);
	return err;
}

/** CANCEL the INVITE inv: same Request-URI, Call-ID, To, From, CSeq
 *  number and top Via (9.1) */
int uac_cancel(struct uac *u, struct uac_ctrans *inv, struct uac_ctrans **ctp)
{
	struct request req = {
		.met = "CANCEL", .uri = u->cfg.ruri,
	};

	if (!inv || !ctrans_is_invite(inv))
		return EINVAL;

	req.branch = ctrans_branch(inv);
	req.cseq = ctrans_cseq(inv);
	return ctrans_send(ctp, u, &req, NULL, NULL);
}

/** OPTIONS outside a dialog (11.1) */
int uac_options(struct uac *u, struct uac_ctrans **ctp)
{
	char branch[BRANCH_SIZE];
	struct request req = {
		.met = "OPTIONS", .uri = u->cfg.ruri, .branch = branch,
		.contact = true, .hdrs = "Accept: application/sdp\r\n",
	};

	request_branch(branch);
	req.cseq = ++u->cseq;
	return ctrans_send(ctp, u, &req, NULL, NULL);
}

/** Send the ACKs that withhold_ack held back: the end of a no-ack run */
int uac_ack_pending(struct uac *u)
{
	int err = 0;

	u->cfg.withhold_ack = false;

	if (u->invite) {
		err |= dialog_ack_all(u, u->invite);
		err |= ctrans_ack_release(u->invite);
	}
	return err;
}

/** BYE every confirmed dialog not yet ended; returns how many */
unsigned uac_bye_all(struct uac *u)
{
	return dialog_bye_all(u);
}

/** Is any transaction still waiting for its final? */
bool uac_busy(const struct uac *u)
{
	struct le *le;

	LIST_FOREACH(&u->ctl, le) {
		if (!uac_ctrans_final(le->data))
			return true;
	}
	return false;
}

static void on_response(struct uac *u, const struct jmsg *jm)
{
	struct uac_ctrans *ct = ctrans_find(&u->ctl, jm);
	struct uac_dialog *d = NULL;
	const uint16_t sc = jm->d.scode;

	/* a stray, or a line too broken to act on: it is in the trace,
	 * and that is all a client can do with it (18.1.2) */
	if (!ct || !sc)
		return;

	if (ctrans_is_invite(ct) && sc > 100 && sc < 300)
		d = dialog_update(u, jm);

	ctrans_recv(ct, jm);

	/* The no-ack test withholds ACKs, never PRACKs: a target may hold
	 * its 2xx until the PRACK (RFC 3262 section 3) */
	if (d && sc < 200)
		dialog_prack(u, d, jm);
	else if (d && !u->cfg.withhold_ack)
		dialog_ack(u, d, ct);

	if (u->resph)
		u->resph(ct, jm, u->arg);
}

static void on_request(struct uac *u, const struct jmsg *jm)
{
	serve_request(u, jm);

	if (u->reqh)
		u->reqh(jm, u->arg);
}

static void wire_recv(struct trace_ev *ev, void *arg)
{
	struct uac *u = arg;
	struct jmsg jm;

	memset(&jm, 0, sizeof(jm));
	jm.m = mem_zalloc(sizeof(*jm.m), NULL);
	if (!jm.m)
		return;

	jm.ev = ev;
	jm.idx = ev->index;
	jm.t_us = ev->t_us;
	message_scan(jm.m, (const char *)ev->data, ev->len, 0);
	message_decode(&jm.d, jm.m);

	/* A datagram whose body is shorter than its Content-Length is
	 * discarded (18.3), and so is a stream message cut off by the close:
	 * recorded and judged, never acted on */
	if (ev->incomplete || (ev->tp == SIP_TRANSP_UDP && jm.m->clen_valid &&
			       jm.m->clen > jm.m->body.l))
		goto out;

	if (jm.d.request)
		on_request(u, &jm);
	else
		on_response(u, &jm);

 out:
	mem_deref(jm.m);
}

static void wire_close(int err, void *arg)
{
	struct uac *u = arg;

	if (u->closeh)
		u->closeh(err, u->arg);
}

/*
 * --via-host poses as a proxy in front of the UAC (a sent-by that is not
 * our address), and a proxy that wants to stay on the path of the dialog
 * adds a Record-Route (16.6 item 4: "The URI placed in the Record-Route
 * header field value MUST be a SIP or SIPS URI ... MUST contain an lr
 * parameter"), as a B2BUA or SBC in front of a UA does.  The UAS then owes
 * dialog.record-route (12.1.1); the value names where we listen.
 */
static int record_route(struct uac *u)
{
	const char *h = u->cfg.via_host;
	bool v6 = strchr(h, ':') && h[0] != '[';

	return re_sdprintf(&u->rr, "<sip:%s%s%s:%u;lr>", v6 ? "[" : "", h,
			   v6 ? "]" : "", sa_port(&u->local));
}

int uac_alloc(struct uac **up, struct trace *t, const struct uac_cfg *cfg,
	      uac_resp_h *resph, uac_timeout_h *toh, uac_req_h *reqh,
	      uac_close_h *closeh, void *arg)
{
	char rnd[26];
	struct uac *u;
	int err;

	if (!up || !t || !cfg || !cfg->ruri)
		return EINVAL;

	u = mem_zalloc(sizeof(*u), destructor);
	if (!u)
		return ENOMEM;

	u->cfg = *cfg;
	u->t = t;
	u->resph = resph;
	u->toh = toh;
	u->reqh = reqh;
	u->closeh = closeh;
	u->arg = arg;
	list_init(&u->ctl);
	list_init(&u->dialogs);
	list_init(&u->sts);

	err = wire_alloc(&u->w, t, cfg->tp,
			 sa_isset(&cfg->local, SA_ADDR) ? &cfg->local :
			 sa_isset(&cfg->src, SA_ADDR) ? &cfg->src : NULL,
			 &cfg->peer, wire_recv, wire_close, u);
	if (err)
		goto out;
	if (cfg->rcvbuf && cfg->tp == SIP_TRANSP_UDP) {
		err = wire_rcvbuf(u->w, cfg->rcvbuf);
		if (err)
			goto out;
	}
	wire_local(u->w, &u->local);

	rand_str(rnd, sizeof(rnd));
	re_snprintf(u->callid, sizeof(u->callid), "%s%s%s@sipconform", rnd,
		    cfg->callid_tag ? "-" : "",
		    cfg->callid_tag ? cfg->callid_tag : "");
	rand_str(u->ftag, 17);
	rand_str(u->stag, 17);

	if (cfg->from)
		err = str_dup(&u->from_uri, cfg->from);
	else
		/* an IPv6 host is an IPv6reference, in brackets (25.1:
		 * host = hostname / IPv4address / IPv6reference); a strict
		 * target answers a bare one 400 */
		err = re_sdprintf(&u->from_uri, "sip:sipconform@%s%j%s",
				  sa_af(&u->local) == AF_INET6 ? "[" : "",
				  &u->local,
				  sa_af(&u->local) == AF_INET6 ? "]" : "");
	if (!err && cfg->via_host)
		err = record_route(u);

 out:
	if (err)
		mem_deref(u);
	else
		*up = u;
	return err;
}

/** Stop all timers and close the recording */
void uac_finish(struct uac *u)
{
	struct le *le;

	LIST_FOREACH(&u->ctl, le)
		ctrans_stop(le->data);
	serve_stop(u);
	wire_finish(u->w);
}
