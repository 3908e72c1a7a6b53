/**
 * @file scenario.c  The runner: drive the UAC, record, then judge; and
 *                   the table of scenarios
 *
 * Each scenario gets its own sockets, Call-ID, branches and trace, so a
 * stray retransmission of one cannot be blamed on another; that is also
 * what lets a set of them run at once, in one event loop, which ends
 * when the last of them has (a run of all takes about as long as its
 * longest scenario).  A watchdog ends a scenario at --timeout whatever
 * the target does; then the trace is judged.  A signal the caller
 * catches ends the running scenarios the same way, so the report of
 * what was seen is never lost.
 *
 * What all scenarios share is here: a challenge answered once, BYE of
 * every dialog, the linger for late messages, the notes.  What differs
 * is in each scen_<name>.c.
 */
#include <config.h>
#include <string.h>
#include <time.h>
#include <re.h>
#include "client/uac.h"
#include "client/wire.h"
#include "client/scen_priv.h"

/* One file each; the order is --scenario all's and --list-scenarios' */
extern const struct scen_def scen_call, scen_cancel, scen_options,
	scen_noack, scen_auth;

const struct scen_def *const scen_defs[] = {
	&scen_call,
	&scen_cancel,
	&scen_options,
	&scen_noack,
	&scen_auth,
};

const size_t scen_def_count = ARRAY_SIZE(scen_defs);

const struct scen_def *scenario_find(const char *name)
{
	for (size_t i = 0; i < scen_def_count; i++)
		if (!strcmp(scen_defs[i]->name, name))
			return scen_defs[i];
	return NULL;
}

void scen_note(struct scen *s, const char *fmt, ...)
{
	va_list ap;

	if (!s->notes)
		s->notes = mbuf_alloc(128);
	if (!s->notes)
		return;
	if (s->notes->end)
		mbuf_write_str(s->notes, "; ");
	va_start(ap, fmt);
	mbuf_vprintf(s->notes, fmt, ap);
	va_end(ap);
}

/* Nothing more is sent: the timers stop, the scenario's own state goes */
static void stop(struct scen *s)
{
	if (s->done)
		return;
	s->done = true;
	s->t_end_us = wire_clock_us();
	qtmr_cancel(&s->tmr_step);
	qtmr_cancel(&s->tmr_watchdog);
	s->priv = mem_deref(s->priv);
}

/* The scenario ended itself: the loop ends with the last of the set */
static void finish(struct scen *s)
{
	if (s->done)
		return;
	stop(s);
	if (s->endh)
		s->endh(s);
	else if (!--*s->running)
		re_cancel();
}

static void step_done(void *arg)
{
	finish(arg);
}

/*
 * The idle waits.  Each is as long as the rule that reads what may come
 * in it needs, and no longer: a wait no rule reads only slows every run.
 *
 * Copies of a final: a UAS passes its 2xx to the transport "with an
 * interval that starts at T1 seconds and doubles for each retransmission
 * until it reaches T2 seconds" (13.3.1.4), and Timer G does the same for
 * a non-2xx over UDP (17.2.1); only the ACK stops them.  order.after-ack
 * counts a copy only when it comes more than T1 after our ACK, and the
 * copies of a UAS that missed the ACK leave T1 and 3*T1 after its final:
 * the one at 3*T1 is the first that can show it.  EVIDENCE_T1x2 is that,
 * plus T1/2 for scheduling on a busy machine, in halves of T1.
 */
#define EVIDENCE_T1x2 7

uint32_t scen_evidence_ms(const struct scen *s)
{
	return EVIDENCE_T1x2 * s->o->uac.t1_ms / 2;
}

/* How long to watch after the last transaction, ms.  After a non-2xx to
 * the INVITE, ACKed by the transaction, over UDP: the Timer G copies
 * (above).  Otherwise one T1, "an estimate of the round-trip time"
 * (17.1.1.1): the copies that answer our own request retransmissions and
 * what the target sent before our last request reached it are then in.
 * On a reliable transport Timer G is not set (17.2.1), and no timer of
 * a non-INVITE server sends anything unasked (17.2.2).  A stray later
 * than this is not seen: no RFC timer bounds it. */
static uint32_t linger_ms(const struct scen *s)
{
	if (s->final_scode >= 300 && !s->byes_sent &&
	    s->o->uac.tp == SIP_TRANSP_UDP)
		return scen_evidence_ms(s);
	return s->o->uac.t1_ms;
}

/** The protocol part is over: watch a while longer for late
 *  retransmissions and strays (linger_ms), then end */
void scen_linger(struct scen *s)
{
	if (s->lingering)
		return;
	s->lingering = true;
	qtmr_start(&s->tmr_step, linger_ms(s), step_done, s);
}

/** BYE every dialog; linger at once when there is none */
void scen_send_byes(struct scen *s)
{
	s->byes = uac_bye_all(s->uac);
	s->byes_sent = s->byes > 0;
	if (!s->byes)
		scen_linger(s);
}

static void bye_timer(void *arg)
{
	scen_send_byes(arg);
}

