/*
 * test-web-token.c: access tokens (hubd/token.c) on a real SQLite store: SHA-256 against the
 * FIPS 180-2 vectors, token format and randomness, create / check / revoke / replace, names,
 * and that the database never holds a token itself.
 */
#include "hub_status.h"
#include "hubd/store.h"
#include "hubd/token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* the log lists every check, held or not */
#define HUB_CHECK_VERBOSE 1
#include "tests/hub-check.h"

static int count_cb(void *ud, const char *name, int64_t created, int64_t used)
{
    (*(int *)ud)++;
    return 0;
}

int main(void)
{
    char h[HUB_TOKEN_HASH_LEN + 1];
    hub_token_hash("abc", 3, h);
    CHECK(strcmp(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0,
          "SHA-256(\"abc\") = %s", h);
    hub_token_hash("", 0, h);
    CHECK(strcmp(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == 0,
          "SHA-256(\"\")");

    char a[HUB_TOKEN_LEN + 1], b[HUB_TOKEN_LEN + 1];
    CHECK(hub_token_generate(a) == HUB_OK && hub_token_generate(b) == HUB_OK, "generate");
    bool charset = strncmp(a, "hubd_", 5) == 0 && strlen(a) == HUB_TOKEN_LEN;
    for (const char *p = a + 5; *p; p++)
        if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", *p))
            charset = false;
    CHECK(charset, "token format: %s", a);
    CHECK(strcmp(a, b) != 0, "two tokens differ");

    CHECK(hub_token_name_valid("kitchen-tablet") && hub_token_name_valid("me@home.lan") &&
              !hub_token_name_valid("") && !hub_token_name_valid("a b") &&
              !hub_token_name_valid("x;rm") && !hub_token_name_valid("\xe4\xbd\xa0"),
          "names");
    char longname[80];
    memset(longname, 'n', 65);
    longname[65] = 0;
    CHECK(!hub_token_name_valid(longname), "65-character name refused");

    char dir[] = "/tmp/test-web-token.XXXXXX", path[64], err[256];
    if (!mkdtemp(dir)) return 1;
    snprintf(path, sizeof path, "%s/hub.db", dir);
    struct hub_store *st = hub_store_open(path, err, sizeof err);
    CHECK(st != NULL, "store open %s", st ? "" : err);
    if (!st) return 1;

    char t1[HUB_TOKEN_LEN + 1], t2[HUB_TOKEN_LEN + 1], t3[HUB_TOKEN_LEN + 1];
    CHECK(hub_token_create(st, "tablet", false, t1, err, sizeof err) == HUB_OK, "create tablet");
    CHECK(hub_token_create(st, "tablet", false, t2, err, sizeof err) == HUB_ERR_EXISTS,
          "same name again refused: %s", err);
    CHECK(hub_token_create(st, "bad name", false, t2, err, sizeof err) == HUB_ERR_INVALID,
          "bad name refused: %s", err);
    CHECK(hub_token_create(st, "phone", false, t2, err, sizeof err) == HUB_OK, "create phone");
    char *name = NULL;
    CHECK(hub_token_check(st, t1, strlen(t1), &name) == HUB_OK && name && !strcmp(name, "tablet"),
          "tablet's token checks as tablet");
    free(name);
    CHECK(hub_token_check(st, t2, strlen(t2), NULL) == HUB_OK, "phone's token checks");
    char bad[HUB_TOKEN_LEN + 1];
    memcpy(bad, t1, sizeof bad);
    bad[20] = bad[20] == 'A' ? 'B' : 'A';
    CHECK(hub_token_check(st, bad, strlen(bad), NULL) == HUB_ERR_NOT_FOUND,
          "one character off: refused");
    CHECK(hub_token_check(st, t1, strlen(t1) - 1, NULL) == HUB_ERR_NOT_FOUND, "truncated: refused");
    CHECK(hub_token_check(st, "", 0, NULL) == HUB_ERR_NOT_FOUND, "empty: refused");
    char huge[1000];
    memset(huge, 'x', sizeof huge);
    CHECK(hub_token_check(st, huge, sizeof huge, NULL) == HUB_ERR_NOT_FOUND, "1000 bytes: refused");

    /* replace: the old token stops working, the new one works */
    CHECK(hub_token_create(st, "tablet", true, t3, err, sizeof err) == HUB_OK, "replace tablet");
    CHECK(hub_token_check(st, t1, strlen(t1), NULL) == HUB_ERR_NOT_FOUND &&
              hub_token_check(st, t3, strlen(t3), NULL) == HUB_OK,
          "after replace: old refused, new accepted");
    CHECK(hub_store_token_delete(st, "phone") == HUB_OK &&
              hub_token_check(st, t2, strlen(t2), NULL) == HUB_ERR_NOT_FOUND,
          "revoked phone refused");
    CHECK(hub_store_token_delete(st, "phone") == HUB_ERR_NOT_FOUND, "revoke twice: not found");
    int n = 0;
    hub_store_token_foreach(st, count_cb, &n);
    CHECK(n == 1, "one token left (%d)", n);
    hub_store_close(st);

    /* The files (database and any WAL left) must not contain a token, only hashes. */
    size_t total = 0;
    bool found = false;
    const char *toks[] = {t1, t2, t3};
    char *buf = calloc(1, 4 << 20);
    for (int k = 0; k < 2 && buf; k++) {
        char fp[80];
        snprintf(fp, sizeof fp, k ? "%s-wal" : "%s", path);
        FILE *f = fopen(fp, "rb");
        if (!f) continue;
        size_t len = fread(buf, 1, (4 << 20) - 1, f);
        fclose(f);
        total += len;
        for (int i = 0; i < 3; i++)
            for (size_t off = 0; off + HUB_TOKEN_LEN - 5 <= len && !found; off++)
                if (memcmp(buf + off, toks[i] + 5, HUB_TOKEN_LEN - 5) == 0) found = true;
    }
    CHECK(total > 0 && !found, "no token in the database files (%zu bytes)", total);
    free(buf);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) printf("(could not remove %s)\n", dir);
    printf(failures ? "%d FAILED\n" : "all passed\n", failures);
    return failures ? 1 : 0;
}
