/*
 * bpe_train.c: the byte-level BPE trainer behind `hub-train tokenizer` (see bpe_train.h).
 *
 * Words are the pre-tokenizer's pieces, counted once per distinct text. Each merge step takes
 * the most frequent adjacent pair, and only the words that hold it (kept in a per-pair list
 * that may hold stale entries) are re-counted, so a step costs what it changes, plus one scan
 * over the pair table to find the next best pair.
 */
#include "engine/bpe_train.h"
#include "engine/tokenizer.h"
#include "hub_log.h"
#include "hub_status.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bpe_word {
    int64_t count;
    int32_t *sym;
    int32_t n;
};

struct bpe_pair {
    int32_t a, b;
    int64_t count;
    int32_t *words; /* words that held the pair at some point (may be stale) */
    uint32_t nw, cap;
};

/* A string -> int32 hash (open addressing, power-of-two size) for word and token texts. */
struct bpe_shash {
    char **key;
    size_t *klen;
    int32_t *val;
    size_t mask, n;
};

struct bpe_ctx {
    struct bpe_word *words;
    size_t n_words, cap_words;
    struct bpe_shash word_ix;
    struct bpe_pair *pairs;
    size_t n_pairs, cap_pairs;
    int32_t *pair_hash; /* index into pairs, -1 empty */
    size_t pair_mask;
    char **tok;
    size_t n_tok, cap_tok;
    struct bpe_shash tok_ix;
    char **merges;
    size_t n_merges, cap_merges;
    bool oom;
};

static void bpe_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static uint64_t bpe_fnv(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static bool shash_grow(struct bpe_shash *h)
{
    size_t size = h->mask ? (h->mask + 1) * 2 : 1024;
    char **key = calloc(size, sizeof *key);
    size_t *klen = calloc(size, sizeof *klen);
    int32_t *val = calloc(size, sizeof *val);
    if (!key || !klen || !val) {
        free(key), free(klen), free(val);
        return false;
    }
    for (size_t i = 0; h->mask && i <= h->mask; i++) {
        if (!h->key[i]) continue;
        size_t j = bpe_fnv(h->key[i], h->klen[i]) & (size - 1);
        while (key[j])
            j = (j + 1) & (size - 1);
        key[j] = h->key[i], klen[j] = h->klen[i], val[j] = h->val[i];
    }
    free(h->key), free(h->klen), free(h->val);
    h->key = key, h->klen = klen, h->val = val, h->mask = size - 1;
    return true;
}

/* Slot of s in h: *found says whether it holds s; else it is the empty slot to fill. */
static size_t shash_slot(const struct bpe_shash *h, const char *s, size_t n, bool *found)
{
    size_t j = bpe_fnv(s, n) & h->mask;
    while (h->key[j]) {
        if (h->klen[j] == n && memcmp(h->key[j], s, n) == 0) {
            *found = true;
            return j;
        }
        j = (j + 1) & h->mask;
    }
    *found = false;
    return j;
}

/* The value of s, or insert s (copied) with value v. Returns the value, -1 when out of memory. */
static int32_t shash_get_or_put(struct bpe_shash *h, const char *s, size_t n, int32_t v,
                                bool *inserted)
{
    if ((h->n + 1) * 2 > h->mask + 1 && !shash_grow(h)) return -1;
    bool found;
    size_t j = shash_slot(h, s, n, &found);
    *inserted = !found;
    if (found) return h->val[j];
    char *k = malloc(n + 1);
    if (!k) return -1;
    memcpy(k, s, n);
    k[n] = 0;
    h->key[j] = k, h->klen[j] = n, h->val[j] = v;
    h->n++;
    return v;
}

static void shash_free(struct bpe_shash *h)
{
    for (size_t i = 0; h->mask && i <= h->mask; i++)
        free(h->key[i]);
    free(h->key), free(h->klen), free(h->val);
    memset(h, 0, sizeof *h);
}

/* GPT-2's bytes_to_unicode: printable Latin-1 bytes stand for themselves, the other 68 bytes
 * for U+0100 upwards, in byte order. */
static void bpe_byte_map(uint32_t map[256])
{
    int n = 0;
    for (int b = 0; b < 256; b++) {
        bool printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || b >= 0xae;
        map[b] = printable ? (uint32_t)b : (uint32_t)(256 + n++);
    }
}

static int bpe_utf8_put(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    out[0] = (char)(0xc0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3f));
    return 2; /* the byte alphabet stays below U+0800 */
}

