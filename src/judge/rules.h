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
	LEVEL_NOTE,        /**< information: no requirement on the
				target is broken (a UAC's own SHOULD, an
				optional extension not implemented)   */
	LEVEL_NOJUDGE,     /**< a finding says the message could
			        not be judged (a limit of ours,
			        no RFC sentence): no failure, but
			        no pass either                   */
};

/* One constant per row of rules.def, in its order; ids (the strings) are
 * the contract, these names are the code's. */
enum rule_id {
#define RULE(name, id, level, rfc, section, family, summary) name,
#include "judge/rules.def"
#undef RULE
	RULE_COUNT
};

struct rule {
	const char *id;         /**< "statusline.version"                */
	const char *family;     /**< "statusline": the id before the dot */
	enum rule_level level;
	const char *rfc;        /**< "RFC 3261"                          */
	const char *section;    /**< "7.2"                               */
	const char *summary;
};

const struct rule *rule_get(enum rule_id id);
int rule_lookup(const char *id);    /* enum rule_id or -1 */
/* the longest rule id, for the reports' id column */
int rule_id_width(void);
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
	unsigned notes;                /**< NOTE findings: information      */
	unsigned nojudge;              /**< messages that could not be
					    judged (LEVEL_NOJUDGE findings) */
};

void verdict_init(struct verdict *v);
void verdict_reset(struct verdict *v);
void verdict_apply(struct verdict *v, enum rule_id r);
int  verdict_add(struct verdict *v, enum rule_id r, size_t msg,
		 uint64_t t_us, size_t off, struct pl quote,
		 const char *fmt, ...);
bool verdict_failed(const struct verdict *v);
/* No MUST broken, but a message could not be judged */
bool verdict_unjudged(const struct verdict *v);

/** What the judge knows about how a message travelled, and the little
 * of its request a single-message rule may use */
struct msg_ctx {
	size_t index;          /**< position in the trace                  */
	uint64_t t_us;         /**< receive time                           */
	bool stream;           /**< TCP/TLS: Content-Length is required    */
	struct pl method;      /**< the request's method; p NULL: the
				    response's own CSeq method (lint)      */
	bool in_dialog;        /**< the request carried a To tag           */
};

struct msg_fields;

/* Every rule one response decides: status line, framing, mandatory
 * headers (framing.c), then judge_single(); d is message_decode(m) */
int judge_message(struct verdict *v, const struct message *m,
		  const struct msg_fields *d, const struct msg_ctx *ctx);
/* To tag, dialog Contact, CSeq, code.* (rules/single.c) */
int judge_single(struct verdict *v, const struct message *m,
		 const struct msg_fields *d, const struct msg_ctx *ctx);

struct hvalue;
/* hdr.*: every header value of m to its grammar (rules/hdrsyntax.c),
 * but those d found valid already; dialog: m creates a dialog
 * (hdr.contact.syntax, else -other) */
int judge_hvalues(struct verdict *v, const struct message *m,
		  const struct msg_fields *d, const struct msg_ctx *ctx,
		  bool dialog);
/* The finding of rule r for the defect hv of header h of m: at the
 * defect's offset in the message, quoting the line */
int hv_finding(struct verdict *v, enum rule_id r, const struct message *m,
	       const struct msg_hdr *h, const struct hvalue *hv,
	       const struct msg_ctx *ctx);

#endif
