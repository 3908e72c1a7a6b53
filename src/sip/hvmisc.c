/**
 * @file hvmisc.c  The other headers a response carries: media types,
 *                 Accept*, Allow-Events, challenges, Warning,
 *                 Retry-After, Timestamp, Date (RFC 3261 section 25.1,
 *                 RFC 6665 section 8.4)
 */
#include <strings.h>
#include "sip/hvrules.h"

static bool is_star(const struct pl *t)
{
	return t->l == 1 && t->p[0] == '*';
}

/* m-type SLASH m-subtype; star: a media-range of Accept, which may have
 * "*" for a subtype, and for the type too when the subtype is one */
static int media(struct hscan *s, struct hv_elem *e, bool star)
{
	size_t sub;
	int err;

	err = hs_token(s, &e->token, HV_MEDIA_TYPE);
	if (!err)
		err = hs_sep(s, '/', HV_MEDIA_TYPE);
	if (err)
		return err;
	sub = s->i;
	err = hs_token(s, &e->subtype, HV_MEDIA_TYPE);
	if (err)
		return err;

	/* a "*" type needs a "*" subtype (section 20.1); in Content-Type
	 * neither is a media type */
	if (is_star(&e->token) && (!star || !is_star(&e->subtype)))
		return hs_fail(s, HV_MEDIA_TYPE, star ? sub :
			       (size_t)(e->token.p - (const char *)s->p));
	if (!star && is_star(&e->subtype))
		return hs_end(s) ? hs_more(s, HV_MEDIA_TYPE, sub)  /* "*m" */
			: hs_fail(s, HV_MEDIA_TYPE, sub);
	return 0;
}

/* media-type = m-type SLASH m-subtype *(SEMI m-parameter), with
 * m-parameter = m-attribute EQUAL m-value: a value is required */
int hvr_content_type(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	int err = media(s, e, false);

	(void)idx;
	return err ? err : hparams_scan(s, &e->params, 0, HPF_VALUE);
}

/* accept-range = media-range *(SEMI accept-param) */
int hvr_accept(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	int err = media(s, e, true);

	(void)idx;
	return err ? err : hparams_scan(s, &e->params, HVP(HVP_Q), 0);
}

/* encoding = codings *(SEMI accept-param), codings = token / "*" */
int hvr_accept_encoding(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	int err = hs_token(s, &e->token, HV_TOKEN);

	(void)idx;
	return err ? err : hparams_scan(s, &e->params, HVP(HVP_Q), 0);
}

/* language-range = ( ( 1*8ALPHA *( "-" 1*8ALPHA ) ) / "*" ) */
int hvr_accept_language(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	size_t i0 = s->i;

	(void)idx;
	if (hs_at(s) == '*') {
		s->i++;
	}
	else {
		for (;;) {
			size_t a = s->i, n = hs_span(s, HG_ALPHA);

			if (!n)
				return hs_bad(s, HV_TOKEN);
			if (n > 8)
				return hs_fail(s, HV_TOKEN, a + 8);
			if (hs_at(s) != '-')
				break;
			s->i++;
		}
	}
	if (hs_is(s, HG_TOKEN))
		return hs_fail(s, HV_TOKEN, s->i);
	e->token = hs_pl(s, i0, s->i);
	return hparams_scan(s, &e->params, HVP(HVP_Q), 0);
}

/* event-type = event-package *( "." event-template ), both token-nodot
 * (RFC 6665 section 8.4) */
int hvr_allow_events(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	size_t i0 = s->i;

	(void)idx;
	for (;;) {
		if (!hs_span(s, HG_NODOT))
			return hs_bad(s, HV_TOKEN);
		if (hs_at(s) != '.')
			break;
		s->i++;
	}
	e->token = hs_pl(s, i0, s->i);
	return 0;
}

/* The next auth-param would be "name LWS token": a second challenge in
 * the field, which RFC 3261's WWW-Authenticate = "WWW-Authenticate"
 * HCOLON challenge does not allow */
static bool second_challenge(const struct hscan *s)
{
	struct hscan t = *s;

	if (!hs_span(&t, HG_TOKEN))
		return false;
	if (!hs_is(&t, HG_WSP) && hs_at(&t) != '\r')
		return false;
	if (hs_sws(&t))
		return false;
	return hs_is(&t, HG_TOKEN);
}

