/**
 * @file cli.h  Command line: the commands and the helpers they share
 *
 * The exit codes are result/run.h's enum run_exit.
 */
#ifndef SIPCONFORM_CLI_CLI_H
#define SIPCONFORM_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include "result/run.h"

struct scen_opts;
struct trace_ev;

/* opt.c: option values the commands share */
int cli_parse_size(size_t *v, const char *s, size_t min, size_t max);
int cli_parse_ms(uint32_t *v, const char *s, double scale, double min,
		 double max);

/* live.c: --verbose */
void cli_live_begin(const char *scenario);
void cli_live_event(const struct trace_ev *ev, void *arg);

/* interrupt.c: SIGINT/SIGTERM end the run early */
void cli_signal_setup(struct scen_opts *o);
bool cli_interrupted(void);

/* --explain NAME: a rule by id, or every rule of a family; ENOENT for
 * neither (said on stderr) */
int cli_explain(FILE *f, const char *name);

int lint_main(int argc, char *argv[]);
int judge_main(int argc, char *argv[]);
int conform_main(int argc, char *argv[]);

#endif
