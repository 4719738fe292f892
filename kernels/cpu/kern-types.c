/*
 * kern-types.c: the scalar reference for tensor types. Type traits, fp16/bf16 conversion,
 * dequantization (bit-exact with ggml's dequantize_row_*) and quantization (the same blocks as
 * ggml's quantize_row_*_ref, which llama-quantize uses when no importance matrix is given).
 *
 * This file is compiled for the baseline ISA with no FMA contraction (see kernels/local.mk),
 * so that float expressions round exactly as ggml's portable C does.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "kernels/cpu/kern-impl.h"

#define KMIN(a, b) ((a) < (b) ? (a) : (b))
#define KMAX(a, b) ((a) > (b) ? (a) : (b))
#define KERN_GROUP_MAX_EPS 1e-15f

static const struct kern_type_traits kern_traits[KERN_TYPE_MAX] = {
    [KERN_F32] = {"f32", 1, 4, true},
    [KERN_F16] = {"f16", 1, 2, true},
    [KERN_Q4_0] = {"q4_0", 32, 18, true},
    [KERN_Q4_1] = {"q4_1", 32, 20, true},
    [KERN_Q5_0] = {"q5_0", 32, 22, true},
    [KERN_Q5_1] = {"q5_1", 32, 24, true},
    [KERN_Q8_0] = {"q8_0", 32, 34, true},
    [KERN_Q8_1] = {"q8_1", 32, 36, false},
    [KERN_Q2_K] = {"q2_K", 256, 84, true},
    [KERN_Q3_K] = {"q3_K", 256, 110, true},
    [KERN_Q4_K] = {"q4_K", 256, 144, true},
    [KERN_Q5_K] = {"q5_K", 256, 176, true},
    [KERN_Q6_K] = {"q6_K", 256, 210, true},
    [KERN_Q8_K] = {"q8_K", 256, 292, false},
    [KERN_I8] = {"i8", 1, 1, false},
    [KERN_I16] = {"i16", 1, 2, false},
    [KERN_I32] = {"i32", 1, 4, false},
    [KERN_I64] = {"i64", 1, 8, false},
    [KERN_F64] = {"f64", 1, 8, false},
    [KERN_BF16] = {"bf16", 1, 2, true},
};

const struct kern_type_traits *kern_type_traits(int type)
{
    if (type < 0 || type >= KERN_TYPE_MAX || !kern_traits[type].name) return NULL;
    return &kern_traits[type];
}

size_t kern_row_bytes(int type, int64_t n)
{
    const struct kern_type_traits *t = kern_type_traits(type);
    if (!t || n < 0 || n % t->block_elems) return 0;
    uint64_t blocks = (uint64_t)n / (uint64_t)t->block_elems;
    if (blocks > SIZE_MAX / (uint64_t)t->block_bytes) return 0;
    return (size_t)(blocks * (uint64_t)t->block_bytes);
}

/* ---- fp16 / bf16: the bit manipulations of ggml's portable path (both round to nearest
 * even, like F16C's vcvtps2ph with imm 0, so results match either of ggml's paths) ---- */

