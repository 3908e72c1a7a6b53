/**
 * @file report/text.c  Findings for people
 */
#include <config.h>
#include <stdio.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"
#include "report/report.h"

#define QUOTE_MAX 160

void report_text_findings(FILE *f, const struct verdict *v,
			  const char *indent, bool trace)
{
	struct le *le;

	LIST_FOREACH(&v->findings, le) {
		const struct finding *fd = le->data;
		const struct rule *r = rule_get(fd->rule);

		fprintf(f, "%s%-6s %-*s %s \xc2\xa7%s", indent,
			rule_level_str(r->level), rule_id_width(), r->id,
			r->rfc, r->section);
		if (trace)
			fprintf(f, "  msg #%zu at %.3f s,", fd->msg,
				(double)fd->t_us / 1e6);
		fprintf(f, "  offset %zu\n", fd->off);
		fprintf(f, "%s       %s\n", indent,
			fd->detail ? fd->detail : r->summary);
		fprintf(f, "%s       | ", indent);
		report_quote(f, fd->quote, QUOTE_MAX);
		fputc('\n', f);
	}
}
