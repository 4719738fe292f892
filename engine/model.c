/*
 * model.c: loading and the forward pass of deepseek2 and qwen2moe GGUF models (see model.h).
 *
 * The graph follows llama.cpp's (src/models/deepseek2.cpp, qwen2moe.cpp, build_moe_ffn) op for
 * op so that logits agree with it: RMSNorm, NORM rope for deepseek2 and NEOX rope for qwen2moe,
 * YaRN with llama.cpp's attention-factor handling, the same kq_scale, routing and expert
 * weighting. Attention of deepseek2 always runs in the absorbed MLA form over a latent cache:
 *   q_abs[h] = W_kb[h] q_nope[h]                      (kv_lora_rank)
 *   s_j      = kq_scale * (q_abs[h] . ckv_j + q_pe[h] . kpe_j)
 *   o[h]     = W_vb[h] sum_j softmax(s)_j ckv_j        (v_head)
 * so prefill and decode share one path and the cache holds kv_lora_rank + n_rot floats per
 * token per layer. Files with the older attn_kv_b layout get W_kb / W_vb split out (f32) at
 * load time.
 *
 * Shapes in comments are [rows][cols] with the last index contiguous; T = tokens in a batch.
 *
 * Bit-compatibility with the reference build (llama.cpp, x86 AVX-512, FMA contraction on):
 * MoE routing and Q8/f16 activation rounding amplify last-bit differences, so arithmetic
 * follows ggml's wherever the reference logits showed it matters: RMSNorm (f32 squares, double
 * sum), fused a*b+c steps (attention sum S, Q8_1 min term), Q4_0/Q4_K in llama.cpp's repacked
 * order (kern) except for products it does not repack (mm_q40_lanes), Q4_1/Q5_1 with Q8_1's
 * fp16 block sum (mm_q1_ggml). HUB_ENGINE_ROUTE_LOG=1 prints routing gaps (see route_log).
 */
#include "engine/model.h"
#include "engine/model_impl.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub_log.h"
#include "hub_status.h"

#if defined(__x86_64__)
#include <immintrin.h>
#define MODEL_X86 1
#define MODEL_TARGET __attribute__((target("avx2,fma,f16c")))
#endif

#define MODEL_TAG "model"
#define MODEL_MAX_BATCH 512 /* tokens per forward chunk (llama.cpp's ubatch); longer prompts run in chunks */
#define MODEL_MAX_EXPERT_USED 64
#define MODEL_MANY_MAX 128 /* products in one mm_many dispatch (heads) */
#define MODEL_MANY_TOK 4   /* batches up to this many tokens use mm_many */
/* Decode of a model this small (multiply-adds per token) stays on the calling thread: its
 * ~10 pool dispatches per token cost more than the second core gives back, and on a hub
 * whose 2 cores also run the broker and the daemon a spinning worker takes time from the
 * caller (2 threads measured ~2x slower than 1 on ds2-lite under load). Prefill still splits. */
#ifndef MODEL_DECODE_POOL_MIN_MACS
#define MODEL_DECODE_POOL_MIN_MACS 4000000
#endif
#ifndef MODEL_POOL_MIN_MACS
#define MODEL_POOL_MIN_MACS 40000 /* multiply-adds below which a product stays on one thread */
#endif

/* Scratch of one product (activation rounding, Q8_1 corrections); one set per pool part. */
struct mm_scratch {
    float *xr, *sdelta, *mcorr;
};

struct model_ctx {
    struct model *m;
    struct kern_pool *pool;
    int n_threads;
    int n_ctx, n_pos, n_batch;
    /* cache: deepseek2 [layer][pos][R + rope]; qwen2moe k and v [layer][pos][Hkv * D] */
    float *kv, *kv2;
    int64_t kv_row;       /* floats per position per layer */
    int q_row;            /* floats of one attention query row */
    /* rope table [pos][n_rot/2] cos, sin */
    float *rope_cos, *rope_sin;
    /* scratch, sized for n_batch tokens */
    float *x, *xn, *tmp, *q, *qa, *kva, *qabs, *olat, *gath, *attn, *k, *v;
    float *g, *u, *xg, *dg, *router, *probs, *sel_w, *scores, *scores2;
    int32_t *sel;
    int32_t *exp_cnt, *exp_tok, *exp_slot;
    float *ffn_out;
    struct mm_scratch *scr; /* per pool part: x rounded for a weight type, Q8_1 corrections */
    /* decode MoE jobs: the active experts (routed + shared) of the current token */
    int n_units;
    const struct wref *ug[MODEL_MAX_EXPERT_USED + 1], *uu[MODEL_MAX_EXPERT_USED + 1],
        *ud[MODEL_MAX_EXPERT_USED + 1];
    int64_t umat[MODEL_MAX_EXPERT_USED + 1];
    float uw[MODEL_MAX_EXPERT_USED + 1];
    float *ubuf_g, *ubuf_u, *utmp; /* [units][F], [units][F], [parts][E] */
    int64_t ubuf_stride;
    /* decode products dispatched together: rounded inputs [MODEL_MANY_MAX][4][kmax], per-head
     * gathered inputs and outputs [H][4][max(dn, dv)] */
    float *xmany, *hin, *hout;
    /* prefill products dispatched together (mm_group): rounded inputs [grp_cap]; MoE inputs
     * gathered by expert [T*K][E], gate/up outputs [T*K][F_exp] + shared [T][F_sh], down
     * outputs [T*K + T][E] */
    float *grp_r, *moe_x, *moe_g, *moe_u, *moe_d;
    size_t grp_cap;
    float *kt;          /* tiled prefill attention: keys transposed per 64-key tile */
    size_t kt_head;     /* floats of kt per KV head (qwen2moe) */
    int64_t kmax;
    bool exact;           /* round activations as ggml does (default; HUB_ENGINE_EXACT=0: off) */
    bool route_log;       /* HUB_ENGINE_ROUTE_LOG=1: routing gaps and double-precision check */
    model_route_fn route_hook; /* routing recorder (model_ctx_set_route_hook), NULL: off */
    void *route_user;
    /* current batch for the pool jobs */
    int cur_layer, cur_T, cur_pos0;
    struct model_be *bk; /* model_ctx_set_backend: forward passes on a backend instead */
};

/* ---------------------------------------------------------------------------------------- */
/* loading */

struct loader {
    const struct gguf_file *f;
    struct model *m;
    char *err;
    size_t errlen;
    const char *arch;
};

