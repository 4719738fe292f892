/*
 * test-tokenizer.c: the BPE tokenizer against llama.cpp's own ids in $HUB_REFERENCE_DIR/tokenize:
 *   - ds2-lite-vocab1024.json: strings.txt with the reference models' 1024-token vocabulary;
 *   - vocab-deepseek-llm.json: strings.txt with DeepSeek-LLM's full vocabulary;
 *   - vocab-deepseek-llm.gguf.inp/.out: llama.cpp's test-tokenizer-0 pair (no BOS).
 * Every id must be identical. Also: decode(encode(s)) == s, the gpt2 pre-tokenizer on its own,
 * and refusals (no merges, another tokenizer model, unknown pre-tokenizer, ids out of range).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/gguf.h"
#include "engine/tokenizer.h"
#include "tests/hub-check.h"

static int checked;

static char *read_file(const char *path, size_t *len)
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
    if (buf) {
        buf[n] = '\0';
        if (len) *len = (size_t)n;
    }
    return buf;
}

static struct tok_vocab *load_vocab(const char *path)
{
    char err[512];
    struct gguf_file *f = gguf_open(path, err, sizeof err);
    if (!f) {
        fprintf(stderr, "FAIL open %s: %s\n", path, err);
        failures++;
        return NULL;
    }
    struct tok_vocab *v = tok_load(f, err, sizeof err);
    gguf_close(f);
    if (!v) {
        fprintf(stderr, "FAIL tok_load %s: %s\n", path, err);
        failures++;
    }
    return v;
}

static void print_ids(const char *what, const int32_t *ids, size_t n)
{
    fprintf(stderr, "  %s:", what);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, " %d", ids[i]);
    fputc('\n', stderr);
}

/* Compare encode(text) with the expected ids; on a mismatch print both. Also checks that
 * decoding gives the text back (valid UTF-8 text survives byte-level BPE unchanged). */
static void check_ids(const struct tok_vocab *v, const char *label, const char *text, size_t len,
                      unsigned flags, const int32_t *want, size_t nwant)
{
    int32_t *ids;
    size_t n;
    int rc = tok_encode(v, text, len, flags, &ids, &n);
    checked++;
    CHECK(rc == 0, "%s: encode failed %d", label, rc);
    if (rc != 0) return;
    bool same = n == nwant && memcmp(ids, want, n * sizeof *ids) == 0;
    CHECK(same, "%s: ids differ from llama.cpp for \"%.*s\"", label, (int)len, text);
    if (!same) {
        print_ids("want", want, nwant);
        print_ids("got ", ids, n);
    }
    size_t dl;
    char *back = tok_decode(v, ids, n, false, &dl);
    CHECK(back && dl == len && memcmp(back, text, len) == 0, "%s: decode gives \"%s\"", label,
          back ? back : "(null)");
    free(back);
    free(ids);
}

/* strings.txt: one string a line, "\n" written as backslash-n. Returns the count. */
static int load_strings(const char *dir, char ***out)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tokenize/strings.txt", dir);
    char *all = read_file(path, NULL);
    if (!all) return -1;
    int n = 0, cap = 64;
    char **s = malloc((size_t)cap * sizeof *s);
    for (char *line = strtok(all, "\n"); line; line = strtok(NULL, "\n")) {
        char *u = malloc(strlen(line) + 1), *w = u;
        for (const char *r = line; *r; r++) {
            if (r[0] == '\\' && r[1] == 'n') {
                *w++ = '\n';
                r++;
            } else {
                *w++ = *r;
            }
        }
        *w = '\0';
        if (n == cap) s = realloc(s, (size_t)(cap *= 2) * sizeof *s);
        s[n++] = u;
    }
    free(all);
    *out = s;
    return n;
}

