/**
 * @file rules/match.c  Does each response answer the request it claims to?
 *
 * match.*: a response belongs to a client transaction by its top Via
 * branch and CSeq method (RFC 3261 section 17.1.3) and copies Via, From,
 * Call-ID, CSeq and the To URI from the request (section 8.2.6.2); the
 * server adds received and rport to the top Via (section 18.2.1, RFC 3581
 * section 4).  totag.*: the UAS tags every response but 100 and keeps one
 * tag (section 8.2.6.2, 12.1, 13.3.1.1).
 *
 * A retransmission repeats the bytes of an earlier response, so the
 * per-message rules judge it once, as that earlier response.
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "sip/hdrlist.h"
#include "sip/hvalue.h"
#include "sip/hparams.h"
#include "judge/view.h"

#define MAX_VIAS   16
#define MAX_PARAMS 24

/** One Via value as the strict grammar (sip/hvalue.h) reads it:
 *  sent-protocol LWS sent-by *(SEMI via-params) */
struct via_parts {
	struct pl name, ver, tp;
	struct pl host, port;       /**< port.p == NULL: no port          */
	struct pl params;           /**< the checked list; p == NULL: none */
};

static bool via_parse(const struct pl *val, struct via_parts *vp)
{
	struct hvalue hv;

	memset(vp, 0, sizeof(*vp));
	if (hvalue_check(&hv, HDR_VIA, val->p, val->l) || hv.count != 1)
		return false;
	vp->name   = hv.first.via.proto;
	vp->ver    = hv.first.via.version;
	vp->tp     = hv.first.via.transport;
	vp->host   = hv.first.via.sent_by.host;
	vp->port   = hv.first.via.sent_by.port;
	vp->params = hv.first.params.all;
	return true;
}

struct vparam {
	struct pl name, val;
	bool has_val;
};

/* The parameters of a checked list, in order */
static unsigned params_split(const struct pl *params, struct vparam *out,
			     unsigned max)
{
	struct pl rest = *params;
	unsigned n = 0;

	while (n < max && hparams_next(&rest, &out[n].name, &out[n].val,
				       &out[n].has_val))
		n++;
	return n;
}

static const struct vparam *param_find(const struct vparam *v, unsigned n,
				       const char *name)
{
	for (unsigned i = 0; i < n; i++)
		if (!pl_strcasecmp(&v[i].name, name))
			return &v[i];
	return NULL;
}

static const struct vparam *param_find_pl(const struct vparam *v, unsigned n,
					  const struct pl *name)
{
	for (unsigned i = 0; i < n; i++)
		if (!pl_casecmp(&v[i].name, name))
			return &v[i];
	return NULL;
}

/* Section 7.3.1: parameter values compare case-insensitively, quoted
 * strings case-sensitively */
static bool param_val_eq(const struct pl *a, const struct pl *b)
{
	if (a->l && *a->p == '"')
		return !pl_cmp(a, b);
	return !pl_casecmp(a, b);
}

/**
 * Compare a Via value of the request with the response's.  The server may
 * add received and fill in or add rport on the top value; everything else
 * must come back as sent, tolerating only LWS, case and parameter order.
 * Returns NULL when equal, else what differs (what names the parameter).
 */
static const char *via_diff(const struct via_parts *a,
			    const struct via_parts *b, bool top,
			    struct pl *what)
{
	struct vparam rq[MAX_PARAMS], rs[MAX_PARAMS];
	unsigned na, nb;

	*what = pl_null;
	if (pl_casecmp(&a->name, &b->name) || pl_casecmp(&a->ver, &b->ver) ||
	    pl_casecmp(&a->tp, &b->tp))
		return "sent-protocol differs";
	if (pl_casecmp(&a->host, &b->host) || !a->port.p != !b->port.p ||
	    (a->port.p && pl_cmp(&a->port, &b->port)))
		return "sent-by differs";

	na = params_split(&a->params, rq, MAX_PARAMS);
	nb = params_split(&b->params, rs, MAX_PARAMS);

