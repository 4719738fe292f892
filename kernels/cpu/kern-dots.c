/*
 * kern-dots.c: the scalar reference dot products behind kern_matmul. One weight row (nb
 * blocks) times one prepared activation row: f32 for F32/F16/BF16 weights, struct kern_xq8
 * blocks for the 32-wide quant types, Q8_K blocks for the K-quants. Integer sums are exact, so
 * the fast paths differ from these only in the order of the float additions.
 */
#include <math.h>
#include <string.h>

#include "kernels/cpu/kern-impl.h"

static float kern_vdot_f32_ref(const void *w, const void *x, int64_t n)
{
    const float *a = w, *b = x;
    double sum = 0;
    for (int64_t i = 0; i < n; i++) sum += (double)a[i] * b[i];
    return (float)sum;
}

static float kern_vdot_f16_ref(const void *w, const void *x, int64_t n)
{
    const uint16_t *a = w;
    const float *b = x;
    double sum = 0;
    for (int64_t i = 0; i < n; i++) sum += (double)kern_h2f(a[i]) * b[i];
    return (float)sum;
}

static float kern_vdot_bf16_ref(const void *w, const void *x, int64_t n)
{
    const uint16_t *a = w;
    const float *b = x;
    double sum = 0;
    for (int64_t i = 0; i < n; i++) sum += (double)kern_bf16_to_f32(a[i]) * b[i];
    return (float)sum;
}

/* ggml's AVX2 order for the 32-wide signed types: per block 8 int32 lanes of 4 products,
 * acc[l] = fma(dw*dx, lane, acc[l]), then hsum_float_8's tree. */
static void kern_lanes_ref(float acc[8], const int codes[32], const int8_t *xq, float dd)
{
    for (int l = 0; l < 8; l++) {
        int lane = 0;
        for (int j = 4 * l; j < 4 * l + 4; j++) lane += codes[j] * xq[j];
        acc[l] = fmaf(dd, (float)lane, acc[l]);
    }
}

static float kern_hsum8_ref(const float acc[8])
{
    float h0 = acc[4] + acc[0], h1 = acc[5] + acc[1], h2 = acc[6] + acc[2], h3 = acc[7] + acc[3];
    h0 += h2;
    h1 += h3;
    return h0 + h1;
}

static float kern_dot_q4_0_ref(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q4_0 *w = wv;
    const struct kern_xq8 *x = xv;
    float sum = 0;
    for (int64_t i = 0; i < nb; i++) {
        int sumi = 0;
        for (int j = 0; j < 16; j++) {
            sumi += ((w[i].qs[j] & 0xF) - 8) * x[i].qs[j];
            sumi += ((w[i].qs[j] >> 4) - 8) * x[i].qs[j + 16];
        }
        sum = fmaf((float)sumi, kern_h2f(w[i].d) * x[i].d, sum); /* llama.cpp's repacked order */
    }
    return sum;
}

static float kern_dot_q4_1_ref(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q4_1 *w = wv;
    const struct kern_xq8 *x = xv;
    float sum = 0;
    for (int64_t i = 0; i < nb; i++) {
        int sumi = 0;
        for (int j = 0; j < 16; j++) {
            sumi += (w[i].qs[j] & 0xF) * x[i].qs[j];
            sumi += (w[i].qs[j] >> 4) * x[i].qs[j + 16];
        }
        sum += kern_h2f(w[i].d) * x[i].d * (float)sumi + kern_h2f(w[i].m) * (x[i].d * (float)x[i].sum);
    }
    return sum;
}

static float kern_dot_q5_0_ref(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q5_0 *w = wv;
    const struct kern_xq8 *x = xv;
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int64_t i = 0; i < nb; i++) {
        uint32_t qh;
        memcpy(&qh, w[i].qh, 4);
        int codes[32];
        for (int j = 0; j < 16; j++) {
            codes[j] = ((w[i].qs[j] & 0xF) | (((qh >> j) & 1) << 4)) - 16;
            codes[j + 16] = ((w[i].qs[j] >> 4) | (((qh >> (j + 16)) & 1) << 4)) - 16;
        }
        kern_lanes_ref(acc, codes, x[i].qs, kern_h2f(w[i].d) * x[i].d);
    }
    return kern_hsum8_ref(acc);
}

static float kern_dot_q5_1_ref(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q5_1 *w = wv;
    const struct kern_xq8 *x = xv;
    float sum = 0;
    for (int64_t i = 0; i < nb; i++) {
        uint32_t qh;
        memcpy(&qh, w[i].qh, 4);
        int sumi = 0;
        for (int j = 0; j < 16; j++) {
            const int x0 = (w[i].qs[j] & 0xF) | (((qh >> j) & 1) << 4);
            const int x1 = (w[i].qs[j] >> 4) | (((qh >> (j + 16)) & 1) << 4);
            sumi += x0 * x[i].qs[j] + x1 * x[i].qs[j + 16];
        }
        sum += kern_h2f(w[i].d) * x[i].d * (float)sumi + kern_h2f(w[i].m) * (x[i].d * (float)x[i].sum);
    }
    return sum;
}

