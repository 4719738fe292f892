/*
 * cuda-stub.c: the CUDA entry points of kernels/backend.h when configure did not build the
 * CUDA backend (no nvcc/cuBLAS, or --without-cuda): no devices, and a clear reason.
 */
#include <stdio.h>

#include "kernels/backend.h"

int hub_backend_cuda_device_count(void)
{
    return 0;
}

struct hub_backend *hub_backend_cuda_new(int device, char *err, size_t errlen)
{
    (void)device;
    snprintf(err, errlen,
             "this build has no CUDA backend (configure found no nvcc/cuBLAS, "
             "or --without-cuda)");
    return NULL;
}
