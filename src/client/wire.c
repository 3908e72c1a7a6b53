/**
 * @file wire.c  The client's sockets: send, receive, record every byte
 *
 * One UDP socket or TCP connection to the target, the run's transport;
 * over TCP also a listener on the address of that connection, which is
 * the address our Contact and Via carry, so that the target can open a
 * connection of its own for the requests it sends inside a dialog (RFC
 * 3261 section 18.2.2 and 18.1.1: it must be able to reach the sent-by,
 * and a remote target is where a request goes).  Every connection, ours
 * or accepted, is framed and recorded alike, with its own number.
 * Requests whose next hop asks for the other transport (RFC 3263 section
 * 4.1) go over a connection or socket opened for it on demand.
 */
#include <config.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <unistd.h>
#include <sys/socket.h>
#ifdef __linux__
#include <linux/sock_diag.h>
#endif
#include <netinet/in.h>
#include <linux/errqueue.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "trace/trace.h"
#include "sip/framer.h"
#include "trace/rx.h"
#include "client/wire.h"

/* Datagrams up to the IP maximum: a 64 KB datagram from a hostile target
 * must be recorded whole, not cut at libre's default 8 KB. */
#define UDP_RXSZ 65536
#define UDP_RCVBUF (8 * 1024 * 1024)
/* A stream peer that never ends its headers cannot make us buffer more */
#define TCP_MAXBUF (1024 * 1024)

/* One TCP connection: ours to the target, ours to another next hop, or
 * one the target opened to our listener */
struct wconn {
	struct le le;
	struct wire *w;
	struct tcp_conn *tc;
	struct sa local, peer;
	unsigned conn;            /**< its number in the trace, from 1     */
	bool accepted;            /**< the target opened it                */
	bool estab;
	bool closed;
	struct trace_rx rx;       /**< what it received, framed, recorded  */
	struct list txq;          /**< queued before the connection was up */
};

