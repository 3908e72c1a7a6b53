/**
 * @file interrupt.c  SIGINT/SIGTERM: end the run early, keep the report
 *
 * libre's re_main() catches the signal and calls the handler from its
 * loop, not from the signal context, so stopping the loop here is safe.
 * The scenario that was running then ends as if by --timeout, the
 * scenarios after it are reported as not run, and the run's verdict
 * is "interrupted" whatever was seen (result/run.c).
 */
#include <config.h>
#include <signal.h>
#include <re.h>
#include "client/scenario.h"
#include "cli/cli.h"

static volatile sig_atomic_t caught;

static void handler(int sig)
{
	caught = sig;
	re_cancel();
}

/** Hand SIGINT/SIGTERM to the scenarios of this run.  The handler is
 *  ours from now on, not only inside re_main(): a signal while the
 *  target is resolved or between two scenarios also ends the run with a
 *  report (the scenarios after it not run), never with none. */
void cli_signal_setup(struct scen_opts *o)
{
	o->sigh = handler;
	o->sig = &caught;
	(void)signal(SIGINT, handler);
	(void)signal(SIGTERM, handler);
}

/** The signal that ended the run, or 0 */
int cli_interrupted(void)
{
	return caught;
}

/* The report is out: now die of the signal (default action), so that a
 * shell waiting for us sees a process killed by SIGINT and stops its
 * script instead of going on with the next command; what the shell
 * reports is 128 + the signal, the status run_exit_code() documents. */
int cli_exit(int rc)
{
	int sig = rc - RUN_EXIT_SIGNAL;

	if (sig != SIGINT && sig != SIGTERM)
		return rc;

	signal(sig, SIG_DFL);
	raise(sig);
	return rc;    /* not reached unless blocked: the status says it */
}
