/*
 * kern-avx2.c: AVX2 + FMA + F16C versions of the dot products and row ops. Compiled in every
 * build with __attribute__((target)) and used only when kern_isa_active() says the CPU has
 * them. Integer parts are exact; float sums are reassociated (tests bound the difference).
 */
#include <immintrin.h>
#include <math.h>
#include <string.h>

#include "kernels/cpu/kern-impl.h"
#include "kernels/cpu/kern-ops.h"
#include "kernels/cpu/kern-x86.h"



/* ---- row ops ---- */

KERN_AVX2 float kern_dot_f32_avx2(const float *a, const float *b, int64_t n)
{
    return kern_dot_f32_avx2_inline(a, b, n);
}

KERN_AVX2 void kern_rmsnorm_avx2(float *dst, const float *x, const float *weight, int64_t n,
                                 float eps)
{
    const float ss = kern_dot_f32_avx2(x, x, n);
    const float scale = 1.0f / sqrtf(ss / (float)n + eps);
    const __m256 vs = _mm256_set1_ps(scale);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 v = _mm256_mul_ps(_mm256_loadu_ps(x + i), vs);
        if (weight) v = _mm256_mul_ps(v, _mm256_loadu_ps(weight + i));
        _mm256_storeu_ps(dst + i, v);
    }
    for (; i < n; i++) dst[i] = x[i] * scale * (weight ? weight[i] : 1.0f);
}

KERN_AVX2 void kern_softmax_avx2(float *x, int64_t n)
{
    if (n <= 0) return;
    float max = x[0];
    int64_t i = 0;
    if (n >= 8) {
        __m256 vm = _mm256_loadu_ps(x);
        for (i = 8; i + 8 <= n; i += 8) vm = _mm256_max_ps(vm, _mm256_loadu_ps(x + i));
        float t[8];
        _mm256_storeu_ps(t, vm);
        for (int j = 0; j < 8; j++) max = t[j] > max ? t[j] : max;
    }
    for (; i < n; i++) max = x[i] > max ? x[i] : max;
    const __m256 vmax = _mm256_set1_ps(max);
    __m256 vs = _mm256_setzero_ps();
    for (i = 0; i + 8 <= n; i += 8) {
        __m256 e = kern_exp256(_mm256_sub_ps(_mm256_loadu_ps(x + i), vmax));
        _mm256_storeu_ps(x + i, e);
        vs = _mm256_add_ps(vs, e);
    }
    float sum = kern_hsum256(vs);
    for (; i < n; i++) {
        x[i] = expf(x[i] - max);
        sum += x[i];
    }
    const float inv = 1.0f / sum;
    const __m256 vi = _mm256_set1_ps(inv);
    for (i = 0; i + 8 <= n; i += 8) _mm256_storeu_ps(x + i, _mm256_mul_ps(_mm256_loadu_ps(x + i), vi));
    for (; i < n; i++) x[i] *= inv;
}

KERN_AVX2 void kern_swiglu_avx2(float *dst, const float *gate, const float *up, int64_t n)
{
    const __m256 one = _mm256_set1_ps(1.0f), zero = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 g = _mm256_loadu_ps(gate + i);
        __m256 e = kern_exp256(_mm256_sub_ps(zero, g));
        __m256 s = _mm256_div_ps(g, _mm256_add_ps(one, e));
        _mm256_storeu_ps(dst + i, _mm256_mul_ps(s, _mm256_loadu_ps(up + i)));
    }
    for (; i < n; i++) {
        const float g = gate[i];
        dst[i] = g / (1.0f + expf(-g)) * up[i];
    }
}

KERN_AVX2 void kern_add_avx2(float *dst, const float *a, const float *b, int64_t n)
{
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(dst + i, _mm256_add_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i)));
    for (; i < n; i++) dst[i] = a[i] + b[i];
}

KERN_AVX2 void kern_scale_add_avx2(float *dst, const float *x, float s, int64_t n)
{
    kern_scale_add_avx2_inline(dst, x, s, n);
}

/* ---- activation quantization (exactly the scalar kern_quant_x8_ref / q8_K results:
 * same scale arithmetic, and cvtps rounds to nearest even like ggml's nearest_int) ---- */



KERN_AVX2 static void kern_quant_x8_avx2(const float *x, void *xq, int64_t k)
{
    struct kern_xq8 *y = xq;
    const __m256 signbit = _mm256_set1_ps(-0.0f);
    for (int64_t i = 0; i < k / 32; i++, x += 32) {
        __m256 v0 = _mm256_loadu_ps(x), v1 = _mm256_loadu_ps(x + 8);
        __m256 v2 = _mm256_loadu_ps(x + 16), v3 = _mm256_loadu_ps(x + 24);
        __m256 m = _mm256_max_ps(_mm256_max_ps(_mm256_andnot_ps(signbit, v0), _mm256_andnot_ps(signbit, v1)),
                                 _mm256_max_ps(_mm256_andnot_ps(signbit, v2), _mm256_andnot_ps(signbit, v3)));
        __m128 m4 = _mm_max_ps(_mm256_extractf128_ps(m, 1), _mm256_castps256_ps128(m));
        m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
        m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
        const float amax = _mm_cvtss_f32(m4);
        const float d = amax / 127.f;
        const float id = amax != 0.0f ? 127.f / amax : 0.0f; /* as ggml's x86 quantizer */
        const __m256 vid = _mm256_set1_ps(id);
        __m256i i0 = _mm256_cvtps_epi32(_mm256_mul_ps(v0, vid));
        __m256i i1 = _mm256_cvtps_epi32(_mm256_mul_ps(v1, vid));
        __m256i i2 = _mm256_cvtps_epi32(_mm256_mul_ps(v2, vid));
        __m256i i3 = _mm256_cvtps_epi32(_mm256_mul_ps(v3, vid));
        const int sum = kern_hsum_i32(_mm256_add_epi32(_mm256_add_epi32(i0, i1), _mm256_add_epi32(i2, i3)));
        _mm256_storeu_si256((__m256i *)y[i].qs, kern_pack_i8(i0, i1, i2, i3));
        y[i].d = d;
        y[i].sum = sum;
    }
}

