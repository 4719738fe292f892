/*
 * train-gpu.h: the GPU side of the model trainer (engine/train.c), as plain C with no CUDA
 * type. The implementation is kernels/cuda/train-cuda.cu, compiled into the CUDA backend's
 * shared object (hub-cuda.so); kernels/cuda/cuda-loader.c opens that object at run time and
 * hands out its table of entry points (hub_train_gpu_load), so that nothing links CUDA.
 *
 * The trainer's parameters are one flat float array; the GPU keeps that array, its gradient
 * and the two AdamW moments in device memory. A batch arrives as all its sequences back to
 * back (attention stays inside each sequence through seg); forward and backward run on the
 * GPU but for the MoE routing (softmax, top-k with the balance bias, grouping by expert, the
 * balance loss), which is done on the host over a small download of the router's logits, as
 * the CPU trainer does it. The host keeps the balance biases and decides the clip factor.
 */
#ifndef KERNELS_TRAIN_GPU_H
#define KERNELS_TRAIN_GPU_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* offsets of one layer's tensors in the flat parameter array (0: absent), as engine/train.c's
 * layout() places them */
struct hub_train_gpu_layer {
    size_t attn_norm, wq, wkv_a, kv_a_norm, wkv_b, wo, ffn_norm;
    size_t ffn_gate, ffn_up, ffn_down;              /* dense */
    size_t gate_inp, gate_exps, up_exps, down_exps; /* moe */
    size_t gate_sh, up_sh, down_sh;                 /* shared experts */
};

/* The model's shape and layout; everything is copied by create. */
struct hub_train_gpu_shape {
    int n_vocab, n_embd, n_layer, n_head, n_layer_dense_lead;
    int kv_lora_rank, qk_nope, qk_rope, v_head, n_ff;
    int n_ff_exp, n_expert, n_expert_used, n_expert_shared, n_ctx;
    float rms_eps;
    int round_kv; /* f16 rounding of c_kv and k_pe in the forward */
    size_t n_params, tok_embd, output_norm, output;
    const struct hub_train_gpu_layer *layers; /* [n_layer] */
    /* the RoPE table of the CPU trainer: position p, pair i at [p * qk_rope / 2 + i] */
    const float *rope_cos, *rope_sin;         /* [n_ctx][qk_rope / 2] */
    /* the tensors, for weight decay: tensor i spans [off[i], off[i] + n[i]); decay[i] 0 or 1 */
    int n_tensors;
    const size_t *tensor_off, *tensor_n;
    const uint8_t *tensor_decay;
};

/* One batch: n_tok tokens of all sequences back to back. */
struct hub_train_gpu_batch {
    int n_tok;
    const int32_t *tok;
    const int32_t *seg;  /* the first token of token t's sequence */
    const int32_t *pos;  /* t - seg[t] */
    const uint8_t *loss; /* token t+1 is predicted with loss (0 at each sequence's last token) */
    /* the CPU trainer's packs (token ranges [pack_start[i], pack_start[i + 1])): the balance
     * loss is computed per pack, weighted by pack_aux_scale[i] (0: none) */
    int n_pack;
    const int32_t *pack_start;
    const float *pack_aux_scale;
    float loss_scale;         /* the cross-entropy gradient's factor: 1 / loss tokens */
    const float *expert_bias; /* [n_layer][n_expert] balance biases */
    int want_grad;            /* 0: forward and loss only */
};

struct hub_train_gpu_result {
    double loss;         /* sum of the cross-entropy over the loss positions */
    double aux;          /* balance loss, weighted */
    long n_loss;
    long *expert_load;   /* [n_layer][n_expert] routed tokens (+=); NULL: not wanted */
};

/* One AdamW step with the gradient multiplied by clip; decayed tensors use weight_decay. */
struct hub_train_gpu_adamw {
    float clip, lr, b1c, b2c, beta1, beta2, eps, weight_decay;
};

struct hub_train_gpu;

/* The entry points; every int is a hub status (0: done), with the reason in error(). */
struct hub_train_gpu_ops {
    int (*device_count)(void);
    struct hub_train_gpu *(*create)(int device, const struct hub_train_gpu_shape *s, char *err,
                                    size_t errlen);
    void (*destroy)(struct hub_train_gpu *g);
    const char *(*error)(const struct hub_train_gpu *g);
    /* weights and moments to the device (m1, m2 NULL: zero) */
    int (*upload)(struct hub_train_gpu *g, const float *p, const float *m1, const float *m2);
    /* back to the host: any of the arrays may be NULL */
    int (*download)(struct hub_train_gpu *g, float *p, float *m1, float *m2, float *grad);
    /* forward (and backward into the zeroed gradient when want_grad) of a batch */
    int (*batch)(struct hub_train_gpu *g, const struct hub_train_gpu_batch *b,
                 struct hub_train_gpu_result *r);
    /* the sum of the squared gradient, in double */
    int (*grad_sumsq)(struct hub_train_gpu *g, double *ss);
    int (*adamw)(struct hub_train_gpu *g, const struct hub_train_gpu_adamw *k);
};

/* The table, from hub-cuda.so (kernels/cuda/cuda-loader.c); NULL with the reason in err when
 * there is no driver, no shared object, or one without the trainer. */
const struct hub_train_gpu_ops *hub_train_gpu_load(char *err, size_t errlen);
/* CUDA devices the trainer can use (0 whenever hub_train_gpu_load fails). */
int hub_train_gpu_device_count(void);

#ifdef __cplusplus
}
#endif

#endif
