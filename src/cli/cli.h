/**
 * @file cli.h  Command line: exit codes and shared helpers
 *
 * The exit codes are a contract with the CI jobs that gate on them.
 */
#ifndef SIPCONFORM_CLI_CLI_H
#define SIPCONFORM_CLI_CLI_H

#include <stddef.h>


enum cli_exit {
	CLI_EXIT_PASS    = 0,   /**< every MUST rule held                  */
	CLI_EXIT_FAIL    = 1,   /**< at least one MUST rule broken         */
	CLI_EXIT_USAGE   = 2,   /**< usage or set-up error                 */
	CLI_EXIT_NOJUDGE = 3,   /**< could not judge: no response at all   */
};

int cli_parse_size(size_t *v, const char *s, size_t min, size_t max);
int lint_main(int argc, char *argv[]);
int judge_main(int argc, char *argv[]);
int conform_main(int argc, char *argv[]);

#endif
