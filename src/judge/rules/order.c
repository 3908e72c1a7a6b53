/**
 * @file rules/order.c  The order of responses in a transaction, and CANCEL
 *
 * order.*: any number of provisionals, then one final, retransmitted as
 * the same bytes until the ACK (RFC 3261 section 17.2.1, 13.3.1.4).  A
 * forking proxy may deliver several 2xx, one per To tag (section
 * 13.2.2.4), and provisionals of other branches after one branch's 2xx.
 * cancel.*: section 9.2, 16.10 (a proxy answering CANCEL), 22.1.
 *
 * A final "group" is a final response and its retransmissions: the same
 * status code and To tag.
 */
#include <config.h>
#include <re.h>
#include "judge/view.h"

#define MS 1000ULL

/*
 * Section 17.2.1: one final response per server transaction.  For INVITE,
 * 2xx with different To tags come from different forks, and a 2xx with a
 * To tag of its own after a non-2xx is what a proxy forwards: section
 * 16.7 step 5, "After a final response has been sent on the server
 * transaction, the following responses MUST be forwarded immediately:
 * - Any 2xx response to an INVITE request".  A non-2xx after any final,
 * or a second final with the same tag (one UAS answering twice), is a
 * second final.  Each conflicting group is reported once.
 */
static int check_one_final(struct judge *j, const struct jtrans *tr)
{
	const struct jmsg *first = jtrans_first_final(tr);
	int err = 0;

	if (!first)
		return 0;

	verdict_apply(j->v, R_ORDER_ONE_FINAL);
	for (unsigned i = 0; i < tr->resc; i++) {
		const struct jmsg *r = tr->resv[i], *clash = NULL;

		if (!msg_is_final(&r->d) || jtrans_group_first(tr, r) != r)
			continue;
		/* the first earlier final; for a 2xx to INVITE the first
		 * earlier one with its tag (each a lookup, view.h) */
		if (!tr->is_invite || !msg_is_2xx(&r->d))
			clash = first;
		else
			clash = r->tag_final;
		if (clash == r)
			continue;
		if (msg_is_2xx(&r->d) && msg_is_2xx(&clash->d) &&
		    r->d.scode != clash->d.scode &&
		    tag_eq(&r->d.to_tag, &clash->d.to_tag))
			err |= JFIND(j, R_ORDER_ONE_FINAL, r, "%u after %u "
				     "with the same To tag '%r'", r->d.scode,
				     clash->d.scode, &r->d.to_tag);
		else if (r->d.scode == clash->d.scode)
			err |= JFIND(j, R_ORDER_ONE_FINAL, r, "second final "
				     "response: %u with To tag '%r' after "
				     "one with '%r'", r->d.scode, &r->d.to_tag,
				     &clash->d.to_tag);
		else
			err |= JFIND(j, R_ORDER_ONE_FINAL, r, "second final "
				     "response: %u after %u", r->d.scode,
				     clash->d.scode);
	}
	return err;
}

/*
 * Section 17.2.1: no provisional once the transaction is final.  A forking
 * proxy forwards provisionals of other branches after one branch's 2xx,
 * so for INVITE only these count: a provisional with the tag of a 2xx
 * already received, any provisional after a non-2xx final, and a 100
 * (hop-by-hop: it comes from the element that already answered).
 *
 * What the RFC forbids is the sending: "The TU passes any number of
 * provisional responses to the server transaction.  So long as the server
 * transaction is in the "Proceeding" state, each of these MUST be passed
 * to the transport layer for transmission" (17.2.1), and a final moves the
 * machine out of Proceeding; a proxy: "A stateful proxy MUST NOT
 * immediately forward any other responses" (16.7 step 5).  The judge sees
 * arrival, not sending.  Over UDP datagrams may be reordered, and a target
 * may hand its 180 to the socket a moment after its 200 from another
 * thread (kamailio once: 1.4 ms on loopback), so a 1xx arriving within T1
 * of the final over UDP is no evidence that the target sent it late:
 * order.1xx-after-final-reordered, a SHOULD.  "T1 is an estimate of the
 * round-trip time (RTT)" (17.1.1.1), the span within which the network
 * may hold one datagram behind another; a 1xx held longer than that was
 * sent after the final (exactly T1 still counts as within).  Later than
 * T1, or on a stream (TCP, TLS keep the target's order), it stays the
 * MUST.
 */
