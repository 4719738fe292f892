/*
 * cmd_experts.c: `hub-engine experts --model M --eval FILE.jsonl [--eval FILE2 ...]`: what the
 * routed experts of a Mixture-of-Experts model specialize in (issue #4). Each evaluation line's
 * prompt (the one intent decoding reads: <|bos|> utterance <|intent|>, intent_prompt; with the
 * house hint of the line's fixture for a model that reads one) runs through the model with the
 * routing recorder on (model_ctx_set_route_hook); every token of every MoE layer adds its top-k
 * experts to counts by language (`lang`), expected intent (`expected.intent`, null as "none")
 * and token kind (Latin-script, CJK, other, special).
 *
 * Output, per MoE layer: a header with the load (each expert's share of routed token slots: max,
 * mean, min, max/mean) and how differently the languages and the token kinds route (total
 * variation distance between their expert distributions: 0 % same experts, 100 % disjoint), for
 * each language the expert it leans on most (largest share of its slots over the share of the
 * other languages' slots), then one line per expert:
 *   expert  5:  3.12 % | en  1.20 % zh-CN  5.31 % | latin  1.10 % cjk  5.90 % other ... |
 *       top intents HassMediaSearchAndPlay x2.10, HassBroadcast x1.80, none x1.52
 * where "en 1.20 %" is the share of English tokens' slots this expert takes (each column sums to
 * 100 % over a layer's experts) and "x2.10" the lift: the intent's share over the expert's
 * share of all languages' slots. Intents with fewer than 1 % of the tokens are not ranked (too
 * few to tell). The BOS is counted in the load and as a special token but in no language or
 * intent: at position 0 it sees the same input in every prompt and always takes the same
 * experts, which would make short utterances look like they prefer those.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/commands.h"
#include "engine/intent.h"
#include "engine/model.h"
#include "engine/tokenizer.h"
#include "hub_status.h"

#define EXPERTS_N_CTX 512
#define EXPERTS_MAX_NAMES 128 /* languages, and intents, each */

/* token kinds: the script of a token's text */
enum experts_kind { KIND_LATIN, KIND_CJK, KIND_OTHER, KIND_SPECIAL, KIND_COUNT };
static const char *const experts_kind_names[KIND_COUNT] = {"latin", "cjk", "other", "special"};

/* A set of names (languages or intents) numbered in order of first sight. */
struct experts_names {
    int n;
    char *s[EXPERTS_MAX_NAMES];
};

/* Counts: for each layer and expert, routed slots per group; groups are the languages
 * [0, EXPERTS_MAX_NAMES), then the intents, then the kinds. */
#define G_LANG 0
#define G_INTENT EXPERTS_MAX_NAMES
#define G_KIND (2 * EXPERTS_MAX_NAMES)
#define G_COUNT (2 * EXPERTS_MAX_NAMES + KIND_COUNT)

struct experts_stats {
    int n_layer, n_expert, k;
    bool *moe;               /* [n_layer]: the recorder was called for this layer */
    int64_t *slots;          /* [n_layer][n_expert][G_COUNT] */
    int64_t tokens[G_COUNT]; /* prompt tokens per group (the same for every layer) */
    int64_t n_tokens, n_prompts, n_skipped;
    struct experts_names langs, intents;
    /* the prompt being evaluated: its groups, and each position's kind */
    int cur_lang, cur_intent;
    bool cur_bos; /* position 0 is the BOS: the same input in every prompt, so the same experts */
    unsigned char kind[EXPERTS_N_CTX];
    bool bad_call; /* the recorder saw a layer, position or expert out of range */
};

static void cmd_experts_usage(FILE *out)
{
    fprintf(out,
            "usage: hub-engine experts --model M --eval FILE.jsonl [--eval FILE2 ...] "
            "[--threads N] [--top N] [--schema S]\n"
            "  per MoE layer: each expert's share of routed token slots (max/mean), by language,\n"
            "  token kind (latin, cjk, other, special) and the expected intents it takes most\n");
}

/* The number of a name in the set, added when new; -1 when the set is full. */
static int experts_name_id(struct experts_names *ns, const char *name)
{
    for (int i = 0; i < ns->n; i++)
        if (!strcmp(ns->s[i], name)) return i;
    if (ns->n == EXPERTS_MAX_NAMES) return -1;
    if (!(ns->s[ns->n] = strdup(name))) return -1;
    return ns->n++;
}

