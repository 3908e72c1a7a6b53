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
 * whatever both accept, both read alike: the same status line, and the
 * same values of the fields both decode (values_differ(): Call-ID,
 * CSeq, From, To, the top Via, Contact, Content-Length, Content-Type,
 * Max-Forwards, Expires, RSeq, 100rel in Require and Supported); a
 * difference is a class too.  With DIFF_LIBRE_CLASS set in the
 * environment it prints the class of every input, and both readings of
 * a value that differs.
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
#include "sip/hdrlist.h"
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
	"libre-takes-last-duplicate",
	"libre-takes-name-hash-value",
	"libre-takes-later-duplicate-param",
	"libre-reads-body-as-headers",
	"libre-reads-display-name-last-token",
	"libre-reads-addr-spec-lws",
	"libre-splits-at-comma-in-uri",
	"libre-cannot-decode-contact-uri",
	"libre-misses-param-after-prefix",
	"libre-reads-via-transport-cut",
	"libre-reads-via-transport-case",
	"libre-reads-via-sent-by-lws",
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

/* The first element of a comma-separated value as libre's decoder cuts
 * it: at the first comma out of quotes, a quote toggling them (msg.c:
 * "*p == ',' && comsep && !quote", no escapes), the LWS before it off */
static struct pl libre_first_elem(const struct pl *val)
{
	struct pl e = *val;
	bool quote = false;

	for (size_t i = 0; i < val->l; i++) {
		if (val->p[i] == '"')
			quote = !quote;
		else if (val->p[i] == ',' && !quote) {
			e.l = i;
			break;
		}
	}
	hdrlist_trim(&e);
	return e;
}

