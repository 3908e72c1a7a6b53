/**
 * @file rules/single.c  Rules one response decides with its CSeq method:
 *                       To tag, dialog Contact, CSeq, the header fields
 *                       particular codes require, Basic challenges
 *
 * One implementation, two callers: judge_message() runs these for every
 * response of a trace (judge.c) and for every file `sipconform lint`
 * reads, so a saved response and the same response in a run get the same
 * findings, ids, levels and wording.  Whatever needs the request (the To
 * tag of a request inside a dialog, our Require, our Record-Route) is
 * judged over the view in the families, not here.
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "sip/message.h"
#include "sip/decode.h"
#include "sip/hdrlist.h"
#include "sip/hvalue.h"
#include "judge/rules.h"

#define ADD(r, ...) \
	err |= verdict_add(v, (r), ctx->index, ctx->t_us, 0, m->first_line, \
			   __VA_ARGS__)

/* ... quoting the header line h */
#define ADDH(r, h, ...) \
	err |= verdict_add(v, (r), ctx->index, ctx->t_us, (h)->off, \
			   (h)->line, __VA_ARGS__)

static bool has(const struct message *m, enum hdr_id id)
{
	return message_hdr(m, id) != NULL;
}

static bool is_invite(const struct msg_fields *d, const struct msg_ctx *ctx)
{
	const struct pl *met = ctx->method.p ? &ctx->method : &d->cseq.met;

	if (!ctx->method.p && !d->has_cseq)
		return false;
	return !pl_strcmp(met, "INVITE");
}

/* Reliable in the sense of RFC 3262 section 7.1: the response asks for a
 * PRACK by either of its two marks (view.c jmsg_is_reliable likewise) */
static bool is_reliable(const struct message *m, const struct msg_fields *d)
{
	return d->require_100rel || has(m, HDR_RSEQ);
}

/* Section 12.1: "only 2xx and 101-199 responses with a To tag, where the
 * request was INVITE, will establish a dialog" */
static bool creates_dialog(const struct msg_fields *d,
			   const struct msg_ctx *ctx)
{
	return is_invite(d, ctx) && (msg_is_2xx(d) ||
		(msg_is_1xx(d) && d->scode > 100 && d->to_tag.p));
}

/*
 * RFC 3261 section 8.2.6.2: "the UAS MUST add a tag to the To header
 * field in the response (with the exception of the 100 (Trying)
 * response, in which a tag MAY be present)."  The same MUST holds inside
 * a dialog, where the tag is the request's: either way a response past
 * 100 without a tag breaks it.  Whether the tag is the dialog's needs the
 * request (match.c).
 *
 * Section 17.2.1: "The 100 (Trying) response is constructed according to
 * the procedures in Section 8.2.6, except that the insertion of tags in
 * the To header field of the response (when none was present in the
 * request) is downgraded from MAY to SHOULD NOT."  A SHOULD NOT, so a
 * warning; inside a dialog (ctx->in_dialog) the tag is the request's.
 */
static int check_totag(struct verdict *v, const struct message *m,
		       const struct msg_fields *d, const struct msg_ctx *ctx)
{
	int err = 0;

	if (!d->has_to)
		return 0;

	if (d->scode == 100) {
		if (ctx->in_dialog)
			return 0;
		verdict_apply(v, R_TOTAG_NOT_IN_100);
		if (d->to_tag.p)
			ADD(R_TOTAG_NOT_IN_100, "100 (Trying) with To tag "
			    "'%r'", &d->to_tag);
		return err;
	}

	/* the one check of a missing tag; whether a tag is the dialog's
	 * needs the request (match.c) */
	verdict_apply(v, R_TOTAG_PRESENT);
	if (!d->to_tag.p)
		ADD(R_TOTAG_PRESENT, "%u without To tag", d->scode);
	return err;
}

/* The Contact lines of m to the strict grammar: false if one breaks it
 * (hdr.contact.syntax's finding); else how many URIs, whether one is
 * '*', and the first one */
