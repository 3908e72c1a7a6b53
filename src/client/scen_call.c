/**
 * @file scen_call.c  call: INVITE, answer, ACK, BYE
 */
#include <config.h>
#include <re.h>
#include "client/scen_priv.h"

static void call_final(struct scen *s, const struct jmsg *jm)
{
	scen_hangup(s, jm->d.scode);
}

const struct scen_def scen_call = {
	.name = "call",
	.summary = "INVITE, answer, ACK, BYE",
	.detail =
	"INVITE with an SDP offer (none with --no-sdp), PRACK reliable\n"
	"provisionals, ACK every 2xx (forks and retransmissions too), hold\n"
	"for 3.5*T1 (long enough to see a 2xx our ACK did not stop), BYE\n"
	"every dialog, then watch T1 for late messages (3.5*T1 after a\n"
	"non-2xx over UDP, for Timer G).  Non-2xx finals are ACKed in the\n"
	"transaction.",
	.method = "INVITE",
	.starth = scen_invite,
	.finalh = call_final,
};
