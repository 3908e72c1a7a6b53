/**
 * @file uas.c  Receive, match and answer requests: server transactions
 *
 * Every request is read once with libre's decoder (request.c) and
 * matched to a server transaction by top Via branch, sent-by and method
 * (RFC 3261 section 17.2.3); a retransmission gets the last response
 * again.  Responses copy Via, From, To, Call-ID and CSeq
 * (section 8.2.6.2), add received/rport to the top Via (section 18.2.1,
 * RFC 3581) and always carry Content-Length.
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "target.h"
#include "uas.h"

enum { EXIT_GRACE_MIN = 50 };

uint64_t uas_ms(const struct uas *u)
{
	return net_ms(u->net);
}

/* -- server transactions -------------------------------------------------- */

static void st_destructor(void *arg)
{
	struct strans *st = arg;

	list_unlink(&st->le);
	hash_unlink(&st->he_branch);
	hash_unlink(&st->he_callid);
	qtmr_cancel(&st->tmr_rt);
	qtmr_cancel(&st->tmr_end);
	if (st->invite)
		invite_destroy(st);
	if (st->dlg)
		st->dlg->inv = NULL;
	mem_deref(st->last);
	mem_deref(st->final);
	mem_deref(st->req);
	flow_clear(&st->flow);
}

static int st_alloc(struct strans **stp, struct uas *u, struct sreq *rq,
		    const struct flow *f)
{
	struct strans *st = mem_zalloc(sizeof(*st), st_destructor);

	if (!st)
		return ENOMEM;
	st->uas = u;
	st->req = mem_ref(rq);
	flow_set(&st->flow, f);
	st->invite = sreq_is(rq, "INVITE");
	rand_str(st->totag, 17);
	qtmr_init(&st->tmr_rt);
	qtmr_init(&st->tmr_end);
	qtmr_init(&st->tmr_trying);
	qtmr_init(&st->tmr_ring);
	qtmr_init(&st->tmr_answer);
	qtmr_init(&st->tmr_rel);
	qtmr_init(&st->tmr_flood);
	list_append(&u->trl, &st->le, st);
	hash_append(u->trh_branch, hash_joaat_pl_ci(&rq->msg->via.branch),
		    &st->he_branch, st);
	hash_append(u->trh_callid, hash_joaat_pl(&rq->msg->callid),
		    &st->he_callid, st);
	*stp = st;
	return 0;
}

/** Section 17.2.3: top Via branch, sent-by, and method (NULL: the
 *  request's own; ACK and CANCEL look for "INVITE").  libre reads no
 *  request whose top Via lacks a branch. */
struct strans *st_match(struct uas *u, const struct sreq *rq,
			const char *method)
{
	const struct sip_via *via = &rq->msg->via;
	struct le *le;

	/* the branch is a token (7.3.1): hashed case-insensitively */
	LIST_FOREACH(hash_list(u->trh_branch, hash_joaat_pl_ci(&via->branch)),
		     le) {
		struct strans *st = le->data;
		const struct sip_msg *sm = st->req->msg;

		if (!sreq_token_eq(&sm->via.branch, &via->branch) ||
		    pl_casecmp(&sm->via.sentby, &via->sentby))
			continue;
		if (method ? pl_strcmp(&sm->met, method)
		    : pl_cmp(&sm->met, &rq->msg->met))
			continue;
		return st;
	}
	return NULL;
}

static void linger_end(void *arg)
{
	mem_deref(arg);
}

/** A finished transaction stays 64*T1 to absorb retransmissions (Timer J
 *  and friends, one length for all) */
void st_linger(struct strans *st)
{
	qtmr_start(&st->tmr_end, 64 * (uint64_t)st->uas->cfg->t1_ms,
		  linger_end, st);
}

int st_send(struct strans *st, const struct mbuf *mb)
{
	return net_send_mb(&st->flow, mb);
}

/* -- building responses ----------------------------------------------------- */

/* Section 18.2.1: is the sent-by host literally the source address? */
static bool sentby_is_source(const struct pl *sentby, const struct sa *src)
{
	struct pl host = *sentby;
	const char *e;
	struct sa sa;

	if (host.l && host.p[0] == '[') {
		e = pl_strchr(&host, ']');
		if (!e)
			return false;
		host.p++;
		host.l = (size_t)(e - host.p);
	}
	else if ((e = pl_strchr(&host, ':'))) {
		host.l = (size_t)(e - host.p);
	}

	return !sa_set(&sa, &host, 0) && sa_cmp(&sa, src, SA_ADDR);
}