/* Decode one UTF-8 code point at p (n bytes left); its length, or 0 for a broken sequence. */
static int experts_utf8(const unsigned char *p, int n, unsigned *cp)
{
    int len = p[0] < 0x80 ? 1 : p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 0;
    if (!len || len > n) return 0;
    unsigned v = len == 1 ? p[0] : p[0] & (0x3F >> (len - 1));
    for (int i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        v = v << 6 | (p[i] & 0x3F);
    }
    *cp = v;
    return len;
}

/* CJK ideographs, kana, CJK and full-width punctuation: the Chinese side of the corpus. */
static bool experts_is_cjk(unsigned cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

static bool experts_is_latin(unsigned cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F);
}

/* A token's kind: CJK when its text holds a CJK character or a piece of one (byte-level BPE
 * splits rare characters; bytes of a broken sequence count as CJK when a lead byte of three or
 * more bytes is among them), Latin when it holds a letter, special for control tokens, else
 * other (digits, punctuation, spaces). */
static enum experts_kind experts_token_kind(const struct tok_vocab *v, int32_t id)
{
    int type = tok_type(v, id);
    if (type == TOK_TYPE_CONTROL || type == TOK_TYPE_UNKNOWN) return KIND_SPECIAL;
    unsigned char buf[256];
    int n = tok_piece(v, id, true, (char *)buf, sizeof buf);
    if (n < 0) return KIND_OTHER;
    if (n > (int)sizeof buf) n = (int)sizeof buf;
    bool latin = false, cjk = false;
    for (int i = 0; i < n;) {
        unsigned cp;
        int len = experts_utf8(buf + i, n - i, &cp);
        if (!len) {
            /* a piece of a multi-byte character: continuation bytes alone or a cut lead */
            if (buf[i] >= 0xE0)
                cjk = true;
            else if (buf[i] >= 0x80 && buf[i] < 0xC0 && !latin)
                cjk = true;
            i++;
            continue;
        }
        cjk |= experts_is_cjk(cp);
        latin |= experts_is_latin(cp);
        i += len;
    }
    return cjk ? KIND_CJK : latin ? KIND_LATIN : KIND_OTHER;
}

static int64_t *experts_cell(struct experts_stats *s, int layer, int expert)
{
    return s->slots + ((size_t)layer * s->n_expert + (size_t)expert) * G_COUNT;
}

/* The routing recorder: sel [T][k] of one MoE layer for positions pos0 .. pos0 + T - 1. */
static void experts_record(void *user, int layer, int pos0, int T, const int32_t *sel, int k)
{
    struct experts_stats *s = user;
    if (layer < 0 || layer >= s->n_layer || k != s->k || pos0 < 0 || pos0 + T > EXPERTS_N_CTX) {
        s->bad_call = true;
        return;
    }
    s->moe[layer] = true;
    for (int t = 0; t < T; t++) {
        int kind = s->kind[pos0 + t];
        for (int i = 0; i < k; i++) {
            int e = sel[(size_t)t * k + i];
            if (e < 0 || e >= s->n_expert) {
                s->bad_call = true;
                continue;
            }
            int64_t *cell = experts_cell(s, layer, e);
            cell[G_KIND + kind]++;
            /* the BOS says nothing about the utterance (and weighs most in short ones) */
            if (pos0 + t == 0 && s->cur_bos) continue;
            cell[G_LANG + s->cur_lang]++;
            cell[G_INTENT + s->cur_intent]++;
        }
    }
}

