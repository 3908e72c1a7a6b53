/**
 * @file output.c  Where a report goes: stdout, or a file replaced whole
 *
 * A report is a CI job's evidence, so a file at --output is either the
 * previous report or the complete new one, never a 0-byte or half one:
 * the report is written into a temporary file in the same directory
 * (same file system, so rename(2) is atomic) and renamed over the path
 * only once it is complete.  The path is checked before the run sends
 * anything (cli_output_check), so a typo costs no run.  A path that is
 * not a regular file (/dev/stdout, /dev/full, a FIFO) is written in
 * place: renaming over a device would replace the device.
 */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <re.h>
#include "report/report.h"
#include "cli/cli.h"

static bool is_stdout(const char *path)
{
	return !path || !strcmp(path, "-");
}

/* The directory of path into buf: "." for a bare name */
static void dir_of(char *buf, size_t sz, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(buf, sz, ".");
	else if (slash == path)
		snprintf(buf, sz, "/");
	else
		snprintf(buf, sz, "%.*s", (int)(slash - path), path);
}

/* A directory we can create files in: 0 or the errno saying why not */
int cli_dir_check(const char *dir)
{
	struct stat st;

	if (stat(dir, &st))
		return errno;
	if (!S_ISDIR(st.st_mode))
		return ENOTDIR;
	if (access(dir, W_OK | X_OK))
		return errno;
	return 0;
}

int cli_output_check(const char *path)
{
	char dir[1024];
	struct stat st;
	int err;

	if (is_stdout(path))
		return 0;
	if (!*path)
		return ENOENT;

	if (!stat(path, &st)) {
		if (S_ISDIR(st.st_mode))
			return EISDIR;
		if (!S_ISREG(st.st_mode))
			return access(path, W_OK) ? errno : 0;
	}
	else if (errno != ENOENT) {
		return errno;
	}

	if (strlen(path) >= sizeof(dir) - 16)
		return ENAMETOOLONG;
	dir_of(dir, sizeof(dir), path);
	err = cli_dir_check(dir);
	return err;
}

/* Write the report into f; 0 or the errno of the failed write */
static int write_to(FILE *f, const struct report_format *fmt,
		    const struct run_result *r, bool verbose)
{
	int err;

	errno = 0;
	err = report_write(f, fmt, r, verbose);
	if (err == EIO && errno)
		err = errno;
	return err;
}

/* In place: stdout, a device, a FIFO */
static int write_in_place(const char *path, const struct report_format *fmt,
			  const struct run_result *r, bool verbose)
{
	FILE *f = fopen(path, "w");
	int err;

	if (!f)
		return errno;
	err = write_to(f, fmt, r, verbose);
	if (fclose(f) && !err)
		err = errno;
	return err;
}

/* A new regular file: the mode a plain fopen(path, "w") would give it,
 * or the old file's when it replaces one */
static int write_atomic(const char *path, const struct report_format *fmt,
			const struct run_result *r, bool verbose)
{
	char tmp[1100], dir[1024];
	const char *base = strrchr(path, '/');
	struct stat st;
	mode_t mode, mask;
	FILE *f = NULL;
	int fd, err = 0;

	dir_of(dir, sizeof(dir), path);
	base = base ? base + 1 : path;
	if (re_snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, base) < 0)
		return ENAMETOOLONG;

	mask = umask(0);
	umask(mask);
	mode = stat(path, &st) ? (0666 & ~mask) : (st.st_mode & 07777);

	fd = mkstemp(tmp);
	if (fd < 0)
		return errno;
	if (fchmod(fd, mode)) {
		err = errno;
		close(fd);
		goto out;
	}
	f = fdopen(fd, "w");
	if (!f) {
		err = errno;
		close(fd);
		goto out;
	}

	err = write_to(f, fmt, r, verbose);
	if (!err && fsync(fileno(f)))
		err = errno;
	if (fclose(f) && !err)
		err = errno;
	if (!err && rename(tmp, path))
		err = errno;

 out:
	if (err)
		(void)unlink(tmp);
	return err;
}

int cli_output_write(const char *path, const struct report_format *fmt,
		     const struct run_result *r, bool verbose)
{
	struct stat st;
	int err;

	if (is_stdout(path)) {
		err = write_to(stdout, fmt, r, verbose);
		if (!err && fflush(stdout))
			err = errno;
	}
	else if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
		err = write_in_place(path, fmt, r, verbose);
	}
	else {
		err = write_atomic(path, fmt, r, verbose);
	}

	if (err)
		fprintf(stderr, "sipconform: cannot write the report to "
			"'%s': %s\n", is_stdout(path) ? "-" : path,
			strerror(err));
	return err;
}
