/**
 * @file wire.c  The client's sockets: send, receive, record every byte
 */
#include <config.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/errqueue.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "trace/trace.h"
#include "sip/framer.h"
#include "client/wire.h"

/* Datagrams up to the IP maximum: a 64 KB datagram from a hostile target
 * must be recorded whole, not cut at libre's default 8 KB. */
#define UDP_RXSZ 65536
/* A stream peer that never ends its headers cannot make us buffer more */
#define TCP_MAXBUF (1024 * 1024)

struct wire {
	struct trace *t;
	enum sip_transp tp;
	struct sa local, peer;
	uint64_t t0_us;
	struct udp_sock *us;
	struct tcp_conn *tc;
	bool estab;
	bool closed;
	unsigned conn;
	struct mbuf *stream;      /**< received, not yet framed            */
	struct framer fr;         /**< how far the stream is framed        */
	struct list txq;          /**< queued before the connection was up */
	wire_recv_h *recvh;
	wire_close_h *closeh;
	void *arg;
};

/* A message waiting for the connection to come up */
struct txmsg {
	struct le le;
	size_t len;
	uint8_t buf[];
};

static void txmsg_destructor(void *arg)
{
	struct txmsg *m = arg;

	list_unlink(&m->le);
}

uint64_t wire_clock_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

uint64_t wire_now(const struct wire *w)
{
	return wire_clock_us() - w->t0_us;
}

static void destructor(void *arg)
{
	struct wire *w = arg;

	mem_deref(w->us);
	mem_deref(w->tc);
	mem_deref(w->stream);
	list_flush(&w->txq);
}

static struct trace_ev *record_in(struct wire *w, const uint8_t *p,
				   size_t len, bool incomplete, uint64_t t)
{
	struct trace_ev *ev;

	if (trace_add(w->t, TRACE_MSG, TRACE_IN, w->tp, &w->local, &w->peer,
		      w->conn, t, p, len, &ev))
		return NULL;
	ev->incomplete = incomplete;
	return ev;
}

static void deliver(struct wire *w, const uint8_t *p, size_t len,
		    bool incomplete, uint64_t t)
{
	struct trace_ev *ev = record_in(w, p, len, incomplete, t);

	if (ev && w->recvh)
		w->recvh(ev, w->arg);
}

static void udp_recv(const struct sa *src, struct mbuf *mb, void *arg)
{
	struct wire *w = arg;
	uint64_t t = wire_now(w);
	struct trace_ev *ev;

	/* from whoever sent it: a stray peer is evidence too */
	if (trace_add(w->t, TRACE_MSG, TRACE_IN, w->tp, &w->local, src, 0, t,
		      mbuf_buf(mb), mbuf_get_left(mb), &ev))
		return;
	if (w->recvh)
		w->recvh(ev, w->arg);
}

/*
 * Frame complete messages out of the stream buffer (sip/framer.h).  Every
 * message framed from one segment is recorded first, in byte order and
 * with the segment's time, and only then handed to the client: what the
 * client sends in answer to the first (an ACK) comes after all of them in
 * the trace, as it did on the wire, and the judge sees them in the order
 * they arrived.
 */
static void frame(struct wire *w, uint64_t t)
{
	struct mbuf *s = w->stream;
	struct list evl = LIST_INIT;
	struct le *le;

	for (;;) {
		const uint8_t *p;
		size_t left, n;
		struct trace_ev *ev;
		struct le *e;

		if (!w->fr.scanned)
			s->pos += framer_keepalive(mbuf_buf(s),
						   mbuf_get_left(s));
		p = mbuf_buf(s);
		left = mbuf_get_left(s);
		if (!left || framer_next(&w->fr, p, left, &n))
			break;

		s->pos += n;
		ev = record_in(w, p, n, false, t);
		e = ev ? mem_zalloc(sizeof(*e), NULL) : NULL;
		if (e)
			list_append(&evl, e, ev);
	}

	/* compact what is left */
	if (s->pos) {
		size_t left = mbuf_get_left(s);

		memmove(s->buf, mbuf_buf(s), left);
		s->pos = 0;
		s->end = left;
	}

	while ((le = list_head(&evl))) {
		struct trace_ev *ev = le->data;

		list_unlink(le);
		mem_deref(le);
		if (w->recvh)
			w->recvh(ev, w->arg);
	}
}

