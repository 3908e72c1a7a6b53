/**
 * @file trace.c  The recorded exchange
 *
 * File format (text header lines, raw bytes, so any byte survives):
 *
 *   sipconform-trace 1 <end_us>[ started=<unix seconds>][ drops=<kernel drops>]
 *   <kind> <dir> <tp> <local> <peer> <conn> <t_us> <incomplete> <len>\n
 *     (incomplete: 0, 1 the stream closed inside the message, 2 the
 *     recording ended inside it)
 *   <len raw bytes>\n
 *   ...
 */
#include <config.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "sip/host.h"
#include "trace/trace.h"

static void ev_destructor(void *arg)
{
	struct trace_ev *ev = arg;

	list_unlink(&ev->le);
}

static void trace_destructor(void *arg)
{
	struct trace *t = arg;

	list_flush(&t->evl);
}

int trace_alloc(struct trace **tp)
{
	struct trace *t;

	if (!tp)
		return EINVAL;

	t = mem_zalloc(sizeof(*t), trace_destructor);
	if (!t)
		return ENOMEM;

	list_init(&t->evl);
	*tp = t;
	return 0;
}

int trace_add(struct trace *t, enum trace_kind kind, enum trace_dir dir,
	      enum sip_transp tp, const struct sa *local,
	      const struct sa *peer, unsigned conn, uint64_t t_us,
	      const uint8_t *p, size_t len, struct trace_ev **evp)
{
	struct trace_ev *ev;

	if (!t || (!p && len))
		return EINVAL;
	/* past the limit what comes is counted, not kept: the run is then
	 * not judged (trace.complete), and its judging stays bounded */
	if (dir == TRACE_IN && t->max_in && t->n_in >= t->max_in) {
		t->unrecorded++;
		if (evp)
			*evp = NULL;
		return ENOSPC;
	}

	/* the bytes in the event's own block: one allocation an event (a
	 * load run holds the traces of thousands of calls), and one spare
	 * byte so the copy is NUL-terminated for debuggers; the judge never
	 * relies on it */
	if (len > SIZE_MAX - sizeof(*ev) - 1)
		return ENOMEM;
	ev = mem_alloc(sizeof(*ev) + len + 1, ev_destructor);
	if (!ev)
		return ENOMEM;
	memset(ev, 0, sizeof(*ev));
	ev->data = (uint8_t *)(ev + 1);
	if (len)
		memcpy(ev->data, p, len);
	ev->data[len] = '\0';

	ev->index = t->n++;
	t->n_in += dir == TRACE_IN;
	ev->kind  = kind;
	ev->dir   = dir;
	ev->tp    = tp;
	ev->conn  = conn;
	ev->t_us  = t_us;
	ev->len   = len;
	if (local)
		ev->local = *local;
	if (peer)
		ev->peer = *peer;

	list_append(&t->evl, &ev->le, ev);
	if (t_us > t->end_us)
		t->end_us = t_us;

	if (t->obsh)
		t->obsh(ev, t->obsarg);

	if (evp)
		*evp = ev;
	return 0;
}

int trace_note(struct trace *t, uint64_t t_us, const char *fmt, ...)
{
	char *s = NULL;
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = re_vsdprintf(&s, fmt, ap);
	va_end(ap);
	if (err)
		return err;

	err = trace_add(t, TRACE_NOTE, TRACE_IN, SIP_TRANSP_NONE, NULL, NULL,
			0, t_us, (uint8_t *)s, strlen(s), NULL);
	mem_deref(s);
	return err;
}

size_t trace_count(const struct trace *t, enum trace_kind kind,
		   enum trace_dir dir)
{
	struct le *le;
	size_t n = 0;

	LIST_FOREACH(&t->evl, le) {
		const struct trace_ev *ev = le->data;

		if (ev->kind == kind && ev->dir == dir)
			n++;
	}
	return n;
}

const char *trace_dir_str(enum trace_dir dir)
{
	return dir == TRACE_OUT ? "out" : "in";
}

static const char *const kind_names[] = {"msg", "seg", "note"};

