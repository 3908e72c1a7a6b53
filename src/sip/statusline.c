/**
 * @file statusline.c  Strict, zero-copy SIP Status-Line parser
 *
 * One pass, left to right, no allocation.  Every read is guarded by
 * NEED(), which turns "ran out of input" into ENODATA (more may come) or
 * SL_TOO_LONG (the line limit is reached), so the parser can be handed the
 * first bytes of a datagram or a TCP stream without copying them.
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/utf8.h"

/* Reason-Phrase byte classes (RFC 3261 section 25.1):
 *   Reason-Phrase = *(reserved / unreserved / escaped
 *                     / UTF8-NONASCII / UTF8-CONT / SP / HTAB)           */
enum { R_BAD = 0, R_OK, R_PCT, R_CR, R_LF, R_UTF8 };

static const uint8_t reason_tab[256] = {
	['\t'] = R_OK, [' '] = R_OK, ['\r'] = R_CR, ['\n'] = R_LF,
	['%'] = R_PCT,
	/* reserved */
	[';'] = R_OK, ['/'] = R_OK, ['?'] = R_OK, [':'] = R_OK, ['@'] = R_OK,
	['&'] = R_OK, ['='] = R_OK, ['+'] = R_OK, ['$'] = R_OK, [','] = R_OK,
	/* mark */
	['-'] = R_OK, ['_'] = R_OK, ['.'] = R_OK, ['!'] = R_OK, ['~'] = R_OK,
	['*'] = R_OK, ['\''] = R_OK, ['('] = R_OK, [')'] = R_OK,
	/* alphanum */
	['0' ... '9'] = R_OK, ['A' ... 'Z'] = R_OK, ['a' ... 'z'] = R_OK,
	[0x80 ... 0xff] = R_UTF8,
};

static const char sip_version[] = "SIP/2.0";

static inline bool is_digit(uint8_t c)
{
	return c >= '0' && c <= '9';
}

