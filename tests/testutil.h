/**
 * @file testutil.h  The smallest test harness that can fail
 *
 * CHECK() counts, prints the failing case and goes on, so one run shows
 * every broken row of a table.  Needs <stdio.h> and <re.h> (re_fprintf
 * understands %r for struct pl).
 */

static unsigned test_passed, test_failed;

#define CHECK(cond, ...) do {						\
		if (cond) {						\
			test_passed++;					\
		} else {						\
			test_failed++;					\
			re_fprintf(stderr, "FAIL %s:%d: ", __FILE__,	\
				   __LINE__);				\
			re_fprintf(stderr, __VA_ARGS__);		\
			fputc('\n', stderr);				\
		}							\
	} while (0)

static inline int test_summary(const char *name)
{
	printf("%s: %u passed, %u failed\n", name, test_passed, test_failed);
	return test_failed ? 1 : 0;
}
