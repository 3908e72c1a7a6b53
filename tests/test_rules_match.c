/**
 * @file test_rules_match.c  Issue 8: match.* behind NAT, rport, via-count,
 *                           totag.stable, rel1xx retransmissions, SDP in
 *                           multipart bodies and the offer in the first
 *                           reliable 1xx
 *
 * Every row is a trace, the addresses it travelled between, and the exact
 * count of findings per rule of these families (every other rule of the
 * list must stay silent); optionally a piece of a finding's detail and
 * the number of MUST findings among these rules.
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
	R_MATCH_VIA, R_MATCH_VIA_COUNT, R_MATCH_VIA_RECEIVED,
	R_MATCH_VIA_RPORT, R_MATCH_RPORT_UNSUPPORTED, R_MATCH_RPORT_SOURCE,
	R_TOTAG_STABLE, R_TOTAG_STABLE_SINGLE_UAS, R_REL_RSEQ_SEQUENCE,
	R_REL_RETRANSMIT_SAME, R_REL_ONE_OUTSTANDING,
	R_REL_PRACK_2XX, R_REL_NO_2XX_BEFORE_PRACK,
	R_SDP_ANSWER, R_SDP_OFFER_IN_2XX, R_SDP_M_LINES, R_SDP_ANSWER_T_LINE,
	R_HV_VIA,
	R_SDP_RTPMAP_DYNAMIC, R_SDP_MEDIA_TYPE, R_SDP_NO_NEW_OFFER,
	R_SDP_SAME_ANSWER,
};

#define TAG1    ";tag=uas1"
#define TAG2    ";tag=uas2"
#define CONTACT "Contact: <sip:service@127.0.0.1:5060>\n"
#define CAPS    "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK\n" \
	"Supported: 100rel\n"
#define SDPBODY "Content-Type: application/sdp\n\n" TB_SDP

/* A request with a given top Via, and responses echoing one */
#define INV_VIA(via)							\
	"INVITE sip:service@127.0.0.1:5060 SIP/2.0\n" via		\
	"Max-Forwards: 70\n" TB_FROM TB_TO TB_CALLID			\
	"CSeq: 1 INVITE\nContact: <sip:sipconform@127.0.0.1:5070>\n\n"
#define RES_VIA(status, via, tag)					\
	"SIP/2.0 " status "\n" via TB_FROM				\
	"To: <sip:service@127.0.0.1:5060>" tag "\n" TB_CALLID		\
	"CSeq: 1 INVITE\n"
#define VIA_PRIV_RPORT \
	"Via: SIP/2.0/UDP 192.168.1.10:5070;rport;branch=" TB_BRANCH "\n"
#define VIA_DOMAIN \
	"Via: SIP/2.0/UDP client.invalid:5070;branch=" TB_BRANCH "\n"
#define VIA_LO_RPORT \
	"Via: SIP/2.0/UDP 127.0.0.1:5070;rport;branch=" TB_BRANCH "\n"
#define VIA_PRIV \
	"Via: SIP/2.0/UDP 192.168.1.10:5070;branch=" TB_BRANCH "\n"

/* Our socket behind a NAT, a public target */
#define NAT_LOCAL "192.168.1.10:5070"
#define NAT_PEER  "203.0.113.5:5060"

/* a reliable provisional of dialog tag, headers still open */
#define REL(status, tag, rseq) \
	TB_RES(status, tag) CONTACT "Require: 100rel\nRSeq: " rseq "\n"
#define R200(tag)       TB_RES("200 OK", tag) CONTACT CAPS SDPBODY
#define R200_NOSDP(tag) TB_RES("200 OK", tag) CONTACT CAPS "\n"

/* SDP as the application/sdp part of a multipart body (RFC 5621) */
#define MP_BODY(type)							\
	"Content-Type: " type ";boundary=\"b-1\"\n\n"			\
	"--b-1\nContent-Type: text/plain\n\nhello\n"			\
	"--b-1\nContent-Type: application/sdp\n\n" TB_SDP		\
	"--b-1--\n"
#define MP_NOSDP							\
	"Content-Type: multipart/mixed;boundary=b-2\n\n"		\
	"--b-2\nContent-Type: text/plain\n\nm=not sdp\n--b-2--\n"

/* The response to TB_PRACK(n, tag, ...) */
#define PRACK_RES(n, status, tag)					\
	"SIP/2.0 " status "\n"						\
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-tb-prack-" n "\n" \
	TB_FROM "To: <sip:service@127.0.0.1:5060>" tag "\n" TB_CALLID	\
	"CSeq: " n " PRACK\n\n"

