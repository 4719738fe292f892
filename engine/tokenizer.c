/*
 * tokenizer.c: byte-level BPE from GGUF metadata, reproducing llama.cpp (src/llama-vocab.cpp,
 * src/unicode.cpp) step by step so that ids match exactly:
 *
 *  1. special tokens: every CONTROL / USER_DEFINED / UNKNOWN token text found in the raw text
 *     becomes that token (longest texts first; CONTROL and UNKNOWN only with TOK_PARSE_SPECIAL);
 *  2. each remaining text fragment is decoded to code points (a bad UTF-8 byte becomes U+FFFD)
 *     and cut by the pre-tokenizer's regexes in turn: every regex cuts every piece into its
 *     matches AND the stretches between them (llama.cpp keeps both);
 *  3. each piece is re-encoded byte by byte with GPT-2's byte-to-unicode table and merged by
 *     BPE, lowest merge rank first (ties: leftmost);
 *  4. merged symbols become ids; a symbol that is not a token falls back to its single bytes.
 *
 * Regexes run on PCRE2 (UTF, no UCP). llama.cpp runs them on std::regex after replacing every
 * non-ASCII white-space code point (Unicode White_Space) with U+000B; we do the same, so \s
 * (ASCII white space including VT) means exactly what it means there, and \p{L}/\p{N} are
 * Unicode categories as in llama.cpp's tables.
 */
#define _GNU_SOURCE /* memmem, qsort_r */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "engine/tokenizer.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub_status.h"

#define TOK_MAX_REGEX 6

struct tok_entry {
    uint32_t off; /* into text arena */
    uint32_t len;
    uint8_t type;
};

struct tok_merge {
    uint32_t a_off, a_len, b_off, b_len; /* into merge arena */
};

struct tok_vocab {
    int32_t n;
    struct tok_entry *tok;
    char *arena;
    /* token text -> id: open addressing, size a power of two, -1 empty */
    int32_t *tok_hash;
    uint32_t tok_hash_mask;
    /* (left, right) -> rank */
    uint32_t n_merges;
    struct tok_merge *merges;
    char *merge_arena;
    int32_t *merge_hash;
    uint32_t merge_hash_mask;
    /* special tokens, longest text first */
    int32_t *special;
    uint32_t n_special;
    /* for finding special tokens in text: rank in `special` per id (-1: not special), and per
     * first byte b the distinct text lengths of special tokens starting with b:
     * sp_lens[sp_first[b] .. sp_first[b + 1]) */
    int32_t *sp_rank;
    uint32_t sp_first[257];
    uint32_t *sp_lens;
    int32_t bos, eos;
    bool add_bos, add_eos;
    uint8_t *eog;       /* n flags: the token ends generation */
    bool ignore_merges; /* llama3: a piece that is a whole token is not merged */
    char pre[32];
    pcre2_code *re[TOK_MAX_REGEX];
    int n_re;
};

/* ------------------------------------------------------------------------------------------ */
/* Pre-tokenizers: llama.cpp's regex lists (llm_tokenizer_bpe), written with \x{} escapes so that
 * look-alike code points (U+212A KELVIN SIGN, U+2126 OHM SIGN, ...) stay exact. */

/* deepseek-llm: letters of the cased scripts (the class of DeepSeek's tokenizer.json). */
static const char tok_re_ds_letters[] =
    "\\s?[A-Za-z\\x{b5}\\x{c0}-\\x{d6}\\x{d8}-\\x{f6}\\x{f8}-\\x{1ba}\\x{1bc}-\\x{1bf}"
    "\\x{1c4}-\\x{293}\\x{295}-\\x{2af}\\x{370}-\\x{373}\\x{376}\\x{377}\\x{37b}-\\x{37d}"
    "\\x{37f}\\x{386}\\x{388}-\\x{38a}\\x{38c}\\x{38e}-\\x{3a1}\\x{3a3}-\\x{3f5}"
    "\\x{3f7}-\\x{481}\\x{48a}-\\x{52f}\\x{531}-\\x{556}\\x{10a0}-\\x{10c5}\\x{13a0}-\\x{13f5}"
    "\\x{13f8}-\\x{13fd}\\x{1c90}-\\x{1cba}\\x{1cbd}-\\x{1cbf}\\x{1d00}-\\x{1d2b}"
    "\\x{1d6b}-\\x{1d77}\\x{1d79}-\\x{1d9a}\\x{1e00}-\\x{1f15}\\x{1f18}-\\x{1f1d}"
    "\\x{1f20}-\\x{1f45}\\x{1f48}-\\x{1f4d}\\x{1f50}-\\x{1f57}\\x{1f59}\\x{1f5b}\\x{1f5d}"
    "\\x{1f5f}-\\x{1f7d}\\x{1f80}-\\x{1fb4}\\x{1fb6}-\\x{1fbc}\\x{1fbe}\\x{1fc2}-\\x{1fc4}"
    "\\x{1fc6}-\\x{1fcc}\\x{1fd0}-\\x{1fd3}\\x{1fd6}-\\x{1fdb}\\x{1fe0}-\\x{1fec}"
    "\\x{1ff2}-\\x{1ff4}\\x{1ff6}-\\x{1ffc}\\x{2102}\\x{2107}\\x{210a}-\\x{2113}\\x{2115}"
    "\\x{2119}-\\x{211d}\\x{2124}\\x{2126}\\x{2128}\\x{212a}-\\x{212d}\\x{212f}-\\x{2134}"
    "\\x{2139}\\x{213c}-\\x{213f}\\x{2145}-\\x{2149}\\x{214e}\\x{2183}\\x{2184}"
    "\\x{2c00}-\\x{2c7b}\\x{2c7e}-\\x{2ce4}\\x{2ceb}-\\x{2cee}\\x{2cf2}\\x{2cf3}"
    "\\x{a640}-\\x{a66d}\\x{a680}-\\x{a69b}\\x{a722}-\\x{a76f}\\x{a771}-\\x{a787}"
    "\\x{a78b}-\\x{a78e}\\x{ab70}-\\x{abbf}\\x{fb00}-\\x{fb06}\\x{fb13}-\\x{fb17}"
    "\\x{ff21}-\\x{ff3a}\\x{ff41}-\\x{ff5a}\\x{10400}-\\x{1044f}\\x{104b0}-\\x{104d3}"
    "\\x{104d8}-\\x{104fb}\\x{10c80}-\\x{10cb2}\\x{10cc0}-\\x{10cf2}\\x{118a0}-\\x{118df}"
    "\\x{1e900}-\\x{1e943}]+";
