/**
 * @file hgrammar.c  The core rules of RFC 3261 section 25.1
 */
#include <string.h>
#include "sip/hgrammar.h"
#include "sip/utf8.h"

/* The class table is computed by the compiler from the rules as
 * written in section 25.1, one expression per byte value */
#define EQ(c, a)   ((c) == (a))
#define AL(c)      (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define DI(c)      ((c) >= '0' && (c) <= '9')
#define AN(c)      (AL(c) || DI(c))
#define HX(c)      (DI(c) || ((c) >= 'a' && (c) <= 'f') || \
		    ((c) >= 'A' && (c) <= 'F'))
#define MARK(c)    (EQ(c, '-') || EQ(c, '_') || EQ(c, '.') || EQ(c, '!') || \
		    EQ(c, '~') || EQ(c, '*') || EQ(c, '\'') || EQ(c, '(') || \
		    EQ(c, ')'))
#define UNRES(c)   (AN(c) || MARK(c))
#define TOKSYM(c)  (EQ(c, '-') || EQ(c, '.') || EQ(c, '!') || EQ(c, '%') || \
		    EQ(c, '*') || EQ(c, '_') || EQ(c, '+') || EQ(c, '`') || \
		    EQ(c, '\'') || EQ(c, '~'))
#define PASSYM(c)  (EQ(c, '&') || EQ(c, '=') || EQ(c, '+') || EQ(c, '$') || \
		    EQ(c, ','))
#define USERSYM(c) (PASSYM(c) || EQ(c, ';') || EQ(c, '?') || EQ(c, '/'))
#define PARSYM(c)  (EQ(c, '[') || EQ(c, ']') || EQ(c, '/') || EQ(c, ':') || \
		    EQ(c, '&') || EQ(c, '+') || EQ(c, '$'))
#define HNVSYM(c)  (EQ(c, '[') || EQ(c, ']') || EQ(c, '/') || EQ(c, '?') || \
		    EQ(c, ':') || EQ(c, '+') || EQ(c, '$'))
#define WORDSYM(c) (TOKSYM(c) || EQ(c, '(') || EQ(c, ')') || EQ(c, '<') || \
		    EQ(c, '>') || EQ(c, ':') || EQ(c, '\\') || EQ(c, '"') || \
		    EQ(c, '/') || EQ(c, '[') || EQ(c, ']') || EQ(c, '?') || \
		    EQ(c, '{') || EQ(c, '}'))
#define RESERVED(c) (EQ(c, ';') || EQ(c, '/') || EQ(c, '?') || EQ(c, ':') || \
		     EQ(c, '@') || EQ(c, '&') || EQ(c, '=') || EQ(c, '+') || \
		     EQ(c, '$') || EQ(c, ','))

#define CLS(c) (uint16_t)(						\
	(AL(c) ? HG_ALPHA : 0) | (DI(c) ? HG_DIGIT : 0) |		\
	(HX(c) ? HG_HEX : 0) |						\
	(AN(c) || TOKSYM(c) ? HG_TOKEN : 0) |				\
	(UNRES(c) ? HG_UNRES : 0) |					\
	(UNRES(c) || USERSYM(c) ? HG_USER : 0) |			\
	(UNRES(c) || PASSYM(c) ? HG_PASS : 0) |				\
	(UNRES(c) || PARSYM(c) ? HG_PARAM : 0) |			\
	(UNRES(c) || HNVSYM(c) ? HG_HNV : 0) |				\
	(AN(c) || WORDSYM(c) ? HG_WORD : 0) |				\
	(UNRES(c) || RESERVED(c) ? HG_URIC : 0) |			\
	(AN(c) || EQ(c, '+') || EQ(c, '-') || EQ(c, '.') ? HG_SCHEME : 0) | \
	(AN(c) || EQ(c, '-') || EQ(c, '.') ? HG_HOST : 0) |		\
	((AN(c) || TOKSYM(c)) && !EQ(c, '.') ? HG_NODOT : 0) |		\
	(EQ(c, ' ') || EQ(c, '\t') ? HG_WSP : 0) |			\
	((c) < 0x20 || EQ(c, 0x7f) ? HG_CTL : 0))

#define R4(b)  CLS(b), CLS((b) + 1), CLS((b) + 2), CLS((b) + 3)
#define R16(b) R4(b), R4((b) + 4), R4((b) + 8), R4((b) + 12)
#define R64(b) R16(b), R16((b) + 16), R16((b) + 32), R16((b) + 48)

