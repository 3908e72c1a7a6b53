/**
 * @file test_rules_a.c  Rule families match.*, totag.*, order.*, cancel.*
 *                       and timing.*, trace by trace
 *
 * Each row is a trace and what these families must say about it: the
 * exact number of findings of some rules (all other rules of the families
 * must stay silent), the rules that must have been applied, and
 * optionally a piece of the first finding's detail.
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
	R_MATCH_TRANSACTION, R_MATCH_VIA, R_MATCH_VIA_COUNT,
	R_MATCH_RPORT_UNSUPPORTED,
	R_MATCH_VIA_RECEIVED, R_MATCH_VIA_RPORT, R_MATCH_FROM,
	R_MATCH_CALL_ID, R_MATCH_CSEQ, R_MATCH_TO_URI, R_MATCH_TIMESTAMP,
	R_TOTAG_PRESENT, R_TOTAG_STABLE,
	R_ORDER_ONE_FINAL, R_ORDER_NO_1XX_AFTER_FINAL,
	R_ORDER_RETRANSMIT_SAME, R_ORDER_AFTER_ACK,
	R_TIME_100_TRYING, R_TIME_1XX_MINUTE, R_TIME_2XX_RETRANSMIT,
	R_TIME_NON2XX_RETRANSMIT, R_TIME_2XX_GIVE_UP, R_TIME_TIMER_H,
	R_CANCEL_200, R_CANCEL_487, R_CANCEL_TO_TAG,
};

/* Pieces of responses to TB_INVITE */
#define TAG1     ";tag=uas1"
#define TAG2     ";tag=uas2"
#define CONTACT  "Contact: <sip:service@127.0.0.1:5060>\n"
#define CONTACT2 "Contact: <sip:other@127.0.0.1:5062>\n"
#define CAPS     "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\n" \
	"Supported: 100rel\n"
#define SDPBODY  "Content-Type: application/sdp\n\n" TB_SDP

#define R100        TB_RES("100 Trying", "") "\n"
#define R180(tag)   TB_RES("180 Ringing", tag) CONTACT "\n"
#define R180B(tag)  TB_RES("180 Ringing", tag) CONTACT2 "\n"
#define R200(tag)   TB_RES("200 OK", tag) CONTACT CAPS SDPBODY
#define R200B(tag)  TB_RES("200 OK", tag) CONTACT2 CAPS SDPBODY
#define R486(tag)   TB_RES("486 Busy Here", tag) "\n"
#define R487(tag)   TB_RES("487 Request Terminated", tag) "\n"
#define ACK2(tag)   TB_ACK(tag)
#define ACKN(tag)   TB_ACK_NON2XX(tag)

/* An INVITE with its own top Via, and responses echoing a given Via */
#define INV_VIA(via)							\
	"INVITE sip:service@127.0.0.1:5060 SIP/2.0\n" via		\
	"Max-Forwards: 70\n" TB_FROM TB_TO TB_CALLID			\
	"CSeq: 1 INVITE\nContact: <sip:sipconform@127.0.0.1:5070>\n\n"
#define RES_VIA(status, via, tag)					\
	"SIP/2.0 " status "\n" via TB_FROM				\
	"To: <sip:service@127.0.0.1:5060>" tag "\n" TB_CALLID		\
	"CSeq: 1 INVITE\n"
#define VIA_DOMAIN \
	"Via: SIP/2.0/UDP client.invalid:5070;branch=" TB_BRANCH "\n"
#define VIA_RPORT \
	"Via: SIP/2.0/UDP 127.0.0.1:5070;rport;branch=" TB_BRANCH "\n"

/* A response to TB_INVITE with each copied header given */
#define RES_HDRS(status, from, to, callid, cseq)			\
	"SIP/2.0 " status "\n" TB_VIA from to callid cseq CONTACT "\n"