/* ASCII and full-width punctuation, curly quotes, ideographic space to full stop. */
static const char tok_re_ds_punct[] =
    "\\s?[!-/:-~\\x{ff01}-\\x{ff0f}\\x{ff1a}-\\x{ff5e}\\x{2018}-\\x{201f}\\x{3000}-\\x{3002}]+";
/* CJK (one range starts at U+0800, as in DeepSeek's tokenizer.json) and Hangul. */
static const char tok_re_ds_cjk[] = "[\\x{4e00}-\\x{9fa5}\\x{800}-\\x{4e00}\\x{ac00}-\\x{d7ff}]+";

static const char tok_re_gpt2[] =
    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";
static const char tok_re_llama3[] =
    "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|"
    "\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
static const char tok_re_qwen2[] =
    "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|"
    "\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

struct tok_pre_def {
    const char *name;
    bool ignore_merges;
    const char *re[TOK_MAX_REGEX];
};

static const struct tok_pre_def tok_pres[] = {
    {"default", false, {"[\\p{P}\\$\\+<=>\\^~\\|]+", tok_re_gpt2, "\\p{N}+", "[0-9][0-9][0-9]"}},
    {"gpt2", false, {tok_re_gpt2}},
    {"deepseek-llm",
     false,
     {"[\\r\\n]", tok_re_ds_letters, tok_re_ds_punct, "\\s+$", tok_re_ds_cjk, "\\p{N}+"}},
    {"deepseek-coder", false, {"[\\r\\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", tok_re_ds_cjk, "\\p{N}"}},
    {"deepseek-v3",
     false,
     {"\\p{N}{1,3}", "[\\x{4e00}-\\x{9fa5}\\x{3040}-\\x{309f}\\x{30a0}-\\x{30ff}]+",
      "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\\r\\n\\p{L}\\p{P}\\p{S}]?"
      "[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"}},
    {"qwen2", false, {tok_re_qwen2}},
    {"llama3", true, {tok_re_llama3}},
    {"llama-bpe", true, {tok_re_llama3}},
};

/* ------------------------------------------------------------------------------------------ */
/* Unicode helpers (llama.cpp's rules, including its leniency) */

/* Unicode White_Space, the table llama.cpp generates (unicode_set_whitespace). */
static bool tok_is_space(uint32_t c)
{
    return (c >= 0x09 && c <= 0x0d) || c == 0x20 || c == 0x85 || c == 0xa0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f ||
           c == 0x205f || c == 0x3000;
}

/* One code point from s[*i..n): llama.cpp's unicode_cpt_from_utf8 (lead byte decides the
 * length, continuation bytes must be 10xxxxxx, overlongs accepted); a bad byte gives U+FFFD
 * and advances by one. */
static uint32_t tok_utf8_next(const unsigned char *s, size_t n, size_t *i)
{
    size_t p = *i;
    unsigned char c = s[p];
    if (c < 0x80) {
        *i = p + 1;
        return c;
    }
    int len = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
    if (len == 0 || p + (size_t)len > n) goto bad;
    uint32_t cp = c & (0x7f >> len);
    for (int k = 1; k < len; k++) {
        if ((s[p + k] & 0xc0) != 0x80) goto bad;
        cp = (cp << 6) | (s[p + k] & 0x3f);
    }
    *i = p + (size_t)len;
    return cp;
bad:
    *i = p + 1;
    return 0xfffd;
}

/* UTF-8 of a code point into out (4 bytes room); code points beyond U+10FFFF (which llama.cpp
 * cannot encode either) become U+FFFD. Returns the byte count. */
static int tok_utf8_put(uint32_t cp, char *out)
{
    if (cp > 0x10ffff) cp = 0xfffd;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* GPT-2's bytes_to_unicode: printable Latin-1 bytes stand for themselves, the other 68 bytes
 * for U+0100.. in order. */
static uint32_t tok_byte_cp[256];
static int16_t tok_cp_byte[324]; /* inverse, -1 when the code point stands for no byte */

static void tok_init_byte_table(void)
{
    int n = 0;
    for (int b = 0; b < 256; b++) {
        bool printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || b >= 0xae;
        tok_byte_cp[b] = printable ? (uint32_t)b : (uint32_t)(256 + n++);
    }
    for (int i = 0; i < 324; i++)
        tok_cp_byte[i] = -1;
    for (int b = 0; b < 256; b++)
        tok_cp_byte[tok_byte_cp[b]] = (int16_t)b;
}

/* ------------------------------------------------------------------------------------------ */
/* Hash tables */

static uint64_t tok_fnv(const void *p, size_t n, uint64_t h)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}
#define TOK_FNV_INIT 0xcbf29ce484222325ULL

static uint32_t tok_table_size(uint64_t n)
{
    uint32_t size = 16;
    while (size < 2 * n)
        size *= 2;
    return size;
}

int32_t tok_find(const struct tok_vocab *v, const char *text, size_t len)
{
    uint32_t h = (uint32_t)tok_fnv(text, len, TOK_FNV_INIT) & v->tok_hash_mask;
    for (;;) {
        int32_t id = v->tok_hash[h];
        if (id < 0) return -1;
        const struct tok_entry *e = &v->tok[id];
        if (e->len == len && memcmp(v->arena + e->off, text, len) == 0) return id;
        h = (h + 1) & v->tok_hash_mask;
    }
}

static uint64_t tok_merge_hash(const char *a, size_t al, const char *b, size_t bl)
{
    uint64_t h = tok_fnv(a, al, TOK_FNV_INIT);
    h = tok_fnv("\xff", 1, h); /* a byte no UTF-8 text contains keeps (ab, c) apart from (a, bc) */
    return tok_fnv(b, bl, h);
}