/** The INVITE's final came.  An answered call is held before BYE for
 *  the evidence window of its 2xx (scen_evidence_ms): a target that stops
 *  retransmitting on BYE would otherwise hide an ACK it never took.  A
 *  2xx of a later fork is ACKed at once but not waited for: the BYE of
 *  its dialog may come sooner.  After a failure, linger. */
void scen_hangup(struct scen *s, uint16_t scode)
{
	if (scode < 300)
		qtmr_start(&s->tmr_step, scen_evidence_ms(s), bye_timer, s);
	else
		scen_linger(s);
}

/** The first INVITE of a scenario */
int scen_invite(struct scen *s)
{
	return uac_invite(s->uac, &s->inv, NULL);
}

/* A 401/407 is answered once, in every INVITE scenario, when there are
 * credentials; true: a new INVITE went out */
static bool answer_challenge(struct scen *s, const struct jmsg *jm)
{
	const uint16_t sc = jm->d.scode;

	if ((sc != 401 && sc != 407) || !uac_has_credentials(s->uac) ||
	    s->auth_tries)
		return false;

	s->auth_tries++;
	if (uac_invite(s->uac, &s->inv, jm) == 0)
		return true;
	scen_note(s, "could not answer the %u challenge", sc);
	return false;
}

static void invite_resp(struct scen *s, const struct jmsg *jm)
{
	const struct scen_def *def = s->def;

	if (jm->d.scode < 200) {
		if (def->provh)
			def->provh(s, jm);
		return;
	}

	if (s->got_final || answer_challenge(s, jm))
		return;

	s->got_final = true;
	s->final_scode = jm->d.scode;
	if (def->finalh)
		def->finalh(s, jm);
}

static void resp_handler(struct uac_ctrans *ct, const struct jmsg *jm,
			 void *arg)
{
	struct scen *s = arg;

	if (s->done)
		return;

	if (ct == s->inv) {
		invite_resp(s, jm);
	}
	else if (!strcmp(uac_ctrans_method(ct), "BYE")) {
		if (jm->d.scode >= 200 && s->byes && --s->byes == 0)
			scen_linger(s);
	}
	else if (s->def->resph) {
		s->def->resph(s, ct, jm);
	}
}

static void timeout_handler(struct uac_ctrans *ct, void *arg)
{
	struct scen *s = arg;
	const char *met = uac_ctrans_method(ct);

	scen_note(s, "no final response to %s within 64*T1", met);

	if (!strcmp(met, "BYE")) {
		if (s->byes && --s->byes == 0)
			scen_linger(s);
		return;
	}
	if (ct == s->inv || !strcmp(met, "OPTIONS"))
		finish(s);
}

static void req_handler(const struct jmsg *jm, void *arg)
{
	struct scen *s = arg;

	scen_note(s, "the target sent %r", &jm->d.method);
}

static void close_handler(int err, void *arg)
{
	struct scen *s = arg;

	s->closed = true;
	s->close_err = err;
	if (err)
		scen_note(s, "connection closed: %m", err);
	/* nothing more can come: judge what there is */
	if (!s->lingering)
		qtmr_start(&s->tmr_step, 0, step_done, s);
}

static void watchdog(void *arg)
{
	struct scen *s = arg;

	scen_note(s, "scenario ended by --timeout after %u ms",
		  s->o->timeout_ms);
	finish(s);
}

void scen_result_reset(struct scen_result *res)
{
	verdict_reset(&res->verdict);
	res->trace = mem_deref(res->trace);
	res->error = mem_deref(res->error);
	res->note = mem_deref(res->note);
	res->label = mem_deref(res->label);
}

static int signalled(const struct scen_opts *o)
{
	return o->sig ? *o->sig : 0;
}

/* Exchange until every scenario of the set ends itself or by its
 * watchdog, or the caller's signal handler stops the loop */
static void exchange(struct scen *sv, size_t n, unsigned *running)
{
	const struct scen_opts *o = sv[0].o;

	if (*running && !signalled(o))
		re_main(o->sigh);

	for (size_t i = 0; i < n; i++) {
		struct scen *s = &sv[i];

		if (!s->uac || s->done || !signalled(o))
			continue;
		scen_interrupt(s);
	}
}

/** A signal ended s before its end */
void scen_interrupt(struct scen *s)
{
	s->interrupted = true;
	scen_note(s, "interrupted by signal %d", signalled(s->o));
	stop(s);
}

/* A scenario whose request never got a final response did not run to
 * its end: what came is judged and reported, but a clean sheet would
 * claim more than was seen (exit 3 unless a MUST broke). */
