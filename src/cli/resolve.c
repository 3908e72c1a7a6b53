/**
 * @file resolve.c  TARGET-URI: transport and address of the target
 *
 * The URI is read with the project's strict grammar (sip/sipuri.h), the
 * one the judge reads the target's URIs with, so that what we send as
 * Request-URI and To is what we would accept.  Everything is decided
 * here, before any socket exists: a refusal is exit 2 and no packet.
 */
#include <config.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>
#include <re.h>
#include "sip/sipuri.h"
#include "cli/conform.h"

/* A name resolved once, through the system resolver (never a search
 * across the network beyond what it does) */
static int resolve_name(struct sa *sa, const struct pl *host, uint16_t port)
{
	struct addrinfo hints, *res = NULL;
	char name[256];
	int err;

	if (host->l >= sizeof(name))
		return EINVAL;
	pl_strcpy(host, name, sizeof(name));

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_DGRAM;
	err = getaddrinfo(name, NULL, &hints, &res);
	if (err || !res) {
		fprintf(stderr, "sipconform: cannot resolve '%s': %s\n", name,
			err ? gai_strerror(err) : "no address");
		return EADDRNOTAVAIL;
	}

	err = sa_set_sa(sa, res->ai_addr);
	freeaddrinfo(res);
	if (!err)
		sa_set_port(sa, port);
	return err;
}

/** The address of an IP literal: the zone of a link-local one names the
 *  interface (RFC 4007 section 11), an IPv4-mapped one
 *  (::ffff:127.0.0.1, RFC 4291 section 2.5.5.2) is the IPv4 host it maps,
 *  reached with an IPv4 socket like any other */
int cli_hostaddr_sa(struct sa *sa, const struct hostaddr *ha, uint16_t port)
{
	struct sa v6;
	char zone[IF_NAMESIZE];
	unsigned idx;

	if (ha->kind == HOST_IPV4 || !ha->zone.p) {
		if (sa_set(sa, &ha->addr, port))
			return EINVAL;
		if (sa_af(sa) == AF_INET6 &&
		    IN6_IS_ADDR_V4MAPPED(&sa->u.in6.sin6_addr)) {
			v6 = *sa;
			sa_init(sa, AF_INET);
			memcpy(&sa->u.in.sin_addr,
			       &v6.u.in6.sin6_addr.s6_addr[12], 4);
			sa_set_port(sa, port);
		}
		return 0;
	}

	if (ha->zone.l >= sizeof(zone) || sa_set(sa, &ha->addr, port))
		return EINVAL;
	pl_strcpy(&ha->zone, zone, sizeof(zone));
	idx = if_nametoindex(zone);
	if (!idx) {
		/* a numeric zone is the interface index itself */
		bool digits = true;

		for (size_t i = 0; i < ha->zone.l; i++)
			digits &= ha->zone.p[i] >= '0' && ha->zone.p[i] <= '9';
		if (digits)
			idx = pl_u32(&ha->zone);
	}
	if (!idx)
		return ENODEV;
	sa->u.in6.sin6_scope_id = idx;
	return 0;
}

/* ;transport= of the URI, unless --transport said otherwise */
static int uri_transport(enum sip_transp *tp, const struct pl *v)
{
	if (!v->p)
		return 0;

	if (!pl_strcasecmp(v, "tcp"))
		*tp = SIP_TRANSP_TCP;
	else if (!pl_strcasecmp(v, "udp"))
		*tp = SIP_TRANSP_UDP;
	else {
		fprintf(stderr, "sipconform: transport '%.*s' is not "
			"supported (udp, tcp)\n", (int)v->l, v->p);
		return EINVAL;
	}
	return 0;
}

/** The first control byte (CTL of RFC 3261 section 25.1: %x00-1F, %x7F)
 *  in s, or -1: a CR or LF in an option value that goes into the request
 *  would end a header line there and start one the user did not mean */
long cli_ctl_at(const char *s)
{
	for (const char *p = s; *p; p++)
		if (hg_is((uint8_t)*p, HG_CTL))
			return (long)(p - s);
	return -1;
}

/** One URI of the command line (TARGET-URI, --from) by the strict
 *  grammar, said on stderr when it is refused; shown is what the user
 *  typed (NULL: s), offsets are s's */
