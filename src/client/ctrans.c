/**
 * @file ctrans.c  Client transactions, RFC 3261 section 17.1
 *
 * The state is explicit and the timers are switched on it, as in
 * libre's src/sip/ctrans.c: Timer A/E retransmit the request, Timer B/F
 * give up on it, Timer D/K end the Completed state.  A 2xx to the INVITE
 * leads to Accepted for 64*T1 (Timer M, RFC 6026 section 7.2), where
 * the 2xx retransmissions and forks reach the dialogs, which ACK them.
 *
 * Unlike libre's, a transaction stays matchable when it is Terminated:
 * the scenarios are told about every response that came for it (a
 * tester reports what a target sends late), but a Terminated
 * transaction sends nothing more.
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "client/uac_priv.h"
#include "loop/qtmr.h"

enum state {
	CALLING,                   /**< INVITE sent, nothing back yet     */
	TRYING,                    /**< non-INVITE sent, nothing back yet */
	PROCEEDING,                /**< a provisional came                */
	ACCEPTED,                  /**< a 2xx to the INVITE               */
	COMPLETED,                 /**< a non-2xx final (non-INVITE: any) */
	TERMINATED,                /**< timeout, or Timer D/K/M fired     */
};

/* Timer D covers the target's retransmissions of a non-2xx final, which
 * last 64*T1 (Timer H); RFC 3261 asks for at least 32 s */
enum { TIMER_D_MIN = 32000 };

struct uac_ctrans {
	struct le le;
	struct uac *u;
	enum state state;
	char method[16];
	char branch[BRANCH_SIZE];
	uint32_t cseq;
	bool invite;
	uint16_t scode;            /**< first final                         */
	char *auth;                /**< the INVITE's credentials, for the
				        ACK of its non-2xx final (22.1)     */
	char *held_to;             /**< To of a final whose ACK the no-ack
				        test holds back                     */
	struct mbuf *mb;           /**< the request as sent                 */
	struct sa dst;             /**< where it goes, unset: the target    */
	enum sip_transp tp;        /**< over what (RFC 3263 section 4.1)    */
	struct qtmr tmr_rt;         /**< Timer A / E                         */
	struct qtmr tmr;            /**< Timer B / F, then D / K             */
	uint32_t rt_ms;
};

static void destructor(void *arg)
{
	struct uac_ctrans *ct = arg;

	qtmr_cancel(&ct->tmr_rt);
	qtmr_cancel(&ct->tmr);
	list_unlink(&ct->le);
	mem_deref(ct->mb);
	mem_deref(ct->auth);
	mem_deref(ct->held_to);
}

static bool reliable(const struct uac_ctrans *ct)
{
	return ct->tp != SIP_TRANSP_UDP;
}

static int send_req(struct uac_ctrans *ct)
{
	return wire_send_tp(ct->u->w, ct->tp, sa_isset(&ct->dst, SA_ALL) ?
			    &ct->dst : NULL, ct->mb->buf, ct->mb->end);
}

static void retransmit(void *arg)
{
	struct uac_ctrans *ct = arg;
	const uint32_t t2 = ct->u->cfg.t2_ms;

	/* Timer A doubles without bound (Timer B ends it), Timer E caps
	 * at T2, and after a provisional Timer E fires every T2 */
	switch (ct->state) {

	case CALLING:
		ct->rt_ms *= 2;
		break;

	case TRYING:
		ct->rt_ms = MIN(2 * ct->rt_ms, t2);
		break;

	case PROCEEDING:
		if (ct->invite)
			return;
		ct->rt_ms = t2;
		break;

	default:
		return;
	}

	send_req(ct);
	qtmr_start(&ct->tmr_rt, ct->rt_ms, retransmit, ct);
}

/* Timer B or F: no final response in 64*T1 */
static void timeout(void *arg)
{
	struct uac_ctrans *ct = arg;
	struct uac *u = ct->u;

	qtmr_cancel(&ct->tmr_rt);
	ct->state = TERMINATED;

	trace_note(u->t, wire_now(u->w), "%s transaction timed out (64*T1)",
		   ct->method);
	if (u->toh)
		u->toh(ct, u->arg);
}

