/**
 * @file fuzz_trace.c  libFuzzer target: a trace file, judged and reported
 *
 * The input is a trace file as `sipconform judge` reads it: trace_load()
 * from memory (fmemopen), judge_trace() with the default timers, and the
 * run written in every format of report_formats[], plain and verbose (to
 * open_memstream), as `sipconform judge --format F [--verbose]` does.
 * Checked, aborting on the first broken promise: trace_load() returns 0,
 * EBADMSG or ENOMEM and, on 0, the trace keeps every promise of
 * tracecheck.c (shared with fuzz_trace_struct):
 *
 *   - events numbered 0.. in order;
 *   - judge_trace() returns 0; every finding names a message of the trace,
 *     lies inside that message (off <= len) and quotes a slice of it;
 *   - deterministic: a second judgement gives the same findings (rule,
 *     message, offset, quote, detail), and every report of it is the same
 *     bytes;
 *   - round trip: the trace saved (trace_save) and loaded again gives the
 *     same events and, judged, the same findings per rule and the same
 *     MUST / SHOULD / NOTE / not-judged counts;
 *   - every format writes without error; json is one well-formed JSON
 *     value and junit well-formed XML (wellformed.c, strict checkers).
 */
#include <config.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <re.h>
#include "judge/judge.h"
#include "trace/trace.h"
#include "tracecheck.h"
#include "fuzz.h"

static void fail(const char *what, int line)
{
	fprintf(stderr, "fuzz_trace.c:%d: invariant violated: %s\n", line,
		what);
	abort();
}

#define CHECK(cond) do { if (!(cond)) fail(#cond, __LINE__); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct trace *t = NULL;
	int err;

	/* fmemopen() wants a buffer */
	if (!size)
		return 0;

	err = tc_load(&t, data, size);
	CHECK(err == 0 || err == EBADMSG || err == ENOMEM);
	if (err)
		return 0;

	tc_check(t, NULL);
	mem_deref(t);
	return 0;
}
