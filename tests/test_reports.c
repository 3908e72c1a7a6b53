/**
 * @file test_reports.c  The four report formats over judged canned runs
 *
 *   test_reports                      the tests
 *   test_reports FORMAT RUN [-v]      write one canned run (runbuild.h) to
 *                                     stdout, for the validators that
 *                                     test_reports.sh runs (jq, xmllint,
 *                                     prove)
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
#include "report/report.h"
#include "cli/cli.h"
#include "testutil.h"
#include "tracebuild.h"
#include "runbuild.h"

static char *render(const struct run_result *r,
		    const struct report_format *fmt,
		    bool verbose, size_t *lenp)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int err;

	err = report_write(f, fmt, r, verbose);
	fclose(f);
	CHECK(err == 0, "report_write(%s): %m", fmt->name, err);
	if (lenp)
		*lenp = len;
	return buf;
}

static unsigned count(const char *s, const char *needle)
{
	unsigned n = 0;

	for (s = strstr(s, needle); s; s = strstr(s + 1, needle))
		n++;
	return n;
}

static unsigned attr(const char *s, const char *name)
{
	const char *p = strstr(s, name);

	return p ? (unsigned)strtoul(p + strlen(name), NULL, 10) : ~0u;
}

/* Offset of the first byte a terminal or parser must not get raw: a
 * control but LF and TAB, DEL, ill-formed UTF-8, C1, U+FFFE, U+FFFF;
 * -1 when there is none (NUL ends nothing: len is the real length) */
static long first_raw(const char *buf, size_t len)
{
	const uint8_t *p = (const uint8_t *)buf;

	for (size_t i = 0; i < len; ) {
		size_t n = 1;

		if (p[i] < 0x20 || p[i] == 0x7f) {
			if (p[i] != '\n' && p[i] != '\t')
				return (long)i;
		}
		else if (p[i] >= 0x80) {
			uint32_t cp;

			if (p[i] >= 0xc2 && p[i] <= 0xdf)
				n = 2, cp = p[i] & 0x1f;
			else if (p[i] >= 0xe0 && p[i] <= 0xef)
				n = 3, cp = p[i] & 0x0f;
			else if (p[i] >= 0xf0 && p[i] <= 0xf4)
				n = 4, cp = p[i] & 0x07;
			else
				return (long)i;
			if (i + n > len)
				return (long)i;
			for (size_t k = 1; k < n; k++) {
				if ((p[i + k] & 0xc0) != 0x80)
					return (long)i;
				cp = cp << 6 | (p[i + k] & 0x3f);
			}
			if ((n == 3 && cp < 0x800) ||
			    (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
			    (cp >= 0xd800 && cp < 0xe000) ||
			    (cp >= 0x80 && cp < 0xa0) || cp == 0xfffe ||
			    cp == 0xffff)
				return (long)i;
		}
		i += n;
	}
	return -1;
}

/* A strict JSON (RFC 8259) recogniser, so the C tests catch a broken
 * document without jq */
struct jp {
	const char *p, *end;
	unsigned depth;
};

static bool j_value(struct jp *j);

static void j_ws(struct jp *j)
{
	while (j->p < j->end && strchr(" \t\r\n", *j->p) && *j->p)
		j->p++;
}

static bool j_eat(struct jp *j, char c)
{
	j_ws(j);
	if (j->p < j->end && *j->p == c) {
		j->p++;
		return true;
	}
	return false;
}

static bool j_string(struct jp *j)
{
	if (!j_eat(j, '"'))
		return false;
	while (j->p < j->end) {
		uint8_t c = (uint8_t)*j->p++;

		if (c == '"')
			return true;
		if (c < 0x20)
			return false;
		if (c != '\\')
			continue;
		if (j->p >= j->end)
			return false;
		c = (uint8_t)*j->p++;
		if (c == 'u') {
			for (int k = 0; k < 4; k++, j->p++)
				if (j->p >= j->end || !strchr(
					    "0123456789abcdefABCDEF", *j->p) ||
				    !*j->p)
					return false;
		}
		else if (!c || !strchr("\"\\/bfnrt", c)) {
			return false;
		}
	}
	return false;
}

static bool j_digits(struct jp *j)
{
	const char *s = j->p;

	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > s;
}

static bool j_number(struct jp *j)
{
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (!j_digits(j))
		return false;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (!j_digits(j))
			return false;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (!j_digits(j))
			return false;
	}
	return true;
}

