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
 * (RFC 5621; the decoder finds it, sip/multipart.c).  The first SDP of a
 * dialog in a reliable 1xx or a 2xx is the answer, or the target's offer
 * when the INVITE had none; the later ones of the same dialog are
 * compared with it (sdp.same-answer, sdp.no-new-offer), never those of
 * another To tag.
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
	const struct jmsg *first; /* the first SDP in a reliable 1xx or a
				     2xx: the answer (the INVITE had an
				     offer) or the target's offer          */
	bool got_2xx;
	bool rseq_seen;          /* rseq: of the last reliable 1xx with SDP */
	uint32_t rseq;
};

/* A reliable 1xx with the RSeq of the last one with SDP: a
 * retransmission (RFC 3262 section 4: by identity, even when its bytes
 * differ; rel1xx.retransmit-same speaks of those), not a later response */
static bool same_rseq(struct sdialog *d, const struct jmsg *jm)
{
	bool same;

	if (jm->d.scode >= 200 || !jm->d.has_rseq)
		return false;
	same = d->rseq_seen && d->rseq == jm->d.rseq;
	d->rseq_seen = true;
	d->rseq = jm->d.rseq;
	return same;
}

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

/* The next line of type c ("t", "o", "m") of an SDP body after *rest;
 * false when there is none */
static bool next_typed(struct pl *rest, char c, struct pl *line)
{
	while (sdp_next_line(rest, line))
		if (line->l >= 2 && line->p[0] == c && line->p[1] == '=')
			return true;
	return false;
}

