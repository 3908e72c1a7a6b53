/**
 * @file rules/catalogue.c  Every rule the judge knows, in one table
 *
 * An id is a contract with the CI jobs that grep for it: never rename one,
 * add new ones instead.
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"

#define MUST   LEVEL_MUST
#define SHOULD LEVEL_SHOULD
#define R3261  "RFC 3261"

static const struct rule catalogue[RULE_COUNT] = {
	[R_SL_LEADING_WS] = {"statusline.leading-ws", MUST, R3261, "7.2",
		"Status-Line starts with SIP-Version, no white space before"},
	[R_SL_VERSION] = {"statusline.version", MUST, R3261, "7.1",
		"SIP-Version is SIP/2.0"},
	[R_SL_VERSION_CASE] = {"statusline.version-case", MUST, R3261, "7.1",
		"SIP-Version is sent upper-case"},
	[R_SL_SP] = {"statusline.sp", MUST, R3261, "7.2",
		"exactly one SP after SIP-Version and after Status-Code"},
	[R_SL_CODE_DIGITS] = {"statusline.code-digits", MUST, R3261, "7.2",
		"Status-Code is exactly three digits"},
	[R_SL_CODE_RANGE] = {"statusline.code-range", MUST, R3261, "7.2",
		"Status-Code is in 100-699 (RFC 4475 3.1.2.19)"},
	[R_SL_REASON_CHAR] = {"statusline.reason-char", MUST, R3261, "25.1",
		"Reason-Phrase holds no CTL, NUL, DQUOTE or other "
		"disallowed byte"},
	[R_SL_REASON_UTF8] = {"statusline.reason-utf8", MUST, R3261, "25.1",
		"Reason-Phrase is well-formed UTF-8"},
	[R_SL_REASON_ESCAPE] = {"statusline.reason-escape", MUST, R3261,
		"25.1", "'%' in Reason-Phrase starts a %HEXHEX escape"},
	[R_SL_LINE_END] = {"statusline.line-end", MUST, R3261, "7.2",
		"Status-Line ends in CRLF, no bare CR or LF"},
	[R_SL_TOO_LONG] = {"statusline.too-long", MUST, R3261, "7.2",
		"Status-Line ends within the line limit"},

	[R_FR_LINE_END] = {"framing.line-end", MUST, R3261, "7",
		"every header line ends in CRLF"},
	[R_FR_END_OF_HEADERS] = {"framing.end-of-headers", MUST, R3261, "7",
		"an empty line (CRLF) ends the header fields"},
	[R_FR_HEADER_SYNTAX] = {"framing.header-syntax", MUST, R3261, "7.3.1",
		"a header line is field-name \":\" field-value"},
	[R_FR_HEADER_DUPLICATE] = {"framing.header-duplicate", MUST, R3261,
		"7.3.1", "single-valued header fields appear once"},
	[R_FR_CLEN_MISMATCH] = {"framing.content-length", MUST, R3261,
		"20.14", "Content-Length equals the length of the body"},
	[R_FR_CLEN_STREAM] = {"framing.content-length-stream", MUST, R3261,
		"18.3", "Content-Length is present on stream transports"},
	[R_FR_CLEN_MISSING] = {"framing.content-length-missing", SHOULD, R3261,
		"20.14", "Content-Length is present"},
	[R_FR_CONTENT_TYPE] = {"framing.content-type", MUST, R3261, "20.15",
		"Content-Type is present when the body is not empty"},
	[R_HDR_MANDATORY] = {"headers.mandatory", MUST, R3261, "8.1.1, 20",
		"Via, From, To, Call-ID and CSeq are present"},

	[R_MATCH_TRANSACTION] = {"match.transaction", MUST, R3261, "17.1.3",
		"a response matches a client transaction (Via branch and "
		"CSeq method)"},
	[R_MATCH_VIA] = {"match.via", MUST, R3261, "8.2.6.2",
		"Via header fields are copied from the request, same values "
		"and order"},
	[R_MATCH_VIA_COUNT] = {"match.via-count", SHOULD, R3261, "8.1.3.3",
		"a response reaching the UAC carries exactly one Via"},
	[R_MATCH_VIA_RECEIVED] = {"match.via-received", MUST, R3261,
		"18.2.1", "received is added when sent-by differs from the "
		"source address"},
	[R_MATCH_VIA_RPORT] = {"match.via-rport", MUST, "RFC 3581", "4",
		"rport requested in the request is filled in, with received"},
	[R_MATCH_FROM] = {"match.from", MUST, R3261, "8.2.6.2",
		"From (URI and tag) equals the request's"},
	[R_MATCH_CALL_ID] = {"match.call-id", MUST, R3261, "8.2.6.2",
		"Call-ID equals the request's"},
	[R_MATCH_CSEQ] = {"match.cseq", MUST, R3261, "8.2.6.2",
		"CSeq number and method equal the request's"},
	[R_MATCH_TO_URI] = {"match.to-uri", MUST, R3261, "8.2.6.2",
		"To URI equals the request's"},
	[R_MATCH_TIMESTAMP] = {"match.timestamp", MUST, R3261, "8.2.6.1",
		"Timestamp of the request is copied into the response"},

	[R_TOTAG_PRESENT] = {"totag.present", MUST, R3261, "8.2.6.2",
		"every response but 100 carries a To tag"},
	[R_TOTAG_STABLE] = {"totag.stable", MUST, R3261, "12.1, 13.3.1.1",
		"one UAS keeps one To tag across its responses to a request"},
	[R_DIALOG_CONTACT] = {"dialog.contact", MUST, R3261, "12.1.1",
		"a dialog-creating response (2xx, 101-199 with To tag) "
		"carries Contact"},
	[R_DIALOG_CONTACT_ONE] = {"dialog.contact-one", MUST, R3261,
		"12.1.1", "Contact of a dialog-creating response holds exactly "
		"one URI"},
	[R_DIALOG_ALLOW_SUPPORTED] = {"dialog.allow-supported", SHOULD, R3261,
		"13.3.1.4", "a 2xx to INVITE carries Allow and Supported"},

	[R_ORDER_ONE_FINAL] = {"order.one-final", MUST, R3261, "17.2.1",
		"one final response per transaction (forked 2xx aside)"},
	[R_ORDER_NO_1XX_AFTER_FINAL] = {"order.no-1xx-after-final", MUST,
		R3261, "17.2.1", "no provisional response after the final"},
	[R_ORDER_RETRANSMIT_SAME] = {"order.retransmit-same", SHOULD, R3261,
		"17.2.1", "a retransmitted final response is the same bytes"},
	[R_ORDER_AFTER_ACK] = {"order.after-ack", MUST, R3261,
		"17.2.1, 13.3.1.4", "a final response is no longer "
		"retransmitted once the ACK arrived"},

	[R_CODE_401] = {"code.401-www-authenticate", MUST, R3261, "21.4.2",
		"401 carries WWW-Authenticate"},
	[R_CODE_407] = {"code.407-proxy-authenticate", MUST, R3261, "21.4.8",
		"407 carries Proxy-Authenticate"},
	[R_CODE_405] = {"code.405-allow", MUST, R3261, "21.4.6",
		"405 carries Allow"},
	[R_CODE_415] = {"code.415-accept", MUST, R3261, "21.4.13",
		"415 carries Accept, Accept-Encoding or Accept-Language"},
	[R_CODE_420] = {"code.420-unsupported", MUST, R3261, "21.4.15",
		"420 carries Unsupported"},
	[R_CODE_421] = {"code.421-require", MUST, R3261, "21.4.16",
		"421 carries Require"},
	[R_CODE_422] = {"code.422-min-se", MUST, "RFC 4028", "6",
		"422 carries Min-SE"},
	[R_CODE_423] = {"code.423-min-expires", MUST, R3261, "10.3",
		"423 carries Min-Expires"},
	[R_CODE_3XX_CONTACT] = {"code.3xx-contact", SHOULD, R3261, "13.3.1.2",
		"a 300, 301 or 302 carries Contact with the new addresses"},
	[R_CODE_488_WARNING] = {"code.488-warning", SHOULD, R3261, "13.3.1.3",
		"488 carries Warning saying why"},

	[R_TIME_100_TRYING] = {"timing.100-trying", MUST, R3261, "17.2.1",
		"a provisional or final response within 200 ms of the INVITE"},
	[R_TIME_1XX_MINUTE] = {"timing.1xx-every-minute", MUST, R3261,
		"13.3.1.1", "a non-100 provisional at least every minute "
		"until the final"},
	[R_TIME_2XX_RETRANSMIT] = {"timing.2xx-retransmit", MUST, R3261,
		"13.3.1.4", "a 2xx is retransmitted until the ACK, T1 "
		"doubling up to T2"},
	[R_TIME_NON2XX_RETRANSMIT] = {"timing.non2xx-retransmit", MUST,
		R3261, "17.2.1", "a non-2xx final over UDP is retransmitted "
		"until the ACK on Timer G"},
	[R_TIME_2XX_GIVE_UP] = {"timing.give-up", MUST, R3261,
		"13.3.1.4, 17.2.1", "retransmissions of a final response end "
		"after 64*T1"},

	[R_CANCEL_200] = {"cancel.200", MUST, R3261, "9.2",
		"a CANCEL matching a pending INVITE gets 200"},
	[R_CANCEL_487] = {"cancel.487", SHOULD, R3261, "9.2",
		"the cancelled INVITE gets 487 (or a 2xx that won the race)"},
	[R_CANCEL_TO_TAG] = {"cancel.to-tag", SHOULD, R3261, "9.2",
		"the 200 to CANCEL has the To tag of the INVITE's response"},

	[R_REL_REQUIRE_RSEQ] = {"rel1xx.require-rseq", MUST, "RFC 3262", "3",
		"a reliable provisional carries Require: 100rel and RSeq"},
	[R_REL_RSEQ_SEQUENCE] = {"rel1xx.rseq-sequence", MUST, "RFC 3262",
		"3, 7.1", "RSeq starts in 1..2^31-1 and grows by one per "
		"reliable provisional"},
	[R_REL_NOT_100] = {"rel1xx.not-100", MUST, "RFC 3262", "3",
		"100 is never sent reliably"},
	[R_REL_UNSOLICITED] = {"rel1xx.unsolicited", MUST, "RFC 3262", "3",
		"no reliable provisional unless the INVITE supports 100rel"},
	[R_REL_REQUIRED] = {"rel1xx.required", MUST, "RFC 3262", "3",
		"when the INVITE requires 100rel, every non-100 provisional "
		"is reliable"},
	[R_REL_ONE_OUTSTANDING] = {"rel1xx.one-outstanding", MUST, "RFC 3262",
		"3", "no second reliable provisional before the first is "
		"PRACKed"},

	[R_SDP_ANSWER] = {"sdp.answer", MUST, R3261, "13.2.1, 13.3.1.4",
		"an INVITE with an offer gets the answer in the 2xx or a "
		"reliable 1xx"},
	[R_SDP_OFFER_IN_2XX] = {"sdp.offer-in-2xx", MUST, R3261, "13.2.1, 13.3.1.4",
		"an INVITE without offer gets the offer in the 2xx or a "
		"reliable 1xx"},
	[R_SDP_M_LINES] = {"sdp.m-lines", MUST, "RFC 3264", "6",
		"the answer has as many m= lines as the offer"},

	[R_OPTIONS_CAPABILITIES] = {"options.capabilities", SHOULD, R3261,
		"11.2", "a 200 to OPTIONS carries Allow, Accept, "
		"Accept-Encoding, Accept-Language and Supported"},
	[R_NONINVITE_PROVISIONAL] = {"noninvite.provisional", MUST,
		"RFC 4320", "4.1", "no provisional but 100 to a non-INVITE "
		"request"},
	[R_NONINVITE_EARLY_100] = {"noninvite.early-100", MUST, "RFC 4320",
		"4.1", "no 100 to a non-INVITE over UDP before Timer E "
		"reaches T2"},
};

const struct rule *rule_get(enum rule_id id)
{
	return (unsigned)id < RULE_COUNT ? &catalogue[id] : NULL;
}

int rule_lookup(const char *id)
{
	for (int i = 0; i < RULE_COUNT; i++)
		if (!strcmp(catalogue[i].id, id))
			return i;
	return -1;
}

const char *rule_level_str(enum rule_level l)
{
	return l == LEVEL_MUST ? "MUST" : "SHOULD";
}
