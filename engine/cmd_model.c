/*
 * cmd_model.c: the hub-engine subcommands that run the model:
 *   hub-engine logits   --model M --tokens 1,2,3 [--threads N]
 *       the final position's logits, one per line (for comparison with other engines)
 *   hub-engine generate --model M --tokens 1,2,3 [-n 16] [--greedy | --temp T --top-k K
 *                       --top-p P --seed S] [--ids] [--threads N]
 *       prefill, then one token at a time through the KV cache; prints the new ids on one line
 *   hub-engine bench    --model M [--threads N] [--prompt N] [--gen N] [--reps R] [--backend cpu]
 *       prompt (pp) and generation (tg) speed as "pp X tok/s" and "tg X tok/s" lines, the mean
 *       of R runs after a warm-up (the standard deviation follows in brackets)
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
#include "hub_log.h"

struct cmd_opts {
    const char *model;
    const char *tokens;
    const char *backend;
    int n_predict;
    int threads;
    int prompt, gen, reps, ctx;
    bool greedy, ids;
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
    o->backend = "cpu";
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
    if (strcmp(o->backend, "cpu") != 0) {
        fprintf(stderr, "hub-engine %s: backend '%s' is not available in this build (cpu)\n",
                argv[0], o->backend);
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
};

static void unload(struct loaded *l)
{
    model_ctx_free(l->c);
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
    if (!l->c) {
        fprintf(stderr, "hub-engine: %s\n", err);
        unload(l);
        return 1;
    }
    return 0;
}

int hub_engine_cmd_logits(int argc, char **argv)
{
    struct cmd_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc) return rc;
    if (!o.tokens) {
        fprintf(stderr, "hub-engine logits: --tokens 1,2,3 is required\n");
        return 2;
    }
    int n;
    int32_t *tok = parse_tokens(o.tokens, &n);
    if (!tok) return 2;
    struct loaded l;
    if (load(&o, n, &l)) {
        free(tok);
        return 1;
    }
    int nv = model_hparams(l.m)->n_vocab;
    float *logits = malloc((size_t)nv * sizeof(float));
    rc = 1;
    if (logits && model_eval(l.c, tok, n, logits) == 0) {
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
    if (!o.tokens) {
        fprintf(stderr, "hub-engine generate: --tokens 1,2,3 is required\n");
        return 2;
    }
    int n;
    int32_t *tok = parse_tokens(o.tokens, &n);
    if (!tok) return 2;
    struct loaded l;
    if (load(&o, n + o.n_predict, &l)) {
        free(tok);
        return 1;
    }
    int nv = model_hparams(l.m)->n_vocab;
    char err[256];
    struct sampler_params sp = {o.greedy, o.temp, o.top_k, o.top_p, o.seed};
    struct sampler *s = sampler_new(&sp, nv, err, sizeof(err));
    float *logits = malloc((size_t)nv * sizeof(float));
    rc = 1;
    if (!s) {
        fprintf(stderr, "hub-engine generate: %s\n", err);
        rc = 2;
        goto out;
    }
    if (!logits || model_eval(l.c, tok, n, logits) != 0) goto out;
    for (int i = 0; i < o.n_predict; i++) {
        int32_t id = sampler_sample(s, logits);
        printf(i ? ",%d" : "%d", id);
        if (i + 1 < o.n_predict && model_eval(l.c, &id, 1, logits) != 0) goto out;
    }
    printf("\n");
    rc = fflush(stdout) == 0 ? 0 : 1;
out:
    sampler_free(s);
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

static void report(const char *what, int n, const double *rate, int reps)
{
    double mean = 0, var = 0;
    for (int i = 0; i < reps; i++) mean += rate[i];
    mean /= reps;
    for (int i = 0; i < reps; i++) var += (rate[i] - mean) * (rate[i] - mean);
    double sd = reps > 1 ? sqrt(var / (reps - 1)) : 0;
    printf("%s %.2f tok/s (%s%d, +- %.2f, %d runs)\n", what, mean, what, n, sd, reps);
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
    double *rate = malloc((size_t)o.reps * sizeof(double));
    rc = 1;
    if (!tok || !logits || !rate) goto out;
    /* a fixed pseudo-random prompt: the speed does not depend on which tokens */
    uint32_t st = 12345;
    for (int i = 0; i <= nmax; i++) {
        st = st * 1664525u + 1013904223u;
        tok[i] = (int32_t)((st >> 8) % (uint32_t)hp->n_vocab);
    }
    printf("model %s: %s, %d layers, %d wide, %d experts (%d used), %.2f MiB, %d threads, %s\n",
           o.model, hp->arch == MODEL_ARCH_DEEPSEEK2 ? "deepseek2" : "qwen2moe", hp->n_layer,
           hp->n_embd, hp->n_expert, hp->n_expert_used, model_weight_bytes(l.m) / 1048576.0,
           o.threads, kern_isa_name(kern_isa_active()));
    if (o.prompt > 0) {
        for (int r = -1; r < o.reps; r++) {
            model_ctx_reset(l.c);
            double t0 = now_s();
            if (model_eval(l.c, tok, o.prompt, logits) != 0) goto out;
            double dt = now_s() - t0;
            if (r >= 0) rate[r] = o.prompt / dt;
        }
        report("pp", o.prompt, rate, o.reps);
    }
    if (o.gen > 0) {
        for (int r = -1; r < o.reps; r++) {
            model_ctx_reset(l.c);
            double t0 = now_s();
            for (int i = 0; i < o.gen; i++)
                if (model_eval(l.c, &tok[i], 1, logits) != 0) goto out;
            double dt = now_s() - t0;
            if (r >= 0) rate[r] = o.gen / dt;
        }
        report("tg", o.gen, rate, o.reps);
    }
    rc = fflush(stdout) == 0 ? 0 : 1;
out:
    free(rate);
    free(logits);
    free(tok);
    unload(&l);
    return rc;
}
