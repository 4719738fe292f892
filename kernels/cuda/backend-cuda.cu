/*
 * backend-cuda.cu: the "cuda" implementation of kernels/backend.h. Weights live in device
 * memory (uploaded once by the caller); every op is queued on one stream.
 *   - matmul: decode (n_tok <= MV_MAX_TOK) by own mat-vec kernels that decode the GGUF blocks
 *     in registers (ops-common.h, the same decoding text the CPU side is tested with); prefill
 *     by cublasGemmEx: f32/f16/bf16 weights as they are, quantized ones dequantized to f16
 *     into a scratch buffer first (the activations converted to the same type), fp32 compute.
 *   - matmul_grouped: decode-sized batches (<= MV_MAX_JOBS jobs of <= MV_MAX_TOK rows of one
 *     expert) as one mat-vec launch over all experts that reads x through tok; larger
 *     batches gathered per expert, then one product per expert.
 *   - route, rmsnorm, rope (YaRN), softmax, swiglu, MLA attention over the latent cache.
 *   - graph_begin/end/launch: CUDA-graph capture of a decode step (stream capture).
 * UNVERIFIED on a GPU so far: see kernels/cuda/README.md.
 */
#include <cublas_v2.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

extern "C" {
#include <hub/plugin.h> /* enum hub_status (hub_status.h itself is C11-only) */
}
#include "kernels/backend.h"
#include "kernels/cuda/ops-common.h"

#define MV_MAX_TOK 8 /* decode and small batches: mat-vec; above: dequantize + cuBLAS */

struct cuda_impl {
    int device;
    cudaStream_t stream;
    cublasHandle_t blas;
    void *xconv;        /* activations converted to f16/bf16 for GemmEx */
    size_t xconv_cap;   /* bytes */
    void *wdeq;         /* a quantized weight dequantized to f16 */
    size_t wdeq_cap;
    float *gath;        /* matmul_grouped's gathered rows */
    size_t gath_cap;
    float *scores;      /* mla_attn's scores */
    size_t scores_cap;
    int32_t *dpos;      /* set_position: the position in device memory, */
    int32_t *hpos;      /* written from this pinned host copy */
    int pos_ctx;        /* and the most positions that ops reading it will see */
    bool capturing;
    cudaGraph_t graph;
    cudaGraphExec_t exec;
};