	for (unsigned i = 0; i < na; i++) {
		const struct vparam *p = param_find_pl(rs, nb, &rq[i].name);

		*what = rq[i].name;
		if (!p)
			return "parameter missing";
		/* a bare rport is filled in (or not): match.via-rport */
		if (top && !rq[i].has_val &&
		    !pl_strcasecmp(&rq[i].name, "rport"))
			continue;
		if (p->has_val != rq[i].has_val ||
		    (p->has_val && !param_val_eq(&rq[i].val, &p->val)))
			return "parameter value differs";
	}
	for (unsigned i = 0; i < nb; i++) {
		*what = rs[i].name;
		if (param_find_pl(rq, na, &rs[i].name))
			continue;
		if (top && (!pl_strcasecmp(&rs[i].name, "received") ||
			    !pl_strcasecmp(&rs[i].name, "rport")))
			continue;
		return "parameter added";
	}
	*what = pl_null;
	return NULL;
}

/* The Via values of a response and of its request, split once and their
 * top values parsed once for check_via() and check_via_nat() (issue 11:
 * each read them on its own, four strict parses per response) */
struct via_pair {
	struct pl rq[MAX_VIAS], rs[MAX_VIAS];
	unsigned nq, ns;
	struct via_parts tq, ts;   /**< the top values, as parsed        */
	bool okq, oks;             /**< each present and on the grammar  */
};

/* The top value as the decoder read it (its first via-parm, without a
 * defect), as via_parse() would read it again */
static bool via_top(const struct jmsg *jm, struct via_parts *vp)
{
	const struct msg_via *v = &jm->d.via;

	memset(vp, 0, sizeof(*vp));
	if (!jm->d.via_strict)
		return false;
	vp->name   = v->proto;
	vp->ver    = v->version;
	vp->tp     = v->transport;
	vp->host   = v->sent_by.host;
	vp->port   = v->sent_by.port;
	vp->params = v->params;
	return true;
}

static void via_pair_read(struct via_pair *vp, const struct jmsg *jm)
{
	vp->nq = hdrlist_values(jm->tr->req->m, HDR_VIA, vp->rq, MAX_VIAS);
	vp->ns = hdrlist_values(jm->m, HDR_VIA, vp->rs, MAX_VIAS);
	vp->okq = vp->nq && via_top(jm->tr->req, &vp->tq);
	vp->oks = vp->ns && via_top(jm, &vp->ts);
}

/* Value i of both, parsed: the tops as read, the others here; our own
 * Via off the grammar: nothing to judge; theirs is hdr.via.syntax's
 * finding, one defect is one finding */
static bool via_pair_parts(const struct via_pair *vp, unsigned i,
			   struct via_parts *a, struct via_parts *b)
{
	if (!i) {
		*a = vp->tq;
		*b = vp->ts;
		return vp->okq && vp->oks;
	}
	return via_parse(&vp->rq[i], a) && via_parse(&vp->rs[i], b);
}

static int check_via(struct judge *j, const struct jmsg *jm,
		     const struct via_pair *vp)
{
	const struct pl *rq = vp->rq, *rs = vp->rs;
	const unsigned nq = vp->nq, ns = vp->ns;
	struct via_parts a, b;
	struct pl what;
	int err = 0;

	verdict_apply(j->v, R_MATCH_VIA);
	if (nq != ns) {
		err = JFIND(j, R_MATCH_VIA, jm, "%u Via value%s, the request "
			    "had %u", ns, ns == 1 ? "" : "s", nq);
	}
	else {
		for (unsigned i = 0; i < nq && i < MAX_VIAS; i++) {
			const char *d;

			if (!via_pair_parts(vp, i, &a, &b))
				continue;
			d = via_diff(&a, &b, i == 0, &what);
			if (!d)
				continue;
			err = JFIND(j, R_MATCH_VIA, jm,
				    "Via #%u %s%s%r: '%r', the request had "
				    "'%r'", i + 1, d, what.l ? " " : "",
				    &what, &rs[i], &rq[i]);
			break;
		}
	}

	/* Section 8.1.3.3: "If more than one Via header field value is
	 * present in a response, the UAC SHOULD discard the message."  That
	 * SHOULD is the UAC's (ours), not the target's: a note.  What the
	 * target broke, Via values not copied (8.2.6.2), is match.via above.
	 * A request carrying more (a test posing as a proxy) gets them all
	 * back. */
	if (nq == 1) {
		verdict_apply(j->v, R_MATCH_VIA_COUNT);
		if (ns > 1)
			err |= JFIND(j, R_MATCH_VIA_COUNT, jm,
				     "%u Via values reach the UAC", ns);
	}
	return err;
}

