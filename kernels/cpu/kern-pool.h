/* kern-pool.h: private pool helpers for kernels/cpu (the pool itself is in kern.h). */
#ifndef KERN_POOL_H
#define KERN_POOL_H

#include <stddef.h>

#include "kernels/kern.h"

/* A 64-byte aligned buffer of at least size bytes owned by the pool, reused across calls
 * (valid until the next call); NULL for a NULL pool or when out of memory. */
void *kern_pool_scratch(struct kern_pool *pool, size_t size);

#endif