/* Rank of the merge (a, b), or -1. */
static int32_t tok_merge_rank(const struct tok_vocab *v, const char *a, size_t al, const char *b,
                              size_t bl)
{
    uint32_t h = (uint32_t)tok_merge_hash(a, al, b, bl) & v->merge_hash_mask;
    for (;;) {
        int32_t r = v->merge_hash[h];
        if (r < 0) return -1;
        const struct tok_merge *m = &v->merges[r];
        if (m->a_len == al && m->b_len == bl && memcmp(v->merge_arena + m->a_off, a, al) == 0 &&
            memcmp(v->merge_arena + m->b_off, b, bl) == 0)
            return r;
        h = (h + 1) & v->merge_hash_mask;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Loading */

static void __attribute__((format(printf, 3, 4)))
tok_seterr(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static int tok_cmp_special(const void *pa, const void *pb, void *ctx)
{
    const struct tok_vocab *v = ctx;
    int32_t a = *(const int32_t *)pa, b = *(const int32_t *)pb;
    if (v->tok[a].len != v->tok[b].len) return v->tok[a].len > v->tok[b].len ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* An optional token id key: must be in range when present. */
static bool tok_load_id(const struct gguf_file *f, const char *key, int32_t n, int32_t *out,
                        char *err, size_t errlen)
{
    const struct gguf_kv *kv = gguf_find(f, key);
    if (!kv) return true;
    int64_t id;
    if (!gguf_get_i64(f, key, &id)) {
        tok_seterr(err, errlen, "%s has type %s, expected an integer", key,
                   gguf_value_type_name(kv->type));
        return false;
    }
    /* llama.cpp treats -1 (or its u32 image) as "none" */
    if (id == -1 || id == 0xffffffffLL) {
        *out = -1;
        return true;
    }
    if (id < 0 || id >= n) {
        tok_seterr(err, errlen, "%s = %lld is outside the vocabulary (%d tokens)", key,
                   (long long)id, n);
        return false;
    }
    *out = (int32_t)id;
    return true;
}

struct tok_vocab *tok_load(const struct gguf_file *f, char *err, size_t errlen)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, tok_init_byte_table);

    struct tok_vocab *v = NULL;
    char *model = gguf_get_str(f, "tokenizer.ggml.model");
    char *pre = NULL;
    if (!model) {
        tok_seterr(err, errlen,
                   "no tokenizer in the file (tokenizer.ggml.model is missing or "
                   "not a string)");
        goto fail;
    }
    if (strcmp(model, "gpt2") != 0) {
        tok_seterr(err, errlen,
                   "tokenizer.ggml.model '%.40s' is not supported: only byte-level "
                   "BPE ('gpt2')",
                   model);
        goto fail;
    }
    const struct gguf_kv *toks = gguf_find(f, "tokenizer.ggml.tokens");
    if (!toks || toks->type != GGUF_ARRAY || toks->arr_type != GGUF_STRING) {
        tok_seterr(err, errlen, "tokenizer.ggml.tokens is missing or not a string array");
        goto fail;
    }
    if (toks->arr_n == 0 || toks->arr_n > INT32_MAX / 2) {
        tok_seterr(err, errlen, "tokenizer.ggml.tokens has %llu entries",
                   (unsigned long long)toks->arr_n);
        goto fail;
    }
    const struct gguf_kv *merges = gguf_find(f, "tokenizer.ggml.merges");
    if (!merges) {
        tok_seterr(err, errlen,
                   "vocabulary without merges: tokenizer.ggml.merges is missing "
                   "(a byte-level BPE vocabulary needs its merge list)");
        goto fail;
    }
    if (merges->type != GGUF_ARRAY || merges->arr_type != GGUF_STRING) {
        tok_seterr(err, errlen, "tokenizer.ggml.merges is not a string array");
        goto fail;
    }
    if (merges->arr_n == 0) {
        tok_seterr(err, errlen, "vocabulary without merges: tokenizer.ggml.merges is empty");
        goto fail;
    }
    if (merges->arr_n > INT32_MAX / 2) {
        tok_seterr(err, errlen, "tokenizer.ggml.merges has %llu entries",
                   (unsigned long long)merges->arr_n);
        goto fail;
    }
    const struct gguf_kv *types = gguf_find(f, "tokenizer.ggml.token_type");
    if (types && (types->type != GGUF_ARRAY || types->arr_n != toks->arr_n ||
                  !(types->arr_type == GGUF_INT32 || types->arr_type == GGUF_UINT32 ||
                    types->arr_type == GGUF_INT8 || types->arr_type == GGUF_UINT8 ||
                    types->arr_type == GGUF_INT16 || types->arr_type == GGUF_UINT16))) {
        tok_seterr(err, errlen,
                   "tokenizer.ggml.token_type must be an integer array of %llu "
                   "entries (one per token)",
                   (unsigned long long)toks->arr_n);
        goto fail;
    }

    pre = gguf_get_str(f, "tokenizer.ggml.pre");
    const struct tok_pre_def *pd = NULL;
    const char *pre_name = pre ? pre : "default";
    for (size_t i = 0; i < sizeof tok_pres / sizeof tok_pres[0]; i++)
        if (strcmp(tok_pres[i].name, pre_name) == 0) pd = &tok_pres[i];
    if (!pd) {
        tok_seterr(err, errlen,
                   "unknown pre-tokenizer tokenizer.ggml.pre = '%.40s' (known: gpt2, "
                   "deepseek-llm, deepseek-coder, deepseek-v3, qwen2, llama3, "
                   "default)",
                   pre_name);
        goto fail;
    }

    v = calloc(1, sizeof *v);
    if (!v) goto nomem;
    v->n = (int32_t)toks->arr_n;
    v->bos = v->eos = -1;
    v->ignore_merges = pd->ignore_merges;
    snprintf(v->pre, sizeof v->pre, "%s", pd->name);

    /* Token texts into one arena. llama.cpp renames an empty token "[EMPTY_<id>]". */
    uint64_t total = 0;
    for (int32_t i = 0; i < v->n; i++)
        total += toks->arr_str[i].len ? toks->arr_str[i].len : 24;
    if (total > UINT32_MAX) {
        tok_seterr(err, errlen, "tokenizer.ggml.tokens holds %llu bytes of text (too much)",
                   (unsigned long long)total);
        goto fail;
    }
    v->tok = calloc((size_t)toks->arr_n, sizeof *v->tok);
    v->arena = malloc(total ? (size_t)total : 1);
    if (!v->tok || !v->arena) goto nomem;
    uint32_t off = 0;
    for (int32_t i = 0; i < v->n; i++) {
        const struct gguf_str *s = &toks->arr_str[i];
        v->tok[i].off = off;
        if (s->len == 0) {
            int l = snprintf(v->arena + off, 24, "[EMPTY_%d]", i);
            v->tok[i].len = (uint32_t)l;
        } else {
            memcpy(v->arena + off, s->data, (size_t)s->len);
            v->tok[i].len = (uint32_t)s->len;
        }
        off += v->tok[i].len;
        int64_t t = TOK_TYPE_NORMAL;
        if (types && !gguf_arr_i64(types, (uint64_t)i, &t)) t = TOK_TYPE_UNDEFINED;
        v->tok[i].type = (t >= 0 && t <= TOK_TYPE_BYTE) ? (uint8_t)t : TOK_TYPE_UNDEFINED;
    }
    /* text -> id. A text given twice makes ids ambiguous: refused, as llama.cpp now does. */
    uint32_t size = tok_table_size((uint64_t)v->n);
    v->tok_hash = malloc(size * sizeof *v->tok_hash);
    if (!v->tok_hash) goto nomem;
    memset(v->tok_hash, 0xff, size * sizeof *v->tok_hash);
    v->tok_hash_mask = size - 1;
    for (int32_t i = 0; i < v->n; i++) {
        const struct tok_entry *e = &v->tok[i];
        uint32_t h = (uint32_t)tok_fnv(v->arena + e->off, e->len, TOK_FNV_INIT) & v->tok_hash_mask;
        for (;;) {
            int32_t id = v->tok_hash[h];
            if (id < 0) {
                v->tok_hash[h] = i;
                break;
            }
            if (v->tok[id].len == e->len &&
                memcmp(v->arena + v->tok[id].off, v->arena + e->off, e->len) == 0) {
                tok_seterr(err, errlen, "duplicate token in vocabulary: '%.*s' has ids %d and %d",
                           (int)(e->len > 60 ? 60 : e->len), v->arena + e->off, id, i);
                goto fail;
            }
            h = (h + 1) & v->tok_hash_mask;
        }
    }

    /* Merges "a b": split at the first space after the first byte (a may be a space itself);
     * the first of repeated pairs keeps its rank. */
    uint64_t mtotal = 0;
    for (uint64_t i = 0; i < merges->arr_n; i++)
        mtotal += merges->arr_str[i].len;
    if (mtotal > UINT32_MAX) {
        tok_seterr(err, errlen, "tokenizer.ggml.merges holds too much text");
        goto fail;
    }
    v->n_merges = (uint32_t)merges->arr_n;
    v->merges = calloc(v->n_merges, sizeof *v->merges);
    v->merge_arena = malloc(mtotal ? (size_t)mtotal : 1);
    size = tok_table_size(v->n_merges);
    v->merge_hash = malloc(size * sizeof *v->merge_hash);
    if (!v->merges || !v->merge_arena || !v->merge_hash) goto nomem;
    memset(v->merge_hash, 0xff, size * sizeof *v->merge_hash);
    v->merge_hash_mask = size - 1;
    off = 0;
    for (uint32_t i = 0; i < v->n_merges; i++) {
        const struct gguf_str *s = &merges->arr_str[i];
        struct tok_merge *m = &v->merges[i];
        const char *sp = s->len > 1 ? memchr(s->data + 1, ' ', (size_t)s->len - 1) : NULL;
        memcpy(v->merge_arena + off, s->data, (size_t)s->len);
        if (sp) {
            m->a_off = off;
            m->a_len = (uint32_t)(sp - s->data);
            m->b_off = off + m->a_len + 1;
            m->b_len = (uint32_t)s->len - m->a_len - 1;
        } /* else ("", ""): never asked for */
        off += (uint32_t)s->len;
        const char *a = v->merge_arena + m->a_off, *b = v->merge_arena + m->b_off;
        if (tok_merge_rank(v, a, m->a_len, b, m->b_len) >= 0) continue;
        uint32_t h = (uint32_t)tok_merge_hash(a, m->a_len, b, m->b_len) & v->merge_hash_mask;
        while (v->merge_hash[h] >= 0)
            h = (h + 1) & v->merge_hash_mask;
        v->merge_hash[h] = (int32_t)i;
    }

    if (!tok_load_id(f, "tokenizer.ggml.bos_token_id", v->n, &v->bos, err, errlen) ||
        !tok_load_id(f, "tokenizer.ggml.eos_token_id", v->n, &v->eos, err, errlen))
        goto fail;
    if (gguf_find(f, "tokenizer.ggml.add_bos_token") &&
        !gguf_get_bool(f, "tokenizer.ggml.add_bos_token", &v->add_bos)) {
        tok_seterr(err, errlen, "tokenizer.ggml.add_bos_token is not a bool");
        goto fail;
    }
    if (gguf_find(f, "tokenizer.ggml.add_eos_token") &&
        !gguf_get_bool(f, "tokenizer.ggml.add_eos_token", &v->add_eos)) {
        tok_seterr(err, errlen, "tokenizer.ggml.add_eos_token is not a bool");
        goto fail;
    }
    if ((v->add_bos && v->bos < 0) || (v->add_eos && v->eos < 0)) {
        tok_seterr(err, errlen, "add_%s_token is true but the vocabulary has no %s token",
                   v->add_bos && v->bos < 0 ? "bos" : "eos",
                   v->add_bos && v->bos < 0 ? "BOS" : "EOS");
        goto fail;
    }

    /* llama.cpp marks end-of-generation and fill-in-the-middle tokens found by their text as
     * control tokens even when the file calls them normal (so they are matched in text and
     * hidden in output); same here, and they form the end-of-generation set. */
    static const char *const eog_texts[] = {
        "<|eot_id|>",
        "<|im_end|>",
        "<|end|>",
        "<|return|>",
        "<|call|>",
        "<|flush|>",
        "<|calls|>",
        "<end_of_turn>",
        "<|endoftext|>",
        "</s>",
        "<|eom_id|>",
        "<EOT>",
        "_<EOT>",
        "[EOT]",
        "[EOS]",
        "<|end_of_text|>",
        "<end_of_utterance>",
        "<eos>",
        "<turn|>",
        "<|tool_response>",
        "<｜end▁of▁sentence｜>",
        "[e~[",
    };
    static const char *const fim_texts[] = {
        "<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<PRE>",           "<|fim_suffix|>",
        "<fim-suffix>",   "<fim_suffix>", "<SUF>",        "<|fim_middle|>",  "<fim-middle>",
        "<fim_middle>",   "<MID>",        "<|fim_pad|>",  "<fim-pad>",       "<fim_pad>",
        "<PAD>",          "[PAD]",        "<|fim_repo|>", "<|repo_name|>",   "<fim-repo>",
        "<REPO>",         "<reponame>",   "<|file_sep|>", "<｜fim▁begin｜>", "<｜fim▁hole｜>",
        "<｜fim▁end｜>",
    };
    v->eog = calloc((size_t)v->n, 1);
    if (!v->eog) goto nomem;
    for (size_t k = 0; k < sizeof eog_texts / sizeof eog_texts[0]; k++) {
        int32_t id = tok_find(v, eog_texts[k], strlen(eog_texts[k]));
        if (id < 0) continue;
        v->eog[id] = 1;
        if (v->tok[id].type != TOK_TYPE_CONTROL) v->tok[id].type = TOK_TYPE_CONTROL;
    }
    for (size_t k = 0; k < sizeof fim_texts / sizeof fim_texts[0]; k++) {
        int32_t id = tok_find(v, fim_texts[k], strlen(fim_texts[k]));
        if (id >= 0) v->tok[id].type = TOK_TYPE_CONTROL;
    }
    if (v->eos >= 0) v->eog[v->eos] = 1;
    static const char *const eog_keys[] = {"tokenizer.ggml.eot_token_id",
                                           "tokenizer.ggml.eom_token_id"};
    for (size_t k = 0; k < 2; k++) {
        int32_t id = -1;
        if (!tok_load_id(f, eog_keys[k], v->n, &id, err, errlen)) goto fail;
        if (id >= 0) v->eog[id] = 1;
    }

    /* Special tokens, longest text first (ties by id, so the order is deterministic). */
    for (int32_t i = 0; i < v->n; i++) {
        uint8_t t = v->tok[i].type;
        if (t == TOK_TYPE_CONTROL || t == TOK_TYPE_USER_DEFINED || t == TOK_TYPE_UNKNOWN)
            v->n_special++;
    }
    v->special = malloc((v->n_special ? v->n_special : 1) * sizeof *v->special);
    if (!v->special) goto nomem;
    v->n_special = 0;
    for (int32_t i = 0; i < v->n; i++) {
        uint8_t t = v->tok[i].type;
        if (t == TOK_TYPE_CONTROL || t == TOK_TYPE_USER_DEFINED || t == TOK_TYPE_UNKNOWN)
            v->special[v->n_special++] = i;
    }
    qsort_r(v->special, v->n_special, sizeof *v->special, tok_cmp_special, v);
    v->sp_rank = malloc((size_t)v->n * sizeof *v->sp_rank);
    v->sp_lens = malloc((v->n_special ? v->n_special : 1) * sizeof *v->sp_lens);
    if (!v->sp_rank || !v->sp_lens) goto nomem;
    for (int32_t i = 0; i < v->n; i++)
        v->sp_rank[i] = -1;
    for (uint32_t r = 0; r < v->n_special; r++)
        v->sp_rank[v->special[r]] = (int32_t)r;
    /* distinct lengths per first byte (special is sorted by length, so each group is too) */
    uint32_t nl = 0;
    for (unsigned b = 0; b < 256; b++) {
        v->sp_first[b] = nl;
        for (uint32_t r = 0; r < v->n_special; r++) {
            const struct tok_entry *e = &v->tok[v->special[r]];
            if ((unsigned char)v->arena[e->off] != b) continue;
            if (nl > v->sp_first[b] && v->sp_lens[nl - 1] == e->len) continue;
            v->sp_lens[nl++] = e->len;
        }
    }
    v->sp_first[256] = nl;

    for (int i = 0; i < TOK_MAX_REGEX && pd->re[i]; i++) {
        int ecode;
        PCRE2_SIZE eoff;
        v->re[i] = pcre2_compile((PCRE2_SPTR)pd->re[i], PCRE2_ZERO_TERMINATED,
                                 PCRE2_UTF | PCRE2_DOLLAR_ENDONLY, &ecode, &eoff, NULL);
        if (!v->re[i]) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(ecode, msg, sizeof msg);
            tok_seterr(err, errlen, "pre-tokenizer '%s' regex %d: PCRE2: %s at %zu", pd->name, i,
                       (const char *)msg, (size_t)eoff);
            goto fail;
        }
        /* JIT is an optimisation: where it is unavailable the interpreter gives the same result */
        (void)pcre2_jit_compile(v->re[i], PCRE2_JIT_COMPLETE);
        v->n_re = i + 1;
    }
    free(model);
    free(pre);
    return v;

nomem:
    tok_seterr(err, errlen, "out of memory loading the vocabulary");
fail:
    free(model);
    free(pre);
    tok_free(v);
    return NULL;
}

/* A vocabulary without tokens that only pre-tokenizes: the BPE trainer cuts its corpus with
 * the same regexes the tokenizer will use on the trained vocabulary. */
struct tok_vocab *tok_pretokenizer_new(const char *pre, char *err, size_t errlen)
{
    const struct tok_pre_def *pd = NULL;
    for (size_t i = 0; i < sizeof tok_pres / sizeof tok_pres[0]; i++)
        if (strcmp(tok_pres[i].name, pre) == 0) pd = &tok_pres[i];
    if (!pd) {
        tok_seterr(err, errlen, "unknown pre-tokenizer '%.40s'", pre);
        return NULL;
    }
    struct tok_vocab *v = calloc(1, sizeof *v);
    if (!v) {
        tok_seterr(err, errlen, "out of memory");
        return NULL;
    }
    v->bos = v->eos = -1;
    snprintf(v->pre, sizeof v->pre, "%s", pd->name);
    for (int i = 0; i < TOK_MAX_REGEX && pd->re[i]; i++) {
        int ecode;
        PCRE2_SIZE eoff;
        v->re[i] = pcre2_compile((PCRE2_SPTR)pd->re[i], PCRE2_ZERO_TERMINATED,
                                 PCRE2_UTF | PCRE2_DOLLAR_ENDONLY, &ecode, &eoff, NULL);
        if (!v->re[i]) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(ecode, msg, sizeof msg);
            tok_seterr(err, errlen, "pre-tokenizer '%s' regex %d: PCRE2: %s at %zu", pd->name, i,
                       (const char *)msg, (size_t)eoff);
            tok_free(v);
            return NULL;
        }
        (void)pcre2_jit_compile(v->re[i], PCRE2_JIT_COMPLETE);
        v->n_re = i + 1;
    }
    return v;
}