KERN_AVX2 static void kern_quant_q8k_avx2(const float *x, void *xq, int64_t k)
{
    struct kern_q8_k *y = xq;
    const __m256 signbit = _mm256_set1_ps(-0.0f);
    for (int64_t i = 0; i < k / KERN_QK_K; i++, x += KERN_QK_K) {
        __m256 m = _mm256_setzero_ps();
        for (int j = 0; j < KERN_QK_K; j += 8)
            m = _mm256_max_ps(m, _mm256_andnot_ps(signbit, _mm256_loadu_ps(x + j)));
        __m128 m4 = _mm_max_ps(_mm256_extractf128_ps(m, 1), _mm256_castps256_ps128(m));
        m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
        m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
        const float amax = _mm_cvtss_f32(m4);
        if (!amax) {
            memset(&y[i], 0, sizeof(y[i]));
            continue;
        }
        float max = 0; /* the first element of largest magnitude, with its sign */
        for (int j = 0; j < KERN_QK_K; j++)
            if (fabsf(x[j]) == amax) {
                max = x[j];
                break;
            }
        const float iscale = -127.f / max;
        const __m256 vs = _mm256_set1_ps(iscale);
        for (int j = 0; j < KERN_QK_K; j += 32) {
            __m256i i0 = _mm256_cvtps_epi32(_mm256_mul_ps(vs, _mm256_loadu_ps(x + j)));
            __m256i i1 = _mm256_cvtps_epi32(_mm256_mul_ps(vs, _mm256_loadu_ps(x + j + 8)));
            __m256i i2 = _mm256_cvtps_epi32(_mm256_mul_ps(vs, _mm256_loadu_ps(x + j + 16)));
            __m256i i3 = _mm256_cvtps_epi32(_mm256_mul_ps(vs, _mm256_loadu_ps(x + j + 24)));
            const __m256i c127 = _mm256_set1_epi32(127);
            i0 = _mm256_min_epi32(i0, c127);
            i1 = _mm256_min_epi32(i1, c127);
            i2 = _mm256_min_epi32(i2, c127);
            i3 = _mm256_min_epi32(i3, c127);
            y[i].bsums[j / 16] = (int16_t)kern_hsum_i32(_mm256_add_epi32(i0, i1));
            y[i].bsums[j / 16 + 1] = (int16_t)kern_hsum_i32(_mm256_add_epi32(i2, i3));
            _mm256_storeu_si256((__m256i *)(y[i].qs + j), kern_pack_i8(i0, i1, i2, i3));
        }
        y[i].d = 1 / iscale;
    }
}

/* ---- dot products for kern_matmul ---- */

/* Sum of 32 products of signed bytes, as 8 int32 lanes (maddubs needs one unsigned side). */
KERN_AVX2 static inline __m256i kern_dot_i8(__m256i a, __m256i b)
{
    const __m256i ax = _mm256_sign_epi8(a, a);
    const __m256i sy = _mm256_sign_epi8(b, a);
    return _mm256_madd_epi16(_mm256_maddubs_epi16(ax, sy), _mm256_set1_epi16(1));
}




/*
 * Float weights follow llama.cpp's tinyBLAS on an AVX-512 machine (how its reference logits
 * were made): per output one 16-lane accumulator over k in steps of 16 (here two 8-lane
 * halves), then the reduction tree of GCC's _mm512_reduce_add_ps. With x rounded as ggml rounds
 * it, products come out bit-identical when k is a multiple of 16.
 */
KERN_AVX2 static inline float kern_reduce16(__m256 lo, __m256 hi)
{
    const __m256 t3 = _mm256_add_ps(hi, lo);
    const __m128 t6 = _mm_add_ps(_mm256_extractf128_ps(t3, 1), _mm256_castps256_ps128(t3));
    const __m128 t8 = _mm_add_ps(t6, _mm_shuffle_ps(t6, t6, _MM_SHUFFLE(1, 0, 3, 2)));
    return _mm_cvtss_f32(t8) + _mm_cvtss_f32(_mm_shuffle_ps(t8, t8, 1));
}

#define KERN_LD_F32(p) _mm256_loadu_ps((p) + i)
#define KERN_LD_F16(p) _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)((p) + i)))
#define KERN_LD_BF16(p)                                                                        \
    _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)((p) + i))), 16))
#define KERN_GET_F32(p) ((p)[i])
#define KERN_GET_F16(p) kern_h2f((p)[i])
#define KERN_GET_BF16(p) kern_bf16_to_f32((p)[i])

#define KERN_VDOT_FLOAT(name, wtype, LD, GET)                                                  \
    KERN_AVX2 static float name(const void *wv, const void *xv, int64_t n)                     \
    {                                                                                          \
        const wtype *w = wv;                                                                   \
        const float *x = xv;                                                                   \
        __m256 lo = _mm256_setzero_ps(), hi = _mm256_setzero_ps();                             \
        int64_t i = 0;                                                                         \
        for (; i + 16 <= n; i += 16) {                                                         \
            lo = _mm256_fmadd_ps(LD(w), _mm256_loadu_ps(x + i), lo);                           \
            i += 8;                                                                            \
            hi = _mm256_fmadd_ps(LD(w), _mm256_loadu_ps(x + i), hi);                           \
            i -= 8;                                                                            \
        }                                                                                      \
        float sum = kern_reduce16(lo, hi);                                                     \
        for (; i < n; i++) sum += GET(w) * x[i];                                               \
        return sum;                                                                            \
    }

KERN_VDOT_FLOAT(kern_vdot_f32_avx2, float, KERN_LD_F32, KERN_GET_F32)
KERN_VDOT_FLOAT(kern_vdot_f16_avx2, uint16_t, KERN_LD_F16, KERN_GET_F16)
KERN_VDOT_FLOAT(kern_vdot_bf16_avx2, uint16_t, KERN_LD_BF16, KERN_GET_BF16)

/*
 * The quantized dots below follow ggml's AVX2 kernels (ggml-cpu/arch/x86/quants.c) operation
 * for operation: the same 8 int32 lanes per block, the same fp32 scale products, one 8-lane
 * accumulator updated block by block, the same horizontal sums. With the activations rounded
 * as ggml rounds them, a product is then bit-identical to llama.cpp's (its VNNI build gets the
 * same lanes from vpdpbusd), which keeps near-tie decisions such as MoE expert choice the same
 * as the reference. Each 4-token kernel does, per token, exactly what the 1-token one does.
 * ggml is built with FMA contraction, so its scalar a*b+c steps are written here as fmaf (this
 * library is built without contraction, so nothing else gets fused behind our back).
 */

/* ggml's mul_sum_i8_pairs_float / mul_sum_us8_pairs_float */
KERN_AVX2 static inline __m256 kern_lanes_i8(__m256i w, __m256i x)
{
    return _mm256_cvtepi32_ps(kern_dot_i8(w, x));
}
KERN_AVX2 static inline __m256 kern_lanes_u8(__m256i w, __m256i x)
{
    return _mm256_cvtepi32_ps(kern_dot_u8(w, x));
}

/* signed codes of the 32-wide types */
KERN_AVX2 static inline __m256i kern_codes_q4_0(const struct kern_q4_0 *b)
{
    return _mm256_sub_epi8(kern_nibbles(b->qs), _mm256_set1_epi8(8));
}
KERN_AVX2 static inline __m256i kern_codes_q5_0(const struct kern_q5_0 *b)
{
    const __m256i hi = _mm256_andnot_si256(kern_bits_to_bytes(b->qh), _mm256_set1_epi8((char)0xF0));
    return _mm256_or_si256(kern_nibbles(b->qs), hi); /* bit clear: value - 16 */
}
KERN_AVX2 static inline __m256i kern_codes_q8_0(const struct kern_q8_0 *b)
{
    return _mm256_loadu_si256((const __m256i *)b->qs);
}
/* unsigned codes of the types with a min */
KERN_AVX2 static inline __m256i kern_codes_q4_1(const struct kern_q4_1 *b) { return kern_nibbles(b->qs); }
KERN_AVX2 static inline __m256i kern_codes_q5_1(const struct kern_q5_1 *b)
{
    return _mm256_or_si256(kern_nibbles(b->qs), _mm256_and_si256(kern_bits_to_bytes(b->qh), _mm256_set1_epi8(0x10)));
}

