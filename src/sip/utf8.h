/**
 * @file utf8.h  Well-formed UTF-8 (RFC 3629 section 4), one definition
 *
 * The status-line parser judges a Reason-Phrase with it and the reports
 * decide with it which bytes they may pass on as they are: both must agree
 * on what UTF-8 is.
 */
#ifndef SIPCONFORM_SIP_UTF8_H
#define SIPCONFORM_SIP_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * The sequence starting at p[0], of at most l bytes: returns its length
 * (2 to 4) when it is well-formed, 0 when it is not (*bad, if given, is
 * the offset of the first byte that makes it so), and -1 when the input
 * ends inside a sequence that may still become well-formed.  No overlong
 * forms, no surrogates, nothing above U+10FFFF.  ASCII is not a sequence
 * here: p[0] < 0x80 gives 0 with *bad = 0.
 */
int utf8_seq(const uint8_t *p, size_t l, size_t *bad);

#endif
