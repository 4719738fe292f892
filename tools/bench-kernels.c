/*
 * bench-kernels: speed of kern_matmul per weight type at decode (n_tok 1) and prefill
 * (n_tok 32) shapes, 1 and 2 threads, beside a measured memory bandwidth (the roofline for
 * decode once weights no longer fit in cache).
 *
 *   tools/bench-kernels [--threads N] [--isa scalar|avx2|avx512] [--ms MS] [--types q4_K,q8_0]
 *                       [--cpu-time]
 *
 * GB/s = weight bytes read per call / time; GFLOP/s = 2*rows*k*n_tok / time. "hot" runs the
 * same matrix again and again (in cache, as the engine's small models are); "cold" walks over
 * copies totalling 256 MiB so every call reads from memory. --cpu-time times one thread by its
 * own CPU time (CLOCK_THREAD_CPUTIME_ID), which a busy shared machine disturbs far less than
 * wall time; it implies --threads 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kernels/kern.h"

static clockid_t bench_clock = CLOCK_MONOTONIC;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(bench_clock, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Seconds per call: repeat for at least budget seconds, best of 3 rounds. */
static double time_calls(struct kern_pool *pool, int type, uint8_t **mats, int n_mats,
                         int64_t rows, int64_t k, const float *x, int64_t n_tok, float *out,
                         double budget)
{
    double best = 1e30;
    for (int round = 0; round < 3; round++) {
        long calls = 0;
        double t0 = now_s(), t;
        do {
            for (int i = 0; i < 8; i++, calls++)
                kern_matmul(pool, type, mats[calls % n_mats], rows, k, x, n_tok, out);
            t = now_s() - t0;
        } while (t < budget / 3);
        if (t / calls < best) best = t / calls;
    }
    return best;
}

int main(int argc, char **argv)
{
    int max_threads = 2;
    double budget = 0.15;
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--threads") && i + 1 < argc) max_threads = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--ms") && i + 1 < argc) budget = atof(argv[++i]) / 1000.0;
        else if (!strcmp(argv[i], "--types") && i + 1 < argc) only = argv[++i];
        else if (!strcmp(argv[i], "--cpu-time")) bench_clock = CLOCK_THREAD_CPUTIME_ID;
        else if (!strcmp(argv[i], "--isa") && i + 1 < argc) {
            const char *v = argv[++i];
            kern_isa_force(!strcmp(v, "scalar") ? KERN_ISA_SCALAR
                           : !strcmp(v, "avx2") ? KERN_ISA_AVX2 : KERN_ISA_AVX512);
        } else {
            fprintf(stderr, "usage: %s [--threads N] [--isa scalar|avx2|avx512] [--ms MS] "
                            "[--types t1,t2] [--cpu-time]\n", argv[0]);
            return 2;
        }
    }
    if (max_threads < 1 || bench_clock == CLOCK_THREAD_CPUTIME_ID) max_threads = 1;
    printf("kern_matmul on %s (CPU best: %s), %s\n", kern_isa_name(kern_isa_active()),
           kern_isa_name(kern_isa_detect()),
           bench_clock == CLOCK_MONOTONIC ? "wall time" : "thread CPU time");
    static const int types[] = {KERN_F32, KERN_F16, KERN_BF16, KERN_Q8_0, KERN_Q4_0, KERN_Q4_1,
                                KERN_Q5_0, KERN_Q5_1, KERN_Q2_K, KERN_Q3_K, KERN_Q4_K, KERN_Q5_K, KERN_Q6_K};
    /* rows x k: the engine's small models first (256 wide), then the sizes of a larger model */
    static const int64_t shapes[][2] = {{256, 256}, {1024, 1024}, {4096, 1024}};
    const int64_t kmax = 1024, rmax = 4096, tmax = 32;
    float *x = malloc(sizeof(float) * kmax * tmax), *out = malloc(sizeof(float) * rmax * tmax);
    float *wf = malloc(sizeof(float) * kmax);
    for (int64_t i = 0; i < kmax * tmax; i++) x[i] = (float)((i * 7919) % 1000) / 500.0f - 1.0f;
    for (int th = 1; th <= max_threads; th++) {
        struct kern_pool *pool = kern_pool_new(th);
        double bw = kern_measure_bandwidth_gbs(pool);
        printf("\nthreads %d: memory bandwidth %.1f GB/s (streaming read of 512 MiB)\n", th, bw);
        printf("%-6s %-10s | %9s %8s %8s %9s | %9s %8s %8s\n", "type", "rows x k", "tg us",
               "GB/s", "GFLOP/s", "cold GB/s", "pp32 us", "GB/s", "GFLOP/s");
        for (size_t ti = 0; ti < sizeof(types) / sizeof(types[0]); ti++) {
            const int type = types[ti];
            const char *name = kern_type_traits(type)->name;
            if (only && !strstr(only, name)) continue;
            for (size_t si = 0; si < sizeof(shapes) / sizeof(shapes[0]); si++) {
                const int64_t rows = shapes[si][0], k = shapes[si][1];
                const size_t bytes = kern_row_bytes(type, k) * (size_t)rows;
                int n_cold = (int)((256u << 20) / bytes) + 1;
                uint8_t **mats = malloc(sizeof(*mats) * n_cold);
                for (int m = 0; m < n_cold; m++) {
                    mats[m] = malloc(bytes);
                    if (m == 0) {
                        for (int64_t r = 0; r < rows; r++) {
                            for (int64_t j = 0; j < k; j++)
                                wf[j] = (float)(((r * 31 + j * 17) % 255) - 127) / 512.0f;
                            if (kern_can_quant(type))
                                kern_quant_row(type, wf, mats[0] + r * kern_row_bytes(type, k), k);
                            else /* no quantizer: bytes are bytes; scales stay small */
                                for (size_t b = 0; b < kern_row_bytes(type, k); b++)
                                    mats[0][r * kern_row_bytes(type, k) + b] = (uint8_t)((r + b * 13) & 0x3b);
                        }
                    } else {
                        memcpy(mats[m], mats[0], bytes);
                    }
                }
                const double flop1 = 2.0 * rows * k, flop32 = flop1 * 32;
                double t1 = time_calls(pool, type, mats, 1, rows, k, x, 1, out, budget);
                double tc = time_calls(pool, type, mats, n_cold, rows, k, x, 1, out, budget);
                double t32 = time_calls(pool, type, mats, 1, rows, k, x, 32, out, budget);
                printf("%-6s %4lldx%-5lld | %9.1f %8.1f %8.1f %9.1f | %9.1f %8.1f %8.1f\n", name,
                       (long long)rows, (long long)k, t1 * 1e6, bytes / t1 / 1e9, flop1 / t1 / 1e9,
                       bytes / tc / 1e9, t32 * 1e6, bytes / t32 / 1e9, flop32 / t32 / 1e9);
                fflush(stdout);
                for (int m = 0; m < n_cold; m++) free(mats[m]);
                free(mats);
            }
        }
        kern_pool_free(pool);
    }
    free(x);
    free(out);
    free(wf);
    return 0;
}
