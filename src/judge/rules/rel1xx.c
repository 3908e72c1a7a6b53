/**
 * @file rules/rel1xx.c  Reliable provisional responses (RFC 3262)
 *
 * A provisional response is taken as sent reliably when it carries
 * Require: 100rel or an RSeq: either one shows the UAS meant it to be
 * PRACKed, and require-rseq then asks for both.  RSeq numbers are kept per
 * early dialog (To tag): each fork of a request numbers its own responses
 * (RFC 3262 section 3, verified erratum 4600).  Only INVITE transactions
 * are judged; 100rel is an INVITE extension.
 */
#include <config.h>
#include <re.h>
#include "judge/view.h"

#define RSEQ_FIRST_MAX 0x7fffffffu   /* 2**31 - 1 */
#define RSEQ_SEEN_MAX  32

/* The reliable provisionals of one early dialog, from its first */
struct rlog {
	uint32_t seen[RSEQ_SEEN_MAX];  /* RSeqs of this dialog so far      */
	const struct jmsg *orig[RSEQ_SEEN_MAX];  /* the first with each   */
	bool told[RSEQ_SEEN_MAX];      /* its differing copy reported      */
	const struct jmsg *sdp_rel[RSEQ_SEEN_MAX];  /* reliable, with SDP */
};

/* What the reliable provisionals of one early dialog (jtrans_dialog)
 * have shown so far.  One per dialog, and 100k forks are 100k dialogs:
 * the log (700 bytes) only for a dialog that sent a reliable one */
struct rdialog {
	const struct jmsg *first;    /* first reliable, with a valid RSeq  */
	uint32_t last;               /* RSeq of the latest new one         */
	bool second_seen;
	struct rlog *log;            /* NULL: no reliable one yet          */
	unsigned nseen;
	unsigned nsdp;
	bool got_2xx;
};

/* d's log, made on first use; NULL: out of memory */
static struct rlog *rlog_get(struct rdialog *d)
{
	if (!d->log)
		d->log = mem_zalloc(sizeof(*d->log), NULL);
	return d->log;
}

/*
 * RFC 3262 section 4: "A response is a retransmission when its dialog ID,
 * CSeq, and RSeq match the original response."  Identity, not bytes: a
 * UAS that rebuilds the response for each retransmission (a new Date, a
 * reordered header) still retransmits.  The dialog is d's, the CSeq the
 * transaction's (match.cseq judges a response whose CSeq differs).
 */
static int rseq_index(const struct rdialog *d, const struct jmsg *jm)
{
	if (!d->first || jm->d.cseq.num != d->first->d.cseq.num)
		return -1;
	for (unsigned i = 0; i < d->nseen; i++)
		if (d->log->seen[i] == jm->d.rseq)
			return (int)i;
	return -1;
}

static bool rseq_seen(const struct rdialog *d, const struct jmsg *jm)
{
	return rseq_index(d, jm) >= 0;
}

/*
 * RFC 3262 section 3: "The reliable provisional response is passed to
 * the transaction layer periodically with an interval that starts at T1
 * seconds and doubles for each retransmission", and RFC 3261 section
 * 17.2.1 has the transport send "the response" again: a retransmission is
 * the same response, the same bytes.  No keyword, and section 4 makes a
 * copy with other bytes a retransmission all the same (rseq-sequence
 * takes it as one), so a SHOULD: reported once per RSeq, at the first
 * differing copy.
 */
static int check_same_bytes(struct judge *j, struct rdialog *d, int i,
			    const struct jmsg *jm)
{
	const struct jmsg *o = d->log->orig[i];

	verdict_apply(j->v, R_REL_RETRANSMIT_SAME);
	if (d->log->told[i] || jmsg_same_bytes(o, jm))
		return 0;
	d->log->told[i] = true;
	return JFIND(j, R_REL_RETRANSMIT_SAME, jm, "retransmission of the "
		     "reliable %u (message %zu, RSeq %u): %zu bytes, not the "
		     "%zu bytes of the first", o->d.scode, o->idx,
		     jm->d.rseq, jm->m->len, o->m->len);
}