static inline uint32_t kern_f2u(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline float kern_u2f(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

float kern_fp16_to_f32(uint16_t h)
{
    const uint32_t w = (uint32_t)h << 16;
    const uint32_t sign = w & 0x80000000u;
    const uint32_t two_w = w + w;
    const uint32_t exp_offset = 0xE0u << 23;
    const float exp_scale = 0x1.0p-112f;
    const float normalized = kern_u2f((two_w >> 4) + exp_offset) * exp_scale;
    const uint32_t magic_mask = 126u << 23;
    const float magic_bias = 0.5f;
    const float denormalized = kern_u2f((two_w >> 17) | magic_mask) - magic_bias;
    const uint32_t denormalized_cutoff = 1u << 27;
    const uint32_t result =
        sign | (two_w < denormalized_cutoff ? kern_f2u(denormalized) : kern_f2u(normalized));
    return kern_u2f(result);
}

uint16_t kern_f32_to_fp16(float f)
{
    const float scale_to_inf = 0x1.0p+112f;
    const float scale_to_zero = 0x1.0p-110f;
    float base = (fabsf(f) * scale_to_inf) * scale_to_zero;
    const uint32_t w = kern_f2u(f);
    const uint32_t shl1_w = w + w;
    const uint32_t sign = w & 0x80000000u;
    uint32_t bias = shl1_w & 0xFF000000u;
    if (bias < 0x71000000u) bias = 0x71000000u;
    base = kern_u2f((bias >> 1) + 0x07800000u) + base;
    const uint32_t bits = kern_f2u(base);
    const uint32_t exp_bits = (bits >> 13) & 0x00007C00u;
    const uint32_t mantissa_bits = bits & 0x00000FFFu;
    const uint32_t nonsign = exp_bits + mantissa_bits;
    return (uint16_t)((sign >> 16) | (shl1_w > 0xFF000000u ? 0x7E00u : nonsign));
}

float kern_bf16_to_f32(uint16_t h) { return kern_u2f((uint32_t)h << 16); }

uint16_t kern_f32_to_bf16(float f)
{
    uint32_t u = kern_f2u(f);
    if ((u & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((u >> 16) | 64); /* quiet NaN */
    return (uint16_t)((u + (0x7fffu + ((u >> 16) & 1))) >> 16);
}

/* fp16 -> f32 by table: 256 KiB, filled once when the library is loaded. */
float kern_fp16_table[65536];

__attribute__((constructor)) void kern_fp16_table_init(void)
{
    for (uint32_t i = 0; i < 65536; i++) kern_fp16_table[i] = kern_fp16_to_f32((uint16_t)i);
}

/* ---- dequantization ---- */

static void kern_get_scale_min_k4(int j, const uint8_t *q, uint8_t *d, uint8_t *m)
{
    if (j < 4) {
        *d = q[j] & 63;
        *m = q[j + 4] & 63;
    } else {
        *d = (q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4);
        *m = (q[j + 4] >> 4) | ((q[j - 0] >> 6) << 4);
    }
}

static void kern_dequant_q4_0(const struct kern_q4_0 *x, float *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        const float d = kern_h2f(x[i].d);
        for (int j = 0; j < 16; j++) {
            const int x0 = (x[i].qs[j] & 0x0F) - 8;
            const int x1 = (x[i].qs[j] >> 4) - 8;
            y[i * 32 + j] = x0 * d;
            y[i * 32 + j + 16] = x1 * d;
        }
    }
}

static void kern_dequant_q4_1(const struct kern_q4_1 *x, float *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        const float d = kern_h2f(x[i].d), m = kern_h2f(x[i].m);
        for (int j = 0; j < 16; j++) {
            const int x0 = x[i].qs[j] & 0x0F;
            const int x1 = x[i].qs[j] >> 4;
            y[i * 32 + j] = x0 * d + m;
            y[i * 32 + j + 16] = x1 * d + m;
        }
    }
}

static void kern_dequant_q5_0(const struct kern_q5_0 *x, float *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        const float d = kern_h2f(x[i].d);
        uint32_t qh;
        memcpy(&qh, x[i].qh, 4);
        for (int j = 0; j < 16; j++) {
            const uint8_t xh_0 = ((qh >> (j + 0)) << 4) & 0x10;
            const uint8_t xh_1 = ((qh >> (j + 12))) & 0x10;
            const int32_t x0 = ((x[i].qs[j] & 0x0F) | xh_0) - 16;
            const int32_t x1 = ((x[i].qs[j] >> 4) | xh_1) - 16;
            y[i * 32 + j] = x0 * d;
            y[i * 32 + j + 16] = x1 * d;
        }
    }
}

static void kern_dequant_q5_1(const struct kern_q5_1 *x, float *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        const float d = kern_h2f(x[i].d), m = kern_h2f(x[i].m);
        uint32_t qh;
        memcpy(&qh, x[i].qh, 4);
        for (int j = 0; j < 16; j++) {
            const uint8_t xh_0 = ((qh >> (j + 0)) << 4) & 0x10;
            const uint8_t xh_1 = ((qh >> (j + 12))) & 0x10;
            const int x0 = (x[i].qs[j] & 0x0F) | xh_0;
            const int x1 = (x[i].qs[j] >> 4) | xh_1;
            y[i * 32 + j] = x0 * d + m;
            y[i * 32 + j + 16] = x1 * d + m;
        }
    }
}

static void kern_dequant_q8_0(const struct kern_q8_0 *x, float *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        const float d = kern_h2f(x[i].d);
        for (int j = 0; j < 32; j++) y[i * 32 + j] = x[i].qs[j] * d;
    }
}

static void kern_dequant_q8_1(const struct kern_q8_1 *x, float *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        const float d = kern_h2f(x[i].d);
        for (int j = 0; j < 32; j++) y[i * 32 + j] = x[i].qs[j] * d;
    }
}

static void kern_dequant_q2_k(const struct kern_q2_k *x, float *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        const float d = kern_h2f(x[i].d), min = kern_h2f(x[i].dmin);
        const uint8_t *q = x[i].qs;
        int is = 0;
        for (int n = 0; n < KERN_QK_K; n += 128) {
            int shift = 0;
            for (int j = 0; j < 4; ++j) {
                uint8_t sc = x[i].scales[is++];
                float dl = d * (sc & 0xF), ml = min * (sc >> 4);
                for (int l = 0; l < 16; ++l) *y++ = dl * ((int8_t)((q[l] >> shift) & 3)) - ml;
                sc = x[i].scales[is++];
                dl = d * (sc & 0xF);
                ml = min * (sc >> 4);
                for (int l = 0; l < 16; ++l)
                    *y++ = dl * ((int8_t)((q[l + 16] >> shift) & 3)) - ml;
                shift += 2;
            }
            q += 32;
        }
    }
}

