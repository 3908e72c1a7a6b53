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
#include <string.h>
#include <re.h>
#include "sip/sdpline.h"
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

/* The next "t=" line of an SDP body after *rest; false when there is
 * none */
static bool next_tline(struct pl *rest, struct pl *t)
{
	while (sdp_next_line(rest, t))
		if (t->l >= 2 && t->p[0] == 't' && t->p[1] == '=')
			return true;
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

/* Does the media section starting after *sect (up to the next m= line)
 * hold "a=rtpmap:<pt> "? */
static bool has_rtpmap(struct pl sect, const struct pl *pt)
{
	struct pl line;

	while (sdp_next_line(&sect, &line)) {
		struct pl v;

		if (line.l >= 2 && line.p[0] == 'm' && line.p[1] == '=')
			return false;
		if (line.l < 9 || memcmp(line.p, "a=rtpmap:", 9))
			continue;
		v.p = line.p + 9;
		v.l = line.l - 9;
		if (v.l > pt->l && !memcmp(v.p, pt->p, pt->l) &&
		    (v.p[pt->l] == ' ' || v.p[pt->l] == '\t'))
			return true;
	}
	return false;
}

/* An RTP profile: RTP/AVP, RTP/SAVP, UDP/TLS/RTP/SAVPF ... */
static bool rtp_profile(const struct pl *proto)
{
	for (size_t i = 0; i + 4 <= proto->l; i++)
		if (!memcmp(proto->p + i, "RTP/", 4) &&
		    (i == 0 || proto->p[i - 1] == '/'))
			return true;
	return false;
}

/*
 * RFC 4566 section 5.14: "For dynamic payload type assignments the
 * "a=rtpmap:" attribute (see Section 6) SHOULD be used to map from an RTP
 * payload type number to a media encoding name that identifies the
 * payload format."  Dynamic: 96-127 (RFC 3551 section 6).  A SHOULD, as
 * the sentence says; judged on the answer, for m= lines of an RTP
 * profile that are not rejected (port 0: "Any media formats listed are
 * ignored", RFC 3264 section 6).  One finding per payload type.
 */
static int check_rtpmap(struct judge *j, const struct jmsg *jm)
{
	struct pl rest = jm->d.sdp, line;
	int err = 0;

	while (sdp_next_line(&rest, &line)) {
		struct pl media, port, proto, fmts;

		if (line.l < 2 || line.p[0] != 'm' || line.p[1] != '=')
			continue;
		if (re_regex(line.p + 2, line.l - 2, "[^ ]+ [0-9/]+ [^ ]+[^]*",
			     &media, &port, &proto, &fmts))
			continue;
		if (!pl_strcmp(&port, "0") || !rtp_profile(&proto))
			continue;
		verdict_apply(j->v, R_SDP_RTPMAP_DYNAMIC);
		while (fmts.l) {
			struct pl pt;
			uint32_t n;

			while (fmts.l && fmts.p[0] == ' ')
				pl_advance(&fmts, 1);
			pt.p = fmts.p;
			pt.l = 0;
			while (pt.l < fmts.l && fmts.p[pt.l] != ' ')
				pt.l++;
			pl_advance(&fmts, (ssize_t)pt.l);
			if (!pt.l || !pl_u32_strict(&pt, &n) || n < 96 ||
			    n > 127 || has_rtpmap(rest, &pt))
				continue;
			err |= JFIND(j, R_SDP_RTPMAP_DYNAMIC, jm, "%r payload "
				     "type %u (dynamic) has no a=rtpmap in its "
				     "media section", &media, n);
		}
	}
	return err;
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
			err |= check_rtpmap(j, jm);
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
