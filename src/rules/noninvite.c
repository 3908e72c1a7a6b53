/**
 * @file rules/noninvite.c  OPTIONS and the other non-INVITE requests
 *
 * options.capabilities (RFC 3261 section 11.2) and the provisional
 * responses RFC 4320 section 4.1 allows to a non-INVITE request: none but
 * 100, and over UDP not even that until the client's Timer E has backed
 * off to T2.  Every client transaction that is not an INVITE is judged:
 * OPTIONS, BYE, CANCEL, PRACK, ...
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "statusline.h"
#include "message.h"
#include "rules.h"
#include "trace.h"
#include "judge.h"

/*
 * RFC 3261 section 17.1.2.2: Timer E first fires after T1, and is then
 * reset to MIN(2*T1, T2), MIN(4*T1, T2), ...  The time from the first
 * transmission until it is reset to T2: with T1 = 500 ms and T2 = 4 s,
 * 500 + 1000 + 2000 = 3500 ms (it fires at 3.5 s and is reset to 4 s).
 */
static uint64_t timer_e_reaches_t2_us(uint32_t t1_ms, uint32_t t2_ms)
{
	uint64_t t = 0, iv = t1_ms;

	if (!t1_ms)
		return 0;

	for (;;) {
		t += iv;
		iv = 2 * iv < t2_ms ? 2 * iv : t2_ms;
		if (iv == t2_ms)
			break;
	}

	return t * 1000;
}

/*
 * RFC 3261 section 11.2: "Allow, Accept, Accept-Encoding,
 * Accept-Language, and Supported header fields SHOULD be present in a
 * 200 (OK) response to an OPTIONS request."
 */
static int check_capabilities(struct judge *j, const struct jmsg *jm)
{
	static const enum hdr_id want[] = {
		HDR_ALLOW, HDR_ACCEPT, HDR_ACCEPT_ENCODING,
		HDR_ACCEPT_LANGUAGE, HDR_SUPPORTED
	};
	char missing[128] = "";

	verdict_apply(j->v, R_OPTIONS_CAPABILITIES);

	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		if (jmsg_has(jm, want[i]))
			continue;
		if (missing[0])
			strcat(missing, ", ");
		strcat(missing, message_hdr_name(want[i]));
	}
	if (!missing[0])
		return 0;

	return JFIND(j, R_OPTIONS_CAPABILITIES, jm, "200 to OPTIONS without "
		     "%s", missing);
}

/*
 * RFC 4320 section 4.1: "An SIP element MUST NOT send any provisional
 * response with a Status-Code other than 100 to a non-INVITE request."
 * "An SIP element MUST NOT respond to a non-INVITE request with a
 * Status-Code of 100 over any unreliable transport, such as UDP, before
 * the amount of time it takes a client transaction's Timer E to be reset
 * to T2."  The request left us at its first transmission and the 100
 * arrived later than the target sent it, so the check errs on the
 * target's side.
 */
static int check_provisional(struct judge *j, const struct jtrans *tr,
			     const struct jmsg *jm, uint64_t early_us)
{
	const struct jmsg *req = tr->req;
	uint64_t dt = jm->t_us - req->t_us;

	if (jm->scode > 100)
		return JFIND(j, R_NONINVITE_PROVISIONAL, jm, "%u to %r: no "
			     "provisional but 100 to a non-INVITE request",
			     jm->scode, &req->method);

	if (jm->ev->tp != SIP_TRANSP_UDP || jm->t_us < req->t_us ||
	    dt >= early_us)
		return 0;

	return JFIND(j, R_NONINVITE_EARLY_100, jm, "100 to %r over UDP "
		     "after %llu ms, before Timer E reaches T2 (%llu ms)",
		     &req->method, (unsigned long long)(dt / 1000),
		     (unsigned long long)(early_us / 1000));
}

int rules_noninvite(struct judge *j)
{
	uint64_t early_us = timer_e_reaches_t2_us(j->cfg->t1_ms,
						  j->cfg->t2_ms);
	int err = 0;

	for (size_t i = 0; i < j->trc; i++) {
		const struct jtrans *tr = &j->trv[i];

		if (tr->is_invite || !tr->resc)
			continue;

		verdict_apply(j->v, R_NONINVITE_PROVISIONAL);
		if (tr->req->ev->tp == SIP_TRANSP_UDP)
			verdict_apply(j->v, R_NONINVITE_EARLY_100);

		for (unsigned k = 0; k < tr->resc; k++) {
			const struct jmsg *jm = tr->resv[k];

			if (!jm->scode || jmsg_is_retransmit(jm))
				continue;

			if (jm->scode < 200)
				err |= check_provisional(j, tr, jm,
							 early_us);
			else if (jm->scode == 200 &&
				 jtrans_method(tr, "OPTIONS"))
				err |= check_capabilities(j, jm);
		}
	}

	return err;
}
