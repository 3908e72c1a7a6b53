/**
 * @file judgecmd.c  `sipconform judge TRACE...`: judge saved traces offline
 *
 * The judge is pure, so a trace saved with --save-trace gives the same
 * findings here, on any machine, as it gave during the run.
 */
#include <config.h>
#include <errno.h>
#include <getopt.h>
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
#include "cli/cli.h"

static void judge_usage(FILE *f)
{
	fprintf(f,
	      "Usage: sipconform judge [OPTIONS] TRACE-FILE...\n"
	      "\n"
	      "Judge traces saved by 'sipconform --save-trace DIR', one\n"
	      "scenario per file, and report as a run would.\n"
	      "\n"
	      "Options:\n"
	      "  --format FMT     text (default), json, junit or tap\n"
	      "  --t1 MS          the target's T1 (default %u)\n"
	      "  --t2 MS          the target's T2 (default %u)\n"
	      "  --single-uas     the target is one UAS (as in a run; a trace\n"
	      "                   saved with --single-uas says so itself)\n"
	      "  --verbose        add the exchange to the report\n"
	      "  -h, --help       show this help\n"
	      "\n"
	      "Exit status as for a run: 0, 1, 2 (usage, unreadable trace), 3.\n",
	      SIP_T1, SIP_T2);
}

static int load(struct scen_result *s, const char *path,
		const struct judge_cfg *cfg)
{
	const char *base = strrchr(path, '/');
	FILE *f = fopen(path, "rb");
	struct judge_cfg c = *cfg;
	int err;

	verdict_init(&s->verdict);
	s->name = base ? base + 1 : path;
	s->summary = "saved trace";

	if (!f)
		return errno;
	err = trace_load(&s->trace, f);
	fclose(f);
	if (err)
		return err;

	/* what the run was told about the peer, it is told again */
	c.single_uas = c.single_uas || s->trace->single_uas;
	s->duration_us = s->trace->end_us;
	err = judge_trace(&s->verdict, s->trace, &c, &s->timings);
	if (err)
		return err;

	s->judged = s->timings.rx_msgs > 0;
	if (!s->judged)
		str_dup(&s->error, "the trace holds no response");
	return 0;
}

struct judge_args {
	struct judge_cfg cfg;
	const struct report_format *fmt;
	bool verbose;
};

/* -1: go on with the files from optind; else the exit status */
static int judge_args_parse(struct judge_args *a, int argc, char *argv[])
{
	static const struct option opts[] = {
		{"format",  required_argument, NULL, 'f'},
		{"t1",      required_argument, NULL, '1'},
		{"t2",      required_argument, NULL, '2'},
		{"verbose", no_argument,       NULL, 'v'},
		{"single-uas", no_argument,    NULL, 's'},
		{"help",    no_argument,       NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	size_t v;
	int c;

	a->cfg = (struct judge_cfg)JUDGE_CFG_DEFAULT;
	a->fmt = &report_text;
	a->verbose = false;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {

		case 'f':
			if (report_format_parse(&a->fmt, optarg)) {
				fprintf(stderr, "sipconform judge: unknown "
					"format '%s'\n", optarg);
				return RUN_EXIT_USAGE;
			}
			break;

		case '1':
		case '2':
			if (cli_parse_size(&v, optarg, 10, 600000)) {
				fprintf(stderr, "sipconform judge: --t%c wants "
					"milliseconds, not '%s'\n", c, optarg);
				return RUN_EXIT_USAGE;
			}
			if (c == '1')
				a->cfg.t1_ms = (uint32_t)v;
			else
				a->cfg.t2_ms = (uint32_t)v;
			break;

		case 'v':
			a->verbose = true;
			break;

		case 's':
			a->cfg.single_uas = true;
			break;

		case 'h':
			judge_usage(stdout);
			return RUN_EXIT_PASS;

		default:
			judge_usage(stderr);
			return RUN_EXIT_USAGE;
		}
	}

	if (optind == argc) {
		fprintf(stderr, "sipconform judge: no trace file given\n");
		return RUN_EXIT_USAGE;
	}
	return -1;
}

int judge_main(int argc, char *argv[])
{
	struct judge_args a;
	struct run_result r;
	int rc;

	rc = judge_args_parse(&a, argc, argv);
	if (rc >= 0)
		return rc;

	rc = RUN_EXIT_USAGE;
	memset(&r, 0, sizeof(r));
	r.scenv = mem_zalloc((size_t)(argc - optind) * sizeof(*r.scenv),
			     NULL);
	if (!r.scenv)
		return RUN_EXIT_USAGE;
	str_dup(&r.target, "(saved traces)");
	r.t1_ms = a.cfg.t1_ms;

	for (int i = optind; i < argc; i++) {
		struct scen_result *s = &r.scenv[r.scenc++];
		int err = load(s, argv[i], &a.cfg);

		if (err) {
			fprintf(stderr, "sipconform judge: %s: %s\n", argv[i],
				err == EBADMSG ? "not a sipconform trace" :
				strerror(err));
			goto out;
		}
	}

	if (report_write(stdout, a.fmt, &r, a.verbose))
		goto out;

	rc = run_exit_code(run_verdict(&r));

 out:
	for (size_t i = 0; i < r.scenc; i++) {
		verdict_reset(&r.scenv[i].verdict);
		mem_deref(r.scenv[i].trace);
		mem_deref(r.scenv[i].error);
	}
	mem_deref(r.scenv);
	mem_deref(r.target);
	return rc;
}
