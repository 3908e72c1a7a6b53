/**
 * @file test_rules_single.c  The rules one response decides (rules/
 *                            single.c, framing.c), trace by trace, and
 *                            code.420-lists-option over the view
 *
 * Issue 8: the run and lint apply one implementation; lint's side is
 * tests/lint/ (test_lint.sh).  Every row: the exact count of findings per
 * rule of the list below (all others of the list silent), the rules that
 * must have been applied, optionally a piece of a finding's detail.
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
#include "sip/decode.h"
#include "sip/hvalue.h"
#include "judge/rules.h"
#include "trace/trace.h"
#include "judge/judge.h"
#include "result/run.h"
#include "testutil.h"
#include "tracebuild.h"
#include "torture.h"

static const enum rule_id family[] = {
	R_FR_CLEN_MISMATCH, R_FR_CONTENT_TYPE, R_FR_DATAGRAM_SURPLUS,
	R_HDR_CSEQ, R_TOTAG_PRESENT, R_TOTAG_NOT_IN_100,
	R_DIALOG_CONTACT, R_DIALOG_CONTACT_1XX, R_DIALOG_CONTACT_ONE,
	R_DIALOG_CONTACT_SIP_URI, R_CODE_401, R_CODE_407, R_CODE_420,
	R_CODE_420_OPTION, R_CODE_BASIC_AUTH, R_SL_TOO_LONG,
	R_DIALOG_RECORD_ROUTE, R_FR_TOO_MANY_HEADERS,
};

/* An INVITE through our own Record-Route (as --via-host sends it) */
#define RR_US "Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\n"
#define INVITE_RR TB_INVITE_HDRS(RR_US) "Content-Type: application/sdp\n\n" \
	TB_SDP
#define R200_RR(rr) TB_RES("200 OK", TAG1) rr CONTACT CAPS SDPBODY

#define TAG1    ";tag=uas1"
#define CONTACT "Contact: <sip:service@127.0.0.1:5060>\n"
#define CAPS    "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK\n" \
	"Supported: 100rel\n"
#define SDPBODY "Content-Type: application/sdp\n\n" TB_SDP
#define R200(tag)   TB_RES("200 OK", tag) CONTACT CAPS SDPBODY
/* a stray: a branch we never sent */
#define STRAY(status, tag, cseq)					\
	"SIP/2.0 " status "\n"						\
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-nobody\n"	\
	TB_FROM "To: <sip:service@127.0.0.1:5060>" tag "\n" TB_CALLID	\
	"CSeq: " cseq "\n"

/* 130 header lines: more than the 128 message_scan() keeps */
#define PAD10 "X-Pad: 0\nX-Pad: 1\nX-Pad: 2\nX-Pad: 3\nX-Pad: 4\n" \
	"X-Pad: 5\nX-Pad: 6\nX-Pad: 7\nX-Pad: 8\nX-Pad: 9\n"
#define PAD130 PAD10 PAD10 PAD10 PAD10 PAD10 PAD10 PAD10 PAD10 PAD10 \
	PAD10 PAD10 PAD10 PAD10

