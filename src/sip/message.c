/**
 * @file message.c  Zero-copy map of one received SIP response
 *
 * Not a decoder: it never rejects.  Whatever the bytes are, it records
 * where lines end and how, so every framing defect can be reported with
 * its offset instead of being dropped the way a lenient stack drops them.
 */
#include <config.h>
#include <stddef.h>
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "sip/hgrammar.h"

/* name is an array, not a pointer, so that name_eq() may read it 8 bytes
 * at a time up to the length of any name it is handed (by_len's rows) */
#define HDR_NAME_MAX 18   /* "Proxy-Authenticate" */

static const struct {
	char name[HDR_NAME_MAX + 2];
	char compact;           /* RFC 3261 section 7.3.3 and extensions */
} hdr_names[HDR_COUNT] = {
	[HDR_OTHER]              = {"",                   0},
	[HDR_VIA]                = {"Via",                'v'},
	[HDR_FROM]               = {"From",               'f'},
	[HDR_TO]                 = {"To",                 't'},
	[HDR_CALL_ID]            = {"Call-ID",            'i'},
	[HDR_CSEQ]               = {"CSeq",               0},
	[HDR_CONTENT_LENGTH]     = {"Content-Length",     'l'},
	[HDR_CONTENT_TYPE]       = {"Content-Type",       'c'},
	[HDR_CONTACT]            = {"Contact",            'm'},
	[HDR_RECORD_ROUTE]       = {"Record-Route",       0},
	[HDR_WWW_AUTHENTICATE]   = {"WWW-Authenticate",   0},
	[HDR_PROXY_AUTHENTICATE] = {"Proxy-Authenticate", 0},
	[HDR_ALLOW]              = {"Allow",              0},
	[HDR_ACCEPT]             = {"Accept",             0},
	[HDR_ACCEPT_ENCODING]    = {"Accept-Encoding",    0},
	[HDR_ACCEPT_LANGUAGE]    = {"Accept-Language",    0},
	[HDR_SUPPORTED]          = {"Supported",          'k'},
	[HDR_UNSUPPORTED]        = {"Unsupported",        0},
	[HDR_REQUIRE]            = {"Require",            0},
	[HDR_MIN_EXPIRES]        = {"Min-Expires",        0},
	[HDR_MIN_SE]             = {"Min-SE",             0},
	[HDR_RSEQ]               = {"RSeq",               0},
	[HDR_TIMESTAMP]          = {"Timestamp",          0},
	[HDR_WARNING]            = {"Warning",            0},
	[HDR_RETRY_AFTER]        = {"Retry-After",        0},
	[HDR_MAX_FORWARDS]       = {"Max-Forwards",       0},
	[HDR_RACK]               = {"RAck",               0},
	[HDR_EXPIRES]            = {"Expires",            0},
	[HDR_SESSION_EXPIRES]    = {"Session-Expires",    'x'},  /* RFC 4028 */
	[HDR_DATE]               = {"Date",               0},
	[HDR_ALLOW_EVENTS]       = {"Allow-Events",       'u'},  /* RFC 6665 */
	[HDR_ROUTE]              = {"Route",              0},
};

const char *message_hdr_name(enum hdr_id id)
{
	return (unsigned)id < HDR_COUNT ? hdr_names[id].name : "?";
}

/* name is a token (hdr_parse), so hg_fold_eq()'s c | 0x20 maps no byte
 * of it onto a letter it is not, nor onto the NUL or the padding after a
 * shorter word; name->l is at most HDR_NAME_MAX (hdr_lookup), so the
 * compare stays inside the word's array */
static bool name_eq(const struct pl *name, const char *word)
{
	return hg_fold_eq(name->p, word, name->l) && word[name->l] == '\0';
}

/* The full names of each length: a name is compared with at most five of
 * them, not tried against all 31 (that loop was a third of
 * message_scan()'s own instructions).  Every name of hdr_names appears
 * here once, under its length. */
static const enum hdr_id by_len[HDR_NAME_MAX + 1][5] = {
	[2]  = {HDR_TO},
	[3]  = {HDR_VIA},
	[4]  = {HDR_FROM, HDR_CSEQ, HDR_RSEQ, HDR_RACK, HDR_DATE},
	[5]  = {HDR_ALLOW, HDR_ROUTE},
	[6]  = {HDR_ACCEPT, HDR_MIN_SE},
	[7]  = {HDR_CALL_ID, HDR_CONTACT, HDR_REQUIRE, HDR_WARNING,
		HDR_EXPIRES},
	[9]  = {HDR_SUPPORTED, HDR_TIMESTAMP},
	[11] = {HDR_UNSUPPORTED, HDR_MIN_EXPIRES, HDR_RETRY_AFTER},
	[12] = {HDR_CONTENT_TYPE, HDR_RECORD_ROUTE, HDR_MAX_FORWARDS,
		HDR_ALLOW_EVENTS},
	[14] = {HDR_CONTENT_LENGTH},
	[15] = {HDR_ACCEPT_ENCODING, HDR_ACCEPT_LANGUAGE,
		HDR_SESSION_EXPIRES},
	[16] = {HDR_WWW_AUTHENTICATE},
	[18] = {HDR_PROXY_AUTHENTICATE},
};

