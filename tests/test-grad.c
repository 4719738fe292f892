/* test-grad: every backward of engine/train.c against central finite differences, op by op
 * (matmul, RMSNorm, RoPE, SwiGLU, MLA attention core, cross-entropy) and for the whole model on
 * a tiny configuration (every tensor: a directional derivative along a random direction, plus
 * single coordinates). The loss of an op is sum(y * r) for a fixed random r, accumulated in
 * double; f32 forward passes bound the precision, hence the tolerances below. */
#include "engine/train.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fails;
static unsigned rs = 12345;
static float frand(void)
{
    rs = rs * 1103515245u + 12345u;
    return ((rs >> 8) & 0xffff) / 32768.0f - 1.0f;
}
static float *rnd(size_t n, float s)
{
    float *p = malloc(n * sizeof *p);
    for (size_t i = 0; i < n; i++)
        p[i] = frand() * s;
    return p;
}

/* compare an analytic and a numeric derivative */
static void cmp(const char *what, int i, double a, double n, double tol)
{
    double err = fabs(a - n) / fmax(fmax(fabs(a), fabs(n)), 1e-2);
    if (err > tol || !isfinite(a)) {
        fprintf(stderr, "%s[%d]: analytic %.6g numeric %.6g (rel err %.3g)\n", what, i, a, n, err);
        fails++;
    }
}

static double dotd(const float *a, const float *b, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += (double)a[i] * b[i];
    return s;
}

/* ---- ops: each defines loss(inputs) = sum(f(inputs) * r) ---- */
enum { T = 5, K = 24, N = 16, H = 2, DN = 8, NR = 4, DV = 6 };

static double L_mm(float *x, float *W, const float *r)
{
    float y[T * N];
    train_mm_fwd(y, x, W, T, K, N);
    return dotd(y, r, T * N);
}

static double L_rms(float *x, float *w, const float *r)
{
    float y[T * K], rs_[T];
    train_rmsnorm_fwd(y, rs_, x, w, T, K, 1e-6f);
    return dotd(y, r, T * K);
}

static double L_rope(float *x, const float *r)
{
    float y[T * H * (DN + NR)];
    memcpy(y, x, sizeof y);
    train_rope(y + DN, T, H, DN + NR, NR, 10000.0f, false, NULL);
    return dotd(y, r, T * H * (DN + NR));
}

static double L_swiglu(float *g, float *u, const float *r)
{
    double s = 0;
    for (int i = 0; i < T * N; i++)
        s += (double)g[i] / (1.0 + exp(-g[i])) * u[i] * r[i];
    return s;
}

static float P_[H * T * T];
/* two packed sequences: positions 0-1 and 2-4 */
static const int32_t seg_[T] = {0, 0, 2, 2, 2};
static double L_attn(float *q, float *kv, float *kpe, const float *r)
{
    float o[T * H * DV];
    train_attn_fwd(o, P_, q, kv, kpe, T, H, DN, NR, DV, 0.3f, seg_, T);
    return dotd(o, r, T * H * DV);
}

/* perturb p[i] and take the central difference of fn() */
#define NUMGRAD(p, i, eps, expr)                                                                   \
    ({                                                                                             \
        float keep_ = (p)[i];                                                                      \
        (p)[i] = keep_ + (eps);                                                                    \
        double lp_ = (expr);                                                                       \
        (p)[i] = keep_ - (eps);                                                                    \
        double lm_ = (expr);                                                                       \
        (p)[i] = keep_;                                                                            \
        (lp_ - lm_) / (2.0 * (eps));                                                               \
    })

