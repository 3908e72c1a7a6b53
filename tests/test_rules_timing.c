/**
 * @file test_rules_timing.c  timing.*, order.*, cancel.* and noninvite.*
 *                            on the traces issue 8 names: legal senders
 *                            the judge used to fail, and the new rules
 *
 * Each row is a trace and the exact number of findings of the rules
 * below (all others of the list must stay silent), the rules that must
 * have been applied, and optionally a piece of the first finding's
 * detail.  A step may name the peer it went to or came from (the ACK of
 * a 2xx sent to its Contact, elsewhere).
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"
#include "trace/trace.h"
#include "judge/judge.h"
#include "testutil.h"
#include "tracebuild.h"

static const enum rule_id family[] = {
	R_ORDER_ONE_FINAL, R_ORDER_NO_1XX_AFTER_FINAL,
	R_ORDER_RETRANSMIT_SAME, R_ORDER_AFTER_ACK,
	R_TIME_100_TRYING, R_TIME_1XX_MINUTE, R_TIME_2XX_RETRANSMIT,
	R_TIME_NON2XX_RETRANSMIT, R_TIME_NO_NON2XX_RETRANSMIT_TCP,
	R_TIME_2XX_GIVE_UP, R_TIME_TIMER_H,
	R_CANCEL_200, R_CANCEL_487, R_CANCEL_TO_TAG, R_CANCEL_NO_CHALLENGE,
	R_NONINVITE_PROVISIONAL, R_NONINVITE_EARLY_100, R_NONINVITE_NO_408,
	R_BYE_2XX,
};

#define TAG1     ";tag=uas1"
#define TAG2     ";tag=uas2"
#define CONTACT  "Contact: <sip:service@127.0.0.1:5060>\n"
/* a UAS behind a proxy: its Contact is not where responses come from */
#define CONTACT2 "Contact: <sip:other@127.0.0.1:5062>\n"
#define CAPS     "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\n" \
	"Supported: 100rel\n"
#define SDPBODY  "Content-Type: application/sdp\n\n" TB_SDP
#define CHALLENGE "WWW-Authenticate: Digest realm=\"t\", nonce=\"n\"\n"

#define R100        TB_RES("100 Trying", "") "\n"
#define R180(tag)   TB_RES("180 Ringing", tag) CONTACT "\n"
#define R180B(tag)  TB_RES("180 Ringing", tag) CONTACT2 "\n"
#define R200(tag)   TB_RES("200 OK", tag) CONTACT CAPS SDPBODY
#define R200B(tag)  TB_RES("200 OK", tag) CONTACT2 CAPS SDPBODY
#define R401(tag)   TB_RES("401 Unauthorized", tag) CHALLENGE "\n"
#define R486(tag)   TB_RES("486 Busy Here", tag) "\n"
#define R487(tag)   TB_RES("487 Request Terminated", tag) "\n"
#define ACK2(tag)   TB_ACK(tag)
#define ACKN(tag)   TB_ACK_NON2XX(tag)
#define OPT200      TB_OPT_RES("200 OK", ";tag=o1") CAPS \
	"Accept: application/sdp\nAccept-Encoding: identity\n" \
	"Accept-Language: en\n\n"
#define CANCEL200(tag) TB_CANCEL_RES("200 OK", tag) "\n"

#define ELSEWHERE "127.0.0.1:5062"

/* The normal call: 100, 180 with tag and Contact, 200 with SDP, ACK */
#define CALL								\
	OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),		\
	IN(1040, R200(TAG1)), OUT(1041, ACK2(TAG1))
#define BYE_RES(status) TB_BYE_RES(status, TAG1) "\n"
/* the target ends the dialog itself */
#define TARGET_BYE							\
	"BYE sip:sipconform@127.0.0.1:5070 SIP/2.0\n"			\
	"Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-target\n"	\
	"Max-Forwards: 70\n"						\
	"From: <sip:service@127.0.0.1:5060>" TAG1 "\n"			\
	"To: <sip:sipconform@127.0.0.1>;tag=ftag1\n" TB_CALLID		\
	"CSeq: 7 BYE\n\n"

struct step {
	bool in;
	uint32_t ms;
	const char *text;
	const char *peer;       /**< NULL: TB_PEER                       */
	unsigned n;             /**< transmissions (0: 1)                */
	uint32_t gap, cap;      /**< first gap, doubling up to cap (ms)  */
};