/* challenge = ("Digest" LWS digest-cln *(COMMA digest-cln))
 *             / other-challenge
 * other-challenge = auth-scheme LWS auth-param *(COMMA auth-param)
 * auth-param = auth-param-name EQUAL ( token / quoted-string )
 *
 * A Digest challenge needs realm and nonce: RFC 2617 section 3.2.1 lists
 * them without the brackets of its optional directives. */
int hvr_challenge(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	const uint32_t digest = HVP(HVP_REALM) | HVP(HVP_NONCE) |
		HVP(HVP_OPAQUE) | HVP(HVP_DOMAIN) | HVP(HVP_QOP) |
		HVP(HVP_ALGORITHM) | HVP(HVP_STALE);
	size_t start = s->i, first;
	bool is_digest;
	int err;

	(void)idx;
	err = hs_token(s, &e->token, HV_TOKEN);
	if (err)
		return err;
	if (hs_end(s))
		return hs_more(s, HV_PARAM_MISSING, s->i);
	err = hs_lws(s);
	if (err)
		return err;
	is_digest = HG_CASEEQ(&e->token, "digest");

	first = s->i;
	for (;;) {
		size_t mark;

		if (hs_end(s))
			return hs_more(s, HV_PARAM_MISSING, s->i);
		if (hs_at(s) == ',')
			return hs_fail(s, HV_PARAM_EMPTY, s->i);
		if (second_challenge(s))
			return hs_fail(s, HV_LIST, s->i);

		err = hparam_one(s, &e->params, is_digest ? digest : 0,
				 HPF_VALUE);
		if (err)
			return err;
		e->params.n++;

		mark = s->i;
		err = hs_sws(s);
		if (err)
			return err;
		if (hs_at(s) != ',') {
			s->i = mark;
			break;
		}
		s->i++;
		err = hs_sws(s);
		if (err)
			return err;
	}
	e->params.all = hs_pl(s, first, s->i);

	if (is_digest && (!e->params.v[HVP_REALM].p ||
			  !e->params.v[HVP_NONCE].p)) {
		struct hscan t = *s;

		/* more directives may still come while the value goes on;
		 * the SWS after the last one was read without error in the
		 * loop (at mark), so it reads without error again */
		(void)hs_sws(&t);
		if (hs_end(&t))
			return hs_more(s, HV_PARAM_MISSING, start);
	}
	return 0;
}

/* warning-value = warn-code SP warn-agent SP warn-text, warn-code =
 * 3DIGIT, warn-agent = hostport / pseudonym, warn-text = quoted-string */
static int sp(struct hscan *s)
{
	if (hs_end(s))
		return hs_more(s, HV_SEP, s->i);
	if (hs_at(s) != ' ')
		return hs_fail(s, HV_SEP, s->i);
	s->i++;
	return 0;
}

int hvr_warning(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	size_t i0 = s->i, t1;
	int err;

	(void)idx;
	for (unsigned k = 0; k < 3; k++) {
		if (hs_end(s))
			return hs_more(s, HV_NUMBER, s->i);
		if (!hs_is(s, HG_DIGIT))
			return hs_fail(s, HV_NUMBER, s->i);
		e->num = e->num * 10 + (uint32_t)(s->p[s->i++] - '0');
	}
	if (hs_is(s, HG_TOKEN))
		return hs_fail(s, HV_NUMBER, s->i);

	err = sp(s);
	if (err)
		return err;

	i0 = s->i;
	hs_span(s, HG_TOKEN);
	t1 = s->i;
	if (hs_at(s) == '[' || hs_at(s) == ':') {
		struct hostport hp;

		s->i = i0;
		err = hostport_scan(s, &hp, 0);
		if (err)
			return err;
	}
	else if (t1 == i0) {
		return hs_bad(s, HV_TOKEN);
	}
	e->token = hs_pl(s, i0, s->i);

	err = sp(s);
	if (err)
		return err;
	if (hs_at(s) != '"')
		return hs_bad(s, HV_QUOTED);
	return hs_quoted(s, &e->quoted);
}

/* Retry-After = delta-seconds [ comment ] *( SEMI retry-param ) */
int hvr_retry_after(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	size_t mark;
	int err = hvr_number(s, 0, UINT32_MAX, &e->num);

	(void)idx;
	if (err)
		return err;

	/* LPAREN = SWS "(" SWS */
	mark = s->i;
	err = hs_sws(s);
	if (err)
		return err;
	if (hs_at(s) == '(') {
		err = hs_comment(s, &e->quoted);
		if (err)
			return err;
	}
	else {
		s->i = mark;
	}
	return hparams_scan(s, &e->params, HVP(HVP_DURATION), 0);
}