static bool may_be_reordered(const struct judge *j, const struct jmsg *r,
			     const struct jmsg *fin)
{
	return r->ev->tp == SIP_TRANSP_UDP && fin->ev->tp == SIP_TRANSP_UDP &&
		r->t_us - fin->t_us <= (uint64_t)j->t1_ms * MS;
}

static int check_no_1xx_after_final(struct judge *j, const struct jtrans *tr)
{
	const struct jmsg *first = jtrans_first_final(tr), *non2xx = NULL;
	int err = 0;

	if (!first)
		return 0;

	verdict_apply(j->v, R_ORDER_NO_1XX_AFTER_FINAL);
	verdict_apply(j->v, R_ORDER_1XX_AFTER_FINAL_REORDERED);
	for (unsigned i = 0; i < tr->resc; i++) {
		const struct jmsg *r = tr->resv[i], *fin = NULL, *f;

		if (msg_is_final(&r->d) && !msg_is_2xx(&r->d) && !non2xx)
			non2xx = r;
		if (!msg_is_1xx(&r->d))
			continue;
		/* the first earlier final that makes r late: any, or for
		 * INVITE a non-2xx or a 2xx with r's tag */
		if (!tr->is_invite || r->d.scode == 100) {
			fin = first->pos < r->pos ? first : NULL;
		}
		else {
			fin = non2xx;
			f = jtrans_final_tagged(j, tr, &r->d.to_tag);
			if (f && f->pos < r->pos && (!fin || f->pos < fin->pos))
				fin = f;
		}
		if (!fin)
			continue;
		if (may_be_reordered(j, r, fin))
			err |= JFIND(j, R_ORDER_1XX_AFTER_FINAL_REORDERED, r,
				     "%u after the final %u (+%llu us, within "
				     "T1 = %u ms over UDP: could be "
				     "reordering)", r->d.scode, fin->d.scode,
				     (unsigned long long)(r->t_us - fin->t_us),
				     j->t1_ms);
		else
			err |= JFIND(j, R_ORDER_NO_1XX_AFTER_FINAL, r,
				     "%u after the final %u (+%llu ms)",
				     r->d.scode, fin->d.scode,
				     (unsigned long long)((r->t_us -
							   fin->t_us) / MS));
	}
	return err;
}

static size_t first_diff(const struct jmsg *a, const struct jmsg *b)
{
	size_t n = a->m->len < b->m->len ? a->m->len : b->m->len, i;

	for (i = 0; i < n; i++)
		if (a->m->buf[i] != b->m->buf[i])
			break;
	return i;
}

/*
 * Section 17.2.1 and 13.3.1.4: a retransmission passes the same response
 * to the transport again.  Each group is reported once, at the first
 * retransmission that differs from the original.
 */
static int check_retransmit_same(struct judge *j, const struct jtrans *tr)
{
	int err = 0;

	for (unsigned i = 0; i < tr->resc; i++) {
		const struct jmsg *o = tr->resv[i], *r;
		size_t off;

		if (!msg_is_final(&o->d) || o->group != o || !o->group_next)
			continue;

		/* the first copy of the group that differs */
		verdict_apply(j->v, R_ORDER_RETRANSMIT_SAME);
		for (r = o->group_next; r && jmsg_same_bytes(o, r);
		     r = r->group_next)
			;
		if (!r)
			continue;

		off = first_diff(o, r);
		err |= verdict_add(j->v, R_ORDER_RETRANSMIT_SAME, r->idx,
				   r->t_us, off, message_line_at(r->m, off),
				   "retransmitted %u differs from the first "
				   "(message %zu) at byte %zu", r->d.scode,
				   o->idx, off);
	}
	return err;
}

/* Did the ACK go where the final came from: the same TCP/TLS connection,
 * or the address and port the datagram came from?  An ACK sent elsewhere
 * (the 2xx's Contact or a route, 13.2.2.4) may reach another element,
 * and only "an ACK request for the response is received" stops the
 * retransmissions (13.3.1.4). */
static bool ack_reached(const struct jmsg *ack, const struct jmsg *fin)
{
	if (ack->ev->tp != fin->ev->tp)
		return false;
	if (ack->ev->conn || fin->ev->conn)
		return ack->ev->conn == fin->ev->conn;
	return sa_cmp(&ack->ev->peer, &fin->ev->peer, SA_ALL);
}