static const struct tb_case cases[] = {
	/* ---- match.via-received / match.via-rport behind NAT ---- */
	{.name = "behind NAT: rport and received name the NAT",
	 .local = NAT_LOCAL, .peer = NAT_PEER,
	 .step = {OUT(0, INV_VIA(VIA_PRIV_RPORT)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 192.168.1.10:5070;"
			"rport=40000;branch=" TB_BRANCH
			";received=198.51.100.7\n", "") "\n")},
	 .broken = {{0}},
	 .applied = {A(R_MATCH_VIA_RPORT), A(R_MATCH_RPORT_SOURCE)}},
	{.name = "behind NAT: received for a domain sent-by is the NAT's",
	 .local = NAT_LOCAL, .peer = NAT_PEER,
	 .step = {OUT(0, INV_VIA(VIA_DOMAIN)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP client.invalid:5070;"
			"branch=" TB_BRANCH ";received=198.51.100.7\n", "")
	     "\n")},
	 .broken = {{0}}, .applied = {A(R_MATCH_VIA_RECEIVED)}},
	{.name = "behind NAT: sent-by our address needs no received",
	 .local = NAT_LOCAL, .peer = NAT_PEER,
	 .step = {OUT(0, INV_VIA(VIA_PRIV)),
	  IN(5, RES_VIA("100 Trying", VIA_PRIV, "") "\n")},
	 .broken = {{0}}},
	/* issue 9: received = "received" EQUAL (IPv4address / IPv6address)
	 * (RFC 3261 25.1) and response-port = "rport" [EQUAL 1*DIGIT] with
	 * a port of 1-65535 (RFC 3581 section 2): a value off that grammar
	 * is the Via's syntax defect, hdr.via.syntax's one finding, no
	 * longer a second one of match.via-received / match.via-rport */
	{.name = "behind NAT: received is still an IP address",
	 .local = NAT_LOCAL, .peer = NAT_PEER,
	 .step = {OUT(0, INV_VIA(VIA_DOMAIN)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP client.invalid:5070;"
			"branch=" TB_BRANCH ";received=nat.invalid\n", "")
	     "\n")},
	 .broken = {E(R_HV_VIA, 1)}, .detail = "[param-value]",
	 .must = 1},
	{.name = "behind NAT: rport is still a port number",
	 .local = NAT_LOCAL, .peer = NAT_PEER,
	 .step = {OUT(0, INV_VIA(VIA_PRIV_RPORT)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 192.168.1.10:5070;"
			"rport=70000;branch=" TB_BRANCH
			";received=198.51.100.7\n", "") "\n")},
	 .broken = {E(R_HV_VIA, 1)}, .detail = "byte 36 of the value",
	 .must = 1},
	{.name = "behind NAT: rport filled in, received still required",
	 .local = NAT_LOCAL, .peer = NAT_PEER,
	 .step = {OUT(0, INV_VIA(VIA_PRIV_RPORT)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 192.168.1.10:5070;"
			"rport=40000;branch=" TB_BRANCH "\n", "") "\n")},
	 .broken = {E(R_MATCH_VIA_RPORT, 1)}, .detail = "no received",
	 .must = 1},
	{.name = "loopback: no NAT, a wrong rport value is judged",
	 .step = {OUT(0, INV_VIA(VIA_LO_RPORT)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5070;"
			"rport=5999;branch=" TB_BRANCH
			";received=127.0.0.1\n", "") "\n")},
	 .broken = {E(R_MATCH_VIA_RPORT, 1)}, .detail = "port 5070",
	 .must = 1},
	{.name = "loopback 127.0.0.2: no NAT, a wrong received is judged",
	 .local = "127.0.0.2:5070",
	 .step = {OUT(0, INV_VIA(VIA_DOMAIN)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP client.invalid:5070;"
			"branch=" TB_BRANCH ";received=127.0.0.9\n", "")
	     "\n")},
	 .broken = {E(R_MATCH_VIA_RECEIVED, 1)}, .detail = "127.0.0.2",
	 .must = 1},
	{.name = "bare rport echoed: RFC 3581 not supported, a note",
	 .step = {OUT(0, INV_VIA(VIA_LO_RPORT)),
	  IN(5, RES_VIA("100 Trying", VIA_LO_RPORT, "") "\n")},
	 .broken = {E(R_MATCH_RPORT_UNSUPPORTED, 1)},
	 .applied = {A(R_MATCH_RPORT_UNSUPPORTED)}, .detail = "RFC 3581",
	 .must = 0},
	{.name = "bare rport echoed behind NAT: a note, no received asked",
	 .local = NAT_LOCAL, .peer = NAT_PEER,
	 .step = {OUT(0, INV_VIA(VIA_PRIV_RPORT)),
	  IN(5, RES_VIA("100 Trying", VIA_PRIV_RPORT, "") "\n")},
	 .broken = {E(R_MATCH_RPORT_UNSUPPORTED, 1)}, .must = 0},
	{.name = "rport dropped: the Via is not copied",
	 .step = {OUT(0, INV_VIA(VIA_LO_RPORT)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5070;"
			"branch=" TB_BRANCH "\n", "") "\n")},
	 .broken = {E(R_MATCH_VIA, 1)}, .detail = "rport", .must = 1},

	/* ---- match.rport-source ---- */
	{.name = "rport: response from another port",
	 .step = {OUT(0, INV_VIA(VIA_LO_RPORT)),
	  IN_FROM(5, "127.0.0.1:5062", RES_VIA("100 Trying",
	     "Via: SIP/2.0/UDP 127.0.0.1:5070;rport=5070;branch=" TB_BRANCH
	     ";received=127.0.0.1\n", "") "\n")},
	 .broken = {E(R_MATCH_RPORT_SOURCE, 1)}, .detail = "127.0.0.1:5062",
	 .must = 1},
	{.name = "rport: response from where the request went",
	 .step = {OUT(0, INV_VIA(VIA_LO_RPORT)),
	  IN(5, RES_VIA("100 Trying", "Via: SIP/2.0/UDP 127.0.0.1:5070;"
			"rport=5070;branch=" TB_BRANCH
			";received=127.0.0.1\n", "") "\n")},
	 .broken = {{0}}, .applied = {A(R_MATCH_RPORT_SOURCE)}},
	{.name = "no rport asked: the source is not judged",
	 .step = {OUT(0, TB_INVITE),
	  IN_FROM(5, "127.0.0.1:5062", TB_RES("100 Trying", "") "\n")},
	 .broken = {{0}}},

	/* ---- match.via-count: the UAC's SHOULD, a note ---- */
	{.name = "two Vias reach the UAC: match.via fails, via-count notes",
	 .step = {OUT(0, TB_INVITE),
	  IN(5, RES_VIA("100 Trying", TB_VIA "Via: SIP/2.0/UDP 10.0.0.9;"
			"branch=z9hG4bK-p\n", "") "\n")},
	 .broken = {E(R_MATCH_VIA, 1), E(R_MATCH_VIA_COUNT, 1)}, .must = 1},

	/* ---- totag.stable: a SHOULD (8.2.6.2) ---- */
	{.name = "tag changes under one Contact: a warning",
	 .step = {OUT(0, TB_INVITE), IN(40, TB_RES("180 Ringing", TAG1)
	  CONTACT "\n"), IN(1040, R200(TAG2)), OUT(1041, TB_ACK(TAG2))},
	 .broken = {E(R_TOTAG_STABLE, 1)}, .detail = "uas2", .must = 0},
	{.name = "tags differ under two Contacts: a fork, nothing to say",
	 .step = {OUT(0, TB_INVITE), IN(40, TB_RES("180 Ringing", TAG1)
	  "Contact: <sip:other@127.0.0.1:5062>\n\n"), IN(1040, R200(TAG2)),
	  OUT(1041, TB_ACK(TAG2))},
	 .broken = {{0}}, .applied = {A(R_TOTAG_STABLE)}},

	/* ---- totag.stable-single-uas: the user says one UAS, a MUST ---- */
	{.name = "--single-uas: tag changes under one Contact: a MUST",
	 .single_uas = true,
	 .step = {OUT(0, TB_INVITE), IN(40, TB_RES("180 Ringing", TAG1)
	  CONTACT "\n"), IN(1040, R200(TAG2)), OUT(1041, TB_ACK(TAG2))},
	 .broken = {E(R_TOTAG_STABLE_SINGLE_UAS, 1)},
	 .detail = "To tag 'uas2', the first 180 had 'uas1' (--single-uas",
	 .must = 1},
	{.name = "--single-uas: tags differ under two Contacts: a MUST",
	 .single_uas = true,
	 .step = {OUT(0, TB_INVITE), IN(40, TB_RES("180 Ringing", TAG1)
	  "Contact: <sip:other@127.0.0.1:5062>\n\n"), IN(1040, R200(TAG2)),
	  OUT(1041, TB_ACK(TAG2))},
	 .broken = {E(R_TOTAG_STABLE_SINGLE_UAS, 1)}, .must = 1},
	{.name = "--single-uas: three tags, two findings",
	 .single_uas = true,
	 .step = {OUT(0, TB_INVITE), IN(40, TB_RES("180 Ringing", TAG1)
	  CONTACT "\n"), IN(60, TB_RES("183 Session Progress", TAG2)
	  CONTACT "\n"), IN(80, TB_RES("180 Ringing", TAG2) CONTACT "\n"),
	  IN(1040, R200(";tag=uas3")), OUT(1041, TB_ACK(";tag=uas3"))},
	 .broken = {E(R_TOTAG_STABLE_SINGLE_UAS, 2)}, .must = 2},
	{.name = "--single-uas: one tag throughout, 100 without: nothing",
	 .single_uas = true,
	 .step = {OUT(0, TB_INVITE), IN(5, TB_RES("100 Trying", "") "\n"),
	  IN(40, TB_RES("180 Ringing", TAG1) CONTACT "\n"),
	  IN(1040, R200(TAG1)), OUT(1041, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_TOTAG_STABLE_SINGLE_UAS)}},

	/* ---- rel1xx.rseq-sequence: retransmission by identity ---- */
	{.name = "reliable 183 retransmitted with other bytes: a warning",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDPBODY),
	  IN(540, REL("183 Session Progress", TAG1, "1")
	     "Date: Sat, 13 Nov 2010 23:29:00 GMT\n" SDPBODY),
	  OUT(560, TB_PRACK("2", TAG1, "1")),
	  IN(1000, R200_NOSDP(TAG1)), OUT(1001, TB_ACK(TAG1))},
	 .broken = {E(R_REL_RETRANSMIT_SAME, 1)},
	 .detail = "retransmission of the reliable 183 (message 1, RSeq 1)",
	 .must = 0,
	 .applied = {A(R_REL_RSEQ_SEQUENCE), A(R_REL_ONE_OUTSTANDING)}},
	{.name = "reliable 183 changed twice: one warning",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDPBODY),
	  IN(540, REL("183 Session Progress", TAG1, "1")
	     "Date: Sat, 13 Nov 2010 23:29:00 GMT\n" SDPBODY),
	  IN(1540, REL("183 Session Progress", TAG1, "1")
	     "Date: Sat, 13 Nov 2010 23:29:01 GMT\n" SDPBODY),
	  OUT(1560, TB_PRACK("2", TAG1, "1")),
	  IN(2000, R200_NOSDP(TAG1)), OUT(2001, TB_ACK(TAG1))},
	 .broken = {E(R_REL_RETRANSMIT_SAME, 1)}, .must = 0},
	{.name = "reliable 183 retransmitted byte for byte: nothing to say",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDPBODY),
	  IN(540, REL("183 Session Progress", TAG1, "1") SDPBODY),
	  OUT(560, TB_PRACK("2", TAG1, "1")),
	  IN(1000, R200_NOSDP(TAG1)), OUT(1001, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_REL_RETRANSMIT_SAME)}},
	{.name = "late retransmission of RSeq 1 after RSeq 2",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDPBODY),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(90, REL("180 Ringing", TAG1, "2") "\n"),
	  IN(95, REL("183 Session Progress", TAG1, "1")
	     "Date: Sat, 13 Nov 2010 23:29:00 GMT\n" SDPBODY),
	  OUT(100, TB_PRACK("3", TAG1, "2")),
	  IN(1000, R200_NOSDP(TAG1)), OUT(1001, TB_ACK(TAG1))},
	 /* its bytes differ (a Date): that alone is the warning */
	 .broken = {E(R_REL_RETRANSMIT_SAME, 1)}, .must = 0,
	 .applied = {A(R_REL_RSEQ_SEQUENCE)}},
	{.name = "RSeq 1, 2, then 4: the gap is still judged",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDPBODY),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(90, REL("180 Ringing", TAG1, "2") "\n"),
	  OUT(100, TB_PRACK("3", TAG1, "2")),
	  IN(190, REL("180 Ringing", TAG1, "4") "\n"),
	  OUT(200, TB_PRACK("4", TAG1, "4")),
	  IN(1000, R200_NOSDP(TAG1)), OUT(1001, TB_ACK(TAG1))},
	 .broken = {E(R_REL_RSEQ_SEQUENCE, 1)}, .detail = "not 3",
	 .must = 1},

	/* ---- rel1xx.prack-2xx (RFC 3262 section 3) ---- */
	{.name = "PRACK of the reliable 180 gets 481",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("180 Ringing", TAG1, "1") "\n"),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(60, PRACK_RES("2", "481 Call/Transaction Does Not Exist", TAG1)),
	  IN(1000, R200(TAG1)), OUT(1001, TB_ACK(TAG1))},
	 .broken = {E(R_REL_PRACK_2XX, 1)}, .detail = "481 to the PRACK",
	 .must = 1},
	{.name = "PRACK of the reliable 180 gets 200",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("180 Ringing", TAG1, "1") "\n"),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(60, PRACK_RES("2", "200 OK", TAG1)),
	  IN(1000, R200(TAG1)), OUT(1001, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_REL_PRACK_2XX)}},
	{.name = "second PRACK of an acknowledged 180 may get 481",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("180 Ringing", TAG1, "1") "\n"),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(60, PRACK_RES("2", "200 OK", TAG1)),
	  OUT(70, TB_PRACK("3", TAG1, "1")),
	  IN(80, PRACK_RES("3", "481 Call/Transaction Does Not Exist", TAG1)),
	  IN(1000, R200(TAG1)), OUT(1001, TB_ACK(TAG1))},
	 .broken = {{0}}},
	{.name = "PRACK of an RSeq never received may get 481",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("180 Ringing", TAG1, "1") "\n"),
	  OUT(50, TB_PRACK("2", TAG1, "7")),
	  IN(60, PRACK_RES("2", "481 Call/Transaction Does Not Exist", TAG1)),
	  IN(1000, R200(TAG1)), OUT(1001, TB_ACK(TAG1))},
	 .broken = {{0}}},
	{.name = "PRACK crossing a 486 may get 481",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("180 Ringing", TAG1, "1") "\n"),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(55, TB_RES("486 Busy Here", TAG1) "\n"),
	  OUT(56, TB_ACK_NON2XX(TAG1)),
	  IN(60, PRACK_RES("2", "481 Call/Transaction Does Not Exist", TAG1))},
	 .broken = {{0}}},
	{.name = "PRACK challenged with 407 is not judged",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("180 Ringing", TAG1, "1") "\n"),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(60, PRACK_RES("2", "407 Proxy Authentication Required", TAG1)),
	  IN(1000, R200(TAG1)), OUT(1001, TB_ACK(TAG1))},
	 .broken = {{0}}},

	/* ---- rel1xx.no-2xx-before-prack (RFC 3262 section 3) ---- */
	{.name = "200 before the PRACK of a reliable 183 with SDP",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDPBODY),
	  IN(41, R200_NOSDP(TAG1)), OUT(42, TB_PRACK("2", TAG1, "1")),
	  OUT(43, TB_ACK(TAG1))},
	 .broken = {E(R_REL_NO_2XX_BEFORE_PRACK, 1)},
	 .detail = "before the PRACK", .must = 1},
	{.name = "200 after the PRACK of a reliable 183 with SDP",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDPBODY),
	  OUT(42, TB_PRACK("2", TAG1, "1")), IN(45, R200_NOSDP(TAG1)),
	  OUT(46, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_REL_NO_2XX_BEFORE_PRACK)}},
	{.name = "200 before the PRACK of a reliable 180 without SDP: MAY",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("180 Ringing", TAG1, "1") "\n"),
	  IN(41, R200(TAG1)), OUT(42, TB_PRACK("2", TAG1, "1")),
	  OUT(43, TB_ACK(TAG1))},
	 .broken = {{0}}},
	{.name = "486 before the PRACK of a reliable 183 with SDP: MAY",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDPBODY),
	  IN(41, TB_RES("486 Busy Here", TAG1) "\n"),
	  OUT(42, TB_ACK_NON2XX(TAG1))},
	 .broken = {{0}}},
	{.name = "200 of another fork before the PRACK",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDPBODY),
	  IN(41, TB_RES("200 OK", TAG2)
	     "Contact: <sip:other@127.0.0.1:5062>\n" CAPS SDPBODY),
	  OUT(42, TB_PRACK("2", TAG1, "1")), OUT(43, TB_ACK(TAG2))},
	 .broken = {{0}}},

	/* ---- sdp.*: multipart bodies (RFC 5621) ---- */
	{.name = "answer in multipart/mixed",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS
	     MP_BODY("multipart/mixed")), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_SDP_ANSWER), A(R_SDP_M_LINES)}},
	{.name = "answer in multipart/alternative",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS
	     MP_BODY("multipart/alternative")), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_SDP_ANSWER), A(R_SDP_M_LINES)}},
	{.name = "multipart answer with two m= lines is counted",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS
	     "Content-Type: multipart/mixed;boundary=xx\n\n"
	     "--xx\nContent-Type: application/sdp\n\n" TB_SDP
	     "m=video 4002 RTP/AVP 31\n--xx--\n"),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_M_LINES, 1)}, .detail = "2 m= lines", .must = 1},
	{.name = "multipart without SDP part is no answer",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS MP_NOSDP),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_ANSWER, 1)}, .must = 1},
	{.name = "offer in a multipart INVITE, answer in the 200",
	 .step = {OUT(0, TB_INVITE_HDRS("") MP_BODY("multipart/mixed")),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_SDP_ANSWER), A(R_SDP_M_LINES)}},

	/* ---- sdp.rtpmap-dynamic (RFC 4566 section 5.14, a SHOULD) ---- */