static void lerr(struct loader *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void lerr(struct loader *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(L->err, L->errlen, fmt, ap);
    va_end(ap);
}

static void *own(struct model *m, size_t bytes)
{
    if (m->n_owned == m->cap_owned) {
        size_t cap = m->cap_owned ? m->cap_owned * 2 : 64;
        void **p = realloc(m->owned, cap * sizeof(*p));
        if (!p) return NULL;
        m->owned = p;
        m->cap_owned = cap;
    }
    void *p = calloc(1, bytes ? bytes : 1);
    if (p) m->owned[m->n_owned++] = p;
    return p;
}

static bool key_u32(struct loader *L, const char *suffix, uint32_t *out)
{
    char key[160];
    snprintf(key, sizeof(key), "%s.%s", L->arch, suffix);
    return gguf_get_u32(L->f, key, out);
}

static bool key_f32(struct loader *L, const char *suffix, float *out)
{
    char key[160];
    snprintf(key, sizeof(key), "%s.%s", L->arch, suffix);
    return gguf_get_f32(L->f, key, out);
}

static bool key_bool(struct loader *L, const char *suffix, bool *out)
{
    char key[160];
    snprintf(key, sizeof(key), "%s.%s", L->arch, suffix);
    return gguf_get_bool(L->f, key, out);
}

static char *key_str(struct loader *L, const char *suffix)
{
    char key[160];
    snprintf(key, sizeof(key), "%s.%s", L->arch, suffix);
    return gguf_get_str(L->f, key);
}

/* A required count in [lo, hi]. */
static bool need_int(struct loader *L, const char *suffix, int lo, int hi, int *out)
{
    uint32_t v;
    if (!key_u32(L, suffix, &v)) {
        lerr(L, "missing or non-integer metadata %s.%s", L->arch, suffix);
        return false;
    }
    if ((int64_t)v < lo || (int64_t)v > hi) {
        lerr(L, "metadata %s.%s = %u out of range [%d, %d]", L->arch, suffix, v, lo, hi);
        return false;
    }
    *out = (int)v;
    return true;
}

static bool opt_int(struct loader *L, const char *suffix, int lo, int hi, int def, int *out)
{
    uint32_t v;
    if (!key_u32(L, suffix, &v)) {
        *out = def;
        return true;
    }
    if ((int64_t)v < lo || (int64_t)v > hi) {
        lerr(L, "metadata %s.%s = %u out of range [%d, %d]", L->arch, suffix, v, lo, hi);
        return false;
    }
    *out = (int)v;
    return true;
}

/* Find a tensor and check it is a computable stack of n_mat matrices of rows x k. */
static bool load_w(struct loader *L, const char *name, int64_t k, int64_t rows, int64_t n_mat,
                   bool required, struct wref *w)
{
    memset(w, 0, sizeof(*w));
    const struct gguf_tensor *t = gguf_find_tensor(L->f, name);
    if (!t) {
        if (required) lerr(L, "missing tensor %s", name);
        return !required;
    }
    if (t->ne[0] != k || t->ne[1] != rows || t->ne[2] != n_mat || t->ne[3] != 1) {
        lerr(L, "tensor %s has shape [%lld, %lld, %lld, %lld], expected [%lld, %lld, %lld]",
             name, (long long)t->ne[0], (long long)t->ne[1], (long long)t->ne[2],
             (long long)t->ne[3], (long long)k, (long long)rows, (long long)n_mat);
        return false;
    }
    const struct kern_type_traits *tr = kern_type_traits((int)t->type);
    if (!tr || !tr->computable) {
        lerr(L, "tensor %s has type %u (%s) that the engine cannot compute with", name, t->type,
             tr ? tr->name : "unknown");
        return false;
    }
    size_t rb = kern_row_bytes((int)t->type, k);
    if (rb == 0) {
        lerr(L, "tensor %s: row of %lld elements does not fit type %s blocks", name,
             (long long)k, tr->name);
        return false;
    }
    /* rows * n_mat * rb, overflow-checked, must be what the reader mapped */
    if (rows > 0 && n_mat > 0 && (uint64_t)rows > SIZE_MAX / rb / (uint64_t)n_mat) {
        lerr(L, "tensor %s is too large", name);
        return false;
    }
    size_t need = rb * (size_t)rows * (size_t)n_mat;
    if (t->nbytes < need || !t->data) {
        lerr(L, "tensor %s holds %zu bytes, its shape needs %zu", name, t->nbytes, need);
        return false;
    }
    w->type = (int)t->type;
    w->data = t->data;
    w->k = k;
    w->rows = rows;
    w->n_mat = n_mat;
    w->row_bytes = rb;
    w->mat_bytes = rb * (size_t)rows;
    w->unpacked = rows % 8 != 0; /* llama.cpp repacks only 8-row groups */
    L->m->weight_bytes += need;
    if (w->type == KERN_Q4_1 || w->type == KERN_Q5_1) {
        /* the fp16 min of every block (byte 2 of a Q4_1/Q5_1 block), for mm()'s correction */
        int64_t nb = k / 32, nblk = nb * rows * n_mat;
        float *mins = own(L->m, (size_t)nblk * sizeof(float));
        if (!mins) {
            lerr(L, "out of memory for %s", name);
            return false;
        }
        size_t bb = (size_t)kern_type_traits(w->type)->block_bytes;
        for (int64_t i = 0; i < nblk; i++) {
            uint16_t h;
            memcpy(&h, w->data + (size_t)i * bb + 2, 2);
            mins[i] = kern_fp16_to_f32(h);
        }
        w->mins = mins;
        if (rows > L->m->q1_rows_max) L->m->q1_rows_max = rows;
    }
    return true;
}

/* A 1-D tensor of n values as an owned f32 array. */
static bool load_vec(struct loader *L, const char *name, int64_t n, bool required, float **out)
{
    *out = NULL;
    struct wref w;
    if (!load_w(L, name, n, 1, 1, required, &w)) return false;
    if (!w.data) return true;
    float *v = own(L->m, (size_t)n * sizeof(float));
    if (!v) {
        lerr(L, "out of memory for %s", name);
        return false;
    }
    kern_dequant_row(w.type, w.data, v, n);
    *out = v;
    return true;
}

static bool load_hparams(struct loader *L)
{
    struct model_hparams *hp = &L->m->hp;
    const int BIG = 1 << 20;
    if (!need_int(L, "embedding_length", 1, BIG, &hp->n_embd)) return false;
    if (!need_int(L, "block_count", 1, 4096, &hp->n_layer)) return false;
    /* DeepSeek-V3 files append multi-token-prediction layers; llama.cpp's graph skips them */
    if (!opt_int(L, "nextn_predict_layers", 0, hp->n_layer - 1, 0, &hp->n_layer_nextn))
        return false;
    hp->n_layer -= hp->n_layer_nextn;
    if (!need_int(L, "attention.head_count", 1, 4096, &hp->n_head)) return false;
    if (!opt_int(L, "attention.head_count_kv", 1, 4096, hp->n_head, &hp->n_head_kv)) return false;
    if (!opt_int(L, "context_length", 1, 1 << 30, 4096, &hp->n_ctx_train)) return false;
    if (!opt_int(L, "feed_forward_length", 0, BIG, 0, &hp->n_ff)) return false;
    if (!need_int(L, "expert_count", 1, 4096, &hp->n_expert)) return false;
    if (!need_int(L, "expert_used_count", 1, MODEL_MAX_EXPERT_USED, &hp->n_expert_used))
        return false;
    if (hp->n_expert_used > hp->n_expert) {
        lerr(L, "expert_used_count %d > expert_count %d", hp->n_expert_used, hp->n_expert);
        return false;
    }
    if (!opt_int(L, "expert_feed_forward_length", 1, BIG, 0, &hp->n_ff_exp)) return false;
    if (!opt_int(L, "expert_shared_count", 0, 4096, 0, &hp->n_expert_shared)) return false;
    if (!opt_int(L, "expert_group_count", 1, 4096, 1, &hp->n_expert_groups)) return false;
    if (!opt_int(L, "expert_group_used_count", 1, 4096, 1, &hp->n_group_used)) return false;
    if (hp->n_expert_groups > 1 &&
        (hp->n_expert % hp->n_expert_groups != 0 || hp->n_group_used > hp->n_expert_groups ||
         hp->n_expert / hp->n_expert_groups < 2)) {
        lerr(L, "expert groups %d (used %d) do not divide %d experts", hp->n_expert_groups,
             hp->n_group_used, hp->n_expert);
        return false;
    }
    if (!opt_int(L, "leading_dense_block_count", 0, hp->n_layer, 0, &hp->n_layer_dense_lead))
        return false;
    float eps = 1e-6f;
    if (!key_f32(L, "attention.layer_norm_rms_epsilon", &eps)) {
        lerr(L, "missing metadata %s.attention.layer_norm_rms_epsilon", L->arch);
        return false;
    }
    if (!(eps >= 0 && eps < 1)) {
        lerr(L, "rms epsilon %g out of range", eps);
        return false;
    }
    hp->rms_eps = eps;

    int gating = MODEL_GATING_SOFTMAX;
    if (!opt_int(L, "expert_gating_func", 0, 3, MODEL_GATING_SOFTMAX, &gating)) return false;
    if (gating == 0) gating = MODEL_GATING_SOFTMAX; /* "none" in old files: DeepSeek-V2 */
    if (gating != MODEL_GATING_SOFTMAX && gating != MODEL_GATING_SIGMOID) {
        lerr(L, "expert_gating_func %d is not supported (softmax 1 or sigmoid 2)", gating);
        return false;
    }
    hp->gating = gating;
    hp->expert_weights_norm = false;
    key_bool(L, "expert_weights_norm", &hp->expert_weights_norm);
    hp->expert_weights_scale = 0.0f;
    key_f32(L, "expert_weights_scale", &hp->expert_weights_scale);
    if (!isfinite(hp->expert_weights_scale)) {
        lerr(L, "expert_weights_scale is not finite");
        return false;
    }
    if (hp->arch == MODEL_ARCH_QWEN2MOE) {
        /* llama.cpp's qwen2moe graph: softmax top-k weights as they are */
        hp->gating = MODEL_GATING_SOFTMAX;
        hp->expert_weights_norm = false;
        hp->expert_weights_scale = 0.0f;
    }

    /* attention geometry */
    if (hp->arch == MODEL_ARCH_DEEPSEEK2) {
        if (!opt_int(L, "attention.q_lora_rank", 0, BIG, 0, &hp->q_lora_rank)) return false;
        if (!need_int(L, "attention.kv_lora_rank", 1, BIG, &hp->kv_lora_rank)) return false;
        int kl = 0, vl = 0, klm = 0, vlm = 0;
        if (!opt_int(L, "attention.key_length", 1, BIG, 0, &kl)) return false;
        if (!opt_int(L, "attention.value_length", 1, BIG, 0, &vl)) return false;
        if (!opt_int(L, "attention.key_length_mla", 1, BIG, 0, &klm)) return false;
        if (!opt_int(L, "attention.value_length_mla", 1, BIG, 0, &vlm)) return false;
        /* files written for MLA caches say key_length = kv_lora + rope and keep the per-head
         * sizes in the _mla keys; older files have the per-head sizes in key/value_length */
        hp->n_embd_head_qk = klm ? klm : kl;
        hp->n_embd_head_v = vlm ? vlm : vl;
        if (!hp->n_embd_head_qk || !hp->n_embd_head_v) {
            lerr(L, "missing %s.attention.key_length / value_length", L->arch);
            return false;
        }
        if (!need_int(L, "rope.dimension_count", 2, hp->n_embd_head_qk, &hp->n_rot)) return false;
        if (hp->n_rot % 2) {
            lerr(L, "rope.dimension_count %d is odd", hp->n_rot);
            return false;
        }
        hp->n_embd_head_nope = hp->n_embd_head_qk - hp->n_rot;
        if (hp->n_embd_head_nope < 1) {
            lerr(L, "key length %d leaves no room beside %d rope dims", hp->n_embd_head_qk,
                 hp->n_rot);
            return false;
        }
    } else {
        if (hp->n_embd % hp->n_head) {
            lerr(L, "embedding_length %d is not a multiple of head_count %d", hp->n_embd,
                 hp->n_head);
            return false;
        }
        int hd = hp->n_embd / hp->n_head;
        if (!opt_int(L, "attention.key_length", 1, BIG, hd, &hp->n_embd_head_qk)) return false;
        if (!opt_int(L, "attention.value_length", 1, BIG, hd, &hp->n_embd_head_v)) return false;
        if (hp->n_embd_head_qk != hp->n_embd_head_v) {
            lerr(L, "key length %d != value length %d", hp->n_embd_head_qk, hp->n_embd_head_v);
            return false;
        }
        if (!opt_int(L, "rope.dimension_count", 2, hp->n_embd_head_qk, hp->n_embd_head_qk,
                     &hp->n_rot))
            return false;
        if (hp->n_rot % 2) {
            lerr(L, "rope.dimension_count %d is odd", hp->n_rot);
            return false;
        }
        if (hp->n_head % hp->n_head_kv) {
            lerr(L, "head_count %d is not a multiple of head_count_kv %d", hp->n_head,
                 hp->n_head_kv);
            return false;
        }
    }

    /* rope and YaRN, as llama.cpp's llama_context sets them up */
    hp->rope_freq_base = 10000.0f;
    key_f32(L, "rope.freq_base", &hp->rope_freq_base);
    if (!(hp->rope_freq_base > 1.0f) || !isfinite(hp->rope_freq_base)) {
        lerr(L, "rope.freq_base %g out of range", hp->rope_freq_base);
        return false;
    }
    float factor = 0.0f;
    if (!key_f32(L, "rope.scaling.factor", &factor)) factor = 0.0f;
    hp->rope_freq_scale = factor > 0.0f ? 1.0f / factor : 1.0f;
    if (!isfinite(hp->rope_freq_scale) || hp->rope_freq_scale <= 0) {
        lerr(L, "rope.scaling.factor %g out of range", factor);
        return false;
    }
    char *stype = key_str(L, "rope.scaling.type");
    hp->rope_yarn = stype && strcmp(stype, "yarn") == 0;
    if (stype && strcmp(stype, "none") == 0) hp->rope_freq_scale = 1.0f;
    if (stype && strcmp(stype, "yarn") && strcmp(stype, "linear") && strcmp(stype, "none")) {
        lerr(L, "rope.scaling.type '%s' is not supported (none, linear, yarn)", stype);
        free(stype);
        return false;
    }
    free(stype);
    if (!opt_int(L, "rope.scaling.original_context_length", 1, 1 << 30, hp->n_ctx_train,
                 &hp->n_ctx_orig_yarn))
        return false;
    hp->yarn_log_mul = 0.0f;
    key_f32(L, "rope.scaling.yarn_log_multiplier", &hp->yarn_log_mul);
    hp->yarn_beta_fast = 32.0f;
    hp->yarn_beta_slow = 1.0f;
    key_f32(L, "rope.scaling.yarn_beta_fast", &hp->yarn_beta_fast);
    key_f32(L, "rope.scaling.yarn_beta_slow", &hp->yarn_beta_slow);
    float rope_attn = 1.0f;
    key_f32(L, "rope.scaling.attn_factor", &rope_attn);
    hp->yarn_ext_factor = hp->rope_yarn ? 1.0f : 0.0f;
    float attn_factor = 1.0f;
    if (hp->yarn_ext_factor != 0.0f) {
        float fac = 1.0f / hp->rope_freq_scale;
#define GET_MSCALE(s, ms) ((s) <= 1.0f ? 1.0f : (0.1f * (ms) * logf(s) + 1.0f))
        if (hp->yarn_log_mul != 0.0f) {
            float mscale = 1.0f, mscale_all = hp->yarn_log_mul;
            /* DeepSeek-V2's config sets mscale = mscale_all_dim (llama.cpp special case) */
            if (hp->arch == MODEL_ARCH_DEEPSEEK2 && mscale_all != 1.0f) mscale = mscale_all;
            attn_factor = GET_MSCALE(fac, mscale) / GET_MSCALE(fac, mscale_all);
        } else {
            attn_factor = GET_MSCALE(fac, 1.0f);
        }
#undef GET_MSCALE
        /* the rope op multiplies by this again when ext_factor != 0; cancel it here */
        attn_factor *= 1.0f / (1.0f + 0.1f * logf(fac));
    }
    attn_factor *= rope_attn;
    hp->rope_attn_factor = attn_factor;
    if (hp->arch == MODEL_ARCH_DEEPSEEK2) {
        /* DeepSeek-V2 pre-scales the softmax by mscale^2, mscale = yarn_get_mscale(factor,
         * mscale_all_dim) = 1 + 0.1 * mscale_all_dim * ln(factor). The GGUF key
         * rope.scaling.yarn_log_multiplier holds 0.1 * mscale_all_dim (llama.cpp's converter
         * keeps that pre-scaling; since its PR 17945, merged 2025-12-12 and so older than the
         * reference build 10309, the loader divides by 0.1 and the graph multiplies again),
         * hence 1 + key * ln(factor) here. Checked: ds3-style-f16 within 6e-7 NMSE on all
         * sequences; reading the key as mscale_all_dim itself gives 4e-2. */
        float fs = hp->rope_freq_scale;
        float mscale = rope_attn * (1.0f + hp->yarn_log_mul * logf(1.0f / fs));
        hp->kq_scale = mscale * mscale / sqrtf((float)hp->n_embd_head_qk);
    } else {
        hp->kq_scale = 1.0f / sqrtf((float)hp->n_embd_head_qk);
    }
    return true;
}

/* Split a legacy attn_kv_b ([H*(nope+Dv)][R]) into the absorbed W_kb [H][R][nope] and
 * W_vb [H][Dv][R], as f32. */
static bool split_kv_b(struct loader *L, struct model_layer *ly, const struct wref *kvb)
{
    const struct model_hparams *hp = &L->m->hp;
    int H = hp->n_head, R = hp->kv_lora_rank, dn = hp->n_embd_head_nope, dv = hp->n_embd_head_v;
    float *row = malloc((size_t)R * sizeof(float));
    float *kb = own(L->m, (size_t)H * R * dn * sizeof(float));
    float *vb = own(L->m, (size_t)H * dv * R * sizeof(float));
    if (!row || !kb || !vb) {
        free(row);
        lerr(L, "out of memory splitting attn_kv_b");
        return false;
    }
    for (int h = 0; h < H; h++) {
        for (int d = 0; d < dn + dv; d++) {
            int64_t r = (int64_t)h * (dn + dv) + d;
            kern_dequant_row(kvb->type, kvb->data + (size_t)r * kvb->row_bytes, row, R);
            if (d < dn) {
                for (int c = 0; c < R; c++) kb[((size_t)h * R + c) * dn + d] = row[c];
            } else {
                memcpy(vb + ((size_t)h * dv + (d - dn)) * R, row, (size_t)R * sizeof(float));
            }
        }
    }
    free(row);
    ly->wk_b = (struct wref){KERN_F32, (const uint8_t *)kb, dn, R, H, (size_t)dn * 4,
                             (size_t)dn * 4 * R, NULL, true};
    ly->wv_b = (struct wref){KERN_F32, (const uint8_t *)vb, R, dv, H, (size_t)R * 4,
                             (size_t)R * 4 * dv, NULL, true};
    return true;
}

#define TN(buf, fmt, ...) (snprintf(buf, sizeof(buf), fmt, __VA_ARGS__), buf)

static bool load_layer(struct loader *L, int il)
{
    struct model *m = L->m;
    const struct model_hparams *hp = &m->hp;
    struct model_layer *ly = &m->layers[il];
    char n[96];
    int64_t E = hp->n_embd, H = hp->n_head;
    if (!load_vec(L, TN(n, "blk.%d.attn_norm.weight", il), E, true, &ly->attn_norm)) return false;
    if (!load_vec(L, TN(n, "blk.%d.ffn_norm.weight", il), E, true, &ly->ffn_norm)) return false;

    if (hp->arch == MODEL_ARCH_DEEPSEEK2) {
        int64_t R = hp->kv_lora_rank, dqk = hp->n_embd_head_qk, dv = hp->n_embd_head_v;
        int64_t dn = hp->n_embd_head_nope;
        if (hp->q_lora_rank > 0) {
            if (!load_w(L, TN(n, "blk.%d.attn_q_a.weight", il), E, hp->q_lora_rank, 1, true,
                        &ly->wq_a) ||
                !load_vec(L, TN(n, "blk.%d.attn_q_a_norm.weight", il), hp->q_lora_rank, true,
                          &ly->q_a_norm) ||
                !load_w(L, TN(n, "blk.%d.attn_q_b.weight", il), hp->q_lora_rank, H * dqk, 1,
                        true, &ly->wq_b))
                return false;
        } else if (!load_w(L, TN(n, "blk.%d.attn_q.weight", il), E, H * dqk, 1, true, &ly->wq)) {
            return false;
        }
        if (!load_w(L, TN(n, "blk.%d.attn_kv_a_mqa.weight", il), E, R + hp->n_rot, 1, true,
                    &ly->wkv_a) ||
            !load_vec(L, TN(n, "blk.%d.attn_kv_a_norm.weight", il), R, true, &ly->kv_a_norm))
            return false;
        if (gguf_find_tensor(L->f, TN(n, "blk.%d.attn_k_b.weight", il))) {
            if (!load_w(L, n, dn, R, H, true, &ly->wk_b) ||
                !load_w(L, TN(n, "blk.%d.attn_v_b.weight", il), R, dv, H, true, &ly->wv_b))
                return false;
            /* per-head 3-D products: ggml_mul_mat, never in llama.cpp's repack buffer */
            ly->wk_b.unpacked = ly->wv_b.unpacked = true;
        } else {
            struct wref kvb;
            if (!load_w(L, TN(n, "blk.%d.attn_kv_b.weight", il), R, H * (dn + dv), 1, true, &kvb))
                return false;
            if (!split_kv_b(L, ly, &kvb)) return false;
        }
        if (!load_w(L, TN(n, "blk.%d.attn_output.weight", il), H * dv, E, 1, true, &ly->wo))
            return false;
    } else {
        int64_t D = hp->n_embd_head_qk, Hkv = hp->n_head_kv;
        if (!load_w(L, TN(n, "blk.%d.attn_q.weight", il), E, H * D, 1, true, &ly->wq) ||
            !load_w(L, TN(n, "blk.%d.attn_k.weight", il), E, Hkv * D, 1, true, &ly->wk) ||
            !load_w(L, TN(n, "blk.%d.attn_v.weight", il), E, Hkv * D, 1, true, &ly->wv) ||
            !load_vec(L, TN(n, "blk.%d.attn_q.bias", il), H * D, false, &ly->bq) ||
            !load_vec(L, TN(n, "blk.%d.attn_k.bias", il), Hkv * D, false, &ly->bk) ||
            !load_vec(L, TN(n, "blk.%d.attn_v.bias", il), Hkv * D, false, &ly->bv) ||
            !load_w(L, TN(n, "blk.%d.attn_output.weight", il), H * D, E, 1, true, &ly->wo))
            return false;
    }

    ly->moe = !(hp->arch == MODEL_ARCH_DEEPSEEK2 && il < hp->n_layer_dense_lead);
    if (!ly->moe) {
        if (hp->n_ff <= 0) {
            lerr(L, "dense layer %d but no %s.feed_forward_length", il, L->arch);
            return false;
        }
        return load_w(L, TN(n, "blk.%d.ffn_gate.weight", il), E, hp->n_ff, 1, true,
                      &ly->ffn_gate) &&
               load_w(L, TN(n, "blk.%d.ffn_up.weight", il), E, hp->n_ff, 1, true, &ly->ffn_up) &&
               load_w(L, TN(n, "blk.%d.ffn_down.weight", il), hp->n_ff, E, 1, true,
                      &ly->ffn_down);
    }
    int64_t X = hp->n_expert, F = hp->n_ff_exp;
    if (F <= 0) {
        const struct gguf_tensor *t = gguf_find_tensor(L->f, TN(n, "blk.%d.ffn_up_exps.weight", il));
        if (!t) {
            lerr(L, "missing tensor %s", n);
            return false;
        }
        F = t->ne[1];
    }
    if (!load_w(L, TN(n, "blk.%d.ffn_gate_inp.weight", il), E, X, 1, true, &ly->gate_inp) ||
        !load_w(L, TN(n, "blk.%d.ffn_gate_exps.weight", il), E, F, X, true, &ly->gate_exps) ||
        !load_w(L, TN(n, "blk.%d.ffn_up_exps.weight", il), E, F, X, true, &ly->up_exps) ||
        !load_w(L, TN(n, "blk.%d.ffn_down_exps.weight", il), F, E, X, true, &ly->down_exps) ||
        !load_vec(L, TN(n, "blk.%d.exp_probs_b.bias", il), X, false, &ly->exp_probs_b))
        return false;
    /* shared expert(s): width from the tensor (n_ff_exp * shared count, or qwen's own) */
    const struct gguf_tensor *sh = gguf_find_tensor(L->f, TN(n, "blk.%d.ffn_up_shexp.weight", il));
    if (sh) {
        int64_t S = sh->ne[1];
        if (!load_w(L, n, E, S, 1, true, &ly->up_shexp) ||
            !load_w(L, TN(n, "blk.%d.ffn_gate_shexp.weight", il), E, S, 1, true,
                    &ly->gate_shexp) ||
            !load_w(L, TN(n, "blk.%d.ffn_down_shexp.weight", il), S, E, 1, true,
                    &ly->down_shexp))
            return false;
        if (S > m->hp.n_ff_shexp) m->hp.n_ff_shexp = (int)S;
        if (hp->arch == MODEL_ARCH_QWEN2MOE &&
            !load_vec(L, TN(n, "blk.%d.ffn_gate_inp_shexp.weight", il), E, true,
                      &ly->gate_inp_shexp))
            return false;
    } else if (hp->arch == MODEL_ARCH_DEEPSEEK2 && hp->n_expert_shared > 0) {
        lerr(L, "missing tensor %s (expert_shared_count is %d)", n, hp->n_expert_shared);
        return false;
    }
    if (F > m->hp.n_ff_exp) m->hp.n_ff_exp = (int)F;
    return true;
}

void model_free(struct model *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->n_owned; i++) free(m->owned[i]);
    free(m->owned);
    free(m->layers);
    free(m);
}

static size_t wref_bytes(const struct wref *w) { return w->data ? w->mat_bytes * w->n_mat : 0; }

struct model *model_load(const struct gguf_file *f, char *err, size_t errlen)
{
    if (err && errlen) err[0] = 0;
    struct model *m = calloc(1, sizeof(*m));
    char dummy[8];
    struct loader L = {f, m, err ? err : dummy, err ? errlen : sizeof(dummy), NULL};
    if (!m) {
        lerr(&L, "out of memory");
        return NULL;
    }
    char *arch = gguf_get_str(f, "general.architecture");
    if (!arch) {
        lerr(&L, "missing general.architecture");
        goto fail;
    }
    if (strcmp(arch, "deepseek2") == 0) {
        m->hp.arch = MODEL_ARCH_DEEPSEEK2;
        L.arch = "deepseek2";
    } else if (strcmp(arch, "qwen2moe") == 0) {
        m->hp.arch = MODEL_ARCH_QWEN2MOE;
        L.arch = "qwen2moe";
    } else {
        lerr(&L, "architecture '%s' is not supported (deepseek2, qwen2moe)", arch);
        free(arch);
        goto fail;
    }
    free(arch);
    if (!load_hparams(&L)) goto fail;
    struct model_hparams *hp = &m->hp;

    const struct gguf_tensor *te = gguf_find_tensor(f, "token_embd.weight");
    if (!te) {
        lerr(&L, "missing tensor token_embd.weight");
        goto fail;
    }
    if (te->ne[1] < 1 || te->ne[1] > (1 << 24)) {
        lerr(&L, "token_embd.weight has %lld rows", (long long)te->ne[1]);
        goto fail;
    }
    hp->n_vocab = (int)te->ne[1];
    if (!load_w(&L, "token_embd.weight", hp->n_embd, hp->n_vocab, 1, true, &m->tok_embd))
        goto fail;
    if (!load_vec(&L, "output_norm.weight", hp->n_embd, true, &m->output_norm)) goto fail;
    if (!load_w(&L, "output.weight", hp->n_embd, hp->n_vocab, 1, false, &m->output)) goto fail;
    if (!m->output.data) m->output = m->tok_embd; /* tied embeddings */

    m->layers = calloc((size_t)hp->n_layer, sizeof(*m->layers));
    if (!m->layers) {
        lerr(&L, "out of memory");
        goto fail;
    }
    for (int il = 0; il < hp->n_layer; il++)
        if (!load_layer(&L, il)) goto fail;

    /* bytes read per decoded token: everything but the unused experts and embedding rows */
    size_t act = wref_bytes(&m->output) + m->tok_embd.row_bytes;
    for (int il = 0; il < hp->n_layer; il++) {
        const struct model_layer *ly = &m->layers[il];
        const struct wref *all[] = {&ly->wq, &ly->wq_a, &ly->wq_b, &ly->wkv_a, &ly->wk_b,
                                    &ly->wv_b, &ly->wk, &ly->wv, &ly->wo, &ly->ffn_gate,
                                    &ly->ffn_up, &ly->ffn_down, &ly->gate_inp, &ly->gate_shexp,
                                    &ly->up_shexp, &ly->down_shexp};
        for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) act += wref_bytes(all[i]);
        const struct wref *ex[] = {&ly->gate_exps, &ly->up_exps, &ly->down_exps};
        for (size_t i = 0; i < 3; i++)
            if (ex[i]->data) act += ex[i]->mat_bytes * (size_t)hp->n_expert_used;
    }
    m->active_bytes = act;
    /* multiply-adds per decoded token, the same set (the output head counted in full) */
    int64_t macs = m->output.rows * m->output.k;
    for (int il = 0; il < hp->n_layer; il++) {
        const struct model_layer *ly = &m->layers[il];
        const struct wref *all[] = {&ly->wq, &ly->wq_a, &ly->wq_b, &ly->wkv_a, &ly->wk_b,
                                    &ly->wv_b, &ly->wk, &ly->wv, &ly->wo, &ly->ffn_gate,
                                    &ly->ffn_up, &ly->ffn_down, &ly->gate_inp, &ly->gate_shexp,
                                    &ly->up_shexp, &ly->down_shexp};
        for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
            if (all[i]->data) macs += all[i]->rows * all[i]->k * all[i]->n_mat;
        const struct wref *ex[] = {&ly->gate_exps, &ly->up_exps, &ly->down_exps};
        for (size_t i = 0; i < 3; i++)
            if (ex[i]->data) macs += ex[i]->rows * ex[i]->k * hp->n_expert_used;
    }
    m->active_macs = macs;
    return m;
