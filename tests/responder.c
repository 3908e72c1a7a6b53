/**
 * @file responder.c  A SIP "target" that sends whatever bytes it is given
 *
 *   responder --udp|--tcp --port-file FILE [--linger-ms N] [--gap-ms N]
 *             [--max-seconds N] [--second-conn] RESPONSE-FILE...
 *
 * Binds 127.0.0.1 port 0 and writes the port to FILE (atomically, so a
 * test polling for it never reads half a number).  Waits for one request
 * (one datagram, or the header of the first request on the first TCP
 * connection) and answers it with each RESPONSE-FILE in order, --gap-ms
 * apart.  Then it reads and drops whatever comes (ACKs, retransmissions)
 * for --linger-ms, and exits.  alarm(--max-seconds) ends it whatever
 * happens: a test can never hang on it.
 *
 * --second-conn (TCP): the last file is a request of ours, sent over a
 * connection of its own to the sent-by of the request's top Via (where
 * sipconform listens), closed at once.  While lingering, connections to
 * our port are accepted and read too; at the end the count of responses
 * that came to our port, over the first connection or a new one, is
 * printed ("responder: N responses to our port"): RFC 3261 section
 * 18.2.2, a response whose connection closed goes to the source address
 * and the sent-by port (a connection open to it may carry it).
 *
 * SIPp will not send a malformed status line; this sends the file's bytes
 * as they are (bare LF, NUL, a wrong Content-Length ...), except for
 * these placeholders, filled in from the request:
 *
 *   $VIA     every Via value of the request, in order, joined by ", "
 *   $FROM $TO $CALLID $CSEQ   the value of that header field
 *   $TAG     a To tag of ours
 *   $LOCAL   our address, 127.0.0.1:PORT (for a Contact)
 *   $$       a single '$'
 *
 * A '$' before anything else stays as it is.  Header names are matched
 * case-insensitively, compact forms (v f t i) included; a field missing
 * from the request gives an empty value.
 *
 * Plain POSIX sockets: this is a peer for sipconform, not a user of it.
 */
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_MSG   65536
#define MAX_FILES 16
#define TAG       "responder-7f3a"

struct buf {
	char *p;
	size_t len, cap;
};

struct request {
	char via[4096];
	char from[1024], to[1024], callid[512], cseq[256];
};

struct opts {
	bool tcp;
	const char *port_file;
	unsigned linger_ms, gap_ms, max_s;
	bool second_conn;
	const char *files[MAX_FILES];
	int filec;
};

static void usage(FILE *f)
{
	fputs("Usage: responder --udp|--tcp --port-file FILE [--linger-ms N]"
	      " [--gap-ms N]\n"
	      "                 [--max-seconds N] [--second-conn] "
	      "RESPONSE-FILE...\n", f);
}

static int buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;
		char *q;

		while (cap < b->len + n)
			cap *= 2;
		q = realloc(b->p, cap);
		if (!q)
			return ENOMEM;
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	return 0;
}

static int read_file(struct buf *b, const char *path)
{
	char chunk[4096];
	FILE *f = fopen(path, "rb");
	size_t n;
	int err = 0;

	if (!f)
		return errno;
	while (!err && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		err = buf_add(b, chunk, n);
	if (!err && ferror(f))
		err = EIO;
	fclose(f);
	return err;
}

/* -- the request -------------------------------------------------------- */

static bool name_is(const char *p, size_t n, const char *full, char compact)
{
	if (n == 1 && (p[0] | 0x20) == compact)
		return true;
	return n == strlen(full) && !strncasecmp(p, full, n);
}

static void set_value(char *dst, size_t sz, const char *v, size_t n,
		      bool append)
{
	size_t have = append ? strlen(dst) : 0;

	if (append && have && have + 2 < sz) {
		memcpy(dst + have, ", ", 2);
		have += 2;
	}
	if (n > sz - 1 - have)
		n = sz - 1 - have;
	memcpy(dst + have, v, n);
	dst[have + n] = '\0';
}

/* Header lines up to the empty line; folded lines are not expected from
 * sipconform and are not unfolded */
static void parse_request(struct request *r, const char *p, size_t len)
{
	const char *end = p + len, *eol;
	bool first = true;

	memset(r, 0, sizeof(*r));

	for (; p < end; p = eol + 1) {
		const char *colon, *v, *ve;
		size_t n;

		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		ve = eol;
		if (ve > p && ve[-1] == '\r')
			ve--;
		if (ve == p)
			break;                  /* the empty line */
		if (first) {                    /* the request line */
			first = false;
			continue;
		}

		colon = memchr(p, ':', (size_t)(ve - p));
		if (!colon)
			continue;
		n = (size_t)(colon - p);
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		v = colon + 1;
		while (v < ve && (*v == ' ' || *v == '\t'))
			v++;
		while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
			ve--;

		if (name_is(p, n, "Via", 'v'))
			set_value(r->via, sizeof(r->via), v,
				  (size_t)(ve - v), true);
		else if (name_is(p, n, "From", 'f') && !r->from[0])
			set_value(r->from, sizeof(r->from), v,
				  (size_t)(ve - v), false);
		else if (name_is(p, n, "To", 't') && !r->to[0])
			set_value(r->to, sizeof(r->to), v,
				  (size_t)(ve - v), false);
		else if (name_is(p, n, "Call-ID", 'i') && !r->callid[0])
			set_value(r->callid, sizeof(r->callid), v,
				  (size_t)(ve - v), false);
		else if (name_is(p, n, "CSeq", '\0') && !r->cseq[0])
			set_value(r->cseq, sizeof(r->cseq), v,
				  (size_t)(ve - v), false);
	}
}

/* Where the header of a request ends (after CRLFCRLF or LFLF), or 0 */
static size_t header_end(const char *p, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (p[i] == '\n' && p[i + 1] == '\n')
			return i + 2;
		if (i + 3 < len && !memcmp(p + i, "\r\n\r\n", 4))
			return i + 4;
	}
	return 0;
}