static enum hdr_id hdr_lookup(const struct pl *name)
{
	const enum hdr_id *cand;

	if (name->l == 1) {
		char c = (char)(name->p[0] | 0x20);

		for (int i = 1; i < HDR_COUNT; i++)
			if (hdr_names[i].compact == c)
				return (enum hdr_id)i;
		return HDR_OTHER;
	}
	if (name->l > HDR_NAME_MAX)
		return HDR_OTHER;

	/* the first letter rules out most candidates without a compare
	 * (every name is letters first); HDR_OTHER (0) ends a row */
	cand = by_len[name->l];
	for (size_t k = 0; k < ARRAY_SIZE(by_len[0]) && cand[k]; k++)
		if ((name->p[0] | 0x20) == (hdr_names[cand[k]].name[0] | 0x20)
		    && name_eq(name, hdr_names[cand[k]].name))
			return cand[k];

	return HDR_OTHER;
}

/* End of the line starting at i: returns the offset of its EOL and sets
 * *next to the start of the following line. */
static size_t line_end(const char *buf, size_t len, size_t i, enum eol *eol,
		       size_t *next)
{
	/* two memchr() over the line instead of a byte loop: the line end
	 * is the first LF or the first CR before it */
	const char *lf = memchr(buf + i, '\n', len - i);
	size_t stop = lf ? (size_t)(lf - buf) : len;
	const char *cr = memchr(buf + i, '\r', stop - i);

	if (cr) {
		size_t c = (size_t)(cr - buf);

		if (lf && c + 1 == stop) {
			*eol  = EOL_CRLF;
			*next = c + 2;
			return c;
		}
		if (c + 1 < len) {
			*eol  = EOL_CR;
			*next = c + 1;
			return c;
		}
		/* a CR that ends the input ends no line yet */
	}
	else if (lf) {
		*eol  = EOL_LF;
		*next = stop + 1;
		return stop;
	}

	*eol  = EOL_NONE;
	*next = len;
	return len;
}

/* LWS around a value belongs to HCOLON and the line end (section 7.3.1,
 * HCOLON = *( SP / HTAB ) ":" SWS, LWS = [*WSP CRLF] 1*WSP), folds
 * included: "Call-ID:" CRLF SP "abc" is the Call-ID "abc".  Was SP and
 * HTAB only, so a value folded right after the colon, or ending in a
 * blank continuation line, kept the fold's CR LF: a false
 * framing.content-length MUST ("not a number") and a Call-ID that
 * matched no request (fuzz_diff_libre, comparing values with libre's).
 * A bare CR or LF is no fold: it stays in the value, whose grammar
 * reports it besides framing.line-end. */
static inline void pl_trim_ws(struct pl *pl)
{
	for (;;) {
		if (pl->l && (pl->p[0] == ' ' || pl->p[0] == '\t')) {
			pl->p++;
			pl->l--;
		}
		else if (pl->l >= 2 && pl->p[0] == '\r' && pl->p[1] == '\n') {
			pl->p += 2;
			pl->l -= 2;
		}
		else
			break;
	}
	for (;;) {
		const char *e = pl->p + pl->l;

		if (pl->l && (e[-1] == ' ' || e[-1] == '\t'))
			pl->l--;
		else if (pl->l >= 2 && e[-2] == '\r' && e[-1] == '\n')
			pl->l -= 2;
		else
			break;
	}
}

static void hdr_parse(struct msg_hdr *h, const char *buf, size_t off,
		      size_t end)
{
	size_t i = off;

	/* a byte loop: names are short, hs_span()'s rounds of four cost
	 * more here than they save (callgrind) */
	while (i < end && hg_is((uint8_t)buf[i], HG_TOKEN))
		i++;

	h->name.p = buf + off;
	h->name.l = i - off;

	while (i < end && (buf[i] == ' ' || buf[i] == '\t'))
		i++;

	if (!h->name.l || i >= end || buf[i] != ':') {
		h->bad_syntax = true;
		h->val.p = buf + off;
		h->val.l = end - off;
		return;
	}

	h->val.p = buf + i + 1;
	h->val.l = end - i - 1;
	pl_trim_ws(&h->val);
	h->id = hdr_lookup(&h->name);
}

static void clen_parse(struct message *m)
{
	const struct msg_hdr *h = message_hdr(m, HDR_CONTENT_LENGTH);
	uint64_t v = 0;
	size_t i = 0;

	if (!h || !h->val.l)
		return;
	/* 1*DIGIT (section 20.14): leading zeros are digits too, and do
	 * not count towards the ten that fit (RFC 4475 section 3.1.1.1
	 * sends them).  Was: more than ten bytes were "not a number",
	 * so "Content-Length: 000000000000" gave a false
	 * framing.content-length MUST (fuzz_diff_libre, against libre's
	 * pl_u32()) */
	while (i + 1 < h->val.l && h->val.p[i] == '0')
		i++;
	if (h->val.l - i > 10)
		return;

	for (; i < h->val.l; i++) {
		if (h->val.p[i] < '0' || h->val.p[i] > '9')
			return;
		v = v * 10 + (uint64_t)(h->val.p[i] - '0');
	}

	m->clen_valid = true;
	m->clen = v;
}

