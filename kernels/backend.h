/*
 * backend.h: the one compute-backend interface of the engine (in the ggml-backend spirit): a
 * small vtable that owns memory (weights uploaded once, activations and the latent KV cache
 * kept there) and runs the ops of a deepseek2 / qwen2moe forward pass on it.
 *
 * Two implementations: "cpu" (kernels/backend-cpu.c, on top of kern.h, always built) and
 * "cuda" (kernels/cuda/, built when configure finds nvcc and cuBLAS). Tests run the same ops
 * on both and compare (tests/test-backend-cpu.c, tests/test-cuda.c).
 *
 * Conventions: every pointer passed to an op is backend memory (from ->alloc, or inside it),
 * except the parameter structs and the `offsets` array of matmul_grouped, which are host
 * memory. Ops are queued in order on the backend's stream and may return before they finish;
 * download and sync wait. Every op returns a hub_status value (0 = HUB_OK); the backend's last
 * error text is in ->err.
 *
 * How engine/model.c should call it (not done yet: model.c belongs to the engine work): load
 * the GGUF as now, then for each weight `alloc` + `upload` its bytes once (hub_backend_upload_
 * weight below), keep x / xn / q / kva / the cache in backend memory, and replace each
 * mm()/mm_many() by ->matmul, each MoE block by ->route + ->matmul_grouped (+ ->swiglu),
 * rmsnorm_rows by ->rmsnorm, rope_norm by ->rope, attn_ds2_job by ->mla_attn; only the final
 * logits are downloaded. With the cpu backend that is the same arithmetic as kern.h's.
 */
#ifndef HUB_BACKEND_H
#define HUB_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct hub_backend;

/* RoPE (ggml's rope cache, "norm" = adjacent pairs, "neox" = (i, i + n_rot/2)) with YaRN:
 * theta_i = pos * base^(-2i/n_rot), interpolated by freq_scale and ramped by ext_factor
 * between corr_low and corr_high; cos/sin scaled by attn_factor (and YaRN's mscale). */
struct hub_rope_params {
    int n_rot;
    bool neox;
    float freq_base, freq_scale, ext_factor, attn_factor;
    float corr_low, corr_high; /* ggml_rope_yarn_corr_dims, already floored/ceiled */
};

/* Expert routing as llama.cpp's build_moe_ffn: probs = softmax or sigmoid of the router
 * logits; selection on probs + exp_probs_b (if any) with group limiting (a group scores the
 * sum of its two best; keep n_group_used groups); weights = probs of the chosen, optionally
 * normalized (sum clamped to 6.1035e-5) and scaled. */
enum hub_gating { HUB_GATING_SOFTMAX = 1, HUB_GATING_SIGMOID = 2 };
struct hub_route_params {
    int n_expert, n_used;       /* n_used <= HUB_ROUTE_MAX_USED */
    int n_groups, n_group_used; /* n_groups <= 1: no group limiting; <= HUB_ROUTE_MAX_GROUPS */
    int gating;                 /* enum hub_gating */
    bool weights_norm;
    float weights_scale; /* 0: no scaling */
};
#define HUB_ROUTE_MAX_EXPERT 1024
#define HUB_ROUTE_MAX_USED 32
#define HUB_ROUTE_MAX_GROUPS 64

struct hub_backend_ops {
    const char *name;
    void (*free)(struct hub_backend *be);
    /* Memory. alloc returns NULL (and sets err) when out of memory; bytes may be 0. */
    void *(*alloc)(struct hub_backend *be, size_t bytes);
    void (*release)(struct hub_backend *be, void *p);
    int (*upload)(struct hub_backend *be, void *dst, const void *src_host, size_t bytes);
    int (*download)(struct hub_backend *be, void *dst_host, const void *src, size_t bytes);
    int (*sync)(struct hub_backend *be);

