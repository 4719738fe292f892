/*
 * kern-impl.h: private to kernels/cpu. ggml's block layouts (ggml-common.h), the
 * activation blocks the matmul quantizes x into, and the per-ISA dot-product tables that
 * kern-matmul.c dispatches through.
 */
#ifndef KERN_IMPL_H
#define KERN_IMPL_H

#include <stdint.h>

#include "kernels/kern.h"

#define KERN_QK 32   /* elements per block of the 32-wide types */
#define KERN_QK_K 256 /* elements per K-quant super-block */

/* Weight blocks, byte for byte as in GGUF files. fp16 fields are raw IEEE half bits. */
struct kern_q4_0 { uint16_t d; uint8_t qs[16]; };
struct kern_q4_1 { uint16_t d, m; uint8_t qs[16]; };
struct kern_q5_0 { uint16_t d; uint8_t qh[4]; uint8_t qs[16]; };
struct kern_q5_1 { uint16_t d, m; uint8_t qh[4]; uint8_t qs[16]; };
struct kern_q8_0 { uint16_t d; int8_t qs[32]; };
struct kern_q8_1 { uint16_t d, s; int8_t qs[32]; };
struct kern_q2_k { uint8_t scales[16]; uint8_t qs[64]; uint16_t d, dmin; };
struct kern_q3_k { uint8_t hmask[32]; uint8_t qs[64]; uint8_t scales[12]; uint16_t d; };
struct kern_q4_k { uint16_t d, dmin; uint8_t scales[12]; uint8_t qs[128]; };
struct kern_q5_k { uint16_t d, dmin; uint8_t scales[12]; uint8_t qh[32]; uint8_t qs[128]; };
struct kern_q6_k { uint8_t ql[128]; uint8_t qh[64]; int8_t scales[16]; uint16_t d; };
struct kern_q8_k { float d; int8_t qs[256]; int16_t bsums[16]; };

_Static_assert(sizeof(struct kern_q4_0) == 18, "q4_0 layout");
_Static_assert(sizeof(struct kern_q4_1) == 20, "q4_1 layout");
_Static_assert(sizeof(struct kern_q5_0) == 22, "q5_0 layout");
_Static_assert(sizeof(struct kern_q5_1) == 24, "q5_1 layout");
_Static_assert(sizeof(struct kern_q8_0) == 34, "q8_0 layout");
_Static_assert(sizeof(struct kern_q8_1) == 36, "q8_1 layout");
_Static_assert(sizeof(struct kern_q2_k) == 84, "q2_K layout");
_Static_assert(sizeof(struct kern_q3_k) == 110, "q3_K layout");
_Static_assert(sizeof(struct kern_q4_k) == 144, "q4_K layout");
_Static_assert(sizeof(struct kern_q5_k) == 176, "q5_K layout");
_Static_assert(sizeof(struct kern_q6_k) == 210, "q6_K layout");
_Static_assert(sizeof(struct kern_q8_k) == 292, "q8_K layout");

/*
 * Activation block for the 32-wide weight types: x quantized like Q8_0 but with an f32 scale
 * (no fp16 rounding of the scale, so slightly more exact than ggml's Q8_0/Q8_1) and the exact
 * sum of qs, which lets unsigned weight codes be used directly (sum (w-8)x = sum wx - 8 sum x)
 * and gives the Q4_1/Q5_1 min term.
 */
struct kern_xq8 { float d; int32_t sum; int8_t qs[32]; };

/* One dot product of a weight row (nb blocks) with a quantized activation row. */
typedef float (*kern_vec_dot_fn)(const void *w, const void *xq, int64_t nb);
/* Quantize one activation row of k floats (k a multiple of 32 or 256). */
typedef void (*kern_quant_x_fn)(const float *x, void *xq, int64_t k);

/* How x is prepared for a weight type: f32 as is, or one of the activation block types. */
enum kern_xkind { KERN_X_F32 = 0, KERN_X_Q8 = 1, KERN_X_Q8K = 2 };

/* One weight row against 4 activation rows (xstride bytes apart): out[t] for t < 4. Decodes
 * each weight block once for the 4 tokens (prefill). */
typedef void (*kern_vec_dot4_fn)(const void *w, const void *xq, size_t xstride, int64_t nb,
                                 float out[4]);

/* 4 weight rows (wstride bytes apart) against one activation row: out[r] for r < 4. Shares
 * the loads of x between rows (decode with float weights is load-bound otherwise). */
typedef void (*kern_vec_dotr4_fn)(const void *w, size_t wstride, const void *xq, int64_t nb,
                                  float out[4]);

/* 2 rows (wstride bytes apart) x 4 tokens (xstride apart): out[r * 4 + t], each the very
 * number dot4 gives for that row (a prefill tile: fewer loads per multiply-add). */
typedef void (*kern_vec_dot4r2_fn)(const void *w, size_t wstride, const void *xq,
                                   size_t xstride, int64_t nb, float out[8]);

struct kern_dot_table {
    kern_vec_dot_fn dot[KERN_TYPE_MAX];     /* NULL: type not handled at this ISA */
    kern_vec_dot4_fn dot4[KERN_TYPE_MAX];   /* optional */
    kern_vec_dotr4_fn dotr4[KERN_TYPE_MAX]; /* optional */
    kern_vec_dot4r2_fn dot4r2[KERN_TYPE_MAX]; /* optional; only beside the same ISA's dot4 */
    kern_quant_x_fn quant_x8;             /* f32 -> struct kern_xq8 blocks */
    kern_quant_x_fn quant_x8k;            /* f32 -> struct kern_q8_k blocks */
};

/* The tables; the avx2/avx512 ones are filled only where the compiler can target them. */
extern const struct kern_dot_table kern_dots_scalar;
void kern_dots_avx2_get(struct kern_dot_table *t);   /* leaves slots it lacks untouched */
void kern_dots_avx512_get(struct kern_dot_table *t);

/* The table of the active ISA. */
const struct kern_dot_table *kern_dot_table_active(void);

/* Which activation kind a weight type multiplies with; -1 if not computable. */
int kern_xkind_of(int wtype);

/* Scalar helpers shared by the reference and the fast files. */
void kern_quant_x8_ref(const float *x, void *xq, int64_t k);
void kern_quant_q8_k_ref(const float *x, void *xq, int64_t k);
extern float kern_fp16_table[65536]; /* filled by kern_fp16_table_init */
void kern_fp16_table_init(void);

static inline float kern_h2f(uint16_t h) { return kern_fp16_table[h]; }

#endif