#define FROM_OK  TB_FROM
#define TO_TAG1  "To: <sip:service@127.0.0.1:5060>" TAG1 "\n"
#define CSEQ_OK  "CSeq: 1 INVITE\n"

struct step {
	bool in;
	uint32_t ms;
	const char *text;
	unsigned n;             /**< transmissions (0: 1)                */
	uint32_t gap, cap;      /**< first gap, doubling up to cap (ms)  */
};

#define OUT(ms, text) {false, (ms), (text), 0, 0, 0}
#define IN(ms, text)  {true, (ms), (text), 0, 0, 0}
/* text received n times: at ms, then gaps gap, 2*gap .. at most cap */
#define RETX(ms, text, n, gap, cap) {true, (ms), (text), (n), (gap), (cap)}
/* the RFC 3261 schedule with T1 = 500 ms, T2 = 4 s */
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
	struct expect broken[4];    /**< all other family rules: 0       */
	struct expect applied[12];  /**< rules that must have been applied */
	const char *detail;         /**< in the first finding of broken[0] */
};

/* The normal call: 100, 180 with tag and Contact, 200 with SDP, ACK */
#define CALL								\
	OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),		\
	IN(1040, R200(TAG1)), OUT(1041, ACK2(TAG1))

static const struct tcase cases[] = {
	/* ---- passing traces ---- */
	{"normal call", {CALL}, 1100, false, {{0}},
	 {A(R_MATCH_TRANSACTION), A(R_MATCH_VIA), A(R_MATCH_VIA_COUNT),
	  A(R_MATCH_FROM), A(R_MATCH_CALL_ID), A(R_MATCH_CSEQ),
	  A(R_MATCH_TO_URI), A(R_TOTAG_PRESENT), A(R_TOTAG_STABLE),
	  A(R_ORDER_ONE_FINAL), A(R_ORDER_NO_1XX_AFTER_FINAL),
	  A(R_TIME_100_TRYING)}, NULL},
	{"normal call, recorded for 40 s", {CALL}, 40000, false, {{0}},
	 {A(R_ORDER_AFTER_ACK)}, NULL},
	{"busy, ACKed, one retransmission in flight",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(400, ACKN(TAG1)), IN(600, R486(TAG1)),
	  OUT(601, ACKN(TAG1))}, 40000, false, {{0}},
	 {A(R_ORDER_AFTER_ACK), A(R_ORDER_RETRANSMIT_SAME),
	  A(R_TIME_NON2XX_RETRANSMIT), A(R_ORDER_ONE_FINAL)}, NULL},
	{"forking: two tags, two 2xx, each ACKed",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(60, R180B(TAG2)), IN(1000, R200(TAG1)),
	  OUT(1001, ACK2(TAG1)), IN(1100, R180B(TAG2)),
	  IN(1200, R200B(TAG2)), OUT(1201, ACK2(TAG2))}, 40000, false,
	 {{0}}, {A(R_TOTAG_STABLE), A(R_ORDER_ONE_FINAL),
		 A(R_ORDER_NO_1XX_AFTER_FINAL), A(R_ORDER_AFTER_ACK)}, NULL},
	{"Via copied with LWS and received added",
	 {OUT(0, TB_INVITE),
	  IN(5, RES_VIA("100 Trying", "Via: SIP / 2.0 / UDP "
			"127.0.0.1:5070 ;branch=" TB_BRANCH
			";received=127.0.0.1\n", "") "\n")}, 100, false,
	 {{0}}, {A(R_MATCH_VIA)}, NULL},
	{"received added for a domain sent-by",
	 {OUT(0, INV_VIA(VIA_DOMAIN)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP client.invalid:"
			"5070;branch=" TB_BRANCH ";received=127.0.0.1\n",
			"") "\n")}, 100, false, {{0}},
	 {A(R_MATCH_VIA), A(R_MATCH_VIA_RECEIVED)}, NULL},
	{"rport filled in, received added",
	 {OUT(0, INV_VIA(VIA_RPORT)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5070;"
			"rport=5070;branch=" TB_BRANCH
			";received=127.0.0.1\n", "") "\n")}, 100, false,
	 {{0}}, {A(R_MATCH_VIA), A(R_MATCH_VIA_RPORT)}, NULL},
	{"Timestamp copied with a delay",
	 {OUT(0, TB_INVITE_HDRS("Timestamp: 54\n") "\n"),
	  IN(5, TB_RES("100 Trying", "") "Timestamp: 54 0.005\n\n")},
	 100, false, {{0}}, {A(R_MATCH_TIMESTAMP)}, NULL},
	{"BYE answered with the dialog's tag",
	 {CALL, OUT(2000, TB_BYE(TAG1)),
	  IN(2010, TB_BYE_RES("200 OK", TAG1) "\n")}, 2100, false, {{0}},
	 {A(R_TOTAG_PRESENT)}, NULL},
	{"CANCEL: 200, then 487",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL), IN(1002, TB_CANCEL_RES("200 OK", TAG1)
				    "\n"),
	  IN(1003, R487(TAG1)), OUT(1004, ACKN(TAG1))}, 40000, false,
	 {{0}}, {A(R_CANCEL_200), A(R_CANCEL_487), A(R_CANCEL_TO_TAG)},
	 NULL},
	{"CANCEL: 2xx won the race, 481 to CANCEL",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL), IN(1001, R200(TAG1)),
	  OUT(1002, ACK2(TAG1)),
	  IN(1003, TB_CANCEL_RES("481 Transaction Does Not Exist", TAG1)
	     "\n")}, 1100, false, {{0}}, {A(R_CANCEL_200)}, NULL},
	{"CANCEL: 2xx won the race, 200 to CANCEL",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL), IN(1001, R200(TAG1)),
	  OUT(1002, ACK2(TAG1)),
	  IN(1003, TB_CANCEL_RES("200 OK", TAG1) "\n")}, 1100, false,
	 {{0}}, {A(R_CANCEL_200), A(R_CANCEL_487)}, NULL},
	{"2xx retransmitted on schedule until 64*T1",
	 {OUT(0, TB_INVITE), IN(5, R100), SCHED(1000, R200(TAG1), 11)},
	 40000, false, {{0}},
	 {A(R_TIME_2XX_RETRANSMIT), A(R_TIME_2XX_GIVE_UP),
	  A(R_ORDER_RETRANSMIT_SAME)}, NULL},
	{"2xx retransmitted until a late ACK",
	 {OUT(0, TB_INVITE), IN(5, R100), SCHED(1000, R200(TAG1), 4),
	  OUT(5000, ACK2(TAG1))}, 10000, false, {{0}},
	 {A(R_TIME_2XX_RETRANSMIT), A(R_ORDER_AFTER_ACK)}, NULL},
	{"486 on Timer G until 64*T1",
	 {OUT(0, TB_INVITE), IN(5, R100), SCHED(1000, R486(TAG1), 11)},
	 40000, false, {{0}},
	 {A(R_TIME_NON2XX_RETRANSMIT), A(R_TIME_TIMER_H)}, NULL},
	{"486 over TCP is not retransmitted",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R486(TAG1))}, 40000,
	 true, {{0}}, {A(R_TIME_TIMER_H)}, NULL},
	{"OPTIONS: request retransmitted, same 200 again",
	 {OUT(0, TB_OPTIONS), IN(10, TB_OPT_RES("200 OK", ";tag=o1") "\n"),
	  OUT(500, TB_OPTIONS),
	  IN(510, TB_OPT_RES("200 OK", ";tag=o1") "\n")}, 600, false,
	 {{0}}, {A(R_ORDER_ONE_FINAL), A(R_ORDER_RETRANSMIT_SAME),
		 A(R_TOTAG_PRESENT)}, NULL},
	/* 13.3.1.1 binds a UAS keeping the INVITE open beyond 3 minutes */
	{"a provisional every minute",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(60000, R180(TAG1)), IN(119000, R180(TAG1)),
	  IN(178000, R180(TAG1)),
	  IN(200000, R200(TAG1)), OUT(200001, ACK2(TAG1))}, 200100, false,
	 {{0}}, {A(R_TIME_1XX_MINUTE)}, NULL},

	/* ---- match.* ---- */
	{"stray responses; garbage is not one",
	 {OUT(0, TB_INVITE), IN(3, RES_VIA("100 Trying", "Via: SIP/2.0/UDP "
					   "127.0.0.1:5070;branch=z9hG4bK-x\n",
					   "") "\n"),
	  IN(4, "SIP/2.0 200 OK\n" TB_VIA TB_FROM TO_TAG1 TB_CALLID
	     "CSeq: 1 OPTIONS\n\n"),
	  IN(5, "\x01garbage\n\n"), IN(6, R100)}, 100, false,
	 {E(R_MATCH_TRANSACTION, 2)}, {{0}}, "z9hG4bK-x"},
	{"Via sent-by changed",
	 {OUT(0, TB_INVITE),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5071;"
			"branch=" TB_BRANCH "\n", "") "\n")}, 100, false,
	 {E(R_MATCH_VIA, 1)}, {{0}}, "sent-by"},
	{"Via parameter added",
	 {OUT(0, TB_INVITE),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5070;"
			"branch=" TB_BRANCH ";alias\n", "") "\n")}, 100,
	 false, {E(R_MATCH_VIA, 1)}, {{0}}, "alias"},
	{"two Vias reach the UAC",
	 {OUT(0, TB_INVITE),
	  IN(5, RES_VIA("100 Trying", TB_VIA "Via: SIP/2.0/UDP 10.0.0.9;"
			"branch=z9hG4bK-p\n", "") "\n")}, 100, false,
	 {E(R_MATCH_VIA, 1), E(R_MATCH_VIA_COUNT, 1)}, {{0}}, NULL},
	{"no received for a domain sent-by",
	 {OUT(0, INV_VIA(VIA_DOMAIN)),
	  IN(5, RES_VIA("100 Trying", VIA_DOMAIN, "") "\n"),
	  IN(50, RES_VIA("180 Ringing", "Via: SIP/2.0/UDP client.invalid:"
			 "5070;branch=" TB_BRANCH ";received=10.9.9.9\n",
			 TAG1) CONTACT "\n")}, 100, false,
	 {E(R_MATCH_VIA_RECEIVED, 2)}, {{0}},
	 "client.invalid is not the source address: no received"},
	{"rport left bare: RFC 3581 not supported, a note",
	 {OUT(0, INV_VIA(VIA_RPORT)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5070;"
			"rport;branch=" TB_BRANCH ";received=127.0.0.1\n",
			"") "\n")}, 100, false,
	 {E(R_MATCH_RPORT_UNSUPPORTED, 1)}, {{0}}, "RFC 3581"},
	{"rport wrong, no received",
	 {OUT(0, INV_VIA(VIA_RPORT)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5070;"
			"rport=5999;branch=" TB_BRANCH "\n", "") "\n")},
	 100, false, {E(R_MATCH_VIA_RPORT, 1)}, {{0}},
	 "rport=5999, the request came from port 5070 and no received"},
	{"rport filled in, no received",
	 {OUT(0, INV_VIA(VIA_RPORT)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5070;"
			"rport=5070;branch=" TB_BRANCH "\n", "") "\n")},
	 100, false, {E(R_MATCH_VIA_RPORT, 1)}, {{0}},
	 "the top Via has no received"},
	{"From tag and URI changed",
	 {OUT(0, TB_INVITE),
	  IN(5, RES_HDRS("180 Ringing",
			 "From: <sip:sipconform@127.0.0.1>;tag=other\n",
			 TO_TAG1, TB_CALLID, CSEQ_OK)),
	  IN(6, RES_HDRS("183 Session Progress",
			 "From: <sip:someone@127.0.0.1>;tag=ftag1\n",
			 TO_TAG1, TB_CALLID, CSEQ_OK))}, 100, false,
	 {E(R_MATCH_FROM, 2)}, {{0}}, "From tag"},
	{"Call-ID changed",
	 {OUT(0, TB_INVITE),
	  IN(5, RES_HDRS("180 Ringing", FROM_OK, TO_TAG1,
			 "Call-ID: TB-CALL-1@127.0.0.1\n", CSEQ_OK))}, 100,
	 false, {E(R_MATCH_CALL_ID, 1)}, {{0}}, NULL},
	{"CSeq number changed",
	 {OUT(0, TB_INVITE),
	  IN(5, RES_HDRS("180 Ringing", FROM_OK, TO_TAG1, TB_CALLID,
			 "CSeq: 2 INVITE\n"))}, 100, false,
	 {E(R_MATCH_CSEQ, 1)}, {{0}}, NULL},
	{"To URI changed",
	 {OUT(0, TB_INVITE),
	  IN(5, RES_HDRS("180 Ringing", FROM_OK,
			 "To: <sip:other@127.0.0.1:5060>" TAG1 "\n",
			 TB_CALLID, CSEQ_OK))}, 100, false,
	 {E(R_MATCH_TO_URI, 1)}, {{0}}, NULL},
	{"Timestamp changed in 100",
	 {OUT(0, TB_INVITE_HDRS("Timestamp: 54\n") "\n"),
	  IN(5, TB_RES("100 Trying", "") "Timestamp: 55\n\n")}, 100,
	 false, {E(R_MATCH_TIMESTAMP, 1)}, {{0}}, "55"},
	{"Timestamp not copied into 100",
	 {OUT(0, TB_INVITE_HDRS("Timestamp: 54\n") "\n"),
	  IN(5, R100)}, 100, false, {E(R_MATCH_TIMESTAMP, 1)}, {{0}},
	 NULL},

	/* ---- totag.* ---- */
	{"180 without To tag",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180("")),
	  IN(1040, R200(TAG1)), OUT(1041, ACK2(TAG1))}, 1100, false,
	 {E(R_TOTAG_PRESENT, 1)}, {{0}}, "180"},
	{"BYE answered with another tag",
	 {CALL, OUT(2000, TB_BYE(TAG1)),
	  IN(2010, TB_BYE_RES("200 OK", TAG2) "\n")}, 2100, false,
	 {E(R_TOTAG_PRESENT, 1)}, {{0}}, NULL},
	{"tag changes under one Contact",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(1040, R200(TAG2)), OUT(1041, ACK2(TAG2))}, 1100, false,
	 {E(R_TOTAG_STABLE, 1)}, {{0}}, "uas2"},
	{"tag changes without Contact",
	 {OUT(0, TB_INVITE), IN(5, R100),
	  IN(40, TB_RES("183 Session Progress", TAG1) "\n"),
	  IN(100, R486(TAG2)),
	  OUT(101, ACKN(TAG2))}, 1100, false,
	 {E(R_TOTAG_STABLE, 1)}, {{0}}, NULL},

	/* ---- order.* ---- */
	{"2xx after 486",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(200, R200(TAG1)),
	  OUT(201, ACK2(TAG1))}, 300, false,
	 {E(R_ORDER_ONE_FINAL, 1)}, {{0}}, "486"},
	{"486 after 200, retransmitted",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(100, R200(TAG1)),
	  OUT(101, ACK2(TAG1)), IN(150, R486(TAG1)),
	  IN(650, R486(TAG1)), OUT(651, ACKN(TAG1))}, 700, false,
	 {E(R_ORDER_ONE_FINAL, 1)}, {{0}}, NULL},
	{"202 after 200 with the same tag",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(100, R200(TAG1)),
	  OUT(101, ACK2(TAG1)),
	  IN(150, TB_RES("202 Accepted", TAG1) CONTACT "\n")}, 200, false,
	 {E(R_ORDER_ONE_FINAL, 1)}, {{0}}, "same To tag"},
	{"OPTIONS: 200 then 404",
	 {OUT(0, TB_OPTIONS), IN(10, TB_OPT_RES("200 OK", ";tag=o1") "\n"),
	  IN(20, TB_OPT_RES("404 Not Found", ";tag=o1") "\n")}, 100,
	 false, {E(R_ORDER_ONE_FINAL, 1)}, {{0}}, NULL},
	{"OPTIONS: request retransmitted, 200 answered with a new tag",
	 {OUT(0, TB_OPTIONS), IN(10, TB_OPT_RES("200 OK", ";tag=o1") "\n"),
	  OUT(500, TB_OPTIONS),
	  IN(510, TB_OPT_RES("200 OK", ";tag=o2") "\n")}, 600, false,
	 {E(R_ORDER_ONE_FINAL, 1)}, {{0}}, "with To tag 'o2'"},
	{"180 after 486",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(150, R180(TAG1))}, 200, false,
	 {E(R_ORDER_NO_1XX_AFTER_FINAL, 1)}, {{0}}, NULL},
	{"180 and 100 after 200 of the same tag",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(100, R200(TAG1)),
	  OUT(101, ACK2(TAG1)), IN(150, R180(TAG1)), IN(160, R100)}, 200,
	 false, {E(R_ORDER_NO_1XX_AFTER_FINAL, 2)}, {{0}}, NULL},
	{"OPTIONS: 100 after 200",
	 {OUT(0, TB_OPTIONS), IN(10, TB_OPT_RES("200 OK", ";tag=o1") "\n"),
	  IN(20, TB_OPT_RES("100 Trying", "") "\n")}, 100, false,
	 {E(R_ORDER_NO_1XX_AFTER_FINAL, 1)}, {{0}}, NULL},
	{"retransmitted 486 differs",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  IN(600, TB_RES("486 Busy", TAG1) "\n"),
	  IN(1600, TB_RES("486 Busy", TAG1) "\n"),
	  OUT(1601, ACKN(TAG1))}, 1700, false,
	 {E(R_ORDER_RETRANSMIT_SAME, 1)}, {{0}}, "byte 16"},
	{"486 retransmitted after the ACK",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(2000, R486(TAG1)),
	  OUT(2001, ACKN(TAG1)), IN(6000, R486(TAG1))}, 7000, false,
	 {E(R_ORDER_AFTER_ACK, 1)}, {{0}}, "2 times"},
	{"200 retransmitted after the ACK",
	 {CALL, IN(3000, R200(TAG1)), OUT(3001, ACK2(TAG1))}, 3100, false,
	 {E(R_ORDER_AFTER_ACK, 1)}, {{0}}, NULL},

	/* ---- cancel.* ---- */
	{"CANCEL of a ringing INVITE: 481",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL),
	  IN(1002, TB_CANCEL_RES("481 Transaction Does Not Exist", TAG1)
	     "\n"), IN(1003, R487(TAG1)), OUT(1004, ACKN(TAG1))}, 1100,
	 false, {E(R_CANCEL_200, 1)}, {{0}}, "481"},
	{"CANCEL never answered, INVITE got 487",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL), IN(1003, R487(TAG1)),
	  OUT(1004, ACKN(TAG1))}, 2000, false, {E(R_CANCEL_200, 1)},
	 {{0}}, "no response"},
	{"CANCEL answered 200, INVITE gets 486",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL),
	  IN(1002, TB_CANCEL_RES("200 OK", TAG1) "\n"),
	  IN(1003, R486(TAG1)), OUT(1004, ACKN(TAG1))}, 1100, false,
	 {E(R_CANCEL_487, 1)}, {{0}}, "486"},
	{"CANCEL answered 200, INVITE gets 200 after it",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL),
	  IN(1002, TB_CANCEL_RES("200 OK", TAG1) "\n"),
	  IN(1003, R200(TAG1)), OUT(1004, ACK2(TAG1))}, 1100, false,
	 {E(R_CANCEL_487, 1)}, {{0}}, NULL},
	{"CANCEL answered 200, INVITE never final",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL),
	  IN(1002, TB_CANCEL_RES("200 OK", TAG1) "\n")}, 34000, false,
	 {E(R_CANCEL_487, 1)}, {{0}}, "no final"},
	/* a proxy answers the CANCEL at once with its own tag (16.10),
	 * before the UAS's 487 tells it any other */
	{"proxy's 200 to CANCEL before the 487",
	 {OUT(0, TB_INVITE), IN(5, R100),
	  OUT(1000, TB_CANCEL),
	  IN(1002, TB_CANCEL_RES("200 OK", ";tag=proxy") "\n"),
	  IN(1003, R487(TAG1)), OUT(1004, ACKN(TAG1))}, 40000, false,
	 {{0}}, {A(R_CANCEL_200), A(R_CANCEL_487)}, NULL},
	{"200 to CANCEL with another tag",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL),
	  IN(1002, TB_CANCEL_RES("200 OK", ";tag=cancel") "\n"),
	  IN(1003, R487(TAG1)), OUT(1004, ACKN(TAG1))}, 1100, false,
	 {E(R_CANCEL_TO_TAG, 1)}, {{0}}, "cancel"},

	/* ---- timing.* ---- */
	{"first response after 250 ms",
	 {OUT(0, TB_INVITE), IN(250, R180(TAG1)), IN(1040, R200(TAG1)),
	  OUT(1041, ACK2(TAG1))}, 1100, false,
	 {E(R_TIME_100_TRYING, 1)}, {{0}}, "250 ms"},
	/* a target that never answers is not judged (exit 3), not failed */
	{"no response at all",
	 {OUT(0, TB_INVITE)}, 1000, false, {{0}}, {{0}}, NULL},
	{"65 s without a provisional, answered after 200 s",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(50000, R180(TAG1)), IN(115000, R180(TAG1)),
	  IN(170000, R180(TAG1)), IN(200000, R200(TAG1)),
	  OUT(200001, ACK2(TAG1))}, 200100, false,
	 {E(R_TIME_1XX_MINUTE, 1)}, {{0}}, "65 s"},
	{"ringing, silent 80 s, trace ends at 200 s",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(60000, R180(TAG1)), IN(120000, R180(TAG1))}, 200000,
	 false, {E(R_TIME_1XX_MINUTE, 1)}, {{0}}, NULL},
	{"2xx never retransmitted without ACK",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R200(TAG1))}, 40000,
	 false, {E(R_TIME_2XX_RETRANSMIT, 1)}, {{0}}, "missing"},
	{"2xx retransmitted every T1, not doubling",
	 {OUT(0, TB_INVITE), IN(5, R100),
	  RETX(1000, R200(TAG1), 5, 500, 500), OUT(3100, ACK2(TAG1))},
	 4000, false, {E(R_TIME_2XX_RETRANSMIT, 1)}, {{0}},
	 "#2 of 200 came 500 ms"},
	{"486 not retransmitted over UDP",
	 {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R486(TAG1))}, 40000,
	 false, {E(R_TIME_NON2XX_RETRANSMIT, 1)}, {{0}}, NULL},
	{"2xx retransmitted past 64*T1",
	 {OUT(0, TB_INVITE), IN(5, R100), SCHED(1000, R200(TAG1), 13)},
	 45000, false, {E(R_TIME_2XX_GIVE_UP, 1)}, {{0}}, "2 times"},
	{"486 retransmitted past 64*T1",
	 {OUT(0, TB_INVITE), IN(5, R100), SCHED(1000, R486(TAG1), 12)},
	 45000, false, {E(R_TIME_TIMER_H, 1)}, {{0}}, NULL},
};