void tok_free(struct tok_vocab *v)
{
    if (!v) return;
    for (int i = 0; i < v->n_re; i++)
        pcre2_code_free(v->re[i]);
    free(v->tok);
    free(v->arena);
    free(v->tok_hash);
    free(v->merges);
    free(v->merge_arena);
    free(v->merge_hash);
    free(v->special);
    free(v->sp_rank);
    free(v->sp_lens);
    free(v->eog);
    free(v);
}

int32_t tok_n_vocab(const struct tok_vocab *v)
{
    return v->n;
}
int32_t tok_bos(const struct tok_vocab *v)
{
    return v->bos;
}
int32_t tok_eos(const struct tok_vocab *v)
{
    return v->eos;
}
bool tok_add_bos(const struct tok_vocab *v)
{
    return v->add_bos;
}
bool tok_add_eos(const struct tok_vocab *v)
{
    return v->add_eos;
}
const char *tok_pre_name(const struct tok_vocab *v)
{
    return v->pre;
}

const char *tok_text(const struct tok_vocab *v, int32_t id, size_t *len)
{
    if (id < 0 || id >= v->n) return NULL;
    if (len) *len = v->tok[id].len;
    return v->arena + v->tok[id].off;
}

bool tok_is_eog(const struct tok_vocab *v, int32_t id)
{
    return id >= 0 && id < v->n && v->eog[id];
}

