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
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 16 <= n; i += 16) {
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
        s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), s1);
    }
    for (; i + 8 <= n; i += 8)
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
    float sum = kern_hsum256(_mm256_add_ps(s0, s1));
    for (; i < n; i++) sum += a[i] * b[i];
    return sum;
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

/* exp(x) for x <= ~88, relative error ~2 ulp: Cephes-style range reduction and polynomial. */
KERN_AVX2 static inline __m256 kern_exp256(__m256 x)
{
    const __m256 hi = _mm256_set1_ps(88.3762626647949f), lo = _mm256_set1_ps(-87.3365478515625f);
    x = _mm256_max_ps(_mm256_min_ps(x, hi), lo);
    __m256 fx = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                                _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    x = _mm256_fnmadd_ps(fx, _mm256_set1_ps(0.693359375f), x);
    x = _mm256_fnmadd_ps(fx, _mm256_set1_ps(-2.12194440e-4f), x);
    __m256 y = _mm256_set1_ps(1.9875691500E-4f);
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(1.3981999507E-3f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(8.3334519073E-3f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(4.1665795894E-2f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(1.6666665459E-1f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(5.0000001201E-1f));
    y = _mm256_fmadd_ps(y, _mm256_mul_ps(x, x), _mm256_add_ps(x, _mm256_set1_ps(1.0f)));
    __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(fx), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(y, _mm256_castsi256_ps(e));
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
    const __m256 vs = _mm256_set1_ps(s);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(dst + i, _mm256_fmadd_ps(vs, _mm256_loadu_ps(x + i), _mm256_loadu_ps(dst + i)));
    for (; i < n; i++) dst[i] += s * x[i];
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
        const float id = d ? 1.0f / d : 0.0f;
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




KERN_AVX2 static float kern_vdot_f32_avx2(const void *w, const void *x, int64_t n)
{
    return kern_dot_f32_avx2(w, x, n);
}

KERN_AVX2 static float kern_vdot_f16_avx2(const void *wv, const void *xv, int64_t n)
{
    const uint16_t *w = wv;
    const float *x = xv;
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 16 <= n; i += 16) {
        s0 = _mm256_fmadd_ps(_mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(w + i))),
                             _mm256_loadu_ps(x + i), s0);
        s1 = _mm256_fmadd_ps(_mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(w + i + 8))),
                             _mm256_loadu_ps(x + i + 8), s1);
    }
    float sum = kern_hsum256(_mm256_add_ps(s0, s1));
    for (; i < n; i++) sum += kern_h2f(w[i]) * x[i];
    return sum;
}

KERN_AVX2 static float kern_vdot_bf16_avx2(const void *wv, const void *xv, int64_t n)
{
    const uint16_t *w = wv;
    const float *x = xv;
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m256i a = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(w + i)));
        __m256i b = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(w + i + 8)));
        s0 = _mm256_fmadd_ps(_mm256_castsi256_ps(_mm256_slli_epi32(a, 16)), _mm256_loadu_ps(x + i), s0);
        s1 = _mm256_fmadd_ps(_mm256_castsi256_ps(_mm256_slli_epi32(b, 16)), _mm256_loadu_ps(x + i + 8), s1);
    }
    float sum = kern_hsum256(_mm256_add_ps(s0, s1));
    for (; i < n; i++) sum += kern_bf16_to_f32(w[i]) * x[i];
    return sum;
}

KERN_AVX2 static float kern_vdot_q8_0_avx2(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q8_0 *w = wv;
    const struct kern_xq8 *x = xv;
    /* two accumulators: the FMA chain's latency, not the int8 work, would bound one */
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 2 <= nb; i += 2) {
        const __m256i qw0 = _mm256_loadu_si256((const __m256i *)w[i].qs);
        const __m256i qx0 = _mm256_loadu_si256((const __m256i *)x[i].qs);
        const __m256i qw1 = _mm256_loadu_si256((const __m256i *)w[i + 1].qs);
        const __m256i qx1 = _mm256_loadu_si256((const __m256i *)x[i + 1].qs);
        acc0 = _mm256_fmadd_ps(_mm256_set1_ps(kern_h2f(w[i].d) * x[i].d),
                               _mm256_cvtepi32_ps(kern_dot_i8(qw0, qx0)), acc0);
        acc1 = _mm256_fmadd_ps(_mm256_set1_ps(kern_h2f(w[i + 1].d) * x[i + 1].d),
                               _mm256_cvtepi32_ps(kern_dot_i8(qw1, qx1)), acc1);
    }
    for (; i < nb; i++) {
        const __m256i qw = _mm256_loadu_si256((const __m256i *)w[i].qs);
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[i].qs);
        const __m256 d = _mm256_set1_ps(kern_h2f(w[i].d) * x[i].d);
        acc0 = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(kern_dot_i8(qw, qx)), acc0);
    }
    return kern_hsum256(_mm256_add_ps(acc0, acc1));
}

