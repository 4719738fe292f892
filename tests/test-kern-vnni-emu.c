/*
 * test-kern-vnni-emu.c: the AVX-512 kernels of kernels/cpu/kern-avx512.c, built with their
 * AVX-512 intrinsics emulated lane by lane (KERN_AVX512_EMULATE, kern-emu512.h), against the
 * scalar reference dot products: checks their block decoding, masks and sums on any AVX2 CPU.
 * The real instructions are checked by test-kern-avx512 on CPUs that have them.
 * Tolerance: integer sums are exact, float sums reordered: |emu - ref| <= 1e-5 sum|w x| + 1e-6.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/cpu/kern-impl.h"

void kern_dots_avx512_emu_get(struct kern_dot_table *t);

static uint32_t rng = 77;
static float frand(void)
{
    rng = rng * 1664525u + 1013904223u;
    return (float)(rng >> 8) / 16777216.0f * 2.0f - 1.0f;
}

int main(void)
{
    if (kern_isa_detect() < KERN_ISA_AVX2) {
        printf("skip: this CPU lacks AVX2, which the emulation needs\n");
        return 77;
    }
    struct kern_dot_table emu = kern_dots_scalar;
    memset(emu.dot, 0, sizeof(emu.dot));
    memset(emu.dot4, 0, sizeof(emu.dot4));
    kern_dots_avx512_emu_get(&emu);
    /* the AVX-512 table's integer kernels must also equal the AVX2 ones bit for bit: both
     * follow ggml's lanes and order (vpdpbusd gives the same lanes as maddubs+madd) */
    struct kern_dot_table avx2 = kern_dots_scalar;
    kern_dots_avx2_get(&avx2);
    static const int types[] = {KERN_Q8_0, KERN_Q4_0, KERN_Q4_1, KERN_Q5_0, KERN_Q5_1, KERN_Q5_K};
    int failures = 0, cases = 0;
    for (size_t ti = 0; ti < sizeof(types) / sizeof(types[0]); ti++) {
        const int type = types[ti];
        if (!emu.dot[type]) {
            fprintf(stderr, "FAIL: no AVX-512 kernel for %s\n", kern_type_traits(type)->name);
            failures++;
            continue;
        }
        const int be = kern_type_traits(type)->block_elems;
        for (int rep = 0; rep < 40; rep++) {
            const int64_t k = (int64_t)be * (1 + rep % 5);
            float *w = malloc(k * 4), *x = malloc(k * 4), *wf = malloc(k * 4);
            uint8_t *wq = malloc(kern_row_bytes(type, k));
            uint8_t *xq = malloc(k * 2 + 4096);
            for (int64_t j = 0; j < k; j++) {
                w[j] = frand() * (rep % 3 ? 1.0f : 20.0f);
                x[j] = frand() * (j % 11 ? 1.0f : 5.0f);
            }
            kern_quant_row(type, w, wq, k);
            kern_dequant_row(type, wq, wf, k);
            if (be == 256) kern_quant_q8_k_ref(x, xq, k);
            else kern_quant_x8_ref(x, xq, k);
            const float ref = kern_dots_scalar.dot[type](wq, xq, k / be);
            const float got = emu.dot[type](wq, xq, k / be);
            const float a2 = avx2.dot[type](wq, xq, k / be);
            if (memcmp(&got, &a2, 4)) {
                fprintf(stderr, "FAIL: %s k=%lld: emulated AVX-512 %.9g, AVX2 %.9g (not bit-equal)\n",
                        kern_type_traits(type)->name, (long long)k, got, a2);
                failures++;
            }
            double mag = 0;
            for (int64_t j = 0; j < k; j++) mag += fabs((double)wf[j] * x[j]);
            if (!(fabs((double)got - ref) <= 1e-5 * mag * 1.1 + 1e-6)) {
                fprintf(stderr, "FAIL: %s k=%lld: emulated AVX-512 %.7g, scalar %.7g\n",
                        kern_type_traits(type)->name, (long long)k, got, ref);
                failures++;
            }
            cases++;
            if (emu.dot4[type]) {
                /* 4 tokens: x and three scaled/shifted copies, each quantized on its own */
                const size_t xrb = be == 256 ? (size_t)(k / 256) * sizeof(struct kern_q8_k)
                                             : (size_t)(k / 32) * sizeof(struct kern_xq8);
                uint8_t *x4 = malloc(4 * xrb);
                float *xt = malloc(k * 4), ref4[4], mag4[4], got4[4];
                for (int t = 0; t < 4; t++) {
                    mag4[t] = 0;
                    for (int64_t j = 0; j < k; j++) {
                        xt[j] = x[(j + 7 * t) % k] * (1.0f + t);
                        mag4[t] += fabsf(wf[j] * xt[j]);
                    }
                    if (be == 256) kern_quant_q8_k_ref(xt, x4 + t * xrb, k);
                    else kern_quant_x8_ref(xt, x4 + t * xrb, k);
                    ref4[t] = kern_dots_scalar.dot[type](wq, x4 + t * xrb, k / be);
                }
                emu.dot4[type](wq, x4, xrb, k / be, got4);
                for (int t = 0; t < 4; t++)
                    if (!(fabs((double)got4[t] - ref4[t]) <= 1e-5 * mag4[t] * 1.1 + 1e-6)) {
                        fprintf(stderr, "FAIL: %s dot4 k=%lld token %d: emulated %.7g, scalar %.7g\n",
                                kern_type_traits(type)->name, (long long)k, t, got4[t], ref4[t]);
                        failures++;
                    }
                cases++;
                free(x4);
                free(xt);
            }
            free(w);
            free(x);
            free(wf);
            free(wq);
            free(xq);
        }
    }
    /* float weights: x stays f32; odd lengths exercise the masked tails */
    static const int ftypes[] = {KERN_F32, KERN_F16, KERN_BF16};
    for (size_t ti = 0; ti < 3; ti++) {
        const int type = ftypes[ti];
        if (!emu.dot[type]) {
            fprintf(stderr, "FAIL: no AVX-512 kernel for %s\n", kern_type_traits(type)->name);
            failures++;
            continue;
        }
        for (int64_t k = 1; k <= 100; k += (k < 40 ? 1 : 13)) {
            float *w = malloc(k * 4), *x = malloc(k * 4), *wf = malloc(k * 4);
            uint8_t *wq = malloc(k * 4);
            for (int64_t j = 0; j < k; j++) {
                w[j] = frand();
                x[j] = frand();
            }
            kern_quant_row(type, w, wq, k);
            kern_dequant_row(type, wq, wf, k);
            double exact = 0, mag = 0;
            for (int64_t j = 0; j < k; j++) {
                exact += (double)wf[j] * x[j];
                mag += fabs((double)wf[j] * x[j]);
            }
            const float got = emu.dot[type](wq, x, k);
            const float a2 = avx2.dot[type](wq, x, k);
            if (k % 16 == 0 && memcmp(&got, &a2, 4)) { /* both in tinyBLAS's 16-lane order */
                fprintf(stderr, "FAIL: %s k=%lld: emulated AVX-512 %.9g, AVX2 %.9g (not bit-equal)\n",
                        kern_type_traits(type)->name, (long long)k, got, a2);
                failures++;
            }
            if (!(fabs(got - exact) <= 1e-5 * mag + 1e-6)) {
                fprintf(stderr, "FAIL: %s k=%lld: emulated AVX-512 %.9g, exact %.9g\n",
                        kern_type_traits(type)->name, (long long)k, got, exact);
                failures++;
            }
            cases++;
            free(w);
            free(x);
            free(wf);
            free(wq);
        }
    }
    printf("%d cases of the AVX-512 kernels (AVX-512 emulated) against scalar\n", cases);
    if (failures) {
        fprintf(stderr, "%d failed\n", failures);
        return 1;
    }
    printf("all passed\n");
    return 0;
}
