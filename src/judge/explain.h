/**
 * @file explain.h  The sentence behind each rule, for people
 *
 * Text only: the judge never reads it.  `sipconform --explain RULE`
 * prints it; explain.def holds it, one entry per rule.
 */
#ifndef SIPCONFORM_JUDGE_EXPLAIN_H
#define SIPCONFORM_JUDGE_EXPLAIN_H

#include "judge/rules.h"

struct rule_explain {
	const char *quote;     /**< the RFC sentence, with RFC and section */
	const char *applies;   /**< when the rule has something to judge  */
	const char *means;     /**< what a finding says                    */
	const char *fix;       /**< how a vendor fixes it                  */
};

/* The entry of rule id; NULL for an id outside the catalogue */
const struct rule_explain *rule_explain(enum rule_id id);

#endif
