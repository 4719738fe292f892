/*
 * intent.c: utterance -> model -> constrained intent line -> resolver -> answer (intent.h).
 * Greedy decoding: at each step the allowed token with the largest logit (decode_best) is
 * taken, so a step costs one model evaluation plus a walk of the live trie branches.
 */
#include "engine/intent.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "engine/decode.h"
#include "engine/gguf.h"
#include "engine/model.h"
#include "engine/phrases.h"
#include "engine/sampler.h"
#include "engine/spell.h"
#include "kernels/backend.h"
#include "engine/resolve_rule.h"
#include "engine/tokenizer.h"
#include "engine/zh_words.h"
#include "hub_log.h"
#include "hub_status.h"

#ifndef HUB_INTENT_SRCDIR
#define HUB_INTENT_SRCDIR "."
#endif
#ifndef HUB_INTENT_PKGDATADIR
#define HUB_INTENT_PKGDATADIR "/usr/local/share/hubd"
#endif

#define INTENT_SEP_TEXT "<|intent|>" /* BPE_TOK_SEP of engine/bpe_train.h */
#define INTENT_N_CTX 512
#define INTENT_MAX_CLAUSES 8 /* clauses of an utterance heard one by one */

struct intent_engine {
    struct gguf_file *f;
    struct model *m;
    struct tok_vocab *v;
    struct intent_schema *schema;
    struct decode_grammar *g;
    struct decode_vocab *dv;
    struct zh_words *zh; /* word boundaries of Chinese utterances, NULL: none */
    struct spell *spell; /* English words typos are mended to, NULL: none */
    struct phrases *phrases[2]; /* rarer phrasings rewritten, English and Chinese; NULL: none */
    int32_t bos, eos;
    int32_t sep[8];
    int n_sep;
    bool house_hint; /* the model reads intent_house_hint after the utterance */
};

struct intent_ctx {
    struct intent_engine *e;
    struct model_ctx *mc;
    struct hub_backend *be; /* intent_ctx_set_backend; NULL: the CPU kernels */
    char line[INTENT_LINE_MAX]; /* the last line intent_parse decoded */
    float *logits;
    int32_t *toks;
    bool unconstrained;
};

void intent_ctx_set_constrained(struct intent_ctx *c, bool on)
{
    c->unconstrained = !on;
}

/* Plain greedy: the best token of the whole vocabulary until EOS or a newline. */
static int32_t intent_free_step(struct intent_ctx *c, struct decode_state *st, bool *ended)
{
    int32_t t = sampler_argmax(c->logits, tok_n_vocab(c->e->v));
    char piece[256];
    if (t == c->e->eos || tok_is_eog(c->e->v, t)) {
        *ended = true;
        return -1;
    }
    int n = tok_piece(c->e->v, t, false, piece, sizeof piece);
    if (n < 0 || n > (int)sizeof piece || st->line_len + n >= (int)sizeof st->line) return -1;
    char *nl = memchr(piece, '\n', (size_t)n);
    if (nl) {
        n = (int)(nl - piece);
        *ended = true;
    }
    memcpy(st->line + st->line_len, piece, (size_t)n);
    st->line_len += n;
    st->line[st->line_len] = 0;
    return *ended ? -1 : t;
}

static const char *intent_pick(const char *in_tree, const char *installed)
{
    return access(in_tree, R_OK) == 0 ? in_tree : installed;
}

const char *intent_default_model(void)
{
    return intent_pick(HUB_INTENT_SRCDIR "/models/hubd-intent.gguf",
                       HUB_INTENT_PKGDATADIR "/models/hubd-intent.gguf");
}

const char *intent_default_en_words(void)
{
    return intent_pick(HUB_INTENT_SRCDIR "/data/words/en-vocab.txt",
                       HUB_INTENT_PKGDATADIR "/en-vocab.txt");
}

