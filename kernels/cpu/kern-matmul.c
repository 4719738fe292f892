/*
 * kern-matmul.c: run-time ISA choice and kern_matmul. x is prepared once per call (quantized to
 * the activation blocks the weight type multiplies with), then the weight rows are split over
 * the pool's threads; each thread walks its rows and, for each row, every token, so a row is
 * read from memory once however many tokens there are.
 */
#if defined(__x86_64__)
#include <cpuid.h>
#endif
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
    /* a 2-row tile repeats its own ISA's dot4: drop AVX2 tiles where AVX-512 replaced dot4 */
    for (int t = 0; t < KERN_TYPE_MAX; t++)
        if (kern_tables[KERN_ISA_AVX512].dot4[t] != kern_tables[KERN_ISA_AVX2].dot4[t])
            kern_tables[KERN_ISA_AVX512].dot4r2[t] = NULL;
}

/* CPUID and XCR0 read directly (not __builtin_cpu_supports, whose feature names differ
 * between compilers): a feature counts only if the OS also saves its registers. */
int kern_isa_detect(void)
{
#if defined(__x86_64__)
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return KERN_ISA_SCALAR;
    const bool fma = c & (1u << 12), osxsave = c & (1u << 27), avx = c & (1u << 28),
               f16c = c & (1u << 29);
    if (!osxsave || !avx) return KERN_ISA_SCALAR;
    unsigned xlo, xhi;
    __asm__ volatile("xgetbv" : "=a"(xlo), "=d"(xhi) : "c"(0));
    if ((xlo & 0x6) != 0x6) return KERN_ISA_SCALAR; /* XMM and YMM state */
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return KERN_ISA_SCALAR;
    const bool avx2 = b & (1u << 5), avx512f = b & (1u << 16), avx512bw = b & (1u << 30),
               avx512vl = b & (1u << 31), vnni = c & (1u << 11);
    if (!avx2 || !fma || !f16c) return KERN_ISA_SCALAR;
    if (avx512f && avx512bw && avx512vl && vnni && (xlo & 0xE0) == 0xE0) /* opmask, ZMM */
        return KERN_ISA_AVX512;
    return KERN_ISA_AVX2;
#else
    return KERN_ISA_SCALAR;
#endif
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
    kern_vec_dot4_fn dot4;   /* NULL: one token at a time */
    kern_vec_dotr4_fn dotr4; /* NULL: one row at a time */
    kern_vec_dot4r2_fn dot4r2; /* NULL: full token groups one row at a time */
    const uint8_t *W;
    size_t w_row_bytes;
    int64_t rows, nb; /* nb: blocks per row (or elements for plain types) */
    const uint8_t *xq;
    size_t x_row_bytes;
    int64_t n_tok;
    float *out;
};

/* One part: a contiguous run of rows (a multiple of 4 rows but the last). Full groups of 4
 * tokens go row by row through dot4; the remaining tokens go token by token, 4 rows at a time
 * through dotr4 where there is one. */
static void kern_mm_worker(void *ctx, int part, int n_parts)
{
    const struct kern_mm_job *j = ctx;
    const int64_t per = ((j->rows + n_parts - 1) / n_parts + 3) & ~(int64_t)3;
    const int64_t r0 = per * part;
    const int64_t r1 = r0 + per < j->rows ? r0 + per : j->rows;
    const int64_t t4 = j->dot4 ? j->n_tok / 4 * 4 : 0;
    int64_t r = r0;
    if (j->dot4r2)
        for (; r + 2 <= r1 && t4; r += 2) {
            const uint8_t *w = j->W + (size_t)r * j->w_row_bytes;
            for (int64_t t = 0; t < t4; t += 4) {
                float o[8];
                j->dot4r2(w, j->w_row_bytes, j->xq + (size_t)t * j->x_row_bytes, j->x_row_bytes,
                          j->nb, o);
                float *out = j->out + t * j->rows + r;
                for (int u = 0; u < 4; u++, out += j->rows) {
                    out[0] = o[u];
                    out[1] = o[4 + u];
                }
            }
        }
    for (; r < r1 && t4; r++) {
        const uint8_t *w = j->W + (size_t)r * j->w_row_bytes;
        for (int64_t t = 0; t < t4; t += 4) {
            float o[4];
            j->dot4(w, j->xq + (size_t)t * j->x_row_bytes, j->x_row_bytes, j->nb, o);
            /* one base pointer: (t + u) * rows per store cost as much as the stores */
            float *out = j->out + t * j->rows + r;
            out[0] = o[0];
            out[j->rows] = o[1];
            out[2 * j->rows] = o[2];
            out[3 * j->rows] = o[3];
        }
    }
    for (int64_t t = t4; t < j->n_tok; t++) {
        const uint8_t *xq = j->xq + (size_t)t * j->x_row_bytes;
        float *out = j->out + t * j->rows;
        int64_t r = r0;
        if (j->dotr4)
            for (; r + 4 <= r1; r += 4)
                j->dotr4(j->W + (size_t)r * j->w_row_bytes, j->w_row_bytes, xq, j->nb, out + r);
        for (; r < r1; r++) out[r] = j->dot(j->W + (size_t)r * j->w_row_bytes, xq, j->nb);
    }
}