#define KERN_XQ(x) _mm256_loadu_si256((const __m256i *)(x).qs)

/* Q8_0, Q4_0, Q5_0: acc += (dw*dx) * lanes(w, x) */
#define KERN_DEF_SIGNED32(name, name4, wtype, CODES)                                           \
    KERN_AVX2 static float name(const void *wv, const void *xv, int64_t nb)                    \
    {                                                                                          \
        const wtype *w = wv;                                                                   \
        const struct kern_xq8 *x = xv;                                                         \
        __m256 acc = _mm256_setzero_ps();                                                      \
        for (int64_t i = 0; i < nb; i++) {                                                     \
            const __m256 d = _mm256_set1_ps(kern_h2f(w[i].d) * x[i].d);                        \
            acc = _mm256_fmadd_ps(d, kern_lanes_i8(CODES(&w[i]), KERN_XQ(x[i])), acc);         \
        }                                                                                      \
        return kern_hsum256(acc);                                                              \
    }                                                                                          \
    KERN_AVX2 static void name4(const void *wv, const void *xv, size_t xs, int64_t nb, float out[4]) \
    {                                                                                          \
        const wtype *w = wv;                                                                   \
        KERN_X4(xv, xs, struct kern_xq8);                                                      \
        __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()}; \
        for (int64_t i = 0; i < nb; i++) {                                                     \
            const __m256i qw = CODES(&w[i]);                                                   \
            const __m256i aw = _mm256_sign_epi8(qw, qw);                                       \
            const float wd = kern_h2f(w[i].d);                                                 \
            _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) {                                                      \
                const __m256i sx = _mm256_sign_epi8(KERN_XQ(x[t][i]), qw);                     \
                const __m256 q = _mm256_cvtepi32_ps(kern_dot_u8(aw, sx));                      \
                acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(wd * x[t][i].d), q, acc[t]);           \
            }                                                                                  \
        }                                                                                      \
        _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) out[t] = kern_hsum256(acc[t]);                             \
    }

/* Q4_1, Q5_1: acc += lanes(w, x) * (dw*dx); the mins come in a scalar sum, block by block */
#define KERN_DEF_MIN32(name, name4, wtype, CODES, Q5)                                          \
    KERN_AVX2 static float name(const void *wv, const void *xv, int64_t nb)                    \
    {                                                                                          \
        const wtype *w = wv;                                                                   \
        const struct kern_xq8 *x = xv;                                                         \
        __m256 acc = _mm256_setzero_ps();                                                      \
        float summs = 0;                                                                       \
        for (int64_t i = 0; i < nb; i++) {                                                     \
            summs = fmaf(kern_h2f(w[i].m), x[i].d * (float)x[i].sum, summs);                            \
            const __m256 dd = _mm256_mul_ps(_mm256_set1_ps(kern_h2f(w[i].d)), _mm256_set1_ps(x[i].d)); \
            const __m256 q = kern_lanes_u8(CODES(&w[i]), KERN_XQ(x[i]));                       \
            acc = Q5 ? _mm256_fmadd_ps(q, dd, acc) : _mm256_fmadd_ps(dd, q, acc);              \
        }                                                                                      \
        return kern_hsum256(acc) + summs;                                                      \
    }                                                                                          \
    KERN_AVX2 static void name4(const void *wv, const void *xv, size_t xs, int64_t nb, float out[4]) \
    {                                                                                          \
        const wtype *w = wv;                                                                   \
        KERN_X4(xv, xs, struct kern_xq8);                                                      \
        __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()}; \
        float summs[4] = {0, 0, 0, 0};                                                         \
        for (int64_t i = 0; i < nb; i++) {                                                     \
            const __m256i qw = CODES(&w[i]);                                                   \
            const float wd = kern_h2f(w[i].d), wm = kern_h2f(w[i].m);                          \
            _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) {                                                      \
                summs[t] = fmaf(wm, x[t][i].d * (float)x[t][i].sum, summs[t]);                             \
                const __m256 dd = _mm256_mul_ps(_mm256_set1_ps(wd), _mm256_set1_ps(x[t][i].d)); \
                const __m256 q = kern_lanes_u8(qw, KERN_XQ(x[t][i]));                          \
                acc[t] = Q5 ? _mm256_fmadd_ps(q, dd, acc[t]) : _mm256_fmadd_ps(dd, q, acc[t]); \
            }                                                                                  \
        }                                                                                      \
        _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) out[t] = kern_hsum256(acc[t]) + summs[t];                  \
    }

#define KERN_X4(xv, xs, type)                                                                  \
    const type *x[4] = {(const type *)(xv), (const type *)((const uint8_t *)(xv) + (xs)),      \
                        (const type *)((const uint8_t *)(xv) + 2 * (xs)),                      \
                        (const type *)((const uint8_t *)(xv) + 3 * (xs))}

KERN_DEF_SIGNED32(kern_vdot_q8_0_avx2, kern_vdot4_q8_0_avx2, struct kern_q8_0, kern_codes_q8_0)
/*
 * Q4_0: llama.cpp repacks 2-D Q4_0 weights and expert stacks on AVX2/AVX-512 machines
 * (q4_0_8x8, repack.cpp); its gemv and gemm both add one fma per block of the block's exact
 * integer sum: acc = fma(isum, dw*dx, acc). The 3-D per-head products it does not repack
 * (MLA's attn_k_b/attn_v_b) keep ggml's 8-lane order; engine/model.c does those itself.
 */
