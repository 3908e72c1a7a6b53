/**
 * @file report/common.c  What the format writers share: tallies, verdict
 *                       ids, times, dates, quoted first lines
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"
#include "trace/trace.h"
#include "judge/judge.h"
#include "result/run.h"
#include "report/report.h"
#include "report/formats.h"

void report_tally(const struct verdict *v, struct rule_tally *t)
{
	memset(t, 0, sizeof(*t));

	for (int i = 0; i < RULE_COUNT; i++) {
		if (!v->applied[i]) {
			t->skipped++;
			continue;
		}
		t->checked++;
		if (!v->broken[i])
			continue;
		t->broken++;
		if (rule_get((enum rule_id)i)->level == LEVEL_MUST)
			t->must_broken++;
	}
}

const char *report_verdict_id(enum run_verdict v)
{
	switch (v) {

	case RUN_PASS:        return "pass";
	case RUN_FAIL:        return "fail";
	case RUN_SKIPPED:     return "skipped";
	case RUN_NOT_RUN:     return "not-run";
	case RUN_INTERRUPTED: return "interrupted";
	default:              return "not-judged";
	}
}

const char *report_transp(enum sip_transp tp)
{
	return tp == SIP_TRANSP_NONE ? NULL : sip_transp_name(tp);
}

void report_ms(FILE *f, uint64_t us)
{
	unsigned frac = (unsigned)(us % 1000);
	int digits = 3;

	fprintf(f, "%llu", (unsigned long long)(us / 1000));
	if (!frac)
		return;

	while (frac % 10 == 0) {
		frac /= 10;
		digits--;
	}
	fprintf(f, ".%0*u", digits, frac);
}

bool report_date(char *buf, size_t sz, uint64_t unix_s, bool iso)
{
	time_t t = (time_t)unix_s;
	struct tm tm;

	/* 0 is "unknown" (an old trace from stdin), never 1970 */
	if (!unix_s || !gmtime_r(&t, &tm)) {
		snprintf(buf, sz, "-");
		return false;
	}
	strftime(buf, sz, iso ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d %H:%M:%S UTC",
		 &tm);
	return true;
}

struct pl report_first_line(const struct trace_ev *ev)
{
	struct pl pl = {(const char *)ev->data, 0};

	while (pl.l < ev->len && ev->data[pl.l] != '\r' &&
	       ev->data[pl.l] != '\n')
		pl.l++;

	return pl;
}
