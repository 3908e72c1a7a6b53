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
#include <sys/stat.h>
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
	      "scenario per file ('-': stdin), and report as a run would.\n"
	      "\n"
	      "Options:\n"
	      "  --format FMT     text (default), json, junit or tap\n"
	      "  --output FILE    write the report there ('-': stdout)\n"
	      "  --t1 MS          the target's T1 (default %u)\n"
	      "  --t2 MS          the target's T2 (default %u)\n"
	      "  --single-uas     the target is one UAS (as in a run; a trace\n"
	      "                   saved with --single-uas says so itself)\n"
	      "  --verbose        add the exchange to the report\n"
	      "  -h, --help       show this help\n"
	      "  --version        show the version\n"
	      "\n"
	      "Exit status as for a run: 0 every MUST held, 1 a MUST broken,\n"
	      "2 usage, unreadable trace or report not written, 3 could not\n"
	      "judge (a trace without a response).\n",
	      SIP_T1, SIP_T2);
}

/* The scenario a trace file holds: its name without the directory and
 * the ".trace" --save-trace gave it */
static void scen_name(struct scen_result *s, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = !strcmp(path, "-") ? "stdin" : base ? base + 1 : path;
	n = strlen(base);
	if (n > 6 && !strcmp(base + n - 6, ".trace"))
		n -= 6;
	/* without memory the name stays the whole path: still a name */
	s->name = re_sdprintf(&s->label, "%b", base, n) ? path : s->label;
}

static int load(struct scen_result *s, const char *path,
		const struct judge_cfg *cfg, struct trace_fault *why)
{
	bool std = !strcmp(path, "-");
	FILE *f = std ? stdin : fopen(path, "rb");
	struct stat st;
	struct judge_cfg c = *cfg;
	int err;

	verdict_init(&s->verdict);
	scen_name(s, path);
	s->summary = "saved trace";

	if (!f)
		return errno;
	err = trace_load_why(&s->trace, f, why);
	/* a trace saved before it held its date: the file's is the best
	 * guess (its modification is when the run saved it) */
	if (!err && !s->trace->started_unix && !fstat(fileno(f), &st) &&
	    S_ISREG(st.st_mode))
		s->trace->started_unix = (uint64_t)st.st_mtime;
	if (!std)
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

/* What the run's header says, from the traces: their transport and peer
 * when they agree (none when they do not), the earliest date */
static void run_from_traces(struct run_result *r)
{
	bool first = true;

	for (size_t i = 0; i < r->scenc; i++) {
		const struct trace *t = r->scenv[i].trace;
		struct le *le;

		if (t->started_unix && (!r->started_unix ||
					t->started_unix < r->started_unix))
			r->started_unix = t->started_unix;

		LIST_FOREACH(&t->evl, le) {
			const struct trace_ev *ev = le->data;

			if (ev->kind != TRACE_MSG || ev->dir != TRACE_OUT)
				continue;
			if (first) {
				r->tp = ev->tp;
				r->peer = ev->peer;
				r->local = ev->local;
				first = false;
			}
			else if (r->tp != ev->tp) {
				r->tp = SIP_TRANSP_NONE;
			}
			if (!sa_cmp(&r->peer, &ev->peer, SA_ALL))
				sa_init(&r->peer, AF_UNSPEC);
			break;
		}
	}
}

struct judge_args {
	struct judge_cfg cfg;
	const struct report_format *fmt;
	const char *output;
	bool verbose;
};

/* -1: go on with the files from optind; else the exit status */
static int judge_args_parse(struct judge_args *a, int argc, char *argv[])
{
	static const struct option opts[] = {
		{"format",  required_argument, NULL, 'f'},
		{"t1",      required_argument, NULL, '1'},
		{"t2",      required_argument, NULL, '2'},
		{"output",  required_argument, NULL, 'o'},
		{"verbose", no_argument,       NULL, 'v'},
		{"single-uas", no_argument,    NULL, 's'},
		{"help",    no_argument,       NULL, 'h'},
		{"version", no_argument,       NULL, 'V'},
		{NULL, 0, NULL, 0}
	};
	size_t v;
	int c;

	a->cfg = (struct judge_cfg)JUDGE_CFG_DEFAULT;
	a->fmt = &report_text;
	a->output = NULL;
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

		case 'o':
			a->output = optarg;
			break;

		case 'V':
			return cli_version();

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

	return cli_args_end("judge", "trace file", argc, a->output);
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
		struct trace_fault why;
		int err = load(s, argv[i], &a.cfg, &why);

		if (err == EBADMSG) {
			fprintf(stderr, "sipconform judge: %s:%u: %s\n",
				argv[i], why.line, why.why);
			goto out;
		}
		if (err) {
			fprintf(stderr, "sipconform judge: %s: %s\n", argv[i],
				strerror(err));
			goto out;
		}
	}

	run_from_traces(&r);
	if (cli_output_write(a.output, a.fmt, &r, a.verbose))
		goto out;

	rc = run_exit_status(&r);

 out:
	for (size_t i = 0; i < r.scenc; i++) {
		verdict_reset(&r.scenv[i].verdict);
		mem_deref(r.scenv[i].trace);
		mem_deref(r.scenv[i].error);
		mem_deref(r.scenv[i].label);
	}
	mem_deref(r.scenv);
	mem_deref(r.target);
	return rc;
}