#define ANSWER_M(mline, attrs)						\
	TB_RES("200 OK", TAG1) CONTACT CAPS				\
	"Content-Type: application/sdp\n\nv=0\no=- 2 2 IN IP4 127.0.0.1\n" \
	"s=-\nc=IN IP4 127.0.0.1\nt=0 0\n" mline attrs
	{.name = "answer: dynamic 101 without rtpmap: a warning",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, ANSWER_M("m=audio 4000 RTP/AVP 0 101\n", "a=sendrecv\n")),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_RTPMAP_DYNAMIC, 1)},
	 .detail = "audio payload type 101 (dynamic) has no a=rtpmap",
	 .must = 0},
	{.name = "answer: dynamic 101 with its rtpmap",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, ANSWER_M("m=audio 4000 RTP/AVP 0 101\n",
			   "a=rtpmap:101 telephone-event/8000\n")),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_SDP_RTPMAP_DYNAMIC)}},
	{.name = "answer: rtpmap of another media section does not count",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, ANSWER_M("m=audio 4000 RTP/AVP 96\n",
			   "m=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\n")),
	  OUT(101, TB_ACK(TAG1))},
	 /* and m-lines: two answered for one offered */
	 .broken = {E(R_SDP_RTPMAP_DYNAMIC, 1), E(R_SDP_M_LINES, 1)},
	 .detail = "payload type 96", .must = 1},
	{.name = "answer: rejected stream (port 0) and static types: nothing",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, ANSWER_M("m=audio 0 RTP/AVP 96 0\n", "")),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}},
	{.name = "answer: a=rtpmap:1010 is not one of 101",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, ANSWER_M("m=audio 4000 RTP/SAVP 101\n",
			   "a=rtpmap:1010 x/8000\n")),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_RTPMAP_DYNAMIC, 1)}, .must = 0},