static bool j_seq(struct jp *j, char close, bool object)
{
	if (++j->depth > 64)
		return false;
	if (j_eat(j, close)) {
		j->depth--;
		return true;
	}
	do {
		if (object && (!j_string(j) || !j_eat(j, ':')))
			return false;
		if (!j_value(j))
			return false;
	} while (j_eat(j, ','));
	j->depth--;
	return j_eat(j, close);
}

static bool j_value(struct jp *j)
{
	static const char *const lits[] = {"true", "false", "null"};

	j_ws(j);
	if (j->p >= j->end)
		return false;
	switch (*j->p) {

	case '{': j->p++; return j_seq(j, '}', true);
	case '[': j->p++; return j_seq(j, ']', false);
	case '"': return j_string(j);
	default:  break;
	}
	for (size_t i = 0; i < ARRAY_SIZE(lits); i++) {
		size_t n = strlen(lits[i]);

		if ((size_t)(j->end - j->p) >= n && !memcmp(j->p, lits[i], n)) {
			j->p += n;
			return true;
		}
	}
	return j_number(j);
}

static bool json_valid(const char *buf, size_t len)
{
	struct jp j = {buf, buf + len, 0};

	if (!j_value(&j))
		return false;
	j_ws(&j);
	return j.p == j.end;
}

/* The busy scenario's Reason-Phrase, as each format must show it */
#define Q_TEXT "Busy \\x00\\x1b[31m \\xff\\xc0\\x80 \"q\" <&> " \
	"\\xc2\\x9b \\xef\\xbf\\xbf \\ # end"
#define Q_JSON "Busy \\\\x00\\\\x1b[31m \\\\xff\\\\xc0\\\\x80 \\\"q\\\" " \
	"<&> \\\\xc2\\\\x9b \\\\xef\\\\xbf\\\\xbf \\\\ # end"
#define Q_XML  "Busy \\x00\\x1b[31m \\xff\\xc0\\x80 &quot;q&quot; " \
	"&lt;&amp;&gt; \\xc2\\x9b \\xef\\xbf\\xbf \\ # end"

static void totals(const struct run_result *r, unsigned *must,
		   unsigned *should)
{
	*must = *should = 0;
	for (size_t i = 0; i < r->scenc; i++) {
		*must += r->scenv[i].verdict.must;
		*should += r->scenv[i].verdict.should;
	}
}

static void test_text(void)
{
	static const struct {
		const char *run, *result;
	} cases[] = {
		{"pass", "\nRESULT: PASS \xe2\x80\x94 "},
		{"fail", "\nRESULT: FAIL \xe2\x80\x94 "},
		{"nojudge", "\nRESULT: NOT JUDGED \xe2\x80\x94 "},
		{"all", "\nRESULT: FAIL \xe2\x80\x94 "},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct run_result *r = rb_run(cases[i].run);
		unsigned must, should;
		char line[128];
		size_t len;
		char *s = render(r, &report_text, false, &len);

		totals(r, &must, &should);
		snprintf(line, sizeof(line), "%s%u MUST broken, %u SHOULD "
			 "warning%s in %zu scenario%s\n", cases[i].result, must,
			 should, should == 1 ? "" : "s", r->scenc,
			 r->scenc == 1 ? "" : "s");
		CHECK(strstr(s, line) != NULL, "%s: no '%s' in\n%s",
		      cases[i].run, line + 1, s);
		CHECK(first_raw(s, len) < 0, "%s: raw byte at %ld",
		      cases[i].run, first_raw(s, len));
		CHECK(strstr(s, "target:    " RB_TARGET " (127.0.0.1:5060)\n"),
		      "%s: header target", cases[i].run);
		CHECK(strstr(s, "transport: UDP, T1 500 ms\n"), "transport");
		CHECK(strstr(s, "date:      2024-05-01 12:00:00 UTC\n"),
		      "date");
		CHECK(!strstr(s, "exchange:"), "ladder only when verbose");
		free(s);
		mem_deref(r);
	}
}

