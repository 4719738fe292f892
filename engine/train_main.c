/*
 * train_main.c: `hub-train model`, the command line around engine/train.c: reads the corpus
 * that `hub-train data` wrote and the tokenizer that `hub-train tokenizer` wrote, makes the
 * training sequences (<|bos|> text <|intent|> target <|eos|>, loss on target and <|eos|>),
 * runs AdamW for --steps batches with periodic logs (loss, learning rate, gradient norm,
 * tokens/s, expert load per MoE layer as max/mean), checkpoints, and writes the GGUF.
 * --backend cuda runs forward, backward and AdamW on a GPU (train_model_use_cuda); the rest
 * (data, batches, logs, saving) is the same code.
 *
 * The batch of step s is fixed by the seed and s alone (a per-epoch shuffle), so a run resumed
 * from a checkpoint sees the same batches it would have seen, and with the same --steps and
 * --threads ends on the same weights bit for bit (--stop-at interrupts a run on purpose). A
 * --resume with --steps at or below the checkpoint's step only writes the GGUF (export).
 * --average-from STEP writes the mean of the weights every --average-every steps from STEP to
 * the end (a smoother model than the last step's; the checkpoint keeps the running sum).
 */
#include "engine/bpe_train.h"
#include "engine/gguf.h"
#include "engine/intent.h"
#include "engine/resolve.h"
#include "engine/tokenizer.h"
#include "engine/train.h"
#include "hub_status.h"
#include "kernels/kern.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct tm_data {
    int32_t *tok; /* all sequences back to back */
    uint8_t *loss;
    size_t *off; /* sequence i: tok[off[i] .. off[i+1]) */
    size_t n, cap, ntok, captok;
    size_t dropped; /* longer than n_ctx */
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int data_push(struct tm_data *d, const int32_t *ids, const uint8_t *loss, size_t n)
{
    if (d->n + 2 > d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 4096;
        size_t *o = realloc(d->off, cap * sizeof *o);
        if (!o) return HUB_ERR_NOMEM;
        d->off = o, d->cap = cap;
    }
    if (d->ntok + n > d->captok) {
        size_t cap = d->captok ? d->captok * 2 : 1 << 16;
        while (cap < d->ntok + n)
            cap *= 2;
        int32_t *t = realloc(d->tok, cap * sizeof *t);
        if (!t) return HUB_ERR_NOMEM;
        d->tok = t;
        uint8_t *l = realloc(d->loss, cap);
        if (!l) return HUB_ERR_NOMEM;
        d->loss = l, d->captok = cap;
    }
    if (d->n == 0) d->off[0] = 0;
    memcpy(d->tok + d->ntok, ids, n * sizeof *ids);
    memcpy(d->loss + d->ntok, loss, n);
    d->ntok += n;
    d->off[++d->n] = d->ntok;
    return HUB_OK;
}

/* The houses `hub-train data` wrote beside a corpus (FILE.houses.jsonl), for the house hint:
 * every fixture by id, and the registries of the last few houses asked for (the lines of the
 * two languages interleave, each language's lines in runs of one house). */
enum { TM_HOUSE_CACHE = 4 };
struct tm_houses {
    json_t *by_id;
    char id[TM_HOUSE_CACHE][128];
    struct resolve_registry *reg[TM_HOUSE_CACHE];
    int next;
    /* --hint-dropout: the share of lines whose hint names no domain, chosen by (seed, line) */
    float drop;
    uint64_t seed;
};

static void houses_free(struct tm_houses *h)
{
    json_decref(h->by_id);
    for (int i = 0; i < TM_HOUSE_CACHE; i++) resolve_registry_free(h->reg[i]);
    memset(h, 0, sizeof *h);
}

