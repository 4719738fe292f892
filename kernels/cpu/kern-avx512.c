/*
 * kern-avx512.c: AVX-512 dot products (F, BW, VL, VNNI), compiled with __attribute__((target))
 * and used only when the CPU reports all of those. The float types use 512-bit FMAs with
 * masked tails; the integer types keep 256-bit vectors (one 32-element block each) but use
 * VNNI: vpdpbusd does the u8 x s8 products and their sum in one instruction, and vpdpwssd
 * folds the K-quant sub-block scales into the accumulation. Activation quantization stays
 * the AVX2 one (it is not the bottleneck). Q8_0, the commonest type, goes two blocks per
 * 512-bit instruction. tests/test-kern-avx512 holds these to the scalar reference on a CPU
 * that has them; tests/test-kern-vnni-emu checks the integer ones anywhere (kern-emu512.h).
 */
#include <immintrin.h>
#include <string.h>

#include "kernels/cpu/kern-impl.h"
#include "kernels/cpu/kern-x86.h"

#ifndef KERN_AVX512_EMULATE
#define KERN_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni,avx2,fma,f16c")))
#else
/*
 * Test build (tests/test-kern-vnni-emu): the two VNNI instructions replaced by exact AVX2
 * sequences, so that the integer kernels' logic is checked on CPUs without AVX-512. Only the
 * sum over all lanes matters to every caller, so the emulation may distribute it differently.
 */
#define KERN_AVX512 KERN_AVX2
KERN_AVX2 static inline __m256i kern_emu_dpbusd(__m256i u, __m256i s)
{
    const __m256i ulo = _mm256_cvtepu8_epi16(_mm256_castsi256_si128(u));
    const __m256i uhi = _mm256_cvtepu8_epi16(_mm256_extracti128_si256(u, 1));
    const __m256i slo = _mm256_cvtepi8_epi16(_mm256_castsi256_si128(s));
    const __m256i shi = _mm256_cvtepi8_epi16(_mm256_extracti128_si256(s, 1));
    return _mm256_add_epi32(_mm256_madd_epi16(ulo, slo), _mm256_madd_epi16(uhi, shi));
}
#undef _mm256_dpbusd_epi32
#undef _mm256_dpwssd_epi32
#define _mm256_dpbusd_epi32(acc, u, s) _mm256_add_epi32((acc), kern_emu_dpbusd((u), (s)))
#define _mm256_dpwssd_epi32(acc, a, b) _mm256_add_epi32((acc), _mm256_madd_epi16((a), (b)))
#define kern_dots_avx512_get kern_dots_avx512_emu_get
void kern_dots_avx512_emu_get(struct kern_dot_table *t);
#include "kernels/cpu/kern-emu512.h" /* and the 512-bit ones, lane by lane */
#endif

/* ---- float weights ---- */

KERN_AVX512 static float kern_vdot_f32_avx512(const void *wv, const void *xv, int64_t n)
{
    const float *w = wv, *x = xv;
    __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
    int64_t i = 0;
    for (; i + 32 <= n; i += 32) {
        s0 = _mm512_fmadd_ps(_mm512_loadu_ps(w + i), _mm512_loadu_ps(x + i), s0);
        s1 = _mm512_fmadd_ps(_mm512_loadu_ps(w + i + 16), _mm512_loadu_ps(x + i + 16), s1);
    }
    for (; i < n; i += 16) {
        const __mmask16 m = n - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - i)) - 1);
        s0 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, w + i), _mm512_maskz_loadu_ps(m, x + i), s0);
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
}

KERN_AVX512 static float kern_vdot_f16_avx512(const void *wv, const void *xv, int64_t n)
{
    const uint16_t *w = wv;
    const float *x = xv;
    __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
    int64_t i = 0;
    for (; i + 32 <= n; i += 32) {
        s0 = _mm512_fmadd_ps(_mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(w + i))),
                             _mm512_loadu_ps(x + i), s0);
        s1 = _mm512_fmadd_ps(_mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(w + i + 16))),
                             _mm512_loadu_ps(x + i + 16), s1);
    }
    for (; i < n; i += 16) {
        const __mmask16 m = n - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - i)) - 1);
        const __m512 wf = _mm512_cvtph_ps(_mm256_maskz_loadu_epi16(m, w + i));
        s0 = _mm512_fmadd_ps(wf, _mm512_maskz_loadu_ps(m, x + i), s0);
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
}

