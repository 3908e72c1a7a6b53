/**
 * @file request.c  The text of every request we send, from one skeleton
 *
 * INVITE, ACK, CANCEL, BYE, OPTIONS and PRACK differ only in what struct
 * request carries; Via, Max-Forwards, From, Timestamp, Call-ID and
 * User-Agent are the UAC's and the same in all of them.  The order of
 * the header lines is the one sipconform has always sent: reports and
 * saved traces compare across versions.
 */
#include <config.h>
#include <re.h>
#include "client/uac_priv.h"

void request_branch(char buf[BRANCH_SIZE])
{
	char r[17];

	rand_str(r, sizeof(r));
	re_snprintf(buf, BRANCH_SIZE, "z9hG4bK-sc-%s", r);
}

static int print_via(struct mbuf *mb, const struct uac *u, const char *branch)
{
	const char *rport = u->cfg.rport ? ";rport" : "";

	/* --via-host: a sent-by that is not the source address, so the
	 * target owes a received parameter (18.2.1) */
	if (u->cfg.via_host)
		return mbuf_printf(mb, "Via: SIP/2.0/%s %s:%u;branch=%s%s\r\n",
				   sip_transp_name(u->cfg.tp), u->cfg.via_host,
				   sa_port(&u->local), branch, rport);

	return mbuf_printf(mb, "Via: SIP/2.0/%s %J;branch=%s%s\r\n",
			   sip_transp_name(u->cfg.tp), &u->local, branch,
			   rport);
}

static int print_sdp_offer(struct mbuf *mb, const struct uac *u)
{
	const char *ipv = sa_af(&u->local) == AF_INET6 ? "IP6" : "IP4";
	char body[512];
	int n;

	n = re_snprintf(body, sizeof(body),
			"v=0\r\n"
			"o=sipconform 1 1 IN %s %j\r\n"
			"s=sipconform\r\n"
			"c=IN %s %j\r\n"
			"t=0 0\r\n"
			"m=audio 49170 RTP/AVP 0 8 101\r\n"
			"a=rtpmap:0 PCMU/8000\r\n"
			"a=rtpmap:8 PCMA/8000\r\n"
			"a=rtpmap:101 telephone-event/8000\r\n"
			"a=sendrecv\r\n",
			ipv, &u->local, ipv, &u->local);
	if (n < 0)
		return ENOMEM;

	return mbuf_printf(mb, "Content-Type: application/sdp\r\n"
			   "Content-Length: %d\r\n\r\n%s", n, body);
}

/** The request req of UAC u, ready for the wire, in a new mbuf */
int request_print(struct mbuf **mbp, const struct uac *u,
		  const struct request *req)
{
	struct mbuf *mb;
	int err;

	if (!mbp || !u || !req || !req->met || !req->uri || !req->branch)
		return EINVAL;

	mb = mbuf_alloc(1024);
	if (!mb)
		return ENOMEM;

	err  = mbuf_printf(mb, "%s %s SIP/2.0\r\n", req->met, req->uri);
	err |= print_via(mb, u, req->branch);
	if (req->route)
		err |= mbuf_printf(mb, "Route: %s\r\n", req->route);
	err |= mbuf_printf(mb, "Max-Forwards: 70\r\n"
			   "From: <%s>;tag=%s\r\n", u->from_uri, u->ftag);
	if (u->cfg.timestamp)
		err |= mbuf_printf(mb, "Timestamp: %llu\r\n",
				   (unsigned long long)wire_now(u->w) / 1000);
	if (req->to)
		err |= mbuf_printf(mb, "To: %s\r\n", req->to);
	else
		err |= mbuf_printf(mb, "To: <%s>\r\n", u->cfg.ruri);
	err |= mbuf_printf(mb, "Call-ID: %s\r\nCSeq: %u %s\r\n", u->callid,
			   req->cseq, req->met);
	if (req->contact)
		err |= mbuf_printf(mb, "Contact: <sip:sipconform@%J%s>\r\n",
				   &u->local, sip_transp_param(u->cfg.tp));
	if (req->hdrs)
		err |= mbuf_write_str(mb, req->hdrs);
	err |= mbuf_write_str(mb, "User-Agent: sipconform/" PACKAGE_VERSION
			      "\r\n");
	if (req->hdrs_end)
		err |= mbuf_write_str(mb, req->hdrs_end);
	if (req->sdp)
		err |= print_sdp_offer(mb, u);
	else
		err |= mbuf_write_str(mb, "Content-Length: 0\r\n\r\n");

	if (err)
		mem_deref(mb);
	else
		*mbp = mb;
	return err;
}
