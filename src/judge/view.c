/**
 * @file view.c  The judge's view of a trace: every message mapped and
 *               decoded once, grouped into client transactions
 */
#include <config.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <re.h>
#include "judge/view.h"

static int jidx_alloc(struct jidx *x, size_t cap)
{
	x->v = mem_zalloc(cap * sizeof(*x->v), NULL);
	x->mask = cap - 1;
	x->n = 0;
	return x->v ? 0 : ENOMEM;
}

int jidx_init(struct jidx *x, size_t n)
{
	size_t cap = 16;

	/* at most half full: probe runs stay short */
	while (cap < 2 * n)
		cap *= 2;
	return jidx_alloc(x, cap);
}

void jidx_free(struct jidx *x)
{
	x->v = mem_deref(x->v);
	x->mask = 0;
	x->n = 0;
}

static void slot_put(struct jidx *x, uint32_t key, const void *p)
{
	size_t i = key & x->mask;

	while (x->v[i].p)
		i = (i + 1) & x->mask;
	x->v[i].key = key;
	x->v[i].p = p;
	x->n++;
}

/* Twice the slots.  The old ones are walked from just after a free slot,
 * so each run of taken slots in the order a probe meets it: entries under
 * one key keep their order, and jidx_find() still finds the first added */
static int jidx_grow(struct jidx *x)
{
	struct jidx old = *x;
	size_t cap = old.mask + 1, e = 0;

	if (jidx_alloc(x, 2 * cap)) {
		*x = old;
		return ENOMEM;
	}
	while (old.v[e].p)
		e++;
	for (size_t k = 1; k <= cap; k++) {
		const struct jidx_slot *sl = &old.v[(e + k) & old.mask];

		if (sl->p)
			slot_put(x, sl->key, sl->p);
	}
	mem_deref(old.v);
	return 0;
}

const void *jidx_find(const struct jidx *x, uint32_t key, jidx_eq_h *eq,
		      const void *arg)
{
	if (!x->v)
		return NULL;
	for (size_t i = key & x->mask; x->v[i].p; i = (i + 1) & x->mask)
		if (x->v[i].key == key && (!eq || eq(x->v[i].p, arg)))
			return x->v[i].p;
	return NULL;
}

int jidx_add(struct jidx *x, uint32_t key, const void *p)
{
	if (2 * (x->n + 1) > x->mask + 1 && jidx_grow(x))
		return ENOMEM;
	slot_put(x, key, p);
	return 0;
}

/* Mix a pointer (the transaction an entry belongs to) into a key */
static uint32_t ptr_key(const void *p, uint32_t key)
{
	uintptr_t u = (uintptr_t)p;

	return key ^ (uint32_t)(u >> 4) * 2654435761u ^
		(uint32_t)((uint64_t)u >> 32);
}

bool jmsg_has(const struct jmsg *jm, enum hdr_id id)
{
	return message_hdr(jm->m, id) != NULL;
}

bool jmsg_same_bytes(const struct jmsg *a, const struct jmsg *b)
{
	return a->m->len == b->m->len &&
		(!a->m->len || !memcmp(a->m->buf, b->m->buf, a->m->len));
}

/** A response repeating the bytes of an earlier one of its transaction */
bool jmsg_is_retransmit(const struct jmsg *jm)
{
	return jm->retx_of != NULL;
}

/** Sent reliably (RFC 3262): Require: 100rel or an RSeq, either one shows
 * the UAS meant it to be PRACKed */
bool jmsg_is_reliable(const struct jmsg *jm)
{
	return jm->d.require_100rel || jmsg_has(jm, HDR_RSEQ);
}

/** A response past 100 with a To tag: one a UAS sent for its dialog (100
 * is hop-by-hop) */
bool jmsg_tagged(const struct jmsg *jm)
{
	return jm->d.scode > 100 && jm->d.to_tag.p;
}

