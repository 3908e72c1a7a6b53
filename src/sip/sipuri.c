/**
 * @file sipuri.c  SIP and SIPS URIs (RFC 3261 section 19.1, 25.1), strictly
 */
#include <string.h>
#include "sip/sipuri.h"

/* 1*( class / escaped ) from the cursor; returns 0 with *n bytes read
 * (0 allowed: the caller decides if empty is a defect) */
static int span_esc(struct hscan *s, unsigned cls, size_t *n)
{
	size_t i0 = s->i;

	for (;;) {
		int err;

		hs_span(s, cls);
		if (hs_at(s) != '%')
			break;
		err = hs_escape(s);
		if (err)
			return err;
	}
	*n = s->i - i0;
	return 0;
}

/** What userinfo_end() saw of the run of userinfo bytes */
struct uinfo {
	size_t at;      /* offset of the '@'; 0: none, no userinfo      */
	size_t colon;   /* of the ':' before the password, if pass      */
	bool pass;
	bool esc;       /* a '%' in the run: the escapes need a check   */
	bool open;      /* the input ended in the run: a '@' may come   */
};

/* Where does the userinfo end?  user and password have no '@', and
 * neither have host, port, parameters or headers, so the first '@' in
 * the run of bytes a userinfo may hold ends it.  It notes the ':' and
 * any '%' on the way, so that userinfo_scan() need not read the run
 * again when it holds no escape. */
static void userinfo_end(const struct hscan *s, enum sipuri_ctx ctx,
			 struct uinfo *ui)
{
	unsigned cls = HG_USER;
	size_t j = s->i;

	memset(ui, 0, sizeof(*ui));
	for (;; j++) {
		uint8_t c;

		/* user and password bytes in one span; not in an addr-spec,
		 * where ';', '?' and ',' (user bytes) end the URI */
		if (ctx != SIPURI_ADDRSPEC) {
			struct hscan t = *s;

			t.i = j;
			j += hs_span(&t, cls);
		}
		if (j >= s->len) {
			ui->open = true;
			return;
		}

		c = s->p[j];
		if (c == '@') {
			ui->at = j;
			return;
		}
		if (ctx == SIPURI_ADDRSPEC && (c == ';' || c == '?' ||
					       c == ','))
			return;
		if (c == '%') {
			ui->esc = true;
		}
		else if (!ui->pass && c == ':') {
			ui->pass  = true;
			ui->colon = j;
			cls = HG_PASS;
		}
		else if (!hg_is(c, cls)) {
			return;
		}
	}
}

static int userinfo_scan(struct hscan *s, struct sipuri *u,
			 const struct uinfo *ui)
{
	size_t i0 = s->i, n;
	int err;

	/* no escape: the run is exactly user [":" password] "@" */
	if (!ui->esc) {
		size_t end = ui->pass ? ui->colon : ui->at;

		if (end == i0)
			return hs_fail(s, HV_URI_USERINFO, i0);
		u->user = hs_pl(s, i0, end);
		if (ui->pass)
			u->password = hs_pl(s, ui->colon + 1, ui->at);
		s->i = ui->at + 1;
		return 0;
	}

	err = span_esc(s, HG_USER, &n);
	if (err)
		return err;
	if (!n)
		return hs_fail(s, HV_URI_USERINFO, s->i);
	u->user = hs_pl(s, i0, s->i);

	if (hs_at(s) == ':') {
		i0 = ++s->i;
		err = span_esc(s, HG_PASS, &n);
		if (err)
			return err;
		u->password = hs_pl(s, i0, s->i);
	}

	/* The spans stop at the '@': userinfo_end() found it as the end
	 * of a run of exactly these bytes (user bytes, escapes, one ':'
	 * and password bytes), and a bad escape in the run failed above */
	s->i = ui->at + 1;
	return 0;
}

