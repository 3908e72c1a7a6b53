/**
 * @file fuzz_diff_libre.c  libFuzzer target: our verdicts against libre's
 *
 * The input is one response.  Our verdicts: message_scan() (the status
 * line by statusline_parse(), the header block, every header line) and
 * the strict header grammar, hvalue_check(), on the first Via and every
 * From, To, CSeq and Call-ID.  libre's: sip_msg_decode() on the same
 * bytes (1.1.0, the library the client's peers are most often built on).
 *
 * Every disagreement is put in a class (class_of()); the classes we know,
 * each a documented leniency of libre with an example input, are in
 * known[] and in fuzz/README.md.  A disagreement of any other class is a
 * finding: the target prints the class and aborts.  It also checks that
 * whatever both accept, both read alike: the same status code, and the
 * same reason phrase bytes.  With DIFF_LIBRE_CLASS set in the
 * environment it prints the class of every input.
 *
 * Compared only where both speak of the same bytes: a response whose
 * header block we find complete (an empty line after CRLF line ends), so
 * libre's ENODATA ("need more") is not a verdict.
 */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "sip/hvalue.h"
#include "fuzz.h"

/* The classes of disagreement that are libre's known leniency (README) */
static const char *const known[] = {
	"libre-accepts-sl-code-digits",
	"libre-accepts-sl-code-range",
	"libre-accepts-sl-reason-char",
	"libre-accepts-sl-reason-utf8",
	"libre-accepts-sl-reason-escape",
	"libre-accepts-sl-version",
	"libre-accepts-sl-too-long",
	"libre-accepts-too-many-headers",
	"libre-accepts-via",
	"libre-accepts-from",
	"libre-accepts-to",
	"libre-accepts-cseq",
	"libre-accepts-call-id",
	"libre-accepts-line-end",
	"libre-accepts-header-line",
	"libre-accepts-sl-bare-lf",
	"libre-accepts-sl-bare-cr",
	"libre-accepts-sl-sp-missing",
	"libre-refuses-via-protocol",
	"libre-refuses-via-branch",
	"libre-refuses-no-headers",
	"libre-refuses-content-type",
	"libre-refuses-name-hash",
	"libre-refuses-via-transport",
	"libre-refuses-addr-uri",
	"libre-refuses-reason-sip-version",
};

static const enum hdr_id checked[] = {
	HDR_VIA, HDR_FROM, HDR_TO, HDR_CSEQ, HDR_CALL_ID
};

static const char *const checked_name[] = {
	"via", "from", "to", "cseq", "call-id"
};

static struct message *msg;

/* Our verdict: NULL when we take the response, else what we refuse */
static const char *ours(const struct message *m)
{
	static char sl[48];

	if (m->sl_err) {
		snprintf(sl, sizeof(sl), "sl-%s",
			 statusline_defect_name(m->sl.defect));
		return sl;
	}
	if (m->first_eol != EOL_CRLF)
		return "line-end";
	/* past MSG_MAXHDRS lines we do not judge (framing.too-many-headers,
	 * NOJUDGE), and this target would compare libre's verdict on lines
	 * we never scanned */
	if (m->hdr_overflow)
		return "too-many-headers";
	for (unsigned i = 0; i < m->hdrc; i++) {
		const struct msg_hdr *h = &m->hdrv[i];

		if (h->eol != EOL_CRLF)
			return "line-end";
		if (h->bad_syntax)
			return "header-line";
	}
	/* the first Via (libre decodes only that one), every From, To,
	 * CSeq and Call-ID (libre decodes each, the last one wins) */
	for (size_t k = 0; k < ARRAY_SIZE(checked); k++) {
		bool first = true;

		for (unsigned i = 0; i < m->hdrc; i++) {
			const struct msg_hdr *h = &m->hdrv[i];
			struct hvalue hv;

			if (h->id != checked[k] ||
			    (checked[k] == HDR_VIA && !first))
				continue;
			first = false;
			if (hvalue_check(&hv, checked[k], h->val.p, h->val.l))
				return checked_name[k];
		}
	}
	return NULL;
}

static bool via_has_branch(const struct pl *v)
{
	for (size_t i = 0; i + 8 <= v->l; i++)
		if (!strncasecmp(v->p + i, ";branch=", 8))
			return true;
	return false;
}

