/**
 * @file test_sip.c  The SIP layer's primitives, one table each
 *
 * Each of these existed two to five times before, with different answers
 * (issue 7); a row marked "was:" is a case where one of the old copies
 * answered differently, so the row fails on that copy.  Inputs sit right
 * before a PROT_NONE page.
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "sip/utf8.h"
#include "sip/compare.h"
#include "sip/hdrlist.h"
#include "sip/message.h"
#include "sip/framer.h"
#include "sip/sdpline.h"
#include "sip/multipart.h"
#include "testutil.h"
#include "guard.h"

/* -- the stream framer --------------------------------------------------- */

#define R200 "SIP/2.0 200 OK\r\n"
#define CL0 "Content-Length: 0\r\n"

static const struct {
	const char *in;
	size_t msgs[3];        /* lengths of the messages framed, 0 ends  */
	size_t left;           /* bytes still waiting for more             */
	const char *why;
} framer_cases[] = {
	{R200 CL0 "\r\n", {37}, 0, "one message"},
	{R200 CL0 "\r\n" R200 CL0 "\r\n", {37, 37}, 0, "two back to back"},
	{R200 "Content-Length: 5\r\n\r\nhello", {42}, 0, "a body"},
	{R200 "Content-Length: 5\r\n\r\nhel", {0}, 40,
	 "a body still arriving"},
	{R200 "l: 2\r\n\r\nab", {26}, 0, "compact Content-Length"},
	{"\r\n\r\n" R200 CL0 "\r\n", {37}, 0,
	 "a CRLFCRLF keep-alive ping first (RFC 5626 3.5.1)"},
	{R200 CL0 "\r\n\r\n" R200 CL0 "\r\n", {37, 37}, 0,
	 "a CRLF pong between messages (section 7.5)"},
	{R200 CL0 "\r\n\r", {37}, 1, "half a keep-alive waits"},
	{R200 "Content-Length: 0\n\n", {35}, 0, "bare LF line ends"},
	{R200 "A: b\r\n\rX: y\r\n" CL0 "\r\n", {50}, 0,
	 "was: a bare CR after a line end ended the headers and cut the "
	 "message inside them"},
	{R200 "A: b\r\n\r\r\n" CL0 "\r\n", {46}, 0,
	 "was: CR CR LF is a line, not the end of the headers"},
	{R200 "Content-Length: x\r\n\r\nrest", {37}, 4,
	 "no numeric Content-Length: the message ends with its headers"},
	{R200 "Content-Length: 0\r\n", {0}, 35, "no empty line yet"},
	{"", {0}, 0, "nothing"},
};

/* Frame in from a buffer that grows by step bytes at a time, as a stream
 * delivers it; returns how many messages, their lengths in lens, and the
 * bytes left unframed in *left */
static unsigned frame_all(const char *in, size_t len, size_t step,
			  size_t *lens, unsigned max, size_t *left,
			  bool *monotonic)
{
	struct framer fr;
	size_t pos = 0, have = 0;
	unsigned n = 0;

	framer_init(&fr);
	*monotonic = true;
	while (have < len || step == 0) {
		size_t got;

		have = step ? (have + step < len ? have + step : len) : len;
		for (;;) {
			const uint8_t *p = (const uint8_t *)in + pos;
			size_t before = fr.scanned;

			if (!fr.scanned)
				pos += framer_keepalive(p, have - pos);
			p = (const uint8_t *)in + pos;
			if (pos == have ||
			    framer_next(&fr, p, have - pos, &got)) {
				if (fr.scanned < before)
					*monotonic = false;
				break;
			}
			if (n < max)
				lens[n] = got;
			n++;
			pos += got;
		}
		if (step == 0)
			break;
	}
	*left = len - pos;
	return n;
}