#undef ANSWER_M

	/* ---- sdp.answer-t-line (RFC 3264 section 6) ---- */
	{.name = "answer with another t= line",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS
	     "Content-Type: application/sdp\n\nv=0\no=- 2 2 IN IP4 127.0.0.1\n"
	     "s=-\nc=IN IP4 127.0.0.1\nt=3600 7200\nm=audio 4000 RTP/AVP 0\n"),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_ANSWER_T_LINE, 1)}, .detail = "t=3600 7200",
	 .must = 1},
	{.name = "answer without t= line",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS
	     "Content-Type: application/sdp\n\nv=0\no=- 2 2 IN IP4 127.0.0.1\n"
	     "s=-\nc=IN IP4 127.0.0.1\nm=audio 4000 RTP/AVP 0\n"),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_ANSWER_T_LINE, 1)}, .detail = "lacks", .must = 1},
	{.name = "answer t= equal, trailing space aside",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS
	     "Content-Type: application/sdp\n\nv=0\no=- 2 2 IN IP4 127.0.0.1\n"
	     "s=-\nc=IN IP4 127.0.0.1\nt=0 0 \nm=audio 4000 RTP/AVP 0\n"),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_SDP_ANSWER_T_LINE)}},
	{.name = "t= judged on the answer only, not a later 200",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDPBODY),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS
	     "Content-Type: application/sdp\n\nv=0\no=- 2 2 IN IP4 127.0.0.1\n"
	     "s=-\nc=IN IP4 127.0.0.1\nt=1 2\nm=audio 4000 RTP/AVP 0\n"),
	  OUT(101, TB_ACK(TAG1))},
	 /* the 200 changed the answer: a warning, not t= */
	 .broken = {E(R_SDP_SAME_ANSWER, 1)}, .must = 0,
	 .applied = {A(R_SDP_ANSWER_T_LINE)}},

	/* ---- sdp.media-type (RFC 3264 section 6, pairs by position) ---- */
	{.name = "answer: video m= line for the offered audio",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS
	     "Content-Type: application/sdp\n\nv=0\no=- 2 2 IN IP4 127.0.0.1\n"
	     "s=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=video 4000 RTP/AVP 31\n"),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_MEDIA_TYPE, 1)}, .must = 0,
	 .detail = "m= line 1 of the answer is video, the offer's audio"},
	{.name = "answer: audio for audio, rejected with port 0",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS
	     "Content-Type: application/sdp\n\nv=0\no=- 2 2 IN IP4 127.0.0.1\n"
	     "s=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 0 RTP/AVP 0\n"),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_SDP_MEDIA_TYPE)}},

	/* ---- sdp.same-answer (a SHOULD), sdp.no-new-offer (a MUST) ---- */
