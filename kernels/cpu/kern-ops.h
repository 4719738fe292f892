/* kern-ops.h: scalar references and vector versions of the row ops (tests compare them). */
#ifndef KERN_OPS_H
#define KERN_OPS_H

#include <stdint.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define KERN_HAVE_AVX2 1
#else
#define KERN_HAVE_AVX2 0
#endif

void kern_rmsnorm_ref(float *dst, const float *x, const float *weight, int64_t n, float eps);
void kern_softmax_ref(float *x, int64_t n);
void kern_swiglu_ref(float *dst, const float *gate, const float *up, int64_t n);
void kern_add_ref(float *dst, const float *a, const float *b, int64_t n);
void kern_scale_add_ref(float *dst, const float *x, float s, int64_t n);
float kern_dot_f32_ref(const float *a, const float *b, int64_t n);

#if KERN_HAVE_AVX2
void kern_rmsnorm_avx2(float *dst, const float *x, const float *weight, int64_t n, float eps);
void kern_softmax_avx2(float *x, int64_t n);
void kern_swiglu_avx2(float *dst, const float *gate, const float *up, int64_t n);
void kern_add_avx2(float *dst, const float *a, const float *b, int64_t n);
void kern_scale_add_avx2(float *dst, const float *x, float s, int64_t n);
float kern_dot_f32_avx2(const float *a, const float *b, int64_t n);
#endif

#endif
