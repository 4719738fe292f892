/*
 * cmd_format.c: the hub-engine subcommands that only need the file format and the tokenizer:
 *   hub-engine info --model M                      metadata and the tensor table
 *   hub-engine tokenize --model M [--text T] [--pieces] [--no-bos]
 *                                                  ids of T (or of stdin), comma-separated
 */
#include <getopt.h>
#include <stdbool.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/commands.h"
#include "engine/gguf.h"
#include "engine/tokenizer.h"
#include "hub_status.h"
#include "kernels/kern.h"

/* Print a string value with control characters escaped, at most max bytes (0: all). */
static void cmd_print_str(const char *s, uint64_t len, uint64_t max)
{
    uint64_t n = max && len > max ? max : len;
    putchar('"');
    for (uint64_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\')
            printf("\\%c", ch);
        else if (ch == '\n')
            fputs("\\n", stdout);
        else if (ch == '\t')
            fputs("\\t", stdout);
        else if (ch < 0x20 || ch == 0x7f)
            printf("\\x%02x", ch);
        else
            putchar(ch);
    }
    putchar('"');
    if (n < len) printf("...(%" PRIu64 " bytes)", len);
}

static void cmd_print_scalar(uint32_t type, const void *v)
{
    union {
        uint8_t u8;
        int8_t i8;
        uint16_t u16;
        int16_t i16;
        uint32_t u32;
        int32_t i32;
        float f32;
        uint64_t u64;
        int64_t i64;
        double f64;
    } x;
    switch (type) {
    case GGUF_UINT8:
        memcpy(&x.u8, v, 1);
        printf("%u", x.u8);
        break;
    case GGUF_INT8:
        memcpy(&x.i8, v, 1);
        printf("%d", x.i8);
        break;
    case GGUF_UINT16:
        memcpy(&x.u16, v, 2);
        printf("%u", x.u16);
        break;
    case GGUF_INT16:
        memcpy(&x.i16, v, 2);
        printf("%d", x.i16);
        break;
    case GGUF_UINT32:
        memcpy(&x.u32, v, 4);
        printf("%u", x.u32);
        break;
    case GGUF_INT32:
        memcpy(&x.i32, v, 4);
        printf("%d", x.i32);
        break;
    case GGUF_FLOAT32:
        memcpy(&x.f32, v, 4);
        printf("%.9g", x.f32);
        break;
    case GGUF_BOOL: printf("%s", *(const uint8_t *)v ? "true" : "false"); break;
    case GGUF_UINT64:
        memcpy(&x.u64, v, 8);
        printf("%" PRIu64, x.u64);
        break;
    case GGUF_INT64:
        memcpy(&x.i64, v, 8);
        printf("%" PRId64, x.i64);
        break;
    case GGUF_FLOAT64:
        memcpy(&x.f64, v, 8);
        printf("%.17g", x.f64);
        break;
    default: printf("?"); break;
    }
}

static size_t cmd_scalar_size(uint32_t t)
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
    default: return 8;
    }
}

static void cmd_print_kv(const struct gguf_kv *kv)
{
    printf("  %-44.*s %-4s ", (int)(kv->key.len > 200 ? 200 : kv->key.len), kv->key.data,
           gguf_value_type_name(kv->type));
    if (kv->type == GGUF_STRING) {
        cmd_print_str(kv->arr_str->data, kv->arr_str->len, 200);
    } else if (kv->type == GGUF_ARRAY) {
        const uint64_t show = 8;
        printf("[%s x %" PRIu64 "] [", gguf_value_type_name(kv->arr_type), kv->arr_n);
        for (uint64_t i = 0; i < kv->arr_n && i < show; i++) {
            if (i) fputs(", ", stdout);
            if (kv->arr_type == GGUF_STRING)
                cmd_print_str(kv->arr_str[i].data, kv->arr_str[i].len, 40);
            else
                cmd_print_scalar(kv->arr_type,
                                 (const uint8_t *)kv->value + i * cmd_scalar_size(kv->arr_type));
        }
        printf("%s]", kv->arr_n > show ? ", ..." : "");
    } else {
        cmd_print_scalar(kv->type, kv->value);
    }
    putchar('\n');
}