static int houses_load(const char *corpus, struct tm_houses *h)
{
    char path[4200];
    size_t n = strlen(corpus);
    if (n > 6 && !strcmp(corpus + n - 6, ".jsonl")) n -= 6;
    snprintf(path, sizeof path, "%.*s.houses.jsonl", (int)n, corpus);
    memset(h, 0, sizeof *h);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "hub-train model: --house-hint: %s: %s\n", path, strerror(errno));
        return HUB_ERR_IO;
    }
    h->by_id = json_object();
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    int rc = h->by_id ? HUB_OK : HUB_ERR_NOMEM;
    while (!rc && getline(&line, &cap, f) > 0) {
        lineno++;
        json_error_t je;
        json_t *j = json_loads(line, 0, &je);
        const char *id = json_string_value(json_object_get(j, "id"));
        json_t *fx = json_object_get(j, "fixture");
        if (!id || !json_is_object(fx)) {
            fprintf(stderr, "hub-train model: %s:%zu: %s\n", path, lineno,
                    j ? "needs string \"id\" and object \"fixture\"" : je.text);
            rc = HUB_ERR_INVALID;
        } else if (json_object_set(h->by_id, id, fx)) {
            fprintf(stderr, "hub-train model: %s: out of memory\n", path);
            rc = HUB_ERR_NOMEM;
        }
        json_decref(j);
    }
    free(line);
    fclose(f);
    if (rc) houses_free(h);
    return rc;
}

/* The registry of house id, or NULL with a message. */
static const struct resolve_registry *houses_get(struct tm_houses *h, const char *id)
{
    for (int i = 0; i < TM_HOUSE_CACHE; i++)
        if (h->reg[i] && !strcmp(h->id[i], id)) return h->reg[i];
    json_t *fx = json_object_get(h->by_id, id);
    char err[256];
    if (!fx) {
        fprintf(stderr, "hub-train model: house %s is not in the houses file\n", id);
        return NULL;
    }
    struct resolve_registry *r = resolve_registry_new(fx, err, sizeof err);
    if (!r) {
        fprintf(stderr, "hub-train model: house %s: %s\n", id, err);
        return NULL;
    }
    int k = h->next;
    h->next = (h->next + 1) % TM_HOUSE_CACHE;
    resolve_registry_free(h->reg[k]);
    h->reg[k] = r;
    snprintf(h->id[k], sizeof h->id[k], "%s", id);
    return r;
}

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* A mixed value as a number in [0, 1), for the dropout choices. */
static double mix_unit(uint64_t r) { return (double)(r >> 11) * (1.0 / 9007199254740992.0); }

/* Read a corpus file into sequences of at most n_ctx tokens; with houses, each utterance is
 * followed by its house hint (intent_house_hint, as the engine reads it). Lines whose hint is
 * dropped (houses->drop) read as in a house without the names said: a name the house lacks is
 * still written as a name, for the resolver to refuse, not turned into another intent. */
static int data_load(const char *path, const struct tok_vocab *v, int n_ctx, long max_lines,
                     struct tm_houses *houses, struct tm_data *d)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "hub-train model: %s: %s\n", path, strerror(errno));
        return HUB_ERR_IO;
    }
    int32_t sep = tok_find(v, BPE_TOK_SEP, strlen(BPE_TOK_SEP));
    if (sep < 0 || tok_bos(v) < 0 || tok_eos(v) < 0) {
        fprintf(stderr, "hub-train model: the tokenizer lacks %s, BOS or EOS\n", BPE_TOK_SEP);
        fclose(f);
        return HUB_ERR_INVALID;
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    int rc = HUB_OK;
    int32_t *ids = malloc((size_t)(n_ctx + 1) * sizeof *ids);
    uint8_t *loss = malloc((size_t)n_ctx + 1);
    if (!ids || !loss) rc = HUB_ERR_NOMEM;
    while (!rc && getline(&line, &cap, f) > 0) {
        if (max_lines && (long)lineno >= max_lines) break;
        lineno++;
        json_error_t je;
        json_t *j = json_loads(line, 0, &je);
        const char *text = json_string_value(json_object_get(j, "text"));
        const char *target = json_string_value(json_object_get(j, "target"));
        if (!text || !target) {
            fprintf(stderr, "hub-train model: %s:%zu: %s\n", path, lineno,
                    j ? "needs string \"text\" and \"target\"" : je.text);
            json_decref(j);
            rc = HUB_ERR_INVALID;
            break;
        }
        char hint[128] = "";
        if (houses) {
            const char *house = json_string_value(json_object_get(j, "house"));
            const struct resolve_registry *reg = house ? houses_get(houses, house) : NULL;
            if (!reg) {
                fprintf(stderr, "hub-train model: %s:%zu: no house for the hint\n", path, lineno);
                json_decref(j);
                rc = HUB_ERR_INVALID;
                break;
            }
            intent_house_hint(reg, text, hint, sizeof hint);
            uint64_t r = mix64(houses->seed * 0x9e3779b97f4a7c15ull ^ mix64(lineno + 0x4848));
            if (mix_unit(r) < houses->drop)
                hint[1] = 0; /* the newline stays: the prompt of a house that lacks the name */
        }
        int32_t *b = NULL;
        size_t nb = 0;
        int np = 0;
        /* the prompt as the engine builds it; the utterance never produces special tokens */
        rc = intent_prompt_tokens(v, &sep, 1, text, houses ? hint : NULL, ids, n_ctx, &np);
        if (!rc) rc = tok_encode(v, target, strlen(target), 0, &b, &nb);
        json_decref(j);
        if (rc == HUB_ERR_RANGE || (!rc && (size_t)np + nb + 1 > (size_t)n_ctx)) {
            d->dropped++;
            rc = HUB_OK;
        } else if (!rc) {
            size_t k = (size_t)np;
            memcpy(ids + k, b, nb * sizeof *ids), k += nb;
            ids[k++] = tok_eos(v);
            /* loss[t]: token t+1 is predicted with loss: from <|intent|> on */
            for (size_t t = 0; t < k; t++)
                loss[t] = t + 1 >= (size_t)np && t + 1 < k;
            rc = data_push(d, ids, loss, k);
        }
        free(b);
    }
    free(ids);
    free(loss);
    free(line);
    fclose(f);
    if (!rc && !d->n) {
        fprintf(stderr, "hub-train model: %s: no usable sequences\n", path);
        rc = HUB_ERR_INVALID;
    }
    return rc;
}