/* Length in bytes of the UTF-8 sequence starting with byte c (invalid lead bytes count 1, as
 * the trainer's corpus is checked to be valid UTF-8 before it gets here). */
static size_t bpe_u8len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

static bool bpe_valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = bpe_u8len(s[i]);
        if ((s[i] & 0xc0) == 0x80 || i + k > n) return false;
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xc0) != 0x80) return false;
        i += k;
    }
    return true;
}

static int32_t bpe_add_token(struct bpe_ctx *c, const char *s, size_t n, bool *added)
{
    int32_t id = shash_get_or_put(&c->tok_ix, s, n, (int32_t)c->n_tok, added);
    if (id < 0) {
        c->oom = true;
        return -1;
    }
    if (!*added) return id;
    if (c->n_tok == c->cap_tok) {
        size_t cap = c->cap_tok ? c->cap_tok * 2 : 1024;
        char **t = realloc(c->tok, cap * sizeof *t);
        if (!t) {
            c->oom = true;
            return -1;
        }
        c->tok = t, c->cap_tok = cap;
    }
    c->tok[c->n_tok] = strndup(s, n);
    if (!c->tok[c->n_tok]) c->oom = true;
    return (int32_t)c->n_tok++;
}

/* Count one piece (raw bytes) as a word. */
static void bpe_add_word(struct bpe_ctx *c, const char *s, size_t n)
{
    bool inserted;
    int32_t w = shash_get_or_put(&c->word_ix, s, n, (int32_t)c->n_words, &inserted);
    if (w < 0) {
        c->oom = true;
        return;
    }
    if (!inserted) {
        c->words[w].count++;
        return;
    }
    if (c->n_words == c->cap_words) {
        size_t cap = c->cap_words ? c->cap_words * 2 : 4096;
        struct bpe_word *nw = realloc(c->words, cap * sizeof *nw);
        if (!nw) {
            c->oom = true;
            return;
        }
        c->words = nw, c->cap_words = cap;
    }
    struct bpe_word *wd = &c->words[c->n_words++];
    wd->count = 1;
    wd->n = (int32_t)n;
    wd->sym = malloc(n * sizeof *wd->sym);
    if (!wd->sym) {
        c->oom = true;
        wd->n = 0;
        return;
    }
    /* byte tokens are ids BPE_N_SPECIAL + byte */
    for (size_t i = 0; i < n; i++)
        wd->sym[i] = BPE_N_SPECIAL + (unsigned char)s[i];
}

static int32_t pair_find(struct bpe_ctx *c, int32_t a, int32_t b, bool create)
{
    if (create && (c->n_pairs + 1) * 2 > c->pair_mask + 1) {
        size_t size = c->pair_mask ? (c->pair_mask + 1) * 2 : 1 << 16;
        int32_t *h = malloc(size * sizeof *h);
        if (!h) {
            c->oom = true;
            return -1;
        }
        memset(h, 0xff, size * sizeof *h);
        for (size_t i = 0; i < c->n_pairs; i++) {
            uint64_t k = ((uint64_t)(uint32_t)c->pairs[i].a << 32) | (uint32_t)c->pairs[i].b;
            size_t j = (size_t)(k * 0x9e3779b97f4a7c15ull >> 20) & (size - 1);
            while (h[j] >= 0)
                j = (j + 1) & (size - 1);
            h[j] = (int32_t)i;
        }
        free(c->pair_hash);
        c->pair_hash = h, c->pair_mask = size - 1;
    }
    if (!c->pair_mask) return -1;
    uint64_t k = ((uint64_t)(uint32_t)a << 32) | (uint32_t)b;
    size_t j = (size_t)(k * 0x9e3779b97f4a7c15ull >> 20) & c->pair_mask;
    while (c->pair_hash[j] >= 0) {
        struct bpe_pair *p = &c->pairs[c->pair_hash[j]];
        if (p->a == a && p->b == b) return c->pair_hash[j];
        j = (j + 1) & c->pair_mask;
    }
    if (!create) return -1;
    if (c->n_pairs == c->cap_pairs) {
        size_t cap = c->cap_pairs ? c->cap_pairs * 2 : 1 << 15;
        struct bpe_pair *np = realloc(c->pairs, cap * sizeof *np);
        if (!np) {
            c->oom = true;
            return -1;
        }
        c->pairs = np, c->cap_pairs = cap;
    }
    c->pairs[c->n_pairs] = (struct bpe_pair){a, b, 0, NULL, 0, 0};
    c->pair_hash[j] = (int32_t)c->n_pairs;
    return (int32_t)c->n_pairs++;
}