/* The top Via with rport filled in (RFC 3581 section 4: received then
 * too) and received when sent-by is not the source (18.2.1) */
static int via_top(struct strans *st, const struct pl *v, char **outp)
{
	const struct tcfg *cfg = st->uas->cfg;
	const struct sa *src = &st->flow.peer;
	const char *semi = pl_strchr(v, ';');
	struct pl rest = PL_INIT, head = *v;
	bool rport = false, rcv;
	struct mbuf *mb = mbuf_alloc(128);
	int err;

	if (!mb)
		return ENOMEM;
	if (semi) {
		head.l = (size_t)(semi - v->p);
		rest.p = semi;
		rest.l = v->l - head.l;
	}
	err = mbuf_printf(mb, "%r", &head);

	while (rest.l) {
		struct pl prm = {rest.p + 1, rest.l - 1};
		const char *e = pl_strchr(&prm, ';');

		if (e)
			prm.l = (size_t)(e - prm.p);
		pl_advance(&rest, (ssize_t)prm.l + 1);
		while (prm.l && (*prm.p == ' ' || *prm.p == '\t'))
			pl_advance(&prm, 1);
		while (prm.l && (prm.p[prm.l - 1] == ' ' ||
				 prm.p[prm.l - 1] == '\t'))
			prm.l--;

		if (!pl_strcasecmp(&prm, "rport") && !BH(cfg, NO_RPORT)) {
			rport = true;
			err |= mbuf_printf(mb, ";rport=%u", sa_port(src));
		}
		else {
			err |= mbuf_printf(mb, ";%r", &prm);
		}
	}

	rcv = rport || !sentby_is_source(&st->req->msg->via.sentby, src);
	if (rcv && !BH(cfg, NO_RECEIVED) && !BH(cfg, RPORT_NO_RECEIVED))
		err |= mbuf_printf(mb, ";received=%j", src);

	if (!err) {
		mb->pos = 0;
		err = mbuf_strdup(mb, outp, mb->end);
	}
	mem_deref(mb);
	return err;
}

struct via_copy {
	struct strans *st;
	struct resp *r;
	bool top;
	int err;
};

static bool via_copy_h(const struct sip_hdr *hdr, const struct sip_msg *msg,
		       void *arg)
{
	struct via_copy *vc = arg;
	char *tv = NULL;

	(void)msg;
	if (!hdr->val.l)
		return false;
	if (!vc->top) {
		vc->err |= resp_add(vc->r, "Via", "%r", &hdr->val);
		return false;
	}
	vc->err |= via_top(vc->st, &hdr->val, &tv);
	if (tv)
		vc->err |= resp_add(vc->r, "Via", "%s", tv);
	mem_deref(tv);
	vc->top = false;
	return false;
}

/* Every Via value of the request, one line each, in order (libre splits
 * the Via lines into their values) */
static int add_vias(struct strans *st, struct resp *r)
{
	struct via_copy vc = {st, r, true, 0};

	(void)sip_msg_hdr_apply(st->req->msg, true, SIP_HDR_VIA, via_copy_h,
				&vc);
	return vc.err;
}

static int copy_hdr(const struct sreq *rq, struct resp *r,
		    enum sip_hdrid id, const char *name)
{
	const struct pl *v = sreq_hdr(rq, id);

	return v ? resp_add(r, name, "%r", v) : 0;
}

/** A response with what section 8.2.6.2 says every response copies; the
 *  To tag on all but 100 */
int st_resp_init(struct strans *st, struct resp *r, uint16_t scode)
{
	const struct sreq *rq = st->req;
	const struct pl *to = sreq_hdr(rq, SIP_HDR_TO);
	bool tag = scode > 100 && !rq->msg->to.tag.p;
	int err;

	resp_init(r);
	err  = resp_status(r, scode, NULL);
	err |= add_vias(st, r);
	err |= copy_hdr(rq, r, SIP_HDR_FROM, "From");
	if (to)
		err |= resp_add(r, "To", "%r%s%s", to, tag ? ";tag=" : "",
				tag ? st->totag : "");
	err |= copy_hdr(rq, r, SIP_HDR_CALL_ID, "Call-ID");
	err |= copy_hdr(rq, r, SIP_HDR_CSEQ, "CSeq");
	if (scode == 100)
		err |= copy_hdr(rq, r, SIP_HDR_TIMESTAMP, "Timestamp");
	err |= resp_add(r, "Server", "%s", TARGET_UA);

	if (err)
		resp_reset(r);
	return err;
}

