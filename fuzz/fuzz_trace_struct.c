/**
 * @file fuzz_trace_struct.c  libFuzzer target: a trace built from choices
 *
 * fuzz_trace mutates trace files, so it rarely gets past trace_load()
 * with an exchange the judge's dialog, PRACK and timing families read.
 * Here the leading bytes choose an exchange and the trace is built in
 * memory (tests/tracemsg.h, as the rule tests build theirs):
 *
 *   byte 0   bit 0 TCP; bits 1-2 the request (INVITE, INVITE with
 *            Supported: 100rel, INVITE with Require: 100rel, OPTIONS);
 *            bit 3 CANCEL after the first provisional; bit 4 --single-uas;
 *            bit 5 ACK every final; bit 6 BYE after the 2xx; bit 7 no SDP
 *   byte 1   T1 (bits 0-1: 500, 100, 50, 1000 ms) and T2 (T1 << bits 2-4)
 *   byte 2   responses (bits 0-3, at most 12); bits 4-7 how long the
 *            recording goes on after the last message, in T1
 *   then per response
 *            code (an index into codes[], or from 0xf0 up the next byte:
 *            100 + its value * 2 + low bit, any code 100-611),
 *            flags (bits 0-1 To tag: none, "a", "b", bytes of the input;
 *            bits 2-3 Contact: none, ours, another, bytes; bit 4 RSeq and
 *            Require: 100rel; bit 5 an SDP body; bit 6 from another
 *            address; bit 7 a reason phrase from the input),
 *            delay after the previous response (2 bytes, ms),
 *            retransmissions (bits 0-2 copies, bits 3-4 the first gap in
 *            T1 / 2, bits 6-7 whose response: the request's, the
 *            CANCEL's, the BYE's, a branch of nobody),
 *            and a length byte and that many bytes (at most 31) for each
 *            of tag, Contact and reason that comes from the input.
 *
 * A run out of bytes reads zeros.  The trace is then checked by
 * tc_check() (tracecheck.c, shared with fuzz_trace): judged twice the
 * same, every finding's rule catalogued and applied, every offset inside
 * its message, save/load round trip with the same findings, every report
 * format written and well-formed.
 */
#include <config.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <re.h>
#include "judge/judge.h"
#include "trace/trace.h"
#include "../tests/tracemsg.h"
#include "tracecheck.h"
#include "fuzz.h"

struct in {
	const uint8_t *p;
	size_t n;
};

static uint8_t u8(struct in *in)
{
	uint8_t b;

	if (!in->n)
		return 0;
	b = *in->p++;
	in->n--;
	return b;
}

/* a length byte and at most 31 bytes */
static struct pl bytes(struct in *in)
{
	size_t l = u8(in) & 31;
	struct pl pl;

	if (l > in->n)
		l = in->n;
	pl.p = (const char *)in->p;
	pl.l = l;
	in->p += l;
	in->n -= l;
	return pl;
}

/* A message being written, "\n" line ends */
struct text {
	char b[2048];
	size_t n;
};

static void put(struct text *t, const char *s, size_t l)
{
	if (l > sizeof(t->b) - t->n)
		l = sizeof(t->b) - t->n;
	memcpy(t->b + t->n, s, l);
	t->n += l;
}

static void puts_(struct text *t, const char *s)
{
	put(t, s, strlen(s));
}

static void putpl(struct text *t, const struct pl *pl)
{
	put(t, pl->p, pl->l);
}

static void putf(struct text *t, const char *fmt, unsigned v)
{
	char s[64];

	snprintf(s, sizeof(s), fmt, v);
	puts_(t, s);
}

#define EV_MAX 128

struct ev {
	uint32_t ms;
	bool in, other;
	uint8_t *p;
	size_t len;
};

struct exch {
	bool tcp;
	struct ev ev[EV_MAX];
	size_t n;
};

static void add(struct exch *x, uint32_t ms, bool in, bool other,
		const struct text *t)
{
	struct ev *e;

	if (x->n == EV_MAX)
		return;
	e = &x->ev[x->n++];
	e->ms = ms;
	e->in = in;
	e->other = other;
	e->p = tb_crlfn(t->b, t->n, &e->len);
}

