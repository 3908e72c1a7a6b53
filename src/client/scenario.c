/**
 * @file scenario.c  The scenarios: drive the UAC, record, then judge
 *
 * Each scenario gets its own sockets and its own trace, so a stray
 * retransmission of one cannot be blamed on the next.  A watchdog ends a
 * scenario at --timeout whatever the target does; then the trace is
 * judged.  SIGINT/SIGTERM end the current scenario the same way, so the
 * report of what was seen is never lost.
 */
#include <config.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"
#include "trace/trace.h"
#include "judge/judge.h"
#include "client/uac.h"
#include "result/run.h"
#include "client/wire.h"
#include "report/report.h"
#include "client/scenario.h"

enum kind { SC_CALL, SC_CANCEL, SC_OPTIONS, SC_NOACK, SC_AUTH };

const struct scen_def scen_defs[] = {
	{"call", "INVITE, answer, ACK, BYE",
	 "INVITE with an SDP offer (none with --no-sdp), PRACK reliable\n"
	 "provisionals, ACK every 2xx (forks and retransmissions too), hold\n"
	 "for 2*T1, BYE every dialog, then watch 4*T1 for stray or late\n"
	 "messages.  Non-2xx finals are ACKed in the transaction.", false},
	{"cancel", "CANCEL after the first provisional",
	 "INVITE, CANCEL on the first provisional from the UAS (or 2*T1\n"
	 "after a lone 100); expects 200 to the CANCEL and 487 to the\n"
	 "INVITE.  A 2xx that wins the race is ACKed and the dialog ended\n"
	 "with BYE.", false},
	{"options", "OPTIONS ping: the health-check pattern",
	 "OPTIONS outside a dialog.  200 means alive; 503 alive but not\n"
	 "serving (reported as a note, judged like any other response).",
	 false},
	{"no-ack", "withhold the ACK, measure retransmissions",
	 "INVITE, then no ACK (and no PRACK) for the final response until\n"
	 "--timeout is nearly over: the target's retransmissions of its\n"
	 "2xx (13.3.1.4) or non-2xx over UDP (Timer G, 17.2.1) are timed\n"
	 "against T1/T2.  Then ACK, and BYE a 2xx dialog.", false},
	{"auth", "INVITE answered with digest credentials",
	 "Like call, but expects a 401/407 challenge, answered once with\n"
	 "--user/--password (RFC 3261 22.2).  Needs credentials.", true},
};

const size_t scen_def_count = ARRAY_SIZE(scen_defs);

const struct scen_def *scenario_find(const char *name)
{
	for (size_t i = 0; i < scen_def_count; i++)
		if (!strcmp(scen_defs[i].name, name))
			return &scen_defs[i];
	return NULL;
}

struct scen {
	enum kind kind;
	const struct scen_opts *o;
	struct scen_result *res;
	struct uac *uac;
	struct tmr tmr_watchdog;
	struct tmr tmr_step;
	struct tmr tmr_cancel;     /**< CANCEL after a lone 100         */
	struct uac_ctrans *inv;
	struct uac_ctrans *cancel;
	unsigned auth_tries;
	unsigned byes;
	bool got_final;
	bool lingering;
	bool done;
	int close_err;
	bool closed;
	struct mbuf *notes;
};

static volatile sig_atomic_t interrupted;
static struct scen *current;

bool scenario_interrupted(void)
{
	return interrupted != 0;
}

static void note(struct scen *s, const char *fmt, ...)
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

static void finish(struct scen *s)
{
	if (s->done)
		return;
	s->done = true;
	tmr_cancel(&s->tmr_step);
	tmr_cancel(&s->tmr_cancel);
	tmr_cancel(&s->tmr_watchdog);
	re_cancel();
}

static void step_done(void *arg)
{
	finish(arg);
}

/* The protocol part is over: watch a while longer for late
 * retransmissions and strays, then end */
static void linger(struct scen *s)
{
	uint32_t ms = 4 * s->o->uac.t1_ms;

	if (s->lingering)
		return;
	s->lingering = true;
	tmr_start(&s->tmr_step, ms, step_done, s);
}

static void send_byes(void *arg)
{
	struct scen *s = arg;

	s->byes = uac_bye_all(s->uac);
	if (!s->byes)
		linger(s);
}

static void end_no_ack_window(void *arg)
{
	struct scen *s = arg;

	uac_ack_pending(s->uac);
	send_byes(s);
}

