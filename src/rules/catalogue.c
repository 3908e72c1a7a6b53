/**
 * @file rules/catalogue.c  Every rule the judge knows, in one table
 *
 * An id is a contract with the CI jobs that grep for it: never rename one,
 * add new ones instead.
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "statusline.h"
#include "message.h"
#include "rules.h"

#define MUST   LEVEL_MUST
#define SHOULD LEVEL_SHOULD
#define R3261  "RFC 3261"

static const struct rule catalogue[RULE_COUNT] = {
	[R_SL_LEADING_WS] = {"statusline.leading-ws", MUST, R3261, "7.2",
		"Status-Line starts with SIP-Version, no white space before"},
	[R_SL_VERSION] = {"statusline.version", MUST, R3261, "7.1",
		"SIP-Version is SIP/2.0"},
	[R_SL_VERSION_CASE] = {"statusline.version-case", MUST, R3261, "7.1",
		"SIP-Version is sent upper-case"},
	[R_SL_SP] = {"statusline.sp", MUST, R3261, "7.2",
		"exactly one SP after SIP-Version and after Status-Code"},
	[R_SL_CODE_DIGITS] = {"statusline.code-digits", MUST, R3261, "7.2",
		"Status-Code is exactly three digits"},
	[R_SL_CODE_RANGE] = {"statusline.code-range", MUST, R3261, "7.2",
		"Status-Code is in 100-699 (RFC 4475 3.1.2.19)"},
	[R_SL_REASON_CHAR] = {"statusline.reason-char", MUST, R3261, "25.1",
		"Reason-Phrase holds no CTL, NUL, DQUOTE or other "
		"disallowed byte"},
	[R_SL_REASON_UTF8] = {"statusline.reason-utf8", MUST, R3261, "25.1",
		"Reason-Phrase is well-formed UTF-8"},
	[R_SL_REASON_ESCAPE] = {"statusline.reason-escape", MUST, R3261,
		"25.1", "'%' in Reason-Phrase starts a %HEXHEX escape"},
	[R_SL_LINE_END] = {"statusline.line-end", MUST, R3261, "7.2",
		"Status-Line ends in CRLF, no bare CR or LF"},
	[R_SL_TOO_LONG] = {"statusline.too-long", MUST, R3261, "7.2",
		"Status-Line ends within the line limit"},

	[R_FR_LINE_END] = {"framing.line-end", MUST, R3261, "7",
		"every header line ends in CRLF"},
	[R_FR_END_OF_HEADERS] = {"framing.end-of-headers", MUST, R3261, "7",
		"an empty line (CRLF) ends the header fields"},
	[R_FR_HEADER_SYNTAX] = {"framing.header-syntax", MUST, R3261, "7.3.1",
		"a header line is field-name \":\" field-value"},
	[R_FR_HEADER_DUPLICATE] = {"framing.header-duplicate", MUST, R3261,
		"7.3.1", "single-valued header fields appear once"},
	[R_FR_CLEN_MISMATCH] = {"framing.content-length", MUST, R3261,
		"20.14", "Content-Length equals the length of the body"},
	[R_FR_CLEN_STREAM] = {"framing.content-length-stream", MUST, R3261,
		"18.3", "Content-Length is present on stream transports"},
	[R_FR_CLEN_MISSING] = {"framing.content-length-missing", SHOULD, R3261,
		"20.14", "Content-Length is present"},
	[R_FR_CONTENT_TYPE] = {"framing.content-type", MUST, R3261, "20.15",
		"Content-Type is present when the body is not empty"},
	[R_HDR_MANDATORY] = {"headers.mandatory", MUST, R3261, "8.1.1, 20",
		"Via, From, To, Call-ID and CSeq are present"},
};

const struct rule *rule_get(enum rule_id id)
{
	return (unsigned)id < RULE_COUNT ? &catalogue[id] : NULL;
}

int rule_lookup(const char *id)
{
	for (int i = 0; i < RULE_COUNT; i++)
		if (!strcmp(catalogue[i].id, id))
			return i;
	return -1;
}

const char *rule_level_str(enum rule_level l)
{
	return l == LEVEL_MUST ? "MUST" : "SHOULD";
}