static void test_json(const char *dir, const char *json_name, char **strings, int nstr)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tokenize/%s", dir, json_name);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    CHECK(root != NULL, "%s: %s", path, jerr.text);
    if (!root) return;
    const char *model = json_string_value(json_object_get(root, "model"));
    json_t *all = json_object_get(root, "ids");
    CHECK(model && json_is_array(all), "%s: no model/ids", path);
    if (!model || !json_is_array(all)) goto out;
    /* "model" is relative to the reference dir; the vocabulary lives in tokenize/ or models/ */
    snprintf(path, sizeof path, "%s/%s", dir, model);
    struct tok_vocab *v = load_vocab(path);
    if (!v) goto out;
    CHECK((int)json_array_size(all) == nstr, "%s: %zu id lists for %d strings", json_name,
          json_array_size(all), nstr);
    for (int i = 0; i < nstr && i < (int)json_array_size(all); i++) {
        json_t *arr = json_array_get(all, (size_t)i);
        size_t nw = json_array_size(arr);
        int32_t *want = malloc((nw ? nw : 1) * sizeof *want);
        for (size_t j = 0; j < nw; j++)
            want[j] = (int32_t)json_integer_value(json_array_get(arr, j));
        char label[128];
        snprintf(label, sizeof label, "%s string %d", json_name, i + 1);
        check_ids(v, label, strings[i], strlen(strings[i]), TOK_DEFAULT, want, nw);
        free(want);
    }
    tok_free(v);
out:
    json_decref(root);
}

/* llama.cpp's tests/test-tokenizer-0 pair: texts separated by "\n__ggml_vocab_test__\n", one
 * line of space-separated ids per text, no BOS. */
static void test_inp_out(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tokenize/vocab-deepseek-llm.gguf", dir);
    struct tok_vocab *v = load_vocab(path);
    if (!v) return;
    snprintf(path, sizeof path, "%s/tokenize/vocab-deepseek-llm.gguf.inp", dir);
    size_t inl;
    char *inp = read_file(path, &inl);
    snprintf(path, sizeof path, "%s/tokenize/vocab-deepseek-llm.gguf.out", dir);
    char *outp = read_file(path, NULL);
    CHECK(inp && outp, "cannot read the .inp/.out pair");
    if (!inp || !outp) goto done;
    static const char sep[] = "\n__ggml_vocab_test__\n";
    char *p = inp, *o = outp;
    int k = 0;
    while (*p) {
        char *e = strstr(p, sep);
        if (!e) break;
        char *eol = strchr(o, '\n');
        CHECK(eol != NULL, ".out has fewer lines than .inp has texts (%d)", k);
        if (!eol) break;
        *eol = '\0';
        int32_t want[4096];
        size_t nw = 0;
        for (char *t = strtok(o, " "); t && nw < 4096; t = strtok(NULL, " "))
            want[nw++] = atoi(t);
        char label[64];
        snprintf(label, sizeof label, ".inp text %d", k + 1);
        check_ids(v, label, p, (size_t)(e - p), TOK_PARSE_SPECIAL, want, nw);
        p = e + strlen(sep);
        o = eol + 1;
        k++;
    }
    CHECK(k == 46, "expected 46 texts in the .inp file, read %d", k);
done:
    free(inp);
    free(outp);
    tok_free(v);
}

/* Write a copy of src's tokenizer keys with some changes, then load it. */
static struct tok_vocab *load_modified(const struct gguf_file *src, const char *skip_key,
                                       const char *set_key, const char *set_str, uint32_t set_u32,
                                       char *err, size_t errlen)
{
    struct gguf_writer *w = gguf_writer_new();
    for (uint64_t i = 0; i < src->n_kv; i++) {
        const struct gguf_kv *kv = &src->kv[i];
        if (skip_key && kv->key.len == strlen(skip_key) &&
            memcmp(kv->key.data, skip_key, kv->key.len) == 0)
            continue;
        gguf_writer_copy_kv(w, kv);
    }
    if (set_key && set_str)
        gguf_writer_set_str(w, set_key, set_str);
    else if (set_key)
        gguf_writer_set_u32(w, set_key, set_u32);
    char path[] = "/tmp/test-tokenizer-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    struct tok_vocab *v = NULL;
    char werr[256];
    if (gguf_writer_write(w, path, werr, sizeof werr) != 0) {
        snprintf(err, errlen, "write: %s", werr);
    } else {
        struct gguf_file *f = gguf_open(path, err, errlen);
        if (f) {
            v = tok_load(f, err, errlen);
            gguf_close(f);
        }
    }
    unlink(path);
    gguf_writer_free(w);
    return v;
}

