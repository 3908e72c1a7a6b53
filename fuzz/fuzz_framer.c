/**
 * @file fuzz_framer.c  libFuzzer target for the stream framer (framer.h)
 *
 * Input: byte 0 says how many of the next bytes (byte 0 % 16) are
 * segment lengths, used in turn until the stream is used up (a length 0
 * is a read that brought nothing); the rest is the TCP stream.  The
 * stream is framed twice, with the loop the client's wire (and the
 * reference UAS) runs -- framer_keepalive() between messages, then
 * framer_next() on what is buffered, consume, compact -- once with all
 * bytes at once and once fed segment by segment.  Checked, aborting on
 * the first broken promise:
 *
 *   - framer_next() returns 0 or ENODATA; a message is at least one byte
 *     and no longer than what is buffered; keep-alives are CRLF pairs;
 *   - nothing lost: keep-alives, messages and the bytes left over tile
 *     the stream exactly, in order;
 *   - the same keep-alives and messages (offset and length in the stream)
 *     and the same bytes left over whatever the segmentation;
 *   - each yielded message's header block, message_scan()ned, has its
 *     empty line where the framer cut (no Content-Length: the message
 *     ends there);
 *   - bounded work: the bytes the framer scans, counted from its state
 *     (fr.scanned before and after each call, plus the header block that
 *     framer_next() scans once for its Content-Length, plus what
 *     framer_keepalive() looks at) stay under 2 x the stream plus 2 per
 *     call: one byte dripped at a time costs each byte one scan.
 *     The count comes from the framer's own bookkeeping, so a re-scan
 *     hidden from fr.scanned would go unseen; what it does see is a
 *     restart from the start of the message on every read.
 *
 * Then the stream goes through the client's own receiving path, the seam
 * of trace/rx.h that src/client/wire.c calls for every TCP segment (not
 * wire.c itself, which needs sockets): trace_rx_recv() segment by
 * segment, trace_rx_flush() at the end, into a trace.  Checked:
 *   - the segments recorded (TRACE_SEG) are the segments fed, byte for
 *     byte; the messages recorded (TRACE_MSG) are exactly the messages of
 *     the loop above, in order, byte for byte, with the time of the
 *     segment that completed them, and each is handed back (evl) once;
 *   - what is left over is flushed as one incomplete message;
 *   - the same messages when the stream is fed whole.
 */
#include <config.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <re.h>
#include "sip/message.h"
#include "sip/framer.h"
#include "trace/trace.h"
#include "trace/rx.h"
#include "fuzz.h"

static void fail(const char *what, int line)
{
	fprintf(stderr, "fuzz_framer.c:%d: invariant violated: %s\n", line,
		what);
	abort();
}

#define CHECK(cond) do { if (!(cond)) fail(#cond, __LINE__); } while (0)

enum piece_kind { P_KEEPALIVE, P_MSG };

struct piece {
	enum piece_kind kind;
	size_t off, len;
};

struct run {
	struct piece *v;
	size_t n, cap;
	size_t left;          /* bytes never framed, at the end */
	size_t work, kawork, calls;
};

static struct message *msg;

/* Keep-alives stripped by several calls, one pair each as they drip
 * in, are one run of keep-alives */
static void add(struct run *r, enum piece_kind k, size_t off, size_t len)
{
	if (k == P_KEEPALIVE && r->n && r->v[r->n - 1].kind == k &&
	    r->v[r->n - 1].off + r->v[r->n - 1].len == off) {
		r->v[r->n - 1].len += len;
		return;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->v = realloc(r->v, r->cap * sizeof(*r->v));
		if (!r->v)
			abort();
	}
	r->v[r->n++] = (struct piece){k, off, len};
}

/* The framer's loop over buf[0..len), the stream from offset base; the
 * bytes consumed */
static size_t frame(struct run *r, struct framer *fr, const uint8_t *buf,
		    size_t len, size_t base)
{
	size_t pos = 0;

	for (;;) {
		size_t n, before, hlen;
		bool had_hlen;
		int err;

		if (!fr->scanned) {
			size_t ka = framer_keepalive(buf + pos, len - pos);

			CHECK(ka % 2 == 0 && ka <= len - pos);
			for (size_t i = 0; i < ka; i += 2)
				CHECK(buf[pos + i] == '\r' &&
				      buf[pos + i + 1] == '\n');
			r->kawork += ka + 2;
			if (ka)
				add(r, P_KEEPALIVE, base + pos, ka);
			pos += ka;
		}
		if (pos == len)
			return pos;

		r->calls++;
		before = fr->scanned;
		had_hlen = fr->hlen != 0;
		err = framer_next(fr, buf + pos, len - pos, &n);
		CHECK(err == 0 || err == ENODATA);
		if (err) {
			CHECK(fr->scanned >= before && fr->scanned <= len - pos);
			if (!had_hlen) {
				r->work += fr->scanned - before;
				if (fr->hlen) {
					CHECK(fr->hlen == fr->scanned);
					r->work += fr->hlen;
				}
			}
			return pos;
		}

		CHECK(n >= 1 && n <= len - pos);
		CHECK(fr->scanned == 0 && fr->hlen == 0);

		/* where the header block ends, as message_scan() sees it */
		message_scan(msg, (const char *)buf + pos, n, 0);
		CHECK(msg->has_eoh);
		hlen = (size_t)(msg->body.p - msg->buf);
		CHECK(msg->clen_valid ? msg->clen == n - hlen : hlen == n);
		if (!had_hlen) {
			CHECK(hlen >= before);
			r->work += hlen - before + hlen;
		}

		add(r, P_MSG, base + pos, n);
		pos += n;
	}
}