fail:
    model_free(m);
    return NULL;
}

const struct model_hparams *model_hparams(const struct model *m) { return &m->hp; }
size_t model_weight_bytes(const struct model *m) { return m->weight_bytes; }
size_t model_active_bytes(const struct model *m) { return m->active_bytes; }

/* ---------------------------------------------------------------------------------------- */
/* context */

void model_ctx_free(struct model_ctx *c)
{
    if (!c) return;
    model_be_free(c->bk);
    kern_pool_free(c->pool);
    float **fl[] = {&c->kv, &c->kv2, &c->rope_cos, &c->rope_sin, &c->x, &c->xn, &c->tmp,
                    &c->q, &c->qa, &c->kva, &c->qabs, &c->olat, &c->gath, &c->attn, &c->k,
                    &c->v, &c->g, &c->u, &c->xg, &c->dg, &c->router, &c->probs, &c->sel_w,
                    &c->scores, &c->ffn_out, &c->ubuf_g, &c->ubuf_u, &c->utmp, &c->xmany, &c->hin, &c->hout, &c->kt,
                    &c->grp_r, &c->scores2, &c->moe_x, &c->moe_g, &c->moe_u, &c->moe_d};
    for (size_t i = 0; i < sizeof(fl) / sizeof(fl[0]); i++) free(*fl[i]);
    for (int i = 0; c->scr && i < c->n_threads; i++) {
        free(c->scr[i].xr);
        free(c->scr[i].sdelta);
        free(c->scr[i].mcorr);
    }
    free(c->scr);
    free(c->sel);
    free(c->exp_cnt);
    free(c->exp_tok);
    free(c->exp_slot);
    free(c);
}

static float *falloc(size_t n, bool *ok)
{
    float *p = calloc(n ? n : 1, sizeof(float));
    if (!p) *ok = false;
    return p;
}

/* llama.cpp / ggml YaRN helpers (ggml-cpu rope): correction dims and the ramp. */
static float rope_corr_dim(int n_dims, int n_ctx_orig, float n_rot, float base)
{
    return n_dims * logf(n_ctx_orig / (n_rot * 2 * (float)M_PI)) / (2 * logf(base));
}

static float rope_yarn_ramp(float low, float high, int i0)
{
    float y = (i0 / 2 - low) / fmaxf(0.001f, high - low);
    return 1 - fminf(1, fmaxf(0, y));
}

void model_rope_corr(const struct model_hparams *hp, float corr[2])
{
    int nd = hp->n_rot;
    corr[0] = fmaxf(0, floorf(rope_corr_dim(nd, hp->n_ctx_orig_yarn, hp->yarn_beta_fast,
                                             hp->rope_freq_base)));
    corr[1] = fminf(nd - 1, ceilf(rope_corr_dim(nd, hp->n_ctx_orig_yarn, hp->yarn_beta_slow,
                                                 hp->rope_freq_base)));
}

/* cos/sin of every position and rotary pair, as ggml's rope cache computes them. */
static void rope_table(struct model_ctx *c)
{
    const struct model_hparams *hp = &c->m->hp;
    int nd = hp->n_rot;
    float theta_scale = powf(hp->rope_freq_base, -2.0f / nd);
    float corr[2];
    model_rope_corr(hp, corr);
    for (int p = 0; p < c->n_ctx; p++) {
        float theta = (float)p;
        for (int i0 = 0; i0 < nd; i0 += 2) {
            float fs = hp->rope_freq_scale, ext = hp->yarn_ext_factor;
            float mscale = hp->rope_attn_factor;
            float t_interp = fs * theta, th = t_interp;
            if (ext != 0.0f) {
                float ramp_mix = rope_yarn_ramp(corr[0], corr[1], i0) * ext;
                th = t_interp * (1 - ramp_mix) + theta * ramp_mix;
                mscale *= 1.0f + 0.1f * logf(1.0f / fs);
            }
            c->rope_cos[(size_t)p * (nd / 2) + i0 / 2] = cosf(th) * mscale;
            c->rope_sin[(size_t)p * (nd / 2) + i0 / 2] = sinf(th) * mscale;
            theta *= theta_scale;
        }
    }
}

struct model_ctx *model_ctx_new(struct model *m, int n_ctx, int n_threads, char *err,
                                size_t errlen)
{
    const struct model_hparams *hp = &m->hp;
    if (n_ctx < 1 || n_ctx > (1 << 22)) {
        snprintf(err, errlen, "context size %d out of range", n_ctx);
        return NULL;
    }
    if (n_threads < 1 || n_threads > 256) {
        snprintf(err, errlen, "thread count %d out of range", n_threads);
        return NULL;
    }
    struct model_ctx *c = calloc(1, sizeof(*c));
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    c->m = m;
    c->n_ctx = n_ctx;
    c->n_threads = n_threads;
    c->n_batch = n_ctx < MODEL_MAX_BATCH ? n_ctx : MODEL_MAX_BATCH;
    if (n_threads > 1) {
        c->pool = kern_pool_new(n_threads);
        if (!c->pool) {
            snprintf(err, errlen, "cannot start a pool of %d threads", n_threads);
            free(c);
            return NULL;
        }
    }
    size_t B = (size_t)c->n_batch, E = hp->n_embd, H = hp->n_head, L = hp->n_layer;
    bool ok = true;
    if (hp->arch == MODEL_ARCH_DEEPSEEK2) {
        c->kv_row = hp->kv_lora_rank + hp->n_rot;
        c->kv = falloc(L * n_ctx * (size_t)c->kv_row, &ok);
        size_t R = hp->kv_lora_rank;
        c->q = falloc(B * H * hp->n_embd_head_qk, &ok);
        c->qa = falloc(B * (hp->q_lora_rank ? hp->q_lora_rank : 1), &ok);
        c->kva = falloc(B * c->kv_row, &ok);
        c->qabs = falloc(H * B * R, &ok);
        c->olat = falloc(H * B * R, &ok);
        c->gath = falloc(B * (hp->n_embd_head_nope > hp->n_embd_head_v ? hp->n_embd_head_nope
                                                                        : hp->n_embd_head_v),
                         &ok);
        c->attn = falloc(B * H * hp->n_embd_head_v, &ok);
    } else {
        c->kv_row = (int64_t)hp->n_head_kv * hp->n_embd_head_qk;
        c->kv = falloc(L * n_ctx * (size_t)c->kv_row, &ok);
        c->kv2 = falloc(L * n_ctx * (size_t)c->kv_row, &ok);
        c->q = falloc(B * H * hp->n_embd_head_qk, &ok);
        c->k = falloc(B * c->kv_row, &ok);
        c->v = falloc(B * c->kv_row, &ok);
        c->attn = falloc(B * H * hp->n_embd_head_v, &ok);
    }
    {
        size_t tiles = ((size_t)n_ctx + 63) / 64;
        size_t dk = hp->arch == MODEL_ARCH_DEEPSEEK2 ? (size_t)hp->kv_lora_rank + hp->n_rot
                                                     : (size_t)hp->n_embd_head_qk;
        size_t nkv = hp->arch == MODEL_ARCH_DEEPSEEK2 ? 1 : (size_t)hp->n_head_kv;
        c->kt_head = tiles * 64 * dk;
        c->kt = falloc(nkv * c->kt_head, &ok);
    }
    c->rope_cos = falloc((size_t)n_ctx * hp->n_rot / 2, &ok);
    c->rope_sin = falloc((size_t)n_ctx * hp->n_rot / 2, &ok);
    size_t F = hp->n_ff;
    if ((size_t)hp->n_ff_exp > F) F = hp->n_ff_exp;
    if ((size_t)hp->n_ff_shexp > F) F = hp->n_ff_shexp;
    c->x = falloc(B * E, &ok);
    /* activation rounding scratch: the widest k of any product, and the most rows */
    size_t kmax = E;
    size_t kc[] = {(size_t)hp->n_ff, (size_t)hp->n_ff_exp, (size_t)hp->n_ff_shexp,
                   (size_t)hp->n_head * hp->n_embd_head_qk, (size_t)hp->n_head * hp->n_embd_head_v,
                   (size_t)hp->q_lora_rank, (size_t)hp->kv_lora_rank + hp->n_rot};
    for (size_t i = 0; i < sizeof(kc) / sizeof(kc[0]); i++) kmax = kc[i] > kmax ? kc[i] : kmax;
    size_t rmax = (size_t)m->q1_rows_max; /* only Q4_1/Q5_1 products need mcorr */
    c->scr = calloc((size_t)n_threads, sizeof(*c->scr));
    if (!c->scr) ok = false;
    for (int i = 0; c->scr && i < n_threads; i++) {
        c->scr[i].xr = falloc(B * kmax, &ok);
        c->scr[i].sdelta = falloc(B * (kmax / 32 + 1), &ok);
        c->scr[i].mcorr = falloc(B * rmax, &ok);
    }
    c->ubuf_stride = (int64_t)F;
    c->ubuf_g = falloc((size_t)(MODEL_MAX_EXPERT_USED + 1) * F, &ok);
    c->ubuf_u = falloc((size_t)(MODEL_MAX_EXPERT_USED + 1) * F, &ok);
    c->utmp = falloc((size_t)n_threads * E, &ok);
    c->kmax = (int64_t)kmax;
    c->xmany = falloc((size_t)MODEL_MANY_MAX * MODEL_MANY_TOK * kmax, &ok);
    size_t hd = (size_t)(hp->n_embd_head_nope > hp->n_embd_head_v ? hp->n_embd_head_nope
                                                                   : hp->n_embd_head_v);
    /* per-head gathered inputs/outputs of the absorbed MLA products, for any batch size */
    c->hin = falloc(H * B * hd, &ok);
    c->hout = falloc(H * B * hd, &ok);
    {
        size_t K = (size_t)hp->n_expert_used, Fe = (size_t)hp->n_ff_exp;
        size_t Fs = (size_t)hp->n_ff_shexp, R = (size_t)hp->kv_lora_rank;
        size_t cap = (K + 1) * E;
        size_t alt[] = {K * Fe + Fs, (size_t)hp->n_ff, H * hd, H * R, kmax * 3};
        for (size_t i = 0; i < sizeof(alt) / sizeof(alt[0]); i++) cap = alt[i] > cap ? alt[i] : cap;
        c->grp_cap = B * cap;
        c->grp_r = falloc(c->grp_cap, &ok);
        if (hp->n_expert > 0) {
            c->moe_x = falloc(B * K * E, &ok);
            c->moe_g = falloc(B * (K * Fe + Fs), &ok);
            c->moe_u = falloc(B * (K * Fe + Fs), &ok);
            c->moe_d = falloc(B * (K + 1) * E, &ok);
        }
    }
    const char *ex = getenv("HUB_ENGINE_EXACT");
    c->exact = !(ex && !strcmp(ex, "0"));
    const char *rl = getenv("HUB_ENGINE_ROUTE_LOG");
    c->route_log = rl && *rl && strcmp(rl, "0");
    c->xn = falloc(B * E, &ok);
    c->tmp = falloc(B * E, &ok);
    c->ffn_out = falloc(B * E, &ok);
    c->g = falloc(B * F, &ok);
    c->u = falloc(B * F, &ok);
    c->xg = falloc(B * E, &ok);
    c->dg = falloc(B * E, &ok);
    c->router = falloc(B * hp->n_expert, &ok);
    c->probs = falloc(B * hp->n_expert, &ok);
    c->sel_w = falloc(B * hp->n_expert_used, &ok);
    c->q_row = hp->arch == MODEL_ARCH_DEEPSEEK2 ? hp->kv_lora_rank + hp->n_rot : hp->n_embd_head_qk;
    c->scores = falloc((size_t)n_threads * (n_ctx + c->q_row), &ok);
    c->scores2 = falloc((size_t)n_threads * (n_ctx + c->q_row), &ok); /* paired heads */
    c->sel = calloc(B * hp->n_expert_used, sizeof(int32_t));
    c->exp_cnt = calloc((size_t)hp->n_expert, sizeof(int32_t));
    c->exp_tok = calloc((size_t)hp->n_expert * B, sizeof(int32_t));
    c->exp_slot = calloc((size_t)hp->n_expert * B, sizeof(int32_t));
    if (!ok || !c->sel || !c->exp_cnt || !c->exp_tok || !c->exp_slot) {
        snprintf(err, errlen, "out of memory for a context of %d positions", n_ctx);
        model_ctx_free(c);
        return NULL;
    }
    rope_table(c);
    return c;
}

void model_ctx_reset(struct model_ctx *c) { c->n_pos = 0; }

int model_ctx_set_backend(struct model_ctx *c, struct hub_backend *be, char *err, size_t errlen)
{
    struct model_be *bk = NULL;
    if (be && !(bk = model_be_new(c->m, be, c->n_ctx, c->n_batch, err, errlen)))
        return HUB_ERR_INVALID;
    model_be_free(c->bk);
    c->bk = bk;
    c->n_pos = 0; /* the other side's cache holds nothing yet */
    return HUB_OK;
}

void model_ctx_set_route_hook(struct model_ctx *c, model_route_fn fn, void *user)
{
    c->route_hook = fn;
    c->route_user = fn ? user : NULL;
}
int model_ctx_pos(const struct model_ctx *c) { return c->n_pos; }

int model_ctx_truncate(struct model_ctx *c, int n_pos)
{
    if (n_pos < 0 || n_pos > c->n_pos) return HUB_ERR_RANGE;
    c->n_pos = n_pos; /* rows past n_pos are rewritten before anything reads them */
    return HUB_OK;
}
int model_ctx_size(const struct model_ctx *c) { return c->n_ctx; }

/* ---------------------------------------------------------------------------------------- */
/* forward */

/* AVX2/F16C versions of the small f16 and Q8 rounding loops below; chosen when kern runs
 * its AVX2 (or better) kernels, whose detection includes F16C and FMA. */
static bool model_simd(void) { return kern_isa_active() >= KERN_ISA_AVX2; }

static inline float f16_round(float x) { return kern_fp16_to_f32(kern_f32_to_fp16(x)); }

#ifdef MODEL_X86
MODEL_TARGET static inline __m256 f16r8(__m256 v)
{
    return _mm256_cvtph_ps(_mm256_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT));
}

/* y = f16(y * s) */
MODEL_TARGET static void f16_scale_avx2(float *y, float s, int n)
{
    int i = 0;
    __m256 vs = _mm256_set1_ps(s);
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, f16r8(_mm256_mul_ps(_mm256_loadu_ps(y + i), vs)));
    for (; i < n; i++) y[i] = f16_round(y[i] * s);
}

/* y = f16(x * v + y), one rounding of the product-sum as an FMA does */
MODEL_TARGET static void f16_mad_avx2(float *y, const float *x, float v, int n)
{
    int i = 0;
    __m256 vv = _mm256_set1_ps(v);
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(y + i, f16r8(_mm256_fmadd_ps(_mm256_loadu_ps(x + i), vv,
                                                      _mm256_loadu_ps(y + i))));
    for (; i < n; i++) y[i] = f16_round(fmaf(x[i], v, y[i]));
}

MODEL_TARGET static void f16_round_avx2(const float *x, float *y, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, f16r8(_mm256_loadu_ps(x + i)));
    for (; i < n; i++) y[i] = f16_round(x[i]);
}

/* Q8_0 grid of 32-blocks (see act_round); q81: also the block-sum deltas */
MODEL_TARGET static void act_q8_avx2(const float *x, size_t n, float *dst, float *sum_delta,
                                     bool q81)
{
    const __m256 absmask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    for (size_t b0 = 0; b0 < n; b0 += 32) {
        __m256 v0 = _mm256_loadu_ps(x + b0), v1 = _mm256_loadu_ps(x + b0 + 8);
        __m256 v2 = _mm256_loadu_ps(x + b0 + 16), v3 = _mm256_loadu_ps(x + b0 + 24);
        __m256 m = _mm256_max_ps(_mm256_max_ps(_mm256_and_ps(v0, absmask), _mm256_and_ps(v1, absmask)),
                                 _mm256_max_ps(_mm256_and_ps(v2, absmask), _mm256_and_ps(v3, absmask)));
        __m128 h = _mm_max_ps(_mm256_castps256_ps128(m), _mm256_extractf128_ps(m, 1));
        h = _mm_max_ps(h, _mm_movehl_ps(h, h));
        h = _mm_max_ss(h, _mm_movehdup_ps(h));
        float amax = _mm_cvtss_f32(h);
        float d = amax / 127.f, id = amax != 0 ? 127.f / amax : 0.f;
        float dh = f16_round(d);
        __m256 vid = _mm256_set1_ps(id), vdh = _mm256_set1_ps(dh);
        const int rnd = _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC;
        __m256 q0 = _mm256_round_ps(_mm256_mul_ps(v0, vid), rnd);
        __m256 q1 = _mm256_round_ps(_mm256_mul_ps(v1, vid), rnd);
        __m256 q2 = _mm256_round_ps(_mm256_mul_ps(v2, vid), rnd);
        __m256 q3 = _mm256_round_ps(_mm256_mul_ps(v3, vid), rnd);
        _mm256_storeu_ps(dst + b0, _mm256_mul_ps(q0, vdh));
        _mm256_storeu_ps(dst + b0 + 8, _mm256_mul_ps(q1, vdh));
        _mm256_storeu_ps(dst + b0 + 16, _mm256_mul_ps(q2, vdh));
        _mm256_storeu_ps(dst + b0 + 24, _mm256_mul_ps(q3, vdh));
        if (q81) {
            /* integers below 2^24: the float sum is exact */
            __m256 t = _mm256_add_ps(_mm256_add_ps(q0, q1), _mm256_add_ps(q2, q3));
            __m128 s4 = _mm_add_ps(_mm256_castps256_ps128(t), _mm256_extractf128_ps(t, 1));
            s4 = _mm_add_ps(s4, _mm_movehl_ps(s4, s4));
            s4 = _mm_add_ss(s4, _mm_movehdup_ps(s4));
            float sum = _mm_cvtss_f32(s4);
            sum_delta[b0 / 32] = f16_round(d * sum) - dh * sum;
        }
    }
}
#endif

