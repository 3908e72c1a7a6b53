/**
 * @file test_rules_single.c  The rules one response decides (rules/
 *                            single.c, framing.c), trace by trace, and
 *                            code.420-lists-option over the view
 *
 * Issue 8: the run and lint apply one implementation; lint's side is
 * tests/lint/ (test_lint.sh).  Every row: the exact count of findings per
 * rule of the list below (all others of the list silent), the rules that
 * must have been applied, optionally a piece of a finding's detail.
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
#define OUT(ms, text) {false, (ms), (text)}
#define IN(ms, text)  {true, (ms), (text)}
/* a stray: a branch we never sent */
#define STRAY(status, tag, cseq)					\
	"SIP/2.0 " status "\n"						\
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-nobody\n"	\
	TB_FROM "To: <sip:service@127.0.0.1:5060>" tag "\n" TB_CALLID	\
	"CSeq: " cseq "\n"

struct step {
	bool in;
	uint32_t ms;
	const char *text;
};

struct want {
	enum rule_id r;
	unsigned n;
};

struct tcase {
	const char *name;
	struct step step[10];
	struct want broken[4];     /* n == 0 ends the list           */
	enum rule_id applied[6];   /* 0 (not one of ours) ends it    */
	const char *detail;        /* in some finding's detail       */
	bool tcp;
	uint32_t t1_ms;            /* 0: defaults                    */
};

