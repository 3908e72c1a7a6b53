/**
 * @file hparams.h  Header field parameters (RFC 3261 section 25.1)
 *
 *   generic-param = token [ EQUAL gen-value ]
 *   gen-value     = token / host / quoted-string
 *
 * plus the parameters that have a rule of their own (tag, branch,
 * received, rport, maddr, ttl, expires, q, refresher, duration, and the
 * Digest directives).  The grammar would also let such a name through as
 * a generic-param with any value ("ttl=abc" matches generic-param), which
 * would leave the rule for it without effect: a known name is held to
 * its own rule here.
 */
#ifndef SIPCONFORM_SIP_HPARAMS_H
#define SIPCONFORM_SIP_HPARAMS_H

#include "sip/hgrammar.h"

/** The parameters with a rule of their own (a new one needs its row in
 *  hparams.c's keys and its name in lookup()) */
enum hv_pkey {
	HVP_TAG = 0,    /**< tag-param: token (From, To)                    */
	HVP_BRANCH,     /**< via-branch: token                              */
	HVP_RECEIVED,   /**< via-received: IPv4address / IPv6address       */
	HVP_RPORT,      /**< RFC 3581 response-port: [ 1*DIGIT ]            */
	HVP_MADDR,      /**< via-maddr: host                                */
	HVP_TTL,        /**< via-ttl: 1*3DIGIT, 0-255                       */
	HVP_EXPIRES,    /**< c-p-expires: delta-seconds (Contact)           */
	HVP_Q,          /**< qvalue: 0-1, at most 3 decimals                */
	HVP_REFRESHER,  /**< RFC 4028: "uac" / "uas"                        */
	HVP_DURATION,   /**< Retry-After: delta-seconds                     */
	HVP_REALM,      /**< Digest: quoted-string                          */
	HVP_NONCE,      /**< Digest: quoted-string                          */
	HVP_OPAQUE,     /**< Digest: quoted-string                          */
	HVP_DOMAIN,     /**< Digest: quoted-string                          */
	HVP_QOP,        /**< Digest: quoted list of tokens                  */
	HVP_ALGORITHM,  /**< Digest: token                                  */
	HVP_STALE,      /**< Digest: "true" / "false"                       */
	HVP_COUNT
};

#define HVP(k) (1u << (k))

struct hv_params {
	struct pl all;             /**< from the first ';' to the end of the
				        last parameter; p == NULL: none     */
	unsigned n;                /**< how many                            */
	const char *dup;           /**< the name of a known one's second
				        occurrence (the first is in v);
				        NULL: none                          */
	struct pl v[HVP_COUNT];    /**< the value of each known one (quoted
				        ones without their quotes); p == NULL:
				        absent, l == 0: present without one */
};

/* Options of the scanners */
enum {
	HPF_VALUE = 1 << 0,   /**< every parameter needs "=" value
				   (m-parameter, auth-param)              */
};

/* *( SEMI param ) after an element; known is a mask of HVP() bits: the
 * names held to their own rules.  Stops before anything that is not a
 * ';' (the SWS before it is left unread). */
int hparams_scan(struct hscan *s, struct hv_params *hp, uint32_t known,
		 unsigned flags);

/* One name [ EQUAL value ] at the cursor */
int hparam_one(struct hscan *s, struct hv_params *hp, uint32_t known,
	       unsigned flags);

/* token that must be one of words (case-insensitive), into *t (not
 * NULL: every caller keeps the word); d otherwise */
int hs_oneof(struct hscan *s, const char *const *words, size_t n,
	     struct pl *t, enum hv_defect d);

/* The value of the parameter name in a checked parameter list (';' or
 * ',' separated, as hparams_scan() or the challenge parser accepted it):
 * true with *val (quotes kept) when present; a parameter without a value
 * gives an empty *val. */
bool hparams_get(const struct pl *params, const char *name, struct pl *val);

/* The next parameter of such a list at *rest, which it then moves past
 * it: its name, its value (as hparams_get() gives it) and whether it had
 * "=" at all; false at the end */
bool hparams_next(struct pl *rest, struct pl *name, struct pl *val,
		  bool *has_val);

#endif