static float kern_dot_q8_0_ref(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q8_0 *w = wv;
    const struct kern_xq8 *x = xv;
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int64_t i = 0; i < nb; i++) {
        int codes[32];
        for (int j = 0; j < 32; j++) codes[j] = w[i].qs[j];
        kern_lanes_ref(acc, codes, x[i].qs, kern_h2f(w[i].d) * x[i].d);
    }
    return kern_hsum8_ref(acc);
}

static void kern_scale_min_k4(int j, const uint8_t *q, int *d, int *m)
{
    if (j < 4) {
        *d = q[j] & 63;
        *m = q[j + 4] & 63;
    } else {
        *d = (q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4);
        *m = (q[j + 4] >> 4) | ((q[j - 0] >> 6) << 4);
    }
}

static float kern_dot_q2_k_ref(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q2_k *w = wv;
    const struct kern_q8_k *x = xv;
    float sum = 0;
    for (int64_t i = 0; i < nb; i++) {
        int isum = 0, msum = 0;
        for (int j = 0; j < 16; j++) msum += (w[i].scales[j] >> 4) * x[i].bsums[j];
        /* element e = 128*n + 32*s + l (l < 32) sits in qs[32*n + l] at bits 2*s */
        for (int g = 0; g < 16; g++) {
            const int n = g / 8, s = (g % 8) / 2, half = g % 2;
            int sumi = 0;
            for (int l = 0; l < 16; l++) {
                const int q = (w[i].qs[32 * n + 16 * half + l] >> (2 * s)) & 3;
                sumi += q * x[i].qs[16 * g + l];
            }
            isum += (w[i].scales[g] & 0xF) * sumi;
        }
        sum += x[i].d * (kern_h2f(w[i].d) * (float)isum - kern_h2f(w[i].dmin) * (float)msum);
    }
    return sum;
}

static float kern_dot_q3_k_ref(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q3_k *w = wv;
    const struct kern_q8_k *x = xv;
    float sum = 0;
    for (int64_t i = 0; i < nb; i++) {
        int8_t sc[16];
        uint32_t aux[4];
        const uint32_t kmask1 = 0x03030303u, kmask2 = 0x0f0f0f0fu;
        memcpy(aux, w[i].scales, 12);
        uint32_t tmp = aux[2];
        aux[2] = ((aux[0] >> 4) & kmask2) | (((tmp >> 4) & kmask1) << 4);
        aux[3] = ((aux[1] >> 4) & kmask2) | (((tmp >> 6) & kmask1) << 4);
        aux[0] = (aux[0] & kmask2) | (((tmp >> 0) & kmask1) << 4);
        aux[1] = (aux[1] & kmask2) | (((tmp >> 2) & kmask1) << 4);
        memcpy(sc, aux, 16);
        int isum = 0;
        for (int g = 0; g < 16; g++) {
            const int n = g / 8, s = (g % 8) / 2, half = g % 2;
            const uint8_t m = (uint8_t)(1u << (4 * n + s));
            int sumi = 0;
            for (int l = 0; l < 16; l++) {
                const int idx = 32 * n + 16 * half + l;
                int q = (w[i].qs[idx] >> (2 * s)) & 3;
                q -= (w[i].hmask[16 * half + l] & m) ? 0 : 4;
                sumi += q * x[i].qs[16 * g + l];
            }
            isum += (sc[g] - 32) * sumi;
        }
        sum += kern_h2f(w[i].d) * x[i].d * (float)isum;
    }
    return sum;
}

static float kern_dot_q4_k_ref(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q4_k *w = wv;
    const struct kern_q8_k *x = xv;
    float sum = 0, summ = 0;
    for (int64_t i = 0; i < nb; i++) {
        int isum = 0, msum = 0;
        for (int j = 0; j < 8; j++) {
            int sc, m;
            kern_scale_min_k4(j, w[i].scales, &sc, &m);
            const uint8_t *q = w[i].qs + 32 * (j / 2);
            const int shift = 4 * (j % 2);
            int sumi = 0;
            for (int l = 0; l < 32; l++) sumi += ((q[l] >> shift) & 0xF) * x[i].qs[32 * j + l];
            isum += sc * sumi;
            msum += m * (x[i].bsums[2 * j] + x[i].bsums[2 * j + 1]);
        }
        /* llama.cpp's repacked q4_K_8x8 order (see kern-avx2.c) */
        sum = fmaf((float)isum, kern_h2f(w[i].d) * x[i].d, sum);
        summ = fmaf((float)msum, kern_h2f(w[i].dmin) * x[i].d, summ);
    }
    return sum - summ;
}

/* Q4_K against 4 tokens as llama.cpp's repacked gemm does it: one fma per 64-element pair of
 * sub-blocks (the 1-token dot above has one per super-block, like its gemv). */