/* What libre refuses that we take, by what is in it */
static bool ctype_bad(const struct message *m)
{
	/* libre decodes every Content-Type, not only the first */
	for (unsigned i = 0; i < m->hdrc; i++) {
		const struct msg_hdr *h = &m->hdrv[i];
		struct hvalue hv;

		if (h->id == HDR_CONTENT_TYPE &&
		    hvalue_check(&hv, HDR_CONTENT_TYPE, h->val.p, h->val.l))
			return true;
	}
	return false;
}

/* libre knows a header field by a hash of its name, cut to 12 bits
 * (hdr_hash() in its src/sip/msg.c: hash_joaat_ci() & 0xfff, the
 * compact forms and "X-" names aside), never by the name itself.  So an
 * extension header whose name has the hash of Via, From, To, CSeq or
 * Content-Type ("Frpm" has Via's, 3961) is decoded as that field, and
 * its value, which RFC 3261 lets be any text, refuses the message. */
static enum sip_hdrid libre_id(const struct pl *name)
{
	if (name->l < 2 || ((name->p[0] | 0x20) == 'x' && name->p[1] == '-'))
		return SIP_HDR_NONE;
	return (enum sip_hdrid)(hash_joaat_ci(name->p, name->l) & 0xfff);
}

static bool libre_decode_fails(enum sip_hdrid id, const struct pl *val)
{
	struct sip_via via;
	struct sip_addr addr;
	struct sip_cseq cseq;
	struct msg_ctype ctype;

	switch (id) {

	case SIP_HDR_VIA:     return sip_via_decode(&via, val) != 0;
	case SIP_HDR_FROM:
	case SIP_HDR_TO:      return sip_addr_decode(&addr, val) != 0;
	case SIP_HDR_CSEQ:    return sip_cseq_decode(&cseq, val) != 0;
	case SIP_HDR_CONTENT_TYPE:
		return msg_ctype_decode(&ctype, val) != 0;
	default:              return false;
	}
}

/* An extension header that libre takes for one it decodes, and whose
 * value its decoder refuses (of the Via-hashed ones, only the first
 * counts: libre decodes the first Via only) */
static bool name_hash_refused(const struct message *m)
{
	bool via_seen = false;

	for (unsigned i = 0; i < m->hdrc; i++) {
		const struct msg_hdr *h = &m->hdrv[i];
		enum sip_hdrid id = h->id == HDR_OTHER ?
			libre_id(&h->name) : SIP_HDR_NONE;

		if (h->id == HDR_VIA)
			via_seen = true;
		if (id == SIP_HDR_VIA && via_seen)
			continue;
		if (id == SIP_HDR_VIA)
			via_seen = true;
		if (libre_decode_fails(id, &h->val))
			return true;
	}
	return false;
}

/* A From or To whose URI is an absoluteURI other than sip/sips, which
 * libre's uri_decode() cannot read: it wants [user "@"] host [":" port]
 * after every scheme ("INVh::", opaque-part = uric-no-slash *uric) */
static bool addr_uri_refused(const struct message *m)
{
	for (unsigned i = 0; i < m->hdrc; i++) {
		const struct msg_hdr *h = &m->hdrv[i];
		struct sip_addr addr;
		struct hvalue hv;

		if ((h->id == HDR_FROM || h->id == HDR_TO) &&
		    !hvalue_check(&hv, h->id, h->val.p, h->val.l) &&
		    !hv.first.addr.uri.sip &&
		    sip_addr_decode(&addr, &h->val))
			return true;
	}
	return false;
}