static void test_refusals(const char *dir)
{
    char path[4096], err[512];
    snprintf(path, sizeof path, "%s/models/ds2-lite-f32.gguf", dir);
    struct gguf_file *f = gguf_open(path, err, sizeof err);
    CHECK(f != NULL, "%s", err);
    if (!f) return;
    struct tok_vocab *v;

    v = load_modified(f, "tokenizer.ggml.merges", NULL, NULL, 0, err, sizeof err);
    CHECK(v == NULL && strstr(err, "without merges"), "no merges: %s", err);
    tok_free(v);
    v = load_modified(f, NULL, "tokenizer.ggml.model", "llama", 0, err, sizeof err);
    CHECK(v == NULL && strstr(err, "'llama' is not supported"), "model llama: %s", err);
    tok_free(v);
    v = load_modified(f, NULL, "tokenizer.ggml.pre", "klingon", 0, err, sizeof err);
    CHECK(v == NULL && strstr(err, "unknown pre-tokenizer") && strstr(err, "klingon"), "pre: %s",
          err);
    tok_free(v);
    v = load_modified(f, NULL, "tokenizer.ggml.bos_token_id", NULL, 5000, err, sizeof err);
    CHECK(v == NULL && strstr(err, "bos_token_id = 5000 is outside"), "bos: %s", err);
    tok_free(v);
    v = load_modified(f, "tokenizer.ggml.tokens", NULL, NULL, 0, err, sizeof err);
    CHECK(v == NULL && strstr(err, "tokenizer.ggml.tokens is missing"), "tokens: %s", err);
    tok_free(v);

    /* The other pre-tokenizers compile and give text back unchanged (their ids are not checked
     * against llama.cpp here: no reference data) */
    static const char *const pres[] = {"default", "deepseek-coder", "deepseek-v3",
                                       "qwen2",   "llama3",         "llama-bpe"};
    for (size_t i = 0; i < sizeof pres / sizeof pres[0]; i++) {
        v = load_modified(f, NULL, "tokenizer.ggml.pre", pres[i], 0, err, sizeof err);
        CHECK(v != NULL, "pre %s: %s", pres[i], err);
        if (!v) continue;
        const char *text = "Hello world's 12345 \xe4\xb8\xad\xe6\x96\x87!\n  x";
        int32_t *ids;
        size_t n;
        CHECK(tok_encode(v, text, strlen(text), 0, &ids, &n) == 0, "encode");
        char *dec = tok_decode(v, ids, n, false, NULL);
        CHECK(dec && strcmp(dec, text) == 0, "%s round trip: %s", pres[i], dec ? dec : "");
        free(dec);
        free(ids);
        tok_free(v);
    }

    /* The plain gpt2 pre-tokenizer on the same vocabulary: spaces attach to the next word,
     * contractions split, digits stay together (deepseek-llm splits them one by one). */
    v = load_modified(f, NULL, "tokenizer.ggml.pre", "gpt2", 0, err, sizeof err);
    CHECK(v != NULL, "gpt2 pre: %s", err);
    if (v) {
        CHECK(strcmp(tok_pre_name(v), "gpt2") == 0, "pre name %s", tok_pre_name(v));
        const char *text = "it's 123  ok";
        int32_t *ids;
        size_t n;
        CHECK(tok_encode(v, text, strlen(text), 0, &ids, &n) == 0, "encode");
        /* pieces: "it" "'s" " 123" " " " ok" */
        char *dec = tok_decode(v, ids, n, false, NULL);
        CHECK(dec && strcmp(dec, text) == 0, "gpt2 round trip: %s", dec ? dec : "");
        free(dec);
        int32_t sp = tok_find(v, "Ġ", strlen("Ġ"));
        bool saw_lone_space = false;
        for (size_t i = 0; i < n; i++)
            saw_lone_space |= ids[i] == sp;
        CHECK(sp >= 0 && saw_lone_space, "gpt2: the double space leaves a lone space token");
        free(ids);
        tok_free(v);
    }
    gguf_close(f);
}

