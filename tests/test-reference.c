/*
 * test-reference.c: the forward pass against llama.cpp's own logits on the reference models
 * (HUB_REFERENCE_DIR/manifest.json; see shared/reference/README.md). For every model and
 * token sequence, batched prefill logits at every position are held to the model's NMSE
 * tolerance and top-1 agreement; the short sequence is also run one token at a time through
 * the KV cache and held to the same bounds; the greedy continuation after "mid" must be
 * identical where the manifest says so. Prints the figures per model.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/gguf.h"
#include "engine/model.h"
#include "engine/sampler.h"
#include "tests/hub-check.h"

static int verbose; /* HUB_REFERENCE_VERBOSE=1: NMSE of every position */

struct tol {
    double nmse_max, nmse_mean_max, top1_min;
    bool greedy_must_match;
};

struct stats {
    double sum, max;
    int n, agree;
};

static float *read_f32(const char *path, size_t n)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    float *v = malloc(n * sizeof(float));
    size_t got = v ? fread(v, sizeof(float), n, fp) : 0;
    int extra = fgetc(fp);
    fclose(fp);
    if (got != n || extra != EOF) {
        free(v);
        return NULL;
    }
    return v;
}

/* Accumulate NMSE and top-1 agreement of n positions. */
static void compare(const float *x, const float *ref, int n, int nv, struct stats *st)
{
    for (int p = 0; p < n; p++) {
        const float *a = x + (size_t)p * nv, *b = ref + (size_t)p * nv;
        double num = 0, den = 0;
        for (int i = 0; i < nv; i++) {
            double d = (double)a[i] - b[i];
            num += d * d;
            den += (double)b[i] * b[i];
        }
        double e = den > 0 ? num / den : num;
        if (!isfinite(e)) e = INFINITY;
        if (verbose) printf("    pos %3d NMSE %.3e%s\n", p, e, e > 1e-4 ? "  <<" : "");
        st->sum += e;
        if (e > st->max || isnan(st->max)) st->max = e;
        st->n++;
        if (sampler_argmax(a, nv) == sampler_argmax(b, nv)) st->agree++;
    }
}

static void check_stats(const char *model, const char *what, const struct stats *st,
                        const struct tol *t)
{
    double mean = st->n ? st->sum / st->n : INFINITY;
    double top1 = st->n ? (double)st->agree / st->n : 0;
    printf("  %-22s %-16s NMSE mean %.3e max %.3e  top-1 %5.1f%% (%d positions)\n", model, what,
           mean, st->max, 100 * top1, st->n);
    if (t->nmse_mean_max > 0) {
        CHECK(mean <= t->nmse_mean_max, "%s %s: mean NMSE %.3e > %.1e", model, what, mean,
              t->nmse_mean_max);
    }
    CHECK(st->max <= t->nmse_max, "%s %s: max NMSE %.3e > %.1e", model, what, st->max,
          t->nmse_max);
    CHECK(top1 >= t->top1_min, "%s %s: top-1 agreement %.3f < %.2f", model, what, top1,
          t->top1_min);
}

static int get_tokens(json_t *arr, int32_t **out)
{
    if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > 100000)
        return -1;
    int n = (int)json_array_size(arr);
    int32_t *v = malloc((size_t)n * sizeof(*v));
    for (int i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, (size_t)i);
        if (!json_is_integer(e)) {
            free(v);
            return -1;
        }
        v[i] = (int32_t)json_integer_value(e);
    }
    *out = v;
    return n;
}

