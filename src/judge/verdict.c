/**
 * @file verdict.c  Findings of one judged run
 */
#include <config.h>
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
		err = re_vsdprintf(&f->detail, fmt, ap);
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
