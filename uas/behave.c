/**
 * @file behave.c  The misbehaviours: one deviation per rule of the
 *                 catalogue, and how each one changes a response
 *
 * Most of them edit the lines of a response that was built correctly
 * (behave_edit); those about timing and order change what the
 * transactions do, and invite.c / uas.c ask BH(cfg, X) where they decide.
 * Which rule each one breaks is the judge's enum rule_id, named in
 * behaviours.def; --list-misbehaviours prints its id from the catalogue,
 * and the tests expect sipconform to report exactly that id.
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "judge/rules.h"           /* enum rule_id, rule_get: data only */
#include "target.h"

enum { RULE_HOSTILE = -1 };

struct behaviour {
	const char *name;
	int rule;                  /**< enum rule_id, or RULE_HOSTILE       */
	uint16_t code;             /**< the final it needs without --code   */
	const char *desc;
};

#define T100 "the 100 Trying to each INVITE"

/* The rule column is the judge's enum rule_id by name: a rule renamed or
 * removed from the catalogue fails the build here */
static const struct behaviour table[BH_COUNT] = {
#define BREAKS(e, name, rule, code, what) \
	[BH_##e] = {name, rule, code, what},
#define HOSTILE(e, name, what) \
	[BH_##e] = {name, RULE_HOSTILE, 0, what},
#include "behaviours.def"
#undef BREAKS
#undef HOSTILE
};

int behave_enable(bool *bh, const char *name)
{
	for (int i = 0; i < BH_COUNT; i++) {
		if (table[i].name && !strcmp(table[i].name, name)) {
			bh[i] = true;
			return 0;
		}
	}
	return ENOENT;
}

/** One line each: the name, the id of the rule it breaks (or "hostile"),
 *  what it does; tests/target_lib.sh reads the first two columns */
void behave_list(FILE *f)
{
	for (int i = 0; i < BH_COUNT; i++) {
		const struct behaviour *b = &table[i];
		const struct rule *r = b->rule == RULE_HOSTILE ? NULL :
			rule_get((enum rule_id)b->rule);

		fprintf(f, "%-26s %-30s %s\n", b->name,
			r ? r->id : "hostile", b->desc);
	}
}

/** The final code the first enabled misbehaviour needs, 0 for none */
uint16_t behave_code(const bool *bh)
{
	for (int i = 0; i < BH_COUNT; i++)
		if (bh[i] && table[i].code)
			return table[i].code;
	return 0;
}

/* -- edits of single header values --------------------------------------- */

/* Replace (tag != NULL) or remove the ;tag= parameter of h */
static int set_tag(struct resp_hdr *h, const char *tag)
{
	struct pl pre, post = PL_INIT;
	const char *p;

	p = strstr(h->val, ";tag=");
	if (!p)
		p = h->val + strlen(h->val);
	pre.p = h->val;
	pre.l = (size_t)(p - h->val);
	if (*p) {
		const char *e = strchr(p + 1, ';');

		if (e)
			pl_set_str(&post, e);
	}

	return resp_text_set(&h->val, "%r%s%s%r", &pre, tag ? ";tag=" : "",
			     tag ? tag : "", &post);
}

static int to_wrong_uri(struct resp_hdr *h)
{
	const char *tail = strchr(h->val, '>');

	if (tail)
		tail++;
	else if (!(tail = strchr(h->val, ';')))
		tail = "";

	return resp_text_set(&h->val, "<sip:somebody-else@invalid>%s", tail);
}

static int cseq_plus_one(struct resp_hdr *h)
{
	struct pl num, met;

	if (re_regex(h->val, strlen(h->val), "[0-9]+[ \t]+[^ \t]+", &num,
		     NULL, &met))
		return 0;
	return resp_text_set(&h->val, "%u %r", pl_u32(&num) + 1, &met);
}

static int cseq_2_31(struct resp_hdr *h)
{
	struct pl num, met;

	if (re_regex(h->val, strlen(h->val), "[0-9]+[ \t]+[^ \t]+", &num,
		     NULL, &met))
		return 0;
	return resp_text_set(&h->val, "2147483648 %r", &met);
}

static int append(struct resp_hdr *h, const char *what)
{
	return resp_text_set(&h->val, "%s%s", h->val, what);
}

/** no-totag: the To of r without its tag */
int behave_to_strip_tag(struct resp *r)
{
	struct resp_hdr *h = resp_find(r, "To");

	return h ? set_tag(h, NULL) : 0;
}

/* -- the Status-Line and framing of the 100 ------------------------------ */

static int edit_sline_long(struct resp *r)
{
	char pad[1201];

	memset(pad, 'x', sizeof(pad) - 1);
	pad[sizeof(pad) - 1] = '\0';
	return resp_text_set(&r->sline, "SIP/2.0 %u %s", r->scode, pad);
}

static int edit_sline(const bool *bh, struct resp *r)
{
	const unsigned c = r->scode;
	const char *why = resp_reason(r->scode);
	int err = 0;

	if (bh[BH_SL_LEADING_WS])
		err |= resp_text_set(&r->sline, " SIP/2.0 %u %s", c, why);
	if (bh[BH_SL_VERSION])
		err |= resp_text_set(&r->sline, "SIP/3.0 %u %s", c, why);
	if (bh[BH_SL_VERSION_CASE])
		err |= resp_text_set(&r->sline, "sip/2.0 %u %s", c, why);
	if (bh[BH_SL_DOUBLE_SP])
		err |= resp_text_set(&r->sline, "SIP/2.0  %u %s", c, why);
	if (bh[BH_SL_NO_SP])
		err |= resp_text_set(&r->sline, "SIP/2.0 %u%s", c, why);
	if (bh[BH_SL_CODE_2DIGIT])
		err |= resp_text_set(&r->sline, "SIP/2.0 %u %s", c / 10, why);
	if (bh[BH_SL_CODE_4DIGIT])
		err |= resp_text_set(&r->sline, "SIP/2.0 %u %s", c * 10, why);
	if (bh[BH_SL_CODE_099])
		err |= resp_text_set(&r->sline, "SIP/2.0 099 %s", why);
	if (bh[BH_SL_CODE_700])
		err |= resp_text_set(&r->sline, "SIP/2.0 700 %s", why);
	if (bh[BH_SL_REASON_DQUOTE])
		err |= resp_text_set(&r->sline, "SIP/2.0 %u \"%s\"", c, why);
	if (bh[BH_SL_REASON_CTL])
		err |= resp_text_set(&r->sline, "SIP/2.0 %u %s\x01", c, why);
	if (bh[BH_SL_REASON_UTF8])
		err |= resp_text_set(&r->sline, "SIP/2.0 %u %s \xc3\x28", c,
				     why);
	if (bh[BH_SL_REASON_ESCAPE])
		err |= resp_text_set(&r->sline, "SIP/2.0 %u %s %%zz", c, why);
	if (bh[BH_SL_TOO_LONG])
		err |= edit_sline_long(r);
	if (bh[BH_SL_BARE_CR])
		r->sl_eol = "\r";      /* the next line is a good header */
	if (bh[BH_SL_BARE_LF])
		r->sl_eol = "\n";
	return err;
}

static int edit_framing(const bool *bh, struct resp *r, const struct rctx *c)
{
	static const char text[] = "hello, world\n";
	struct resp_hdr *h;
	int err = 0;

	if (bh[BH_HDR_BARE_LF] && (h = resp_find(r, "Call-ID")))
		h->eol = "\n";
	if (bh[BH_NO_EOH])
		r->no_eoh = true;
	if (bh[BH_HDR_NO_COLON])
		err |= resp_add(r, "X-Broken", "line without a colon");
	if (bh[BH_HDR_NO_COLON] && (h = resp_find(r, "X-Broken")))
		h->nocolon = true;
	if (bh[BH_HDR_TOO_MANY]) {
		/* one X-Pad field whose value holds the CRLFs and names of
		 * the next lines: 130 of them, more than RESP_MAXHDRS
		 * fields and MSG_MAXHDRS lines */
		char pad[130 * 16] = "0";
		size_t n = 1;

		for (unsigned k = 1; k < 130; k++)
			n += (size_t)re_snprintf(pad + n, sizeof(pad) - n,
						 "\r\nX-Pad: %u", k);
		err |= resp_add(r, "X-Pad", "%s", pad);
	}
	if (bh[BH_DUP_TO] && (h = resp_find(r, "To")))
		err |= resp_add(r, "To", "%s", h->val);
	if (bh[BH_CLEN_MISMATCH]) {
		err |= resp_body(r, "text/plain", text, sizeof(text) - 1);
		/* more than the datagram holds: section 18.3 "If the
		 * transport packet ends before the end of the message
		 * body, this is considered an error" (fewer would be
		 * surplus, which the receiver discards) */
		r->clen = CLEN_VALUE;
		r->clen_val = 50;
	}
	if ((bh[BH_NO_CLEN_TCP] && c->tp == SIP_TRANSP_TCP) ||
	    (bh[BH_NO_CLEN_UDP] && c->tp == SIP_TRANSP_UDP))
		r->clen = CLEN_NONE;
	if (bh[BH_BODY_NO_CTYPE])
		err |= resp_body(r, NULL, text, sizeof(text) - 1);
	return err;
}

static void edit_mandatory(const bool *bh, struct resp *r)
{
	if (bh[BH_NO_VIA])
		resp_del(r, "Via");
	if (bh[BH_NO_FROM])
		resp_del(r, "From");
	if (bh[BH_NO_TO])
		resp_del(r, "To");
	if (bh[BH_NO_CALL_ID])
		resp_del(r, "Call-ID");
	if (bh[BH_NO_CSEQ])
		resp_del(r, "CSeq");
}

static int edit_oversize(struct resp *r)
{
	const size_t n = 64000;
	char *b = mem_alloc(n, NULL);
	int err;

	if (!b)
		return ENOMEM;
	for (size_t i = 0; i < n; i++)
		b[i] = (i % 64 == 63) ? '\n' : 'x';
	err = resp_body(r, "text/plain", b, n);
	mem_deref(b);
	return err;
}

/* hv-*: a value that breaks its header's grammar, one byte or header
 * line away from a conforming one (name: the header edited; append: what
 * is appended to it, or add: the whole line added) */
static const struct {
	enum bh bh;
	const char *name;
	const char *append;
	const char *add;
} hv_edits[] = {
	{BH_HV_VIA,           "Via",     ";;",  NULL},
	{BH_HV_FROM,          "From",    ";",   NULL},
	{BH_HV_TO,            "To",      ";",   NULL},
	{BH_HV_CALL_ID,       "Call-ID", " x",  NULL},
	{BH_HV_CONTACT_OTHER, "Contact", NULL,
	 "<sip:target@192.0.2.1>;;"},
	{BH_HV_RECORD_ROUTE,  "Record-Route", NULL,
	 "sip:proxy.invalid;lr"},
	{BH_HV_AUTH,          "WWW-Authenticate", NULL,
	 "Digest realm=\"target"},
	{BH_HV_OTHER,         "Date", NULL,
	 "Sat, 13 Nov 2010 23:29:00 EST"},
	{BH_HV_PARAM_DUP,     "Contact", NULL,
	 "<sip:target@192.0.2.1>;expires=60;expires=60"},
	{BH_HV_URI_PARAM_DUP, "Contact", NULL,
	 "<sip:target@192.0.2.1;transport=udp;transport=udp>"},
};

static int edit_hvalues(const bool *bh, struct resp *r)
{
	struct resp_hdr *h;
	int err = 0;

	for (size_t k = 0; k < ARRAY_SIZE(hv_edits); k++) {
		if (!bh[hv_edits[k].bh])
			continue;
		if (hv_edits[k].add)
			err |= resp_add(r, hv_edits[k].name, "%s",
					hv_edits[k].add);
		else if ((h = resp_find(r, hv_edits[k].name)))
			err |= append(h, hv_edits[k].append);
	}
	return err;
}

static int edit_trying(const bool *bh, struct resp *r, const struct rctx *c)
{
	struct resp_hdr *h;
	int err;

	err  = edit_sline(bh, r);
	err |= edit_framing(bh, r, c);
	edit_mandatory(bh, r);
	err |= edit_hvalues(bh, r);

	if (bh[BH_NO_TIMESTAMP])
		resp_del(r, "Timestamp");
	if (bh[BH_RELIABLE_100]) {
		err |= resp_add(r, "Require", "100rel");
		err |= resp_add(r, "RSeq", "1");
	}
	if (bh[BH_OVERSIZE])
		err |= edit_oversize(r);
	if (bh[BH_TOTAG_IN_100] && (h = resp_find(r, "To")))
		err |= set_tag(h, "tag-in-100");
	if (bh[BH_CSEQ_2_31] && (h = resp_find(r, "CSeq")))
		err |= cseq_2_31(h);
	if (bh[BH_DATAGRAM_SURPLUS] && c->tp == SIP_TRANSP_UDP) {
		/* no Content-Type: the body is empty, the rest surplus */
		err |= resp_body(r, NULL, "surplus\r\n", 9);
		r->clen = CLEN_VALUE;
		r->clen_val = 0;
	}
	if (bh[BH_HUGE_CLEN]) {
		err |= resp_body(r, "text/plain", "short\n", 6);
		r->clen = CLEN_VALUE;
		r->clen_val = 999999999;
	}
	return err;
}

/* -- the final to the INVITE --------------------------------------------- */

static int edit_via(const bool *bh, struct resp *r)
{
	int first = resp_find_idx(r, "Via"), last = first;
	int err = 0;

	if (first < 0)
		return 0;
	for (unsigned i = (unsigned)first; i < r->hdrc; i++)
		if (!str_casecmp(r->hdrv[i].name, "Via"))
			last = (int)i;

	if (bh[BH_VIA_PARAM])
		err |= append(&r->hdrv[first], ";x-target=1");
	if (bh[BH_VIA_REORDER] && last > first) {
		char *v = r->hdrv[first].val;

		r->hdrv[first].val = r->hdrv[first + 1].val;
		r->hdrv[first + 1].val = v;
	}
	if (bh[BH_EXTRA_VIA])
		err |= resp_insert(r, (unsigned)last + 1, "Via",
				   "SIP/2.0/UDP 192.0.2.1:%u;"
				   "branch=z9hG4bK-extra-via", SIP_PORT);
	return err;
}

static int edit_match(const bool *bh, struct resp *r)
{
	struct resp_hdr *h;
	int err = edit_via(bh, r);

	if (bh[BH_WRONG_FROM_TAG] && (h = resp_find(r, "From")))
		err |= set_tag(h, "not-your-tag");
	if (bh[BH_WRONG_CALLID] && (h = resp_find(r, "Call-ID")))
		err |= append(h, "-other");
	if (bh[BH_WRONG_CSEQ] && (h = resp_find(r, "CSeq")))
		err |= cseq_plus_one(h);
	if (bh[BH_WRONG_TO_URI] && (h = resp_find(r, "To")))
		err |= to_wrong_uri(h);
	return err;
}

static int edit_2xx(const bool *bh, struct resp *r, const struct rctx *c)
{
	struct resp_hdr *h;
	int err = 0;

	if (bh[BH_NO_CONTACT])
		resp_del(r, "Contact");
	if (bh[BH_NO_RECORD_ROUTE])
		resp_del(r, "Record-Route");
	if (bh[BH_TWO_CONTACTS] && (h = resp_find(r, "Contact")))
		err |= append(h, ", <sip:second@192.0.2.2>");
	if (bh[BH_CONTACT_TEL] && (h = resp_find(r, "Contact")))
		err |= resp_text_set(&h->val, "<tel:+15550100>");
	if (bh[BH_HV_CONTACT] && (h = resp_find(r, "Contact")))
		err |= append(h, ";;");
	if (bh[BH_NO_ALLOW_SUPPORTED]) {
		resp_del(r, "Allow");
		resp_del(r, "Supported");
	}
	if ((bh[BH_NO_SDP_ANSWER] && c->offer) ||
	    (bh[BH_NO_SDP_OFFER] && !c->offer))
		err |= resp_body(r, NULL, NULL, 0);
	return err;
}

/* The header fields a code requires: the misbehaviour drops them */
static int edit_code(const bool *bh, struct resp *r)
{
	int err = 0;
	static const struct {
		enum bh bh;
		uint16_t lo, hi;
		const char *hdr[3];
	} drops[] = {
		{BH_NO_WWW_AUTH,        401, 401, {"WWW-Authenticate"}},
		{BH_NO_PROXY_AUTH,      407, 407, {"Proxy-Authenticate"}},
		{BH_NO_ALLOW_405,       405, 405, {"Allow"}},
		{BH_NO_ACCEPT_415,      415, 415, {"Accept", "Accept-Encoding",
						   "Accept-Language"}},
		{BH_NO_UNSUPPORTED_420, 420, 420, {"Unsupported"}},
		{BH_NO_REQUIRE_421,     421, 421, {"Require"}},
		{BH_NO_MIN_SE_422,      422, 422, {"Min-SE"}},
		{BH_NO_MIN_EXPIRES_423, 423, 423, {"Min-Expires"}},
		{BH_NO_CONTACT_3XX,     300, 399, {"Contact"}},
		{BH_NO_WARNING_488,     488, 488, {"Warning"}},
	};

	struct resp_hdr *h;

	for (size_t i = 0; i < ARRAY_SIZE(drops); i++) {
		if (!bh[drops[i].bh] || r->scode < drops[i].lo ||
		    r->scode > drops[i].hi)
			continue;
		for (size_t k = 0; k < 3 && drops[i].hdr[k]; k++)
			resp_del(r, drops[i].hdr[k]);
	}

	if (bh[BH_UNSUPPORTED_OTHER_420] && r->scode == 420 &&
	    (h = resp_find(r, "Unsupported")))
		err |= resp_text_set(&h->val, "x-not-required");
	if (bh[BH_BASIC_401] && r->scode == 401)
		err |= resp_add(r, "WWW-Authenticate",
				"Basic realm=\"sipconform-target\"");
	return err;
}

static int edit_final(const bool *bh, struct resp *r, const struct rctx *c)
{
	int err = edit_match(bh, r);

	if (r->scode >= 200 && r->scode < 300)
		err |= edit_2xx(bh, r, c);
	err |= edit_code(bh, r);
	return err;
}

/* -- the rest ------------------------------------------------------------ */

static int edit_prov(const bool *bh, struct resp *r, const struct rctx *c)
{
	int err = 0;

	if (bh[BH_NO_TOTAG] && r->scode == 180)
		err |= behave_to_strip_tag(r);
	if (bh[BH_NO_CONTACT_1XX] && r->scode == 180 && !c->reliable)
		resp_del(r, "Contact");
	if (c->reliable && bh[BH_REL_NO_RSEQ])
		resp_del(r, "RSeq");
	if (c->reliable && bh[BH_REL_NO_REQUIRE])
		resp_del(r, "Require");
	return err;
}

static void edit_options(const bool *bh, struct resp *r)
{
	static const char *caps[] = {
		"Allow", "Accept", "Accept-Encoding", "Accept-Language",
		"Supported"
	};

	if (!bh[BH_OPTIONS_BARE] || r->scode != 200)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(caps); i++)
		resp_del(r, caps[i]);
}

/** Apply every enabled misbehaviour that concerns this response */
int behave_edit(const bool *bh, struct resp *r, const struct rctx *c)
{
	struct resp_hdr *h;

	switch (c->kind) {

	case RK_TRYING:
		return edit_trying(bh, r, c);

	case RK_PROV:
		return edit_prov(bh, r, c);

	case RK_FINAL:
		return edit_final(bh, r, c);

	case RK_CANCEL:
		if (bh[BH_CANCEL_OTHER_TOTAG] && r->scode == 200 &&
		    (h = resp_find(r, "To")))
			return set_tag(h, "other-tag-for-cancel");
		return 0;

	case RK_OPTIONS:
		edit_options(bh, r);
		return 0;

	default:
		return 0;
	}
}

/** retransmit-different: the n-th retransmission, one line longer */
int behave_retransmit(struct mbuf **mbp, const struct mbuf *orig,
		      unsigned n)
{
	const char *p = (const char *)orig->buf;
	const char *e = memchr(p, '\n', orig->end);
	size_t first = e ? (size_t)(e - p) + 1 : orig->end;
	struct mbuf *mb;
	int err;

	mb = mbuf_alloc(orig->end + 32);
	if (!mb)
		return ENOMEM;

	err  = mbuf_write_mem(mb, orig->buf, first);
	err |= mbuf_printf(mb, "X-Retransmission: %u\r\n", n);
	err |= mbuf_write_mem(mb, orig->buf + first, orig->end - first);
	if (err) {
		mem_deref(mb);
		return err;
	}
	mb->pos = 0;
	*mbp = mb;
	return 0;
}

/** garbage: random bytes without CR or LF; a stream gets an empty line
 *  after them so the peer can frame what follows */
int behave_garbage(struct mbuf **mbp, bool stream)
{
	size_t n = 256 + rand_u32() % 1024;
	struct mbuf *mb = mbuf_alloc(n + 4);

	if (!mb)
		return ENOMEM;

	rand_bytes(mb->buf, n);
	for (size_t i = 0; i < n; i++)
		if (mb->buf[i] == '\r' || mb->buf[i] == '\n')
			mb->buf[i] = '#';
	mb->end = n;
	if (stream) {
		memcpy(mb->buf + n, "\r\n\r\n", 4);
		mb->end += 4;
	}
	*mbp = mb;
	return 0;
}