/**
 * RAck = response-num LWS CSeq-num LWS Method (RFC 3262 section 7.2), as
 * the strict grammar read it; false when the PRACK has none that parses
 */
bool jmsg_rack(const struct jmsg *jm, uint32_t *rseq, uint32_t *cseq,
	       struct pl *met)
{
	if (!jm->d.has_rack)
		return false;
	*rseq = jm->d.rack_rseq;
	*cseq = jm->d.rack_cseq;
	*met  = jm->d.rack_method;
	return true;
}

/** A final and its retransmissions: same code, same To tag */
bool jmsg_same_final(const struct jmsg *a, const struct jmsg *b)
{
	return msg_is_final(&a->d) && msg_is_final(&b->d) &&
		a->d.scode == b->d.scode && tag_eq(&a->d.to_tag, &b->d.to_tag);
}

/** The first response of r's final group: r itself unless r repeats an
 * earlier final (same code and To tag) */
const struct jmsg *jtrans_group_first(const struct jtrans *tr,
				      const struct jmsg *r)
{
	if (r->tr == tr)
		return r->group;
	for (unsigned i = 0; i < tr->resc; i++)
		if (jmsg_same_final(tr->resv[i], r))
			return tr->resv[i];
	return r;
}

/**
 * The early dialog of jm in tr, as a number up to tr->dialogs: the
 * number of jm's To tag among the tags of tr's responses (tr->dialogs:
 * none of them has it).  Each fork of a request answers with its own tag
 * (RFC 3261 section 12.1, 13.2.2.4).
 */
unsigned jtrans_dialog(const struct jtrans *tr, const struct jmsg *jm)
{
	if (jm->tr == tr && !jm->out && !jm->d.request)
		return jm->dialog;
	for (unsigned i = 0; i < tr->resc; i++)
		if (tag_eq(&tr->resv[i]->d.to_tag, &jm->d.to_tag))
			return tr->resv[i]->dialog;
	return tr->dialogs;
}

/**
 * Call h for every INVITE transaction that got responses, with a zeroed
 * array of tr->dialogs + 1 elements of dsz bytes: one per early dialog
 * (jtrans_dialog), not one per response (100k forks, one tag each, are
 * 100k dialogs; 100k 183s of one tag are one)
 */
int view_each_invite(struct judge *j, size_t dsz, view_invite_h *h)
{
	int err = 0;

	for (size_t i = 0; i < j->trc; i++) {
		const struct jtrans *tr = &j->trv[i];
		void *dv;

		if (!tr->is_invite || !tr->resc)
			continue;

		dv = mem_zalloc((tr->dialogs + 1) * dsz, NULL);
		if (!dv)
			return ENOMEM;
		err |= h(j, tr, dv);
		mem_deref(dv);
	}
	return err;
}

/**
 * The first ACK we sent for the final with To tag tag, at or after from:
 * in the transaction for a non-2xx, end to end for a 2xx
 */
static bool tag_eq_entry(const void *entry, const void *arg);

const struct jmsg *jtrans_final_tagged(const struct judge *j,
				       const struct jtrans *tr,
				       const struct pl *tag)
{
	struct jmsg k = {.tr = (struct jtrans *)tr};

	k.d.to_tag = *tag;
	return jidx_find(&j->final_tag_idx, ptr_key(tr, tag_hash(tag)),
			 tag_eq_entry, &k);
}