static void test_framer(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(framer_cases); i++) {
		const char *in = framer_cases[i].in;
		size_t len = strlen(in);
		const char *g = guarded(in, len);
		unsigned want = 0;

		while (want < 3 && framer_cases[i].msgs[want])
			want++;

		/* whole, then one byte at a time, then in 7-byte reads: the
		 * same messages whatever the segmentation */
		for (size_t step = 0; step <= 7; step += step ? 6 : 1) {
			size_t lens[3] = {0}, left;
			bool mono;
			unsigned n = frame_all(g, len, step, lens, 3, &left,
					       &mono);

			CHECK(n == want, "%s (step %zu): %u messages, want %u",
			      framer_cases[i].why, step, n, want);
			for (unsigned k = 0; k < n && k < want; k++)
				CHECK(lens[k] == framer_cases[i].msgs[k],
				      "%s (step %zu): message %u is %zu bytes,"
				      " want %zu", framer_cases[i].why, step,
				      k, lens[k], framer_cases[i].msgs[k]);
			CHECK(left == framer_cases[i].left,
			      "%s (step %zu): %zu bytes left, want %zu",
			      framer_cases[i].why, step, left,
			      framer_cases[i].left);
			CHECK(mono, "%s (step %zu): rescanned bytes",
			      framer_cases[i].why, step);
		}
	}
}

/* A peer dripping a long header block: every byte is scanned once, so the
 * framer's position after each read is where the bytes end */
static void test_framer_drip(void)
{
	static char buf[8192];
	struct framer fr;
	size_t len, n;
	bool ok = true;

	memcpy(buf, R200, strlen(R200));
	len = strlen(R200);
	while (len + 40 < sizeof(buf) - 32)
		len += (size_t)re_snprintf(buf + len, sizeof(buf) - len,
					   "X-Drip: %032u\r\n", (unsigned)len);
	len += (size_t)re_snprintf(buf + len, sizeof(buf) - len,
				   CL0 "\r\n");

	framer_init(&fr);
	for (size_t have = 1; have < len; have++) {
		if (framer_next(&fr, (const uint8_t *)buf, have, &n) !=
		    ENODATA || fr.scanned != have) {
			ok = false;
			break;
		}
	}
	CHECK(ok, "a drip of %zu bytes: each read scans only the new byte",
	      len);
	CHECK(framer_next(&fr, (const uint8_t *)buf, len, &n) == 0 &&
	      n == len, "the dripped message is whole at its last byte");
}

/* -- comma-separated lists (RFC 3261 section 7.3.1) ---------------------- */

static const struct {
	const char *in;
	unsigned n;
	const char *first, *last;
	const char *why;
} list_cases[] = {
	{"a, b", 2, "a", "b", "two elements"},
	{"  100rel ,\ttimer  ", 2, "100rel", "timer", "LWS trimmed"},
	{" , ,a,, ", 1, "a", "a", "empty elements skipped"},
	{"\"x, y\" <sip:a@h>, <sip:b@h>", 2, "\"x, y\" <sip:a@h>",
	 "<sip:b@h>", "a comma in a quoted display name"},
	{"<sip:a@h;p=1,2>, <sip:b@h>", 2, "<sip:a@h;p=1,2>", "<sip:b@h>",
	 "a comma between < and >"},
	{"\"a\\\"b, c\" <sip:x@h>", 1, "\"a\\\"b, c\" <sip:x@h>",
	 "\"a\\\"b, c\" <sip:x@h>", "an escaped quote stays quoted"},
	{"\"a\\\\\" <sip:x@h>, <sip:y@h>", 2, "\"a\\\\\" <sip:x@h>",
	 "<sip:y@h>",
	 "was (uas): an escaped backslash ends with the quote after it"},
	{"\"open, <sip:x@h>", 1, "\"open, <sip:x@h>", "\"open, <sip:x@h>",
	 "was (judge): an unterminated quote lost its element"},
	{"<sip:x@h, <sip:y@h>", 1, "<sip:x@h, <sip:y@h>",
	 "<sip:x@h, <sip:y@h>",
	 "was (judge): an unclosed < lost its element"},
	{"", 0, NULL, NULL, "empty"},
};