/**
 * Map the response in buf.  Never fails: a defect shows in the fields.
 * maxline is the status-line limit handed to statusline_parse().
 */
void message_scan(struct message *m, const char *buf, size_t len,
		  size_t maxline)
{
	size_t i, next, end;
	enum eol eol;
	bool bol;

	/* everything but hdrv: each entry in use is cleared when taken
	 * (the 128 entries are 10 KB, more than the scan of a response) */
	memset(m, 0, offsetof(struct message, hdrv));
	m->buf = buf;
	m->len = len;

	m->sl_err = statusline_parse(&m->sl, buf, len, maxline);

	end = line_end(buf, len, 0, &m->first_eol, &next);
	m->first_line.p = buf;
	m->first_line.l = end;

	/* At the start of a line as the framer (framer.c) sees lines: after
	 * a CRLF or a bare LF.  Section 7: the header fields end at "an
	 * empty line", CRLF (leniently LF); a bare CR ends no line there, so
	 * "\r\n\rX" or "\r\r\n" is no empty line.  Cut here elsewhere than
	 * the framer cuts a stream, the judge saw a false Content-Length
	 * mismatch and hid the headers after (fuzz_framer found it,
	 * corpus/framer.repro/bare-cr-*). */
	bol = m->first_eol == EOL_CRLF || m->first_eol == EOL_LF;

	for (i = next; i < len; i = next) {
		struct msg_hdr *h;

		end = line_end(buf, len, i, &eol, &next);

		/* an empty line has its EOL: without one a line runs to
		 * len, and i < len */
		if (end == i) {
			if (bol && eol != EOL_CR) {
				m->has_eoh = true;
				m->eoh_eol = eol;
				m->eoh_off = i;
				m->body.p  = buf + next;
				m->body.l  = len - next;
				break;
			}
			/* nothing after a bare CR: the rest of the line
			 * before, whose bare CR is its defect */
			if (!bol) {
				bol = eol != EOL_CR;
				continue;
			}
		}
		bol = eol == EOL_CRLF || eol == EOL_LF;

		/* folded continuation of the previous header (section 7.3.1) */
		if ((buf[i] == ' ' || buf[i] == '\t') && m->hdrc &&
		    !m->hdr_overflow) {
			h = &m->hdrv[m->hdrc - 1];
			if (!h->bad_syntax) {
				h->val.l = (size_t)(buf + end - h->val.p);
				pl_trim_ws(&h->val);
			}
			/* a bare LF or CR before the fold stays the line's
			 * defect (LWS is [*WSP CRLF] 1*WSP); was: the
			 * continuation's CRLF hid it */
			if (h->eol == EOL_CRLF)
				h->eol = eol;
			continue;
		}

		if (m->hdrc == MSG_MAXHDRS) {
			if (!m->hdr_overflow)
				m->overflow_off = i;
			m->hdr_overflow = true;
			continue;
		}

		h = &m->hdrv[m->hdrc++];
		memset(h, 0, sizeof(*h));
		h->off    = i;
		h->eol    = eol;
		h->line.p = buf + i;
		h->line.l = end - i;
		hdr_parse(h, buf, i, end);
		m->hdr_ids |= (uint64_t)1 << h->id;
	}

	if (!m->has_eoh)
		m->body.p = buf + len;

	clen_parse(m);
}

size_t message_dup_size(const struct message *m)
{
	/* a 10-header message takes about 900 bytes instead of 9 KB; every
	 * reader indexes hdrv below hdrc only */
	return offsetof(struct message, hdrv) + m->hdrc * sizeof(m->hdrv[0]);
}

struct message *message_dup_to(void *dst, const struct message *m)
{
	memcpy(dst, m, message_dup_size(m));
	return dst;
}

_Static_assert(HDR_COUNT <= 64, "struct message's hdr_ids has a bit an id");

const struct msg_hdr *message_hdr(const struct message *m, enum hdr_id id)
{
	if (!((m->hdr_ids >> id) & 1))
		return NULL;
	for (unsigned i = 0; i < m->hdrc; i++)
		if (m->hdrv[i].id == id)
			return &m->hdrv[i];
	return NULL;
}

unsigned message_hdr_count(const struct message *m, enum hdr_id id)
{
	unsigned n = 0;

	if (!((m->hdr_ids >> id) & 1))
		return 0;
	for (unsigned i = 0; i < m->hdrc; i++)
		if (m->hdrv[i].id == id)
			n++;
	return n;
}

/** The line of the message that holds byte off, without its EOL */
struct pl message_line_at(const struct message *m, size_t off)
{
	struct pl pl;
	size_t s = off, e = off;

	if (off > m->len)
		off = s = e = m->len;

	while (s > 0 && m->buf[s - 1] != '\n')
		s--;
	while (e < m->len && m->buf[e] != '\n' && m->buf[e] != '\r')
		e++;

	pl.p = m->buf + s;
	pl.l = e - s;
	return pl;
}
