/**
 * @file hgrammar.h  The core rules of RFC 3261 section 25.1, as a scanner
 *
 * Character classes, LWS and folding, token, quoted-string, comment,
 * %-escapes and numbers, over a cursor (struct hscan) that never reads
 * past its length.  Everything above (hosts, URIs, header values) is
 * written with these.
 *
 * Each scanning function returns 0 and advances the cursor past what it
 * read, or fails without a promise about the cursor:
 *
 *   EBADMSG   a defect: s->defect at byte s->off
 *   ENODATA   the input ended where the rule needs more; s->defect and
 *             s->off say what would be wrong if nothing more comes (a
 *             prefix of a header value may still become valid: the
 *             caller that knows the value is complete turns this into
 *             EBADMSG, see hvalue_check())
 */
#ifndef SIPCONFORM_SIP_HGRAMMAR_H
#define SIPCONFORM_SIP_HGRAMMAR_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <re.h>
#include "sip/hdefect.h"

/* Character classes (section 25.1); escaped ("%" HEX HEX) is never part
 * of a class, the scanners handle it where the rule allows it */
enum {
	HG_ALPHA  = 1u << 0,
	HG_DIGIT  = 1u << 1,
	HG_HEX    = 1u << 2,
	HG_TOKEN  = 1u << 3,   /* alphanum / -.!%*_+`'~                      */
	HG_UNRES  = 1u << 4,   /* unreserved: alphanum / mark                */
	HG_USER   = 1u << 5,   /* unreserved / user-unreserved (&=+$,;?/)   */
	HG_PASS   = 1u << 6,   /* unreserved / &=+$,                         */
	HG_PARAM  = 1u << 7,   /* unreserved / param-unreserved ([]/:&+$)    */
	HG_HNV    = 1u << 8,   /* unreserved / hnv-unreserved ([]/?:+$)      */
	HG_WORD   = 1u << 9,   /* Call-ID word                               */
	HG_URIC   = 1u << 10,  /* RFC 2396 uric: reserved / unreserved       */
	HG_SCHEME = 1u << 11,  /* alphanum / +-.                             */
	HG_HOST   = 1u << 12,  /* alphanum / -.                              */
	HG_NODOT  = 1u << 13,  /* token-nodot (RFC 6665)                     */
	HG_WSP    = 1u << 14,  /* SP / HTAB                                  */
	HG_CTL    = 1u << 15,  /* %x00-1F / %x7F                             */
};

extern const uint16_t hg_class[256];

static inline bool hg_is(uint8_t c, unsigned cls)
{
	return (hg_class[c] & cls) != 0;
}

/** A cursor over one header value (or any byte string) */
struct hscan {
	const uint8_t *p;
	size_t len;
	size_t i;
	enum hv_defect defect;
	size_t off;
};

static inline void hs_init(struct hscan *s, const char *buf, size_t len)
{
	s->p      = (const uint8_t *)buf;
	s->len    = len;
	s->i      = 0;
	s->defect = HV_OK;
	s->off    = 0;
}

static inline bool hs_end(const struct hscan *s)
{
	return s->i >= s->len;
}

/* The byte at the cursor, or -1 at the end */
static inline int hs_at(const struct hscan *s)
{
	return s->i < s->len ? s->p[s->i] : -1;
}

static inline bool hs_is(const struct hscan *s, unsigned cls)
{
	return s->i < s->len && hg_is(s->p[s->i], cls);
}

static inline int hs_fail(struct hscan *s, enum hv_defect d, size_t off)
{
	s->defect = d;
	s->off    = off;
	return EBADMSG;
}

static inline int hs_more(struct hscan *s, enum hv_defect d, size_t off)
{
	s->defect = d;
	s->off    = off;
	return ENODATA;
}

/* Advance over bytes of a class; returns how many.  Locals, not s->i:
 * a store through s could alias the bytes for the compiler.  Four bytes
 * a round while four remain: a class bit all four share is one test and
 * one branch instead of four (a run the AND misses, bytes that are in
 * cls by different bits of it, goes on byte by byte). */
static inline size_t hs_span(struct hscan *s, unsigned cls)
{
	const uint8_t *p = s->p;
	size_t i = s->i, len = s->len, i0 = i;

	while (i + 4 <= len && (hg_class[p[i]] & hg_class[p[i + 1]] &
				hg_class[p[i + 2]] & hg_class[p[i + 3]] & cls))
		i += 4;
	while (i < len && hg_is(p[i], cls))
		i++;
	s->i = i;
	return i - i0;
}

/* a[0..n) equals b[0..n) with c | 0x20 folding every byte: the case of
 * letters, and in a token it maps no other byte onto a letter.  Eight or
 * four bytes a compare (the OR folds each byte alone), the last chunk
 * overlapping the one before; never a byte past n. */
