/**
 * @file conform.c  `sipconform [OPTIONS] TARGET-URI`: the conformance run
 *
 * Options (conform_opt.c), the target (resolve.c), then each scenario in
 * turn, its trace saved on request, and one report of them all.  The
 * exit status is result/run.h's run_exit_code() of the run's verdict.
 */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <re.h>
#include "trace/trace.h"
#include "result/run.h"
#include "client/scenario.h"
#include "report/report.h"
#include "cli/cli.h"
#include "cli/conform.h"

static int save_trace(const char *dir, const struct scen_result *s)
{
	char path[1024];
	FILE *f;
	int err;

	if (re_snprintf(path, sizeof(path), "%s/%s.trace", dir, s->name) < 0)
		return ENAMETOOLONG;
	f = fopen(path, "wb");
	if (!f)
		return errno;
	err = trace_save(s->trace, f);
	if (fclose(f) && !err)
		err = errno;
	return err;
}

static void run_free(struct run_result *r)
{
	for (size_t i = 0; i < r->scenc; i++)
		scen_result_reset(&r->scenv[i]);
	mem_deref(r->scenv);
	mem_deref(r->target);
}

/* The report names our address: the source of the first message sent */
static void note_local(struct run_result *r, const struct trace *t)
{
	struct le *le;

	if (sa_isset(&r->local, SA_ADDR) || !t)
		return;

	LIST_FOREACH(&t->evl, le) {
		const struct trace_ev *ev = le->data;

		if (ev->kind == TRACE_MSG && ev->dir == TRACE_OUT) {
			r->local = ev->local;
			return;
		}
	}
}

/* auth without --user in --scenario all: reported as skipped */
static void skip(struct scen_result *s, const struct scen_def *def)
{
	verdict_init(&s->verdict);
	s->name = def->name;
	s->summary = def->summary;
	s->judged = true;
	str_dup(&s->note, "skipped: no --user/--password");
	trace_alloc(&s->trace);
}

/* The trace of s into --save-trace's directory, when asked for */
static void keep_trace(const struct scen_result *s,
		       const struct conform_args *a)
{
	int e;

	if (!a->savedir)
		return;
	e = save_trace(a->savedir, s);
	if (e)
		fprintf(stderr, "sipconform: cannot save the %s trace in '%s': "
			"%s\n", s->name, a->savedir, strerror(e));
}

/* Run n scenarios of todo at once into resv; an error is a set-up
 * failure that ends the run */
static int run_set(struct scen_result *const *resv,
		   const struct scen_def *const *defv, size_t n,
		   const struct conform_args *a)
{
	int err;

	if (a->verbose)
		cli_live_begin(defv[0]->name);
	err = scenario_run_set(resv, defv, n, &a->o);
	if (err) {
		for (size_t i = 0; i < n; i++)
			if (resv[i]->error)
				fprintf(stderr, "sipconform: %s: %s\n",
					defv[i]->name, resv[i]->error);
		fprintf(stderr, "sipconform: cannot set up the run: %s\n",
			strerror(err));
		return err;
	}
	for (size_t i = 0; i < n; i++)
		keep_trace(resv[i], a);
	return 0;
}

/*
 * Every scenario asked for.  They run at once (each its own sockets,
 * Call-ID and transactions, scenario.c), so a run of all takes about as
 * long as the longest; with --verbose one after another, so that the
 * exchange printed as it happens reads in order.  A set-up failure or a
 * signal ends the run.
 */
static int run_all(struct run_result *r, const struct conform_args *a)
{
	const struct scen_def **defv;
	struct scen_result **slot;
	size_t n = 0;
	int err = 0;

	r->scenv = mem_zalloc(a->ntodo * sizeof(*r->scenv), NULL);
	defv = mem_zalloc(a->ntodo * sizeof(*defv), NULL);
	slot = mem_zalloc(a->ntodo * sizeof(*slot), NULL);
	if (!r->scenv || !defv || !slot) {
		err = ENOMEM;
		goto out;
	}
	r->t1_ms = a->o.uac.t1_ms;
	r->started_unix = (uint64_t)time(NULL);

	/* results in the order asked for; the skipped ones at once */
	for (size_t i = 0; i < a->ntodo; i++) {
		const struct scen_def *def = a->todo[i];
		struct scen_result *s = &r->scenv[r->scenc++];

		if (def->needs_credentials && !a->o.uac.user) {
			skip(s, def);
			continue;
		}
		defv[n] = def;
		slot[n++] = s;
	}

	for (size_t i = 0; i < n && !cli_interrupted() && !err; ) {
		size_t k = a->verbose ? 1 : n;

		err = run_set(&slot[i], &defv[i], k, a);
		i += k;
	}

	/* what a signal kept from running is left out, as before */
	for (size_t i = 0, k = 0; i < r->scenc; i++) {
		if (!r->scenv[i].name)
			continue;
		/* only a skipped result can lie past a gap (a signal
		 * stops every later set), and its verdict holds no
		 * findings: moving it moves no list links */
		if (k != i && list_isempty(&r->scenv[i].verdict.findings)) {
			r->scenv[k] = r->scenv[i];
			memset(&r->scenv[i], 0, sizeof(r->scenv[i]));
		}
		k++;
	}
	while (r->scenc && !r->scenv[r->scenc - 1].name)
		r->scenc--;

	for (size_t i = 0; i < r->scenc; i++)
		note_local(r, r->scenv[i].trace);
 out:
	mem_deref(defv);
	mem_deref(slot);
	return err;
}

/* The report, and the exit status it stands for */
static int report(FILE *out, const struct run_result *r,
		  const struct conform_args *a)
{
	int rc;

	if (report_write(out, a->fmt, r, a->verbose)) {
		fprintf(stderr, "sipconform: cannot write the report\n");
		return RUN_EXIT_USAGE;
	}
	fflush(out);

	rc = run_exit_code(run_verdict(r));
	if (rc == RUN_EXIT_NOJUDGE) {
		for (size_t i = 0; i < r->scenc; i++) {
			const struct scen_result *s = &r->scenv[i];

			if (!s->judged)
				fprintf(stderr, "sipconform: %s: could not "
					"judge: %s\n", s->name,
					s->error ? s->error : "no response");
		}
	}
	if (cli_interrupted())
		fprintf(stderr, "sipconform: interrupted; the report covers "
			"what was seen\n");
	return rc;
}

int conform_main(int argc, char *argv[])
{
	struct conform_args a;
	struct run_result r;
	FILE *out = stdout;
	int rc;

	rc = conform_args_parse(&a, argc, argv);
	if (rc >= 0)
		return rc;

	rc = RUN_EXIT_USAGE;
	memset(&r, 0, sizeof(r));
	if (a.verbose)
		a.o.obsh = cli_live_event;
	cli_signal_setup(&a.o);

	if (conform_target(&r, &a.o.uac, a.uri, a.tp_given))
		goto out;

	if (a.output) {
		out = fopen(a.output, "w");
		if (!out) {
			fprintf(stderr, "sipconform: cannot write '%s': %s\n",
				a.output, strerror(errno));
			out = stdout;
			goto out;
		}
	}

	if (run_all(&r, &a))
		goto out;

	rc = report(out, &r, &a);

 out:
	if (out != stdout && fclose(out)) {
		fprintf(stderr, "sipconform: cannot write '%s': %s\n",
			a.output, strerror(errno));
		rc = RUN_EXIT_USAGE;
	}
	run_free(&r);
	return rc;
}
