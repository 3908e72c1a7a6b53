/**
 * @file load.c  The load runner: many calls, at a rate, a few at once
 *
 * Each call is one scenario as scenario.c runs it (its own socket,
 * Call-ID, branches and trace, its own --timeout watchdog), started when
 * the rate says it is due and a slot of --concurrency is free.  When it
 * ends it is judged by the full rule set, added to the aggregate
 * (result/load.c) and let go with its trace: memory stays that of the
 * calls in flight.  A call that the target never answers ends by its own
 * watchdog, so every call started is accounted for; a signal ends the
 * calls in flight as interrupted, and they are accounted for too.
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "client/uac.h"
#include "client/wire.h"
#include "client/scen_priv.h"
#include "result/load.h"

struct load_run;

struct load_call {
	struct le le;
	struct scen s;
	struct scen_result res;
	struct tmr tmr_reap;       /**< judged out of the handler that ended
				        it, never inside one of its UAC's  */
	struct load_run *run;
	uint64_t idx;
	unsigned running;
};

struct load_run {
	struct load_result *l;
	const struct scen_def *const *defv;
	size_t n;
	const struct scen_opts *o;  /**< the run's, or &oc                  */
	struct scen_opts oc;       /**< the run's, with uac.src found once  */
	load_call_h *callh;
	void *arg;
	struct list calls;
	struct tmr tmr_tick;
	uint64_t t0_us;
	int err;                   /**< the first call could not be set up */
};

static void call_destructor(void *arg)
{
	struct load_call *c = arg;

	tmr_cancel(&c->tmr_reap);
	list_unlink(&c->le);
}

static void pump(struct load_run *run);

/* Judge the call, add it up, let it go */
static void reap(struct load_call *c)
{
	struct load_run *run = c->run;

	scen_end(&c->s, &c->res, true);
	load_add(run->l, &c->res);
	if (run->callh)
		run->callh(c->idx, &c->res, run->arg);
	scen_result_reset(&c->res);
	mem_deref(c);
}

static void reap_timer(void *arg)
{
	struct load_call *c = arg;
	struct load_run *run = c->run;

	reap(c);
	pump(run);
}

static void call_ended(struct scen *s)
{
	struct load_call *c = s->endarg;

	tmr_start(&c->tmr_reap, 0, reap_timer, c);
}

/* Start call number l->started; an error only when it could not be set
 * up at all (no socket); then it is accounted for as not judged */
static int launch(struct load_run *run)
{
	struct load_result *l = run->l;
	struct load_call *c;
	int err;

	c = mem_zalloc(sizeof(*c), call_destructor);
	if (!c)
		return ENOMEM;
	c->run = run;
	/* the job's call number: scenario and --csv line agree across
	 * the shards of a job */
	c->idx = load_call_index(l, l->started++);
	l->inflight++;
	tmr_init(&c->tmr_reap);
	list_append(&run->calls, &c->le, c);
	c->s.endh = call_ended;
	c->s.endarg = c;

	err = scen_start(&c->s, &c->res, run->defv[c->idx % run->n], run->o,
			 &c->running);
	if (err) {
		if (!c->res.error)
			re_sdprintf(&c->res.error, "cannot set up the call: %m",
				    err);
		tmr_cancel(&c->tmr_reap);
		scen_end(&c->s, &c->res, false);
		load_add(l, &c->res);
		if (run->callh)
			run->callh(c->idx, &c->res, run->arg);
		scen_result_reset(&c->res);
		mem_deref(c);
	}
	return err;
}

static uint64_t elapsed_us(const struct load_run *run)
{
	return wire_clock_us() - run->t0_us;
}

/* Whether another call may begin now: by number, by time, by rate.
 * The next call is the job's call number g (a shard makes every Nth);
 * it is due when the job's --rate would have begun it, so N shards
 * together begin --rate calls a second and --calls in all. */
