/**
 * @file hvrules.h  The element rules of the header-value parser
 *
 * Private to hvalue.c and the files that hold the rules.  Each rule reads
 * one element of its header's value at the cursor (the whole value for a
 * header that is no list) into e, which the caller has zeroed, and stops
 * before the LWS after it; hvalue.c handles the commas between elements.
 * idx is the element's index in the value.
 */
#ifndef SIPCONFORM_SIP_HVRULES_H
#define SIPCONFORM_SIP_HVRULES_H

#include "sip/hgrammar.h"
#include "sip/hvalue.h"

typedef int (hv_rule_h)(struct hscan *s, struct hv_elem *e, unsigned idx);

/* hvaddr.c */
hv_rule_h hvr_from_to, hvr_contact, hvr_route;

/* hvvia.c */
hv_rule_h hvr_via;

/* hvmisc.c */
hv_rule_h hvr_content_type, hvr_accept, hvr_accept_encoding,
	hvr_accept_language, hvr_allow_events, hvr_challenge, hvr_warning,
	hvr_retry_after, hvr_timestamp, hvr_date;

/* hvalue.c: a number the element must hold, with a token byte right
 * after it taken as part of a malformed number */
int hvr_number(struct hscan *s, uint64_t min, uint64_t max, uint32_t *v);

#endif
