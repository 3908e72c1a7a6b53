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

static void finding_destructor(void *arg)
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

/*
 * A finding's detail, allocated to its length.  re_vsdprintf() starts
 * at 16 bytes and reallocates as it doubles, several times for a usual
 * detail; a message with many defects made that a third of judging it
 * (lint, and the single-message fuzz target).  So print into the stack
 * first and copy once; only a detail too long for it takes the slow way.
 */
static int detail_print(char **strp, const char *fmt, va_list ap)
{
	char buf[256];
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = re_vsnprintf(buf, sizeof(buf), fmt, aq);
	va_end(aq);

	/* -1: it did not fit (or a conversion failed): let re_vsdprintf()
	 * size it, or say what failed */
	if (n < 0 || (size_t)n + 1 >= sizeof(buf))
		return re_vsdprintf(strp, fmt, ap);

	*strp = mem_alloc((size_t)n + 1, NULL);
	if (!*strp)
		return ENOMEM;
	memcpy(*strp, buf, (size_t)n + 1);

	return 0;
}

/**
 * Record a broken rule.  The quote points into the judged bytes, which
 * must outlive the verdict.
 */
int verdict_add(struct verdict *v, enum rule_id r, size_t msg,
		uint64_t t_us, size_t off, struct pl quote,
		const char *fmt, ...)
{
	struct finding *f;
	va_list ap;
	int err = 0;

	if (!v || (unsigned)r >= RULE_COUNT)
		return EINVAL;

	f = mem_zalloc(sizeof(*f), finding_destructor);
	if (!f)
		return ENOMEM;

	f->rule  = r;
	f->msg   = msg;
	f->t_us  = t_us;
	f->off   = off;
	f->quote = quote;

	if (fmt) {
		va_start(ap, fmt);
		err = detail_print(&f->detail, fmt, ap);
		va_end(ap);
		if (err) {
			mem_deref(f);
			return err;
		}
	}

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