#define SDP_V(ver, extra)						\
	"Content-Type: application/sdp\n\nv=0\no=- 1 " ver		\
	" IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n"		\
	"m=audio 4000 RTP/AVP 0\n" extra
#define PRACK_SDP(tag)							\
	"PRACK sip:service@127.0.0.1:5060 SIP/2.0\n"			\
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-tb-prack-2\n"	\
	"Max-Forwards: 70\n" TB_FROM					\
	"To: <sip:service@127.0.0.1:5060>" tag "\n" TB_CALLID		\
	"CSeq: 2 PRACK\nRAck: 1 1 INVITE\n" SDP_V("1", "")
#define INV_NOSDP_100REL TB_INVITE_HDRS("Supported: 100rel\n") "\n"
	{.name = "answer in a reliable 183, the 200 repeats it",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDP_V("1", "")),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS SDP_V("1", "")),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_SDP_SAME_ANSWER)}},
	{.name = "answer in a reliable 183, the 200 has version 2",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDP_V("1", "")),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS SDP_V("2", "")),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_SAME_ANSWER, 1)}, .must = 0,
	 .detail = "carries 'o=- 1 2 IN IP4 127.0.0.1'"},
	{.name = "same o= line over another body",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDP_V("1", "")),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS
	     SDP_V("1", "a=sendonly\n")),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_SAME_ANSWER, 1)}, .must = 0,
	 .detail = "over another session description"},
	{.name = "ringback preview in an unreliable 183, then the answer",
	 .step = {OUT(0, TB_INVITE),
	  IN(40, TB_RES("183 Session Progress", TAG1) CONTACT
	     SDP_V("7", "")),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS SDP_V("8", "")),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}},
	{.name = "forks: each dialog its own answer, never compared",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDP_V("1", "")),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(100, TB_RES("200 OK", TAG2)
	     "Contact: <sip:other@127.0.0.1:5062>\n" CAPS SDP_V("5", "")),
	  OUT(101, TB_ACK(TAG2))},
	 .broken = {{0}}},
	{.name = "no offer: the 200 repeats the 183's offer",
	 .step = {OUT(0, INV_NOSDP_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDP_V("1", "")),
	  OUT(50, PRACK_SDP(TAG1)),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS SDP_V("1", "")),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_SDP_NO_NEW_OFFER)}},
	{.name = "no offer: a new offer in the 200 after our answer",
	 .step = {OUT(0, INV_NOSDP_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDP_V("1", "")),
	  OUT(50, PRACK_SDP(TAG1)),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS SDP_V("2", "")),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_NO_NEW_OFFER, 1)}, .must = 1,
	 .detail = "the 200 offers 'o=- 1 2 IN IP4 127.0.0.1'"},
	{.name = "no offer: a new offer in a second reliable 1xx",
	 .step = {OUT(0, INV_NOSDP_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDP_V("1", "")),
	  OUT(50, PRACK_SDP(TAG1)),
	  IN(80, REL("180 Ringing", TAG1, "2") SDP_V("2", "")),
	  OUT(90, TB_PRACK("3", TAG1, "2")),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS "\n"),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_NO_NEW_OFFER, 1)}, .must = 1},
	{.name = "no offer: no answer sent yet, nothing to judge",
	 .step = {OUT(0, INV_NOSDP_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDP_V("1", "")),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS SDP_V("2", "")),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}},
	{.name = "no offer: forks make their own offers",
	 .step = {OUT(0, INV_NOSDP_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDP_V("1", "")),
	  OUT(50, PRACK_SDP(TAG1)),
	  IN(100, TB_RES("200 OK", TAG2)
	     "Contact: <sip:other@127.0.0.1:5062>\n" CAPS SDP_V("9", "")),
	  OUT(101, TB_ACK(TAG2))},
	 .broken = {{0}}},
	{.name = "no offer: the 183 retransmitted with another SDP is the "
	 "same response",
	 .step = {OUT(0, INV_NOSDP_100REL),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDP_V("1", "")),
	  OUT(50, PRACK_SDP(TAG1)),
	  IN(540, REL("183 Session Progress", TAG1, "1") SDP_V("2", "")),
	  IN(1000, TB_RES("200 OK", TAG1) CONTACT CAPS "\n"),
	  OUT(1001, TB_ACK(TAG1))},
	 .broken = {E(R_REL_RETRANSMIT_SAME, 1)}, .must = 0},