/* index of the i-th sequence in the stream: epoch e = i / n shuffled by (seed, e) */
static void epoch_perm(size_t *perm, size_t n, uint64_t seed, uint64_t epoch)
{
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    uint64_t s = mix64(seed * 0x9e3779b97f4a7c15ull + epoch + 1);
    for (size_t i = n - 1; i > 0; i--) {
        s = mix64(s + 0x9e3779b97f4a7c15ull);
        size_t j = (size_t)(s % (i + 1));
        size_t t = perm[i];
        perm[i] = perm[j], perm[j] = t;
    }
}

static void usage(FILE *f)
{
    struct train_config c;
    struct train_opts o;
    train_config_default(&c);
    train_opts_default(&o);
    fprintf(f,
            "usage: hub-train model --corpus FILE.jsonl --tokenizer TOK.gguf --out MODEL.gguf\n"
            "       [--heldout FILE.jsonl] [--steps N (%d)] [--batch N (%d)] [--lr F (%g)]\n"
            "       [--warmup N (%d)] [--threads N (2)] [--seed N (1)] [--type f32|f16|q8_0]\n"
            "       [--ckpt FILE] [--ckpt-every N] [--resume FILE] [--log-every N (50)]\n"
            "       [--max-lines N] [--aux F (%g)] [--bias-gamma F (%g)] [--stop-at STEP]\n"
            "       [--word-dropout P (0)] [--backend cpu|cuda (cpu)] [--house-hint]\n"
            "       [--hint-dropout P (0)]\n"
            "       [--average-from STEP] [--average-every N (1000)]\n"
            "       [--embd N (%d)] [--layers N (%d)] [--dense N (%d)] [--heads N (%d)]\n"
            "       [--kv-rank N (%d)] [--nope N (%d)] [--rope N (%d)] [--vhead N (%d)]\n"
            "       [--ff N (%d)] [--ff-exp N (%d)] [--experts N (%d)] [--used N (%d)]\n"
            "       [--shared N (%d)] [--ctx N (%d)]\n",
            o.steps, o.batch, o.lr, o.warmup, o.aux_alpha, o.bias_gamma, c.n_embd, c.n_layer,
            c.n_layer_dense_lead, c.n_head, c.kv_lora_rank, c.qk_nope, c.qk_rope, c.v_head, c.n_ff,
            c.n_ff_exp, c.n_expert, c.n_expert_used, c.n_expert_shared, c.n_ctx);
}

