/**
 * @file rules/timing.c  When responses to an INVITE arrive
 *
 * timing.*: 100 Trying within 200 ms of the INVITE reaching the target
 * (RFC 3261 section 17.2.1), a provisional every minute when the UAS
 * takes longer than 3 minutes (13.3.1.1), 2xx retransmitted T1 doubling
 * to T2 until the ACK (13.3.1.4), non-2xx over UDP on Timer G until the
 * ACK (17.2.1) unless the answer is stateless (8.2.7), no Timer G on
 * reliable transports (17.2.1), and nothing after 64*T1 (13.3.1.4 for a
 * 2xx, Timer H of 17.2.1 for the others).
 *
 * Times are when sipconform sent or received, so they include the path;
 * the tolerances below absorb a LAN's worth of it.  A rule is applied
 * only when the recording lasted long enough to judge it (j->end_us).
 */
#include <config.h>
#include <re.h>
#include "judge/view.h"

#define MS 1000ULL

/* Section 17.2.1: "within 200 ms", at the target: from when the INVITE
 * reached it, which the judge bounds by the last transmission before the
 * first response, less a round trip measured in the same trace */
#define TRYING_US   (200 * MS)

/* Section 13.3.1.1: "at every minute"; 1 s for timers and the path.  The
 * MUST holds for a UAS that takes an "extended period of time": longer
 * than the 3 minutes after which a proxy may cancel (Timer C, 16.6) */
#define MINUTE_US   (60000 * MS)
#define MINUTE_TOL  (1000 * MS)
#define TIMER_C_US  (180000 * MS)

/*
 * A retransmission expected I after the previous one is accepted in
 * [0.8*I - 20 ms, 1.5*I + 100 ms]: early enough to catch a timer that does
 * not double, late enough for a loaded host.  Retransmissions stop at
 * 64*T1 after the first; one arriving T1 later than that is too late.
 */
static uint64_t early_us(uint64_t i)
{
	uint64_t v = i * 8 / 10;

	return v > 20 * MS ? v - 20 * MS : 0;
}

