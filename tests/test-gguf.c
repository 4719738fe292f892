/*
 * test-gguf.c: the GGUF reader and writer.
 *   - every reference model (written by llama.cpp) opens, with the shapes and types it holds;
 *   - the writer copies each reference model (copy_kv + add_tensor) into a byte-identical file;
 *   - a fresh file with every metadata type and several tensor types reads back field by field;
 *   - hostile files (built byte by byte here): each is refused with a message naming the
 *     problem, and every truncation of a valid file is refused or read within bounds;
 *   - writer misuse (wrong sizes, duplicate names, bad dims, unwritable path) is refused.
 */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/gguf.h"
#include "kernels/kern.h"
#include "tests/hub-check.h"

/* SPEC() below overrides designated initialisers on purpose */
#pragma GCC diagnostic ignored "-Woverride-init"

static char *read_all(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(fp);
    if (buf) *len = (size_t)n;
    return buf;
}

/* ------------------------------------------------------------------------------------------ */
/* Reference models */

static const char *const models[] = {
    "ds2-lite-f32",  "ds2-lite-legacy-f16", "ds2-lite-bf16",   "ds2-lite-q8_0", "ds2-lite-q4_0",
    "ds2-lite-q5_0", "ds2-lite-q6_k",       "ds2-lite-q4_k_m", "ds3-style-f16", "qwen2moe-f16",
};

static void test_reference(const char *dir, const char *name, const char *tmpdir)
{
    char path[4096], out[4096], err[512];
    snprintf(path, sizeof path, "%s/models/%s.gguf", dir, name);
    struct gguf_file *f = gguf_open(path, err, sizeof err);
    CHECK(f != NULL, "%s: %s", name, err);
    if (!f) return;
    CHECK(f->version == 3 && f->alignment == 32, "%s: version %u alignment %zu", name, f->version,
          f->alignment);
    CHECK(f->n_tensors > 10 && f->n_kv > 10, "%s: %llu tensors %llu keys", name,
          (unsigned long long)f->n_tensors, (unsigned long long)f->n_kv);
    char *arch = gguf_get_str(f, "general.architecture");
    CHECK(arch && (strcmp(arch, "deepseek2") == 0 || strcmp(arch, "qwen2moe") == 0), "%s: arch %s",
          name, arch ? arch : "(none)");
    const struct gguf_tensor *emb = gguf_find_tensor(f, "token_embd.weight");
    CHECK(emb && emb->n_dims == 2 && emb->ne[1] == 1024 && emb->ne[0] > 0, "%s: token_embd", name);
    CHECK(gguf_find_tensor(f, "no.such.tensor") == NULL, "%s: absent tensor found", name);
    if (strcmp(name, "ds2-lite-f32") == 0) {
        uint32_t nl = 0, kvr = 0;
        CHECK(gguf_get_u32(f, "deepseek2.block_count", &nl) && nl == 3, "block_count %u", nl);
        CHECK(gguf_get_u32(f, "deepseek2.attention.kv_lora_rank", &kvr) && kvr == 128,
              "kv_lora_rank %u", kvr);
        CHECK(emb && emb->type == KERN_F32 && emb->ne[0] == 256 && emb->nbytes == 256 * 1024 * 4,
              "token_embd f32 [256, 1024]");
        const struct gguf_tensor *kb = gguf_find_tensor(f, "blk.1.attn_k_b.weight");
        CHECK(kb && kb->n_dims == 3 && kb->ne[0] == 32 && kb->ne[1] == 128 && kb->ne[2] == 4,
              "attn_k_b [32, 128, 4]");
        /* data really is inside the mapping, at data_offset + offset */
        CHECK(emb && (const uint8_t *)emb->data == f->base + f->data_offset + emb->offset,
              "tensor data pointer");
        const struct gguf_kv *toks = gguf_find(f, "tokenizer.ggml.tokens");
        CHECK(toks && toks->type == GGUF_ARRAY && toks->arr_type == GGUF_STRING &&
                  toks->arr_n == 1024 && toks->arr_str[0].len == 1 &&
                  toks->arr_str[0].data[0] == '!',
              "token strings");
        int64_t tt;
        const struct gguf_kv *types = gguf_find(f, "tokenizer.ggml.token_type");
        CHECK(gguf_arr_i64(types, 0, &tt) && tt == 1, "token_type[0]");
        CHECK(!gguf_arr_i64(types, 1024, &tt), "token_type[1024] out of range");
    }
    if (strcmp(name, "ds2-lite-q4_k_m") == 0) {
        bool types[KERN_TYPE_MAX] = {0};
        for (uint64_t i = 0; i < f->n_tensors; i++)
            types[f->tensors[i].type] = true;
        CHECK(types[KERN_Q4_K] && types[KERN_Q6_K] && types[KERN_Q5_0] && types[KERN_F32],
              "q4_k_m mixes types");
    }

    /* Copy through the writer: byte for byte the same file. */
    struct gguf_writer *w = gguf_writer_new();
    for (uint64_t i = 0; i < f->n_kv; i++)
        CHECK(gguf_writer_copy_kv(w, &f->kv[i]) == 0, "%s: copy_kv: %s", name,
              gguf_writer_error(w));
    for (uint64_t i = 0; i < f->n_tensors; i++) {
        const struct gguf_tensor *t = &f->tensors[i];
        CHECK(gguf_writer_add_tensor(w, t->name, t->type, t->n_dims, t->ne, t->data, t->nbytes) ==
                  0,
              "%s: add_tensor %s: %s", name, t->name, gguf_writer_error(w));
    }
    snprintf(out, sizeof out, "%s/%s.copy.gguf", tmpdir, name);
    CHECK(gguf_writer_write(w, out, err, sizeof err) == 0, "%s: write: %s", name, err);
    gguf_writer_free(w);
    size_t la, lb;
    char *a = read_all(path, &la), *b = read_all(out, &lb);
    CHECK(a && b && la == lb && memcmp(a, b, la) == 0, "%s: the copy differs (%zu vs %zu bytes)",
          name, la, lb);
    free(a);
    free(b);
    unlink(out);
    free(arch);
    gguf_close(f);
}

