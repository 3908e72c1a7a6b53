/**
 * @file host.h  host and hostport of RFC 3261 section 25.1, strictly
 *
 *   host          = hostname / IPv4address / IPv6reference
 *   hostname      = *( domainlabel "." ) toplabel [ "." ]
 *   IPv6reference = "[" IPv6address "]"
 *   hostport      = host [ ":" port ]
 *
 * IPv6address is the corrected rule of RFC 5954 section 4.1 (the one of
 * RFC 3986 section 3.2.2): RFC 3261's own rule let "2001:db8:::192.0.2.1"
 * through (RFC 5118 section 4.10).  A zone index ("%25eth0", RFC 6874) is
 * refused: RFC 3261 and RFC 5954 have none, and a zone names an interface
 * of the sender that means nothing to the receiver of the URI.
 *
 * IPv4address octets are 1 to 3 digits of 0-255: leading zeros are what
 * the 1*3DIGIT of section 25.1 allows, 256 is no address (and, its last
 * label starting with a digit, no hostname either).
 *
 * A port is 1*DIGIT of value 1-65535, leading zeros allowed (the grammar's
 * 1*DIGIT; RFC 4475 section 3.1.1.1 asks receivers to read integers with
 * leading zeros).  Port 0 is refused: nothing can be sent to it.
 */
#ifndef SIPCONFORM_SIP_HOST_H
#define SIPCONFORM_SIP_HOST_H

#include "sip/hgrammar.h"

enum host_kind {
	HOST_NONE = 0,
	HOST_NAME,
	HOST_IPV4,
	HOST_IPV6,   /**< the slice keeps its brackets when it had them */
};

struct hostport {
	struct pl host;
	struct pl port;          /**< digits; p == NULL when absent */
	enum host_kind kind;
	uint16_t port_num;       /**< 0 when absent */
};

/* Options of hostport_scan() */
enum {
	HP_LWS_COLON = 1 << 0,   /**< COLON = SWS ":" SWS (Via sent-by)      */
};

/* host [":" port] at the cursor.  An IPv6 address without brackets is
 * HV_IPV6_BARE at its first byte. */
int hostport_scan(struct hscan *s, struct hostport *hp, unsigned flags);

/* host at the cursor, into *host (not NULL: every caller keeps it) */
int host_scan(struct hscan *s, struct pl *host, enum host_kind *kind);

/* The bytes [from, to) are a host; what follows them is not the
 * scanner's business (maddr and warn-agent values, read as tokens
 * first).  Input that ends at to may still grow: ENODATA. */
int host_check(struct hscan *s, size_t from, size_t to,
	       enum host_kind *kind);

/* IPv4address / IPv6address / IPv6reference at the cursor: the Via
 * received parameter (RFC 3261 section 18.2.1, with the brackets RFC 5118
 * section 4.5 shows receivers must accept too), into *addr (not NULL:
 * every caller keeps it) */
int host_addr(struct hscan *s, struct pl *addr, enum host_kind *kind);

/** An IP address literal with an optional port, the way a command line
 *  (--local) or a saved trace writes one: no hostname, nothing after it */
struct hostaddr {
	struct pl addr;          /**< the address, without brackets        */
	struct pl zone;          /**< zone id (RFC 6874); p == NULL: none  */
	struct pl port;          /**< digits; p == NULL when absent        */
	enum host_kind kind;     /**< HOST_IPV4 or HOST_IPV6               */
	uint16_t port_num;       /**< 0 when absent                        */
};

/* Options of hostaddr_parse() */
enum {
	HA_ZONE      = 1 << 0,   /**< "[fe80::1%lo]", "[fe80::1%25lo]"     */
	HA_PORT_ZERO = 1 << 1,   /**< ":0" means any port (a bind address) */
	HA_PORT      = 1 << 2,   /**< the port is required                 */
};

/* buf[0..len) is IPv4address [":" port] or "[" IPv6address [zone] "]"
 * [":" port], port 1-65535 in decimal digits (0 too with HA_PORT_ZERO).
 * 0, or EBADMSG with *defect at *off (either may be NULL). */
int hostaddr_parse(struct hostaddr *ha, const char *buf, size_t len,
		   unsigned flags, enum hv_defect *defect, size_t *off);

/* The zone of an IPv6 literal: "%" or "%25" (RFC 6874 section 2 writes
 * it "%25" in a URI, section 3 lets a user interface take a bare "%")
 * then 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" ), up to end.  p points
 * at the '%' (so p < end).  Returns the length of the "%" or "%25"
 * before the zone id, or 0 when [p, end) is no zone. */
size_t host_zone(const char *p, const char *end);

#endif
