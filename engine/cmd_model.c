/*
 * cmd_model.c: the hub-engine subcommands that run the model:
 *   hub-engine logits   --model M --tokens 1,2,3 [--threads N]
 *       the final position's logits, one per line (for comparison with other engines)
 *   hub-engine generate --model M --tokens 1,2,3 [-n 16] [--greedy | --temp T --top-k K
 *                       --top-p P --seed S] [--ids] [--threads N]
 *       prefill, then one token at a time through the KV cache; prints the new ids on one line
 *       with --ids, else their text (the file's tokenizer); logits and generate take
 *       --text "..." (tokenized as llama-tokenize does, BOS added) instead of --tokens
 *   hub-engine bench    --model M [--threads N] [--prompt N] [--gen N] [--reps R]
 *       prompt (pp) and generation (tg) speed as "pp X tok/s" and "tg X tok/s" lines, the mean
 *       of R runs after a warm-up (the standard deviation follows in brackets); --roofline also
 *       measures the memory bandwidth and prints the decode bound it sets for this model
 *   logits, generate and bench take --backend cpu|cuda|auto (default auto: a CUDA device when
 *       there is one, else the CPU with one log line; see model_backend_open)
 *   hub-engine make-model --out F [--type q8_0|q4_k|q4_0|f16|f32] [--embd 1024] [--layers 12]
 *                       [--heads 16] [--experts 32] [--used 4] [--ff-exp 256] [--vocab 16384]
 *                       [--seed S] [--shape v2-lite] [--threads N]
 *       writes a deepseek2 GGUF with random weights (scaled so activations stay of order 1),
 *       for speed measurements on a model larger than the caches; --shape v2-lite takes
 *       DeepSeek-V2-Lite's shapes (2048 wide, 27 layers, 64 experts top-6, 2 shared, 15.7 B
 *       parameters); rows that a type's blocks do not divide fall back to Q8_0
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/commands.h"
#include "engine/gguf.h"
#include "engine/model.h"
#include "engine/sampler.h"
#include "engine/tokenizer.h"
#include "hub_log.h"
#include "kernels/backend.h"

struct cmd_opts {
    const char *model;
    const char *tokens;
    const char *text;
    const char *backend;
    int n_predict;
    int threads;
    int prompt, gen, reps, ctx;
    bool greedy, ids, roofline;
    float temp, top_p;
    int top_k;
    unsigned long long seed;
};

static int parse_int(const char *s, const char *what, long lo, long hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) {
        fprintf(stderr, "hub-engine: %s must be an integer in [%ld, %ld], got '%s'\n", what, lo,
                hi, s);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static int parse_float(const char *s, const char *what, float *out)
{
    char *end;
    errno = 0;
    float v = strtof(s, &end);
    if (errno || end == s || *end || !isfinite(v)) {
        fprintf(stderr, "hub-engine: %s must be a number, got '%s'\n", what, s);
        return -1;
    }
    *out = v;
    return 0;
}

static int default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* Common flags of the model commands; returns 0, or 2 on a usage error. */
static int parse_opts(int argc, char **argv, struct cmd_opts *o)
{
    enum { O_TEMP = 256, O_TOPK, O_TOPP, O_SEED, O_PROMPT, O_GEN, O_REPS, O_BACKEND, O_CTX };
    static const struct option lo[] = {
        {"model", required_argument, 0, 'm'},   {"tokens", required_argument, 0, 't'},
        {"threads", required_argument, 0, 'j'}, {"greedy", no_argument, 0, 'g'},
        {"ids", no_argument, 0, 'i'},           {"temp", required_argument, 0, O_TEMP},
        {"top-k", required_argument, 0, O_TOPK}, {"top-p", required_argument, 0, O_TOPP},
        {"seed", required_argument, 0, O_SEED}, {"prompt", required_argument, 0, O_PROMPT},
        {"gen", required_argument, 0, O_GEN},   {"reps", required_argument, 0, O_REPS},
        {"backend", required_argument, 0, O_BACKEND}, {"ctx", required_argument, 0, O_CTX},
        {"roofline", no_argument, 0, 'r'},     {"text", required_argument, 0, 'T'},
        {0, 0, 0, 0},
    };
    memset(o, 0, sizeof(*o));
    o->n_predict = 16;
    o->threads = default_threads();
    o->prompt = 32;
    o->gen = 32;
    o->reps = 5;
    o->temp = 0.8f;
    o->top_p = 1.0f;
    o->top_k = 0;
    o->ctx = 0;
    o->backend = "auto";
    optind = 1;
    opterr = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "m:t:n:", lo, NULL)) != -1) {
        int bad = 0;
        switch (ch) {
        case 'm': o->model = optarg; break;
        case 't': o->tokens = optarg; break;
        case 'n': bad = parse_int(optarg, "-n", 0, 1 << 20, &o->n_predict); break;
        case 'j': bad = parse_int(optarg, "--threads", 1, 256, &o->threads); break;
        case 'g': o->greedy = true; break;
        case 'i': o->ids = true; break;
        case 'r': o->roofline = true; break;
        case 'T': o->text = optarg; break;
        case O_TEMP: bad = parse_float(optarg, "--temp", &o->temp); break;
        case O_TOPK: bad = parse_int(optarg, "--top-k", 0, 1 << 24, &o->top_k); break;
        case O_TOPP: bad = parse_float(optarg, "--top-p", &o->top_p); break;
        case O_SEED: {
            char *end;
            errno = 0;
            o->seed = strtoull(optarg, &end, 10);
            if (errno || end == optarg || *end) {
                fprintf(stderr, "hub-engine: --seed must be a non-negative integer\n");
                bad = -1;
            }
            break;
        }
        case O_PROMPT: bad = parse_int(optarg, "--prompt", 0, 1 << 20, &o->prompt); break;
        case O_GEN: bad = parse_int(optarg, "--gen", 0, 1 << 20, &o->gen); break;
        case O_REPS: bad = parse_int(optarg, "--reps", 1, 1000, &o->reps); break;
        case O_CTX: bad = parse_int(optarg, "--ctx", 1, 1 << 22, &o->ctx); break;
        case O_BACKEND: o->backend = optarg; break;
        default: return 2;
        }
        if (bad) return 2;
    }
    if (optind < argc) {
        fprintf(stderr, "hub-engine %s: unexpected argument '%s'\n", argv[0], argv[optind]);
        return 2;
    }
    if (!o->model) {
        fprintf(stderr, "hub-engine %s: --model FILE is required\n", argv[0]);
        return 2;
    }
    if (strcmp(o->backend, "cpu") && strcmp(o->backend, "cuda") && strcmp(o->backend, "auto")) {
        fprintf(stderr, "hub-engine %s: unknown backend '%s' (cpu, cuda or auto)\n", argv[0],
                o->backend);
        return 2;
    }
    return 0;
}