#define OUT(ms, text) {false, (ms), (text), NULL, 0, 0, 0}
#define IN(ms, text)  {true, (ms), (text), NULL, 0, 0, 0}
#define OUT_TO(ms, text, peer) {false, (ms), (text), (peer), 0, 0, 0}
#define RETX(ms, text, n, gap, cap) \
	{true, (ms), (text), NULL, (n), (gap), (cap)}
#define SCHED(ms, text, n) RETX(ms, text, n, SIP_T1, SIP_T2)

struct expect {
	bool set;
	enum rule_id rule;
	unsigned n;
};

#define E(r, n) {true, (r), (n)}
#define A(r)    {true, (r), 0}

struct tcase {
	const char *name;
	struct step steps[20];
	uint32_t end_ms;
	bool tcp;
	struct expect broken[4];
	struct expect applied[6];
	const char *detail;         /**< in the first finding of broken[0] */
};

static const struct tcase cases[] = {
	/* ---- timing.100-trying: from the target's receipt ---- */
	{"first INVITE lost: 100 20 ms after the retransmission",
	 {OUT(0, TB_INVITE), OUT(500, TB_INVITE), IN(520, R100),
	  IN(1000, R200(TAG1)), OUT(1001, ACK2(TAG1))}, 1100, false,
	 {{0}}, {A(R_TIME_100_TRYING)}, NULL},
	{"long path: OPTIONS answered in 300 ms, 100 after 350 ms",
	 {OUT(0, TB_OPTIONS), IN(300, OPT200),
	  OUT(400, TB_INVITE), IN(750, R100), IN(1500, R200(TAG1)),
	  OUT(1501, ACK2(TAG1))}, 1600, false,
	 {{0}}, {A(R_TIME_100_TRYING)}, NULL},
	{"first response after 250 ms, no round trip known",
	 {OUT(0, TB_INVITE), IN(250, R180(TAG1)), IN(1040, R200(TAG1)),
	  OUT(1041, ACK2(TAG1))}, 1100, false,
	 {E(R_TIME_100_TRYING, 1)}, {{0}}, "250 ms after the INVITE "
	 "(message 0), no round trip known"},
	{"OPTIONS answered in 20 ms, 100 after 300 ms",
	 {OUT(0, TB_OPTIONS), IN(20, OPT200),
	  OUT(100, TB_INVITE), IN(400, R100), IN(1000, R200(TAG1)),
	  OUT(1001, ACK2(TAG1))}, 1100, false,
	 {E(R_TIME_100_TRYING, 1)}, {{0}},
	 "less the 20 ms round trip of the OPTIONS (message 0): 280 ms at "
	 "the target"},

	/* ---- timing.1xx-every-minute: only beyond 3 minutes ---- */
	{"65 s without a provisional, answered after 115 s",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(50000, R180(TAG1)), IN(115000, R200(TAG1)),
	  OUT(115001, ACK2(TAG1))}, 115100, false, {{0}}, {{0}}, NULL},
	{"reliable 183s every 150 s, answered after 200 s",
	 {OUT(0, TB_INVITE_100REL), IN(5, R100),
	  IN(40, TB_RES("183 Session Progress", TAG1) CONTACT
	     "Require: 100rel\nRSeq: 1\n\n"),
	  IN(150000, TB_RES("183 Session Progress", TAG1) CONTACT
	     "Require: 100rel\nRSeq: 2\n\n"),
	  IN(200000, R200(TAG1)), OUT(200001, ACK2(TAG1))}, 200100, false,
	 {E(R_TIME_1XX_MINUTE, 1)}, {{0}}, "149 s without a provisional"},

	/* ---- order.one-final: a proxy forwards a later 2xx (16.7) ---- */
	{"2xx of another fork after a 486",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(200, R200B(TAG2)),
	  OUT(201, ACK2(TAG2))}, 300, false,
	 {{0}}, {A(R_ORDER_ONE_FINAL)}, NULL},
	{"2xx with the 486's tag",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(200, R200(TAG1)),
	  OUT(201, ACK2(TAG1))}, 300, false,
	 {E(R_ORDER_ONE_FINAL, 1)}, {{0}}, "200 after 486"},

	/* ---- order.after-ack: only an ACK that reached the sender ---- */
	{"ACK of the 2xx went to its Contact elsewhere",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(1040, R200(TAG1)), OUT_TO(1041, ACK2(TAG1), ELSEWHERE),
	  IN(1540, R200(TAG1)), OUT_TO(1541, ACK2(TAG1), ELSEWHERE),
	  IN(2540, R200(TAG1)), OUT_TO(2541, ACK2(TAG1), ELSEWHERE)},
	 3000, false, {{0}}, {A(R_TIME_2XX_RETRANSMIT)}, NULL},
	{"ACK of the 2xx went to its sender",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(1040, R200(TAG1)), OUT(1041, ACK2(TAG1)),
	  IN(3000, R200(TAG1)), OUT(3001, ACK2(TAG1))}, 3100, false,
	 {E(R_ORDER_AFTER_ACK, 1)}, {{0}}, NULL},

	/* ---- cancel.* ---- */
	{"CANCEL: 486 won the race, then 200 to CANCEL",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL), IN(1001, R486(TAG1)),
	  OUT(1002, ACKN(TAG1)), IN(1003, CANCEL200(TAG1))}, 1100, false,
	 {{0}}, {A(R_CANCEL_487), A(R_CANCEL_200)}, NULL},
	{"proxy's own tag on the 200 to CANCEL, UAS behind it",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180B(TAG1)),
	  OUT(1000, TB_CANCEL), IN(1002, CANCEL200(";tag=proxy")),
	  IN(1003, R487(TAG1)), OUT(1004, ACKN(TAG1))}, 1100, false,
	 {{0}}, {A(R_CANCEL_200), A(R_CANCEL_487)}, NULL},
	{"UAS's 200 to CANCEL with another tag",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL), IN(1002, CANCEL200(";tag=cancel")),
	  IN(1003, R487(TAG1)), OUT(1004, ACKN(TAG1))}, 1100, false,
	 {E(R_CANCEL_TO_TAG, 1)}, {{0}}, "from the UAS itself"},
	{"CANCEL challenged",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL),
	  IN(1002, TB_CANCEL_RES("401 Unauthorized", TAG1) CHALLENGE "\n"),
	  IN(1500, R200(TAG1)), OUT(1501, ACK2(TAG1))}, 1600, false,
	 {E(R_CANCEL_NO_CHALLENGE, 1), E(R_CANCEL_200, 1)}, {{0}},
	 "401 to a CANCEL"},

	/* ---- a stateless UAS (8.2.7) ---- */
	{"stateless 401 over UDP, sent once",
	 {OUT(0, TB_INVITE), IN(5, R401(TAG1))}, 40000, false,
	 {{0}}, {{0}}, NULL},
	{"stateless 401 again for each INVITE transmission",
	 {OUT(0, TB_INVITE), OUT(500, TB_INVITE), IN(505, R401(TAG1)),
	  OUT(1500, TB_INVITE), IN(1505, R401(TAG1))}, 40000, false,
	 {{0}}, {{0}}, NULL},
	{"stateful 486 (after a 100) sent once",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R486(TAG1))}, 40000,
	 false, {E(R_TIME_NON2XX_RETRANSMIT, 1)}, {{0}}, NULL},

	/* ---- 64*T1, larger T1, reliable transports ---- */
	{"2xx on a larger T1 (1 s), doubling, ACKed",
	 {OUT(0, TB_INVITE), IN(5, R100),
	  RETX(1000, R200(TAG1), 5, 1000, 4000), OUT(12000, ACK2(TAG1))},
	 13000, false, {{0}}, {A(R_TIME_2XX_RETRANSMIT)}, NULL},
	{"2xx on a larger T1 (1 s), not doubling",
	 {OUT(0, TB_INVITE), IN(5, R100),
	  RETX(1000, R200(TAG1), 4, 1000, 1000), OUT(4500, ACK2(TAG1))},
	 5000, false, {E(R_TIME_2XX_RETRANSMIT, 1)}, {{0}},
	 "expected 2000 ms (T1 1000 ms)"},
	{"2xx retransmitted past 64*T1: a SHOULD",
	 {OUT(0, TB_INVITE), IN(5, R100), SCHED(1000, R200(TAG1), 13)},
	 45000, false, {E(R_TIME_2XX_GIVE_UP, 1)}, {{0}}, "past 64*T1"},
	{"486 retransmitted past 64*T1: Timer H",
	 {OUT(0, TB_INVITE), IN(5, R100), SCHED(1000, R486(TAG1), 12)},
	 45000, false, {E(R_TIME_TIMER_H, 1)}, {{0}}, NULL},
	{"2xx and its retransmission in one TCP read: queued, not early",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R200(TAG1)),
	  IN(1000, R200(TAG1)), OUT(1001, ACK2(TAG1))}, 3000, true,
	 {{0}}, {A(R_TIME_2XX_RETRANSMIT)}, NULL},
	{"2xx and its retransmission at once over UDP: too early",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R200(TAG1)),
	  IN(1000, R200(TAG1)), OUT(1001, ACK2(TAG1))}, 3000, false,
	 {E(R_TIME_2XX_RETRANSMIT, 1)}, {{0}}, "came 0 ms"},
	{"486 over TCP sent twice",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R486(TAG1)),
	  IN(1500, R486(TAG1))}, 3000, true,
	 {E(R_TIME_NO_NON2XX_RETRANSMIT_TCP, 1)}, {{0}}, "over TCP"},
	{"486 over TCP sent once",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R486(TAG1)),
	  OUT(1001, ACKN(TAG1))}, 3000, true, {{0}},
	 {A(R_TIME_NO_NON2XX_RETRANSMIT_TCP)}, NULL},

	/* ---- bye.2xx (RFC 3261 15.1.2) ---- */
	{"BYE answered 200",
	 {CALL, OUT(2000, TB_BYE(TAG1)), IN(2010, BYE_RES("200 OK"))},
	 2100, false, {{0}}, {A(R_BYE_2XX)}, NULL},
	{"BYE of the confirmed dialog answered 481",
	 {CALL, OUT(2000, TB_BYE(TAG1)),
	  IN(2010, BYE_RES("481 Call/Transaction Does Not Exist"))},
	 2100, false, {E(R_BYE_2XX, 1)}, {{0}}, "481 to a BYE"},
	{"BYE challenged (407)",
	 {CALL, OUT(2000, TB_BYE(TAG1)),
	  IN(2010, TB_BYE_RES("407 Proxy Authentication Required", TAG1)
	     "Proxy-Authenticate: Digest realm=\"t\", nonce=\"n\"\n\n")},
	 2100, false, {{0}}, {A(R_BYE_2XX)}, NULL},
	{"BYE after the target's own BYE: 481",
	 {CALL, IN(1900, TARGET_BYE), OUT(2000, TB_BYE(TAG1)),
	  IN(2010, BYE_RES("481 Call/Transaction Does Not Exist"))},
	 2100, false, {{0}}, {{0}}, NULL},
	{"BYE of a dialog never confirmed (no ACK): 481",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(1040, R200(TAG1)),
	  OUT(2000, TB_BYE(TAG1)),
	  IN(2010, BYE_RES("481 Call/Transaction Does Not Exist"))},
	 2100, false, {E(R_TIME_2XX_RETRANSMIT, 1)}, {{0}}, NULL},

	/* ---- noninvite.no-408 (RFC 4320 4.2) ---- */
	{"408 to OPTIONS",
	 {OUT(0, TB_OPTIONS),
	  IN(30000, TB_OPT_RES("408 Request Timeout", ";tag=o1") "\n")},
	 31000, false, {E(R_NONINVITE_NO_408, 1)}, {{0}}, "408 to OPTIONS"},
	{"200 to OPTIONS",
	 {OUT(0, TB_OPTIONS), IN(10, OPT200)}, 100, false, {{0}},
	 {A(R_NONINVITE_NO_408)}, NULL},
};

