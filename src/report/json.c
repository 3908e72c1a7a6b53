/**
 * @file report/json.c  A whole run as one JSON document, for scripts
 *
 * Every string goes through report_json_str: bytes from the target that
 * are not printable UTF-8 arrive as "\\xNN" text, so the document is
 * valid JSON and valid UTF-8 whatever the target sent.  Field names are
 * a contract with the CI jobs: add fields, never rename one.
 */
#include <config.h>
#include <stdio.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"
#include "trace/trace.h"
#include "judge/judge.h"
#include "result/run.h"
#include "report/report.h"
#include "report/formats.h"

/* A line can be a whole datagram when the target sends no CRLF */
#define JSON_LINE_MAX 1024

/* A string, or null */
static void json_str(FILE *f, const char *s)
{
	struct pl pl;

	if (!s) {
		fputs("null", f);
		return;
	}
	pl_set_str(&pl, s);
	report_json_quoted(f, pl, 0);
}

/* Milliseconds, or null for "never" */
static void json_ms(FILE *f, int64_t us)
{
	if (us < 0)
		fputs("null", f);
	else
		report_ms(f, (uint64_t)us);
}

static void json_sa(FILE *f, const struct sa *sa)
{
	if (sa_isset(sa, SA_ALL))
		re_fprintf(f, "\"%J\"", sa);
	else
		fputs("null", f);
}

static void json_finding(FILE *f, const struct finding *fd)
{
	const struct rule *r = rule_get(fd->rule);

	fputs("{\"rule\": ", f);
	json_str(f, r->id);
	fputs(", \"level\": ", f);
	json_str(f, rule_level_str(r->level));
	fputs(", \"rfc\": ", f);
	json_str(f, r->rfc);
	fputs(", \"section\": ", f);
	json_str(f, r->section);
	fputs(",\n\t  \"summary\": ", f);
	json_str(f, r->summary);
	fprintf(f, ",\n\t  \"message\": %zu, \"time_ms\": ", fd->msg);
	report_ms(f, fd->t_us);
	fprintf(f, ", \"offset\": %zu,\n\t  \"detail\": ", fd->off);
	json_str(f, fd->detail);
	fputs(",\n\t  \"quote\": ", f);
	report_json_quoted(f, fd->quote, JSON_LINE_MAX);
	fputc('}', f);
}

static void json_exchange(FILE *f, const struct trace *t)
{
	static const char *const kinds[] = {"msg", "seg", "note"};
	bool first = true;
	struct le *le;

	fputs(",\n      \"exchange\": [", f);
	LIST_FOREACH(&t->evl, le) {
		const struct trace_ev *ev = le->data;

		fprintf(f, "%s\n\t{\"index\": %zu, \"time_ms\": ",
			first ? "" : ",", ev->index);
		report_ms(f, ev->t_us);
		fprintf(f, ", \"dir\": \"%s\", \"transport\": ",
			trace_dir_str(ev->dir));
		json_str(f, report_transp(ev->tp));
		fputs(", \"peer\": ", f);
		json_sa(f, &ev->peer);
		fprintf(f, ", \"kind\": \"%s\", \"bytes\": %zu, "
			"\"incomplete\": %s,\n\t \"first_line\": ",
			(unsigned)ev->kind < ARRAY_SIZE(kinds) ?
			kinds[ev->kind] : "?", ev->len,
			ev->incomplete ? "true" : "false");
		report_json_quoted(f, report_first_line(ev), JSON_LINE_MAX);
		fputc('}', f);
		first = false;
	}
	fputs(first ? "]" : "\n      ]", f);
}

