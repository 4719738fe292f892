/* kern-pool.h: private pool helpers for kernels/cpu (the pool itself is in kern.h). */
#ifndef KERN_POOL_H
#define KERN_POOL_H

#include <stddef.h>

#include "kernels/kern.h"

/* A 64-byte aligned buffer of at least size bytes owned by the pool, reused across calls
 * (valid until the next call); NULL for a NULL pool or when out of memory. */
void *kern_pool_scratch(struct kern_pool *pool, size_t size);

/* Run fn(ctx, part, n_parts) once for each part in [0, n_parts), spread over the pool's
 * threads (the caller's included); returns when all parts are done. n_parts <= 65535.
 * kern_pool_run is this with n_parts = the thread count. */
void kern_pool_run_parts(struct kern_pool *pool, void (*fn)(void *ctx, int part, int n_parts),
                         void *ctx, int n_parts);

#endif