static void test_text_scenarios(void)
{
	struct run_result *r = rb_run("all");
	size_t len;
	char *s = render(r, &report_text, true, &len);

	CHECK(r->scenv[2].verdict.broken[R_SL_REASON_CHAR] == 1,
	      "judge: busy breaks reason-char");

	CHECK(strstr(s, "\ncall: INVITE answered with 180 and 200, then ACK\n"
		     "  PASS\n"), "call verdict:\n%s", s);
	CHECK(strstr(s, "  timings: to 100 5 ms, to first 18x (post-dial "
		     "delay) 40 ms, to final 1040 ms (200)\n"), "call timings");
	CHECK(strstr(s, "\nwarn: ") && strstr(s, "  PASS: 1 SHOULD warning\n"),
	      "warn verdict");
	CHECK(strstr(s, "dialog.allow-supported"), "warning shown");
	CHECK(strstr(s, "\nbusy: ") && strstr(s, "  FAIL: "), "busy verdict");
	CHECK(strstr(s, "statusline.reason-char"), "busy finding");
	CHECK(strstr(s, "| SIP/2.0 486 " Q_TEXT "\n"), "busy quote");
	CHECK(strstr(s, "\nrefused: INVITE to a port nobody listens on\n"
		     "  NOT JUDGED: no response: Connection refused\n"
		     "  note: the target's host answers, no SIP <server> "
		     "there & \\x1b[0m\n"), "refused verdict");
	CHECK(strstr(s, "  timings: to 100 -, to first 18x (post-dial delay) "
		     "-, to final -\n"), "refused timings");
	CHECK(strstr(s, "  messages: 1 out ("), "refused counts");

	/* the ladder: every message, both ways, quoted */
	CHECK(count(s, "  exchange:\n") == 4, "a ladder per scenario");
	CHECK(strstr(s, "    #0        0.000 ms  ->  UDP  127.0.0.1:5060  "
		     "INVITE sip:service@127.0.0.1:5060 SIP/2.0\n"),
	      "ladder out:\n%s", s);
	CHECK(strstr(s, "    #1        5.000 ms  <-  UDP  127.0.0.1:5060  "
		     "SIP/2.0 100 Trying\n"), "ladder in");
	CHECK(strstr(s, "<-  UDP  127.0.0.1:5060  SIP/2.0 486 " Q_TEXT "\n"),
	      "ladder quotes hostile bytes");
	CHECK(strstr(s, "    #1        1.000 ms  **  note  ICMP port "
		     "unreachable from 127.0.0.1:5060\n"), "ladder note");
	CHECK(first_raw(s, len) < 0, "verbose: raw byte at %ld",
	      first_raw(s, len));

	free(s);
	mem_deref(r);
}

