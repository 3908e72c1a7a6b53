/**
 * @file net.c  The target's sockets: UDP and TCP on every listen address,
 *              one port number for all, stream framing, raw sends
 *
 * Raw on purpose: a misbehaviour must be able to send half a message,
 * reset a connection or send bytes no SIP stack would.  Streams are framed
 * with the one stream framer of the SIP layer (RFC 3261 section 18.3).
 */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <re.h>
#include "sip/framer.h"
#include "target.h"

enum {
	RXSZ = 65536,              /**< a whole datagram, however big       */
	MAX_STREAM_MSG = 262144,   /**< a peer that never ends a message    */
	BIND_TRIES = 32,
	RESET_DELAY_MS = 50,
};

struct lsock {
	struct le le;
	struct net *net;
	struct sa local;
	struct udp_sock *us;
	struct tcp_sock *ts;
};

struct conn {
	struct le le;
	struct net *net;
	struct tcp_conn *tc;
	struct sa peer, local;
	struct mbuf *rx;
	struct framer fr;          /**< how far rx is framed                */
	struct tmr tmr_rst;        /**< tcp-reset: the RST, a moment later  */
	struct mbuf *drip;         /**< slow-drip: bytes still to send      */
	struct tmr tmr_drip;
	bool stalled;              /**< nothing more is sent on it          */
	bool connecting;           /**< ours, not yet up: sends wait in txq */
	struct mbuf *txq;
};

struct net {
	const struct tcfg *cfg;
	struct list lsl;
	struct list connl;
	uint64_t t0;
	uint16_t port;
	net_recv_h *recvh;
	void *arg;
	struct udp_sock *us_other; /**< rport-other-source: a second socket */
};

uint64_t net_ms(const struct net *n)
{
	return tmr_jiffies() - n->t0;
}

/* --verbose: one line per message, the whole message with -v -v */
static void log_msg(const struct net *n, const char *dir,
		    const struct flow *f, const uint8_t *p, size_t len)
{
	uint64_t t = net_ms(n);
	char line[101];
	size_t i;

	if (!n->cfg->verbose)
		return;

	for (i = 0; i < len && i < sizeof(line) - 1; i++) {
		if (p[i] == '\r' || p[i] == '\n')
			break;
		line[i] = (p[i] >= 0x20 && p[i] < 0x7f) ? (char)p[i] : '.';
	}
	line[i] = '\0';

	re_fprintf(stderr, "%5llu.%03llu %s %s %J %zu bytes  %s\n",
		   (unsigned long long)(t / 1000),
		   (unsigned long long)(t % 1000), dir,
		   sip_transp_name(f->tp), &f->peer, len, line);
	if (n->cfg->verbose > 1) {
		fwrite(p, 1, len, stderr);
		fputs("\n", stderr);
	}
}

void flow_set(struct flow *dst, const struct flow *src)
{
	*dst = *src;
	dst->conn = mem_ref(src->conn);
}

void flow_clear(struct flow *f)
{
	f->conn = mem_deref(f->conn);
}

bool flow_stream(const struct flow *f)
{
	return f->tp == SIP_TRANSP_TCP;
}

/* -- UDP ---------------------------------------------------------------- */

/* RFC 5626 keep-alives and stray line ends are not messages */
static bool blank(const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != '\r' && p[i] != '\n' && p[i] != ' ')
			return false;
	return true;
}

static void udp_recv(const struct sa *src, struct mbuf *mb, void *arg)
{
	struct lsock *ls = arg;
	struct net *n = ls->net;
	struct flow f;

	memset(&f, 0, sizeof(f));
	f.net = n;
	f.tp = SIP_TRANSP_UDP;
	f.peer = *src;
	f.local = ls->local;
	f.us = ls->us;

	if (blank(mbuf_buf(mb), mbuf_get_left(mb)))
		return;
	log_msg(n, "<-", &f, mbuf_buf(mb), mbuf_get_left(mb));
	n->recvh(&f, mbuf_buf(mb), mbuf_get_left(mb), n->arg);
}

/* -- TCP ---------------------------------------------------------------- */

static void conn_destructor(void *arg)
{
	struct conn *c = arg;

	list_unlink(&c->le);
	tmr_cancel(&c->tmr_rst);
	tmr_cancel(&c->tmr_drip);
	mem_deref(c->drip);
	mem_deref(c->tc);
	mem_deref(c->rx);
	mem_deref(c->txq);
}

static void conn_flow(struct conn *c, struct flow *f)
{
	memset(f, 0, sizeof(*f));
	f->net = c->net;
	f->tp = SIP_TRANSP_TCP;
	f->peer = c->peer;
	f->local = c->local;
	f->conn = c;
}