static void check_ops(void)
{
    float eps = 1e-2f;
    /* matmul */
    {
        float *x = rnd(T * K, 1), *W = rnd(N * K, 1), *r = rnd(T * N, 1);
        float *dx = calloc(T * K, 4), *dW = calloc(N * K, 4);
        train_mm_bwd(dx, dW, r, x, W, T, K, N);
        for (int i = 0; i < T * K; i += 7)
            cmp("mm dx", i, dx[i], NUMGRAD(x, i, eps, L_mm(x, W, r)), 5e-3);
        for (int i = 0; i < N * K; i += 11)
            cmp("mm dW", i, dW[i], NUMGRAD(W, i, eps, L_mm(x, W, r)), 5e-3);
        free(x), free(W), free(r), free(dx), free(dW);
    }
    /* rmsnorm */
    {
        float *x = rnd(T * K, 1), *w = rnd(K, 1), *r = rnd(T * K, 1), rstd[T], y[T * K];
        float *dx = calloc(T * K, 4), *dw = calloc(K, 4);
        train_rmsnorm_fwd(y, rstd, x, w, T, K, 1e-6f);
        train_rmsnorm_bwd(dx, dw, r, x, rstd, w, T, K);
        for (int i = 0; i < T * K; i += 3)
            cmp("rmsnorm dx", i, dx[i], NUMGRAD(x, i, 1e-3f, L_rms(x, w, r)), 1e-2);
        for (int i = 0; i < K; i++)
            cmp("rmsnorm dw", i, dw[i], NUMGRAD(w, i, 1e-3f, L_rms(x, w, r)), 1e-2);
        free(x), free(w), free(r), free(dx), free(dw);
    }
    /* rope: the gradient is r rotated back */
    {
        int n = T * H * (DN + NR);
        float *x = rnd(n, 1), *r = rnd(n, 1), *d = malloc(n * 4);
        memcpy(d, r, n * 4);
        train_rope(d + DN, T, H, DN + NR, NR, 10000.0f, true, NULL);
        for (int i = 0; i < n; i += 2)
            cmp("rope dx", i, d[i], NUMGRAD(x, i, eps, L_rope(x, r)), 1e-3);
        free(x), free(r), free(d);
    }
    /* swiglu */
    {
        float *g = rnd(T * N, 3), *u = rnd(T * N, 2), *r = rnd(T * N, 1);
        float *dg = malloc(T * N * 4), *du = malloc(T * N * 4), h[T * N];
        train_swiglu_bwd(dg, du, r, g, u, T * N);
        for (int i = 0; i < T * N; i++) {
            cmp("swiglu dg", i, dg[i], NUMGRAD(g, i, 1e-3f, L_swiglu(g, u, r)), 1e-2);
            cmp("swiglu du", i, du[i], NUMGRAD(u, i, 1e-3f, L_swiglu(g, u, r)), 1e-2);
        }
        /* and the engine's forward kernel (kern_swiglu via ffn) computes silu(g) u */
        (void)h;
        free(g), free(u), free(r), free(dg), free(du);
    }
    /* attention core */
    {
        int nq = T * H * (DN + NR), nkv = T * H * (DN + DV), nk = T * NR;
        float *q = rnd(nq, 1), *kv = rnd(nkv, 1), *kpe = rnd(nk, 1), *r = rnd(T * H * DV, 1);
        float *dq = calloc(nq, 4), *dkv = calloc(nkv, 4), *dk = calloc(nk, 4);
        L_attn(q, kv, kpe, r);
        train_attn_bwd(dq, dkv, dk, r, P_, q, kv, kpe, T, H, DN, NR, DV, 0.3f, seg_, T);
        for (int i = 0; i < nq; i += 3)
            cmp("attn dq", i, dq[i], NUMGRAD(q, i, 1e-3f, L_attn(q, kv, kpe, r)), 1e-2);
        for (int i = 0; i < nkv; i += 3)
            cmp("attn dkv", i, dkv[i], NUMGRAD(kv, i, 1e-3f, L_attn(q, kv, kpe, r)), 1e-2);
        for (int i = 0; i < nk; i++)
            cmp("attn dkpe", i, dk[i], NUMGRAD(kpe, i, 1e-3f, L_attn(q, kv, kpe, r)), 1e-2);
        /* causality: the first position's output does not depend on later keys */
        float o1[T * H * DV], o2[T * H * DV];
        train_attn_fwd(o1, P_, q, kv, kpe, T, H, DN, NR, DV, 0.3f, seg_, T);
        kv[(T - 1) * H * (DN + DV)] += 5.0f;
        train_attn_fwd(o2, P_, q, kv, kpe, T, H, DN, NR, DV, 0.3f, seg_, T);
        if (memcmp(o1, o2, 2 * H * DV * 4) || !memcmp(o1, o2, sizeof o1)) { /* seq 1 untouched */
            fprintf(stderr, "attention leaks across positions or sequences\n");
            fails++;
        }
        free(q), free(kv), free(kpe), free(r), free(dq), free(dkv), free(dk);
    }
    /* cross-entropy */
    {
        float *lg = rnd(N, 3), d[N];
        train_xent(d, lg, N, 5, 1.0f);
        for (int i = 0; i < N; i++)
            cmp("xent", i, d[i], NUMGRAD(lg, i, 1e-2f, (double)train_xent(NULL, lg, N, 5, 1.0f)),
                1e-2);
        free(lg);
    }
}

