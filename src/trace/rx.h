/**
 * @file rx.h  What a stream connection receives, framed and recorded
 *
 * The client's handling of received TCP bytes below the sockets, so that
 * the wire (src/client/wire.c) and the fuzz target (fuzz/fuzz_framer.c)
 * run the very same code: each segment recorded as it came (TRACE_SEG),
 * appended to the connection's buffer, keep-alive CRLFs skipped between
 * messages (RFC 3261 section 7.5, RFC 5626 section 3.5.1), every complete
 * message framed (sip/framer.h) and recorded with the segment's time,
 * what is consumed compacted away.  A datagram needs none of this: it is
 * one message, recorded whole by trace_add().
 *
 */
#ifndef SIPCONFORM_TRACE_RX_H
#define SIPCONFORM_TRACE_RX_H

#include <stddef.h>
#include <stdint.h>
#include <re.h>
#include "sip/framer.h"
#include "trace/trace.h"

struct trace_rx {
	struct trace *t;
	const struct sa *local;   /**< the caller's, set when it is known  */
	const struct sa *peer;
	unsigned conn;
	size_t max;               /**< most bytes buffered unframed        */
	struct mbuf *stream;      /**< received, not yet framed            */
	struct framer fr;         /**< how far the stream is framed        */
};

int  trace_rx_init(struct trace_rx *rx, struct trace *t,
		   const struct sa *local, const struct sa *peer,
		   unsigned conn, size_t max);
void trace_rx_close(struct trace_rx *rx);
int  trace_rx_recv(struct trace_rx *rx, uint64_t t_us, const uint8_t *p,
		   size_t len, struct list *evl);
int  trace_rx_flush(struct trace_rx *rx, uint64_t t_us,
		    struct trace_ev **evp);

#endif
