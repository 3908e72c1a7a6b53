/**
 * @file main.c  sipconform: SIP response conformance tester
 */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <re.h>
#include "cli/cli.h"

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

	if (libre_init()) {
		fprintf(stderr, "sipconform: cannot initialise libre\n");
		return RUN_EXIT_USAGE;
	}

	if (argc > 1 && !strcmp(argv[1], "lint"))
		rc = lint_main(argc - 1, argv + 1);
	else if (argc > 1 && !strcmp(argv[1], "judge"))
		rc = judge_main(argc - 1, argv + 1);
	else
		rc = conform_main(argc, argv);

	libre_close();
	return rc;
}