#undef INV_NOSDP_100REL
#undef PRACK_SDP
#undef SDP_V

	/* ---- sdp.offer-in-2xx: the first reliable 1xx (RFC 3262 5) ---- */
	{.name = "no offer in INVITE: the first reliable 1xx has none",
	 .step = {OUT(0, TB_INVITE_HDRS("Supported: 100rel\n") "\n"),
	  IN(40, REL("180 Ringing", TAG1, "1") "\n"),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(1000, R200(TAG1)), OUT(1001, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_OFFER_IN_2XX, 1)}, .detail = "reliable 180",
	 .must = 1},
	{.name = "no offer in INVITE: offer in the first reliable 1xx",
	 .step = {OUT(0, TB_INVITE_HDRS("Supported: 100rel\n") "\n"),
	  IN(40, REL("183 Session Progress", TAG1, "1") SDPBODY),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(1000, R200_NOSDP(TAG1)), OUT(1001, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_SDP_OFFER_IN_2XX)}},
	{.name = "no offer in INVITE: unreliable 183 SDP does not count",
	 .step = {OUT(0, TB_INVITE_NOSDP),
	  IN(40, TB_RES("183 Session Progress", TAG1) CONTACT SDPBODY),
	  IN(1000, R200_NOSDP(TAG1)), OUT(1001, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_OFFER_IN_2XX, 1)}, .must = 1},
};