static void test_hdrlist(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(list_cases); i++) {
		struct pl val, v[8];
		unsigned n;

		val.l = strlen(list_cases[i].in);
		val.p = guarded(list_cases[i].in, val.l);
		n = hdrlist_split(&val, v, ARRAY_SIZE(v));

		CHECK(n == list_cases[i].n, "%s: %u elements, want %u",
		      list_cases[i].why, n, list_cases[i].n);
		CHECK(hdrlist_split(&val, NULL, 0) == n,
		      "%s: counting alone", list_cases[i].why);
		if (!n || n != list_cases[i].n)
			continue;
		CHECK(!pl_strcmp(&v[0], list_cases[i].first),
		      "%s: first is '%r'", list_cases[i].why, &v[0]);
		CHECK(!pl_strcmp(&v[n - 1], list_cases[i].last),
		      "%s: last is '%r'", list_cases[i].why, &v[n - 1]);
	}
}

/* hdrlist_has_token() over every element of every line */
static void test_has_token(void)
{
	static struct message m;
	static const struct {
		unsigned before;     /* option tags before 100rel */
		bool want;
		const char *why;
	} rows[] = {
		{0, true, "first"},
		{31, true, "the 32nd"},
		{32, true, "was (fuzz_diff_libre): the 33rd went unseen"},
		{200, true, "the 201st"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		char buf[2048];
		size_t l = (size_t)snprintf(buf, sizeof(buf), R200 "Require: ");

		for (unsigned k = 0; k < rows[i].before; k++)
			l += (size_t)snprintf(buf + l, sizeof(buf) - l, "t%u, ",
					      k);
		l += (size_t)snprintf(buf + l, sizeof(buf) - l,
				      "100rel\r\n" CL0 "\r\n");
		message_scan(&m, guarded(buf, l), l, 0);
		CHECK(hdrlist_has_token(&m, HDR_REQUIRE, "100rel") ==
		      rows[i].want, "100rel %s", rows[i].why);
		CHECK(!hdrlist_has_token(&m, HDR_REQUIRE, "timer"),
		      "%s: no timer", rows[i].why);
	}
}

/* Every header id by its full name, in either case, and one letter more
 * or less is another header (but for To: "T" is its compact form):
 * message.c's by_len rows must list every name of hdr_names under its
 * length, and nothing else */
static void test_hdr_names(void)
{
	static struct message m;

	for (enum hdr_id id = 1; id < HDR_COUNT; id++) {
		const char *name = message_hdr_name(id);
		char buf[160], up[32], longer[33];
		size_t l = strlen(name);

		for (size_t k = 0; k <= l; k++)
			up[k] = (char)(name[k] >= 'a' && name[k] <= 'z' ?
				       name[k] - 32 : name[k]);
		memcpy(longer, name, l);
		memcpy(longer + l, "x", 2);

		snprintf(buf, sizeof(buf), "SIP/2.0 200 OK\r\n%s: a\r\n"
			 "%s: a\r\n%s: a\r\n%.*s: a\r\n\r\n", name, up,
			 longer, (int)l - 1, name);
		message_scan(&m, buf, strlen(buf), 0);
		CHECK(m.hdrc == 4 && m.hdrv[0].id == id && m.hdrv[1].id == id,
		      "%s: scanned as %d, %d", name, m.hdrv[0].id,
		      m.hdrv[1].id);
		CHECK(m.hdrv[2].id != id && (l == 2 || m.hdrv[3].id != id),
		      "%s: %sx or one letter less taken for it", name, name);
	}
}

/* -- header values: what the line holds after HCOLON, LWS trimmed ------- */

static const struct {
	const char *lines;     /* header lines after the status line       */
	const char *val;       /* the first line's value                   */
	const char *why;
} val_cases[] = {
	{"Call-ID: abc\r\n", "abc", "plain"},
	{"Call-ID:  \t abc \t\r\n", "abc", "SP and HTAB around it"},
	{"Call-ID:\r\n abc\r\n", "abc",
	 "was (fuzz_diff_libre): folded right after the colon kept CR LF SP"},
	{"Call-ID: abc\r\n \r\n", "abc",
	 "was: a blank continuation line kept its CR LF"},
	{"Content-Length:\r\n\t0\r\n \r\n", "0",
	 "was: folds on both sides, so 'not a number'"},
	{"Content-Length: 000000000000\r\n", "000000000000",
	 "was (fuzz_diff_libre): twelve zeros are 1*DIGIT, not 'not a number'"},
	{"Content-Length: 00000000000000000000000\r\n",
	 "00000000000000000000000", "any number of leading zeros"},
	{"Subject: a\r\n b\r\n", "a\r\n b", "a fold inside stays"},
	{"X-Note: a\n \r\n", "a\n",
	 "a bare LF before a continuation is no fold: it stays, for the "
	 "value's grammar to report (bad-fold-bare-lf.sip)"},
	{"Subject:\r\n \r\n", "", "nothing but folds"},
};

static void test_hdr_values(void)
{
	static struct message m;

	for (size_t i = 0; i < ARRAY_SIZE(val_cases); i++) {
		char buf[256];
		size_t l;

		l = (size_t)snprintf(buf, sizeof(buf), R200 "%s" CL0 "\r\n",
				     val_cases[i].lines);
		message_scan(&m, guarded(buf, l), l, 0);
		CHECK(m.hdrc == 2 && !pl_strcmp(&m.hdrv[0].val,
						val_cases[i].val),
		      "%s: value '%r'", val_cases[i].why, &m.hdrv[0].val);
		CHECK(m.clen_valid && !m.clen, "%s: Content-Length 0",
		      val_cases[i].why);
	}
}

/* -- comparisons ------------------------------------------------------- */

enum cmp { C_TAG, C_CALLID, C_BRANCH };

static const struct {
	enum cmp what;
	const char *a, *b;     /* NULL: absent                            */
	bool eq;
	const char *why;
} cmp_cases[] = {
	{C_TAG, "abc", "abc", true, "same tag"},
	{C_TAG, "abc", "ABC", true,
	 "was (rel1xx, sdp, uac, target): tags are tokens, case-insensitive"},
	{C_TAG, "abc", "abd", false, "other tag"},
	{C_TAG, NULL, NULL, true, "both absent"},
	{C_TAG, "abc", NULL, false, "one absent"},
	{C_TAG, "", NULL, false, "empty is not absent"},
	{C_CALLID, "a1@h", "a1@h", true, "same Call-ID"},
	{C_CALLID, "a1@h", "A1@h", false,
	 "Call-IDs are case-sensitive (8.1.1.4)"},
	{C_CALLID, NULL, NULL, true, "no Call-ID either side"},
	{C_BRANCH, "z9hG4bKx", "z9hG4bKx", true, "same branch"},
	{C_BRANCH, "z9hG4bKx", "Z9HG4BKX", true,
	 "was (judge, uac): a branch is a token, case-insensitive"},
	{C_BRANCH, "", "", false, "no branch matches nothing"},
	{C_BRANCH, NULL, NULL, false, "absent branches match nothing"},
};

static struct pl opt_pl(const char *s)
{
	struct pl pl = PL_INIT;

	if (s)
		pl_set_str(&pl, s);
	else
		pl.p = NULL;
	return pl;
}

static void test_compare(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(cmp_cases); i++) {
		struct pl a = opt_pl(cmp_cases[i].a);
		struct pl b = opt_pl(cmp_cases[i].b);
		bool eq = false, rev = false;

		switch (cmp_cases[i].what) {

		case C_TAG:
			eq = tag_eq(&a, &b);
			rev = tag_eq(&b, &a);
			break;
		case C_CALLID:
			eq = callid_eq(&a, &b);
			rev = callid_eq(&b, &a);
			break;
		case C_BRANCH:
			eq = branch_eq(&a, &b);
			rev = branch_eq(&b, &a);
			break;
		}
		CHECK(eq == cmp_cases[i].eq, "%s", cmp_cases[i].why);
		CHECK(eq == rev, "%s: not symmetric", cmp_cases[i].why);
	}

	{
		struct pl m = PL("invite");

		CHECK(!method_eq(&m, "INVITE"), "methods are case-sensitive");
		m = (struct pl)PL("INVITE");
		CHECK(method_eq(&m, "INVITE"), "same method");
	}
}

