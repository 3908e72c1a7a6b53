/**
 * @file bench_judge.c  How does the judge scale with the trace?
 *
 * A benchmark, not a test: built only on demand (make -C bench
 * bench-judge).  For each shape of trace and each size N it builds the
 * trace in memory, then judges it in a child process (so each figure has
 * its own peak RSS) and prints the judge's wall time, the child's peak
 * RSS and the findings count.  Shapes (issue 11):
 *
 *   183s      one INVITE, N distinct 183s (each its own RSeq-less body
 *             line), a 200 and its ACK
 *   forks     one INVITE, N 200s with distinct To tags and Contacts, an
 *             ACK for each (a forking proxy's worst case)
 *   options   N OPTIONS transactions, each with its 200
 *   flood     one INVITE, N copies of the same 486, our ACK
 *
 * Usage: bench_judge [-s shape] [-w DIR] [N...]   (default 1000 10000
 * 100000).  -w saves each trace as DIR/SHAPE-N.trace, for `sipconform
 * judge --format json` to show that a change keeps every verdict.
 */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <stdarg.h>
#include <re.h>
#include "trace/trace.h"
#include "judge/rules.h"
#include "judge/judge.h"

static struct sa local, peer;
static const char *save_dir;

static void __attribute__((format(printf, 4, 5)))
add(struct trace *t, enum trace_dir dir, uint64_t us, const char *fmt, ...)
{
	static char buf[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(buf))
		abort();
	if (trace_add(t, TRACE_MSG, dir, SIP_TRANSP_UDP, &local, &peer, 0,
		      us, (const uint8_t *)buf, (size_t)n, NULL))
		abort();
}

/* Via branch, To tag, Call-ID number, CSeq number and method */
#define HDRS								\
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=%s\r\n"			\
	"From: <sip:sipconform@127.0.0.1>;tag=ftag1\r\n"		\
	"To: <sip:service@127.0.0.1:5060>%s\r\n"			\
	"Call-ID: bench-%u@127.0.0.1\r\nCSeq: %u %s\r\n"

#define SDP "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n" \
	"c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"

static void invite(struct trace *t, unsigned callid, const char *branch,
		   uint64_t us)
{
	add(t, TRACE_OUT, us, "INVITE sip:service@127.0.0.1:5060 SIP/2.0\r\n"
	    HDRS "Max-Forwards: 70\r\n"
	    "Contact: <sip:sipconform@127.0.0.1:5070>\r\n"
	    "Content-Type: application/sdp\r\nContent-Length: %zu\r\n\r\n"
	    SDP, branch, "", callid, 1u, "INVITE", strlen(SDP));
}

static void res(struct trace *t, unsigned callid, const char *branch,
		uint64_t us, const char *status, const char *met,
		unsigned cseq, const char *totag, const char *extra)
{
	add(t, TRACE_IN, us, "SIP/2.0 %s\r\n" HDRS
	    "%sContent-Length: 0\r\n\r\n", status, branch, totag, callid,
	    cseq, met, extra);
}

static void ack(struct trace *t, unsigned callid, const char *branch,
		uint64_t us, const char *totag)
{
	add(t, TRACE_OUT, us, "ACK sip:service@127.0.0.1:5060 SIP/2.0\r\n"
	    HDRS "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n", branch,
	    totag, callid, 1u, "ACK");
}

static const char *const B = "z9hG4bK-bench-1";

static void shape_183s(struct trace *t, unsigned n)
{
	char extra[64];

	invite(t, 1, B, 0);
	for (unsigned i = 0; i < n; i++) {
		snprintf(extra, sizeof(extra), "Contact: <sip:u@127.0.0.1>\r\n"
			 "X-Seq: %u\r\n", i);
		res(t, 1, B, 1000 + i, "183 Session Progress", "INVITE", 1,
		    ";tag=t1", extra);
	}
	res(t, 1, B, 2000 + n, "200 OK", "INVITE", 1, ";tag=t1",
	    "Contact: <sip:u@127.0.0.1>\r\n");
	ack(t, 1, "z9hG4bK-bench-ack", 3000 + n, ";tag=t1");
}

static void shape_forks(struct trace *t, unsigned n)
{
	char tag[32], extra[64];

	invite(t, 1, B, 0);
	for (unsigned i = 0; i < n; i++) {
		snprintf(tag, sizeof(tag), ";tag=fork%u", i);
		snprintf(extra, sizeof(extra),
			 "Contact: <sip:u%u@127.0.0.1>\r\n", i);
		res(t, 1, B, 1000 + 2 * (uint64_t)i, "200 OK", "INVITE", 1,
		    tag, extra);
		ack(t, 1, "z9hG4bK-bench-ack", 1001 + 2 * (uint64_t)i, tag);
	}
}

