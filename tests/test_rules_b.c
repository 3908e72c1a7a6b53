/**
 * @file test_rules_b.c  Rule families dialog.* code.*, rel1xx.*, sdp.*,
 *                       options.* and noninvite.*, trace by trace
 *
 * Every row is a trace and what these families must say about it: the
 * exact count of findings per rule (every rule of the families not listed
 * must stay silent), the rules that must have been applied, and
 * optionally a piece of a finding's detail.
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

/* The rules these tests own */
static const enum rule_id family[] = {
	R_DIALOG_CONTACT, R_DIALOG_CONTACT_1XX, R_DIALOG_CONTACT_ONE,
	R_DIALOG_CONTACT_SIP_URI, R_DIALOG_ALLOW_SUPPORTED, R_CODE_401, R_CODE_407, R_CODE_405, R_CODE_415, R_CODE_420,
	R_CODE_421, R_CODE_422, R_CODE_423, R_CODE_3XX_CONTACT,
	R_CODE_488_WARNING,
	R_REL_REQUIRE_RSEQ, R_REL_RSEQ_SEQUENCE, R_REL_NOT_100,
	R_REL_UNSOLICITED, R_REL_REQUIRED, R_REL_ONE_OUTSTANDING,
	R_SDP_ANSWER, R_SDP_OFFER_IN_2XX, R_SDP_M_LINES,
	R_OPTIONS_CAPABILITIES, R_NONINVITE_PROVISIONAL,
	R_NONINVITE_EARLY_100,
};

/* Pieces of responses to TB_INVITE */
#define TAG1    ";tag=uas1"
#define TAG2    ";tag=uas2"
#define CONTACT "Contact: <sip:service@127.0.0.1:5060>\n"
#define CAPS    "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK\n" \
	"Supported: 100rel\n"
#define SDPBODY "Content-Type: application/sdp\n\n" TB_SDP
#define SDP2M   SDPBODY "m=video 4002 RTP/AVP 31\n"

#define R100        TB_RES("100 Trying", "") "\n"
#define R180(tag)   TB_RES("180 Ringing", tag) CONTACT "\n"
#define R200(tag)   TB_RES("200 OK", tag) CONTACT CAPS SDPBODY
#define R200_NOSDP(tag) TB_RES("200 OK", tag) CONTACT CAPS "\n"
/* a reliable provisional of dialog tag, headers still open */
#define RELT(status, tag, rseq) \
	TB_RES(status, tag) CONTACT "Require: 100rel\nRSeq: " rseq "\n"
/* ... of dialog uas1 */
#define REL(status, rseq) RELT(status, TAG1, rseq)

