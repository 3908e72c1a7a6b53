/**
 * @file multipart.h  The body parts of a multipart body, zero-copy
 *
 * RFC 2046 section 5.1.1: the parts are separated by a delimiter line,
 * "--" and the boundary parameter of Content-Type, at the start of the
 * body or after a line end; "--" after the boundary closes the body.  Each
 * part is its own header fields, an empty line and its body.  RFC 5621
 * carries SDP this way, as an application/sdp part of multipart/mixed or
 * multipart/alternative.  Slices point into the caller's bytes.
 */
#ifndef SIPCONFORM_SIP_MULTIPART_H
#define SIPCONFORM_SIP_MULTIPART_H

#include <re.h>

struct mpart {
	struct pl ctype;   /**< its Content-Type value; p NULL: none
			        (text/plain, RFC 2046 section 5.1) */
	struct pl body;    /**< without the line end before the delimiter */
};

/* Does the Content-Type value ct name the media type type ("a/b"),
 * parameters aside?  Case-insensitive (RFC 2045 section 5.1). */
bool mpart_ctype_is(const struct pl *ct, const char *type);

/* The boundary parameter of a multipart/... Content-Type value, quotes
 * removed; EINVAL when ct is not multipart or has no boundary */
int mpart_boundary(const struct pl *ct, struct pl *bnd);

/* The next part of body after *pos (pos->p NULL: the first); ENOENT when
 * there is none, EBADMSG when the body does not parse */
int mpart_next(const struct pl *body, const struct pl *bnd,
	       struct pl *pos, struct mpart *part);

#endif
