/*
 * gguf.h: GGUF v3 files (the format llama.cpp reads and writes): a bounds-checked reader over
 * an mmap and a writer. Every count, offset, shape and type of a file is checked on open, so
 * that a truncated or hostile file is refused with a message naming the problem and nothing
 * ever reads outside the mapping.
 */
#ifndef GGUF_H
#define GGUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum gguf_value_type {
    GGUF_UINT8 = 0, GGUF_INT8 = 1, GGUF_UINT16 = 2, GGUF_INT16 = 3, GGUF_UINT32 = 4,
    GGUF_INT32 = 5, GGUF_FLOAT32 = 6, GGUF_BOOL = 7, GGUF_STRING = 8, GGUF_ARRAY = 9,
    GGUF_UINT64 = 10, GGUF_INT64 = 11, GGUF_FLOAT64 = 12,
};

/* A string inside the file: not NUL-terminated. */
struct gguf_str {
    uint64_t len;
    const char *data;
};

struct gguf_kv {
    struct gguf_str key;
    uint32_t type;       /* enum gguf_value_type */
    uint32_t arr_type;   /* element type when type == GGUF_ARRAY */
    uint64_t arr_n;      /* element count when type == GGUF_ARRAY */
    const void *value;   /* scalar or first array element, inside the file; strings: see below */
    const struct gguf_str *arr_str; /* string arrays: arr_n entries (owned by the reader) */
};

#define GGUF_MAX_DIMS 4
struct gguf_tensor {
    char *name;            /* NUL-terminated copy */
    uint32_t n_dims;
    int64_t ne[GGUF_MAX_DIMS]; /* ne[0] = elements per row (innermost); unused dims are 1 */
    uint32_t type;         /* enum kern_type (ggml type id) */
    uint64_t offset;       /* from the start of the data section */
    const void *data;      /* inside the mapping */
    size_t nbytes;
};

struct gguf_file {
    const uint8_t *base; /* mapping (or caller's buffer) */
    size_t size;
    uint32_t version;
    uint64_t n_kv;
    struct gguf_kv *kv;
    uint64_t n_tensors;
    struct gguf_tensor *tensors;
    size_t alignment;
    size_t data_offset;
    bool mapped; /* base is our mmap */
};

/* Open and check a file. On error returns NULL and writes a message to err. */
struct gguf_file *gguf_open(const char *path, char *err, size_t errlen);
/* The same over a buffer the caller keeps alive (fuzzing, tests). */
struct gguf_file *gguf_open_buffer(const void *buf, size_t size, char *err, size_t errlen);
void gguf_close(struct gguf_file *f);

const struct gguf_kv *gguf_find(const struct gguf_file *f, const char *key);
/* Typed getters: return false when the key is missing or of an incompatible type. Integer
 * getters accept any integer type whose value fits. */
bool gguf_get_u32(const struct gguf_file *f, const char *key, uint32_t *out);
bool gguf_get_i64(const struct gguf_file *f, const char *key, int64_t *out);
bool gguf_get_f32(const struct gguf_file *f, const char *key, float *out);
bool gguf_get_bool(const struct gguf_file *f, const char *key, bool *out);
/* Returns a malloc'd NUL-terminated copy, or NULL. */
char *gguf_get_str(const struct gguf_file *f, const char *key);
/* Numeric array element i as double / int64; false if out of range or not numeric. */
bool gguf_arr_f64(const struct gguf_kv *kv, uint64_t i, double *out);
bool gguf_arr_i64(const struct gguf_kv *kv, uint64_t i, int64_t *out);

const struct gguf_tensor *gguf_find_tensor(const struct gguf_file *f, const char *name);

/* Writer: collect metadata and tensors, then write a v3 file (32-byte alignment unless
 * general.alignment is set). Data pointers must stay valid until gguf_writer_write. */
struct gguf_writer;
struct gguf_writer *gguf_writer_new(void);
void gguf_writer_free(struct gguf_writer *w);
int gguf_writer_set_u32(struct gguf_writer *w, const char *key, uint32_t v);
int gguf_writer_set_i32(struct gguf_writer *w, const char *key, int32_t v);
int gguf_writer_set_u64(struct gguf_writer *w, const char *key, uint64_t v);
int gguf_writer_set_f32(struct gguf_writer *w, const char *key, float v);
int gguf_writer_set_bool(struct gguf_writer *w, const char *key, bool v);
int gguf_writer_set_str(struct gguf_writer *w, const char *key, const char *v);
int gguf_writer_set_arr(struct gguf_writer *w, const char *key, uint32_t elem_type,
                        const void *data, uint64_t n); /* numeric element types */
int gguf_writer_set_arr_str(struct gguf_writer *w, const char *key, const char *const *v,
                            uint64_t n);
/* Copy a key/value from an opened file (rewriting, quantizing). */
int gguf_writer_copy_kv(struct gguf_writer *w, const struct gguf_kv *kv);
int gguf_writer_add_tensor(struct gguf_writer *w, const char *name, uint32_t type,
                           uint32_t n_dims, const int64_t *ne, const void *data, size_t nbytes);
int gguf_writer_write(struct gguf_writer *w, const char *path, char *err, size_t errlen);

/* Added after the first interface (all compatible):
 * - A GGUF_STRING kv has value = the string's bytes and arr_str = one struct gguf_str.
 * - Writer functions return enum hub_status; gguf_writer_error says why the last one failed
 *   (gguf_writer_write reports through its err argument instead). */
const char *gguf_writer_error(const struct gguf_writer *w);
/* Like gguf_writer_add_tensor, but the data is made at write time, one tensor after the other:
 * fill(ctx, name, dst, nbytes) writes the tensor's nbytes into dst and returns 0 (anything else
 * aborts the write). A model larger than memory can be written this way. */
typedef int (*gguf_fill_fn)(void *ctx, const char *name, void *dst, size_t nbytes);
int gguf_writer_add_tensor_fill(struct gguf_writer *w, const char *name, uint32_t type,
                                uint32_t n_dims, const int64_t *ne, size_t nbytes,
                                gguf_fill_fn fill, void *ctx);
/* "u32", "str", "arr", ... for a value type id. */
const char *gguf_value_type_name(uint32_t type);

#endif
