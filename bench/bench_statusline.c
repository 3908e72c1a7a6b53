/**
 * @file bench_statusline.c  How fast is the status-line parser?
 *
 * A benchmark, not a test: it is built only on demand (make -C bench bench
 * or scripts/bench.sh) and never runs under make check.
 *
 * The corpus is a set of complete SIP responses as PBXs, proxies, SBCs and
 * phones send them (CRLF line ends, Content-Length computed from the body).
 * Each response sits in its own libre mbuf, prepared before timing, and
 * every contender is handed the whole message, as a receiver would be:
 *
 *   ours      statusline_parse() on the buffer (it stops at the first CRLF)
 *   classify  statusline_parse() + statusline_classify()
 *   libre     sip_msg_decode() of the same mbuf (pos reset to 0 first) and
 *             mem_deref() of the result, which is what a receiver pays
 *
 * Before anything is timed, the two parsers must agree on the status code,
 * reason phrase and status-line length of every response; if they do not,
 * the program exits with status 1.
 *
 * Times come from clock_gettime(CLOCK_MONOTONIC).  Each contender is run
 * several times (round robin, so frequency drift hits all of them alike)
 * and the best run is reported in ns per status line.
 */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <re.h>
#include "sip/statusline.h"


/* ------------------------------------------------------------------ */
/* Corpus                                                              */
/* ------------------------------------------------------------------ */

#include "samples.h"

/* One response as it lies in a receive buffer */
struct entry {
	struct mbuf *mb;
	const char *buf;      /* == mb->buf               */
	size_t len;           /* == mb->end                */
	size_t line_len;      /* status line, CRLF included */
	size_t body_len;
	unsigned nhdrs;       /* header fields after the status line */
};

static struct entry corpus[NSAMPLES];


/* Append s with every LF turned into CRLF */
static int put_crlf(struct mbuf *mb, const char *s, size_t *added)
{
	int err = 0;

	*added = 0;
	for (; *s && !err; s++) {
		if (*s == '\r')
			return EINVAL;  /* the sources use LF only */
		if (*s == '\n') {
			err = mbuf_write_mem(mb, (const uint8_t *)"\r\n", 2);
			*added += 2;
		}
		else {
			err = mbuf_write_u8(mb, (uint8_t)*s);
			*added += 1;
		}
	}

	return err;
}

static int build_corpus(void)
{
	for (size_t i = 0; i < NSAMPLES; i++) {
		const struct sample *s = &samples[i];
		struct entry *e = &corpus[i];
		struct mbuf *body;
		size_t hlen, blen = 0;
		const char *nl;
		int err;

		body = mbuf_alloc(512);
		e->mb = mbuf_alloc(1024);
		if (!body || !e->mb) {
			mem_deref(body);
			return ENOMEM;
		}

		err = put_crlf(e->mb, s->head, &hlen);
		if (!err && s->body)
			err = put_crlf(body, s->body, &blen);
		if (!err)
			err = mbuf_printf(e->mb, "Content-Length: %zu\r\n\r\n",
					  blen);
		if (!err && blen)
			err = mbuf_write_mem(e->mb, body->buf, blen);
		mem_deref(body);
		if (err)
			return err;

		e->buf = (const char *)e->mb->buf;
		e->len = e->mb->end;
		e->mb->pos = 0;

		nl = memchr(e->buf, '\n', e->len);
		e->line_len = nl ? (size_t)(nl - e->buf) + 1 : 0;
		e->body_len = blen;
		e->nhdrs = 1;   /* Content-Length */
		for (const char *p = s->head; *p; p++)
			e->nhdrs += *p == '\n';
		e->nhdrs -= 1;  /* the status line */
	}

	return 0;
}

static void free_corpus(void)
{
	for (size_t i = 0; i < NSAMPLES; i++)
		corpus[i].mb = mem_deref(corpus[i].mb);
}


/*
 * Both parsers must read every response the same way before any number
 * is worth printing.  Returns the number of disagreements.
 */
