/**
 * @file run.c  Verdicts of a run, as the exit code and the reports see them
 */
#include <config.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"
#include "trace/trace.h"
#include "judge/judge.h"
#include "result/run.h"

enum run_verdict scen_verdict(const struct scen_result *s)
{
	if (verdict_failed(&s->verdict))
		return RUN_FAIL;
	/* a message past our limits is no pass: we did not judge it */
	if (!s->judged || verdict_unjudged(&s->verdict))
		return RUN_NOJUDGE;
	return RUN_PASS;
}

/* A broken MUST is a definite answer and wins over a scenario that could
 * not be judged. */
enum run_verdict run_verdict(const struct run_result *r)
{
	enum run_verdict v = RUN_PASS;

	for (size_t i = 0; i < r->scenc; i++) {
		enum run_verdict sv = scen_verdict(&r->scenv[i]);

		if (sv == RUN_FAIL)
			return RUN_FAIL;
		if (sv == RUN_NOJUDGE)
			v = RUN_NOJUDGE;
	}
	return v;
}

enum run_exit run_exit_code(enum run_verdict v)
{
	switch (v) {

	case RUN_PASS: return RUN_EXIT_PASS;
	case RUN_FAIL: return RUN_EXIT_FAIL;
	default:       return RUN_EXIT_NOJUDGE;
	}
}

const char *run_verdict_str(enum run_verdict v)
{
	switch (v) {

	case RUN_PASS: return "PASS";
	case RUN_FAIL: return "FAIL";
	default:       return "NOT JUDGED";
	}
}
