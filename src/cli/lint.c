/**
 * @file lint.c  `sipconform lint`: judge saved responses, one per file
 */
#include <config.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/judge.h"
#include "report/report.h"
#include "cli/cli.h"

/* A saved response larger than this is not a SIP response (RFC 3261
 * section 18.1.1 keeps UDP ones under the path MTU, TCP ones are rarely
 * above a few KB). */
#define LINT_MAX_FILE (1024 * 1024)

static void lint_usage(FILE *f)
{
	fputs("Usage: sipconform lint [OPTIONS] [FILE...]\n"
	      "\n"
	      "Judge saved SIP responses, one response per file (stdin when no\n"
	      "file or '-' is given), against the single-message rules.\n"
	      "\n"
	      "Options:\n"
	      "  --stream         the response came over TCP/TLS\n"
	      "                   (Content-Length becomes mandatory)\n"
	      "  --max-line N     longest Status-Line accepted (default 1024)\n"
	      "  -q, --quiet      print only the verdict line per file\n"
	      "  -h, --help       show this help\n"
	      "  --version        show the version\n"
	      "\n"
	      "A response is judged as the answer to a request without To tag\n"
	      "(totag.not-in-100); rules that need the request itself (Via,\n"
	      "From, Call-ID, our Require, ...) are left to a run.\n"
	      "\n"
	      "Exit status: 0 every MUST rule held, 1 a MUST rule is broken,\n"
	      "2 usage error or unreadable file, 3 no MUST broken but a part\n"
	      "could not be judged (a Status-Line longer than --max-line: a\n"
	      "limit of sipconform's, not of RFC 3261).  The worst over all\n"
	      "files wins: 2, then 1, then 3.\n", f);
}

static int lint_one(const char *path, bool stream, size_t maxline,
		    bool quiet)
{
	struct msg_ctx ctx = {.stream = stream};
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	struct message *m;
	struct verdict v;
	struct mbuf *mb = NULL;
	int err, rc;

	err = cli_read_file(&mb, path, LINT_MAX_FILE);
	if (err) {
		fprintf(stderr, "sipconform lint: %s: %s\n", name,
			err == ENODATA ? "empty file, no response in it" :
			err == EFBIG ? "larger than 1 MiB, not a SIP response" :
			strerror(err));
		return RUN_EXIT_USAGE;
	}

	/* struct message is too large for a small stack */
	m = mem_zalloc(sizeof(*m), NULL);
	if (!m) {
		mem_deref(mb);
		fprintf(stderr, "sipconform lint: out of memory\n");
		return RUN_EXIT_USAGE;
	}

	verdict_init(&v);
	err = judge_response(&v, m, (const char *)mb->buf, mb->end, maxline,
			     &ctx);
	if (err) {
		fprintf(stderr, "sipconform lint: %s: %s\n", name,
			strerror(err));
		rc = RUN_EXIT_USAGE;
		goto out;
	}

	rc = verdict_failed(&v) ? RUN_EXIT_FAIL :
		verdict_unjudged(&v) ? RUN_EXIT_NOJUDGE : RUN_EXIT_PASS;

	printf("%s: %s", name, rc == RUN_EXIT_FAIL ? "FAIL" :
	       rc == RUN_EXIT_NOJUDGE ? "NOT JUDGED" : "PASS");
	if (m->sl_err == 0 || m->sl.defect == SL_VERSION_CASE) {
		struct sl_class c;

		statusline_classify(&c, m->sl.scode);
		printf(" (%u %s, %s)", c.scode,
		       c.registered ? c.meaning : "unregistered",
		       c.final ? "final" : "provisional");
		if (!c.registered)
			printf(" [treated as %u %s]", c.effective, c.meaning);
	}
	printf(": %u MUST broken, %u SHOULD warning%s", v.must, v.should,
	       v.should == 1 ? "" : "s");
	if (v.nojudge)
		printf(", %u could not be judged", v.nojudge);
	putchar('\n');
	if (!quiet)
		report_text_findings(stdout, &v, "  ", false);

 out:
	verdict_reset(&v);
	mem_deref(m);
	mem_deref(mb);
	return rc;
}

static int lint_rank(int rc)
{
	switch (rc) {

	case RUN_EXIT_USAGE:   return 3;
	case RUN_EXIT_FAIL:    return 2;
	case RUN_EXIT_NOJUDGE: return 1;
	default:               return 0;
	}
}

int lint_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{"stream",   no_argument,       NULL, 's'},
		{"max-line", required_argument, NULL, 'L'},
		{"quiet",    no_argument,       NULL, 'q'},
		{"help",     no_argument,       NULL, 'h'},
		{"version",  no_argument,       NULL, 'V'},
		{NULL, 0, NULL, 0}
	};
	bool stream = false, quiet = false;
	size_t maxline = SL_MAXLEN_DEFAULT;
	int c, rc = RUN_EXIT_PASS;

	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (c) {

		case 's':
			stream = true;
			break;

		case 'L':
			if (cli_parse_size(&maxline, optarg, 16, 65536)) {
				fprintf(stderr, "sipconform lint: --max-line "
					"wants a number from 16 to 65536, "
					"not '%s'\n", optarg);
				return RUN_EXIT_USAGE;
			}
			break;

		case 'q':
			quiet = true;
			break;

		case 'h':
			lint_usage(stdout);
			return RUN_EXIT_PASS;

		case 'V':
			return cli_version();

		default:
			lint_usage(stderr);
			return RUN_EXIT_USAGE;
		}
	}

	if (optind == argc)
		return lint_one("-", stream, maxline, quiet);

	/* the worst outcome wins: unreadable (2) over broken (1) over
	 * not judged (3) over passed (0) */
	for (int i = optind; i < argc; i++) {
		int r = lint_one(argv[i], stream, maxline, quiet);

		if (lint_rank(r) > lint_rank(rc))
			rc = r;
	}

	return rc;
}