KERN_AVX2 static float kern_vdot_q4_0_avx2(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q4_0 *w = wv;
    const struct kern_xq8 *x = xv;
    __m256 acc = _mm256_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        /* sum (q-8)x = sum qx - 8 sum x: codes stay unsigned, no sign juggling */
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[i].qs);
        __m256i p = kern_dot_u8(kern_nibbles(w[i].qs), qx);
        p = _mm256_sub_epi32(p, _mm256_setr_epi32(8 * x[i].sum, 0, 0, 0, 0, 0, 0, 0));
        const __m256 d = _mm256_set1_ps(kern_h2f(w[i].d) * x[i].d);
        acc = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(p), acc);
    }
    return kern_hsum256(acc);
}

KERN_AVX2 static float kern_vdot_q4_1_avx2(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q4_1 *w = wv;
    const struct kern_xq8 *x = xv;
    __m256 acc = _mm256_setzero_ps(), accm = _mm256_setzero_ps(); /* see q5_1 */
    const __m256 lane0 = _mm256_setr_ps(1, 0, 0, 0, 0, 0, 0, 0);
    for (int64_t i = 0; i < nb; i++) {
        const __m256i qw = kern_nibbles(w[i].qs);
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[i].qs);
        const __m256 d = _mm256_set1_ps(kern_h2f(w[i].d) * x[i].d);
        acc = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(kern_dot_u8(qw, qx)), acc);
        accm = _mm256_fmadd_ps(_mm256_set1_ps(kern_h2f(w[i].m) * (x[i].d * (float)x[i].sum)), lane0, accm);
    }
    return kern_hsum256(_mm256_add_ps(acc, accm));
}

KERN_AVX2 static float kern_vdot_q5_0_avx2(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q5_0 *w = wv;
    const struct kern_xq8 *x = xv;
    __m256 acc = _mm256_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        __m256i qw = kern_nibbles(w[i].qs);
        qw = _mm256_or_si256(qw, _mm256_and_si256(kern_bits_to_bytes(w[i].qh), _mm256_set1_epi8(0x10)));
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[i].qs);
        __m256i p = kern_dot_u8(qw, qx); /* codes 0..31; the offset 16 comes off the sum */
        p = _mm256_sub_epi32(p, _mm256_setr_epi32(16 * x[i].sum, 0, 0, 0, 0, 0, 0, 0));
        const __m256 d = _mm256_set1_ps(kern_h2f(w[i].d) * x[i].d);
        acc = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(p), acc);
    }
    return kern_hsum256(acc);
}

KERN_AVX2 static float kern_vdot_q5_1_avx2(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q5_1 *w = wv;
    const struct kern_xq8 *x = xv;
    /* the min terms ride in a second vector accumulator: a scalar float chain across blocks
     * would bound the loop by its add latency */
    __m256 acc = _mm256_setzero_ps(), accm = _mm256_setzero_ps();
    const __m256 lane0 = _mm256_setr_ps(1, 0, 0, 0, 0, 0, 0, 0);
    for (int64_t i = 0; i < nb; i++) {
        __m256i qw = kern_nibbles(w[i].qs);
        qw = _mm256_or_si256(qw, _mm256_and_si256(kern_bits_to_bytes(w[i].qh), _mm256_set1_epi8(0x10)));
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[i].qs);
        const __m256 d = _mm256_set1_ps(kern_h2f(w[i].d) * x[i].d);
        acc = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(kern_dot_u8(qw, qx)), acc);
        accm = _mm256_fmadd_ps(_mm256_set1_ps(kern_h2f(w[i].m) * (x[i].d * (float)x[i].sum)), lane0, accm);
    }
    return kern_hsum256(_mm256_add_ps(acc, accm));
}