#define KERN_MT_MIN_MACS 8192  /* below this many multiply-adds one thread does it all */
#define KERN_PART_MACS 32768 /* about the work of one part (~1 us) */

/* Without a pool the activations go to a per-thread buffer that grows and is kept (freed when
 * the thread exits), so steady-state calls allocate nothing. */
static pthread_key_t kern_tls_key;
static pthread_once_t kern_tls_once = PTHREAD_ONCE_INIT;
static __thread void *kern_tls_buf;
static __thread size_t kern_tls_size;

static void kern_tls_free(void *p) { free(p); }
static void kern_tls_init(void) { pthread_key_create(&kern_tls_key, kern_tls_free); }

static void *kern_tls_scratch(size_t size)
{
    if (kern_tls_size >= size) return kern_tls_buf;
    pthread_once(&kern_tls_once, kern_tls_init);
    size_t want = size + size / 4 + 4096;
    void *p = NULL;
    if (posix_memalign(&p, 64, want)) {
        hub_error("kern", "activation buffer of %zu bytes: out of memory", want);
        return NULL;
    }
    free(kern_tls_buf);
    kern_tls_buf = p;
    kern_tls_size = want;
    pthread_setspecific(kern_tls_key, p);
    return p;
}

#define KERN_MANY_MAX 64 /* products per dispatch; kern_matmul_many splits longer lists */

struct kern_many_job {
    int n;
    struct kern_mm_job jobs[KERN_MANY_MAX];
    int first[KERN_MANY_MAX + 1]; /* parts of product m: first[m] .. first[m + 1] - 1 */
};

static void kern_many_worker(void *ctx, int part, int n_parts)
{
    const struct kern_many_job *mj = ctx;
    int m = 0;
    while (part >= mj->first[m + 1]) m++;
    kern_mm_worker((void *)&mj->jobs[m], part - mj->first[m], mj->first[m + 1] - mj->first[m]);
}

static void kern_mm_check(const struct kern_mm *d)
{
    const struct kern_type_traits *tt = kern_type_traits(d->wtype);
    if (!tt || kern_xkind_of(d->wtype) < 0 || d->rows <= 0 || d->n_tok <= 0 || d->k <= 0 ||
        d->k % tt->block_elems || !d->W || !d->x || !d->out) {
        hub_error("kern", "matmul: unsupported type %d or shape rows=%lld k=%lld n_tok=%lld",
                  d->wtype, (long long)d->rows, (long long)d->k, (long long)d->n_tok);
        HUB_ASSERT(!"kern_matmul: bad arguments");
    }
}

