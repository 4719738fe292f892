/*
 * store.h: hubd's SQLite database: the registry (entities, areas, floors), state history,
 * and key/value settings. One connection, used from the state thread only (the store also
 * runs its own WAL-checkpoint thread with a private connection; callers never see it).
 *
 * WAL journal, synchronous=NORMAL, schema migrations by PRAGMA user_version, prepared
 * statements only. History is appended to an in-memory batch and written in one transaction
 * per flush, so ingest costs one fsync-free commit per batch, not per message. A second hubd on
 * the same database is refused (an exclusive lock on FILE.lock); hubctl's token commands open it
 * beside the hub (hub_store_open_beside).
 */
#ifndef HUB_STORE_H
#define HUB_STORE_H

#include <stddef.h>
#include <stdint.h>

struct hub_store;

/* Open (create, migrate) the database. NULL on error, with a message naming the file. */
struct hub_store *hub_store_open(const char *path, char *err, size_t errlen);
/* Open an existing database beside the hub that holds it (hubctl token while hubd runs):
 * no lock, no migration (the file must be at this program's schema), SQLite's own locking
 * between the two. For short administrative writes, not for a second hub. */
struct hub_store *hub_store_open_beside(const char *path, char *err, size_t errlen);
void hub_store_close(struct hub_store *st); /* flushes pending history */

/* Registry rows. `record_json` is the whole record as hubd keeps it (name, aliases, area,
 * device_class, capabilities, plugin, ...); the store also keeps area/domain columns for
 * queries. Return enum hub_status. */
int hub_store_entity_put(struct hub_store *st, const char *entity_id, const char *record_json);
int hub_store_entity_delete(struct hub_store *st, const char *entity_id);
int hub_store_entity_foreach(struct hub_store *st,
                             int (*cb)(void *ud, const char *entity_id, const char *record_json),
                             void *ud);
int hub_store_area_put(struct hub_store *st, const char *name, const char *floor,
                       const char *aliases_json);
int hub_store_area_foreach(struct hub_store *st,
                           int (*cb)(void *ud, const char *name, const char *floor,
                                     const char *aliases_json),
                           void *ud);
int hub_store_floor_put(struct hub_store *st, const char *name, int level,
                        const char *aliases_json);
int hub_store_floor_foreach(struct hub_store *st,
                            int (*cb)(void *ud, const char *name, int level,
                                      const char *aliases_json),
                            void *ud);

/* Last known state per entity, so a restart shows the house as it was. */
int hub_store_state_put(struct hub_store *st, const char *entity_id, const char *state,
                        const char *attributes_json, int64_t last_changed_ms,
                        int64_t last_updated_ms);
int hub_store_state_foreach(struct hub_store *st,
                            int (*cb)(void *ud, const char *entity_id, const char *state,
                                      const char *attributes_json, int64_t last_changed_ms,
                                      int64_t last_updated_ms),
                            void *ud);

/* History: queued in memory, written by hub_store_history_flush (call it on a timer, e.g.
 * every second, and when the batch reaches hub_store_history_batch_limit). */
int hub_store_history_append(struct hub_store *st, const char *entity_id, const char *state,
                             const char *attributes_json, int64_t ts_ms);
int hub_store_history_pending(const struct hub_store *st);
int hub_store_history_flush(struct hub_store *st);
/* Delete history older than cutoff_ms. Returns rows deleted, or a negative status. */
int64_t hub_store_history_prune(struct hub_store *st, int64_t cutoff_ms);
/* Rows of one entity with start_ms <= ts < end_ms, oldest first, at most `limit` (0: all). */
int hub_store_history_query(
    struct hub_store *st, const char *entity_id, int64_t start_ms, int64_t end_ms, int limit,
    int (*cb)(void *ud, int64_t ts_ms, const char *state, const char *attributes_json), void *ud);

/* Settings (key/value), e.g. the demo's generated token hash. */
int hub_store_setting_put(struct hub_store *st, const char *key, const char *value);
char *hub_store_setting_get(struct hub_store *st, const char *key); /* malloc'd or NULL */

/* Run PRAGMA integrity_check; HUB_OK when the answer is "ok". */
int hub_store_check(struct hub_store *st, char *err, size_t errlen);

/* ---- additions (compatible with the interface above) ---------------------------------- */

/* Input limits: ids, states, names, keys are 1..HUB_STORE_MAX_ID bytes of UTF-8; JSON and
 * setting values at most HUB_STORE_MAX_JSON bytes. JSON arguments must be valid JSON
 * (record_json and attributes_json an object, aliases_json an array; NULL attributes are
 * stored as {} and NULL aliases as []): invalid input returns HUB_ERR_INVALID or
 * HUB_ERR_RANGE and writes nothing. hub_store_state_put for an entity that was never put
 * returns HUB_ERR_NOT_FOUND (states follow their entity: deleting the entity deletes its
 * state). hub_store_area_put with a floor not yet put creates that floor at level 0. */
#define HUB_STORE_MAX_ID 255
#define HUB_STORE_MAX_JSON (1024 * 1024)
#define HUB_STORE_DEFAULT_BATCH 5000 /* rows; a batch costs ~25% less per row than 1000 */

/* The foreach functions visit rows in a fixed order (entities, areas and states by name,
 * floors by level then name) and stop at the first nonzero value a callback returns, which
 * they then return; else HUB_OK or an error status. */

/* hub_store_history_append flushes by itself when this many rows are queued. */
int hub_store_history_batch_limit(const struct hub_store *st);
int hub_store_history_set_batch_limit(struct hub_store *st, int rows); /* 1..200000 */

/* Optional: group many writes in one transaction (e.g. all dirty states of a flush, which
 * otherwise cost one commit each). Not nestable. Everything written between begin and
 * commit, including a hub_store_history_flush, becomes durable at commit; a rollback (or a
 * crash) discards the registry/state writes, while history rows flushed inside it stay queued
 * and are written by the next flush (never lost, never doubled). hub_store_close rolls back
 * an open transaction. */
int hub_store_tx_begin(struct hub_store *st);
int hub_store_tx_commit(struct hub_store *st);
int hub_store_tx_rollback(struct hub_store *st);

/* Access tokens of the websocket API (schema version 3): a unique name and the SHA-256 of the
 * token as 64 lowercase hex digits; the token itself is never stored. add: HUB_ERR_EXISTS for
 * a name or hash already there. find: HUB_OK with the name (malloc'd, may be NULL if not
 * wanted) and last_used set to now_ms (0: not touched), HUB_ERR_NOT_FOUND for an unknown
 * hash. delete: HUB_ERR_NOT_FOUND for an unknown name. foreach: by name; last_used_ms 0 for
 * never used. */
int hub_store_token_add(struct hub_store *st, const char *name, const char *hash_hex,
                        int64_t created_ms);
int hub_store_token_find(struct hub_store *st, const char *hash_hex, char **name_out,
                         int64_t now_ms);
int hub_store_token_foreach(struct hub_store *st,
                            int (*cb)(void *ud, const char *name, int64_t created_ms,
                                      int64_t last_used_ms),
                            void *ud);
int hub_store_token_delete(struct hub_store *st, const char *name);

/* The message of the last failed call (also logged), "" if none. Never NULL. */
const char *hub_store_last_error(const struct hub_store *st);

/* The SQLite connection (schema version 4 adds the rules tables: rules, rule_runs,
 * rule_pending; version 5 the voice tables: timers, list_items), for the rules engine's and
 * hubd/timers.c's own prepared statements. State thread only. */
struct sqlite3;
struct sqlite3 *hub_store_sqlite(struct hub_store *st);

#endif