/* Integer sums of 4 blocks' lanes (exact), [b0 b1 b2 b3]. */
KERN_AVX2 static inline __m128i kern_isum4(__m256i d0, __m256i d1, __m256i d2, __m256i d3)
{
    const __m256i s = _mm256_hadd_epi32(_mm256_hadd_epi32(d0, d1), _mm256_hadd_epi32(d2, d3));
    return _mm_add_epi32(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
}

KERN_AVX2 static float kern_vdot_q4_0_avx2(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q4_0 *w = wv;
    const struct kern_xq8 *x = xv;
    float acc = 0;
    int64_t i = 0;
    /* the block sums four at a time (independent work), then the fma chain in block order */
    for (; i + 4 <= nb; i += 4) {
        int32_t is[4];
        _mm_storeu_si128((__m128i *)is,
                         kern_isum4(kern_dot_i8(kern_codes_q4_0(&w[i]), KERN_XQ(x[i])),
                                    kern_dot_i8(kern_codes_q4_0(&w[i + 1]), KERN_XQ(x[i + 1])),
                                    kern_dot_i8(kern_codes_q4_0(&w[i + 2]), KERN_XQ(x[i + 2])),
                                    kern_dot_i8(kern_codes_q4_0(&w[i + 3]), KERN_XQ(x[i + 3]))));
        _Pragma("GCC unroll 4") for (int u = 0; u < 4; u++)
            acc = fmaf((float)is[u], kern_h2f(w[i + u].d) * x[i + u].d, acc);
    }
    for (; i < nb; i++) {
        const int isum = kern_hsum_i32(kern_dot_i8(kern_codes_q4_0(&w[i]), KERN_XQ(x[i])));
        acc = fmaf((float)isum, kern_h2f(w[i].d) * x[i].d, acc);
    }
    return acc;
}

/* 4 rows against one token (decode): the rows' block sums come out of one hadd tree and each
 * row's fma chain runs in its own lane, the same arithmetic as the 1-row dot. */
KERN_AVX2 static void kern_vdotr4_q4_0_avx2(const void *wv, size_t ws, const void *xv, int64_t nb,
                                            float out[4])
{
    const struct kern_q4_0 *w[4] = {wv, (const void *)((const uint8_t *)wv + ws),
                                    (const void *)((const uint8_t *)wv + 2 * ws),
                                    (const void *)((const uint8_t *)wv + 3 * ws)};
    const struct kern_xq8 *x = xv;
    __m128 acc = _mm_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        const __m256i qx = KERN_XQ(x[i]);
        const __m128i is = kern_isum4(kern_dot_i8(kern_codes_q4_0(&w[0][i]), qx),
                                      kern_dot_i8(kern_codes_q4_0(&w[1][i]), qx),
                                      kern_dot_i8(kern_codes_q4_0(&w[2][i]), qx),
                                      kern_dot_i8(kern_codes_q4_0(&w[3][i]), qx));
        const __m128 d = _mm_mul_ps(_mm_setr_ps(kern_h2f(w[0][i].d), kern_h2f(w[1][i].d),
                                                kern_h2f(w[2][i].d), kern_h2f(w[3][i].d)),
                                    _mm_set1_ps(x[i].d));
        acc = _mm_fmadd_ps(_mm_cvtepi32_ps(is), d, acc);
    }
    _mm_storeu_ps(out, acc);
}

KERN_AVX2 static void kern_vdot4_q4_0_avx2(const void *wv, const void *xv, size_t xs, int64_t nb, float out[4])
{
    const struct kern_q4_0 *w = wv;
    KERN_X4(xv, xs, struct kern_xq8);
    float acc[4] = {0, 0, 0, 0};
    for (int64_t i = 0; i < nb; i++) {
        const __m256i qw = kern_codes_q4_0(&w[i]);
        const __m256i aw = _mm256_sign_epi8(qw, qw);
        const float wd = kern_h2f(w[i].d);
        _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) {
            const __m256i sx = _mm256_sign_epi8(KERN_XQ(x[t][i]), qw);
            acc[t] = fmaf((float)kern_hsum_i32(kern_dot_u8(aw, sx)), wd * x[t][i].d, acc[t]);
        }
    }
    _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) out[t] = acc[t];
}
KERN_DEF_SIGNED32(kern_vdot_q5_0_avx2, kern_vdot4_q5_0_avx2, struct kern_q5_0, kern_codes_q5_0)
KERN_DEF_MIN32(kern_vdot_q4_1_avx2, kern_vdot4_q4_1_avx2, struct kern_q4_1, kern_codes_q4_1, 0)
KERN_DEF_MIN32(kern_vdot_q5_1_avx2, kern_vdot4_q5_1_avx2, struct kern_q5_1, kern_codes_q5_1, 1)

/* Q4_K/Q5_K: the integer lanes of one super-block (ggml's sumi). */
KERN_AVX2 static inline __m256i kern_q4k_sumi(const struct kern_q4_k *w, const int8_t *xs, const uint8_t sc[8])
{
    const __m256i m4 = _mm256_set1_epi8(0x0F);
    __m256i sumi = _mm256_setzero_si256();
    _Pragma("GCC unroll 4") for (int j = 0; j < 4; j++) {
        const __m256i q = _mm256_loadu_si256((const __m256i *)(w->qs + 32 * j));
        const __m256i lo = _mm256_and_si256(q, m4);
        const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), m4);
        const __m256i pl = _mm256_madd_epi16(_mm256_set1_epi16(sc[2 * j]),
                                             _mm256_maddubs_epi16(lo, _mm256_loadu_si256((const __m256i *)(xs + 64 * j))));
        const __m256i ph = _mm256_madd_epi16(_mm256_set1_epi16(sc[2 * j + 1]),
                                             _mm256_maddubs_epi16(hi, _mm256_loadu_si256((const __m256i *)(xs + 64 * j + 32))));
        sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(pl, ph));
    }
    return sumi;
}

KERN_AVX2 static inline __m256i kern_q5k_sumi(const struct kern_q5_k *w, const int8_t *xs, const uint8_t sc[8])
{
    const __m256i m4 = _mm256_set1_epi8(0x0F), one = _mm256_set1_epi8(1);
    const __m256i hb = _mm256_loadu_si256((const __m256i *)w->qh);
    __m256i sumi = _mm256_setzero_si256();
    _Pragma("GCC unroll 4") for (int j = 0; j < 4; j++) {
        const __m256i q = _mm256_loadu_si256((const __m256i *)(w->qs + 32 * j));
        const __m128i sh0 = _mm_cvtsi32_si128(2 * j), sh1 = _mm_cvtsi32_si128(2 * j + 1);
        const __m256i h0 = _mm256_slli_epi16(_mm256_and_si256(_mm256_srl_epi16(hb, sh0), one), 4);
        const __m256i h1 = _mm256_slli_epi16(_mm256_and_si256(_mm256_srl_epi16(hb, sh1), one), 4);
        const __m256i lo = _mm256_or_si256(_mm256_and_si256(q, m4), h0);
        const __m256i hi = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(q, 4), m4), h1);
        const __m256i pl = _mm256_madd_epi16(_mm256_set1_epi16(sc[2 * j]),
                                             _mm256_maddubs_epi16(lo, _mm256_loadu_si256((const __m256i *)(xs + 64 * j))));
        const __m256i ph = _mm256_madd_epi16(_mm256_set1_epi16(sc[2 * j + 1]),
                                             _mm256_maddubs_epi16(hi, _mm256_loadu_si256((const __m256i *)(xs + 64 * j + 32))));
        sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(pl, ph));
    }
    return sumi;
}

/* ggml's 4 lanes of min terms: mins[2k..2k+1] against the pair sums of bsums */
KERN_AVX2 static inline __m128i kern_k4_mprod(const uint8_t mn[8], const int16_t *bsums)
{
    uint64_t m8;
    memcpy(&m8, mn, 8);
    const __m128i mins = _mm_cvtepu8_epi16(_mm_cvtsi64_si128((long long)m8));
    const __m128i pairs = _mm_hadd_epi16(_mm_loadu_si128((const __m128i *)bsums),
                                         _mm_loadu_si128((const __m128i *)(bsums + 8)));
    return _mm_madd_epi16(mins, pairs);
}

