/*
 * train.c: forward, backward and optimizer of the deepseek2 trainer (see train.h).
 *
 * A batch is split over the pool's threads by sequence (sequence i goes to thread i % nth);
 * each thread runs forward and backward of its sequences one at a time into its own gradient
 * buffer, and the buffers are summed in thread order, so a run is deterministic for a seed
 * and a thread count. Forward products use kern_matmul (the engine's f32 kernel, hence the
 * same bits as engine/model.c); the two backward products are AVX2 loops here.
 *
 * Notation in shape comments: T tokens, E n_embd, H heads, dn/nr/dv per-head nope/rope/value
 * sizes, R kv_lora_rank, F dense FFN, Fe expert FFN, S shared FFN, X experts, K used, V vocab.
 *
 * With train_model_use_cuda, forward, backward and AdamW run on a GPU instead
 * (kernels/cuda/train-cuda.cu): the flat arrays live there, and the host copies of the weights
 * and moments are fetched back when something on the host reads them (saving, logits).
 */
#include "engine/train.h"
#include "engine/bpe_train.h"
#include "engine/gguf.h"
#include "engine/intent.h"
#include "hub_log.h"
#include "hub_status.h"
#include "kernels/kern.h"
#include "kernels/train-gpu.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#include "kernels/cpu/kern-x86.h" /* the engine's AVX2 row ops, inline */
#define TRAIN_X86 1
#endif

static void terr(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

void train_config_default(struct train_config *c)
{
    *c = (struct train_config){
        .n_vocab = 3000,
        .n_embd = 192,
        .n_layer = 3,
        .n_head = 4,
        .n_layer_dense_lead = 1,
        .kv_lora_rank = 64,
        .qk_nope = 32,
        .qk_rope = 16,
        .v_head = 32,
        .n_ff = 512,
        .n_ff_exp = 128,
        .n_expert = 8,
        .n_expert_used = 2,
        .n_expert_shared = 1,
        .n_ctx = 96,
        .rms_eps = 1e-6f,
        .rope_base = 10000.0f,
        .round_kv = true,
    };
}

void train_opts_default(struct train_opts *o)
{
    *o = (struct train_opts){
        .lr = 2e-3f,
        .lr_min_ratio = 0.05f,
        .weight_decay = 0.05f,
        .beta1 = 0.9f,
        .beta2 = 0.98f,
        .adam_eps = 1e-8f,
        .clip = 1.0f,
        .warmup = 100,
        .steps = 2000,
        .batch = 32,
        .aux_alpha = 0.01f,
        .bias_gamma = 1e-3f,
    };
}

/* ---------------------------------------------------------------------------------------- */
/* ops                                                                                      */

/* Tokens go to kern_matmul in chunks of about 16 KB of x: its kernel walks every token for
 * each pair of weight rows, and a whole pack of x (384 tokens, 768 bytes each at n_embd 192)
 * would come from L2 for each pair. Every output is the same dot product as in one call, so the bits are the same. */
#define FWD_CHUNK_BYTES 16384
void train_mm_fwd(float *y, const float *x, const float *W, int T, int K, int N)
{
    int tc = (int)(FWD_CHUNK_BYTES / ((size_t)K * sizeof(float))) & ~3;
    if (tc < 4) tc = 4;
    for (int t0 = 0; t0 < T; t0 += tc)
        kern_matmul(NULL, KERN_F32, W, N, K, x + (size_t)t0 * K, T - t0 < tc ? T - t0 : tc,
                    y + (size_t)t0 * N);
}

#ifdef TRAIN_X86
static bool train_avx2(void)
{
    static int have = -1;
    if (have < 0)
        have = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
               __builtin_cpu_supports("f16c");
    return have;
}

/* One tile of C [MR][16] += A [MR][J] B [J][16], A(i, j) at a[i * asi + j * asj] (either
 * layout, so dy serves as A and as its transpose without a copy), rows of B and C at strides
 * ldb, ldc. The 2 MR accumulators start from C and stay in registers over the whole J loop:
 * per j, 2 loads of B and MR broadcasts feed 2 MR FMAs. */
__attribute__((target("avx2,fma"), always_inline)) static inline void
gemm_tile_avx2(float *C, size_t ldc, const float *a, size_t asi, size_t asj, const float *B,
               size_t ldb, int J, const int MR)
{
    __m256 c0[6], c1[6];
#pragma GCC unroll 6
    for (int r = 0; r < 6; r++)
        if (r < MR) {
            c0[r] = _mm256_loadu_ps(C + r * ldc);
            c1[r] = _mm256_loadu_ps(C + r * ldc + 8);
        }
    for (int j = 0; j < J; j++, a += asj, B += ldb) {
        __m256 b0 = _mm256_loadu_ps(B), b1 = _mm256_loadu_ps(B + 8);
#pragma GCC unroll 6
        for (int r = 0; r < 6; r++)
            if (r < MR) {
                __m256 x = _mm256_broadcast_ss(a + r * asi);
                c0[r] = _mm256_fmadd_ps(x, b0, c0[r]);
                c1[r] = _mm256_fmadd_ps(x, b1, c1[r]);
            }
    }
#pragma GCC unroll 6
    for (int r = 0; r < 6; r++)
        if (r < MR) {
            _mm256_storeu_ps(C + r * ldc, c0[r]);
            _mm256_storeu_ps(C + r * ldc + 8, c1[r]);
        }
}

/* C [M][K] += A [M][J] B [J][K] with A(i, j) = A[i * asi + j * asj] and rows of B and C K
 * floats apart. J goes in blocks of GEMM_JC so that the B panel of a tile's 16 columns (8 KB)
 * stays in L1 while every row tile of C passes over it; columns past the last multiple of 16
 * (tiny test models only) go through a plain loop. */
#define GEMM_JC 128
KERN_AVX2 static void gemm_avx2(float *C, const float *A, size_t asi,
                                                          size_t asj, const float *B, int M,
                                                          int J, int K)
{
    int K16 = K & ~15;
    size_t ld = (size_t)K;
    for (int j0 = 0; j0 < J; j0 += GEMM_JC) {
        int jn = J - j0 < GEMM_JC ? J - j0 : GEMM_JC;
        const float *Aj = A + (size_t)j0 * asj, *Bj = B + (size_t)j0 * ld;
        /* the smaller of the A block (M x jn) and the B block (jn x K) is the one walked
         * again for every tile of the other */
        bool rows_outer = M > K;
        int ni = (M + 5) / 6, nk = K16 / 16;
        for (int o = 0; o < ni * nk; o++) {
            int i = 6 * (rows_outer ? o / nk : o % ni), k = 16 * (rows_outer ? o % nk : o / ni);
            float *c = C + (size_t)i * ld + k;
            const float *a = Aj + (size_t)i * asi, *b = Bj + k;
            switch (M - i < 6 ? M - i : 6) {
            case 6: gemm_tile_avx2(c, ld, a, asi, asj, b, ld, jn, 6); break;
            case 5: gemm_tile_avx2(c, ld, a, asi, asj, b, ld, jn, 5); break;
            case 4: gemm_tile_avx2(c, ld, a, asi, asj, b, ld, jn, 4); break;
            case 3: gemm_tile_avx2(c, ld, a, asi, asj, b, ld, jn, 3); break;
            case 2: gemm_tile_avx2(c, ld, a, asi, asj, b, ld, jn, 2); break;
            default: gemm_tile_avx2(c, ld, a, asi, asj, b, ld, jn, 1); break;
            }
        }
        if (K16 < K)
            for (int i = 0; i < M; i++)
                for (int j = 0; j < jn; j++) {
                    float aij = Aj[(size_t)i * asi + (size_t)j * asj];
                    for (int k = K16; k < K; k++)
                        C[(size_t)i * ld + k] += aij * Bj[(size_t)j * ld + k];
                }
    }
}

#endif

/* y[0..n) += sum_j a[j] x[j] for j < m (x[j] = base + j * stride): the products without AVX2 */
static void axpy_many(float *restrict y, const float *base, size_t stride, const float *a, int m,
                      int n)
{
    for (int j = 0; j < m; j++) {
        const float *x = base + (size_t)j * stride;
        float aj = a[j];
        if (aj == 0) continue;
        for (int i = 0; i < n; i++)
            y[i] += aj * x[i];
    }
}

/* dx [T][K] += dy [T][N] W [N][K];  dW [N][K] += dy^T [N][T] x [T][K] */
void train_mm_bwd(float *dx, float *dW, const float *dy, const float *x, const float *W, int T,
                  int K, int N)
{
#ifdef TRAIN_X86
    if (train_avx2()) {
        if (dx) gemm_avx2(dx, dy, (size_t)N, 1, W, T, N, K);
        if (dW) gemm_avx2(dW, dy, 1, (size_t)N, x, N, T, K);
        return;
    }
#endif
    if (dx)
        for (int t = 0; t < T; t++)
            axpy_many(dx + (size_t)t * K, W, (size_t)K, dy + (size_t)t * N, N, K);
    if (dW) {
        float col[256];
        for (int n = 0; n < N; n++) {
            for (int t0 = 0; t0 < T; t0 += 256) {
                int tn = T - t0 < 256 ? T - t0 : 256;
                for (int t = 0; t < tn; t++)
                    col[t] = dy[(size_t)(t0 + t) * N + n];
                axpy_many(dW + (size_t)n * K, x + (size_t)t0 * K, (size_t)K, col, tn, K);
            }
        }
    }
}

/* y [T][n] = x * rstd * w, rstd = 1 / sqrt(mean(x^2) + eps) */
void train_rmsnorm_fwd(float *y, float *rstd, const float *x, const float *w, int T, int n,
                       float eps)
{
    for (int t = 0; t < T; t++) {
        const float *xr = x + (size_t)t * n;
        /* the engine's kernel for the bits; rstd recomputed in double for the backward */
        kern_rmsnorm(y + (size_t)t * n, xr, w, n, eps);
        double ss = 0;
        for (int i = 0; i < n; i++)
            ss += (double)xr[i] * xr[i];
        rstd[t] = (float)(1.0 / sqrt(ss / n + eps));
    }
}

#ifdef TRAIN_X86
/* one row of train_rmsnorm_bwd, 8 at a time (the dot in 4 double lanes) */
KERN_AVX2 static void rmsnorm_bwd_avx2(float *d, float *dw,
                                                                const float *g, const float *xr,
                                                                const float *w, float r, int n)
{
    __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
    int i = 0;
    for (; i + 8 <= n; i += 8) {
#define D4_(p, o) _mm256_cvtps_pd(_mm_loadu_ps((p) + i + (o)))
        s0 = _mm256_fmadd_pd(_mm256_mul_pd(D4_(g, 0), D4_(w, 0)), D4_(xr, 0), s0);
        s1 = _mm256_fmadd_pd(_mm256_mul_pd(D4_(g, 4), D4_(w, 4)), D4_(xr, 4), s1);
#undef D4_
    }
    double l[4];
    _mm256_storeu_pd(l, _mm256_add_pd(s0, s1));
    double dot = (l[0] + l[1]) + (l[2] + l[3]);
    for (int j = i; j < n; j++)
        dot += (double)g[j] * w[j] * xr[j];
    float c = (float)(dot / n) * r * r;
    __m256 vr = _mm256_set1_ps(r), vc = _mm256_set1_ps(c);
    for (i = 0; i + 8 <= n; i += 8) {
        __m256 gv = _mm256_loadu_ps(g + i), x = _mm256_loadu_ps(xr + i);
        if (dw)
            _mm256_storeu_ps(dw + i, _mm256_fmadd_ps(_mm256_mul_ps(gv, x), vr, _mm256_loadu_ps(dw + i)));
        __m256 e = _mm256_fmsub_ps(gv, _mm256_loadu_ps(w + i), _mm256_mul_ps(x, vc));
        _mm256_storeu_ps(d + i, _mm256_fmadd_ps(vr, e, _mm256_loadu_ps(d + i)));
    }
    for (; i < n; i++) {
        if (dw) dw[i] += g[i] * xr[i] * r;
        d[i] += r * (g[i] * w[i] - xr[i] * c);
    }
}
#endif

/* dx += r (dy w - x r^2 mean(dy w x)); dw += dy x r */
void train_rmsnorm_bwd(float *dx, float *dw, const float *dy, const float *x, const float *rstd,
                       const float *w, int T, int n)
{
    for (int t = 0; t < T; t++) {
        const float *xr = x + (size_t)t * n, *g = dy + (size_t)t * n;
        float r = rstd[t];
        float *d = dx + (size_t)t * n;
#ifdef TRAIN_X86
        if (train_avx2()) {
            rmsnorm_bwd_avx2(d, dw, g, xr, w, r, n);
            continue;
        }
#endif
        double dot = 0;
        for (int i = 0; i < n; i++)
            dot += (double)g[i] * w[i] * xr[i];
        float c = (float)(dot / n) * r * r;
        for (int i = 0; i < n; i++) {
            if (dw) dw[i] += g[i] * xr[i] * r;
            d[i] += r * (g[i] * w[i] - xr[i] * c);
        }
    }
}

/* cos/sin as engine/model.c's rope table computes them (freq scale 1, no YaRN) */
static void rope_cs(int p, int i0, int n_rot, float base, float *c, float *s)
{
    float theta_scale = powf(base, -2.0f / n_rot);
    float theta = (float)p;
    for (int i = 0; i < i0; i += 2)
        theta *= theta_scale;
    *c = cosf(theta);
    *s = sinf(theta);
}

void train_rope(float *x, int T, int per, int stride, int n_rot, float base, bool backward,
                const int32_t *pos)
{
    float cs[128], sn[128];
    for (int t = 0; t < T; t++) {
        float theta_scale = powf(base, -2.0f / n_rot), theta = (float)(pos ? pos[t] : t);
        for (int i = 0; i < n_rot / 2; i++) {
            cs[i] = cosf(theta);
            sn[i] = backward ? -sinf(theta) : sinf(theta);
            theta *= theta_scale;
        }
        for (int j = 0; j < per; j++) {
            float *v = x + (size_t)t * per * stride + (size_t)j * stride;
            for (int i = 0; i < n_rot / 2; i++) {
                float x0 = v[2 * i], x1 = v[2 * i + 1];
                v[2 * i] = x0 * cs[i] - x1 * sn[i];
                v[2 * i + 1] = x0 * sn[i] + x1 * cs[i];
            }
        }
    }
    (void)rope_cs;
}

/* whether the engine's kernels run their AVX2 versions (HUB_KERN_ISA can say no): the
 * trainer then uses them too, inline (kernels/cpu/kern-x86.h) */
static bool engine_avx2(void)
{
#ifdef TRAIN_X86
    return train_avx2() && kern_isa_active() >= KERN_ISA_AVX2;
#else
    return false;
#endif
}

#ifdef TRAIN_X86
/* 8 at a time; returns how many it did */
KERN_AVX2 static int swiglu_bwd_avx2(float *dg, float *du,
                                                              const float *dh, const float *g,
                                                              const float *u, int n)
{
    const __m256 one = _mm256_set1_ps(1.0f);
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 gv = _mm256_loadu_ps(g + i), d = _mm256_loadu_ps(dh + i);
        __m256 sg = _mm256_div_ps(one, _mm256_add_ps(one, kern_exp256(_mm256_sub_ps(_mm256_setzero_ps(), gv))));
        _mm256_storeu_ps(du + i, _mm256_mul_ps(d, _mm256_mul_ps(gv, sg)));
        __m256 f = _mm256_add_ps(one, _mm256_mul_ps(gv, _mm256_sub_ps(one, sg)));
        _mm256_storeu_ps(dg + i, _mm256_mul_ps(_mm256_mul_ps(_mm256_mul_ps(d, _mm256_loadu_ps(u + i)), sg), f));
    }
    return i;
}
#endif

