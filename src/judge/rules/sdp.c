/**
 * @file rules/sdp.c  Offer/answer in the responses to an INVITE
 *
 * Where the answer (or the offer) must be, per early dialog (To tag):
 * in the first 2xx of that dialog, unless a reliable provisional of the
 * same dialog already carried it.  SDP in an unreliable 18x is a preview
 * the UAC may use for early media, never the answer (RFC 3261 section
 * 13.2.1, RFC 6337 section 3.1).  A provisional counts as reliable only
 * when the INVITE allowed 100rel: otherwise the UAC never PRACKs it and
 * it is no answer either.  The body is SDP when Content-Type says
 * application/sdp, or when a multipart body has an application/sdp part
 * (RFC 5621; the decoder finds it, sip/multipart.c).
 */
#include <config.h>
#include <re.h>
#include "judge/view.h"

/* What one early dialog (jtrans_dialog) has carried so far */
struct sdialog {
	bool sdp_reliable;       /* a reliable 1xx carried SDP             */
	bool rel_seen;           /* a reliable 1xx came                    */
	bool offer_judged;       /* sdp.offer-in-2xx said its word         */
	bool answer_seen;        /* the answer (first SDP) was judged      */
	bool got_2xx;
};

/*
 * RFC 3264 section 6: "The answer MUST contain exactly the same number
 * of "m=" lines as the offer."  Judged on what is the answer: a reliable
 * 1xx or a 2xx.
 */
static int check_mlines(struct judge *j, const struct jmsg *offer,
			const struct jmsg *jm)
{
	verdict_apply(j->v, R_SDP_M_LINES);
	if (jm->d.sdp_mlines == offer->d.sdp_mlines)
		return 0;

	return JFIND(j, R_SDP_M_LINES, jm, "answer has %u m= lines, the "
		     "offer %u", jm->d.sdp_mlines, offer->d.sdp_mlines);
}

/*
 * RFC 3261 section 13.3.1.4: "If the INVITE request contained an offer,
 * and the UAS had not yet sent an answer, the 2xx MUST contain an
 * answer.  If the INVITE did not contain an offer, the 2xx MUST contain
 * an offer if the UAS had not yet sent an offer."  Section 13.2.1 and
 * RFC 3262 section 5 let a reliable provisional carry either first.
 */
static int check_2xx(struct judge *j, const struct jmsg *inv,
		     const struct sdialog *d, const struct jmsg *jm)
{
	enum rule_id r = inv->d.has_sdp ? R_SDP_ANSWER : R_SDP_OFFER_IN_2XX;

	verdict_apply(j->v, r);
	if (jm->d.has_sdp || d->sdp_reliable || d->offer_judged)
		return 0;

	return JFIND(j, r, jm, "first 2xx of the dialog carries no SDP %s "
		     "and no reliable provisional did", inv->d.has_sdp ?
		     "answer" : "offer");
}

/*
 * RFC 3262 section 5: "Similarly, if a reliable provisional response is
 * the first reliable message sent back to the UAC, and the INVITE did not
 * contain an offer, one MUST appear in that reliable provisional
 * response."  Judged on the first reliable 1xx of each dialog; its
 * retransmissions are the same response.
 */
static int check_first_reliable(struct judge *j, struct sdialog *d,
				const struct jmsg *jm)
{
	verdict_apply(j->v, R_SDP_OFFER_IN_2XX);
	if (jm->d.has_sdp)
		return 0;
	d->offer_judged = true;
	return JFIND(j, R_SDP_OFFER_IN_2XX, jm, "the INVITE had no offer and "
		     "the first reliable %u of the dialog carries none",
		     jm->d.scode);
}

/* The next "t=" line of an SDP body after *rest, CR and trailing LWS
 * off; false when there is none */
static bool next_tline(struct pl *rest, struct pl *t)
{
	while (rest->l) {
		const char *e = pl_strchr(rest, '\n');
		struct pl line = {rest->p, e ? (size_t)(e - rest->p) : rest->l};

		pl_advance(rest, (ssize_t)(line.l + (e ? 1 : 0)));
		while (line.l && (line.p[line.l - 1] == '\r' ||
				  line.p[line.l - 1] == ' ' ||
				  line.p[line.l - 1] == '\t'))
			line.l--;
		if (line.l >= 2 && line.p[0] == 't' && line.p[1] == '=') {
			*t = line;
			return true;
		}
	}
	return false;
}

/*
 * RFC 3264 section 6: "The "t=" line in the answer MUST equal that of
 * the offer."  Each t= line in order (RFC 4566 allows several), compared
 * as bytes but for trailing white space.  Judged on the answer: the first
 * SDP of the dialog in a reliable 1xx or a 2xx (RFC 3261 section 13.2.1:
 * the UAC takes the first one as the answer).
 */
static int check_tline(struct judge *j, const struct jmsg *offer,
		       const struct jmsg *jm)
{
	struct pl ro = offer->d.sdp, ra = jm->d.sdp, to, ta;
	bool ho, ha;

	verdict_apply(j->v, R_SDP_ANSWER_T_LINE);
	for (;;) {
		ho = next_tline(&ro, &to);
		ha = next_tline(&ra, &ta);
		if (!ho && !ha)
			return 0;
		if (ho && ha && !pl_cmp(&to, &ta))
			continue;
		break;
	}
	if (!ha)
		return JFIND(j, R_SDP_ANSWER_T_LINE, jm, "the answer lacks the "
			     "offer's '%r'", &to);
	if (!ho)
		return JFIND(j, R_SDP_ANSWER_T_LINE, jm, "the answer has '%r', "
			     "the offer no more t= lines", &ta);
	return JFIND(j, R_SDP_ANSWER_T_LINE, jm, "the answer has '%r', the "
		     "offer '%r'", &ta, &to);
}

static int check_invite(struct judge *j, const struct jtrans *tr, void *arg)
{
	struct sdialog *dv = arg;
	const struct jmsg *inv = tr->req;
	bool rel_ok = inv->d.supported_100rel || inv->d.require_100rel;
	int err = 0;

	for (unsigned k = 0; k < tr->resc; k++) {
		const struct jmsg *jm = tr->resv[k];
		struct sdialog *d;
		bool reliable;

		if (jm->d.scode <= 100 || jm->d.scode > 299 ||
		    jmsg_is_retransmit(jm))
			continue;

		d = &dv[jtrans_dialog(tr, jm)];
		reliable = jm->d.scode >= 200 ||
			(rel_ok && jmsg_is_reliable(jm));

		if (inv->d.has_sdp && jm->d.has_sdp && reliable)
			err |= check_mlines(j, inv, jm);
		if (inv->d.has_sdp && jm->d.has_sdp && reliable &&
		    !d->answer_seen) {
			d->answer_seen = true;
			err |= check_tline(j, inv, jm);
		}

		if (jm->d.scode < 200) {
			if (reliable && !inv->d.has_sdp && !d->rel_seen)
				err |= check_first_reliable(j, d, jm);
			if (reliable)
				d->rel_seen = true;
			if (reliable && jm->d.has_sdp)
				d->sdp_reliable = true;
			continue;
		}

		if (d->got_2xx)
			continue;
		d->got_2xx = true;
		err |= check_2xx(j, inv, d, jm);
	}

	return err;
}

int rules_sdp(struct judge *j)
{
	return view_each_invite(j, sizeof(struct sdialog), check_invite);
}