static int cu_fail(struct hub_backend *be, int st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int cu_fail(struct hub_backend *be, int st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(be->err, sizeof(be->err), fmt, ap);
    va_end(ap);
    return st;
}

#define CU_CHECK(be, call)                                                                     \
    do {                                                                                       \
        cudaError_t e_ = (call);                                                               \
        if (e_ != cudaSuccess)                                                                 \
            return cu_fail(be, HUB_ERR_IO, "cuda: %s: %s", #call, cudaGetErrorString(e_));    \
    } while (0)
#define CU_LAUNCHED(be, what)                                                                  \
    do {                                                                                       \
        cudaError_t e_ = cudaGetLastError();                                                   \
        if (e_ != cudaSuccess)                                                                 \
            return cu_fail(be, HUB_ERR_IO, "cuda: launch of %s: %s", what,                     \
                           cudaGetErrorString(e_));                                            \
    } while (0)
#define BLAS_CHECK(be, call)                                                                   \
    do {                                                                                       \
        cublasStatus_t s_ = (call);                                                            \
        if (s_ != CUBLAS_STATUS_SUCCESS)                                                       \
            return cu_fail(be, HUB_ERR_IO, "cublas: %s: %s", #call, cublasGetStatusString(s_)); \
    } while (0)

static struct cuda_impl *impl_of(struct hub_backend *be) { return (struct cuda_impl *)be->impl; }

/* Grow-only scratch. Not during a graph capture (cudaMalloc cannot be captured): run the step
 * once outside the capture first so that every scratch already has its size. */
static int grow(struct hub_backend *be, void **p, size_t *cap, size_t bytes)
{
    struct cuda_impl *c = impl_of(be);
    if (bytes <= *cap) return HUB_OK;
    if (c->capturing)
        return cu_fail(be, HUB_ERR_INVALID, "cuda: scratch of %zu bytes needed inside a graph "
                       "capture: run the step once before capturing it", bytes);
    CU_CHECK(be, cudaStreamSynchronize(c->stream)); /* kernels may still read the old one */
    if (*p) CU_CHECK(be, cudaFree(*p));
    *p = NULL;
    *cap = 0;
    CU_CHECK(be, cudaMalloc(p, bytes));
    *cap = bytes;
    return HUB_OK;
}

/* ---- kernels ---------------------------------------------------------------------------- */

__device__ __forceinline__ float warp_sum(float v)
{
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

/* The products of one mat-vec launch, by value (no device copy of host data, so a grouped
 * product queues one kernel and nothing else, and stays graph-capturable): job j multiplies
 * matrix mat[j] (mat_bytes apart) with cnt[j] <= MV_MAX_TOK activation rows, those of output
 * rows i0[j] .. i0[j] + cnt[j] - 1 (x rows tok[i] if tok is given, else x rows i). */
#define MV_MAX_JOBS 64
struct mv_jobs {
    int32_t mat[MV_MAX_JOBS];
    int32_t i0[MV_MAX_JOBS];
    int8_t cnt[MV_MAX_JOBS];
};
#define MV_MAX_WARPS 4 /* threads of a mat-vec block: up to 128, one block per output row */

/* 8 consecutive activations from p; vec: p is 16-byte aligned (two float4 loads); else n
 * (< 8: a row's tail) of them, zeros after. */
__device__ __forceinline__ void mv_ld_x8(const float *__restrict__ p, bool vec, int n, float *v)
{
    if (vec) {
        float4 a = __ldg((const float4 *)p), b = __ldg((const float4 *)p + 1);
        v[0] = a.x, v[1] = a.y, v[2] = a.z, v[3] = a.w;
        v[4] = b.x, v[5] = b.y, v[6] = b.z, v[7] = b.w;
    } else {
#pragma unroll
        for (int e = 0; e < 8; e++) v[e] = e < n ? __ldg(p + e) : 0.0f;
    }
}

/* 8 consecutive weights of an F32/F16/BF16 row from element j (vec: 16-byte aligned loads;
 * else n of them by hub_op_block_elem, any alignment, zeros after). The same values as
 * hub_op_block_elem's (half to float is exact; only a NaN's payload may differ). */
template <int TYPE>
__device__ __forceinline__ void mv_ld_w8(const uint8_t *__restrict__ row, int64_t j, bool vec,
                                         int n, float *w)
{
    if (TYPE == 0 && vec) {
        mv_ld_x8((const float *)row + j, true, 8, w);
    } else if (vec) {
        uint4 u = __ldg((const uint4 *)(row + 2 * j));
        uint32_t h[4] = {u.x, u.y, u.z, u.w};
#pragma unroll
        for (int e = 0; e < 8; e++) {
            uint16_t b = (uint16_t)(h[e / 2] >> (16 * (e % 2)));
            w[e] = TYPE == 1 ? __half2float(__ushort_as_half(b)) : hub_op_bf2f(b);
        }
    } else {
        const int bb = hub_op_block_bytes(TYPE);
#pragma unroll
        for (int e = 0; e < 8; e++)
            w[e] = e < n ? hub_op_block_elem(TYPE, row + (size_t)(j + e) * bb, 0) : 0.0f;
    }
}

/* out[i][r] = W_mat . x[tok[i]] for the gathered rows i of job blockIdx.y, r = blockIdx.x.
 * One block per output row (a row is 1-2 KB of quantized weights: its threads together issue
 * all of its loads at once, which small expert matrices need to keep enough bytes in flight),
 * each thread decoding whole chunks of HUB_CHUNK elements (ops-common.h: one 8-byte load of
 * quants, scales once per chunk) or 8 elements of a float row, times up to NT activation
 * rows read as float4 (xvec: x and k allow it); NT is 1 or MV_MAX_TOK, the registers it
 * takes. Per element the weight is exactly hub_op_block_elem's; sums are fp32, per thread,
 * then per warp, then over the warps in a fixed order, so a row's result does not depend on
 * the other tokens of its job. */
template <int TYPE, int NT>
__global__ void __launch_bounds__(MV_MAX_WARPS * 32)
    k_matvec(const uint8_t *__restrict__ W, size_t mat_bytes, size_t row_bytes, int rows, int k,
             const float *__restrict__ x, const int32_t *__restrict__ tok, bool xvec, bool wvec,
             const struct mv_jobs jobs, const int32_t *__restrict__ sel, int x_div,
             float *__restrict__ out)
{
    const int BE = hub_op_block_elems(TYPE), BB = hub_op_block_bytes(TYPE),
              CPB = hub_op_block_chunks(TYPE);
    __shared__ float part[MV_MAX_WARPS][MV_MAX_TOK];
    const int r = blockIdx.x, job = blockIdx.y, warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    /* sel given (matmul_sel): job i is output row i, matrix sel[i], activations x[i / x_div];
     * else the jobs' own lists */
    const int cnt = sel ? 1 : jobs.cnt[job], i0 = sel ? job : jobs.i0[job];
    const int mat = sel ? sel[job] : jobs.mat[job];
    const uint8_t *row = W + (size_t)mat * mat_bytes + (size_t)r * row_bytes;
    const float *xr[NT];
#pragma unroll
    for (int t = 0; t < NT; t++)
        xr[t] = t >= cnt ? x
                : sel    ? x + (size_t)(job / x_div) * k
                         : x + (size_t)(tok ? tok[i0 + t] : i0 + t) * k;
    float acc[NT];
#pragma unroll
    for (int t = 0; t < NT; t++) acc[t] = 0.0f;

    if (BE == 1) { /* F32/F16/BF16: 8 elements per thread and step, a ragged tail */
        for (int64_t j = 8 * threadIdx.x; j < k; j += 8 * blockDim.x) {
            int n = k - j < 8 ? (int)(k - j) : 8;
            float w[8];
            mv_ld_w8<TYPE>(row, j, wvec && n == 8, n, w);
#pragma unroll
            for (int t = 0; t < NT; t++) {
                if (t >= cnt) break;
                float xv[8], s = 0.0f;
                mv_ld_x8(xr[t] + j, xvec && n == 8, n, xv);
#pragma unroll
                for (int e = 0; e < 8; e++) s += w[e] * xv[e];
                acc[t] += s;
            }
        }
    } else { /* quantized: chunk q of the row is chunk q % CPB of block q / CPB */
        const int nch = k / BE * CPB;
        for (int q = threadIdx.x; q < nch; q += blockDim.x) {
            const int blk = q / CPB, c = q % CPB;
            float w[HUB_CHUNK];
            hub_op_block_chunk(TYPE, row + (size_t)blk * BB, c, w);
            const int e0 = blk * BE + hub_op_chunk_run(TYPE, c, 0),
                      e1 = blk * BE + hub_op_chunk_run(TYPE, c, 1);
#pragma unroll
            for (int t = 0; t < NT; t++) {
                if (t >= cnt) break;
                float xa[8], xb[8], s = 0.0f;
                mv_ld_x8(xr[t] + e0, xvec, 8, xa);
                mv_ld_x8(xr[t] + e1, xvec, 8, xb);
#pragma unroll
                for (int e = 0; e < 8; e++) s += w[e] * xa[e];
#pragma unroll
                for (int e = 0; e < 8; e++) s += w[8 + e] * xb[e];
                acc[t] += s;
            }
        }
    }
#pragma unroll
    for (int t = 0; t < NT; t++) {
        if (t >= cnt) break; /* cnt is the same for the whole block: no lane skips a shuffle */
        float s = warp_sum(acc[t]);
        if (lane == 0) part[warp][t] = s;
    }
    __syncthreads();
    if ((int)threadIdx.x < cnt) {
        float s = 0.0f;
        for (int w = 0; w < (int)blockDim.x / 32; w++) s += part[w][threadIdx.x];
        out[(size_t)(i0 + threadIdx.x) * rows + r] = s;
    }
}

/* A quantized weight to f16, element per thread (prefill: then one GemmEx). */
template <int TYPE>
__global__ void k_dequant_f16(const uint8_t *__restrict__ W, size_t row_bytes, int64_t rows,
                              int64_t k, __half *out)
{
    const int be = hub_op_block_elems(TYPE), bb = hub_op_block_bytes(TYPE);
    int64_t n = rows * k;
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n;
         i += (int64_t)gridDim.x * blockDim.x) {
        int64_t r = i / k, j = i % k;
        out[i] = __float2half(
            hub_op_block_elem(TYPE, W + (size_t)r * row_bytes + (size_t)(j / be) * bb, (int)(j % be)));
    }
}

__global__ void k_f32_to_f16(const float *x, __half *y, int64_t n)
{
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n;
         i += (int64_t)gridDim.x * blockDim.x)
        y[i] = __float2half(x[i]);
}

__global__ void k_f32_to_bf16(const float *x, __nv_bfloat16 *y, int64_t n)
{
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n;
         i += (int64_t)gridDim.x * blockDim.x)
        y[i] = __float2bfloat16(x[i]);
}

__global__ void k_gather(const float *x, const int32_t *tok, int64_t n_rows, int64_t k, float *dst)
{
    int64_t n = n_rows * k;
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n;
         i += (int64_t)gridDim.x * blockDim.x)
        dst[i] = x[(size_t)tok[i / k] * k + i % k];
}