/* One evaluation file: every line's prompt through the model. 0, or 1 with a message. */
static int experts_run_file(struct experts_stats *s, struct intent_engine *e, struct model_ctx *mc,
                            const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "hub-engine experts: %s: %s\n", path, strerror(errno));
        return 1;
    }
    const struct tok_vocab *v = intent_engine_vocab(e);
    int32_t toks[EXPERTS_N_CTX];
    char *line = NULL, err[512], hint[128] = "", cur_fx[4096] = "";
    struct resolve_registry *reg = NULL; /* the fixture of the lines being read */
    const char *slash = strrchr(path, '/');
    int dir_len = slash ? (int)(slash - path) : 1;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    int rc = 0;
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (line[strspn(line, " \t\r\n")] == 0) continue;
        json_error_t je;
        json_t *in = json_loadb(line, (size_t)got, 0, &je);
        const json_t *text = json_object_get(in, "text"), *lang = json_object_get(in, "lang");
        const json_t *exp = json_object_get(in, "expected");
        const json_t *intent = json_object_get(exp, "intent");
        const char *bad = NULL;
        if (!in)
            bad = je.text;
        else if (!json_is_string(text))
            bad = "no \"text\" string";
        else if (lang && !json_is_string(lang))
            bad = "\"lang\" is not a string";
        else if (intent && !json_is_string(intent) && !json_is_null(intent))
            bad = "\"expected.intent\" is neither a string nor null";
        if (bad) {
            fprintf(stderr, "hub-engine experts: %s:%ld: %s\n", path, lineno, bad);
            json_decref(in);
            rc = 1;
            break;
        }
        /* no expected answer: "?"; out of scope (null): "none" */
        const char *iname = !exp || !intent        ? "?"
                            : json_is_null(intent) ? "none"
                                                   : json_string_value(intent);
        s->cur_lang = experts_name_id(&s->langs, lang ? json_string_value(lang) : "?");
        s->cur_intent = experts_name_id(&s->intents, iname);
        if (s->cur_lang < 0 || s->cur_intent < 0) {
            fprintf(stderr, "hub-engine experts: %s:%ld: more than %d languages or intents\n", path,
                    lineno, EXPERTS_MAX_NAMES);
            json_decref(in);
            rc = 1;
            break;
        }
        const json_t *fx = json_object_get(in, "fixture");
        if (!json_is_string(fx)) { /* a line without a house: no names known */
            resolve_registry_free(reg);
            reg = NULL;
            cur_fx[0] = 0;
        } else if (intent_engine_house_hint(e) && strcmp(json_string_value(fx), cur_fx)) {
            char fpath[8300];
            snprintf(fpath, sizeof fpath, "%.*s/%s", dir_len, slash ? path : ".",
                     json_string_value(fx));
            snprintf(cur_fx, sizeof cur_fx, "%s", json_string_value(fx));
            resolve_registry_free(reg);
            if (!(reg = resolve_registry_load(fpath, err, sizeof err))) {
                fprintf(stderr, "hub-engine experts: %s:%ld: %s\n", path, lineno, err);
                json_decref(in);
                rc = 1;
                break;
            }
        }
        intent_house_hint(reg, json_string_value(text), hint, sizeof hint);
        int n = 0;
        int st = intent_prompt(e, json_string_value(text), hint, toks, EXPERTS_N_CTX, &n, err,
                               sizeof err);
        json_decref(in);
        if (st == HUB_ERR_RANGE) { /* too long for the context: left out, counted */
            s->n_skipped++;
            continue;
        }
        if (st) {
            fprintf(stderr, "hub-engine experts: %s:%ld: %s\n", path, lineno, err);
            rc = 1;
            break;
        }
        for (int i = 0; i < n; i++) {
            s->kind[i] = (unsigned char)experts_token_kind(v, toks[i]);
            s->tokens[G_KIND + s->kind[i]]++;
        }
        s->cur_bos = n > 0 && toks[0] == tok_bos(v);
        s->tokens[G_LANG + s->cur_lang] += n - s->cur_bos;
        s->tokens[G_INTENT + s->cur_intent] += n - s->cur_bos;
        s->n_tokens += n;
        s->n_prompts++;
        model_ctx_reset(mc);
        if ((st = model_eval(mc, toks, n, NULL))) {
            fprintf(stderr, "hub-engine experts: %s:%ld: model: %s\n", path, lineno,
                    hub_strerror(st));
            rc = 1;
            break;
        }
    }
    if (!rc && ferror(f)) {
        fprintf(stderr, "hub-engine experts: %s: read error\n", path);
        rc = 1;
    }
    free(line);
    resolve_registry_free(reg);
    fclose(f);
    return rc;
}

static double experts_pct(int64_t part, int64_t whole)
{
    return whole > 0 ? 100.0 * (double)part / (double)whole : 0.0;
}

/* Total variation distance (%) between the expert distributions of groups a and b in a layer:
 * half the sum of |share_a - share_b|, the part of the routing the two do not share. */
static double experts_tv(struct experts_stats *s, int layer, int a, int b)
{
    int64_t ka = s->tokens[a] * s->k, kb = s->tokens[b] * s->k;
    double d = 0;
    for (int e = 0; e < s->n_expert; e++) {
        const int64_t *cell = experts_cell(s, layer, e);
        d += fabs((double)cell[a] / (double)ka - (double)cell[b] / (double)kb);
    }
    return 100.0 * d / 2;
}