    /* out[t][r] = sum_j W[r][j] x[t][j], as kern_matmul (same layouts, wtype a kern_type:
     * F32 F16 BF16 Q8_0 Q4_0 Q4_1 Q5_0 Q5_1 Q4_K Q6_K). */
    int (*matmul)(struct hub_backend *be, int wtype, const void *W, int64_t rows, int64_t k,
                  const float *x, int64_t n_tok, float *out);
    /* Grouped expert products: W holds n_mat matrices of `rows` x k, mat_bytes apart. For each
     * e < n_mat and i in [offsets[e], offsets[e+1]): out[i][.] = W_e x[tok[i]][.].
     * offsets (n_mat + 1 entries, host memory) are the gathered rows per expert; tok (backend
     * memory) the token of each gathered row. */
    int (*matmul_grouped)(struct hub_backend *be, int wtype, const void *W, size_t mat_bytes,
                          int64_t rows, int64_t k, int n_mat, const float *x, const int32_t *tok,
                          const int32_t *offsets, float *out);
    /* logits [n_tok][n_expert] -> sel [n_tok][n_used], w [n_tok][n_used]; bias may be NULL. */
    int (*route)(struct hub_backend *be, const struct hub_route_params *p, const float *logits,
                 const float *bias, int n_tok, int32_t *sel, float *w);
    /* n_rows rows of n values `stride` apart; w may be NULL (no weight). In place allowed. */
    int (*rmsnorm)(struct hub_backend *be, float *dst, const float *x, const float *w, int n_rows,
                   int64_t n, int64_t stride, float eps);
    /* Rotate x[t][h][off .. off + n_rot) for t < n_tok, h < n_head, at position pos0 + t. */
    int (*rope)(struct hub_backend *be, const struct hub_rope_params *p, float *x, int n_tok,
                int n_head, int64_t tok_stride, int64_t head_stride, int64_t off, int pos0);
    int (*softmax)(struct hub_backend *be, float *x, int n_rows, int64_t n); /* in place */
    int (*swiglu)(struct hub_backend *be, float *dst, const float *gate, const float *up,
                  int64_t n);
    /* MLA absorbed attention (deepseek2) over the latent cache, causal:
     * query (t, h) = [qabs[h][t][0..R) | qpe[t][h][0..nr)] (qpe rows qpe_tok_stride apart per
     * token and qpe_head_stride per head); cache row j = [ckv (R) | kpe (nr)], kv_row floats
     * apart; score_j = q . row_j * scale for j <= pos0 + t; olat[h][t] = softmax . ckv_j. */
    int (*mla_attn)(struct hub_backend *be, const float *qabs, const float *qpe,
                    int64_t qpe_tok_stride, int64_t qpe_head_stride, const float *cache,
                    int64_t kv_row, int R, int nr, int n_head, int n_tok, int pos0, float scale,
                    float *olat);
    /* Optional (NULL where not supported): record the ops queued between graph_begin and
     * graph_end once, then replay them with graph_launch (CUDA graphs for the decode step:
     * the same pointers and sizes every token). A backend holds one captured graph. Ops given
     * pos0 by value replay that position; a step built on set_position / HUB_POS_DEVICE /
     * copy_row_at (below) replays at whatever position set_position last wrote. */
    int (*graph_begin)(struct hub_backend *be);
    int (*graph_end)(struct hub_backend *be);
    int (*graph_launch)(struct hub_backend *be);
    /* Added after the first interface (compatible): standard causal attention with grouped
     * KV heads (qwen2moe): query (t, h) at q + t * q_tok_stride + h * dk; key j of KV head g
     * at k + j * k_stride + g * dk, value at v + j * v_stride + g * dv, g = h / (n_head /
     * n_head_kv); out[t][h][0..dv) = softmax_j<=pos0+t(q . k_j * scale) . v_j. */
    int (*attn)(struct hub_backend *be, const float *q, int64_t q_tok_stride, const float *k,
                int64_t k_stride, const float *v, int64_t v_stride, int n_head, int n_head_kv,
                int dk, int dv, int n_tok, int pos0, float scale, float *out);
    /* Data movement and sums around the products (compatible additions):
     * copy2d: n_rows rows of n floats, src rows src_stride apart, dst rows dst_stride apart;
     * add: dst = a + b (n floats, in place allowed);
     * scatter_add: out[tok[i]][0..n) += w[i] * y[i][0..n) for i < n_rows (the weighted sum of
     * the experts' outputs back into token order; on a GPU the order of the additions to one
     * token is not fixed). */
    int (*copy2d)(struct hub_backend *be, float *dst, int64_t dst_stride, const float *src,
                  int64_t src_stride, int n_rows, int64_t n);
    int (*add)(struct hub_backend *be, float *dst, const float *a, const float *b, int64_t n);
    int (*scatter_add)(struct hub_backend *be, float *out, const float *y, const int32_t *tok,
                       const float *w, int n_rows, int64_t n);
    /* Routed products chosen in backend memory (a compatible addition; NULL where missing):
     * out[i][.] = W_sel[i] x[i / x_div][.] for i < n_rows, W holding matrices of `rows` x k,
     * mat_bytes apart, sel (backend memory) as route writes it. With x_div = the experts used
     * per token, x holds one row per token; with 1, one row per selection. Unlike
     * matmul_grouped nothing of the routing goes through the host, so a decode step that uses
     * it needs no round trip. Meant for decode-sized n_rows: each row is its own product. */
    int (*matmul_sel)(struct hub_backend *be, int wtype, const void *W, size_t mat_bytes,
                      int64_t rows, int64_t k, const float *x, int x_div, const int32_t *sel,
                      int n_rows, float *out);
    /* The position in backend memory, so that a captured decode step replays at any position
     * (compatible additions; NULL where missing, with the graph ops). set_position queues the
     * write of pos for the ops that follow; n_ctx is the most positions any of them will see
     * (it sizes attention scratch once, before a capture). rope and mla_attn given
     * pos0 = HUB_POS_DEVICE use it; copy_row_at copies n floats from src to
     * dst + pos * row_stride. */
    int (*set_position)(struct hub_backend *be, int pos, int n_ctx);
    int (*copy_row_at)(struct hub_backend *be, float *dst, int64_t row_stride, const float *src,
                       int64_t n);
};
#define HUB_POS_DEVICE (-1) /* pos0 of rope / mla_attn: the set_position one */

struct hub_backend {
    const struct hub_backend_ops *ops;
    void *impl;
    char err[256];
};

/* The CPU backend on kern.h; n_threads >= 1 (its own kern_pool). NULL only out of memory. */
struct hub_backend *hub_backend_cpu_new(int n_threads);

/* The CUDA backend on device `device`; NULL with the reason in err when CUDA is not built in,
 * there is no such device, or it cannot be initialized. */
struct hub_backend *hub_backend_cuda_new(int device, char *err, size_t errlen);
/* Number of CUDA devices (0 when none or not built in); never fails loudly. */
int hub_backend_cuda_device_count(void);

/* By name: "cpu", "cuda" or "auto" (cuda when a device is there, else cpu with one log line).
 * NULL with the reason in err. */
struct hub_backend *hub_backend_new(const char *name, int n_threads, char *err, size_t errlen);

static inline void hub_backend_free(struct hub_backend *be)
{
    if (be) be->ops->free(be);
}

#ifdef __cplusplus
}
#endif

#endif
