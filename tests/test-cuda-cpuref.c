/*
 * test-cuda-cpuref.c: the CPU side of the backend interface (kernels/backend.h), runnable on
 * any machine: the "cpu" backend against kern.h and against double-precision references, on
 * the reference models' real tensors; and the GGUF block decoding of ops-common.h (the text the
 * CUDA kernels decode weights with) against kern_dequant_row on every tensor of every
 * reference model, bit for bit (element by element and in the mat-vec kernels' chunks), so
 * that the GPU's weight decoding is verified here too.
 */
#include "tests/cuda-test-common.h"
#include "kernels/cuda/ops-common.h"

/* Every element of every supported tensor: ops-common's decoding == kern_dequant_row. */
static void test_block_decode(const struct gguf_file *f, const char *model)
{
    for (uint64_t i = 0; i < f->n_tensors; i++) {
        const struct gguf_tensor *t = &f->tensors[i];
        if (!tc_type_supported(t->type)) continue;
        int64_t k = t->ne[0], rows = (int64_t)(t->nbytes / kern_row_bytes(t->type, k));
        int be = hub_op_block_elems((int)t->type), bb = hub_op_block_bytes((int)t->type);
        const struct kern_type_traits *tr = kern_type_traits((int)t->type);
        CHECK(tr && tr->block_elems == be && tr->block_bytes == bb,
                 "%s: block size of type %u differs from kern's", t->name, t->type);
        float *ref = malloc((size_t)k * sizeof(float));
        if (!ref) exit(99);
        size_t rb = kern_row_bytes(t->type, k);
        /* the chunks of the mat-vec kernels cover every element of a block exactly once */
        int nc = hub_op_block_chunks((int)t->type), seen[256] = {0}, cover_bad = 0;
        for (int c = 0; c < nc; c++)
            for (int e = 0; e < HUB_CHUNK; e++) {
                int j = hub_op_chunk_run((int)t->type, c, e / HUB_CHUNK_RUN) + e % HUB_CHUNK_RUN;
                if (j >= 0 && j < be && j < 256) seen[j]++;
            }
        for (int j = 0; nc && j < be; j++)
            cover_bad += seen[j] != 1;
        CHECK(cover_bad == 0 && (nc || be == 1), "%s: chunks of type %u cover %d elements wrongly",
              t->name, t->type, cover_bad);
        int64_t bad = 0, cbad = 0;
        for (int64_t r = 0; r < rows; r++) {
            const uint8_t *row = (const uint8_t *)t->data + (size_t)r * rb;
            kern_dequant_row((int)t->type, row, ref, k);
            for (int64_t j = 0; j < k; j++) {
                float v =
                    hub_op_block_elem((int)t->type, row + (size_t)(j / be) * bb, (int)(j % be));
                if (memcmp(&v, &ref[j], 4) != 0 && bad++ < 3)
                    fprintf(stderr, "%s %s row %lld elem %lld: %g, kern %g\n", model, t->name,
                            (long long)r, (long long)j, v, ref[j]);
            }
            /* the chunked decoding of the CUDA mat-vec kernels, likewise */
            for (int64_t blk = 0; nc && blk < k / be; blk++)
                for (int c = 0; c < nc; c++) {
                    float w[HUB_CHUNK];
                    hub_op_block_chunk((int)t->type, row + (size_t)blk * bb, c, w);
                    for (int e = 0; e < HUB_CHUNK; e++) {
                        int64_t j = blk * be +
                                    hub_op_chunk_run((int)t->type, c, e / HUB_CHUNK_RUN) +
                                    e % HUB_CHUNK_RUN;
                        if (memcmp(&w[e], &ref[j], 4) != 0 && cbad++ < 3)
                            fprintf(stderr, "%s %s row %lld elem %lld: chunk %g, kern %g\n",
                                    model, t->name, (long long)r, (long long)j, w[e], ref[j]);
                    }
                }
        }
        CHECK(bad == 0, "%s %s (type %u): %lld elements decode differently", model, t->name,
                 t->type, (long long)bad);
        CHECK(cbad == 0, "%s %s (type %u): %lld elements chunk-decode differently", model,
              t->name, t->type, (long long)cbad);
        free(ref);
    }
}