static int build_batch(const struct tm_data *d, size_t *perm, uint64_t *perm_epoch, uint64_t seed,
                       long step, int B, struct train_seq *seqs)
{
    for (int i = 0; i < B; i++) {
        uint64_t k = (uint64_t)step * B + i, e = k / d->n;
        if (e != *perm_epoch) {
            epoch_perm(perm, d->n, seed, e);
            *perm_epoch = e;
        }
        size_t s = perm[k % d->n];
        seqs[i] = (struct train_seq){d->tok + d->off[s], d->loss + d->off[s],
                                     (int)(d->off[s + 1] - d->off[s])};
    }
    return 0;
}

/* Word dropout on the prompt: each utterance token that the intent line does not copy is
 * replaced, with probability p, by a random ordinary token, so that the model cannot lean on
 * every word of the phrasings it was shown. The house hint's tokens, part of the prompt, are
 * dropped alike: the model learns not to trust a hint blindly (the engine never drops them).
 * The copies live in buf (B * n_ctx tokens); the choice depends on the seed, the step and the
 * slot only (resumable). */
static void word_dropout(struct train_seq *seqs, int B, int n_ctx, int32_t *buf, float p,
                         int32_t n_vocab, uint64_t seed, long step)
{
    for (int i = 0; i < B; i++) {
        int32_t *t = buf + (size_t)i * n_ctx;
        int n = seqs[i].n, sep = 0;
        memcpy(t, seqs[i].tok, (size_t)n * sizeof *t);
        while (sep < n && !seqs[i].loss[sep])
            sep++; /* loss starts at <|intent|> */
        uint64_t r = mix64(seed ^ mix64((uint64_t)step * 4096 + (uint64_t)i + 0x5151));
        for (int k = 1; k < sep; k++) {
            r = mix64(r + 0x9e3779b97f4a7c15ull);
            if (mix_unit(r) >= p) continue;
            bool copied = false;
            for (int j = sep + 1; j < n && !copied; j++)
                copied = t[j] == t[k];
            if (!copied)
                t[k] = BPE_N_SPECIAL + (int32_t)((r >> 7) % (uint64_t)(n_vocab - BPE_N_SPECIAL));
        }
        seqs[i].tok = t;
    }
}

static double heldout_loss(struct train_model *m, const struct tm_data *h)
{
    double sum = 0;
    long n = 0;
    struct train_seq sq[64];
    for (size_t i = 0; i < h->n; i += 64) {
        int k = 0;
        for (size_t j = i; j < h->n && k < 64; j++, k++)
            sq[k] = (struct train_seq){h->tok + h->off[j], h->loss + h->off[j],
                                       (int)(h->off[j + 1] - h->off[j])};
        struct train_stats st = {0};
        if (train_model_eval(m, sq, k, NULL, &st)) return NAN;
        sum += st.loss * st.n_loss;
        n += st.n_loss;
    }
    return n ? sum / n : NAN;
}

