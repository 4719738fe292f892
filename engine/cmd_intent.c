/*
 * cmd_intent.c: `hub-engine intent --model M --fixtures F.json --lang en|zh-CN`: reads JSON
 * lines {"text": ..., "context_area": ...|null} on stdin and writes one JSON line per input,
 * {"intent": NAME|null, "slots": {...}, "ms": float} (DESIGN.md, INTENTS.md). A bad input line
 * is answered {"intent": null, "slots": {}, "ms": 0, "error": "..."} so that output lines stay
 * in step with input lines.
 *
 * --eval FILE.jsonl reads an evaluation file of data/eval/README.md instead of stdin: each line
 * names its own fixture (relative to the file's folder), so a whole mixed file is answered in
 * order, ready for tools/intent-score.
 */
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <time.h>

#include "engine/commands.h"
#include "engine/intent.h"
#include "engine/resolve.h"
#include "engine/zh_words.h"

static void cmd_intent_usage(FILE *out)
{
    fprintf(out, "usage: hub-engine intent [--model M] --fixtures F.json [--lang en|zh-CN] "
                 "[--schema S] [--threads N] [--explain] [--eval FILE.jsonl] [--unconstrained]\n"
                 "       [--zh-words FILE|none] [--en-words FILE|none] [--phrases FILE|none]\n"
                 "       [--backend cpu|cuda|auto]\n"
                 "  stdin: {\"text\": ..., \"context_area\": ...} per line; stdout: "
                 "{\"intent\", \"slots\", \"ms\"} per line\n"
                 "  --model defaults to %s\n"
                 "  --zh-words (Chinese word boundaries) defaults to %s\n"
                 "  --en-words (the words English typos are mended to) defaults to %s\n"
                 "  --phrases (rarer phrasings rewritten for --lang) defaults to %s\n"
                 "  --backend defaults to cpu: this small model answers sooner there than\n"
                 "  through a GPU's per-token round trips (models/README.md)\n",
            intent_default_model(), *zh_words_default_path() ? zh_words_default_path() : "none",
            intent_default_en_words(), intent_default_phrases("en"));
}

static double cmd_intent_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmd_intent_emit(json_t *out)
{
    char *s = json_dumps(out, JSON_COMPACT | JSON_REAL_PRECISION(6));
    if (!s) return -1;
    int rc = puts(s) < 0 ? -1 : 0;
    free(s);
    fflush(stdout);
    return rc;
}

