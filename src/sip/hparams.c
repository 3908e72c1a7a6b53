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

static const struct {
	const char *name;   /* lower case */
	size_t len;
	int (*value)(struct hscan *s, struct pl *v);
	bool need;          /* "=" value required */
} keys[HVP_COUNT] = {
	[HVP_TAG]       = {"tag",       3, v_token, true},
	[HVP_BRANCH]    = {"branch",    6, v_token, true},
	[HVP_RECEIVED]  = {"received",  8, v_received, true},
	[HVP_RPORT]     = {"rport",     5, v_rport, false},
	[HVP_MADDR]     = {"maddr",     5, v_maddr, true},
	[HVP_TTL]       = {"ttl",       3, v_ttl, true},
	[HVP_EXPIRES]   = {"expires",   7, v_delta, true},
	[HVP_Q]         = {"q",         1, v_qvalue, true},
	[HVP_REFRESHER] = {"refresher", 9, v_refresher, true},
	[HVP_DURATION]  = {"duration",  8, v_delta, true},
	[HVP_REALM]     = {"realm",     5, v_quoted, true},
	[HVP_NONCE]     = {"nonce",     5, v_quoted, true},
	[HVP_OPAQUE]    = {"opaque",    6, v_quoted, true},
	[HVP_DOMAIN]    = {"domain",    6, v_quoted, true},
	[HVP_QOP]       = {"qop",       3, v_qop, true},
	[HVP_ALGORITHM] = {"algorithm", 9, v_token, true},
	[HVP_STALE]     = {"stale",     5, v_stale, true},
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

/* The keys of each first letter, as key + 1 (0 ends a row): a name is
 * compared with at most four keys, not looked for among all 17 */
#define K(k) ((k) + 1)
static const uint8_t by_first[26][4] = {
	['a' - 'a'] = {K(HVP_ALGORITHM)},
	['b' - 'a'] = {K(HVP_BRANCH)},
	['d' - 'a'] = {K(HVP_DURATION), K(HVP_DOMAIN)},
	['e' - 'a'] = {K(HVP_EXPIRES)},
	['m' - 'a'] = {K(HVP_MADDR)},
	['n' - 'a'] = {K(HVP_NONCE)},
	['o' - 'a'] = {K(HVP_OPAQUE)},
	['q' - 'a'] = {K(HVP_Q), K(HVP_QOP)},
	['r' - 'a'] = {K(HVP_RECEIVED), K(HVP_RPORT), K(HVP_REFRESHER),
		       K(HVP_REALM)},
	['s' - 'a'] = {K(HVP_STALE)},
	['t' - 'a'] = {K(HVP_TAG), K(HVP_TTL)},
};
#undef K

/* name is a token: c | 0x20 is a lower-case letter for letters only */
static int lookup(const struct pl *name, uint32_t known)
{
	unsigned c = ((uint8_t)name->p[0] | 0x20) - 'a';

	if (!known || c >= ARRAY_SIZE(by_first))
		return -1;
	for (size_t j = 0; j < ARRAY_SIZE(by_first[0]) && by_first[c][j];
	     j++) {
		int k = by_first[c][j] - 1;

		if ((known & HVP(k)) &&
		    hg_caseeq(name, keys[k].name, keys[k].len))
			return k;
	}
	return -1;
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
