/* hub-train: builds the hub's own language model from nothing. Subcommands:
 *   data       generate training / held-out utterances with intent lines (engine/corpus.c)
 *   tokenizer  train the byte-level BPE on a corpus (engine/bpe_train.c)
 *   model      train the deepseek2 model (engine/train.c)
 *   words      the English words of a corpus and their counts, for mending typos (spell.h)
 * Each subcommand is one function in the table below; add yours there. */
#include "engine/bpe_train.h"
#include "engine/corpus.h"
#include "engine/intent_line.h"
#include "engine/spell.h"
#include "engine/train.h"
#include "hub_log.h"
#include "hub_status.h"

#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef HUB_DATA_DIR
#define HUB_DATA_DIR "data"
#endif

static void data_usage(FILE *f)
{
    fprintf(f,
            "usage: hub-train data --seed S --count N --lang en|zh-CN|both --split train|heldout\n"
            "                      --out FILE.jsonl [--houses FILE] [--data DIR] [--schema FILE]\n"
            "                      [--per-house K] [--none-share F] [--rules F] [--eval] [--check]\n"
            "  Writes N utterances (N per language with --lang both) as JSON lines:\n"
            "  {id, text, lang, context_area, house, target, expected, template, combo, neg}\n"
            "  and the houses they use to --houses (default FILE.houses.jsonl) as\n"
            "  {id, fixture}. --eval writes the evaluation format instead (data/eval/README.md):\n"
            "  one fixture file per house under DIR(FILE)/fixtures/. --check only reports the\n"
            "  schema combinations that no template of the split covers. --rules F: share of rule\n"
            "  sentences (LANG-rules.tpl; default 0.09, about 8 %% of the lines, for train; 0 for\n"
            "  heldout, which stays as it was; --split heldout --rules 1 makes a rule eval).\n"
            "  Templates and word lists come from --data (default %s).\n",
            HUB_DATA_DIR);
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

static int mkdir_p(const char *dir)
{
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s", dir);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        if (mkdir(tmp, 0777) && errno != EEXIST) return -1;
        *p = '/';
    }
    if (mkdir(tmp, 0777) && errno != EEXIST) return -1;
    return 0;
}

