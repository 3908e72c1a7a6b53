/**
 * @file wellformed.c  Strict JSON and XML well-formedness, for the fuzzers
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "wellformed.h"

struct cur {
	const unsigned char *s;
	size_t len, i;
	bool bad;
};

static void bad(struct cur *c)
{
	c->bad = true;
}

static int peek(const struct cur *c)
{
	return c->i < c->len ? c->s[c->i] : -1;
}

/* One UTF-8 sequence at c->i (RFC 3629 section 4); its code point */
static uint32_t utf8(struct cur *c)
{
	const unsigned char *p = c->s + c->i;
	size_t left = c->len - c->i;
	uint32_t cp, min;
	unsigned n;

	if (p[0] < 0x80) {
		c->i++;
		return p[0];
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 1; cp = p[0] & 0x1f; min = 0x80;
	}
	else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 2; cp = p[0] & 0x0f; min = 0x800;
	}
	else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 3; cp = p[0] & 0x07; min = 0x10000;
	}
	else {
		bad(c);
		return 0;
	}
	if (left <= n) {
		bad(c);
		return 0;
	}
	for (unsigned k = 1; k <= n; k++) {
		if ((p[k] & 0xc0) != 0x80) {
			bad(c);
			return 0;
		}
		cp = cp << 6 | (p[k] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
		bad(c);
		return 0;
	}
	c->i += n + 1;
	return cp;
}

/* ---- JSON ---- */

static void json_ws(struct cur *c)
{
	while (peek(c) == ' ' || peek(c) == '\t' || peek(c) == '\n' ||
	       peek(c) == '\r')
		c->i++;
}

static bool lit(struct cur *c, const char *w)
{
	size_t n = strlen(w);

	if (c->len - c->i < n || memcmp(c->s + c->i, w, n))
		return false;
	c->i += n;
	return true;
}

static bool digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

