/**
 * @file tracecheck.c  The invariants of a judged trace, for fuzz targets
 *
 * What fuzz_trace (a trace file) and fuzz_trace_struct (a trace built in
 * memory) check of the trace they have, aborting on the first broken
 * promise:
 *
 *   - events are numbered 0.. in order;
 *   - judge_trace() returns 0; every finding's rule is catalogued and
 *     applied, every finding names a message of the trace, lies inside
 *     that message (off <= len) and quotes a slice of it;
 *   - deterministic: a second judgement gives the same findings (rule,
 *     message, offset, quote, detail), and every report of it is the same
 *     bytes;
 *   - round trip: the trace saved (trace_save) and loaded again gives the
 *     same events and, judged, the same findings per rule and the same
 *     MUST / SHOULD / NOTE / not-judged counts;
 *   - every format writes without error; json is one well-formed JSON
 *     value and junit well-formed XML (wellformed.c, strict checkers).
 */
#include <config.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <re.h>
#include "judge/judge.h"
#include "report/report.h"
#include "result/run.h"
#include "trace/trace.h"
#include "wellformed.h"
#include "tracecheck.h"

static void fail(const char *what, int line)
{
	fprintf(stderr, "tracecheck.c:%d: invariant violated: %s\n", line,
		what);
	abort();
}

#define CHECK(cond) do { if (!(cond)) fail(#cond, __LINE__); } while (0)

static const struct trace_ev *event(const struct trace *t, size_t i)
{
	struct le *le;

	LIST_FOREACH(&t->evl, le) {
		const struct trace_ev *ev = le->data;

		if (ev->index == i)
			return ev;
	}
	return NULL;
}

static void check_findings(const struct verdict *v, const struct trace *t)
{
	struct le *le;

	LIST_FOREACH(&v->findings, le) {
		const struct finding *f = le->data;
		const struct trace_ev *ev = event(t, f->msg);
		uintptr_t p = (uintptr_t)f->quote.p, lo;

		CHECK((unsigned)f->rule < RULE_COUNT);
		CHECK(v->applied[f->rule]);
		CHECK(ev != NULL);
		lo = (uintptr_t)ev->data;
		CHECK(f->off <= ev->len);
		CHECK(!f->quote.l || (p >= lo && p <= lo + ev->len &&
				      f->quote.l <= lo + ev->len - p));
	}
}

static bool same_str(const char *a, const char *b)
{
	return (!a || !b) ? a == b : !strcmp(a, b);
}

/* exact: the same quote bytes and details too (the same trace) */
static void check_same(const struct verdict *a, const struct verdict *b,
		       bool exact)
{
	struct le *x = list_head(&a->findings), *y = list_head(&b->findings);

	CHECK(!memcmp(a->broken, b->broken, sizeof(a->broken)));
	CHECK(a->must == b->must && a->should == b->should &&
	      a->notes == b->notes && a->nojudge == b->nojudge);
	if (!exact)
		return;
	CHECK(!memcmp(a->applied, b->applied, sizeof(a->applied)));
	for (; x && y; x = x->next, y = y->next) {
		const struct finding *f = x->data, *g = y->data;

		CHECK(f->rule == g->rule && f->msg == g->msg &&
		      f->off == g->off && f->t_us == g->t_us);
		CHECK(f->quote.p == g->quote.p && f->quote.l == g->quote.l);
		CHECK(same_str(f->detail, g->detail));
	}
	CHECK(!x && !y);
}

static void check_same_trace(const struct trace *a, const struct trace *b)
{
	struct le *x = list_head(&a->evl), *y = list_head(&b->evl);

	CHECK(a->n == b->n && a->end_us == b->end_us);
	for (; x && y; x = x->next, y = y->next) {
		const struct trace_ev *e = x->data, *g = y->data;

		CHECK(e->index == g->index && e->kind == g->kind &&
		      e->dir == g->dir && e->tp == g->tp &&
		      e->conn == g->conn && e->t_us == g->t_us &&
		      e->incomplete == g->incomplete && e->len == g->len);
		CHECK(sa_cmp(&e->local, &g->local, SA_ALL) ||
		      (!sa_isset(&e->local, SA_ADDR) &&
		       !sa_isset(&g->local, SA_ADDR)));
		CHECK(sa_cmp(&e->peer, &g->peer, SA_ALL) ||
		      (!sa_isset(&e->peer, SA_ADDR) &&
		       !sa_isset(&g->peer, SA_ADDR)));
		CHECK(!e->len || !memcmp(e->data, g->data, e->len));
	}
	CHECK(!x && !y);
}

static int judge(struct scen_result *s, const struct judge_cfg *cfg)
{
	verdict_init(&s->verdict);
	s->name = "fuzz";
	s->summary = "saved trace";
	s->duration_us = s->trace->end_us;
	CHECK(judge_trace(&s->verdict, s->trace, cfg, &s->timings) == 0);
	s->judged = s->timings.rx_msgs > 0;
	if (!s->judged && !s->error)
		str_dup(&s->error, "the trace holds no response");
	return 0;
}

