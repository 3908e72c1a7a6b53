/**
 * @file sipuri.h  SIP and SIPS URIs (RFC 3261 section 19.1, 25.1), strictly
 *
 *   SIP-URI  = "sip:" [ userinfo ] hostport uri-parameters [ headers ]
 *   SIPS-URI = "sips:" [ userinfo ] hostport uri-parameters [ headers ]
 *
 * The scheme is read case-insensitively (section 19.1.4).  Any other
 * scheme is an absoluteURI of RFC 2396 (section 25.1 allows one wherever
 * an addr-spec goes): its scheme and the rest are checked for the bytes
 * RFC 2396 allows, nothing more.  RFC 4475 sections 3.3.2 and 3.3.4 send
 * unknown schemes in the Request-URI, To, From and Contact and want them
 * parsed; whether a SIP URI is needed is a question for the judge.
 *
 * %-escapes may stand anywhere the grammar says "escaped" (user, password,
 * parameters, headers), with any two hex digits, %00 too (RFC 4475
 * sections 3.1.1.3 and 3.1.1.4).  They are checked, not undone: slices
 * are the bytes as sent.
 */
#ifndef SIPCONFORM_SIP_SIPURI_H
#define SIPCONFORM_SIP_SIPURI_H

#include "sip/hgrammar.h"
#include "sip/host.h"

struct sipuri {
	struct pl whole;       /**< the URI as sent                          */
	struct pl scheme;
	bool sip;              /**< sip: or sips:, in any case               */
	bool sips;
	struct pl user;        /**< p == NULL: none                          */
	struct pl password;    /**< p == NULL: none (may be empty)           */
	struct hostport hp;
	struct pl params;      /**< ";..." with the first ';'; p == NULL: none */
	struct pl headers;     /**< after the '?'; p == NULL: none           */
	struct pl opaque;      /**< other schemes: everything after ':'      */

	/* the uri-parameters section 19.1.1 defines; p == NULL: absent */
	struct pl transport, user_param, method, ttl, maddr;
	bool lr;
	const char *dup;       /**< the name of the second occurrence of one
				    of those: section 19.1.1 "any given
				    parameter-name MUST NOT appear more than
				    once"; NULL: none                         */
};

/** Where the URI stands, which says where it ends */
enum sipuri_ctx {
	SIPURI_WHOLE,     /**< it is the whole input                          */
	SIPURI_ANGLE,     /**< inside <...>: the next byte must be '>'        */
	SIPURI_ADDRSPEC,  /**< an addr-spec outside <...>: it ends at LWS,
			       ';' or ',' and has no parameters or headers:
			       section 20.10 "if the URI contains a comma,
			       question mark or semicolon, the URI MUST be
			       enclosed in angle brackets"                    */
};

/* The URI at the cursor into *u, which the caller has zeroed (an element
 * of struct hvalue is, before its rule runs: a second clear per URI cost
 * as much as reading the URI's scheme and host); stops before its
 * terminator */
int sipuri_scan(struct hscan *s, struct sipuri *u, enum sipuri_ctx ctx);

/* buf[0..len) is one URI: 0, ENODATA or EBADMSG with *defect at *off */
int sipuri_parse(struct sipuri *u, const char *buf, size_t len,
		 enum hv_defect *defect, size_t *off);

#endif