static void test_json(void)
{
	static const struct {
		const char *run, *verdict;
		int exit_code;
	} cases[] = {
		{"pass", "pass", RUN_EXIT_PASS},
		{"fail", "fail", RUN_EXIT_FAIL},
		{"nojudge", "not-judged", RUN_EXIT_NOJUDGE},
		{"all", "fail", RUN_EXIT_FAIL},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct run_result *r = rb_run(cases[i].run);
		char want[128];

		for (int verbose = 0; verbose < 2; verbose++) {
			size_t len;
			char *s = render(r, &report_json, verbose, &len);

			CHECK(json_valid(s, len), "%s: invalid JSON:\n%s",
			      cases[i].run, s);
			CHECK(first_raw(s, len) < 0, "%s: raw byte at %ld",
			      cases[i].run, first_raw(s, len));
			snprintf(want, sizeof(want), "\"verdict\": \"%s\", "
				 "\"exit_code\": %d,", cases[i].verdict,
				 cases[i].exit_code);
			CHECK(strstr(s, want), "%s: no %s", cases[i].run,
			      want);
			CHECK(strstr(s, "{\"tool\": \"sipconform\", "
				     "\"version\": \"" PACKAGE_VERSION "\""),
			      "tool");
			CHECK(strstr(s, "\"target\": \"sip:service@127.0.0.1:"
				     "5060;x=\\\"a<b>&c#d\\\"\""), "target");
			CHECK(strstr(s, "\"t1_ms\": 500,\n  \"started\": "
				     "1714564800,"), "t1, started");
			CHECK(count(s, "\"name\": ") == r->scenc, "scenarios");
			CHECK(count(s, "\"exchange\": [") ==
			      (verbose ? r->scenc : 0), "exchange");
			free(s);
		}
		mem_deref(r);
	}
}

static void test_json_fields(void)
{
	struct run_result *r = rb_run("all");
	size_t len;
	char *s = render(r, &report_json, true, &len);

	CHECK(strstr(s, "\"timings\": {\"to_100_ms\": 5, \"to_18x_ms\": 40, "
		     "\"to_final_ms\": 1040, \"final_code\": 200}"),
	      "call timings:\n%s", s);
	CHECK(strstr(s, "\"timings\": {\"to_100_ms\": null, \"to_18x_ms\": "
		     "null, \"to_final_ms\": null, \"final_code\": null}"),
	      "refused timings");
	CHECK(strstr(s, "\"verdict\": \"not-judged\", \"judged\": false, "
		     "\"error\": \"no response: Connection refused\",\n"
		     "      \"note\": \"the target's host answers, no SIP "
		     "<server> there & \\\\x1b[0m\", \"duration_ms\": 2,"),
	      "refused verdict");
	CHECK(strstr(s, "\"verdict\": \"pass\", \"judged\": true, "
		     "\"error\": null,\n      \"note\": null, "
		     "\"duration_ms\": 1100,"), "call verdict");
	CHECK(strstr(s, "\"trace\": {\"messages_in\": 0, \"messages_out\": 1,"),
	      "refused counts");
	CHECK(strstr(s, "\"dir\": \"in\", \"transport\": null, \"peer\": "
		     "null, \"kind\": \"note\", \"bytes\": 41, "
		     "\"incomplete\": false,\n\t \"first_line\": \"ICMP port "
		     "unreachable from 127.0.0.1:5060\"}"), "a note");
	CHECK(strstr(s, "{\"rule\": \"statusline.reason-char\", \"level\": "
		     "\"MUST\", \"rfc\": \"RFC 3261\", \"section\": \"25.1\""),
	      "finding");
	CHECK(strstr(s, "\"quote\": \"SIP/2.0 486 " Q_JSON "\"}"),
	      "hostile quote");
	CHECK(strstr(s, "\"first_line\": \"SIP/2.0 486 " Q_JSON "\"}"),
	      "hostile first line");
	CHECK(strstr(s, "{\"index\": 0, \"time_ms\": 0, \"dir\": \"out\", "
		     "\"transport\": \"UDP\", \"peer\": \"127.0.0.1:5060\", "
		     "\"kind\": \"msg\""), "exchange entry");
	CHECK(strstr(s, "\"rules\": {\"checked\": "), "rules");
	free(s);
	mem_deref(r);
}

#define PROLOG "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<testsuites name=\"sipconform\" "

