/**
 * @file cli.h  Command line: the commands and the helpers they share
 *
 * The exit codes are result/run.h's enum run_exit.
 */
#ifndef SIPCONFORM_CLI_CLI_H
#define SIPCONFORM_CLI_CLI_H

#include <stddef.h>
#include "result/run.h"

int cli_parse_size(size_t *v, const char *s, size_t min, size_t max);
int lint_main(int argc, char *argv[]);
int judge_main(int argc, char *argv[]);
int conform_main(int argc, char *argv[]);

#endif