/* The vocabulary-only file (no tensors, 102400-token string arrays) copies byte for byte too. */
static void test_vocab_copy(const char *dir, const char *tmpdir)
{
    char path[4096], out[4096], err[512];
    snprintf(path, sizeof path, "%s/tokenize/vocab-deepseek-llm.gguf", dir);
    struct gguf_file *f = gguf_open(path, err, sizeof err);
    CHECK(f != NULL, "%s", err);
    if (!f) return;
    CHECK(f->n_tensors == 0 && f->data_offset == f->size, "no tensors, data section at the end");
    struct gguf_writer *w = gguf_writer_new();
    for (uint64_t i = 0; i < f->n_kv; i++)
        CHECK(gguf_writer_copy_kv(w, &f->kv[i]) == 0, "copy_kv");
    snprintf(out, sizeof out, "%s/vocab.copy.gguf", tmpdir);
    CHECK(gguf_writer_write(w, out, err, sizeof err) == 0, "write: %s", err);
    gguf_writer_free(w);
    size_t la, lb;
    char *a = read_all(path, &la), *b = read_all(out, &lb);
    CHECK(a && b && la == lb && memcmp(a, b, la) == 0, "vocabulary copy differs (%zu vs %zu bytes)",
          la, lb);
    free(a);
    free(b);
    unlink(out);
    gguf_close(f);
}

/* ------------------------------------------------------------------------------------------ */
/* A fresh file with every metadata type */

static int fill_ramp(void *ctx, const char *name, void *dst, size_t n)
{
    float *f = dst;
    for (size_t i = 0; i < n / 4; i++)
        f[i] = (float)i + *(const float *)ctx;
    return strcmp(name, "r") == 0 ? 0 : -1;
}

