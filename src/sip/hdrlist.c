/**
 * @file hdrlist.c  The elements of comma-separated header values
 */
#include "sip/hdrlist.h"

static bool is_lws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void hdrlist_trim(struct pl *pl)
{
	while (pl->l && is_lws(*pl->p)) {
		pl->p++;
		pl->l--;
	}
	while (pl->l && is_lws(pl->p[pl->l - 1]))
		pl->l--;
}

/* The bytes the split acts on; every other byte is skipped in a tight
 * loop (issue 11: the split ran on every Via of every response) */
static const bool list_special[256] = {
	['"'] = true, ['<'] = true, ['>'] = true, [','] = true,
	['\\'] = true,
};

/* Each element of val, trimmed, empty ones skipped, to eh in order; eh
 * returns true to stop.  Returns how many eh saw. */
typedef bool (elem_h)(const struct pl *e, unsigned idx, void *arg);

static unsigned split_apply(const struct pl *val, elem_h *eh, void *arg)
{
	bool quoted = false;
	unsigned angle = 0, n = 0;
	size_t start = 0;

	for (size_t i = 0; i <= val->l; i++) {
		bool end;
		char c;

		while (i < val->l && !list_special[(unsigned char)val->p[i]])
			i++;
		end = i == val->l;
		c = end ? ',' : val->p[i];

		/* quoted-pair: a backslash escapes the next byte (25.1) */
		if (quoted && !end) {
			if (c == '\\' && i + 1 < val->l)
				i++;
			else if (c == '"')
				quoted = false;
			continue;
		}
		if (c == '"')
			quoted = true;
		else if (c == '<')
			angle++;
		else if (c == '>' && angle)
			angle--;
		else if (c == ',' && (!angle || end)) {
			struct pl e = {val->p + start, i - start};

			hdrlist_trim(&e);
			if (e.l && eh(&e, n++, arg))
				break;
			start = i + 1;
		}
	}

	return n;
}

struct store {
	struct pl *out;
	unsigned max;
};

static bool store_h(const struct pl *e, unsigned idx, void *arg)
{
	struct store *st = arg;

	if (st->out && idx < st->max)
		st->out[idx] = *e;
	return false;
}

unsigned hdrlist_split(const struct pl *val, struct pl *out, unsigned max)
{
	struct store st = {out, max};

	return split_apply(val, store_h, &st);
}

struct token {
	const char *tok;
	bool found;
};

static bool token_h(const struct pl *e, unsigned idx, void *arg)
{
	struct token *t = arg;

	(void)idx;
	t->found = !pl_strcasecmp(e, t->tok);
	return t->found;
}

unsigned hdrlist_values(const struct message *m, enum hdr_id id,
			struct pl *out, unsigned max)
{
	const struct msg_hdr *first = message_hdr(m, id);
	unsigned n = 0;

	/* from the first line of id on, where message_hdr() stopped: the
	 * lines before it are not looked at twice (and an absent id, its
	 * hdr_ids bit, costs no pass at all) */
	if (!first)
		return 0;
	for (unsigned i = (unsigned)(first - m->hdrv); i < m->hdrc; i++) {
		unsigned k;

		if (m->hdrv[i].id != id)
			continue;
		k = hdrlist_split(&m->hdrv[i].val,
				  out && n < max ? out + n : NULL,
				  n < max ? max - n : 0);
		n += k;
	}
	return n;
}

bool hdrlist_has_token(const struct message *m, enum hdr_id id,
		       const char *tok)
{
	const struct msg_hdr *first = message_hdr(m, id);
	struct token t = {tok, false};

	if (!first)
		return false;
	/* every element, however many (was: the first 32 of each line, so
	 * a 100rel after them went unseen: fuzz_diff_libre, against
	 * libre's sip_msg_hdr_has_value()) */
	for (unsigned i = (unsigned)(first - m->hdrv);
	     i < m->hdrc && !t.found; i++)
		if (m->hdrv[i].id == id)
			(void)split_apply(&m->hdrv[i].val, token_h, &t);
	return t.found;
}