static bool host_sa(const struct pl *host, struct sa *sa)
{
	struct pl h = *host;

	if (h.l > 2 && h.p[0] == '[' && h.p[h.l - 1] == ']') {
		h.p++;
		h.l -= 2;
	}
	return sa_set(sa, &h, 0) == 0;
}

/* Judged against the source of our request: unknown when not recorded */
static bool local_known(const struct jmsg *req)
{
	return sa_isset(&req->ev->local, SA_ADDR) &&
		!sa_is_any(&req->ev->local);
}

/* 127.0.0.0/8 or ::1: libre's sa_is_loopback() knows 127.0.0.1 only */
static bool is_loopback(const struct sa *sa)
{
	if (sa_af(sa) == AF_INET)
		return (sa_in(sa) >> 24) == 127;
	return sa_is_loopback(sa);
}

/*
 * Can a NAT be between our socket and the target?  Behind one, the
 * source address and port the server saw (and must put in received and
 * rport, RFC 3261 section 18.2.1: "This parameter MUST contain the
 * source address from which the packet was received.") are the NAT's,
 * not ours: legally different from our socket.  No NAT can be in the
 * path when our address and the target's are both loopback (the packet
 * never leaves the host), are the same address (one host), or are both
 * link-local (169.254/16, fe80::/10: never forwarded by a router, and a
 * NAT is one).  That the response comes from where we sent proves
 * nothing: a NAT on our side rewrites our source, not the target's.
 * Anywhere else only presence and syntax are judged.
 */
static bool nat_free(const struct jmsg *req)
{
	const struct sa *l = &req->ev->local, *p = &req->ev->peer;

	if (!local_known(req) || !sa_isset(p, SA_ADDR) ||
	    sa_af(l) != sa_af(p))
		return false;
	if (sa_cmp(l, p, SA_ADDR))
		return true;
	if (is_loopback(l) && is_loopback(p))
		return true;
	return sa_is_linklocal(l) && sa_is_linklocal(p);
}

/* Section 18.2.1: received is needed when sent-by is a domain name, or an
 * IP address that differs from the packet source; the latter is known
 * only on a NAT-free path (behind a NAT, a sent-by naming the NAT's
 * public address legally equals the source the server saw) */
static bool received_needed(const struct jmsg *req,
			    const struct via_parts *vq)
{
	struct sa host;

	if (!host_sa(&vq->host, &host))
		return true;
	return nat_free(req) && !sa_cmp(&host, &req->ev->local, SA_ADDR);
}

/* What is wrong with a received parameter, into buf; false if nothing.
 * Presence and syntax always, the value only without NAT. */
static bool received_wrong(char *buf, size_t sz, const struct jmsg *req,
			   const struct vparam *rcv)
{
	struct sa sa;

	if (!rcv)
		return re_snprintf(buf, sz, "no received") > 0;
	if (!rcv->has_val || !host_sa(&rcv->val, &sa))
		return re_snprintf(buf, sz, "received=%r is not an IP "
				   "address", &rcv->val) > 0;
	if (nat_free(req) && !sa_cmp(&sa, &req->ev->local, SA_ADDR))
		return re_snprintf(buf, sz, "received=%r, the request came "
				   "from %j", &rcv->val, &req->ev->local) > 0;
	return false;
}