const char *intent_default_phrases(const char *lang)
{
    bool zh = lang && !strncmp(lang, "zh", 2);
    return zh ? intent_pick(HUB_INTENT_SRCDIR "/data/words/zh-CN-phrases.txt",
                            HUB_INTENT_PKGDATADIR "/zh-CN-phrases.txt")
              : intent_pick(HUB_INTENT_SRCDIR "/data/words/en-phrases.txt",
                            HUB_INTENT_PKGDATADIR "/en-phrases.txt");
}

const char *intent_default_schema(void)
{
    return intent_pick(HUB_INTENT_SRCDIR "/data/schema.json", HUB_INTENT_PKGDATADIR "/schema.json");
}

void intent_engine_free(struct intent_engine *e)
{
    if (!e) return;
    decode_vocab_free(e->dv);
    decode_grammar_free(e->g);
    zh_words_free(e->zh);
    spell_free(e->spell);
    phrases_free(e->phrases[0]);
    phrases_free(e->phrases[1]);
    intent_schema_free(e->schema);
    tok_free(e->v);
    model_free(e->m);
    gguf_close(e->f);
    free(e);
}

const struct intent_schema *intent_engine_schema(const struct intent_engine *e)
{
    return e->schema;
}

struct intent_engine *intent_engine_load(const char *model_path, const char *schema_path,
                                         char *err, size_t errlen)
{
    char why[512];
    struct intent_engine *e = calloc(1, sizeof *e);
    if (!e) {
        snprintf(err, errlen, "intent engine: out of memory");
        return NULL;
    }
    if (!schema_path) schema_path = intent_default_schema();
    if (!model_path) model_path = intent_default_model();
    if (intent_schema_load(schema_path, &e->schema, why, sizeof why)) {
        snprintf(err, errlen, "%s", why);
        goto fail;
    }
    if (!(e->f = gguf_open(model_path, why, sizeof why))) {
        snprintf(err, errlen, "%s", why); /* gguf_open names the file */
        goto fail;
    }
    if (!(e->m = model_load(e->f, why, sizeof why)) || !(e->v = tok_load(e->f, why, sizeof why))) {
        snprintf(err, errlen, "%s: %s", model_path, why);
        goto fail;
    }
    if (tok_n_vocab(e->v) > model_hparams(e->m)->n_vocab) {
        snprintf(err, errlen, "%s: tokenizer has %d tokens, the model's output %d", model_path,
                 (int)tok_n_vocab(e->v), model_hparams(e->m)->n_vocab);
        goto fail;
    }
    if (!(e->g = decode_grammar_new(e->schema, why, sizeof why)) ||
        !(e->dv = decode_vocab_new(e->v, why, sizeof why))) {
        snprintf(err, errlen, "%s", why);
        goto fail;
    }
    /* the dictionary configure found; without it the hub still works, and Chinese spans may
     * stop inside a word */
    const char *zp = zh_words_default_path();
    if (*zp && intent_engine_set_zh_words(e, zp, why, sizeof why))
        hub_warn("intent", "%s: Chinese words are cut per character", why);
    if (intent_engine_set_en_words(e, intent_default_en_words(), why, sizeof why))
        hub_warn("intent", "%s: English typos are not mended", why);
    static const char *const langs[2] = {"en", "zh-CN"};
    for (int i = 0; i < 2; i++)
        if (intent_engine_set_phrases(e, langs[i], intent_default_phrases(langs[i]), why,
                                      sizeof why))
            hub_warn("intent", "%s: %s phrasings are read as said", why, langs[i]);
    bool hint = false;
    e->house_hint = gguf_get_bool(e->f, INTENT_HOUSE_HINT_KEY, &hint) && hint;
    e->bos = tok_bos(e->v);
    e->eos = tok_eos(e->v);
    int32_t sep = tok_find(e->v, INTENT_SEP_TEXT, strlen(INTENT_SEP_TEXT));
    if (sep >= 0) {
        e->sep[0] = sep;
        e->n_sep = 1;
    } else {
        int32_t *ids = NULL;
        size_t n = 0;
        if (tok_encode(e->v, "\n", 1, 0, &ids, &n) || n == 0 || n > 8) {
            free(ids);
            snprintf(err, errlen, "%s: cannot encode the prompt separator", model_path);
            goto fail;
        }
        memcpy(e->sep, ids, n * sizeof *ids);
        e->n_sep = (int)n;
        free(ids);
    }
    return e;
fail:
    intent_engine_free(e);
    return NULL;
}

