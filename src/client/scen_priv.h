/**
 * @file scen_priv.h  What the runner shares with the scenario files
 */
#ifndef SIPCONFORM_CLIENT_SCEN_PRIV_H
#define SIPCONFORM_CLIENT_SCEN_PRIV_H

#include <re.h>
#include "client/uac.h"
#include "loop/qtmr.h"
#include "client/scenario.h"


struct scen {
	const struct scen_def *def;
	unsigned *running;         /**< scenarios of the set still running  */
	uint64_t t0_us, t_end_us;  /**< started, stopped (wire_clock_us)    */
	const struct scen_opts *o;
	struct uac *uac;
	struct qtmr tmr_watchdog;
	struct qtmr tmr_step;       /**< the next step: BYE, linger, end     */
	struct uac_ctrans *inv;    /**< the current INVITE, or NULL         */
	void *priv;                /**< the scenario's own state (mem), let
				        go when the scenario ends           */
	unsigned auth_tries;
	unsigned byes;             /**< BYEs waiting for a final            */
	bool got_final;            /**< to the request under test           */
	uint16_t final_scode;      /**< the INVITE's final, once got_final  */
	bool byes_sent;
	bool lingering;
	bool done;
	bool interrupted;          /**< a signal ended it before its end    */
	bool closed;
	int close_err;
	struct mbuf *notes;
	/** The scenario ended: called instead of counting it out of its
	 *  set (load.c), or NULL */
	void (*endh)(struct scen *s);
	void *endarg;
};

void scen_note(struct scen *s, const char *fmt, ...);
/* The runner's steps, for a runner of many (load.c): make and start s,
 * count it in *running; a signal ended it; stop it, judge it into res
 * (unless !judge: set-up failed) and let its UAC go */
int  scen_start(struct scen *s, struct scen_result *res,
		const struct scen_def *def, const struct scen_opts *opts,
		unsigned *running);
void scen_interrupt(struct scen *s);
void scen_end(struct scen *s, struct scen_result *res, bool judge);
int  scen_invite(struct scen *s);
void scen_linger(struct scen *s);
uint32_t scen_evidence_ms(const struct scen *s);
void scen_send_byes(struct scen *s);
void scen_hangup(struct scen *s, uint16_t scode);

#endif