static void on_invite_final(struct scen *s, const struct jmsg *jm)
{
	const uint16_t sc = jm->d.scode;

	if ((sc == 401 || sc == 407) && uac_has_credentials(s->uac) &&
	    s->auth_tries == 0) {
		s->auth_tries++;
		if (uac_invite(s->uac, &s->inv, jm) == 0)
			return;
		note(s, "could not answer the %u challenge", sc);
	}

	if (s->kind == SC_AUTH && s->auth_tries == 0 && sc != 401 &&
	    sc != 407)
		note(s, "the target did not challenge the INVITE");
	if (s->kind == SC_CANCEL && !s->cancel)
		note(s, "a final response came before any provisional: "
		     "nothing to cancel");

	s->got_final = true;

	if (s->kind == SC_NOACK) {
		uint64_t spare = 6 * (uint64_t)s->o->uac.t1_ms;
		uint64_t now = jm->t_us / 1000, end, rest;

		/* the window ends early enough for ACK, BYE and the linger
		 * before the watchdog */
		end = s->o->timeout_ms > spare ? s->o->timeout_ms - spare
			: s->o->timeout_ms / 2;
		rest = end > now ? end - now : 0;
		tmr_start(&s->tmr_step, rest, end_no_ack_window, s);
		return;
	}

	if (sc < 300)
		tmr_start(&s->tmr_step, 2 * s->o->uac.t1_ms, send_byes, s);
	else if (!s->cancel || uac_ctrans_final(s->cancel))
		linger(s);
}

static void send_cancel(struct scen *s)
{
	tmr_cancel(&s->tmr_cancel);
	if (s->cancel || s->got_final || !s->inv)
		return;
	if (uac_cancel(s->uac, s->inv, &s->cancel))
		note(s, "could not send the CANCEL");
}

static void cancel_timer(void *arg)
{
	send_cancel(arg);
}

static void resp_handler(struct uac_ctrans *ct, const struct jmsg *jm,
			 void *arg)
{
	struct scen *s = arg;
	const char *met = uac_ctrans_method(ct);

	if (s->done)
		return;

	if (!strcmp(met, "INVITE") && ct == s->inv) {
		if (jm->d.scode < 200) {
			if (s->kind != SC_CANCEL || s->cancel)
				return;
			/* Cancel a ringing call, as a caller hanging up does:
			 * on the first provisional from the UAS, or 2*T1
			 * after a 100 if nothing else comes (9.1 asks only
			 * for some provisional) */
			if (jm->d.scode > 100)
				send_cancel(s);
			else if (!tmr_isrunning(&s->tmr_cancel))
				tmr_start(&s->tmr_cancel,
					  2 * s->o->uac.t1_ms, cancel_timer,
					  s);
			return;
		}
		if (s->got_final)
			return;
		on_invite_final(s, jm);
		return;
	}

	if (!strcmp(met, "CANCEL")) {
		if (jm->d.scode >= 200 && s->got_final && !s->byes &&
		    !tmr_isrunning(&s->tmr_step))
			linger(s);
		return;
	}

	if (!strcmp(met, "OPTIONS") && jm->d.scode >= 200) {
		s->got_final = true;
		if (jm->d.scode == 200)
			note(s, "200: alive");
		else if (jm->d.scode == 503)
			note(s, "503: alive but not serving");
		else
			note(s, "%u to OPTIONS", jm->d.scode);
		linger(s);
		return;
	}

	if (!strcmp(met, "BYE") && jm->d.scode >= 200) {
		if (s->byes && --s->byes == 0)
			linger(s);
	}
}

static void timeout_handler(struct uac_ctrans *ct, void *arg)
{
	struct scen *s = arg;
	const char *met = uac_ctrans_method(ct);

	note(s, "no final response to %s within 64*T1", met);

	if (!strcmp(met, "BYE")) {
		if (s->byes && --s->byes == 0)
			linger(s);
		return;
	}
	if (ct == s->inv || !strcmp(met, "OPTIONS"))
		finish(s);
}

static void req_handler(const struct jmsg *jm, void *arg)
{
	struct scen *s = arg;

	note(s, "the target sent %r", &jm->d.method);
}

static void close_handler(int err, void *arg)
{
	struct scen *s = arg;

	s->closed = true;
	s->close_err = err;
	if (err)
		note(s, "connection closed: %m", err);
	/* nothing more can come: judge what there is */
	if (!s->lingering)
		tmr_start(&s->tmr_step, 0, step_done, s);
}

static void watchdog(void *arg)
{
	struct scen *s = arg;

	note(s, "scenario ended by --timeout after %u ms", s->o->timeout_ms);
	finish(s);
}

static void signal_handler(int sig)
{
	interrupted = 1;
	if (current) {
		note(current, "interrupted by signal %d", sig);
		finish(current);
	}
	else {
		re_cancel();
	}
}