static unsigned verify_corpus(bool verbose)
{
	unsigned bad = 0;

	for (size_t i = 0; i < NSAMPLES; i++) {
		const struct entry *e = &corpus[i];
		const struct sample *s = &samples[i];
		struct statusline sl;
		struct sl_class cl;
		struct sip_msg *msg = NULL;
		int ours, theirs, ecl;
		size_t left = 0;

		ours = statusline_parse(&sl, e->buf, e->len, 0);
		ecl = ours ? EINVAL : statusline_classify(&cl, sl.scode);

		e->mb->pos = 0;
		theirs = sip_msg_decode(&msg, e->mb);
		if (!theirs)
			left = mbuf_get_left(e->mb);
		e->mb->pos = 0;

		if (ours || sl.defect != SL_OK || sl.scode != s->scode ||
		    sl.len != e->line_len || ecl) {
			fprintf(stderr, "corpus %zu (%u %s): statusline_parse "
				"says %s, defect %s at %zu, scode %u, len %zu\n",
				i, s->scode, s->from, strerror(ours),
				statusline_defect_name(sl.defect), sl.off,
				sl.scode, sl.len);
			++bad;
		}
		else if (theirs || !msg || msg->req) {
			fprintf(stderr, "corpus %zu (%u %s): sip_msg_decode "
				"says %s\n", i, s->scode, s->from,
				strerror(theirs));
			++bad;
		}
		else if (msg->scode != sl.scode ||
			 pl_cmp(&msg->reason, &sl.reason) ||
			 pl_cmp(&msg->ver, &sl.ver)) {
			fprintf(stderr, "corpus %zu: libre reads %u \"%.*s\", "
				"sipconform reads %u \"%.*s\"\n", i,
				msg->scode, (int)msg->reason.l,
				msg->reason.p, sl.scode, (int)sl.reason.l,
				sl.reason.p);
			++bad;
		}
		else if (pl_u32(&msg->clen) != e->body_len ||
			 left != e->body_len) {
			fprintf(stderr, "corpus %zu: Content-Length %u, body "
				"%zu, libre leaves %zu bytes\n", i,
				pl_u32(&msg->clen), e->body_len, left);
			++bad;
		}
		else if (verbose) {
			printf("  %2zu  %u %-32.*s %4zu bytes %2u hdrs %s\n",
			       i, sl.scode, (int)sl.reason.l, sl.reason.p,
			       e->len, e->nhdrs, s->from);
		}

		mem_deref(msg);
	}

	return bad;
}


/* ------------------------------------------------------------------ */
/* Contenders                                                          */
/* ------------------------------------------------------------------ */

/*
 * Each runner makes `passes` passes over the corpus and returns a value
 * that depends on every result, which main() stores in a volatile sink.
 * They are noinline and noclone so that callgrind can count each one by
 * its name (scripts/bench.sh --callgrind uses --toggle-collect=run_*).
 * The asm barrier keeps the compiler from merging or hoisting passes.
 */
#define BARRIER() __asm__ __volatile__("" ::: "memory")
#if defined(__clang__)
#define RUNNER __attribute__((noinline, used))
#else
#define RUNNER __attribute__((noinline, noclone, used))
#endif

static RUNNER uint64_t run_ours(uint64_t passes)
{
	uint64_t acc = 0;

	for (uint64_t n = 0; n < passes; n++) {
		for (size_t i = 0; i < NSAMPLES; i++) {
			struct statusline sl;
			const struct entry *e = &corpus[i];

			if (statusline_parse(&sl, e->buf, e->len, 0))
				acc += 1ull << 40;
			acc += sl.scode + sl.len;
		}
		BARRIER();
	}

	return acc;
}

static RUNNER uint64_t run_classify(uint64_t passes)
{
	uint64_t acc = 0;

	for (uint64_t n = 0; n < passes; n++) {
		for (size_t i = 0; i < NSAMPLES; i++) {
			struct statusline sl;
			struct sl_class cl;
			const struct entry *e = &corpus[i];

			if (statusline_parse(&sl, e->buf, e->len, 0) ||
			    statusline_classify(&cl, sl.scode)) {
				acc += 1ull << 40;
				continue;
			}
			acc += cl.effective + cl.final + (uintptr_t)cl.meaning;
		}
		BARRIER();
	}

	return acc;
}

static RUNNER uint64_t run_libre(uint64_t passes)
{
	uint64_t acc = 0;

	for (uint64_t n = 0; n < passes; n++) {
		for (size_t i = 0; i < NSAMPLES; i++) {
			struct sip_msg *msg = NULL;
			struct mbuf *mb = corpus[i].mb;

			mb->pos = 0;
			if (sip_msg_decode(&msg, mb)) {
				acc += 1ull << 40;
				continue;
			}
			acc += msg->scode + msg->reason.l;
			mem_deref(msg);
		}
		BARRIER();
	}

	return acc;
}