/*
 * Section 17.2.1 (Confirmed state) and 13.3.1.4: the ACK ends the
 * retransmissions.  The one in flight when the ACK went out is fine, so a
 * retransmission counts only when it arrives more than T1 after the ACK
 * was sent (an ACK the target never got would excuse more; the judge
 * assumes a path without loss, as on loopback or a LAN).  Judged only for
 * an ACK that went to where the final came from (ack_reached).  On a
 * stream the arrival time is not the sending time: a copy whose bytes
 * came in one run of segments with no pause (busy_us, view.h) since
 * before that moment may have been written before the ACK reached the
 * target, queued behind the bytes before it (a slow or congested
 * connection), and is no evidence.  Nor is one that a target which took
 * long to answer may have sent before it read the ACK: a UAS that took
 * up to slow (answer_delay_max) to answer a request of the trace may
 * hold our ACK in its socket queue as long (an overloaded target under
 * load reads late), and until it reads the ACK each retransmission is
 * what 13.3.1.4 asks of it.  The grace is T1 + slow.
 */
static int check_after_ack(struct judge *j, const struct jtrans *tr,
			   uint64_t slow)
{
	const uint64_t t1 = j->t1_ms * MS, grace = t1 + slow;
	int err = 0;

	if (!tr->is_invite)
		return 0;

	for (unsigned i = 0; i < tr->resc; i++) {
		const struct jmsg *o = tr->resv[i], *ack, *late = NULL;
		unsigned n = 0;

		if (!msg_is_final(&o->d) || jtrans_group_first(tr, o) != o)
			continue;
		ack = jtrans_ack_for(j, tr, &o->d.to_tag, o->t_us);
		if (!ack || !ack_reached(ack, o))
			continue;

		for (const struct jmsg *r = o->group_next; r;
		     r = r->group_next) {
			if (r->t_us > ack->t_us + grace &&
			    r->busy_us > ack->t_us + grace) {
				late = late ? late : r;
				n++;
			}
		}
		if (late || j->end_us > ack->t_us + grace)
			verdict_apply(j->v, R_ORDER_AFTER_ACK);
		if (late)
			err |= JFIND(j, R_ORDER_AFTER_ACK, late, "%u "
				     "retransmitted %u time%s more than T1 "
				     "+ %llu ms (its slowest answer here) "
				     "after the ACK (message %zu), first "
				     "after %llu ms", o->d.scode, n,
				     n == 1 ? "" : "s",
				     (unsigned long long)(slow / MS),
				     ack->idx,
				     (unsigned long long)((late->t_us -
							   ack->t_us) / MS));
	}
	return err;
}

/* A final response of tr that arrived strictly between after and before;
 * scode 0: any, 200: any 2xx */
static const struct jmsg *final_between(const struct jtrans *tr,
					uint64_t after, uint64_t before,
					uint16_t scode)
{
	for (unsigned i = 0; i < tr->resc; i++) {
		const struct jmsg *r = tr->resv[i];

		if (!msg_is_final(&r->d) || r->t_us <= after ||
		    r->t_us >= before)
			continue;
		if (!scode || r->d.scode == scode ||
		    (scode == 200 && msg_is_2xx(&r->d)))
			return r;
	}
	return NULL;
}

/* Had tr received a final response by time t? */
static bool final_by(const struct jtrans *tr, uint64_t t)
{
	for (unsigned i = 0; i < tr->resc; i++)
		if (msg_is_final(&tr->resv[i]->d) && tr->resv[i]->t_us <= t)
			return true;
	return false;
}

static bool prov_before(const struct jtrans *tr, uint64_t t)
{
	for (unsigned i = 0; i < tr->resc; i++)
		if (msg_is_1xx(&tr->resv[i]->d) && tr->resv[i]->t_us <= t)
			return true;
	return false;
}

/*
 * Section 16.10: "If a matching response context is found, the element
 * MUST immediately return a 200 (OK) response to the CANCEL request."
 * (the MUST; 9.2 says the same of a UAS without a keyword: "as long as
 * the CANCEL matched an existing transaction, the UAS answers the CANCEL
 * request itself with a 200 (OK)"); 481 when nothing matched.  Judged only when the CANCEL went out after a
 * provisional and before any final to the INVITE: then the target holds
 * the transaction.  A 481 is still accepted when an INVITE final arrived
 * before it: a 2xx ends the INVITE server transaction, and that final
 * crossed our CANCEL.  No answer at all counts when the CANCEL's own
 * transaction would have timed out (Timer F, 64*T1), or when the INVITE
 * got its 487 -- the CANCEL was plainly processed -- and T1 passed.
 */
