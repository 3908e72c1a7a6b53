/**
 * @file conform.c  `sipconform [OPTIONS] TARGET-URI`: the conformance run
 *
 * Options (conform_opt.c), the target (resolve.c), then each scenario in
 * turn, its trace saved on request, and one report of them all.  The
 * exit status is result/run.h's run_exit_status() of the run, or 2 when
 * the report or a trace asked for could not be written.
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

int conform_save_trace(const char *dir, const char *name,
		       const struct trace *t)
{
	char path[1024];
	FILE *f;
	int err;

	if (re_snprintf(path, sizeof(path), "%s/%s.trace", dir, name) < 0)
		return ENAMETOOLONG;
	f = fopen(path, "wb");
	if (!f)
		return errno;
	err = trace_save(t, f);
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
	mem_deref((void *)r->load);
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

/* auth without --user in --scenario all: skipped, which is no pass, and
 * without a trace or timings, for nothing was sent */
static void skip(struct scen_result *s, const struct scen_def *def)
{
	verdict_init(&s->verdict);
	s->name = def->name;
	s->summary = def->summary;
	s->state = SCEN_SKIPPED;
	str_dup(&s->note, "skipped: no --user/--password");
}

/* A scenario a signal kept from starting: listed, never a pass */
static void not_run(struct scen_result *s, const struct scen_def *def)
{
	verdict_init(&s->verdict);
	s->name = def->name;
	s->summary = def->summary;
	s->state = SCEN_NOT_RUN;
	str_dup(&s->error, "not run: the run was interrupted");
}

/* The trace of s into --save-trace's directory, when asked for; one
 * that cannot be saved is said at once and counted in *lost */
static void keep_trace(const struct scen_result *s,
		       const struct conform_args *a, unsigned *lost)
{
	int e;

	if (!a->savedir)
		return;
	e = conform_save_trace(a->savedir, s->name, s->trace);
	if (e) {
		fprintf(stderr, "sipconform: cannot save the %s trace in '%s': "
			"%s\n", s->name, a->savedir, strerror(e));
		++*lost;
	}
}

/* Run n scenarios at once into resv; an error is a set-up failure that
 * ends the run */
static int run_set(struct scen_result *const *resv,
		   const struct scen_def *const *defv, size_t n,
		   const struct conform_args *a, unsigned *lost)
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
		keep_trace(resv[i], a, lost);
	return 0;
}

/*
 * Every scenario asked for, results in the order asked for.  They run
 * at once (each its own sockets, Call-ID and transactions, scenario.c),
 * so a run of all takes about as long as the longest; with --verbose
 * one after another, so that the exchange printed as it happens reads in
 * order.  A set-up failure ends the run; those a signal kept from
 * running are listed as such.
 */
static int run_all(struct run_result *r, const struct conform_args *a,
		   unsigned *lost)
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

	/* the skipped ones at once, the others into sets */
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

	for (size_t i = 0; i < n && !err; ) {
		size_t k = a->verbose ? 1 : n;

		if (cli_interrupted()) {
			for (; i < n; i++)
				not_run(slot[i], defv[i]);
			break;
		}
		err = run_set(&slot[i], &defv[i], k, a, lost);
		i += k;
	}
	if (err)
		goto out;

	for (size_t i = 0; i < r->scenc; i++)
		note_local(r, r->scenv[i].trace);
	r->signal = cli_interrupted();
 out:
	mem_deref(defv);
	mem_deref(slot);
	return err;
}

/* The report, and the exit status it stands for */
static int report(const struct run_result *r, const struct conform_args *a)
{
	char buf[32];
	int rc;

	if (cli_output_write(a->output, a->fmt, r, a->verbose))
		return RUN_EXIT_USAGE;

	rc = run_exit_status(r);
	for (size_t i = 0; i < r->scenc; i++) {
		const struct scen_result *s = &r->scenv[i];

		if (scen_verdict(s) == RUN_NOJUDGE)
			fprintf(stderr, "sipconform: %s: could not judge: %s\n",
				s->name, s->error ? s->error : "no response");
	}
	if (r->signal) {
		const char *sep = "; not run:";

		fprintf(stderr, "sipconform: interrupted by %s; the report "
			"covers what was seen",
			run_signal_name(r->signal, buf, sizeof(buf)));
		for (size_t i = 0; i < r->scenc; i++) {
			if (r->scenv[i].state != SCEN_NOT_RUN)
				continue;
			fprintf(stderr, "%s %s", sep, r->scenv[i].name);
			sep = "";
		}
		fputc('\n', stderr);
	}
	return rc;
}

/* What must hold before the first packet: where the report and the
 * traces go (a typo there must not cost a run, nor lose its result) */
static int outputs_check(const struct conform_args *a)
{
	int err = cli_output_check(a->output);

	if (err) {
		fprintf(stderr, "sipconform: --output '%s': %s\n", a->output,
			strerror(err));
		return err;
	}
	err = a->savedir ? cli_dir_check(a->savedir) : 0;
	if (err)
		fprintf(stderr, "sipconform: --save-trace '%s': %s\n",
			a->savedir, strerror(err));
	return err;
}

int conform_main(int argc, char *argv[])
{
	struct conform_args a;
	struct run_result r;
	unsigned lost = 0;
	int rc;

	rc = conform_args_parse(&a, argc, argv);
	if (rc >= 0)
		return rc;

	rc = RUN_EXIT_USAGE;
	memset(&r, 0, sizeof(r));
	if (a.verbose)
		a.o.obsh = cli_live_event;
	cli_signal_setup(&a.o);

	if (outputs_check(&a))
		goto out;

	if (conform_target(&r, &a.o.uac, a.uri, a.tp_given))
		goto out;

	/* a set-up error ends the run without a report: the previous one
	 * at --output stays as it was */
	if (a.load ? conform_load(&r, &a, &lost) : run_all(&r, &a, &lost))
		goto out;

	rc = report(&r, &a);
	if (lost && rc < RUN_EXIT_SIGNAL) {
		fprintf(stderr, "sipconform: %u trace%s not saved\n", lost,
			lost == 1 ? "" : "s");
		rc = RUN_EXIT_USAGE;
	}

 out:
	run_free(&r);
	return rc;
}