static void kern_dot4_q4_k_ref(const void *wv, const void *xv, size_t xs, int64_t nb, float out[4])
{
    const struct kern_q4_k *w = wv;
    for (int t = 0; t < 4; t++) {
        const struct kern_q8_k *x = (const struct kern_q8_k *)((const uint8_t *)xv + (size_t)t * xs);
        float sum = 0, summ = 0;
        for (int64_t i = 0; i < nb; i++) {
            const float dd = kern_h2f(w[i].d) * x[i].d, dm = kern_h2f(w[i].dmin) * x[i].d;
            for (int p = 0; p < 4; p++) {
                int isum = 0, msum = 0;
                for (int j = 2 * p; j < 2 * p + 2; j++) {
                    int sc, m;
                    kern_scale_min_k4(j, w[i].scales, &sc, &m);
                    const uint8_t *q = w[i].qs + 32 * (j / 2);
                    const int shift = 4 * (j % 2);
                    int sumi = 0;
                    for (int l = 0; l < 32; l++) sumi += ((q[l] >> shift) & 0xF) * x[i].qs[32 * j + l];
                    isum += sc * sumi;
                    msum += m * (x[i].bsums[2 * j] + x[i].bsums[2 * j + 1]);
                }
                sum = fmaf((float)isum, dd, sum);
                summ = fmaf((float)msum, dm, summ);
            }
        }
        out[t] = sum - summ;
    }
}

static float kern_dot_q5_k_ref(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q5_k *w = wv;
    const struct kern_q8_k *x = xv;
    float sum = 0;
    for (int64_t i = 0; i < nb; i++) {
        int isum = 0, msum = 0;
        for (int j = 0; j < 8; j++) {
            int sc, m;
            kern_scale_min_k4(j, w[i].scales, &sc, &m);
            const uint8_t *q = w[i].qs + 32 * (j / 2);
            const int shift = 4 * (j % 2);
            int sumi = 0;
            for (int l = 0; l < 32; l++) {
                const int v = ((q[l] >> shift) & 0xF) | (((w[i].qh[l] >> j) & 1) << 4);
                sumi += v * x[i].qs[32 * j + l];
            }
            isum += sc * sumi;
            msum += m * (x[i].bsums[2 * j] + x[i].bsums[2 * j + 1]);
        }
        sum += x[i].d * (kern_h2f(w[i].d) * (float)isum - kern_h2f(w[i].dmin) * (float)msum);
    }
    return sum;
}

static float kern_dot_q6_k_ref(const void *wv, const void *xv, int64_t nb)
{
    const struct kern_q6_k *w = wv;
    const struct kern_q8_k *x = xv;
    float sum = 0;
    for (int64_t i = 0; i < nb; i++) {
        int isum = 0;
        /* element e = 128*n + 32*s + l: low nibble from ql[64n + 32*(s&1) + l] (s>=2: high),
         * two high bits from qh[32n + l] at 2*s; scale index e/16 */
        for (int e16 = 0; e16 < 16; e16++) {
            int sumi = 0;
            for (int t = 0; t < 16; t++) {
                const int e = 16 * e16 + t, n = e / 128, s = (e % 128) / 32, l = e % 32;
                const uint8_t qlb = w[i].ql[64 * n + 32 * (s & 1) + l];
                const int lo = (s >= 2) ? (qlb >> 4) : (qlb & 0xF);
                const int hi = (w[i].qh[32 * n + l] >> (2 * s)) & 3;
                sumi += ((lo | (hi << 4)) - 32) * x[i].qs[e];
            }
            isum += w[i].scales[e16] * sumi;
        }
        sum += kern_h2f(w[i].d) * x[i].d * (float)isum;
    }
    return sum;
}

const struct kern_dot_table kern_dots_scalar = {
    .dot =
        {
            [KERN_F32] = kern_vdot_f32_ref,
            [KERN_F16] = kern_vdot_f16_ref,
            [KERN_BF16] = kern_vdot_bf16_ref,
            [KERN_Q4_0] = kern_dot_q4_0_ref,
            [KERN_Q4_1] = kern_dot_q4_1_ref,
            [KERN_Q5_0] = kern_dot_q5_0_ref,
            [KERN_Q5_1] = kern_dot_q5_1_ref,
            [KERN_Q8_0] = kern_dot_q8_0_ref,
            [KERN_Q2_K] = kern_dot_q2_k_ref,
            [KERN_Q3_K] = kern_dot_q3_k_ref,
            [KERN_Q4_K] = kern_dot_q4_k_ref,
            [KERN_Q5_K] = kern_dot_q5_k_ref,
            [KERN_Q6_K] = kern_dot_q6_k_ref,
        },
    .dot4 = {[KERN_Q4_K] = kern_dot4_q4_k_ref},
    .quant_x8 = kern_quant_x8_ref,
    .quant_x8k = kern_quant_q8_k_ref,
};

int kern_xkind_of(int wtype)
{
    switch (wtype) {
    case KERN_F32:
    case KERN_F16:
    case KERN_BF16: return KERN_X_F32;
    case KERN_Q4_0:
    case KERN_Q4_1:
    case KERN_Q5_0:
    case KERN_Q5_1:
    case KERN_Q8_0: return KERN_X_Q8;
    case KERN_Q2_K:
    case KERN_Q3_K:
    case KERN_Q4_K:
    case KERN_Q5_K:
    case KERN_Q6_K: return KERN_X_Q8K;
    default: return -1;
    }
}