/* One token per block of one thread: the routing is a short serial selection over n_expert
 * values; its two n_expert arrays in shared memory (a per-thread stack that large would make
 * the runtime reserve it for every resident thread of the GPU). */
__global__ void k_route(struct hub_route_params p, const float *logits, const float *bias,
                        int n_tok, int32_t *sel, float *w)
{
    extern __shared__ float route_sh[];
    int t = blockIdx.x;
    float *probs = route_sh, *selp = route_sh + p.n_expert;
    hub_op_route_one(&p, logits + (size_t)t * p.n_expert, bias, probs, selp,
                     sel + (size_t)t * p.n_used, w + (size_t)t * p.n_used);
}

#define ROW_THREADS 256

/* Block sum of a double per thread (ROW_THREADS threads). */
__device__ double block_sum_d(double v, double *sh)
{
    sh[threadIdx.x] = v;
    __syncthreads();
    for (int s = ROW_THREADS / 2; s > 0; s >>= 1) {
        if ((int)threadIdx.x < s) sh[threadIdx.x] += sh[threadIdx.x + s];
        __syncthreads();
    }
    double r = sh[0];
    __syncthreads();
    return r;
}

__device__ float block_max_f(float v, float *sh)
{
    sh[threadIdx.x] = v;
    __syncthreads();
    for (int s = ROW_THREADS / 2; s > 0; s >>= 1) {
        if ((int)threadIdx.x < s) sh[threadIdx.x] = fmaxf(sh[threadIdx.x], sh[threadIdx.x + s]);
        __syncthreads();
    }
    float r = sh[0];
    __syncthreads();
    return r;
}

/* One row per block; the sum of squares in double like the CPU's. */
__global__ void k_rmsnorm(float *dst, const float *x, const float *w, int64_t n, int64_t stride,
                          float eps)
{
    __shared__ double sh[ROW_THREADS];
    const float *xr = x + blockIdx.x * stride;
    float *dr = dst + blockIdx.x * stride;
    double s = 0;
    for (int64_t i = threadIdx.x; i < n; i += ROW_THREADS) s += (double)(xr[i] * xr[i]);
    s = block_sum_d(s, sh);
    float scale = 1.0f / sqrtf((float)(s / (double)n) + eps);
    for (int64_t i = threadIdx.x; i < n; i += ROW_THREADS) dr[i] = xr[i] * scale * (w ? w[i] : 1.0f);
}

__global__ void k_softmax(float *x, int64_t n)
{
    __shared__ double shd[ROW_THREADS];
    __shared__ float shf[ROW_THREADS];
    float *xr = x + blockIdx.x * n;
    float mx = -INFINITY;
    for (int64_t i = threadIdx.x; i < n; i += ROW_THREADS) mx = fmaxf(mx, xr[i]);
    mx = block_max_f(mx, shf);
    double s = 0;
    for (int64_t i = threadIdx.x; i < n; i += ROW_THREADS) {
        float e = expf(xr[i] - mx);
        xr[i] = e;
        s += e;
    }
    s = block_sum_d(s, shd);
    float inv = (float)(1.0 / s);
    for (int64_t i = threadIdx.x; i < n; i += ROW_THREADS) xr[i] *= inv;
}

__global__ void k_swiglu(float *dst, const float *g, const float *u, int64_t n)
{
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n;
         i += (int64_t)gridDim.x * blockDim.x)
        dst[i] = g[i] / (1.0f + expf(-g[i])) * u[i];
}

/* grid (n_tok, n_head), one thread per rotary pair. */
__global__ void k_rope(struct hub_rope_params p, float *x, int64_t tok_stride, int64_t head_stride,
                       int64_t off, int pos0, const int32_t *dpos)
{
    int t = blockIdx.x, h = blockIdx.y, nd = p.n_rot;
    if (dpos) pos0 = *dpos;
    for (int i = threadIdx.x; i < nd / 2; i += blockDim.x) {
        float cs, sn;
        hub_op_rope_cs(&p, pos0 + t, i, &cs, &sn);
        float *v = x + t * tok_stride + h * head_stride + off;
        int a = p.neox ? i : 2 * i, b = p.neox ? i + nd / 2 : 2 * i + 1;
        float x0 = v[a], x1 = v[b];
        v[a] = x0 * cs - x1 * sn;
        v[b] = x0 * sn + x1 * cs;
    }
}

/* MLA: one block per (h, t): warps score keys (lanes over the R + nr dims), the block takes the
 * softmax over the scores (global scratch, n_kv per query), then threads own output dims. */
