/**
 * @file scen_options.c  options: the health-check pattern
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "client/scen_priv.h"

static int options_start(struct scen *s)
{
	return uac_options(s->uac, NULL);
}

/* Every final is noted, a retransmitted one too: a UAS repeats its
 * final only when our OPTIONS crossed it, and that is worth seeing */
static void options_resp(struct scen *s, struct uac_ctrans *ct,
			 const struct jmsg *jm)
{
	const uint16_t sc = jm->d.scode;

	if (strcmp(uac_ctrans_method(ct), "OPTIONS") || sc < 200)
		return;

	s->got_final = true;
	if (sc == 200)
		scen_note(s, "200: alive");
	else if (sc == 503)
		scen_note(s, "503: alive but not serving");
	else
		scen_note(s, "%u to OPTIONS", sc);
	scen_linger(s);
}

const struct scen_def scen_options = {
	.name = "options",
	.summary = "OPTIONS ping: the health-check pattern",
	.detail =
	"OPTIONS outside a dialog.  200 means alive; 503 alive but not\n"
	"serving (reported as a note, judged like any other response).",
	.method = "OPTIONS",
	.starth = options_start,
	.resph = options_resp,
};