static void why_not_judged(struct scen_result *res, const struct scen *s)
{
	const struct scen_opts *o = s->o;
	const char *met = s->def->method;

	if (res->judged || res->error)
		return;

	/* the final came, but what the scenario does after it (ACK, hold,
	 * BYE, watching for strays) did not happen: no clean sheet */
	if (s->interrupted && s->got_final) {
		re_sdprintf(&res->error, "interrupted before the end of the "
			    "scenario (after the final response to %s)", met);
		return;
	}

	if (res->timings.rx_msgs > 0) {
		if (s->closed)
			re_sdprintf(&res->error, "the connection closed before "
				    "a final response to %s", met);
		else if (signalled(o))
			re_sdprintf(&res->error, "interrupted before a final "
				    "response to %s", met);
		else
			re_sdprintf(&res->error, "no final response to %s "
				    "within %u ms", met, o->timeout_ms);
	}
	else if (s->closed && s->close_err == ECONNREFUSED &&
		 o->uac.tp == SIP_TRANSP_UDP) {
		re_sdprintf(&res->error, "no response: port unreachable from "
			    "%J (ICMP)", &o->uac.peer);
	}
	else if (s->closed && s->close_err) {
		re_sdprintf(&res->error, "no response: %m", s->close_err);
	}
	else if (signalled(o)) {
		re_sdprintf(&res->error, "interrupted before any response");
	}
	else {
		re_sdprintf(&res->error, "no response from the target within "
			    "%u ms", o->timeout_ms);
	}
}

/* What the scenario saw: its notes, the judge's findings, and why it
 * could not be judged if so */
static void conclude(struct scen_result *res, const struct scen *s)
{
	int err;

	if (s->notes) {
		s->notes->pos = 0;
		mbuf_strdup(s->notes, &res->note, s->notes->end);
	}

	err = judge_trace(&res->verdict, res->trace, &s->o->judge,
			  &res->timings);
	if (err) {
		re_sdprintf(&res->error, "judging failed: %m", err);
		return;
	}

	res->judged = res->timings.rx_msgs > 0 && s->got_final &&
		!s->interrupted;
	why_not_judged(res, s);
}

/* Make the UAC of scenario def and send its first request; false:
 * it could not be set up (res->error says why) */
int scen_start(struct scen *s, struct scen_result *res,
	       const struct scen_def *def, const struct scen_opts *opts,
	       unsigned *running)
{
	struct uac_cfg ucfg;
	int err;

	verdict_init(&res->verdict);
	res->name = def->name;
	res->summary = def->summary;

	s->def = def;
	s->o = opts;
	s->running = running;
	qtmr_init(&s->tmr_watchdog);
	qtmr_init(&s->tmr_step);

	ucfg = opts->uac;
	if (def->cfgh)
		def->cfgh(&ucfg);

	err = trace_alloc(&res->trace);
	if (err)
		return err;
	res->trace->single_uas = opts->judge.single_uas;
	res->trace->obsh = opts->obsh;
	res->trace->max_in = opts->max_messages;
	res->trace->obsarg = opts->obsarg;
	res->trace->started_unix = (uint64_t)time(NULL);

	s->t0_us = wire_clock_us();
	err = uac_alloc(&s->uac, res->trace, &ucfg, resp_handler,
			timeout_handler, req_handler, close_handler, s);
	if (err) {
		if (sa_isset(&ucfg.local, SA_ADDR))
			re_sdprintf(&res->error, "cannot open the %s socket "
				    "on --local %J: %m",
				    sip_transp_name(ucfg.tp), &ucfg.local, err);
		else
			re_sdprintf(&res->error, "cannot open the %s socket: "
				    "%m", sip_transp_name(ucfg.tp), err);
		return err;
	}

	++*running;
	qtmr_start(&s->tmr_watchdog, opts->timeout_ms, watchdog, s);
	err = def->starth(s);
	if (err) {
		/* set up, but the target cannot be reached: a result, not a
		 * set-up failure */
		re_sdprintf(&res->error, "cannot send to the target: %m", err);
		finish(s);
	}
	return 0;
}

void scen_end(struct scen *s, struct scen_result *res, bool judge)
{
	if (s->uac)
		uac_finish(s->uac);
	stop(s);
	if (judge) {
		res->duration_us = s->t_end_us - s->t0_us;
		conclude(res, s);
	}
	s->uac = mem_deref(s->uac);
	s->notes = mem_deref(s->notes);
}

/** Run the n scenarios defv at once against the target and judge each
 *  into *resv[i]; an error only when one could not be set up (its
 *  resv[i].error says why; then none runs) */
int scenario_run_set(struct scen_result *const *resv,
		     const struct scen_def *const *defv, size_t n,
		     const struct scen_opts *opts)
{
	unsigned running = 0;
	struct scen *sv;
	int err = 0;

	if (!resv || !defv || !n || !opts)
		return EINVAL;
	for (size_t i = 0; i < n; i++)
		if (!resv[i] || !defv[i] || !defv[i]->starth)
			return EINVAL;

	sv = mem_zalloc(n * sizeof(*sv), NULL);
	if (!sv)
		return ENOMEM;

	for (size_t i = 0; i < n && !err; i++)
		err = scen_start(&sv[i], resv[i], defv[i], opts, &running);

	if (!err)
		exchange(sv, n, &running);

	for (size_t i = 0; i < n; i++)
		scen_end(&sv[i], resv[i], !err);
	mem_deref(sv);
	/* set-up worked; what the target did is in the results */
	return err;
}

/** Run the scenario def against the target and judge it into res; an
 *  error only when it could not be set up */
int scenario_run(struct scen_result *res, const struct scen_def *def,
		 const struct scen_opts *opts)
{
	return scenario_run_set(&res, &def, 1, opts);
}
