/**
 * @file sdpline.h  The lines of a session description
 *
 * RFC 4566 section 5: "An SDP session description consists of a number
 * of lines of text of the form <type>=<value>", ended by CRLF (section
 * 5: "a receiver SHOULD also accept records terminated with a single
 * newline character").  One splitter for the judge's SDP rules and the
 * reference UAS's answer, so they cannot read a body differently.
 */
#ifndef SIPCONFORM_SIP_SDPLINE_H
#define SIPCONFORM_SIP_SDPLINE_H

#include <re.h>

/* The next line of the body *rest into *line (a slice, without its CR,
 * LF and trailing SP/HTAB), *rest advanced past it; false at the end */
bool sdp_next_line(struct pl *rest, struct pl *line);

#endif
