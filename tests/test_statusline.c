/**
 * @file test_statusline.c  The strict status-line parser, case by case
 *
 * Every input is copied so that its last byte sits right before a
 * PROT_NONE page: a parser that reads one byte too far crashes here.
 */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <re.h>
#include "sip/statusline.h"
#include "testutil.h"
#include "guard.h"

static int parse(struct statusline *sl, const char *s, size_t len,
		 size_t maxlen)
{
	return statusline_parse(sl, guarded(s, len), len, maxlen);
}

/* -- every code of the seed table, with its class ------------------------ */

static const struct {
	uint16_t code;
	unsigned klass;
	bool final;
	const char *meaning;
} seed[] = {
	{100, 1, false, "Trying"},
	{180, 1, false, "Ringing"},
	{181, 1, false, "Call Is Being Forwarded"},
	{182, 1, false, "Queued"},
	{183, 1, false, "Session Progress"},
	{199, 1, false, "Early Dialog Terminated"},
	{200, 2, true,  "OK"},
	{202, 2, true,  "Accepted"},
	{204, 2, true,  "No Notification"},
	{300, 3, true,  "Multiple Choices"},
	{301, 3, true,  "Moved Permanently"},
	{302, 3, true,  "Moved Temporarily"},
	{305, 3, true,  "Use Proxy"},
	{380, 3, true,  "Alternative Service"},
	{400, 4, true,  "Bad Request"},
	{401, 4, true,  "Unauthorized"},
	{404, 4, true,  "Not Found"},
	{407, 4, true,  "Proxy Authentication Required"},
	{408, 4, true,  "Request Timeout"},
	{415, 4, true,  "Unsupported Media Type"},
	{500, 5, true,  "Server Internal Error"},
	{501, 5, true,  "Not Implemented"},
	{502, 5, true,  "Bad Gateway"},
	{503, 5, true,  "Service Unavailable"},
	{504, 5, true,  "Server Time-out"},
	{505, 5, true,  "Version Not Supported"},
	{513, 5, true,  "Message Too Large"},
	{580, 5, true,  "Precondition Failure"},
	{600, 6, true,  "Busy Everywhere"},
	{603, 6, true,  "Decline"},
	{604, 6, true,  "Does Not Exist Anywhere"},
	{606, 6, true,  "Not Acceptable"},
};

static void test_seed_codes(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(seed); i++) {
		char line[128];
		struct statusline sl;
		struct sl_class c;
		int n, err;

		n = snprintf(line, sizeof(line), "SIP/2.0 %u %s\r\n",
			     seed[i].code, seed[i].meaning);
		err = parse(&sl, line, (size_t)n, 0);
		CHECK(err == 0, "%s: err %d", line, err);
		CHECK(sl.scode == seed[i].code, "%s: scode %u", line,
		      sl.scode);
		CHECK(sl.len == (size_t)n, "%s: len %zu", line, sl.len);
		CHECK(sl.defect == SL_OK, "%s: defect %d", line, sl.defect);
		CHECK(!pl_strcmp(&sl.reason, seed[i].meaning),
		      "%s: reason '%r'", line, &sl.reason);
		CHECK(!pl_strcmp(&sl.ver, "SIP/2.0"), "%s: ver", line);

		err = statusline_classify(&c, sl.scode);
		CHECK(err == 0, "classify %u", sl.scode);
		CHECK(c.klass == seed[i].klass, "%u: class %u", sl.scode,
		      c.klass);
		CHECK(c.final == seed[i].final, "%u: final", sl.scode);
		CHECK(c.registered, "%u: not registered", sl.scode);
		CHECK(c.effective == seed[i].code, "%u: effective %u",
		      sl.scode, c.effective);
		CHECK(!strcmp(c.meaning, seed[i].meaning), "%u: '%s'",
		      sl.scode, c.meaning);
	}
}

/* -- unknown codes (RFC 3261 section 8.1.3.2) ---------------------------- */

static void test_classify_unknown(void)
{
	static const struct {
		uint16_t code, effective;
		bool final;
	} tab[] = {
		{198, 183, false},   /* unknown provisional: as 183 */
		{150, 183, false},
		{299, 200, true},
		{399, 300, true},
		{499, 400, true},
		{555, 555, true},    /* registered by RFC 8599 */
		{599, 500, true},
		{699, 600, true},
	};
	struct sl_class c;

	for (size_t i = 0; i < ARRAY_SIZE(tab); i++) {
		CHECK(statusline_classify(&c, tab[i].code) == 0, "%u",
		      tab[i].code);
		CHECK(c.effective == tab[i].effective, "%u -> %u, want %u",
		      tab[i].code, c.effective, tab[i].effective);
		CHECK(c.final == tab[i].final, "%u final", tab[i].code);
		CHECK(c.meaning != NULL, "%u meaning", tab[i].code);
	}

	CHECK(statusline_classify(&c, 99) == EINVAL, "99");
	CHECK(statusline_classify(&c, 700) == EINVAL, "700");
}

