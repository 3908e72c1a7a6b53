/**
 * @file scen_cancel.c  cancel: CANCEL after the first provisional
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "client/scen_priv.h"

struct cancel {
	struct scen *s;
	struct qtmr tmr;            /**< CANCEL after a lone 100             */
	struct uac_ctrans *ct;     /**< the CANCEL, once sent               */
};

static void destructor(void *arg)
{
	struct cancel *c = arg;

	qtmr_cancel(&c->tmr);
}

static void send_cancel(struct cancel *c)
{
	struct scen *s = c->s;

	qtmr_cancel(&c->tmr);
	if (c->ct || s->got_final || !s->inv)
		return;
	if (uac_cancel(s->uac, s->inv, &c->ct))
		scen_note(s, "could not send the CANCEL");
}

static void cancel_timer(void *arg)
{
	send_cancel(arg);
}

static int cancel_start(struct scen *s)
{
	struct cancel *c = mem_zalloc(sizeof(*c), destructor);

	if (!c)
		return ENOMEM;
	c->s = s;
	qtmr_init(&c->tmr);
	s->priv = c;

	return scen_invite(s);
}

/* Cancel a ringing call, as a caller hanging up does: on the first
 * provisional from the UAS, or 2*T1 after a 100 if nothing else comes
 * (9.1 asks only for some provisional) */
static void cancel_prov(struct scen *s, const struct jmsg *jm)
{
	struct cancel *c = s->priv;

	if (c->ct)
		return;
	if (jm->d.scode > 100)
		send_cancel(c);
	else if (!qtmr_isrunning(&c->tmr))
		qtmr_start(&c->tmr, 2 * s->o->uac.t1_ms, cancel_timer, c);
}

/* A 2xx that won the race is ACKed and BYEd; a 487 ends it once the
 * CANCEL has its own final too */
static void cancel_final(struct scen *s, const struct jmsg *jm)
{
	struct cancel *c = s->priv;
	const uint16_t sc = jm->d.scode;

	if (!c->ct)
		scen_note(s, "a final response came before any provisional: "
			  "nothing to cancel");

	if (sc < 300 || !c->ct || uac_ctrans_final(c->ct))
		scen_hangup(s, sc);
}

static void cancel_resp(struct scen *s, struct uac_ctrans *ct,
			const struct jmsg *jm)
{
	if (strcmp(uac_ctrans_method(ct), "CANCEL"))
		return;

	if (jm->d.scode >= 200 && s->got_final && !s->byes &&
	    !qtmr_isrunning(&s->tmr_step))
		scen_linger(s);
}

const struct scen_def scen_cancel = {
	.name = "cancel",
	.summary = "CANCEL after the first provisional",
	.detail =
	"INVITE, CANCEL on the first provisional from the UAS (or 2*T1\n"
	"after a lone 100); expects 200 to the CANCEL and 487 to the\n"
	"INVITE.  A 2xx that wins the race is ACKed and the dialog ended\n"
	"with BYE.",
	.method = "INVITE",
	.starth = cancel_start,
	.provh = cancel_prov,
	.finalh = cancel_final,
	.resph = cancel_resp,
};
