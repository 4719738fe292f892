/*
 * kern-ops.c: the row ops around the matrix products (RMSNorm, softmax, SwiGLU, add, axpy,
 * dot). Each has a scalar reference (kern_*_ref, the definition) and, where the active ISA
 * allows, a vector version from kern-avx2.c.
 */
#include <math.h>

#include "kernels/cpu/kern-impl.h"
#include "kernels/cpu/kern-ops.h"

void kern_rmsnorm_ref(float *dst, const float *x, const float *weight, int64_t n, float eps)
{
    double sum = 0; /* ggml sums squares in double too */
    for (int64_t i = 0; i < n; i++) sum += (double)x[i] * x[i];
    const float scale = 1.0f / sqrtf((float)(sum / (double)n) + eps);
    for (int64_t i = 0; i < n; i++) dst[i] = x[i] * scale * (weight ? weight[i] : 1.0f);
}

void kern_softmax_ref(float *x, int64_t n)
{
    if (n <= 0) return;
    float max = x[0];
    for (int64_t i = 1; i < n; i++)
        if (x[i] > max) max = x[i];
    double sum = 0;
    for (int64_t i = 0; i < n; i++) {
        x[i] = expf(x[i] - max);
        sum += x[i];
    }
    const float inv = (float)(1.0 / sum);
    for (int64_t i = 0; i < n; i++) x[i] *= inv;
}

void kern_swiglu_ref(float *dst, const float *gate, const float *up, int64_t n)
{
    for (int64_t i = 0; i < n; i++) {
        const float g = gate[i];
        dst[i] = g / (1.0f + expf(-g)) * up[i];
    }
}

void kern_add_ref(float *dst, const float *a, const float *b, int64_t n)
{
    for (int64_t i = 0; i < n; i++) dst[i] = a[i] + b[i];
}

void kern_scale_add_ref(float *dst, const float *x, float s, int64_t n)
{
    for (int64_t i = 0; i < n; i++) dst[i] += s * x[i];
}

float kern_dot_f32_ref(const float *a, const float *b, int64_t n)
{
    double sum = 0;
    for (int64_t i = 0; i < n; i++) sum += (double)a[i] * b[i];
    return (float)sum;
}

static inline bool kern_use_avx2(void)
{
#if KERN_HAVE_AVX2
    return kern_isa_active() >= KERN_ISA_AVX2;
#else
    return false;
#endif
}

void kern_rmsnorm(float *dst, const float *x, const float *weight, int64_t n, float eps)
{
#if KERN_HAVE_AVX2
    if (kern_use_avx2()) {
        kern_rmsnorm_avx2(dst, x, weight, n, eps);
        return;
    }
#endif
    kern_rmsnorm_ref(dst, x, weight, n, eps);
}

void kern_softmax(float *x, int64_t n)
{
#if KERN_HAVE_AVX2
    if (kern_use_avx2()) {
        kern_softmax_avx2(x, n);
        return;
    }
#endif
    kern_softmax_ref(x, n);
}

void kern_swiglu(float *dst, const float *gate, const float *up, int64_t n)
{
#if KERN_HAVE_AVX2
    if (kern_use_avx2()) {
        kern_swiglu_avx2(dst, gate, up, n);
        return;
    }
#endif
    kern_swiglu_ref(dst, gate, up, n);
}

void kern_add(float *dst, const float *a, const float *b, int64_t n)
{
#if KERN_HAVE_AVX2
    if (kern_use_avx2()) {
        kern_add_avx2(dst, a, b, n);
        return;
    }
#endif
    kern_add_ref(dst, a, b, n);
}

void kern_scale_add(float *dst, const float *x, float s, int64_t n)
{
#if KERN_HAVE_AVX2
    if (kern_use_avx2()) {
        kern_scale_add_avx2(dst, x, s, n);
        return;
    }
#endif
    kern_scale_add_ref(dst, x, s, n);
}

float kern_dot_f32(const float *a, const float *b, int64_t n)
{
#if KERN_HAVE_AVX2
    if (kern_use_avx2()) return kern_dot_f32_avx2(a, b, n);
#endif
    return kern_dot_f32_ref(a, b, n);
}