static int check_cancel_200(struct judge *j, const struct jtrans *ctr,
			    const struct jtrans *itr)
{
	const uint64_t t1 = j->t1_ms * MS, tc = ctr->req->t_us;
	const struct jmsg *cfin = jtrans_first_final(ctr), *i487;

	if (!prov_before(itr, tc) || final_by(itr, tc))
		return 0;

	if (cfin) {
		verdict_apply(j->v, R_CANCEL_200);
		if (cfin->d.scode == 200)
			return 0;
		if (cfin->d.scode == 481 &&
		    final_between(itr, tc, cfin->t_us, 0))
			return 0;
		return JFIND(j, R_CANCEL_200, cfin, "%u to a CANCEL of a "
			     "pending INVITE", cfin->d.scode);
	}

	i487 = final_between(itr, tc, UINT64_MAX, 487);
	if (j->end_us >= tc + 64 * t1 ||
	    (i487 && j->end_us >= i487->t_us + t1)) {
		verdict_apply(j->v, R_CANCEL_200);
		return JFIND(j, R_CANCEL_200, ctr->req, "no response to the "
			     "CANCEL in %llu ms%s",
			     (unsigned long long)((j->end_us - tc) / MS),
			     i487 ? ", though the INVITE got 487" : "");
	}
	return 0;
}

/*
 * Section 9.2: once the CANCEL got its 200 the UAS "SHOULD immediately
 * respond to the INVITE with a 487".  Any final (2xx or not) that
 * arrived before the 200 to CANCEL was sent before the CANCEL reached
 * the target: it won the race, and then "the CANCEL request has no
 * effect on the processing of the original request ... and no effect on
 * the responses generated for the original request" (9.2).  Judged when
 * the INVITE had no final yet when the CANCEL went out; no final at all
 * counts after 64*T1.
 */
static int check_cancel_487(struct judge *j, const struct jtrans *ctr,
			    const struct jtrans *itr)
{
	const uint64_t t1 = j->t1_ms * MS, tc = ctr->req->t_us;
	const struct jmsg *cfin = jtrans_first_final(ctr), *f;

	if (!cfin || cfin->d.scode != 200 || final_by(itr, tc))
		return 0;

	f = final_between(itr, tc, UINT64_MAX, 0);
	if (!f) {
		if (j->end_us < tc + 64 * t1)
			return 0;
		verdict_apply(j->v, R_CANCEL_487);
		return JFIND(j, R_CANCEL_487, cfin, "no final response to "
			     "the cancelled INVITE in %llu ms",
			     (unsigned long long)((j->end_us - tc) / MS));
	}

	verdict_apply(j->v, R_CANCEL_487);
	if (final_between(itr, tc, UINT64_MAX, 487) ||
	    final_between(itr, tc, cfin->t_us, 0))
		return 0;
	return JFIND(j, R_CANCEL_487, f, "%u to the INVITE after the 200 "
		     "to CANCEL (message %zu)", f->d.scode, cfin->idx);
}

/*
 * Does the UAS answer here itself?  A tagged response whose Contact names
 * the address it came from was sent by the element we talk to; a proxy
 * forwards the Contact of the UAS behind it.  Only IP literals compare;
 * a name is not resolved (the judge is pure) and is not taken as proof.
 */
static bool contact_is_peer(const struct jmsg *jm)
{
	const struct msg_hdr *h = message_hdr(jm->m, HDR_CONTACT);
	struct msg_addr addr;
	struct pl host;
	struct sa sa;
	uint16_t port;

	if (!h || !msg_addr_parse(&addr, NULL, HDR_CONTACT, &h->val))
		return false;
	port = addr.uri.hp.port_num ? addr.uri.hp.port_num :
		(addr.uri.sips || jm->ev->tp == SIP_TRANSP_TLS) ?
		SIP_PORT_TLS : SIP_PORT;
	host = addr.uri.hp.host;
	if (addr.uri.hp.kind == HOST_IPV6 && host.l >= 2 && host.p[0] == '[') {
		host.p++;
		host.l -= 2;
	}
	if (sa_set(&sa, &host, port))
		return false;
	return sa_cmp(&sa, &jm->ev->peer, SA_ALL);
}

