/* intent-score: scores `hub-engine intent` output against an evaluation set (data/eval/README.md).
 *
 *   intent-score [--errors N] EVAL.jsonl RESULTS.jsonl [EVAL2.jsonl RESULTS2.jsonl ...]
 *
 * Line i of RESULTS answers line i of EVAL. An utterance counts as understood when the intent is
 * the expected one (null included), every expected slot is there with the expected value (numbers
 * compared as numbers, strings exactly) and there is no other slot (INTENTS.md); when the expected
 * answer has a `rule` (a rule sentence: HubCreateRule), the answer's rule must be the same object
 * (members, weekday lists and the action compared the same way). Prints accuracy
 * per language and per expected intent, null precision/recall for out-of-scope inputs, and the
 * median and p99 of the "ms" field. Exit 0 when scored, 1 on bad input, 2 on bad usage. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCORE_MAX_KEYS 256

struct tally {
    char key[64];
    long n, ok;
};

struct score {
    struct tally langs[16];
    int n_langs;
    struct tally intents[SCORE_MAX_KEYS];
    int n_intents;
    long null_expected, null_predicted, null_both;
    double *ms;
    long n_ms, cap_ms;
    long total, ok;
    int show_errors;
};

static struct tally *tally_get(struct tally *t, int *n, int max, const char *key)
{
    for (int i = 0; i < *n; i++)
        if (!strcmp(t[i].key, key)) return &t[i];
    if (*n == max) return NULL;
    snprintf(t[*n].key, sizeof t[0].key, "%s", key);
    t[*n].n = t[*n].ok = 0;
    return &t[(*n)++];
}

/* Slot values equal: numbers by value (40 == 40.0), everything else exactly. */
static int value_equal(json_t *a, json_t *b)
{
    if (json_is_number(a) && json_is_number(b))
        return fabs(json_number_value(a) - json_number_value(b)) < 1e-6;
    return json_equal(a, b);
}

static int slots_equal(json_t *want, json_t *got)
{
    const char *k;
    json_t *v;
    if (!json_is_object(want)) want = NULL;
    if (!json_is_object(got)) got = NULL;
    size_t nw = want ? json_object_size(want) : 0, ng = got ? json_object_size(got) : 0;
    if (nw != ng) return 0;
    if (!nw) return 1;
    json_object_foreach(want, k, v) {
        json_t *g = json_object_get(got, k);
        if (!g || !value_equal(v, g)) return 0;
    }
    return 1;
}

