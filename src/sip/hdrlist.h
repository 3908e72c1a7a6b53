/**
 * @file hdrlist.h  The elements of comma-separated header values
 *
 * RFC 3261 section 7.3.1: a header field whose value is a comma-separated
 * list may be split over several lines, or several lines combined into
 * one, without changing its meaning.  So the elements of a header are the
 * elements of all its lines, in order.  Commas inside a quoted-string or
 * between < and > separate nothing.
 */
#ifndef SIPCONFORM_SIP_HDRLIST_H
#define SIPCONFORM_SIP_HDRLIST_H

#include <re.h>
#include "sip/message.h"

/* LWS (SP, HTAB, CR, LF) off both ends of pl */
void hdrlist_trim(struct pl *pl);

/* The elements of one value, trimmed of LWS, empty ones skipped: returns
 * how many there are, and stores the first max of them in out (out may
 * be NULL). */
unsigned hdrlist_split(const struct pl *val, struct pl *out, unsigned max);

/* The same over every line of header id in m, in order */
unsigned hdrlist_values(const struct message *m, enum hdr_id id,
			struct pl *out, unsigned max);

/* An element of header id equal to tok, case-insensitively (option tags
 * and methods in Allow are tokens) */
bool hdrlist_has_token(const struct message *m, enum hdr_id id,
		       const char *tok);

#endif
