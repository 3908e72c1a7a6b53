/**
 * @file main.c  sipconform: SIP response conformance tester
 *
 * `sipconform lint`, `sipconform judge`, `sipconform merge` or, without a
 * command word, the conformance run.
 */
#include <config.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <re.h>
#include "cli/cli.h"

/*
 * A load run's heap, under glibc: its per-thread cache (tcache) made the
 * heap of the call scenario grow by about 1 KB a call at 1000 calls/s
 * (62 MiB after 16,000 calls and growing; tests/long/scale.sh), with
 * nothing leaked (LeakSanitizer) and the bytes in use flat (massif):
 * freed chunks held in the cache keep their neighbours from being
 * merged, and new calls go to the top of the heap.  Without the cache,
 * or with jemalloc, the same run stays at 34 MiB, and takes no more CPU.
 * The cache can only be turned off before the process starts
 * (GLIBC_TUNABLES), so a load run starts itself again, once, with
 * glibc.malloc.tcache_count=0 added, unless the environment already
 * says what the cache holds.
 */
static void load_heap_tuning(int argc, char *argv[])
{
#ifdef __GLIBC__
	static const char tun[] = "glibc.malloc.tcache_count=0";
	const char *old = getenv("GLIBC_TUNABLES");
	char self[4096], *v;
	bool load = false;
	ssize_t n;

	if (argc > 1 && (!strcmp(argv[1], "lint") ||
			 !strcmp(argv[1], "judge") ||
			 !strcmp(argv[1], "merge")))
		return;
	for (int i = 1; i < argc && !load; i++)
		load = !strncmp(argv[i], "--calls", 7) ||
			!strncmp(argv[i], "--duration", 10);
	if (!load || (old && strstr(old, "tcache_count")))
		return;

	/* the path, not /proc/self/exe itself: under valgrind the link
	 * names the program while an exec of it would start the tool */
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0 || (size_t)n >= sizeof(self) - 1)
		return;
	self[n] = '\0';

	v = malloc((old ? strlen(old) + 1 : 0) + sizeof(tun));
	if (!v)
		return;
	sprintf(v, "%s%s%s", old ? old : "", old && *old ? ":" : "", tun);
	if (!setenv("GLIBC_TUNABLES", v, 1))
		execv(self, argv);
	/* no /proc, or no exec: the run goes on with the cache */
	free(v);
#else
	(void)argc;
	(void)argv;
#endif
}

int main(int argc, char *argv[])
{
	int rc;

	load_heap_tuning(argc, argv);

	if (libre_init()) {
		fprintf(stderr, "sipconform: cannot initialise libre\n");
		return RUN_EXIT_USAGE;
	}

	if (argc > 1 && !strcmp(argv[1], "lint"))
		rc = lint_main(argc - 1, argv + 1);
	else if (argc > 1 && !strcmp(argv[1], "judge"))
		rc = judge_main(argc - 1, argv + 1);
	else if (argc > 1 && !strcmp(argv[1], "merge"))
		rc = merge_main(argc - 1, argv + 1);
	else
		rc = conform_main(argc, argv);

	libre_close();
	return cli_exit(rc);
}
