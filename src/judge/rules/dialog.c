/**
 * @file rules/dialog.c  The rules of dialog.* and code.* that need the
 *                       request
 *
 * Everything one response decides alone (Contact, Allow/Supported, the
 * header fields particular codes require) is in rules/single.c, which
 * lint runs too.  What is left here reads the request sipconform sent:
 * the option tags it required.  A retransmission repeats the bytes of an
 * earlier response, so it is judged once, as that earlier response.
 */
#include <config.h>
#include <re.h>
#include "sip/hdrlist.h"
#include "judge/view.h"

/* Option tags in one Require or Unsupported header: few in practice */
#define MAX_TAGS 16

static bool tag_in(const struct pl *tag, const struct pl *v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (!pl_casecmp(tag, &v[i]))
			return true;
	return false;
}

/*
 * RFC 3261 section 8.2.2.3: "The UAS MUST add an Unsupported header
 * field, and list in it those options it does not understand amongst
 * those in the Require header field of the request."  A 420 answers a
 * Require of ours, so its Unsupported names at least one of our tags; a
 * 420 without Unsupported is code.420-unsupported's, a request without
 * Require gives nothing to compare with.
 */
static int check_420(struct judge *j, const struct jtrans *tr,
		     const struct jmsg *jm)
{
	struct pl req[MAX_TAGS], uns[MAX_TAGS];
	unsigned nreq, nuns;

	nreq = hdrlist_values(tr->req->m, HDR_REQUIRE, req, MAX_TAGS);
	nuns = hdrlist_values(jm->m, HDR_UNSUPPORTED, uns, MAX_TAGS);
	if (!nreq || !nuns)
		return 0;
	if (nreq > MAX_TAGS)
		nreq = MAX_TAGS;
	if (nuns > MAX_TAGS)
		nuns = MAX_TAGS;

	verdict_apply(j->v, R_CODE_420_OPTION);
	for (unsigned i = 0; i < nuns; i++)
		if (tag_in(&uns[i], req, nreq))
			return 0;

	return JFIND(j, R_CODE_420_OPTION, jm, "420 lists Unsupported: %r, "
		     "none of the request's Require: %r", &uns[0], &req[0]);
}

int rules_dialog(struct judge *j)
{
	int err = 0;

	for (size_t i = 0; i < j->trc; i++) {
		const struct jtrans *tr = &j->trv[i];

		for (unsigned k = 0; k < tr->resc; k++) {
			const struct jmsg *jm = tr->resv[k];

			if (jm->d.scode != 420 || jmsg_is_retransmit(jm))
				continue;
			err |= check_420(j, tr, jm);
		}
	}

	return err;
}