KERN_AVX512 static float kern_vdot_bf16_avx512(const void *wv, const void *xv, int64_t n)
{
    const uint16_t *w = wv;
    const float *x = xv;
    __m512 s0 = _mm512_setzero_ps();
    for (int64_t i = 0; i < n; i += 16) {
        const __mmask16 m = n - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - i)) - 1);
        const __m512i wi = _mm512_cvtepu16_epi32(_mm256_maskz_loadu_epi16(m, w + i));
        const __m512 wf = _mm512_castsi512_ps(_mm512_slli_epi32(wi, 16));
        s0 = _mm512_fmadd_ps(wf, _mm512_maskz_loadu_ps(m, x + i), s0);
    }
    return _mm512_reduce_add_ps(s0);
}


/* ---- 32-wide quant types against struct kern_xq8 ---- */

/* sum of u8 * s8 over 32 bytes, as 8 int32 lanes */
KERN_AVX512 static inline __m256i kern_vnni_u8(__m256i u, __m256i s)
{
    return _mm256_dpbusd_epi32(_mm256_setzero_si256(), u, s);
}

KERN_AVX512 static float kern_vdot_q8_0_avx512(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q8_0 *w = wv;
    const struct kern_xq8 *x = xv;
    __m256 acc = _mm256_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        const __m256i qw = _mm256_loadu_si256((const __m256i *)w[i].qs);
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[i].qs);
        /* |w| * (x with w's sign): the unsigned side of vpdpbusd */
        const __m256i p = kern_vnni_u8(_mm256_sign_epi8(qw, qw), _mm256_sign_epi8(qx, qw));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(kern_h2f(w[i].d) * x[i].d), _mm256_cvtepi32_ps(p), acc);
    }
    return kern_hsum256(acc);
}

KERN_AVX512 static float kern_vdot_q4_0_avx512(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q4_0 *w = wv;
    const struct kern_xq8 *x = xv;
    __m256 acc = _mm256_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[i].qs);
        __m256i p = kern_vnni_u8(kern_nibbles(w[i].qs), qx);
        p = _mm256_sub_epi32(p, _mm256_setr_epi32(8 * x[i].sum, 0, 0, 0, 0, 0, 0, 0));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(kern_h2f(w[i].d) * x[i].d), _mm256_cvtepi32_ps(p), acc);
    }
    return kern_hsum256(acc);
}

KERN_AVX512 static float kern_vdot_q4_1_avx512(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q4_1 *w = wv;
    const struct kern_xq8 *x = xv;
    __m256 acc = _mm256_setzero_ps();
    float summ = 0;
    for (int64_t i = 0; i < nb; i++) {
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[i].qs);
        const __m256i p = kern_vnni_u8(kern_nibbles(w[i].qs), qx);
        acc = _mm256_fmadd_ps(_mm256_set1_ps(kern_h2f(w[i].d) * x[i].d), _mm256_cvtepi32_ps(p), acc);
        summ += kern_h2f(w[i].m) * (x[i].d * (float)x[i].sum);
    }
    return kern_hsum256(acc) + summ;
}

KERN_AVX512 static float kern_vdot_q5_0_avx512(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q5_0 *w = wv;
    const struct kern_xq8 *x = xv;
    __m256 acc = _mm256_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        __m256i qw = kern_nibbles(w[i].qs);
        qw = _mm256_or_si256(qw, _mm256_and_si256(kern_bits_to_bytes(w[i].qh), _mm256_set1_epi8(0x10)));
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[i].qs);
        __m256i p = kern_vnni_u8(qw, qx);
        p = _mm256_sub_epi32(p, _mm256_setr_epi32(16 * x[i].sum, 0, 0, 0, 0, 0, 0, 0));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(kern_h2f(w[i].d) * x[i].d), _mm256_cvtepi32_ps(p), acc);
    }
    return kern_hsum256(acc);
}