/* --contact-transport: the target listens on UDP and TCP at one address,
 * so its Contact may name either; any other name is a test of what the
 * client does with a transport it may not speak */
int st_contact(struct strans *st, struct resp *r)
{
	const char *tp = st->uas->cfg->contact_tp;

	if (tp)
		return resp_add(r, "Contact", "<sip:target@%J;transport=%s>",
				&st->flow.local, tp);
	return resp_add(r, "Contact", "<sip:target@%J%s>", &st->flow.local,
			flow_stream(&st->flow) ? ";transport=tcp" : "");
}

static bool unsupported_h(const struct sip_hdr *hdr,
			  const struct sip_msg *msg, void *arg)
{
	struct mbuf *mb = arg;

	(void)msg;
	if (!hdr->val.l || !pl_strcasecmp(&hdr->val, "100rel"))
		return false;
	/* true stops the walk: out of memory */
	return mbuf_printf(mb, "%s%r", mb->end ? ", " : "", &hdr->val) != 0;
}

/* The option tags of Require we do not support (section 8.2.2.3): tokens,
 * so case-insensitive; libre splits the Require lines into them */
static int unsupported_tags(const struct sreq *rq, struct mbuf *mb)
{
	return sip_msg_hdr_apply(rq->msg, true, SIP_HDR_REQUIRE,
				 unsupported_h, mb) ? ENOMEM : 0;
}

static int add_unsupported(struct strans *st, struct resp *r)
{
	struct mbuf *mb = mbuf_alloc(64);
	int err;

	if (!mb)
		return ENOMEM;
	err = unsupported_tags(st->req, mb);
	if (!err)
		err = resp_add(r, "Unsupported", "%b",
			       mb->end ? (char *)mb->buf : "x-none",
			       mb->end ? mb->end : (size_t)6);
	mem_deref(mb);
	return err;
}

static int add_challenge(struct strans *st, struct resp *r, const char *name)
{
	struct uas *u = st->uas;
	char *ch = NULL;
	int err;

	err = auth_challenge(&ch, u->cfg, u->secret, uas_ms(u));
	if (!err)
		err = resp_add(r, name, "%s", ch);
	mem_deref(ch);
	return err;
}

/** The header fields a non-2xx final of this code needs (section 21) */
int st_code_headers(struct strans *st, struct resp *r)
{
	const struct sa *l = &st->flow.local;

	switch (r->scode) {

	case 401: return add_challenge(st, r, "WWW-Authenticate");
	case 407: return add_challenge(st, r, "Proxy-Authenticate");
	case 405: return resp_add(r, "Allow", TARGET_ALLOW);
	case 415: return resp_add(r, "Accept", "application/sdp") |
			resp_add(r, "Accept-Encoding", "identity") |
			resp_add(r, "Accept-Language", "en");
	case 420: return add_unsupported(st, r);
	case 421: return resp_add(r, "Require", "100rel");
	case 422: return resp_add(r, "Min-SE", "1800");
	case 423: return resp_add(r, "Min-Expires", "3600");
	case 485: return resp_add(r, "Contact", "<sip:one@%J>", l) |
			resp_add(r, "Contact", "<sip:other@%J>", l);
	case 488: return resp_add(r, "Warning", "304 sipconform-target "
				  "\"Media type not available\"");
	case 503: return resp_add(r, "Retry-After", "30");
	default: break;
	}

	if (r->scode >= 300 && r->scode < 400)
		return resp_add(r, "Contact", "<sip:elsewhere@%J>", l);
	return 0;
}

/**
 * Let the misbehaviours edit r, encode it, send it.  r is reset.  The
 * bytes go to *mbp when asked for; SR_STORE keeps them as st->last.
 * A message without its empty line ends what a stream can carry.
 */
int st_respond(struct strans *st, struct resp *r, enum rkind kind,
	       bool reliable, int flags, struct mbuf **mbp)
{
	const struct tcfg *cfg = st->uas->cfg;
	struct rctx c = {kind, st->flow.tp, st->offer, reliable,
			 st->challenged};
	struct mbuf *mb = NULL;
	bool cut, no_eoh;
	int err;

	err = behave_edit(cfg->bh, r, &c);
	no_eoh = r->no_eoh;
	if (!err)
		err = resp_encode(r, &mb);
	resp_reset(r);
	if (err)
		return err;

	cut = (flags & SR_CUT) && (BH(cfg, TCP_HALF) || BH(cfg, TCP_RESET));
	if (flags & SR_HOLD)
		;
	else if (cut)
		net_send_cut(&st->flow, mb, BH(cfg, TCP_RESET));
	else
		net_send_mb(&st->flow, mb);
	if (no_eoh)
		net_conn_close(&st->flow);

	if (flags & SR_STORE) {
		mem_deref(st->last);
		st->last = mem_ref(mb);
	}
	if (mbp)
		*mbp = mem_ref(mb);
	mem_deref(mb);
	return 0;
}