struct wire {
	struct trace *t;
	enum sip_transp tp;       /**< the run's                           */
	struct sa local, peer;
	uint64_t t0_us;
	struct udp_sock *us;
	struct sa ulocal;         /**< us's address, as bound: asked once,
				       not a getsockname() a datagram   */
	struct tcp_sock *ts;      /**< the listener on our Contact         */
	struct list conns;
	struct wconn *main;       /**< TCP: the connection to the target   */
	bool unreachable;         /**< UDP: ICMP port unreachable came     */
	unsigned connc;
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

static void wconn_destructor(void *arg)
{
	struct wconn *c = arg;

	list_unlink(&c->le);
	mem_deref(c->tc);
	trace_rx_close(&c->rx);
	list_flush(&c->txq);
}

static void destructor(void *arg)
{
	struct wire *w = arg;

	mem_deref(w->us);
	mem_deref(w->ts);
	list_flush(&w->conns);
}

static void udp_recv(const struct sa *src, struct mbuf *mb, void *arg)
{
	struct wire *w = arg;
	uint64_t t = wire_now(w);
	struct trace_ev *ev;

	/* from whoever sent it: a stray peer is evidence too */
	if (trace_add(w->t, TRACE_MSG, TRACE_IN, SIP_TRANSP_UDP, &w->ulocal,
		      src, 0, t, mbuf_buf(mb), mbuf_get_left(mb), &ev))
		return;
	if (w->recvh)
		w->recvh(ev, w->arg);
}

/* Hand on what one segment brought, once all of it is recorded
 * (trace/rx.h says why) */
static void deliver(struct wire *w, struct list *evl)
{
	struct le *le;

	while ((le = list_head(evl))) {
		struct trace_ev *ev = le->data;

		list_unlink(le);
		mem_deref(le);
		if (w->recvh)
			w->recvh(ev, w->arg);
	}
}

/* A message cut off by the peer's close is evidence, not noise; one cut
 * off by the end of our recording (cut) is not the target's doing */
static void flush_stream(struct wconn *c, uint64_t t, bool cut)
{
	struct trace_ev *ev;

	if (trace_rx_flush(&c->rx, t, &ev) || !ev)
		return;
	ev->cut = cut;
	if (c->w->recvh)
		c->w->recvh(ev, c->w->arg);
}

/* The connection is over: only the one to the target ends the run */
static void conn_gone(struct wconn *c, int err, uint64_t t)
{
	struct wire *w = c->w;

	flush_stream(c, t, false);
	c->tc = mem_deref(c->tc);
	c->closed = true;
	c->estab = false;

	if (c == w->main && w->closeh)
		w->closeh(err, w->arg);
}

static void tcp_recv(struct mbuf *mb, void *arg)
{
	struct wconn *c = arg;
	struct wire *w = c->w;
	uint64_t t = wire_now(w);
	struct list evl = LIST_INIT;

	if (trace_rx_recv(&c->rx, t, mbuf_buf(mb), mbuf_get_left(mb),
			  &evl) == EOVERFLOW) {
		trace_note(w->t, t, "stream buffer over %u bytes: closing "
			   "TCP connection %u", TCP_MAXBUF, c->conn);
		conn_gone(c, EOVERFLOW, t);
		return;
	}
	deliver(w, &evl);
}

/* What is recorded as sent is what went to the socket: a message queued
 * for a connection that never came up, or refused by the kernel, is a
 * note, not a transmission the judge could count. */
static int record_out(struct wire *w, enum sip_transp tp,
		      const struct sa *local, const struct sa *dst,
		      unsigned conn, const uint8_t *p, size_t len, int err)
{
	if (err)
		return trace_note(w->t, wire_now(w), "sending %zu bytes to %J "
				  "over %s failed: %m", len, dst,
				  sip_transp_name(tp), err);
	return trace_add(w->t, TRACE_MSG, TRACE_OUT, tp, local, dst, conn,
			 wire_now(w), p, len, NULL);
}

static int conn_send(struct wconn *c, const uint8_t *p, size_t len)
{
	struct mbuf mb = {.buf = (uint8_t *)p, .size = len, .end = len};
	int err;

	if (c->closed || !c->tc)
		return ENOTCONN;

	if (!c->estab) {
		struct txmsg *q = mem_zalloc(sizeof(*q) + len,
					     txmsg_destructor);

		if (!q)
			return ENOMEM;
		memcpy(q->buf, p, len);
		q->len = len;
		list_append(&c->txq, &q->le, q);
		return 0;
	}

	err = tcp_send(c->tc, &mb);
	record_out(c->w, SIP_TRANSP_TCP, &c->local, &c->peer, c->conn, p, len,
		   err);
	return err;
}

static void tcp_estab(void *arg)
{
	struct wconn *c = arg;
	struct wire *w = c->w;

	c->estab = true;
	tcp_conn_local_get(c->tc, &c->local);
	trace_note(w->t, wire_now(w), "TCP connection %u established %J -> %J",
		   c->conn, &c->local, &c->peer);

	while (c->txq.head && c->tc) {
		struct txmsg *q = c->txq.head->data;

		conn_send(c, q->buf, q->len);
		mem_deref(q);
	}
}

static void tcp_close(int err, void *arg)
{
	struct wconn *c = arg;
	struct wire *w = c->w;
	uint64_t t = wire_now(w);

	if (err)
		trace_note(w->t, t, "TCP connection %u closed: %m", c->conn,
			   err);
	else
		trace_note(w->t, t, "TCP connection %u closed by the %s",
			   c->conn, c->accepted ? "peer" : "target");
	conn_gone(c, err, t);
}

static struct wconn *wconn_new(struct wire *w)
{
	struct wconn *c = mem_zalloc(sizeof(*c), wconn_destructor);

