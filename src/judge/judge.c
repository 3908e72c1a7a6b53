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

bool jmsg_has(const struct jmsg *jm, enum hdr_id id)
{
	return message_hdr(jm->m, id) != NULL;
}

/** A response repeating the bytes of an earlier one of its transaction */
bool jmsg_is_retransmit(const struct jmsg *jm)
{
	const struct jtrans *tr = jm->tr;

	if (!tr || jm->d.request)
		return false;
	for (unsigned i = 0; i < tr->resc && tr->resv[i] != jm; i++) {
		const struct message *e = tr->resv[i]->m;

		if (e->len == jm->m->len &&
		    (!e->len || !memcmp(e->buf, jm->m->buf, e->len)))
			return true;
	}
	return false;
}

/** A final and its retransmissions: same code, same To tag */
bool jmsg_same_final(const struct jmsg *a, const struct jmsg *b)
{
	return msg_is_final(&a->d) && msg_is_final(&b->d) && a->d.scode == b->d.scode &&
		tag_eq(&a->d.to_tag, &b->d.to_tag);
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
		    jmsg_method(jm, "ACK") && tag_eq(&jm->d.to_tag, tag))
			return jm;
	}
	return NULL;
}

bool jmsg_method(const struct jmsg *jm, const char *met)
{
	return jm->d.request && method_eq(&jm->d.method, met);
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
		if (msg_is_final(&tr->resv[i]->d))
			return tr->resv[i];
	return NULL;
}

static bool same_branch(const struct jmsg *a, const struct jmsg *b)
{
	return a->d.has_via && b->d.has_via &&
		branch_eq(&a->d.via.branch, &b->d.via.branch);
}

static struct jtrans *trans_find(struct judge *j, const struct jmsg *jm,
				 const struct pl *method)
{
	for (size_t i = 0; i < j->trc; i++) {
		struct jtrans *tr = &j->trv[i];

		if (same_branch(tr->req, jm) && !pl_cmp(&tr->req->d.method,
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

		if (tr->is_invite && tr->req->d.has_cseq &&
		    tr->req->d.cseq.num == cseq &&
		    callid_eq(&tr->req->d.call_id, callid))
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
		if (!tr && jm->d.has_cseq)
			tr = invite_find(j, &jm->d.call_id, jm->d.cseq.num);
		if (tr && !tr->ack)
			tr->ack = jm;
		jm->tr = tr;
		return;
	}

	tr = trans_find(j, jm, &jm->d.method);
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
		if (!re_regex(jm->d.rack.p, jm->d.rack.l,
			      "[0-9]+[ \t]+[0-9]+[ \t]+[^ \t]+", NULL, NULL,
			      &num, NULL, &met) &&
		    pl_u32_strict(&num, &rack_cseq))
			tr->invite = invite_find(j, &jm->d.call_id, rack_cseq);
	}
}

static int link_response(struct judge *j, struct jmsg *jm)
{
	struct jtrans *tr;

	if (!jm->d.has_cseq)
		return 0;

	tr = trans_find(j, jm, &jm->d.cseq.met);
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
			if (!jm->d.request && !jm->tr)
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

		if (r->d.scode == 100 && tm->to_100_us < 0)
			tm->to_100_us = d;
		else if (r->d.scode >= 180 && r->d.scode < 190 &&
			 tm->to_18x_us < 0)
			tm->to_18x_us = d;
		else if (r->d.scode >= 200 && tm->to_final_us < 0) {
			tm->to_final_us = d;
			tm->final_scode = r->d.scode;
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
		message_decode(&jm->d, jm->m);

		if (jm->out && jm->d.request)
			link_request(&j, jm);
		else if (!jm->out && !jm->d.request)
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
		if (jm->out || jm->d.request || jmsg_is_retransmit(jm))
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
