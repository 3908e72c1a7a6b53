/**
 * @file invite.c  The INVITE server transaction and what the UAS core
 *                 adds to it
 *
 * 100 at once, 180 after --ring-ms (reliable when the INVITE allows
 * 100rel, RFC 3262 section 3), the final after --answer-ms but never
 * before the PRACK of a reliable provisional.  The 2xx is retransmitted
 * from T1 doubling to T2 until the ACK and given up after 64*T1 with a BYE
 * (section 13.3.1.4); a non-2xx over UDP on Timer G until the ACK, Timer H
 * (section 17.2.1).  CANCEL gets 200 and the INVITE 487 (section 9.2).
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "target.h"
#include "uas.h"

enum {
	LATE_100_MS   = 300,
	QUIET_MS      = 65000,     /**< no-1xx-minute                       */
	/* no-1xx-minute: the final after 3 minutes, so that the UAS takes
	 * the "extended period of time" of RFC 3261 13.3.1.1 */
	EXTENDED_MS   = 120000,
	REFRESH_MS    = 50000,     /**< a 180 at least every minute         */
	FOREVER_MS    = 600000,    /**< retransmit-forever stops somewhere  */
	FLOOD_COUNT   = 5000,
	FLOOD_BATCH   = 100,
	FLOOD_TICK_MS = 10,
	GARBAGE_DGRAMS = 3,
};

#define CFG(st) ((st)->uas->cfg)
#define T1(st)  ((uint64_t)CFG(st)->t1_ms)

static bool is_2xx(uint16_t scode)
{
	return scode >= 200 && scode < 300;
}

void invite_destroy(struct strans *st)
{
	qtmr_cancel(&st->tmr_trying);
	qtmr_cancel(&st->tmr_ring);
	qtmr_cancel(&st->tmr_answer);
	qtmr_cancel(&st->tmr_rel);
	qtmr_cancel(&st->tmr_flood);
	st->rel_mb = mem_deref(st->rel_mb);
	st->flood_mb = mem_deref(st->flood_mb);
}

static bool rr_copy_h(const struct sip_hdr *hdr, const struct sip_msg *msg,
		      void *arg)
{
	(void)msg;
	/* true stops the walk: out of memory */
	return resp_add(arg, "Record-Route", "%r", &hdr->val) != 0;
}

/* Section 12.1.1: every Record-Route value, in order; line by line */
static int record_route(struct strans *st, struct resp *r)
{
	return sreq_lines_apply(st->req, SIP_HDR_RECORD_ROUTE, rr_copy_h, r) ?
		ENOMEM : 0;
}

/* -- provisionals ----------------------------------------------------------- */

static void send_trying(struct strans *st)
{
	struct resp r;

	if (!st_resp_init(st, &r, 100))
		st_respond(st, &r, RK_TRYING, false, SR_STORE, NULL);
}

static void trying_h(void *arg)
{
	send_trying(arg);
}


/* RFC 3262 section 3: the first RSeq in 1..2**31-1, then one more each
 * (two more with rseq-jump) */
static uint32_t next_rseq(struct strans *st)
{
	if (!st->rseq_last) {
		st->rseq_last = 1 + rand_u32() % 0x7fff0000u;
		st->rseq_acked = st->rseq_last - 1;
	}
	else {
		st->rseq_last += BH(CFG(st), RSEQ_JUMP) ? 2 : 1;
	}
	return st->rseq_last;
}

static void rel_retransmit(void *arg)
{
	struct strans *st = arg;

	if (!st->rel_wait || st->scode)
		return;

	/* section 3: no PRACK in 64*T1, the UAS SHOULD reject with a 5xx */
	if (uas_ms(st->uas) - st->rel_t0 >= 64 * T1(st)) {
		st->rel_wait = false;
		invite_final(st, 500);
		return;
	}
	st_send(st, st->rel_mb);
	st->rel_rt_ms *= 2;
	qtmr_start(&st->tmr_rel, st->rel_rt_ms, rel_retransmit, st);
}

/* A reliable provisional waits for its PRACK, retransmitted from T1
 * doubling; one the client cannot PRACK (no RSeq or no Require) waits
 * for nothing */
