/*
 * kern-emu512.h: test build only (KERN_AVX512_EMULATE, tests/test-kern-vnni-emu). Plain C
 * versions of the AVX-512 intrinsics the 512-bit integer kernels use, written from Intel's
 * definitions lane by lane, so those kernels' logic is checked on CPUs without AVX-512.
 */
#ifndef KERN_EMU512_H
#define KERN_EMU512_H

#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

typedef struct { int8_t b[64]; } kern_emu_m512i;
typedef struct { float f[16]; } kern_emu_m512;
#define __m512i kern_emu_m512i
#define __m512 kern_emu_m512

KERN_AVX2 static inline __m512i kern_emu_setzero_si512(void)
{
    __m512i r;
    memset(&r, 0, sizeof(r));
    return r;
}
KERN_AVX2 static inline __m512i kern_emu_castsi256_si512(__m256i a)
{
    __m512i r = kern_emu_setzero_si512(); /* upper half undefined: zero will do */
    memcpy(r.b, &a, 32);
    return r;
}
KERN_AVX2 static inline __m512i kern_emu_inserti64x4(__m512i a, __m256i b, int imm)
{
    memcpy(a.b + 32 * (imm & 1), &b, 32);
    return a;
}
KERN_AVX2 static inline __m512i kern_emu_abs_epi8(__m512i a)
{
    for (int i = 0; i < 64; i++) a.b[i] = (int8_t)(uint8_t)(a.b[i] < 0 ? -(int)a.b[i] : a.b[i]);
    return a;
}
KERN_AVX2 static inline __mmask64 kern_emu_movepi8_mask(__m512i a)
{
    __mmask64 k = 0;
    for (int i = 0; i < 64; i++) k |= (__mmask64)(a.b[i] < 0) << i;
    return k;
}
KERN_AVX2 static inline __m512i kern_emu_mask_sub_epi8(__m512i src, __mmask64 k, __m512i a, __m512i b)
{
    for (int i = 0; i < 64; i++)
        if ((k >> i) & 1) src.b[i] = (int8_t)(uint8_t)(a.b[i] - b.b[i]);
    return src;
}
KERN_AVX2 static inline __m512i kern_emu_dpbusd_epi32(__m512i src, __m512i a, __m512i b)
{
    int32_t d[16];
    memcpy(d, src.b, 64);
    for (int j = 0; j < 16; j++) {
        int64_t s = d[j];
        for (int k = 0; k < 4; k++) s += (int)(uint8_t)a.b[4 * j + k] * (int)b.b[4 * j + k];
        d[j] = (int32_t)(uint32_t)s;
    }
    memcpy(src.b, d, 64);
    return src;
}
KERN_AVX2 static inline __m512 kern_emu_cvtepi32_ps(__m512i a)
{
    int32_t d[16];
    __m512 r;
    memcpy(d, a.b, 64);
    for (int j = 0; j < 16; j++) r.f[j] = (float)d[j];
    return r;
}
KERN_AVX2 static inline __m512 kern_emu_set1_ps(float v)
{
    __m512 r;
    for (int j = 0; j < 16; j++) r.f[j] = v;
    return r;
}
KERN_AVX2 static inline __m512 kern_emu_setzero_ps(void) { return kern_emu_set1_ps(0.0f); }
KERN_AVX2 static inline __m512 kern_emu_fmadd_ps(__m512 a, __m512 b, __m512 c)
{
    for (int j = 0; j < 16; j++) c.f[j] = fmaf(a.f[j], b.f[j], c.f[j]);
    return c;
}
KERN_AVX2 static inline __m512 kern_emu_add_ps(__m512 a, __m512 b)
{
    for (int j = 0; j < 16; j++) a.f[j] += b.f[j];
    return a;
}
KERN_AVX2 static inline __m512 kern_emu_mask_blend_ps(__mmask16 k, __m512 a, __m512 b)
{
    for (int j = 0; j < 16; j++)
        if ((k >> j) & 1) a.f[j] = b.f[j];
    return a;
}
KERN_AVX2 static inline float kern_emu_reduce_add_ps(__m512 a)
{
    /* GCC's tree: 256-bit halves, 128-bit halves, {2,3,0,1} shuffle, then lanes 0 + 1 */
    float t3[8], t6[4], t8[4];
    for (int j = 0; j < 8; j++) t3[j] = a.f[8 + j] + a.f[j];
    for (int j = 0; j < 4; j++) t6[j] = t3[4 + j] + t3[j];
    for (int j = 0; j < 4; j++) t8[j] = t6[j] + t6[j ^ 2];
    return t8[0] + t8[1];
}

