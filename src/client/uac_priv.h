/**
 * @file uac_priv.h  Inside the UAC: what its files share
 *
 * uac.c is the glue and the public API (uac.h); request.c prints every
 * request from one skeleton; ctrans.c runs the client transactions;
 * dialog.c keeps the dialogs and sends inside them; auth.c answers a
 * digest challenge; serve.c answers the target's own requests.  The
 * scenarios see none of this: they use uac.h.
 */
#ifndef SIPCONFORM_CLIENT_UAC_PRIV_H
#define SIPCONFORM_CLIENT_UAC_PRIV_H

#include <re.h>
#include "judge/judge.h"
#include "trace/trace.h"
#include "client/wire.h"
#include "client/uac.h"


struct uac {
	struct uac_cfg cfg;
	struct trace *t;
	struct wire *w;
	struct sa local;
	char *from_uri;
	char *rr;                  /**< our Record-Route value, or NULL     */
	char callid[64];
	char ftag[24];
	uint32_t cseq;             /**< last CSeq outside the dialogs      */
	char stag[24];             /**< To tag of our answers outside a
				        dialog: random, 19.3               */
	struct list ctl;           /**< client transactions, in any state  */
	struct list dialogs;
	uint32_t sdp_ver;          /**< o= session version of our SDP       */
	struct mbuf *sdp_last;     /**< the last SDP we sent (RFC 3264 8)   */
	struct list sts;           /**< our 2xx to re-INVITEs, until ACK    */
	struct uac_ctrans *invite; /**< the current INVITE                  */
	uac_resp_h *resph;
	uac_timeout_h *toh;
	uac_req_h *reqh;
	uac_close_h *closeh;
	void *arg;
};


/* request.c: one skeleton for every request we send */

enum { BRANCH_SIZE = 40 };

/** What one request has of its own; the rest is the UAC's */
struct request {
	const char *met;
	const char *uri;           /**< Request-URI                         */
	const char *branch;        /**< of the top Via                      */
	const char *route;         /**< Route value, or NULL                */
	const char *to;            /**< To value; NULL: <Request-URI>       */
	uint32_t cseq;
	bool contact;              /**< INVITE, OPTIONS (8.1.1.8, 11.2)     */
	const char *hdrs;          /**< lines before User-Agent, or NULL    */
	const char *hdrs_end;      /**< lines after it, or NULL             */
	bool sdp;                  /**< the offer as body                   */
	const struct pl *answer;   /**< the target's offer, answered in the
				        body (ACK, PRACK, re-INVITE 200)    */
	bool tp_set;               /**< sent over tp, not the run's: the
				        dialog's next hop asks for it       */
	enum sip_transp tp;
};

static inline enum sip_transp request_tp(const struct uac *u,
					 const struct request *req)
{
	return req->tp_set ? req->tp : u->cfg.tp;
}

void request_branch(char buf[BRANCH_SIZE]);
int  request_print(struct mbuf **mbp, struct uac *u,
		   const struct request *req);


/* ctrans.c: client transactions (RFC 3261 section 17.1) */

int  ctrans_send(struct uac_ctrans **ctp, struct uac *u,
		 const struct request *req, const struct sa *dst,
		 const char *auth);
struct uac_ctrans *ctrans_find(const struct list *ctl,
			       const struct jmsg *jm);
void ctrans_recv(struct uac_ctrans *ct, const struct jmsg *jm);
int  ctrans_ack_release(struct uac_ctrans *ct);
void ctrans_stop(struct uac_ctrans *ct);
bool ctrans_is_invite(const struct uac_ctrans *ct);
const char *ctrans_branch(const struct uac_ctrans *ct);
uint32_t ctrans_cseq(const struct uac_ctrans *ct);
const char *ctrans_auth(const struct uac_ctrans *ct);


/* dialog.c: dialogs as the UAC sees them (RFC 3261 section 12) */

struct uac_dialog;

struct uac_dialog *dialog_update(struct uac *u, const struct jmsg *jm);
void dialog_prack(struct uac *u, struct uac_dialog *d,
		  const struct jmsg *jm);
int  dialog_ack(struct uac *u, struct uac_dialog *d,
		const struct uac_ctrans *inv);
int  dialog_ack_all(struct uac *u, const struct uac_ctrans *inv);
unsigned dialog_bye_all(struct uac *u);
struct uac_dialog *dialog_match(const struct uac *u, const struct jmsg *jm);
void dialog_ended(struct uac_dialog *d);
bool dialog_is_ended(const struct uac_dialog *d);


/* auth.c: the digest answer to a 401/407 (RFC 3261 section 22.2) */

int  auth_answer(char **hdrp, const struct uac *u,
		 const struct jmsg *challenge);


/* serve.c: what a UA must answer to the target's requests */

void serve_request(struct uac *u, const struct jmsg *jm);
void serve_stop(struct uac *u);

#endif
