/**
 * @file interrupt.c  SIGINT/SIGTERM: end the run early, keep the report
 *
 * libre's re_main() catches the signal and calls the handler from its
 * loop, not from the signal context, so stopping the loop here is safe.
 * The scenario that was running then ends as if by --timeout and the
 * report covers what was seen.
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

/** Hand SIGINT/SIGTERM to the scenarios of this run */
void cli_signal_setup(struct scen_opts *o)
{
	o->sigh = handler;
	o->sig = &caught;
}

/** Did a signal end the run? */
bool cli_interrupted(void)
{
	return caught != 0;
}
