/*
 * backend-cuda.cu: the "cuda" implementation of kernels/backend.h. Weights live in device
 * memory (uploaded once by the caller); every op is queued on one stream.
 *   - matmul: decode (n_tok <= MV_MAX_TOK) by own mat-vec kernels that decode the GGUF blocks
 *     in registers (ops-common.h, the same decoding text the CPU side is tested with); prefill
 *     by cublasGemmEx: f32/f16/bf16 weights as they are, quantized ones dequantized to f16
 *     into a scratch buffer first (the activations converted to the same type), fp32 compute.
 *   - matmul_grouped: tokens gathered per expert, then one product per expert.
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

/* out[t][r] = W[r] . x[t], one warp per row, lanes over the row's elements; each element
 * decoded from its block in registers (ops-common.h). */
template <int TYPE>
__global__ void k_matvec(const uint8_t *__restrict__ W, size_t row_bytes, int64_t rows,
                         int64_t k, const float *__restrict__ x, int n_tok, float *out)
{
    int64_t r = (int64_t)blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
    int lane = threadIdx.x % 32;
    if (r >= rows) return;
    const int be = hub_op_block_elems(TYPE), bb = hub_op_block_bytes(TYPE);
    const uint8_t *row = W + (size_t)r * row_bytes;
    float acc[MV_MAX_TOK];
#pragma unroll
    for (int t = 0; t < MV_MAX_TOK; t++) acc[t] = 0.0f;
    for (int64_t i = lane; i < k; i += 32) {
        float w = hub_op_block_elem(TYPE, row + (size_t)(i / be) * bb, (int)(i % be));
#pragma unroll
        for (int t = 0; t < MV_MAX_TOK; t++)
            if (t < n_tok) acc[t] += w * x[(size_t)t * k + i];
    }
#pragma unroll
    for (int t = 0; t < MV_MAX_TOK; t++) {
        float s = warp_sum(acc[t]);
        if (t < n_tok && lane == 0) out[(size_t)t * rows + r] = s;
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
                       int64_t off, int pos0)
{
    int t = blockIdx.x, h = blockIdx.y, nd = p.n_rot;
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
                      float scale, int n_kv, float *scores, float *olat)
{
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

static int launch_matvec(cudaStream_t st, int wtype, const void *W, size_t rb, int64_t rows,
                         int64_t k, const float *x, int n_tok, float *out)
{
    dim3 grid((unsigned)((rows + 3) / 4)), block(128);
    const uint8_t *w = (const uint8_t *)W;
    switch (wtype) {
#define MV(T) case T: k_matvec<T><<<grid, block, 0, st>>>(w, rb, rows, k, x, n_tok, out); break
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
        launch_matvec(c->stream, wtype, W, rb, rows, k, x, (int)n_tok, out);
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
    if (p->n_rot < 2 || p->n_rot % 2 || p->n_rot > 1024 || pos0 < 0 || n_head > 65535)
        return cu_fail(be, HUB_ERR_INVALID, "rope: n_rot %d at position %d", p->n_rot, pos0);
    if (n_tok <= 0 || n_head <= 0) return HUB_OK;
    k_rope<<<dim3(n_tok, n_head), 64, 0, impl_of(be)->stream>>>(*p, x, tok_stride, head_stride,
                                                                 off, pos0);
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
    if (R < 1 || nr < 0 || kv_row < R + nr || pos0 < 0)
        return cu_fail(be, HUB_ERR_INVALID, "mla_attn: rank %d, rope %d, row %lld", R, nr,
                       (long long)kv_row);
    if (n_head <= 0 || n_tok <= 0) return HUB_OK;
    int n_kv = pos0 + n_tok;
    int st = grow(be, (void **)&c->scores, &c->scores_cap,
                  (size_t)n_head * n_tok * n_kv * sizeof(float));
    if (st) return st;
    k_mla<<<n_head * n_tok, ROW_THREADS, 0, c->stream>>>(qabs, qpe, qts, qhs, cache, kv_row, R, nr,
                                                         n_tok, pos0, scale, n_kv, c->scores,
                                                         olat);
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
    cu_copy2d,       cu_add,         cu_scatter_add,
};

extern "C" int hub_backend_cuda_device_count(void)
{
    int n = 0;
    if (cudaGetDeviceCount(&n) != cudaSuccess) {
        cudaGetLastError(); /* clear the sticky "no device" error */
        return 0;
    }
    return n;
}

extern "C" struct hub_backend *hub_backend_cuda_new(int device, char *err, size_t errlen)
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
