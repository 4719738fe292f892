/*
 * command.h: from words to devices. Text commands arrive on MQTT hub/command (plain text or
 * {"text","lang","area","satellite"}), Hermes (hermes/nlu/query, hermes/asr/textCaptured),
 * `hubctl say`, the websocket `command` message and rules (all through struct hub's `command`
 * hook); the language engine (engine/intent.h) parses them on worker threads, never on the
 * state thread; the answer's intent is resolved against the live registry, carried out through
 * the plugins, and answered on hub/response ({"text","intent","slots","targets","ok"}) in the
 * speaker's language from data/answers/ templates.
 *
 * hub/intent takes an already parsed INTENTS.md answer ({"intent","slots"} plus optional
 * "lang", "area", "satellite", "conversation_intent", and "rule" + "text" for HubCreateRule,
 * see hubd/rule_sentence.h) and carries it out the same way: the path for an external NLU
 * (Rhasspy, a test) that needs no model. A created rule's id comes back as "rule_id".
 *
 * Bad input (empty, over HUB_COMMAND_TEXT_MAX bytes, not UTF-8, control bytes) is answered
 * with ok=false; at most HUB_COMMAND_QUEUE_MAX commands wait for the engine, more are counted
 * as dropped and answered "busy".
 */
#ifndef HUB_COMMAND_H
#define HUB_COMMAND_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hub;
struct hub_command;

#define HUB_COMMAND_TEXT_MAX 2048 /* bytes of one utterance */
#define HUB_COMMAND_QUEUE_MAX 64  /* commands waiting for a worker */

/* Load the answers and the model (cfg->model_path, else the shipped default when present; a
 * hub without a model still serves hub/intent, timers and lists and answers text commands
 * "not ready"), open the timers, subscribe to the voice topics and set h->command. NULL with
 * err on a hard failure (answer files missing, database). */
struct hub_command *hub_command_new(struct hub *h, char *err, size_t errlen);
/* Close the timer handle (hub_stop); jobs still on workers finish and are dropped. */
void hub_command_stop(struct hub_command *c);
/* After the loop ended. */
void hub_command_free(struct hub_command *c);

/* MQTT messages for the module (hermes/..., hub/intent); true when it took the message. */
bool hub_command_on_mqtt(struct hub_command *c, const char *topic, const void *payload,
                         size_t len, bool retain);
/* A hub/command payload no automation phrase claimed (any bytes, any length). */
void hub_command_mqtt_command(struct hub_command *c, const void *payload, size_t len);

/* The area of a voice satellite: [satellites] NAME = Area in the config, else an area of that
 * name. NULL when unknown. */
const char *hub_command_satellite_area(struct hub_command *c, const char *satellite);

struct hub_command_stats {
    uint64_t received, answered, dropped, bad_input, engine_runs, actions, action_failures;
    uint64_t timers_fired;
    int queued, running;
};
void hub_command_get_stats(const struct hub_command *c, struct hub_command_stats *out);

/* Language of an utterance when the speaker did not say: "zh-CN" when it holds CJK
 * characters, else fallback. */
const char *hub_command_detect_lang(const char *text, const char *fallback);

/* Split "A and B" / "A然后B" into commands (new array of strings; one element when nothing
 * to split). */
json_t *hub_command_split(const char *text);

/* ---- lists (hubd/lists.c): kept by the hub in the store (table list_items) ---- */
struct sqlite3;
/* HUB_OK, HUB_ERR_EXISTS (already on the list), HUB_ERR_BUSY (list full). */
int hub_lists_add(struct sqlite3 *db, const char *list, const char *item, int64_t now_ms);
/* Mark done / delete; HUB_ERR_NOT_FOUND when the item is not on the list. */
int hub_lists_complete(struct sqlite3 *db, const char *list, const char *item);
int hub_lists_remove(struct sqlite3 *db, const char *list, const char *item);
/* The open items of a list (new array). */
json_t *hub_lists_items(struct sqlite3 *db, const char *list);

#endif