/*
 * ggml multiplies each weight type with activations rounded to that type's "vec_dot_type":
 * f16 for F16, bf16 for BF16, Q8_0 blocks (fp16 scale, round half to even) for the 32-wide
 * types, Q8_1 (the same plus an fp16 block sum) for Q4_1/Q5_1, Q8_K for the k-quants. kern
 * keeps f32 scales (a little more exact), which leaves logits ~3e-4 NMSE away from llama.cpp's
 * on quantized files and flips close routing decisions. Rounding x onto ggml's grid first makes
 * kern's product land on the same values (its own requantization of an on-grid x is exact), so
 * the reference logits are matched to rounding.
 */
static int act_kind(int wtype)
{
    switch (wtype) {
    case KERN_F16: return 1;
    case KERN_BF16: return 2;
    case KERN_Q4_0: case KERN_Q5_0: case KERN_Q8_0: return 3;
    case KERN_Q4_1: case KERN_Q5_1: return 4;
    /* the k-quants: kern's Q8_K quantizer is ggml's quantize_row_q8_K_ref itself; a grid
     * rounding here would only let kern recompute the scale one ulp away */
    default: return 0;
    }
}

/* x [n] (n a multiple of 32 for kinds 3, 4) -> dst on ggml's activation grid. Kind 4 also
 * writes, per block, ggml's fp16 block sum minus the one kern will use (see mm()). */
static void act_round(int kind, const float *x, size_t n, float *dst, float *sum_delta)
{
#ifdef MODEL_X86
    if (model_simd() && kind == 1) {
        f16_round_avx2(x, dst, n);
        return;
    }
    if (model_simd() && (kind == 3 || kind == 4)) {
        act_q8_avx2(x, n, dst, sum_delta, kind == 4);
        return;
    }
#endif
    if (kind == 1) {
        for (size_t i = 0; i < n; i++) dst[i] = kern_fp16_to_f32(kern_f32_to_fp16(x[i]));
        return;
    }
    if (kind == 2) {
        for (size_t i = 0; i < n; i++) dst[i] = kern_bf16_to_f32(kern_f32_to_bf16(x[i]));
        return;
    }
    if (kind == 5) { /* Q8_K: scale from the signed extreme, as quantize_row_q8_K_ref */
        for (size_t b0 = 0; b0 < n; b0 += 256) {
            const float *xb = x + b0;
            float amax = 0, mx = 0;
            for (int j = 0; j < 256; j++) {
                float ax = fabsf(xb[j]);
                if (ax > amax) {
                    amax = ax;
                    mx = xb[j];
                }
            }
            float is = amax != 0 ? -127.f / mx : 0.f, d = amax != 0 ? 1 / is : 0.f;
            for (int j = 0; j < 256; j++) {
                float q = fminf(127.f, nearbyintf(is * xb[j]));
                dst[b0 + j] = d * q;
            }
        }
        return;
    }
    for (size_t b0 = 0; b0 < n; b0 += 32) {
        const float *xb = x + b0;
        float amax = 0;
        for (int j = 0; j < 32; j++) {
            float ax = fabsf(xb[j]);
            amax = ax > amax ? ax : amax;
        }
        float d = amax / 127.f, id = amax != 0 ? 127.f / amax : 0.f;
        float dh = kern_fp16_to_f32(kern_f32_to_fp16(d));
        int sum = 0;
        for (int j = 0; j < 32; j++) {
            float q = nearbyintf(xb[j] * id); /* round half to even, as _mm256_round_ps */
            dst[b0 + j] = dh * q;
            sum += (int)q;
        }
        if (kind == 4)
            sum_delta[b0 / 32] = kern_fp16_to_f32(kern_f32_to_fp16(d * (float)sum)) - dh * (float)sum;
    }
}

/*
 * Q4_1/Q5_1 rows times x exactly as ggml's AVX2 ggml_vec_dot_q{4,5}_1_q8_1 (x86 has no repacked
 * form of these): x to Q8_1 (fp16 d, fp16 s = d * sum of codes), per block 8 int32 lanes of 4
 * products each, acc[l] = fma(lane, dw*dx, acc[l]), the min terms m * s summed in a float, and
 * hsum_float_8(acc) + summs. kern keeps an exact block sum instead of the fp16 s, which moved
 * attn_output of the q4_k_m reference file (Q5_1) off llama.cpp's bits. Integer work is small:
 * these types only appear where a k-quant does not fit (rows of 128 or 32).
 */
/* x [T][k] to ggml's Q8_1 in scratch: codes qy [T][k], fp16-rounded d and s per block. */
static void q1_quant_x(const float *x, int T, int64_t k, float *scratch)
{
    const int64_t nb = k / 32;
    int8_t *qy = (int8_t *)scratch;
    float *dy = (float *)(qy + (size_t)T * k), *sy = dy + (size_t)T * nb;
    for (int64_t i = 0; i < T * nb; i++) {
        const float *xb = x + i * 32;
        float amax = 0;
        for (int j = 0; j < 32; j++) amax = fmaxf(amax, fabsf(xb[j]));
        const float d = amax / 127.f, id = amax != 0 ? 127.f / amax : 0.f;
        int sum = 0;
        for (int j = 0; j < 32; j++) {
            int q = (int)nearbyintf(xb[j] * id); /* round half to even, as _mm256_round_ps */
            qy[i * 32 + j] = (int8_t)q;
            sum += q;
        }
        dy[i] = f16_round(d);
        sy[i] = f16_round(d * (float)sum);
    }
}

/* Rows r0..r1 of W[mat] times the Q8_1 x in scratch (q1_quant_x of T rows of k):
 * out[t * ostride + (r - r0)]. The plain form of ggml's arithmetic. */
static inline __attribute__((always_inline)) void
q1_rows_body(const struct wref *w, int64_t mat, int64_t r0, int64_t r1, int T,
             const float *scratch, float *out, int64_t ostride)
{
    const int64_t k = w->k, nb = k / 32, R = r1 - r0;
    const bool q5 = w->type == KERN_Q5_1;
    const size_t bb = q5 ? 24 : 20; /* d, m (fp16), [qh 4 bytes], qs 16 bytes */
    const int8_t *qy = (const int8_t *)scratch;
    const float *dy = (const float *)(qy + (size_t)T * k), *sy = dy + (size_t)T * nb;
    for (int64_t r = 0; r < R; r++) {
        const uint8_t *row = w->data + (size_t)mat * w->mat_bytes + (size_t)(r0 + r) * w->row_bytes;
        for (int t = 0; t < T; t++) {
            float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0}, summs = 0;
            for (int64_t b = 0; b < nb; b++) {
                const uint8_t *blk = row + b * bb;
                uint16_t hd, hm;
                uint32_t qh = 0;
                memcpy(&hd, blk, 2);
                memcpy(&hm, blk + 2, 2);
                if (q5) memcpy(&qh, blk + 4, 4);
                const uint8_t *qs = blk + (q5 ? 8 : 4);
                const int8_t *yq = qy + ((size_t)t * nb + b) * 32;
                const float ydv = dy[(size_t)t * nb + b];
                /* ggml is built with FMA contraction: summs += m * s is one fma */
                summs = fmaf(kern_fp16_to_f32(hm), sy[(size_t)t * nb + b], summs);
                const float dd = kern_fp16_to_f32(hd) * ydv;
                int code[32];
                for (int j = 0; j < 16; j++) {
                    code[j] = (qs[j] & 0xF) | (int)(((qh >> j) & 1) << 4);
                    code[j + 16] = (qs[j] >> 4) | (int)(((qh >> (j + 16)) & 1) << 4);
                }
                for (int l = 0; l < 8; l++) {
                    int li = 0;
                    for (int j = 4 * l; j < 4 * l + 4; j++) li += code[j] * yq[j];
                    acc[l] = fmaf((float)li, dd, acc[l]);
                }
            }
            /* hsum_float_8 */
            float h0 = acc[4] + acc[0], h1 = acc[5] + acc[1], h2 = acc[6] + acc[2],
                  h3 = acc[7] + acc[3];
            h0 += h2;
            h1 += h3;
            out[(size_t)t * ostride + r] = (h0 + h1) + summs;
        }
    }
}

#ifdef MODEL_X86
#define MODEL_Q1_ROW_BLOCKS 128 /* a row's blocks decoded once for all tokens (k <= 4096) */

/* One Q4_1/Q5_1 block's 32 codes as bytes: low nibbles then high nibbles, bit j of qh as 16
 * (ggml's bytes_from_nibbles_32 | bytes_from_bits_32 & 0x10). */
MODEL_TARGET static inline __m256i q1_codes(const uint8_t *blk, bool q5)
{
    const __m128i qs = _mm_loadu_si128((const __m128i *)(blk + (q5 ? 8 : 4)));
    const __m128i lo = _mm_and_si128(qs, _mm_set1_epi8(0xF));
    const __m128i hi = _mm_and_si128(_mm_srli_epi16(qs, 4), _mm_set1_epi8(0xF));
    __m256i v = _mm256_set_m128i(hi, lo);
    if (q5) {
        uint32_t qh;
        memcpy(&qh, blk + 4, 4);
        const __m256i shuf = _mm256_set_epi64x(0x0303030303030303, 0x0202020202020202,
                                               0x0101010101010101, 0x0000000000000000);
        __m256i bits = _mm256_shuffle_epi8(_mm256_set1_epi32((int)qh), shuf);
        bits = _mm256_or_si256(bits, _mm256_set1_epi64x(0x7fbfdfeff7fbfdfe));
        bits = _mm256_cmpeq_epi8(bits, _mm256_set1_epi64x(-1));
        v = _mm256_or_si256(v, _mm256_and_si256(bits, _mm256_set1_epi8(0x10)));
    }
    return v;
}

/* The same numbers as q1_rows_body: each lane's 4-product integer sum (exact), converted and
 * fused into acc[l] block after block, hsum_float_8, + summs. */
MODEL_TARGET static void q1_rows_avx2(const struct wref *w, int64_t mat, int64_t r0, int64_t r1,
                                      int T, const float *scratch, float *out, int64_t ostride)
{
    const int64_t k = w->k, nb = k / 32, R = r1 - r0;
    if (nb > MODEL_Q1_ROW_BLOCKS) {
        q1_rows_body(w, mat, r0, r1, T, scratch, out, ostride);
        return;
    }
    const bool q5 = w->type == KERN_Q5_1;
    const size_t bb = q5 ? 24 : 20;
    const int8_t *qy = (const int8_t *)scratch;
    const float *dy = (const float *)(qy + (size_t)T * k), *sy = dy + (size_t)T * nb;
    __m256i codes[MODEL_Q1_ROW_BLOCKS];
    float dw[MODEL_Q1_ROW_BLOCKS], mw[MODEL_Q1_ROW_BLOCKS];
    const __m256i ones = _mm256_set1_epi16(1);
    for (int64_t r = 0; r < R; r++) {
        const uint8_t *row = w->data + (size_t)mat * w->mat_bytes + (size_t)(r0 + r) * w->row_bytes;
        for (int64_t b = 0; b < nb; b++) {
            uint16_t hd, hm;
            memcpy(&hd, row + b * bb, 2);
            memcpy(&hm, row + b * bb + 2, 2);
            dw[b] = _cvtsh_ss(hd);
            mw[b] = _cvtsh_ss(hm);
            codes[b] = q1_codes(row + b * bb, q5);
        }
        for (int t = 0; t < T; t++) {
            const int8_t *yq = qy + (size_t)t * k;
            const float *dyt = dy + (size_t)t * nb, *syt = sy + (size_t)t * nb;
            __m256 acc = _mm256_setzero_ps();
            float summs = 0;
            for (int64_t b = 0; b < nb; b++) {
                summs = fmaf(mw[b], syt[b], summs);
                const __m256i y = _mm256_loadu_si256((const __m256i *)(yq + b * 32));
                const __m256i p = _mm256_madd_epi16(_mm256_maddubs_epi16(codes[b], y), ones);
                acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(p), _mm256_set1_ps(dw[b] * dyt[b]), acc);
            }
            const __m128 h4 = _mm_add_ps(_mm256_extractf128_ps(acc, 1), _mm256_castps256_ps128(acc));
            const __m128 h2 = _mm_add_ps(h4, _mm_movehl_ps(h4, h4));
            const __m128 h1 = _mm_add_ss(h2, _mm_movehdup_ps(h2));
            out[(size_t)t * ostride + r] = _mm_cvtss_f32(h1) + summs;
        }
    }
}
#endif

static void q1_rows(const struct wref *w, int64_t mat, int64_t r0, int64_t r1, int T,
                    const float *scratch, float *out, int64_t ostride)
{
#ifdef MODEL_X86
    if (model_simd()) {
        q1_rows_avx2(w, mat, r0, r1, T, scratch, out, ostride);
        return;
    }
#endif
    q1_rows_body(w, mat, r0, r1, T, scratch, out, ostride);
}

/* out [T][r1-r0] = rows r0..r1 of a Q4_1/Q5_1 W[mat] times x [T][k], as ggml computes it. */
static void mm_q1_ggml(const struct wref *w, int64_t mat, int64_t r0, int64_t r1, const float *x,
                       int T, float *out, float *scratch)
{
    q1_quant_x(x, T, w->k, scratch);
    q1_rows(w, mat, r0, r1, T, scratch, out, r1 - r0);
}

/* Prefill: the rows of a Q4_1/Q5_1 product split over the pool (x quantized once before). */
struct q1_job {
    const struct wref *w;
    int64_t mat, rows;
    int T;
    const float *scratch;
    float *out;
};

static void q1_job_fn(void *arg, int ith, int nth)
{
    const struct q1_job *j = arg;
    int64_t r0 = j->rows * ith / nth, r1 = j->rows * (ith + 1) / nth;
    if (r1 > r0) q1_rows(j->w, j->mat, r0, r1, j->T, j->scratch, j->out + r0, j->rows);
}

/*
 * Q4_0 rows that llama.cpp does not repack, exactly as ggml_vec_dot_q4_0_q8_0 (AVX2) or
 * llamafile's tinyBLAS_Q0 (the same lanes) computes them: x to Q8_0 (fp16 d), per block 8 int32
 * lanes of 4 products, acc[l] = fma(dw*dx, lane, acc[l]), hsum_float_8. kern's Q4_0 dot follows
 * the repacked order instead (one fma per block), which is what the 2-D and expert weights get.
 */
static inline __attribute__((always_inline)) void mm_q40_lanes_body(const struct wref *w, int64_t mat, int64_t r0, int64_t r1,
                         const float *x, int T, float *out, float *scratch)
{
    const int64_t k = w->k, nb = k / 32, R = r1 - r0;
    int8_t *qy = (int8_t *)scratch;
    float *dy = (float *)(qy + (size_t)T * k);
    for (int64_t i = 0; i < T * nb; i++) {
        const float *xb = x + i * 32;
        float amax = 0;
        for (int j = 0; j < 32; j++) amax = fmaxf(amax, fabsf(xb[j]));
        const float id = amax != 0 ? 127.f / amax : 0.f;
        for (int j = 0; j < 32; j++) qy[i * 32 + j] = (int8_t)nearbyintf(xb[j] * id);
        dy[i] = f16_round(amax / 127.f);
    }
    for (int64_t r = 0; r < R; r++) {
        const uint8_t *row = w->data + (size_t)mat * w->mat_bytes + (size_t)(r0 + r) * w->row_bytes;
        for (int t = 0; t < T; t++) {
            float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
            for (int64_t b = 0; b < nb; b++) {
                const uint8_t *blk = row + b * 18;
                uint16_t hd;
                memcpy(&hd, blk, 2);
                const int8_t *yq = qy + ((size_t)t * nb + b) * 32;
                const float dd = kern_fp16_to_f32(hd) * dy[(size_t)t * nb + b];
                int code[32];
                for (int j = 0; j < 16; j++) {
                    code[j] = (blk[2 + j] & 0xF) - 8;
                    code[j + 16] = (blk[2 + j] >> 4) - 8;
                }
                for (int l = 0; l < 8; l++) {
                    int li = 0;
                    for (int j = 4 * l; j < 4 * l + 4; j++) li += code[j] * yq[j];
                    acc[l] = fmaf(dd, (float)li, acc[l]);
                }
            }
            float h0 = acc[4] + acc[0], h1 = acc[5] + acc[1], h2 = acc[6] + acc[2],
                  h3 = acc[7] + acc[3];
            h0 += h2;
            h1 += h3;
            out[(size_t)t * R + r] = h0 + h1;
        }
    }
}