/* "1,2,3" -> malloc'd ids; NULL with a message on bad input. */
static int32_t *parse_tokens(const char *s, int *n_out)
{
    size_t cap = 16, n = 0;
    int32_t *v = malloc(cap * sizeof(*v));
    if (!v) return NULL;
    const char *p = s;
    while (*p) {
        char *end;
        errno = 0;
        long t = strtol(p, &end, 10);
        if (errno || end == p || t < 0 || t > INT32_MAX) {
            fprintf(stderr, "hub-engine: bad token id at '%s' (expected 1,2,3)\n", p);
            free(v);
            return NULL;
        }
        if (n == cap) {
            int32_t *nv = realloc(v, (cap *= 2) * sizeof(*v));
            if (!nv) {
                free(v);
                return NULL;
            }
            v = nv;
        }
        v[n++] = (int32_t)t;
        p = end;
        while (*p == ' ') p++;
        if (*p == ',') {
            p++;
            if (!*p) break;
        } else if (*p) {
            fprintf(stderr, "hub-engine: bad token list at '%s' (expected 1,2,3)\n", p);
            free(v);
            return NULL;
        }
    }
    if (n == 0) {
        fprintf(stderr, "hub-engine: --tokens is empty\n");
        free(v);
        return NULL;
    }
    *n_out = (int)n;
    return v;
}