	if (!c)
		return NULL;
	c->w = w;
	c->conn = ++w->connc;
	if (trace_rx_init(&c->rx, w->t, &c->local, &c->peer, c->conn,
			  TCP_MAXBUF))
		return mem_deref(c);
	list_append(&w->conns, &c->le, c);
	return c;
}

/* A TCP connection of ours to dst, bound to local (port 0: any) */
static int conn_open(struct wconn **cp, struct wire *w, const struct sa *dst,
		     const struct sa *local)
{
	struct wconn *c = wconn_new(w);
	int err;

	if (!c)
		return ENOMEM;
	c->peer = *dst;
	c->local = *local;
	err = tcp_connect_bind(&c->tc, dst, tcp_estab, tcp_recv, tcp_close,
			       &c->local, c);
	if (err) {
		mem_deref(c);
		return err;
	}
	tcp_conn_rxsz_set(c->tc, UDP_RXSZ);
	tcp_conn_local_get(c->tc, &c->local);
	*cp = c;
	return 0;
}

/* The target opens a connection to our Contact: take it, frame it and
 * record it as any other (its in-dialog requests come on it) */
static void tcp_conn(const struct sa *peer, void *arg)
{
	struct wire *w = arg;
	struct wconn *c = wconn_new(w);

	if (!c || tcp_accept(&c->tc, w->ts, tcp_estab, tcp_recv, tcp_close,
			     c)) {
		mem_deref(c);
		tcp_reject(w->ts);
		trace_note(w->t, wire_now(w), "a TCP connection from %J to our "
			   "Contact could not be taken", peer);
		return;
	}
	c->accepted = true;
	c->peer = *peer;
	c->local = w->local;
	tcp_conn_rxsz_set(c->tc, UDP_RXSZ);
	trace_note(w->t, wire_now(w), "TCP connection %u accepted from %J",
		   c->conn, peer);
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
	if (w->unreachable)
		return;
	w->unreachable = true;
	if (w->closeh)
		w->closeh(ECONNREFUSED, w->arg);
}

/**
 * The address the system would send from to reach peer, port 0: what Via
 * and Contact must carry (a socket bound to the wildcard has none).  It
 * costs a socket, a connect() and a close(): a load run asks once for all
 * its calls (uac_cfg.src), not once a call.
 */
int wire_source_addr(const struct sa *peer, struct sa *ip)
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

/*
 * How many datagrams the kernel dropped at our UDP socket: sk_drops, as
 * SO_MEMINFO reports it (Linux 4.12; SO_RXQ_OVFL gives the same counter
 * but only in the ancillary data of a recvmsg(), which libre's receive
 * path does not ask for).  Without SO_MEMINFO nothing is known and 0 is
 * recorded: then the trace claims no more than before.
 */
static uint32_t udp_drops(const struct wire *w)
{
#ifdef SO_MEMINFO
	uint32_t mi[SK_MEMINFO_VARS];
	socklen_t sl = sizeof(mi);
	int fd;

	if (!w->us)
		return 0;
	fd = udp_sock_fd(w->us, sa_af(&w->local));
	if (fd < 0 || getsockopt(fd, SOL_SOCKET, SO_MEMINFO, mi, &sl) ||
	    sl < (SK_MEMINFO_DROPS + 1) * sizeof(mi[0]))
		return 0;
	return mi[SK_MEMINFO_DROPS];
#else
	(void)w;
	return 0;
#endif
}

/*
 * A flood (20,000 183s at once) overflows the default receive buffer
 * (about 200 KiB) before the event loop reads it.  Ask for more: as
 * root SO_RCVBUFFORCE passes net.core.rmem_max, else SO_RCVBUF is capped
 * there.  What still overflows is counted (udp_drops) and reported.
 */
static void udp_rcvbuf(const struct wire *w)
{
	const int sz = UDP_RCVBUF;
	int fd = udp_sock_fd(w->us, sa_af(&w->local));

	if (fd < 0)
		return;
#ifdef SO_RCVBUFFORCE
	if (!setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)))
		return;
#endif
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
}