static void check_tiling(const struct run *r, size_t size)
{
	size_t at = 0;

	for (size_t i = 0; i < r->n; i++) {
		CHECK(r->v[i].off == at);
		at += r->v[i].len;
	}
	CHECK(at + r->left == size);
}

/* Feed s[0..len) through trace_rx in the steps of cuts[] (ncuts 0: all
 * at once); check the trace against r, the loop's pieces */
static void check_rx(const struct run *r, const uint8_t *s, size_t len,
		     const uint8_t *cuts, size_t ncuts)
{
	static const struct sa none;
	struct trace_rx rx;
	struct trace *t = NULL;
	size_t fed = 0, k = 0, msgs = 0, segs = 0, seg_at = 0, want = 0;
	size_t pi = 0;
	struct le *le;
	struct trace_ev *left;

	if (trace_alloc(&t) ||
	    trace_rx_init(&rx, t, &none, &none, 1, SIZE_MAX))
		abort();

	for (; fed < len; k++) {
		size_t step = ncuts ? cuts[k % ncuts] : len;
		struct list evl = LIST_INIT;
		size_t before = t->n, handed = 0;

		if (step > len - fed)
			step = len - fed;
		CHECK(trace_rx_recv(&rx, k, s + fed, step, &evl) == 0);
		fed += step;

		/* handed back: every message this segment completed */
		while ((le = list_head(&evl))) {
			const struct trace_ev *ev = le->data;

			CHECK(ev->kind == TRACE_MSG && ev->t_us == k);
			CHECK(ev->index > before);
			handed++;
			list_unlink(le);
			mem_deref(le);
		}
		CHECK(t->n == before + 1 + handed);
	}
	CHECK(trace_rx_flush(&rx, k, &left) == 0);
	CHECK(!left == !r->left);
	trace_rx_close(&rx);

	for (size_t i = 0; i < r->n; i++)
		want += r->v[i].kind == P_MSG;

	LIST_FOREACH(&t->evl, le) {
		const struct trace_ev *ev = le->data;

		CHECK(ev->dir == TRACE_IN && ev->tp == SIP_TRANSP_TCP &&
		      ev->conn == 1);
		if (ev->kind == TRACE_SEG) {
			CHECK(ev->len <= len - seg_at);
			CHECK(!ev->len || !memcmp(ev->data, s + seg_at,
						  ev->len));
			seg_at += ev->len;
			segs++;
			continue;
		}
		CHECK(ev->kind == TRACE_MSG);
		if (ev->incomplete) {
			CHECK(ev == left && ev->len == r->left);
			CHECK(!memcmp(ev->data, s + len - r->left, r->left));
			continue;
		}
		/* the next message piece of the loop */
		while (pi < r->n && r->v[pi].kind != P_MSG)
			pi++;
		CHECK(pi < r->n && ev->len == r->v[pi].len);
		CHECK(!memcmp(ev->data, s + r->v[pi].off, ev->len));
		pi++;
		msgs++;
	}
	CHECK(seg_at == len && msgs == want && segs == (len ? k : 0));
	mem_deref(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run whole = {0}, seg = {0};
	struct framer fr;
	const uint8_t *cuts, *s;
	size_t ncuts, len, done = 0, have = 0, k = 0;
	uint8_t *buf;

	if (!size)
		return 0;
	if (!msg) {
		msg = mem_zalloc(sizeof(*msg), NULL);
		if (!msg)
			abort();
	}

	ncuts = data[0] % 16;
	if (ncuts > size - 1)
		ncuts = size - 1;
	cuts = data + 1;
	s = data + 1 + ncuts;
	len = size - 1 - ncuts;

	/* all at once */
	framer_init(&fr);
	whole.left = len - frame(&whole, &fr, s, len, 0);
	check_tiling(&whole, len);

	/* segment by segment, into a buffer that grows and is compacted
	 * as the wire's is; each call sees exactly the bytes buffered */
	framer_init(&fr);
	buf = malloc(len ? len : 1);
	if (!buf)
		abort();
	{
		bool any = false;

		for (size_t i = 0; i < ncuts; i++)
			any |= cuts[i] != 0;
		if (!any)
			ncuts = 0;
	}
	for (size_t fed = 0; fed < len; k++) {
		size_t step = ncuts ? cuts[k % ncuts] : len;
		size_t used;

		if (step > len - fed)
			step = len - fed;
		memcpy(buf + have, s + fed, step);
		have += step;
		fed += step;

		used = frame(&seg, &fr, buf, have, done);
		memmove(buf, buf + used, have - used);
		have -= used;
		done += used;
	}
	seg.left = have;
	check_tiling(&seg, len);

	CHECK(whole.n == seg.n && whole.left == seg.left);
	for (size_t i = 0; i < whole.n; i++)
		CHECK(whole.v[i].kind == seg.v[i].kind &&
		      whole.v[i].off == seg.v[i].off &&
		      whole.v[i].len == seg.v[i].len);

	CHECK(whole.work <= 2 * len + 2);
	CHECK(seg.work <= 2 * len + 2);
	CHECK(seg.kawork <= len + 2 * (seg.calls + k + 1));

	check_rx(&seg, s, len, cuts, ncuts);
	check_rx(&seg, s, len, NULL, 0);

	free(buf);
	free(whole.v);
	free(seg.v);
	return 0;
}