enum { C_OURS, C_CLASSIFY, C_LIBRE, C_COUNT };

static const struct contender {
	const char *name;    /* for -o */
	const char *key;     /* machine-readable output */
	const char *label;
	uint64_t (*run)(uint64_t passes);
} contenders[C_COUNT] = {
	[C_OURS]     = {"ours", "sipconform",
			"sipconform statusline_parse", run_ours},
	[C_CLASSIFY] = {"classify", "sipconform_classify",
			"sipconform parse + classify", run_classify},
	[C_LIBRE]    = {"libre", "libre",
			"libre sip_msg_decode + mem_deref", run_libre},
};


/* ------------------------------------------------------------------ */
/* Timing                                                              */
/* ------------------------------------------------------------------ */

static volatile uint64_t sink;
static uint64_t lines_done[C_COUNT];

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Wall time of one run of `passes` passes, in ns */
static uint64_t time_run(int c, uint64_t passes)
{
	uint64_t t0, t1, r;

	t0 = now_ns();
	r = contenders[c].run(passes);
	t1 = now_ns();

	sink = sink + r;
	lines_done[c] += passes * NSAMPLES;

	return t1 - t0;
}

/* Passes per run so that one run lasts about `target` seconds */
static uint64_t calibrate(int c, double target)
{
	uint64_t passes = 1, t;

	for (;;) {
		t = time_run(c, passes);
		if (t >= 20000000ull || passes >= (1ull << 40))
			break;
		passes *= 2;
	}

	passes = (uint64_t)((double)passes * target * 1e9 / (double)t);

	return passes ? passes : 1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [-n PASSES] [-t SECONDS] [-r RUNS] [-o LIST] "
		"[-v] [-d]\n"
		"  -n PASSES   passes over the corpus per run "
		"(default: calibrated)\n"
		"  -t SECONDS  time budget per contender (default 0.75)\n"
		"  -r RUNS     timed runs per contender, best is reported "
		"(default 7)\n"
		"  -o LIST     contenders, comma-separated: ours,classify,"
		"libre (default all)\n"
		"  -v          list the corpus\n"
		"  -d          write the corpus to stdout and exit\n",
		prog);
}

static int parse_list(const char *arg, bool sel[C_COUNT])
{
	char buf[128], *tok, *save = NULL;

	if (strlen(arg) >= sizeof(buf))
		return EINVAL;
	strcpy(buf, arg);

	for (int c = 0; c < C_COUNT; c++)
		sel[c] = false;

	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		int c;

		for (c = 0; c < C_COUNT; c++) {
			if (!strcmp(tok, contenders[c].name))
				break;
		}
		if (c == C_COUNT)
			return EINVAL;
		sel[c] = true;
	}

	return 0;
}