int tok_type(const struct tok_vocab *v, int32_t id)
{
    return id < 0 || id >= v->n ? -1 : v->tok[id].type;
}

/* ------------------------------------------------------------------------------------------ */
/* Encoding */

struct tok_ids {
    int32_t *a;
    size_t n, cap;
    bool oom;
};

static void tok_push(struct tok_ids *o, int32_t id)
{
    if (o->oom) return;
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 64;
        int32_t *na = realloc(o->a, cap * sizeof *na);
        if (!na) {
            o->oom = true;
            return;
        }
        o->a = na;
        o->cap = cap;
    }
    o->a[o->n++] = id;
}

/* A piece of the text: raw bytes [off, off+len) or a token. */
struct tok_frag {
    int32_t id; /* -1: raw text */
    size_t off, len;
};

struct tok_frags {
    struct tok_frag *a;
    size_t n, cap;
};

static bool tok_frag_push(struct tok_frags *f, int32_t id, size_t off, size_t len)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 16;
        struct tok_frag *na = realloc(f->a, cap * sizeof *na);
        if (!na) return false;
        f->a = na;
        f->cap = cap;
    }
    f->a[f->n++] = (struct tok_frag){id, off, len};
    return true;
}

/* Cut the text at the special tokens, with the result of llama.cpp's tokenizer_st_partition:
 * there, each special token in turn (longest first) is searched left to right in every piece
 * of text not yet taken and splits it. Equivalently, and without a search per token (DeepSeek
 * has 2400 of them): find every occurrence of every special token once, then accept them by
 * (token rank, position) when none of their bytes is taken yet. */
