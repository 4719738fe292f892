/*
 * tokenizer.h: the byte-level BPE tokenizer of GGUF models (tokenizer.ggml.model = "gpt2"),
 * loaded from the file's tokenizer.ggml.* metadata. It reproduces llama.cpp's tokenization id
 * for id: special tokens matched in the text first (longest first), then the pre-tokenizer's
 * regex splits of tokenizer.ggml.pre, then byte-level encoding and rank-ordered merges.
 *
 * Pre-tokenizers: "gpt2", "deepseek-llm" (checked against llama.cpp's own outputs), and with
 * the same machinery "default", "deepseek-coder", "deepseek-v3", "qwen2", "llama3".
 *
 * A loaded vocabulary is read-only: encode and decode may run on several threads at once.
 */
#ifndef HUB_TOKENIZER_H
#define HUB_TOKENIZER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/gguf.h"

/* tokenizer.ggml.token_type values (llama.cpp's llama_token_type). */
enum tok_type {
    TOK_TYPE_UNDEFINED = 0,
    TOK_TYPE_NORMAL = 1,
    TOK_TYPE_UNKNOWN = 2,
    TOK_TYPE_CONTROL = 3,
    TOK_TYPE_USER_DEFINED = 4,
    TOK_TYPE_UNUSED = 5,
    TOK_TYPE_BYTE = 6,
};

struct tok_vocab;

/* Load the vocabulary of an open GGUF file (the file may be closed afterwards: everything
 * is copied). NULL with a message in err when the metadata is missing, inconsistent or of a
 * kind this tokenizer does not implement (another model type, no merges, unknown pre). */
struct tok_vocab *tok_load(const struct gguf_file *f, char *err, size_t errlen);
void tok_free(struct tok_vocab *v);

int32_t tok_n_vocab(const struct tok_vocab *v);
int32_t tok_bos(const struct tok_vocab *v); /* -1 when the vocabulary has none */
int32_t tok_eos(const struct tok_vocab *v);
bool tok_add_bos(const struct tok_vocab *v);
bool tok_add_eos(const struct tok_vocab *v);
const char *tok_pre_name(const struct tok_vocab *v);
/* A token's text as stored in the vocabulary (byte-level encoded for normal tokens). */
const char *tok_text(const struct tok_vocab *v, int32_t id, size_t *len);
int tok_type(const struct tok_vocab *v, int32_t id); /* enum tok_type, -1 for a bad id */
/* Does the token end generation? EOS, eot/eom ids, and the end-of-turn texts llama.cpp knows
 * ("<|im_end|>", "<｜end▁of▁sentence｜>", ...). Such texts, and fill-in-the-middle ones, are
 * control tokens whatever the file says (llama.cpp does the same). */
bool tok_is_eog(const struct tok_vocab *v, int32_t id);
/* The id of a token text, or -1. */
int32_t tok_find(const struct tok_vocab *v, const char *text, size_t len);

#define TOK_ADD_SPECIAL 1u   /* BOS (and EOS) as add_bos_token / add_eos_token ask */
#define TOK_PARSE_SPECIAL 2u /* control tokens written in the text are recognised */
#define TOK_DEFAULT (TOK_ADD_SPECIAL | TOK_PARSE_SPECIAL) /* what llama-tokenize does */

/* Encode len bytes of text (any bytes: invalid UTF-8 is tokenized as U+FFFD, as llama.cpp
 * does). On success *ids is a malloc'd array of *n_ids ids and 0 is returned; on failure
 * (out of memory) a negative enum hub_status. */
int tok_encode(const struct tok_vocab *v, const char *text, size_t len, unsigned flags,
               int32_t **ids, size_t *n_ids);

/* The pre-tokenizer alone (no special tokens, no BPE), for tests and debugging: the text's
 * pieces as llama.cpp cuts them, as lengths in code points (*cp_lens malloc'd, *n of them). */
int tok_pretokenize(const struct tok_vocab *v, const char *text, size_t len, size_t **cp_lens,
                    size_t *n);

/* A token-less vocabulary for tok_pretokenize only (the BPE trainer): the regexes of the named
 * pre-tokenizer. Free with tok_free. NULL + message for an unknown name. */
struct tok_vocab *tok_pretokenizer_new(const char *pre, char *err, size_t errlen);

/* The bytes a token stands for: normal tokens byte-decoded, user-defined ones as written,
 * control/unknown ones as written only when special is true (else empty), byte/unused ones
 * empty. Writes at most cap bytes to buf (no NUL) and returns the piece's full length, or -1
 * for an id out of range. */
int tok_piece(const struct tok_vocab *v, int32_t id, bool special, char *buf, size_t cap);

/* Concatenated pieces of ids, NUL-terminated (malloc'd; *len without the NUL when len is
 * not NULL), or NULL when out of memory or an id is out of range. */
char *tok_decode(const struct tok_vocab *v, const int32_t *ids, size_t n, bool special,
                 size_t *len);

#endif
