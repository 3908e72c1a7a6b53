/**
 * @file runbuild.h  Canned runs for the report tests: real traces, judged
 *
 *   call     INVITE, 100, 180, 200 with SDP, ACK: passes
 *   warn     the 200 lacks Allow and Supported: passes with a warning
 *   busy     a 486 whose Reason-Phrase holds NUL, ESC, bytes that are not
 *            UTF-8, quotes, < and &, a C1 control and U+FFFF: fails
 *   refused  INVITE, ICMP port unreachable (a note), no answer at all:
 *            not judged; it carries a note with bytes to escape
 *
 * Runs: "pass" (call, warn), "fail" (call, busy), "nojudge" (call,
 * refused), "all" (the four).  Needs <re.h>, "statusline.h", "message.h",
 * "rules.h", "trace.h", "judge.h", "run.h" and tracebuild.h first.
 */

/* A target as a user might type it, with what XML and TAP must escape */
#define RB_TARGET "sip:service@127.0.0.1:5060;x=\"a<b>&c#d\""
#define RB_STARTED 1714564800      /* 2024-05-01 12:00:00 UTC */

/* The reason phrase the busy scenario sends, every byte on purpose */
#define RB_HOSTILE \
	"Busy \x00\x1b[31m \xff\xc0\x80 \"q\" <&> \xc2\x9b \xef\xbf\xbf " \
	"\\ # end"

static inline struct trace *rb_call(bool allow)
{
	struct trace *t = NULL;

	trace_alloc(&t);
	tb_out(t, 0, TB_INVITE);
	tb_in(t, 5, TB_RES("100 Trying", "") "\n");
	tb_in(t, 40, TB_RES("180 Ringing", ";tag=uas1")
	      "Contact: <sip:service@127.0.0.1:5060>\n\n");
	if (allow)
		tb_in(t, 1040, TB_RES("200 OK", ";tag=uas1")
		      "Contact: <sip:service@127.0.0.1:5060>\n"
		      "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\n"
		      "Supported: 100rel\n"
		      "Content-Type: application/sdp\n\n" TB_SDP);
	else
		tb_in(t, 1040, TB_RES("200 OK", ";tag=uas1")
		      "Contact: <sip:service@127.0.0.1:5060>\n"
		      "Content-Type: application/sdp\n\n" TB_SDP);
	tb_out(t, 1041, TB_ACK(";tag=uas1"));
	t->end_us = 1100 * 1000;
	return t;
}

static inline struct trace *rb_busy(void)
{
	static const char sl[] = "SIP/2.0 486 " RB_HOSTILE "\r\n";
	struct trace *t = NULL;
	struct mbuf *mb = mbuf_alloc(512);
	uint8_t *rest;
	size_t len;

	trace_alloc(&t);
	tb_out(t, 0, TB_INVITE);
	tb_in(t, 3, TB_RES("100 Trying", "") "\n");

	rest = tb_crlf(TB_VIA TB_FROM "To: <sip:service@127.0.0.1:5060>"
		       ";tag=uas2\n" TB_CALLID "CSeq: 1 INVITE\n\n", &len);
	mbuf_write_mem(mb, (const uint8_t *)sl, sizeof(sl) - 1);
	mbuf_write_mem(mb, rest, len);
	tb_bytes(t, TRACE_IN, 250, mb->buf, mb->end);
	tb_out(t, 251, TB_ACK(";tag=uas2"));
	t->end_us = 300 * 1000;

	mem_deref(rest);
	mem_deref(mb);
	return t;
}

/* Refused at once: no response, and too short for any timer rule */
static inline struct trace *rb_refused(void)
{
	struct trace *t = NULL;

	trace_alloc(&t);
	tb_out(t, 0, TB_INVITE);
	trace_note(t, 1000, "ICMP port unreachable from %s", TB_PEER);
	t->end_us = 2000;
	return t;
}

static inline void rb_scen(struct scen_result *s, const char *name,
			   const char *summary, struct trace *t)
{
	s->name = name;
	s->summary = summary;
	s->trace = t;
	verdict_init(&s->verdict);
	judge_trace(&s->verdict, t, NULL, &s->timings);
	s->duration_us = t->end_us;
	s->judged = s->timings.rx_msgs > 0;
	if (!s->judged)
		str_dup(&s->error, "no response: Connection refused");
}

static void rb_destructor(void *arg)
{
	struct run_result *r = arg;

	for (size_t i = 0; i < r->scenc; i++) {
		/* findings quote the trace: they go first */
		verdict_reset(&r->scenv[i].verdict);
		mem_deref(r->scenv[i].trace);
		mem_deref(r->scenv[i].error);
		mem_deref(r->scenv[i].note);
	}
	mem_deref(r->scenv);
	mem_deref(r->target);
}

/* A canned run by name, NULL for an unknown one; mem_deref() it */
static inline struct run_result *rb_run(const char *kind)
{
	bool call = true, warn = false, busy = false, refused = false;
	struct run_result *r;

	if (!strcmp(kind, "pass"))
		warn = true;
	else if (!strcmp(kind, "fail"))
		busy = true;
	else if (!strcmp(kind, "nojudge"))
		refused = true;
	else if (!strcmp(kind, "all"))
		warn = busy = refused = true;
	else
		return NULL;

	r = mem_zalloc(sizeof(*r), rb_destructor);
	r->scenv = mem_zalloc(4 * sizeof(*r->scenv), NULL);
	str_dup(&r->target, RB_TARGET);
	r->tp = SIP_TRANSP_UDP;
	sa_decode(&r->peer, TB_PEER, strlen(TB_PEER));
	sa_decode(&r->local, TB_LOCAL, strlen(TB_LOCAL));
	r->t1_ms = 500;
	r->started_unix = RB_STARTED;

	if (call)
		rb_scen(&r->scenv[r->scenc++], "call",
			"INVITE answered with 180 and 200, then ACK",
			rb_call(true));
	if (warn)
		rb_scen(&r->scenv[r->scenc++], "warn",
			"INVITE answered by a 200 without Allow and Supported",
			rb_call(false));
	if (busy)
		rb_scen(&r->scenv[r->scenc++], "busy",
			"INVITE refused with a hostile Reason-Phrase",
			rb_busy());
	if (refused) {
		rb_scen(&r->scenv[r->scenc], "refused",
			"INVITE to a port nobody listens on", rb_refused());
		str_dup(&r->scenv[r->scenc++].note, "the target's host "
			"answers, no SIP <server> there & \x1b[0m");
	}

	return r;
}