static const struct tcase cases[] = {
	/* ---- dialog.contact: MUST for 2xx and reliable 1xx ---- */
	{.name = "unreliable 180 with tag, no Contact: a SHOULD",
	 .step = {OUT(0, TB_INVITE), IN(40, TB_RES("180 Ringing", TAG1) "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{R_DIALOG_CONTACT_1XX, 1}},
	 .applied = {R_DIALOG_CONTACT_1XX, R_DIALOG_CONTACT}},
	{.name = "reliable 183 with tag, no Contact: a MUST",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, TB_RES("183 Session Progress", TAG1)
	     "Require: 100rel\nRSeq: 1\n" SDPBODY),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{R_DIALOG_CONTACT, 1}}, .applied = {R_DIALOG_CONTACT},
	 .detail = "reliable"},
	/* ---- dialog.contact-sip-uri ---- */
	{.name = "200 with a tel: Contact",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) "Contact: <tel:+15551234567>\n"
	     CAPS SDPBODY), OUT(101, TB_ACK(TAG1))},
	 .broken = {{R_DIALOG_CONTACT_SIP_URI, 1}},
	 .applied = {R_DIALOG_CONTACT_SIP_URI}, .detail = "tel:+1555"},
	{.name = "200 with a SIPS addr-spec Contact and parameters",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) "Contact: SIPS:svc@example.com"
	     ";expires=60\n" CAPS SDPBODY), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0, 0}}, .applied = {R_DIALOG_CONTACT_SIP_URI}},
	/* ---- totag.* ---- */
	{.name = "100 with a To tag: a SHOULD NOT (17.2.1)",
	 .step = {OUT(0, TB_INVITE), IN(5, TB_RES("100 Trying", TAG1) "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{R_TOTAG_NOT_IN_100, 1}},
	 .applied = {R_TOTAG_NOT_IN_100}},
	{.name = "100 without To tag",
	 .step = {OUT(0, TB_INVITE), IN(5, TB_RES("100 Trying", "") "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0, 0}}, .applied = {R_TOTAG_NOT_IN_100}},
	{.name = "matched 486 without To tag: one finding, not two",
	 .step = {OUT(0, TB_INVITE), IN(40, TB_RES("486 Busy Here", "") "\n"),
	  OUT(41, TB_ACK_NON2XX(""))},
	 .broken = {{R_TOTAG_PRESENT, 1}}, .applied = {R_TOTAG_PRESENT}},
	{.name = "stray 486 without To tag: judged as lint judges it",
	 .step = {OUT(0, TB_INVITE), IN(40, STRAY("486 Busy Here", "",
						 "1 INVITE") "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{R_TOTAG_PRESENT, 1}}, .applied = {R_TOTAG_PRESENT},
	 .detail = "486 without To tag"},
	/* ---- headers.cseq ---- */
	{.name = "stray with CSeq 2**31",
	 .step = {OUT(0, TB_INVITE), IN(40, STRAY("486 Busy Here", TAG1,
						 "2147483648 INVITE") "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{R_HDR_CSEQ, 1}}, .applied = {R_HDR_CSEQ},
	 .detail = "below 2**31"},
	{.name = "CSeq 1 INVITE",
	 .step = {OUT(0, TB_INVITE), IN(100, R200(TAG1)),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {{0, 0}}, .applied = {R_HDR_CSEQ}},
	/* ---- code.basic-auth ---- */
	{.name = "401 with Digest and Basic",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(30, TB_OPT_RES("401 Unauthorized", TAG1)
	     "WWW-Authenticate: Digest realm=\"x\", nonce=\"n\"\n"
	     "WWW-Authenticate: Basic realm=\"x\"\n\n")},
	 .broken = {{R_CODE_BASIC_AUTH, 1}}, .applied = {R_CODE_BASIC_AUTH}},
	{.name = "407 with Digest only",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(30, TB_OPT_RES("407 Proxy Authentication Required", TAG1)
	     "Proxy-Authenticate: Digest realm=\"basic\", nonce=\"n\"\n\n")},
	 .broken = {{0, 0}}, .applied = {R_CODE_BASIC_AUTH}},
	/* ---- code.420-lists-option: needs our Require ---- */
	{.name = "420 to Require: 100rel listing another option",
	 .step = {OUT(0, TB_INVITE_REQ100REL),
	  IN(30, TB_RES("420 Bad Extension", TAG1) "Unsupported: foo\n\n"),
	  OUT(31, TB_ACK_NON2XX(TAG1))},
	 .broken = {{R_CODE_420_OPTION, 1}}, .applied = {R_CODE_420_OPTION},
	 .detail = "none of the request's Require"},
	{.name = "420 to Require: 100rel listing 100REL",
	 .step = {OUT(0, TB_INVITE_REQ100REL),
	  IN(30, TB_RES("420 Bad Extension", TAG1)
	     "Unsupported: foo, 100REL\n\n"),
	  OUT(31, TB_ACK_NON2XX(TAG1))},
	 .broken = {{0, 0}}, .applied = {R_CODE_420_OPTION}},
	/* ---- bytes after the body (18.3, 7.5) ---- */
	{.name = "UDP: bytes after the Content-Length body",
	 .step = {OUT(0, TB_INVITE),
	  IN(40, TB_RES("486 Busy Here", TAG1) "Content-Length: 0\n\n"
	     "v=0\n"), OUT(41, TB_ACK_NON2XX(TAG1))},
	 .broken = {{R_FR_DATAGRAM_SURPLUS, 1}},
	 .applied = {R_FR_DATAGRAM_SURPLUS}, .detail = "5 bytes after"},
	{.name = "TCP: keep-alive CRLFs after the body",
	 .step = {OUT(0, TB_INVITE),
	  IN(40, TB_RES("486 Busy Here", TAG1) "Content-Length: 0\n\n"
	     "\n\n"), OUT(41, TB_ACK_NON2XX(TAG1))},
	 .broken = {{0, 0}}, .applied = {R_FR_CLEN_MISMATCH}, .tcp = true},
	{.name = "TCP: keep-alive CRLFs after an SDP body",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS
	     "Content-Type: application/sdp\nContent-Length: 87\n\n"
	     TB_SDP "\n\n\n\n"), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0, 0}}, .applied = {R_FR_CLEN_MISMATCH}, .tcp = true},
};

static void add(struct trace *t, bool in, uint32_t ms, const char *text,
		bool tcp)
{
	struct sa local, peer;
	size_t len;
	uint8_t *p = tb_crlf(text, &len);

	sa_decode(&local, TB_LOCAL, strlen(TB_LOCAL));
	sa_decode(&peer, TB_PEER, strlen(TB_PEER));
	trace_add(t, TRACE_MSG, in ? TRACE_IN : TRACE_OUT,
		  tcp ? SIP_TRANSP_TCP : SIP_TRANSP_UDP, &local, &peer,
		  tcp ? 1 : 0, (uint64_t)ms * 1000, p, len, NULL);
	mem_deref(p);
}

static bool in_family(enum rule_id r)
{
	for (size_t i = 0; i < ARRAY_SIZE(family); i++)
		if (family[i] == r)
			return true;
	return false;
}

static bool detail_has(const struct verdict *v, const char *s)
{
	struct le *le;

	LIST_FOREACH(&v->findings, le) {
		const struct finding *f = le->data;

		if (in_family(f->rule) && f->detail && strstr(f->detail, s))
			return true;
	}
	return false;
}

static void dump(const struct verdict *v)
{
	struct le *le;

	LIST_FOREACH(&v->findings, le) {
		const struct finding *f = le->data;

		if (in_family(f->rule))
			re_fprintf(stderr, "    %s: %s\n",
				   rule_get(f->rule)->id,
				   f->detail ? f->detail : "");
	}
}

/* Judge t and compare what the families said with the row */
static void judge_check(const char *name, struct trace *t,
			const struct judge_cfg *cfg, const struct want *want,
			size_t nwant, const enum rule_id *applied,
			size_t napplied, const char *detail)
{
	struct verdict v;
	bool ok = true;
	int err;

	verdict_init(&v);
	err = judge_trace(&v, t, cfg, NULL);
	CHECK(err == 0, "%s: judge_trace: %m", name, err);

	for (size_t i = 0; i < ARRAY_SIZE(family); i++) {
		enum rule_id r = family[i];
		unsigned n = 0;

		for (size_t k = 0; k < nwant && want[k].n; k++)
			if (want[k].r == r)
				n = want[k].n;
		if (v.broken[r] != n)
			ok = false;
		CHECK(v.broken[r] == n, "%s: %s broken %u times, want %u",
		      name, rule_get(r)->id, v.broken[r], n);
	}
	for (size_t k = 0; k < napplied && applied[k]; k++) {
		if (!v.applied[applied[k]])
			ok = false;
		CHECK(v.applied[applied[k]], "%s: %s not applied", name,
		      rule_get(applied[k])->id);
	}
	if (detail) {
		bool has = detail_has(&v, detail);

		ok = ok && has;
		CHECK(has, "%s: no finding says \"%s\"", name, detail);
	}
	if (!ok)
		dump(&v);

	verdict_reset(&v);
}

static void test_table(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct tcase *c = &cases[i];
		struct judge_cfg cfg = JUDGE_CFG_DEFAULT;
		struct trace *t = NULL;
		uint32_t end = 0;

		trace_alloc(&t);
		for (size_t k = 0; k < ARRAY_SIZE(c->step) && c->step[k].text;
		     k++) {
			add(t, c->step[k].in, c->step[k].ms, c->step[k].text,
			    c->tcp);
			if (c->step[k].ms > end)
				end = c->step[k].ms;
		}
		t->end_us = (uint64_t)(end + 100) * 1000;

		cfg.t1_ms = c->t1_ms;
		judge_check(c->name, t, c->t1_ms ? &cfg : NULL, c->broken,
			    ARRAY_SIZE(c->broken), c->applied,
			    ARRAY_SIZE(c->applied), c->detail);
		mem_deref(t);
	}
}

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
	add(t, false, 0, TB_INVITE, false);
	add(t, true, 40, res, false);
	add(t, false, 41, TB_ACK_NON2XX(TAG1), false);
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
	CHECK(run_exit_code(scen_verdict(&s), 0) == RUN_EXIT_NOJUDGE, "exit 3");

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
	test_table();
	test_nojudge();
	libre_close();
	return test_summary("test_rules_single");
}