struct loaded {
    struct gguf_file *f;
    struct model *m;
    struct model_ctx *c;
    struct tok_vocab *v;
    struct hub_backend *be; /* NULL: the CPU kernels */
};

static void unload(struct loaded *l)
{
    tok_free(l->v);
    model_ctx_free(l->c);
    hub_backend_free(l->be);
    model_free(l->m);
    gguf_close(l->f);
}

static int load(const struct cmd_opts *o, int n_ctx, struct loaded *l)
{
    char err[512];
    memset(l, 0, sizeof(*l));
    l->f = gguf_open(o->model, err, sizeof(err));
    if (!l->f) {
        fprintf(stderr, "hub-engine: %s: %s\n", o->model, err);
        return 1;
    }
    l->m = model_load(l->f, err, sizeof(err));
    if (!l->m) {
        fprintf(stderr, "hub-engine: %s: %s\n", o->model, err);
        unload(l);
        return 1;
    }
    if (o->ctx) n_ctx = o->ctx;
    l->c = model_ctx_new(l->m, n_ctx, o->threads, err, sizeof(err));
    if (!l->c || model_backend_open(o->backend, &l->be, err, sizeof(err)) ||
        (l->be && model_ctx_set_backend(l->c, l->be, err, sizeof(err)))) {
        fprintf(stderr, "hub-engine: %s\n", err);
        unload(l);
        return 1;
    }
    return 0;
}

/* The prompt: --tokens as given, or --text through the file's tokenizer (opened here). */
static int32_t *prompt_tokens(const struct cmd_opts *o, const struct gguf_file *f,
                              struct tok_vocab **v, int *n)
{
    char err[512];
    *v = tok_load(f, err, sizeof(err));
    if (!*v) {
        fprintf(stderr, "hub-engine: %s: no usable tokenizer for --text: %s\n", o->model, err);
        return NULL;
    }
    int32_t *ids = NULL;
    size_t nid = 0;
    if (tok_encode(*v, o->text, strlen(o->text), TOK_DEFAULT, &ids, &nid) != 0 || nid == 0 ||
        nid > 1 << 20) {
        fprintf(stderr, "hub-engine: cannot tokenize --text\n");
        free(ids);
        return NULL;
    }
    *n = (int)nid;
    return ids;
}

int hub_engine_cmd_logits(int argc, char **argv)
{
    struct cmd_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc) return rc;
    if (!o.tokens == !o.text) {
        fprintf(stderr, "hub-engine logits: give --tokens 1,2,3 or --text \"...\"\n");
        return 2;
    }
    int n = 0;
    int32_t *tok = NULL;
    if (o.tokens && !(tok = parse_tokens(o.tokens, &n))) return 2; /* a usage error */
    struct loaded l;
    if (load(&o, o.ctx ? o.ctx : 4096, &l)) {
        free(tok);
        return 1;
    }
    if (!tok) tok = prompt_tokens(&o, l.f, &l.v, &n);
    int nv = model_hparams(l.m)->n_vocab;
    float *logits = malloc((size_t)nv * sizeof(float));
    rc = 1;
    if (tok && logits && model_eval(l.c, tok, n, logits) == 0) {
        for (int i = 0; i < nv; i++) printf("%.9g\n", logits[i]);
        rc = fflush(stdout) == 0 ? 0 : 1;
    }
    free(logits);
    free(tok);
    unload(&l);
    return rc;
}