/* Send r, a response of a non-INVITE transaction; a final completes it
 * (and it lingers for the retransmitted request) */
static int st_send_resp(struct strans *st, struct resp *r, enum rkind kind)
{
	uint16_t scode = r->scode;
	int err = st_respond(st, r, kind, false, SR_STORE, NULL);

	if (scode >= 200) {
		st->scode = scode;
		st->state = ST_COMPLETED;
		st_linger(st);
	}
	return err;
}

/** A simple response of a non-INVITE transaction; a final ends it */
int st_reply(struct strans *st, uint16_t scode, enum rkind kind)
{
	struct resp r;
	int err;

	err = st_resp_init(st, &r, scode);
	if (err)
		return err;
	if (scode >= 300)
		err = st_code_headers(st, &r);
	if (err) {
		resp_reset(&r);
		return err;
	}
	return st_send_resp(st, &r, kind);
}

/* -- the methods ------------------------------------------------------------ */

static int options_final(struct strans *st)
{
	const struct tcfg *cfg = st->uas->cfg;
	struct resp r;
	int err;

	err = st_resp_init(st, &r, cfg->options_code);
	if (err)
		return err;
	if (cfg->options_code == 200) {
		err |= resp_add(&r, "Allow", TARGET_ALLOW);
		err |= resp_add(&r, "Accept", "application/sdp");
		err |= resp_add(&r, "Accept-Encoding", "identity");
		err |= resp_add(&r, "Accept-Language", "en");
		err |= resp_add(&r, "Supported", "100rel");
		err |= st_contact(st, &r);
	}
	else if (cfg->options_code >= 300) {
		err |= st_code_headers(st, &r);
	}
	if (err) {
		resp_reset(&r);
		return err;
	}
	return st_send_resp(st, &r, RK_OPTIONS);
}

/* Section 11.2; the misbehaviours add what RFC 4320 forbids */
static void options(struct strans *st)
{
	const struct tcfg *cfg = st->uas->cfg;

	if (BH(cfg, OPTIONS_EARLY_100))
		st_reply(st, 100, RK_OTHER);
	if (BH(cfg, OPTIONS_180))
		st_reply(st, 180, RK_OTHER);
	if (BH(cfg, OPTIONS_408)) {
		st_reply(st, 408, RK_OTHER);
		return;
	}
	options_final(st);
}

static void bye(struct strans *st)
{
	struct dialog *d = dialog_find(st->uas, st->req);

	if (!d || BH(st->uas->cfg, BYE_481)) {
		st_reply(st, 481, RK_OTHER);
		return;
	}
	st_reply(st, 200, RK_OTHER);
	dialog_end(d);
}

static void prack(struct strans *st)
{
	struct strans *inv;
	uint32_t rseq;

	inv = invite_prack_match(st->uas, st->req, &rseq);
	if (!inv) {
		st_reply(st, 481, RK_OTHER);
		return;
	}
	/* prack-481: RFC 3262 section 3 wants a 2xx for a matching PRACK;
	 * the call goes on as if it had one */
	st_reply(st, BH(st->uas->cfg, PRACK_481) ? 481 : 200, RK_OTHER);
	invite_pracked(inv, rseq);
}

/* Section 8.2.2.3: 420 for an extension we do not know */
static bool bad_extension(struct strans *st)
{
	struct mbuf *mb = mbuf_alloc(64);
	bool bad;

	if (!mb)
		return false;
	bad = !unsupported_tags(st->req, mb) && mb->end;
	mem_deref(mb);
	if (!bad)
		return false;

	if (st->invite)
		invite_final(st, 420);
	else
		st_reply(st, 420, RK_OTHER);
	return true;
}

