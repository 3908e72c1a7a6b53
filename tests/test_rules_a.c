/**
 * @file test_rules_a.c  Rule families match.*, totag.*, order.*, cancel.*
 *                       and timing.*, trace by trace
 *
 * Each row is a trace and what these families must say about it: the
 * exact number of findings of some rules (all other rules of the families
 * must stay silent), the rules that must have been applied, and
 * optionally a piece of the first finding's detail.
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
	R_MATCH_TRANSACTION, R_MATCH_VIA, R_MATCH_VIA_COUNT,
	R_MATCH_RPORT_UNSUPPORTED,
	R_MATCH_VIA_RECEIVED, R_MATCH_VIA_RPORT, R_MATCH_FROM,
	R_MATCH_CALL_ID, R_MATCH_CSEQ, R_MATCH_TO_URI, R_MATCH_TIMESTAMP,
	R_TOTAG_PRESENT, R_TOTAG_STABLE,
	R_ORDER_ONE_FINAL, R_ORDER_NO_1XX_AFTER_FINAL,
	R_ORDER_1XX_AFTER_FINAL_REORDERED,
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

/* The normal call: 100, 180 with tag and Contact, 200 with SDP, ACK */
#define CALL								\
	OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),		\
	IN(1040, R200(TAG1)), OUT(1041, ACK2(TAG1))