void kern_matmul_many(struct kern_pool *pool, const struct kern_mm *mm, int n)
{
    if (n <= 0) return;
    if (n > KERN_MANY_MAX) {
        kern_matmul_many(pool, mm, KERN_MANY_MAX);
        kern_matmul_many(pool, mm + KERN_MANY_MAX, n - KERN_MANY_MAX);
        return;
    }
    const struct kern_dot_table *tab = kern_dot_table_active();
    struct kern_many_job mj;
    mj.n = n;
    int src[KERN_MANY_MAX]; /* product whose quantized x this one reuses (itself: its own) */
    size_t xoff[KERN_MANY_MAX], need = 0;
    int64_t macs_total = 0;
    for (int m = 0; m < n; m++) {
        const struct kern_mm *d = &mm[m];
        kern_mm_check(d);
        const int xkind = kern_xkind_of(d->wtype);
        struct kern_mm_job *j = &mj.jobs[m];
        *j = (struct kern_mm_job){
            .dot = tab->dot[d->wtype],
            .dot4 = tab->dot4[d->wtype],
            .dotr4 = tab->dotr4[d->wtype],
            .dot4r2 = tab->dot4[d->wtype] ? tab->dot4r2[d->wtype] : NULL,
            .W = d->W,
            .w_row_bytes = kern_row_bytes(d->wtype, d->k),
            .rows = d->rows,
            .nb = d->k / kern_type_traits(d->wtype)->block_elems,
            .n_tok = d->n_tok,
            .out = d->out,
        };
        macs_total += d->rows * d->k * d->n_tok;
        src[m] = m;
        if (xkind == KERN_X_F32) {
            j->xq = (const uint8_t *)d->x;
            j->x_row_bytes = (size_t)d->k * sizeof(float);
            continue;
        }
        if (xkind == KERN_X_Q8K && d->k % KERN_QK_K)
            HUB_ASSERT(!"kern_matmul: K-quant row not a multiple of 256");
        j->x_row_bytes = xkind == KERN_X_Q8K ? (size_t)(d->k / KERN_QK_K) * sizeof(struct kern_q8_k)
                                             : (size_t)(d->k / KERN_QK) * sizeof(struct kern_xq8);
        for (int o = 0; o < m; o++)
            if (mm[o].x == d->x && mm[o].k == d->k && mm[o].n_tok >= d->n_tok &&
                kern_xkind_of(mm[o].wtype) == xkind && src[o] == o) {
                src[m] = o;
                break;
            }
        if (src[m] == m) {
            xoff[m] = need;
            need += (j->x_row_bytes * (size_t)d->n_tok + 63) & ~(size_t)63;
        }
    }
    uint8_t *buf = NULL;
    if (need) {
        buf = pool ? kern_pool_scratch(pool, need) : kern_tls_scratch(need);
        if (!buf) HUB_ASSERT(!"kern_matmul: out of memory for the activations");
    }
    for (int m = 0; m < n; m++) {
        const int xkind = kern_xkind_of(mm[m].wtype);
        if (xkind == KERN_X_F32) continue;
        if (src[m] != m) {
            mj.jobs[m].xq = mj.jobs[src[m]].xq;
            continue;
        }
        uint8_t *xq = buf + xoff[m];
        kern_quant_x_fn q = xkind == KERN_X_Q8K ? tab->quant_x8k : tab->quant_x8;
        const size_t xrb = mj.jobs[m].x_row_bytes;
        for (int64_t t = 0; t < mm[m].n_tok; t++) q(mm[m].x + t * mm[m].k, xq + (size_t)t * xrb, mm[m].k);
        mj.jobs[m].xq = xq;
    }
    /* Tiny products (router gates, a few rows) cost less than waking the workers. */
    const int nth = kern_pool_threads(pool);
    if (macs_total < KERN_MT_MIN_MACS || nth == 1) {
        for (int m = 0; m < n; m++) kern_mm_worker(&mj.jobs[m], 0, 1);
    } else {
        /* a few parts per thread, so a thread that starts late finds work left, not a wait */
        mj.first[0] = 0;
        for (int m = 0; m < n; m++) {
            const int64_t rows = mm[m].rows, macs = rows * mm[m].k * mm[m].n_tok;
            int64_t parts = macs / KERN_PART_MACS;
            if (n == 1 && parts < nth) parts = nth;
            if (parts > 4 * nth) parts = 4 * nth;
            if (parts > rows / 4) parts = rows / 4;
            if (parts < 1) parts = 1;
            mj.first[m + 1] = mj.first[m] + (int)parts;
        }
        kern_pool_run_parts(pool, kern_many_worker, &mj, mj.first[n]);
    }
}

void kern_matmul(struct kern_pool *pool, int wtype, const void *W, int64_t rows, int64_t k,
                 const float *x, int64_t n_tok, float *out)
{
    const struct kern_mm d = {wtype, W, rows, k, x, n_tok, out};
    kern_matmul_many(pool, &d, 1);
}
