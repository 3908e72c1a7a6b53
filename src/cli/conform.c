/**
 * @file conform.c  `sipconform [OPTIONS] TARGET-URI`: the conformance run
 *
 * The options and exit codes are a contract: CI jobs script against them.
 */
#include <config.h>
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"
#include "trace/trace.h"
#include "judge/judge.h"
#include "client/uac.h"
#include "result/run.h"
#include "client/scenario.h"
#include "report/report.h"
#include "cli/cli.h"

#define MAX_SCEN 16

static void usage(FILE *f)
{
	fputs("Usage: sipconform [OPTIONS] TARGET-URI\n"
	      "       sipconform lint [OPTIONS] [FILE...]\n"
	      "       sipconform judge [OPTIONS] TRACE-FILE...\n"
	      "\n"
	      "Send INVITEs (and ACK, BYE, CANCEL, OPTIONS, PRACK) to a SIP\n"
	      "target, record every byte that comes back, and judge it against\n"
	      "RFC 3261 and its companions.  Example:\n"
	      "  sipconform --scenario all sip:service@127.0.0.1:5060\n"
	      "\n"
	      "Options:\n"
	      "  --transport udp|tcp   default: the URI's ;transport=, else udp\n"
	      "  --scenario NAME       call (default), cancel, options, no-ack,\n"
	      "                        auth, or all; repeatable\n"
	      "  --list-scenarios      describe the scenarios\n"
	      "  --list-rules          the rule catalogue: id, level, RFC, summary\n"
	      "  --format FMT          text (default), json, junit or tap\n"
	      "  --output FILE         write the report there, not to stdout\n"
	      "  --timeout SECONDS     longest one scenario may take (default 32)\n"
	      "  --t1 MS               the target's T1 (default 500)\n"
	      "  --t2 MS               the target's T2 (default 4000)\n"
	      "  --from URI            From URI (default sip:sipconform@<local>)\n"
	      "  --local ADDR[:PORT]   address (and port) to send from\n"
	      "  --user NAME --password PW   digest credentials (401/407)\n"
	      "  --no-sdp              INVITE without an offer\n"
	      "  --require-100rel      Require: 100rel (default: Supported)\n"
	      "  --no-100rel           neither Supported nor Require 100rel\n"
	      "  --via-host HOST       sent-by in Via (default: our address);\n"
	      "                        the target then owes received=\n"
	      "  --rport               ask for rport in Via (RFC 3581)\n"
	      "  --timestamp           send Timestamp (section 8.2.6.1)\n"
	      "  --save-trace DIR      save each scenario's trace as\n"
	      "                        DIR/<scenario>.trace (see 'judge')\n"
	      "  --verbose             show the exchange as it happens (stderr)\n"
	      "  --help, --version\n"
	      "\n"
	      "Exit status: 0 every MUST rule held; 1 a MUST rule is broken;\n"
	      "2 usage or set-up error; 3 could not judge (no response at all,\n"
	      "target unreachable).\n", f);
}

static void list_rules(void)
{
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct rule *r = rule_get((enum rule_id)i);

		printf("%-32s %-6s %s \xc2\xa7%-10s %s\n", r->id,
		       rule_level_str(r->level), r->rfc, r->section,
		       r->summary);
	}
}

static void list_scenarios(void)
{
	for (size_t i = 0; i < scen_def_count; i++) {
		const struct scen_def *d = scen_defs[i];
		const char *p = d->detail;

		printf("%-8s %s%s\n", d->name, d->summary,
		       d->needs_credentials ? " (needs --user/--password)"
		       : "");
		while (p && *p) {
			const char *e = strchr(p, '\n');
			size_t n = e ? (size_t)(e - p) : strlen(p);

			printf("         %.*s\n", (int)n, p);
			p += n + (e ? 1 : 0);
		}
	}
}

static int parse_ms(uint32_t *v, const char *s, double scale, double min,
		    double max)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(s, &end);
	if (errno || end == s || *end || d != d || d < min || d > max)
		return EINVAL;
	*v = (uint32_t)(d * scale + 0.5);
	return 0;
}

/* The target: an IP literal, or a name resolved once (never a search
 * across the network beyond what the system resolver does) */