/* Q3_K's 16 6-bit scales, unpacked from their 12 bytes; each minus 32 gives the scale. */
static void kern_q3_k_scales(const uint8_t packed[12], int8_t out[16])
{
    const uint32_t kmask1 = 0x03030303u, kmask2 = 0x0f0f0f0fu;
    uint32_t aux[4];
    memcpy(aux, packed, 12);
    uint32_t tmp = aux[2];
    aux[2] = ((aux[0] >> 4) & kmask2) | (((tmp >> 4) & kmask1) << 4);
    aux[3] = ((aux[1] >> 4) & kmask2) | (((tmp >> 6) & kmask1) << 4);
    aux[0] = (aux[0] & kmask2) | (((tmp >> 0) & kmask1) << 4);
    aux[1] = (aux[1] & kmask2) | (((tmp >> 2) & kmask1) << 4);
    memcpy(out, aux, 16);
}

static void kern_dequant_q3_k(const struct kern_q3_k *x, float *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        const float d_all = kern_h2f(x[i].d);
        const uint8_t *q = x[i].qs, *hm = x[i].hmask;
        uint8_t m = 1;
        int8_t scales[16];
        kern_q3_k_scales(x[i].scales, scales);
        int is = 0;
        for (int n = 0; n < KERN_QK_K; n += 128) {
            int shift = 0;
            for (int j = 0; j < 4; ++j) {
                float dl = d_all * (scales[is++] - 32);
                for (int l = 0; l < 16; ++l)
                    *y++ = dl * ((int8_t)((q[l + 0] >> shift) & 3) - ((hm[l + 0] & m) ? 0 : 4));
                dl = d_all * (scales[is++] - 32);
                for (int l = 0; l < 16; ++l)
                    *y++ = dl * ((int8_t)((q[l + 16] >> shift) & 3) - ((hm[l + 16] & m) ? 0 : 4));
                shift += 2;
                m <<= 1;
            }
            q += 32;
        }
    }
}

static void kern_dequant_q4_k(const struct kern_q4_k *x, float *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        const uint8_t *q = x[i].qs;
        const float d = kern_h2f(x[i].d), min = kern_h2f(x[i].dmin);
        int is = 0;
        uint8_t sc, m;
        for (int j = 0; j < KERN_QK_K; j += 64) {
            kern_get_scale_min_k4(is + 0, x[i].scales, &sc, &m);
            const float d1 = d * sc, m1 = min * m;
            kern_get_scale_min_k4(is + 1, x[i].scales, &sc, &m);
            const float d2 = d * sc, m2 = min * m;
            for (int l = 0; l < 32; ++l) *y++ = d1 * (q[l] & 0xF) - m1;
            for (int l = 0; l < 32; ++l) *y++ = d2 * (q[l] >> 4) - m2;
            q += 32;
            is += 2;
        }
    }
}

static void kern_dequant_q5_k(const struct kern_q5_k *x, float *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        const uint8_t *ql = x[i].qs, *qh = x[i].qh;
        const float d = kern_h2f(x[i].d), min = kern_h2f(x[i].dmin);
        int is = 0;
        uint8_t sc, m, u1 = 1, u2 = 2;
        for (int j = 0; j < KERN_QK_K; j += 64) {
            kern_get_scale_min_k4(is + 0, x[i].scales, &sc, &m);
            const float d1 = d * sc, m1 = min * m;
            kern_get_scale_min_k4(is + 1, x[i].scales, &sc, &m);
            const float d2 = d * sc, m2 = min * m;
            for (int l = 0; l < 32; ++l) *y++ = d1 * ((ql[l] & 0xF) + (qh[l] & u1 ? 16 : 0)) - m1;
            for (int l = 0; l < 32; ++l) *y++ = d2 * ((ql[l] >> 4) + (qh[l] & u2 ? 16 : 0)) - m2;
            ql += 32;
            is += 2;
            u1 <<= 2;
            u2 <<= 2;
        }
    }
}