static void rel_start(struct strans *st, struct mbuf *mb)
{
	const struct tcfg *cfg = CFG(st);

	if (BH(cfg, REL_NO_RSEQ) || BH(cfg, REL_NO_REQUIRE))
		return;

	st->rel_wait = true;
	mem_deref(st->rel_mb);
	st->rel_mb = mem_ref(mb);
	st->rel_rt_ms = cfg->t1_ms;
	st->rel_t0 = uas_ms(st->uas);
	qtmr_start(&st->tmr_rel, st->rel_rt_ms, rel_retransmit, st);

	/* at once, before the PRACK can stop it: on loopback it would */
	if (BH(cfg, REL_RETRANSMIT_DIFFERENT)) {
		struct mbuf *copy = NULL;

		if (!behave_retransmit(&copy, mb, 1))
			st_send(st, copy);
		mem_deref(copy);
	}
}

/* Our answer to the INVITE's offer, with the flaws the misbehaviours
 * ask for */
static int answer_body(struct strans *st, char **bodyp)
{
	const struct tcfg *cfg = CFG(st);
	unsigned flaws = (BH(cfg, SDP_M_LINES) ? SDP_EXTRA_M : 0) |
		(BH(cfg, SDP_T_LINE) ? SDP_OTHER_T : 0) |
		(BH(cfg, SDP_NO_RTPMAP) ? SDP_NO_RTPMAP : 0) |
		(BH(cfg, SDP_MEDIA_TYPE) ? SDP_OTHER_MEDIA : 0);

	return sdp_answer(bodyp, &st->req->body, &st->flow.local, flaws);
}

static int send_prov(struct strans *st, uint16_t code, bool reliable,
		     int flags, struct mbuf **mbp)
{
	struct mbuf *mb = NULL;
	struct resp r;
	int err;

	err = st_resp_init(st, &r, code);
	if (err)
		return err;
	err  = st_contact(st, &r);
	err |= record_route(st, &r);
	if (reliable) {
		err |= resp_add(&r, "Require", "100rel");
		err |= resp_add(&r, "RSeq", "%u", next_rseq(st));
	}
	/* RFC 3262 section 5: "if a reliable provisional response is the
	 * first reliable message sent back to the UAC, and the INVITE did
	 * not contain an offer, one MUST appear in that reliable
	 * provisional response." */
	if (reliable && !st->offer && !st->offered &&
	    !BH(CFG(st), NO_SDP_OFFER)) {
		char *body = NULL;

		err |= sdp_offer(&body, &st->flow.local);
		if (!err)
			err = resp_body(&r, "application/sdp", body,
					strlen(body));
		mem_deref(body);
		st->offered = !err;
	}
	/* sdp-changed-answer: the answer in the reliable 1xx already; the
	 * 2xx answers again, with a new o= line (session_head draws the
	 * sess-id) */
	else if (reliable && st->offer && BH(CFG(st), SDP_CHANGED_ANSWER)) {
		char *body = NULL;

		err |= answer_body(st, &body);
		if (!err)
			err = resp_body(&r, "application/sdp", body,
					strlen(body));
		mem_deref(body);
	}
	if (err) {
		resp_reset(&r);
		return err;
	}

	err = st_respond(st, &r, RK_PROV, reliable, flags, &mb);
	if (!err && reliable)
		rel_start(st, mb);
	if (!err && mbp)
		*mbp = mem_ref(mb);
	mem_deref(mb);
	return err;
}

/*
 * two-reliable-before-prack: the 180 and a 183, both reliable, in one
 * write.  Over TCP they share a segment, so the client cannot have sent
 * the PRACK of the 180 before it received the 183; over UDP it reads the
 * 180 datagram and PRACKs it before it reads the 183, and a judge that
 * only sees its own clock cannot tell.
 */
