/**
 * @file conform.h  The conformance run's parts: options, target, run
 */
#ifndef SIPCONFORM_CLI_CONFORM_H
#define SIPCONFORM_CLI_CONFORM_H

#include <re.h>
#include "client/scenario.h"
#include "report/report.h"
#include "result/run.h"

enum { CONFORM_MAX_SCEN = 16 };

/** What the command line asked for */
struct conform_args {
	struct scen_opts o;
	const struct scen_def *todo[CONFORM_MAX_SCEN];
	size_t ntodo;
	const struct report_format *fmt;
	char *uri;                 /**< TARGET-URI (argv; conform_target()
				        cuts a zone id out of it)           */
	const char *output;        /**< --output, or NULL: stdout           */
	const char *savedir;       /**< --save-trace, or NULL               */
	size_t save_max;           /**< --save-max: a load run saves the
				        traces of that many calls at most  */
	bool save_max_given;
	bool tp_given;             /**< --transport beats ;transport=       */
	bool all;
	bool verbose;
	/* a load run (cli/load.c): any of --calls, --rate, --concurrency,
	 * --duration */
	bool load;
	bool quiet;                /**< no progress line                    */
	size_t calls, rate, concurrency;
	uint32_t duration_ms;
	const char *csv;           /**< --csv FILE, or NULL                 */
	size_t shard, shards;      /**< --shard I/N, or 0, 0                */
	char shard_tag[16];        /**< "sI.N", in every Call-ID            */
};

/* cli/load.c: the calls of a load run into r->load (a set-up error: the
 * errno, said on stderr) */
int conform_load(struct run_result *r, const struct conform_args *a,
		 unsigned *lost);

/* conform.c: t into dir/name.trace (see 'judge'); an errno when it
 * could not be written whole */
struct trace;
int conform_save_trace(const char *dir, const char *name,
		       const struct trace *t);

/* conform_opt.c: -1 to go on, else the exit status (usage, --help) */
int conform_args_parse(struct conform_args *a, int argc, char *argv[]);

/* resolve.c: TARGET-URI to transport and address; the strict readers
 * of the values that go into requests, said on stderr when refused */
struct hostaddr;
struct sipuri;
int conform_target(struct run_result *r, struct uac_cfg *cfg, char *uri,
		   bool tp_given);
int cli_hostaddr_sa(struct sa *sa, const struct hostaddr *ha,
		    uint16_t port);
long cli_ctl_at(const char *s);
int cli_uri_parse(struct sipuri *u, const char *what, const char *s,
		  size_t len, const char *shown);

#endif
