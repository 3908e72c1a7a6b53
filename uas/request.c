/**
 * @file request.c  What the UAS reads of a received message: libre's
 *                  sip_msg_decode, nothing of the judge's or the client's
 *
 * The oracle must not share its reading of SIP with the subject it
 * checks: sipconform decodes with src/sip/decode.c, the target with
 * libre's own decoder, so a bug in one cannot hide the same bug in the
 * other.  The same reader serves the responses to our own BYE.
 *
 * libre splits list headers at commas outside quotes but not outside
 * <>, and a comma may stand in the user part of a URI (user-unreserved,
 * RFC 3261 section 25.1): Contact and Record-Route are read as whole
 * lines.  Via values hold no <>, Require values are tokens: those are read
 * as libre splits them.
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "target.h"
#include "uas.h"

static void sreq_destructor(void *arg)
{
	struct sreq *rq = arg;

	mem_deref(rq->msg);
	mem_deref(rq->mb);
}

/* Section 13.2.1: an offer is a body of type application/sdp; RFC 3261
 * section 7.3.1 makes the media type case-insensitive (msg_ctype_cmp) */
static bool has_offer(const struct sreq *rq)
{
	return rq->body.l &&
		msg_ctype_cmp(&rq->msg->ctyp, "application", "sdp");
}

/**
 * Read one message (a datagram, or one framed out of a stream).  The bytes
 * are copied: the request outlives the receive buffer.  ENODATA or
 * EBADMSG when libre cannot read it.
 */
int sreq_decode(struct sreq **rqp, const uint8_t *p, size_t len)
{
	struct sreq *rq;
	int err;

	if (!rqp || !p)
		return EINVAL;

	rq = mem_zalloc(sizeof(*rq), sreq_destructor);
	if (!rq)
		return ENOMEM;
	rq->mb = mbuf_alloc(len ? len : 1);
	if (!rq->mb || mbuf_write_mem(rq->mb, p, len)) {
		mem_deref(rq);
		return ENOMEM;
	}
	rq->mb->pos = 0;

	err = sip_msg_decode(&rq->msg, rq->mb);
	if (err) {
		mem_deref(rq);
		return err;
	}

	/* sip_msg_decode leaves pos after the empty line: the rest is the
	 * body (a datagram's whole rest; a stream's framed Content-Length) */
	rq->body.p = (const char *)mbuf_buf(rq->mb);
	rq->body.l = mbuf_get_left(rq->mb);
	rq->offer = has_offer(rq);
	*rqp = rq;
	return 0;
}

/** Section 7.1: methods are case-sensitive */
bool sreq_is(const struct sreq *rq, const char *met)
{
	return rq->msg->req && !pl_strcmp(&rq->msg->met, met);
}

/** What a server transaction needs to answer at all (section 8.1.1):
 *  the top Via, CSeq (with the request's method), Call-ID, From, To */
bool sreq_answerable(const struct sreq *rq)
{
	const struct sip_msg *m = rq->msg;

	return pl_isset(&m->via.sentby) && pl_isset(&m->cseq.met) &&
		m->callid.p && m->from.val.p && m->to.val.p &&
		!pl_cmp(&m->cseq.met, &m->met);
}

/** The value of the first header field id (for a list header, its first
 *  element), NULL when there is none */
const struct pl *sreq_hdr(const struct sreq *rq, enum sip_hdrid id)
{
	const struct sip_hdr *h = sip_msg_hdr(rq->msg, id);

	return h ? &h->val : NULL;
}

/**
 * Every line of header id, in order, whole (commas and all): libre's
 * header list holds one entry per line for all but Via and Route, which
 * it keeps split.  h returns true to stop.
 */
const struct sip_hdr *sreq_lines_apply(const struct sreq *rq,
				       enum sip_hdrid id, sip_hdr_h *h,
				       void *arg)
{
	struct le *le;

	LIST_FOREACH(&rq->msg->hdrl, le) {
		const struct sip_hdr *hdr = le->data;

		if (hdr->id == id && (!h || h(hdr, rq->msg, arg)))
			return hdr;
	}
	return NULL;
}

/* -- how SIP compares what the UAS matches on ------------------------------ */

/*
 * Section 7.3.1: "Tokens are always case-insensitive."  A tag and a
 * branch are tokens (tag-param = "tag" EQUAL token, via-branch = "branch"
 * EQUAL token, section 25.1).  A pl with p == NULL, a string NULL: none;
 * two absent tags are the same.
 */
bool sreq_token_eq(const struct pl *a, const struct pl *b)
{
	if (!a->p || !b->p)
		return !a->p && !b->p;
	return !pl_casecmp(a, b);
}

bool sreq_token_is(const struct pl *a, const char *s)
{
	if (!a->p || !s)
		return !a->p && !s;
	return !pl_strcasecmp(a, s);
}

/* Section 8.1.1.4: "Call-IDs are case-sensitive and are simply compared
 * byte-by-byte." */
bool sreq_callid_eq(const struct pl *a, const struct pl *b)
{
	return a->p && b->p && !pl_cmp(a, b);
}
