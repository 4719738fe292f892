/*
 * backend-cpu.c: the "cpu" implementation of kernels/backend.h on top of kern.h (its matmuls,
 * row ops and thread pool), plus hub_backend_new() choosing a backend by name. Backend memory
 * is plain host memory, so upload/download are copies and every op runs synchronously.
 * Routing and RoPE use kernels/cuda/ops-common.h, the text the CUDA kernels use too.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub_log.h"
#include "hub_status.h"
#include "kernels/backend.h"
#include "kernels/cuda/ops-common.h"
#include "kernels/kern.h"

struct cpu_impl {
    struct kern_pool *pool;
    float *gath;     /* gathered token rows of matmul_grouped */
    size_t gath_cap; /* floats */
};

static int cpu_fail(struct hub_backend *be, int st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int cpu_fail(struct hub_backend *be, int st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(be->err, sizeof(be->err), fmt, ap);
    va_end(ap);
    return st;
}

static void cpu_free(struct hub_backend *be)
{
    struct cpu_impl *c = be->impl;
    kern_pool_free(c->pool);
    free(c->gath);
    free(c);
    free(be);
}

static void *cpu_alloc(struct hub_backend *be, size_t bytes)
{
    /* 64-byte alignment like the engine's own buffers (AVX-512 loads) */
    void *p = NULL;
    int rc = posix_memalign(&p, 64, bytes ? (bytes + 63) / 64 * 64 : 64);
    if (rc) {
        cpu_fail(be, HUB_ERR_NOMEM, "cpu backend: %zu bytes: %s", bytes, strerror(rc));
        return NULL;
    }
    return p;
}

static void cpu_release(struct hub_backend *be, void *p)
{
    free(p);
}

static int cpu_copy(struct hub_backend *be, void *dst, const void *src, size_t bytes)
{
    if (bytes) memcpy(dst, src, bytes);
    return HUB_OK;
}

static int cpu_sync(struct hub_backend *be)
{
    return HUB_OK;
}

static bool cpu_type_ok(int wtype)
{
    return hub_op_block_elems(wtype) > 0;
}

static int cpu_matmul(struct hub_backend *be, int wtype, const void *W, int64_t rows, int64_t k,
                      const float *x, int64_t n_tok, float *out)
{
    struct cpu_impl *c = be->impl;
    if (!cpu_type_ok(wtype) || kern_row_bytes(wtype, k) == 0 || rows < 0 || n_tok < 0)
        return cpu_fail(be, HUB_ERR_INVALID, "cpu matmul: type %d with k %lld not supported", wtype,
                        (long long)k);
    if (rows == 0 || n_tok == 0) return HUB_OK;
    kern_matmul(c->pool, wtype, W, rows, k, x, n_tok, out);
    return HUB_OK;
}

static int cpu_matmul_sel(struct hub_backend *be, int wtype, const void *W, size_t mat_bytes,
                          int64_t rows, int64_t k, const float *x, int x_div, const int32_t *sel,
                          int n_rows, float *out)
{
    struct cpu_impl *c = be->impl;
    size_t rb = kern_row_bytes(wtype, k);
    if (!cpu_type_ok(wtype) || rb == 0 || x_div < 1 || n_rows < 0 ||
        mat_bytes < rb * (size_t)rows)
        return cpu_fail(be, HUB_ERR_INVALID, "cpu matmul_sel: type %d, k %lld not supported",
                        wtype, (long long)k);
    for (int i = 0; i < n_rows; i++) {
        if (sel[i] < 0) return cpu_fail(be, HUB_ERR_INVALID, "cpu matmul_sel: sel[%d] < 0", i);
        kern_matmul(c->pool, wtype, (const uint8_t *)W + (size_t)sel[i] * mat_bytes, rows, k,
                    x + (size_t)(i / x_div) * k, 1, out + (size_t)i * rows);
    }
    return HUB_OK;
}

static int cpu_matmul_grouped(struct hub_backend *be, int wtype, const void *W, size_t mat_bytes,
                              int64_t rows, int64_t k, int n_mat, const float *x,
                              const int32_t *tok, const int32_t *offsets, float *out)
{
    struct cpu_impl *c = be->impl;
    size_t rb = kern_row_bytes(wtype, k);
    if (!cpu_type_ok(wtype) || rb == 0 || n_mat < 0 || mat_bytes < rb * (size_t)rows)
        return cpu_fail(be, HUB_ERR_INVALID,
                        "cpu matmul_grouped: type %d, k %lld, %zu bytes "
                        "per matrix: not supported",
                        wtype, (long long)k, mat_bytes);
    if (n_mat == 0) return HUB_OK;
    int64_t n_rows = offsets[n_mat];
    if (offsets[0] != 0 || n_rows < 0)
        return cpu_fail(be, HUB_ERR_INVALID, "cpu matmul_grouped: bad offsets");
    for (int e = 0; e < n_mat; e++)
        if (offsets[e + 1] < offsets[e])
            return cpu_fail(be, HUB_ERR_INVALID, "cpu matmul_grouped: offsets not ascending at %d",
                            e);
    size_t need = (size_t)n_rows * (size_t)k;
    if (need > c->gath_cap) {
        float *g = realloc(c->gath, need * sizeof(float));
        if (!g) return cpu_fail(be, HUB_ERR_NOMEM, "cpu matmul_grouped: %zu floats", need);
        c->gath = g;
        c->gath_cap = need;
    }
    /* gather each expert's token rows, then one pool dispatch for all experts' products */
    for (int64_t i = 0; i < n_rows; i++)
        memcpy(c->gath + i * k, x + (size_t)tok[i] * k, (size_t)k * sizeof(float));
    struct kern_mm *mm = calloc((size_t)n_mat, sizeof(*mm));
    if (!mm) return cpu_fail(be, HUB_ERR_NOMEM, "cpu matmul_grouped: %d products", n_mat);
    int n = 0;
    for (int e = 0; e < n_mat; e++) {
        int64_t cnt = offsets[e + 1] - offsets[e];
        if (!cnt) continue;
        mm[n++] = (struct kern_mm){wtype,
                                   (const uint8_t *)W + (size_t)e * mat_bytes,
                                   rows,
                                   k,
                                   c->gath + (size_t)offsets[e] * k,
                                   cnt,
                                   out + (size_t)offsets[e] * rows};
    }
    kern_matmul_many(c->pool, mm, n);
    free(mm);
    return HUB_OK;
}

static int cpu_route(struct hub_backend *be, const struct hub_route_params *p, const float *logits,
                     const float *bias, int n_tok, int32_t *sel, float *w)
{
    if (p->n_expert < 1 || p->n_expert > HUB_ROUTE_MAX_EXPERT || p->n_used < 1 ||
        p->n_used > HUB_ROUTE_MAX_USED || p->n_used > p->n_expert ||
        (p->n_groups > 1 && (p->n_groups > HUB_ROUTE_MAX_GROUPS || p->n_expert % p->n_groups ||
                             p->n_group_used < 1 || p->n_group_used > p->n_groups)))
        return cpu_fail(be, HUB_ERR_INVALID,
                        "route: %d experts, %d used, %d groups (%d used) "
                        "not supported",
                        p->n_expert, p->n_used, p->n_groups, p->n_group_used);
    float probs[HUB_ROUTE_MAX_EXPERT], selp[HUB_ROUTE_MAX_EXPERT];
    for (int t = 0; t < n_tok; t++)
        hub_op_route_one(p, logits + (size_t)t * p->n_expert, bias, probs, selp,
                         sel + (size_t)t * p->n_used, w + (size_t)t * p->n_used);
    return HUB_OK;
}

static int cpu_rmsnorm(struct hub_backend *be, float *dst, const float *x, const float *w,
                       int n_rows, int64_t n, int64_t stride, float eps)
{
    if (n < 1) return cpu_fail(be, HUB_ERR_INVALID, "rmsnorm: %lld values", (long long)n);
    for (int r = 0; r < n_rows; r++) {
        if (w) {
            kern_rmsnorm(dst + r * stride, x + r * stride, w, n, eps);
        } else { /* kern_rmsnorm needs a weight; the unweighted norm as ggml_rms_norm */
            double sum = 0;
            const float *xr = x + r * stride;
            for (int64_t i = 0; i < n; i++)
                sum += (double)(xr[i] * xr[i]);
            float scale = 1.0f / sqrtf((float)(sum / (double)n) + eps);
            for (int64_t i = 0; i < n; i++)
                dst[r * stride + i] = xr[i] * scale;
        }
    }
    return HUB_OK;
}

static int cpu_rope(struct hub_backend *be, const struct hub_rope_params *p, float *x, int n_tok,
                    int n_head, int64_t tok_stride, int64_t head_stride, int64_t off, int pos0)
{
    int nd = p->n_rot;
    if (nd < 2 || nd % 2 || nd > 1024 || pos0 < 0)
        return cpu_fail(be, HUB_ERR_INVALID, "rope: n_rot %d at position %d", nd, pos0);
    float cs[512], sn[512];
    for (int t = 0; t < n_tok; t++) {
        for (int i = 0; i < nd / 2; i++)
            hub_op_rope_cs(p, pos0 + t, i, &cs[i], &sn[i]);
        for (int h = 0; h < n_head; h++) {
            float *v = x + t * tok_stride + h * head_stride + off;
            for (int i = 0; i < nd / 2; i++) {
                int a = p->neox ? i : 2 * i, b = p->neox ? i + nd / 2 : 2 * i + 1;
                float x0 = v[a], x1 = v[b];
                v[a] = x0 * cs[i] - x1 * sn[i];
                v[b] = x0 * sn[i] + x1 * cs[i];
            }
        }
    }
    return HUB_OK;
}

static int cpu_softmax(struct hub_backend *be, float *x, int n_rows, int64_t n)
{
    for (int r = 0; r < n_rows; r++)
        kern_softmax(x + r * n, n);
    return HUB_OK;
}

static int cpu_swiglu(struct hub_backend *be, float *dst, const float *gate, const float *up,
                      int64_t n)
{
    kern_swiglu(dst, gate, up, n);
    return HUB_OK;
}

static int cpu_mla_attn(struct hub_backend *be, const float *qabs, const float *qpe,
                        int64_t qpe_tok_stride, int64_t qpe_head_stride, const float *cache,
                        int64_t kv_row, int R, int nr, int n_head, int n_tok, int pos0, float scale,
                        float *olat)
{
    if (R < 1 || nr < 0 || kv_row < R + nr || pos0 < 0)
        return cpu_fail(be, HUB_ERR_INVALID, "mla_attn: rank %d, rope %d, row %lld", R, nr,
                        (long long)kv_row);
    int n_kv = pos0 + n_tok;
    float *s = malloc((size_t)n_kv * sizeof(float));
    if (!s) return cpu_fail(be, HUB_ERR_NOMEM, "mla_attn: %d scores", n_kv);
    for (int h = 0; h < n_head; h++) {
        for (int t = 0; t < n_tok; t++) {
            const float *qa = qabs + ((size_t)h * n_tok + t) * R;
            const float *qp = qpe + t * qpe_tok_stride + h * qpe_head_stride;
            int nk = pos0 + t + 1;
            for (int j = 0; j < nk; j++) {
                const float *row = cache + (size_t)j * kv_row;
                s[j] = (kern_dot_f32(qa, row, R) + kern_dot_f32(qp, row + R, nr)) * scale;
            }
            kern_softmax(s, nk);
            float *o = olat + ((size_t)h * n_tok + t) * R;
            memset(o, 0, (size_t)R * sizeof(float));
            for (int j = 0; j < nk; j++)
                kern_scale_add(o, cache + (size_t)j * kv_row, s[j], R);
        }
    }
    free(s);
    return HUB_OK;
}

static int cpu_attn(struct hub_backend *be, const float *q, int64_t q_tok_stride, const float *k,
                    int64_t k_stride, const float *v, int64_t v_stride, int n_head, int n_head_kv,
                    int dk, int dv, int n_tok, int pos0, float scale, float *out)
{
    if (dk < 1 || dv < 1 || n_head_kv < 1 || n_head % n_head_kv || pos0 < 0)
        return cpu_fail(be, HUB_ERR_INVALID, "attn: %d heads over %d KV heads, dims %d/%d", n_head,
                        n_head_kv, dk, dv);
    int n_kv = pos0 + n_tok, grp = n_head / n_head_kv;
    float *s = malloc((size_t)(n_kv > 0 ? n_kv : 1) * sizeof(float));
    if (!s) return cpu_fail(be, HUB_ERR_NOMEM, "attn: %d scores", n_kv);
    for (int t = 0; t < n_tok; t++) {
        int nk = pos0 + t + 1;
        for (int h = 0; h < n_head; h++) {
            const float *qh = q + t * q_tok_stride + (int64_t)h * dk;
            int g = h / grp;
            for (int j = 0; j < nk; j++)
                s[j] = kern_dot_f32(qh, k + j * k_stride + (int64_t)g * dk, dk) * scale;
            kern_softmax(s, nk);
            float *o = out + ((size_t)t * n_head + h) * dv;
            memset(o, 0, (size_t)dv * sizeof(float));
            for (int j = 0; j < nk; j++)
                kern_scale_add(o, v + j * v_stride + (int64_t)g * dv, s[j], dv);
        }
    }
    free(s);
    return HUB_OK;
}

static int cpu_copy2d(struct hub_backend *be, float *dst, int64_t dst_stride, const float *src,
                      int64_t src_stride, int n_rows, int64_t n)
{
    for (int r = 0; r < n_rows; r++)
        memmove(dst + r * dst_stride, src + r * src_stride, (size_t)n * sizeof(float));
    return HUB_OK;
}

static int cpu_add(struct hub_backend *be, float *dst, const float *a, const float *b, int64_t n)
{
    kern_add(dst, a, b, n);
    return HUB_OK;
}

static int cpu_scatter_add(struct hub_backend *be, float *out, const float *y, const int32_t *tok,
                           const float *w, int n_rows, int64_t n)
{
    for (int i = 0; i < n_rows; i++)
        kern_scale_add(out + (size_t)tok[i] * n, y + (size_t)i * n, w[i], n);
    return HUB_OK;
}

static const struct hub_backend_ops cpu_ops = {
    .name = "cpu",
    .free = cpu_free,
    .alloc = cpu_alloc,
    .release = cpu_release,
    .upload = cpu_copy,
    .download = cpu_copy,
    .sync = cpu_sync,
    .matmul = cpu_matmul,
    .matmul_sel = cpu_matmul_sel,
    .matmul_grouped = cpu_matmul_grouped,
    .route = cpu_route,
    .rmsnorm = cpu_rmsnorm,
    .rope = cpu_rope,
    .softmax = cpu_softmax,
    .swiglu = cpu_swiglu,
    .mla_attn = cpu_mla_attn,
    .graph_begin = NULL,
    .graph_end = NULL,
    .graph_launch = NULL,
    .attn = cpu_attn,
    .copy2d = cpu_copy2d,
    .add = cpu_add,
    .scatter_add = cpu_scatter_add,
};

struct hub_backend *hub_backend_cpu_new(int n_threads)
{
    struct hub_backend *be = calloc(1, sizeof(*be));
    struct cpu_impl *c = calloc(1, sizeof(*c));
    if (!be || !c || n_threads < 1) goto fail;
    c->pool = kern_pool_new(n_threads);
    if (!c->pool) goto fail;
    be->ops = &cpu_ops;
    be->impl = c;
    return be;
fail:
    free(c);
    free(be);
    return NULL;
}

struct hub_backend *hub_backend_new(const char *name, int n_threads, char *err, size_t errlen)
{
    if (!name || !strcmp(name, "auto")) {
        if (hub_backend_cuda_device_count() > 0) {
            struct hub_backend *be = hub_backend_cuda_new(0, err, errlen);
            if (be) return be;
            hub_info("backend", "CUDA device present but not usable (%s); using the CPU", err);
        } else {
            hub_info("backend", "no CUDA device; using the CPU");
        }
        name = "cpu";
    }
    if (!strcmp(name, "cpu")) {
        struct hub_backend *be = hub_backend_cpu_new(n_threads);
        if (!be)
            snprintf(err, errlen, "cpu backend: out of memory or bad thread count %d", n_threads);
        return be;
    }
    if (!strcmp(name, "cuda")) return hub_backend_cuda_new(0, err, errlen);
    snprintf(err, errlen, "unknown backend '%s' (cpu, cuda, auto)", name);
    return NULL;
}
