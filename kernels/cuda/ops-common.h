/*
 * ops-common.h: the per-element arithmetic that the CPU backend (kernels/backend-cpu.c) and the
 * CUDA kernels (kernels/cuda/backend-cuda.cu) share, compiled for host and device from this one
 * text so the two cannot drift: expert routing of one token, the RoPE/YaRN angle of one pair,
 * and the GGUF block layouts' element decoding (ggml's dequantize_row_* element by element).
 */
#ifndef HUB_OPS_COMMON_H
#define HUB_OPS_COMMON_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kernels/backend.h"

#ifdef __CUDACC__
#define HUB_HD static __host__ __device__ __forceinline__
#else
#define HUB_HD static inline
#endif

/* Top k of n scores, descending, earlier index wins ties, -inf never chosen (idx -1). */
HUB_HD void hub_op_top_k(const float *s, int n, int k, int32_t *idx)
{
    for (int i = 0; i < k; i++)
        idx[i] = -1;
    for (int e = 0; e < n; e++) {
        float v = s[e];
        if (v == -INFINITY) continue;
        int pos = k;
        while (pos > 0 && (idx[pos - 1] < 0 || s[idx[pos - 1]] < v))
            pos--;
        if (pos >= k) continue;
        for (int j = k - 1; j > pos; j--)
            idx[j] = idx[j - 1];
        idx[pos] = e;
    }
}

/* Routing of one token (engine/model.c route(), llama.cpp build_moe_ffn). probs and selp are
 * n_expert scratch floats each. */
HUB_HD void hub_op_route_one(const struct hub_route_params *p, const float *logits,
                             const float *bias, float *probs, float *selp, int32_t *sel, float *w)
{
    int X = p->n_expert, K = p->n_used;
    if (p->gating == HUB_GATING_SIGMOID) {
        for (int e = 0; e < X; e++)
            probs[e] = 1.0f / (1.0f + expf(-logits[e]));
    } else {
        float mx = -INFINITY;
        for (int e = 0; e < X; e++)
            mx = logits[e] > mx ? logits[e] : mx;
        double sum = 0;
        for (int e = 0; e < X; e++) {
            probs[e] = expf(logits[e] - mx);
            sum += probs[e];
        }
        float inv = (float)(1.0 / sum);
        for (int e = 0; e < X; e++)
            probs[e] *= inv;
    }
    for (int e = 0; e < X; e++)
        selp[e] = probs[e] + (bias ? bias[e] : 0.0f);
    if (p->n_groups > 1) {
        int G = p->n_groups, per = X / G;
        float gscore[HUB_ROUTE_MAX_GROUPS]; /* small: a GPU thread's stack */
        int32_t keep[HUB_ROUTE_MAX_GROUPS];
        for (int gi = 0; gi < G; gi++) {
            int32_t t2[2];
            hub_op_top_k(selp + gi * per, per, 2, t2);
            gscore[gi] = selp[gi * per + t2[0]] + selp[gi * per + (per > 1 ? t2[1] : t2[0])];
        }
        hub_op_top_k(gscore, G, p->n_group_used, keep);
        for (int gi = 0; gi < G; gi++) {
            int kept = 0;
            for (int i = 0; i < p->n_group_used; i++)
                kept |= keep[i] == gi;
            if (!kept)
                for (int e = 0; e < per; e++)
                    selp[gi * per + e] = -INFINITY;
        }
    }
    hub_op_top_k(selp, X, K, sel);
    float sum = 0;
    for (int i = 0; i < K; i++) {
        if (sel[i] < 0) sel[i] = 0; /* all -inf: only with non-finite logits */
        w[i] = probs[sel[i]];
        sum += w[i];
    }
    if (p->weights_norm) {
        if (sum < 6.103515625e-5f) sum = 6.103515625e-5f;
        for (int i = 0; i < K; i++)
            w[i] /= sum;
    }
    if (p->weights_scale != 0.0f)
        for (int i = 0; i < K; i++)
            w[i] *= p->weights_scale;
}

