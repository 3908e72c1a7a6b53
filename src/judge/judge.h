/**
 * @file judge.h  Judging a recorded trace
 *
 * judge_trace() builds the judge's view of a trace (view.h), runs the
 * single-message rules on every response and then each family of rules
 * over the view.  No socket, no clock: the same trace always gives the
 * same findings.
 */
#ifndef SIPCONFORM_JUDGE_JUDGE_H
#define SIPCONFORM_JUDGE_JUDGE_H

#include <re.h>
#include "judge/rules.h"
#include "trace/trace.h"
/* struct jmsg: the client and the reference UAS read messages through it */
#include "judge/view.h"


/** The timers the target is held to (RFC 3261 section 17.1.1.1) */
struct judge_cfg {
	uint32_t t1_ms;
	uint32_t t2_ms;
	bool single_uas;   /**< the user declares the peer one UAS, no
			        proxy or B2BUA (--single-uas): To tags are
			        then held to 8.2.6.2 as a MUST          */
};

/* libre's SIP_T1 and SIP_T2: 500 ms and 4 s */
#define JUDGE_CFG_DEFAULT {.t1_ms = SIP_T1, .t2_ms = SIP_T2}

/** What the reports show besides findings, all relative to the request */
struct judge_timings {
	int64_t to_100_us;       /**< -1: never                            */
	int64_t to_18x_us;       /**< post-dial delay                      */
	int64_t to_final_us;
	uint16_t final_scode;    /**< 0: no final                          */
	size_t rx_msgs, tx_msgs, rx_bytes, tx_bytes;
	size_t strays;           /**< responses matching no transaction    */
	size_t rx_retrans;       /**< responses identical to an earlier one */
	size_t tx_retrans;       /**< our requests sent again (Timer A/E)  */
};

/* One response on its own, as `sipconform lint` judges a saved file and
 * fuzz_message fuzzes it: message_scan(m, buf, len, maxline),
 * message_decode(), judge_message().  m is the caller's (struct message
 * is too large for a small stack); findings point into buf. */
int judge_response(struct verdict *v, struct message *m, const char *buf,
		   size_t len, size_t maxline, const struct msg_ctx *ctx);

/* cfg NULL: JUDGE_CFG_DEFAULT; tm may be NULL */
int judge_trace(struct verdict *v, const struct trace *t,
		const struct judge_cfg *cfg, struct judge_timings *tm);

#endif