KERN_AVX2 static float kern_vdot_q4_k_avx2(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q4_k *w = wv;
    const struct kern_q8_k *x = xv;
    __m256 acc = _mm256_setzero_ps();
    float accm = 0;
    const __m256i m4 = _mm256_set1_epi8(0x0F);
    for (int64_t i = 0; i < nb; i++) {
        uint8_t sc[8], mn[8];
        kern_k4_scales(w[i].scales, sc, mn);
        const int msum = kern_k4_msum(mn, x[i].bsums);
        __m256i sumi = _mm256_setzero_si256();
        for (int j = 0; j < 4; j++) {
            const __m256i q = _mm256_loadu_si256((const __m256i *)(w[i].qs + 32 * j));
            const __m256i lo = _mm256_and_si256(q, m4);
            const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), m4);
            const __m256i x0 = _mm256_loadu_si256((const __m256i *)(x[i].qs + 64 * j));
            const __m256i x1 = _mm256_loadu_si256((const __m256i *)(x[i].qs + 64 * j + 32));
            const __m256i p0 = _mm256_madd_epi16(_mm256_maddubs_epi16(lo, x0), _mm256_set1_epi16(sc[2 * j]));
            const __m256i p1 = _mm256_madd_epi16(_mm256_maddubs_epi16(hi, x1), _mm256_set1_epi16(sc[2 * j + 1]));
            sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(p0, p1));
        }
        const float d = x[i].d * kern_h2f(w[i].d);
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sumi), acc);
        accm += x[i].d * kern_h2f(w[i].dmin) * (float)msum;
    }
    return kern_hsum256(acc) - accm;
}

KERN_AVX2 static float kern_vdot_q5_k_avx2(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q5_k *w = wv;
    const struct kern_q8_k *x = xv;
    __m256 acc = _mm256_setzero_ps();
    float accm = 0;
    const __m256i m4 = _mm256_set1_epi8(0x0F), one = _mm256_set1_epi8(1);
    for (int64_t i = 0; i < nb; i++) {
        uint8_t sc[8], mn[8];
        kern_k4_scales(w[i].scales, sc, mn);
        const int msum = kern_k4_msum(mn, x[i].bsums);
        const __m256i hb = _mm256_loadu_si256((const __m256i *)w[i].qh);
        __m256i sumi = _mm256_setzero_si256();
        for (int j = 0; j < 4; j++) {
            const __m256i q = _mm256_loadu_si256((const __m256i *)(w[i].qs + 32 * j));
            const __m128i sh0 = _mm_cvtsi32_si128(2 * j), sh1 = _mm_cvtsi32_si128(2 * j + 1);
            const __m256i h0 = _mm256_slli_epi16(_mm256_and_si256(_mm256_srl_epi16(hb, sh0), one), 4);
            const __m256i h1 = _mm256_slli_epi16(_mm256_and_si256(_mm256_srl_epi16(hb, sh1), one), 4);
            const __m256i lo = _mm256_or_si256(_mm256_and_si256(q, m4), h0);
            const __m256i hi = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(q, 4), m4), h1);
            const __m256i x0 = _mm256_loadu_si256((const __m256i *)(x[i].qs + 64 * j));
            const __m256i x1 = _mm256_loadu_si256((const __m256i *)(x[i].qs + 64 * j + 32));
            const __m256i p0 = _mm256_madd_epi16(_mm256_maddubs_epi16(lo, x0), _mm256_set1_epi16(sc[2 * j]));
            const __m256i p1 = _mm256_madd_epi16(_mm256_maddubs_epi16(hi, x1), _mm256_set1_epi16(sc[2 * j + 1]));
            sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(p0, p1));
        }
        const float d = x[i].d * kern_h2f(w[i].d);
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sumi), acc);
        accm += x[i].d * kern_h2f(w[i].dmin) * (float)msum;
    }
    return kern_hsum256(acc) - accm;
}

