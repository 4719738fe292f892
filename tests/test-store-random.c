/*
 * test-store-random.c: a randomized model test of hubd/store.c. A seeded generator (the seed is
 * printed; HUB_STORE_SEED=N replays one) drives 30000 operations of every kind against a real
 * SQLite file, mixing good input with bad (invalid or non-object JSON, invalid UTF-8, empty and
 * overlong strings, unknown entities) and caller transactions that commit or roll back. A plain
 * in-memory model says what the database must hold; the store is compared with it regularly,
 * after a close and reopen, and PRAGMA integrity_check must stay ok throughout.
 */
#include "config.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hub_log.h"
#include "hub_status.h"
#include "hubd/store.h"

/* once the store and the model part, every later comparison fails; the first 20 say enough */
#define HUB_CHECK_PRINT_MAX 20
#include "tests/hub-check.h"

#define NIDS 40  /* entity ids in play */
#define NKEYS 12 /* setting keys in play */
#define OPS 30000

static uint64_t rng_state;

static uint32_t rnd(void)
{
    /* xorshift64*: reproducible from the printed seed */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

/* ---- the model ---- */

struct model {
    char *rec[NIDS];   /* entity record, NULL: absent */
    char *state[NIDS]; /* last state "value|attrs|lc|lu", NULL: none */
    char *set[NKEYS];  /* setting value, NULL: absent */
};

static void model_free(struct model *m)
{
    for (int i = 0; i < NIDS; i++)
        free(m->rec[i]), free(m->state[i]);
    for (int i = 0; i < NKEYS; i++)
        free(m->set[i]);
    memset(m, 0, sizeof *m);
}

static void model_copy(struct model *dst, const struct model *src)
{
    for (int i = 0; i < NIDS; i++) {
        dst->rec[i] = src->rec[i] ? strdup(src->rec[i]) : NULL;
        dst->state[i] = src->state[i] ? strdup(src->state[i]) : NULL;
    }
    for (int i = 0; i < NKEYS; i++)
        dst->set[i] = src->set[i] ? strdup(src->set[i]) : NULL;
}

static void set_str(char **slot, const char *v)
{
    free(*slot);
    *slot = v ? strdup(v) : NULL;
}

/* History rows the database must hold once everything is flushed: their timestamps. */
static int64_t *hist_ts;
static size_t hist_n, hist_cap;

static void hist_add(int64_t ts)
{
    if (hist_n == hist_cap) {
        hist_cap = hist_cap ? hist_cap * 2 : 1024;
        hist_ts = realloc(hist_ts, hist_cap * sizeof *hist_ts);
        if (!hist_ts) abort();
    }
    hist_ts[hist_n++] = ts;
}

static void id_of(int i, char *out, size_t len)
{
    static const char *const domains[] = {"light", "switch", "sensor", "cover"};
    snprintf(out, len, "%s.rand_%02d", domains[i % 4], i);
}

/* ---- random input, good and bad ---- */

static void random_json_object(char *out, size_t len)
{
    int n = (int)(rnd() % 4);
    size_t used = (size_t)snprintf(out, len, "{");
    for (int k = 0; k < n && used < len; k++) {
        static const char *const vals[] = {"1",      "-2.5",  "true",       "null",         "\"x\"",
                                           "\"灯\"", "[1,2]", "{\"a\":{}}", "\"q\\\"uote\""};
        used += (size_t)snprintf(out + used, len - used, "%s\"k%d\":%s", k ? "," : "", k,
                                 vals[rnd() % (sizeof vals / sizeof vals[0])]);
    }
    if (used < len) snprintf(out + used, len - used, "}");
}

/* Some bad JSON: truncated, trailing garbage, invalid UTF-8, wrong shape, duplicate keys. */
static const char *bad_json(void)
{
    static const char *const bad[] = {
        "{",       "{\"a\":1", "{\"a\":1}x",           "[1,2]",
        "\"str\"", "42",       "{\"a\":\"\xff\xfe\"}", "{\"a\":1,\"a\":2}",
        "",        "{'a':1}",  "{\"a\":01}",           "nul"};
    return bad[rnd() % (sizeof bad / sizeof bad[0])];
}

static const char *bad_text(void)
{
    static char longs[400];
    if (!longs[0]) {
        memset(longs, 'z', sizeof longs - 1);
        memcpy(longs, "light.", 6);
    }
    static const char *const bad[] = {"", "light.\xc3", "light.\xed\xa0\x80", "\xff", longs, NULL};
    return bad[rnd() % (sizeof bad / sizeof bad[0])];
}

/* ---- comparing store and model ---- */

struct cmp {
    const struct model *m;
    int seen;
    int line;
};

static int idx_of(const char *id)
{
    for (int i = 0; i < NIDS; i++) {
        char buf[64];
        id_of(i, buf, sizeof buf);
        if (strcmp(buf, id) == 0) return i;
    }
    return -1;
}

static int cmp_entity(void *ud, const char *id, const char *rec)
{
    struct cmp *c = ud;
    int i = idx_of(id);
    CHECK(i >= 0 && c->m->rec[i] && strcmp(c->m->rec[i], rec) == 0,
          "(compare at line %d) entity %s = %s, model %s", c->line, id, rec,
          i >= 0 && c->m->rec[i] ? c->m->rec[i] : "(absent)");
    c->seen++;
    return 0;
}

static int cmp_state(void *ud, const char *id, const char *state, const char *attrs, int64_t lc,
                     int64_t lu)
{
    struct cmp *c = ud;
    int i = idx_of(id);
    char buf[512];
    snprintf(buf, sizeof buf, "%s|%s|%" PRId64 "|%" PRId64, state, attrs, lc, lu);
    CHECK(i >= 0 && c->m->state[i] && strcmp(c->m->state[i], buf) == 0,
          "(compare at line %d) state %s = %s, model %s", c->line, id, buf,
          i >= 0 && c->m->state[i] ? c->m->state[i] : "(absent)");
    c->seen++;
    return 0;
}

static int count_cb(void *ud, int64_t ts, const char *state, const char *attrs)
{
    (*(size_t *)ud)++;
    return 0;
}

static void compare(struct hub_store *st, const struct model *m, int line)
{
    struct cmp c = {.m = m, .line = line};
    CHECK(hub_store_entity_foreach(st, cmp_entity, &c) == HUB_OK, "entity_foreach: %s",
          hub_store_last_error(st));
    int want = 0;
    for (int i = 0; i < NIDS; i++)
        want += m->rec[i] != NULL;
    CHECK(c.seen == want, "(line %d) %d entities, model %d", line, c.seen, want);
    c.seen = 0;
    CHECK(hub_store_state_foreach(st, cmp_state, &c) == HUB_OK, "state_foreach");
    want = 0;
    for (int i = 0; i < NIDS; i++)
        want += m->state[i] != NULL;
    CHECK(c.seen == want, "(line %d) %d states, model %d", line, c.seen, want);
    for (int k = 0; k < NKEYS; k++) {
        char key[32];
        snprintf(key, sizeof key, "key%d", k);
        char *v = hub_store_setting_get(st, key);
        CHECK((v == NULL) == (m->set[k] == NULL) && (!v || strcmp(v, m->set[k]) == 0),
              "(line %d) setting %s = %s, model %s", line, key, v ? v : "(absent)",
              m->set[k] ? m->set[k] : "(absent)");
        free(v);
    }
}

static void check_history(struct hub_store *st, int line)
{
    /* Every history row is on one of two entities; count them all. */
    size_t n = 0;
    CHECK(hub_store_history_query(st, "sensor.hist_a", INT64_MIN, INT64_MAX, 0, count_cb, &n) ==
              HUB_OK,
          "history_query");
    CHECK(hub_store_history_query(st, "sensor.hist_b", INT64_MIN, INT64_MAX, 0, count_cb, &n) ==
              HUB_OK,
          "history_query");
    CHECK(n == hist_n, "(line %d) %zu history rows, model %zu", line, n, hist_n);
}

/* ---- the run ---- */

int main(void)
{
    const char *seed_env = getenv("HUB_STORE_SEED");
    uint64_t seed =
        seed_env ? strtoull(seed_env, NULL, 10) : (uint64_t)time(NULL) ^ (uint64_t)getpid();
    if (!seed) seed = 1;
    rng_state = seed;
    printf("seed %" PRIu64 " (HUB_STORE_SEED=%" PRIu64 " replays this run)\n", seed, seed);
    hub_log_set_level(-1); /* bad input is expected by the thousand: keep the log quiet */

    char dir[] = "/tmp/test-store-random-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    char db[256], err[512];
    snprintf(db, sizeof db, "%s/r.db", dir);
    struct hub_store *st = hub_store_open(db, err, sizeof err);
    if (!st) {
        fprintf(stderr, "open: %s\n", err);
        return 1;
    }
    CHECK(hub_store_history_set_batch_limit(st, 50) == HUB_OK, "batch limit");
    struct model m = {0}, saved = {0};
    bool in_tx = false;
    int64_t ts = 0;
    int counts[16] = {0};

    for (int op = 0; op < OPS; op++) {
        char id[64], json[256], state[32];
        int i = (int)(rnd() % NIDS), kind = (int)(rnd() % 14);
        bool bad = rnd() % 4 == 0;
        id_of(i, id, sizeof id);
        counts[kind]++;
        switch (kind) {
        case 0:
        case 1: /* entity_put */
            if (bad) {
                int r = rnd() % 2 ? hub_store_entity_put(st, id, bad_json())
                                  : hub_store_entity_put(st, bad_text(), "{}");
                CHECK(r != HUB_OK, "bad entity_put accepted");
            } else {
                random_json_object(json, sizeof json);
                int r = hub_store_entity_put(st, id, json);
                CHECK(r == HUB_OK, "entity_put %s %s: %s", id, json, hub_store_last_error(st));
                if (r == HUB_OK) set_str(&m.rec[i], json);
            }
            break;
        case 2: { /* entity_delete: its state goes with it */
            int r = hub_store_entity_delete(st, id);
            CHECK(r == (m.rec[i] ? HUB_OK : HUB_ERR_NOT_FOUND), "delete %s: %d", id, r);
            set_str(&m.rec[i], NULL);
            set_str(&m.state[i], NULL);
            break;
        }
        case 3:
        case 4: { /* state_put */
            snprintf(state, sizeof state, "s%u", rnd() % 5);
            int64_t lc = rnd() % 100000, lu = lc + rnd() % 10;
            if (bad) {
                int r = rnd() % 2 ? hub_store_state_put(st, id, state, bad_json(), lc, lu)
                                  : hub_store_state_put(st, id, bad_text(), "{}", lc, lu);
                CHECK(r != HUB_OK, "bad state_put accepted");
                break;
            }
            random_json_object(json, sizeof json);
            int r = hub_store_state_put(st, id, state, json, lc, lu);
            if (!m.rec[i]) {
                CHECK(r == HUB_ERR_NOT_FOUND, "state of absent %s: %d", id, r);
            } else {
                CHECK(r == HUB_OK, "state_put %s: %s", id, hub_store_last_error(st));
                char buf[512];
                snprintf(buf, sizeof buf, "%s|%s|%" PRId64 "|%" PRId64, state, json, lc, lu);
                set_str(&m.state[i], buf);
            }
            break;
        }
        case 5:
        case 6: { /* history_append */
            const char *hid = rnd() % 2 ? "sensor.hist_a" : "sensor.hist_b";
            if (bad) {
                CHECK(hub_store_history_append(st, hid, "x", bad_json(), ts) != HUB_OK,
                      "bad history accepted");
                break;
            }
            random_json_object(json, sizeof json);
            int r = hub_store_history_append(st, hid, "x", json, ++ts);
            CHECK(r == HUB_OK, "history_append: %s", hub_store_last_error(st));
            if (r == HUB_OK) hist_add(ts);
            break;
        }
        case 7: /* flush */
            CHECK(hub_store_history_flush(st) == HUB_OK, "flush: %s", hub_store_last_error(st));
            break;
        case 8: { /* setting */
            int k = (int)(rnd() % NKEYS);
            char key[32], val[64];
            snprintf(key, sizeof key, "key%d", k);
            snprintf(val, sizeof val, "v%u-%s", rnd(), rnd() % 3 ? "" : "值");
            if (bad) {
                CHECK(hub_store_setting_put(st, key, rnd() % 2 ? "\xc3" : NULL) != HUB_OK,
                      "bad setting accepted");
            } else {
                CHECK(hub_store_setting_put(st, key, val) == HUB_OK, "setting_put");
                set_str(&m.set[k], val);
            }
            break;
        }
        case 9: /* transaction begin */
            if (!in_tx) {
                CHECK(hub_store_tx_begin(st) == HUB_OK, "tx_begin: %s", hub_store_last_error(st));
                model_copy(&saved, &m);
                in_tx = true;
            } else {
                CHECK(hub_store_tx_begin(st) == HUB_ERR_BUSY, "nested tx_begin");
            }
            break;
        case 10: /* commit or rollback */
            if (!in_tx) break;
            if (rnd() % 2) {
                CHECK(hub_store_tx_commit(st) == HUB_OK, "commit: %s", hub_store_last_error(st));
                model_free(&saved);
            } else {
                CHECK(hub_store_tx_rollback(st) == HUB_OK, "rollback");
                model_free(&m);
                m = saved;
                memset(&saved, 0, sizeof saved);
            }
            in_tx = false;
            break;
        case 11: /* prune, outside transactions, after a flush so the model knows what goes */
            if (in_tx) break;
            if (hub_store_history_flush(st) == HUB_OK) {
                int64_t cutoff = ts - 300 - (int64_t)(rnd() % 3000);
                int64_t n = hub_store_history_prune(st, cutoff);
                size_t w = 0, want = 0;
                for (size_t k = 0; k < hist_n; k++) {
                    if (hist_ts[k] < cutoff)
                        want++;
                    else
                        hist_ts[w++] = hist_ts[k];
                }
                hist_n = w;
                CHECK(n == (int64_t)want, "prune(%" PRId64 ") deleted %" PRId64 ", model %zu",
                      cutoff, n, want);
            }
            break;
        case 12: /* compare */ compare(st, &m, op); break;
        case 13: /* integrity now and then */
            if (rnd() % 20 == 0)
                CHECK(hub_store_check(st, err, sizeof err) == HUB_OK, "integrity: %s", err);
            break;
        }
    }
    if (in_tx) CHECK(hub_store_tx_commit(st) == HUB_OK, "final commit");
    model_free(&saved);
    CHECK(hub_store_history_flush(st) == HUB_OK, "final flush");
    compare(st, &m, OPS);
    check_history(st, OPS);
    CHECK(hub_store_check(st, err, sizeof err) == HUB_OK, "integrity: %s", err);
    hub_store_close(st);

    /* Everything survives a close and reopen. */
    st = hub_store_open(db, err, sizeof err);
    CHECK(st != NULL, "reopen: %s", err);
    if (st) {
        compare(st, &m, -1);
        check_history(st, -1);
        CHECK(hub_store_check(st, err, sizeof err) == HUB_OK, "integrity: %s", err);
        hub_store_close(st);
    }
    model_free(&m);
    free(hist_ts);
    printf("%d operations (%d entity puts, %d state puts, %d history appends, %d transactions), "
           "%zu history rows kept: %s\n",
           OPS, counts[0] + counts[1], counts[3] + counts[4], counts[5] + counts[6], counts[9],
           hist_n, failures ? "FAIL" : "PASS");
    if (!failures) {
        const char *sfx[] = {"", "-wal", "-shm", ".lock"};
        for (size_t k = 0; k < 4; k++) {
            char p[300];
            snprintf(p, sizeof p, "%s%s", db, sfx[k]);
            unlink(p);
        }
        rmdir(dir);
    } else {
        fprintf(stderr, "files kept in %s\n", dir);
    }
    return failures ? 1 : 0;
}