KERN_AVX512 static float kern_vdot_q5_1_avx512(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q5_1 *w = wv;
    const struct kern_xq8 *x = xv;
    __m256 acc = _mm256_setzero_ps();
    float summ = 0;
    for (int64_t i = 0; i < nb; i++) {
        __m256i qw = kern_nibbles(w[i].qs);
        qw = _mm256_or_si256(qw, _mm256_and_si256(kern_bits_to_bytes(w[i].qh), _mm256_set1_epi8(0x10)));
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[i].qs);
        const __m256i p = kern_vnni_u8(qw, qx);
        acc = _mm256_fmadd_ps(_mm256_set1_ps(kern_h2f(w[i].d) * x[i].d), _mm256_cvtepi32_ps(p), acc);
        summ += kern_h2f(w[i].m) * (x[i].d * (float)x[i].sum);
    }
    return kern_hsum256(acc) + summ;
}

/* ---- K-quants against Q8_K: maddubs for the u8 x s8 pairs, vpdpwssd for scale and sum ---- */

KERN_AVX512 static float kern_vdot_q5_k_avx512(const void *wv, const void *xv, int64_t nb)
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
            sumi = _mm256_dpwssd_epi32(sumi, _mm256_maddubs_epi16(lo, x0), _mm256_set1_epi16(sc[2 * j]));
            sumi = _mm256_dpwssd_epi32(sumi, _mm256_maddubs_epi16(hi, x1), _mm256_set1_epi16(sc[2 * j + 1]));
        }
        acc = _mm256_fmadd_ps(_mm256_set1_ps(x[i].d * kern_h2f(w[i].d)), _mm256_cvtepi32_ps(sumi), acc);
        accm += x[i].d * kern_h2f(w[i].dmin) * (float)msum;
    }
    return kern_hsum256(acc) - accm;
}

/* ---- Q8_0 with 512-bit vectors: two blocks per instruction ---- */

/* Two consecutive 32-byte fields (qs of blocks i and i+1) in one register. */
#define KERN_LOAD2(p0, p1)                                                                     \
    _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_loadu_si256((const __m256i *)(p0))),      \
                       _mm256_loadu_si256((const __m256i *)(p1)), 1)

KERN_AVX512 static float kern_vdot_q8_0_zmm(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q8_0 *w = wv;
    const struct kern_xq8 *x = xv;
    __m512 acc = _mm512_setzero_ps();
    int64_t i = 0;
    for (; i + 2 <= nb; i += 2) {
        const __m512i qw = KERN_LOAD2(w[i].qs, w[i + 1].qs);
        const __m512i qx = KERN_LOAD2(x[i].qs, x[i + 1].qs);
        /* |w| times x with w's sign: vpdpbusd wants its first operand unsigned */
        const __m512i sx = _mm512_mask_sub_epi8(qx, _mm512_movepi8_mask(qw), _mm512_setzero_si512(), qx);
        const __m512i p = _mm512_dpbusd_epi32(_mm512_setzero_si512(), _mm512_abs_epi8(qw), sx);
        const __m512 d = _mm512_mask_blend_ps((__mmask16)0xFF00, _mm512_set1_ps(kern_h2f(w[i].d) * x[i].d),
                                              _mm512_set1_ps(kern_h2f(w[i + 1].d) * x[i + 1].d));
        acc = _mm512_fmadd_ps(d, _mm512_cvtepi32_ps(p), acc);
    }
    float sum = _mm512_reduce_add_ps(acc);
    if (i < nb) sum += kern_vdot_q8_0_avx512(w + i, x + i, nb - i);
    return sum;
}

