/**
 * @file report/load.c  A load run in each format: the aggregate of its
 *                      calls, and the --csv line of each call
 *
 * Totals per verdict (every call started is one of them), per rule the
 * calls it was checked in and the calls that broke it, latency
 * percentiles and retransmissions.  JUnit: one testsuite, one testcase
 * per rule whose failure says how many calls broke it; TAP: one test
 * point per rule.  The verdict and exit code are run.c's, as for a run
 * of each scenario once.
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "judge/rules.h"
#include "judge/judge.h"
#include "result/run.h"
#include "result/load.h"
#include "report/report.h"
#include "report/formats.h"

static const unsigned pcts[] = {50, 90, 99, 100};

static uint64_t not_started(const struct load_result *l)
{
	uint64_t planned = load_planned(l);

	return planned > l->started ? planned - l->started : 0;
}

static uint64_t failing(const struct load_result *l)
{
	return l->verdicts[RUN_FAIL];
}

static uint64_t unjudged(const struct load_result *l)
{
	return l->done - l->verdicts[RUN_PASS] - l->verdicts[RUN_FAIL];
}

/* --- text ---------------------------------------------------------- */

int report_load_text(FILE *f, const struct run_result *r)
{
	const struct load_result *l = r->load;
	enum run_verdict v = run_verdict(r);
	char sig[32];

	re_fprintf(f, "sipconform load run against %s (%s %J)", r->target,
		report_transp(r->tp), &r->peer);
	if (l->merged)
		fprintf(f, ", %u reports merged", l->merged);
	if (l->shards > 1 && !l->merged)
		fprintf(f, ", shard %u of %u", l->shard + 1, l->shards);
	else if (l->shards > 1)
		fprintf(f, " (%u shards)", l->shards);
	fputc('\n', f);
	fprintf(f, "calls: %llu started, %llu accounted for, %llu not "
		"started; rate ", (unsigned long long)l->started,
		(unsigned long long)l->done,
		(unsigned long long)not_started(l));
	if (l->rate)
		fprintf(f, "%u/s", l->rate);
	else
		fputs("unlimited", f);
	fprintf(f, ", concurrency %u, elapsed ", l->concurrency);
	report_ms(f, l->elapsed_us);
	fputs(" ms\n", f);
	fprintf(f, "verdicts: PASS %llu, FAIL %llu, NOT JUDGED %llu (of "
		"them no final response: %llu",
		(unsigned long long)l->verdicts[RUN_PASS],
		(unsigned long long)l->verdicts[RUN_FAIL],
		(unsigned long long)unjudged(l),
		(unsigned long long)l->timeouts);
	if (l->not_set_up)
		fprintf(f, ", not set up, nothing sent: %llu",
			(unsigned long long)l->not_set_up);
	fputs(")\n", f);
	fprintf(f, "retransmissions: ours %llu, the target's %llu\n",
		(unsigned long long)l->tx_retrans,
		(unsigned long long)l->rx_retrans);

	fputs("latency (ms)       calls        p50        p90        p99"
	      "        max\n", f);
	for (int k = 0; k < LOAD_LAT_COUNT; k++) {
		const struct load_hist *h = &l->lat[k];

		fprintf(f, "  %-14s %7llu", load_lat_name((enum load_lat)k),
			(unsigned long long)h->n);
		for (size_t i = 0; i < ARRAY_SIZE(pcts); i++) {
			char buf[32];
			FILE *m = fmemopen(buf, sizeof(buf), "w");

			if (!m)
				break;
			report_ms(m, load_pct(h, pcts[i]));
			fclose(m);
			fprintf(f, " %10s", buf);
		}
		fputc('\n', f);
	}

	fputs("rules broken (calls that broke it / calls it was checked "
	      "in):\n", f);
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct rule *ru = rule_get((enum rule_id)i);

		if (!l->rule_failed[i])
			continue;
		fprintf(f, "  %-6s %-*s %s \xc2\xa7%-8s %llu / %llu\n",
			rule_level_str(ru->level), rule_id_width(), ru->id,
			ru->rfc,
			ru->section, (unsigned long long)l->rule_failed[i],
			(unsigned long long)l->rule_checked[i]);
	}
	if (r->signal)
		fprintf(f, "interrupted by %s\n",
			run_signal_name(r->signal, sig, sizeof(sig)));
	fprintf(f, "RESULT: %s \xe2\x80\x94 %llu of %llu calls failing, "
		"%llu not judged, %llu MUST broken, %llu SHOULD warnings\n",
		run_verdict_str(v), (unsigned long long)failing(l),
		(unsigned long long)l->done, (unsigned long long)unjudged(l),
		(unsigned long long)l->must, (unsigned long long)l->should);
	return 0;
}

/* --- json ---------------------------------------------------------- */