/* -- the responses ------------------------------------------------------ */

static const char *placeholder(const struct request *r, const char *local,
			       const char *name, size_t n)
{
	static const struct {
		const char *name;
		size_t off;
	} map[] = {
		{"VIA",    offsetof(struct request, via)},
		{"FROM",   offsetof(struct request, from)},
		{"TO",     offsetof(struct request, to)},
		{"CALLID", offsetof(struct request, callid)},
		{"CSEQ",   offsetof(struct request, cseq)},
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strlen(map[i].name) == n && !memcmp(map[i].name, name, n))
			return (const char *)r + map[i].off;
	if (n == 3 && !memcmp(name, "TAG", 3))
		return TAG;
	if (n == 5 && !memcmp(name, "LOCAL", 5))
		return local;
	return NULL;
}

static int substitute(struct buf *out, const struct buf *in,
		      const struct request *r, const char *local)
{
	size_t i = 0;
	int err = 0;

	while (!err && i < in->len) {
		const char *p = in->p + i, *dollar, *val;
		size_t n;

		dollar = memchr(p, '$', in->len - i);
		if (!dollar) {
			err = buf_add(out, p, in->len - i);
			break;
		}
		err = buf_add(out, p, (size_t)(dollar - p));
		i = (size_t)(dollar - in->p) + 1;

		if (i < in->len && in->p[i] == '$') {
			err |= buf_add(out, "$", 1);
			i++;
			continue;
		}
		for (n = 0; i + n < in->len && in->p[i + n] >= 'A' &&
			     in->p[i + n] <= 'Z'; n++)
			;
		val = placeholder(r, local, in->p + i, n);
		if (val) {
			err |= buf_add(out, val, strlen(val));
			i += n;
		}
		else {
			err |= buf_add(out, "$", 1);
		}
	}
	return err;
}

/* -- the wire ----------------------------------------------------------- */

