/*
 * model_impl.h: the loaded model's layout (weight references, layers), shared by the two
 * forward passes of the engine: engine/model.c (CPU kernels, llama.cpp's numerics) and
 * engine/model_backend.c (the same model on a compute backend, kernels/backend.h). Internal
 * to engine/: callers use model.h.
 */
#ifndef ENGINE_MODEL_IMPL_H
#define ENGINE_MODEL_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/model.h"

/* A weight matrix (or a stack of n_mat of them, experts or heads) inside the mapping or owned. */
struct wref {
    int type;
    const uint8_t *data;
    int64_t k;        /* elements per row */
    int64_t rows;     /* rows per matrix */
    int64_t n_mat;    /* matrices in the stack */
    size_t row_bytes;
    size_t mat_bytes;
    const float *mins;  /* Q4_1/Q5_1: per-block mins [n_mat][rows][k/32] (see mm()) */
    bool unpacked;      /* llama.cpp would not repack it (3-D per-head products, rows not a
                         * multiple of 8): Q4_0 then keeps ggml's lane order (mm_q40_lanes) */
};

struct model_layer {
    float *attn_norm, *ffn_norm;
    /* deepseek2 */
    struct wref wq, wq_a, wq_b, wkv_a, wk_b, wv_b; /* wk_b: [H][R][nope], wv_b: [H][Dv][R] */
    float *q_a_norm, *kv_a_norm;
    /* qwen2moe */
    struct wref wk, wv;
    float *bq, *bk, *bv;
    struct wref wo;
    /* FFN: dense or MoE */
    bool moe;
    struct wref ffn_gate, ffn_up, ffn_down;
    struct wref gate_inp, gate_exps, up_exps, down_exps;
    float *exp_probs_b;
    struct wref gate_shexp, up_shexp, down_shexp;
    float *gate_inp_shexp; /* qwen2moe: [n_embd] */
};

struct model {
    struct model_hparams hp;
    struct wref tok_embd, output;
    float *output_norm;
    struct model_layer *layers;
    /* everything malloc'd at load (norms, split attn_kv_b), freed with the model */
    void **owned;
    size_t n_owned, cap_owned;
    size_t weight_bytes, active_bytes;
    int64_t q1_rows_max; /* most rows of a Q4_1/Q5_1 matrix (sizes mm()'s correction scratch) */
    int64_t active_macs; /* multiply-adds of the weights per decoded token */
};

/* YaRN's correction dims of the model's rotary part, floored and ceiled as ggml's
 * ggml_rope_yarn_corr_dims gives them (engine/model.c). */
void model_rope_corr(const struct model_hparams *hp, float corr[2]);

/* The forward pass on a compute backend (engine/model_backend.c): the model's weights uploaded
 * once, the latent cache and every activation in backend memory, only logits (and the routing,
 * which sizes the expert products) brought back. deepseek2 only. n_batch: most tokens per
 * forward call. */
struct hub_backend;
struct model_be;
struct model_be *model_be_new(const struct model *m, struct hub_backend *be, int n_ctx,
                              int n_batch, char *err, size_t errlen);
void model_be_free(struct model_be *b);
/* T tokens at positions pos0.. (the cache rows before pos0 are the context); logits of the last
 * position, or of all T when all, to host memory (NULL: none). hook as model_ctx's route hook.
 * Returns 0 or a hub status, with the backend's reason logged. */
int model_be_forward(struct model_be *b, const int32_t *tok, int T, int pos0, float *logits,
                     bool all, model_route_fn hook, void *user);

#endif