/* The same in AVX2 registers, the instructions ggml uses (chosen when kern runs AVX2). */
#ifdef MODEL_X86
MODEL_TARGET static void mm_q40_lanes_avx2(const struct wref *w, int64_t mat, int64_t r0,
                                          int64_t r1, const float *x, int T, float *out,
                                          float *scratch)
{
    const int64_t k = w->k, nb = k / 32, R = r1 - r0;
    int8_t *qy = (int8_t *)scratch;
    float *dy = (float *)(qy + (size_t)T * k);
    for (int64_t i = 0; i < T * nb; i++) {
        const float *xb = x + i * 32;
        float amax = 0;
        for (int j = 0; j < 32; j++) {
            float a = fabsf(xb[j]);
            amax = a > amax ? a : amax;
        }
        const float id = amax != 0 ? 127.f / amax : 0.f;
        for (int j = 0; j < 32; j++) qy[i * 32 + j] = (int8_t)nearbyintf(xb[j] * id);
        dy[i] = f16_round(amax / 127.f);
    }
    const __m256i m4 = _mm256_set1_epi8(0x0F), off = _mm256_set1_epi8(8), one = _mm256_set1_epi16(1);
    for (int64_t r = 0; r < R; r++) {
        const uint8_t *row = w->data + (size_t)mat * w->mat_bytes + (size_t)(r0 + r) * w->row_bytes;
        for (int t = 0; t < T; t++) {
            __m256 acc = _mm256_setzero_ps();
            for (int64_t b = 0; b < nb; b++) {
                const uint8_t *blk = row + b * 18;
                uint16_t hd;
                memcpy(&hd, blk, 2);
                const __m128i raw = _mm_loadu_si128((const __m128i *)(blk + 2));
                /* ggml's bytes_from_nibbles_32: low nibbles are elements 0-15, high 16-31 */
                __m256i qw = _mm256_and_si256(_mm256_set_m128i(_mm_srli_epi16(raw, 4), raw), m4);
                qw = _mm256_sub_epi8(qw, off);
                const __m256i qx = _mm256_loadu_si256((const __m256i *)(qy + ((size_t)t * nb + b) * 32));
                const __m256i dot = _mm256_madd_epi16(
                    _mm256_maddubs_epi16(_mm256_sign_epi8(qw, qw), _mm256_sign_epi8(qx, qw)), one);
                const float dd = kern_fp16_to_f32(hd) * dy[(size_t)t * nb + b];
                acc = _mm256_fmadd_ps(_mm256_set1_ps(dd), _mm256_cvtepi32_ps(dot), acc);
            }
            /* hsum_float_8 */
            __m128 h = _mm_add_ps(_mm256_extractf128_ps(acc, 1), _mm256_castps256_ps128(acc));
            h = _mm_add_ps(h, _mm_movehl_ps(h, h));
            h = _mm_add_ss(h, _mm_movehdup_ps(h));
            out[(size_t)t * R + r] = _mm_cvtss_f32(h);
        }
    }
}
#endif
static void mm_q40_lanes(const struct wref *w, int64_t mat, int64_t r0, int64_t r1, const float *x, int T,
               float *out, float *scratch)
{
#ifdef MODEL_X86
    if (model_simd()) {
        mm_q40_lanes_avx2(w, mat, r0, r1, x, T, out, scratch);
        return;
    }
#endif
    mm_q40_lanes_body(w, mat, r0, r1, x, T, out, scratch);
}

/* out [T][r1-r0] = rows r0..r1 of W[mat] times x [T][k], with ggml's activation rounding (see
 * act_kind), on the given pool (NULL: this thread). */
static void mm_rows(struct model_ctx *c, const struct mm_scratch *sc, struct kern_pool *pool,
                    const struct wref *w, int64_t mat, int64_t r0, int64_t r1, const float *x,
                    int T, float *out)
{
    int kind = act_kind(w->type);
    int64_t rows = r1 - r0;
    const uint8_t *W = w->data + (size_t)mat * w->mat_bytes + (size_t)r0 * w->row_bytes;
    if (rows <= 0) return;
    if (kind == 4 && c->exact) {
        if (pool && r0 == 0 && r1 == w->rows) {
            q1_quant_x(x, T, w->k, sc->xr);
            struct q1_job j = {w, mat, rows, T, sc->xr, out};
            kern_pool_run(pool, q1_job_fn, &j);
        } else {
            mm_q1_ggml(w, mat, r0, r1, x, T, out, sc->xr);
        }
        return;
    }
    if (w->unpacked && w->type == KERN_Q4_0 && c->exact) {
        mm_q40_lanes(w, mat, r0, r1, x, T, out, sc->xr);
        return;
    }
    if (kind && c->exact) {
        act_round(kind, x, (size_t)T * w->k, sc->xr, sc->sdelta);
        x = sc->xr;
    }
    kern_matmul(pool, w->type, W, rows, w->k, x, T, out);
    if (kind == 4 && c->exact && w->mins) {
        /* Q4_1/Q5_1 rows add m_b * (block sum of x); ggml takes that sum from an fp16 field:
         * add the difference through the per-block mins (f32 [n_mat][rows][k/32]) */
        int64_t nb = w->k / 32;
        kern_matmul(NULL, KERN_F32, w->mins + ((size_t)mat * w->rows + r0) * nb, rows, nb,
                    sc->sdelta, T, sc->mcorr);
        kern_add(out, out, sc->mcorr, (int64_t)T * rows);
    }
}

/* out [T][rows] = W[mat] x, x [T][k]. */
static void mm(struct model_ctx *c, const struct wref *w, int64_t mat, const float *x, int T,
               float *out)
{
    /* a product too small to pay for waking the pool runs on the caller */
    struct kern_pool *pool = (int64_t)w->rows * w->k * T >= MODEL_POOL_MIN_MACS ? c->pool : NULL;
    mm_rows(c, &c->scr[0], pool, w, mat, 0, w->rows, x, T, out);
}

/* One product of a group: out [T][rows] = W[mat] x, x [T][k]. */
struct mm_req {
    const struct wref *w;
    int64_t mat;
    const float *x;
    int T;
    float *out;
};

#define MODEL_GROUP_MAX 160 /* products in one mm_group call (kern splits past 64) */

/*
 * Prefill: several products of any batch size (an FFN's gate and up, every expert's tokens,
 * the per-head absorbed matrices) in one pool dispatch instead of one each: each wake-up of the
 * workers is a barrier, and dozens per layer cost more than small products. x is rounded onto
 * the weight type's grid as mm() does (once for products that share x, T, k and grid), and
 * kern_matmul_many computes each row exactly as kern_matmul would, so results are unchanged.
 * Returns false without computing anything when a product needs its own path (Q4_1/Q5_1
 * correction, unpacked Q4_0) or the rounding scratch is too small; the caller then runs mm().
 */
static bool mm_group(struct model_ctx *c, int n, const struct mm_req *r)
{
    if (n < 1 || n > MODEL_GROUP_MAX) return false;
    size_t need = 0;
    int src[MODEL_GROUP_MAX];
    for (int i = 0; i < n; i++) {
        const struct wref *w = r[i].w;
        int kind = c->exact ? act_kind(w->type) : 0;
        if (act_kind(w->type) == 4 || (w->unpacked && w->type == KERN_Q4_0)) return false;
        src[i] = -1;
        if (!kind) continue;
        for (int j = 0; j < i && src[i] < 0; j++)
            if (src[j] == j && r[j].x == r[i].x && r[j].T == r[i].T && r[j].w->k == w->k &&
                act_kind(r[j].w->type) == kind)
                src[i] = j;
        if (src[i] < 0) {
            src[i] = i;
            need += (size_t)r[i].T * (size_t)w->k;
        }
    }
    if (need > c->grp_cap) return false;
    struct kern_mm v[MODEL_GROUP_MAX];
    size_t off = 0;
    int64_t macs = 0;
    for (int i = 0; i < n; i++) {
        const struct wref *w = r[i].w;
        const float *xi = r[i].x;
        if (src[i] == i) {
            float *dst = c->grp_r + off;
            act_round(act_kind(w->type), r[i].x, (size_t)r[i].T * w->k, dst, NULL);
            off += (size_t)r[i].T * (size_t)w->k;
            xi = dst;
        } else if (src[i] >= 0) {
            xi = v[src[i]].x; /* the same rounded x: kern quantizes it once */
        }
        v[i] = (struct kern_mm){w->type, w->data + (size_t)r[i].mat * w->mat_bytes, w->rows, w->k,
                                xi, r[i].T, r[i].out};
        macs += w->rows * w->k * r[i].T;
    }
    kern_matmul_many(macs >= MODEL_POOL_MIN_MACS ? c->pool : NULL, v, n);
    return true;
}

/* Several small products (a token's q and kv projections, the per-head absorbed matrices) in
 * one pool dispatch, each x rounded as mm() would. Falls back to one mm() after the other
 * for large batches, many products, or Q4_1/Q5_1 weights (their correction is per product). */
static void mm_many(struct model_ctx *c, int n, const struct wref *const *w, const int64_t *mat,
                    const float *const *x, int T, float *const *out)
{
    bool ok = T <= MODEL_MANY_TOK && n <= MODEL_MANY_MAX;
    for (int i = 0; ok && i < n; i++)
        ok = act_kind(w[i]->type) != 4 && !(w[i]->unpacked && w[i]->type == KERN_Q4_0) &&
             w[i]->k <= c->kmax;
    if (!ok) {
        struct mm_req rq[MODEL_GROUP_MAX];
        if (n >= 1 && n <= MODEL_GROUP_MAX) {
            for (int i = 0; i < n; i++) rq[i] = (struct mm_req){w[i], mat[i], x[i], T, out[i]};
            if (mm_group(c, n, rq)) return;
        }
        for (int i = 0; i < n; i++) mm(c, w[i], mat[i], x[i], T, out[i]);
        return;
    }
    struct kern_mm v[MODEL_MANY_MAX];
    int64_t macs = 0;
    for (int i = 0; i < n; i++) {
        int kind = act_kind(w[i]->type);
        const float *xi = x[i];
        if (kind && c->exact) {
            float *dst = c->xmany + (size_t)i * MODEL_MANY_TOK * c->kmax;
            if (i > 0 && x[i] == x[i - 1] && w[i]->type == w[i - 1]->type &&
                w[i]->k == w[i - 1]->k) {
                xi = v[i - 1].x; /* the same rounded x: kern quantizes it once */
            } else {
                act_round(kind, x[i], (size_t)T * w[i]->k, dst, NULL);
                xi = dst;
            }
        }
        v[i] = (struct kern_mm){w[i]->type, w[i]->data + (size_t)mat[i] * w[i]->mat_bytes,
                                w[i]->rows, w[i]->k, xi, T, out[i]};
        macs += w[i]->rows * w[i]->k * T;
    }
    kern_matmul_many(macs >= MODEL_POOL_MIN_MACS ? c->pool : NULL, v, n);
}

/*
 * RMSNorm with ggml's arithmetic (ggml_compute_forward_rms_norm_f32 fused with the weight
 * multiply): squares rounded to f32, summed in double in index order, the mean rounded to f32,
 * then y = x * scale * w. kern_rmsnorm sums in f32 lanes; the ~1e-7 change of scale moves
 * activations across Q8/f16 rounding boundaries downstream and flips close expert choices.
 */
#ifdef MODEL_X86
/* Sum of the f32 squares in double, four lanes: the float mean taken from it equals the one
 * of ggml's sequential double sum unless the two doubles straddle a float rounding point
 * (they differ by ~1e-16 relative), which does not happen in practice; the sequential loop
 * cost ~2% of a small model's decode. */
MODEL_TARGET static double sumsq_avx2(const float *x, int64_t n)
{
    __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd();
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 v = _mm256_loadu_ps(x + i);
        __m256 sq = _mm256_mul_ps(v, v);
        a0 = _mm256_add_pd(a0, _mm256_cvtps_pd(_mm256_castps256_ps128(sq)));
        a1 = _mm256_add_pd(a1, _mm256_cvtps_pd(_mm256_extractf128_ps(sq, 1)));
    }
    double t[4];
    _mm256_storeu_pd(t, _mm256_add_pd(a0, a1));
    double sum = (t[0] + t[1]) + (t[2] + t[3]);
    for (; i < n; i++) sum += (double)(x[i] * x[i]);
    return sum;
}
#endif

static void rmsnorm_ggml(float *dst, const float *x, const float *w, int64_t n, float eps)
{
    double sum = 0;
#ifdef MODEL_X86
    if (model_simd())
        sum = sumsq_avx2(x, n);
    else
#endif
        for (int64_t i = 0; i < n; i++) sum += (double)(x[i] * x[i]);
    const float mean = (float)(sum / (double)n);
    const float scale = 1.0f / sqrtf(mean + eps);
    for (int64_t i = 0; i < n; i++) dst[i] = x[i] * scale * (w ? w[i] : 1.0f);
}

static void rmsnorm_rows(float *dst, const float *x, const float *w, int T, int64_t n,
                         int64_t stride, float eps)
{
    for (int t = 0; t < T; t++) rmsnorm_ggml(dst + t * stride, x + t * stride, w, n, eps);
}

/* NORM rope rotates adjacent pairs; NEOX rotates (i, i + n/2). */
static void rope_norm(float *x, const float *cs, const float *sn, int nd)
{
    for (int i = 0; i < nd / 2; i++) {
        float x0 = x[2 * i], x1 = x[2 * i + 1];
        x[2 * i] = x0 * cs[i] - x1 * sn[i];
        x[2 * i + 1] = x0 * sn[i] + x1 * cs[i];
    }
}

static void rope_neox(float *x, const float *cs, const float *sn, int nd)
{
    int h = nd / 2;
    for (int i = 0; i < h; i++) {
        float x0 = x[i], x1 = x[i + h];
        x[i] = x0 * cs[i] - x1 * sn[i];
        x[i + h] = x0 * sn[i] + x1 * cs[i];
    }
}

/* Softmax of n scores, max-subtracted with a double sum like ggml's soft_max. */
static void softmax_scaled(float *s, int n)
{
    float mx = -INFINITY;
    for (int i = 0; i < n; i++) mx = s[i] > mx ? s[i] : mx;
    double sum = 0;
    for (int i = 0; i < n; i++) {
        s[i] = expf(s[i] - mx);
        sum += s[i];
    }
    float inv = (float)(1.0 / sum);
    for (int i = 0; i < n; i++) s[i] *= inv;
}

/*
 * q.k as ggml_vec_dot_f16 computes it on an AVX-512 build (the reference machine): four
 * 16-lane f32 FMA accumulators over 64-element steps, reduced (0+2, 1+3, 0+1, then the
 * _mm512_reduce_add_ps tree), the tail added in double. Both inputs hold f16 values. The
 * order matters: a last-bit difference in a score can move the f16 accumulator below across a
 * rounding boundary, and later Q8 activation scales across an fp16 one.
 */
#ifdef MODEL_X86
/* The same in AVX2 registers: a 16-lane accumulator is two 8-lane ones, lane for lane the same
 * FMAs, and the reduction tree added in the same pairs. */
MODEL_TARGET static float dot_f16_ggml_avx2(const float *x, const float *y, int n)
{
    int np = n & ~63;
    double sum = 0;
    if (np) {
        __m256 a[8];
        for (int r = 0; r < 8; r++) a[r] = _mm256_setzero_ps();
        for (int i = 0; i < np; i += 64)
            for (int r = 0; r < 8; r++)
                a[r] = _mm256_fmadd_ps(_mm256_loadu_ps(x + i + 8 * r), _mm256_loadu_ps(y + i + 8 * r),
                                       a[r]);
        /* accumulator j is registers 2j (lanes 0-7) and 2j+1 (lanes 8-15) */
        __m256 lo = _mm256_add_ps(_mm256_add_ps(a[0], a[4]), _mm256_add_ps(a[2], a[6]));
        __m256 hi = _mm256_add_ps(_mm256_add_ps(a[1], a[5]), _mm256_add_ps(a[3], a[7]));
        __m256 t8 = _mm256_add_ps(hi, lo);
        __m128 t4 = _mm_add_ps(_mm256_extractf128_ps(t8, 1), _mm256_castps256_ps128(t8));
        __m128 t2 = _mm_add_ps(t4, _mm_movehl_ps(t4, t4));
        sum = (double)(_mm_cvtss_f32(t2) + _mm_cvtss_f32(_mm_shuffle_ps(t2, t2, 1)));
    }
    for (int i = np; i < n; i++) sum += (double)(x[i] * y[i]);
    return (float)sum;
}
#endif

static float dot_f16_ggml(const float *x, const float *y, int n)
{
#ifdef MODEL_X86
    if (model_simd()) return dot_f16_ggml_avx2(x, y, n);
#endif
    int np = n & ~63;
    float acc[4][16] = {{0}};
    for (int i = 0; i < np; i += 64)
        for (int j = 0; j < 4; j++)
            for (int l = 0; l < 16; l++)
                acc[j][l] = fmaf(x[i + j * 16 + l], y[i + j * 16 + l], acc[j][l]);
    double sum = 0;
    if (np) {
        float a[16], t3[8], t6[4];
        /* pairs as ggml's reduce does: x0 += x2, x1 += x3, then x0 += x1 */
        for (int l = 0; l < 16; l++) {
            float x0 = acc[0][l] + acc[2][l], x1 = acc[1][l] + acc[3][l];
            a[l] = x0 + x1;
        }
        for (int l = 0; l < 8; l++) t3[l] = a[8 + l] + a[l];
        for (int m = 0; m < 4; m++) t6[m] = t3[4 + m] + t3[m];
        sum = (double)((t6[0] + t6[2]) + (t6[1] + t6[3]));
    }
    for (int i = np; i < n; i++) sum += (double)(x[i] * y[i]);
    return (float)sum;
}

/*
 * exp as ggml_v_expf computes it in one AVX-512 lane (ggml-cpu vec.h: a polynomial for
 * e^b on b = x - n ln2, then scaled by 2^n), for softmax sums that match llama.cpp's bits.
 */
static inline __attribute__((always_inline)) float expf_ggml(float x)
{
    float z = fmaf(x, 0x1.715476p+0f, 0x1.8p23f);
    float n = z - 0x1.8p23f;
    float b = fmaf(-n, 0x1.7f7d1cp-20f, fmaf(-n, 0x1.62e4p-1f, x));
    float u = b * b;
    float j = fmaf(fmaf(fmaf(0x1.0e4020p-7f, b, 0x1.573e2ep-5f), u,
                        fmaf(0x1.555e66p-3f, b, 0x1.fffdb6p-2f)),
                   u, fmaf(0x1.ffffecp-1f, b, 1.0f));
    if (fabsf(n) > 192) return n <= 0 ? 0.0f : INFINITY;
    int e = (int)n;
    if (e > -126 && e < 128) {
        /* 2^e is a normal float: one exact multiply (unless the product is subnormal, which
         * a j in [0.7, 1.5) and e > -126 cannot give) */
        union { uint32_t u; float f; } p2 = {(uint32_t)(e + 127) << 23};
        return j * p2.f;
    }
    return ldexpf(j, e);
}

