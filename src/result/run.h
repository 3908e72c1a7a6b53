/**
 * @file run.h  What one conformance run produced: the reports' input
 */
#ifndef SIPCONFORM_RESULT_RUN_H
#define SIPCONFORM_RESULT_RUN_H

#include <re.h>
#include "judge/judge.h"
#include "trace/trace.h"


/** Whether a scenario ran: a scenario that did not is no pass */
enum scen_state {
	SCEN_RAN = 0,              /**< it ran (to its end or interrupted)  */
	SCEN_SKIPPED,              /**< left out on purpose (auth without
				        credentials): the note says why     */
	SCEN_NOT_RUN,              /**< a signal ended the run before it    */
};

/** One scenario as it ran and was judged */
struct scen_result {
	const char *name;          /**< "call", "cancel", ...               */
	char *label;               /**< the name when it is no constant: a
				        trace file's (judge), or NULL       */
	enum scen_state state;
	const char *summary;       /**< one line: what it does              */
	bool judged;               /**< false: could not judge (see error)  */
	char *error;               /**< why not judged, or a set-up problem  */
	char *note;                /**< what the run saw that is no finding:
				        "503: alive but not serving", ...   */
	struct trace *trace;       /**< every byte, both ways               */
	struct verdict verdict;
	struct judge_timings timings;
	uint64_t duration_us;
};

struct load_result;

/** A whole run against one target */
struct run_result {
	char *target;              /**< the TARGET-URI as given             */
	enum sip_transp tp;
	struct sa peer;            /**< resolved target address             */
	struct sa local;           /**< our address                         */
	uint32_t t1_ms;
	uint64_t started_unix;     /**< wall clock, for report headers      */
	int signal;                /**< SIGINT/SIGTERM that ended the run
				        early, or 0: it ran to its end      */
	struct scen_result *scenv;
	size_t scenc;
	/** A load run (result/load.h): its calls' aggregate, scenv then
	 *  empty; NULL for a run of each scenario once */
	const struct load_result *load;
};

enum run_verdict {
	RUN_PASS = 0,              /**< every MUST held in every scenario    */
	RUN_FAIL,                  /**< a MUST rule broken somewhere         */
	RUN_NOJUDGE,               /**< nothing broken, but a scenario could
				        not be judged (no response at all, or
				        a message past sipconform's limits)  */
	RUN_SKIPPED,               /**< a scenario left out (no verdict)     */
	RUN_NOT_RUN,               /**< a scenario a signal kept from running */
	RUN_INTERRUPTED,           /**< a run a signal ended early: whatever
				        it saw, it answers nothing           */
};

/** sipconform's exit status: a contract with the CI jobs that gate on it */
enum run_exit {
	RUN_EXIT_PASS    = 0,   /**< every MUST rule held                  */
	RUN_EXIT_FAIL    = 1,   /**< at least one MUST rule broken         */
	RUN_EXIT_USAGE   = 2,   /**< usage or set-up error                 */
	RUN_EXIT_NOJUDGE = 3,   /**< could not judge: no response at all,
				     or a message past our limits       */
	/** Interrupted: 128 + the signal number, 130 for SIGINT and 143
	 *  for SIGTERM, what a shell reports for a process the signal
	 *  killed (sipconform writes its report, then dies of the signal
	 *  so that the shell that waits for it stops too) */
	RUN_EXIT_SIGNAL  = 128,
};

enum run_verdict run_verdict(const struct run_result *r);
/* The exit status for a verdict (RUN_INTERRUPTED: RUN_EXIT_SIGNAL + sig):
 * the one mapping, for the CLI and the reports that print it */
int run_exit_code(enum run_verdict v, int sig);
/* The exit status of a whole run */
int run_exit_status(const struct run_result *r);
/* "SIGINT", "SIGTERM", "signal N" */
const char *run_signal_name(int sig, char *buf, size_t sz);
enum run_verdict scen_verdict(const struct scen_result *s);
const char *run_verdict_str(enum run_verdict v);

#endif
