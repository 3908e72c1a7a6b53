/**
 * @file report/tap.c  A whole run as TAP version 13, for prove and friends
 *
 * One test point per rule per scenario, plus "judged" for a scenario that
 * could not be judged.  A broken MUST is "not ok", so the TAP run fails
 * exactly when the conformance run does.  Diagnostics go into YAML
 * blocks whose strings are double-quoted and escaped like JSON, which
 * YAML reads the same: no line of a block can end it early.
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"
#include "trace/trace.h"
#include "judge/judge.h"
#include "result/run.h"
#include "report/report.h"
#include "report/formats.h"

#define TAP_LINE_MAX 1024

/* Text in a test line: '#' would start a directive, so it is escaped as
 * TAP 13 says ("\#"); everything else as report_quote shows it. */
static void tap_text(FILE *f, const char *s)
{
	struct pl seg;

	while (s && *s) {
		seg.p = s;
		seg.l = strcspn(s, "#\\");
		report_quote(f, seg, 0);
		s += seg.l;
		if (*s) {
			fputc('\\', f);
			fputc(*s++, f);
		}
	}
}

/* A YAML double-quoted scalar is a JSON string (YAML 1.2 is a superset) */
static void yaml_str(FILE *f, const char *s)
{
	struct pl pl;

	pl_set_str(&pl, s ? s : "");
	report_json_quoted(f, pl, 0);
}

static void tap_yaml(FILE *f, const struct verdict *v, enum rule_id id)
{
	const struct rule *r = rule_get(id);
	struct le *le;

	fputs("  ---\n  message: ", f);
	yaml_str(f, r->summary);
	fprintf(f, "\n  severity: %s\n  rule: ",
		r->level == LEVEL_MUST ? "fail" : r->level == LEVEL_SHOULD ?
		"warning" : "not judged");
	yaml_str(f, r->id);
	fputs("\n  rfc: ", f);
	yaml_str(f, r->rfc);
	fputs("\n  section: ", f);
	yaml_str(f, r->section);
	fputs("\n  findings:\n", f);

	LIST_FOREACH(&v->findings, le) {
		const struct finding *fd = le->data;

		if (fd->rule != id)
			continue;
		fprintf(f, "    - message: %zu\n      time_ms: ", fd->msg);
		report_ms(f, fd->t_us);
		fprintf(f, "\n      offset: %zu\n      detail: ", fd->off);
		yaml_str(f, fd->detail ? fd->detail : r->summary);
		fputs("\n      quote: ", f);
		report_json_quoted(f, fd->quote, TAP_LINE_MAX);
		fputc('\n', f);
	}
	fputs("  ...\n", f);
}

static void tap_rule(FILE *f, const struct scen_result *s, enum rule_id id,
		     unsigned n)
{
	const struct verdict *v = &s->verdict;
	const struct rule *r = rule_get(id);
	bool broken = v->broken[id] > 0;
	bool fail = broken && r->level == LEVEL_MUST;

	fprintf(f, "%sok %u - ", fail ? "not " : "", n);
	tap_text(f, s->name);
	fprintf(f, ": %s (%s, %s \xc2\xa7%s)", r->id,
		rule_level_str(r->level), r->rfc, r->section);

	if (!v->applied[id])
		fputs(" # SKIP not applicable", f);
	else if (broken && !fail)
		fputs(" # warning", f);
	fputc('\n', f);

	if (broken)
		tap_yaml(f, v, id);
}

/* A reason starting with SKIP or TODO would turn the failure into a
 * directive that passes */
static bool tap_directive_like(const char *s)
{
	while (*s == ' ')
		s++;
	return !strncasecmp(s, "skip", 4) || !strncasecmp(s, "todo", 4);
}

static void tap_unjudged(FILE *f, const struct scen_result *s, unsigned n)
{
	const char *why = s->error ? s->error : "could not judge";

	fprintf(f, "not ok %u - ", n);
	tap_text(f, s->name);
	fputs(": judged # ", f);
	if (tap_directive_like(why))
		fputs("not judged: ", f);
	tap_text(f, why);
	fputs("\n  ---\n  message: ", f);
	yaml_str(f, why);
	fputs("\n  severity: fail\n  ...\n", f);
}

static void tap_comment(FILE *f, const char *label, const char *text)
{
	if (!text)
		return;
	fputs("# ", f);
	tap_text(f, label);
	fputs(": ", f);
	tap_text(f, text);
	fputc('\n', f);
}

/* A scenario that did not run is one test point: skipped (TAP's own
 * directive, which passes, as the run does), or not run, which fails */
static void tap_unrun(FILE *f, const struct run_result *r,
		      const struct scen_result *s, unsigned n)
{
	char sig[32];

	if (s->state == SCEN_SKIPPED) {
		fprintf(f, "ok %u - ", n);
		tap_text(f, s->name);
		fputs(": scenario # SKIP ", f);
		tap_text(f, s->note ? s->note : "skipped");
		fputc('\n', f);
		return;
	}
	fprintf(f, "not ok %u - ", n);
	tap_text(f, s->name);
	fprintf(f, ": scenario not run, the run was interrupted by %s\n",
		run_signal_name(r->signal, sig, sizeof(sig)));
}

static int write_tap(FILE *f, const struct run_result *r, bool verbose)
{
	(void)verbose;    /* nothing more to show */
	unsigned plan = 0, n = 0;
	char sig[32];

	for (size_t i = 0; i < r->scenc; i++)
		plan += r->scenv[i].state != SCEN_RAN ? 1 :
			RULE_COUNT + !r->scenv[i].judged;

	fprintf(f, "TAP version 13\n1..%u\n", plan);
	fputs("# ", f);
	tap_text(f, r->target);
	fprintf(f, " over %s, T1 %u ms\n",
		report_transp(r->tp) ? report_transp(r->tp) : "-", r->t1_ms);

	for (size_t i = 0; i < r->scenc; i++) {
		const struct scen_result *s = &r->scenv[i];

		tap_comment(f, s->name, s->summary);
		if (s->state != SCEN_RAN) {
			tap_unrun(f, r, s, ++n);
			continue;
		}
		tap_comment(f, "note", s->note);
		if (!s->judged)
			tap_unjudged(f, s, ++n);
		for (int k = 0; k < RULE_COUNT; k++)
			tap_rule(f, s, (enum rule_id)k, ++n);
	}

	/* TAP's word for a run that stopped before its end */
	if (r->signal)
		fprintf(f, "Bail out! interrupted by %s\n",
			run_signal_name(r->signal, sig, sizeof(sig)));
	return 0;
}

const struct report_format report_tap = {"tap", write_tap,
	report_load_tap};
