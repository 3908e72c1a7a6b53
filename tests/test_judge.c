/**
 * @file test_judge.c  The judge's view of a trace: transactions, timings,
 *                     trace files, and the single-message rules in a trace
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"
#include "trace/trace.h"
#include "judge/judge.h"
#include "testutil.h"
#include "tracebuild.h"

static struct trace *call_trace(void)
{
	struct trace *t = NULL;

	trace_alloc(&t);
	tb_out(t, 0, TB_INVITE);
	tb_in(t, 5, TB_RES("100 Trying", "") "\n");
	tb_in(t, 40, TB_RES("180 Ringing", ";tag=uas1")
	      "Contact: <sip:service@127.0.0.1:5060>\n\n");
	tb_in(t, 1040, TB_RES("200 OK", ";tag=uas1")
	      "Contact: <sip:service@127.0.0.1:5060>\n"
	      "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\n"
	      "Supported: 100rel\n"
	      "Content-Type: application/sdp\n\n" TB_SDP);
	tb_out(t, 1041, TB_ACK(";tag=uas1"));
	t->end_us = 1100 * 1000;
	return t;
}

static void test_timings(void)
{
	struct trace *t = call_trace();
	struct judge_timings tm;
	struct verdict v;
	int err;

	verdict_init(&v);
	err = judge_trace(&v, t, NULL, &tm);
	CHECK(err == 0, "judge_trace: %m", err);
	CHECK(tm.to_100_us == 5000, "to 100: %lld", (long long)tm.to_100_us);
	CHECK(tm.to_18x_us == 40000, "to 18x: %lld",
	      (long long)tm.to_18x_us);
	CHECK(tm.to_final_us == 1040000, "to final: %lld",
	      (long long)tm.to_final_us);
	CHECK(tm.final_scode == 200, "final %u", tm.final_scode);
	CHECK(tm.rx_msgs == 3 && tm.tx_msgs == 2, "msgs %zu/%zu", tm.rx_msgs,
	      tm.tx_msgs);
	CHECK(tm.strays == 0, "strays %zu", tm.strays);
	CHECK(v.applied[R_SL_VERSION], "status-line rules applied");
	CHECK(v.applied[R_FR_CLEN_MISMATCH], "framing rules applied");
	verdict_reset(&v);
	mem_deref(t);
}

static void test_stray_and_broken(void)
{
	struct trace *t = NULL;
	struct judge_timings tm;
	struct verdict v;

	trace_alloc(&t);
	tb_out(t, 0, TB_INVITE);
	/* another branch: matches no transaction */
	tb_in(t, 3, "SIP/2.0 100 Trying\n"
	      "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-other\n"
	      TB_FROM TB_TO TB_CALLID "CSeq: 1 INVITE\n\n");
	/* libre would read this as 5 */
	tb_in(t, 4, TB_RES("4294967301 better not break the receiver",
			   ";tag=x") "\n");
	tb_raw(t, TRACE_IN, 5, "\x00\x01garbage", 9);

	verdict_init(&v);
	CHECK(judge_trace(&v, t, NULL, &tm) == 0, "judge");
	/* the other branch and the garbage match no transaction */
	CHECK(tm.strays == 2, "strays %zu", tm.strays);
	CHECK(v.broken[R_SL_CODE_DIGITS] == 1, "code-digits %u",
	      v.broken[R_SL_CODE_DIGITS]);
	CHECK(v.broken[R_SL_VERSION] == 1, "garbage: version %u",
	      v.broken[R_SL_VERSION]);
	CHECK(tm.final_scode == 0, "no usable final");
	verdict_reset(&v);
	mem_deref(t);
}

static void test_save_load(void)
{
	struct trace *t = call_trace(), *t2 = NULL;
	struct judge_timings a, b;
	struct verdict v1, v2;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	tb_raw(t, TRACE_IN, 1090, "SIP/2.0 200 \x00\xff\n\r\n", 18);
	f = open_memstream(&buf, &len);
	CHECK(trace_save(t, f) == 0, "save");
	fclose(f);

	f = fmemopen(buf, len, "r");
	CHECK(trace_load(&t2, f) == 0, "load");
	fclose(f);
	CHECK(t2 && t2->n == t->n, "events %zu", t2 ? t2->n : 0);
	CHECK(t2 && t2->end_us == t->end_us, "end");
	CHECK(t2 && !t2->single_uas, "no --single-uas declared");

	verdict_init(&v1);
	verdict_init(&v2);
	judge_trace(&v1, t, NULL, &a);
	judge_trace(&v2, t2, NULL, &b);
	CHECK(v1.must == v2.must && v1.should == v2.should,
	      "same verdict after reload");
	CHECK(a.to_final_us == b.to_final_us, "same timings");
	CHECK(!memcmp(v1.broken, v2.broken, sizeof(v1.broken)),
	      "same findings");

	/* truncated and garbled files are refused, never half-read */
	for (size_t cut = 0; cut < len; cut += 7) {
		struct trace *t3 = NULL;
		int err;

		f = fmemopen(buf, cut ? cut : 1, "r");
		err = trace_load(&t3, f);
		fclose(f);
		CHECK(err != 0 || (t3 && t3->n < t->n) || cut == 0,
		      "cut %zu", cut);
		mem_deref(t3);
	}

	verdict_reset(&v1);
	verdict_reset(&v2);
	free(buf);
	mem_deref(t);
	mem_deref(t2);
}

/* --single-uas is saved with the trace, so the file is judged the same;
 * a header word the reader does not know is skipped */
static void test_save_single_uas(void)
{
	static const char *const heads[] = {
		"sipconform-trace 1 1000 single-uas\n",
		"sipconform-trace 1 1000 later-word single-uas\n",
		"sipconform-trace 1 1000 later-word\n",
		"sipconform-trace 1 1000 single-uasx\n",
	};
	static const bool want[] = {true, true, false, false};
	struct trace *t = NULL, *t2 = NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	trace_alloc(&t);
	tb_out(t, 0, TB_INVITE);
	t->end_us = 1000;
	t->single_uas = true;
	f = open_memstream(&buf, &len);
	CHECK(trace_save(t, f) == 0, "save single-uas");
	fclose(f);
	f = fmemopen(buf, len, "r");
	CHECK(trace_load(&t2, f) == 0 && t2->single_uas,
	      "single-uas survives save and load");
	fclose(f);
	free(buf);
	mem_deref(t2);
	mem_deref(t);

	for (size_t i = 0; i < ARRAY_SIZE(heads); i++) {
		t2 = NULL;
		f = fmemopen((void *)heads[i], strlen(heads[i]), "r");
		CHECK(trace_load(&t2, f) == 0 && t2->single_uas == want[i],
		      "header '%s'", heads[i]);
		fclose(f);
		mem_deref(t2);
	}
}

int main(void)
{
	libre_init();
	test_timings();
	test_stray_and_broken();
	test_save_load();
	test_save_single_uas();
	libre_close();
	return test_summary("test_judge");
}
