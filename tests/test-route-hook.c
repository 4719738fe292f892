/*
 * test-route-hook.c: the routing recorder (model_ctx_set_route_hook) on the reference models:
 * logits are bit-identical with it on and off (prefill and decode, 1 and 2 threads), it is
 * called once per MoE layer per batch with the batch's positions, every token lists k distinct
 * experts in range, the dense leading layers are never reported, and turning it off stops the
 * calls.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/gguf.h"
#include "engine/model.h"
#include "hub_status.h"
#include "tests/hub-check.h"

#define MAX_LAYERS 64
#define N_PROMPT 40

/* What the recorder saw: calls per layer, tokens per layer, positions covered, bad rows. */
struct seen {
    int n_layer, n_expert, k;
    int calls[MAX_LAYERS];
    long tokens[MAX_LAYERS];
    int next_pos[MAX_LAYERS]; /* batches of a layer must follow each other */
    int bad;
    long expert_slots; /* sum over every token and layer of k */
};

static void record(void *user, int layer, int pos0, int T, const int32_t *sel, int k)
{
    struct seen *s = user;
    if (layer < 0 || layer >= s->n_layer || layer >= MAX_LAYERS || k != s->k || T < 1) {
        s->bad++;
        return;
    }
    if (pos0 != s->next_pos[layer]) s->bad++;
    s->next_pos[layer] = pos0 + T;
    s->calls[layer]++;
    s->tokens[layer] += T;
    for (int t = 0; t < T; t++)
        for (int i = 0; i < k; i++) {
            int e = sel[(size_t)t * k + i];
            if (e < 0 || e >= s->n_expert) s->bad++;
            for (int j = 0; j < i; j++)
                if (sel[(size_t)t * k + j] == e) s->bad++;
            s->expert_slots++;
        }
}

static void test_model(const char *file, int threads)
{
    char path[8192], err[512];
    snprintf(path, sizeof(path), "%s/models/%s", hub_test_refdir(), file);
    struct gguf_file *f = gguf_open(path, err, sizeof(err));
    CHECK(f, "%s: %s", path, err);
    if (!f) return;
    struct model *m = model_load(f, err, sizeof(err));
    CHECK(m, "%s: %s", file, err);
    struct model_ctx *c = m ? model_ctx_new(m, 64, threads, err, sizeof(err)) : NULL;
    CHECK(c, "%s: %s", file, err);
    if (!c) goto out;
    const struct model_hparams *hp = model_hparams(m);
    int nv = hp->n_vocab, n = N_PROMPT, n_dec = 3;
    int32_t tok[N_PROMPT + 3];
    for (int i = 0; i < n + n_dec; i++)
        tok[i] = (int32_t)((i * 53 + 7) % nv);
    size_t bytes = (size_t)(n + n_dec) * nv * sizeof(float);
    float *off = malloc(bytes), *on = malloc(bytes);
    CHECK(off && on, "out of memory");
    if (!off || !on) {
        free(off);
        free(on);
        goto out;
    }

    /* recorder off: prefill every position, then decode three tokens */
    CHECK(model_eval_all(c, tok, n, off) == HUB_OK, "%s: prefill failed", file);
    for (int i = 0; i < n_dec; i++)
        CHECK(model_eval(c, &tok[n + i], 1, off + (size_t)(n + i) * nv) == HUB_OK,
              "%s: decode failed", file);

    /* recorder on: the same, and the same logits to the bit */
    struct seen s;
    memset(&s, 0, sizeof s);
    s.n_layer = hp->n_layer;
    s.n_expert = hp->n_expert;
    s.k = hp->n_expert_used;
    model_ctx_reset(c);
    model_ctx_set_route_hook(c, record, &s);
    CHECK(model_eval_all(c, tok, n, on) == HUB_OK, "%s: prefill failed", file);
    for (int i = 0; i < n_dec; i++)
        CHECK(model_eval(c, &tok[n + i], 1, on + (size_t)(n + i) * nv) == HUB_OK,
              "%s: decode failed", file);
    CHECK(!memcmp(off, on, bytes), "%s (%d threads): logits differ with the recorder on", file,
          threads);

    int moe_layers = 0;
    for (int l = 0; l < hp->n_layer && l < MAX_LAYERS; l++) {
        bool dense = hp->arch == MODEL_ARCH_DEEPSEEK2 && l < hp->n_layer_dense_lead;
        if (dense) {
            CHECK(s.calls[l] == 0, "%s: dense layer %d reported %d times", file, l, s.calls[l]);
            continue;
        }
        moe_layers++;
        /* the prefill may come in several batches; each decode is one */
        CHECK(s.calls[l] >= 1 + n_dec, "%s: layer %d reported %d times", file, l, s.calls[l]);
        CHECK(s.tokens[l] == n + n_dec, "%s: layer %d saw %ld tokens, not %d", file, l, s.tokens[l],
              n + n_dec);
    }
    CHECK(moe_layers > 0, "%s: no MoE layer", file);
    CHECK(s.bad == 0, "%s: %d bad positions, experts or repeats", file, s.bad);
    CHECK(s.expert_slots == (long)moe_layers * (n + n_dec) * s.k, "%s: %ld slots recorded", file,
          s.expert_slots);

    /* off again: no more calls */
    long before = s.expert_slots;
    model_ctx_set_route_hook(c, NULL, &s);
    model_ctx_reset(c);
    CHECK(model_eval(c, tok, 8, NULL) == HUB_OK, "%s: eval failed", file);
    CHECK(s.expert_slots == before, "%s: the recorder was called after being turned off", file);
    printf("  %-24s %d thread(s): %d MoE layers, top-%d of %d, logits identical\n", file, threads,
           moe_layers, s.k, s.n_expert);
    free(off);
    free(on);
out:
    model_ctx_free(c);
    model_free(m);
    gguf_close(f);
}

int main(void)
{
    const char *files[] = {"ds2-lite-q8_0.gguf", "ds2-lite-f32.gguf", "ds3-style-f16.gguf",
                           "qwen2moe-f16.gguf"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        test_model(files[i], 1);
        test_model(files[i], 2);
    }
    printf("%s: %d failure(s)\n", failures ? "FAIL" : "PASS", failures);
    return failures ? 1 : 0;
}
