/**
 * @file behave.c  The misbehaviours: one deviation per rule of the
 *                 catalogue, and how each one changes a response
 *
 * Most of them edit the lines of a response that was built correctly
 * (behave_edit); those about timing and order change what the
 * transactions do, and invite.c / uas.c ask BH(cfg, X) where they decide.
 * The rule ids are the catalogue's (src/rules/catalogue.c): a test runs
 * each misbehaviour and expects sipconform to report exactly that id.
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "target.h"

struct behaviour {
	const char *name;
	const char *rule;          /**< catalogue id, or "hostile"          */
	uint16_t code;             /**< the final it needs without --code   */
	const char *desc;
};

#define T100 "the 100 Trying to each INVITE"

static const struct behaviour table[BH_COUNT] = {
	[BH_SL_LEADING_WS] = {"sl-leading-ws", "statusline.leading-ws", 0,
		"SP before SIP/2.0 in " T100},
	[BH_SL_VERSION] = {"sl-version", "statusline.version", 0,
		"SIP/3.0 in " T100},
	[BH_SL_VERSION_CASE] = {"sl-version-case", "statusline.version-case",
		0, "sip/2.0 (lower case) in " T100},
	[BH_SL_DOUBLE_SP] = {"sl-double-sp", "statusline.sp", 0,
		"two SP before the Status-Code of " T100},
	[BH_SL_NO_SP] = {"sl-no-sp", "statusline.sp", 0,
		"no SP between Status-Code and Reason-Phrase of " T100},
	[BH_SL_CODE_2DIGIT] = {"sl-code-2digit", "statusline.code-digits", 0,
		"Status-Code 10 in " T100},
	[BH_SL_CODE_4DIGIT] = {"sl-code-4digit", "statusline.code-digits", 0,
		"Status-Code 1000 in " T100},
	[BH_SL_CODE_099] = {"sl-code-099", "statusline.code-range", 0,
		"Status-Code 099 in " T100},
	[BH_SL_CODE_700] = {"sl-code-700", "statusline.code-range", 0,
		"Status-Code 700 in " T100},
	[BH_SL_REASON_DQUOTE] = {"sl-reason-dquote", "statusline.reason-char",
		0, "DQUOTEs in the Reason-Phrase of " T100},
	[BH_SL_REASON_CTL] = {"sl-reason-ctl", "statusline.reason-char", 0,
		"a CTL (0x01) in the Reason-Phrase of " T100},
	[BH_SL_REASON_UTF8] = {"sl-reason-utf8", "statusline.reason-utf8", 0,
		"ill-formed UTF-8 (C3 28) in the Reason-Phrase of " T100},
	[BH_SL_REASON_ESCAPE] = {"sl-reason-escape",
		"statusline.reason-escape", 0,
		"'%zz' in the Reason-Phrase of " T100},
	[BH_SL_BARE_CR] = {"sl-bare-cr", "statusline.line-end", 0,
		"Status-Line of " T100 " ends in a bare CR"},
	[BH_SL_BARE_LF] = {"sl-bare-lf", "statusline.line-end", 0,
		"Status-Line of " T100 " ends in a bare LF"},
	[BH_SL_TOO_LONG] = {"sl-too-long", "statusline.too-long", 0,
		"a 1200-byte Reason-Phrase in " T100},

	[BH_HDR_BARE_LF] = {"hdr-bare-lf", "framing.line-end", 0,
		"the Call-ID line of " T100 " ends in a bare LF"},
	[BH_NO_EOH] = {"no-eoh", "framing.end-of-headers", 0,
		"no empty line after the headers of " T100
		" (TCP: then the connection closes)"},
	[BH_HDR_NO_COLON] = {"hdr-no-colon", "framing.header-syntax", 0,
		"a header line without ':' in " T100},
	[BH_DUP_TO] = {"dup-to", "framing.header-duplicate", 0,
		"To twice in " T100},
	[BH_CLEN_MISMATCH] = {"clen-mismatch", "framing.content-length", 0,
		"Content-Length 5 on a 13-byte body in " T100
		" (UDP; on TCP it garbles the stream)"},
	[BH_NO_CLEN_TCP] = {"no-clen-tcp", "framing.content-length-stream",
		0, "no Content-Length in " T100 ", over TCP only"},
	[BH_NO_CLEN_UDP] = {"no-clen-udp", "framing.content-length-missing",
		0, "no Content-Length in " T100 ", over UDP only"},
	[BH_BODY_NO_CTYPE] = {"body-no-ctype", "framing.content-type", 0,
		"a body without Content-Type in " T100},
	[BH_NO_VIA] = {"no-via", "headers.mandatory", 0,
		"no Via in " T100},
	[BH_NO_FROM] = {"no-from", "headers.mandatory", 0,
		"no From in " T100},
	[BH_NO_TO] = {"no-to", "headers.mandatory", 0, "no To in " T100},
	[BH_NO_CALL_ID] = {"no-call-id", "headers.mandatory", 0,
		"no Call-ID in " T100},
	[BH_NO_CSEQ] = {"no-cseq", "headers.mandatory", 0,
		"no CSeq in " T100},

	[BH_STRAY] = {"stray-response", "match.transaction", 0,
		"a copy of the 180 with an unknown Via branch"},
	[BH_VIA_PARAM] = {"via-param", "match.via", 0,
		"the final adds a parameter to the top Via"},
	[BH_VIA_REORDER] = {"via-reorder", "match.via", 0,
		"the final swaps the first two Via (needs a request with two)"},
	[BH_EXTRA_VIA] = {"extra-via", "match.via-count", 0,
		"the final carries one Via more than the request (breaks "
		"match.via too)"},
	[BH_NO_RECEIVED] = {"no-received", "match.via-received", 0,
		"no received= when sent-by is not the source address (and "
		"none with rport)"},
	[BH_NO_RPORT] = {"no-rport", "match.via-rport", 0,
		"a requested rport stays empty, no received="},
	[BH_WRONG_FROM_TAG] = {"wrong-from-tag", "match.from", 0,
		"the final has another From tag"},
	[BH_WRONG_CALLID] = {"wrong-callid", "match.call-id", 0,
		"the final has another Call-ID"},
	[BH_WRONG_CSEQ] = {"wrong-cseq", "match.cseq", 0,
		"the final has CSeq number + 1"},
	[BH_WRONG_TO_URI] = {"wrong-to-uri", "match.to-uri", 0,
		"the final has another To URI"},
	[BH_NO_TIMESTAMP] = {"no-timestamp", "match.timestamp", 0,
		"Timestamp not copied into the 100"},

	[BH_NO_TOTAG] = {"no-totag", "totag.present", 0,
		"the 180 has no To tag (and is sent unreliably)"},
	[BH_UNSTABLE_TOTAG] = {"unstable-totag", "totag.stable", 0,
		"the final has another To tag than the 180"},
	[BH_NO_CONTACT] = {"no-contact", "dialog.contact", 0,
		"the 2xx has no Contact"},
	[BH_TWO_CONTACTS] = {"two-contacts", "dialog.contact-one", 0,
		"the 2xx has two Contact URIs"},
	[BH_NO_ALLOW_SUPPORTED] = {"no-allow-supported",
		"dialog.allow-supported", 0,
		"the 2xx has neither Allow nor Supported"},

	[BH_TWO_FINALS] = {"two-finals", "order.one-final", 0,
		"a 500 follows the final"},
	[BH_1XX_AFTER_FINAL] = {"1xx-after-final",
		"order.no-1xx-after-final", 0, "a 180 follows the final"},
	[BH_RETRANSMIT_DIFFERENT] = {"retransmit-different",
		"order.retransmit-same", 0,
		"each retransmission of the final adds a header line"},
	[BH_RETRANSMIT_AFTER_ACK] = {"retransmit-after-ack", "order.after-ack",
		0, "the ACK does not stop the retransmissions of the final"},

	[BH_NO_WWW_AUTH] = {"no-www-authenticate",
		"code.401-www-authenticate", 401,
		"401 without WWW-Authenticate (the challenge with --user, "
		"else --code 401)"},
	[BH_NO_PROXY_AUTH] = {"no-proxy-authenticate",
		"code.407-proxy-authenticate", 407,
		"407 without Proxy-Authenticate"},
	[BH_NO_ALLOW_405] = {"no-allow-405", "code.405-allow", 405,
		"405 without Allow"},
	[BH_NO_ACCEPT_415] = {"no-accept-415", "code.415-accept", 415,
		"415 without Accept, Accept-Encoding, Accept-Language"},
	[BH_NO_UNSUPPORTED_420] = {"no-unsupported-420",
		"code.420-unsupported", 420, "420 without Unsupported"},
	[BH_NO_REQUIRE_421] = {"no-require-421", "code.421-require", 421,
		"421 without Require"},
	[BH_NO_MIN_SE_422] = {"no-min-se-422", "code.422-min-se", 422,
		"422 without Min-SE"},
	[BH_NO_MIN_EXPIRES_423] = {"no-min-expires-423",
		"code.423-min-expires", 423, "423 without Min-Expires"},
	[BH_NO_CONTACT_3XX] = {"no-contact-3xx", "code.3xx-contact", 302,
		"3xx without Contact (302 unless --code)"},
	[BH_NO_WARNING_488] = {"no-warning-488", "code.488-warning", 488,
		"488 without Warning"},

	[BH_LATE_100] = {"late-100", "timing.100-trying", 0,
		"the first response to an INVITE comes after 300 ms"},
	[BH_NO_1XX_MINUTE] = {"no-1xx-minute", "timing.1xx-every-minute", 0,
		"100, then silence for 65 s before the 180 (slow: the client "
		"needs --t1 1000 --timeout 70)"},
	[BH_NO_2XX_RETRANSMIT] = {"no-2xx-retransmit",
		"timing.2xx-retransmit", 0, "the 2xx is sent once"},
	[BH_BAD_RT_INTERVAL] = {"bad-retransmit-interval",
		"timing.2xx-retransmit", 0,
		"the final is retransmitted every T1, never doubling"},
	[BH_NO_NON2XX_RETRANSMIT] = {"no-non2xx-retransmit",
		"timing.non2xx-retransmit", 486,
		"a non-2xx final over UDP is sent once (486 unless --code)"},
	[BH_RETRANSMIT_FOREVER] = {"retransmit-forever", "timing.give-up", 0,
		"the final is retransmitted every T2 past 64*T1 until the ACK"},

	[BH_NO_CANCEL_200] = {"no-cancel-200", "cancel.200", 0,
		"481 to a CANCEL that matches a pending INVITE"},
	[BH_NO_487] = {"no-487", "cancel.487", 0,
		"200 to the CANCEL, then 200 (not 487) to the INVITE"},
	[BH_CANCEL_OTHER_TOTAG] = {"cancel-other-totag", "cancel.to-tag", 0,
		"the 200 to CANCEL has another To tag than the INVITE's "
		"responses"},

	[BH_REL_NO_RSEQ] = {"rel-no-rseq", "rel1xx.require-rseq", 0,
		"the reliable 180 has Require: 100rel but no RSeq"},
	[BH_REL_NO_REQUIRE] = {"rel-no-require", "rel1xx.require-rseq", 0,
		"the reliable 180 has RSeq but no Require: 100rel"},
	[BH_RSEQ_JUMP] = {"rseq-jump", "rel1xx.rseq-sequence", 0,
		"after the PRACK of the 180, a reliable 183 with RSeq + 2"},
	[BH_RELIABLE_100] = {"reliable-100", "rel1xx.not-100", 0,
		"the 100 carries Require: 100rel and RSeq"},
	[BH_UNSOLICITED_REL] = {"unsolicited-reliable", "rel1xx.unsolicited",
		0, "the 180 is reliable although the INVITE did not support "
		"100rel"},
	[BH_UNRELIABLE_REQUIRED] = {"unreliable-when-required",
		"rel1xx.required", 0,
		"the 180 is unreliable although the INVITE required 100rel"},
	[BH_TWO_REL] = {"two-reliable-before-prack", "rel1xx.one-outstanding",
		0, "a reliable 183 in the same write as the reliable 180, "
		"before its PRACK (judged over TCP)"},

	[BH_NO_SDP_ANSWER] = {"no-sdp-answer", "sdp.answer", 0,
		"the 2xx to an INVITE with an offer has no SDP"},
	[BH_NO_SDP_OFFER] = {"no-sdp-offer-in-2xx", "sdp.offer-in-2xx", 0,
		"the 2xx to an INVITE without offer has no SDP"},
	[BH_SDP_M_LINES] = {"sdp-m-lines", "sdp.m-lines", 0,
		"the SDP answer has one m= line more than the offer"},

	[BH_OPTIONS_BARE] = {"options-bare", "options.capabilities", 0,
		"200 to OPTIONS without Allow, Accept, Accept-Encoding, "
		"Accept-Language, Supported"},
	[BH_OPTIONS_180] = {"options-180", "noninvite.provisional", 0,
		"a 180 to OPTIONS before the final"},
	[BH_OPTIONS_EARLY_100] = {"options-early-100", "noninvite.early-100",
		0, "a 100 to OPTIONS at once (judged over UDP)"},

	[BH_GARBAGE] = {"garbage", "hostile", 0,
		"three datagrams of random bytes before the 100 (TCP: one "
		"blob ended by an empty line)"},
	[BH_OVERSIZE] = {"oversize", "hostile", 0,
		"a 64000-byte body in " T100},
	[BH_FLOOD_1XX] = {"flood-1xx", "hostile", 0,
		"5000 183s, 100 every 10 ms, before the final"},
	[BH_NEVER_FINAL] = {"never-final", "hostile", 0,
		"100 and 180, never a final (CANCEL gets 200, no 487)"},
	[BH_SILENCE] = {"silence", "hostile", 0, "never answers anything"},
	[BH_TCP_HALF] = {"tcp-half", "hostile", 0,
		"TCP: the first half of the 180, then nothing more on that "
		"connection"},
	[BH_TCP_RESET] = {"tcp-reset", "hostile", 0,
		"TCP: the first half of the 180, then a reset (SO_LINGER 0)"},
	[BH_HUGE_CLEN] = {"huge-content-length", "hostile", 0,
		"Content-Length 999999999 on a short body in " T100},
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

void behave_list(FILE *f)
{
	for (int i = 0; i < BH_COUNT; i++)
		fprintf(f, "%-26s %-30s %s\n", table[i].name, table[i].rule,
			table[i].desc);
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
	char *s = NULL;
	const char *p;
	int err;

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

	err = re_sdprintf(&s, "%r%s%s%r", &pre, tag ? ";tag=" : "",
			  tag ? tag : "", &post);
	if (err)
		return err;
	mem_deref(h->val);
	h->val = s;
	return 0;
}

static int to_wrong_uri(struct resp_hdr *h)
{
	const char *tail = strchr(h->val, '>');
	char *s = NULL;
	int err;

	if (tail)
		tail++;
	else if (!(tail = strchr(h->val, ';')))
		tail = "";

	err = re_sdprintf(&s, "<sip:somebody-else@invalid>%s", tail);
	if (err)
		return err;
	mem_deref(h->val);
	h->val = s;
	return 0;
}

static int cseq_plus_one(struct resp_hdr *h)
{
	struct pl num, met;
	char *s = NULL;
	int err;

	if (re_regex(h->val, strlen(h->val), "[0-9]+[ \t]+[^ \t]+", &num,
		     NULL, &met))
		return 0;
	err = re_sdprintf(&s, "%u %r", pl_u32(&num) + 1, &met);
	if (err)
		return err;
	mem_deref(h->val);
	h->val = s;
	return 0;
}

static int append(struct resp_hdr *h, const char *what)
{
	char *s = NULL;
	int err = re_sdprintf(&s, "%s%s", h->val, what);

	if (err)
		return err;
	mem_deref(h->val);
	h->val = s;
	return 0;
}

/** no-totag: the To of r without its tag */
int behave_to_strip_tag(struct resp *r)
{
	struct resp_hdr *h = resp_find(r, "To");

	return h ? set_tag(h, NULL) : 0;
}

/* -- the Status-Line and framing of the 100 ------------------------------ */

static int sline_set(struct resp *r, const char *fmt, ...)
{
	char *s = NULL;
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = re_vsdprintf(&s, fmt, ap);
	va_end(ap);
	if (err)
		return err;
	mem_deref(r->sline);
	r->sline = s;
	return 0;
}

static int edit_sline_long(struct resp *r)
{
	char pad[1201];

	memset(pad, 'x', sizeof(pad) - 1);
	pad[sizeof(pad) - 1] = '\0';
	return sline_set(r, "SIP/2.0 %u %s", r->scode, pad);
}

static int edit_sline(const bool *bh, struct resp *r)
{
	const unsigned c = r->scode;
	const char *why = resp_reason(r->scode);
	int err = 0;

	if (bh[BH_SL_LEADING_WS])
		err |= sline_set(r, " SIP/2.0 %u %s", c, why);
	if (bh[BH_SL_VERSION])
		err |= sline_set(r, "SIP/3.0 %u %s", c, why);
	if (bh[BH_SL_VERSION_CASE])
		err |= sline_set(r, "sip/2.0 %u %s", c, why);
	if (bh[BH_SL_DOUBLE_SP])
		err |= sline_set(r, "SIP/2.0  %u %s", c, why);
	if (bh[BH_SL_NO_SP])
		err |= sline_set(r, "SIP/2.0 %u%s", c, why);
	if (bh[BH_SL_CODE_2DIGIT])
		err |= sline_set(r, "SIP/2.0 %u %s", c / 10, why);
	if (bh[BH_SL_CODE_4DIGIT])
		err |= sline_set(r, "SIP/2.0 %u %s", c * 10, why);
	if (bh[BH_SL_CODE_099])
		err |= sline_set(r, "SIP/2.0 099 %s", why);
	if (bh[BH_SL_CODE_700])
		err |= sline_set(r, "SIP/2.0 700 %s", why);
	if (bh[BH_SL_REASON_DQUOTE])
		err |= sline_set(r, "SIP/2.0 %u \"%s\"", c, why);
	if (bh[BH_SL_REASON_CTL])
		err |= sline_set(r, "SIP/2.0 %u %s\x01", c, why);
	if (bh[BH_SL_REASON_UTF8])
		err |= sline_set(r, "SIP/2.0 %u %s \xc3\x28", c, why);
	if (bh[BH_SL_REASON_ESCAPE])
		err |= sline_set(r, "SIP/2.0 %u %s %%zz", c, why);
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
	if (bh[BH_DUP_TO] && (h = resp_find(r, "To")))
		err |= resp_add(r, "To", "%s", h->val);
	if (bh[BH_CLEN_MISMATCH]) {
		err |= resp_body(r, "text/plain", text, sizeof(text) - 1);
		r->clen = CLEN_VALUE;
		r->clen_val = 5;
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

static int edit_trying(const bool *bh, struct resp *r, const struct rctx *c)
{
	int err;

	err  = edit_sline(bh, r);
	err |= edit_framing(bh, r, c);
	edit_mandatory(bh, r);

	if (bh[BH_NO_TIMESTAMP])
		resp_del(r, "Timestamp");
	if (bh[BH_RELIABLE_100]) {
		err |= resp_add(r, "Require", "100rel");
		err |= resp_add(r, "RSeq", "1");
	}
	if (bh[BH_OVERSIZE])
		err |= edit_oversize(r);
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
				   "SIP/2.0/UDP 192.0.2.1:5060;"
				   "branch=z9hG4bK-extra-via");
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
	if (bh[BH_TWO_CONTACTS] && (h = resp_find(r, "Contact")))
		err |= append(h, ", <sip:second@192.0.2.2>");
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
static void edit_code(const bool *bh, struct resp *r)
{
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

	for (size_t i = 0; i < ARRAY_SIZE(drops); i++) {
		if (!bh[drops[i].bh] || r->scode < drops[i].lo ||
		    r->scode > drops[i].hi)
			continue;
		for (size_t k = 0; k < 3 && drops[i].hdr[k]; k++)
			resp_del(r, drops[i].hdr[k]);
	}
}

static int edit_final(const bool *bh, struct resp *r, const struct rctx *c)
{
	int err = edit_match(bh, r);

	if (r->scode >= 200 && r->scode < 300)
		err |= edit_2xx(bh, r, c);
	edit_code(bh, r);
	return err;
}

/* -- the rest ------------------------------------------------------------ */

static int edit_prov(const bool *bh, struct resp *r, const struct rctx *c)
{
	int err = 0;

	if (bh[BH_NO_TOTAG] && r->scode == 180)
		err |= behave_to_strip_tag(r);
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
