/**
 * @file loadread.c  A load run's JSON report read back, for merging
 *
 * `sipconform merge` adds up the JSON reports of the shards of one job
 * (--shard I/N on N hosts).  It reads only what report_load_json()
 * writes, of the same version of sipconform (the rule catalogue is the
 * report's key): anything else is refused with the reason, never guessed
 * at.  The histograms come back bucket by bucket, so the merged
 * percentiles are those of all calls, not an average of percentiles.
 *
 * libre's JSON decoder is lenient (libre-notes.md), which is no matter
 * here: the bytes are our own report's, and every value read is checked
 * for its type and range.
 */
#include <config.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "judge/rules.h"
#include "trace/trace.h"
#include "result/run.h"
#include "result/load.h"
#include "report/report.h"

struct rd {
	char *why;
	size_t whysz;
};

static int refuse(struct rd *rd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int refuse(struct rd *rd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rd->why, rd->whysz, fmt, ap);
	va_end(ap);
	return EBADMSG;
}

static const struct odict *obj(struct rd *rd, const struct odict *o,
			       const char *key, enum odict_type type)
{
	const struct odict_entry *e = odict_lookup(o, key);

	if (!e || e->type != type) {
		refuse(rd, "no \"%s\" %s", key,
		       type == ODICT_ARRAY ? "array" : "object");
		return NULL;
	}
	return e->u.odict;
}

/* A number of 0 to max; null reads as 0 when nullable */
static int num(struct rd *rd, const struct odict *o, const char *key,
	       uint64_t max, bool nullable, uint64_t *v)
{
	const struct odict_entry *e = odict_lookup(o, key);

	if (e && e->type == ODICT_NULL && nullable) {
		*v = 0;
		return 0;
	}
	if (!e || e->type != ODICT_INT || e->u.integer < 0 ||
	    (uint64_t)e->u.integer > max)
		return refuse(rd, "\"%s\" is not a number from 0 to %llu",
			      key, (unsigned long long)max);
	*v = (uint64_t)e->u.integer;
	return 0;
}

static int num32(struct rd *rd, const struct odict *o, const char *key,
		 bool nullable, uint32_t *v)
{
	uint64_t x;
	int err = num(rd, o, key, UINT32_MAX, nullable, &x);

	*v = (uint32_t)x;
	return err;
}

static int str(struct rd *rd, const struct odict *o, const char *key,
	       bool nullable, const char **v)
{
	const struct odict_entry *e = odict_lookup(o, key);

	if (e && e->type == ODICT_NULL && nullable) {
		*v = NULL;
		return 0;
	}
	if (!e || e->type != ODICT_STRING)
		return refuse(rd, "\"%s\" is not a string", key);
	*v = e->u.str;
	return 0;
}

/* "SIGINT", "SIGTERM", "signal N": run_signal_name() read back */
static int signal_read(struct rd *rd, const char *s, int *sig)
{
	unsigned n;
	char end;

	if (!s)
		*sig = 0;
	else if (!strcmp(s, "SIGINT"))
		*sig = SIGINT;
	else if (!strcmp(s, "SIGTERM"))
		*sig = SIGTERM;
	else if (sscanf(s, "signal %u%c", &n, &end) == 1 && n && n < 128)
		*sig = (int)n;
	else
		return refuse(rd, "\"interrupted\" is not a signal: '%s'", s);
	return 0;
}

static int hist_read(struct rd *rd, const struct odict *lat, const char *key,
		     struct load_hist *h)
{
	const struct odict *o = obj(rd, lat, key, ODICT_OBJECT), *b;
	struct le *le;
	uint64_t n, sum = 0;
	int err;

	if (!o)
		return EBADMSG;
	err  = num(rd, o, "calls", UINT64_MAX >> 1, false, &n);
	err |= num(rd, o, "max_us", UINT64_MAX >> 1, false, &h->max_us);
	if (err)
		return EBADMSG;
	b = obj(rd, o, "buckets_us", ODICT_ARRAY);
	if (!b)
		return EBADMSG;