/* Rule objects equal: the same members, numbers by value, arrays in order, at any depth. */
static int deep_equal(json_t *a, json_t *b)
{
    if (json_is_object(a) && json_is_object(b)) {
        const char *k;
        json_t *v;
        if (json_object_size(a) != json_object_size(b)) return 0;
        json_object_foreach(a, k, v)
        {
            json_t *w = json_object_get(b, k);
            if (!w || !deep_equal(v, w)) return 0;
        }
        return 1;
    }
    if (json_is_array(a) && json_is_array(b)) {
        if (json_array_size(a) != json_array_size(b)) return 0;
        for (size_t i = 0; i < json_array_size(a); i++)
            if (!deep_equal(json_array_get(a, i), json_array_get(b, i))) return 0;
        return 1;
    }
    return value_equal(a, b);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted values. */
static double percentile(const double *v, long n, double p)
{
    if (!n) return NAN;
    long r = (long)ceil(p / 100.0 * (double)n);
    if (r < 1) r = 1;
    if (r > n) r = n;
    return v[r - 1];
}

static int score_pair(struct score *s, const char *eval_path, const char *res_path)
{
    FILE *fe = fopen(eval_path, "r"), *fr = fopen(res_path, "r");
    char *le = NULL, *lr = NULL;
    size_t ce = 0, cr = 0;
    long lineno = 0;
    int rc = 1;
    if (!fe || !fr) {
        fprintf(stderr, "intent-score: %s: %s\n", !fe ? eval_path : res_path, strerror(errno));
        goto out;
    }
    for (;;) {
        ssize_t ne = getline(&le, &ce, fe);
        ssize_t nr = getline(&lr, &cr, fr);
        lineno++;
        if (ne < 0 && nr < 0) break;
        if (ne < 0 || nr < 0) {
            fprintf(stderr, "intent-score: %s has more lines than %s (line %ld)\n",
                    ne < 0 ? res_path : eval_path, ne < 0 ? eval_path : res_path, lineno);
            goto out;
        }
        json_error_t je;
        json_t *e = json_loads(le, 0, &je);
        if (!e || !json_is_object(e)) {
            fprintf(stderr, "intent-score: %s:%ld: %s\n", eval_path, lineno,
                    e ? "not an object" : je.text);
            json_decref(e);
            goto out;
        }
        json_t *r = json_loads(lr, 0, &je);
        if (!r || !json_is_object(r)) {
            fprintf(stderr, "intent-score: %s:%ld: %s\n", res_path, lineno,
                    r ? "not an object" : je.text);
            json_decref(e);
            json_decref(r);
            goto out;
        }
        json_t *exp = json_object_get(e, "expected");
        json_t *wi = json_object_get(exp, "intent"), *gi = json_object_get(r, "intent");
        const char *lang = json_string_value(json_object_get(e, "lang"));
        if (!json_is_object(exp) || !(json_is_null(wi) || json_is_string(wi)) ||
            !(json_is_null(gi) || json_is_string(gi) || !gi)) {
            fprintf(stderr, "intent-score: %s:%ld / %s:%ld: intent must be a string or null\n",
                    eval_path, lineno, res_path, lineno);
            json_decref(e);
            json_decref(r);
            goto out;
        }
        int want_null = json_is_null(wi), got_null = !gi || json_is_null(gi);
        int ok = want_null ? got_null
                           : !got_null && !strcmp(json_string_value(wi), json_string_value(gi)) &&
                                 slots_equal(json_object_get(exp, "slots"),
                                             json_object_get(r, "slots"));
        json_t *want_rule = json_object_get(exp, "rule");
        if (ok && want_rule) ok = deep_equal(want_rule, json_object_get(r, "rule"));
        s->total++;
        s->ok += ok;
        struct tally *t = tally_get(s->langs, &s->n_langs, 16, lang ? lang : "?");
        if (t) t->n++, t->ok += ok;
        t = tally_get(s->intents, &s->n_intents, SCORE_MAX_KEYS,
                      want_null ? "(null)" : json_string_value(wi));
        if (t) t->n++, t->ok += ok;
        s->null_expected += want_null;
        s->null_predicted += got_null;
        s->null_both += want_null && got_null;
        json_t *ms = json_object_get(r, "ms");
        if (json_is_number(ms)) {
            if (s->n_ms == s->cap_ms) {
                s->cap_ms = s->cap_ms ? 2 * s->cap_ms : 1024;
                double *nm = realloc(s->ms, (size_t)s->cap_ms * sizeof *nm);
                if (!nm) {
                    fprintf(stderr, "intent-score: out of memory\n");
                    json_decref(e);
                    json_decref(r);
                    goto out;
                }
                s->ms = nm;
            }
            s->ms[s->n_ms++] = json_number_value(ms);
        }
        if (!ok && s->show_errors > 0) {
            s->show_errors--;
            char *a = json_dumps(exp, JSON_COMPACT), *b = json_dumps(r, JSON_COMPACT);
            printf("miss %s:%ld %s\n  want %s\n  got  %s\n", eval_path, lineno,
                   json_string_value(json_object_get(e, "text")), a ? a : "?", b ? b : "?");
            free(a);
            free(b);
        }
        json_decref(e);
        json_decref(r);
    }
    rc = 0;
out:
    free(le);
    free(lr);
    if (fe) fclose(fe);
    if (fr) fclose(fr);
    return rc;
}

static double pct(long a, long b)
{
    return b ? 100.0 * (double)a / (double)b : NAN;
}

static int cmp_tally(const void *a, const void *b)
{
    return strcmp(((const struct tally *)a)->key, ((const struct tally *)b)->key);
}

int main(int argc, char **argv)
{
    struct score s;
    int i = 1;
    memset(&s, 0, sizeof s);
    if (i + 1 < argc && !strcmp(argv[i], "--errors")) {
        char *end;
        s.show_errors = (int)strtol(argv[i + 1], &end, 10);
        if (*end || s.show_errors < 0) {
            fprintf(stderr, "intent-score: bad --errors %s\n", argv[i + 1]);
            return 2;
        }
        i += 2;
    }
    if (argc - i < 2 || (argc - i) % 2) {
        fprintf(stderr, "usage: intent-score [--errors N] EVAL.jsonl RESULTS.jsonl "
                        "[EVAL2.jsonl RESULTS2.jsonl ...]\n");
        return 2;
    }
    for (; i < argc; i += 2)
        if (score_pair(&s, argv[i], argv[i + 1])) {
            free(s.ms);
            return 1;
        }
    if (!s.total) {
        fprintf(stderr, "intent-score: no utterances\n");
        free(s.ms);
        return 1;
    }
    qsort(s.langs, (size_t)s.n_langs, sizeof s.langs[0], cmp_tally);
    qsort(s.intents, (size_t)s.n_intents, sizeof s.intents[0], cmp_tally);
    printf("overall: %ld/%ld = %.2f %%\n", s.ok, s.total, pct(s.ok, s.total));
    for (int k = 0; k < s.n_langs; k++)
        printf("lang %s: %ld/%ld = %.2f %%\n", s.langs[k].key, s.langs[k].ok, s.langs[k].n,
               pct(s.langs[k].ok, s.langs[k].n));
    for (int k = 0; k < s.n_intents; k++)
        printf("intent %s: %ld/%ld = %.2f %%\n", s.intents[k].key, s.intents[k].ok,
               s.intents[k].n, pct(s.intents[k].ok, s.intents[k].n));
    printf("null precision: %ld/%ld = %.2f %%\n", s.null_both, s.null_predicted,
           pct(s.null_both, s.null_predicted));
    printf("null recall: %ld/%ld = %.2f %%\n", s.null_both, s.null_expected,
           pct(s.null_both, s.null_expected));
    if (s.n_ms) {
        qsort(s.ms, (size_t)s.n_ms, sizeof s.ms[0], cmp_double);
        double median = s.n_ms % 2 ? s.ms[s.n_ms / 2]
                                   : (s.ms[s.n_ms / 2 - 1] + s.ms[s.n_ms / 2]) / 2;
        printf("ms: median %.3f p99 %.3f (n=%ld)\n", median, percentile(s.ms, s.n_ms, 99),
               s.n_ms);
    } else {
        printf("ms: none\n");
    }
    free(s.ms);
    return 0;
}
