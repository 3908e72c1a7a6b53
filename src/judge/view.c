/**
 * @file view.c  The judge's view of a trace: every message mapped and
 *               decoded once, grouped into client transactions
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "judge/view.h"

bool jmsg_has(const struct jmsg *jm, enum hdr_id id)
{
	return message_hdr(jm->m, id) != NULL;
}

bool jmsg_same_bytes(const struct jmsg *a, const struct jmsg *b)
{
	return a->m->len == b->m->len &&
		(!a->m->len || !memcmp(a->m->buf, b->m->buf, a->m->len));
}

/** A response repeating the bytes of an earlier one of its transaction */
bool jmsg_is_retransmit(const struct jmsg *jm)
{
	const struct jtrans *tr = jm->tr;

	if (!tr || jm->d.request)
		return false;
	for (unsigned i = 0; i < tr->resc && tr->resv[i] != jm; i++)
		if (jmsg_same_bytes(tr->resv[i], jm))
			return true;
	return false;
}

/** Sent reliably (RFC 3262): Require: 100rel or an RSeq, either one shows
 * the UAS meant it to be PRACKed */
bool jmsg_is_reliable(const struct jmsg *jm)
{
	return jm->d.require_100rel || jmsg_has(jm, HDR_RSEQ);
}

/** A response past 100 with a To tag: one a UAS sent for its dialog (100
 * is hop-by-hop) */
bool jmsg_tagged(const struct jmsg *jm)
{
	return jm->d.scode > 100 && jm->d.to_tag.p;
}

/**
 * RAck = response-num LWS CSeq-num LWS Method (RFC 3262 section 7.2),
 * sliced; the numbers are for pl_u32_strict()
 */
bool jmsg_rack(const struct jmsg *jm, struct pl *rseq, struct pl *cseq,
	       struct pl *met)
{
	/* every [...] of a libre regex is a capture: five here */
	return jm->d.rack.p &&
		!re_regex(jm->d.rack.p, jm->d.rack.l,
			  "[0-9]+[ \t]+[0-9]+[ \t]+[^ \t]+", rseq, NULL, cseq,
			  NULL, met);
}

/** A final and its retransmissions: same code, same To tag */
bool jmsg_same_final(const struct jmsg *a, const struct jmsg *b)
{
	return msg_is_final(&a->d) && msg_is_final(&b->d) &&
		a->d.scode == b->d.scode && tag_eq(&a->d.to_tag, &b->d.to_tag);
}

/** The first response of r's final group: r itself unless r repeats an
 * earlier final (same code and To tag) */
const struct jmsg *jtrans_group_first(const struct jtrans *tr,
				      const struct jmsg *r)
{
	for (unsigned i = 0; i < tr->resc; i++)
		if (jmsg_same_final(tr->resv[i], r))
			return tr->resv[i];
	return r;
}

/**
 * The early dialog of jm in tr, as a number below tr->resc: the index of
 * the first response of tr with jm's To tag.  Each fork of a request
 * answers with its own tag (RFC 3261 section 12.1, 13.2.2.4).
 */
unsigned jtrans_dialog(const struct jtrans *tr, const struct jmsg *jm)
{
	unsigned i;

	for (i = 0; i < tr->resc; i++)
		if (tag_eq(&tr->resv[i]->d.to_tag, &jm->d.to_tag))
			break;
	return i;
}

/**
 * Call h for every INVITE transaction that got responses, with a zeroed
 * array of tr->resc elements of dsz bytes: one per early dialog
 * (jtrans_dialog)
 */
int view_each_invite(struct judge *j, size_t dsz, view_invite_h *h)
{
	int err = 0;

	for (size_t i = 0; i < j->trc; i++) {
		const struct jtrans *tr = &j->trv[i];
		void *dv;

		if (!tr->is_invite || !tr->resc)
			continue;

		dv = mem_zalloc(tr->resc * dsz, NULL);
		if (!dv)
			return ENOMEM;
		err |= h(j, tr, dv);
		mem_deref(dv);
	}
	return err;
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
		struct pl rseq, num, met;
		uint32_t rack_cseq;

		if (jmsg_rack(jm, &rseq, &num, &met) &&
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

static int view_add(struct judge *j, const struct trace_ev *ev)
{
	struct jmsg *jm = &j->msgv[j->msgc];

	jm->m = mem_zalloc(sizeof(*jm->m), NULL);
	if (!jm->m)
		return ENOMEM;
	j->msgc++;

	jm->ev   = ev;
	jm->idx  = ev->index;
	jm->t_us = ev->t_us;
	jm->out  = ev->dir == TRACE_OUT;
	message_scan(jm->m, (const char *)ev->data, ev->len, 0);
	message_decode(&jm->d, jm->m);

	if (jm->out && jm->d.request)
		link_request(j, jm);
	else if (!jm->out && !jm->d.request)
		return link_response(j, jm);
	return 0;
}

int view_build(struct judge *j, const struct trace *t)
{
	struct le *le;
	size_t n;

	if (!j || !t)
		return EINVAL;

	j->end_us = t->end_us;
	n = trace_count(t, TRACE_MSG, TRACE_IN) +
		trace_count(t, TRACE_MSG, TRACE_OUT);
	j->msgv = mem_zalloc((n ? n : 1) * sizeof(*j->msgv), NULL);
	j->trv  = mem_zalloc((n ? n : 1) * sizeof(*j->trv), NULL);
	if (!j->msgv || !j->trv)
		return ENOMEM;

	LIST_FOREACH(&t->evl, le) {
		const struct trace_ev *ev = le->data;
		int err;

		if (ev->kind != TRACE_MSG)
			continue;
		err = view_add(j, ev);
		if (err)
			return err;
	}
	return 0;
}

void view_free(struct judge *j)
{
	for (size_t i = 0; i < j->msgc; i++)
		mem_deref(j->msgv[i].m);
	for (size_t i = 0; i < j->trc; i++)
		mem_deref(j->trv[i].resv);
	j->msgv = mem_deref(j->msgv);
	j->trv  = mem_deref(j->trv);
	j->msgc = j->trc = 0;
}