struct ev {
	bool in;
	uint32_t ms;
	const char *text;
};

static void add(struct trace *t, const struct ev *e, bool tcp)
{
	struct sa local, peer;
	size_t len;
	uint8_t *p = tb_crlf(e->text, &len);

	sa_decode(&local, TB_LOCAL, strlen(TB_LOCAL));
	sa_decode(&peer, TB_PEER, strlen(TB_PEER));
	trace_add(t, TRACE_MSG, e->in ? TRACE_IN : TRACE_OUT,
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
			evs[n].in = s->in;
			evs[n].ms = at;
			evs[n++].text = s->text;
			at += gap;
			gap = gap * 2 > s->cap ? s->cap : gap * 2;
		}
	}
	/* a stable order for equal times: keep the table's */
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
		if (want)
			CHECK(v.applied[r], "%s: %s not applied", tc->name,
			      rule_get(r)->id);
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

/* Rules of these families that were never applied by any row: a rule
 * that no trace reaches is a rule without a test */
static void test_coverage(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(family); i++) {
		bool fired = false;

		for (size_t c = 0; c < ARRAY_SIZE(cases) && !fired; c++)
			fired = expected(&cases[c], family[i]) > 0;
		CHECK(fired, "no row breaks %s", rule_get(family[i])->id);
	}
}

