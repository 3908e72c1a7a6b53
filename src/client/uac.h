/**
 * @file uac.h  A correct UAC that records everything: transactions and
 *              dialogs on the wire layer, no libre SIP stack
 *
 * The scenarios drive it; it keeps RFC 3261's client transaction rules
 * (Timer A/B/D/E/F/K, ACK of non-2xx inside the transaction, end-to-end
 * ACK of every 2xx, PRACK of reliable provisionals) so a target is judged
 * while it talks to a well-behaved client.  It reads each message through the
 * judge's own decoder, so it acts on exactly what the judge sees.
 */
#ifndef SIPCONFORM_CLIENT_UAC_H
#define SIPCONFORM_CLIENT_UAC_H

#include <re.h>
#include "judge/judge.h"
#include "trace/trace.h"


struct uac;

struct uac_cfg {
	enum sip_transp tp;
	struct sa peer;            /**< where every request goes            */
	struct sa local;           /**< unset: chosen by the system         */
	struct sa src;             /**< without local: our address toward
				        peer as a runner of many calls found
				        it once (wire_source_addr); unset:
				        each call finds it                 */
	const char *ruri;          /**< Request-URI and To URI              */
	const char *from;          /**< From URI; NULL: sip:sipconform@ip   */
	const char *user;          /**< digest credentials, or NULL         */
	const char *password;
	bool sdp;                  /**< an offer in the INVITE              */
	bool require_100rel;       /**< Require: 100rel, not just Supported */
	bool no_100rel;            /**< neither: reliable 1xx unsolicited   */
	const char *via_host;      /**< sent-by host instead of our address */
	bool rport;                /**< ;rport in Via (RFC 3581)            */
	bool timestamp;            /**< Timestamp in requests               */
	bool withhold_ack;         /**< no ACK, no PRACK: the no-ack test   */
	uint32_t t1_ms, t2_ms;
	size_t rcvbuf;             /**< UDP receive buffer; 0: wire.c's     */
	const char *callid_tag;    /**< in every Call-ID (--shard's "sI.N":
				        shards' Call-IDs never meet), or NULL */
};

struct uac_ctrans;

/** A response to one of our transactions; retrans: same as an earlier */
typedef void (uac_resp_h)(struct uac_ctrans *ct, const struct jmsg *jm,
			  void *arg);
/** Timer B or F fired: the transaction got no final response */
typedef void (uac_timeout_h)(struct uac_ctrans *ct, void *arg);
/** The target sent a request (BYE after giving up on the ACK, ...) */
typedef void (uac_req_h)(const struct jmsg *jm, void *arg);
/** The stream transport closed */
typedef void (uac_close_h)(int err, void *arg);

int  uac_alloc(struct uac **up, struct trace *t, const struct uac_cfg *cfg,
	       uac_resp_h *resph, uac_timeout_h *toh, uac_req_h *reqh,
	       uac_close_h *closeh, void *arg);
void uac_finish(struct uac *u);

int  uac_invite(struct uac *u, struct uac_ctrans **ctp,
		const struct jmsg *challenge);
int  uac_cancel(struct uac *u, struct uac_ctrans *inv,
		struct uac_ctrans **ctp);
int  uac_options(struct uac *u, struct uac_ctrans **ctp);
int  uac_ack_pending(struct uac *u);
unsigned uac_bye_all(struct uac *u);
bool uac_busy(const struct uac *u);

const char *uac_ctrans_method(const struct uac_ctrans *ct);
bool uac_ctrans_final(const struct uac_ctrans *ct);
uint16_t uac_ctrans_scode(const struct uac_ctrans *ct);
bool uac_has_credentials(const struct uac *u);

#endif
