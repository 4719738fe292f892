/*
 * bench-backend.c: speed of a backend's products on DeepSeek-V2-Lite's expert shapes (random
 * weights): a decode step's active FFN weights (layers x (6 routed + 2 shared experts) x
 * gate/up/down of 1408 x 2048) as mat-vecs, optionally replayed as one CUDA graph, and a
 * prefill batch through the same matrices. Prints tok/s and the weight bytes streamed per
 * second, the figure to hold against the memory-bandwidth roofline (kern_measure_bandwidth_gbs
 * on the CPU; the GPU's datasheet figure on a GPU: see kernels/cuda/README.md).
 *   bench-backend --backend cuda|cpu [--type q4_K] [--layers 26] [--threads 2] [--pp 512]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kernels/backend.h"
#include "kernels/kern.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int type_by_name(const char *s)
{
    for (int t = 0; t < KERN_TYPE_MAX; t++) {
        const struct kern_type_traits *tr = kern_type_traits(t);
        if (tr && !strcasecmp(tr->name, s)) return t;
    }
    return -1;
}

int main(int argc, char **argv)
{
    const char *bname = "cpu", *tname = "q4_K";
    int layers = 26, threads = 2, pp = 512, iters = 5;
    for (int i = 1; i < argc; i++) {
        if (i + 1 < argc && !strcmp(argv[i], "--backend"))
            bname = argv[++i];
        else if (i + 1 < argc && !strcmp(argv[i], "--type"))
            tname = argv[++i];
        else if (i + 1 < argc && !strcmp(argv[i], "--layers"))
            layers = atoi(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "--threads"))
            threads = atoi(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "--pp"))
            pp = atoi(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "--iters"))
            iters = atoi(argv[++i]);
        else {
            fprintf(stderr,
                    "usage: %s --backend cpu|cuda|auto [--type q4_K] [--layers N] "
                    "[--threads N] [--pp N] [--iters N]\n",
                    argv[0]);
            return 2;
        }
    }
    int type = type_by_name(tname);
    if (type < 0 || !kern_can_quant(type) || layers < 1 || layers > 200 || pp < 0 || pp > 8192 ||
        iters < 1 || threads < 1) {
        fprintf(stderr, "bad arguments (type '%s', layers %d, pp %d)\n", tname, layers, pp);
        return 2;
    }
    char err[256];
    struct hub_backend *be = hub_backend_new(bname, threads, err, sizeof(err));
    if (!be) {
        fprintf(stderr, "backend %s: %s\n", bname, err);
        return 1;
    }
    /* gate and up are 1408 rows of 2048; down 2048 rows of 1408 */
    const int64_t E = 2048, F = 1408;
    int n_mat = layers * 8 * 3;
    /* 1408 is no multiple of 256: like llama.cpp's quantizer, K-quant down projections fall
     * back to Q5_0 */
    int type_d = kern_row_bytes(type, F) ? type : KERN_Q5_0;
    size_t rb_e = kern_row_bytes(type, E), rb_f = kern_row_bytes(type_d, F);
    if (!rb_e || !rb_f) {
        fprintf(stderr, "type %s cannot hold rows of %lld and %lld\n", tname, (long long)E,
                (long long)F);
        return 1;
    }
    size_t up_bytes = rb_e * F, down_bytes = rb_f * E;
    /* one quantized matrix of each shape, copied into every slot (speed does not depend on
     * the values) */
    float *src = malloc((size_t)E * F * sizeof(float));
    void *wu = malloc(up_bytes), *wd = malloc(down_bytes);
    if (!src || !wu || !wd) return 99;
    srand(1);
    for (size_t i = 0; i < (size_t)E * F; i++)
        src[i] = (float)rand() / RAND_MAX - 0.5f;
    for (int64_t r = 0; r < F; r++)
        kern_quant_row(type, src + r * E, (uint8_t *)wu + r * rb_e, E);
    for (int64_t r = 0; r < E; r++)
        kern_quant_row(type_d, src + r * F, (uint8_t *)wd + r * rb_f, F);
    void **W = calloc((size_t)n_mat, sizeof(void *));
    size_t total = 0;
    for (int m = 0; m < n_mat; m++) {
        int down = m % 3 == 2;
        W[m] = be->ops->alloc(be, down ? down_bytes : up_bytes);
        if (!W[m] || be->ops->upload(be, W[m], down ? wd : wu, down ? down_bytes : up_bytes)) {
            fprintf(stderr, "weights: %s\n", be->err);
            return 1;
        }
        total += down ? down_bytes : up_bytes;
    }
    int T = pp > 1 ? pp : 1;
    float *x = be->ops->alloc(be, (size_t)T * E * sizeof(float));
    float *y = be->ops->alloc(be, (size_t)T * E * sizeof(float));
    float *xs = malloc((size_t)T * E * sizeof(float));
    if (!x || !y || !xs) return 99;
    for (size_t i = 0; i < (size_t)T * E; i++)
        xs[i] = (float)rand() / RAND_MAX - 0.5f;
    be->ops->upload(be, x, xs, (size_t)T * E * sizeof(float));
    printf("backend %s, %s (down %s), %d layers: %d matrices, %.1f MB of active FFN weights "
           "per token\n",
           be->ops->name, kern_type_traits(type)->name, kern_type_traits(type_d)->name, layers,
           n_mat, total / 1e6);

    /* decode: every active matrix once per token */