/* bytes_hash(): equal bytes hash equally, whatever their alignment; the
 * differing pairs below differ in the hash too (the index stays fast) */
static const struct {
	const char *a;
	size_t la;
	const char *b;
	size_t lb;
	bool same;
	const char *why;
} bytes_cases[] = {
	{"", 0, "", 0, true, "empty"},
	{"a", 1, "a", 1, true, "a tail only"},
	{"", 0, "\0", 1, false, "the length counts: empty and one NUL"},
	{"\0", 1, "\0\0", 2, false, "the length counts: NULs"},
	{"SIP/2.0", 7, "SIP/2.1", 7, false, "7 bytes, the last differs"},
	{"SIP/2.0 ", 8, "SIP/2.0 ", 8, true, "one word"},
	{"SIP/2.0 180", 11, "SIP/2.0 181", 11, false, "a word and a tail"},
	{"SIP/2.0 1", 9, "sIP/2.0 1", 9, false, "the first byte (case)"},
	{"0123456789abcdef0123", 20, "0123456789abcdeg0123", 20, false,
	 "the second word"},
};

static void test_bytes_hash(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(bytes_cases); i++) {
		const char *a = bytes_cases[i].a, *b = bytes_cases[i].b;
		size_t la = bytes_cases[i].la, lb = bytes_cases[i].lb;
		char buf[40];

		CHECK((bytes_hash(a, la) == bytes_hash(b, lb)) ==
		      bytes_cases[i].same, "%s", bytes_cases[i].why);
		/* the same bytes one byte further on */
		memcpy(buf + 1, a, la);
		CHECK(bytes_hash(buf + 1, la) == bytes_hash(a, la),
		      "%s: alignment", bytes_cases[i].why);
	}
}

