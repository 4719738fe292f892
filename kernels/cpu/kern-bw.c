/*
 * kern-bw.c: a measured memory bandwidth for rooflines (kern_measure_bandwidth_gbs): every
 * thread of the pool streams its share of a 512 MiB buffer (16x a large L3) with wide loads.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "common/hub_log.h"
#include "kernels/kern.h"

#define KERN_BW_BYTES ((size_t)512 << 20)

struct kern_bw_job {
    const uint8_t *buf;
    size_t size;
    _Atomic uint64_t sink; /* keeps the loads from being optimized away */
};

#if defined(__x86_64__)
__attribute__((target("avx2"))) static uint64_t kern_bw_read_avx2(const uint8_t *p, size_t n)
{
    __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
    for (size_t i = 0; i + 128 <= n; i += 128) {
        a0 = _mm256_xor_si256(a0, _mm256_load_si256((const __m256i *)(p + i)));
        a1 = _mm256_xor_si256(a1, _mm256_load_si256((const __m256i *)(p + i + 32)));
        a2 = _mm256_xor_si256(a2, _mm256_load_si256((const __m256i *)(p + i + 64)));
        a3 = _mm256_xor_si256(a3, _mm256_load_si256((const __m256i *)(p + i + 96)));
    }
    a0 = _mm256_xor_si256(_mm256_xor_si256(a0, a1), _mm256_xor_si256(a2, a3));
    return (uint64_t)_mm256_extract_epi64(a0, 0) ^ (uint64_t)_mm256_extract_epi64(a0, 3);
}
#endif

static uint64_t kern_bw_read_plain(const uint8_t *p, size_t n)
{
    const uint64_t *q = (const uint64_t *)p;
    uint64_t a = 0, b = 0;
    for (size_t i = 0; i + 2 <= n / 8; i += 2) {
        a ^= q[i];
        b ^= q[i + 1];
    }
    return a ^ b;
}

static void kern_bw_worker(void *ctx, int ith, int nth)
{
    struct kern_bw_job *j = ctx;
    size_t per = j->size / (size_t)nth / 4096 * 4096;
    const uint8_t *p = j->buf + per * (size_t)ith;
    uint64_t v;
#if defined(__x86_64__)
    if (kern_isa_active() >= KERN_ISA_AVX2) v = kern_bw_read_avx2(p, per);
    else
#endif
        v = kern_bw_read_plain(p, per);
    atomic_fetch_xor(&j->sink, v);
}

static double kern_bw_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

double kern_measure_bandwidth_gbs(struct kern_pool *pool)
{
    struct kern_bw_job job = {.size = KERN_BW_BYTES};
    void *buf = NULL;
    if (posix_memalign(&buf, 4096, job.size)) {
        hub_error("kern", "bandwidth: cannot allocate %zu bytes", job.size);
        return 0;
    }
    memset(buf, 1, job.size); /* fault the pages in before timing */
    job.buf = buf;
    atomic_init(&job.sink, 0);
    const int nth = kern_pool_threads(pool);
    const size_t read = job.size / (size_t)nth / 4096 * 4096 * (size_t)nth;
    double best = 0;
    for (int pass = 0; pass < 4; pass++) {
        double t0 = kern_bw_now();
        kern_pool_run(pool, kern_bw_worker, &job);
        double dt = kern_bw_now() - t0;
        if (dt > 0 && read / dt / 1e9 > best) best = (double)read / dt / 1e9;
    }
    free(buf);
    return best;
}
