/*
 * kern-pool.c: the persistent worker pool behind kern_matmul. A job is published by bumping a
 * generation counter; workers spin on it for a short while (decode issues many tiny jobs back
 * to back, and a futex wake costs more than the job), then sleep on a condition variable. The
 * caller runs part 0 itself and spins until the others report done.
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

struct kern_pool {
    int n_threads;
    struct kern_worker *workers; /* n_threads - 1 of them; the caller is thread 0 */
    _Atomic unsigned gen;        /* bumped once per job */
    _Atomic int done;            /* workers finished with the current job */
    _Atomic int sleepers;        /* workers waiting on cond */
    _Atomic bool stop;
    void (*fn)(void *ctx, int ith, int nth);
    void *ctx;
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

static void *kern_worker_main(void *arg)
{
    struct kern_worker *w = arg;
    struct kern_pool *pool = w->pool;
    unsigned seen = 0;
    for (;;) {
        seen = kern_worker_wait(pool, seen);
        if (atomic_load(&pool->stop)) break;
        pool->fn(pool->ctx, w->ith, pool->n_threads);
        atomic_fetch_add_explicit(&pool->done, 1, memory_order_release);
    }
    return NULL;
}

struct kern_pool *kern_pool_new(int n_threads)
{
    if (n_threads < 1) n_threads = 1;
    if (n_threads > KERN_POOL_MAX) n_threads = KERN_POOL_MAX;
    struct kern_pool *pool = calloc(1, sizeof(*pool));
    if (!pool) {
        hub_error("kern", "pool: out of memory");
        return NULL;
    }
    pool->n_threads = n_threads;
    atomic_init(&pool->gen, 0);
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

void kern_pool_run(struct kern_pool *pool, void (*fn)(void *ctx, int ith, int nth), void *ctx)
{
    if (!pool || pool->n_threads == 1) {
        fn(ctx, 0, 1);
        return;
    }
    pool->fn = fn;
    pool->ctx = ctx;
    atomic_store_explicit(&pool->done, 0, memory_order_relaxed);
    /* seq_cst: a worker that saw the old gen and is about to sleep has either registered in
     * sleepers (we then wake it) or will see the new gen under the mutex. */
    atomic_fetch_add(&pool->gen, 1);
    if (atomic_load(&pool->sleepers) > 0) {
        pthread_mutex_lock(&pool->mu);
        pthread_cond_broadcast(&pool->cond);
        pthread_mutex_unlock(&pool->mu);
    }
    fn(ctx, 0, pool->n_threads);
    const int want = pool->n_threads - 1;
    for (int i = 0; atomic_load_explicit(&pool->done, memory_order_acquire) < want; i++) {
        kern_cpu_relax();
        if (i > 100000) sched_yield(); /* more threads than free cores: let workers run */
    }
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
