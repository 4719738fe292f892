/*
 * token.c: access tokens (see token.h): random generation (getrandom), SHA-256 through
 * OpenSSL's EVP interface, and the store's tokens table.
 */
#include "hubd/token.h"

#include "hub_log.h"
#include "hub_status.h"
#include "hubd/state.h"
#include "hubd/store.h"

#include <errno.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#define TAG "token"
#define TOKEN_PREFIX "hubd_"
#define TOKEN_RANDOM_BYTES 32
/* Tokens longer than this cannot be ours: refuse before hashing attacker-sized input. */
#define TOKEN_MAX_INPUT 256

int hub_token_generate(char *out)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    unsigned char r[TOKEN_RANDOM_BYTES + 1];
    size_t got = 0;
    while (got < TOKEN_RANDOM_BYTES) {
        ssize_t n = getrandom(r + got, TOKEN_RANDOM_BYTES - got, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            hub_error(TAG, "getrandom: %s", strerror(errno));
            return HUB_ERR_IO;
        }
        got += (size_t)n;
    }
    r[TOKEN_RANDOM_BYTES] = 0;
    /* 32 bytes = 256 bits = 42 full sextets + 4 bits: 43 characters. */
    char *p = out + strlen(TOKEN_PREFIX);
    memcpy(out, TOKEN_PREFIX, strlen(TOKEN_PREFIX));
    for (int bit = 0; bit < TOKEN_RANDOM_BYTES * 8; bit += 6) {
        int byte = bit / 8, off = bit % 8;
        unsigned v = ((unsigned)r[byte] << 8 | r[byte + 1]) >> (10 - off);
        *p++ = b64[v & 63];
    }
    *p = '\0';
    HUB_ASSERT(p - out == HUB_TOKEN_LEN);
    return HUB_OK;
}

int hub_token_hash(const char *token, size_t len, char *out)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (!EVP_Digest(token, len, md, &mdlen, EVP_sha256(), NULL) || mdlen != 32) {
        hub_error(TAG, "EVP_Digest(SHA-256): %s", ERR_error_string(ERR_get_error(), NULL));
        return HUB_ERR_IO;
    }
    for (unsigned i = 0; i < mdlen; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    return HUB_OK;
}

bool hub_token_name_valid(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > HUB_TOKEN_NAME_MAX) return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '@' || c == '-'))
            return false;
    }
    return true;
}

static int token_named_cb(void *ud, const char *name, int64_t created_ms, int64_t used_ms)
{
    return strcmp(name, ud) == 0; /* 1 stops the walk: found */
}

int hub_token_create(struct hub_store *st, const char *name, bool replace, char *out, char *err,
                     size_t errlen)
{
    if (!hub_token_name_valid(name)) {
        snprintf(err, errlen, "token name must be 1-%d characters of A-Z a-z 0-9 _ . @ -",
                 HUB_TOKEN_NAME_MAX);
        return HUB_ERR_INVALID;
    }
    char hash[HUB_TOKEN_HASH_LEN + 1];
    int rc = hub_token_generate(out);
    if (rc == HUB_OK) rc = hub_token_hash(out, strlen(out), hash);
    if (rc) {
        snprintf(err, errlen, "cannot make a token: %s", hub_strerror(rc));
        return rc;
    }
    /* Only an existing token is revoked (the store logs a delete of a missing one as an error). */
    if (replace && hub_store_token_foreach(st, token_named_cb, (void *)name) == 1) {
        rc = hub_store_token_delete(st, name);
        if (rc && rc != HUB_ERR_NOT_FOUND) {
            snprintf(err, errlen, "%s", hub_store_last_error(st));
            return rc;
        }
    }
    rc = hub_store_token_add(st, name, hash, hub_now_ms());
    if (rc) snprintf(err, errlen, "%s", hub_store_last_error(st));
    return rc;
}

int hub_token_check(struct hub_store *st, const char *token, size_t len, char **name_out)
{
    if (name_out) *name_out = NULL;
    if (!token || len == 0 || len > TOKEN_MAX_INPUT) return HUB_ERR_NOT_FOUND;
    char hash[HUB_TOKEN_HASH_LEN + 1];
    int rc = hub_token_hash(token, len, hash);
    if (rc) return rc;
    /* The lookup is by hash, so its timing tells nothing about the token. */
    return hub_store_token_find(st, hash, name_out, hub_now_ms());
}
