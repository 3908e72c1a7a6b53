/**
 * @file fuzz.h  What every fuzz target and the replay driver share
 *
 * Each fuzz target defines LLVMFuzzerTestOneInput().  Built with
 * --enable-fuzzing it links libFuzzer (or $LIB_FUZZING_ENGINE); otherwise
 * it links main.c, which replays the checked-in corpus through it.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * A harness's own code between FUZZ_HARNESS_BEGIN and FUZZ_HARNESS_END
 * gets no SanitizerCoverage: no edge counters, no comparison tracing.
 * Its reference models and checks are not what is being fuzzed, and
 * their instrumentation was most of each execution (the status-line
 * target spent 45% of its time tracing the harness's comparisons) while
 * adding features that only say which check ran.  The code under test
 * (libsipconform, libre built from source) keeps all of it.  ASan and
 * UBSan are untouched.  Clang 13 and later; elsewhere nothing changes.
 */
#if defined(__clang__) && __clang_major__ >= 13
/* _Pragma takes one string literal, so this line is long */
#define FUZZ_HARNESS_BEGIN _Pragma("clang attribute push (__attribute__((no_sanitize(\"coverage\"))), apply_to = function)")
#define FUZZ_HARNESS_END _Pragma("clang attribute pop")
#else
#define FUZZ_HARNESS_BEGIN
#define FUZZ_HARNESS_END
#endif

/*
 * Whether this input gets a target's costly checks (every prefix, every
 * line limit, re-serialisation), on top of those every input gets.
 *
 * Under libFuzzer the costly checks of a cheap parser are most of each
 * execution: run on every input they hold the status-line target to a
 * twentieth of the parser's pace.  So they run on one input in `every`,
 * chosen by a hash of its bytes: deterministic (an input that failed once
 * fails again when replayed, and a crash file reproduces), spread over
 * the mutations rather than over time.  With FUZZ_DEEP=1 in the
 * environment every input gets them; the replay driver (main.c, the
 * corpus under `make check`) sets it, so what the corpus holds is checked
 * fully.  FUZZ_DEEP=0 never, for measuring the parser's own pace.
 */
static inline bool fuzz_deep(const uint8_t *data, size_t size, unsigned every)
{
	static int env = -1;
	uint32_t h = 2166136261u;   /* FNV-1a */

	if (env < 0) {
		const char *e = getenv("FUZZ_DEEP");

		env = e && *e ? (*e == '1' ? 1 : 0) : 2;
	}
	if (env != 2)
		return env == 1;

	/* The size and at most 16 bytes from each end: hashing every byte
	 * of a long input costs as much as parsing it */
	h = (h ^ (uint32_t)size) * 16777619u;
	for (size_t i = 0; i < size && i < 16; i++)
		h = (h ^ data[i]) * 16777619u;
	for (size_t i = size > 32 ? size - 16 : size; i < size; i++)
		h = (h ^ data[i]) * 16777619u;

	return every <= 1 || h % every == 0;
}