static bool rseq_valid(const struct jmsg *jm)
{
	/* section 7.1: "a single numeric value from 1 to 2**32 - 1" */
	return jm->d.has_rseq && jm->d.rseq != 0;
}

/*
 * Did we send the PRACK for rel (same dialog, RAck = its RSeq, the
 * INVITE's CSeq number and method) before the time t_us?  The UAS gets
 * it later still, so "before" is the lenient reading.
 */
static bool pracked_before(const struct judge *j, const struct jtrans *inv,
			   const struct jmsg *rel, uint64_t t_us)
{
	for (size_t i = 0; i < j->trc; i++) {
		const struct jtrans *tr = &j->trv[i];
		const struct jmsg *p = tr->req;
		struct pl met;
		uint32_t rn, cn;

		if (tr->invite != inv || !jtrans_method(tr, "PRACK") ||
		    p->t_us >= t_us)
			continue;
		if (!jmsg_rack(p, &rn, &cn, &met))
			continue;
		if (rn != rel->d.rseq || !inv->req->d.has_cseq ||
		    cn != inv->req->d.cseq.num || !method_eq(&met, "INVITE"))
			continue;
		if (p->d.to_tag.p && rel->d.to_tag.p &&
		    !tag_eq(&p->d.to_tag, &rel->d.to_tag))
			continue;
		return true;
	}
	return false;
}

/*
 * section 3: "The value of the header field for the first reliable
 * provisional response in a transaction MUST be between 1 and 2**31 - 1.
 * [...] Each subsequent reliable provisional response for the same
 * request MUST have an RSeq value greater by exactly one.  RSeq numbers
 * MUST NOT wrap around."
 *
 * section 3: "The UAS MUST NOT send a second reliable provisional
 * response until the first is acknowledged.  After the first, it is
 * RECOMMENDED that the UAS not send an additional reliable provisional
 * response until the previous is acknowledged."  Only the MUST is judged:
 * the first must be PRACKed before any other goes out.
 */
static int check_sequence(struct judge *j, const struct jtrans *inv,
			  struct rdialog *d, const struct jmsg *jm)
{
	int err = 0, i;

	verdict_apply(j->v, R_REL_RSEQ_SEQUENCE);
	verdict_apply(j->v, R_REL_ONE_OUTSTANDING);

	i = rseq_index(d, jm);
	if (i >= 0)
		return check_same_bytes(j, d, i, jm);
	if (!rlog_get(d))
		return ENOMEM;
	if (d->nseen < RSEQ_SEEN_MAX) {
		d->log->orig[d->nseen] = jm;
		d->log->seen[d->nseen++] = jm->d.rseq;
	}

	if (!d->first) {
		d->first = jm;
		d->last  = jm->d.rseq;
		if (jm->d.rseq > RSEQ_FIRST_MAX)
			err |= JFIND(j, R_REL_RSEQ_SEQUENCE, jm,
				     "first RSeq %u is above 2**31-1",
				     jm->d.rseq);
		return err;
	}

	if (jm->d.rseq != d->last + 1)
		err |= JFIND(j, R_REL_RSEQ_SEQUENCE, jm,
			     "RSeq %u after %u, not %u", jm->d.rseq, d->last,
			     d->last + 1);

	if (!d->second_seen && jm->d.rseq != d->first->d.rseq) {
		d->second_seen = true;
		if (!pracked_before(j, inv, d->first, jm->t_us))
			err |= JFIND(j, R_REL_ONE_OUTSTANDING, jm,
				     "RSeq %u sent before the PRACK of the "
				     "first reliable %u (RSeq %u)", jm->d.rseq,
				     d->first->d.scode, d->first->d.rseq);
	}

	d->last = jm->d.rseq;
	return err;
}

/*
 * section 3: "The UAS MAY send a final response to the initial request
 * before having received PRACKs for all unacknowledged reliable
 * provisional responses, unless the final response is 2xx and any of the
 * unacknowledged reliable provisional responses contained a session
 * description.  In that case, it MUST NOT send a final response until
 * those provisional responses are acknowledged."  Judged on the first 2xx
 * of each dialog: a reliable 1xx of that dialog with SDP whose PRACK we
 * had not even sent when the 2xx arrived.  A PRACK sent but not yet
 * received when the 2xx left is not seen: the lenient reading.
 */
