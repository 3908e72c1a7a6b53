/**
 * @file decode.h  The header fields the rules and the client read
 *
 * One decoder, over one message map: the judge's view, the client's
 * transactions and the lint command read these same fields, so what the
 * client acts on is what the judge judges.  It fills what it can and marks
 * the rest absent; it never rejects (the rules say what is wrong).  The
 * reference UAS does not use it: it reads requests with libre's own
 * decoder, so oracle and subject cannot share a bug.
 */
#ifndef SIPCONFORM_SIP_DECODE_H
#define SIPCONFORM_SIP_DECODE_H

#include <re.h>
#include "sip/message.h"

struct msg_fields {
	bool request;
	struct pl method;        /**< requests                             */
	struct pl ruri;
	uint16_t scode;          /**< responses: 0 when the line is unusable */

	bool has_via;            /**< top Via decoded                      */
	struct sip_via via;
	unsigned via_count;      /**< Via values, over all Via lines       */

	bool has_from, has_to;
	struct sip_addr from, to;
	struct pl from_tag, to_tag;  /**< p == NULL: no tag               */

	struct pl call_id;       /**< p == NULL: none                      */
	bool has_cseq;
	struct sip_cseq cseq;

	unsigned contact_uris;   /**< URIs over all Contact values; '*'=1  */

	bool require_100rel;     /**< Require: 100rel                      */
	bool supported_100rel;   /**< Supported: 100rel                    */
	bool has_rseq;
	uint32_t rseq;
	struct pl rack;          /**< PRACK: RAck value                    */

	bool has_sdp;            /**< application/sdp body, or such a part
				      of a multipart body (RFC 5621)       */
	struct pl sdp;           /**< that session description            */
	unsigned sdp_mlines;
	struct pl timestamp;
};

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