void train_swiglu_bwd(float *dg, float *du, const float *dh, const float *g, const float *u, int n)
{
    int i = 0;
#ifdef TRAIN_X86
    if (engine_avx2()) i = swiglu_bwd_avx2(dg, du, dh, g, u, n);
#endif
    for (; i < n; i++) {
        float sg = 1.0f / (1.0f + expf(-g[i]));
        float silu = g[i] * sg;
        du[i] = dh[i] * silu;
        dg[i] = dh[i] * u[i] * sg * (1.0f + g[i] * (1.0f - sg));
    }
}

/* The row ops of the attention loops, on vectors of 16 to 64 floats: kern_dot_f32 and
 * kern_scale_add, or their AVX2 versions inline (kernels/cpu/kern-x86.h) instead of two calls
 * and a dispatch per key: the same operations in the same order, hence the same bits. */

__attribute__((always_inline)) static inline float row_dot(const float *a, const float *b, int n,
                                                           const bool vec)
{
#ifdef TRAIN_X86
    if (vec) return kern_dot_f32_avx2_inline(a, b, n);
#endif
    return kern_dot_f32(a, b, n);
}

__attribute__((always_inline)) static inline void row_scale_add(float *y, const float *x, float a,
                                                                int n, const bool vec)
{
#ifdef TRAIN_X86
    if (vec) {
        kern_scale_add_avx2_inline(y, x, a, n);
        return;
    }
#endif
    kern_scale_add(y, x, a, n);
}

__attribute__((always_inline)) static inline void
attn_fwd(float *o, float *P, const float *q, const float *kv, const float *kpe, int T, int H,
         int dn, int nr, int dv, float scale, const int32_t *seg, int L, const bool vec)
{
    int dq = dn + nr, dkv = dn + dv;
    for (int h = 0; h < H; h++) {
        for (int t = 0; t < T; t++) {
            const float *qt = q + ((size_t)t * H + h) * dq;
            int s0 = seg ? seg[t] : 0;
            float *p = P + ((size_t)h * T + t) * L - s0; /* p[s] for s0 <= s <= t */
            float mx = -INFINITY;
            for (int s = s0; s <= t; s++) {
                const float *ks = kv + ((size_t)s * H + h) * dkv;
                float sc = row_dot(qt, ks, dn, vec) + row_dot(qt + dn, kpe + (size_t)s * nr, nr, vec);
                p[s] = sc * scale;
                if (p[s] > mx) mx = p[s];
            }
            double sum = 0;
            for (int s = s0; s <= t; s++)
                sum += (p[s] = expf(p[s] - mx));
            float inv = (float)(1.0 / sum);
            for (int s = s0; s <= t; s++)
                p[s] *= inv;
            float *ot = o + ((size_t)t * H + h) * dv;
            memset(ot, 0, (size_t)dv * sizeof(float));
            for (int s = s0; s <= t; s++)
                row_scale_add(ot, kv + ((size_t)s * H + h) * dkv + dn, p[s], dv, vec);
        }
    }
}

#ifdef TRAIN_X86
KERN_AVX2 static void
attn_fwd_avx2(float *o, float *P, const float *q, const float *kv, const float *kpe, int T, int H,
              int dn, int nr, int dv, float scale, const int32_t *seg, int L)
{
    attn_fwd(o, P, q, kv, kpe, T, H, dn, nr, dv, scale, seg, L, true);
}
#endif

void train_attn_fwd(float *o, float *P, const float *q, const float *kv, const float *kpe, int T,
                    int H, int dn, int nr, int dv, float scale, const int32_t *seg, int L)
{
#ifdef TRAIN_X86
    if (engine_avx2()) {
        attn_fwd_avx2(o, P, q, kv, kpe, T, H, dn, nr, dv, scale, seg, L);
        return;
    }
#endif
    attn_fwd(o, P, q, kv, kpe, T, H, dn, nr, dv, scale, seg, L, false);
}

/* dp [L]: scratch */
__attribute__((always_inline)) static inline void
attn_bwd(float *dq, float *dkv, float *dkpe, const float *dout, const float *P, const float *q,
         const float *kv, const float *kpe, int T, int H, int dn, int nr, int dv, float scale,
         const int32_t *seg, int L, float *dp0, const bool vec)
{
    int dqd = dn + nr, dkvd = dn + dv;
    for (int h = 0; h < H; h++) {
        for (int t = 0; t < T; t++) {
            int s0 = seg ? seg[t] : 0;
            const float *p = P + ((size_t)h * T + t) * L - s0;
            float *dp = dp0 - s0;
            const float *go = dout + ((size_t)t * H + h) * dv;
            const float *qt = q + ((size_t)t * H + h) * dqd;
            float *dqt = dq + ((size_t)t * H + h) * dqd;
            double dot = 0;
            for (int s = s0; s <= t; s++) {
                float *dvs = dkv + ((size_t)s * H + h) * dkvd + dn;
                const float *vs = kv + ((size_t)s * H + h) * dkvd + dn;
                dp[s] = row_dot(go, vs, dv, vec);
                row_scale_add(dvs, go, p[s], dv, vec);
                dot += (double)p[s] * dp[s];
            }
            for (int s = s0; s <= t; s++) {
                float ds = p[s] * (dp[s] - (float)dot) * scale;
                if (ds == 0) continue;
                const float *ks = kv + ((size_t)s * H + h) * dkvd;
                row_scale_add(dqt, ks, ds, dn, vec);
                row_scale_add(dqt + dn, kpe + (size_t)s * nr, ds, nr, vec);
                row_scale_add(dkv + ((size_t)s * H + h) * dkvd, qt, ds, dn, vec);
                row_scale_add(dkpe + (size_t)s * nr, qt + dn, ds, nr, vec);
            }
        }
    }
}

#ifdef TRAIN_X86
KERN_AVX2 static void
attn_bwd_avx2(float *dq, float *dkv, float *dkpe, const float *dout, const float *P,
              const float *q, const float *kv, const float *kpe, int T, int H, int dn, int nr,
              int dv, float scale, const int32_t *seg, int L, float *dp0)
{
    attn_bwd(dq, dkv, dkpe, dout, P, q, kv, kpe, T, H, dn, nr, dv, scale, seg, L, dp0, true);
}
#endif

void train_attn_bwd(float *dq, float *dkv, float *dkpe, const float *dout, const float *P,
                    const float *q, const float *kv, const float *kpe, int T, int H, int dn, int nr,
                    int dv, float scale, const int32_t *seg, int L)
{
    float *dp0 = malloc((size_t)L * sizeof(float));
    HUB_ASSERT(dp0);
#ifdef TRAIN_X86
    if (engine_avx2())
        attn_bwd_avx2(dq, dkv, dkpe, dout, P, q, kv, kpe, T, H, dn, nr, dv, scale, seg, L, dp0);
    else
#endif
        attn_bwd(dq, dkv, dkpe, dout, P, q, kv, kpe, T, H, dn, nr, dv, scale, seg, L, dp0, false);
    free(dp0);
}

/* One exp per logit, in float (glibc's expf is correctly rounded but for rare cases), kept in
 * dlogits for the gradient; the sum in double. */
float train_xent(float *dlogits, const float *logits, int V, int y, float scale)
{
    float mx = -INFINITY;
    for (int i = 0; i < V; i++)
        mx = logits[i] > mx ? logits[i] : mx;
    double sum = 0;
    if (dlogits) {
        for (int i = 0; i < V; i++)
            sum += dlogits[i] = expf(logits[i] - mx);
        float f = (float)(scale / sum);
        for (int i = 0; i < V; i++)
            dlogits[i] *= f;
        dlogits[y] -= scale;
    } else {
        for (int i = 0; i < V; i++)
            sum += expf(logits[i] - mx);
    }
    return (float)(mx + log(sum) - logits[y]);
}

/* ---------------------------------------------------------------------------------------- */
/* model                                                                                    */

/* offsets of one layer's tensors in the flat parameter array (0: absent) */
struct train_lw {
    size_t attn_norm, wq, wkv_a, kv_a_norm, wkv_b, wo, ffn_norm;
    size_t ffn_gate, ffn_up, ffn_down;              /* dense */
    size_t gate_inp, gate_exps, up_exps, down_exps; /* moe */
    size_t gate_sh, up_sh, down_sh;
};

enum { PK_NORM, PK_MAT, PK_MAT_OUT, PK_ROUTER };