/* Timer D, K or M: retransmissions of the final are over */
static void completed_end(void *arg)
{
	struct uac_ctrans *ct = arg;

	ct->state = TERMINATED;
}

/** Send the request req as a new client transaction */
int ctrans_send(struct uac_ctrans **ctp, struct uac *u,
		const struct request *req, const struct sa *dst,
		const char *auth)
{
	struct uac_ctrans *ct;
	int err;

	if (!u || !req)
		return EINVAL;

	ct = mem_zalloc(sizeof(*ct), destructor);
	if (!ct)
		return ENOMEM;

	ct->u = u;
	str_ncpy(ct->method, req->met, sizeof(ct->method));
	str_ncpy(ct->branch, req->branch, sizeof(ct->branch));
	ct->cseq = req->cseq;
	ct->invite = !strcmp(req->met, "INVITE");
	ct->state = ct->invite ? CALLING : TRYING;
	ct->tp = request_tp(u, req);
	if (dst)
		ct->dst = *dst;
	qtmr_init(&ct->tmr_rt);
	qtmr_init(&ct->tmr);
	list_append(&u->ctl, &ct->le, ct);

	/* kept for the retransmissions while the transaction lives (a
	 * load run holds thousands): without request_print()'s spare room */
	err = request_print(&ct->mb, u, req);
	if (!err)
		err = mbuf_resize(ct->mb, ct->mb->end);
	if (err)
		goto out;
	if (auth) {
		err = str_dup(&ct->auth, auth);
		if (err)
			goto out;
	}

	err = send_req(ct);
	if (err)
		goto out;

	/* Timer A / E only where the transport is unreliable (17.1.1.2) */
	if (!reliable(ct)) {
		ct->rt_ms = u->cfg.t1_ms;
		qtmr_start(&ct->tmr_rt, ct->rt_ms, retransmit, ct);
	}
	qtmr_start(&ct->tmr, 64 * (uint64_t)u->cfg.t1_ms, timeout, ct);

 out:
	if (err)
		mem_deref(ct);
	else if (ctp)
		*ctp = ct;
	return err;
}

/** The transaction a response belongs to (17.1.3), in any state */
struct uac_ctrans *ctrans_find(const struct list *ctl, const struct jmsg *jm)
{
	struct le *le;

	if (!jm->d.has_via || !jm->d.has_cseq)
		return NULL;

	LIST_FOREACH(ctl, le) {
		struct uac_ctrans *ct = le->data;
		struct pl b;

		pl_set_str(&b, ct->branch);
		if (branch_eq(&jm->d.via.branch, &b) &&
		    method_eq(&jm->d.cseq.met, ct->method))
			return ct;
	}
	return NULL;
}

/* ACK of a non-2xx final: inside the transaction, same branch, the To of
 * the response (17.1.1.3) */
static int ack_send(struct uac_ctrans *ct, const char *to)
{
	struct uac *u = ct->u;
	struct request req = {
		.met = "ACK", .uri = u->cfg.ruri, .branch = ct->branch,
		.to = to, .cseq = ct->cseq, .hdrs = ct->auth,
	};
	struct mbuf *mb = NULL;
	int err;

	err = request_print(&mb, u, &req);
	if (!err)
		err = wire_send(u->w, mb->buf, mb->end);
	mem_deref(mb);
	return err;
}

/* The no-ack test holds back the ACK, but not of a challenge the
 * scenario will answer: the final under test is the one to the INVITE
 * with credentials */
static bool ack_held(const struct uac_ctrans *ct, uint16_t scode)
{
	const struct uac *u = ct->u;

	if (!u->cfg.withhold_ack)
		return false;

	return !((scode == 401 || scode == 407) && uac_has_credentials(u) &&
		 ct == u->invite && !ct->auth);
}

static void ack(struct uac_ctrans *ct, const struct jmsg *jm, bool first)
{
	const struct msg_hdr *to = message_hdr(jm->m, HDR_TO);
	char *s = NULL;

	if (!to || pl_strdup(&s, &to->val))
		return;

	if (!ack_held(ct, jm->d.scode))
		ack_send(ct, s);
	else if (first)
		ct->held_to = mem_ref(s);     /* sent when the window ends */
	mem_deref(s);
}