static bool libre_decode_fails(enum sip_hdrid id, const struct pl *val)
{
	struct pl first;
	struct sip_via via;
	struct sip_addr addr;
	struct sip_cseq cseq;
	struct msg_ctype ctype;

	switch (id) {

	case SIP_HDR_VIA:
		/* libre decodes the first via-parm of the value only */
		first = libre_first_elem(val);
		return sip_via_decode(&via, &first) != 0;
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

/*
 * The values: when both take the response, what each read.  Each field
 * is written out as a line of text, ours from the strict grammar (the
 * slices msg_fields and hvalue.h give the judge and the client), libre's
 * from struct sip_msg and the helpers its own users call on it
 * (msg_param_decode(), pl_u32(), sip_addr_decode() on the Contact lines,
 * sip_msg_hdr() for RSeq).  Slices of the same bytes, so compared
 * byte for byte; where libre gives no slice but a number or an enum
 * (ports, lengths, the Via transport) ours is brought to the same form.
 * A field whose value our grammar refuses is not compared: our decoder
 * does not read it (the hdr.* rules report it).
 */
enum field {
	F_CALL_ID, F_CSEQ, F_FROM, F_TO, F_VIA, F_CONTACT, F_CLEN, F_CTYPE,
	F_MAXFWD, F_EXPIRES, F_RSEQ, F_REQUIRE, F_SUPPORTED, F_COUNT
};

static const struct {
	const char *name;
	enum hdr_id id;
	enum sip_hdrid lid;
	bool last;   /* libre keeps the last line's (hdr_add() overwrites) */
} fields[F_COUNT] = {
	[F_CALL_ID] = {"call-id",        HDR_CALL_ID, SIP_HDR_CALL_ID, true},
	[F_CSEQ]    = {"cseq",           HDR_CSEQ,    SIP_HDR_CSEQ,    true},
	[F_FROM]    = {"from",           HDR_FROM,    SIP_HDR_FROM,    true},
	[F_TO]      = {"to",             HDR_TO,      SIP_HDR_TO,      true},
	[F_VIA]     = {"via",            HDR_VIA,     SIP_HDR_VIA,     false},
	[F_CONTACT] = {"contact",        HDR_CONTACT, SIP_HDR_CONTACT, false},
	[F_CLEN]    = {"content-length", HDR_CONTENT_LENGTH,
		       SIP_HDR_CONTENT_LENGTH, true},
	[F_CTYPE]   = {"content-type",   HDR_CONTENT_TYPE,
		       SIP_HDR_CONTENT_TYPE, true},
	[F_MAXFWD]  = {"max-forwards",   HDR_MAX_FORWARDS,
		       SIP_HDR_MAX_FORWARDS, true},
	[F_EXPIRES] = {"expires",        HDR_EXPIRES, SIP_HDR_EXPIRES, true},
	[F_RSEQ]    = {"rseq",           HDR_RSEQ,    SIP_HDR_RSEQ,    false},
	[F_REQUIRE] = {"require",        HDR_REQUIRE, SIP_HDR_REQUIRE, false},
	[F_SUPPORTED] = {"supported",    HDR_SUPPORTED, SIP_HDR_SUPPORTED,
			 false},
};

/* A value's text: at most about four bytes for each input byte (a
 * Contact list of one-byte URIs, each with its separator), and max_len
 * is 4096 */
enum { VAL_MAX = 4 * 4096 + 64 };

/* Parts of a value left out of its text, to see whether a difference is
 * confined to what a class explains (explain()) */
enum {
	OMIT_NAME   = 1 << 0,   /* display-name                           */
	OMIT_TAG    = 1 << 1,   /* tag                                    */
	OMIT_SENTBY = 1 << 2,   /* Via transport, sent-by, host, port     */
	OMIT_PARAMS = 1 << 3,   /* branch, received, rport, tag           */
	OMIT_URI    = 1 << 4,   /* From, To: the URI as sent, its host    */
};
static unsigned omit;

/* A host as libre gives it: an IPv6 reference without its brackets
 * (uri_decode_hostport()'s "\[[0-9a-f:]+\]") */
static struct pl host_bare(const struct pl *h)
{
	struct pl b = *h;

	if (b.l >= 2 && b.p[0] == '[' && b.p[b.l - 1] == ']') {
		b.p++;
		b.l -= 2;
	}
	return b;
}

/* A slice as text: absent and empty alike (libre sets an empty dname
 * or params absent, sip_addr_decode()) */
static const struct pl *sl(const struct pl *p)
{
	static const struct pl none = PL_INIT;

	return p->p ? p : &none;
}

/* Our transport as libre names its enum (sip_transp_name(): "???" for
 * SIP_TRANSP_NONE), matched case-insensitively (RFC 5234 section 2.3) */
static const char *transport_name(const struct pl *t)
{
	static const char *const known_tp[] = {"UDP", "TCP", "TLS"};

	for (size_t i = 0; i < ARRAY_SIZE(known_tp); i++)
		if (!pl_strcasecmp(t, known_tp[i]))
			return known_tp[i];
	return "???";
}

static void addr_text(char *buf, const struct pl *dname,
		      const struct pl *auri, const struct pl *tag,
		      const struct pl *user, const struct pl *host,
		      uint16_t port, bool parts)
{
	static const struct pl none = PL_INIT;

	if (omit & OMIT_NAME)
		dname = &none;
	if (omit & (OMIT_TAG | OMIT_PARAMS))
		tag = &none;
	if (omit & OMIT_URI)
		auri = host = &none;
	if (parts)
		(void)re_snprintf(buf, VAL_MAX, "name=%r uri=%r tag=%r "
				  "user=%r host=%r port=%u", sl(dname),
				  sl(auri), sl(tag), sl(user), sl(host), port);
	else
		(void)re_snprintf(buf, VAL_MAX, "name=%r uri=%r tag=%r",
				  sl(dname), sl(auri), sl(tag));
}

/* The text of a Via: its parts as each side gives them */
static void via_text(char *buf, const char *tp, const struct pl *sentby,
		     const struct pl *host, uint16_t port,
		     const struct pl *branch, const struct pl *received,
		     bool has_rport, const struct pl *rport)
{
	static const struct pl none = PL_INIT;

	if (omit & OMIT_SENTBY) {
		tp = "";
		sentby = host = &none;
		port = 0;
	}
	if (omit & OMIT_PARAMS) {
		branch = received = rport = &none;
		has_rport = false;
	}
	(void)re_snprintf(buf, VAL_MAX, "tp=%s sent-by=%r host=%r port=%u "
			  "branch=%r received=%r rport=%s%r", tp, sl(sentby),
			  sl(host), port, sl(branch), sl(received),
			  has_rport ? "yes:" : "no:", sl(rport));
}

struct contacts {
	char *buf;
	size_t n;
};

static bool contact_ours(const struct hv_elem *e, unsigned idx, void *arg)
{
	struct contacts *c = arg;
	struct pl star = PL("*");

	(void)idx;
	if (c->n < VAL_MAX)
		c->n += (size_t)re_snprintf(c->buf + c->n, VAL_MAX - c->n,
					    "%r | ", e->star ? &star :
					    &e->addr.uri.whole);
	return false;
}

static bool contact_libre(const struct sip_hdr *hdr, const struct sip_msg *m,
			  void *arg)
{
	struct contacts *c = arg;
	struct sip_addr addr;
	int err;

	(void)m;
	err = sip_addr_decode(&addr, &hdr->val);
	/* libre-reads-addr-spec-lws, as for From and To */
	if (!err && (omit & OMIT_URI))
		hdrlist_trim(&addr.auri);
	if (c->n < VAL_MAX)
		c->n += (size_t)re_snprintf(c->buf + c->n, VAL_MAX - c->n,
					    "%r | ", err ? &hdr->val :
					    &addr.auri);
	return false;
}

/* Our value of field f, read from line h (NULL: the header is absent);
 * false: our grammar refuses it, so our decoder reads nothing there */
static bool val_ours(char *buf, enum field f, const struct message *m,
		     const struct msg_hdr *h, bool *parts, struct hvalue *out)
{
	const struct hv_elem *e;
	struct hvalue hv;

	if (f == F_CONTACT) {
		struct contacts c = {buf, 0};

		buf[0] = '\0';
		for (unsigned i = 0; i < m->hdrc; i++)
			if (m->hdrv[i].id == HDR_CONTACT &&
			    hvalue_apply(&hv, HDR_CONTACT, m->hdrv[i].val.p,
					 m->hdrv[i].val.l, true,
					 contact_ours, &c))
				return false;
		return true;
	}
	if (f == F_REQUIRE || f == F_SUPPORTED) {
		/* what the client's 100rel handling reads (decode.c), of
		 * option tags our grammar takes: an ill-formed list ('<'
		 * is no token byte) is read one way by our split, which
		 * keeps "<...>" together, and another by libre's */
		for (unsigned i = 0; i < m->hdrc; i++)
			if (m->hdrv[i].id == fields[f].id &&
			    hvalue_check(&hv, fields[f].id, m->hdrv[i].val.p,
					 m->hdrv[i].val.l))
				return false;
		(void)re_snprintf(buf, VAL_MAX, "100rel=%d",
				  hdrlist_has_token(m, fields[f].id, "100rel"));
		return true;
	}
	if (!h) {
		(void)re_snprintf(buf, VAL_MAX, "-");
		return true;
	}
	if (f == F_CALL_ID) {
		/* the judge and client read the line as it stands */
		(void)re_snprintf(buf, VAL_MAX, "%r", &h->val);
		return true;
	}
	if (hvalue_check(&hv, h->id, h->val.p, h->val.l))
		return false;
	if (out)
		*out = hv;
	e = &hv.first;

	switch (f) {

	case F_CSEQ:
		(void)re_snprintf(buf, VAL_MAX, "%u %r", e->num, &e->method);
		break;

	case F_FROM:
	case F_TO: {
		const struct sipuri *u = &e->addr.uri;
		struct pl host = host_bare(&u->hp.host);

		*parts = u->sip;
		addr_text(buf, &e->addr.display, &u->whole,
			  &e->params.v[HVP_TAG], &u->user, &host,
			  u->hp.port_num, *parts);
		break;
	}

	case F_VIA: {
		const struct hostport *hp = &e->via.sent_by;
		struct pl sentby = hp->host, host = host_bare(&hp->host);
		const struct pl *rport = &e->params.v[HVP_RPORT];

		if (hp->port.p)
			sentby.l = (size_t)(hp->port.p + hp->port.l -
					    hp->host.p);
		via_text(buf, transport_name(&e->via.transport), &sentby,
			 &host, hp->port_num, &e->params.v[HVP_BRANCH],
			 &e->params.v[HVP_RECEIVED], rport->p != NULL, rport);
		break;
	}

	case F_CTYPE:
		(void)re_snprintf(buf, VAL_MAX, "%r/%r", &e->token,
				  &e->subtype);
		break;

	case F_CLEN:
		/* the number the framer and the judge take (m->clen, of
		 * the first line), not the grammar's */
		if (h == message_hdr(m, HDR_CONTENT_LENGTH)) {
			if (m->clen_valid)
				(void)re_snprintf(buf, VAL_MAX, "%llu",
						  (unsigned long long)m->clen);
			else
				(void)re_snprintf(buf, VAL_MAX, "not-a-number");
			break;
		}
		(void)re_snprintf(buf, VAL_MAX, "%u", e->num);
		break;

	default:
		(void)re_snprintf(buf, VAL_MAX, "%u", e->num);
		break;
	}
	return true;
}

/* libre's value of field f: parts as val_ours() said (the parts of a
 * URI other than sip/sips are not compared) */
static void val_libre(char *buf, enum field f, const struct sip_msg *sm,
		      bool parts)
{
	const struct pl *num = NULL;

	switch (f) {

	case F_CALL_ID:
		(void)re_snprintf(buf, VAL_MAX, "%r", sl(&sm->callid));
		if (!sm->callid.p)
			(void)re_snprintf(buf, VAL_MAX, "-");
		return;

	case F_CSEQ:
		if (!sm->cseq.met.p)
			(void)re_snprintf(buf, VAL_MAX, "-");
		else
			(void)re_snprintf(buf, VAL_MAX, "%u %r", sm->cseq.num,
					  &sm->cseq.met);
		return;

	case F_FROM:
	case F_TO: {
		const struct sip_taddr *a = f == F_FROM ? &sm->from : &sm->to;

		if (!a->auri.p)
			(void)re_snprintf(buf, VAL_MAX, "-");
		else
			addr_text(buf, &a->dname, &a->auri, &a->tag,
				  &a->uri.user, &a->uri.host, a->uri.port,
				  parts);
		return;
	}

	case F_VIA: {
		const struct sip_via *v = &sm->via;
		struct pl host = PL_INIT, port, received = PL_INIT;
		struct pl rport = PL_INIT, rp;
		bool has_rport;

		if (!v->sentby.p) {
			(void)re_snprintf(buf, VAL_MAX, "-");
			return;
		}
		/* what its sip_via_decode() reads the sent-by with */
		(void)uri_decode_hostport(&v->sentby, &host, &port);
		(void)msg_param_decode(&v->params, "received", &received);
		/* as its reply.c asks for rport */
		has_rport = !msg_param_exists(&v->params, "rport", &rp);
		if (has_rport)
			(void)msg_param_decode(&v->params, "rport", &rport);
		via_text(buf, sip_transp_name(v->tp), &v->sentby, &host,
			 sa_port(&v->addr), &v->branch, &received, has_rport,
			 &rport);
		return;
	}

	case F_CONTACT: {
		struct contacts c = {buf, 0};

		buf[0] = '\0';
		(void)sip_msg_hdr_apply(sm, true, SIP_HDR_CONTACT,
					contact_libre, &c);
		return;
	}

	case F_CTYPE:
		if (!sm->ctyp.type.p)
			(void)re_snprintf(buf, VAL_MAX, "-");
		else
			(void)re_snprintf(buf, VAL_MAX, "%r/%r",
					  &sm->ctyp.type, &sm->ctyp.subtype);
		return;

	case F_REQUIRE:
	case F_SUPPORTED:
		(void)re_snprintf(buf, VAL_MAX, "100rel=%d",
				  sip_msg_hdr_has_value(sm, fields[f].lid,
							"100rel"));
		return;

	case F_CLEN:    num = &sm->clen;    break;
	case F_MAXFWD:  num = &sm->maxfwd;  break;
	case F_EXPIRES: num = &sm->expires; break;
	case F_RSEQ: {
		const struct sip_hdr *h = sip_msg_hdr(sm, SIP_HDR_RSEQ);

		num = h ? &h->val : NULL;
		break;
	}

	default:
		return;
	}
	/* as its users read these: transp.c's pl_u32(&msg->clen) */
	if (!num || !num->p)
		(void)re_snprintf(buf, VAL_MAX, "-");
	else
		(void)re_snprintf(buf, VAL_MAX, "%u", pl_u32(num));
}

/* What the last comparison saw, for a finding and DIFF_LIBRE_CLASS */
static char detail[2 * VAL_MAX + 64];

/* An extension header that libre takes for field lid (libre_id()) */
static bool name_hash_line(const struct message *m, enum sip_hdrid lid)
{
	for (unsigned i = 0; i < m->hdrc; i++)
		if (m->hdrv[i].id == HDR_OTHER &&
		    libre_id(&m->hdrv[i].name) == lid)
			return true;
	return false;
}

static bool has_lws(const struct pl *p)
{
	for (size_t i = 0; i < p->l; i++)
		if (p->p[i] == ' ' || p->p[i] == '\t' || p->p[i] == '\r' ||
		    p->p[i] == '\n')
			return true;
	return false;
}

static bool all_alpha(const struct pl *p)
{
	for (size_t i = 0; i < p->l; i++)
		if (!isalpha((unsigned char)p->p[i]))
			return false;
	return true;
}

/* Do both read field f alike, but for the parts in mask?  (The texts
 * are left in ov and lv.) */
static char ov[VAL_MAX], lv[VAL_MAX];

static bool same(enum field f, const struct message *m,
		 const struct msg_hdr *h, const struct sip_msg *sm,
		 unsigned mask, struct hvalue *hv)
{
	bool parts = false;

	omit = mask;
	if (!val_ours(ov, f, m, h, &parts, hv)) {
		omit = 0;
		return true;          /* our decoder reads nothing there */
	}
	val_libre(lv, f, sm, parts);
	omit = 0;
	return !strcmp(ov, lv);
}

/* The parts of From or To (ours parsed into hv) that libre reads its
 * own documented way, as an omit mask:
 *   OMIT_NAME  display-name = *(token LWS) / quoted-string: addr.c's
 *              "[~ \t\r\n<]*[ \t\r\n]*<" keeps its last token only
 *   OMIT_URI   an addr-spec without <>: addr.c's "[^;]+" keeps the LWS
 *              before its ';' in the URI (our URI is that without it),
 *              and uri_decode()'s host "[^/;? ]+" keeps an HTAB of it */
static unsigned addr_lenient(enum field f, const struct hvalue *hv,
			     const struct sip_msg *sm)
{
	const struct hv_addr *a = &hv->first.addr;
	const struct sip_taddr *la = f == F_FROM ? &sm->from : &sm->to;
	unsigned mask = 0;

	if (f != F_FROM && f != F_TO)
		return 0;
	if (!a->quoted && has_lws(&a->display))
		mask |= OMIT_NAME;
	if (!a->angle && la->auri.l > a->uri.whole.l) {
		struct pl t = la->auri;

		hdrlist_trim(&t);

		if (!pl_cmp(&t, &a->uri.whole))
			mask |= OMIT_URI;
	}
	return mask;
}

/* An element predicate over every Contact line: true when one holds
 * (the handler sets *hit and stops there) */
static bool contact_any(const struct message *m, hv_elem_h *eh)
{
	struct hvalue hv;
	bool hit = false;

	for (unsigned i = 0; i < m->hdrc && !hit; i++)
		if (m->hdrv[i].id == HDR_CONTACT)
			(void)hvalue_apply(&hv, HDR_CONTACT, m->hdrv[i].val.p,
					   m->hdrv[i].val.l, true, eh, &hit);
	return hit;
}

/* A Contact URI with a comma in it (in <>, as section 20.10 wants) */
static bool contact_comma(const struct hv_elem *e, unsigned idx, void *arg)
{
	bool *hit = arg;

	(void)idx;
	if (e->addr.angle &&
	    memchr(e->addr.uri.whole.p, ',', e->addr.uri.whole.l))
		*hit = true;
	return *hit;
}

/* A Contact whose absoluteURI libre's uri_decode() cannot read (as in
 * libre-refuses-addr-uri: it wants a host after every scheme) */
static bool contact_undecodable(const struct hv_elem *e, unsigned idx,
				void *arg)
{
	bool *hit = arg;
	struct sip_addr addr;

	(void)idx;
	if (!e->star && !e->addr.uri.sip && sip_addr_decode(&addr, &e->text))
		*hit = true;
	return *hit;
}

/* A parameter whose name starts with name ("rport1") before val (the
 * one of that name): msg_param_exists()'s ";[ \t\r\n]*rport[ \t\r\n;=]*"
 * matches there first, and its check that the name ends there answers
 * ENOENT without looking further */
static bool prefix_param_before(const struct pl *all, const char *name,
				const char *val)
{
	size_t nl = strlen(name);

	for (const char *p = all->p; p && p < val; p++) {
		const char *q = p + 1;

		if (*p != ';')
			continue;
		while (q < val && (*q == ' ' || *q == '\t' || *q == '\r' ||
				   *q == '\n'))
			q++;
		if ((size_t)(val - q) > nl && !strncasecmp(q, name, nl) &&
		    !strchr(" \t\r\n;=", q[nl]))
			return true;
	}
	return false;
}

/* The classes a value shows the mark of (explain()) */
struct cands {
	const char *cls[6];
	unsigned n;
	unsigned mask;          /* the parts they account for, together */
};

static void cand_add(struct cands *c, const char *cls, unsigned mask)
{
	if (c->n < ARRAY_SIZE(c->cls))
		c->cls[c->n++] = cls;
	c->mask |= mask;
}

/* Why libre read field f (our first line h of it, n lines) otherwise
 * than we did, when it is one of its documented ways (README); each
 * class is taken only when the difference is confined to the parts it
 * explains.  Else "libre-reads-other-<field>": a finding. */
static const char *explain(enum field f, const struct message *m,
			   const struct msg_hdr *h, const struct msg_hdr *last,
			   unsigned n, const struct sip_msg *sm)
{
	static char cls[64];
	struct cands c = {.n = 0};
	struct hvalue hv;

	memset(&hv, 0, sizeof(hv));
	/* an empty line and then SP or HTAB: the end of the header
	 * block for us, a fold for libre (see README) */
	if (!m->hdrc)
		return "libre-reads-body-as-headers";
	if (name_hash_line(m, fields[f].lid))
		return "libre-takes-name-hash-value";
	/* RFC 3261 section 7.3.1: only a list may take several lines;
	 * libre keeps the last line's value, our decoder the first's; a
	 * To or From tag only when the last has one (msg.c's
	 * msg_param_decode() into msg->to.tag leaves the earlier) */
	if (fields[f].last && n > 1) {
		(void)same(f, m, last, sm, 0, &hv);
		if (same(f, m, last, sm, OMIT_TAG | addr_lenient(f, &hv, sm),
			 NULL))
			return "libre-takes-last-duplicate";
		memset(&hv, 0, sizeof(hv));
	}

	/* each class that the value shows the mark of, with the parts it
	 * accounts for; a value may show several (a transport cut and a
	 * missed rport): it is filed under the first when, those parts
	 * left out, the rest agrees */
	(void)same(f, m, h, sm, 0, &hv);
	switch (f) {

	case F_FROM:
	case F_TO: {
		unsigned mask = addr_lenient(f, &hv, sm);

		if (mask & OMIT_NAME)
			cand_add(&c, "libre-reads-display-name-last-token",
				 OMIT_NAME);
		if (mask & OMIT_URI)
			cand_add(&c, "libre-reads-addr-spec-lws", OMIT_URI);
		break;
	}

	case F_VIA: {
		const struct pl *tp = &hv.first.via.transport;
		const struct hostport *hp = &hv.first.via.sent_by;
		const struct pl *rport = &hv.first.params.v[HVP_RPORT];
		struct pl sentby = hp->host;

		if (hp->port.p)
			sentby.l = (size_t)(hp->port.p + hp->port.l -
					    hp->host.p);
		/* "[A-Z]+" then "[^; \t\r\n]+": the rest of a transport
		 * token is its sent-by */
		if (!all_alpha(tp))
			cand_add(&c, "libre-reads-via-transport-cut",
				 OMIT_SENTBY);
		/* pl_strcmp(&transp, "UDP"): case-sensitive */
		if (strcmp(transport_name(tp), "???") &&
		    pl_strcmp(tp, transport_name(tp)))
			cand_add(&c, "libre-reads-via-transport-case",
				 OMIT_SENTBY);
		/* sent-by = host [ COLON port ], COLON = SWS ":" SWS */
		if (has_lws(&sentby))
			cand_add(&c, "libre-reads-via-sent-by-lws",
				 OMIT_SENTBY);
		if (rport->p && prefix_param_before(&hv.first.params.all,
						    "rport", rport->p))
			cand_add(&c, "libre-misses-param-after-prefix",
				 OMIT_PARAMS);
		break;
	}

	case F_CONTACT:
		/* msg.c splits a comma-separated field at every comma out
		 * of quotes ("*p == ',' && comsep && !quote"), in <> too,
		 * where user-unreserved allows one (section 25.1) */
		if (contact_any(m, contact_comma))
			return "libre-splits-at-comma-in-uri";
		if (contact_any(m, contact_undecodable))
			return "libre-cannot-decode-contact-uri";
		/* taken when, that LWS left out, the URIs agree */
		cand_add(&c, "libre-reads-addr-spec-lws", OMIT_URI);
		break;

	default:
		break;
	}
	/* a parameter given twice: msg_param_decode() takes the first
	 * "name=value" (one without a value it passes over), our grammar
	 * the first of the name and says so (hv.dup) */
	if (hv.dup == HV_PARAM_DUP)
		cand_add(&c, "libre-takes-later-duplicate-param", OMIT_PARAMS);

	if (c.n && same(f, m, h, sm, c.mask, NULL))
		return c.cls[0];

	snprintf(cls, sizeof(cls), "libre-reads-other-%s", fields[f].name);
	return cls;
}

/* NULL when both read every field alike, else the class of the first
 * field they read otherwise */
static const char *values_differ(const struct message *m,
				 const struct sip_msg *sm)
{
	for (size_t f = 0; f < F_COUNT; f++) {
		const struct msg_hdr *first = NULL, *last = NULL;
		unsigned n = 0;

		for (unsigned i = 0; i < m->hdrc; i++) {
			if (m->hdrv[i].id != fields[f].id)
				continue;
			if (!first)
				first = &m->hdrv[i];
			last = &m->hdrv[i];
			n++;
		}
		if (same(f, m, first, sm, 0, NULL))
			continue;
		snprintf(detail, sizeof(detail), "%s: ours \"%s\", libre's "
			 "\"%s\"", fields[f].name, ov, lv);
		return explain(f, m, first, last, n, sm);
	}
	return NULL;
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
	if (detail[0])
		fprintf(stderr, "%s\n", detail);
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
	detail[0] = '\0';
	if (!err && we)
		snprintf(cls, sizeof(cls), "libre-accepts-%s", we);
	else if (err && !we)
		snprintf(cls, sizeof(cls), "libre-refuses-%s",
			 refused(msg, err));
	else if (!err && !we) {
		/* both take it: both read the same code and reason */
		if (sm->scode != msg->sl.scode ||
		    pl_cmp(&sm->reason, &msg->sl.reason) ||
		    pl_cmp(&sm->ver, &msg->sl.ver))
			snprintf(cls, sizeof(cls),
				 "libre-takes-other-status-line");
		else {
			/* ... and the same header field values */
			const char *v = values_differ(msg, sm);

			if (v)
				snprintf(cls, sizeof(cls), "%s", v);
		}
	}

	/* DIFF_LIBRE_CLASS=1: say the class of every input (the README's
	 * examples are checked so) */
	if (getenv("DIFF_LIBRE_CLASS"))
		fprintf(stderr, "class: %s (ours: %s, libre: %d)\n",
			cls[0] ? cls : "agree", we ? we : "ok", err);
	if (getenv("DIFF_LIBRE_CLASS") && detail[0])
		fprintf(stderr, "  %s\n", detail);
	if (cls[0] && !is_known(cls))
		finding(cls, data, size);

	mem_deref(sm);
	mem_deref(mb);
	return 0;
}