static void test_junit(void)
{
	static const char *const runs[] = {"pass", "fail", "nojudge", "all"};

	for (size_t i = 0; i < ARRAY_SIZE(runs); i++) {
		struct run_result *r = rb_run(runs[i]);
		unsigned must_rules = 0, skipped = 0, unjudged = 0;
		unsigned should_rules = 0;
		size_t len;
		char *s = render(r, &report_junit, false, &len);
		const char *root_end = strchr(s + strlen(PROLOG), '>');

		for (size_t k = 0; k < r->scenc; k++) {
			const struct verdict *v = &r->scenv[k].verdict;

			unjudged += !r->scenv[k].judged;
			for (int id = 0; id < RULE_COUNT; id++) {
				skipped += !v->applied[id];
				must_rules += v->broken[id] &&
					rule_get(id)->level == LEVEL_MUST;
				should_rules += v->broken[id] &&
					rule_get(id)->level == LEVEL_SHOULD;
			}
		}

		CHECK(!strncmp(s, PROLOG, strlen(PROLOG)), "%s: prolog",
		      runs[i]);
		CHECK(first_raw(s, len) < 0, "%s: raw byte at %ld", runs[i],
		      first_raw(s, len));
		CHECK(attr(s, " tests=\"") == count(s, "<testcase "),
		      "%s: tests %u, testcases %u", runs[i],
		      attr(s, " tests=\""), count(s, "<testcase "));
		CHECK(attr(s, " tests=\"") ==
		      r->scenc * RULE_COUNT + unjudged, "%s: tests", runs[i]);
		CHECK(attr(s, " failures=\"") == must_rules &&
		      count(s, "<failure ") == must_rules,
		      "%s: failures %u", runs[i], must_rules);
		/* junit-10: no skipped= on <testsuites>; a broken SHOULD is
		 * a <skipped type="SHOULD"> (GitLab shows it) */
		CHECK(root_end && (!strstr(s, " skipped=") ||
				   strstr(s, " skipped=") > root_end),
		      "%s: root skipped=", runs[i]);
		CHECK(count(s, "<skipped type=\"not-applicable\"") == skipped &&
		      count(s, "<skipped type=\"SHOULD\" message=\"SHOULD "
			    "broken: ") == should_rules &&
		      count(s, "<skipped ") == skipped + should_rules,
		      "%s: skipped %u, SHOULD %u", runs[i], skipped,
		      should_rules);
		CHECK(attr(s, " errors=\"") == unjudged &&
		      count(s, "<error ") == unjudged, "%s: errors", runs[i]);
		CHECK(count(s, "<testsuite ") == r->scenc, "suites");
		CHECK(count(s, "<testcase classname=\"sipconform.call\" "
			    "name=\"statusline.version\"/>") == 1,
		      "%s: a passing rule", runs[i]);
		CHECK(strstr(s, "<property name=\"target\" value=\"sip:service@"
			     "127.0.0.1:5060;x=&quot;a&lt;b&gt;&amp;c#d&quot;"
			     "\"/>"), "target property");
		free(s);
		mem_deref(r);
	}
}

static void test_junit_content(void)
{
	struct run_result *r = rb_run("all");
	char *s = render(r, &report_junit, false, NULL);

	CHECK(strstr(s, "<testcase classname=\"sipconform.busy\" "
		     "name=\"statusline.reason-char\">\n"
		     "      <failure type=\"MUST\" message=\"Reason-Phrase "
		     "holds no CTL, NUL, DQUOTE or other disallowed byte "
		     "(RFC 3261 \xc2\xa7" "25.1)\">message #2 at 250 ms"),
	      "failure:\n%s", s);
	CHECK(strstr(s, "\n  | SIP/2.0 486 " Q_XML "\n</failure>"),
	      "failure quote");
	CHECK(strstr(s, "<testcase classname=\"sipconform.warn\" "
		     "name=\"dialog.allow-supported\">\n"
		     "      <skipped type=\"SHOULD\" message=\"SHOULD broken: "),
	      "warning");
	CHECK(strstr(s, "<testcase classname=\"sipconform.refused\" "
		     "name=\"judged\">\n      <error type="
		     "\"not-judged\" message=\"no response: Connection "
		     "refused\"/>\n    </testcase>\n    <system-out>the "
		     "target's host answers, no SIP &lt;server&gt; there "
		     "&amp; \\x1b[0m</system-out>\n  </testsuite>\n"),
	      "not judged");
	CHECK(strstr(s, "<testsuite name=\"refused\" tests=\"") &&
	      strstr(s, "time=\"0.002\" timestamp=\"2024-05-01T12:00:00\""),
	      "suite attributes");
	free(s);
	mem_deref(r);
}