static void experts_report(struct experts_stats *s, int top)
{
    int64_t all = s->n_tokens * s->k; /* routed slots of a layer */
    printf("# %lld prompts (%lld left out as too long), %lld tokens, top-%d of %d experts\n",
           (long long)s->n_prompts, (long long)s->n_skipped, (long long)s->n_tokens, s->k,
           s->n_expert);
    printf("# tokens:");
    for (int i = 0; i < s->langs.n; i++)
        printf(" %s %lld", s->langs.s[i], (long long)s->tokens[G_LANG + i]);
    printf(" (languages without the BOS) |");
    for (int i = 0; i < KIND_COUNT; i++)
        printf(" %s %lld", experts_kind_names[i], (long long)s->tokens[G_KIND + i]);
    printf("\n");
    /* tokens that speak for their utterance (all but the BOS), and intents worth ranking: at
     * least 1 % of those */
    int64_t content = 0;
    for (int i = 0; i < s->langs.n; i++)
        content += s->tokens[G_LANG + i];
    int64_t min_tokens = content / 100 > 1 ? content / 100 : 1;
    for (int l = 0; l < s->n_layer; l++) {
        if (!s->moe[l]) continue;
        int64_t mx = -1, mn = -1;
        int emx = 0;
        for (int e = 0; e < s->n_expert; e++) {
            int64_t n = 0;
            const int64_t *cell = experts_cell(s, l, e);
            for (int i = 0; i < KIND_COUNT; i++)
                n += cell[G_KIND + i];
            if (n > mx) mx = n, emx = e;
            if (mn < 0 || n < mn) mn = n;
        }
        double mean = 100.0 / s->n_expert;
        printf("layer %d: load max %.2f %% (expert %d) mean %.2f %% min %.2f %% max/mean %.2f", l,
               experts_pct(mx, all), emx, mean, experts_pct(mn, all), experts_pct(mx, all) / mean);
        /* how differently the languages (and Latin vs CJK tokens) route */
        for (int a = 0; a < s->langs.n; a++)
            for (int b = a + 1; b < s->langs.n; b++)
                if (s->tokens[G_LANG + a] && s->tokens[G_LANG + b])
                    printf(" | %s/%s differ %.1f %%", s->langs.s[a], s->langs.s[b],
                           experts_tv(s, l, G_LANG + a, G_LANG + b));
        if (s->tokens[G_KIND + KIND_LATIN] && s->tokens[G_KIND + KIND_CJK])
            printf(" | latin/cjk differ %.1f %%",
                   experts_tv(s, l, G_KIND + KIND_LATIN, G_KIND + KIND_CJK));
        printf("\n");
        /* each language's favourite: the expert whose share of that language's slots most
         * exceeds its share of everyone else's */
        for (int i = 0; s->langs.n > 1 && i < s->langs.n; i++) {
            int64_t mine = s->tokens[G_LANG + i] * s->k, rest = s->k * (content - mine / s->k);
            int best = -1;
            double best_in = 0, best_out = 0;
            for (int e = 0; mine && rest && e < s->n_expert; e++) {
                const int64_t *cell = experts_cell(s, l, e);
                int64_t others = 0;
                for (int j = 0; j < s->langs.n; j++)
                    if (j != i) others += cell[G_LANG + j];
                double in = experts_pct(cell[G_LANG + i], mine);
                double out = experts_pct(others, rest);
                if (best < 0 || in - out > best_in - best_out)
                    best = e, best_in = in, best_out = out;
            }
            if (best >= 0)
                printf("  leans %s: expert %d takes %.2f %% of %s slots vs %.2f %% of the rest\n",
                       s->langs.s[i], best, best_in, s->langs.s[i], best_out);
        }
        for (int e = 0; e < s->n_expert; e++) {
            const int64_t *cell = experts_cell(s, l, e);
            int64_t n = 0;
            for (int i = 0; i < KIND_COUNT; i++)
                n += cell[G_KIND + i];
            double share = experts_pct(n, all);
            printf("  expert %3d: %6.2f %% |", e, share);
            for (int i = 0; i < s->langs.n; i++)
                printf(" %s %6.2f %%", s->langs.s[i],
                       experts_pct(cell[G_LANG + i], s->tokens[G_LANG + i] * s->k));
            printf(" |");
            for (int i = 0; i < KIND_COUNT; i++)
                printf(" %s %6.2f %%", experts_kind_names[i],
                       experts_pct(cell[G_KIND + i], s->tokens[G_KIND + i] * s->k));
            printf(" | top intents");
            /* the top intents by lift over the expert's share of content (non-BOS) slots, a
             * selection sort over the few intents */
            int64_t n_content = 0;
            for (int i = 0; i < s->langs.n; i++)
                n_content += cell[G_LANG + i];
            double content_share = experts_pct(n_content, content * s->k);
            bool used[EXPERTS_MAX_NAMES] = {false};
            int shown = 0;
            for (int r = 0; r < top && n_content > 0; r++) {
                int best = -1;
                double best_lift = 0;
                for (int i = 0; i < s->intents.n; i++) {
                    if (used[i] || s->tokens[G_INTENT + i] < min_tokens) continue;
                    double lift = experts_pct(cell[G_INTENT + i], s->tokens[G_INTENT + i] * s->k) /
                                  content_share;
                    if (best < 0 || lift > best_lift) best = i, best_lift = lift;
                }
                if (best < 0 || best_lift <= 0) break;
                used[best] = true;
                printf("%s %s x%.2f", shown++ ? "," : "", s->intents.s[best], best_lift);
            }
            if (!shown) printf(" -");
            printf("\n");
        }
    }
}