int intent_engine_set_zh_words(struct intent_engine *e, const char *path, char *err,
                               size_t errlen)
{
    struct zh_words *zh = NULL;
    if (path && !(zh = zh_words_load(path, err, errlen))) return HUB_ERR_INVALID;
    decode_grammar_set_zh_words(e->g, zh);
    zh_words_free(e->zh);
    e->zh = zh;
    return HUB_OK;
}

int intent_engine_set_en_words(struct intent_engine *e, const char *path, char *err,
                               size_t errlen)
{
    struct spell *sp = NULL;
    if (path && !(sp = spell_load(path, err, errlen))) return HUB_ERR_INVALID;
    spell_free(e->spell);
    e->spell = sp;
    return HUB_OK;
}

int intent_engine_set_phrases(struct intent_engine *e, const char *lang, const char *path,
                              char *err, size_t errlen)
{
    struct phrases *p = NULL;
    if (path && !(p = phrases_load(path, err, errlen))) return HUB_ERR_INVALID;
    int i = lang && !strncmp(lang, "zh", 2);
    phrases_free(e->phrases[i]);
    e->phrases[i] = p;
    return HUB_OK;
}

const char *intent_ctx_last_line(const struct intent_ctx *c)
{
    return c->line;
}

void intent_ctx_free(struct intent_ctx *c)
{
    if (!c) return;
    model_ctx_free(c->mc);
    hub_backend_free(c->be);
    free(c->logits);
    free(c->toks);
    free(c);
}

struct intent_ctx *intent_ctx_new(struct intent_engine *e, int n_threads, char *err,
                                  size_t errlen)
{
    char why[256];
    struct intent_ctx *c = calloc(1, sizeof *c);
    if (!c) goto nomem;
    c->e = e;
    c->logits = malloc((size_t)model_hparams(e->m)->n_vocab * sizeof *c->logits);
    c->toks = malloc(INTENT_N_CTX * sizeof *c->toks);
    if (!c->logits || !c->toks) goto nomem;
    if (!(c->mc = model_ctx_new(e->m, INTENT_N_CTX, n_threads, why, sizeof why))) {
        snprintf(err, errlen, "intent context: %s", why);
        intent_ctx_free(c);
        return NULL;
    }
    return c;
nomem:
    snprintf(err, errlen, "intent context: out of memory");
    intent_ctx_free(c);
    return NULL;
}

int intent_ctx_set_backend(struct intent_ctx *c, const char *name, char *err, size_t errlen)
{
    struct hub_backend *be = NULL;
    int st = model_backend_open(name, &be, err, errlen);
    if (st) return st;
    if ((st = model_ctx_set_backend(c->mc, be, err, errlen))) {
        hub_backend_free(be);
        return st;
    }
    hub_backend_free(c->be); /* the context no longer uses the one before */
    c->be = be;
    return HUB_OK;
}

/* Does a folded registry name share a word with the folded utterance? A run of three or more
 * ASCII letters/digits, or two CJK characters, found in the utterance. */