/* -- odd but valid ------------------------------------------------------- */

static const struct {
	const char *in;
	uint16_t scode;
	const char *reason;
	enum sl_defect defect;   /* SL_VERSION_CASE is reported, not fatal */
	const char *why;
} valid[] = {
	{"SIP/2.0 200 \r\n", 200, "", SL_OK, "empty reason keeps its SP"},
	{"SIP/2.0 180 Klingelt gerade \xc3\xbc\r\n", 180,
	 "Klingelt gerade \xc3\xbc", SL_OK, "UTF-8 reason"},
	{"SIP/2.0 486 \xe5\xbf\x99\xe7\xa2\x8c\xe4\xb8\xad\r\n", 486,
	 "\xe5\xbf\x99\xe7\xa2\x8c\xe4\xb8\xad", SL_OK, "CJK reason"},
	{"SIP/2.0 200 \xf0\x9f\x93\x9e ok\r\n", 200, "\xf0\x9f\x93\x9e ok",
	 SL_OK, "4-byte UTF-8"},
	{"SIP/2.0 404 Not%20Found\r\n", 404, "Not%20Found", SL_OK,
	 "escaped"},
	{"SIP/2.0 200 OK\tfine\r\n", 200, "OK\tfine", SL_OK, "HTAB"},
	{"SIP/2.0 200  OK\r\n", 200, " OK", SL_OK,
	 "Reason-Phrase may start with SP"},
	{"SIP/2.0 481 Call/Transaction Does Not Exist\r\n", 481,
	 "Call/Transaction Does Not Exist", SL_OK, "reserved chars"},
	{"SIP/2.0 699 ;/?:@&=+$,-_.!~*'()\r\n", 699,
	 ";/?:@&=+$,-_.!~*'()", SL_OK, "every mark and reserved char"},
	{"sip/2.0 200 OK\r\n", 200, "OK", SL_VERSION_CASE,
	 "read case-insensitively, but a MUST is broken"},
	{"Sip/2.0 100 Trying\r\n", 100, "Trying", SL_VERSION_CASE,
	 "mixed case"},
	{"SIP/2.0 100 Trying\r\nVia: x\r\n", 100, "Trying", SL_OK,
	 "headers follow"},
};

static void test_valid(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(valid); i++) {
		const char *in = valid[i].in;
		size_t len = strlen(in), linelen = strstr(in, "\r\n") - in + 2;
		struct statusline sl;
		int err = parse(&sl, in, len, 0);

		CHECK(err == 0, "%s: err %d defect %s", valid[i].why, err,
		      statusline_defect_name(sl.defect));
		CHECK(sl.scode == valid[i].scode, "%s: scode %u",
		      valid[i].why, sl.scode);
		CHECK(!pl_strcmp(&sl.reason, valid[i].reason),
		      "%s: reason '%r'", valid[i].why, &sl.reason);
		CHECK(sl.len == linelen, "%s: len %zu", valid[i].why, sl.len);
		CHECK(sl.defect == valid[i].defect, "%s: defect %s",
		      valid[i].why, statusline_defect_name(sl.defect));
	}
}

/* Every proper prefix of a valid line needs more bytes */
static void test_prefixes(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(valid); i++) {
		const char *in = valid[i].in;
		size_t linelen = strstr(in, "\r\n") - in + 2;

		for (size_t k = 0; k < linelen; k++) {
			struct statusline sl;
			int err = parse(&sl, in, k, 0);

			CHECK(err == ENODATA, "%s: prefix %zu: err %d (%s)",
			      valid[i].why, k, err,
			      statusline_defect_name(sl.defect));
		}
	}

	for (size_t i = 0; i < ARRAY_SIZE(seed); i++) {
		char line[128];
		int n = snprintf(line, sizeof(line), "SIP/2.0 %u %s\r\n",
				 seed[i].code, seed[i].meaning);

		for (int k = 0; k < n; k++) {
			struct statusline sl;

			CHECK(parse(&sl, line, (size_t)k, 0) == ENODATA,
			      "%u prefix %d", seed[i].code, k);
		}
	}
}

/* -- every defect class, with its offset --------------------------------- */