int hub_engine_cmd_generate(int argc, char **argv)
{
    struct cmd_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc) return rc;
    if (!o.tokens == !o.text) {
        fprintf(stderr, "hub-engine generate: give --tokens 1,2,3 or --text \"...\"\n");
        return 2;
    }
    int n = 0;
    int32_t *tok = NULL;
    if (o.tokens && !(tok = parse_tokens(o.tokens, &n))) return 2; /* a usage error */
    struct loaded l;
    if (load(&o, o.ctx ? o.ctx : 4096, &l)) {
        free(tok);
        return 1;
    }
    if (!tok) tok = prompt_tokens(&o, l.f, &l.v, &n);
    int nv = model_hparams(l.m)->n_vocab;
    char err[512];
    struct sampler_params sp = {o.greedy, o.temp, o.top_k, o.top_p, o.seed};
    struct sampler *s = sampler_new(&sp, nv, err, sizeof(err));
    float *logits = malloc((size_t)nv * sizeof(float));
    int32_t *out = malloc(((size_t)o.n_predict + 1) * sizeof(int32_t));
    rc = 1;
    if (!s) {
        fprintf(stderr, "hub-engine generate: %s\n", err);
        rc = 2;
        goto done;
    }
    if (!tok || !logits || !out) goto done;
    if (n + o.n_predict > model_ctx_size(l.c)) {
        fprintf(stderr, "hub-engine generate: %d prompt + %d new tokens exceed the context of %d "
                        "(--ctx)\n", n, o.n_predict, model_ctx_size(l.c));
        goto done;
    }
    if (model_eval(l.c, tok, n, logits) != 0) goto done;
    for (int i = 0; i < o.n_predict; i++) {
        out[i] = sampler_sample(s, logits);
        if (i + 1 < o.n_predict && model_eval(l.c, &out[i], 1, logits) != 0) goto done;
    }
    if (!o.ids && !l.v) {
        l.v = tok_load(l.f, err, sizeof(err));
        if (!l.v) fprintf(stderr, "hub-engine generate: no tokenizer (%s); printing ids\n", err);
    }
    if (o.ids || !l.v) {
        for (int i = 0; i < o.n_predict; i++) printf(i ? ",%d" : "%d", out[i]);
        printf("\n");
    } else {
        char *txt = tok_decode(l.v, out, (size_t)o.n_predict, false, NULL);
        if (!txt) goto done;
        printf("%s\n", txt);
        free(txt);
    }
    rc = fflush(stdout) == 0 ? 0 : 1;
done:
    sampler_free(s);
    free(out);
    free(logits);
    free(tok);
    unload(&l);
    return rc;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* mean and sd of the runs' rates; cpu_rate: tokens per CPU-second of the whole process, which
 * others' load on a shared machine inflates far less than the wall clock */
static void report(const char *what, int n, const double *rate, int reps, double cpu_rate)
{
    double mean = 0, var = 0;
    for (int i = 0; i < reps; i++) mean += rate[i];
    mean /= reps;
    for (int i = 0; i < reps; i++) var += (rate[i] - mean) * (rate[i] - mean);
    double sd = reps > 1 ? sqrt(var / (reps - 1)) : 0;
    printf("%s %.2f tok/s (%s%d, +- %.2f, %d runs; %.2f tok per CPU-second)\n", what, mean, what,
           n, sd, reps, cpu_rate);
}