static void sleep_ms(unsigned ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int write_port(const char *path, unsigned port)
{
	char tmp[4096];
	FILE *f;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return ENAMETOOLONG;
	f = fopen(tmp, "w");
	if (!f)
		return errno;
	fprintf(f, "%u\n", port);
	if (fclose(f))
		return errno;
	return rename(tmp, path) ? errno : 0;
}

/* Milliseconds left of ms since t0, 0: none */
static int ms_left(const struct timespec *t0, unsigned ms)
{
	struct timespec now;
	long spent;

	clock_gettime(CLOCK_MONOTONIC, &now);
	spent = (now.tv_sec - t0->tv_sec) * 1000 +
		(now.tv_nsec - t0->tv_nsec) / 1000000;
	return spent >= (long)ms ? 0 : (int)(ms - (unsigned long)spent);
}

/* Read and drop for ms milliseconds, or until the peer closes */
static void linger(int fd, unsigned ms)
{
	struct timespec t0;
	char scratch[MAX_MSG];
	int left;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((left = ms_left(&t0, ms)) > 0) {
		struct pollfd pfd = {fd, POLLIN, 0};

		if (poll(&pfd, 1, left) <= 0)
			continue;
		if (recv(fd, scratch, sizeof(scratch), 0) == 0)
			return;         /* TCP peer closed */
	}
}

static int respond(int fd, const struct sockaddr_in *to,
		   const struct opts *o, const struct request *r,
		   const char *local, int from, int to_file)
{
	int err = 0;

	for (int i = from; i < to_file && !err; i++) {
		struct buf in = {0}, out = {0};

		if (i && o->gap_ms)
			sleep_ms(o->gap_ms);

		err = read_file(&in, o->files[i]);
		if (err) {
			fprintf(stderr, "responder: %s: %s\n", o->files[i],
				strerror(err));
		}
		else {
			err = substitute(&out, &in, r, local);
		}
		if (!err && to) {
			if (sendto(fd, out.p, out.len, 0,
				   (const struct sockaddr *)to,
				   sizeof(*to)) < 0)
				err = errno;
		}
		else if (!err) {
			err = write_all(fd, out.p, out.len);
		}
		free(in.p);
		free(out.p);
	}
	return err;
}

static int run_udp(int fd, const struct opts *o, const char *local)
{
	static char req[MAX_MSG];
	struct sockaddr_in peer;
	socklen_t plen = sizeof(peer);
	struct request r;
	ssize_t n;
	int err;

	do
		n = recvfrom(fd, req, sizeof(req), 0,
			     (struct sockaddr *)&peer, &plen);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno;

	parse_request(&r, req, (size_t)n);
	err = respond(fd, &peer, o, &r, local, 0, o->filec);
	if (!err)
		linger(fd, o->linger_ms);
	return err;
}

/* The sent-by of the request's top Via ("SIP/2.0/TCP 127.0.0.1:5070;...")
 * as an IPv4 address and port */
static bool via_sent_by(const struct request *r, struct sockaddr_in *sa)
{
	const char *p = strchr(r->via, ' ');
	char host[64];
	size_t n = 0;
	unsigned port;

	if (!p)
		return false;
	while (*p == ' ')
		p++;
	while (p[n] && p[n] != ':' && p[n] != ';' && p[n] != ',' &&
	       p[n] != ' ' && n < sizeof(host) - 1) {
		host[n] = p[n];
		n++;
	}
	host[n] = '\0';
	if (p[n] != ':' || sscanf(p + n + 1, "%5u", &port) != 1 ||
	    !port || port > 65535)
		return false;
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	return inet_pton(AF_INET, host, &sa->sin_addr) == 1;
}

/* --second-conn: the last file over a connection of its own to the top
 * Via's sent-by, closed at once */
static int second_conn(const struct opts *o, const struct request *r,
		       const char *local)
{
	struct sockaddr_in sa;
	int fd, err;

	if (!via_sent_by(r, &sa))
		return EPROTO;
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return errno;
	if (connect(fd, (const struct sockaddr *)&sa, sizeof(sa))) {
		err = errno;
		close(fd);
		return err;
	}
	err = respond(fd, NULL, o, r, local, o->filec - 1, o->filec);
	close(fd);
	return err;
}

/* Count "SIP/2.0 " at line starts of what came (a response's start
 * line; our requests' bodies have none) */
static unsigned count_responses(const char *p, size_t n)
{
	unsigned k = 0;

	for (size_t i = 0; i + 8 <= n; i++)
		if ((i == 0 || p[i - 1] == '\n') && !memcmp(p + i, "SIP/2.0 ", 8))
			k++;
	return k;
}

/* linger() on fd, and accept and read connections to lfd meanwhile */
static void linger_accept(int fd, int lfd, unsigned ms)
{
	struct pollfd pfd[8];
	struct timespec t0;
	char scratch[MAX_MSG];
	unsigned nres = 0, nfd = 2;
	int left;

	pfd[0] = (struct pollfd){fd, POLLIN, 0};
	pfd[1] = (struct pollfd){lfd, POLLIN, 0};
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((left = ms_left(&t0, ms)) > 0) {
		if (poll(pfd, nfd, left) <= 0)
			continue;
		if (pfd[0].revents & POLLIN) {
			ssize_t n = recv(fd, scratch, sizeof(scratch), 0);

			if (n == 0)
				break;  /* TCP peer closed */
			if (n > 0)
				nres += count_responses(scratch, (size_t)n);
		}
		if ((pfd[1].revents & POLLIN) && nfd < 8) {
			int a = accept(lfd, NULL, NULL);

			if (a >= 0)
				pfd[nfd++] = (struct pollfd){a, POLLIN, 0};
		}
		for (unsigned i = 2; i < nfd; i++) {
			ssize_t n;

			if (!(pfd[i].revents & POLLIN))
				continue;
			n = recv(pfd[i].fd, scratch, sizeof(scratch), 0);
			if (n > 0)
				nres += count_responses(scratch, (size_t)n);
			else
				pfd[i].events = 0;
		}
	}
	for (unsigned i = 2; i < nfd; i++)
		close(pfd[i].fd);
	printf("responder: %u responses to our port\n", nres);
	fflush(stdout);
}

static int run_tcp(int lfd, const struct opts *o, const char *local)
{
	static char req[MAX_MSG];
	struct request r;
	size_t have = 0, hend = 0;
	int fd, err;

	do
		fd = accept(lfd, NULL, NULL);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return errno;

	while (!hend && have < sizeof(req)) {
		ssize_t n = recv(fd, req + have, sizeof(req) - have, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return n ? errno : ECONNRESET;
		}
		have += (size_t)n;
		hend = header_end(req, have);
	}
	if (!hend) {
		close(fd);
		return EMSGSIZE;
	}

	parse_request(&r, req, hend);
	if (o->second_conn) {
		err = respond(fd, NULL, o, &r, local, 0, o->filec - 1);
		if (!err)
			err = second_conn(o, &r, local);
		if (!err)
			linger_accept(fd, lfd, o->linger_ms);
		close(fd);
		return err;
	}
	err = respond(fd, NULL, o, &r, local, 0, o->filec);
	if (!err)
		linger(fd, o->linger_ms);
	close(fd);
	return err;
}

static bool parse_uint(unsigned *v, const char *s, unsigned max)
{
	char *end;
	unsigned long u;

	errno = 0;
	u = strtoul(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || u > max)
		return false;
	*v = (unsigned)u;
	return true;
}

static int parse_opts(struct opts *o, int argc, char *argv[])
{
	enum { O_UDP = 256, O_TCP, O_PORT_FILE, O_LINGER, O_GAP, O_MAX,
	       O_SECOND };
	static const struct option lopts[] = {
		{"udp",         no_argument,       NULL, O_UDP},
		{"tcp",         no_argument,       NULL, O_TCP},
		{"port-file",   required_argument, NULL, O_PORT_FILE},
		{"linger-ms",   required_argument, NULL, O_LINGER},
		{"gap-ms",      required_argument, NULL, O_GAP},
		{"max-seconds", required_argument, NULL, O_MAX},
		{"second-conn", no_argument,       NULL, O_SECOND},
		{NULL, 0, NULL, 0}
	};
	bool tp = false;
	int c;

	memset(o, 0, sizeof(*o));
	o->linger_ms = 1000;
	o->max_s = 20;

	while ((c = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
		switch (c) {

		case O_UDP:
		case O_TCP:
			o->tcp = c == O_TCP;
			tp = true;
			break;

		case O_SECOND:
			o->second_conn = true;
			break;

		case O_PORT_FILE:
			o->port_file = optarg;
			break;

		case O_LINGER:
			if (!parse_uint(&o->linger_ms, optarg, 600000))
				return EINVAL;
			break;

		case O_GAP:
			if (!parse_uint(&o->gap_ms, optarg, 60000))
				return EINVAL;
			break;

		case O_MAX:
			if (!parse_uint(&o->max_s, optarg, 3600) || !o->max_s)
				return EINVAL;
			break;

		default:
			return EINVAL;
		}
	}

	if (!tp || !o->port_file || optind == argc ||
	    argc - optind > MAX_FILES ||
	    (o->second_conn && (!o->tcp || argc - optind < 2)))
		return EINVAL;
	for (int i = optind; i < argc; i++)
		o->files[o->filec++] = argv[i];
	return 0;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in sa;
	socklen_t slen = sizeof(sa);
	struct opts o;
	char local[32];
	int fd, err;

	if (parse_opts(&o, argc, argv)) {
		usage(stderr);
		return 2;
	}

	/* the default action of SIGALRM ends the process: no hang, ever */
	signal(SIGALRM, SIG_DFL);
	alarm(o.max_s);

	fd = socket(AF_INET, o.tcp ? SOCK_STREAM : SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("responder: socket");
		return 1;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = 0;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    getsockname(fd, (struct sockaddr *)&sa, &slen)) {
		perror("responder: bind");
		return 1;
	}
	snprintf(local, sizeof(local), "127.0.0.1:%u",
		 (unsigned)ntohs(sa.sin_port));

	/* listen before the port is announced: no connection is refused */
	if (o.tcp && listen(fd, 4)) {
		perror("responder: listen");
		return 1;
	}

	err = write_port(o.port_file, ntohs(sa.sin_port));
	if (err) {
		fprintf(stderr, "responder: %s: %s\n", o.port_file,
			strerror(err));
		return 1;
	}

	err = o.tcp ? run_tcp(fd, &o, local) : run_udp(fd, &o, local);
	close(fd);
	if (err) {
		fprintf(stderr, "responder: %s\n", strerror(err));
		return 1;
	}
	return 0;
}
