/*
 * rules.h: the automation rules engine of hubd.
 *
 * Rules use Home Assistant's automation fields so its users can import theirs:
 *   id, alias, description, mode (single|restart|queued|parallel), max,
 *   triggers  (trigger: state | numeric_state | time | sun | mqtt | conversation | homeassistant;
 *              the older `platform:` key is accepted),
 *   conditions (condition: state | numeric_state | time | sun | and | or | not),
 *   actions   (action: DOMAIN.VERB with target.entity_id and data; mqtt.publish; notify.*;
 *              conversation.process (text command); delay; wait_for_trigger / wait_for_state
 *              with timeout; condition; if/then/else; choose/default).
 * The older plural-less keys (trigger, condition, action, service) are accepted and stored in
 * the new form. See data/rules/README.md for the whole language.
 *
 * Rules live in SQLite (table rules: id, version, enabled, last_triggered, config JSON); every
 * run is recorded with its trace (rule_runs). Pending `for` durations, delays and waits are
 * saved with their deadlines (rule_pending) and resumed when hubd starts again. Time comes from
 * hubd/clock.h (injectable for tests). Loops: a trigger that comes from an entity or MQTT topic
 * a run changed within HUB_RULES_LOOP_WINDOW_MS (real time) is counted as caused by that run; a
 * chain of HUB_RULES_LOOP_MAX such causes (a rule triggering itself, or rules triggering each
 * other) disables the rule that would fire next, with an error in the log and on hub/notify.
 * Triggers from the outside, however frequent, start new chains.
 *
 * Everything runs on hubd's state thread (the libuv loop).
 */
#ifndef HUB_RULES_H
#define HUB_RULES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uv.h>

struct hub_rules;
struct hub_registry;
struct hub_states;
struct hub_store;

#define HUB_RULES_LOOP_MAX 20
#define HUB_RULES_LOOP_WINDOW_MS 10000
#define HUB_RULES_TRACES_KEPT 50 /* runs kept per rule */

/* The text-command hook of "conversation.process" actions: hands text to the language engine.
 * Returns HUB_OK, or an error with a reason in err. Until the engine is wired in, the hook is
 * NULL and such actions fail with "language engine not available". */
typedef int (*hub_rules_command_fn)(void *ud, const char *text, const char *lang, char *err,
                                    size_t errlen);

/* What the engine needs from hubd. */
struct hub_rules_env {
    void *ud;
    uv_loop_t *loop;
    struct hub_store *store;
    struct hub_registry *reg;
    struct hub_states *states;
    int (*publish)(void *ud, const char *topic, const void *payload, size_t len, int qos,
                   bool retain);
    int (*subscribe)(void *ud, const char *filter, int qos);
    /* Run an entity action through the owning plugin (as hub/call does). */
    int (*execute)(void *ud, const char *entity_id, const char *action, const char *args_json,
                   char *err, size_t errlen);
    hub_rules_command_fn command; /* may be NULL */
    bool have_location;           /* [location] latitude/longitude set */
    double latitude, longitude;   /* degrees, north and east positive */
};

/* Create the engine, load rules and pending timers from the store, hook into state changes.
 * NULL with the reason in err. */
struct hub_rules *hub_rules_new(const struct hub_rules_env *env, char *err, size_t errlen);
/* Start timers, fire "hub start" triggers, resume what was pending at the last stop. */
int hub_rules_start(struct hub_rules *r);
/* Save pending deadlines (they are kept current anyway), stop timers (closing handles: run
 * the loop once afterwards), free. */
void hub_rules_stop(struct hub_rules *r);
void hub_rules_free(struct hub_rules *r);

/* Every MQTT message hubd receives (for mqtt triggers). hub/rules/request is answered here:
 * returns true when the message was for the rules engine and needs no other routing. */
bool hub_rules_on_mqtt(struct hub_rules *r, const char *topic, const void *payload, size_t len,
                       bool retain);

/* The phrase hook: the text-command path calls it with every command's text before asking
 * the language engine. Returns how many rules a "conversation" trigger started (0: none). */
int hub_rules_phrase(struct hub_rules *r, const char *text);

/* The API of the websocket module and of hub/rules/request, JSON in and out:
 *   rules/list                                   -> {"rules": [{id, alias, enabled, version,
 *                                                    last_triggered, mode, running}, ...]}
 *   rules/get     {rule_id}                      -> {"rule": {...}, id, version, enabled, ...}
 *   rules/create  {rule: {...}} | {yaml: "..."}  -> {"rule_id", "version"}
 *   rules/update  {rule_id, rule | yaml}         -> {"rule_id", "version"}
 *   rules/delete  {rule_id}                      -> {"rule_id"}
 *   rules/enable  {rule_id, enabled: bool}       -> {"rule_id", "enabled"}
 *   rules/trace   {rule_id, limit?}              -> {"traces": [newest first]}
 *   rules/import  {yaml, name?}                  -> {"imported": [ids]} (all or nothing)
 *   rules/export  {rule_ids?}                    -> {"yaml": "..."}
 *   rules/trigger {rule_id}                      -> {"rule_id"} (run now, skipping conditions)
 * Returns a new reference, or NULL with "CODE: message" in err, CODE one of not_found, exists,
 * unknown_command, disabled, invalid (bad input; YAML errors say NAME:LINE:COL), failed
 * (database). msg is the whole request object (extra keys such as id/type are ignored). */
json_t *hub_rules_api(struct hub_rules *r, const char *type, const json_t *msg, char *err,
                      size_t errlen);

/* Check a rule set (YAML text: a list of automations or one) without storing it. HUB_OK or
 * HUB_ERR_INVALID with "NAME:LINE:COL: where: what" in err. r may be NULL (no entity check). */
int hub_rules_check_yaml(struct hub_rules *r, const char *text, size_t len, const char *name,
                         char *err, size_t errlen);

size_t hub_rules_count(const struct hub_rules *r);

#endif