/* cos/sin (times the attention factor) of rotary pair i at position pos, as ggml's rope cache:
 * theta advanced by repeated multiplication, not powf, because that is what ggml rounds. */
HUB_HD void hub_op_rope_cs(const struct hub_rope_params *p, int pos, int pair, float *c, float *s)
{
    float theta_scale = powf(p->freq_base, -2.0f / p->n_rot);
    float theta = (float)pos;
    for (int i = 0; i < pair; i++)
        theta *= theta_scale;
    float mscale = p->attn_factor, th = p->freq_scale * theta;
    if (p->ext_factor != 0.0f) {
        float y = (pair - p->corr_low) / fmaxf(0.001f, p->corr_high - p->corr_low);
        float ramp_mix = (1 - fminf(1, fmaxf(0, y))) * p->ext_factor;
        th = th * (1 - ramp_mix) + theta * ramp_mix;
        mscale *= 1.0f + 0.1f * logf(1.0f / p->freq_scale);
    }
    *c = cosf(th) * mscale;
    *s = sinf(th) * mscale;
}

/* IEEE half to float without library help (host and device alike). */
HUB_HD float hub_op_h2f(uint16_t h)
{
    uint32_t sign = (uint32_t)(h & 0x8000) << 16, exp = (h >> 10) & 0x1f, man = h & 0x3ff, bits;
    if (exp == 0) {
        if (man == 0) {
            bits = sign;
        } else { /* subnormal: normalize */
            exp = 113;
            while (!(man & 0x400)) {
                man <<= 1;
                exp--;
            }
            bits = sign | (exp << 23) | ((man & 0x3ff) << 13);
        }
    } else if (exp == 31) {
        bits = sign | 0x7f800000u | (man << 13);
    } else {
        bits = sign | ((exp + 112) << 23) | (man << 13);
    }
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

HUB_HD float hub_op_bf2f(uint16_t h)
{
    uint32_t bits = (uint32_t)h << 16;
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

static inline uint16_t hub_op_rd16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}
#ifdef __CUDACC__
#define HUB_RD16(p) ((uint16_t)((p)[0] | ((p)[1] << 8)))
#else
#define HUB_RD16(p) hub_op_rd16(p)
#endif

/* Element i (< block elems) of one block of a GGUF type (kern_type ids); the byte layouts are
 * ggml's block_q*_* structs. Unknown types give 0 (callers check types first). */
HUB_HD float hub_op_block_elem(int type, const uint8_t *b, int i)
{
    switch (type) {
    case 0: { /* F32 */
        float f;
        memcpy(&f, b + 4 * i, 4);
        return f;
    }
    case 1: return hub_op_h2f(HUB_RD16(b + 2 * i));
    case 30: return hub_op_bf2f(HUB_RD16(b + 2 * i));
    case 8: /* Q8_0: d, qs[32] */ return hub_op_h2f(HUB_RD16(b)) * (float)(int8_t)b[2 + i];
    case 2: { /* Q4_0: d, qs[16]; low nibbles are elements 0..15, high 16..31 */
        int q = i < 16 ? (b[2 + i] & 0xf) : (b[2 + i - 16] >> 4);
        return hub_op_h2f(HUB_RD16(b)) * (float)(q - 8);
    }
    case 3: { /* Q4_1: d, m, qs[16] */
        int q = i < 16 ? (b[4 + i] & 0xf) : (b[4 + i - 16] >> 4);
        return hub_op_h2f(HUB_RD16(b)) * (float)q + hub_op_h2f(HUB_RD16(b + 2));
    }
    case 6: { /* Q5_0: d, qh[4], qs[16] */
        uint32_t qh = (uint32_t)b[2] | ((uint32_t)b[3] << 8) | ((uint32_t)b[4] << 16) |
                      ((uint32_t)b[5] << 24);
        int q = i < 16 ? ((b[6 + i] & 0xf) | (((qh >> i) << 4) & 0x10))
                       : ((b[6 + i - 16] >> 4) | ((qh >> (i - 16 + 12)) & 0x10));
        return hub_op_h2f(HUB_RD16(b)) * (float)(q - 16);
    }
    case 7: { /* Q5_1: d, m, qh[4], qs[16] */
        uint32_t qh = (uint32_t)b[4] | ((uint32_t)b[5] << 8) | ((uint32_t)b[6] << 16) |
                      ((uint32_t)b[7] << 24);
        int q = i < 16 ? ((b[8 + i] & 0xf) | (((qh >> i) << 4) & 0x10))
                       : ((b[8 + i - 16] >> 4) | ((qh >> (i - 16 + 12)) & 0x10));
        return hub_op_h2f(HUB_RD16(b)) * (float)q + hub_op_h2f(HUB_RD16(b + 2));
    }
    case 12: { /* Q4_K: d, dmin, scales[12], qs[128]; 8 sub-blocks of 32 with 6-bit scale/min */
        const uint8_t *sc = b + 4, *qs = b + 16;
        int c = i / 64, w = i % 64, j = 2 * c + (w >= 32);
        int d6, m6;
        if (j < 4) {
            d6 = sc[j] & 63;
            m6 = sc[j + 4] & 63;
        } else {
            d6 = (sc[j + 4] & 0xf) | ((sc[j - 4] >> 6) << 4);
            m6 = (sc[j + 4] >> 4) | ((sc[j] >> 6) << 4);
        }
        uint8_t qb = qs[c * 32 + (w % 32)];
        int q = w < 32 ? (qb & 0xf) : (qb >> 4);
        return hub_op_h2f(HUB_RD16(b)) * (float)d6 * (float)q -
               hub_op_h2f(HUB_RD16(b + 2)) * (float)m6;
    }
    case 14: { /* Q6_K: ql[128], qh[64], scales[16] (int8), d */
        const uint8_t *ql = b, *qh = b + 128;
        const int8_t *sc = (const int8_t *)(b + 192);
        int h = i / 128, w = i % 128, qq = w / 32, l = w % 32;
        uint8_t lb = ql[64 * h + l + (qq & 1) * 32];
        int lo = qq < 2 ? (lb & 0xf) : (lb >> 4);
        int q = (lo | (((qh[32 * h + l] >> (2 * qq)) & 3) << 4)) - 32;
        return hub_op_h2f(HUB_RD16(b + 208)) * (float)sc[8 * h + l / 16 + 2 * qq] * (float)q;
    }
    default: return 0.0f;
    }
}

/* The 8 bytes at p as a little-endian integer. `align` is a constant that p's offset inside
 * its block is a multiple of (gcd of the block size and the field's offset): on the device the
 * widest loads that it and the actual address allow (an unexpected address only narrows them),
 * on the host bytes. */
HUB_HD uint64_t hub_op_ld64(const uint8_t *p, int align)
{
#ifdef __CUDA_ARCH__
    uintptr_t a = (uintptr_t)p;
    if (align % 8 == 0 && a % 8 == 0) return (uint64_t)__ldg((const unsigned long long *)p);
    if (align % 4 == 0 && a % 4 == 0) {
        const unsigned int *q = (const unsigned int *)p;
        return (uint64_t)__ldg(q) | ((uint64_t)__ldg(q + 1) << 32);
    }
    if (align % 2 == 0 && a % 2 == 0) {
        const unsigned short *q = (const unsigned short *)p;
        return (uint64_t)__ldg(q) | ((uint64_t)__ldg(q + 1) << 16) |
               ((uint64_t)__ldg(q + 2) << 32) | ((uint64_t)__ldg(q + 3) << 48);
    }
#else
    (void)align;
#endif
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* Chunked decoding, for the CUDA mat-vec kernels: a block of a quantized type is decoded
 * HUB_CHUNK elements at a time, so that a thread reads a chunk's quants with one 8-byte load
 * and its scales once. Chunk c of a block is two runs of HUB_CHUNK_RUN consecutive elements,
 * starting at element hub_op_chunk_run(type, c, 0) and (.., 1) of the block: the low and the
 * high nibbles of the same 8 quant bytes where the layout packs them so. Every value is
 * computed with the same expression as hub_op_block_elem's (scale products hoisted in the
 * order that expression evaluates them); tests/test-cuda-cpuref.c checks it bit for bit and
 * that the chunks cover each element once. F32/F16/BF16 (blocks of 1 element): 0 chunks. */
#define HUB_CHUNK 16
#define HUB_CHUNK_RUN 8

HUB_HD int hub_op_block_chunks(int type)
{
    switch (type) {
    case 2:
    case 3:
    case 6:
    case 7:
    case 8: return 2;
    case 12:
    case 14: return 16;
    default: return 0;
    }
}

/* First element (in the block) of run r (0 or 1) of chunk c. */
HUB_HD int hub_op_chunk_run(int type, int c, int r)
{
    switch (type) {
    case 8: return 16 * c + 8 * r; /* Q8_0: a byte per element */
    case 2:
    case 3:
    case 6:
    case 7: return 8 * c + 16 * r; /* Q4/Q5: byte j holds elements j and j + 16 */
    case 12: /* Q4_K: qs bytes 32g + 8p .. + 7 hold elements 64g + 8p + e and that + 32 */
        return 64 * (c / 4) + 8 * (c % 4) + 32 * r;
    case 14: /* Q6_K: half h, quarter pair (s, s + 2), l0: elements 128h + 32qq + l0 + e */
        return 128 * (c / 8) + 32 * ((c / 4) % 2) + 8 * (c % 4) + 64 * r;
    default: return 0;
    }
}

/* The HUB_CHUNK values of chunk c of block b: w[8r + e] = element run(c, r) + e. */
HUB_HD void hub_op_block_chunk(int type, const uint8_t *b, int c, float *w)
{
    switch (type) {
    case 8: { /* Q8_0 */
        float d = hub_op_h2f(HUB_RD16(b));
        for (int r = 0; r < 2; r++) {
            uint64_t u = hub_op_ld64(b + 2 + 16 * c + 8 * r, 2);
            for (int e = 0; e < 8; e++)
                w[8 * r + e] = d * (float)(int8_t)(uint8_t)(u >> (8 * e));
        }
        return;
    }
    case 2: { /* Q4_0 */
        float d = hub_op_h2f(HUB_RD16(b));
        uint64_t u = hub_op_ld64(b + 2 + 8 * c, 2);
        for (int e = 0; e < 8; e++) {
            int qb = (int)((u >> (8 * e)) & 0xff);
            w[e] = d * (float)((qb & 0xf) - 8);
            w[8 + e] = d * (float)((qb >> 4) - 8);
        }
        return;
    }
    case 3: { /* Q4_1 */
        float d = hub_op_h2f(HUB_RD16(b)), m = hub_op_h2f(HUB_RD16(b + 2));
        uint64_t u = hub_op_ld64(b + 4 + 8 * c, 4);
        for (int e = 0; e < 8; e++) {
            int qb = (int)((u >> (8 * e)) & 0xff);
            w[e] = d * (float)(qb & 0xf) + m;
            w[8 + e] = d * (float)(qb >> 4) + m;
        }
        return;
    }
    case 6: { /* Q5_0 */
        float d = hub_op_h2f(HUB_RD16(b));
        uint32_t qh = (uint32_t)b[2] | ((uint32_t)b[3] << 8) | ((uint32_t)b[4] << 16) |
                      ((uint32_t)b[5] << 24);
        uint64_t u = hub_op_ld64(b + 6 + 8 * c, 2);
        for (int e = 0; e < 8; e++) {
            int qb = (int)((u >> (8 * e)) & 0xff), i = 8 * c + e;
            int q0 = (qb & 0xf) | (int)(((qh >> i) << 4) & 0x10);
            int q1 = (qb >> 4) | (int)((qh >> (i + 12)) & 0x10);
            w[e] = d * (float)(q0 - 16);
            w[8 + e] = d * (float)(q1 - 16);
        }
        return;
    }
    case 7: { /* Q5_1 */
        float d = hub_op_h2f(HUB_RD16(b)), m = hub_op_h2f(HUB_RD16(b + 2));
        uint32_t qh = (uint32_t)b[4] | ((uint32_t)b[5] << 8) | ((uint32_t)b[6] << 16) |
                      ((uint32_t)b[7] << 24);
        uint64_t u = hub_op_ld64(b + 8 + 8 * c, 8);
        for (int e = 0; e < 8; e++) {
            int qb = (int)((u >> (8 * e)) & 0xff), i = 8 * c + e;
            int q0 = (qb & 0xf) | (int)(((qh >> i) << 4) & 0x10);
            int q1 = (qb >> 4) | (int)((qh >> (i + 12)) & 0x10);
            w[e] = d * (float)q0 + m;
            w[8 + e] = d * (float)q1 + m;
        }
        return;
    }
    case 12: { /* Q4_K: sub-block 2g (low nibbles) and 2g + 1 (high) */
        const uint8_t *sc = b + 4;
        int g = c / 4, p = c % 4;
        float d = hub_op_h2f(HUB_RD16(b)), dmin = hub_op_h2f(HUB_RD16(b + 2));
        uint64_t u = hub_op_ld64(b + 16 + 32 * g + 8 * p, 8);
        for (int r = 0; r < 2; r++) {
            int j = 2 * g + r, d6, m6;
            if (j < 4) {
                d6 = sc[j] & 63;
                m6 = sc[j + 4] & 63;
            } else {
                d6 = (sc[j + 4] & 0xf) | ((sc[j - 4] >> 6) << 4);
                m6 = (sc[j + 4] >> 4) | ((sc[j] >> 6) << 4);
            }
            float ds = d * (float)d6, ms = dmin * (float)m6;
            for (int e = 0; e < 8; e++) {
                int qb = (int)((u >> (8 * e)) & 0xff);
                w[8 * r + e] = ds * (float)(r ? qb >> 4 : qb & 0xf) - ms;
            }
        }
        return;
    }
    case 14: { /* Q6_K: quarters qq = s (low nibbles of ql) and s + 2 (high) */
        const int8_t *sc = (const int8_t *)(b + 192);
        int h = c / 8, s = (c / 4) % 2, l0 = 8 * (c % 4);
        float d = hub_op_h2f(HUB_RD16(b + 208));
        uint64_t ql = hub_op_ld64(b + 64 * h + 32 * s + l0, 2);
        uint64_t qh = hub_op_ld64(b + 128 + 32 * h + l0, 2);
        for (int r = 0; r < 2; r++) {
            int qq = s + 2 * r;
            float ds = d * (float)sc[8 * h + l0 / 16 + 2 * qq];
            for (int e = 0; e < 8; e++) {
                int lb = (int)((ql >> (8 * e)) & 0xff), hb = (int)((qh >> (8 * e)) & 0xff);
                int q = ((r ? lb >> 4 : lb & 0xf) | (((hb >> (2 * qq)) & 3) << 4)) - 32;
                w[8 * r + e] = ds * (float)q;
            }
        }
        return;
    }
    default:
        for (int e = 0; e < HUB_CHUNK; e++)
            w[e] = 0.0f;
    }
}

/* Elements and bytes per block of the types the backends multiply with; 0 = unsupported. */
HUB_HD int hub_op_block_elems(int type)
{
    switch (type) {
    case 0:
    case 1:
    case 30: return 1;
    case 2:
    case 3:
    case 6:
    case 7:
    case 8: return 32;
    case 12:
    case 14: return 256;
    default: return 0;
    }
}
HUB_HD int hub_op_block_bytes(int type)
{
    switch (type) {
    case 0: return 4;
    case 1:
    case 30: return 2;
    case 2: return 18;
    case 3: return 20;
    case 6: return 22;
    case 7: return 24;
    case 8: return 34;
    case 12: return 144;
    case 14: return 210;
    default: return 0;
    }
}

#endif
