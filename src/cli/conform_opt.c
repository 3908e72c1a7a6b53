/**
 * @file conform_opt.c  The options of `sipconform [OPTIONS] TARGET-URI`
 *
 * The options and exit codes are a contract: CI jobs script against them.
 */
#include <config.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "sip/sipuri.h"
#include "judge/rules.h"
#include "result/load.h"
#include "cli/cli.h"
#include "cli/conform.h"

/* --timeout: Timer B at the default T1, the longest a conforming target
 * may keep an INVITE unanswered */
#define TIMEOUT_DEFAULT_MS (64 * SIP_T1)
/* What bounds a run's judging: the judge is linear (bench/bench_judge:
 * 10-40 us per message on a 2-core machine), so at most a few seconds
 * and a few hundred MiB after --timeout, whatever a target floods */
#define MAX_MESSAGES_DEFAULT 100000u
/* --concurrency: sockets in flight (one a call), well below the 1024
 * descriptors a shell gives by default */
#define CONCURRENCY_DEFAULT 100u
/* --save-max: enough calls to see what went wrong and how often in what
 * ways, not a disk filled by a run where every call failed */
#define SAVE_MAX_DEFAULT 100u

static void usage(FILE *f)
{
	fprintf(f,
	      "Usage: sipconform [OPTIONS] TARGET-URI\n"
	      "       sipconform lint [OPTIONS] [FILE...]\n"
	      "       sipconform judge [OPTIONS] TRACE-FILE...\n"
	      "       sipconform merge [OPTIONS] REPORT.json...\n"
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
	      "  --list-rules          the rule catalogue: id, level, RFC section,\n"
	      "                        summary\n"
	      "  --explain RULE        the RFC sentence a rule (or each rule of a\n"
	      "                        family) enforces, when it applies, what a\n"
	      "                        finding means, how to fix it\n"
	      "  --format FMT          text (default), json, junit or tap\n"
	      "  --output FILE         write the report there ('-': stdout); the\n"
	      "                        file is replaced whole once the run has\n"
	      "                        a result, never left empty or cut short\n"
	      "  --timeout SECONDS     longest one scenario may take (default %u)\n"
	      "  --t1 MS               the target's T1 (default %u)\n"
	      "  --t2 MS               the target's T2 (default %u)\n"
	      "  --rcvbuf BYTES        UDP receive buffer (default 8 MiB, as the\n"
	      "                        kernel allows); datagrams it drops are\n"
	      "                        counted and the run is not judged\n"
	      "  --max-messages N      received datagrams, segments and messages\n"
	      "                        recorded per scenario at most (default\n"
	      "                        %u); past it the run is not judged\n"
	      "  --from URI            From URI (default sip:sipconform@<local>)\n"
	      "  --local ADDR[:PORT]   IP address (and port, 0 or none: any) to\n"
	      "                        send from; IPv6 in brackets: [::1]:5070\n"
	      "  --user NAME --password PW   digest credentials (401/407)\n"
	      "  --no-sdp              INVITE without an offer\n"
	      "  --require-100rel      Require: 100rel (default: Supported)\n"
	      "  --no-100rel           neither Supported nor Require 100rel\n"
	      "  --via-host HOST       sent-by in Via (default: our address);\n"
	      "                        the target then owes received=\n"
	      "  --rport               ask for rport in Via (RFC 3581)\n"
	      "  --timestamp           send Timestamp (section 8.2.6.1)\n"
	      "  --single-uas          the target is one UAS (no forking proxy,\n"
	      "                        B2BUA or SBC): a changed To tag is a\n"
	      "                        MUST failure (totag.stable-single-uas)\n"
	      "  --save-trace DIR      save each scenario's trace as\n"
	      "                        DIR/<scenario>.trace (see 'judge');\n"
	      "                        in a load run, of each call that did\n"
	      "                        not pass, as DIR/<scenario>-<call>.trace\n"
	      "  --verbose             show the exchange as it happens (stderr)\n"
	      "Load (the chosen scenarios in turn, each call judged by every\n"
	      "rule; the report is the aggregate):\n"
	      "  --calls N             this many calls (1 to 10000000)\n"
	      "  --rate CPS            calls begun a second (1 to 100000;\n"
	      "                        default: as fast as --concurrency lets)\n"
	      "  --concurrency C       calls in flight at most (1 to 10000,\n"
	      "                        default %u)\n"
	      "  --duration SECONDS    begin calls for this long (0.1 to\n"
	      "                        604800); with --calls, what ends first\n"
	      "  --shard I/N           be part I of a job of N processes\n"
	      "                        (N up to 1000): --calls and --rate\n"
	      "                        are the job's, this one makes calls\n"
	      "                        I, I+N, ... at --rate/N, Call-IDs\n"
	      "                        tagged sI.N; 'sipconform merge'\n"
	      "                        joins the N JSON reports\n"
	      "  --csv FILE            one line per call: verdict, timings,\n"
	      "                        the rules it broke\n"
	      "  --save-max N          a load run's --save-trace keeps N calls'\n"
	      "                        traces at most (1 to 1000000, default\n"
	      "                        %u), the first that did not pass\n"
	      "  --quiet               no progress line (there is none when\n"
	      "                        stderr is not a terminal)\n"
	      "  -h, --help, --version\n"
	      "\n"
	      "TARGET-URI is a sip: URI by the grammar of RFC 3261: a port of\n"
	      "1-65535, IPv6 in brackets (a zone as [fe80::1%%25eth0] or\n"
	      "[fe80::1%%eth0] picks the interface and is not sent), no URI\n"
	      "headers (?...), no control bytes; a name is resolved before\n"
	      "anything is sent (not resolving: exit 2).\n"
	      "\n"
	      "Exit status:\n"
	      "  0    every MUST rule held (skipped scenarios aside)\n"
	      "  1    a MUST rule is broken\n"
	      "  2    usage or set-up error, or the report or a trace asked\n"
	      "       for could not be written\n"
	      "  3    could not judge (no response at all, target unreachable,\n"
	      "       no final response within --timeout)\n"
	      "  130  interrupted by SIGINT, 143 by SIGTERM (128 + signal):\n"
	      "       the report is written, says so and lists the scenarios\n"
	      "       not run; then sipconform dies of the signal\n",
	      TIMEOUT_DEFAULT_MS / 1000, SIP_T1, SIP_T2,
	      MAX_MESSAGES_DEFAULT, CONCURRENCY_DEFAULT, SAVE_MAX_DEFAULT);
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

enum {
	O_TRANSPORT = 256, O_SCENARIO, O_LIST_SCEN, O_LIST_RULES,
	O_FORMAT, O_OUTPUT, O_TIMEOUT, O_T1, O_T2, O_RCVBUF, O_MAX_MESSAGES, O_FROM, O_LOCAL,
	O_USER, O_PASSWORD, O_NO_SDP, O_REQ100REL, O_RPORT,
	O_TIMESTAMP, O_SAVE, O_VERBOSE, O_HELP, O_VERSION, O_NO100REL,
	O_VIAHOST, O_EXPLAIN, O_SINGLE_UAS, O_CALLS, O_RATE, O_CONCURRENCY,
	O_DURATION, O_CSV, O_QUIET, O_SHARD, O_SAVE_MAX,
};

static const struct option options[] = {
	{"transport",      required_argument, NULL, O_TRANSPORT},
	{"scenario",       required_argument, NULL, O_SCENARIO},
	{"list-scenarios", no_argument,       NULL, O_LIST_SCEN},
	{"list-rules",     no_argument,       NULL, O_LIST_RULES},
	{"explain",        required_argument, NULL, O_EXPLAIN},
	{"format",         required_argument, NULL, O_FORMAT},
	{"output",         required_argument, NULL, O_OUTPUT},
	{"timeout",        required_argument, NULL, O_TIMEOUT},
	{"t1",             required_argument, NULL, O_T1},
	{"t2",             required_argument, NULL, O_T2},
	{"rcvbuf",         required_argument, NULL, O_RCVBUF},
	{"max-messages",   required_argument, NULL, O_MAX_MESSAGES},
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
	{"single-uas",     no_argument,       NULL, O_SINGLE_UAS},
	{"save-trace",     required_argument, NULL, O_SAVE},
	{"save-max",       required_argument, NULL, O_SAVE_MAX},
	{"verbose",        no_argument,       NULL, O_VERBOSE},
	{"calls",          required_argument, NULL, O_CALLS},
	{"rate",           required_argument, NULL, O_RATE},
	{"concurrency",    required_argument, NULL, O_CONCURRENCY},
	{"duration",       required_argument, NULL, O_DURATION},
	{"csv",            required_argument, NULL, O_CSV},
	{"shard",          required_argument, NULL, O_SHARD},
	{"quiet",          no_argument,       NULL, O_QUIET},
	{"help",           no_argument,       NULL, O_HELP},
	{"version",        no_argument,       NULL, O_VERSION},
	{NULL, 0, NULL, 0}
};

static void defaults(struct conform_args *a)
{
	memset(a, 0, sizeof(*a));
	a->fmt = &report_text;
	a->o.uac.tp = SIP_TRANSP_UDP;
	a->o.uac.sdp = true;
	a->o.uac.t1_ms = SIP_T1;
	a->o.uac.t2_ms = SIP_T2;
	a->o.timeout_ms = TIMEOUT_DEFAULT_MS;
	a->o.max_messages = MAX_MESSAGES_DEFAULT;
	a->concurrency = CONCURRENCY_DEFAULT;
	a->save_max = SAVE_MAX_DEFAULT;
}

/* A usage error, said on one line: the exit status */
static int bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int bad(const char *fmt, ...)
{
	va_list ap;

	fputs("sipconform: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return RUN_EXIT_USAGE;
}

static int opt_scenario(struct conform_args *a, const char *name)
{
	const struct scen_def *def;

	if (!strcmp(name, "all")) {
		a->all = true;
		return -1;
	}
	def = scenario_find(name);
	if (!def)
		return bad("no scenario '%s' (see --list-scenarios)", name);
	if (a->ntodo == CONFORM_MAX_SCEN)
		return bad("too many --scenario options");
	a->todo[a->ntodo++] = def;
	return -1;
}

/* --local ADDR[:PORT]: an IP literal (no name: we bind, we do not
 * look up), port 0 or none for any */
static int opt_local(struct uac_cfg *u, const char *v)
{
	struct hostaddr ha;
	enum hv_defect d;
	size_t off;
	int err;

	if (hostaddr_parse(&ha, v, strlen(v), HA_ZONE | HA_PORT_ZERO, &d,
			   &off))
		return bad("--local wants ADDR or ADDR:PORT (an IPv4 address, "
			   "or an IPv6 one in brackets: [::1]:5070; port "
			   "0-65535), not '%s': %s at byte %zu%s", v,
			   hvalue_defect_str(d), off + 1,
			   d == HV_IPV6_BARE ? " (put it in brackets)" : "");

	err = cli_hostaddr_sa(&u->local, &ha, ha.port_num);
	if (err == ENODEV)
		return bad("--local '%s': zone '%.*s' is no interface of this "
			   "host", v, (int)ha.zone.l, ha.zone.p);
	if (err)
		return bad("--local '%s': not an address", v);
	return -1;
}

/* --from URI: the strict grammar, as the Request-URI */
static int opt_from(struct uac_cfg *u, const char *v)
{
	struct sipuri uri;

	if (cli_uri_parse(&uri, "--from", v, strlen(v), NULL))
		return RUN_EXIT_USAGE;
	u->from = v;
	return -1;
}

/* --user NAME: the username="..." of the digest answer, a quoted-string
 * (RFC 2617 section 3.2.2, RFC 3261 section 25.1) that we send as given,
 * so nothing it would have to escape */
static int opt_user(struct uac_cfg *u, const char *v)
{
	if (!*v)
		return bad("--user wants a name");
	if (cli_ctl_at(v) >= 0 || strpbrk(v, "\"\\"))
		return bad("--user '%s': no control byte, '\"' or '\\', "
			   "please: it goes into a quoted-string", v);
	u->user = v;
	return -1;
}

/* --via-host HOST: the sent-by host of Via, by the grammar of section
 * 25.1 (hostname / IPv4address / IPv6reference); an IPv6 address without
 * its brackets is taken, request.c adds them */
static int opt_via_host(struct uac_cfg *u, const char *v)
{
	const size_t len = strlen(v);
	struct hscan s;
	enum host_kind kind;
	struct pl addr;

	hs_init(&s, v, len);
	if (v[0] != '[' && strchr(v, ':')) {
		if (!host_addr(&s, &addr, &kind) && s.i == len &&
		    kind == HOST_IPV6)
			goto ok;
		hs_init(&s, v, len);
	}
	if (cli_ctl_at(v) >= 0 || !len || host_check(&s, 0, len, &kind))
		return bad("--via-host wants a host name, an IPv4 or an IPv6 "
			   "address, not '%s'", v);
 ok:
	u->via_host = v;
	return -1;
}

/* --shard I/N: two numbers, 1 <= I <= N <= 1000, nothing else */
static int opt_shard(struct conform_args *a, const char *v)
{
	const char *slash = strchr(v, '/');
	size_t i, n;
	char num[8];

	a->load = true;
	if (!slash || (size_t)(slash - v) >= sizeof(num))
		goto bad;
	memcpy(num, v, (size_t)(slash - v));
	num[slash - v] = '\0';
	if (cli_parse_size(&i, num, 1, LOAD_SHARDS_MAX) ||
	    cli_parse_size(&n, slash + 1, 1, LOAD_SHARDS_MAX) || i > n)
		goto bad;
	a->shard = i;
	a->shards = n;
	/* the Call-ID space of shard I: "<random>-sI.N@sipconform" */
	snprintf(a->shard_tag, sizeof(a->shard_tag), "s%zu.%zu", i, n);
	a->o.uac.callid_tag = a->shard_tag;
	return -1;

 bad:
	return bad("--shard wants I/N, part I of N (1 <= I <= N <= 1000), "
		   "not '%s'", v);
}

/* The options that set what a run sends and how long it waits */
static int opt_value(struct conform_args *a, int c, const char *v)
{
	struct uac_cfg *u = &a->o.uac;

	switch (c) {

	case O_TRANSPORT:
		a->tp_given = true;
		if (!strcmp(v, "udp"))
			u->tp = SIP_TRANSP_UDP;
		else if (!strcmp(v, "tcp"))
			u->tp = SIP_TRANSP_TCP;
		else
			return bad("--transport wants udp or tcp, not '%s'",
				   v);
		break;

	case O_TIMEOUT:
		if (cli_parse_ms(&a->o.timeout_ms, v, 1000, 0.1, 3600))
			return bad("--timeout wants seconds from 0.1 to 3600, "
				   "not '%s'", v);
		break;

	case O_T1:
		if (cli_parse_ms(&u->t1_ms, v, 1, 10, 60000))
			return bad("--t1 wants milliseconds from 10 to 60000, "
				   "not '%s'", v);
		break;

	case O_MAX_MESSAGES:
		if (cli_parse_size(&a->o.max_messages, v, 10, 10000000))
			return bad("--max-messages wants a number from 10 to "
				   "10000000, not '%s'", v);
		break;

	case O_RCVBUF:
		if (cli_parse_size(&u->rcvbuf, v, 1024, 1u << 30))
			return bad("--rcvbuf wants bytes from 1024 to 2^30, "
				   "not '%s'", v);
		break;

	case O_T2:
		if (cli_parse_ms(&u->t2_ms, v, 1, 10, 600000))
			return bad("--t2 wants milliseconds from 10 to 600000, "
				   "not '%s'", v);
		break;

	case O_LOCAL:
		return opt_local(u, v);

	case O_FORMAT:
		if (report_format_parse(&a->fmt, v))
			return bad("--format wants text, json, junit or tap, "
				   "not '%s'", v);
		break;

	case O_FROM:     return opt_from(u, v);
	case O_USER:     return opt_user(u, v);
	case O_VIAHOST:  return opt_via_host(u, v);
	case O_PASSWORD:
		/* never sent, only hashed; a control byte is a paste gone
		 * wrong all the same */
		if (cli_ctl_at(v) >= 0)
			return bad("--password holds a control byte");
		u->password = v;
		break;
	case O_CALLS:
		a->load = true;
		if (cli_parse_size(&a->calls, v, 1, 10000000))
			return bad("--calls wants a number from 1 to 10000000, "
				   "not '%s'", v);
		break;

	case O_RATE:
		a->load = true;
		if (cli_parse_size(&a->rate, v, 1, 100000))
			return bad("--rate wants calls a second from 1 to "
				   "100000, not '%s'", v);
		break;

	case O_CONCURRENCY:
		a->load = true;
		if (cli_parse_size(&a->concurrency, v, 1, 10000))
			return bad("--concurrency wants a number from 1 to "
				   "10000, not '%s'", v);
		break;

	case O_DURATION:
		a->load = true;
		if (cli_parse_ms(&a->duration_ms, v, 1000, 0.1, 604800))
			return bad("--duration wants seconds from 0.1 to "
				   "604800, not '%s'", v);
		break;

	case O_SAVE_MAX:
		if (cli_parse_size(&a->save_max, v, 1, 1000000))
			return bad("--save-max wants a number from 1 to "
				   "1000000, not '%s'", v);
		a->save_max_given = true;
		break;

	case O_SHARD:    return opt_shard(a, v);
	case O_CSV:      a->csv = v;             break;
	case O_OUTPUT:   a->output = v;          break;
	case O_SAVE:     a->savedir = v;         break;
	case O_SCENARIO: return opt_scenario(a, v);
	default:
		fprintf(stderr, "Try 'sipconform --help'.\n");
		return RUN_EXIT_USAGE;
	}
	return -1;
}

static int opt_one(struct conform_args *a, int c, const char *v)
{
	struct uac_cfg *u = &a->o.uac;

	switch (c) {

	case O_NO_SDP:     u->sdp = false;           break;
	case O_REQ100REL:  u->require_100rel = true; break;
	case O_NO100REL:   u->no_100rel = true;      break;
	case O_RPORT:      u->rport = true;          break;
	case O_TIMESTAMP:  u->timestamp = true;      break;
	case O_SINGLE_UAS: a->o.judge.single_uas = true; break;
	case O_VERBOSE:    a->verbose = true;        break;
	case O_QUIET:      a->quiet = true;          break;

	case O_LIST_SCEN:
		list_scenarios();
		return RUN_EXIT_PASS;

	case O_LIST_RULES:
		list_rules();
		return RUN_EXIT_PASS;

	case O_EXPLAIN:
		return cli_explain(stdout, v) ? RUN_EXIT_USAGE : RUN_EXIT_PASS;

	case O_HELP:
		usage(stdout);
		return RUN_EXIT_PASS;

	case O_VERSION:
		return cli_version();

	default:
		return opt_value(a, c, v);
	}
	return -1;
}

static int check_load(const struct conform_args *a);

/* What the options cannot say one at a time */
static int check(struct conform_args *a, int argc, char *argv[])
{
	const struct uac_cfg *u = &a->o.uac;

	if (optind != argc - 1) {
		fprintf(stderr, optind == argc ?
			"sipconform: no TARGET-URI given\n" :
			"sipconform: one TARGET-URI, please\n");
		fprintf(stderr, "Try 'sipconform --help'.\n");
		return RUN_EXIT_USAGE;
	}
	a->uri = argv[optind];

	if (u->no_100rel && u->require_100rel)
		return bad("--no-100rel and --require-100rel contradict each "
			   "other");

	if (!u->user != !u->password)
		return bad("--user and --password go together");

	return check_load(a);
}

/* A load run keeps no trace and prints no exchange: each call's trace
 * goes once it is judged, which is what keeps its memory flat */
static int check_load(const struct conform_args *a)
{
	const struct uac_cfg *u = &a->o.uac;

	if (a->shards && !a->calls && !a->duration_ms)
		return bad("--shard goes with --calls or --duration");
	if (a->shards && a->calls && a->calls < a->shards)
		return bad("--calls %zu leaves shard %zu of %zu without a "
			   "call", a->calls, a->shards, a->shards);

	if (a->csv && !a->load)
		return bad("--csv goes with --calls or --duration");
	if (a->load && !a->calls && !a->duration_ms)
		return bad("--rate and --concurrency go with --calls or "
			   "--duration");
	if (a->save_max_given && !(a->load && a->savedir))
		return bad("--save-max goes with --save-trace in a load run "
			   "(--calls or --duration)");
	if (a->load && a->verbose)
		return bad("--verbose shows one exchange; a load run has "
			   "many (see --csv)");

	/* T2 caps the retransmit interval that starts at T1 (17.1.2.2:
	 * "MIN(2*T1, T2)"): below T1 there is no doubling to cap */
	if (u->t2_ms < u->t1_ms)
		return bad("--t2 (%u ms%s) is below --t1 (%u ms)", u->t2_ms,
			   u->t2_ms == SIP_T2 ? ", the default" : "",
			   u->t1_ms);

	return -1;
}

/* --scenario all runs every one, auth too: without credentials the
 * report says it was skipped rather than the run failing the target */
static int scenarios(struct conform_args *a)
{
	if (a->all) {
		a->ntodo = 0;
		for (size_t i = 0; i < scen_def_count; i++)
			a->todo[a->ntodo++] = scen_defs[i];
	}
	if (!a->ntodo)
		a->todo[a->ntodo++] = scenario_find("call");

	for (size_t i = 0; i < a->ntodo && !a->all; i++) {
		if (a->todo[i]->needs_credentials && !a->o.uac.user)
			return bad("scenario '%s' needs --user and --password",
				   a->todo[i]->name);
	}
	return -1;
}

/** Read the command line into a; -1: go on, else the exit status */
int conform_args_parse(struct conform_args *a, int argc, char *argv[])
{
	int c, rc;

	defaults(a);

	optind = 1;
	opterr = 1;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		rc = opt_one(a, c == 'h' ? O_HELP : c, optarg);
		if (rc >= 0)
			return rc;
	}

	rc = check(a, argc, argv);
	if (rc >= 0)
		return rc;

	rc = scenarios(a);
	if (rc >= 0)
		return rc;

	a->o.uac.ruri = a->uri;
	a->o.judge.t1_ms = a->o.uac.t1_ms;
	a->o.judge.t2_ms = a->o.uac.t2_ms;
	return -1;
}
