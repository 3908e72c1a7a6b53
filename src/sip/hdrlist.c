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

unsigned hdrlist_split(const struct pl *val, struct pl *out, unsigned max)
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
			if (e.l) {
				if (out && n < max)
					out[n] = e;
				n++;
			}
			start = i + 1;
		}
	}

	return n;
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

	if (!first)
		return false;
	for (unsigned i = (unsigned)(first - m->hdrv); i < m->hdrc; i++) {
		struct pl v[32];
		unsigned n;

		if (m->hdrv[i].id != id)
			continue;
		n = hdrlist_split(&m->hdrv[i].val, v, ARRAY_SIZE(v));
		for (unsigned k = 0; k < n && k < ARRAY_SIZE(v); k++)
			if (!pl_strcasecmp(&v[k], tok))
				return true;
	}
	return false;
}
