/*
 * test-kern-matmul.c: kern_matmul's fast paths against its scalar reference, and the reference
 * against exact f64 products of the dequantized weights, for every computable weight type,
 * odd shapes, n_tok 1 and > 1, no pool / 1 thread / 2 threads. Also the thread pool and the
 * row ops (vector versions against kern_*_ref).
 *
 * Tolerances (stated, not tuned to pass):
 *  - fast vs scalar at the same ISA-independent activation quantization: the integer sums are
 *    exact, only float additions are reordered: |fast - ref| <= 1e-5 * sum|w_j x_j| + 1e-6.
 *  - scalar vs exact: the error of quantizing x to 8 bits, at most half a step per element:
 *    |ref - exact| <= sum_j |w_j| * step_j / 2 * 1.01 + 1e-5 * sum|w_j x_j| (0 for f32 weights,
 *    whose x stays f32).
 * Built twice: as test-kern-matmul (best ISA up to AVX2) and, with KERN_TEST_AVX512, as
 * test-kern-avx512, which skips when the CPU lacks AVX-512 F/BW/VL/VNNI.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/cpu/kern-ops.h"
#include "kernels/cpu/kern-pool.h"
#include "kernels/kern.h"

/* a kernel bug fails on every output element; the first 30 say enough */
#define HUB_CHECK_PRINT_MAX 30
#include "tests/hub-check.h"

static uint32_t rng = 2024;
static float frand(void)
{
    rng = rng * 1664525u + 1013904223u;
    return (float)(rng >> 8) / 16777216.0f * 2.0f - 1.0f;
}

static const int types[] = {KERN_F32,  KERN_F16,  KERN_BF16, KERN_Q8_0, KERN_Q4_0,
                            KERN_Q4_1, KERN_Q5_0, KERN_Q5_1, KERN_Q2_K, KERN_Q3_K,
                            KERN_Q4_K, KERN_Q5_K, KERN_Q6_K};

/* Random weights of a type: quantized from random floats, or random bytes with sane fp16
 * scales for the types that have no quantizer here (Q2_K, Q3_K). */
static void make_weights(int type, uint8_t *W, int64_t rows, int64_t k)
{
    const size_t rb = kern_row_bytes(type, k);
    float *row = malloc(k * sizeof(float));
    for (int64_t r = 0; r < rows; r++) {
        uint8_t *dst = W + r * rb;
        if (type == KERN_Q2_K || type == KERN_Q3_K) {
            for (size_t i = 0; i < rb; i++) dst[i] = (uint8_t)(frand() * 127 + 128);
            const int bb = kern_type_traits(type)->block_bytes;
            for (size_t b = 0; b < rb / bb; b++) {
                uint16_t d = kern_f32_to_fp16(0.01f + 0.02f * fabsf(frand()));
                memcpy(dst + b * bb + bb - (type == KERN_Q2_K ? 4 : 2), &d, 2);
                if (type == KERN_Q2_K) memcpy(dst + b * bb + bb - 2, &d, 2);
            }
        } else {
            for (int64_t j = 0; j < k; j++) row[j] = frand() * (1.0f + (j % 7) * 0.3f);
            kern_quant_row(type, row, dst, k);
        }
    }
    free(row);
}

static int xq_block(int type)
{
    const int be = kern_type_traits(type)->block_elems;
    return be == 1 ? 0 : be; /* activations quantized per 32 or per 256 elements */
}