int hub_engine_cmd_bench(int argc, char **argv)
{
    struct cmd_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc) return rc;
    struct loaded l;
    int n_ctx = (o.prompt > o.gen ? o.prompt : o.gen) + 1;
    if (load(&o, n_ctx, &l)) return 1;
    const struct model_hparams *hp = model_hparams(l.m);
    int nmax = o.prompt > o.gen ? o.prompt : o.gen;
    int32_t *tok = malloc(((size_t)nmax + 1) * sizeof(*tok));
    float *logits = malloc((size_t)hp->n_vocab * sizeof(float));
    double *rate = calloc((size_t)o.reps, sizeof(double));
    rc = 1;
    if (!tok || !logits || !rate) goto out;
    /* a fixed pseudo-random prompt: the speed does not depend on which tokens */
    uint32_t st = 12345;
    for (int i = 0; i <= nmax; i++) {
        st = st * 1664525u + 1013904223u;
        tok[i] = (int32_t)((st >> 8) % (uint32_t)hp->n_vocab);
    }
    printf("model %s: %s, %d layers, %d wide, %d experts (%d used), %.2f MiB\n", o.model,
           hp->arch == MODEL_ARCH_DEEPSEEK2 ? "deepseek2" : "qwen2moe", hp->n_layer, hp->n_embd,
           hp->n_expert, hp->n_expert_used, model_weight_bytes(l.m) / 1048576.0);
    if (l.be)
        printf("backend %s\n", l.be->ops->name);
    else
        printf("backend cpu, %d threads, %s\n", o.threads, kern_isa_name(kern_isa_active()));
    if (o.prompt > 0) {
        double c0 = 0;
        for (int r = -1; r < o.reps; r++) {
            model_ctx_reset(l.c);
            if (r == 0) c0 = cpu_s();
            double t0 = now_s();
            if (model_eval(l.c, tok, o.prompt, logits) != 0) goto out;
            double dt = now_s() - t0;
            if (r >= 0) rate[r] = o.prompt / dt;
        }
        report("pp", o.prompt, rate, o.reps, (double)o.prompt * o.reps / (cpu_s() - c0));
    }
    if (o.gen > 0) {
        double c0 = 0;
        for (int r = -1; r < o.reps; r++) {
            model_ctx_reset(l.c);
            if (r == 0) c0 = cpu_s();
            double t0 = now_s();
            for (int i = 0; i < o.gen; i++)
                if (model_eval(l.c, &tok[i], 1, logits) != 0) goto out;
            double dt = now_s() - t0;
            if (r >= 0) rate[r] = o.gen / dt;
        }
        report("tg", o.gen, rate, o.reps, (double)o.gen * o.reps / (cpu_s() - c0));
    }
    if (o.roofline) {
        struct kern_pool *pool = o.threads > 1 ? kern_pool_new(o.threads) : NULL;
        double bw = kern_measure_bandwidth_gbs(pool);
        kern_pool_free(pool);
        double act = (double)model_active_bytes(l.m);
        printf("bandwidth %.2f GB/s (%d threads); %.2f MB of weights read per decoded token; "
               "decode bound %.1f tok/s\n", bw, o.threads, act / 1e6, act > 0 ? bw * 1e9 / act : 0);
    }
    rc = fflush(stdout) == 0 ? 0 : 1;
out:
    free(rate);
    free(logits);
    free(tok);
    unload(&l);
    return rc;
}

/* ---------------------------------------------------------------------------------------- */
/* make-model: a random deepseek2 file written with the GGUF writer */

struct mk_tensor {
    char name[64];
    int type;
    int64_t k, rows, n_mat; /* ne = [k, rows, n_mat] */
    float scale;            /* uniform in [-scale, scale]; 0: all ones (norm weights) */
};

struct mk_ctx {
    struct mk_tensor *t;
    int n, cap;
    uint64_t seed;
    struct kern_pool *pool; /* NULL: the caller's thread alone */
};

/* The requested type where the row length fits its blocks, else Q8_0, else F16 (as
 * llama-quantize falls back for rows a k-quant cannot hold). */
static int mk_type(int want, int64_t k)
{
    if (kern_row_bytes(want, k)) return want;
    if (kern_row_bytes(KERN_Q8_0, k)) return KERN_Q8_0;
    return KERN_F16;
}

static int mk_add(struct mk_ctx *mc, const char *name, int type, int64_t k, int64_t rows,
                  int64_t n_mat, bool norm)
{
    if (mc->n == mc->cap) {
        int cap = mc->cap ? mc->cap * 2 : 64;
        struct mk_tensor *nt = realloc(mc->t, (size_t)cap * sizeof(*nt));
        if (!nt) return -1;
        mc->t = nt;
        mc->cap = cap;
    }
    struct mk_tensor *t = &mc->t[mc->n++];
    snprintf(t->name, sizeof(t->name), "%s", name);
    t->type = norm ? KERN_F32 : type;
    t->k = k;
    t->rows = rows;
    t->n_mat = n_mat;
    t->scale = norm ? 0.0f : sqrtf(3.0f / (float)k); /* unit variance out for unit variance in */
    return 0;
}