static void cmd_usage_info(void)
{
    fprintf(stderr, "usage: hub-engine info --model FILE.gguf\n");
}

int hub_engine_cmd_info(int argc, char **argv)
{
    static const struct option opts[] = {
        {"model", required_argument, NULL, 'm'}, {"help", no_argument, NULL, 'h'}, {0}};
    const char *model = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "m:h", opts, NULL)) != -1) {
        switch (c) {
        case 'm': model = optarg; break;
        case 'h': cmd_usage_info(); return 0;
        default: cmd_usage_info(); return 2;
        }
    }
    if (!model || optind != argc) {
        cmd_usage_info();
        return 2;
    }
    char err[512];
    struct gguf_file *f = gguf_open(model, err, sizeof err);
    if (!f) {
        fprintf(stderr, "hub-engine info: %s\n", err);
        return 1;
    }
    printf("file: %s\nGGUF version %u, %zu bytes, alignment %zu, data at %zu\n", model, f->version,
           f->size, f->alignment, f->data_offset);
    printf("metadata: %" PRIu64 " keys\n", f->n_kv);
    for (uint64_t i = 0; i < f->n_kv; i++)
        cmd_print_kv(&f->kv[i]);
    printf("tensors: %" PRIu64 "\n", f->n_tensors);
    printf("  %-40s %-6s %-28s %12s %12s\n", "name", "type", "shape", "offset", "bytes");
    uint64_t total = 0;
    for (uint64_t i = 0; i < f->n_tensors; i++) {
        const struct gguf_tensor *t = &f->tensors[i];
        const struct kern_type_traits *tr = kern_type_traits((int)t->type);
        char shape[64];
        int n = snprintf(shape, sizeof shape, "[");
        for (uint32_t d = 0; d < t->n_dims && n < (int)sizeof shape; d++)
            n += snprintf(shape + n, sizeof shape - (size_t)n, "%s%" PRId64, d ? ", " : "",
                          t->ne[d]);
        if (n < (int)sizeof shape) snprintf(shape + n, sizeof shape - (size_t)n, "]");
        printf("  %-40s %-6s %-28s %12" PRIu64 " %12zu\n", t->name, tr ? tr->name : "?", shape,
               t->offset, t->nbytes);
        total += t->nbytes;
    }
    printf("tensor data: %" PRIu64 " bytes (%.2f MiB)\n", total, (double)total / 1048576.0);
    gguf_close(f);
    return 0;
}

/* All of stdin (the text is tokenized exactly as given, trailing newline included, as
 * llama-tokenize --stdin does). */