KERN_AVX2 static float kern_vdot_q6_k_avx2(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q6_k *w = wv;
    const struct kern_q8_k *x = xv;
    __m256 acc = _mm256_setzero_ps();
    const __m256i m4 = _mm256_set1_epi8(0x0F), m2 = _mm256_set1_epi8(3);
    for (int64_t i = 0; i < nb; i++) {
        const int8_t *sc = w[i].scales;
        /* sum (q-32)*x = sum q*x - 32 * sum_g sc_g * bsum_g */
        const __m256i sc16 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)sc));
        const __m256i bs = _mm256_loadu_si256((const __m256i *)x[i].bsums);
        __m256i sumi = _mm256_sub_epi32(_mm256_setzero_si256(), _mm256_slli_epi32(_mm256_madd_epi16(bs, sc16), 5));
        for (int n = 0; n < 2; n++) {
            const __m256i l0 = _mm256_loadu_si256((const __m256i *)(w[i].ql + 64 * n));
            const __m256i l1 = _mm256_loadu_si256((const __m256i *)(w[i].ql + 64 * n + 32));
            const __m256i h = _mm256_loadu_si256((const __m256i *)(w[i].qh + 32 * n));
            const __m256i q0 = _mm256_or_si256(_mm256_and_si256(l0, m4), _mm256_slli_epi16(_mm256_and_si256(h, m2), 4));
            const __m256i q1 = _mm256_or_si256(_mm256_and_si256(l1, m4),
                                               _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 2), m2), 4));
            const __m256i q2 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l0, 4), m4),
                                               _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 4), m2), 4));
            const __m256i q3 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l1, 4), m4),
                                               _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 6), m2), 4));
            const int8_t *xs = x[i].qs + 128 * n;
            const int8_t *s = sc + 8 * n;
            const __m256i p0 = _mm256_maddubs_epi16(q0, _mm256_loadu_si256((const __m256i *)(xs + 0)));
            const __m256i p1 = _mm256_maddubs_epi16(q1, _mm256_loadu_si256((const __m256i *)(xs + 32)));
            const __m256i p2 = _mm256_maddubs_epi16(q2, _mm256_loadu_si256((const __m256i *)(xs + 64)));
            const __m256i p3 = _mm256_maddubs_epi16(q3, _mm256_loadu_si256((const __m256i *)(xs + 96)));
            const __m256i s0 = _mm256_set_m128i(_mm_set1_epi16(s[1]), _mm_set1_epi16(s[0]));
            const __m256i s1 = _mm256_set_m128i(_mm_set1_epi16(s[3]), _mm_set1_epi16(s[2]));
            const __m256i s2 = _mm256_set_m128i(_mm_set1_epi16(s[5]), _mm_set1_epi16(s[4]));
            const __m256i s3 = _mm256_set_m128i(_mm_set1_epi16(s[7]), _mm_set1_epi16(s[6]));
            sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(_mm256_madd_epi16(p0, s0), _mm256_madd_epi16(p1, s1)));
            sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(_mm256_madd_epi16(p2, s2), _mm256_madd_epi16(p3, s3)));
        }
        const float d = x[i].d * kern_h2f(w[i].d);
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sumi), acc);
    }
    return kern_hsum256(acc);
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
        for (int n = 0; n < 2; n++) {
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
        for (int n = 0; n < 2; n++) {
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

#define KERN_X4(xv, xs, type)                                                                  \
    const type *x[4] = {(const type *)(xv), (const type *)((const uint8_t *)(xv) + (xs)),      \
                        (const type *)((const uint8_t *)(xv) + 2 * (xs)),                      \
                        (const type *)((const uint8_t *)(xv) + 3 * (xs))}

KERN_AVX2 static void kern_vdot4_q8_0_avx2(const void *wv, const void *xv, size_t xs, int64_t nb,
                                           float out[4])
{
    const struct kern_q8_0 *w = wv;
    KERN_X4(xv, xs, struct kern_xq8);
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    for (int64_t i = 0; i < nb; i++) {
        const __m256i qw = _mm256_loadu_si256((const __m256i *)w[i].qs);
        const __m256i ax = _mm256_sign_epi8(qw, qw);
        const float wd = kern_h2f(w[i].d);
        for (int t = 0; t < 4; t++) {
            const __m256i qx = _mm256_loadu_si256((const __m256i *)x[t][i].qs);
            const __m256i p = kern_dot_u8(ax, _mm256_sign_epi8(qx, qw));
            acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(wd * x[t][i].d), _mm256_cvtepi32_ps(p), acc[t]);
        }
    }
    for (int t = 0; t < 4; t++) out[t] = kern_hsum256(acc[t]);
}

KERN_AVX2 static void kern_vdot4_q4_0_avx2(const void *wv, const void *xv, size_t xs, int64_t nb,
                                           float out[4])
{
    const struct kern_q4_0 *w = wv;
    KERN_X4(xv, xs, struct kern_xq8);
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    for (int64_t i = 0; i < nb; i++) {
        const __m256i qw = kern_nibbles(w[i].qs);
        const float wd = kern_h2f(w[i].d);
        for (int t = 0; t < 4; t++) {
            const __m256i qx = _mm256_loadu_si256((const __m256i *)x[t][i].qs);
            __m256i p = kern_dot_u8(qw, qx);
            p = _mm256_sub_epi32(p, _mm256_setr_epi32(8 * x[t][i].sum, 0, 0, 0, 0, 0, 0, 0));
            acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(wd * x[t][i].d), _mm256_cvtepi32_ps(p), acc[t]);
        }
    }
    for (int t = 0; t < 4; t++) out[t] = kern_hsum256(acc[t]);
}

