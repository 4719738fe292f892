/* corpus.h: the training-data generator behind `hub-train data`. It loads templates
 * (data/templates/<lang>.tpl) and word lists (data/words/<lang>.words), builds random houses, and
 * expands templates into utterances paired with their intent line (engine/intent_line.h) and the
 * final expected output of INTENTS.md. The template grammar is in data/README.md. Everything is
 * deterministic for a seed; lines and templates marked held-out ('!') never reach the training
 * split, and the held-out split uses nothing else. */
#ifndef HUB_CORPUS_H
#define HUB_CORPUS_H
#include "engine/intent_line.h"

#include <jansson.h>
#include <stdint.h>

struct corpus;

/* Loads <data_dir>/templates/<lang>.tpl (and <lang>-rules.tpl, rule sentences, when present) and
 * <data_dir>/words/<lang>.words for lang "en" or "zh-CN", and checks every template against the
 * schema. err names file:line on failure. */
int corpus_load(const char *data_dir, const char *lang, const struct intent_schema *schema,
                struct corpus **out, char *err, size_t errlen);
void corpus_free(struct corpus *c);

/* Combinations of the schema that no template of the split can produce, one per line
 * ("HassTurnOn.floor_domain"), into buf; returns how many. */
int corpus_uncovered(const struct corpus *c, int heldout, char *buf, size_t len);

/* Phrasing variety of an intent ("none" for negatives) in a split: the number of distinct word
 * sequences its templates can expand to (slots counted once, capped at 1e15), and how many
 * templates it has (*n_templates, may be NULL). */
double corpus_phrasings(const struct corpus *c, int heldout, const char *intent, int *n_templates);

struct corpus_gen_opts {
    uint64_t seed;
    int heldout;       /* 1: held-out split */
    int per_house;     /* utterances per random house (default 40) */
    double none_share; /* share of negative examples (default 0.08) */
    double rule_share; /* share of rule sentences from LANG-rules.tpl (0: none, and the
                          generator draws exactly what it drew before rules existed) */
};

struct corpus_gen;
int corpus_gen_new(const struct corpus *c, const struct corpus_gen_opts *o,
                   struct corpus_gen **out);
void corpus_gen_free(struct corpus_gen *g);

/* One generated example. json fields follow `hub-train data`'s output (data/README.md). */
struct corpus_example {
    char text[512];
    char target[INTENT_LINE_MAX];
    char template_id[64];
    char combo[64];           /* schema combination, "none" for negatives */
    char neg[32];             /* kind of negative ("chat", "unknown_device"...) or "" */
    const char *context_area; /* canonical area name or NULL */
    const char *house_id;     /* id of the house (stable until the next house) */
    int new_house;            /* 1 when this example is the first of a new house */
    json_t *house;            /* the house as an INTENTS.md fixture (borrowed) */
    json_t *expected;         /* {"intent": ..., "slots": {...}} (owned by the caller); a rule
                                 sentence: {"intent": "HubCreateRule", "slots": {}, "rule": ...} */
};

/* Generates the next example. HUB_OK or an error (a template that cannot be filled after many
 * tries). */
int corpus_gen_next(struct corpus_gen *g, struct corpus_example *ex, char *err, size_t errlen);

#endif