/*
 * The "tiled" arithmetic of llama.cpp's CPU flash attention (batches of 64 rows or more):
 * f32 query; keys in tiles of 64; each score an FMA chain over the head dims; per tile an
 * online-softmax step (fa_tile_softmax); values accumulated as FMA chains over the tile's keys.
 */
#define MODEL_FA_TILE 64

/* One tile's online-softmax step: raise the running max *M to the tile's, rescale the value
 * accumulator out[0..dv) and the sum *S when it grew, turn the scores kq[0..nt) into
 * exp(score - max) by ggml_v_expf and add their sum as llama.cpp does (each 16 lanes reduced
 * pairwise, added in double). Masked or padded lanes give exp(-inf) = 0 and add nothing. */
static inline __attribute__((always_inline)) void fa_tile_softmax(float *kq, int nt, float *M,
                                                                  float *S, float *out, int dv)
{
    float tmax = -INFINITY;
    for (int tk = 0; tk < nt; tk++) tmax = kq[tk] > tmax ? kq[tk] : tmax;
    float mnew = fmaxf(*M, tmax);
    if (mnew > *M) {
        float ms = expf(*M - mnew);
        for (int i = 0; i < dv; i++) out[i] *= ms;
        *S *= ms;
    }
    *M = mnew;
    double sum = 0;
    for (int g = 0; g < MODEL_FA_TILE; g += 16) {
        float e[16], t8[8], t4[4];
        for (int l = 0; l < 16; l++) {
            e[l] = g + l < nt ? expf_ggml(kq[g + l] - mnew) : 0.0f;
            if (g + l < nt) kq[g + l] = e[l];
        }
        for (int l = 0; l < 8; l++) t8[l] = e[8 + l] + e[l];
        for (int l = 0; l < 4; l++) t4[l] = t8[4 + l] + t8[l];
        sum += (double)((t4[0] + t4[2]) + (t4[1] + t4[3]));
    }
    *S = (float)((double)*S + sum);
}

static inline __attribute__((always_inline)) void
attend_tiled_body(const float *q, const float *k, size_t kstride, int dk, const float *v,
                  size_t vstride, int dv, int n_kv, float scale, float *s, float *out)
{
    float M = -INFINITY, S = 0.0f;
    memset(out, 0, (size_t)dv * sizeof(float));
    for (int ic = 0; ic < n_kv; ic += MODEL_FA_TILE) {
        int nt = n_kv - ic < MODEL_FA_TILE ? n_kv - ic : MODEL_FA_TILE;
        float *kq = s + ic;
        for (int tk = 0; tk < nt; tk++) {
            const float *kr = k + (size_t)(ic + tk) * kstride;
            float acc = 0.0f;
            for (int d = 0; d < dk; d++) acc = fmaf(q[d], kr[d], acc);
            kq[tk] = acc * scale;
        }
        fa_tile_softmax(kq, nt, &M, &S, out, dv);
        for (int i = 0; i < dv; i++) {
            float acc = out[i];
            for (int tk = 0; tk < nt; tk++) acc = fmaf(kq[tk], v[(size_t)(ic + tk) * vstride + i], acc);
            out[i] = acc;
        }
    }
    float inv = S == 0.0f ? 0.0f : 1.0f / S;
    for (int i = 0; i < dv; i++) out[i] *= inv;
}

#ifdef MODEL_X86
/* The FMA-hardware copy: eight keys' score chains side by side in one register (lane j is key
 * j's own chain, so the bits are the scalar ones), and the value chains eight dims at a time. */
MODEL_TARGET static void attend_tiled_fma(const float *q, const float *k, size_t kstride, int dk,
                                          const float *v, size_t vstride, int dv, int n_kv,
                                          float scale, const float *kt, float *s, float *out)
{
    float M = -INFINITY, S = 0.0f;
    memset(out, 0, (size_t)dv * sizeof(float));
    const __m256i idx = _mm256_mullo_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7),
                                           _mm256_set1_epi32((int)kstride));
    for (int ic = 0; ic < n_kv; ic += MODEL_FA_TILE) {
        int nt = n_kv - ic < MODEL_FA_TILE ? n_kv - ic : MODEL_FA_TILE;
        float *kq = s + ic;
        int tk = 0;
        if (kt) {
            /* four groups of eight keys at once: independent chains keep the FMA unit busy */
            const float *kb = kt + (size_t)(ic / MODEL_FA_TILE) * dk * MODEL_FA_TILE;
            for (; tk + 32 <= nt; tk += 32) {
                __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
                for (int d = 0; d < dk; d++) {
                    __m256 qd = _mm256_set1_ps(q[d]);
                    const float *kd = kb + (size_t)d * MODEL_FA_TILE + tk;
                    a0 = _mm256_fmadd_ps(qd, _mm256_loadu_ps(kd), a0);
                    a1 = _mm256_fmadd_ps(qd, _mm256_loadu_ps(kd + 8), a1);
                    a2 = _mm256_fmadd_ps(qd, _mm256_loadu_ps(kd + 16), a2);
                    a3 = _mm256_fmadd_ps(qd, _mm256_loadu_ps(kd + 24), a3);
                }
                __m256 vs = _mm256_set1_ps(scale);
                _mm256_storeu_ps(kq + tk, _mm256_mul_ps(a0, vs));
                _mm256_storeu_ps(kq + tk + 8, _mm256_mul_ps(a1, vs));
                _mm256_storeu_ps(kq + tk + 16, _mm256_mul_ps(a2, vs));
                _mm256_storeu_ps(kq + tk + 24, _mm256_mul_ps(a3, vs));
            }
        }
        for (; tk + 8 <= nt; tk += 8) {
            __m256 acc = _mm256_setzero_ps();
            if (kt) { /* keys transposed per tile: [tile][d][64] */
                const float *kb = kt + (size_t)(ic / MODEL_FA_TILE) * dk * MODEL_FA_TILE + tk;
                for (int d = 0; d < dk; d++)
                    acc = _mm256_fmadd_ps(_mm256_set1_ps(q[d]),
                                          _mm256_loadu_ps(kb + (size_t)d * MODEL_FA_TILE), acc);
            } else {
                const float *kb = k + (size_t)(ic + tk) * kstride;
                for (int d = 0; d < dk; d++)
                    acc = _mm256_fmadd_ps(_mm256_set1_ps(q[d]), _mm256_i32gather_ps(kb + d, idx, 4),
                                          acc);
            }
            _mm256_storeu_ps(kq + tk, _mm256_mul_ps(acc, _mm256_set1_ps(scale)));
        }
        if (kt && tk < nt) {
            /* the last keys as one group of the tile (zero-padded to 64 keys): each lane is the
             * same fma chain as the scalar loop below, extra lanes are dropped */
            const float *kb = kt + (size_t)(ic / MODEL_FA_TILE) * dk * MODEL_FA_TILE + tk;
            __m256 acc = _mm256_setzero_ps();
            for (int d = 0; d < dk; d++)
                acc = _mm256_fmadd_ps(_mm256_set1_ps(q[d]),
                                      _mm256_loadu_ps(kb + (size_t)d * MODEL_FA_TILE), acc);
            float lanes[8];
            _mm256_storeu_ps(lanes, _mm256_mul_ps(acc, _mm256_set1_ps(scale)));
            memcpy(kq + tk, lanes, (size_t)(nt - tk) * sizeof(float));
            tk = nt;
        }
        for (; tk < nt; tk++) {
            const float *kr = k + (size_t)(ic + tk) * kstride;
            float acc = 0.0f;
            for (int d = 0; d < dk; d++) acc = fmaf(q[d], kr[d], acc);
            kq[tk] = acc * scale;
        }
        fa_tile_softmax(kq, nt, &M, &S, out, dv);
        int i = 0;
        for (; i + 32 <= dv; i += 32) { /* four independent chains per step, as above */
            __m256 a0 = _mm256_loadu_ps(out + i), a1 = _mm256_loadu_ps(out + i + 8);
            __m256 a2 = _mm256_loadu_ps(out + i + 16), a3 = _mm256_loadu_ps(out + i + 24);
            for (tk = 0; tk < nt; tk++) {
                __m256 p = _mm256_set1_ps(kq[tk]);
                const float *vr = v + (size_t)(ic + tk) * vstride + i;
                a0 = _mm256_fmadd_ps(p, _mm256_loadu_ps(vr), a0);
                a1 = _mm256_fmadd_ps(p, _mm256_loadu_ps(vr + 8), a1);
                a2 = _mm256_fmadd_ps(p, _mm256_loadu_ps(vr + 16), a2);
                a3 = _mm256_fmadd_ps(p, _mm256_loadu_ps(vr + 24), a3);
            }
            _mm256_storeu_ps(out + i, a0);
            _mm256_storeu_ps(out + i + 8, a1);
            _mm256_storeu_ps(out + i + 16, a2);
            _mm256_storeu_ps(out + i + 24, a3);
        }
        for (; i + 8 <= dv; i += 8) {
            __m256 acc = _mm256_loadu_ps(out + i);
            for (tk = 0; tk < nt; tk++)
                acc = _mm256_fmadd_ps(_mm256_set1_ps(kq[tk]),
                                      _mm256_loadu_ps(v + (size_t)(ic + tk) * vstride + i), acc);
            _mm256_storeu_ps(out + i, acc);
        }
        for (; i < dv; i++) {
            float acc = out[i];
            for (tk = 0; tk < nt; tk++) acc = fmaf(kq[tk], v[(size_t)(ic + tk) * vstride + i], acc);
            out[i] = acc;
        }
    }
    float inv = S == 0.0f ? 0.0f : 1.0f / S;
    for (int i = 0; i < dv; i++) out[i] *= inv;
}
#endif

#ifdef MODEL_X86
/*
 * Two queries (two MLA heads of one token: the same keys, values and n_kv) through
 * attend_tiled_fma's steps at once: each key/value load feeds both queries' FMAs (the
 * single-query loops issue one load per FMA and wait on loads). Every chain, softmax step and
 * sum is the single-query one for each query, so both outputs are attend_tiled_fma's bits.
 * kt must be the transposed tiles; s0/s1 hold n_kv scores each.
 */
MODEL_TARGET static void attend2_tiled_fma(const float *const qs[2], const float *k, size_t kstride,
                                           int dk, const float *v, size_t vstride, int dv,
                                           int n_kv, float scale, const float *kt,
                                           float *const ss[2], float *const outs[2])
{
    float M[2] = {-INFINITY, -INFINITY}, S[2] = {0.0f, 0.0f};
    for (int qi = 0; qi < 2; qi++) memset(outs[qi], 0, (size_t)dv * sizeof(float));
    const __m256 vs = _mm256_set1_ps(scale);
    for (int ic = 0; ic < n_kv; ic += MODEL_FA_TILE) {
        int nt = n_kv - ic < MODEL_FA_TILE ? n_kv - ic : MODEL_FA_TILE;
        const float *kb = kt + (size_t)(ic / MODEL_FA_TILE) * dk * MODEL_FA_TILE;
        const float *q0 = qs[0], *q1 = qs[1];
        float *kq0 = ss[0] + ic, *kq1 = ss[1] + ic;
        int tk = 0;
        for (; tk + 32 <= nt; tk += 32) { /* 8 independent chains: 4 key groups x 2 queries */
            __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
            __m256 b0 = a0, b1 = a0, b2 = a0, b3 = a0;
            for (int d = 0; d < dk; d++) {
                const float *kd = kb + (size_t)d * MODEL_FA_TILE + tk;
                const __m256 x0 = _mm256_set1_ps(q0[d]), x1 = _mm256_set1_ps(q1[d]);
                __m256 kv = _mm256_loadu_ps(kd);
                a0 = _mm256_fmadd_ps(x0, kv, a0);
                b0 = _mm256_fmadd_ps(x1, kv, b0);
                kv = _mm256_loadu_ps(kd + 8);
                a1 = _mm256_fmadd_ps(x0, kv, a1);
                b1 = _mm256_fmadd_ps(x1, kv, b1);
                kv = _mm256_loadu_ps(kd + 16);
                a2 = _mm256_fmadd_ps(x0, kv, a2);
                b2 = _mm256_fmadd_ps(x1, kv, b2);
                kv = _mm256_loadu_ps(kd + 24);
                a3 = _mm256_fmadd_ps(x0, kv, a3);
                b3 = _mm256_fmadd_ps(x1, kv, b3);
            }
            _mm256_storeu_ps(kq0 + tk, _mm256_mul_ps(a0, vs));
            _mm256_storeu_ps(kq0 + tk + 8, _mm256_mul_ps(a1, vs));
            _mm256_storeu_ps(kq0 + tk + 16, _mm256_mul_ps(a2, vs));
            _mm256_storeu_ps(kq0 + tk + 24, _mm256_mul_ps(a3, vs));
            _mm256_storeu_ps(kq1 + tk, _mm256_mul_ps(b0, vs));
            _mm256_storeu_ps(kq1 + tk + 8, _mm256_mul_ps(b1, vs));
            _mm256_storeu_ps(kq1 + tk + 16, _mm256_mul_ps(b2, vs));
            _mm256_storeu_ps(kq1 + tk + 24, _mm256_mul_ps(b3, vs));
        }
        for (int qi = 0; qi < 2; qi++) {
            const float *q = qs[qi];
            float *kq = ss[qi] + ic, *out = outs[qi];
            int tq = tk;
            for (; tq + 8 <= nt; tq += 8) {
                __m256 acc = _mm256_setzero_ps();
                const float *kd = kb + tq;
                for (int d = 0; d < dk; d++)
                    acc = _mm256_fmadd_ps(_mm256_set1_ps(q[d]),
                                          _mm256_loadu_ps(kd + (size_t)d * MODEL_FA_TILE), acc);
                _mm256_storeu_ps(kq + tq, _mm256_mul_ps(acc, vs));
            }
            if (tq < nt) { /* the last keys: a whole group of the (padded) tile, lanes kept */
                __m256 acc = _mm256_setzero_ps();
                const float *kd = kb + tq;
                for (int d = 0; d < dk; d++)
                    acc = _mm256_fmadd_ps(_mm256_set1_ps(q[d]),
                                          _mm256_loadu_ps(kd + (size_t)d * MODEL_FA_TILE), acc);
                float lanes[8];
                _mm256_storeu_ps(lanes, _mm256_mul_ps(acc, vs));
                memcpy(kq + tq, lanes, (size_t)(nt - tq) * sizeof(float));
            }
            fa_tile_softmax(kq, nt, &M[qi], &S[qi], out, dv);
        }
        int i = 0;
        for (; i + 32 <= dv; i += 32) { /* 8 chains: 4 dim groups x 2 queries */
            float *o0 = outs[0] + i, *o1 = outs[1] + i;
            __m256 a0 = _mm256_loadu_ps(o0), a1 = _mm256_loadu_ps(o0 + 8);
            __m256 a2 = _mm256_loadu_ps(o0 + 16), a3 = _mm256_loadu_ps(o0 + 24);
            __m256 b0 = _mm256_loadu_ps(o1), b1 = _mm256_loadu_ps(o1 + 8);
            __m256 b2 = _mm256_loadu_ps(o1 + 16), b3 = _mm256_loadu_ps(o1 + 24);
            for (tk = 0; tk < nt; tk++) {
                const float *vr = v + (size_t)(ic + tk) * vstride + i;
                const __m256 p0 = _mm256_set1_ps(kq0[tk]), p1 = _mm256_set1_ps(kq1[tk]);
                __m256 vv = _mm256_loadu_ps(vr);
                a0 = _mm256_fmadd_ps(p0, vv, a0);
                b0 = _mm256_fmadd_ps(p1, vv, b0);
                vv = _mm256_loadu_ps(vr + 8);
                a1 = _mm256_fmadd_ps(p0, vv, a1);
                b1 = _mm256_fmadd_ps(p1, vv, b1);
                vv = _mm256_loadu_ps(vr + 16);
                a2 = _mm256_fmadd_ps(p0, vv, a2);
                b2 = _mm256_fmadd_ps(p1, vv, b2);
                vv = _mm256_loadu_ps(vr + 24);
                a3 = _mm256_fmadd_ps(p0, vv, a3);
                b3 = _mm256_fmadd_ps(p1, vv, b3);
            }
            _mm256_storeu_ps(o0, a0);
            _mm256_storeu_ps(o0 + 8, a1);
            _mm256_storeu_ps(o0 + 16, a2);
            _mm256_storeu_ps(o0 + 24, a3);
            _mm256_storeu_ps(o1, b0);
            _mm256_storeu_ps(o1 + 8, b1);
            _mm256_storeu_ps(o1 + 16, b2);
            _mm256_storeu_ps(o1 + 24, b3);
        }
        for (int qi = 0; qi < 2; qi++) {
            const float *kq = ss[qi] + ic;
            float *out = outs[qi];
            int j = i;
            for (; j + 8 <= dv; j += 8) {
                __m256 acc = _mm256_loadu_ps(out + j);
                for (tk = 0; tk < nt; tk++)
                    acc = _mm256_fmadd_ps(_mm256_set1_ps(kq[tk]),
                                          _mm256_loadu_ps(v + (size_t)(ic + tk) * vstride + j), acc);
                _mm256_storeu_ps(out + j, acc);
            }
            for (; j < dv; j++) {
                float acc = out[j];
                for (tk = 0; tk < nt; tk++) acc = fmaf(kq[tk], v[(size_t)(ic + tk) * vstride + j], acc);
                out[j] = acc;
            }
        }
    }
    for (int qi = 0; qi < 2; qi++) {
        float inv = S[qi] == 0.0f ? 0.0f : 1.0f / S[qi];
        for (int i = 0; i < dv; i++) outs[qi][i] *= inv;
    }
}
#endif

