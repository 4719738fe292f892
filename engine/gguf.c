/*
 * gguf.c: GGUF v3 reader and writer (see gguf.h). The reader maps the file read-only and checks
 * every count, length, shape, type and offset before anything points into the mapping, so a
 * truncated or hostile file is refused with a message that names the problem (and the key or
 * tensor it concerns). The writer produces the layout llama.cpp's gguf-py and gguf.cpp write:
 * header, key/values in insertion order, tensor infos, data section with every tensor padded to
 * the alignment, so a file copied through it comes out byte for byte the same.
 *
 * Byte order: GGUF is little-endian and so are the hosts we build for (x86-64, arm64).
 */
#include "engine/gguf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hub_status.h"
#include "kernels/kern.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "gguf.c reads little-endian GGUF files in place and needs a little-endian host"
#endif

#define GGUF_MAGIC "GGUF"
#define GGUF_DEFAULT_ALIGNMENT 32
/* llama.cpp (GGML_MAX_NAME) refuses tensor names of 64 bytes or more. */
#define GGUF_MAX_NAME 64

/* The public struct plus what only the reader needs: tensor indices sorted by name, for
 * duplicate detection and binary search. */
struct gguf_file_priv {
    struct gguf_file pub;
    uint64_t *by_name; /* n_tensors indices into pub.tensors, sorted by name */
};

/* ------------------------------------------------------------------------------------------ */
/* Reader */

struct gguf_cursor {
    const uint8_t *base;
    size_t size;
    size_t pos;
    char *err;
    size_t errlen;
};

static void __attribute__((format(printf, 3, 4)))
gguf_seterr(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

#define CUR_ERR(c, ...) gguf_seterr((c)->err, (c)->errlen, __VA_ARGS__)

static size_t gguf_remaining(const struct gguf_cursor *c)
{
    return c->size - c->pos;
}

/* Copy n bytes at the cursor into out; false (with a message naming `what`) if truncated. */
static bool gguf_read(struct gguf_cursor *c, void *out, size_t n, const char *what)
{
    if (gguf_remaining(c) < n) {
        CUR_ERR(c, "truncated file: %s at offset %zu needs %zu bytes, %zu left", what, c->pos, n,
                gguf_remaining(c));
        return false;
    }
    memcpy(out, c->base + c->pos, n);
    c->pos += n;
    return true;
}

static bool gguf_read_str(struct gguf_cursor *c, struct gguf_str *s, const char *what)
{
    uint64_t len;
    if (!gguf_read(c, &len, sizeof len, what)) return false;
    if (len > gguf_remaining(c)) {
        CUR_ERR(c,
                "%s at offset %zu: string length %llu is beyond the end of the file "
                "(%zu bytes left: truncated file?)",
                what, c->pos - 8, (unsigned long long)len, gguf_remaining(c));
        return false;
    }
    s->len = len;
    s->data = (const char *)c->base + c->pos;
    c->pos += (size_t)len;
    return true;
}

/* Size of a fixed-size value type, 0 for strings, arrays and unknown types. */
static size_t gguf_type_size(uint32_t t)
{
    switch (t) {
    case GGUF_UINT8:
    case GGUF_INT8:
    case GGUF_BOOL: return 1;
    case GGUF_UINT16:
    case GGUF_INT16: return 2;
    case GGUF_UINT32:
    case GGUF_INT32:
    case GGUF_FLOAT32: return 4;
    case GGUF_UINT64:
    case GGUF_INT64:
    case GGUF_FLOAT64: return 8;
    default: return 0;
    }
}

static const char *gguf_type_name(uint32_t t)
{
    static const char *const names[] = {"u8",   "i8",  "u16", "i16", "u32", "i32", "f32",
                                        "bool", "str", "arr", "u64", "i64", "f64"};
    return t < sizeof names / sizeof names[0] ? names[t] : "?";
}

/* A printable, bounded rendering of a key or name for messages. */
static void gguf_printable(char *out, size_t outlen, const char *s, uint64_t len)
{
    size_t j = 0;
    uint64_t i = 0;
    for (; i < len && j + 5 < outlen; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x20 && ch < 0x7f) {
            out[j++] = (char)ch;
        } else {
            j += (size_t)snprintf(out + j, outlen - j, "\\x%02x", ch);
        }
    }
    out[j < outlen ? j : outlen - 1] = '\0';
    if (i < len && outlen > 4) memcpy(out + (j + 4 < outlen ? j : outlen - 4), "...", 4);
}

