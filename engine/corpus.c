/* corpus.c: the training-data generator (see corpus.h; the file formats are in data/README.md).
 *
 * A template is a small grammar: words, (a|b) alternatives, [a|b] optional parts, <rule>
 * references, {slot} / {slot:arg} open slots filled from the house or the number renderer, and
 * {slot=value} closed slots that only assert a canonical value. For every node we precompute the
 * sets of slots it can produce (bit masks of intent_slot_order), so that a template is expanded
 * towards one chosen schema combination exactly rather than by trial and error. */
#define _GNU_SOURCE /* strcasestr */
#include "engine/corpus.h"
#include "engine/numbers.h"
#include "hub_status.h"

#include <ctype.h>
#include <errno.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CORPUS_MAX_MASKS 48 /* distinct slot sets one node may produce */
#define CORPUS_MAX_PIECES 96
#define CORPUS_MAX_ALIASES 6
#define CORPUS_RULE_INTENT "HubCreateRule" /* the pseudo-intent of LANG-rules.tpl */

/* ---- errors and rng ---- */

static void corpus_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void corpus_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    if (!err || !errlen) return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* splitmix64: small, fast, and the same on every machine, so a seed names a corpus. */
static uint64_t corpus_rand(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int corpus_randn(uint64_t *s, int n)
{
    return n <= 1 ? 0 : (int)(corpus_rand(s) % (uint64_t)n);
}

static double corpus_rand01(uint64_t *s)
{
    return (double)(corpus_rand(s) >> 11) / 9007199254740992.0;
}

/* ---- mask sets ---- */

struct mset {
    int n;
    uint32_t m[CORPUS_MAX_MASKS];
};

static void mset_add(struct mset *s, uint32_t m)
{
    for (int i = 0; i < s->n; i++)
        if (s->m[i] == m) return;
    if (s->n < CORPUS_MAX_MASKS) s->m[s->n++] = m;
}

static int mset_has(const struct mset *s, uint32_t m)
{
    for (int i = 0; i < s->n; i++)
        if (s->m[i] == m) return 1;
    return 0;
}

/* a x b with disjoint slots (a slot may appear once in an utterance) */
static void mset_product(const struct mset *a, const struct mset *b, struct mset *out)
{
    struct mset r = {0};
    for (int i = 0; i < a->n; i++)
        for (int j = 0; j < b->n; j++)
            if (!(a->m[i] & b->m[j])) mset_add(&r, a->m[i] | b->m[j]);
    *out = r;
}

/* ---- grammar ---- */

enum node_kind { N_WORD, N_SEQ, N_ALT, N_OPT, N_RULE, N_SLOT, N_SET };

struct node {
    enum node_kind kind;
    char *text;    /* WORD: the word; RULE: rule name; SLOT: slot name; SET: "slot=value,..." */
    char *arg;     /* SLOT: text after ':' */
    int slot;      /* SLOT: index in intent_slot_order */
    uint32_t set;  /* SET: the slots it asserts */
    int n;
    struct node **kids;
    int *heldout;  /* ALT of a rule: per alternative, 1 = held-out only */
    struct mset masks[2]; /* per split (0 train, 1 held-out) */
    struct mset *suffix[2]; /* SEQ: masks of kids[i..n-1], per split */
    int done[2];
};

struct rule {
    char *name;
    struct node *alt; /* N_ALT with heldout flags */
    int busy;         /* recursion guard while computing masks */
};

struct tmpl {
    char *id;
    char *intent; /* "none" for negatives, "HubCreateRule" for rule sentences */
    int heldout;
    int rule;     /* a rule sentence (LANG-rules.tpl): its {action} is another template */
    char *neg;    /* negative kind for none templates */
    struct node *root;
    const struct intent_def *def;
};

/* A word-list line: canonical name, aliases, attribute (@blind) and held-out mark. */
struct wline {
    char *name;
    char *alias[CORPUS_MAX_ALIASES];
    int n_alias;
    char *attr;
    int heldout;
};

struct wsection {
    char *name;
    int n;
    struct wline *lines;
};

struct corpus {
    char lang[8];
    int join_space; /* English joins words with spaces; Chinese does not */
    const struct intent_schema *schema;
    int n_rules;
    struct rule *rules;
    int n_tmpls;
    struct tmpl *tmpls;
    int n_sections;
    struct wsection *sections;
};

static void node_free(struct node *n)
{
    if (!n) return;
    for (int i = 0; i < n->n; i++) node_free(n->kids[i]);
    free(n->kids);
    free(n->heldout);
    free(n->text);
    free(n->arg);
    free(n->suffix[0]);
    free(n->suffix[1]);
    free(n);
}

void corpus_free(struct corpus *c)
{
    if (!c) return;
    for (int i = 0; i < c->n_rules; i++) {
        free(c->rules[i].name);
        node_free(c->rules[i].alt);
    }
    free(c->rules);
    for (int i = 0; i < c->n_tmpls; i++) {
        free(c->tmpls[i].id);
        free(c->tmpls[i].intent);
        free(c->tmpls[i].neg);
        node_free(c->tmpls[i].root);
    }
    free(c->tmpls);
    for (int i = 0; i < c->n_sections; i++) {
        for (int j = 0; j < c->sections[i].n; j++) {
            struct wline *w = &c->sections[i].lines[j];
            free(w->name);
            for (int k = 0; k < w->n_alias; k++) free(w->alias[k]);
            free(w->attr);
        }
        free(c->sections[i].lines);
        free(c->sections[i].name);
    }
    free(c->sections);
    free(c);
}

static struct node *node_new(enum node_kind k)
{
    struct node *n = calloc(1, sizeof *n);
    if (n) n->kind = k;
    return n;
}

static int node_push(struct node *p, struct node *k)
{
    struct node **nk = realloc(p->kids, (size_t)(p->n + 1) * sizeof *nk);
    if (!nk) return -1;
    p->kids = nk;
    p->kids[p->n++] = k;
    return 0;
}

/* Parser state for one expansion text. */
struct pstate {
    const char *p;
    char *err;
    size_t errlen;
    const char *where; /* "file:line" */
};

static struct node *parse_alt(struct pstate *ps, char close);

static int is_special(char c)
{
    return c == '(' || c == ')' || c == '[' || c == ']' || c == '|' || c == '<' || c == '{' ||
           c == '}' || c == ' ' || c == '\t' || c == 0;
}

static struct node *parse_item(struct pstate *ps)
{
    const char *p = ps->p;
    struct node *n = NULL;
    if (*p == '(' || *p == '[') {
        char close = *p == '(' ? ')' : ']';
        ps->p++;
        struct node *a = parse_alt(ps, close);
        if (!a) return NULL;
        if (*ps->p != close) {
            corpus_err(ps->err, ps->errlen, "%s: missing '%c'", ps->where, close);
            node_free(a);
            return NULL;
        }
        ps->p++;
        if (close == ')') return a;
        n = node_new(N_OPT);
        if (!n || node_push(n, a)) {
            node_free(a);
            node_free(n);
            return NULL;
        }
        return n;
    }
    if (*p == '<' || *p == '{') {
        char close = *p == '<' ? '>' : '}';
        const char *e = strchr(p + 1, close);
        if (!e || e == p + 1) {
            corpus_err(ps->err, ps->errlen, "%s: unclosed '%c'", ps->where, *p);
            return NULL;
        }
        size_t len = (size_t)(e - p - 1);
        char *body = strndup(p + 1, len);
        if (!body) return NULL;
        ps->p = e + 1;
        if (close == '>') {
            n = node_new(N_RULE);
            if (!n) return free(body), NULL;
            n->text = body;
            return n;
        }
        if (strchr(body, '=')) {
            /* {slot=value,slot=value} */
            n = node_new(N_SET);
            if (!n) return free(body), NULL;
            n->text = body;
            char tmp[256];
            snprintf(tmp, sizeof tmp, "%s", body);
            for (char *save = NULL, *t = strtok_r(tmp, ",", &save); t;
                 t = strtok_r(NULL, ",", &save)) {
                char *eq = strchr(t, '=');
                if (!eq) goto bad_set;
                *eq = 0;
                int b = intent_slot_index(t);
                if (b < 0 && intent_rule_slot_index(t) < 0) goto bad_set;
                const char *const *vals = intent_slot_values(t);
                int ok = 0;
                for (; vals && *vals; vals++) ok |= !strcmp(*vals, eq + 1);
                if (!ok) goto bad_set;
                if (b >= 0) n->set |= 1u << b; /* rule slots take no mask bit */
            }
            return n;
        bad_set:
            corpus_err(ps->err, ps->errlen, "%s: bad closed slot {%s}", ps->where, body);
            node_free(n);
            return NULL;
        }
        n = node_new(N_SLOT);
        if (!n) return free(body), NULL;
        char *colon = strchr(body, ':');
        if (colon) {
            *colon = 0;
            n->arg = strdup(colon + 1);
        }
        n->text = body;
        if (!strcmp(body, "missing") || !strcmp(body, "any") || !strcmp(body, "action") ||
            intent_rule_slot_index(body) >= 0) {
            /* text only: a device not in the house / any entity name; in a rule sentence its
             * action (another template) and the rule slots, which take no mask bit */
            n->slot = -1;
        } else if ((n->slot = intent_slot_index(body)) < 0) {
            corpus_err(ps->err, ps->errlen, "%s: unknown slot {%s}", ps->where, body);
            node_free(n);
            return NULL;
        }
        return n;
    }
    /* a word: up to the next special character */
    const char *e = p;
    while (!is_special(*e)) e++;
    if (e == p) {
        corpus_err(ps->err, ps->errlen, "%s: unexpected '%c'", ps->where, *p);
        return NULL;
    }
    n = node_new(N_WORD);
    if (!n || !(n->text = strndup(p, (size_t)(e - p)))) {
        node_free(n);
        return NULL;
    }
    ps->p = e;
    return n;
}

static struct node *parse_seq(struct pstate *ps, char close)
{
    struct node *s = node_new(N_SEQ);
    if (!s) return NULL;
    for (;;) {
        while (*ps->p == ' ' || *ps->p == '\t') ps->p++;
        if (*ps->p == 0 || *ps->p == '|' || *ps->p == close) break;
        if (*ps->p == ')' || *ps->p == ']') {
            corpus_err(ps->err, ps->errlen, "%s: unbalanced '%c'", ps->where, *ps->p);
            node_free(s);
            return NULL;
        }
        struct node *it = parse_item(ps);
        if (!it || node_push(s, it)) {
            node_free(it);
            node_free(s);
            return NULL;
        }
    }
    return s;
}

static struct node *parse_alt(struct pstate *ps, char close)
{
    struct node *a = node_new(N_ALT);
    if (!a) return NULL;
    for (;;) {
        struct node *s = parse_seq(ps, close);
        if (!s || node_push(a, s)) {
            node_free(s);
            node_free(a);
            return NULL;
        }
        if (*ps->p != '|') break;
        ps->p++;
    }
    return a;
}

static struct rule *corpus_rule(struct corpus *c, const char *name)
{
    for (int i = 0; i < c->n_rules; i++)
        if (!strcmp(c->rules[i].name, name)) return &c->rules[i];
    return NULL;
}

/* Computes node masks for a split; rules are resolved by name. */
static int node_masks(struct corpus *c, struct node *n, int split, char *err, size_t errlen)
{
    if (n->done[split]) return 0;
    struct mset *m = &n->masks[split];
    m->n = 0;
    switch (n->kind) {
    case N_WORD:
        mset_add(m, 0);
        break;
    case N_SLOT:
        mset_add(m, n->slot < 0 ? 0 : 1u << n->slot);
        break;
    case N_SET:
        mset_add(m, n->set);
        break;
    case N_OPT:
        if (node_masks(c, n->kids[0], split, err, errlen)) return -1;
        *m = n->kids[0]->masks[split];
        mset_add(m, 0);
        break;
    case N_ALT:
        for (int i = 0; i < n->n; i++) {
            if (n->heldout && n->heldout[i] && !split) continue;
            if (node_masks(c, n->kids[i], split, err, errlen)) return -1;
            for (int k = 0; k < n->kids[i]->masks[split].n; k++)
                mset_add(m, n->kids[i]->masks[split].m[k]);
        }
        break;
    case N_SEQ: {
        struct mset acc = {0};
        mset_add(&acc, 0);
        if (!(n->suffix[split] = calloc((size_t)n->n + 1, sizeof(struct mset)))) return -1;
        mset_add(&n->suffix[split][n->n], 0);
        for (int i = n->n - 1; i >= 0; i--) {
            if (node_masks(c, n->kids[i], split, err, errlen)) return -1;
            mset_product(&n->kids[i]->masks[split], &n->suffix[split][i + 1],
                         &n->suffix[split][i]);
        }
        *m = n->suffix[split][0];
        (void)acc;
        break;
    }
    case N_RULE: {
        struct rule *r = corpus_rule(c, n->text);
        if (!r) {
            corpus_err(err, errlen, "unknown rule <%s>", n->text);
            return -1;
        }
        if (r->busy) {
            corpus_err(err, errlen, "rule <%s> refers to itself", n->text);
            return -1;
        }
        r->busy = 1;
        int rc = node_masks(c, r->alt, split, err, errlen);
        r->busy = 0;
        if (rc) return -1;
        *m = r->alt->masks[split];
        break;
    }
    }
    n->done[split] = 1;
    return 0;
}

/* ---- loading ---- */

static char *corpus_trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = 0;
    return s;
}

