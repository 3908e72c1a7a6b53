/**
 * @file rules/timing.c  When responses to an INVITE arrive
 *
 * timing.*: 100 Trying within 200 ms (RFC 3261 section 17.2.1), a
 * provisional every minute (13.3.1.1), 2xx retransmitted T1 doubling to
 * T2 until the ACK (13.3.1.4), non-2xx over UDP on Timer G until the ACK
 * (17.2.1), and nothing after 64*T1 (13.3.1.4, Timer H).
 *
 * Times are when sipconform sent or received, so they include the path;
 * the tolerances below absorb a LAN's worth of it.  A rule is applied
 * only when the recording lasted long enough to judge it (j->end_us).
 */
#include <config.h>
#include <re.h>
#include "judge/view.h"

#define MS 1000ULL

/* Section 17.2.1: "within 200 ms"; measured from the first transmission
 * of the INVITE to the first response, no tolerance */
#define TRYING_US   (200 * MS)

/* Section 13.3.1.1: "at every minute"; 1 s for timers and the path */
#define MINUTE_US   (60000 * MS)
#define MINUTE_TOL  (1000 * MS)

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

/* Did we retransmit the request in [from, to]?  The target answers a
 * retransmitted request with its last response, outside any timer. */
static bool req_retx_between(const struct judge *j, const struct jtrans *tr,
			     uint64_t from, uint64_t to)
{
	for (size_t i = 0; i < j->msgc; i++) {
		const struct jmsg *jm = &j->msgv[i];

		if (jm->out && jm->tr == tr && jm != tr->req &&
		    jm->d.request &&
		    !pl_cmp(&jm->d.method, &tr->req->d.method) &&
		    jm->t_us >= from && jm->t_us <= to)
			return true;
	}
	return false;
}

/*
 * Section 17.2.1: "If there is a chance that the TU will not generate a
 * provisional or final response within 200 ms, the server transaction
 * MUST generate a 100 (Trying) response."
 */
static int check_trying(struct judge *j, const struct jtrans *tr)
{
	const struct jmsg *req = tr->req;
	const uint64_t lim = req->t_us + TRYING_US;

	if (tr->resc) {
		const struct jmsg *r = tr->resv[0];

		verdict_apply(j->v, R_TIME_100_TRYING);
		if (r->t_us > lim)
			return JFIND(j, R_TIME_100_TRYING, r, "first response "
				     "%llu ms after the INVITE",
				     ms(r->t_us - req->t_us));
		return 0;
	}
	/* No response at all is not judged here: a target that never
	 * answers cannot be judged at all (exit 3), and one that answers
	 * other requests but not this INVITE is reported as a scenario
	 * without final response. */
	(void)lim;
	return 0;
}

/*
 * Section 13.3.1.1: "the UAS MUST send a non-100 provisional response at
 * every minute" while the INVITE is unanswered.  The gaps are: INVITE to
 * the first non-100 provisional, provisional to provisional, the last one
 * to the final (or to the end of the trace).  One finding, the first gap.
 */
static int check_minute(struct judge *j, const struct jtrans *tr)
{
	const struct jmsg *fin = jtrans_first_final(tr), *prev = tr->req;
	const uint64_t until = fin ? fin->t_us : j->end_us;

	if (until <= tr->req->t_us + MINUTE_US)
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
				     "%s", ms(t - prev->t_us) / 1000,
				     prev == tr->req ? "INVITE" : "last one");
		if (!r || r == fin)
			break;
		prev = r;
	}
	return 0;
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
			    unsigned first, enum rule_id rule)
{
	const uint64_t t1 = j->t1_ms * MS, t2 = j->t2_ms * MS;
	const struct jmsg *o = tr->resv[first], *prev = o, *ack;
	uint64_t ack_t, giveup, bound, limit, iv = t1;
	bool applied = false;
	unsigned n = 1, k = first + 1;
	int err = 0;

	ack = jtrans_ack_for(j, tr, &o->d.to_tag, o->t_us);
	ack_t = ack ? ack->t_us : UINT64_MAX;
	giveup = o->t_us + 64 * t1;
	bound = min_u64(ack ? ack_t + t1 : UINT64_MAX, giveup + t1);
	limit = min_u64(min_u64(ack_t, giveup), j->end_us);

	for (;;) {
		const struct jmsg *r = NULL;
		uint64_t gap;

		for (; k < tr->resc && !r; k++) {
			const struct jmsg *c = tr->resv[k];

			if (!jmsg_same_final(c, o) || c->t_us > bound ||
			    c->t_us < prev->t_us)
				continue;
			if (c->t_us - prev->t_us < early_us(iv) &&
			    req_retx_between(j, tr, prev->t_us, c->t_us))
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
		if (gap < early_us(iv) || gap > late_us(iv)) {
			err = JFIND(j, rule, r, "retransmission #%u of %u came "
				    "%llu ms after the previous, expected %llu "
				    "ms", n, o->d.scode, ms(gap), ms(iv));
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
 * Section 13.3.1.4 ("If the server retransmits the 2xx response for 64*T1
 * seconds without receiving an ACK ...") and Timer H of 17.2.1: nothing
 * is retransmitted more than 64*T1 after the first transmission.  Judged
 * for finals not ACKed by then (after the ACK, order.after-ack judges);
 * tolerance T1.
 */
static int check_give_up(struct judge *j, const struct jtrans *tr,
			  unsigned first)
{
	const uint64_t t1 = j->t1_ms * MS;
	const struct jmsg *o = tr->resv[first], *late = NULL, *ack;
	const uint64_t lim = o->t_us + 64 * t1 + t1;
	unsigned n = 0;

	ack = jtrans_ack_for(j, tr, &o->d.to_tag, o->t_us);
	if (ack && ack->t_us <= o->t_us + 64 * t1)
		return 0;

	for (unsigned k = first + 1; k < tr->resc; k++) {
		const struct jmsg *r = tr->resv[k];

		if (jmsg_same_final(r, o) && r->t_us > lim) {
			late = late ? late : r;
			n++;
		}
	}
	if (!late && j->end_us <= lim)
		return 0;

	verdict_apply(j->v, R_TIME_2XX_GIVE_UP);
	if (!late)
		return 0;
	return JFIND(j, R_TIME_2XX_GIVE_UP, late, "%u retransmitted %u "
		     "time%s past 64*T1, first %llu ms after the original",
		     o->d.scode, n, n == 1 ? "" : "s",
		     ms(late->t_us - o->t_us));
}

static int check_invite(struct judge *j, const struct jtrans *tr)
{
	bool udp = tr->req->ev->tp == SIP_TRANSP_UDP;
	int err;

	err  = check_trying(j, tr);
	err |= check_minute(j, tr);

	for (unsigned i = 0; i < tr->resc; i++) {
		const struct jmsg *o = tr->resv[i];

		if (!msg_is_final(&o->d) || jtrans_group_first(tr, o) != o)
			continue;
		if (msg_is_2xx(&o->d))
			err |= walk_retransmits(j, tr, i,
						R_TIME_2XX_RETRANSMIT);
		else if (udp && o->ev->tp == SIP_TRANSP_UDP)
			err |= walk_retransmits(j, tr, i,
						R_TIME_NON2XX_RETRANSMIT);
		err |= check_give_up(j, tr, i);
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