KERN_AVX512 static void kern_vdot4_q8_0_zmm(const void *wv, const void *xv, size_t xs, int64_t nb,
                                            float out[4])
{
    const struct kern_q8_0 *w = wv;
    const struct kern_xq8 *x[4] = {(const struct kern_xq8 *)xv,
                                   (const struct kern_xq8 *)((const uint8_t *)xv + xs),
                                   (const struct kern_xq8 *)((const uint8_t *)xv + 2 * xs),
                                   (const struct kern_xq8 *)((const uint8_t *)xv + 3 * xs)};
    __m512 acc[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps()};
    int64_t i = 0;
    for (; i + 2 <= nb; i += 2) {
        const __m512i qw = KERN_LOAD2(w[i].qs, w[i + 1].qs);
        const __mmask64 neg = _mm512_movepi8_mask(qw);
        const __m512i aw = _mm512_abs_epi8(qw);
        const float wd0 = kern_h2f(w[i].d), wd1 = kern_h2f(w[i + 1].d);
        for (int t = 0; t < 4; t++) {
            const __m512i qx = KERN_LOAD2(x[t][i].qs, x[t][i + 1].qs);
            const __m512i sx = _mm512_mask_sub_epi8(qx, neg, _mm512_setzero_si512(), qx);
            const __m512i p = _mm512_dpbusd_epi32(_mm512_setzero_si512(), aw, sx);
            const __m512 d = _mm512_mask_blend_ps((__mmask16)0xFF00, _mm512_set1_ps(wd0 * x[t][i].d),
                                                  _mm512_set1_ps(wd1 * x[t][i + 1].d));
            acc[t] = _mm512_fmadd_ps(d, _mm512_cvtepi32_ps(p), acc[t]);
        }
    }
    for (int t = 0; t < 4; t++) {
        out[t] = _mm512_reduce_add_ps(acc[t]);
        if (i < nb) out[t] += kern_vdot_q8_0_avx512(w + i, x[t] + i, nb - i);
    }
}

/* ---- Q4_0 / Q5_0 with 512-bit vectors: two blocks per instruction, unsigned codes ---- */

/* Codes (0..15 or 0..31) of blocks i and i+1 in one register. */
#define KERN_Q40_CODES2(w, i)                                                                  \
    _mm512_inserti64x4(_mm512_castsi256_si512(kern_nibbles((w)[i].qs)), kern_nibbles((w)[(i) + 1].qs), 1)
#define KERN_Q50_CODES(b)                                                                      \
    _mm256_or_si256(kern_nibbles((b).qs), _mm256_and_si256(kern_bits_to_bytes((b).qh), _mm256_set1_epi8(0x10)))
#define KERN_Q50_CODES2(w, i)                                                                  \
    _mm512_inserti64x4(_mm512_castsi256_si512(KERN_Q50_CODES((w)[i])), KERN_Q50_CODES((w)[(i) + 1]), 1)
/* -off * sum(x) of each block in the first lane of its half: sum (q-off)x = sum qx - off sum x */
#define KERN_OFF2(x, i, off)                                                                   \
    _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_setr_epi32(-(off) * (x)[i].sum, 0, 0, 0, 0, 0, 0, 0)), \
                       _mm256_setr_epi32(-(off) * (x)[(i) + 1].sum, 0, 0, 0, 0, 0, 0, 0), 1)

