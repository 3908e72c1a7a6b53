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

/* The window ends early enough for ACK, BYE and the linger before the
 * watchdog */
static void noack_final(struct scen *s, const struct jmsg *jm)
{
	const uint64_t timeout = s->o->timeout_ms;
	const uint64_t spare = 6 * (uint64_t)s->o->uac.t1_ms;
	const uint64_t now = jm->t_us / 1000;
	uint64_t end;

	end = timeout > spare ? timeout - spare : timeout / 2;
	tmr_start(&s->tmr_step, end > now ? end - now : 0, window_end, s);
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
