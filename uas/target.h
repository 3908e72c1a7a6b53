/**
 * @file target.h  sipconform-target: a UAS that conforms, or misbehaves
 *                 on purpose, one rule at a time
 *
 * The floors, bottom up: resp.c builds a response as editable lines,
 * behaviours.def lists the misbehaviours and behave.c edits responses
 * with them, net.c owns the sockets, request.c reads what arrives,
 * uas.c / invite.c / dialog.c are the server transactions and dialogs,
 * main.c the command line.  Requests are read with libre's
 * sip_msg_decode (request.c): nothing of the judge's or the client's
 * decoding, so the oracle cannot share a bug with what it checks.
 */
#ifndef SIPCONFORM_UAS_TARGET_H
#define SIPCONFORM_UAS_TARGET_H

#include <stdio.h>
#include <re.h>


/* -- misbehaviours (behaviours.def, behave.c) -------------------------- */

enum bh {
#define BREAKS(e, name, rule, code, what)	BH_##e,
#define HOSTILE(e, name, what)			BH_##e,
#include "behaviours.def"
#undef BREAKS
#undef HOSTILE
	BH_COUNT
};

/* -- configuration (main.c) -------------------------------------------- */

enum { TCFG_MAXLISTEN = 8 };

struct tcfg {
	struct sa listenv[TCFG_MAXLISTEN];
	unsigned listenc;
	uint16_t port;             /**< 0: a free one                       */
	const char *port_file;
	uint32_t ring_ms, answer_ms;
	uint32_t t1_ms, t2_ms;
	const char *user, *password;
	const char *realm;
	uint16_t code;             /**< final to INVITE, 0: 200 or what a
				        misbehaviour needs                  */
	uint16_t options_code;
	unsigned max_calls;        /**< 0: run until a signal               */
	bool no_prack_wait;        /**< a 2xx need not wait for the PRACK   */
	const char *contact_tp;    /**< transport= of our Contact, or NULL  */
	bool bye_new_conn;         /**< our BYE over a new TCP connection to
				        the remote target                   */
	unsigned verbose;
	bool bh[BH_COUNT];         /**< misbehaviours switched on           */
};

#define BH(cfg, x) ((cfg)->bh[BH_##x])

/* -- a response as editable lines (resp.c) ----------------------------- */

enum { RESP_MAXHDRS = 48 };

struct resp_hdr {
	char name[24];
	char *val;
	const char *eol;           /**< NULL: CRLF                          */
	bool nocolon;              /**< "name value": a broken line         */
};

enum resp_clen {
	CLEN_AUTO = 0,             /**< the length of the body              */
	CLEN_NONE,                 /**< no Content-Length at all            */
	CLEN_VALUE,                /**< clen_val, whatever the body         */
};

struct resp {
	uint16_t scode;
	char *sline;               /**< the Status-Line without its EOL     */
	const char *sl_eol;        /**< NULL: CRLF                          */
	struct resp_hdr hdrv[RESP_MAXHDRS];
	unsigned hdrc;
	char *body;
	size_t bodylen;
	enum resp_clen clen;
	uint64_t clen_val;
	bool no_eoh;               /**< no empty line after the headers     */
};

void resp_init(struct resp *r);
void resp_reset(struct resp *r);
int  resp_status(struct resp *r, uint16_t scode, const char *reason);
int  resp_text_set(char **textp, const char *fmt, ...);
int  resp_add(struct resp *r, const char *name, const char *fmt, ...);
int  resp_insert(struct resp *r, unsigned pos, const char *name,
		 const char *fmt, ...);
struct resp_hdr *resp_find(struct resp *r, const char *name);
int  resp_find_idx(const struct resp *r, const char *name);
unsigned resp_del(struct resp *r, const char *name);
int  resp_set(struct resp *r, const char *name, const char *fmt, ...);
int  resp_body(struct resp *r, const char *ctype, const char *body,
	       size_t len);
int  resp_encode(const struct resp *r, struct mbuf **mbp);
const char *resp_reason(uint16_t scode);

