/*
 * intent.h: the library entry point that turns an utterance into INTENTS.md's answer:
 * tokens -> the MoE model -> a constrained intent line (engine/decode.h) -> the resolver
 * (engine/resolve.h). An intent_engine (model weights, vocabulary, schema, token trie) is loaded
 * once and is read-only; each thread that parses owns an intent_ctx (KV cache, logits, the
 * decoder's scratch), so hubd's worker threads each hold one context over a shared engine.
 *
 * Prompt (as the trainer builds its sequences, engine/bpe_train.h):
 *   <|bos|> utterance <|intent|>   and the model writes   intent-line <|eos|>
 * A model trained with the house hint reads <|bos|> utterance \n domains <|intent|>, the domains
 * of the house's entities the utterance names (intent_house_hint).
 * For a vocabulary without <|intent|> (any other GGUF, e.g. the reference models used to test
 * the mechanics) the separator is the encoding of "\n".
 */
#ifndef ENGINE_INTENT_H
#define ENGINE_INTENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/resolve.h"

/* Longest decoded line, in tokens (a line that needs more is answered null). */
#define INTENT_MAX_TOKENS 96

struct intent_engine;
struct intent_ctx;
struct model;
struct tok_vocab;

/* The default model, schema and English words (engine/spell.h): the in-tree file when it
 * exists (a build tree), else the installed one under $(pkgdatadir). */
const char *intent_default_model(void);
const char *intent_default_schema(void);
const char *intent_default_en_words(void);
/* The rarer phrasings rewritten before the model reads an utterance of lang (engine/phrases.h):
 * data/words/LANG-phrases.txt in the tree, else the installed one. */
const char *intent_default_phrases(const char *lang);

/* NULL with the reason (naming the file) in err. schema_path NULL: intent_default_schema(). */
struct intent_engine *intent_engine_load(const char *model_path, const char *schema_path,
                                         char *err, size_t errlen);
void intent_engine_free(struct intent_engine *e);
const struct intent_schema *intent_engine_schema(const struct intent_engine *e);

/* The Chinese word list that keeps copied spans whole (engine/zh_words.h): an engine loads
 * zh_words_default_path() when there is one; this replaces it (path NULL: none, every Chinese
 * character is a word). Call it before any context parses. On error (message in err) the engine
 * keeps the list it had. */
int intent_engine_set_zh_words(struct intent_engine *e, const char *path, char *err,
                               size_t errlen);
/* The English words typed typos are mended to before an English utterance is read (engine/
 * spell.h): an engine loads intent_default_en_words(); this replaces them (path NULL: none,
 * nothing is mended). Call it before any context parses; on error the engine keeps its own. */
int intent_engine_set_en_words(struct intent_engine *e, const char *path, char *err,
                               size_t errlen);
/* The phrasings rewritten for utterances of lang ("en" or "zh-CN"; engine/phrases.h): an engine
 * loads intent_default_phrases(); this replaces them (path NULL: none, utterances are read as
 * said). Call it before any context parses; on error the engine keeps its own. */
int intent_engine_set_phrases(struct intent_engine *e, const char *lang, const char *path,
                              char *err, size_t errlen);

/* The engine's model and vocabulary (owned by the engine), e.g. to run prompts through a
 * model context of one's own. */
struct model *intent_engine_model(const struct intent_engine *e);
const struct tok_vocab *intent_engine_vocab(const struct intent_engine *e);

/* What the house says about the utterance, for a model trained with it (the GGUF key
 * INTENT_HOUSE_HINT_KEY, `hub-train model --house-hint`): a newline and the domains of the
 * entities it names (resolve_said_domains), "\nvacuum" for "kick off sweepy" where Sweepy is the
 * house's vacuum, "\n" when it names none or reg is NULL. The trainer writes the same. */
#define INTENT_HOUSE_HINT_KEY "hubd.intent.house_hint"
void intent_house_hint(const struct resolve_registry *reg, const char *text, char *buf,
                       size_t len);
/* Whether the engine's model reads the house hint. */
bool intent_engine_house_hint(const struct intent_engine *e);

/* The prompt above for an utterance into toks (room for cap tokens): BOS, the utterance's
 * tokens, for a model that reads it the hint's tokens (encoded apart; NULL: none), the
 * separator. *n gets its length. HUB_ERR_RANGE (message in err) when it needs more than cap, or
 * the tokenizer's status. */
int intent_prompt(const struct intent_engine *e, const char *text, const char *hint,
                  int32_t *toks, int cap, int *n, char *err, size_t errlen);
/* The same prompt from a vocabulary and separator alone, as the trainer builds it ahead of the
 * intent line: BOS when the vocabulary has one, the utterance, the hint (NULL: none), sep.
 * HUB_ERR_RANGE when it needs more than cap tokens, or the tokenizer's status. */
int intent_prompt_tokens(const struct tok_vocab *v, const int32_t *sep, int n_sep,
                         const char *text, const char *hint, int32_t *toks, int cap, int *n);

struct intent_ctx *intent_ctx_new(struct intent_engine *e, int n_threads, char *err,
                                  size_t errlen);
void intent_ctx_free(struct intent_ctx *c);
/* Run the context's model on the backend a --backend option names (model_backend_open: cpu,
 * cuda, or auto); the context owns it from then on. Returns 0, or a hub status with the reason
 * in err (the context keeps what it ran on). */
int intent_ctx_set_backend(struct intent_ctx *c, const char *name, char *err, size_t errlen);

/* Constrained decoding is the default; off, decoding is plain greedy over every token (for
 * measuring what the automaton adds: an invalid line then answers null). */
void intent_ctx_set_constrained(struct intent_ctx *c, bool on);

/* The constrained line for an utterance, names for span slots from reg (may be NULL).
 * HUB_OK with the line in buf ("none" when the decoder found no way), or a hub status with a
 * message in err (model failure, utterance too long). n_tokens (may be NULL) gets the number of
 * prompt + generated tokens evaluated. */
int intent_decode_line(struct intent_ctx *c, const struct resolve_registry *reg, const char *text,
                       char *buf, size_t len, int *n_tokens, char *err, size_t errlen);

/* The answer {"intent": NAME|null, "slots": {...}} (new reference); NULL only on a model or
 * memory failure (err says which). lang is "en" or "zh-CN" (the model reads either; an English
 * utterance has its typos mended first), context_area the speaker's room or NULL. */
json_t *intent_parse(struct intent_ctx *c, const struct resolve_registry *reg, const char *text,
                     const char *lang, const char *context_area, char *err, size_t errlen);
/* The line the last intent_parse decoded ("none" before any). */
const char *intent_ctx_last_line(const struct intent_ctx *c);

#endif