struct tok_occ {
    uint32_t rank;
    uint32_t len;
    size_t pos;
};

static int tok_cmp_occ(const void *pa, const void *pb)
{
    const struct tok_occ *a = pa, *b = pb;
    if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static bool tok_partition(const struct tok_vocab *v, const char *text, size_t len,
                          bool parse_special, struct tok_frags *out)
{
    struct tok_frags fr = {0};
    struct tok_occ *occ = NULL;
    size_t nocc = 0, cap = 0;
    int32_t *taken = NULL; /* per byte: -1 free, a token's id at its first byte, -2 after */
    for (size_t p = 0; p < len; p++) {
        unsigned b = (unsigned char)text[p];
        for (uint32_t k = v->sp_first[b]; k < v->sp_first[b + 1]; k++) {
            uint32_t l = v->sp_lens[k];
            if (l > len - p) continue;
            int32_t id = tok_find(v, text + p, l);
            if (id < 0 || v->sp_rank[id] < 0) continue;
            uint8_t type = v->tok[id].type;
            if (!parse_special && (type == TOK_TYPE_CONTROL || type == TOK_TYPE_UNKNOWN)) continue;
            if (nocc == cap) {
                size_t nc = cap ? cap * 2 : 16;
                struct tok_occ *no = realloc(occ, nc * sizeof *no);
                if (!no) goto oom;
                occ = no;
                cap = nc;
            }
            occ[nocc++] = (struct tok_occ){(uint32_t)v->sp_rank[id], l, p};
        }
    }
    if (nocc == 0) {
        if (!tok_frag_push(&fr, -1, 0, len)) goto oom;
        free(occ);
        *out = fr;
        return true;
    }
    qsort(occ, nocc, sizeof *occ, tok_cmp_occ);
    taken = malloc(len * sizeof *taken);
    if (!taken) goto oom;
    for (size_t p = 0; p < len; p++)
        taken[p] = -1;
    for (size_t k = 0; k < nocc; k++) {
        bool free_run = true;
        for (size_t p = occ[k].pos; p < occ[k].pos + occ[k].len && free_run; p++)
            free_run = taken[p] == -1;
        if (!free_run) continue;
        for (size_t p = occ[k].pos; p < occ[k].pos + occ[k].len; p++)
            taken[p] = -2;
        taken[occ[k].pos] = v->special[occ[k].rank];
    }
    for (size_t p = 0; p < len;) {
        if (taken[p] >= 0) {
            int32_t id = taken[p];
            if (!tok_frag_push(&fr, id, 0, 0)) goto oom;
            p += v->tok[id].len;
            continue;
        }
        size_t q = p;
        while (q < len && taken[q] == -1)
            q++;
        if (!tok_frag_push(&fr, -1, p, q - p)) goto oom;
        p = q;
    }
    free(occ);
    free(taken);
    *out = fr;
    return true;
oom:
    free(occ);
    free(taken);
    free(fr.a);
    return false;
}

struct tok_sym {
    uint32_t start; /* byte offset in the encoded word */
    uint32_t n;     /* bytes; 0 once merged away */
    int32_t prev, next;
};

struct tok_bigram {
    int32_t rank;
    int32_t left, right;
    uint32_t size;
};

/* Min-heap on (rank, left): llama.cpp's llm_bigram_bpe::comparator. */
static bool tok_bigram_less(const struct tok_bigram *a, const struct tok_bigram *b)
{
    return a->rank < b->rank || (a->rank == b->rank && a->left < b->left);
}

struct tok_work {
    struct tok_sym *sym;
    size_t sym_cap;
    struct tok_bigram *heap;
    size_t heap_n, heap_cap;
    char *word; /* byte-encoded word */
    size_t word_cap;
    bool oom;
};

static void tok_heap_push(struct tok_work *w, struct tok_bigram b)
{
    if (w->heap_n == w->heap_cap) {
        size_t cap = w->heap_cap ? w->heap_cap * 2 : 64;
        struct tok_bigram *nh = realloc(w->heap, cap * sizeof *nh);
        if (!nh) {
            w->oom = true;
            return;
        }
        w->heap = nh;
        w->heap_cap = cap;
    }
    size_t i = w->heap_n++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!tok_bigram_less(&b, &w->heap[p])) break;
        w->heap[i] = w->heap[p];
        i = p;
    }
    w->heap[i] = b;
}

static struct tok_bigram tok_heap_pop(struct tok_work *w)
{
    struct tok_bigram top = w->heap[0];
    struct tok_bigram last = w->heap[--w->heap_n];
    size_t i = 0, n = w->heap_n;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && tok_bigram_less(&w->heap[c + 1], &w->heap[c])) c++;
        if (!tok_bigram_less(&w->heap[c], &last)) break;
        w->heap[i] = w->heap[c];
        i = c;
    }
    if (n > 0) w->heap[i] = last;
    return top;
}