struct ev {
	const struct step *s;
	uint32_t ms;
};

static void add(struct trace *t, const struct ev *e, bool tcp)
{
	struct sa local, peer;
	const char *ps = e->s->peer ? e->s->peer : TB_PEER;
	size_t len;
	uint8_t *p = tb_crlf(e->s->text, &len);

	sa_decode(&local, TB_LOCAL, strlen(TB_LOCAL));
	sa_decode(&peer, ps, strlen(ps));
	trace_add(t, TRACE_MSG, e->s->in ? TRACE_IN : TRACE_OUT,
		  tcp ? SIP_TRANSP_TCP : SIP_TRANSP_UDP, &local, &peer,
		  tcp ? 1 : 0, (uint64_t)e->ms * 1000, p, len, NULL);
	mem_deref(p);
}

/* Expand the retransmission schedules, order by time, record */
static struct trace *build(const struct tcase *tc)
{
	struct ev evs[128];
	struct trace *t = NULL;
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(tc->steps) && tc->steps[i].text;
	     i++) {
		const struct step *s = &tc->steps[i];
		uint32_t at = s->ms, gap = s->gap;

		for (unsigned k = 0; k < (s->n ? s->n : 1) &&
			     n < ARRAY_SIZE(evs); k++) {
			evs[n].s = s;
			evs[n++].ms = at;
			at += gap;
			gap = gap * 2 > s->cap ? s->cap : gap * 2;
		}
	}
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && evs[k - 1].ms > evs[k].ms; k--) {
			struct ev x = evs[k];

			evs[k] = evs[k - 1];
			evs[k - 1] = x;
		}

	trace_alloc(&t);
	for (size_t i = 0; i < n; i++)
		add(t, &evs[i], tc->tcp);
	t->end_us = (uint64_t)tc->end_ms * 1000;
	return t;
}