static void two_reliable(struct strans *st)
{
	struct mbuf *a = NULL, *b = NULL, *both;

	send_prov(st, 180, true, SR_STORE | SR_HOLD, &a);
	send_prov(st, 183, true, SR_STORE | SR_HOLD, &b);
	both = mbuf_alloc(1024);
	if (a && b && both && !mbuf_write_mem(both, a->buf, a->end) &&
	    !mbuf_write_mem(both, b->buf, b->end))
		net_send_mb(&st->flow, both);
	mem_deref(both);
	mem_deref(a);
	mem_deref(b);
}

static void early_2xx(struct strans *st);

/* stray-response: the 180 once more, with a branch nobody sent */
static void send_stray(struct strans *st)
{
	struct resp_hdr *via;
	struct resp r;
	char *p;

	if (st_resp_init(st, &r, 180))
		return;
	via = resp_find(&r, "Via");
	p = via ? strstr(via->val, "branch=") : NULL;
	if (p) {
		char *s = NULL, *e = strchr(p, ';');

		re_sdprintf(&s, "%b%sz9hG4bK-stray-%x%s", via->val,
			    (size_t)(p - via->val), "branch=", rand_u32(),
			    e ? e : "");
		if (s) {
			mem_deref(via->val);
			via->val = s;
		}
	}
	st_contact(st, &r);
	st_respond(st, &r, RK_OTHER, false, 0, NULL);
}

static void answer_if_ready(struct strans *st);

static void flood_h(void *arg)
{
	struct strans *st = arg;

	for (unsigned i = 0; i < FLOOD_BATCH && st->flood_left; i++) {
		st_send(st, st->flood_mb);
		st->flood_left--;
	}
	if (st->flood_left) {
		qtmr_start(&st->tmr_flood, FLOOD_TICK_MS, flood_h, st);
		return;
	}
	st->flood_mb = mem_deref(st->flood_mb);
	answer_if_ready(st);
}

/* flood-1xx: thousands of 183s; the final waits until they are out */
static void flood_start(struct strans *st)
{
	struct resp r;

	if (st_resp_init(st, &r, 183))
		return;
	st_contact(st, &r);
	if (st_respond(st, &r, RK_OTHER, false, 0, &st->flood_mb))
		return;
	st->flood_left = FLOOD_COUNT - 1;
	qtmr_start(&st->tmr_flood, FLOOD_TICK_MS, flood_h, st);
}

/* The first 180 and, while the final is far off, one every REFRESH_MS
 * (section 13.3.1.1) */
static void ring_h(void *arg)
{
	struct strans *st = arg;
	const struct tcfg *cfg = CFG(st);
	bool first = !st->rung;

	if (st->scode)
		return;
	st->rung = true;

	if (first && st->rel && BH(cfg, TWO_REL))
		two_reliable(st);
	else if (first && st->rel && BH(cfg, EARLY_2XX))
		early_2xx(st);
	else if (!(st->rel && st->rel_wait))
		send_prov(st, 180, st->rel, SR_STORE | (first ? SR_CUT : 0),
			  NULL);

	if (first && BH(cfg, STRAY))
		send_stray(st);
	if (first && (BH(cfg, FLOOD_1XX) || BH(cfg, FLOOD_OVERFLOW)))
		flood_start(st);

	if (!BH(cfg, NEVER_FINAL) &&
	    st->t_answer > uas_ms(st->uas) + REFRESH_MS + 5000)
		qtmr_start(&st->tmr_ring, REFRESH_MS, ring_h, st);
}

/* -- the final ------------------------------------------------------------ */

static int add_sdp(struct strans *st, struct resp *r)
{
	char *body = NULL;
	int err;

	/* the offer went in the first reliable 1xx: no second one
	 * (RFC 3261 section 13.2.1, 13.3.1); sdp-new-offer makes one, a
	 * new o= line (session_head draws the sess-id) */
	if (!st->offer && st->offered && !BH(CFG(st), SDP_NEW_OFFER))
		return 0;
	if (st->offer)
		err = answer_body(st, &body);
	else
		err = sdp_offer(&body, &st->flow.local);
	if (!err)
		err = resp_body(r, "application/sdp", body, strlen(body));
	mem_deref(body);
	return err;
}