static const struct {
	const char *in;
	size_t len;              /* 0: strlen(in) */
	enum sl_defect defect;
	size_t off;
	const char *why;
} broken[] = {
	{" SIP/2.0 200 OK\r\n", 0, SL_LEADING_WS, 0, "leading SP"},
	{"\tSIP/2.0 200 OK\r\n", 0, SL_LEADING_WS, 0, "leading HTAB"},
	{"\r\nSIP/2.0 200 OK\r\n", 0, SL_LEADING_WS, 0, "leading CRLF"},
	{"SIP/3.0 200 OK\r\n", 0, SL_VERSION, 4, "SIP/3.0"},
	{"SIP/2.1 200 OK\r\n", 0, SL_VERSION, 6, "SIP/2.1"},
	{"HTTP/1.1 200 OK\r\n", 0, SL_VERSION, 0, "HTTP"},
	{"SIP/2.00 200 OK\r\n", 0, SL_VERSION, 7, "SIP/2.00"},
	{"SIP/2 200 OK\r\n", 0, SL_VERSION, 5, "SIP/2"},
	{"SIP/2.0\t200 OK\r\n", 0, SL_SP_MISSING, 7, "HTAB for SP"},
	{"SIP/2.0 200\r\n", 0, SL_SP_MISSING, 11, "no SP before CRLF"},
	{"SIP/2.0 200OK\r\n", 0, SL_SP_MISSING, 11, "no SP before reason"},
	{"SIP/2.0  200 OK\r\n", 0, SL_SP_DOUBLE, 8, "two SP before code"},
	{"SIP/2.0 2000 OK\r\n", 0, SL_CODE_DIGITS, 11, "four digits"},
	{"SIP/2.0 20 OK\r\n", 0, SL_CODE_DIGITS, 10, "two digits"},
	{"SIP/2.0 2x0 OK\r\n", 0, SL_CODE_DIGITS, 9, "letter in code"},
	{"SIP/2.0 OK\r\n", 0, SL_CODE_DIGITS, 8, "no code"},
	{"SIP/2.0 4294967301 better not break the receiver\r\n", 0,
	 SL_CODE_DIGITS, 11, "libre reads this as 5"},
	{"SIP/2.0 65736 OK\r\n", 0, SL_CODE_DIGITS, 11,
	 "libre wraps this to 200"},
	{"SIP/2.0 099 OK\r\n", 0, SL_CODE_RANGE, 8, "below 100"},
	{"SIP/2.0 000 OK\r\n", 0, SL_CODE_RANGE, 8, "zero"},
	{"SIP/2.0 700 OK\r\n", 0, SL_CODE_RANGE, 8, "above 699"},
	{"SIP/2.0 999 OK\r\n", 0, SL_CODE_RANGE, 8, "999"},
	{"SIP/2.0 7", 0, SL_CODE_RANGE, 8,
	 "dead from its first digit: no ENODATA"},
	{"SIP/2.0 0", 0, SL_CODE_RANGE, 8, "0 starts no Status-Code"},
	{"SIP/2.0 200 O\"K\r\n", 0, SL_REASON_CHAR, 13, "DQUOTE"},
	{"SIP/2.0 200 O\0K\r\n", 17, SL_REASON_CHAR, 13, "NUL"},
	{"SIP/2.0 200 O\x1bK\r\n", 0, SL_REASON_CHAR, 13, "ESC"},
	{"SIP/2.0 200 O\x7fK\r\n", 0, SL_REASON_CHAR, 13, "DEL"},
	{"SIP/2.0 200 <OK>\r\n", 0, SL_REASON_CHAR, 12, "angle bracket"},
	{"SIP/2.0 200 \xc3\r\n", 0, SL_REASON_UTF8, 13,
	 "lead byte then CR"},
	{"SIP/2.0 200 \x80OK\r\n", 0, SL_REASON_UTF8, 12,
	 "stray continuation"},
	{"SIP/2.0 200 \xc0\xafOK\r\n", 0, SL_REASON_UTF8, 12, "overlong /"},
	{"SIP/2.0 200 \xe0\x80\xafOK\r\n", 0, SL_REASON_UTF8, 13,
	 "overlong 3-byte"},
	{"SIP/2.0 200 \xed\xa0\x80\r\n", 0, SL_REASON_UTF8, 13,
	 "UTF-16 surrogate"},
	{"SIP/2.0 200 \xf4\x90\x80\x80\r\n", 0, SL_REASON_UTF8, 13,
	 "above U+10FFFF"},
	{"SIP/2.0 200 \xff\r\n", 0, SL_REASON_UTF8, 12, "0xff"},
	{"SIP/2.0 200 50%\r\n", 0, SL_REASON_ESCAPE, 14, "% then CR"},
	{"SIP/2.0 200 %zz\r\n", 0, SL_REASON_ESCAPE, 12, "% non-hex"},
	{"SIP/2.0 200 %2g\r\n", 0, SL_REASON_ESCAPE, 12, "% one hex"},
	{"SIP/2.0 200 OK\rVia: x\r\n", 0, SL_BARE_CR, 14, "bare CR"},
	{"SIP/2.0 200 OK\n", 0, SL_BARE_LF, 14, "bare LF"},
	{"SIP/2.0 200 OK\n\r\n", 0, SL_BARE_LF, 14, "LF then CRLF"},
};