static bool contact_read(const struct message *m, unsigned *n, bool *star,
			 const struct msg_hdr **first_h, struct sipuri *first)
{
	*n = 0;
	*star = false;
	for (unsigned i = 0; i < m->hdrc; i++) {
		const struct msg_hdr *h = &m->hdrv[i];
		struct hvalue hv;

		if (h->id != HDR_CONTACT)
			continue;
		if (hvalue_check(&hv, HDR_CONTACT, h->val.p, h->val.l))
			return false;
		if (!*n) {
			*first_h = h;
			*first = hv.first.addr.uri;
		}
		*star |= hv.first.star;
		*n += hv.count;
	}
	return true;
}

/*
 * RFC 3261 section 12.1.1: "The UAS MUST add a Contact header field to
 * the response. [...] The URI provided in the Contact header field MUST
 * be a SIP or SIPS URI."  (The SIPS half, "If the request that initiated
 * the dialog contained a SIPS URI in the Request-URI [...] the Contact
 * header field in the response MUST be a SIPS URI", needs the request.)
 * Section 12.1.2: "The remote target MUST be set to the URI from the
 * Contact header field of the response": one URI.
 *
 * Section 20 Table 2 marks Contact "o" (optional) in a 1xx to INVITE and
 * "m" in a 2xx, so a tagged 1xx without Contact is a warning unless it is
 * reliable: RFC 3262 section 4, the UAC "MUST send a PRACK", which goes to
 * the remote target, so a reliable 1xx without one cannot be acknowledged.
 */
static int check_contact(struct verdict *v, const struct message *m,
			 const struct msg_fields *d, const struct msg_ctx *ctx)
{
	const struct msg_hdr *h = message_hdr(m, HDR_CONTACT);
	struct sipuri uri;
	unsigned n;
	bool star;
	bool must = msg_is_2xx(d) || is_reliable(m, d);
	enum rule_id r = must ? R_DIALOG_CONTACT : R_DIALOG_CONTACT_1XX;
	int err = 0;

	verdict_apply(v, r);
	if (!h) {
		ADD(r, "%u %s creates a dialog but has no Contact", d->scode,
		    d->scode >= 200 ? "to INVITE" : must ?
		    "with To tag, reliable," : "with To tag");
		return err;
	}

	/* a Contact off the grammar has no URI to count or name: that is
	 * hdr.contact.syntax's one finding */
	if (!contact_read(m, &n, &star, &h, &uri))
		return err;

	verdict_apply(v, R_DIALOG_CONTACT_ONE);
	if (star) {
		ADD(R_DIALOG_CONTACT_ONE, "Contact is '*', not a SIP or SIPS "
		    "URI");
		return err;
	}
	if (n != 1) {
		ADD(R_DIALOG_CONTACT_ONE, "Contact holds %u URIs, the dialog "
		    "needs exactly one", n);
		return err;
	}

	verdict_apply(v, R_DIALOG_CONTACT_SIP_URI);
	if (!uri.sip && !uri.sips)
		ADDH(R_DIALOG_CONTACT_SIP_URI, h, "Contact URI '%r' is not a SIP "
		    "or SIPS URI", &uri.whole);
	return err;
}

/*
 * RFC 3261 section 13.3.1.4: "A 2xx response to an INVITE SHOULD contain
 * the Allow header field and the Supported header field, and MAY contain
 * the Accept header field."
 */
static int check_allow_supported(struct verdict *v, const struct message *m,
				 const struct msg_ctx *ctx)
{
	bool allow = has(m, HDR_ALLOW);
	bool supp  = has(m, HDR_SUPPORTED);
	int err = 0;

	verdict_apply(v, R_DIALOG_ALLOW_SUPPORTED);
	if (!allow || !supp)
		ADD(R_DIALOG_ALLOW_SUPPORTED, "2xx to INVITE without %s%s%s",
		    allow ? "" : "Allow", !allow && !supp ? " and " : "",
		    supp ? "" : "Supported");
	return err;
}

/*
 * RFC 3261 section 12.1: "Within this specification, only 2xx and
 * 101-199 responses with a To tag, where the request was INVITE, will
 * establish a dialog."
 */
