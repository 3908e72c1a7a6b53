/**
 * @file scen_noack.c  no-ack: withhold the ACK, measure retransmissions
 */
#include <config.h>
#include <re.h>
#include "client/scen_priv.h"

static void noack_cfg(struct uac_cfg *cfg)
{
	cfg->withhold_ack = true;
}

static void window_end(void *arg)
{
	struct scen *s = arg;

	uac_ack_pending(s->uac);
	scen_send_byes(s);
}

/*
 * The window is as long as timing.give-up and timing.timer-h need, when
 * --timeout leaves room: they look for a copy more than 64*T1 + T1 after
 * the final ("If the server retransmits the 2xx response for 64*T1
 * seconds without receiving an ACK ... ", 13.3.1.4; Timer H, 17.2.1),
 * and by then the copies are T2 apart, so one T2 more, plus T1/2 for
 * scheduling.  Otherwise it ends early enough before the watchdog for
 * the ACK, the BYE's round trip (T1, 17.1.1.1) and the linger, with a T1
 * to spare.
 */
static void noack_final(struct scen *s, const struct jmsg *jm)
{
	const uint64_t t1 = s->o->uac.t1_ms, t2 = s->o->uac.t2_ms;
	const uint64_t timeout = s->o->timeout_ms;
	const uint64_t spare = scen_evidence_ms(s) + 2 * t1;
	const uint64_t now = jm->t_us / 1000;
	const uint64_t need = now + 65 * t1 + t2 + t1 / 2;
	uint64_t end;

	end = timeout > spare ? timeout - spare : timeout / 2;
	if (need < end)
		end = need;
	qtmr_start(&s->tmr_step, end > now ? end - now : 0, window_end, s);
}

const struct scen_def scen_noack = {
	.name = "no-ack",
	.summary = "withhold the ACK, measure retransmissions",
	.detail =
	"INVITE, then no ACK (and no PRACK) for the final response until\n"
	"--timeout is nearly over: the target's retransmissions of its\n"
	"2xx (13.3.1.4) or non-2xx over UDP (Timer G, 17.2.1) are timed\n"
	"against T1/T2.  Then ACK, and BYE a 2xx dialog.",
	.method = "INVITE",
	.cfgh = noack_cfg,
	.starth = scen_invite,
	.finalh = noack_final,
};