static bool due(const struct load_run *run, uint64_t now)
{
	const struct load_result *l = run->l;
	uint64_t g = load_call_index(l, l->started);

	if (l->calls && g >= l->calls)
		return false;
	if (l->duration_ms && now >= (uint64_t)l->duration_ms * 1000)
		return false;
	if (l->inflight >= l->concurrency)
		return false;
	if (l->rate && g >= now * l->rate / 1000000 + 1)
		return false;
	return true;
}

static bool more(const struct load_run *run, uint64_t now)
{
	const struct load_result *l = run->l;

	if (l->calls && load_call_index(l, l->started) >= l->calls)
		return false;
	return !l->duration_ms || now < (uint64_t)l->duration_ms * 1000;
}

/* Start what is due; end the loop when nothing is left to start or run */
static void pump(struct load_run *run)
{
	uint64_t now = elapsed_us(run);

	while (!run->err && due(run, now)) {
		int err = launch(run);

		/* the first call could not be set up: the run cannot be */
		if (err && run->l->started == 1)
			run->err = err;
		now = elapsed_us(run);
	}
	run->l->elapsed_us = now;
	if ((run->err || !more(run, now)) && !run->l->inflight)
		re_cancel();
}

/* The clock of the rate: as often as calls are due, at most every ms,
 * at least every 20 ms (--duration's end) */
static void tick(void *arg)
{
	struct load_run *run = arg;
	const struct load_result *l = run->l;
	uint32_t n = l->shards > 1 ? l->shards : 1;
	uint32_t ms = l->rate ? 1000 * n / l->rate : 20;

	pump(run);
	ms = ms < 1 ? 1 : ms > 20 ? 20 : ms;
	tmr_start(&run->tmr_tick, ms, tick, run);
}

size_t scenario_load_fds(uint32_t conc, enum sip_transp tp)
{
	return (size_t)conc * (tp == SIP_TRANSP_UDP ? 2 : 3) + 64;
}

int scenario_load(struct load_result *l, const struct scen_def *const *defv,
		  size_t n, const struct scen_opts *opts, load_call_h *callh,
		  void *arg)
{
	struct load_run run;
	struct le *le;
	int err;

	if (!l || !defv || !n || !opts || !l->concurrency ||
	    (!l->calls && !l->duration_ms))
		return EINVAL;
	for (size_t i = 0; i < n; i++)
		if (!defv[i] || !defv[i]->starth)
			return EINVAL;

	memset(&run, 0, sizeof(run));
	run.l = l;
	run.defv = defv;
	run.n = n;
	run.o = opts;
	/* our address toward the target, once for every call (each would
	 * open a socket to ask); not found: each call asks, and says why */
	if (!sa_isset(&opts->uac.local, SA_ADDR) &&
	    !wire_source_addr(&opts->uac.peer, &run.oc.uac.src)) {
		struct sa src = run.oc.uac.src;

		run.oc = *opts;
		run.oc.uac.src = src;
		run.o = &run.oc;
	}
	run.callh = callh;
	run.arg = arg;
	list_init(&run.calls);
	tmr_init(&run.tmr_tick);
	run.t0_us = wire_clock_us();

	/* libre polls 1024 descriptors unless told: room for the most a
	 * call holds over any transport */
	err = fd_setsize((int)scenario_load_fds(l->concurrency,
						SIP_TRANSP_TCP));
	if (err)
		return err;

	if (!(opts->sig && *opts->sig)) {
		tmr_start(&run.tmr_tick, 0, tick, &run);
		re_main(opts->sigh);
	}
	tmr_cancel(&run.tmr_tick);

	/* a signal: the calls in flight end here, as interrupted */
	while ((le = list_head(&run.calls))) {
		struct load_call *c = le->data;

		if (!c->s.done)
			scen_interrupt(&c->s);
		tmr_cancel(&c->tmr_reap);
		reap(c);
	}
	l->elapsed_us = elapsed_us(&run);
	return run.err;
}