/* Add (sign +1) or remove (-1) every adjacent pair of word w. */
static void word_pairs(struct bpe_ctx *c, int32_t w, int sign)
{
    struct bpe_word *wd = &c->words[w];
    for (int32_t i = 0; i + 1 < wd->n && !c->oom; i++) {
        int32_t p = pair_find(c, wd->sym[i], wd->sym[i + 1], sign > 0);
        if (p < 0) continue;
        struct bpe_pair *pp = &c->pairs[p];
        pp->count += sign * wd->count;
        if (sign > 0 && (pp->nw == 0 || pp->words[pp->nw - 1] != w)) {
            if (pp->nw == pp->cap) {
                uint32_t cap = pp->cap ? pp->cap * 2 : 4;
                int32_t *nw = realloc(pp->words, cap * sizeof *nw);
                if (!nw) {
                    c->oom = true;
                    return;
                }
                pp->words = nw, pp->cap = cap;
            }
            pp->words[pp->nw++] = w;
        }
    }
}

static bool bpe_push_merge(struct bpe_ctx *c, int32_t a, int32_t b)
{
    if (c->n_merges == c->cap_merges) {
        size_t cap = c->cap_merges ? c->cap_merges * 2 : 1024;
        char **m = realloc(c->merges, cap * sizeof *m);
        if (!m) return false;
        c->merges = m, c->cap_merges = cap;
    }
    size_t la = strlen(c->tok[a]), lb = strlen(c->tok[b]);
    char *s = malloc(la + lb + 2);
    if (!s) return false;
    memcpy(s, c->tok[a], la);
    s[la] = ' ';
    memcpy(s + la + 1, c->tok[b], lb + 1);
    c->merges[c->n_merges++] = s;
    return true;
}

static void bpe_ctx_free(struct bpe_ctx *c)
{
    for (size_t i = 0; i < c->n_words; i++)
        free(c->words[i].sym);
    free(c->words);
    shash_free(&c->word_ix);
    for (size_t i = 0; i < c->n_pairs; i++)
        free(c->pairs[i].words);
    free(c->pairs);
    free(c->pair_hash);
    for (size_t i = 0; i < c->n_tok; i++)
        free(c->tok[i]);
    free(c->tok);
    shash_free(&c->tok_ix);
    for (size_t i = 0; i < c->n_merges; i++)
        free(c->merges[i]);
    free(c->merges);
}

