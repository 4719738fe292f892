/*
 * train-cuda.cu: forward, backward and AdamW of the deepseek2 trainer on one CUDA device
 * (the plain-C interface: kernels/train-gpu.h; the CPU trainer it mirrors: engine/train.c).
 *
 * Weights, gradient and moments live in device memory as the CPU's flat array. A batch runs
 * as one pack of all its tokens: matrix products by cuBLAS sgemm (fp32 compute, no TF32: the
 * default math mode), the row ops by small kernels written after engine/train.c's loops.
 * The MoE routing is done on the host from the router's logits (one small download per MoE
 * layer), in engine/train.c's order: softmax, top-k of probability + bias (lower index first
 * on ties), grouping of the (token, slot) pairs by expert, and the balance loss per CPU pack,
 * so that both trainers route alike and count the same load. Every sum is done in a fixed
 * order (no atomics), so a run is deterministic on one GPU model.
 *
 * Results are not the CPU's bits: cuBLAS sums the products in another order, the GPU's expf
 * and the CPU's differ in the last bit, and the reductions are trees, not loops.
 */
#include <cublas_v2.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <algorithm>
#include <new>
#include <vector>

extern "C" {
#include <hub/plugin.h> /* enum hub_status (hub_status.h itself is C11-only) */
}
#include "kernels/train-gpu.h"

/* per-layer device activations, sized for cap tokens (the forward's saved state) */
struct train_gpu_lact {
    float *x_in, *rstd1, *xn1, *q, *kva, *rstdkv, *ckv, *kpe, *kvb, *P, *o, *xmid, *rstd2, *xn2;
    float *g, *u, *h;                  /* dense [T][F] */
    float *probs, *w, *auxd;           /* [T][X], [T*K], balance-loss gradient [T][X] */
    int32_t *order, *rowof, *sel;      /* grouped slot order, slot -> grouped row, [T*K] */
    float *xg, *eg, *eu, *eh, *ey;     /* grouped rows: [T*K][E], [T*K][Fe] x3, [T*K][E] */
    float *sg, *su, *sh;               /* shared [T][S] */
    std::vector<int> eoff;             /* host: [X + 1] grouped row of each expert */
};

struct hub_train_gpu {
    struct hub_train_gpu_shape s;
    std::vector<hub_train_gpu_layer> lw;
    std::vector<size_t> t_off, t_n;
    std::vector<uint8_t> t_decay;
    int device;
    cudaStream_t stream;
    cublasHandle_t blas;
    float *p, *g, *m1, *m2;  /* [n_params] */
    float *rope_cos, *rope_sin;
    double *partial;         /* grad_sumsq's per-block sums */
    /* workspace for cap tokens */
    int cap;
    char *mem;
    std::vector<train_gpu_lact> la;
    float *x, *xfin, *rstdf, *xf, *xgl, *logits, *lossrow, *dres, *dxn, *dq, *dkva, *dckv, *dkpe;
    float *dkvb, *dof, *ds, *tmp, *ybuf, *t1, *t2, *t3, *dyg, *dxg, *dprobs, *dlog;
    int32_t *tok, *seg, *pos, *lpos, *emb_tok, *emb_start, *emb_list;
    /* host scratch */
    std::vector<float> h_logits, h_probs, h_w, h_auxd, h_lossrow;
    std::vector<int32_t> h_sel, h_order, h_rowof, h_lpos, h_emb_tok, h_emb_start, h_emb_list;
    char err[512];
};

static int fail(struct hub_train_gpu *g, int st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(struct hub_train_gpu *g, int st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g->err, sizeof(g->err), fmt, ap);
    va_end(ap);
    return st;
}

#define CU(call)                                                                                  \
    do {                                                                                          \
        cudaError_t e_ = (call);                                                                  \
        if (e_ != cudaSuccess)                                                                    \
            return fail(g, HUB_ERR_IO, "%s: %s", #call, cudaGetErrorString(e_));                  \
    } while (0)
#define BL(call)                                                                                  \
    do {                                                                                          \
        cublasStatus_t e_ = (call);                                                               \
        if (e_ != CUBLAS_STATUS_SUCCESS)                                                          \
            return fail(g, HUB_ERR_IO, "%s: cuBLAS status %d", #call, (int)e_);                   \
    } while (0)
/* every launch is checked, so that a bad one is reported where it happened */
#define LAUNCH(kernel, grid, block, ...)                                                          \
    do {                                                                                          \
        if ((grid) > 0) {                                                                         \
            kernel<<<(grid), (block), 0, g->stream>>>(__VA_ARGS__);                               \
            CU(cudaGetLastError());                                                               \
        }                                                                                         \
    } while (0)

static int blocks(long n, int per)
{
    return (int)((n + per - 1) / per);
}

/* ---------------------------------------------------------------------------------------- */
/* kernels (file-local: backend-cuda.cu, linked into the same object, has kernels of its own) */

namespace {

__device__ __forceinline__ float warp_sum(float v)
{
    for (int o = 16; o > 0; o >>= 1)
        v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}
__device__ __forceinline__ double warp_sum_d(double v)
{
    for (int o = 16; o > 0; o >>= 1)
        v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}
__device__ __forceinline__ float warp_max(float v)
{
    for (int o = 16; o > 0; o >>= 1)
        v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
    return v;
}

/* x [T][E] = emb[tok[t]] */
__global__ void k_embed(float *x, const float *emb, const int32_t *tok, int T, int E)
{
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long)T * E) return;
    int t = (int)(i / E), j = (int)(i % E);
    x[i] = emb[(size_t)tok[t] * E + j];
}

/* One warp per row: y = x * scale * w with scale from the sum of squares in double, as
 * kern_rmsnorm; rstd in double, as train_rmsnorm_fwd. Rows at strides sx, sy. */
__global__ void k_rmsnorm_fwd(float *y, float *rstd, const float *x, const float *w, int T, int n,
                              int sx, int sy, float eps)
{
    int t = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32, lane = threadIdx.x % 32;
    if (t >= T) return;
    const float *xr = x + (size_t)t * sx;
    double ss = 0;
    for (int i = lane; i < n; i += 32)
        ss += (double)xr[i] * xr[i];
    ss = warp_sum_d(ss);
    float scale = 1.0f / sqrtf((float)(ss / n) + eps);
    float *yr = y + (size_t)t * sy;
    for (int i = lane; i < n; i += 32)
        yr[i] = xr[i] * scale * w[i];
    if (lane == 0) rstd[t] = (float)(1.0 / sqrt(ss / n + eps));
}

/* dx += r (dy w - x r^2 mean(dy w x)), one warp per row (the dot in double) */
__global__ void k_rmsnorm_bwd_dx(float *dx, const float *dy, const float *x, const float *rstd,
                                 const float *w, int T, int n, int sdx, int sdy, int sx)
{
    int t = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32, lane = threadIdx.x % 32;
    if (t >= T) return;
    const float *xr = x + (size_t)t * sx, *gr = dy + (size_t)t * sdy;
    float *d = dx + (size_t)t * sdx;
    double dot = 0;
    for (int i = lane; i < n; i += 32)
        dot += (double)gr[i] * w[i] * xr[i];
    dot = warp_sum_d(dot);
    float r = rstd[t], c = (float)(dot / n) * r * r;
    for (int i = lane; i < n; i += 32)
        d[i] += r * (gr[i] * w[i] - xr[i] * c);
}

/* dw[i] += sum over rows of dy x r: one thread per column, rows in order */
__global__ void k_rmsnorm_bwd_dw(float *dw, const float *dy, const float *x, const float *rstd,
                                 int T, int n, int sdy, int sx)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float acc = dw[i];
    for (int t = 0; t < T; t++)
        acc += dy[(size_t)t * sdy + i] * x[(size_t)t * sx + i] * rstd[t];
    dw[i] = acc;
}