static bool xdigit(int ch)
{
	return digit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

static void json_string(struct cur *c)
{
	c->i++;    /* '"' */
	while (!c->bad) {
		int ch = peek(c);

		if (ch < 0 || ch < 0x20) {
			bad(c);
			return;
		}
		if (ch == '"') {
			c->i++;
			return;
		}
		if (ch == '\\') {
			c->i++;
			ch = peek(c);
			if (ch == 'u') {
				c->i++;
				for (int k = 0; k < 4; k++) {
					if (!xdigit(peek(c))) {
						bad(c);
						return;
					}
					c->i++;
				}
			}
			else if (ch >= 0 && strchr("\"\\/bfnrt", ch) && ch) {
				c->i++;
			}
			else {
				bad(c);
			}
			continue;
		}
		(void)utf8(c);
	}
}

/* 1*DIGIT */
static void json_digits(struct cur *c)
{
	if (!digit(peek(c))) {
		bad(c);
		return;
	}
	while (digit(peek(c)))
		c->i++;
}

/* [ minus ] int [ frac ] [ exp ]; int = zero / digit1-9 *DIGIT */
static void json_number(struct cur *c)
{
	if (peek(c) == '-')
		c->i++;
	if (peek(c) == '0')
		c->i++;
	else
		json_digits(c);
	if (!c->bad && peek(c) == '.') {
		c->i++;
		json_digits(c);
	}
	if (!c->bad && (peek(c) == 'e' || peek(c) == 'E')) {
		c->i++;
		if (peek(c) == '+' || peek(c) == '-')
			c->i++;
		json_digits(c);
	}
}

static void json_value(struct cur *c, unsigned depth)
{
	int ch;

	json_ws(c);
	ch = peek(c);
	if (depth > 256) {
		bad(c);
		return;
	}
	if (ch == '{' || ch == '[') {
		int close = ch == '{' ? '}' : ']';

		c->i++;
		json_ws(c);
		if (peek(c) == close) {
			c->i++;
			return;
		}
		for (;;) {
			if (close == '}') {
				json_ws(c);
				if (peek(c) != '"') {
					bad(c);
					return;
				}
				json_string(c);
				json_ws(c);
				if (c->bad || peek(c) != ':') {
					bad(c);
					return;
				}
				c->i++;
			}
			json_value(c, depth + 1);
			if (c->bad)
				return;
			json_ws(c);
			if (peek(c) == ',') {
				c->i++;
				continue;
			}
			if (peek(c) == close) {
				c->i++;
				return;
			}
			bad(c);
			return;
		}
	}
	if (ch == '"')
		json_string(c);
	else if (ch == '-' || digit(ch))
		json_number(c);
	else if (!lit(c, "true") && !lit(c, "false") && !lit(c, "null"))
		bad(c);
}

size_t wf_json(const char *s, size_t len)
{
	struct cur c = {(const unsigned char *)s, len, 0, false};

	json_value(&c, 0);
	json_ws(&c);
	if (!c.bad && c.i != len)
		bad(&c);
	return c.bad ? c.i + 1 : 0;
}

/* ---- XML ---- */

static bool xml_char(uint32_t cp)
{
	return cp == 0x9 || cp == 0xa || cp == 0xd ||
		(cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
		(cp >= 0x10000 && cp <= 0x10ffff);
}

static bool name_char(int ch, bool first)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		ch == '_' || ch == ':' ||
		(!first && (digit(ch) || ch == '-' || ch == '.'));
}

/* A name (ASCII is all the writer uses); its length */
static size_t xml_name(struct cur *c)
{
	size_t start = c->i;

	if (!name_char(peek(c), true)) {
		bad(c);
		return 0;
	}
	while (name_char(peek(c), false))
		c->i++;
	return c->i - start;
}

static void xml_ref(struct cur *c)
{
	static const char *const ents[] = {"lt;", "gt;", "amp;", "quot;",
					   "apos;"};
	uint32_t cp = 0;

	c->i++;    /* '&' */
	for (size_t k = 0; k < sizeof(ents) / sizeof(ents[0]); k++)
		if (lit(c, ents[k]))
			return;
	if (peek(c) != '#') {
		bad(c);
		return;
	}
	c->i++;
	if (peek(c) == 'x') {
		c->i++;
		if (!xdigit(peek(c))) {
			bad(c);
			return;
		}
		while (xdigit(peek(c)) && cp <= 0x10ffff) {
			int h = peek(c);

			cp = cp * 16 + (uint32_t)(digit(h) ? h - '0' :
						  (h | 0x20) - 'a' + 10);
			c->i++;
		}
	}
	else {
		if (!digit(peek(c))) {
			bad(c);
			return;
		}
		while (digit(peek(c)) && cp <= 0x10ffff) {
			cp = cp * 10 + (uint32_t)(peek(c) - '0');
			c->i++;
		}
	}
	if (peek(c) != ';' || !xml_char(cp)) {
		bad(c);
		return;
	}
	c->i++;
}

/* Character data up to '<' (or, in an attribute, up to its quote) */
static void xml_text(struct cur *c, int quote)
{
	while (!c->bad) {
		int ch = peek(c);

		if (ch < 0 || ch == '<' || ch == quote)
			return;
		if (ch == '&')
			xml_ref(c);
		else if (ch == '>' && quote)
			c->i++;
		else if (!xml_char(utf8(c)))
			bad(c);
	}
}

static void xml_ws(struct cur *c)
{
	while (peek(c) == ' ' || peek(c) == '\t' || peek(c) == '\n' ||
	       peek(c) == '\r')
		c->i++;
}

/* Attributes up to '>' or "/>"; true for an empty element */
static bool xml_attrs(struct cur *c, int end)
{
	for (;;) {
		bool ws = peek(c) == ' ' || peek(c) == '\t' ||
			peek(c) == '\n' || peek(c) == '\r';

		xml_ws(c);
		if (end == '?' && lit(c, "?>"))
			return true;
		if (end != '?' && lit(c, "/>"))
			return true;
		if (end != '?' && peek(c) == '>') {
			c->i++;
			return false;
		}
		if (!ws) {
			bad(c);
			return false;
		}
		xml_name(c);
		if (c->bad || !lit(c, "=\"")) {
			bad(c);
			return false;
		}
		xml_text(c, '"');
		if (c->bad || peek(c) != '"') {
			bad(c);
			return false;
		}
		c->i++;
	}
}

size_t wf_xml(const char *s, size_t len)
{
	struct cur c = {(const unsigned char *)s, len, 0, false};
	struct { size_t at, l; } open[256];
	unsigned depth = 0;
	bool root_done = false;

	if (lit(&c, "<?xml")) {
		xml_attrs(&c, '?');
	}
	while (!c.bad && c.i < len) {
		size_t at, l;

		if (depth == 0) {
			xml_ws(&c);
			if (c.i == len)
				break;
			if (root_done || peek(&c) != '<') {
				bad(&c);
				break;
			}
		}
		else if (peek(&c) != '<') {
			xml_text(&c, 0);
			continue;
		}
		c.i++;    /* '<' */
		if (peek(&c) == '/') {
			c.i++;
			at = c.i;
			l = xml_name(&c);
			if (c.bad || !depth || l != open[depth - 1].l ||
			    memcmp(s + at, s + open[depth - 1].at, l)) {
				bad(&c);
				break;
			}
			xml_ws(&c);
			if (peek(&c) != '>') {
				bad(&c);
				break;
			}
			c.i++;
			if (--depth == 0)
				root_done = true;
			continue;
		}
		at = c.i;
		l = xml_name(&c);
		if (c.bad)
			break;
		if (xml_attrs(&c, '>')) {
			if (depth == 0)
				root_done = true;
			continue;
		}
		if (c.bad)
			break;
		if (depth == sizeof(open) / sizeof(open[0])) {
			bad(&c);
			break;
		}
		open[depth].at = at;
		open[depth].l = l;
		depth++;
	}
	if (!c.bad && (depth || !root_done))
		bad(&c);
	return c.bad ? c.i + 1 : 0;
}