static void new_request(struct uas *u, struct sreq *rq, const struct flow *f)
{
	struct strans *st;

	if (st_alloc(&st, u, rq, f))
		return;

	if (sreq_is(rq, "CANCEL"))
		invite_cancel(st);
	else if (bad_extension(st))
		return;
	else if (st->invite)
		invite_start(st);
	else if (sreq_is(rq, "OPTIONS"))
		options(st);
	else if (sreq_is(rq, "BYE"))
		bye(st);
	else if (sreq_is(rq, "PRACK"))
		prack(st);
	else
		st_reply(st, 405, RK_OTHER);
}

/*
 * What libre cannot read is dropped, with a line under --verbose, not
 * answered 400: a response copies Via, From, To, Call-ID and CSeq from
 * the request (section 8.2.6.2), and a message libre rejects is one whose
 * Via, From, To, CSeq or Content-Type it could not decode, or that has no
 * empty line: nothing to copy them from that we could trust.  A request
 * libre reads but that lacks one of them is dropped the same way.
 */
static void recv_h(const struct flow *f, const uint8_t *p, size_t len,
		   void *arg)
{
	struct uas *u = arg;
	struct strans *st;
	struct sreq *rq;
	int err;

	if (BH(u->cfg, SILENCE))
		return;
	err = sreq_decode(&rq, p, len);
	if (err) {
		if (u->cfg->verbose)
			re_fprintf(stderr, "dropped: %zu bytes libre cannot "
				   "read (%m)\n", len, err);
		return;
	}

	if (!rq->msg->req) {
		dialog_response(u, rq);
	}
	else if (!sreq_answerable(rq)) {
		if (u->cfg->verbose)
			re_fprintf(stderr, "dropped: %r without usable Via, "
				   "CSeq, Call-ID, From or To\n",
				   &rq->msg->met);
	}
	else if (sreq_is(rq, "ACK")) {
		invite_ack(u, rq);
	}
	else if ((st = st_match(u, rq, NULL))) {
		/* a retransmission (17.2.1, 17.2.2) */
		if (st->last)
			st_send(st, st->last);
		else if (sreq_is(rq, "INVITE"))
			invite_again(st);
	}
	else {
		new_request(u, rq, f);
	}

	mem_deref(rq);
}

/* -- calls and the way out ---------------------------------------------- */

static void exit_h(void *arg)
{
	(void)arg;
	re_cancel();
}

/** An INVITE transaction is over (ACKed, or given up); challenges are not
 *  calls */
void uas_call_done(struct uas *u, struct strans *st)
{
	if (st->counted || st->challenged)
		return;
	st->counted = true;
	u->calls++;
	uas_check_exit(u);
}

/** --max-calls: leave once that many calls are over and no dialog is */
void uas_check_exit(struct uas *u)
{
	const struct tcfg *cfg = u->cfg;
	uint32_t grace = cfg->t1_ms > EXIT_GRACE_MIN ? cfg->t1_ms
		: EXIT_GRACE_MIN;

	if (!cfg->max_calls || u->calls < cfg->max_calls ||
	    !list_isempty(&u->dlgl) || qtmr_isrunning(&u->tmr_exit))
		return;
	if (cfg->verbose)
		re_fprintf(stderr, "%u calls done: exiting\n", u->calls);
	qtmr_start(&u->tmr_exit, grace, exit_h, u);
}

static void uas_destructor(void *arg)
{
	struct uas *u = arg;

	qtmr_cancel(&u->tmr_exit);
	list_flush(&u->ctl);
	list_flush(&u->trl);
	list_flush(&u->dlgl);
	mem_deref(u->trh_branch);
	mem_deref(u->trh_callid);
	mem_deref(u->dlgh);
	mem_deref(u->net);
}

int uas_alloc(struct uas **up, const struct tcfg *cfg)
{
	struct uas *u;
	int err;

	if (!up || !cfg)
		return EINVAL;

	u = mem_zalloc(sizeof(*u), uas_destructor);
	if (!u)
		return ENOMEM;
	u->cfg = cfg;
	list_init(&u->trl);
	list_init(&u->dlgl);
	list_init(&u->ctl);
	qtmr_init(&u->tmr_exit);
	rand_str(u->secret, sizeof(u->secret));

	err  = hash_alloc(&u->trh_branch, 4096);
	err |= hash_alloc(&u->trh_callid, 4096);
	err |= hash_alloc(&u->dlgh, 4096);
	if (err) {
		mem_deref(u);
		return ENOMEM;
	}
	err = net_alloc(&u->net, cfg, recv_h, u);
	if (err)
		mem_deref(u);
	else
		*up = u;
	return err;
}

const struct net *uas_net(const struct uas *u)
{
	return u->net;
}
