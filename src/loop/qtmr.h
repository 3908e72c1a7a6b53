/**
 * @file qtmr.h  Timers for many calls: one queue per delay
 *
 * libre keeps its timers in one sorted list and tmr_start() walks it from
 * the end to the new timer's place: a timer walks past every timer due
 * after it.  With a few thousand calls in flight each holding 32 s Timer
 * B/F/D and a --timeout watchdog, every 500 ms retransmission timer
 * walked past thousands of them: at 400 calls/s, 72 % of sipconform's
 * CPU was libre's list_apply() (perf).
 *
 * Timers started with the same delay fall due in the order they were
 * started (the clock only goes forward), so a FIFO per delay is sorted
 * by itself: qtmr_start() appends, qtmr_cancel() unlinks, and one libre
 * timer per queue is armed for the queue's head.  A run has few distinct
 * delays (T1 doublings, 64*T1, the watchdog, the holds), so libre's list
 * holds a few timers whatever the number of calls.  A zero delay, or a
 * delay once the table of queues is full, goes to libre's own tmr as it
 * is.  Same semantics as struct tmr: the handler runs from the main
 * loop, once, after at least the delay; like libre's, not thread-safe.
 */
#ifndef SIPCONFORM_LOOP_QTMR_H
#define SIPCONFORM_LOOP_QTMR_H

#include <re.h>

struct qtmr_q;

struct qtmr {
	struct le le;              /**< in its queue                        */
	struct qtmr_q *q;          /**< the queue, or NULL                  */
	struct tmr tmr;            /**< libre's: a zero or unqueued delay   */
	uint64_t due;              /**< tmr_jiffies() it falls due at       */
	tmr_h *th;
	void *arg;
};

void qtmr_init(struct qtmr *t);
void qtmr_start(struct qtmr *t, uint64_t delay, tmr_h *th, void *arg);
void qtmr_cancel(struct qtmr *t);
bool qtmr_isrunning(const struct qtmr *t);

#endif