static int check_dialog(struct verdict *v, const struct message *m,
			const struct msg_fields *d, const struct msg_ctx *ctx)
{
	int err = 0;

	if (!is_invite(d, ctx))
		return 0;
	if (creates_dialog(d, ctx))
		err |= check_contact(v, m, d, ctx);
	if (msg_is_2xx(d))
		err |= check_allow_supported(v, m, ctx);
	return err;
}

/* A status code and the header fields it names: any one of them will do */
struct code_rule {
	uint16_t lo, hi;
	enum rule_id rule;
	enum hdr_id hdr[3];
	const char *names;
};

static const struct code_rule code_rules[] = {
	/* RFC 3261 section 22.2: "The WWW-Authenticate response-header
	 * field MUST be included in 401 (Unauthorized) response messages." */
	{401, 401, R_CODE_401, {HDR_WWW_AUTHENTICATE}, "WWW-Authenticate"},
	/* section 22.3: "The proxy MUST populate the 407 (Proxy
	 * Authentication Required) message with a Proxy-Authenticate header
	 * field value applicable to the proxy for the requested resource." */
	{407, 407, R_CODE_407, {HDR_PROXY_AUTHENTICATE},
	 "Proxy-Authenticate"},
	/* section 21.4.6: "The response MUST include an Allow header field
	 * containing a list of valid methods" */
	{405, 405, R_CODE_405, {HDR_ALLOW}, "Allow"},
	/* section 21.4.13: "The server MUST return a list of acceptable
	 * formats using the Accept, Accept-Encoding, or Accept-Language
	 * header field, depending on the specific problem" (and 8.2.3) */
	{415, 415, R_CODE_415,
	 {HDR_ACCEPT, HDR_ACCEPT_ENCODING, HDR_ACCEPT_LANGUAGE},
	 "Accept, Accept-Encoding or Accept-Language"},
	/* section 21.4.15: "The server MUST include a list of the
	 * unsupported extensions in an Unsupported header field" */
	{420, 420, R_CODE_420, {HDR_UNSUPPORTED}, "Unsupported"},
	/* section 21.4.16: "Responses with this status code MUST contain a
	 * Require header field listing the required extensions." */
	{421, 421, R_CODE_421, {HDR_REQUIRE}, "Require"},
	/* RFC 4028 section 6: "The 422 response MUST contain a Min-SE
	 * header field with the minimum timer for that server." */
	{422, 422, R_CODE_422, {HDR_MIN_SE}, "Min-SE"},
	/* section 10.3 step 7: the 423 "MUST contain a Min-Expires header
	 * field" (21.4.17 defines the code) */
	{423, 423, R_CODE_423, {HDR_MIN_EXPIRES}, "Min-Expires"},
	/* section 13.3.1.2: a 300, 301 or 302 "SHOULD contain a Contact
	 * header field containing one or more URIs of new addresses to be
	 * tried"; 305 and 380 put theirs elsewhere or may leave it out,
	 * and 485's Contact is a MAY (21.4.23), so neither is judged */
	{300, 302, R_CODE_3XX_CONTACT, {HDR_CONTACT}, "Contact"},
	/* section 13.3.1.3: a 488 rejecting an offer "SHOULD include a
	 * Warning header field value explaining why the offer was
	 * rejected" (21.4.26 defines the code) */
	{488, 488, R_CODE_488_WARNING, {HDR_WARNING}, "Warning"},
};

static bool has_any(const struct message *m, const enum hdr_id *hdr,
		    size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (hdr[i] != HDR_OTHER && has(m, hdr[i]))
			return true;
	return false;
}

/*
 * RFC 3261 section 22.1: "Note that due to its weak security, the usage
 * of "Basic" authentication has been deprecated.  Servers MUST NOT accept
 * credentials using the "Basic" authorization scheme, and servers also
 * MUST NOT challenge with "Basic"."  Each challenge line starts with its
 * auth-scheme; a Basic offered beside a Digest is still a challenge with
 * Basic.
 */
