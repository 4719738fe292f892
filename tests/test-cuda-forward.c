/*
 * test-cuda-forward.c: whole-model logits of the engine's forward pass on a compute backend
 * (engine/model_backend.c through model_ctx_set_backend) against engine/model.c's CPU path, on
 * every deepseek2 reference model with split k_b/v_b: a prompt of 12 tokens, then decode
 * steps. It runs the "cpu" backend everywhere and the "cuda" backend where a device is there.
 *
 * Tolerances. Against model.c: the same argmax and logits NMSE < 1e-5 for float weights,
 * < 5e-3 for quantized ones (model.c rounds its cache to f16 and its activations onto ggml's
 * grids like llama.cpp; the backend path keeps f32). cuda against the cpu backend: NMSE < 1e-5
 * for float weights (the GPU's prefill rounds activations to f16 for cuBLAS) and < 5e-3 for
 * quantized ones (the cpu backend quantizes activations to Q8, the GPU's mat-vec does not).
 * Both bounds hold while the two runs route every token to the same experts. Where the two
 * arithmetics rank two experts the other way round (a near tie in the router), the runs
 * diverge from that step on by more than rounding; the test then reports the first such layer
 * and position, requires the steps before it to meet the bound, and allows at most one model
 * to diverge so.
 * On the GPU the decode steps also run without the routing recorder, which lets each step
 * replay as one captured CUDA graph; their logits must equal the launched steps' (NMSE 1e-10:
 * the same kernels, only the position read from device memory).
 */
#include "engine/model.h"
#include "tests/cuda-test-common.h"

/* Routing recorded through the model's route hook: every selected expert, in call order, with
 * the decode step it belongs to. */
struct route_rec {
    int32_t *sel;
    int *step, *layer, *pos;
    size_t n, cap;
    int cur_step;
};

static void rec_route(void *user, int layer, int pos0, int T, const int32_t *sel, int k)
{
    struct route_rec *r = user;
    for (int i = 0; i < T * k; i++) {
        if (r->n == r->cap) {
            r->cap = r->cap ? 2 * r->cap : 1024;
            r->sel = realloc(r->sel, r->cap * sizeof(*r->sel));
            r->step = realloc(r->step, r->cap * sizeof(*r->step));
            r->layer = realloc(r->layer, r->cap * sizeof(*r->layer));
            r->pos = realloc(r->pos, r->cap * sizeof(*r->pos));
            if (!r->sel || !r->step || !r->layer || !r->pos) exit(99);
        }
        r->sel[r->n] = sel[i];
        r->step[r->n] = r->cur_step;
        r->layer[r->n] = layer;
        r->pos[r->n] = pos0 + i / k;
        r->n++;
    }
}

static void rec_free(struct route_rec *r)
{
    free(r->sel), free(r->step), free(r->layer), free(r->pos);
    memset(r, 0, sizeof(*r));
}

/* The first step whose routing differs between a and b (same models, same calls), or n_steps.
 * Experts are compared as sets per token: the order of equal-weight picks may differ. */
static int first_divergence(const struct route_rec *a, const struct route_rec *b, int k,
                            int n_steps, const char *what)
{
    if (a->n != b->n) return 0;
    for (size_t i = 0; i + k <= a->n; i += k) {
        for (int j = 0; j < k; j++) {
            bool found = false;
            for (int l = 0; l < k; l++) found |= a->sel[i + j] == b->sel[i + l];
            if (!found) {
                printf("  %s: routing differs at step %d, layer %d, position %d\n", what,
                       a->step[i], a->layer[i], a->pos[i]);
                return a->step[i];
            }
        }
    }
    return n_steps;
}

static int argmax(const float *v, int n)
{
    int b = 0;
    for (int i = 1; i < n; i++)
        if (v[i] > v[b]) b = i;
    return b;
}

/* The prompt and decode steps through a context on `be` (NULL: model.c's CPU path), logits of
 * each step into out[step][n_vocab], routing into rec. */
static int run(struct model *md, struct hub_backend *be, const int32_t *toks, int n_prompt,
               int n_steps, float *out, struct route_rec *rec, bool record)
{
    char err[256];
    const struct model_hparams *hp = model_hparams(md);
    struct model_ctx *c = model_ctx_new(md, 64, 2, err, sizeof(err));
    if (!c) {
        fprintf(stderr, "ctx: %s\n", err);
        return -1;
    }
    int rc = 0;
    if (be && model_ctx_set_backend(c, be, err, sizeof(err))) {
        fprintf(stderr, "%s backend: %s\n", be->ops->name, err);
        rc = -1;
    }
    /* the routing recorder waits for each layer's routing: no decode graph with it on */
    if (record) model_ctx_set_route_hook(c, rec_route, rec);
    for (int s = 0; s < n_steps && !rc; s++) {
        rec->cur_step = s;
        rc = s == 0 ? model_eval(c, toks, n_prompt, out)
                    : model_eval(c, toks + n_prompt + s - 1, 1, out + (size_t)s * hp->n_vocab);
    }
    model_ctx_free(c);
    return rc;
}

