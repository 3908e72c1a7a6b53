/**
 * @file main.c  sipconform: SIP response conformance tester
 */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <re.h>
#include "cli.h"

static void usage(FILE *f)
{
	fputs("Usage: sipconform lint [OPTIONS] [FILE...]\n"
	      "       sipconform --help | --version\n"
	      "\n"
	      "Commands:\n"
	      "  lint    judge saved SIP responses against the single-message\n"
	      "          rules (status line, framing, mandatory headers)\n"
	      "\n"
	      "Run 'sipconform lint --help' for the options of a command.\n"
	      "Exit status: 0 conforms, 1 a MUST rule is broken, 2 usage\n"
	      "error, 3 could not judge.\n", f);
}

int cli_parse_size(size_t *v, const char *s, size_t min, size_t max)
{
	unsigned long long n;
	char *end;

	if (!s || !*s || *s == '-' || *s == '+')
		return EINVAL;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || *end || n < min || n > max)
		return EINVAL;

	*v = (size_t)n;
	return 0;
}

int main(int argc, char *argv[])
{
	int rc;

	if (argc < 2) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}

	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return CLI_EXIT_PASS;
	}

	if (!strcmp(argv[1], "--version")) {
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return CLI_EXIT_PASS;
	}

	if (libre_init()) {
		fprintf(stderr, "sipconform: cannot initialise libre\n");
		return CLI_EXIT_USAGE;
	}

	if (!strcmp(argv[1], "lint")) {
		rc = lint_main(argc - 1, argv + 1);
	}
	else {
		fprintf(stderr, "sipconform: unknown command '%s'\n", argv[1]);
		usage(stderr);
		rc = CLI_EXIT_USAGE;
	}

	libre_close();
	return rc;
}
