/**
 * @file report/write.c  The table of formats and the one entry to them
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

const struct report_format *const report_formats[] = {
	&report_text,
	&report_json,
	&report_junit,
	&report_tap,
	NULL
};

int report_format_parse(const struct report_format **fmt, const char *s)
{
	for (size_t i = 0; report_formats[i]; i++) {
		if (!strcmp(s, report_formats[i]->name)) {
			*fmt = report_formats[i];
			return 0;
		}
	}

	return EINVAL;
}

int report_write(FILE *f, const struct report_format *fmt,
		 const struct run_result *r, bool verbose)
{
	int err;

	if (!f || !fmt || !r || (r->scenc && !r->scenv))
		return EINVAL;

	err = r->load ? fmt->write_load(f, r) : fmt->write(f, r, verbose);

	/* a report cut short by a full disk must not look complete */
	if (!err && (fflush(f) == EOF || ferror(f)))
		err = EIO;

	return err;
}
