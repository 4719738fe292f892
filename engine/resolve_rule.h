/*
 * resolve_rule.h: the answer for any decoded line, rule sentences included. An ordinary line goes
 * to resolve_line (engine/resolve.h); a rule line (the action's line plus rule slots, see
 * engine/intent_line.h) becomes the rule contract's answer:
 *
 *   {"intent": "HubCreateRule", "slots": {}, "rule": {"trigger": {...}, "weekdays": [...],
 *    "after": "22:00:00", "before": "06:00:00", "for": 300, "action": {ordinary answer}}}
 *
 * Times of day become "HH:MM:SS" and durations seconds (engine/numbers.c), the trigger entity its
 * canonical registry name, days the weekday list (daily: left out). When the action or the
 * trigger entity is not in the registry, or a time or duration does not read as one, the answer
 * is the null answer {"intent": null, "slots": {}}.
 */
#ifndef ENGINE_RESOLVE_RULE_H
#define ENGINE_RESOLVE_RULE_H

#include <jansson.h>

#include "engine/intent_line.h"
#include "engine/resolve.h"

/* Like resolve_line, for ordinary and rule lines alike (a new reference; NULL only when out of
 * memory). */
json_t *resolve_answer(const struct resolve_registry *r, const struct intent_schema *schema,
                       const struct intent_line *l, const char *utterance,
                       const char *context_area);

/* The rule object alone for a rule line whose action answer is known (steals action; NULL when
 * the line is no rule or the rule cannot be resolved: then action is released). utterance (may
 * be NULL) lets a trigger name the model copied only in part become the name said there. */
json_t *resolve_rule(const struct resolve_registry *r, const struct intent_line *l,
                     const char *utterance, json_t *action);

#endif