/* What is wrong with a filled-in rport, into buf: a port number always
 * (RFC 3581 section 2: rport = "rport" [EQUAL 1*DIGIT]), ours only
 * without NAT */
static bool rport_wrong(char *buf, size_t sz, const struct jmsg *req,
			const struct vparam *rport)
{
	uint16_t port = sa_port(&req->ev->local);
	uint32_t v;

	if (!pl_u32_strict(&rport->val, &v) || !v || v > 65535)
		return re_snprintf(buf, sz, "rport=%r, not a port number",
				   &rport->val) > 0;
	if (port && nat_free(req) && v != port)
		return re_snprintf(buf, sz, "rport=%r, the request came "
				   "from port %u", &rport->val, port) > 0;
	return false;
}

/*
 * RFC 3581 section 4: "The response MUST be sent from the same address
 * and port that the corresponding request was received on."  Judged for
 * a server that showed it implements RFC 3581 (it filled in rport), over
 * UDP (over TCP the response rides the connection).  What the trace can
 * decide: the source of the response against where we sent the request.
 * A NAT does not change that: one on our side rewrites our address, not
 * the target's, and one in front of the target maps its socket back to
 * the address we sent to.
 */
static int check_rport_source(struct judge *j, const struct jmsg *jm)
{
	const struct jmsg *req = jm->tr->req;

	if (req->ev->tp != SIP_TRANSP_UDP || jm->ev->tp != SIP_TRANSP_UDP ||
	    !sa_isset(&req->ev->peer, SA_ALL) ||
	    !sa_isset(&jm->ev->peer, SA_ALL))
		return 0;

	verdict_apply(j->v, R_MATCH_RPORT_SOURCE);
	if (sa_cmp(&req->ev->peer, &jm->ev->peer, SA_ALL))
		return 0;
	return JFIND(j, R_MATCH_RPORT_SOURCE, jm, "response from %J, the "
		     "request went to %J", &jm->ev->peer, &req->ev->peer);
}

static int check_via_nat(struct judge *j, const struct jmsg *jm,
			 const struct via_pair *vp)
{
	const struct jmsg *req = jm->tr->req;
	struct vparam pq[MAX_PARAMS], ps[MAX_PARAMS];
	const struct vparam *rport, *rcv;
	const struct via_parts vq = vp->tq;
	char a[160], b[160];
	unsigned nq, ns;
	bool need_rcv, bad_port, bad_rcv;
	int err = 0;

	/* a top via-parm that breaks the grammar (received not an
	 * address, rport not a port, ...) is hdr.via.syntax's finding: its
	 * parameters are not read here, one defect is one finding */
	if (!jm->d.via_strict)
		return 0;
	/* the top Via of each, split; none or broken: nothing to read */
	if (!vp->okq || !vp->oks)
		return 0;
	nq = params_split(&vp->tq.params, pq, MAX_PARAMS);
	ns = params_split(&vp->ts.params, ps, MAX_PARAMS);

	rcv = param_find(ps, ns, "received");
	need_rcv = received_needed(req, &vq);
	if (need_rcv) {
		verdict_apply(j->v, R_MATCH_VIA_RECEIVED);
		if (received_wrong(b, sizeof(b), req, rcv))
			err |= JFIND(j, R_MATCH_VIA_RECEIVED, jm, "sent-by "
				     "host %r is not the source address: %s",
				     &vq.host, b);
	}

	rport = param_find(pq, nq, "rport");
	if (!rport || rport->has_val)
		return err;

	/* a missing rport is a Via not copied: match.via */
	rport = param_find(ps, ns, "rport");
	if (!rport)
		return err;

	/* RFC 3581 binds "a server compliant to this specification"; one
	 * that copies the bare rport back does not implement it, which RFC
	 * 3261 allows: information, not a failure */
	if (!rport->has_val || !rport->val.l) {
		verdict_apply(j->v, R_MATCH_RPORT_UNSUPPORTED);
		return err | JFIND(j, R_MATCH_RPORT_UNSUPPORTED, jm, "rport "
				   "echoed without a value: the server does "
				   "not implement RFC 3581");
	}

	/* RFC 3581 section 4: the value is the source port, and received
	 * is added "even if it is identical to the value of the sent-by";
	 * one finding per response says all that is missing */
	verdict_apply(j->v, R_MATCH_VIA_RPORT);
	bad_port = rport_wrong(a, sizeof(a), req, rport);
	bad_rcv = !need_rcv && received_wrong(b, sizeof(b), req, rcv);
	if (bad_port || bad_rcv)
		err |= JFIND(j, R_MATCH_VIA_RPORT, jm, "rport requested, the "
			     "top Via has %s%s%s", bad_port ? a : "",
			     bad_port && bad_rcv ? " and " : "",
			     bad_rcv ? b : "");

	return err | check_rport_source(j, jm);
}

