/* test-train-model: a few training steps of the deepseek2 trainer on a synthetic task, then the
 * saved GGUF loads in engine/model.c (no special case) and its logits equal the trainer's forward
 * pass (64 positions: the engine's f32 attention path; within 1e-5 absolute); the loss falls; a
 * run resumed from a checkpoint is bit-identical to the uninterrupted run; the same seed gives
 * the same weights; a q8_0 file loads too; bad inputs are refused. */
#include "engine/gguf.h"
#include "engine/model.h"
#include "engine/train.h"
#include "kernels/kern.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/hub-check.h"

static void tiny(struct train_config *c)
{
    train_config_default(c);
    c->n_vocab = 64, c->n_embd = 64, c->n_layer = 2, c->n_head = 2, c->kv_lora_rank = 32;
    c->qk_nope = 16, c->qk_rope = 8, c->v_head = 16, c->n_ff = 96, c->n_ff_exp = 32;
    c->n_expert = 4, c->n_expert_used = 2, c->n_expert_shared = 1, c->n_ctx = 64;
}

/* synthetic task: copy the prompt reversed after a separator (token 3) */
enum { NSEQ = 8, PL = 6 };
static int32_t toks[NSEQ][2 * PL + 3];
static uint8_t loss[NSEQ][2 * PL + 3];

static void make_data(struct train_seq *sq, unsigned seed)
{
    for (int i = 0; i < NSEQ; i++) {
        toks[i][0] = 0;
        for (int j = 0; j < PL; j++) {
            seed = seed * 1103515245u + 12345u;
            toks[i][1 + j] = 4 + (int32_t)((seed >> 16) % 60);
        }
        toks[i][PL + 1] = 3;
        for (int j = 0; j < PL; j++)
            toks[i][PL + 2 + j] = toks[i][PL - j];
        toks[i][2 * PL + 2] = 1;
        for (int t = 0; t < 2 * PL + 3; t++)
            loss[i][t] = t >= PL + 1 && t < 2 * PL + 2;
        sq[i] = (struct train_seq){toks[i], loss[i], 2 * PL + 3};
    }
}

static float max_diff_vs_engine(struct train_model *m, const char *path, int T, int nth)
{
    char err[256];
    const struct train_config *c = train_model_config(m);
    struct gguf_file *f = gguf_open(path, err, sizeof err);
    if (!f) {
        fprintf(stderr, "gguf_open: %s\n", err);
        return INFINITY;
    }
    struct model *em = model_load(f, err, sizeof err);
    if (!em) {
        fprintf(stderr, "model_load: %s\n", err);
        gguf_close(f);
        return INFINITY;
    }
    struct model_ctx *ctx = model_ctx_new(em, T, nth, err, sizeof err);
    int32_t tok[256];
    for (int t = 0; t < T; t++)
        tok[t] = (t * 7 + 3) % c->n_vocab;
    float *a = malloc((size_t)T * c->n_vocab * 4), *b = malloc((size_t)T * c->n_vocab * 4);
    float md = INFINITY, mx = 0;
    if (ctx && a && b && model_eval_all(ctx, tok, T, a) == 0 &&
        train_model_logits(m, tok, T, b) == 0) {
        md = 0;
        for (int i = 0; i < T * c->n_vocab; i++) {
            md = fmaxf(md, fabsf(a[i] - b[i]));
            mx = fmaxf(mx, fabsf(b[i]));
        }
    }
    printf("largest logit %.3g, ", mx);
    free(a);
    free(b);
    model_ctx_free(ctx);
    model_free(em);
    gguf_close(f);
    return md;
}

