/*
 * fuzz-gguf.c: libFuzzer target for the GGUF reader (engine/gguf.c) and, when the input holds a
 * vocabulary, the tokenizer loader and encoder (engine/tokenizer.c). Whatever the bytes, opening
 * must either fail with a message or give a file whose every key, array element, string and
 * tensor byte can be touched without reading outside the input (ASan checks that; the input
 * buffer is exactly `size` bytes).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/gguf.h"
#include "engine/tokenizer.h"

static volatile uint64_t sink;

static void touch_kv(const struct gguf_file *f, const struct gguf_kv *kv)
{
    char key[256];
    size_t n = kv->key.len < sizeof key - 1 ? (size_t)kv->key.len : sizeof key - 1;
    memcpy(key, kv->key.data, n);
    key[n] = '\0';
    uint32_t u;
    int64_t i;
    float x;
    bool b;
    if (!memchr(key, 0, n) && n == kv->key.len) {
        if (!gguf_find(f, key)) abort(); /* every key can be found again */
        if (gguf_get_u32(f, key, &u)) sink += u;
        if (gguf_get_i64(f, key, &i)) sink += (uint64_t)i;
        if (gguf_get_f32(f, key, &x)) sink += (uint64_t)(x == x);
        if (gguf_get_bool(f, key, &b)) sink += b;
        char *s = gguf_get_str(f, key);
        if (s) sink += strlen(s);
        free(s);
    }
    if (kv->type == GGUF_STRING && kv->arr_str->len) {
        sink += (uint8_t)kv->arr_str->data[0] + (uint8_t)kv->arr_str->data[kv->arr_str->len - 1];
    }
    if (kv->type == GGUF_ARRAY) {
        for (uint64_t k = 0; k < kv->arr_n; k++) {
            double d;
            if (kv->arr_type == GGUF_STRING) {
                const struct gguf_str *s = &kv->arr_str[k];
                if (s->len) sink += (uint8_t)s->data[0] + (uint8_t)s->data[s->len - 1];
            } else {
                if (gguf_arr_i64(kv, k, &i)) sink += (uint64_t)i;
                if (gguf_arr_f64(kv, k, &d)) sink += (uint64_t)(d == d);
            }
        }
        if (gguf_arr_i64(kv, kv->arr_n, &i)) abort(); /* one past the end is refused */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512] = "";
    struct gguf_file *f = gguf_open_buffer(data, size, err, sizeof err);
    if (!f) {
        if (!err[0]) abort(); /* a refusal always says why */
        return 0;
    }
    for (uint64_t k = 0; k < f->n_kv; k++)
        touch_kv(f, &f->kv[k]);
    for (uint64_t k = 0; k < f->n_tensors; k++) {
        const struct gguf_tensor *t = &f->tensors[k];
        if (gguf_find_tensor(f, t->name) != t) abort();
        if (t->nbytes) {
            const uint8_t *p = t->data;
            sink += p[0] + p[t->nbytes - 1];
        }
    }
    /* The writer accepts everything the reader accepted. */
    struct gguf_writer *w = gguf_writer_new();
    for (uint64_t k = 0; k < f->n_kv && w; k++)
        if (gguf_writer_copy_kv(w, &f->kv[k]) != 0 && f->kv[k].key.len < 200 &&
            !memchr(f->kv[k].key.data, 0, (size_t)f->kv[k].key.len))
            abort();
    for (uint64_t k = 0; k < f->n_tensors && w; k++) {
        const struct gguf_tensor *t = &f->tensors[k];
        if (gguf_writer_add_tensor(w, t->name, t->type, t->n_dims, t->ne, t->data, t->nbytes) != 0)
            abort();
    }
    gguf_writer_free(w);

    struct tok_vocab *v = tok_load(f, err, sizeof err);
    if (v) {
        static const char *const texts[] = {"Hello world, it's 12345!", "把客厅的灯打开 ok",
                                            "  \n\t x\xff\xc3 émoji 🙂"};
        for (size_t k = 0; k < 4; k++) {
            const char *s = k < 3 ? texts[k] : (const char *)data;
            size_t len = k < 3 ? strlen(s) : (size < 64 ? size : 64);
            int32_t *ids;
            size_t n;
            if (tok_encode(v, s, len, TOK_DEFAULT, &ids, &n) == 0) {
                char *d = tok_decode(v, ids, n, true, NULL);
                if (!d) abort(); /* every id it made is in range */
                free(d);
                free(ids);
            }
        }
        tok_free(v);
    }
    gguf_close(f);
    return 0;
}