/* NORM rope of the first n_rot dims of `per` vectors per row (rows of `stride` floats) at
 * positions pos[t], from the host's table; backward rotates by -theta */
__global__ void k_rope(float *x, int T, int per, int stride, int n_rot, const float *cs,
                       const float *sn, const int32_t *pos, int backward)
{
    int half = n_rot / 2;
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long)T * per * half) return;
    int k = (int)(i % half), j = (int)(i / half % per), t = (int)(i / half / per);
    size_t ti = (size_t)pos[t] * half + k;
    float c = cs[ti], s = backward ? -sn[ti] : sn[ti];
    float *v = x + (size_t)t * per * stride + (size_t)j * stride;
    float x0 = v[2 * k], x1 = v[2 * k + 1];
    v[2 * k] = x0 * c - x1 * s;
    v[2 * k + 1] = x0 * s + x1 * c;
}

__global__ void k_f16_round(float *x, long n)
{
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] = __half2float(__float2half_rn(x[i]));
}

/* dst [rows][cols] (row stride sd) = src (row stride ss) */
__global__ void k_copy_cols(float *dst, int sd, const float *src, int ss, int rows, int cols)
{
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long)rows * cols) return;
    int r = (int)(i / cols), c = (int)(i % cols);
    dst[(size_t)r * sd + c] = src[(size_t)r * ss + c];
}

/* dst [n][E] = src[idx[i] / div] */
__global__ void k_gather_rows(float *dst, const float *src, const int32_t *idx, int div, int n,
                              int E)
{
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long)n * E) return;
    int r = (int)(i / E), j = (int)(i % E);
    dst[i] = src[(size_t)(idx[r] / div) * E + j];
}

/* dst[idx[i]] = src [n][E] (distinct idx) */
__global__ void k_scatter_rows(float *dst, const float *src, const int32_t *idx, int n, int E)
{
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long)n * E) return;
    int r = (int)(i / E), j = (int)(i % E);
    dst[(size_t)idx[r] * E + j] = src[i];
}

__global__ void k_add(float *y, const float *a, long n)
{
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] += a[i];
}

/* h = silu(g) u, as kern_swiglu */
__global__ void k_swiglu(float *h, const float *g, const float *u, long n)
{
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float x = g[i];
    h[i] = x / (1.0f + expf(-x)) * u[i];
}

__global__ void k_swiglu_bwd(float *dg, float *du, const float *dh, const float *g,
                             const float *u, long n)
{
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float sg = 1.0f / (1.0f + expf(-g[i]));
    du[i] = dh[i] * (g[i] * sg);
    dg[i] = dh[i] * u[i] * sg * (1.0f + g[i] * (1.0f - sg));
}

/* MLA attention core, one warp per (token t, head h): scores of the keys s0..t of t's
 * sequence (lanes over keys), softmax (sum in double), P row t of head h at column s - s0,
 * then o (lanes over value dims). Layouts as train_attn_fwd. */
__global__ void k_attn_fwd(float *o, float *P, const float *q, const float *kv, const float *kpe,
                           const int32_t *seg, int T, int H, int dn, int nr, int dv, float scale,
                           int L)
{
    int wi = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32, lane = threadIdx.x % 32;
    if (wi >= T * H) return;
    int t = wi / H, h = wi % H, dq = dn + nr, dkv = dn + dv, s0 = seg[t];
    const float *qt = q + ((size_t)t * H + h) * dq;
    float *p = P + ((size_t)h * T + t) * L - s0;
    float mx = -INFINITY;
    for (int s = s0 + lane; s <= t; s += 32) {
        const float *ks = kv + ((size_t)s * H + h) * dkv, *ps = kpe + (size_t)s * nr;
        float a = 0, b = 0;
        for (int d = 0; d < dn; d++)
            a += qt[d] * ks[d];
        for (int d = 0; d < nr; d++)
            b += qt[dn + d] * ps[d];
        float sc = (a + b) * scale;
        p[s] = sc;
        mx = fmaxf(mx, sc);
    }
    mx = warp_max(mx);
    double sum = 0;
    for (int s = s0 + lane; s <= t; s += 32)
        sum += (p[s] = expf(p[s] - mx));
    sum = warp_sum_d(sum);
    float inv = (float)(1.0 / sum);
    for (int s = s0 + lane; s <= t; s += 32)
        p[s] *= inv;
    __syncwarp();
    float *ot = o + ((size_t)t * H + h) * dv;
    for (int d = lane; d < dv; d += 32) {
        float acc = 0;
        for (int s = s0; s <= t; s++)
            acc += p[s] * kv[((size_t)s * H + h) * dkv + dn + d];
        ot[d] = acc;
    }
}

/* backward, query side, one warp per (t, h): dp[s] = dout_t . v_s, ds = p (dp - p.dp) scale
 * (kept in DS, laid out as P), dq_t += sum_s ds k_s (nope | rope) */
__global__ void k_attn_bwd_q(float *dq, float *DS, const float *dout, const float *P,
                             const float *kv, const float *kpe, const int32_t *seg, int T, int H,
                             int dn, int nr, int dv, float scale, int L)
{
    int wi = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32, lane = threadIdx.x % 32;
    if (wi >= T * H) return;
    int t = wi / H, h = wi % H, dqd = dn + nr, dkvd = dn + dv, s0 = seg[t];
    const float *p = P + ((size_t)h * T + t) * L - s0;
    float *ds = DS + ((size_t)h * T + t) * L - s0;
    const float *go = dout + ((size_t)t * H + h) * dv;
    double dot = 0;
    for (int s = s0 + lane; s <= t; s += 32) {
        const float *vs = kv + ((size_t)s * H + h) * dkvd + dn;
        float a = 0;
        for (int d = 0; d < dv; d++)
            a += go[d] * vs[d];
        ds[s] = a;
        dot += (double)p[s] * a;
    }
    float fdot = (float)warp_sum_d(dot);
    for (int s = s0 + lane; s <= t; s += 32)
        ds[s] = p[s] * (ds[s] - fdot) * scale;
    __syncwarp();
    float *dqt = dq + ((size_t)t * H + h) * dqd;
    for (int d = lane; d < dqd; d += 32) {
        float acc = 0;
        for (int s = s0; s <= t; s++)
            acc += ds[s] * (d < dn ? kv[((size_t)s * H + h) * dkvd + d] : kpe[(size_t)s * nr + d - dn]);
        dqt[d] += acc;
    }
}

/* backward, key side, one block per key s: over the tokens t >= s of s's sequence,
 * dk_s += ds q_t (nope), dv_s += p dout_t, dkpe_s += sum over heads of ds q_t (rope) */