static void check_type(int type, int isa, int64_t rows, int64_t k, int64_t n_tok,
                       struct kern_pool *pool, const char *pool_name)
{
    const size_t rb = kern_row_bytes(type, k);
    uint8_t *W = malloc(rb * rows);
    float *x = malloc(n_tok * k * 4), *ref = malloc(n_tok * rows * 4);
    float *fast = malloc(n_tok * rows * 4), *wf = malloc(k * 4);
    make_weights(type, W, rows, k);
    for (int64_t i = 0; i < n_tok * k; i++) x[i] = frand() * (i % 13 == 0 ? 4.0f : 1.0f);
    kern_isa_force(KERN_ISA_SCALAR);
    kern_matmul(NULL, type, W, rows, k, x, n_tok, ref);
    kern_isa_force(isa);
    memset(fast, 0xff, n_tok * rows * 4); /* NaN: a skipped output shows */
    kern_matmul(pool, type, W, rows, k, x, n_tok, fast);
    const int qb = xq_block(type);
    double worst_fast = 0, worst_ref = 0;
    for (int64_t r = 0; r < rows; r++) {
        kern_dequant_row(type, W + r * rb, wf, k);
        for (int64_t t = 0; t < n_tok; t++) {
            const float *xt = x + t * k;
            double exact = 0, mag = 0, qerr = 0;
            for (int64_t j = 0; j < k; j++) {
                exact += (double)wf[j] * xt[j];
                mag += fabs((double)wf[j] * xt[j]);
            }
            if (qb) {
                for (int64_t b = 0; b < k; b += qb) {
                    double amax = 0, sw = 0;
                    for (int j = 0; j < qb; j++) {
                        amax = fmax(amax, fabs(xt[b + j]));
                        sw += fabs(wf[b + j]);
                    }
                    qerr += sw * (amax / 127.0) * 0.5 * 1.01;
                }
            }
            const double o_ref = ref[t * rows + r], o_fast = fast[t * rows + r];
            const double tol_fast = 1e-5 * mag + 1e-6, tol_ref = qerr + 1e-5 * mag + 1e-6;
            worst_fast = fmax(worst_fast, fabs(o_fast - o_ref) / tol_fast);
            worst_ref = fmax(worst_ref, fabs(o_ref - exact) / tol_ref);
            if (!(fabs(o_fast - o_ref) <= tol_fast) || !(fabs(o_ref - exact) <= tol_ref)) {
                CHECK(0, "%s %s rows=%lld k=%lld n_tok=%lld %s: out[%lld][%lld] fast %.7g ref %.7g exact %.7g",
                      kern_type_traits(type)->name, kern_isa_name(kern_isa_active()), (long long)rows,
                      (long long)k, (long long)n_tok, pool_name, (long long)t, (long long)r, o_fast,
                      o_ref, exact);
                goto done;
            }
        }
    }
done:
    free(W);
    free(x);
    free(ref);
    free(fast);
    free(wf);
}

static void test_matmul(int isa)
{
    struct kern_pool *p1 = kern_pool_new(1), *p2 = kern_pool_new(2);
    struct { struct kern_pool *p; const char *name; } pools[] = {{NULL, "no pool"}, {p1, "1 thread"}, {p2, "2 threads"}};
    const int64_t rows_list[] = {1, 7, 33};
    const int64_t tok_list[] = {1, 3, 17};
    int cases = 0;
    for (size_t ti = 0; ti < sizeof(types) / sizeof(types[0]); ti++) {
        const int type = types[ti];
        const int be = kern_type_traits(type)->block_elems;
        /* odd sizes: a few blocks, not powers of two (plain types: odd element counts too) */
        const int64_t ks[] = {be == 1 ? 37 : be * 3, be == 1 ? 264 : be * 5, be == 256 ? 1024 : 800};
        for (int ki = 0; ki < 3; ki++)
            for (int ri = 0; ri < 3; ri++)
                for (int ni = 0; ni < 3; ni++)
                    for (int pi = 0; pi < 3; pi++) {
                        check_type(type, isa, rows_list[ri], ks[ki], tok_list[ni], pools[pi].p,
                                   pools[pi].name);
                        cases++;
                    }
    }
    printf("matmul: %d cases at %s (fast) against scalar and exact\n", cases, kern_isa_name(isa));
    kern_pool_free(p1);
    kern_pool_free(p2);
}

