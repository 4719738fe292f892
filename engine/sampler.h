/*
 * sampler.h: picks the next token from a row of logits: greedy (argmax), or temperature with
 * optional top-k and top-p (nucleus) filtering, from a seeded generator so that a run can be
 * repeated. The sampler owns its scratch, so sampling allocates nothing per token.
 */
#ifndef ENGINE_SAMPLER_H
#define ENGINE_SAMPLER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sampler_params {
    bool greedy;        /* argmax; the other fields are ignored */
    float temperature;  /* > 0 */
    int top_k;          /* 0 = all tokens */
    float top_p;        /* 1 = no nucleus filtering */
    uint64_t seed;
};

struct sampler;

/* NULL on bad parameters (message in err) or no memory. */
struct sampler *sampler_new(const struct sampler_params *p, int n_vocab, char *err, size_t errlen);
void sampler_free(struct sampler *s);
/* The chosen token id. Logits are not modified. */
int32_t sampler_sample(struct sampler *s, const float *logits);
/* Index of the largest value (first on ties). */
int32_t sampler_argmax(const float *logits, int n);

#endif