/* URI equality, lenient on what section 19.1.4 calls equal: scheme and
 * host case, parameter and header case; user and password exact */
static bool uri_parts_equal(const struct sipuri *x, const struct sipuri *y)
{
	return !pl_casecmp(&x->scheme, &y->scheme) &&
		!pl_cmp(&x->user, &y->user) &&
		!pl_cmp(&x->password, &y->password) &&
		!pl_casecmp(&x->hp.host, &y->hp.host) &&
		x->hp.port_num == y->hp.port_num &&
		!pl_casecmp(&x->params, &y->params) &&
		!pl_casecmp(&x->headers, &y->headers);
}

static bool addr_equal(const struct msg_addr *a, const struct msg_addr *b)
{
	return !pl_cmp(&a->auri, &b->auri) ||
		uri_parts_equal(&a->uri, &b->uri);
}

/* The same for URIs the strict parser read once (struct msg_fields keeps
 * slices): equal bytes are equal URIs, else both are parsed again; two
 * that do not parse again (they did once) are taken as different */
static bool uri_equal(const struct pl *a, const struct pl *b)
{
	struct sipuri x, y;
	enum hv_defect defect;
	size_t off;

	if (!pl_cmp(a, b))
		return true;
	if (sipuri_parse(&x, a->p, a->l, &defect, &off) ||
	    sipuri_parse(&y, b->p, b->l, &defect, &off))
		return false;
	return uri_parts_equal(&x, &y);
}

static int check_from(struct judge *j, const struct jmsg *jm)
{
	const struct jmsg *req = jm->tr->req;

	if (!jmsg_has(jm, HDR_FROM) || !req->d.has_from)
		return 0;          /* headers.mandatory */

	verdict_apply(j->v, R_MATCH_FROM);
	/* a From that does not parse is hdr.from.syntax's finding */
	if (!jm->d.has_from)
		return 0;
	if (!uri_equal(&req->d.from_uri, &jm->d.from_uri))
		return JFIND(j, R_MATCH_FROM, jm, "From URI %r, the request "
			     "had %r", &jm->d.from_uri, &req->d.from_uri);
	if (!tag_eq(&req->d.from_tag, &jm->d.from_tag))
		return JFIND(j, R_MATCH_FROM, jm, "From tag '%r', the "
			     "request had '%r'", &jm->d.from_tag,
			     &req->d.from_tag);
	return 0;
}

static int check_call_id(struct judge *j, const struct jmsg *jm)
{
	const struct jmsg *req = jm->tr->req;

	if (!jm->d.call_id.p || !req->d.call_id.p)
		return 0;

	/* section 20.8: compared byte by byte */
	verdict_apply(j->v, R_MATCH_CALL_ID);
	if (!callid_eq(&req->d.call_id, &jm->d.call_id))
		return JFIND(j, R_MATCH_CALL_ID, jm, "Call-ID '%r', the "
			     "request had '%r'", &jm->d.call_id,
			     &req->d.call_id);
	return 0;
}

