/*
 * lists.c: shopping and todo lists kept by the hub itself (HassShoppingListAddItem,
 * HassListAddItem/CompleteItem/RemoveItem), in the store's list_items table (migration 5).
 * Items are matched case-insensitively; a list holds at most LIST_MAX_ITEMS open items.
 */
#include "hubd/command.h"

#include "hub_log.h"
#include "hub_status.h"

#include <sqlite3.h>
#include <string.h>

#define TAG "lists"
#define LIST_MAX_ITEMS 500
#define LIST_MAX_TEXT 200

static int lists_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
    if (!db) return HUB_ERR_UNAVAILABLE;
    if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) {
        hub_error(TAG, "prepare: %s", sqlite3_errmsg(db));
        return HUB_ERR_IO;
    }
    return HUB_OK;
}

static int lists_check(const char *list, const char *item)
{
    if (!list || !item || !*list || !*item) return HUB_ERR_INVALID;
    if (strlen(list) > LIST_MAX_TEXT || strlen(item) > LIST_MAX_TEXT) return HUB_ERR_RANGE;
    return HUB_OK;
}

int hub_lists_add(sqlite3 *db, const char *list, const char *item, int64_t now_ms)
{
    int rc = lists_check(list, item);
    if (rc) return rc;
    sqlite3_stmt *st;
    if ((rc = lists_prepare(db, "SELECT count(*), sum(item = ?2 COLLATE NOCASE) FROM list_items"
                                " WHERE list = ?1 COLLATE NOCASE AND done = 0", &st)))
        return rc;
    sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, item, -1, SQLITE_TRANSIENT);
    int n = 0, dup = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        n = sqlite3_column_int(st, 0);
        dup = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (dup) return HUB_ERR_EXISTS;
    if (n >= LIST_MAX_ITEMS) return HUB_ERR_BUSY;
    if ((rc = lists_prepare(db, "INSERT INTO list_items (list, item, created) VALUES (?, ?, ?)",
                            &st)))
        return rc;
    sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, item, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, now_ms);
    rc = sqlite3_step(st) == SQLITE_DONE ? HUB_OK : HUB_ERR_IO;
    if (rc) hub_error(TAG, "add to list %s: %s", list, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return rc;
}

static int lists_change(sqlite3 *db, const char *sql, const char *list, const char *item)
{
    int rc = lists_check(list, item);
    if (rc) return rc;
    sqlite3_stmt *st;
    if ((rc = lists_prepare(db, sql, &st))) return rc;
    sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, item, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) {
        hub_error(TAG, "list %s: %s", list, sqlite3_errmsg(db));
        rc = HUB_ERR_IO;
    } else {
        rc = sqlite3_changes(db) > 0 ? HUB_OK : HUB_ERR_NOT_FOUND;
    }
    sqlite3_finalize(st);
    return rc;
}

int hub_lists_complete(sqlite3 *db, const char *list, const char *item)
{
    return lists_change(db, "UPDATE list_items SET done = 1 WHERE list = ?1 COLLATE NOCASE"
                            " AND item = ?2 COLLATE NOCASE AND done = 0", list, item);
}

int hub_lists_remove(sqlite3 *db, const char *list, const char *item)
{
    return lists_change(db, "DELETE FROM list_items WHERE list = ?1 COLLATE NOCASE"
                            " AND item = ?2 COLLATE NOCASE", list, item);
}

json_t *hub_lists_items(sqlite3 *db, const char *list)
{
    json_t *a = json_array();
    sqlite3_stmt *st;
    if (!a || !list || lists_prepare(db, "SELECT item FROM list_items WHERE list = ?"
                                         " COLLATE NOCASE AND done = 0 ORDER BY id", &st))
        return a;
    sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(a, json_string((const char *)sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    return a;
}