static const struct tb_case cases[] = {
	/* ---- a normal call: nothing to say ---- */
	{.name = "good call",
	 .step = {OUT(0, TB_INVITE), IN(5, R100), IN(40, R180(TAG1)),
	  IN(1040, R200(TAG1)), OUT(1041, TB_ACK(TAG1))},
	 .broken = {{0}},
	 .applied = {A(R_DIALOG_CONTACT), A(R_DIALOG_CONTACT_ONE),
	  A(R_DIALOG_ALLOW_SUPPORTED), A(R_SDP_ANSWER), A(R_SDP_M_LINES),
	  A(R_REL_NOT_100)}},

	/* ---- dialog.* ---- */
	{.name = "200 without Contact",
	 .step = {OUT(0, TB_INVITE), IN(40, R180(TAG1)),
	  IN(100, TB_RES("200 OK", TAG1) CAPS SDPBODY),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_CONTACT, 1)}, .applied = {A(R_DIALOG_CONTACT)},
	 .detail = "no Contact"},
	{.name = "retransmitted 200 without Contact counts once",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CAPS SDPBODY),
	  IN(600, TB_RES("200 OK", TAG1) CAPS SDPBODY),
	  OUT(601, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_CONTACT, 1)}, .applied = {A(R_DIALOG_CONTACT)}},
	/* issue 8: an unreliable 1xx without Contact is a SHOULD */
	{.name = "180 with To tag without Contact",
	 .step = {OUT(0, TB_INVITE), IN(40, TB_RES("180 Ringing", TAG1) "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_CONTACT_1XX, 1)},
	 .applied = {A(R_DIALOG_CONTACT_1XX)}},
	{.name = "180 without To tag needs no Contact",
	 .step = {OUT(0, TB_INVITE), IN(40, TB_RES("180 Ringing", "") "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_DIALOG_CONTACT)}},
	{.name = "Contact with two URIs",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) "Contact: <sip:a@127.0.0.1>, "
	     "\"Doe, J\" <sip:b@127.0.0.1>\n" CAPS SDPBODY),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_CONTACT_ONE, 1)},
	 .applied = {A(R_DIALOG_CONTACT_ONE)}, .detail = "2 URIs"},
	{.name = "two Contact lines",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT
	     "Contact: <sip:b@127.0.0.1>\n" CAPS SDPBODY),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_CONTACT_ONE, 1)},
	 .applied = {A(R_DIALOG_CONTACT_ONE)}},
	{.name = "quoted comma is one URI",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) "Contact: \"Doe, J\" "
	     "<sip:b@127.0.0.1>\n" CAPS SDPBODY),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_DIALOG_CONTACT_ONE)}},
	{.name = "Contact: * in 200",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) "Contact: *\n" CAPS SDPBODY),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_CONTACT_ONE, 1)},
	 .applied = {A(R_DIALOG_CONTACT_ONE)}, .detail = "'*'"},
	{.name = "200 without Allow",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT "Supported: timer\n"
	     SDPBODY), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_ALLOW_SUPPORTED, 1)},
	 .applied = {A(R_DIALOG_ALLOW_SUPPORTED)},
	 .detail = "without Allow"},
	{.name = "200 without Allow and Supported",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT SDPBODY),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_ALLOW_SUPPORTED, 1)},
	 .applied = {A(R_DIALOG_ALLOW_SUPPORTED)},
	 .detail = "without Allow and Supported"},
	{.name = "compact k: counts as Supported, m: as Contact",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) "m: <sip:a@127.0.0.1>\n"
	     "Allow: INVITE\nk: timer\n" SDPBODY),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}},
	 .applied = {A(R_DIALOG_CONTACT), A(R_DIALOG_ALLOW_SUPPORTED)}},

	/* ---- code.*: to requests other than INVITE as well ---- */
	{.name = "405 to OPTIONS without Allow",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(30, TB_OPT_RES("405 Method Not Allowed", TAG1) "\n")},
	 .broken = {E(R_CODE_405, 1)}, .applied = {A(R_CODE_405)}},
	{.name = "415 with Accept-Language only",
	 .step = {OUT(0, TB_INVITE),
	  IN(30, TB_RES("415 Unsupported Media Type", TAG1)
	     "Accept-Language: en\n\n"),
	  OUT(31, TB_ACK_NON2XX(TAG1))},
	 .broken = {{0}}, .applied = {A(R_CODE_415)}},

	/* ---- rel1xx.* ---- */
	{.name = "good reliable 183, PRACK, reliable 180",
	 .step = {OUT(0, TB_INVITE_100REL), IN(5, R100),
	  IN(40, REL("183 Session Progress", "1") SDPBODY),
	  IN(540, REL("183 Session Progress", "1") SDPBODY),
	  OUT(560, TB_PRACK("2", TAG1, "1")),
	  IN(600, REL("180 Ringing", "2") "\n"),
	  OUT(610, TB_PRACK("3", TAG1, "2")),
	  IN(1000, R200_NOSDP(TAG1)), OUT(1001, TB_ACK(TAG1))},
	 .broken = {{0}},
	 .applied = {A(R_REL_REQUIRE_RSEQ), A(R_REL_RSEQ_SEQUENCE),
	  A(R_REL_ONE_OUTSTANDING), A(R_REL_NOT_100), A(R_SDP_ANSWER),
	  A(R_SDP_M_LINES)}},
	{.name = "RSeq without Require",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, TB_RES("180 Ringing", TAG1) CONTACT "RSeq: 1\n\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_REL_REQUIRE_RSEQ, 1)},
	  .applied = {A(R_REL_REQUIRE_RSEQ)},
	 .detail = "without Require"},
	{.name = "Require: 100rel without RSeq",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, TB_RES("180 Ringing", TAG1) CONTACT
	     "Require: 100rel\n\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_REL_REQUIRE_RSEQ, 1)},
	  .applied = {A(R_REL_REQUIRE_RSEQ)},
	 .detail = "without RSeq"},
	{.name = "RSeq 0",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("180 Ringing", "0") "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_REL_REQUIRE_RSEQ, 1)},
	  .applied = {A(R_REL_REQUIRE_RSEQ)}},
	{.name = "first RSeq above 2**31-1",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("180 Ringing", "2147483648") "\n"),
	  OUT(50, TB_PRACK("2", TAG1, "2147483648")),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_REL_RSEQ_SEQUENCE, 1)},
	  .applied = {A(R_REL_RSEQ_SEQUENCE)},
	 .detail = "2**31-1"},
	{.name = "first RSeq 2**31-1 is fine",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("180 Ringing", "2147483647") "\n"),
	  OUT(50, TB_PRACK("2", TAG1, "2147483647")),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_REL_RSEQ_SEQUENCE)}},
	{.name = "RSeq skips one",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", "7") SDPBODY),
	  OUT(50, TB_PRACK("2", TAG1, "7")),
	  IN(90, REL("180 Ringing", "9") "\n"),
	  OUT(95, TB_PRACK("3", TAG1, "9")),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_REL_RSEQ_SEQUENCE, 1)},
	  .applied = {A(R_REL_RSEQ_SEQUENCE)},
	 .detail = "not 8"},
	/* RFC 3262 section 4: same dialog, CSeq and RSeq is a
	 * retransmission, whatever its bytes (test_rules_match.c) */
	{.name = "RSeq reused by a different response: a retransmission",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", "7") SDPBODY),
	  OUT(50, TB_PRACK("2", TAG1, "7")),
	  IN(90, REL("180 Ringing", "7") "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}},
	 .applied = {A(R_REL_RSEQ_SEQUENCE)}},
	{.name = "forks number their RSeq each",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("180 Ringing", "1") "\n"),
	  IN(45, TB_RES("180 Ringing", TAG2) CONTACT
	     "Require: 100rel\nRSeq: 1\n\n"),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  OUT(51, TB_PRACK("3", TAG2, "1")),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}},
	 .applied = {A(R_REL_RSEQ_SEQUENCE), A(R_REL_ONE_OUTSTANDING)}},
	{.name = "reliable 100",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(5, TB_RES("100 Trying", "") "Require: 100rel\nRSeq: 1\n\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_REL_NOT_100, 1)}, .applied = {A(R_REL_NOT_100)}},
	{.name = "reliable 180 the INVITE did not ask for",
	 .step = {OUT(0, TB_INVITE), IN(40, REL("180 Ringing", "1") "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_REL_UNSOLICITED, 1)},
	  .applied = {A(R_REL_UNSOLICITED)}},
	{.name = "Require: 100rel in the INVITE, unreliable 180",
	 .step = {OUT(0, TB_INVITE_REQ100REL), IN(5, R100), IN(40, R180(TAG1)),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_REL_REQUIRED, 1)},
	 .applied = {A(R_REL_REQUIRED), A(R_REL_NOT_100)}},
	{.name = "Require: 100rel in the INVITE, reliable 180",
	 .step = {OUT(0, TB_INVITE_REQ100REL), IN(5, R100),
	  IN(40, REL("180 Ringing", "1") "\n"),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_REL_REQUIRED),
	  A(R_REL_REQUIRE_RSEQ)}},
	{.name = "second reliable before any PRACK",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", "1") SDPBODY),
	  IN(60, REL("180 Ringing", "2") "\n"),
	  OUT(70, TB_PRACK("2", TAG1, "1")),
	  OUT(71, TB_PRACK("3", TAG1, "2")),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_REL_ONE_OUTSTANDING, 1)},
	 .applied = {A(R_REL_ONE_OUTSTANDING)},
	 .detail = "before the PRACK"},
	{.name = "PRACK of another RSeq does not count",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", "1") SDPBODY),
	  OUT(50, TB_PRACK("2", TAG1, "5")),
	  IN(60, REL("180 Ringing", "2") "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_REL_ONE_OUTSTANDING, 1)},
	 .applied = {A(R_REL_ONE_OUTSTANDING)}},
	/* Tags are tokens, case-insensitive (RFC 3261 section 7.3.1,
	 * tag-param = "tag" EQUAL token): abc and ABC are one early
	 * dialog, so the second pair breaks what the first does */
	{.name = "RSeq 5 then 9, no PRACK, To tags abc and abc",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, RELT("180 Ringing", ";tag=abc", "5") "\n"),
	  IN(60, RELT("183 Session Progress", ";tag=abc", "9") "\n"),
	  IN(100, R200(";tag=abc")), OUT(101, TB_ACK(";tag=abc"))},
	 .broken = {E(R_REL_RSEQ_SEQUENCE, 1), E(R_REL_ONE_OUTSTANDING, 1)},
	 .applied = {A(R_REL_RSEQ_SEQUENCE), A(R_REL_ONE_OUTSTANDING)},
	 .detail = "RSeq 9 after 5, not 6"},
	{.name = "RSeq 5 then 9, no PRACK, To tags abc and ABC",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, RELT("180 Ringing", ";tag=abc", "5") "\n"),
	  IN(60, RELT("183 Session Progress", ";tag=ABC", "9") "\n"),
	  IN(100, R200(";tag=abc")), OUT(101, TB_ACK(";tag=abc"))},
	 .broken = {E(R_REL_RSEQ_SEQUENCE, 1), E(R_REL_ONE_OUTSTANDING, 1)},
	 .applied = {A(R_REL_RSEQ_SEQUENCE), A(R_REL_ONE_OUTSTANDING)},
	 .detail = "RSeq 9 sent before the PRACK"},
	{.name = "third before the second is PRACKed: only RECOMMENDED",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", "1") SDPBODY),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(60, REL("180 Ringing", "2") "\n"),
	  IN(70, REL("182 Queued", "3") "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_REL_ONE_OUTSTANDING)}},

	/* ---- sdp.* ---- */
	{.name = "offer, 200 without answer",
	 .step = {OUT(0, TB_INVITE), IN(40, R180(TAG1)),
	  IN(100, R200_NOSDP(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_ANSWER, 1)}, .applied = {A(R_SDP_ANSWER)},
	 .detail = "no SDP answer"},
	{.name = "offer, SDP only in an unreliable 183",
	 .step = {OUT(0, TB_INVITE),
	  IN(40, TB_RES("183 Session Progress", TAG1) CONTACT SDPBODY),
	  IN(100, R200_NOSDP(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_ANSWER, 1)}, .applied = {A(R_SDP_ANSWER)}},
	{.name = "offer, answer in an unsolicited reliable 183",
	 .step = {OUT(0, TB_INVITE),
	  IN(40, REL("183 Session Progress", "1") SDPBODY),
	  IN(100, R200_NOSDP(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_ANSWER, 1), E(R_REL_UNSOLICITED, 1)},
	 .applied = {A(R_SDP_ANSWER)}},
	{.name = "forked: second 200 without answer",
	 .step = {OUT(0, TB_INVITE), IN(100, R200(TAG1)),
	  OUT(101, TB_ACK(TAG1)), IN(120, R200_NOSDP(TAG2)),
	  OUT(121, TB_ACK(TAG2))},
	 .broken = {E(R_SDP_ANSWER, 1)}, .applied = {A(R_SDP_ANSWER)}},
	{.name = "no offer, 200 without offer",
	 .step = {OUT(0, TB_INVITE_NOSDP), IN(100, R200_NOSDP(TAG1)),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_OFFER_IN_2XX, 1)},
	  .applied = {A(R_SDP_OFFER_IN_2XX)},
	 .detail = "no SDP offer"},
	{.name = "no offer, offer in the 200",
	 .step = {OUT(0, TB_INVITE_NOSDP), IN(100, R200(TAG1)),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_SDP_OFFER_IN_2XX)}},
	{.name = "no offer, offer in a reliable 183",
	 .step = {OUT(0, TB_INVITE_HDRS("Supported: 100rel\n") "\n"),
	  IN(40, REL("183 Session Progress", "1") SDPBODY),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(100, R200_NOSDP(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_SDP_OFFER_IN_2XX)}},
	{.name = "answer with two m= lines to an offer with one",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS SDP2M),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_M_LINES, 1)}, .applied = {A(R_SDP_M_LINES)},
	 .detail = "2 m= lines"},
	{.name = "reliable 183 answer with two m= lines",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", "1") SDP2M),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(100, R200_NOSDP(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_SDP_M_LINES, 1)},
	 .applied = {A(R_SDP_M_LINES), A(R_SDP_ANSWER)}},
	{.name = "488 may describe capabilities, not an answer",
	 .step = {OUT(0, TB_INVITE),
	  IN(30, TB_RES("488 Not Acceptable Here", TAG1)
	     "Warning: 304 127.0.0.1 \"Media type not available\"\n"
	     SDP2M), OUT(31, TB_ACK_NON2XX(TAG1))},
	 .broken = {{0}}, .applied = {A(R_CODE_488_WARNING)}},

	/* ---- options.*, noninvite.* ---- */
	{.name = "OPTIONS 200 with every capability",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(30, TB_OPT_RES("200 OK", TAG1) CAPS "Accept: application/sdp\n"
	     "Accept-Encoding: identity\nAccept-Language: en\n\n")},
	 .broken = {{0}},
	 .applied = {A(R_OPTIONS_CAPABILITIES), A(R_NONINVITE_PROVISIONAL),
	  A(R_NONINVITE_EARLY_100)}},
	{.name = "OPTIONS 200 missing three",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(30, TB_OPT_RES("200 OK", TAG1) "Allow: INVITE\n"
	     "Accept: application/sdp\n\n")},
	 .broken = {E(R_OPTIONS_CAPABILITIES, 1)},
	 .applied = {A(R_OPTIONS_CAPABILITIES)},
	 .detail = "without Accept-Encoding, Accept-Language, Supported"},
	/* 11.2: a proxy SHOULD omit Allow; an OPTIONS to the server itself
	 * (no user part) may be answered by one */
	{.name = "OPTIONS to the server, 200 without Allow",
	 .step = {OUT(0, "OPTIONS sip:127.0.0.1:5060 SIP/2.0\n" TB_OPT_VIA
		      "Max-Forwards: 70\n" TB_FROM
		      "To: <sip:127.0.0.1:5060>\n"
		      "Call-ID: tb-opt-1@127.0.0.1\nCSeq: 1 OPTIONS\n\n"),
	  IN(30, "SIP/2.0 200 OK\n" TB_OPT_VIA TB_FROM
	     "To: <sip:127.0.0.1:5060>" TAG1 "\n"
	     "Call-ID: tb-opt-1@127.0.0.1\nCSeq: 1 OPTIONS\n"
	     "Supported: 100rel\nAccept: application/sdp\n"
	     "Accept-Encoding: identity\nAccept-Language: en\n\n")},
	 .broken = {{0}},
	 .applied = {A(R_OPTIONS_CAPABILITIES)}},
	{.name = "180 to OPTIONS",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(4000, TB_OPT_RES("180 Ringing", TAG1) "\n"),
	  IN(4100, TB_OPT_RES("486 Busy Here", TAG1) "\n")},
	 .broken = {E(R_NONINVITE_PROVISIONAL, 1)},
	 .applied = {A(R_NONINVITE_PROVISIONAL)}},
	{.name = "100 to OPTIONS at once over UDP",
	 .step = {OUT(0, TB_OPTIONS), IN(10, TB_OPT_RES("100 Trying", "") "\n"),
	  IN(20, TB_OPT_RES("486 Busy Here", TAG1) "\n")},
	 .broken = {E(R_NONINVITE_EARLY_100, 1)},
	 .applied = {A(R_NONINVITE_EARLY_100)},
	 .detail = "(3500 ms)"},
	{.name = "100 to OPTIONS at 3499 ms",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(3499, TB_OPT_RES("100 Trying", "") "\n"),
	  IN(5000, TB_OPT_RES("486 Busy Here", TAG1) "\n")},
	 .broken = {E(R_NONINVITE_EARLY_100, 1)},
	 .applied = {A(R_NONINVITE_EARLY_100)}},
	{.name = "100 to OPTIONS at 3500 ms",
	 .step = {OUT(0, TB_OPTIONS), OUT(500, TB_OPTIONS),
	  OUT(1500, TB_OPTIONS),
	  IN(3500, TB_OPT_RES("100 Trying", "") "\n"),
	  IN(5000, TB_OPT_RES("486 Busy Here", TAG1) "\n")},
	 .broken = {{0}},
	 .applied = {A(R_NONINVITE_EARLY_100), A(R_NONINVITE_PROVISIONAL)}},
	/* T1 1 s: fires at 1 s (reset to 2 s), at 3 s (reset to T2) */
	{.name = "T1 1 s: 100 at 2999 ms",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(2999, TB_OPT_RES("100 Trying", "") "\n"),
	  IN(5000, TB_OPT_RES("486 Busy Here", TAG1) "\n")},
	 .broken = {E(R_NONINVITE_EARLY_100, 1)},
	 .applied = {A(R_NONINVITE_EARLY_100)}, .detail = "(3000 ms)",
	 .t1_ms = 1000},
	/* T1 100 ms: 100, 300, 700, 1500, 3100, then 6300 ms (reset to T2) */
	{.name = "T1 100 ms: 100 at 6299 ms",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(6299, TB_OPT_RES("100 Trying", "") "\n"),
	  IN(7000, TB_OPT_RES("486 Busy Here", TAG1) "\n")},
	 .broken = {E(R_NONINVITE_EARLY_100, 1)},
	 .applied = {A(R_NONINVITE_EARLY_100)}, .detail = "(6300 ms)",
	 .t1_ms = 100},
	{.name = "T1 1 s: 100 at 3000 ms",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(3000, TB_OPT_RES("100 Trying", "") "\n"),
	  IN(5000, TB_OPT_RES("486 Busy Here", TAG1) "\n")},
	 .broken = {{0}}, .applied = {A(R_NONINVITE_EARLY_100)}, .t1_ms = 1000},
	{.name = "100 to OPTIONS at once over TCP",
	 .step = {OUT(0, TB_OPTIONS), IN(10, TB_OPT_RES("100 Trying", "") "\n"),
	  IN(20, TB_OPT_RES("200 OK", TAG1) CAPS "Accept: application/sdp\n"
	     "Accept-Encoding: identity\nAccept-Language: en\n\n")},
	 .broken = {{0}},
	 .applied = {A(R_NONINVITE_PROVISIONAL), A(R_OPTIONS_CAPABILITIES)},
	 .tcp = true},
	{.name = "183 to PRACK",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, REL("183 Session Progress", "1") SDPBODY),
	  OUT(50, TB_PRACK("2", TAG1, "1")),
	  IN(60, "SIP/2.0 183 Session Progress\n"
	     "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-tb-prack-2\n"
	     TB_FROM "To: <sip:service@127.0.0.1:5060>" TAG1 "\n"
	     TB_CALLID "CSeq: 2 PRACK\n\n"),
	  IN(100, R200_NOSDP(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_NONINVITE_PROVISIONAL, 1)},
	 .applied = {A(R_NONINVITE_PROVISIONAL)}, .detail = "PRACK"},
};