static void flush_stream(struct wire *w, uint64_t t)
{
	if (!w->stream || !mbuf_get_left(w->stream))
		return;

	deliver(w, mbuf_buf(w->stream), mbuf_get_left(w->stream), true, t);
	w->stream->pos = w->stream->end = 0;
	framer_init(&w->fr);
}

static void tcp_recv(struct mbuf *mb, void *arg)
{
	struct wire *w = arg;
	uint64_t t = wire_now(w);

	trace_add(w->t, TRACE_SEG, TRACE_IN, w->tp, &w->local, &w->peer,
		  w->conn, t, mbuf_buf(mb), mbuf_get_left(mb), NULL);

	if (w->stream->end + mbuf_get_left(mb) > TCP_MAXBUF) {
		trace_note(w->t, t, "stream buffer over %u bytes: closing",
			   TCP_MAXBUF);
		flush_stream(w, t);
		w->tc = mem_deref(w->tc);
		w->closed = true;
		if (w->closeh)
			w->closeh(EOVERFLOW, w->arg);
		return;
	}

	w->stream->pos = w->stream->end;
	mbuf_write_mem(w->stream, mbuf_buf(mb), mbuf_get_left(mb));
	w->stream->pos = 0;
	frame(w, t);
}

/* What is recorded as sent is what went to the socket: a message queued
 * for a connection that never came up, or refused by the kernel, is a
 * note, not a transmission the judge could count. */
static int record_send_to(struct wire *w, const struct sa *dst,
			  const uint8_t *p, size_t len, int err)
{
	if (err)
		return trace_note(w->t, wire_now(w), "sending %zu bytes to %J "
				  "failed: %m", len, dst, err);
	return trace_add(w->t, TRACE_MSG, TRACE_OUT, w->tp, &w->local,
			 dst, w->conn, wire_now(w), p, len, NULL);
}

static int record_send(struct wire *w, const uint8_t *p, size_t len, int err)
{
	return record_send_to(w, &w->peer, p, len, err);
}

static void tcp_estab(void *arg)
{
	struct wire *w = arg;

	w->estab = true;
	tcp_conn_local_get(w->tc, &w->local);
	trace_note(w->t, wire_now(w), "TCP connection %u established %J -> %J",
		   w->conn, &w->local, &w->peer);

	while (w->txq.head && w->tc) {
		struct txmsg *q = w->txq.head->data;
		struct mbuf mb = {.buf = q->buf, .size = q->len,
				  .end = q->len};

		record_send(w, q->buf, q->len, tcp_send(w->tc, &mb));
		mem_deref(q);
	}
}

static void tcp_close(int err, void *arg)
{
	struct wire *w = arg;
	uint64_t t = wire_now(w);

	if (err)
		trace_note(w->t, t, "TCP connection %u closed: %m", w->conn,
			   err);
	else
		trace_note(w->t, t, "TCP connection %u closed by the target",
			   w->conn);

	/* a message cut off by the close is evidence, not noise */
	flush_stream(w, t);
	w->tc = mem_deref(w->tc);
	w->closed = true;
	w->estab = false;

	if (w->closeh)
		w->closeh(err, w->arg);
}

/*
 * ICMP errors for our datagrams.  The socket stays unconnected -- a
 * connected one would drop datagrams from anyone but the target, and a
 * stray is evidence -- so the kernel reports ICMP only with IP_RECVERR
 * (ip(7)): recvfrom() then fails with ECONNREFUSED, libre calls
 * udp_error(), and the error queue says for which destination.  Port
 * unreachable from the target means nothing listens there: waiting for
 * --timeout would only delay the same verdict, so the wire reports it
 * as the end of the exchange, as a refused TCP connection is.
 */
