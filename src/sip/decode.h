/**
 * @file decode.h  The header fields the rules and the client read
 *
 * One decoder, over one message map: the judge's view, the client's
 * transactions and the lint command read these same fields, so what the
 * client acts on is what the judge judges.  Via, From, To, CSeq, Contact
 * and RSeq are read with the strict parser (hvalue.h): a value that
 * breaks its grammar is marked absent, as a strict UAC would not read it
 * either (the hdr.* rules, headers.cseq, say what is wrong).  The
 * reference UAS does not use it: it reads requests with libre's own
 * decoder, so oracle and subject cannot share a bug.
 */
#ifndef SIPCONFORM_SIP_DECODE_H
#define SIPCONFORM_SIP_DECODE_H

#include <re.h>
#include "sip/message.h"
#include "sip/sipuri.h"

/** The top Via, as the rules and the client read it */
struct msg_via {
	struct pl val;           /**< the first via-parm as sent           */
	struct pl branch;        /**< p == NULL: no branch                 */
	struct pl proto, version, transport;
	struct hostport sent_by;
	struct pl params;        /**< all of them as sent; p == NULL: none */
};

/** From or To */
struct msg_addr {
	struct pl auri;          /**< the URI as sent                      */
	struct sipuri uri;
};

/** CSeq */
struct msg_cseq {
	struct pl met;
	uint32_t num;
};

struct msg_fields {
	bool request;
	struct pl method;        /**< requests                             */
	struct pl ruri;
	uint16_t scode;          /**< responses: 0 when the line is unusable */

	bool has_via;            /**< top via-parm with a branch, read by
				      the strict parser (hvalue.h) up to
				      its first defect, if any           */
	bool via_strict;         /**< ... and without a defect            */
	struct msg_via via;
	unsigned via_count;      /**< Via values, over all Via lines       */

	bool has_from, has_to;
	/* their URIs as sent: slices, not struct sipuri (256 bytes each,
	 * a quarter of a judged message); a rule that needs the parts
	 * parses the slice again, sipuri_parse() */
	struct pl from_uri, to_uri;
	struct pl from_tag, to_tag;  /**< p == NULL: no tag               */

	struct pl call_id;       /**< p == NULL: none                      */
	bool has_cseq;
	struct msg_cseq cseq;

	unsigned contact_uris;   /**< URIs over all Contact values; '*'=1  */

	bool require_100rel;     /**< Require: 100rel                      */
	bool supported_100rel;   /**< Supported: 100rel                    */
	bool has_rseq;
	uint32_t rseq;
	bool has_rack;           /**< PRACK: a RAck that parses (RFC 3262
				      section 7.2, the strict grammar)     */
	uint32_t rack_rseq;      /**< its response-num                     */
	uint32_t rack_cseq;      /**< its CSeq-num                         */
	struct pl rack_method;   /**< its Method                           */

	bool has_sdp;            /**< application/sdp body, or such a part
				      of a multipart body (RFC 5621)       */
	struct pl sdp;           /**< that session description            */
	unsigned sdp_mlines;
	struct pl timestamp;

	/* Header lines (bit i: m->hdrv[i]) whose whole value the decoder
	 * checked with hvalue_check() and found valid, no parameter given
	 * twice: the judge's header rules need not parse them again */
	uint64_t hv_valid[(MSG_MAXHDRS + 63) / 64];
};

/* Was m's header line h checked valid by message_decode(m)? */
static inline bool msg_hv_valid(const struct msg_fields *d,
				const struct message *m,
				const struct msg_hdr *h)
{
	size_t i = (size_t)(h - m->hdrv);

	return (d->hv_valid[i / 64] >> (i % 64)) & 1;
}

/* The first name-addr / addr-spec of the value val of header id (From,
 * To, Contact, ...), strictly parsed; tag (may be NULL) its tag-param.
 * false: the value does not parse. */
bool msg_addr_parse(struct msg_addr *a, struct pl *tag, enum hdr_id id,
		    const struct pl *val);

/* Decode m (already scanned) into d; the slices point into m's bytes */
void message_decode(struct msg_fields *d, const struct message *m);

/* A decimal of at most 10 digits that fits 32 bits, nothing else */
bool pl_u32_strict(const struct pl *pl, uint32_t *v);

static inline bool msg_is_1xx(const struct msg_fields *d)
{
	return !d->request && d->scode >= 100 && d->scode < 200;
}

static inline bool msg_is_2xx(const struct msg_fields *d)
{
	return !d->request && d->scode >= 200 && d->scode < 300;
}

static inline bool msg_is_final(const struct msg_fields *d)
{
	return !d->request && d->scode >= 200;
}

#endif
