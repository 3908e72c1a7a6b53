/**
 * @file framer.h  Messages out of a byte stream (RFC 3261 section 18.3)
 *
 * "In the case of message-oriented transports ... the Content-Length
 * header field MUST be used to indicate the size of the message-body"
 * over a stream: a message is its header block up to the empty line, then
 * Content-Length bytes.  One framer for the client's wire and the
 * reference UAS, so both cut a stream in the same places.
 *
 * Incremental, like picohttpparser's last_len: the framer remembers how
 * far it has scanned the message it is waiting for, so a peer dripping
 * one byte at a time costs each byte one scan, not one per read.
 */
#ifndef SIPCONFORM_SIP_FRAMER_H
#define SIPCONFORM_SIP_FRAMER_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

struct framer {
	size_t scanned;        /**< bytes of this message already scanned  */
	unsigned state;        /**< where the scan stands in its line       */
	size_t hlen;           /**< header block with its empty line, 0:
				    not found yet                          */
	bool clen_valid;       /**< Content-Length present and numeric    */
	uint64_t clen;
};

void framer_init(struct framer *fr);

/*
 * Keep-alives before a message: section 7.5, "Implementations processing
 * SIP messages over stream-oriented transports MUST ignore any CRLF
 * appearing before the start-line", and RFC 5626 section 3.5.1 (a CRLFCRLF
 * ping, a CRLF pong).  Returns how many leading bytes of buf are CRLF
 * pairs; call it only between messages (fr->scanned == 0), before
 * framer_next(), which leaves a lone CR there unscanned until the byte
 * after it has come.
 */
size_t framer_keepalive(const uint8_t *buf, size_t len);

/*
 * buf holds the stream from the start of a message (after its keep-alives)
 * with len bytes received so far, the same bytes as at the last call plus
 * any new ones.  Returns 0 and *n, the length of the message, when one is
 * complete, ENODATA while it is not.  A header block without a numeric
 * Content-Length ends the message at its empty line.  After 0, the caller
 * consumes *n bytes; the framer is ready for the next message.
 */
int framer_next(struct framer *fr, const uint8_t *buf, size_t len,
		size_t *n);

#endif