/* The connection is over: the list lets go, transactions may still hold
 * it (their sends then fail with ENOTCONN) */
static void conn_drop(struct conn *c)
{
	c->tc = mem_deref(c->tc);
	if (c->le.list) {
		list_unlink(&c->le);
		mem_deref(c);
	}
}

static void conn_close_handler(int err, void *arg)
{
	struct conn *c = arg;

	if (c->net->cfg->verbose)
		re_fprintf(stderr, "TCP connection from %J closed: %m\n",
			   &c->peer, err);
	conn_drop(c);
}

/* Deliver the complete messages in the buffer (sip/framer.h) */
static void frame(struct conn *c)
{
	struct mbuf *rx = c->rx;
	struct flow f;

	conn_flow(c, &f);
	while (c->tc) {
		const uint8_t *p;
		size_t left, n;

		if (!c->fr.scanned)
			rx->pos += framer_keepalive(mbuf_buf(rx),
						    mbuf_get_left(rx));
		p = mbuf_buf(rx);
		left = mbuf_get_left(rx);
		if (!left)
			break;

		if (framer_next(&c->fr, p, left, &n)) {
			if (left > MAX_STREAM_MSG)
				conn_drop(c);
			break;
		}
		rx->pos += n;
		log_msg(c->net, "<-", &f, p, n);
		c->net->recvh(&f, p, n, c->net->arg);
	}

	/* what is left is the start of the next message */
	memmove(rx->buf, mbuf_buf(rx), mbuf_get_left(rx));
	rx->end = mbuf_get_left(rx);
	rx->pos = 0;
}

static void conn_recv_handler(struct mbuf *mb, void *arg)
{
	struct conn *c = mem_ref(arg);
	int err;

	c->rx->pos = c->rx->end;
	err = mbuf_write_mem(c->rx, mbuf_buf(mb), mbuf_get_left(mb));
	c->rx->pos = 0;
	if (err)
		conn_drop(c);
	else
		frame(c);
	mem_deref(c);
}

static void conn_estab_handler(void *arg)
{
	struct conn *c = arg;

	if (!c->connecting)
		return;
	c->connecting = false;
	if (c->txq && c->tc) {
		c->txq->pos = 0;
		(void)tcp_send(c->tc, c->txq);
	}
	c->txq = mem_deref(c->txq);
}

static void conn_handler(const struct sa *peer, void *arg)
{
	struct lsock *ls = arg;
	struct conn *c;
	int err;

	c = mem_zalloc(sizeof(*c), conn_destructor);
	if (!c) {
		tcp_reject(ls->ts);
		return;
	}
	c->net = ls->net;
	tmr_init(&c->tmr_rst);
	c->peer = *peer;
	c->local = ls->local;
	c->rx = mbuf_alloc(4096);

	err = c->rx ? 0 : ENOMEM;
	if (!err)
		err = tcp_accept(&c->tc, ls->ts, conn_estab_handler, conn_recv_handler,
				 conn_close_handler, c);
	if (err) {
		tcp_reject(ls->ts);
		mem_deref(c);
		return;
	}
	tcp_conn_rxsz_set(c->tc, RXSZ);
	tcp_conn_txqsz_set(c->tc, 16 * 1024 * 1024);
	list_append(&ls->net->connl, &c->le, c);

	if (ls->net->cfg->verbose)
		re_fprintf(stderr, "TCP connection from %J\n", peer);
}

/**
 * A connection of our own to dst, for a request (--bye-new-connection):
 * framed and dispatched as the accepted ones, so the responses to it come
 * back through the same reader.  f gets the flow, with its own reference;
 * its local address stays from's listening one, which our Via names.
 */
int net_connect(struct flow *f, const struct flow *from, const struct sa *dst)
{
	struct net *n = from->net;
	struct conn *c;
	int err;

	c = mem_zalloc(sizeof(*c), conn_destructor);
	if (!c)
		return ENOMEM;
	c->net = n;
	tmr_init(&c->tmr_rst);
	c->peer = *dst;
	c->local = from->local;
	c->connecting = true;
	c->rx = mbuf_alloc(4096);
	err = c->rx ? 0 : ENOMEM;
	if (!err)
		err = tcp_connect(&c->tc, dst, conn_estab_handler,
				  conn_recv_handler, conn_close_handler, c);
	if (err) {
		mem_deref(c);
		return err;
	}
	tcp_conn_rxsz_set(c->tc, RXSZ);
	list_append(&n->connl, &c->le, c);
	conn_flow(c, f);
	f->conn = mem_ref(c);
	if (n->cfg->verbose)
		re_fprintf(stderr, "TCP connection to %J\n", dst);
	return 0;
}