static int check_basic(struct verdict *v, const struct message *m,
		       const struct msg_fields *d, const struct msg_ctx *ctx)
{
	enum hdr_id id = d->scode == 401 ? HDR_WWW_AUTHENTICATE :
		HDR_PROXY_AUTHENTICATE;
	int err = 0;

	if (!has(m, id))
		return 0;

	verdict_apply(v, R_CODE_BASIC_AUTH);
	for (unsigned i = 0; i < m->hdrc; i++) {
		const struct msg_hdr *h = &m->hdrv[i];
		struct hvalue hv;

		if (h->id != id)
			continue;
		/* the auth-scheme as the strict grammar reads it (a token,
		 * so without case): read even when a later auth-param
		 * breaks the grammar (hdr.*'s finding), which leaves it
		 * a challenge with Basic */
		(void)hvalue_check(&hv, id, h->val.p, h->val.l);
		if (hv.first.token.p &&
		    !pl_strcasecmp(&hv.first.token, "Basic")) {
			err |= verdict_add(v, R_CODE_BASIC_AUTH, ctx->index,
					   ctx->t_us, h->off, h->line,
					   "%u challenges with Basic",
					   d->scode);
		}
	}
	return err;
}

static int check_code(struct verdict *v, const struct message *m,
		      const struct msg_fields *d, const struct msg_ctx *ctx)
{
	int err = 0;

	for (size_t k = 0; k < ARRAY_SIZE(code_rules); k++) {
		const struct code_rule *c = &code_rules[k];

		if (d->scode < c->lo || d->scode > c->hi)
			continue;
		verdict_apply(v, c->rule);
		if (!has_any(m, c->hdr, ARRAY_SIZE(c->hdr)))
			ADD(c->rule, "%u without %s", d->scode, c->names);
	}
	if (d->scode == 401 || d->scode == 407)
		err |= check_basic(v, m, d, ctx);
	return err;
}

/*
 * RFC 3261 section 20.16: CSeq = "CSeq" HCOLON 1*DIGIT LWS Method;
 * section 8.1.1.5: "The sequence number value MUST be expressible as a
 * 32-bit unsigned integer and MUST be less than 2**31."  Section 8.2.6.2
 * has the response copy the request's CSeq, so a number outside that
 * range (or a CSeq that does not parse) answers no request a UAC could
 * have sent.  This rule owns every defect of the CSeq value (the strict
 * parser's, hvalue.h); hdr.* stays silent on CSeq (hdrsyntax.c).
 */
static int check_cseq(struct verdict *v, const struct message *m,
		      const struct msg_fields *d, const struct msg_ctx *ctx)
{
	const struct msg_hdr *h = message_hdr(m, HDR_CSEQ);
	struct hvalue hv;

	if (!h || h->bad_syntax)
		return 0;   /* headers.mandatory, framing.header-syntax */

	verdict_apply(v, R_HDR_CSEQ);
	if (msg_hv_valid(d, m, h) ||
	    hvalue_check(&hv, HDR_CSEQ, h->val.p, h->val.l) != EBADMSG)
		return 0;
	if (hv.defect == HV_RANGE)
		return verdict_add(v, R_HDR_CSEQ, ctx->index, ctx->t_us,
				   (size_t)(h->val.p - m->buf) + hv.off,
				   h->line, "CSeq number is not below 2**31: "
				   "%s [%s], byte %zu of the value",
				   hvalue_defect_str(hv.defect),
				   hvalue_defect_name(hv.defect), hv.off);
	return hv_finding(v, R_HDR_CSEQ, m, h, &hv, ctx);
}

int judge_single(struct verdict *v, const struct message *m,
		 const struct msg_fields *d, const struct msg_ctx *ctx)
{
	int err = 0;

	err |= check_cseq(v, m, d, ctx);
	if (d->request)
		return err;
	err |= judge_hvalues(v, m, d, ctx, creates_dialog(d, ctx));
	if (!d->scode)
		return err;

	err |= check_totag(v, m, d, ctx);
	err |= check_dialog(v, m, d, ctx);
	err |= check_code(v, m, d, ctx);
	return err;
}