static int check_2xx_prack(struct judge *j, const struct jtrans *inv,
			   struct rdialog *d, const struct jmsg *jm)
{
	int err = 0;

	if (d->got_2xx)
		return 0;
	d->got_2xx = true;
	if (!d->nsdp)
		return 0;

	verdict_apply(j->v, R_REL_NO_2XX_BEFORE_PRACK);
	for (unsigned i = 0; i < d->nsdp; i++) {
		const struct jmsg *rel = d->log->sdp_rel[i];

		if (pracked_before(j, inv, rel, jm->t_us))
			continue;
		err |= JFIND(j, R_REL_NO_2XX_BEFORE_PRACK, jm, "%u before the "
			     "PRACK of the reliable %u with SDP (RSeq %u)",
			     jm->d.scode, rel->d.scode, rel->d.rseq);
		break;
	}
	return err;
}

static int check_invite(struct judge *j, const struct jtrans *tr, void *arg)
{
	struct rdialog *dv = arg;
	bool required = tr->req->d.require_100rel;
	bool offered  = required || tr->req->d.supported_100rel;
	int err = 0;

	for (unsigned k = 0; k < tr->resc; k++) {
		const struct jmsg *jm = tr->resv[k];
		bool rel;

		if (offered && msg_is_2xx(&jm->d))
			err |= check_2xx_prack(j, tr,
					       &dv[jtrans_dialog(tr, jm)], jm);
		if (!msg_is_1xx(&jm->d))
			continue;
		/* the same bytes again: a retransmission as it should be */
		if (jmsg_is_retransmit(jm)) {
			if (jmsg_is_reliable(jm))
				verdict_apply(j->v, R_REL_RETRANSMIT_SAME);
			continue;
		}
		rel = jmsg_is_reliable(jm);

		/* section 3: "The UAS MUST NOT attempt to send a 100
		 * (Trying) response reliably." */
		if (jm->d.scode == 100) {
			verdict_apply(j->v, R_REL_NOT_100);
			if (rel)
				err |= JFIND(j, R_REL_NOT_100, jm,
					     "100 Trying with %s",
					     jm->d.require_100rel ?
					     "Require: 100rel" : "RSeq");
			continue;
		}

		/* section 3: "If the request did not include either a
		 * Supported or Require header field indicating this
		 * feature, the UAS MUST NOT send the provisional response
		 * reliably." */
		if (!offered) {
			verdict_apply(j->v, R_REL_UNSOLICITED);
			if (rel)
				err |= JFIND(j, R_REL_UNSOLICITED, jm,
					     "reliable %u, but the INVITE did "
					     "not support 100rel", jm->d.scode);
		}

		/* section 3: "The UAS MUST send any non-100 provisional
		 * response reliably if the initial request contained a
		 * Require header field with the option tag 100rel." */
		if (required) {
			verdict_apply(j->v, R_REL_REQUIRED);
			if (!rel)
				err |= JFIND(j, R_REL_REQUIRED, jm,
					     "%u not sent reliably, the INVITE "
					     "required 100rel", jm->d.scode);
		}

		if (!rel)
			continue;

		/* section 3: the response "MUST contain a Require header
		 * field containing the option tag 100rel, and MUST include
		 * an RSeq header field" */
		verdict_apply(j->v, R_REL_REQUIRE_RSEQ);
		if (!jm->d.require_100rel)
			err |= JFIND(j, R_REL_REQUIRE_RSEQ, jm, "RSeq without "
				     "Require: 100rel");
		else if (!jmsg_has(jm, HDR_RSEQ))
			err |= JFIND(j, R_REL_REQUIRE_RSEQ, jm, "Require: "
				     "100rel without RSeq");
		else if (!rseq_valid(jm))
			err |= JFIND(j, R_REL_REQUIRE_RSEQ, jm, "RSeq is not "
				     "a number in 1..2**32-1");

		if (rseq_valid(jm)) {
			struct rdialog *d = &dv[jtrans_dialog(tr, jm)];

			if (offered && jm->d.has_sdp && !rseq_seen(d, jm) &&
			    d->nsdp < RSEQ_SEEN_MAX) {
				if (!rlog_get(d)) {
					err = ENOMEM;
					break;
				}
				d->log->sdp_rel[d->nsdp++] = jm;
			}
			err |= check_sequence(j, tr, d, jm);
		}
	}

	for (unsigned k = 0; k <= tr->dialogs; k++)
		mem_deref(dv[k].log);
	return err;
}