int bpe_train(const char *const *texts, const size_t *lens, size_t n, int32_t vocab_size,
              const char *pre, struct bpe_model *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (vocab_size < BPE_N_SPECIAL + 256) {
        bpe_err(err, errlen, "vocabulary size %d is below %d (specials + 256 bytes)", vocab_size,
                BPE_N_SPECIAL + 256);
        return HUB_ERR_INVALID;
    }
    struct tok_vocab *pt = tok_pretokenizer_new(pre, err, errlen);
    if (!pt) return HUB_ERR_INVALID;
    struct bpe_ctx c = {0};
    int rc = HUB_ERR_NOMEM;
    static const char *const specials[BPE_N_SPECIAL] = {BPE_TOK_BOS, BPE_TOK_EOS, BPE_TOK_PAD,
                                                        BPE_TOK_SEP};
    bool added;
    for (int i = 0; i < BPE_N_SPECIAL; i++)
        bpe_add_token(&c, specials[i], strlen(specials[i]), &added);
    uint32_t map[256];
    bpe_byte_map(map);
    for (int b = 0; b < 256; b++) {
        char u[4];
        int k = bpe_utf8_put(map[b], u);
        bpe_add_token(&c, u, (size_t)k, &added);
    }
    if (c.oom) goto done;

    /* words: pieces of every text, byte-level encoded */
    for (size_t t = 0; t < n && !c.oom; t++) {
        const unsigned char *s = (const unsigned char *)texts[t];
        if (!bpe_valid_utf8(s, lens[t])) {
            bpe_err(err, errlen, "text %zu is not valid UTF-8", t);
            rc = HUB_ERR_INVALID;
            goto done;
        }
        size_t *cpl, np;
        int prc = tok_pretokenize(pt, texts[t], lens[t], &cpl, &np);
        if (prc != HUB_OK) {
            bpe_err(err, errlen, "pre-tokenizing text %zu: %s", t, hub_strerror(prc));
            rc = prc;
            goto done;
        }
        size_t off = 0;
        for (size_t p = 0; p < np; p++) {
            size_t b0 = off;
            for (size_t k = 0; k < cpl[p] && off < lens[t]; k++)
                off += bpe_u8len(s[off]);
            bpe_add_word(&c, texts[t] + b0, off - b0);
        }
        free(cpl);
    }
    if (c.oom) goto done;
    for (size_t w = 0; w < c.n_words && !c.oom; w++)
        word_pairs(&c, (int32_t)w, +1);

    while ((int32_t)c.n_tok < vocab_size && !c.oom) {
        int32_t best = -1;
        for (size_t i = 0; i < c.n_pairs; i++) {
            const struct bpe_pair *p = &c.pairs[i];
            if (p->count < 2) continue;
            if (best < 0 || p->count > c.pairs[best].count ||
                (p->count == c.pairs[best].count &&
                 (p->a < c.pairs[best].a || (p->a == c.pairs[best].a && p->b < c.pairs[best].b))))
                best = (int32_t)i;
        }
        if (best < 0) break;
        int32_t a = c.pairs[best].a, b = c.pairs[best].b;
        size_t la = strlen(c.tok[a]), lb = strlen(c.tok[b]);
        char *cat = malloc(la + lb + 1);
        if (!cat) goto done;
        memcpy(cat, c.tok[a], la);
        memcpy(cat + la, c.tok[b], lb);
        int32_t id = bpe_add_token(&c, cat, la + lb, &added);
        free(cat);
        if (id < 0 || !bpe_push_merge(&c, a, b)) goto done;
        /* the word list may grow while we walk it (other pairs only), so walk a copy */
        uint32_t nw = c.pairs[best].nw;
        int32_t *list = malloc((nw ? nw : 1) * sizeof *list);
        if (!list) goto done;
        memcpy(list, c.pairs[best].words, nw * sizeof *list);
        for (uint32_t i = 0; i < nw && !c.oom; i++) {
            struct bpe_word *wd = &c.words[list[i]];
            bool has = false;
            for (int32_t k = 0; k + 1 < wd->n && !has; k++)
                has = wd->sym[k] == a && wd->sym[k + 1] == b;
            if (!has) continue;
            word_pairs(&c, list[i], -1);
            int32_t o = 0;
            for (int32_t k = 0; k < wd->n; k++) {
                if (k + 1 < wd->n && wd->sym[k] == a && wd->sym[k + 1] == b) {
                    wd->sym[o++] = id;
                    k++;
                } else {
                    wd->sym[o++] = wd->sym[k];
                }
            }
            wd->n = o;
            word_pairs(&c, list[i], +1);
        }
        free(list);
        best = pair_find(&c, a, b, false);
        if (best >= 0) c.pairs[best].count = 0;
    }
    if (c.oom) goto done;

    out->n_vocab = (int32_t)c.n_tok;
    out->n_merges = (uint32_t)c.n_merges;
    out->tokens = c.tok;
    out->merges = c.merges;
    out->token_type = malloc(c.n_tok * sizeof *out->token_type);
    if (!out->token_type) goto done;
    for (size_t i = 0; i < c.n_tok; i++)
        out->token_type[i] = i < BPE_N_SPECIAL ? TOK_TYPE_CONTROL : TOK_TYPE_NORMAL;
    snprintf(out->pre, sizeof out->pre, "%s", pre);
    c.tok = NULL, c.n_tok = 0;
    c.merges = NULL, c.n_merges = 0;
    rc = HUB_OK;
done:
    if (rc == HUB_ERR_NOMEM) bpe_err(err, errlen, "out of memory training the vocabulary");
    if (rc != HUB_OK) {
        free(out->token_type);
        memset(out, 0, sizeof *out);
    }
    bpe_ctx_free(&c);
    tok_free(pt);
    return rc;
}