static int cmd_data(int argc, char **argv)
{
    const char *out = NULL, *houses = NULL, *lang = NULL, *split = "train";
    const char *data_dir = HUB_DATA_DIR, *schema_path = NULL;
    long seed = -1, count = -1, per_house = 40;
    double none_share = 0.08, rule_share = -1;
    int eval = 0, check = 0;
    char err[1024], path[1100], hpath[1100];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--eval")) {
            eval = 1;
            continue;
        }
        if (!strcmp(a, "--check")) {
            check = 1;
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            data_usage(stdout);
            return 0;
        }
        if (!v) {
            fprintf(stderr, "hub-train data: %s needs a value\n", a);
            return 2;
        }
        i++;
        if (!strcmp(a, "--seed")) {
            if (parse_long(v, 0, 0x7fffffffL, &seed)) goto bad;
        } else if (!strcmp(a, "--count")) {
            if (parse_long(v, 1, 100000000L, &count)) goto bad;
        } else if (!strcmp(a, "--per-house")) {
            if (parse_long(v, 1, 100000L, &per_house)) goto bad;
        } else if (!strcmp(a, "--none-share")) {
            char *end;
            none_share = strtod(v, &end);
            if (*end || none_share < 0 || none_share > 1) goto bad;
        } else if (!strcmp(a, "--rules")) {
            char *end;
            rule_share = strtod(v, &end);
            if (*end || rule_share < 0 || rule_share > 1) goto bad;
        } else if (!strcmp(a, "--lang")) {
            lang = v;
        } else if (!strcmp(a, "--split")) {
            split = v;
        } else if (!strcmp(a, "--out")) {
            out = v;
        } else if (!strcmp(a, "--houses")) {
            houses = v;
        } else if (!strcmp(a, "--data")) {
            data_dir = v;
        } else if (!strcmp(a, "--schema")) {
            schema_path = v;
        } else {
            fprintf(stderr, "hub-train data: unknown option %s\n", a);
            data_usage(stderr);
            return 2;
        }
        continue;
    bad:
        fprintf(stderr, "hub-train data: bad value for %s: %s\n", a, v);
        return 2;
    }
    if (!lang || (strcmp(lang, "en") && strcmp(lang, "zh-CN") && strcmp(lang, "both"))) {
        fprintf(stderr, "hub-train data: --lang en, zh-CN or both is required\n");
        return 2;
    }
    if (strcmp(split, "train") && strcmp(split, "heldout")) {
        fprintf(stderr, "hub-train data: --split must be train or heldout\n");
        return 2;
    }
    if (!check && (seed < 0 || count < 0 || !out)) {
        fprintf(stderr, "hub-train data: --seed, --count and --out are required\n");
        data_usage(stderr);
        return 2;
    }
    int heldout = !strcmp(split, "heldout");
    if (rule_share < 0) rule_share = heldout ? 0 : 0.09; /* about 8 % of the lines */
    snprintf(path, sizeof path, "%s/schema.json", data_dir);
    struct intent_schema *schema;
    if (intent_schema_load(schema_path ? schema_path : path, &schema, err, sizeof err)) {
        fprintf(stderr, "hub-train data: %s\n", err);
        return 1;
    }
    const char *langs[2];
    int nl = 0;
    if (!strcmp(lang, "both")) langs[nl++] = "en", langs[nl++] = "zh-CN";
    else langs[nl++] = lang;
    struct corpus *corp[2] = {0};
    struct corpus_gen *gen[2] = {0};
    FILE *fo = NULL, *fh = NULL;
    int rc = 1;
    for (int l = 0; l < nl; l++) {
        if (corpus_load(data_dir, langs[l], schema, &corp[l], err, sizeof err)) {
            fprintf(stderr, "hub-train data: %s\n", err);
            goto done;
        }
        char unc[8192];
        int miss = corpus_uncovered(corp[l], heldout, unc, sizeof unc);
        if (check) {
            printf("%s %s: %d schema combinations without a template\n%s", langs[l], split, miss,
                   unc);
            continue;
        }
        if (miss)
            fprintf(stderr, "hub-train data: warning: %s %s: %d combinations without a template:\n%s",
                    langs[l], split, miss, unc);
        struct corpus_gen_opts o = {(uint64_t)seed, heldout, (int)per_house, none_share,
                                    rule_share};
        if (corpus_gen_new(corp[l], &o, &gen[l])) {
            fprintf(stderr, "hub-train data: %s: no templates for the %s split\n", langs[l], split);
            goto done;
        }
    }
    if (check) {
        rc = 0;
        goto done;
    }
    char fixdir[1100] = "";
    if (eval) {
        const char *slash = strrchr(out, '/');
        int dl = slash ? (int)(slash - out) : 1;
        snprintf(fixdir, sizeof fixdir, "%.*s/fixtures", dl, slash ? out : ".");
        if (mkdir_p(fixdir)) {
            fprintf(stderr, "hub-train data: %s: %s\n", fixdir, strerror(errno));
            goto done;
        }
    } else {
        if (!houses) {
            size_t n = strlen(out);
            if (n > 6 && !strcmp(out + n - 6, ".jsonl")) n -= 6;
            snprintf(hpath, sizeof hpath, "%.*s.houses.jsonl", (int)n, out);
            houses = hpath;
        }
        if (!(fh = fopen(houses, "w"))) {
            fprintf(stderr, "hub-train data: %s: %s\n", houses, strerror(errno));
            goto done;
        }
    }
    if (!(fo = fopen(out, "w"))) {
        fprintf(stderr, "hub-train data: %s: %s\n", out, strerror(errno));
        goto done;
    }
    for (long i = 0; i < count * nl; i++) {
        int l = (int)(i % nl);
        struct corpus_example ex;
        memset(&ex, 0, sizeof ex);
        if (corpus_gen_next(gen[l], &ex, err, sizeof err)) {
            fprintf(stderr, "hub-train data: %s\n", err);
            goto done;
        }
        if (ex.new_house) {
            if (eval) {
                char fp[1300];
                snprintf(fp, sizeof fp, "%s/%s.json", fixdir, ex.house_id);
                if (json_dump_file(ex.house, fp, JSON_INDENT(1))) {
                    fprintf(stderr, "hub-train data: cannot write %s\n", fp);
                    json_decref(ex.expected);
                    goto done;
                }
            } else {
                json_t *h = json_pack("{s:s,s:O}", "id", ex.house_id, "fixture", ex.house);
                char *s = json_dumps(h, JSON_COMPACT);
                json_decref(h);
                if (!s || fprintf(fh, "%s\n", s) < 0) {
                    free(s);
                    fprintf(stderr, "hub-train data: %s: write failed\n", houses);
                    json_decref(ex.expected);
                    goto done;
                }
                free(s);
            }
        }
        char id[96];
        snprintf(id, sizeof id, "%s-%s-%ld-%06ld", langs[l], split, seed, i / nl);
        json_t *j = json_object();
        json_object_set_new(j, "id", json_string(id));
        json_object_set_new(j, "text", json_string(ex.text));
        json_object_set_new(j, "lang", json_string(langs[l]));
        json_object_set_new(j, "context_area",
                            ex.context_area ? json_string(ex.context_area) : json_null());
        if (eval) {
            char fp[200];
            snprintf(fp, sizeof fp, "fixtures/%s.json", ex.house_id);
            json_object_set_new(j, "fixture", json_string(fp));
        } else {
            json_object_set_new(j, "house", json_string(ex.house_id));
        }
        json_object_set_new(j, "target", json_string(ex.target));
        json_object_set_new(j, "expected", ex.expected);
        json_object_set_new(j, "template", json_string(ex.template_id));
        json_object_set_new(j, "combo", json_string(ex.combo));
        if (ex.neg[0]) json_object_set_new(j, "neg", json_string(ex.neg));
        char *s = json_dumps(j, JSON_COMPACT);
        json_decref(j);
        if (!s || fprintf(fo, "%s\n", s) < 0) {
            free(s);
            fprintf(stderr, "hub-train data: %s: write failed\n", out);
            goto done;
        }
        free(s);
    }
    rc = 0;