KERN_AVX2 static inline int kern_hsum_i32_4(__m128i a)
{
    a = _mm_add_epi32(a, _mm_unpackhi_epi64(a, a));
    a = _mm_add_epi32(a, _mm_shuffle_epi32(a, 0xb1));
    return _mm_cvtsi128_si32(a);
}

KERN_AVX2 static inline int kern_hsum_i32x4(__m128i s)
{
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1));
    return _mm_cvtsi128_si32(s);
}

KERN_AVX2 static inline float kern_hsum128(__m128 v)
{
    v = _mm_add_ps(v, _mm_movehl_ps(v, v));
    v = _mm_add_ss(v, _mm_movehdup_ps(v));
    return _mm_cvtss_f32(v);
}

/*
 * Q4_K: llama.cpp repacks Q4_K weights on AVX2/AVX-512 machines (q4_K_8x8, repack.cpp) and its
 * gemv/gemm add one exact integer sum per super-block: acc = fma(isum, dw*dx, acc), mins in a
 * second such chain, result acc - accm. The same order here keeps products bit-identical
 * with the reference (the lane-wise order of ggml's unpacked kernel flipped f16 cache entries).
 */
KERN_AVX2 static float kern_vdot_q4_k_avx2(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q4_k *w = wv;
    const struct kern_q8_k *x = xv;
    float acc = 0, accm = 0;
    for (int64_t i = 0; i < nb; i++) {
        uint8_t sc[8], mn[8];
        kern_k4_scales(w[i].scales, sc, mn);
        const int isum = kern_hsum_i32(kern_q4k_sumi(&w[i], x[i].qs, sc));
        const int imin = kern_hsum_i32x4(kern_k4_mprod(mn, x[i].bsums));
        acc = fmaf((float)isum, kern_h2f(w[i].d) * x[i].d, acc);
        accm = fmaf((float)imin, kern_h2f(w[i].dmin) * x[i].d, accm);
    }
    return acc - accm;
}

KERN_AVX2 static void kern_vdot4_q4_k_avx2(const void *wv, const void *xv, size_t xs, int64_t nb, float out[4])
{
    /* llama.cpp's repacked gemm (groups of 4 tokens) adds one fma per 64-element pair of
     * sub-blocks, not one per super-block as its gemv (the 1-token kernel above) does */
    const struct kern_q4_k *w = wv;
    KERN_X4(xv, xs, struct kern_q8_k);
    float acc[4] = {0, 0, 0, 0}, acc_m[4] = {0, 0, 0, 0};
    const __m256i m4 = _mm256_set1_epi8(0x0F);
    for (int64_t i = 0; i < nb; i++) {
        uint8_t sc[8], mn[8];
        kern_k4_scales(w[i].scales, sc, mn);
        const float wd = kern_h2f(w[i].d), wm = kern_h2f(w[i].dmin);
        int32_t imin[4][4];
        float dd[4], dm[4];
        _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) {
            _mm_storeu_si128((__m128i *)imin[t], kern_k4_mprod(mn, x[t][i].bsums));
            dd[t] = wd * x[t][i].d;
            dm[t] = wm * x[t][i].d;
        }
        _Pragma("GCC unroll 4") for (int j = 0; j < 4; j++) {
            const __m256i q = _mm256_loadu_si256((const __m256i *)(w[i].qs + 32 * j));
            const __m256i lo = _mm256_and_si256(q, m4);
            const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), m4);
            const __m256i slo = _mm256_set1_epi16(sc[2 * j]), shi = _mm256_set1_epi16(sc[2 * j + 1]);
            _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) {
                const int8_t *xq = x[t][i].qs + 64 * j;
                const __m256i pl = _mm256_madd_epi16(slo, _mm256_maddubs_epi16(lo, _mm256_loadu_si256((const __m256i *)xq)));
                const __m256i ph = _mm256_madd_epi16(shi, _mm256_maddubs_epi16(hi, _mm256_loadu_si256((const __m256i *)(xq + 32))));
                acc[t] = fmaf((float)kern_hsum_i32(_mm256_add_epi32(pl, ph)), dd[t], acc[t]);
                acc_m[t] = fmaf((float)imin[t][j], dm[t], acc_m[t]);
            }
        }
    }
    _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) out[t] = acc[t] - acc_m[t];
}

KERN_AVX2 static float kern_vdot_q5_k_avx2(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q5_k *w = wv;
    const struct kern_q8_k *x = xv;
    __m256 acc = _mm256_setzero_ps();
    float summs = 0;
    for (int64_t i = 0; i < nb; i++) {
        const float d = x[i].d * kern_h2f(w[i].d), dmin = -x[i].d * kern_h2f(w[i].dmin);
        uint8_t sc[8], mn[8];
        kern_k4_scales(w[i].scales, sc, mn);
        summs = fmaf(dmin, (float)kern_hsum_i32_4(kern_k4_mprod(mn, x[i].bsums)), summs);
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(kern_q5k_sumi(&w[i], x[i].qs, sc)), acc);
    }
    return kern_hsum256(acc) + summs;
}
KERN_AVX2 static void kern_vdot4_q5_k_avx2(const void *wv, const void *xv, size_t xs, int64_t nb, float out[4])
{
    const struct kern_q5_k *w = wv;
    KERN_X4(xv, xs, struct kern_q8_k);
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    float summs[4] = {0, 0, 0, 0};
    const __m256i m4 = _mm256_set1_epi8(0x0F), one = _mm256_set1_epi8(1);
    for (int64_t i = 0; i < nb; i++) {
        uint8_t sc[8], mn[8];
        kern_k4_scales(w[i].scales, sc, mn);
        const float wd = kern_h2f(w[i].d), wm = kern_h2f(w[i].dmin);
        const __m256i hb = _mm256_loadu_si256((const __m256i *)w[i].qh);
        __m256i sumi[4] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(),
                           _mm256_setzero_si256()};
        _Pragma("GCC unroll 4") for (int j = 0; j < 4; j++) {
            const __m256i q = _mm256_loadu_si256((const __m256i *)(w[i].qs + 32 * j));
            const __m128i sh0 = _mm_cvtsi32_si128(2 * j), sh1 = _mm_cvtsi32_si128(2 * j + 1);
            const __m256i h0 = _mm256_slli_epi16(_mm256_and_si256(_mm256_srl_epi16(hb, sh0), one), 4);
            const __m256i h1 = _mm256_slli_epi16(_mm256_and_si256(_mm256_srl_epi16(hb, sh1), one), 4);
            const __m256i lo = _mm256_or_si256(_mm256_and_si256(q, m4), h0);
            const __m256i hi = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(q, 4), m4), h1);
            const __m256i slo = _mm256_set1_epi16(sc[2 * j]), shi = _mm256_set1_epi16(sc[2 * j + 1]);
            _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) {
                const int8_t *xq = x[t][i].qs + 64 * j;
                const __m256i pl = _mm256_madd_epi16(slo, _mm256_maddubs_epi16(lo, _mm256_loadu_si256((const __m256i *)xq)));
                const __m256i ph = _mm256_madd_epi16(shi, _mm256_maddubs_epi16(hi, _mm256_loadu_si256((const __m256i *)(xq + 32))));
                sumi[t] = _mm256_add_epi32(sumi[t], _mm256_add_epi32(pl, ph));
            }
        }
        _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) {
            const float d = x[t][i].d * wd, dmin = -x[t][i].d * wm;
            summs[t] = fmaf(dmin, (float)kern_hsum_i32_4(kern_k4_mprod(mn, x[t][i].bsums)), summs[t]);
            acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sumi[t]), acc[t]);
        }
    }
    _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) out[t] = kern_hsum256(acc[t]) + summs[t];
}