static unsigned expected(const struct tcase *tc, enum rule_id r)
{
	for (size_t i = 0; i < ARRAY_SIZE(tc->broken); i++)
		if (tc->broken[i].set && tc->broken[i].rule == r)
			return tc->broken[i].n;
	return 0;
}

static const struct finding *first_finding(const struct verdict *v,
					   enum rule_id r)
{
	struct le *le;

	LIST_FOREACH(&v->findings, le) {
		const struct finding *f = le->data;

		if (f->rule == r)
			return f;
	}
	return NULL;
}

static void dump(const struct verdict *v)
{
	struct le *le;

	LIST_FOREACH(&v->findings, le) {
		const struct finding *f = le->data;

		re_fprintf(stderr, "    %s msg %zu: %s\n",
			   rule_get(f->rule)->id, f->msg,
			   f->detail ? f->detail : "");
	}
}

static void run_case(const struct tcase *tc)
{
	struct trace *t = build(tc);
	struct verdict v;
	unsigned before = test_failed;
	int err;

	verdict_init(&v);
	err = judge_trace(&v, t, NULL, NULL);
	CHECK(err == 0, "%s: judge_trace: %m", tc->name, err);

	for (size_t i = 0; i < ARRAY_SIZE(family); i++) {
		enum rule_id r = family[i];
		unsigned want = expected(tc, r);

		CHECK(v.broken[r] == want, "%s: %s broken %u times, want %u",
		      tc->name, rule_get(r)->id, v.broken[r], want);
	}
	for (size_t i = 0; i < ARRAY_SIZE(tc->applied); i++) {
		enum rule_id r = tc->applied[i].rule;

		if (tc->applied[i].set)
			CHECK(v.applied[r], "%s: %s not applied", tc->name,
			      rule_get(r)->id);
	}
	if (tc->detail && tc->broken[0].set) {
		const struct finding *f = first_finding(&v,
							tc->broken[0].rule);

		CHECK(f && f->detail && strstr(f->detail, tc->detail),
		      "%s: detail '%s' not in '%s'", tc->name, tc->detail,
		      f && f->detail ? f->detail : "(none)");
	}
	if (test_failed != before)
		dump(&v);

	verdict_reset(&v);
	mem_deref(t);
}

/* The levels and sections the sentences give (issue 8) */
static void test_levels(void)
{
	static const struct {
		enum rule_id r;
		enum rule_level level;
		const char *section;
	} want[] = {
		{R_TIME_2XX_GIVE_UP, LEVEL_SHOULD, "13.3.1.4"},
		{R_TIME_TIMER_H, LEVEL_MUST, "17.2.1"},
		{R_TIME_NO_NON2XX_RETRANSMIT_TCP, LEVEL_SHOULD, "17.2.1"},
		{R_CANCEL_200, LEVEL_MUST, "16.10, 9.2"},
		{R_CANCEL_NO_CHALLENGE, LEVEL_MUST, "22.1"},
		{R_NONINVITE_NO_408, LEVEL_MUST, "4.2"},
		{R_BYE_2XX, LEVEL_MUST, "15.1.2"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		const struct rule *r = rule_get(want[i].r);

		CHECK(r->level == want[i].level &&
		      !strcmp(r->section, want[i].section),
		      "%s: %s %s", r->id, rule_level_str(r->level),
		      r->section);
	}
}

int main(void)
{
	libre_init();
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		run_case(&cases[i]);
	test_levels();
	libre_close();
	return test_summary("test_rules_timing");
}