static int sa_write(FILE *f, const struct sa *sa)
{
	if (!sa_isset(sa, SA_ALL))
		return fputs("-", f) < 0 ? EIO : 0;
	return re_fprintf(f, "%J", sa) < 0 ? EIO : 0;
}

int trace_save(const struct trace *t, FILE *f)
{
	struct le *le;
	int err = 0;

	if (!t || !f)
		return EINVAL;

	/* key=value fields and words after the ones version 1 began with:
	 * older readers skip them, older traces without them still load */
	fprintf(f, "sipconform-trace 1 %llu", (unsigned long long)t->end_us);
	if (t->started_unix)
		fprintf(f, " started=%llu",
			(unsigned long long)t->started_unix);
	if (t->kernel_drops)
		fprintf(f, " drops=%u", t->kernel_drops);
	if (t->unrecorded)
		fprintf(f, " unrecorded=%u", t->unrecorded);
	if (t->single_uas)
		fputs(" single-uas", f);
	fputc('\n', f);

	LIST_FOREACH(&t->evl, le) {
		const struct trace_ev *ev = le->data;

		fprintf(f, "%s %s %s ", kind_names[ev->kind],
			trace_dir_str(ev->dir),
			ev->tp == SIP_TRANSP_NONE ? "-" :
			sip_transp_name(ev->tp));
		err |= sa_write(f, &ev->local);
		fputc(' ', f);
		err |= sa_write(f, &ev->peer);
		fprintf(f, " %u %llu %d %zu\n", ev->conn,
			(unsigned long long)ev->t_us,
			ev->cut ? 2 : ev->incomplete, ev->len);
		if (fwrite(ev->data, 1, ev->len, f) != ev->len)
			err = EIO;
		fputc('\n', f);
	}

	if (ferror(f))
		err = EIO;
	return err;
}

/* An address as trace_save() writes it (%J): IPv4 or [IPv6], always
 * with a port of 1-65535, or "-" for none.  libre's sa_decode() would
 * take "127.0.0.1:50x70" or ":99999" and load port 0 or a wrapped one,
 * so the verdict of a trace could change between save and load. */
int trace_addr_read(struct sa *sa, const char *s, char *why, size_t whysz,
		    const char *which)
{
	struct hostaddr ha;
	enum hv_defect d;
	size_t off;
	char canon[80];

	if (!strcmp(s, "-")) {
		sa_init(sa, AF_UNSPEC);
		return 0;
	}
	if (hostaddr_parse(&ha, s, strlen(s), HA_PORT, &d, &off) ||
	    sa_set(sa, &ha.addr, ha.port_num)) {
		re_snprintf(why, whysz, "%s address '%s': %s at byte %zu",
			    which, s, hvalue_defect_str(d), off + 1);
		return EBADMSG;
	}
	/* and only as sa_write() writes it, so that a trace loaded and
	 * saved again is the trace it was (fuzz_trace,
	 * corpus/trace.repro/port-*): no leading zeros, one spelling of
	 * each IPv6 address */
	if (re_snprintf(canon, sizeof(canon), "%J", sa) < 0 ||
	    strcmp(canon, s)) {
		re_snprintf(why, whysz, "%s address '%s': not as sipconform "
			    "writes it ('%s')", which, s, canon);
		return EBADMSG;
	}
	return 0;
}

static int sa_read(struct sa *sa, const char *s, struct trace_fault *why,
		   const char *which)
{
	return trace_addr_read(sa, s, why->why, sizeof(why->why), which);
}

static int field_index(const char *s, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, names[i]))
			return (int)i;
	return -1;
}


#define TRACE_MAX_EV (64u * 1024 * 1024)

/* The fields of the header line after end_us: started=N, drops=N,
 * unrecorded=N, the
 * word single-uas; a known field malformed is refused, a word this
 * reader does not know is skipped (a later version's) */
