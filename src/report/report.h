/**
 * @file report/report.h  Output of verdicts: read findings, never judge
 */
#ifndef SIPCONFORM_REPORT_REPORT_H
#define SIPCONFORM_REPORT_REPORT_H

#include <stdio.h>
#include <re.h>
#include "judge/rules.h"
#include "result/run.h"


struct run_result;

enum report_format {
	FMT_TEXT = 0,
	FMT_JSON,
	FMT_JUNIT,
	FMT_TAP,
};

int report_format_parse(enum report_format *fmt, const char *s);

/* Quote bytes for people: printable ASCII and UTF-8 as they are, the rest
 * as \r \n \t \xNN, cut after max bytes with "..." */
void report_quote(FILE *f, struct pl q, size_t max);
/* Same, escaped for a JSON string (without the quotes) */
void report_json_str(FILE *f, const char *p, size_t l);
/* Same, escaped for XML character data and attributes */
void report_xml_str(FILE *f, const char *p, size_t l);

void report_text_findings(FILE *f, const struct verdict *v,
			  const char *indent, bool trace);

/* A whole run, in one of the four formats (run.h first).  verbose adds the
 * ladder of the exchange to text, the trace to json. */
int report_write(FILE *f, enum report_format fmt,
		 const struct run_result *r, bool verbose);

#endif