KERN_AVX2 static void kern_vdot4_q5_0_avx2(const void *wv, const void *xv, size_t xs, int64_t nb,
                                           float out[4])
{
    const struct kern_q5_0 *w = wv;
    KERN_X4(xv, xs, struct kern_xq8);
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    for (int64_t i = 0; i < nb; i++) {
        __m256i qw = kern_nibbles(w[i].qs);
        qw = _mm256_or_si256(qw, _mm256_and_si256(kern_bits_to_bytes(w[i].qh), _mm256_set1_epi8(0x10)));
        const float wd = kern_h2f(w[i].d);
        for (int t = 0; t < 4; t++) {
            const __m256i qx = _mm256_loadu_si256((const __m256i *)x[t][i].qs);
            __m256i p = kern_dot_u8(qw, qx);
            p = _mm256_sub_epi32(p, _mm256_setr_epi32(16 * x[t][i].sum, 0, 0, 0, 0, 0, 0, 0));
            acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(wd * x[t][i].d), _mm256_cvtepi32_ps(p), acc[t]);
        }
    }
    for (int t = 0; t < 4; t++) out[t] = kern_hsum256(acc[t]);
}

KERN_AVX2 static void kern_vdot4_q4_k_avx2(const void *wv, const void *xv, size_t xs, int64_t nb,
                                           float out[4])
{
    const struct kern_q4_k *w = wv;
    KERN_X4(xv, xs, struct kern_q8_k);
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    float accm[4] = {0, 0, 0, 0};
    const __m256i m4 = _mm256_set1_epi8(0x0F);
    for (int64_t i = 0; i < nb; i++) {
        uint8_t sc[8], mn[8];
        kern_k4_scales(w[i].scales, sc, mn);
        __m256i sumi[4] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(),
                           _mm256_setzero_si256()};
        for (int j = 0; j < 4; j++) {
            const __m256i q = _mm256_loadu_si256((const __m256i *)(w[i].qs + 32 * j));
            const __m256i lo = _mm256_and_si256(q, m4);
            const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), m4);
            const __m256i slo = _mm256_set1_epi16(sc[2 * j]), shi = _mm256_set1_epi16(sc[2 * j + 1]);
            for (int t = 0; t < 4; t++) {
                const __m256i x0 = _mm256_loadu_si256((const __m256i *)(x[t][i].qs + 64 * j));
                const __m256i x1 = _mm256_loadu_si256((const __m256i *)(x[t][i].qs + 64 * j + 32));
                const __m256i p0 = _mm256_madd_epi16(_mm256_maddubs_epi16(lo, x0), slo);
                const __m256i p1 = _mm256_madd_epi16(_mm256_maddubs_epi16(hi, x1), shi);
                sumi[t] = _mm256_add_epi32(sumi[t], _mm256_add_epi32(p0, p1));
            }
        }
        const float wd = kern_h2f(w[i].d), wm = kern_h2f(w[i].dmin);
        for (int t = 0; t < 4; t++) {
            const int msum = kern_k4_msum(mn, x[t][i].bsums);
            acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(x[t][i].d * wd), _mm256_cvtepi32_ps(sumi[t]), acc[t]);
            accm[t] += x[t][i].d * wm * (float)msum;
        }
    }
    for (int t = 0; t < 4; t++) out[t] = kern_hsum256(acc[t]) - accm[t];
}

