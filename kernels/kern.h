/*
 * kern.h: the numeric kernels of the engine (CPU). Tensor types with their GGUF/ggml block
 * layouts, (de)quantization, the matrix products that dominate a forward pass, the small
 * elementwise ops around them, and a persistent thread pool.
 *
 * Every op has a plain scalar reference; AVX2 and AVX-512 paths are picked at run time from
 * the CPU's features (kern_isa_*), and tests hold them to the reference.
 * Type ids are ggml's, so a GGUF tensor's type field is used as is.
 */
#ifndef KERN_H
#define KERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum kern_type {
    KERN_F32 = 0,
    KERN_F16 = 1,
    KERN_Q4_0 = 2,
    KERN_Q4_1 = 3,
    KERN_Q5_0 = 6,
    KERN_Q5_1 = 7,
    KERN_Q8_0 = 8,
    KERN_Q8_1 = 9,
    KERN_Q2_K = 10,
    KERN_Q3_K = 11,
    KERN_Q4_K = 12,
    KERN_Q5_K = 13,
    KERN_Q6_K = 14,
    KERN_Q8_K = 15,
    KERN_I8 = 24,
    KERN_I16 = 25,
    KERN_I32 = 26,
    KERN_I64 = 27,
    KERN_F64 = 28,
    KERN_BF16 = 30,
    KERN_TYPE_MAX = 40, /* ids at or above this are unknown */
};

struct kern_type_traits {
    const char *name;  /* "q4_K" as ggml names it */
    int block_elems;   /* elements per block (1 for plain types) */
    int block_bytes;   /* bytes per block */
    bool computable;   /* the engine can dequantize it and multiply with it */
};

/* Traits of a type id, or NULL when the id is not a ggml type this project knows. */
const struct kern_type_traits *kern_type_traits(int type);
/* Bytes of a row of n elements; 0 if n is not a multiple of the block size or the type is
 * unknown. Callers check for 0 (and for overflow in their own products). */
size_t kern_row_bytes(int type, int64_t n);

/* Scalar conversions. */
float kern_fp16_to_f32(uint16_t h);
uint16_t kern_f32_to_fp16(float f);
float kern_bf16_to_f32(uint16_t h);
uint16_t kern_f32_to_bf16(float f); /* round to nearest even, like ggml */

/* One row of n elements to/from f32. quant_row supports F32, F16, BF16, Q8_0, Q4_0, Q5_0,
 * Q5_1, Q4_K, Q6_K (what the trainer and the model writer need); n a multiple of the block. */
void kern_dequant_row(int type, const void *src, float *dst, int64_t n);
void kern_quant_row(int type, const float *src, void *dst, int64_t n);

/* Instruction sets for the fast paths. */
enum kern_isa { KERN_ISA_SCALAR = 0, KERN_ISA_AVX2 = 1, KERN_ISA_AVX512 = 2 };
int kern_isa_detect(void);       /* best the CPU supports */
int kern_isa_active(void);       /* what the kernels use now */
void kern_isa_force(int isa);    /* tests and benchmarks: use at most this one */
const char *kern_isa_name(int isa);

/* A persistent pool of worker threads. fn(ctx, ith, nth) runs once for every ith < nth (nth =
 * the thread count), ith 0 on the caller's thread, the others on whichever thread claims them
 * first (the caller's too when a worker is slow to wake, so at most nth run at once and no two
 * with the same ith); kern_pool_run returns when all are done. NULL pool = run on the caller.
 * A pool serves one caller at a time (kern_matmul on it included): callers serialize. */
struct kern_pool;
struct kern_pool *kern_pool_new(int n_threads);
void kern_pool_free(struct kern_pool *pool);
int kern_pool_threads(const struct kern_pool *pool);
void kern_pool_run(struct kern_pool *pool, void (*fn)(void *ctx, int ith, int nth), void *ctx);

/*
 * out[t * rows + r] = sum_j W[r][j] * x[t * k + j]   for t < n_tok, r < rows
 * W: `rows` rows of k elements of type wtype (each row kern_row_bytes(wtype, k) bytes, rows
 * contiguous). x: n_tok rows of k f32 values. out: n_tok rows of `rows` f32 values.
 * Quantized weights may quantize x on the fly (to Q8_0/Q8_K) where that is faster and within
 * the stated tolerance. Split over the pool's threads.
 */
void kern_matmul(struct kern_pool *pool, int wtype, const void *W, int64_t rows, int64_t k,
                 const float *x, int64_t n_tok, float *out);

/* Added after the first interface (compatible): several independent products in one pool
 * dispatch, e.g. an FFN's gate and up, or the experts a token is routed to. The same results as
 * kern_matmul on each, with one wake-up of the workers, and x quantized once for all products
 * that share the same x pointer, k and n_tok. Outputs must not overlap each other or any x. */
struct kern_mm {
    int wtype;
    const void *W;
    int64_t rows, k;
    const float *x;
    int64_t n_tok;
    float *out;
};
void kern_matmul_many(struct kern_pool *pool, const struct kern_mm *mm, int n);

/* Elementwise and row ops, f32, in place where dst == src is allowed. */
void kern_rmsnorm(float *dst, const float *x, const float *weight, int64_t n, float eps);
void kern_softmax(float *x, int64_t n);               /* in place, numerically stable */
void kern_swiglu(float *dst, const float *gate, const float *up, int64_t n); /* silu(g)*u */
void kern_add(float *dst, const float *a, const float *b, int64_t n);
void kern_scale_add(float *dst, const float *x, float s, int64_t n); /* dst += s * x */
float kern_dot_f32(const float *a, const float *b, int64_t n);

/* Added after the first interface (all compatible): */
/* Memory bandwidth in GB/s (1e9 bytes/s) measured by a streaming read of a buffer much larger
 * than the caches, split over the pool's threads; best of a few passes; 0 if out of memory.
 * Takes about a second. For rooflines: decode of a model that does not fit in cache cannot
 * run faster than bandwidth / weight bytes per token. */
double kern_measure_bandwidth_gbs(struct kern_pool *pool);
/* Whether kern_quant_row can write this type (F32 F16 BF16 Q8_0 Q4_0 Q4_1 Q5_0 Q5_1 Q4_K
 * Q5_K Q6_K Q8_K); for other types it writes zeros. */
bool kern_can_quant(int type);

#endif