#define STEP(ntok)                                                                                 \
    for (int m = 0; m < n_mat; m++) {                                                              \
        int down_ = m % 3 == 2;                                                                    \
        if (be->ops->matmul(be, down_ ? type_d : type, W[m], down_ ? E : F, down_ ? F : E, x,      \
                            ntok, y)) {                                                            \
            fprintf(stderr, "matmul: %s\n", be->err);                                              \
            return 1;                                                                              \
        }                                                                                          \
    }
    STEP(1);
    be->ops->sync(be);
    double t0 = now_s();
    for (int it = 0; it < iters; it++)
        STEP(1);
    be->ops->sync(be);
    double tg = (now_s() - t0) / iters;
    printf("tg (launches): %.3f ms per token, %.1f tok/s, %.1f GB/s of weights\n", tg * 1e3, 1 / tg,
           total / tg / 1e9);
    if (be->ops->graph_begin) {
        if (be->ops->graph_begin(be)) {
            fprintf(stderr, "graph: %s\n", be->err);
            return 1;
        }
        STEP(1);
        if (be->ops->graph_end(be)) {
            fprintf(stderr, "graph: %s\n", be->err);
            return 1;
        }
        be->ops->graph_launch(be);
        be->ops->sync(be);
        t0 = now_s();
        for (int it = 0; it < iters; it++)
            be->ops->graph_launch(be);
        if (be->ops->sync(be)) {
            fprintf(stderr, "graph: %s\n", be->err);
            return 1;
        }
        double tgg = (now_s() - t0) / iters;
        printf("tg (CUDA graph): %.3f ms per token, %.1f tok/s, %.1f GB/s of weights\n", tgg * 1e3,
               1 / tgg, total / tgg / 1e9);
    }
    if (pp > 1) {
        STEP(pp);
        be->ops->sync(be);
        t0 = now_s();
        STEP(pp);
        be->ops->sync(be);
        double t = now_s() - t0;
        /* 2 flops per weight element per token */
        double flops = 2.0 * (double)pp * (double)n_mat * (double)E * (double)F;
        printf("pp%d: %.1f ms, %.0f tok/s, %.1f GFLOP/s\n", pp, t * 1e3, pp / t, flops / t / 1e9);
    }
    if (!strcmp(be->ops->name, "cpu")) {
        struct kern_pool *pool = kern_pool_new(threads);
        printf("roofline: measured memory bandwidth %.1f GB/s\n", kern_measure_bandwidth_gbs(pool));
        kern_pool_free(pool);
    }
    for (int m = 0; m < n_mat; m++)
        be->ops->release(be, W[m]);
    be->ops->release(be, x);
    be->ops->release(be, y);
    hub_backend_free(be);
    free(W);
    free(src);
    free(wu);
    free(wd);
    free(xs);
    return 0;
}
