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
#include <string.h>
#include <re.h>
#include "client/uac_priv.h"

void request_branch(char buf[BRANCH_SIZE])
{
	char r[17];

	rand_str(r, sizeof(r));
	re_snprintf(buf, BRANCH_SIZE, "z9hG4bK-sc-%s", r);
}

static int print_via(struct mbuf *mb, const struct uac *u,
		     const struct request *req)
{
	const char *branch = req->branch;
	const char *tp = sip_transp_name(request_tp(u, req));
	const char *rport = u->cfg.rport ? ";rport" : "";

	/* --via-host: a sent-by that is not the source address, so the
	 * target owes a received parameter (18.2.1) */
	if (u->cfg.via_host) {
		/* an IPv6 sent-by is an IPv6reference, in brackets (25.1) */
		bool v6 = strchr(u->cfg.via_host, ':') &&
			u->cfg.via_host[0] != '[';

		return mbuf_printf(mb, "Via: SIP/2.0/%s %s%s%s:%u;branch=%s%s"
				   "\r\n", tp,
				   v6 ? "[" : "", u->cfg.via_host,
				   v6 ? "]" : "", sa_port(&u->local), branch,
				   rport);
	}

	return mbuf_printf(mb, "Via: SIP/2.0/%s %J;branch=%s%s\r\n",
			   tp, &u->local, branch, rport);
}

/*
 * The offer is honest about the media: nothing listens on the port, so
 * the stream is offered inactive (RFC 3264 section 5.1: "If the offerer
 * wishes to neither send nor receive media for a stream, it SHOULD mark
 * it with inactive"); a sendrecv offer would invite media to a port that
 * nobody reads.
 */
static int sdp_offer(struct mbuf *b)
{
	return mbuf_write_str(b, "m=audio 49170 RTP/AVP 0 8 101\r\n"
			      "a=rtpmap:0 PCMU/8000\r\n"
			      "a=rtpmap:8 PCMA/8000\r\n"
			      "a=rtpmap:101 telephone-event/8000\r\n"
			      "a=inactive\r\n");
}

/*
 * The answer to the target's offer (--no-sdp: the offer comes in the 2xx
 * or a reliable 1xx, 13.2.1, RFC 3262 section 5): as many m= lines as the
 * offer (RFC 3264 section 6), the first accepted with its first format
 * and inactive, as our offer would be, the others rejected with port 0.
 */
static int sdp_answer(struct mbuf *b, const struct pl *offer)
{
	struct pl rest = *offer;
	unsigned mlines = 0;
	int err = 0;

	while (rest.l && !err) {
		struct pl line, media, proto, fmt, eol;
		const char *nl = pl_strchr(&rest, '\n');

		line.p = rest.p;
		line.l = nl ? (size_t)(nl - rest.p) : rest.l;
		pl_advance(&rest, nl ? line.l + 1 : rest.l);

		if (re_regex(line.p, line.l,
			     "m=[^ ]+ [^ ]+ [^ ]+ [^ \r]+[^\r]*",
			     &media, NULL, &proto, &fmt, &eol))
			continue;
		err = mbuf_printf(b, "m=%r %u %r %r\r\n", &media,
				  mlines ? 0 : 49170, &proto, &fmt);
		if (!mlines)
			err |= mbuf_write_str(b, "a=inactive\r\n");
		mlines++;
	}
	return err;
}

/* Our SDP with session version ver: the offer, or the answer to offer */
static int sdp_build(struct mbuf **bp, const struct uac *u, uint32_t ver,
		     const struct pl *offer)
{
	const char *ipv = sa_af(&u->local) == AF_INET6 ? "IP6" : "IP4";
	struct mbuf *b = mbuf_alloc(512);
	int err;

	if (!b)
		return ENOMEM;
	err = mbuf_printf(b, "v=0\r\n"
			  "o=sipconform 1 %u IN %s %j\r\n"
			  "s=sipconform\r\n"
			  "c=IN %s %j\r\n"
			  "t=0 0\r\n", ver, ipv, &u->local, ipv, &u->local);
	if (!err)
		err = offer ? sdp_answer(b, offer) : sdp_offer(b);
	if (err)
		mem_deref(b);
	else
		*bp = b;
	return err;
}

/*
 * The session version of o= (RFC 3264 section 8): "When issuing an offer
 * that modifies the session, the "o=" line of the new SDP MUST be
 * identical to that in the previous SDP, except that the version in the
 * origin field MUST increment by one from the previous SDP.  If the
 * version in the origin line does not increment, the SDP MUST be
 * identical to the SDP with that version number."  So the body is built
 * with the version of the last one we sent; if it differs from that
 * one, it is a new version, one higher.  The same body again (the ACK of
 * a retransmitted 2xx, our offer repeated) keeps its version.
 */
static int print_sdp(struct mbuf *mb, struct uac *u, const struct pl *offer)
{
	struct mbuf *b = NULL;
	int err;

	if (!u->sdp_ver)
		u->sdp_ver = 1;
	err = sdp_build(&b, u, u->sdp_ver, offer);
	if (!err && u->sdp_last &&
	    (b->end != mbuf_get_left(u->sdp_last) ||
	     memcmp(b->buf, mbuf_buf(u->sdp_last), b->end))) {
		b = mem_deref(b);
		err = sdp_build(&b, u, ++u->sdp_ver, offer);
	}
	if (err)
		return err;

	mem_deref(u->sdp_last);
	u->sdp_last = mem_ref(b);
	err = mbuf_printf(mb, "Content-Type: application/sdp\r\n"
			  "Content-Length: %zu\r\n\r\n%b", b->end, b->buf,
			  b->end);
	mem_deref(b);
	return err;
}

/** The request req of UAC u, ready for the wire, in a new mbuf */
int request_print(struct mbuf **mbp, struct uac *u,
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
	err |= print_via(mb, u, req);
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
	if (req->answer || req->sdp)
		err |= print_sdp(mb, u, req->answer);
	else
		err |= mbuf_write_str(mb, "Content-Length: 0\r\n\r\n");

	if (err)
		mem_deref(mb);
	else
		*mbp = mb;
	return err;
}
