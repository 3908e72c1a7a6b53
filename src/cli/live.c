/**
 * @file live.c  --verbose: the exchange on stderr as it is recorded
 *
 * A trace observer: the client records, the command line shows.  One
 * line per event, its first line quoted as the reports quote it.
 */
#include <config.h>
#include <stdio.h>
#include <re.h>
#include "trace/trace.h"
#include "report/report.h"
#include "cli/cli.h"

void cli_live_begin(const char *scenario)
{
	fprintf(stderr, "--- scenario %s\n", scenario);
}

void cli_live_event(const struct trace_ev *ev, void *arg)
{
	const char *p = (const char *)ev->data;
	struct pl line;
	size_t n = 0;

	(void)arg;

	/* a segment is shown as the messages framed from it */
	if (ev->kind == TRACE_SEG)
		return;

	while (n < ev->len && p[n] != '\r' && p[n] != '\n')
		n++;
	line.p = p;
	line.l = n;

	if (ev->kind == TRACE_NOTE)
		fprintf(stderr, "%9.3f  ..  ", (double)ev->t_us / 1000.0);
	else
		re_fprintf(stderr, "%9.3f  %s %s %J  ",
			   (double)ev->t_us / 1000.0,
			   ev->dir == TRACE_OUT ? "->" : "<-",
			   sip_transp_name(ev->tp), &ev->peer);
	report_quote(stderr, line, 120);
	fputc('\n', stderr);
}