/* The reliable 1xx of inv that PRACK p acknowledges, received before p
 * went out: same dialog (To tag), RAck = its RSeq, the INVITE's CSeq */
static const struct jmsg *prack_target(const struct jtrans *inv,
				       const struct jmsg *p)
{
	struct pl met;
	uint32_t rn, cn;

	if (!jmsg_rack(p, &rn, &cn, &met) ||
	    !method_eq(&met, "INVITE") || !inv->req->d.has_cseq ||
	    cn != inv->req->d.cseq.num)
		return NULL;

	for (unsigned i = 0; i < inv->resc; i++) {
		const struct jmsg *r = inv->resv[i];

		if (r->t_us > p->t_us)
			break;
		if (msg_is_1xx(&r->d) && r->d.scode > 100 &&
		    jmsg_is_reliable(r) && r->d.has_rseq && r->d.rseq == rn &&
		    tag_eq(&r->d.to_tag, &p->d.to_tag))
			return r;
	}
	return NULL;
}

/* An earlier PRACK transaction of inv for the same response got a 2xx:
 * that response is acknowledged, a later PRACK matches nothing */
static bool acked_before(const struct judge *j, const struct jtrans *pr,
			 const struct jmsg *rel)
{
	for (size_t i = 0; i < j->trc && &j->trv[i] != pr; i++) {
		const struct jtrans *tr = &j->trv[i];
		const struct jmsg *fin = jtrans_first_final(tr);

		if (tr->invite == pr->invite && jtrans_method(tr, "PRACK") &&
		    fin && msg_is_2xx(&fin->d) &&
		    prack_target(tr->invite, tr->req) == rel)
			return true;
	}
	return false;
}

/*
 * section 3: "If the PRACK does match an unacknowledged reliable
 * provisional response, it MUST be responded to with a 2xx response."
 * Judged on each PRACK we sent for a reliable 1xx we had received, the
 * first that acknowledges it, once it got a final.  Left alone: an
 * INVITE that ended with a non-2xx final (its early dialog is gone, and
 * the final may have crossed the PRACK), and 401/407 (a proxy on the path
 * may challenge; the PRACK can be sent again with credentials).
 */
static int check_prack(struct judge *j, const struct jtrans *pr)
{
	const struct jmsg *fin = jtrans_first_final(pr), *rel, *ifin;

	if (!fin || !pr->invite)
		return 0;
	ifin = jtrans_first_final(pr->invite);
	if (ifin && !msg_is_2xx(&ifin->d))
		return 0;
	rel = prack_target(pr->invite, pr->req);
	if (!rel || acked_before(j, pr, rel))
		return 0;
	if (fin->d.scode == 401 || fin->d.scode == 407)
		return 0;

	verdict_apply(j->v, R_REL_PRACK_2XX);
	if (msg_is_2xx(&fin->d))
		return 0;
	return JFIND(j, R_REL_PRACK_2XX, fin, "%u to the PRACK of the "
		     "reliable %u (RSeq %u)", fin->d.scode, rel->d.scode,
		     rel->d.rseq);
}

int rules_rel1xx(struct judge *j)
{
	int err = view_each_invite(j, sizeof(struct rdialog), check_invite);

	for (size_t i = 0; i < j->trc; i++)
		if (jtrans_method(&j->trv[i], "PRACK"))
			err |= check_prack(j, &j->trv[i]);
	return err;
}
