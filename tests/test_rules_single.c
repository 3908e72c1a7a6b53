/**
 * @file test_rules_single.c  The rules one response decides (rules/
 *                            single.c, framing.c), trace by trace, and
 *                            code.420-lists-option over the view
 *
 * Issue 8: the run and lint apply one implementation; lint's side is
 * tests/lint/ (test_lint.sh).  Every row: the exact count of findings per
 * rule of the list below (all others of the list silent), the rules that
 * must have been applied, optionally a piece of a finding's detail.
 *
 * The table runs in tracebuild.h (tb_run): the same runner for every
 * test_rules_*.c file.
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
#include "result/run.h"
#include "testutil.h"
#include "tracebuild.h"

static const enum rule_id family[] = {
	R_FR_CLEN_MISMATCH, R_FR_CONTENT_TYPE, R_FR_DATAGRAM_SURPLUS,
	R_HDR_CSEQ, R_TOTAG_PRESENT, R_TOTAG_NOT_IN_100,
	R_DIALOG_CONTACT, R_DIALOG_CONTACT_1XX, R_DIALOG_CONTACT_ONE,
	R_DIALOG_CONTACT_SIP_URI, R_CODE_401, R_CODE_407, R_CODE_420,
	R_CODE_420_OPTION, R_CODE_BASIC_AUTH, R_SL_TOO_LONG,
};

#define TAG1    ";tag=uas1"
#define CONTACT "Contact: <sip:service@127.0.0.1:5060>\n"
#define CAPS    "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK\n" \
	"Supported: 100rel\n"
#define SDPBODY "Content-Type: application/sdp\n\n" TB_SDP
#define R200(tag)   TB_RES("200 OK", tag) CONTACT CAPS SDPBODY
/* a stray: a branch we never sent */
#define STRAY(status, tag, cseq)					\
	"SIP/2.0 " status "\n"						\
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-nobody\n"	\
	TB_FROM "To: <sip:service@127.0.0.1:5060>" tag "\n" TB_CALLID	\
	"CSeq: " cseq "\n"