/* The first transmission in tr->txv (sorted by time) at or after t */
static unsigned tx_lower(const struct jtrans *tr, uint64_t t)
{
	unsigned lo = 0, hi = tr->req_tx;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (tr->txv[mid]->t_us < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/** A retransmission of tr's request sent at from..to, both included: the
 * target answers a retransmitted request with its last response, outside
 * any timer */
bool jtrans_tx_between(const struct jtrans *tr, uint64_t from, uint64_t to)
{
	for (unsigned i = tx_lower(tr, from);
	     i < tr->req_tx && tr->txv[i]->t_us <= to; i++)
		if (tr->txv[i] != tr->req)
			return true;
	return false;
}

/** The last transmission of tr's request at or before t (the first one
 * when none is that early); of several at one time, the last recorded */
const struct jmsg *jtrans_last_tx(const struct jtrans *tr, uint64_t t)
{
	unsigned i = t == UINT64_MAX ? tr->req_tx : tx_lower(tr, t + 1);
	const struct jmsg *last;

	if (!i)
		return tr->req;
	last = tr->txv[i - 1];
	return last->t_us < tr->req->t_us ? tr->req : last;
}

struct ack_key {
	const struct jtrans *tr;
	const struct pl *tag;
};

static bool ack_eq(const void *entry, const void *arg)
{
	const struct jmsg *jm = entry;
	const struct ack_key *k = arg;

	return jm->tr == k->tr && tag_eq(&jm->d.to_tag, k->tag);
}

const struct jmsg *jtrans_ack_for(const struct judge *j,
				  const struct jtrans *tr,
				  const struct pl *tag, uint64_t from)
{
	const struct ack_key k = {tr, tag};
	const struct jmsg *jm;

	/* the ACKs of (tr, tag) in the order we sent them */
	jm = jidx_find(&j->ack_idx, ptr_key(tr, tag_hash(tag)), ack_eq, &k);
	while (jm && jm->t_us < from)
		jm = jm->ack_next;
	return jm;
}

bool jmsg_method(const struct jmsg *jm, const char *met)
{
	return jm->d.request && method_eq(&jm->d.method, met);
}

bool jtrans_method(const struct jtrans *tr, const char *met)
{
	return jmsg_method(tr->req, met);
}

struct pl jmsg_quote(const struct jmsg *jm)
{
	return jm->m->first_line;
}

const struct jmsg *jtrans_first_final(const struct jtrans *tr)
{
	return tr->first_final;
}

static bool same_branch(const struct jmsg *a, const struct jmsg *b)
{
	return a->d.has_via && b->d.has_via &&
		branch_eq(&a->d.via.branch, &b->d.via.branch);
}

struct trans_key {
	const struct jmsg *jm;
	const struct pl *method;
};

static bool trans_eq(const void *entry, const void *arg)
{
	const struct jtrans *tr = entry;
	const struct trans_key *k = arg;

	return same_branch(tr->req, k->jm) &&
		!pl_cmp(&tr->req->d.method, k->method);
}

static uint32_t trans_key(const struct jmsg *jm, const struct pl *method)
{
	return branch_hash(&jm->d.via.branch) ^ hash_joaat_pl(method);
}

static struct jtrans *trans_find(struct judge *j, const struct jmsg *jm,
				 const struct pl *method)
{
	const struct trans_key k = {jm, method};

	if (!jm->d.has_via)
		return NULL;
	return (struct jtrans *)jidx_find(&j->trans_idx,
					  trans_key(jm, method), trans_eq, &k);
}

struct invite_key {
	const struct pl *callid;
	uint32_t cseq;
};

static bool invite_eq(const void *entry, const void *arg)
{
	const struct jtrans *tr = entry;
	const struct invite_key *k = arg;

	return tr->req->d.cseq.num == k->cseq &&
		callid_eq(&tr->req->d.call_id, k->callid);
}

/* The INVITE of the same dialog attempt: Call-ID and CSeq number */
static struct jtrans *invite_find(struct judge *j, const struct pl *callid,
				  uint32_t cseq)
{
	const struct invite_key k = {callid, cseq};

	return (struct jtrans *)jidx_find(&j->invite_idx,
					  callid_hash(callid) ^ cseq,
					  invite_eq, &k);
}

static bool bytes_eq(const void *entry, const void *arg)
{
	const struct jmsg *a = entry, *b = arg;

	return a->tr == b->tr && jmsg_same_bytes(a, b);
}

static bool tag_eq_entry(const void *entry, const void *arg)
{
	const struct jmsg *a = entry, *b = arg;

	return a->tr == b->tr && tag_eq(&a->d.to_tag, &b->d.to_tag);
}

static bool group_eq(const void *entry, const void *arg)
{
	const struct jmsg *a = entry, *b = arg;

	return a->tr == b->tr && jmsg_same_final(a, b);
}

/* What a response is among the earlier ones of its transaction: one
 * lookup each, instead of a pass over them (issue 11) */
static int index_response(struct judge *j, struct jtrans *tr,
			  struct jmsg *jm)
{
	uint32_t kb = ptr_key(tr, bytes_hash(jm->m->buf, jm->m->len));
	uint32_t kt = ptr_key(tr, tag_hash(&jm->d.to_tag));
	const struct jmsg *o;
	int err = 0;

	jm->retx_of = jidx_find(&j->bytes_idx, kb, bytes_eq, jm);
	if (!jm->retx_of)
		err |= jidx_add(&j->bytes_idx, kb, jm);

	o = jidx_find(&j->tag_idx, kt, tag_eq_entry, jm);
	if (o) {
		jm->dialog = o->dialog;
	}
	else {
		jm->dialog = tr->dialogs++;
		err |= jidx_add(&j->tag_idx, kt, jm);
	}

	jm->group = jm;
	tr->prov += msg_is_1xx(&jm->d);
	if (msg_is_final(&jm->d)) {
		uint32_t kg = kt ^ jm->d.scode * 40503u;

		o = jidx_find(&j->group_idx, kg, group_eq, jm);
		if (o) {
			struct jmsg *head = (struct jmsg *)o;

			jm->group = head;
			((struct jmsg *)head->group_tail)->group_next = jm;
			head->group_tail = jm;
		}
		else {
			jm->group_tail = jm;
			err |= jidx_add(&j->group_idx, kg, jm);
		}

		o = jidx_find(&j->final_tag_idx, kt, tag_eq_entry, jm);
		jm->tag_final = o ? o : jm;
		if (!o)
			err |= jidx_add(&j->final_tag_idx, kt, jm);
		if (!tr->first_final)
			tr->first_final = jm;
	}
	return err;
}

/* Our ACKs of a transaction with one To tag, chained in sending order */
static int index_ack(struct judge *j, struct jmsg *jm)
{
	const struct ack_key k = {jm->tr, &jm->d.to_tag};
	uint32_t key = ptr_key(jm->tr, tag_hash(&jm->d.to_tag));
	struct jmsg *o;

	o = (struct jmsg *)jidx_find(&j->ack_idx, key, ack_eq, &k);
	if (!o) {
		jm->ack_tail = jm;
		return jidx_add(&j->ack_idx, key, jm);
	}
	((struct jmsg *)o->ack_tail)->ack_next = jm;
	o->ack_tail = jm;
	return 0;
}

/* Room for one more element in *vp (n used, *cap allocated): doubling,
 * so a transaction of n responses costs O(n) copies in all */
static int grow(void *vp, unsigned n, unsigned *cap, size_t esz)
{
	void **v = vp;
	unsigned c;
	void *nv;

	if (n < *cap)
		return 0;
	c = *cap ? 2 * *cap : 4;
	/* libre's mem_realloc() does not take NULL */
	nv = *v ? mem_realloc(*v, c * esz) : mem_alloc(c * esz, NULL);
	if (!nv)
		return ENOMEM;
	*v = nv;
	*cap = c;
	return 0;
}

static int trans_add_res(struct jtrans *tr, struct jmsg *jm)
{
	int err = grow(&tr->resv, tr->resc, &tr->resn, sizeof(*tr->resv));

	if (err)
		return err;
	jm->pos = tr->resc;
	tr->resv[tr->resc++] = jm;
	jm->tr = tr;
	return 0;
}

static int trans_add_tx(struct jtrans *tr, struct jmsg *jm)
{
	int err = grow(&tr->txv, tr->req_tx, &tr->txn, sizeof(*tr->txv));

	if (err)
		return err;
	tr->txv[tr->req_tx++] = jm;
	return 0;
}

static int link_request(struct judge *j, struct jmsg *jm)
{
	static const struct pl invite = PL("INVITE");
	struct jtrans *tr;
	int err;

	if (jmsg_method(jm, "ACK")) {
		/* non-2xx: same branch; 2xx: same Call-ID and CSeq */
		tr = trans_find(j, jm, &invite);
		if (!tr && jm->d.has_cseq)
			tr = invite_find(j, &jm->d.call_id, jm->d.cseq.num);
		if (tr && !tr->ack)
			tr->ack = jm;
		jm->tr = tr;
		return tr ? index_ack(j, jm) : 0;
	}

	tr = trans_find(j, jm, &jm->d.method);
	if (tr) {
		jm->tr = tr;
		return trans_add_tx(tr, jm);
	}

	tr = &j->trv[j->trc++];
	memset(tr, 0, sizeof(*tr));
	tr->req = jm;
	tr->is_invite = jmsg_method(jm, "INVITE");
	jm->tr = tr;
	err = trans_add_tx(tr, jm);
	if (err)
		return err;
	if (jm->d.has_via)
		err |= jidx_add(&j->trans_idx, trans_key(jm, &jm->d.method),
				tr);
	if (tr->is_invite && jm->d.has_cseq)
		err |= jidx_add(&j->invite_idx, callid_hash(&jm->d.call_id) ^
				jm->d.cseq.num, tr);
	if (err)
		return ENOMEM;

	if (jmsg_method(jm, "CANCEL")) {
		tr->invite = trans_find(j, jm, &invite);
	}
	else if (jmsg_method(jm, "PRACK")) {
		uint32_t rseq, rack_cseq;
		struct pl met;

		if (jmsg_rack(jm, &rseq, &rack_cseq, &met))
			tr->invite = invite_find(j, &jm->d.call_id, rack_cseq);
	}
	return 0;
}

static int link_response(struct judge *j, struct jmsg *jm)
{
	struct jtrans *tr;
	int err;

	if (!jm->d.has_cseq)
		return 0;

	tr = trans_find(j, jm, &jm->d.cseq.met);
	if (!tr)
		return 0;
	err = trans_add_res(tr, jm);
	if (!err && index_response(j, tr, jm))
		err = ENOMEM;
	return err;
}

/* Under AddressSanitizer a block is poisoned when it is taken and each
 * map unpoisoned as it is handed out, with a red zone after it: a read
 * past one message's map into the next is caught, as it was when every
 * map had an allocation of its own. */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
enum { ARENA_REDZONE = 32 };
#else
enum { ARENA_REDZONE = 0 };
#define ASAN_POISON_MEMORY_REGION(p, n)   ((void)(p), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(p, n) ((void)(p), (void)(n))
#endif

/* sz bytes from the arena, aligned for any object; they live until
 * view_free() */
static void *arena_get(struct jarena *a, size_t sz)
{
	const size_t align = _Alignof(max_align_t);
	/* the first block 8 KiB, each next one twice the last, up to
	 * 256 KiB: a call of a load run (a dozen messages) takes a block
	 * or two, not 256 KiB that the allocator must find room for once
	 * per call judged, and a trace of 100k responses still takes few
	 * blocks */
	const size_t blksz = a->blkc < 5 ? (size_t)8192 << a->blkc :
		256 * 1024;
	size_t want = sz;
	char *blk;
	void *p;

	sz = (sz + align - 1) & ~(align - 1);
	sz += ARENA_REDZONE;
	if (sz > a->left) {
		size_t n = sz > blksz ? sz : blksz;

		if (a->blkc == a->blkn) {
			size_t c = a->blkn ? 2 * a->blkn : 16;
			void **v = a->blkv ?
				mem_realloc(a->blkv, c * sizeof(*v)) :
				mem_alloc(c * sizeof(*v), NULL);

			if (!v)
				return NULL;
			a->blkv = v;
			a->blkn = c;
		}
		/* the block's size is kept in its first bytes: arena_free()
		 * unpoisons the whole block before handing it back, since a
		 * libre built with MEM_DEBUG writes over every block it
		 * frees, and an instrumented one would report that write as
		 * a use of poisoned memory */
		blk = mem_alloc(align + n, NULL);
		if (!blk) {
			a->left = 0;
			return NULL;
		}
		*(size_t *)blk = align + n;
		a->blkv[a->blkc++] = blk;
		a->cur  = blk + align;
		a->left = n;
		ASAN_POISON_MEMORY_REGION(a->cur, n);
	}
	p = a->cur;
	a->cur  += sz;
	a->left -= sz;
	ASAN_UNPOISON_MEMORY_REGION(p, want);
	return p;
}

static void arena_free(struct jarena *a)
{
	for (size_t i = 0; i < a->blkc; i++) {
		char *blk = a->blkv[i];

		ASAN_UNPOISON_MEMORY_REGION(blk + sizeof(size_t),
					    *(size_t *)blk - sizeof(size_t));
		mem_deref(blk);
	}
	mem_deref(a->blkv);
	memset(a, 0, sizeof(*a));
}

static int view_add(struct judge *j, const struct trace_ev *ev)
{
	struct jmsg *jm = &j->msgv[j->msgc];
	void *mp;

	/* scanned in the one full-size struct, kept at the size it needs:
	 * memory grows with the messages' header lines, not 9 KB each;
	 * msgv is not zeroed beforehand, every entry is zeroed here (one
	 * pass over its memory, not two) */
	memset(jm, 0, sizeof(*jm));
	message_scan(j->scan, (const char *)ev->data, ev->len, 0);
	mp = arena_get(&j->maps, message_dup_size(j->scan));
	if (!mp)
		return ENOMEM;
	jm->m = message_dup_to(mp, j->scan);
	j->msgc++;

	jm->ev   = ev;
	jm->idx  = ev->index;
	jm->t_us = ev->t_us;
	jm->out  = ev->dir == TRACE_OUT;
	message_decode(&jm->d, jm->m);

	if (jm->out && jm->d.request)
		return link_request(j, jm);
	else if (!jm->out && !jm->d.request)
		return link_response(j, jm);
	return 0;
}

/* By time, then by position in the trace */
static int tx_cmp(const void *a, const void *b)
{
	const struct jmsg *x = *(const struct jmsg *const *)a;
	const struct jmsg *y = *(const struct jmsg *const *)b;

	if (x->t_us != y->t_us)
		return x->t_us < y->t_us ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The runs of segments of each connection (jmsg busy_us): conn numbers
 * are small and dense (wire.c counts them from 1) */
struct seg_run {
	uint64_t start, last;
	bool seen;
};

static void track_seg(struct seg_run *rv, size_t rn, uint64_t pause,
		      const struct trace_ev *ev)
{
	struct seg_run *r;

	if (ev->conn >= rn)
		return;
	r = &rv[ev->conn];
	if (!r->seen || ev->t_us > r->last + pause)
		r->start = ev->t_us;
	r->last = ev->t_us;
	r->seen = true;
}

static uint64_t busy_since(const struct seg_run *rv, size_t rn,
			   const struct trace_ev *ev)
{
	if (ev->dir != TRACE_IN ||
	    ev->conn >= rn || !rv[ev->conn].seen ||
	    rv[ev->conn].start > ev->t_us)
		return ev->t_us;
	return rv[ev->conn].start;
}

int view_build(struct judge *j, const struct trace *t)
{
	const uint64_t pause = (uint64_t)j->t1_ms * 1000 / 4;
	struct seg_run *rv = NULL;
	size_t rn = 0;
	struct le *le;
	size_t n;
	int err = 0;

	if (!j || !t)
		return EINVAL;

	j->end_us = t->end_us;
	n = trace_count(t, TRACE_MSG, TRACE_IN) +
		trace_count(t, TRACE_MSG, TRACE_OUT);
	/* entries are zeroed as they are used (view_add, link_request) */
	j->msgv = mem_alloc((n ? n : 1) * sizeof(*j->msgv), NULL);
	j->trv  = mem_alloc((n ? n : 1) * sizeof(*j->trv), NULL);
	j->scan = mem_alloc(sizeof(*j->scan), NULL);
	if (!j->msgv || !j->trv || !j->scan)
		return ENOMEM;
	/* each index grows with what it holds: invites, finals, ACKs are
	 * each some of the n messages, and a slot is 16 bytes */
	if (jidx_init(&j->trans_idx, 0) || jidx_init(&j->invite_idx, 0) ||
	    jidx_init(&j->bytes_idx, 0) || jidx_init(&j->tag_idx, 0) ||
	    jidx_init(&j->group_idx, 0) || jidx_init(&j->ack_idx, 0) ||
	    jidx_init(&j->final_tag_idx, 0))
		return ENOMEM;

	LIST_FOREACH(&t->evl, le) {
		const struct trace_ev *ev = le->data;

		/* slot 0: the datagrams (conn 0), read as a stream is */
		if (ev->dir == TRACE_IN && (ev->kind == TRACE_SEG ||
		    (ev->kind == TRACE_MSG && ev->tp == SIP_TRANSP_UDP)) &&
		    ev->conn + 1 > rn)
			rn = ev->conn + 1;
	}
	if (rn) {
		rv = mem_zalloc(rn * sizeof(*rv), NULL);
		if (!rv)
			return ENOMEM;
	}

	LIST_FOREACH(&t->evl, le) {
		const struct trace_ev *ev = le->data;

		/* a datagram is its own segment: a reader that falls
		 * behind a flood reads them back to back, each later than
		 * it came (the kernel queued it) */
		if (ev->dir == TRACE_IN && (ev->kind == TRACE_SEG ||
		    (ev->kind == TRACE_MSG && ev->tp == SIP_TRANSP_UDP)))
			track_seg(rv, rn, pause, ev);
		/* a message our recording cut off (--timeout) is judged by
		 * nothing: its missing tail may have been on its way, and a
		 * Content-Length or SDP verdict on the part would be ours,
		 * not the target's */
		if (ev->kind != TRACE_MSG || ev->cut)
			continue;
		err = view_add(j, ev);
		if (err)
			goto out;
		j->msgv[j->msgc - 1].busy_us = busy_since(rv, rn, ev);
	}

	/* a trace is recorded in time order; a loaded one need not be */
	for (size_t i = 0; i < j->trc; i++)
		qsort(j->trv[i].txv, j->trv[i].req_tx,
		      sizeof(*j->trv[i].txv), tx_cmp);
 out:
	mem_deref(rv);
	return err;
}

void view_free(struct judge *j)
{
	arena_free(&j->maps);
	for (size_t i = 0; i < j->trc; i++) {
		mem_deref(j->trv[i].resv);
		mem_deref(j->trv[i].txv);
	}
	j->msgv = mem_deref(j->msgv);
	j->trv  = mem_deref(j->trv);
	j->scan = mem_deref(j->scan);
	jidx_free(&j->trans_idx);
	jidx_free(&j->invite_idx);
	jidx_free(&j->bytes_idx);
	jidx_free(&j->tag_idx);
	jidx_free(&j->group_idx);
	jidx_free(&j->final_tag_idx);
	jidx_free(&j->ack_idx);
	j->msgc = j->trc = 0;
}
