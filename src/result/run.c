/**
 * @file run.c  Verdicts of a run, as the exit code and the reports see them
 */
#include <config.h>
#include <signal.h>
#include <stdio.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"
#include "trace/trace.h"
#include "judge/judge.h"
#include "result/run.h"
#include "result/load.h"

enum run_verdict scen_verdict(const struct scen_result *s)
{
	if (s->state == SCEN_SKIPPED)
		return RUN_SKIPPED;
	if (s->state == SCEN_NOT_RUN)
		return RUN_NOT_RUN;
	if (verdict_failed(&s->verdict))
		return RUN_FAIL;
	/* a message past our limits is no pass: we did not judge it */
	if (!s->judged || verdict_unjudged(&s->verdict))
		return RUN_NOJUDGE;
	return RUN_PASS;
}

/* A broken MUST is a definite answer and wins over a scenario that could
 * not be judged.  An interrupted run wins over both: the job was
 * cancelled, and a pass or fail of part of it would answer a question
 * nobody finished asking (the findings still show in the report).  A
 * skipped scenario neither passes nor fails. */
static enum run_verdict worse(enum run_verdict v, enum run_verdict sv)
{
	if (v == RUN_FAIL || sv == RUN_FAIL)
		return RUN_FAIL;
	if (sv == RUN_NOJUDGE || sv == RUN_NOT_RUN)
		return RUN_NOJUDGE;
	return v;
}

/* A load run is its calls: one failing call fails it */
enum run_verdict run_verdict(const struct run_result *r)
{
	enum run_verdict v = RUN_PASS;

	if (r->signal)
		return RUN_INTERRUPTED;

	for (size_t i = 0; i < r->scenc; i++)
		v = worse(v, scen_verdict(&r->scenv[i]));
	for (int k = 0; r->load && k <= RUN_INTERRUPTED; k++)
		if (r->load->verdicts[k])
			v = worse(v, (enum run_verdict)k);
	return v;
}

int run_exit_code(enum run_verdict v, int sig)
{
	switch (v) {

	case RUN_PASS:        return RUN_EXIT_PASS;
	case RUN_FAIL:        return RUN_EXIT_FAIL;
	case RUN_INTERRUPTED: return RUN_EXIT_SIGNAL + sig;
	default:              return RUN_EXIT_NOJUDGE;
	}
}

int run_exit_status(const struct run_result *r)
{
	return run_exit_code(run_verdict(r), r->signal);
}

const char *run_verdict_str(enum run_verdict v)
{
	switch (v) {

	case RUN_PASS:        return "PASS";
	case RUN_FAIL:        return "FAIL";
	case RUN_SKIPPED:     return "SKIPPED";
	case RUN_NOT_RUN:     return "NOT RUN";
	case RUN_INTERRUPTED: return "INTERRUPTED";
	default:              return "NOT JUDGED";
	}
}

const char *run_signal_name(int sig, char *buf, size_t sz)
{
	switch (sig) {

	case SIGINT:  return "SIGINT";
	case SIGTERM: return "SIGTERM";
	default:
		snprintf(buf, sz, "signal %d", sig);
		return buf;
	}
}