static void test_tap(void)
{
	static const char *const runs[] = {"pass", "fail", "nojudge", "all"};

	for (size_t i = 0; i < ARRAY_SIZE(runs); i++) {
		struct run_result *r = rb_run(runs[i]);
		unsigned plan = 0, fails = 0, skips = 0, warns = 0, yaml = 0;
		char want[64];
		size_t len;
		char *s = render(r, &report_tap, false, &len);

		for (size_t k = 0; k < r->scenc; k++) {
			const struct verdict *v = &r->scenv[k].verdict;

			plan += RULE_COUNT + !r->scenv[k].judged;
			fails += !r->scenv[k].judged;
			yaml += !r->scenv[k].judged;
			for (int id = 0; id < RULE_COUNT; id++) {
				bool must = rule_get(id)->level == LEVEL_MUST;

				skips += !v->applied[id];
				fails += v->broken[id] && must;
				warns += v->broken[id] && !must;
				yaml += v->broken[id] > 0;
			}
		}

		snprintf(want, sizeof(want), "TAP version 13\n1..%u\n", plan);
		CHECK(!strncmp(s, want, strlen(want)), "%s: plan", runs[i]);
		CHECK(count(s, "\nok ") + count(s, "\nnot ok ") == plan,
		      "%s: test lines", runs[i]);
		CHECK(count(s, "\nnot ok ") == fails, "%s: not ok %u", runs[i],
		      fails);
		CHECK(count(s, " # SKIP not applicable\n") == skips, "skips");
		CHECK(count(s, " # warning\n") == warns, "warnings");
		CHECK(count(s, "\n  ---\n") == yaml &&
		      count(s, "\n  ...\n") == yaml, "%s: yaml blocks",
		      runs[i]);
		CHECK(first_raw(s, len) < 0, "%s: raw byte at %ld", runs[i],
		      first_raw(s, len));
		CHECK(strstr(s, "\n# sip:service@127.0.0.1:5060;"
			     "x=\"a<b>&c\\#d\" over UDP, T1 500 ms\n"),
		      "%s: header comment", runs[i]);
		CHECK(strstr(s, "\nok 2 - call: statusline.version (MUST, RFC "
			     "3261 \xc2\xa7" "7.1)\n"), "%s: a passing line",
		      runs[i]);
		free(s);
		mem_deref(r);
	}
}

static void test_tap_content(void)
{
	struct run_result *r = rb_run("all");
	char want[128];
	char *s = render(r, &report_tap, false, NULL);

	CHECK(strstr(s, " - busy: statusline.reason-char (MUST, RFC 3261 "
		     "\xc2\xa7" "25.1)\n  ---\n"
		     "  message: \"Reason-Phrase holds"),
	      "failure:\n%s", s);
	CHECK(strstr(s, "\n      quote: \"SIP/2.0 486 " Q_JSON "\"\n"),
	      "yaml quote");
	CHECK(strstr(s, " - warn: dialog.allow-supported (SHOULD, RFC 3261 "
		     "\xc2\xa7" "13.3.1.4) # warning\n  ---\n"), "warning");
	snprintf(want, sizeof(want), "\nnot ok %u - refused: judged # no "
		 "response: Connection refused\n  ---\n", 3 * RULE_COUNT + 1);
	CHECK(strstr(s, want), "not judged");
	CHECK(strstr(s, "\n# refused: INVITE to a port nobody listens on\n"
		     "# note: the target's host answers, no SIP <server> there "
		     "& \\x1b[0m\nnot ok "), "scenario comments");
	free(s);
	mem_deref(r);
}

/* A reason that reads like a directive must not turn a failure into a
 * skip */
