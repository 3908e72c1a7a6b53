/**
 * @file explain.c  The sentence behind each rule (explain.def)
 */
#include <stddef.h>
#include "judge/explain.h"

static const struct rule_explain explainv[RULE_COUNT] = {
#define EXPLAIN(name, quote, applies, means, fix) \
	[name] = {quote, applies, means, fix},
#include "judge/explain.def"
#undef EXPLAIN
};

const struct rule_explain *rule_explain(enum rule_id id)
{
	if ((unsigned)id >= RULE_COUNT || !explainv[id].quote)
		return NULL;
	return &explainv[id];
}
