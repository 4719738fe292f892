/*
 * model_backend.c: the deepseek2 forward pass on a compute backend (kernels/backend.h), so that
 * a model_ctx can run on a GPU. The weights are uploaded once when the backend is set; the
 * latent KV cache and every activation stay in backend memory; per forward call the host sends
 * the token embeddings and the per-expert row lists, and gets back the routing (it sizes the
 * expert products) and the logits.
 *
 * The arithmetic is the backend's: f32 activations throughout (a GPU's prefill products round
 * them to f16 for cuBLAS), an f32 cache, so the logits are close to, not identical with,
 * engine/model.c's llama.cpp-exact CPU path (tests/test-cuda-forward.c states by how much).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/model_impl.h"
#include "hub_log.h"
#include "hub_status.h"
#include "kernels/backend.h"

#define MB_TAG "model-backend"
/* Routed rows (tokens x experts used) up to which the experts run as products chosen on the
 * backend (matmul_sel: no routing round trip through the host); above, as grouped products,
 * which read each expert's weights once for all its tokens. */
#define MB_SEL_MAX 64

/* Backend copies of one layer's weights (NULL where the model has none). */
struct be_layer {
    float *attn_norm, *ffn_norm, *q_a_norm, *kv_a_norm, *exp_probs_b;
    void *wq, *wq_a, *wq_b, *wkv_a, *wk_b, *wv_b, *wo;
    void *ffn_gate, *ffn_up, *ffn_down;
    void *gate_inp, *gate_exps, *up_exps, *down_exps, *gate_shexp, *up_shexp, *down_shexp;
};

struct model_be {
    const struct model *m;
    struct hub_backend *be;
    int n_ctx, n_batch;
    struct be_layer *ly;
    void *output;
    float *output_norm;
    struct hub_rope_params rope;
    /* backend memory: the latent cache [layer][pos][R + n_rot] and the activations */
    float *cache;
    float *x, *xn, *tmp, *q, *qa, *kva, *hin, *qabs, *olat, *hout, *att, *router, *g, *u, *y;
    float *zeros, *ones, *logits, *sel_w, *rows_w;
    int32_t *sel, *rows_tok, *rows_id;
    /* the per-head products as grouped ones (heads in place of experts): row i of head h's
     * group (i = h * T + t) is token t's row t * H + h; identity for rows already grouped */
    int32_t *head_row, *ident, *slot_tok; /* slot_tok[i] = i / n_expert_used */
    int head_T; /* the T head_row was built for (0: none yet) */
    float *newrow;    /* a replayed decode step's new cache row, before it goes in place */
    bool use_graph;   /* HUB_BACKEND_GRAPH=0 turns decode graphs off (for comparisons) */
    bool graph_ready; /* the backend holds this context's decode step */
    /* host scratch */
    float *hx, *h_w;
    int32_t *h_sel, *h_rows, *h_off, *h_head_off, *h_head_row;
    bool fail;  /* an allocation or upload failed (model_be_new) */
    void **mem; /* every backend allocation, released in model_be_free */
    size_t n_mem, cap_mem;
};

static void *be_alloc(struct model_be *b, size_t bytes)
{
    if (b->n_mem == b->cap_mem) {
        size_t cap = b->cap_mem ? 2 * b->cap_mem : 64;
        void **nm = realloc(b->mem, cap * sizeof(*nm));
        if (!nm) {
            b->fail = true;
            return NULL;
        }
        b->mem = nm;
        b->cap_mem = cap;
    }
    void *p = b->be->ops->alloc(b->be, bytes ? bytes : 16);
    if (!p) {
        b->fail = true;
        return NULL;
    }
    b->mem[b->n_mem++] = p;
    return p;
}

static float *be_floats(struct model_be *b, size_t n) { return be_alloc(b, n * sizeof(float)); }

/* A backend copy of src; a NULL src is a host allocation that failed. */
static void *be_upload(struct model_be *b, const void *src, size_t bytes)
{
    if (!src) b->fail = true;
    if (b->fail) return NULL;
    void *d = be_alloc(b, bytes);
    if (d && b->be->ops->upload(b->be, d, src, bytes)) b->fail = true;
    return d;
}

