/**
 * @file hvalue.h  Strict, zero-copy parser of SIP header field values
 *
 * The value of one header field (struct msg_hdr's val: trimmed, possibly
 * spanning folded lines) is parsed to the rule its header has in RFC 3261
 * section 25.1 and its companions (RFC 3262 RSeq/RAck, RFC 3581 rport,
 * RFC 4028 Session-Expires/Min-SE, RFC 5118/5954 IPv6, RFC 6665
 * Allow-Events), every element of a list, and the first defect is
 * reported with its offset from the start of the value.  Like
 * statusline.h: no allocation, never a read past len, results are slices
 * of the caller's buffer.
 *
 * Lenient exactly where RFC 4475 section 3.1.1 asks receivers to be, each
 * place marked in the source with the section: LWS and folding wherever
 * the grammar has LWS or SWS (3.1.1.1), leading zeros in integers
 * (3.1.1.1), escapes in URIs, %00 included (3.1.1.3, 3.1.1.4), multiple
 * tokens and no LWS before '<' in a display-name (3.1.1.2, 3.1.1.6),
 * long values of any length (3.1.1.7), unknown URI schemes (3.3.2,
 * 3.3.4), unknown transports (3.1.1.10), IPv6 forms of RFC 5118 section 4.
 *
 * Headers without a rule here (HDR_OTHER and the rest) are checked as
 * header-value = *(TEXT-UTF8char / UTF8-CONT / LWS): UTF-8, no control
 * bytes, folds followed by white space.
 */
#ifndef SIPCONFORM_SIP_HVALUE_H
#define SIPCONFORM_SIP_HVALUE_H

#include <re.h>
#include "sip/message.h"
#include "sip/hdefect.h"
#include "sip/hparams.h"
#include "sip/sipuri.h"

/** name-addr / addr-spec */
struct hv_addr {
	struct pl display;     /**< tokens, or inside the quotes (quoted-pairs
				    as sent); p == NULL: none               */
	bool quoted;
	bool angle;            /**< name-addr: the URI was inside <...>    */
	struct sipuri uri;
};

/** One via-parm, without its parameters */
struct hv_via {
	struct pl proto;       /**< "SIP"                                  */
	struct pl version;     /**< "2.0"                                  */
	struct pl transport;   /**< "UDP", ...                             */
	struct hostport sent_by;
};

/** One element of a value (the whole value for single-valued headers) */
struct hv_elem {
	struct pl text;        /**< as sent, without the LWS around it     */
	struct hv_addr addr;   /**< From, To, Contact, Route, Record-Route */
	struct hv_via via;     /**< Via                                    */
	struct pl token;       /**< Call-ID; Allow, Require, Supported,
				    Unsupported, Allow-Events, Accept-Encoding,
				    Accept-Language element; auth-scheme;
				    m-type; warn-agent; Date; Timestamp     */
	struct pl subtype;     /**< m-subtype; Timestamp delay             */
	struct pl method;      /**< CSeq, RAck                             */
	struct pl quoted;      /**< warn-text, Retry-After comment         */
	uint32_t num;          /**< CSeq, Content-Length, Max-Forwards,
				    Expires, Min-Expires, Min-SE,
				    Session-Expires, Retry-After, RSeq,
				    RAck response-num, warn-code            */
	uint32_t num2;         /**< RAck CSeq-num                          */
	bool star;             /**< Contact: *                             */
	struct hv_params params;
};

struct hvalue {
	enum hv_defect defect; /**< HV_OK, or the first defect             */
	size_t off;            /**< its offset from the start of the value */
	unsigned count;        /**< elements parsed without a defect       */
	struct hv_elem first;  /**< the first of them                      */
	enum hv_defect dup;    /**< HV_PARAM_DUP, HV_URI_PARAM_DUP or HV_OK:
				    a parameter given twice in an element
				    that parsed (the first such)            */
	size_t dup_off;        /**< the offset of its second name          */
};

/* Called for each element that parsed without a defect, in order, with
 * its index; return true to stop (hvalue_apply() then returns 0). */
typedef bool (hv_elem_h)(const struct hv_elem *e, unsigned idx, void *arg);

/*
 * Parse the value buf[0..len) of header id:
 *   0        the value is valid (hv->defect is HV_OK)
 *   ENODATA  buf is a proper prefix of a valid value; hv->defect and
 *            hv->off say what is wrong if nothing more comes
 *   EBADMSG  hv->defect at byte hv->off
 *   EINVAL   bad arguments
 * Leading and trailing LWS are allowed (they belong to HCOLON and the
 * line end).
 */
int hvalue_parse(struct hvalue *hv, enum hdr_id id, const char *buf,
		 size_t len);

/* The same for a value known to be complete (a struct msg_hdr's val):
 * ENODATA becomes EBADMSG with the defect it came with. */
int hvalue_check(struct hvalue *hv, enum hdr_id id, const char *buf,
		 size_t len);

/* hvalue_parse() or, complete, hvalue_check(), calling eh (may be NULL)
 * for every element */
int hvalue_apply(struct hvalue *hv, enum hdr_id id, const char *buf,
		 size_t len, bool complete, hv_elem_h *eh, void *arg);

/* Does header id have a rule here, or is it checked as text only? */
bool hvalue_known(enum hdr_id id);

/* Every slice of e that is present (p != NULL), at most max of them, into
 * v; returns how many there are.  For checks that they all lie inside the
 * input (tests, fuzzing). */
unsigned hvalue_elem_slices(const struct hv_elem *e, const struct pl **v,
			    unsigned max);

#endif