/* A known uri-parameter's value against its rule (section 19.1.1) */
static int param_known(struct hscan *s, struct sipuri *u, struct pl *name,
		       bool has_value, size_t v0, size_t v1)
{
	struct pl v = hs_pl(s, v0, v1);
	enum host_kind kind;

	if (HG_CASEEQ(name, "lr")) {
		/* lr-param = "lr"; "lr=on", which old proxies send, is an
		 * other-param by the grammar */
		if (u->lr && !u->dup)
			u->dup = name->p;
		u->lr = true;
		return 0;
	}
	if (!has_value)
		return 0;   /* a bare known name is an other-param too */

	if (HG_CASEEQ(name, "transport") || HG_CASEEQ(name, "user") ||
	    HG_CASEEQ(name, "method")) {
		/* other-transport, other-user and Method are tokens */
		for (size_t k = v0; k < v1; k++)
			if (!hg_is(s->p[k], HG_TOKEN))
				return hs_fail(s, HV_PARAM_VALUE, k);
		struct pl *f = name->l == 9 ? &u->transport
			: name->l == 4 ? &u->user_param : &u->method;

		if (f->p && !u->dup)
			u->dup = name->p;
		*f = v;
		return 0;
	}

	if (HG_CASEEQ(name, "ttl")) {
		/* ttl = 1*3DIGIT ; 0 to 255 */
		unsigned t = 0;

		if (v1 - v0 > 3)
			return hs_fail(s, HV_PARAM_VALUE, v0);
		for (size_t k = v0; k < v1; k++) {
			if (!hg_is(s->p[k], HG_DIGIT))
				return hs_fail(s, HV_PARAM_VALUE, k);
			t = t * 10 + (unsigned)(s->p[k] - '0');
		}
		if (t > 255)
			return hs_fail(s, HV_PARAM_VALUE, v0);
		if (u->ttl.p && !u->dup)
			u->dup = name->p;
		u->ttl = v;
		return 0;
	}

	if (HG_CASEEQ(name, "maddr")) {
		int err = host_check(s, v0, v1, &kind);

		if (err)
			return err;
		if (u->maddr.p && !u->dup)
			u->dup = name->p;
		u->maddr = v;
	}
	return 0;
}

/* uri-parameters = *( ";" uri-parameter ), called at the first ';' */
static int params_scan(struct hscan *s, struct sipuri *u)
{
	size_t first = s->i;

	while (hs_at(s) == ';') {
		struct pl name;
		size_t n0 = ++s->i, v0 = 0, v1 = 0, n;
		bool has_value = false;
		int err;

		err = span_esc(s, HG_PARAM, &n);
		if (err)
			return err;
		if (!n)
			return hs_bad(s, HV_URI_PARAM);
		name = hs_pl(s, n0, s->i);

		if (hs_at(s) == '=') {
			v0 = ++s->i;
			err = span_esc(s, HG_PARAM, &n);
			if (err) {
				/* a defect in the value before the escape
				 * that failed comes first (a prefix saw it) */
				struct hscan t = *s;

				if (param_known(&t, u, &name, true, v0,
						s->i) == EBADMSG) {
					*s = t;
					return EBADMSG;
				}
				return err;
			}
			if (!n)
				return hs_bad(s, HV_URI_PARAM);
			v1 = s->i;
			has_value = true;
		}

		err = param_known(s, u, &name, has_value, v0, v1);
		if (err)
			return err;
	}

	u->params = hs_pl(s, first, s->i);
	return 0;
}

/* headers = "?" header *( "&" header ); header = hname "=" hvalue */
static int headers_scan(struct hscan *s, struct sipuri *u)
{
	size_t first = s->i + 1;

	do {
		size_t n;
		int err;

		s->i++;
		err = span_esc(s, HG_HNV, &n);
		if (err)
			return err;
		if (!n)
			return hs_bad(s, HV_URI_HEADER);
		if (hs_at(s) != '=')
			return hs_bad(s, HV_URI_HEADER);
		s->i++;
		err = span_esc(s, HG_HNV, &n);
		if (err)
			return err;
	} while (hs_at(s) == '&');

	u->headers = hs_pl(s, first, s->i);
	return 0;
}

/* absoluteURI = scheme ":" ( hier-part / opaque-part ) (RFC 2396), read
 * as 1*( uric / "[" / "]" ) (RFC 2732 brackets for IPv6 hosts) */
static int opaque_scan(struct hscan *s, struct sipuri *u, enum sipuri_ctx ctx)
{
	size_t i0 = s->i;

	for (;;) {
		int c = hs_at(s), err;

		if (c < 0)
			break;
		if (ctx == SIPURI_ADDRSPEC && (c == ';' || c == '?' ||
					       c == ','))
			break;
		if (c == '%') {
			err = hs_escape(s);
			if (err)
				return err;
			continue;
		}
		if (!hg_is((uint8_t)c, HG_URIC) && c != '[' && c != ']')
			break;
		s->i++;
	}

	if (s->i == i0)
		return hs_bad(s, HV_URI);
	u->opaque = hs_pl(s, i0, s->i);
	return 0;
}

