/**
 * @file compare.c  How SIP compares the identifiers it matches on
 *
 * The default is RFC 3261 section 7.3.1: "Unless otherwise stated in the
 * definition of a particular header field, field values, parameter names,
 * and parameter values are case-insensitive.  Tokens are always
 * case-insensitive."  A tag and a branch are tokens (tag-param = "tag"
 * EQUAL token, via-branch = "branch" EQUAL token, section 25.1) and
 * neither definition says otherwise, so both compare case-insensitively.
 * Call-ID and the method are the stated exceptions.
 */
#include <string.h>
#include "sip/compare.h"

bool tag_eq(const struct pl *a, const struct pl *b)
{
	if (!a->p || !b->p)
		return !a->p && !b->p;
	return !pl_casecmp(a, b);
}

/* Section 8.1.1.4: "Call-IDs are case-sensitive and are simply compared
 * byte-by-byte." */
bool callid_eq(const struct pl *a, const struct pl *b)
{
	if (!a->p || !b->p)
		return !a->p && !b->p;
	return !pl_cmp(a, b);
}

/* Section 17.1.3 matches a response on "the same value of the branch
 * parameter in the top Via"; a token, so case-insensitive.  Without a
 * branch there is nothing to match on. */
bool branch_eq(const struct pl *a, const struct pl *b)
{
	if (!a->p || !b->p || !a->l || !b->l)
		return false;
	return !pl_casecmp(a, b);
}

/* Section 7.1: "The method names defined here are in upper-case", and
 * section 25.1 spells them as case-sensitive strings (%x49.4E.56.49.54.45
 * for INVITE); an extension-method is a token compared as sent. */
bool method_eq(const struct pl *a, const char *method)
{
	return a->p && !pl_strcmp(a, method);
}

/* Case-insensitive values hash their case-folded bytes; an absent value
 * hashes to 0, like every other absent one */
uint32_t tag_hash(const struct pl *a)
{
	return a->p ? hash_joaat_ci(a->p, a->l) : 0;
}

uint32_t callid_hash(const struct pl *a)
{
	return a->p ? hash_joaat((const uint8_t *)a->p, a->l) : 0;
}

uint32_t branch_hash(const struct pl *a)
{
	return a->p ? hash_joaat_ci(a->p, a->l) : 0;
}

uint32_t bytes_hash(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint64_t h = 0x9e3779b97f4a7c15u ^ len, w;

	/* a multiply per word spreads every input bit over the high bits;
	 * the shifts below bring them down into the 32 returned */
	for (; len >= 8; b += 8, len -= 8) {
		memcpy(&w, b, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
	}
	if (len) {
		w = 0;
		memcpy(&w, b, len);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
	}
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 29;
	return (uint32_t)(h ^ (h >> 32));
}

static bool lws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool copied_eq(const struct pl *a, const struct pl *b)
{
	size_t i = 0, k = 0;

	if (!a || !b)
		return false;
	for (;;) {
		while (i < a->l && lws(a->p[i]))
			i++;
		while (k < b->l && lws(b->p[k]))
			k++;
		if (i == a->l || k == b->l)
			return i == a->l && k == b->l;
		if (a->p[i++] != b->p[k++])
			return false;
	}
}