__global__ void k_mla(const float *qabs, const float *qpe, int64_t qts, int64_t qhs,
                      const float *cache, int64_t kv_row, int R, int nr, int n_tok, int pos0,
                      const int32_t *dpos, float scale, int n_kv, float *scores, float *olat)
{
    if (dpos) pos0 = *dpos; /* n_kv is then the scratch's stride, not the keys' count */
    __shared__ double shd[ROW_THREADS];
    __shared__ float shf[ROW_THREADS];
    int h = blockIdx.x / n_tok, t = blockIdx.x % n_tok;
    const float *qa = qabs + ((size_t)h * n_tok + t) * R;
    const float *qp = qpe + t * qts + h * qhs;
    float *s = scores + (size_t)blockIdx.x * n_kv;
    int nk = pos0 + t + 1, warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    for (int j = warp; j < nk; j += ROW_THREADS / 32) {
        const float *row = cache + (size_t)j * kv_row;
        float a = 0;
        for (int d = lane; d < R; d += 32) a += qa[d] * row[d];
        for (int d = lane; d < nr; d += 32) a += qp[d] * row[R + d];
        a = warp_sum(a);
        if (lane == 0) s[j] = a * scale;
    }
    __syncthreads();
    float mx = -INFINITY;
    for (int j = threadIdx.x; j < nk; j += ROW_THREADS) mx = fmaxf(mx, s[j]);
    mx = block_max_f(mx, shf);
    double sum = 0;
    for (int j = threadIdx.x; j < nk; j += ROW_THREADS) {
        float e = expf(s[j] - mx);
        s[j] = e;
        sum += e;
    }
    sum = block_sum_d(sum, shd); /* its __syncthreads also publishes s[] */
    float inv = (float)(1.0 / sum);
    float *o = olat + ((size_t)h * n_tok + t) * R;
    for (int d = threadIdx.x; d < R; d += ROW_THREADS) {
        float a = 0;
        for (int j = 0; j < nk; j++) a += s[j] * cache[(size_t)j * kv_row + d];
        o[d] = a * inv;
    }
}

/* Causal attention with grouped KV heads: one block per (t, h), like k_mla. */
__global__ void k_attn(const float *q, int64_t qts, const float *k, int64_t ks, const float *v,
                       int64_t vs, int n_head, int grp, int dk, int dv, int pos0, int n_kv,
                       float scale, float *scores, float *out)
{
    __shared__ double shd[ROW_THREADS];
    __shared__ float shf[ROW_THREADS];
    int t = blockIdx.x / n_head, h = blockIdx.x % n_head, g = h / grp;
    const float *qh = q + t * qts + (int64_t)h * dk;
    float *s = scores + (size_t)blockIdx.x * n_kv;
    int nk = pos0 + t + 1, warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    for (int j = warp; j < nk; j += ROW_THREADS / 32) {
        const float *kr = k + j * ks + (int64_t)g * dk;
        float a = 0;
        for (int d = lane; d < dk; d += 32) a += qh[d] * kr[d];
        a = warp_sum(a);
        if (lane == 0) s[j] = a * scale;
    }
    __syncthreads();
    float mx = -INFINITY;
    for (int j = threadIdx.x; j < nk; j += ROW_THREADS) mx = fmaxf(mx, s[j]);
    mx = block_max_f(mx, shf);
    double sum = 0;
    for (int j = threadIdx.x; j < nk; j += ROW_THREADS) {
        float e = expf(s[j] - mx);
        s[j] = e;
        sum += e;
    }
    sum = block_sum_d(sum, shd);
    float inv = (float)(1.0 / sum);
    float *o = out + ((size_t)t * n_head + h) * dv;
    for (int d = threadIdx.x; d < dv; d += ROW_THREADS) {
        float a = 0;
        for (int j = 0; j < nk; j++) a += s[j] * v[j * vs + (int64_t)g * dv + d];
        o[d] = a * inv;
    }
}

__global__ void k_copy2d(float *dst, int64_t ds, const float *src, int64_t ss, int n_rows,
                         int64_t n)
{
    int64_t total = (int64_t)n_rows * n;
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < total;
         i += (int64_t)gridDim.x * blockDim.x)
        dst[(i / n) * ds + i % n] = src[(i / n) * ss + i % n];
}

__global__ void k_add(float *dst, const float *a, const float *b, int64_t n)
{
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n;
         i += (int64_t)gridDim.x * blockDim.x)
        dst[i] = a[i] + b[i];
}

__global__ void k_scatter_add(float *out, const float *y, const int32_t *tok, const float *w,
                              int n_rows, int64_t n)
{
    int64_t total = (int64_t)n_rows * n;
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < total;
         i += (int64_t)gridDim.x * blockDim.x) {
        int64_t r = i / n;
        atomicAdd(&out[(size_t)tok[r] * n + i % n], w[r] * y[i]);
    }
}

/* ---- ops -------------------------------------------------------------------------------- */

static unsigned grid_for(int64_t n, int threads)
{
    int64_t g = (n + threads - 1) / threads;
    return (unsigned)(g < 1 ? 1 : g > 65535 ? 65535 : g);
}

static void cu_free(struct hub_backend *be)
{
    struct cuda_impl *c = impl_of(be);
    cudaStreamSynchronize(c->stream);
    if (c->exec) cudaGraphExecDestroy(c->exec);
    if (c->graph) cudaGraphDestroy(c->graph);
    cudaFree(c->xconv);
    cudaFree(c->wdeq);
    cudaFree(c->gath);
    cudaFree(c->scores);
    cudaFree(c->dpos);
    cudaFreeHost(c->hpos);
    cublasDestroy(c->blas);
    cudaStreamDestroy(c->stream);
    free(c);
    free(be);
}

static void *cu_alloc(struct hub_backend *be, size_t bytes)
{
    void *p = NULL;
    cudaError_t e = cudaMalloc(&p, bytes ? bytes : 1);
    if (e != cudaSuccess) {
        cu_fail(be, HUB_ERR_NOMEM, "cuda: cudaMalloc of %zu bytes: %s", bytes,
                cudaGetErrorString(e));
        return NULL;
    }
    return p;
}

static void cu_release(struct hub_backend *be, void *p)
{
    cudaStreamSynchronize(impl_of(be)->stream);
    cudaFree(p);
}

static int cu_upload(struct hub_backend *be, void *dst, const void *src, size_t bytes)
{
    /* pageable host memory: the copy has finished reading src when this returns */
    CU_CHECK(be, cudaMemcpyAsync(dst, src, bytes, cudaMemcpyHostToDevice, impl_of(be)->stream));
    CU_CHECK(be, cudaStreamSynchronize(impl_of(be)->stream));
    return HUB_OK;
}