static int build_final(struct strans *st, struct resp *r, uint16_t code)
{
	int err = st_resp_init(st, r, code);

	if (err)
		return err;
	if (is_2xx(code)) {
		err |= st_contact(st, r);
		err |= record_route(st, r);
		err |= resp_add(r, "Allow", TARGET_ALLOW);
		err |= resp_add(r, "Supported", "100rel");
		err |= resp_add(r, "Accept", "application/sdp");
		err |= add_sdp(st, r);
	}
	else {
		err |= st_code_headers(st, r);
	}
	if (err)
		resp_reset(r);
	return err;
}

/* retransmit-after-ack and retransmit-until-bye: the ACK stops nothing */
static bool ignores_ack(const struct tcfg *cfg)
{
	return BH(cfg, RETRANSMIT_AFTER_ACK) || BH(cfg, RETRANSMIT_UNTIL_BYE);
}

static void retransmit_h(void *arg)
{
	struct strans *st = arg;
	const struct tcfg *cfg = CFG(st);
	struct mbuf *mb = NULL;

	if (st->state != ST_COMPLETED &&
	    !(st->state == ST_CONFIRMED && ignores_ack(cfg)))
		return;

	if (BH(cfg, RETRANSMIT_DIFFERENT) &&
	    !behave_retransmit(&mb, st->final, ++st->rt_n)) {
		st_send(st, mb);
		mem_deref(mb);
	}
	else {
		st_send(st, st->final);
	}

	if (!BH(cfg, BAD_RT_INTERVAL))
		st->rt_ms = 2 * st->rt_ms < cfg->t2_ms ? 2 * st->rt_ms
			: cfg->t2_ms;
	qtmr_start(&st->tmr_rt, st->rt_ms, retransmit_h, st);
}

/* 64*T1 after the final: no ACK means give up (a 2xx ends its dialog with
 * BYE); after that, and after an ACK, the transaction only lingers */
static void end_h(void *arg)
{
	struct strans *st = arg;

	if (st->state != ST_COMPLETED) {
		mem_deref(st);
		return;
	}

	qtmr_cancel(&st->tmr_rt);
	st->state = ST_ENDED;
	if (CFG(st)->verbose)
		re_fprintf(stderr, "no ACK for the %u in 64*T1\n", st->scode);
	if (is_2xx(st->scode) && st->dlg)
		dialog_bye(st->dlg);
	uas_call_done(st->uas, st);
	st_linger(st);
}

static void final_timers(struct strans *st)
{
	const struct tcfg *cfg = CFG(st);
	bool rt;

	if (is_2xx(st->scode))
		rt = !BH(cfg, NO_2XX_RETRANSMIT);
	else
		rt = (!flow_stream(&st->flow) ||
		      BH(cfg, TCP_NON2XX_RETRANSMIT)) &&
			!BH(cfg, NO_NON2XX_RETRANSMIT) &&
			!BH(cfg, STATELESS);

	if (rt) {
		st->rt_ms = cfg->t1_ms;
		qtmr_start(&st->tmr_rt, st->rt_ms, retransmit_h, st);
	}
	qtmr_start(&st->tmr_end, BH(cfg, RETRANSMIT_FOREVER) ||
		  BH(cfg, RETRANSMIT_FOREVER_NON2XX) ? FOREVER_MS :
		  64 * T1(st), end_h, st);
}

static void late_1xx(struct strans *st)
{
	struct resp r;

	if (st_resp_init(st, &r, 180))
		return;
	st_contact(st, &r);
	st_respond(st, &r, RK_OTHER, false, 0, NULL);
}

static void late_1xx_h(void *arg)
{
	late_1xx(arg);
}

/*
 * 1xx-after-final waits this many T1 after the final: the judge takes a
 * 180 within T1 of the final over UDP for possible reordering
 * (order.1xx-after-final-reordered), so the MUST needs one later than T1;
 * 2*T1 is still within the hold before BYE (3.5*T1, scen_evidence_ms)
 */
#define LATE_1XX_T1S 2

/* two-finals and 1xx-after-final(-soon): sent once, never as st->last;
 * the late 180 on tmr_ring, idle once the final is out */
