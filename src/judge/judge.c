/**
 * @file judge.c  Build the judge's view of a trace, then run the rules
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"
#include "trace/trace.h"
#include "judge/judge.h"

/* Split a header value into its comma-separated elements, ignoring commas
 * inside quotes and <...> (RFC 3261 section 7.3.1). */
static unsigned split_list(const struct pl *val, struct pl *out,
			   unsigned max)
{
	bool quoted = false;
	int angle = 0;
	unsigned n = 0;
	size_t start = 0;

	for (size_t i = 0; i <= val->l; i++) {
		char c = i < val->l ? val->p[i] : ',';

		if (quoted) {
			if (c == '\\' && i + 1 < val->l)
				i++;
			else if (c == '"')
				quoted = false;
			continue;
		}
		if (c == '"')
			quoted = true;
		else if (c == '<')
			angle++;
		else if (c == '>' && angle)
			angle--;
		else if (c == ',' && !angle) {
			struct pl e = {val->p + start, i - start};

			while (e.l && (*e.p == ' ' || *e.p == '\t' ||
				       *e.p == '\r' || *e.p == '\n')) {
				e.p++;
				e.l--;
			}
			while (e.l && (e.p[e.l - 1] == ' ' ||
				       e.p[e.l - 1] == '\t' ||
				       e.p[e.l - 1] == '\r' ||
				       e.p[e.l - 1] == '\n'))
				e.l--;
			if (e.l) {
				if (out && n < max)
					out[n] = e;
				n++;
			}
			start = i + 1;
		}
	}

	return n;
}

unsigned jmsg_via_values(const struct jmsg *jm, struct pl *out, unsigned max)
{
	const struct message *m = jm->m;
	unsigned n = 0;

	for (unsigned i = 0; i < m->hdrc; i++) {
		if (m->hdrv[i].id != HDR_VIA)
			continue;
		if (out && n < max)
			n += split_list(&m->hdrv[i].val, out + n, max - n);
		else
			n += split_list(&m->hdrv[i].val, NULL, 0);
	}
	return n;
}

bool jmsg_has(const struct jmsg *jm, enum hdr_id id)
{
	return message_hdr(jm->m, id) != NULL;
}

/** A response repeating the bytes of an earlier one of its transaction */
bool jmsg_is_retransmit(const struct jmsg *jm)
{
	const struct jtrans *tr = jm->tr;

	if (!tr || jm->request)
		return false;
	for (unsigned i = 0; i < tr->resc && tr->resv[i] != jm; i++) {
		const struct message *e = tr->resv[i]->m;

		if (e->len == jm->m->len &&
		    (!e->len || !memcmp(e->buf, jm->m->buf, e->len)))
			return true;
	}
	return false;
}

/** Tags compare case-insensitively (19.3); two absent tags are equal */
bool jtag_eq(const struct pl *a, const struct pl *b)
{
	if (!a->p || !b->p)
		return !a->p && !b->p;
	return !pl_casecmp(a, b);
}

/** A final and its retransmissions: same code, same To tag */
bool jmsg_same_final(const struct jmsg *a, const struct jmsg *b)
{
	return jmsg_is_final(a) && jmsg_is_final(b) && a->scode == b->scode &&
		jtag_eq(&a->to_tag, &b->to_tag);
}

/**
 * The first ACK we sent for the final with To tag tag, at or after from:
 * in the transaction for a non-2xx, end to end for a 2xx
 */
const struct jmsg *jtrans_ack_for(const struct judge *j,
				  const struct jtrans *tr,
				  const struct pl *tag, uint64_t from)
{
	for (size_t i = 0; i < j->msgc; i++) {
		const struct jmsg *jm = &j->msgv[i];

		if (jm->out && jm->tr == tr && jm->t_us >= from &&
		    jmsg_method(jm, "ACK") && jtag_eq(&jm->to_tag, tag))
			return jm;
	}
	return NULL;
}

static bool list_has_token(const struct message *m, enum hdr_id id,
			   const char *tok)
{
	for (unsigned i = 0; i < m->hdrc; i++) {
		struct pl v[32];
		unsigned n;

		if (m->hdrv[i].id != id)
			continue;
		n = split_list(&m->hdrv[i].val, v, ARRAY_SIZE(v));
		for (unsigned k = 0; k < n && k < ARRAY_SIZE(v); k++)
			if (!pl_strcasecmp(&v[k], tok))
				return true;
	}
	return false;
}

