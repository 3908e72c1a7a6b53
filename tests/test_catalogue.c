/**
 * @file test_catalogue.c  Every row of rules.def is a usable rule
 *
 * An id, unique, whose part before the dot is its family; a level, an
 * RFC, a section and a summary; rule_lookup() finds it again; and
 * explain.def says the sentence behind it, which names the rule's RFC.
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "judge/rules.h"
#include "judge/explain.h"
#include "testutil.h"

static bool filled(const char *s)
{
	return s && *s;
}

static void test_rows(void)
{
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct rule *r = rule_get((enum rule_id)i);
		size_t fl;

		CHECK(r != NULL, "rule %d: no row", i);
		if (!r)
			continue;
		CHECK(filled(r->id), "rule %d: no id", i);
		if (!filled(r->id))
			continue;
		CHECK(filled(r->family), "%s: no family", r->id);
		fl = r->family ? strlen(r->family) : 0;
		CHECK(fl && !strncmp(r->id, r->family, fl) &&
		      r->id[fl] == '.' && r->id[fl + 1],
		      "%s: id is not '%s.<name>'", r->id, r->family);
		CHECK(r->level == LEVEL_MUST || r->level == LEVEL_SHOULD ||
		      r->level == LEVEL_NOTE || r->level == LEVEL_NOJUDGE,
		      "%s: level %d", r->id, r->level);
		CHECK(filled(r->rfc) && !strncmp(r->rfc, "RFC ", 4),
		      "%s: rfc '%s'", r->id, r->rfc ? r->rfc : "");
		CHECK(filled(r->section), "%s: no section", r->id);
		CHECK(filled(r->summary), "%s: no summary", r->id);
		CHECK(rule_lookup(r->id) == i, "%s: rule_lookup gives %d, "
		      "not %d", r->id, rule_lookup(r->id), i);

		for (int k = 0; k < i; k++) {
			const struct rule *e = rule_get((enum rule_id)k);

			CHECK(strcmp(e->id, r->id), "%s: rules %d and %d",
			      r->id, k, i);
		}
	}
}

static void test_bounds(void)
{
	CHECK(rule_get(RULE_COUNT) == NULL, "rule_get(RULE_COUNT)");
	CHECK(rule_get((enum rule_id)-1) == NULL, "rule_get(-1)");
	CHECK(rule_lookup("statusline") == -1, "a family is not an id");
	CHECK(rule_lookup("") == -1, "empty id");
	CHECK(!strcmp(rule_level_str(LEVEL_MUST), "MUST") &&
	      !strcmp(rule_level_str(LEVEL_SHOULD), "SHOULD") &&
	      !strcmp(rule_level_str(LEVEL_NOTE), "NOTE"), "levels");
}

static void test_explain(void)
{
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct rule *r = rule_get((enum rule_id)i);
		const struct rule_explain *e = rule_explain((enum rule_id)i);

		CHECK(e != NULL, "%s: no entry in explain.def", r->id);
		if (!e)
			continue;
		CHECK(filled(e->quote) && strstr(e->quote, r->rfc),
		      "%s: the quote does not name %s", r->id, r->rfc);
		CHECK(!strncmp(e->applies, "applies: ", 9), "%s: applies",
		      r->id);
		CHECK(!strncmp(e->means, "means: ", 7), "%s: means", r->id);
		CHECK(!strncmp(e->fix, "fix: ", 5), "%s: fix", r->id);
	}
	CHECK(rule_explain(RULE_COUNT) == NULL, "rule_explain(RULE_COUNT)");
}

/* The reports' id column is as wide as the longest id, and no wider */
static void test_id_width(void)
{
	bool reached = false;

	for (int i = 0; i < RULE_COUNT; i++) {
		int n = (int)strlen(rule_get((enum rule_id)i)->id);

		CHECK(n <= rule_id_width(), "%s is wider than the column",
		      rule_get((enum rule_id)i)->id);
		reached |= n == rule_id_width();
	}
	CHECK(reached, "no id is %d wide", rule_id_width());
}

int main(void)
{
	test_rows();
	test_id_width();
	test_bounds();
	test_explain();
	printf("test_catalogue: %d rules\n", RULE_COUNT);
	return test_summary("test_catalogue");
}