static void json_scenario(FILE *f, const struct scen_result *s,
			  bool verbose)
{
	const struct judge_timings *tm = &s->timings;
	struct rule_tally t;
	bool first = true;
	struct le *le;

	fputs("    {\"name\": ", f);
	json_str(f, s->name);
	fputs(", \"summary\": ", f);
	json_str(f, s->summary);
	fprintf(f, ",\n      \"verdict\": \"%s\", \"judged\": %s, "
		"\"error\": ", report_verdict_id(scen_verdict(s)),
		s->judged ? "true" : "false");
	json_str(f, s->error);
	fputs(",\n      \"note\": ", f);
	json_str(f, s->note);

	/* skipped or not run: nothing was timed or checked, and zeros
	 * would claim otherwise */
	if (s->state != SCEN_RAN) {
		fputs(", \"duration_ms\": null, \"timings\": null, "
		      "\"trace\": null, \"findings\": [], \"rules\": null}", f);
		return;
	}
	fputs(", \"duration_ms\": ", f);
	report_ms(f, s->duration_us);

	fputs(",\n      \"timings\": {\"to_100_ms\": ", f);
	json_ms(f, tm->to_100_us);
	fputs(", \"to_18x_ms\": ", f);
	json_ms(f, tm->to_18x_us);
	fputs(", \"to_final_ms\": ", f);
	json_ms(f, tm->to_final_us);
	fputs(", \"final_code\": ", f);
	if (tm->final_scode)
		fprintf(f, "%u}", tm->final_scode);
	else
		fputs("null}", f);

	fprintf(f, ",\n      \"trace\": {\"messages_in\": %zu, "
		"\"messages_out\": %zu, \"bytes_in\": %zu, \"bytes_out\": %zu, "
		"\"strays\": %zu}", tm->rx_msgs, tm->tx_msgs, tm->rx_bytes,
		tm->tx_bytes, tm->strays);

	fputs(",\n      \"findings\": [", f);
	LIST_FOREACH(&s->verdict.findings, le) {
		fputs(first ? "\n\t" : ",\n\t", f);
		json_finding(f, le->data);
		first = false;
	}
	fputs(first ? "]" : "\n      ]", f);

	report_tally(&s->verdict, &t);
	fprintf(f, ",\n      \"rules\": {\"checked\": %u, \"broken\": %u, "
		"\"skipped\": %u}", t.checked, t.broken, t.skipped);

	if (verbose && s->trace)
		json_exchange(f, s->trace);
	fputc('}', f);
}

/* The names of the scenarios in state st, as a JSON array */
static void json_names(FILE *f, const struct run_result *r,
		       enum scen_state st)
{
	bool first = true;

	fputc('[', f);
	for (size_t i = 0; i < r->scenc; i++) {
		if (r->scenv[i].state != st)
			continue;
		if (!first)
			fputs(", ", f);
		json_str(f, r->scenv[i].name);
		first = false;
	}
	fputc(']', f);
}

/** What every JSON report begins with, a run's or a load run's: the
 *  tool, the target, the verdict and exit code, interrupted or not */
void report_json_head(FILE *f, const struct run_result *r)
{
	enum run_verdict v = run_verdict(r);
	char sig[32];

	fprintf(f, "{\"tool\": \"%s\", \"version\": ", PACKAGE_NAME);
	json_str(f, PACKAGE_VERSION);
	fputs(",\n  \"target\": ", f);
	json_str(f, r->target);
	fputs(", \"peer\": ", f);
	json_sa(f, &r->peer);
	fputs(", \"transport\": ", f);
	json_str(f, report_transp(r->tp));
	fprintf(f, ", \"t1_ms\": %u,\n  \"started\": ", r->t1_ms);
	if (r->started_unix)    /* 0: unknown (an old trace from stdin) */
		fprintf(f, "%llu", (unsigned long long)r->started_unix);
	else
		fputs("null", f);
	fprintf(f, ", \"verdict\": \"%s\", \"exit_code\": %d,\n  "
		"\"interrupted\": ", report_verdict_id(v), run_exit_status(r));
	json_str(f, r->signal ? run_signal_name(r->signal, sig, sizeof(sig))
		 : NULL);
}

static int write_json(FILE *f, const struct run_result *r, bool verbose)
{
	report_json_head(f, r);
	fputs(", \"not_run\": ", f);
	json_names(f, r, SCEN_NOT_RUN);
	fputs(", \"skipped\": ", f);
	json_names(f, r, SCEN_SKIPPED);
	fputs(",\n  \"scenarios\": [", f);

	for (size_t i = 0; i < r->scenc; i++) {
		fputs(i ? ",\n" : "\n", f);
		json_scenario(f, &r->scenv[i], verbose);
	}
	fputs(r->scenc ? "\n  ]}\n" : "]}\n", f);

	return 0;
}

const struct report_format report_json = {"json", write_json,
	report_load_json};
