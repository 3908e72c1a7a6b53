/**
 * @file report/run_text.c  A whole run for people: a header, a block per
 *                          scenario, and the RESULT line CI jobs grep for
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

#define LINE_MAX_SHOWN 120

/* Strings from the command line or the scenarios: quoted all the same,
 * a target URI can hold anything the user typed */
static void text_str(FILE *f, const char *s)
{
	struct pl pl;

	pl_set_str(&pl, s ? s : "");
	report_quote(f, pl, 0);
}

static void text_header(FILE *f, const struct run_result *r)
{
	char date[64];

	report_date(date, sizeof(date), r->started_unix, false);

	fprintf(f, "%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	fputs("target:    ", f);
	text_str(f, r->target);
	if (sa_isset(&r->peer, SA_ALL))
		re_fprintf(f, " (%J)", &r->peer);
	fprintf(f, "\ntransport: %s, T1 %u ms\n",
		report_transp(r->tp) ? report_transp(r->tp) : "-", r->t1_ms);
	fprintf(f, "date:      %s\n", date);
}

static void text_verdict(FILE *f, const struct scen_result *s)
{
	const struct verdict *v = &s->verdict;
	enum run_verdict sv = scen_verdict(s);

	fprintf(f, "  %s", run_verdict_str(sv));
	if (sv == RUN_NOJUDGE) {
		fputs(": ", f);
		/* judged, but a message or the trace was past our limits:
		 * the NOJUDGE findings below say which */
		if (s->error)
			text_str(f, s->error);
		else
			fprintf(f, "%u finding%s sipconform could not judge",
				v->nojudge, v->nojudge == 1 ? "" : "s");
		fputc('\n', f);
		return;
	}

	if (v->must)
		fprintf(f, ": %u MUST broken", v->must);
	if (v->should)
		fprintf(f, "%s%u SHOULD warning%s", v->must ? ", " : ": ",
			v->should, v->should == 1 ? "" : "s");
	fputc('\n', f);

	/* judged after all, or failed anyway: the problem still shows */
	if (s->error) {
		fputs("  error: ", f);
		text_str(f, s->error);
		fputc('\n', f);
	}
}

static void text_note(FILE *f, const struct scen_result *s)
{
	if (!s->note)
		return;
	fputs("  note: ", f);
	text_str(f, s->note);
	fputc('\n', f);
}

static void text_after(FILE *f, const char *what, int64_t us)
{
	fprintf(f, "%s ", what);
	if (us < 0) {
		fputc('-', f);
		return;
	}
	report_ms(f, (uint64_t)us);
	fputs(" ms", f);
}

static void text_timings(FILE *f, const struct scen_result *s)
{
	const struct judge_timings *tm = &s->timings;
	struct rule_tally t;

	fputs("  timings:", f);
	text_after(f, " to 100", tm->to_100_us);
	text_after(f, ", to first 18x (post-dial delay)", tm->to_18x_us);
	text_after(f, ", to final", tm->to_final_us);
	if (tm->to_final_us >= 0 && tm->final_scode)
		fprintf(f, " (%u)", tm->final_scode);
	fputc('\n', f);

	report_tally(&s->verdict, &t);
	fprintf(f, "  messages: %zu out (%zu bytes), %zu in (%zu bytes), "
		"%zu stray; %u of %u rules checked in ", tm->tx_msgs,
		tm->tx_bytes, tm->rx_msgs, tm->rx_bytes, tm->strays,
		t.checked, (unsigned)RULE_COUNT);
	report_ms(f, s->duration_us);
	fputs(" ms\n", f);
}

/* The exchange as a ladder; message numbers are the ones findings cite */
static void text_ladder(FILE *f, const struct trace *t)
{
	size_t segs = 0;
	struct le *le;

	fputs("  exchange:\n", f);
	LIST_FOREACH(&t->evl, le) {
		const struct trace_ev *ev = le->data;
		const char *tp = report_transp(ev->tp);

		if (ev->kind == TRACE_SEG) {
			segs++;
			continue;
		}

		fprintf(f, "    #%-3zu %10.3f ms  ", ev->index,
			(double)ev->t_us / 1000.0);
		if (ev->kind == TRACE_NOTE) {
			fputs("**  note  ", f);
		}
		else {
			fprintf(f, "%s  %-4s ",
				ev->dir == TRACE_OUT ? "->" : "<-",
				tp ? tp : "-");
			if (sa_isset(&ev->peer, SA_ALL))
				re_fprintf(f, "%J  ", &ev->peer);
		}
		report_quote(f, report_first_line(ev), LINE_MAX_SHOWN);
		if (ev->cut)
			fputs("  (cut off by the end of the recording: "
			      "not judged)", f);
		else if (ev->incomplete)
			fputs("  (incomplete)", f);
		fputc('\n', f);
	}

	if (segs)
		fprintf(f, "    (%zu raw stream segments not shown)\n", segs);
}

static void text_scenario(FILE *f, const struct scen_result *s,
			  bool verbose)
{
	fputc('\n', f);
	text_str(f, s->name);
	if (s->summary) {
		fputs(": ", f);
		text_str(f, s->summary);
	}
	fputc('\n', f);

	/* nothing sent, nothing timed: no findings, no timings to show */
	if (s->state != SCEN_RAN) {
		fprintf(f, "  %s\n", run_verdict_str(scen_verdict(s)));
		text_note(f, s);
		if (s->error) {
			fputs("  why: ", f);
			text_str(f, s->error);
			fputc('\n', f);
		}
		return;
	}

	text_verdict(f, s);
	text_note(f, s);
	report_text_findings(f, &s->verdict, "  ", true);
	text_timings(f, s);
	if (verbose && s->trace)
		text_ladder(f, s->trace);
}

/* The scenarios in state st, "cancel, options", or nothing */
static size_t text_list(FILE *f, const struct run_result *r,
			enum scen_state st, const char *label)
{
	size_t n = 0;

	for (size_t i = 0; i < r->scenc; i++) {
		if (r->scenv[i].state != st)
			continue;
		fputs(n++ ? ", " : label, f);
		text_str(f, r->scenv[i].name);
	}
	if (n)
		fputc('\n', f);
	return n;
}

static int write_text(FILE *f, const struct run_result *r, bool verbose)
{
	unsigned must = 0, should = 0;
	size_t ran = 0;
	char sig[32];

	text_header(f, r);

	for (size_t i = 0; i < r->scenc; i++) {
		text_scenario(f, &r->scenv[i], verbose);
		must   += r->scenv[i].verdict.must;
		should += r->scenv[i].verdict.should;
		ran    += r->scenv[i].state == SCEN_RAN;
	}

	fputc('\n', f);
	if (r->signal)
		fprintf(f, "interrupted by %s\n",
			run_signal_name(r->signal, sig, sizeof(sig)));
	text_list(f, r, SCEN_NOT_RUN, "not run: ");
	text_list(f, r, SCEN_SKIPPED, "skipped: ");

	/* the contract: one line, fixed words, whatever the numbers */
	fprintf(f, "RESULT: %s \xe2\x80\x94 %u MUST broken, %u SHOULD "
		"warning%s in %zu scenario%s\n",
		run_verdict_str(run_verdict(r)), must, should,
		should == 1 ? "" : "s", ran, ran == 1 ? "" : "s");

	return 0;
}

const struct report_format report_text = {"text", write_text,
	report_load_text};