static bool intent_name_mentioned(const char *name, const char *utt)
{
    const char *p = name;
    while (*p) {
        unsigned char ch = (unsigned char)*p;
        if (ch >= 0x80) {
            int len = ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
            size_t avail = strnlen(p, 8);
            if (avail >= (size_t)len) {
                unsigned char n2 = (unsigned char)p[len];
                int len2 = n2 < 0x80 ? 0 : n2 < 0xE0 ? 2 : n2 < 0xF0 ? 3 : 4;
                if (len2 && strnlen(p, (size_t)(len + len2)) >= (size_t)(len + len2)) {
                    char two[9];
                    memcpy(two, p, (size_t)(len + len2));
                    two[len + len2] = 0;
                    if (strstr(utt, two)) return true;
                }
            }
            p += (int)avail < len ? (int)avail : len;
            continue;
        }
        size_t run = 0;
        while (p[run] && (unsigned char)p[run] < 0x80 &&
               ((p[run] >= 'a' && p[run] <= 'z') || (p[run] >= '0' && p[run] <= '9')))
            run++;
        if (run >= 3) {
            char w[64];
            size_t l = run < sizeof w - 1 ? run : sizeof w - 1;
            memcpy(w, p, l);
            w[l] = 0;
            if (strstr(utt, w)) return true;
        }
        p += run ? run : 1;
    }
    return false;
}

/* The registry names the decoder may write for this utterance: those it mentions a word of (a
 * name never said cannot be meant, and offering it lets a model wander into it). */
static int intent_names_for(const struct decode_words *all, const char *utt_folded,
                            struct decode_words *out)
{
    const char **keep = malloc((size_t)(all->n ? all->n : 1) * sizeof *keep);
    int n = 0;
    if (!keep) return HUB_ERR_NOMEM;
    for (int i = 0; i < all->n; i++)
        if (intent_name_mentioned(all->s[i], utt_folded)) keep[n++] = all->s[i];
    int rc = decode_words_init(out, keep, n);
    free(keep);
    return rc;
}

struct model *intent_engine_model(const struct intent_engine *e) { return e->m; }
const struct tok_vocab *intent_engine_vocab(const struct intent_engine *e) { return e->v; }

void intent_house_hint(const struct resolve_registry *reg, const char *text, char *buf, size_t len)
{
    if (len < 2) {
        if (len) buf[0] = 0;
        return;
    }
    buf[0] = '\n';
    resolve_said_domains(reg, text, buf + 1, len - 1);
}

bool intent_engine_house_hint(const struct intent_engine *e) { return e->house_hint; }

int intent_prompt_tokens(const struct tok_vocab *v, const int32_t *sep, int n_sep,
                         const char *text, const char *hint, int32_t *toks, int cap, int *n_out)
{
    int32_t *ids = NULL, *hids = NULL;
    size_t n_ids = 0, n_hids = 0;
    int32_t bos = tok_bos(v);
    int n = 0;
    *n_out = 0;
    int rc = tok_encode(v, text, strlen(text), 0, &ids, &n_ids);
    if (!rc && hint) rc = tok_encode(v, hint, strlen(hint), 0, &hids, &n_hids);
    if (!rc && (bos >= 0) + n_ids + n_hids + (size_t)n_sep > (size_t)cap) rc = HUB_ERR_RANGE;
    if (!rc) {
        if (bos >= 0) toks[n++] = bos;
        memcpy(toks + n, ids, n_ids * sizeof *ids);
        n += (int)n_ids;
        if (n_hids) memcpy(toks + n, hids, n_hids * sizeof *hids);
        n += (int)n_hids;
        memcpy(toks + n, sep, (size_t)n_sep * sizeof *sep);
        n += n_sep;
        *n_out = n;
    }
    free(ids);
    free(hids);
    return rc;
}

int intent_prompt(const struct intent_engine *e, const char *text, const char *hint,
                  int32_t *toks, int cap, int *n_out, char *err, size_t errlen)
{
    int rc = intent_prompt_tokens(e->v, e->sep, e->n_sep, text, e->house_hint ? hint : NULL,
                                  toks, cap, n_out);
    if (rc == HUB_ERR_RANGE)
        snprintf(err, errlen, "prompt of %zu bytes is too long for %d tokens", strlen(text), cap);
    else if (rc)
        snprintf(err, errlen, "tokenizer: %s", hub_strerror(rc));
    return rc;
}