/* -- what a response is, for the misbehaviours (behave.c) --------------- */

enum rkind {
	RK_TRYING = 0,             /**< 100 to an INVITE                    */
	RK_PROV,                   /**< other provisional to an INVITE      */
	RK_FINAL,                  /**< final to an INVITE                  */
	RK_CANCEL,                 /**< response to CANCEL                  */
	RK_OPTIONS,                /**< final to OPTIONS                    */
	RK_OTHER,                  /**< BYE, PRACK, errors                  */
};

struct rctx {
	enum rkind kind;
	enum sip_transp tp;
	bool offer;                /**< the INVITE carried SDP              */
	bool reliable;             /**< a reliable provisional              */
	bool challenge;            /**< the digest challenge to an INVITE   */
};

int  behave_enable(bool *bh, const char *name);
void behave_list(FILE *f);
uint16_t behave_code(const bool *bh);
int  behave_edit(const bool *bh, struct resp *r, const struct rctx *c);
int  behave_retransmit(struct mbuf **mbp, const struct mbuf *orig,
		       unsigned n);
int  behave_garbage(struct mbuf **mbp, bool stream);
int  behave_to_strip_tag(struct resp *r);

/* -- sockets (net.c) --------------------------------------------------- */

struct net;
struct conn;

/** Where a request came from, and so where its responses go */
struct flow {
	struct net *net;
	enum sip_transp tp;
	struct sa peer;
	struct sa local;           /**< the listening address               */
	struct udp_sock *us;       /**< UDP: the socket it arrived on       */
	struct conn *conn;         /**< TCP: the connection (referenced)    */
};

/** One message: a datagram, or one framed out of a stream */
typedef void (net_recv_h)(const struct flow *f, const uint8_t *p,
			  size_t len, void *arg);

int  net_alloc(struct net **np, const struct tcfg *cfg, net_recv_h *rh,
	       void *arg);
int  net_print(const struct net *n, FILE *f);
uint16_t net_port(const struct net *n);
uint64_t net_ms(const struct net *n);
int  net_send(const struct flow *f, const uint8_t *p, size_t len);
int  net_send_mb(const struct flow *f, const struct mbuf *mb);
int  net_send_cut(const struct flow *f, const struct mbuf *mb, bool reset);
int  net_conn_close(const struct flow *f);
int  net_connect(struct flow *f, const struct flow *from,
		 const struct sa *dst);
void flow_set(struct flow *dst, const struct flow *src);
void flow_clear(struct flow *f);
bool flow_stream(const struct flow *f);

/* -- the UAS (uas.c) --------------------------------------------------- */

struct uas;

int  uas_alloc(struct uas **up, const struct tcfg *cfg);
const struct net *uas_net(const struct uas *u);

/* -- SDP (sdp.c) and digest (auth.c) ------------------------------------ */

struct sreq;

/* What sdp_answer() breaks on purpose (misbehaviours), or'ed */
enum sdp_flaw {
	SDP_EXTRA_M     = 1 << 0,  /**< one m= line more (sdp-m-lines)     */
	SDP_OTHER_T     = 1 << 1,  /**< t=3600 7200 (sdp-t-line)           */
	SDP_NO_RTPMAP   = 1 << 2,  /**< 101 without rtpmap (sdp-no-rtpmap) */
	SDP_OTHER_MEDIA = 1 << 3,  /**< video for the first offered stream
				        (sdp-media-type)                   */
};

int  sdp_answer(char **bodyp, const struct pl *offer, const struct sa *addr,
		unsigned flaws);
int  sdp_offer(char **bodyp, const struct sa *addr);

enum auth_res { AUTH_OK = 0, AUTH_NONE, AUTH_BAD };

enum auth_res auth_check(const struct tcfg *cfg, const char *secret,
			 const struct sreq *rq, uint64_t now_ms);
int  auth_challenge(char **valp, const struct tcfg *cfg, const char *secret,
		    uint64_t now_ms);

#endif