int cli_uri_parse(struct sipuri *u, const char *what, const char *s,
		  size_t len, const char *shown)
{
	enum hv_defect d;
	size_t off;
	long ctl = cli_ctl_at(s);
	const int n = shown ? (int)strlen(shown) : (int)len;

	if (!shown)
		shown = s;

	if (ctl >= 0) {
		fprintf(stderr, "sipconform: %s holds the control byte 0x%02x "
			"at byte %ld: it would end a line of the request\n",
			what, (uint8_t)s[ctl], ctl + 1);
		return EINVAL;
	}
	if (!sipuri_parse(u, s, len, &d, &off) && u->sip)
		goto headers;
	if (!len || (u->scheme.p && !u->sip) || d == HV_URI) {
		fprintf(stderr, "sipconform: %s '%.*s' is not a SIP URI "
			"(sip:user@host[:port][;transport=udp|tcp])\n", what,
			n, shown);
		return EINVAL;
	}

	fprintf(stderr, "sipconform: %s '%.*s': %s at byte %zu%s", what,
		n, shown, hvalue_defect_str(d), off + 1,
		shown != s ? " (zone id left out)" : "");
	if (d == HV_IPV6_BARE)
		fprintf(stderr, " (an IPv6 host goes in brackets: "
			"sip:user@[::1]:5060)");
	else if (d == HV_HOST && off < len && (s[off] == ':' || s[off] == ';'))
		fprintf(stderr, " (no host)");
	fputc('\n', stderr);
	return EINVAL;

 headers:
	/* RFC 3261 section 19.1.5: the headers of a URI become header
	 * fields of the request made from it; the table of section 19.1.1
	 * allows them neither in a Request-URI nor in To or From.  We
	 * build the request from options, so a URI header is refused
	 * rather than half honoured. */
	if (u->headers.p) {
		fprintf(stderr, "sipconform: %s '%.*s': URI headers "
			"('?%.*s') are not supported: they would be header "
			"fields of the request (RFC 3261 section 19.1.5), "
			"never part of its Request-URI, To or From\n", what,
			n, shown, (int)u->headers.l, u->headers.p);
		return EINVAL;
	}
	return 0;
}

/* "[fe80::1%lo]" or "[fe80::1%25lo]" in the URI: cut the zone out of
 * the string (in place, it only gets shorter) into *zone.  RFC 6874
 * section 4: a zone "has only local significance at the sending host",
 * and a client "MUST remove any ZoneID attached to an outgoing URI" --
 * so it picks the interface here and stays out of the Request-URI. */
static void cut_zone(char *s, char *zone, size_t zsz)
{
	char *open = strchr(s, '['), *close, *pct;
	size_t lead;

	zone[0] = '\0';
	if (!open || !(close = strchr(open, ']')))
		return;
	pct = memchr(open, '%', (size_t)(close - open));
	if (!pct)
		return;
	lead = host_zone(pct, close);
	if (!lead || (size_t)(close - pct - lead) >= zsz)
		return;

	memcpy(zone, pct + lead, (size_t)(close - pct - lead));
	zone[close - pct - lead] = '\0';
	memmove(pct, close, strlen(close) + 1);
}

/* The host of the URI as an address, IP literal or resolved name */
static int uri_addr(struct sa *sa, const struct sipuri *u, const char *zone)
{
	const uint16_t port = u->hp.port_num ? u->hp.port_num : SIP_PORT;
	struct hostaddr ha;
	int err;

	if (u->hp.kind == HOST_NAME)
		return resolve_name(sa, &u->hp.host, port);

	memset(&ha, 0, sizeof(ha));
	ha.kind = u->hp.kind;
	ha.addr = u->hp.host;
	if (ha.kind == HOST_IPV6) {
		ha.addr.p++;          /* the brackets */
		ha.addr.l -= 2;
	}
	if (*zone)
		pl_set_str(&ha.zone, zone);

	err = cli_hostaddr_sa(sa, &ha, port);
	if (err == ENODEV)
		fprintf(stderr, "sipconform: zone '%s' of the target is no "
			"interface of this host\n", zone);
	else if (err)
		fprintf(stderr, "sipconform: cannot read the address '%.*s'\n",
			(int)u->hp.host.l, u->hp.host.p);
	return err;
}

/** Where the requests go: cfg->tp and cfg->peer, and the run's header.
 *  s is cut in place: a zone id leaves it (cut_zone) */
int conform_target(struct run_result *r, struct uac_cfg *cfg, char *s,
		   bool tp_given)
{
	char zone[IF_NAMESIZE + 1];
	struct sipuri u;
	int err;

	err = str_dup(&r->target, s);
	if (err)
		return err;

	cut_zone(s, zone, sizeof(zone));
	err = cli_uri_parse(&u, "TARGET-URI", s, strlen(s),
			    *zone ? r->target : NULL);
	if (err)
		return err;
	if (u.sips) {
		fprintf(stderr, "sipconform: scheme '%.*s' is not supported, "
			"only sip:\n", (int)u.scheme.l, u.scheme.p);
		return EINVAL;
	}

	if (!tp_given) {
		err = uri_transport(&cfg->tp, &u.transport);
		if (err)
			return err;
	}

	err = uri_addr(&cfg->peer, &u, zone);
	if (err)
		return err;

	if (sa_isset(&cfg->local, SA_ADDR) &&
	    sa_af(&cfg->local) != sa_af(&cfg->peer)) {
		re_fprintf(stderr, "sipconform: the address family of --local "
			"(%s) differs from the target's (%j is %s)\n",
			sa_af(&cfg->local) == AF_INET ? "IPv4" : "IPv6",
			&cfg->peer,
			sa_af(&cfg->peer) == AF_INET ? "IPv4" : "IPv6");
		return EINVAL;
	}

	r->peer = cfg->peer;
	r->tp = cfg->tp;
	return 0;
}