static void udp_recverr_set(struct wire *w)
{
	const int on = 1;
	int fd = udp_sock_fd(w->us, sa_af(&w->local));

	if (fd < 0)
		return;
	if (sa_af(&w->local) == AF_INET6)
		(void)setsockopt(fd, IPPROTO_IPV6, IPV6_RECVERR, &on,
				 sizeof(on));
	else
		(void)setsockopt(fd, IPPROTO_IP, IP_RECVERR, &on, sizeof(on));
}

/* One entry of the error queue: the destination of the datagram that
 * drew the ICMP error into *dst, its errno; 0 when the queue is empty */
static int errqueue_read(int fd, struct sa *dst)
{
	union {
		struct cmsghdr align;
		char buf[512];
	} ctl;
	struct msghdr msg;
	struct cmsghdr *c;
	int err = 0;

	memset(&msg, 0, sizeof(msg));
	sa_init(dst, AF_UNSPEC);
	msg.msg_name = &dst->u.sa;
	msg.msg_namelen = sizeof(dst->u);
	msg.msg_control = ctl.buf;
	msg.msg_controllen = sizeof(ctl.buf);

	if (recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
		return 0;
	dst->len = msg.msg_namelen;

	for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		const struct sock_extended_err *ee;

		if (!((c->cmsg_level == IPPROTO_IP &&
		       c->cmsg_type == IP_RECVERR) ||
		      (c->cmsg_level == IPPROTO_IPV6 &&
		       c->cmsg_type == IPV6_RECVERR)))
			continue;
		ee = (const struct sock_extended_err *)CMSG_DATA(c);
		err = (int)ee->ee_errno;
	}
	return err ? err : EIO;
}

static void udp_error(int err, void *arg)
{
	struct wire *w = arg;
	int fd = udp_sock_fd(w->us, sa_af(&w->local));
	bool refused = false;
	struct sa dst;
	int e;

	/* drain the queue: an entry left in it keeps the socket in error */
	while (fd >= 0 && (e = errqueue_read(fd, &dst))) {
		if (e == ECONNREFUSED && sa_cmp(&dst, &w->peer, SA_ALL)) {
			refused = true;
			continue;
		}
		trace_note(w->t, wire_now(w), "ICMP error for a datagram to "
			   "%J: %m", &dst, e);
	}

	if (!refused) {
		if (err != ECONNREFUSED)
			trace_note(w->t, wire_now(w), "receive error: %m", err);
		return;
	}

	trace_note(w->t, wire_now(w), "ICMP port unreachable from %J",
		   &w->peer);
	if (w->closed)
		return;
	w->closed = true;
	if (w->closeh)
		w->closeh(ECONNREFUSED, w->arg);
}

/* The address the system would send from to reach peer: what Via and
 * Contact must carry (a socket bound to the wildcard has none) */
static int source_addr(const struct sa *peer, struct sa *ip)
{
	struct sa tmp = *peer;
	socklen_t len = sizeof(ip->u);
	int fd, err = 0;

	fd = socket(sa_af(peer), SOCK_DGRAM, 0);
	if (fd < 0)
		return errno;

	if (!sa_port(&tmp))
		sa_set_port(&tmp, SIP_PORT);
	if (connect(fd, &tmp.u.sa, tmp.len) < 0 ||
	    getsockname(fd, &ip->u.sa, &len) < 0)
		err = errno;
	else
		ip->len = len;

	close(fd);
	if (!err)
		sa_set_port(ip, 0);
	return err;
}

/* Can a TCP socket be bound to local?  libre's tcp_connect_bind() says
 * why not in coloured lines of its own debug output (tcp_conn_bind);
 * asked first, the caller says it once, in our words.  The same options
 * as libre's bind (SO_REUSEADDR), so the answers agree. */
