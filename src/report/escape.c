/**
 * @file report/escape.c  Putting hostile bytes in front of people and parsers
 *
 * A quote comes from the target: it may hold NUL, escape sequences, bytes
 * that are not UTF-8.  None of them may reach a terminal, a JSON document
 * or an XML file raw.
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"
#include "sip/utf8.h"
#include "report/report.h"

/* Length of a well-formed UTF-8 sequence at p (at most l bytes) that is
 * safe to pass on as it is, else 0 */
static size_t utf8_len(const uint8_t *p, size_t l)
{
	int n = utf8_seq(p, l, NULL);

	if (n <= 0)
		return 0;

	/* Well-formed, but not for us to pass on: C1 controls (U+0080 to
	 * U+009F) are escape sequences to some terminals, and U+FFFE and
	 * U+FFFF are not XML characters. */
	if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)
		return 0;
	if (n == 3 && p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xbe)
		return 0;

	return (size_t)n;
}

enum esc { ESC_TEXT, ESC_JSON, ESC_XML };

static void escape(FILE *f, const char *s, size_t l, size_t max, enum esc e)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;

	while (i < l) {
		uint8_t c = p[i];
		size_t n;

		if (max && i >= max) {
			fputs("...", f);
			return;
		}

		if (c >= 0x80) {
			n = utf8_len(p + i, l - i);
			if (n) {
				fwrite(p + i, 1, n, f);
				i += n;
				continue;
			}
			/* not UTF-8: never pass it on raw */
			if (e == ESC_JSON)
				fprintf(f, "\\\\x%02x", c);
			else
				fprintf(f, "\\x%02x", c);
			i++;
			continue;
		}

		switch (c) {

		case '\r': fputs(e == ESC_JSON ? "\\\\r" : "\\r", f); break;
		case '\n': fputs(e == ESC_JSON ? "\\\\n" : "\\n", f); break;
		case '\t': fputs(e == ESC_JSON ? "\\t" : "\t", f); break;
		case '"':
			fputs(e == ESC_JSON ? "\\\"" :
			      e == ESC_XML ? "&quot;" : "\"", f);
			break;
		case '\\':
			fputs(e == ESC_JSON ? "\\\\" : "\\", f);
			break;
		case '&': fputs(e == ESC_XML ? "&amp;" : "&", f); break;
		case '<': fputs(e == ESC_XML ? "&lt;" : "<", f); break;
		case '>': fputs(e == ESC_XML ? "&gt;" : ">", f); break;
		default:
			if (c < 0x20 || c == 0x7f) {
				if (e == ESC_JSON)
					fprintf(f, "\\\\x%02x", c);
				else
					fprintf(f, "\\x%02x", c);
			}
			else {
				fputc(c, f);
			}
			break;
		}
		i++;
	}
}

void report_quote(FILE *f, struct pl q, size_t max)
{
	escape(f, q.p, q.l, max, ESC_TEXT);
}

void report_json_str(FILE *f, const char *p, size_t l)
{
	escape(f, p, l, 0, ESC_JSON);
}

void report_xml_str(FILE *f, const char *p, size_t l)
{
	escape(f, p, l, 0, ESC_XML);
}

void report_json_quoted(FILE *f, struct pl pl, size_t max)
{
	bool cut = max && pl.l > max;

	fputc('"', f);
	report_json_str(f, pl.p, cut ? max : pl.l);
	if (cut)
		fputs("...", f);
	fputc('"', f);
}
