/**
 * @file rules/dialog.c  Dialog-creating responses and the header fields
 *                       particular status codes require
 *
 * dialog.*: the 2xx and the tagged 101-199 to an INVITE (RFC 3261 section
 * 12.1, 12.1.1, 13.3.1.4).  code.*: one rule per status code that names a
 * header field it must (or should) carry, whatever request it answers.
 * A retransmission repeats the bytes of an earlier response, so it is
 * judged once, as that earlier response.
 */
#include <config.h>
#include <re.h>
#include "judge/view.h"

/*
 * RFC 3261 section 12.1: "Dialogs are created through the generation of
 * non-failure responses to requests with specific methods.  Within this
 * specification, only 2xx and 101-199 responses with a To tag, where the
 * request was INVITE, will establish a dialog."
 */
static bool creates_dialog(const struct jtrans *tr, const struct jmsg *jm)
{
	if (!tr->is_invite)
		return false;
	return msg_is_2xx(&jm->d) || (msg_is_1xx(&jm->d) && jmsg_tagged(jm));
}

static bool contact_is_star(const struct jmsg *jm)
{
	const struct msg_hdr *h = message_hdr(jm->m, HDR_CONTACT);

	return h && !pl_strcmp(&h->val, "*");
}

/*
 * RFC 3261 section 12.1.1: "The UAS MUST add a Contact header field to
 * the response. [...] The URI provided in the Contact header field MUST
 * be a SIP or SIPS URI."  One URI: it becomes the dialog's remote target.
 */
static int check_contact(struct judge *j, const struct jmsg *jm)
{
	int err = 0;

	verdict_apply(j->v, R_DIALOG_CONTACT);
	if (!jmsg_has(jm, HDR_CONTACT))
		return JFIND(j, R_DIALOG_CONTACT, jm,
			     "%u %s creates a dialog but has no Contact",
			     jm->d.scode, jm->d.scode < 200 ? "with To tag" :
			     "to INVITE");

	verdict_apply(j->v, R_DIALOG_CONTACT_ONE);
	if (contact_is_star(jm))
		err = JFIND(j, R_DIALOG_CONTACT_ONE, jm,
			    "Contact is '*', not a SIP or SIPS URI");
	else if (jm->d.contact_uris != 1)
		err = JFIND(j, R_DIALOG_CONTACT_ONE, jm,
			    "Contact holds %u URIs, the dialog needs exactly "
			    "one", jm->d.contact_uris);
	return err;
}

/*
 * RFC 3261 section 13.3.1.4: "A 2xx response to an INVITE SHOULD contain
 * the Allow header field and the Supported header field, and MAY contain
 * the Accept header field."
 */
static int check_allow_supported(struct judge *j, const struct jmsg *jm)
{
	bool allow = jmsg_has(jm, HDR_ALLOW);
	bool supp  = jmsg_has(jm, HDR_SUPPORTED);

	verdict_apply(j->v, R_DIALOG_ALLOW_SUPPORTED);
	if (allow && supp)
		return 0;

	return JFIND(j, R_DIALOG_ALLOW_SUPPORTED, jm, "2xx to INVITE without "
		     "%s%s%s", allow ? "" : "Allow", !allow && !supp ?
		     " and " : "", supp ? "" : "Supported");
}

/* A status code and the header fields it names: any one of them will do */
struct code_rule {
	uint16_t lo, hi;
	enum rule_id rule;
	enum hdr_id hdr[3];
	const char *names;
};

static const struct code_rule code_rules[] = {
	/* RFC 3261 section 20.44, 22.1: a 401 MUST carry WWW-Authenticate */
	{401, 401, R_CODE_401, {HDR_WWW_AUTHENTICATE}, "WWW-Authenticate"},
	/* section 20.27, 22.3: a 407 MUST carry Proxy-Authenticate */
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

static bool has_any(const struct jmsg *jm, const enum hdr_id *hdr, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (hdr[i] != HDR_OTHER && jmsg_has(jm, hdr[i]))
			return true;
	return false;
}

static int check_code(struct judge *j, const struct jmsg *jm)
{
	int err = 0;

	for (size_t k = 0; k < ARRAY_SIZE(code_rules); k++) {
		const struct code_rule *c = &code_rules[k];

		if (jm->d.scode < c->lo || jm->d.scode > c->hi)
			continue;
		verdict_apply(j->v, c->rule);
		if (!has_any(jm, c->hdr, ARRAY_SIZE(c->hdr)))
			err |= JFIND(j, c->rule, jm, "%u without %s",
				     jm->d.scode, c->names);
	}
	return err;
}

int rules_dialog(struct judge *j)
{
	int err = 0;

	for (size_t i = 0; i < j->trc; i++) {
		const struct jtrans *tr = &j->trv[i];

		for (unsigned k = 0; k < tr->resc; k++) {
			const struct jmsg *jm = tr->resv[k];

			if (!jm->d.scode || jmsg_is_retransmit(jm))
				continue;

			if (creates_dialog(tr, jm))
				err |= check_contact(j, jm);
			if (tr->is_invite && msg_is_2xx(&jm->d))
				err |= check_allow_supported(j, jm);
			err |= check_code(j, jm);
		}
	}

	return err;
}
