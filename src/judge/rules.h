/**
 * @file rules.h  The judge: rule catalogue, findings and verdicts
 *
 * The judge is pure.  Bytes and timestamps come in, findings go out; no
 * socket, clock or output format lives behind this header.
 */
#ifndef SIPCONFORM_JUDGE_RULES_H
#define SIPCONFORM_JUDGE_RULES_H

#include <re.h>
#include "sip/message.h"


enum rule_level {
	LEVEL_MUST = 0,    /**< broken: the target fails        */
	LEVEL_SHOULD,      /**< broken: a warning               */
};

/* Stable order of the catalogue; ids (the strings) are the contract. */
enum rule_id {
	/* status line (RFC 3261 section 7.1, 7.2, 25.1) */
	R_SL_LEADING_WS = 0,
	R_SL_VERSION,
	R_SL_VERSION_CASE,
	R_SL_SP,
	R_SL_CODE_DIGITS,
	R_SL_CODE_RANGE,
	R_SL_REASON_CHAR,
	R_SL_REASON_UTF8,
	R_SL_REASON_ESCAPE,
	R_SL_LINE_END,
	R_SL_TOO_LONG,

	/* framing (section 7, 7.3, 18.3, 20.14, 20.15) */
	R_FR_LINE_END,
	R_FR_END_OF_HEADERS,
	R_FR_HEADER_SYNTAX,
	R_FR_HEADER_DUPLICATE,
	R_FR_CLEN_MISMATCH,
	R_FR_CLEN_STREAM,
	R_FR_CLEN_MISSING,
	R_FR_CONTENT_TYPE,
	R_HDR_MANDATORY,

	/* matching the request (section 8.2.6.2, 17.1.3, 18.2.1, RFC 3581) */
	R_MATCH_TRANSACTION,
	R_MATCH_VIA,
	R_MATCH_VIA_COUNT,
	R_MATCH_VIA_RECEIVED,
	R_MATCH_VIA_RPORT,
	R_MATCH_FROM,
	R_MATCH_CALL_ID,
	R_MATCH_CSEQ,
	R_MATCH_TO_URI,
	R_MATCH_TIMESTAMP,

	/* To tags and dialogs (section 8.2.6.2, 12.1, 13.2.2.4) */
	R_TOTAG_PRESENT,
	R_TOTAG_STABLE,
	R_DIALOG_CONTACT,
	R_DIALOG_CONTACT_ONE,
	R_DIALOG_ALLOW_SUPPORTED,

	/* order (section 17.2.1, 13.3.1.4) */
	R_ORDER_ONE_FINAL,
	R_ORDER_NO_1XX_AFTER_FINAL,
	R_ORDER_RETRANSMIT_SAME,
	R_ORDER_AFTER_ACK,

	/* headers particular codes require (section 21, RFC 4028) */
	R_CODE_401,
	R_CODE_407,
	R_CODE_405,
	R_CODE_415,
	R_CODE_420,
	R_CODE_421,
	R_CODE_422,
	R_CODE_423,
	R_CODE_3XX_CONTACT,
	R_CODE_488_WARNING,

	/* timing (section 17.2.1, 13.3.1.1, 13.3.1.4) */
	R_TIME_100_TRYING,
	R_TIME_1XX_MINUTE,
	R_TIME_2XX_RETRANSMIT,
	R_TIME_NON2XX_RETRANSMIT,
	R_TIME_2XX_GIVE_UP,

	/* CANCEL (section 9.2) */
	R_CANCEL_200,
	R_CANCEL_487,
	R_CANCEL_TO_TAG,

	/* reliable provisional responses (RFC 3262) */
	R_REL_REQUIRE_RSEQ,
	R_REL_RSEQ_SEQUENCE,
	R_REL_NOT_100,
	R_REL_UNSOLICITED,
	R_REL_REQUIRED,
	R_REL_ONE_OUTSTANDING,

	/* offer/answer (section 13.2.1, RFC 3264) */
	R_SDP_ANSWER,
	R_SDP_OFFER_IN_2XX,
	R_SDP_M_LINES,

	/* OPTIONS and other non-INVITE requests (section 11.2, RFC 4320) */
	R_OPTIONS_CAPABILITIES,
	R_NONINVITE_PROVISIONAL,
	R_NONINVITE_EARLY_100,

	RULE_COUNT
};

struct rule {
	const char *id;
	enum rule_level level;
	const char *rfc;        /**< "RFC 3261"                          */
	const char *section;    /**< "7.2"                               */
	const char *summary;
};

const struct rule *rule_get(enum rule_id id);
int rule_lookup(const char *id);    /* enum rule_id or -1 */
const char *rule_level_str(enum rule_level l);

/** One broken rule, pointing into the judged bytes (never copied) */
struct finding {
	struct le le;
	enum rule_id rule;
	size_t msg;            /**< index of the message in the trace      */
	uint64_t t_us;         /**< its receive time                       */
	size_t off;            /**< byte offset in that message            */
	struct pl quote;       /**< the offending line                     */
	char *detail;          /**< what exactly was wrong                 */
};

/** Which rules were checked, and what broke */
struct verdict {
	struct list findings;
	uint8_t applied[RULE_COUNT];   /**< rule had something to check    */
	uint16_t broken[RULE_COUNT];   /**< findings per rule              */
	unsigned must, should;         /**< broken MUST / SHOULD findings   */
};

void verdict_init(struct verdict *v);
void verdict_reset(struct verdict *v);
void verdict_apply(struct verdict *v, enum rule_id r);
int  verdict_add(struct verdict *v, enum rule_id r, size_t msg,
		 uint64_t t_us, size_t off, struct pl quote,
		 const char *fmt, ...);
bool verdict_failed(const struct verdict *v);

/** What the judge knows about how a message travelled */
struct msg_ctx {
	size_t index;          /**< position in the trace                  */
	uint64_t t_us;         /**< receive time                           */
	bool stream;           /**< TCP/TLS: Content-Length is required    */
};

/* Rules over a single response: status line, framing, mandatory headers */
int judge_message(struct verdict *v, const struct message *m,
		  const struct msg_ctx *ctx);

#endif
