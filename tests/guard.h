/**
 * @file guard.h  Inputs that end right before a PROT_NONE page
 *
 * A parser that reads one byte past the length it was given crashes here
 * instead of passing by luck.
 */
#ifndef SIPCONFORM_TESTS_GUARD_H
#define SIPCONFORM_TESTS_GUARD_H

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static char *guard_base;
static size_t guard_page;

static inline int guard_init(void)
{
	guard_page = (size_t)sysconf(_SC_PAGESIZE);
	guard_base = mmap(NULL, 3 * guard_page, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (guard_base == MAP_FAILED)
		return errno;
	/* two readable pages, then the guard */
	return mprotect(guard_base + 2 * guard_page, guard_page, PROT_NONE)
		? errno : 0;
}

/* Copy s[0..len) so that it ends exactly at the guard page (len at most
 * two pages) */
static inline const char *guarded(const char *s, size_t len)
{
	char *p = guard_base + 2 * guard_page - len;

	memcpy(p, s, len);
	return p;
}

#endif