done:
    if (fo && fclose(fo)) {
        fprintf(stderr, "hub-train data: %s: %s\n", out, strerror(errno));
        rc = 1;
    }
    if (fh && fclose(fh)) {
        fprintf(stderr, "hub-train data: %s: %s\n", houses, strerror(errno));
        rc = 1;
    }
    for (int l = 0; l < nl; l++) {
        corpus_gen_free(gen[l]);
        corpus_free(corp[l]);
    }
    intent_schema_free(schema);
    return rc;
}

/* ---- words: the English words of a corpus and their counts, for engine/spell.c ---- */

struct word_count {
    char *w;
    long long n;
};

struct word_table {
    struct word_count *slot;
    size_t cap, used;
};

static uint64_t word_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    return h;
}

/* Count the word s[0, n) (lower case); -1 when out of memory. */
static int word_add(struct word_table *t, const char *s, size_t n)
{
    if (2 * (t->used + 1) > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 4096;
        struct word_count *slot = calloc(cap, sizeof *slot);
        if (!slot) return -1;
        for (size_t i = 0; i < t->cap; i++) {
            if (!t->slot[i].w) continue;
            size_t k = word_hash(t->slot[i].w, strlen(t->slot[i].w)) & (cap - 1);
            while (slot[k].w) k = (k + 1) & (cap - 1);
            slot[k] = t->slot[i];
        }
        free(t->slot);
        t->slot = slot;
        t->cap = cap;
    }
    size_t k = word_hash(s, n) & (t->cap - 1);
    while (t->slot[k].w && (strlen(t->slot[k].w) != n || memcmp(t->slot[k].w, s, n)))
        k = (k + 1) & (t->cap - 1);
    if (!t->slot[k].w) {
        if (!(t->slot[k].w = strndup(s, n))) return -1;
        t->used++;
    }
    t->slot[k].n++;
    return 0;
}

static int word_count_cmp(const void *a, const void *b)
{
    return strcmp(((const struct word_count *)a)->w, ((const struct word_count *)b)->w);
}

static bool ascii_alpha(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }

static int cmd_words(int argc, char **argv)
{
    const char *corpus = NULL, *out = NULL;
    long min_count = 20;
    bool bad = argc % 2 == 0; /* flags come with values */
    for (int i = 1; i + 1 < argc && !bad; i += 2) {
        if (!strcmp(argv[i], "--corpus")) corpus = argv[i + 1];
        else if (!strcmp(argv[i], "--out")) out = argv[i + 1];
        else if (!strcmp(argv[i], "--min-count"))
            bad = parse_long(argv[i + 1], 1, 1000000000L, &min_count) != 0;
        else
            bad = true;
    }
    if (bad || !corpus || !out) {
        fprintf(stderr,
                "usage: hub-train words --corpus FILE.jsonl --out FILE [--min-count N]\n"
                "  Writes the English words of the corpus's lines (lang en) that occur N times or\n"
                "  more (default 20) as sorted \"word count\" lines, for the engine's mending of\n"
                "  typos (engine/spell.h): runs of ASCII letters, lower-cased, that no digit or\n"
                "  apostrophe touches, of 2 to %d letters.\n",
                SPELL_WORD_MAX);
        return 2;
    }
    FILE *in = fopen(corpus, "r");
    if (!in) {
        fprintf(stderr, "hub-train words: %s: %s\n", corpus, strerror(errno));
        return 1;
    }
    struct word_table t = {NULL, 0, 0};
    int rc = 1;
    char *line = NULL;
    size_t line_cap = 0;
    long lineno = 0;
    while (getline(&line, &line_cap, in) > 0) {
        lineno++;
        json_error_t je;
        json_t *j = json_loads(line, 0, &je);
        const char *lang = json_string_value(json_object_get(j, "lang"));
        const char *text = json_string_value(json_object_get(j, "text"));
        if (!j || !lang || !text) {
            fprintf(stderr, "hub-train words: %s:%ld: not a corpus line\n", corpus, lineno);
            json_decref(j);
            goto done;
        }
        if (!strcmp(lang, "en"))
            for (const char *p = text; *p;) {
                if (!ascii_alpha((unsigned char)*p)) {
                    p++;
                    continue;
                }
                const char *b = p;
                while (ascii_alpha((unsigned char)*p)) p++;
                bool touched = (b > text && (b[-1] == '\'' || (b[-1] >= '0' && b[-1] <= '9'))) ||
                               *p == '\'' || (*p >= '0' && *p <= '9');
                size_t n = (size_t)(p - b);
                char w[SPELL_WORD_MAX + 1];
                if (touched || n < 2 || n > SPELL_WORD_MAX) continue;
                for (size_t k = 0; k < n; k++) w[k] = (char)(b[k] | 32);
                if (word_add(&t, w, n)) {
                    fprintf(stderr, "hub-train words: out of memory\n");
                    json_decref(j);
                    goto done;
                }
            }
        json_decref(j);
    }
    if (ferror(in)) {
        fprintf(stderr, "hub-train words: %s: %s\n", corpus, strerror(errno));
        goto done;
    }
    size_t n = 0;
    for (size_t i = 0; i < t.cap; i++)
        if (t.slot[i].w && t.slot[i].n >= min_count) t.slot[n++] = t.slot[i];
        else free(t.slot[i].w);
    t.cap = n; /* the kept words are now the first n slots */
    qsort(t.slot, n, sizeof *t.slot, word_count_cmp);
    FILE *fo = fopen(out, "w");
    if (!fo) {
        fprintf(stderr, "hub-train words: %s: %s\n", out, strerror(errno));
        goto done;
    }
    for (size_t i = 0; i < n; i++) fprintf(fo, "%s %lld\n", t.slot[i].w, t.slot[i].n);
    if (fclose(fo)) {
        fprintf(stderr, "hub-train words: %s: %s\n", out, strerror(errno));
        goto done;
    }
    fprintf(stderr, "hub-train words: %zu words to %s\n", n, out);
    rc = 0;
done:
    for (size_t i = 0; i < t.cap; i++) free(t.slot[i].w);
    free(t.slot);
    free(line);
    fclose(in);
    return rc;
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} hub_train_cmds[] = {
    {"data", cmd_data, "generate training or held-out utterances with intent lines"},
    {"tokenizer", bpe_train_main, "train the byte-level BPE tokenizer (engine/bpe_train.c)"},
    {"model", train_model_main, "train the deepseek2 model (engine/train.c)"},
    {"words", cmd_words, "the English words of a corpus and their counts (engine/spell.h)"},
};

int main(int argc, char **argv)
{
    size_t n = sizeof hub_train_cmds / sizeof hub_train_cmds[0];
    if (argc >= 2)
        for (size_t i = 0; i < n; i++)
            if (!strcmp(argv[1], hub_train_cmds[i].name))
                return hub_train_cmds[i].run(argc - 1, argv + 1);
    fprintf(stderr, "usage: hub-train COMMAND [options]\n");
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "  %-10s %s\n", hub_train_cmds[i].name, hub_train_cmds[i].help);
    return argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) ? 0 : 2;
}
