/*
 * bpe_train.h: trains a byte-level BPE vocabulary (GPT-2 byte alphabet, llama.cpp's "gpt2"
 * tokenizer model) on a set of texts and writes it as GGUF tokenizer.ggml.* metadata, so that
 * engine/tokenizer.c and llama.cpp read it. The texts are cut by a named pre-tokenizer
 * (default "deepseek-llm") exactly as the tokenizer will cut them at run time; merges are
 * learnt inside the pieces, most frequent pair first (ties: the lower pair of ids).
 *
 * Vocabulary layout: the special tokens first (ids 0..n_special-1, type CONTROL), then the 256
 * byte tokens in byte order, then one token per merge in rank order (a merge whose text already
 * exists adds a rank but no token).
 */
#ifndef ENGINE_BPE_TRAIN_H
#define ENGINE_BPE_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "engine/gguf.h"

/* The hub's special tokens, in id order. A training sequence is
 *   <|bos|> utterance <|intent|> intent-line <|eos|>
 * (loss on the intent line and <|eos|>); <|pad|> fills unused positions. */
#define BPE_TOK_BOS "<|bos|>"
#define BPE_TOK_EOS "<|eos|>"
#define BPE_TOK_PAD "<|pad|>"
#define BPE_TOK_SEP "<|intent|>"
enum { BPE_ID_BOS = 0, BPE_ID_EOS = 1, BPE_ID_PAD = 2, BPE_ID_SEP = 3, BPE_N_SPECIAL = 4 };

struct bpe_model {
    int32_t n_vocab;
    char **tokens;       /* n_vocab token texts (byte-level encoded), NUL-terminated */
    int32_t *token_type; /* enum tok_type */
    uint32_t n_merges;
    char **merges; /* "left right", rank order */
    char pre[32];
};

/* Train on n texts up to vocab_size tokens (>= BPE_N_SPECIAL + 256; training stops early when
 * no pair occurs twice). 0 on success, else a hub status with a message in err. */
int bpe_train(const char *const *texts, const size_t *lens, size_t n, int32_t vocab_size,
              const char *pre, struct bpe_model *out, char *err, size_t errlen);
void bpe_model_free(struct bpe_model *m);

/* Put the tokenizer.ggml.* keys of m on a writer (model gpt2, pre, tokens, token_type, merges,
 * bos/eos/padding ids, add_bos true, add_eos false). */
int bpe_model_to_gguf(const struct bpe_model *m, struct gguf_writer *w);

/* hub-train tokenizer --corpus FILE.jsonl --vocab N --out tok.gguf [--pre NAME] */
int bpe_train_main(int argc, char **argv);

#endif
