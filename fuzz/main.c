/**
 * @file main.c  Replay driver for fuzz targets built without libFuzzer
 *
 * Linked into every fuzz target when configure was not given
 * --enable-fuzzing, which makes each target a plain `make check` test:
 *
 *   fuzz_NAME                replays every file in
 *                              $SRCDIR/../corpus/NAME/ and
 *                              $SRCDIR/../corpus/NAME.repro/
 *   fuzz_NAME PATH...        replays the given files, and the files in the
 *                              given directories (e.g. a crash artifact)
 *
 * SRCDIR comes from the environment, else from the compile-time define
 * (the fuzz/ source directory, absolute, so VPATH builds and distcheck
 * find the corpus).  NAME is the program name without its "fuzz_" prefix.
 *
 * Each input is handed to LLVMFuzzerTestOneInput() in a buffer of exactly
 * its size, as libFuzzer does, so a sanitizer build catches reads past it.
 * The target aborts on a broken invariant; the driver fails when a
 * directory is missing or nothing at all was replayed, so the test cannot
 * pass by testing nothing.
 */
#include <config.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fuzz.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

static const char *prog = "fuzz";

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t size = 0, cap = 0;

	if (!f) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return -1;
	}

	for (;;) {
		size_t got;

		if (size == cap) {
			uint8_t *bigger;

			cap = cap ? 2 * cap : 4096;
			bigger = realloc(data, cap);
			if (!bigger) {
				fprintf(stderr, "%s: %s: out of memory\n",
					prog, path);
				free(data);
				fclose(f);
				return -1;
			}
			data = bigger;
		}

		got = fread(data + size, 1, cap - size, f);
		size += got;
		if (got == 0)
			break;
	}

	if (ferror(f)) {
		fprintf(stderr, "%s: %s: read error\n", prog, path);
		free(data);
		fclose(f);
		return -1;
	}
	fclose(f);

	/* Exactly size bytes, like libFuzzer hands them over */
	if (size) {
		uint8_t *exact = malloc(size);

		if (!exact) {
			free(data);
			return -1;
		}
		memcpy(exact, data, size);
		free(data);
		data = exact;
	}

	LLVMFuzzerTestOneInput(size ? data : (const uint8_t *)"", size);
	free(data);

	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays the regular files in a directory, in name order; dot files
 * (README-less by design, but .gitkeep and editor litter) are skipped.
 * Returns the number replayed, or -1. */
static long replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	long count = 0;

	if (!d) {
		fprintf(stderr, "%s: %s: %s\n", prog, dir, strerror(errno));
		return -1;
	}

	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **more;

			cap = cap ? 2 * cap : 64;
			more = realloc(names, cap * sizeof(*names));
			if (!more)
				goto oom;
			names = more;
		}
		names[n] = strdup(de->d_name);
		if (!names[n])
			goto oom;
		n++;
	}
	closedir(d);
	d = NULL;

	if (n)
		qsort(names, n, sizeof(*names), by_name);

	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(dir) + 1 + strlen(names[i]) + 1;
		char *path = malloc(len);
		struct stat st;

		if (!path)
			goto oom;
		snprintf(path, len, "%s/%s", dir, names[i]);

		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (replay_file(path) < 0)
				count = -1;
			else if (count >= 0)
				count++;
		}
		free(path);
	}

	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);

	return count;

 oom:
	fprintf(stderr, "%s: %s: out of memory\n", prog, dir);
	if (d)
		closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return -1;
}

static long replay_path(const char *path)
{
	struct stat st;
	long n;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return -1;
	}

	if (S_ISDIR(st.st_mode))
		n = replay_dir(path);
	else
		n = replay_file(path) < 0 ? -1 : 1;

	if (n >= 0)
		printf("%s: %s: %ld input%s\n", prog, path, n,
		       n == 1 ? "" : "s");

	return n;
}

int main(int argc, char **argv)
{
	const char *base, *name, *srcdir;
	long total = 0;
	bool failed = false;

	/* The corpus is small: every input gets every check (fuzz.h) */
	if (setenv("FUZZ_DEEP", "1", 0))
		return 1;

	if (argc > 0 && argv[0] && *argv[0]) {
		base = strrchr(argv[0], '/');
		prog = base ? base + 1 : argv[0];
	}

	/* fuzz_status_line (or libtool's lt-fuzz_status_line) -> status_line */
	name = prog;
	if (!strncmp(name, "lt-", 3))
		name += 3;
	if (!strncmp(name, "fuzz_", 5))
		name += 5;

	if (argc > 1) {
		for (int i = 1; i < argc; i++) {
			long n = replay_path(argv[i]);

			if (n < 0)
				failed = true;
			else
				total += n;
		}
	}
	else {
		static const char *const dirs[] = {"", ".repro"};

		srcdir = getenv("SRCDIR");
		if (!srcdir || !*srcdir)
			srcdir = SRCDIR;

		for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
			size_t len = strlen(srcdir) + strlen("/../corpus/") +
				strlen(name) + strlen(dirs[i]) + 1;
			char *dir = malloc(len);
			long n;

			if (!dir)
				return 1;
			snprintf(dir, len, "%s/../corpus/%s%s", srcdir, name,
				 dirs[i]);
			n = replay_path(dir);
			free(dir);

			if (n < 0)
				failed = true;
			else
				total += n;
		}
	}

	printf("%s: replayed %ld input%s\n", prog, total, total == 1 ? "" : "s");

	if (failed)
		return 1;
	if (total == 0) {
		fprintf(stderr, "%s: nothing was replayed\n", prog);
		return 1;
	}

	return 0;
}
