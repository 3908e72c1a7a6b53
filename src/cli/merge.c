/**
 * @file merge.c  `sipconform merge REPORT.json...`: one report of N shards
 *
 * A job too big for one host runs as N processes, `--shard I/N` each
 * (a CI matrix, any job runner), each writing a JSON report.  Merged,
 * they are one load run: calls, verdicts, rule counts and retransmissions
 * added up, latency histograms added bucket by bucket (the percentiles
 * are those of all the calls), the elapsed time the longest shard's.
 *
 * What would make the merged verdict untrue is refused (exit 2): a shard
 * missing or given twice (a job missing a quarter of its calls is no
 * pass), reports of different jobs (target, transport, T1, --calls,
 * --rate, --duration, N), of another sipconform version, or already
 * merged (its shards can no longer be told apart).  A shard a
 * signal ended makes the merged run interrupted, as it would have made
 * the job.  Reports of unsharded runs of one target merge too: their
 * calls add up the same way.
 */
#include <config.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <re.h>
#include "result/run.h"
#include "result/load.h"
#include "report/report.h"
#include "cli/cli.h"

/* The largest report we read: a load report is a few KiB whatever the
 * number of calls; this only bounds a wrong file given by mistake */
#define REPORT_MAX (16u << 20)

static void merge_usage(FILE *f)
{
	fprintf(f,
	      "Usage: sipconform merge [OPTIONS] REPORT.json...\n"
	      "\n"
	      "Join the JSON reports of the shards of one load run\n"
	      "('sipconform --calls N --shard I/N ... --format json' on N\n"
	      "hosts) into one report, as if one process had made every\n"
	      "call.  Every shard 1..N must be given once; unsharded load\n"
	      "runs of one target merge too.\n"
	      "\n"
	      "Options:\n"
	      "  --format FMT     text (default), json, junit or tap\n"
	      "  --output FILE    write the report there ('-': stdout)\n"
	      "  -h, --help       show this help\n"
	      "  --version        show the version\n"
	      "\n"
	      "Exit status as for the run: 0 every call kept every MUST, 1 a\n"
	      "call broke one, 2 usage or reports that do not make one job,\n"
	      "3 a call could not be judged, 128+N a shard ended by signal N.\n");
}

/* The same job: what the shards were all told */
static const char *differs(const struct run_result *a,
			   const struct load_result *la,
			   const struct run_result *b,
			   const struct load_result *lb)
{
	if (strcmp(a->target, b->target))
		return "the target";
	if (a->tp != b->tp)
		return "the transport";
	if (a->t1_ms != b->t1_ms)
		return "T1";
	if (la->calls != lb->calls)
		return "--calls";
	if (la->rate != lb->rate)
		return "--rate";
	if (la->duration_ms != lb->duration_ms)
		return "--duration";
	if (la->shards != lb->shards)
		return "the number of shards";
	return NULL;
}

struct merge_args {
	const struct report_format *fmt;
	const char *output;
};

/* -1: go on with the files from optind; else the exit status */
static int merge_args_parse(struct merge_args *a, int argc, char *argv[])
{
	static const struct option opts[] = {
		{"format",  required_argument, NULL, 'f'},
		{"output",  required_argument, NULL, 'o'},
		{"help",    no_argument,       NULL, 'h'},
		{"version", no_argument,       NULL, 'V'},
		{NULL, 0, NULL, 0}
	};
	int c;

	a->fmt = &report_text;
	a->output = NULL;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {

		case 'f':
			if (report_format_parse(&a->fmt, optarg)) {
				fprintf(stderr, "sipconform merge: unknown "
					"format '%s'\n", optarg);
				return RUN_EXIT_USAGE;
			}
			break;

		case 'o':
			a->output = optarg;
			break;

		case 'V':
			return cli_version();

		case 'h':
			merge_usage(stdout);
			return RUN_EXIT_PASS;

		default:
			merge_usage(stderr);
			return RUN_EXIT_USAGE;
		}
	}

	return cli_args_end("merge", "report", argc, a->output);
}

int merge_main(int argc, char *argv[])
{
	struct merge_args a;
	struct run_result r, first;
	struct load_result *l = NULL, *one = NULL;
	uint8_t *seen = NULL;
	int rc;

	memset(&r, 0, sizeof(r));
	memset(&first, 0, sizeof(first));

	rc = merge_args_parse(&a, argc, argv);
	if (rc >= 0)
		return rc;
	rc = RUN_EXIT_USAGE;

	l = mem_zalloc(sizeof(*l), NULL);
	one = mem_zalloc(sizeof(*one), NULL);
	seen = mem_zalloc(LOAD_SHARDS_MAX + 1, NULL);
	if (!l || !one || !seen)
		goto out;

	for (int i = optind; i < argc; i++) {
		struct run_result ri;
		struct mbuf *mb = NULL;
		char why[160];
		const char *d;
		int err;

		memset(&ri, 0, sizeof(ri));
		err = cli_read_file(&mb, argv[i], REPORT_MAX);
		if (err) {
			fprintf(stderr, "sipconform merge: %s: %s\n", argv[i],
				strerror(err));
			goto out;
		}
		err = report_load_read(&ri, one, (const char *)mb->buf,
				       mb->end, why, sizeof(why));
		mem_deref(mb);
		if (err) {
			fprintf(stderr, "sipconform merge: %s: %s\n", argv[i],
				err == EBADMSG ? why : strerror(err));
			mem_deref(ri.target);
			goto out;
		}

		if (i == optind) {
			first = ri;
			l->calls = one->calls;
			l->rate = one->rate;
			l->duration_ms = one->duration_ms;
			l->shards = one->shards;
		}
		else {
			d = differs(&first, l, &ri, one);
			mem_deref(ri.target);
			if (d) {
				fprintf(stderr, "sipconform merge: %s: not the "
					"same job as %s: %s differs\n",
					argv[i], argv[optind], d);
				goto out;
			}
			if (!sa_cmp(&first.peer, &ri.peer, SA_ALL))
				sa_init(&first.peer, AF_UNSPEC);
			if (ri.started_unix && (!first.started_unix ||
					ri.started_unix < first.started_unix))
				first.started_unix = ri.started_unix;
			if (!first.signal)
				first.signal = ri.signal;
		}

		/* a merged report's shards are not told apart any more */
		if (one->merged) {
			fprintf(stderr, "sipconform merge: %s: already a merged "
				"report; merge the shards' own reports\n",
				argv[i]);
			goto out;
		}
		if (one->shards > 1) {
			if (seen[one->shard + 1]) {
				fprintf(stderr, "sipconform merge: %s: shard "
					"%u of %u given twice\n", argv[i],
					one->shard + 1, one->shards);
				goto out;
			}
			seen[one->shard + 1] = 1;
		}
		load_merge(l, one);
	}

	/* every shard once: a job short of some of its calls is no pass */
	for (uint32_t k = 1; l->shards > 1 && k <= l->shards; k++) {
		if (!seen[k]) {
			fprintf(stderr, "sipconform merge: shard %u of %u "
				"missing: give every shard's report\n", k,
				l->shards);
			goto out;
		}
	}

	r = first;
	r.load = l;
	if (cli_output_write(a.output, a.fmt, &r, false))
		goto out;
	rc = run_exit_status(&r);

 out:
	mem_deref(first.target);
	mem_deref(seen);
	mem_deref(one);
	mem_deref(l);
	return rc;
}
