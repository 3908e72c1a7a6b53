/**
 * @file hvalue.c  Strict header-value parser: the table of rules, the
 *                 list layer, and the headers whose value is a number,
 *                 a token or a Call-ID
 */
#include <string.h>
#include "sip/hvalue.h"
#include "sip/hvrules.h"

/* 8.1.1.5: the CSeq number "MUST be expressible as a 32-bit unsigned
 * integer and MUST be less than 2**31" */
#define CSEQ_MAX 0x7fffffffu

int hvr_number(struct hscan *s, uint64_t min, uint64_t max, uint32_t *v)
{
	uint64_t n;
	int err = hs_number(s, min, max, &n, HV_NUMBER, HV_RANGE);

	if (err)
		return err;
	/* "1.5", "12abc", "0x10": no number, not a number and junk */
	if (hs_is(s, HG_TOKEN))
		return hs_fail(s, HV_NUMBER, s->i);
	*v = (uint32_t)n;
	return 0;
}

/* callid = word [ "@" word ] */
static int r_call_id(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	size_t i0 = s->i;

	(void)idx;
	if (!hs_span(s, HG_WORD))
		return hs_bad(s, HV_TOKEN);
	if (hs_at(s) == '@') {
		s->i++;
		if (!hs_span(s, HG_WORD))
			return hs_bad(s, HV_TOKEN);
	}
	e->token = hs_pl(s, i0, s->i);
	return 0;
}

/* CSeq = 1*DIGIT LWS Method (LWS may fold: RFC 4475 section 3.1.1.1) */
static int r_cseq(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	int err = hvr_number(s, 0, CSEQ_MAX, &e->num);

	(void)idx;
	if (!err)
		err = hs_lws(s);
	if (!err)
		err = hs_token(s, &e->method, HV_TOKEN);
	return err;
}

/* RAck = response-num LWS CSeq-num LWS Method (RFC 3262 section 7.2) */
static int r_rack(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	int err = hvr_number(s, 1, UINT32_MAX, &e->num);

	(void)idx;
	if (!err)
		err = hs_lws(s);
	if (!err)
		err = hvr_number(s, 0, CSEQ_MAX, &e->num2);
	if (!err)
		err = hs_lws(s);
	if (!err)
		err = hs_token(s, &e->method, HV_TOKEN);
	return err;
}

/* Content-Length = 1*DIGIT; a length that does not fit 32 bits is no
 * length any transport carries */
static int r_content_length(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	(void)idx;
	return hvr_number(s, 0, UINT32_MAX, &e->num);
}

/* section 20.22: "an integer in the range 0-255" */
static int r_max_forwards(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	(void)idx;
	return hvr_number(s, 0, 255, &e->num);
}

/* delta-seconds; section 20.19 bounds it to (2**32)-1 */
static int r_delta(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	(void)idx;
	return hvr_number(s, 0, UINT32_MAX, &e->num);
}

/* RSeq = 1*DIGIT, 1 to 2**32 - 1 (RFC 3262 section 7.1) */
static int r_rseq(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	(void)idx;
	return hvr_number(s, 1, UINT32_MAX, &e->num);
}

/* Min-SE = delta-seconds *(SEMI generic-param) (RFC 4028 section 5) */
static int r_min_se(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	int err = r_delta(s, e, idx);

	return err ? err : hparams_scan(s, &e->params, 0, 0);
}

/* Session-Expires = delta-seconds *(SEMI se-params), se-params =
 * refresher-param / generic-param (RFC 4028 section 4) */
static int r_session_expires(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	int err = r_delta(s, e, idx);

	return err ? err : hparams_scan(s, &e->params, HVP(HVP_REFRESHER), 0);
}

/* Method, option-tag: a token each */
static int r_token(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	(void)idx;
	return hs_token(s, &e->token, HV_TOKEN);
}

/* The parts of struct hv_elem a rule writes: all that an element after
 * the first needs cleared, as every element of a value has the same rule
 * (a whole struct hv_elem per element of a 14-method Allow costs more
 * than the parsing) */
enum {
	P_ADDR   = 1 << 0,   /* addr                                  */
	P_VIA    = 1 << 1,   /* via                                   */
	P_WORDS  = 1 << 2,   /* token, subtype, method, quoted, num(2) */
	P_PARAMS = 1 << 3,   /* params                                */
};