/* Listen for TCP on our address and port: the UDP socket's in a UDP run
 * (a next hop may ask for TCP), the connection's in a TCP run, where the
 * connection is bound first (Linux lets a listener share the port of a
 * connected socket, not a connection share a listener's). */
static int tcp_bind_check(const struct sa *local);

static void tcp_contact(struct wire *w)
{
	/* In a UDP run, asked first, so that a port some other socket
	 * holds (in a load run of thousands of calls, now and then) is said
	 * once, in the trace, and not also in libre's coloured lines on
	 * stderr.  Not in a TCP run: the port is our connection's, which a
	 * listener may share and a plain bind may not. */
	int err = w->tp == SIP_TRANSP_UDP ? tcp_bind_check(&w->local) : 0;

	if (!err)
		err = tcp_listen(&w->ts, &w->local, tcp_conn, w);

	if (err)
		trace_note(w->t, wire_now(w), "cannot listen for TCP on %J: "
			   "%m; the target cannot open a connection to our "
			   "Contact", &w->local, err);
}

static int udp_open(struct wire *w)
{
	struct sa local = w->local;
	int err;

	/* the port number of our TCP Contact, so one sent-by serves both */
	err = udp_listen(&w->us, &local, udp_recv, w);
	if (err && w->tp != SIP_TRANSP_UDP) {
		sa_set_port(&local, 0);
		err = udp_listen(&w->us, &local, udp_recv, w);
	}
	if (err)
		return err;
	udp_rxsz_set(w->us, UDP_RXSZ);
	udp_rcvbuf(w);
	err = udp_local_get(w->us, &w->ulocal);
	if (err)
		w->us = mem_deref(w->us);
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
	list_init(&w->conns);

	if (local && sa_isset(local, SA_ADDR) && !sa_is_any(local))
		w->local = *local;
	else {
		err = wire_source_addr(peer, &w->local);
		if (err)
			goto out;
		if (local)
			sa_set_port(&w->local, sa_port(local));
	}

	switch (tp) {

	case SIP_TRANSP_UDP:
		err = udp_open(w);
		if (err)
			goto out;
		w->local = w->ulocal;
		udp_recverr_set(w);
		udp_error_handler_set(w->us, udp_error);
		tcp_contact(w);
		break;

	case SIP_TRANSP_TCP:
		err = tcp_bind_check(&w->local);
		if (err)
			goto out;
		err = conn_open(&w->main, w, peer, &w->local);
		if (err)
			goto out;
		w->local = w->main->local;
		tcp_contact(w);
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

/* Our connection to dst: the one to the target, another we opened, or a
 * new one.  An accepted connection is not reused for our requests: it
 * leads to the target's ephemeral port, not to dst (RFC 5923 would need
 * an alias). */
static int conn_to(struct wconn **cp, struct wire *w, const struct sa *dst)
{
	struct sa any;
	struct le *le;

	LIST_FOREACH(&w->conns, le) {
		struct wconn *c = le->data;

		if (!c->accepted && !c->closed && sa_cmp(&c->peer, dst, SA_ALL)) {
			*cp = c;
			return 0;
		}
	}

	sa_cpy(&any, &w->local);
	sa_set_port(&any, 0);
	trace_note(w->t, wire_now(w), "opening a TCP connection to %J", dst);
	return conn_open(cp, w, dst, &any);
}

/**
 * Send one message over tp to dst (NULL: the target).  TCP: over our
 * connection to dst, opened if there is none; UDP: from our socket,
 * opened if the run is over TCP.
 */
int wire_send_tp(struct wire *w, enum sip_transp tp, const struct sa *dst,
		 const uint8_t *p, size_t len)
{
	struct mbuf mb = {.buf = (uint8_t *)p, .size = len, .end = len};
	struct wconn *c;
	int err;

	if (!w || !p)
		return EINVAL;
	if (!dst)
		dst = &w->peer;

	switch (tp) {

	case SIP_TRANSP_UDP:
		if (!w->us) {
			err = udp_open(w);
			if (err)
				return record_out(w, tp, &w->local, dst, 0, p,
						  len, err);
		}
		err = udp_send(w->us, dst, &mb);
		record_out(w, tp, &w->ulocal, dst, 0, p, len, err);
		return err;

	case SIP_TRANSP_TCP:
		if (w->main && sa_cmp(dst, &w->peer, SA_ALL))
			return conn_send(w->main, p, len);
		err = conn_to(&c, w, dst);
		if (err)
			return record_out(w, tp, &w->local, dst, 0, p, len,
					  err);
		return conn_send(c, p, len);

	default:
		return EPROTONOSUPPORT;
	}
}

/** Send one message over the run's transport; dst as wire_send_tp() */
int wire_send_to(struct wire *w, const struct sa *dst, const uint8_t *p,
		 size_t len)
{
	return wire_send_tp(w, w ? w->tp : SIP_TRANSP_UDP, dst, p, len);
}

int wire_send(struct wire *w, const uint8_t *p, size_t len)
{
	return wire_send_to(w, NULL, p, len);
}

/**
 * A response to the request req; a datagram to where it came from.  Over
 * a stream, 18.2.2: "the response MUST be sent using the existing
 * connection to the source of the original request" (the one it came on,
 * ours or accepted), and "If that connection is no longer open, the
 * server SHOULD open a connection to the IP address in the "received"
 * parameter, if present, using the port in the "sent-by" value, or the
 * default port for that transport, if no port is specified."  The
 * received parameter a server adds (18.2.1) is the request's source
 * address whenever sent-by differs from it, so that IP is the source's
 * in every case; the port is sent-by's (sent_by_port, 0: none).  No DNS
 * for a sent-by name is needed either way.
 */
int wire_reply(struct wire *w, const struct trace_ev *req,
	       uint16_t sent_by_port, const uint8_t *p, size_t len)
{
	struct wconn *c;
	struct sa dst;
	struct le *le;
	int err;

	if (!w || !req || !p)
		return EINVAL;

	if (req->tp == SIP_TRANSP_UDP)
		return wire_send_tp(w, SIP_TRANSP_UDP, &req->peer, p, len);

	LIST_FOREACH(&w->conns, le) {
		c = le->data;

		if (c->conn != req->conn)
			continue;
		if (!c->closed && c->tc)
			return conn_send(c, p, len);
		break;
	}

	sa_cpy(&dst, &req->peer);
	sa_set_port(&dst, sent_by_port ? sent_by_port : SIP_PORT);
	trace_note(w->t, wire_now(w), "TCP connection %u of the request is "
		   "closed: the response goes to %J, the source's address "
		   "and the sent-by port (18.2.2)", req->conn, &dst);
	err = conn_to(&c, w, &dst);
	if (err)
		return record_out(w, SIP_TRANSP_TCP, &w->local, &dst, 0, p,
				  len, err);
	return conn_send(c, p, len);
}

void wire_local(const struct wire *w, struct sa *local)
{
	*local = w->local;
}

/** End of recording: what is left in a stream buffer is a message cut
 *  off, and the trace ends now. */
/** A receive buffer of this size instead (--rcvbuf): what the kernel
 *  allows, at least its minimum; UDP only */
int wire_rcvbuf(struct wire *w, size_t bytes)
{
	int sz = bytes > INT32_MAX / 2 ? INT32_MAX / 2 : (int)bytes;
	int fd;

	if (!w || !w->us)
		return EINVAL;
	fd = udp_sock_fd(w->us, sa_af(&w->local));
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz)))
		return errno ? errno : EINVAL;
	return 0;
}

void wire_finish(struct wire *w)
{
	uint64_t t = wire_now(w);
	struct le *le;

	LIST_FOREACH(&w->conns, le)
		flush_stream(le->data, t, true);
	w->t->kernel_drops = udp_drops(w);
	if (t > w->t->end_us)
		w->t->end_us = t;
}
