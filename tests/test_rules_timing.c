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
 *
 * The table runs in tracebuild.h (tb_run): the same runner for every
 * test_rules_*.c file.
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
	R_ORDER_1XX_AFTER_FINAL_REORDERED,
	R_ORDER_RETRANSMIT_SAME, R_ORDER_AFTER_ACK,
	R_TIME_100_TRYING, R_TIME_1XX_MINUTE, R_TIME_2XX_RETRANSMIT,
	R_TIME_NON2XX_RETRANSMIT, R_TIME_STATELESS_ANSWER,
	R_TIME_NO_NON2XX_RETRANSMIT_TCP,
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

static const struct tb_case cases[] = {
	/* ---- timing.100-trying: from the target's receipt ---- */
	{.name = "first INVITE lost: 100 20 ms after the retransmission",
	 .step = {OUT(0, TB_INVITE), OUT(500, TB_INVITE), IN(520, R100),
	  IN(1000, R200(TAG1)), OUT(1001, ACK2(TAG1))}, .end_ms = 1100,
	 .broken = {{0}}, .applied = {A(R_TIME_100_TRYING)}},
	{.name = "long path: OPTIONS answered in 300 ms, 100 after 350 ms",
	 .step = {OUT(0, TB_OPTIONS), IN(300, OPT200),
	  OUT(400, TB_INVITE), IN(750, R100), IN(1500, R200(TAG1)),
	  OUT(1501, ACK2(TAG1))}, .end_ms = 1600,
	 .broken = {{0}}, .applied = {A(R_TIME_100_TRYING)}},
	{.name = "first response after 250 ms, no round trip known",
	 .step = {OUT(0, TB_INVITE), IN(250, R180(TAG1)), IN(1040, R200(TAG1)),
	  OUT(1041, ACK2(TAG1))}, .end_ms = 1100,
	 .broken = {E(R_TIME_100_TRYING, 1)},
	 .detail = "250 ms after the INVITE "
	 "(message 0), no round trip known"},
	{.name = "OPTIONS answered in 20 ms, 100 after 300 ms",
	 .step = {OUT(0, TB_OPTIONS), IN(20, OPT200),
	  OUT(100, TB_INVITE), IN(400, R100), IN(1000, R200(TAG1)),
	  OUT(1001, ACK2(TAG1))}, .end_ms = 1100,
	 .broken = {E(R_TIME_100_TRYING, 1)},
	 .detail = "less the 20 ms round trip of the OPTIONS (message 0): "
	 "280 ms at the target"},

	/* ---- timing.1xx-every-minute: only beyond 3 minutes ---- */
	{.name = "65 s without a provisional, answered after 115 s",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(50000, R180(TAG1)), IN(115000, R200(TAG1)),
	  OUT(115001, ACK2(TAG1))}, .end_ms = 115100, .broken = {{0}}},
	{.name = "reliable 183s every 150 s, answered after 200 s",
	 .step = {OUT(0, TB_INVITE_100REL), IN(5, R100),
	  IN(40, TB_RES("183 Session Progress", TAG1) CONTACT
	     "Require: 100rel\nRSeq: 1\n\n"),
	  IN(150000, TB_RES("183 Session Progress", TAG1) CONTACT
	     "Require: 100rel\nRSeq: 2\n\n"),
	  IN(200000, R200(TAG1)), OUT(200001, ACK2(TAG1))}, .end_ms = 200100,
	 .broken = {E(R_TIME_1XX_MINUTE, 1)},
	 .detail = "149 s without a provisional"},

	/* ---- order.one-final: a proxy forwards a later 2xx (16.7) ---- */
	{.name = "2xx of another fork after a 486",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(200, R200B(TAG2)),
	  OUT(201, ACK2(TAG2))}, .end_ms = 300,
	 .broken = {{0}}, .applied = {A(R_ORDER_ONE_FINAL)}},
	{.name = "2xx with the 486's tag",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(200, R200(TAG1)),
	  OUT(201, ACK2(TAG1))}, .end_ms = 300,
	 .broken = {E(R_ORDER_ONE_FINAL, 1)}, .detail = "200 after 486"},

	/* ---- order.after-ack: only an ACK that reached the sender ---- */
	{.name = "ACK of the 2xx went to its Contact elsewhere",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(1040, R200(TAG1)), OUT_TO(1041, ACK2(TAG1), ELSEWHERE),
	  IN(1540, R200(TAG1)), OUT_TO(1541, ACK2(TAG1), ELSEWHERE),
	  IN(2540, R200(TAG1)), OUT_TO(2541, ACK2(TAG1), ELSEWHERE)},
	 .end_ms = 3000, .broken = {{0}},
	 .applied = {A(R_TIME_2XX_RETRANSMIT)}},
	{.name = "ACK of the 2xx went to its sender",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(1040, R200(TAG1)), OUT(1041, ACK2(TAG1)),
	  IN(3000, R200(TAG1)), OUT(3001, ACK2(TAG1))}, .end_ms = 3100,
	 .broken = {E(R_ORDER_AFTER_ACK, 1)}},

	/* ---- cancel.* ---- */
	{.name = "CANCEL: 486 won the race, then 200 to CANCEL",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL), IN(1001, R486(TAG1)),
	  OUT(1002, ACKN(TAG1)), IN(1003, CANCEL200(TAG1))}, .end_ms = 1100,
	 .broken = {{0}}, .applied = {A(R_CANCEL_487), A(R_CANCEL_200)}},
	{.name = "proxy's own tag on the 200 to CANCEL, UAS behind it",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180B(TAG1)),
	  OUT(1000, TB_CANCEL), IN(1002, CANCEL200(";tag=proxy")),
	  IN(1003, R487(TAG1)), OUT(1004, ACKN(TAG1))}, .end_ms = 1100,
	 .broken = {{0}}, .applied = {A(R_CANCEL_200), A(R_CANCEL_487)}},
	{.name = "UAS's 200 to CANCEL with another tag",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL), IN(1002, CANCEL200(";tag=cancel")),
	  IN(1003, R487(TAG1)), OUT(1004, ACKN(TAG1))}, .end_ms = 1100,
	 .broken = {E(R_CANCEL_TO_TAG, 1)}, .detail = "from the UAS itself"},
	{.name = "CANCEL challenged",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL),
	  IN(1002, TB_CANCEL_RES("401 Unauthorized", TAG1) CHALLENGE "\n"),
	  IN(1500, R200(TAG1)), OUT(1501, ACK2(TAG1))}, .end_ms = 1600,
	 .broken = {E(R_CANCEL_NO_CHALLENGE, 1), E(R_CANCEL_200, 1)},
	 .detail = "401 to a CANCEL"},

	/* ---- a stateless UAS (8.2.7) ---- */
	{.name = "stateless 401 over UDP, sent once: a note",
	 .step = {OUT(0, TB_INVITE), IN(5, R401(TAG1))}, .end_ms = 40000,
	 .broken = {E(R_TIME_STATELESS_ANSWER, 1)},
	 .detail = "401 without a provisional, sent once in 32000 ms without "
	 "an ACK: a stateless answer"},
	{.name = "stateless 401 again for each INVITE transmission: a note",
	 .step = {OUT(0, TB_INVITE), OUT(500, TB_INVITE), IN(505, R401(TAG1)),
	  OUT(1500, TB_INVITE), IN(1505, R401(TAG1))}, .end_ms = 40000,
	 .broken = {E(R_TIME_STATELESS_ANSWER, 1)},
	 .detail = "sent again only after our INVITE retransmissions"},
	{.name = "stateless 401, ACKed before T1: nothing to tell",
	 .step = {OUT(0, TB_INVITE), IN(5, R401(TAG1)),
	  OUT(6, ACKN(TAG1))}, .end_ms = 40000, .broken = {{0}}},
	{.name = "stateless 401, recording ends before T1: nothing to tell",
	 .step = {OUT(0, TB_INVITE), IN(5, R401(TAG1))}, .end_ms = 400,
	 .broken = {{0}}},
	{.name = "stateless 401, ACKed after 2 s: a note",
	 .step = {OUT(0, TB_INVITE), IN(5, R401(TAG1)),
	  OUT(2005, ACKN(TAG1))}, .end_ms = 40000,
	 .broken = {E(R_TIME_STATELESS_ANSWER, 1)},
	 .detail = "in 2000 ms before our ACK"},
	{.name = "stateful 486 (after a 100) sent once",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R486(TAG1))},
	 .end_ms = 40000, .broken = {E(R_TIME_NON2XX_RETRANSMIT, 1)}},

	/* ---- 64*T1, larger T1, reliable transports ---- */
	{.name = "2xx on a larger T1 (1 s), doubling, ACKed",
	 .step = {OUT(0, TB_INVITE), IN(5, R100),
	  RETX(1000, R200(TAG1), 5, 1000, 4000), OUT(12000, ACK2(TAG1))},
	 .end_ms = 13000, .broken = {{0}},
	 .applied = {A(R_TIME_2XX_RETRANSMIT)}},
	{.name = "2xx on a larger T1 (1 s), not doubling",
	 .step = {OUT(0, TB_INVITE), IN(5, R100),
	  RETX(1000, R200(TAG1), 4, 1000, 1000), OUT(4500, ACK2(TAG1))},
	 .end_ms = 5000, .broken = {E(R_TIME_2XX_RETRANSMIT, 1)},
	 .detail = "expected 2000 ms (T1 1000 ms)"},
	{.name = "2xx retransmitted past 64*T1: a SHOULD",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), SCHED(1000, R200(TAG1), 13)},
	 .end_ms = 45000, .broken = {E(R_TIME_2XX_GIVE_UP, 1)},
	 .detail = "past 64*T1"},
	{.name = "486 retransmitted past 64*T1: Timer H",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), SCHED(1000, R486(TAG1), 12)},
	 .end_ms = 45000, .broken = {E(R_TIME_TIMER_H, 1)}},
	{.name = "2xx and its retransmission in one TCP read: queued, "
	 "not early",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R200(TAG1)),
	  IN(1000, R200(TAG1)), OUT(1001, ACK2(TAG1))}, .end_ms = 3000,
	 .tcp = true,
	 .broken = {{0}}, .applied = {A(R_TIME_2XX_RETRANSMIT)}},
	{.name = "2xx and its retransmission at once over UDP: too early",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R200(TAG1)),
	  IN(1000, R200(TAG1)), OUT(1001, ACK2(TAG1))}, .end_ms = 3000,
	 .broken = {E(R_TIME_2XX_RETRANSMIT, 1)}, .detail = "came 0 ms"},
	{.name = "486 over TCP sent twice",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R486(TAG1)),
	  IN(1500, R486(TAG1))}, .end_ms = 3000, .tcp = true,
	 .broken = {E(R_TIME_NO_NON2XX_RETRANSMIT_TCP, 1)},
	 .detail = "over TCP"},
	{.name = "486 over TCP sent once",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R486(TAG1)),
	  OUT(1001, ACKN(TAG1))}, .end_ms = 3000, .tcp = true, .broken = {{0}},
	 .applied = {A(R_TIME_NO_NON2XX_RETRANSMIT_TCP)}},

	/* ---- bye.2xx (RFC 3261 15.1.2) ---- */
	{.name = "BYE answered 200",
	 .step = {CALL, OUT(2000, TB_BYE(TAG1)), IN(2010, BYE_RES("200 OK"))},
	 .end_ms = 2100, .broken = {{0}}, .applied = {A(R_BYE_2XX)}},
	{.name = "BYE of the confirmed dialog answered 481",
	 .step = {CALL, OUT(2000, TB_BYE(TAG1)),
	  IN(2010, BYE_RES("481 Call/Transaction Does Not Exist"))},
	 .end_ms = 2100, .broken = {E(R_BYE_2XX, 1)}, .detail = "481 to a BYE"},
	{.name = "BYE challenged (407)",
	 .step = {CALL, OUT(2000, TB_BYE(TAG1)),
	  IN(2010, TB_BYE_RES("407 Proxy Authentication Required", TAG1)
	     "Proxy-Authenticate: Digest realm=\"t\", nonce=\"n\"\n\n")},
	 .end_ms = 2100, .broken = {{0}}, .applied = {A(R_BYE_2XX)}},
	{.name = "BYE after the target's own BYE: 481",
	 .step = {CALL, IN(1900, TARGET_BYE), OUT(2000, TB_BYE(TAG1)),
	  IN(2010, BYE_RES("481 Call/Transaction Does Not Exist"))},
	 .end_ms = 2100, .broken = {{0}}},
	{.name = "BYE of a dialog never confirmed (no ACK): 481",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(1040, R200(TAG1)),
	  OUT(2000, TB_BYE(TAG1)),
	  IN(2010, BYE_RES("481 Call/Transaction Does Not Exist"))},
	 .end_ms = 2100, .broken = {E(R_TIME_2XX_RETRANSMIT, 1)}},

	/* ---- noninvite.no-408 (RFC 4320 4.2) ---- */
	{.name = "408 to OPTIONS",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(30000, TB_OPT_RES("408 Request Timeout", ";tag=o1") "\n")},
	 .end_ms = 31000, .broken = {E(R_NONINVITE_NO_408, 1)},
	 .detail = "408 to OPTIONS"},
	{.name = "200 to OPTIONS",
	 .step = {OUT(0, TB_OPTIONS), IN(10, OPT200)}, .end_ms = 100,
	 .broken = {{0}},
	 .applied = {A(R_NONINVITE_NO_408)}},
};

static const struct tb_table table = TB_TABLE("timing", family, cases);

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
		{R_TIME_STATELESS_ANSWER, LEVEL_NOTE, "8.2.7, 17.2.1"},
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
	tb_run(&table);
	test_levels();
	libre_close();
	return test_summary("test_rules_timing");
}