KERN_AVX2 static inline __m512i kern_emu_loadu_si512(const void *p)
{
    __m512i r;
    memcpy(r.b, p, 64);
    return r;
}
KERN_AVX2 static inline __m512i kern_emu_and_si512(__m512i a, __m512i b)
{
    for (int i = 0; i < 64; i++) a.b[i] &= b.b[i];
    return a;
}
KERN_AVX2 static inline __m512i kern_emu_set1_epi8(char v)
{
    __m512i r;
    memset(r.b, v, 64);
    return r;
}
KERN_AVX2 static inline __m512i kern_emu_set1_epi16(short v)
{
    __m512i r;
    for (int i = 0; i < 32; i++) memcpy(r.b + 2 * i, &v, 2);
    return r;
}
KERN_AVX2 static inline __m512i kern_emu_srli_epi16(__m512i a, int n)
{
    for (int i = 0; i < 32; i++) {
        uint16_t v;
        memcpy(&v, a.b + 2 * i, 2);
        v = n > 15 ? 0 : (uint16_t)(v >> n);
        memcpy(a.b + 2 * i, &v, 2);
    }
    return a;
}
KERN_AVX2 static inline __m512i kern_emu_maddubs_epi16(__m512i a, __m512i b)
{
    __m512i r;
    for (int i = 0; i < 32; i++) {
        int v = (int)(uint8_t)a.b[2 * i] * b.b[2 * i] + (int)(uint8_t)a.b[2 * i + 1] * b.b[2 * i + 1];
        int16_t s = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v); /* saturates */
        memcpy(r.b + 2 * i, &s, 2);
    }
    return r;
}
KERN_AVX2 static inline __m512i kern_emu_dpwssd_epi32(__m512i src, __m512i a, __m512i b)
{
    for (int j = 0; j < 16; j++) {
        int32_t d;
        int16_t a0, a1, b0, b1;
        memcpy(&d, src.b + 4 * j, 4);
        memcpy(&a0, a.b + 4 * j, 2);
        memcpy(&a1, a.b + 4 * j + 2, 2);
        memcpy(&b0, b.b + 4 * j, 2);
        memcpy(&b1, b.b + 4 * j + 2, 2);
        d = (int32_t)(uint32_t)((int64_t)d + (int32_t)a0 * b0 + (int32_t)a1 * b1);
        memcpy(src.b + 4 * j, &d, 4);
    }
    return src;
}
KERN_AVX2 static inline __m512i kern_emu_mask_blend_epi16(__mmask32 k, __m512i a, __m512i b)
{
    for (int i = 0; i < 32; i++)
        if ((k >> i) & 1) memcpy(a.b + 2 * i, b.b + 2 * i, 2);
    return a;
}

KERN_AVX2 static inline __m512i kern_emu_or_si512(__m512i a, __m512i b)
{
    for (int i = 0; i < 64; i++) a.b[i] |= b.b[i];
    return a;
}
KERN_AVX2 static inline __m512i kern_emu_slli_epi16(__m512i a, int n)
{
    for (int i = 0; i < 32; i++) {
        uint16_t v;
        memcpy(&v, a.b + 2 * i, 2);
        v = n > 15 ? 0 : (uint16_t)(v << n);
        memcpy(a.b + 2 * i, &v, 2);
    }
    return a;
}
KERN_AVX2 static inline __m512i kern_emu_permutexvar_epi16(__m512i idx, __m512i a)
{
    __m512i r;
    for (int i = 0; i < 32; i++) {
        uint16_t k;
        memcpy(&k, idx.b + 2 * i, 2);
        memcpy(r.b + 2 * i, a.b + 2 * (k & 31), 2);
    }
    return r;
}