static const struct tb_case cases[] = {
	/* ---- passing traces ---- */
	{.name = "normal call", .step = {CALL}, .end_ms = 1100, .broken = {{0}},
	 .applied = {A(R_MATCH_TRANSACTION), A(R_MATCH_VIA),
	  A(R_MATCH_VIA_COUNT),
	  A(R_MATCH_FROM), A(R_MATCH_CALL_ID), A(R_MATCH_CSEQ),
	  A(R_MATCH_TO_URI), A(R_TOTAG_PRESENT), A(R_TOTAG_STABLE),
	  A(R_ORDER_ONE_FINAL), A(R_ORDER_NO_1XX_AFTER_FINAL),
	  A(R_TIME_100_TRYING)}},
	{.name = "normal call, recorded for 40 s", .step = {CALL},
	 .end_ms = 40000, .broken = {{0}},
	 .applied = {A(R_ORDER_AFTER_ACK)}},
	{.name = "busy, ACKed, one retransmission in flight",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(400, ACKN(TAG1)), IN(600, R486(TAG1)),
	  OUT(601, ACKN(TAG1))}, .end_ms = 40000, .broken = {{0}},
	 .applied = {A(R_ORDER_AFTER_ACK), A(R_ORDER_RETRANSMIT_SAME),
	  A(R_TIME_NON2XX_RETRANSMIT), A(R_ORDER_ONE_FINAL)}},
	{.name = "forking: two tags, two 2xx, each ACKed",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(60, R180B(TAG2)), IN(1000, R200(TAG1)),
	  OUT(1001, ACK2(TAG1)), IN(1100, R180B(TAG2)),
	  IN(1200, R200B(TAG2)), OUT(1201, ACK2(TAG2))}, .end_ms = 40000,
	 .broken = {{0}}, .applied = {A(R_TOTAG_STABLE), A(R_ORDER_ONE_FINAL),
		 A(R_ORDER_NO_1XX_AFTER_FINAL),
		 A(R_ORDER_1XX_AFTER_FINAL_REORDERED), A(R_ORDER_AFTER_ACK)}},
	{.name = "Via copied with LWS and received added",
	 .step = {OUT(0, TB_INVITE),
	  IN(5, RES_VIA("100 Trying", "Via: SIP / 2.0 / UDP "
			"127.0.0.1:5070 ;branch=" TB_BRANCH
			";received=127.0.0.1\n", "") "\n")}, .end_ms = 100,
	 .broken = {{0}}, .applied = {A(R_MATCH_VIA)}},
	{.name = "received added for a domain sent-by",
	 .step = {OUT(0, INV_VIA(VIA_DOMAIN)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP client.invalid:"
			"5070;branch=" TB_BRANCH ";received=127.0.0.1\n",
			"") "\n")}, .end_ms = 100, .broken = {{0}},
	 .applied = {A(R_MATCH_VIA), A(R_MATCH_VIA_RECEIVED)}},
	{.name = "rport filled in, received added",
	 .step = {OUT(0, INV_VIA(VIA_RPORT)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5070;"
			"rport=5070;branch=" TB_BRANCH
			";received=127.0.0.1\n", "") "\n")}, .end_ms = 100,
	 .broken = {{0}}, .applied = {A(R_MATCH_VIA), A(R_MATCH_VIA_RPORT)}},
	{.name = "Timestamp copied with a delay",
	 .step = {OUT(0, TB_INVITE_HDRS("Timestamp: 54\n") "\n"),
	  IN(5, TB_RES("100 Trying", "") "Timestamp: 54 0.005\n\n")},
	 .end_ms = 100, .broken = {{0}}, .applied = {A(R_MATCH_TIMESTAMP)}},
	{.name = "BYE answered with the dialog's tag",
	 .step = {CALL, OUT(2000, TB_BYE(TAG1)),
	  IN(2010, TB_BYE_RES("200 OK", TAG1) "\n")}, .end_ms = 2100,
	 .broken = {{0}},
	 .applied = {A(R_TOTAG_PRESENT)}},
	{.name = "CANCEL: 200, then 487",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL), IN(1002, TB_CANCEL_RES("200 OK", TAG1)
				    "\n"),
	  IN(1003, R487(TAG1)), OUT(1004, ACKN(TAG1))}, .end_ms = 40000,
	 .broken = {{0}},
	 .applied = {A(R_CANCEL_200), A(R_CANCEL_487), A(R_CANCEL_TO_TAG)}},
	{.name = "CANCEL: 2xx won the race, 481 to CANCEL",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL), IN(1001, R200(TAG1)),
	  OUT(1002, ACK2(TAG1)),
	  IN(1003, TB_CANCEL_RES("481 Transaction Does Not Exist", TAG1)
	     "\n")}, .end_ms = 1100, .broken = {{0}},
	 .applied = {A(R_CANCEL_200)}},
	{.name = "CANCEL: 2xx won the race, 200 to CANCEL",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL), IN(1001, R200(TAG1)),
	  OUT(1002, ACK2(TAG1)),
	  IN(1003, TB_CANCEL_RES("200 OK", TAG1) "\n")}, .end_ms = 1100,
	 .broken = {{0}}, .applied = {A(R_CANCEL_200), A(R_CANCEL_487)}},
	{.name = "2xx retransmitted on schedule until 64*T1",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), SCHED(1000, R200(TAG1), 11)},
	 .end_ms = 40000, .broken = {{0}},
	 .applied = {A(R_TIME_2XX_RETRANSMIT), A(R_TIME_2XX_GIVE_UP),
	  A(R_ORDER_RETRANSMIT_SAME)}},
	{.name = "2xx retransmitted until a late ACK",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), SCHED(1000, R200(TAG1), 4),
	  OUT(5000, ACK2(TAG1))}, .end_ms = 10000, .broken = {{0}},
	 .applied = {A(R_TIME_2XX_RETRANSMIT), A(R_ORDER_AFTER_ACK)}},
	{.name = "486 on Timer G until 64*T1",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), SCHED(1000, R486(TAG1), 11)},
	 .end_ms = 40000, .broken = {{0}},
	 .applied = {A(R_TIME_NON2XX_RETRANSMIT), A(R_TIME_TIMER_H)}},
	{.name = "486 over TCP is not retransmitted",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R486(TAG1))},
	 .end_ms = 40000,
	 .tcp = true, .broken = {{0}}, .applied = {A(R_TIME_TIMER_H)}},
	{.name = "OPTIONS: request retransmitted, same 200 again",
	 .step = {OUT(0, TB_OPTIONS), IN(10, TB_OPT_RES("200 OK",
	  ";tag=o1") "\n"),
	  OUT(500, TB_OPTIONS),
	  IN(510, TB_OPT_RES("200 OK", ";tag=o1") "\n")}, .end_ms = 600,
	 .broken = {{0}},
	 .applied = {A(R_ORDER_ONE_FINAL), A(R_ORDER_RETRANSMIT_SAME),
		 A(R_TOTAG_PRESENT)}},
	/* 13.3.1.1 binds a UAS keeping the INVITE open beyond 3 minutes */
	{.name = "a provisional every minute",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(60000, R180(TAG1)), IN(119000, R180(TAG1)),
	  IN(178000, R180(TAG1)),
	  IN(200000, R200(TAG1)), OUT(200001, ACK2(TAG1))}, .end_ms = 200100,
	 .broken = {{0}}, .applied = {A(R_TIME_1XX_MINUTE)}},

	/* ---- match.* ---- */
	{.name = "stray responses; garbage is not one",
	 .step = {OUT(0, TB_INVITE), IN(3, RES_VIA("100 Trying",
	  "Via: SIP/2.0/UDP "
					   "127.0.0.1:5070;branch=z9hG4bK-x\n",
					   "") "\n"),
	  IN(4, "SIP/2.0 200 OK\n" TB_VIA TB_FROM TO_TAG1 TB_CALLID
	     "CSeq: 1 OPTIONS\n\n"),
	  IN(5, "\x01garbage\n\n"), IN(6, R100)}, .end_ms = 100,
	 .broken = {E(R_MATCH_TRANSACTION, 2)}, .detail = "z9hG4bK-x"},
	{.name = "Via sent-by changed",
	 .step = {OUT(0, TB_INVITE),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5071;"
			"branch=" TB_BRANCH "\n", "") "\n")}, .end_ms = 100,
	 .broken = {E(R_MATCH_VIA, 1)}, .detail = "sent-by"},
	{.name = "Via parameter added",
	 .step = {OUT(0, TB_INVITE),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5070;"
			"branch=" TB_BRANCH ";alias\n", "") "\n")},
	 .end_ms = 100, .broken = {E(R_MATCH_VIA, 1)}, .detail = "alias"},
	{.name = "Via quoted parameter value changed after its ';'",
	 .step = {OUT(0, INV_VIA("Via: SIP/2.0/UDP 127.0.0.1:5070;branch="
			 TB_BRANCH ";x=\"a;b\"\n")),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5070;"
			"branch=" TB_BRANCH ";x=\"a;c\"\n", "") "\n")},
	 .end_ms = 100, .broken = {E(R_MATCH_VIA, 1)}, .detail = "x"},
	{.name = "Via echoed with LWS, case and order changed",
	 .step = {OUT(0, INV_VIA("Via: SIP/2.0/UDP 127.0.0.1:5070;branch="
			 TB_BRANCH ";x=\"a;b\";Y=Tok\n")),
	  IN(5, RES_VIA("100 Trying", "Via: sip/2.0/udp 127.0.0.1:5070 ;"
			" y = tok ; x=\"a;b\";branch=" TB_BRANCH "\n", "")
	     "\n")},
	 .end_ms = 100, .broken = {{0}}, .applied = {A(R_MATCH_VIA)}},
	{.name = "two Vias reach the UAC",
	 .step = {OUT(0, TB_INVITE),
	  IN(5, RES_VIA("100 Trying", TB_VIA "Via: SIP/2.0/UDP 10.0.0.9;"
			"branch=z9hG4bK-p\n", "") "\n")}, .end_ms = 100,
	 .broken = {E(R_MATCH_VIA, 1), E(R_MATCH_VIA_COUNT, 1)}},
	{.name = "no received for a domain sent-by",
	 .step = {OUT(0, INV_VIA(VIA_DOMAIN)),
	  IN(5, RES_VIA("100 Trying", VIA_DOMAIN, "") "\n"),
	  IN(50, RES_VIA("180 Ringing", "Via: SIP/2.0/UDP client.invalid:"
			 "5070;branch=" TB_BRANCH ";received=10.9.9.9\n",
			 TAG1) CONTACT "\n")}, .end_ms = 100,
	 .broken = {E(R_MATCH_VIA_RECEIVED, 2)},
	 .detail = "client.invalid is not the source address: no received"},
	{.name = "rport left bare: RFC 3581 not supported, a note",
	 .step = {OUT(0, INV_VIA(VIA_RPORT)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5070;"
			"rport;branch=" TB_BRANCH ";received=127.0.0.1\n",
			"") "\n")}, .end_ms = 100,
	 .broken = {E(R_MATCH_RPORT_UNSUPPORTED, 1)}, .detail = "RFC 3581"},
	{.name = "rport wrong, no received",
	 .step = {OUT(0, INV_VIA(VIA_RPORT)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5070;"
			"rport=5999;branch=" TB_BRANCH "\n", "") "\n")},
	 .end_ms = 100, .broken = {E(R_MATCH_VIA_RPORT, 1)},
	 .detail = "rport=5999, the request came from port 5070 and no "
	 "received"},
	{.name = "rport filled in, no received",
	 .step = {OUT(0, INV_VIA(VIA_RPORT)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5070;"
			"rport=5070;branch=" TB_BRANCH "\n", "") "\n")},
	 .end_ms = 100, .broken = {E(R_MATCH_VIA_RPORT, 1)},
	 .detail = "the top Via has no received"},
	{.name = "From tag and URI changed",
	 .step = {OUT(0, TB_INVITE),
	  IN(5, RES_HDRS("180 Ringing",
			 "From: <sip:sipconform@127.0.0.1>;tag=other\n",
			 TO_TAG1, TB_CALLID, CSEQ_OK)),
	  IN(6, RES_HDRS("183 Session Progress",
			 "From: <sip:someone@127.0.0.1>;tag=ftag1\n",
			 TO_TAG1, TB_CALLID, CSEQ_OK))}, .end_ms = 100,
	 .broken = {E(R_MATCH_FROM, 2)}, .detail = "From tag"},
	{.name = "Call-ID changed",
	 .step = {OUT(0, TB_INVITE),
	  IN(5, RES_HDRS("180 Ringing", FROM_OK, TO_TAG1,
			 "Call-ID: TB-CALL-1@127.0.0.1\n", CSEQ_OK))},
	 .end_ms = 100, .broken = {E(R_MATCH_CALL_ID, 1)}},
	{.name = "CSeq number changed",
	 .step = {OUT(0, TB_INVITE),
	  IN(5, RES_HDRS("180 Ringing", FROM_OK, TO_TAG1, TB_CALLID,
			 "CSeq: 2 INVITE\n"))}, .end_ms = 100,
	 .broken = {E(R_MATCH_CSEQ, 1)}},
	{.name = "To URI changed",
	 .step = {OUT(0, TB_INVITE),
	  IN(5, RES_HDRS("180 Ringing", FROM_OK,
			 "To: <sip:other@127.0.0.1:5060>" TAG1 "\n",
			 TB_CALLID, CSEQ_OK))}, .end_ms = 100,
	 .broken = {E(R_MATCH_TO_URI, 1)}},
	{.name = "To URI in other bytes, equal by 19.1.4 (scheme, host case)",
	 .step = {OUT(0, TB_INVITE),
	  IN(5, RES_HDRS("180 Ringing", FROM_OK,
			 "To: SIP:service@127.0.0.1:5060" TAG1 "\n",
			 TB_CALLID, CSEQ_OK))}, .end_ms = 100,
	 .broken = {{0}}, .applied = {A(R_MATCH_TO_URI)}},
	{.name = "To URI user in another case: a different URI (19.1.4)",
	 .step = {OUT(0, TB_INVITE),
	  IN(5, RES_HDRS("180 Ringing", FROM_OK,
			 "To: <sip:Service@127.0.0.1:5060>" TAG1 "\n",
			 TB_CALLID, CSEQ_OK))}, .end_ms = 100,
	 .broken = {E(R_MATCH_TO_URI, 1)}},
	{.name = "Timestamp changed in 100",
	 .step = {OUT(0, TB_INVITE_HDRS("Timestamp: 54\n") "\n"),
	  IN(5, TB_RES("100 Trying", "") "Timestamp: 55\n\n")}, .end_ms = 100,
	 .broken = {E(R_MATCH_TIMESTAMP, 1)}, .detail = "55"},
	{.name = "Timestamp copied as the same number, a delay added",
	 .step = {OUT(0, TB_INVITE_HDRS("Timestamp: 54\n") "\n"),
	  IN(5, TB_RES("100 Trying", "") "Timestamp: 54.0 0.5\n\n")},
	 .end_ms = 100, .broken = {{0}}, .applied = {A(R_MATCH_TIMESTAMP)}},
	{.name = "Timestamp not copied into 100",
	 .step = {OUT(0, TB_INVITE_HDRS("Timestamp: 54\n") "\n"),
	  IN(5, R100)}, .end_ms = 100, .broken = {E(R_MATCH_TIMESTAMP, 1)}},

	/* ---- totag.* ---- */
	{.name = "180 without To tag",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180("")),
	  IN(1040, R200(TAG1)), OUT(1041, ACK2(TAG1))}, .end_ms = 1100,
	 .broken = {E(R_TOTAG_PRESENT, 1)}, .detail = "180"},
	{.name = "BYE answered with another tag",
	 .step = {CALL, OUT(2000, TB_BYE(TAG1)),
	  IN(2010, TB_BYE_RES("200 OK", TAG2) "\n")}, .end_ms = 2100,
	 .broken = {E(R_TOTAG_PRESENT, 1)}},
	{.name = "tag changes under one Contact",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(1040, R200(TAG2)), OUT(1041, ACK2(TAG2))}, .end_ms = 1100,
	 .broken = {E(R_TOTAG_STABLE, 1)}, .detail = "uas2"},
	{.name = "tag changes without Contact",
	 .step = {OUT(0, TB_INVITE), IN(5, R100),
	  IN(40, TB_RES("183 Session Progress", TAG1) "\n"),
	  IN(100, R486(TAG2)),
	  OUT(101, ACKN(TAG2))}, .end_ms = 1100,
	 .broken = {E(R_TOTAG_STABLE, 1)}},

	/* ---- order.* ---- */
	{.name = "2xx after 486",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(200, R200(TAG1)),
	  OUT(201, ACK2(TAG1))}, .end_ms = 300,
	 .broken = {E(R_ORDER_ONE_FINAL, 1)}, .detail = "486"},
	{.name = "486 after 200, retransmitted",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R200(TAG1)),
	  OUT(101, ACK2(TAG1)), IN(150, R486(TAG1)),
	  IN(650, R486(TAG1)), OUT(651, ACKN(TAG1))}, .end_ms = 700,
	 .broken = {E(R_ORDER_ONE_FINAL, 1)}},
	{.name = "202 after 200 with the same tag",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R200(TAG1)),
	  OUT(101, ACK2(TAG1)),
	  IN(150, TB_RES("202 Accepted", TAG1) CONTACT "\n")}, .end_ms = 200,
	 .broken = {E(R_ORDER_ONE_FINAL, 1)}, .detail = "same To tag"},
	{.name = "OPTIONS: 200 then 404",
	 .step = {OUT(0, TB_OPTIONS), IN(10, TB_OPT_RES("200 OK",
	  ";tag=o1") "\n"),
	  IN(20, TB_OPT_RES("404 Not Found", ";tag=o1") "\n")}, .end_ms = 100,
	 .broken = {E(R_ORDER_ONE_FINAL, 1)}},
	{.name = "OPTIONS: request retransmitted, 200 answered with a new tag",
	 .step = {OUT(0, TB_OPTIONS), IN(10, TB_OPT_RES("200 OK",
	  ";tag=o1") "\n"),
	  OUT(500, TB_OPTIONS),
	  IN(510, TB_OPT_RES("200 OK", ";tag=o2") "\n")}, .end_ms = 600,
	 .broken = {E(R_ORDER_ONE_FINAL, 1)}, .detail = "with To tag 'o2'"},
	/* a 1xx after the final: within T1 (500 ms) over UDP it may be
	 * reordering, a SHOULD; later, or over TCP, the MUST */
	{.name = "180 50 ms after 486, UDP: could be reordering",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(150, R180(TAG1))}, .end_ms = 200,
	 .broken = {E(R_ORDER_1XX_AFTER_FINAL_REORDERED, 1)},
	 .detail = "could be reordering"},
	{.name = "180 600 ms after 486, UDP: beyond T1",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(700, R180(TAG1))}, .end_ms = 800,
	 .broken = {E(R_ORDER_NO_1XX_AFTER_FINAL, 1)}},
	{.name = "180 50 ms after 486, TCP: a stream keeps the order",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(150, R180(TAG1))}, .end_ms = 200,
	 .tcp = true, .broken = {E(R_ORDER_NO_1XX_AFTER_FINAL, 1)}},
	{.name = "180 exactly T1 after 486, UDP: still within",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(600, R180(TAG1))}, .end_ms = 700,
	 .broken = {E(R_ORDER_1XX_AFTER_FINAL_REORDERED, 1)}},
	{.name = "180 T1 + 1 ms after 486, UDP: beyond",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(601, R180(TAG1))}, .end_ms = 700,
	 .broken = {E(R_ORDER_NO_1XX_AFTER_FINAL, 1)}},
	{.name = "180 exactly T1 = 100 ms after 486, --t1 100, UDP",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(200, R180(TAG1))}, .end_ms = 300,
	 .t1_ms = 100, .broken = {E(R_ORDER_1XX_AFTER_FINAL_REORDERED, 1)}},
	{.name = "180 120 ms after 486, --t1 100, UDP: the run's T1",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(220, R180(TAG1))}, .end_ms = 300,
	 .t1_ms = 100, .broken = {E(R_ORDER_NO_1XX_AFTER_FINAL, 1)}},
	{.name = "180 and 100 after 200 of the same tag, within T1",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R200(TAG1)),
	  OUT(101, ACK2(TAG1)), IN(150, R180(TAG1)), IN(160, R100)},
	 .end_ms = 200, .broken = {E(R_ORDER_1XX_AFTER_FINAL_REORDERED, 2)}},
	{.name = "180 after 200 of the same tag, one within T1, one beyond",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R200(TAG1)),
	  OUT(101, ACK2(TAG1)), IN(150, R180(TAG1)), IN(900, R180(TAG1))},
	 .end_ms = 1000, .broken = {E(R_ORDER_1XX_AFTER_FINAL_REORDERED, 1),
	  E(R_ORDER_NO_1XX_AFTER_FINAL, 1)}},
	{.name = "OPTIONS: 100 after 200, within T1",
	 .step = {OUT(0, TB_OPTIONS), IN(10, TB_OPT_RES("200 OK",
	  ";tag=o1") "\n"),
	  IN(20, TB_OPT_RES("100 Trying", "") "\n")}, .end_ms = 100,
	 .broken = {E(R_ORDER_1XX_AFTER_FINAL_REORDERED, 1)}},
	{.name = "OPTIONS: 100 after 200, TCP",
	 .step = {OUT(0, TB_OPTIONS), IN(10, TB_OPT_RES("200 OK",
	  ";tag=o1") "\n"),
	  IN(20, TB_OPT_RES("100 Trying", "") "\n")}, .end_ms = 100,
	 .tcp = true, .broken = {E(R_ORDER_NO_1XX_AFTER_FINAL, 1)}},
	{.name = "retransmitted 486 differs",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  IN(600, TB_RES("486 Busy", TAG1) "\n"),
	  IN(1600, TB_RES("486 Busy", TAG1) "\n"),
	  OUT(1601, ACKN(TAG1))}, .end_ms = 1700,
	 .broken = {E(R_ORDER_RETRANSMIT_SAME, 1)}, .detail = "byte 16"},
	{.name = "486 retransmitted after the ACK",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(100, R486(TAG1)),
	  OUT(101, ACKN(TAG1)), IN(2000, R486(TAG1)),
	  OUT(2001, ACKN(TAG1)), IN(6000, R486(TAG1))}, .end_ms = 7000,
	 .broken = {E(R_ORDER_AFTER_ACK, 1)}, .detail = "2 times"},
	{.name = "200 retransmitted after the ACK",
	 .step = {CALL, IN(3000, R200(TAG1)), OUT(3001, ACK2(TAG1))},
	 .end_ms = 3100,
	 .broken = {E(R_ORDER_AFTER_ACK, 1)}},
	{.name = "slow target (first answer after 2.5 s): a 486 1.9 s after "
	 "the ACK may precede its reading of it",
	 .step = {OUT(0, TB_INVITE), IN(2500, R486(TAG1)),
	  OUT(2501, ACKN(TAG1)), IN(4400, R486(TAG1)),
	  OUT(4401, ACKN(TAG1))}, .end_ms = 40000,
	 .broken = {E(R_TIME_100_TRYING, 1)},
	 .applied = {A(R_ORDER_AFTER_ACK)}},
	{.name = "slow target still retransmitting 8 s after the ACK",
	 .step = {OUT(0, TB_INVITE), IN(2500, R486(TAG1)),
	  OUT(2501, ACKN(TAG1)), IN(4400, R486(TAG1)),
	  OUT(4401, ACKN(TAG1)), IN(10500, R486(TAG1)),
	  OUT(10501, ACKN(TAG1))}, .end_ms = 40000,
	 .broken = {E(R_ORDER_AFTER_ACK, 1), E(R_TIME_100_TRYING, 1)},
	 .detail = "T1 + 2500 ms"},

	/* ---- cancel.* ---- */
	{.name = "CANCEL of a ringing INVITE: 481",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL),
	  IN(1002, TB_CANCEL_RES("481 Transaction Does Not Exist", TAG1)
	     "\n"), IN(1003, R487(TAG1)), OUT(1004, ACKN(TAG1))},
	 .end_ms = 1100, .broken = {E(R_CANCEL_200, 1)}, .detail = "481"},
	{.name = "CANCEL never answered, INVITE got 487",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL), IN(1003, R487(TAG1)),
	  OUT(1004, ACKN(TAG1))}, .end_ms = 2000,
	 .broken = {E(R_CANCEL_200, 1)}, .detail = "no response"},
	{.name = "CANCEL answered 200, INVITE gets 486",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL),
	  IN(1002, TB_CANCEL_RES("200 OK", TAG1) "\n"),
	  IN(1003, R486(TAG1)), OUT(1004, ACKN(TAG1))}, .end_ms = 1100,
	 .broken = {E(R_CANCEL_487, 1)}, .detail = "486"},
	{.name = "CANCEL answered 200, INVITE gets 200 after it",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL),
	  IN(1002, TB_CANCEL_RES("200 OK", TAG1) "\n"),
	  IN(1003, R200(TAG1)), OUT(1004, ACK2(TAG1))}, .end_ms = 1100,
	 .broken = {E(R_CANCEL_487, 1)}},
	{.name = "CANCEL answered 200, INVITE never final",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL),
	  IN(1002, TB_CANCEL_RES("200 OK", TAG1) "\n")}, .end_ms = 34000,
	 .broken = {E(R_CANCEL_487, 1)}, .detail = "no final"},
	/* a proxy answers the CANCEL at once with its own tag (16.10),
	 * before the UAS's 487 tells it any other */
	{.name = "proxy's 200 to CANCEL before the 487",
	 .step = {OUT(0, TB_INVITE), IN(5, R100),
	  OUT(1000, TB_CANCEL),
	  IN(1002, TB_CANCEL_RES("200 OK", ";tag=proxy") "\n"),
	  IN(1003, R487(TAG1)), OUT(1004, ACKN(TAG1))}, .end_ms = 40000,
	 .broken = {{0}}, .applied = {A(R_CANCEL_200), A(R_CANCEL_487)}},
	{.name = "200 to CANCEL with another tag",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  OUT(1000, TB_CANCEL),
	  IN(1002, TB_CANCEL_RES("200 OK", ";tag=cancel") "\n"),
	  IN(1003, R487(TAG1)), OUT(1004, ACKN(TAG1))}, .end_ms = 1100,
	 .broken = {E(R_CANCEL_TO_TAG, 1)}, .detail = "cancel"},

	/* ---- timing.* ---- */
	{.name = "first response after 250 ms",
	 .step = {OUT(0, TB_INVITE), IN(250, R180(TAG1)), IN(1040, R200(TAG1)),
	  OUT(1041, ACK2(TAG1))}, .end_ms = 1100,
	 .broken = {E(R_TIME_100_TRYING, 1)}, .detail = "250 ms"},
	/* a target that never answers is not judged (exit 3), not failed */
	{.name = "no response at all",
	 .step = {OUT(0, TB_INVITE)}, .end_ms = 1000, .broken = {{0}}},
	{.name = "65 s without a provisional, answered after 200 s",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(50000, R180(TAG1)), IN(115000, R180(TAG1)),
	  IN(170000, R180(TAG1)), IN(200000, R200(TAG1)),
	  OUT(200001, ACK2(TAG1))}, .end_ms = 200100,
	 .broken = {E(R_TIME_1XX_MINUTE, 1)}, .detail = "65 s"},
	{.name = "ringing, silent 80 s, trace ends at 200 s",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(60000, R180(TAG1)), IN(120000, R180(TAG1))}, .end_ms = 200000,
	 .broken = {E(R_TIME_1XX_MINUTE, 1)}},
	{.name = "2xx never retransmitted without ACK",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R200(TAG1))},
	 .end_ms = 40000, .broken = {E(R_TIME_2XX_RETRANSMIT, 1)},
	 .detail = "missing"},
	{.name = "2xx retransmitted every T1, not doubling",
	 .step = {OUT(0, TB_INVITE), IN(5, R100),
	  RETX(1000, R200(TAG1), 5, 500, 500), OUT(3100, ACK2(TAG1))},
	 .end_ms = 4000, .broken = {E(R_TIME_2XX_RETRANSMIT, 1)},
	 .detail = "#2 of 200 came 500 ms"},
	{.name = "486 not retransmitted over UDP",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(1000, R486(TAG1))},
	 .end_ms = 40000, .broken = {E(R_TIME_NON2XX_RETRANSMIT, 1)}},
	{.name = "2xx retransmitted past 64*T1",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), SCHED(1000, R200(TAG1), 13)},
	 .end_ms = 45000, .broken = {E(R_TIME_2XX_GIVE_UP, 1)},
	 .detail = "2 times"},
	{.name = "486 retransmitted past 64*T1",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), SCHED(1000, R486(TAG1), 12)},
	 .end_ms = 45000, .broken = {E(R_TIME_TIMER_H, 1)}},
};

static const struct tb_table table = TB_TABLE("a", family, cases);

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
	tb_run(&table);
	tb_coverage(&table);
	tb_repeatable(&table);
	test_t1_config();
	libre_close();
	return test_summary("test_rules_a");
}