static int check_cseq(struct judge *j, const struct jmsg *jm)
{
	const struct jmsg *req = jm->tr->req;

	if (!req->d.has_cseq)
		return 0;

	/* the method matched to link the response; the number may not */
	verdict_apply(j->v, R_MATCH_CSEQ);
	if (jm->d.cseq.num != req->d.cseq.num ||
	    pl_cmp(&jm->d.cseq.met, &req->d.cseq.met))
		return JFIND(j, R_MATCH_CSEQ, jm, "CSeq %u %r, the request "
			     "had %u %r", jm->d.cseq.num, &jm->d.cseq.met,
			     req->d.cseq.num, &req->d.cseq.met);
	return 0;
}

static int check_to(struct judge *j, const struct jmsg *jm)
{
	const struct jmsg *req = jm->tr->req;
	int err = 0;

	if (!jmsg_has(jm, HDR_TO) || !req->d.has_to)
		return 0;

	verdict_apply(j->v, R_MATCH_TO_URI);
	/* a To that does not parse is hdr.to.syntax's finding */
	if (!jm->d.has_to)
		return 0;
	if (!uri_equal(&req->d.to_uri, &jm->d.to_uri))
		err = JFIND(j, R_MATCH_TO_URI, jm, "To URI %r, the request "
			    "had %r", &jm->d.to_uri, &req->d.to_uri);

	if (!jm->d.scode)
		return err;

	/* Section 8.2.6.2: a request with a To tag (in a dialog) gets its
	 * To back unchanged.  A response without a tag is the single-message
	 * rule's finding (rules/single.c, for lint and run alike), not a
	 * second one here. */
	if (req->d.to_tag.p && jm->d.to_tag.p) {
		verdict_apply(j->v, R_TOTAG_PRESENT);
		if (!tag_eq(&req->d.to_tag, &jm->d.to_tag))
			err |= JFIND(j, R_TOTAG_PRESENT, jm, "To tag '%r' in "
				     "a dialog whose tag is '%r'",
				     &jm->d.to_tag, &req->d.to_tag);
	}
	return err;
}

/* The request's time in a Timestamp value, without the delay a UAS may
 * append (section 8.2.6.1), read by the strict grammar (section 20.38) */
static bool ts_first(const struct pl *v, struct pl *t)
{
	struct hvalue hv;

	if (hvalue_check(&hv, HDR_TIMESTAMP, v->p, v->l))
		return false;
	*t = hv.first.token;
	return true;
}

static int check_timestamp(struct judge *j, const struct jmsg *jm)
{
	const struct jmsg *req = jm->tr->req;
	struct pl a, b;

	if (jm->d.scode != 100 || !req->d.timestamp.p)
		return 0;

	verdict_apply(j->v, R_MATCH_TIMESTAMP);
	if (!jm->d.timestamp.p)
		return JFIND(j, R_MATCH_TIMESTAMP, jm, "the request had "
			     "Timestamp: %r, the 100 has none",
			     &req->d.timestamp);
	/* a value off the grammar is hdr.other.syntax's finding */
	if (!ts_first(&req->d.timestamp, &a) ||
	    !ts_first(&jm->d.timestamp, &b))
		return 0;
	if (pl_cmp(&a, &b) && pl_float(&a) != pl_float(&b))
		return JFIND(j, R_MATCH_TIMESTAMP, jm, "Timestamp: %r, the "
			     "request had %r", &jm->d.timestamp,
			     &req->d.timestamp);
	return 0;
}

static int check_response(struct judge *j, const struct jmsg *jm)
{
	struct via_pair vp;
	int err;

	via_pair_read(&vp, jm);
	err  = check_via(j, jm, &vp);
	err |= check_via_nat(j, jm, &vp);
	err |= check_from(j, jm);
	err |= check_call_id(j, jm);
	err |= check_cseq(j, jm);
	err |= check_to(j, jm);
	err |= check_timestamp(j, jm);
	return err;
}

/*
 * Section 17.1.3: a response matches a client transaction by the top Via
 * branch and the CSeq method.  A datagram without Via or CSeq is not
 * recognisably a response (headers.mandatory and the status-line rules
 * judge it); one with both that matches nothing is a stray.
 */
