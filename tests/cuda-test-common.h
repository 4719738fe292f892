/*
 * cuda-test-common.h: helpers of the backend tests (test-cuda-cpuref.c, test-cuda.c): the
 * reference models' weight tensors through engine/gguf.h, a double-precision product from
 * kern_dequant_row as the ground truth, normalized mean squared error, a small fixed RNG.
 * Checks are tests/hub-check.h's CHECK.
 */
#ifndef CUDA_TEST_COMMON_H
#define CUDA_TEST_COMMON_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/gguf.h"
#include "hub_status.h"
#include "kernels/backend.h"
#include "kernels/kern.h"
#include "tests/hub-check.h"

#define TC_UNUSED __attribute__((unused))

static uint64_t tc_rng = 0x9e3779b97f4a7c15ull;
static TC_UNUSED float tc_randf(void) /* uniform in [-1, 1) */
{
    tc_rng ^= tc_rng << 13;
    tc_rng ^= tc_rng >> 7;
    tc_rng ^= tc_rng << 17;
    return (float)((tc_rng >> 40) * (1.0 / (1ull << 23)) - 1.0);
}

static TC_UNUSED float *tc_rand_vec(size_t n, float scale)
{
    float *v = malloc(n * sizeof(float) + 1);
    if (!v) {
        fprintf(stderr, "out of memory\n");
        exit(99);
    }
    for (size_t i = 0; i < n; i++)
        v[i] = tc_randf() * scale;
    return v;
}

/* sum (a-b)^2 / sum b^2 (b the reference); 0 when both are zero. */
static TC_UNUSED double tc_nmse(const float *a, const float *b, size_t n)
{
    double num = 0, den = 0;
    for (size_t i = 0; i < n; i++) {
        double d = (double)a[i] - b[i];
        num += d * d;
        den += (double)b[i] * b[i];
    }
    if (!isfinite(num)) return INFINITY;
    return den > 0 ? num / den : num;
}

static TC_UNUSED double tc_maxabs(const float *a, const float *b, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++) {
        double d = fabs((double)a[i] - b[i]);
        if (!(d <= m)) m = d; /* NaN wins */
    }
    return m;
}

/* out[t][r] in double from the dequantized rows (the ground truth of every matmul path). */
static TC_UNUSED void tc_ref_matmul(int wtype, const void *W, int64_t rows, int64_t k,
                                    const float *x, int64_t n_tok, float *out)
{
    size_t rb = kern_row_bytes(wtype, k);
    float *row = malloc((size_t)k * sizeof(float));
    if (!row) exit(99);
    for (int64_t r = 0; r < rows; r++) {
        kern_dequant_row(wtype, (const uint8_t *)W + (size_t)r * rb, row, k);
        for (int64_t t = 0; t < n_tok; t++) {
            double s = 0;
            for (int64_t j = 0; j < k; j++)
                s += (double)row[j] * x[t * k + j];
            out[t * rows + r] = (float)s;
        }
    }
    free(row);
}

static TC_UNUSED const char *tc_models[] = {
    "ds2-lite-f32.gguf",  "ds2-lite-legacy-f16.gguf", "ds2-lite-bf16.gguf", "ds2-lite-q8_0.gguf",
    "ds2-lite-q4_0.gguf", "ds2-lite-q5_0.gguf",       "ds2-lite-q6_k.gguf", "ds2-lite-q4_k_m.gguf",
    "ds3-style-f16.gguf", "qwen2moe-f16.gguf",
};
#define TC_N_MODELS (sizeof(tc_models) / sizeof(tc_models[0]))

static TC_UNUSED struct gguf_file *tc_open_model(const char *name)
{
    char path[4096], err[256];
    snprintf(path, sizeof(path), "%s/models/%s", hub_test_refdir(), name);
    struct gguf_file *f = gguf_open(path, err, sizeof(err));
    if (!f) fprintf(stderr, "%s: %s\n", path, err);
    return f;
}

/* Whether both backends multiply with this type (ops-common.h's list). */
static TC_UNUSED int tc_type_supported(uint32_t t)
{
    return t == KERN_F32 || t == KERN_F16 || t == KERN_BF16 || t == KERN_Q8_0 || t == KERN_Q4_0 ||
           t == KERN_Q4_1 || t == KERN_Q5_0 || t == KERN_Q5_1 || t == KERN_Q4_K || t == KERN_Q6_K;
}

/* Weight matrices worth multiplying: 2D or 3D (experts), a supported type, k >= 32. */
static TC_UNUSED int tc_is_weight(const struct gguf_tensor *t)
{
    return tc_type_supported(t->type) && t->n_dims >= 2 && t->ne[0] >= 32 && t->ne[1] >= 8 &&
           strstr(t->name, "weight") != NULL;
}

#endif