KERN_AVX2 static void kern_vdot4_q6_k_avx2(const void *wv, const void *xv, size_t xs, int64_t nb,
                                           float out[4])
{
    const struct kern_q6_k *w = wv;
    KERN_X4(xv, xs, struct kern_q8_k);
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    const __m256i m4 = _mm256_set1_epi8(0x0F), m2 = _mm256_set1_epi8(3);
    for (int64_t i = 0; i < nb; i++) {
        const int8_t *sc = w[i].scales;
        const __m256i sc16 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)sc));
        __m256i sumi[4];
        for (int t = 0; t < 4; t++) {
            /* sum (q-32)x = sum qx - 32 sum_g sc_g bsum_g */
            const __m256i bs = _mm256_loadu_si256((const __m256i *)x[t][i].bsums);
            sumi[t] = _mm256_slli_epi32(_mm256_madd_epi16(bs, sc16), 5);
            sumi[t] = _mm256_sub_epi32(_mm256_setzero_si256(), sumi[t]);
        }
        for (int n = 0; n < 2; n++) {
            const __m256i l0 = _mm256_loadu_si256((const __m256i *)(w[i].ql + 64 * n));
            const __m256i l1 = _mm256_loadu_si256((const __m256i *)(w[i].ql + 64 * n + 32));
            const __m256i h = _mm256_loadu_si256((const __m256i *)(w[i].qh + 32 * n));
            const __m256i q0 = _mm256_or_si256(_mm256_and_si256(l0, m4), _mm256_slli_epi16(_mm256_and_si256(h, m2), 4));
            const __m256i q1 = _mm256_or_si256(_mm256_and_si256(l1, m4),
                                               _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 2), m2), 4));
            const __m256i q2 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l0, 4), m4),
                                               _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 4), m2), 4));
            const __m256i q3 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l1, 4), m4),
                                               _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 6), m2), 4));
            const int8_t *s = sc + 8 * n;
            const __m256i s0 = _mm256_set_m128i(_mm_set1_epi16(s[1]), _mm_set1_epi16(s[0]));
            const __m256i s1 = _mm256_set_m128i(_mm_set1_epi16(s[3]), _mm_set1_epi16(s[2]));
            const __m256i s2 = _mm256_set_m128i(_mm_set1_epi16(s[5]), _mm_set1_epi16(s[4]));
            const __m256i s3 = _mm256_set_m128i(_mm_set1_epi16(s[7]), _mm_set1_epi16(s[6]));
            for (int t = 0; t < 4; t++) {
                const int8_t *xq = x[t][i].qs + 128 * n;
                const __m256i p0 = _mm256_madd_epi16(_mm256_maddubs_epi16(q0, _mm256_loadu_si256((const __m256i *)xq)), s0);
                const __m256i p1 = _mm256_madd_epi16(_mm256_maddubs_epi16(q1, _mm256_loadu_si256((const __m256i *)(xq + 32))), s1);
                const __m256i p2 = _mm256_madd_epi16(_mm256_maddubs_epi16(q2, _mm256_loadu_si256((const __m256i *)(xq + 64))), s2);
                const __m256i p3 = _mm256_madd_epi16(_mm256_maddubs_epi16(q3, _mm256_loadu_si256((const __m256i *)(xq + 96))), s3);
                sumi[t] = _mm256_add_epi32(sumi[t], _mm256_add_epi32(_mm256_add_epi32(p0, p1), _mm256_add_epi32(p2, p3)));
            }
        }
        const float wd = kern_h2f(w[i].d);
        for (int t = 0; t < 4; t++)
            acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(x[t][i].d * wd), _mm256_cvtepi32_ps(sumi[t]), acc[t]);
    }
    for (int t = 0; t < 4; t++) out[t] = kern_hsum256(acc[t]);
}

KERN_AVX2 static void kern_vdot4_q5_1_avx2(const void *wv, const void *xv, size_t xs, int64_t nb,
                                           float out[4])
{
    const struct kern_q5_1 *w = wv;
    KERN_X4(xv, xs, struct kern_xq8);
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    float summ[4] = {0, 0, 0, 0};
    for (int64_t i = 0; i < nb; i++) {
        __m256i qw = kern_nibbles(w[i].qs);
        qw = _mm256_or_si256(qw, _mm256_and_si256(kern_bits_to_bytes(w[i].qh), _mm256_set1_epi8(0x10)));
        const float wd = kern_h2f(w[i].d), wm = kern_h2f(w[i].m);
        for (int t = 0; t < 4; t++) {
            const __m256i qx = _mm256_loadu_si256((const __m256i *)x[t][i].qs);
            const __m256i p = kern_dot_u8(qw, qx);
            acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(wd * x[t][i].d), _mm256_cvtepi32_ps(p), acc[t]);
            summ[t] += wm * (x[t][i].d * (float)x[t][i].sum);
        }
    }
    for (int t = 0; t < 4; t++) out[t] = kern_hsum256(acc[t]) + summ[t];
}

