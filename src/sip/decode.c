/**
 * @file decode.c  The header fields the rules and the client read
 *
 * The strict parser (hvalue.h) reads the values, one header value at a
 * time, never the whole message: a broken status line or a broken
 * neighbour hides nothing here.  libre's lenient sip_*_decode stay out:
 * what the judge reads is what the grammar says (libre-notes.md).
 */
#include <string.h>
#include <re.h>
#include "sip/hdrlist.h"
#include "sip/decode.h"
#include "sip/hvalue.h"
#include "sip/multipart.h"

bool pl_u32_strict(const struct pl *pl, uint32_t *v)
{
	uint64_t x = 0;

	if (!pl->l || pl->l > 10)
		return false;
	for (size_t i = 0; i < pl->l; i++) {
		if (pl->p[i] < '0' || pl->p[i] > '9')
			return false;
		x = x * 10 + (uint64_t)(pl->p[i] - '0');
	}
	if (x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

/* The check of header line h (of m) came out err, hv: remember a valid
 * one for msg_hv_valid() */
static void mark_valid(struct msg_fields *d, const struct message *m,
		       const struct msg_hdr *h, int err,
		       const struct hvalue *hv)
{
	size_t i = (size_t)(h - m->hdrv);

	if (!err && !hv->dup)
		d->hv_valid[i / 64] |= (uint64_t)1 << (i % 64);
}

static int check_mark(struct msg_fields *d, const struct message *m,
		      const struct msg_hdr *h, struct hvalue *hv)
{
	int err = hvalue_check(hv, h->id, h->val.p, h->val.l);

	mark_valid(d, m, h, err, hv);
	return err;
}

bool msg_addr_parse(struct msg_addr *a, struct pl *tag, enum hdr_id id,
		    const struct pl *val)
{
	struct hvalue hv;

	if (hvalue_check(&hv, id, val->p, val->l))
		return false;
	a->auri = hv.first.addr.uri.whole;
	a->uri  = hv.first.addr.uri;
	if (tag)
		*tag = hv.first.params.v[HVP_TAG];
	return true;
}

static void decode_addr(struct msg_fields *d, const struct message *m,
			const struct msg_hdr *h, struct pl *uri,
			struct pl *tag, bool *has)
{
	struct hvalue hv;

	if (!h || check_mark(d, m, h, &hv))
		return;
	*uri = hv.first.addr.uri.whole;
	*tag = hv.first.params.v[HVP_TAG];
	*has = true;
}

/* The first via-parm of the first Via line, if it parses */
static void via_set(struct msg_via *via, const struct hv_elem *e)
{
	via->val       = e->text;
	via->branch    = e->params.v[HVP_BRANCH];
	via->proto     = e->via.proto;
	via->version   = e->via.version;
	via->transport = e->via.transport;
	via->sent_by   = e->via.sent_by;
	via->params    = e->params.all;
}

static bool first_via(const struct hv_elem *e, unsigned idx, void *arg)
{
	if (!idx)
		via_set(arg, e);
	return false;
}

/* URIs over all Contact lines; '*' is one */
static unsigned contact_count(struct msg_fields *d, const struct message *m)
{
	unsigned n = 0;

	for (unsigned i = 0; i < m->hdrc; i++) {
		const struct msg_hdr *h = &m->hdrv[i];
		struct hvalue hv;

		if (h->id != HDR_CONTACT)
			continue;
		(void)check_mark(d, m, h, &hv);
		n += hv.count;
	}
	return n;
}

static unsigned sdp_mlines(const struct pl *b)
{
	unsigned n = 0;

	for (size_t i = 0; i + 1 < b->l; i++) {
		if ((i == 0 || b->p[i - 1] == '\n') && b->p[i] == 'm' &&
		    b->p[i + 1] == '=')
			n++;
	}
	return n;
}

/*
 * The session description of a body of type ct: the body itself when it
 * is application/sdp, else the first application/sdp part of a multipart
 * body (RFC 5621 section 3; multipart/mixed, /alternative, /related),
 * nested ones included up to a small depth
 */
static bool find_sdp(const struct pl *ct, const struct pl *b, unsigned depth,
		     struct pl *sdp)
{
	struct pl bnd, pos = PL_INIT;
	struct mpart part;

	if (!b->l)
		return false;
	if (mpart_ctype_is(ct, "application/sdp")) {
		*sdp = *b;
		return true;
	}
	if (depth >= 3 || mpart_boundary(ct, &bnd))
		return false;

	pos.p = NULL;
	while (!mpart_next(b, &bnd, &pos, &part)) {
		if (part.ctype.p &&
		    find_sdp(&part.ctype, &part.body, depth + 1, sdp))
			return true;
	}
	return false;
}

static void decode_sdp(struct msg_fields *d, const struct message *m)
{
	const struct msg_hdr *ct = message_hdr(m, HDR_CONTENT_TYPE);
	struct pl sdp;

	if (!ct || !find_sdp(&ct->val, &m->body, 0, &sdp))
		return;

	d->has_sdp = true;
	d->sdp = sdp;
	d->sdp_mlines = sdp_mlines(&sdp);
}

/* "METHOD SP Request-URI SP SIP/2.0": anything else is a response,
 * however broken, so its defects are judged */
static bool decode_request_line(struct msg_fields *d, const struct pl *l)
{
	size_t i = 0, u;

	while (i < l->l && l->p[i] >= 'A' && l->p[i] <= 'Z')
		i++;
	if (!i || i >= l->l || l->p[i] != ' ')
		return false;
	u = ++i;
	while (i < l->l && l->p[i] != ' ')
		i++;
	if (i == u || l->l - i != 8 || memcmp(l->p + i, " SIP/2.0", 8))
		return false;

	d->method.p = l->p;
	d->method.l = u - 1;
	d->ruri.p   = l->p + u;
	d->ruri.l   = i - u;
	return true;
}

void message_decode(struct msg_fields *d, const struct message *m)
{
	const struct msg_hdr *h;
	struct hvalue hv;

	memset(d, 0, sizeof(*d));

	d->request = decode_request_line(d, &m->first_line);
	/* a defect after the code (reason, line end) leaves it readable */
	if (!d->request && (m->sl_err == 0 || m->sl_err == EBADMSG))
		d->scode = m->sl.scode;

	d->via_count = hdrlist_values(m, HDR_VIA, NULL, 0);
	/* The branch matches the response to its transaction (17.1.3).  A
	 * defect after it (received=name, rport=70000, a trailing ';') is
	 * hdr.via.syntax's finding; the branch itself was read to the
	 * grammar, so the response is still matched and judged as the
	 * answer it is, and the client does not drop it for a defect the
	 * judge reports anyway. */
	h = message_hdr(m, HDR_VIA);
	if (h) {
		/* the whole line, so that the judge need not parse it again */
		int err = hvalue_apply(&hv, HDR_VIA, h->val.p, h->val.l, true,
				       first_via, &d->via);

		if (!d->via.val.p)       /* the first via-parm broke */
			via_set(&d->via, &hv.first);
		mark_valid(d, m, h, err, &hv);
		/* a defect in a later via-parm leaves the first one read */
		d->via_strict = !err || hv.count > 0;
		d->has_via = d->via.branch.p != NULL;
	}

	d->from_tag.p = d->to_tag.p = NULL;
	decode_addr(d, m, message_hdr(m, HDR_FROM), &d->from_uri,
		    &d->from_tag, &d->has_from);
	decode_addr(d, m, message_hdr(m, HDR_TO), &d->to_uri, &d->to_tag,
		    &d->has_to);

	h = message_hdr(m, HDR_CALL_ID);
	if (h)
		d->call_id = h->val;

	h = message_hdr(m, HDR_CSEQ);
	if (h && !check_mark(d, m, h, &hv)) {
		d->cseq.met = hv.first.method;
		d->cseq.num = hv.first.num;
		d->has_cseq = true;
	}

	d->contact_uris = contact_count(d, m);

	d->require_100rel   = hdrlist_has_token(m, HDR_REQUIRE, "100rel");
	d->supported_100rel = hdrlist_has_token(m, HDR_SUPPORTED, "100rel");

	h = message_hdr(m, HDR_RSEQ);
	if (h && !check_mark(d, m, h, &hv)) {
		d->has_rseq = true;
		d->rseq = hv.first.num;
	}

	h = message_hdr(m, HDR_RACK);
	if (h && !check_mark(d, m, h, &hv)) {
		d->has_rack    = true;
		d->rack_rseq   = hv.first.num;
		d->rack_cseq   = hv.first.num2;
		d->rack_method = hv.first.method;
	}

	h = message_hdr(m, HDR_TIMESTAMP);
	if (h)
		d->timestamp = h->val;

	decode_sdp(d, m);
}
