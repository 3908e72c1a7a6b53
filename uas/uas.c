/**
 * @file uas.c  Receive, match and answer requests: server transactions
 *
 * Every request is read once with the client's decoder (message_scan +
 * jmsg_decode) and matched to a server transaction by top Via branch,
 * sent-by and method (RFC 3261 section 17.2.3); a retransmission gets the
 * last response again.  Responses copy Via, From, To, Call-ID and CSeq
 * (section 8.2.6.2), add received/rport to the top Via (section 18.2.1,
 * RFC 3581) and always carry Content-Length.
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

enum { MAX_VIAS = 32, EXIT_GRACE_MIN = 50 };

uint64_t uas_ms(const struct uas *u)
{
	return net_ms(u->net);
}

bool pl_eq_str(const struct pl *pl, const char *s)
{
	if (!pl->p || !s)
		return !pl->p && !s;
	return !pl_strcmp(pl, s);
}

static bool is_method(const struct jmsg *jm, const char *met)
{
	return jm->d.request && !pl_strcmp(&jm->d.method, met);
}

/* -- received requests ---------------------------------------------------- */

static void sreq_destructor(void *arg)
{
	struct sreq *rq = arg;

	mem_deref(rq->m);
	mem_deref(rq->mb);
}

static int sreq_alloc(struct sreq **rqp, const uint8_t *p, size_t len)
{
	struct sreq *rq = mem_zalloc(sizeof(*rq), sreq_destructor);

	if (!rq)
		return ENOMEM;
	rq->mb = mbuf_alloc(len ? len : 1);
	rq->m = mem_zalloc(sizeof(*rq->m), NULL);
	if (!rq->mb || !rq->m || mbuf_write_mem(rq->mb, p, len)) {
		mem_deref(rq);
		return ENOMEM;
	}

	message_scan(rq->m, (const char *)rq->mb->buf, len, 0);
	rq->jm.m = rq->m;
	message_decode(&rq->jm.d, rq->jm.m);
	*rqp = rq;
	return 0;
}

/* -- server transactions -------------------------------------------------- */

static void st_destructor(void *arg)
{
	struct strans *st = arg;

	list_unlink(&st->le);
	tmr_cancel(&st->tmr_rt);
	tmr_cancel(&st->tmr_end);
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
	st->invite = is_method(&rq->jm, "INVITE");
	rand_str(st->totag, 17);
	tmr_init(&st->tmr_rt);
	tmr_init(&st->tmr_end);
	tmr_init(&st->tmr_trying);
	tmr_init(&st->tmr_ring);
	tmr_init(&st->tmr_answer);
	tmr_init(&st->tmr_rel);
	tmr_init(&st->tmr_flood);
	list_append(&u->trl, &st->le, st);
	*stp = st;
	return 0;
}

/** Section 17.2.3: top Via branch, sent-by, and method (NULL: the
 *  request's own; ACK and CANCEL look for "INVITE") */
struct strans *st_match(struct uas *u, const struct jmsg *jm,
			const char *method)
{
	struct le *le;

	LIST_FOREACH(&u->trl, le) {
		struct strans *st = le->data;
		const struct jmsg *sj = &st->req->jm;

		if (pl_cmp(&sj->d.via.branch, &jm->d.via.branch) ||
		    pl_casecmp(&sj->d.via.sentby, &jm->d.via.sentby))
			continue;
		if (method ? pl_strcmp(&sj->d.method, method)
		    : pl_cmp(&sj->d.method, &jm->d.method))
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
	tmr_start(&st->tmr_end, 64 * (uint64_t)st->uas->cfg->t1_ms,
		  linger_end, st);
}

int st_send(struct strans *st, const struct mbuf *mb)
{
	return net_send_mb(&st->flow, mb);
}

/* -- building responses ----------------------------------------------------- */

/* Comma-separated values of one header line, outside quotes and <> */
static unsigned split_values(const struct pl *val, struct pl *out,
			     unsigned max)
{
	unsigned n = 0, depth = 0;
	bool quoted = false;
	const char *start = val->p;

	for (size_t i = 0; i <= val->l && n < max; i++) {
		const char c = i < val->l ? val->p[i] : ',';

		if (quoted) {
			quoted = !(c == '"' && val->p[i - 1] != '\\');
			continue;
		}
		if (c == '"')
			quoted = true;
		else if (c == '<')
			depth++;
		else if (c == '>' && depth)
			depth--;
		else if (c == ',' && !depth) {
			struct pl v = {start, (size_t)(val->p + i - start)};

			while (v.l && (*v.p == ' ' || *v.p == '\t'))
				pl_advance(&v, 1);
			while (v.l && (v.p[v.l - 1] == ' ' ||
				       v.p[v.l - 1] == '\t'))
				v.l--;
			if (v.l)
				out[n++] = v;
			start = val->p + i + 1;
		}
	}
	return n;
}

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

	rcv = rport || !sentby_is_source(&st->req->jm.d.via.sentby, src);
	if (rcv && !BH(cfg, NO_RECEIVED))
		err |= mbuf_printf(mb, ";received=%j", src);

	if (!err) {
		mb->pos = 0;
		err = mbuf_strdup(mb, outp, mb->end);
	}
	mem_deref(mb);
	return err;
}