/* Q6_K: ggml's lanes, with 32*x taken off each product pair before the scale (not via bsums). */
struct kern_q6k_codes { __m256i q[4]; __m256i s[4]; };

KERN_AVX2 static inline void kern_q6k_half(const struct kern_q6_k *w, int n, struct kern_q6k_codes *c)
{
    const __m256i m4 = _mm256_set1_epi8(0x0F), m2 = _mm256_set1_epi8(3);
    const __m256i l0 = _mm256_loadu_si256((const __m256i *)(w->ql + 64 * n));
    const __m256i l1 = _mm256_loadu_si256((const __m256i *)(w->ql + 64 * n + 32));
    const __m256i h = _mm256_loadu_si256((const __m256i *)(w->qh + 32 * n));
    c->q[0] = _mm256_or_si256(_mm256_and_si256(l0, m4), _mm256_slli_epi16(_mm256_and_si256(h, m2), 4));
    c->q[1] = _mm256_or_si256(_mm256_and_si256(l1, m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 2), m2), 4));
    c->q[2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l0, 4), m4),
                              _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 4), m2), 4));
    c->q[3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l1, 4), m4),
                              _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 6), m2), 4));
    const int8_t *s = w->scales + 8 * n;
    _Pragma("GCC unroll 4") for (int g = 0; g < 4; g++)
        c->s[g] = _mm256_set_m128i(_mm_set1_epi16(s[2 * g + 1]), _mm_set1_epi16(s[2 * g]));
}

KERN_AVX2 static inline __m256i kern_q6k_lanes(const struct kern_q6k_codes *c, const int8_t *xq, __m256i sumi)
{
    const __m256i m32s = _mm256_set1_epi8(32);
    __m256i p[4];
    _Pragma("GCC unroll 4") for (int g = 0; g < 4; g++) {
        const __m256i xv = _mm256_loadu_si256((const __m256i *)(xq + 32 * g));
        const __m256i p16 = _mm256_sub_epi16(_mm256_maddubs_epi16(c->q[g], xv), _mm256_maddubs_epi16(m32s, xv));
        p[g] = _mm256_madd_epi16(c->s[g], p16);
    }
    sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(p[0], p[1]));
    return _mm256_add_epi32(sumi, _mm256_add_epi32(p[2], p[3]));
}

KERN_AVX2 static float kern_vdot_q6_k_avx2(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q6_k *w = wv;
    const struct kern_q8_k *x = xv;
    __m256 acc = _mm256_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        const float d = x[i].d * kern_h2f(w[i].d);
        __m256i sumi = _mm256_setzero_si256();
        _Pragma("GCC unroll 2") for (int n = 0; n < 2; n++) {
            struct kern_q6k_codes c;
            kern_q6k_half(&w[i], n, &c);
            sumi = kern_q6k_lanes(&c, x[i].qs + 128 * n, sumi);
        }
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sumi), acc);
    }
    return kern_hsum256(acc);
}

KERN_AVX2 static void kern_vdot4_q6_k_avx2(const void *wv, const void *xv, size_t xs, int64_t nb, float out[4])
{
    const struct kern_q6_k *w = wv;
    KERN_X4(xv, xs, struct kern_q8_k);
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    for (int64_t i = 0; i < nb; i++) {
        const float wd = kern_h2f(w[i].d);
        __m256i sumi[4] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(),
                           _mm256_setzero_si256()};
        _Pragma("GCC unroll 2") for (int n = 0; n < 2; n++) {
            struct kern_q6k_codes c;
            kern_q6k_half(&w[i], n, &c);
            _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) sumi[t] = kern_q6k_lanes(&c, x[t][i].qs + 128 * n, sumi[t]);
        }
        _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++)
            acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(x[t][i].d * wd), _mm256_cvtepi32_ps(sumi[t]), acc[t]);
    }
    _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) out[t] = kern_hsum256(acc[t]);
}

KERN_AVX2 static float kern_vdot_q2_k_avx2(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q2_k *w = wv;
    const struct kern_q8_k *x = xv;
    __m256 acc = _mm256_setzero_ps();
    float accm = 0;
    const __m256i m2 = _mm256_set1_epi8(3);
    for (int64_t i = 0; i < nb; i++) {
        const __m128i sc8 = _mm_loadu_si128((const __m128i *)w[i].scales);
        /* mins (high nibbles) times the 16-element sums of x */
        const __m256i mins = _mm256_cvtepu8_epi16(_mm_and_si128(_mm_srli_epi16(sc8, 4), _mm_set1_epi8(0x0F)));
        const int msum = kern_hsum_i32(_mm256_madd_epi16(mins, _mm256_loadu_si256((const __m256i *)x[i].bsums)));
        uint8_t sc[16];
        for (int g = 0; g < 16; g++) sc[g] = w[i].scales[g] & 0xF;
        __m256i sumi = _mm256_setzero_si256();
        _Pragma("GCC unroll 2") for (int n = 0; n < 2; n++) {
            const __m256i q = _mm256_loadu_si256((const __m256i *)(w[i].qs + 32 * n));
            for (int s = 0; s < 4; s++) {
                const __m256i qs = _mm256_and_si256(_mm256_srl_epi16(q, _mm_cvtsi32_si128(2 * s)), m2);
                const __m256i xs = _mm256_loadu_si256((const __m256i *)(x[i].qs + 128 * n + 32 * s));
                const int g = 8 * n + 2 * s;
                const __m256i scv = _mm256_set_m128i(_mm_set1_epi16(sc[g + 1]), _mm_set1_epi16(sc[g]));
                sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(_mm256_maddubs_epi16(qs, xs), scv));
            }
        }
        acc = _mm256_fmadd_ps(_mm256_set1_ps(x[i].d * kern_h2f(w[i].d)), _mm256_cvtepi32_ps(sumi), acc);
        accm += x[i].d * kern_h2f(w[i].dmin) * (float)msum;
    }
    return kern_hsum256(acc) - accm;
}