/* Judging is pure: the same trace twice gives the same findings */
static void test_repeatable(void)
{
	for (size_t c = 0; c < ARRAY_SIZE(cases); c++) {
		struct trace *t = build(&cases[c]);
		struct verdict v1, v2;

		verdict_init(&v1);
		verdict_init(&v2);
		judge_trace(&v1, t, NULL, NULL);
		judge_trace(&v2, t, NULL, NULL);
		CHECK(!memcmp(v1.broken, v2.broken, sizeof(v1.broken)) &&
		      !memcmp(v1.applied, v2.applied, sizeof(v1.applied)),
		      "%s: not repeatable", cases[c].name);
		verdict_reset(&v1);
		verdict_reset(&v2);
		mem_deref(t);
	}
}

/* Timers scale with T1: the 2xx schedule of T1 = 100 ms passes there and
 * fails with the default T1 */
static void test_t1_config(void)
{
	static const struct judge_cfg fast = {.t1_ms = 100, .t2_ms = SIP_T2};
	struct trace *t = NULL;
	struct verdict v;
	const uint32_t at[] = {1000, 1100, 1300, 1700, 2500};

	trace_alloc(&t);
	tb_out(t, 0, TB_INVITE);
	tb_in(t, 5, R100);
	for (size_t i = 0; i < ARRAY_SIZE(at); i++)
		tb_in(t, at[i], R200(TAG1));
	tb_out(t, 3000, ACK2(TAG1));
	t->end_us = 3100 * 1000;

	verdict_init(&v);
	judge_trace(&v, t, &fast, NULL);
	CHECK(v.applied[R_TIME_2XX_RETRANSMIT] &&
	      !v.broken[R_TIME_2XX_RETRANSMIT], "T1 100: %u",
	      v.broken[R_TIME_2XX_RETRANSMIT]);
	verdict_reset(&v);

	judge_trace(&v, t, NULL, NULL);
	CHECK(v.broken[R_TIME_2XX_RETRANSMIT] == 1, "T1 500: %u",
	      v.broken[R_TIME_2XX_RETRANSMIT]);
	verdict_reset(&v);
	mem_deref(t);
}

int main(void)
{
	libre_init();
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		run_case(&cases[i]);
	test_coverage();
	test_repeatable();
	test_t1_config();
	libre_close();
	return test_summary("test_rules_a");
}