static void final_extras(struct strans *st)
{
	const struct tcfg *cfg = CFG(st);
	struct resp r;

	if (BH(cfg, TWO_FINALS) &&
	    !st_resp_init(st, &r, st->scode == 500 ? 503 : 500))
		st_respond(st, &r, RK_OTHER, false, 0, NULL);

	if (BH(cfg, 1XX_AFTER_FINAL_SOON))
		late_1xx(st);
	if (BH(cfg, 1XX_AFTER_FINAL))
		qtmr_start(&st->tmr_ring, LATE_1XX_T1S * T1(st), late_1xx_h,
			  st);
}

/* The final, sent (flags 0) or held for the caller (SR_HOLD) */
static int final_send(struct strans *st, uint16_t code, int flags)
{
	struct resp r;
	int err;

	if (st->scode)
		return EALREADY;

	invite_destroy(st);
	st->rel_wait = false;
	st->answer_due = false;
	st->flood_left = 0;
	if (is_2xx(code) && (BH(CFG(st), UNSTABLE_TOTAG) ||
			     BH(CFG(st), UNSTABLE_TOTAG_SINGLE)))
		rand_str(st->totag, 17);

	err = build_final(st, &r, code);
	if (err)
		return err;
	err = st_respond(st, &r, RK_FINAL, false, SR_STORE | flags,
			 &st->final);
	if (err)
		return err;

	st->scode = code;
	st->state = ST_COMPLETED;
	if (is_2xx(code))
		dialog_create(st);
	final_extras(st);
	final_timers(st);
	return 0;
}

/** Answer the INVITE with code, once */
int invite_final(struct strans *st, uint16_t code)
{
	return final_send(st, code, 0);
}

/*
 * early-2xx: the reliable 180 (with the offer when the INVITE had none,
 * so with SDP) and the 2xx in one write, before any PRACK could come
 * back: RFC 3262 section 3 forbids a 2xx before the PRACK of a reliable
 * provisional with SDP.  Over TCP they share a segment, so the client
 * cannot have PRACKed first (see two_reliable).
 */
static void early_2xx(struct strans *st)
{
	struct mbuf *a = NULL, *both;

	send_prov(st, 180, true, SR_STORE | SR_HOLD, &a);
	if (!a || final_send(st, is_2xx(st->code) ? st->code : 200,
			     SR_HOLD)) {
		mem_deref(a);
		return;
	}
	both = mbuf_alloc(2048);
	if (both && st->final && !mbuf_write_mem(both, a->buf, a->end) &&
	    !mbuf_write_mem(both, st->final->buf, st->final->end))
		net_send_mb(&st->flow, both);
	mem_deref(both);
	mem_deref(a);
}

/* The final waits for the flood; a 2xx also waits, unless
 * --no-prack-wait, for the PRACK of every reliable provisional.  RFC 3262
 * section 3 makes that a MUST only when one carried SDP (ours never do)
 * and lets any other final go before the PRACK. */
static void answer_if_ready(struct strans *st)
{
	bool prack = is_2xx(st->code) && (st->extra_rel ||
		(st->rel_wait && !CFG(st)->no_prack_wait));

	if (!st->answer_due || st->scode || st->flood_left || prack)
		return;
	st->answer_due = false;
	invite_final(st, st->code);
}

static void answer_h(void *arg)
{
	struct strans *st = arg;

	st->answer_due = true;
	answer_if_ready(st);
}

/* -- a new INVITE --------------------------------------------------------- */

/* RFC 3262 section 3: reliable when the INVITE supports or requires
 * 100rel (and what the misbehaviours change about that) */
static void rel_decide(struct strans *st)
{
	const struct sip_msg *msg = st->req->msg;
	const struct tcfg *cfg = CFG(st);
	bool required = sip_msg_hdr_has_value(msg, SIP_HDR_REQUIRE, "100rel");

	st->rel = required ||
		sip_msg_hdr_has_value(msg, SIP_HDR_SUPPORTED, "100rel") ||
		BH(cfg, UNSOLICITED_REL);
	if (BH(cfg, NO_TOTAG) || (BH(cfg, UNRELIABLE_REQUIRED) && required))
		st->rel = false;
	if (st->rel && BH(cfg, RSEQ_JUMP))
		st->extra_rel = 1;
}