static int fill_fail(void *ctx, const char *name, void *dst, size_t n)
{
    return -1;
}

static void test_fresh(const char *tmpdir)
{
    char path[4096], err[512];
    snprintf(path, sizeof path, "%s/fresh.gguf", tmpdir);
    struct gguf_writer *w = gguf_writer_new();
    CHECK(gguf_writer_set_str(w, "general.architecture", "test") == 0, "str");
    CHECK(gguf_writer_set_u32(w, "general.alignment", 64) == 0, "alignment");
    CHECK(gguf_writer_set_u32(w, "t.u32", 4000000000u) == 0, "u32");
    CHECK(gguf_writer_set_i32(w, "t.i32", -7) == 0, "i32");
    CHECK(gguf_writer_set_u64(w, "t.u64", 1ull << 40) == 0, "u64");
    CHECK(gguf_writer_set_f32(w, "t.f32", 0.125f) == 0, "f32");
    CHECK(gguf_writer_set_bool(w, "t.bool", true) == 0, "bool");
    CHECK(gguf_writer_set_str(w, "t.empty", "") == 0, "empty str");
    uint8_t u8[3] = {1, 2, 255};
    int8_t i8[2] = {-128, 127};
    uint16_t u16[2] = {65535, 1};
    int16_t i16[2] = {-32768, 5};
    int64_t i64[2] = {-(1ll << 62), 3};
    double f64[2] = {1e300, -0.5};
    float f32[3] = {1.5f, -2.25f, 3.0f};
    uint8_t bools[3] = {1, 0, 1};
    CHECK(gguf_writer_set_arr(w, "a.u8", GGUF_UINT8, u8, 3) == 0, "arr u8");
    CHECK(gguf_writer_set_arr(w, "a.i8", GGUF_INT8, i8, 2) == 0, "arr i8");
    CHECK(gguf_writer_set_arr(w, "a.u16", GGUF_UINT16, u16, 2) == 0, "arr u16");
    CHECK(gguf_writer_set_arr(w, "a.i16", GGUF_INT16, i16, 2) == 0, "arr i16");
    CHECK(gguf_writer_set_arr(w, "a.i64", GGUF_INT64, i64, 2) == 0, "arr i64");
    CHECK(gguf_writer_set_arr(w, "a.f64", GGUF_FLOAT64, f64, 2) == 0, "arr f64");
    CHECK(gguf_writer_set_arr(w, "a.f32", GGUF_FLOAT32, f32, 3) == 0, "arr f32");
    CHECK(gguf_writer_set_arr(w, "a.bool", GGUF_BOOL, bools, 3) == 0, "arr bool");
    CHECK(gguf_writer_set_arr(w, "a.empty", GGUF_INT32, NULL, 0) == 0, "empty arr");
    const char *strs[] = {"alpha", "", "\xe4\xbd\xa0\xe5\xa5\xbd"};
    CHECK(gguf_writer_set_arr_str(w, "a.str", strs, 3) == 0, "arr str");
    CHECK(gguf_writer_set_i32(w, "t.replaced", 1) == 0 &&
              gguf_writer_set_str(w, "t.replaced", "x") == 0,
          "set twice replaces");
    CHECK(gguf_writer_set_arr(w, "bad", GGUF_STRING, strs, 1) != 0 &&
              strstr(gguf_writer_error(w), "not numeric"),
          "string elements through set_arr refused: %s", gguf_writer_error(w));
    CHECK(gguf_writer_set_u32(w, "", 1) != 0, "empty key refused");

    /* Tensors: f32 [5, 3], q8_0 [64, 2], f16 [7] (odd sizes exercise the padding). */
    float a[15];
    for (int i = 0; i < 15; i++)
        a[i] = (float)i * 0.5f;
    int64_t ne_a[2] = {5, 3};
    float src[128];
    for (int i = 0; i < 128; i++)
        src[i] = (float)(i % 17) - 8.0f;
    size_t q8 = kern_row_bytes(KERN_Q8_0, 64);
    uint8_t *qd = malloc(2 * q8);
    kern_quant_row(KERN_Q8_0, src, qd, 64);
    kern_quant_row(KERN_Q8_0, src + 64, qd + q8, 64);
    int64_t ne_q[2] = {64, 2};
    uint16_t h[7];
    for (int i = 0; i < 7; i++)
        h[i] = kern_f32_to_fp16((float)i);
    int64_t ne_h[1] = {7};
    CHECK(gguf_writer_add_tensor(w, "a", KERN_F32, 2, ne_a, a, sizeof a) == 0, "%s",
          gguf_writer_error(w));
    CHECK(gguf_writer_add_tensor(w, "q", KERN_Q8_0, 2, ne_q, qd, 2 * q8) == 0, "%s",
          gguf_writer_error(w));
    CHECK(gguf_writer_add_tensor(w, "h", KERN_F16, 1, ne_h, h, sizeof h) == 0, "%s",
          gguf_writer_error(w));
    /* misuse */
    CHECK(gguf_writer_add_tensor(w, "a", KERN_F32, 2, ne_a, a, sizeof a) != 0 &&
              strstr(gguf_writer_error(w), "duplicate tensor name 'a'"),
          "dup: %s", gguf_writer_error(w));
    CHECK(gguf_writer_add_tensor(w, "b", KERN_F32, 2, ne_a, a, sizeof a - 4) != 0 &&
              strstr(gguf_writer_error(w), "56 bytes given"),
          "size: %s", gguf_writer_error(w));
    int64_t ne_bad[2] = {33, 1};
    CHECK(gguf_writer_add_tensor(w, "c", KERN_Q8_0, 2, ne_bad, qd, q8) != 0 &&
              strstr(gguf_writer_error(w), "not a multiple of the block"),
          "block: %s", gguf_writer_error(w));
    int64_t ne5[5] = {1, 1, 1, 1, 1};
    CHECK(gguf_writer_add_tensor(w, "d", KERN_F32, 5, ne5, a, 4) != 0, "5 dims refused");
    int64_t ne0[1] = {0};
    CHECK(gguf_writer_add_tensor(w, "e", KERN_F32, 1, ne0, a, 0) != 0, "dim 0 refused");
    CHECK(gguf_writer_add_tensor(w, "f", 77, 1, ne_h, a, 4) != 0 &&
              strstr(gguf_writer_error(w), "unknown tensor type 77"),
          "type: %s", gguf_writer_error(w));
    char longname[80];
    memset(longname, 'n', 70);
    longname[70] = '\0';
    CHECK(gguf_writer_add_tensor(w, longname, KERN_F32, 1, ne_h, a, 28) != 0, "long name refused");

    float base = 100.0f;
    int64_t ne_r[2] = {64, 300}; /* 76800 bytes, made at write time */
    CHECK(gguf_writer_add_tensor_fill(w, "r", KERN_F32, 2, ne_r, 64 * 300 * 4, fill_ramp, &base) ==
              0,
          "%s", gguf_writer_error(w));
    CHECK(gguf_writer_write(w, path, err, sizeof err) == 0, "write: %s", err);
    {
        char failpath[4200];
        snprintf(failpath, sizeof failpath, "%s/fail.gguf", tmpdir);
        struct gguf_writer *w2 = gguf_writer_new();
        gguf_writer_add_tensor_fill(w2, "z", KERN_F32, 1, ne_h, 28, fill_fail, NULL);
        CHECK(gguf_writer_write(w2, failpath, err, sizeof err) != 0 &&
                  strstr(err, "tensor 'z' could not be produced") && access(failpath, F_OK) != 0,
              "failing fill: %s", err);
        gguf_writer_free(w2);
    }
    char bad[] = "/nonexistent-dir/x.gguf";
    CHECK(gguf_writer_write(w, bad, err, sizeof err) != 0 && strstr(err, "No such file"),
          "unwritable path: %s", err);
    gguf_writer_free(w);

    struct gguf_file *f = gguf_open(path, err, sizeof err);
    CHECK(f != NULL, "reopen: %s", err);
    if (!f) {
        free(qd);
        return;
    }
    uint32_t u;
    int64_t i;
    float x;
    bool b;
    double d;
    CHECK(f->alignment == 64 && f->data_offset % 64 == 0, "alignment %zu", f->alignment);
    CHECK(f->size % 64 == 0, "file padded to the alignment");
    CHECK(gguf_get_u32(f, "t.u32", &u) && u == 4000000000u, "u32");
    CHECK(gguf_get_i64(f, "t.i32", &i) && i == -7, "i32");
    CHECK(!gguf_get_u32(f, "t.i32", &u), "negative i32 is no u32");
    CHECK(gguf_get_i64(f, "t.u64", &i) && i == (1ll << 40), "u64");
    CHECK(!gguf_get_u32(f, "t.u64", &u), "2^40 is no u32");
    CHECK(gguf_get_f32(f, "t.f32", &x) && x == 0.125f, "f32");
    CHECK(gguf_get_bool(f, "t.bool", &b) && b, "bool");
    CHECK(!gguf_get_bool(f, "t.u32", &b), "u32 is no bool");
    char *s = gguf_get_str(f, "general.architecture");
    CHECK(s && strcmp(s, "test") == 0, "str");
    free(s);
    s = gguf_get_str(f, "t.empty");
    CHECK(s && s[0] == '\0', "empty string");
    free(s);
    s = gguf_get_str(f, "t.replaced");
    CHECK(s && strcmp(s, "x") == 0, "replaced value");
    free(s);
    CHECK(gguf_get_str(f, "t.u32") == NULL && gguf_get_str(f, "missing") == NULL, "str of non-str");
    const struct gguf_kv *kv = gguf_find(f, "a.u8");
    CHECK(gguf_arr_i64(kv, 2, &i) && i == 255, "u8[2]");
    CHECK(gguf_arr_i64(gguf_find(f, "a.i8"), 0, &i) && i == -128, "i8[0]");
    CHECK(gguf_arr_i64(gguf_find(f, "a.u16"), 0, &i) && i == 65535, "u16[0]");
    CHECK(gguf_arr_i64(gguf_find(f, "a.i16"), 0, &i) && i == -32768, "i16[0]");
    CHECK(gguf_arr_i64(gguf_find(f, "a.i64"), 0, &i) && i == -(1ll << 62), "i64[0]");
    CHECK(gguf_arr_f64(gguf_find(f, "a.f64"), 0, &d) && d == 1e300, "f64[0]");
    CHECK(gguf_arr_f64(gguf_find(f, "a.f32"), 1, &d) && d == -2.25, "f32[1]");
    CHECK(!gguf_arr_i64(gguf_find(f, "a.f32"), 1, &i), "float array is not integer");
    CHECK(gguf_arr_i64(gguf_find(f, "a.bool"), 1, &i) && i == 0, "bool[1]");
    kv = gguf_find(f, "a.empty");
    CHECK(kv && kv->type == GGUF_ARRAY && kv->arr_n == 0 && !gguf_arr_i64(kv, 0, &i), "empty arr");
    kv = gguf_find(f, "a.str");
    CHECK(kv && kv->arr_type == GGUF_STRING && kv->arr_n == 3 && kv->arr_str[1].len == 0 &&
              kv->arr_str[2].len == 6 && memcmp(kv->arr_str[0].data, "alpha", 5) == 0,
          "string array");
    CHECK(f->n_tensors == 4, "4 tensors");
    const struct gguf_tensor *t = gguf_find_tensor(f, "r");
    CHECK(t && t->nbytes == 76800 && ((const float *)t->data)[0] == 100.0f &&
              ((const float *)t->data)[19199] == 19299.0f,
          "filled tensor r");
    t = gguf_find_tensor(f, "a");
    CHECK(t && t->type == KERN_F32 && t->n_dims == 2 && t->ne[0] == 5 && t->ne[1] == 3 &&
              t->ne[2] == 1 && t->nbytes == sizeof a && memcmp(t->data, a, sizeof a) == 0,
          "tensor a");
    t = gguf_find_tensor(f, "q");
    CHECK(t && t->type == KERN_Q8_0 && t->nbytes == 2 * q8 && t->offset % 64 == 0 &&
              memcmp(t->data, qd, 2 * q8) == 0,
          "tensor q");
    if (t) {
        float back[64];
        kern_dequant_row(KERN_Q8_0, (const uint8_t *)t->data + q8, back, 64);
        CHECK(back[3] > src[67] - 0.01f && back[3] < src[67] + 0.01f,
              "q8_0 values survive: %g vs %g", back[3], src[67]);
    }
    t = gguf_find_tensor(f, "h");
    CHECK(t && t->type == KERN_F16 && t->n_dims == 1 && t->nbytes == 14 &&
              kern_fp16_to_f32(((const uint16_t *)t->data)[6]) == 6.0f,
          "tensor h");
    gguf_close(f);
    unlink(path);
    free(qd);
}

