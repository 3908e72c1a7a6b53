/**
 * @file hparams.c  Header field parameters (RFC 3261 section 25.1)
 */
#include <string.h>
#include <strings.h>
#include "sip/hparams.h"
#include "sip/host.h"

int hs_oneof(struct hscan *s, const char *const *words, size_t n,
	     struct pl *t, enum hv_defect d)
{
	size_t i0 = s->i;
	struct pl tok;
	int err = hs_token(s, &tok, d);

	if (err)
		return err;
	for (size_t k = 0; k < n; k++)
		if (hg_caseeq(&tok, words[k], strlen(words[k]))) {
			*t = tok;
			return 0;
		}

	/* the input ended inside the token: it may still become a word */
	if (s->i >= s->len)
		for (size_t k = 0; k < n; k++)
			if (tok.l < strlen(words[k]) &&
			    !strncasecmp(tok.p, words[k], tok.l))
				return hs_more(s, d, i0);
	return hs_fail(s, d, i0);
}

static int v_token(struct hscan *s, struct pl *v)
{
	return hs_token(s, v, HV_PARAM_VALUE);
}

/* An address where one is required: a host name is a wrong value, not a
 * malformed host */
static int v_received(struct hscan *s, struct pl *v)
{
	enum host_kind kind;
	int err = host_addr(s, v, &kind);

	if (err && s->defect == HV_HOST)
		s->defect = HV_PARAM_VALUE;
	return err;
}

static int v_maddr(struct hscan *s, struct pl *v)
{
	enum host_kind kind;

	return host_scan(s, v, &kind);
}

static int v_number(struct hscan *s, struct pl *v, uint64_t min,
		    uint64_t max)
{
	size_t i0 = s->i;
	int err = hs_number(s, min, max, NULL, HV_PARAM_VALUE,
			    HV_PARAM_VALUE);

	if (!err)
		*v = hs_pl(s, i0, s->i);
	return err;
}

static int v_rport(struct hscan *s, struct pl *v)
{
	return v_number(s, v, 1, 65535);
}

/* ttl = 1*3DIGIT ; 0 to 255 */
static int v_ttl(struct hscan *s, struct pl *v)
{
	int err = v_number(s, v, 0, 255);

	if (!err && v->l > 3)
		return hs_fail(s, HV_PARAM_VALUE, (size_t)(v->p - (const char *)
							   s->p) + 3);
	return err;
}

/* delta-seconds = 1*DIGIT; section 20.19 bounds Expires to (2**32)-1 */
static int v_delta(struct hscan *s, struct pl *v)
{
	return v_number(s, v, 0, UINT32_MAX);
}

/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) */
static int v_qvalue(struct hscan *s, struct pl *v)
{
	size_t i0 = s->i;
	int c = hs_at(s);
	bool one = c == '1';

	if (c != '0' && c != '1')
		return hs_bad(s, HV_PARAM_VALUE);
	s->i++;
	if (hs_at(s) == '.') {
		s->i++;
		for (unsigned k = 0; hs_is(s, HG_DIGIT); k++) {
			if (k == 3 || (one && s->p[s->i] != '0'))
				return hs_fail(s, HV_PARAM_VALUE, s->i);
			s->i++;
		}
	}
	*v = hs_pl(s, i0, s->i);
	return 0;
}

static int v_refresher(struct hscan *s, struct pl *v)
{
	static const char *const w[] = {"uac", "uas"};

	return hs_oneof(s, w, 2, v, HV_PARAM_VALUE);
}

static int v_stale(struct hscan *s, struct pl *v)
{
	static const char *const w[] = {"true", "false"};

	return hs_oneof(s, w, 2, v, HV_PARAM_VALUE);
}

static int v_quoted(struct hscan *s, struct pl *v)
{
	if (hs_at(s) != '"')
		return hs_bad(s, HV_QUOTED);
	return hs_quoted(s, v);
}

/* qop-options = "qop" EQUAL LDQUOT qop-value *("," qop-value) RDQUOT;
 * white space around the commas is taken, as RFC 2617's 1#qop-value
 * list allows it and servers send it */