int train_model_main(int argc, char **argv)
{
    struct train_config c;
    struct train_opts o;
    train_config_default(&c);
    train_opts_default(&o);
    const char *corpus = NULL, *tokp = NULL, *out = NULL, *heldout = NULL, *ckpt = NULL;
    const char *resume = NULL, *type = "f32", *backend = "cpu";
    long threads = 2, seed = 1, ckpt_every = 0, log_every = 50, max_lines = 0, stop_at = 0;
    long avg_from = 0, avg_every = 1000;
    float wdrop = 0, hdrop = 0;
    bool house_hint = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        }
        if (!strcmp(a, "--house-hint")) {
            house_hint = true;
            continue;
        }
        if (!v) {
            fprintf(stderr, "hub-train model: %s needs a value\n", a);
            return 2;
        }
        i++;
        struct {
            const char *name;
            int *ip;
            long *lp;
            float *fp;
            double lo, hi;
        } num[] = {
            {"--steps", &o.steps, NULL, NULL, 1, 1e8},
            {"--batch", &o.batch, NULL, NULL, 1, 4096},
            {"--warmup", &o.warmup, NULL, NULL, 0, 1e8},
            {"--threads", NULL, &threads, NULL, 1, 64},
            {"--seed", NULL, &seed, NULL, 0, 2e9},
            {"--ckpt-every", NULL, &ckpt_every, NULL, 0, 1e9},
            {"--log-every", NULL, &log_every, NULL, 1, 1e9},
            {"--stop-at", NULL, &stop_at, NULL, 1, 1e9},
            {"--average-from", NULL, &avg_from, NULL, 1, 1e9},
            {"--average-every", NULL, &avg_every, NULL, 1, 1e9},
            {"--max-lines", NULL, &max_lines, NULL, 0, 1e9},
            {"--lr", NULL, NULL, &o.lr, 0, 1},
            {"--aux", NULL, NULL, &o.aux_alpha, 0, 10},
            {"--word-dropout", NULL, NULL, &wdrop, 0, 0.9},
            {"--hint-dropout", NULL, NULL, &hdrop, 0, 1},
            {"--bias-gamma", NULL, NULL, &o.bias_gamma, 0, 1},
            {"--embd", &c.n_embd, NULL, NULL, 8, 8192},
            {"--layers", &c.n_layer, NULL, NULL, 1, 256},
            {"--dense", &c.n_layer_dense_lead, NULL, NULL, 0, 256},
            {"--heads", &c.n_head, NULL, NULL, 1, 256},
            {"--kv-rank", &c.kv_lora_rank, NULL, NULL, 1, 8192},
            {"--nope", &c.qk_nope, NULL, NULL, 1, 1024},
            {"--rope", &c.qk_rope, NULL, NULL, 2, 256},
            {"--vhead", &c.v_head, NULL, NULL, 1, 1024},
            {"--ff", &c.n_ff, NULL, NULL, 1, 65536},
            {"--ff-exp", &c.n_ff_exp, NULL, NULL, 1, 65536},
            {"--experts", &c.n_expert, NULL, NULL, 1, 512},
            {"--used", &c.n_expert_used, NULL, NULL, 1, 64},
            {"--shared", &c.n_expert_shared, NULL, NULL, 0, 16},
            {"--ctx", &c.n_ctx, NULL, NULL, 4, 4096},
        };
        bool found = false;
        for (size_t k = 0; k < sizeof num / sizeof num[0] && !found; k++) {
            if (strcmp(a, num[k].name)) continue;
            found = true;
            char *end;
            errno = 0;
            double x = strtod(v, &end);
            if (errno || *end || end == v || !(x >= num[k].lo && x <= num[k].hi) ||
                ((num[k].ip || num[k].lp) && x != floor(x))) {
                fprintf(stderr, "hub-train model: bad value for %s: %s\n", a, v);
                return 2;
            }
            if (num[k].ip) *num[k].ip = (int)x;
            if (num[k].lp) *num[k].lp = (long)x;
            if (num[k].fp) *num[k].fp = (float)x;
        }
        if (found) continue;
        if (!strcmp(a, "--corpus"))
            corpus = v;
        else if (!strcmp(a, "--tokenizer"))
            tokp = v;
        else if (!strcmp(a, "--out"))
            out = v;
        else if (!strcmp(a, "--heldout"))
            heldout = v;
        else if (!strcmp(a, "--ckpt"))
            ckpt = v;
        else if (!strcmp(a, "--resume"))
            resume = v;
        else if (!strcmp(a, "--type"))
            type = v;
        else if (!strcmp(a, "--backend"))
            backend = v;
        else {
            fprintf(stderr, "hub-train model: unknown option %s\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (!corpus || !tokp || !out) {
        usage(stderr);
        return 2;
    }
    if (hdrop > 0 && !house_hint) {
        fprintf(stderr, "hub-train model: --hint-dropout needs --house-hint\n");
        return 2;
    }
    int wtype = !strcmp(type, "f32")    ? KERN_F32
                : !strcmp(type, "f16")  ? KERN_F16
                : !strcmp(type, "q8_0") ? KERN_Q8_0
                                        : -1;
    if (avg_from && (avg_from + avg_every - 1) / avg_every * avg_every > o.steps) {
        fprintf(stderr, "hub-train model: --average-from %ld takes no snapshot in %d steps "
                        "(one every %ld)\n", avg_from, o.steps, avg_every);
        return 2;
    }
    if (wtype < 0) {
        fprintf(stderr, "hub-train model: --type %s is not f32, f16 or q8_0\n", type);
        return 2;
    }
    bool cuda = !strcmp(backend, "cuda");
    if (!cuda && strcmp(backend, "cpu")) {
        fprintf(stderr, "hub-train model: --backend %s is not cpu or cuda\n", backend);
        return 2;
    }
    char err[512];
    int rc = 1;
    struct gguf_file *tf = gguf_open(tokp, err, sizeof err);
    if (!tf) {
        fprintf(stderr, "hub-train model: %s\n", err);
        return 1;
    }
    struct tok_vocab *v = tok_load(tf, err, sizeof err);
    if (!v) {
        fprintf(stderr, "hub-train model: %s: %s\n", tokp, err);
        gguf_close(tf);
        return 1;
    }
    c.n_vocab = tok_n_vocab(v);
    struct tm_data d = {0}, h = {0};
    struct tm_houses hs = {0};
    struct train_model *m = NULL;
    size_t *perm = NULL;
    struct train_seq *seqs = NULL;
    long *load = NULL;
    int32_t *dbuf = NULL;
    if (house_hint && houses_load(corpus, &hs)) goto done;
    hs.drop = hdrop, hs.seed = (uint64_t)seed;
    if (data_load(corpus, v, c.n_ctx, max_lines, house_hint ? &hs : NULL, &d)) goto done;
    houses_free(&hs);
    if (heldout && house_hint && houses_load(heldout, &hs)) goto done;
    if (heldout && data_load(heldout, v, c.n_ctx, 2000, house_hint ? &hs : NULL, &h)) goto done;
    houses_free(&hs);
    m = train_model_new(&c, (uint64_t)seed, (int)threads, err, sizeof err);
    if (!m) {
        fprintf(stderr, "hub-train model: %s\n", err);
        goto done;
    }
    long step0 = 0;
    if (resume && train_model_load_ckpt(m, resume, &step0, err, sizeof err)) {
        fprintf(stderr, "hub-train model: %s\n", err);
        goto done;
    }
    if (cuda && train_model_use_cuda(m, 0, err, sizeof err)) {
        fprintf(stderr, "hub-train model: --backend cuda: %s\n", err);
        goto done;
    }
    printf("model: %zu parameters (%zu active per token without the embedding), %d layers, "
           "embd %d, %d experts top-%d + %d shared, vocab %d, ctx %d\n",
           train_model_n_params(m), train_model_n_active(m), c.n_layer, c.n_embd, c.n_expert,
           c.n_expert_used, c.n_expert_shared, c.n_vocab, c.n_ctx);
    printf("data: %zu sequences, %zu tokens (%zu longer than %d dropped); %d threads%s%s\n", d.n,
           d.ntok, d.dropped, c.n_ctx, (int)threads, cuda ? "; CUDA device 0" : "",
           resume ? "; resumed" : "");
    fflush(stdout);
    perm = malloc(d.n * sizeof *perm);
    seqs = malloc((size_t)o.batch * sizeof *seqs);
    load = calloc((size_t)c.n_layer * c.n_expert, sizeof *load);
    long *acc = calloc((size_t)c.n_layer * c.n_expert, sizeof *acc);
    dbuf = malloc((size_t)o.batch * c.n_ctx * sizeof *dbuf);
    if (!perm || !seqs || !load || !acc || !dbuf) {
        free(acc);
        fprintf(stderr, "hub-train model: out of memory\n");
        goto done;
    }
    uint64_t pe = UINT64_MAX;
    double t0 = now_s(), tl = t0, lsum = 0, asum = 0;
    long ntok = 0, nlog = 0;
    long end = stop_at && stop_at < o.steps ? stop_at : o.steps;
    for (long step = step0; step < end; step++) {
        build_batch(&d, perm, &pe, (uint64_t)seed, step, o.batch, seqs);
        if (wdrop > 0)
            word_dropout(seqs, o.batch, c.n_ctx, dbuf, wdrop, c.n_vocab, (uint64_t)seed, step);
        struct train_stats st = {.expert_load = load};
        if (train_model_grad(m, seqs, o.batch, &o, &st)) {
            fprintf(stderr, "hub-train model: bad batch at step %ld\n", step);
            free(acc);
            goto done;
        }
        double gn = train_model_update(m, &o, step, load);
        if (!isfinite(st.loss) || !isfinite(gn)) {
            fprintf(stderr, "hub-train model: loss diverged at step %ld\n", step);
            free(acc);
            goto done;
        }
        lsum += st.loss, asum += st.aux, nlog++;
        ntok += st.n_tok;
        for (int i = 0; i < c.n_layer * c.n_expert; i++)
            acc[i] += load[i];
        bool last = step + 1 == end;
        if ((step + 1) % log_every == 0 || last) {
            double tn = now_s();
            printf("step %ld loss %.4f aux %.4f lr %.2e gnorm %.3f %.0f tok/s", step + 1,
                   lsum / nlog, asum / nlog, train_lr_at(&o, step), gn, ntok / (tn - tl));
            printf(" load max/mean");
            for (int il = c.n_layer_dense_lead; il < c.n_layer; il++) {
                long mx = 0, sum = 0;
                for (int e = 0; e < c.n_expert; e++) {
                    long x = acc[il * c.n_expert + e];
                    mx = x > mx ? x : mx, sum += x;
                }
                printf(" %.2f", sum ? (double)mx * c.n_expert / sum : 0.0);
            }
            if (h.n && ((step + 1) % (log_every * 10) == 0 || last))
                printf(" heldout %.4f", heldout_loss(m, &h));
            printf("\n");
            fflush(stdout);
            lsum = asum = 0;
            nlog = ntok = 0;
            tl = tn;
            if (last) {
                printf("expert load per layer (share of routed tokens, %%):\n");
                for (int il = c.n_layer_dense_lead; il < c.n_layer; il++) {
                    long sum = 0;
                    for (int e = 0; e < c.n_expert; e++)
                        sum += acc[il * c.n_expert + e];
                    printf("  layer %d:", il);
                    for (int e = 0; e < c.n_expert; e++)
                        printf(" %.1f", sum ? 100.0 * acc[il * c.n_expert + e] / sum : 0.0);
                    printf("\n");
                }
            }
            memset(acc, 0, (size_t)c.n_layer * c.n_expert * sizeof *acc);
        }
        /* the weight average: a snapshot every avg_every steps from avg_from on, before the
         * checkpoint of the same step so that a resumed run has it */
        if (avg_from && step + 1 >= avg_from && (step + 1) % avg_every == 0 &&
            train_model_average_add(m)) {
            fprintf(stderr, "hub-train model: out of memory for the weight average\n");
            free(acc);
            goto done;
        }
        if (ckpt && ckpt_every && (step + 1) % ckpt_every == 0 &&
            train_model_save_ckpt(m, ckpt, step + 1, err, sizeof err)) {
            fprintf(stderr, "hub-train model: %s\n", err);
            free(acc);
            goto done;
        }
    }
    free(acc);
    if (end <= step0 && h.n) /* export only: say how good the checkpoint is */
        printf("heldout loss %.4f (%zu sequences)\n", heldout_loss(m, &h), h.n);
    printf("trained %ld steps in %.1f s\n", end > step0 ? end - step0 : 0, now_s() - t0);
    if (ckpt && train_model_save_ckpt(m, ckpt, end > step0 ? end : step0, err, sizeof err)) {
        fprintf(stderr, "hub-train model: %s\n", err);
        goto done;
    }
    /* a finished run's file holds the mean of the snapshots (an interrupted one, --stop-at, its
     * last weights); the checkpoint above keeps the last weights, from which training goes on */
    if (avg_from && end >= o.steps) {
        long na = train_model_average_count(m);
        if (!na) { /* an export from a checkpoint of a run without the average */
            fprintf(stderr, "hub-train model: --average-from: the checkpoint holds no snapshot\n");
            goto done;
        }
        train_model_average_apply(m);
        printf("weights: the mean of %ld snapshots (every %ld steps from step %ld)", na,
               avg_every, avg_from);
        if (h.n) printf(", heldout loss %.4f", heldout_loss(m, &h));
        printf("\n");
    }
    train_model_set_house_hint(m, house_hint);
    if (train_model_save_gguf(m, out, tokp, wtype, err, sizeof err)) {
        fprintf(stderr, "hub-train model: %s\n", err);
        goto done;
    }
    printf("wrote %s (%s)\n", out, type);
    rc = 0;
done:
    houses_free(&hs);
    train_model_free(m);
    free(perm);
    free(seqs);
    free(load);
    free(dbuf);
    free(d.tok), free(d.loss), free(d.off);
    free(h.tok), free(h.loss), free(h.off);
    tok_free(v);
    gguf_close(tf);
    return rc;
}
