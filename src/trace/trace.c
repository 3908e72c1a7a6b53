/**
 * @file trace.c  The recorded exchange
 *
 * File format (text header lines, raw bytes, so any byte survives):
 *
 *   sipconform-trace 1 <end_us>
 *   <kind> <dir> <tp> <local> <peer> <conn> <t_us> <incomplete> <len>\n
 *   <len raw bytes>\n
 *   ...
 */
#include <config.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "trace/trace.h"

static void ev_destructor(void *arg)
{
	struct trace_ev *ev = arg;

	list_unlink(&ev->le);
	mem_deref(ev->data);
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

	ev = mem_zalloc(sizeof(*ev), ev_destructor);
	if (!ev)
		return ENOMEM;

	/* one spare byte so the copy is NUL-terminated for debuggers; the
	 * judge never relies on it */
	ev->data = mem_alloc(len + 1, NULL);
	if (!ev->data) {
		mem_deref(ev);
		return ENOMEM;
	}
	if (len)
		memcpy(ev->data, p, len);
	ev->data[len] = '\0';

	ev->index = t->n++;
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

	fprintf(f, "sipconform-trace 1 %llu\n",
		(unsigned long long)t->end_us);

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
			(unsigned long long)ev->t_us, ev->incomplete, ev->len);
		if (fwrite(ev->data, 1, ev->len, f) != ev->len)
			err = EIO;
		fputc('\n', f);
	}

	if (ferror(f))
		err = EIO;
	return err;
}

static int sa_read(struct sa *sa, const char *s)
{
	char canon[80];

	if (!strcmp(s, "-")) {
		sa_init(sa, AF_UNSPEC);
		return 0;
	}
	/* Only what sa_write() writes: libre's sa_decode() takes
	 * "127.0.0.1:50x70" as port 50 and ":65536" as 0, so a trace loaded
	 * and saved again would not be the trace it was (fuzz_trace,
	 * corpus/trace.repro/port-*) */
	if (sa_decode(sa, s, strlen(s)) || !sa_isset(sa, SA_ALL) ||
	    re_snprintf(canon, sizeof(canon), "%J", sa) < 0 ||
	    strcmp(canon, s))
		return EBADMSG;
	return 0;
}

static int field_index(const char *s, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, names[i]))
			return (int)i;
	return -1;
}

#define TRACE_MAX_EV (64u * 1024 * 1024)

int trace_load(struct trace **tp, FILE *f)
{
	static const char *const dirs[] = {"in", "out"};
	struct trace *t = NULL;
	unsigned long long end_us;
	char line[512];
	uint8_t *buf = NULL;
	int err;

	if (!tp || !f)
		return EINVAL;

	if (!fgets(line, sizeof(line), f) ||
	    sscanf(line, "sipconform-trace 1 %llu", &end_us) != 1)
		return EBADMSG;

	err = trace_alloc(&t);
	if (err)
		return err;

	while (fgets(line, sizeof(line), f)) {
		char kind[8], dir[8], tps[8], loc[80], peer[80];
		unsigned conn;
		unsigned long long t_us;
		int incomplete, k, d;
		size_t len;
		struct trace_ev *ev;
		struct sa la, pa;
		enum sip_transp tpv = SIP_TRANSP_NONE;

		if (sscanf(line, "%7s %7s %7s %79s %79s %u %llu %d %zu", kind,
			   dir, tps, loc, peer, &conn, &t_us, &incomplete,
			   &len) != 9 || len > TRACE_MAX_EV) {
			err = EBADMSG;
			goto out;
		}

		k = field_index(kind, kind_names, ARRAY_SIZE(kind_names));
		d = field_index(dir, dirs, ARRAY_SIZE(dirs));
		if (k < 0 || d < 0 || sa_read(&la, loc) || sa_read(&pa, peer)) {
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
			err = EBADMSG;
			goto out;
		}

		err = trace_add(t, (enum trace_kind)k, (enum trace_dir)d, tpv,
				&la, &pa, conn, t_us, buf, len, &ev);
		if (err)
			goto out;
		ev->incomplete = incomplete != 0;
		buf = mem_deref(buf);
	}

	t->end_us = end_us;

 out:
	mem_deref(buf);
	if (err)
		mem_deref(t);
	else
		*tp = t;
	return err;
}
