/**
 * @file scenario.h  What sipconform does to a target: call, cancel,
 *                   options, no-ack, auth
 *
 * A scenario is one file, scen_<name>.c, exporting a struct scen_def,
 * and one row in scenario.c's table.  The runner (scenario.c) gives it
 * sockets, a trace, a watchdog and the ending (BYE, linger, judge); the
 * scenario's handlers say what differs.
 */
#ifndef SIPCONFORM_CLIENT_SCENARIO_H
#define SIPCONFORM_CLIENT_SCENARIO_H

#include <signal.h>
#include <re.h>
#include "client/uac.h"
#include "judge/judge.h"
#include "result/run.h"
#include "trace/trace.h"


/** A scenario while it runs (scen_priv.h) */
struct scen;

/** Adjust the UAC before it is made (no-ack withholds ACKs) */
typedef void (scen_cfg_h)(struct uac_cfg *cfg);
/** Send the first request */
typedef int  (scen_start_h)(struct scen *s);
/** A response to the scenario's INVITE */
typedef void (scen_msg_h)(struct scen *s, const struct jmsg *jm);
/** A response to another of its requests (BYE aside) */
typedef void (scen_resp_h)(struct scen *s, struct uac_ctrans *ct,
			   const struct jmsg *jm);

struct scen_def {
	const char *name;
	const char *summary;
	const char *detail;        /**< for --list-scenarios               */
	bool needs_credentials;
	const char *method;        /**< the request judged: INVITE, OPTIONS */
	scen_cfg_h *cfgh;          /**< or NULL                             */
	scen_start_h *starth;
	scen_msg_h *provh;         /**< each 1xx to the INVITE, or NULL     */
	scen_msg_h *finalh;        /**< its final, a challenge answered     */
	scen_resp_h *resph;        /**< or NULL                             */
};

/** The catalogue, in the order --scenario all runs it */
extern const struct scen_def *const scen_defs[];
extern const size_t scen_def_count;

const struct scen_def *scenario_find(const char *name);

struct scen_opts {
	struct uac_cfg uac;
	struct judge_cfg judge;
	uint32_t timeout_ms;       /**< the longest a scenario may take     */
	size_t max_messages;       /**< received events recorded at most    */
	trace_obs_h *obsh;         /**< each event as it is recorded, or
				        NULL (--verbose)                    */
	void *obsarg;
	/** Given to re_main(): the caller's SIGINT/SIGTERM handler.  It
	 *  stores the signal in *sig and stops the loop (re_cancel); the
	 *  scenario then ends as if by --timeout and says why. */
	re_signal_h *sigh;
	const volatile sig_atomic_t *sig;
};

int  scenario_run(struct scen_result *res, const struct scen_def *def,
		  const struct scen_opts *opts);
int  scenario_run_set(struct scen_result *const *resv,
		      const struct scen_def *const *defv, size_t n,
		      const struct scen_opts *opts);
void scen_result_reset(struct scen_result *res);

/** A load run's call, judged, before it is let go (--csv) */
struct load_result;
typedef void (load_call_h)(uint64_t idx, const struct scen_result *res,
			   void *arg);
/* load.c: the scenarios defv in turn, l->calls of them (or for
 * l->duration_ms), l->rate a second, l->concurrency at most at once;
 * each judged into l and let go.  An error only when the first call
 * cannot be set up. */
int  scenario_load(struct load_result *l, const struct scen_def *const *defv,
		   size_t n, const struct scen_opts *opts, load_call_h *callh,
		   void *arg);
/* The descriptors conc calls in flight over tp may hold: each call its
 * socket and the TCP listener of its Contact, over TCP or TLS its
 * connection too, and some to spare */
size_t scenario_load_fds(uint32_t conc, enum sip_transp tp);

#endif
