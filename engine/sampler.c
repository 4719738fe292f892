/*
 * sampler.c: greedy and temperature/top-k/top-p sampling (see sampler.h). The order of the
 * filters is llama.cpp's usual chain: top-k, then softmax at the temperature, then top-p over
 * the sorted probabilities, then a draw from a splitmix64/xoshiro-style generator.
 */
#define _GNU_SOURCE
#include "engine/sampler.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

struct sampler {
    struct sampler_params p;
    int n_vocab;
    uint64_t state;
    int32_t *idx;   /* candidate ids, sorted by logit */
    float *prob;
};

struct sampler *sampler_new(const struct sampler_params *p, int n_vocab, char *err, size_t errlen)
{
    if (n_vocab < 1) {
        snprintf(err, errlen, "vocabulary of %d tokens", n_vocab);
        return NULL;
    }
    if (!p->greedy && !(p->temperature > 0 && isfinite(p->temperature))) {
        snprintf(err, errlen, "temperature must be > 0 (got %g); use --greedy for argmax",
                 p->temperature);
        return NULL;
    }
    if (p->top_k < 0) {
        snprintf(err, errlen, "top-k must be >= 0 (got %d)", p->top_k);
        return NULL;
    }
    if (!(p->top_p > 0 && p->top_p <= 1)) {
        snprintf(err, errlen, "top-p must be in (0, 1] (got %g)", p->top_p);
        return NULL;
    }
    struct sampler *s = calloc(1, sizeof(*s));
    if (!s) goto nomem;
    s->p = *p;
    s->n_vocab = n_vocab;
    s->state = p->seed ^ 0x9E3779B97F4A7C15ull;
    s->idx = malloc((size_t)n_vocab * sizeof(*s->idx));
    s->prob = malloc((size_t)n_vocab * sizeof(*s->prob));
    if (!s->idx || !s->prob) goto nomem;
    return s;
nomem:
    snprintf(err, errlen, "out of memory");
    sampler_free(s);
    return NULL;
}

void sampler_free(struct sampler *s)
{
    if (!s) return;
    free(s->idx);
    free(s->prob);
    free(s);
}

int32_t sampler_argmax(const float *logits, int n)
{
    int32_t best = 0;
    for (int i = 1; i < n; i++)
        if (logits[i] > logits[best]) best = i;
    return best;
}

/* splitmix64: small, good enough for sampling, and the same on every platform. */
static uint64_t next_u64(struct sampler *s)
{
    uint64_t z = (s->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* qsort_r comparator: ids by descending logit, lower id first on ties. */
static int cmp_desc(const void *a, const void *b, void *arg)
{
    const float *lg = arg;
    float x = lg[*(const int32_t *)a], y = lg[*(const int32_t *)b];
    if (x != y) return x > y ? -1 : 1;
    return *(const int32_t *)a - *(const int32_t *)b;
}

/* Move the k largest to the front, sorted (partial selection then a sort of k). */
static int select_top(struct sampler *s, const float *logits, int k)
{
    int n = s->n_vocab;
    for (int i = 0; i < n; i++) s->idx[i] = i;
    if (k <= 0 || k >= n) {
        qsort_r(s->idx, (size_t)n, sizeof(int32_t), cmp_desc, (void *)logits);
        return n;
    }
    /* keep a sorted window of k: fine for the small k people use */
    int m = 0;
    for (int i = 0; i < n; i++) {
        float v = logits[i];
        if (m == k && !(v > logits[s->idx[m - 1]])) continue;
        int pos = m < k ? m++ : k - 1;
        while (pos > 0 && logits[s->idx[pos - 1]] < v) {
            s->idx[pos] = s->idx[pos - 1];
            pos--;
        }
        s->idx[pos] = i;
    }
    return k;
}

int32_t sampler_sample(struct sampler *s, const float *logits)
{
    if (s->p.greedy) return sampler_argmax(logits, s->n_vocab);
    int n = select_top(s, logits, s->p.top_k);
    float mx = logits[s->idx[0]];
    double sum = 0;
    for (int i = 0; i < n; i++) {
        s->prob[i] = expf((logits[s->idx[i]] - mx) / s->p.temperature);
        sum += s->prob[i];
    }
    /* nucleus: the smallest prefix whose probability reaches top_p */
    if (s->p.top_p < 1.0f) {
        double acc = 0;
        int keep = n;
        for (int i = 0; i < n; i++) {
            acc += s->prob[i] / sum;
            if (acc >= s->p.top_p) {
                keep = i + 1;
                break;
            }
        }
        n = keep;
        sum = 0;
        for (int i = 0; i < n; i++) sum += s->prob[i];
    }
    double r = (double)(next_u64(s) >> 11) * (1.0 / 9007199254740992.0) * sum;
    double acc = 0;
    for (int i = 0; i < n; i++) {
        acc += s->prob[i];
        if (r < acc) return s->idx[i];
    }
    return s->idx[n - 1];
}
