/*
 * test-kern-tile.c: the 2-row x 4-token prefill tiles (dot4r2) of every ISA table against that
 * table's 4-token kernel (dot4): a tile must give each of its 8 outputs bit for bit, since
 * kern_matmul picks tiles or single rows by the row count and a thread's share of rows, and
 * the engine's exactness against llama.cpp rests on one summation order per output.
 * Lengths with and without a tail past the last 16 elements; f32, f16 and bf16 weights.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/cpu/kern-impl.h"

static uint32_t rng = 12345;
static float frand(void)
{
    rng = rng * 1664525u + 1013904223u;
    return (float)(rng >> 8) / 16777216.0f * 2.0f - 1.0f;
}

int main(void)
{
    static const int types[] = {KERN_F32, KERN_F16, KERN_BF16};
    static const int lens[] = {16, 48, 200, 256, 1040};
    int isa_max = kern_isa_detect(), failures = 0, cases = 0;
    for (int isa = KERN_ISA_SCALAR; isa <= isa_max; isa++) {
        kern_isa_force(isa);
        const struct kern_dot_table *tab = kern_dot_table_active();
        for (size_t ti = 0; ti < sizeof(types) / sizeof(types[0]); ti++) {
            int type = types[ti];
            if (!tab->dot4r2[type]) continue;
            if (!tab->dot4[type]) {
                printf("FAIL %s %s: a tile without a 4-token kernel\n", kern_isa_name(isa),
                       kern_type_traits(type)->name);
                failures++;
                continue;
            }
            for (size_t li = 0; li < sizeof(lens) / sizeof(lens[0]); li++) {
                int n = lens[li];
                size_t rb = kern_row_bytes(type, n);
                uint8_t *w = malloc(2 * rb);
                float *row = malloc((size_t)n * sizeof(float)), *x = malloc(4 * (size_t)n * sizeof(float));
                if (!w || !row || !x) {
                    printf("FAIL: out of memory\n");
                    return 1;
                }
                for (int r = 0; r < 2; r++) {
                    for (int i = 0; i < n; i++) row[i] = frand();
                    kern_quant_row(type, row, w + r * rb, n);
                }
                for (int i = 0; i < 4 * n; i++) x[i] = frand() * 3.0f;
                float tile[8], one[4];
                tab->dot4r2[type](w, rb, x, (size_t)n * sizeof(float), n, tile);
                for (int r = 0; r < 2; r++) {
                    tab->dot4[type](w + r * rb, x, (size_t)n * sizeof(float), n, one);
                    for (int t = 0; t < 4; t++) {
                        cases++;
                        if (memcmp(&tile[r * 4 + t], &one[t], sizeof(float))) {
                            printf("FAIL %s %s n=%d row %d token %d: tile %.9g, dot4 %.9g\n",
                                   kern_isa_name(isa), kern_type_traits(type)->name, n, r, t,
                                   tile[r * 4 + t], one[t]);
                            failures++;
                        }
                    }
                }
                free(w);
                free(row);
                free(x);
            }
        }
    }
    if (!cases) {
        printf("skip: no ISA table of this CPU has 2-row tiles\n");
        return 77;
    }
    printf("%d outputs compared, %d differ\n", cases, failures);
    return failures ? 1 : 0;
}