static void tok_add_bigram(const struct tok_vocab *v, struct tok_work *w, int32_t l, int32_t r)
{
    if (l < 0 || r < 0) return;
    const struct tok_sym *a = &w->sym[l], *b = &w->sym[r];
    int32_t rank = tok_merge_rank(v, w->word + a->start, a->n, w->word + b->start, b->n);
    if (rank < 0) return;
    tok_heap_push(w, (struct tok_bigram){rank, l, r, a->n + b->n});
}

/* BPE over one pre-tokenized word (UTF-8 of its code points, wl bytes). */
static void tok_bpe_word(const struct tok_vocab *v, struct tok_work *w, const char *utf8, size_t wl,
                         struct tok_ids *out)
{
    /* Byte-level encoding: every byte becomes one code point of 1 or 2 UTF-8 bytes. */
    if (wl * 2 > w->word_cap) {
        size_t cap = wl * 2 + 64;
        char *nw = realloc(w->word, cap);
        struct tok_sym *ns = realloc(w->sym, (cap / 2 + 1) * sizeof *ns);
        if (nw) w->word = nw;
        if (ns) w->sym = ns;
        if (!nw || !ns) {
            w->oom = true;
            return;
        }
        w->word_cap = cap;
        w->sym_cap = cap / 2 + 1;
    }
    size_t n = 0;
    int32_t nsym = 0;
    for (size_t i = 0; i < wl; i++) {
        char buf[4];
        int k = tok_utf8_put(tok_byte_cp[(unsigned char)utf8[i]], buf);
        w->sym[nsym] = (struct tok_sym){(uint32_t)n, (uint32_t)k, nsym - 1, nsym + 1};
        memcpy(w->word + n, buf, (size_t)k);
        n += (size_t)k;
        nsym++;
    }
    if (nsym == 0) return;
    w->sym[nsym - 1].next = -1;

    if (v->ignore_merges) {
        int32_t id = tok_find(v, w->word, n);
        if (id >= 0) {
            tok_push(out, id);
            return;
        }
    }

    w->heap_n = 0;
    for (int32_t i = 1; i < nsym; i++)
        tok_add_bigram(v, w, i - 1, i);
    while (w->heap_n > 0 && !w->oom) {
        struct tok_bigram b = tok_heap_pop(w);
        struct tok_sym *l = &w->sym[b.left], *r = &w->sym[b.right];
        /* Outdated when either side was merged since: the symbols' text no longer adds up */
        if (l->n == 0 || r->n == 0 || l->n + r->n != b.size) continue;
        l->n += r->n;
        r->n = 0;
        l->next = r->next;
        if (r->next >= 0) w->sym[r->next].prev = b.left;
        tok_add_bigram(v, w, l->prev, b.left);
        tok_add_bigram(v, w, b.left, l->next);
    }
    for (int32_t i = 0; i != -1; i = w->sym[i].next) {
        const struct tok_sym *s = &w->sym[i];
        if (s->n == 0) continue;
        int32_t id = tok_find(v, w->word + s->start, s->n);
        if (id >= 0) {
            tok_push(out, id);
            continue;
        }
        /* Not a token: each byte of the symbol's text alone, where that is a token */
        for (uint32_t j = 0; j < s->n; j++) {
            int32_t bid = tok_find(v, w->word + s->start + j, 1);
            if (bid >= 0) tok_push(out, bid);
        }
    }
}

/* The pre-tokenizer over len bytes: *cp gets the code points (llama.cpp's decoding), *pieces
 * the length of each piece in code points (both malloc'd). */
static int tok_split(const struct tok_vocab *v, const unsigned char *s, size_t len,
                     uint32_t **cp_out, size_t *ncp_out, size_t **pieces_out, size_t *np_out)
{
    int rc = HUB_ERR_NOMEM;
    uint32_t *cp = malloc((len + 1) * sizeof *cp);
    size_t *boff = malloc((len + 1) * sizeof *boff);     /* byte offset of code point i */
    char *subj = malloc(len * 4 + 1);                    /* the regex's view of the text */
    size_t *cpat = malloc((len * 4 + 1) * sizeof *cpat); /* byte offset -> code point index */
    size_t *pieces = malloc((len + 1) * sizeof *pieces), *npieces = NULL;
    pcre2_match_data *md = NULL;
    if (!cp || !boff || !subj || !cpat || !pieces) goto done;

    size_t ncp = 0, sb = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c = tok_utf8_next(s, len, &i);
        cp[ncp] = c;
        boff[ncp] = sb;
        /* What std::regex sees in llama.cpp: non-ASCII white space as U+000B. Surrogates and
         * values beyond Unicode cannot be valid UTF-8 for PCRE2: U+FFFD stands in. */
        uint32_t m = c;
        if (m > 0x7f && tok_is_space(m)) m = 0x0b;
        if ((m >= 0xd800 && m <= 0xdfff) || m > 0x10ffff) m = 0xfffd;
        int k = tok_utf8_put(m, subj + sb);
        for (int j = 0; j < k; j++)
            cpat[sb + (size_t)j] = ncp;
        sb += (size_t)k;
        ncp++;
    }
    boff[ncp] = sb;
    cpat[sb] = ncp;

    /* pieces: lengths in code points, initially the whole fragment */
    size_t np = 0;
    if (ncp > 0) pieces[np++] = ncp;
    npieces = malloc((ncp + 1) * sizeof *npieces);
    if (!npieces) goto done;
    for (int r = 0; r < v->n_re; r++) {
        md = pcre2_match_data_create_from_pattern(v->re[r], NULL);
        if (!md) goto done;
        size_t nn = 0, start = 0;
        for (size_t p = 0; p < np; p++) {
            size_t c0 = start, c1 = start + pieces[p];
            start = c1;
            /* The regex sees only this piece, as std::regex_iterator over [c0, c1) does: $ and
             * look-ahead stop at its end. */
            const char *sub = subj + boff[c0];
            size_t sublen = boff[c1] - boff[c0];
            size_t base = boff[c0];
            size_t pos = 0;  /* bytes within sub */
            size_t last = 0; /* end of the last match, bytes within sub */
            while (pos <= sublen) {
                int m = pcre2_match(v->re[r], (PCRE2_SPTR)sub, sublen, pos, PCRE2_NO_UTF_CHECK, md,
                                    NULL);
                if (m == PCRE2_ERROR_NOMATCH) break;
                if (m < 0) {
                    rc = HUB_ERR_INVALID; /* match limit: cannot happen with these patterns */
                    goto done;
                }
                PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
                size_t ms = ov[0], me = ov[1];
                if (me == ms) { /* empty match: step one code point, emit nothing */
                    if (ms >= sublen) break;
                    pos = ms + 1;
                    while (pos < sublen && ((unsigned char)sub[pos] & 0xc0) == 0x80)
                        pos++;
                    continue;
                }
                /* llama.cpp keeps the stretch before a match as a piece of its own */
                if (ms > last) npieces[nn++] = cpat[base + ms] - cpat[base + last];
                npieces[nn++] = cpat[base + me] - cpat[base + ms];
                last = me;
                pos = me;
            }
            if (last < sublen) npieces[nn++] = c1 - cpat[base + last];
        }
        pcre2_match_data_free(md);
        md = NULL;
        size_t *t = pieces;
        pieces = npieces;
        npieces = t;
        np = nn;
    }
    *cp_out = cp;
    *ncp_out = ncp;
    *pieces_out = pieces;
    *np_out = np;
    cp = NULL;
    pieces = NULL;
    rc = HUB_OK;
