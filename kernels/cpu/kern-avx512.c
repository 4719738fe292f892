/*
 * kern-avx512.c: AVX-512 dot products (F, BW, VL, VNNI), compiled with __attribute__((target))
 * and used only when the CPU reports all of those. The float types use 512-bit FMAs with
 * masked tails; the integer types keep 256-bit vectors (one 32-element block each) but use
 * VNNI: vpdpbusd does the u8 x s8 products and their sum in one instruction, and vpdpwssd
 * folds the K-quant sub-block scales into the accumulation. Activation quantization stays
 * the AVX2 one (it is not the bottleneck). The integer kernels keep ggml's lanes and
 * accumulation order (see kern-avx2.c for why), which rules out two blocks per 512-bit op.
 * tests/test-kern-avx512 holds these to the scalar reference on a CPU that has them;
 * tests/test-kern-vnni-emu checks them anywhere (kern-emu512.h).
 */
#include <immintrin.h>
#include <math.h>
#include <string.h>

#include "kernels/cpu/kern-impl.h"
#include "kernels/cpu/kern-x86.h"

#ifndef KERN_AVX512_EMULATE
#define KERN_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni,avx2,fma,f16c")))
#else
/*
 * Test build (tests/test-kern-vnni-emu): the two VNNI instructions replaced by exact AVX2
 * sequences (same lanes), so that the kernels' logic is checked on CPUs without AVX-512.
 */
#define KERN_AVX512 KERN_AVX2
KERN_AVX2 static inline __m256i kern_emu_dpbusd(__m256i u, __m256i s)
{
    /* lane j = bytes 4j..4j+3, exactly as vpdpbusd (callers depend on the lanes, not only
     * on their sum: lane values are rounded one by one once converted to float) */
    const __m256i ulo = _mm256_cvtepu8_epi16(_mm256_castsi256_si128(u));
    const __m256i uhi = _mm256_cvtepu8_epi16(_mm256_extracti128_si256(u, 1));
    const __m256i slo = _mm256_cvtepi8_epi16(_mm256_castsi256_si128(s));
    const __m256i shi = _mm256_cvtepi8_epi16(_mm256_extracti128_si256(s, 1));
    const __m256i p = _mm256_hadd_epi32(_mm256_madd_epi16(ulo, slo), _mm256_madd_epi16(uhi, shi));
    return _mm256_permutevar8x32_epi32(p, _mm256_setr_epi32(0, 1, 4, 5, 2, 3, 6, 7));
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

/* One 16-lane accumulator over k in steps of 16 and _mm512_reduce_add_ps: llama.cpp's tinyBLAS
 * order on AVX-512 (the same as kern-avx2.c's float kernels compute with two halves). */
KERN_AVX512 static float kern_vdot_f32_avx512(const void *wv, const void *xv, int64_t n)
{
    const float *w = wv, *x = xv;
    __m512 acc = _mm512_setzero_ps();
    for (int64_t i = 0; i < n; i += 16) {
        const __mmask16 m = n - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - i)) - 1);
        acc = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, w + i), _mm512_maskz_loadu_ps(m, x + i), acc);
    }
    return _mm512_reduce_add_ps(acc);
}

KERN_AVX512 static float kern_vdot_f16_avx512(const void *wv, const void *xv, int64_t n)
{
    const uint16_t *w = wv;
    const float *x = xv;
    __m512 acc = _mm512_setzero_ps();
    for (int64_t i = 0; i < n; i += 16) {
        const __mmask16 m = n - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - i)) - 1);
        const __m512 wf = _mm512_cvtph_ps(_mm256_maskz_loadu_epi16(m, w + i));
        acc = _mm512_fmadd_ps(wf, _mm512_maskz_loadu_ps(m, x + i), acc);
    }
    return _mm512_reduce_add_ps(acc);
}