static void test_broken(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(broken); i++) {
		size_t len = broken[i].len ? broken[i].len
			: strlen(broken[i].in);
		struct statusline sl;
		int err = parse(&sl, broken[i].in, len, 0);

		CHECK(err == EBADMSG, "%s: err %d", broken[i].why, err);
		CHECK(sl.defect == broken[i].defect, "%s: defect %s, want %s",
		      broken[i].why, statusline_defect_name(sl.defect),
		      statusline_defect_name(broken[i].defect));
		CHECK(sl.off == broken[i].off, "%s: offset %zu, want %zu",
		      broken[i].why, sl.off, broken[i].off);
	}
}

/* -- the configurable line limit ----------------------------------------- */

static void test_too_long(void)
{
	static char line[3000];
	struct statusline sl;
	size_t n;

	memcpy(line, "SIP/2.0 200 ", 12);
	memset(line + 12, 'x', sizeof(line) - 14);
	memcpy(line + sizeof(line) - 2, "\r\n", 2);
	n = sizeof(line);

	CHECK(parse(&sl, line, n, 0) == EBADMSG, "default limit");
	CHECK(sl.defect == SL_TOO_LONG && sl.off == SL_MAXLEN_DEFAULT,
	      "default limit: %s at %zu", statusline_defect_name(sl.defect),
	      sl.off);

	CHECK(parse(&sl, line, n, n) == 0, "limit == line length");
	CHECK(sl.len == n, "len %zu", sl.len);

	CHECK(parse(&sl, line, n, n - 1) == EBADMSG, "limit one short");
	CHECK(sl.defect == SL_TOO_LONG && sl.off == n - 1, "off %zu",
	      sl.off);

	/* Short input below the limit is still only a prefix */
	CHECK(parse(&sl, line, 100, 0) == ENODATA, "prefix below limit");

	/* The limit also bounds the version and the code */
	CHECK(parse(&sl, "SIP/2.0 200 OK\r\n", 16, 5) == EBADMSG,
	      "tiny limit");
	CHECK(sl.defect == SL_TOO_LONG && sl.off == 5, "tiny: %zu", sl.off);
}

/* -- what libre's sip_msg_decode gets wrong, and we must not ------------- */

static void test_libre_traps(void)
{
	static const struct {
		const char *in;
		enum sl_defect defect;
	} tab[] = {
		{"SIP/2.0 2000 OK\r\n",  SL_CODE_DIGITS},
		{"SIP/2.0 20 OK\r\n",    SL_CODE_DIGITS},
		{"SIP/2.0 099 OK\r\n",   SL_CODE_RANGE},
		{"SIP/2.0 999 OK\r\n",   SL_CODE_RANGE},
		{"SIP/2.0 4294967301 better not break the receiver\r\n",
		 SL_CODE_DIGITS},
		{"SIP/2.0 65736 OK\r\n", SL_CODE_DIGITS},
		{"SIP/3.0 200 OK\r\n",   SL_VERSION},
		{"SIP/2.0 200 OK\n",     SL_BARE_LF},
	};

	for (size_t i = 0; i < ARRAY_SIZE(tab); i++) {
		struct statusline sl;

		CHECK(parse(&sl, tab[i].in, strlen(tab[i].in), 0) == EBADMSG
		      && sl.defect == tab[i].defect, "%s", tab[i].in);
	}
}

static void test_args(void)
{
	struct statusline sl;

	CHECK(statusline_parse(NULL, "x", 1, 0) == EINVAL, "NULL sl");
	CHECK(statusline_parse(&sl, NULL, 1, 0) == EINVAL, "NULL buf");
	CHECK(statusline_parse(&sl, NULL, 0, 0) == ENODATA, "empty");
	CHECK(!strcmp(statusline_defect_name(SL_TOO_LONG), "too-long"),
	      "defect name");
	CHECK(!strcmp(statusline_meaning(487), "Request Terminated"), "487");
	CHECK(statusline_meaning(299) == NULL, "299 unregistered");
}

int main(void)
{
	if (guard_init()) {
		fprintf(stderr, "cannot map the guard page\n");
		return 99;
	}

	test_seed_codes();
	test_classify_unknown();
	test_valid();
	test_prefixes();
	test_broken();
	test_too_long();
	test_libre_traps();
	test_args();

	return test_summary("test_statusline");
}