int intent_decode_line(struct intent_ctx *c, const struct resolve_registry *reg, const char *text,
                       char *buf, size_t len, int *n_tokens, char *err, size_t errlen)
{
    struct intent_engine *e = c->e;
    int n = 0, rc;
    struct decode_state st;
    const struct decode_words *names[3] = {NULL, NULL, NULL};
    if (n_tokens) *n_tokens = 0;
    if (len < 5) return HUB_ERR_RANGE;
    snprintf(buf, len, "none");
    struct decode_words said[3] = {{0, NULL}, {0, NULL}, {0, NULL}};
    if (text[strspn(text, " \t\r\n")] == 0) return HUB_OK; /* nothing said: none */
    rc = decode_state_init(&st, e->g, text, names);
    if (rc) {
        snprintf(err, errlen, "utterance of %zu bytes: %s", strlen(text), hub_strerror(rc));
        return rc;
    }
    /* Spans keep the speaker's case (the model learnt to copy them so; folding let an
     * undertrained model drift into odd-case tokens), registry names match in any case, and
     * only names the utterance mentions a word of are offered. Measured with a 2250-step
     * checkpoint on data/eval: hand en 49.8 -> 51.2 %, zh 54.3 -> 55.9 %, generated en
     * 16.9 -> 18.2 %, zh 10.4 -> 12.4 % against folded spans and every registry name. */
    st.exact_case = true;
    for (int i = 0; reg && i < 3; i++) {
        if ((rc = intent_names_for(resolve_registry_words(reg, i), st.utt, &said[i]))) {
            snprintf(err, errlen, "intent: out of memory");
            goto out;
        }
        st.names[i] = &said[i];
    }
    char hint[128] = "";
    if (e->house_hint) intent_house_hint(reg, text, hint, sizeof hint);
    if ((rc = intent_prompt(e, text, e->house_hint ? hint : NULL, c->toks,
                            INTENT_N_CTX - INTENT_MAX_TOKENS, &n, err, errlen)))
        goto out;
    model_ctx_reset(c->mc);
    rc = model_eval(c->mc, c->toks, n, c->logits);
    if (rc) {
        snprintf(err, errlen, "model: %s", hub_strerror(rc));
        goto out;
    }
    bool ended = false;
    /* the model never saw positions past its training context: stop there (answer none) */
    int max_new = INTENT_MAX_TOKENS, n_train = model_hparams(e->m)->n_ctx_train;
    if (n_train > 0 && n_train - n < max_new) max_new = n_train - n > 16 ? n_train - n : 16;
    for (int step = 0; step < max_new; step++) {
        if (c->unconstrained) {
            int32_t t = intent_free_step(c, &st, &ended);
            if (t < 0) break;
            rc = model_eval(c->mc, &t, 1, c->logits);
            n++;
            if (rc) {
                snprintf(err, errlen, "model: %s", hub_strerror(rc));
                goto out;
            }
            continue;
        }
        int32_t t = decode_best(e->dv, &st, c->logits, e->eos);
        if (t < 0) break; /* a dead end of the automaton: answer none */
        if (t == e->eos) {
            ended = true;
            break;
        }
        if (!decode_accept(e->dv, &st, t)) break;
        if (decode_done(&st)) {
            ended = true;
            break;
        }
        rc = model_eval(c->mc, &t, 1, c->logits);
        n++;
        if (rc) {
            snprintf(err, errlen, "model: %s", hub_strerror(rc));
            goto out;
        }
    }
    if (ended) {
        int l = st.line_len;
        if (l && st.line[l - 1] == '\n') l--;
        if ((size_t)l < len) {
            memcpy(buf, st.line, (size_t)l);
            buf[l] = 0;
        }
    }
out:
    if (n_tokens) *n_tokens = n;
    decode_state_free(&st);
    for (int i = 0; i < 3; i++) decode_words_free(&said[i]);
    return rc;
}

