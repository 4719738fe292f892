/* test-train-mm: the trainer's matrix products at the sizes of real models, which test-grad's
 * tiny ones do not reach: the backward products (dx = dy W, dW = dy^T x, accumulated) against
 * a double-precision reference, over shapes that cross the kernel's row tiles, 16-column
 * panels and blocks of the summed dimension, with and without leftover rows and columns; and
 * the forward product, which goes to kern_matmul in chunks of tokens, bit for bit against one
 * kern_matmul call over all tokens (what engine/model.c computes). */
#include "engine/train.h"
#include "hub-check.h"
#include "kernels/kern.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static unsigned rs = 777;
static float *rnd(size_t n)
{
    float *p = malloc(n * sizeof *p);
    for (size_t i = 0; i < n; i++) {
        rs = rs * 1103515245u + 12345u;
        p[i] = ((rs >> 8) & 0xffff) / 32768.0f - 1.0f;
    }
    return p;
}

/* largest |got - want| relative to the sum of |terms| of that entry */
static double worst(const float *got, const double *want, const double *mag, size_t n)
{
    double w = 0;
    for (size_t i = 0; i < n; i++) {
        double e = fabs(got[i] - want[i]) / (mag[i] + 1e-30);
        if (!(e <= w)) w = e; /* NaN counts as worst */
    }
    return w;
}

static void check_bwd(int T, int K, int N)
{
    float *x = rnd((size_t)T * K), *W = rnd((size_t)N * K), *dy = rnd((size_t)T * N);
    float *dx = rnd((size_t)T * K), *dW = rnd((size_t)N * K); /* accumulated into */
    double *rx = malloc((size_t)T * K * sizeof *rx), *mx = malloc((size_t)T * K * sizeof *mx);
    double *rw = malloc((size_t)N * K * sizeof *rw), *mw = malloc((size_t)N * K * sizeof *mw);
    for (int t = 0; t < T; t++)
        for (int k = 0; k < K; k++) {
            double s = dx[(size_t)t * K + k], m = fabs(s);
            for (int n = 0; n < N; n++) {
                double p = (double)dy[(size_t)t * N + n] * W[(size_t)n * K + k];
                s += p, m += fabs(p);
            }
            rx[(size_t)t * K + k] = s, mx[(size_t)t * K + k] = m;
        }
    for (int n = 0; n < N; n++)
        for (int k = 0; k < K; k++) {
            double s = dW[(size_t)n * K + k], m = fabs(s);
            for (int t = 0; t < T; t++) {
                double p = (double)dy[(size_t)t * N + n] * x[(size_t)t * K + k];
                s += p, m += fabs(p);
            }
            rw[(size_t)n * K + k] = s, mw[(size_t)n * K + k] = m;
        }
    train_mm_bwd(dx, dW, dy, x, W, T, K, N);
    double ex = worst(dx, rx, mx, (size_t)T * K), ew = worst(dW, rw, mw, (size_t)N * K);
    /* float sums of up to a few hundred terms: a few 1e-7 of the terms' size */
    CHECK(ex < 1e-5, "dx T=%d K=%d N=%d: relative error %.3g", T, K, N, ex);
    CHECK(ew < 1e-5, "dW T=%d K=%d N=%d: relative error %.3g", T, K, N, ew);
    /* dx alone and dW alone give what the pair gives */
    float *dx2 = calloc((size_t)T * K, sizeof *dx2), *dW2 = calloc((size_t)N * K, sizeof *dW2);
    float *dx3 = calloc((size_t)T * K, sizeof *dx3), *dW3 = calloc((size_t)N * K, sizeof *dW3);
    train_mm_bwd(dx2, dW2, dy, x, W, T, K, N);
    train_mm_bwd(dx3, NULL, dy, x, W, T, K, N);
    train_mm_bwd(NULL, dW3, dy, x, W, T, K, N);
    CHECK(!memcmp(dx2, dx3, (size_t)T * K * sizeof *dx2), "dx alone T=%d K=%d N=%d", T, K, N);
    CHECK(!memcmp(dW2, dW3, (size_t)N * K * sizeof *dW2), "dW alone T=%d K=%d N=%d", T, K, N);
    free(x), free(W), free(dy), free(dx), free(dW), free(dx2), free(dW2), free(dx3), free(dW3);
    free(rx), free(mx), free(rw), free(mw);
}

static void check_fwd(int T, int K, int N)
{
    float *x = rnd((size_t)T * K), *W = rnd((size_t)N * K);
    float *y = malloc((size_t)T * N * sizeof *y), *ye = malloc((size_t)T * N * sizeof *ye);
    train_mm_fwd(y, x, W, T, K, N);
    kern_matmul(NULL, KERN_F32, W, N, K, x, T, ye);
    CHECK(!memcmp(y, ye, (size_t)T * N * sizeof *y), "forward T=%d K=%d N=%d", T, K, N);
    free(x), free(W), free(y), free(ye);
}

int main(void)
{
    /* trainer shapes (n_embd 192, packs of 384 tokens, 3000 logits) and odd ones */
    static const int shapes[][3] = {
        {384, 192, 192}, {384, 512, 192}, {96, 192, 128}, {160, 192, 3000}, {384, 64, 256},
        {131, 200, 70},  {7, 24, 300},    {1, 16, 5},     {5, 3, 2},        {257, 40, 129},
    };
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        check_bwd(shapes[i][0], shapes[i][1], shapes[i][2]);
        check_fwd(shapes[i][0], shapes[i][1], shapes[i][2]);
    }
    if (failures) fprintf(stderr, "%d checks failed\n", failures);
    return failures ? 1 : 0;
}
