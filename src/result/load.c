/**
 * @file load.c  The aggregate of a load run's calls
 *
 * Every call adds its verdict, the rules it broke, its retransmissions
 * and its latencies; nothing of it is kept besides, so memory does not
 * grow with the number of calls.
 */
#include <config.h>
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

/* The highest value bucket i holds */
static uint64_t bucket_top(unsigned i)
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
			uint64_t top = bucket_top(i);

			return top < h->max_us ? top : h->max_us;
		}
	}
	return h->max_us;
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
	if (sv == RUN_NOJUDGE && !tm->final_scode)
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

	lat_add(&l->lat[LOAD_LAT_100], tm->to_100_us);
	lat_add(&l->lat[LOAD_LAT_18X], tm->to_18x_us);
	lat_add(&l->lat[LOAD_LAT_FINAL], tm->to_final_us);
	lat_add(&l->lat[LOAD_LAT_CALL], (int64_t)s->duration_us);
}