/* Sequences are packed into runs of up to this many tokens (attention stays inside each
 * sequence), so that every weight read serves a few hundred tokens instead of one sequence. */
#define TRAIN_PACK 384

struct train_tensor {
    size_t off, n;
    int kind, layer;
};

/* per-thread activations and scratch, sized for n_ctx tokens */
struct train_lact {
    float *x_in, *rstd1, *xn1, *q, *kva, *rstdkv, *ckv, *kpe, *kvb, *P, *o, *xmid, *rstd2, *xn2;
    float *g, *u, *h;            /* dense [T][F] */
    float *probs, *w;            /* [T][X], [T][K] */
    int32_t *sel, *order, *eoff; /* [T][K], [T*K] grouped by expert, [X+1] */
    float *eg, *eu, *eh, *ey;    /* per routed slot (grouped order): [T*K][Fe], y [T*K][E] */
    float *sg, *su, *sh;         /* shared [T][S] */
};

struct train_ws {
    struct train_lact *la;
    float *xfin, *rstdf, *xf, *logits, *dlogits;
    int32_t *lpos;
    int32_t *ptok, *pseg, *ppos; /* the pack: tokens, start of each token's sequence, position */
    uint8_t *ploss;
    int cap; /* tokens per pack */
    float *dx, *dxn, *dq, *dkva, *dckv, *dkpe, *dkvb;
    float *do_, *buf1, *buf2, *buf3, *buf4, *buf5, *buf6;
    float *grad; /* this thread's gradient (NULL for thread 0: the model's) */
    double loss, aux;
    long n_loss, n_tok;
    long *load; /* [n_layer][X] */
    char *mem;
};

struct train_model {
    struct train_config c;
    size_t n_params;
    float *p, *g, *m1, *m2;
    float *bias; /* [n_layer][X] balance biases */
    struct train_lw *lw;
    size_t tok_embd, output_norm, output;
    struct train_tensor *tens;
    int n_tens;
    struct kern_pool *pool;
    int nth;
    struct train_ws *ws;
    uint64_t seed;
    /* batch job */
    const struct train_seq *job_seqs;
    int job_n;
    const struct train_opts *job_opts;
    float job_scale;
    bool job_nograd;
    /* the GPU (train_model_use_cuda): p, m1, m2 on the host are stale while host_stale */
    const struct hub_train_gpu_ops *gops;
    struct hub_train_gpu *gpu;
    bool host_stale;
    bool house_hint; /* trained with the house hint: the GGUF says so */
    /* train_model_average_add: the sum of the snapshots, weights then balance biases */
    double *avg_sum;
    long n_avg;
};

static size_t add_tensor(struct train_model *m, size_t n, int kind, int layer)
{
    size_t off = m->n_params;
    if (m->tens) m->tens[m->n_tens] = (struct train_tensor){off, n, kind, layer};
    m->n_tens++;
    m->n_params += n;
    return off;
}

static bool is_moe(const struct train_config *c, int il)
{
    return il >= c->n_layer_dense_lead;
}

static void layout(struct train_model *m)
{
    const struct train_config *c = &m->c;
    size_t E = c->n_embd, H = c->n_head, R = c->kv_lora_rank, nr = c->qk_rope;
    size_t dqk = c->qk_nope + nr, dkv = c->qk_nope + c->v_head, X = c->n_expert;
    size_t Fe = c->n_ff_exp, S = (size_t)c->n_expert_shared * Fe, F = c->n_ff;
    m->n_params = 0;
    m->n_tens = 0;
    m->tok_embd = add_tensor(m, (size_t)c->n_vocab * E, PK_MAT, -1);
    for (int il = 0; il < c->n_layer; il++) {
        struct train_lw *l = &m->lw[il];
        memset(l, 0, sizeof *l);
        l->attn_norm = add_tensor(m, E, PK_NORM, il);
        l->wq = add_tensor(m, H * dqk * E, PK_MAT, il);
        l->wkv_a = add_tensor(m, (R + nr) * E, PK_MAT, il);
        l->kv_a_norm = add_tensor(m, R, PK_NORM, il);
        l->wkv_b = add_tensor(m, H * dkv * R, PK_MAT, il);
        l->wo = add_tensor(m, E * H * c->v_head, PK_MAT_OUT, il);
        l->ffn_norm = add_tensor(m, E, PK_NORM, il);
        if (!is_moe(c, il)) {
            l->ffn_gate = add_tensor(m, F * E, PK_MAT, il);
            l->ffn_up = add_tensor(m, F * E, PK_MAT, il);
            l->ffn_down = add_tensor(m, E * F, PK_MAT_OUT, il);
        } else {
            l->gate_inp = add_tensor(m, X * E, PK_ROUTER, il);
            l->gate_exps = add_tensor(m, X * Fe * E, PK_MAT, il);
            l->up_exps = add_tensor(m, X * Fe * E, PK_MAT, il);
            l->down_exps = add_tensor(m, X * E * Fe, PK_MAT_OUT, il);
            if (S) {
                l->gate_sh = add_tensor(m, S * E, PK_MAT, il);
                l->up_sh = add_tensor(m, S * E, PK_MAT, il);
                l->down_sh = add_tensor(m, E * S, PK_MAT_OUT, il);
            }
        }
    }
    m->output_norm = add_tensor(m, E, PK_NORM, -1);
    m->output = add_tensor(m, (size_t)c->n_vocab * E, PK_MAT, -1);
}