static inline bool hg_fold_eq(const char *a, const char *b, size_t n)
{
	const uint64_t fold = 0x2020202020202020u;
	uint64_t x, y;
	uint32_t u, v;

	if (n >= 8) {
		for (size_t k = 0; k + 8 < n; k += 8) {
			memcpy(&x, a + k, 8);
			memcpy(&y, b + k, 8);
			if ((x | fold) != (y | fold))
				return false;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return (x | fold) == (y | fold);
	}
	if (n >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if ((u | (uint32_t)fold) != (v | (uint32_t)fold))
			return false;
		memcpy(&u, a + n - 4, 4);
		memcpy(&v, b + n - 4, 4);
		return (u | (uint32_t)fold) == (v | (uint32_t)fold);
	}
	for (size_t k = 0; k < n; k++)
		if (((uint8_t)a[k] | 0x20) != ((uint8_t)b[k] | 0x20))
			return false;
	return true;
}

/* The token pl equals word (n letters) in any case; cheaper than
 * pl_strcasecmp() where a known name is looked for in every token */
static inline bool hg_caseeq(const struct pl *pl, const char *word, size_t n)
{
	return pl->l == n && hg_fold_eq(pl->p, word, n);
}

#define HG_CASEEQ(pl, word) hg_caseeq((pl), word, sizeof(word) - 1)

/* memset(p, 0, n), out of line.  gcc (12, -O2, generic tuning) expands a
 * memset of a known size above 64 bytes into "rep stosq", whose start-up
 * costs 10-17 ns on the x86-64 machines here against 3-7 ns for libc's
 * vector memset of 256-808 bytes; across the call the size is unknown,
 * so libc's runs.  For struct hvalue (808 bytes, cleared per header
 * field: a sixth of bench_hvalue's value parse) and its elements; the
 * smaller clears (struct message's head, struct sipuri) measured no
 * better this way. */
void hg_zero(void *p, size_t n);

static inline struct pl hs_pl(const struct hscan *s, size_t from, size_t to)
{
	struct pl pl = {(const char *)s->p + from, to - from};

	return pl;
}

/* The byte at the cursor is not what the rule wants: d, unless the input
 * ended there (ENODATA, d), or the byte is white space or a control byte
 * (HV_LWS, HV_FOLD, HV_CTL say more than d would) */
int hs_bad(struct hscan *s, enum hv_defect d);

/* SWS = [LWS], LWS = [*WSP CRLF] 1*WSP (section 25.1); a fold that ends
 * the input may still go on (ENODATA, HV_FOLD) */
int hs_sws_slow(struct hscan *s);

static inline int hs_sws(struct hscan *s)
{
	size_t i = s->i;

	if (i >= s->len || s->p[i] > ' ')
		return 0;
	/* one SP before a visible byte or the end, as after the commas of
	 * a list: what hs_sws_slow() would find, without the call */
	if (s->p[i] == ' ' && (i + 1 >= s->len || s->p[i + 1] > ' ')) {
		s->i = i + 1;
		return 0;
	}
	return hs_sws_slow(s);
}

/* LWS that the rule requires: HV_SEP when there is none */
int hs_lws(struct hscan *s);

/* SWS c SWS (EQUAL, SLASH, COLON, SEMI, COMMA of section 25.1), required:
 * d when c is missing */
int hs_sep(struct hscan *s, char c, enum hv_defect d);

/* 1*token into *t (t may be NULL); d when there is none.  Inline: the
 * parsers read a few dozen short tokens per response, and the call cost
 * as much as the span. */
static inline int hs_token(struct hscan *s, struct pl *t, enum hv_defect d)
{
	size_t i0 = s->i;

	if (!hs_span(s, HG_TOKEN))
		return hs_bad(s, d);
	if (t)
		*t = hs_pl(s, i0, s->i);
	return 0;
}

/* escaped = "%" HEXDIG HEXDIG at the cursor */
int hs_escape(struct hscan *s);

/* quoted-string at the cursor ('"'): *inner is what lies between the
 * quotes, quoted-pairs as sent */
int hs_quoted(struct hscan *s, struct pl *inner);

/* comment at the cursor ('('), nested to any depth without recursion:
 * *inner (not NULL, unlike hs_quoted()'s: the one caller keeps the
 * comment) is what lies between the outer parentheses */
int hs_comment(struct hscan *s, struct pl *inner);

/* 1*DIGIT with min <= value <= max (leading zeros allowed, RFC 4475
 * section 3.1.1.1); dsyn when there are no digits, drange outside the
 * range.  A value below min that ends the input may still grow. */
int hs_number(struct hscan *s, uint64_t min, uint64_t max, uint64_t *v,
	      enum hv_defect dsyn, enum hv_defect drange);

/* The text of an unknown header field: header-value = *(TEXT-UTF8char /
 * UTF8-CONT / LWS) (section 25.1) */
int hs_text(struct hscan *s);

#endif