static char *cmd_read_stdin(size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    for (;;) {
        if (n == cap) {
            char *nb = cap > ((size_t)1 << 30) ? NULL : realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, stdin);
        n += r;
        if (r == 0) break;
    }
    if (ferror(stdin)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* Length of the well-formed UTF-8 sequence at s (n bytes left), 0 if there is none. */
static int cmd_utf8_len(const unsigned char *s, int n)
{
    int len = s[0] < 0x80             ? 1
              : (s[0] & 0xe0) == 0xc0 ? 2
              : (s[0] & 0xf0) == 0xe0 ? 3
              : (s[0] & 0xf8) == 0xf0 ? 4
                                      : 0;
    if (len == 0 || len > n) return 0;
    uint32_t cp = len == 1 ? s[0] : (uint32_t)(s[0] & (0x7f >> len));
    for (int k = 1; k < len; k++) {
        if ((s[k] & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (s[k] & 0x3f);
    }
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    return len;
}

/* A token's bytes on one line: control bytes and bytes that are not whole UTF-8 characters
 * (a character split over two tokens) as \xNN, so the line stays readable text. */
static void cmd_print_piece(const char *p, int k)
{
    const unsigned char *s = (const unsigned char *)p;
    for (int j = 0; j < k;) {
        unsigned char ch = s[j];
        int len = cmd_utf8_len(s + j, k - j);
        if (ch == '\n')
            fputs("\\n", stdout);
        else if (ch == '\t')
            fputs("\\t", stdout);
        else if (ch == '\\')
            fputs("\\\\", stdout);
        else if (len == 0 || ch < 0x20 || ch == 0x7f)
            printf("\\x%02x", ch);
        else
            fwrite(s + j, 1, (size_t)len, stdout);
        j += len > 0 ? len : 1;
    }
}

static void cmd_usage_tokenize(void)
{
    fprintf(stderr,
            "usage: hub-engine tokenize --model FILE.gguf [--text TEXT] [--pieces] [--no-bos]\n"
            "                           [--no-parse-special]\n"
            "  Prints the token ids of TEXT (or of all of stdin) comma-separated; --pieces prints\n"
            "  one token a line: id, tab, its text (C escapes for control bytes).\n"
            "  --no-bos: no BOS/EOS; --no-parse-special: control tokens in the text are text.\n");
}

int hub_engine_cmd_tokenize(int argc, char **argv)
{
    static const struct option opts[] = {{"model", required_argument, NULL, 'm'},
                                         {"text", required_argument, NULL, 't'},
                                         {"pieces", no_argument, NULL, 'p'},
                                         {"no-bos", no_argument, NULL, 'B'},
                                         {"no-parse-special", no_argument, NULL, 'S'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    const char *model = NULL, *text = NULL;
    bool pieces = false;
    unsigned flags = TOK_DEFAULT;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "m:t:h", opts, NULL)) != -1) {
        switch (c) {
        case 'm': model = optarg; break;
        case 't': text = optarg; break;
        case 'p': pieces = true; break;
        case 'B': flags &= ~TOK_ADD_SPECIAL; break;
        case 'S': flags &= ~TOK_PARSE_SPECIAL; break;
        case 'h': cmd_usage_tokenize(); return 0;
        default: cmd_usage_tokenize(); return 2;
        }
    }
    if (!model || optind != argc) {
        cmd_usage_tokenize();
        return 2;
    }
    char err[512];
    struct gguf_file *f = gguf_open(model, err, sizeof err);
    if (!f) {
        fprintf(stderr, "hub-engine tokenize: %s\n", err);
        return 1;
    }
    struct tok_vocab *v = tok_load(f, err, sizeof err);
    gguf_close(f);
    if (!v) {
        fprintf(stderr, "hub-engine tokenize: %s: %s\n", model, err);
        return 1;
    }
    char *input = NULL;
    size_t len;
    if (text) {
        len = strlen(text);
    } else {
        input = cmd_read_stdin(&len);
        if (!input) {
            fprintf(stderr, "hub-engine tokenize: cannot read stdin\n");
            tok_free(v);
            return 1;
        }
    }
    int32_t *ids;
    size_t n;
    int rc = tok_encode(v, text ? text : input, len, flags, &ids, &n);
    free(input);
    if (rc != 0) {
        fprintf(stderr, "hub-engine tokenize: %s\n", hub_strerror(rc));
        tok_free(v);
        return 1;
    }
    if (pieces) {
        for (size_t i = 0; i < n; i++) {
            int k = tok_piece(v, ids[i], true, NULL, 0);
            char *p = malloc(k > 0 ? (size_t)k : 1);
            if (!p) break;
            tok_piece(v, ids[i], true, p, (size_t)(k > 0 ? k : 0));
            printf("%d\t", ids[i]);
            cmd_print_piece(p, k);
            putchar('\n');
            free(p);
        }
    } else {
        for (size_t i = 0; i < n; i++)
            printf("%s%d", i ? "," : "", ids[i]);
        putchar('\n');
    }
    free(ids);
    tok_free(v);
    return fflush(stdout) == 0 ? 0 : 1;
}
