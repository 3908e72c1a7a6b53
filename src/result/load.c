/**
 * @file load.c  The aggregate of a load run's calls
 *
 * Every call adds its verdict, the rules it broke, its retransmissions
 * and its latencies; nothing of it is kept besides, so memory does not
 * grow with the number of calls.
 */
#include <config.h>
#include <errno.h>
#include <string.h>
#include <re.h>
#include "judge/rules.h"
#include "judge/judge.h"
#include "result/run.h"
#include "result/load.h"

/* The bucket of a value: exact below 64, then 32 a power of two.  A
 * value past 2^32 us (71 minutes) falls into the last one; max keeps
 * it exact. */
static unsigned bucket_of(uint64_t us)
{
	unsigned msb, shift, idx;

	if (us < 64)
		return (unsigned)us;
	msb = 63 - (unsigned)__builtin_clzll(us);
	shift = msb - 5;
	idx = 64 + (msb - 6) * LOAD_HIST_SUB +
		(unsigned)((us >> shift) - LOAD_HIST_SUB);
	return idx < LOAD_HIST_BUCKETS ? idx : LOAD_HIST_BUCKETS - 1;
}

uint64_t load_bucket_top(unsigned i)
{
	unsigned e, sub;

	if (i < 64)
		return i;
	e = (i - 64) / LOAD_HIST_SUB + 1;
	sub = (i - 64) % LOAD_HIST_SUB;
	return (((uint64_t)LOAD_HIST_SUB + sub + 1) << e) - 1;
}

void load_hist_add(struct load_hist *h, uint64_t us)
{
	h->bucket[bucket_of(us)]++;
	h->n++;
	if (us > h->max_us)
		h->max_us = us;
}

/** The smallest bucket top below which pct % of the values lie (never
 *  above the exact maximum) */
uint64_t load_pct(const struct load_hist *h, unsigned pct)
{
	uint64_t want, seen = 0;

	if (!h->n)
		return 0;
	if (pct >= 100)
		return h->max_us;
	want = (h->n * pct + 99) / 100;
	if (!want)
		want = 1;
	for (unsigned i = 0; i < LOAD_HIST_BUCKETS; i++) {
		seen += h->bucket[i];
		if (seen >= want) {
			uint64_t top = load_bucket_top(i);

			return top < h->max_us ? top : h->max_us;
		}
	}
	return h->max_us;
}

int load_hist_set(struct load_hist *h, uint64_t top_us, uint64_t count)
{
	unsigned i = bucket_of(top_us);

	if (load_bucket_top(i) != top_us || count > UINT32_MAX)
		return EINVAL;
	h->n += count - h->bucket[i];
	h->bucket[i] = (uint32_t)count;
	return 0;
}

static void hist_merge(struct load_hist *dst, const struct load_hist *src)
{
	for (unsigned i = 0; i < LOAD_HIST_BUCKETS; i++) {
		uint64_t sum = (uint64_t)dst->bucket[i] + src->bucket[i];

		/* a bucket full to 2^32 calls stays full: the percentiles
		 * move by at most its width */
		dst->bucket[i] = sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
	}
	dst->n += src->n;
	if (src->max_us > dst->max_us)
		dst->max_us = src->max_us;
}

uint64_t load_call_index(const struct load_result *l, uint64_t k)
{
	return l->shards > 1 ? l->shard + k * l->shards : k;
}

uint64_t load_planned(const struct load_result *l)
{
	if (!l->calls || l->merged || l->shards <= 1)
		return l->calls;
	/* calls shard, shard + N, ... below calls */
	return l->calls > l->shard ?
		(l->calls - l->shard + l->shards - 1) / l->shards : 0;
}

void load_merge(struct load_result *dst, const struct load_result *src)
{
	dst->concurrency += src->concurrency;   /* each process its own */
	dst->started += src->started;
	dst->inflight += src->inflight;
	dst->done += src->done;
	/* the shards ran side by side: the job took as long as the longest */
	if (src->elapsed_us > dst->elapsed_us)
		dst->elapsed_us = src->elapsed_us;
	for (int k = 0; k <= RUN_INTERRUPTED; k++)
		dst->verdicts[k] += src->verdicts[k];
	dst->timeouts += src->timeouts;
	dst->not_set_up += src->not_set_up;
	for (int i = 0; i < RULE_COUNT; i++) {
		dst->rule_failed[i] += src->rule_failed[i];
		dst->rule_checked[i] += src->rule_checked[i];
	}
	dst->must += src->must;
	dst->should += src->should;
	dst->rx_retrans += src->rx_retrans;
	dst->tx_retrans += src->tx_retrans;
	dst->rx_msgs += src->rx_msgs;
	dst->tx_msgs += src->tx_msgs;
	for (int k = 0; k < LOAD_LAT_COUNT; k++)
		hist_merge(&dst->lat[k], &src->lat[k]);
	dst->merged += src->merged ? src->merged : 1;
}

const char *load_lat_name(enum load_lat k)
{
	switch (k) {

	case LOAD_LAT_100:   return "to_100";
	case LOAD_LAT_18X:   return "to_18x";
	case LOAD_LAT_FINAL: return "to_final";
	default:             return "call";
	}
}

static void lat_add(struct load_hist *h, int64_t us)
{
	if (us >= 0)
		load_hist_add(h, (uint64_t)us);
}

void load_add(struct load_result *l, const struct scen_result *s)
{
	const struct judge_timings *tm = &s->timings;
	const struct verdict *v = &s->verdict;
	enum run_verdict sv = scen_verdict(s);

	l->done++;
	if (l->inflight)
		l->inflight--;
	l->verdicts[sv]++;
	/* a call that sent nothing waited for nothing: it has no latency
	 * (its timings are zero, not "never"), and no response is not the
	 * target's doing */
	if (!tm->tx_msgs && sv == RUN_NOJUDGE)
		l->not_set_up++;
	else if (sv == RUN_NOJUDGE && !tm->final_scode)
		l->timeouts++;

	for (int i = 0; i < RULE_COUNT; i++) {
		l->rule_checked[i] += v->applied[i] ? 1 : 0;
		l->rule_failed[i] += v->broken[i] ? 1 : 0;
	}
	l->must += v->must;
	l->should += v->should;
	l->rx_retrans += tm->rx_retrans;
	l->tx_retrans += tm->tx_retrans;
	l->rx_msgs += tm->rx_msgs;
	l->tx_msgs += tm->tx_msgs;

	if (!tm->tx_msgs)
		return;
	lat_add(&l->lat[LOAD_LAT_100], tm->to_100_us);
	lat_add(&l->lat[LOAD_LAT_18X], tm->to_18x_us);
	lat_add(&l->lat[LOAD_LAT_FINAL], tm->to_final_us);
	lat_add(&l->lat[LOAD_LAT_CALL], (int64_t)s->duration_us);
}