done:
    pcre2_match_data_free(md);
    free(cp);
    free(boff);
    free(subj);
    free(cpat);
    free(pieces);
    free(npieces);
    return rc;
}

int tok_pretokenize(const struct tok_vocab *v, const char *text, size_t len, size_t **cp_lens,
                    size_t *n)
{
    uint32_t *cp;
    size_t ncp;
    int rc = tok_split(v, (const unsigned char *)text, len, &cp, &ncp, cp_lens, n);
    if (rc == HUB_OK) free(cp);
    return rc;
}

/* Pre-tokenize one raw fragment and BPE every piece. */
static int tok_encode_fragment(const struct tok_vocab *v, struct tok_work *w,
                               const unsigned char *s, size_t len, struct tok_ids *out)
{
    uint32_t *cp;
    size_t ncp, *pieces, np;
    int rc = tok_split(v, s, len, &cp, &ncp, &pieces, &np);
    if (rc != HUB_OK) return rc;
    char *utf8 = malloc(len * 4 + 1);
    if (!utf8) {
        free(cp);
        free(pieces);
        return HUB_ERR_NOMEM;
    }
    /* Each piece: the original code points back to UTF-8, then BPE. */
    size_t start = 0;
    for (size_t p = 0; p < np && !w->oom && !out->oom; p++) {
        size_t ul = 0;
        for (size_t i = start; i < start + pieces[p]; i++)
            ul += (size_t)tok_utf8_put(cp[i], utf8 + ul);
        start += pieces[p];
        tok_bpe_word(v, w, utf8, ul, out);
    }
    free(utf8);
    free(cp);
    free(pieces);
    return w->oom || out->oom ? HUB_ERR_NOMEM : HUB_OK;
}

int tok_encode(const struct tok_vocab *v, const char *text, size_t len, unsigned flags,
               int32_t **ids, size_t *n_ids)
{
    struct tok_ids out = {0};
    struct tok_work w = {0};
    struct tok_frags frags = {0};
    int rc = HUB_OK;
    *ids = NULL;
    *n_ids = 0;
    if (!text) len = 0;

    if ((flags & TOK_ADD_SPECIAL) && v->add_bos) tok_push(&out, v->bos);
    if (len > 0) {
        if (!tok_partition(v, text, len, (flags & TOK_PARSE_SPECIAL) != 0, &frags)) {
            rc = HUB_ERR_NOMEM;
            goto done;
        }
        for (size_t i = 0; i < frags.n && rc == HUB_OK; i++) {
            if (frags.a[i].id >= 0)
                tok_push(&out, frags.a[i].id);
            else
                rc = tok_encode_fragment(v, &w, (const unsigned char *)text + frags.a[i].off,
                                         frags.a[i].len, &out);
        }
    }
    if ((flags & TOK_ADD_SPECIAL) && v->add_eos) tok_push(&out, v->eos);
    if (rc == HUB_OK && out.oom) rc = HUB_ERR_NOMEM;
done:
    free(frags.a);
    free(w.sym);
    free(w.heap);
    free(w.word);
    if (rc != HUB_OK) {
        free(out.a);
        return rc;
    }
    if (!out.a) out.a = malloc(sizeof *out.a); /* a valid pointer even for no ids */
    if (!out.a) return HUB_ERR_NOMEM;
    *ids = out.a;
    *n_ids = out.n;
    return HUB_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Decoding */

int tok_piece(const struct tok_vocab *v, int32_t id, bool special, char *buf, size_t cap)
{
    if (id < 0 || id >= v->n) return -1;
    const struct tok_entry *e = &v->tok[id];
    const char *t = v->arena + e->off;
    size_t n = 0;
    switch (e->type) {
    case TOK_TYPE_CONTROL:
    case TOK_TYPE_UNKNOWN:
        if (!special) return 0;
        /* fall through */
    case TOK_TYPE_USER_DEFINED:
        if (buf) memcpy(buf, t, e->len < cap ? e->len : cap);
        return (int)e->len;
    case TOK_TYPE_NORMAL: {
        /* Byte-level decoding; a code point that stands for no byte is kept visible the way
         * llama.cpp shows it ("[UNK_BYTE_0x..."). */
        size_t i = 0;
        while (i < e->len) {
            size_t i0 = i;
            uint32_t c = tok_utf8_next((const unsigned char *)t, e->len, &i);
            if (c < 324 && tok_cp_byte[c] >= 0) {
                if (buf && n < cap) buf[n] = (char)tok_cp_byte[c];
                n++;
            } else {
                char tmp[64];
                int k = snprintf(tmp, sizeof tmp, "[UNK_BYTE_0x");
                for (size_t j = i0; j < i && k < 56; j++)
                    k += snprintf(tmp + k, sizeof tmp - (size_t)k, "%02x", (unsigned char)t[j]);
                for (int j = 0; j < k; j++, n++)
                    if (buf && n < cap) buf[n] = tmp[j];
                for (size_t j = 0; j < e->len; j++, n++)
                    if (buf && n < cap) buf[n] = t[j];
                if (buf && n < cap) buf[n] = ']';
                n++;
            }
        }
        return (int)n;
    }
    default: return 0; /* byte, unused and undefined tokens print nothing, as in llama.cpp */
    }
}

char *tok_decode(const struct tok_vocab *v, const int32_t *ids, size_t n, bool special, size_t *len)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        int k = tok_piece(v, ids[i], special, NULL, 0);
        if (k < 0) return NULL;
        total += (size_t)k;
    }
    char *s = malloc(total + 1);
    if (!s) return NULL;
    size_t off = 0;
    for (size_t i = 0; i < n; i++)
        off += (size_t)tok_piece(v, ids[i], special, s + off, total - off);
    s[off] = '\0';
    if (len) *len = off;
    return s;
}
