/**
 * @file fuzz_message.c  libFuzzer target: one response, judged as lint does
 *
 * The first byte chooses how lint would have been run: bit 0 --stream
 * (Content-Length becomes mandatory), bit 1 a small --max-line
 * (16 + (byte >> 2)) instead of the default; the rest is the response.
 * judge_response() is the very function `sipconform lint` calls
 * (message_scan, message_decode, judge_message: status line, framing,
 * mandatory headers and every single-message rule).  Checked, aborting on
 * the first broken promise:
 *
 *   - the judge returns 0;
 *   - every finding's offset lies inside the response (off <= len: a
 *     finding may point at its end, a missing empty line), and its quote
 *     is a slice of the response bytes (or empty);
 *   - every finding's rule is a catalogued rule, was applied, and the
 *     counters (broken[], must, should, notes, nojudge) add up to the list;
 *   - deterministic: a second judgement, of a copy of the bytes at
 *     another address, gives the same findings (rule, offset, quote
 *     bytes, detail) in the same order and the same applied[].  This
 *     doubles the cost of an input, so it is made for one input in
 *     DEEP_EVERY (by a hash of its bytes; every input under FUZZ_DEEP=1
 *     and in the corpus replay: fuzz.h);
 *   - with it, the readers of the scan: a message_dup_to() copy has the
 *     same header lines, message_line_at() past the end gives the last
 *     line, message_hdr_name() knows every id and no other;
 *     msg_addr_parse() of each From and To gives the same without the
 *     tag; and once, pl_u32_strict() at its edges.
 */
#include <config.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <re.h>
#include "judge/judge.h"
#include "fuzz.h"

FUZZ_HARNESS_BEGIN

#define DEEP_EVERY 8

static void fail(const char *what, int line)
{
	fprintf(stderr, "fuzz_message.c:%d: invariant violated: %s\n",
		line, what);
	abort();
}

#define CHECK(cond) do { if (!(cond)) fail(#cond, __LINE__); } while (0)

static bool slice_of(const struct pl *q, const char *buf, size_t len)
{
	uintptr_t p = (uintptr_t)q->p, lo = (uintptr_t)buf;

	if (!q->l)
		return true;
	return p >= lo && p <= lo + len && q->l <= lo + len - p;
}

/* The readers of the scan the judge made of buf: a message_dup_to()
 * copy holds the same header lines; message_line_at() past the end is
 * the last line; every header id has a name, and no other id has */
static void check_scan(const struct message *m, const char *buf, size_t len)
{
	size_t size = message_dup_size(m);
	struct message *c = malloc(size);
	struct pl end, past;

	if (!c)
		abort();
	CHECK(size >= offsetof(struct message, hdrv) +
	      m->hdrc * sizeof(m->hdrv[0]));
	CHECK(message_dup_to(c, m) == c);
	CHECK(c->hdrc == m->hdrc && c->len == m->len && c->buf == m->buf);
	for (unsigned k = 0; k < m->hdrc; k++) {
		CHECK(!memcmp(&c->hdrv[k], &m->hdrv[k], sizeof(m->hdrv[k])));
		CHECK(message_hdr(c, m->hdrv[k].id) ==
		      &c->hdrv[message_hdr(m, m->hdrv[k].id) - m->hdrv]);
		CHECK(message_hdr_count(c, m->hdrv[k].id) ==
		      message_hdr_count(m, m->hdrv[k].id));
	}
	free(c);

	end  = message_line_at(m, len);
	past = message_line_at(m, len + 1);
	CHECK(end.p == past.p && end.l == past.l && slice_of(&end, buf, len));

	CHECK(!strcmp(message_hdr_name(HDR_COUNT), "?"));
	for (int id = 0; id < HDR_COUNT; id++)
		CHECK(message_hdr_name((enum hdr_id)id) != NULL);

	/* the addresses as the dialog rules read them, without the tag:
	 * the same verdict and URI */
	for (unsigned k = 0; k < m->hdrc; k++) {
		const struct msg_hdr *h = &m->hdrv[k];
		struct msg_addr a, b;
		struct pl tag;
		bool ok;

		if (h->id != HDR_FROM && h->id != HDR_TO)
			continue;
		ok = msg_addr_parse(&a, &tag, h->id, &h->val);
		CHECK(msg_addr_parse(&b, NULL, h->id, &h->val) == ok);
		CHECK(!ok || (a.auri.p == b.auri.p && a.auri.l == b.auri.l));
	}
}

