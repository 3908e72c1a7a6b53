/**
 * @file fuzz_header_value.c  libFuzzer target for hvalue_parse()
 *
 * The first byte picks the header from ids[] (modulo its size; '@' is
 * HDR_OTHER, 'A' Via, 'B' From, ... '_' Route, see ids[]), the rest is its
 * value.  The table is explicit so that header ids added later do not
 * shuffle what the corpus files mean.  Every run checks what hvalue.h promises and
 * aborts on the first broken promise:
 *
 *   - the return is 0, ENODATA or EBADMSG; 0 comes with HV_OK at 0, the
 *     others with a named defect; an EBADMSG blames a byte of the input
 *     (off < len), an ENODATA a place in it or its end (off <= len);
 *   - every slice of the first element lies inside the input;
 *   - deterministic: a second parse gives the same struct, byte by byte;
 *   - hvalue_check() is hvalue_parse() with ENODATA turned into EBADMSG;
 *   - prefixes: no prefix of a value that is valid, or may still become
 *     valid, is EBADMSG; and once a prefix is EBADMSG every longer one
 *     is (all prefixes up to 128 bytes, about 64 beyond).  Each prefix
 *     ends where its buffer ends, so AddressSanitizer sees a read past it;
 *   - LWS: one SP before the value moves a defect by one byte and changes
 *     nothing else; a valid value stays valid with one SP after it;
 *   - round trips of a valid value: its elements (the text slices) joined
 *     by "," parse to as many elements; each element parses on its own;
 *     the first element's URI inside <...> is a valid Route; a CSeq
 *     rebuilt as "<num> <method>" has the same number and method;
 *   - the handler of hvalue_apply() sees exactly hv.count elements; one
 *     that stops after the first element ends the parse well there;
 *   - hparams_next() / hparams_get() over a valid first element see
 *     exactly the parameters the scanner counted;
 *   - the whole value through sipuri_parse() (a valid URI is a Route
 *     inside <...>) and hostaddr_parse() under every combination of its
 *     options (HA_ZONE and HA_PORT_ZERO only widen, HA_PORT narrows);
 *   - once: the API corners (NULL buffers and outputs, ids and defects
 *     outside their enums).
 */
#include <config.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <re.h>
#include "sip/hvalue.h"
#include "fuzz.h"

/* data[0] % 32 -> header: '@' + index */
static const enum hdr_id ids[32] = {
	HDR_OTHER, HDR_VIA, HDR_FROM, HDR_TO, HDR_CALL_ID, HDR_CSEQ,
	HDR_CONTENT_LENGTH, HDR_CONTENT_TYPE, HDR_CONTACT, HDR_RECORD_ROUTE,
	HDR_WWW_AUTHENTICATE, HDR_PROXY_AUTHENTICATE, HDR_ALLOW, HDR_ACCEPT,
	HDR_ACCEPT_ENCODING, HDR_ACCEPT_LANGUAGE, HDR_SUPPORTED,
	HDR_UNSUPPORTED, HDR_REQUIRE, HDR_MIN_EXPIRES, HDR_MIN_SE, HDR_RSEQ,
	HDR_TIMESTAMP, HDR_WARNING, HDR_RETRY_AFTER, HDR_MAX_FORWARDS,
	HDR_RACK, HDR_EXPIRES, HDR_SESSION_EXPIRES, HDR_DATE,
	HDR_ALLOW_EVENTS, HDR_ROUTE,
};

static const uint8_t *cur_data;
static size_t cur_size;