static int resolve(struct sa *sa, const struct pl *host, uint16_t port)
{
	struct addrinfo hints, *res = NULL;
	char name[256];
	int err;

	if (!sa_set(sa, host, port))
		return 0;

	if (host->l >= sizeof(name))
		return EINVAL;
	pl_strcpy(host, name, sizeof(name));

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_DGRAM;
	err = getaddrinfo(name, NULL, &hints, &res);
	if (err || !res)
		return EADDRNOTAVAIL;

	err = sa_set_sa(sa, res->ai_addr);
	freeaddrinfo(res);
	if (!err)
		sa_set_port(sa, port);
	return err;
}

static int parse_target(struct run_result *r, struct scen_opts *o,
			const char *s, bool tp_given)
{
	struct pl pl, tpv;
	struct uri uri;
	uint16_t port;
	int err;

	pl_set_str(&pl, s);
	if (uri_decode(&uri, &pl) || !pl_isset(&uri.host)) {
		fprintf(stderr, "sipconform: '%s' is not a SIP URI "
			"(sip:user@host[:port][;transport=udp|tcp])\n", s);
		return EINVAL;
	}
	if (pl_strcasecmp(&uri.scheme, "sip")) {
		fprintf(stderr, "sipconform: scheme '%.*s' is not supported, "
			"only sip:\n", (int)uri.scheme.l, uri.scheme.p);
		return EINVAL;
	}

	if (!tp_given && !msg_param_decode(&uri.params, "transport", &tpv)) {
		if (!pl_strcasecmp(&tpv, "tcp"))
			o->uac.tp = SIP_TRANSP_TCP;
		else if (!pl_strcasecmp(&tpv, "udp"))
			o->uac.tp = SIP_TRANSP_UDP;
		else {
			fprintf(stderr, "sipconform: transport '%.*s' is not "
				"supported (udp, tcp)\n", (int)tpv.l, tpv.p);
			return EINVAL;
		}
	}

	port = uri.port ? uri.port : 5060;
	err = resolve(&o->uac.peer, &uri.host, port);
	if (err) {
		fprintf(stderr, "sipconform: cannot resolve '%.*s'\n",
			(int)uri.host.l, uri.host.p);
		return err;
	}

	r->peer = o->uac.peer;
	r->tp = o->uac.tp;
	return str_dup(&r->target, s);
}

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

