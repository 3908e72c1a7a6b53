/**
 * @file run.h  What one conformance run produced: the reports' input
 */
#ifndef SIPCONFORM_RESULT_RUN_H
#define SIPCONFORM_RESULT_RUN_H

#include <re.h>
#include "judge/judge.h"
#include "trace/trace.h"


/** One scenario as it ran and was judged */
struct scen_result {
	const char *name;          /**< "call", "cancel", ...               */
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

/** A whole run against one target */
struct run_result {
	char *target;              /**< the TARGET-URI as given             */
	enum sip_transp tp;
	struct sa peer;            /**< resolved target address             */
	struct sa local;           /**< our address                         */
	uint32_t t1_ms;
	uint64_t started_unix;     /**< wall clock, for report headers      */
	struct scen_result *scenv;
	size_t scenc;
};

enum run_verdict {
	RUN_PASS = 0,              /**< every MUST held in every scenario    */
	RUN_FAIL,                  /**< a MUST rule broken somewhere         */
	RUN_NOJUDGE,               /**< nothing broken, but a scenario could
				        not be judged (no response at all, or
				        a message past sipconform's limits)  */
};

/** sipconform's exit status: a contract with the CI jobs that gate on it */
enum run_exit {
	RUN_EXIT_PASS    = 0,   /**< every MUST rule held                  */
	RUN_EXIT_FAIL    = 1,   /**< at least one MUST rule broken         */
	RUN_EXIT_USAGE   = 2,   /**< usage or set-up error                 */
	RUN_EXIT_NOJUDGE = 3,   /**< could not judge: no response at all,
				     or a message past our limits       */
};

enum run_verdict run_verdict(const struct run_result *r);
/* The exit status for a verdict: the one mapping, for the CLI and the
 * reports that print it */
enum run_exit run_exit_code(enum run_verdict v);
enum run_verdict scen_verdict(const struct scen_result *s);
const char *run_verdict_str(enum run_verdict v);

#endif