static const struct tb_case cases[] = {
	/* ---- framing.too-many-headers: our limit, not judged ---- */
	{.name = "486 with its Content-Type after 130 header lines: not "
	 "judged, not \"a body without Content-Type\"",
	 .step = {OUT(0, TB_INVITE),
	  IN(40, TB_RES("486 Busy Here", TAG1) PAD130
	     "Content-Type: text/plain\nContent-Length: 5\n\nhello"),
	  OUT(41, TB_ACK_NON2XX(TAG1))},
	 .broken = {E(R_FR_TOO_MANY_HEADERS, 1)},
	 .applied = {A(R_FR_TOO_MANY_HEADERS)}, .detail = "128 header lines"},
	/* ---- dialog.contact: MUST for 2xx and reliable 1xx ---- */
	{.name = "unreliable 180 with tag, no Contact: a SHOULD",
	 .step = {OUT(0, TB_INVITE), IN(40, TB_RES("180 Ringing", TAG1) "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_CONTACT_1XX, 1)},
	 .applied = {A(R_DIALOG_CONTACT_1XX), A(R_DIALOG_CONTACT)}},
	{.name = "reliable 183 with tag, no Contact: a MUST",
	 .step = {OUT(0, TB_INVITE_100REL),
	  IN(40, TB_RES("183 Session Progress", TAG1)
	     "Require: 100rel\nRSeq: 1\n" SDPBODY),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_CONTACT, 1)}, .applied = {A(R_DIALOG_CONTACT)},
	 .detail = "reliable"},
	/* ---- dialog.contact-sip-uri ---- */
	{.name = "200 with a tel: Contact",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) "Contact: <tel:+15551234567>\n"
	     CAPS SDPBODY), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_CONTACT_SIP_URI, 1)},
	 .applied = {A(R_DIALOG_CONTACT_SIP_URI)}, .detail = "tel:+1555"},
	{.name = "200 with a SIPS addr-spec Contact and parameters",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) "Contact: SIPS:svc@example.com"
	     ";expires=60\n" CAPS SDPBODY), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_DIALOG_CONTACT_SIP_URI)}},
	/* ---- totag.* ---- */
	{.name = "100 with a To tag: a SHOULD NOT (17.2.1)",
	 .step = {OUT(0, TB_INVITE), IN(5, TB_RES("100 Trying", TAG1) "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_TOTAG_NOT_IN_100, 1)},
	 .applied = {A(R_TOTAG_NOT_IN_100)}},
	{.name = "100 without To tag",
	 .step = {OUT(0, TB_INVITE), IN(5, TB_RES("100 Trying", "") "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_TOTAG_NOT_IN_100)}},
	{.name = "matched 486 without To tag: one finding, not two",
	 .step = {OUT(0, TB_INVITE), IN(40, TB_RES("486 Busy Here", "") "\n"),
	  OUT(41, TB_ACK_NON2XX(""))},
	 .broken = {E(R_TOTAG_PRESENT, 1)}, .applied = {A(R_TOTAG_PRESENT)}},
	{.name = "stray 486 without To tag: judged as lint judges it",
	 .step = {OUT(0, TB_INVITE), IN(40, STRAY("486 Busy Here", "",
						 "1 INVITE") "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_TOTAG_PRESENT, 1)}, .applied = {A(R_TOTAG_PRESENT)},
	 .detail = "486 without To tag"},
	/* ---- headers.cseq ---- */
	{.name = "stray with CSeq 2**31",
	 .step = {OUT(0, TB_INVITE), IN(40, STRAY("486 Busy Here", TAG1,
						 "2147483648 INVITE") "\n"),
	  IN(100, R200(TAG1)), OUT(101, TB_ACK(TAG1))},
	 .broken = {E(R_HDR_CSEQ, 1)}, .applied = {A(R_HDR_CSEQ)},
	 .detail = "below 2**31"},
	{.name = "CSeq 1 INVITE",
	 .step = {OUT(0, TB_INVITE), IN(100, R200(TAG1)),
	  OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_HDR_CSEQ)}},
	/* ---- code.basic-auth ---- */
	{.name = "401 with Digest and Basic",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(30, TB_OPT_RES("401 Unauthorized", TAG1)
	     "WWW-Authenticate: Digest realm=\"x\", nonce=\"n\"\n"
	     "WWW-Authenticate: Basic realm=\"x\"\n\n")},
	 .broken = {E(R_CODE_BASIC_AUTH, 1)},
	  .applied = {A(R_CODE_BASIC_AUTH)}},
	{.name = "407 with Digest only",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(30, TB_OPT_RES("407 Proxy Authentication Required", TAG1)
	     "Proxy-Authenticate: Digest realm=\"basic\", nonce=\"n\"\n\n")},
	 .broken = {{0}}, .applied = {A(R_CODE_BASIC_AUTH)}},
	{.name = "407 with bASIC: a token, any case (RFC 2617 auth-scheme)",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(30, TB_OPT_RES("407 Proxy Authentication Required", TAG1)
	     "Proxy-Authenticate: bASIC realm=\"x\"\n\n")},
	 .broken = {E(R_CODE_BASIC_AUTH, 1)},
	 .applied = {A(R_CODE_BASIC_AUTH)}},
	{.name = "401 with Basic and no auth-param: still a Basic challenge",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(30, TB_OPT_RES("401 Unauthorized", TAG1)
	     "WWW-Authenticate: Basic\n\n")},
	 .broken = {E(R_CODE_BASIC_AUTH, 1)},
	 .applied = {A(R_CODE_BASIC_AUTH)}},
	{.name = "401 with BasicX: another scheme",
	 .step = {OUT(0, TB_OPTIONS),
	  IN(30, TB_OPT_RES("401 Unauthorized", TAG1)
	     "WWW-Authenticate: BasicX realm=\"x\"\n\n")},
	 .broken = {{0}}, .applied = {A(R_CODE_BASIC_AUTH)}},
	/* ---- code.420-lists-option: needs our Require ---- */
	{.name = "420 to Require: 100rel listing another option",
	 .step = {OUT(0, TB_INVITE_REQ100REL),
	  IN(30, TB_RES("420 Bad Extension", TAG1) "Unsupported: foo\n\n"),
	  OUT(31, TB_ACK_NON2XX(TAG1))},
	 .broken = {E(R_CODE_420_OPTION, 1)}, .applied = {A(R_CODE_420_OPTION)},
	 .detail = "none of the request's Require"},
	{.name = "420 to Require: 100rel listing 100REL",
	 .step = {OUT(0, TB_INVITE_REQ100REL),
	  IN(30, TB_RES("420 Bad Extension", TAG1)
	     "Unsupported: foo, 100REL\n\n"),
	  OUT(31, TB_ACK_NON2XX(TAG1))},
	 .broken = {{0}}, .applied = {A(R_CODE_420_OPTION)}},
	/* ---- dialog.record-route: copied, in order (12.1.1) ---- */
	{.name = "200 copies Record-Route, split over two lines",
	 .step = {OUT(0, INVITE_RR),
	  IN(30, R200_RR("Record-Route: <sip:p1.example.com;lr>\n"
			 "Record-Route: <sip:p2.example.com;lr>\n")),
	  OUT(31, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_DIALOG_RECORD_ROUTE)}},
	{.name = "200 with a proxy's Record-Route above ours",
	 .step = {OUT(0, INVITE_RR),
	  IN(30, R200_RR("Record-Route: <sip:px.example.net;lr;x=1>, "
			 "<sip:p1.example.com;lr>,<sip:p2.example.com;lr>\n")),
	  OUT(31, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_DIALOG_RECORD_ROUTE)}},
	{.name = "200 with Record-Route reversed",
	 .step = {OUT(0, INVITE_RR),
	  IN(30, R200_RR("Record-Route: <sip:p2.example.com;lr>, "
			 "<sip:p1.example.com;lr>\n")),
	  OUT(31, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_RECORD_ROUTE, 1)},
	 .applied = {A(R_DIALOG_RECORD_ROUTE)}, .detail = "value 1"},
	{.name = "200 without Record-Route",
	 .step = {OUT(0, INVITE_RR), IN(30, R200_RR("")),
	  OUT(31, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_RECORD_ROUTE, 1)},
	 .applied = {A(R_DIALOG_RECORD_ROUTE)}, .detail = "the request had 2"},
	{.name = "reliable 180 with To tag drops lr of ours",
	 .step = {OUT(0, INVITE_RR),
	  IN(20, TB_RES("180 Ringing", TAG1) CONTACT
	     "Record-Route: <sip:p1.example.com>, <sip:p2.example.com;lr>\n"
	     "\n"),
	  IN(30, R200_RR(RR_US)), OUT(31, TB_ACK(TAG1))},
	 .broken = {E(R_DIALOG_RECORD_ROUTE, 1)},
	 .applied = {A(R_DIALOG_RECORD_ROUTE)}, .detail = "in the 180"},
	/* ---- bytes after the body (18.3, 7.5) ---- */
	{.name = "UDP: bytes after the Content-Length body",
	 .step = {OUT(0, TB_INVITE),
	  IN(40, TB_RES("486 Busy Here", TAG1) "Content-Length: 0\n\n"
	     "v=0\n"), OUT(41, TB_ACK_NON2XX(TAG1))},
	 .broken = {E(R_FR_DATAGRAM_SURPLUS, 1)},
	 .applied = {A(R_FR_DATAGRAM_SURPLUS)}, .detail = "5 bytes after"},
	{.name = "TCP: keep-alive CRLFs after the body",
	 .step = {OUT(0, TB_INVITE),
	  IN(40, TB_RES("486 Busy Here", TAG1) "Content-Length: 0\n\n"
	     "\n\n"), OUT(41, TB_ACK_NON2XX(TAG1))},
	 .broken = {{0}}, .applied = {A(R_FR_CLEN_MISMATCH)}, .tcp = true},
	{.name = "TCP: keep-alive CRLFs after an SDP body",
	 .step = {OUT(0, TB_INVITE),
	  IN(100, TB_RES("200 OK", TAG1) CONTACT CAPS
	     "Content-Type: application/sdp\nContent-Length: 87\n\n"
	     TB_SDP "\n\n\n\n"), OUT(101, TB_ACK(TAG1))},
	 .broken = {{0}}, .applied = {A(R_FR_CLEN_MISMATCH)}, .tcp = true},
};

static const struct tb_table table = TB_TABLE("single", family, cases);

/* -- hdr.*: every header value to its grammar (rules/hdrsyntax.c) ------- */

/* The rules of a header defect; all others of them stay silent */
static const enum rule_id hv_family[] = {
	R_HV_VIA, R_HV_FROM, R_HV_TO, R_HV_CALL_ID, R_HV_CONTACT,
	R_HV_CONTACT_OTHER, R_HV_ROUTE, R_HV_AUTH, R_HV_OTHER, R_HDR_CSEQ,
	R_FR_CLEN_MISMATCH, R_HV_URI_PARAM_DUP, R_HV_PARAM_DUP,
};

#define HV_TO    "To: <sip:service@127.0.0.1:5060>;tag=uas1\n"
#define HV_CSEQ  "CSeq: 1 INVITE\n"
#define HV_RES(status, via, from, to, callid, cseq) \
	"SIP/2.0 " status "\n" via from to callid cseq
#define HV_486(extra) \
	HV_RES("486 Busy Here", TB_VIA, TB_FROM, HV_TO, TB_CALLID, HV_CSEQ) \
	extra "\n"

struct hvcase {
	const char *name;
	const char *text;        /* "\n" line ends, Content-Length added  */
	enum rule_id rule;       /* RULE_COUNT: no finding of hv_family   */
	const char *at;          /* the defect is the first byte of the
				    first occurrence of this in the message */
	enum hv_defect defect;   /* named in the detail                   */
};

static const struct hvcase hvcases[] = {
	/* ---- MUST: what the UAC needs to process the response ---- */
	{"Via with an empty parameter ';;'",
	 HV_RES("486 Busy Here", "Via: SIP/2.0/UDP 127.0.0.1:5070;;branch="
		TB_BRANCH "\n", TB_FROM, HV_TO, TB_CALLID, HV_CSEQ) "\n",
	 R_HV_VIA, ";branch=", HV_PARAM_EMPTY},
	{"Via without transport",
	 HV_RES("486 Busy Here", "Via: SIP/2.0 127.0.0.1:5070;branch="
		TB_BRANCH "\n", TB_FROM, HV_TO, TB_CALLID, HV_CSEQ) "\n",
	 R_HV_VIA, "127.0.0.1:5070;branch", HV_VIA_PROTOCOL},
	{"Via with an unbracketed IPv6 sent-by",
	 HV_RES("486 Busy Here", "Via: SIP/2.0/UDP 2001:db8::1;branch="
		TB_BRANCH "\n", TB_FROM, HV_TO, TB_CALLID, HV_CSEQ) "\n",
	 R_HV_VIA, "2001:db8::1;", HV_IPV6_BARE},
	{"From with an unterminated quote",
	 HV_RES("486 Busy Here", TB_VIA, "From: \"Alice <sip:a@example.com>"
		";tag=ftag1\n", HV_TO, TB_CALLID, HV_CSEQ) "\n",
	 R_HV_FROM, "\"Alice", HV_QUOTE_OPEN},
	{"From with an unquoted ',' in the display name",
	 HV_RES("486 Busy Here", TB_VIA, "From: Doe, John <sip:j@example.com>"
		";tag=ftag1\n", HV_TO, TB_CALLID, HV_CSEQ) "\n",
	 R_HV_FROM, ", John", HV_DISPLAY_NAME},
	{"To with '< sip:... >'",
	 HV_RES("486 Busy Here", TB_VIA, TB_FROM,
		"To: < sip:service@127.0.0.1:5060 >;tag=uas1\n", TB_CALLID,
		HV_CSEQ) "\n",
	 R_HV_TO, " sip:service@127.0.0.1:5060 >", HV_ANGLE_LWS},
	{"To with a DEL in the user part (a CTL: quoted-pair aside, never)",
	 HV_RES("486 Busy Here", TB_VIA, TB_FROM,
		"To: <sip:serv\x7fice@127.0.0.1:5060>;tag=uas1\n", TB_CALLID,
		HV_CSEQ) "\n",
	 R_HV_TO, "\x7f", HV_CTL},
	{"Call-ID with white space (the LWS ends the word, the next byte is one too many)",
	 HV_RES("486 Busy Here", TB_VIA, TB_FROM, HV_TO,
		"Call-ID: tb call\n", HV_CSEQ) "\n",
	 R_HV_CALL_ID, "call\r\n", HV_CHAR},
	{"CSeq 2**31: headers.cseq owns CSeq, no hdr.* finding",
	 HV_RES("486 Busy Here", TB_VIA, TB_FROM, HV_TO, TB_CALLID,
		"CSeq: 2147483648 INVITE\n") "\n",
	 R_HDR_CSEQ, "2147483648", HV_RANGE},
	{"CSeq without method",
	 HV_RES("486 Busy Here", TB_VIA, TB_FROM, HV_TO, TB_CALLID,
		"CSeq: 1\n") "\n",
	 R_HDR_CSEQ, "\r\nContent-Length", HV_SEP},
	{"Content-Length -1: framing.content-length owns it",
	 HV_486("Content-Length: -1\n"),
	 R_FR_CLEN_MISMATCH, "-1\r\n\r\n", HV_NUMBER},
	{"Contact of a 200 to INVITE with an open '<'",
	 HV_RES("200 OK", TB_VIA, TB_FROM, HV_TO, TB_CALLID, HV_CSEQ)
	 "Contact: <sip:svc@127.0.0.1:5060\n" CAPS "\n",
	 R_HV_CONTACT, "<sip:svc", HV_ANGLE_OPEN},
	{"Contact of an unreliable 180 with tag: a dialog all the same",
	 HV_RES("180 Ringing", TB_VIA, TB_FROM, HV_TO, TB_CALLID, HV_CSEQ)
	 "Contact: <sip:svc@127.0.0.1:5060>;;x\n\n",
	 R_HV_CONTACT, ";x\r\n", HV_PARAM_EMPTY},
	{"Contact URI with transport= twice (19.1.1 MUST NOT)",
	 HV_486("Contact: <sip:svc@127.0.0.1:5060;transport=tcp;"
		"transport=udp>\n"),
	 R_HV_URI_PARAM_DUP, "transport=udp", HV_URI_PARAM_DUP},
	/* ---- SHOULD ---- */
	{"To with two tag= (no RFC sentence: SHOULD)",
	 HV_RES("486 Busy Here", TB_VIA, TB_FROM,
		"To: <sip:service@127.0.0.1:5060>;tag=uas1;tag=uas2\n",
		TB_CALLID, HV_CSEQ) "\n",
	 R_HV_PARAM_DUP, "tag=uas2", HV_PARAM_DUP},
	{"Contact of a 302: no dialog",
	 HV_RES("302 Moved Temporarily", TB_VIA, TB_FROM, HV_TO, TB_CALLID,
		HV_CSEQ) "Contact: sip:new@example.com?x=1\n\n",
	 R_HV_CONTACT_OTHER, "?x=1", HV_ANGLE_REQUIRED},
	{"Record-Route as an addr-spec",
	 HV_486("Record-Route: sip:p1.example.com;lr\n"),
	 R_HV_ROUTE, "sip:p1", HV_ANGLE_REQUIRED},
	{"WWW-Authenticate with an open quote",
	 HV_RES("401 Unauthorized", TB_VIA, TB_FROM, HV_TO, TB_CALLID,
		HV_CSEQ) "WWW-Authenticate: Digest realm=\"x\n\n",
	 R_HV_AUTH, "\"x\r\n", HV_QUOTE_OPEN},
	{"Max-Forwards 300", HV_486("Max-Forwards: 300\n"),
	 R_HV_OTHER, "300", HV_RANGE},
	{"Date not in GMT",
	 HV_486("Date: Sat, 13 Nov 2010 23:29:00 EST\n"),
	 R_HV_OTHER, "EST", HV_DATE},
	{"Warning with a 4-digit code",
	 HV_486("Warning: 3999 host \"x\"\n"),
	 R_HV_OTHER, "9 host", HV_NUMBER},
	{"Allow with an empty element",
	 HV_486("Allow: INVITE,,BYE\n"),
	 R_HV_OTHER, ",BYE", HV_LIST_EMPTY},
	{"RSeq 0", HV_486("RSeq: 0\n"), R_HV_OTHER, "0\r\n", HV_RANGE},
	{"Content-Type without subtype",
	 HV_486("Content-Type: application\n"),
	 R_HV_OTHER, "\r\nContent-Length", HV_MEDIA_TYPE},
	{"an unknown header with a control byte",
	 HV_486("X-Thing: a\x01z\n"), R_HV_OTHER, "\x01", HV_CTL},
	/* ---- valid: nothing to say ---- */
	{"200 with every header the rules know, folded and spaced",
	 HV_RES("200 OK", "Via: SIP / 2.0 / UDP 127.0.0.1:5070 ;branch = "
		TB_BRANCH ";received=127.0.0.1;rport=5070\n",
		"From: \"Sip \\\"Conform\\\"\" <sip:sipconform@127.0.0.1>"
		";tag=ftag1\n", "To: sip:service@127.0.0.1:5060 ;tag=uas1\n",
		TB_CALLID, "CSeq: 0001\n INVITE\n")
	 "Contact: \"svc\" <sip:svc@[2001:db8::1]:5060;transport=tcp>"
	 ";expires=60;q=0.5\n"
	 "Record-Route: <sip:p2.example.com;lr>, <sip:p1.example.com;lr>\n"
	 CAPS "Accept: application/sdp\nMax-Forwards: 70\n"
	 "Date: Sat, 13 Nov 2010 23:29:00 GMT\nWarning: 399 host \"x\"\n"
	 "Session-Expires: 1800;refresher=uas\nMin-SE: 90\n"
	 "Allow-Events: talk, hold\nX-Thing:  ;;,,;;\n"
	 "Content-Type: application/sdp;charset=utf-8\n\n" TB_SDP,
	 RULE_COUNT, NULL, HV_OK},
	{"401 with a Digest challenge",
	 HV_RES("401 Unauthorized", TB_VIA, TB_FROM, HV_TO, TB_CALLID,
		HV_CSEQ) "WWW-Authenticate: Digest realm=\"x\", "
	 "nonce=\"n\", qop=\"auth,auth-int\", algorithm=MD5, stale=false\n\n",
	 RULE_COUNT, NULL, HV_OK},
	{"302 with several Contacts and '*'-free params",
	 HV_RES("302 Moved Temporarily", TB_VIA, TB_FROM, HV_TO, TB_CALLID,
		HV_CSEQ) "Contact: <sip:a@example.com>;q=0.7, "
	 "sip:b@example.com;expires=0\n\n",
	 RULE_COUNT, NULL, HV_OK},
};

/* The findings of hv_family in v: exactly the one of c */
static void hv_compare(const struct hvcase *c, const char *how,
		       const struct verdict *v, size_t msg,
		       const uint8_t *p, size_t len)
{
	size_t want_off = 0, n = 0;
	const struct finding *got = NULL;
	struct le *le;

	if (c->at) {
		const uint8_t *q = NULL;
		size_t al = strlen(c->at);

		for (size_t k = 0; !q && k + al <= len; k++)
			if (!memcmp(p + k, c->at, al))
				q = p + k;

		CHECK(q != NULL, "%s: '%s' not in the message", c->name, c->at);
		want_off = q ? (size_t)(q - p) : 0;
	}

	LIST_FOREACH(&v->findings, le) {
		const struct finding *f = le->data;
		bool ours = false;

		for (size_t k = 0; k < ARRAY_SIZE(hv_family); k++)
			ours |= f->rule == hv_family[k];
		if (!ours || f->msg != msg)
			continue;
		n++;
		got = f;
		if (c->rule == RULE_COUNT)
			re_fprintf(stderr, "    %s: %s at %zu\n",
				   rule_get(f->rule)->id, f->detail, f->off);
	}

	if (c->rule == RULE_COUNT) {
		CHECK(n == 0, "%s (%s): %zu findings, want none", c->name, how,
		      n);
		return;
	}
	CHECK(n == 1, "%s (%s): %zu findings, want one", c->name, how, n);
	if (!got)
		return;
	CHECK(got->rule == c->rule && got->off == want_off &&
	      got->detail && strstr(got->detail,
				    hvalue_defect_name(c->defect)) &&
	      strstr(got->detail, hvalue_defect_str(c->defect)),
	      "%s (%s): %s at %zu '%s', want %s at %zu [%s]", c->name, how,
	      rule_get(got->rule)->id, got->off, got->detail,
	      rule_get(c->rule)->id, want_off, hvalue_defect_name(c->defect));
}

/* Each row as lint judges it (judge_message on the bytes alone) and as a
 * run does (the response to our INVITE in a trace): the same finding */
static void test_hvalues(void)
{
	static struct message m;

	for (size_t i = 0; i < ARRAY_SIZE(hvcases); i++) {
		const struct hvcase *c = &hvcases[i];
		struct msg_ctx ctx = {.index = 0};
		struct msg_fields d;
		struct trace *t = NULL;
		struct verdict v;
		size_t len;
		uint8_t *p = tb_crlf(c->text, &len);

		verdict_init(&v);
		message_scan(&m, (const char *)p, len, 0);
		message_decode(&d, &m);
		CHECK(judge_message(&v, &m, &d, &ctx) == 0, "%s: judge",
		      c->name);
		hv_compare(c, "lint", &v, 0, p, len);
		verdict_reset(&v);

		trace_alloc(&t);
		tb_out(t, 0, TB_INVITE);
		tb_in(t, 40, c->text);
		t->end_us = 100000;
		CHECK(judge_trace(&v, t, NULL, NULL) == 0, "%s: judge_trace",
		      c->name);
		hv_compare(c, "run", &v, 1, p, len);
		verdict_reset(&v);
		mem_deref(t);
		mem_deref(p);
	}
}

/* -- RFC 4475 and RFC 5118 messages, turned into responses ------------- */

/* The rule each bad header of torture_bad[] (torture.h) breaks once its
 * message is a 200 to its own CSeq method: by the header's family, CSeq
 * headers.cseq's and Content-Length framing.content-length's */
static const struct {
	const char *name;
	unsigned hdr;
	enum rule_id rule;
} torture_rule[] = {
	{"badinv01", 5, R_HV_VIA},
	{"badinv01", 6, R_HV_CONTACT},         /* 200 to INVITE with tag */
	{"ncl", 8, R_FR_CLEN_MISMATCH},
	{"scalar02", 3, R_HDR_CSEQ},
	{"scalar02", 5, R_HV_OTHER},           /* Max-Forwards          */
	{"scalar02", 6, R_HV_OTHER},           /* Expires               */
	{"scalar02", 7, R_HV_CONTACT_OTHER},   /* REGISTER: no dialog   */
	{"scalarlg", 3, R_HDR_CSEQ},
	{"scalarlg", 5, R_HV_OTHER},           /* Retry-After           */
	{"scalarlg", 6, R_HV_OTHER},           /* Warning               */
	{"quotbal", 0, R_HV_TO},
	{"baddate", 6, R_HV_OTHER},            /* Date                  */
	{"regbadct", 6, R_HV_CONTACT_OTHER},   /* REGISTER              */
	{"badaspec", 3, R_HV_TO},
	{"baddn", 2, R_HV_FROM},
	{"baddn", 3, R_HV_TO},
	{"ipv6-bug-abnf-3-colons", 0, R_HV_TO},
};

/* "SIP/2.0 200 OK" in place of the request line, the headers as sent
 * and the empty line torture.h leaves out (the bodies are left out too:
 * Content-Length against the body is not what this test judges) */
static uint8_t *torture_response(const struct torture *t, size_t *lenp)
{
	static const char sl[] = "SIP/2.0 200 OK\r\n";
	const char *eol = memchr(t->text, '\n', t->len);
	size_t rest = eol ? t->len - (size_t)(eol + 1 - t->text) : 0;
	size_t n = sizeof(sl) - 1;
	uint8_t *p = mem_alloc(n + rest + 2, NULL);

	memcpy(p, sl, n);
	if (rest)
		memcpy(p + n, eol + 1, rest);
	memcpy(p + n + rest, "\r\n", 2);
	*lenp = n + rest + 2;
	return p;
}

static bool torture_finding_ours(const struct finding *f,
				 const struct message *m)
{
	for (size_t k = 0; k < ARRAY_SIZE(hv_family); k++) {
		if (f->rule != hv_family[k])
			continue;
		/* bodies are left out of torture.h: the length-against-body
		 * finding (at the line's start) is no header defect */
		if (f->rule == R_FR_CLEN_MISMATCH) {
			const struct msg_hdr *cl =
				message_hdr(m, HDR_CONTENT_LENGTH);

			return !cl || f->off != cl->off;
		}
		return true;
	}
	return false;
}

static void test_torture(void)
{
	static struct message m;
	unsigned valid = 0, invalid = 0, found = 0;

	for (size_t i = 0; i < ARRAY_SIZE(torture); i++) {
		const struct torture *t = &torture[i];
		struct msg_ctx ctx = {.index = 0};
		struct msg_fields d;
		struct verdict v;
		unsigned want = 0, got = 0;
		size_t len;
		uint8_t *p = torture_response(t, &len);
		struct le *le;

		verdict_init(&v);
		message_scan(&m, (const char *)p, len, 0);
		message_decode(&d, &m);
		CHECK(judge_message(&v, &m, &d, &ctx) == 0, "%s", t->name);

		for (size_t k = 0; k < ARRAY_SIZE(torture_bad); k++) {
			const struct msg_hdr *h;
			enum rule_id r = RULE_COUNT;
			size_t off;
			bool hit = false;

			if (strcmp(torture_bad[k].name, t->name))
				continue;
			want++;
			for (size_t j = 0; j < ARRAY_SIZE(torture_rule); j++)
				if (!strcmp(torture_rule[j].name, t->name) &&
				    torture_rule[j].hdr == torture_bad[k].hdr)
					r = torture_rule[j].rule;
			CHECK(r != RULE_COUNT, "%s header %u: no rule listed",
			      t->name, torture_bad[k].hdr);
			h = &m.hdrv[torture_bad[k].hdr];
			off = (size_t)(h->val.p - m.buf) + torture_bad[k].off;
			LIST_FOREACH(&v.findings, le) {
				const struct finding *f = le->data;

				hit |= f->rule == r && f->off == off &&
					strstr(f->detail, hvalue_defect_name(
					       torture_bad[k].defect));
			}
			CHECK(hit, "RFC %s %s %s: no %s at %zu (%s)", t->rfc,
			      t->sec, t->name, rule_get(r)->id, off,
			      torture_bad[k].why);
			found += hit;
		}

		LIST_FOREACH(&v.findings, le) {
			const struct finding *f = le->data;

			if (!torture_finding_ours(f, &m))
				continue;
			got++;
			printf("  RFC %s %s %s: %s %s at %zu: %s\n", t->rfc,
			       t->sec, t->name,
			       rule_level_str(rule_get(f->rule)->level),
			       rule_get(f->rule)->id, f->off, f->detail);
		}
		CHECK(got == want, "RFC %s %s %s: %u header findings, want "
		      "%u", t->rfc, t->sec, t->name, got, want);
		if (want)
			invalid++;
		else
			valid++;
		verdict_reset(&v);
		mem_deref(p);
	}
	printf("torture as responses: %zu messages, %u with header defects "
	       "(%u findings as listed), %u without a header finding\n",
	       ARRAY_SIZE(torture), invalid, found, valid);
}

/* statusline.too-long is our limit: the scenario is not judged (exit 3)
 * instead of failed, unless a MUST broke elsewhere */
static void test_nojudge(void)
{
	struct scen_result s;
	struct trace *t = NULL;
	char *res = NULL;
	char reason[1200];

	memset(reason, 'x', sizeof(reason) - 1);
	reason[sizeof(reason) - 1] = '\0';
	re_sdprintf(&res, "SIP/2.0 486 %s\n" TB_VIA TB_FROM
		    "To: <sip:service@127.0.0.1:5060>" TAG1 "\n" TB_CALLID
		    "CSeq: 1 INVITE\n\n", reason);

	trace_alloc(&t);
	tb_out(t, 0, TB_INVITE);
	tb_in(t, 40, res);
	tb_out(t, 41, TB_ACK_NON2XX(TAG1));
	t->end_us = 100000;

	memset(&s, 0, sizeof(s));
	s.judged = true;
	verdict_init(&s.verdict);
	CHECK(judge_trace(&s.verdict, t, NULL, NULL) == 0, "judge");
	CHECK(s.verdict.broken[R_SL_TOO_LONG] == 1, "too-long: %u findings",
	      s.verdict.broken[R_SL_TOO_LONG]);
	CHECK(!verdict_failed(&s.verdict), "too-long: counted as a MUST");
	CHECK(scen_verdict(&s) == RUN_NOJUDGE, "too-long: scenario %s",
	      run_verdict_str(scen_verdict(&s)));
	CHECK(run_exit_code(scen_verdict(&s), 0) == RUN_EXIT_NOJUDGE, "exit 3");

	/* a broken MUST wins over what could not be judged */
	verdict_add(&s.verdict, R_DIALOG_CONTACT, 1, 0, 0, pl_null, NULL);
	CHECK(scen_verdict(&s) == RUN_FAIL, "MUST and too-long: %s",
	      run_verdict_str(scen_verdict(&s)));

	verdict_reset(&s.verdict);
	mem_deref(t);
	mem_deref(res);
}

int main(void)
{
	libre_init();
	tb_run(&table);
	test_hvalues();
	test_torture();
	test_nojudge();
	libre_close();
	return test_summary("test_rules_single");
}