/* splitmix64 + Box-Muller: the initial weights depend on the seed only */
static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static double rng_normal(uint64_t *s)
{
    double u1 = ((rng_next(s) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
    double u2 = (rng_next(s) >> 11) * (1.0 / 9007199254740992.0);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static bool ws_alloc(struct train_model *m, struct train_ws *w)
{
    const struct train_config *c = &m->c;
    size_t T = (size_t)w->cap, E = c->n_embd, H = c->n_head, R = c->kv_lora_rank, nr = c->qk_rope;
    size_t dqk = c->qk_nope + nr, dkv = c->qk_nope + c->v_head, dv = c->v_head, L = c->n_ctx;
    size_t X = c->n_expert, K = c->n_expert_used, Fe = c->n_ff_exp, F = c->n_ff;
    size_t S = (size_t)c->n_expert_shared * Fe, V = c->n_vocab;
    size_t big = E;
    size_t cand[] = {H * dqk, R + nr, H * dkv, H * dv, F, K * Fe, S, K * E, X};
    for (size_t i = 0; i < sizeof cand / sizeof cand[0]; i++)
        big = cand[i] > big ? cand[i] : big;
    /* two passes: count, then carve */
    for (int pass = 0; pass < 2; pass++) {
        size_t used = 0;
#define CARVE(ptr, count)                                                                          \
    do {                                                                                           \
        size_t nb_ = ((size_t)(count)*4 + 63) & ~(size_t)63;                                       \
        if (pass) *(void **)&(ptr) = w->mem + used;                                                \
        used += nb_;                                                                               \
    } while (0)
        for (int il = 0; il < c->n_layer; il++) {
            struct train_lact *a = &w->la[il];
            CARVE(a->x_in, T * E);
            CARVE(a->rstd1, T);
            CARVE(a->xn1, T * E);
            CARVE(a->q, T * H * dqk);
            CARVE(a->kva, T * (R + nr));
            CARVE(a->rstdkv, T);
            CARVE(a->ckv, T * R);
            CARVE(a->kpe, T * nr);
            CARVE(a->kvb, T * H * dkv);
            CARVE(a->P, H * T * L);
            CARVE(a->o, T * H * dv);
            CARVE(a->xmid, T * E);
            CARVE(a->rstd2, T);
            CARVE(a->xn2, T * E);
            if (!is_moe(c, il)) {
                CARVE(a->g, T * F);
                CARVE(a->u, T * F);
                CARVE(a->h, T * F);
            } else {
                CARVE(a->probs, T * X);
                CARVE(a->w, T * K);
                CARVE(a->sel, T * K);
                CARVE(a->order, T * K);
                CARVE(a->eoff, X + 1);
                CARVE(a->eg, T * K * Fe);
                CARVE(a->eu, T * K * Fe);
                CARVE(a->eh, T * K * Fe);
                CARVE(a->ey, T * K * E);
                if (S) {
                    CARVE(a->sg, T * S);
                    CARVE(a->su, T * S);
                    CARVE(a->sh, T * S);
                }
            }
        }
        CARVE(w->xfin, T * E);
        CARVE(w->rstdf, T);
        CARVE(w->xf, T * E);
        CARVE(w->logits, T * V);
        CARVE(w->dlogits, T * V);
        CARVE(w->lpos, T);
        CARVE(w->ptok, T);
        CARVE(w->pseg, T);
        CARVE(w->ppos, T);
        CARVE(w->ploss, T);
        CARVE(w->dx, T * E);
        CARVE(w->dxn, T * E);
        CARVE(w->dq, T * H * dqk);
        CARVE(w->dkva, T * (R + nr));
        CARVE(w->dckv, T * R);
        CARVE(w->dkpe, T * nr);
        CARVE(w->dkvb, T * H * dkv);
        CARVE(w->do_, T * big);
        CARVE(w->buf1, T * big);
        CARVE(w->buf2, T * big);
        CARVE(w->buf3, T * big);
        CARVE(w->buf4, T * big);
        CARVE(w->buf5, T * big);
        CARVE(w->buf6, T * big);
        CARVE(w->load, (size_t)c->n_layer * X * 2);
#undef CARVE
        if (!pass) {
            w->mem = calloc(1, used);
            if (!w->mem) return false;
        }
    }
    return true;
}

struct train_model *train_model_new(const struct train_config *c, uint64_t seed, int n_threads,
                                    char *err, size_t errlen)
{
    if (c->n_vocab < 8 || c->n_embd < 8 || c->n_layer < 1 || c->n_head < 1 || c->qk_rope < 2 ||
        c->qk_rope % 2 || c->qk_rope > 256 || c->qk_nope < 1 || c->v_head < 1 ||
        c->kv_lora_rank < 1 || c->n_expert < 1 || c->n_expert_used < 1 ||
        c->n_expert_used > c->n_expert || c->n_ff_exp < 1 || c->n_ctx < 2 || c->n_ctx > 4096 ||
        c->n_layer_dense_lead < 0 || c->n_layer_dense_lead > c->n_layer ||
        (c->n_layer_dense_lead > 0 && c->n_ff < 1) || c->n_expert_shared < 0) {
        terr(err, errlen, "bad model configuration");
        return NULL;
    }
    if (n_threads < 1) n_threads = 1;
    struct train_model *m = calloc(1, sizeof *m);
    if (!m) goto nomem;
    m->c = *c;
    m->seed = seed;
    m->lw = calloc((size_t)c->n_layer, sizeof *m->lw);
    if (!m->lw) goto nomem;
    layout(m);
    m->tens = calloc((size_t)m->n_tens, sizeof *m->tens);
    if (!m->tens) goto nomem;
    layout(m);
    size_t n = m->n_params;
    m->p = malloc(n * sizeof(float));
    m->g = calloc(n, sizeof(float));
    m->m1 = calloc(n, sizeof(float));
    m->m2 = calloc(n, sizeof(float));
    m->bias = calloc((size_t)c->n_layer * c->n_expert, sizeof(float));
    if (!m->p || !m->g || !m->m1 || !m->m2 || !m->bias) goto nomem;
    uint64_t s = seed * 0x2545f4914f6cdd1dull + 1;
    float out_scale = 1.0f / sqrtf(2.0f * c->n_layer);
    for (int i = 0; i < m->n_tens; i++) {
        const struct train_tensor *t = &m->tens[i];
        for (size_t j = 0; j < t->n; j++) {
            float v;
            if (t->kind == PK_NORM)
                v = 1.0f;
            else
                v = (float)(0.02 * rng_normal(&s)) * (t->kind == PK_MAT_OUT ? out_scale : 1.0f);
            m->p[t->off + j] = v;
        }
    }
    m->nth = n_threads;
    if (n_threads > 1 && !(m->pool = kern_pool_new(n_threads))) {
        terr(err, errlen, "cannot start %d threads", n_threads);
        train_model_free(m);
        return NULL;
    }
    m->ws = calloc((size_t)n_threads, sizeof *m->ws);
    if (!m->ws) goto nomem;
    for (int i = 0; i < n_threads; i++) {
        m->ws[i].la = calloc((size_t)c->n_layer, sizeof *m->ws[i].la);
        m->ws[i].cap = c->n_ctx > TRAIN_PACK ? c->n_ctx : TRAIN_PACK;
        if (!m->ws[i].la || !ws_alloc(m, &m->ws[i])) goto nomem;
        if (i > 0 && !(m->ws[i].grad = malloc(n * sizeof(float)))) goto nomem;
    }
    m->ws[0].grad = m->g;
    return m;
nomem:
    terr(err, errlen, "out of memory for the model");
    train_model_free(m);
    return NULL;
}

void train_model_free(struct train_model *m)
{
    if (!m) return;
    if (m->gpu) m->gops->destroy(m->gpu);
    for (int i = 0; m->ws && i < m->nth; i++) {
        free(m->ws[i].la);
        free(m->ws[i].mem);
        if (i > 0) free(m->ws[i].grad);
    }
    free(m->ws);
    kern_pool_free(m->pool);
    free(m->p), free(m->g), free(m->m1), free(m->m2), free(m->bias);
    free(m->lw), free(m->tens);
    free(m->avg_sum);
    free(m);
}

/* the snapshot sum's length: every weight and every balance bias */
static size_t avg_len(const struct train_model *m)
{
    return m->n_params + (size_t)m->c.n_layer * m->c.n_expert;
}

int train_model_average_add(struct train_model *m)
{
    size_t n = avg_len(m), np = m->n_params;
    if (!m->avg_sum && !(m->avg_sum = calloc(n, sizeof *m->avg_sum))) return HUB_ERR_NOMEM;
    const float *p = train_model_params(m); /* fetched from the GPU when it trains there */
    for (size_t i = 0; i < np; i++)
        m->avg_sum[i] += p[i];
    for (size_t i = np; i < n; i++)
        m->avg_sum[i] += m->bias[i - np];
    m->n_avg++;
    return HUB_OK;
}

long train_model_average_count(const struct train_model *m) { return m->n_avg; }

void train_model_average_apply(struct train_model *m)
{
    if (!m->n_avg) return;
    size_t n = avg_len(m), np = m->n_params;
    train_model_params(m); /* the host copy is the one replaced */
    for (size_t i = 0; i < np; i++)
        m->p[i] = (float)(m->avg_sum[i] / (double)m->n_avg);
    for (size_t i = np; i < n; i++)
        m->bias[i - np] = (float)(m->avg_sum[i] / (double)m->n_avg);
}

/* the GPU's weights and moments back into the host arrays, when they changed there */
static int gpu_fetch(struct train_model *m)
{
    if (!m->gpu || !m->host_stale) return HUB_OK;
    int rc = m->gops->download(m->gpu, m->p, m->m1, m->m2, NULL);
    if (rc)
        hub_error("train", "fetching the weights from the GPU: %s", m->gops->error(m->gpu));
    else
        m->host_stale = false;
    return rc;
}

const struct train_config *train_model_config(const struct train_model *m)
{
    return &m->c;
}
size_t train_model_n_params(const struct train_model *m)
{
    return m->n_params;
}
size_t train_model_n_active(const struct train_model *m)
{
    const struct train_config *c = &m->c;
    size_t routed = (size_t)3 * c->n_embd * c->n_ff_exp;
    int n_moe = c->n_layer - c->n_layer_dense_lead;
    return m->n_params - (size_t)n_moe * routed * (c->n_expert - c->n_expert_used) -
           (size_t)c->n_vocab * c->n_embd; /* the embedding is a lookup */
}
float *train_model_params(struct train_model *m)
{
    gpu_fetch(m);
    return m->p;
}
float *train_model_grads(struct train_model *m)
{
    if (m->gpu && m->gops->download(m->gpu, NULL, NULL, NULL, m->g))
        hub_error("train", "fetching the gradient from the GPU: %s", m->gops->error(m->gpu));
    return m->g;
}
long train_model_tensor(const struct train_model *m, int i, size_t *n, int *layer)
{
    if (i < 0 || i >= m->n_tens) return -1;
    *n = m->tens[i].n;
    *layer = m->tens[i].layer;
    return (long)m->tens[i].off;
}

void train_model_set_house_hint(struct train_model *m, bool on) { m->house_hint = on; }

float *train_model_expert_bias(struct train_model *m, int layer)
{
    if (layer < 0 || layer >= m->c.n_layer || !is_moe(&m->c, layer)) return NULL;
    return m->bias + (size_t)layer * m->c.n_expert;
}

/* ---------------------------------------------------------------------------------------- */
/* forward and backward of one sequence                                                     */

static float f16_round(float x)
{
    return kern_fp16_to_f32(kern_f32_to_fp16(x));
}

/* SwiGLU FFN forward: g,u [T][F] = x W_g^T, x W_u^T; h = silu(g) u; y [T][E] = h W_d^T */
static void ffn_fwd(float *y, float *g, float *u, float *h, const float *x, const float *Wg,
                    const float *Wu, const float *Wd, int T, int E, int F)
{
    train_mm_fwd(g, x, Wg, T, E, F);
    train_mm_fwd(u, x, Wu, T, E, F);
    kern_swiglu(h, g, u, (int64_t)T * F);
    train_mm_fwd(y, h, Wd, T, F, E);
}

/* backward: dy [T][E] -> dx [T][E] (+=) and weight grads; t1,t2,t3 scratch [T][F] */
static void ffn_bwd(float *dx, float *dWg, float *dWu, float *dWd, const float *dy, const float *g,
                    const float *u, const float *h, const float *x, const float *Wg,
                    const float *Wu, const float *Wd, int T, int E, int F, float *t1, float *t2,
                    float *t3)
{
    memset(t1, 0, (size_t)T * F * sizeof(float));
    train_mm_bwd(t1, dWd, dy, h, Wd, T, F, E); /* t1 = dh */
    train_swiglu_bwd(t2, t3, t1, g, u, T * F); /* t2 = dg, t3 = du */
    train_mm_bwd(dx, dWg, t2, x, Wg, T, E, F);
    train_mm_bwd(dx, dWu, t3, x, Wu, T, E, F);
}

/* top-k of v [n] by value, lower index first on ties */
static void topk(const float *v, int n, int k, int32_t *out)
{
    for (int i = 0; i < k; i++) {
        int best = -1;
        for (int e = 0; e < n; e++) {
            bool used = false;
            for (int j = 0; j < i; j++)
                used |= out[j] == e;
            if (used) continue;
            if (best < 0 || v[e] > v[best]) best = e;
        }
        out[i] = best;
    }
}

/* MoE forward of layer il: x = xn2 [T][E] -> y [T][E] */
static void moe_fwd(struct train_model *m, struct train_ws *w, int il, int T, float *y,
                    float aux_scale)
{
    const struct train_config *c = &m->c;
    const struct train_lw *l = &m->lw[il];
    struct train_lact *a = &w->la[il];
    int E = c->n_embd, X = c->n_expert, K = c->n_expert_used, Fe = c->n_ff_exp;
    int S = c->n_expert_shared * Fe;
    const float *P = m->p, *bias = m->bias + (size_t)il * X;
    /* router: probs [T][X] = softmax(x W_r^T) */
    train_mm_fwd(a->probs, a->xn2, P + l->gate_inp, T, E, X);
    for (int t = 0; t < T; t++) {
        float *pr = a->probs + (size_t)t * X, selp[512];
        kern_softmax(pr, X);
        for (int e = 0; e < X; e++)
            selp[e] = pr[e] + bias[e];
        topk(selp, X, K, a->sel + (size_t)t * K);
        for (int k = 0; k < K; k++)
            a->w[(size_t)t * K + k] = pr[a->sel[(size_t)t * K + k]];
    }
    /* group the (token, slot) pairs by expert */
    int n = 0;
    for (int e = 0; e < X; e++) {
        a->eoff[e] = n;
        for (int i = 0; i < T * K; i++)
            if (a->sel[i] == e) a->order[n++] = i;
    }
    a->eoff[X] = n;
    /* the balance loss of this pack (its gradient: moe_bwd): aux_scale * sum_e f_e Pbar_e */
    if (aux_scale != 0) {
        double aux = 0;
        for (int e = 0; e < X; e++) {
            float f = (float)X / ((float)K * T) * (float)(a->eoff[e + 1] - a->eoff[e]);
            double pbar = 0;
            for (int t = 0; t < T; t++)
                pbar += a->probs[(size_t)t * X + e];
            aux += f * pbar / T;
        }
        w->aux += aux_scale * aux;
    }
    memset(y, 0, (size_t)T * E * sizeof(float));
    float *xg = w->buf1;
    for (int e = 0; e < X; e++) {
        int n0 = a->eoff[e], ne = a->eoff[e + 1] - n0;
        w->load[(size_t)il * X + e] += ne;
        if (!ne) continue;
        for (int i = 0; i < ne; i++)
            memcpy(xg + (size_t)i * E, a->xn2 + (size_t)(a->order[n0 + i] / K) * E, (size_t)E * 4);
        size_t mat = (size_t)Fe * E;
        ffn_fwd(a->ey + (size_t)n0 * E, a->eg + (size_t)n0 * Fe, a->eu + (size_t)n0 * Fe,
                a->eh + (size_t)n0 * Fe, xg, P + l->gate_exps + e * mat, P + l->up_exps + e * mat,
                P + l->down_exps + e * mat, ne, E, Fe);
    }
    /* y[t] = sum over slots in expert order (the engine adds experts in slot order: same
     * values up to float addition order) */
    for (int t = 0; t < T; t++) {
        for (int k = 0; k < K; k++) {
            int slot = t * K + k;
            /* find the slot's grouped row */
            int e = a->sel[slot], r = -1;
            for (int i = a->eoff[e]; i < a->eoff[e + 1]; i++)
                if (a->order[i] == slot) r = i;
            kern_scale_add(y + (size_t)t * E, a->ey + (size_t)r * E, a->w[slot], E);
        }
    }
    if (S) {
        float *ys = w->buf2;
        ffn_fwd(ys, a->sg, a->su, a->sh, a->xn2, P + l->gate_sh, P + l->up_sh, P + l->down_sh, T, E,
                S);
        kern_add(y, y, ys, (int64_t)T * E);
    }
}

/* MoE backward: dy [T][E] -> w->dxn (+=) and gradients; aux-loss gradient on the probs */
static void moe_bwd(struct train_model *m, struct train_ws *w, int il, int T, const float *dy,
                    float *G, float aux_scale)
{
    const struct train_config *c = &m->c;
    const struct train_lw *l = &m->lw[il];
    struct train_lact *a = &w->la[il];
    int E = c->n_embd, X = c->n_expert, K = c->n_expert_used, Fe = c->n_ff_exp;
    int S = c->n_expert_shared * Fe;
    const float *P = m->p;
    float *dprobs = w->buf6; /* [T][X] */
    memset(dprobs, 0, (size_t)T * X * sizeof(float));
    if (S)
        ffn_bwd(w->dxn, G + l->gate_sh, G + l->up_sh, G + l->down_sh, dy, a->sg, a->su, a->sh,
                a->xn2, P + l->gate_sh, P + l->up_sh, P + l->down_sh, T, E, S, w->buf3, w->buf4,
                w->buf5);
    float *xg = w->buf1, *dyg = w->buf2, *dxg = w->do_;
    size_t mat = (size_t)Fe * E;
    for (int e = 0; e < X; e++) {
        int n0 = a->eoff[e], ne = a->eoff[e + 1] - n0;
        if (!ne) continue;
        for (int i = 0; i < ne; i++) {
            int slot = a->order[n0 + i], t = slot / K;
            memcpy(xg + (size_t)i * E, a->xn2 + (size_t)t * E, (size_t)E * 4);
            const float *dyt = dy + (size_t)t * E;
            /* d weight = dy . expert output; d expert output = weight * dy */
            dprobs[(size_t)t * X + e] += kern_dot_f32(dyt, a->ey + (size_t)(n0 + i) * E, E);
            for (int j = 0; j < E; j++)
                dyg[(size_t)i * E + j] = a->w[slot] * dyt[j];
        }
        memset(dxg, 0, (size_t)ne * E * sizeof(float));
        ffn_bwd(dxg, G + l->gate_exps + e * mat, G + l->up_exps + e * mat,
                G + l->down_exps + e * mat, dyg, a->eg + (size_t)n0 * Fe, a->eu + (size_t)n0 * Fe,
                a->eh + (size_t)n0 * Fe, xg, P + l->gate_exps + e * mat, P + l->up_exps + e * mat,
                P + l->down_exps + e * mat, ne, E, Fe, w->buf3, w->buf4, w->buf5);
        for (int i = 0; i < ne; i++)
            kern_add(w->dxn + (size_t)(a->order[n0 + i] / K) * E,
                     w->dxn + (size_t)(a->order[n0 + i] / K) * E, dxg + (size_t)i * E, E);
    }
    /* sequence-wise balance loss: alpha * sum_e f_e Pbar_e, f_e = X/(K T) * count_e,
     * Pbar_e = mean_t probs[t][e]; its gradient on probs[t][e] is alpha f_e / T */
    if (aux_scale != 0) {
        for (int e = 0; e < X; e++) {
            float f = (float)X / ((float)K * T) * (float)(a->eoff[e + 1] - a->eoff[e]);
            for (int t = 0; t < T; t++)
                dprobs[(size_t)t * X + e] += aux_scale * f / T;
        }
    }
    /* softmax backward: dlogit = p (dp - sum p dp) */
    float *dlog = w->buf3;
    for (int t = 0; t < T; t++) {
        const float *p = a->probs + (size_t)t * X;
        float *dp = dprobs + (size_t)t * X;
        double s = 0;
        for (int e = 0; e < X; e++)
            s += (double)p[e] * dp[e];
        for (int e = 0; e < X; e++)
            dlog[(size_t)t * X + e] = p[e] * (dp[e] - (float)s);
    }
    train_mm_bwd(w->dxn, G + l->gate_inp, dlog, a->xn2, P + l->gate_inp, T, E, X);
}

/* Forward (and backward when G) of one sequence. loss_scale multiplies the cross-entropy
 * gradient (1 / loss tokens of the batch); logits_all, when set, gets every position's logits. */
static void seq_run(struct train_model *m, struct train_ws *w, const struct train_seq *sq,
                    const int32_t *seg, const int32_t *pos, float *G, float loss_scale,
                    float aux_scale, float *logits_all)
{
    const struct train_config *c = &m->c;
    int T = sq->n, L = c->n_ctx, E = c->n_embd, H = c->n_head, R = c->kv_lora_rank, nr = c->qk_rope;
    int dn = c->qk_nope, dv = c->v_head, dqk = dn + nr, dkv = dn + dv, V = c->n_vocab;
    int F = c->n_ff;
    const float *P = m->p;
    float scale = 1.0f / sqrtf((float)dqk);
    float *x = w->dx; /* the residual stream during the forward pass */
    for (int t = 0; t < T; t++)
        memcpy(x + (size_t)t * E, P + m->tok_embd + (size_t)sq->tok[t] * E, (size_t)E * 4);
    for (int il = 0; il < c->n_layer; il++) {
        const struct train_lw *l = &m->lw[il];
        struct train_lact *a = &w->la[il];
        memcpy(a->x_in, x, (size_t)T * E * 4);
        train_rmsnorm_fwd(a->xn1, a->rstd1, x, P + l->attn_norm, T, E, c->rms_eps);
        train_mm_fwd(a->q, a->xn1, P + l->wq, T, E, H * dqk);     /* q [T][H][dqk] */
        train_mm_fwd(a->kva, a->xn1, P + l->wkv_a, T, E, R + nr); /* [T][R + nr] */
        for (int t = 0; t < T; t++) {
            const float *kr = a->kva + (size_t)t * (R + nr);
            train_rmsnorm_fwd(a->ckv + (size_t)t * R, a->rstdkv + t, kr, P + l->kv_a_norm, 1, R,
                              c->rms_eps);
            memcpy(a->kpe + (size_t)t * nr, kr + R, (size_t)nr * 4);
        }
        train_rope(a->q + dn, T, H, dqk, nr, c->rope_base, false, pos);
        train_rope(a->kpe, T, 1, nr, nr, c->rope_base, false, pos);
        if (c->round_kv) {
            for (int i = 0; i < T * R; i++)
                a->ckv[i] = f16_round(a->ckv[i]);
            for (int i = 0; i < T * nr; i++)
                a->kpe[i] = f16_round(a->kpe[i]);
        }
        train_mm_fwd(a->kvb, a->ckv, P + l->wkv_b, T, R, H * dkv); /* [T][H][dn + dv] */
        train_attn_fwd(a->o, a->P, a->q, a->kvb, a->kpe, T, H, dn, nr, dv, scale, seg, L);
        float *tmp = w->buf1;
        train_mm_fwd(tmp, a->o, P + l->wo, T, H * dv, E);
        kern_add(x, x, tmp, (int64_t)T * E);
        memcpy(a->xmid, x, (size_t)T * E * 4);
        train_rmsnorm_fwd(a->xn2, a->rstd2, x, P + l->ffn_norm, T, E, c->rms_eps);
        float *y = w->buf5;
        if (!is_moe(c, il))
            ffn_fwd(y, a->g, a->u, a->h, a->xn2, P + l->ffn_gate, P + l->ffn_up, P + l->ffn_down, T,
                    E, F);
        else
            moe_fwd(m, w, il, T, y, aux_scale);
        kern_add(x, x, y, (int64_t)T * E);
    }
    memcpy(w->xfin, x, (size_t)T * E * 4);
    train_rmsnorm_fwd(w->xf, w->rstdf, x, P + m->output_norm, T, E, c->rms_eps);
    if (logits_all) {
        train_mm_fwd(logits_all, w->xf, P + m->output, T, E, V);
        return;
    }
    /* logits only where there is a loss: rows of xf gathered */
    int nl = 0;
    for (int t = 0; t + 1 < T; t++)
        if (sq->loss[t]) w->lpos[nl++] = t;
    w->n_tok += T;
    w->n_loss += nl;
    float *xg = w->buf1;
    for (int i = 0; i < nl; i++)
        memcpy(xg + (size_t)i * E, w->xf + (size_t)w->lpos[i] * E, (size_t)E * 4);
    train_mm_fwd(w->logits, xg, P + m->output, nl, E, V);
    for (int i = 0; i < nl; i++)
        w->loss += train_xent(G ? w->dlogits + (size_t)i * V : NULL, w->logits + (size_t)i * V, V,
                              sq->tok[w->lpos[i] + 1], loss_scale);
    if (!G) return;

    /* ---- backward ---- */
    float *dxg = w->buf2;
    memset(dxg, 0, (size_t)nl * E * 4);
    train_mm_bwd(dxg, G + m->output, w->dlogits, xg, P + m->output, nl, E, V);
    float *dxf = w->dxn;
    memset(dxf, 0, (size_t)T * E * 4);
    for (int i = 0; i < nl; i++)
        memcpy(dxf + (size_t)w->lpos[i] * E, dxg + (size_t)i * E, (size_t)E * 4);
    float *dx = w->do_; /* d residual [T][E] */
    memset(dx, 0, (size_t)T * E * 4);
    train_rmsnorm_bwd(dx, G + m->output_norm, dxf, w->xfin, w->rstdf, P + m->output_norm, T, E);
    float *dres = w->dx; /* the forward's residual buffer, free now */
    memcpy(dres, dx, (size_t)T * E * 4);
    for (int il = c->n_layer - 1; il >= 0; il--) {
        const struct train_lw *l = &m->lw[il];
        struct train_lact *a = &w->la[il];
        /* FFN: x_out = xmid + ffn(rmsnorm(xmid)) */
        memset(w->dxn, 0, (size_t)T * E * 4);
        if (!is_moe(c, il))
            ffn_bwd(w->dxn, G + l->ffn_gate, G + l->ffn_up, G + l->ffn_down, dres, a->g, a->u, a->h,
                    a->xn2, P + l->ffn_gate, P + l->ffn_up, P + l->ffn_down, T, E, F, w->buf3,
                    w->buf4, w->buf5);
        else
            moe_bwd(m, w, il, T, dres, G, aux_scale);
        train_rmsnorm_bwd(dres, G + l->ffn_norm, w->dxn, a->xmid, a->rstd2, P + l->ffn_norm, T, E);
        /* attention: xmid = x_in + wo(attn(...)) */
        float *dof = w->buf1; /* d o [T][H*dv] */
        memset(dof, 0, (size_t)T * H * dv * 4);
        train_mm_bwd(dof, G + l->wo, dres, a->o, P + l->wo, T, H * dv, E);
        memset(w->dq, 0, (size_t)T * H * dqk * 4);
        memset(w->dkvb, 0, (size_t)T * H * dkv * 4);
        memset(w->dkpe, 0, (size_t)T * nr * 4);
        train_attn_bwd(w->dq, w->dkvb, w->dkpe, dof, a->P, a->q, a->kvb, a->kpe, T, H, dn, nr, dv,
                       scale, seg, L);
        memset(w->dckv, 0, (size_t)T * R * 4);
        train_mm_bwd(w->dckv, G + l->wkv_b, w->dkvb, a->ckv, P + l->wkv_b, T, R, H * dkv);
        /* rounding passes the gradient straight through; rope backward rotates back */
        train_rope(w->dq + dn, T, H, dqk, nr, c->rope_base, true, pos);
        train_rope(w->dkpe, T, 1, nr, nr, c->rope_base, true, pos);
        memset(w->dkva, 0, (size_t)T * (R + nr) * 4);
        for (int t = 0; t < T; t++) {
            train_rmsnorm_bwd(w->dkva + (size_t)t * (R + nr), G + l->kv_a_norm,
                              w->dckv + (size_t)t * R, a->kva + (size_t)t * (R + nr), a->rstdkv + t,
                              P + l->kv_a_norm, 1, R);
            memcpy(w->dkva + (size_t)t * (R + nr) + R, w->dkpe + (size_t)t * nr, (size_t)nr * 4);
        }
        memset(w->dxn, 0, (size_t)T * E * 4);
        train_mm_bwd(w->dxn, G + l->wq, w->dq, a->xn1, P + l->wq, T, E, H * dqk);
        train_mm_bwd(w->dxn, G + l->wkv_a, w->dkva, a->xn1, P + l->wkv_a, T, E, R + nr);
        train_rmsnorm_bwd(dres, G + l->attn_norm, w->dxn, a->x_in, a->rstd1, P + l->attn_norm, T,
                          E);
    }
    for (int t = 0; t < T; t++) {
        float *ge = G + m->tok_embd + (size_t)sq->tok[t] * E;
        kern_add(ge, ge, dres + (size_t)t * E, E);
    }
}

static void grad_job(void *arg, int ith, int nth)
{
    struct train_model *m = arg;
    struct train_ws *w = &m->ws[ith];
    if (!m->job_nograd) memset(w->grad, 0, m->n_params * sizeof(float));
    w->loss = w->aux = 0;
    w->n_loss = w->n_tok = 0;
    memset(w->load, 0, (size_t)m->c.n_layer * m->c.n_expert * sizeof(long));
    float aux_scale = m->job_opts ? m->job_opts->aux_alpha / (float)m->job_n : 0;
    /* this thread's sequences (i = ith mod nth), packed in order */
    int T = 0, nseq = 0;
    for (int i = ith; i < m->job_n + nth; i += nth) {
        const struct train_seq *sq = i < m->job_n ? &m->job_seqs[i] : NULL;
        if (T && (!sq || T + sq->n > w->cap)) {
            struct train_seq pk = {w->ptok, w->ploss, T};
            seq_run(m, w, &pk, w->pseg, w->ppos, m->job_nograd ? NULL : w->grad, m->job_scale,
                    aux_scale * nseq, NULL);
            T = nseq = 0;
        }
        if (!sq) break;
        for (int t = 0; t < sq->n; t++) {
            w->ptok[T + t] = sq->tok[t];
            /* the last token of a sequence predicts nothing */
            w->ploss[T + t] = t + 1 < sq->n && sq->loss[t];
            w->pseg[T + t] = T;
            w->ppos[T + t] = t;
        }
        T += sq->n;
        nseq++;
    }
}

static void reduce_job(void *arg, int ith, int nth)
{
    struct train_model *m = arg;
    size_t n = m->n_params, per = (n + nth - 1) / nth, a = per * ith, b = a + per < n ? a + per : n;
    for (int t = 1; t < m->nth; t++)
        if (a < b) kern_add(m->g + a, m->g + a, m->ws[t].grad + a, (int64_t)(b - a));
}

/* run_batch on the GPU: the batch's sequences back to back in grad_job's packs (thread ith's
 * packs after thread ith - 1's), so that the balance loss, computed per pack, is the CPU's for
 * the same thread count. */
static int gpu_batch(struct train_model *m, const struct train_seq *seqs, int n, long n_loss,
                     const struct train_opts *o, struct train_stats *st, bool nograd)
{
    int T = 0;
    for (int i = 0; i < n; i++)
        T += seqs[i].n;
    int32_t *tok = malloc((size_t)T * 3 * sizeof *tok), *seg = tok + T, *pos = seg + T;
    uint8_t *loss = malloc((size_t)T);
    int32_t *pack_start = malloc(((size_t)n + 1) * sizeof *pack_start);
    float *pack_aux = malloc((size_t)n * sizeof *pack_aux);
    long *load = calloc((size_t)m->c.n_layer * m->c.n_expert, sizeof *load);
    int rc = HUB_ERR_NOMEM;
    if (!tok || !loss || !pack_start || !pack_aux || !load) goto done;
    float aux_scale = o ? o->aux_alpha / (float)n : 0;
    int nth = m->nth, cap = m->ws[0].cap, np = 0, t = 0, pt = 0, nseq = 0;
    for (int ith = 0; ith < nth; ith++) {
        for (int i = ith; i < n + nth; i += nth) {
            const struct train_seq *sq = i < n ? &seqs[i] : NULL;
            if (t > pt && (!sq || t - pt + sq->n > cap)) {
                pack_start[np] = pt;
                pack_aux[np++] = aux_scale * nseq;
                pt = t, nseq = 0;
            }
            if (!sq) break;
            for (int k = 0; k < sq->n; k++) {
                tok[t + k] = sq->tok[k];
                loss[t + k] = k + 1 < sq->n && sq->loss[k];
                seg[t + k] = t;
                pos[t + k] = k;
            }
            t += sq->n;
            nseq++;
        }
    }
    pack_start[np] = t;
    struct hub_train_gpu_batch b = {
        .n_tok = T, .tok = tok, .seg = seg, .pos = pos, .loss = loss,
        .n_pack = np, .pack_start = pack_start, .pack_aux_scale = pack_aux,
        .loss_scale = n_loss ? 1.0f / (float)n_loss : 0.0f,
        .expert_bias = m->bias, .want_grad = !nograd,
    };
    struct hub_train_gpu_result r = {.expert_load = load};
    rc = m->gops->batch(m->gpu, &b, &r);
    if (rc) {
        hub_error("train", "GPU batch: %s", m->gops->error(m->gpu));
        goto done;
    }
    if (st) {
        st->loss = r.n_loss ? r.loss / r.n_loss : 0;
        st->aux = r.aux;
        st->n_loss = r.n_loss, st->n_tok = T;
        if (st->expert_load)
            memcpy(st->expert_load, load, (size_t)m->c.n_layer * m->c.n_expert * sizeof *load);
    }
done:
    free(tok), free(loss), free(pack_start), free(pack_aux), free(load);
    return rc;
}

static int run_batch(struct train_model *m, const struct train_seq *seqs, int n,
                     const struct train_opts *o, struct train_stats *st, bool nograd)
{
    long nl = 0;
    for (int i = 0; i < n; i++) {
        if (seqs[i].n < 2 || seqs[i].n > m->c.n_ctx) return HUB_ERR_RANGE;
        for (int t = 0; t < seqs[i].n; t++)
            if (seqs[i].tok[t] < 0 || seqs[i].tok[t] >= m->c.n_vocab) return HUB_ERR_RANGE;
        for (int t = 0; t + 1 < seqs[i].n; t++)
            nl += seqs[i].loss[t] != 0;
    }
    if (m->gpu) return gpu_batch(m, seqs, n, nl, o, st, nograd);
    m->job_seqs = seqs;
    m->job_n = n;
    m->job_opts = o;
    m->job_scale = nl ? 1.0f / (float)nl : 0.0f;
    m->job_nograd = nograd;
    if (m->pool)
        kern_pool_run(m->pool, grad_job, m);
    else
        grad_job(m, 0, 1);
    if (m->pool && !nograd) kern_pool_run(m->pool, reduce_job, m);
    if (st) {
        double loss = 0, aux = 0;
        long nlo = 0, nt = 0;
        for (int t = 0; t < m->nth; t++) {
            loss += m->ws[t].loss, aux += m->ws[t].aux;
            nlo += m->ws[t].n_loss, nt += m->ws[t].n_tok;
        }
        st->loss = nlo ? loss / nlo : 0;
        st->aux = aux;
        st->n_loss = nlo, st->n_tok = nt;
        if (st->expert_load) {
            size_t nx = (size_t)m->c.n_layer * m->c.n_expert;
            for (size_t i = 0; i < nx; i++) {
                st->expert_load[i] = 0;
                for (int t = 0; t < m->nth; t++)
                    st->expert_load[i] += m->ws[t].load[i];
            }
        }
    }
    return HUB_OK;
}

int train_model_grad(struct train_model *m, const struct train_seq *seqs, int n,
                     const struct train_opts *o, struct train_stats *st)
{
    return run_batch(m, seqs, n, o, st, false);
}

int train_model_eval(struct train_model *m, const struct train_seq *seqs, int n,
                     const struct train_opts *o, struct train_stats *st)
{
    return run_batch(m, seqs, n, o, st, true);
}

int train_model_logits(struct train_model *m, const int32_t *tok, int n, float *logits)
{
    if (n < 1 || n > m->c.n_ctx) return HUB_ERR_RANGE;
    for (int t = 0; t < n; t++)
        if (tok[t] < 0 || tok[t] >= m->c.n_vocab) return HUB_ERR_RANGE;
    struct train_seq sq = {tok, NULL, n};
    int rc = gpu_fetch(m); /* the forward alone runs on the CPU, on the GPU's weights */
    if (rc) return rc;
    seq_run(m, &m->ws[0], &sq, NULL, NULL, NULL, 0, 0, logits);
    return HUB_OK;
}

float train_lr_at(const struct train_opts *o, long step)
{
    if (step < o->warmup) return o->lr * (float)(step + 1) / (float)o->warmup;
    double prog = o->steps > o->warmup ? (double)(step - o->warmup) / (o->steps - o->warmup) : 1;
    if (prog > 1) prog = 1;
    double mn = o->lr * o->lr_min_ratio;
    return (float)(mn + 0.5 * (o->lr - mn) * (1 + cos(3.141592653589793 * prog)));
}

/* the optimizer's pool jobs: a thread's share of the flat arrays */
struct upd_job {
    struct train_model *m;
    const struct train_opts *o;
    double ss[64];
    float clip, lr, b1c, b2c;
};

static void upd_range(const struct train_model *m, int ith, int nth, size_t *a, size_t *b)
{
    size_t per = (m->n_params + nth - 1) / nth;
    *a = per * ith;
    *b = *a + per < m->n_params ? *a + per : m->n_params;
    if (*a > *b) *a = *b;
}

#ifdef TRAIN_X86
/* sum of g[i]^2 in double, 8 lanes (the order of the sum is fixed by n alone) */
KERN_AVX2 static double sumsq_avx2(const float *g, size_t n)
{
    __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256d a = _mm256_cvtps_pd(_mm_loadu_ps(g + i)), b = _mm256_cvtps_pd(_mm_loadu_ps(g + i + 4));
        s0 = _mm256_fmadd_pd(a, a, s0);
        s1 = _mm256_fmadd_pd(b, b, s1);
    }
    double l[4];
    _mm256_storeu_pd(l, _mm256_add_pd(s0, s1));
    double ss = (l[0] + l[1]) + (l[2] + l[3]);
    for (; i < n; i++)
        ss += (double)g[i] * g[i];
    return ss;
}
#endif

static void sumsq_job(void *arg, int ith, int nth)
{
    struct upd_job *u = arg;
    size_t a, b;
    upd_range(u->m, ith, nth, &a, &b);
    double ss = 0;
#ifdef TRAIN_X86
    if (train_avx2()) {
        u->ss[ith] = sumsq_avx2(u->m->g + a, b - a);
        return;
    }
#endif
    for (size_t i = a; i < b; i++)
        ss += (double)u->m->g[i] * u->m->g[i];
    u->ss[ith] = ss;
}

/* one AdamW step of p, m1, m2 [n] with the gradient g * clip */
struct adamw_k {
    float clip, lr, b1c, b2c, beta1, beta2, eps, wd;
};

#ifdef TRAIN_X86
/* the scalar loop's operations in its order, 8 elements at a time; the target has no FMA, so
 * no product and sum are fused and the bits are the scalar loop's. Returns how many it did. */
__attribute__((target("avx2"))) static size_t adamw_avx2(float *p, float *m1, float *m2,
                                                         const float *g, size_t n,
                                                         const struct adamw_k *k)
{
    const __m256 clip = _mm256_set1_ps(k->clip), lr = _mm256_set1_ps(k->lr);
    const __m256 b1 = _mm256_set1_ps(k->beta1), nb1 = _mm256_set1_ps(1 - k->beta1);
    const __m256 b2 = _mm256_set1_ps(k->beta2), nb2 = _mm256_set1_ps(1 - k->beta2);
    const __m256 b1c = _mm256_set1_ps(k->b1c), b2c = _mm256_set1_ps(k->b2c);
    const __m256 eps = _mm256_set1_ps(k->eps), wd = _mm256_set1_ps(k->wd);
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        __m256 gv = _mm256_mul_ps(_mm256_loadu_ps(g + j), clip);
        __m256 v1 = _mm256_add_ps(_mm256_mul_ps(b1, _mm256_loadu_ps(m1 + j)), _mm256_mul_ps(nb1, gv));
        __m256 v2 = _mm256_add_ps(_mm256_mul_ps(b2, _mm256_loadu_ps(m2 + j)),
                                  _mm256_mul_ps(_mm256_mul_ps(nb2, gv), gv));
        _mm256_storeu_ps(m1 + j, v1);
        _mm256_storeu_ps(m2 + j, v2);
        __m256 mh = _mm256_div_ps(v1, b1c), vh = _mm256_div_ps(v2, b2c);
        __m256 pv = _mm256_loadu_ps(p + j);
        __m256 up = _mm256_add_ps(_mm256_div_ps(mh, _mm256_add_ps(_mm256_sqrt_ps(vh), eps)),
                                  _mm256_mul_ps(wd, pv));
        _mm256_storeu_ps(p + j, _mm256_sub_ps(pv, _mm256_mul_ps(lr, up)));
    }
    return j;
}
#endif

static void adamw_run(float *p, float *m1, float *m2, const float *g, size_t n,
                      const struct adamw_k *k)
{
    size_t j = 0;
#ifdef TRAIN_X86
    if (train_avx2()) j = adamw_avx2(p, m1, m2, g, n, k);
#endif
    for (; j < n; j++) {
        float gj = g[j] * k->clip;
        m1[j] = k->beta1 * m1[j] + (1 - k->beta1) * gj;
        m2[j] = k->beta2 * m2[j] + (1 - k->beta2) * gj * gj;
        float mh = m1[j] / k->b1c, vh = m2[j] / k->b2c;
        p[j] -= k->lr * (mh / (sqrtf(vh) + k->eps) + k->wd * p[j]);
    }
}

static void adamw_job(void *arg, int ith, int nth)
{
    struct upd_job *u = arg;
    struct train_model *m = u->m;
    const struct train_opts *o = u->o;
    size_t a, b;
    upd_range(m, ith, nth, &a, &b);
    struct adamw_k k = {u->clip, u->lr, u->b1c, u->b2c, o->beta1, o->beta2, o->adam_eps, 0};
    for (int ti = 0; ti < m->n_tens; ti++) {
        const struct train_tensor *t = &m->tens[ti];
        k.wd = t->kind == PK_NORM ? 0.0f : o->weight_decay;
        size_t j0 = t->off > a ? t->off : a, j1 = t->off + t->n < b ? t->off + t->n : b;
        if (j0 < j1) adamw_run(m->p + j0, m->m1 + j0, m->m2 + j0, m->g + j0, j1 - j0, &k);
    }
}

double train_model_update(struct train_model *m, const struct train_opts *o, long step,
                          const long *expert_load)
{
    struct upd_job u = {.m = m, .o = o};
    int nth = m->pool ? kern_pool_threads(m->pool) : 1;
    HUB_ASSERT(nth <= 64);
    double ss = 0;
    if (m->gpu) {
        if (m->gops->grad_sumsq(m->gpu, &ss)) {
            hub_error("train", "GPU gradient norm: %s", m->gops->error(m->gpu));
            return NAN; /* the caller stops on a norm that is not finite */
        }
    } else {
        if (m->pool)
            kern_pool_run(m->pool, sumsq_job, &u);
        else
            sumsq_job(&u, 0, 1);
        for (int i = 0; i < nth; i++)
            ss += u.ss[i]; /* in thread order: deterministic */
    }
    double norm = sqrt(ss);
    u.clip = o->clip > 0 && norm > o->clip ? (float)(o->clip / norm) : 1.0f;
    u.lr = train_lr_at(o, step);
    u.b1c = (float)(1 - pow(o->beta1, (double)step + 1));
    u.b2c = (float)(1 - pow(o->beta2, (double)step + 1));
    if (m->gpu) {
        struct hub_train_gpu_adamw k = {u.clip,     u.lr,      u.b1c,         u.b2c,
                                        o->beta1,   o->beta2,  o->adam_eps,   o->weight_decay};
        m->host_stale = true;
        if (m->gops->adamw(m->gpu, &k)) {
            hub_error("train", "GPU AdamW: %s", m->gops->error(m->gpu));
            return NAN;
        }
    } else if (m->pool)
        kern_pool_run(m->pool, adamw_job, &u);
    else
        adamw_job(&u, 0, 1);
    /* aux-loss-free balancing (DeepSeek-V3): raise the bias of under-loaded experts */
    if (o->bias_gamma > 0 && expert_load) {
        int X = m->c.n_expert;
        for (int il = m->c.n_layer_dense_lead; il < m->c.n_layer; il++) {
            const long *ld = expert_load + (size_t)il * X;
            double mean = 0;
            for (int e = 0; e < X; e++)
                mean += ld[e];
            mean /= X;
            for (int e = 0; e < X; e++)
                m->bias[(size_t)il * X + e] += o->bias_gamma * (ld[e] < mean   ? 1.0f
                                                                : ld[e] > mean ? -1.0f
                                                                               : 0.0f);
        }
    }
    return norm;
}

/* ---------------------------------------------------------------------------------------- */
/* saving                                                                                   */

struct save_ctx {
    struct gguf_writer *w;
    void **bufs;
    int n, cap;
    bool oom;
};

static void *save_keep(struct save_ctx *s, size_t n)
{
    if (s->oom) return NULL;
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 64;
        void **b = realloc(s->bufs, (size_t)cap * sizeof *b);
        if (!b) {
            s->oom = true;
            return NULL;
        }
        s->bufs = b, s->cap = cap;
    }
    void *p = malloc(n ? n : 1);
    if (!p)
        s->oom = true;
    else
        s->bufs[s->n++] = p;
    return p;
}

