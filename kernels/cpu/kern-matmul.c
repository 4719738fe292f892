/*
 * kern-matmul.c: run-time ISA choice and kern_matmul. x is prepared once per call (quantized to
 * the activation blocks the weight type multiplies with), then the weight rows are split over
 * the pool's threads; each thread walks its rows and, for each row, every token, so a row is
 * read from memory once however many tokens there are.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "common/hub_log.h"
#include "common/hub_status.h"
#include "kernels/cpu/kern-impl.h"
#include "kernels/cpu/kern-pool.h"

/* ---- ISA ---- */

static struct kern_dot_table kern_tables[3]; /* per ISA level, each including the lower ones */
static pthread_once_t kern_tables_once = PTHREAD_ONCE_INIT;
static _Atomic int kern_isa_cur = -1;

static void kern_tables_init(void)
{
    kern_tables[KERN_ISA_SCALAR] = kern_dots_scalar;
    kern_tables[KERN_ISA_AVX2] = kern_dots_scalar;
    kern_dots_avx2_get(&kern_tables[KERN_ISA_AVX2]);
    kern_tables[KERN_ISA_AVX512] = kern_tables[KERN_ISA_AVX2];
    kern_dots_avx512_get(&kern_tables[KERN_ISA_AVX512]);
}

int kern_isa_detect(void)
{
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni") &&
        __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c"))
        return KERN_ISA_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
        __builtin_cpu_supports("f16c"))
        return KERN_ISA_AVX2;
#endif
    return KERN_ISA_SCALAR;
}

int kern_isa_active(void)
{
    int isa = atomic_load_explicit(&kern_isa_cur, memory_order_relaxed);
    if (isa < 0) {
        const char *env = getenv("HUB_KERN_ISA"); /* scalar|avx2|avx512: cap for experiments */
        isa = kern_isa_detect();
        if (env && !strcmp(env, "scalar")) isa = KERN_ISA_SCALAR;
        else if (env && !strcmp(env, "avx2") && isa > KERN_ISA_AVX2) isa = KERN_ISA_AVX2;
        atomic_store(&kern_isa_cur, isa);
    }
    return isa;
}

void kern_isa_force(int isa)
{
    int best = kern_isa_detect();
    if (isa < KERN_ISA_SCALAR) isa = KERN_ISA_SCALAR;
    atomic_store(&kern_isa_cur, isa < best ? isa : best);
}

const char *kern_isa_name(int isa)
{
    switch (isa) {
    case KERN_ISA_SCALAR: return "scalar";
    case KERN_ISA_AVX2: return "avx2";
    case KERN_ISA_AVX512: return "avx512";
    default: return "unknown";
    }
}

const struct kern_dot_table *kern_dot_table_active(void)
{
    pthread_once(&kern_tables_once, kern_tables_init);
    return &kern_tables[kern_isa_active()];
}

/* ---- matmul ---- */

struct kern_mm_job {
    kern_vec_dot_fn dot;
    kern_vec_dot4_fn dot4; /* NULL: one token at a time */
    const uint8_t *W;
    size_t w_row_bytes;
    int64_t rows, nb; /* nb: blocks per row (or elements for plain types) */
    const uint8_t *xq;
    size_t x_row_bytes;
    int64_t n_tok;
    float *out;
};

/* One part: a contiguous run of rows (a multiple of 4 rows but the last). */
static void kern_mm_worker(void *ctx, int part, int n_parts)
{
    const struct kern_mm_job *j = ctx;
    const int64_t per = ((j->rows + n_parts - 1) / n_parts + 3) & ~(int64_t)3;
    const int64_t r0 = per * part;
    const int64_t r1 = r0 + per < j->rows ? r0 + per : j->rows;
    for (int64_t r = r0; r < r1; r++) {
        const uint8_t *w = j->W + (size_t)r * j->w_row_bytes;
        int64_t t = 0;
        if (j->dot4) {
            for (; t + 4 <= j->n_tok; t += 4) {
                float o[4];
                j->dot4(w, j->xq + (size_t)t * j->x_row_bytes, j->x_row_bytes, j->nb, o);
                for (int u = 0; u < 4; u++) j->out[(t + u) * j->rows + r] = o[u];
            }
        }
        for (; t < j->n_tok; t++)
            j->out[t * j->rows + r] = j->dot(w, j->xq + (size_t)t * j->x_row_bytes, j->nb);
    }
}