static void shape_options(struct trace *t, unsigned n)
{
	char br[48];

	for (unsigned i = 0; i < n; i++) {
		snprintf(br, sizeof(br), "z9hG4bK-opt-%u", i);
		add(t, TRACE_OUT, 2 * (uint64_t)i,
		    "OPTIONS sip:service@127.0.0.1:5060 SIP/2.0\r\n"
		    HDRS "Max-Forwards: 70\r\n"
		    "Accept: application/sdp\r\nContent-Length: 0\r\n\r\n",
		    br, "", i + 1, 1u, "OPTIONS");
		res(t, i + 1, br, 2 * (uint64_t)i + 1, "200 OK", "OPTIONS", 1,
		    ";tag=o1", "");
	}
}

static void shape_flood(struct trace *t, unsigned n)
{
	invite(t, 1, B, 0);
	for (unsigned i = 0; i < n; i++)
		res(t, 1, B, 1000 + i, "486 Busy Here", "INVITE", 1,
		    ";tag=b1", "");
	ack(t, 1, B, 2000 + n, ";tag=b1");
}

static const struct shape {
	const char *name;
	void (*build)(struct trace *t, unsigned n);
} shapes[] = {
	{"183s",    shape_183s},
	{"forks",   shape_forks},
	{"options", shape_options},
	{"flood",   shape_flood},
};

static uint64_t trace_bytes(const struct trace *t)
{
	uint64_t b = 0;

	for (const struct le *le = t->evl.head; le; le = le->next)
		b += ((const struct trace_ev *)le->data)->len;
	return b;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_s(const struct rusage *ru)
{
	return (double)ru->ru_utime.tv_sec + ru->ru_utime.tv_usec / 1e6 +
		(double)ru->ru_stime.tv_sec + ru->ru_stime.tv_usec / 1e6;
}

/* In the child: build, judge, print one line */
static int run_one(const struct shape *s, unsigned n)
{
	struct verdict v;
	struct trace *t;
	struct rusage ru0, ru;
	double t0, t1;
	int err;

	err = trace_alloc(&t);
	if (err)
		return err;
	s->build(t, n);
	if (save_dir) {
		char path[512];
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s-%u.trace", save_dir,
			 s->name, n);
		f = fopen(path, "w");
		if (!f || trace_save(t, f) || fclose(f)) {
			fprintf(stderr, "%s: not saved\n", path);
			return EIO;
		}
	}

	verdict_init(&v);
	getrusage(RUSAGE_SELF, &ru0);
	t0 = now_s();
	err = judge_trace(&v, t, NULL, NULL);
	t1 = now_s();
	if (err) {
		fprintf(stderr, "judge_trace: %s\n", strerror(err));
		return err;
	}
	getrusage(RUSAGE_SELF, &ru);
	/* CPU time too: on a machine shared with other jobs it is the
	 * steadier figure */
	/* what judging adds to the trace, per message, next to the bytes
	 * of a message: the judge's memory is to follow the bytes */
	printf("%-8s %8u %10.3f s %8.3f s %9.1f MiB %7.0f B %7.0f B %8u "
	       "findings\n", s->name, n, t1 - t0, cpu_s(&ru) - cpu_s(&ru0),
	       (double)ru.ru_maxrss / 1024,
	       (double)(ru.ru_maxrss - ru0.ru_maxrss) * 1024 / (double)t->n,
	       (double)trace_bytes(t) / (double)t->n,
	       list_count(&v.findings));
	fflush(stdout);
	verdict_reset(&v);
	mem_deref(t);
	return 0;
}

int main(int argc, char **argv)
{
	static const unsigned defn[] = {1000, 10000, 100000};
	const char *only = NULL;
	unsigned nv[16], nc = 0;
	int c, status = 0;

	while ((c = getopt(argc, argv, "s:w:")) != -1) {
		if (c == 's')
			only = optarg;
		else if (c == 'w')
			save_dir = optarg;
		else {
			fprintf(stderr, "usage: bench_judge [-s shape] "
				"[-w DIR] [N...]\n");
			return 2;
		}
	}
	for (int i = optind; i < argc && nc < 16; i++)
		nv[nc++] = (unsigned)strtoul(argv[i], NULL, 10);
	if (!nc)
		for (; nc < 3; nc++)
			nv[nc] = defn[nc];

	sa_set_str(&local, "127.0.0.1", 5070);
	sa_set_str(&peer, "127.0.0.1", 5060);

	printf("%-8s %8s %12s %10s %13s %9s %9s\n", "shape", "N", "judge",
	       "CPU", "peak RSS", "judge/msg", "bytes/msg");
	for (size_t i = 0; i < ARRAY_SIZE(shapes); i++) {
		if (only && strcmp(only, shapes[i].name))
			continue;
		for (unsigned k = 0; k < nc; k++) {
			pid_t pid;

			fflush(stdout);
			pid = fork();

			if (pid == 0)
				_exit(run_one(&shapes[i], nv[k]) ? 1 : 0);
			if (pid < 0 || waitpid(pid, &status, 0) < 0 ||
			    !WIFEXITED(status) || WEXITSTATUS(status))
				fprintf(stderr, "%s %u: failed\n",
					shapes[i].name, nv[k]);
		}
	}
	return 0;
}
