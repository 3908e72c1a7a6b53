/**
 * @file opt.c  Option values the commands share
 */
#include <config.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
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

/** A whole file ("-": stdin) into *mbp, at most max bytes (EFBIG); an
 *  empty one is ENODATA */
int cli_read_file(struct mbuf **mbp, const char *path, size_t max)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	struct mbuf *mb;
	uint8_t buf[8192];
	size_t n;
	int err = 0;

	if (!f)
		return errno;

	mb = mbuf_alloc(sizeof(buf));
	if (!mb) {
		err = ENOMEM;
		goto out;
	}

	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (mb->end + n > max) {
			err = EFBIG;
			goto out;
		}
		err = mbuf_write_mem(mb, buf, n);
		if (err)
			goto out;
	}
	if (ferror(f))
		err = errno ? errno : EIO;
	else if (!mb->end)
		err = ENODATA;

 out:
	if (f != stdin)
		fclose(f);
	if (err)
		mem_deref(mb);
	else
		*mbp = mb;
	return err;
}

/** After the options of `sipconform CMD`: at least one WHAT left in
 *  argv from optind, and an --output that can take a report.  -1 to go
 *  on, else the exit status (said on stderr) */
int cli_args_end(const char *cmd, const char *what, int argc,
		 const char *output)
{
	int err;

	if (optind >= argc) {
		fprintf(stderr, "sipconform %s: no %s given\n", cmd, what);
		return RUN_EXIT_USAGE;
	}
	err = cli_output_check(output);
	if (err) {
		fprintf(stderr, "sipconform %s: --output '%s': %s\n", cmd,
			output, strerror(err));
		return RUN_EXIT_USAGE;
	}
	return -1;
}
