/**
 * @file load.h  What a load run produced: the aggregate of its calls
 *
 * A load run (--calls, --rate, --concurrency, --duration) judges every
 * call by the full rule set and then lets its trace go: what is kept is
 * this, of a size fixed whatever the number of calls, so that the memory
 * of a run of 100,000 calls is that of a run of 100.
 */
#ifndef SIPCONFORM_RESULT_LOAD_H
#define SIPCONFORM_RESULT_LOAD_H

#include <re.h>
#include "judge/rules.h"
#include "result/run.h"

/* --shard I/N: N at most this (the shard tag and merge's table of the
 * shards seen are sized by it) */
enum { LOAD_SHARDS_MAX = 1000 };

/* Latencies: a log-linear histogram of microseconds, exact below 64 us,
 * then 32 buckets per power of two (within 1/32, about 3 %) */
enum { LOAD_HIST_SUB = 32, LOAD_HIST_BUCKETS = 64 + 26 * LOAD_HIST_SUB };

struct load_hist {
	uint64_t n;
	uint64_t max_us;
	uint32_t bucket[LOAD_HIST_BUCKETS];
};

/** What is timed, from the first transmission of the call's request */
enum load_lat {
	LOAD_LAT_100 = 0,          /**< to the 100 Trying                  */
	LOAD_LAT_18X,              /**< to the first 18x                    */
	LOAD_LAT_FINAL,            /**< to the final response               */
	LOAD_LAT_CALL,             /**< the whole call, to its end          */
	LOAD_LAT_COUNT
};

/** A load run: the options, then the calls' aggregate */
struct load_result {
	uint64_t calls;            /**< --calls, 0: bounded by --duration   */
	uint32_t rate;             /**< --rate calls/s, 0: as fast as
				        --concurrency lets                  */
	uint32_t concurrency;
	uint32_t duration_ms;      /**< --duration, 0: none                 */
	/** --shard I/N: this process runs the job's calls I-1, I-1+N,
	 *  I-1+2N, ... of --calls at --rate/N (both the job's); shard is
	 *  I-1, shards N (0: not sharded).  A merged report keeps N. */
	uint32_t shard, shards;
	uint32_t merged;           /**< reports merged into this one
				        (sipconform merge); 0: one run      */

	uint64_t started;          /**< calls begun                         */
	uint64_t inflight;         /**< begun and not yet accounted for     */
	uint64_t done;             /**< accounted for: judged, or not       */
	uint64_t elapsed_us;
	uint64_t verdicts[RUN_INTERRUPTED + 1];  /**< calls per verdict    */
	uint64_t timeouts;         /**< calls ended by their own --timeout
				        or without any response             */
	uint64_t not_set_up;       /**< calls that sent nothing: no socket
				        (descriptors, ports) or no send;
				        their latencies are not counted     */
	uint64_t rule_failed[RULE_COUNT];   /**< calls breaking the rule    */
	uint64_t rule_checked[RULE_COUNT];  /**< calls it applied to        */
	uint64_t must, should;     /**< findings, over all calls            */
	uint64_t rx_retrans;       /**< the target's repeated responses     */
	uint64_t tx_retrans;       /**< our request retransmissions         */
	uint64_t rx_msgs, tx_msgs;
	struct load_hist lat[LOAD_LAT_COUNT];
};

/** The job-wide number of this process's k-th call (0-based) */
uint64_t load_call_index(const struct load_result *l, uint64_t k);
/** The calls this process (or, merged, the job) is to make; 0: bounded
 *  by --duration only */
uint64_t load_planned(const struct load_result *l);
/** Add src (another shard's or run's aggregate) into dst */
void load_merge(struct load_result *dst, const struct load_result *src);
/** The highest value bucket i holds, in us: the histogram's bounds as
 *  the JSON report gives them */
uint64_t load_bucket_top(unsigned i);
/** Set the bucket whose top is top_us (load_bucket_top()) to count, as
 *  read back from a JSON report: EINVAL if no bucket has that top */
int load_hist_set(struct load_hist *h, uint64_t top_us, uint64_t count);

/** One finished call, judged (or not), into l; s may then go */
void load_add(struct load_result *l, const struct scen_result *s);
/* The pct-th percentile (0-100) of h in microseconds, 0 when empty */
uint64_t load_pct(const struct load_hist *h, unsigned pct);
void load_hist_add(struct load_hist *h, uint64_t us);
const char *load_lat_name(enum load_lat k);

#endif