/* The chunked decoding on random blocks of every chunked type (the reference models hold no
 * Q4_1 or Q5_1 tensor): == kern_dequant_row bit for bit. The f16 scales are kept finite. */
static void test_chunk_random(void)
{
    static const int types[] = {KERN_Q8_0, KERN_Q4_0, KERN_Q4_1, KERN_Q5_0,
                                KERN_Q5_1, KERN_Q4_K, KERN_Q6_K};
    uint8_t blk[256];
    float ref[256], w[HUB_CHUNK];
    srand(12);
    for (size_t ti = 0; ti < sizeof(types) / sizeof(types[0]); ti++) {
        int ty = types[ti], be = hub_op_block_elems(ty), bb = hub_op_block_bytes(ty);
        int nc = hub_op_block_chunks(ty), bad = 0;
        for (int n = 0; n < 2000; n++) {
            for (int i = 0; i < bb; i++)
                blk[i] = (uint8_t)(rand() >> 7);
            /* clear the top exponent bit of the f16 fields: |d|, |m| < 2, finite */
            if (ty == KERN_Q6_K) {
                blk[209] &= 0xbf;
            } else {
                blk[1] &= 0xbf;
                if (ty == KERN_Q4_1 || ty == KERN_Q5_1 || ty == KERN_Q4_K) blk[3] &= 0xbf;
            }
            kern_dequant_row(ty, blk, ref, be);
            for (int c = 0; c < nc; c++) {
                hub_op_block_chunk(ty, blk, c, w);
                for (int e = 0; e < HUB_CHUNK; e++) {
                    int j = hub_op_chunk_run(ty, c, e / HUB_CHUNK_RUN) + e % HUB_CHUNK_RUN;
                    bad += memcmp(&w[e], &ref[j], 4) != 0;
                }
            }
        }
        CHECK(nc > 0 && bad == 0, "type %d: %d random-block elements chunk-decode differently",
              ty, bad);
    }
}

/* Tolerances of the CPU path against the double product (NMSE): kern quantizes activations to
 * Q8 for quantized weights; float weights are summed in f32. */
static double cpu_tol(uint32_t type)
{
    return type == KERN_F32 || type == KERN_F16 || type == KERN_BF16 ? 1e-9 : 2e-4;
}

static void test_matmul(struct hub_backend *be, struct kern_pool *pool, const struct gguf_file *f,
                        const char *model, int *n_tested)
{
    for (uint64_t i = 0; i < f->n_tensors; i++) {
        const struct gguf_tensor *t = &f->tensors[i];
        if (!tc_is_weight(t)) continue;
        int64_t k = t->ne[0], rows = t->ne[1];
        static const int toks[] = {1, 7};
        for (int ti = 0; ti < 2; ti++) {
            int T = toks[ti];
            float *x = tc_rand_vec((size_t)T * k, 1.0f);
            float *a = calloc((size_t)T * rows, sizeof(float));
            float *b = calloc((size_t)T * rows, sizeof(float));
            float *r = calloc((size_t)T * rows, sizeof(float));
            if (!a || !b || !r) exit(99);
            int st = be->ops->matmul(be, (int)t->type, t->data, rows, k, x, T, a);
            CHECK(st == 0, "%s %s: matmul: %s", model, t->name, be->err);
            kern_matmul(pool, (int)t->type, t->data, rows, k, x, T, b);
            CHECK(memcmp(a, b, (size_t)T * rows * sizeof(float)) == 0,
                     "%s %s T=%d: cpu backend differs from kern_matmul", model, t->name, T);
            tc_ref_matmul((int)t->type, t->data, rows, k, x, T, r);
            double e = tc_nmse(a, r, (size_t)T * rows);
            CHECK(e < cpu_tol(t->type), "%s %s (type %u) T=%d: NMSE %.3g vs double >= %.1g",
                     model, t->name, t->type, T, e, cpu_tol(t->type));
            free(x);
            free(a);
            free(b);
            free(r);
            ++*n_tested;
        }
    }
}