static const char *refused(const struct message *m, int err)
{
	const struct msg_hdr *via = message_hdr(m, HDR_VIA);
	struct hvalue hv;

	if (err == -1)
		return "as-request";
	/* libre tells a request from a response by its third word alone
	 * (msg->req = "SIP/2.0" == third), so a Reason-Phrase of exactly
	 * SIP/2.0 makes "SIP/2.0 200 SIP/2.0" a request whose Request-URI
	 * "200" uri_decode() refuses */
	if (!pl_strcmp(&m->sl.reason, "SIP/2.0"))
		return "reason-sip-version";
	if (name_hash_refused(m))
		return "name-hash";
	if (addr_uri_refused(m))
		return "addr-uri";
	/* libre's decoder wants a header field before the empty line */
	if (!m->hdrc)
		return "no-headers";
	/* sent-protocol = protocol-name "/" protocol-version "/" transport,
	 * protocol-name = "SIP" / token (RFC 3261 section 25.1) */
	if (via && (via->val.l < 8 ||
		    strncasecmp(via->val.p, "SIP/2.0/", 8)))
		return "via-protocol";
	/* we take the response: its first Via parses, hv.first is its
	 * first via-parm, the one libre decodes (it splits at commas) */
	if (via && hvalue_check(&hv, HDR_VIA, via->val.p, via->val.l))
		via = NULL;
	/* transport = ... / other-transport, other-transport = token: its
	 * decoder's pattern is "[A-Z]+" (case folded), so a transport that
	 * starts with another token character ("*UDP", "1X") is refused */
	if (via && hv.first.via.transport.l &&
	    !isalpha((unsigned char)hv.first.via.transport.p[0]))
		return "via-transport";
	/* RFC 2543 had no branch; a response echoes the request's Via, and
	 * our grammar (like the RFC 3261 ABNF) makes it optional.  Only the
	 * first via-parm's counts: "...;x, SIP/2.0/UDP h;branch=z9" has
	 * none for libre */
	if (via && !via_has_branch(&hv.first.text))
		return "via-branch";
	/* libre refuses the whole message for a Content-Type its decoder
	 * cannot read; our grammar refuses that value too (hdr.other.syntax),
	 * but this target compares neither it nor the body */
	if (ctype_bad(m))
		return "content-type";
	return err == ENODATA ? "enodata" : err == EBADMSG ? "ebadmsg" :
		"other";
}

static bool is_known(const char *cls)
{
	for (size_t i = 0; i < ARRAY_SIZE(known); i++)
		if (!strcmp(known[i], cls))
			return true;
	return false;
}

static void finding(const char *cls, const uint8_t *data, size_t size)
{
	fprintf(stderr, "fuzz_diff_libre: new class of disagreement: %s\n"
		"input (%zu bytes): \"", cls, size);
	for (size_t i = 0; i < size && i < 512; i++)
		fprintf(stderr, data[i] >= 0x20 && data[i] < 0x7f &&
			data[i] != '"' && data[i] != '\\' ? "%c" : "\\x%02x",
			data[i]);
	fprintf(stderr, "\"\n");
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sip_msg *sm = NULL;
	struct mbuf *mb;
	const char *we;
	char cls[64];
	int err;

	if (!msg) {
		msg = mem_zalloc(sizeof(*msg), NULL);
		if (!msg)
			abort();
	}

	message_scan(msg, (const char *)data, size, 0);
	/* a complete header block of CRLF lines, or nothing to compare */
	if (!msg->has_eoh || msg->eoh_eol != EOL_CRLF)
		return 0;
	we = ours(msg);

	mb = mbuf_alloc(size ? size : 1);
	if (!mb)
		abort();
	(void)mbuf_write_mem(mb, data, size);
	mb->pos = 0;
	err = sip_msg_decode(&sm, mb);
	if (!err && sm->req)
		err = -1;     /* libre saw a request: not a response */

	cls[0] = '\0';
	if (!err && we)
		snprintf(cls, sizeof(cls), "libre-accepts-%s", we);
	else if (err && !we)
		snprintf(cls, sizeof(cls), "libre-refuses-%s",
			 refused(msg, err));
	else if (!err && !we) {
		/* both take it: both read the same code and reason */
		if (sm->scode != msg->sl.scode ||
		    pl_cmp(&sm->reason, &msg->sl.reason))
			snprintf(cls, sizeof(cls),
				 "libre-takes-other-status-line");
	}

	/* DIFF_LIBRE_CLASS=1: say the class of every input (the README's
	 * examples are checked so) */
	if (getenv("DIFF_LIBRE_CLASS"))
		fprintf(stderr, "class: %s (ours: %s, libre: %d)\n",
			cls[0] ? cls : "agree", we ? we : "ok", err);
	if (cls[0] && !is_known(cls))
		finding(cls, data, size);

	mem_deref(sm);
	mem_deref(mb);
	return 0;
}