void bpe_model_free(struct bpe_model *m)
{
    if (!m) return;
    for (int32_t i = 0; m->tokens && i < m->n_vocab; i++)
        free(m->tokens[i]);
    for (uint32_t i = 0; m->merges && i < m->n_merges; i++)
        free(m->merges[i]);
    free(m->tokens);
    free(m->merges);
    free(m->token_type);
    memset(m, 0, sizeof *m);
}

int bpe_model_to_gguf(const struct bpe_model *m, struct gguf_writer *w)
{
    int rc;
    if ((rc = gguf_writer_set_str(w, "tokenizer.ggml.model", "gpt2")) ||
        (rc = gguf_writer_set_str(w, "tokenizer.ggml.pre", m->pre)) ||
        (rc = gguf_writer_set_arr_str(w, "tokenizer.ggml.tokens", (const char *const *)m->tokens,
                                      (uint64_t)m->n_vocab)) ||
        (rc = gguf_writer_set_arr(w, "tokenizer.ggml.token_type", GGUF_INT32, m->token_type,
                                  (uint64_t)m->n_vocab)) ||
        (rc = gguf_writer_set_arr_str(w, "tokenizer.ggml.merges", (const char *const *)m->merges,
                                      m->n_merges)) ||
        (rc = gguf_writer_set_u32(w, "tokenizer.ggml.bos_token_id", BPE_ID_BOS)) ||
        (rc = gguf_writer_set_u32(w, "tokenizer.ggml.eos_token_id", BPE_ID_EOS)) ||
        (rc = gguf_writer_set_u32(w, "tokenizer.ggml.padding_token_id", BPE_ID_PAD)) ||
        (rc = gguf_writer_set_bool(w, "tokenizer.ggml.add_bos_token", true)) ||
        (rc = gguf_writer_set_bool(w, "tokenizer.ggml.add_eos_token", false)))
        return rc;
    return HUB_OK;
}

/* ---------------------------------------------------------------------------------------- */

static void bpe_usage(FILE *f)
{
    fprintf(f, "usage: hub-train tokenizer --corpus FILE.jsonl --vocab N --out tok.gguf\n"
               "                           [--pre deepseek-llm] [--max-lines N]\n"
               "  Trains a byte-level BPE on the corpus's \"text\" and \"target\" strings\n"
               "  (the lines hub-train data writes) and writes its tokenizer.ggml.* metadata.\n");
}