static bool gguf_read_value(struct gguf_cursor *c, struct gguf_kv *kv, const char *key)
{
    if (kv->type == GGUF_STRING) {
        struct gguf_str *s = malloc(sizeof *s);
        if (!s) {
            CUR_ERR(c, "out of memory reading key '%s'", key);
            return false;
        }
        kv->arr_str = s; /* owned before it is filled, so gguf_close frees it on error */
        if (!gguf_read_str(c, s, "string value")) return false;
        kv->value = s->data;
        return true;
    }
    if (kv->type == GGUF_ARRAY) {
        if (!gguf_read(c, &kv->arr_type, 4, "array element type") ||
            !gguf_read(c, &kv->arr_n, 8, "array length"))
            return false;
        if (kv->arr_type == GGUF_ARRAY) {
            CUR_ERR(c, "key '%s': nested arrays are not supported", key);
            return false;
        }
        if (kv->arr_type == GGUF_STRING) {
            /* Each element needs at least its 8-byte length. */
            if (kv->arr_n > gguf_remaining(c) / 8) {
                CUR_ERR(c,
                        "key '%s': string array of %llu elements is beyond the end of the "
                        "file (%zu bytes left: truncated file?)",
                        key, (unsigned long long)kv->arr_n, gguf_remaining(c));
                return false;
            }
            struct gguf_str *a = calloc(kv->arr_n ? kv->arr_n : 1, sizeof *a);
            if (!a) {
                CUR_ERR(c, "out of memory for string array '%s' (%llu elements)", key,
                        (unsigned long long)kv->arr_n);
                return false;
            }
            kv->arr_str = a;
            kv->value = c->base + c->pos;
            for (uint64_t i = 0; i < kv->arr_n; i++) {
                if (!gguf_read_str(c, &a[i], "string array element")) {
                    size_t l = strlen(c->err ? c->err : "");
                    if (c->err && l + 1 < c->errlen)
                        snprintf(c->err + l, c->errlen - l, " (key '%s', element %llu)", key,
                                 (unsigned long long)i);
                    return false;
                }
            }
            return true;
        }
        size_t es = gguf_type_size(kv->arr_type);
        if (es == 0) {
            CUR_ERR(c, "key '%s': unknown array element type %u", key, kv->arr_type);
            return false;
        }
        if (kv->arr_n > gguf_remaining(c) / es) {
            CUR_ERR(c,
                    "key '%s': array of %llu %s elements is beyond the end of the file "
                    "(%zu bytes left: truncated file?)",
                    key, (unsigned long long)kv->arr_n, gguf_type_name(kv->arr_type),
                    gguf_remaining(c));
            return false;
        }
        kv->value = c->base + c->pos;
        c->pos += (size_t)kv->arr_n * es;
        if (kv->arr_type == GGUF_BOOL) {
            for (uint64_t i = 0; i < kv->arr_n; i++) {
                if (((const uint8_t *)kv->value)[i] > 1) {
                    CUR_ERR(c, "key '%s': bool array element %llu is %u, not 0 or 1", key,
                            (unsigned long long)i, ((const uint8_t *)kv->value)[i]);
                    return false;
                }
            }
        }
        return true;
    }
    size_t es = gguf_type_size(kv->type);
    if (es == 0) {
        CUR_ERR(c, "key '%s': unknown value type %u", key, kv->type);
        return false;
    }
    if (gguf_remaining(c) < es) {
        CUR_ERR(c, "truncated file: value of key '%s' (%s) at offset %zu", key,
                gguf_type_name(kv->type), c->pos);
        return false;
    }
    kv->value = c->base + c->pos;
    c->pos += es;
    if (kv->type == GGUF_BOOL && *(const uint8_t *)kv->value > 1) {
        CUR_ERR(c, "key '%s': bool value is %u, not 0 or 1", key, *(const uint8_t *)kv->value);
        return false;
    }
    return true;
}

static int gguf_cmp_str(const struct gguf_str *a, const struct gguf_str *b)
{
    size_t n = a->len < b->len ? (size_t)a->len : (size_t)b->len;
    int r = memcmp(a->data, b->data, n);
    if (r) return r;
    return a->len < b->len ? -1 : a->len > b->len;
}

/* qsort has no context argument; the arrays being sorted are set here (one open at a time
 * per thread). */
static _Thread_local const struct gguf_kv *gguf_sort_kv;
static _Thread_local const struct gguf_tensor *gguf_sort_t;

static int gguf_cmp_kv_idx(const void *a, const void *b)
{
    return gguf_cmp_str(&gguf_sort_kv[*(const uint64_t *)a].key,
                        &gguf_sort_kv[*(const uint64_t *)b].key);
}

static int gguf_cmp_t_name(const void *a, const void *b)
{
    return strcmp(gguf_sort_t[*(const uint64_t *)a].name, gguf_sort_t[*(const uint64_t *)b].name);
}

static int gguf_cmp_t_offset(const void *a, const void *b)
{
    uint64_t x = gguf_sort_t[*(const uint64_t *)a].offset;
    uint64_t y = gguf_sort_t[*(const uint64_t *)b].offset;
    return x < y ? -1 : x > y;
}