__global__ void k_attn_bwd_kv(float *dkv, float *dkpe, const float *DS, const float *P,
                              const float *q, const float *dout, const int32_t *seg, int T, int H,
                              int dn, int nr, int dv, int L)
{
    int s = blockIdx.x;
    if (s >= T) return;
    int s0 = seg[s], dqd = dn + nr, dkvd = dn + dv, t1 = s;
    while (t1 < T && seg[t1] == s0)
        t1++;
    for (int i = threadIdx.x; i < H * dkvd; i += blockDim.x) {
        int h = i / dkvd, d = i % dkvd;
        float acc = 0;
        for (int t = s; t < t1; t++) {
            size_t pi = ((size_t)h * T + t) * L + (s - s0);
            acc += d < dn ? DS[pi] * q[((size_t)t * H + h) * dqd + d]
                          : P[pi] * dout[((size_t)t * H + h) * dv + d - dn];
        }
        dkv[((size_t)s * H + h) * dkvd + d] += acc;
    }
    for (int d = threadIdx.x; d < nr; d += blockDim.x) {
        float acc = 0;
        for (int h = 0; h < H; h++)
            for (int t = s; t < t1; t++)
                acc += DS[((size_t)h * T + t) * L + (s - s0)] * q[((size_t)t * H + h) * dqd + dn + d];
        dkpe[(size_t)s * nr + d] += acc;
    }
}

/* Cross-entropy of each row of logits [n][V] (in place: becomes dlogits = scale (softmax -
 * onehot)) with target y[i]; loss[i]. One block per row; sum in double as train_xent. */
__global__ void k_xent(float *logits, float *loss, const int32_t *tok, const int32_t *lpos, int V,
                       float scale, int want_grad)
{
    __shared__ float smax[32];
    __shared__ double ssum[32];
    int i = blockIdx.x, nw = blockDim.x / 32, lane = threadIdx.x % 32, wid = threadIdx.x / 32;
    float *l = logits + (size_t)i * V;
    int y = tok[lpos[i] + 1];
    float mx = -INFINITY;
    for (int j = threadIdx.x; j < V; j += blockDim.x)
        mx = fmaxf(mx, l[j]);
    mx = warp_max(mx);
    if (lane == 0) smax[wid] = mx;
    __syncthreads();
    mx = smax[0];
    for (int w = 1; w < nw; w++)
        mx = fmaxf(mx, smax[w]);
    double sum = 0;
    for (int j = threadIdx.x; j < V; j += blockDim.x)
        sum += expf(l[j] - mx);
    sum = warp_sum_d(sum);
    if (lane == 0) ssum[wid] = sum;
    __syncthreads();
    sum = 0;
    for (int w = 0; w < nw; w++)
        sum += ssum[w];
    float ly = l[y];
    __syncthreads(); /* l[y] read by all before it is overwritten */
    if (threadIdx.x == 0) loss[i] = (float)(mx + log(sum) - ly);
    if (!want_grad) return;
    float f = (float)(scale / sum);
    for (int j = threadIdx.x; j < V; j += blockDim.x)
        l[j] = expf(l[j] - mx) * f - (j == y ? scale : 0.0f);
}

/* y[t] = sum over t's slots of w ey[row]: slots in k order from zero, as moe_fwd */
__global__ void k_moe_combine(float *y, const float *ey, const float *w, const int32_t *rowof,
                              int T, int K, int E)
{
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long)T * E) return;
    int t = (int)(i / E), j = (int)(i % E);
    float acc = 0;
    for (int k = 0; k < K; k++)
        acc += w[t * K + k] * ey[(size_t)rowof[t * K + k] * E + j];
    y[i] = acc;
}

/* per grouped row r (slot = order[r], token t = slot / K), one warp: dyg[r] = w dy[t], and
 * the routing weight's gradient dprobs[t][sel] = dy[t] . ey[r] */
__global__ void k_moe_bwd_rows(float *dyg, float *dprobs, const float *dy, const float *ey,
                               const float *w, const int32_t *order, const int32_t *sel, int n,
                               int K, int E, int X)
{
    int r = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32, lane = threadIdx.x % 32;
    if (r >= n) return;
    int slot = order[r], t = slot / K;
    const float *dyt = dy + (size_t)t * E, *eyr = ey + (size_t)r * E;
    float wt = w[slot], a = 0;
    for (int j = lane; j < E; j += 32) {
        a += dyt[j] * eyr[j];
        dyg[(size_t)r * E + j] = wt * dyt[j];
    }
    a = warp_sum(a);
    if (lane == 0) dprobs[(size_t)t * X + sel[slot]] = a;
}

/* dxn[t] += the expert inputs' gradients of t's slots */
__global__ void k_moe_gather_dx(float *dxn, const float *dxg, const int32_t *rowof, int T, int K,
                                int E)
{
    long i = (long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long)T * E) return;
    int t = (int)(i / E), j = (int)(i % E);
    float acc = dxn[i];
    for (int k = 0; k < K; k++)
        acc += dxg[(size_t)rowof[t * K + k] * E + j];
    dxn[i] = acc;
}

/* router softmax backward, one thread per token: dp = dprobs + balance term,
 * dlog = p (dp - p.dp) */
__global__ void k_router_bwd(float *dlog, const float *dprobs, const float *auxd,
                             const float *probs, int T, int X)
{
    int t = blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= T) return;
    const float *p = probs + (size_t)t * X;
    double s = 0;
    for (int e = 0; e < X; e++)
        s += (double)p[e] * (dprobs[(size_t)t * X + e] + auxd[(size_t)t * X + e]);
    for (int e = 0; e < X; e++)
        dlog[(size_t)t * X + e] =
            p[e] * ((dprobs[(size_t)t * X + e] + auxd[(size_t)t * X + e]) - (float)s);
}

/* embedding gradient: for each distinct token u, G[tok_u] += its positions' rows, in order */
__global__ void k_embed_bwd(float *G, const float *dres, const int32_t *utok,
                            const int32_t *ustart, const int32_t *list, int E)
{
    int u = blockIdx.x;
    for (int j = threadIdx.x; j < E; j += blockDim.x) {
        float acc = G[(size_t)utok[u] * E + j];
        for (int i = ustart[u]; i < ustart[u + 1]; i++)
            acc += dres[(size_t)list[i] * E + j];
        G[(size_t)utok[u] * E + j] = acc;
    }
}

/* per-block sums of g^2 in double (a fixed grid: a fixed order) */
__global__ void k_sumsq(double *partial, const float *gr, size_t n)
{
    __shared__ double sm[32];
    double acc = 0;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n;
         i += (size_t)gridDim.x * blockDim.x)
        acc += (double)gr[i] * gr[i];
    acc = warp_sum_d(acc);
    if (threadIdx.x % 32 == 0) sm[threadIdx.x / 32] = acc;
    __syncthreads();
    if (threadIdx.x == 0) {
        double s = 0;
        for (int w = 0; w < (int)blockDim.x / 32; w++)
            s += sm[w];
        partial[blockIdx.x] = s;
    }
}

/* AdamW as engine/train.c's adamw_run; no product fused into a sum (__fmul_rn / __fadd_rn),
 * so that each element gets the CPU's bits from the same inputs */
__global__ void k_adamw(float *p, float *m1, float *m2, const float *gr, size_t n,
                        hub_train_gpu_adamw k, float wd)
{
    size_t j = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= n) return;
    float gj = __fmul_rn(gr[j], k.clip);
    float v1 = __fadd_rn(__fmul_rn(k.beta1, m1[j]), __fmul_rn(1 - k.beta1, gj));
    float v2 = __fadd_rn(__fmul_rn(k.beta2, m2[j]), __fmul_rn(__fmul_rn(1 - k.beta2, gj), gj));
    m1[j] = v1;
    m2[j] = v2;
    float mh = __fdiv_rn(v1, k.b1c), vh = __fdiv_rn(v2, k.b2c);
    float up = __fadd_rn(__fdiv_rn(mh, __fadd_rn(__fsqrt_rn(vh), k.eps)), __fmul_rn(wd, p[j]));
    p[j] = __fsub_rn(p[j], __fmul_rn(k.lr, up));
}

} // namespace

