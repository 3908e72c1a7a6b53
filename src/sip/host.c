/**
 * @file host.c  host and hostport of RFC 3261 section 25.1, strictly
 */
#include <string.h>
#include "sip/host.h"

/* The digit at p[k] (k < n), or 10 and more for any other byte or none */
static inline unsigned digit_at(const uint8_t *p, size_t k, size_t n)
{
	return k < n ? (unsigned)p[k] - '0' : 10;   /* wraps: no digit */
}

/* The length of the dotted quad of 1-3 digit octets of 0-255 that p
 * starts with (at most n bytes; each octet's up to three digits read
 * straight, no loop), 0 when there is none.  What follows it is the
 * caller's to judge. */
static size_t ipv4_span(const uint8_t *p, size_t n)
{
	size_t k = 0;

	for (unsigned part = 0; part < 4; part++) {
		unsigned v, d;

		if (part) {
			if (k >= n || p[k] != '.')
				return 0;
			k++;
		}
		v = digit_at(p, k, n);
		if (v > 9)
			return 0;
		k++;
		d = digit_at(p, k, n);
		if (d <= 9) {
			v = v * 10 + d;
			k++;
			d = digit_at(p, k, n);
			if (d <= 9) {
				v = v * 10 + d;
				k++;
			}
		}
		if (v > 255)
			return 0;
	}
	return k;
}

/* Exactly n bytes of dotted quad: the octets are read greedily, at most
 * three digits each, so a quad that is all of p is the one found */
static bool ipv4_ok(const uint8_t *p, size_t n)
{
	return n && ipv4_span(p, n) == n;
}

/* The common host, a dotted quad the scan of its class (HG_HOST, or the
 * address bytes of host_addr()) would end right after: then it is that
 * scan's whole run, and the run is an IPv4address, in one pass instead
 * of a span and ipv4_ok() over it again.  0 when not (the slow path
 * decides). */
static size_t ipv4_fast(const struct hscan *s, bool addr_bytes)
{
	size_t q, n = s->len - s->i;
	uint8_t c;

	if (!n || !hg_is(s->p[s->i], HG_DIGIT))
		return 0;
	q = ipv4_span(s->p + s->i, n);
	if (!q || q == n)
		return q;
	c = s->p[s->i + q];
	if (addr_bytes ? hg_is(c, HG_HEX) || c == '.' || c == ':'
	    : hg_is(c, HG_HOST))
		return 0;
	return q;
}

/* [from, to) as an IPv4address or a hostname.  terminated: the input
 * goes on after to, so the name cannot grow. */
static int name_check(struct hscan *s, size_t from, size_t to,
		      bool terminated, enum host_kind *kind)
{
	const uint8_t *p = s->p;
	size_t a = from, top = from;

	if (hg_is(p[from], HG_DIGIT) && ipv4_ok(p + from, to - from)) {
		*kind = HOST_IPV4;
		return 0;
	}

	/* domainlabel = alphanum / alphanum *( alphanum / "-" ) alphanum */
	while (a < to) {
		size_t b = a;

		while (b < to && p[b] != '.')
			b++;
		if (b == a)
			return hs_fail(s, HV_HOST, a);   /* "..", leading '.' */
		if (p[a] == '-')
			return hs_fail(s, HV_HOST, a);
		if (p[b - 1] == '-' && (b < to || terminated))
			return hs_fail(s, HV_HOST, b - 1);
		top = a;
		a = b + 1;   /* past the dot; a trailing dot ends the loop */
	}

	/* toplabel = ALPHA / ALPHA *( alphanum / "-" ) alphanum */
	if (hg_is(p[top], HG_ALPHA) && p[to - 1] != '-') {
		*kind = HOST_NAME;
		return 0;
	}
	if (!terminated)
		return hs_more(s, HV_HOST, from);
	return hs_fail(s, HV_HOST, top);
}

/* The common hostname, all of the run of HG_HOST bytes at the cursor and
 * well formed (labels of alphanum and inner '-', a toplabel that starts
 * with a letter, one trailing dot allowed): its length, in one pass
 * instead of hs_span() and name_check() over the same bytes.  0 when
 * not: name_check() then says what it is or what is wrong.  A run that
 * is a dotted quad never gets here (ipv4_fast() took it). */