static bool gguf_parse(struct gguf_file_priv *p, char *err, size_t errlen)
{
    struct gguf_file *f = &p->pub;
    struct gguf_cursor cur = {f->base, f->size, 0, err, errlen};
    struct gguf_cursor *c = &cur;
    char name[96];

    char magic[4];
    if (f->size < 4 || memcmp(f->base, GGUF_MAGIC, 4) != 0) {
        if (f->size < 4) {
            CUR_ERR(c, "truncated file: %zu bytes, too short for the GGUF magic", f->size);
        } else {
            gguf_printable(name, 16, (const char *)f->base, 4);
            CUR_ERR(c, "bad magic '%s': not a GGUF file", name);
        }
        return false;
    }
    gguf_read(c, magic, 4, "magic");
    if (!gguf_read(c, &f->version, 4, "version")) return false;
    if (f->version != 2 && f->version != 3) {
        /* v1 used 32-bit counts; v2 and v3 share the layout (v3 only allows big-endian). */
        if ((f->version & 0xffff) == 0 && f->version != 0)
            CUR_ERR(c, "unsupported GGUF version %u (a big-endian file?)", f->version);
        else
            CUR_ERR(c, "unsupported GGUF version %u (only 2 and 3 are read)", f->version);
        return false;
    }
    if (!gguf_read(c, &f->n_tensors, 8, "tensor count") || !gguf_read(c, &f->n_kv, 8, "kv count"))
        return false;
    /* The smallest key/value is 8 (key length) + 4 (type) + 1 byte; the smallest tensor info
     * 8 (name length) + 4 (n_dims) + 4 (type) + 8 (offset). */
    if (f->n_kv > gguf_remaining(c) / 13) {
        CUR_ERR(c,
                "key/value count %llu is absurd or the file is truncated: that many need "
                "at least %llu bytes, %zu are left",
                (unsigned long long)f->n_kv, (unsigned long long)f->n_kv * 13, gguf_remaining(c));
        return false;
    }
    if (f->n_tensors > gguf_remaining(c) / 24) {
        CUR_ERR(c,
                "tensor count %llu is absurd or the file is truncated: that many need "
                "at least %llu bytes, %zu are left",
                (unsigned long long)f->n_tensors, (unsigned long long)f->n_tensors * 24,
                gguf_remaining(c));
        return false;
    }
    f->kv = calloc(f->n_kv ? f->n_kv : 1, sizeof *f->kv);
    f->tensors = calloc(f->n_tensors ? f->n_tensors : 1, sizeof *f->tensors);
    if (!f->kv || !f->tensors) {
        CUR_ERR(c, "out of memory for %llu keys and %llu tensors", (unsigned long long)f->n_kv,
                (unsigned long long)f->n_tensors);
        return false;
    }

    f->alignment = GGUF_DEFAULT_ALIGNMENT;
    for (uint64_t i = 0; i < f->n_kv; i++) {
        struct gguf_kv *kv = &f->kv[i];
        if (!gguf_read_str(c, &kv->key, "key")) return false;
        gguf_printable(name, sizeof name, kv->key.data, kv->key.len);
        if (kv->key.len == 0) {
            CUR_ERR(c, "key/value %llu has an empty key", (unsigned long long)i);
            return false;
        }
        if (!gguf_read(c, &kv->type, 4, "value type")) return false;
        if (!gguf_read_value(c, kv, name)) return false;
    }

    /* Duplicate keys: sort indices by key and compare neighbours. */
    if (f->n_kv > 1) {
        uint64_t *idx = malloc(f->n_kv * sizeof *idx);
        if (!idx) {
            CUR_ERR(c, "out of memory");
            return false;
        }
        for (uint64_t i = 0; i < f->n_kv; i++)
            idx[i] = i;
        gguf_sort_kv = f->kv;
        qsort(idx, f->n_kv, sizeof *idx, gguf_cmp_kv_idx);
        for (uint64_t i = 1; i < f->n_kv; i++) {
            if (gguf_cmp_str(&f->kv[idx[i - 1]].key, &f->kv[idx[i]].key) == 0) {
                gguf_printable(name, sizeof name, f->kv[idx[i]].key.data, f->kv[idx[i]].key.len);
                CUR_ERR(c, "duplicate key '%s'", name);
                free(idx);
                return false;
            }
        }
        free(idx);
    }

    const struct gguf_kv *al = gguf_find(f, "general.alignment");
    if (al) {
        uint32_t a;
        if (al->type != GGUF_UINT32) {
            CUR_ERR(c, "general.alignment has type %s, expected u32", gguf_type_name(al->type));
            return false;
        }
        memcpy(&a, al->value, 4);
        if (a == 0 || (a & (a - 1)) != 0) {
            CUR_ERR(c, "general.alignment %u is not a power of two", a);
            return false;
        }
        f->alignment = a;
    }

    for (uint64_t i = 0; i < f->n_tensors; i++) {
        struct gguf_tensor *t = &f->tensors[i];
        struct gguf_str sname;
        if (!gguf_read_str(c, &sname, "tensor name")) return false;
        gguf_printable(name, sizeof name, sname.data, sname.len);
        if (sname.len == 0 || sname.len >= GGUF_MAX_NAME) {
            CUR_ERR(c, "tensor %llu: name '%s' is %llu bytes (must be 1 to %d)",
                    (unsigned long long)i, name, (unsigned long long)sname.len, GGUF_MAX_NAME - 1);
            return false;
        }
        if (memchr(sname.data, 0, (size_t)sname.len)) {
            CUR_ERR(c, "tensor %llu: name '%s' contains a NUL byte", (unsigned long long)i, name);
            return false;
        }
        t->name = malloc((size_t)sname.len + 1);
        if (!t->name) {
            CUR_ERR(c, "out of memory");
            return false;
        }
        memcpy(t->name, sname.data, (size_t)sname.len);
        t->name[sname.len] = '\0';

        if (!gguf_read(c, &t->n_dims, 4, "tensor n_dims")) return false;
        if (t->n_dims > GGUF_MAX_DIMS) {
            CUR_ERR(c, "tensor '%s': n_dims %u is more than %d", name, t->n_dims, GGUF_MAX_DIMS);
            return false;
        }
        int64_t nelem = 1;
        for (int d = 0; d < GGUF_MAX_DIMS; d++)
            t->ne[d] = 1;
        for (uint32_t d = 0; d < t->n_dims; d++) {
            if (!gguf_read(c, &t->ne[d], 8, "tensor dimension")) return false;
            if (t->ne[d] <= 0) {
                CUR_ERR(c, "tensor '%s': dimension %u is %lld (must be positive)", name, d,
                        (long long)t->ne[d]);
                return false;
            }
            if (t->ne[d] > INT64_MAX / nelem) {
                CUR_ERR(c, "tensor '%s': element count overflows (dimension %u is %lld)", name, d,
                        (long long)t->ne[d]);
                return false;
            }
            nelem *= t->ne[d];
        }
        if (!gguf_read(c, &t->type, 4, "tensor type")) return false;
        const struct kern_type_traits *tr = kern_type_traits((int)t->type);
        if (!tr) {
            CUR_ERR(c, "tensor '%s': unknown tensor type %u", name, t->type);
            return false;
        }
        if (t->ne[0] % tr->block_elems != 0) {
            CUR_ERR(c, "tensor '%s': row of %lld elements is not a multiple of %s's block of %d",
                    name, (long long)t->ne[0], tr->name, tr->block_elems);
            return false;
        }
        size_t row = kern_row_bytes((int)t->type, t->ne[0]);
        uint64_t nrows = (uint64_t)(nelem / t->ne[0]);
        if (row == 0 || nrows > SIZE_MAX / row) {
            CUR_ERR(c, "tensor '%s': byte size overflows", name);
            return false;
        }
        t->nbytes = row * (size_t)nrows;
        if (!gguf_read(c, &t->offset, 8, "tensor offset")) return false;
        if (t->offset % f->alignment != 0) {
            CUR_ERR(c, "tensor '%s': offset %llu is not a multiple of the alignment %zu", name,
                    (unsigned long long)t->offset, f->alignment);
            return false;
        }
    }

    /* The data section starts at the next multiple of the alignment. */
    size_t data_off = c->pos + (f->alignment - c->pos % f->alignment) % f->alignment;
    if (f->n_tensors > 0 && data_off > f->size) {
        CUR_ERR(c, "truncated file: data section would start at %zu, the file has %zu bytes",
                data_off, f->size);
        return false;
    }
    if (data_off > f->size) data_off = f->size; /* no tensors: padding may be cut off */
    f->data_offset = data_off;
    size_t data_size = f->size - data_off;

    for (uint64_t i = 0; i < f->n_tensors; i++) {
        struct gguf_tensor *t = &f->tensors[i];
        if (t->offset > data_size || t->nbytes > data_size - t->offset) {
            CUR_ERR(c,
                    "tensor '%s': data at %llu..%llu is beyond the end of the data section "
                    "(%zu bytes; truncated file?)",
                    t->name, (unsigned long long)t->offset,
                    (unsigned long long)(t->offset + t->nbytes), data_size);
            return false;
        }
        t->data = f->base + data_off + t->offset;
    }

    if (f->n_tensors > 0) {
        p->by_name = malloc(f->n_tensors * sizeof *p->by_name);
        uint64_t *idx = malloc(f->n_tensors * sizeof *idx);
        if (!p->by_name || !idx) {
            free(idx);
            CUR_ERR(c, "out of memory");
            return false;
        }
        for (uint64_t i = 0; i < f->n_tensors; i++)
            p->by_name[i] = idx[i] = i;
        gguf_sort_t = f->tensors;
        qsort(p->by_name, f->n_tensors, sizeof *idx, gguf_cmp_t_name);
        for (uint64_t i = 1; i < f->n_tensors; i++) {
            if (strcmp(f->tensors[p->by_name[i - 1]].name, f->tensors[p->by_name[i]].name) == 0) {
                CUR_ERR(c, "duplicate tensor name '%s'", f->tensors[p->by_name[i]].name);
                free(idx);
                return false;
            }
        }
        qsort(idx, f->n_tensors, sizeof *idx, gguf_cmp_t_offset);
        for (uint64_t i = 1; i < f->n_tensors; i++) {
            const struct gguf_tensor *a = &f->tensors[idx[i - 1]], *b = &f->tensors[idx[i]];
            if (a->offset + a->nbytes > b->offset) {
                CUR_ERR(c, "tensors '%s' (%llu..%llu) and '%s' (at %llu) overlap", a->name,
                        (unsigned long long)a->offset, (unsigned long long)(a->offset + a->nbytes),
                        b->name, (unsigned long long)b->offset);
                free(idx);
                return false;
            }
        }
        free(idx);
    }
    return true;
}

