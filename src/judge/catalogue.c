/**
 * @file catalogue.c  Every rule the judge knows, looked up by enum or id
 *
 * The rows are in rules.def.  An id is a contract with the CI jobs that
 * grep for it: never rename one, add new ones instead.
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "sip/statusline.h"
#include "sip/message.h"
#include "judge/rules.h"

static const struct rule catalogue[] = {
#define RULE(name, id_, level_, rfc_, section_, family_, summary_) \
	[name] = {.id = id_, .family = family_, .level = LEVEL_ ## level_, \
		  .rfc = rfc_, .section = section_, .summary = summary_},
#include "judge/rules.def"
#undef RULE
};

_Static_assert(ARRAY_SIZE(catalogue) == RULE_COUNT,
	       "rules.def gives every rule_id one row");

const struct rule *rule_get(enum rule_id id)
{
	return (unsigned)id < RULE_COUNT ? &catalogue[id] : NULL;
}

int rule_id_width(void)
{
	int w = 0;

	for (int i = 0; i < RULE_COUNT; i++)
		if ((int)strlen(catalogue[i].id) > w)
			w = (int)strlen(catalogue[i].id);
	return w;
}

int rule_lookup(const char *id)
{
	for (int i = 0; i < RULE_COUNT; i++)
		if (!strcmp(catalogue[i].id, id))
			return i;
	return -1;
}

const char *rule_level_str(enum rule_level l)
{
	switch (l) {

	case LEVEL_MUST:   return "MUST";
	case LEVEL_SHOULD: return "SHOULD";
	case LEVEL_NOTE:   return "NOTE";
	default:           return "NOJUDGE";
	}
}