static void attend_tiled(const float *q, const float *k, size_t kstride, int dk, const float *v,
                         size_t vstride, int dv, int n_kv, float scale, const float *kt, float *s,
                         float *out)
{
#ifdef MODEL_X86
    if (model_simd()) {
        attend_tiled_fma(q, k, kstride, dk, v, vstride, dv, n_kv, scale, kt, s, out);
        return;
    }
#endif
    attend_tiled_body(q, k, kstride, dk, v, vstride, dv, n_kv, scale, s, out);
}

/*
 * One query row against n_kv cached keys/values (cache values already hold f16-representable
 * numbers, as llama.cpp keeps its KV cache in f16). The arithmetic follows llama.cpp's CPU
 * flash attention, which is what produced the reference logits:
 *  - batches of 64 rows or more ("tiled" kernel): f32 query, plain softmax, f32 accumulator;
 *  - smaller batches and one-token decodes ("one_chunk" kernel): the query rounded to f16, an
 *    online softmax, and the value accumulator rounded to f16 after every step.
 * The two differ by ~1e-7 in NMSE of the logits, which is the f32 models' whole tolerance.
 * q: dk floats (overwritten when rounded); k/v rows every kstride/vstride floats.
 */
static void attend(float *q, const float *k, size_t kstride, int dk, const float *v,
                   size_t vstride, int dv, int n_kv, float scale, bool half, const float *kt,
                   float *s, float *out)
{
    if (!half) {
        attend_tiled(q, k, kstride, dk, v, vstride, dv, n_kv, scale, kt, s, out);
        return;
    }
    bool simd = model_simd();
#ifdef MODEL_X86
    if (simd)
        f16_round_avx2(q, q, (size_t)dk);
    else
#endif
        for (int i = 0; i < dk; i++) q[i] = f16_round(q[i]);
    float M = -INFINITY, S = 0.0f;
    memset(out, 0, (size_t)dv * sizeof(float));
    for (int j = 0; j < n_kv; j++) {
        float sc = dot_f16_ggml(q, k + (size_t)j * kstride, dk) * scale;
        float ms = 1.0f, vs = 1.0f;
        if (sc > M) {
            float mold = M;
            M = sc;
            ms = expf(mold - M);
#ifdef MODEL_X86
            if (simd)
                f16_scale_avx2(out, ms, dv);
            else
#endif
                for (int i = 0; i < dv; i++) out[i] = f16_round(out[i] * ms);
        } else {
            vs = expf(sc - M);
        }
        const float *vr = v + (size_t)j * vstride;
#ifdef MODEL_X86
        if (simd)
            f16_mad_avx2(out, vr, vs, dv);
        else
#endif
            for (int i = 0; i < dv; i++) out[i] = f16_round(fmaf(vr[i], vs, out[i]));
        /* ggml is built with FMA contraction: S = fma(S, ms, vs); with ms == 1 (no new
         * maximum, the common case) that is S + vs, without a libm call */
        S = ms == 1.0f ? S + vs : fmaf(S, ms, vs);
    }
    float inv = S == 0.0f ? 0.0f : 1.0f / S;
    for (int i = 0; i < dv; i++) out[i] *= inv;
}

/* per-thread scratch: n_ctx scores, then one query row */
static float *job_scratch(struct model_ctx *c, int ith)
{
    return c->scores + (size_t)ith * (c->n_ctx + c->q_row);
}

/* deepseek2 MLA attention of one (token, head) over the latent cache: the query is
 * [q_abs (R) | q_pe (n_rot)], a cache row is [ckv (R) | kpe (n_rot)], values are ckv. */
static void attn_ds2_job(void *arg, int ith, int nth)
{
    struct model_ctx *c = arg;
    const struct model_hparams *hp = &c->m->hp;
    int H = hp->n_head, T = c->cur_T, R = hp->kv_lora_rank, nr = hp->n_rot;
    int dqk = hp->n_embd_head_qk, dn = hp->n_embd_head_nope;
    const float *cache = c->kv + (size_t)c->cur_layer * c->n_ctx * c->kv_row;
    float *s = job_scratch(c, ith), *qrow = s + c->n_ctx;
#ifdef MODEL_X86
    if (T >= 64 && model_simd()) {
        /* heads in pairs: both read the same latent rows (see attend2_tiled_fma) */
        float *s2 = c->scores2 + (size_t)ith * (c->n_ctx + c->q_row), *qrow2 = s2 + c->n_ctx;
        int HP = (H + 1) / 2;
        for (int it = ith; it < HP * T; it += nth) {
            int t = it / HP, h = 2 * (it % HP);
            if (h + 1 == H) { /* an odd head count's last head alone */
                memcpy(qrow, c->qabs + ((size_t)h * T + t) * R, (size_t)R * sizeof(float));
                memcpy(qrow + R, c->q + ((size_t)t * H + h) * dqk + dn, (size_t)nr * sizeof(float));
                attend(qrow, cache, c->kv_row, R + nr, cache, c->kv_row, R, c->cur_pos0 + t + 1,
                       hp->kq_scale, false, c->kt, s, c->olat + ((size_t)h * T + t) * R);
                continue;
            }
            float *qr[2] = {qrow, qrow2};
            for (int u = 0; u < 2; u++) {
                memcpy(qr[u], c->qabs + ((size_t)(h + u) * T + t) * R, (size_t)R * sizeof(float));
                memcpy(qr[u] + R, c->q + ((size_t)t * H + h + u) * dqk + dn,
                       (size_t)nr * sizeof(float));
            }
            const float *const qc[2] = {qrow, qrow2};
            float *const sc[2] = {s, s2};
            float *const oc[2] = {c->olat + ((size_t)h * T + t) * R,
                                  c->olat + ((size_t)(h + 1) * T + t) * R};
            attend2_tiled_fma(qc, cache, c->kv_row, R + nr, cache, c->kv_row, R,
                              c->cur_pos0 + t + 1, hp->kq_scale, c->kt, sc, oc);
        }
        return;
    }
#endif
    for (int it = ith; it < H * T; it += nth) {
        int t = it / H, h = it % H;
        memcpy(qrow, c->qabs + ((size_t)h * T + t) * R, (size_t)R * sizeof(float));
        memcpy(qrow + R, c->q + ((size_t)t * H + h) * dqk + dn, (size_t)nr * sizeof(float));
        attend(qrow, cache, c->kv_row, R + nr, cache, c->kv_row, R, c->cur_pos0 + t + 1,
               hp->kq_scale, T < 64, T < 64 ? NULL : c->kt, s, c->olat + ((size_t)h * T + t) * R);
    }
}

static void attn_qwen_job(void *arg, int ith, int nth)
{
    struct model_ctx *c = arg;
    const struct model_hparams *hp = &c->m->hp;
    int H = hp->n_head, T = c->cur_T, D = hp->n_embd_head_qk, grp = hp->n_head / hp->n_head_kv;
    size_t off = (size_t)c->cur_layer * c->n_ctx * c->kv_row;
    const float *kc = c->kv + off, *vc = c->kv2 + off;
    float *s = job_scratch(c, ith), *qrow = s + c->n_ctx;
    for (int it = ith; it < H * T; it += nth) {
        int t = it / H, h = it % H, hk = h / grp;
        memcpy(qrow, c->q + ((size_t)t * H + h) * D, (size_t)D * sizeof(float));
        attend(qrow, kc + (size_t)hk * D, c->kv_row, D, vc + (size_t)hk * D, c->kv_row, D,
               c->cur_pos0 + t + 1, hp->kq_scale, T < 64,
               T < 64 ? NULL : c->kt + (size_t)hk * c->kt_head, s,
               c->attn + ((size_t)t * H + h) * D);
    }
}

/* Keys [0, n_kv) transposed into 64-key tiles, [tile][d][64] (zero past n_kv), so the tiled
 * attention reads eight keys' d-th values with one load. */
static void fill_kt(const float *k, size_t kstride, int dk, int n_kv, float *kt)
{
    int ntile = (n_kv + MODEL_FA_TILE - 1) / MODEL_FA_TILE;
    for (int tile = 0; tile < ntile; tile++) {
        float *dst = kt + (size_t)tile * dk * MODEL_FA_TILE;
        for (int tk = 0; tk < MODEL_FA_TILE; tk++) {
            int j = tile * MODEL_FA_TILE + tk;
            const float *kr = k + (size_t)j * kstride;
            for (int d = 0; d < dk; d++) dst[(size_t)d * MODEL_FA_TILE + tk] = j < n_kv ? kr[d] : 0.0f;
        }
    }
}

/* Run a job over (token, head) items: on the pool when the work pays for the round trip. */
static void run_attn(struct model_ctx *c, void (*fn)(void *, int, int), int T)
{
    if (T >= 64) {
        const struct model_hparams *hp = &c->m->hp;
        int n_kv = c->cur_pos0 + T;
        size_t off = (size_t)c->cur_layer * c->n_ctx * c->kv_row;
        if (hp->arch == MODEL_ARCH_DEEPSEEK2)
            fill_kt(c->kv + off, c->kv_row, hp->kv_lora_rank + hp->n_rot, n_kv, c->kt);
        else
            for (int hk = 0; hk < hp->n_head_kv; hk++)
                fill_kt(c->kv + off + (size_t)hk * hp->n_embd_head_qk, c->kv_row,
                        hp->n_embd_head_qk, n_kv, c->kt + (size_t)hk * c->kt_head);
    }
    long work = (long)T * c->m->hp.n_head * (c->cur_pos0 + T);
    if (c->pool && work >= 256)
        kern_pool_run(c->pool, fn, c);
    else
        fn(c, 0, 1);
}

/* xn [T][E] -> tmp [T][E] */
static void attention_ds2(struct model_ctx *c, int il, int T, int pos0)
{
    const struct model_hparams *hp = &c->m->hp;
    const struct model_layer *ly = &c->m->layers[il];
    int H = hp->n_head, R = hp->kv_lora_rank, nr = hp->n_rot, dqk = hp->n_embd_head_qk;
    int dn = hp->n_embd_head_nope, dv = hp->n_embd_head_v;
    /* q [T][H][dqk] */
    if (hp->q_lora_rank > 0) {
        mm(c, &ly->wq_a, 0, c->xn, T, c->qa);
        rmsnorm_rows(c->qa, c->qa, ly->q_a_norm, T, hp->q_lora_rank, hp->q_lora_rank,
                     hp->rms_eps);
        mm(c, &ly->wq_b, 0, c->qa, T, c->q);
        /* kva [T][R + nr]: latent then the shared rope key */
        mm(c, &ly->wkv_a, 0, c->xn, T, c->kva);
    } else {
        const struct wref *w2[2] = {&ly->wq, &ly->wkv_a};
        const int64_t m2[2] = {0, 0};
        const float *x2[2] = {c->xn, c->xn};
        float *o2[2] = {c->q, c->kva};
        mm_many(c, 2, w2, m2, x2, T, o2);
    }
    float *cache = c->kv + (size_t)il * c->n_ctx * c->kv_row;
    for (int t = 0; t < T; t++) {
        int p = pos0 + t;
        const float *cs = c->rope_cos + (size_t)p * (nr / 2), *sn = c->rope_sin + (size_t)p * (nr / 2);
        for (int h = 0; h < H; h++) rope_norm(c->q + ((size_t)t * H + h) * dqk + dn, cs, sn, nr);
        float *kr = c->kva + (size_t)t * c->kv_row;
        rope_norm(kr + R, cs, sn, nr);
        float *dst = cache + (size_t)p * c->kv_row;
        rmsnorm_ggml(dst, kr, ly->kv_a_norm, R, hp->rms_eps);
        memcpy(dst + R, kr + R, (size_t)nr * sizeof(float));
        act_round(1, dst, (size_t)(R + nr), dst, NULL); /* an f16 cache */
    }
    /* q_abs[h] [T][R] = W_kb[h] q_nope[h] */
    if (H <= MODEL_MANY_MAX) {
        const struct wref *wh[MODEL_MANY_MAX] = {0};
        int64_t mh[MODEL_MANY_MAX] = {0};
        const float *xh[MODEL_MANY_MAX] = {0};
        float *oh[MODEL_MANY_MAX] = {0};
        for (int h = 0; h < H; h++) {
            float *g = c->hin + (size_t)h * T * dn;
            for (int t = 0; t < T; t++)
                memcpy(g + (size_t)t * dn, c->q + ((size_t)t * H + h) * dqk,
                       (size_t)dn * sizeof(float));
            wh[h] = &ly->wk_b;
            mh[h] = h;
            xh[h] = g;
            oh[h] = c->qabs + (size_t)h * T * R;
        }
        mm_many(c, H, wh, mh, xh, T, oh);
    } else {
        for (int h = 0; h < H; h++) {
            for (int t = 0; t < T; t++)
                memcpy(c->gath + (size_t)t * dn, c->q + ((size_t)t * H + h) * dqk,
                       (size_t)dn * sizeof(float));
            mm(c, &ly->wk_b, h, c->gath, T, c->qabs + (size_t)h * T * R);
        }
    }
    c->cur_layer = il;
    c->cur_T = T;
    c->cur_pos0 = pos0;
    run_attn(c, attn_ds2_job, T);
    /* out[h] [T][dv] = W_vb[h] o_lat[h], then heads side by side: attn [T][H*dv] */
    if (H <= MODEL_MANY_MAX) {
        const struct wref *wh[MODEL_MANY_MAX] = {0};
        int64_t mh[MODEL_MANY_MAX] = {0};
        const float *xh[MODEL_MANY_MAX] = {0};
        float *oh[MODEL_MANY_MAX] = {0};
        for (int h = 0; h < H; h++) {
            wh[h] = &ly->wv_b;
            mh[h] = h;
            xh[h] = c->olat + (size_t)h * T * R;
            oh[h] = c->hout + (size_t)h * T * dv;
        }
        mm_many(c, H, wh, mh, xh, T, oh);
        for (int h = 0; h < H; h++)
            for (int t = 0; t < T; t++)
                memcpy(c->attn + ((size_t)t * H + h) * dv, oh[h] + (size_t)t * dv,
                       (size_t)dv * sizeof(float));
    } else {
        for (int h = 0; h < H; h++) {
            mm(c, &ly->wv_b, h, c->olat + (size_t)h * T * R, T, c->gath);
            for (int t = 0; t < T; t++)
                memcpy(c->attn + ((size_t)t * H + h) * dv, c->gath + (size_t)t * dv,
                       (size_t)dv * sizeof(float));
        }
    }
    mm(c, &ly->wo, 0, c->attn, T, c->tmp);
}

static void add_bias(float *x, const float *b, int T, int64_t n)
{
    if (!b) return;
    for (int t = 0; t < T; t++) kern_add(x + t * n, x + t * n, b, n);
}

static void attention_qwen(struct model_ctx *c, int il, int T, int pos0)
{
    const struct model_hparams *hp = &c->m->hp;
    const struct model_layer *ly = &c->m->layers[il];
    int H = hp->n_head, Hkv = hp->n_head_kv, D = hp->n_embd_head_qk, nr = hp->n_rot;
    {
        const struct wref *w3[3] = {&ly->wq, &ly->wk, &ly->wv};
        const int64_t m3[3] = {0, 0, 0};
        const float *x3[3] = {c->xn, c->xn, c->xn};
        float *o3[3] = {c->q, c->k, c->v};
        mm_many(c, 3, w3, m3, x3, T, o3);
    }
    add_bias(c->q, ly->bq, T, (int64_t)H * D);
    add_bias(c->k, ly->bk, T, c->kv_row);
    add_bias(c->v, ly->bv, T, c->kv_row);
    size_t off = (size_t)il * c->n_ctx * c->kv_row;
    for (int t = 0; t < T; t++) {
        int p = pos0 + t;
        const float *cs = c->rope_cos + (size_t)p * (nr / 2), *sn = c->rope_sin + (size_t)p * (nr / 2);
        for (int h = 0; h < H; h++) rope_neox(c->q + ((size_t)t * H + h) * D, cs, sn, nr);
        for (int h = 0; h < Hkv; h++) rope_neox(c->k + ((size_t)t * Hkv + h) * D, cs, sn, nr);
        float *kd = c->kv + off + (size_t)p * c->kv_row, *vd = c->kv2 + off + (size_t)p * c->kv_row;
        act_round(1, c->k + (size_t)t * c->kv_row, (size_t)c->kv_row, kd, NULL); /* f16 cache */
        act_round(1, c->v + (size_t)t * c->kv_row, (size_t)c->kv_row, vd, NULL);
    }
    c->cur_layer = il;
    c->cur_T = T;
    c->cur_pos0 = pos0;
    run_attn(c, attn_qwen_job, T);
    mm(c, &ly->wo, 0, c->attn, T, c->tmp);
}

/* SwiGLU FFN of n rows of x [n][E] through gate/up (matrix mat of the stack) and down. */
static void ffn_swiglu(struct model_ctx *c, const struct wref *gate, const struct wref *up,
                       const struct wref *down, int64_t mat, const float *x, int n, float *out)
{
    int64_t F = gate->rows;
    const struct wref *w2[2] = {gate, up};
    const int64_t m2[2] = {mat, mat};
    const float *x2[2] = {x, x};
    float *o2[2] = {c->g, c->u};
    mm_many(c, 2, w2, m2, x2, n, o2);
    kern_swiglu(c->g, c->g, c->u, F * n);
    mm(c, down, mat, c->g, n, out);
}

static float sigmoidf(float x) { return 1.0f / (1.0f + expf(-x)); }

/* Pick the top k of n scores (descending; earlier index wins ties). */
static void top_k(const float *s, int n, int k, int32_t *idx)
{
    for (int i = 0; i < k; i++) idx[i] = -1;
    for (int e = 0; e < n; e++) {
        float v = s[e];
        if (v == -INFINITY) continue;
        int pos = k;
        while (pos > 0 && (idx[pos - 1] < 0 || s[idx[pos - 1]] < v)) pos--;
        if (pos >= k) continue;
        for (int j = k - 1; j > pos; j--) idx[j] = idx[j - 1];
        idx[pos] = e;
    }
}