static void kern_dequant_q6_k(const struct kern_q6_k *x, float *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        const float d = kern_h2f(x[i].d);
        const uint8_t *ql = x[i].ql, *qh = x[i].qh;
        const int8_t *sc = x[i].scales;
        for (int n = 0; n < KERN_QK_K; n += 128) {
            for (int l = 0; l < 32; ++l) {
                int is = l / 16;
                const int8_t q1 = (int8_t)((ql[l + 0] & 0xF) | (((qh[l] >> 0) & 3) << 4)) - 32;
                const int8_t q2 = (int8_t)((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32;
                const int8_t q3 = (int8_t)((ql[l + 0] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                const int8_t q4 = (int8_t)((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                y[l + 0] = d * sc[is + 0] * q1;
                y[l + 32] = d * sc[is + 2] * q2;
                y[l + 64] = d * sc[is + 4] * q3;
                y[l + 96] = d * sc[is + 6] * q4;
            }
            y += 128;
            ql += 64;
            qh += 32;
            sc += 8;
        }
    }
}

static void kern_dequant_q8_k(const struct kern_q8_k *x, float *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++)
        for (int j = 0; j < KERN_QK_K; ++j) *y++ = x[i].d * x[i].qs[j];
}

void kern_dequant_row(int type, const void *src, float *dst, int64_t n)
{
    const struct kern_type_traits *t = kern_type_traits(type);
    if (!t || n <= 0 || n % t->block_elems) return;
    const int64_t nb = n / t->block_elems;
    switch (type) {
    case KERN_F32: memcpy(dst, src, (size_t)n * 4); break;
    case KERN_F16: {
        const uint16_t *s = src;
        for (int64_t i = 0; i < n; i++) dst[i] = kern_h2f(s[i]);
        break;
    }
    case KERN_BF16: {
        const uint16_t *s = src;
        for (int64_t i = 0; i < n; i++) dst[i] = kern_bf16_to_f32(s[i]);
        break;
    }
    case KERN_Q4_0: kern_dequant_q4_0(src, dst, nb); break;
    case KERN_Q4_1: kern_dequant_q4_1(src, dst, nb); break;
    case KERN_Q5_0: kern_dequant_q5_0(src, dst, nb); break;
    case KERN_Q5_1: kern_dequant_q5_1(src, dst, nb); break;
    case KERN_Q8_0: kern_dequant_q8_0(src, dst, nb); break;
    case KERN_Q8_1: kern_dequant_q8_1(src, dst, nb); break;
    case KERN_Q2_K: kern_dequant_q2_k(src, dst, nb); break;
    case KERN_Q3_K: kern_dequant_q3_k(src, dst, nb); break;
    case KERN_Q4_K: kern_dequant_q4_k(src, dst, nb); break;
    case KERN_Q5_K: kern_dequant_q5_k(src, dst, nb); break;
    case KERN_Q6_K: kern_dequant_q6_k(src, dst, nb); break;
    case KERN_Q8_K: kern_dequant_q8_k(src, dst, nb); break;
    default: memset(dst, 0, (size_t)n * sizeof(float)); break; /* integer types: not ours */
    }
}

/* ---- quantization (ggml's reference quantizers) ---- */

static inline int kern_nearest_int(float fval)
{
    /* Round to nearest by adding 1.5*2^23: ggml's trick, valid for |fval| <= 2^22. */
    float val = fval + 12582912.f;
    int i;
    memcpy(&i, &val, sizeof(int));
    return (i & 0x007fffff) - 0x00400000;
}

static void kern_quant_q4_0(const float *x, struct kern_q4_0 *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        float amax = 0.0f, max = 0.0f;
        for (int j = 0; j < 32; j++) {
            const float v = x[i * 32 + j];
            if (amax < fabsf(v)) {
                amax = fabsf(v);
                max = v;
            }
        }
        const float d = max / -8;
        const float id = d ? 1.0f / d : 0.0f;
        y[i].d = kern_f32_to_fp16(d);
        for (int j = 0; j < 16; ++j) {
            const float x0 = x[i * 32 + j] * id;
            const float x1 = x[i * 32 + 16 + j] * id;
            const uint8_t xi0 = KMIN(15, (int8_t)(x0 + 8.5f));
            const uint8_t xi1 = KMIN(15, (int8_t)(x1 + 8.5f));
            y[i].qs[j] = xi0 | (uint8_t)(xi1 << 4);
        }
    }
}

static void kern_quant_q4_1(const float *x, struct kern_q4_1 *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        float min = FLT_MAX, max = -FLT_MAX;
        for (int j = 0; j < 32; j++) {
            const float v = x[i * 32 + j];
            if (v < min) min = v;
            if (v > max) max = v;
        }
        const float d = (max - min) / ((1 << 4) - 1);
        const float id = d ? 1.0f / d : 0.0f;
        y[i].d = kern_f32_to_fp16(d);
        y[i].m = kern_f32_to_fp16(min);
        for (int j = 0; j < 16; ++j) {
            const float x0 = (x[i * 32 + j] - min) * id;
            const float x1 = (x[i * 32 + 16 + j] - min) * id;
            const uint8_t xi0 = KMIN(15, (int8_t)(x0 + 0.5f));
            const uint8_t xi1 = KMIN(15, (int8_t)(x1 + 0.5f));
            y[i].qs[j] = xi0 | (uint8_t)(xi1 << 4);
        }
    }
}

static void kern_quant_q5_0(const float *x, struct kern_q5_0 *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        float amax = 0.0f, max = 0.0f;
        for (int j = 0; j < 32; j++) {
            const float v = x[i * 32 + j];
            if (amax < fabsf(v)) {
                amax = fabsf(v);
                max = v;
            }
        }
        const float d = max / -16;
        const float id = d ? 1.0f / d : 0.0f;
        y[i].d = kern_f32_to_fp16(d);
        uint32_t qh = 0;
        for (int j = 0; j < 16; ++j) {
            const float x0 = x[i * 32 + j] * id;
            const float x1 = x[i * 32 + 16 + j] * id;
            const uint8_t xi0 = KMIN(31, (int8_t)(x0 + 16.5f));
            const uint8_t xi1 = KMIN(31, (int8_t)(x1 + 16.5f));
            y[i].qs[j] = (xi0 & 0x0F) | ((xi1 & 0x0F) << 4);
            qh |= ((xi0 & 0x10u) >> 4) << (j + 0);
            qh |= ((xi1 & 0x10u) >> 4) << (j + 16);
        }
        memcpy(y[i].qh, &qh, 4);
    }
}

static void kern_quant_q5_1(const float *x, struct kern_q5_1 *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        float min = FLT_MAX, max = -FLT_MAX;
        for (int j = 0; j < 32; j++) {
            const float v = x[i * 32 + j];
            if (v < min) min = v;
            if (v > max) max = v;
        }
        const float d = (max - min) / ((1 << 5) - 1);
        const float id = d ? 1.0f / d : 0.0f;
        y[i].d = kern_f32_to_fp16(d);
        y[i].m = kern_f32_to_fp16(min);
        uint32_t qh = 0;
        for (int j = 0; j < 16; ++j) {
            const float x0 = (x[i * 32 + j] - min) * id;
            const float x1 = (x[i * 32 + 16 + j] - min) * id;
            const uint8_t xi0 = (uint8_t)(x0 + 0.5f);
            const uint8_t xi1 = (uint8_t)(x1 + 0.5f);
            y[i].qs[j] = (xi0 & 0x0F) | ((xi1 & 0x0F) << 4);
            qh |= ((xi0 & 0x10u) >> 4) << (j + 0);
            qh |= ((xi1 & 0x10u) >> 4) << (j + 16);
        }
        memcpy(y[i].qh, &qh, 4);
    }
}

