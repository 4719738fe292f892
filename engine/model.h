/*
 * model.h: the forward pass of the engine's Mixture-of-Experts language models, loaded from a
 * GGUF file as llama.cpp writes them. Two architectures:
 *   deepseek2 - Multi-head Latent Attention (MLA) over a latent KV cache (kv_lora_rank + rope
 *               dims per token per layer), decoupled RoPE (with YaRN when the file says so),
 *               DeepSeekMoE FFN (leading dense layers, shared + routed experts, softmax or
 *               sigmoid gating, exp_probs_b, group-limited routing, weight norm and scale);
 *   qwen2moe  - GQA attention with q/k/v biases and NEOX RoPE, softmax top-k experts and a
 *               shared expert behind its own sigmoid gate.
 * A model is read-only after loading and may be shared by several contexts; a context holds
 * the KV cache and every scratch buffer, so evaluation allocates nothing per token.
 *
 * Numerics follow llama.cpp's CPU backend so that logits can be compared with it: the KV cache
 * holds f16 values, attention does what ggml's flash attention does (f16 query and value
 * accumulator below 64 rows per batch), and activations are rounded onto the grid ggml
 * multiplies each weight type with (f16, bf16, Q8_0/Q8_1 with fp16 scales, Q8_K). Setting
 * HUB_ENGINE_EXACT=0 in the environment keeps f32 activations instead (kern then quantizes
 * them its own way, which is slightly more precise and slightly further from llama.cpp).
 */
#ifndef ENGINE_MODEL_H
#define ENGINE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/gguf.h"
#include "kernels/kern.h"

enum model_arch { MODEL_ARCH_DEEPSEEK2 = 1, MODEL_ARCH_QWEN2MOE = 2 };

enum model_gating { MODEL_GATING_SOFTMAX = 1, MODEL_GATING_SIGMOID = 2 };

/* Hyperparameters as read from the GGUF metadata (names follow llama.cpp's keys). */
struct model_hparams {
    int arch;            /* enum model_arch */
    int n_vocab;
    int n_embd;
    int n_layer;
    int n_ctx_train;
    int n_head;
    int n_head_kv;       /* qwen2moe: KV heads (GQA); deepseek2: unused by MLA */
    int n_ff;            /* dense FFN width (leading dense layers) */
    int n_ff_exp;        /* routed expert FFN width */
    int n_ff_shexp;      /* shared expert FFN width (all shared experts together) */
    int n_expert;
    int n_expert_used;
    int n_expert_shared;
    int n_expert_groups;     /* group-limited routing when > 1 */
    int n_group_used;
    int n_layer_dense_lead;
    int gating;              /* enum model_gating */
    bool expert_weights_norm;
    float expert_weights_scale; /* 0: none */
    float rms_eps;
    /* attention */
    int q_lora_rank;     /* 0: one wq */
    int kv_lora_rank;
    int n_embd_head_qk;  /* per head query/key length (nope + rope) */
    int n_embd_head_v;   /* per head value length */
    int n_rot;           /* rotary dims (deepseek2: qk_rope) */
    int n_embd_head_nope;
    /* rope */
    float rope_freq_base;
    float rope_freq_scale;   /* 1 / rope.scaling.factor */
    bool rope_yarn;
    int n_ctx_orig_yarn;
    float yarn_log_mul;
    float yarn_beta_fast, yarn_beta_slow;
    float yarn_ext_factor;   /* 0 or 1 */
    float rope_attn_factor;  /* magnitude applied to cos/sin by the rope op */
    float kq_scale;          /* softmax scale of q.k */
    int n_layer_nextn;       /* DeepSeek-V3 multi-token-prediction layers after the n_layer
                              * that run (block_count = n_layer + n_layer_nextn); not evaluated */
};

struct model;
struct model_ctx;

/* Load from an open GGUF file (kept open and mapped by the caller for the model's lifetime).
 * Every tensor's presence, type and shape is checked. NULL + message in err on error. */
struct model *model_load(const struct gguf_file *f, char *err, size_t errlen);
void model_free(struct model *m);
const struct model_hparams *model_hparams(const struct model *m);
/* Bytes of the weights the model reads (for bandwidth figures), and of active weights per
 * decoded token (experts counted top-k of n). */
size_t model_weight_bytes(const struct model *m);
size_t model_active_bytes(const struct model *m);

/* A context of up to n_ctx positions; its pool runs n_threads threads (1 = caller only). */
struct model_ctx *model_ctx_new(struct model *m, int n_ctx, int n_threads, char *err,
                                size_t errlen);
void model_ctx_free(struct model_ctx *c);
/* Forget the KV cache (next eval starts at position 0). */
void model_ctx_reset(struct model_ctx *c);
int model_ctx_pos(const struct model_ctx *c);   /* positions in the cache */
/* Keep only the first n_pos positions (0 <= n_pos <= model_ctx_pos), e.g. to reuse a shared
 * prompt prefix for the next request or to step back in constrained decoding.
 * Returns 0 or HUB_ERR_RANGE. */
int model_ctx_truncate(struct model_ctx *c, int n_pos);
int model_ctx_size(const struct model_ctx *c);  /* n_ctx */

/* Routing recorder (diagnostics: which experts each token goes to). When set, fn is called once
 * per MoE layer per evaluated batch, after routing and before the experts run, with the layer
 * index (0-based, over all layers), the batch's first position, its n_tokens tokens and
 * sel [n_tokens][k]: each token's chosen routed experts (top-k, k = n_expert_used; shared
 * experts are not listed). sel is only valid during the call. Recording changes no arithmetic:
 * logits are the same with it on or off. fn NULL turns it off (the default). */
typedef void (*model_route_fn)(void *user, int layer, int pos0, int n_tokens, const int32_t *sel,
                               int k);
void model_ctx_set_route_hook(struct model_ctx *c, model_route_fn fn, void *user);

/* Compute backends (kernels/backend.h). By default a context runs on the CPU kernels of this
 * file, with llama.cpp's numerics. model_ctx_set_backend moves its forward passes onto `be`
 * (borrowed: it must outlive the context, or be unset first): the weights are uploaded to it
 * once, the latent cache and the activations stay there, and only the logits come back; the
 * cache starts empty. NULL goes back to the CPU kernels. deepseek2 models only. Returns 0, or
 * a hub status with the reason in err. */
struct hub_backend;
int model_ctx_set_backend(struct model_ctx *c, struct hub_backend *be, char *err,
                          size_t errlen);
/* The backend a --backend option names: "cpu" gives *out = NULL (the CPU kernels above);
 * "cuda" a CUDA device or an error; "auto" a CUDA device when there is one, else NULL with one
 * log line saying why. Returns 0, or HUB_ERR_INVALID / HUB_ERR_IO with the reason in err. */
int model_backend_open(const char *name, struct hub_backend **out, char *err, size_t errlen);

/* Evaluate n tokens at the next positions (prefill when n > 1, decode when n == 1), append
 * them to the cache, and write the last position's logits (n_vocab floats) to logits_out
 * (may be NULL). Returns 0, or a hub status (HUB_E...) with a message logged when a token is
 * out of range or the cache is full. */
int model_eval(struct model_ctx *c, const int32_t *tokens, int n, float *logits_out);
/* The same, writing every position's logits: n rows of n_vocab floats. */
int model_eval_all(struct model_ctx *c, const int32_t *tokens, int n, float *logits_out);

#endif