/* ------------------------------------------------------------------------------------------ */
/* Hostile files, byte by byte */

struct buf {
    uint8_t d[8192];
    size_t n;
};

static void put(struct buf *b, const void *p, size_t n)
{
    memcpy(b->d + b->n, p, n);
    b->n += n;
}
static void put_u32(struct buf *b, uint32_t v)
{
    put(b, &v, 4);
}
static void put_u64(struct buf *b, uint64_t v)
{
    put(b, &v, 8);
}
static void put_str(struct buf *b, const char *s)
{
    put_u64(b, strlen(s));
    put(b, s, strlen(s));
}
static void pad(struct buf *b, size_t a)
{
    while (b->n % a)
        b->d[b->n++] = 0;
}

/* The knobs one hostile file turns. */
struct spec {
    uint32_t version;
    const char *magic;
    uint64_t n_tensors_override, n_kv_override; /* 0: the real counts */
    bool dup_key, dup_tensor, bad_alignment, nested, bool2, unknown_kv_type;
    uint32_t n_dims; /* of the second tensor; 0: 2 */
    int64_t dim1;    /* of the second tensor; 0: 4 */
    int64_t dim0;    /* of the second tensor; 0: 32 */
    uint32_t type2;  /* of the second tensor; 0: F32 */
    int64_t offset2; /* of the second tensor; -1: the right one */
    uint64_t strlen_override;
    uint64_t arrlen_override;
};