const uint16_t hg_class[256] = {R64(0), R64(64), R64(128), R64(192)};

void hg_zero(void *p, size_t n)
{
	memset(p, 0, n);
}

/* CRLF WSP at i: 1 when it is one, 0 when it is not, -1 when the input
 * ends before that is known */
static int fold_at(const struct hscan *s, size_t i)
{
	if (i + 1 >= s->len)
		return -1;
	if (s->p[i + 1] != '\n')
		return 0;
	if (i + 2 >= s->len)
		return -1;
	return hg_is(s->p[i + 2], HG_WSP) ? 1 : 0;
}

int hs_bad(struct hscan *s, enum hv_defect d)
{
	uint8_t c;

	if (s->i >= s->len)
		return hs_more(s, d, s->i);

	c = s->p[s->i];
	if (c == ' ' || c == '\t')
		return hs_fail(s, HV_LWS, s->i);
	if (c == '\r')
		return hs_fail(s, fold_at(s, s->i) ? HV_LWS : HV_FOLD, s->i);
	if (c == '\n')
		return hs_fail(s, HV_FOLD, s->i);
	if (hg_is(c, HG_CTL))
		return hs_fail(s, HV_CTL, s->i);

	return hs_fail(s, d, s->i);
}

/* Several folds in a row are taken as one LWS: a line of white space
 * inside a folded value is not worth a defect of its own */
int hs_sws_slow(struct hscan *s)
{
	for (;;) {
		size_t cr;
		int f;

		/* a byte loop: a run of WSP is one byte as a rule, where
		 * hs_span()'s rounds of four cost more (perf) */
		while (s->i < s->len && hg_is(s->p[s->i], HG_WSP))
			s->i++;
		if (s->i >= s->len)
			return 0;
		if (s->p[s->i] == '\n')
			return hs_fail(s, HV_FOLD, s->i);
		if (s->p[s->i] != '\r')
			return 0;

		cr = s->i;
		f = fold_at(s, cr);
		if (f < 0)
			return hs_more(s, HV_FOLD, cr);
		if (f == 0)
			return hs_fail(s, HV_FOLD, cr);
		s->i = cr + 3;
	}
}

int hs_lws(struct hscan *s)
{
	size_t i0 = s->i;
	int err = hs_sws(s);

	if (err)
		return err;
	if (s->i == i0)
		return hs_bad(s, HV_SEP);
	return 0;
}

int hs_sep(struct hscan *s, char c, enum hv_defect d)
{
	int err = hs_sws(s);

	if (err)
		return err;
	if (hs_at(s) != (uint8_t)c)
		return hs_bad(s, d);
	s->i++;
	return hs_sws(s);
}

int hs_escape(struct hscan *s)
{
	size_t pct = s->i;

	for (size_t k = 1; k <= 2; k++) {
		if (pct + k >= s->len)
			return hs_more(s, HV_ESCAPE, pct);
		if (!hg_is(s->p[pct + k], HG_HEX))
			return hs_fail(s, HV_ESCAPE, pct);
	}
	s->i = pct + 3;
	return 0;
}

/* qdtext and ctext bytes that need no second look: printable ASCII and
 * WSP, without the delimiters of either */
static inline bool plain_text(uint8_t c)
{
	return (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '(' &&
		c != ')') || c == '\t';
}

/* One byte (or sequence) of qdtext / ctext / quoted-pair that is not
 * plain: advances s->i, or fails.  open is where the quote or comment
 * started: running out of input there means it is not closed yet. */
static int text_special(struct hscan *s, size_t open, enum hv_defect unclosed)
{
	uint8_t c = s->p[s->i];
	size_t bad = 0;
	int n;

	switch (c) {

	case '\\':
		/* quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F) */
		if (s->i + 1 >= s->len)
			return hs_more(s, unclosed, open);
		c = s->p[s->i + 1];
		if (c == '\r' || c == '\n' || c >= 0x80)
			return hs_fail(s, HV_QUOTED_PAIR, s->i);
		s->i += 2;
		return 0;

	case '\r':
		n = fold_at(s, s->i);
		if (n < 0)
			return hs_more(s, unclosed, open);
		if (n == 0)
			return hs_fail(s, HV_FOLD, s->i);
		s->i += 3;
		return 0;

	case '\n':
		return hs_fail(s, HV_FOLD, s->i);

	default:
		if (c < 0x80)
			return hs_fail(s, HV_CTL, s->i);
		n = utf8_seq(s->p + s->i, s->len - s->i, &bad);
		if (n < 0)
			return hs_more(s, unclosed, open);
		if (n == 0)
			return hs_fail(s, HV_UTF8, s->i + bad);
		s->i += (size_t)n;
		return 0;
	}
}