static void json_hist(FILE *f, const struct load_hist *h)
{
	static const char *const names[] = {"p50", "p90", "p99", "max"};

	fprintf(f, "{\"calls\": %llu", (unsigned long long)h->n);
	for (size_t i = 0; i < ARRAY_SIZE(pcts); i++) {
		fprintf(f, ", \"%s\": ", names[i]);
		if (h->n)
			report_ms(f, load_pct(h, pcts[i]));
		else
			fputs("null", f);
	}
	/* the histogram itself, so that 'sipconform merge' can add the
	 * shards' up: each bucket by the highest value it holds */
	fprintf(f, ", \"max_us\": %llu, \"buckets_us\": [",
		(unsigned long long)h->max_us);
	for (unsigned i = 0, first = 1; i < LOAD_HIST_BUCKETS; i++) {
		if (!h->bucket[i])
			continue;
		fprintf(f, "%s[%llu, %u]", first ? "" : ", ",
			(unsigned long long)load_bucket_top(i), h->bucket[i]);
		first = 0;
	}
	fputs("]}", f);
}

int report_load_json(FILE *f, const struct run_result *r)
{
	const struct load_result *l = r->load;
	bool first = true;

	report_json_head(f, r);
	fputs(",\n  \"load\": {\"calls\": ", f);
	if (l->calls)
		fprintf(f, "%llu", (unsigned long long)l->calls);
	else
		fputs("null", f);
	fprintf(f, ", \"rate\": %u, \"concurrency\": %u, \"duration_ms\": "
		"%u, \"elapsed_ms\": ", l->rate, l->concurrency,
		l->duration_ms);
	report_ms(f, l->elapsed_us);
	fprintf(f, ", \"elapsed_us\": %llu, \"shard\": ",
		(unsigned long long)l->elapsed_us);
	if (l->shards > 1 && !l->merged)
		fprintf(f, "%u", l->shard + 1);
	else
		fputs("null", f);
	fprintf(f, ", \"shards\": %u, \"merged\": %u",
		l->shards > 1 ? l->shards : 1, l->merged);
	fprintf(f, "},\n  \"totals\": {\"started\": %llu, \"done\": %llu, "
		"\"not_started\": %llu, \"pass\": %llu, \"fail\": %llu, "
		"\"not_judged\": %llu, \"no_final\": %llu, "
		"\"not_set_up\": %llu, \"must\": %llu, "
		"\"should\": %llu, \"skipped\": %llu, \"not_run\": %llu, "
		"\"interrupted\": %llu, \"messages_in\": %llu, "
		"\"messages_out\": %llu},\n",
		(unsigned long long)l->started, (unsigned long long)l->done,
		(unsigned long long)not_started(l),
		(unsigned long long)l->verdicts[RUN_PASS],
		(unsigned long long)l->verdicts[RUN_FAIL],
		(unsigned long long)unjudged(l),
		(unsigned long long)l->timeouts,
		(unsigned long long)l->not_set_up,
		(unsigned long long)l->must, (unsigned long long)l->should,
		(unsigned long long)l->verdicts[RUN_SKIPPED],
		(unsigned long long)l->verdicts[RUN_NOT_RUN],
		(unsigned long long)l->verdicts[RUN_INTERRUPTED],
		(unsigned long long)l->rx_msgs, (unsigned long long)l->tx_msgs);
	fprintf(f, "  \"retransmissions\": {\"ours\": %llu, \"target\": "
		"%llu},\n  \"latency_ms\": {",
		(unsigned long long)l->tx_retrans,
		(unsigned long long)l->rx_retrans);
	for (int k = 0; k < LOAD_LAT_COUNT; k++) {
		fprintf(f, "%s\"%s\": ", k ? ", " : "",
			load_lat_name((enum load_lat)k));
		json_hist(f, &l->lat[k]);
	}
	fputs("},\n  \"rules\": [", f);
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct rule *ru = rule_get((enum rule_id)i);

		if (!l->rule_checked[i] && !l->rule_failed[i])
			continue;
		fprintf(f, "%s\n    {\"id\": \"%s\", \"level\": \"%s\", "
			"\"checked_calls\": %llu, \"failed_calls\": %llu}",
			first ? "" : ",", ru->id, rule_level_str(ru->level),
			(unsigned long long)l->rule_checked[i],
			(unsigned long long)l->rule_failed[i]);
		first = false;
	}
	fputs(first ? "]}\n" : "\n  ]}\n", f);
	return 0;
}

/* --- junit --------------------------------------------------------- */