static void test_model(const char *dir, const char *name, json_t *mj, int threads)
{
    char path[8192], err[512];
    json_t *tj = json_object_get(mj, "tolerance");
    struct tol t = {0, 0, 0, false};
    t.nmse_max = json_number_value(json_object_get(tj, "nmse_max"));
    t.nmse_mean_max = json_number_value(json_object_get(tj, "nmse_mean_max"));
    t.top1_min = json_number_value(json_object_get(tj, "top1_agree_min"));
    t.greedy_must_match = json_is_true(json_object_get(tj, "greedy_must_match"));
    CHECK(t.nmse_max > 0, "%s: manifest has no tolerance.nmse_max", name);
    /* no top-1 bound where the manifest gives none (f32: NMSE and the greedy run decide) */

    snprintf(path, sizeof(path), "%s/%s", dir, json_string_value(json_object_get(mj, "file")));
    struct gguf_file *f = gguf_open(path, err, sizeof(err));
    CHECK(f, "%s: %s", path, err);
    if (!f) return;
    struct model *m = model_load(f, err, sizeof(err));
    CHECK(m, "%s: %s", path, err);
    if (!m) {
        gguf_close(f);
        return;
    }
    int nv = model_hparams(m)->n_vocab;
    struct model_ctx *c = model_ctx_new(m, 256, threads, err, sizeof(err));
    CHECK(c, "%s: %s", name, err);
    if (!c) goto out;

    struct stats all = {0, 0, 0, 0};
    json_t *seqs = json_object_get(mj, "sequences");
    const char *sname;
    json_t *sj;
    json_object_foreach(seqs, sname, sj) {
        int32_t *tok;
        int n = get_tokens(json_object_get(sj, "tokens"), &tok);
        CHECK(n > 0, "%s/%s: bad tokens", name, sname);
        if (n <= 0) continue;
        snprintf(path, sizeof(path), "%s/%s", dir,
                 json_string_value(json_object_get(sj, "logits")));
        float *ref = read_f32(path, (size_t)n * nv);
        CHECK(ref, "%s: missing or not %d x %d floats", path, n, nv);
        float *lg = malloc((size_t)n * nv * sizeof(float));
        if (ref && lg) {
            /* batched prefill, every position */
            model_ctx_reset(c);
            int rc = model_eval_all(c, tok, n, lg);
            CHECK(rc == 0, "%s/%s: eval failed (%d)", name, sname, rc);
            struct stats st = {0, 0, 0, 0};
            compare(lg, ref, n, nv, &st);
            char what[64];
            snprintf(what, sizeof(what), "%s prefill", sname);
            check_stats(name, what, &st, &t);
            compare(lg, ref, n, nv, &all);
            /* one token at a time through the cache */
            if (!strcmp(sname, "short") || getenv("HUB_REFERENCE_DECODE_ALL")) {
                model_ctx_reset(c);
                for (int i = 0; i < n && rc == 0; i++)
                    rc = model_eval(c, &tok[i], 1, lg + (size_t)i * nv);
                CHECK(rc == 0, "%s/%s: decode failed (%d)", name, sname, rc);
                struct stats sd = {0, 0, 0, 0};
                compare(lg, ref, n, nv, &sd);
                snprintf(what, sizeof(what), "%s decode", sname);
                check_stats(name, what, &sd, &t);
            }
        }
        free(lg);
        free(ref);
        free(tok);
    }

    /* greedy continuation: prefill the prompt, then one token at a time */
    json_t *gj = json_object_get(mj, "greedy");
    const char *pname = json_string_value(json_object_get(gj, "prompt"));
    int32_t *ptok = NULL, *want = NULL;
    int np = pname ? get_tokens(json_object_get(json_object_get(seqs, pname), "tokens"), &ptok)
                   : -1;
    int nw = get_tokens(json_object_get(gj, "tokens"), &want);
    CHECK(np > 0 && nw > 0, "%s: manifest greedy entry unreadable", name);
    if (np > 0 && nw > 0) {
        float *lg = malloc((size_t)nv * sizeof(float));
        model_ctx_reset(c);
        int rc = model_eval(c, ptok, np, lg);
        int same = 0, first_diff = -1;
        char got[1024] = "";
        size_t gl = 0;
        for (int i = 0; i < nw && rc == 0; i++) {
            int32_t id = sampler_argmax(lg, nv);
            gl += (size_t)snprintf(got + gl, gl < sizeof(got) ? sizeof(got) - gl : 0, "%s%d",
                                   i ? "," : "", id);
            if (id == want[i] && first_diff < 0) same++;
            else if (first_diff < 0) first_diff = i;
            /* continue on llama.cpp's tokens so that one early flip does not hide the rest */
            int32_t next = want[i];
            if (i + 1 < nw) rc = model_eval(c, &next, 1, lg);
        }
        CHECK(rc == 0, "%s: greedy decode failed", name);
        printf("  %-22s greedy           %d/%d identical before the first difference%s\n", name,
               same, nw, t.greedy_must_match ? " (must match)" : "");
        if (first_diff >= 0) printf("  %-22s   ours: %s\n", name, got);
        if (t.greedy_must_match)
            CHECK(same == nw, "%s: greedy continuation differs at %d", name, first_diff);
        free(lg);
    }
    free(ptok);
    free(want);

    double mean = all.n ? all.sum / all.n : 0;
    printf("%-24s NMSE mean %.3e max %.3e top-1 %.1f%%\n", name, mean, all.max,
           all.n ? 100.0 * all.agree / all.n : 0);
out:
    model_ctx_free(c);
    model_free(m);
    gguf_close(f);
}

int main(int argc, char **argv)
{
    const char *dir = hub_test_refdir();
    const char *vb = getenv("HUB_REFERENCE_VERBOSE");
    verbose = vb && *vb && strcmp(vb, "0");
    char path[4200];
    snprintf(path, sizeof(path), "%s/manifest.json", dir);
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) {
        printf("FAIL: cannot read %s: %s (line %d)\n", path, je.text, je.line);
        return 1;
    }
    json_t *models = json_object_get(root, "models");
    CHECK(json_is_object(models) && json_object_size(models) >= 10,
          "manifest lists %zu models, expected the 10 of the README", json_object_size(models));
    const char *only = argc > 1 ? argv[1] : NULL;
    const char *name;
    json_t *mj;
    json_object_foreach(models, name, mj) {
        if (only && !strstr(name, only)) continue;
        test_model(dir, name, mj, 2);
    }
    json_decref(root);
    printf("%s: %d failure(s)\n", failures ? "FAIL" : "PASS", failures);
    return failures ? 1 : 0;
}