static void fail(const char *what, int line, size_t n)
{
	/* the header by its id: message_hdr_name() would pull libre in,
	 * which the OSS-Fuzz runner does not have */
	fprintf(stderr, "fuzz_header_value.c:%d: invariant violated: %s\n"
		"  header id %d, value of %zu bytes, at %zu: \"", line, what,
		cur_size ? (int)ids[cur_data[0] % 32] : -1,
		cur_size ? cur_size - 1 : 0, n);
	for (size_t i = 1; i < cur_size && i < 200; i++) {
		uint8_t c = cur_data[i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
	fprintf(stderr, "%s\"\n", cur_size > 200 ? "..." : "");
	abort();
}

#define CHECK(cond, n) do { if (!(cond)) fail(#cond, __LINE__, (n)); } \
	while (0)

static bool inside(const struct pl *pl, const char *lo, const char *hi)
{
	uintptr_t p = (uintptr_t)pl->p;

	return p >= (uintptr_t)lo && p <= (uintptr_t)hi &&
		pl->l <= (uintptr_t)hi - p;
}

/* One parse of buf[0..len) with every promise that needs no other */
static int parse_one(struct hvalue *hv, enum hdr_id id, const char *buf,
		     size_t len)
{
	const struct pl *v[64];
	struct hvalue again, chk;
	unsigned n;
	int err = hvalue_parse(hv, id, buf, len);

	CHECK(err == 0 || err == ENODATA || err == EBADMSG, len);
	if (!err) {
		CHECK(hv->defect == HV_OK && hv->off == 0, len);
	}
	else {
		CHECK(hv->defect > HV_OK && hv->defect < HV_DEFECT_COUNT, len);
		CHECK(strcmp(hvalue_defect_name(hv->defect), "?"), len);
		CHECK(err == ENODATA ? hv->off <= len : hv->off < len, len);
	}

	n = hvalue_elem_slices(&hv->first, v, 64);
	CHECK(n <= 64, len);
	CHECK(hvalue_elem_slices(&hv->first, NULL, 0) == n, len);
	CHECK(!n || hvalue_elem_slices(&hv->first, v, n - 1) == n, len);
	for (unsigned k = 0; k < n; k++)
		CHECK(inside(v[k], buf, buf + len), len);

	CHECK(hvalue_parse(&again, id, buf, len) == err, len);
	CHECK(!memcmp(&again, hv, sizeof(again)), len);

	CHECK(hvalue_check(&chk, id, buf, len) ==
	      (err == ENODATA ? EBADMSG : err), len);
	CHECK(chk.defect == hv->defect && chk.off == hv->off, len);
	return err;
}

static bool want_prefix(size_t k, size_t n, size_t stride)
{
	return k <= 128 || k == n || k % stride == 0;
}

static void check_prefixes(enum hdr_id id, const uint8_t *val, size_t n,
			   int full, char *buf)
{
	size_t stride = n / 64 + 1;
	bool rejected = false;

	for (size_t k = 0; k < n; k++) {
		struct hvalue hv;
		char *p;
		int err;

		if (!want_prefix(k, n, stride))
			continue;
		p = buf + (n - k);
		memcpy(p, val, k);
		err = parse_one(&hv, id, p, k);

		CHECK(full == EBADMSG || err != EBADMSG, k);
		CHECK(!rejected || err == EBADMSG, k);
		rejected |= err == EBADMSG;
	}
}

static bool count_elems(const struct hv_elem *e, unsigned idx, void *arg)
{
	unsigned *n = arg;

	(void)e;
	CHECK(idx == *n, idx);
	(*n)++;
	return false;
}

struct texts {
	struct pl v[32];
	unsigned n;
};

static bool collect(const struct hv_elem *e, unsigned idx, void *arg)
{
	struct texts *t = arg;

	if (idx < 32)
		t->v[idx] = e->text;
	t->n++;
	return false;
}

/* A parse of bytes built here, in a buffer of their own size; the slices
 * of hv point into freed memory when it returns */
static int parse_built(struct hvalue *hv, enum hdr_id id, const char *s,
		       size_t len)
{
	char *b = malloc(len ? len : 1);
	int err;

	if (!b)
		abort();
	memcpy(b, s, len);
	err = parse_one(hv, id, b, len);
	free(b);
	return err;
}

/* stops the parse after the first element */
static bool stop_first(const struct hv_elem *e, unsigned idx, void *arg)
{
	(void)e;
	(void)arg;
	CHECK(idx == 0, idx);
	return true;
}

static void check_stop(enum hdr_id id, const char *val, size_t n,
		       const struct hvalue *hv, int full)
{
	struct hvalue h2;
	int err = hvalue_apply(&h2, id, val, n, false, stop_first, NULL);

	/* a handler that stops makes the parse end well after the first
	 * element, whatever follows it; without one, as before */
	if (hv->count) {
		CHECK(err == 0 && h2.count == 1 && h2.defect == HV_OK, n);
	}
	else {
		CHECK(err == full && h2.count == 0 && h2.defect == hv->defect &&
		      h2.off == hv->off, n);
	}
}

/* hparams_next() and hparams_get() over the parameters of a valid
 * element see exactly the ones the scanner counted */
static void check_params(const struct hv_elem *e, size_t n)
{
	const struct pl *all = &e->params.all;
	struct pl rest = *all, name, val, got;
	unsigned k = 0;
	bool eq;

	if (!all->p) {
		CHECK(e->params.n == 0, n);
		CHECK(!hparams_next(&rest, &name, &val, &eq), n);
		return;
	}
	while (hparams_next(&rest, &name, &val, &eq)) {
		char z[64];

		CHECK(name.l && inside(&name, all->p, all->p + all->l), n);
		CHECK(inside(&val, all->p, all->p + all->l), n);
		CHECK(eq || !val.l, n);
		/* the first parameter of that name, this one or before it */
		if (name.l < sizeof(z)) {
			memcpy(z, name.p, name.l);
			z[name.l] = '\0';
			CHECK(hparams_get(all, z, &got) && got.p <= val.p, n);
			CHECK(hparams_get(all, z, NULL), n);
		}
		k++;
	}
	CHECK(k == e->params.n, n);
	/* the same walk without the outputs */
	rest = *all;
	while (hparams_next(&rest, NULL, NULL, NULL))
		k--;
	CHECK(k == 0, n);
	CHECK(!hparams_get(all, "", NULL), n);
}

/* The readers beside hvalue_parse() that share its grammar, on the whole
 * value: sipuri_parse() (the judge's Request-URI, --target) and
 * hostaddr_parse() (saved traces, --local) */
static void check_sipuri(const char *buf, size_t n)
{
	struct sipuri u, u2;
	struct hvalue h2;
	enum hv_defect d;
	size_t off;
	char *b;
	int err = sipuri_parse(&u, buf, n, &d, &off);

	CHECK(err == 0 || err == ENODATA || err == EBADMSG, n);
	CHECK(sipuri_parse(&u2, buf, n, NULL, NULL) == err, n);
	if (err) {
		CHECK(d > HV_OK && d < HV_DEFECT_COUNT, n);
		CHECK(err == ENODATA ? off <= n : off < n, off);
		return;
	}
	CHECK(d == HV_OK && off == 0, n);
	CHECK(u.whole.p == buf && u.whole.l == n, n);

	/* a URI is a Route inside <...> */
	b = malloc(n + 2);
	if (!b)
		abort();
	b[0] = '<';
	memcpy(b + 1, buf, n);
	b[n + 1] = '>';
	err = parse_built(&h2, HDR_ROUTE, b, n + 2);
	CHECK(err == 0 && h2.count == 1, n);
	CHECK(h2.first.addr.uri.sip == u.sip &&
	      h2.first.addr.uri.hp.port_num == u.hp.port_num, n);
	free(b);
}

static void check_hostaddr(const char *buf, size_t n)
{
	struct hostaddr ha[8];
	int err[8];

	/* every combination of HA_ZONE, HA_PORT_ZERO and HA_PORT */
	for (unsigned f = 0; f < 8; f++) {
		const struct hostaddr *h = &ha[f];
		enum hv_defect d;
		size_t off;
		uint32_t port = 0;

		err[f] = hostaddr_parse(&ha[f], buf, n, f, &d, &off);
		CHECK(err[f] == 0 || err[f] == EBADMSG, n);
		if (err[f]) {
			CHECK(d > HV_OK && d < HV_DEFECT_COUNT && off <= n, off);
			continue;
		}
		CHECK(d == HV_OK && off == 0, n);
		CHECK(h->kind == HOST_IPV4 || h->kind == HOST_IPV6, n);
		CHECK(h->addr.l && inside(&h->addr, buf, buf + n), n);
		CHECK(!h->zone.p || ((f & HA_ZONE) && h->kind == HOST_IPV6 &&
				     h->zone.l &&
				     inside(&h->zone, buf, buf + n)), n);
		if (!h->port.p) {
			CHECK(!(f & HA_PORT) && h->port_num == 0, n);
			continue;
		}
		CHECK(h->port.l && inside(&h->port, buf, buf + n), n);
		for (size_t k = 0; k < h->port.l; k++) {
			CHECK(h->port.p[k] >= '0' && h->port.p[k] <= '9', k);
			port = port * 10 + (uint32_t)(h->port.p[k] - '0');
			CHECK(port <= 65535, k);
		}
		CHECK(port == h->port_num && (port || (f & HA_PORT_ZERO)), n);
	}

	/* HA_ZONE and HA_PORT_ZERO only let more through, HA_PORT less;
	 * what passes either way is read the same */
	for (unsigned f = 0; f < 8; f++) {
		if (err[f])
			continue;
		CHECK(!err[f | HA_ZONE] &&
		      !memcmp(&ha[f], &ha[f | HA_ZONE], sizeof(ha[f])), f);
		CHECK(!err[f | HA_PORT_ZERO] &&
		      !memcmp(&ha[f], &ha[f | HA_PORT_ZERO], sizeof(ha[f])), f);
		CHECK(!err[f & ~HA_PORT] &&
		      !memcmp(&ha[f], &ha[f & ~HA_PORT], sizeof(ha[f])), f);
	}
	CHECK(hostaddr_parse(&ha[0], buf, n, 0, NULL, NULL) == err[0], n);
}

static void check_lws(enum hdr_id id, const uint8_t *val, size_t n,
		      const struct hvalue *hv, int full, char *buf)
{
	struct hvalue h2;
	int err;

	buf[0] = ' ';
	memcpy(buf + 1, val, n);
	err = parse_built(&h2, id, buf, n + 1);
	CHECK(err == full && h2.defect == hv->defect && h2.count == hv->count,
	      n);
	CHECK(!full || h2.off == hv->off + 1, n);

	if (full)
		return;
	memcpy(buf, val, n);
	buf[n] = ' ';
	err = parse_built(&h2, id, buf, n + 1);
	CHECK(err == 0 && h2.count == hv->count, n);
}

static void check_round_trips(enum hdr_id id, const char *val, size_t n,
			      const struct hvalue *hv)
{
	struct texts t = {.n = 0};
	struct hvalue h2;
	char *b, *q;
	int err;

	err = hvalue_apply(&h2, id, val, n, false, collect, &t);
	CHECK(err == 0 && t.n == hv->count, n);
	if (!hvalue_known(id) || !t.n || t.n > 32)
		return;

	/* the elements joined by "," */
	b = malloc(n + t.n);
	if (!b)
		abort();
	q = b;
	for (unsigned k = 0; k < t.n; k++) {
		if (k)
			*q++ = ',';
		memcpy(q, t.v[k].p, t.v[k].l);
		q += t.v[k].l;
	}
	err = parse_built(&h2, id, b, (size_t)(q - b));
	CHECK(err == 0 && h2.count == t.n, n);

	/* each element alone */
	for (unsigned k = 0; k < t.n; k++) {
		err = parse_built(&h2, id, t.v[k].p, t.v[k].l);
		CHECK(err == 0 && h2.count == 1, n);
	}
	free(b);

	/* the URI of an address as a Route */
	if (hv->first.addr.uri.whole.p) {
		const struct pl *u = &hv->first.addr.uri.whole;

		b = malloc(u->l + 2);
		if (!b)
			abort();
		b[0] = '<';
		memcpy(b + 1, u->p, u->l);
		b[u->l + 1] = '>';
		err = parse_built(&h2, HDR_ROUTE, b, u->l + 2);
		CHECK(err == 0 && h2.count == 1, n);
		CHECK(h2.first.addr.uri.sip == hv->first.addr.uri.sip &&
		      h2.first.addr.uri.hp.port_num ==
		      hv->first.addr.uri.hp.port_num, n);
		free(b);
	}

	if (id == HDR_CSEQ) {
		char line[64];
		int l = snprintf(line, sizeof(line), "%u ", hv->first.num);
		size_t ml = hv->first.method.l;

		b = malloc((size_t)l + ml);
		if (!b)
			abort();
		memcpy(b, line, (size_t)l);
		memcpy(b + l, hv->first.method.p, ml);
		err = parse_one(&h2, id, b, (size_t)l + ml);
		CHECK(err == 0 && h2.first.num == hv->first.num &&
		      h2.first.method.l == ml &&
		      !memcmp(h2.first.method.p, hv->first.method.p, ml), n);
		free(b);
	}
}

static void check_api_once(void)
{
	static bool done;
	const struct pl some = PL(";x=1");
	struct pl none = PL_INIT;
	struct hvalue hv;
	struct sipuri u;
	struct hostaddr ha;

	if (done)
		return;
	done = true;
	CHECK(hvalue_parse(NULL, HDR_VIA, "x", 1) == EINVAL, 0);
	CHECK(hvalue_parse(&hv, HDR_VIA, NULL, 1) == EINVAL, 0);
	CHECK(hvalue_parse(&hv, HDR_COUNT, "x", 1) == EINVAL, 0);
	/* no bytes at all may come without a buffer */
	CHECK(hvalue_parse(&hv, HDR_OTHER, NULL, 0) == 0 && hv.count == 1, 0);
	CHECK(sipuri_parse(NULL, "x", 1, NULL, NULL) == EINVAL, 0);
	CHECK(hostaddr_parse(NULL, "x", 1, 0, NULL, NULL) == EINVAL, 0);
	CHECK(hostaddr_parse(&ha, NULL, 1, 0, NULL, NULL) == EINVAL, 0);
	CHECK(hostaddr_parse(&ha, NULL, 0, 0, NULL, NULL) ==
	      hostaddr_parse(&ha, "", 0, 0, NULL, NULL), 0);
	CHECK(sipuri_parse(&u, NULL, 1, NULL, NULL) == EINVAL, 0);
	CHECK(sipuri_parse(&u, NULL, 0, NULL, NULL) ==
	      sipuri_parse(&u, "", 0, NULL, NULL), 0);
	CHECK(!hvalue_known(HDR_COUNT), 0);
	/* every defect has a name and a text; outside the enum, "?" */
	for (int d = 0; d < HV_DEFECT_COUNT; d++)
		CHECK(strcmp(hvalue_defect_name((enum hv_defect)d), "?") &&
		      strcmp(hvalue_defect_str((enum hv_defect)d), "?"), 0);
	CHECK(!strcmp(hvalue_defect_name(HV_DEFECT_COUNT), "?") &&
	      !strcmp(hvalue_defect_str(HV_DEFECT_COUNT), "?"), 0);
	CHECK(!hparams_next(NULL, NULL, NULL, NULL), 0);
	CHECK(!hparams_next(&none, NULL, NULL, NULL), 0);
	CHECK(!hparams_get(NULL, "x", NULL), 0);
	CHECK(!hparams_get(&none, "x", NULL), 0);
	CHECK(!hparams_get(&some, NULL, NULL), 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hvalue hv;
	enum hdr_id id;
	const uint8_t *val;
	unsigned seen = 0;
	size_t n;
	char *buf;
	int err;

	cur_data = data;
	cur_size = size;
	check_api_once();
	if (!size)
		return 0;

	id  = ids[data[0] % 32];
	val = data + 1;
	n   = size - 1;

	/* the value ends where the input ends: a read past it is one past
	 * libFuzzer's buffer */
	err = parse_one(&hv, id, (const char *)val, n);

	CHECK(hvalue_apply(&hv, id, (const char *)val, n, false, count_elems,
			   &seen) == err && seen == hv.count, n);

	buf = malloc(n + 1);
	if (!buf)
		abort();
	check_prefixes(id, val, n, err, buf);
	check_lws(id, val, n, &hv, err, buf);
	free(buf);

	check_stop(id, (const char *)val, n, &hv, err);
	check_sipuri((const char *)val, n);
	check_hostaddr((const char *)val, n);
	if (!err) {
		check_params(&hv.first, n);
		check_round_trips(id, (const char *)val, n, &hv);
	}

	return 0;
}