KERN_AVX2 static float kern_vdot_q3_k_avx2(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q3_k *w = wv;
    const struct kern_q8_k *x = xv;
    __m256 acc = _mm256_setzero_ps();
    const __m256i m2 = _mm256_set1_epi8(3), one = _mm256_set1_epi8(1);
    for (int64_t i = 0; i < nb; i++) {
        int8_t sc[16];
        const uint32_t kmask1 = 0x03030303u, kmask2 = 0x0f0f0f0fu;
        uint32_t aux[4];
        memcpy(aux, w[i].scales, 12);
        const uint32_t tmp = aux[2];
        aux[2] = ((aux[0] >> 4) & kmask2) | (((tmp >> 4) & kmask1) << 4);
        aux[3] = ((aux[1] >> 4) & kmask2) | (((tmp >> 6) & kmask1) << 4);
        aux[0] = (aux[0] & kmask2) | (((tmp >> 0) & kmask1) << 4);
        aux[1] = (aux[1] & kmask2) | (((tmp >> 2) & kmask1) << 4);
        memcpy(sc, aux, 16);
        /* codes q2 + 4*hbit in 0..7 stand for q2 + 4*hbit - 4: take 4 * sum_g sc_g bsum_g off */
        int bias = 0;
        for (int g = 0; g < 16; g++) {
            sc[g] = (int8_t)(sc[g] - 32);
            bias += sc[g] * x[i].bsums[g];
        }
        const __m256i hm = _mm256_loadu_si256((const __m256i *)w[i].hmask);
        __m256i sumi = _mm256_setr_epi32(-4 * bias, 0, 0, 0, 0, 0, 0, 0);
        _Pragma("GCC unroll 2") for (int n = 0; n < 2; n++) {
            const __m256i q = _mm256_loadu_si256((const __m256i *)(w[i].qs + 32 * n));
            for (int s = 0; s < 4; s++) {
                const __m256i q2 = _mm256_and_si256(_mm256_srl_epi16(q, _mm_cvtsi32_si128(2 * s)), m2);
                const __m256i h = _mm256_and_si256(_mm256_srl_epi16(hm, _mm_cvtsi32_si128(4 * n + s)), one);
                const __m256i qv = _mm256_or_si256(q2, _mm256_slli_epi16(h, 2));
                const __m256i xs = _mm256_loadu_si256((const __m256i *)(x[i].qs + 128 * n + 32 * s));
                const int g = 8 * n + 2 * s;
                const __m256i scv = _mm256_set_m128i(_mm_set1_epi16(sc[g + 1]), _mm_set1_epi16(sc[g]));
                sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(_mm256_maddubs_epi16(qv, xs), scv));
            }
        }
        acc = _mm256_fmadd_ps(_mm256_set1_ps(x[i].d * kern_h2f(w[i].d)), _mm256_cvtepi32_ps(sumi), acc);
    }
    return kern_hsum256(acc);
}

/* ---- 4 tokens at a time (prefill): each weight block is decoded once for all 4 ---- */



/* Float weights, 4 tokens: one load (and conversion) of w feeds 4 tokens' FMAs; each token
 * keeps the 16-lane order of the 1-token kernel. n = elements. */
#define KERN_VDOT4_FLOAT(name, wtype, LD, GET)                                                 \
    KERN_AVX2 static void name(const void *wv, const void *xv, size_t xs, int64_t n,           \
                               float out[4])                                                   \
    {                                                                                          \
        const wtype *w = wv;                                                                   \
        KERN_X4(xv, xs, float);                                                                \
        __m256 lo[4], hi[4];                                                                   \
        _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) lo[t] = hi[t] = _mm256_setzero_ps();                       \
        int64_t i = 0;                                                                         \
        for (; i + 16 <= n; i += 16) {                                                         \
            const __m256 w0 = LD(w);                                                           \
            i += 8;                                                                            \
            const __m256 w1 = LD(w);                                                           \
            i -= 8;                                                                            \
            _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) {                                                      \
                lo[t] = _mm256_fmadd_ps(w0, _mm256_loadu_ps(x[t] + i), lo[t]);                 \
                hi[t] = _mm256_fmadd_ps(w1, _mm256_loadu_ps(x[t] + i + 8), hi[t]);             \
            }                                                                                  \
        }                                                                                      \
        _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) out[t] = kern_reduce16(lo[t], hi[t]);                      \
        for (; i < n; i++)                                                                     \
            _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) out[t] += GET(w) * x[t][i];                            \
    }

KERN_VDOT4_FLOAT(kern_vdot4_f32_avx2, float, KERN_LD_F32, KERN_GET_F32)
KERN_VDOT4_FLOAT(kern_vdot4_f16_avx2, uint16_t, KERN_LD_F16, KERN_GET_F16)
KERN_VDOT4_FLOAT(kern_vdot4_bf16_avx2, uint16_t, KERN_LD_BF16, KERN_GET_BF16)

/* A value kept in a register: without this GCC folds the x load into both rows' FMAs as a
 * memory operand, loading it twice, which undoes the point of a 2-row tile. */
#define KERN_KEEP(v) __asm__("" : "+x"(v))

/* Float weights, 2 rows x 4 tokens: each x load feeds both rows and each w load 4 tokens (6
 * loads per 8 FMAs instead of 10 per 8). The 16 lo/hi accumulators of the dot4 order do not
 * fit in 16 registers at once, so the lo lanes (elements 16i..16i+7) run first and the hi lanes
 * second; each accumulator still sees the same FMAs in the same order as in dot4, so every
 * output is dot4's number to the bit. n = elements. */
#define KERN_VDOT4R2_FLOAT(name, wtype, LD, GET)                                               \
    KERN_AVX2 static void name(const void *wv, size_t ws, const void *xv, size_t xs,           \
                               int64_t n, float out[8])                                        \
    {                                                                                          \
        const wtype *w[2] = {(const wtype *)wv, (const wtype *)((const uint8_t *)wv + ws)};    \
        KERN_X4(xv, xs, float);                                                                \
        const int64_t n16 = n / 16 * 16;                                                       \
        __m256 lo[2][4], hi[2][4];                                                             \
        for (int half = 0; half < 2; half++) {                                                 \
            __m256 a00 = _mm256_setzero_ps(), a01 = a00, a02 = a00, a03 = a00;                 \
            __m256 a10 = a00, a11 = a00, a12 = a00, a13 = a00;                                 \
            for (int64_t i = 8 * half; i < n16; i += 16) {                                     \
                const __m256 w0 = LD(w[0]), w1 = LD(w[1]);                                     \
                __m256 xv0 = _mm256_loadu_ps(x[0] + i); KERN_KEEP(xv0);                        \
                a00 = _mm256_fmadd_ps(w0, xv0, a00);                                           \
                a10 = _mm256_fmadd_ps(w1, xv0, a10);                                           \
                xv0 = _mm256_loadu_ps(x[1] + i); KERN_KEEP(xv0);                               \
                a01 = _mm256_fmadd_ps(w0, xv0, a01);                                           \
                a11 = _mm256_fmadd_ps(w1, xv0, a11);                                           \
                xv0 = _mm256_loadu_ps(x[2] + i); KERN_KEEP(xv0);                               \
                a02 = _mm256_fmadd_ps(w0, xv0, a02);                                           \
                a12 = _mm256_fmadd_ps(w1, xv0, a12);                                           \
                xv0 = _mm256_loadu_ps(x[3] + i); KERN_KEEP(xv0);                               \
                a03 = _mm256_fmadd_ps(w0, xv0, a03);                                           \
                a13 = _mm256_fmadd_ps(w1, xv0, a13);                                           \
            }                                                                                  \
            __m256(*dst)[4] = half ? hi : lo;                                                  \
            dst[0][0] = a00, dst[0][1] = a01, dst[0][2] = a02, dst[0][3] = a03;                \
            dst[1][0] = a10, dst[1][1] = a11, dst[1][2] = a12, dst[1][3] = a13;                \
        }                                                                                      \
        for (int r = 0; r < 2; r++)                                                            \
            _Pragma("GCC unroll 4") for (int t = 0; t < 4; t++) {                              \
                float o = kern_reduce16(lo[r][t], hi[r][t]);                                   \
                for (int64_t i = n16; i < n; i++) o += GET(w[r]) * x[t][i];                    \
                out[r * 4 + t] = o;                                                            \
            }                                                                                  \
    }

