/*
 * kern-pool.c: the persistent worker pool behind kern_matmul. A job is published by bumping a
 * generation counter; workers spin on it for a short while (decode issues many tiny jobs back
 * to back, and a futex wake costs more than the job), then sleep on a condition variable.
 * Parts are claimed dynamically (see struct kern_pool), the caller included.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/hub_log.h"
#include "kernels/cpu/kern-pool.h"

#define KERN_POOL_MAX 256
#define KERN_SPIN_NS 200000 /* how long an idle worker spins before it sleeps */

struct kern_worker {
    struct kern_pool *pool;
    int ith;
    pthread_t thread;
};

/*
 * A job is n parts claimed one at a time through `next`, which packs the job's generation
 * (32 bits), its part count (16) and the next unclaimed part (16), so a claim is one CAS that
 * also proves the job is still the one the claimer saw. The caller claims parts too, so if a
 * worker is descheduled (2 cores shared with other processes) the caller simply does its
 * parts instead of waiting for it to wake; it waits only for parts already claimed.
 */
struct kern_pool {
    int n_threads;
    struct kern_worker *workers; /* n_threads - 1 of them; the caller is the other one */
    /* each on its own cache line: idle workers spin on gen while parts are claimed and
     * finished, and the caller spins on done */
    _Alignas(64) _Atomic unsigned gen; /* bumped once per job: what idle workers watch */
    _Alignas(64) _Atomic uint64_t next; /* gen << 32 | n_parts << 16 | next part */
    _Alignas(64) _Atomic int done;      /* parts finished */
    _Alignas(64) char pad_;
    _Atomic int sleepers;        /* workers waiting on cond */
    _Atomic bool stop;
    void (*_Atomic fn)(void *ctx, int part, int n_parts);
    void *_Atomic ctx;
    pthread_mutex_t mu;
    pthread_cond_t cond;
    void *scratch; /* kern_pool_scratch: reused between calls, grown on demand */
    size_t scratch_size;
};

static inline void kern_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

static uint64_t kern_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Wait until pool->gen differs from seen; returns the new generation. */
static unsigned kern_worker_wait(struct kern_pool *pool, unsigned seen)
{
    uint64_t start = 0;
    for (int i = 0;; i++) {
        unsigned g = atomic_load_explicit(&pool->gen, memory_order_acquire);
        if (g != seen || atomic_load(&pool->stop)) return g;
        kern_cpu_relax();
        if ((i & 63) == 63) {
            uint64_t now = kern_now_ns();
            if (!start) start = now;
            else if (now - start > KERN_SPIN_NS) break;
        }
    }
    pthread_mutex_lock(&pool->mu);
    atomic_fetch_add(&pool->sleepers, 1);
    unsigned g;
    while ((g = atomic_load(&pool->gen)) == seen && !atomic_load(&pool->stop))
        pthread_cond_wait(&pool->cond, &pool->mu);
    atomic_fetch_sub(&pool->sleepers, 1);
    pthread_mutex_unlock(&pool->mu);
    return g;
}

/* Claim and run parts of job `gen` until none are left. */
static void kern_pool_work(struct kern_pool *pool, unsigned gen)
{
    for (;;) {
        uint64_t cur = atomic_load(&pool->next);
        const unsigned n = (unsigned)(cur >> 16) & 0xFFFF, part = (unsigned)cur & 0xFFFF;
        if ((unsigned)(cur >> 32) != gen || part >= n) return;
        if (!atomic_compare_exchange_weak(&pool->next, &cur, cur + 1)) continue;
        /* The claim succeeded, so job gen is unfinished and fn/ctx are its own. */
        void (*fn)(void *, int, int) = atomic_load_explicit(&pool->fn, memory_order_relaxed);
        void *ctx = atomic_load_explicit(&pool->ctx, memory_order_relaxed);
        fn(ctx, (int)part, (int)n);
        atomic_fetch_add_explicit(&pool->done, 1, memory_order_release);
    }
}

static void *kern_worker_main(void *arg)
{
    struct kern_worker *w = arg;
    struct kern_pool *pool = w->pool;
    unsigned seen = 0;
    for (;;) {
        seen = kern_worker_wait(pool, seen);
        if (atomic_load(&pool->stop)) break;
        kern_pool_work(pool, seen);
    }
    return NULL;
}