/* The answer's free text that a rewrite touched, as said. */
static void answer_said(json_t *slots, const struct phrase_map *map, const char *said,
                        const char *heard)
{
    const char *k;
    json_t *v;
    char buf[INTENT_LINE_MAX];
    json_object_foreach(slots, k, v) {
        if (intent_slot_kind(k) == INTENT_SLOT_TEXT && json_is_string(v) &&
            phrases_said(map, said, heard, json_string_value(v), buf, sizeof buf))
            json_string_set(v, buf);
    }
}

/* The model's line for text, resolved. */
static json_t *intent_answer(struct intent_ctx *c, const struct resolve_registry *reg,
                             const char *text, const char *context_area, char *err,
                             size_t errlen)
{
    char *line = c->line, why[256];
    struct intent_line l;
    int rc = intent_decode_line(c, reg, text, line, sizeof c->line, NULL, err, errlen);
    if (rc == HUB_ERR_RANGE) /* too long for a command: not one the hub can carry out */
        return json_pack("{s:n,s:{}}", "intent", "slots");
    if (rc) return NULL;
    if (intent_line_parse(line, &l, why, sizeof why) ||
        intent_line_validate(c->e->schema, &l, why, sizeof why)) {
        /* constrained, the automaton makes this impossible; answer null rather than guess */
        if (!c->unconstrained) hub_error("intent", "decoded line '%s' is invalid: %s", line, why);
        return json_pack("{s:n,s:{}}", "intent", "slots");
    }
    if (!reg) {
        static const char empty[] = "{}";
        json_t *fx = json_loads(empty, 0, NULL);
        struct resolve_registry *r0 = resolve_registry_new(fx, why, sizeof why);
        json_decref(fx);
        if (!r0) return NULL;
        json_t *out = resolve_answer(r0, c->e->schema, &l, text, context_area);
        resolve_registry_free(r0);
        return out;
    }
    return resolve_answer(reg, c->e->schema, &l, text, context_area);
}

/* Whether an answer is null (the hub cannot tell, or nothing it does). */
static bool answer_null(const json_t *a) { return a && json_is_null(json_object_get(a, "intent")); }

/* The length of the clause mark at p (a comma or a semicolon, ASCII or full-width), or 0. */
static size_t mark_at(const char *p)
{
    static const char *const marks[] = {",", "，", ";", "；", NULL};
    for (int m = 0; marks[m]; m++)
        if (!strncmp(p, marks[m], strlen(marks[m]))) return strlen(marks[m]);
    return 0;
}

/* Whether a clause says something: two letters, digits or Chinese bytes that are not a
 * filler's ("um,", "嗯嗯，" say nothing). */
static bool clause_said(const char *clause)
{
    static const char *const fillers[] = {
        "um", "uh", "er", "erm", "hmm", "ok", "okay", "so", "well", "right", "oh", "hey", "yes",
        "yeah", "alright", "actually", "嗯", "嗯嗯", "额", "呃", "唔", "那个", "哎", "哦", "啊",
        "好", "好的", "行", NULL};
    const char *b = clause + strspn(clause, " ");
    size_t n = strlen(b);
    while (n && b[n - 1] == ' ') n--;
    for (int i = 0; fillers[i]; i++)
        if (strlen(fillers[i]) == n && !strncasecmp(b, fillers[i], n)) return false;
    int said = 0;
    for (size_t i = 0; i < n; i++) said += isalnum((unsigned char)b[i]) || b[i] & 0x80;
    return said >= 2;
}