static void print_ev(const struct trace_ev *ev, void *arg)
{
	struct pl line;
	const char *p = (const char *)ev->data;
	size_t n = 0;

	(void)arg;

	if (ev->kind == TRACE_SEG)
		return;

	while (n < ev->len && p[n] != '\r' && p[n] != '\n')
		n++;
	line.p = p;
	line.l = n;

	if (ev->kind == TRACE_NOTE) {
		fprintf(stderr, "%9.3f  ..  ", (double)ev->t_us / 1000.0);
	}
	else {
		re_fprintf(stderr, "%9.3f  %s %s %J  ",
			   (double)ev->t_us / 1000.0,
			   ev->dir == TRACE_OUT ? "->" : "<-",
			   ev->tp == SIP_TRANSP_TCP ? "TCP" : "UDP",
			   &ev->peer);
	}
	report_quote(stderr, line, 120);
	fputc('\n', stderr);
}

void scen_result_reset(struct scen_result *res)
{
	verdict_reset(&res->verdict);
	res->trace = mem_deref(res->trace);
	res->error = mem_deref(res->error);
	res->note = mem_deref(res->note);
}

static int start(struct scen *s)
{
	switch (s->kind) {

	case SC_OPTIONS:
		return uac_options(s->uac, NULL);

	default:
		return uac_invite(s->uac, &s->inv, NULL);
	}
}

int scenario_run(struct scen_result *res, const struct scen_def *def,
		 const struct scen_opts *opts)
{
	struct uac_cfg ucfg = opts->uac;
	struct scen s;
	uint64_t t0;
	int err;

	if (!res || !def || !opts)
		return EINVAL;

	memset(&s, 0, sizeof(s));
	verdict_init(&res->verdict);
	res->name = def->name;
	res->summary = def->summary;

	s.kind = (enum kind)(def - scen_defs);
	s.o = opts;
	s.res = res;
	tmr_init(&s.tmr_watchdog);
	tmr_init(&s.tmr_step);
	tmr_init(&s.tmr_cancel);

	if (s.kind == SC_NOACK)
		ucfg.withhold_ack = true;

	err = trace_alloc(&res->trace);
	if (err)
		return err;
	if (opts->verbose) {
		res->trace->obsh = print_ev;
		fprintf(stderr, "--- scenario %s\n", def->name);
	}

	t0 = wire_clock_us();
	err = uac_alloc(&s.uac, res->trace, &ucfg, resp_handler,
			timeout_handler, req_handler, close_handler, &s);
	if (err) {
		re_sdprintf(&res->error, "cannot open the %s socket: %m",
			    ucfg.tp == SIP_TRANSP_TCP ? "TCP" : "UDP", err);
		return err;
	}

	err = start(&s);
	if (err) {
		re_sdprintf(&res->error, "cannot send to the target: %m", err);
		goto judge;
	}

	tmr_start(&s.tmr_watchdog, opts->timeout_ms, watchdog, &s);
	current = &s;
	if (!interrupted)
		re_main(signal_handler);
	current = NULL;

 judge:
	uac_finish(s.uac);
	tmr_cancel(&s.tmr_watchdog);
	tmr_cancel(&s.tmr_step);
	tmr_cancel(&s.tmr_cancel);
	res->duration_us = wire_clock_us() - t0;

	if (s.notes) {
		s.notes->pos = 0;
		mbuf_strdup(s.notes, &res->note, s.notes->end);
	}

	err = judge_trace(&res->verdict, res->trace, &opts->judge,
			  &res->timings);
	if (err) {
		re_sdprintf(&res->error, "judging failed: %m", err);
		goto out;
	}

	/* A scenario whose request never got a final response did not run
	 * to its end: what came is judged and reported, but a clean sheet
	 * would claim more than was seen (exit 3 unless a MUST broke). */
	res->judged = res->timings.rx_msgs > 0 && s.got_final;
	if (!res->judged && !res->error && res->timings.rx_msgs > 0) {
		const char *met = s.kind == SC_OPTIONS ? "OPTIONS" : "INVITE";

		if (s.closed)
			re_sdprintf(&res->error, "the connection closed before "
				    "a final response to %s", met);
		else if (interrupted)
			re_sdprintf(&res->error, "interrupted before a final "
				    "response to %s", met);
		else
			re_sdprintf(&res->error, "no final response to %s "
				    "within %u ms", met, opts->timeout_ms);
	}
	else if (!res->judged && !res->error) {
		if (s.closed && s.close_err)
			re_sdprintf(&res->error, "no response: %m",
				    s.close_err);
		else if (interrupted)
			re_sdprintf(&res->error, "interrupted before any "
				    "response");
		else
			re_sdprintf(&res->error, "no response from the target "
				    "within %u ms", opts->timeout_ms);
	}

 out:
	mem_deref(s.uac);
	mem_deref(s.notes);
	/* set-up worked; what the target did is in the result */
	return 0;
}
