/**
 * @file fuzz_status_line.c  libFuzzer target for statusline_parse()
 *
 * Not just "does not crash": every run checks what the parser promises in
 * statusline.h and aborts on the first broken promise.  The input is the
 * byte stream a receiver got; it is parsed with several line limits, cut
 * at its prefixes (every one up to 16 bytes, about 35 of a longer input),
 * (costly checks on one input in 16 by a hash of its bytes, on all of
 * them under FUZZ_DEEP=1 and in the replay of the corpus: see fuzz.h),
 * and compared with a small reference model of the
 * grammar written independently of the parser (RFC 3261 section 25.1,
 * RFC 3629 section 4):
 *
 *   Status-Line   = SIP-Version SP Status-Code SP Reason-Phrase CRLF
 *   SIP-Version   = "SIP/2.0"     (read case-insensitively, section 7.1)
 *   Status-Code   = 3DIGIT        (100-699)
 *   Reason-Phrase = *(reserved / unreserved / escaped / UTF-8 / SP / HTAB)
 *
 * What is checked, for the line limits 0 (the default), "none",
 * 1 + data[0], 1 + (last byte & 31) and, on success, sl.len and sl.len - 1:
 *
 *   - the return is 0, ENODATA or EBADMSG, and it is the one the model
 *     predicts: 0 exactly when a complete valid line lies within the
 *     limit; SL_TOO_LONG at the limit exactly when the bytes up to the
 *     limit are a valid beginning; ENODATA exactly when the whole input is
 *     a valid beginning shorter than the limit; else a defect at the first
 *     offending byte (a '%' escape or a CR may be blamed up to 2 bytes
 *     earlier, at the byte that starts it);
 *   - on success: the slices lie inside [data, data+size) and inside the
 *     consumed line, sl.len <= size and <= the limit, the line ends in
 *     CRLF, 100 <= scode <= 699, the code slice is the 3 digits of scode,
 *     the defect is SL_OK for "SIP/2.0" and SL_VERSION_CASE otherwise;
 *     "SIP/2.0 <code> <reason>\r\n" re-serialised from the slices parses
 *     to the same scode and reason bytes with SL_OK (and with
 *     SL_VERSION_CASE when sent as "sip/2.0"); statusline_classify()
 *     agrees with the code (effective code in the same class, a meaning
 *     for it, registered codes stand for themselves);
 *   - on ENODATA: the input is shorter than the limit and holds no LF and
 *     no CR but possibly its last byte, so it holds no CRLF;
 *   - on EBADMSG: a real defect (never SL_OK or SL_VERSION_CASE), named;
 *     sl.off is before min(size, limit), except SL_TOO_LONG which sits at
 *     the limit (so sl.off == size is possible there); the defect fits
 *     the byte it blames (SL_BARE_LF on an LF, SL_REASON_ESCAPE on a '%',
 *     code defects in bytes 8-11, ...);
 *   - prefixes: data[0..k) gives ENODATA for every k below some K and
 *     exactly the full input's result for every k >= K (nothing turns
 *     valid or changes its mind once decided); every proper prefix of a
 *     consumed line is ENODATA.  Each prefix is parsed from a buffer that
 *     ends where the prefix ends, so ASan catches a read past the length;
 *   - a limit only ever turns a result into SL_TOO_LONG at the limit.
 *   - a Status-Code whose first digit is 0, 7, 8 or 9 is refused at
 *     once (SL_CODE_RANGE at 8), never answered with ENODATA
 *     (corpus/status_line.repro/enodata-dead-code-prefix-*).
 */
#include <config.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/utf8.h"
#include "fuzz.h"

FUZZ_HARNESS_BEGIN

#define NO_LIMIT SIZE_MAX

static const uint8_t *cur_data;
static size_t cur_size;
static bool cur_deep;   /* this input gets the costly checks (fuzz.h) */

/* Every input is parsed once, with the default limit, and the outcome
 * checked against the model and the promises of statusline.h.  One input
 * in DEEP_EVERY also gets the rest: no limit, every prefix, every limit
 * and the re-serialisation. */
#define DEEP_EVERY 64

