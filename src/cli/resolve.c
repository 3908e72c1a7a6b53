/**
 * @file resolve.c  TARGET-URI: transport and address of the target
 */
#include <config.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "cli/conform.h"

/* An IP literal, or a name resolved once (never a search across the
 * network beyond what the system resolver does) */
static int resolve(struct sa *sa, const struct pl *host, uint16_t port)
{
	struct addrinfo hints, *res = NULL;
	char name[256];
	int err;

	if (!sa_set(sa, host, port))
		return 0;

	if (host->l >= sizeof(name))
		return EINVAL;
	pl_strcpy(host, name, sizeof(name));

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_DGRAM;
	err = getaddrinfo(name, NULL, &hints, &res);
	if (err || !res)
		return EADDRNOTAVAIL;

	err = sa_set_sa(sa, res->ai_addr);
	freeaddrinfo(res);
	if (!err)
		sa_set_port(sa, port);
	return err;
}

/* ;transport= of the URI, unless --transport said otherwise */
static int uri_transport(enum sip_transp *tp, const struct uri *uri)
{
	struct pl v;

	if (msg_param_decode(&uri->params, "transport", &v))
		return 0;

	if (!pl_strcasecmp(&v, "tcp"))
		*tp = SIP_TRANSP_TCP;
	else if (!pl_strcasecmp(&v, "udp"))
		*tp = SIP_TRANSP_UDP;
	else {
		fprintf(stderr, "sipconform: transport '%.*s' is not "
			"supported (udp, tcp)\n", (int)v.l, v.p);
		return EINVAL;
	}
	return 0;
}

/** Where the requests go: cfg->tp and cfg->peer, and the run's header */
int conform_target(struct run_result *r, struct uac_cfg *cfg,
		   const char *s, bool tp_given)
{
	struct uri uri;
	struct pl pl;
	int err;

	pl_set_str(&pl, s);
	if (uri_decode(&uri, &pl) || !pl_isset(&uri.host)) {
		fprintf(stderr, "sipconform: '%s' is not a SIP URI "
			"(sip:user@host[:port][;transport=udp|tcp])\n", s);
		return EINVAL;
	}
	if (pl_strcasecmp(&uri.scheme, "sip")) {
		fprintf(stderr, "sipconform: scheme '%.*s' is not supported, "
			"only sip:\n", (int)uri.scheme.l, uri.scheme.p);
		return EINVAL;
	}

	if (!tp_given) {
		err = uri_transport(&cfg->tp, &uri);
		if (err)
			return err;
	}

	err = resolve(&cfg->peer, &uri.host, uri.port ? uri.port : SIP_PORT);
	if (err) {
		fprintf(stderr, "sipconform: cannot resolve '%.*s'\n",
			(int)uri.host.l, uri.host.p);
		return err;
	}

	r->peer = cfg->peer;
	r->tp = cfg->tp;
	return str_dup(&r->target, s);
}