static size_t name_fast(const struct hscan *s)
{
	const uint8_t *p = s->p;
	size_t i = s->i, len = s->len, top;

	for (;;) {
		if (i >= len || !hg_is(p[i], HG_ALPHA | HG_DIGIT))
			return 0;
		top = i;
		while (i < len && (hg_is(p[i], HG_ALPHA | HG_DIGIT) ||
				   p[i] == '-'))
			i++;
		if (p[i - 1] == '-')
			return 0;
		if (i >= len || p[i] != '.')
			break;
		i++;
		/* a trailing dot: no host byte follows it */
		if (i >= len || !hg_is(p[i], HG_HOST))
			break;
	}
	return hg_is(p[top], HG_ALPHA) ? i - s->i : 0;
}

/* IPv6address (RFC 5954 section 4.1) at the cursor, after the '[' when
 * bracketed.  Without brackets it ends at the first byte that cannot
 * continue it. */
static int ipv6_scan(struct hscan *s, bool bracketed, size_t start)
{
	enum { START, GROUP, COLON, DOUBLE } last = START;
	unsigned groups = 0;
	bool dbl = false;

	if (hs_at(s) == ':') {
		if (s->i + 1 >= s->len)
			return hs_more(s, HV_IPV6, start);
		if (s->p[s->i + 1] != ':')
			return hs_fail(s, HV_IPV6, s->i + 1);
		dbl = true;
		last = DOUBLE;
		s->i += 2;
	}

	for (;;) {
		bool complete = (last == GROUP || last == DOUBLE) &&
			(dbl ? groups <= 7 : groups == 8);
		size_t g = s->i, n;
		int c;

		if (s->i >= s->len) {
			if (!bracketed && complete)
				return 0;
			return hs_more(s, HV_IPV6, start);
		}
		c = s->p[s->i];

		if (hg_is((uint8_t)c, HG_HEX)) {
			n = hs_span(s, HG_HEX);
			if (hs_at(s) == '.')
				goto ipv4;
			if (n > 4)
				return hs_fail(s, HV_IPV6, g + 4);
			if (++groups > (dbl ? 7u : 8u))
				return hs_fail(s, HV_IPV6, g);
			last = GROUP;
			continue;
		}

		if (c == ':') {
			if (last == GROUP) {
				last = COLON;
				s->i++;
				continue;
			}
			if (last == COLON && !dbl && groups < 8) {
				dbl = true;
				last = DOUBLE;
				s->i++;
				continue;
			}
			return hs_fail(s, HV_IPV6, s->i);   /* ":::", 2nd "::" */
		}

		if (bracketed && c != ']')
			return hs_fail(s, HV_IPV6, s->i);   /* also "%zone" */
		if (!complete)
			return hs_fail(s, HV_IPV6, s->i);
		if (bracketed)
			s->i++;
		return 0;

	ipv4:
		/* ls32 = ( h16 ":" h16 ) / IPv4address: the last 32 bits */
		s->i = g;
		if (dbl ? groups > 5 : groups != 6)
			return hs_fail(s, HV_IPV6, g);
		for (unsigned part = 0; part < 4; part++) {
			size_t o = s->i;
			unsigned v = 0;

			if (part) {
				if (s->i >= s->len)
					return hs_more(s, HV_IPV6, start);
				if (s->p[s->i] != '.')
					return hs_fail(s, HV_IPV6, s->i);
				o = ++s->i;
			}
			while (s->i < s->len &&
			       hg_is(s->p[s->i], HG_DIGIT)) {
				v = v * 10 + (unsigned)(s->p[s->i] - '0');
				if (++s->i - o > 3 || v > 255)
					return hs_fail(s, HV_IPV6, o);
			}
			if (s->i == o)
				return s->i >= s->len ?
					hs_more(s, HV_IPV6, start) :
					hs_fail(s, HV_IPV6, s->i);
			if (part == 3 && s->i >= s->len)
				return bracketed ? hs_more(s, HV_IPV6, start)
					: 0;
		}
		if (bracketed) {
			if (s->p[s->i] != ']')
				return hs_fail(s, HV_IPV6, s->i);
			s->i++;
		}
		else if (hg_is(s->p[s->i], HG_HEX) || s->p[s->i] == '.' ||
			 s->p[s->i] == ':') {
			return hs_fail(s, HV_IPV6, s->i);
		}
		return 0;
	}
}

static int ipv6_ref(struct hscan *s, struct pl *host)
{
	size_t start = s->i++;
	int err = ipv6_scan(s, true, start);

	if (!err && host)
		*host = hs_pl(s, start, s->i);
	return err;
}

/* An IPv6 address sent without its brackets: a run of hex digits, ':'
 * and '.' from the host's first byte with two colons or more */