/* Experts' products with tokens gathered per expert == one kern_matmul per (token, expert). */
static void test_grouped(struct hub_backend *be, struct kern_pool *pool, const struct gguf_file *f,
                         const char *model)
{
    for (uint64_t i = 0; i < f->n_tensors; i++) {
        const struct gguf_tensor *t = &f->tensors[i];
        if (!tc_is_weight(t) || t->n_dims < 3 || t->ne[2] < 2 || !strstr(t->name, "blk.1."))
            continue;
        int64_t k = t->ne[0], rows = t->ne[1];
        int X = (int)t->ne[2], T = 9;
        size_t mat_bytes = kern_row_bytes(t->type, k) * (size_t)rows;
        float *x = tc_rand_vec((size_t)T * k, 1.0f);
        /* every token to 3 experts, some experts with none */
        int32_t offsets[257] = {0}, tok[9 * 3];
        int n = 0;
        for (int e = 0; e < X && e < 256; e++) {
            offsets[e] = n;
            for (int tt = 0; tt < T; tt++)
                if ((tt * 7 + e * 3) % X < 3 && n < T * 3) tok[n++] = tt;
        }
        for (int e = X; e <= X; e++)
            offsets[e] = n;
        float *out = calloc((size_t)n * rows + 1, sizeof(float));
        float *one = calloc((size_t)rows, sizeof(float));
        if (!out || !one) exit(99);
        int st = be->ops->matmul_grouped(be, (int)t->type, t->data, mat_bytes, rows, k, X, x, tok,
                                         offsets, out);
        CHECK(st == 0, "%s %s: matmul_grouped: %s", model, t->name, be->err);
        int bad = 0;
        for (int e = 0; e < X; e++)
            for (int gi = offsets[e]; gi < offsets[e + 1]; gi++) {
                kern_matmul(pool, (int)t->type, (const uint8_t *)t->data + (size_t)e * mat_bytes,
                            rows, k, x + (size_t)tok[gi] * k, 1, one);
                /* a single-token product may quantize differently from a batched one only in
                 * summation order: hold it to a tight NMSE rather than bits */
                if (tc_nmse(out + (size_t)gi * rows, one, (size_t)rows) > 1e-10) bad++;
            }
        CHECK(n > 0 && bad == 0, "%s %s: %d of %d grouped rows differ from kern_matmul", model,
                 t->name, bad, n);
        free(x);
        free(out);
        free(one);
    }
}