enum { SUMSQ_BLOCKS = 1024 };

/* ---------------------------------------------------------------------------------------- */
/* matrix products (row-major, as engine/train.c's; cuBLAS sees the transposes)             */

/* y [T][N] = x [T][K] W^T (W [N][K]) */
static int mm_fwd(struct hub_train_gpu *g, float *y, const float *x, const float *W, int T, int K,
                  int N)
{
    if (T <= 0) return 0;
    const float one = 1, zero = 0;
    BL(cublasSgemm(g->blas, CUBLAS_OP_T, CUBLAS_OP_N, N, T, K, &one, W, K, x, K, &zero, y, N));
    return 0;
}

/* dx [T][K] += dy [T][N] W [N][K];  dW [N][K] += dy^T x (either may be NULL) */
static int mm_bwd(struct hub_train_gpu *g, float *dx, float *dW, const float *dy, const float *x,
                  const float *W, int T, int K, int N)
{
    if (T <= 0) return 0;
    const float one = 1;
    if (dx) BL(cublasSgemm(g->blas, CUBLAS_OP_N, CUBLAS_OP_N, K, T, N, &one, W, K, dy, N, &one, dx, K));
    if (dW) BL(cublasSgemm(g->blas, CUBLAS_OP_N, CUBLAS_OP_T, K, N, T, &one, x, K, dy, N, &one, dW, K));
    return 0;
}

#define TRY(call)                                                                                 \
    do {                                                                                          \
        int rc_ = (call);                                                                         \
        if (rc_) return rc_;                                                                      \
    } while (0)
#define ZERO(ptr, count) CU(cudaMemsetAsync((ptr), 0, (size_t)(count) * sizeof(float), g->stream))

static int rmsnorm_fwd(struct hub_train_gpu *g, float *y, float *rstd, const float *x,
                       const float *w, int T, int n, int sx, int sy)
{
    LAUNCH(k_rmsnorm_fwd, blocks(T, 4), 128, y, rstd, x, w, T, n, sx, sy, g->s.rms_eps);
    return 0;
}

/* dx += ..., dw += ... (train_rmsnorm_bwd), rows at strides */
static int rmsnorm_bwd(struct hub_train_gpu *g, float *dx, float *dw, const float *dy,
                       const float *x, const float *rstd, const float *w, int T, int n, int sdx,
                       int sdy, int sx)
{
    LAUNCH(k_rmsnorm_bwd_dw, blocks(n, 128), 128, dw, dy, x, rstd, T, n, sdy, sx);
    LAUNCH(k_rmsnorm_bwd_dx, blocks(T, 4), 128, dx, dy, x, rstd, w, T, n, sdx, sdy, sx);
    return 0;
}

/* SwiGLU FFN forward on T rows: g, u [T][F]; h = silu(g) u; y [T][E] */
static int ffn_fwd(struct hub_train_gpu *g, float *y, float *gg, float *u, float *h,
                   const float *x, const float *Wg, const float *Wu, const float *Wd, int T,
                   int E, int F)
{
    TRY(mm_fwd(g, gg, x, Wg, T, E, F));
    TRY(mm_fwd(g, u, x, Wu, T, E, F));
    LAUNCH(k_swiglu, blocks((long)T * F, 256), 256, h, gg, u, (long)T * F);
    TRY(mm_fwd(g, y, h, Wd, T, F, E));
    return 0;
}