static int check_stray(struct judge *j, const struct jmsg *jm)
{
	verdict_apply(j->v, R_MATCH_TRANSACTION);

	/* a top Via or a CSeq that does not parse is hdr.via.syntax's or
	 * headers.cseq's finding: one defect, one finding */
	if (!jm->d.has_via && jm->d.via_strict)
		return JFIND(j, R_MATCH_TRANSACTION, jm, "top Via has no "
			     "branch");
	if (!jm->d.has_via || !jm->d.has_cseq)
		return 0;

	for (size_t i = 0; i < j->trc; i++) {
		const struct jmsg *req = j->trv[i].req;

		if (req->d.has_via && branch_eq(&req->d.via.branch,
						 &jm->d.via.branch))
			return JFIND(j, R_MATCH_TRANSACTION, jm, "branch "
				     "%r is the %r transaction's, CSeq "
				     "method is %r", &jm->d.via.branch,
				     &req->d.method, &jm->d.cseq.met);
	}
	return JFIND(j, R_MATCH_TRANSACTION, jm, "no request was sent with "
		     "branch %r and method %r", &jm->d.via.branch,
		     &jm->d.cseq.met);
}

/* The Contact a tag is judged under, decoded once per response */
struct tcontact {
	const struct jmsg *jm;
	const struct msg_hdr *h;   /**< NULL: no Contact                  */
	bool ok;                   /**< parsed into a                     */
	struct msg_addr a;
	uint32_t key;              /**< agrees with same_contact()        */
};

static void tcontact_init(struct tcontact *c, const struct jmsg *jm)
{
	const struct sipuri *u = &c->a.uri;

	c->jm = jm;
	c->h = message_hdr(jm->m, HDR_CONTACT);
	c->ok = c->h && msg_addr_parse(&c->a, NULL, HDR_CONTACT, &c->h->val);
	if (!c->h)
		c->key = 1;
	else if (!c->ok)
		c->key = hash_joaat_pl_ci(&c->h->val);
	else    /* the parts addr_equal() compares, case as it compares */
		c->key = hash_joaat_pl_ci(&u->scheme) ^
			hash_joaat_pl(&u->user) * 3 ^
			hash_joaat_pl(&u->password) * 5 ^
			hash_joaat_pl_ci(&u->hp.host) * 7 ^
			u->hp.port_num * 11u ^
			hash_joaat_pl_ci(&u->params) * 13 ^
			hash_joaat_pl_ci(&u->headers) * 17;
}

/* Two responses under one Contact: none for both, equal URIs
 * (addr_equal), or the same undecodable value */
static bool same_contact(const void *entry, const void *arg)
{
	const struct tcontact *x = entry, *y = arg;

	if (!x->h || !y->h)
		return !x->h && !y->h;
	if (x->ok != y->ok)
		return false;
	return x->ok ? addr_equal(&x->a, &y->a) :
		!pl_casecmp(&x->h->val, &y->h->val);
}

static bool same_contact_tag(const void *entry, const void *arg)
{
	const struct tcontact *x = entry, *y = arg;

	return same_contact(x, y) &&
		tag_eq(&x->jm->d.to_tag, &y->jm->d.to_tag);
}

/*
 * Section 8.2.6.2: "The same tag MUST be used for all responses to that
 * request, both final and provisional (again excepting the 100
 * (Trying))."  That binds one UAS; tags differ legitimately when a proxy
 * forks (section 13.2.2.4: "Each response is distinguished by the tag
 * parameter in the To header field, and each represents a distinct
 * dialog"), and a B2BUA or SBC relaying forked dialogs may do so under
 * one Contact of its own.  From the wire the judge cannot tell one UAS
 * from such a relay, so the rule is a SHOULD: among the tagged responses
 * to one INVITE, those with the same Contact (or none) share one tag;
 * 100 is hop-by-hop and left out.  Each new (Contact, tag) pair is
 * reported once.  Linear in the responses: the first response of each
 * Contact and each (Contact, tag) pair is looked up, not searched for.
 *
 * When the user declares the peer one UAS (--single-uas), the sentence
 * binds as written and nothing legal explains a second tag:
 * totag.stable-single-uas, a MUST, in place of the SHOULD (one rule row
 * each, as the catalogue gives a rule one level).
 */