/* The report of a run of scenario s; the caller frees *bufp */
static void report(char **bufp, size_t *lenp, struct scen_result *s,
		   const struct report_format *fmt, bool verbose,
		   uint32_t t1_ms)
{
	struct run_result r;
	FILE *f;

	memset(&r, 0, sizeof(r));
	r.target = "(saved traces)";
	r.t1_ms = t1_ms;
	r.scenv = s;
	r.scenc = 1;

	*bufp = NULL;
	f = open_memstream(bufp, lenp);
	if (!f)
		abort();
	CHECK(report_write(f, fmt, &r, verbose) == 0);
	CHECK(fclose(f) == 0);
}

static void check_reports(struct scen_result *a, struct scen_result *b,
			  uint32_t t1_ms)
{
	for (size_t i = 0; report_formats[i]; i++) {
		const struct report_format *fmt = report_formats[i];

		for (int verbose = 0; verbose < 2; verbose++) {
			char *x, *y;
			size_t xl, yl;

			report(&x, &xl, a, fmt, verbose, t1_ms);
			report(&y, &yl, b, fmt, verbose, t1_ms);
			CHECK(xl == yl && !memcmp(x, y, xl));
			if (!strcmp(fmt->name, "json"))
				CHECK(wf_json(x, xl) == 0);
			else if (!strcmp(fmt->name, "junit"))
				CHECK(wf_xml(x, xl) == 0);
			free(x);
			free(y);
		}
	}
}

/* The checkers themselves, once: each must refuse what a parser would */
static void check_checkers_once(void)
{
	static const struct {
		bool xml;
		const char *s;
		bool ok;
	} cases[] = {
		{false, "{\"a\": [1, -0.5e+3, true, null, \"\\u00e9\"]}\n", true},
		{false, "{\"a\": 1,}", false},
		{false, "{\"a\": 01}", false},
		{false, "[\"\x01\"]", false},
		{false, "[\"\xff\"]", false},
		{false, "[\"\\x\"]", false},
		{false, "[1] [2]", false},
		{false, "[1.]", false},
		{true, "<?xml version=\"1.0\"?>\n<a x=\"&lt;&#233;\"><b/>t&amp;</a>\n",
		 true},
		{true, "<a><b></a></b>", false},
		{true, "<a>x & y</a>", false},
		{true, "<a>x < y</a>", false},
		{true, "<a x=\"<\"/>", false},
		{true, "<a>\x01</a>", false},
		{true, "<a>&#0;</a>", false},
		{true, "<a/><b/>", false},
		{true, "<a>", false},
	};
	static bool done;

	if (done)
		return;
	done = true;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t l = strlen(cases[i].s);
		size_t r = cases[i].xml ? wf_xml(cases[i].s, l) :
			wf_json(cases[i].s, l);

		if ((r == 0) != cases[i].ok) {
			fprintf(stderr, "wellformed.c: case %zu: %s\n", i,
				cases[i].s);
			abort();
		}
	}
}

int tc_load(struct trace **tp, const void *p, size_t len)
{
	FILE *f = fmemopen((void *)(uintptr_t)p, len, "rb");
	int err;

	if (!f)
		abort();
	err = trace_load(tp, f);
	fclose(f);
	return err;
}


void tc_check(struct trace *t, const struct judge_cfg *cfg)
{
	struct judge_cfg dflt = JUDGE_CFG_DEFAULT;
	struct scen_result a, b, c;
	struct trace *t2 = NULL;
	char *saved = NULL;
	size_t saved_len = 0, i = 0;
	struct le *le;
	FILE *f;

	check_checkers_once();
	if (!cfg)
		cfg = &dflt;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	memset(&c, 0, sizeof(c));
	a.trace = t;

	LIST_FOREACH(&t->evl, le) {
		const struct trace_ev *ev = le->data;

		CHECK(ev->index == i++);
	}
	CHECK(i == t->n);

	judge(&a, cfg);
	check_findings(&a.verdict, t);

	b.trace = t;
	judge(&b, cfg);
	check_same(&a.verdict, &b.verdict, true);
	check_reports(&a, &b, cfg->t1_ms);

	/* save, load, judge */
	f = open_memstream(&saved, &saved_len);
	if (!f)
		abort();
	CHECK(trace_save(t, f) == 0);
	CHECK(fclose(f) == 0);
	CHECK(tc_load(&t2, saved, saved_len) == 0);
	check_same_trace(t, t2);
	c.trace = t2;
	judge(&c, cfg);
	check_findings(&c.verdict, t2);
	check_same(&a.verdict, &c.verdict, false);

	free(saved);
	verdict_reset(&a.verdict);
	verdict_reset(&b.verdict);
	verdict_reset(&c.verdict);
	mem_deref(a.error);
	mem_deref(b.error);
	mem_deref(c.error);
	mem_deref(t2);
}