static void kern_quant_q8_0(const float *x, struct kern_q8_0 *y, int64_t nb)
{
    for (int64_t i = 0; i < nb; i++) {
        float amax = 0.0f;
        for (int j = 0; j < 32; j++) amax = KMAX(amax, fabsf(x[i * 32 + j]));
        const float d = amax / ((1 << 7) - 1);
        const float id = d ? 1.0f / d : 0.0f;
        y[i].d = kern_f32_to_fp16(d);
        for (int j = 0; j < 32; ++j) y[i].qs[j] = (int8_t)roundf(x[i * 32 + j] * id);
    }
}

/* ggml's make_qkx2_quants: scale and min of a group with a small search around max-min. */
static float kern_make_qkx2_quants(int n, int nmax, const float *x, const float *weights,
                                   uint8_t *L, float *the_min, uint8_t *Laux, float rmin,
                                   float rdelta, int nstep, bool use_mad)
{
    float min = x[0], max = x[0];
    float sum_w = weights[0];
    float sum_x = sum_w * x[0];
    for (int i = 1; i < n; ++i) {
        if (x[i] < min) min = x[i];
        if (x[i] > max) max = x[i];
        float w = weights[i];
        sum_w += w;
        sum_x += w * x[i];
    }
    if (min > 0) min = 0;
    if (max == min) {
        for (int i = 0; i < n; ++i) L[i] = 0;
        *the_min = -min;
        return 0.f;
    }
    float iscale = nmax / (max - min);
    float scale = 1 / iscale;
    float best_error = 0;
    for (int i = 0; i < n; ++i) {
        int l = kern_nearest_int(iscale * (x[i] - min));
        L[i] = (uint8_t)KMAX(0, KMIN(nmax, l));
        float diff = scale * L[i] + min - x[i];
        diff = use_mad ? fabsf(diff) : diff * diff;
        best_error += weights[i] * diff;
    }
    if (nstep < 1) {
        *the_min = -min;
        return scale;
    }
    for (int is = 0; is <= nstep; ++is) {
        iscale = (rmin + rdelta * is + nmax) / (max - min);
        float sum_l = 0, sum_l2 = 0, sum_xl = 0;
        for (int i = 0; i < n; ++i) {
            int l = kern_nearest_int(iscale * (x[i] - min));
            l = KMAX(0, KMIN(nmax, l));
            Laux[i] = (uint8_t)l;
            float w = weights[i];
            sum_l += w * l;
            sum_l2 += w * l * l;
            sum_xl += w * l * x[i];
        }
        float D = sum_w * sum_l2 - sum_l * sum_l;
        if (D > 0) {
            float this_scale = (sum_w * sum_xl - sum_x * sum_l) / D;
            float this_min = (sum_l2 * sum_x - sum_l * sum_xl) / D;
            if (this_min > 0) {
                this_min = 0;
                this_scale = sum_xl / sum_l2;
            }
            float cur_error = 0;
            for (int i = 0; i < n; ++i) {
                float diff = this_scale * Laux[i] + this_min - x[i];
                diff = use_mad ? fabsf(diff) : diff * diff;
                cur_error += weights[i] * diff;
            }
            if (cur_error < best_error) {
                for (int i = 0; i < n; ++i) L[i] = Laux[i];
                best_error = cur_error;
                scale = this_scale;
                min = this_min;
            }
        }
    }
    *the_min = -min;
    return scale;
}