/* -- UTF-8 (RFC 3629) ---------------------------------------------------- */

static const struct {
	const char *in;
	int n;                 /* utf8_seq(): length, 0 bad, -1 partial   */
	size_t bad;
	const char *why;
} utf8_cases[] = {
	{"\xc3\xa9", 2, 0, "U+00E9"},
	{"\xe2\x82\xac", 3, 0, "U+20AC"},
	{"\xf0\x9f\x98\x80", 4, 0, "U+1F600"},
	{"\xf4\x8f\xbf\xbf", 4, 0, "U+10FFFF, the last"},
	{"\xc2\x80", 2, 0, "U+0080: well-formed (the reports escape it)"},
	{"A", 0, 0, "ASCII is no sequence"},
	{"\xc0\xaf", 0, 0, "overlong C0"},
	{"\xc1\xbf", 0, 0, "overlong C1"},
	{"\xe0\x80\xaf", 0, 1, "overlong E0"},
	{"\xf0\x80\x80\xaf", 0, 1, "overlong F0"},
	{"\xed\xa0\x80", 0, 1, "surrogate"},
	{"\xf4\x90\x80\x80", 0, 1, "above U+10FFFF"},
	{"\xf5\x80\x80\x80", 0, 0, "F5 never starts one"},
	{"\x80", 0, 0, "lone continuation"},
	{"\xe2\x82" "A", 0, 2, "cut by ASCII"},
	{"\xe2\x82", -1, 0, "input ends inside"},
	{"\xf0\x9f\x98", -1, 0, "input ends inside a 4-byte one"},
};