#define KERN_DEF_ZMM_32(name, name4, wtype, CODES2, off, tail1)                                \
    KERN_AVX512 static float name(const void *wv, const void *xv, int64_t nb)                  \
    {                                                                                          \
        const wtype *w = wv;                                                                   \
        const struct kern_xq8 *x = xv;                                                         \
        __m512 acc = _mm512_setzero_ps();                                                      \
        int64_t i = 0;                                                                         \
        for (; i + 2 <= nb; i += 2) {                                                          \
            const __m512i q = CODES2(w, i);                                                    \
            const __m512i p = _mm512_dpbusd_epi32(KERN_OFF2(x, i, off), q, KERN_LOAD2(x[i].qs, x[i + 1].qs)); \
            const __m512 d = _mm512_mask_blend_ps((__mmask16)0xFF00, _mm512_set1_ps(kern_h2f(w[i].d) * x[i].d), \
                                                  _mm512_set1_ps(kern_h2f(w[i + 1].d) * x[i + 1].d)); \
            acc = _mm512_fmadd_ps(d, _mm512_cvtepi32_ps(p), acc);                              \
        }                                                                                      \
        float sum = _mm512_reduce_add_ps(acc);                                                 \
        if (i < nb) sum += tail1(w + i, x + i, nb - i);                                        \
        return sum;                                                                            \
    }                                                                                          \
    KERN_AVX512 static void name4(const void *wv, const void *xv, size_t xs, int64_t nb, float out[4]) \
    {                                                                                          \
        const wtype *w = wv;                                                                   \
        const struct kern_xq8 *x[4] = {(const struct kern_xq8 *)xv,                            \
                                       (const struct kern_xq8 *)((const uint8_t *)xv + xs),    \
                                       (const struct kern_xq8 *)((const uint8_t *)xv + 2 * xs), \
                                       (const struct kern_xq8 *)((const uint8_t *)xv + 3 * xs)}; \
        __m512 acc[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps()}; \
        int64_t i = 0;                                                                         \
        for (; i + 2 <= nb; i += 2) {                                                          \
            const __m512i q = CODES2(w, i);                                                    \
            const float wd0 = kern_h2f(w[i].d), wd1 = kern_h2f(w[i + 1].d);                    \
            for (int t = 0; t < 4; t++) {                                                      \
                const __m512i p = _mm512_dpbusd_epi32(KERN_OFF2(x[t], i, off), q,              \
                                                      KERN_LOAD2(x[t][i].qs, x[t][i + 1].qs)); \
                const __m512 d = _mm512_mask_blend_ps((__mmask16)0xFF00, _mm512_set1_ps(wd0 * x[t][i].d), \
                                                      _mm512_set1_ps(wd1 * x[t][i + 1].d));   \
                acc[t] = _mm512_fmadd_ps(d, _mm512_cvtepi32_ps(p), acc[t]);                    \
            }                                                                                  \
        }                                                                                      \
        for (int t = 0; t < 4; t++) {                                                          \
            out[t] = _mm512_reduce_add_ps(acc[t]);                                             \
            if (i < nb) out[t] += tail1(w + i, x[t] + i, nb - i);                              \
        }                                                                                      \
    }

KERN_DEF_ZMM_32(kern_vdot_q4_0_zmm, kern_vdot4_q4_0_zmm, struct kern_q4_0, KERN_Q40_CODES2, 8, kern_vdot_q4_0_avx512)
KERN_DEF_ZMM_32(kern_vdot_q5_0_zmm, kern_vdot4_q5_0_zmm, struct kern_q5_0, KERN_Q50_CODES2, 16, kern_vdot_q5_0_avx512)

/* ---- Q4_K with 512-bit vectors: 64 bytes of codes per load ---- */

/*
 * A super-block's 128 code bytes are two 64-byte registers. In each, the low nibbles hold
 * sub-blocks 2j (first 32 bytes) and 2j+2 (last 32), the high nibbles 2j+1 and 2j+3; the
 * matching 32-element pieces of x are loaded into the two halves, and each half gets its own
 * sub-block scale in a 16-bit blend.
 */
#define KERN_Q4K_SC2(a, b) _mm512_mask_blend_epi16((__mmask32)0xFFFF0000u, _mm512_set1_epi16(a), _mm512_set1_epi16(b))

