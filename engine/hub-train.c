/* hub-train: builds the hub's own language model from nothing. Subcommands:
 *   data       generate training / held-out utterances with intent lines (engine/corpus.c)
 *   tokenizer  train the byte-level BPE on a corpus (engine/bpe_train.c)
 *   model      train the deepseek2 model (engine/train.c)
 * Each subcommand is one function in the table below; add yours there. */
#include "engine/bpe_train.h"
#include "engine/corpus.h"
#include "engine/intent_line.h"
#include "engine/train.h"
#include "hub_log.h"
#include "hub_status.h"

#include <errno.h>
#include <jansson.h>
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

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} hub_train_cmds[] = {
    {"data", cmd_data, "generate training or held-out utterances with intent lines"},
    {"tokenizer", bpe_train_main, "train the byte-level BPE tokenizer (engine/bpe_train.c)"},
    {"model", train_model_main, "train the deepseek2 model (engine/train.c)"},
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