struct kern_pool *kern_pool_new(int n_threads)
{
    if (n_threads < 1) n_threads = 1;
    if (n_threads > KERN_POOL_MAX) n_threads = KERN_POOL_MAX;
    struct kern_pool *pool = NULL;
    if (posix_memalign((void **)&pool, 64, sizeof(*pool))) pool = NULL;
    if (pool) memset(pool, 0, sizeof(*pool));
    if (!pool) {
        hub_error("kern", "pool: out of memory");
        return NULL;
    }
    pool->n_threads = n_threads;
    atomic_init(&pool->gen, 0);
    atomic_init(&pool->next, 0);
    atomic_init(&pool->done, 0);
    atomic_init(&pool->sleepers, 0);
    atomic_init(&pool->stop, false);
    int rc;
    if ((rc = pthread_mutex_init(&pool->mu, NULL)) || (rc = pthread_cond_init(&pool->cond, NULL))) {
        hub_error("kern", "pool: pthread init: %s", strerror(rc));
        free(pool);
        return NULL;
    }
    if (n_threads > 1) {
        pool->workers = calloc((size_t)n_threads - 1, sizeof(*pool->workers));
        if (!pool->workers) {
            hub_error("kern", "pool: out of memory");
            kern_pool_free(pool);
            return NULL;
        }
    }
    for (int i = 1; i < n_threads; i++) {
        struct kern_worker *w = &pool->workers[i - 1];
        w->pool = pool;
        w->ith = i;
        rc = pthread_create(&w->thread, NULL, kern_worker_main, w);
        if (rc) {
            hub_error("kern", "pool: pthread_create: %s", strerror(rc));
            pool->n_threads = i; /* free joins only the ones that started */
            kern_pool_free(pool);
            return NULL;
        }
    }
    return pool;
}

void kern_pool_free(struct kern_pool *pool)
{
    if (!pool) return;
    pthread_mutex_lock(&pool->mu);
    atomic_store(&pool->stop, true);
    pthread_cond_broadcast(&pool->cond);
    pthread_mutex_unlock(&pool->mu);
    for (int i = 1; i < pool->n_threads && pool->workers; i++)
        pthread_join(pool->workers[i - 1].thread, NULL);
    pthread_cond_destroy(&pool->cond);
    pthread_mutex_destroy(&pool->mu);
    free(pool->workers);
    free(pool->scratch);
    free(pool);
}

int kern_pool_threads(const struct kern_pool *pool) { return pool ? pool->n_threads : 1; }

void kern_pool_run_parts(struct kern_pool *pool, void (*fn)(void *ctx, int part, int n_parts),
                         void *ctx, int n_parts)
{
    if (n_parts < 1) return;
    if (n_parts > 0xFFFF) n_parts = 0xFFFF;
    if (!pool || pool->n_threads == 1 || n_parts == 1) {
        for (int i = 0; i < n_parts; i++) fn(ctx, i, n_parts);
        return;
    }
    atomic_store_explicit(&pool->fn, fn, memory_order_relaxed);
    atomic_store_explicit(&pool->ctx, ctx, memory_order_relaxed);
    atomic_store_explicit(&pool->done, 0, memory_order_relaxed);
    const unsigned gen = atomic_load_explicit(&pool->gen, memory_order_relaxed) + 1;
    /* part 0 is the caller's own (kern.h promises ith 0 runs on the caller's thread) */
    atomic_store(&pool->next, (uint64_t)gen << 32 | (uint64_t)n_parts << 16 | 1u);
    /* seq_cst: a worker about to sleep has either registered in sleepers (we wake it) or will
     * see the new gen under the mutex. */
    atomic_store(&pool->gen, gen);
    if (atomic_load(&pool->sleepers) > 0) {
        pthread_mutex_lock(&pool->mu);
        pthread_cond_broadcast(&pool->cond);
        pthread_mutex_unlock(&pool->mu);
    }
    fn(ctx, 0, n_parts);
    atomic_fetch_add_explicit(&pool->done, 1, memory_order_release);
    kern_pool_work(pool, gen);
    for (int i = 0; atomic_load_explicit(&pool->done, memory_order_acquire) < n_parts; i++) {
        kern_cpu_relax();
        if (i > 2000) sched_yield(); /* a worker holding a part is not running: let it */
    }
}

void kern_pool_run(struct kern_pool *pool, void (*fn)(void *ctx, int ith, int nth), void *ctx)
{
    kern_pool_run_parts(pool, fn, ctx, kern_pool_threads(pool));
}

void *kern_pool_scratch(struct kern_pool *pool, size_t size)
{
    if (!pool) return NULL;
    if (pool->scratch_size < size) {
        size_t want = size + size / 4 + 4096;
        void *p = NULL;
        if (posix_memalign(&p, 64, want)) {
            hub_error("kern", "pool scratch of %zu bytes: out of memory", want);
            return NULL;
        }
        free(pool->scratch);
        pool->scratch = p;
        pool->scratch_size = want;
    }
    return pool->scratch;
}
