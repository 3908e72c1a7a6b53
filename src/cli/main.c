/**
 * @file main.c  sipconform: SIP response conformance tester
 *
 * `sipconform lint`, `sipconform judge`, `sipconform merge` or, without a
 * command word, the conformance run.
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "cli/cli.h"

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
	else if (argc > 1 && !strcmp(argv[1], "merge"))
		rc = merge_main(argc - 1, argv + 1);
	else
		rc = conform_main(argc, argv);

	libre_close();
	return cli_exit(rc);
}