int hub_engine_cmd_intent(int argc, char **argv)
{
    const char *model = NULL, *fixtures = NULL, *lang = "en", *schema = NULL, *eval = NULL;
    const char *zh_words = NULL, *en_words = NULL, *phrases = NULL, *backend = "cpu";
    int threads = 1, explain = 0, unconstrained = 0, rc = 1;
    char err[512];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            cmd_intent_usage(stdout);
            return 0;
        } else if (!strcmp(a, "--explain")) {
            explain = 1;
            continue;
        } else if (!strcmp(a, "--unconstrained")) {
            unconstrained = 1;
            continue;
        }
        if (!v) {
            fprintf(stderr, "hub-engine intent: %s needs a value\n", a);
            cmd_intent_usage(stderr);
            return 2;
        }
        i++;
        if (!strcmp(a, "--model")) model = v;
        else if (!strcmp(a, "--fixtures")) fixtures = v;
        else if (!strcmp(a, "--lang")) lang = v;
        else if (!strcmp(a, "--schema")) schema = v;
        else if (!strcmp(a, "--eval")) eval = v;
        else if (!strcmp(a, "--zh-words")) zh_words = v;
        else if (!strcmp(a, "--en-words")) en_words = v;
        else if (!strcmp(a, "--phrases")) phrases = v;
        else if (!strcmp(a, "--backend")) backend = v;
        else if (!strcmp(a, "--threads")) {
            char *end;
            long t = strtol(v, &end, 10);
            if (*end || t < 1 || t > 64) {
                fprintf(stderr, "hub-engine intent: --threads wants 1..64, not '%s'\n", v);
                return 2;
            }
            threads = (int)t;
        } else {
            fprintf(stderr, "hub-engine intent: unknown flag '%s'\n", a);
            cmd_intent_usage(stderr);
            return 2;
        }
    }
    if (strcmp(lang, "en") && strcmp(lang, "zh-CN")) {
        fprintf(stderr, "hub-engine intent: --lang is en or zh-CN, not '%s'\n", lang);
        return 2;
    }
    if (!fixtures && !eval) {
        fprintf(stderr, "hub-engine intent: --fixtures F.json is required\n");
        cmd_intent_usage(stderr);
        return 2;
    }
    FILE *in_f = stdin;
    char eval_dir[4096] = ".", cur_fx[4096] = "";
    if (eval) {
        char tmp[4096];
        snprintf(tmp, sizeof tmp, "%s", eval);
        snprintf(eval_dir, sizeof eval_dir, "%s", dirname(tmp));
        if (!(in_f = fopen(eval, "r"))) {
            fprintf(stderr, "hub-engine intent: %s: %s\n", eval, strerror(errno));
            return 1;
        }
    }
    struct resolve_registry *reg = NULL;
    if (fixtures && !(reg = resolve_registry_load(fixtures, err, sizeof err))) {
        fprintf(stderr, "hub-engine intent: %s\n", err);
        if (in_f != stdin) fclose(in_f);
        return 1;
    }
    struct intent_engine *e = intent_engine_load(model, schema, err, sizeof err);
    struct intent_ctx *c = NULL;
    if (!e) {
        fprintf(stderr, "hub-engine intent: %s\n", err);
        goto out;
    }
    if (zh_words &&
        intent_engine_set_zh_words(e, strcmp(zh_words, "none") ? zh_words : NULL, err,
                                   sizeof err)) {
        fprintf(stderr, "hub-engine intent: %s\n", err);
        goto out;
    }
    if (en_words &&
        intent_engine_set_en_words(e, strcmp(en_words, "none") ? en_words : NULL, err,
                                   sizeof err)) {
        fprintf(stderr, "hub-engine intent: %s\n", err);
        goto out;
    }
    if (phrases &&
        intent_engine_set_phrases(e, lang, strcmp(phrases, "none") ? phrases : NULL, err,
                                  sizeof err)) {
        fprintf(stderr, "hub-engine intent: %s\n", err);
        goto out;
    }
    if (!(c = intent_ctx_new(e, threads, err, sizeof err)) ||
        intent_ctx_set_backend(c, backend, err, sizeof err)) {
        fprintf(stderr, "hub-engine intent: %s\n", err);
        goto out;
    }
    intent_ctx_set_constrained(c, !unconstrained);
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    rc = 0;
    while ((got = getline(&line, &cap, in_f)) >= 0) {
        json_error_t je;
        json_t *in, *out = NULL;
        const char *bad = NULL;
        lineno++;
        in = json_loadb(line, (size_t)got, 0, &je);
        const json_t *text = in ? json_object_get(in, "text") : NULL;
        const json_t *ca = in ? json_object_get(in, "context_area") : NULL;
        const json_t *fx = in ? json_object_get(in, "fixture") : NULL;
        if (in && eval && json_is_string(fx) && strcmp(json_string_value(fx), cur_fx)) {
            char path[8300];
            snprintf(path, sizeof path, "%s/%s", eval_dir, json_string_value(fx));
            snprintf(cur_fx, sizeof cur_fx, "%s", json_string_value(fx));
            resolve_registry_free(reg);
            if (!(reg = resolve_registry_load(path, err, sizeof err))) {
                fprintf(stderr, "hub-engine intent: %s\n", err);
                json_decref(in);
                rc = 1;
                break;
            }
        }
        if (!in) bad = je.text;
        else if (!reg) bad = "no fixture (--fixtures, or \"fixture\" with --eval)";
        else if (!json_is_object(in) || !json_is_string(text)) bad = "no \"text\" string";
        else if (ca && !json_is_string(ca) && !json_is_null(ca))
            bad = "\"context_area\" is neither a string nor null";
        if (bad) {
            fprintf(stderr, "hub-engine intent: stdin line %ld: %s\n", lineno, bad);
            out = json_pack("{s:n,s:{},s:i,s:s}", "intent", "slots", "ms", 0, "error", bad);
        } else {
            double t0 = cmd_intent_now_ms();
            out = intent_parse(c, reg, json_string_value(text), lang,
                               json_is_string(ca) ? json_string_value(ca) : NULL, err,
                               sizeof err);
            double ms = cmd_intent_now_ms() - t0;
            if (!out) {
                fprintf(stderr, "hub-engine intent: stdin line %ld: %s\n", lineno, err);
                json_decref(in);
                rc = 1;
                break;
            }
            json_object_set_new(out, "ms", json_real((double)(long)(ms * 1000 + 0.5) / 1000));
            if (explain) json_object_set_new(out, "line", json_string(intent_ctx_last_line(c)));
        }
        json_decref(in);
        if (!out || cmd_intent_emit(out)) {
            json_decref(out);
            fprintf(stderr, "hub-engine intent: cannot write the answer\n");
            rc = 1;
            break;
        }
        json_decref(out);
    }
    free(line);
out:
    if (in_f != stdin) fclose(in_f);
    intent_ctx_free(c);
    intent_engine_free(e);
    resolve_registry_free(reg);
    return rc;
}