static void *up_w(struct model_be *b, const struct wref *w)
{
    return w->data ? be_upload(b, w->data, w->mat_bytes * (size_t)w->n_mat) : NULL;
}

static float *up_vec(struct model_be *b, const float *v, int64_t n)
{
    return v ? be_upload(b, v, (size_t)n * sizeof(float)) : NULL;
}

void model_be_free(struct model_be *b)
{
    if (!b) return;
    for (size_t i = 0; i < b->n_mem; i++) b->be->ops->release(b->be, b->mem[i]);
    free(b->mem);
    free(b->ly);
    free(b->hx);
    free(b->h_w);
    free(b->h_sel);
    free(b->h_rows);
    free(b->h_off);
    free(b->h_head_off);
    free(b->h_head_row);
    free(b);
}

struct model_be *model_be_new(const struct model *m, struct hub_backend *be, int n_ctx,
                              int n_batch, char *err, size_t errlen)
{
    const struct model_hparams *hp = &m->hp;
    if (hp->arch != MODEL_ARCH_DEEPSEEK2) {
        snprintf(err, errlen, "the %s backend runs deepseek2 models only", be->ops->name);
        return NULL;
    }
    struct model_be *b = calloc(1, sizeof(*b));
    if (!b) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    b->m = m;
    b->be = be;
    b->n_ctx = n_ctx;
    b->n_batch = n_batch;
    int nr = hp->n_rot;
    float corr[2];
    model_rope_corr(hp, corr);
    b->rope = (struct hub_rope_params){
        .n_rot = nr,
        .neox = false,
        .freq_base = hp->rope_freq_base,
        .freq_scale = hp->rope_freq_scale,
        .ext_factor = hp->yarn_ext_factor,
        .attn_factor = hp->rope_attn_factor,
        .corr_low = corr[0],
        .corr_high = corr[1],
    };
    b->ly = calloc((size_t)hp->n_layer, sizeof(*b->ly));
    if (!b->ly) b->fail = true;
    for (int il = 0; il < hp->n_layer && !b->fail; il++) {
        const struct model_layer *l = &m->layers[il];
        struct be_layer *d = &b->ly[il];
        int64_t E = hp->n_embd;
        d->attn_norm = up_vec(b, l->attn_norm, E);
        d->ffn_norm = up_vec(b, l->ffn_norm, E);
        d->q_a_norm = up_vec(b, l->q_a_norm, hp->q_lora_rank);
        d->kv_a_norm = up_vec(b, l->kv_a_norm, hp->kv_lora_rank);
        d->exp_probs_b = up_vec(b, l->exp_probs_b, hp->n_expert);
        d->wq = up_w(b, &l->wq), d->wq_a = up_w(b, &l->wq_a), d->wq_b = up_w(b, &l->wq_b);
        d->wkv_a = up_w(b, &l->wkv_a), d->wk_b = up_w(b, &l->wk_b), d->wv_b = up_w(b, &l->wv_b);
        d->wo = up_w(b, &l->wo);
        d->ffn_gate = up_w(b, &l->ffn_gate), d->ffn_up = up_w(b, &l->ffn_up);
        d->ffn_down = up_w(b, &l->ffn_down), d->gate_inp = up_w(b, &l->gate_inp);
        d->gate_exps = up_w(b, &l->gate_exps), d->up_exps = up_w(b, &l->up_exps);
        d->down_exps = up_w(b, &l->down_exps), d->gate_shexp = up_w(b, &l->gate_shexp);
        d->up_shexp = up_w(b, &l->up_shexp), d->down_shexp = up_w(b, &l->down_shexp);
    }
    b->output = up_w(b, &m->output);
    b->output_norm = up_vec(b, m->output_norm, hp->n_embd);

    size_t B = (size_t)n_batch, E = hp->n_embd, H = hp->n_head, R = hp->kv_lora_rank;
    size_t kv_row = R + (size_t)nr, K = hp->n_expert_used > 0 ? hp->n_expert_used : 1;
    size_t X = hp->n_expert > 0 ? hp->n_expert : 1, V = hp->n_vocab;
    size_t F = hp->n_ff > hp->n_ff_shexp ? hp->n_ff : hp->n_ff_shexp;
    if (K * hp->n_ff_exp > F) F = K * hp->n_ff_exp;
    size_t dn = hp->n_embd_head_nope, dv = hp->n_embd_head_v;
    size_t QL = hp->q_lora_rank > 0 ? hp->q_lora_rank : 1;
    b->cache = be_floats(b, (size_t)hp->n_layer * n_ctx * kv_row);
    b->x = be_floats(b, B * E), b->xn = be_floats(b, B * E), b->tmp = be_floats(b, B * E);
    b->q = be_floats(b, B * H * hp->n_embd_head_qk), b->qa = be_floats(b, B * QL);
    b->kva = be_floats(b, B * kv_row), b->hin = be_floats(b, B * H * dn);
    b->qabs = be_floats(b, H * B * R), b->olat = be_floats(b, H * B * R);
    b->hout = be_floats(b, H * B * dv), b->att = be_floats(b, B * H * dv);
    b->router = be_floats(b, B * X), b->g = be_floats(b, B * F), b->u = be_floats(b, B * F);
    b->y = be_floats(b, B * K * E), b->logits = be_floats(b, B * V);
    b->sel = be_alloc(b, B * K * sizeof(int32_t)), b->sel_w = be_floats(b, B * K);
    b->newrow = be_floats(b, kv_row);
    const char *ug = getenv("HUB_BACKEND_GRAPH");
    b->use_graph = !(ug && !strcmp(ug, "0"));
    /* the per-expert row lists go up in one copy: tokens, row ids, then weights */
    b->rows_tok = be_alloc(b, 3 * B * K * sizeof(int32_t));
    if (b->rows_tok) {
        b->rows_id = b->rows_tok + B * K;
        b->rows_w = (float *)(b->rows_tok + 2 * B * K);
    }
    /* constants: zeros (to clear sums), ones (unit weights), 0, 1, 2, ... */
    size_t nz = B * (E > H * dv ? E : H * dv);
    float *hz = calloc(nz, sizeof(float)), *h1 = malloc(B * H * sizeof(float));
    int32_t *hi = malloc(B * H * sizeof(int32_t));
    if (h1 && hi)
        for (size_t i = 0; i < B * H; i++) h1[i] = 1.0f, hi[i] = (int32_t)i;
    b->zeros = be_upload(b, hz, nz * sizeof(float));
    b->ones = be_upload(b, h1, B * H * sizeof(float));
    b->ident = be_upload(b, hi, B * H * sizeof(int32_t));
    b->head_row = be_alloc(b, B * H * sizeof(int32_t));
    free(hi);
    hi = malloc(B * K * sizeof(int32_t));
    if (hi)
        for (size_t i = 0; i < B * K; i++) hi[i] = (int32_t)(i / K);
    b->slot_tok = be_upload(b, hi, B * K * sizeof(int32_t));
    free(hz), free(h1), free(hi);
    b->hx = malloc(B * E * sizeof(float));
    b->h_w = malloc(B * K * sizeof(float));
    b->h_sel = malloc(B * K * sizeof(int32_t));
    b->h_rows = malloc(3 * B * K * sizeof(int32_t));
    b->h_off = malloc((X + 1) * sizeof(int32_t));
    b->h_head_off = malloc((H + 1) * sizeof(int32_t));
    b->h_head_row = malloc(B * H * sizeof(int32_t));
    if (!b->hx || !b->h_w || !b->h_sel || !b->h_rows || !b->h_off || !b->h_head_off ||
        !b->h_head_row)
        b->fail = true;
    if (b->fail) {
        snprintf(err, errlen, "%s backend: cannot hold the model and a context of %d: %s",
                 be->ops->name, n_ctx, be->err[0] ? be->err : "out of memory");
        model_be_free(b);
        return NULL;
    }
    return b;
}