/*
 * Section 9.2: "The To tag of the response to the CANCEL and the To tag
 * in the response to the original request SHOULD be the same."  That is
 * the UAS's duty.  A stateful proxy answers the CANCEL itself (16.10:
 * "the element MUST immediately return a 200 (OK) response to the
 * CANCEL request.  In this case, the element is acting as a user agent
 * server") with a tag of its own, while the INVITE's responses carry the
 * tags of the UAS behind it.  So the tag is weighed only against
 * responses that show the element answering is the UAS itself (Contact
 * naming their source address, contact_is_peer), and only those sent
 * before the 200 to CANCEL.  With forks any of their tags will do.
 */
static int check_cancel_tag(struct judge *j, const struct jtrans *ctr,
			    const struct jtrans *itr)
{
	const struct jmsg *cfin = jtrans_first_final(ctr), *tagged = NULL;

	if (!cfin || cfin->d.scode != 200 || !cfin->d.to_tag.p)
		return 0;

	for (unsigned i = 0; i < itr->resc; i++) {
		const struct jmsg *r = itr->resv[i];

		if (r->t_us > cfin->t_us)
			break;
		if (!jmsg_tagged(r) || !contact_is_peer(r))
			continue;
		if (tag_eq(&r->d.to_tag, &cfin->d.to_tag)) {
			verdict_apply(j->v, R_CANCEL_TO_TAG);
			return 0;
		}
		tagged = tagged ? tagged : r;
	}
	if (!tagged)
		return 0;

	verdict_apply(j->v, R_CANCEL_TO_TAG);
	return JFIND(j, R_CANCEL_TO_TAG, cfin, "To tag '%r', the INVITE's "
		     "%u (from the UAS itself: its Contact is %J) had '%r'",
		     &cfin->d.to_tag, tagged->d.scode, &tagged->ev->peer,
		     &tagged->d.to_tag);
}

/*
 * Section 22.1: "Although the CANCEL method does take a response (a
 * 2xx), servers MUST NOT attempt to challenge CANCEL requests since
 * these requests cannot be resubmitted."  Every final to a CANCEL.
 */
static int check_cancel_challenge(struct judge *j, const struct jtrans *ctr)
{
	int err = 0;

	for (unsigned i = 0; i < ctr->resc; i++) {
		const struct jmsg *r = ctr->resv[i];

		if (!msg_is_final(&r->d))
			continue;
		verdict_apply(j->v, R_CANCEL_NO_CHALLENGE);
		if ((r->d.scode == 401 || r->d.scode == 407) &&
		    !jmsg_is_retransmit(r))
			err |= JFIND(j, R_CANCEL_NO_CHALLENGE, r, "%u to a "
				     "CANCEL: it cannot be resent with "
				     "credentials", r->d.scode);
	}
	return err;
}

/* The longest a request of the trace waited for its first response,
 * from its first transmission (an answer to a retransmission makes it
 * longer: the lenient side) */
static uint64_t answer_delay_max(const struct judge *j)
{
	uint64_t max = 0;

	for (size_t i = 0; i < j->trc; i++) {
		const struct jtrans *tr = &j->trv[i];

		if (tr->resc && tr->resv[0]->t_us > tr->req->t_us &&
		    tr->resv[0]->t_us - tr->req->t_us > max)
			max = tr->resv[0]->t_us - tr->req->t_us;
	}
	return max;
}

int rules_order(struct judge *j)
{
	const uint64_t slow = answer_delay_max(j);
	int err = 0;

	for (size_t i = 0; i < j->trc; i++) {
		const struct jtrans *tr = &j->trv[i];

		err |= check_one_final(j, tr);
		err |= check_no_1xx_after_final(j, tr);
		err |= check_retransmit_same(j, tr);
		err |= check_after_ack(j, tr, slow);

		if (jtrans_method(tr, "CANCEL"))
			err |= check_cancel_challenge(j, tr);
		if (jtrans_method(tr, "CANCEL") && tr->invite) {
			err |= check_cancel_200(j, tr, tr->invite);
			err |= check_cancel_487(j, tr, tr->invite);
			err |= check_cancel_tag(j, tr, tr->invite);
		}
	}
	return err;
}
