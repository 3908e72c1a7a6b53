/**
 * @file load.c  A load run: --calls, --rate, --concurrency, --duration
 *
 * The scenarios asked for run in turn as calls (client/load.c); each is
 * judged, written to --csv, its trace saved if it did not pass
 * (--save-trace, the first --save-max of them), added up and let go.  A progress line shows
 * on a terminal (stderr), never in a pipe or a log, nor with --quiet.
 * SIGINT/SIGTERM end the calls in flight as interrupted (interrupt.c's
 * handler); the report of what was seen is written all the same.
 */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <re.h>
#include "result/run.h"
#include "result/load.h"
#include "client/scenario.h"
#include "report/report.h"
#include "cli/cli.h"
#include "cli/conform.h"

/* What a progress line updates at: often enough to watch, rare enough
 * to cost nothing */
#define PROGRESS_MS 250

struct progress {
	struct tmr tmr;
	const struct load_result *l;
};

/*
 * The descriptors --concurrency calls in flight may hold
 * (scenario_load_fds()).  The soft limit is raised toward the hard one;
 * if that is still short, say so before the run: a call that then finds
 * no descriptor sends nothing and is counted as not set up, never as the
 * target's silence (seen: --concurrency 10000 at 5000/s under ulimit -n
 * 20000).
 */
static void fd_budget(uint32_t conc, enum sip_transp tp)
{
	const rlim_t need = (rlim_t)scenario_load_fds(conc, tp);
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur >= need)
		return;
	if (rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= need)
		rl.rlim_cur = need;
	else
		rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur < need) {
		(void)getrlimit(RLIMIT_NOFILE, &rl);
		fprintf(stderr, "sipconform: --concurrency %u may need %llu "
			"file descriptors and the limit is %llu (ulimit -n): "
			"calls that find none are counted as not set up\n",
			conc, (unsigned long long)need,
			(unsigned long long)rl.rlim_cur);
	}
}

static void progress_line(const struct load_result *l)
{
	fprintf(stderr, "\r%llu/%llu calls done, %llu in flight: %llu pass, "
		"%llu fail, %llu not judged\033[K",
		(unsigned long long)l->done, (unsigned long long)l->calls,
		(unsigned long long)l->inflight,
		(unsigned long long)l->verdicts[RUN_PASS],
		(unsigned long long)l->verdicts[RUN_FAIL],
		(unsigned long long)(l->done - l->verdicts[RUN_PASS] -
				     l->verdicts[RUN_FAIL]));
}

static void progress_tick(void *arg)
{
	struct progress *p = arg;

	progress_line(p->l);
	tmr_start(&p->tmr, PROGRESS_MS, progress_tick, p);
}

/* What each call leaves behind once judged */
struct sink {
	FILE *csv;                 /**< --csv, or NULL                      */
	const char *savedir;       /**< --save-trace, or NULL               */
	size_t save_max;
	size_t saved, unsaved;     /**< calls that did not pass: traces
				        saved, past --save-max              */
	unsigned lost;             /**< traces that could not be written    */
};

/* A call that did not pass is what a user wants to look at: its trace
 * is the evidence, replayable with 'sipconform judge'.  Named by the
 * job's call number, which the --csv line and the shards agree on. */
static void save_call(struct sink *k, uint64_t idx,
		      const struct scen_result *res)
{
	char name[96];
	int err;

	if (scen_verdict(res) == RUN_PASS || !res->trace)
		return;
	if (k->saved + k->lost >= k->save_max) {
		k->unsaved++;
		return;
	}
	(void)re_snprintf(name, sizeof(name), "%s-%llu", res->name,
			  (unsigned long long)idx);
	err = conform_save_trace(k->savedir, name, res->trace);
	if (!err) {
		k->saved++;
		return;
	}
	/* said once: the same cause would repeat for every call */
	if (!k->lost++)
		fprintf(stderr, "sipconform: cannot save the trace of call "
			"%llu in '%s': %s\n", (unsigned long long)idx,
			k->savedir, strerror(err));
}

static void call_done(uint64_t idx, const struct scen_result *res, void *arg)
{
	struct sink *k = arg;

	if (k->csv)
		report_csv_call(k->csv, idx, res);
	if (k->savedir)
		save_call(k, idx, res);
}

static void sink_say(const struct sink *k)
{
	if (!k->savedir || (!k->saved && !k->unsaved))
		return;
	fprintf(stderr, "sipconform: saved the traces of %zu call%s that did "
		"not pass in '%s'", k->saved, k->saved == 1 ? "" : "s",
		k->savedir);
	if (k->unsaved)
		fprintf(stderr, "; %zu more not saved (--save-max %zu)",
			k->unsaved, k->save_max);
	fputc('\n', stderr);
}

int conform_load(struct run_result *r, const struct conform_args *a,
		 unsigned *lost)
{
	const struct scen_def *defv[CONFORM_MAX_SCEN];
	struct progress p;
	struct load_result *l;
	struct sink k = {.savedir = a->savedir, .save_max = a->save_max};
	FILE *csv = NULL;
	bool live = !a->quiet && isatty(STDERR_FILENO);
	size_t n = 0;
	int err;

	/* auth without --user under --scenario all: left out, as skipped */
	for (size_t i = 0; i < a->ntodo; i++)
		if (!a->todo[i]->needs_credentials || a->o.uac.user)
			defv[n++] = a->todo[i];
	if (!n) {
		fprintf(stderr, "sipconform: no scenario to run\n");
		return EINVAL;
	}

	l = mem_zalloc(sizeof(*l), NULL);
	if (!l)
		return ENOMEM;
	l->calls = a->calls;
	l->rate = (uint32_t)a->rate;
	l->concurrency = (uint32_t)a->concurrency;
	l->duration_ms = a->duration_ms;
	l->shard = a->shards ? (uint32_t)a->shard - 1 : 0;
	l->shards = (uint32_t)a->shards;

	if (a->csv) {
		csv = fopen(a->csv, "w");
		if (!csv) {
			err = errno;
			fprintf(stderr, "sipconform: --csv '%s': %s\n", a->csv,
				strerror(err));
			goto out;
		}
		report_csv_head(csv);
	}
	k.csv = csv;

	fd_budget(l->concurrency, a->o.uac.tp);
	r->t1_ms = a->o.uac.t1_ms;
	r->started_unix = (uint64_t)time(NULL);
	tmr_init(&p.tmr);
	p.l = l;
	if (live)
		tmr_start(&p.tmr, PROGRESS_MS, progress_tick, &p);

	err = scenario_load(l, defv, n, &a->o,
			    csv || k.savedir ? call_done : NULL, &k);
	tmr_cancel(&p.tmr);
	if (live) {
		progress_line(l);
		fputc('\n', stderr);
	}
	*lost += k.lost;
	if (err) {
		fprintf(stderr, "sipconform: cannot set up the run: %s\n",
			strerror(err));
		goto out;
	}
	sink_say(&k);
	if (csv && (fflush(csv) == EOF || ferror(csv))) {
		err = EIO;
		fprintf(stderr, "sipconform: --csv '%s': %s\n", a->csv,
			strerror(err));
		goto out;
	}
	r->signal = cli_interrupted();
	r->load = l;
	l = NULL;

 out:
	if (csv)
		fclose(csv);
	mem_deref(l);
	return err;
}
