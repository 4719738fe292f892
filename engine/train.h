/*
 * train.h: the C trainer of the hub's deepseek2 model (`hub-train model`).
 *
 * The model is exactly the graph engine/model.c runs for a deepseek2 file with q_lora_rank 0:
 * token embedding; per layer RMSNorm, MLA attention (q = wq x; [c_kv | k_pe] = wkv_a x;
 * c_kv RMS-normed; NORM RoPE on q_pe and the shared k_pe; per-head k_nope and v from
 * wkv_b c_kv, saved split as attn_k_b / attn_v_b), residual, RMSNorm, a dense SwiGLU FFN in the
 * leading layers and DeepSeekMoE after them (softmax router, top-k by probability + balance bias,
 * routed SwiGLU experts weighted by their probability, one shared expert), residual; final
 * RMSNorm and output head. Every op has one forward and one backward (llm.c style, shapes in
 * comments); all weights are f32 in one flat array so AdamW runs over one vector.
 *
 * The cache of the engine holds c_kv and k_pe in f16; the trainer rounds them the same way in
 * its forward pass (gradients pass straight through) unless round_kv is off, so the saved
 * model computes what was trained.
 *
 * Sequences: <|bos|> utterance <|intent|> intent-line <|eos|> (engine/bpe_train.h); the loss
 * is the cross-entropy of the intent line and <|eos|> given everything before.
 */
#ifndef ENGINE_TRAIN_H
#define ENGINE_TRAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct train_config {
    int n_vocab, n_embd, n_layer, n_head, n_layer_dense_lead;
    int kv_lora_rank, qk_nope, qk_rope, v_head;
    int n_ff; /* dense FFN width */
    int n_ff_exp, n_expert, n_expert_used, n_expert_shared;
    int n_ctx; /* longest sequence */
    float rms_eps, rope_base;
    bool round_kv; /* f16 c_kv / k_pe in the forward, as the engine's cache */
};

/* The default: the hub's shipped model shape (see models/README.md). */
void train_config_default(struct train_config *c);

struct train_opts {
    float lr, lr_min_ratio, weight_decay, beta1, beta2, adam_eps, clip;
    int warmup, steps, batch;
    float aux_alpha;  /* sequence-wise balance loss weight (0: off) */
    float bias_gamma; /* aux-loss-free balance: bias step per update (0: off) */
};
void train_opts_default(struct train_opts *o);

struct train_model;

struct train_model *train_model_new(const struct train_config *c, uint64_t seed, int n_threads,
                                    char *err, size_t errlen);
void train_model_free(struct train_model *m);
const struct train_config *train_model_config(const struct train_model *m);
size_t train_model_n_params(const struct train_model *m);
/* Active parameters per token (top-k of the routed experts). */
size_t train_model_n_active(const struct train_model *m);
/* With the GPU on, both are fetched from it first (writes to them stay on the host). */
float *train_model_params(struct train_model *m);
float *train_model_grads(struct train_model *m);
/* Tensor i of the flat parameter array (weights and gradients share the layout): its offset,
 * *n floats, *layer (-1 outside the layers); -1 when i is past the last. */
long train_model_tensor(const struct train_model *m, int i, size_t *n, int *layer);
/* The router's balance bias of a MoE layer (n_expert floats), NULL for a dense layer. */
float *train_model_expert_bias(struct train_model *m, int layer);

/* One training sequence: n tokens; loss[i] says whether token i+1 is predicted with loss. */
struct train_seq {
    const int32_t *tok;
    const uint8_t *loss;
    int n;
};

struct train_stats {
    double loss; /* mean cross-entropy over the loss positions */
    double aux;  /* balance loss (already weighted) */
    long n_loss, n_tok;
    /* routed token count per MoE layer and expert: [n_layer][n_expert] (dense layers 0) */
    long *expert_load;
};

/* Forward and backward of a batch: the gradients (zeroed first) of mean loss + aux into
 * train_model_grads. stats->expert_load may be NULL. Returns 0 or a hub status. */
int train_model_grad(struct train_model *m, const struct train_seq *seqs, int n,
                     const struct train_opts *o, struct train_stats *stats);
/* The loss of a batch without gradients (held-out evaluation); with o, stats->aux holds the
 * balance loss that train_model_grad would add. */
int train_model_eval(struct train_model *m, const struct train_seq *seqs, int n,
                     const struct train_opts *o, struct train_stats *stats);
/* Clip, AdamW update with the schedule at step `step` (0-based), balance-bias update from
 * the expert load of the last train_model_grad. Returns the gradient norm before clipping. */
