/*
 * kern-test-gguf.h: just enough of a GGUF v3 reader for the kernel tests to find tensors in
 * the reference models (the engine's reader lives in engine/gguf.c; the kernel tests stay
 * independent of it so that a bug there cannot hide one here). Every read is bounds-checked.
 */
#ifndef KERN_TEST_GGUF_H
#define KERN_TEST_GGUF_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct ktg_tensor {
    char name[128];
    int64_t ne[4];
    uint32_t n_dims, type;
    uint64_t offset;
    const uint8_t *data;
};

struct ktg_file {
    const uint8_t *base;
    size_t size, pos;
    uint64_t n_tensors;
    struct ktg_tensor *t;
    int bad;
};

static int ktg_need(struct ktg_file *f, size_t n)
{
    if (f->bad || n > f->size - f->pos) {
        f->bad = 1;
        return 0;
    }
    return 1;
}

static uint64_t ktg_u(struct ktg_file *f, size_t n)
{
    uint64_t v = 0;
    if (!ktg_need(f, n)) return 0;
    memcpy(&v, f->base + f->pos, n); /* little-endian host */
    f->pos += n;
    return v;
}

static void ktg_skip_value(struct ktg_file *f, uint32_t type)
{
    static const size_t sz[13] = {1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8};
    if (type == 8) {
        uint64_t len = ktg_u(f, 8);
        if (ktg_need(f, len)) f->pos += len;
    } else if (type == 9) {
        uint32_t et = (uint32_t)ktg_u(f, 4);
        uint64_t n = ktg_u(f, 8);
        for (uint64_t i = 0; i < n && !f->bad; i++) ktg_skip_value(f, et);
    } else if (type < 13) {
        if (ktg_need(f, sz[type])) f->pos += sz[type];
    } else {
        f->bad = 1;
    }
}

static struct ktg_file *ktg_open(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return NULL;
    struct stat st;
    if (fstat(fd, &st) < 0) {
        close(fd);
        return NULL;
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED) return NULL;
    struct ktg_file *f = calloc(1, sizeof(*f));
    f->base = p;
    f->size = (size_t)st.st_size;
    if (ktg_u(f, 4) != 0x46554747u || ktg_u(f, 4) != 3) f->bad = 1;
    f->n_tensors = ktg_u(f, 8);
    uint64_t n_kv = ktg_u(f, 8);
    size_t align = 32;
    for (uint64_t i = 0; i < n_kv && !f->bad; i++) {
        uint64_t klen = ktg_u(f, 8);
        if (!ktg_need(f, klen)) break;
        int is_align = klen == 17 && !memcmp(f->base + f->pos, "general.alignment", 17);
        f->pos += klen;
        uint32_t type = (uint32_t)ktg_u(f, 4);
        if (is_align && type == 4) align = (size_t)ktg_u(f, 4);
        else ktg_skip_value(f, type);
    }
    if (f->n_tensors > 100000) f->bad = 1;
    f->t = calloc(f->n_tensors + 1, sizeof(*f->t));
    for (uint64_t i = 0; i < f->n_tensors && !f->bad; i++) {
        struct ktg_tensor *t = &f->t[i];
        uint64_t len = ktg_u(f, 8);
        if (!ktg_need(f, len) || len >= sizeof(t->name)) {
            f->bad = 1;
            break;
        }
        memcpy(t->name, f->base + f->pos, len);
        f->pos += len;
        t->n_dims = (uint32_t)ktg_u(f, 4);
        if (t->n_dims > 4) f->bad = 1;
        for (int d = 0; d < 4; d++) t->ne[d] = 1;
        for (uint32_t d = 0; d < t->n_dims && !f->bad; d++) t->ne[d] = (int64_t)ktg_u(f, 8);
        t->type = (uint32_t)ktg_u(f, 4);
        t->offset = ktg_u(f, 8);
    }
    size_t data = (f->pos + align - 1) / align * align;
    for (uint64_t i = 0; i < f->n_tensors && !f->bad; i++) {
        if (f->t[i].offset > f->size || data > f->size - f->t[i].offset) f->bad = 1;
        else f->t[i].data = f->base + data + f->t[i].offset;
    }
    if (f->bad) {
        fprintf(stderr, "%s: not a GGUF v3 file this test can read\n", path);
        munmap((void *)f->base, f->size);
        free(f->t);
        free(f);
        return NULL;
    }
    return f;
}

static const struct ktg_tensor *ktg_find(const struct ktg_file *f, const char *name)
{
    for (uint64_t i = 0; i < f->n_tensors; i++)
        if (!strcmp(f->t[i].name, name)) return &f->t[i];
    return NULL;
}

static void ktg_close(struct ktg_file *f)
{
    if (!f) return;
    munmap((void *)f->base, f->size);
    free(f->t);
    free(f);
}

#endif