/* A plain routing written differently (sort by score, groups by explicit sets). */
static void naive_route(const struct hub_route_params *p, const float *lg, const float *bias,
                        int32_t *sel, float *w)
{
    int X = p->n_expert;
    double probs[HUB_ROUTE_MAX_EXPERT], sc[HUB_ROUTE_MAX_EXPERT];
    double mx = -INFINITY, sum = 0;
    for (int e = 0; e < X; e++)
        mx = fmax(mx, lg[e]);
    for (int e = 0; e < X; e++) {
        probs[e] = p->gating == HUB_GATING_SIGMOID ? 1 / (1 + exp(-(double)lg[e]))
                                                   : exp((double)lg[e] - mx);
        sum += probs[e];
    }
    if (p->gating != HUB_GATING_SIGMOID)
        for (int e = 0; e < X; e++)
            probs[e] /= sum;
    for (int e = 0; e < X; e++)
        sc[e] = probs[e] + (bias ? bias[e] : 0);
    if (p->n_groups > 1) {
        int G = p->n_groups, per = X / G;
        double gs[HUB_ROUTE_MAX_EXPERT];
        for (int g = 0; g < G; g++) {
            double b1 = -INFINITY, b2 = -INFINITY;
            for (int e = g * per; e < (g + 1) * per; e++) {
                if (sc[e] > b1) {
                    b2 = b1;
                    b1 = sc[e];
                } else if (sc[e] > b2) {
                    b2 = sc[e];
                }
            }
            gs[g] = b1 + b2;
        }
        for (int g = 0; g < G; g++) {
            int better = 0; /* groups strictly better, or equal and earlier */
            for (int h = 0; h < G; h++)
                better += gs[h] > gs[g] || (gs[h] == gs[g] && h < g);
            if (better >= p->n_group_used)
                for (int e = g * per; e < (g + 1) * per; e++)
                    sc[e] = -INFINITY;
        }
    }
    double ws = 0;
    for (int i = 0; i < p->n_used; i++) {
        int best = -1;
        for (int e = 0; e < X; e++) {
            int taken = 0;
            for (int j = 0; j < i; j++)
                taken |= sel[j] == e;
            if (!taken && sc[e] != -INFINITY && (best < 0 || sc[e] > sc[best])) best = e;
        }
        sel[i] = best;
        w[i] = (float)probs[best];
        ws += w[i];
    }
    for (int i = 0; i < p->n_used; i++) {
        if (p->weights_norm) w[i] = (float)(w[i] / ws);
        if (p->weights_scale != 0) w[i] *= p->weights_scale;
    }
}

static void test_route(struct hub_backend *be, struct kern_pool *pool)
{
    /* the real router of the ds3-style model (16 experts, exp_probs_b) on random states */
    struct gguf_file *f = tc_open_model("ds3-style-f16.gguf");
    CHECK(f != NULL, "ds3-style-f16.gguf missing");
    if (!f) return;
    const struct gguf_tensor *gi = gguf_find_tensor(f, "blk.1.ffn_gate_inp.weight");
    const struct gguf_tensor *bi = gguf_find_tensor(f, "blk.1.exp_probs_b.bias");
    CHECK(gi && bi && gi->type == KERN_F32 && bi->type == KERN_F32, "router tensors");
    if (!gi || !bi) goto out;
    int X = (int)gi->ne[1], E = (int)gi->ne[0], T = 64;
    float *x = tc_rand_vec((size_t)T * E, 1.0f), *lg = calloc((size_t)T * X, sizeof(float));
    kern_matmul(pool, KERN_F32, gi->data, X, E, x, T, lg);
    const struct hub_route_params variants[] = {
        {X, 4, 4, 2, HUB_GATING_SIGMOID, true, 2.5f},
        {X, 6, 1, 1, HUB_GATING_SOFTMAX, false, 0.0f},
        {X, 2, 8, 3, HUB_GATING_SOFTMAX, true, 0.0f},
    };
    for (size_t v = 0; v < sizeof(variants) / sizeof(variants[0]); v++) {
        const struct hub_route_params *p = &variants[v];
        const float *bias = v == 0 ? bi->data : NULL;
        int32_t sel[64 * 8], nsel[8];
        float w[64 * 8], nw[8];
        int st = be->ops->route(be, p, lg, bias, T, sel, w);
        CHECK(st == 0, "route: %s", be->err);
        int bad = 0;
        for (int t = 0; t < T; t++) {
            naive_route(p, lg + (size_t)t * X, bias, nsel, nw);
            for (int i = 0; i < p->n_used; i++)
                if (sel[t * p->n_used + i] != nsel[i] ||
                    fabsf(w[t * p->n_used + i] - nw[i]) > 1e-6f * (1 + fabsf(nw[i])))
                    bad++;
        }
        CHECK(bad == 0, "route variant %zu: %d of %d choices differ from the naive routing", v,
                 bad, T * p->n_used);
    }
    struct hub_route_params badp = {X, 40, 1, 1, HUB_GATING_SOFTMAX, true, 0};
    int32_t s1[64];
    float w1[64];
    CHECK(be->ops->route(be, &badp, lg, NULL, 1, s1, w1) == HUB_ERR_INVALID,
             "route accepted n_used > n_expert");
    free(x);
    free(lg);
out:
    gguf_close(f);
}

