/**
 * @file rules/hdrsyntax.c  Every header value of a response to its
 *                          grammar (hvalue.h), one rule per family
 *
 * Called from judge_single(), so lint and a run give the same findings.
 * A finding quotes the header line; its offset is the defect's, from the
 * start of the message (the value's offset in the message plus the
 * parser's offset in the value).
 *
 * Levels (explain.def says the same per rule).  RFC 3261 has no general
 * sentence "a header value MUST match section 25"; the grammar is the
 * definition of the message, and the level follows what a UAC loses when
 * it cannot read the value:
 *  - MUST where the UAC cannot process the response at all: the top Via
 *    and CSeq match it to the transaction (17.1.3), From, To and Call-ID
 *    identify the dialog (12.1.2: "The remote target MUST be set to the
 *    URI from the Contact header field of the response", "The remote tag
 *    MUST be set to the value of the tag parameter in the To header
 *    field", "The call identifier component of the dialog ID MUST be set
 *    to the value of the Call-ID"), and the Contact of a response that
 *    creates a dialog is its remote target (same section);
 *  - SHOULD for the rest: an unreadable Allow, Warning or Date costs the
 *    UAC information, not the call.  Record-Route is SHOULD although
 *    12.1.2 has the UAC build its route set from it: the list of
 *    what a UAC needs does not name it, and in doubt a SHOULD beats a
 *    false MUST.
 * CSeq belongs to headers.cseq (single.c) and Content-Length to
 * framing.content-length (framing.c): both rules existed before the
 * strict parser and their ids are a contract; they now read the parser's
 * defect, and this file stays silent on those two so that one defect is
 * one finding.
 */
#include <config.h>
#include <re.h>
#include "sip/message.h"
#include "sip/hvalue.h"
#include "sip/decode.h"
#include "judge/rules.h"

/* RULE_COUNT: owned by another rule (see above) */
static enum rule_id hdr_rule(enum hdr_id id, bool dialog)
{
	switch (id) {

	case HDR_VIA:            return R_HV_VIA;
	case HDR_FROM:           return R_HV_FROM;
	case HDR_TO:             return R_HV_TO;
	case HDR_CALL_ID:        return R_HV_CALL_ID;
	case HDR_CSEQ:           return RULE_COUNT;
	case HDR_CONTENT_LENGTH: return RULE_COUNT;
	case HDR_CONTACT:
		return dialog ? R_HV_CONTACT : R_HV_CONTACT_OTHER;
	case HDR_RECORD_ROUTE:
	case HDR_ROUTE:          return R_HV_ROUTE;
	case HDR_WWW_AUTHENTICATE:
	case HDR_PROXY_AUTHENTICATE:
		return R_HV_AUTH;
	default:                 return R_HV_OTHER;
	}
}

int hv_finding(struct verdict *v, enum rule_id r, const struct message *m,
	       const struct msg_hdr *h, const struct hvalue *hv,
	       const struct msg_ctx *ctx)
{
	size_t voff = (size_t)(h->val.p - m->buf);

	return verdict_add(v, r, ctx->index, ctx->t_us, voff + hv->off,
			   h->line, "%r: %s [%s], byte %zu of the value",
			   &h->name, hvalue_defect_str(hv->defect),
			   hvalue_defect_name(hv->defect), hv->off);
}

/* A parameter given twice in a value that parses: its own rule, as the
 * level is not the header's (explain.def says why) */
static int dup_finding(struct verdict *v, const struct message *m,
		       const struct msg_hdr *h, const struct hvalue *hv,
		       const struct msg_ctx *ctx)
{
	size_t voff = (size_t)(h->val.p - m->buf);
	enum rule_id r = hv->dup == HV_URI_PARAM_DUP ? R_HV_URI_PARAM_DUP
		: R_HV_PARAM_DUP;

	return verdict_add(v, r, ctx->index, ctx->t_us, voff + hv->dup_off,
			   h->line, "%r: %s [%s], byte %zu of the value",
			   &h->name, hvalue_defect_str(hv->dup),
			   hvalue_defect_name(hv->dup), hv->dup_off);
}

int judge_hvalues(struct verdict *v, const struct message *m,
		  const struct msg_fields *d, const struct msg_ctx *ctx,
		  bool dialog)
{
	int err = 0;

	verdict_apply(v, R_HV_URI_PARAM_DUP);
	verdict_apply(v, R_HV_PARAM_DUP);
	for (unsigned i = 0; i < m->hdrc; i++) {
		const struct msg_hdr *h = &m->hdrv[i];
		enum rule_id r = hdr_rule(h->id, dialog);
		struct hvalue hv;

		/* a line that is no "name: value" is framing's */
		if (h->bad_syntax || r == RULE_COUNT)
			continue;
		verdict_apply(v, r);
		/* Via, From, To, CSeq, Contact, RSeq and RAck the decoder
		 * parsed already: a valid one has nothing more to say */
		if (msg_hv_valid(d, m, h))
			continue;
		if (hvalue_check(&hv, h->id, h->val.p, h->val.l) == EBADMSG) {
			err |= hv_finding(v, r, m, h, &hv, ctx);
			continue;
		}
		if (hv.dup)
			err |= dup_finding(v, m, h, &hv, ctx);
	}
	return err;
}