static int v_qop(struct hscan *s, struct pl *v)
{
	size_t i0 = s->i + 1;
	struct hscan t;
	int err = v_quoted(s, v);

	if (err)
		return err;

	t = *s;
	t.i   = i0;
	t.len = i0 + v->l;
	for (;;) {
		hs_span(&t, HG_WSP);
		err = hs_token(&t, NULL, HV_PARAM_VALUE);
		if (err)
			break;
		hs_span(&t, HG_WSP);
		if (hs_end(&t))
			return 0;
		if (hs_at(&t) != ',') {
			err = hs_bad(&t, HV_PARAM_VALUE);
			break;
		}
		t.i++;
	}
	/* the quoted-string is closed: nothing more can come inside */
	return hs_fail(s, t.defect == HV_LWS ? HV_PARAM_VALUE : t.defect,
		       t.off);
}

/* The rule of each known parameter's value; its name is in lookup() */
static const struct {
	int (*value)(struct hscan *s, struct pl *v);
	bool need;          /* "=" value required */
} keys[HVP_COUNT] = {
	[HVP_TAG]       = {v_token, true},
	[HVP_BRANCH]    = {v_token, true},
	[HVP_RECEIVED]  = {v_received, true},
	[HVP_RPORT]     = {v_rport, false},
	[HVP_MADDR]     = {v_maddr, true},
	[HVP_TTL]       = {v_ttl, true},
	[HVP_EXPIRES]   = {v_delta, true},
	[HVP_Q]         = {v_qvalue, true},
	[HVP_REFRESHER] = {v_refresher, true},
	[HVP_DURATION]  = {v_delta, true},
	[HVP_REALM]     = {v_quoted, true},
	[HVP_NONCE]     = {v_quoted, true},
	[HVP_OPAQUE]    = {v_quoted, true},
	[HVP_DOMAIN]    = {v_quoted, true},
	[HVP_QOP]       = {v_qop, true},
	[HVP_ALGORITHM] = {v_token, true},
	[HVP_STALE]     = {v_stale, true},
};

/* gen-value = token / host / quoted-string; a host that is no token is
 * an IPv6reference */
static int v_generic(struct hscan *s, struct pl *v)
{
	enum host_kind kind;

	switch (hs_at(s)) {

	case '"':
		return hs_quoted(s, v);
	case '[':
		return host_scan(s, v, &kind);
	default:
		return hs_token(s, v, HV_PARAM_VALUE);
	}
}

/* The known name that the token name is, among those of known, or -1.
 * By length first, then compares of a length known here, which inline to
 * a load or two each: no name has more than five of its length, and the
 * known of a header (tag, or Via's five) leave one or two of them. */
static int lookup(const struct pl *name, uint32_t known)
{
#define IS(k, word) \
	if ((known & HVP(k)) && hg_fold_eq(name->p, word, sizeof(word) - 1)) \
		return k

	if (!known)
		return -1;
	switch (name->l) {

	case 1:
		IS(HVP_Q, "q");
		break;
	case 3:
		IS(HVP_TAG, "tag");
		IS(HVP_TTL, "ttl");
		IS(HVP_QOP, "qop");
		break;
	case 5:
		IS(HVP_RPORT, "rport");
		IS(HVP_MADDR, "maddr");
		IS(HVP_REALM, "realm");
		IS(HVP_NONCE, "nonce");
		IS(HVP_STALE, "stale");
		break;
	case 6:
		IS(HVP_BRANCH, "branch");
		IS(HVP_OPAQUE, "opaque");
		IS(HVP_DOMAIN, "domain");
		break;
	case 7:
		IS(HVP_EXPIRES, "expires");
		break;
	case 8:
		IS(HVP_RECEIVED, "received");
		IS(HVP_DURATION, "duration");
		break;
	case 9:
		IS(HVP_REFRESHER, "refresher");
		IS(HVP_ALGORITHM, "algorithm");
		break;
	default:
		break;
	}
	return -1;
#undef IS
}

