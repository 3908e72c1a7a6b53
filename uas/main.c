/**
 * @file main.c  sipconform-target: the reference target of sipconform
 *
 * A UAS on UDP and TCP that answers INVITE, ACK, CANCEL, BYE, OPTIONS and
 * PRACK the way RFC 3261 and its companions say, or, with --misbehave,
 * breaks one rule on purpose so a test can check that sipconform names it.
 */
#include <config.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <re.h>
#include "target.h"

enum { EXIT_OK = 0, EXIT_ERR = 1, EXIT_USAGE = 2 };

static void usage(FILE *f)
{
	fputs("Usage: sipconform-target [OPTIONS]\n"
	      "\n"
	      "A SIP UAS that conforms (the reference target of sipconform),\n"
	      "or breaks chosen rules on purpose.  On start it prints one line,\n"
	      "  listening udp:127.0.0.1:PORT tcp:127.0.0.1:PORT "
	      "udp:[::1]:PORT tcp:[::1]:PORT\n"
	      "\n"
	      "Options:\n"
	      "  --listen ADDR          address to listen on, UDP and TCP;\n"
	      "                         repeatable (default 127.0.0.1 and ::1)\n"
	      "  --port N               one port for all (default 0: a free one)\n"
	      "  --port-file FILE       write the port number there too\n"
	      "  --ring-ms MS           180 Ringing after MS (default 100)\n"
	      "  --answer-ms MS         final response after MS (default 200)\n"
	      "  --t1 MS --t2 MS        timers (default 500 and 4000)\n"
	      "  --user U --password P  challenge INVITEs (digest, 401/403)\n"
	      "  --realm R              digest realm (default sipconform-target)\n"
	      "  --code N               answer INVITEs with N, not 200\n"
	      "  --options-code N       answer OPTIONS with N (default 200)\n"
	      "  --misbehave NAME       break a rule on purpose; repeatable,\n"
	      "                         or NAME,NAME,...\n"
	      "  --list-misbehaviours   name, the rule it breaks, what it does\n"
	      "  --no-prack-wait        send the 2xx without waiting for the\n"
	      "                         PRACK of the reliable 180 (RFC 3262\n"
	      "                         allows it: the 180 has no SDP)\n"
	      "  --bye-new-connection   over TCP, send our BYE to the remote\n"
	      "                         target (the INVITE's Contact) over a\n"
	      "                         new connection, not the INVITE's\n"
	      "  --contact-transport T  ;transport=T in our Contact (udp, tcp:\n"
	      "                         both listen; anything else as given)\n"
	      "  --max-calls N          exit after N calls (INVITE transaction\n"
	      "                         over, its dialog ended; challenges do\n"
	      "                         not count)\n"
	      "  --verbose, -v          each message in and out on stderr;\n"
	      "                         twice: whole messages\n"
	      "  --help, --version\n", f);
}

static int parse_u32(uint32_t *v, const char *s, uint32_t min, uint32_t max)
{
	unsigned long n;
	char *end;

	if (!s || !*s || *s == '-' || *s == '+')
		return EINVAL;
	errno = 0;
	n = strtoul(s, &end, 10);
	if (errno || *end || n < min || n > max)
		return EINVAL;
	*v = (uint32_t)n;
	return 0;
}

static int parse_addr(struct sa *sa, const char *s)
{
	char buf[64];
	size_t n = strlen(s);

	if (!sa_set_str(sa, s, 0))
		return 0;
	if (n < 3 || n >= sizeof(buf) || s[0] != '[' || s[n - 1] != ']')
		return EINVAL;
	memcpy(buf, s + 1, n - 2);
	buf[n - 2] = '\0';
	return sa_set_str(sa, buf, 0);
}