KERN_VDOT4R2_FLOAT(kern_vdot4r2_f32_avx2, float, KERN_LD_F32, KERN_GET_F32)
KERN_VDOT4R2_FLOAT(kern_vdot4r2_f16_avx2, uint16_t, KERN_LD_F16, KERN_GET_F16)
KERN_VDOT4R2_FLOAT(kern_vdot4r2_bf16_avx2, uint16_t, KERN_LD_BF16, KERN_GET_BF16)

/* Float weights, 4 rows against one x: one load of x feeds 4 rows' FMAs; each row keeps the
 * 16-lane order of the 1-row kernel. n = elements. */
#define KERN_VDOTR4_FLOAT(name, wtype, LD, GET)                                                \
    KERN_AVX2 static void name(const void *wv, size_t ws, const void *xv, int64_t n,           \
                               float out[4])                                                   \
    {                                                                                          \
        const wtype *w[4] = {(const wtype *)wv, (const wtype *)((const uint8_t *)wv + ws),     \
                             (const wtype *)((const uint8_t *)wv + 2 * ws),                    \
                             (const wtype *)((const uint8_t *)wv + 3 * ws)};                   \
        const float *x = xv;                                                                   \
        __m256 lo[4], hi[4];                                                                   \
        _Pragma("GCC unroll 4") for (int r = 0; r < 4; r++) lo[r] = hi[r] = _mm256_setzero_ps();                       \
        int64_t i = 0;                                                                         \
        for (; i + 16 <= n; i += 16) {                                                         \
            const __m256 x0 = _mm256_loadu_ps(x + i), x1 = _mm256_loadu_ps(x + i + 8);        \
            _Pragma("GCC unroll 4") for (int r = 0; r < 4; r++) lo[r] = _mm256_fmadd_ps(LD(w[r]), x0, lo[r]);          \
            i += 8;                                                                            \
            _Pragma("GCC unroll 4") for (int r = 0; r < 4; r++) hi[r] = _mm256_fmadd_ps(LD(w[r]), x1, hi[r]);          \
            i -= 8;                                                                            \
        }                                                                                      \
        _Pragma("GCC unroll 4") for (int r = 0; r < 4; r++) out[r] = kern_reduce16(lo[r], hi[r]);                      \
        for (; i < n; i++)                                                                     \
            _Pragma("GCC unroll 4") for (int r = 0; r < 4; r++) out[r] += GET(w[r]) * x[i];                            \
    }

KERN_VDOTR4_FLOAT(kern_vdotr4_f32_avx2, float, KERN_LD_F32, KERN_GET_F32)
KERN_VDOTR4_FLOAT(kern_vdotr4_f16_avx2, uint16_t, KERN_LD_F16, KERN_GET_F16)
KERN_VDOTR4_FLOAT(kern_vdotr4_bf16_avx2, uint16_t, KERN_LD_BF16, KERN_GET_BF16)

void kern_dots_avx2_get(struct kern_dot_table *t)
{
    t->dot[KERN_F32] = kern_vdot_f32_avx2;
    t->dot[KERN_F16] = kern_vdot_f16_avx2;
    t->dot[KERN_BF16] = kern_vdot_bf16_avx2;
    t->dot[KERN_Q8_0] = kern_vdot_q8_0_avx2;
    t->dot[KERN_Q4_0] = kern_vdot_q4_0_avx2;
    t->dot[KERN_Q4_1] = kern_vdot_q4_1_avx2;
    t->dot[KERN_Q5_0] = kern_vdot_q5_0_avx2;
    t->dot[KERN_Q5_1] = kern_vdot_q5_1_avx2;
    t->dot[KERN_Q2_K] = kern_vdot_q2_k_avx2;
    t->dot[KERN_Q3_K] = kern_vdot_q3_k_avx2;
    t->dot[KERN_Q4_K] = kern_vdot_q4_k_avx2;
    t->dot[KERN_Q5_K] = kern_vdot_q5_k_avx2;
    t->dot[KERN_Q6_K] = kern_vdot_q6_k_avx2;
    t->dotr4[KERN_F32] = kern_vdotr4_f32_avx2;
    t->dotr4[KERN_F16] = kern_vdotr4_f16_avx2;
    t->dotr4[KERN_BF16] = kern_vdotr4_bf16_avx2;
    t->dot4[KERN_F32] = kern_vdot4_f32_avx2;
    t->dot4[KERN_F16] = kern_vdot4_f16_avx2;
    t->dot4[KERN_BF16] = kern_vdot4_bf16_avx2;
    t->dot4r2[KERN_F32] = kern_vdot4r2_f32_avx2;
    t->dot4r2[KERN_F16] = kern_vdot4r2_f16_avx2;
    t->dot4r2[KERN_BF16] = kern_vdot4r2_bf16_avx2;
    t->dot4[KERN_Q5_1] = kern_vdot4_q5_1_avx2;
    t->dot4[KERN_Q4_1] = kern_vdot4_q4_1_avx2;
    t->dot4[KERN_Q5_K] = kern_vdot4_q5_k_avx2;
    t->dot4[KERN_Q8_0] = kern_vdot4_q8_0_avx2;
    t->dot4[KERN_Q4_0] = kern_vdot4_q4_0_avx2;
    t->dotr4[KERN_Q4_0] = kern_vdotr4_q4_0_avx2;
    t->dot4[KERN_Q5_0] = kern_vdot4_q5_0_avx2;
    t->dot4[KERN_Q4_K] = kern_vdot4_q4_k_avx2;
    t->dot4[KERN_Q6_K] = kern_vdot4_q6_k_avx2;
    t->quant_x8 = kern_quant_x8_avx2;
    t->quant_x8k = kern_quant_q8k_avx2;
}
