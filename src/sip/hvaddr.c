/**
 * @file hvaddr.c  name-addr / addr-spec headers: From, To, Contact,
 *                 Route, Record-Route (RFC 3261 section 20, 25.1)
 *
 *   name-addr    = [ display-name ] LAQUOT addr-spec RAQUOT
 *   display-name = *(token LWS) / quoted-string
 *   LAQUOT       = SWS "<"      RAQUOT = ">" SWS
 *
 * LAQUOT and RAQUOT put no LWS inside the brackets: "< sip:a@b >" is
 * HV_ANGLE_LWS (RFC 4475 section 3.1.2.14).  Before '<' the SWS is
 * optional: "caller<sip:caller@example.com>" is valid (RFC 4475 section
 * 3.1.1.6), and so are several tokens as a display-name (3.1.1.2).
 */
#include "sip/hvrules.h"

enum {
	ADDR_NAMEADDR = 1 << 0,   /* name-addr only (Route, Record-Route) */
};

/* "<" addr-spec ">" at the cursor */
static int angle(struct hscan *s, struct hv_addr *a)
{
	size_t lt = s->i++;
	int c = hs_at(s), err;

	if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
		return hs_fail(s, HV_ANGLE_LWS, s->i);

	err = sipuri_scan(s, &a->uri, SIPURI_ANGLE);
	if (err)
		return err;
	if (hs_end(s))
		return hs_more(s, HV_ANGLE_OPEN, lt);
	s->i++;   /* the '>': sipuri_scan() stops at nothing else */
	a->angle = true;
	return 0;
}

/* display-name = *(token LWS) before the '<', from the first token */
static int tokens(struct hscan *s, struct hv_addr *a, size_t t0)
{
	size_t end = s->i;

	for (;;) {
		size_t mark = s->i;
		int err = hs_sws(s);

		if (err)
			return err;
		if (hs_at(s) == '<') {
			a->display = hs_pl(s, t0, end);
			return angle(s, a);
		}
		if (hs_end(s))
			return hs_more(s, HV_ANGLE_REQUIRED, s->i);

		if (s->i == mark) {
			/* "user@host": an addr-spec without its scheme */
			if (hs_at(s) == '@')
				return hs_fail(s, HV_URI, t0);
			/* "Bell, Alexander <...>" (RFC 4475 3.1.2.15) */
			return hs_bad(s, HV_DISPLAY_NAME);
		}
		if (!hs_is(s, HG_TOKEN))
			return hs_bad(s, HV_DISPLAY_NAME);

		mark = s->i;
		hs_span(s, HG_TOKEN);
		/* "Bob sip:bob@example.com": a display-name needs <...> */
		if (hs_at(s) == ':')
			return hs_fail(s, HV_ANGLE_REQUIRED, mark);
		end = s->i;
	}
}

static int addr_scan(struct hscan *s, struct hv_addr *a, unsigned flags)
{
	size_t t0 = s->i;
	int err;

	switch (hs_at(s)) {

	case '"':
		err = hs_quoted(s, &a->display);
		if (err)
			return err;
		a->quoted = true;
		err = hs_sws(s);
		if (err)
			return err;
		if (hs_at(s) != '<')
			return hs_bad(s, HV_ANGLE_REQUIRED);
		return angle(s, a);

	case '<':
		return angle(s, a);

	default:
		break;
	}

	if (!hs_span(s, HG_TOKEN))
		return hs_bad(s, HV_URI);

	/* a token followed by ':' is a scheme: no display-name has one */
	if (hs_at(s) == ':') {
		if (flags & ADDR_NAMEADDR)
			return hs_fail(s, HV_ANGLE_REQUIRED, t0);
		s->i = t0;
		return sipuri_scan(s, &a->uri, SIPURI_ADDRSPEC);
	}

	return tokens(s, a, t0);
}

/* From / To = ( name-addr / addr-spec ) *( SEMI from-param ) */
int hvr_from_to(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	int err = addr_scan(s, &e->addr, 0);

	(void)idx;
	return err ? err : hparams_scan(s, &e->params, HVP(HVP_TAG), 0);
}

/* Contact = ( STAR / (contact-param *(COMMA contact-param)) ),
 * contact-param = (name-addr / addr-spec) *(SEMI contact-params) */
int hvr_contact(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	int err;

	if (hs_at(s) == '*') {
		if (idx)
			return hs_fail(s, HV_LIST, s->i);
		s->i++;
		e->star = true;
		return 0;
	}

	err = addr_scan(s, &e->addr, 0);
	return err ? err : hparams_scan(s, &e->params,
					HVP(HVP_EXPIRES) | HVP(HVP_Q), 0);
}

/* rec-route / route-param = name-addr *( SEMI rr-param ) */
int hvr_route(struct hscan *s, struct hv_elem *e, unsigned idx)
{
	int err = addr_scan(s, &e->addr, ADDR_NAMEADDR);

	(void)idx;
	return err ? err : hparams_scan(s, &e->params, 0, 0);
}
