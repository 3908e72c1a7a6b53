/**
 * @file judge.h  Judging a recorded trace: the view the rules read
 *
 * judge_trace() maps every message of a trace once (message_scan plus
 * libre's header decoders on the header values, never on the whole
 * message, so a broken status line hides nothing), groups the messages
 * into the client transactions sipconform sent, and runs each family of
 * rules over that view.  No socket, no clock: the same trace always gives
 * the same findings.
 */
#ifndef SIPCONFORM_JUDGE_JUDGE_H
#define SIPCONFORM_JUDGE_JUDGE_H

#include <re.h>
#include "sip/message.h"
#include "sip/decode.h"
#include "sip/compare.h"
#include "judge/rules.h"
#include "trace/trace.h"


struct jtrans;

/** One message of the trace, mapped and decoded */
struct jmsg {
	const struct trace_ev *ev;
	size_t idx;              /**< ev->index: what findings cite        */
	uint64_t t_us;
	bool out;                /**< sent by sipconform                   */
	struct message *m;       /**< zero-copy map of the bytes           */

	struct msg_fields d;     /**< its decoded header fields            */

	struct jtrans *tr;       /**< its transaction, NULL for strays     */
};

/** A client transaction sipconform sent, with what came back */
struct jtrans {
	struct jmsg *req;        /**< first transmission                   */
	unsigned req_tx;         /**< transmissions, retransmits included  */
	struct jmsg **resv;      /**< responses in arrival order           */
	unsigned resc;
	struct jmsg *ack;        /**< first ACK sent for a non-2xx final
				      (same branch), or for a 2xx (same
				      Call-ID and CSeq number)             */
	struct jtrans *invite;   /**< CANCEL, ACK, PRACK: their INVITE     */
	bool is_invite;
};

struct judge_cfg {
	uint32_t t1_ms;          /**< 500 by default (section 17.1.1.1)    */
	uint32_t t2_ms;          /**< 4000                                 */
};

/** What the reports show besides findings, all relative to the request */
struct judge_timings {
	int64_t to_100_us;       /**< -1: never                            */
	int64_t to_18x_us;       /**< post-dial delay                      */
	int64_t to_final_us;
	uint16_t final_scode;    /**< 0: no final                          */
	size_t rx_msgs, tx_msgs, rx_bytes, tx_bytes;
	size_t strays;           /**< responses matching no transaction    */
};

struct judge {
	const struct judge_cfg *cfg;
	struct verdict *v;
	uint64_t end_us;         /**< when the recording stopped           */
	struct jmsg *msgv;
	size_t msgc;
	struct jtrans *trv;
	size_t trc;
};

int judge_trace(struct verdict *v, const struct trace *t,
		const struct judge_cfg *cfg, struct judge_timings *tm);

/* Helpers the rule families share */
bool jmsg_method(const struct jmsg *jm, const char *met);
bool jtrans_method(const struct jtrans *tr, const char *met);
struct pl jmsg_quote(const struct jmsg *jm);
const struct jmsg *jtrans_first_final(const struct jtrans *tr);
bool jmsg_has(const struct jmsg *jm, enum hdr_id id);
bool jmsg_same_final(const struct jmsg *a, const struct jmsg *b);
struct judge;
const struct jmsg *jtrans_ack_for(const struct judge *j,
				  const struct jtrans *tr,
				  const struct pl *tag, uint64_t from);
bool jmsg_is_retransmit(const struct jmsg *jm);

/* Add a finding about message jm; quote is its first line */
#define JFIND(j, r, jm, ...) \
	verdict_add((j)->v, (r), (jm)->idx, (jm)->t_us, 0, jmsg_quote(jm), \
		    __VA_ARGS__)

/* The families, one file each under rules/ */
int rules_match(struct judge *j);     /* match.*, totag.*                */
int rules_order(struct judge *j);     /* order.*, cancel.*               */
int rules_dialog(struct judge *j);    /* dialog.*, code.*                */
int rules_timing(struct judge *j);    /* timing.*                        */
int rules_rel1xx(struct judge *j);    /* rel1xx.*                        */
int rules_sdp(struct judge *j);       /* sdp.*                           */
int rules_noninvite(struct judge *j); /* options.*, noninvite.*          */

#endif
