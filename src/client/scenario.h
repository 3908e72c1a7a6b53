/**
 * @file scenario.h  What sipconform does to a target: call, cancel,
 *                   options, no-ack, auth
 */
#ifndef SIPCONFORM_CLIENT_SCENARIO_H
#define SIPCONFORM_CLIENT_SCENARIO_H

#include <re.h>
#include "client/uac.h"
#include "judge/judge.h"
#include "result/run.h"


struct scen_def {
	const char *name;
	const char *summary;
	const char *detail;        /**< for --list-scenarios               */
	bool needs_credentials;
};

extern const struct scen_def scen_defs[];
extern const size_t scen_def_count;

const struct scen_def *scenario_find(const char *name);

struct scen_opts {
	struct uac_cfg uac;
	struct judge_cfg judge;
	uint32_t timeout_ms;       /**< the longest a scenario may take     */
	bool verbose;              /**< the exchange on stderr, live        */
};

int  scenario_run(struct scen_result *res, const struct scen_def *def,
		  const struct scen_opts *opts);
bool scenario_interrupted(void);
void scen_result_reset(struct scen_result *res);

#endif