static int check_tag_single_uas(struct judge *j, const struct jtrans *tr)
{
	const struct jmsg *first = NULL;
	int err = 0;

	for (unsigned i = 0; i < tr->resc; i++) {
		const struct jmsg *r = tr->resv[i];
		bool seen = false;

		if (!jmsg_tagged(r))
			continue;
		if (!first) {
			first = r;
			continue;
		}
		verdict_apply(j->v, R_TOTAG_STABLE_SINGLE_UAS);
		if (tag_eq(&first->d.to_tag, &r->d.to_tag))
			continue;
		/* one finding per new tag */
		for (unsigned k = 0; k < i && !seen; k++)
			seen = jmsg_tagged(tr->resv[k]) &&
				tag_eq(&tr->resv[k]->d.to_tag, &r->d.to_tag);
		if (!seen)
			err |= JFIND(j, R_TOTAG_STABLE_SINGLE_UAS, r, "To tag "
				     "'%r', the first %u had '%r' (--single-uas: "
				     "one UAS, no fork or relay to explain it)",
				     &r->d.to_tag, first->d.scode,
				     &first->d.to_tag);
	}
	return err;
}

static int check_tag_stable(struct judge *j, const struct jtrans *tr)
{
	struct jidx byc = {0}, bypair = {0};
	struct tcontact *cv;
	unsigned n = 0;
	int err = 0;

	if (j->single_uas)
		return check_tag_single_uas(j, tr);

	for (unsigned i = 0; i < tr->resc; i++)
		n += jmsg_tagged(tr->resv[i]);
	if (n < 2)
		return 0;

	verdict_apply(j->v, R_TOTAG_STABLE);
	cv = mem_zalloc(n * sizeof(*cv), NULL);
	if (!cv || jidx_init(&byc, n) || jidx_init(&bypair, n)) {
		err = ENOMEM;
		goto out;
	}

	n = 0;
	for (unsigned i = 0; i < tr->resc; i++) {
		const struct jmsg *r = tr->resv[i];
		const struct tcontact *first;
		struct tcontact *c;
		uint32_t kp;

		if (!jmsg_tagged(r))
			continue;
		c = &cv[n++];
		tcontact_init(c, r);
		kp = c->key ^ tag_hash(&r->d.to_tag);

		first = jidx_find(&byc, c->key, same_contact, c);
		if (!first && jidx_add(&byc, c->key, c))
			err = ENOMEM;
		if (jidx_find(&bypair, kp, same_contact_tag, c))
			continue;
		if (jidx_add(&bypair, kp, c))
			err = ENOMEM;
		if (first)
			err |= JFIND(j, R_TOTAG_STABLE, r, "To tag '%r', the "
				     "%u with the same Contact had '%r'",
				     &r->d.to_tag, first->jm->d.scode,
				     &first->jm->d.to_tag);
	}

 out:
	jidx_free(&byc);
	jidx_free(&bypair);
	mem_deref(cv);
	return err;
}

int rules_match(struct judge *j)
{
	int err = 0;

	for (size_t i = 0; i < j->msgc; i++) {
		const struct jmsg *jm = &j->msgv[i];

		if (jm->out || jm->d.request)
			continue;
		if (!jm->tr) {
			if (jmsg_has(jm, HDR_VIA) && jmsg_has(jm, HDR_CSEQ))
				err |= check_stray(j, jm);
			else
				verdict_apply(j->v, R_MATCH_TRANSACTION);
			continue;
		}
		verdict_apply(j->v, R_MATCH_TRANSACTION);
		if (jmsg_is_retransmit(jm))
			continue;
		err |= check_response(j, jm);
	}

	for (size_t i = 0; i < j->trc; i++)
		if (j->trv[i].is_invite)
			err |= check_tag_stable(j, &j->trv[i]);

	return err;
}