KERN_AVX512 static float kern_vdot_q4_k_zmm(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q4_k *w = wv;
    const struct kern_q8_k *x = xv;
    __m512 acc = _mm512_setzero_ps();
    float accm = 0;
    const __m512i m4 = _mm512_set1_epi8(0x0F);
    for (int64_t i = 0; i < nb; i++) {
        uint8_t sc[8], mn[8];
        kern_k4_scales(w[i].scales, sc, mn);
        const int8_t *xs = x[i].qs;
        __m512i sumi = _mm512_setzero_si512();
        for (int h = 0; h < 2; h++) { /* elements 128h .. 128h+127: sub-blocks 4h .. 4h+3 */
            const __m512i q = _mm512_loadu_si512(w[i].qs + 64 * h);
            const __m512i lo = _mm512_and_si512(q, m4);
            const __m512i hi = _mm512_and_si512(_mm512_srli_epi16(q, 4), m4);
            const int8_t *xh = xs + 128 * h;
            const __m512i xlo = KERN_LOAD2(xh, xh + 64), xhi = KERN_LOAD2(xh + 32, xh + 96);
            sumi = _mm512_dpwssd_epi32(sumi, _mm512_maddubs_epi16(lo, xlo), KERN_Q4K_SC2(sc[4 * h], sc[4 * h + 2]));
            sumi = _mm512_dpwssd_epi32(sumi, _mm512_maddubs_epi16(hi, xhi), KERN_Q4K_SC2(sc[4 * h + 1], sc[4 * h + 3]));
        }
        acc = _mm512_fmadd_ps(_mm512_set1_ps(x[i].d * kern_h2f(w[i].d)), _mm512_cvtepi32_ps(sumi), acc);
        accm += x[i].d * kern_h2f(w[i].dmin) * (float)kern_k4_msum(mn, x[i].bsums);
    }
    return _mm512_reduce_add_ps(acc) - accm;
}

KERN_AVX512 static void kern_vdot4_q4_k_zmm(const void *wv, const void *xv, size_t xs_, int64_t nb,
                                            float out[4])
{
    const struct kern_q4_k *w = wv;
    const struct kern_q8_k *x[4] = {(const struct kern_q8_k *)xv,
                                    (const struct kern_q8_k *)((const uint8_t *)xv + xs_),
                                    (const struct kern_q8_k *)((const uint8_t *)xv + 2 * xs_),
                                    (const struct kern_q8_k *)((const uint8_t *)xv + 3 * xs_)};
    __m512 acc[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps()};
    float accm[4] = {0, 0, 0, 0};
    const __m512i m4 = _mm512_set1_epi8(0x0F);
    for (int64_t i = 0; i < nb; i++) {
        uint8_t sc[8], mn[8];
        kern_k4_scales(w[i].scales, sc, mn);
        __m512i sumi[4] = {_mm512_setzero_si512(), _mm512_setzero_si512(), _mm512_setzero_si512(),
                           _mm512_setzero_si512()};
        for (int h = 0; h < 2; h++) {
            const __m512i q = _mm512_loadu_si512(w[i].qs + 64 * h);
            const __m512i lo = _mm512_and_si512(q, m4);
            const __m512i hi = _mm512_and_si512(_mm512_srli_epi16(q, 4), m4);
            const __m512i slo = KERN_Q4K_SC2(sc[4 * h], sc[4 * h + 2]);
            const __m512i shi = KERN_Q4K_SC2(sc[4 * h + 1], sc[4 * h + 3]);
            for (int t = 0; t < 4; t++) {
                const int8_t *xh = x[t][i].qs + 128 * h;
                const __m512i xlo = KERN_LOAD2(xh, xh + 64), xhi = KERN_LOAD2(xh + 32, xh + 96);
                sumi[t] = _mm512_dpwssd_epi32(sumi[t], _mm512_maddubs_epi16(lo, xlo), slo);
                sumi[t] = _mm512_dpwssd_epi32(sumi[t], _mm512_maddubs_epi16(hi, xhi), shi);
            }
        }
        const float wd = kern_h2f(w[i].d), wm = kern_h2f(w[i].dmin);
        for (int t = 0; t < 4; t++) {
            acc[t] = _mm512_fmadd_ps(_mm512_set1_ps(x[t][i].d * wd), _mm512_cvtepi32_ps(sumi[t]), acc[t]);
            accm[t] += x[t][i].d * wm * (float)kern_k4_msum(mn, x[t][i].bsums);
        }
    }
    for (int t = 0; t < 4; t++) out[t] = _mm512_reduce_add_ps(acc[t]) - accm[t];
}

/* ---- Q6_K with 512-bit vectors ---- */

