/**
 * @file view.h  The judge's view of a trace, and what the rule families
 *               share over it
 *
 * view_build() maps every message of a trace once (message_scan plus
 * message_decode, libre's header decoders on the header values, never on
 * the whole message, so a broken status line hides nothing) and groups
 * the messages into the client transactions sipconform sent.  The rule
 * families read that view and write findings; they include this header
 * and nothing of the driver (judge.c).
 */
#ifndef SIPCONFORM_JUDGE_VIEW_H
#define SIPCONFORM_JUDGE_VIEW_H

#include <re.h>
#include "sip/message.h"
#include "sip/decode.h"
#include "sip/compare.h"
#include "judge/rules.h"
#include "trace/trace.h"


struct jtrans;

/**
 * A hash index of pointers, sized once for at most n entries (no growth,
 * no removal): open addressing with linear probing, so the entries of one
 * key are found in the order they were added and the first match is the
 * earliest.  What the view and the rule families use to stay linear in
 * the trace instead of comparing every message with every earlier one.
 */
struct jidx_slot {
	uint32_t key;
	const void *p;           /**< NULL: free                           */
};

struct jidx {
	struct jidx_slot *v;
	size_t mask;
	size_t n;                /**< entries                              */
};

typedef bool (jidx_eq_h)(const void *entry, const void *arg);

/* Room for n entries without growing (0: grow from a few as used) */
int  jidx_init(struct jidx *x, size_t n);
void jidx_free(struct jidx *x);
/* The first entry under key that eq (NULL: any) accepts, or NULL */
const void *jidx_find(const struct jidx *x, uint32_t key, jidx_eq_h *eq,
		      const void *arg);
/* Add p under key, growing the index when it is half full: ENOMEM */
int  jidx_add(struct jidx *x, uint32_t key, const void *p);

/** One message of the trace, mapped and decoded */
struct jmsg {
	const struct trace_ev *ev;
	size_t idx;              /**< ev->index: what findings cite        */
	uint64_t t_us;
	bool out;                /**< sent by sipconform                   */
	struct message *m;       /**< zero-copy map of the bytes           */

	struct msg_fields d;     /**< its decoded header fields            */

	struct jtrans *tr;       /**< its transaction, NULL for strays     */

	/* Facts about a response among those of its transaction, computed
	 * once by view_build() so that no rule compares pairs */
	const struct jmsg *retx_of;  /**< the first earlier response with
					  the same bytes, NULL: none      */
	const struct jmsg *group;    /**< a final: the first final of its
					  transaction with its code and To
					  tag (jmsg_same_final); else self */
	unsigned pos;                /**< its index in tr->resv          */
	unsigned dialog;             /**< its early dialog: the number of
					  its To tag among the tags of
					  tr's responses, in order of
					  arrival (jtrans_dialog)         */
	const struct jmsg *group_next; /**< the next response of its final
					  group (same code and To tag)    */
	const struct jmsg *tag_final;  /**< a final: the first final of its
					  transaction with its To tag     */
	const struct jmsg *group_tail; /**< a group's first: its last     */
	uint64_t busy_us;            /**< received: when the run of reads
					  it ended began (segments of its
					  connection, or datagrams), with no
					  pause over T1/4 since: its bytes
					  may have waited in a queue that
					  long; else t_us                 */
	const struct jmsg *ack_next; /**< an ACK: the next ACK we sent in
					  its transaction with its To tag */
	const struct jmsg *ack_tail; /**< the first such ACK: the last    */
};

/** A client transaction sipconform sent, with what came back */
struct jtrans {
	struct jmsg *req;        /**< first transmission                   */
	unsigned req_tx;         /**< transmissions, retransmits included  */
	struct jmsg **resv;      /**< responses in arrival order           */
	unsigned resc, resn;     /**< responses, room for them             */
	const struct jmsg **txv; /**< every transmission of req, by time   */
	unsigned txn;            /**< room in txv                          */
	unsigned prov;           /**< provisional responses among resv     */
	unsigned dialogs;        /**< distinct To tags among resv          */
	const struct jmsg *first_final;
	struct jmsg *ack;        /**< first ACK sent for a non-2xx final
				      (same branch), or for a 2xx (same
				      Call-ID and CSeq number)             */
	struct jtrans *invite;   /**< CANCEL, ACK, PRACK: their INVITE     */
	bool is_invite;
};