static void test_utf8(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(utf8_cases); i++) {
		size_t l = strlen(utf8_cases[i].in), bad = 99;
		const uint8_t *p = (const uint8_t *)guarded(utf8_cases[i].in,
							     l);
		int n = utf8_seq(p, l, &bad);

		CHECK(n == utf8_cases[i].n, "%s: %d, want %d",
		      utf8_cases[i].why, n, utf8_cases[i].n);
		if (utf8_cases[i].n == 0)
			CHECK(bad == utf8_cases[i].bad,
			      "%s: bad byte at %zu, want %zu",
			      utf8_cases[i].why, bad, utf8_cases[i].bad);
	}
}

/* The lines of an SDP body: CRLF or LF ends one, trailing white space
 * and a CR are not part of it, the last line needs no end */
static void test_sdpline(void)
{
	static const struct {
		const char *body;
		const char *lines;   /* the lines, each followed by '|' */
	} cases[] = {
		{"",                         ""},
		{"v=0\r\n",                  "v=0|"},
		{"v=0\r\ns=-\r\n",           "v=0|s=-|"},
		{"v=0\ns=-",                  "v=0|s=-|"},
		{"m=audio 4000 RTP/AVP 0 \t\r\n", "m=audio 4000 RTP/AVP 0|"},
		{"v=0\r\n\r\nt=0 0\r\n",     "v=0||t=0 0|"},
		{"\r",                        "|"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct pl rest, line;
		char got[128] = "";
		size_t n = 0;

		pl_set_str(&rest, cases[i].body);
		while (sdp_next_line(&rest, &line) &&
		       n + line.l + 2 < sizeof(got)) {
			memcpy(got + n, line.p, line.l);
			n += line.l;
			got[n++] = '|';
			got[n] = '\0';
		}
		CHECK(!strcmp(got, cases[i].lines), "sdp %zu: '%s', want '%s'",
		      i, got, cases[i].lines);
	}
}

/* The boundary comes from the strict Content-Type parser's parameters */
static void test_boundary(void)
{
	static const struct {
		const char *ct;
		const char *bnd;     /* NULL: EINVAL */
	} v[] = {
		{"multipart/mixed;boundary=7a9cbec02ceef655", "7a9cbec02ceef655"},
		{"Multipart/Mixed ; Boundary = \"a b\"", "a b"},
		{"multipart/mixed;x=1;boundary=\"q\";y=2", "q"},
		/* inside a quoted-string it is no parameter */
		{"multipart/mixed;x=\"a;boundary=b\"", NULL},
		{"multipart/mixed", NULL},
		{"multipart/mixed;boundary=", NULL},
		{"multipart/mixed;boundary=\"\"", NULL},
		{"text/plain;boundary=x", NULL},
		/* a Content-Type that breaks its grammar gives no boundary */
		{"multipart/mixed;;boundary=x", NULL},
		{"multipart;boundary=x", NULL},
	};

	for (size_t i = 0; i < ARRAY_SIZE(v); i++) {
		struct pl ct, b = PL_INIT;
		int err;

		pl_set_str(&ct, v[i].ct);
		err = mpart_boundary(&ct, &b);
		if (!v[i].bnd)
			CHECK(err == EINVAL, "boundary of %s: %d '%r', want "
			      "EINVAL", v[i].ct, err, &b);
		else
			CHECK(!err && !pl_strcmp(&b, v[i].bnd),
			      "boundary of %s: %d '%r', want '%s'", v[i].ct,
			      err, &b, v[i].bnd);
	}
}

int main(void)
{
	if (guard_init()) {
		fprintf(stderr, "cannot map the guard page\n");
		return 99;
	}

	test_framer();
	test_framer_drip();
	test_hdrlist();
	test_has_token();
	test_hdr_names();
	test_hdr_values();
	test_compare();
	test_bytes_hash();
	test_utf8();
	test_sdpline();
	test_boundary();

	return test_summary("test_sip");
}