int report_load_junit(FILE *f, const struct run_result *r)
{
	const struct load_result *l = r->load;
	unsigned tests = RULE_COUNT + 1, failures = 0, errors = 0;
	unsigned skipped = 0;
	bool calls_err = unjudged(l) || r->signal;

	for (int i = 0; i < RULE_COUNT; i++) {
		enum rule_level lv = rule_get((enum rule_id)i)->level;

		if (!l->rule_checked[i])
			skipped++;
		else if (l->rule_failed[i] && lv == LEVEL_MUST)
			failures++;
		else if (l->rule_failed[i] && lv == LEVEL_SHOULD)
			skipped++;
	}
	errors = calls_err ? 1 : 0;

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"%s\" tests=\"%u\" failures=\"%u\" "
		"errors=\"%u\" time=\"", PACKAGE_NAME, tests, failures,
		errors);
	fprintf(f, "%llu.%06llu", (unsigned long long)(l->elapsed_us /
		1000000), (unsigned long long)(l->elapsed_us % 1000000));
	fputs("\">\n  <testsuite name=\"load\"", f);
	fprintf(f, " tests=\"%u\" failures=\"%u\" errors=\"%u\" "
		"skipped=\"%u\">\n", tests, failures, errors, skipped);

	for (int i = 0; i < RULE_COUNT; i++) {
		const struct rule *ru = rule_get((enum rule_id)i);

		fprintf(f, "    <testcase classname=\"sipconform.load\" "
			"name=\"%s\"", ru->id);
		if (!l->rule_checked[i]) {
			fputs("><skipped type=\"not-applicable\" message=\"not "
			      "applicable in any call\"/></testcase>\n", f);
			continue;
		}
		if (!l->rule_failed[i] || (ru->level != LEVEL_MUST &&
					   ru->level != LEVEL_SHOULD)) {
			fputs("/>\n", f);
			continue;
		}
		fprintf(f, ">\n      <%s type=\"%s\" message=\"%s%llu of "
			"%llu calls broke it: ",
			ru->level == LEVEL_MUST ? "failure" : "skipped",
			rule_level_str(ru->level),
			ru->level == LEVEL_MUST ? "" : "SHOULD broken: ",
			(unsigned long long)l->rule_failed[i],
			(unsigned long long)l->rule_checked[i]);
		report_xml_str(f, ru->summary, strlen(ru->summary));
		fprintf(f, "\"/>\n    </testcase>\n");
	}
	fputs("    <testcase classname=\"sipconform.load\" name=\"calls\"",
	      f);
	if (calls_err) {
		char sig[32];

		fprintf(f, ">\n      <error type=\"%s\" message=\"%llu of "
			"%llu calls not judged%s%s\"/>\n    </testcase>\n",
			r->signal ? "interrupted" : "not-judged",
			(unsigned long long)unjudged(l),
			(unsigned long long)l->done,
			r->signal ? "; interrupted by " : "",
			r->signal ? run_signal_name(r->signal, sig,
						    sizeof(sig)) : "");
	}
	else {
		fputs("/>\n", f);
	}
	fputs("  </testsuite>\n</testsuites>\n", f);
	return 0;
}

/* --- tap ----------------------------------------------------------- */

int report_load_tap(FILE *f, const struct run_result *r)
{
	const struct load_result *l = r->load;
	unsigned n = 0;

	fprintf(f, "TAP version 13\n1..%u\n", RULE_COUNT + 1);
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct rule *ru = rule_get((enum rule_id)i);
		bool fail = l->rule_failed[i] && ru->level == LEVEL_MUST;

		fprintf(f, "%sok %u - load: %s (%s) %llu of %llu calls broke "
			"it", fail ? "not " : "", ++n, ru->id,
			rule_level_str(ru->level),
			(unsigned long long)l->rule_failed[i],
			(unsigned long long)l->rule_checked[i]);
		if (!l->rule_checked[i])
			fputs(" # SKIP not applicable", f);
		else if (l->rule_failed[i] && !fail)
			fputs(" # warning", f);
		fputc('\n', f);
	}
	fprintf(f, "%sok %u - load: calls judged, %llu of %llu not\n",
		unjudged(l) ? "not " : "", ++n,
		(unsigned long long)unjudged(l), (unsigned long long)l->done);
	if (r->signal)
		fputs("Bail out! interrupted\n", f);
	return 0;
}

/* --- csv ----------------------------------------------------------- */

void report_csv_head(FILE *f)
{
	fputs("call,scenario,verdict,final,to_100_ms,to_18x_ms,to_final_ms,"
	      "call_ms,must,should,retrans_ours,retrans_target,rules\n", f);
}

static void csv_ms(FILE *f, int64_t us)
{
	fputc(',', f);
	if (us >= 0)
		report_ms(f, (uint64_t)us);
}

void report_csv_call(FILE *f, uint64_t idx, const struct scen_result *s)
{
	const struct judge_timings *tm = &s->timings;
	const char *sep = "";

	fprintf(f, "%llu,%s,%s,%u", (unsigned long long)idx + 1, s->name,
		report_verdict_id(scen_verdict(s)), tm->final_scode);
	csv_ms(f, tm->to_100_us);
	csv_ms(f, tm->to_18x_us);
	csv_ms(f, tm->to_final_us);
	csv_ms(f, (int64_t)s->duration_us);
	fprintf(f, ",%u,%u,%zu,%zu,", s->verdict.must, s->verdict.should,
		tm->tx_retrans, tm->rx_retrans);
	/* rule ids hold no comma nor quote: space-separated in one field */
	for (int i = 0; i < RULE_COUNT; i++) {
		if (!s->verdict.broken[i])
			continue;
		fprintf(f, "%s%s", sep, rule_get((enum rule_id)i)->id);
		sep = " ";
	}
	fputc('\n', f);
}