/*
 * Per half super-block (128 elements): the 64 low-bit bytes are one register, [ql 0..31 |
 * ql 32..63]; the 32 high-bit bytes go into both halves shifted so that the low nibbles make
 * elements 0..63 and the high nibbles elements 64..127, each against one contiguous 64-byte
 * load of x. Scales: 16-element groups, 8 int16 lanes each, spread by vpermw.
 */
/* vpermw indices: int16 lane i takes scale 4g + i/8, for g = 0..3 */
static const uint16_t kern_q6k_idx[4][32] __attribute__((aligned(64))) = {
    {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3},
    {4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7},
    {8, 8, 8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9, 10, 10, 10, 10, 10, 10, 10, 10, 11, 11, 11, 11, 11, 11, 11, 11},
    {12, 12, 12, 12, 12, 12, 12, 12, 13, 13, 13, 13, 13, 13, 13, 13, 14, 14, 14, 14, 14, 14, 14, 14, 15, 15, 15, 15, 15, 15, 15, 15},
};

/* codes and matching scales of half super-block n */
#define KERN_Q6K_HALF(w, n, sc16, q01, q23, s01, s23)                                          \
    do {                                                                                       \
        const __m512i L = _mm512_loadu_si512((w).ql + 64 * (n));                              \
        const __m256i h = _mm256_loadu_si256((const __m256i *)((w).qh + 32 * (n)));            \
        const __m512i H01 = _mm512_inserti64x4(_mm512_castsi256_si512(h), _mm256_srli_epi16(h, 2), 1); \
        const __m512i H23 = _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_srli_epi16(h, 4)),      \
                                               _mm256_srli_epi16(h, 6), 1);                   \
        const __m512i m4 = _mm512_set1_epi8(0x0F), m2 = _mm512_set1_epi8(3);                   \
        q01 = _mm512_or_si512(_mm512_and_si512(L, m4), _mm512_slli_epi16(_mm512_and_si512(H01, m2), 4)); \
        q23 = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(L, 4), m4),                 \
                              _mm512_slli_epi16(_mm512_and_si512(H23, m2), 4));                \
        s01 = _mm512_permutexvar_epi16(_mm512_loadu_si512(kern_q6k_idx[2 * (n)]), sc16);                     \
        s23 = _mm512_permutexvar_epi16(_mm512_loadu_si512(kern_q6k_idx[2 * (n) + 1]), sc16);                 \
    } while (0)

KERN_AVX512 static float kern_vdot_q6_k_zmm(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q6_k *w = wv;
    const struct kern_q8_k *x = xv;
    __m512 acc = _mm512_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        const __m256i sc16y = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)w[i].scales));
        const __m512i sc16 = _mm512_inserti64x4(_mm512_setzero_si512(), sc16y, 0);
        /* sum (q-32)x = sum qx - 32 sum_g sc_g bsum_g */
        const __m256i bs = _mm256_loadu_si256((const __m256i *)x[i].bsums);
        const __m256i bias = _mm256_sub_epi32(_mm256_setzero_si256(), _mm256_slli_epi32(_mm256_madd_epi16(bs, sc16y), 5));
        __m512i sumi = _mm512_inserti64x4(_mm512_setzero_si512(), bias, 0);
        for (int n = 0; n < 2; n++) {
            __m512i q01, q23, s01, s23;
            KERN_Q6K_HALF(w[i], n, sc16, q01, q23, s01, s23);
            const int8_t *xs = x[i].qs + 128 * n;
            sumi = _mm512_dpwssd_epi32(sumi, _mm512_maddubs_epi16(q01, _mm512_loadu_si512(xs)), s01);
            sumi = _mm512_dpwssd_epi32(sumi, _mm512_maddubs_epi16(q23, _mm512_loadu_si512(xs + 64)), s23);
        }
        acc = _mm512_fmadd_ps(_mm512_set1_ps(x[i].d * kern_h2f(w[i].d)), _mm512_cvtepi32_ps(sumi), acc);
    }
    return _mm512_reduce_add_ps(acc);
}