int hs_quoted(struct hscan *s, struct pl *inner)
{
	size_t q = s->i++;

	for (;;) {
		uint8_t c;
		int err;

		size_t i = s->i;

		while (i < s->len && (plain_text(s->p[i]) || s->p[i] == '(' ||
				      s->p[i] == ')'))
			i++;
		s->i = i;
		if (i >= s->len)
			return hs_more(s, HV_QUOTE_OPEN, q);

		c = s->p[s->i];
		if (c == '"') {
			if (inner)
				*inner = hs_pl(s, q + 1, s->i);
			s->i++;
			return 0;
		}
		err = text_special(s, q, HV_QUOTE_OPEN);
		if (err)
			return err;
	}
}

int hs_comment(struct hscan *s, struct pl *inner)
{
	size_t open = s->i++, depth = 1;

	for (;;) {
		uint8_t c;
		int err;

		size_t i = s->i;

		while (i < s->len && (plain_text(s->p[i]) || s->p[i] == '"'))
			i++;
		s->i = i;
		if (i >= s->len)
			return hs_more(s, HV_COMMENT, open);

		c = s->p[s->i];
		if (c == '(') {
			depth++;
			s->i++;
			continue;
		}
		if (c == ')') {
			s->i++;
			if (--depth == 0) {
				*inner = hs_pl(s, open + 1, s->i - 1);
				return 0;
			}
			continue;
		}
		err = text_special(s, open, HV_COMMENT);
		if (err)
			return err;
	}
}

int hs_number(struct hscan *s, uint64_t min, uint64_t max, uint64_t *v,
	      enum hv_defect dsyn, enum hv_defect drange)
{
	const uint8_t *p = s->p;
	size_t i0 = s->i, i = i0, len = s->len;
	uint64_t n = 0;

	/* locals, as in hs_span(): s->i stored each digit made the
	 * compiler load the cursor and the bytes again */
	while (i < len && hg_is(p[i], HG_DIGIT)) {
		n = n * 10 + (uint64_t)(p[i] - '0');
		/* more digits only make it larger: decided now */
		if (n > max) {
			s->i = i;
			return hs_fail(s, drange, i0);
		}
		i++;
	}
	s->i = i;

	if (s->i == i0)
		return hs_bad(s, dsyn);
	if (n < min)
		return s->i >= s->len ? hs_more(s, drange, i0)
			: hs_fail(s, drange, i0);

	if (v)
		*v = n;
	return 0;
}

/* TEXT-UTF8char = %x21-7E / UTF8-NONASCII.  Section 25.1 also lets a lone
 * UTF8-CONT byte through; like the Reason-Phrase (statusline.c) we take
 * RFC 3629's well-formed UTF-8 instead, utf8.h being the one definition. */
int hs_text(struct hscan *s)
{
	for (;;) {
		uint8_t c;
		size_t bad = 0;
		int n, err;

		size_t i = s->i;

		/* Eight bytes of %x20-7E a round.  In the lowest byte outside
		 * that range (none below it borrows or carries), x - 0x20..
		 * sets the top bit for one below 0x20, x + 0x01.. for 0x7F,
		 * and x has it from 0x80 on: the OR is 0 only when all eight
		 * are in range.  The byte loop takes the rest. */
		while (i + 8 <= s->len) {
			uint64_t x;

			memcpy(&x, s->p + i, 8);
			if (((x - 0x2020202020202020u) |
			     (x + 0x0101010101010101u) | x) &
			    0x8080808080808080u)
				break;
			i += 8;
		}

		/* visible ASCII and WSP in one run: only CR and LF need
		 * hs_sws()'s look at folds */
		while (i < s->len && ((s->p[i] >= 0x20 && s->p[i] < 0x7f) ||
				      s->p[i] == '\t'))
			i++;
		s->i = i;
		if (i >= s->len)
			return 0;

		c = s->p[s->i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			err = hs_sws(s);
			if (err)
				return err;
			continue;
		}
		if (c < 0x80)
			return hs_fail(s, HV_CTL, s->i);

		n = utf8_seq(s->p + s->i, s->len - s->i, &bad);
		if (n < 0)
			return hs_more(s, HV_UTF8, s->i);
		if (n == 0)
			return hs_fail(s, HV_UTF8, s->i + bad);
		s->i += (size_t)n;
	}
}
