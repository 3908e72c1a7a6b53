/**
 * @file verdict.c  Findings of one judged run
 */
#include <config.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"

/* A finding whose detail lies in its own block, after it */
static void finding_destructor(void *arg)
{
	struct finding *f = arg;

	list_unlink(&f->le);
}

/* ... and one whose detail was too long for the stack: its own block */
static void finding_destructor_long(void *arg)
{
	struct finding *f = arg;

	list_unlink(&f->le);
	mem_deref(f->detail);
}

void verdict_init(struct verdict *v)
{
	memset(v, 0, sizeof(*v));
	list_init(&v->findings);
}

void verdict_reset(struct verdict *v)
{
	list_flush(&v->findings);
	verdict_init(v);
}

/** Mark a rule as checked: it had something to judge */
void verdict_apply(struct verdict *v, enum rule_id r)
{
	if ((unsigned)r < RULE_COUNT)
		v->applied[r] = 1;
}

/* An unsigned in decimal into p (room for 20 digits); its length */
static size_t put_dec(char *p, unsigned long long x)
{
	char tmp[20];
	size_t n = 0;

	do {
		tmp[n++] = (char)('0' + x % 10);
		x /= 10;
	} while (x);
	for (size_t i = 0; i < n; i++)
		p[i] = tmp[n - 1 - i];
	return n;
}

/*
 * The details of the rules, printed without libre's printf: its handler
 * call per piece made printing half of judging one message with many
 * defects (lint, the single-message fuzz target; callgrind).  Only what
 * the details use, printed as re_vsnprintf() prints it: %u, %zu, %llu,
 * %s and %r (NULL: nothing), %%.  -1 for any other conversion (%j, a
 * width...): the caller hands those to re_vsnprintf(); sz when the text
 * does not fit with its NUL: the caller goes to re_vsdprintf() at once,
 * without a second print into the stack that cannot fit either.
 */
static int detail_print(char *buf, size_t sz, const char *fmt, va_list ap)
{
	size_t n = 0;

	for (const char *c = fmt; *c; c++) {
		const char *s = NULL;
		size_t l = 0;
		char num[20];

		if (*c != '%') {        /* the text up to the next '%' */
			const char *e = strchr(c, '%');

			s = c;
			l = e ? (size_t)(e - c) : strlen(c);
			c += l - 1;
		}
		else if (c[1] == '%') {
			s = c++;
			l = 1;
		}
		else if (c[1] == 'u') {
			l = put_dec(num, va_arg(ap, unsigned));
			s = num;
			c++;
		}
		else if (c[1] == 'z' && c[2] == 'u') {
			l = put_dec(num, va_arg(ap, size_t));
			s = num;
			c += 2;
		}
		else if (c[1] == 'l' && c[2] == 'l' && c[3] == 'u') {
			l = put_dec(num, va_arg(ap, unsigned long long));
			s = num;
			c += 3;
		}
		else if (c[1] == 's') {
			s = va_arg(ap, const char *);
			l = s ? strlen(s) : 0;
			c++;
		}
		else if (c[1] == 'r') {
			const struct pl *pl = va_arg(ap, const struct pl *);

			s = pl ? pl->p : NULL;
			l = s ? pl->l : 0;
			c++;
		}
		else {
			return -1;
		}

		if (l >= sz - n)
			return (int)sz;
		if (l)
			memcpy(buf + n, s, l);
		n += l;
	}
	buf[n] = '\0';
	return (int)n;
}

/**
 * Record a broken rule.  The quote points into the judged bytes, which
 * must outlive the verdict.
 *
 * The finding and its detail are one allocation: the detail is printed
 * into the stack first (detail_print()) and copied behind the finding.
 * re_vsdprintf() (16 bytes, then reallocated as it doubles) and a block
 * for each made allocation a third of judging a message with many
 * defects (lint, the single-message fuzz target).  Only a detail too long
 * for the stack takes re_vsdprintf() and a block of its own.
 */
int verdict_add(struct verdict *v, enum rule_id r, size_t msg,
		uint64_t t_us, size_t off, struct pl quote,
		const char *fmt, ...)
{
	struct finding *f;
	char buf[256];
	va_list ap;
	int n = 0;

	if (!v || (unsigned)r >= RULE_COUNT)
		return EINVAL;

	if (fmt) {
		va_start(ap, fmt);
		n = detail_print(buf, sizeof(buf), fmt, ap);
		va_end(ap);
	}
	if (fmt && n < 0) {
		va_start(ap, fmt);
		n = re_vsnprintf(buf, sizeof(buf), fmt, ap);
		va_end(ap);
	}

	/* sizeof(buf): it did not fit; -1 (re_vsnprintf()): it did not
	 * fit, or a conversion failed */
	if (fmt && (n < 0 || (size_t)n + 1 >= sizeof(buf))) {
		int err;

		f = mem_zalloc(sizeof(*f), finding_destructor_long);
		if (!f)
			return ENOMEM;
		va_start(ap, fmt);
		err = re_vsdprintf(&f->detail, fmt, ap);
		va_end(ap);
		if (err) {
			mem_deref(f);
			return err;
		}
	}
	else {
		f = mem_zalloc(sizeof(*f) + (fmt ? (size_t)n + 1 : 0),
			       finding_destructor);
		if (!f)
			return ENOMEM;
		if (fmt) {
			f->detail = (char *)(f + 1);
			memcpy(f->detail, buf, (size_t)n + 1);
		}
	}

	f->rule  = r;
	f->msg   = msg;
	f->t_us  = t_us;
	f->off   = off;
	f->quote = quote;

	list_append(&v->findings, &f->le, f);
	v->applied[r] = 1;
	if (v->broken[r] < UINT16_MAX)
		v->broken[r]++;

	switch (rule_get(r)->level) {

	case LEVEL_MUST:   v->must++;    break;
	case LEVEL_SHOULD: v->should++;  break;
	case LEVEL_NOTE:   v->notes++;   break;
	default:           v->nojudge++; break;
	}

	return 0;
}

bool verdict_failed(const struct verdict *v)
{
	return v->must > 0;
}

bool verdict_unjudged(const struct verdict *v)
{
	return !v->must && v->nojudge > 0;
}