static void provisional(struct uac_ctrans *ct)
{
	switch (ct->state) {

	case CALLING:
		/* Timer A stops, and Timer B only runs in Calling
		 * (17.1.1.2); how long to wait for a final is the
		 * scenario's call */
		qtmr_cancel(&ct->tmr_rt);
		qtmr_cancel(&ct->tmr);
		ct->state = PROCEEDING;
		break;

	case TRYING:
		/* Timer E goes on, at T2 from now on; Timer F goes on */
		ct->state = PROCEEDING;
		break;

	default:
		break;
	}
}

static void final(struct uac_ctrans *ct, const struct jmsg *jm)
{
	const uint16_t sc = jm->d.scode;
	uint32_t wait;

	switch (ct->state) {

	case CALLING:
	case TRYING:
	case PROCEEDING:
		qtmr_cancel(&ct->tmr_rt);
		qtmr_cancel(&ct->tmr);
		ct->scode = sc;

		/* Timer M: a 2xx is the dialog's to ACK (13.2.2.4), over
		 * any transport */
		if (ct->invite && sc < 300) {
			ct->state = ACCEPTED;
			qtmr_start(&ct->tmr, 64 * (uint64_t)ct->u->cfg.t1_ms,
				  completed_end, ct);
			break;
		}

		ct->state = COMPLETED;
		if (ct->invite)
			ack(ct, jm, true);

		/* Timer D / K: zero where nothing is retransmitted */
		if (reliable(ct)) {
			ct->state = TERMINATED;
			break;
		}
		wait = ct->invite ? MAX(TIMER_D_MIN, 64 * ct->u->cfg.t1_ms)
			: SIP_T4;
		qtmr_start(&ct->tmr, wait, completed_end, ct);
		break;

	case COMPLETED:
		/* the final again: so is the ACK (17.1.1.2) */
		if (ct->invite && sc >= 300)
			ack(ct, jm, false);
		break;

	case ACCEPTED:
		/* A non-2xx after the 2xx breaks order.one-final; RFC 6026
		 * would drop it, but unACKed the target retransmits it for
		 * 64*T1 and one fault would be judged twice */
		if (sc >= 300)
			ack(ct, jm, false);
		break;

	default:
		break;
	}
}

/** A response matched this transaction: act on it as its state says */
void ctrans_recv(struct uac_ctrans *ct, const struct jmsg *jm)
{
	if (!ct || !jm || !jm->d.scode)
		return;

	if (jm->d.scode < 200)
		provisional(ct);
	else
		final(ct, jm);
}

/** Send the ACK the no-ack test held back: the end of its window */
int ctrans_ack_release(struct uac_ctrans *ct)
{
	char *to;
	int err;

	if (!ct || !ct->held_to)
		return 0;

	to = ct->held_to;
	ct->held_to = NULL;
	err = ack_send(ct, to);
	mem_deref(to);
	return err;
}

/** The recording ended: no timer may send anything more */
void ctrans_stop(struct uac_ctrans *ct)
{
	qtmr_cancel(&ct->tmr_rt);
	qtmr_cancel(&ct->tmr);
}

bool ctrans_is_invite(const struct uac_ctrans *ct)
{
	return ct->invite;
}

const char *ctrans_branch(const struct uac_ctrans *ct)
{
	return ct->branch;
}

uint32_t ctrans_cseq(const struct uac_ctrans *ct)
{
	return ct->cseq;
}

/** The INVITE's credentials line(s), or NULL: the ACK of its 2xx carries
 *  the same (13.2.2.4) */
const char *ctrans_auth(const struct uac_ctrans *ct)
{
	return ct->auth;
}

const char *uac_ctrans_method(const struct uac_ctrans *ct)
{
	return ct->method;
}

/** Did a final come, or the time for one run out? */
bool uac_ctrans_final(const struct uac_ctrans *ct)
{
	return ct->state >= ACCEPTED;
}

uint16_t uac_ctrans_scode(const struct uac_ctrans *ct)
{
	return ct->scode;
}