/* Report which promise broke, with enough to reproduce it, and abort */
static void fail(const char *what, int line, size_t n, size_t maxlen)
{
	fprintf(stderr, "fuzz_status_line.c:%d: invariant violated: %s\n"
		"  input size %zu, parsed %zu bytes with maxlen %zu: \"",
		line, what, cur_size, n, maxlen);
	for (size_t i = 0; i < cur_size && i < 160; i++) {
		uint8_t c = cur_data[i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
	fprintf(stderr, "%s\"\n", cur_size > 160 ? "..." : "");
	abort();
}

#define CHECK(cond, n, maxlen) \
	do { if (!(cond)) fail(#cond, __LINE__, (n), (maxlen)); } while (0)


/* -- the reference model ------------------------------------------------ */

/* What the grammar says about a byte string, regardless of line limits */
struct ref {
	size_t viable;  /* longest prefix that some valid line begins with */
	size_t line;    /* length of the valid line it begins with, or 0   */
	bool lower;     /* SIP-Version not sent as upper-case "SIP/2.0"    */
};

static bool is_dig(uint8_t c)
{
	return c >= '0' && c <= '9';
}

static bool is_xdig(uint8_t c)
{
	return is_dig(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* reserved / unreserved / SP / HTAB: bytes that stand for themselves */
static bool is_plain(uint8_t c)
{
	static const char marks[] = ";/?:@&=+$,-_.!~*'() \t";

	if (is_dig(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
		return true;

	return c != 0 && memchr(marks, c, sizeof(marks) - 1) != NULL;
}

/* Can a UTF-8 sequence still encode a scalar value of its length, given
 * the bits decoded so far and the number of bits still to come? */
static bool utf8_can_be(uint32_t bits, unsigned todo, uint32_t min)
{
	uint32_t lo = bits << todo, hi = lo | ((1u << todo) - 1);

	if (lo < min)
		lo = min;
	if (hi > 0x10ffff)
		hi = 0x10ffff;
	if (lo > hi)
		return false;

	return !(lo >= 0xd800 && hi <= 0xdfff);   /* not only surrogates */
}

/* The UTF-8 sequence at p[i] (p[i] >= 0x80): true with *end after it when
 * it is well-formed; false with *end at the first byte that no well-formed
 * sequence can have there, or at n when the input ends inside a sequence
 * that may still turn out well-formed. */
static bool ref_utf8(const uint8_t *p, size_t i, size_t n, size_t *end)
{
	uint32_t bits, min;
	unsigned cont;

	*end = i;
	if (p[i] >= 0xc0 && p[i] < 0xe0)
		cont = 1, bits = p[i] & 0x1f, min = 0x80;
	else if (p[i] >= 0xe0 && p[i] < 0xf0)
		cont = 2, bits = p[i] & 0x0f, min = 0x800;
	else if (p[i] >= 0xf0 && p[i] < 0xf8)
		cont = 3, bits = p[i] & 0x07, min = 0x10000;
	else
		return false;

	if (!utf8_can_be(bits, 6 * cont, min))
		return false;

	for (unsigned k = 1; k <= cont; k++) {
		*end = i + k;
		if (i + k >= n || (p[i + k] & 0xc0) != 0x80)
			return false;
		bits = bits << 6 | (p[i + k] & 0x3f);
		if (!utf8_can_be(bits, 6 * (cont - k), min))
			return false;
	}

	*end = i + cont + 1;
	return true;
}

static void ref_scan(struct ref *r, const uint8_t *p, size_t n)
{
	static const char head[] = "SIP/2.0 ";
	size_t i;

	memset(r, 0, sizeof(*r));

	for (i = 0; i < 8; i++) {
		if (i == n)
			goto viable;
		if (p[i] == (uint8_t)head[i])
			continue;
		if (head[i] >= 'A' && head[i] <= 'Z' && p[i] == (head[i] | 0x20)) {
			r->lower = true;
			continue;
		}
		goto stop;
	}

	for (; i < 11; i++) {
		if (i == n)
			goto viable;
		if (!is_dig(p[i]) || (i == 8 && (p[i] < '1' || p[i] > '6')))
			goto stop;
	}

	if (i == n)
		goto viable;
	if (p[i] != ' ')
		goto stop;

	for (i = 12; i < n;) {
		uint8_t c = p[i];
		size_t j;

		if (is_plain(c)) {
			i++;
		}
		else if (c == '%') {
			for (j = 1; j <= 2; j++) {
				if (i + j == n)
					goto viable;
				if (!is_xdig(p[i + j])) {
					i += j;
					goto stop;
				}
			}
			i += 3;
		}
		else if (c >= 0x80) {
			if (!ref_utf8(p, i, n, &j)) {
				if (j == n)
					goto viable;
				i = j;
				goto stop;
			}
			i = j;
		}
		else if (c == '\r') {
			if (i + 1 == n)
				goto viable;
			if (p[i + 1] != '\n') {
				i++;
				goto stop;
			}
			r->line = r->viable = i + 2;
			return;
		}
		else {
			goto stop;
		}
	}

 viable:
	r->viable = n;
	return;

 stop:
	r->viable = i;
}


/* -- one parse, checked against the model -------------------------------- */

struct outcome {
	int ret;
	enum sl_defect defect;
	size_t off, len;
	uint16_t scode;
	size_t reason_len;
};

static bool same(const struct outcome *a, const struct outcome *b)
{
	return a->ret == b->ret && a->defect == b->defect && a->off == b->off &&
		a->len == b->len && a->scode == b->scode &&
		a->reason_len == b->reason_len;
}

/* A slice lies inside [lo, hi) */
static bool inside(const struct pl *pl, const uint8_t *lo, const uint8_t *hi)
{
	uintptr_t p = (uintptr_t)pl->p;

	return pl->p && p >= (uintptr_t)lo && p <= (uintptr_t)hi &&
		pl->l <= (uintptr_t)hi - p;
}

static void check_classify(uint16_t scode, size_t n, size_t maxlen)
{
	struct sl_class c;

	CHECK(statusline_classify(&c, scode) == 0, n, maxlen);
	CHECK(c.scode == scode, n, maxlen);
	CHECK(c.klass == scode / 100u && c.klass >= 1 && c.klass <= 6,
	      n, maxlen);
	CHECK(c.final == (c.klass >= 2), n, maxlen);
	CHECK(c.effective / 100u == c.klass, n, maxlen);
	CHECK(c.meaning != NULL && c.klass_name != NULL, n, maxlen);
	CHECK(c.meaning == statusline_meaning(c.effective), n, maxlen);
	CHECK(c.registered == (statusline_meaning(scode) != NULL), n, maxlen);
	CHECK(!c.registered || c.effective == scode, n, maxlen);
}

/* Send "SIP/2.0 <code> <reason>\r\n" again, from the slices, in a buffer
 * of its own size, and parse it back. */
static void check_reserialised(const struct statusline *sl, size_t n,
			       size_t maxlen)
{
	size_t tl = 12 + sl->reason.l + 2;
	char *t = malloc(tl);
	struct statusline s2;

	if (!t)
		abort();

	for (int lower = 0; lower <= 1; lower++) {
		memcpy(t, lower ? "sip/2.0 " : "SIP/2.0 ", 8);
		t[8]  = (char)('0' + sl->scode / 100);
		t[9]  = (char)('0' + sl->scode / 10 % 10);
		t[10] = (char)('0' + sl->scode % 10);
		t[11] = ' ';
		memcpy(t + 12, sl->reason.p, sl->reason.l);
		memcpy(t + 12 + sl->reason.l, "\r\n", 2);

		CHECK(statusline_parse(&s2, t, tl, NO_LIMIT) == 0, n, maxlen);
		CHECK(s2.defect == (lower ? SL_VERSION_CASE : SL_OK), n, maxlen);
		CHECK(s2.scode == sl->scode && s2.len == tl, n, maxlen);
		CHECK(s2.reason.p == t + 12 && s2.reason.l == sl->reason.l,
		      n, maxlen);
		CHECK(!memcmp(s2.reason.p, sl->reason.p, sl->reason.l),
		      n, maxlen);
		CHECK(s2.ver.p == t && s2.code.p == t + 8, n, maxlen);
	}

	free(t);
}

static void check_success(const struct statusline *sl, const uint8_t *p,
			  size_t n, size_t maxlen, size_t lim)
{
	const uint8_t *end = p + sl->len;

	CHECK(sl->len >= 14 && sl->len <= lim, n, maxlen);
	CHECK(p[sl->len - 2] == '\r' && p[sl->len - 1] == '\n', n, maxlen);

	/* Slices inside the input, and inside the line before its CRLF */
	CHECK(inside(&sl->ver, p, p + n) && inside(&sl->code, p, p + n) &&
	      inside(&sl->reason, p, p + n), n, maxlen);
	CHECK(inside(&sl->ver, p, end - 2) && inside(&sl->code, p, end - 2) &&
	      inside(&sl->reason, p, end - 2), n, maxlen);
	CHECK((const uint8_t *)sl->ver.p == p && sl->ver.l == 7, n, maxlen);
	CHECK((const uint8_t *)sl->code.p == p + 8 && sl->code.l == 3,
	      n, maxlen);
	CHECK((const uint8_t *)sl->reason.p == p + 12 &&
	      sl->reason.l == sl->len - 14, n, maxlen);

	/* "SIP/2.0" in any case; SL_VERSION_CASE unless upper-case */
	for (size_t i = 0; i < 7; i++) {
		uint8_t c = (uint8_t)sl->ver.p[i];

		if (c >= 'a' && c <= 'z')
			c = (uint8_t)(c - 32);
		CHECK(c == (uint8_t)"SIP/2.0"[i], n, maxlen);
	}
	if (!memcmp(sl->ver.p, "SIP/2.0", 7))
		CHECK(sl->defect == SL_OK, n, maxlen);
	else
		CHECK(sl->defect == SL_VERSION_CASE, n, maxlen);
	CHECK(p[7] == ' ' && p[11] == ' ', n, maxlen);

	/* The code: three digits that say scode, 100-699 */
	CHECK(sl->scode >= 100 && sl->scode <= 699, n, maxlen);
	CHECK(is_dig((uint8_t)sl->code.p[0]) && is_dig((uint8_t)sl->code.p[1]) &&
	      is_dig((uint8_t)sl->code.p[2]), n, maxlen);
	CHECK((sl->code.p[0] - '0') * 100 + (sl->code.p[1] - '0') * 10 +
	      (sl->code.p[2] - '0') == sl->scode, n, maxlen);

	/* No line end, no NUL inside the reason */
	CHECK(!memchr(sl->reason.p, '\r', sl->reason.l) &&
	      !memchr(sl->reason.p, '\n', sl->reason.l) &&
	      !memchr(sl->reason.p, 0, sl->reason.l), n, maxlen);

	/* statusline_classify() of every code is checked once, in
	 * check_api_once() */
	if (cur_deep)
		check_reserialised(sl, n, maxlen);
}

/* The defect fits the byte it blames */
static void check_blame(const struct statusline *sl, const uint8_t *p,
			size_t n, size_t maxlen)
{
	size_t off = sl->off;
	uint8_t c = p[off];

	switch (sl->defect) {

	case SL_LEADING_WS:
		CHECK(off == 0 && (c == ' ' || c == '\t' || c == '\r' ||
				   c == '\n'), n, maxlen);
		break;

	case SL_VERSION:
		CHECK(off <= 7, n, maxlen);
		break;

	case SL_SP_MISSING:
		CHECK((off == 7 || off == 11) && c != ' ', n, maxlen);
		break;

	case SL_SP_DOUBLE:
		CHECK(off == 8 && c == ' ', n, maxlen);
		break;

	case SL_CODE_DIGITS:
		CHECK(off >= 8 && off <= 11, n, maxlen);
		break;

	case SL_CODE_RANGE:
		CHECK(off == 8 && is_dig(c), n, maxlen);
		break;

	case SL_REASON_CHAR:
		CHECK(off >= 12 && c < 0x80 && !is_plain(c) && c != '%' &&
		      c != '\r' && c != '\n', n, maxlen);
		break;

	case SL_REASON_UTF8:
		CHECK(off >= 12 && (c >= 0x80 || p[off - 1] >= 0x80),
		      n, maxlen);
		break;

	case SL_REASON_ESCAPE:
		CHECK(off >= 12 && c == '%', n, maxlen);
		break;

	case SL_BARE_CR:
		CHECK(off >= 12 && c == '\r' && off + 1 < n &&
		      p[off + 1] != '\n', n, maxlen);
		break;

	case SL_BARE_LF:
		CHECK(off >= 12 && c == '\n', n, maxlen);
		break;

	default:
		CHECK(!"a defect that is not a defect", n, maxlen);
	}
}

/*
 * Parse p[0..n) with maxlen and check the result against the model r of
 * the same bytes.  Returns what happened.
 */
static struct outcome check_parse(const uint8_t *p, size_t n, size_t maxlen,
				  const struct ref *r)
{
	size_t lim_m = maxlen ? maxlen : SL_MAXLEN_DEFAULT;
	size_t lim = n < lim_m ? n : lim_m;
	struct statusline sl;
	struct outcome o;
	const char *name;

	memset(&sl, 0xa5, sizeof(sl));
	o.ret = statusline_parse(&sl, (const char *)p, n, maxlen);

	CHECK(o.ret == 0 || o.ret == ENODATA || o.ret == EBADMSG, n, maxlen);
	CHECK((unsigned)sl.defect < SL_DEFECT_COUNT, n, maxlen);
	name = statusline_defect_name(sl.defect);
	CHECK(name && strcmp(name, "?") && statusline_defect_str(sl.defect),
	      n, maxlen);

	o.defect = sl.defect;
	o.off    = o.ret == ENODATA ? 0 : sl.off;
	o.len    = o.ret == 0 ? sl.len : 0;
	o.scode  = o.ret == 0 ? sl.scode : 0;
	o.reason_len = o.ret == 0 ? sl.reason.l : 0;

	/* What the model says must come out */
	if (r->line && r->line <= lim_m) {
		CHECK(o.ret == 0 && sl.len == r->line, n, maxlen);
		CHECK(sl.defect == (r->lower ? SL_VERSION_CASE : SL_OK),
		      n, maxlen);
	}
	else if (r->line || r->viable >= lim_m) {
		CHECK(o.ret == EBADMSG && sl.defect == SL_TOO_LONG, n, maxlen);
	}
	else if (r->viable == n) {
		CHECK(o.ret == ENODATA, n, maxlen);
	}
	else if (r->viable == 8 && is_dig(p[8])) {
		/* Status-Code out of range from its first digit on */
		CHECK(o.ret == EBADMSG && sl.defect == SL_CODE_RANGE &&
		      sl.off == 8, n, maxlen);
	}
	else {
		CHECK(o.ret == EBADMSG && sl.defect != SL_TOO_LONG, n, maxlen);
		CHECK(sl.off <= r->viable && sl.off + 2 >= r->viable,
		      n, maxlen);
	}

	switch (o.ret) {

	case 0:
		check_success(&sl, p, n, maxlen, lim);
		break;

	case ENODATA:
		CHECK(n < lim_m, n, maxlen);
		CHECK(!memchr(p, '\n', n), n, maxlen);
		CHECK(n < 2 || !memchr(p, '\r', n - 1), n, maxlen);
		break;

	case EBADMSG:
		CHECK(sl.defect != SL_OK && sl.defect != SL_VERSION_CASE,
		      n, maxlen);
		if (sl.defect == SL_TOO_LONG) {
			CHECK(sl.off == lim_m && lim_m <= n, n, maxlen);
			CHECK(!memchr(p, '\n', lim_m), n, maxlen);
		}
		else {
			CHECK(sl.off < lim, n, maxlen);
			check_blame(&sl, p, n, maxlen);
		}
		break;
	}

	return o;
}


/* -- prefixes and limits -------------------------------------------------- */

/* Which prefixes of an n-byte input to parse: all of them for inputs of
 * up to 16 bytes; for longer ones the first 13 (one per byte of
 * "SIP/2.0 200 " and the first of the reason), the last 3, those around
 * the byte where the model decides (focus) and around the line limit, and
 * 8 more spread out with a phase taken from the input: about 35 whatever
 * the length.  The spread ones move with the input, so over a campaign
 * every prefix length is checked. */
static bool want_prefix(size_t k, size_t n, size_t focus, size_t lim_m,
			size_t stride, size_t phase)
{
	if (n <= 16 || k <= 12 || k + 3 >= n)
		return true;
	if ((k + 3 >= focus && k <= focus + 3) ||
	    (k + 2 >= lim_m && k <= lim_m + 2))
		return true;

	return k % stride == phase;
}

/*
 * data[0..k) for growing k: ENODATA up to some K, then exactly the full
 * result.  Each prefix sits at the end of a buffer of n bytes, so a read
 * past k is a read past the allocation.  A few prefixes past K are parsed,
 * then the whole input: they cannot differ without one of the checks
 * failing first on a shorter input.
 */
static void check_prefixes(const uint8_t *data, size_t n, size_t maxlen,
			   const struct ref *r, const struct outcome *full,
			   uint8_t *buf)
{
	size_t lim_m = maxlen ? maxlen : SL_MAXLEN_DEFAULT;
	size_t focus = r->line ? r->line : r->viable + 1;
	size_t stride = n / 8 + 1, phase = n ? data[n / 2] % stride : 0;
	size_t decided = SIZE_MAX;

	for (size_t k = 0; k <= n; k++) {
		struct ref rk = *r;
		struct outcome o;
		uint8_t *p;

		if (decided != SIZE_MAX && k > decided + 4 && k < n)
			k = n;
		if (!want_prefix(k, n, focus, lim_m, stride, phase))
			continue;

		p = buf + (n - k);
		memmove(p, data, k);
		if (!(rk.line && rk.line <= k))
			rk.line = 0;
		if (rk.viable > k)
			rk.viable = k;

		o = check_parse(p, k, maxlen, &rk);

		if (o.ret == ENODATA) {
			CHECK(decided == SIZE_MAX, k, maxlen);
			CHECK(!full->len || k < full->len, k, maxlen);
		}
		else {
			if (decided == SIZE_MAX)
				decided = k;
			CHECK(same(&o, full), k, maxlen);
		}
	}
}

static void check_limits(const uint8_t *data, size_t n,
			 const struct ref *r, const struct outcome *unlimited)
{
	size_t limits[6], nlim = 0;

	limits[nlim++] = 1 + (size_t)data[0];
	limits[nlim++] = 1 + (size_t)(data[n - 1] & 31);
	if (unlimited->ret == 0) {
		limits[nlim++] = unlimited->len;
		limits[nlim++] = unlimited->len - 1;
	}
	else {
		limits[nlim++] = n;
		limits[nlim++] = n + 1;
	}

	for (size_t i = 0; i < nlim; i++) {
		struct outcome o = check_parse(data, n, limits[i], r);

		/* A limit only ever cuts a result short */
		if (o.ret == EBADMSG && o.defect == SL_TOO_LONG)
			CHECK(o.off == limits[i], n, limits[i]);
		else
			CHECK(same(&o, unlimited), n, limits[i]);
	}
}

/* Arguments the parser must refuse, and the tables' edges; once */
static void check_api_once(void)
{
	static bool done;
	static const struct {
		const char *p;
		int n;
	} seqs[] = {
		{"\xc3\xa9", 2}, {"\xe0\x80", 0}, {"\xf0\x90", -1}, {"a", 0},
	};
	struct statusline sl;
	struct sl_class c;
	size_t bad = 1;

	if (done)
		return;
	done = true;

	CHECK(statusline_parse(NULL, "SIP/2.0 200 OK\r\n", 16, 0) == EINVAL,
	      0, 0);
	CHECK(statusline_parse(&sl, NULL, 1, 0) == EINVAL, 0, 0);
	CHECK(statusline_parse(&sl, NULL, 0, 0) == ENODATA, 0, 0);
	CHECK(statusline_classify(NULL, 200) == EINVAL, 0, 0);
	CHECK(statusline_classify(&c, 99) == EINVAL, 0, 0);
	CHECK(statusline_classify(&c, 700) == EINVAL, 0, 0);
	CHECK(statusline_meaning(700) == NULL, 0, 0);
	CHECK(statusline_meaning(UINT16_MAX) == NULL, 0, 0);
	CHECK(statusline_defect_name(SL_DEFECT_COUNT) != NULL &&
	      statusline_defect_str(SL_DEFECT_COUNT) != NULL, 0, 0);
	for (unsigned scode = 100; scode <= 699; scode++)
		check_classify((uint16_t)scode, 0, 0);

	/* utf8_seq() as the parser never calls it: on no bytes, and
	 * without *bad (the reports' escaping, report/escape.c) */
	CHECK(utf8_seq((const uint8_t *)"", 0, &bad) == 0 && bad == 0, 0, 0);
	for (size_t k = 0; k < sizeof(seqs) / sizeof(seqs[0]); k++) {
		const uint8_t *p = (const uint8_t *)seqs[k].p;
		size_t l = strlen(seqs[k].p);

		CHECK(utf8_seq(p, l, NULL) == seqs[k].n &&
		      utf8_seq(p, l, &bad) == seqs[k].n, k, 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct outcome unlimited, dflt;
	struct ref r;
	uint8_t *buf;

	cur_data = data;
	cur_size = size;
	cur_deep = fuzz_deep(data, size, DEEP_EVERY);
	check_api_once();

	ref_scan(&r, data, size);

	dflt = check_parse(data, size, 0, &r);
	if (!cur_deep)
		return 0;

	unlimited = check_parse(data, size, NO_LIMIT, &r);
	CHECK(size >= SL_MAXLEN_DEFAULT || same(&dflt, &unlimited), size, 0);

	/* Below the default limit, maxlen 0 parses what NO_LIMIT parses */
	buf = malloc(size ? size : 1);
	if (!buf)
		abort();
	check_prefixes(data, size, NO_LIMIT, &r, &unlimited, buf);
	if (size + 8 >= SL_MAXLEN_DEFAULT)
		check_prefixes(data, size, 0, &r, &dflt, buf);
	free(buf);

	if (size)
		check_limits(data, size, &r, &unlimited);

	return 0;
}

FUZZ_HARNESS_END
