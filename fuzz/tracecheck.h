/**
 * @file tracecheck.h  The invariants of a judged trace (tracecheck.c)
 *
 * Needs <re.h>, "trace/trace.h" and "judge/judge.h" first.
 */

/* trace_load() from memory; its return */
int tc_load(struct trace **tp, const void *p, size_t len);

/* Judge t with cfg (NULL: the defaults) and check every invariant of
 * tracecheck.c; aborts on the first broken one.  t stays the caller's. */
void tc_check(struct trace *t, const struct judge_cfg *cfg);