	LIST_FOREACH(&b->lst, le) {
		const struct odict_entry *e = le->data, *top, *cnt;

		if (e->type != ODICT_ARRAY || odict_count(e->u.odict, false) != 2)
			return refuse(rd, "%s: a bucket is not [top, count]",
				      key);
		top = odict_lookup(e->u.odict, "0");
		cnt = odict_lookup(e->u.odict, "1");
		if (!top || !cnt || top->type != ODICT_INT ||
		    cnt->type != ODICT_INT || top->u.integer < 0 ||
		    cnt->u.integer <= 0 ||
		    load_hist_set(h, (uint64_t)top->u.integer,
				  (uint64_t)cnt->u.integer))
			return refuse(rd, "%s: a bucket is not one of this "
				      "version's histogram", key);
		sum += (uint64_t)cnt->u.integer;
	}
	if (sum != n || h->n != n)
		return refuse(rd, "%s: its buckets hold %llu calls, not %llu",
			      key, (unsigned long long)sum,
			      (unsigned long long)n);
	return 0;
}

static int rules_read(struct rd *rd, const struct odict *top,
		      struct load_result *l)
{
	const struct odict *rules = obj(rd, top, "rules", ODICT_ARRAY);
	struct le *le;

	if (!rules)
		return EBADMSG;
	LIST_FOREACH(&rules->lst, le) {
		const struct odict_entry *e = le->data;
		const char *id = NULL;
		int r;

		if (e->type != ODICT_OBJECT)
			return refuse(rd, "a rule is not an object");
		if (str(rd, e->u.odict, "id", false, &id))
			return EBADMSG;
		r = rule_lookup(id);
		if (r < 0)
			return refuse(rd, "rule '%s' is not in the catalogue",
				      id);
		if (num(rd, e->u.odict, "checked_calls", UINT64_MAX >> 1,
			false, &l->rule_checked[r]) ||
		    num(rd, e->u.odict, "failed_calls", UINT64_MAX >> 1,
			false, &l->rule_failed[r]))
			return EBADMSG;
	}
	return 0;
}

static int totals_read(struct rd *rd, const struct odict *top,
		       struct load_result *l)
{
	const struct odict *t = obj(rd, top, "totals", ODICT_OBJECT);
	const struct odict *x = obj(rd, top, "retransmissions", ODICT_OBJECT);
	const uint64_t m = UINT64_MAX >> 1;
	uint64_t unjudged, other;
	int err;

	if (!t || !x)
		return EBADMSG;
	err  = num(rd, t, "started", m, false, &l->started);
	err |= num(rd, t, "done", m, false, &l->done);
	err |= num(rd, t, "pass", m, false, &l->verdicts[RUN_PASS]);
	err |= num(rd, t, "fail", m, false, &l->verdicts[RUN_FAIL]);
	err |= num(rd, t, "not_judged", m, false, &unjudged);
	err |= num(rd, t, "no_final", m, false, &l->timeouts);
	err |= num(rd, t, "not_set_up", m, false, &l->not_set_up);
	err |= num(rd, t, "must", m, false, &l->must);
	err |= num(rd, t, "should", m, false, &l->should);
	err |= num(rd, t, "skipped", m, false, &l->verdicts[RUN_SKIPPED]);
	err |= num(rd, t, "not_run", m, false, &l->verdicts[RUN_NOT_RUN]);
	err |= num(rd, t, "interrupted", m, false,
		   &l->verdicts[RUN_INTERRUPTED]);
	err |= num(rd, t, "messages_in", m, false, &l->rx_msgs);
	err |= num(rd, t, "messages_out", m, false, &l->tx_msgs);
	err |= num(rd, x, "ours", m, false, &l->tx_retrans);
	err |= num(rd, x, "target", m, false, &l->rx_retrans);
	if (err)
		return EBADMSG;

	/* not_judged is every verdict but pass and fail */
	other = l->verdicts[RUN_SKIPPED] + l->verdicts[RUN_NOT_RUN] +
		l->verdicts[RUN_INTERRUPTED];
	if (l->done != l->verdicts[RUN_PASS] + l->verdicts[RUN_FAIL] +
	    unjudged || unjudged < other || l->done > l->started ||
	    l->timeouts + l->not_set_up > unjudged)
		return refuse(rd, "\"totals\" do not add up");
	l->verdicts[RUN_NOJUDGE] = unjudged - other;
	return 0;
}

static int head_read(struct rd *rd, const struct odict *top,
		     struct run_result *r)
{
	const char *tool = NULL, *version = NULL, *target = NULL;
	const char *peer = NULL, *tp = NULL, *sig = NULL;
	uint64_t started;
	int err;