/* Header fields each code.* rule asks for, one that satisfies it */
static const struct {
	const char *status;
	const char *hdr;
	enum rule_id r;
} codes[] = {
	{"401 Unauthorized",
	 "WWW-Authenticate: Digest realm=\"x\", nonce=\"1\"\n", R_CODE_401},
	{"407 Proxy Authentication Required",
	 "Proxy-Authenticate: Digest realm=\"x\", nonce=\"1\"\n", R_CODE_407},
	{"405 Method Not Allowed", "Allow: OPTIONS\n", R_CODE_405},
	{"415 Unsupported Media Type", "Accept: application/sdp\n",
	 R_CODE_415},
	{"415 Unsupported Media Type", "Accept-Encoding: identity\n",
	 R_CODE_415},
	{"420 Bad Extension", "Unsupported: foo\n", R_CODE_420},
	{"421 Extension Required", "Require: 100rel\n", R_CODE_421},
	{"422 Session Interval Too Small", "Min-SE: 90\n", R_CODE_422},
	{"423 Interval Too Brief", "Min-Expires: 60\n", R_CODE_423},
	{"300 Multiple Choices",
	 "Contact: <sip:a@127.0.0.1>, <sip:b@127.0.0.1>\n",
	 R_CODE_3XX_CONTACT},
	{"302 Moved Temporarily", "m: <sip:a@127.0.0.1>\n",
	 R_CODE_3XX_CONTACT},
	{"488 Not Acceptable Here",
	 "Warning: 304 127.0.0.1 \"Media type not available\"\n",
	 R_CODE_488_WARNING},
};

