/*
 * test-kern-types.c: the scalar reference of kernels/kern.h. Type traits; fp16/bf16 against
 * their definitions (and the CPU's F16C where present); and, on the reference models that
 * llama.cpp wrote, (1) dequantizing each quantized tensor lands within its quantization error
 * of the f32 original, and (2) quantizing the f32 original reproduces llama-quantize's blocks
 * byte for byte (a few blocks may differ where ggml's build rounds a float sum differently;
 * the test states and bounds how many).
 */
#include <immintrin.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/kern.h"
#include "tests/kern-test-gguf.h"
#include "tests/hub-check.h"

static void test_traits(void)
{
    static const struct { int type; int be, bb; } want[] = {
        {KERN_F32, 1, 4},     {KERN_F16, 1, 2},     {KERN_Q4_0, 32, 18},  {KERN_Q4_1, 32, 20},
        {KERN_Q5_0, 32, 22},  {KERN_Q5_1, 32, 24},  {KERN_Q8_0, 32, 34},  {KERN_Q8_1, 32, 36},
        {KERN_Q2_K, 256, 84}, {KERN_Q3_K, 256, 110}, {KERN_Q4_K, 256, 144}, {KERN_Q5_K, 256, 176},
        {KERN_Q6_K, 256, 210}, {KERN_Q8_K, 256, 292}, {KERN_I8, 1, 1},     {KERN_I16, 1, 2},
        {KERN_I32, 1, 4},     {KERN_I64, 1, 8},     {KERN_F64, 1, 8},     {KERN_BF16, 1, 2},
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const struct kern_type_traits *t = kern_type_traits(want[i].type);
        CHECK(t && t->block_elems == want[i].be && t->block_bytes == want[i].bb, "type %d",
              want[i].type);
    }
    CHECK(kern_type_traits(4) == NULL, "removed type 4");
    CHECK(kern_type_traits(-1) == NULL && kern_type_traits(KERN_TYPE_MAX) == NULL, "range");
    CHECK(kern_row_bytes(KERN_Q4_K, 512) == 288, "q4_K row");
    CHECK(kern_row_bytes(KERN_Q4_K, 500) == 0, "partial block");
    CHECK(kern_row_bytes(KERN_Q8_0, 64) == 68, "q8_0 row");
    CHECK(kern_row_bytes(77, 64) == 0, "unknown type");
    CHECK(!strcmp(kern_type_traits(KERN_Q6_K)->name, "q6_K"), "name");
}

__attribute__((target("f16c"))) static uint16_t hw_f32_to_fp16(float f)
{
    return (uint16_t)_cvtss_sh(f, 0);
}

static void test_half(void)
{
    /* every half round-trips through f32 (NaN stays NaN) */
    int bad = 0;
    for (uint32_t h = 0; h < 65536; h++) {
        float f = kern_fp16_to_f32((uint16_t)h);
        uint16_t back = kern_f32_to_fp16(f);
        bool nan = ((h & 0x7c00) == 0x7c00) && (h & 0x3ff);
        if (nan ? !isnan(f) : back != h) bad++;
    }
    CHECK(bad == 0, "%d halves do not round-trip", bad);
    CHECK(kern_fp16_to_f32(0x3c00) == 1.0f && kern_fp16_to_f32(0xc000) == -2.0f, "values");
    CHECK(kern_fp16_to_f32(0x0001) == 0x1p-24f, "smallest subnormal");
    CHECK(kern_f32_to_fp16(65520.0f) == 0x7c00, "overflow to inf");
    CHECK(kern_f32_to_fp16(1.0f + 0x1p-11f) == 0x3c00, "tie to even (down)");
    CHECK(kern_f32_to_fp16(1.0f + 3 * 0x1p-11f) == 0x3c02, "tie to even (up)");
    __builtin_cpu_init();
    if (__builtin_cpu_supports("f16c")) {
        uint32_t s = 12345;
        int diff = 0;
        for (int i = 0; i < 2000000; i++) {
            s = s * 1664525u + 1013904223u;
            float f;
            uint32_t u = s;
            memcpy(&f, &u, 4);
            if (isnan(f)) continue;
            if (kern_f32_to_fp16(f) != hw_f32_to_fp16(f)) diff++;
        }
        CHECK(diff == 0, "%d floats convert differently from F16C", diff);
    }
    CHECK(kern_bf16_to_f32(0x3f80) == 1.0f, "bf16 1");
    CHECK(kern_f32_to_bf16(1.0f + 0x1p-8f) == 0x3f80, "bf16 tie to even down");
    CHECK(kern_f32_to_bf16(1.0f + 3 * 0x1p-8f) == 0x3f82, "bf16 tie to even up");
    CHECK(kern_f32_to_bf16(NAN) & 0x40, "bf16 NaN stays quiet NaN");
}

