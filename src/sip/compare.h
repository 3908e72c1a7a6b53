/**
 * @file compare.h  How SIP compares the identifiers it matches on
 *
 * One definition each, with the sentence of RFC 3261 it follows, so the
 * judge, the client and their tests cannot disagree on what "the same tag"
 * means.  A struct pl with p == NULL is an absent value.
 */
#ifndef SIPCONFORM_SIP_COMPARE_H
#define SIPCONFORM_SIP_COMPARE_H

#include <re.h>

/* To and From tags: case-insensitive; two absent tags are equal */
bool tag_eq(const struct pl *a, const struct pl *b);
/* Call-ID: byte by byte, case-sensitive */
bool callid_eq(const struct pl *a, const struct pl *b);
/* Via branch: case-insensitive; an absent or empty branch matches none */
bool branch_eq(const struct pl *a, const struct pl *b);
/* Header values copied (Record-Route, 12.1.1): byte by byte but for white
 * space, which the grammar's LWS allows around separators */
bool copied_eq(const struct pl *a, const struct pl *b);
/* Method: case-sensitive */
bool method_eq(const struct pl *a, const char *method);

/* Hashes that agree with the comparisons above: equal values hash
 * equally (for the judge's indexes) */
uint32_t tag_hash(const struct pl *a);
uint32_t callid_hash(const struct pl *a);
uint32_t branch_hash(const struct pl *a);
/* Bytes compared with memcmp (a retransmission repeats a message's
 * bytes): 8 bytes a step, where hash_joaat takes one */
uint32_t bytes_hash(const void *p, size_t len);

#endif