int conform_main(int argc, char *argv[])
{
	enum {
		O_TRANSPORT = 256, O_SCENARIO, O_LIST_SCEN, O_LIST_RULES,
		O_FORMAT, O_OUTPUT, O_TIMEOUT, O_T1, O_T2, O_FROM, O_LOCAL,
		O_USER, O_PASSWORD, O_NO_SDP, O_REQ100REL, O_RPORT,
		O_TIMESTAMP, O_SAVE, O_VERBOSE, O_HELP, O_VERSION, O_NO100REL,
		O_VIAHOST,
	};
	static const struct option opts[] = {
		{"transport",      required_argument, NULL, O_TRANSPORT},
		{"scenario",       required_argument, NULL, O_SCENARIO},
		{"list-scenarios", no_argument,       NULL, O_LIST_SCEN},
		{"list-rules",     no_argument,       NULL, O_LIST_RULES},
		{"format",         required_argument, NULL, O_FORMAT},
		{"output",         required_argument, NULL, O_OUTPUT},
		{"timeout",        required_argument, NULL, O_TIMEOUT},
		{"t1",             required_argument, NULL, O_T1},
		{"t2",             required_argument, NULL, O_T2},
		{"from",           required_argument, NULL, O_FROM},
		{"local",          required_argument, NULL, O_LOCAL},
		{"user",           required_argument, NULL, O_USER},
		{"password",       required_argument, NULL, O_PASSWORD},
		{"no-sdp",         no_argument,       NULL, O_NO_SDP},
		{"require-100rel", no_argument,       NULL, O_REQ100REL},
		{"no-100rel",      no_argument,       NULL, O_NO100REL},
		{"via-host",       required_argument, NULL, O_VIAHOST},
		{"rport",          no_argument,       NULL, O_RPORT},
		{"timestamp",      no_argument,       NULL, O_TIMESTAMP},
		{"save-trace",     required_argument, NULL, O_SAVE},
		{"verbose",        no_argument,       NULL, O_VERBOSE},
		{"help",           no_argument,       NULL, O_HELP},
		{"version",        no_argument,       NULL, O_VERSION},
		{NULL, 0, NULL, 0}
	};
	const struct scen_def *todo[MAX_SCEN];
	size_t ntodo = 0;
	struct scen_opts o;
	struct run_result r;
	enum report_format fmt = FMT_TEXT;
	const char *output = NULL, *savedir = NULL;
	bool tp_given = false, all = false, verbose = false;
	FILE *out = stdout;
	int c, rc = RUN_EXIT_USAGE;

	memset(&o, 0, sizeof(o));
	memset(&r, 0, sizeof(r));
	o.uac.tp = SIP_TRANSP_UDP;
	o.uac.sdp = true;
	o.uac.t1_ms = 500;
	o.uac.t2_ms = 4000;
	o.timeout_ms = 32000;

	optind = 1;
	opterr = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {

		case O_TRANSPORT:
			tp_given = true;
			if (!strcmp(optarg, "udp"))
				o.uac.tp = SIP_TRANSP_UDP;
			else if (!strcmp(optarg, "tcp"))
				o.uac.tp = SIP_TRANSP_TCP;
			else {
				fprintf(stderr, "sipconform: --transport "
					"wants udp or tcp, not '%s'\n", optarg);
				return RUN_EXIT_USAGE;
			}
			break;

		case O_SCENARIO:
			if (!strcmp(optarg, "all")) {
				all = true;
				break;
			}
			if (!scenario_find(optarg)) {
				fprintf(stderr, "sipconform: no scenario '%s' "
					"(see --list-scenarios)\n", optarg);
				return RUN_EXIT_USAGE;
			}
			if (ntodo == MAX_SCEN) {
				fprintf(stderr, "sipconform: too many "
					"--scenario options\n");
				return RUN_EXIT_USAGE;
			}
			todo[ntodo++] = scenario_find(optarg);
			break;

		case O_LIST_SCEN:
			list_scenarios();
			return RUN_EXIT_PASS;

		case O_LIST_RULES:
			list_rules();
			return RUN_EXIT_PASS;

		case O_FORMAT:
			if (report_format_parse(&fmt, optarg)) {
				fprintf(stderr, "sipconform: --format wants "
					"text, json, junit or tap, not '%s'\n",
					optarg);
				return RUN_EXIT_USAGE;
			}
			break;

		case O_OUTPUT:
			output = optarg;
			break;

		case O_TIMEOUT:
			if (parse_ms(&o.timeout_ms, optarg, 1000, 0.1, 3600)) {
				fprintf(stderr, "sipconform: --timeout wants "
					"seconds from 0.1 to 3600, not '%s'\n",
					optarg);
				return RUN_EXIT_USAGE;
			}
			break;

		case O_T1:
			if (parse_ms(&o.uac.t1_ms, optarg, 1, 10, 60000)) {
				fprintf(stderr, "sipconform: --t1 wants "
					"milliseconds from 10 to 60000, not "
					"'%s'\n", optarg);
				return RUN_EXIT_USAGE;
			}
			break;

		case O_T2:
			if (parse_ms(&o.uac.t2_ms, optarg, 1, 10, 600000)) {
				fprintf(stderr, "sipconform: --t2 wants "
					"milliseconds from 10 to 600000, not "
					"'%s'\n", optarg);
				return RUN_EXIT_USAGE;
			}
			break;

		case O_FROM:
			o.uac.from = optarg;
			break;

		case O_LOCAL:
			if (sa_decode(&o.uac.local, optarg, strlen(optarg)) &&
			    sa_set_str(&o.uac.local, optarg, 0)) {
				fprintf(stderr, "sipconform: --local wants "
					"ADDR or ADDR:PORT ([v6]:PORT), not "
					"'%s'\n", optarg);
				return RUN_EXIT_USAGE;
			}
			break;

		case O_USER:
			o.uac.user = optarg;
			break;

		case O_PASSWORD:
			o.uac.password = optarg;
			break;

		case O_NO_SDP:
			o.uac.sdp = false;
			break;

		case O_REQ100REL:
			o.uac.require_100rel = true;
			break;

		case O_NO100REL:
			o.uac.no_100rel = true;
			break;

		case O_VIAHOST:
			o.uac.via_host = optarg;
			break;

		case O_RPORT:
			o.uac.rport = true;
			break;

		case O_TIMESTAMP:
			o.uac.timestamp = true;
			break;

		case O_SAVE:
			savedir = optarg;
			break;

		case O_VERBOSE:
			verbose = true;
			o.obsh = cli_live_event;
			break;

		case O_HELP:
			usage(stdout);
			return RUN_EXIT_PASS;

		case O_VERSION:
			printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			return RUN_EXIT_PASS;

		default:
			fprintf(stderr, "Try 'sipconform --help'.\n");
			return RUN_EXIT_USAGE;
		}
	}

	if (optind != argc - 1) {
		fprintf(stderr, optind == argc ?
			"sipconform: no TARGET-URI given\n" :
			"sipconform: one TARGET-URI, please\n");
		fprintf(stderr, "Try 'sipconform --help'.\n");
		return RUN_EXIT_USAGE;
	}

	if (o.uac.no_100rel && o.uac.require_100rel) {
		fprintf(stderr, "sipconform: --no-100rel and --require-100rel "
			"contradict each other\n");
		return RUN_EXIT_USAGE;
	}

	if (!o.uac.user != !o.uac.password) {
		fprintf(stderr, "sipconform: --user and --password go "
			"together\n");
		return RUN_EXIT_USAGE;
	}

	if (all) {
		ntodo = 0;
		for (size_t i = 0; i < scen_def_count; i++) {
			/* without credentials auth cannot run: say so in
			 * the report rather than fail the target */
			todo[ntodo++] = scen_defs[i];
		}
	}
	if (!ntodo)
		todo[ntodo++] = scenario_find("call");

	for (size_t i = 0; i < ntodo; i++) {
		if (todo[i]->needs_credentials && !o.uac.user && !all) {
			fprintf(stderr, "sipconform: scenario '%s' needs "
				"--user and --password\n", todo[i]->name);
			return RUN_EXIT_USAGE;
		}
	}

	o.uac.ruri = argv[optind];
	o.judge.t1_ms = o.uac.t1_ms;
	o.judge.t2_ms = o.uac.t2_ms;

	if (parse_target(&r, &o, argv[optind], tp_given))
		goto out;

	if (output) {
		out = fopen(output, "w");
		if (!out) {
			fprintf(stderr, "sipconform: cannot write '%s': %s\n",
				output, strerror(errno));
			out = stdout;
			goto out;
		}
	}

	r.scenv = mem_zalloc(ntodo * sizeof(*r.scenv), NULL);
	if (!r.scenv)
		goto out;
	r.t1_ms = o.uac.t1_ms;
	r.started_unix = (uint64_t)time(NULL);

	cli_signal_setup(&o);
	for (size_t i = 0; i < ntodo && !cli_interrupted(); i++) {
		struct scen_result *s = &r.scenv[r.scenc++];
		int err;

		if (todo[i]->needs_credentials && !o.uac.user) {
			verdict_init(&s->verdict);
			s->name = todo[i]->name;
			s->summary = todo[i]->summary;
			s->judged = true;
			str_dup(&s->note, "skipped: no --user/--password");
			trace_alloc(&s->trace);
			continue;
		}

		if (verbose)
			cli_live_begin(todo[i]->name);
		err = scenario_run(s, todo[i], &o);
		if (err) {
			fprintf(stderr, "sipconform: %s: %s\n", todo[i]->name,
				s->error ? s->error : strerror(err));
			goto out;
		}
		if (savedir) {
			err = save_trace(savedir, s);
			if (err)
				fprintf(stderr, "sipconform: cannot save the "
					"%s trace in '%s': %s\n", s->name,
					savedir, strerror(err));
		}
		if (!r.local.len && s->trace) {
			struct le *le = list_head(&s->trace->evl);

			for (; le; le = le->next) {
				const struct trace_ev *ev = le->data;

				if (ev->kind == TRACE_MSG &&
				    ev->dir == TRACE_OUT) {
					r.local = ev->local;
					break;
				}
			}
		}
	}

	if (report_write(out, fmt, &r, verbose)) {
		fprintf(stderr, "sipconform: cannot write the report\n");
		goto out;
	}
	fflush(out);

	rc = run_exit_code(run_verdict(&r));
	if (rc == RUN_EXIT_NOJUDGE) {
		for (size_t i = 0; i < r.scenc; i++)
			if (!r.scenv[i].judged)
				fprintf(stderr, "sipconform: %s: could not "
					"judge: %s\n", r.scenv[i].name,
					r.scenv[i].error ? r.scenv[i].error
					: "no response");
	}
	if (cli_interrupted())
		fprintf(stderr, "sipconform: interrupted; the report covers "
			"what was seen\n");

 out:
	if (out != stdout && fclose(out)) {
		fprintf(stderr, "sipconform: cannot write '%s': %s\n",
			output, strerror(errno));
		rc = RUN_EXIT_USAGE;
	}
	run_free(&r);
	return rc;
}
