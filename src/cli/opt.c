/**
 * @file opt.c  Option values the commands share
 */
#include <config.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <re.h>
#include "cli/cli.h"

/* Decimal digits only, with one '.' and digits after it when frac: what
 * strtoull() and strtod() take besides (white space, a sign, "0x10" as
 * hex, "1e3", "inf") is refused before they see it */
static bool decimal(const char *s, bool frac)
{
	size_t n = strspn(s, "0123456789");

	if (!n)
		return false;
	if (frac && s[n] == '.') {
		size_t f = strspn(s + n + 1, "0123456789");

		if (!f)
			return false;
		n += 1 + f;
	}
	return s[n] == '\0';
}

/** A whole decimal number in [min, max], digits only */
int cli_parse_size(size_t *v, const char *s, size_t min, size_t max)
{
	unsigned long long n;
	char *end;

	if (!s || !decimal(s, false))
		return EINVAL;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || *end || n < min || n > max)
		return EINVAL;

	*v = (size_t)n;
	return 0;
}

/** A decimal number (digits, a fraction allowed) in [min, max] units, as
 *  milliseconds: scale is the milliseconds of one unit (1000 for
 *  seconds) */
int cli_parse_ms(uint32_t *v, const char *s, double scale, double min,
		 double max)
{
	char *end;
	double d;

	if (!s || !decimal(s, true))
		return EINVAL;

	errno = 0;
	d = strtod(s, &end);
	if (errno || end == s || *end || d != d || d < min || d > max)
		return EINVAL;
	*v = (uint32_t)(d * scale + 0.5);
	return 0;
}

/* --version of every command: one line, exit 0 */
int cli_version(void)
{
	printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	return RUN_EXIT_PASS;
}