static void test_rows(struct hub_backend *be)
{
    const int n = 1000, R = 5;
    float *x = tc_rand_vec((size_t)n * R, 3.0f), *w = tc_rand_vec(n, 1.0f);
    float *a = calloc((size_t)n * R, sizeof(float)), *r = calloc((size_t)n * R, sizeof(float));
    /* rmsnorm: weighted and not, against double */
    for (int weighted = 0; weighted < 2; weighted++) {
        CHECK(be->ops->rmsnorm(be, a, x, weighted ? w : NULL, R, n, n, 1e-6f) == 0, "rmsnorm");
        for (int row = 0; row < R; row++) {
            double s = 0;
            for (int i = 0; i < n; i++)
                s += (double)x[row * n + i] * x[row * n + i];
            double sc = 1 / sqrt(s / n + 1e-6);
            for (int i = 0; i < n; i++)
                r[row * n + i] = (float)(x[row * n + i] * sc * (weighted ? w[i] : 1.0));
        }
        double e = tc_nmse(a, r, (size_t)n * R);
        CHECK(e < 1e-12, "rmsnorm (weighted %d): NMSE %.3g", weighted, e);
    }
    /* softmax */
    memcpy(a, x, (size_t)n * R * sizeof(float));
    CHECK(be->ops->softmax(be, a, R, n) == 0, "softmax");
    for (int row = 0; row < R; row++) {
        double mx = -INFINITY, s = 0;
        for (int i = 0; i < n; i++)
            mx = fmax(mx, x[row * n + i]);
        for (int i = 0; i < n; i++)
            s += exp(x[row * n + i] - mx);
        for (int i = 0; i < n; i++)
            r[row * n + i] = (float)(exp(x[row * n + i] - mx) / s);
    }
    CHECK(tc_nmse(a, r, (size_t)n * R) < 1e-12, "softmax NMSE %.3g",
             tc_nmse(a, r, (size_t)n * R));
    /* swiglu */
    CHECK(be->ops->swiglu(be, a, x, x + n, n) == 0, "swiglu");
    for (int i = 0; i < n; i++)
        r[i] = (float)(x[i] / (1 + exp(-(double)x[i])) * x[n + i]);
    CHECK(tc_nmse(a, r, n) < 1e-12, "swiglu NMSE %.3g", tc_nmse(a, r, n));
    free(x);
    free(w);
    free(a);
    free(r);
}