/* these rows also count the MUST findings of the family (.must) */
static const struct tb_table table = {"match", family, ARRAY_SIZE(family),
	cases, ARRAY_SIZE(cases), true};

/* The levels issue 8 gives */
static void test_levels(void)
{
	CHECK(rule_get(R_MATCH_VIA_COUNT)->level == LEVEL_NOTE,
	      "match.via-count is a note (8.1.3.3 binds the UAC)");
	CHECK(rule_get(R_MATCH_RPORT_UNSUPPORTED)->level == LEVEL_NOTE,
	      "match.rport-unsupported is a note");
	CHECK(rule_get(R_TOTAG_STABLE)->level == LEVEL_SHOULD &&
	      !strcmp(rule_get(R_TOTAG_STABLE)->section, "8.2.6.2"),
	      "totag.stable is a SHOULD of 8.2.6.2");
	CHECK(rule_get(R_TOTAG_STABLE_SINGLE_UAS)->level == LEVEL_MUST &&
	      !strcmp(rule_get(R_TOTAG_STABLE_SINGLE_UAS)->section, "8.2.6.2"),
	      "totag.stable-single-uas is a MUST of 8.2.6.2");
	CHECK(!strcmp(rule_get(R_REL_RSEQ_SEQUENCE)->section, "3, 4"),
	      "rel1xx.rseq-sequence cites 3, 4");
	/* where the target made the offer, another o= line can only be a
	 * new offer; a changed answer may be either: a SHOULD */
	CHECK(rule_get(R_SDP_NO_NEW_OFFER)->level == LEVEL_MUST &&
	      !strcmp(rule_get(R_SDP_NO_NEW_OFFER)->section, "13.3.1"),
	      "sdp.no-new-offer is a MUST of 13.3.1");
	CHECK(rule_get(R_SDP_SAME_ANSWER)->level == LEVEL_SHOULD,
	      "sdp.same-answer is a SHOULD");
	CHECK(rule_get(R_SDP_MEDIA_TYPE)->level == LEVEL_SHOULD,
	      "sdp.media-type is a SHOULD");
}

/* A note is counted apart from MUST and SHOULD */
static void test_note_counts(void)
{
	struct verdict v;
	struct pl q = PL("x");

	verdict_init(&v);
	verdict_add(&v, R_MATCH_VIA_COUNT, 0, 0, 0, q, "n");
	CHECK(v.must == 0 && v.should == 0 && v.notes == 1 &&
	      !verdict_failed(&v), "a note is neither MUST nor SHOULD");
	verdict_reset(&v);
}

int main(void)
{
	libre_init();
	test_levels();
	test_note_counts();
	tb_run(&table);
	libre_close();
	return test_summary("test_rules_match");
}