/* float-side intrinsics of the F32/F16/BF16 kernels */
KERN_AVX2 static inline __m512 kern_emu_loadu_ps(const float *p)
{
    __m512 r;
    memcpy(r.f, p, 64);
    return r;
}
KERN_AVX2 static inline __m512 kern_emu_maskz_loadu_ps(__mmask16 k, const float *p)
{
    __m512 r; /* masked-off lanes are not read (they may lie past the end) */
    for (int j = 0; j < 16; j++) r.f[j] = ((k >> j) & 1) ? p[j] : 0.0f;
    return r;
}
KERN_AVX2 static inline __m256i kern_emu_maskz_loadu_epi16(__mmask16 k, const void *p)
{
    uint16_t v[16];
    for (int j = 0; j < 16; j++) v[j] = ((k >> j) & 1) ? ((const uint16_t *)p)[j] : 0;
    __m256i r;
    memcpy(&r, v, 32);
    return r;
}
KERN_AVX2 static inline __m512 kern_emu_cvtph_ps(__m256i a)
{
    uint16_t v[16];
    __m512 r;
    memcpy(v, &a, 32);
    for (int j = 0; j < 16; j++) r.f[j] = kern_fp16_to_f32(v[j]);
    return r;
}
KERN_AVX2 static inline __m512i kern_emu_cvtepu16_epi32(__m256i a)
{
    uint16_t v[16];
    uint32_t d[16];
    __m512i r;
    memcpy(v, &a, 32);
    for (int j = 0; j < 16; j++) d[j] = v[j];
    memcpy(r.b, d, 64);
    return r;
}
KERN_AVX2 static inline __m512i kern_emu_slli_epi32(__m512i a, int n)
{
    uint32_t d[16];
    memcpy(d, a.b, 64);
    for (int j = 0; j < 16; j++) d[j] = n > 31 ? 0 : d[j] << n;
    memcpy(a.b, d, 64);
    return a;
}
KERN_AVX2 static inline __m512 kern_emu_castsi512_ps(__m512i a)
{
    __m512 r;
    memcpy(r.f, a.b, 64);
    return r;
}

#define _mm512_loadu_ps kern_emu_loadu_ps
#define _mm512_maskz_loadu_ps kern_emu_maskz_loadu_ps
#define _mm256_maskz_loadu_epi16 kern_emu_maskz_loadu_epi16
#undef _mm512_cvtph_ps
#define _mm512_cvtph_ps kern_emu_cvtph_ps
#define _mm512_cvtepu16_epi32 kern_emu_cvtepu16_epi32
#undef _mm512_slli_epi32
#define _mm512_slli_epi32 kern_emu_slli_epi32
#define _mm512_castsi512_ps kern_emu_castsi512_ps
#define _mm512_or_si512 kern_emu_or_si512
#undef _mm512_slli_epi16
#define _mm512_slli_epi16 kern_emu_slli_epi16
#define _mm512_permutexvar_epi16 kern_emu_permutexvar_epi16
#define _mm512_loadu_si512 kern_emu_loadu_si512
#define _mm512_and_si512 kern_emu_and_si512
#define _mm512_set1_epi8 kern_emu_set1_epi8
#define _mm512_set1_epi16 kern_emu_set1_epi16
#undef _mm512_srli_epi16
#define _mm512_srli_epi16 kern_emu_srli_epi16
#define _mm512_maddubs_epi16 kern_emu_maddubs_epi16
#undef _mm512_dpwssd_epi32
#define _mm512_dpwssd_epi32 kern_emu_dpwssd_epi32
#define _mm512_mask_blend_epi16 kern_emu_mask_blend_epi16
#define _mm512_setzero_si512 kern_emu_setzero_si512
#define _mm512_castsi256_si512 kern_emu_castsi256_si512
#undef _mm512_inserti64x4
#define _mm512_inserti64x4 kern_emu_inserti64x4
#define _mm512_abs_epi8 kern_emu_abs_epi8
#define _mm512_movepi8_mask kern_emu_movepi8_mask
#define _mm512_mask_sub_epi8 kern_emu_mask_sub_epi8
#undef _mm512_dpbusd_epi32
#define _mm512_dpbusd_epi32 kern_emu_dpbusd_epi32
#define _mm512_cvtepi32_ps kern_emu_cvtepi32_ps
#define _mm512_set1_ps kern_emu_set1_ps
#define _mm512_setzero_ps kern_emu_setzero_ps
#define _mm512_fmadd_ps kern_emu_fmadd_ps
#define _mm512_add_ps kern_emu_add_ps
#define _mm512_mask_blend_ps kern_emu_mask_blend_ps
#define _mm512_reduce_add_ps kern_emu_reduce_add_ps

#endif
