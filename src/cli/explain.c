/**
 * @file explain.c  `sipconform --explain RULE`: the sentence behind a rule
 *
 * For a vendor reading a finding: which RFC sentence the rule enforces,
 * when it applies, what the finding says and what to change.  A family
 * name (the part of the id before the dot) explains each of its rules.
 */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "judge/rules.h"
#include "judge/explain.h"
#include "cli/cli.h"

enum { WIDTH = 76 };

/* s as a paragraph of at most WIDTH columns, every line after indent */
static void wrap(FILE *f, const char *indent, const char *s)
{
	size_t col = 0, ind = strlen(indent);

	fputs(indent, f);
	col = ind;
	while (*s) {
		size_t w = strcspn(s, " ");

		if (col > ind && col + 1 + w > WIDTH) {
			fprintf(f, "\n%s", indent);
			col = ind;
		}
		else if (col > ind) {
			fputc(' ', f);
			col++;
		}
		fwrite(s, 1, w, f);
		col += w;
		s += w;
		while (*s == ' ')
			s++;
	}
	fputc('\n', f);
}

static void explain_one(FILE *f, enum rule_id id)
{
	const struct rule *r = rule_get(id);
	const struct rule_explain *e = rule_explain(id);

	fprintf(f, "%s  %s  %s \xc2\xa7%s\n", r->id, rule_level_str(r->level),
		r->rfc, r->section);
	wrap(f, "  ", r->summary);
	if (!e)
		return;
	fputc('\n', f);
	wrap(f, "  ", e->quote);
	fputc('\n', f);
	wrap(f, "  ", e->applies);
	wrap(f, "  ", e->means);
	wrap(f, "  ", e->fix);
}

int cli_explain(FILE *f, const char *name)
{
	size_t l = strlen(name);
	int id = rule_lookup(name);
	unsigned n = 0;

	if (id >= 0) {
		explain_one(f, (enum rule_id)id);
		return 0;
	}

	for (int i = 0; i < RULE_COUNT; i++) {
		const struct rule *r = rule_get((enum rule_id)i);

		if (strcmp(r->family, name))
			continue;
		if (n++)
			fputc('\n', f);
		explain_one(f, (enum rule_id)i);
	}
	if (n)
		return 0;

	fprintf(stderr, "sipconform: no rule or family '%s'", name);
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct rule *r = rule_get((enum rule_id)i);

		/* the ids that start like the name, to help a typo */
		if (l >= 3 && !strncmp(r->id, name, l < 6 ? l : 6)) {
			fprintf(stderr, "%s %s", n++ ? "," : "; did you mean",
				r->id);
		}
	}
	fputs(n ? "?\n" : " (see --list-rules)\n", stderr);
	return ENOENT;
}
