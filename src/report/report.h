/**
 * @file report/report.h  Output of verdicts: read findings, never judge
 */
#ifndef SIPCONFORM_REPORT_REPORT_H
#define SIPCONFORM_REPORT_REPORT_H

#include <stdio.h>
#include <re.h>
#include "judge/rules.h"
#include "result/run.h"

/** A report format: one file defines it, one row of report_formats[]
 *  (report/write.c) lists it */
struct report_format {
	const char *name;          /**< what --format takes                */
	/** The whole run; verbose adds the exchange where the format can */
	int (*write)(FILE *f, const struct run_result *r, bool verbose);
	/** A load run (r->load): the aggregate of its calls (report/load.c) */
	int (*write_load)(FILE *f, const struct run_result *r);
};

/* --csv of a load run: the header line, then one line per call */
void report_csv_head(FILE *f);
void report_csv_call(FILE *f, uint64_t idx, const struct scen_result *s);

/* report/loadread.c: a load run's JSON report (report_json) read back
 * into r (target, peer, transport, T1, date, signal; r->target
 * allocated) and l, for `sipconform merge`.  EBADMSG with the reason in
 * why for anything that is not such a report of this version. */
struct load_result;
int report_load_read(struct run_result *r, struct load_result *l,
		     const char *buf, size_t len, char *why, size_t whysz);

extern const struct report_format report_text;   /* report/run_text.c */
extern const struct report_format report_json;   /* report/json.c     */
extern const struct report_format report_junit;  /* report/junit.c    */
extern const struct report_format report_tap;    /* report/tap.c      */

/* Every format, NULL-terminated, in the order --help lists them */
extern const struct report_format *const report_formats[];

/* The format called s: 0, or EINVAL for none */
int report_format_parse(const struct report_format **fmt, const char *s);

/* Quote bytes for people: printable ASCII and UTF-8 as they are, the rest
 * as \r \n \t \xNN, cut after max bytes with "..." */
void report_quote(FILE *f, struct pl q, size_t max);
/* Same, escaped for a JSON string (without the quotes) */
void report_json_str(FILE *f, const char *p, size_t l);
/* The same between double quotes, cut after max bytes (0: never) with
 * "..." inside the quotes: a JSON string, and a YAML double-quoted scalar */
void report_json_quoted(FILE *f, struct pl pl, size_t max);
/* Same, escaped for XML character data and attributes */
void report_xml_str(FILE *f, const char *p, size_t l);

void report_text_findings(FILE *f, const struct verdict *v,
			  const char *indent, bool trace);

/* A whole run, in format fmt.  verbose adds the ladder of the exchange to
 * text, the trace to json.  A write error (a full disk) is EIO: a report
 * cut short must not look complete. */
int report_write(FILE *f, const struct report_format *fmt,
		 const struct run_result *r, bool verbose);

#endif