static uint64_t mk_hash(const char *s, uint64_t h)
{
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001B3ull;
    return h;
}

/* One tensor's rows, split over a pool: each row has its own random stream (seeded by the
 * tensor's name and the row), so the file is the same whatever the thread count. */
struct mk_job {
    const struct mk_tensor *t;
    uint8_t *dst;
    size_t rb;
    uint64_t seed;
    bool oom;
};

static void mk_rows(void *arg, int ith, int nth)
{
    struct mk_job *j = arg;
    const struct mk_tensor *t = j->t;
    int64_t n = t->rows * t->n_mat, r0 = n * ith / nth, r1 = n * (ith + 1) / nth;
    float *row = malloc((size_t)t->k * sizeof(float));
    if (!row) {
        j->oom = true; /* a bool written true only: a benign race */
        return;
    }
    for (int64_t r = r0; r < r1; r++) {
        uint64_t st = (j->seed ^ ((uint64_t)r * 0x9E3779B97F4A7C15ull)) | 1;
        for (int64_t i = 0; i < t->k; i++) {
            if (t->scale == 0.0f) {
                row[i] = 1.0f;
                continue;
            }
            st ^= st >> 12;
            st ^= st << 25;
            st ^= st >> 27;
            uint64_t v = st * 0x2545F4914F6CDD1Dull;
            row[i] = t->scale * ((float)(v >> 40) * (2.0f / 16777216.0f) - 1.0f);
        }
        kern_quant_row(t->type, row, j->dst + (size_t)r * j->rb, t->k);
    }
    free(row);
}

static int mk_fill(void *ctx, const char *name, void *dst, size_t nbytes)
{
    struct mk_ctx *mc = ctx;
    const struct mk_tensor *t = NULL;
    for (int i = 0; i < mc->n; i++)
        if (!strcmp(mc->t[i].name, name)) t = &mc->t[i];
    if (!t) return -1;
    size_t rb = kern_row_bytes(t->type, t->k);
    if (rb * (size_t)t->rows * (size_t)t->n_mat != nbytes) return -1;
    struct mk_job j = {t, dst, rb, mk_hash(name, 0xCBF29CE484222325ull ^ mc->seed), false};
    kern_pool_run(mc->pool, mk_rows, &j);
    return j.oom ? -1 : 0;
}