static bool pl_u32_strict(const struct pl *pl, uint32_t *v)
{
	uint64_t x = 0;

	if (!pl->l || pl->l > 10)
		return false;
	for (size_t i = 0; i < pl->l; i++) {
		if (pl->p[i] < '0' || pl->p[i] > '9')
			return false;
		x = x * 10 + (uint64_t)(pl->p[i] - '0');
	}
	if (x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

static void decode_addr(const struct msg_hdr *h, struct sip_addr *addr,
			struct pl *tag, bool *has)
{
	if (!h || sip_addr_decode(addr, &h->val))
		return;
	*has = true;
	if (msg_param_decode(&addr->params, "tag", tag))
		tag->p = NULL;
}

static void decode_sdp(struct jmsg *jm)
{
	const struct msg_hdr *ct = message_hdr(jm->m, HDR_CONTENT_TYPE);
	const struct pl *b = &jm->m->body;

	if (!ct || !b->l || ct->val.l < 15 ||
	    strncasecmp(ct->val.p, "application/sdp", 15))
		return;
	/* the whole media type, not a prefix of "application/sdpx" */
	if (ct->val.l > 15 && ct->val.p[15] != ';' && ct->val.p[15] != ' ' &&
	    ct->val.p[15] != '\t')
		return;

	jm->has_sdp = true;
	for (size_t i = 0; i + 1 < b->l; i++) {
		if ((i == 0 || b->p[i - 1] == '\n') && b->p[i] == 'm' &&
		    b->p[i + 1] == '=')
			jm->sdp_mlines++;
	}
}

/* "METHOD SP Request-URI SP SIP/2.0": anything else is a response,
 * however broken, so its defects are judged */
static bool decode_request_line(struct jmsg *jm)
{
	const struct pl *l = &jm->m->first_line;
	size_t i = 0, u;

	while (i < l->l && l->p[i] >= 'A' && l->p[i] <= 'Z')
		i++;
	if (!i || i >= l->l || l->p[i] != ' ')
		return false;
	u = ++i;
	while (i < l->l && l->p[i] != ' ')
		i++;
	if (i == u || l->l - i != 8 || memcmp(l->p + i, " SIP/2.0", 8))
		return false;

	jm->method.p = l->p;
	jm->method.l = u - 1;
	jm->ruri.p   = l->p + u;
	jm->ruri.l   = i - u;
	return true;
}

void jmsg_decode(struct jmsg *jm)
{
	const struct message *m = jm->m;
	const struct msg_hdr *h;
	struct pl vias[1];

	jm->request = decode_request_line(jm);
	/* a defect after the code (reason, line end) leaves it readable */
	if (!jm->request && (m->sl_err == 0 || m->sl_err == EBADMSG))
		jm->scode = m->sl.scode;

	jm->via_count = jmsg_via_values(jm, vias, 1);
	if (jm->via_count && !sip_via_decode(&jm->via, &vias[0]))
		jm->has_via = true;

	jm->from_tag.p = jm->to_tag.p = NULL;
	decode_addr(message_hdr(m, HDR_FROM), &jm->from, &jm->from_tag,
		    &jm->has_from);
	decode_addr(message_hdr(m, HDR_TO), &jm->to, &jm->to_tag,
		    &jm->has_to);

	h = message_hdr(m, HDR_CALL_ID);
	if (h)
		jm->call_id = h->val;

	h = message_hdr(m, HDR_CSEQ);
	if (h && !sip_cseq_decode(&jm->cseq, &h->val))
		jm->has_cseq = true;

	for (unsigned i = 0; i < m->hdrc; i++)
		if (m->hdrv[i].id == HDR_CONTACT)
			jm->contact_uris += split_list(&m->hdrv[i].val,
						       NULL, 0);

	jm->require_100rel   = list_has_token(m, HDR_REQUIRE, "100rel");
	jm->supported_100rel = list_has_token(m, HDR_SUPPORTED, "100rel");

	h = message_hdr(m, HDR_RSEQ);
	if (h)
		jm->has_rseq = pl_u32_strict(&h->val, &jm->rseq);

	for (unsigned i = 0; i < m->hdrc; i++)
		if (!pl_strcasecmp(&m->hdrv[i].name, "RAck"))
			jm->rack = m->hdrv[i].val;

	h = message_hdr(m, HDR_TIMESTAMP);
	if (h)
		jm->timestamp = h->val;

	decode_sdp(jm);
}

bool jmsg_is_final(const struct jmsg *jm)
{
	return !jm->request && jm->scode >= 200;
}

bool jmsg_method(const struct jmsg *jm, const char *met)
{
	return jm->request && !pl_strcmp(&jm->method, met);
}

bool jtrans_method(const struct jtrans *tr, const char *met)
{
	return jmsg_method(tr->req, met);
}

struct pl jmsg_quote(const struct jmsg *jm)
{
	return jm->m->first_line;
}

const struct jmsg *jtrans_first_final(const struct jtrans *tr)
{
	for (unsigned i = 0; i < tr->resc; i++)
		if (jmsg_is_final(tr->resv[i]))
			return tr->resv[i];
	return NULL;
}

static bool same_branch(const struct jmsg *a, const struct jmsg *b)
{
	return a->has_via && b->has_via && a->via.branch.l &&
		!pl_cmp(&a->via.branch, &b->via.branch);
}

static struct jtrans *trans_find(struct judge *j, const struct jmsg *jm,
				 const struct pl *method)
{
	for (size_t i = 0; i < j->trc; i++) {
		struct jtrans *tr = &j->trv[i];

		if (same_branch(tr->req, jm) && !pl_cmp(&tr->req->method,
							 method))
			return tr;
	}
	return NULL;
}

/* The INVITE of the same dialog attempt: Call-ID and CSeq number */
static struct jtrans *invite_find(struct judge *j, const struct pl *callid,
				  uint32_t cseq)
{
	for (size_t i = 0; i < j->trc; i++) {
		struct jtrans *tr = &j->trv[i];

		if (tr->is_invite && tr->req->has_cseq &&
		    tr->req->cseq.num == cseq &&
		    !pl_cmp(&tr->req->call_id, callid))
			return tr;
	}
	return NULL;
}

static int trans_add_res(struct jtrans *tr, struct jmsg *jm)
{
	struct jmsg **v;

	/* libre's mem_realloc() does not take NULL */
	if (tr->resv)
		v = mem_realloc(tr->resv, (tr->resc + 1) * sizeof(*v));
	else
		v = mem_alloc(sizeof(*v), NULL);
	if (!v)
		return ENOMEM;
	tr->resv = v;
	tr->resv[tr->resc++] = jm;
	jm->tr = tr;
	return 0;
}

static void link_request(struct judge *j, struct jmsg *jm)
{
	static const struct pl invite = PL("INVITE");
	struct jtrans *tr;

	if (jmsg_method(jm, "ACK")) {
		/* non-2xx: same branch; 2xx: same Call-ID and CSeq */
		tr = trans_find(j, jm, &invite);
		if (!tr && jm->has_cseq)
			tr = invite_find(j, &jm->call_id, jm->cseq.num);
		if (tr && !tr->ack)
			tr->ack = jm;
		jm->tr = tr;
		return;
	}

	tr = trans_find(j, jm, &jm->method);
	if (tr) {
		tr->req_tx++;
		jm->tr = tr;
		return;
	}

	tr = &j->trv[j->trc++];
	tr->req = jm;
	tr->req_tx = 1;
	tr->is_invite = jmsg_method(jm, "INVITE");
	jm->tr = tr;

	if (jmsg_method(jm, "CANCEL")) {
		tr->invite = trans_find(j, jm, &invite);
	}
	else if (jmsg_method(jm, "PRACK")) {
		struct pl num, met;
		uint32_t rack_cseq;

		/* every [...] of a libre regex is a capture: five here */
		if (!re_regex(jm->rack.p, jm->rack.l,
			      "[0-9]+[ \t]+[0-9]+[ \t]+[^ \t]+", NULL, NULL,
			      &num, NULL, &met) &&
		    pl_u32_strict(&num, &rack_cseq))
			tr->invite = invite_find(j, &jm->call_id, rack_cseq);
	}
}

static int link_response(struct judge *j, struct jmsg *jm)
{
	struct jtrans *tr;

	if (!jm->has_cseq)
		return 0;

	tr = trans_find(j, jm, &jm->cseq.met);
	return tr ? trans_add_res(tr, jm) : 0;
}

static void timings(const struct judge *j, struct judge_timings *tm)
{
	const struct jtrans *main_tr = NULL;

	memset(tm, 0, sizeof(*tm));
	tm->to_100_us = tm->to_18x_us = tm->to_final_us = -1;

	for (size_t i = 0; i < j->msgc; i++) {
		const struct jmsg *jm = &j->msgv[i];

		if (jm->out) {
			tm->tx_msgs++;
			tm->tx_bytes += jm->ev->len;
		}
		else {
			tm->rx_msgs++;
			tm->rx_bytes += jm->ev->len;
			if (!jm->request && !jm->tr)
				tm->strays++;
		}
	}

	/* the INVITE that got furthest: the last one with responses */
	for (size_t i = 0; i < j->trc; i++) {
		const struct jtrans *tr = &j->trv[i];

		if (tr->is_invite && (tr->resc || !main_tr))
			main_tr = tr;
	}
	if (!main_tr && j->trc)
		main_tr = &j->trv[0];
	if (!main_tr)
		return;

	for (unsigned i = 0; i < main_tr->resc; i++) {
		const struct jmsg *r = main_tr->resv[i];
		int64_t d = (int64_t)(r->t_us - main_tr->req->t_us);

		if (r->scode == 100 && tm->to_100_us < 0)
			tm->to_100_us = d;
		else if (r->scode >= 180 && r->scode < 190 &&
			 tm->to_18x_us < 0)
			tm->to_18x_us = d;
		else if (r->scode >= 200 && tm->to_final_us < 0) {
			tm->to_final_us = d;
			tm->final_scode = r->scode;
		}
	}
}

static void judge_free(struct judge *j)
{
	for (size_t i = 0; i < j->msgc; i++)
		mem_deref(j->msgv[i].m);
	for (size_t i = 0; i < j->trc; i++)
		mem_deref(j->trv[i].resv);
	mem_deref(j->msgv);
	mem_deref(j->trv);
}

int judge_trace(struct verdict *v, const struct trace *t,
		const struct judge_cfg *cfg, struct judge_timings *tm)
{
	static const struct judge_cfg defcfg = {500, 4000};
	struct judge j;
	struct le *le;
	size_t n;
	int err = 0;

	if (!v || !t)
		return EINVAL;

	memset(&j, 0, sizeof(j));
	j.cfg = cfg ? cfg : &defcfg;
	j.v = v;
	j.end_us = t->end_us;

	n = trace_count(t, TRACE_MSG, TRACE_IN) +
		trace_count(t, TRACE_MSG, TRACE_OUT);
	j.msgv = mem_zalloc((n ? n : 1) * sizeof(*j.msgv), NULL);
	j.trv  = mem_zalloc((n ? n : 1) * sizeof(*j.trv), NULL);
	if (!j.msgv || !j.trv) {
		err = ENOMEM;
		goto out;
	}

	LIST_FOREACH(&t->evl, le) {
		const struct trace_ev *ev = le->data;
		struct jmsg *jm;

		if (ev->kind != TRACE_MSG)
			continue;

		jm = &j.msgv[j.msgc];
		jm->m = mem_zalloc(sizeof(*jm->m), NULL);
		if (!jm->m) {
			err = ENOMEM;
			goto out;
		}
		j.msgc++;

		jm->ev   = ev;
		jm->idx  = ev->index;
		jm->t_us = ev->t_us;
		jm->out  = ev->dir == TRACE_OUT;
		message_scan(jm->m, (const char *)ev->data, ev->len, 0);
		jmsg_decode(jm);

		if (jm->out && jm->request)
			link_request(&j, jm);
		else if (!jm->out && !jm->request)
			err |= link_response(&j, jm);
	}
	if (err)
		goto out;

	/* single-message rules on every response the target sent */
	for (size_t i = 0; i < j.msgc; i++) {
		const struct jmsg *jm = &j.msgv[i];
		struct msg_ctx ctx = {
			.index  = jm->idx,
			.t_us   = jm->t_us,
			.stream = jm->ev->tp == SIP_TRANSP_TCP,
		};

		/* an identical retransmission breaks nothing new */
		if (jm->out || jm->request || jmsg_is_retransmit(jm))
			continue;
		err = judge_message(v, jm->m, &ctx);
		if (err)
			goto out;
	}

	err = rules_match(&j);
	err |= rules_order(&j);
	err |= rules_dialog(&j);
	err |= rules_timing(&j);
	err |= rules_rel1xx(&j);
	err |= rules_sdp(&j);
	err |= rules_noninvite(&j);
	if (err)
		err = ENOMEM;

	if (tm)
		timings(&j, tm);

 out:
	judge_free(&j);
	return err;
}