static bool next_tline(struct pl *rest, struct pl *t)
{
	return next_typed(rest, 't', t);
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

/* The media field of an m= line ("audio" of "m=audio 4000 RTP/AVP 0") */
static struct pl mline_media(const struct pl *m)
{
	struct pl media = {m->p + 2, 0};

	while (2 + media.l < m->l && m->p[2 + media.l] != ' ')
		media.l++;
	return media;
}

/*
 * RFC 3264 section 6: "For each "m=" line in the offer, there MUST be a
 * corresponding "m=" line in the answer. [...] This allows for streams
 * to be matched up based on their order."  Pairs by position, judged
 * only when the counts agree (else sdp.m-lines has said it).  A SHOULD:
 * the sentence pairs lines by order and does not name the media type.
 */
static int check_media(struct judge *j, const struct jmsg *offer,
		       const struct jmsg *jm)
{
	struct pl ro = offer->d.sdp, ra = jm->d.sdp, mo, ma;
	unsigned k = 0;
	int err = 0;

	if (jm->d.sdp_mlines != offer->d.sdp_mlines || !jm->d.sdp_mlines)
		return 0;
	verdict_apply(j->v, R_SDP_MEDIA_TYPE);
	while (next_typed(&ro, 'm', &mo) && next_typed(&ra, 'm', &ma)) {
		struct pl to = mline_media(&mo), ta = mline_media(&ma);

		++k;
		if (!pl_casecmp(&to, &ta))
			continue;
		err |= JFIND(j, R_SDP_MEDIA_TYPE, jm, "m= line %u of the answer "
			     "is %r, the offer's %r", k, &ta, &to);
	}
	return err;
}

/* The o= line of an SDP body; l == 0: none */
static struct pl oline(const struct jmsg *jm)
{
	struct pl rest = jm->d.sdp, o = PL_INIT;

	if (!next_typed(&rest, 'o', &o))
		o.l = 0;
	return o;
}

/*
 * Did we send the answer to the target's offer (first, a reliable 1xx
 * or a 2xx) before t_us: a PRACK (RFC 3262 section 5) or an ACK (section
 * 13.2.1) of its dialog with SDP.  The target gets it later still, so
 * "before" is the lenient reading.
 */
static bool answered_before(const struct judge *j, const struct jtrans *inv,
			    const struct jmsg *first, uint64_t t_us)
{
	const struct pl *tag = &first->d.to_tag;
	const struct jmsg *a;

	for (size_t i = 0; i < j->trc; i++) {
		const struct jmsg *p = j->trv[i].req;

		if (j->trv[i].invite == inv && jmsg_method(p, "PRACK") &&
		    p->d.has_sdp && p->t_us < t_us &&
		    (!p->d.to_tag.p || tag_eq(&p->d.to_tag, tag)))
			return true;
	}
	for (a = jtrans_ack_for(j, inv, tag, 0); a && a->t_us < t_us;
	     a = a->ack_next)
		if (a->d.has_sdp)
			return true;
	return false;
}

/*
 * RFC 3261 section 13.3.1: "Once the UAS has sent or received an answer
 * to the initial offer, it MUST NOT generate subsequent offers in any
 * responses to the initial INVITE."  Which SDP is an offer?  Only where
 * the INVITE had none is the target the offerer (its first reliable
 * response carries the offer, RFC 3262 section 5), and then every SDP it
 * sends is an offer: the same o= line is that offer again (RFC 3264
 * section 8: an unchanged version is the same SDP), another one is a new
 * offer.  Where the INVITE had the offer, a changed SDP after the answer
 * may be a changed answer as well as an offer, and the UAC ignores it
 * anyway (section 13.2.1): sdp.same-answer, a SHOULD, speaks there.
 * Judged on reliable responses after our answer went out; forks are
 * separate dialogs.
 */
static int check_no_new_offer(struct judge *j, const struct jtrans *tr,
			      const struct jmsg *offer, const struct jmsg *jm)
{
	struct pl oo = oline(offer), om = oline(jm);

	if (!answered_before(j, tr, offer, jm->t_us))
		return 0;
	verdict_apply(j->v, R_SDP_NO_NEW_OFFER);
	if (oo.l && !pl_cmp(&oo, &om))
		return 0;
	return JFIND(j, R_SDP_NO_NEW_OFFER, jm, "after our answer to its "
		     "offer (message %zu, '%r') the %u offers '%r'",
		     offer->idx, &oo, jm->d.scode, &om);
}

/*
 * RFC 3261 section 13.2.1: "The UAC MUST treat the first session
 * description it receives as the answer, and MUST ignore any session
 * descriptions in subsequent responses to the initial INVITE."  RFC 3264
 * section 8: "If the version in the origin line does not increment, the
 * SDP MUST be identical to the SDP with that version number."  No
 * sentence binds the UAS to repeat its answer, and a B2BUA that answered
 * for its ringback and then bridges changes it: a SHOULD.  Compared: the
 * o= line, then (same o= line) the bytes of the session description.
 */
static int check_same_answer(struct judge *j, const struct jmsg *answer,
			     const struct jmsg *jm)
{
	struct pl oa = oline(answer), om = oline(jm);

	verdict_apply(j->v, R_SDP_SAME_ANSWER);
	if (pl_cmp(&oa, &om))
		return JFIND(j, R_SDP_SAME_ANSWER, jm, "the %u carries '%r', "
			     "the answer (message %zu) '%r'", jm->d.scode,
			     &om, answer->idx, &oa);
	if (pl_cmp(&answer->d.sdp, &jm->d.sdp))
		return JFIND(j, R_SDP_SAME_ANSWER, jm, "the %u has the answer's "
			     "o= line (message %zu) over another session "
			     "description", jm->d.scode, answer->idx);
	return 0;
}

/* SDP in a reliable 1xx or a 2xx of dialog d: the first is the answer
 * (or the target's offer), the later ones are compared with it */
static int check_session(struct judge *j, const struct jtrans *tr,
			 struct sdialog *d, const struct jmsg *jm)
{
	const struct jmsg *inv = tr->req;
	int err = 0;

	if (d->first)
		return inv->d.has_sdp ? check_same_answer(j, d->first, jm) :
			check_no_new_offer(j, tr, d->first, jm);

	d->first = jm;
	if (inv->d.has_sdp) {
		err |= check_tline(j, inv, jm);
		err |= check_rtpmap(j, jm);
		err |= check_media(j, inv, jm);
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
		if (jm->d.has_sdp && reliable && !same_rseq(d, jm))
			err |= check_session(j, tr, d, jm);

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