/* ggml's make_qx_quants with rmse_type 1 and no importance weights (what Q6_K uses). */
static float kern_make_qx_quants(int n, int nmax, const float *x, int8_t *L)
{
    float max = 0, amax = 0;
    for (int i = 0; i < n; ++i) {
        float ax = fabsf(x[i]);
        if (ax > amax) {
            amax = ax;
            max = x[i];
        }
    }
    if (amax < KERN_GROUP_MAX_EPS) {
        for (int i = 0; i < n; ++i) L[i] = 0;
        return 0.f;
    }
    float iscale = -nmax / max;
    float sumlx = 0, suml2 = 0;
    for (int i = 0; i < n; ++i) {
        int l = kern_nearest_int(iscale * x[i]);
        l = KMAX(-nmax, KMIN(nmax - 1, l));
        L[i] = (int8_t)(l + nmax);
        float w = x[i] * x[i];
        sumlx += w * x[i] * l;
        suml2 += w * l * l;
    }
    float scale = suml2 ? sumlx / suml2 : 0.0f;
    float best = scale * sumlx;
    for (int is = -9; is <= 9; ++is) {
        if (is == 0) continue;
        iscale = -(nmax + 0.1f * is) / max;
        sumlx = suml2 = 0;
        for (int i = 0; i < n; ++i) {
            int l = kern_nearest_int(iscale * x[i]);
            l = KMAX(-nmax, KMIN(nmax - 1, l));
            float w = x[i] * x[i];
            sumlx += w * x[i] * l;
            suml2 += w * l * l;
        }
        if (suml2 > 0 && sumlx * sumlx > best * suml2) {
            for (int i = 0; i < n; ++i) {
                int l = kern_nearest_int(iscale * x[i]);
                L[i] = (int8_t)(nmax + KMAX(-nmax, KMIN(nmax - 1, l)));
            }
            scale = sumlx / suml2;
            best = scale * sumlx;
        }
    }
    return scale;
}

/* Q4_K and Q5_K share everything but the number of levels and the search parameters. */
static void kern_quant_k_scales(const float *x, uint8_t *L, int nmax, float rmin, int nstep,
                                uint8_t scales_out[12], uint16_t *d_out, uint16_t *dmin_out)
{
    uint8_t Laux[32];
    float weights[32], mins[8], scales[8];
    float max_scale = 0, max_min = 0;
    for (int j = 0; j < 8; ++j) {
        float sum_x2 = 0;
        for (int l = 0; l < 32; ++l) sum_x2 += x[32 * j + l] * x[32 * j + l];
        float av_x = sqrtf(sum_x2 / 32);
        for (int l = 0; l < 32; ++l) weights[l] = av_x + fabsf(x[32 * j + l]);
        scales[j] = kern_make_qkx2_quants(32, nmax, x + 32 * j, weights, L + 32 * j, &mins[j],
                                          Laux, rmin, 0.1f, nstep, false);
        if (scales[j] > max_scale) max_scale = scales[j];
        if (mins[j] > max_min) max_min = mins[j];
    }
    float inv_scale = max_scale > 0 ? 63.f / max_scale : 0.f;
    float inv_min = max_min > 0 ? 63.f / max_min : 0.f;
    memset(scales_out, 0, 12);
    for (int j = 0; j < 8; ++j) {
        uint8_t ls = (uint8_t)kern_nearest_int(inv_scale * scales[j]);
        uint8_t lm = (uint8_t)kern_nearest_int(inv_min * mins[j]);
        ls = KMIN(63, ls);
        lm = KMIN(63, lm);
        if (j < 4) {
            scales_out[j] = ls;
            scales_out[j + 4] = lm;
        } else {
            scales_out[j + 4] = (ls & 0xF) | ((lm & 0xF) << 4);
            scales_out[j - 4] |= ((ls >> 4) << 6);
            scales_out[j - 0] |= ((lm >> 4) << 6);
        }
    }
    *d_out = kern_f32_to_fp16(max_scale / 63.f);
    *dmin_out = kern_f32_to_fp16(max_min / 63.f);
    uint8_t sc, m;
    for (int j = 0; j < 8; ++j) {
        kern_get_scale_min_k4(j, scales_out, &sc, &m);
        const float d = kern_h2f(*d_out) * sc;
        if (!d) continue;
        const float dm = kern_h2f(*dmin_out) * m;
        for (int ii = 0; ii < 32; ++ii) {
            int l = kern_nearest_int((x[32 * j + ii] + dm) / d);
            L[32 * j + ii] = (uint8_t)KMAX(0, KMIN(nmax, l));
        }
    }
}