static int cu_download(struct hub_backend *be, void *dst, const void *src, size_t bytes)
{
    CU_CHECK(be, cudaMemcpyAsync(dst, src, bytes, cudaMemcpyDeviceToHost, impl_of(be)->stream));
    CU_CHECK(be, cudaStreamSynchronize(impl_of(be)->stream));
    return HUB_OK;
}

static int cu_sync(struct hub_backend *be)
{
    CU_CHECK(be, cudaStreamSynchronize(impl_of(be)->stream));
    return HUB_OK;
}

/* One mat-vec launch over n_jobs jobs (see struct mv_jobs); -1 for a type without kernel. */
static int launch_matvec(cudaStream_t st, int wtype, const void *W, size_t mat_bytes, size_t rb,
                         int64_t rows, int64_t k, const float *x, const int32_t *tok,
                         const struct mv_jobs *jobs, int n_jobs, const int32_t *sel, int x_div,
                         float *out)
{
    /* threads for the chunks of one row, in whole warps, at most MV_MAX_WARPS */
    int bel = hub_op_block_elems(wtype), cpb = hub_op_block_chunks(wtype);
    int64_t per_row = bel == 1 ? (k + 7) / 8 : k / bel * cpb;
    int64_t warps = (per_row + 31) / 32;
    int threads = 32 * (int)(warps < 1 ? 1 : warps > MV_MAX_WARPS ? MV_MAX_WARPS : warps);
    /* float4 loads of x need every activation row 16-byte aligned; of F32/F16/BF16 weights,
     * every row of every matrix (quantized blocks choose their load width per address) */
    bool xvec = (uintptr_t)x % 16 == 0 && k % 4 == 0;
    bool wvec = (uintptr_t)W % 16 == 0 && rb % 16 == 0 && mat_bytes % 16 == 0;
    /* one token per job (decode): a kernel with registers for one accumulator, so that more
     * of its blocks fit on an SM at once */
    bool one = true;
    for (int j = 0; j < n_jobs && !sel; j++)
        one = one && jobs->cnt[j] == 1;
    dim3 grid((unsigned)rows, (unsigned)n_jobs), block(threads);
    const uint8_t *w = (const uint8_t *)W;
    switch (wtype) {
#define MV(T)                                                                                  \
    case T:                                                                                    \
        if (one)                                                                               \
            k_matvec<T, 1><<<grid, block, 0, st>>>(w, mat_bytes, rb, (int)rows, (int)k, x, tok, \
                                                   xvec, wvec, *jobs, sel, x_div, out);        \
        else                                                                                   \
            k_matvec<T, MV_MAX_TOK><<<grid, block, 0, st>>>(w, mat_bytes, rb, (int)rows,       \
                                                            (int)k, x, tok, xvec, wvec, *jobs, \
                                                            sel, x_div, out);                  \
        break
    MV(0); MV(1); MV(30); MV(2); MV(3); MV(6); MV(7); MV(8); MV(12); MV(14);
#undef MV
    default: return -1;
    }
    return 0;
}

static int launch_dequant(cudaStream_t st, int wtype, const void *W, size_t rb, int64_t rows,
                          int64_t k, __half *out)
{
    unsigned g = grid_for(rows * k, 256);
    const uint8_t *w = (const uint8_t *)W;
    switch (wtype) {
#define DQ(T) case T: k_dequant_f16<T><<<g, 256, 0, st>>>(w, rb, rows, k, out); break
    DQ(2); DQ(3); DQ(6); DQ(7); DQ(8); DQ(12); DQ(14);
#undef DQ
    default: return -1;
    }
    return 0;
}