/* A tensor [ne2][ne1][ne0] of f32 src written as type (Q8_0 needs ne0 % 32 == 0: else f16). */
static int save_tensor(struct save_ctx *s, const char *name, int type, int64_t ne0, int64_t ne1,
                       int64_t ne2, const float *src)
{
    if (type == KERN_Q8_0 && ne0 % 32) type = KERN_F16;
    int64_t rows = ne1 * ne2;
    size_t rb = kern_row_bytes(type, ne0), nb = rb * (size_t)rows;
    uint8_t *dst = save_keep(s, nb);
    if (!dst) return HUB_ERR_NOMEM;
    for (int64_t r = 0; r < rows; r++) {
        if (type == KERN_F32)
            memcpy(dst + (size_t)r * rb, src + r * ne0, (size_t)ne0 * 4);
        else
            kern_quant_row(type, src + r * ne0, dst + (size_t)r * rb, ne0);
    }
    int64_t ne[3] = {ne0, ne1, ne2};
    uint32_t nd = ne2 > 1 ? 3 : ne1 > 1 ? 2 : 1;
    return gguf_writer_add_tensor(s->w, name, (uint32_t)type, nd, ne, dst, nb);
}

int train_model_save_gguf(struct train_model *m, const char *path, const char *tok_path, int wtype,
                          char *err, size_t errlen)
{
    const struct train_config *c = &m->c;
    if (gpu_fetch(m)) {
        terr(err, errlen, "fetching the weights from the GPU: %s", m->gops->error(m->gpu));
        return HUB_ERR_IO;
    }
    if (wtype != KERN_F32 && wtype != KERN_F16 && wtype != KERN_Q8_0) {
        terr(err, errlen, "weight type %d is not one of f32, f16, q8_0", wtype);
        return HUB_ERR_INVALID;
    }
    struct gguf_file *tf = NULL;
    if (tok_path && !(tf = gguf_open(tok_path, err, errlen))) return HUB_ERR_IO;
    struct save_ctx s = {gguf_writer_new(), NULL, 0, 0, false};
    int rc = s.w ? HUB_OK : HUB_ERR_NOMEM;
    const char *A = "deepseek2";
    char key[128];
#define KU32(k, v)                                                                                 \
    if (!rc) {                                                                                     \
        snprintf(key, sizeof key, "%s.%s", A, k);                                                  \
        rc = gguf_writer_set_u32(s.w, key, (uint32_t)(v));                                         \
    }
#define KF32(k, v)                                                                                 \
    if (!rc) {                                                                                     \
        snprintf(key, sizeof key, "%s.%s", A, k);                                                  \
        rc = gguf_writer_set_f32(s.w, key, (v));                                                   \
    }
    if (!rc) rc = gguf_writer_set_str(s.w, "general.architecture", A);
    if (!rc) rc = gguf_writer_set_str(s.w, "general.name", "hubd intent model");
    if (!rc)
        rc = gguf_writer_set_u32(s.w, "general.file_type",
                                 wtype == KERN_F32   ? 0
                                 : wtype == KERN_F16 ? 1
                                                     : 7);
    int R = c->kv_lora_rank, nr = c->qk_rope, dn = c->qk_nope, dv = c->v_head, H = c->n_head;
    KU32("context_length", c->n_ctx);
    KU32("embedding_length", c->n_embd);
    KU32("block_count", c->n_layer);
    KU32("feed_forward_length", c->n_ff);
    KU32("attention.head_count", H);
    KU32("attention.head_count_kv", 1);
    KF32("rope.freq_base", c->rope_base);
    KF32("attention.layer_norm_rms_epsilon", c->rms_eps);
    KU32("expert_count", c->n_expert);
    KU32("expert_used_count", c->n_expert_used);
    KU32("expert_group_count", 1);
    KU32("expert_group_used_count", 1);
    KU32("leading_dense_block_count", c->n_layer_dense_lead);
    KU32("vocab_size", c->n_vocab);
    KU32("attention.q_lora_rank", 0);
    KU32("attention.kv_lora_rank", R);
    /* the MLA-cache convention llama.cpp writes with split k_b / v_b */
    KU32("attention.key_length", R + nr);
    KU32("attention.value_length", R);
    KU32("attention.key_length_mla", dn + nr);
    KU32("attention.value_length_mla", dv);
    KU32("expert_feed_forward_length", c->n_ff_exp);
    KU32("expert_shared_count", c->n_expert_shared);
    KF32("expert_weights_scale", 1.0f);
    if (!rc) rc = gguf_writer_set_bool(s.w, "deepseek2.expert_weights_norm", false);
    KU32("expert_gating_func", 1);
    KU32("rope.dimension_count", nr);
#undef KU32
#undef KF32
    if (!rc) rc = gguf_writer_set_u32(s.w, "general.quantization_version", 2);
    if (!rc && m->house_hint) rc = gguf_writer_set_bool(s.w, INTENT_HOUSE_HINT_KEY, true);
    for (uint64_t i = 0; tf && !rc && i < tf->n_kv; i++)
        if (tf->kv[i].key.len > 10 && !memcmp(tf->kv[i].key.data, "tokenizer.", 10))
            rc = gguf_writer_copy_kv(s.w, &tf->kv[i]);

    const float *P = m->p;
    int64_t E = c->n_embd, V = c->n_vocab, X = c->n_expert, Fe = c->n_ff_exp;
    int64_t S = (int64_t)c->n_expert_shared * Fe, F = c->n_ff;
    char n[96];
    if (!rc) rc = save_tensor(&s, "token_embd.weight", wtype, E, V, 1, P + m->tok_embd);
    if (!rc) rc = save_tensor(&s, "output_norm.weight", KERN_F32, E, 1, 1, P + m->output_norm);
    if (!rc) rc = save_tensor(&s, "output.weight", wtype, E, V, 1, P + m->output);
    for (int il = 0; il < c->n_layer && !rc; il++) {
        const struct train_lw *l = &m->lw[il];
#define T_(fmt) (snprintf(n, sizeof n, fmt, il), n)
        rc = save_tensor(&s, T_("blk.%d.attn_norm.weight"), KERN_F32, E, 1, 1, P + l->attn_norm);
        if (!rc)
            rc = save_tensor(&s, T_("blk.%d.attn_q.weight"), wtype, E, H * (dn + nr), 1, P + l->wq);
        if (!rc)
            rc = save_tensor(&s, T_("blk.%d.attn_kv_a_mqa.weight"), wtype, E, R + nr, 1,
                             P + l->wkv_a);
        if (!rc)
            rc = save_tensor(&s, T_("blk.%d.attn_kv_a_norm.weight"), KERN_F32, R, 1, 1,
                             P + l->kv_a_norm);
        /* attn_kv_b [H][dn + dv][R] -> k_b [H][R][dn] and v_b [H][dv][R] */
        float *kb = save_keep(&s, (size_t)H * R * dn * 4),
              *vb = save_keep(&s, (size_t)H * dv * R * 4);
        if (!kb || !vb) rc = HUB_ERR_NOMEM;
        for (int h = 0; h < H && !rc; h++) {
            const float *wb = P + l->wkv_b + (size_t)h * (dn + dv) * R;
            for (int d = 0; d < dn; d++)
                for (int cc = 0; cc < R; cc++)
                    kb[((size_t)h * R + cc) * dn + d] = wb[(size_t)d * R + cc];
            memcpy(vb + (size_t)h * dv * R, wb + (size_t)dn * R, (size_t)dv * R * 4);
        }
        if (!rc) rc = save_tensor(&s, T_("blk.%d.attn_k_b.weight"), wtype, dn, R, H, kb);
        if (!rc) rc = save_tensor(&s, T_("blk.%d.attn_v_b.weight"), wtype, R, dv, H, vb);
        if (!rc)
            rc = save_tensor(&s, T_("blk.%d.attn_output.weight"), wtype, (int64_t)H * dv, E, 1,
                             P + l->wo);
        if (!rc)
            rc = save_tensor(&s, T_("blk.%d.ffn_norm.weight"), KERN_F32, E, 1, 1, P + l->ffn_norm);
        if (!is_moe(c, il)) {
            if (!rc)
                rc = save_tensor(&s, T_("blk.%d.ffn_gate.weight"), wtype, E, F, 1, P + l->ffn_gate);
            if (!rc)
                rc = save_tensor(&s, T_("blk.%d.ffn_up.weight"), wtype, E, F, 1, P + l->ffn_up);
            if (!rc)
                rc = save_tensor(&s, T_("blk.%d.ffn_down.weight"), wtype, F, E, 1, P + l->ffn_down);
            continue;
        }
        if (!rc)
            rc = save_tensor(&s, T_("blk.%d.ffn_gate_inp.weight"), KERN_F32, E, X, 1,
                             P + l->gate_inp);
        if (!rc)
            rc = save_tensor(&s, T_("blk.%d.ffn_gate_exps.weight"), wtype, E, Fe, X,
                             P + l->gate_exps);
        if (!rc)
            rc = save_tensor(&s, T_("blk.%d.ffn_up_exps.weight"), wtype, E, Fe, X, P + l->up_exps);
        if (!rc)
            rc = save_tensor(&s, T_("blk.%d.ffn_down_exps.weight"), wtype, Fe, E, X,
                             P + l->down_exps);
        if (S) {
            if (!rc)
                rc = save_tensor(&s, T_("blk.%d.ffn_gate_shexp.weight"), wtype, E, S, 1,
                                 P + l->gate_sh);
            if (!rc)
                rc =
                    save_tensor(&s, T_("blk.%d.ffn_up_shexp.weight"), wtype, E, S, 1, P + l->up_sh);
            if (!rc)
                rc = save_tensor(&s, T_("blk.%d.ffn_down_shexp.weight"), wtype, S, E, 1,
                                 P + l->down_sh);
        }
        const float *b = m->bias + (size_t)il * X;
        bool any = false;
        for (int e = 0; e < X; e++)
            any |= b[e] != 0;
        if (any && !rc) rc = save_tensor(&s, T_("blk.%d.exp_probs_b.bias"), KERN_F32, X, 1, 1, b);
#undef T_
    }
    if (rc) {
        terr(err, errlen, "building %s: %s", path,
             s.oom || !s.w ? "out of memory" : gguf_writer_error(s.w));
    } else {
        rc = gguf_writer_write(s.w, path, err, errlen);
    }
    for (int i = 0; i < s.n; i++)
        free(s.bufs[i]);
    free(s.bufs);
    gguf_writer_free(s.w);
    gguf_close(tf);
    return rc;
}

