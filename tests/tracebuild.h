/**
 * @file tracebuild.h  Traces written as tables, for the rule tests
 *
 * Messages are written with "\n" line ends (tracemsg.h, shared with the
 * structure-aware fuzz target); tb_add() turns every "\n" into CRLF
 * (tb_raw() keeps the bytes as they are) and fills in Content-Length
 * unless the text already has one.  Times are in milliseconds from the
 * start of the trace.  Needs <re.h>, "trace.h" first.
 *
 * The second half runs the test_rules_*.c tables (struct tb_case): a
 * trace as steps, the findings the judge must give; it also needs
 * "judge/judge.h" and testutil.h.
 */

#include "tracemsg.h"

/* ---- Rule tables: a trace as steps, the findings it must give ----
 *
 * One runner for the test_rules_*.c tables.  Needs "judge/judge.h" and
 * testutil.h first.  A step is a message sent (OUT) or received (IN),
 * optionally from or to another address than the case's peer, and
 * optionally received n times on a doubling schedule (RETX, SCHED). */

struct tb_step {
	bool in;
	uint32_t ms;
	const char *text;
	const char *addr;       /**< the peer of this step, NULL: the case's */
	unsigned n;             /**< transmissions (0: 1)                   */
	uint32_t gap, cap;      /**< first gap, doubling up to cap (ms)     */
};

#define OUT(ms, text) {false, (ms), (text), NULL, 0, 0, 0}
#define IN(ms, text)  {true, (ms), (text), NULL, 0, 0, 0}
/* sent elsewhere (the ACK of a 2xx to its Contact), received from
 * elsewhere (a response from another address than the request's) */
#define OUT_TO(ms, text, peer)  {false, (ms), (text), (peer), 0, 0, 0}
#define IN_FROM(ms, from, text) {true, (ms), (text), (from), 0, 0, 0}
/* text received n times: at ms, then gaps gap, 2*gap .. at most cap */
#define RETX(ms, text, n, gap, cap) \
	{true, (ms), (text), NULL, (n), (gap), (cap)}
/* the RFC 3261 schedule with T1 = 500 ms, T2 = 4 s */
#define SCHED(ms, text, n) RETX(ms, text, n, SIP_T1, SIP_T2)

struct tb_rule {
	bool set;
	enum rule_id r;
	unsigned n;
};

#define E(r, n) {true, (r), (n)}    /* broken exactly n times        */
#define A(r)    {true, (r), 0}      /* applied                       */

struct tb_case {
	const char *name;
	struct tb_step step[20];
	uint32_t end_ms;            /**< 0: 100 ms after the last step   */
	bool tcp;
	struct tb_rule broken[4];   /**< every other family rule: 0      */
	struct tb_rule applied[12]; /**< must have been applied          */
	const char *detail;         /**< in a finding of a broken rule (of
				         the family when none is broken) */
	const char *local, *peer;   /**< NULL: TB_LOCAL, TB_PEER         */
	uint32_t t1_ms;             /**< 0: the default                  */
	bool single_uas;            /**< judged with --single-uas        */
	int must;                   /**< MUST findings of the family, with
				         tb_table.count_must (-1: any)   */
};

struct tb_table {
	const char *name;
	const enum rule_id *family;
	size_t nfamily;
	const struct tb_case *cases;
	size_t ncases;
	bool count_must;
};

static inline bool tb_in_family(const struct tb_table *tab, enum rule_id r)
{
	for (size_t i = 0; i < tab->nfamily; i++)
		if (tab->family[i] == r)
			return true;
	return false;
}

static inline unsigned tb_expected(const struct tb_case *c, enum rule_id r)
{
	for (size_t i = 0; i < ARRAY_SIZE(c->broken); i++)
		if (c->broken[i].set && c->broken[i].r == r)
			return c->broken[i].n;
	return 0;
}

struct tb_ev {
	const struct tb_step *s;
	uint32_t ms;
};

static inline void tb_ev_add(struct trace *t, const struct tb_case *c,
			     const struct tb_ev *e)
{
	const char *ls = c->local ? c->local : TB_LOCAL;
	const char *ps = e->s->addr ? e->s->addr :
		c->peer ? c->peer : TB_PEER;
	struct sa local, peer;
	size_t len;
	uint8_t *p = tb_crlf(e->s->text, &len);

	sa_decode(&local, ls, strlen(ls));
	sa_decode(&peer, ps, strlen(ps));
	trace_add(t, TRACE_MSG, e->s->in ? TRACE_IN : TRACE_OUT,
		  c->tcp ? SIP_TRANSP_TCP : SIP_TRANSP_UDP, &local, &peer,
		  c->tcp ? 1 : 0, (uint64_t)e->ms * 1000, p, len, NULL);
	mem_deref(p);
}