/* header, 3 kv (general.alignment u32 32, a string, an i32 array), 2 tensors:
 * "w1" f32 [8] at 0, "w2" f32 [32, 4] at 32 (by default). */
static void build(struct buf *b, const struct spec *s)
{
    b->n = 0;
    put(b, s->magic ? s->magic : "GGUF", 4);
    put_u32(b, s->version ? s->version : 3);
    put_u64(b, s->n_tensors_override ? s->n_tensors_override : 2);
    put_u64(b, s->n_kv_override ? s->n_kv_override : 3 + (s->dup_key ? 1 : 0));
    put_str(b, "general.alignment");
    put_u32(b, GGUF_UINT32);
    put_u32(b, s->bad_alignment ? 24 : 32);
    put_str(b, "general.name");
    if (s->bool2) {
        put_u32(b, GGUF_BOOL);
        uint8_t two = 2;
        put(b, &two, 1);
    } else if (s->unknown_kv_type) {
        put_u32(b, 13);
        put_u32(b, 0);
    } else {
        put_u32(b, GGUF_STRING);
        if (s->strlen_override) {
            put_u64(b, s->strlen_override);
            put(b, "abc", 3);
        } else {
            put_str(b, "hostile");
        }
    }
    put_str(b, "test.arr");
    put_u32(b, GGUF_ARRAY);
    put_u32(b, s->nested ? GGUF_ARRAY : GGUF_INT32);
    put_u64(b, s->arrlen_override ? s->arrlen_override : 2);
    put_u32(b, 7);
    put_u32(b, 9);
    if (s->dup_key) {
        put_str(b, "general.name");
        put_u32(b, GGUF_STRING);
        put_str(b, "again");
    }
    put_str(b, "w1");
    put_u32(b, 1);
    put_u64(b, 8);
    put_u32(b, KERN_F32);
    put_u64(b, 0);
    put_str(b, s->dup_tensor ? "w1" : "w2");
    uint32_t nd = s->n_dims ? s->n_dims : 2;
    put_u32(b, nd);
    for (uint32_t d = 0; d < nd && d < 8; d++) {
        int64_t v = d == 0 ? (s->dim0 ? s->dim0 : 32) : d == 1 ? (s->dim1 ? s->dim1 : 4) : 1;
        put(b, &v, 8);
    }
    put_u32(b, s->type2 ? s->type2 : KERN_F32);
    put_u64(b, s->offset2 >= 0 ? (uint64_t)s->offset2 : 32);
    pad(b, 32);
    for (int i = 0; i < 32 + 32 * 4 * 4; i++)
        b->d[b->n++] = (uint8_t)i;
}