/* checkpoint: magic, config, parameter count, step, weights, moments, biases, then the weight
 * average's snapshot count and (when there are any) its sums as doubles */
static const char ckpt_magic[8] = {'H', 'U', 'B', 'T', 'C', 'K', '0', '3'};
static const char ckpt_magic_02[8] = {'H', 'U', 'B', 'T', 'C', 'K', '0', '2'};

/* the configuration as 18 int32 fields (floats by their bits; no struct padding on disk) */
enum { CKPT_NCFG = 18 };
static void cfg_pack(const struct train_config *c, int32_t *v)
{
    int32_t e, b;
    memcpy(&e, &c->rms_eps, 4);
    memcpy(&b, &c->rope_base, 4);
    int32_t f[CKPT_NCFG] = {c->n_vocab,
                            c->n_embd,
                            c->n_layer,
                            c->n_head,
                            c->n_layer_dense_lead,
                            c->kv_lora_rank,
                            c->qk_nope,
                            c->qk_rope,
                            c->v_head,
                            c->n_ff,
                            c->n_ff_exp,
                            c->n_expert,
                            c->n_expert_used,
                            c->n_expert_shared,
                            c->n_ctx,
                            e,
                            b,
                            c->round_kv};
    memcpy(v, f, sizeof f);
}