/* Every Via value of the request, one line each, in order */
static int add_vias(struct strans *st, struct resp *r)
{
	const struct message *m = st->req->m;
	bool top = true;
	int err = 0;

	for (unsigned i = 0; i < m->hdrc; i++) {
		struct pl vals[MAX_VIAS];
		unsigned n;

		if (m->hdrv[i].id != HDR_VIA)
			continue;
		n = split_values(&m->hdrv[i].val, vals, MAX_VIAS);
		for (unsigned k = 0; k < n; k++) {
			char *tv = NULL;

			if (top) {
				err |= via_top(st, &vals[k], &tv);
				if (tv)
					err |= resp_add(r, "Via", "%s", tv);
				mem_deref(tv);
				top = false;
			}
			else {
				err |= resp_add(r, "Via", "%r", &vals[k]);
			}
		}
	}
	return err;
}

static int copy_hdr(const struct jmsg *jm, struct resp *r, enum hdr_id id,
		    const char *name)
{
	const struct msg_hdr *h = message_hdr(jm->m, id);

	return h ? resp_add(r, name, "%r", &h->val) : 0;
}

/** A response with what section 8.2.6.2 says every response copies; the
 *  To tag on all but 100 */
int st_resp_init(struct strans *st, struct resp *r, uint16_t scode)
{
	const struct jmsg *jm = &st->req->jm;
	const struct msg_hdr *to = message_hdr(jm->m, HDR_TO);
	bool tag = scode > 100 && !jm->d.to_tag.p;
	int err;

	resp_init(r);
	err  = resp_status(r, scode, NULL);
	err |= add_vias(st, r);
	err |= copy_hdr(jm, r, HDR_FROM, "From");
	if (to)
		err |= resp_add(r, "To", "%r%s%s", &to->val,
				tag ? ";tag=" : "", tag ? st->totag : "");
	err |= copy_hdr(jm, r, HDR_CALL_ID, "Call-ID");
	err |= copy_hdr(jm, r, HDR_CSEQ, "CSeq");
	if (scode == 100)
		err |= copy_hdr(jm, r, HDR_TIMESTAMP, "Timestamp");
	err |= resp_add(r, "Server", "%s", TARGET_UA);

	if (err)
		resp_reset(r);
	return err;
}

int st_contact(struct strans *st, struct resp *r)
{
	return resp_add(r, "Contact", "<sip:target@%J%s>", &st->flow.local,
			flow_stream(&st->flow) ? ";transport=tcp" : "");
}

/* The option tags of Require we do not support (section 8.2.2.3) */
static int unsupported_tags(const struct jmsg *jm, struct mbuf *mb)
{
	const struct message *m = jm->m;
	int err = 0;

	for (unsigned i = 0; i < m->hdrc; i++) {
		struct pl tags[16];
		unsigned n;

		if (m->hdrv[i].id != HDR_REQUIRE)
			continue;
		n = split_values(&m->hdrv[i].val, tags, ARRAY_SIZE(tags));
		for (unsigned k = 0; k < n; k++) {
			if (!pl_strcasecmp(&tags[k], "100rel"))
				continue;
			err |= mbuf_printf(mb, "%s%r", mb->end ? ", " : "",
					   &tags[k]);
		}
	}
	return err;
}