static void kern_quant_q4_k(const float *x, struct kern_q4_k *y, int64_t nb)
{
    uint8_t L[KERN_QK_K];
    for (int64_t i = 0; i < nb; i++) {
        kern_quant_k_scales(x, L, 15, -1.f, 20, y[i].scales, &y[i].d, &y[i].dmin);
        uint8_t *q = y[i].qs;
        for (int j = 0; j < KERN_QK_K; j += 64) {
            for (int l = 0; l < 32; ++l) q[l] = L[j + l] | (uint8_t)(L[j + l + 32] << 4);
            q += 32;
        }
        x += KERN_QK_K;
    }
}

static void kern_quant_q5_k(const float *x, struct kern_q5_k *y, int64_t nb)
{
    uint8_t L[KERN_QK_K];
    for (int64_t i = 0; i < nb; i++) {
        kern_quant_k_scales(x, L, 31, -0.5f, 15, y[i].scales, &y[i].d, &y[i].dmin);
        uint8_t *qh = y[i].qh, *ql = y[i].qs;
        memset(qh, 0, 32);
        uint8_t m1 = 1, m2 = 2;
        for (int n = 0; n < KERN_QK_K; n += 64) {
            for (int j = 0; j < 32; ++j) {
                int l1 = L[n + j];
                if (l1 > 15) {
                    l1 -= 16;
                    qh[j] |= m1;
                }
                int l2 = L[n + j + 32];
                if (l2 > 15) {
                    l2 -= 16;
                    qh[j] |= m2;
                }
                ql[j] = (uint8_t)(l1 | (l2 << 4));
            }
            m1 <<= 2;
            m2 <<= 2;
            ql += 32;
        }
        x += KERN_QK_K;
    }
}

static void kern_quant_q6_k(const float *x, struct kern_q6_k *y, int64_t nb)
{
    int8_t L[KERN_QK_K];
    float scales[16];
    for (int64_t i = 0; i < nb; i++) {
        float max_scale = 0, max_abs_scale = 0;
        for (int ib = 0; ib < 16; ++ib) {
            const float scale = kern_make_qx_quants(16, 32, x + 16 * ib, L + 16 * ib);
            scales[ib] = scale;
            const float abs_scale = fabsf(scale);
            if (abs_scale > max_abs_scale) {
                max_abs_scale = abs_scale;
                max_scale = scale;
            }
        }
        if (max_abs_scale < KERN_GROUP_MAX_EPS) {
            memset(&y[i], 0, sizeof(y[i]));
            x += KERN_QK_K;
            continue;
        }
        float iscale = -128.f / max_scale;
        y[i].d = kern_f32_to_fp16(1 / iscale);
        for (int ib = 0; ib < 16; ++ib)
            y[i].scales[ib] = (int8_t)KMIN(127, kern_nearest_int(iscale * scales[ib]));
        for (int j = 0; j < 16; ++j) {
            float d = kern_h2f(y[i].d) * y[i].scales[j];
            if (!d) continue;
            for (int ii = 0; ii < 16; ++ii) {
                int l = kern_nearest_int(x[16 * j + ii] / d);
                l = KMAX(-32, KMIN(31, l));
                L[16 * j + ii] = (int8_t)(l + 32);
            }
        }
        uint8_t *ql = y[i].ql, *qh = y[i].qh;
        for (int j = 0; j < KERN_QK_K; j += 128) {
            for (int l = 0; l < 32; ++l) {
                const uint8_t q1 = L[j + l + 0] & 0xF;
                const uint8_t q2 = L[j + l + 32] & 0xF;
                const uint8_t q3 = L[j + l + 64] & 0xF;
                const uint8_t q4 = L[j + l + 96] & 0xF;
                ql[l + 0] = q1 | (uint8_t)(q3 << 4);
                ql[l + 32] = q2 | (uint8_t)(q4 << 4);
                qh[l] = (uint8_t)((L[j + l] >> 4) | ((L[j + l + 32] >> 4) << 2) |
                                  ((L[j + l + 64] >> 4) << 4) | ((L[j + l + 96] >> 4) << 6));
            }
            ql += 64;
            qh += 32;
        }
        x += KERN_QK_K;
    }
}

