/**
 * @file judge.c  Judge a trace: build the view, run the rules over it
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "judge/rules.h"
#include "trace/trace.h"
#include "judge/view.h"
#include "judge/judge.h"
#include "sip/decode.h"

/* Every family of rules over the view, in the order they report */
static const struct family {
	const char *name;
	rules_family_h *run;
} families[] = {
	{"match",     rules_match},
	{"order",     rules_order},
	{"dialog",    rules_dialog},
	{"timing",    rules_timing},
	{"rel1xx",    rules_rel1xx},
	{"sdp",       rules_sdp},
	{"noninvite", rules_noninvite},
};

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
			if (!jm->d.request && jmsg_is_retransmit(jm))
				tm->rx_retrans++;
		}
	}
	for (size_t i = 0; i < j->trc; i++)
		if (j->trv[i].req_tx > 1)
			tm->tx_retrans += j->trv[i].req_tx - 1;

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

/* The single-message rules on every response the target sent */
static int judge_messages(struct judge *j)
{
	for (size_t i = 0; i < j->msgc; i++) {
		const struct jmsg *jm = &j->msgv[i];
		const struct jmsg *req = jm->tr ? jm->tr->req : NULL;
		struct msg_ctx ctx = {
			.index  = jm->idx,
			.t_us   = jm->t_us,
			.stream = jm->ev->tp == SIP_TRANSP_TCP,
		};
		int err;

		/* an identical retransmission breaks nothing new */
		if (jm->out || jm->d.request || jmsg_is_retransmit(jm))
			continue;

		/* a matched response is judged as an answer to our request;
		 * a stray one by its own CSeq, as lint judges it */
		if (req) {
			ctx.method    = req->d.method;
			ctx.in_dialog = req->d.to_tag.p != NULL;
		}
		err = judge_message(j->v, jm->m, &jm->d, &ctx);
		if (err)
			return err;
	}
	return 0;
}

/* Whether the trace holds everything that came: the kernel's count of
 * datagrams it dropped at our socket (wire.c) and what came past the
 * recording's limit (trace.c) are recorded in it */
static int check_complete(struct judge *j, const struct trace *t)
{
	bool udp = false;
	int err = 0;

	for (size_t i = 0; i < j->msgc && !udp; i++)
		udp = j->msgv[i].ev->tp == SIP_TRANSP_UDP;
	if (!udp && !t->kernel_drops && !t->unrecorded)
		return 0;

	verdict_apply(j->v, R_TRACE_COMPLETE);
	if (t->kernel_drops)
		err |= verdict_add(j->v, R_TRACE_COMPLETE, 0, t->end_us, 0,
				   pl_null, "%u datagram%s dropped by the "
				   "kernel at sipconform's socket before they "
				   "were recorded", t->kernel_drops,
				   t->kernel_drops == 1 ? "" : "s");
	if (t->unrecorded)
		err |= verdict_add(j->v, R_TRACE_COMPLETE, 0, t->end_us, 0,
				   pl_null, "%u received past the limit of %zu "
				   "(--max-messages) not recorded",
				   t->unrecorded, t->n_in);
	return err;
}

int judge_trace(struct verdict *v, const struct trace *t,
		const struct judge_cfg *cfg, struct judge_timings *tm)
{
	static const struct judge_cfg defcfg = JUDGE_CFG_DEFAULT;
	struct judge j;
	int err;

	if (!v || !t)
		return EINVAL;
	if (!cfg)
		cfg = &defcfg;

	memset(&j, 0, sizeof(j));
	j.v     = v;
	j.t1_ms = cfg->t1_ms;
	j.t2_ms = cfg->t2_ms;
	j.single_uas = cfg->single_uas;

	err = view_build(&j, t);
	if (err)
		goto out;

	err = judge_messages(&j) | check_complete(&j, t);
	if (err)
		goto out;

	/* every family runs; any failure is an allocation that failed */
	for (size_t i = 0; i < ARRAY_SIZE(families); i++)
		err |= families[i].run(&j);
	if (err)
		err = ENOMEM;

	if (tm)
		timings(&j, tm);

 out:
	view_free(&j);
	return err;
}


int judge_response(struct verdict *v, struct message *m, const char *buf,
		   size_t len, size_t maxline, const struct msg_ctx *ctx)
{
	struct msg_fields d;

	if (!v || !m || (!buf && len) || !ctx)
		return EINVAL;

	message_scan(m, buf, len, maxline);
	message_decode(&d, m);
	return judge_message(v, m, &d, ctx);
}