/* ---- whole model ---- */
/* mean cross-entropy plus the balance loss the options ask for */
static const struct train_opts *eval_opts;
static double model_loss(struct train_model *m, const struct train_seq *sq, int n)
{
    struct train_stats st = {0};
    if (train_model_eval(m, sq, n, eval_opts, &st)) return NAN;
    return st.loss + st.aux;
}

static void check_model(void)
{
    struct train_config c;
    train_config_default(&c);
    c.n_vocab = 40, c.n_embd = 32, c.n_layer = 3, c.n_head = 2, c.kv_lora_rank = 16;
    c.qk_nope = 8, c.qk_rope = 4, c.v_head = 8, c.n_ff = 48, c.n_ff_exp = 16, c.n_expert = 4;
    c.n_expert_used = 2, c.n_expert_shared = 1, c.n_ctx = 16, c.n_layer_dense_lead = 1;
    c.round_kv = false; /* rounding has no derivative: checked without it */
    char err[200];
    struct train_model *m = train_model_new(&c, 3, 1, err, sizeof err);
    if (!m) {
        fprintf(stderr, "train_model_new: %s\n", err);
        fails++;
        return;
    }
    /* weights larger than the init so that every path carries a visible gradient */
    float *p = train_model_params(m);
    size_t np = train_model_n_params(m);
    for (size_t i = 0; i < np; i++)
        p[i] += 0.05f * frand();
    /* Top-k selection is piecewise constant: a perturbation of a whole tensor would flip some
     * token's choice and jump the loss. Balance biases pin the choice (layer 1 picks experts
     * 0 and 1, layer 2 experts 2 and 3) while the weights stay the softmax probabilities, so
     * every differentiable path is checked. */
    for (int e = 0; e < 4; e++) {
        train_model_expert_bias(m, 1)[e] = e < 2 ? 10.0f : 0.0f;
        train_model_expert_bias(m, 2)[e] = e >= 2 ? 10.0f : 0.0f;
    }
    int32_t tok[3][12];
    uint8_t lo[3][12];
    struct train_seq sq[3];
    for (int s = 0; s < 3; s++) {
        for (int t = 0; t < 12; t++) {
            tok[s][t] = (int32_t)((s * 13 + t * 7 + t * t) % 40);
            lo[s][t] = t >= 4;
        }
        sq[s] = (struct train_seq){tok[s], lo[s], 12 - s};
    }
    struct train_opts o;
    train_opts_default(&o);
    o.aux_alpha = 0.5f; /* large, so that its gradient shows */
    eval_opts = &o;
    struct train_stats st = {0};
    train_model_grad(m, sq, 3, &o, &st);
    float *g = malloc(np * 4);
    memcpy(g, train_model_grads(m), np * 4);
    size_t n;
    int layer, checked = 0;
    for (int ti = 0;; ti++) {
        long off = train_model_tensor(m, ti, &n, &layer);
        if (off < 0) break;
        /* directional derivative along a random direction of this tensor */
        float *d = rnd(n, 1);
        float eps = 1e-3f;
        float *keep = malloc(n * 4);
        memcpy(keep, p + off, n * 4);
        for (size_t i = 0; i < n; i++)
            p[off + i] = keep[i] + eps * d[i];
        double lp = model_loss(m, sq, 3);
        for (size_t i = 0; i < n; i++)
            p[off + i] = keep[i] - eps * d[i];
        double lm = model_loss(m, sq, 3);
        memcpy(p + off, keep, n * 4);
        double num = (lp - lm) / (2.0 * eps), ana = dotd(g + off, d, n);
        char what[64];
        snprintf(what, sizeof what, "model tensor %d (layer %d) direction", ti, layer);
        cmp(what, 0, ana, num, 2e-2);
        /* and its largest-gradient coordinate */
        size_t best = 0;
        for (size_t i = 1; i < n; i++)
            if (fabsf(g[off + i]) > fabsf(g[off + best])) best = i;
        snprintf(what, sizeof what, "model tensor %d (layer %d) coord", ti, layer);
        cmp(what, (int)best, g[off + best], NUMGRAD(p, off + best, 1e-3f, model_loss(m, sq, 3)),
            2e-2);
        free(d);
        free(keep);
        checked++;
    }
    printf("whole model: %d tensors checked\n", checked);
    if (checked < 20) fails++;
    free(g);
    train_model_free(m);
}

int main(void)
{
    check_ops();
    check_model();
    if (fails)
        fprintf(stderr, "%d gradient checks failed\n", fails);
    else
        printf("all gradient checks passed\n");
    return fails ? 1 : 0;
}
