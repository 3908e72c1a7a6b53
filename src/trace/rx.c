/**
 * @file rx.c  What a stream connection receives, framed and recorded
 */
#include <config.h>
#include <errno.h>
#include <string.h>
#include <re.h>
#include "sip/framer.h"
#include "trace/trace.h"
#include "trace/rx.h"

/* rx records into t the bytes from *peer to *local on connection conn
 * (the addresses are read at each recording: a connection learns its
 * local one only once it is up);
 * a peer that never ends its headers cannot make it buffer more than
 * max bytes */
int trace_rx_init(struct trace_rx *rx, struct trace *t,
		  const struct sa *local, const struct sa *peer,
		  unsigned conn, size_t max)
{
	if (!rx || !t || !local || !peer)
		return EINVAL;

	memset(rx, 0, sizeof(*rx));
	rx->stream = mbuf_alloc(4096);
	if (!rx->stream)
		return ENOMEM;
	rx->t = t;
	rx->local = local;
	rx->peer = peer;
	rx->conn = conn;
	rx->max = max;
	framer_init(&rx->fr);
	return 0;
}

void trace_rx_close(struct trace_rx *rx)
{
	if (!rx)
		return;
	rx->stream = mem_deref(rx->stream);
}

static struct trace_ev *record(struct trace_rx *rx, const uint8_t *p,
			       size_t len, bool incomplete, uint64_t t_us)
{
	struct trace_ev *ev;

	if (trace_add(rx->t, TRACE_MSG, TRACE_IN, SIP_TRANSP_TCP, rx->local,
		      rx->peer, rx->conn, t_us, p, len, &ev))
		return NULL;
	ev->incomplete = incomplete;
	return ev;
}

/*
 * A segment p[0..len) received at t_us.  Every message framed from it is
 * recorded, in byte order and with the segment's time, and appended to
 * evl (an element each, data the event; the caller frees the elements),
 * so that the caller hands them on only once all are recorded: what it
 * sends in answer to the first (an ACK) comes after all of them in the
 * trace, as it did on the wire.  EOVERFLOW: the segment would take the
 * buffer past max; it is recorded as a segment but not buffered.
 */
int trace_rx_recv(struct trace_rx *rx, uint64_t t_us, const uint8_t *p,
		  size_t len, struct list *evl)
{
	struct mbuf *s;
	int err;

	if (!rx || !rx->stream || (!p && len) || !evl)
		return EINVAL;
	s = rx->stream;

	trace_add(rx->t, TRACE_SEG, TRACE_IN, SIP_TRANSP_TCP, rx->local,
		  rx->peer, rx->conn, t_us, p, len, NULL);

	if (s->end + len > rx->max)
		return EOVERFLOW;

	s->pos = s->end;
	err = mbuf_write_mem(s, p, len);
	s->pos = 0;
	if (err)
		return err;

	for (;;) {
		const uint8_t *m;
		size_t left, n;
		struct trace_ev *ev;
		struct le *e;

		if (!rx->fr.scanned)
			s->pos += framer_keepalive(mbuf_buf(s),
						   mbuf_get_left(s));
		m = mbuf_buf(s);
		left = mbuf_get_left(s);
		if (!left || framer_next(&rx->fr, m, left, &n))
			break;

		s->pos += n;
		ev = record(rx, m, n, false, t_us);
		e = ev ? mem_zalloc(sizeof(*e), NULL) : NULL;
		if (e)
			list_append(evl, e, ev);
	}

	/* compact what is left */
	if (s->pos) {
		size_t left = mbuf_get_left(s);

		memmove(s->buf, mbuf_buf(s), left);
		s->pos = 0;
		s->end = left;
	}
	return 0;
}

/* The stream ends at t_us: what is left, a message cut off by the close,
 * is evidence, not noise.  *evp: its event, NULL when nothing was left. */
int trace_rx_flush(struct trace_rx *rx, uint64_t t_us, struct trace_ev **evp)
{
	struct trace_ev *ev = NULL;

	if (evp)
		*evp = NULL;
	if (!rx || !rx->stream)
		return EINVAL;
	if (!mbuf_get_left(rx->stream))
		return 0;

	ev = record(rx, mbuf_buf(rx->stream), mbuf_get_left(rx->stream), true,
		    t_us);
	rx->stream->pos = rx->stream->end = 0;
	framer_init(&rx->fr);
	if (evp)
		*evp = ev;
	return ev ? 0 : ENOMEM;
}