static const uint16_t codes[] = {
	100, 180, 181, 182, 183, 199, 200, 202, 204, 300, 301, 302, 380,
	400, 401, 403, 404, 407, 408, 415, 420, 421, 480, 481, 486, 487,
	488, 491, 500, 501, 503, 504, 600, 603, 604, 606, 699
};

enum who { W_REQ, W_CANCEL, W_BYE, W_NOBODY };

static const char *const branches[] = {
	"z9hG4bK-tb-1", "z9hG4bK-tb-1", "z9hG4bK-tb-bye", "z9hG4bK-nobody"
};

static void via(struct text *t, bool tcp, const char *branch)
{
	puts_(t, tcp ? "Via: SIP/2.0/TCP " : "Via: SIP/2.0/UDP ");
	puts_(t, "127.0.0.1:5070;branch=");
	puts_(t, branch);
	puts_(t, "\n");
}

static void dialog_hdrs(struct text *t, const struct pl *totag,
			unsigned cseq, const char *method)
{
	puts_(t, TB_FROM "To: <sip:service@127.0.0.1:5060>");
	if (totag->l) {
		puts_(t, ";tag=");
		putpl(t, totag);
	}
	puts_(t, "\n" TB_CALLID);
	putf(t, "CSeq: %u ", cseq);
	puts_(t, method);
	puts_(t, "\n");
}

static void request(struct text *t, const char *method, bool tcp,
		    const char *branch, const struct pl *totag,
		    unsigned cseq)
{
	puts_(t, method);
	puts_(t, " sip:service@127.0.0.1:5060 SIP/2.0\n");
	via(t, tcp, branch);
	puts_(t, "Max-Forwards: 70\n");
	dialog_hdrs(t, totag, cseq, method);
}

static void response(struct text *t, struct in *in, unsigned code,
		     uint8_t fl, bool tcp, enum who who, const char *method,
		     struct pl *tag)
{
	static const struct pl tags[] = {
		PL_INIT, PL("a"), PL("b"), PL_INIT
	};
	struct pl contact = PL_INIT, reason = PL("X");

	*tag = tags[fl & 3];
	if ((fl & 3) == 3)
		*tag = bytes(in);
	if (((fl >> 2) & 3) == 3)
		contact = bytes(in);
	if (fl & 0x80)
		reason = bytes(in);

	putf(t, "SIP/2.0 %u ", code);
	putpl(t, &reason);
	puts_(t, "\n");
	via(t, tcp, branches[who]);
	dialog_hdrs(t, tag, who == W_BYE ? 2 : 1,
		    who == W_CANCEL ? "CANCEL" : who == W_BYE ? "BYE" :
		    method);
	switch ((fl >> 2) & 3) {
	case 1:
		puts_(t, "Contact: <sip:service@127.0.0.1:5060>\n");
		break;
	case 2:
		puts_(t, "Contact: <sip:other@127.0.0.2:5062;transport=tcp>\n");
		break;
	case 3:
		puts_(t, "Contact: ");
		putpl(t, &contact);
		puts_(t, "\n");
		break;
	}
	if (fl & 0x10)
		putf(t, "Require: 100rel\nRSeq: %u\n", 1 + (fl & 3));
	if (fl & 0x20)
		puts_(t, "Content-Type: application/sdp\n\n" TB_SDP);
	else
		puts_(t, "\n");
}

