/**
 * @file fuzz.h  What every fuzz target and the replay driver share
 *
 * Each fuzz target defines LLVMFuzzerTestOneInput().  Built with
 * --enable-fuzzing it links libFuzzer (or $LIB_FUZZING_ENGINE); otherwise
 * it links main.c, which replays the checked-in corpus through it.
 */

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
