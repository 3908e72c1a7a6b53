/**
 * @file report/junit.c  A whole run as JUnit XML, for Jenkins and GitLab
 *
 * A scenario is a testsuite, a rule of the catalogue a testcase:
 *
 *   broken MUST      <failure type="MUST">, a paragraph per finding
 *   broken SHOULD    passes, the warning in <system-out>
 *   not applied      <skipped/>
 *   not judged       an extra testcase "judged" with <error>
 *
 * tests/junit.xsd describes what is written here.
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
#include "result/run.h"
#include "report/report.h"
#include "report/formats.h"

#define XML_LINE_MAX 1024

struct junit_count {
	unsigned tests, failures, errors, skipped;
};

static void xml_str(FILE *f, const char *s)
{
	if (s)
		report_xml_str(f, s, strlen(s));
}

static void xml_pl(FILE *f, struct pl pl, size_t max)
{
	report_xml_str(f, pl.p, max && pl.l > max ? max : pl.l);
	if (max && pl.l > max)
		fputs("...", f);
}

static void xml_seconds(FILE *f, uint64_t us)
{
	fprintf(f, "%llu.%06llu", (unsigned long long)(us / 1000000),
		(unsigned long long)(us % 1000000));
}

static void junit_count(const struct scen_result *s, struct junit_count *c)
{
	struct rule_tally t;

	report_tally(&s->verdict, &t);
	c->tests    = RULE_COUNT + !s->judged;
	c->failures = t.must_broken;
	c->errors   = !s->judged;
	c->skipped  = t.skipped;
}

/* Each finding of rule id: where, what, and the line it quotes */
static void junit_findings(FILE *f, const struct verdict *v,
			   enum rule_id id)
{
	struct le *le;

	LIST_FOREACH(&v->findings, le) {
		const struct finding *fd = le->data;

		if (fd->rule != id)
			continue;

		fprintf(f, "message #%zu at ", fd->msg);
		report_ms(f, fd->t_us);
		fprintf(f, " ms, offset %zu: ", fd->off);
		xml_str(f, fd->detail ? fd->detail : rule_get(id)->summary);
		fputs("\n  | ", f);
		xml_pl(f, fd->quote, XML_LINE_MAX);
		fputc('\n', f);
	}
}

static void junit_testcase(FILE *f, const struct scen_result *s,
			   enum rule_id id)
{
	const struct verdict *v = &s->verdict;
	const struct rule *r = rule_get(id);

	fputs("    <testcase classname=\"sipconform.", f);
	xml_str(f, s->name);
	fputs("\" name=\"", f);
	xml_str(f, r->id);
	fputs("\" time=\"0\"", f);

	if (!v->applied[id]) {
		fputs("><skipped message=\"not applicable\"/></testcase>\n",
		      f);
		return;
	}
	if (!v->broken[id]) {
		fputs("/>\n", f);
		return;
	}

	if (r->level == LEVEL_MUST) {
		fputs(">\n      <failure type=\"MUST\" message=\"", f);
		xml_str(f, r->summary);
		fprintf(f, " (%s \xc2\xa7%s)\">", r->rfc, r->section);
		junit_findings(f, v, id);
		fputs("</failure>\n    </testcase>\n", f);
		return;
	}

	/* a SHOULD is a warning; a NOTE breaks no requirement on the target;
	 * NOJUDGE says a message could not be judged */
	fprintf(f, ">\n      <system-out>%s",
		r->level == LEVEL_SHOULD ? "warning: SHOULD broken: " :
		r->level == LEVEL_NOTE ? "note: " : "could not judge: ");
	xml_str(f, r->summary);
	fprintf(f, " (%s \xc2\xa7%s)\n", r->rfc, r->section);
	junit_findings(f, v, id);
	fputs("</system-out>\n    </testcase>\n", f);
}

static void junit_property(FILE *f, const char *name, const char *val)
{
	fprintf(f, "      <property name=\"%s\" value=\"", name);
	xml_str(f, val);
	fputs("\"/>\n", f);
}

static void junit_suite(FILE *f, const struct run_result *r,
			const struct scen_result *s)
{
	struct junit_count c;
	char date[64], t1[16];

	junit_count(s, &c);
	report_date(date, sizeof(date), r->started_unix, true);
	snprintf(t1, sizeof(t1), "%u", r->t1_ms);

	fputs("  <testsuite name=\"", f);
	xml_str(f, s->name);
	fprintf(f, "\" tests=\"%u\" failures=\"%u\" errors=\"%u\" "
		"skipped=\"%u\" time=\"", c.tests, c.failures, c.errors,
		c.skipped);
	xml_seconds(f, s->duration_us);
	fprintf(f, "\" timestamp=\"%s\">\n    <properties>\n", date);
	junit_property(f, "target", r->target);
	junit_property(f, "transport", report_transp(r->tp));
	junit_property(f, "t1_ms", t1);
	junit_property(f, "summary", s->summary);
	fputs("    </properties>\n", f);

	for (int i = 0; i < RULE_COUNT; i++)
		junit_testcase(f, s, (enum rule_id)i);

	if (!s->judged) {
		fputs("    <testcase classname=\"sipconform.", f);
		xml_str(f, s->name);
		fputs("\" name=\"judged\" time=\"0\">\n"
		      "      <error type=\"not-judged\" message=\"", f);
		xml_str(f, s->error ? s->error : "could not judge");
		fputs("\"/>\n    </testcase>\n", f);
	}

	if (s->note) {
		fputs("    <system-out>", f);
		xml_str(f, s->note);
		fputs("</system-out>\n", f);
	}
	if (s->judged && s->error) {
		fputs("    <system-err>", f);
		xml_str(f, s->error);
		fputs("</system-err>\n", f);
	}

	fputs("  </testsuite>\n", f);
}

static int write_junit(FILE *f, const struct run_result *r, bool verbose)
{
	(void)verbose;    /* nothing more to show */
	struct junit_count all = {0, 0, 0, 0};
	uint64_t us = 0;

	for (size_t i = 0; i < r->scenc; i++) {
		struct junit_count c;

		junit_count(&r->scenv[i], &c);
		all.tests    += c.tests;
		all.failures += c.failures;
		all.errors   += c.errors;
		all.skipped  += c.skipped;
		us += r->scenv[i].duration_us;
	}

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"%s\" tests=\"%u\" failures=\"%u\" "
		"skipped=\"%u\" errors=\"%u\" time=\"", PACKAGE_NAME,
		all.tests, all.failures, all.skipped, all.errors);
	xml_seconds(f, us);
	fputs("\">\n", f);

	for (size_t i = 0; i < r->scenc; i++)
		junit_suite(f, r, &r->scenv[i]);

	fputs("</testsuites>\n", f);
	return 0;
}

const struct report_format report_junit = {"junit", write_junit};
