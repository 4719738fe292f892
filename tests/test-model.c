/*
 * test-model.c: the model and sampler beyond the reference logits: batched prefill against
 * one-token decode through the cache, bad input refused with the right status, broken files
 * (missing tensor, wrong shape, unknown architecture, absurd counts) refused with a message
 * naming the problem, a model written by `hub-engine make-model` loading and running, and the
 * sampler's determinism and filters.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/commands.h"
#include "engine/gguf.h"
#include "engine/model.h"
#include "engine/sampler.h"
#include "hub_status.h"
#include "tests/hub-check.h"

static double nmse(const float *a, const float *b, size_t n)
{
    double num = 0, den = 0;
    for (size_t i = 0; i < n; i++) {
        num += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
        den += (double)b[i] * b[i];
    }
    return den > 0 ? num / den : num;
}

/* Prefill of n tokens against the same tokens one at a time: same logits at every position. */
static void test_prefill_vs_decode(const char *file, double tol)
{
    char path[8192], err[512];
    snprintf(path, sizeof(path), "%s/models/%s", hub_test_refdir(), file);
    struct gguf_file *f = gguf_open(path, err, sizeof(err));
    CHECK(f, "%s: %s", path, err);
    if (!f) return;
    struct model *m = model_load(f, err, sizeof(err));
    CHECK(m, "%s: %s", file, err);
    struct model_ctx *c = m ? model_ctx_new(m, 64, 2, err, sizeof(err)) : NULL;
    CHECK(c, "%s: %s", file, err);
    if (c) {
        int nv = model_hparams(m)->n_vocab, n = 20;
        int32_t tok[20];
        for (int i = 0; i < n; i++) tok[i] = (int32_t)((i * 37 + 11) % nv);
        float *a = malloc((size_t)n * nv * sizeof(float)), *b = malloc((size_t)n * nv * sizeof(float));
        CHECK(model_eval_all(c, tok, n, a) == HUB_OK, "%s: prefill failed", file);
        CHECK(model_ctx_pos(c) == n, "%s: cache holds %d positions after %d", file,
              model_ctx_pos(c), n);
        model_ctx_reset(c);
        for (int i = 0; i < n; i++)
            CHECK(model_eval(c, &tok[i], 1, b + (size_t)i * nv) == HUB_OK, "%s: decode failed",
                  file);
        double e = nmse(b, a, (size_t)n * nv);
        printf("  %-28s prefill vs decode NMSE %.3e\n", file, e);
        CHECK(e <= tol, "%s: prefill and decode differ: NMSE %.3e > %.1e", file, e, tol);
        bool finite = true;
        for (size_t i = 0; i < (size_t)n * nv; i++) finite &= isfinite(a[i]) != 0;
        CHECK(finite, "%s: non-finite logits", file);

        /* a kept prefix: the same continuation gives the same logits as from scratch */
        model_ctx_reset(c);
        CHECK(model_eval(c, tok, 12, NULL) == HUB_OK, "prefix eval failed");
        CHECK(model_eval(c, tok + 12, 8, b) == HUB_OK, "suffix eval failed");
        CHECK(model_ctx_truncate(c, 12) == HUB_OK && model_ctx_pos(c) == 12, "truncate failed");
        int32_t other[3] = {3, 4, 5};
        CHECK(model_eval(c, other, 3, NULL) == HUB_OK, "other suffix failed");
        CHECK(model_ctx_truncate(c, 12) == HUB_OK, "second truncate failed");
        CHECK(model_eval(c, tok + 12, 8, a) == HUB_OK, "suffix again failed");
        CHECK(!memcmp(a, b, (size_t)nv * sizeof(float)), "%s: logits after truncate differ", file);
        CHECK(model_ctx_truncate(c, 21) == HUB_ERR_RANGE, "truncate past the end accepted");
        CHECK(model_ctx_truncate(c, -1) == HUB_ERR_RANGE, "negative truncate accepted");

        /* bad input: the right status and nothing evaluated */
        model_ctx_reset(c);
        int32_t badtok[2] = {1, nv};
        CHECK(model_eval(c, badtok, 2, a) == HUB_ERR_RANGE, "token == n_vocab accepted");
        badtok[1] = -1;
        CHECK(model_eval(c, badtok, 2, a) == HUB_ERR_RANGE, "negative token accepted");
        CHECK(model_ctx_pos(c) == 0, "a refused batch moved the cache to %d", model_ctx_pos(c));
        CHECK(model_eval(c, tok, 0, a) == HUB_ERR_INVALID, "empty batch accepted");
        int32_t *many = calloc(65, sizeof(int32_t));
        CHECK(model_eval(c, many, 65, a) == HUB_ERR_RANGE, "65 tokens fit a 64-position context");
        CHECK(model_eval(c, many, 64, NULL) == HUB_OK, "64 tokens refused by a 64-position context");
        CHECK(model_eval(c, many, 1, a) == HUB_ERR_RANGE, "a full context took one more token");
        free(many);
        free(a);
        free(b);
    }
    model_ctx_free(c);
    model_free(m);
    gguf_close(f);
}