static void test_tap_directive(void)
{
	struct run_result *r = rb_run("nojudge");
	char *s;

	mem_deref(r->scenv[1].error);
	str_dup(&r->scenv[1].error, "SKIP#this \\ TODO");
	s = render(r, &report_tap, false, NULL);
	CHECK(strstr(s, " - refused: judged # not judged: SKIP\\#this \\\\ "
		     "TODO\n"), "directive-like reason:\n%s", s);
	free(s);
	mem_deref(r);
}

static void test_errors(void)
{
	struct run_result *r = rb_run("pass");
	FILE *f = fopen("/dev/full", "w");
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	CHECK(report_write(m, NULL, r, false) == EINVAL, "no format");
	CHECK(report_write(m, &report_text, NULL, false) == EINVAL, "no run");
	CHECK(report_write(NULL, &report_text, r, false) == EINVAL,
	      "no file");
	fclose(m);
	free(buf);

	if (f) {
		for (size_t i = 0; report_formats[i]; i++)
			CHECK(report_write(f, report_formats[i], r, true) ==
			      EIO, "full disk, format %s",
			      report_formats[i]->name);
		fclose(f);
	}
	mem_deref(r);
}

/* Hostile bytes the escapes must never pass on */
static void test_escape(void)
{
	static const struct {
		const char *in, *text, *json, *xml;
	} cases[] = {
		{"\xc3\xa9", "\xc3\xa9", "\xc3\xa9", "\xc3\xa9"},
		{"\xc2\x9b", "\\xc2\\x9b", "\\\\xc2\\\\x9b", "\\xc2\\x9b"},
		{"\xc2\xa0", "\xc2\xa0", "\xc2\xa0", "\xc2\xa0"},
		{"\xef\xbf\xbf", "\\xef\\xbf\\xbf", "\\\\xef\\\\xbf\\\\xbf",
		 "\\xef\\xbf\\xbf"},
		{"\xef\xbf\xbd", "\xef\xbf\xbd", "\xef\xbf\xbd",
		 "\xef\xbf\xbd"},
		{"<\"&\x1b>", "<\"&\\x1b>", "<\\\"&\\\\x1b>",
		 "&lt;&quot;&amp;\\x1b&gt;"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *want[3] = {cases[i].text, cases[i].json,
				       cases[i].xml};

		for (int e = 0; e < 3; e++) {
			char *buf = NULL;
			size_t len = 0;
			FILE *f = open_memstream(&buf, &len);
			struct pl pl;

			pl_set_str(&pl, cases[i].in);
			if (e == 0)
				report_quote(f, pl, 0);
			else if (e == 1)
				report_json_str(f, pl.p, pl.l);
			else
				report_xml_str(f, pl.p, pl.l);
			fclose(f);
			CHECK(!strcmp(buf, want[e]), "case %zu/%d: '%s'", i, e,
			      buf);
			free(buf);
		}
	}
}

static int demo(int argc, char *argv[])
{
	const struct report_format *fmt;
	struct run_result *r;
	int err;

	if (argc < 3 || report_format_parse(&fmt, argv[1]) ||
	    !(r = rb_run(argv[2]))) {
		fputs("usage: test_reports [text|json|junit|tap "
		      "pass|fail|nojudge|all [-v]]\n", stderr);
		return 2;
	}

	err = report_write(stdout, fmt, r, argc > 3 && !strcmp(argv[3], "-v"));
	if (err)
		fprintf(stderr, "test_reports: %s\n", strerror(err));
	mem_deref(r);
	return err ? 1 : 0;
}

int main(int argc, char *argv[])
{
	int rc;

	libre_init();
	if (argc > 1) {
		rc = demo(argc, argv);
		libre_close();
		return rc;
	}

	test_escape();
	test_text();
	test_text_scenarios();
	test_json();
	test_json_fields();
	test_junit();
	test_junit_content();
	test_tap();
	test_tap_content();
	test_tap_directive();
	test_errors();
	libre_close();
	return test_summary("test_reports");
}
