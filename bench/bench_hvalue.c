/**
 * @file bench_hvalue.c  How fast is the strict header-value parser?
 *
 * A benchmark, not a test: built only on demand (make -C bench
 * bench-hvalue) and never run by make check.  The responses are those of
 * samples.h (7-13 header fields each), each in its own libre mbuf, built
 * before timing.  Per response:
 *
 *   split     message_scan(): the zero-copy map of the status line and
 *             the header lines (what a header splitter does)
 *   strict    message_scan() and hvalue_check() of every header field:
 *             the whole response, every value to its rule
 *   values    hvalue_check() of every header field of a response mapped
 *             beforehand: the value parser alone
 *   libre     sip_msg_decode() of the same mbuf and mem_deref(), what a
 *             libre receiver pays
 *
 * picohttpparser, which the issue names as the yardstick of a header
 * split, is not packaged here; "split" stands in for it.
 *
 * Before timing, libre must decode every response (else the program says
 * which and exits 1); the header fields the strict parser finds a defect
 * in are listed (Asterisk's "Accept-Encoding: text/plain" is one: a
 * content-coding is a token) and timed all the same.  Times are the best of -r runs of about
 * -t seconds each (or of -n passes over the corpus: for callgrind),
 * round robin, in ns per response.
 */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <re.h>
#include "sip/message.h"
#include "sip/hvalue.h"
#include "samples.h"

#define RUNNER __attribute__((noinline))

static struct mbuf *mbs[NSAMPLES];
static struct message maps[NSAMPLES];
static struct message scratch;
static unsigned total_hdrs;
static volatile uint64_t sink;

static int put_crlf(struct mbuf *mb, const char *s)
{
	int err = 0;

	for (; *s && !err; s++)
		err = *s == '\n' ? mbuf_write_mem(mb, (const uint8_t *)"\r\n", 2)
			: mbuf_write_u8(mb, (uint8_t)*s);
	return err;
}

static int build_corpus(void)
{
	for (size_t i = 0; i < NSAMPLES; i++) {
		struct mbuf *body = mbuf_alloc(512);
		int err;

		mbs[i] = mbuf_alloc(1024);
		if (!body || !mbs[i]) {
			mem_deref(body);
			return ENOMEM;
		}
		err = put_crlf(mbs[i], samples[i].head);
		if (!err && samples[i].body)
			err = put_crlf(body, samples[i].body);
		if (!err)
			err = mbuf_printf(mbs[i], "Content-Length: %zu\r\n\r\n",
					  body->end);
		if (!err)
			err = mbuf_write_mem(mbs[i], body->buf, body->end);
		mem_deref(body);
		if (err)
			return err;
		mbs[i]->pos = 0;
	}
	return 0;
}

static unsigned verify_corpus(void)
{
	unsigned bad = 0, defects = 0;

	for (size_t i = 0; i < NSAMPLES; i++) {
		struct message *m = &maps[i];
		struct sip_msg *msg = NULL;

		message_scan(m, (const char *)mbs[i]->buf, mbs[i]->end, 0);
		total_hdrs += m->hdrc;
		for (unsigned k = 0; k < m->hdrc; k++) {
			const struct msg_hdr *h = &m->hdrv[k];
			struct hvalue hv;

			if (!hvalue_check(&hv, h->id, h->val.p, h->val.l))
				continue;
			re_printf("defect: %s: %r: %s at %zu: %r\n",
				  samples[i].from, &h->name,
				  hvalue_defect_name(hv.defect), hv.off,
				  &h->val);
			defects++;
		}

		mbs[i]->pos = 0;
		if (sip_msg_decode(&msg, mbs[i])) {
			fprintf(stderr, "%s: libre does not decode it\n",
				samples[i].from);
			bad++;
		}
		mem_deref(msg);
	}
	printf("%u header fields with a defect, timed all the same\n",
	       defects);
	return bad;
}

static unsigned check_all(const struct message *m)
{
	unsigned ok = 0;

	for (unsigned k = 0; k < m->hdrc; k++) {
		struct hvalue hv;

		ok += !hvalue_check(&hv, m->hdrv[k].id, m->hdrv[k].val.p,
				    m->hdrv[k].val.l);
	}
	return ok;
}

static RUNNER uint64_t run_split(uint64_t passes)
{
	uint64_t acc = 0;

	for (uint64_t p = 0; p < passes; p++)
		for (size_t i = 0; i < NSAMPLES; i++) {
			message_scan(&scratch, (const char *)mbs[i]->buf,
				     mbs[i]->end, 0);
			acc += scratch.hdrc;
			__asm__ volatile("" ::: "memory");
		}
	return acc;
}

