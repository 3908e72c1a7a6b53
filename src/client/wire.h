/**
 * @file wire.h  The client's sockets: send, receive, record every byte
 *
 * Bytes are recorded into the trace the moment the socket hands them over,
 * before anything parses them, so nothing the target sends can be hidden
 * (libre's SIP stack drops what sip_msg_decode rejects; we never use it).
 * Stream bytes are framed into messages by Content-Length (RFC 3261
 * section 18.3).  Over TCP the wire also listens on our Contact and
 * takes the connections the target opens to it.
 */
#ifndef SIPCONFORM_CLIENT_WIRE_H
#define SIPCONFORM_CLIENT_WIRE_H

#include <re.h>
#include "trace/trace.h"


struct wire;

/** A message arrived (a datagram, or one framed from the stream) */
typedef void (wire_recv_h)(struct trace_ev *ev, void *arg);
/** The stream closed or failed; err 0 for an orderly close */
typedef void (wire_close_h)(int err, void *arg);

int  wire_alloc(struct wire **wp, struct trace *t, enum sip_transp tp,
		const struct sa *local, const struct sa *peer,
		wire_recv_h *recvh, wire_close_h *closeh, void *arg);
int  wire_send(struct wire *w, const uint8_t *p, size_t len);
int  wire_send_tp(struct wire *w, enum sip_transp tp, const struct sa *dst,
		  const uint8_t *p, size_t len);
int  wire_reply(struct wire *w, const struct trace_ev *req,
		uint16_t sent_by_port, const uint8_t *p, size_t len);
int  wire_send_to(struct wire *w, const struct sa *dst, const uint8_t *p,
		  size_t len);
void wire_local(const struct wire *w, struct sa *local);
uint64_t wire_now(const struct wire *w);
void wire_finish(struct wire *w);
int  wire_rcvbuf(struct wire *w, size_t bytes);
uint64_t wire_clock_us(void);
int  wire_source_addr(const struct sa *peer, struct sa *ip);

#endif