int train_model_save_ckpt(struct train_model *m, const char *path, long step, char *err,
                          size_t errlen)
{
    if (gpu_fetch(m)) {
        terr(err, errlen, "fetching the weights from the GPU: %s", m->gops->error(m->gpu));
        return HUB_ERR_IO;
    }
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        terr(err, errlen, "%s: %s", tmp, strerror(errno));
        return HUB_ERR_IO;
    }
    uint64_t np = m->n_params;
    int64_t st = step;
    size_t nb = (size_t)m->c.n_layer * m->c.n_expert;
    int32_t cv[CKPT_NCFG];
    cfg_pack(&m->c, cv);
    int64_t na = m->n_avg;
    size_t nsum = na ? avg_len(m) : 0;
    bool ok = fwrite(ckpt_magic, 8, 1, f) == 1 && fwrite(cv, sizeof cv, 1, f) == 1 &&
              fwrite(&np, 8, 1, f) == 1 && fwrite(&st, 8, 1, f) == 1 &&
              fwrite(m->p, 4, np, f) == np && fwrite(m->m1, 4, np, f) == np &&
              fwrite(m->m2, 4, np, f) == np && fwrite(m->bias, 4, nb, f) == nb &&
              fwrite(&na, 8, 1, f) == 1 && (!nsum || fwrite(m->avg_sum, 8, nsum, f) == nsum);
    if (fclose(f)) ok = false;
    if (!ok || rename(tmp, path)) {
        terr(err, errlen, "writing %s: %s", path, strerror(errno));
        remove(tmp);
        return HUB_ERR_IO;
    }
    return HUB_OK;
}