	err  = str(rd, top, "tool", false, &tool);
	err |= str(rd, top, "version", false, &version);
	if (err)
		return refuse(rd, "not a sipconform report");
	if (strcmp(tool, PACKAGE_NAME))
		return refuse(rd, "a report of '%s', not of %s", tool,
			      PACKAGE_NAME);
	/* the rule catalogue and the histogram are this version's */
	if (strcmp(version, PACKAGE_VERSION))
		return refuse(rd, "a report of %s %s; this is %s", tool,
			      version, PACKAGE_VERSION);

	err  = str(rd, top, "target", false, &target);
	err |= str(rd, top, "peer", true, &peer);
	err |= str(rd, top, "transport", true, &tp);
	err |= str(rd, top, "interrupted", true, &sig);
	err |= num32(rd, top, "t1_ms", false, &r->t1_ms);
	err |= num(rd, top, "started", UINT64_MAX >> 1, true, &started);
	if (err)
		return EBADMSG;
	r->started_unix = started;
	if (signal_read(rd, sig, &r->signal))
		return EBADMSG;

	if (peer && trace_addr_read(&r->peer, peer, rd->why, rd->whysz,
				    "\"peer\""))
		return EBADMSG;
	/* sip_transp_name() read back */
	r->tp = SIP_TRANSP_NONE;
	for (int t = 0; tp && t < SIP_TRANSPC; t++)
		if (!strcmp(tp, sip_transp_name((enum sip_transp)t)))
			r->tp = (enum sip_transp)t;
	if (tp && r->tp == SIP_TRANSP_NONE)
		return refuse(rd, "\"transport\" is not one: '%s'", tp);
	return str_dup(&r->target, target);
}

static int load_read(struct rd *rd, const struct odict *top,
		     struct load_result *l)
{
	const struct odict *o = obj(rd, top, "load", ODICT_OBJECT);
	const struct odict *lat = obj(rd, top, "latency_ms", ODICT_OBJECT);
	uint32_t shard;
	int err;

	if (!o) {
		/* a run of each scenario once: there is nothing to add up */
		return refuse(rd, "not the report of a load run (--calls "
			      "or --duration)");
	}
	if (!lat)
		return EBADMSG;
	err  = num(rd, o, "calls", UINT64_MAX >> 1, true, &l->calls);
	err |= num32(rd, o, "rate", false, &l->rate);
	err |= num32(rd, o, "concurrency", false, &l->concurrency);
	err |= num32(rd, o, "duration_ms", false, &l->duration_ms);
	err |= num(rd, o, "elapsed_us", UINT64_MAX >> 1, false,
		   &l->elapsed_us);
	err |= num32(rd, o, "shard", true, &shard);
	err |= num32(rd, o, "shards", false, &l->shards);
	err |= num32(rd, o, "merged", false, &l->merged);
	if (err)
		return EBADMSG;
	if (!l->shards || l->shards > LOAD_SHARDS_MAX || shard > l->shards ||
	    (l->shards > 1 && !l->merged && !shard) ||
	    ((l->shards == 1 || l->merged) && shard))
		return refuse(rd, "\"shard\" and \"shards\" do not agree");
	l->shard = shard ? shard - 1 : 0;
	if (l->shards == 1)
		l->shards = 0;

	for (int k = 0; k < LOAD_LAT_COUNT; k++)
		if (hist_read(rd, lat, load_lat_name((enum load_lat)k),
			      &l->lat[k]))
			return EBADMSG;
	return 0;
}

int report_load_read(struct run_result *r, struct load_result *l,
		     const char *buf, size_t len, char *why, size_t whysz)
{
	struct rd rd = {why, whysz};
	struct odict *top = NULL;
	int err;

	if (!r || !l || !buf || !why || !whysz)
		return EINVAL;
	memset(l, 0, sizeof(*l));
	*why = '\0';

	/* depth: the report's objects nest 4 deep (latency, its
	 * histogram, the bucket list, a bucket) */
	err = json_decode_odict(&top, 32, buf, len, 8);
	if (err == ENOMEM)
		goto out;
	if (err || !top) {
		err = refuse(&rd, "not JSON (%s)", strerror(err ? err : EINVAL));
		goto out;
	}

	err = head_read(&rd, top, r);
	if (err)
		goto out;
	err = load_read(&rd, top, l);
	if (err)
		goto out;
	err = totals_read(&rd, top, l);
	if (err)
		goto out;
	err = rules_read(&rd, top, l);

 out:
	mem_deref(top);
	return err;
}