double train_model_update(struct train_model *m, const struct train_opts *o, long step,
                          const long *expert_load);
float train_lr_at(const struct train_opts *o, long step);

/* The forward pass alone: logits [n][n_vocab] of every position. */
int train_model_logits(struct train_model *m, const int32_t *tok, int n, float *logits);

/* The weight average (--average-from): add the weights and balance biases as they are now to a
 * running sum (0 or HUB_ERR_NOMEM); how many snapshots it holds; and, once training is over,
 * replace the weights and biases by the mean of the snapshots (nothing when there are none).
 * Checkpoints carry the sum, so a resumed run averages the same snapshots. */
int train_model_average_add(struct train_model *m);
long train_model_average_count(const struct train_model *m);
void train_model_average_apply(struct train_model *m);

/* The model reads the house hint after the utterance (engine/intent.h): the GGUF gets
 * INTENT_HOUSE_HINT_KEY = true. */
void train_model_set_house_hint(struct train_model *m, bool on);
/* Write a deepseek2 GGUF (weights of type wtype: KERN_F32, KERN_F16 or KERN_Q8_0; norms and
 * the router stay f32), with the tokenizer.ggml.* keys copied from tok_path (NULL: none). */
int train_model_save_gguf(struct train_model *m, const char *path, const char *tok_path, int wtype,
                          char *err, size_t errlen);
/* Checkpoints: config, step, weights, AdamW moments, balance biases and the weight average's
 * sums, so that a run resumed from one continues bit for bit (checkpoints written before the
 * average, HUBTCK02, still load). */
int train_model_save_ckpt(struct train_model *m, const char *path, long step, char *err,
                          size_t errlen);
int train_model_load_ckpt(struct train_model *m, const char *path, long *step, char *err,
                          size_t errlen);

/* ---- single ops, exported for the gradient checks (tests/test-grad.c) ---- */
/* y [T][N] = x [T][K] W^T (W [N][K]); backward adds dx [T][K] and dW [N][K] (either NULL). */
void train_mm_fwd(float *y, const float *x, const float *W, int T, int K, int N);
void train_mm_bwd(float *dx, float *dW, const float *dy, const float *x, const float *W, int T,
                  int K, int N);
/* y [T][n] = x / rms(x) * w; rstd [T] saved; backward adds dx, dw. */
void train_rmsnorm_fwd(float *y, float *rstd, const float *x, const float *w, int T, int n,
                       float eps);
void train_rmsnorm_bwd(float *dx, float *dw, const float *dy, const float *x, const float *rstd,
                       const float *w, int T, int n);
/* NORM rope of n_rot dims at positions pos[t] (NULL: t), rows of `stride` floats, `per`
 * vectors per row; backward rotates the gradient back (in place). */
void train_rope(float *x, int T, int per, int stride, int n_rot, float base, bool backward,
                const int32_t *pos);
/* h [n] = silu(g) * u; backward writes dg, du. */
void train_swiglu_bwd(float *dg, float *du, const float *dh, const float *g, const float *u, int n);
/* MLA attention core: q [T][H][dn + nr], kv [T][H][dn + dv] (k_nope | v), kpe [T][nr];
 * o [T][H][dv]. Token t attends to seg[t] .. t (seg NULL: 0 .. t; packed sequences);
 * P [H][T][L] saved (row t holds t - seg[t] + 1 <= L probabilities). bwd adds dq, dkv, dkpe. */
void train_attn_fwd(float *o, float *P, const float *q, const float *kv, const float *kpe, int T,
                    int H, int dn, int nr, int dv, float scale, const int32_t *seg, int L);
void train_attn_bwd(float *dq, float *dkv, float *dkpe, const float *dout, const float *P,
                    const float *q, const float *kv, const float *kpe, int T, int H, int dn, int nr,
                    int dv, float scale, const int32_t *seg, int L);
/* Cross-entropy of one row of logits [V] with target y: returns the loss and writes
 * dlogits = scale * (softmax - onehot). */
float train_xent(float *dlogits, const float *logits, int V, int y, float scale);

/* Run forward, backward and AdamW of this model on CUDA device `device` from now on
 * (kernels/train-gpu.h): its weights and moments are copied there; saving, checkpoints and
 * train_model_logits fetch them back. Without a usable device: an error and nothing changed. */
int train_model_use_cuda(struct train_model *m, int device, char *err, size_t errlen);

/* hub-train model ... */
int train_model_main(int argc, char **argv);

#endif