/* Routing of one token: probs [n_expert] -> sel [k], sel_w [k] (llama.cpp build_moe_ffn). */
static void route(struct model_ctx *c, const struct model_layer *ly, const float *logits,
                  float *probs, int32_t *sel, float *w)
{
    const struct model_hparams *hp = &c->m->hp;
    int X = hp->n_expert, K = hp->n_expert_used;
    float selp[4096];
    memcpy(probs, logits, (size_t)X * sizeof(float));
    if (hp->gating == MODEL_GATING_SIGMOID) {
        for (int e = 0; e < X; e++) probs[e] = sigmoidf(probs[e]);
    } else {
        softmax_scaled(probs, X);
    }
    for (int e = 0; e < X; e++) selp[e] = probs[e] + (ly->exp_probs_b ? ly->exp_probs_b[e] : 0);
    if (hp->n_expert_groups > 1) {
        /* a group scores the sum of its two best experts; keep the n_group_used best groups */
        int G = hp->n_expert_groups, per = X / G;
        float gscore[4096];
        for (int gi = 0; gi < G; gi++) {
            int32_t t2[2];
            top_k(selp + gi * per, per, 2, t2);
            gscore[gi] = selp[gi * per + t2[0]] + selp[gi * per + t2[1]];
        }
        int32_t keep[4096];
        top_k(gscore, G, hp->n_group_used, keep);
        bool kept[4096] = {false};
        for (int i = 0; i < hp->n_group_used; i++)
            if (keep[i] >= 0) kept[keep[i]] = true;
        for (int gi = 0; gi < G; gi++)
            if (!kept[gi])
                for (int e = 0; e < per; e++) selp[gi * per + e] = -INFINITY;
    }
    top_k(selp, X, K, sel);
    float sum = 0;
    for (int i = 0; i < K; i++) {
        if (sel[i] < 0) sel[i] = 0; /* all -inf: cannot happen with finite logits */
        w[i] = probs[sel[i]];
        sum += w[i];
    }
    if (hp->expert_weights_norm) {
        if (sum < 6.103515625e-5f) sum = 6.103515625e-5f;
        for (int i = 0; i < K; i++) w[i] /= sum;
    }
    if (hp->expert_weights_scale != 0.0f)
        for (int i = 0; i < K; i++) w[i] *= hp->expert_weights_scale;
}

/*
 * Decode (one token): the routed experts and the shared expert are a handful of small
 * products, too small to split one by one. Two pool jobs do them all: the first splits every
 * expert's gate/up rows across the parts (SwiGLU is row-local), the second splits the output
 * rows of every expert's down projection, so each part sums its own slice of ffn_out.
 */
static void moe_up_job(void *arg, int part, int n_parts)
{
    struct model_ctx *c = arg;
    const float *x = c->xn;
    for (int u = 0; u < c->n_units; u++) {
        int64_t F = c->ug[u]->rows, r0 = F * part / n_parts, r1 = F * (part + 1) / n_parts;
        float *g = c->ubuf_g + (size_t)u * c->ubuf_stride, *up = c->ubuf_u + (size_t)u * c->ubuf_stride;
        mm_rows(c, &c->scr[part], NULL, c->ug[u], c->umat[u], r0, r1, x, 1, g + r0);
        mm_rows(c, &c->scr[part], NULL, c->uu[u], c->umat[u], r0, r1, x, 1, up + r0);
        kern_swiglu(g + r0, g + r0, up + r0, r1 - r0);
    }
}

static void moe_down_job(void *arg, int part, int n_parts)
{
    struct model_ctx *c = arg;
    int64_t E = c->m->hp.n_embd, r0 = E * part / n_parts, r1 = E * (part + 1) / n_parts;
    float *tmp = c->utmp + (size_t)part * E;
    memset(c->ffn_out + r0, 0, (size_t)(r1 - r0) * sizeof(float));
    for (int u = 0; u < c->n_units; u++) {
        mm_rows(c, &c->scr[part], NULL, c->ud[u], c->umat[u], r0, r1,
                c->ubuf_g + (size_t)u * c->ubuf_stride, 1, tmp);
        kern_scale_add(c->ffn_out + r0, tmp, c->uw[u], r1 - r0);
    }
}

/* xn [T][E] -> ffn_out [T][E] */
/*
 * HUB_ENGINE_ROUTE_LOG=1 (diagnostics): per layer and token, the gap between the k-th chosen
 * and the best unchosen expert score, and whether routing on router logits computed in double
 * (from the same normed input) picks the same experts. A small gap with "flip" marks a near-tie
 * that only exact arithmetic decides.
 */
static void route_log(struct model_ctx *c, const struct model_layer *ly, int il, int T)
{
    const struct model_hparams *hp = &c->m->hp;
    int X = hp->n_expert, K = hp->n_expert_used;
    int64_t E = hp->n_embd;
    float *row = malloc((size_t)E * sizeof(float)), *lg = malloc((size_t)X * sizeof(float));
    float *pr = malloc((size_t)X * sizeof(float)), *wt = malloc((size_t)K * sizeof(float));
    int32_t *sel = malloc((size_t)K * sizeof(int32_t));
    if (!row || !lg || !pr || !wt || !sel) goto out;
    for (int t = 0; t < T; t++) {
        const float *xn = c->xn + (size_t)t * E;
        for (int e = 0; e < X; e++) {
            kern_dequant_row(ly->gate_inp.type, ly->gate_inp.data + (size_t)e * ly->gate_inp.row_bytes,
                             row, E);
            double d = 0;
            for (int64_t i = 0; i < E; i++) d += (double)row[i] * xn[i];
            lg[e] = (float)d;
        }
        route(c, ly, lg, pr, sel, wt);
        const int32_t *ours = c->sel + (size_t)t * K;
        bool same = true;
        for (int i = 0; i < K; i++) {
            bool found = false;
            for (int j = 0; j < K; j++) found |= sel[j] == ours[i];
            same &= found;
        }
        /* the gap on the scores route() ranked (probabilities plus any bias) */
        const float *p = c->probs + (size_t)t * X;
        float kth = INFINITY, next = -INFINITY;
        for (int e = 0; e < X; e++) {
            float v = p[e] + (ly->exp_probs_b ? ly->exp_probs_b[e] : 0);
            bool chosen = false;
            for (int i = 0; i < K; i++) chosen |= ours[i] == e;
            if (chosen && v < kth) kth = v;
            if (!chosen && v > next) next = v;
        }
        fprintf(stderr, "route layer %d pos %d gap %.3e %s\n", il, c->n_pos + t, kth - next,
                same ? "same" : "flip");
    }
out:
    free(row);
    free(lg);
    free(pr);
    free(wt);
    free(sel);
}

/*
 * Prefill MoE in two dispatches: every active expert's gate and up over its gathered tokens
 * (and the shared expert's over all) in one, every down projection in the other, instead of
 * three per expert. The sums into ffn_out keep the per-expert path's order (experts by id, then
 * the shared one), so the result is the same to the bit. false: not possible here (see
 * mm_group), nothing written to ffn_out.
 */
static bool moe_group(struct model_ctx *c, const struct model_layer *ly, int T)
{
    const struct model_hparams *hp = &c->m->hp;
    int X = hp->n_expert;
    int64_t E = hp->n_embd, Fe = ly->gate_exps.rows;
    bool sh = ly->up_shexp.data != NULL;
    int64_t Fs = sh ? ly->gate_shexp.rows : 0;
    if (!c->moe_x || Fe > hp->n_ff_exp || Fs > hp->n_ff_shexp || 2 * (X + 1) > MODEL_GROUP_MAX)
        return false;
    struct mm_req rq[MODEL_GROUP_MAX];
    int32_t first[4097];
    int nq = 0, rows = 0;
    if (X > 4096) return false;
    for (int e = 0; e < X; e++) {
        int n = c->exp_cnt[e];
        first[e] = rows;
        if (!n) continue;
        const int32_t *toks = c->exp_tok + (size_t)e * c->n_batch;
        for (int i = 0; i < n; i++)
            memcpy(c->moe_x + (size_t)(rows + i) * E, c->xn + (size_t)toks[i] * E,
                   (size_t)E * sizeof(float));
        const float *xe = c->moe_x + (size_t)rows * E;
        rq[nq++] = (struct mm_req){&ly->gate_exps, e, xe, n, c->moe_g + (size_t)rows * Fe};
        rq[nq++] = (struct mm_req){&ly->up_exps, e, xe, n, c->moe_u + (size_t)rows * Fe};
        rows += n;
    }
    float *gs = c->moe_g + (size_t)rows * Fe, *us = c->moe_u + (size_t)rows * Fe;
    if (sh) {
        rq[nq++] = (struct mm_req){&ly->gate_shexp, 0, c->xn, T, gs};
        rq[nq++] = (struct mm_req){&ly->up_shexp, 0, c->xn, T, us};
    }
    if (!mm_group(c, nq, rq)) return false;
    /* SwiGLU per product, over the same spans as the per-expert path */
    nq = 0;
    for (int e = 0; e < X; e++) {
        int n = c->exp_cnt[e];
        if (!n) continue;
        float *g = c->moe_g + (size_t)first[e] * Fe;
        kern_swiglu(g, g, c->moe_u + (size_t)first[e] * Fe, Fe * n);
        rq[nq++] = (struct mm_req){&ly->down_exps, e, g, n, c->moe_d + (size_t)first[e] * E};
    }
    float *ds = c->moe_d + (size_t)rows * E;
    if (sh) {
        kern_swiglu(gs, gs, us, Fs * T);
        rq[nq++] = (struct mm_req){&ly->down_shexp, 0, gs, T, ds};
    }
    if (!mm_group(c, nq, rq))
        for (int i = 0; i < nq; i++) mm(c, rq[i].w, rq[i].mat, rq[i].x, rq[i].T, rq[i].out);
    memset(c->ffn_out, 0, (size_t)T * E * sizeof(float));
    for (int e = 0; e < X; e++) {
        int n = c->exp_cnt[e];
        const int32_t *toks = c->exp_tok + (size_t)e * c->n_batch;
        const int32_t *slots = c->exp_slot + (size_t)e * c->n_batch;
        for (int i = 0; i < n; i++)
            kern_scale_add(c->ffn_out + (size_t)toks[i] * E, c->moe_d + (size_t)(first[e] + i) * E,
                           c->sel_w[slots[i]], E);
    }
    if (sh) {
        for (int t = 0; t < T; t++) {
            float gw = 1.0f;
            if (ly->gate_inp_shexp)
                gw = sigmoidf(kern_dot_f32(ly->gate_inp_shexp, c->xn + (size_t)t * E, E));
            kern_scale_add(c->ffn_out + (size_t)t * E, ds + (size_t)t * E, gw, E);
        }
    }
    return true;
}

static void ffn_moe(struct model_ctx *c, const struct model_layer *ly, int T)
{
    const struct model_hparams *hp = &c->m->hp;
    int X = hp->n_expert, K = hp->n_expert_used, E = hp->n_embd;
    mm(c, &ly->gate_inp, 0, c->xn, T, c->router);
    memset(c->exp_cnt, 0, (size_t)X * sizeof(int32_t));
    for (int t = 0; t < T; t++) {
        route(c, ly, c->router + (size_t)t * X, c->probs + (size_t)t * X, c->sel + (size_t)t * K,
              c->sel_w + (size_t)t * K);
        for (int i = 0; i < K; i++) {
            int e = c->sel[(size_t)t * K + i];
            int n = c->exp_cnt[e]++;
            c->exp_tok[(size_t)e * c->n_batch + n] = t;
            c->exp_slot[(size_t)e * c->n_batch + n] = t * K + i;
        }
    }
    if (c->route_log) route_log(c, ly, (int)(ly - c->m->layers), T);
    /* the recorder only reads sel: the experts below run the same either way */
    if (c->route_hook)
        c->route_hook(c->route_user, (int)(ly - c->m->layers), c->n_pos, T, c->sel, K);
    if (T == 1 && c->pool) {
        int n = 0;
        for (int i = 0; i < K; i++) {
            c->ug[n] = &ly->gate_exps;
            c->uu[n] = &ly->up_exps;
            c->ud[n] = &ly->down_exps;
            c->umat[n] = c->sel[i];
            c->uw[n++] = c->sel_w[i];
        }
        if (ly->up_shexp.data) {
            c->ug[n] = &ly->gate_shexp;
            c->uu[n] = &ly->up_shexp;
            c->ud[n] = &ly->down_shexp;
            c->umat[n] = 0;
            c->uw[n++] = ly->gate_inp_shexp ? sigmoidf(kern_dot_f32(ly->gate_inp_shexp, c->xn, E))
                                            : 1.0f;
        }
        c->n_units = n;
        kern_pool_run(c->pool, moe_up_job, c);
        kern_pool_run(c->pool, moe_down_job, c);
        return;
    }
    if (T > 1 && moe_group(c, ly, T)) return;
    memset(c->ffn_out, 0, (size_t)T * E * sizeof(float));
    /* tokens grouped by expert: one product per expert over all its tokens */
    for (int e = 0; e < X; e++) {
        int n = c->exp_cnt[e];
        if (!n) continue;
        const int32_t *toks = c->exp_tok + (size_t)e * c->n_batch;
        const int32_t *slots = c->exp_slot + (size_t)e * c->n_batch;
        const float *xin = c->xn;
        if (!(n == T && T == 1)) {
            for (int i = 0; i < n; i++)
                memcpy(c->xg + (size_t)i * E, c->xn + (size_t)toks[i] * E,
                       (size_t)E * sizeof(float));
            xin = c->xg;
        }
        ffn_swiglu(c, &ly->gate_exps, &ly->up_exps, &ly->down_exps, e, xin, n, c->dg);
        for (int i = 0; i < n; i++)
            kern_scale_add(c->ffn_out + (size_t)toks[i] * E, c->dg + (size_t)i * E,
                           c->sel_w[slots[i]], E);
    }
    if (ly->up_shexp.data) {
        ffn_swiglu(c, &ly->gate_shexp, &ly->up_shexp, &ly->down_shexp, 0, c->xn, T, c->dg);
        for (int t = 0; t < T; t++) {
            float gw = 1.0f;
            if (ly->gate_inp_shexp)
                gw = sigmoidf(kern_dot_f32(ly->gate_inp_shexp, c->xn + (size_t)t * E, E));
            kern_scale_add(c->ffn_out + (size_t)t * E, c->dg + (size_t)t * E, gw, E);
        }
    }
}

static void forward_pooled(struct model_ctx *c, const int32_t *tok, int T, float *logits,
                           bool all);

static void forward(struct model_ctx *c, const int32_t *tok, int T, float *logits, bool all)
{
    struct kern_pool *pool = c->pool;
    if (T == 1 && c->m->active_macs < MODEL_DECODE_POOL_MIN_MACS) c->pool = NULL;
    forward_pooled(c, tok, T, logits, all);
    c->pool = pool;
}

static void forward_pooled(struct model_ctx *c, const int32_t *tok, int T, float *logits,
                           bool all)
{
    struct model *m = c->m;
    const struct model_hparams *hp = &m->hp;
    int E = hp->n_embd, pos0 = c->n_pos;
    for (int t = 0; t < T; t++)
        kern_dequant_row(m->tok_embd.type, m->tok_embd.data + (size_t)tok[t] * m->tok_embd.row_bytes,
                         c->x + (size_t)t * E, E);
    for (int il = 0; il < hp->n_layer; il++) {
        const struct model_layer *ly = &m->layers[il];
        rmsnorm_rows(c->xn, c->x, ly->attn_norm, T, E, E, hp->rms_eps);
        if (hp->arch == MODEL_ARCH_DEEPSEEK2)
            attention_ds2(c, il, T, pos0);
        else
            attention_qwen(c, il, T, pos0);
        kern_add(c->x, c->x, c->tmp, (int64_t)T * E);
        rmsnorm_rows(c->xn, c->x, ly->ffn_norm, T, E, E, hp->rms_eps);
        if (ly->moe) {
            ffn_moe(c, ly, T);
        } else {
            ffn_swiglu(c, &ly->ffn_gate, &ly->ffn_up, &ly->ffn_down, 0, c->xn, T, c->ffn_out);
        }
        kern_add(c->x, c->x, c->ffn_out, (int64_t)T * E);
    }
    c->n_pos += T;
    if (!logits) return;
    if (all) {
        rmsnorm_rows(c->xn, c->x, m->output_norm, T, E, E, hp->rms_eps);
        mm(c, &m->output, 0, c->xn, T, logits);
    } else {
        rmsnorm_ggml(c->xn, c->x + (size_t)(T - 1) * E, m->output_norm, E, hp->rms_eps);
        mm(c, &m->output, 0, c->xn, 1, logits);
    }
}

static int eval(struct model_ctx *c, const int32_t *tokens, int n, float *logits, bool all)
{
    const struct model_hparams *hp = &c->m->hp;
    if (n < 1 || !tokens) {
        hub_error(MODEL_TAG, "eval of %d tokens", n);
        return HUB_ERR_INVALID;
    }
    if (n > c->n_ctx - c->n_pos) {
        hub_error(MODEL_TAG, "context full: %d positions used of %d, %d more asked", c->n_pos,
                  c->n_ctx, n);
        return HUB_ERR_RANGE;
    }
    for (int i = 0; i < n; i++) {
        if (tokens[i] < 0 || tokens[i] >= hp->n_vocab) {
            hub_error(MODEL_TAG, "token %d at index %d is outside the vocabulary (%d)",
                      tokens[i], i, hp->n_vocab);
            return HUB_ERR_RANGE;
        }
    }
    for (int done = 0; done < n;) {
        int T = n - done < c->n_batch ? n - done : c->n_batch;
        bool last = done + T == n;
        float *out = NULL;
        if (all)
            out = logits ? logits + (size_t)done * hp->n_vocab : NULL;
        else if (last)
            out = logits;
        if (c->bk) {
            int st = model_be_forward(c->bk, tokens + done, T, c->n_pos, out, all,
                                      c->route_hook, c->route_user);
            if (st) return st;
            c->n_pos += T;
        } else {
            forward(c, tokens + done, T, out, all);
        }
        done += T;
    }
    return HUB_OK;
}

int model_eval(struct model_ctx *c, const int32_t *tokens, int n, float *logits_out)
{
    return eval(c, tokens, n, logits_out, false);
}

int model_eval_all(struct model_ctx *c, const int32_t *tokens, int n, float *logits_out)
{
    return eval(c, tokens, n, logits_out, true);
}
