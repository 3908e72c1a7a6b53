/**
 * @file qtmr.c  Timers for many calls: one FIFO queue per delay (qtmr.h)
 */
#include <config.h>
#include <string.h>
#include <re.h>
#include "loop/qtmr.h"

/* Distinct delays a run uses: T1, 2*T1, 4*T1, T2, 64*T1, the watchdog,
 * the holds and lingers; a delay past the table goes to libre's tmr */
#define QTMR_QUEUES 24

struct qtmr_q {
	uint64_t delay;
	struct list l;             /**< struct qtmr, oldest (first due) first */
	struct tmr tmr;            /**< libre's, armed for the head          */
};

static struct qtmr_q queues[QTMR_QUEUES];
static size_t nqueues;

static void fire(void *arg);

/* Arm the queue's libre timer for its head, or stop it when empty */
static void arm(struct qtmr_q *q)
{
	struct le *le = list_head(&q->l);
	const struct qtmr *t;
	uint64_t now;

	if (!le) {
		tmr_cancel(&q->tmr);
		return;
	}
	t = le->data;
	now = tmr_jiffies();
	tmr_start(&q->tmr, t->due > now ? t->due - now : 0, fire, q);
}

/* Every timer of the queue that is due, in order; a handler may start
 * or cancel any timer, of this queue too */
static void fire(void *arg)
{
	struct qtmr_q *q = arg;
	uint64_t now = tmr_jiffies();
	struct le *le;

	while ((le = list_head(&q->l))) {
		struct qtmr *t = le->data;
		tmr_h *th = t->th;
		void *targ = t->arg;

		if (t->due > now)
			break;
		list_unlink(&t->le);
		t->q = NULL;
		t->th = NULL;
		th(targ);
	}
	arm(q);
}

static struct qtmr_q *queue_of(uint64_t delay)
{
	struct qtmr_q *q;

	for (size_t i = 0; i < nqueues; i++)
		if (queues[i].delay == delay)
			return &queues[i];
	if (nqueues == QTMR_QUEUES)
		return NULL;

	q = &queues[nqueues++];
	q->delay = delay;
	list_init(&q->l);
	tmr_init(&q->tmr);
	return q;
}

void qtmr_init(struct qtmr *t)
{
	memset(t, 0, sizeof(*t));
	tmr_init(&t->tmr);
}

void qtmr_cancel(struct qtmr *t)
{
	struct qtmr_q *q;
	bool head;

	if (!t)
		return;
	tmr_cancel(&t->tmr);
	q = t->q;
	if (!q)
		return;
	head = list_head(&q->l) == &t->le;
	list_unlink(&t->le);
	t->q = NULL;
	t->th = NULL;
	if (head)
		arm(q);
}

void qtmr_start(struct qtmr *t, uint64_t delay, tmr_h *th, void *arg)
{
	struct qtmr_q *q;

	if (!t)
		return;
	qtmr_cancel(t);
	if (!th)
		return;

	q = delay ? queue_of(delay) : NULL;
	if (!q) {
		tmr_start(&t->tmr, delay, th, arg);
		return;
	}

	t->q = q;
	t->th = th;
	t->arg = arg;
	t->due = tmr_jiffies() + delay;
	list_append(&q->l, &t->le, t);
	if (list_head(&q->l) == &t->le)
		arm(q);
}

bool qtmr_isrunning(const struct qtmr *t)
{
	return t && (t->q || tmr_isrunning(&t->tmr));
}