static void build(struct exch *x, struct in *in, uint32_t *t1, uint32_t *t2,
		  bool *single, uint32_t *end)
{
	static const uint32_t t1s[] = {500, 100, 50, 1000};
	uint8_t o = u8(in), tm = u8(in), nr = u8(in);
	unsigned kind = (o >> 1) & 3;
	const char *method = kind == 3 ? "OPTIONS" : "INVITE";
	bool cancelled = false, acked = false, byed = false;
	struct pl none = PL_INIT;
	uint32_t ms = 0, last = 0;
	struct text t;

	x->tcp = o & 1;
	*single = o & 0x10;
	*t1 = t1s[tm & 3];
	*t2 = *t1 << ((tm >> 2) & 7);

	t.n = 0;
	request(&t, method, x->tcp, branches[W_REQ], &none, 1);
	puts_(&t, "Contact: <sip:sipconform@127.0.0.1:5070>\n");
	if (kind == 1)
		puts_(&t, "Supported: 100rel\n");
	if (kind == 2)
		puts_(&t, "Require: 100rel\n");
	if (kind == 3 || (o & 0x80))
		puts_(&t, "\n");
	else
		puts_(&t, "Content-Type: application/sdp\n\n" TB_SDP);
	add(x, 0, false, false, &t);

	for (unsigned r = 0; r < (nr & 15u) && r < 12; r++) {
		uint8_t c = u8(in), fl = u8(in), d1 = u8(in), d2 = u8(in);
		uint8_t rx = u8(in);
		enum who who = (enum who)(rx >> 6);
		unsigned code = c >= 0xf0 ? 100u + 2u * u8(in) + (c & 1u) :
			codes[c % ARRAY_SIZE(codes)];
		uint32_t gap = *t1 / 2 * (1 + ((rx >> 3) & 3)), at;
		struct pl tag;

		ms += (uint32_t)d1 << 8 | d2;
		t.n = 0;
		response(&t, in, code, fl, x->tcp, who, method, &tag);
		at = ms;
		for (unsigned k = 0; k <= (rx & 7u); k++) {
			add(x, at, true, fl & 0x40, &t);
			last = at;
			at += gap;
			gap = gap * 2 > *t2 ? *t2 : gap * 2;
		}

		/* what the client sends in answer, 1 ms later */
		t.n = 0;
		if (who == W_REQ && code < 200 && (o & 0x08) && !cancelled &&
		    kind != 3) {
			cancelled = true;
			request(&t, "CANCEL", x->tcp, branches[W_CANCEL],
				&none, 1);
			puts_(&t, "\n");
		}
		else if (who == W_REQ && code >= 200 && (o & 0x20) &&
			 kind != 3 && !acked) {
			acked = true;
			request(&t, "ACK", x->tcp, code < 300 ?
				"z9hG4bK-tb-ack" : branches[W_REQ], &tag, 1);
			puts_(&t, "\n");
		}
		else if (acked && code < 300 && code >= 200 && (o & 0x40) &&
			 !byed) {
			byed = true;
			request(&t, "BYE", x->tcp, branches[W_BYE], &tag, 2);
			puts_(&t, "\n");
		}
		if (t.n)
			add(x, ms + 1, false, false, &t);
	}
	*end = (last > ms ? last : ms) + 1 + (nr >> 4) * *t1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = {data, size};
	struct judge_cfg cfg = JUDGE_CFG_DEFAULT;
	struct sa local, peer, other;
	struct trace *t = NULL;
	struct exch *x;
	uint32_t end;

	x = calloc(1, sizeof(*x));
	if (!x)
		abort();
	build(x, &in, &cfg.t1_ms, &cfg.t2_ms, &cfg.single_uas, &end);

	/* in time order, equal times in the order they were made (a
	 * stable insertion sort, as tb_build() does) */
	for (size_t i = 1; i < x->n; i++)
		for (size_t k = i; k > 0 && x->ev[k - 1].ms > x->ev[k].ms;
		     k--) {
			struct ev e = x->ev[k];

			x->ev[k] = x->ev[k - 1];
			x->ev[k - 1] = e;
		}

	sa_set_str(&local, "127.0.0.1", 5070);
	sa_set_str(&peer, "127.0.0.1", 5060);
	sa_set_str(&other, "127.0.0.2", 5062);
	if (trace_alloc(&t))
		abort();
	for (size_t i = 0; i < x->n; i++) {
		const struct ev *e = &x->ev[i];

		trace_add(t, TRACE_MSG, e->in ? TRACE_IN : TRACE_OUT,
			  x->tcp ? SIP_TRANSP_TCP : SIP_TRANSP_UDP, &local,
			  e->other ? &other : &peer, x->tcp ? 1 : 0,
			  (uint64_t)e->ms * 1000, e->p, e->len, NULL);
		mem_deref(e->p);
	}
	t->end_us = (uint64_t)end * 1000;

	tc_check(t, &cfg);

	mem_deref(t);
	free(x);
	return 0;
}