static inline bool is_hex(uint8_t c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int defect(struct statusline *sl, enum sl_defect d, size_t off)
{
	sl->defect = d;
	sl->off    = off;
	return EBADMSG;
}

/* Out of bytes at offset i: a longer input could still finish the line
 * unless the line limit stops it first. */
static int need_more(struct statusline *sl, size_t i, size_t maxlen)
{
	if (i >= maxlen)
		return defect(sl, SL_TOO_LONG, maxlen);

	sl->off = i;
	return ENODATA;
}

#define NEED(i) do { if ((i) >= lim) return need_more(sl, (i), maxlen); } \
	while (0)

int statusline_parse(struct statusline *sl, const char *buf, size_t len,
		     size_t maxlen)
{
	const uint8_t *p = (const uint8_t *)buf;
	bool lower = false;
	size_t i, lim;
	unsigned code;

	if (!sl || (!buf && len))
		return EINVAL;

	memset(sl, 0, sizeof(*sl));

	if (!maxlen)
		maxlen = SL_MAXLEN_DEFAULT;
	lim = len < maxlen ? len : maxlen;

	/* Fast path: "SIP/2.0 " in one 8-byte compare; the byte loop
	 * below stays for lower case, defects and short input */
	if (lim >= 12) {
		uint64_t w, want;
		memcpy(&w, p, 8);
		memcpy(&want, "SIP/2.0 ", 8);
		if (w == want)
			goto code;
	}

	/* SIP-Version */
	NEED(0);
	if (p[0] == ' ' || p[0] == '\t' || p[0] == '\r' || p[0] == '\n')
		return defect(sl, SL_LEADING_WS, 0);

	for (i = 0; i < sizeof(sip_version) - 1; i++) {
		uint8_t c;

		NEED(i);
		c = p[i];
		if (c == (uint8_t)sip_version[i])
			continue;
		if (c >= 'a' && c <= 'z' && c - 32 == sip_version[i]) {
			lower = true;
			continue;
		}
		return defect(sl, SL_VERSION, i);
	}

	/* SP */
	NEED(7);
	if (p[7] != ' ') {
		/* "SIP/2.01" is another version, "SIP/2.0\t" a separator */
		if (is_digit(p[7]) || p[7] == '.' || p[7] == '/' ||
		    ((p[7] | 0x20) >= 'a' && (p[7] | 0x20) <= 'z'))
			return defect(sl, SL_VERSION, 7);
		return defect(sl, SL_SP_MISSING, 7);
	}

	/* Status-Code: exactly three digits */
 code:
	NEED(8);
	if (p[8] == ' ')
		return defect(sl, SL_SP_DOUBLE, 8);

	/* The first digit decides the range: "SIP/2.0 7" can never become
	 * valid, so it must not be answered with "need more bytes" */
	if (is_digit(p[8]) && (p[8] < '1' || p[8] > '6'))
		return defect(sl, SL_CODE_RANGE, 8);

	code = 0;
	for (i = 8; i < 11; i++) {
		NEED(i);
		if (!is_digit(p[i]))
			return defect(sl, SL_CODE_DIGITS, i);
		code = code * 10 + (p[i] - '0');
	}

	NEED(11);
	if (is_digit(p[11]))
		return defect(sl, SL_CODE_DIGITS, 11);
	/* A defect later in the line does not make the code unreadable: the
	 * judge still needs to know a broken "200" was a 200 */
	sl->scode = (uint16_t)code;
	if (p[11] != ' ')
		return defect(sl, SL_SP_MISSING, 11);

	/* Reason-Phrase CRLF */
	for (i = 12;;) {
		size_t bad = 0;
		int n;

		/* ordinary bytes skip the switch, which compiles to an
		 * indirect jump per byte */
		while (i < lim && reason_tab[p[i]] == R_OK)
			i++;
		NEED(i);
		switch (reason_tab[p[i]]) {

		case R_PCT:
			NEED(i + 1);
			if (!is_hex(p[i + 1]))
				return defect(sl, SL_REASON_ESCAPE, i);
			NEED(i + 2);
			if (!is_hex(p[i + 2]))
				return defect(sl, SL_REASON_ESCAPE, i);
			i += 3;
			break;

		case R_UTF8:
			n = utf8_seq(p + i, lim - i, &bad);
			if (n < 0)
				return need_more(sl, lim, maxlen);
			if (n == 0)
				return defect(sl, SL_REASON_UTF8, i + bad);
			i += n;
			break;

		case R_CR:
			NEED(i + 1);
			if (p[i + 1] != '\n')
				return defect(sl, SL_BARE_CR, i);
			goto done;

		case R_LF:
			return defect(sl, SL_BARE_LF, i);

		default:
			return defect(sl, SL_REASON_CHAR, i);
		}
	}

 done:
	sl->ver.p    = buf;
	sl->ver.l    = 7;
	sl->code.p   = buf + 8;
	sl->code.l   = 3;
	sl->reason.p = buf + 12;
	sl->reason.l = i - 12;
	sl->scode    = (uint16_t)code;
	sl->len      = i + 2;

	if (lower) {
		sl->defect = SL_VERSION_CASE;
		sl->off    = 0;
	}

	return 0;
}

static const struct {
	const char *name;
	const char *text;
} defects[SL_DEFECT_COUNT] = {
	[SL_OK]            = {"ok", "no defect"},
	[SL_LEADING_WS]    = {"leading-ws",
			      "white space before SIP-Version"},
	[SL_VERSION]       = {"version", "SIP-Version is not SIP/2.0"},
	[SL_VERSION_CASE]  = {"version-case",
			      "SIP-Version not sent upper-case"},
	[SL_SP_MISSING]    = {"sp-missing", "SP missing"},
	[SL_SP_DOUBLE]     = {"sp-double",
			      "more than one SP before Status-Code"},
	[SL_CODE_DIGITS]   = {"code-digits",
			      "Status-Code is not exactly three digits"},
	[SL_CODE_RANGE]    = {"code-range", "Status-Code outside 100-699"},
	[SL_REASON_CHAR]   = {"reason-char",
			      "byte not allowed in Reason-Phrase"},
	[SL_REASON_UTF8]   = {"reason-utf8",
			      "ill-formed UTF-8 in Reason-Phrase"},
	[SL_REASON_ESCAPE] = {"reason-escape",
			      "'%' not followed by two hex digits"},
	[SL_BARE_CR]       = {"bare-cr", "CR not followed by LF"},
	[SL_BARE_LF]       = {"bare-lf", "LF without CR"},
	[SL_TOO_LONG]      = {"too-long", "no CRLF within the line limit"},
};

const char *statusline_defect_name(enum sl_defect d)
{
	return (unsigned)d < SL_DEFECT_COUNT ? defects[d].name : "?";
}

const char *statusline_defect_str(enum sl_defect d)
{
	return (unsigned)d < SL_DEFECT_COUNT ? defects[d].text : "?";
}
