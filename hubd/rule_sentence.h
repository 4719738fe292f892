/*
 * rule_sentence.h: automation rules from a spoken or typed sentence. The engine answers "when
 * the front door opens after 10 pm, turn on the hall light for 5 minutes" with
 *   {"intent": "HubCreateRule", "slots": {}, "rule": {
 *     "trigger": {"platform": "time", "at": "07:00:00"}
 *              | {"platform": "state", "entity": NAME, "to": on|off|open|closed|locked|
 *                 unlocked|home|not_home}
 *              | {"platform": "numeric_state", "entity": NAME, "above"|"below": NUMBER}
 *              | {"platform": "sun", "event": "sunrise"|"sunset", "offset": SECONDS (- before)},
 *     "weekdays": ["mon", ...], "after": "22:00:00", "before": "06:00:00",   (optional)
 *     "for": SECONDS (optional: undo the action that long after: on -> off, open -> close),
 *     "action": {"intent": "HassTurnOn", "slots": {"name": "Hallway Light"}}}}
 * (names are registry names; hub/intent takes the same object). This module turns the rule
 * member into one of the hub's own rules (Home Assistant automation fields, hubd/rules.h:
 * alias = the sentence, mode single, enabled), creates it through the rules module (SQLite,
 * versioned, in rules/list and `hubctl rules list`) and words the answer in the speaker's
 * language from data/answers: what was created and how to undo it, or why nothing was.
 *
 * The rule's action is what the command module would carry out for the `action` intent: the
 * command module resolves it (names, aliases, area/floor/domain targets, the speaker's area)
 * through a plan hook that records actions instead of running them, so both paths mean the
 * same devices. Runs on the state thread.
 */
#ifndef HUB_RULE_SENTENCE_H
#define HUB_RULE_SENTENCE_H

#include <jansson.h>
#include <stdbool.h>

struct hub;
struct hub_answers;

/* What an ordinary intent would do, without doing it. Returns a new object:
 *   {"actions": [{"entity_id", "action" (the plugin verb), "data"?}, ...],
 *    "what": "Hallway Light" | "2 lights in the Kitchen"   (when something resolved),
 *    "texts": [sentences]  (the command module's answer: why nothing resolved, when so)}
 * or NULL when out of memory. */
typedef json_t *(*hub_rule_plan_fn)(void *ud, const char *intent, const json_t *slots,
                                    const char *lang, const char *area);

struct hub_rule_sentence_env {
    struct hub *h;           /* registry (trigger entities) and rules (h->rules, may be NULL) */
    struct hub_answers *ans; /* the answer templates */
    hub_rule_plan_fn plan;   /* the command module's resolver */
    void *plan_ud;
};

/* True when a parsed answer ({"intent","slots","rule"?,"text"?}) asks for a new rule. */
bool hub_rule_sentence_is(const json_t *parsed);

/* Create the rule that parsed->rule describes (alias: parsed->text, else the description).
 * Appends the answer sentence to texts (a JSON array) and, when a rule was created, sets
 * *rule_id to its id (a new string reference; NULL otherwise). Returns true when created;
 * a bad rule object (unknown entity, impossible time, an action no rule can run) creates
 * nothing and says why. lang is an answers language ("en", "zh-CN"); area the speaker's. */
bool hub_rule_sentence_create(const struct hub_rule_sentence_env *env, const json_t *parsed,
                              const char *lang, const char *area, json_t *texts, json_t **rule_id);

/* The rule alone (for tests and tools): the hub rule object for `rule`, without an id, or
 * NULL with the answer sentence explaining why in *why (malloc'd). *desc (malloc'd, may be
 * NULL) gets the rule described in lang. */
json_t *hub_rule_sentence_build(const struct hub_rule_sentence_env *env, const json_t *rule,
                                const char *lang, const char *area, char **desc, char **why);

#endif
