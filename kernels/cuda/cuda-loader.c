/*
 * cuda-loader.c: the CUDA entry points of kernels/backend.h and kernels/train-gpu.h in every
 * build. The CUDA code itself is a shared object (hub-cuda.so, built from backend-cuda.cu and
 * train-cuda.cu when configure finds nvcc and cuBLAS) that is opened on first use, so that
 * programs which never ask for a GPU neither need CUDA's libraries installed nor pay for
 * loading them (cuBLAS alone takes about 0.3 s).
 * Where it is looked for: $HUB_CUDA_LIB, else the installed copy, else the build tree's.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernels/backend.h"
#include "kernels/train-gpu.h"

#ifndef HUB_CUDA_LIB
#define HUB_CUDA_LIB "/usr/local/lib/hubd/hub-cuda.so"
#endif

static struct {
    pthread_once_t once;
    int (*device_count)(void);
    struct hub_backend *(*create)(int device, char *err, size_t errlen);
    const struct hub_train_gpu_ops *(*train_ops)(void); /* NULL: an object without trainer */
    char why[512]; /* why it is not there */
} lib = {PTHREAD_ONCE_INIT, NULL, NULL, NULL, ""};

static const char *lib_path(void)
{
    const char *env = getenv("HUB_CUDA_LIB");
    if (env && *env) return env;
    if (access(HUB_CUDA_LIB, R_OK) == 0) return HUB_CUDA_LIB;
#ifdef HUB_BUILD_CUDA_LIB
    if (access(HUB_BUILD_CUDA_LIB, R_OK) == 0) return HUB_BUILD_CUDA_LIB;
#endif
    return NULL;
}

static void lib_open(void)
{
    /* Without NVIDIA's driver there is no device to find: skip loading CUDA at all. */
    if (access("/dev/nvidiactl", F_OK) != 0) {
        snprintf(lib.why, sizeof(lib.why), "no CUDA device (no NVIDIA driver: /dev/nvidiactl)");
        return;
    }
    const char *path = lib_path();
    if (!path) {
        snprintf(lib.why, sizeof(lib.why),
                 "this build has no CUDA backend (hub-cuda.so is built when configure finds "
                 "nvcc and cuBLAS)");
        return;
    }
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(lib.why, sizeof(lib.why), "cannot load the CUDA backend: %s", dlerror());
        return;
    }
    *(void **)&lib.device_count = dlsym(h, "hub_cuda_lib_device_count");
    *(void **)&lib.create = dlsym(h, "hub_cuda_lib_new");
    *(void **)&lib.train_ops = dlsym(h, "hub_cuda_lib_train_ops");
    if (!lib.device_count || !lib.create) {
        snprintf(lib.why, sizeof(lib.why), "%s is not a hubd CUDA backend", path);
        lib.device_count = NULL;
        lib.create = NULL;
        lib.train_ops = NULL;
        dlclose(h);
    }
}

int hub_backend_cuda_device_count(void)
{
    pthread_once(&lib.once, lib_open);
    return lib.device_count ? lib.device_count() : 0;
}

struct hub_backend *hub_backend_cuda_new(int device, char *err, size_t errlen)
{
    pthread_once(&lib.once, lib_open);
    if (!lib.create) {
        snprintf(err, errlen, "%s", lib.why);
        return NULL;
    }
    return lib.create(device, err, errlen);
}

const struct hub_train_gpu_ops *hub_train_gpu_load(char *err, size_t errlen)
{
    pthread_once(&lib.once, lib_open);
    if (lib.train_ops) return lib.train_ops();
    if (err && errlen)
        snprintf(err, errlen, "%s", lib.create ? "this CUDA backend has no GPU trainer" : lib.why);
    return NULL;
}

int hub_train_gpu_device_count(void)
{
    const struct hub_train_gpu_ops *ops = hub_train_gpu_load(NULL, 0);
    return ops ? ops->device_count() : 0;
}
