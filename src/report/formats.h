/**
 * @file report/formats.h  Inside the report module: what the writers of
 *                         the formats share (report/common.c)
 */
#ifndef SIPCONFORM_REPORT_FORMATS_H
#define SIPCONFORM_REPORT_FORMATS_H

#include <stdio.h>
#include <re.h>
#include "report/report.h"
#include "result/run.h"
#include "trace/trace.h"



/** How the rules of one scenario came out */
struct rule_tally {
	unsigned checked;      /**< applied: had something to judge       */
	unsigned skipped;      /**< not applied                           */
	unsigned broken;       /**< at least one finding                  */
	unsigned must_broken;  /**< of those, MUST rules                  */
};

void report_tally(const struct verdict *v, struct rule_tally *t);

/* "pass", "fail", "not-judged", "skipped", "not-run", "interrupted": the
 * verdict as machine formats spell it */
const char *report_verdict_id(enum run_verdict v);
/* "UDP", "TCP", "TLS", or NULL when there is none (notes) */
const char *report_transp(enum sip_transp tp);
/* A time in milliseconds, "1040" or "40.5", no floating point */
void report_ms(FILE *f, uint64_t us);
/* UTC: "2024-05-01T12:00:00" (iso) or "2024-05-01 12:00:00 UTC"; false
 * and "-" for 0, an unknown date */
bool report_date(char *buf, size_t sz, uint64_t unix_s, bool iso);
/* The first line of an event, without its line end */
struct pl report_first_line(const struct trace_ev *ev);

/* report/json.c: the opening of every JSON report, up to "interrupted"'s
 * value */
void report_json_head(FILE *f, const struct run_result *r);

/* report/load.c: a load run in each format */
int report_load_text(FILE *f, const struct run_result *r);
int report_load_json(FILE *f, const struct run_result *r);
int report_load_junit(FILE *f, const struct run_result *r);
int report_load_tap(FILE *f, const struct run_result *r);

#endif