static uint64_t late_us(uint64_t i)
{
	return i * 3 / 2 + 100 * MS;
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static unsigned long long ms(uint64_t us)
{
	return (unsigned long long)(us / MS);
}

/* The first response of tr after t, NULL: none */
static const struct jmsg *res_after(const struct jtrans *tr, uint64_t t)
{
	for (unsigned i = 0; i < tr->resc; i++)
		if (tr->resv[i]->t_us >= t)
			return tr->resv[i];
	return NULL;
}

/*
 * The shortest round trip the trace shows other than through tr's own
 * first response: another transaction's request (its last transmission)
 * to its first response, or a request retransmitted after it was
 * answered to the response that followed.  Each includes the answerer's
 * own time, so it is an upper bound of the path, and subtracting it errs
 * on the target's side.  UINT64_MAX: none known; *via: the request.
 */
static uint64_t round_trip(const struct judge *j, const struct jtrans *tr,
			   const struct jmsg **via)
{
	uint64_t best = UINT64_MAX;

	*via = NULL;
	for (size_t i = 0; i < j->trc; i++) {
		const struct jtrans *o = &j->trv[i];
		const struct jmsg *r, *tx;

		if (!o->resc)
			continue;
		r = o->resv[0];
		if (o != tr) {
			tx = jtrans_last_tx(o, r->t_us);
			if (r->t_us >= tx->t_us && r->t_us - tx->t_us < best) {
				best = r->t_us - tx->t_us;
				*via = tx;
			}
		}
		for (size_t k = 0; k < j->msgc; k++) {
			const struct jmsg *jm = &j->msgv[k];
			const struct jmsg *a;

			if (!jm->out || jm->tr != o || jm == o->req ||
			    !jm->d.request || jm->t_us < r->t_us ||
			    pl_cmp(&jm->d.method, &o->req->d.method))
				continue;
			a = res_after(o, jm->t_us);
			if (a && a->t_us - jm->t_us < best) {
				best = a->t_us - jm->t_us;
				*via = jm;
			}
		}
	}
	return best;
}

/*
 * Section 17.2.1: "The server transaction MUST generate a 100 (Trying)
 * response unless it knows that the TU will generate a provisional or
 * final response within 200 ms, in which case it MAY generate a 100
 * (Trying) response."  The 200 ms run at the target, from the INVITE it
 * received: a lost first transmission or a long path is not its delay.
 * So the delay is taken from the last INVITE transmission before the
 * first response, less the round trip measured elsewhere in the trace.
 */
static int check_trying(struct judge *j, const struct jtrans *tr)
{
	const struct jmsg *r, *tx, *via;
	uint64_t d, rtt;

	/* No response at all is not judged here: a target that never
	 * answers cannot be judged at all (exit 3), and one that answers
	 * other requests but not this INVITE is reported as a scenario
	 * without final response. */
	if (!tr->resc)
		return 0;

	verdict_apply(j->v, R_TIME_100_TRYING);
	r = tr->resv[0];
	tx = jtrans_last_tx(tr, r->t_us);
	d = r->t_us > tx->t_us ? r->t_us - tx->t_us : 0;
	rtt = round_trip(j, tr, &via);

	if (rtt == UINT64_MAX) {
		if (d <= TRYING_US)
			return 0;
		return JFIND(j, R_TIME_100_TRYING, r, "first response %llu "
			     "ms after the %s (message %zu), no round trip "
			     "known to subtract", ms(d), tx == tr->req ?
			     "INVITE" : "last INVITE retransmission",
			     tx->idx);
	}
	if (d <= rtt + TRYING_US)
		return 0;
	return JFIND(j, R_TIME_100_TRYING, r, "first response %llu ms after "
		     "the %s (message %zu), less the %llu ms round trip of "
		     "the %r (message %zu): %llu ms at the target", ms(d),
		     tx == tr->req ? "INVITE" : "last INVITE retransmission",
		     tx->idx, ms(rtt), &via->d.method, via->idx,
		     ms(d - rtt));
}

/*
 * Section 13.3.1.1: "If the UAS desires an extended period of time to
 * answer the INVITE, it will need to ask for an "extension" in order to
 * prevent proxies from canceling the transaction.  A proxy has the
 * option of canceling a transaction when there is a gap of 3 minutes
 * between responses in a transaction.  To prevent cancellation, the UAS
 * MUST send a non-100 provisional response at every minute".  So the
 * MUST binds a UAS that keeps the INVITE open beyond those 3 minutes
 * (final, or the end of the recording, later than that); a call answered
 * sooner needed no extension.  Reliable provisionals count like any
 * other non-100 (RFC 3262 sets no period of its own for them).  The
 * gaps: INVITE to the first non-100 provisional, provisional to
 * provisional, the last one to the final (or to the end of the trace).
 * One finding, the first gap.
 */
static int check_minute(struct judge *j, const struct jtrans *tr)
{
	const struct jmsg *fin = jtrans_first_final(tr), *prev = tr->req;
	const uint64_t until = fin ? fin->t_us : j->end_us;

	if (until <= tr->req->t_us + TIMER_C_US)
		return 0;

	verdict_apply(j->v, R_TIME_1XX_MINUTE);
	for (unsigned i = 0; i <= tr->resc; i++) {
		const struct jmsg *r = i < tr->resc ? tr->resv[i] : NULL;
		uint64_t t = r ? r->t_us : until;

		if (r && r != fin && (r->d.scode <= 100 || r->d.scode >= 200))
			continue;
		if (t > prev->t_us + MINUTE_US + MINUTE_TOL)
			return JFIND(j, R_TIME_1XX_MINUTE, r ? r : prev,
				     "%llu s without a provisional after the "
				     "%s, the INVITE open %llu s",
				     ms(t - prev->t_us) / 1000,
				     prev == tr->req ? "INVITE" : "last one",
				     ms(until - tr->req->t_us) / 1000);
		if (!r || r == fin)
			break;
		prev = r;
	}
	return 0;
}

/*
 * The T1 the target runs the final tr->resv[first] on.  Section
 * 17.1.1.1: "T1 MAY be chosen larger, and this is RECOMMENDED if it is
 * known in advance (such as on high latency access links) that the RTT
 * is larger."  A first retransmission later than the judge's T1 allows
 * is taken as that larger T1 (at most T2, the longest interval there
 * is); walk_retransmits() then holds the later ones to doubling from it.
 * A request retransmission in between explains the copy instead.
 */
static uint64_t target_t1(const struct judge *j, const struct jtrans *tr,
			  unsigned first)
{
	const uint64_t t1 = j->t1_ms * MS, t2 = j->t2_ms * MS;
	const struct jmsg *o = tr->resv[first];

	for (const struct jmsg *c = o->group_next; c; c = c->group_next) {
		uint64_t gap = c->t_us - o->t_us;

		if (c->t_us < o->t_us)
			continue;
		if (jtrans_tx_between(tr, o->t_us, c->t_us))
			return t1;
		return gap > late_us(t1) && gap <= t2 ? gap : t1;
	}
	return t1;
}

/*
 * Over a stream the judge sees when bytes left the target's socket
 * buffer, not when its timer fired: a copy queued behind earlier bytes
 * (a flood of 183s) arrives late, and the next one then looks early, down
 * to the same read.  An early copy on a stream is no evidence against
 * the target's timer; a late one still is.  Over UDP the same happens in
 * our own receive buffer when the reader falls behind a flood: prev may
 * have come as early as the run of back-to-back reads it ended began
 * (busy_us, view.h), so a copy is early only if it is early even
 * measured from there.
 */
static bool queued(const struct jmsg *prev, const struct jmsg *r,
		   uint64_t iv)
{
	if (prev->ev->tp != SIP_TRANSP_UDP && r->ev->tp != SIP_TRANSP_UDP)
		return true;
	return r->t_us - prev->busy_us >= early_us(iv);
}

/*
 * Walk the retransmissions of the final tr->resv[first] against the
 * schedule T1, 2*T1, 4*T1 .. capped at T2.  They run until the ACK or
 * 64*T1; arrivals beyond T1 after either are left to order.after-ack and
 * timing.give-up.  A retransmission is required only when even its
 * latest acceptable time lies before the ACK, before 64*T1 and inside
 * the recording, so a slow but conforming timer is never blamed for
 * stopping.  One finding per final, the first deviation.
 */
static int walk_retransmits(struct judge *j, const struct jtrans *tr,
			    unsigned first, enum rule_id rule, uint64_t t1)
{
	const uint64_t t2 = j->t2_ms * MS;
	const struct jmsg *o = tr->resv[first], *prev = o, *ack;
	uint64_t ack_t, giveup, bound, limit, iv = t1;
	bool applied = false;
	const struct jmsg *c = o->group_next;
	unsigned n = 1;
	int err = 0;

	ack = jtrans_ack_for(j, tr, &o->d.to_tag, o->t_us);
	ack_t = ack ? ack->t_us : UINT64_MAX;
	giveup = o->t_us + 64 * t1;
	bound = min_u64(ack ? ack_t + t1 : UINT64_MAX, giveup + t1);
	limit = min_u64(min_u64(ack_t, giveup), j->end_us);

	for (;;) {
		const struct jmsg *r = NULL;
		uint64_t gap;

		for (; c && !r; c = c->group_next) {
			if (c->t_us > bound || c->t_us < prev->t_us)
				continue;
			if (c->t_us - prev->t_us < early_us(iv) &&
			    jtrans_tx_between(tr, prev->t_us, c->t_us))
				continue;
			r = c;
		}

		if (!r) {
			if (prev->t_us + late_us(iv) < limit) {
				applied = true;
				err = JFIND(j, rule, prev, "retransmission #%u "
					    "of %u missing: due %llu ms after "
					    "this one, none in %llu ms", n,
					    o->d.scode, ms(iv),
					    ms(limit - prev->t_us));
			}
			break;
		}

		applied = true;
		gap = r->t_us - prev->t_us;
		if ((gap < early_us(iv) && !queued(prev, r, iv)) ||
		    gap > late_us(iv)) {
			err = JFIND(j, rule, r, "retransmission #%u of %u came "
				    "%llu ms after the previous, expected %llu "
				    "ms (T1 %llu ms)", n, o->d.scode, ms(gap),
				    ms(iv), ms(t1));
			break;
		}
		prev = r;
		iv = min_u64(2 * iv, t2);
		n++;
	}

	if (applied)
		verdict_apply(j->v, rule);
	return err;
}

/*
 * How long the final tr->resv[first] may be retransmitted: 64*T1 from
 * its first transmission, tolerance T1.  Judged for finals not ACKed by
 * then (after the ACK, order.after-ack judges).  Two sentences, two
 * levels:
 *  - a 2xx, section 13.3.1.4: "If the server retransmits the 2xx response
 *    for 64*T1 seconds without receiving an ACK, the dialog is
 *    confirmed, but the session SHOULD be terminated." (timing.give-up,
 *    SHOULD: the only keyword there is the SHOULD);
 *  - a non-2xx, section 17.2.1: "When the "Completed" state is entered,
 *    timer H MUST be set to fire in 64*T1 seconds for all transports.
 *    Timer H determines when the server transaction abandons
 *    retransmitting the response." (timing.timer-h, MUST).
 */
static int check_give_up(struct judge *j, const struct jtrans *tr,
			  unsigned first, uint64_t t1)
{
	const struct jmsg *o = tr->resv[first], *late = NULL, *ack;
	const uint64_t lim = o->t_us + 64 * t1 + t1;
	const enum rule_id rule = msg_is_2xx(&o->d) ? R_TIME_2XX_GIVE_UP :
		R_TIME_TIMER_H;
	unsigned n = 0;

	ack = jtrans_ack_for(j, tr, &o->d.to_tag, o->t_us);
	if (ack && ack->t_us <= o->t_us + 64 * t1)
		return 0;

	for (const struct jmsg *r = o->group_next; r; r = r->group_next) {
		if (r->t_us > lim) {
			late = late ? late : r;
			n++;
		}
	}
	if (!late && j->end_us <= lim)
		return 0;

	verdict_apply(j->v, rule);
	if (!late)
		return 0;
	return JFIND(j, rule, late, "%u retransmitted %u time%s past 64*T1 "
		     "(T1 %llu ms), first %llu ms after the original",
		     o->d.scode, n, n == 1 ? "" : "s", ms(t1),
		     ms(late->t_us - o->t_us));
}

/*
 * A stateless answer: section 8.2.7, "A stateless UAS MUST NOT
 * retransmit responses."  Such a UAS (challenges are its typical use)
 * sends its final at once and once per request that reaches it: no
 * provisional, and no copy of the final but right after a request
 * retransmission of ours.  Timer G does not bind it; the rule is not
 * applied.  (A stateful server that never starts Timer G, or whose every
 * retransmission was lost, looks the same on the wire: without a
 * provisional the judge cannot tell them apart, so it does not blame
 * either; stateless_note() says what was seen.)
 */
static bool stateless_answer(const struct jtrans *tr,
			     unsigned first)
{
	const struct jmsg *o = tr->resv[first], *prev = o;

	if (tr->prov)
		return false;
	for (const struct jmsg *c = o->group_next; c; c = c->group_next) {
		if (!jtrans_tx_between(tr, prev->t_us, c->t_us))
			return false;
		prev = c;
	}
	return true;
}

/*
 * The note of a stateless answer (timing.stateless-answer), once its
 * first Timer G retransmission was due: T1 after it (with the
 * tolerance), before our ACK and 64*T1, inside the recording.  Answered
 * and ACKed sooner, there was nothing to tell.
 */
static int stateless_note(struct judge *j, const struct jtrans *tr,
			  unsigned first, uint64_t t1)
{
	const struct jmsg *o = tr->resv[first], *ack;
	uint64_t limit = min_u64(o->t_us + 64 * t1, j->end_us);
	unsigned copies = 0;

	ack = jtrans_ack_for(j, tr, &o->d.to_tag, o->t_us);
	if (ack)
		limit = min_u64(limit, ack->t_us);
	if (o->t_us + late_us(t1) >= limit)
		return 0;

	for (const struct jmsg *c = o->group_next; c; c = c->group_next)
		copies++;

	verdict_apply(j->v, R_TIME_STATELESS_ANSWER);
	return JFIND(j, R_TIME_STATELESS_ANSWER, o, "%u without a "
		     "provisional, %s in %llu ms %s: a stateless answer "
		     "(8.2.7: it MUST NOT retransmit), or a stateful server "
		     "whose every Timer G retransmission was lost; the trace "
		     "cannot tell, Timer G not judged", o->d.scode,
		     copies ? "sent again only after our INVITE "
		     "retransmissions" : "sent once", ms(limit - o->t_us),
		     ack ? "before our ACK" : "without an ACK");
}

/*
 * Section 17.2.1: "For unreliable transports, timer G is set to fire in
 * T1 seconds, and is not set to fire for reliable transports."  No
 * keyword: a SHOULD.  A copy of a non-2xx over TCP/TLS that no request
 * retransmission explains is a Timer G that should not run (the 2xx is
 * another matter: 13.3.1.4 retransmits it on every transport).  Judged
 * once the recording has lasted T1 past the final.
 */
static int check_no_retransmit_reliable(struct judge *j,
					const struct jtrans *tr,
					unsigned first)
{
	const struct jmsg *o = tr->resv[first];

	if (j->end_us <= o->t_us + late_us(j->t1_ms * MS))
		return 0;

	verdict_apply(j->v, R_TIME_NO_NON2XX_RETRANSMIT_TCP);
	for (const struct jmsg *c = o->group_next; c; c = c->group_next) {
		if (jtrans_tx_between(tr, o->t_us, c->t_us))
			continue;
		return JFIND(j, R_TIME_NO_NON2XX_RETRANSMIT_TCP, c, "%u "
			     "sent again over %s %llu ms after the first "
			     "(message %zu)", o->d.scode,
			     sip_transp_name(c->ev->tp),
			     ms(c->t_us - o->t_us), o->idx);
	}
	return 0;
}

static int check_invite(struct judge *j, const struct jtrans *tr)
{
	bool udp = tr->req->ev->tp == SIP_TRANSP_UDP;
	int err;

	err  = check_trying(j, tr);
	err |= check_minute(j, tr);

	for (unsigned i = 0; i < tr->resc; i++) {
		const struct jmsg *o = tr->resv[i];
		uint64_t t1;

		if (!msg_is_final(&o->d) || jtrans_group_first(tr, o) != o)
			continue;
		t1 = target_t1(j, tr, i);
		if (msg_is_2xx(&o->d))
			err |= walk_retransmits(j, tr, i,
						R_TIME_2XX_RETRANSMIT, t1);
		else if (udp && o->ev->tp == SIP_TRANSP_UDP) {
			if (stateless_answer(tr, i))
				err |= stateless_note(j, tr, i, t1);
			else
				err |= walk_retransmits(j, tr, i,
						R_TIME_NON2XX_RETRANSMIT, t1);
		}
		else
			err |= check_no_retransmit_reliable(j, tr, i);
		err |= check_give_up(j, tr, i, t1);
	}
	return err;
}

int rules_timing(struct judge *j)
{
	int err = 0;

	for (size_t i = 0; i < j->trc; i++)
		if (j->trv[i].is_invite)
			err |= check_invite(j, &j->trv[i]);
	return err;
}
