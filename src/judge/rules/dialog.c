/**
 * @file rules/dialog.c  The rules of dialog.* and code.* that need the
 *                       request
 *
 * Everything one response decides alone (Contact, Allow/Supported, the
 * header fields particular codes require) is in rules/single.c, which
 * lint runs too.  What is left here reads the request sipconform sent:
 * the option tags it required, the Record-Route it carried.  A retransmission repeats the bytes of an
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

/* Record-Route values a UAS would see: proxies add above ours */
#define MAX_RR 32

/*
 * RFC 3261 section 12.1.1: "When a request contains a Record-Route header
 * field, the UAS MUST copy all Record-Route header field values from the
 * request into the response ... and MUST maintain the order of those
 * values."  The request's values are the last ones of the response: a
 * proxy between us and the UAS adds its own on top (16.6 item 4) and may
 * rewrite only those (16.7 item 4).  The response's list is read URI by
 * URI, whatever its lines (7.3.1).
 */
static int check_rr(struct judge *j, const struct jtrans *tr,
		    const struct jmsg *jm)
{
	struct pl req[MAX_RR], res[MAX_RR];
	unsigned nreq, nres;

	nreq = hdrlist_values(tr->req->m, HDR_RECORD_ROUTE, req, MAX_RR);
	if (!nreq || nreq > MAX_RR)
		return 0;
	nres = hdrlist_values(jm->m, HDR_RECORD_ROUTE, res, MAX_RR);

	verdict_apply(j->v, R_DIALOG_RECORD_ROUTE);
	if (nres > MAX_RR)
		return 0;       /* too many to hold: not judged */
	if (nres < nreq)
		return JFIND(j, R_DIALOG_RECORD_ROUTE, jm, "%u Record-Route "
			     "value(s) in a %u, the request had %u",
			     nres, jm->d.scode, nreq);
	for (unsigned i = 0; i < nreq; i++) {
		const struct pl *r = &res[nres - nreq + i];

		if (!copied_eq(&req[i], r))
			return JFIND(j, R_DIALOG_RECORD_ROUTE, jm,
				     "Record-Route value %u of the request "
				     "'%r' is '%r' in the %u", i + 1, &req[i],
				     r, jm->d.scode);
	}
	return 0;
}

/* A response that creates a dialog: a 2xx, or a 101-199 with To tag, to
 * INVITE (12.1) */
static bool dialog_creating(const struct jtrans *tr, const struct jmsg *jm)
{
	const uint16_t sc = jm->d.scode;

	return tr->is_invite && sc > 100 && sc < 300 &&
		(sc >= 200 || jmsg_tagged(jm));
}

int rules_dialog(struct judge *j)
{
	int err = 0;

	for (size_t i = 0; i < j->trc; i++) {
		const struct jtrans *tr = &j->trv[i];

		for (unsigned k = 0; k < tr->resc; k++) {
			const struct jmsg *jm = tr->resv[k];

			if (jmsg_is_retransmit(jm))
				continue;
			if (jm->d.scode == 420)
				err |= check_420(j, tr, jm);
			if (dialog_creating(tr, jm))
				err |= check_rr(j, tr, jm);
		}
	}

	return err;
}