/* A command said beside a reason ("unlock the front door, my hands are full", 店里音箱先静音，
 * 我要打个电话) that was heard as nothing as a whole: each clause alone, the first heard as
 * something. Where the whole was heard as an intent that the resolver then refused (a device
 * the house lacks, a service it does not give), only that intent is taken from a clause (a
 * broadcast or a reply aside: the model hears a reason as a message or as talk); a rule is not
 * cut into clauses.
 * NULL when no clause is heard so (or on an error). */
static json_t *clause_answer(struct intent_ctx *c, const struct resolve_registry *reg,
                             const char *text, const char *context_area, char *err,
                             size_t errlen)
{
    char clause[INTENT_LINE_MAX], why[256];
    struct intent_line whole;
    /* a reason's words heard as a message ("my hands are full") or as talk to be answered
     * (有点凉) said nothing either */
    bool reply = !strncmp(c->line, "HassRespond", 11);
    bool heard = strcmp(c->line, "none") && strncmp(c->line, "HassBroadcast|", 14) && !reply;
    if (heard && (intent_line_parse(c->line, &whole, why, sizeof why) ||
                  intent_line_rule_mask(&whole)))
        return NULL;
    const char *at[INTENT_MAX_CLAUSES];
    int len[INTENT_MAX_CLAUSES], n = 0;
    for (const char *p = text; n < INTENT_MAX_CLAUSES;) { /* the clauses that say something */
        const char *q = p;
        size_t ml = 0;
        while (*q && !(ml = mark_at(q))) q++;
        snprintf(clause, sizeof clause, "%.*s", (int)(q - p), p);
        if (clause_said(clause)) at[n] = p, len[n++] = (int)(q - p);
        if (!*q) break;
        p = q + ml;
    }
    if (n < 2) return NULL; /* one: the whole was heard already */
    for (int i = 0; i < n; i++) {
        snprintf(clause, sizeof clause, "%.*s", len[i], at[i]);
        json_t *a = intent_answer(c, reg, clause, context_area, err, errlen);
        const char *got = a ? json_string_value(json_object_get(a, "intent")) : NULL;
        /* a reply refused as a whole is not given for a clause */
        if (!a || (got && (!heard || !strcmp(got, whole.intent)) &&
                   !(reply && !strcmp(got, "HassRespond"))))
            return a;
        json_decref(a);
    }
    return NULL;
}

json_t *intent_parse(struct intent_ctx *c, const struct resolve_registry *reg, const char *text,
                     const char *lang, const char *context_area, char *err, size_t errlen)
{
    char mended[INTENT_LINE_MAX], heard[INTENT_LINE_MAX];
    snprintf(c->line, sizeof c->line, "none");
    const struct decode_words *keep[3] = {NULL, NULL, NULL};
    for (int i = 0; reg && i < 3; i++) keep[i] = resolve_registry_words(reg, i);
    bool zh = lang && !strncmp(lang, "zh", 2);
    /* typed typos mended first: the model and the resolver read the same words */
    if (c->e->spell && lang && !strcmp(lang, "en") && strlen(text) < sizeof mended &&
        spell_fix(c->e->spell, text, keep, 3, mended, sizeof mended))
        text = mended;
    /* then rarer phrasings in the words the model knows; free text goes back to the words
     * said */
    struct phrase_map map = {0};
    const char *said = text;
    if (lang && phrases_rewrite(c->e->phrases[zh], text, keep, 3, heard, sizeof heard, &map))
        text = heard;
    json_t *out = intent_answer(c, reg, text, context_area, err, errlen);
    if (answer_null(out)) {
        json_t *one = clause_answer(c, reg, text, context_area, err, errlen);
        if (one) json_decref(out), out = one;
    }
    if (out && map.n) {
        answer_said(json_object_get(out, "slots"), &map, said, text);
        json_t *action = json_object_get(json_object_get(out, "rule"), "action");
        answer_said(json_object_get(action, "slots"), &map, said, text);
    }
    return out;
}