int bpe_train_main(int argc, char **argv)
{
    const char *corpus = NULL, *out = NULL, *pre = "deepseek-llm";
    long vocab = -1, max_lines = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            bpe_usage(stdout);
            return 0;
        }
        if (!v) {
            fprintf(stderr, "hub-train tokenizer: %s needs a value\n", a);
            return 2;
        }
        i++;
        char *end;
        if (!strcmp(a, "--corpus")) {
            corpus = v;
        } else if (!strcmp(a, "--out")) {
            out = v;
        } else if (!strcmp(a, "--pre")) {
            pre = v;
        } else if (!strcmp(a, "--vocab") || !strcmp(a, "--max-lines")) {
            errno = 0;
            long x = strtol(v, &end, 10);
            if (errno || *end || end == v || x < 1 || x > 10000000) {
                fprintf(stderr, "hub-train tokenizer: bad value for %s: %s\n", a, v);
                return 2;
            }
            *(!strcmp(a, "--vocab") ? &vocab : &max_lines) = x;
        } else {
            fprintf(stderr, "hub-train tokenizer: unknown option %s\n", a);
            bpe_usage(stderr);
            return 2;
        }
    }
    if (!corpus || !out || vocab < 0) {
        bpe_usage(stderr);
        return 2;
    }
    FILE *f = fopen(corpus, "r");
    if (!f) {
        fprintf(stderr, "hub-train tokenizer: %s: %s\n", corpus, strerror(errno));
        return 1;
    }
    char **texts = NULL;
    size_t *lens = NULL, n = 0, cap = 0, lineno = 0;
    char *line = NULL;
    size_t lcap = 0;
    int rc = 1;
    while (getline(&line, &lcap, f) > 0) {
        lineno++;
        if (max_lines && (long)lineno > max_lines) break;
        json_error_t jerr;
        json_t *j = json_loads(line, 0, &jerr);
        if (!j || !json_is_object(j)) {
            fprintf(stderr, "hub-train tokenizer: %s:%zu: %s\n", corpus, lineno,
                    j ? "not a JSON object" : jerr.text);
            json_decref(j);
            goto done;
        }
        static const char *const keys[2] = {"text", "target"};
        for (int k = 0; k < 2; k++) {
            const char *s = json_string_value(json_object_get(j, keys[k]));
            if (!s) continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 4096;
                char **nt = realloc(texts, cap * sizeof *nt);
                size_t *nl = realloc(lens, cap * sizeof *nl);
                if (nt) texts = nt;
                if (nl) lens = nl;
                if (!nt || !nl) {
                    json_decref(j);
                    fprintf(stderr, "hub-train tokenizer: out of memory\n");
                    goto done;
                }
            }
            texts[n] = strdup(s);
            lens[n] = strlen(s);
            if (!texts[n]) {
                json_decref(j);
                goto done;
            }
            n++;
        }
        json_decref(j);
    }
    if (ferror(f)) {
        fprintf(stderr, "hub-train tokenizer: reading %s: %s\n", corpus, strerror(errno));
        goto done;
    }
    if (!n) {
        fprintf(stderr, "hub-train tokenizer: %s holds no text\n", corpus);
        goto done;
    }
    struct bpe_model m;
    char err[512];
    if (bpe_train((const char *const *)texts, lens, n, (int32_t)vocab, pre, &m, err, sizeof err)) {
        fprintf(stderr, "hub-train tokenizer: %s\n", err);
        goto done;
    }
    struct gguf_writer *w = gguf_writer_new();
    int wrc = w ? bpe_model_to_gguf(&m, w) : HUB_ERR_NOMEM;
    if (!wrc) wrc = gguf_writer_set_str(w, "general.architecture", "gpt2");
    if (!wrc) wrc = gguf_writer_set_str(w, "general.name", "hub tokenizer");
    if (wrc) {
        fprintf(stderr, "hub-train tokenizer: %s\n", w ? gguf_writer_error(w) : "out of memory");
    } else if (gguf_writer_write(w, out, err, sizeof err)) {
        fprintf(stderr, "hub-train tokenizer: writing %s: %s\n", out, err);
    } else {
        printf("%s: %d tokens, %u merges from %zu texts (%s)\n", out, m.n_vocab, m.n_merges, n,
               pre);
        rc = 0;
    }
    gguf_writer_free(w);
    bpe_model_free(&m);
done:
    fclose(f);
    free(line);
    for (size_t i = 0; i < n; i++)
        free(texts[i]);
    free(texts);
    free(lens);
    return rc;
}