int train_model_load_ckpt(struct train_model *m, const char *path, long *step, char *err,
                          size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        terr(err, errlen, "%s: %s", path, strerror(errno));
        return HUB_ERR_IO;
    }
    char mg[8];
    int32_t cv[CKPT_NCFG], mine[CKPT_NCFG];
    uint64_t np;
    int64_t st;
    int rc = HUB_ERR_INVALID;
    bool v1 = false, v2 = false;
    if (fread(mg, 8, 1, f) == 1 && !memcmp(mg, "HUBTCK01", 8)) {
        /* the first format: the struct itself (its padding is not compared) */
        struct train_config c1;
        v1 = fread(&c1, sizeof c1, 1, f) == 1;
        if (v1) cfg_pack(&c1, cv);
    }
    v2 = !v1 && !memcmp(mg, ckpt_magic_02, 8); /* before the weight average */
    if ((!v1 && ((!v2 && memcmp(mg, ckpt_magic, 8)) || fread(cv, sizeof cv, 1, f) != 1)) ||
        fread(&np, 8, 1, f) != 1 || fread(&st, 8, 1, f) != 1) {
        terr(err, errlen, "%s is not a hub-train checkpoint", path);
        goto done;
    }
    cfg_pack(&m->c, mine);
    if (memcmp(cv, mine, sizeof cv) || np != m->n_params || st < 0) {
        terr(err, errlen, "%s holds another model configuration", path);
        goto done;
    }
    size_t nb = (size_t)m->c.n_layer * m->c.n_expert;
    if (fread(m->p, 4, np, f) != np || fread(m->m1, 4, np, f) != np ||
        fread(m->m2, 4, np, f) != np || fread(m->bias, 4, nb, f) != nb) {
        terr(err, errlen, "%s is truncated", path);
        goto done;
    }
    int64_t na = 0;
    if (!v1 && !v2 && fread(&na, 8, 1, f) != 1) {
        terr(err, errlen, "%s is truncated", path);
        goto done;
    }
    if (na < 0 || na > st) {
        terr(err, errlen, "%s: %lld weight snapshots after %lld steps", path, (long long)na,
             (long long)st);
        goto done;
    }
    free(m->avg_sum);
    m->avg_sum = NULL;
    m->n_avg = 0;
    if (na) {
        size_t n = avg_len(m);
        if (!(m->avg_sum = malloc(n * sizeof *m->avg_sum))) {
            rc = HUB_ERR_NOMEM;
            terr(err, errlen, "out of memory");
            goto done;
        }
        if (fread(m->avg_sum, 8, n, f) != n) {
            terr(err, errlen, "%s is truncated", path);
            goto done;
        }
        m->n_avg = (long)na;
    }
    *step = (long)st;
    rc = HUB_OK;
    if (m->gpu && (rc = m->gops->upload(m->gpu, m->p, m->m1, m->m2)))
        terr(err, errlen, "%s", m->gops->error(m->gpu));
    m->host_stale = false;
done:
    fclose(f);
    return rc;
}

int train_model_use_cuda(struct train_model *m, int device, char *err, size_t errlen)
{
    if (m->gpu) return HUB_OK;
    const struct hub_train_gpu_ops *ops = hub_train_gpu_load(err, errlen);
    if (!ops) return HUB_ERR_UNAVAILABLE;
    if (ops->device_count() < 1) {
        terr(err, errlen, "no CUDA device");
        return HUB_ERR_UNAVAILABLE;
    }
    const struct train_config *c = &m->c;
    int half = c->qk_rope / 2, nt = m->n_tens;
    struct hub_train_gpu_layer *lw = calloc((size_t)c->n_layer, sizeof *lw);
    float *cs = malloc((size_t)c->n_ctx * half * 2 * sizeof *cs), *sn = cs + (size_t)c->n_ctx * half;
    size_t *toff = malloc((size_t)nt * 2 * sizeof *toff), *tn = toff + nt;
    uint8_t *decay = malloc((size_t)nt);
    int rc = HUB_ERR_NOMEM;
    if (!lw || !cs || !toff || !decay) {
        terr(err, errlen, "out of memory");
        goto done;
    }
    for (int il = 0; il < c->n_layer; il++) {
        const struct train_lw *l = &m->lw[il];
        lw[il] = (struct hub_train_gpu_layer){
            l->attn_norm, l->wq,       l->wkv_a,     l->kv_a_norm, l->wkv_b,   l->wo,
            l->ffn_norm,  l->ffn_gate, l->ffn_up,    l->ffn_down,  l->gate_inp, l->gate_exps,
            l->up_exps,   l->down_exps, l->gate_sh,  l->up_sh,     l->down_sh};
    }
    /* train_rope's angles, so that both sides rotate by the same cos and sin */
    for (int p = 0; p < c->n_ctx; p++) {
        float theta_scale = powf(c->rope_base, -2.0f / c->qk_rope), theta = (float)p;
        for (int i = 0; i < half; i++) {
            cs[(size_t)p * half + i] = cosf(theta);
            sn[(size_t)p * half + i] = sinf(theta);
            theta *= theta_scale;
        }
    }
    for (int i = 0; i < nt; i++) {
        toff[i] = m->tens[i].off, tn[i] = m->tens[i].n;
        decay[i] = m->tens[i].kind != PK_NORM; /* adamw_job's rule */
    }
    struct hub_train_gpu_shape s = {
        .n_vocab = c->n_vocab, .n_embd = c->n_embd, .n_layer = c->n_layer, .n_head = c->n_head,
        .n_layer_dense_lead = c->n_layer_dense_lead, .kv_lora_rank = c->kv_lora_rank,
        .qk_nope = c->qk_nope, .qk_rope = c->qk_rope, .v_head = c->v_head, .n_ff = c->n_ff,
        .n_ff_exp = c->n_ff_exp, .n_expert = c->n_expert, .n_expert_used = c->n_expert_used,
        .n_expert_shared = c->n_expert_shared, .n_ctx = c->n_ctx, .rms_eps = c->rms_eps,
        .round_kv = c->round_kv, .n_params = m->n_params, .tok_embd = m->tok_embd,
        .output_norm = m->output_norm, .output = m->output, .layers = lw, .rope_cos = cs,
        .rope_sin = sn, .n_tensors = nt, .tensor_off = toff, .tensor_n = tn, .tensor_decay = decay,
    };
    struct hub_train_gpu *g = ops->create(device, &s, err, errlen);
    if (!g) {
        rc = HUB_ERR_UNAVAILABLE;
        goto done;
    }
    if ((rc = ops->upload(g, m->p, m->m1, m->m2))) {
        terr(err, errlen, "%s", ops->error(g));
        ops->destroy(g);
        goto done;
    }
    m->gops = ops, m->gpu = g, m->host_stale = false;
done:
    free(lw), free(cs), free(toff), free(decay);
    return rc;
}