KERN_AVX512 static float kern_vdot_bf16_avx512(const void *wv, const void *xv, int64_t n)
{
    const uint16_t *w = wv;
    const float *x = xv;
    __m512 acc = _mm512_setzero_ps();
    for (int64_t i = 0; i < n; i += 16) {
        const __mmask16 m = n - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - i)) - 1);
        const __m512i wi = _mm512_cvtepu16_epi32(_mm256_maskz_loadu_epi16(m, w + i));
        const __m512 wf = _mm512_castsi512_ps(_mm512_slli_epi32(wi, 16));
        acc = _mm512_fmadd_ps(wf, _mm512_maskz_loadu_ps(m, x + i), acc);
    }
    return _mm512_reduce_add_ps(acc);
}


/* ---- 32-wide quant types against struct kern_xq8 ----
 * Operation for operation ggml's AVX2 kernels with vpdpbusd for maddubs+madd (the lanes come
 * out the same), so results stay bit-identical to llama.cpp's VNNI build; see kern-avx2.c. */

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
    float acc = 0;
    for (int64_t i = 0; i < nb; i++) {
        const __m256i qw = _mm256_sub_epi8(kern_nibbles(w[i].qs), _mm256_set1_epi8(8));
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[i].qs);
        const __m256i p = kern_vnni_u8(_mm256_sign_epi8(qw, qw), _mm256_sign_epi8(qx, qw));
        /* llama.cpp's repacked Q4_0 order (see kern-avx2.c): one fma per block */
        acc = fmaf((float)kern_hsum_i32(p), kern_h2f(w[i].d) * x[i].d, acc);
    }
    return acc;
}

KERN_AVX512 static float kern_vdot_q5_0_avx512(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q5_0 *w = wv;
    const struct kern_xq8 *x = xv;
    __m256 acc = _mm256_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        const __m256i hi = _mm256_andnot_si256(kern_bits_to_bytes(w[i].qh), _mm256_set1_epi8((char)0xF0));
        const __m256i qw = _mm256_or_si256(kern_nibbles(w[i].qs), hi); /* bit clear: value - 16 */
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[i].qs);
        const __m256i p = kern_vnni_u8(_mm256_sign_epi8(qw, qw), _mm256_sign_epi8(qx, qw));
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
        summ = fmaf(kern_h2f(w[i].m), x[i].d * (float)x[i].sum, summ);
    }
    return kern_hsum256(acc) + summ;
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
        summ = fmaf(kern_h2f(w[i].m), x[i].d * (float)x[i].sum, summ);
    }
    return kern_hsum256(acc) + summ;
}

KERN_AVX512 static float kern_vdot_q5_k_avx512(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q5_k *w = wv;
    const struct kern_q8_k *x = xv;
    __m256 acc = _mm256_setzero_ps();
    float summs = 0;
    const __m256i m4 = _mm256_set1_epi8(0x0F), one = _mm256_set1_epi8(1);
    for (int64_t i = 0; i < nb; i++) {
        uint8_t sc[8], mn[8];
        kern_k4_scales(w[i].scales, sc, mn);
        const float dmin = -x[i].d * kern_h2f(w[i].dmin);
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
        summs = fmaf(dmin, (float)msum, summs); /* as ggml (built with contraction) */
    }
    return kern_hsum256(acc) + summs;
}

void kern_dots_avx512_get(struct kern_dot_table *t)
{
    t->dot[KERN_F32] = kern_vdot_f32_avx512;
    t->dot[KERN_F16] = kern_vdot_f16_avx512;
    t->dot[KERN_BF16] = kern_vdot_bf16_avx512;
    /* Q4_K, Q6_K and all 4-token kernels stay the AVX2 ones, which already match ggml */
    t->dot[KERN_Q8_0] = kern_vdot_q8_0_avx512;
    t->dot[KERN_Q4_0] = kern_vdot_q4_0_avx512;
    t->dot[KERN_Q4_1] = kern_vdot_q4_1_avx512;
    t->dot[KERN_Q5_0] = kern_vdot_q5_0_avx512;
    t->dot[KERN_Q5_1] = kern_vdot_q5_1_avx512;
    t->dot[KERN_Q5_K] = kern_vdot_q5_k_avx512;
}
