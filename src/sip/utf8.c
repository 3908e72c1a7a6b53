/**
 * @file utf8.c  Well-formed UTF-8 (RFC 3629 section 4, Table 3-7 of
 *               Unicode): the second byte's range depends on the first
 */
#include "sip/utf8.h"

int utf8_seq(const uint8_t *p, size_t l, size_t *bad)
{
	uint8_t c, lo = 0x80, hi = 0xbf;
	size_t n, dummy;

	if (!bad)
		bad = &dummy;
	if (!l) {
		*bad = 0;
		return 0;
	}

	c = p[0];
	if (c >= 0xc2 && c <= 0xdf)
		n = 1;
	else if (c >= 0xe0 && c <= 0xef)
		n = 2;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 3;
	else {
		*bad = 0;
		return 0;
	}

	/* No overlong forms, no surrogates, nothing above U+10FFFF */
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;

	for (size_t k = 1; k <= n; k++) {
		if (k >= l)
			return -1;
		c = p[k];
		if (c < lo || c > hi) {
			*bad = k;
			return 0;
		}
		lo = 0x80;
		hi = 0xbf;
	}

	return (int)n + 1;
}