/* pl_u32_strict(), which the SDP and rport rules use: its edges, once */
static void check_u32_once(void)
{
	static const struct {
		const char *s;
		bool ok;
		uint32_t v;
	} cases[] = {
		{"0", true, 0}, {"4294967295", true, UINT32_MAX},
		{"0000000042", true, 42}, {"4294967296", false, 0},
		{"00000000001", false, 0}, {"", false, 0}, {"12a", false, 0},
		{"-1", false, 0}, {" 1", false, 0},
	};
	static bool done;

	if (done)
		return;
	done = true;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct pl pl;
		uint32_t v = 7;

		pl_set_str(&pl, cases[k].s);
		CHECK(pl_u32_strict(&pl, &v) == cases[k].ok);
		CHECK(v == (cases[k].ok ? cases[k].v : 7));
	}
}

static void check_verdict(const struct verdict *v, const char *buf,
			  size_t len)
{
	unsigned per_rule[RULE_COUNT] = {0};
	unsigned lv[4] = {0};
	struct le *le;

	LIST_FOREACH(&v->findings, le) {
		const struct finding *f = le->data;
		const struct rule *r;

		CHECK((unsigned)f->rule < RULE_COUNT);
		r = rule_get(f->rule);
		CHECK(r != NULL);
		CHECK(v->applied[f->rule]);
		CHECK(f->off <= len);
		CHECK(slice_of(&f->quote, buf, len));
		CHECK(f->msg == 0);
		per_rule[f->rule]++;
		CHECK((unsigned)r->level < 4);
		lv[r->level]++;
	}

	for (unsigned i = 0; i < RULE_COUNT; i++)
		CHECK(v->broken[i] == per_rule[i]);
	CHECK(v->must == lv[LEVEL_MUST]);
	CHECK(v->should == lv[LEVEL_SHOULD]);
	CHECK(v->notes == lv[LEVEL_NOTE]);
	CHECK(v->nojudge == lv[LEVEL_NOJUDGE]);
}

static bool same_str(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

static void check_same(const struct verdict *a, const char *abuf,
		       const struct verdict *b, const char *bbuf)
{
	struct le *x = list_head(&a->findings), *y = list_head(&b->findings);

	CHECK(!memcmp(a->applied, b->applied, sizeof(a->applied)));
	for (; x && y; x = x->next, y = y->next) {
		const struct finding *f = x->data, *g = y->data;

		CHECK(f->rule == g->rule && f->off == g->off);
		CHECK(f->quote.l == g->quote.l);
		/* the same place in each copy */
		CHECK(!f->quote.l ||
		      (f->quote.p - abuf == g->quote.p - bbuf &&
		       !memcmp(f->quote.p, g->quote.p, f->quote.l)));
		CHECK(same_str(f->detail, g->detail));
	}
	CHECK(!x && !y);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct message *m;
	struct msg_ctx ctx = {.stream = false};
	struct verdict v1, v2;
	size_t maxline = SL_MAXLEN_DEFAULT, len;
	const char *buf;
	char *copy;

	if (!size)
		return 0;
	if (!m) {
		m = mem_zalloc(sizeof(*m), NULL);
		if (!m)
			abort();
	}

	check_u32_once();
	ctx.stream = data[0] & 1;
	if (data[0] & 2)
		maxline = 16 + (data[0] >> 2);
	buf = (const char *)data + 1;
	len = size - 1;

	verdict_init(&v1);
	verdict_init(&v2);

	CHECK(judge_response(&v1, m, buf, len, maxline, &ctx) == 0);
	check_verdict(&v1, buf, len);
	if (!fuzz_deep(data, size, DEEP_EVERY))
		goto out;

	check_scan(m, buf, len);

	copy = malloc(len ? len : 1);
	if (!copy)
		abort();
	memcpy(copy, buf, len);
	CHECK(judge_response(&v2, m, copy, len, maxline, &ctx) == 0);
	check_verdict(&v2, copy, len);
	check_same(&v1, buf, &v2, copy);
	free(copy);

 out:
	verdict_reset(&v1);
	verdict_reset(&v2);
	return 0;
}

FUZZ_HARNESS_END