/* The backend's own failure reason, once, then the status the forward returns. */
#define OK(call)                                                                                 \
    do {                                                                                         \
        if ((call) != 0) {                                                                       \
            hub_error(MB_TAG, "%s: %s", #call, be->err);                                         \
            return HUB_ERR_IO;                                                                   \
        }                                                                                        \
    } while (0)

static int mm(struct model_be *b, const struct wref *w, const void *d, int64_t mat,
              const float *x, int T, float *out)
{
    struct hub_backend *be = b->be;
    OK(be->ops->matmul(be, w->type, (const uint8_t *)d + (size_t)mat * w->mat_bytes, w->rows,
                       w->k, x, T, out));
    return HUB_OK;
}

#define MM(w, d, mat, x, T, out)                                                                 \
    do {                                                                                         \
        int st_ = mm(b, w, d, mat, x, T, out);                                                   \
        if (st_) return st_;                                                                     \
    } while (0)

/* MLA attention of one layer over xn, result added into x. */
static int attention(struct model_be *b, int il, int T, int pos0)
{
    struct hub_backend *be = b->be;
    const struct model_hparams *hp = &b->m->hp;
    const struct model_layer *l = &b->m->layers[il];
    const struct be_layer *d = &b->ly[il];
    int E = hp->n_embd, H = hp->n_head, R = hp->kv_lora_rank, nr = hp->n_rot;
    int dqk = hp->n_embd_head_qk, dn = hp->n_embd_head_nope, dv = hp->n_embd_head_v;
    int kv_row = R + nr, QL = hp->q_lora_rank;
    if (QL > 0) {
        MM(&l->wq_a, d->wq_a, 0, b->xn, T, b->qa);
        OK(be->ops->rmsnorm(be, b->qa, b->qa, d->q_a_norm, T, QL, QL, hp->rms_eps));
        MM(&l->wq_b, d->wq_b, 0, b->qa, T, b->q);
    } else {
        MM(&l->wq, d->wq, 0, b->xn, T, b->q);
    }
    MM(&l->wkv_a, d->wkv_a, 0, b->xn, T, b->kva);
    OK(be->ops->rope(be, &b->rope, b->q, T, H, (int64_t)H * dqk, dqk, dn, pos0));
    OK(be->ops->rope(be, &b->rope, b->kva, T, 1, kv_row, 0, R, pos0));
    /* the cache row of each new position: normalized latent, then the rotated key part */
    float *cache = b->cache + (size_t)il * b->n_ctx * kv_row;
    /* (a replayed decode step does not know its position: it builds the row aside and has
     * the backend put it at the position set_position wrote) */
    bool at_dev = pos0 == HUB_POS_DEVICE;
    float *row0 = at_dev ? b->newrow : cache + (size_t)pos0 * kv_row;
    OK(be->ops->rmsnorm(be, row0, b->kva, d->kv_a_norm, T, R, kv_row, hp->rms_eps));
    OK(be->ops->copy2d(be, row0 + R, kv_row, b->kva + R, kv_row, T, nr));
    if (at_dev) OK(be->ops->copy_row_at(be, cache, kv_row, b->newrow, kv_row));
    /* absorbed attention: each head's nope query through k_b into the latent space, attention
     * over the latent rows, then back out through v_b. The per-head products run as grouped
     * products with the heads as groups: a few launches per layer instead of a few per head. */
    OK(be->ops->copy2d(be, b->hin, dn, b->q, dqk, T * H, dn)); /* (t, h) rows, dqk apart */
    OK(be->ops->matmul_grouped(be, l->wk_b.type, d->wk_b, l->wk_b.mat_bytes, R, dn, H, b->hin,
                               b->head_row, b->h_head_off, b->qabs));
    OK(be->ops->mla_attn(be, b->qabs, b->q + dn, (int64_t)H * dqk, dqk, cache, kv_row, R, nr, H,
                         T, pos0, hp->kq_scale, b->olat));
    OK(be->ops->matmul_grouped(be, l->wv_b.type, d->wv_b, l->wv_b.mat_bytes, dv, R, H, b->olat,
                               b->ident, b->h_head_off, b->hout));
    /* hout is [h][t][dv]; the output product wants [t][h][dv]: a unit-weight scatter */
    OK(be->ops->copy2d(be, b->att, (int64_t)H * dv, b->zeros, (int64_t)H * dv, T, (int64_t)H * dv));
    OK(be->ops->scatter_add(be, b->att, b->hout, b->head_row, b->ones, H * T, dv));
    MM(&l->wo, d->wo, 0, b->att, T, b->tmp);
    OK(be->ops->add(be, b->x, b->x, b->tmp, (int64_t)T * E));
    return HUB_OK;
}

/* gate/up -> SwiGLU -> down of one dense FFN (or the shared experts), added into x. */
static int ffn_dense(struct model_be *b, const struct wref *wg, const void *dg,
                     const struct wref *wu, const void *du, const struct wref *wd,
                     const void *dd, int T)
{
    struct hub_backend *be = b->be;
    MM(wg, dg, 0, b->xn, T, b->g);
    MM(wu, du, 0, b->xn, T, b->u);
    OK(be->ops->swiglu(be, b->g, b->g, b->u, (int64_t)T * wg->rows));
    MM(wd, dd, 0, b->g, T, b->tmp);
    OK(be->ops->add(be, b->x, b->x, b->tmp, (int64_t)T * b->m->hp.n_embd));
    return HUB_OK;
}

/* The routed experts as grouped products: the routing comes to the host, which lists each
 * expert's rows (the grouped products need the counts there); the weighted sum into tmp. */
static int moe_grouped(struct model_be *b, const struct model_layer *l, const struct be_layer *d,
                       int T, int pos0, int il, model_route_fn hook, void *user)
{
    struct hub_backend *be = b->be;
    const struct model_hparams *hp = &b->m->hp;
    int E = hp->n_embd, X = hp->n_expert, K = hp->n_expert_used, BK = b->n_batch * K;
    OK(be->ops->download(be, b->h_sel, b->sel, (size_t)T * K * sizeof(int32_t)));
    OK(be->ops->download(be, b->h_w, b->sel_w, (size_t)T * K * sizeof(float)));
    if (hook) hook(user, il, pos0, T, b->h_sel, K);
    int32_t *tok = b->h_rows, *id = b->h_rows + BK;
    float *w = (float *)(b->h_rows + 2 * BK);
    int n = 0;
    for (int e = 0; e < X; e++) {
        b->h_off[e] = n;
        for (int i = 0; i < T * K; i++)
            if (b->h_sel[i] == e) {
                tok[n] = i / K;
                w[n] = b->h_w[i];
                id[n] = n;
                n++;
            }
    }
    b->h_off[X] = n;
    OK(be->ops->upload(be, b->rows_tok, b->h_rows, 3 * (size_t)BK * sizeof(int32_t)));
    const struct wref *eg = &l->gate_exps, *ed = &l->down_exps;
    int64_t fe = eg->rows;
    OK(be->ops->matmul_grouped(be, eg->type, d->gate_exps, eg->mat_bytes, fe, E, X, b->xn,
                               b->rows_tok, b->h_off, b->g));
    OK(be->ops->matmul_grouped(be, l->up_exps.type, d->up_exps, l->up_exps.mat_bytes, fe, E, X,
                               b->xn, b->rows_tok, b->h_off, b->u));
    OK(be->ops->swiglu(be, b->g, b->g, b->u, (int64_t)n * fe));
    OK(be->ops->matmul_grouped(be, ed->type, d->down_exps, ed->mat_bytes, E, fe, X, b->g,
                               b->rows_id, b->h_off, b->y));
    OK(be->ops->copy2d(be, b->tmp, E, b->zeros, E, T, E));
    OK(be->ops->scatter_add(be, b->tmp, b->y, b->rows_tok, b->rows_w, n, E));
    return HUB_OK;
}

/* The MoE block of one layer: route on the backend, run the chosen experts (chosen on the
 * backend for decode-sized batches, grouped through the host for larger ones), add their
 * weighted sum and the shared experts into x. */
static int ffn_moe(struct model_be *b, int il, int T, int pos0, model_route_fn hook, void *user)
{
    struct hub_backend *be = b->be;
    const struct model_hparams *hp = &b->m->hp;
    const struct model_layer *l = &b->m->layers[il];
    const struct be_layer *d = &b->ly[il];
    int E = hp->n_embd, X = hp->n_expert, K = hp->n_expert_used;
    MM(&l->gate_inp, d->gate_inp, 0, b->xn, T, b->router);
    const struct hub_route_params p = {X,
                                       K,
                                       hp->n_expert_groups,
                                       hp->n_group_used,
                                       hp->gating,
                                       hp->expert_weights_norm,
                                       hp->expert_weights_scale};
    OK(be->ops->route(be, &p, b->router, d->exp_probs_b, T, b->sel, b->sel_w));
    const struct wref *eg = &l->gate_exps, *eu = &l->up_exps, *ed = &l->down_exps;
    int64_t fe = eg->rows;
    if (be->ops->matmul_sel && T * K <= MB_SEL_MAX) {
        if (hook) {
            OK(be->ops->download(be, b->h_sel, b->sel, (size_t)T * K * sizeof(int32_t)));
            hook(user, il, pos0, T, b->h_sel, K);
        }
        OK(be->ops->matmul_sel(be, eg->type, d->gate_exps, eg->mat_bytes, fe, E, b->xn, K,
                               b->sel, T * K, b->g));
        OK(be->ops->matmul_sel(be, eu->type, d->up_exps, eu->mat_bytes, fe, E, b->xn, K, b->sel,
                               T * K, b->u));
        OK(be->ops->swiglu(be, b->g, b->g, b->u, (int64_t)T * K * fe));
        OK(be->ops->matmul_sel(be, ed->type, d->down_exps, ed->mat_bytes, E, fe, b->g, 1, b->sel,
                               T * K, b->y));
        OK(be->ops->copy2d(be, b->tmp, E, b->zeros, E, T, E));
        OK(be->ops->scatter_add(be, b->tmp, b->y, b->slot_tok, b->sel_w, T * K, E));
    } else {
        int st = moe_grouped(b, l, d, T, pos0, il, hook, user);
        if (st) return st;
    }
    OK(be->ops->add(be, b->x, b->x, b->tmp, (int64_t)T * E));
    if (l->up_shexp.data)
        return ffn_dense(b, &l->gate_shexp, d->gate_shexp, &l->up_shexp, d->up_shexp,
                         &l->down_shexp, d->down_shexp, T);
    return HUB_OK;
}

/* The layers over the T embeddings in x, then the logits of the last `rows` positions into
 * b->logits (none with rows 0). Nothing here waits for the backend unless the experts run
 * grouped or a routing hook is set. */
static int step(struct model_be *b, int T, int pos0, int rows, model_route_fn hook, void *user)
{
    struct hub_backend *be = b->be;
    const struct model *m = b->m;
    const struct model_hparams *hp = &m->hp;
    int E = hp->n_embd;
    for (int il = 0; il < hp->n_layer; il++) {
        const struct model_layer *l = &m->layers[il];
        const struct be_layer *d = &b->ly[il];
        OK(be->ops->rmsnorm(be, b->xn, b->x, d->attn_norm, T, E, E, hp->rms_eps));
        int st = attention(b, il, T, pos0);
        if (st) return st;
        OK(be->ops->rmsnorm(be, b->xn, b->x, d->ffn_norm, T, E, E, hp->rms_eps));
        st = l->moe ? ffn_moe(b, il, T, pos0, hook, user)
                    : ffn_dense(b, &l->ffn_gate, d->ffn_gate, &l->ffn_up, d->ffn_up,
                                &l->ffn_down, d->ffn_down, T);
        if (st) return st;
    }
    if (!rows) return HUB_OK;
    OK(be->ops->rmsnorm(be, b->xn, b->x + (size_t)(T - rows) * E, b->output_norm, rows, E, E,
                        hp->rms_eps));
    MM(&m->output, b->output, 0, b->xn, rows, b->logits);
    return HUB_OK;
}

int model_be_forward(struct model_be *b, const int32_t *tok, int T, int pos0, float *logits,
                     bool all, model_route_fn hook, void *user)
{
    struct hub_backend *be = b->be;
    const struct model *m = b->m;
    const struct model_hparams *hp = &m->hp;
    int E = hp->n_embd, V = hp->n_vocab;
    if (T < 1 || T > b->n_batch || pos0 < 0 || pos0 + T > b->n_ctx) return HUB_ERR_RANGE;
    if (T != b->head_T) { /* the heads' row lists for this batch size */
        int H = hp->n_head;
        int32_t *hr = b->h_head_row;
        for (int h = 0; h < H; h++) {
            b->h_head_off[h] = h * T;
            for (int t = 0; t < T; t++) hr[h * T + t] = t * H + h;
        }
        b->h_head_off[H] = H * T;
        OK(be->ops->upload(be, b->head_row, hr, (size_t)H * T * sizeof(int32_t)));
        b->head_T = T;
    }
    /* the embeddings are rows of a table the host already has mapped: decode them here */
    for (int t = 0; t < T; t++)
        kern_dequant_row(m->tok_embd.type,
                         m->tok_embd.data + (size_t)tok[t] * m->tok_embd.row_bytes,
                         b->hx + (size_t)t * E, E);
    OK(be->ops->upload(be, b->x, b->hx, (size_t)T * E * sizeof(float)));
    int st, rows = all ? T : 1;
    /* A decode step whose every op stays on the backend is captured once as a graph and
     * replayed for each later token: hundreds of launches become one. */
    const struct hub_backend_ops *o = be->ops;
    if (T == 1 && logits && !hook && b->use_graph && o->graph_begin && o->set_position &&
        o->copy_row_at && o->matmul_sel && hp->n_expert_used <= MB_SEL_MAX) {
        OK(o->set_position(be, pos0, b->n_ctx));
        if (b->graph_ready) {
            OK(o->graph_launch(be));
        } else {
            /* run the step once (its scratch reaches its size), then record it */
            if ((st = step(b, 1, HUB_POS_DEVICE, 1, NULL, NULL))) return st;
            OK(o->graph_begin(be));
            st = step(b, 1, HUB_POS_DEVICE, 1, NULL, NULL);
            int end = o->graph_end(be);
            if (st) return st;
            OK(end);
            b->graph_ready = true;
        }
    } else if ((st = step(b, T, pos0, logits ? rows : 0, hook, user))) {
        return st;
    }
    if (!logits) {
        OK(be->ops->sync(be)); /* so that a failed op is reported by this call */
        return HUB_OK;
    }
    OK(be->ops->download(be, logits, b->logits, (size_t)rows * V * sizeof(float)));
    return HUB_OK;
}

int model_backend_open(const char *name, struct hub_backend **out, char *err, size_t errlen)
{
    *out = NULL;
    if (!strcmp(name, "cpu")) return HUB_OK;
    if (!strcmp(name, "auto") && hub_backend_cuda_device_count() == 0) {
        hub_info(MB_TAG, "no CUDA device: the engine runs on the CPU");
        return HUB_OK;
    }
    if (strcmp(name, "auto") && strcmp(name, "cuda")) {
        snprintf(err, errlen, "unknown backend '%s' (cpu, cuda or auto)", name);
        return HUB_ERR_INVALID;
    }
    char why[256];
    *out = hub_backend_cuda_new(0, why, sizeof(why));
    if (*out) return HUB_OK;
    if (!strcmp(name, "auto")) {
        hub_info(MB_TAG, "CUDA device not usable (%s): the engine runs on the CPU", why);
        return HUB_OK;
    }
    snprintf(err, errlen, "cuda backend: %s", why);
    return HUB_ERR_IO;
}