int main(int argc, char *argv[])
{
	bool sel[C_COUNT] = {true, true, true};
	bool verbose = false, dump = false;
	uint64_t fixed = 0, passes[C_COUNT] = {0};
	double budget = 0.75;
	double best[C_COUNT] = {0}, median[C_COUNT] = {0};
	double *samples_ns[C_COUNT] = {NULL};
	size_t bytes = 0, lmin = SIZE_MAX, lmax = 0, lsum = 0;
	unsigned hmin = ~0u, hmax = 0;
	int runs = 7, opt, err, ret = 1;

	while ((opt = getopt(argc, argv, "n:t:r:o:vdh")) != -1) {
		char *end;

		switch (opt) {

		case 'n':
			fixed = strtoull(optarg, &end, 10);
			if (*end || !fixed) {
				usage(argv[0]);
				return 2;
			}
			break;

		case 't':
			budget = strtod(optarg, &end);
			if (*end || !(budget > 0)) {
				usage(argv[0]);
				return 2;
			}
			break;

		case 'r':
			runs = (int)strtol(optarg, &end, 10);
			if (*end || runs < 1 || runs > 1000) {
				usage(argv[0]);
				return 2;
			}
			break;

		case 'o':
			if (parse_list(optarg, sel)) {
				usage(argv[0]);
				return 2;
			}
			break;

		case 'v':
			verbose = true;
			break;

		case 'd':
			dump = true;
			break;

		default:
			usage(argv[0]);
			return opt == 'h' ? 0 : 2;
		}
	}
	if (optind != argc) {
		usage(argv[0]);
		return 2;
	}

	err = libre_init();
	if (err) {
		fprintf(stderr, "libre_init: %s\n", strerror(err));
		return 1;
	}

	err = build_corpus();
	if (err) {
		fprintf(stderr, "building the corpus: %s\n", strerror(err));
		goto out;
	}

	if (dump) {
		for (size_t i = 0; i < NSAMPLES; i++)
			fwrite(corpus[i].buf, 1, corpus[i].len, stdout);
		ret = 0;
		goto out;
	}

	for (size_t i = 0; i < NSAMPLES; i++) {
		const struct entry *e = &corpus[i];

		bytes += e->len;
		lsum += e->line_len;
		lmin = e->line_len < lmin ? e->line_len : lmin;
		lmax = e->line_len > lmax ? e->line_len : lmax;
		hmin = e->nhdrs < hmin ? e->nhdrs : hmin;
		hmax = e->nhdrs > hmax ? e->nhdrs : hmax;
	}

	printf("sipconform status-line benchmark\n");
	printf("corpus: %zu responses, %zu bytes, %u-%u header fields, "
	       "status lines %zu-%zu bytes (mean %.1f)\n",
	       NSAMPLES, bytes, hmin, hmax, lmin, lmax,
	       (double)lsum / NSAMPLES);

	if (verbose)
		printf("\n");
	if (verify_corpus(verbose)) {
		fprintf(stderr, "the parsers disagree on the corpus; "
			"nothing timed\n");
		goto out;
	}
	if (verbose)
		printf("\n");
	printf("check: sipconform and libre agree on code, reason and "
	       "line length of all %zu\n", NSAMPLES);

	for (int c = 0; c < C_COUNT; c++) {
		if (!sel[c])
			continue;

		samples_ns[c] = calloc((size_t)runs, sizeof(double));
		if (!samples_ns[c]) {
			fprintf(stderr, "out of memory\n");
			goto out;
		}

		/* warm up caches, branch predictors and libre's allocator */
		(void)time_run(c, 1);
		passes[c] = fixed ? fixed
			: calibrate(c, budget / runs);
	}

	/* Round robin, so a change of clock speed hits every contender */
	for (int r = 0; r < runs; r++) {
		for (int c = 0; c < C_COUNT; c++) {
			if (!sel[c])
				continue;
			samples_ns[c][r] = (double)time_run(c, passes[c]) /
				((double)passes[c] * NSAMPLES);
		}
	}

	printf("runs: %d per contender, best reported\n\n", runs);
	printf("%-34s %12s %12s %10s %12s\n", "contender", "ns/line best",
	       "median", "Mlines/s", "passes/run");

	for (int c = 0; c < C_COUNT; c++) {
		if (!sel[c])
			continue;
		qsort(samples_ns[c], (size_t)runs, sizeof(double),
		      cmp_double);
		best[c] = samples_ns[c][0];
		median[c] = samples_ns[c][runs / 2];
		printf("%-34s %12.2f %12.2f %10.2f %12llu\n",
		       contenders[c].label, best[c], median[c],
		       1e3 / best[c], (unsigned long long)passes[c]);
	}

	if (sel[C_OURS] && sel[C_LIBRE])
		printf("\nlibre / sipconform: %.1fx (goal: at least 100x; "
		       "sipconform goal: about 12 ns/line)\n",
		       best[C_LIBRE] / best[C_OURS]);

	printf("\n");
	for (int c = 0; c < C_COUNT; c++) {
		if (!sel[c])
			continue;
		printf("ns_per_line_%s=%.2f\n", contenders[c].key, best[c]);
	}
	for (int c = 0; c < C_COUNT; c++) {
		if (!sel[c])
			continue;
		printf("lines_run_%s=%llu\n", contenders[c].key,
		       (unsigned long long)lines_done[c]);
	}
	if (sel[C_OURS] && sel[C_LIBRE])
		printf("ratio_libre_over_sipconform=%.1f\n",
		       best[C_LIBRE] / best[C_OURS]);

	ret = 0;

 out:
	for (int c = 0; c < C_COUNT; c++)
		free(samples_ns[c]);
	free_corpus();
	libre_close();

	return ret;
}