#define KERN_MT_MIN_MACS 8192  /* below this many multiply-adds one thread does it all */
#define KERN_PART_MACS 32768 /* about the work of one part (~1 us) */
#define KERN_STACK_XQ 65536 /* activation bytes kept on the stack when there is no pool */

void kern_matmul(struct kern_pool *pool, int wtype, const void *W, int64_t rows, int64_t k,
                 const float *x, int64_t n_tok, float *out)
{
    const struct kern_type_traits *tt = kern_type_traits(wtype);
    const int xkind = kern_xkind_of(wtype);
    if (!tt || xkind < 0 || rows <= 0 || n_tok <= 0 || k <= 0 || k % tt->block_elems) {
        hub_error("kern", "matmul: unsupported type %d or shape rows=%lld k=%lld n_tok=%lld",
                  wtype, (long long)rows, (long long)k, (long long)n_tok);
        HUB_ASSERT(!"kern_matmul: bad arguments");
    }
    const struct kern_dot_table *tab = kern_dot_table_active();
    struct kern_mm_job job = {
        .dot = tab->dot[wtype],
        .dot4 = tab->dot4[wtype],
        .W = W,
        .w_row_bytes = kern_row_bytes(wtype, k),
        .rows = rows,
        .nb = k / tt->block_elems,
        .n_tok = n_tok,
        .out = out,
    };
    void *heap = NULL;
    uint8_t stackbuf[KERN_STACK_XQ] __attribute__((aligned(64)));
    if (xkind == KERN_X_F32) {
        job.xq = (const uint8_t *)x;
        job.x_row_bytes = (size_t)k * sizeof(float);
    } else {
        const bool k8 = xkind == KERN_X_Q8K;
        if (k8 && k % KERN_QK_K) HUB_ASSERT(!"kern_matmul: K-quant row not a multiple of 256");
        job.x_row_bytes = k8 ? (size_t)(k / KERN_QK_K) * sizeof(struct kern_q8_k)
                             : (size_t)(k / KERN_QK) * sizeof(struct kern_xq8);
        size_t need = job.x_row_bytes * (size_t)n_tok;
        uint8_t *buf = pool ? kern_pool_scratch(pool, need) : NULL;
        if (!buf && need <= sizeof(stackbuf)) buf = stackbuf;
        if (!buf) {
            if (posix_memalign(&heap, 64, need)) HUB_ASSERT(!"kern_matmul: out of memory");
            buf = heap;
        }
        kern_quant_x_fn q = k8 ? tab->quant_x8k : tab->quant_x8;
        for (int64_t t = 0; t < n_tok; t++) q(x + t * k, buf + (size_t)t * job.x_row_bytes, k);
        job.xq = buf;
    }
    /* Tiny products (router gates, a few rows) cost less than waking the workers. */
    const int64_t macs = rows * k * n_tok;
    const int nth = kern_pool_threads(pool);
    if (macs < KERN_MT_MIN_MACS || rows < 8 || nth == 1) {
        kern_mm_worker(&job, 0, 1);
    } else {
        /* a few parts per thread, so a thread that starts late finds work left, not a wait */
        int64_t parts = macs / KERN_PART_MACS;
        if (parts < nth) parts = nth;
        if (parts > 4 * nth) parts = 4 * nth;
        if (parts > rows / 4) parts = rows / 4 > nth ? rows / 4 : nth;
        kern_pool_run_parts(pool, kern_mm_worker, &job, (int)parts);
    }
    free(heap);
}