int main(void)
{
    static const char *models[] = {"ds2-lite-f32.gguf", "ds2-lite-q8_0.gguf",
                                   "ds2-lite-q4_k_m.gguf", "ds3-style-f16.gguf"};
    char err[256];
    struct hub_backend *cpu = hub_backend_cpu_new(2);
    struct hub_backend *gpu = NULL;
    if (hub_backend_cuda_device_count() > 0) {
        gpu = hub_backend_cuda_new(0, err, sizeof(err));
        CHECK(gpu != NULL, "cuda backend: %s", err);
    }
    if (!cpu) return 99;
    const int n_prompt = 12, n_steps = 4;
    int diverged = 0;
    for (size_t m = 0; m < sizeof(models) / sizeof(models[0]); m++) {
        struct gguf_file *f = tc_open_model(models[m]);
        CHECK(f != NULL, "reference model %s missing", models[m]);
        if (!f) continue;
        struct model *md = model_load(f, err, sizeof(err));
        CHECK(md != NULL, "%s: %s", models[m], err);
        if (!md) {
            gguf_close(f);
            continue;
        }
        const struct model_hparams *hp = model_hparams(md);
        int V = hp->n_vocab, K = hp->n_expert_used;
        bool fl = strstr(models[m], "f32") || strstr(models[m], "f16");
        double tol = fl ? 1e-5 : 5e-3;
        int32_t toks[16];
        for (int i = 0; i < 16; i++) toks[i] = (int32_t)((i * 37 + 11) % V);
        float *ref = malloc((size_t)n_steps * V * 4), *lc = malloc((size_t)n_steps * V * 4);
        float *lg = malloc((size_t)n_steps * V * 4);
        struct route_rec rref = {0}, rcpu = {0}, rgpu = {0};
        if (!ref || !lc || !lg) exit(99);
        CHECK(run(md, NULL, toks, n_prompt, n_steps, ref, &rref, true) == 0, "%s: model.c", models[m]);
        CHECK(run(md, cpu, toks, n_prompt, n_steps, lc, &rcpu, true) == 0, "%s: cpu backend",
              models[m]);
        int same = first_divergence(&rcpu, &rref, K, n_steps, "cpu backend vs model.c");
        for (int s = 0; s < n_steps; s++) {
            double e = tc_nmse(lc + (size_t)s * V, ref + (size_t)s * V, V);
            int a = argmax(lc + (size_t)s * V, V), b = argmax(ref + (size_t)s * V, V);
            printf("%s step %d: cpu backend vs model.c NMSE %.3g, argmax %d/%d\n", models[m], s,
                   e, a, b);
            if (s < same)
                CHECK(e < tol && a == b, "%s step %d: cpu backend logits differ from model.c",
                      models[m], s);
        }
        diverged += same < n_steps;
        if (gpu) {
            CHECK(run(md, gpu, toks, n_prompt, n_steps, lg, &rgpu, true) == 0,
                  "%s: cuda forward", models[m]);
            /* without the recorder the decode steps run as one captured graph each */
            float *lgr = malloc((size_t)n_steps * V * 4);
            if (!lgr) exit(99);
            CHECK(run(md, gpu, toks, n_prompt, n_steps, lgr, &rgpu, false) == 0,
                  "%s: cuda forward, graph", models[m]);
            for (int s = 1; s < n_steps; s++) {
                double e = tc_nmse(lgr + (size_t)s * V, lg + (size_t)s * V, V);
                printf("%s step %d: cuda graph replay vs launches NMSE %.3g\n", models[m], s, e);
                CHECK(e < 1e-10, "%s step %d: the graph replay differs from the launches",
                      models[m], s);
            }
            free(lgr);
            int gsame = first_divergence(&rgpu, &rcpu, K, n_steps, "cuda vs cpu backend");
            for (int s = 0; s < n_steps; s++) {
                double e = tc_nmse(lg + (size_t)s * V, lc + (size_t)s * V, V);
                double e2 = tc_nmse(lg + (size_t)s * V, ref + (size_t)s * V, V);
                int a = argmax(lg + (size_t)s * V, V), b = argmax(lc + (size_t)s * V, V);
                printf("%s step %d: cuda vs cpu backend NMSE %.3g (vs model.c %.3g), argmax "
                       "%d/%d%s\n",
                       models[m], s, e, e2, a, b, s < gsame ? "" : " (after a routing tie)");
                if (s < gsame)
                    CHECK(e < tol && a == b, "%s step %d: cuda logits differ from the cpu "
                          "backend's", models[m], s);
            }
            diverged += gsame < n_steps;
        }
        rec_free(&rref), rec_free(&rcpu), rec_free(&rgpu);
        model_free(md);
        gguf_close(f);
        free(ref), free(lc), free(lg);
    }
    CHECK(diverged <= 1, "%d runs routed differently: more than near ties explain", diverged);
    hub_backend_free(cpu);
    hub_backend_free(gpu);
    printf("%s%s\n", failures ? "FAILED" : "ok", gpu ? "" : " (no CUDA device: cpu backend only)");
    return failures ? 1 : 0;
}