/* Special tokens in the text, invalid UTF-8, empty input, BOS handling. */
static void test_specials(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tokenize/vocab-deepseek-llm.gguf", dir);
    struct tok_vocab *v = load_vocab(path);
    if (!v) return;
    CHECK(tok_n_vocab(v) == 102400, "n_vocab %d", tok_n_vocab(v));
    CHECK(tok_bos(v) == 100000 && tok_eos(v) == 100001 && tok_add_bos(v), "bos/eos");
    CHECK(tok_is_eog(v, 100001) && !tok_is_eog(v, 100000) && !tok_is_eog(v, 5), "eog");
    /* deepseek-llm's pieces: letters, then digits apart from spaces, CJK apart, punctuation */
    {
        const char *t = "Hello 123 \xe4\xb8\x96\xe7\x95\x8c!";
        size_t *pl, np;
        static const size_t want[] = {5, 1, 3, 1, 2, 1};
        CHECK(tok_pretokenize(v, t, strlen(t), &pl, &np) == 0 && np == 6 &&
                  memcmp(pl, want, sizeof want) == 0,
              "pieces of \"%s\": %zu", t, np);
        free(pl);
    }
    size_t bl;
    const char *bos = tok_text(v, 100000, &bl);
    int32_t *ids;
    size_t n;
    char text[256];
    snprintf(text, sizeof text, "%.*sHello", (int)bl, bos);
    CHECK(tok_encode(v, text, strlen(text), TOK_PARSE_SPECIAL, &ids, &n) == 0, "encode");
    CHECK(n >= 2 && ids[0] == 100000, "BOS text parsed as the BOS token (got %d)", n ? ids[0] : -1);
    free(ids);
    CHECK(tok_encode(v, text, strlen(text), 0, &ids, &n) == 0, "encode");
    CHECK(n > 2 && ids[0] != 100000, "without parse_special the BOS text is plain text");
    free(ids);
    CHECK(tok_encode(v, "", 0, TOK_DEFAULT, &ids, &n) == 0 && n == 1 && ids[0] == 100000,
          "empty text gives just BOS");
    free(ids);
    /* invalid UTF-8: no crash, every byte accounted for as U+FFFD */
    const char bad[] = "a\xff\xc3(\xe2\x82";
    CHECK(tok_encode(v, bad, sizeof bad - 1, 0, &ids, &n) == 0 && n > 0, "invalid utf-8");
    char *dec = tok_decode(v, ids, n, false, NULL);
    CHECK(dec && strcmp(dec, "a\xef\xbf\xbd\xef\xbf\xbd(\xef\xbf\xbd\xef\xbf\xbd") == 0,
          "invalid bytes decode as U+FFFD: %s", dec ? dec : "");
    free(dec);
    free(ids);
    char piece[64];
    CHECK(tok_piece(v, 100000, false, piece, sizeof piece) == 0, "control hidden");
    CHECK(tok_piece(v, 100000, true, piece, sizeof piece) == (int)bl, "control shown");
    CHECK(tok_piece(v, 102400, true, piece, sizeof piece) == -1, "bad id");
    tok_free(v);
}

/* A small vocabulary made here: the 256 byte tokens, "he", "<|endoftext|>" typed NORMAL (a
 * text llama.cpp promotes to control), optionally a duplicate of "he". */