/* Expand the retransmission schedules, order by time, record */
static inline struct trace *tb_build(const struct tb_case *c)
{
	struct tb_ev evs[128];
	struct trace *t = NULL;
	uint32_t end = 0;
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(c->step) && c->step[i].text; i++) {
		const struct tb_step *s = &c->step[i];
		uint32_t at = s->ms, gap = s->gap;

		for (unsigned k = 0; k < (s->n ? s->n : 1) &&
			     n < ARRAY_SIZE(evs); k++) {
			evs[n].s = s;
			evs[n++].ms = at;
			if (at > end)
				end = at;
			at += gap;
			gap = gap * 2 > s->cap ? s->cap : gap * 2;
		}
	}
	/* a stable order for equal times: keep the table's */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && evs[k - 1].ms > evs[k].ms; k--) {
			struct tb_ev x = evs[k];

			evs[k] = evs[k - 1];
			evs[k - 1] = x;
		}

	trace_alloc(&t);
	for (size_t i = 0; i < n; i++)
		tb_ev_add(t, c, &evs[i]);
	t->end_us = (uint64_t)(c->end_ms ? c->end_ms : end + 100) * 1000;
	return t;
}

static inline bool tb_detail_has(const struct tb_table *tab,
				 const struct tb_case *c,
				 const struct verdict *v)
{
	struct le *le;

	LIST_FOREACH(&v->findings, le) {
		const struct finding *f = le->data;
		bool ours = c->broken[0].set ? tb_expected(c, f->rule) > 0 :
			tb_in_family(tab, f->rule);

		if (ours && f->detail && strstr(f->detail, c->detail))
			return true;
	}
	return false;
}

static inline void tb_dump(const struct tb_table *tab,
			   const struct verdict *v)
{
	struct le *le;

	LIST_FOREACH(&v->findings, le) {
		const struct finding *f = le->data;

		if (tb_in_family(tab, f->rule))
			re_fprintf(stderr, "    %s (%s) msg %zu: %s\n",
				   rule_get(f->rule)->id,
				   rule_level_str(rule_get(f->rule)->level),
				   f->msg, f->detail ? f->detail : "");
	}
}

/* Judge t and compare what the family said with the case */
static inline void tb_check(const struct tb_table *tab,
			    const struct tb_case *c, const struct trace *t)
{
	struct judge_cfg cfg = JUDGE_CFG_DEFAULT;
	unsigned before = test_failed;
	struct verdict v;
	int must = 0, err;

	if (c->t1_ms)
		cfg.t1_ms = c->t1_ms;
	cfg.single_uas = c->single_uas;

	verdict_init(&v);
	err = judge_trace(&v, t, &cfg, NULL);
	CHECK(err == 0, "%s: judge_trace: %m", c->name, err);

	for (size_t i = 0; i < tab->nfamily; i++) {
		enum rule_id r = tab->family[i];
		unsigned want = tb_expected(c, r);

		CHECK(v.broken[r] == want, "%s: %s broken %u times, want %u",
		      c->name, rule_get(r)->id, v.broken[r], want);
		if (want)
			CHECK(v.applied[r], "%s: %s not applied", c->name,
			      rule_get(r)->id);
		if (rule_get(r)->level == LEVEL_MUST)
			must += v.broken[r];
	}
	for (size_t i = 0; i < ARRAY_SIZE(c->applied); i++) {
		enum rule_id r = c->applied[i].r;

		if (c->applied[i].set)
			CHECK(v.applied[r], "%s: %s not applied", c->name,
			      rule_get(r)->id);
	}
	if (c->detail)
		CHECK(tb_detail_has(tab, c, &v), "%s: no finding says \"%s\"",
		      c->name, c->detail);
	/* .must 0 is "not checked" unless the row breaks a rule: rows
	 * with broken rules give it explicitly */
	if (tab->count_must && c->must >= 0 && (c->must || c->broken[0].set))
		CHECK(must == c->must, "%s: %d MUST findings, want %d",
		      c->name, must, c->must);
	if (test_failed != before)
		tb_dump(tab, &v);

	verdict_reset(&v);
}

static inline void tb_run_case(const struct tb_table *tab,
			       const struct tb_case *c)
{
	struct trace *t = tb_build(c);

	tb_check(tab, c, t);
	mem_deref(t);
}

/* Every case of the table */
static inline void tb_run(const struct tb_table *tab)
{
	for (size_t i = 0; i < tab->ncases; i++)
		tb_run_case(tab, &tab->cases[i]);
}

/* A family rule that no row breaks is a rule without a test */
static inline void tb_coverage(const struct tb_table *tab)
{
	for (size_t i = 0; i < tab->nfamily; i++) {
		bool fired = false;

		for (size_t c = 0; c < tab->ncases && !fired; c++)
			fired = tb_expected(&tab->cases[c], tab->family[i]);
		CHECK(fired, "no row breaks %s", rule_get(tab->family[i])->id);
	}
}

/* Judging is pure: the same trace twice gives the same findings */
static inline void tb_repeatable(const struct tb_table *tab)
{
	for (size_t c = 0; c < tab->ncases; c++) {
		struct trace *t = tb_build(&tab->cases[c]);
		struct verdict v1, v2;

		verdict_init(&v1);
		verdict_init(&v2);
		judge_trace(&v1, t, NULL, NULL);
		judge_trace(&v2, t, NULL, NULL);
		CHECK(!memcmp(v1.broken, v2.broken, sizeof(v1.broken)) &&
		      !memcmp(v1.applied, v2.applied, sizeof(v1.applied)),
		      "%s: not repeatable", tab->cases[c].name);
		verdict_reset(&v1);
		verdict_reset(&v2);
		mem_deref(t);
	}
}

#define TB_TABLE(tname, fam, tcases) {(tname), (fam), ARRAY_SIZE(fam), \
		(tcases), ARRAY_SIZE(tcases), false}