/* What may follow the URI in its context; d names the part that the
 * byte would have continued */
static int terminator(struct hscan *s, enum sipuri_ctx ctx, enum hv_defect d)
{
	int c = hs_at(s);

	if (c < 0)
		return 0;

	switch (ctx) {

	case SIPURI_ANGLE:
		if (c == '>')
			return 0;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			return hs_fail(s, HV_ANGLE_LWS, s->i);
		break;

	case SIPURI_ADDRSPEC:
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
		    c == ';' || c == ',')
			return 0;
		if (c == '?')
			return hs_fail(s, HV_ANGLE_REQUIRED, s->i);
		break;

	default:
		/* SIPURI_WHOLE: nothing may follow; an arm of its own would
		 * leave the switch an implicit default no value reaches */
		break;
	}

	return hs_bad(s, d);
}

static int sip_scan(struct hscan *s, struct sipuri *u, enum sipuri_ctx ctx)
{
	enum hv_defect part = HV_HOST;
	size_t user0 = s->i;
	struct uinfo ui;
	bool open;
	int err;

	userinfo_end(s, ctx, &ui);
	open = ui.open;
	if (ui.at) {
		err = userinfo_scan(s, u, &ui);
		if (err)
			return err;
		open = false;
	}

	err = hostport_scan(s, &u->hp, 0);
	if (!err && u->hp.port.p)
		part = HV_PORT;
	if (!err && ctx != SIPURI_ADDRSPEC && hs_at(s) == ';') {
		err = params_scan(s, u);
		part = HV_URI_PARAM;
	}
	if (!err && ctx != SIPURI_ADDRSPEC && hs_at(s) == '?') {
		err = headers_scan(s, u);
		part = HV_URI_HEADER;
	}
	if (!err)
		err = terminator(s, ctx, part);

	/* Read without a userinfo, the URI failed; but the input ended in
	 * bytes a userinfo may hold, and a '@' may still come ("sip:a&b" ->
	 * "sip:a&b@host").  An escape the input cuts is what is wrong then
	 * ("sip:a%2" -> "sip:a%20@host"). */
	if (open && err == EBADMSG) {
		struct hscan t = *s;
		size_t n;
		int cut;

		t.i = user0;
		cut = span_esc(&t, HG_USER, &n);
		if (!cut && hs_at(&t) == ':') {
			t.i++;
			cut = span_esc(&t, HG_PASS, &n);
		}
		if (cut == ENODATA) {
			s->defect = t.defect;
			s->off    = t.off;
		}
		err = ENODATA;
	}
	return err;
}

int sipuri_scan(struct hscan *s, struct sipuri *u, enum sipuri_ctx ctx)
{
	size_t start = s->i;
	int err;

	/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
	if (!hs_is(s, HG_ALPHA))
		return hs_bad(s, HV_URI);
	hs_span(s, HG_SCHEME);
	if (hs_at(s) != ':')
		return hs_bad(s, HV_URI);
	u->scheme = hs_pl(s, start, s->i);
	u->sip  = HG_CASEEQ(&u->scheme, "sip");
	u->sips = HG_CASEEQ(&u->scheme, "sips");
	u->sip |= u->sips;
	s->i++;

	if (u->sip)
		err = sip_scan(s, u, ctx);
	else {
		err = opaque_scan(s, u, ctx);
		if (!err)
			err = terminator(s, ctx, HV_URI);
	}
	if (err)
		return err;

	u->whole = hs_pl(s, start, s->i);
	return 0;
}

int sipuri_parse(struct sipuri *u, const char *buf, size_t len,
		 enum hv_defect *defect, size_t *off)
{
	struct hscan s;
	int err;

	if (!u || (!buf && len))
		return EINVAL;

	memset(u, 0, sizeof(*u));
	hs_init(&s, buf, len);
	err = sipuri_scan(&s, u, SIPURI_WHOLE);
	if (defect)
		*defect = err ? s.defect : HV_OK;
	if (off)
		*off = err ? s.off : 0;
	return err;
}