/* With --user: 401 without valid credentials, 403 with wrong ones */
static bool challenged(struct strans *st)
{
	struct uas *u = st->uas;
	enum auth_res res;

	if (!u->cfg->user)
		return false;
	res = auth_check(u->cfg, u->secret, st->req, uas_ms(u));
	if (res == AUTH_OK)
		return false;

	st->challenged = res == AUTH_NONE;
	invite_final(st, st->challenged ? 401 : 403);
	return true;
}

static void garbage(struct strans *st)
{
	bool stream = flow_stream(&st->flow);

	for (int i = 0; i < (stream ? 1 : GARBAGE_DGRAMS); i++) {
		struct mbuf *mb = NULL;

		if (behave_garbage(&mb, stream))
			return;
		net_send_mb(&st->flow, mb);
		mem_deref(mb);
	}
}

static void schedule(struct strans *st)
{
	const struct tcfg *cfg = CFG(st);
	uint32_t late = BH(cfg, LATE_100) ? LATE_100_MS : 0;
	uint32_t quiet = late + (BH(cfg, NO_1XX_MINUTE) ? QUIET_MS : 0);
	uint32_t answer = cfg->answer_ms +
		(BH(cfg, NO_1XX_MINUTE) ? EXTENDED_MS : 0);

	/* stateless: the final at once, as a stateless UAS answers (8.2.7) */
	if (BH(cfg, STATELESS)) {
		invite_final(st, st->code);
		return;
	}
	if (late)
		qtmr_start(&st->tmr_trying, late, trying_h, st);
	else
		send_trying(st);

	st->t_answer = uas_ms(st->uas) + quiet + answer;
	if (cfg->ring_ms < answer || BH(cfg, NEVER_FINAL))
		qtmr_start(&st->tmr_ring, quiet + cfg->ring_ms, ring_h, st);
	if (!BH(cfg, NEVER_FINAL))
		qtmr_start(&st->tmr_answer, quiet + answer, answer_h, st);
}

/** A retransmission of the INVITE before any response.  late-100 is late
 *  after every transmission, the last one too: the judge counts from the
 *  last one (a lost first INVITE is not the target's delay), so the
 *  whole schedule starts again from it */
void invite_again(struct strans *st)
{
	if (BH(CFG(st), LATE_100) && qtmr_isrunning(&st->tmr_trying))
		schedule(st);
}

/* A re-INVITE: answered at once in its dialog, or 481 */
static void reinvite(struct strans *st)
{
	const struct sreq *rq = st->req;

	if (!dialog_find(st->uas, rq)) {
		invite_final(st, 481);
		return;
	}
	pl_strcpy(&rq->msg->to.tag, st->totag, sizeof(st->totag));
	send_trying(st);
	invite_final(st, 200);
}

void invite_start(struct strans *st)
{
	const struct tcfg *cfg = CFG(st);
	uint16_t bcode = behave_code(cfg->bh);

	st->offer = st->req->offer;
	st->code = cfg->code ? cfg->code : bcode ? bcode : 200;
	rel_decide(st);

	if (st->req->msg->to.tag.p) {
		reinvite(st);
		return;
	}
	if (challenged(st))
		return;
	if (BH(cfg, GARBAGE))
		garbage(st);
	schedule(st);
}

/* -- ACK, CANCEL, PRACK, BYE ------------------------------------------------ */

static bool same_call(const struct strans *st, const struct sip_msg *msg,
		      uint32_t cseq)
{
	const struct sip_msg *im = st->req->msg;

	return st->invite && im->cseq.num == cseq &&
		sreq_callid_eq(&im->callid, &msg->callid) &&
		sreq_token_eq(&im->from.tag, &msg->from.tag);
}

/* The ACK of a 2xx is a new transaction: the INVITE it acknowledges has
 * its Call-ID, CSeq number and From tag (section 13.2.2.4) */