/* RoPE against ggml's formula in double (theta from pow), norm and neox, with and without YaRN. */
static void test_rope(struct hub_backend *be)
{
    const int T = 6, H = 3, D = 80, nr = 64, off = 16, pos0 = 1000;
    const struct hub_rope_params ps[] = {
        {nr, false, 10000.0f, 1.0f, 0.0f, 1.0f, 0, 0},
        {nr, true, 1000000.0f, 1.0f, 0.0f, 1.0f, 0, 0},
        /* DeepSeek-V2's YaRN: factor 40, ext 1, corr dims of n_ctx_orig 4096 */
        {nr, false, 10000.0f, 1.0f / 40, 1.0f, 1.0f, 10.0f, 23.0f},
    };
    for (size_t v = 0; v < 3; v++) {
        const struct hub_rope_params *p = &ps[v];
        float *x = tc_rand_vec((size_t)T * H * D, 1.0f), *a = malloc((size_t)T * H * D * 4);
        float *r = malloc((size_t)T * H * D * 4);
        memcpy(a, x, (size_t)T * H * D * 4);
        memcpy(r, x, (size_t)T * H * D * 4);
        CHECK(be->ops->rope(be, p, a, T, H, H * D, D, off, pos0) == 0, "rope: %s", be->err);
        for (int t = 0; t < T; t++)
            for (int h = 0; h < H; h++)
                for (int i = 0; i < nr / 2; i++) {
                    double theta = (pos0 + t) * pow(p->freq_base, -2.0 * i / nr),
                           ms = p->attn_factor;
                    double th = p->freq_scale * theta;
                    if (p->ext_factor != 0) {
                        double y = (i - p->corr_low) / fmax(0.001, p->corr_high - p->corr_low);
                        double mix = (1 - fmin(1, fmax(0, y))) * p->ext_factor;
                        th = th * (1 - mix) + theta * mix;
                        ms *= 1 + 0.1 * log(1 / p->freq_scale);
                    }
                    float *v0 = r + (t * H + h) * D + off;
                    int ia = p->neox ? i : 2 * i, ib = p->neox ? i + nr / 2 : 2 * i + 1;
                    double x0 = v0[ia], x1 = v0[ib];
                    v0[ia] = (float)((x0 * cos(th) - x1 * sin(th)) * ms);
                    v0[ib] = (float)((x0 * sin(th) + x1 * cos(th)) * ms);
                }
        /* positions near 1000 in f32 theta: ggml's own rounding gives ~1e-4 absolute */
        double m = tc_maxabs(a, r, (size_t)T * H * D);
        CHECK(m < 2e-3, "rope variant %zu: max abs diff %.3g vs double", v, m);
        int untouched = 1;
        for (int t = 0; t < T; t++)
            for (int h = 0; h < H; h++)
                for (int d = 0; d < D; d++)
                    if ((d < off || d >= off + nr) &&
                        a[(t * H + h) * D + d] != x[(t * H + h) * D + d])
                        untouched = 0;
        CHECK(untouched, "rope variant %zu wrote outside its rotary dims", v);
        free(x);
        free(a);
        free(r);
    }
}

/* MLA absorbed attention against a double implementation. */
static void test_mla(struct hub_backend *be)
{
    const int H = 4, R = 128, nr = 16, kv_row = R + nr, dqk = 48, T = 5, pos0 = 37;
    int n_kv = pos0 + T;
    float *qabs = tc_rand_vec((size_t)H * T * R, 0.3f), *q = tc_rand_vec((size_t)T * H * dqk, 0.3f);
    float *cache = tc_rand_vec((size_t)n_kv * kv_row, 1.0f);
    float *o = calloc((size_t)H * T * R, 4), *r = calloc((size_t)H * T * R, 4);
    const float scale = 0.1352f;
    const int dn = dqk - nr; /* q_pe sits after the nope part, like model.c's q rows */
    CHECK(be->ops->mla_attn(be, qabs, q + dn, H * dqk, dqk, cache, kv_row, R, nr, H, T, pos0,
                               scale, o) == 0,
             "mla_attn: %s", be->err);
    double *s = malloc((size_t)n_kv * sizeof(double));
    for (int h = 0; h < H; h++)
        for (int t = 0; t < T; t++) {
            int nk = pos0 + t + 1;
            double mx = -INFINITY, sum = 0;
            for (int j = 0; j < nk; j++) {
                double a = 0;
                for (int d = 0; d < R; d++)
                    a += (double)qabs[(h * T + t) * R + d] * cache[j * kv_row + d];
                for (int d = 0; d < nr; d++)
                    a += (double)q[(t * H + h) * dqk + dn + d] * cache[j * kv_row + R + d];
                s[j] = a * scale;
                mx = fmax(mx, s[j]);
            }
            for (int j = 0; j < nk; j++)
                sum += s[j] = exp(s[j] - mx);
            for (int d = 0; d < R; d++) {
                double a = 0;
                for (int j = 0; j < nk; j++)
                    a += s[j] * cache[j * kv_row + d];
                r[(h * T + t) * R + d] = (float)(a / sum);
            }
        }
    double e = tc_nmse(o, r, (size_t)H * T * R);
    CHECK(e < 1e-10, "mla_attn NMSE %.3g vs double", e);
    free(s);
    free(qabs);
    free(q);
    free(cache);
    free(o);
    free(r);
}

