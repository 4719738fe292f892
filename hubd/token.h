/*
 * token.h: long-lived access tokens of the websocket API. A token is "hubd_" followed by 43
 * base64url characters (32 random bytes); the database keeps only its SHA-256 (OpenSSL's
 * libcrypto), so a stolen database file gives no working token. Used by hubd's web module and
 * by `hubctl token create|list|revoke`.
 */
#ifndef HUB_TOKEN_H
#define HUB_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

struct hub_store;

#define HUB_TOKEN_LEN 48      /* "hubd_" + 43 */
#define HUB_TOKEN_HASH_LEN 64 /* hex digits of a SHA-256 */
#define HUB_TOKEN_NAME_MAX 64

/* A fresh random token into out[HUB_TOKEN_LEN + 1]. HUB_OK or HUB_ERR_IO (no randomness). */
int hub_token_generate(char *out);
/* SHA-256 of `token` as lowercase hex into out[HUB_TOKEN_HASH_LEN + 1]. */
int hub_token_hash(const char *token, size_t len, char *out);
/* Names: 1..64 of [A-Za-z0-9_.@-] (they appear in logs and command lines). */
bool hub_token_name_valid(const char *name);

/* Create a token called `name` (HUB_ERR_EXISTS when taken; `replace`: the old one is revoked
 * first) and write it to out[HUB_TOKEN_LEN + 1]. err gets the reason on failure. */
int hub_token_create(struct hub_store *st, const char *name, bool replace, char *out, char *err,
                     size_t errlen);
/* HUB_OK when `token` (len bytes, any content) is a token of the store: *name_out (may be
 * NULL) gets its name, malloc'd. HUB_ERR_NOT_FOUND otherwise. */
int hub_token_check(struct hub_store *st, const char *token, size_t len, char **name_out);

#endif
