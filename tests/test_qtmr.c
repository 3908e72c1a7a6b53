/**
 * @file test_qtmr.c  loop/qtmr.c: timers in one FIFO queue per delay
 *
 * Each row starts timers (a letter and a delay in ms), may cancel or
 * restart some, and runs libre's loop until every timer has fired or a
 * 5 s guard ends it; what fired, in order, must be the row's.  Delays are
 * a few ms apart and only their order is checked, so a busy machine
 * changes nothing.  Rows cover the queue's head and middle, restarts,
 * handlers that start or cancel timers of their own queue, a zero delay
 * and more distinct delays than the table of queues holds (libre's own
 * timers then).
 */
#include <stdio.h>
#include <string.h>
#include <re.h>
#include "loop/qtmr.h"
#include "testutil.h"

#define NT 40

/* What a timer's handler does besides recording its letter */
enum act {
	ACT_NONE = 0,
	ACT_START_Z,               /* start 'z' with the same delay         */
	ACT_CANCEL_NEXT,           /* cancel the timer of the next letter   */
	ACT_CHECK_IDLE,            /* qtmr_isrunning() of itself is false   */
};

struct row {
	const char *name;
	const char *starts;        /* "a20 b20 c20": letter, delay          */
	const char *cancels;       /* letters cancelled right after         */
	const char *restarts;      /* "a20": started again right after      */
	char actor;                /* the letter whose handler acts         */
	enum act act;
	const char *want;          /* the letters as they fired             */
};

static struct qtmr timers[NT];
static char fired[128];
static size_t nfired, pending;
static const struct row *cur;
static struct tmr guard;

static int idx(char c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' : c >= 'A' && c <= 'N' ?
		26 + c - 'A' : -1;
}

static char letter(int i)
{
	return (char)(i < 26 ? 'a' + i : 'A' + i - 26);
}

static void handler(void *arg)
{
	int i = (int)(intptr_t)arg;
	char c = letter(i);

	if (nfired + 1 < sizeof(fired))
		fired[nfired++] = c;
	pending--;

	if (c == cur->actor) {
		switch (cur->act) {

		case ACT_START_Z:
			qtmr_start(&timers[idx('z')], 20, handler,
				   (void *)(intptr_t)idx('z'));
			pending++;
			break;

		case ACT_CANCEL_NEXT:
			if (qtmr_isrunning(&timers[i + 1])) {
				qtmr_cancel(&timers[i + 1]);
				pending--;
			}
			break;

		case ACT_CHECK_IDLE:
			CHECK(!qtmr_isrunning(&timers[i]),
			      "%s: %c runs in its own handler", cur->name, c);
			break;

		default:
			break;
		}
	}
	if (!pending)
		re_cancel();
}

static void guard_h(void *arg)
{
	(void)arg;
	re_cancel();
}

/* "a20 b10": start each */
static void start_all(const char *spec)
{
	while (spec && *spec) {
		int i = idx(*spec);
		unsigned ms = 0;
		int n = 0;

		if (i < 0 || sscanf(spec + 1, "%u%n", &ms, &n) != 1)
			return;
		if (!qtmr_isrunning(&timers[i]))
			pending++;
		qtmr_start(&timers[i], ms, handler, (void *)(intptr_t)i);
		CHECK(qtmr_isrunning(&timers[i]), "%s: %c not running after "
		      "qtmr_start", cur->name, *spec);
		spec += 1 + n;
		while (*spec == ' ')
			spec++;
	}
}

static void run(const struct row *r)
{
	cur = r;
	nfired = pending = 0;
	memset(fired, 0, sizeof(fired));
	for (int i = 0; i < NT; i++)
		qtmr_init(&timers[i]);

	start_all(r->starts);
	for (const char *c = r->cancels; c && *c; c++) {
		int i = idx(*c);

		if (i >= 0 && qtmr_isrunning(&timers[i])) {
			qtmr_cancel(&timers[i]);
			pending--;
		}
		CHECK(i >= 0 && !qtmr_isrunning(&timers[i]),
		      "%s: %c runs after qtmr_cancel", r->name, *c);
	}
	start_all(r->restarts);

	tmr_start(&guard, 5000, guard_h, NULL);
	if (pending)
		re_main(NULL);
	tmr_cancel(&guard);

	CHECK(!strcmp(fired, r->want), "%s: fired \"%s\", want \"%s\"",
	      r->name, fired, r->want);
	for (int i = 0; i < NT; i++) {
		CHECK(!qtmr_isrunning(&timers[i]), "%s: %c still runs",
		      r->name, letter(i));
		qtmr_cancel(&timers[i]);
	}
}

int main(void)
{
	static const struct row rows[] = {
		{"one delay: in the order started", "a20 b20 c20", NULL,
		 NULL, 0, 0, "abc"},
		{"three delays: by when due", "a30 b10 c20", NULL, NULL, 0,
		 0, "bca"},
		{"the head cancelled", "a20 b20 c20", "a", NULL, 0, 0, "bc"},
		{"the middle cancelled", "a20 b20 c20", "b", NULL, 0, 0,
		 "ac"},
		{"the tail cancelled", "a20 b20 c20", "c", NULL, 0, 0, "ab"},
		{"all cancelled", "a20 b20", "ab", NULL, 0, 0, ""},
		{"restarted: goes to the end", "a20 b20", NULL, "a20", 0, 0,
		 "ba"},
		{"restarted with another delay", "a20 b40", NULL, "a60", 0, 0,
		 "ba"},
		{"zero delay: libre's own", "a0 b10", NULL, NULL, 0, 0, "ab"},
		{"a handler starts one of its queue", "a20 b20", NULL, NULL,
		 'a', ACT_START_Z, "abz"},
		{"a handler cancels the next of its queue", "a20 b20 c20",
		 NULL, NULL, 'a', ACT_CANCEL_NEXT, "ac"},
		{"not running in its own handler", "a20", NULL, NULL, 'a',
		 ACT_CHECK_IDLE, "a"},
		/* 30 distinct delays: more than the queues, the rest on
		 * libre's list, all in the order due */
		{"more delays than queues",
		 "a131 b132 c133 d134 e135 f136 g137 h138 i139 j140 k141 "
		 "l142 m143 n144 o145 p146 q147 r148 s149 t150 u151 v152 "
		 "w153 x154 y155 A156 B157 C158 D159 E160", NULL, NULL, 0, 0,
		 "abcdefghijklmnopqrstuvwxyABCDE"},
		{"after the table is full: still in order",
		 "a25 b15 c161 d5", NULL, NULL, 0, 0, "dbac"},
	};

	if (libre_init())
		return 1;
	tmr_init(&guard);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		run(&rows[i]);

	qtmr_start(NULL, 10, handler, NULL);
	qtmr_cancel(NULL);
	CHECK(!qtmr_isrunning(NULL), "NULL runs");

	libre_close();
	return test_summary("test_qtmr");
}