int hub_engine_cmd_make_model(int argc, char **argv)
{
    static const struct option lo[] = {
        {"out", required_argument, 0, 'o'},    {"type", required_argument, 0, 't'},
        {"embd", required_argument, 0, 'e'},   {"layers", required_argument, 0, 'l'},
        {"heads", required_argument, 0, 'h'},  {"experts", required_argument, 0, 'x'},
        {"used", required_argument, 0, 'u'},   {"ff-exp", required_argument, 0, 'f'},
        {"vocab", required_argument, 0, 'v'},  {"seed", required_argument, 0, 's'},
        {"shape", required_argument, 0, 'S'},  {"threads", required_argument, 0, 'j'},
        {0, 0, 0, 0},
    };
    const char *out = NULL, *tname = "q8_0";
    int E = 1024, L = 12, H = 16, X = 32, K = 4, F = 256, V = 16384, seed = 1;
    int threads = default_threads();
    /* V2-Lite proportions: 64 nope + 32 rope dims, 64 per value head, latent 256 (or E/4),
     * dense FFN 2E, one shared expert; --shape v2-lite gives its exact shapes instead */
    int dn = 64, dr = 32, dv = 64, R = 0, FF = 0, S = 1;
    optind = 1;
    int ch, bad = 0;
    while ((ch = getopt_long(argc, argv, "", lo, NULL)) != -1) {
        switch (ch) {
        case 'o': out = optarg; break;
        case 't': tname = optarg; break;
        case 'e': bad |= parse_int(optarg, "--embd", 256, 16384, &E); break;
        case 'l': bad |= parse_int(optarg, "--layers", 2, 256, &L); break;
        case 'h': bad |= parse_int(optarg, "--heads", 1, 256, &H); break;
        case 'x': bad |= parse_int(optarg, "--experts", 2, 1024, &X); break;
        case 'u': bad |= parse_int(optarg, "--used", 1, 64, &K); break;
        case 'f': bad |= parse_int(optarg, "--ff-exp", 32, 65536, &F); break;
        case 'v': bad |= parse_int(optarg, "--vocab", 256, 1 << 20, &V); break;
        case 's': bad |= parse_int(optarg, "--seed", 0, 1 << 30, &seed); break;
        case 'j': bad |= parse_int(optarg, "--threads", 1, 256, &threads); break;
        case 'S':
            if (strcmp(optarg, "v2-lite")) {
                fprintf(stderr, "hub-engine make-model: --shape knows only v2-lite\n");
                return 2;
            }
            /* DeepSeek-V2-Lite (config.json of the released model): 15.7 B parameters */
            E = 2048, L = 27, H = 16, X = 64, K = 6, F = 1408, V = 102400;
            dn = 128, dr = 64, dv = 128, R = 512, FF = 10944, S = 2;
            break;
        default: return 2;
        }
    }
    if (bad) return 2;
    if (!out) {
        fprintf(stderr, "hub-engine make-model: --out FILE is required\n");
        return 2;
    }
    int type;
    if (!strcmp(tname, "q8_0")) type = KERN_Q8_0;
    else if (!strcmp(tname, "q4_k")) type = KERN_Q4_K;
    else if (!strcmp(tname, "q4_0")) type = KERN_Q4_0;
    else if (!strcmp(tname, "f16")) type = KERN_F16;
    else if (!strcmp(tname, "f32")) type = KERN_F32;
    else {
        fprintf(stderr, "hub-engine make-model: --type must be q8_0, q4_k, q4_0, f16 or f32\n");
        return 2;
    }
    if (E % 256 || F % 32 || K > X) {
        fprintf(stderr, "hub-engine make-model: --embd must be a multiple of 256, --ff-exp of 32, "
                        "--used <= --experts\n");
        return 2;
    }
    if (!R) R = E / 4 < 256 ? 256 : E / 4;
    if (!FF) FF = 2 * E;
    struct mk_ctx mc = {NULL, 0, 0, (uint64_t)seed, threads > 1 ? kern_pool_new(threads) : NULL};
    char n[64];
    int rc = 0;
#define MK(nm, k, rows, nmat, norm) rc |= mk_add(&mc, nm, mk_type(type, k), k, rows, nmat, norm)
    MK("token_embd.weight", E, V, 1, false);
    MK("output_norm.weight", E, 1, 1, true);
    MK("output.weight", E, V, 1, false);
    for (int il = 0; il < L; il++) {
#define NM(fmt) (snprintf(n, sizeof(n), fmt, il), n)
        MK(NM("blk.%d.attn_norm.weight"), E, 1, 1, true);
        MK(NM("blk.%d.attn_q.weight"), E, (int64_t)H * (dn + dr), 1, false);
        MK(NM("blk.%d.attn_kv_a_mqa.weight"), E, R + dr, 1, false);
        MK(NM("blk.%d.attn_kv_a_norm.weight"), R, 1, 1, true);
        MK(NM("blk.%d.attn_k_b.weight"), dn, R, H, false);
        MK(NM("blk.%d.attn_v_b.weight"), R, dv, H, false);
        MK(NM("blk.%d.attn_output.weight"), (int64_t)H * dv, E, 1, false);
        MK(NM("blk.%d.ffn_norm.weight"), E, 1, 1, true);
        if (il == 0) {
            MK(NM("blk.%d.ffn_gate.weight"), E, FF, 1, false);
            MK(NM("blk.%d.ffn_up.weight"), E, FF, 1, false);
            MK(NM("blk.%d.ffn_down.weight"), FF, E, 1, false);
            continue;
        }
        rc |= mk_add(&mc, NM("blk.%d.ffn_gate_inp.weight"), KERN_F32, E, X, 1, false);
        MK(NM("blk.%d.ffn_gate_exps.weight"), E, F, X, false);
        MK(NM("blk.%d.ffn_up_exps.weight"), E, F, X, false);
        MK(NM("blk.%d.ffn_down_exps.weight"), F, E, X, false);
        MK(NM("blk.%d.ffn_gate_shexp.weight"), E, (int64_t)F * S, 1, false);
        MK(NM("blk.%d.ffn_up_shexp.weight"), E, (int64_t)F * S, 1, false);
        MK(NM("blk.%d.ffn_down_shexp.weight"), (int64_t)F * S, E, 1, false);
#undef NM
    }
#undef MK
    struct gguf_writer *w = gguf_writer_new();
    if (rc || !w) {
        fprintf(stderr, "hub-engine make-model: out of memory\n");
        gguf_writer_free(w);
        free(mc.t);
    kern_pool_free(mc.pool);
        kern_pool_free(mc.pool);
        return 1;
    }
    const char *a = "deepseek2.";
    char key[96];
#define KU(k, v) (snprintf(key, sizeof(key), "%s%s", a, k), rc |= gguf_writer_set_u32(w, key, (uint32_t)(v)))
#define KF(k, v) (snprintf(key, sizeof(key), "%s%s", a, k), rc |= gguf_writer_set_f32(w, key, (float)(v)))
    rc |= gguf_writer_set_str(w, "general.architecture", "deepseek2");
    rc |= gguf_writer_set_str(w, "general.name", "hub-engine make-model (random weights)");
    KU("context_length", 4096);
    KU("embedding_length", E);
    KU("block_count", L);
    KU("feed_forward_length", FF);
    KU("attention.head_count", H);
    KU("attention.head_count_kv", 1);
    KF("rope.freq_base", 10000.0);
    KF("attention.layer_norm_rms_epsilon", 1e-6);
    KU("expert_count", X);
    KU("expert_used_count", K);
    KU("expert_group_count", 1);
    KU("expert_group_used_count", 1);
    KU("leading_dense_block_count", 1);
    KU("vocab_size", V);
    KU("attention.q_lora_rank", 0);
    KU("attention.kv_lora_rank", R);
    KU("attention.key_length", R + dr);
    KU("attention.value_length", R);
    KU("attention.key_length_mla", dn + dr);
    KU("attention.value_length_mla", dv);
    KU("expert_feed_forward_length", F);
    KU("expert_shared_count", S);
    KF("expert_weights_scale", 1.0);
    KU("expert_gating_func", 1);
    KU("rope.dimension_count", dr);
#undef KU
#undef KF
    size_t total = 0;
    for (int i = 0; i < mc.n && !rc; i++) {
        const struct mk_tensor *t = &mc.t[i];
        int64_t ne[3] = {t->k, t->rows, t->n_mat};
        uint32_t nd = t->n_mat > 1 ? 3 : t->rows > 1 ? 2 : 1;
        size_t nb = kern_row_bytes(t->type, t->k) * (size_t)t->rows * (size_t)t->n_mat;
        total += nb;
        rc |= gguf_writer_add_tensor_fill(w, t->name, (uint32_t)t->type, nd, ne, nb, mk_fill, &mc);
    }
    char err[512] = "";
    if (rc) snprintf(err, sizeof(err), "%s", gguf_writer_error(w));
    else rc = gguf_writer_write(w, out, err, sizeof(err));
    gguf_writer_free(w);
    free(mc.t);
    kern_pool_free(mc.pool);
    if (rc) {
        fprintf(stderr, "hub-engine make-model: %s: %s\n", out, err);
        return 1;
    }
    printf("wrote %s: deepseek2, %d layers, %d wide, %d experts (%d used), %s, %.1f MiB\n", out, L,
           E, X, K, tname, total / 1048576.0);
    return 0;
}
