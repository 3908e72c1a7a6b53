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
struct mbuf;
/* a whole file ("-": stdin), at most max bytes: 0 or the errno (EFBIG
 * past max, ENODATA empty) */
int cli_read_file(struct mbuf **mbp, const char *path, size_t max);
/* after a command's options: a file left to read (WHAT says which) and a
 * usable --output; -1 to go on, else the exit status, said on stderr */
int cli_args_end(const char *cmd, const char *what, int argc,
		 const char *output);
/* --version: prints it, returns exit 0 */
int cli_version(void);

/* live.c: --verbose */
void cli_live_begin(const char *scenario);
void cli_live_event(const struct trace_ev *ev, void *arg);

/* interrupt.c: SIGINT/SIGTERM end the run early */
void cli_signal_setup(struct scen_opts *o);
/* the signal that ended the run, or 0 */
int  cli_interrupted(void);
/* rc RUN_EXIT_SIGNAL + sig: die of sig, so the shell waiting for us
 * knows (a loop over targets stops on ^C); any other rc is returned */
int  cli_exit(int rc);

/* output.c: reports on stdout ("-" or NULL) or replacing a file whole.
 * check: before the run, 0 or the errno why path cannot take a report;
 * write: 0, or the errno (said on stderr, with the path) */
struct report_format;
int  cli_output_check(const char *path);
int  cli_output_write(const char *path, const struct report_format *fmt,
		      const struct run_result *r, bool verbose);
/* a directory we can create files in (--save-trace): 0 or the errno */
int  cli_dir_check(const char *dir);

/* --explain NAME: a rule by id, or every rule of a family; ENOENT for
 * neither (said on stderr) */
int cli_explain(FILE *f, const char *name);

int lint_main(int argc, char *argv[]);
int judge_main(int argc, char *argv[]);
int merge_main(int argc, char *argv[]);
int conform_main(int argc, char *argv[]);

#endif