/* kern_matmul_many gives exactly what separate kern_matmul calls give. */
static void test_many(int isa)
{
    kern_isa_force(isa);
    struct kern_pool *p2 = kern_pool_new(2);
    enum { N = 7 };
    const int wt[N] = {KERN_Q4_K, KERN_Q8_0, KERN_F16, KERN_Q6_K, KERN_Q5_0, KERN_F32, KERN_Q4_0};
    const int64_t rows[N] = {64, 33, 20, 128, 9, 40, 256};
    const int64_t n_tok[N] = {5, 5, 5, 1, 2, 5, 5};
    const int64_t k = 512;
    float *xa = malloc(5 * k * 4), *xb = malloc(5 * k * 4);
    for (int64_t i = 0; i < 5 * k; i++) {
        xa[i] = frand();
        xb[i] = frand() * 3;
    }
    struct kern_mm mm[N];
    uint8_t *W[N];
    float *sep[N];
    for (int m = 0; m < N; m++) {
        W[m] = malloc(kern_row_bytes(wt[m], k) * rows[m]);
        make_weights(wt[m], W[m], rows[m], k);
        const float *x = (m % 3 == 1) ? xb : xa; /* some share x, some do not */
        mm[m] = (struct kern_mm){wt[m], W[m], rows[m], k, x, n_tok[m], malloc(rows[m] * n_tok[m] * 4)};
        sep[m] = malloc(rows[m] * n_tok[m] * 4);
        kern_matmul(NULL, wt[m], W[m], rows[m], k, x, n_tok[m], sep[m]);
    }
    for (int pass = 0; pass < 2; pass++) {
        kern_matmul_many(pass ? p2 : NULL, mm, N);
        for (int m = 0; m < N; m++)
            CHECK(!memcmp(mm[m].out, sep[m], rows[m] * n_tok[m] * 4), "%s: product %d (%s) differs",
                  pass ? "2 threads" : "no pool", m, kern_type_traits(wt[m])->name);
    }
    for (int m = 0; m < N; m++) {
        free(W[m]);
        free(mm[m].out);
        free(sep[m]);
    }
    free(xa);
    free(xb);
    kern_pool_free(p2);
}

struct pool_ctx {
    _Atomic int calls[4];
    _Atomic int nth_bad;
    _Atomic int not_caller;
    pthread_t caller;
    _Atomic int parts[1000];
};

static void pool_fn(void *ctx, int ith, int nth)
{
    struct pool_ctx *c = ctx;
    if (nth != 2) atomic_fetch_add(&c->nth_bad, 1);
    if (ith == 0 && !pthread_equal(pthread_self(), c->caller)) atomic_fetch_add(&c->not_caller, 1);
    atomic_fetch_add(&c->calls[ith], 1);
}

static void parts_fn(void *ctx, int part, int n)
{
    struct pool_ctx *c = ctx;
    if (n != 1000) atomic_fetch_add(&c->nth_bad, 1);
    atomic_fetch_add(&c->parts[part], 1);
}

__attribute__((unused)) static void test_pool(void)
{
    struct kern_pool *p = kern_pool_new(2);
    CHECK(p && kern_pool_threads(p) == 2, "pool of 2");
    struct pool_ctx c;
    memset(&c, 0, sizeof(c));
    c.caller = pthread_self();
    const int n = 20000;
    for (int i = 0; i < n; i++) kern_pool_run(p, pool_fn, &c);
    CHECK(c.calls[0] == n && c.calls[1] == n && c.nth_bad == 0, "each part runs once per job: %d %d",
          (int)c.calls[0], (int)c.calls[1]);
    CHECK(c.not_caller == 0, "ith 0 ran off the caller's thread %d times", (int)c.not_caller);
    for (int i = 0; i < 200; i++) kern_pool_run_parts(p, parts_fn, &c, 1000);
    int bad = 0;
    for (int i = 0; i < 1000; i++) bad += c.parts[i] != 200;
    CHECK(bad == 0 && c.nth_bad == 0, "%d parts did not run exactly once per job", bad);
    kern_pool_free(p);
    CHECK(kern_pool_threads(NULL) == 1, "NULL pool is the caller");
}