int hub_engine_cmd_experts(int argc, char **argv)
{
    const char *model = NULL, *schema = NULL;
    const char **evals = calloc((size_t)argc, sizeof *evals);
    int n_eval = 0, threads = 1, top = 3, rc = 1;
    char err[512];
    struct experts_stats s;
    memset(&s, 0, sizeof s);
    if (!evals) {
        fprintf(stderr, "hub-engine experts: out of memory\n");
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            cmd_experts_usage(stdout);
            free(evals);
            return 0;
        }
        if (!v) {
            fprintf(stderr, "hub-engine experts: %s needs a value\n", a);
            cmd_experts_usage(stderr);
            free(evals);
            return 2;
        }
        i++;
        long num = 0;
        char *end = NULL;
        if (!strcmp(a, "--threads") || !strcmp(a, "--top")) num = strtol(v, &end, 10);
        if (!strcmp(a, "--model"))
            model = v;
        else if (!strcmp(a, "--schema"))
            schema = v;
        else if (!strcmp(a, "--eval"))
            evals[n_eval++] = v;
        else if (!strcmp(a, "--threads") && !*end && num >= 1 && num <= 64)
            threads = (int)num;
        else if (!strcmp(a, "--top") && !*end && num >= 0 && num <= 20)
            top = (int)num;
        else {
            if (end)
                fprintf(stderr, "hub-engine experts: %s wants a number in range, not '%s'\n", a, v);
            else
                fprintf(stderr, "hub-engine experts: unknown flag '%s'\n", a);
            cmd_experts_usage(stderr);
            free(evals);
            return 2;
        }
    }
    if (!model || !n_eval) {
        fprintf(stderr, "hub-engine experts: --model and at least one --eval are required\n");
        cmd_experts_usage(stderr);
        free(evals);
        return 2;
    }
    struct model_ctx *mc = NULL;
    struct intent_engine *e = intent_engine_load(model, schema, err, sizeof err);
    if (!e) {
        fprintf(stderr, "hub-engine experts: %s\n", err);
        goto out;
    }
    const struct model_hparams *hp = model_hparams(intent_engine_model(e));
    s.n_layer = hp->n_layer;
    s.n_expert = hp->n_expert;
    s.k = hp->n_expert_used;
    s.moe = calloc((size_t)s.n_layer, sizeof *s.moe);
    s.slots = calloc((size_t)s.n_layer * s.n_expert * G_COUNT, sizeof *s.slots);
    if (!s.moe || !s.slots) {
        fprintf(stderr, "hub-engine experts: out of memory\n");
        goto out;
    }
    if (!(mc = model_ctx_new(intent_engine_model(e), EXPERTS_N_CTX, threads, err, sizeof err))) {
        fprintf(stderr, "hub-engine experts: %s\n", err);
        goto out;
    }
    model_ctx_set_route_hook(mc, experts_record, &s);
    for (int i = 0; i < n_eval; i++)
        if (experts_run_file(&s, e, mc, evals[i])) goto out;
    if (s.bad_call) {
        fprintf(stderr, "hub-engine experts: the routing recorder saw an out-of-range call\n");
        goto out;
    }
    if (!s.n_tokens) {
        fprintf(stderr, "hub-engine experts: no prompts in the evaluation files\n");
        goto out;
    }
    printf("# hub-engine experts: %s\n", model);
    experts_report(&s, top);
    rc = fflush(stdout) || ferror(stdout) ? 1 : 0;
out:
    model_ctx_free(mc);
    intent_engine_free(e);
    for (int i = 0; i < s.langs.n; i++)
        free(s.langs.s[i]);
    for (int i = 0; i < s.intents.n; i++)
        free(s.intents.s[i]);
    free(s.moe);
    free(s.slots);
    free(evals);
    return rc;
}
