/*
 * kern-avx512.c: AVX-512 (F, BW, VL, VNNI) dot products, compiled with
 * __attribute__((target)) and used only when the CPU reports those features.
 */
#include "kernels/cpu/kern-impl.h"

void kern_dots_avx512_get(struct kern_dot_table *t)
{
    (void)t;
}