static const struct tb_table table = TB_TABLE("b", family, cases);

/* Every code.* rule: silent until its code arrives, then broken without
 * its header field and satisfied with it */
static void test_codes(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(codes); i++) {
		for (int with = 0; with < 2; with++) {
			struct tb_case c = {
				.step = {OUT(0, TB_INVITE), IN(30, NULL),
					 OUT(31, TB_ACK_NON2XX(TAG1))},
				.end_ms = 100,
				.broken = {E(codes[i].r, with ? 0 : 1)},
				.applied = {A(codes[i].r)},
				.detail = with ? NULL : "without"};
			char *res = NULL, name[96];

			re_sdprintf(&res, "SIP/2.0 %s\n" TB_VIA TB_FROM
				    "To: <sip:service@127.0.0.1:5060>" TAG1
				    "\n" TB_CALLID "CSeq: 1 INVITE\n%s\n",
				    codes[i].status, with ? codes[i].hdr : "");
			snprintf(name, sizeof(name), "%s %s", codes[i].status,
				 with ? "with its header" : "without");

			c.name = name;
			c.step[1].text = res;
			tb_run_case(&table, &c);
			mem_deref(res);
		}
	}
}

/* A rule with nothing to judge is skipped, not passed */
static void test_skipped(void)
{
	static const enum rule_id not_in_call[] = {
		R_CODE_401, R_CODE_407, R_CODE_405, R_CODE_415, R_CODE_420,
		R_CODE_421, R_CODE_422, R_CODE_423, R_CODE_3XX_CONTACT,
		R_CODE_488_WARNING, R_REL_REQUIRE_RSEQ,
		R_REL_RSEQ_SEQUENCE, R_REL_REQUIRED, R_REL_ONE_OUTSTANDING,
		R_SDP_OFFER_IN_2XX, R_OPTIONS_CAPABILITIES,
		R_NONINVITE_PROVISIONAL, R_NONINVITE_EARLY_100,
	};
	struct trace *t = NULL;
	struct verdict v;

	trace_alloc(&t);
	tb_out(t, 0, TB_INVITE);
	tb_in(t, 5, R100);
	tb_in(t, 40, R180(TAG1));
	tb_in(t, 1040, R200(TAG1));
	tb_out(t, 1041, TB_ACK(TAG1));
	t->end_us = 1100000;

	verdict_init(&v);
	CHECK(judge_trace(&v, t, NULL, NULL) == 0, "judge");
	for (size_t i = 0; i < ARRAY_SIZE(not_in_call); i++)
		CHECK(!v.applied[not_in_call[i]], "good call: %s applied",
		      rule_get(not_in_call[i])->id);
	/* a 180 to an INVITE without 100rel: unsolicited was judged */
	CHECK(v.applied[R_REL_UNSOLICITED], "unsolicited applied");
	verdict_reset(&v);
	mem_deref(t);
}

int main(void)
{
	libre_init();
	tb_run(&table);
	test_codes();
	test_skipped();
	libre_close();
	return test_summary("test_rules_b");
}
