/*
 * fuzz-gguf.c: libFuzzer target for the GGUF reader (engine/gguf.c) and the tokenizer
 * (engine/tokenizer.c).
 *  - Inputs starting with "GGUF" are files: opening must either fail with a message or give a
 *    file whose every key, array element, string and tensor byte can be touched without reading
 *    outside the input (ASan checks that; the buffer is exactly `size` bytes); a vocabulary in
 *    it is loaded and used.
 *  - Other inputs are text for DeepSeek-LLM's vocabulary (from $HUB_REFERENCE_DIR when set) with
 *    its deepseek-llm and gpt2 pre-tokenizers: every id in range, and valid UTF-8 comes back
 *    unchanged from decode(encode(text)).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static struct tok_vocab *fz_vocab[2]; /* deepseek-llm, gpt2 */

/* The vocabulary of path with tokenizer.ggml.pre replaced (through a temporary file). */
static struct tok_vocab *fz_load(const char *path, const char *pre)
{
    char err[512];
    struct gguf_file *f = gguf_open(path, err, sizeof err);
    if (!f) return NULL;
    struct gguf_writer *w = gguf_writer_new();
    for (uint64_t k = 0; k < f->n_kv; k++)
        gguf_writer_copy_kv(w, &f->kv[k]);
    gguf_writer_set_str(w, "tokenizer.ggml.pre", pre);
    char tmp[] = "/tmp/fuzz-gguf-XXXXXX";
    int fd = mkstemp(tmp);
    struct tok_vocab *v = NULL;
    if (fd >= 0 && gguf_writer_write(w, tmp, err, sizeof err) == 0) {
        struct gguf_file *g = gguf_open(tmp, err, sizeof err);
        if (g) v = tok_load(g, err, sizeof err);
        gguf_close(g);
    }
    if (fd >= 0) {
        close(fd);
        unlink(tmp);
    }
    gguf_writer_free(w);
    gguf_close(f);
    return v;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *ref = getenv("HUB_REFERENCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tokenize/vocab-deepseek-llm.gguf", ref ? ref : "/nonexistent");
    if (!ref || access(path, R_OK) != 0)
        snprintf(path, sizeof path, "%s/tests/data/gguf/vocab.gguf",
                 getenv("top_srcdir") ? getenv("top_srcdir") : ".");
    fz_vocab[0] = fz_load(path, "deepseek-llm");
    fz_vocab[1] = fz_load(path, "gpt2");
    if (!fz_vocab[0] || !fz_vocab[1]) fprintf(stderr, "fuzz-gguf: no vocabulary at %s\n", path);
    return 0;
}

/* Strictly valid UTF-8 (no overlongs, surrogates or values past U+10FFFF): the text the
 * tokenizer gives back unchanged. */
static bool fz_valid_utf8(const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint8_t c = s[i];
        size_t len = c < 0x80             ? 1
                     : (c & 0xe0) == 0xc0 ? 2
                     : (c & 0xf0) == 0xe0 ? 3
                     : (c & 0xf8) == 0xf0 ? 4
                                          : 0;
        if (len == 0 || i + len > n) return false;
        uint32_t cp = len == 1 ? c : (uint32_t)(c & (0x7f >> len));
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        i += len;
    }
    return true;
}

static void fz_text(const uint8_t *data, size_t size)
{
    /* ~1 us a byte under the sanitizers; long inputs would only slow the search down */
    if (size > 512) size = 512;
    bool valid = fz_valid_utf8(data, size);
    for (int k = 0; k < 2; k++) {
        if (!fz_vocab[k]) continue;
        for (unsigned flags = 0; flags <= TOK_DEFAULT; flags += TOK_DEFAULT) {
            int32_t *ids;
            size_t n;
            if (tok_encode(fz_vocab[k], (const char *)data, size, flags, &ids, &n) != 0) abort();
            size_t len;
            char *d = tok_decode(fz_vocab[k], ids, n, false, &len);
            if (!d) abort(); /* every id is in range */
            /* Without special-token parsing every byte of valid text is encoded as text */
            if (flags == 0 && valid && (len != size || memcmp(d, data, size) != 0)) abort();
            free(d);
            free(ids);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512] = "";
    if (size < 4 || memcmp(data, "GGUF", 4) != 0) {
        fz_text(data, size);
        /* still a (refused) file: the reader must say why */
        if (gguf_open_buffer(data, size, err, sizeof err) || !err[0]) abort();
        return 0;
    }
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