/* Rewrite a reference model with one change and check model_load refuses it naming `want`. */
enum edit { DROP_TENSOR, BAD_SHAPE, BAD_ARCH, BAD_EXPERT_USED, NEXTN_LAYER };

static void test_broken(const char *tmpdir, enum edit ed, const char *want)
{
    char path[8192], out[8192], err[512];
    snprintf(path, sizeof(path), "%s/models/ds2-lite-f32.gguf", hub_test_refdir());
    snprintf(out, sizeof(out), "%s/broken-%d.gguf", tmpdir, (int)ed);
    struct gguf_file *f = gguf_open(path, err, sizeof(err));
    CHECK(f, "%s: %s", path, err);
    if (!f) return;
    struct gguf_writer *w = gguf_writer_new();
    int rc = 0;
    for (uint64_t i = 0; i < f->n_kv; i++) {
        const struct gguf_kv *kv = &f->kv[i];
        if (ed == BAD_ARCH && kv->key.len == 20 && !memcmp(kv->key.data, "general.architecture", 20))
            rc |= gguf_writer_set_str(w, "general.architecture", "llama");
        else if (ed == BAD_EXPERT_USED && kv->key.len == 27 &&
                 !memcmp(kv->key.data, "deepseek2.expert_used_count", 27))
            rc |= gguf_writer_set_u32(w, "deepseek2.expert_used_count", 9);
        else
            rc |= gguf_writer_copy_kv(w, kv);
    }
    /* a DeepSeek-V3-style multi-token-prediction layer: the last block is not evaluated */
    if (ed == NEXTN_LAYER) rc |= gguf_writer_set_u32(w, "deepseek2.nextn_predict_layers", 1);
    for (uint64_t i = 0; i < f->n_tensors; i++) {
        const struct gguf_tensor *t = &f->tensors[i];
        if (ed == DROP_TENSOR && !strcmp(t->name, "blk.1.ffn_up_exps.weight")) continue;
        int64_t ne[4] = {t->ne[0], t->ne[1], t->ne[2], t->ne[3]};
        if (ed == BAD_SHAPE && !strcmp(t->name, "blk.2.attn_kv_a_mqa.weight")) {
            /* same bytes, rows of a different length: 256 x 144 -> 512 x 72 */
            ne[0] = 512;
            ne[1] = 72;
        }
        rc |= gguf_writer_add_tensor(w, t->name, t->type, t->n_dims, ne, t->data, t->nbytes);
    }
    CHECK(rc == 0, "writer refused the copy: %s", gguf_writer_error(w));
    CHECK(gguf_writer_write(w, out, err, sizeof(err)) == 0, "write %s: %s", out, err);
    gguf_writer_free(w);
    gguf_close(f);

    f = gguf_open(out, err, sizeof(err));
    CHECK(f, "%s: %s", out, err);
    if (f && ed == NEXTN_LAYER) {
        struct model *m = model_load(f, err, sizeof(err));
        CHECK(m, "file with an MTP layer refused: %s", err);
        if (m) {
            CHECK(model_hparams(m)->n_layer == 2 && model_hparams(m)->n_layer_nextn == 1,
                  "MTP layer counted: n_layer %d, nextn %d", model_hparams(m)->n_layer,
                  model_hparams(m)->n_layer_nextn);
            struct model_ctx *c = model_ctx_new(m, 8, 1, err, sizeof(err));
            int32_t t[2] = {1009, 51};
            CHECK(c && model_eval(c, t, 2, NULL) == HUB_OK, "two-layer model does not run");
            model_ctx_free(c);
        }
        model_free(m);
        gguf_close(f);
    } else if (f) {
        struct model *m = model_load(f, err, sizeof(err));
        CHECK(!m, "broken file %d loaded", (int)ed);
        CHECK(strstr(err, want) != NULL, "broken file %d: message '%s' does not name '%s'",
              (int)ed, err, want);
        printf("  refused: %s\n", err);
        model_free(m);
        gguf_close(f);
    }
    unlink(out);
}