/* -- sending ------------------------------------------------------------- */

/* rport-other-source: the socket UDP responses leave from, another port
 * on the listening address (RFC 3581 section 4 wants the one the request
 * came in on); it receives nothing */
static struct udp_sock *udp_other(const struct flow *f)
{
	struct net *n = f->net;
	struct sa sa = f->local;

	if (!n->us_other) {
		sa_set_port(&sa, 0);
		if (udp_listen(&n->us_other, &sa, NULL, NULL))
			return f->us;
	}
	return n->us_other;
}

/*
 * slow-drip: every byte on a stream is its own write, DRIP_BYTES of them
 * each millisecond, with TCP_NODELAY so that each leaves as its own
 * segment: the peer reads a message in hundreds of pieces, which a
 * stream framer that rescans its buffer at every read pays for in time
 * quadratic in the message (RFC 3261 section 18.3 frames by
 * Content-Length; the pieces carry no boundary).
 */
#define DRIP_BYTES 4

static void drip_h(void *arg)
{
	struct conn *c = arg;
	struct mbuf *d = c->drip;

	for (int i = 0; i < DRIP_BYTES && c->tc && mbuf_get_left(d); i++) {
		struct mbuf one = {.buf = mbuf_buf(d), .size = 1, .pos = 0,
				   .end = 1};

		if (tcp_send(c->tc, &one))
			break;
		d->pos++;
	}
	if (c->tc && mbuf_get_left(d))
		tmr_start(&c->tmr_drip, 1, drip_h, c);
	else
		mbuf_reset(d);
}

static int drip_send(struct conn *c, const uint8_t *p, size_t len)
{
	const int one = 1;
	size_t pos;
	int err;

	if (!c->drip) {
		c->drip = mbuf_alloc(len);
		if (!c->drip)
			return ENOMEM;
		(void)setsockopt(tcp_conn_fd(c->tc), IPPROTO_TCP, TCP_NODELAY,
				 &one, sizeof(one));
	}
	/* queued behind what is still dripping, in order */
	pos = c->drip->pos;
	c->drip->pos = c->drip->end;
	err = mbuf_write_mem(c->drip, p, len);
	c->drip->pos = pos;
	if (!err && !tmr_isrunning(&c->tmr_drip))
		tmr_start(&c->tmr_drip, 0, drip_h, c);
	return err;
}

int net_send(const struct flow *f, const uint8_t *p, size_t len)
{
	struct mbuf mb;

	if (!f || !p)
		return EINVAL;

	mb.buf  = (uint8_t *)p;
	mb.size = len;
	mb.pos  = 0;
	mb.end  = len;

	if (f->tp == SIP_TRANSP_UDP) {
		log_msg(f->net, "->", f, p, len);
		return udp_send(BH(f->net->cfg, RPORT_OTHER_SOURCE) ?
				udp_other(f) : f->us, &f->peer, &mb);
	}

	if (!f->conn || !f->conn->tc)
		return ENOTCONN;
	if (f->conn->stalled)
		return 0;
	log_msg(f->net, "->", f, p, len);
	if (f->conn->connecting) {
		if (!f->conn->txq)
			f->conn->txq = mbuf_alloc(len);
		return f->conn->txq ? mbuf_write_mem(f->conn->txq, p, len)
			: ENOMEM;
	}
	if (len && BH(f->net->cfg, SLOW_DRIP))
		return drip_send(f->conn, p, len);
	return len ? tcp_send(f->conn->tc, &mb) : 0;
}

int net_send_mb(const struct flow *f, const struct mbuf *mb)
{
	return net_send(f, mb->buf, mb->end);
}

/* Close with SO_LINGER 0: the kernel answers with RST, not FIN */
static void reset_h(void *arg)
{
	struct conn *c = arg;
	struct linger lg = {1, 0};

	if (!c->tc)
		return;
	(void)setsockopt(tcp_conn_fd(c->tc), SOL_SOCKET, SO_LINGER, &lg,
			 sizeof(lg));
	if (c->net->cfg->verbose)
		re_fprintf(stderr, "TCP connection to %J reset\n", &c->peer);
	conn_drop(c);
}

/** tcp-half / tcp-reset: half the message, then stall, or reset the
 *  connection once the half had time to arrive (a RST overtaking it
 *  would discard it at the peer).  UDP sends the whole message: the cut
 *  is about streams. */