static const struct tb_case cases[] = {
	/* ---- dialog.contact: MUST for 2xx and reliable 1xx ---- */
	{.name = "unreliable 180 with tag, no Contact: a SHOULD",
	 .step = {OUT(0, TB_INVITE), IN(40, TB_RES("180 Ringing", TAG1) "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_CONTACT_1XX, 1)},
	 .applied = {A(R_DIALOG_CONTACT_1XX), A(R_DIALOG_CONTACT)}},
	{.name = "reliable 183 with tag, no Contact: a MUST",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, TB_RES("183 Session Progress", TAG1)
	     "Require: 100rel\nRSeq: 1\n" SDPBODY),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_CONTACT, 1)}, .applied = {A(R_DIALOG_CONTACT)},
	 .detail = "reliable"},
	/* ---- dialog.contact-sip-uri ---- */
	{.name = "200 with a tel: Contact",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) "Contact: <tel:+15551234567>\n"
	     CAPS SDPBODY), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_CONTACT_SIP_URI, 1)},
	 .applied = {A(R_DIALOG_CONTACT_SIP_URI)}, .detail = "tel:+1555"},
	{.name = "200 with a SIPS addr-spec Contact and parameters",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) "Contact: SIPS:svc@example.com"
	     ";expires=60\n" CAPS SDPBODY), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_DIALOG_CONTACT_SIP_URI)}},
	/* ---- totag.* ---- */
	{.name = "100 with a To tag: a SHOULD NOT (17.2.1)",
	 .step = {OUT(0, TB_INVITE), IN(5, TB_RES("100 Trying", TAG1) "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_TOTAG_NOT_IN_100, 1)},
	 .applied = {A(R_TOTAG_NOT_IN_100)}},
	{.name = "100 without To tag",
	 .step = {OUT(0, TB_INVITE), IN(5, TB_RES("100 Trying", "") "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_TOTAG_NOT_IN_100)}},
	{.name = "matched 486 without To tag: one finding, not two",
	 .step = {OUT(0, TB_INVITE), IN(40, TB_RES("486 Busy Here", "") "\n"),
	  OUT(41, TB_ACK_NON2XX(""))},
	 .broken = {E(R_TOTAG_PRESENT, 1)}, .applied = {A(R_TOTAG_PRESENT)}},
	{.name = "stray 486 without To tag: judged as lint judges it",
	 .step = {OUT(0, TB_INVITE), IN(40, STRAY("486 Busy Here", "",
						 "1 INVITE") "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_TOTAG_PRESENT, 1)}, .applied = {A(R_TOTAG_PRESENT)},
	 .detail = "486 without To tag"},
	/* ---- headers.cseq ---- */
	{.name = "stray with CSeq 2**31",
	 .step = {OUT(0, TB_INVITE), IN(40, STRAY("486 Busy Here", TAG1,
						 "2147483648 INVITE") "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_HDR_CSEQ, 1)}, .applied = {A(R_HDR_CSEQ)},
	 .detail = "below 2**31"},
	{.name = "CSeq 1 INVITE",
	 .step = {OUT(0, TB_INVITE), IN(100, R200(TAG1)),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_HDR_CSEQ)}},
	/* ---- code.basic-auth ---- */
	{.name = "401 with Digest and Basic",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(30, TB_OPT_RES("401 Unauthorized", TAG1)
	     "WWW-Authenticate: Digest realm=\"x\", nonce=\"n\"\n"
	     "WWW-Authenticate: Basic realm=\"x\"\n\n")},
	 .broken = {E(R_CODE_BASIC_AUTH, 1)},
	  .applied = {A(R_CODE_BASIC_AUTH)}},
	{.name = "407 with Digest only",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(30, TB_OPT_RES("407 Proxy Authentication Required", TAG1)
	     "Proxy-Authenticate: Digest realm=\"basic\", nonce=\"n\"\n\n")},
	 .broken = {{0}}, .applied = {A(R_CODE_BASIC_AUTH)}},
	/* ---- code.420-lists-option: needs our Require ---- */
	{.name = "420 to Require: 100rel listing another option",
	 .step = {OUT(0, TB_INVITE_REQ100REL),
	  IN(30, TB_RES("420 Bad Extension", TAG1) "Unsupported: foo\n\n"),
	  OUT(31, TB_ACK_NON2XX(TAG1))},
	 .broken = {E(R_CODE_420_OPTION, 1)}, .applied = {A(R_CODE_420_OPTION)},
	 .detail = "none of the request's Require"},
	{.name = "420 to Require: 100rel listing 100REL",
	 .step = {OUT(0, TB_INVITE_REQ100REL),
	  IN(30, TB_RES("420 Bad Extension", TAG1)
	     "Unsupported: foo, 100REL\n\n"),
	  OUT(31, TB_ACK_NON2XX(TAG1))},
	 .broken = {{0}}, .applied = {A(R_CODE_420_OPTION)}},
	/* ---- bytes after the body (18.3, 7.5) ---- */
	{.name = "UDP: bytes after the Content-Length body",
	 .step = {OUT(0, TB_INVITE),
	  IN(40, TB_RES("486 Busy Here", TAG1) "Content-Length: 0\n\n"
	     "v=0\n"), OUT(41, TB_ACK_NON2XX(TAG1))},
	 .broken = {E(R_FR_DATAGRAM_SURPLUS, 1)},
	 .applied = {A(R_FR_DATAGRAM_SURPLUS)}, .detail = "5 bytes after"},
	{.name = "TCP: keep-alive CRLFs after the body",
	 .step = {OUT(0, TB_INVITE),
	  IN(40, TB_RES("486 Busy Here", TAG1) "Content-Length: 0\n\n"
	     "\n\n"), OUT(41, TB_ACK_NON2XX(TAG1))},
	 .broken = {{0}}, .applied = {A(R_FR_CLEN_MISMATCH)}, .tcp = true},
	{.name = "TCP: keep-alive CRLFs after an SDP body",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS
	     "Content-Type: application/sdp\nContent-Length: 87\n\n"
	     TB_SDP "\n\n\n\n"), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_FR_CLEN_MISMATCH)}, .tcp = true},
};

static const struct tb_table table = TB_TABLE("single", family, cases);

/* statusline.too-long is our limit: the scenario is not judged (exit 3)
 * instead of failed, unless a MUST broke elsewhere */
static void test_nojudge(void)
{
	struct scen_result s;
	struct trace *t = NULL;
	char *res = NULL;
	char reason[1200];

	memset(reason, 'x', sizeof(reason) - 1);
	reason[sizeof(reason) - 1] = '\0';
	re_sdprintf(&res, "SIP/2.0 486 %s\n" TB_VIA TB_FROM
		    "To: <sip:service@127.0.0.1:5060>" TAG1 "\n" TB_CALLID
		    "CSeq: 1 INVITE\n\n", reason);

	trace_alloc(&t);
	tb_out(t, 0, TB_INVITE);
	tb_in(t, 40, res);
	tb_out(t, 41, TB_ACK_NON2XX(TAG1));
	t->end_us = 100000;

	memset(&s, 0, sizeof(s));
	s.judged = true;
	verdict_init(&s.verdict);
	CHECK(judge_trace(&s.verdict, t, NULL, NULL) == 0, "judge");
	CHECK(s.verdict.broken[R_SL_TOO_LONG] == 1, "too-long: %u findings",
	      s.verdict.broken[R_SL_TOO_LONG]);
	CHECK(!verdict_failed(&s.verdict), "too-long: counted as a MUST");
	CHECK(scen_verdict(&s) == RUN_NOJUDGE, "too-long: scenario %s",
	      run_verdict_str(scen_verdict(&s)));
	CHECK(run_exit_code(scen_verdict(&s)) == RUN_EXIT_NOJUDGE, "exit 3");

	/* a broken MUST wins over what could not be judged */
	verdict_add(&s.verdict, R_DIALOG_CONTACT, 1, 0, 0, pl_null, NULL);
	CHECK(scen_verdict(&s) == RUN_FAIL, "MUST and too-long: %s",
	      run_verdict_str(scen_verdict(&s)));

	verdict_reset(&s.verdict);
	mem_deref(t);
	mem_deref(res);
}

int main(void)
{
	libre_init();
	tb_run(&table);
	test_nojudge();
	libre_close();
	return test_summary("test_rules_single");
}