/* Q8_K as ggml's quantize_row_q8_K_ref: f32 scale, -127/max so the extreme maps to +-127. */
void kern_quant_q8_k_ref(const float *x, void *xq, int64_t k)
{
    struct kern_q8_k *y = xq;
    const int64_t nb = k / KERN_QK_K;
    for (int64_t i = 0; i < nb; i++) {
        float max = 0, amax = 0;
        for (int j = 0; j < KERN_QK_K; ++j) {
            float ax = fabsf(x[j]);
            if (ax > amax) {
                amax = ax;
                max = x[j];
            }
        }
        if (!amax) {
            memset(&y[i], 0, sizeof(y[i]));
            x += KERN_QK_K;
            continue;
        }
        const float iscale = -127.f / max;
        for (int j = 0; j < KERN_QK_K; ++j) {
            int v = kern_nearest_int(iscale * x[j]);
            y[i].qs[j] = (int8_t)KMIN(127, v);
        }
        for (int j = 0; j < 16; ++j) {
            int sum = 0;
            for (int ii = 0; ii < 16; ++ii) sum += y[i].qs[j * 16 + ii];
            y[i].bsums[j] = (int16_t)sum;
        }
        y[i].d = 1 / iscale;
        x += KERN_QK_K;
    }
}

/* Activations for the 32-wide types: like Q8_0 with an f32 scale, plus sum(q). */
void kern_quant_x8_ref(const float *x, void *xq, int64_t k)
{
    struct kern_xq8 *y = xq;
    const int64_t nb = k / KERN_QK;
    for (int64_t i = 0; i < nb; i++) {
        float amax = 0.0f;
        for (int j = 0; j < 32; j++) amax = KMAX(amax, fabsf(x[i * 32 + j]));
        /* d and 1/d as ggml's x86 quantize_row_q8_0 computes them */
        const float d = amax / 127.f;
        const float id = amax != 0.0f ? 127.f / amax : 0.0f;
        int sum = 0;
        for (int j = 0; j < 32; ++j) {
            y[i].qs[j] = (int8_t)kern_nearest_int(x[i * 32 + j] * id);
            sum += y[i].qs[j];
        }
        y[i].d = d;
        y[i].sum = sum;
    }
}

void kern_quant_row(int type, const float *src, void *dst, int64_t n)
{
    const struct kern_type_traits *t = kern_type_traits(type);
    if (!t || n <= 0 || n % t->block_elems) return;
    const int64_t nb = n / t->block_elems;
    switch (type) {
    case KERN_F32: memcpy(dst, src, (size_t)n * 4); break;
    case KERN_F16: {
        uint16_t *d = dst;
        for (int64_t i = 0; i < n; i++) d[i] = kern_f32_to_fp16(src[i]);
        break;
    }
    case KERN_BF16: {
        uint16_t *d = dst;
        for (int64_t i = 0; i < n; i++) d[i] = kern_f32_to_bf16(src[i]);
        break;
    }
    case KERN_Q4_0: kern_quant_q4_0(src, dst, nb); break;
    case KERN_Q4_1: kern_quant_q4_1(src, dst, nb); break;
    case KERN_Q5_0: kern_quant_q5_0(src, dst, nb); break;
    case KERN_Q5_1: kern_quant_q5_1(src, dst, nb); break;
    case KERN_Q8_0: kern_quant_q8_0(src, dst, nb); break;
    case KERN_Q4_K: kern_quant_q4_k(src, dst, nb); break;
    case KERN_Q5_K: kern_quant_q5_k(src, dst, nb); break;
    case KERN_Q6_K: kern_quant_q6_k(src, dst, nb); break;
    case KERN_Q8_K: kern_quant_q8_k_ref(src, dst, n); break;
    default: memset(dst, 0, kern_row_bytes(type, n)); break; /* no quantizer for this type */
    }
}

bool kern_can_quant(int type)
{
    switch (type) {
    case KERN_F32: case KERN_F16: case KERN_BF16: case KERN_Q8_0: case KERN_Q4_0:
    case KERN_Q4_1: case KERN_Q5_0: case KERN_Q5_1: case KERN_Q4_K: case KERN_Q5_K:
    case KERN_Q6_K: case KERN_Q8_K: return true;
    default: return false;
    }
}
