/**
 * @file report/junit.c  A whole run as JUnit XML, for Jenkins and GitLab
 *
 * A scenario is a testsuite, a rule of the catalogue a testcase:
 *
 *   broken MUST      <failure type="MUST">, a paragraph per finding
 *   broken SHOULD    <skipped type="SHOULD" message="SHOULD broken: ...">
 *                    with the findings as its text
 *   not applied      <skipped type="not-applicable"/>
 *   not judged       an extra testcase "judged" with <error>
 *   skipped scenario one testcase "scenario" with <skipped> (auth without
 *                    credentials): no rule was checked, none passed
 *   not run          one testcase "scenario" with <error type=
 *                    "interrupted">: a signal ended the run before it
 *
 * Why a SHOULD warning is a <skipped>: JUnit has pass, failure, error
 * and skipped, nothing for "warning".  A <failure> would fail the job in
 * Jenkins and GitLab where sipconform exits 0, so the counts would
 * contradict the exit status.  A passing testcase with the warning in
 * <system-out> is not shown by GitLab, which shows the text of
 * <failure>, <error> and <skipped> only.  <skipped> is shown, does not
 * fail, and its type ("SHOULD" against "not-applicable") and message
 * ("SHOULD broken: ...") tell the two kinds apart.
 *
 * Only rules timed nothing, so testcases carry no time attribute; a
 * testsuite's time is the scenario's, absent for one that did not run.
 * tests/junit.xsd describes what is written here; tests/junit-10.xsd is
 * the Jenkins junit-10 schema's constraints (no skipped= on
 * <testsuites>, failures= and errors= required on <testsuite>).
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

/* Seconds with milliseconds: the Surefire time pattern allows three
 * decimals in some copies of the schema, any number in others */
static void xml_seconds(FILE *f, uint64_t us)
{
	fprintf(f, "%llu.%03llu", (unsigned long long)(us / 1000000),
		(unsigned long long)(us % 1000000 / 1000));
}

/* broken SHOULD rules: reported as skipped (see the top) */
static unsigned should_broken(const struct verdict *v)
{
	unsigned n = 0;

	for (int i = 0; i < RULE_COUNT; i++)
		n += v->applied[i] && v->broken[i] &&
			rule_get((enum rule_id)i)->level == LEVEL_SHOULD;
	return n;
}

static void junit_count(const struct scen_result *s, struct junit_count *c)
{
	struct rule_tally t;

	if (s->state != SCEN_RAN) {
		c->tests    = 1;
		c->failures = 0;
		c->errors   = s->state == SCEN_NOT_RUN;
		c->skipped  = s->state == SCEN_SKIPPED;
		return;
	}
	report_tally(&s->verdict, &t);
	c->tests    = RULE_COUNT + !s->judged;
	c->failures = t.must_broken;
	c->errors   = !s->judged;
	c->skipped  = t.skipped + should_broken(&s->verdict);
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
	fputc('"', f);

	if (!v->applied[id]) {
		fputs("><skipped type=\"not-applicable\" message=\"not "
		      "applicable\"/></testcase>\n", f);
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

	if (r->level == LEVEL_SHOULD) {
		fputs(">\n      <skipped type=\"SHOULD\" message=\"SHOULD "
		      "broken: ", f);
		xml_str(f, r->summary);
		fprintf(f, " (%s \xc2\xa7%s)\">", r->rfc, r->section);
		junit_findings(f, v, id);
		fputs("</skipped>\n    </testcase>\n", f);
		return;
	}

	/* a NOTE breaks no requirement on the target; NOJUDGE says a
	 * message could not be judged (the scenario's "judged" errs) */
	fprintf(f, ">\n      <system-out>%s",
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

/* A scenario that did not run: one testcase says so */
static void junit_unrun(FILE *f, const struct run_result *r,
			const struct scen_result *s)
{
	char sig[32];

	fputs("    <testcase classname=\"sipconform.", f);
	xml_str(f, s->name);
	fputs("\" name=\"scenario\">\n", f);
	if (s->state == SCEN_SKIPPED) {
		fputs("      <skipped type=\"skipped\" message=\"", f);
		xml_str(f, s->note ? s->note : "skipped");
		fputs("\"/>\n", f);
	}
	else {
		fprintf(f, "      <error type=\"interrupted\" message=\"not "
			"run: the run was interrupted by %s\"/>\n",
			run_signal_name(r->signal, sig, sizeof(sig)));
	}
	fputs("    </testcase>\n", f);
}

static void junit_suite(FILE *f, const struct run_result *r,
			const struct scen_result *s)
{
	struct junit_count c;
	char date[64], t1[16];
	bool dated;

	junit_count(s, &c);
	dated = report_date(date, sizeof(date), r->started_unix, true);
	snprintf(t1, sizeof(t1), "%u", r->t1_ms);

	fputs("  <testsuite name=\"", f);
	xml_str(f, s->name);
	fprintf(f, "\" tests=\"%u\" failures=\"%u\" errors=\"%u\" "
		"skipped=\"%u\"", c.tests, c.failures, c.errors, c.skipped);
	if (s->state == SCEN_RAN) {
		fputs(" time=\"", f);
		xml_seconds(f, s->duration_us);
		fputc('"', f);
	}
	if (dated)
		fprintf(f, " timestamp=\"%s\"", date);
	fputs(">\n    <properties>\n", f);
	junit_property(f, "target", r->target);
	junit_property(f, "transport", report_transp(r->tp));
	junit_property(f, "t1_ms", t1);
	junit_property(f, "summary", s->summary);
	fputs("    </properties>\n", f);

	if (s->state != SCEN_RAN) {
		junit_unrun(f, r, s);
		fputs("  </testsuite>\n", f);
		return;
	}

	for (int i = 0; i < RULE_COUNT; i++)
		junit_testcase(f, s, (enum rule_id)i);

	if (!s->judged) {
		fputs("    <testcase classname=\"sipconform.", f);
		xml_str(f, s->name);
		fputs("\" name=\"judged\">\n"
		      "      <error type=\"not-judged\" message=\"", f);
		xml_str(f, s->error ? s->error : "could not judge");
		fputs("\"/>\n    </testcase>\n", f);
	}

	if (s->note && s->state == SCEN_RAN) {
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

	/* no skipped= here: the junit-10 schema has none on <testsuites> */
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"%s\" tests=\"%u\" failures=\"%u\" "
		"errors=\"%u\" time=\"", PACKAGE_NAME,
		all.tests, all.failures, all.errors);
	xml_seconds(f, us);
	fputs("\">\n", f);

	for (size_t i = 0; i < r->scenc; i++)
		junit_suite(f, r, &r->scenv[i]);

	if (r->signal) {
		char sig[32];

		fprintf(f, "  <!-- interrupted by %s -->\n",
			run_signal_name(r->signal, sig, sizeof(sig)));
	}
	fputs("</testsuites>\n", f);
	return 0;
}

const struct report_format report_junit = {"junit", write_junit,
	report_load_junit};