static struct strans *ack_2xx_match(struct uas *u, const struct sip_msg *msg)
{
	struct le *le;

	LIST_FOREACH(hash_list(u->trh_callid, hash_joaat_pl(&msg->callid)),
		     le) {
		struct strans *st = le->data;

		if (is_2xx(st->scode) && same_call(st, msg, msg->cseq.num))
			return st;
	}
	return NULL;
}

void invite_ack(struct uas *u, const struct sreq *rq)
{
	struct strans *st = st_match(u, rq, "INVITE");

	if (!st || !st->scode)
		st = ack_2xx_match(u, rq->msg);
	if (!st || st->state != ST_COMPLETED)
		return;

	st->state = ST_CONFIRMED;
	if (!ignores_ack(CFG(st)))
		qtmr_cancel(&st->tmr_rt);
	uas_call_done(u, st);
}

/** Section 9.2: 200 and 487 when the INVITE is pending, 481 when nothing
 *  matches */
void invite_cancel(struct strans *cst)
{
	const struct tcfg *cfg = CFG(cst);
	struct strans *inv = st_match(cst->uas, cst->req, "INVITE");

	if (BH(cfg, CANCEL_401)) {
		st_reply(cst, 401, RK_CANCEL);
		return;
	}
	if (!inv || BH(cfg, NO_CANCEL_200)) {
		st_reply(cst, 481, RK_CANCEL);
		return;
	}

	str_ncpy(cst->totag, inv->totag, sizeof(cst->totag));
	st_reply(cst, 200, RK_CANCEL);
	if (inv->scode || BH(cfg, NEVER_FINAL))
		return;
	invite_final(inv, BH(cfg, NO_487) ? 200 : 487);
}

/* RAck: response-num SP CSeq-num SP Method (RFC 3262 section 7.2) */
struct strans *invite_prack_match(struct uas *u, const struct sreq *rq,
				  uint32_t *rseq)
{
	const struct pl *rack = sreq_hdr(rq, SIP_HDR_RACK);
	const struct sip_msg *msg = rq->msg;
	struct pl num, cseq, met;
	struct le *le;

	if (!rack || re_regex(rack->p, rack->l,
			      "[0-9]+[ \t]+[0-9]+[ \t]+[^ \t]+", &num, NULL,
			      &cseq, NULL, &met) ||
	    pl_strcmp(&met, "INVITE"))
		return NULL;

	*rseq = pl_u32(&num);
	LIST_FOREACH(hash_list(u->trh_callid, hash_joaat_pl(&msg->callid)),
		     le) {
		struct strans *st = le->data;

		/* a 2xx leaves the provisionals unacknowledged */
		if (!same_call(st, msg, pl_u32(&cseq)) ||
		    (st->scode && !is_2xx(st->scode)))
			continue;
		if (msg->to.tag.p && !sreq_token_is(&msg->to.tag, st->totag))
			continue;
		if (*rseq > st->rseq_acked && *rseq <= st->rseq_last)
			return st;
	}
	return NULL;
}

void invite_pracked(struct strans *st, uint32_t rseq)
{
	st->rseq_acked = rseq;
	if (rseq == st->rseq_last) {
		st->rel_wait = false;
		qtmr_cancel(&st->tmr_rel);
		st->rel_mb = mem_deref(st->rel_mb);
	}

	if (st->scode)
		return;

	/* rseq-jump: the next reliable one only after this PRACK */
	if (!st->rel_wait && st->extra_rel) {
		st->extra_rel--;
		send_prov(st, 183, true, SR_STORE, NULL);
		return;
	}
	answer_if_ready(st);
}

/** The dialog of the 2xx ended (BYE): no more ACK to wait for */
void invite_dialog_ended(struct strans *st)
{
	if (st->state == ST_CONFIRMED && BH(CFG(st), RETRANSMIT_UNTIL_BYE))
		qtmr_cancel(&st->tmr_rt);
	if (st->state != ST_COMPLETED)
		return;
	st->state = ST_CONFIRMED;
	qtmr_cancel(&st->tmr_rt);
	uas_call_done(st->uas, st);
}
