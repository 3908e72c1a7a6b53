/**
 * @file uas.h  Inside the UAS: server transactions and dialogs
 *
 * uas.c receives, matches (RFC 3261 section 17.2.3) and answers the
 * non-INVITE requests; invite.c runs the INVITE server transaction and
 * the 2xx retransmissions of the core (section 13.3.1.4) with reliable
 * provisionals (RFC 3262); dialog.c keeps the dialogs and sends the BYE
 * when a 2xx is never ACKed; request.c reads what arrives with libre's
 * sip_msg_decode.
 */
#ifndef SIPCONFORM_UAS_UAS_H
#define SIPCONFORM_UAS_UAS_H

#include <re.h>
#include "target.h"
#include "loop/qtmr.h"


#define TARGET_UA "sipconform-target/" PACKAGE_VERSION
#define TARGET_ALLOW "INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK"

/** A received request (or a response to our BYE), its bytes owned, read
 *  with libre's decoder (request.c) */
struct sreq {
	struct mbuf *mb;
	struct sip_msg *msg;       /**< its slices point into mb            */
	struct pl body;            /**< what follows the empty line         */
	bool offer;                /**< the body is application/sdp         */
};

enum st_state {
	ST_PROCEEDING = 0,
	ST_COMPLETED,              /**< final sent, no ACK yet              */
	ST_CONFIRMED,              /**< ACKed (INVITE), or lingering        */
	ST_ENDED,                  /**< gave up; only absorbs retransmits   */
};

struct dialog;

struct strans {
	struct le le;
	struct le he_branch;       /**< in uas.trh_branch: 17.2.3 matching  */
	struct le he_callid;       /**< in uas.trh_callid: ACK of a 2xx,
				        PRACK                               */
	struct uas *uas;
	struct sreq *req;
	struct flow flow;
	bool invite;
	enum st_state state;
	char totag[24];
	struct mbuf *last;         /**< resent on a retransmitted request   */
	struct mbuf *final;
	uint16_t scode;            /**< the final sent, 0 before            */
	struct qtmr tmr_rt;         /**< Timer G, 2xx retransmissions        */
	struct qtmr tmr_end;        /**< Timer H / give-up, then the linger  */
	uint32_t rt_ms;
	unsigned rt_n;
	bool counted;              /**< counted for --max-calls             */
	bool challenged;           /**< answered with the digest challenge  */
	struct dialog *dlg;        /**< the dialog its 2xx made (weak)      */

	/* INVITE only */
	struct qtmr tmr_trying, tmr_ring, tmr_answer, tmr_rel, tmr_flood;
	uint16_t code;             /**< the final it is to get              */
	bool offer;                /**< the INVITE carried SDP              */
	bool offered;              /**< our offer went in a reliable 1xx    */
	bool rel;                  /**< non-100 provisionals go reliably    */
	bool rel_wait;             /**< the last reliable one awaits PRACK  */
	bool answer_due;           /**< the final waits (PRACK, flood)      */
	bool rung;                 /**< the first 180 went out              */
	unsigned extra_rel;        /**< reliable 183s still to send         */
	uint32_t rseq_last, rseq_acked;
	struct mbuf *rel_mb;
	uint32_t rel_rt_ms;
	uint64_t rel_t0;
	struct mbuf *flood_mb;
	unsigned flood_left;
	uint64_t t_answer;         /**< when the final is due               */
};

struct dialog {
	struct le le;
	struct le he;              /**< in uas.dlgh, by Call-ID             */
	struct uas *uas;
	struct strans *inv;        /**< the INVITE while it lives (weak)    */
	char *callid, *ltag, *rtag;
	char *lhdr;                /**< our From in requests                */
	char *rhdr;                /**< our To in requests                  */
	char *target;              /**< remote target: the Contact URI      */
	char *route;               /**< Record-Route, in order, or NULL     */
	uint32_t lseq;
	struct flow flow;
};

struct uas {
	const struct tcfg *cfg;
	struct net *net;
	struct list trl;           /**< server transactions                 */
	/* the same, by top Via branch and by Call-ID: a request finds its
	 * transaction among those of every call in flight and lingering
	 * (64*T1 each) without a pass over them all, which at 400 calls/s
	 * was most of the target's time */
	struct hash *trh_branch, *trh_callid;
	struct list dlgl;          /**< dialogs                             */
	struct hash *dlgh;         /**< the same, by Call-ID                */
	struct list ctl;           /**< our BYE client transactions         */
	unsigned calls;
	struct qtmr tmr_exit;
	char secret[24];
};

/* Send flags of st_respond() */
enum {
	SR_STORE = 1,              /**< becomes st->last                    */
	SR_CUT   = 2,              /**< tcp-half / tcp-reset, if enabled    */
	SR_HOLD  = 4,              /**< not sent: the caller sends *mbp     */
};

/* request.c */
int  sreq_decode(struct sreq **rqp, const uint8_t *p, size_t len);
bool sreq_is(const struct sreq *rq, const char *met);
bool sreq_answerable(const struct sreq *rq);
const struct pl *sreq_hdr(const struct sreq *rq, enum sip_hdrid id);
const struct sip_hdr *sreq_lines_apply(const struct sreq *rq,
				       enum sip_hdrid id, sip_hdr_h *h,
				       void *arg);
bool sreq_token_eq(const struct pl *a, const struct pl *b);
bool sreq_token_is(const struct pl *a, const char *s);
bool sreq_callid_eq(const struct pl *a, const struct pl *b);

/* uas.c */
uint64_t uas_ms(const struct uas *u);
void uas_call_done(struct uas *u, struct strans *st);
void uas_check_exit(struct uas *u);
int  st_resp_init(struct strans *st, struct resp *r, uint16_t scode);
int  st_respond(struct strans *st, struct resp *r, enum rkind kind,
		bool reliable, int flags, struct mbuf **mbp);
int  st_reply(struct strans *st, uint16_t scode, enum rkind kind);
int  st_send(struct strans *st, const struct mbuf *mb);
int  st_code_headers(struct strans *st, struct resp *r);
int  st_contact(struct strans *st, struct resp *r);
void st_linger(struct strans *st);
struct strans *st_match(struct uas *u, const struct sreq *rq,
			const char *method);

/* invite.c */
void invite_start(struct strans *st);
void invite_ack(struct uas *u, const struct sreq *rq);
void invite_cancel(struct strans *cst);
void invite_again(struct strans *st);
struct strans *invite_prack_match(struct uas *u, const struct sreq *rq,
				  uint32_t *rseq);
void invite_pracked(struct strans *st, uint32_t rseq);
void invite_dialog_ended(struct strans *st);
void invite_destroy(struct strans *st);
int  invite_final(struct strans *st, uint16_t code);

/* dialog.c */
int  dialog_create(struct strans *inv);
struct dialog *dialog_find(struct uas *u, const struct sreq *rq);
void dialog_end(struct dialog *d);
int  dialog_bye(struct dialog *d);
void dialog_response(struct uas *u, const struct sreq *rq);

#endif