static void test_make_model(const char *tmpdir)
{
    char out[8192], err[512];
    snprintf(out, sizeof(out), "%s/made.gguf", tmpdir);
    char *argv[] = {"make-model", "--out", out, "--type", "q8_0", "--embd", "256", "--layers",
                    "3", "--heads", "4", "--experts", "8", "--used", "2", "--ff-exp", "64",
                    "--vocab", "512", NULL};
    CHECK(hub_engine_cmd_make_model(19, argv) == 0, "make-model failed");
    struct gguf_file *f = gguf_open(out, err, sizeof(err));
    CHECK(f, "%s: %s", out, err);
    if (!f) return;
    struct model *m = model_load(f, err, sizeof(err));
    CHECK(m, "made model: %s", err);
    if (m) {
        const struct model_hparams *hp = model_hparams(m);
        CHECK(hp->n_layer == 3 && hp->n_embd == 256 && hp->n_expert == 8 && hp->n_vocab == 512,
              "made model has %d layers, %d wide, %d experts, %d tokens", hp->n_layer, hp->n_embd,
              hp->n_expert, hp->n_vocab);
        struct model_ctx *c = model_ctx_new(m, 32, 1, err, sizeof(err));
        float *l1 = malloc(512 * sizeof(float)), *l2 = malloc(512 * sizeof(float));
        int32_t tok[4] = {5, 17, 300, 511};
        CHECK(c && model_eval(c, tok, 4, l1) == HUB_OK, "made model does not run");
        double ss = 0;
        for (int i = 0; i < 512; i++) ss += (double)l1[i] * l1[i];
        /* random weights scaled for unit activations: logits of order 1, not 0 or huge */
        CHECK(isfinite(ss) && ss / 512 > 1e-3 && ss / 512 < 1e3, "made model logit power %g",
              ss / 512);
        model_ctx_reset(c);
        CHECK(model_eval(c, tok, 4, l2) == HUB_OK && !memcmp(l1, l2, 512 * sizeof(float)),
              "the same prompt twice gave different logits");
        free(l1);
        free(l2);
        model_ctx_free(c);
    }
    model_free(m);
    gguf_close(f);
    unlink(out);
}

static void test_sampler(void)
{
    float lg[100];
    for (int i = 0; i < 100; i++) lg[i] = (float)((i * 7919) % 101) / 10.0f;
    int best = sampler_argmax(lg, 100);
    char err[256];
    struct sampler_params g = {true, 1.0f, 0, 1.0f, 0};
    struct sampler *s = sampler_new(&g, 100, err, sizeof(err));
    CHECK(s && sampler_sample(s, lg) == best, "greedy is not argmax");
    sampler_free(s);
    struct sampler_params k1 = {false, 1.0f, 1, 1.0f, 42};
    s = sampler_new(&k1, 100, err, sizeof(err));
    CHECK(s && sampler_sample(s, lg) == best, "top-k 1 is not argmax");
    sampler_free(s);
    /* the same seed gives the same draws; top-p keeps only the head */
    struct sampler_params tp = {false, 0.7f, 40, 0.5f, 7};
    struct sampler *a = sampler_new(&tp, 100, err, sizeof(err)), *b = sampler_new(&tp, 100, err, sizeof(err));
    int same = 1, in_top = 1;
    for (int i = 0; i < 200 && a && b; i++) {
        int x = sampler_sample(a, lg), y = sampler_sample(b, lg);
        same &= x == y;
        in_top &= lg[x] >= lg[best] - 1.0f; /* p=0.5 at T=0.7 stays within the top logits */
    }
    CHECK(a && b && same, "one seed gave two different sequences");
    CHECK(in_top, "top-p 0.5 sampled from the tail");
    sampler_free(a);
    sampler_free(b);
    struct sampler_params bad = {false, 0.0f, 0, 1.0f, 0};
    CHECK(!sampler_new(&bad, 100, err, sizeof(err)) && strstr(err, "temperature"),
          "temperature 0 accepted");
    bad.temperature = 1.0f;
    bad.top_p = 1.5f;
    CHECK(!sampler_new(&bad, 100, err, sizeof(err)) && strstr(err, "top-p"), "top-p 1.5 accepted");
}

int main(void)
{
    char tmpdir[] = "/tmp/test-model-XXXXXX";
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    /* not bit-identical: batched products sum in another order, and an f16 cache value or a
     * flash-attention accumulator step can round the other way; a cache bug gives ~1 */
    test_prefill_vs_decode("ds2-lite-f32.gguf", 1e-6);
    test_prefill_vs_decode("ds3-style-f16.gguf", 1e-4);
    test_prefill_vs_decode("qwen2moe-f16.gguf", 1e-4);
    test_prefill_vs_decode("ds2-lite-legacy-f16.gguf", 1e-4);
    test_broken(tmpdir, DROP_TENSOR, "missing tensor blk.1.ffn_up_exps.weight");
    test_broken(tmpdir, BAD_SHAPE, "blk.2.attn_kv_a_mqa.weight has shape");
    test_broken(tmpdir, BAD_ARCH, "architecture 'llama' is not supported");
    test_broken(tmpdir, BAD_EXPERT_USED, "expert_used_count 9 > expert_count 8");
    test_broken(tmpdir, NEXTN_LAYER, "");
    test_make_model(tmpdir);
    test_sampler();
    rmdir(tmpdir);
    printf("%s: %d failure(s)\n", failures ? "FAIL" : "PASS", failures);
    return failures ? 1 : 0;
}