KERN_AVX2 static void kern_vdot4_q4_1_avx2(const void *wv, const void *xv, size_t xs, int64_t nb,
                                           float out[4])
{
    const struct kern_q4_1 *w = wv;
    KERN_X4(xv, xs, struct kern_xq8);
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    float summ[4] = {0, 0, 0, 0};
    for (int64_t i = 0; i < nb; i++) {
        const __m256i qw = kern_nibbles(w[i].qs);
        const float wd = kern_h2f(w[i].d), wm = kern_h2f(w[i].m);
        for (int t = 0; t < 4; t++) {
            const __m256i qx = _mm256_loadu_si256((const __m256i *)x[t][i].qs);
            acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(wd * x[t][i].d), _mm256_cvtepi32_ps(kern_dot_u8(qw, qx)), acc[t]);
            summ[t] += wm * (x[t][i].d * (float)x[t][i].sum);
        }
    }
    for (int t = 0; t < 4; t++) out[t] = kern_hsum256(acc[t]) + summ[t];
}

KERN_AVX2 static void kern_vdot4_q5_k_avx2(const void *wv, const void *xv, size_t xs, int64_t nb,
                                           float out[4])
{
    const struct kern_q5_k *w = wv;
    KERN_X4(xv, xs, struct kern_q8_k);
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    float accm[4] = {0, 0, 0, 0};
    const __m256i m4 = _mm256_set1_epi8(0x0F), one = _mm256_set1_epi8(1);
    for (int64_t i = 0; i < nb; i++) {
        uint8_t sc[8], mn[8];
        kern_k4_scales(w[i].scales, sc, mn);
        const __m256i hb = _mm256_loadu_si256((const __m256i *)w[i].qh);
        __m256i sumi[4] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(),
                           _mm256_setzero_si256()};
        for (int j = 0; j < 4; j++) {
            const __m256i q = _mm256_loadu_si256((const __m256i *)(w[i].qs + 32 * j));
            const __m128i sh0 = _mm_cvtsi32_si128(2 * j), sh1 = _mm_cvtsi32_si128(2 * j + 1);
            const __m256i h0 = _mm256_slli_epi16(_mm256_and_si256(_mm256_srl_epi16(hb, sh0), one), 4);
            const __m256i h1 = _mm256_slli_epi16(_mm256_and_si256(_mm256_srl_epi16(hb, sh1), one), 4);
            const __m256i lo = _mm256_or_si256(_mm256_and_si256(q, m4), h0);
            const __m256i hi = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(q, 4), m4), h1);
            const __m256i slo = _mm256_set1_epi16(sc[2 * j]), shi = _mm256_set1_epi16(sc[2 * j + 1]);
            for (int t = 0; t < 4; t++) {
                const __m256i x0 = _mm256_loadu_si256((const __m256i *)(x[t][i].qs + 64 * j));
                const __m256i x1 = _mm256_loadu_si256((const __m256i *)(x[t][i].qs + 64 * j + 32));
                const __m256i p0 = _mm256_madd_epi16(_mm256_maddubs_epi16(lo, x0), slo);
                const __m256i p1 = _mm256_madd_epi16(_mm256_maddubs_epi16(hi, x1), shi);
                sumi[t] = _mm256_add_epi32(sumi[t], _mm256_add_epi32(p0, p1));
            }
        }
        const float wd = kern_h2f(w[i].d), wm = kern_h2f(w[i].dmin);
        for (int t = 0; t < 4; t++) {
            acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(x[t][i].d * wd), _mm256_cvtepi32_ps(sumi[t]), acc[t]);
            accm[t] += x[t][i].d * wm * (float)kern_k4_msum(mn, x[t][i].bsums);
        }
    }
    for (int t = 0; t < 4; t++) out[t] = kern_hsum256(acc[t]) - accm[t];
}