int hparam_one(struct hscan *s, struct hv_params *hp, uint32_t known,
	       unsigned flags)
{
	struct pl name = PL_INIT, v = PL_INIT, *dst;
	size_t mark;
	bool first;
	int k, err;

	err = hs_token(s, &name, HV_TOKEN);
	if (err)
		return err;
	k = lookup(&name, known);

	mark = s->i;
	err = hs_sws(s);
	if (err)
		return err;

	if (hs_at(s) != '=') {
		if ((k >= 0 && keys[k].need) || (flags & HPF_VALUE))
			return hs_end(s) ? hs_more(s, HV_PARAM_VALUE, s->i)
				: hs_fail(s, HV_PARAM_VALUE, mark);
		s->i = mark;
		if (k >= 0 && !hp->v[k].p) {
			hp->v[k].p = name.p + name.l;
			hp->v[k].l = 0;
		}
		else if (k >= 0 && !hp->dup) {
			hp->dup = name.p;
		}
		return 0;
	}

	s->i++;
	err = hs_sws(s);
	if (err)
		return err;
	if (hs_end(s))
		return hs_more(s, HV_PARAM_VALUE, s->i);

	/* The first value of a known name is read into its slot, not into
	 * a local copied there after: the copy's 16-byte load of the two
	 * 8-byte stores just made stalled (store forwarding), a fifth of
	 * hparam_one()'s time in perf.  A failure leaves the slot empty, as
	 * it was. */
	first = k >= 0 && !hp->v[k].p;
	dst = first ? &hp->v[k] : &v;
	/* tag and branch, most of the known values, as a token inline:
	 * the call through keys[] cost as much as their span */
	if (k == HVP_TAG || k == HVP_BRANCH)
		err = hs_token(s, dst, HV_PARAM_VALUE);
	else
		err = k >= 0 ? keys[k].value(s, dst) : v_generic(s, dst);

	/* the value stopped where its own rule ends, but the bytes go on */
	if (!err && (hs_is(s, HG_TOKEN) || hs_at(s) == '"' ||
		     hs_at(s) == '['))
		err = hs_fail(s, HV_PARAM_VALUE, s->i);
	if (err) {
		if (first)
			hp->v[k] = (struct pl)PL_INIT;
		return err;
	}

	if (k >= 0 && !first && !hp->dup)
		hp->dup = name.p;
	return 0;
}

int hparams_scan(struct hscan *s, struct hv_params *hp, uint32_t known,
		 unsigned flags)
{
	size_t first = 0;
	bool any = false;

	for (;;) {
		size_t mark = s->i;
		int c, err;

		err = hs_sws(s);
		if (err)
			return err;
		if (hs_at(s) != ';') {
			s->i = mark;
			break;
		}
		if (!any)
			first = s->i;
		any = true;
		s->i++;

		err = hs_sws(s);
		if (err)
			return err;
		c = hs_at(s);
		if (c < 0)
			return hs_more(s, HV_PARAM_EMPTY, s->i);
		if (c == ';' || c == ',')
			return hs_fail(s, HV_PARAM_EMPTY, s->i);

		err = hparam_one(s, hp, known, flags);
		if (err)
			return err;
		hp->n++;
	}

	if (any)
		hp->all = hs_pl(s, first, s->i);
	return 0;
}

bool hparams_next(struct pl *rest, struct pl *name, struct pl *val,
		  bool *has_val)
{
	struct hscan s;
	struct pl n, v = PL_INIT;
	bool eq = false;

	if (!rest || !rest->p)
		return false;

	hs_init(&s, rest->p, rest->l);
	/* separators, LWS and folds between the parameters */
	while (!hs_end(&s) && !hs_is(&s, HG_TOKEN))
		s.i++;
	if (hs_token(&s, &n, HV_TOKEN))
		return false;
	hs_sws(&s);
	if (hs_at(&s) == '=') {
		size_t v0;

		eq = true;
		s.i++;
		hs_sws(&s);
		v0 = s.i;
		if (hs_at(&s) == '"')
			hs_quoted(&s, NULL);
		else
			while (!hs_end(&s) && hs_at(&s) != ';' &&
			       hs_at(&s) != ',' && !hs_is(&s, HG_WSP) &&
			       hs_at(&s) != '\r')
				s.i++;
		v = hs_pl(&s, v0, s.i);
	}
	else {
		v.p = n.p + n.l;
	}
	if (name)
		*name = n;
	if (val)
		*val = v;
	if (has_val)
		*has_val = eq;
	pl_advance(rest, (ssize_t)s.i);
	return true;
}

bool hparams_get(const struct pl *params, const char *name, struct pl *val)
{
	struct pl rest, n, v;

	if (!params || !params->p || !name)
		return false;

	rest = *params;
	while (hparams_next(&rest, &n, &v, NULL)) {
		if (n.l == strlen(name) && !strncasecmp(n.p, name, n.l)) {
			if (val)
				*val = v;
			return true;
		}
	}
	return false;
}