static int corpus_load_templates(struct corpus *c, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    char line[4096], where[1100];
    char intent[64] = "", neg[32] = "";
    int lineno = 0, rc = -1;
    if (!f) {
        corpus_err(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        lineno++;
        snprintf(where, sizeof where, "%s:%d", path, lineno);
        if (!strchr(line, '\n') && !feof(f)) {
            corpus_err(err, errlen, "%s: line too long", where);
            goto out;
        }
        char *s = corpus_trim(line);
        if (!*s || *s == '#') continue;
        if (!strncmp(s, "intent ", 7)) {
            char *t = corpus_trim(s + 7);
            neg[0] = 0;
            char *sp = strchr(t, ' ');
            if (sp) {
                *sp = 0;
                snprintf(neg, sizeof neg, "%s", corpus_trim(sp + 1));
            }
            snprintf(intent, sizeof intent, "%s", t);
            if (strcmp(intent, "none") && strcmp(intent, CORPUS_RULE_INTENT) &&
                !intent_schema_find(c->schema, intent)) {
                corpus_err(err, errlen, "%s: intent %s is not in the schema", where, intent);
                goto out;
            }
            continue;
        }
        int is_rule = !strncmp(s, "rule", 4) && (s[4] == ' ' || s[4] == '!');
        int is_t = s[0] == 't' && (s[1] == ' ' || s[1] == '!');
        if (!is_rule && !is_t) {
            corpus_err(err, errlen, "%s: expected 'intent', 'rule' or 't'", where);
            goto out;
        }
        char *p = s + (is_rule ? 4 : 1);
        int held = 0;
        if (*p == '!') {
            held = 1;
            p++;
        }
        char *eq = strchr(p, '=');
        /* the '=' that separates the name from the body comes before any '{' */
        char *brace = strchr(p, '{');
        if (!eq || (brace && brace < eq)) {
            corpus_err(err, errlen, "%s: expected NAME = expansion", where);
            goto out;
        }
        *eq = 0;
        char *name = corpus_trim(p);
        struct pstate ps = {corpus_trim(eq + 1), err, errlen, where};
        if (!*name) {
            corpus_err(err, errlen, "%s: empty name", where);
            goto out;
        }
        struct node *body = parse_alt(&ps, 0);
        if (!body) {
            if (err && !err[0]) corpus_err(err, errlen, "%s: out of memory", where);
            goto out;
        }
        if (*ps.p) {
            corpus_err(err, errlen, "%s: unbalanced '%c'", where, *ps.p);
            node_free(body);
            goto out;
        }
        if (is_rule) {
            struct rule *r = corpus_rule(c, name);
            if (!r) {
                struct rule *nr = realloc(c->rules, (size_t)(c->n_rules + 1) * sizeof *nr);
                if (!nr) goto nomem_body;
                c->rules = nr;
                r = &c->rules[c->n_rules++];
                memset(r, 0, sizeof *r);
                if (!(r->name = strdup(name)) || !(r->alt = node_new(N_ALT))) goto nomem_body;
            }
            /* each alternative of the body becomes one alternative of the rule */
            for (int i = 0; i < body->n; i++) {
                int *h = realloc(r->alt->heldout, (size_t)(r->alt->n + 1) * sizeof *h);
                if (!h) goto nomem_body;
                r->alt->heldout = h;
                h[r->alt->n] = held;
                if (node_push(r->alt, body->kids[i])) goto nomem_body;
                body->kids[i] = NULL;
            }
            body->n = 0;
            node_free(body);
        } else {
            if (!intent[0]) {
                corpus_err(err, errlen, "%s: template before any 'intent' line", where);
                node_free(body);
                goto out;
            }
            for (int i = 0; i < c->n_tmpls; i++)
                if (!strcmp(c->tmpls[i].id, name)) {
                    corpus_err(err, errlen, "%s: template id %s used twice", where, name);
                    node_free(body);
                    goto out;
                }
            struct tmpl *nt = realloc(c->tmpls, (size_t)(c->n_tmpls + 1) * sizeof *nt);
            if (!nt) goto nomem_body;
            c->tmpls = nt;
            struct tmpl *t = &c->tmpls[c->n_tmpls++];
            memset(t, 0, sizeof *t);
            t->root = body;
            t->heldout = held;
            t->rule = !strcmp(intent, CORPUS_RULE_INTENT);
            t->def = intent_schema_find(c->schema, intent);
            if (!(t->id = strdup(name)) || !(t->intent = strdup(intent)) ||
                !(t->neg = strdup(neg[0] ? neg : "chat")))
                goto nomem;
        }
        continue;
    nomem_body:
        node_free(body);
    nomem:
        corpus_err(err, errlen, "%s: out of memory", where);
        goto out;
    }
    if (ferror(f)) {
        corpus_err(err, errlen, "%s: read error: %s", path, strerror(errno));
        goto out;
    }
    rc = 0;
out:
    fclose(f);
    return rc;
}

static int corpus_load_words(struct corpus *c, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    char line[2048];
    int lineno = 0, rc = -1;
    struct wsection *cur = NULL;
    if (!f) {
        corpus_err(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *s = corpus_trim(line);
        if (!*s || *s == '#') continue;
        if (*s == '[') {
            char *e = strchr(s, ']');
            if (!e) {
                corpus_err(err, errlen, "%s:%d: unclosed [section]", path, lineno);
                goto out;
            }
            *e = 0;
            struct wsection *ns = realloc(c->sections, (size_t)(c->n_sections + 1) * sizeof *ns);
            if (!ns) goto nomem;
            c->sections = ns;
            cur = &c->sections[c->n_sections++];
            memset(cur, 0, sizeof *cur);
            if (!(cur->name = strdup(s + 1))) goto nomem;
            continue;
        }
        if (!cur) {
            corpus_err(err, errlen, "%s:%d: entry before any [section]", path, lineno);
            goto out;
        }
        struct wline w = {0};
        if (*s == '!') {
            w.heldout = 1;
            s = corpus_trim(s + 1);
        }
        char *at = strchr(s, '@');
        if (at) {
            *at = 0;
            if (!(w.attr = strdup(corpus_trim(at + 1)))) goto nomem;
        }
        int k = 0;
        for (char *save = NULL, *t = strtok_r(s, "|", &save); t; t = strtok_r(NULL, "|", &save)) {
            t = corpus_trim(t);
            if (!*t) continue;
            if (k == 0) {
                if (!(w.name = strdup(t))) goto nomem;
            } else if (w.n_alias < CORPUS_MAX_ALIASES) {
                if (!(w.alias[w.n_alias++] = strdup(t))) goto nomem;
            }
            k++;
        }
        if (!w.name) {
            free(w.attr);
            corpus_err(err, errlen, "%s:%d: empty entry", path, lineno);
            goto out;
        }
        struct wline *nl = realloc(cur->lines, (size_t)(cur->n + 1) * sizeof *nl);
        if (!nl) goto nomem;
        cur->lines = nl;
        cur->lines[cur->n++] = w;
        continue;
    nomem:
        corpus_err(err, errlen, "%s:%d: out of memory", path, lineno);
        goto out;
    }
    rc = 0;
out:
    fclose(f);
    return rc;
}

static const struct wsection *corpus_section(const struct corpus *c, const char *name)
{
    for (int i = 0; i < c->n_sections; i++)
        if (!strcmp(c->sections[i].name, name)) return &c->sections[i];
    return NULL;
}

/* The house domains and how many of each a random house gets (min, max). */
static const struct {
    const char *domain;
    int lo, hi;
} corpus_domains[] = {
    {"light", 4, 9},  {"switch", 1, 3},   {"fan", 1, 2},        {"cover", 2, 5},
    {"lock", 1, 2},   {"climate", 1, 2},  {"media_player", 1, 3}, {"valve", 0, 1},
    {"vacuum", 1, 1}, {"sensor", 1, 3},   {"binary_sensor", 1, 3}, {"person", 1, 3},
    {"script", 0, 2}, {"scene", 1, 2},    {"input_boolean", 0, 1}, {"todo", 1, 2},
    {"weather", 1, 1}, {"lawn_mower", 0, 1},
};
#define CORPUS_N_DOMAINS (int)(sizeof corpus_domains / sizeof corpus_domains[0])

int corpus_load(const char *data_dir, const char *lang, const struct intent_schema *schema,
                struct corpus **out, char *err, size_t errlen)
{
    char path[1024];
    struct corpus *c;
    *out = NULL;
    if (err && errlen) err[0] = 0;
    if (strcmp(lang, "en") && strcmp(lang, "zh-CN")) {
        corpus_err(err, errlen, "unknown language %s (en or zh-CN)", lang);
        return HUB_ERR_INVALID;
    }
    if (!(c = calloc(1, sizeof *c))) return HUB_ERR_NOMEM;
    snprintf(c->lang, sizeof c->lang, "%s", lang);
    c->join_space = !strcmp(lang, "en");
    c->schema = schema;
    snprintf(path, sizeof path, "%s/templates/%s.tpl", data_dir, lang);
    if (corpus_load_templates(c, path, err, errlen)) goto fail;
    /* rule sentences ("when the door opens, turn on the hall light"), when the language has them */
    snprintf(path, sizeof path, "%s/templates/%s-rules.tpl", data_dir, lang);
    if (access(path, R_OK) == 0 && corpus_load_templates(c, path, err, errlen)) goto fail;
    snprintf(path, sizeof path, "%s/words/%s.words", data_dir, lang);
    if (corpus_load_words(c, path, err, errlen)) goto fail;
    /* every section the generator reads must be there, with train and held-out lines */
    static const char *const need[] = {"floors", "areas", "persons", "timer_names", "items",
                                       "queries", "messages", "colors", NULL};
    for (int i = 0; need[i]; i++)
        if (!corpus_section(c, need[i])) {
            corpus_err(err, errlen, "%s: no [%s] section", path, need[i]);
            goto fail;
        }
    for (int i = 0; i < CORPUS_N_DOMAINS; i++) {
        const struct wsection *s = corpus_section(c, corpus_domains[i].domain);
        int tr = 0, ho = 0;
        for (int k = 0; s && k < s->n; k++) s->lines[k].heldout ? ho++ : tr++;
        if (!s || !tr || !ho) {
            corpus_err(err, errlen, "%s: [%s] needs training and held-out ('!') names", path,
                       corpus_domains[i].domain);
            goto fail;
        }
    }
    /* [copy_words]: dictionary words for synthesized free text (data/make-copy-words.sh) */
    snprintf(path, sizeof path, "%s/words/%s-copy.words", data_dir, lang);
    if (corpus_load_words(c, path, err, errlen)) goto fail;
    for (int i = 0; i < c->n_tmpls; i++) {
        struct tmpl *t = &c->tmpls[i];
        for (int split = 0; split < 2; split++) {
            if (node_masks(c, t->root, split, err, errlen)) {
                char e2[512];
                snprintf(e2, sizeof e2, "%s", err ? err : "");
                corpus_err(err, errlen, "%s: template %s: %s", lang, t->id, e2);
                goto fail;
            }
        }
        /* a template must make at least one combination of its intent (slot sets that are no
         * combination, which a rich rule may also allow, are simply never asked for) */
        int useful = 0;
        for (int split = 0; split < 2; split++) {
            const struct mset *m = &t->root->masks[split];
            for (int k = 0; k < m->n; k++)
                useful |= t->def ? intent_def_combo(t->def, m->m[k]) != NULL : m->m[k] == 0;
        }
        if (!useful) {
            corpus_err(err, errlen, "%s: template %s (%s) can make no slot combination of its "
                       "intent", lang, t->id, t->intent);
            goto fail;
        }
    }
    *out = c;
    return HUB_OK;
fail:
    corpus_free(c);
    return HUB_ERR_INVALID;
}

int corpus_uncovered(const struct corpus *c, int heldout, char *buf, size_t len)
{
    int missing = 0;
    size_t o = 0;
    if (buf && len) buf[0] = 0;
    for (int i = 0; i < c->schema->n_intents; i++) {
        const struct intent_def *d = &c->schema->intents[i];
        for (int k = 0; k < d->n_combos; k++) {
            int found = 0;
            for (int t = 0; t < c->n_tmpls && !found; t++)
                found = c->tmpls[t].def == d && c->tmpls[t].heldout == heldout &&
                        mset_has(&c->tmpls[t].root->masks[heldout], d->combos[k].mask);
            if (found) continue;
            missing++;
            if (buf && o + 1 < len) {
                int n = snprintf(buf + o, len - o, "%s.%s\n", d->name, d->combos[k].name);
                if (n > 0) o += (size_t)n < len - o ? (size_t)n : len - o - 1;
            }
        }
    }
    return missing;
}

/* How many distinct word sequences a node can expand to in a split (slots count once), capped;
 * a measure of phrasing variety that a sample of the corpus cannot saturate. */
static double node_count(const struct corpus *c, const struct node *n, int split, int depth)
{
    double v = 1;
    if (depth > 64) return 1;
    switch (n->kind) {
    case N_WORD:
    case N_SLOT:
    case N_SET: return 1;
    case N_OPT: return 1 + node_count(c, n->kids[0], split, depth + 1);
    case N_ALT:
        v = 0;
        for (int i = 0; i < n->n; i++)
            if (!(n->heldout && n->heldout[i] && !split))
                v += node_count(c, n->kids[i], split, depth + 1);
        break;
    case N_SEQ:
        for (int i = 0; i < n->n; i++)
            v *= node_count(c, n->kids[i], split, depth + 1);
        break;
    case N_RULE:
        for (int i = 0; i < c->n_rules; i++)
            if (!strcmp(c->rules[i].name, n->text))
                return node_count(c, c->rules[i].alt, split, depth + 1);
        return 1;
    }
    return v > 1e15 ? 1e15 : v;
}

double corpus_phrasings(const struct corpus *c, int heldout, const char *intent, int *n_templates)
{
    double sum = 0;
    int n = 0;
    for (int i = 0; i < c->n_tmpls; i++) {
        const struct tmpl *t = &c->tmpls[i];
        if (t->heldout != heldout || strcmp(t->intent, intent)) continue;
        sum += node_count(c, t->root, heldout, 0);
        n++;
    }
    if (n_templates) *n_templates = n;
    return sum;
}

/* ---- houses ---- */

struct h_area {
    char name[96];
    char alias[CORPUS_MAX_ALIASES][96];
    int n_alias;
    int floor;
};

struct h_floor {
    char name[96];
    char alias[CORPUS_MAX_ALIASES][96];
    int n_alias;
};

struct h_entity {
    char name[128];
    char alias[CORPUS_MAX_ALIASES][128];
    int n_alias;
    const char *domain;
    char device_class[32];
    int shopping; /* the house's shopping list: "add milk to the shopping list" is
                     HassShoppingListAddItem, never HassListAddItem with this name */
    int area; /* -1: none */
};

#define H_MAX_AREAS 12
#define H_MAX_FLOORS 4
#define H_MAX_ENTITIES 80

struct house {
    char id[64];
    int n_floors, n_areas, n_entities;
    struct h_floor floors[H_MAX_FLOORS];
    struct h_area areas[H_MAX_AREAS];
    struct h_entity ents[H_MAX_ENTITIES];
};

struct corpus_gen {
    const struct corpus *c;
    struct corpus_gen_opts o;
    uint64_t rng;
    struct house h;
    json_t *house_json;
    int left; /* utterances left for this house */
    int n_houses;
    /* weighted choice of (template, combination): every pair the split can make */
    int n_pairs;
    struct {
        int tmpl;
        uint32_t mask;
        const struct intent_combo *combo;
        double tw, cw; /* training split: weights of the template and of the combination */
    } *pairs;
    int n_neg;
    int *neg; /* negative templates of the split */
    int n_rule;
    int *rule; /* rule-sentence templates of the split (used when o.rule_share > 0) */
    /* training split only: intent weights from the [intent_weights] word-list section (default
     * 1), so that device control, which is most of what people say to a hub, gets a share nearer
     * to the hand-written evaluation's; NULL when uniform */
    double *iw, iw_sum;
    /* training split only: [template_weights] ("on.9 @4") and [combo_weights]
     * ("HassTurnOn/name_only @3") from the word lists. Combinations are drawn evenly within an
     * intent and templates evenly within a combination, which leaves a template that is one of
     * sixty able to make "name_only" (the scene, script and lock phrasings) a few dozen lines in
     * 200 000, and the combination people use most (a device by its name) a ninth of the
     * intent's lines; 0 when there are no weights (held-out split: byte for byte as before) */
    int weighted;
};

/* The weight a "NAME @W" line of a word-list section gives NAME (default 1). */
static double section_weight(const struct wsection *ws, const char *name)
{
    for (int k = 0; ws && k < ws->n; k++)
        if (!strcmp(ws->lines[k].name, name) && ws->lines[k].attr) {
            double w = strtod(ws->lines[k].attr, NULL);
            if (w > 0 && w <= 100) return w;
        }
    return 1;
}

/* Index of a draw from weights w[0..n-1] (n > 0, sum > 0). */
static int pick_weighted(uint64_t *rng, const double *w, int n)
{
    double sum = 0;
    for (int i = 0; i < n; i++) sum += w[i];
    double r = corpus_rand01(rng) * sum;
    int k = 0;
    while (k < n - 1 && r >= w[k]) r -= w[k++];
    return k;
}

/* Picks a word-list line of the split, or NULL when the section has none. */
static const struct wline *pick_line(struct corpus_gen *g, const char *section)
{
    const struct wsection *s = corpus_section(g->c, section);
    int n = 0;
    if (!s) return NULL;
    for (int i = 0; i < s->n; i++) n += s->lines[i].heldout == g->o.heldout;
    if (!n) return NULL;
    int k = corpus_randn(&g->rng, n);
    for (int i = 0; i < s->n; i++)
        if (s->lines[i].heldout == g->o.heldout && k-- == 0) return &s->lines[i];
    return NULL;
}

/* Free-text lists are not partitioned by split except by their own '!' marks. */
static const struct wline *pick_any(struct corpus_gen *g, const char *section)
{
    const struct wline *w = pick_line(g, section);
    if (!w) {
        const struct wsection *s = corpus_section(g->c, section);
        if (s && s->n) w = &s->lines[corpus_randn(&g->rng, s->n)];
    }
    return w;
}

/* Replaces {area}, {person}, {device} and {n} in a word-list pattern. */
static void expand_pattern_dev(struct corpus_gen *g, const char *pat, const char *area,
                               const char *person, const char *device, int num, char *out,
                               size_t len)
{
    size_t o = 0;
    out[0] = 0;
    for (const char *p = pat; *p && o + 1 < len;) {
        const char *rep = NULL;
        char nbuf[16];
        size_t skip = 0;
        if (!strncmp(p, "{area}", 6)) rep = area, skip = 6;
        else if (!strncmp(p, "{person}", 8)) rep = person, skip = 8;
        else if (!strncmp(p, "{device}", 8) && device) rep = device, skip = 8;
        else if (!strncmp(p, "{n}", 3)) {
            snprintf(nbuf, sizeof nbuf, "%d", num);
            rep = nbuf;
            skip = 3;
        }
        if (rep) {
            int n = snprintf(out + o, len - o, "%s", rep);
            if (n > 0) o += (size_t)n < len - o ? (size_t)n : len - o - 1;
            p += skip;
            continue;
        }
        out[o++] = *p++;
        out[o] = 0;
    }
    (void)g;
}
static void expand_pattern(struct corpus_gen *g, const char *pat, const char *area,
                           const char *person, int num, char *out, size_t len)
{
    expand_pattern_dev(g, pat, area, person, NULL, num, out, len);
}

/* ---- synthesized names (training split only) ----
 * The word lists alone give a few hundred names, which a small model memorizes instead of
 * learning to copy a span of the utterance. So the training split also makes names from patterns
 * of the [synth_*] sections: made-up brand words from syllables, model codes, adjectives,
 * numbers, Chinese character pairs, combined with a word-list name ({base}). The held-out split
 * never does this, so its houses, and data/eval/generated, stay as they were. */

static const char *const synth_onsets[] = {
    "b",  "c",  "d",  "f",  "g",  "h",  "j",  "k",  "l",  "m",  "n",  "p",  "r",
    "s",  "t",  "v",  "w",  "z",  "br", "cr", "dr", "fl", "gl", "kl", "pl", "pr",
    "st", "tr", "sk", "sn", "ch", "sh", "th", "qu", "x",  "y",  "vr", "zh"};
static const char *const synth_vowels[] = {"a",  "e",  "i",  "o",  "u", "ai", "ao",
                                           "ei", "ia", "io", "ou", "y", "ee", "oo"};
static const char *const synth_codas[] = {"", "", "", "n", "r", "l", "x", "s", "k", "m", "t"};
#define SYNTH_N(a) (int)(sizeof a / sizeof a[0])

/* A made-up brand-like word ("Zorvak", "Kelimo", sometimes "ZORA" or "iKelo"), 4+ letters. */
static void synth_brand(struct corpus_gen *g, char *out, size_t len)
{
    char w[64] = "";
    int syl = 2 + corpus_randn(&g->rng, 2);
    for (int i = 0; i < syl && strlen(w) + 8 < sizeof w; i++) {
        strcat(w, synth_onsets[corpus_randn(&g->rng, SYNTH_N(synth_onsets))]);
        strcat(w, synth_vowels[corpus_randn(&g->rng, SYNTH_N(synth_vowels))]);
        if (i == syl - 1) strcat(w, synth_codas[corpus_randn(&g->rng, SYNTH_N(synth_codas))]);
    }
    while (strlen(w) < 4)
        strcat(w, "o");
    switch (corpus_randn(&g->rng, 12)) {
    case 0: /* all capitals */
        for (char *p = w; *p; p++)
            *p = (char)toupper((unsigned char)*p);
        snprintf(out, len, "%s", w);
        return;
    case 1: /* a lower-case prefix letter: iKelo, eZora */
        w[0] = (char)toupper((unsigned char)w[0]);
        snprintf(out, len, "%c%s", "iemx"[corpus_randn(&g->rng, 4)], w);
        return;
    default: w[0] = (char)toupper((unsigned char)w[0]); snprintf(out, len, "%s", w);
    }
}

/* A model code: "XR-7", "T300", "Q2". */
static void synth_code(struct corpus_gen *g, char *out, size_t len)
{
    static const char letters[] = "ABCDEFGHJKLMNPRSTVWXZ";
    char l1 = letters[corpus_randn(&g->rng, (int)sizeof letters - 1)];
    char l2 = letters[corpus_randn(&g->rng, (int)sizeof letters - 1)];
    int num = corpus_randn(&g->rng, 3) == 0 ? 100 * (1 + corpus_randn(&g->rng, 9))
                                            : 1 + corpus_randn(&g->rng, 20);
    switch (corpus_randn(&g->rng, 3)) {
    case 0: snprintf(out, len, "%c%c-%d", l1, l2, num); break;
    case 1: snprintf(out, len, "%c%d", l1, num); break;
    default: snprintf(out, len, "%c%c%d", l1, l2, num);
    }
}

/* One to three characters of the [name_chars] pool (a Chinese made-up name: 星河, 云朵). */
static void synth_cn(struct corpus_gen *g, char *out, size_t len)
{
    int k = corpus_randn(&g->rng, 6) == 0 ? 1 : corpus_randn(&g->rng, 6) == 0 ? 3 : 2;
    out[0] = 0;
    for (int i = 0; i < k; i++) {
        const struct wline *w = pick_any(g, "name_chars");
        if (!w) break;
        if (strlen(out) + strlen(w->name) + 1 < len) strcat(out, w->name);
    }
}

/* Expands a [synth_*] pattern: {base} (given), {brand}, {code}, {adj}, {cn}, {n} (1-9), {nn}
 * (10-99), {person}, {item}, {query}, {w:SECTION} (a line of any word-list section). */
static void synth_expand(struct corpus_gen *g, const char *pat, const char *base, char *out,
                         size_t len)
{
    size_t o = 0;
    out[0] = 0;
    for (const char *p = pat; *p && o + 1 < len;) {
        char rep[256];
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (!close) {
            out[o++] = *p++;
            out[o] = 0;
            continue;
        }
        size_t kl = (size_t)(close - p - 1);
        const char *key = p + 1;
        const struct wline *w = NULL;
        rep[0] = 0;
        if (kl == 4 && !strncmp(key, "base", 4))
            snprintf(rep, sizeof rep, "%s", base ? base : "");
        else if (kl == 5 && !strncmp(key, "brand", 5))
            synth_brand(g, rep, sizeof rep);
        else if (kl == 4 && !strncmp(key, "code", 4))
            synth_code(g, rep, sizeof rep);
        else if (kl == 2 && !strncmp(key, "cn", 2))
            synth_cn(g, rep, sizeof rep);
        else if (kl == 1 && key[0] == 'n')
            snprintf(rep, sizeof rep, "%d", 1 + corpus_randn(&g->rng, 9));
        else if (kl == 2 && !strncmp(key, "nn", 2))
            snprintf(rep, sizeof rep, "%d", 10 + corpus_randn(&g->rng, 90));
        else if (kl == 3 && !strncmp(key, "adj", 3) && (w = pick_any(g, "name_adjectives")))
            snprintf(rep, sizeof rep, "%s", w->name);
        else if (kl == 6 && !strncmp(key, "person", 6) && (w = pick_any(g, "persons")))
            snprintf(rep, sizeof rep, "%s", w->name);
        else if (kl == 4 && !strncmp(key, "item", 4) && (w = pick_any(g, "items")))
            snprintf(rep, sizeof rep, "%s", w->name);
        else if (kl == 5 && !strncmp(key, "query", 5) && (w = pick_any(g, "queries")))
            snprintf(rep, sizeof rep, "%s", w->name);
        else if (kl > 2 && kl < 64 && !strncmp(key, "w:", 2)) {
            char sec[64];
            snprintf(sec, sizeof sec, "%.*s", (int)kl - 2, key + 2);
            if ((w = pick_any(g, sec))) snprintf(rep, sizeof rep, "%s", w->name);
        }
        int n = snprintf(out + o, len - o, "%s", rep);
        if (n > 0) o += (size_t)n < len - o ? (size_t)n : len - o - 1;
        p = close + 1;
    }
}

/* Is name (any case) a line or alias of a held-out word-list line? Synthesized training names
 * must never spell one. */
static int corpus_heldout_name(const struct corpus *c, const char *name)
{
    for (int i = 0; i < c->n_sections; i++)
        for (int k = 0; k < c->sections[i].n; k++) {
            const struct wline *w = &c->sections[i].lines[k];
            if (!w->heldout) continue;
            if (!strcasecmp(w->name, name)) return 1;
            for (int a = 0; a < w->n_alias; a++)
                if (!strcasecmp(w->alias[a], name)) return 1;
        }
    return 0;
}

/* With probability pct/100 in the training split, replaces out (a word-list name or free text)
 * by a pattern of section sec around it; 1 when it did. */
static int synth_maybe(struct corpus_gen *g, const char *sec, int pct, char *out, size_t len)
{
    if (g->o.heldout || corpus_randn(&g->rng, 100) >= pct) return 0;
    const struct wline *w = pick_line(g, sec);
    if (!w) return 0;
    char buf[256], base[256];
    snprintf(base, sizeof base, "%s", out);
    synth_expand(g, w->name, base, buf, sizeof buf);
    /* collapse doubled spaces a missing part may leave */
    char *d = buf;
    for (const char *s = buf; *s; s++)
        if (!(*s == ' ' && (d == buf || d[-1] == ' '))) *d++ = *s;
    while (d > buf && d[-1] == ' ')
        d--;
    *d = 0;
    size_t n = strlen(buf);
    if (!n || n + 1 > len || corpus_heldout_name(g->c, buf)) return 0;
    memcpy(out, buf, n + 1);
    return 1;
}

static int house_name_taken(const struct house *h, const char *name)
{
    for (int i = 0; i < h->n_entities; i++) {
        if (!strcasecmp(h->ents[i].name, name)) return 1;
        for (int k = 0; k < h->ents[i].n_alias; k++)
            if (!strcasecmp(h->ents[i].alias[k], name)) return 1;
    }
    for (int i = 0; i < h->n_areas; i++)
        if (!strcasecmp(h->areas[i].name, name)) return 1;
    return 0;
}

static void house_build(struct corpus_gen *g)
{
    struct house *h = &g->h;
    memset(h, 0, sizeof *h);
    snprintf(h->id, sizeof h->id, "%s-%s-%llu-%04d", g->c->lang, g->o.heldout ? "heldout" : "train",
             (unsigned long long)g->o.seed, g->n_houses++);
    /* floors: 1 to 3, distinct */
    int want_floors = 1 + corpus_randn(&g->rng, 3);
    for (int tries = 0; h->n_floors < want_floors && tries < 40; tries++) {
        const struct wline *w = pick_line(g, "floors");
        int dup = 0;
        for (int i = 0; w && i < h->n_floors; i++) dup |= !strcmp(h->floors[i].name, w->name);
        if (!w || dup) continue;
        struct h_floor *f = &h->floors[h->n_floors];
        memset(f, 0, sizeof *f);
        snprintf(f->name, sizeof f->name, "%s", w->name);
        if (synth_maybe(g, "synth_floor", 35, f->name, sizeof f->name)) {
            for (int i = 0; i < h->n_floors; i++)
                dup |= !strcasecmp(h->floors[i].name, f->name);
            if (dup) continue;
            h->n_floors++;
            continue;
        }
        h->n_floors++;
        for (int k = 0; k < w->n_alias; k++)
            snprintf(f->alias[f->n_alias++], sizeof f->alias[0], "%s", w->alias[k]);
    }
    int want_areas = 4 + corpus_randn(&g->rng, 6);
    for (int tries = 0; h->n_areas < want_areas && tries < 200; tries++) {
        const struct wline *w = pick_line(g, "areas");
        int dup = 0;
        for (int i = 0; w && i < h->n_areas; i++) dup |= !strcmp(h->areas[i].name, w->name);
        if (!w || dup) continue;
        struct h_area *a = &h->areas[h->n_areas];
        memset(a, 0, sizeof *a);
        snprintf(a->name, sizeof a->name, "%s", w->name);
        if (synth_maybe(g, "synth_area", 35, a->name, sizeof a->name)) {
            for (int i = 0; i < h->n_areas; i++)
                dup |= !strcasecmp(h->areas[i].name, a->name);
            for (int i = 0; i < h->n_floors; i++)
                dup |= !strcasecmp(h->floors[i].name, a->name);
            if (dup) continue;
        } else {
            for (int k = 0; k < w->n_alias; k++)
                snprintf(a->alias[a->n_alias++], sizeof a->alias[0], "%s", w->alias[k]);
        }
        h->n_areas++;
        a->floor = h->n_floors ? corpus_randn(&g->rng, h->n_floors) : -1;
    }
    for (int d = 0; d < CORPUS_N_DOMAINS; d++) {
        const char *dom = corpus_domains[d].domain;
        int want = corpus_domains[d].lo +
                   corpus_randn(&g->rng, corpus_domains[d].hi - corpus_domains[d].lo + 1);
        int got = 0;
        for (int tries = 0; got < want && tries < 60 && h->n_entities < H_MAX_ENTITIES; tries++) {
            const struct wline *w = pick_line(g, dom);
            const struct wline *person = pick_any(g, "persons");
            if (!w || h->n_areas == 0) break;
            int area = corpus_randn(&g->rng, h->n_areas);
            int num = 1 + corpus_randn(&g->rng, 3);
            struct h_entity *e = &h->ents[h->n_entities];
            memset(e, 0, sizeof *e);
            expand_pattern(g, w->name, h->areas[area].name, person ? person->name : "Alex", num,
                           e->name, sizeof e->name);
            /* a synthesized name has no aliases: the word list's would name another thing */
            int synth = synth_maybe(g, "synth_entity", 55, e->name, sizeof e->name);
            if (house_name_taken(h, e->name)) continue;
            for (int k = 0; !synth && k < w->n_alias && e->n_alias < CORPUS_MAX_ALIASES; k++) {
                char al[128];
                expand_pattern(g, w->alias[k], h->areas[area].name,
                               person ? person->name : "Alex", num, al, sizeof al);
                if (!house_name_taken(h, al) && strcasecmp(al, e->name))
                    snprintf(e->alias[e->n_alias++], sizeof e->alias[0], "%s", al);
            }
            e->domain = dom;
            if (w->attr && !strcmp(w->attr, "shopping")) e->shopping = 1;
            else if (w->attr) snprintf(e->device_class, sizeof e->device_class, "%s", w->attr);
            /* people, lists, weather, scripts and scenes belong to no room */
            int roomless = !strcmp(dom, "person") || !strcmp(dom, "todo") ||
                           !strcmp(dom, "weather") || !strcmp(dom, "script") ||
                           !strcmp(dom, "scene");
            e->area = roomless ? -1 : area;
            h->n_entities++;
            got++;
        }
    }
}

static json_t *house_json(const struct corpus_gen *g)
{
    const struct house *h = &g->h;
    json_t *root = json_object(), *floors = json_array(), *areas = json_array(),
           *ents = json_array();
    json_object_set_new(root, "language", json_string(g->c->lang));
    for (int i = 0; i < h->n_floors; i++) {
        json_t *al = json_array();
        for (int k = 0; k < h->floors[i].n_alias; k++)
            json_array_append_new(al, json_string(h->floors[i].alias[k]));
        json_array_append_new(floors, json_pack("{s:s,s:o}", "name", h->floors[i].name,
                                                "aliases", al));
    }
    for (int i = 0; i < h->n_areas; i++) {
        json_t *al = json_array();
        for (int k = 0; k < h->areas[i].n_alias; k++)
            json_array_append_new(al, json_string(h->areas[i].alias[k]));
        json_t *a = json_pack("{s:s,s:o}", "name", h->areas[i].name, "aliases", al);
        json_object_set_new(a, "floor", h->areas[i].floor >= 0
                                            ? json_string(h->floors[h->areas[i].floor].name)
                                            : json_null());
        json_array_append_new(areas, a);
    }
    for (int i = 0; i < h->n_entities; i++) {
        const struct h_entity *e = &h->ents[i];
        json_t *al = json_array();
        for (int k = 0; k < e->n_alias; k++) json_array_append_new(al, json_string(e->alias[k]));
        const char *state = "off";
        if (!strcmp(e->domain, "cover") || !strcmp(e->domain, "valve")) state = "closed";
        else if (!strcmp(e->domain, "lock")) state = "locked";
        else if (!strcmp(e->domain, "person")) state = "home";
        else if (!strcmp(e->domain, "sensor")) state = "21";
        else if (!strcmp(e->domain, "media_player") || !strcmp(e->domain, "vacuum") ||
                 !strcmp(e->domain, "lawn_mower"))
            state = "idle";
        else if (!strcmp(e->domain, "climate")) state = "heat";
        else if (!strcmp(e->domain, "todo")) state = "0";
        else if (!strcmp(e->domain, "weather")) state = "sunny";
        json_t *attrs = json_object();
        json_object_set_new(attrs, "device_class",
                            e->device_class[0] ? json_string(e->device_class) : json_null());
        json_t *o = json_pack("{s:s,s:s,s:o,s:s,s:o,s:o}", "name", e->name, "domain", e->domain,
                              "area", e->area >= 0 ? json_string(g->h.areas[e->area].name)
                                                   : json_null(),
                              "state", state, "attributes", attrs, "aliases", al);
        json_array_append_new(ents, o);
    }
    json_object_set_new(root, "floors", floors);
    json_object_set_new(root, "areas", areas);
    json_object_set_new(root, "entities", ents);
    json_object_set_new(root, "timers", json_array());
    json_object_set_new(root, "media", json_array());
    return root;
}

/* ---- generation ---- */

struct piece {
    int slot;          /* -1: literal word */
    int set;           /* 1: closed assignment (no surface) */
    const char *word;  /* literal, or slot's arg */
    const char *sname; /* slot name for specials ("missing", "any", rule slots) */
    int rule_slot;     /* 1 + index in intent_rule_slot_order of a rule-slot piece, else 0 */
    char span[256];    /* filled surface */
};

struct expansion {
    int n;
    struct piece p[CORPUS_MAX_PIECES];
    char closed[INTENT_SLOT_KINDS][32]; /* values asserted by {slot=value} */
    char rclosed[INTENT_RULE_SLOTS][32]; /* rule slots asserted by {to=open}, {days=weekdays} */
    int rule;                            /* a rule sentence with its action spliced in */
};

static int gen_node(struct corpus_gen *g, const struct node *n, uint32_t want,
                    struct expansion *x);

static int gen_pick_alt(struct corpus_gen *g, const struct node *n, uint32_t want,
                        struct expansion *x)
{
    int split = g->o.heldout;
    int cand[256], nc = 0;
    for (int i = 0; i < n->n && nc < 256; i++) {
        if (n->heldout && n->heldout[i] && !split) continue;
        if (mset_has(&n->kids[i]->masks[split], want)) cand[nc++] = i;
    }
    if (!nc) return -1;
    return gen_node(g, n->kids[cand[corpus_randn(&g->rng, nc)]], want, x);
}

static int gen_node(struct corpus_gen *g, const struct node *n, uint32_t want,
                    struct expansion *x)
{
    int split = g->o.heldout;
    switch (n->kind) {
    case N_WORD:
        if (want || x->n >= CORPUS_MAX_PIECES) return -1;
        x->p[x->n].slot = -1;
        x->p[x->n].set = 0;
        x->p[x->n].word = n->text;
        x->p[x->n].sname = NULL;
        x->n++;
        return 0;
    case N_SLOT:
        if (want != (n->slot < 0 ? 0u : 1u << n->slot) || x->n >= CORPUS_MAX_PIECES) return -1;
        x->p[x->n].slot = n->slot;
        x->p[x->n].set = 0;
        x->p[x->n].word = n->arg;
        x->p[x->n].sname = n->text;
        x->n++;
        return 0;
    case N_SET: {
        if (want != n->set) return -1;
        char tmp[256];
        snprintf(tmp, sizeof tmp, "%s", n->text);
        for (char *save = NULL, *t = strtok_r(tmp, ",", &save); t;
             t = strtok_r(NULL, ",", &save)) {
            char *eq = strchr(t, '=');
            *eq = 0;
            int b = intent_slot_index(t);
            if (b >= 0)
                snprintf(x->closed[b], sizeof x->closed[0], "%s", eq + 1);
            else
                snprintf(x->rclosed[intent_rule_slot_index(t)], sizeof x->rclosed[0], "%s", eq + 1);
        }
        return 0;
    }
    case N_OPT:
        if (want == 0 && (!mset_has(&n->kids[0]->masks[split], 0) || corpus_randn(&g->rng, 2)))
            return 0;
        return gen_node(g, n->kids[0], want, x);
    case N_ALT:
        return gen_pick_alt(g, n, want, x);
    case N_RULE: {
        const struct rule *r = corpus_rule((struct corpus *)g->c, n->text);
        return gen_pick_alt(g, r->alt, want, x);
    }
    case N_SEQ: {
        uint32_t rem = want;
        for (int i = 0; i < n->n; i++) {
            const struct mset *ms = &n->kids[i]->masks[split];
            uint32_t cand[CORPUS_MAX_MASKS];
            int nc = 0;
            for (int k = 0; k < ms->n; k++)
                if ((ms->m[k] & ~rem) == 0 && mset_has(&n->suffix[split][i + 1], rem & ~ms->m[k]))
                    cand[nc++] = ms->m[k];
            if (!nc) return -1;
            uint32_t m = cand[corpus_randn(&g->rng, nc)];
            if (gen_node(g, n->kids[i], m, x)) return -1;
            rem &= ~m;
        }
        return rem ? -1 : 0;
    }
    }
    return -1;
}

/* ---- surfaces ---- */

static void lower_ascii(char *s)
{
    for (; *s; s++) *s = (char)tolower((unsigned char)*s);
}

/* A name as people say it: canonical or an alias, often lower-cased, sometimes pluralised or
 * singularised in English ("kitchen light" / "kitchen lights"). */
static void say_name(struct corpus_gen *g, const char *name, const char *alias, int n_alias,
                     size_t alias_stride, char *out, size_t len)
{
    const char *pick = name;
    if (n_alias && corpus_randn(&g->rng, 3) == 0)
        pick = alias + alias_stride * (size_t)corpus_randn(&g->rng, n_alias);
    snprintf(out, len, "%s", pick);
    if (g->c->join_space && corpus_randn(&g->rng, 3) != 0) lower_ascii(out);
    if (g->c->join_space && corpus_randn(&g->rng, 8) == 0) {
        size_t n = strlen(out);
        static const char *const nouns[] = {"light", "lamp", "blind", "fan", "speaker",
                                            "shade", "curtain", "switch", NULL};
        for (int i = 0; nouns[i]; i++) {
            size_t k = strlen(nouns[i]);
            if (n > k && !strcasecmp(out + n - k, nouns[i]) && n + 3 < len) {
                strcat(out, strcmp(nouns[i], "switch") ? "s" : "es");
                break;
            }
            if (n > k + 1 && out[n - 1] == 's' && !strncasecmp(out + n - 1 - k, nouns[i], k) &&
                strcmp(nouns[i], "switch")) {
                out[n - 1] = 0;
                break;
            }
        }
    }
}

static void say_number_en(struct corpus_gen *g, long v, char *out, size_t len)
{
    if (corpus_randn(&g->rng, 2)) snprintf(out, len, "%ld", v);
    else num_words_en(v, corpus_randn(&g->rng, 2), out, len);
}

static void say_number_zh(struct corpus_gen *g, long v, int liang, char *out, size_t len)
{
    if (corpus_randn(&g->rng, 3) == 0) snprintf(out, len, "%ld", v);
    else num_words_zh(v, liang, out, len);
}

/* Renders a number slot: the span (with its unit, as people say it) and the value. */
static void say_numeric(struct corpus_gen *g, const char *slot, const char *arg, char *span,
                        size_t len, double *value)
{
    int en = g->c->join_space;
    char w[128];
    long v;
    if (!strcmp(slot, "brightness") || !strcmp(slot, "position") ||
        !strcmp(slot, "percentage") || !strcmp(slot, "volume_level")) {
        int bright = !strcmp(slot, "brightness");
        int r = corpus_randn(&g->rng, 20);
        if (r == 0) {
            static const char *const en_max[] = {"max", "maximum", "full", "100%"};
            static const char *const zh_max[] = {"最大", "最高", "满"};
            static const char *const zh_bmax[] = {"最亮", "最大", "最高"};
            if (en) snprintf(span, len, "%s", en_max[corpus_randn(&g->rng, 4)]);
            else snprintf(span, len, "%s", bright ? zh_bmax[corpus_randn(&g->rng, 3)]
                                                  : zh_max[corpus_randn(&g->rng, 3)]);
            *value = 100;
            return;
        }
        if (r == 1 && bright) {
            static const char *const en_min[] = {"lowest", "minimum", "the lowest", "dimmest"};
            static const char *const zh_min[] = {"最暗", "最低"};
            if (en) snprintf(span, len, "%s", en_min[corpus_randn(&g->rng, 4)]);
            else snprintf(span, len, "%s", zh_min[corpus_randn(&g->rng, 2)]);
            *value = 1;
            return;
        }
        if (r == 2) {
            snprintf(span, len, "%s", en ? (bright || corpus_randn(&g->rng, 2) ? "half" : "halfway")
                                         : "一半");
            *value = 50;
            return;
        }
        v = corpus_randn(&g->rng, 3) ? 5 * (1 + corpus_randn(&g->rng, 20))
                                     : 1 + corpus_randn(&g->rng, 100);
        *value = (double)v;
        if (en) {
            say_number_en(g, v, w, sizeof w);
            int form = corpus_randn(&g->rng, 3);
            if (form == 0 && isdigit((unsigned char)w[0])) snprintf(span, len, "%s%%", w);
            else if (form == 1) snprintf(span, len, "%s percent", w);
            else snprintf(span, len, "%s", w);
        } else {
            say_number_zh(g, v, 0, w, sizeof w);
            int form = corpus_randn(&g->rng, 3);
            if (form == 0) snprintf(span, len, "百分之%s", w);
            else if (form == 1 && isdigit((unsigned char)w[0])) snprintf(span, len, "%s%%", w);
            else snprintf(span, len, "%s", w);
        }
        return;
    }
    if (!strcmp(slot, "temperature")) {
        if (arg && !strcmp(arg, "kelvin")) {
            v = 2000 + 100 * corpus_randn(&g->rng, 46);
            *value = (double)v;
            if (en) {
                if (corpus_randn(&g->rng, 4) == 0) num_words_en(v, 0, w, sizeof w);
                else snprintf(w, sizeof w, "%ld", v);
                snprintf(span, len, corpus_randn(&g->rng, 2) && isdigit((unsigned char)w[0])
                                        ? "%sK" : "%s kelvin", w);
            } else {
                snprintf(span, len, corpus_randn(&g->rng, 2) ? "%ldK" : "%ld开尔文", v);
            }
            return;
        }
        int fahrenheit = en && corpus_randn(&g->rng, 4) == 0;
        v = fahrenheit ? 60 + corpus_randn(&g->rng, 21) : 16 + corpus_randn(&g->rng, 15);
        *value = (double)v;
        if (en) {
            say_number_en(g, v, w, sizeof w);
            int form = corpus_randn(&g->rng, 3);
            if (form == 0) snprintf(span, len, "%s degrees", w);
            else if (form == 1 && isdigit((unsigned char)w[0]))
                snprintf(span, len, "%s°", w);
            else snprintf(span, len, "%s", w);
        } else {
            say_number_zh(g, v, 0, w, sizeof w);
            int form = corpus_randn(&g->rng, 3);
            snprintf(span, len, form == 0 ? "%s度" : form == 1 ? "%s摄氏度" : "%s度", w);
        }
        return;
    }
    if (!strcmp(slot, "volume_step")) {
        v = 5 * (1 + corpus_randn(&g->rng, 6));
        int down = arg && !strcmp(arg, "down");
        *value = down ? -(double)v : (double)v;
        if (en) {
            say_number_en(g, v, w, sizeof w);
            if (corpus_randn(&g->rng, 2) && isdigit((unsigned char)w[0]))
                snprintf(span, len, "%s%%", w);
            else if (corpus_randn(&g->rng, 2)) snprintf(span, len, "%s percent", w);
            else snprintf(span, len, "%s", w);
        } else {
            say_number_zh(g, v, 0, w, sizeof w);
            snprintf(span, len, corpus_randn(&g->rng, 2) ? "百分之%s" : "%s", w);
        }
        return;
    }
    /* durations: hours, minutes, seconds and their start_ forms */
    const char *base = !strncmp(slot, "start_", 6) ? slot + 6 : slot;
    int hours = !strcmp(base, "hours"), minutes = !strcmp(base, "minutes");
    static const int common_min[] = {1, 2, 3, 5, 10, 15, 20, 25, 30, 40, 45, 50};
    if (hours) v = 1 + (corpus_randn(&g->rng, 4) ? corpus_randn(&g->rng, 3) : corpus_randn(&g->rng, 12));
    else if (corpus_randn(&g->rng, 2)) v = common_min[corpus_randn(&g->rng, 12)];
    else v = 1 + corpus_randn(&g->rng, 59);
    *value = (double)v;
    if (en) {
        const char *unit = hours ? "hour" : minutes ? "minute" : "second";
        if (v == 1 && corpus_randn(&g->rng, 2)) {
            snprintf(span, len, "%s %s", hours ? "an" : "a", unit);
            return;
        }
        say_number_en(g, v, w, sizeof w);
        if (isdigit((unsigned char)w[0]) && corpus_randn(&g->rng, 5) == 0)
            snprintf(span, len, "%s %s", w, hours ? "hrs" : minutes ? "min" : "sec");
        else snprintf(span, len, "%s %s%s", w, unit, v == 1 ? "" : "s");
    } else {
        say_number_zh(g, v, 1, w, sizeof w);
        const char *unit = hours ? (corpus_randn(&g->rng, 2) ? "个小时" : "小时")
                         : minutes ? (corpus_randn(&g->rng, 3) ? "分钟" : "分")
                                   : (corpus_randn(&g->rng, 3) ? "秒" : "秒钟");
        snprintf(span, len, "%s%s", w, unit);
    }
}

/* A light typo in a literal English word: a dropped, doubled or swapped letter. */
static void typo(struct corpus_gen *g, char *w)
{
    size_t n = strlen(w);
    if (n < 4) return;
    for (size_t i = 0; i < n; i++)
        if (!isalpha((unsigned char)w[i])) return;
    size_t k = 1 + (size_t)corpus_randn(&g->rng, (int)n - 2);
    switch (corpus_randn(&g->rng, 3)) {
    case 0:
        memmove(w + k, w + k + 1, n - k);
        break;
    case 1: {
        char t = w[k];
        w[k] = w[k + 1];
        w[k + 1] = t;
        break;
    }
    default:
        if (n + 2 < 64) {
            memmove(w + k + 1, w + k, n - k + 1);
        }
    }
}

/* Chinese speech-to-text slips: a character swapped for a homophone or near character, or a
 * particle dropped. Applied to a literal (non-slot) piece, so the target never changes. */
static const char *const zh_typo_swaps[][2] = {
    {"灯", "登"}, {"开", "凯"}, {"关", "观"}, {"调", "掉"}, {"亮", "量"}, {"度", "都"},
    {"帘", "连"}, {"请", "清"}, {"吗", "嘛"}, {"放", "方"}, {"音", "阴"}, {"设", "社"},
    {"暗", "按"}, {"温", "问"}, {"锁", "所"}, {"窗", "床"}, {"播", "拨"}, {"提", "题"},
    {"醒", "星"}, {"时", "十"}, {"把", "吧"}, {"帮", "邦"}, {"风", "封"}, {"空", "孔"},
    {"的", "得"}, {"在", "再"}, {"那", "哪"}, {"点", "典"}, {"加", "家"}, {"单", "担"},
};
static const char *const zh_typo_drops[] = {"的", "了", "吧", "一下", "把", "给我", "呢", "啊"};

static void typo_zh(struct corpus_gen *g, char *w, size_t len)
{
    int drop = corpus_randn(&g->rng, 3) == 0;
    int n = drop ? SYNTH_N(zh_typo_drops) : SYNTH_N(zh_typo_swaps);
    int start = corpus_randn(&g->rng, n);
    for (int k = 0; k < n; k++) {
        int i = (start + k) % n;
        const char *from = drop ? zh_typo_drops[i] : zh_typo_swaps[i][0];
        const char *to = drop ? "" : zh_typo_swaps[i][1];
        char *at = strstr(w, from);
        if (!at) continue;
        size_t fl = strlen(from), tl = strlen(to), wl = strlen(w);
        if (drop && wl == fl) continue; /* never the whole piece */
        if (wl - fl + tl + 1 > len) return;
        memmove(at + tl, at + fl, wl - (size_t)(at - w) - fl + 1);
        memcpy(at, to, tl);
        return;
    }
}

static const struct h_entity *pick_entity(struct corpus_gen *g, const char *const *domains,
                                          const char *arg, int area, int floor, int no_shopping)
{
    const struct h_entity *cand[H_MAX_ENTITIES];
    int nc = 0;
    for (int i = 0; i < g->h.n_entities; i++) {
        const struct h_entity *e = &g->h.ents[i];
        int ok = 0;
        if (domains && domains[0]) {
            for (int k = 0; domains[k]; k++) ok |= !strcmp(domains[k], e->domain);
        } else {
            ok = 1;
        }
        if (!ok) continue;
        if (arg && *arg) {
            /* "{name:cover,valve}" or "{name:cover/garage}" (device class after '/') */
            char tmp[128];
            int match = 0;
            snprintf(tmp, sizeof tmp, "%s", arg);
            for (char *save = NULL, *t = strtok_r(tmp, ",", &save); t;
                 t = strtok_r(NULL, ",", &save)) {
                char *slash = strchr(t, '/');
                if (slash) *slash = 0;
                if (strcmp(t, e->domain)) continue;
                if (slash && strcmp(slash + 1, e->device_class)) continue;
                match = 1;
            }
            if (!match) continue;
        }
        if (no_shopping && e->shopping) continue;
        if (area >= 0 && e->area != area) continue;
        if (floor >= 0 && (e->area < 0 || g->h.areas[e->area].floor != floor)) continue;
        cand[nc++] = e;
    }
    return nc ? cand[corpus_randn(&g->rng, nc)] : NULL;
}

static int gen_pairs(struct corpus_gen *g)
{
    const struct corpus *c = g->c;
    int cap = 0;
    for (int t = 0; t < c->n_tmpls; t++) {
        if (c->tmpls[t].heldout != g->o.heldout) continue;
        if (c->tmpls[t].rule) {
            int *nr = realloc(g->rule, (size_t)(g->n_rule + 1) * sizeof *nr);
            if (!nr) return -1;
            g->rule = nr;
            g->rule[g->n_rule++] = t;
            continue;
        }
        if (!c->tmpls[t].def) {
            /* "turn on the led strip" in a house without one is null only because of the house,
             * which the model never sees: as a training target "none" would teach it to drop
             * ordinary commands at random. The model parses such a command like any other and
             * the resolver, which has the registry, answers null; only the held-out split (the
             * evaluation) keeps these lines. */
            if (!g->o.heldout && c->tmpls[t].neg && !strcmp(c->tmpls[t].neg, "unknown_device"))
                continue;
            int *nn = realloc(g->neg, (size_t)(g->n_neg + 1) * sizeof *nn);
            if (!nn) return -1;
            g->neg = nn;
            g->neg[g->n_neg++] = t;
            continue;
        }
        const struct mset *m = &c->tmpls[t].root->masks[g->o.heldout];
        for (int k = 0; k < m->n; k++) {
            if (!intent_def_combo(c->tmpls[t].def, m->m[k])) continue;
            if (g->n_pairs == cap) {
                cap = cap ? cap * 2 : 256;
                void *np = realloc(g->pairs, (size_t)cap * sizeof *g->pairs);
                if (!np) return -1;
                g->pairs = np;
            }
            g->pairs[g->n_pairs].tmpl = t;
            g->pairs[g->n_pairs].mask = m->m[k];
            g->pairs[g->n_pairs].combo = intent_def_combo(c->tmpls[t].def, m->m[k]);
            g->pairs[g->n_pairs].tw = g->pairs[g->n_pairs].cw = 1;
            if (!g->o.heldout) {
                char key[160];
                snprintf(key, sizeof key, "%s/%s", c->tmpls[t].def->name,
                         g->pairs[g->n_pairs].combo->name);
                g->pairs[g->n_pairs].tw =
                    section_weight(corpus_section(c, "template_weights"), c->tmpls[t].id);
                g->pairs[g->n_pairs].cw = section_weight(corpus_section(c, "combo_weights"), key);
                g->weighted |= g->pairs[g->n_pairs].tw != 1 || g->pairs[g->n_pairs].cw != 1;
            }
            g->n_pairs++;
        }
    }
    return 0;
}

int corpus_gen_new(const struct corpus *c, const struct corpus_gen_opts *o, struct corpus_gen **out)
{
    struct corpus_gen *g = calloc(1, sizeof *g);
    if (!g) return HUB_ERR_NOMEM;
    g->c = c;
    g->o = *o;
    if (g->o.per_house <= 0) g->o.per_house = 40;
    if (g->o.none_share < 0 || g->o.none_share > 1) g->o.none_share = 0.08;
    /* a different stream per language and split, so "both" and the splits never line up */
    g->rng = o->seed * 0x9E3779B97F4A7C15ull ^ (c->join_space ? 0x1111 : 0x2222) ^
             (o->heldout ? 0xABCDEF00ull : 0);
    const struct wsection *ws = o->heldout ? NULL : corpus_section(c, "intent_weights");
    if (ws && ws->n) {
        int n = c->schema->n_intents;
        if (!(g->iw = calloc((size_t)n, sizeof *g->iw))) {
            free(g);
            return HUB_ERR_NOMEM;
        }
        for (int i = 0; i < n; i++) {
            g->iw[i] = section_weight(ws, c->schema->intents[i].name);
            g->iw_sum += g->iw[i];
        }
    }
    if (gen_pairs(g) || g->n_pairs == 0) {
        int rc = g->n_pairs == 0 ? HUB_ERR_NOT_FOUND : HUB_ERR_NOMEM;
        corpus_gen_free(g);
        return rc;
    }
    *out = g;
    return HUB_OK;
}

void corpus_gen_free(struct corpus_gen *g)
{
    if (!g) return;
    json_decref(g->house_json);
    free(g->pairs);
    free(g->neg);
    free(g->rule);
    free(g->iw);
    free(g);
}

/* ---- rule sentences (LANG-rules.tpl) ----
 * A rule template says the trigger and conditions in its own words and slots ({at}, {when:...},
 * {for}, {to=open}, {days=weekdays}...) and leaves the action to {action}: an ordinary template of
 * a device intent of the split, expanded in its place, so actions keep every phrasing the
 * commands have. The line is the action's line plus the rule slots (engine/intent_line.h). */

/* The values of one rule sentence's open rule slots while it is filled. */
struct rule_fill {
    int piece[INTENT_RULE_SLOTS]; /* the slot was said (its piece says which: rule_slot), -1 */
    long secs[INTENT_RULE_SLOTS]; /* times (seconds since midnight) and durations (seconds) */
    double number;                /* above / below */
    int before;                   /* offset said as "before" */
    char entity[128];             /* when: the canonical name */
};

/* A time of day as people say it; *secs is what numbers.c reads from it (the resolver's view). */
static void say_time(struct corpus_gen *g, char *span, size_t len, long *secs)
{
    int en = g->c->join_space;
    static const int mins[] = {0, 0, 0, 0, 0, 30, 30, 15, 45, 10, 20, 40, 5, 50};
    for (int tries = 0; tries < 8; tries++) {
        int h24 = corpus_randn(&g->rng, 24);
        int m = corpus_randn(&g->rng, 4) ? mins[corpus_randn(&g->rng, SYNTH_N(mins))]
                                         : corpus_randn(&g->rng, 60);
        int h12 = h24 % 12 ? h24 % 12 : 12, pm = h24 >= 12;
        char hw[64], mw[64];
        if (en) {
            /* no "p.m.": a copied span never ends in punctuation (the decoder keeps to word
             * boundaries), and numbers.c reads "p.m" as well */
            static const char *const am_w[] = {"am", "am", "AM", "a.m"};
            static const char *const pm_w[] = {"pm", "pm", "PM", "p.m"};
            const char *ap = pm ? pm_w[corpus_randn(&g->rng, 4)] : am_w[corpus_randn(&g->rng, 4)];
            const char *period = !pm        ? "in the morning"
                                 : h24 < 17 ? "in the afternoon"
                                 : h24 < 21 ? "in the evening"
                                            : "at night";
            num_words_en(h12, 0, hw, sizeof hw);
            num_words_en(m, 0, mw, sizeof mw);
            switch (corpus_randn(&g->rng, 9)) {
            case 0: snprintf(span, len, "%d %s", h12, ap); break;
            case 1: snprintf(span, len, "%d%s", h12, pm ? "pm" : "am"); break;
            case 2: snprintf(span, len, "%d:%02d %s", h12, m, ap); break;
            case 3:
                snprintf(span, len, corpus_randn(&g->rng, 2) ? "%02d:%02d" : "%d:%02d", h24, m);
                break;
            case 4:
                if (m == 0)
                    snprintf(span, len, "%s %s", hw, corpus_randn(&g->rng, 2) ? ap : period);
                else
                    snprintf(span, len, "%s %s%s %s", hw, m < 10 ? "oh " : "", mw,
                             corpus_randn(&g->rng, 2) ? ap : period);
                break;
            case 5: snprintf(span, len, "%d %s", h12, period); break;
            case 6:
                if (m == 30 || m == 15)
                    snprintf(span, len, "%s past %s %s", m == 30 ? "half" : "quarter", hw, period);
                else if (m == 45) {
                    int nh = h24 + 1, n12 = nh % 12 ? nh % 12 : 12;
                    num_words_en(n12, 0, hw, sizeof hw);
                    snprintf(span, len, "quarter to %s %s", hw, nh >= 12 && nh < 24 ? "pm" : "am");
                } else
                    snprintf(span, len, "%d:%02d %s", h12, m, ap);
                break;
            case 7:
                snprintf(span, len, "%s", corpus_randn(&g->rng, 2) ? "midnight" : "noon");
                break;
            default: snprintf(span, len, "%d %s", h12, ap);
            }
        } else {
            const char *period;
            if (h24 < 5)
                period = "凌晨";
            else if (h24 < 8)
                period = corpus_randn(&g->rng, 2) ? "早上" : "清晨";
            else if (h24 < 12)
                period = corpus_randn(&g->rng, 2) ? "上午" : "早上";
            else if (h24 < 13)
                period = "中午";
            else if (h24 < 17)
                period = "下午";
            else if (h24 < 19)
                period = corpus_randn(&g->rng, 2) ? "傍晚" : "下午";
            else
                period = corpus_randn(&g->rng, 3) ? "晚上" : "夜里";
            int said = h12, r = corpus_randn(&g->rng, 10);
            if (r == 0) {
                snprintf(span, len, "%d:%02d", h24, m);
            } else {
                if (r == 1) period = "", said = h24; /* "15点" */
                if (corpus_randn(&g->rng, 3) == 0)
                    snprintf(hw, sizeof hw, "%d", said);
                else
                    num_words_zh(said, 1, hw, sizeof hw);
                if (m == 0)
                    snprintf(mw, sizeof mw, "%s", corpus_randn(&g->rng, 6) ? "" : "整");
                else if (m == 30 && corpus_randn(&g->rng, 3))
                    snprintf(mw, sizeof mw, "半");
                else if (m == 15 && corpus_randn(&g->rng, 2))
                    snprintf(mw, sizeof mw, "一刻");
                else {
                    char n[32];
                    if (corpus_randn(&g->rng, 3) == 0)
                        snprintf(n, sizeof n, "%d", m);
                    else
                        num_words_zh(m, 0, n, sizeof n);
                    snprintf(mw, sizeof mw, "%s%s%s", m < 10 ? "零" : "", n,
                             m >= 10 && corpus_randn(&g->rng, 3) == 0 ? "" : "分");
                }
                snprintf(span, len, "%s%s点%s", period, hw, mw);
            }
        }
        int v;
        if (num_parse_time(span, &v) == HUB_OK) {
            *secs = v;
            return;
        }
    }
    snprintf(span, len, "07:00");
    *secs = 7 * 3600;
}

/* A duration ("5 minutes", "an hour", "半小时"): the span and its seconds as numbers.c reads them.
 */
static void say_duration(struct corpus_gen *g, char *span, size_t len, long *secs)
{
    int r = corpus_randn(&g->rng, 10);
    const char *unit = r < 6 ? "minutes" : r < 8 ? "hours" : "seconds";
    double v;
    struct num_duration d;
    say_numeric(g, unit, NULL, span, len, &v);
    if (num_parse_duration(span, &d) == HUB_OK)
        *secs = d.hours * 3600 + d.minutes * 60 + d.seconds;
    else
        *secs = (long)v * (r < 6 ? 60 : r < 8 ? 3600 : 1);
}

/* Fills one rule-slot piece; -1 when the house cannot (no entity of the trigger's kind). */
static int rule_fill_piece(struct corpus_gen *g, struct piece *p, int i, struct rule_fill *rf)
{
    int r = intent_rule_slot_index(p->sname);
    rf->piece[r] = i;
    p->rule_slot = 1 + r; /* pieces move when a lead-in is put in front */
    if (r == RULE_WHEN) {
        const struct h_entity *e = pick_entity(g, NULL, p->word, -1, -1, 0);
        if (!e) return -1;
        snprintf(rf->entity, sizeof rf->entity, "%s", e->name);
        say_name(g, e->name, e->alias[0], e->n_alias, sizeof e->alias[0], p->span, sizeof p->span);
    } else if (intent_rule_slot_is_time(r)) {
        say_time(g, p->span, sizeof p->span, &rf->secs[r]);
    } else if (intent_rule_slot_is_duration(r)) {
        say_duration(g, p->span, sizeof p->span, &rf->secs[r]);
        if (r == RULE_OFFSET) rf->before = p->word && !strcmp(p->word, "before");
    } else if (r == RULE_ABOVE || r == RULE_BELOW) {
        say_numeric(g, "temperature", NULL, p->span, sizeof p->span, &rf->number);
    } else {
        return -1; /* to, sun, days are closed: {to=open} */
    }
    return 0;
}

static json_t *rule_time_json(long secs)
{
    char b[16];
    snprintf(b, sizeof b, "%02ld:%02ld:%02ld", secs / 3600 % 24, secs / 60 % 60, secs % 60);
    return json_string(b);
}

/* The contract's rule object (rulefmt: trigger, weekdays, after, before, for, action); steals
 * action. NULL when the slots make no rule. */
static json_t *rule_json(const struct expansion *x, const struct rule_fill *rf, json_t *action)
{
    uint32_t m = 0;
    for (int r = 0; r < INTENT_RULE_SLOTS; r++)
        if (rf->piece[r] >= 0 || x->rclosed[r][0]) m |= 1u << r;
    if (!intent_rule_mask_ok(m)) {
        json_decref(action);
        return NULL;
    }
    json_t *rule = json_object(), *trig;
    if (m & (1u << RULE_AT)) {
        trig = json_pack("{s:s,s:o}", "platform", "time", "at", rule_time_json(rf->secs[RULE_AT]));
    } else if (m & (1u << RULE_TO)) {
        trig = json_pack("{s:s,s:s,s:s}", "platform", "state", "entity", rf->entity, "to",
                         x->rclosed[RULE_TO]);
    } else if (m & ((1u << RULE_ABOVE) | (1u << RULE_BELOW))) {
        trig = json_pack("{s:s,s:s}", "platform", "numeric_state", "entity", rf->entity);
        json_object_set_new(trig, m & (1u << RULE_ABOVE) ? "above" : "below",
                            json_integer((json_int_t)rf->number));
    } else {
        long off = (m & (1u << RULE_OFFSET)) ? rf->secs[RULE_OFFSET] : 0;
        trig = json_pack("{s:s,s:s,s:I}", "platform", "sun", "event", x->rclosed[RULE_SUN],
                         "offset", (json_int_t)(rf->before ? -off : off));
    }
    json_object_set_new(rule, "trigger", trig);
    const char *days = x->rclosed[RULE_DAYS];
    if (days[0] && strcmp(days, "daily")) {
        static const char *const wk[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
        json_t *a = json_array();
        for (int d = 0; d < 7; d++)
            if ((!strcmp(days, "weekdays") && d < 5) || (!strcmp(days, "weekends") && d >= 5) ||
                !strcmp(days, wk[d]))
                json_array_append_new(a, json_string(wk[d]));
        json_object_set_new(rule, "weekdays", a);
    }
    if (m & (1u << RULE_AFTER))
        json_object_set_new(rule, "after", rule_time_json(rf->secs[RULE_AFTER]));
    if (m & (1u << RULE_BEFORE))
        json_object_set_new(rule, "before", rule_time_json(rf->secs[RULE_BEFORE]));
    if (m & (1u << RULE_FOR)) json_object_set_new(rule, "for", json_integer(rf->secs[RULE_FOR]));
    json_object_set_new(rule, "action", action);
    return rule;
}

/* Whether the house has a device of the domain and class an intent asks for by kind ("the
 * garage door": cover/garage); a window or door asked about may also be a contact sensor (the
 * resolver's kind_missing, which the evaluation's answers follow). */
static int house_has_class(const struct house *h, const char *intent, const char *domain,
                           const char *device_class)
{
    static const char *const contact[] = {"window", "door", "garage_door", "opening", NULL};
    for (int i = 0; i < h->n_entities; i++) {
        const struct h_entity *e = &h->ents[i];
        if (!strcmp(e->domain, domain) && !strcmp(e->device_class, device_class)) return 1;
        if (strcmp(intent, "HassGetState") || strcmp(domain, "cover") ||
            strcmp(e->domain, "binary_sensor"))
            continue;
        for (int k = 0; contact[k]; k++)
            if (!strcmp(e->device_class, contact[k])) return 1;
    }
    return 0;
}

/* Fills the pieces of an expansion from the house; writes text, target and expected, and for an
 * intent's template the negative kind (a kind of device the house lacks, or none). */
static int gen_fill(struct corpus_gen *g, const struct tmpl *t, const struct intent_combo *combo,
                    struct expansion *x, struct corpus_example *ex)
{
    struct house *h = &g->h;
    int en = g->c->join_space;
    const struct h_entity *ent = NULL;
    int area = -1, floor = -1;
    int has_name = 0, has_area = 0, has_floor = 0, name_arg_timer = 0;
    const char *name_arg = NULL;
    for (int i = 0; i < x->n; i++) {
        if (x->p[i].slot < 0) continue;
        const char *s = intent_slot_order[x->p[i].slot];
        if (!strcmp(s, "name")) has_name = 1, name_arg = x->p[i].word;
        if (!strcmp(s, "area")) has_area = 1;
        if (!strcmp(s, "floor")) has_floor = 1;
    }
    name_arg_timer = name_arg && !strcmp(name_arg, "timer");
    if (has_name && !name_arg_timer) {
        const char *const *doms = combo ? (const char *const *)combo->name_domains : NULL;
        int no_shop = t->def && (!strcmp(t->def->name, "HassListAddItem") ||
                                 !strcmp(t->def->name, "HassListCompleteItem"));
        ent = pick_entity(g, doms, name_arg, -1, -1, no_shop);
        if (!ent) return -1;
        if ((has_area || has_floor) && ent->area < 0) return -1;
        if (has_area) area = ent->area;
        if (has_floor) {
            floor = h->areas[ent->area].floor;
            if (floor < 0) return -1;
        }
    }
    if (has_area && area < 0) area = corpus_randn(&g->rng, h->n_areas);
    if (has_floor && floor < 0) {
        if (!h->n_floors) return -1;
        floor = corpus_randn(&g->rng, h->n_floors);
    }
    /* the speaker's own room: always known for context-area combinations, else sometimes */
    int ctx = -1;
    if ((combo && combo->context_area) || corpus_randn(&g->rng, 2))
        ctx = corpus_randn(&g->rng, h->n_areas);
    ex->context_area = ctx >= 0 ? h->areas[ctx].name : NULL;

    /* spans first (with their expected values), then case, then the line from the spans */
    json_t *vals[CORPUS_MAX_PIECES] = {0};
    char canon[CORPUS_MAX_PIECES][32]; /* closed slots said in words ({color}) */
    int negate[CORPUS_MAX_PIECES] = {0};
    int verbatim[CORPUS_MAX_PIECES] = {0}; /* expected value = the span as finally written */
    int rc = -1;
    struct rule_fill rf;
    memset(&rf, 0, sizeof rf);
    for (int r = 0; r < INTENT_RULE_SLOTS; r++)
        rf.piece[r] = -1;
    for (int i = 0; i < x->n; i++) {
        struct piece *p = &x->p[i];
        canon[i][0] = 0;
        if (p->slot < 0 && !p->sname) {
            snprintf(p->span, sizeof p->span, "%s", p->word);
            continue;
        }
        if (p->slot < 0 && intent_rule_slot_index(p->sname) >= 0) {
            if (rule_fill_piece(g, p, i, &rf)) goto out;
            continue;
        }
        if (p->slot < 0 && !strcmp(p->sname, "action")) goto out; /* a second {action} */
        if (p->slot < 0) {
            if (!strcmp(p->sname, "missing")) {
                /* a device name of the domain that this house does not have */
                const char *dom = p->word && *p->word ? p->word : "light";
                p->span[0] = 0;
                for (int tries = 0; tries < 30 && !p->span[0]; tries++) {
                    const struct wline *w = pick_any(g, dom);
                    const struct wline *person = pick_any(g, "persons");
                    if (!w) goto out;
                    if (strstr(w->name, "{area}")) continue;
                    expand_pattern(g, w->name, "", person ? person->name : "Alex", 4, p->span,
                                   sizeof p->span);
                    if (house_name_taken(h, p->span)) p->span[0] = 0;
                }
                if (!p->span[0]) goto out;
                if (en && corpus_randn(&g->rng, 2)) lower_ascii(p->span);
            } else {
                const struct h_entity *e = &h->ents[corpus_randn(&g->rng, h->n_entities)];
                snprintf(p->span, sizeof p->span, "%s", e->name);
                if (en) lower_ascii(p->span);
            }
            continue;
        }
        const char *s = intent_slot_order[p->slot];
        if (!strcmp(s, "name") && !name_arg_timer) {
            say_name(g, ent->name, ent->alias[0], ent->n_alias, sizeof ent->alias[0], p->span,
                     sizeof p->span);
            vals[i] = json_string(ent->name);
        } else if (!strcmp(s, "name")) {
            snprintf(p->span, sizeof p->span, "%s", pick_any(g, "timer_names")->name);
            synth_maybe(g, "synth_timer", 50, p->span, sizeof p->span);
            vals[i] = json_string(p->span);
            verbatim[i] = 1;
        } else if (!strcmp(s, "area")) {
            const struct h_area *a = &h->areas[area];
            say_name(g, a->name, a->alias[0], a->n_alias, sizeof a->alias[0], p->span,
                     sizeof p->span);
            vals[i] = json_string(a->name);
        } else if (!strcmp(s, "floor")) {
            const struct h_floor *f = &h->floors[floor];
            say_name(g, f->name, f->alias[0], f->n_alias, sizeof f->alias[0], p->span,
                     sizeof p->span);
            vals[i] = json_string(f->name);
        } else if (intent_slot_kind(s) == INTENT_SLOT_NUMBER) {
            double v;
            say_numeric(g, s, p->word, p->span, sizeof p->span, &v);
            vals[i] = json_integer((json_int_t)v);
            negate[i] = !strcmp(s, "volume_step") && v < 0;
        } else if (!strcmp(s, "color")) {
            /* a colour word; the canonical value is the line's @attr, else its first name */
            const struct wline *w = pick_any(g, "colors");
            snprintf(p->span, sizeof p->span, "%s",
                     w->n_alias && corpus_randn(&g->rng, 2)
                         ? w->alias[corpus_randn(&g->rng, w->n_alias)] : w->name);
            snprintf(canon[i], sizeof canon[i], "%s", w->attr ? w->attr : w->name);
            vals[i] = json_string(canon[i]);
        } else if (!strcmp(s, "item")) {
            /* {item:task}: a chore for a to-do list ("call the plumber") from [tasks];
               shopping goods stay the default, and tasks are not synthesized */
            int task = p->word && !strcmp(p->word, "task") && corpus_section(g->c, "tasks");
            snprintf(p->span, sizeof p->span, "%s", pick_any(g, task ? "tasks" : "items")->name);
            if (!task) synth_maybe(g, "synth_item", 50, p->span, sizeof p->span);
            vals[i] = json_string(p->span);
            verbatim[i] = 1;
        } else if (!strcmp(s, "search_query")) {
            char sec[64];
            snprintf(sec, sizeof sec, "queries%s%s", p->word ? "_" : "", p->word ? p->word : "");
            const struct wline *w = pick_any(g, corpus_section(g->c, sec) ? sec : "queries");
            snprintf(p->span, sizeof p->span, "%s", w->name);
            synth_maybe(g, "synth_query", 50, p->span, sizeof p->span);
            vals[i] = json_string(p->span);
            verbatim[i] = 1;
        } else if (!strcmp(s, "message")) {
            snprintf(p->span, sizeof p->span, "%s", pick_any(g, "messages")->name);
            synth_maybe(g, "synth_message", 50, p->span, sizeof p->span);
            vals[i] = json_string(p->span);
            verbatim[i] = 1;
        } else if (!strcmp(s, "conversation_command")) {
            const struct wline *w = pick_any(g, "commands");
            const struct h_entity *e = pick_entity(g, NULL, "light,switch,fan", -1, -1, 0);
            char nm[128];
            if (!w) goto out;
            snprintf(nm, sizeof nm, "%s", e ? e->name : "lamp");
            if (en) lower_ascii(nm);
            expand_pattern_dev(g, w->name, "", "", nm, 1, p->span, sizeof p->span);
            vals[i] = json_string(p->span);
            verbatim[i] = 1;
        } else {
            goto out;
        }
    }
    /* one light typo in a literal word of about one English utterance in eight */
    if (en && corpus_randn(&g->rng, 8) == 0) {
        int lit[CORPUS_MAX_PIECES], nl = 0;
        for (int i = 0; i < x->n; i++)
            if (x->p[i].slot < 0 && !x->p[i].sname) lit[nl++] = i;
        if (nl) typo(g, x->p[lit[corpus_randn(&g->rng, nl)]].span);
    }
    /* Chinese: one slip in a literal piece of about one utterance in eight (training only: the
     * held-out split and data/eval/generated stay as they were) */
    if (!en && !g->o.heldout && corpus_randn(&g->rng, 8) == 0) {
        int lit[CORPUS_MAX_PIECES], nl = 0;
        for (int i = 0; i < x->n; i++)
            if (x->p[i].slot < 0 && !x->p[i].sname && x->p[i].span[0]) lit[nl++] = i;
        if (nl) {
            struct piece *p = &x->p[lit[corpus_randn(&g->rng, nl)]];
            typo_zh(g, p->span, sizeof p->span);
        }
    }
    /* training only: a spoken lead-in ("hey hub,", "嗯") or a tail ("thanks", "，谢谢") around any
     * utterance, negatives included, so that neither marks a command */
    if (!g->o.heldout && x->n + 2 <= CORPUS_MAX_PIECES) {
        const struct wline *w;
        if (corpus_randn(&g->rng, 5) == 0 && (w = pick_line(g, "lead_fillers"))) {
            memmove(&x->p[1], &x->p[0], (size_t)x->n * sizeof x->p[0]);
            memmove(&vals[1], &vals[0], (size_t)x->n * sizeof vals[0]);
            memmove(&canon[1], &canon[0], (size_t)x->n * sizeof canon[0]);
            memmove(&negate[1], &negate[0], (size_t)x->n * sizeof negate[0]);
            memmove(&verbatim[1], &verbatim[0], (size_t)x->n * sizeof verbatim[0]);
            memset(&x->p[0], 0, sizeof x->p[0]);
            x->p[0].slot = -1;
            snprintf(x->p[0].span, sizeof x->p[0].span, "%s", w->name);
            vals[0] = NULL, canon[0][0] = 0, negate[0] = 0, verbatim[0] = 0;
            x->n++;
        }
        const char *last = x->n ? x->p[x->n - 1].span : "";
        size_t ll = strlen(last);
        int question = ll && (last[ll - 1] == '?' || (ll >= 3 && !strcmp(last + ll - 3, "？")));
        if (!question && corpus_randn(&g->rng, 7) == 0 && (w = pick_line(g, "tail_fillers"))) {
            struct piece *p = &x->p[x->n];
            memset(p, 0, sizeof *p);
            p->slot = -1;
            snprintf(p->span, sizeof p->span, "%s", w->name);
            vals[x->n] = NULL, canon[x->n][0] = 0, negate[x->n] = 0, verbatim[x->n] = 0;
            x->n++;
        }
    }
    /* case: all lower (as speech-to-text writes), a capital first letter, or as written */
    int cs = en ? corpus_randn(&g->rng, 4) : 3;
    for (int i = 0; i < x->n; i++) {
        if (cs == 0) lower_ascii(x->p[i].span);
        if (cs == 1 && i == 0) x->p[i].span[0] = (char)toupper((unsigned char)x->p[i].span[0]);
    }
    for (int i = 0; i < x->n; i++)
        if (verbatim[i]) {
            json_decref(vals[i]);
            vals[i] = json_string(x->p[i].span);
        }
    struct intent_line line = {0};
    json_t *slots = json_object();
    snprintf(line.intent, sizeof line.intent, "%s", t->def ? t->def->name : "");
    for (int b = 0; b < INTENT_SLOT_KINDS; b++) {
        if (!x->closed[b][0]) continue;
        intent_line_add(&line, intent_slot_order[b], x->closed[b]);
        json_object_set_new(slots, intent_slot_order[b], json_string(x->closed[b]));
    }
    for (int i = 0; i < x->n; i++) {
        if (x->p[i].slot < 0) continue;
        const char *s = intent_slot_order[x->p[i].slot];
        char v[INTENT_LINE_MAX];
        snprintf(v, sizeof v, "%s%.255s", negate[i] ? "-" : "", canon[i][0] ? canon[i] : x->p[i].span);
        if (intent_line_add(&line, s, v) != HUB_OK) {
            json_decref(slots);
            goto out;
        }
        json_object_set(slots, s, vals[i]);
    }
    /* a rule sentence: the rule slots after the action's (spans as finally written) */
    for (int r = 0; x->rule && r < INTENT_RULE_SLOTS; r++) {
        char v[INTENT_LINE_MAX];
        if (x->rclosed[r][0])
            snprintf(v, sizeof v, "%s", x->rclosed[r]);
        else if (rf.piece[r] >= 0) {
            const char *span = NULL;
            for (int i = 0; i < x->n && !span; i++)
                if (x->p[i].rule_slot == 1 + r) span = x->p[i].span;
            if (!span) continue;
            snprintf(v, sizeof v, "%s%.255s", r == RULE_OFFSET && rf.before ? "-" : "", span);
        } else
            continue;
        if (intent_line_add(&line, intent_rule_slot_order[r], v) != HUB_OK) {
            json_decref(slots);
            goto out;
        }
    }
    size_t o = 0;
    ex->text[0] = 0;
    for (int i = 0; i < x->n; i++) {
        const char *w = x->p[i].span;
        if (!*w) continue;
        int glue = !en;
        if (en && (w[0] == ',' || w[0] == '?' || w[0] == '.' || w[0] == '!' ||
                   !strncmp(w, "'s", 2)))
            glue = 1;
        /* Chinese glues words, but two Latin words still need their space */
        if (!en && o && isalnum((unsigned char)ex->text[o - 1]) && isalnum((unsigned char)w[0]))
            glue = 0;
        int n = snprintf(ex->text + o, sizeof ex->text - o, "%s%s", (!o || glue) ? "" : " ", w);
        if (n < 0 || (size_t)n >= sizeof ex->text - o) {
            json_decref(slots);
            goto out;
        }
        o += (size_t)n;
    }
    if (!o) {
        json_decref(slots);
        goto out;
    }
    /* "the kitchen lamp" in a house with a light named Kitchen Lamp means that light: an exact
     * entity name wins over area + kind (the resolver's rule too), so a kind-phrase example that
     * spells out an entity name of that kind would teach the opposite; drop it */
    int dom = intent_slot_index("domain");
    if (x->closed[dom][0] && !has_name) {
        for (int k = 0; k < h->n_entities; k++) {
            const struct h_entity *e = &h->ents[k];
            if (strcmp(e->domain, x->closed[dom])) continue;
            int hit = strcasestr(ex->text, e->name) != NULL;
            for (int a = 0; a < e->n_alias && !hit; a++) hit = strcasestr(ex->text, e->alias[a]) != NULL;
            if (hit) {
                json_decref(slots);
                goto out;
            }
        }
    }
    /* end punctuation, sometimes, unless the template ended with its own */
    int r = corpus_randn(&g->rng, 6);
    const char *last = ex->text + o - 1;
    int ends = *last == '?' || *last == '.' || *last == '!' || (o >= 3 && (unsigned char)last[0] >= 0x80);
    if (en ? (*last == '?' || *last == '.' || *last == '!') : 0) ends = 1;
    if (!en) ends = o >= 3 && (!strcmp(ex->text + o - 3, "？") || !strcmp(ex->text + o - 3, "。") ||
                               !strcmp(ex->text + o - 3, "！"));
    if (o + 4 < sizeof ex->text && r < 2 && !ends)
        strcat(ex->text, en ? (r == 0 ? "." : "!") : (r == 0 ? "。" : "！"));
    if (intent_line_format(&line, ex->target, sizeof ex->target) != HUB_OK) {
        json_decref(slots);
        goto out;
    }
    if (!t->def) {
        snprintf(ex->target, sizeof ex->target, "none");
        json_decref(slots);
        slots = json_object();
    }
    /* "open the garage door" in a house without one is a device the house lacks: the answer
     * is null (the resolver's kind_missing), the model's line stays what was said */
    int dc = intent_slot_index("device_class");
    int lacks = t->def && !has_name && x->closed[dc][0] &&
                !house_has_class(h, t->def->name, x->closed[dom], x->closed[dc]);
    if (lacks) {
        json_decref(slots);
        slots = json_object();
    }
    if (t->def) snprintf(ex->neg, sizeof ex->neg, "%s", lacks ? "unknown_device" : "");
    ex->expected = json_pack("{s:o,s:o}", "intent",
                             t->def && !lacks ? json_string(t->def->name) : json_null(), "slots",
                             slots);
    if (x->rule && ex->expected && !lacks) {
        json_t *rule = rule_json(x, &rf, ex->expected);
        ex->expected = rule ? json_pack("{s:s,s:o,s:o}", "intent", CORPUS_RULE_INTENT, "slots",
                                        json_object(), "rule", rule)
                            : NULL;
    }
    rc = ex->expected ? 0 : -1;
out:
    for (int i = 0; i < x->n; i++) json_decref(vals[i]);
    return rc;
}

/* Several combinations of an intent can have the same slots and differ only in the domains a
 * name may have (HassTurnOn: name_only for devices, name_scene and name_script;
 * HassGetState: name_only and name_where for people). A (template, slots) pair carries the first
 * of them, so a template of the others ("activate {name:scene}", "where is {name:person}") could
 * never fill, and neither split had a scene, a script or a person by name. Both splits try the
 * others. Returns the combination that filled, or NULL. */
static const struct intent_combo *fill_other_combo(struct corpus_gen *g, const struct tmpl *t,
                                                   const struct intent_combo *tried,
                                                   struct expansion *x,
                                                   struct corpus_example *ex)
{
    if (!tried || !t->def) return NULL;
    for (int k = 0; k < t->def->n_combos; k++) {
        const struct intent_combo *c = &t->def->combos[k];
        if (c != tried && c->mask == tried->mask && !gen_fill(g, t, c, x, ex)) return c;
    }
    return NULL;
}

/* The device intents a rule may act with (the rule contract's list), TurnOn and TurnOff twice
 * as often; an {action:A,B} argument narrows them. */
static const char *const rule_actions[] = {
    "HassTurnOn",
    "HassTurnOn",
    "HassTurnOff",
    "HassTurnOff",
    "HassLightSet",
    "HassSetPosition",
    "HassClimateSetTemperature",
    "HassFanSetSpeed",
    "HassMediaPause",
    "HassMediaUnpause",
    "HassSetVolume",
    "HassVacuumStart",
    "HassLawnMowerStartMowing",
    NULL,
};

/* Picks the action of a rule sentence: an intent, a combination, and one of the intent's plain
 * templates (not the indirect or question forms of the *.x* templates) that makes it. */
static int rule_pick_action(struct corpus_gen *g, const char *arg, int *pair)
{
    const char *names[32];
    int n = 0;
    for (int i = 0; rule_actions[i] && n < 32; i++) {
        if (arg && *arg) {
            char tmp[256];
            int hit = 0;
            snprintf(tmp, sizeof tmp, "%s", arg);
            for (char *save = NULL, *t = strtok_r(tmp, ",", &save); t;
                 t = strtok_r(NULL, ",", &save))
                hit |= !strcmp(t, rule_actions[i]);
            if (!hit) continue;
        }
        names[n++] = rule_actions[i];
    }
    if (!n) return -1;
    const char *want = names[corpus_randn(&g->rng, n)];
    uint32_t masks[64];
    int nm = 0;
    for (int i = 0; i < g->n_pairs; i++) {
        const struct tmpl *t = &g->c->tmpls[g->pairs[i].tmpl];
        if (strcmp(t->intent, want) || strstr(t->id, ".x")) continue;
        int dup = 0;
        for (int k = 0; k < nm; k++)
            dup |= masks[k] == g->pairs[i].mask;
        if (!dup && nm < 64) masks[nm++] = g->pairs[i].mask;
    }
    if (!nm) return -1;
    uint32_t mask = masks[corpus_randn(&g->rng, nm)];
    int cand[4096], nc = 0;
    for (int i = 0; i < g->n_pairs && nc < 4096; i++) {
        const struct tmpl *t = &g->c->tmpls[g->pairs[i].tmpl];
        if (!strcmp(t->intent, want) && !strstr(t->id, ".x") && g->pairs[i].mask == mask)
            cand[nc++] = i;
    }
    if (!nc) return -1;
    *pair = cand[corpus_randn(&g->rng, nc)];
    return 0;
}

/* One rule sentence: a rule template with an action template spliced in at {action}. */
static int gen_rule(struct corpus_gen *g, struct corpus_example *ex)
{
    const struct tmpl *rt = &g->c->tmpls[g->rule[corpus_randn(&g->rng, g->n_rule)]];
    struct expansion x, ax;
    int pair, ai = -1;
    memset(&x, 0, sizeof x);
    if (gen_node(g, rt->root, 0, &x)) return -1;
    for (int i = 0; i < x.n && ai < 0; i++)
        if (x.p[i].sname && !strcmp(x.p[i].sname, "action")) ai = i;
    if (ai < 0 || rule_pick_action(g, x.p[ai].word, &pair)) return -1;
    const struct tmpl *t = &g->c->tmpls[g->pairs[pair].tmpl];
    memset(&ax, 0, sizeof ax);
    if (gen_node(g, t->root, g->pairs[pair].mask, &ax) || x.n - 1 + ax.n > CORPUS_MAX_PIECES)
        return -1;
    memmove(&x.p[ai + ax.n], &x.p[ai + 1], (size_t)(x.n - ai - 1) * sizeof x.p[0]);
    memcpy(&x.p[ai], ax.p, (size_t)ax.n * sizeof x.p[0]);
    x.n += ax.n - 1;
    memcpy(x.closed, ax.closed, sizeof x.closed);
    x.rule = 1;
    memset(ex->text, 0, 1);
    if (gen_fill(g, t, g->pairs[pair].combo, &x, ex)) return -1;
    snprintf(ex->template_id, sizeof ex->template_id, "%s", rt->id);
    snprintf(ex->combo, sizeof ex->combo, "%s", g->pairs[pair].combo->name);
    ex->house_id = g->h.id;
    ex->house = g->house_json;
    return 0;
}

int corpus_gen_next(struct corpus_gen *g, struct corpus_example *ex, char *err, size_t errlen)
{
    ex->new_house = 0;
    if (g->left <= 0 || !g->house_json) {
        house_build(g);
        json_decref(g->house_json);
        g->house_json = house_json(g);
        g->left = g->o.per_house;
        ex->new_house = 1;
    }
    for (int tries = 0; tries < 400; tries++) {
        /* no draw at all without rules: the corpora made before them stay byte for byte */
        if (g->o.rule_share > 0 && g->n_rule && corpus_rand01(&g->rng) < g->o.rule_share) {
            if (gen_rule(g, ex) == 0) {
                g->left--;
                return HUB_OK;
            }
            continue;
        }
        int neg = g->n_neg && corpus_rand01(&g->rng) < g->o.none_share;
        const struct tmpl *t;
        uint32_t mask = 0;
        const struct intent_combo *combo = NULL;
        if (neg) {
            t = &g->c->tmpls[g->neg[corpus_randn(&g->rng, g->n_neg)]];
        } else {
            /* intents evenly (training: by weight), then a (template, combination) pair */
            const struct intent_def *d;
            if (g->iw) {
                double r = corpus_rand01(&g->rng) * g->iw_sum;
                int k = 0;
                while (k < g->c->schema->n_intents - 1 && r >= g->iw[k])
                    r -= g->iw[k++];
                d = &g->c->schema->intents[k];
            } else {
                d = &g->c->schema->intents[corpus_randn(&g->rng, g->c->schema->n_intents)];
            }
            int idx[4096], n = 0;
            for (int i = 0; i < g->n_pairs && n < 4096; i++)
                if (g->c->tmpls[g->pairs[i].tmpl].def == d) idx[n++] = i;
            if (!n) continue;
            /* combinations evenly within the intent: pick a combination first */
            uint32_t masks[64];
            double mw[64];
            int nm = 0;
            for (int i = 0; i < n; i++) {
                int dup = 0;
                for (int k = 0; k < nm; k++) dup |= masks[k] == g->pairs[idx[i]].mask;
                if (!dup && nm < 64) {
                    mw[nm] = g->pairs[idx[i]].cw;
                    masks[nm++] = g->pairs[idx[i]].mask;
                }
            }
            mask = masks[g->weighted ? pick_weighted(&g->rng, mw, nm) : corpus_randn(&g->rng, nm)];
            int cand[4096], nc = 0;
            double cw[4096];
            for (int i = 0; i < n; i++)
                if (g->pairs[idx[i]].mask == mask) {
                    cw[nc] = g->pairs[idx[i]].tw;
                    cand[nc++] = idx[i];
                }
            int pi = cand[g->weighted ? pick_weighted(&g->rng, cw, nc) : corpus_randn(&g->rng, nc)];
            t = &g->c->tmpls[g->pairs[pi].tmpl];
            combo = g->pairs[pi].combo;
        }
        struct expansion x;
        memset(&x, 0, sizeof x);
        if (gen_node(g, t->root, mask, &x)) continue;
        memset(ex->text, 0, 1);
        if (gen_fill(g, t, combo, &x, ex) && !(combo = fill_other_combo(g, t, combo, &x, ex)))
            continue;
        snprintf(ex->template_id, sizeof ex->template_id, "%s", t->id);
        snprintf(ex->combo, sizeof ex->combo, "%s", combo ? combo->name : "none");
        if (!t->def) snprintf(ex->neg, sizeof ex->neg, "%s", t->neg);
        ex->house_id = g->h.id;
        ex->house = g->house_json;
        g->left--;
        return HUB_OK;
    }
    corpus_err(err, errlen, "%s: no template could be filled in house %s after 400 tries",
               g->c->lang, g->h.id);
    return HUB_ERR_NOT_FOUND;
}