/* GQA attention (qwen2moe) against a double implementation. */
static void test_attn(struct hub_backend *be)
{
    const int H = 8, Hkv = 2, dk = 64, dv = 48, T = 4, pos0 = 21, n_kv = pos0 + T;
    const int64_t qts = H * dk + 5, ks = Hkv * dk + 3, vs = Hkv * dv + 1; /* odd strides */
    float *q = tc_rand_vec((size_t)T * qts, 0.5f), *k = tc_rand_vec((size_t)n_kv * ks, 1.0f);
    float *v = tc_rand_vec((size_t)n_kv * vs, 1.0f);
    float *o = calloc((size_t)T * H * dv, 4), *r = calloc((size_t)T * H * dv, 4);
    double *s = malloc((size_t)n_kv * sizeof(double));
    CHECK(be->ops->attn(be, q, qts, k, ks, v, vs, H, Hkv, dk, dv, T, pos0, 0.125f, o) == 0,
             "attn: %s", be->err);
    for (int t = 0; t < T; t++)
        for (int h = 0; h < H; h++) {
            int g = h / (H / Hkv), nk = pos0 + t + 1;
            double mx = -INFINITY, sum = 0;
            for (int j = 0; j < nk; j++) {
                double a = 0;
                for (int d = 0; d < dk; d++)
                    a += (double)q[t * qts + h * dk + d] * k[j * ks + g * dk + d];
                s[j] = a * 0.125;
                mx = fmax(mx, s[j]);
            }
            for (int j = 0; j < nk; j++)
                sum += s[j] = exp(s[j] - mx);
            for (int d = 0; d < dv; d++) {
                double a = 0;
                for (int j = 0; j < nk; j++)
                    a += s[j] * v[j * vs + g * dv + d];
                r[(t * H + h) * dv + d] = (float)(a / sum);
            }
        }
    double e = tc_nmse(o, r, (size_t)T * H * dv);
    CHECK(e < 1e-10, "attn NMSE %.3g vs double", e);
    CHECK(be->ops->attn(be, q, qts, k, ks, v, vs, H, 3, dk, dv, T, pos0, 0.125f, o) ==
                 HUB_ERR_INVALID,
             "attn accepted 8 heads over 3 KV heads");
    free(q);
    free(k);
    free(v);
    free(o);
    free(r);
    free(s);
}

int main(void)
{
    struct hub_backend *be = hub_backend_cpu_new(2);
    struct kern_pool *pool = kern_pool_new(2);
    if (!be || !pool) {
        fprintf(stderr, "cpu backend: out of memory\n");
        return 99;
    }
    int n_mm = 0, n_models = 0;
    for (size_t m = 0; m < TC_N_MODELS; m++) {
        struct gguf_file *f = tc_open_model(tc_models[m]);
        CHECK(f != NULL, "reference model %s missing", tc_models[m]);
        if (!f) continue;
        n_models++;
        test_block_decode(f, tc_models[m]);
        test_matmul(be, pool, f, tc_models[m], &n_mm);
        test_grouped(be, pool, f, tc_models[m]);
        gguf_close(f);
    }
    test_chunk_random();
    test_route(be, pool);
    test_rows(be);
    test_rope(be);
    test_mla(be);
    test_attn(be);
    /* hub_backend_new by name */
    char err[256];
    struct hub_backend *b2 = hub_backend_new("cpu", 1, err, sizeof(err));
    CHECK(b2 && !strcmp(b2->ops->name, "cpu"), "hub_backend_new(cpu): %s", err);
    hub_backend_free(b2);
    CHECK(hub_backend_new("tpu", 1, err, sizeof(err)) == NULL && strstr(err, "unknown"),
             "an unknown backend name was accepted");
    b2 = hub_backend_new("auto", 1, err, sizeof(err));
    CHECK(b2 != NULL, "hub_backend_new(auto): %s", err);
    hub_backend_free(b2);
    hub_backend_free(be);
    kern_pool_free(pool);
    printf("%d models, %d matmul cases; %s\n", n_models, n_mm, failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