/* 1*DIGIT [ "." *DIGIT ] */
static int decimal(struct hscan *s, struct pl *v, bool digits)
{
	size_t i0 = s->i;

	if (!hs_span(s, HG_DIGIT) && digits)
		return hs_bad(s, HV_NUMBER);
	if (hs_at(s) == '.') {
		s->i++;
		hs_span(s, HG_DIGIT);
	}
	if (hs_is(s, HG_TOKEN))
		return hs_fail(s, HV_NUMBER, s->i);
	*v = hs_pl(s, i0, s->i);
	return 0;
}

/* Timestamp = 1*(DIGIT) [ "." *(DIGIT) ] [ LWS delay ],
 * delay = *(DIGIT) [ "." *(DIGIT) ] */
int hvr_timestamp(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	size_t mark;
	int err = decimal(s, &e->token, true);

	(void)idx;
	if (err)
		return err;
	mark = s->i;
	err = hs_sws(s);
	if (err)
		return err;
	if (s->i > mark && (hs_is(s, HG_DIGIT) || hs_at(s) == '.'))
		return decimal(s, &e->subtype, false);
	s->i = mark;
	return 0;
}

/* One of names (3 letters each, case-insensitive as ABNF strings are) */
static int date_name(struct hscan *s, const char *const *names, size_t n,
		     unsigned *which)
{
	uint32_t cand = (1u << n) - 1;

	for (unsigned k = 0; k < 3; k++, s->i++) {
		int c = hs_at(s);

		if (c < 0)
			return hs_more(s, HV_DATE, s->i);
		for (size_t w = 0; w < n; w++)
			if ((c | 0x20) != (names[w][k] | 0x20))
				cand &= ~(1u << w);
		if (!cand)
			return hs_fail(s, HV_DATE, s->i);
	}
	for (unsigned w = 0; w < n; w++)
		if (cand & (1u << w))
			*which = w;
	return 0;
}

static int date_lit(struct hscan *s, char c)
{
	if (hs_end(s))
		return hs_more(s, HV_DATE, s->i);
	if (s->p[s->i] != (uint8_t)c)
		return hs_fail(s, HV_DATE, s->i);
	s->i++;
	return 0;
}

static int date_num(struct hscan *s, unsigned digits, unsigned max,
		    unsigned min)
{
	size_t i0 = s->i;
	unsigned v = 0;

	for (unsigned k = 0; k < digits; k++, s->i++) {
		if (hs_end(s))
			return hs_more(s, HV_DATE, s->i);
		if (!hg_is(s->p[s->i], HG_DIGIT))
			return hs_fail(s, HV_DATE, s->i);
		v = v * 10 + (unsigned)(s->p[s->i] - '0');
	}
	if (v < min || v > max)
		return hs_fail(s, HV_DATE, i0);
	return 0;
}

/* rfc1123-date = wkday "," SP date1 SP time SP "GMT" (section 25.1):
 * single SPs, two-digit day, four-digit year, the zone is GMT and nothing
 * else (RFC 4475 section 3.1.2.12).  Day, hour, minute and second are
 * held to their calendar ranges (second 60 for a leap second). */
int hvr_date(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	static const char *const wkday[] = {
		"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	static const char *const month[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	static const char *const gmt[] = {"GMT"};
	size_t i0 = s->i;
	unsigned w;
	int err;

	(void)idx;
	err = date_name(s, wkday, 7, &w);
	if (!err)
		err = date_lit(s, ',');
	if (!err)
		err = date_lit(s, ' ');
	if (!err)
		err = date_num(s, 2, 31, 1);
	if (!err)
		err = date_lit(s, ' ');
	if (!err)
		err = date_name(s, month, 12, &w);
	if (!err)
		err = date_lit(s, ' ');
	if (!err)
		err = date_num(s, 4, 9999, 0);
	if (!err)
		err = date_lit(s, ' ');
	if (!err)
		err = date_num(s, 2, 23, 0);
	if (!err)
		err = date_lit(s, ':');
	if (!err)
		err = date_num(s, 2, 59, 0);
	if (!err)
		err = date_lit(s, ':');
	if (!err)
		err = date_num(s, 2, 60, 0);
	if (!err)
		err = date_lit(s, ' ');
	if (!err)
		err = date_name(s, gmt, 1, &w);
	if (err)
		return err;
	if (hs_is(s, HG_TOKEN))
		return hs_fail(s, HV_DATE, s->i);

	e->token = hs_pl(s, i0, s->i);
	return 0;
}