static int tcp_bind_check(const struct sa *local)
{
	const int on = 1;
	int fd, err = 0;

	fd = socket(sa_af(local), SOCK_STREAM, IPPROTO_TCP);
	if (fd < 0)
		return errno;
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (bind(fd, &local->u.sa, local->len) < 0)
		err = errno;
	close(fd);
	return err;
}

int wire_alloc(struct wire **wp, struct trace *t, enum sip_transp tp,
	       const struct sa *local, const struct sa *peer,
	       wire_recv_h *recvh, wire_close_h *closeh, void *arg)
{
	struct wire *w;
	int err;

	if (!wp || !t || !peer)
		return EINVAL;

	w = mem_zalloc(sizeof(*w), destructor);
	if (!w)
		return ENOMEM;

	w->t = t;
	w->tp = tp;
	w->peer = *peer;
	w->recvh = recvh;
	w->closeh = closeh;
	w->arg = arg;
	w->t0_us = wire_clock_us();

	if (local && sa_isset(local, SA_ADDR) && !sa_is_any(local))
		w->local = *local;
	else {
		err = source_addr(peer, &w->local);
		if (err)
			goto out;
		if (local)
			sa_set_port(&w->local, sa_port(local));
	}

	switch (tp) {

	case SIP_TRANSP_UDP:
		err = udp_listen(&w->us, &w->local, udp_recv, w);
		if (err)
			goto out;
		udp_rxsz_set(w->us, UDP_RXSZ);
		udp_local_get(w->us, &w->local);
		udp_recverr_set(w);
		udp_error_handler_set(w->us, udp_error);
		break;

	case SIP_TRANSP_TCP:
		w->stream = mbuf_alloc(4096);
		if (!w->stream) {
			err = ENOMEM;
			goto out;
		}
		w->conn = 1;
		err = tcp_bind_check(&w->local);
		if (err)
			goto out;
		err = tcp_connect_bind(&w->tc, peer, tcp_estab, tcp_recv,
				       tcp_close, &w->local, w);
		if (err)
			goto out;
		tcp_conn_rxsz_set(w->tc, UDP_RXSZ);
		tcp_conn_local_get(w->tc, &w->local);
		break;

	default:
		err = EPROTONOSUPPORT;
		goto out;
	}

 out:
	if (err)
		mem_deref(w);
	else
		*wp = w;
	return err;
}

/**
 * Send one message.  dst is where a datagram goes (NULL: the target);
 * a stream has one connection, to the target, and ignores it.
 */
int wire_send_to(struct wire *w, const struct sa *dst, const uint8_t *p,
		 size_t len)
{
	struct mbuf mb;
	int err;

	if (!w || !p)
		return EINVAL;

	mb.buf  = (uint8_t *)p;
	mb.size = len;
	mb.pos  = 0;
	mb.end  = len;

	if (w->tp == SIP_TRANSP_UDP) {
		if (!dst)
			dst = &w->peer;
		err = udp_send(w->us, dst, &mb);
		record_send_to(w, dst, p, len, err);
		return err;
	}

	if (w->closed || !w->tc)
		return ENOTCONN;

	if (!w->estab) {
		struct txmsg *q = mem_zalloc(sizeof(*q) + len,
					     txmsg_destructor);

		if (!q)
			return ENOMEM;
		memcpy(q->buf, p, len);
		q->len = len;
		list_append(&w->txq, &q->le, q);
		return 0;
	}

	err = tcp_send(w->tc, &mb);
	record_send(w, p, len, err);
	return err;
}

int wire_send(struct wire *w, const uint8_t *p, size_t len)
{
	return wire_send_to(w, NULL, p, len);
}

void wire_local(const struct wire *w, struct sa *local)
{
	*local = w->local;
}

/** End of recording: what is left in the stream buffer is a message cut
 *  off, and the trace ends now. */
void wire_finish(struct wire *w)
{
	uint64_t t = wire_now(w);

	flush_stream(w, t);
	if (t > w->t->end_us)
		w->t->end_us = t;
}