static const struct rule {
	hv_rule_h *elem;
	bool list;       /* comma-separated elements (section 7.3.1)  */
	bool empty_ok;   /* the value may be empty                    */
	unsigned parts;  /* of the element it writes, for a list      */
} rules[HDR_COUNT] = {
	[HDR_VIA]                = {hvr_via, true, false, P_VIA | P_PARAMS},
	[HDR_FROM]               = {hvr_from_to,         false, false, 0},
	[HDR_TO]                 = {hvr_from_to,         false, false, 0},
	[HDR_CALL_ID]            = {r_call_id,           false, false, 0},
	[HDR_CSEQ]               = {r_cseq,              false, false, 0},
	[HDR_CONTENT_LENGTH]     = {r_content_length,    false, false, 0},
	[HDR_CONTENT_TYPE]       = {hvr_content_type,    false, false, 0},
	[HDR_CONTACT]            = {hvr_contact, true, false,
				    P_ADDR | P_PARAMS},
	[HDR_RECORD_ROUTE]       = {hvr_route, true, false, P_ADDR | P_PARAMS},
	[HDR_ROUTE]              = {hvr_route, true, false, P_ADDR | P_PARAMS},
	[HDR_WWW_AUTHENTICATE]   = {hvr_challenge,       false, false, 0},
	[HDR_PROXY_AUTHENTICATE] = {hvr_challenge,       false, false, 0},
	[HDR_ALLOW]              = {r_token,             true,  true, P_WORDS},
	[HDR_ACCEPT]             = {hvr_accept, true, true,
				    P_WORDS | P_PARAMS},
	[HDR_ACCEPT_ENCODING]    = {hvr_accept_encoding, true, true,
				    P_WORDS | P_PARAMS},
	[HDR_ACCEPT_LANGUAGE]    = {hvr_accept_language, true, true,
				    P_WORDS | P_PARAMS},
	[HDR_SUPPORTED]          = {r_token,             true,  true, P_WORDS},
	[HDR_UNSUPPORTED]        = {r_token,             true, false, P_WORDS},
	[HDR_REQUIRE]            = {r_token,             true, false, P_WORDS},
	[HDR_MIN_EXPIRES]        = {r_delta,             false, false, 0},
	[HDR_EXPIRES]            = {r_delta,             false, false, 0},
	[HDR_MIN_SE]             = {r_min_se,            false, false, 0},
	[HDR_SESSION_EXPIRES]    = {r_session_expires,   false, false, 0},
	[HDR_RSEQ]               = {r_rseq,              false, false, 0},
	[HDR_RACK]               = {r_rack,              false, false, 0},
	[HDR_TIMESTAMP]          = {hvr_timestamp,       false, false, 0},
	[HDR_WARNING]            = {hvr_warning,         true, false, P_WORDS},
	[HDR_RETRY_AFTER]        = {hvr_retry_after,     false, false, 0},
	[HDR_MAX_FORWARDS]       = {r_max_forwards,      false, false, 0},
	[HDR_DATE]               = {hvr_date,            false, false, 0},
	[HDR_ALLOW_EVENTS]       = {hvr_allow_events,  true, false, P_WORDS},
};

static void clear_parts(struct hv_elem *e, unsigned parts)
{
	if (parts & P_ADDR)
		hg_zero(&e->addr, sizeof(e->addr));
	if (parts & P_VIA)
		hg_zero(&e->via, sizeof(e->via));
	if (parts & P_WORDS) {
		e->token   = (struct pl)PL_INIT;
		e->subtype = (struct pl)PL_INIT;
		e->method  = (struct pl)PL_INIT;
		e->quoted  = (struct pl)PL_INIT;
		e->num = e->num2 = 0;
	}
	if (parts & P_PARAMS)
		hg_zero(&e->params, sizeof(e->params));
}

bool hvalue_known(enum hdr_id id)
{
	return (unsigned)id < HDR_COUNT && rules[id].elem != NULL;
}

/* The first repeated parameter of e, header or URI, into hv.  The URI
 * comes before the element's own parameters (in a name-addr they follow
 * the '>', and an addr-spec has none: its ';' ends it), so its repeat is
 * the first whenever there is one. */
static void note_dup(const struct hscan *s, struct hvalue *hv,
		     const struct hv_elem *e)
{
	const char *hp = e->params.dup, *up = e->addr.uri.dup;

	if (up) {
		hv->dup     = HV_URI_PARAM_DUP;
		hv->dup_off = (size_t)((const uint8_t *)up - s->p);
	}
	else if (hp) {
		hv->dup     = HV_PARAM_DUP;
		hv->dup_off = (size_t)((const uint8_t *)hp - s->p);
	}
}