KERN_AVX512 static void kern_vdot4_q6_k_zmm(const void *wv, const void *xv, size_t xs_, int64_t nb,
                                            float out[4])
{
    const struct kern_q6_k *w = wv;
    const struct kern_q8_k *x[4] = {(const struct kern_q8_k *)xv,
                                    (const struct kern_q8_k *)((const uint8_t *)xv + xs_),
                                    (const struct kern_q8_k *)((const uint8_t *)xv + 2 * xs_),
                                    (const struct kern_q8_k *)((const uint8_t *)xv + 3 * xs_)};
    __m512 acc[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps()};
    for (int64_t i = 0; i < nb; i++) {
        const __m256i sc16y = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)w[i].scales));
        const __m512i sc16 = _mm512_inserti64x4(_mm512_setzero_si512(), sc16y, 0);
        __m512i sumi[4];
        for (int t = 0; t < 4; t++) {
            const __m256i bs = _mm256_loadu_si256((const __m256i *)x[t][i].bsums);
            const __m256i bias = _mm256_sub_epi32(_mm256_setzero_si256(), _mm256_slli_epi32(_mm256_madd_epi16(bs, sc16y), 5));
            sumi[t] = _mm512_inserti64x4(_mm512_setzero_si512(), bias, 0);
        }
        for (int n = 0; n < 2; n++) {
            __m512i q01, q23, s01, s23;
            KERN_Q6K_HALF(w[i], n, sc16, q01, q23, s01, s23);
            for (int t = 0; t < 4; t++) {
                const int8_t *xs = x[t][i].qs + 128 * n;
                sumi[t] = _mm512_dpwssd_epi32(sumi[t], _mm512_maddubs_epi16(q01, _mm512_loadu_si512(xs)), s01);
                sumi[t] = _mm512_dpwssd_epi32(sumi[t], _mm512_maddubs_epi16(q23, _mm512_loadu_si512(xs + 64)), s23);
            }
        }
        const float wd = kern_h2f(w[i].d);
        for (int t = 0; t < 4; t++)
            acc[t] = _mm512_fmadd_ps(_mm512_set1_ps(x[t][i].d * wd), _mm512_cvtepi32_ps(sumi[t]), acc[t]);
    }
    for (int t = 0; t < 4; t++) out[t] = _mm512_reduce_add_ps(acc[t]);
}

/* ---- 4 tokens at a time (prefill), VNNI: each weight block decoded once for all 4 ---- */

#define KERN_X4(xv, xs, type)                                                                  \
    const type *x[4] = {(const type *)(xv), (const type *)((const uint8_t *)(xv) + (xs)),      \
                        (const type *)((const uint8_t *)(xv) + 2 * (xs)),                      \
                        (const type *)((const uint8_t *)(xv) + 3 * (xs))}

void kern_dots_avx512_get(struct kern_dot_table *t)
{
    t->dot[KERN_F32] = kern_vdot_f32_avx512;
    t->dot[KERN_F16] = kern_vdot_f16_avx512;
    t->dot[KERN_BF16] = kern_vdot_bf16_avx512;
    t->dot[KERN_Q8_0] = kern_vdot_q8_0_zmm;
    t->dot[KERN_Q4_0] = kern_vdot_q4_0_zmm;
    t->dot[KERN_Q4_1] = kern_vdot_q4_1_avx512;
    t->dot[KERN_Q5_0] = kern_vdot_q5_0_zmm;
    t->dot[KERN_Q5_1] = kern_vdot_q5_1_avx512;
    t->dot[KERN_Q4_K] = kern_vdot_q4_k_zmm;
    t->dot[KERN_Q5_K] = kern_vdot_q5_k_avx512;
    t->dot[KERN_Q6_K] = kern_vdot_q6_k_zmm;
    t->dot4[KERN_Q8_0] = kern_vdot4_q8_0_zmm;
    t->dot4[KERN_Q4_0] = kern_vdot4_q4_0_zmm;
    t->dot4[KERN_Q5_0] = kern_vdot4_q5_0_zmm;
    t->dot4[KERN_Q4_K] = kern_vdot4_q4_k_zmm;
    t->dot4[KERN_Q6_K] = kern_vdot4_q6_k_zmm;
}