static void expect_err(const char *what, const struct spec *s, const char *needle)
{
    struct buf b;
    char err[512] = "";
    build(&b, s);
    struct gguf_file *f = gguf_open_buffer(b.d, b.n, err, sizeof err);
    CHECK(f == NULL, "%s: accepted", what);
    CHECK(strstr(err, needle) != NULL, "%s: message \"%s\" lacks \"%s\"", what, err, needle);
    gguf_close(f);
}

static void test_hostile(const char *tmpdir)
{
    struct buf b;
    char err[512];
    struct spec ok = {.offset2 = -1};
    build(&b, &ok);
    struct gguf_file *f = gguf_open_buffer(b.d, b.n, err, sizeof err);
    CHECK(f != NULL, "the valid base file: %s", err);
    if (f) {
        CHECK(f->n_tensors == 2 && gguf_find_tensor(f, "w2")->nbytes == 512, "base file");
        gguf_close(f);
    }
    /* Every truncation is refused (or, if only padding after the data is cut, read in bounds) */
    for (size_t n = 0; n < b.n; n++) {
        uint8_t *copy = malloc(n ? n : 1); /* exactly n bytes, so ASan sees any overread */
        memcpy(copy, b.d, n);
        f = gguf_open_buffer(copy, n, err, sizeof err);
        CHECK(f == NULL && (strstr(err, "truncated") || strstr(err, "beyond the end")),
              "truncated to %zu bytes: %s", n, f ? "accepted" : err);
        gguf_close(f);
        free(copy);
    }
    struct spec s;
#define SPEC(...) (s = (struct spec){.offset2 = -1, __VA_ARGS__}, &s)
    expect_err("magic", SPEC(.magic = "GGML"), "bad magic 'GGML'");
    expect_err("version 1", SPEC(.version = 1), "unsupported GGUF version 1");
    expect_err("version 4", SPEC(.version = 4), "unsupported GGUF version 4");
    expect_err("big-endian", SPEC(.version = 0x03000000), "big-endian");
    expect_err("n_kv", SPEC(.n_kv_override = 1ull << 60),
               "key/value count 1152921504606846976 is absurd");
    expect_err("n_tensors", SPEC(.n_tensors_override = 1ull << 40),
               "tensor count 1099511627776 is absurd");
    expect_err("string length", SPEC(.strlen_override = 1ull << 50), "string length");
    expect_err("string length wrap", SPEC(.strlen_override = ~0ull), "beyond the end of the file");
    expect_err("array length", SPEC(.arrlen_override = 1ull << 61), "array of 2305843009213693952");
    expect_err("nested array", SPEC(.nested = true), "nested arrays");
    expect_err("bool 2", SPEC(.bool2 = true), "bool value is 2");
    expect_err("kv type", SPEC(.unknown_kv_type = true), "unknown value type 13");
    expect_err("duplicate key", SPEC(.dup_key = true), "duplicate key 'general.name'");
    expect_err("duplicate tensor", SPEC(.dup_tensor = true), "duplicate tensor name 'w1'");
    expect_err("alignment", SPEC(.bad_alignment = true), "alignment 24 is not a power of two");
    expect_err("n_dims", SPEC(.n_dims = 5), "n_dims 5 is more than 4");
    expect_err("negative dim", SPEC(.dim1 = -1), "dimension 1 is -1");
    expect_err("dim overflow", SPEC(.n_dims = 4, .dim1 = 1ll << 62), "tensor 'w2'");
    expect_err("unknown type", SPEC(.type2 = 99), "unknown tensor type 99");
    expect_err("block multiple", SPEC(.type2 = KERN_Q8_0, .dim0 = 33), "not a multiple of q8_0");
    expect_err("misaligned", SPEC(.offset2 = 40),
               "offset 40 is not a multiple of the alignment 32");
    expect_err("out of range", SPEC(.offset2 = 1 << 20), "beyond the end of the data section");
    expect_err("overlap", SPEC(.offset2 = 0), "overlap");
    expect_err("too big", SPEC(.dim1 = 5), "beyond the end of the data section");
#undef SPEC
    /* A dimension of zero, and a product that overflows int64 (0 means "default" in the spec,
     * so a marker value is patched instead). */
    {
        struct buf c;
        struct spec base = {.offset2 = -1, .dim0 = 0x7766554433221100ll};
        build(&c, &base);
        uint8_t pat[8];
        int64_t v = 0x7766554433221100ll;
        memcpy(pat, &v, 8);
        uint8_t *p = memmem(c.d, c.n, pat, 8);
        CHECK(p != NULL, "pattern");
        if (p) {
            memset(p, 0, 8);
            f = gguf_open_buffer(c.d, c.n, err, sizeof err);
            CHECK(!f && strstr(err, "dimension 0 is 0 (must be positive)"), "dim 0: %s", err);
            gguf_close(f);
            int64_t big = 1ll << 40;
            memcpy(p, &big, 8);
            memcpy(p + 8, &big, 8);
            f = gguf_open_buffer(c.d, c.n, err, sizeof err);
            CHECK(!f && strstr(err, "element count overflows"), "overflow: %s", err);
            gguf_close(f);
        }
    }
    /* files on disk: empty, not a file */
    char path[4096];
    snprintf(path, sizeof path, "%s/empty.gguf", tmpdir);
    FILE *fp = fopen(path, "wb");
    fclose(fp);
    f = gguf_open(path, err, sizeof err);
    CHECK(!f && strstr(err, "truncated file: 0 bytes"), "empty: %s", err);
    unlink(path);
    f = gguf_open(tmpdir, err, sizeof err);
    CHECK(!f && strstr(err, "not a regular file"), "directory: %s", err);
    f = gguf_open("/nonexistent/model.gguf", err, sizeof err);
    CHECK(!f && strstr(err, "No such file"), "missing: %s", err);
}

int main(void)
{
    const char *dir = hub_test_refdir();
    char tmpdir[] = "/tmp/test-gguf-XXXXXX";
    if (!mkdtemp(tmpdir)) {
        fprintf(stderr, "mkdtemp: %s\n", strerror(errno));
        return 1;
    }
    for (size_t i = 0; i < sizeof models / sizeof models[0]; i++)
        test_reference(dir, models[i], tmpdir);
    test_vocab_copy(dir, tmpdir);
    test_fresh(tmpdir);
    test_hostile(tmpdir);
    rmdir(tmpdir);
    if (failures) {
        fprintf(stderr, "%d failures\n", failures);
        return 1;
    }
    printf(
        "all GGUF checks passed (%zu reference models and the vocabulary copied byte for byte)\n",
        sizeof models / sizeof models[0]);
    return 0;
}