static int add_unsupported(struct strans *st, struct resp *r)
{
	struct mbuf *mb = mbuf_alloc(64);
	int err;

	if (!mb)
		return ENOMEM;
	err = unsupported_tags(&st->req->jm, mb);
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
	err = st_respond(st, &r, kind, false, SR_STORE, NULL);
	if (scode >= 200) {
		st->scode = scode;
		st->state = ST_COMPLETED;
		st_linger(st);
	}
	return err;
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
	err = st_respond(st, &r, RK_OPTIONS, false, SR_STORE, NULL);
	st->scode = cfg->options_code;
	st->state = ST_COMPLETED;
	st_linger(st);
	return err;
}

/* Section 11.2; the misbehaviours add what RFC 4320 forbids */
static void options(struct strans *st)
{
	const struct tcfg *cfg = st->uas->cfg;

	if (BH(cfg, OPTIONS_EARLY_100))
		st_reply(st, 100, RK_OTHER);
	if (BH(cfg, OPTIONS_180))
		st_reply(st, 180, RK_OTHER);
	options_final(st);
}

static void bye(struct strans *st)
{
	struct dialog *d = dialog_find(st->uas, &st->req->jm);

	if (!d) {
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

	inv = invite_prack_match(st->uas, &st->req->jm, &rseq);
	if (!inv) {
		st_reply(st, 481, RK_OTHER);
		return;
	}
	st_reply(st, 200, RK_OTHER);
	invite_pracked(inv, rseq);
}

/* Section 8.2.2.3: 420 for an extension we do not know */
static bool bad_extension(struct strans *st)
{
	struct mbuf *mb = mbuf_alloc(64);
	bool bad;

	if (!mb)
		return false;
	bad = !unsupported_tags(&st->req->jm, mb) && mb->end;
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
	const struct jmsg *jm = &rq->jm;
	struct strans *st;

	if (st_alloc(&st, u, rq, f))
		return;

	if (is_method(jm, "CANCEL"))
		invite_cancel(st);
	else if (bad_extension(st))
		return;
	else if (st->invite)
		invite_start(st);
	else if (is_method(jm, "OPTIONS"))
		options(st);
	else if (is_method(jm, "BYE"))
		bye(st);
	else if (is_method(jm, "PRACK"))
		prack(st);
	else
		st_reply(st, 405, RK_OTHER);
}

/* What a server transaction needs to answer at all (section 8.1.1) */
static bool answerable(const struct jmsg *jm)
{
	return jm->d.has_via && jm->d.has_cseq && jm->d.call_id.p && jm->d.has_from &&
		jm->d.has_to && !pl_cmp(&jm->d.cseq.met, &jm->d.method);
}

static void recv_h(const struct flow *f, const uint8_t *p, size_t len,
		   void *arg)
{
	struct uas *u = arg;
	struct strans *st;
	struct sreq *rq;

	if (BH(u->cfg, SILENCE) || sreq_alloc(&rq, p, len))
		return;

	if (!rq->jm.d.request) {
		dialog_response(u, &rq->jm);
	}
	else if (!answerable(&rq->jm)) {
		if (u->cfg->verbose)
			re_fprintf(stderr, "dropped: %r without usable Via, "
				   "CSeq, Call-ID, From or To\n",
				   &rq->jm.d.method);
	}
	else if (is_method(&rq->jm, "ACK")) {
		invite_ack(u, rq);
	}
	else if ((st = st_match(u, &rq->jm, NULL))) {
		/* a retransmission (17.2.1, 17.2.2) */
		if (st->last)
			st_send(st, st->last);
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
	    !list_isempty(&u->dlgl) || tmr_isrunning(&u->tmr_exit))
		return;
	if (cfg->verbose)
		re_fprintf(stderr, "%u calls done: exiting\n", u->calls);
	tmr_start(&u->tmr_exit, grace, exit_h, u);
}

static void uas_destructor(void *arg)
{
	struct uas *u = arg;

	tmr_cancel(&u->tmr_exit);
	list_flush(&u->ctl);
	list_flush(&u->trl);
	list_flush(&u->dlgl);
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
	tmr_init(&u->tmr_exit);
	rand_str(u->secret, sizeof(u->secret));

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
