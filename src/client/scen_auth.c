/**
 * @file scen_auth.c  auth: INVITE answered with digest credentials
 *
 * The runner answers a challenge in every INVITE scenario that has
 * credentials; this one is the scenario that expects one.
 */
#include <config.h>
#include <re.h>
#include "client/scen_priv.h"

static void auth_final(struct scen *s, const struct jmsg *jm)
{
	const uint16_t sc = jm->d.scode;

	if (!s->auth_tries && sc != 401 && sc != 407)
		scen_note(s, "the target did not challenge the INVITE");
	scen_hangup(s, sc);
}

const struct scen_def scen_auth = {
	.name = "auth",
	.summary = "INVITE answered with digest credentials",
	.detail =
	"Like call, but expects a 401/407 challenge, answered once with\n"
	"--user/--password (RFC 3261 22.2).  Needs credentials.",
	.needs_credentials = true,
	.method = "INVITE",
	.starth = scen_invite,
	.finalh = auth_final,
};