/* backward: dx (+=) and the weight gradients, as engine/train.c's ffn_bwd */
static int ffn_bwd(struct hub_train_gpu *g, float *dx, float *dWg, float *dWu, float *dWd,
                   const float *dy, const float *gg, const float *u, const float *h,
                   const float *x, const float *Wg, const float *Wu, const float *Wd, int T,
                   int E, int F)
{
    ZERO(g->t1, (size_t)T * F);
    TRY(mm_bwd(g, g->t1, dWd, dy, h, Wd, T, F, E));
    LAUNCH(k_swiglu_bwd, blocks((long)T * F, 256), 256, g->t2, g->t3, g->t1, gg, u, (long)T * F);
    TRY(mm_bwd(g, dx, dWg, g->t2, x, Wg, T, E, F));
    TRY(mm_bwd(g, dx, dWu, g->t3, x, Wu, T, E, F));
    return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* workspace                                                                                */

static bool is_moe(const hub_train_gpu_shape *s, int il)
{
    return il >= s->n_layer_dense_lead;
}

static int ws_alloc(struct hub_train_gpu *g, int cap)
{
    const hub_train_gpu_shape *c = &g->s;
    size_t T = (size_t)cap, E = c->n_embd, H = c->n_head, R = c->kv_lora_rank, nr = c->qk_rope;
    size_t dqk = c->qk_nope + nr, dkv = c->qk_nope + c->v_head, dv = c->v_head, L = c->n_ctx;
    size_t X = c->n_expert, K = c->n_expert_used, Fe = c->n_ff_exp, F = c->n_ff;
    size_t S = (size_t)c->n_expert_shared * Fe, V = c->n_vocab;
    size_t ffw = F > S ? F : S; /* the widest FFN scratch row: F, S or K Fe */
    if (K * Fe > ffw) ffw = K * Fe;
    if (g->mem) cudaFree(g->mem);
    g->mem = NULL;
    char *base = NULL;
    for (int pass = 0; pass < 2; pass++) {
        size_t used = 0;
#define CARVE(ptr, count)                                                                         \
    do {                                                                                          \
        size_t nb_ = ((size_t)(count)*4 + 255) & ~(size_t)255;                                    \
        if (pass) *(void **)&(ptr) = base + used;                                                 \
        used += nb_;                                                                              \
    } while (0)
        for (int il = 0; il < c->n_layer; il++) {
            train_gpu_lact *a = &g->la[il];
            CARVE(a->x_in, T * E);
            CARVE(a->rstd1, T);
            CARVE(a->xn1, T * E);
            CARVE(a->q, T * H * dqk);
            CARVE(a->kva, T * (R + nr));
            CARVE(a->rstdkv, T);
            CARVE(a->ckv, T * R);
            CARVE(a->kpe, T * nr);
            CARVE(a->kvb, T * H * dkv);
            CARVE(a->P, H * T * L);
            CARVE(a->o, T * H * dv);
            CARVE(a->xmid, T * E);
            CARVE(a->rstd2, T);
            CARVE(a->xn2, T * E);
            if (!is_moe(c, il)) {
                CARVE(a->g, T * F);
                CARVE(a->u, T * F);
                CARVE(a->h, T * F);
            } else {
                CARVE(a->probs, T * X);
                CARVE(a->w, T * K);
                CARVE(a->auxd, T * X);
                CARVE(a->order, T * K);
                CARVE(a->rowof, T * K);
                CARVE(a->sel, T * K);
                CARVE(a->xg, T * K * E);
                CARVE(a->eg, T * K * Fe);
                CARVE(a->eu, T * K * Fe);
                CARVE(a->eh, T * K * Fe);
                CARVE(a->ey, T * K * E);
                if (S) {
                    CARVE(a->sg, T * S);
                    CARVE(a->su, T * S);
                    CARVE(a->sh, T * S);
                }
            }
        }
        CARVE(g->x, T * E);
        CARVE(g->xfin, T * E);
        CARVE(g->rstdf, T);
        CARVE(g->xf, T * E);
        CARVE(g->xgl, T * E);
        CARVE(g->logits, T * V);
        CARVE(g->lossrow, T);
        CARVE(g->dres, T * E);
        CARVE(g->dxn, T * E);
        CARVE(g->dq, T * H * dqk);
        CARVE(g->dkva, T * (R + nr));
        CARVE(g->dckv, T * R);
        CARVE(g->dkpe, T * nr);
        CARVE(g->dkvb, T * H * dkv);
        CARVE(g->dof, T * H * dv);
        CARVE(g->ds, H * T * L);
        CARVE(g->tmp, T * E);
        CARVE(g->ybuf, T * E);
        CARVE(g->t1, T * ffw);
        CARVE(g->t2, T * ffw);
        CARVE(g->t3, T * ffw);
        CARVE(g->dyg, T * K * E);
        CARVE(g->dxg, T * K * E);
        CARVE(g->dprobs, T * X);
        CARVE(g->dlog, T * X);
        CARVE(g->tok, T);
        CARVE(g->seg, T);
        CARVE(g->pos, T);
        CARVE(g->lpos, T);
        CARVE(g->emb_tok, T);
        CARVE(g->emb_start, T + 1);
        CARVE(g->emb_list, T);
#undef CARVE
        if (!pass) {
            cudaError_t e = cudaMalloc((void **)&base, used);
            if (e != cudaSuccess)
                return fail(g, HUB_ERR_NOMEM, "no device memory for %d tokens (%zu MB): %s", cap,
                            used >> 20, cudaGetErrorString(e));
        }
    }
    g->mem = base;
    g->cap = cap;
    return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* the routing, on the host                                                                 */

/* top-k of v [n] by value, lower index first on ties (engine/train.c's topk) */
static void topk(const float *v, int n, int k, int32_t *out)
{
    for (int i = 0; i < k; i++) {
        int best = -1;
        for (int e = 0; e < n; e++) {
            bool used = false;
            for (int j = 0; j < i; j++)
                used |= out[j] == e;
            if (used) continue;
            if (best < 0 || v[e] > v[best]) best = e;
        }
        out[i] = best;
    }
}

/* Layer il: the router's logits (on the device in a->probs) -> probabilities, selection,
 * weights, grouping by expert and the balance loss per pack, uploaded back. */
static int route(struct hub_train_gpu *g, int il, const hub_train_gpu_batch *b,
                 hub_train_gpu_result *r)
{
    const hub_train_gpu_shape *c = &g->s;
    train_gpu_lact *a = &g->la[il];
    int T = b->n_tok, X = c->n_expert, K = c->n_expert_used;
    const float *bias = b->expert_bias + (size_t)il * X;
    std::vector<float> &pr = g->h_probs;
    pr.resize((size_t)T * X);
    g->h_w.resize((size_t)T * K);
    g->h_sel.resize((size_t)T * K);
    g->h_order.resize((size_t)T * K);
    g->h_rowof.resize((size_t)T * K);
    g->h_auxd.assign((size_t)T * X, 0.0f);
    CU(cudaMemcpyAsync(pr.data(), a->probs, (size_t)T * X * 4, cudaMemcpyDeviceToHost, g->stream));
    CU(cudaStreamSynchronize(g->stream));
    std::vector<float> selp(X);
    for (int t = 0; t < T; t++) {
        float *p = &pr[(size_t)t * X];
        /* kern_softmax */
        float mx = p[0];
        for (int e = 1; e < X; e++)
            if (p[e] > mx) mx = p[e];
        double sum = 0;
        for (int e = 0; e < X; e++)
            sum += (p[e] = expf(p[e] - mx));
        float inv = (float)(1.0 / sum);
        for (int e = 0; e < X; e++)
            p[e] *= inv;
        for (int e = 0; e < X; e++)
            selp[e] = p[e] + bias[e];
        topk(selp.data(), X, K, &g->h_sel[(size_t)t * K]);
        for (int k = 0; k < K; k++)
            g->h_w[(size_t)t * K + k] = p[g->h_sel[(size_t)t * K + k]];
    }
    a->eoff.assign(X + 1, 0);
    int n = 0;
    for (int e = 0; e < X; e++) {
        a->eoff[e] = n;
        for (int i = 0; i < T * K; i++)
            if (g->h_sel[i] == e) {
                g->h_rowof[i] = n;
                g->h_order[n++] = i;
            }
        if (r->expert_load) r->expert_load[(size_t)il * X + e] += n - a->eoff[e];
    }
    a->eoff[X] = n;
    /* the balance loss of each CPU pack: aux_scale sum_e f_e Pbar_e; its gradient on
     * probs[t][e] is aux_scale f_e / Tp */
    std::vector<int> cnt(X);
    for (int pk = 0; pk < b->n_pack; pk++) {
        float as = b->pack_aux_scale[pk];
        if (as == 0) continue;
        int t0 = b->pack_start[pk], t1 = b->pack_start[pk + 1], Tp = t1 - t0;
        std::fill(cnt.begin(), cnt.end(), 0);
        for (int i = t0 * K; i < t1 * K; i++)
            cnt[g->h_sel[i]]++;
        double aux = 0;
        for (int e = 0; e < X; e++) {
            float f = (float)X / ((float)K * Tp) * (float)cnt[e];
            double pbar = 0;
            for (int t = t0; t < t1; t++)
                pbar += pr[(size_t)t * X + e];
            aux += f * pbar / Tp;
            for (int t = t0; t < t1; t++)
                g->h_auxd[(size_t)t * X + e] = as * f / Tp;
        }
        r->aux += as * aux;
    }
    CU(cudaMemcpyAsync(a->probs, pr.data(), (size_t)T * X * 4, cudaMemcpyHostToDevice, g->stream));
    CU(cudaMemcpyAsync(a->w, g->h_w.data(), (size_t)T * K * 4, cudaMemcpyHostToDevice, g->stream));
    CU(cudaMemcpyAsync(a->sel, g->h_sel.data(), (size_t)T * K * 4, cudaMemcpyHostToDevice,
                       g->stream));
    CU(cudaMemcpyAsync(a->order, g->h_order.data(), (size_t)T * K * 4, cudaMemcpyHostToDevice,
                       g->stream));
    CU(cudaMemcpyAsync(a->rowof, g->h_rowof.data(), (size_t)T * K * 4, cudaMemcpyHostToDevice,
                       g->stream));
    CU(cudaMemcpyAsync(a->auxd, g->h_auxd.data(), (size_t)T * X * 4, cudaMemcpyHostToDevice,
                       g->stream));
    /* the host vectors are reused by the next layer: the copies must be done first */
    CU(cudaStreamSynchronize(g->stream));
    return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* forward and backward of a batch                                                          */

static int moe_fwd(struct hub_train_gpu *g, int il, const hub_train_gpu_batch *b,
                   hub_train_gpu_result *r, float *y)
{
    const hub_train_gpu_shape *c = &g->s;
    const hub_train_gpu_layer *l = &g->lw[il];
    train_gpu_lact *a = &g->la[il];
    int T = b->n_tok, E = c->n_embd, X = c->n_expert, K = c->n_expert_used, Fe = c->n_ff_exp;
    int S = c->n_expert_shared * Fe;
    const float *P = g->p;
    TRY(mm_fwd(g, a->probs, a->xn2, P + l->gate_inp, T, E, X)); /* logits, softmaxed by route */
    TRY(route(g, il, b, r));
    LAUNCH(k_gather_rows, blocks((long)T * K * E, 256), 256, a->xg, a->xn2, a->order, K, T * K, E);
    size_t mat = (size_t)Fe * E;
    for (int e = 0; e < X; e++) {
        int n0 = a->eoff[e], ne = a->eoff[e + 1] - n0;
        TRY(mm_fwd(g, a->eg + (size_t)n0 * Fe, a->xg + (size_t)n0 * E, P + l->gate_exps + e * mat,
                   ne, E, Fe));
        TRY(mm_fwd(g, a->eu + (size_t)n0 * Fe, a->xg + (size_t)n0 * E, P + l->up_exps + e * mat,
                   ne, E, Fe));
    }
    LAUNCH(k_swiglu, blocks((long)T * K * Fe, 256), 256, a->eh, a->eg, a->eu, (long)T * K * Fe);
    for (int e = 0; e < X; e++) {
        int n0 = a->eoff[e], ne = a->eoff[e + 1] - n0;
        TRY(mm_fwd(g, a->ey + (size_t)n0 * E, a->eh + (size_t)n0 * Fe, P + l->down_exps + e * mat,
                   ne, Fe, E));
    }
    LAUNCH(k_moe_combine, blocks((long)T * E, 256), 256, y, a->ey, a->w, a->rowof, T, K, E);
    if (S) {
        TRY(ffn_fwd(g, g->tmp, a->sg, a->su, a->sh, a->xn2, P + l->gate_sh, P + l->up_sh,
                    P + l->down_sh, T, E, S));
        LAUNCH(k_add, blocks((long)T * E, 256), 256, y, g->tmp, (long)T * E);
    }
    return 0;
}

/* dy [T][E] -> g->dxn (+=) and the gradients */
static int moe_bwd(struct hub_train_gpu *g, int il, int T, const float *dy)
{
    const hub_train_gpu_shape *c = &g->s;
    const hub_train_gpu_layer *l = &g->lw[il];
    train_gpu_lact *a = &g->la[il];
    int E = c->n_embd, X = c->n_expert, K = c->n_expert_used, Fe = c->n_ff_exp;
    int S = c->n_expert_shared * Fe;
    const float *P = g->p;
    float *G = g->g;
    if (S)
        TRY(ffn_bwd(g, g->dxn, G + l->gate_sh, G + l->up_sh, G + l->down_sh, dy, a->sg, a->su,
                    a->sh, a->xn2, P + l->gate_sh, P + l->up_sh, P + l->down_sh, T, E, S));
    ZERO(g->dprobs, (size_t)T * X);
    LAUNCH(k_moe_bwd_rows, blocks(T * K, 4), 128, g->dyg, g->dprobs, dy, a->ey, a->w, a->order,
           a->sel, T * K, K, E, X);
    /* the experts' FFN backward over their grouped rows: dh per expert, one SwiGLU backward
     * over all rows, then dx per expert */
    size_t mat = (size_t)Fe * E;
    long nf = (long)T * K * Fe;
    ZERO(g->t1, nf);
    for (int e = 0; e < X; e++) {
        int n0 = a->eoff[e], ne = a->eoff[e + 1] - n0;
        TRY(mm_bwd(g, g->t1 + (size_t)n0 * Fe, G + l->down_exps + e * mat, g->dyg + (size_t)n0 * E,
                   a->eh + (size_t)n0 * Fe, P + l->down_exps + e * mat, ne, Fe, E));
    }
    LAUNCH(k_swiglu_bwd, blocks(nf, 256), 256, g->t2, g->t3, g->t1, a->eg, a->eu, nf);
    ZERO(g->dxg, (size_t)T * K * E);
    for (int e = 0; e < X; e++) {
        int n0 = a->eoff[e], ne = a->eoff[e + 1] - n0;
        TRY(mm_bwd(g, g->dxg + (size_t)n0 * E, G + l->gate_exps + e * mat, g->t2 + (size_t)n0 * Fe,
                   a->xg + (size_t)n0 * E, P + l->gate_exps + e * mat, ne, E, Fe));
        TRY(mm_bwd(g, g->dxg + (size_t)n0 * E, G + l->up_exps + e * mat, g->t3 + (size_t)n0 * Fe,
                   a->xg + (size_t)n0 * E, P + l->up_exps + e * mat, ne, E, Fe));
    }
    LAUNCH(k_moe_gather_dx, blocks((long)T * E, 256), 256, g->dxn, g->dxg, a->rowof, T, K, E);
    LAUNCH(k_router_bwd, blocks(T, 128), 128, g->dlog, g->dprobs, a->auxd, a->probs, T, X);
    TRY(mm_bwd(g, g->dxn, G + l->gate_inp, g->dlog, a->xn2, P + l->gate_inp, T, E, X));
    return 0;
}

static int run_batch(struct hub_train_gpu *g, const hub_train_gpu_batch *b,
                     hub_train_gpu_result *r)
{
    const hub_train_gpu_shape *c = &g->s;
    int T = b->n_tok, L = c->n_ctx, E = c->n_embd, H = c->n_head, R = c->kv_lora_rank;
    int nr = c->qk_rope, dn = c->qk_nope, dv = c->v_head, dqk = dn + nr, dkv = dn + dv;
    int V = c->n_vocab, F = c->n_ff;
    long TE = (long)T * E;
    const float *P = g->p;
    float *G = g->g;
    float scale = 1.0f / sqrtf((float)dqk);
    if (T > g->cap) TRY(ws_alloc(g, (T + 255) & ~255));
    CU(cudaMemcpyAsync(g->tok, b->tok, (size_t)T * 4, cudaMemcpyHostToDevice, g->stream));
    CU(cudaMemcpyAsync(g->seg, b->seg, (size_t)T * 4, cudaMemcpyHostToDevice, g->stream));
    CU(cudaMemcpyAsync(g->pos, b->pos, (size_t)T * 4, cudaMemcpyHostToDevice, g->stream));
    g->h_lpos.clear();
    for (int t = 0; t + 1 < T; t++)
        if (b->loss[t]) g->h_lpos.push_back(t);
    int nl = (int)g->h_lpos.size();
    if (nl) CU(cudaMemcpyAsync(g->lpos, g->h_lpos.data(), (size_t)nl * 4, cudaMemcpyHostToDevice,
                               g->stream));

    /* ---- forward ---- */
    float *x = g->x;
    LAUNCH(k_embed, blocks(TE, 256), 256, x, P + c->tok_embd, g->tok, T, E);
    for (int il = 0; il < c->n_layer; il++) {
        const hub_train_gpu_layer *l = &g->lw[il];
        train_gpu_lact *a = &g->la[il];
        CU(cudaMemcpyAsync(a->x_in, x, TE * 4, cudaMemcpyDeviceToDevice, g->stream));
        TRY(rmsnorm_fwd(g, a->xn1, a->rstd1, x, P + l->attn_norm, T, E, E, E));
        TRY(mm_fwd(g, a->q, a->xn1, P + l->wq, T, E, H * dqk));
        TRY(mm_fwd(g, a->kva, a->xn1, P + l->wkv_a, T, E, R + nr));
        TRY(rmsnorm_fwd(g, a->ckv, a->rstdkv, a->kva, P + l->kv_a_norm, T, R, R + nr, R));
        LAUNCH(k_copy_cols, blocks((long)T * nr, 256), 256, a->kpe, nr, a->kva + R, R + nr, T, nr);
        LAUNCH(k_rope, blocks((long)T * H * nr / 2, 256), 256, a->q + dn, T, H, dqk, nr,
               g->rope_cos, g->rope_sin, g->pos, 0);
        LAUNCH(k_rope, blocks((long)T * nr / 2, 256), 256, a->kpe, T, 1, nr, nr, g->rope_cos,
               g->rope_sin, g->pos, 0);
        if (c->round_kv) {
            LAUNCH(k_f16_round, blocks((long)T * R, 256), 256, a->ckv, (long)T * R);
            LAUNCH(k_f16_round, blocks((long)T * nr, 256), 256, a->kpe, (long)T * nr);
        }
        TRY(mm_fwd(g, a->kvb, a->ckv, P + l->wkv_b, T, R, H * dkv));
        LAUNCH(k_attn_fwd, blocks((long)T * H, 4), 128, a->o, a->P, a->q, a->kvb, a->kpe, g->seg,
               T, H, dn, nr, dv, scale, L);
        TRY(mm_fwd(g, g->tmp, a->o, P + l->wo, T, H * dv, E));
        LAUNCH(k_add, blocks(TE, 256), 256, x, g->tmp, TE);
        CU(cudaMemcpyAsync(a->xmid, x, TE * 4, cudaMemcpyDeviceToDevice, g->stream));
        TRY(rmsnorm_fwd(g, a->xn2, a->rstd2, x, P + l->ffn_norm, T, E, E, E));
        float *y = g->ybuf;
        if (!is_moe(c, il))
            TRY(ffn_fwd(g, y, a->g, a->u, a->h, a->xn2, P + l->ffn_gate, P + l->ffn_up,
                        P + l->ffn_down, T, E, F));
        else
            TRY(moe_fwd(g, il, b, r, y));
        LAUNCH(k_add, blocks(TE, 256), 256, x, y, TE);
    }
    CU(cudaMemcpyAsync(g->xfin, x, TE * 4, cudaMemcpyDeviceToDevice, g->stream));
    TRY(rmsnorm_fwd(g, g->xf, g->rstdf, x, P + c->output_norm, T, E, E, E));
    /* logits only where there is a loss */
    LAUNCH(k_gather_rows, blocks((long)nl * E, 256), 256, g->xgl, g->xf, g->lpos, 1, nl, E);
    TRY(mm_fwd(g, g->logits, g->xgl, P + c->output, nl, E, V));
    LAUNCH(k_xent, nl, 256, g->logits, g->lossrow, g->tok, g->lpos, V, b->loss_scale,
           b->want_grad);
    g->h_lossrow.resize((size_t)nl);
    if (nl) CU(cudaMemcpyAsync(g->h_lossrow.data(), g->lossrow, (size_t)nl * 4,
                               cudaMemcpyDeviceToHost, g->stream));
    r->n_loss += nl;
    if (b->want_grad) {
        /* ---- backward (engine/train.c's seq_run, in its order) ---- */
        CU(cudaMemsetAsync(G, 0, g->s.n_params * sizeof(float), g->stream));
        float *dlogits = g->logits, *dxg = g->dxg, *dxf = g->dxn;
        ZERO(dxg, (size_t)nl * E);
        TRY(mm_bwd(g, dxg, G + c->output, dlogits, g->xgl, P + c->output, nl, E, V));
        ZERO(dxf, TE);
        LAUNCH(k_scatter_rows, blocks((long)nl * E, 256), 256, dxf, dxg, g->lpos, nl, E);
        float *dres = g->dres;
        ZERO(dres, TE);
        TRY(rmsnorm_bwd(g, dres, G + c->output_norm, dxf, g->xfin, g->rstdf, P + c->output_norm,
                        T, E, E, E, E));
        for (int il = c->n_layer - 1; il >= 0; il--) {
            const hub_train_gpu_layer *l = &g->lw[il];
            train_gpu_lact *a = &g->la[il];
            ZERO(g->dxn, TE);
            if (!is_moe(c, il))
                TRY(ffn_bwd(g, g->dxn, G + l->ffn_gate, G + l->ffn_up, G + l->ffn_down, dres, a->g,
                            a->u, a->h, a->xn2, P + l->ffn_gate, P + l->ffn_up, P + l->ffn_down, T,
                            E, F));
            else
                TRY(moe_bwd(g, il, T, dres));
            TRY(rmsnorm_bwd(g, dres, G + l->ffn_norm, g->dxn, a->xmid, a->rstd2, P + l->ffn_norm,
                            T, E, E, E, E));
            ZERO(g->dof, (size_t)T * H * dv);
            TRY(mm_bwd(g, g->dof, G + l->wo, dres, a->o, P + l->wo, T, H * dv, E));
            ZERO(g->dq, (size_t)T * H * dqk);
            ZERO(g->dkvb, (size_t)T * H * dkv);
            ZERO(g->dkpe, (size_t)T * nr);
            LAUNCH(k_attn_bwd_q, blocks((long)T * H, 4), 128, g->dq, g->ds, g->dof, a->P, a->kvb,
                   a->kpe, g->seg, T, H, dn, nr, dv, scale, L);
            LAUNCH(k_attn_bwd_kv, T, 128, g->dkvb, g->dkpe, g->ds, a->P, a->q, g->dof, g->seg, T,
                   H, dn, nr, dv, L);
            ZERO(g->dckv, (size_t)T * R);
            TRY(mm_bwd(g, g->dckv, G + l->wkv_b, g->dkvb, a->ckv, P + l->wkv_b, T, R, H * dkv));
            /* rounding passes the gradient straight through; rope backward rotates back */
            LAUNCH(k_rope, blocks((long)T * H * nr / 2, 256), 256, g->dq + dn, T, H, dqk, nr,
                   g->rope_cos, g->rope_sin, g->pos, 1);
            LAUNCH(k_rope, blocks((long)T * nr / 2, 256), 256, g->dkpe, T, 1, nr, nr, g->rope_cos,
                   g->rope_sin, g->pos, 1);
            ZERO(g->dkva, (size_t)T * (R + nr));
            TRY(rmsnorm_bwd(g, g->dkva, G + l->kv_a_norm, g->dckv, a->kva, a->rstdkv,
                            P + l->kv_a_norm, T, R, R + nr, R, R + nr));
            LAUNCH(k_copy_cols, blocks((long)T * nr, 256), 256, g->dkva + R, R + nr, g->dkpe, nr,
                   T, nr);
            ZERO(g->dxn, TE);
            TRY(mm_bwd(g, g->dxn, G + l->wq, g->dq, a->xn1, P + l->wq, T, E, H * dqk));
            TRY(mm_bwd(g, g->dxn, G + l->wkv_a, g->dkva, a->xn1, P + l->wkv_a, T, E, R + nr));
            TRY(rmsnorm_bwd(g, dres, G + l->attn_norm, g->dxn, a->x_in, a->rstd1,
                            P + l->attn_norm, T, E, E, E, E));
        }
        /* the embedding's rows: each distinct token's positions in order (no atomics) */
        std::vector<int32_t> &ut = g->h_emb_tok, &us = g->h_emb_start, &ul = g->h_emb_list;
        ul.resize(T);
        for (int t = 0; t < T; t++)
            ul[t] = t;
        std::stable_sort(ul.begin(), ul.end(),
                         [b](int32_t i, int32_t j) { return b->tok[i] < b->tok[j]; });
        ut.clear(), us.clear();
        for (int i = 0; i < T; i++)
            if (!i || b->tok[ul[i]] != b->tok[ul[i - 1]]) {
                ut.push_back(b->tok[ul[i]]);
                us.push_back(i);
            }
        us.push_back(T);
        int nu = (int)ut.size();
        CU(cudaMemcpyAsync(g->emb_tok, ut.data(), (size_t)nu * 4, cudaMemcpyHostToDevice,
                           g->stream));
        CU(cudaMemcpyAsync(g->emb_start, us.data(), (size_t)(nu + 1) * 4, cudaMemcpyHostToDevice,
                           g->stream));
        CU(cudaMemcpyAsync(g->emb_list, ul.data(), (size_t)T * 4, cudaMemcpyHostToDevice,
                           g->stream));
        LAUNCH(k_embed_bwd, nu, 128, G + c->tok_embd, dres, g->emb_tok, g->emb_start, g->emb_list,
               E);
    }
    CU(cudaStreamSynchronize(g->stream));
    for (int i = 0; i < nl; i++)
        r->loss += g->h_lossrow[i];
    return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* the entry points                                                                         */

static int tg_device_count(void)
{
    int n = 0;
    if (cudaGetDeviceCount(&n) != cudaSuccess) return 0;
    return n;
}

static void tg_destroy(struct hub_train_gpu *g)
{
    if (!g) return;
    cudaSetDevice(g->device);
    if (g->blas) cublasDestroy(g->blas);
    if (g->stream) cudaStreamDestroy(g->stream);
    cudaFree(g->p), cudaFree(g->g), cudaFree(g->m1), cudaFree(g->m2);
    cudaFree(g->rope_cos), cudaFree(g->rope_sin), cudaFree(g->partial), cudaFree(g->mem);
    delete g;
}

static struct hub_train_gpu *tg_create(int device, const hub_train_gpu_shape *s, char *err,
                                       size_t errlen)
{
    struct hub_train_gpu *g = new (std::nothrow) hub_train_gpu();
    if (!g) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    g->s = *s;
    g->device = device;
    g->lw.assign(s->layers, s->layers + s->n_layer);
    g->s.layers = NULL, g->s.rope_cos = g->s.rope_sin = NULL;
    g->t_off.assign(s->tensor_off, s->tensor_off + s->n_tensors);
    g->t_n.assign(s->tensor_n, s->tensor_n + s->n_tensors);
    g->t_decay.assign(s->tensor_decay, s->tensor_decay + s->n_tensors);
    g->s.tensor_off = NULL, g->s.tensor_n = NULL, g->s.tensor_decay = NULL;
    g->la.resize(s->n_layer);
    int rc = [&]() -> int {
        int n = tg_device_count();
        if (device < 0 || device >= n)
            return fail(g, HUB_ERR_NOT_FOUND, "no CUDA device %d (%d found)", device, n);
        CU(cudaSetDevice(device));
        CU(cudaStreamCreateWithFlags(&g->stream, cudaStreamNonBlocking));
        BL(cublasCreate(&g->blas));
        BL(cublasSetStream(g->blas, g->stream));
        /* fp32 products in fp32: the default math mode never uses TF32 for sgemm */
        BL(cublasSetMathMode(g->blas, CUBLAS_DEFAULT_MATH));
        size_t nb = s->n_params * sizeof(float), nrope = (size_t)s->n_ctx * (s->qk_rope / 2);
        CU(cudaMalloc((void **)&g->p, nb));
        CU(cudaMalloc((void **)&g->g, nb));
        CU(cudaMalloc((void **)&g->m1, nb));
        CU(cudaMalloc((void **)&g->m2, nb));
        CU(cudaMemset(g->g, 0, nb));
        CU(cudaMemset(g->m1, 0, nb));
        CU(cudaMemset(g->m2, 0, nb));
        CU(cudaMalloc((void **)&g->rope_cos, nrope * 4));
        CU(cudaMalloc((void **)&g->rope_sin, nrope * 4));
        CU(cudaMemcpy(g->rope_cos, s->rope_cos, nrope * 4, cudaMemcpyHostToDevice));
        CU(cudaMemcpy(g->rope_sin, s->rope_sin, nrope * 4, cudaMemcpyHostToDevice));
        CU(cudaMalloc((void **)&g->partial, SUMSQ_BLOCKS * sizeof(double)));
        /* room for a batch of 32 full-length sequences; run_batch grows it on demand */
        return ws_alloc(g, (32 * s->n_ctx + 255) & ~255);
    }();
    if (rc) {
        snprintf(err, errlen, "%s", g->err);
        tg_destroy(g);
        return NULL;
    }
    return g;
}

static const char *tg_error(const struct hub_train_gpu *g)
{
    return g->err;
}

static int tg_upload(struct hub_train_gpu *g, const float *p, const float *m1, const float *m2)
{
    size_t nb = g->s.n_params * sizeof(float);
    CU(cudaSetDevice(g->device));
    CU(cudaMemcpy(g->p, p, nb, cudaMemcpyHostToDevice));
    if (m1)
        CU(cudaMemcpy(g->m1, m1, nb, cudaMemcpyHostToDevice));
    else
        CU(cudaMemset(g->m1, 0, nb));
    if (m2)
        CU(cudaMemcpy(g->m2, m2, nb, cudaMemcpyHostToDevice));
    else
        CU(cudaMemset(g->m2, 0, nb));
    return 0;
}

static int tg_download(struct hub_train_gpu *g, float *p, float *m1, float *m2, float *grad)
{
    size_t nb = g->s.n_params * sizeof(float);
    CU(cudaSetDevice(g->device));
    CU(cudaStreamSynchronize(g->stream));
    if (p) CU(cudaMemcpy(p, g->p, nb, cudaMemcpyDeviceToHost));
    if (m1) CU(cudaMemcpy(m1, g->m1, nb, cudaMemcpyDeviceToHost));
    if (m2) CU(cudaMemcpy(m2, g->m2, nb, cudaMemcpyDeviceToHost));
    if (grad) CU(cudaMemcpy(grad, g->g, nb, cudaMemcpyDeviceToHost));
    return 0;
}

static int tg_batch(struct hub_train_gpu *g, const hub_train_gpu_batch *b,
                    hub_train_gpu_result *r)
{
    if (b->n_tok < 1) return fail(g, HUB_ERR_RANGE, "empty batch");
    CU(cudaSetDevice(g->device));
    return run_batch(g, b, r);
}

static int tg_grad_sumsq(struct hub_train_gpu *g, double *ss)
{
    double part[SUMSQ_BLOCKS];
    CU(cudaSetDevice(g->device));
    LAUNCH(k_sumsq, SUMSQ_BLOCKS, 256, g->partial, g->g, g->s.n_params);
    CU(cudaMemcpyAsync(part, g->partial, sizeof part, cudaMemcpyDeviceToHost, g->stream));
    CU(cudaStreamSynchronize(g->stream));
    double s = 0;
    for (int i = 0; i < SUMSQ_BLOCKS; i++)
        s += part[i];
    *ss = s;
    return 0;
}

static int tg_adamw(struct hub_train_gpu *g, const hub_train_gpu_adamw *k)
{
    CU(cudaSetDevice(g->device));
    for (size_t i = 0; i < g->t_off.size(); i++) {
        size_t o = g->t_off[i], n = g->t_n[i];
        float wd = g->t_decay[i] ? k->weight_decay : 0.0f;
        LAUNCH(k_adamw, blocks((long)n, 256), 256, g->p + o, g->m1 + o, g->m2 + o, g->g + o, n,
               *k, wd);
    }
    CU(cudaStreamSynchronize(g->stream));
    return 0;
}

static const hub_train_gpu_ops train_ops = {
    tg_device_count, tg_create, tg_destroy, tg_error, tg_upload,
    tg_download,     tg_batch,  tg_grad_sumsq, tg_adamw,
};

/* the one symbol kernels/cuda/cuda-loader.c looks up for the trainer */
extern "C" __attribute__((visibility("default"))) const hub_train_gpu_ops *
hub_cuda_lib_train_ops(void)
{
    return &train_ops;
}