static RUNNER uint64_t run_strict(uint64_t passes)
{
	uint64_t acc = 0;

	for (uint64_t p = 0; p < passes; p++)
		for (size_t i = 0; i < NSAMPLES; i++) {
			message_scan(&scratch, (const char *)mbs[i]->buf,
				     mbs[i]->end, 0);
			acc += check_all(&scratch);
			__asm__ volatile("" ::: "memory");
		}
	return acc;
}

static RUNNER uint64_t run_values(uint64_t passes)
{
	uint64_t acc = 0;

	for (uint64_t p = 0; p < passes; p++)
		for (size_t i = 0; i < NSAMPLES; i++) {
			acc += check_all(&maps[i]);
			__asm__ volatile("" ::: "memory");
		}
	return acc;
}

static RUNNER uint64_t run_libre(uint64_t passes)
{
	uint64_t acc = 0;

	for (uint64_t p = 0; p < passes; p++)
		for (size_t i = 0; i < NSAMPLES; i++) {
			struct sip_msg *msg = NULL;

			mbs[i]->pos = 0;
			if (!sip_msg_decode(&msg, mbs[i]))
				acc += msg->scode;
			mem_deref(msg);
		}
	return acc;
}

static const struct {
	const char *key;    /* for -o */
	const char *name;
	uint64_t (*run)(uint64_t passes);
} contenders[] = {
	{"split", "split    message_scan", run_split},
	{"strict", "strict   message_scan + hvalue_check of every field",
	 run_strict},
	{"values", "values   hvalue_check of every field", run_values},
	{"libre", "libre    sip_msg_decode + mem_deref", run_libre},
};

#define NC (sizeof(contenders) / sizeof(contenders[0]))

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static double time_run(size_t c, uint64_t passes)
{
	uint64_t t0 = now_ns();

	sink += contenders[c].run(passes);
	return (double)(now_ns() - t0) / (double)(passes * NSAMPLES);
}

int main(int argc, char *argv[])
{
	double target = 0.25, best[NC];
	uint64_t passes[NC], fixed = 0;
	unsigned runs = 5;
	const char *only = NULL;
	bool on[NC];
	int opt, err;

	while ((opt = getopt(argc, argv, "n:t:r:o:h")) != -1) {
		switch (opt) {
		case 'n': fixed = strtoull(optarg, NULL, 10); break;
		case 't': target = atof(optarg); break;
		case 'r': runs = (unsigned)atoi(optarg); break;
		case 'o': only = optarg; break;
		default:
			fprintf(stderr, "usage: %s [-n passes per run] "
				"[-t seconds per run] [-r runs] "
				"[-o split,strict,values,libre]\n", argv[0]);
			return opt == 'h' ? 0 : 2;
		}
	}
	/* -o: only these contenders (for perf record of one of them) */
	for (size_t c = 0; c < NC; c++) {
		const char *k = only ? strstr(only, contenders[c].key) : NULL;

		on[c] = !only || k;
	}
	if (target <= 0 || !runs)
		return 2;

	err = libre_init();
	if (!err)
		err = build_corpus();
	if (err) {
		fprintf(stderr, "setup: %s\n", strerror(err));
		return 1;
	}
	if (verify_corpus()) {
		fprintf(stderr, "libre does not decode the corpus\n");
		return 1;
	}

	/* calibrate: passes for about target seconds */
	for (size_t c = 0; c < NC; c++) {
		double ns = on[c] ? time_run(c, 10) : 1;

		passes[c] = fixed ? fixed
			: (uint64_t)(target * 1e9 / (ns * NSAMPLES)) + 1;
		best[c] = 1e300;
	}
	for (unsigned r = 0; r < runs; r++)
		for (size_t c = 0; c < NC; c++) {
			double ns = on[c] ? time_run(c, passes[c]) : 1e300;

			if (ns < best[c])
				best[c] = ns;
		}

	printf("%zu responses, %u header fields (%.1f per response); best of "
	       "%u runs, ns per response\n", NSAMPLES, total_hdrs,
	       (double)total_hdrs / NSAMPLES, runs);
	for (size_t c = 0; c < NC; c++)
		if (on[c])
			printf("  %-52s %9.0f\n", contenders[c].name,
			       best[c]);
	if (on[0] && on[1])
		printf("  strict / split   %6.2fx   (the goal against a header "
		       "split is <= 2x; picohttpparser is not packaged "
		       "here)\n", best[1] / best[0]);
	if (on[1] && on[3])
		printf("  libre / strict   %6.2fx   (the goal is >= 20x)\n",
		       best[3] / best[1]);
	if (on[2])
		printf("  values per field %6.0f ns\n", best[2] * NSAMPLES /
		       total_hdrs);

	for (size_t i = 0; i < NSAMPLES; i++)
		mem_deref(mbs[i]);
	libre_close();
	return 0;
}