static int header_fields(const char *p, unsigned long long *started,
			 unsigned *drops, unsigned *unrec, bool *single_uas)
{
	for (;;) {
		size_t l;
		int n = 0;

		while (*p == ' ')
			p++;
		l = strcspn(p, " \r\n");
		if (!l)
			return 0;
		if (!strncmp(p, "started=", 8)) {
			if (sscanf(p, "started=%llu%n", started, &n) != 1 ||
			    (size_t)n != l)
				return EBADMSG;
		}
		else if (!strncmp(p, "drops=", 6)) {
			if (sscanf(p, "drops=%u%n", drops, &n) != 1 ||
			    (size_t)n != l)
				return EBADMSG;
		}
		else if (!strncmp(p, "unrecorded=", 11)) {
			if (sscanf(p, "unrecorded=%u%n", unrec, &n) != 1 ||
			    (size_t)n != l)
				return EBADMSG;
		}
		else if (l == 10 && !strncmp(p, "single-uas", 10)) {
			*single_uas = true;
		}
		p += l;
	}
}

int trace_load_why(struct trace **tp, FILE *f, struct trace_fault *why)
{
	static const char *const dirs[] = {"in", "out"};
	struct trace *t = NULL;
	unsigned long long end_us, started = 0;
	unsigned drops = 0, unrec = 0;
	bool single_uas = false;
	char line[512];
	int pos = 0;
	uint8_t *buf = NULL;
	struct trace_fault spare;
	int err;

	if (!tp || !f)
		return EINVAL;
	if (!why)
		why = &spare;
	why->line = 1;
	re_snprintf(why->why, sizeof(why->why), "not a sipconform trace");

	if (!fgets(line, sizeof(line), f) ||
	    sscanf(line, "sipconform-trace 1 %llu%n", &end_us, &pos) < 1)
		return EBADMSG;
	if (header_fields(line + pos, &started, &drops, &unrec, &single_uas))
		return EBADMSG;

	err = trace_alloc(&t);
	if (err)
		return err;
	t->single_uas = single_uas;

	while (fgets(line, sizeof(line), f)) {
		char kind[8], dir[8], tps[8], loc[80], peer[80];
		unsigned conn;
		unsigned long long t_us;
		int incomplete, k, d;
		size_t len;
		struct trace_ev *ev;
		struct sa la, pa;
		enum sip_transp tpv = SIP_TRANSP_NONE;

		why->line++;
		re_snprintf(why->why, sizeof(why->why), "malformed event "
			    "line");
		if (sscanf(line, "%7s %7s %7s %79s %79s %u %llu %d %zu", kind,
			   dir, tps, loc, peer, &conn, &t_us, &incomplete,
			   &len) != 9 || len > TRACE_MAX_EV) {
			err = EBADMSG;
			goto out;
		}

		k = field_index(kind, kind_names, ARRAY_SIZE(kind_names));
		d = field_index(dir, dirs, ARRAY_SIZE(dirs));
		if (k < 0 || d < 0 || sa_read(&la, loc, why, "local") ||
		    sa_read(&pa, peer, why, "peer")) {
			err = EBADMSG;
			goto out;
		}
		if (!strcmp(tps, "UDP"))
			tpv = SIP_TRANSP_UDP;
		else if (!strcmp(tps, "TCP"))
			tpv = SIP_TRANSP_TCP;

		buf = mem_alloc(len + 1, NULL);
		if (!buf) {
			err = ENOMEM;
			goto out;
		}
		if (fread(buf, 1, len, f) != len || fgetc(f) != '\n') {
			re_snprintf(why->why, sizeof(why->why), "the trace "
				    "ends inside the %zu bytes of this event",
				    len);
			err = EBADMSG;
			goto out;
		}

		err = trace_add(t, (enum trace_kind)k, (enum trace_dir)d, tpv,
				&la, &pa, conn, t_us, buf, len, &ev);
		if (err)
			goto out;
		ev->incomplete = incomplete != 0;
		ev->cut = incomplete == 2;
		buf = mem_deref(buf);
		/* the raw bytes and their closing newline */
		for (size_t i = 0; i < len; i++)
			why->line += ev->data[i] == '\n';
		why->line++;
	}

	t->end_us = end_us;
	t->kernel_drops = drops;
	t->unrecorded = unrec;
	t->started_unix = started;

 out:
	mem_deref(buf);
	if (err)
		mem_deref(t);
	else
		*tp = t;
	return err;
}

int trace_load(struct trace **tp, FILE *f)
{
	return trace_load_why(tp, f, NULL);
}