/* Round-trip every type on random data; dequant(quant(x)) within the type's error. */
static void test_roundtrip(void)
{
    static const struct { int type; double max_rel; } types[] = {
        {KERN_F32, 0},      {KERN_F16, 1e-3},   {KERN_BF16, 8e-3},  {KERN_Q8_0, 1e-2},
        {KERN_Q4_0, 0.15},  {KERN_Q4_1, 0.08},  {KERN_Q5_0, 0.07},  {KERN_Q5_1, 0.04},
        {KERN_Q4_K, 0.15},  {KERN_Q5_K, 0.06},  {KERN_Q6_K, 0.04},  {KERN_Q8_K, 1e-2},
    };
    const int64_t n = 1024;
    float *x = malloc(n * 4), *y = malloc(n * 4);
    void *q = malloc(n * 8);
    uint32_t s = 99;
    for (int64_t i = 0; i < n; i++) {
        s = s * 1664525u + 1013904223u;
        x[i] = ((float)(s >> 8) / 16777216.0f - 0.5f) * 3.0f;
    }
    for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
        kern_quant_row(types[t].type, x, q, n);
        kern_dequant_row(types[t].type, q, y, n);
        double maxerr = 0;
        for (int64_t i = 0; i < n; i++) maxerr = fmax(maxerr, fabs((double)y[i] - x[i]));
        CHECK(maxerr <= types[t].max_rel * 1.5, "%s: max error %.4g", kern_type_traits(types[t].type)->name,
              maxerr);
    }
    /* all-zero input quantizes to zeros, no NaN */
    memset(x, 0, n * 4);
    for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
        kern_quant_row(types[t].type, x, q, n);
        kern_dequant_row(types[t].type, q, y, n);
        int nz = 0;
        for (int64_t i = 0; i < n; i++) nz += y[i] != 0;
        CHECK(nz == 0, "%s: zeros give %d non-zeros", kern_type_traits(types[t].type)->name, nz);
    }
    free(x);
    free(y);
    free(q);
}

/* One quantized model file against the f32 one. */
static void test_model(const char *dir, const char *qname, struct ktg_file *f32)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/models/%s", dir, qname);
    struct ktg_file *qf = ktg_open(path);
    CHECK(qf != NULL, "cannot read %s", path);
    if (!qf) return;
    int tensors = 0;
    long blocks = 0, blocks_diff = 0;
    long per_type[KERN_TYPE_MAX] = {0};
    for (uint64_t i = 0; i < qf->n_tensors; i++) {
        const struct ktg_tensor *tq = &qf->t[i];
        const struct ktg_tensor *tf = ktg_find(f32, tq->name);
        if (!tf || tf->type != KERN_F32 || tq->type == KERN_F32) continue;
        const struct kern_type_traits *tt = kern_type_traits((int)tq->type);
        CHECK(tt && tt->computable, "%s: %s has type %u", qname, tq->name, tq->type);
        if (!tt) continue;
        const int64_t k = tq->ne[0], rows = tq->ne[1] * tq->ne[2] * tq->ne[3];
        CHECK(k == tf->ne[0] && rows == tf->ne[1] * tf->ne[2] * tf->ne[3], "%s shape", tq->name);
        const size_t rb = kern_row_bytes((int)tq->type, k);
        CHECK(rb > 0, "%s row bytes", tq->name);
        if (rb == 0 || (size_t)(tq->data - qf->base) + rb * rows > qf->size) continue;
        tensors++;
        float *deq = malloc(k * 4);
        uint8_t *mine = malloc(rb);
        double err2 = 0, ref2 = 0;
        for (int64_t r = 0; r < rows; r++) {
            const float *src = (const float *)tf->data + r * k;
            const uint8_t *theirs = tq->data + r * rb;
            kern_dequant_row((int)tq->type, theirs, deq, k);
            for (int64_t j = 0; j < k; j++) {
                err2 += ((double)deq[j] - src[j]) * ((double)deq[j] - src[j]);
                ref2 += (double)src[j] * src[j];
            }
            kern_quant_row((int)tq->type, src, mine, k);
            for (int64_t b = 0; b < k / tt->block_elems; b++) {
                blocks++;
                per_type[tq->type]++;
                if (memcmp(mine + b * tt->block_bytes, theirs + b * tt->block_bytes,
                           (size_t)tt->block_bytes))
                    blocks_diff++;
            }
        }
        /* relative error of the dequantized tensor: a wrong layout gives ~1 */
        const double nmse = err2 / (ref2 > 0 ? ref2 : 1);
        CHECK(nmse < 0.02, "%s %s (%s): dequantized nmse %.3g", qname, tq->name, tt->name, nmse);
        free(deq);
        free(mine);
    }
    printf("%-24s %3d tensors, %7ld blocks requantized, %ld differ from llama-quantize (", qname,
           tensors, blocks, blocks_diff);
    for (int t = 0; t < KERN_TYPE_MAX; t++)
        if (per_type[t]) printf(" %s:%ld", kern_type_traits(t)->name, per_type[t]);
    printf(" )\n");
    CHECK(tensors > 0, "%s: no quantized tensors compared", qname);
    CHECK(blocks_diff == 0, "%s: %ld of %ld blocks differ", qname, blocks_diff, blocks);
    ktg_close(qf);
}