static bool bare_ipv6(const struct hscan *s, size_t from)
{
	unsigned colons = 0;

	for (size_t k = from; k < s->len; k++) {
		uint8_t c = s->p[k];

		if (c == ':')
			colons++;
		else if (!hg_is(c, HG_HEX) && c != '.')
			break;
	}
	return colons >= 2;
}

int host_scan(struct hscan *s, struct pl *host, enum host_kind *kind)
{
	size_t from = s->i, q;
	int err;

	if (hs_at(s) == '[') {
		*kind = HOST_IPV6;
		return ipv6_ref(s, host);
	}

	q = ipv4_fast(s, false);
	if (q) {
		*kind = HOST_IPV4;
		s->i += q;
		*host = hs_pl(s, from, s->i);
		return 0;
	}
	q = name_fast(s);
	if (q) {
		*kind = HOST_NAME;
		s->i += q;
		*host = hs_pl(s, from, s->i);
		return 0;
	}

	if (!hs_span(s, HG_HOST)) {
		if (hs_at(s) == ':' && bare_ipv6(s, from))
			return hs_fail(s, HV_IPV6_BARE, from);
		return hs_bad(s, HV_HOST);
	}

	err = name_check(s, from, s->i, s->i < s->len, kind);
	if (err == EBADMSG && hs_at(s) == ':' && bare_ipv6(s, from))
		return hs_fail(s, HV_IPV6_BARE, from);
	if (!err)
		*host = hs_pl(s, from, s->i);
	return err;
}

int hostport_scan(struct hscan *s, struct hostport *hp, unsigned flags)
{
	size_t from = s->i, mark;
	uint64_t port;
	int err;

	hp->port.p   = NULL;
	hp->port.l   = 0;
	hp->port_num = 0;

	err = host_scan(s, &hp->host, &hp->kind);
	if (err)
		return err;

	mark = s->i;
	if (flags & HP_LWS_COLON) {
		err = hs_sws(s);
		if (err)
			return err;
	}
	if (hs_at(s) != ':') {
		s->i = mark;
		return 0;
	}
	/* a whole dotted quad before the ':' is an IPv4 host ("127.0.0.1:
	 * 5060:5060" has a bad port): an IPv6 address holds one only at
	 * its end */
	if (hp->kind == HOST_NAME && bare_ipv6(s, from))
		return hs_fail(s, HV_IPV6_BARE, from);

	s->i++;
	if (flags & HP_LWS_COLON) {
		err = hs_sws(s);
		if (err)
			return err;
	}

	mark = s->i;
	err = hs_number(s, 1, 65535, &port, HV_PORT, HV_PORT);
	if (err)
		return err;
	hp->port     = hs_pl(s, mark, s->i);
	hp->port_num = (uint16_t)port;
	return 0;
}

int host_check(struct hscan *s, size_t from, size_t to,
	       enum host_kind *kind)
{
	bool terminated = to < s->len;
	struct hscan t = *s;
	int err;

	if (from == to)
		return terminated ? hs_fail(s, HV_HOST, from)
			: hs_more(s, HV_HOST, from);

	if (s->p[from] != '[') {
		for (size_t k = from; k < to; k++)
			if (!hg_is(s->p[k], HG_HOST))
				return hs_fail(s, HV_HOST, k);
		return name_check(s, from, to, terminated, kind);
	}

	*kind   = HOST_IPV6;
	t.len   = to;
	t.i     = from;
	err = ipv6_ref(&t, NULL);
	if (!err && t.i < to)
		err = hs_fail(&t, HV_IPV6, t.i);
	if (err == ENODATA && terminated)
		err = EBADMSG;
	s->defect = t.defect;
	s->off    = t.off;
	return err;
}

int host_addr(struct hscan *s, struct pl *addr, enum host_kind *kind)
{
	size_t from = s->i, to = s->i;
	bool colon = false;
	int err;

	if (hs_at(s) == '[') {
		*kind = HOST_IPV6;
		return ipv6_ref(s, addr);
	}

	to += ipv4_fast(s, true);
	if (to > from) {
		*kind = HOST_IPV4;
		s->i = to;
		*addr = hs_pl(s, from, to);
		return 0;
	}

	while (to < s->len && (hg_is(s->p[to], HG_HEX) || s->p[to] == '.' ||
			       s->p[to] == ':')) {
		colon |= s->p[to] == ':';
		to++;
	}

	if (colon) {
		*kind = HOST_IPV6;
		err = ipv6_scan(s, false, from);
	}
	else if (to > from && ipv4_ok(s->p + from, to - from)) {
		*kind = HOST_IPV4;
		s->i = to;
		err = 0;
	}
	else if (to == s->len) {
		/* "192.0.2" or "abc" may still become an address */
		err = hs_more(s, HV_HOST, from);
	}
	else {
		err = hs_fail(s, HV_HOST, from);
	}

	if (!err)
		*addr = hs_pl(s, from, s->i);
	return err;
}