static int misbehave(struct tcfg *cfg, const char *list)
{
	char *dup = NULL, *tok, *save = NULL;
	int err;

	err = str_dup(&dup, list);
	if (err)
		return err;
	for (tok = strtok_r(dup, ",", &save); tok && !err;
	     tok = strtok_r(NULL, ",", &save)) {
		err = behave_enable(cfg->bh, tok);
		if (err)
			fprintf(stderr, "sipconform-target: no misbehaviour "
				"'%s' (see --list-misbehaviours)\n", tok);
	}
	mem_deref(dup);
	return err;
}

static int defaults(struct tcfg *cfg)
{
	int err = 0;

	if (!cfg->listenc) {
		err |= sa_set_str(&cfg->listenv[0], "127.0.0.1", 0);
		err |= sa_set_str(&cfg->listenv[1], "::1", 0);
		cfg->listenc = 2;
	}
	if (!cfg->realm)
		cfg->realm = "sipconform-target";
	return err;
}

static int bad(const char *opt, const char *arg, const char *want)
{
	fprintf(stderr, "sipconform-target: %s wants %s, not '%s'\n", opt,
		want, arg);
	return EINVAL;
}

static int option(struct tcfg *cfg, int c, const char *arg)
{
	uint32_t v;

	switch (c) {

	case 'l':
		if (cfg->listenc == TCFG_MAXLISTEN)
			return bad("--listen", arg, "at most 8 addresses");
		if (parse_addr(&cfg->listenv[cfg->listenc], arg))
			return bad("--listen", arg, "an IP address");
		cfg->listenc++;
		return 0;
	case 'p':
		if (parse_u32(&v, arg, 0, 65535))
			return bad("--port", arg, "0-65535");
		cfg->port = (uint16_t)v;
		return 0;
	case 'R':
		return parse_u32(&cfg->ring_ms, arg, 0, 3600000) ?
			bad("--ring-ms", arg, "milliseconds") : 0;
	case 'A':
		return parse_u32(&cfg->answer_ms, arg, 0, 3600000) ?
			bad("--answer-ms", arg, "milliseconds") : 0;
	case '1':
		return parse_u32(&cfg->t1_ms, arg, 10, 60000) ?
			bad("--t1", arg, "10-60000 ms") : 0;
	case '2':
		return parse_u32(&cfg->t2_ms, arg, 10, 600000) ?
			bad("--t2", arg, "10-600000 ms") : 0;
	case 'c':
		if (parse_u32(&v, arg, 200, 699))
			return bad("--code", arg, "a final code 200-699");
		cfg->code = (uint16_t)v;
		return 0;
	case 'o':
		if (parse_u32(&v, arg, 200, 699))
			return bad("--options-code", arg, "200-699");
		cfg->options_code = (uint16_t)v;
		return 0;
	case 'm':
		return parse_u32(&cfg->max_calls, arg, 1, 1000000) ?
			bad("--max-calls", arg, "a number of calls") : 0;
	case 'M':
		return misbehave(cfg, arg);
	default:
		return EINVAL;
	}
}

