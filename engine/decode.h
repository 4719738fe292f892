/*
 * decode.h: constrained decoding of the intent line (engine/intent_line.h). A byte automaton
 * follows the line's grammar (an intent name of the schema or `none`; then per intent only its
 * slots, in the fixed order, forming one of its slot combinations; closed slots from their word
 * lists; span, number and text slots copied from the utterance, case-insensitively for ASCII, or
 * a registry name; a copied span starts at a word start and ends at a word end of the utterance;
 * numbers that numbers.c reads) and a trie of the vocabulary's token texts
 * lets one walk find every token the automaton accepts from its current state, so the per-step
 * mask costs a walk over the few live trie branches, not a scan of every token's text.
 *
 * decode_vocab and decode_grammar are read-only once built and may be shared by threads;
 * a decode_state belongs to one request.
 */
#ifndef ENGINE_DECODE_H
#define ENGINE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/intent_line.h"
#include "engine/tokenizer.h"

/* A sorted list of lower-cased strings (ASCII folded) that the automaton matches by prefix. */
struct decode_words {
    int n;
    char **s;
};
/* Copies, folds and sorts (duplicates removed); NULL entries skipped. 0 or HUB_ERR_NOMEM. */
int decode_words_init(struct decode_words *w, const char *const *list, int n);
void decode_words_free(struct decode_words *w);

/* The schema in the automaton's terms (sorted intent names, closed word lists). */
struct decode_grammar;
struct decode_grammar *decode_grammar_new(const struct intent_schema *s, char *err,
                                          size_t errlen);
void decode_grammar_free(struct decode_grammar *g);
/* Chinese words for the word boundaries of Chinese utterances (borrowed: it must outlive the
 * grammar; NULL, the default, makes every Chinese character a word). Set before any request. */
struct zh_words;
void decode_grammar_set_zh_words(struct decode_grammar *g, const struct zh_words *zh);

/* The trie of a vocabulary's token texts (bytes as tok_piece gives them, control tokens left
 * out: only the end-of-generation test admits EOS). */
struct decode_vocab;
struct decode_vocab *decode_vocab_new(const struct tok_vocab *v, char *err, size_t errlen);
void decode_vocab_free(struct decode_vocab *dv);
int decode_vocab_n_nodes(const struct decode_vocab *dv);

/* The automaton's position: small and copied by value while the trie is walked. */
struct decode_pos {
    uint8_t phase;    /* enum in decode.c */
    uint8_t neg;      /* volume_step written with a leading '-' */
    int8_t slot;      /* slot being written (index of intent_slot_order), -1 */
    int8_t words;     /* which word list the value may still be, -1 none */
    int16_t intent;   /* index in the grammar's intents, -1 until the name is complete */
    int16_t sub;      /* first utterance offset where the value so far occurs, -1 if none */
    uint16_t lo, hi;  /* live range of the word list */
    uint16_t k;       /* bytes matched of the current word / value */
    uint32_t mask;    /* slots written */
    uint32_t allow;   /* slot names allowed next (bits of intent_slot_order) */
    uint16_t rmask;   /* rule slots written (bits of intent_rule_slot_order) */
    uint16_t rallow;  /* rule slots allowed next */
};

/* Word boundaries of the utterance (decode_state.bound): a word is a run of letters and digits
 * (ASCII, Latin, Greek and Cyrillic letters, an apostrophe between two letters); every other
 * character, CJK ones included, stands alone; for free-text slots and a timer's name (tbound) a
 * run of Chinese characters is cut into the words of the grammar's dictionary when it has one
 * (decode_grammar_set_zh_words). A copied span may start only at an offset with
 * DECODE_WORD_START and end only before one with DECODE_WORD_END, so it never cuts a word. */
enum {
    DECODE_WORD_START = 1,
    DECODE_WORD_END = 2,
    DECODE_WORD_LIVE = 4, /* a word end lies ahead, before any byte a value cannot hold */
};

/* Number spans of the utterance per number slot, found when the slot is first reached. */
struct decode_nums;

/* One request: the utterance, the registry names its span slots may take, and the position. */
struct decode_state {
    const struct decode_grammar *g;
    char *utt;    /* ASCII-folded copy of the utterance */
    char *utt_raw; /* the utterance as said */
    int utt_len;
    bool exact_case; /* spans must keep the utterance's case (registry names never do) */
    uint8_t *bound;  /* per offset 0..utt_len: DECODE_WORD_* bits */
    uint8_t *tbound; /* the same for free-text slots: Chinese words of the dictionary kept whole */
    const struct decode_words *names[3]; /* name, area, floor lists (may be NULL) */
    struct decode_nums *nums; /* cache, filled lazily (also by the const walk) */
    struct decode_pos pos;
    char line[INTENT_LINE_MAX];
    int line_len;
};

/* Start a request (the utterance is copied; names[] are borrowed). 0 or a hub status. */
int decode_state_init(struct decode_state *st, const struct decode_grammar *g, const char *utt,
                      const struct decode_words *names[3]);
void decode_state_free(struct decode_state *st);

/* Feed bytes; false (and the state unchanged) when the automaton refuses them. */
bool decode_feed(struct decode_state *st, const char *bytes, size_t n);
/* May the line end here (EOS or a newline)? */
bool decode_can_end(const struct decode_state *st);
/* Has the line ended (a newline was fed)? */
bool decode_done(const struct decode_state *st);

/* Every token the automaton accepts next, written to ids (capacity n_vocab); returns how many.
 * EOS is not among them: decode_can_end says whether it is allowed. */
int decode_allowed(const struct decode_vocab *dv, const struct decode_state *st, int32_t *ids);
/* The allowed token with the largest logit (EOS included when the line may end), or -1 when
 * nothing is allowed. */
int32_t decode_best(const struct decode_vocab *dv, const struct decode_state *st,
                    const float *logits, int32_t eos);
/* Accept a token chosen by decode_best: feeds its bytes. false if refused. */
bool decode_accept(const struct decode_vocab *dv, struct decode_state *st, int32_t id);

#endif