/* Float weights: one load (and conversion) of w feeds 4 FMAs. n = elements. */
#define KERN_VDOT4_FLOAT(name, wtype, load_w, get_w)                                          \
    KERN_AVX2 static void name(const void *wv, const void *xv, size_t xs, int64_t n,           \
                               float out[4])                                                   \
    {                                                                                          \
        const wtype *w = wv;                                                                   \
        KERN_X4(xv, xs, float);                                                                \
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;                            \
        int64_t i = 0;                                                                         \
        for (; i + 8 <= n; i += 8) {                                                           \
            const __m256 wf = load_w;                                                          \
            a0 = _mm256_fmadd_ps(wf, _mm256_loadu_ps(x[0] + i), a0);                           \
            a1 = _mm256_fmadd_ps(wf, _mm256_loadu_ps(x[1] + i), a1);                           \
            a2 = _mm256_fmadd_ps(wf, _mm256_loadu_ps(x[2] + i), a2);                           \
            a3 = _mm256_fmadd_ps(wf, _mm256_loadu_ps(x[3] + i), a3);                           \
        }                                                                                      \
        out[0] = kern_hsum256(a0);                                                             \
        out[1] = kern_hsum256(a1);                                                             \
        out[2] = kern_hsum256(a2);                                                             \
        out[3] = kern_hsum256(a3);                                                             \
        for (; i < n; i++)                                                                     \
            for (int t = 0; t < 4; t++) out[t] += (get_w) * x[t][i];                           \
    }

KERN_VDOT4_FLOAT(kern_vdot4_f32_avx2, float, _mm256_loadu_ps(w + i), w[i])
KERN_VDOT4_FLOAT(kern_vdot4_f16_avx2, uint16_t, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(w + i))),
                 kern_h2f(w[i]))
KERN_VDOT4_FLOAT(kern_vdot4_bf16_avx2, uint16_t,
                 _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(w + i))), 16)),
                 kern_bf16_to_f32(w[i]))

/* Float weights, 4 rows against one x: one load of x feeds 4 FMAs. n = elements. */
#define KERN_VDOTR4_FLOAT(name, wtype, load_w, get_w)                                         \
    KERN_AVX2 static void name(const void *wv, size_t ws, const void *xv, int64_t n,           \
                               float out[4])                                                   \
    {                                                                                          \
        const wtype *w[4] = {(const wtype *)wv, (const wtype *)((const uint8_t *)wv + ws),     \
                             (const wtype *)((const uint8_t *)wv + 2 * ws),                    \
                             (const wtype *)((const uint8_t *)wv + 3 * ws)};                   \
        const float *x = xv;                                                                   \
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;                            \
        int64_t i = 0;                                                                         \
        for (; i + 8 <= n; i += 8) {                                                           \
            const __m256 xf = _mm256_loadu_ps(x + i);                                          \
            a0 = _mm256_fmadd_ps(load_w(w[0]), xf, a0);                                        \
            a1 = _mm256_fmadd_ps(load_w(w[1]), xf, a1);                                        \
            a2 = _mm256_fmadd_ps(load_w(w[2]), xf, a2);                                        \
            a3 = _mm256_fmadd_ps(load_w(w[3]), xf, a3);                                        \
        }                                                                                      \
        out[0] = kern_hsum256(a0);                                                             \
        out[1] = kern_hsum256(a1);                                                             \
        out[2] = kern_hsum256(a2);                                                             \
        out[3] = kern_hsum256(a3);                                                             \
        for (; i < n; i++)                                                                     \
            for (int r = 0; r < 4; r++) out[r] += get_w(w[r]) * x[i];                          \
    }

#define KERN_LD_F32(p) _mm256_loadu_ps((p) + i)
#define KERN_LD_F16(p) _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)((p) + i)))
#define KERN_LD_BF16(p)                                                                        \
    _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)((p) + i))), 16))
#define KERN_GET_F32(p) ((p)[i])
#define KERN_GET_F16(p) kern_h2f((p)[i])
#define KERN_GET_BF16(p) kern_bf16_to_f32((p)[i])

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
    t->dot4[KERN_Q5_1] = kern_vdot4_q5_1_avx2;
    t->dot4[KERN_Q4_1] = kern_vdot4_q4_1_avx2;
    t->dot4[KERN_Q5_K] = kern_vdot4_q5_k_avx2;
    t->dot4[KERN_Q8_0] = kern_vdot4_q8_0_avx2;
    t->dot4[KERN_Q4_0] = kern_vdot4_q4_0_avx2;
    t->dot4[KERN_Q5_0] = kern_vdot4_q5_0_avx2;
    t->dot4[KERN_Q4_K] = kern_vdot4_q4_k_avx2;
    t->dot4[KERN_Q6_K] = kern_vdot4_q6_k_avx2;
    t->quant_x8 = kern_quant_x8_avx2;
    t->quant_x8k = kern_quant_q8k_avx2;
}