static int parse_args(struct tcfg *cfg, int argc, char *argv[], bool *quit)
{
	static const struct option opts[] = {
		{"listen",      required_argument, NULL, 'l'},
		{"port",        required_argument, NULL, 'p'},
		{"port-file",   required_argument, NULL, 'F'},
		{"ring-ms",     required_argument, NULL, 'R'},
		{"answer-ms",   required_argument, NULL, 'A'},
		{"t1",          required_argument, NULL, '1'},
		{"t2",          required_argument, NULL, '2'},
		{"user",        required_argument, NULL, 'u'},
		{"password",    required_argument, NULL, 'P'},
		{"realm",       required_argument, NULL, 'r'},
		{"code",        required_argument, NULL, 'c'},
		{"options-code", required_argument, NULL, 'o'},
		{"misbehave",   required_argument, NULL, 'M'},
		{"list-misbehaviours", no_argument, NULL, 'L'},
		{"list-misbehaviors", no_argument, NULL, 'L'},
		{"max-calls",   required_argument, NULL, 'm'},
		{"no-prack-wait", no_argument,     NULL, 'W'},
		{"bye-new-connection", no_argument, NULL, 'B'},
		{"contact-transport", required_argument, NULL, 'T'},
		{"verbose",     no_argument,       NULL, 'v'},
		{"help",        no_argument,       NULL, 'h'},
		{"version",     no_argument,       NULL, 'V'},
		{NULL, 0, NULL, 0}
	};
	int c;

	while ((c = getopt_long(argc, argv, "v", opts, NULL)) != -1) {
		switch (c) {

		case 'F': cfg->port_file = optarg; break;
		case 'u': cfg->user = optarg; break;
		case 'P': cfg->password = optarg; break;
		case 'r': cfg->realm = optarg; break;
		case 'v': cfg->verbose++; break;
		case 'W': cfg->no_prack_wait = true; break;
		case 'B': cfg->bye_new_conn = true; break;
		case 'T': cfg->contact_tp = optarg; break;
		case 'L': behave_list(stdout); *quit = true; return 0;
		case 'h': usage(stdout); *quit = true; return 0;
		case 'V':
			printf("sipconform-target %s\n", PACKAGE_VERSION);
			*quit = true;
			return 0;
		case '?':
			return EINVAL;
		default:
			if (option(cfg, c, optarg))
				return EINVAL;
		}
	}

	if (optind != argc) {
		fprintf(stderr, "sipconform-target: no arguments, only "
			"options ('%s')\n", argv[optind]);
		return EINVAL;
	}
	if (!cfg->user != !cfg->password) {
		fprintf(stderr, "sipconform-target: --user and --password "
			"go together\n");
		return EINVAL;
	}
	return defaults(cfg);
}

/* Written whole, then renamed: a test polling for it never reads half */
static int write_port_file(const char *path, uint16_t port)
{
	char tmp[1024];
	FILE *f;
	int err = 0;

	if (re_snprintf(tmp, sizeof(tmp), "%s.tmp", path) < 0)
		return ENAMETOOLONG;
	f = fopen(tmp, "w");
	if (!f)
		return errno;
	if (fprintf(f, "%u\n", port) < 0)
		err = EIO;
	if (fclose(f) && !err)
		err = errno;
	if (!err && rename(tmp, path))
		err = errno;
	return err;
}

static void signal_handler(int sig)
{
	(void)sig;
	re_cancel();
}

static int run(const struct tcfg *cfg)
{
	struct uas *uas = NULL;
	int err;

	err = uas_alloc(&uas, cfg);
	if (err) {
		fprintf(stderr, "sipconform-target: cannot listen: %s\n",
			strerror(err));
		return EXIT_ERR;
	}

	if (net_print(uas_net(uas), stdout) || fflush(stdout)) {
		mem_deref(uas);
		return EXIT_ERR;
	}
	if (cfg->port_file) {
		err = write_port_file(cfg->port_file, net_port(uas_net(uas)));
		if (err) {
			fprintf(stderr, "sipconform-target: cannot write "
				"'%s': %s\n", cfg->port_file, strerror(err));
			mem_deref(uas);
			return EXIT_ERR;
		}
	}

	err = re_main(signal_handler);
	mem_deref(uas);
	if (err) {
		fprintf(stderr, "sipconform-target: main loop: %s\n",
			strerror(err));
		return EXIT_ERR;
	}
	return EXIT_OK;
}

int main(int argc, char *argv[])
{
	static struct tcfg cfg;
	bool quit = false;
	int rc;

	cfg.ring_ms = 100;
	cfg.answer_ms = 200;
	cfg.t1_ms = SIP_T1;
	cfg.t2_ms = SIP_T2;
	cfg.options_code = 200;

	if (parse_args(&cfg, argc, argv, &quit)) {
		fprintf(stderr, "Try 'sipconform-target --help'.\n");
		return EXIT_USAGE;
	}
	if (quit)
		return EXIT_OK;

	if (libre_init()) {
		fprintf(stderr, "sipconform-target: cannot initialise libre\n");
		return EXIT_ERR;
	}
	rc = run(&cfg);
	libre_close();

	tmr_debug();
	mem_debug();
	return rc;
}