int main(void)
{
    char err[256], path[64], ck[64];
    snprintf(path, sizeof path, "/tmp/test-train-model-%d.gguf", (int)getpid());
    snprintf(ck, sizeof ck, "/tmp/test-train-model-%d.ckpt", (int)getpid());
    struct train_config c;
    tiny(&c);
    struct train_opts o;
    train_opts_default(&o);
    o.lr = 3e-3f, o.warmup = 5, o.steps = 60, o.batch = NSEQ;
    struct train_seq sq[NSEQ];
    make_data(sq, 7);

    struct train_model *m = train_model_new(&c, 42, 2, err, sizeof err);
    if (!m) {
        fprintf(stderr, "train_model_new: %s\n", err);
        return 1;
    }
    long load[2 * 4];
    double first = 0, last = 0;
    for (long s = 0; s < o.steps; s++) {
        struct train_stats st = {.expert_load = load};
        CHECK(train_model_grad(m, sq, NSEQ, &o, &st) == 0);
        if (s == 0) first = st.loss;
        last = st.loss;
        train_model_update(m, &o, s, load);
        if (s == 29) CHECK(train_model_save_ckpt(m, ck, 30, err, sizeof err) == 0);
    }
    printf("loss %.3f -> %.3f after %d steps\n", first, last, o.steps);
    /* the evaluation pass computes the same loss as the training pass */
    {
        struct train_stats sg = {.expert_load = load}, se = {0};
        CHECK(train_model_grad(m, sq, NSEQ, &o, &sg) == 0);
        CHECK(train_model_eval(m, sq, NSEQ, &o, &se) == 0);
        printf("grad pass loss %.6f aux %.6f, eval pass %.6f aux %.6f\n", sg.loss, sg.aux, se.loss,
               se.aux);
        CHECK(fabs(sg.loss - se.loss) < 1e-6 && fabs(sg.aux - se.aux) < 1e-6);
        CHECK(sg.n_loss == NSEQ * (PL + 1) && se.n_loss == sg.n_loss);
    }
    CHECK(last < first * 0.6);

    /* resume from step 30: the same weights bit for bit */
    struct train_model *r = train_model_new(&c, 999, 2, err, sizeof err);
    long step = -1;
    CHECK(r && train_model_load_ckpt(r, ck, &step, err, sizeof err) == 0 && step == 30);
    for (long s = step; r && s < o.steps; s++) {
        struct train_stats st = {.expert_load = load};
        train_model_grad(r, sq, NSEQ, &o, &st);
        train_model_update(r, &o, s, load);
    }
    CHECK(r && !memcmp(train_model_params(r), train_model_params(m),
                       train_model_n_params(m) * sizeof(float)));
    train_model_free(r);

    /* the same seed gives the same initial weights; another seed others */
    struct train_model *s1 = train_model_new(&c, 5, 1, err, sizeof err);
    struct train_model *s2 = train_model_new(&c, 5, 2, err, sizeof err);
    struct train_model *s3 = train_model_new(&c, 6, 1, err, sizeof err);
    size_t np = train_model_n_params(s1);
    CHECK(!memcmp(train_model_params(s1), train_model_params(s2), np * 4));
    CHECK(memcmp(train_model_params(s1), train_model_params(s3), np * 4));
    train_model_free(s1), train_model_free(s2), train_model_free(s3);

    /* the weight average: the mean of the snapshots, weights and balance biases, carried by a
     * checkpoint */
    struct train_model *a = train_model_new(&c, 7, 1, err, sizeof err);
    struct train_model *a2 = train_model_new(&c, 8, 1, err, sizeof err);
    CHECK(a && a2 && train_model_average_count(a) == 0);
    if (a && a2) {
        size_t na = train_model_n_params(a);
        float *pa = train_model_params(a), *ba = NULL;
        for (int il = 0; il < c.n_layer && !ba; il++) ba = train_model_expert_bias(a, il);
        CHECK(ba != NULL);
        for (size_t i = 0; i < na; i++) pa[i] = 1.0f;
        if (ba) ba[0] = 0.5f;
        CHECK(train_model_average_add(a) == 0);
        for (size_t i = 0; i < na; i++) pa[i] = (float)i;
        if (ba) ba[0] = -1.5f;
        CHECK(train_model_average_add(a) == 0 && train_model_average_count(a) == 2);
        CHECK(train_model_save_ckpt(a, ck, 2, err, sizeof err) == 0);
        CHECK(train_model_load_ckpt(a2, ck, &step, err, sizeof err) == 0 &&
              train_model_average_count(a2) == 2);
        train_model_average_apply(a);
        train_model_average_apply(a2);
        float *p2 = train_model_params(a2), *b2 = NULL;
        for (int il = 0; il < c.n_layer && !b2; il++) b2 = train_model_expert_bias(a2, il);
        bool mean = true;
        for (size_t i = 0; i < na; i++)
            mean = mean && pa[i] == (float)((1.0 + (double)i) / 2) && p2[i] == pa[i];
        CHECK(mean);
        CHECK(ba && b2 && ba[0] == -0.5f && b2[0] == -0.5f);
    }
    train_model_free(a);
    train_model_free(a2);

    /* a checkpoint of another shape is refused */
    struct train_config c2 = c;
    c2.n_embd = 32;
    struct train_model *o2 = train_model_new(&c2, 1, 1, err, sizeof err);
    CHECK(o2 && train_model_load_ckpt(o2, ck, &step, err, sizeof err) != 0);
    train_model_free(o2);
    CHECK(train_model_load_ckpt(m, "/nonexistent/x", &step, err, sizeof err) != 0);

    /* the engine runs the saved model and agrees with the trainer */
    CHECK(train_model_save_gguf(m, path, NULL, KERN_F32, err, sizeof err) == 0);
    float d = max_diff_vs_engine(m, path, 64, 1);
    printf("f32: max |engine - trainer| logit difference %.3g\n", d);
    CHECK(d < 1e-5f);
    /* On 2 threads the engine splits its products differently; the last-bit difference can
     * move a cached value across an f16 rounding boundary, which shows as ~1e-5 in logits. */
    d = max_diff_vs_engine(m, path, 64, 2);
    printf("f32, engine on 2 threads: max logit difference %.3g\n", d);
    CHECK(d < 1e-4f);
    CHECK(train_model_save_gguf(m, path, NULL, KERN_Q8_0, err, sizeof err) == 0);
    d = max_diff_vs_engine(m, path, 64, 1);
    printf("q8_0: max logit difference %.3g\n", d);
    CHECK(d < 0.5f);
    CHECK(train_model_save_gguf(m, path, NULL, 99, err, sizeof err) != 0);

    /* bad batches are refused */
    int32_t bad[3] = {0, 1000, 2};
    uint8_t bl[3] = {1, 1, 1};
    struct train_seq bs = {bad, bl, 3};
    CHECK(train_model_grad(m, &bs, 1, &o, NULL) != 0);
    float lg[64];
    CHECK(train_model_logits(m, bad, 3, lg) != 0);

    train_model_free(m);
    unlink(path);
    unlink(ck);
    if (failures) fprintf(stderr, "%d checks failed\n", failures);
    return failures ? 1 : 0;
}