static int cu_matmul(struct hub_backend *be, int wtype, const void *W, int64_t rows, int64_t k,
                     const float *x, int64_t n_tok, float *out)
{
    struct cuda_impl *c = impl_of(be);
    int bel = hub_op_block_elems(wtype);
    if (bel == 0 || k < 1 || k % bel || rows < 0 || n_tok < 0 || rows > INT32_MAX ||
        n_tok > INT32_MAX || k > INT32_MAX)
        return cu_fail(be, HUB_ERR_INVALID, "cuda matmul: type %d with k %lld not supported",
                       wtype, (long long)k);
    if (rows == 0 || n_tok == 0) return HUB_OK;
    size_t rb = (size_t)(k / bel) * hub_op_block_bytes(wtype);
    if (n_tok <= MV_MAX_TOK) {
        struct mv_jobs jobs = {};
        jobs.mat[0] = 0;
        jobs.i0[0] = 0;
        jobs.cnt[0] = (int8_t)n_tok;
        launch_matvec(c->stream, wtype, W, 0, rb, rows, k, x, NULL, &jobs, 1, NULL, 1, out);
        CU_LAUNCHED(be, "k_matvec");
        return HUB_OK;
    }
    /* column-major view: W is k x rows (op T), x is k x n_tok, out is rows x n_tok */
    const float one = 1.0f, zero = 0.0f;
    const void *A = W;
    const void *B = x;
    cudaDataType_t at = CUDA_R_32F, bt = CUDA_R_32F;
    if (wtype != 0) {
        bool bf = wtype == 30;
        size_t xb = (size_t)n_tok * k * 2;
        int st = grow(be, &c->xconv, &c->xconv_cap, xb);
        if (st) return st;
        if (bf)
            k_f32_to_bf16<<<grid_for(n_tok * k, 256), 256, 0, c->stream>>>(
                x, (__nv_bfloat16 *)c->xconv, n_tok * k);
        else
            k_f32_to_f16<<<grid_for(n_tok * k, 256), 256, 0, c->stream>>>(
                x, (__half *)c->xconv, n_tok * k);
        CU_LAUNCHED(be, "activation conversion");
        B = c->xconv;
        at = bt = bf ? CUDA_R_16BF : CUDA_R_16F;
        if (wtype != 1 && wtype != 30) {
            st = grow(be, &c->wdeq, &c->wdeq_cap, (size_t)rows * k * 2);
            if (st) return st;
            launch_dequant(c->stream, wtype, W, rb, rows, k, (__half *)c->wdeq);
            CU_LAUNCHED(be, "k_dequant_f16");
            A = c->wdeq;
        }
    }
    BLAS_CHECK(be, cublasGemmEx(c->blas, CUBLAS_OP_T, CUBLAS_OP_N, (int)rows, (int)n_tok, (int)k,
                                &one, A, at, (int)k, B, bt, (int)k, &zero, out, CUDA_R_32F,
                                (int)rows, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
    return HUB_OK;
}

static int cu_matmul_sel(struct hub_backend *be, int wtype, const void *W, size_t mat_bytes,
                         int64_t rows, int64_t k, const float *x, int x_div, const int32_t *sel,
                         int n_rows, float *out)
{
    struct cuda_impl *c = impl_of(be);
    int bel = hub_op_block_elems(wtype);
    if (bel == 0 || k < 1 || k % bel || rows < 0 || rows > INT32_MAX || k > INT32_MAX ||
        x_div < 1 || n_rows < 0 || n_rows > 65535)
        return cu_fail(be, HUB_ERR_INVALID,
                       "cuda matmul_sel: type %d, k %lld, %d rows not supported", wtype,
                       (long long)k, n_rows);
    if (rows == 0 || n_rows == 0) return HUB_OK;
    size_t rb = (size_t)(k / bel) * hub_op_block_bytes(wtype);
    struct mv_jobs none = {};
    launch_matvec(c->stream, wtype, W, mat_bytes, rb, rows, k, x, NULL, &none, n_rows, sel,
                  x_div, out);
    CU_LAUNCHED(be, "k_matvec (selected)");
    return HUB_OK;
}

static int cu_matmul_grouped(struct hub_backend *be, int wtype, const void *W, size_t mat_bytes,
                             int64_t rows, int64_t k, int n_mat, const float *x,
                             const int32_t *tok, const int32_t *offsets, float *out)
{
    struct cuda_impl *c = impl_of(be);
    if (n_mat <= 0) return HUB_OK;
    if (offsets[0] != 0)
        return cu_fail(be, HUB_ERR_INVALID, "cuda matmul_grouped: offsets[0] must be 0");
    for (int e = 0; e < n_mat; e++)
        if (offsets[e + 1] < offsets[e])
            return cu_fail(be, HUB_ERR_INVALID,
                           "cuda matmul_grouped: offsets not ascending at %d", e);
    int64_t n_rows = offsets[n_mat];
    if (n_rows == 0) return HUB_OK;
    int bel = hub_op_block_elems(wtype);
    if (bel == 0 || k < 1 || k % bel || rows < 0 || rows > INT32_MAX || k > INT32_MAX)
        return cu_fail(be, HUB_ERR_INVALID,
                       "cuda matmul_grouped: type %d with k %lld not supported", wtype,
                       (long long)k);
    if (rows == 0) return HUB_OK;
    /* Decode-sized batches: every expert's rows, up to MV_MAX_TOK per job, in one mat-vec
     * launch that reads x through tok (no gather, no per-expert launches). An expert's
     * weights are read once per job, so this holds while the jobs are few; larger batches
     * (prefill) go on to the gather and per-expert products below. */
    int64_t n_jobs = 0;
    for (int e = 0; e < n_mat; e++)
        n_jobs += ((int64_t)offsets[e + 1] - offsets[e] + MV_MAX_TOK - 1) / MV_MAX_TOK;
    if (n_jobs <= MV_MAX_JOBS) {
        struct mv_jobs jobs = {};
        int j = 0;
        for (int e = 0; e < n_mat; e++)
            for (int64_t i = offsets[e]; i < offsets[e + 1]; i += MV_MAX_TOK, j++) {
                int64_t left = offsets[e + 1] - i;
                jobs.mat[j] = e;
                jobs.i0[j] = (int32_t)i;
                jobs.cnt[j] = (int8_t)(left < MV_MAX_TOK ? left : MV_MAX_TOK);
            }
        size_t rb = (size_t)(k / bel) * hub_op_block_bytes(wtype);
        launch_matvec(c->stream, wtype, W, mat_bytes, rb, rows, k, x, tok, &jobs, j, NULL, 1,
                      out);
        CU_LAUNCHED(be, "k_matvec (grouped)");
        return HUB_OK;
    }
    int st = grow(be, (void **)&c->gath, &c->gath_cap, (size_t)n_rows * k * sizeof(float));
    if (st) return st;
    k_gather<<<grid_for(n_rows * k, 256), 256, 0, c->stream>>>(x, tok, n_rows, k, c->gath);
    CU_LAUNCHED(be, "k_gather");
    for (int e = 0; e < n_mat; e++) {
        int64_t cnt = offsets[e + 1] - offsets[e];
        if (!cnt) continue;
        st = cu_matmul(be, wtype, (const uint8_t *)W + (size_t)e * mat_bytes, rows, k,
                       c->gath + (size_t)offsets[e] * k, cnt, out + (size_t)offsets[e] * rows);
        if (st) return st;
    }
    return HUB_OK;
}

static int cu_route(struct hub_backend *be, const struct hub_route_params *p, const float *logits,
                    const float *bias, int n_tok, int32_t *sel, float *w)
{
    if (p->n_expert < 1 || p->n_expert > HUB_ROUTE_MAX_EXPERT || p->n_used < 1 ||
        p->n_used > HUB_ROUTE_MAX_USED || p->n_used > p->n_expert ||
        (p->n_groups > 1 &&
         (p->n_groups > HUB_ROUTE_MAX_GROUPS || p->n_expert % p->n_groups || p->n_group_used < 1 ||
                             p->n_group_used > p->n_groups)))
        return cu_fail(be, HUB_ERR_INVALID, "route: %d experts, %d used, %d groups not supported",
                       p->n_expert, p->n_used, p->n_groups);
    if (n_tok <= 0) return HUB_OK;
    k_route<<<n_tok, 1, 2 * p->n_expert * sizeof(float), impl_of(be)->stream>>>(*p, logits, bias,
                                                                            n_tok, sel, w);
    CU_LAUNCHED(be, "k_route");
    return HUB_OK;
}

static int cu_rmsnorm(struct hub_backend *be, float *dst, const float *x, const float *w,
                      int n_rows, int64_t n, int64_t stride, float eps)
{
    if (n < 1) return cu_fail(be, HUB_ERR_INVALID, "rmsnorm: %lld values", (long long)n);
    if (n_rows <= 0) return HUB_OK;
    k_rmsnorm<<<n_rows, ROW_THREADS, 0, impl_of(be)->stream>>>(dst, x, w, n, stride, eps);
    CU_LAUNCHED(be, "k_rmsnorm");
    return HUB_OK;
}

static int cu_rope(struct hub_backend *be, const struct hub_rope_params *p, float *x, int n_tok,
                   int n_head, int64_t tok_stride, int64_t head_stride, int64_t off, int pos0)
{
    const int32_t *dpos = pos0 == HUB_POS_DEVICE ? impl_of(be)->dpos : NULL;
    if (p->n_rot < 2 || p->n_rot % 2 || p->n_rot > 1024 || (pos0 < 0 && !dpos) ||
        n_head > 65535)
        return cu_fail(be, HUB_ERR_INVALID, "rope: n_rot %d at position %d", p->n_rot, pos0);
    if (n_tok <= 0 || n_head <= 0) return HUB_OK;
    k_rope<<<dim3(n_tok, n_head), 64, 0, impl_of(be)->stream>>>(*p, x, tok_stride, head_stride,
                                                                 off, pos0, dpos);
    CU_LAUNCHED(be, "k_rope");
    return HUB_OK;
}

static int cu_softmax(struct hub_backend *be, float *x, int n_rows, int64_t n)
{
    if (n_rows <= 0 || n <= 0) return HUB_OK;
    k_softmax<<<n_rows, ROW_THREADS, 0, impl_of(be)->stream>>>(x, n);
    CU_LAUNCHED(be, "k_softmax");
    return HUB_OK;
}

static int cu_swiglu(struct hub_backend *be, float *dst, const float *gate, const float *up,
                     int64_t n)
{
    if (n <= 0) return HUB_OK;
    k_swiglu<<<grid_for(n, 256), 256, 0, impl_of(be)->stream>>>(dst, gate, up, n);
    CU_LAUNCHED(be, "k_swiglu");
    return HUB_OK;
}

static int cu_mla_attn(struct hub_backend *be, const float *qabs, const float *qpe,
                       int64_t qts, int64_t qhs, const float *cache, int64_t kv_row, int R,
                       int nr, int n_head, int n_tok, int pos0, float scale, float *olat)
{
    struct cuda_impl *c = impl_of(be);
    const int32_t *dpos = pos0 == HUB_POS_DEVICE ? c->dpos : NULL;
    if (R < 1 || nr < 0 || kv_row < R + nr || (pos0 < 0 && !dpos))
        return cu_fail(be, HUB_ERR_INVALID, "mla_attn: rank %d, rope %d, row %lld", R, nr,
                       (long long)kv_row);
    if (n_head <= 0 || n_tok <= 0) return HUB_OK;
    int n_kv = dpos ? c->pos_ctx : pos0 + n_tok; /* keys, or with dpos the scratch stride */
    int st = grow(be, (void **)&c->scores, &c->scores_cap,
                  (size_t)n_head * n_tok * n_kv * sizeof(float));
    if (st) return st;
    k_mla<<<n_head * n_tok, ROW_THREADS, 0, c->stream>>>(qabs, qpe, qts, qhs, cache, kv_row, R, nr,
                                                         n_tok, pos0, dpos, scale, n_kv,
                                                         c->scores, olat);
    CU_LAUNCHED(be, "k_mla");
    return HUB_OK;
}

static int cu_attn(struct hub_backend *be, const float *q, int64_t qts, const float *k,
                   int64_t ks, const float *v, int64_t vs, int n_head, int n_head_kv, int dk,
                   int dv, int n_tok, int pos0, float scale, float *out)
{
    struct cuda_impl *c = impl_of(be);
    if (dk < 1 || dv < 1 || n_head_kv < 1 || n_head % n_head_kv || pos0 < 0)
        return cu_fail(be, HUB_ERR_INVALID, "attn: %d heads over %d KV heads, dims %d/%d",
                       n_head, n_head_kv, dk, dv);
    if (n_head <= 0 || n_tok <= 0) return HUB_OK;
    int n_kv = pos0 + n_tok;
    int st = grow(be, (void **)&c->scores, &c->scores_cap,
                  (size_t)n_head * n_tok * n_kv * sizeof(float));
    if (st) return st;
    k_attn<<<n_head * n_tok, ROW_THREADS, 0, c->stream>>>(q, qts, k, ks, v, vs, n_head,
                                                           n_head / n_head_kv, dk, dv, pos0, n_kv,
                                                           scale, c->scores, out);
    CU_LAUNCHED(be, "k_attn");
    return HUB_OK;
}

static int cu_copy2d(struct hub_backend *be, float *dst, int64_t ds, const float *src, int64_t ss,
                     int n_rows, int64_t n)
{
    if (n_rows <= 0 || n <= 0) return HUB_OK;
    k_copy2d<<<grid_for((int64_t)n_rows * n, 256), 256, 0, impl_of(be)->stream>>>(dst, ds, src, ss,
                                                                                  n_rows, n);
    CU_LAUNCHED(be, "k_copy2d");
    return HUB_OK;
}

static int cu_add(struct hub_backend *be, float *dst, const float *a, const float *b, int64_t n)
{
    if (n <= 0) return HUB_OK;
    k_add<<<grid_for(n, 256), 256, 0, impl_of(be)->stream>>>(dst, a, b, n);
    CU_LAUNCHED(be, "k_add");
    return HUB_OK;
}

static int cu_scatter_add(struct hub_backend *be, float *out, const float *y, const int32_t *tok,
                          const float *w, int n_rows, int64_t n)
{
    if (n_rows <= 0 || n <= 0) return HUB_OK;
    k_scatter_add<<<grid_for((int64_t)n_rows * n, 256), 256, 0, impl_of(be)->stream>>>(
        out, y, tok, w, n_rows, n);
    CU_LAUNCHED(be, "k_scatter_add");
    return HUB_OK;
}

static int cu_set_position(struct hub_backend *be, int pos, int n_ctx)
{
    struct cuda_impl *c = impl_of(be);
    if (pos < 0 || n_ctx < 1 || pos >= n_ctx)
        return cu_fail(be, HUB_ERR_INVALID, "set_position: %d of %d", pos, n_ctx);
    if (!c->dpos) {
        if (c->capturing)
            return cu_fail(be, HUB_ERR_INVALID, "set_position: first call inside a capture");
        CU_CHECK(be, cudaMalloc((void **)&c->dpos, sizeof(int32_t)));
        CU_CHECK(be, cudaMallocHost((void **)&c->hpos, sizeof(int32_t)));
    }
    /* the previous write has been read: callers wait (download) between steps */
    CU_CHECK(be, cudaStreamSynchronize(c->stream));
    *c->hpos = pos;
    c->pos_ctx = n_ctx;
    CU_CHECK(be, cudaMemcpyAsync(c->dpos, c->hpos, sizeof(int32_t), cudaMemcpyHostToDevice,
                                 c->stream));
    return HUB_OK;
}

__global__ void k_copy_row_at(float *dst, int64_t row_stride, const float *src, int64_t n,
                              const int32_t *dpos)
{
    float *d = dst + (int64_t)*dpos * row_stride;
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n;
         i += (int64_t)gridDim.x * blockDim.x)
        d[i] = src[i];
}

static int cu_copy_row_at(struct hub_backend *be, float *dst, int64_t row_stride,
                          const float *src, int64_t n)
{
    struct cuda_impl *c = impl_of(be);
    if (!c->dpos) return cu_fail(be, HUB_ERR_INVALID, "copy_row_at before set_position");
    if (n <= 0) return HUB_OK;
    k_copy_row_at<<<grid_for(n, 256), 256, 0, c->stream>>>(dst, row_stride, src, n, c->dpos);
    CU_LAUNCHED(be, "k_copy_row_at");
    return HUB_OK;
}

static int cu_graph_begin(struct hub_backend *be)
{
    struct cuda_impl *c = impl_of(be);
    if (c->capturing) return cu_fail(be, HUB_ERR_INVALID, "cuda: graph capture already open");
    CU_CHECK(be, cudaStreamBeginCapture(c->stream, cudaStreamCaptureModeThreadLocal));
    c->capturing = true;
    return HUB_OK;
}

static int cu_graph_end(struct hub_backend *be)
{
    struct cuda_impl *c = impl_of(be);
    if (!c->capturing) return cu_fail(be, HUB_ERR_INVALID, "cuda: no graph capture open");
    c->capturing = false;
    cudaGraph_t g = NULL;
    CU_CHECK(be, cudaStreamEndCapture(c->stream, &g));
    if (c->exec) cudaGraphExecDestroy(c->exec);
    if (c->graph) cudaGraphDestroy(c->graph);
    c->exec = NULL;
    c->graph = g;
    CU_CHECK(be, cudaGraphInstantiate(&c->exec, g, 0));
    return HUB_OK;
}

static int cu_graph_launch(struct hub_backend *be)
{
    struct cuda_impl *c = impl_of(be);
    if (!c->exec) return cu_fail(be, HUB_ERR_INVALID, "cuda: no graph captured");
    CU_CHECK(be, cudaGraphLaunch(c->exec, c->stream));
    return HUB_OK;
}

static const struct hub_backend_ops cuda_ops = {
    "cuda",          cu_free,        cu_alloc,          cu_release,     cu_upload,
    cu_download,     cu_sync,        cu_matmul,         cu_matmul_grouped, cu_route,
    cu_rmsnorm,      cu_rope,        cu_softmax,        cu_swiglu,      cu_mla_attn,
    cu_graph_begin,  cu_graph_end,   cu_graph_launch, cu_attn,
    cu_copy2d,       cu_add,         cu_scatter_add, cu_matmul_sel,
    cu_set_position, cu_copy_row_at,
};

/* The two entry points of hub-cuda.so, found by kernels/cuda/cuda-loader.c with dlsym. */
extern "C" int hub_cuda_lib_device_count(void)
{
    int n = 0;
    if (cudaGetDeviceCount(&n) != cudaSuccess) {
        cudaGetLastError(); /* clear the sticky "no device" error */
        return 0;
    }
    return n;
}

extern "C" struct hub_backend *hub_cuda_lib_new(int device, char *err, size_t errlen)
{
    int n = 0;
    cudaError_t e = cudaGetDeviceCount(&n);
    if (e != cudaSuccess || n == 0) {
        snprintf(err, errlen, "no CUDA device (%s)",
                 e != cudaSuccess ? cudaGetErrorString(e) : "cudaGetDeviceCount found none");
        cudaGetLastError();
        return NULL;
    }
    if (device < 0 || device >= n) {
        snprintf(err, errlen, "CUDA device %d out of range (%d present)", device, n);
        return NULL;
    }
    struct hub_backend *be = (struct hub_backend *)calloc(1, sizeof(*be));
    struct cuda_impl *c = (struct cuda_impl *)calloc(1, sizeof(*c));
    if (!be || !c) {
        snprintf(err, errlen, "cuda backend: out of memory");
        free(be);
        free(c);
        return NULL;
    }
    c->device = device;
    cublasStatus_t bs;
    if ((e = cudaSetDevice(device)) != cudaSuccess ||
        (e = cudaStreamCreateWithFlags(&c->stream, cudaStreamNonBlocking)) != cudaSuccess) {
        snprintf(err, errlen, "cuda: device %d: %s", device, cudaGetErrorString(e));
        free(be);
        free(c);
        return NULL;
    }
    if ((bs = cublasCreate(&c->blas)) != CUBLAS_STATUS_SUCCESS ||
        (bs = cublasSetStream(c->blas, c->stream)) != CUBLAS_STATUS_SUCCESS) {
        snprintf(err, errlen, "cublas: %s", cublasGetStatusString(bs));
        cudaStreamDestroy(c->stream);
        free(be);
        free(c);
        return NULL;
    }
    /* fp32 products stay fp32 (no TF32) so that parity with the CPU holds */
    cublasSetMathMode(c->blas, CUBLAS_DEFAULT_MATH);
    be->ops = &cuda_ops;
    be->impl = c;
    return be;
}