static struct tok_vocab *tiny_vocab(bool duplicate, char *err, size_t errlen)
{
    static char tok[256][4];
    const char *toks[260];
    int32_t types[260];
    int n = 0, k = 0;
    for (int b = 0; b < 256; b++) {
        int printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || b >= 0xae;
        unsigned cp = printable ? (unsigned)b : 256u + (unsigned)k++;
        if (cp < 0x80) {
            tok[b][0] = (char)cp;
        } else {
            tok[b][0] = (char)(0xc0 | (cp >> 6));
            tok[b][1] = (char)(0x80 | (cp & 0x3f));
        }
        toks[n] = tok[b];
        types[n++] = TOK_TYPE_NORMAL;
    }
    toks[n] = "he";
    types[n++] = TOK_TYPE_NORMAL;
    toks[n] = "<|endoftext|>";
    types[n++] = TOK_TYPE_NORMAL;
    if (duplicate) {
        toks[n] = "he";
        types[n++] = TOK_TYPE_NORMAL;
    }
    const char *merges[] = {"h e"};
    struct gguf_writer *w = gguf_writer_new();
    gguf_writer_set_str(w, "tokenizer.ggml.model", "gpt2");
    gguf_writer_set_str(w, "tokenizer.ggml.pre", "gpt2");
    gguf_writer_set_arr_str(w, "tokenizer.ggml.tokens", toks, (uint64_t)n);
    gguf_writer_set_arr(w, "tokenizer.ggml.token_type", GGUF_INT32, types, (uint64_t)n);
    gguf_writer_set_arr_str(w, "tokenizer.ggml.merges", merges, 1);
    char path[] = "/tmp/test-tokenizer-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    struct tok_vocab *v = NULL;
    if (gguf_writer_write(w, path, err, errlen) == 0) {
        struct gguf_file *f = gguf_open(path, err, errlen);
        if (f) v = tok_load(f, err, errlen);
        gguf_close(f);
    }
    unlink(path);
    gguf_writer_free(w);
    return v;
}

static void test_tiny(void)
{
    char err[512];
    struct tok_vocab *v = tiny_vocab(true, err, sizeof err);
    CHECK(v == NULL && strstr(err, "duplicate token in vocabulary: 'he' has ids 256 and 258"),
          "duplicate: %s", err);
    tok_free(v);
    v = tiny_vocab(false, err, sizeof err);
    CHECK(v != NULL, "tiny vocabulary: %s", err);
    if (!v) return;
    CHECK(tok_type(v, 257) == TOK_TYPE_CONTROL && tok_is_eog(v, 257) && !tok_is_eog(v, 256),
          "<|endoftext|> promoted to control and end of generation");
    const char *t = "he<|endoftext|>eh";
    int32_t *ids;
    size_t n;
    CHECK(tok_encode(v, t, strlen(t), TOK_DEFAULT, &ids, &n) == 0, "encode");
    static const int32_t want[] = {256, 257, 'e' - 0x21 + 0x21, 'h'};
    CHECK(n == 4 && ids[0] == 256 && ids[1] == 257 && ids[2] == want[2] && ids[3] == want[3],
          "\"he<|endoftext|>eh\": %zu ids", n);
    char *d = tok_decode(v, ids, n, false, NULL);
    CHECK(d && strcmp(d, "heeh") == 0, "control hidden in decode: %s", d ? d : "");
    free(d);
    free(ids);
    tok_free(v);
}

int main(void)
{
    const char *dir = hub_test_refdir();
    char **strings;
    int nstr = load_strings(dir, &strings);
    if (nstr <= 0) {
        fprintf(stderr, "FAIL: cannot read %s/tokenize/strings.txt\n", dir);
        return 1;
    }
    test_json(dir, "ds2-lite-vocab1024.json", strings, nstr);
    test_json(dir, "vocab-deepseek-llm.json", strings, nstr);
    test_inp_out(dir);
    test_specials(dir);
    test_refusals(dir);
    test_tiny();
    for (int i = 0; i < nstr; i++)
        free(strings[i]);
    free(strings);
    printf("%d tokenizations compared, %d failures\n", checked, failures);
    return failures ? 1 : 0;
}