static struct gguf_file *gguf_open_common(const void *buf, size_t size, bool mapped, char *err,
                                          size_t errlen)
{
    struct gguf_file_priv *p = calloc(1, sizeof *p);
    if (!p) {
        gguf_seterr(err, errlen, "out of memory");
        if (mapped) munmap((void *)buf, size);
        return NULL;
    }
    p->pub.base = buf;
    p->pub.size = size;
    p->pub.mapped = mapped;
    if (!gguf_parse(p, err, errlen)) {
        /* Counts are only trusted as far as the arrays were allocated and filled (calloc). */
        gguf_close(&p->pub);
        return NULL;
    }
    return &p->pub;
}

struct gguf_file *gguf_open_buffer(const void *buf, size_t size, char *err, size_t errlen)
{
    if (!buf && size) {
        gguf_seterr(err, errlen, "no buffer");
        return NULL;
    }
    static const uint8_t empty[1];
    return gguf_open_common(buf ? buf : empty, size, false, err, errlen);
}

struct gguf_file *gguf_open(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        gguf_seterr(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        gguf_seterr(err, errlen, "%s: fstat: %s", path, strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        gguf_seterr(err, errlen, "%s: not a regular file", path);
        close(fd);
        return NULL;
    }
    if (st.st_size < 4) {
        gguf_seterr(err, errlen, "%s: truncated file: %lld bytes, too short for the GGUF magic",
                    path, (long long)st.st_size);
        close(fd);
        return NULL;
    }
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    int mmap_errno = errno;
    close(fd); /* the mapping keeps the file */
    if (m == MAP_FAILED) {
        gguf_seterr(err, errlen, "%s: mmap: %s", path, strerror(mmap_errno));
        return NULL;
    }
    char inner[400];
    inner[0] = '\0';
    struct gguf_file *f = gguf_open_common(m, (size_t)st.st_size, true, inner, sizeof inner);
    if (!f) gguf_seterr(err, errlen, "%s: %s", path, inner);
    return f;
}

void gguf_close(struct gguf_file *f)
{
    if (!f) return;
    struct gguf_file_priv *p = (struct gguf_file_priv *)f;
    if (f->kv) {
        for (uint64_t i = 0; i < f->n_kv; i++)
            free((void *)f->kv[i].arr_str);
        free(f->kv);
    }
    if (f->tensors) {
        for (uint64_t i = 0; i < f->n_tensors; i++)
            free(f->tensors[i].name);
        free(f->tensors);
    }
    free(p->by_name);
    if (f->mapped) munmap((void *)f->base, f->size);
    free(p);
}

const struct gguf_kv *gguf_find(const struct gguf_file *f, const char *key)
{
    size_t n = strlen(key);
    for (uint64_t i = 0; i < f->n_kv; i++) {
        const struct gguf_kv *kv = &f->kv[i];
        if (kv->key.len == n && memcmp(kv->key.data, key, n) == 0) return kv;
    }
    return NULL;
}

/* A scalar of integer type as int64 (u64 above INT64_MAX fails). */
static bool gguf_scalar_i64(uint32_t type, const void *v, int64_t *out)
{
    switch (type) {
    case GGUF_UINT8: {
        uint8_t x;
        memcpy(&x, v, 1);
        *out = x;
        return true;
    }
    case GGUF_INT8: {
        int8_t x;
        memcpy(&x, v, 1);
        *out = x;
        return true;
    }
    case GGUF_UINT16: {
        uint16_t x;
        memcpy(&x, v, 2);
        *out = x;
        return true;
    }
    case GGUF_INT16: {
        int16_t x;
        memcpy(&x, v, 2);
        *out = x;
        return true;
    }
    case GGUF_UINT32: {
        uint32_t x;
        memcpy(&x, v, 4);
        *out = x;
        return true;
    }
    case GGUF_INT32: {
        int32_t x;
        memcpy(&x, v, 4);
        *out = x;
        return true;
    }
    case GGUF_INT64: {
        int64_t x;
        memcpy(&x, v, 8);
        *out = x;
        return true;
    }
    case GGUF_UINT64: {
        uint64_t x;
        memcpy(&x, v, 8);
        if (x > INT64_MAX) return false;
        *out = (int64_t)x;
        return true;
    }
    default: return false;
    }
}

static bool gguf_scalar_f64(uint32_t type, const void *v, double *out)
{
    if (type == GGUF_FLOAT32) {
        float x;
        memcpy(&x, v, 4);
        *out = x;
        return true;
    }
    if (type == GGUF_FLOAT64) {
        memcpy(out, v, 8);
        return true;
    }
    if (type == GGUF_UINT64) {
        uint64_t x;
        memcpy(&x, v, 8);
        *out = (double)x;
        return true;
    }
    int64_t i;
    if (!gguf_scalar_i64(type, v, &i)) return false;
    *out = (double)i;
    return true;
}

bool gguf_get_i64(const struct gguf_file *f, const char *key, int64_t *out)
{
    const struct gguf_kv *kv = gguf_find(f, key);
    return kv && gguf_scalar_i64(kv->type, kv->value, out);
}

bool gguf_get_u32(const struct gguf_file *f, const char *key, uint32_t *out)
{
    int64_t v;
    if (!gguf_get_i64(f, key, &v) || v < 0 || v > UINT32_MAX) return false;
    *out = (uint32_t)v;
    return true;
}

bool gguf_get_f32(const struct gguf_file *f, const char *key, float *out)
{
    const struct gguf_kv *kv = gguf_find(f, key);
    double d;
    if (!kv || !gguf_scalar_f64(kv->type, kv->value, &d)) return false;
    *out = (float)d;
    return true;
}

bool gguf_get_bool(const struct gguf_file *f, const char *key, bool *out)
{
    const struct gguf_kv *kv = gguf_find(f, key);
    if (!kv || kv->type != GGUF_BOOL) return false;
    *out = *(const uint8_t *)kv->value != 0;
    return true;
}

char *gguf_get_str(const struct gguf_file *f, const char *key)
{
    const struct gguf_kv *kv = gguf_find(f, key);
    if (!kv || kv->type != GGUF_STRING) return NULL;
    char *s = malloc((size_t)kv->arr_str->len + 1);
    if (!s) return NULL;
    memcpy(s, kv->arr_str->data, (size_t)kv->arr_str->len);
    s[kv->arr_str->len] = '\0';
    return s;
}

bool gguf_arr_f64(const struct gguf_kv *kv, uint64_t i, double *out)
{
    if (!kv || kv->type != GGUF_ARRAY || i >= kv->arr_n) return false;
    size_t es = gguf_type_size(kv->arr_type);
    if (es == 0 || kv->arr_type == GGUF_BOOL) return false;
    return gguf_scalar_f64(kv->arr_type, (const uint8_t *)kv->value + i * es, out);
}

bool gguf_arr_i64(const struct gguf_kv *kv, uint64_t i, int64_t *out)
{
    if (!kv || kv->type != GGUF_ARRAY || i >= kv->arr_n) return false;
    size_t es = gguf_type_size(kv->arr_type);
    if (es == 0) return false;
    if (kv->arr_type == GGUF_BOOL) {
        *out = ((const uint8_t *)kv->value)[i];
        return true;
    }
    return gguf_scalar_i64(kv->arr_type, (const uint8_t *)kv->value + i * es, out);
}

const struct gguf_tensor *gguf_find_tensor(const struct gguf_file *f, const char *name)
{
    const struct gguf_file_priv *p = (const struct gguf_file_priv *)f;
    uint64_t lo = 0, hi = f->n_tensors;
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        const struct gguf_tensor *t = &f->tensors[p->by_name[mid]];
        int r = strcmp(t->name, name);
        if (r == 0) return t;
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *gguf_value_type_name(uint32_t type)
{
    return gguf_type_name(type);
}

/* ------------------------------------------------------------------------------------------ */
/* Writer */

struct gguf_wkv {
    char *key;
    uint32_t type;
    uint32_t arr_type;
    uint64_t n;    /* array length (1 for scalars) */
    uint8_t *data; /* scalar or numeric array bytes (owned) */
    char **strs;   /* string value(s) (owned), n of them */
    uint64_t *lens;
};

struct gguf_wtensor {
    char *name;
    uint32_t type;
    uint32_t n_dims;
    int64_t ne[GGUF_MAX_DIMS];
    const void *data;
    size_t nbytes;
    gguf_fill_fn fill; /* when set, data is made at write time */
    void *fill_ctx;
};

struct gguf_writer {
    struct gguf_wkv *kv;
    size_t n_kv, cap_kv;
    struct gguf_wtensor *t;
    size_t n_t, cap_t;
    char err[256];
};

struct gguf_writer *gguf_writer_new(void)
{
    return calloc(1, sizeof(struct gguf_writer));
}

static void gguf_wkv_clear(struct gguf_wkv *kv)
{
    free(kv->key);
    free(kv->data);
    if (kv->strs)
        for (uint64_t i = 0; i < kv->n; i++)
            free(kv->strs[i]);
    free(kv->strs);
    free(kv->lens);
    memset(kv, 0, sizeof *kv);
}

void gguf_writer_free(struct gguf_writer *w)
{
    if (!w) return;
    for (size_t i = 0; i < w->n_kv; i++)
        gguf_wkv_clear(&w->kv[i]);
    free(w->kv);
    for (size_t i = 0; i < w->n_t; i++)
        free(w->t[i].name);
    free(w->t);
    free(w);
}

const char *gguf_writer_error(const struct gguf_writer *w)
{
    return w->err;
}

/* The slot for key: the existing one (cleared, so setting a key again replaces its value in
 * place, as gguf_set_* does in llama.cpp) or a new one at the end. */
static struct gguf_wkv *gguf_writer_slot(struct gguf_writer *w, const char *key)
{
    if (!key || !*key) {
        snprintf(w->err, sizeof w->err, "empty key");
        return NULL;
    }
    for (size_t i = 0; i < w->n_kv; i++) {
        if (strcmp(w->kv[i].key, key) == 0) {
            char *k = w->kv[i].key;
            w->kv[i].key = NULL;
            gguf_wkv_clear(&w->kv[i]);
            w->kv[i].key = k;
            return &w->kv[i];
        }
    }
    if (w->n_kv == w->cap_kv) {
        size_t cap = w->cap_kv ? w->cap_kv * 2 : 32;
        struct gguf_wkv *nk = realloc(w->kv, cap * sizeof *nk);
        if (!nk) goto nomem;
        w->kv = nk;
        w->cap_kv = cap;
    }
    struct gguf_wkv *kv = &w->kv[w->n_kv];
    memset(kv, 0, sizeof *kv);
    kv->key = strdup(key);
    if (!kv->key) goto nomem;
    w->n_kv++;
    return kv;
nomem:
    snprintf(w->err, sizeof w->err, "out of memory adding key '%s'", key);
    return NULL;
}

/* Removes a slot whose value could not be stored (keeps the writer consistent). */
static int gguf_writer_drop(struct gguf_writer *w, struct gguf_wkv *kv)
{
    size_t i = (size_t)(kv - w->kv);
    snprintf(w->err, sizeof w->err, "out of memory setting key '%s'", kv->key);
    gguf_wkv_clear(kv);
    memmove(&w->kv[i], &w->kv[i + 1], (w->n_kv - i - 1) * sizeof *kv);
    w->n_kv--;
    return HUB_ERR_NOMEM;
}

static int gguf_writer_set_scalar(struct gguf_writer *w, const char *key, uint32_t type,
                                  const void *v)
{
    struct gguf_wkv *kv = gguf_writer_slot(w, key);
    if (!kv) return key && *key ? HUB_ERR_NOMEM : HUB_ERR_INVALID;
    size_t es = gguf_type_size(type);
    kv->type = type;
    kv->n = 1;
    kv->data = malloc(es);
    if (!kv->data) return gguf_writer_drop(w, kv);
    memcpy(kv->data, v, es);
    return HUB_OK;
}

int gguf_writer_set_u32(struct gguf_writer *w, const char *key, uint32_t v)
{
    return gguf_writer_set_scalar(w, key, GGUF_UINT32, &v);
}

int gguf_writer_set_i32(struct gguf_writer *w, const char *key, int32_t v)
{
    return gguf_writer_set_scalar(w, key, GGUF_INT32, &v);
}

int gguf_writer_set_u64(struct gguf_writer *w, const char *key, uint64_t v)
{
    return gguf_writer_set_scalar(w, key, GGUF_UINT64, &v);
}

int gguf_writer_set_f32(struct gguf_writer *w, const char *key, float v)
{
    return gguf_writer_set_scalar(w, key, GGUF_FLOAT32, &v);
}

int gguf_writer_set_bool(struct gguf_writer *w, const char *key, bool v)
{
    uint8_t b = v ? 1 : 0;
    return gguf_writer_set_scalar(w, key, GGUF_BOOL, &b);
}

/* Any scalar type by id (copying from a file). */
static int gguf_writer_set_strs(struct gguf_writer *w, const char *key, uint32_t type,
                                const struct gguf_str *v, const char *const *cv, uint64_t n)
{
    struct gguf_wkv *kv = gguf_writer_slot(w, key);
    if (!kv) return key && *key ? HUB_ERR_NOMEM : HUB_ERR_INVALID;
    kv->type = type;
    kv->arr_type = GGUF_STRING;
    kv->n = n;
    kv->strs = calloc(n ? n : 1, sizeof *kv->strs);
    kv->lens = calloc(n ? n : 1, sizeof *kv->lens);
    if (!kv->strs || !kv->lens) return gguf_writer_drop(w, kv);
    for (uint64_t i = 0; i < n; i++) {
        const char *s = v ? v[i].data : cv[i];
        uint64_t len = v ? v[i].len : (cv[i] ? strlen(cv[i]) : 0);
        kv->strs[i] = malloc((size_t)len + 1);
        if (!kv->strs[i]) return gguf_writer_drop(w, kv);
        if (len) memcpy(kv->strs[i], s, (size_t)len);
        kv->strs[i][len] = '\0';
        kv->lens[i] = len;
    }
    return HUB_OK;
}

int gguf_writer_set_str(struct gguf_writer *w, const char *key, const char *v)
{
    if (!v) {
        snprintf(w->err, sizeof w->err, "key '%s': NULL string", key ? key : "");
        return HUB_ERR_INVALID;
    }
    return gguf_writer_set_strs(w, key, GGUF_STRING, NULL, &v, 1);
}

int gguf_writer_set_arr_str(struct gguf_writer *w, const char *key, const char *const *v,
                            uint64_t n)
{
    if (!v && n) {
        snprintf(w->err, sizeof w->err, "key '%s': NULL array", key ? key : "");
        return HUB_ERR_INVALID;
    }
    return gguf_writer_set_strs(w, key, GGUF_ARRAY, NULL, v, n);
}

int gguf_writer_set_arr(struct gguf_writer *w, const char *key, uint32_t elem_type,
                        const void *data, uint64_t n)
{
    size_t es = gguf_type_size(elem_type);
    if (es == 0) {
        snprintf(w->err, sizeof w->err, "key '%s': array element type %u is not numeric",
                 key ? key : "", elem_type);
        return HUB_ERR_INVALID;
    }
    if ((!data && n) || n > SIZE_MAX / es) {
        snprintf(w->err, sizeof w->err, "key '%s': bad array", key ? key : "");
        return HUB_ERR_INVALID;
    }
    struct gguf_wkv *kv = gguf_writer_slot(w, key);
    if (!kv) return key && *key ? HUB_ERR_NOMEM : HUB_ERR_INVALID;
    kv->type = GGUF_ARRAY;
    kv->arr_type = elem_type;
    kv->n = n;
    kv->data = malloc(n ? (size_t)n * es : 1);
    if (!kv->data) return gguf_writer_drop(w, kv);
    if (n) memcpy(kv->data, data, (size_t)n * es);
    return HUB_OK;
}

int gguf_writer_copy_kv(struct gguf_writer *w, const struct gguf_kv *kv)
{
    char key[GGUF_MAX_NAME * 4];
    if (!kv || kv->key.len == 0 || kv->key.len >= sizeof key ||
        memchr(kv->key.data, 0, (size_t)kv->key.len)) {
        snprintf(w->err, sizeof w->err, "copy_kv: key missing, too long or with a NUL byte");
        return HUB_ERR_INVALID;
    }
    memcpy(key, kv->key.data, (size_t)kv->key.len);
    key[kv->key.len] = '\0';
    if (kv->type == GGUF_STRING)
        return gguf_writer_set_strs(w, key, GGUF_STRING, kv->arr_str, NULL, 1);
    if (kv->type == GGUF_ARRAY) {
        if (kv->arr_type == GGUF_STRING)
            return gguf_writer_set_strs(w, key, GGUF_ARRAY, kv->arr_str, NULL, kv->arr_n);
        return gguf_writer_set_arr(w, key, kv->arr_type, kv->value, kv->arr_n);
    }
    if (gguf_type_size(kv->type) == 0) {
        snprintf(w->err, sizeof w->err, "copy_kv: key '%.200s' has unknown type %u", key, kv->type);
        return HUB_ERR_INVALID;
    }
    return gguf_writer_set_scalar(w, key, kv->type, kv->value);
}

int gguf_writer_add_tensor(struct gguf_writer *w, const char *name, uint32_t type, uint32_t n_dims,
                           const int64_t *ne, const void *data, size_t nbytes)
{
    if (!name || !*name || strlen(name) >= GGUF_MAX_NAME) {
        snprintf(w->err, sizeof w->err, "tensor name '%s' must be 1 to %d bytes", name ? name : "",
                 GGUF_MAX_NAME - 1);
        return HUB_ERR_INVALID;
    }
    for (size_t i = 0; i < w->n_t; i++) {
        if (strcmp(w->t[i].name, name) == 0) {
            snprintf(w->err, sizeof w->err, "duplicate tensor name '%s'", name);
            return HUB_ERR_EXISTS;
        }
    }
    if (n_dims > GGUF_MAX_DIMS || (n_dims > 0 && !ne)) {
        snprintf(w->err, sizeof w->err, "tensor '%s': n_dims %u (at most %d)", name, n_dims,
                 GGUF_MAX_DIMS);
        return HUB_ERR_INVALID;
    }
    const struct kern_type_traits *tr = kern_type_traits((int)type);
    if (!tr) {
        snprintf(w->err, sizeof w->err, "tensor '%s': unknown tensor type %u", name, type);
        return HUB_ERR_INVALID;
    }
    struct gguf_wtensor t = {.type = type,
                             .n_dims = n_dims,
                             .data = data,
                             .nbytes = nbytes,
                             .fill = NULL,
                             .fill_ctx = NULL};
    int64_t nelem = 1;
    for (int d = 0; d < GGUF_MAX_DIMS; d++)
        t.ne[d] = 1;
    for (uint32_t d = 0; d < n_dims; d++) {
        if (ne[d] <= 0 || ne[d] > INT64_MAX / nelem) {
            snprintf(w->err, sizeof w->err, "tensor '%s': bad dimension %u = %lld", name, d,
                     (long long)ne[d]);
            return HUB_ERR_INVALID;
        }
        t.ne[d] = ne[d];
        nelem *= ne[d];
    }
    size_t row = kern_row_bytes((int)type, t.ne[0]);
    uint64_t nrows = (uint64_t)(nelem / t.ne[0]);
    if (row == 0 || nrows > SIZE_MAX / row || row * nrows != nbytes || (!data && nbytes)) {
        snprintf(w->err, sizeof w->err,
                 "tensor '%s': %zu bytes given, a %s tensor of this shape needs %zu%s", name,
                 nbytes, tr->name, row && nrows <= SIZE_MAX / row ? row * (size_t)nrows : 0,
                 row == 0 ? " (row not a multiple of the block)" : "");
        return HUB_ERR_INVALID;
    }
    if (w->n_t == w->cap_t) {
        size_t cap = w->cap_t ? w->cap_t * 2 : 64;
        struct gguf_wtensor *nt = realloc(w->t, cap * sizeof *nt);
        if (!nt) goto nomem;
        w->t = nt;
        w->cap_t = cap;
    }
    t.name = strdup(name);
    if (!t.name) goto nomem;
    w->t[w->n_t++] = t;
    return HUB_OK;
nomem:
    snprintf(w->err, sizeof w->err, "out of memory adding tensor '%s'", name);
    return HUB_ERR_NOMEM;
}

int gguf_writer_add_tensor_fill(struct gguf_writer *w, const char *name, uint32_t type,
                                uint32_t n_dims, const int64_t *ne, size_t nbytes,
                                gguf_fill_fn fill, void *ctx)
{
    if (!fill) {
        snprintf(w->err, sizeof w->err, "tensor '%s': no fill function", name ? name : "");
        return HUB_ERR_INVALID;
    }
    /* the checks of add_tensor, with a stand-in pointer that is never read */
    static const uint8_t stand_in;
    int rc = gguf_writer_add_tensor(w, name, type, n_dims, ne, &stand_in, nbytes);
    if (rc != HUB_OK) return rc;
    w->t[w->n_t - 1].data = NULL;
    w->t[w->n_t - 1].fill = fill;
    w->t[w->n_t - 1].fill_ctx = ctx;
    return HUB_OK;
}

static size_t gguf_writer_alignment(const struct gguf_writer *w)
{
    for (size_t i = 0; i < w->n_kv; i++) {
        if (strcmp(w->kv[i].key, "general.alignment") == 0 && w->kv[i].type == GGUF_UINT32) {
            uint32_t a;
            memcpy(&a, w->kv[i].data, 4);
            return a;
        }
    }
    return GGUF_DEFAULT_ALIGNMENT;
}

struct gguf_out {
    FILE *fp;
    uint64_t pos;
    bool failed;
};

static void gguf_put(struct gguf_out *o, const void *p, size_t n)
{
    if (o->failed || n == 0) return;
    if (fwrite(p, 1, n, o->fp) != n) o->failed = true;
    o->pos += n;
}

static void gguf_put_str(struct gguf_out *o, const char *s, uint64_t len)
{
    gguf_put(o, &len, 8);
    gguf_put(o, s, (size_t)len);
}

static void gguf_put_pad(struct gguf_out *o, size_t align)
{
    static const uint8_t zeros[256];
    size_t pad = (align - o->pos % align) % align;
    while (pad > 0) {
        size_t n = pad < sizeof zeros ? pad : sizeof zeros;
        gguf_put(o, zeros, n);
        pad -= n;
    }
}

int gguf_writer_write(struct gguf_writer *w, const char *path, char *err, size_t errlen)
{
    for (size_t i = 0; i < w->n_kv; i++) {
        if (strcmp(w->kv[i].key, "general.alignment") == 0) {
            uint32_t a = 0;
            if (w->kv[i].type == GGUF_UINT32) memcpy(&a, w->kv[i].data, 4);
            if (a == 0 || (a & (a - 1)) != 0) {
                gguf_seterr(err, errlen, "general.alignment must be a u32 power of two");
                return HUB_ERR_INVALID;
            }
        }
    }
    size_t align = gguf_writer_alignment(w);

    /* Write beside the target and rename, so a failure never leaves half a model behind. */
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp) {
        gguf_seterr(err, errlen, "out of memory");
        return HUB_ERR_NOMEM;
    }
    snprintf(tmp, plen + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        gguf_seterr(err, errlen, "%s: cannot create a temporary file: %s", path, strerror(errno));
        free(tmp);
        return HUB_ERR_IO;
    }
    /* mkstemp makes the file 0600; a model is readable like other files (umask is not read:
     * changing it to look would race with other threads). */
    if (fchmod(fd, 0644) != 0) {
        gguf_seterr(err, errlen, "%s: fchmod: %s", tmp, strerror(errno));
        close(fd);
        unlink(tmp);
        free(tmp);
        return HUB_ERR_IO;
    }
    struct gguf_out o = {fdopen(fd, "wb"), 0, false};
    if (!o.fp) {
        gguf_seterr(err, errlen, "%s: fdopen: %s", tmp, strerror(errno));
        close(fd);
        unlink(tmp);
        free(tmp);
        return HUB_ERR_IO;
    }
    uint32_t version = 3;
    uint64_t n_t = w->n_t, n_kv = w->n_kv;
    gguf_put(&o, GGUF_MAGIC, 4);
    gguf_put(&o, &version, 4);
    gguf_put(&o, &n_t, 8);
    gguf_put(&o, &n_kv, 8);
    for (size_t i = 0; i < w->n_kv; i++) {
        const struct gguf_wkv *kv = &w->kv[i];
        gguf_put_str(&o, kv->key, strlen(kv->key));
        gguf_put(&o, &kv->type, 4);
        if (kv->type == GGUF_STRING) {
            gguf_put_str(&o, kv->strs[0], kv->lens[0]);
        } else if (kv->type == GGUF_ARRAY) {
            gguf_put(&o, &kv->arr_type, 4);
            gguf_put(&o, &kv->n, 8);
            if (kv->arr_type == GGUF_STRING) {
                for (uint64_t j = 0; j < kv->n; j++)
                    gguf_put_str(&o, kv->strs[j], kv->lens[j]);
            } else {
                gguf_put(&o, kv->data, (size_t)kv->n * gguf_type_size(kv->arr_type));
            }
        } else {
            gguf_put(&o, kv->data, gguf_type_size(kv->type));
        }
    }
    uint64_t off = 0;
    for (size_t i = 0; i < w->n_t; i++) {
        const struct gguf_wtensor *t = &w->t[i];
        gguf_put_str(&o, t->name, strlen(t->name));
        gguf_put(&o, &t->n_dims, 4);
        for (uint32_t d = 0; d < t->n_dims; d++)
            gguf_put(&o, &t->ne[d], 8);
        gguf_put(&o, &t->type, 4);
        gguf_put(&o, &off, 8);
        off += t->nbytes + (align - t->nbytes % align) % align;
    }
    /* The data section starts aligned. With no tensors there is none, and gguf-py writes no
     * padding either (llama.cpp's reader accepts both). */
    if (w->n_t > 0) gguf_put_pad(&o, align);
    void *fillbuf = NULL;
    size_t fillcap = 0;
    for (size_t i = 0; i < w->n_t && !o.failed; i++) {
        const struct gguf_wtensor *t = &w->t[i];
        if (t->fill) {
            /* one buffer, grown to the largest tensor: the model never has to be in memory */
            if (t->nbytes > fillcap) {
                void *nb = realloc(fillbuf, t->nbytes);
                if (!nb) {
                    gguf_seterr(err, errlen, "out of memory for tensor '%s' (%zu bytes)", t->name,
                                t->nbytes);
                    goto fail_cb;
                }
                fillbuf = nb;
                fillcap = t->nbytes;
            }
            if (t->fill(t->fill_ctx, t->name, fillbuf, t->nbytes) != 0) {
                gguf_seterr(err, errlen, "%s: the data of tensor '%s' could not be produced", path,
                            t->name);
                goto fail_cb;
            }
            gguf_put(&o, fillbuf, t->nbytes);
        } else {
            gguf_put(&o, t->data, t->nbytes);
        }
        gguf_put_pad(&o, align);
    }
    free(fillbuf);
    fillbuf = NULL;
    int werr = o.failed ? errno : 0;
    if (fflush(o.fp) != 0 && !werr) werr = errno;
    if (fclose(o.fp) != 0 && !werr) werr = errno;
    if (o.failed || werr) {
        gguf_seterr(err, errlen, "%s: write failed: %s", tmp, strerror(werr ? werr : EIO));
        unlink(tmp);
        free(tmp);
        return HUB_ERR_IO;
    }
    if (rename(tmp, path) != 0) {
        gguf_seterr(err, errlen, "rename %s to %s: %s", tmp, path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return HUB_ERR_IO;
    }
    free(tmp);
    return HUB_OK;
fail_cb:
    free(fillbuf);
    fclose(o.fp);
    unlink(tmp);
    free(tmp);
    return HUB_ERR_IO;
}