int net_send_cut(const struct flow *f, const struct mbuf *mb, bool reset)
{
	struct conn *c = f->conn;
	int err;

	if (f->tp != SIP_TRANSP_TCP)
		return net_send_mb(f, mb);

	err = net_send(f, mb->buf, mb->end / 2);
	if (err || !c || !c->tc)
		return err;

	c->stalled = true;
	if (reset)
		tmr_start(&c->tmr_rst, RESET_DELAY_MS, reset_h, c);
	return 0;
}

/** End what we send on a stream: FIN after the bytes already queued */
int net_conn_close(const struct flow *f)
{
	struct conn *c = f->conn;

	if (f->tp != SIP_TRANSP_TCP || !c || !c->tc)
		return 0;
	c->stalled = true;
	if (shutdown(tcp_conn_fd(c->tc), SHUT_WR) < 0)
		return errno;
	return 0;
}

/* -- listening ----------------------------------------------------------- */

static void lsock_destructor(void *arg)
{
	struct lsock *ls = arg;

	list_unlink(&ls->le);
	mem_deref(ls->us);
	mem_deref(ls->ts);
}

static void net_destructor(void *arg)
{
	struct net *n = arg;

	list_flush(&n->connl);
	list_flush(&n->lsl);
	mem_deref(n->us_other);
}


static int listen_one(struct net *n, const struct sa *addr, uint16_t *port)
{
	struct lsock *ls;
	int err;

	ls = mem_zalloc(sizeof(*ls), lsock_destructor);
	if (!ls)
		return ENOMEM;
	ls->net = n;
	ls->local = *addr;
	sa_set_port(&ls->local, *port);
	list_append(&n->lsl, &ls->le, ls);

	err = udp_listen(&ls->us, &ls->local, udp_recv, ls);
	if (err)
		return err;
	udp_rxsz_set(ls->us, RXSZ);
	udp_sockbuf_set(ls->us, 1024 * 1024);
	udp_local_get(ls->us, &ls->local);
	*port = sa_port(&ls->local);

	return tcp_listen(&ls->ts, &ls->local, conn_handler, ls);
}

/* An address this host does not have (often ::1 without IPv6) is
 * skipped with a warning as long as another one remains */
static bool unavailable(int err)
{
	return err == EADDRNOTAVAIL || err == EAFNOSUPPORT;
}

static int listen_all(struct net *n, uint16_t port)
{
	const struct tcfg *cfg = n->cfg;
	int err = 0;

	for (unsigned i = 0; i < cfg->listenc; i++) {
		struct le *last = n->lsl.tail;

		err = listen_one(n, &cfg->listenv[i], &port);
		if (err && unavailable(err) && cfg->listenc > 1 &&
		    n->lsl.tail != last) {
			re_fprintf(stderr, "sipconform-target: cannot listen "
				   "on %j: %m, skipped\n", &cfg->listenv[i],
				   err);
			mem_deref(n->lsl.tail->data);
			err = 0;
			continue;
		}
		if (err)
			return err;
	}
	n->port = port;
	return list_isempty(&n->lsl) ? EADDRNOTAVAIL : 0;
}

int net_alloc(struct net **np, const struct tcfg *cfg, net_recv_h *rh,
	      void *arg)
{
	struct net *n;
	int err = 0;

	if (!np || !cfg || !rh || !cfg->listenc)
		return EINVAL;

	n = mem_zalloc(sizeof(*n), net_destructor);
	if (!n)
		return ENOMEM;
	n->cfg = cfg;
	n->recvh = rh;
	n->arg = arg;
	n->t0 = tmr_jiffies();

	/* one port number for UDP and TCP on every address: the first
	 * bind picks it, a clash on another starts over */
	for (int i = 0; i < BIND_TRIES; i++) {
		err = listen_all(n, cfg->port);
		if (err != EADDRINUSE || cfg->port)
			break;
		list_flush(&n->lsl);
	}

	if (err)
		mem_deref(n);
	else
		*np = n;
	return err;
}

uint16_t net_port(const struct net *n)
{
	return n->port;
}

/** "listening udp:127.0.0.1:5060 tcp:127.0.0.1:5060 ..." */
int net_print(const struct net *n, FILE *f)
{
	struct le *le;
	int err = 0;

	err |= re_fprintf(f, "listening") < 0;
	LIST_FOREACH(&n->lsl, le) {
		const struct lsock *ls = le->data;

		err |= re_fprintf(f, " udp:%J tcp:%J", &ls->local,
				  &ls->local) < 0;
	}
	err |= re_fprintf(f, "\n") < 0;
	return err ? EIO : 0;
}