static bool zone_char(uint8_t c)
{
	return hg_is(c, HG_ALPHA | HG_DIGIT) || c == '-' || c == '.' ||
		c == '_' || c == '~';
}

size_t host_zone(const char *p, const char *end)
{
	size_t lead = 1;

	/* p < end and *p == '%' are what host.h asks of the caller: both
	 * find the '%' before they call */
	/* "%25" then a zone id is RFC 6874's form; "%25" alone is a bare
	 * '%' before the interface index 25 */
	if (end - p > 3 && p[1] == '2' && p[2] == '5')
		lead = 3;
	if (p + lead >= end)
		return 0;
	for (const char *q = p + lead; q < end; q++)
		if (!zone_char((uint8_t)*q))
			return 0;
	return lead;
}

/* "[" IPv6address [zone] "]" at the cursor */
static int ipv6_literal(struct hscan *s, struct hostaddr *ha, unsigned flags)
{
	size_t open = s->i, close, pct;
	struct hscan t = *s;
	int err;

	for (close = open + 1; close < s->len && s->p[close] != ']'; close++)
		;
	if (close >= s->len)
		return hs_fail(s, HV_IPV6, s->len);
	for (pct = open + 1; pct < close && s->p[pct] != '%'; pct++)
		;

	/* the address alone, as the unbracketed scanner reads it */
	t.i   = open + 1;
	t.len = pct;
	err = ipv6_scan(&t, false, open + 1);
	if (!err && t.i < pct)
		err = hs_fail(&t, HV_IPV6, t.i);
	if (err) {
		s->defect = HV_IPV6;
		s->off    = err == ENODATA ? pct : t.off;
		return EBADMSG;
	}
	ha->addr = hs_pl(s, open + 1, pct);

	if (pct < close) {
		const char *p = (const char *)s->p;
		size_t lead = host_zone(p + pct, p + close);

		if (!(flags & HA_ZONE) || !lead)
			return hs_fail(s, HV_IPV6, pct);
		ha->zone = hs_pl(s, pct + lead, close);
	}
	ha->kind = HOST_IPV6;
	s->i = close + 1;
	return 0;
}

int hostaddr_parse(struct hostaddr *ha, const char *buf, size_t len,
		   unsigned flags, enum hv_defect *defect, size_t *off)
{
	struct hscan s;
	uint64_t port;
	size_t a = 0;
	int err = 0;

	if (!ha || (!buf && len))
		return EINVAL;

	memset(ha, 0, sizeof(*ha));
	hs_init(&s, buf, len);

	if (hs_at(&s) == '[') {
		err = ipv6_literal(&s, ha, flags);
	}
	else {
		while (a < len && (hg_is(s.p[a], HG_DIGIT) || s.p[a] == '.'))
			a++;
		if (!(a && a < len && ipv4_ok(s.p, a)) && bare_ipv6(&s, 0))
			err = hs_fail(&s, HV_IPV6_BARE, 0);
		else if (a < len && s.p[a] != ':')
			err = hs_fail(&s, HV_HOST, a);
		else if (!a || !ipv4_ok(s.p, a))
			err = hs_fail(&s, HV_HOST, 0);
		else {
			ha->addr = hs_pl(&s, 0, a);
			ha->kind = HOST_IPV4;
			s.i = a;
		}
	}

	if (!err && hs_at(&s) == ':') {
		size_t mark = ++s.i;

		err = hs_number(&s, flags & HA_PORT_ZERO ? 0 : 1, 65535, &port,
				HV_PORT, HV_PORT);
		if (err == ENODATA)
			err = hs_fail(&s, HV_PORT, mark);
		if (!err) {
			ha->port     = hs_pl(&s, mark, s.i);
			ha->port_num = (uint16_t)port;
		}
	}
	else if (!err && (flags & HA_PORT)) {
		err = hs_fail(&s, HV_PORT, s.i);
	}
	if (!err && !hs_end(&s))
		err = hs_fail(&s, ha->port.p ? HV_PORT : HV_HOST, s.i);

	if (defect)
		*defect = err ? s.defect : HV_OK;
	if (off)
		*off = err ? s.off : 0;
	return err;
}