static void test_ops(int isa)
{
    kern_isa_force(isa);
    const int64_t ns[] = {1, 7, 8, 33, 256, 1001};
    for (size_t ni = 0; ni < sizeof(ns) / sizeof(ns[0]); ni++) {
        const int64_t n = ns[ni];
        float *a = malloc(n * 4), *b = malloc(n * 4), *w = malloc(n * 4);
        float *r1 = malloc(n * 4), *r2 = malloc(n * 4);
        for (int64_t i = 0; i < n; i++) {
            a[i] = frand() * 8;
            b[i] = frand() * 3;
            w[i] = frand() + 1.5f;
        }
        double mag = 0;
        for (int64_t i = 0; i < n; i++) mag += fabs((double)a[i] * b[i]);
        const float d1 = kern_dot_f32_ref(a, b, n), d2 = kern_dot_f32(a, b, n);
        CHECK(fabs(d1 - d2) <= 1e-6 * mag + 1e-6, "dot n=%lld: %g vs %g", (long long)n, d1, d2);

        kern_rmsnorm_ref(r1, a, w, n, 1e-6f);
        kern_rmsnorm(r2, a, w, n, 1e-6f);
        for (int64_t i = 0; i < n; i++) CHECK(fabsf(r1[i] - r2[i]) <= 1e-5f * fabsf(r1[i]) + 1e-6f, "rmsnorm n=%lld i=%lld", (long long)n, (long long)i);
        memcpy(r2, a, n * 4);
        kern_rmsnorm(r2, r2, NULL, n, 1e-6f); /* in place, no weight */
        kern_rmsnorm_ref(r1, a, NULL, n, 1e-6f);
        for (int64_t i = 0; i < n; i++) CHECK(fabsf(r1[i] - r2[i]) <= 1e-5f * fabsf(r1[i]) + 1e-6f, "rmsnorm in place");

        memcpy(r1, a, n * 4);
        memcpy(r2, a, n * 4);
        kern_softmax_ref(r1, n);
        kern_softmax(r2, n);
        double s = 0;
        for (int64_t i = 0; i < n; i++) {
            CHECK(fabsf(r1[i] - r2[i]) <= 1e-5f * r1[i] + 1e-7f, "softmax n=%lld i=%lld %g %g", (long long)n, (long long)i, r1[i], r2[i]);
            s += r2[i];
        }
        CHECK(fabs(s - 1) < 1e-5, "softmax sums to %g", s);

        kern_swiglu_ref(r1, a, b, n);
        kern_swiglu(r2, a, b, n);
        for (int64_t i = 0; i < n; i++) CHECK(fabsf(r1[i] - r2[i]) <= 1e-5f * fabsf(r1[i]) + 1e-6f, "swiglu n=%lld i=%lld", (long long)n, (long long)i);

        kern_add_ref(r1, a, b, n);
        kern_add(r2, a, b, n);
        CHECK(!memcmp(r1, r2, n * 4), "add is exact");

        memcpy(r1, b, n * 4);
        memcpy(r2, b, n * 4);
        kern_scale_add_ref(r1, a, 0.37f, n);
        kern_scale_add(r2, a, 0.37f, n);
        for (int64_t i = 0; i < n; i++) CHECK(fabsf(r1[i] - r2[i]) <= 1e-6f * (fabsf(a[i]) + fabsf(b[i])), "scale_add");
        free(a);
        free(b);
        free(w);
        free(r1);
        free(r2);
    }
    /* softmax of large values stays finite */
    float big[5] = {1000, 999, -1000, 0, 1000};
    kern_softmax(big, 5);
    CHECK(fabsf(big[0] - big[4]) < 1e-7f && big[0] > 0.4f && big[2] == 0, "softmax stable");
    kern_isa_force(KERN_ISA_AVX512);
}

int main(void)
{
    const int best = kern_isa_detect();
#ifdef KERN_TEST_AVX512
    if (best < KERN_ISA_AVX512) {
        printf("skip: this CPU lacks AVX-512 F/BW/VL/VNNI (detected %s)\n", kern_isa_name(best));
        return 77;
    }
    const int isa = KERN_ISA_AVX512;
#else
    const int isa = best < KERN_ISA_AVX2 ? best : KERN_ISA_AVX2;
    test_pool();
#endif
    printf("CPU: %s; testing %s\n", kern_isa_name(best), kern_isa_name(isa));
    test_matmul(isa);
    test_ops(isa);
    test_many(isa);
    if (isa > KERN_ISA_SCALAR) test_matmul(KERN_ISA_SCALAR); /* the pool with the scalar dots */
    if (failures) {
        fprintf(stderr, "%d checks failed\n", failures);
        return 1;
    }
    printf("all matmul checks passed\n");
    return 0;
}