static int elements(struct hscan *s, struct hvalue *hv, const struct rule *r,
		    hv_elem_h *eh, void *arg)
{
	struct hv_elem tmp, *e = &hv->first;
	int err;

	err = hs_sws(s);
	if (err)
		return err;
	if (hs_end(s))
		return r->empty_ok ? 0 : hs_more(s, HV_EMPTY, s->i);

	for (unsigned idx = 0;; idx++) {
		size_t start = s->i;
		bool star;
		int c;

		if (r->list && hs_at(s) == ',')
			return hs_fail(s, HV_LIST_EMPTY, s->i);

		/* A token of Allow, Supported, Require, Unsupported after the
		 * first, with no handler to see it: nothing of it is kept but
		 * the count, so no element is cleared or written (a 14-method
		 * Allow paid more for that than for its tokens) */
		if (idx && r->elem == r_token && !eh) {
			err = hs_token(s, NULL, HV_TOKEN);
			if (err)
				return err;
			hv->count++;
			star = false;
			goto next;
		}

		if (idx == 1) {
			e = &tmp;
			hg_zero(e, sizeof(*e));
		}
		else if (idx > 1) {
			clear_parts(e, r->parts);
		}

		err = r->elem(s, e, idx);
		if (err)
			return err;
		e->text = hs_pl(s, start, s->i);
		star = e->star;
		if (!hv->dup)
			note_dup(s, hv, e);
		hv->count++;
		if (eh && eh(e, idx, arg))
			return 0;
	next:

		err = hs_sws(s);
		if (err)
			return err;
		c = hs_at(s);
		if (c < 0)
			return 0;
		if (c != ',')
			return hs_bad(s, HV_CHAR);
		/* Contact: "*" stands alone (section 20.10) */
		if (!r->list || star)
			return hs_fail(s, HV_LIST, s->i);

		s->i++;
		err = hs_sws(s);
		if (err)
			return err;
		if (hs_end(s))
			return hs_more(s, HV_LIST_EMPTY, s->i);
	}
}

/* hvalue_apply(), inline in each entry point: hvalue_check() of every
 * field is the hot path (the judge, bench_hvalue), and there it saves a
 * call per field, with complete and eh known (13 instructions a field in
 * bench_hvalue) */
static inline int apply(struct hvalue *hv, enum hdr_id id, const char *buf,
			size_t len, bool complete, hv_elem_h *eh, void *arg)
{
	struct hscan s;
	int err;

	if (!hv || (!buf && len) || (unsigned)id >= HDR_COUNT)
		return EINVAL;

	hg_zero(hv, sizeof(*hv));
	hs_init(&s, buf ? buf : "", len);

	if (rules[id].elem) {
		err = elements(&s, hv, &rules[id], eh, arg);
	}
	else {
		/* one element: the value */
		err = hs_text(&s);
		if (!err) {
			hv->first.text = hs_pl(&s, 0, len);
			hv->count = 1;
			if (eh)
				(void)eh(&hv->first, 0, arg);
		}
	}

	if (err) {
		hv->defect = s.defect;
		hv->off    = s.off;
		if (complete && err == ENODATA)
			err = EBADMSG;
	}
	return err;
}

int hvalue_apply(struct hvalue *hv, enum hdr_id id, const char *buf,
		 size_t len, bool complete, hv_elem_h *eh, void *arg)
{
	return apply(hv, id, buf, len, complete, eh, arg);
}

int hvalue_parse(struct hvalue *hv, enum hdr_id id, const char *buf,
		 size_t len)
{
	return apply(hv, id, buf, len, false, NULL, NULL);
}

int hvalue_check(struct hvalue *hv, enum hdr_id id, const char *buf,
		 size_t len)
{
	return apply(hv, id, buf, len, true, NULL, NULL);
}

unsigned hvalue_elem_slices(const struct hv_elem *e, const struct pl **v,
			    unsigned max)
{
	const struct sipuri *u = &e->addr.uri;
	const struct pl *all[] = {
		&e->text, &e->addr.display, &u->whole, &u->scheme, &u->user,
		&u->password, &u->hp.host, &u->hp.port, &u->params,
		&u->headers, &u->opaque, &u->transport, &u->user_param,
		&u->method, &u->ttl, &u->maddr, &e->via.proto,
		&e->via.version, &e->via.transport, &e->via.sent_by.host,
		&e->via.sent_by.port, &e->token, &e->subtype, &e->method,
		&e->quoted, &e->params.all,
	};
	unsigned n = 0;

	for (size_t k = 0; k < ARRAY_SIZE(all) + HVP_COUNT; k++) {
		const struct pl *pl = k < ARRAY_SIZE(all) ? all[k]
			: &e->params.v[k - ARRAY_SIZE(all)];

		if (!pl->p)
			continue;
		if (v && n < max)
			v[n] = pl;
		n++;
	}
	return n;
}