/* Float files: dequantize exactly. */
static void test_float_model(const char *dir, const char *name, struct ktg_file *f32, int type)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/models/%s", dir, name);
    struct ktg_file *qf = ktg_open(path);
    CHECK(qf != NULL, "cannot read %s", path);
    if (!qf) return;
    long n = 0, bad = 0;
    for (uint64_t i = 0; i < qf->n_tensors; i++) {
        const struct ktg_tensor *tq = &qf->t[i];
        const struct ktg_tensor *tf = ktg_find(f32, tq->name);
        if (!tf || tf->type != KERN_F32 || (int)tq->type != type) continue;
        const int64_t ne = tq->ne[0] * tq->ne[1] * tq->ne[2] * tq->ne[3];
        uint16_t *mine = malloc(ne * 2);
        kern_quant_row(type, (const float *)tf->data, mine, ne);
        bad += memcmp(mine, tq->data, ne * 2) != 0;
        n++;
        float *back = malloc(ne * 4);
        kern_dequant_row(type, tq->data, back, ne);
        for (int64_t j = 0; j < ne; j++) {
            const float want = type == KERN_F16 ? kern_fp16_to_f32(((const uint16_t *)tq->data)[j])
                                                : kern_bf16_to_f32(((const uint16_t *)tq->data)[j]);
            if (back[j] != want) {
                bad++;
                break;
            }
        }
        free(back);
        free(mine);
    }
    printf("%-24s %3ld tensors converted from f32, %ld differ\n", name, n, bad);
    CHECK(n > 0 && bad == 0, "%s: %ld of %ld tensors differ", name, bad, n);
    ktg_close(qf);
}

int main(void)
{
    test_traits();
    test_half();
    test_roundtrip();
    const char *dir = hub_test_refdir();
    char path[4096];
    snprintf(path, sizeof(path), "%s/models/ds2-lite-f32.gguf", dir);
    struct ktg_file *f32 = ktg_open(path);
    CHECK(f32 != NULL, "cannot read the reference model %s (set HUB_REFERENCE_DIR)", path);
    if (f32) {
        test_model(dir, "ds2-lite-q8_0.gguf", f32);
        test_model(dir, "ds2-lite-q4_0.gguf", f32);
        test_model(dir, "ds2-lite-q5_0.gguf", f32);
        test_model(dir, "ds2-lite-q6_k.gguf", f32);
        test_model(dir, "ds2-lite-q4_k_m.gguf", f32);
        test_float_model(dir, "ds2-lite-bf16.gguf", f32, KERN_BF16);
        test_float_model(dir, "ds2-lite-legacy-f16.gguf", f32, KERN_F16);
        ktg_close(f32);
    }
    if (failures) {
        fprintf(stderr, "%d checks failed\n", failures);
        return 1;
    }
    printf("all kernel type checks passed\n");
    return 0;
}