/** The view: what the families read, and the verdict they write */
struct judge {
	struct verdict *v;
	uint32_t t1_ms, t2_ms;   /**< the timers the target is held to     */
	bool single_uas;         /**< judge_cfg.single_uas                 */
	uint64_t end_us;         /**< when the recording stopped           */
	struct jmsg *msgv;
	size_t msgc;
	struct jtrans *trv;
	size_t trc;

	/* view.c's indexes: transactions by branch, INVITEs by Call-ID and
	 * CSeq, responses by bytes, by To tag and by final group, our ACKs
	 * by transaction and To tag */
	struct message *scan;    /**< where view_build() scans each message */
	struct jarena {          /**< their maps, packed in blocks: one
				      allocation per block, not per message */
		void **blkv;
		size_t blkc, blkn;
		char *cur;
		size_t left;
	} maps;
	struct jidx trans_idx, invite_idx, bytes_idx, tag_idx, group_idx,
		final_tag_idx, ack_idx;
};

/* Fill msgv and trv of j (v and the timers are the caller's) from t;
 * view_free() releases them, also after an error */
int  view_build(struct judge *j, const struct trace *t);
void view_free(struct judge *j);

/* Helpers the rule families share */
bool jmsg_method(const struct jmsg *jm, const char *met);
bool jtrans_method(const struct jtrans *tr, const char *met);
struct pl jmsg_quote(const struct jmsg *jm);
const struct jmsg *jtrans_first_final(const struct jtrans *tr);
bool jmsg_has(const struct jmsg *jm, enum hdr_id id);
bool jmsg_same_final(const struct jmsg *a, const struct jmsg *b);
const struct jmsg *jtrans_ack_for(const struct judge *j,
				  const struct jtrans *tr,
				  const struct pl *tag, uint64_t from);
bool jmsg_is_retransmit(const struct jmsg *jm);
bool jmsg_same_bytes(const struct jmsg *a, const struct jmsg *b);
bool jmsg_is_reliable(const struct jmsg *jm);
bool jmsg_tagged(const struct jmsg *jm);
bool jmsg_rack(const struct jmsg *jm, uint32_t *rseq, uint32_t *cseq,
	       struct pl *met);
const struct jmsg *jtrans_group_first(const struct jtrans *tr,
				      const struct jmsg *r);
unsigned jtrans_dialog(const struct jtrans *tr, const struct jmsg *jm);
const struct jmsg *jtrans_final_tagged(const struct judge *j,
				       const struct jtrans *tr,
				       const struct pl *tag);
bool jtrans_tx_between(const struct jtrans *tr, uint64_t from, uint64_t to);
const struct jmsg *jtrans_last_tx(const struct jtrans *tr, uint64_t t);

/* Per INVITE transaction with responses, dv: one element per early
 * dialog, zeroed */
typedef int (view_invite_h)(struct judge *j, const struct jtrans *tr,
			    void *dv);
int view_each_invite(struct judge *j, size_t dsz, view_invite_h *h);

/* Add a finding about message jm; quote is its first line */
#define JFIND(j, r, jm, ...) \
	verdict_add((j)->v, (r), (jm)->idx, (jm)->t_us, 0, jmsg_quote(jm), \
		    __VA_ARGS__)

/* A family of rules over the view: one file each under rules/, run by
 * judge_trace() from its table of families */
typedef int (rules_family_h)(struct judge *j);

rules_family_h rules_match;     /* match.*, totag.*                      */
rules_family_h rules_order;     /* order.*, cancel.*                     */
rules_family_h rules_dialog;    /* dialog.*, code.*                      */
rules_family_h rules_timing;    /* timing.*                              */
rules_family_h rules_rel1xx;    /* rel1xx.*                              */
rules_family_h rules_sdp;       /* sdp.*                                 */
rules_family_h rules_noninvite; /* options.*, noninvite.*, bye.*         */

#endif
