/*
 * test-decode.c: the constrained decoder (engine/decode.c).
 *  1. Byte automaton: every gold intent line of the held-out generated evaluation set (3000
 *     lines, en + zh-CN) is accepted for its utterance and fixture; wrong lines (unknown intent,
 *     slot order, a span the utterance lacks, closed words off their list, spaces at a value's
 *     ends, numbers that are not numbers, slot sets that are no combination, spans cut inside a
 *     word) are refused.
 *  2. Token mask: with a real GGUF vocabulary (the reference deepseek2 model), the trie walk's
 *     allowed set equals a brute-force check of every token, at every step of random walks over
 *     hand-written utterances; every walk ends in a line that parses and validates, with spans
 *     from the utterance (whole words) or the registry.
 *  3. Greedy decoding with the real reference model (intent_decode_line) on the same inputs:
 *     valid lines, and the per-step mask time is printed.
 */
#define _GNU_SOURCE /* strcasestr */
#include <ctype.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/decode.h"
#include "engine/gguf.h"
#include "engine/intent.h"
#include "engine/intent_line.h"
#include "engine/resolve.h"
#include "engine/tokenizer.h"
#include "engine/zh_words.h"

/* a grammar bug fails every walk and every utterance; the first 40 say enough */
#define HUB_CHECK_PRINT_MAX 40
#include "tests/hub-check.h"

static const char *srcdir;
static struct intent_schema *schema;
static struct decode_grammar *grammar;

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rng(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static const struct decode_words *const *reg_names(const struct resolve_registry *r,
                                                   const struct decode_words *names[3])
{
    for (int i = 0; i < 3; i++) names[i] = r ? resolve_registry_words(r, i) : NULL;
    return names;
}

/* Does the automaton accept the whole line (then a newline)? */
static int accepts_mode(const char *utt, const struct resolve_registry *r, const char *line,
                        bool exact)
{
    struct decode_state st;
    const struct decode_words *names[3];
    reg_names(r, names);
    if (decode_state_init(&st, grammar, utt, names)) return 0;
    st.exact_case = exact;
    int ok = decode_feed(&st, line, strlen(line)) && decode_can_end(&st) &&
             decode_feed(&st, "\n", 1) && decode_done(&st);
    decode_state_free(&st);
    return ok;
}

static int accepts(const char *utt, const struct resolve_registry *r, const char *line)
{
    return accepts_mode(utt, r, line, false);
}

/* ---- 1. the byte automaton ---- */

static void gold_lines(const char *lang)
{
    char path[1100], dir[1024], err[256], cur[1024] = "";
    snprintf(dir, sizeof dir, "%s/data/eval/generated", srcdir);
    snprintf(path, sizeof path, "%s/%s.jsonl", dir, lang);
    FILE *f = fopen(path, "r");
    CHECK(f, "cannot open %s", path);
    if (!f) return;
    char *line = NULL;
    size_t cap = 0;
    long n = 0, ok = 0;
    struct resolve_registry *r = NULL;
    while (getline(&line, &cap, f) > 0) {
        json_t *j = json_loads(line, 0, NULL);
        const char *fx = json_string_value(json_object_get(j, "fixture"));
        const char *text = json_string_value(json_object_get(j, "text"));
        const char *target = json_string_value(json_object_get(j, "target"));
        if (fx && strcmp(fx, cur)) {
            char fp[2048];
            resolve_registry_free(r);
            snprintf(fp, sizeof fp, "%s/%s", dir, fx);
            r = resolve_registry_load(fp, err, sizeof err);
            CHECK(r, "%s", err);
            snprintf(cur, sizeof cur, "%s", fx);
        }
        if (text && target) {
            n++;
            /* as intent.c decodes: spans in the speaker's case */
            if (accepts_mode(text, r, target, true)) ok++;
            else CHECK(0, "%s: gold line '%s' refused for '%s'", lang, target, text);
        }
        json_decref(j);
    }
    free(line);
    fclose(f);
    resolve_registry_free(r);
    printf("gold lines accepted by the automaton, %s: %ld / %ld\n", lang, ok, n);
    CHECK(n >= 1000 && ok == n, "%s: %ld of %ld", lang, ok, n);
}

/* Copied spans start and end on the utterance's word boundaries (an undertrained model cut
 * "shopping l|ist" into item "ist"); numbers and CJK characters keep their own boundaries. */
static void word_boundary_cases(void)
{
    const char *u = "we are out of toothpaste, add that to the shopping list!";
    CHECK(accepts(u, NULL, "HassShoppingListAddItem|item=toothpaste"), "whole word");
    CHECK(accepts_mode(u, NULL, "HassShoppingListAddItem|item=toothpaste", true), "exact case");
    CHECK(accepts(u, NULL, "HassShoppingListAddItem|item=shopping list"), "two words");
    CHECK(!accepts(u, NULL, "HassShoppingListAddItem|item=ist"), "starts inside a word");
    CHECK(!accepts(u, NULL, "HassShoppingListAddItem|item=tooth"), "ends inside a word");
    CHECK(!accepts(u, NULL, "HassShoppingListAddItem|item=toothpaste,"), "ends on punctuation");
    CHECK(!accepts(u, NULL, "HassShoppingListAddItem|item=, add"), "starts on punctuation");
    /* "list!" ends the utterance: the '!' leads nowhere, so the automaton refuses it at once
     * rather than enter a value it can never end */
    struct decode_state st;
    CHECK(!decode_state_init(&st, grammar, u, NULL), "init");
    CHECK(decode_feed(&st, "HassShoppingListAddItem|item=shopping list", 42), "prefix");
    CHECK(!decode_feed(&st, "!", 1), "dead-end punctuation taken");
    decode_state_free(&st);
    CHECK(!accepts("add vacuum the stairs to my chores list", NULL,
                   "HassListAddItem|name=chores|item=va"),
          "item cut inside a word");
    CHECK(accepts("add vacuum the stairs to my chores list", NULL,
                  "HassListAddItem|name=chores|item=vacuum the stairs"),
          "item of three words");
    CHECK(!accepts("put fire tv on mute", NULL, "HassMediaSearchAndPlay|search_query=fir"),
          "search query cut");
    CHECK(!accepts("play something relaxing", NULL,
                   "HassMediaSearchAndPlay|search_query=something re"),
          "second word cut");
    CHECK(accepts("play something relaxing", NULL,
                  "HassMediaSearchAndPlay|search_query=something relaxing"),
          "whole query");
    /* a value whose first occurrence is inside a word or a longer word: a later one counts */
    CHECK(accepts("the islamp and the lamps and the lamp", NULL, "HassTurnOn|name=lamp"),
          "later whole-word occurrence");
    CHECK(!accepts("the islamp and the lamps", NULL, "HassTurnOn|name=lamp"),
          "no whole-word occurrence");
    /* an apostrophe between letters is part of the word */
    const char *k = "turn on the light in the kid's room";
    CHECK(accepts(k, NULL, "HassTurnOn|area=kid's room|domain=light"), "apostrophe word");
    CHECK(!accepts(k, NULL, "HassTurnOn|area=kid|domain=light"), "cut at the apostrophe");
    CHECK(!accepts(k, NULL, "HassTurnOn|area=s room|domain=light"), "after the apostrophe");
    /* Chinese: every character boundary is a word boundary; Latin inside CJK keeps its words */
    const char *z = "把客厅的灯调到百分之五十";
    CHECK(accepts(z, NULL, "HassLightSet|area=厅|domain=light|brightness=百分之五十"),
          "one CJK character");
    const char *m = "把Sonos音箱的音量调到40%";
    CHECK(accepts(m, NULL, "HassSetVolume|name=Sonos音箱|volume_level=40%"), "mixed span");
    CHECK(accepts(m, NULL, "HassSetVolume|name=Sonos|volume_level=40"), "Latin word in CJK");
    CHECK(accepts(m, NULL, "HassSetVolume|name=音箱|volume_level=40%"), "CJK after Latin");
    CHECK(!accepts(m, NULL, "HassSetVolume|name=Son|volume_level=40%"), "Latin cut in CJK");
    CHECK(!accepts(m, NULL, "HassSetVolume|name=onos音箱|volume_level=40%"), "Latin cut start");
    /* numbers follow numbers.c's spans */
    CHECK(accepts("set the heat to 22.5 degrees", NULL, "HassClimateSetTemperature|temperature=22.5"),
          "decimal number");
    CHECK(accepts("set the volume to 40%", NULL, "HassSetVolume|volume_level=40%"), "percent");
    /* Latin letters beyond ASCII belong to words */
    CHECK(!accepts("play café music", NULL, "HassMediaSearchAndPlay|search_query=caf"),
          "cut before an accented letter");
    CHECK(accepts("play café music", NULL, "HassMediaSearchAndPlay|search_query=café music"),
          "accented word");
}

/* Chinese free text keeps to the words of a dictionary (engine/zh_words.c): an item or a
 * timer's name is never half of 垃圾袋; device names, areas and floors keep to characters; a bad
 * dictionary is refused with its reason. */
static void zh_word_cases(void)
{
    char dir[] = "/tmp/test-decode-XXXXXX", path[64], err[256];
    CHECK(mkdtemp(dir), "mkdtemp");
    snprintf(path, sizeof path, "%s/dict.txt", dir);
    FILE *f = fopen(path, "w");
    CHECK(f, "cannot write %s", path);
    if (!f) return;
    fputs("垃圾 1165 n\n垃圾袋 6 n\n袋 100 n\n没了 50 v\n购物 500 v\n清单 300 n\n"
          "购物清单 20\nAT&T 3 nz\nbad-line\n没有频率 x\n零 0 m\n加到 3 v\n"
          "一二三四五六七八九 5 m\n垃圾 1165 n\n听相声 3 i\n相声 191 n\n听 45776 v\n"
          "的 60000000 uj\n",
          f);
    fclose(f);
    struct zh_words *zw = zh_words_load(path, err, sizeof err);
    CHECK(zw, "load: %s", err);
    if (!zw) return;
    /* Latin words, lines without a frequency, frequency 0 and words over 8 characters are
     * skipped; a word listed twice counts once */
    CHECK(zh_words_count(zw) == 12, "%d words", zh_words_count(zw));
    uint8_t start[64];
    const char *t = "垃圾袋没了";
    CHECK(!zh_words_cut(zw, t, (int)strlen(t), start), "cut");
    CHECK(start[0] && start[9] && !start[3] && !start[6] && !start[12], "垃圾袋|没了");
    t = "购物清单";
    CHECK(!zh_words_cut(zw, t, (int)strlen(t), start) && start[0] && !start[6],
          "购物清单 is one word");
    t = "我听相声";
    CHECK(!zh_words_cut(zw, t, (int)strlen(t), start) && start[3] && start[6] && !start[9],
          "听|相声: a verb's object is a word of its own");

    decode_grammar_set_zh_words(grammar, zw);
    const char *u = "垃圾袋没了，加到购物清单里";
    CHECK(accepts(u, NULL, "HassShoppingListAddItem|item=垃圾袋"), "whole word");
    CHECK(accepts(u, NULL, "HassShoppingListAddItem|item=垃圾袋没了"), "two words");
    CHECK(!accepts(u, NULL, "HassShoppingListAddItem|item=圾袋"), "starts inside a word");
    CHECK(!accepts(u, NULL, "HassShoppingListAddItem|item=垃圾"), "ends inside a word");
    CHECK(!accepts(u, NULL, "HassShoppingListAddItem|item=购物"), "half of 购物清单");
    CHECK(accepts(u, NULL, "HassShoppingListAddItem|item=里"), "a character of no word");
    CHECK(accepts(u, NULL, "HassListAddItem|name=物清|item=垃圾袋"),
          "a name keeps to characters");
    CHECK(!accepts("给垃圾袋设个十分钟的计时器", NULL, "HassStartTimer|name=圾袋|minutes=十分钟"),
          "a timer's name is free text: whole words");
    CHECK(accepts("给垃圾袋设个十分钟的计时器", NULL, "HassStartTimer|name=垃圾袋|minutes=十分钟"),
          "a timer's name of whole words");
    CHECK(accepts("我想听相声", NULL, "HassMediaSearchAndPlay|search_query=相声"),
          "the object of 听相声");
    CHECK(!accepts("我想听相声", NULL, "HassMediaSearchAndPlay|search_query=听相"),
          "half of 相声");
    decode_grammar_set_zh_words(grammar, NULL);
    CHECK(accepts(u, NULL, "HassShoppingListAddItem|item=圾袋"), "without words: characters");
    zh_words_free(zw);

    /* refusals say why */
    CHECK(!zh_words_load("/nonexistent/dict.txt", err, sizeof err) && strstr(err, "/nonexistent"),
          "missing file: %s", err);
    f = fopen(path, "w");
    fputs("AT&T 3 nz\nhello 5\n", f);
    fclose(f);
    CHECK(!zh_words_load(path, err, sizeof err) && strstr(err, "no Chinese word"),
          "no Chinese word: %s", err);
    f = fopen(path, "w");
    fwrite("垃圾 5\n\0\x01 3\n", 1, 14, f);
    fclose(f);
    CHECK(!zh_words_load(path, err, sizeof err) && strstr(err, "not a text file"),
          "binary: %s", err);
    remove(path);
    rmdir(dir);
}

static void automaton_cases(void)
{
    const char *u = "Dim the Kitchen Lamp to forty percent please";
    {
        struct decode_state ex;
        CHECK(!decode_state_init(&ex, grammar, u, NULL), "init");
        ex.exact_case = true;
        CHECK(decode_feed(&ex, "HassTurnOn|name=Kitchen Lamp", 28) && decode_can_end(&ex),
              "exact case span");
        decode_state_free(&ex);
        CHECK(!decode_state_init(&ex, grammar, u, NULL), "init");
        ex.exact_case = true;
        CHECK(!decode_feed(&ex, "HassTurnOn|name=kitchen lamp", 28), "exact case refuses folded");
        decode_state_free(&ex);
    }
    CHECK(accepts(u, NULL, "HassLightSet|name=kitchen lamp|brightness=forty percent"), "case");
    CHECK(accepts(u, NULL, "HassLightSet|name=Kitchen Lamp|brightness=forty"), "exact case");
    CHECK(accepts(u, NULL, "none"), "none");
    CHECK(!accepts(u, NULL, "None"), "None");
    CHECK(!accepts(u, NULL, "HassLightSet"), "HassLightSet needs slots");
    CHECK(!accepts(u, NULL, "HassLightSetX|name=lamp"), "unknown intent");
    CHECK(!accepts(u, NULL, "HassLightSet|brightness=forty|name=lamp"), "slot order");
    CHECK(!accepts(u, NULL, "HassLightSet|name=bedroom lamp|brightness=forty"), "span not said");
    CHECK(!accepts(u, NULL, "HassLightSet|name=lamp|brightness=kitchen"), "not a number");
    CHECK(!accepts(u, NULL, "HassLightSet|name=lamp |brightness=forty"), "trailing space");
    CHECK(!accepts(u, NULL, "HassLightSet|name= lamp|brightness=forty"), "leading space");
    CHECK(!accepts(u, NULL, "HassLightSet|name=|brightness=forty"), "empty value");
    CHECK(!accepts(u, NULL, "HassLightSet|name=lamp|name=lamp"), "repeated slot");
    CHECK(!accepts(u, NULL, "HassLightSet|nam=lamp"), "unknown slot");
    CHECK(!accepts(u, NULL, "HassLightSet|name=lamp|color=mauve"), "closed word");
    CHECK(accepts(u, NULL, "HassTurnOn|domain=light"), "domain only");
    CHECK(!accepts(u, NULL, "HassTurnOn|domain=lights"), "closed word exact");
    CHECK(!accepts(u, NULL, "HassTurnOn|domain=light|name=lamp"), "order");
    CHECK(!accepts(u, NULL, "HassNevermind|name=lamp"), "slot the intent lacks");
    const char *v = "turn it down by 10";
    CHECK(accepts(v, NULL, "HassSetVolumeRelative|volume_step=-10"), "negative step");
    CHECK(accepts(v, NULL, "HassSetVolumeRelative|volume_step=down"), "step word");
    CHECK(!accepts(v, NULL, "HassSetVolumeRelative|volume_step=--10"), "double sign");
    CHECK(!accepts(v, NULL, "HassSetVolumeRelative|volume_step=-down"), "signed word");
    const char *z = "把客厅的灯调到百分之五十";
    CHECK(accepts(z, NULL, "HassLightSet|area=客厅|domain=light|brightness=百分之五十"), "zh");
    CHECK(!accepts(z, NULL, "HassLightSet|area=卧室|domain=light|brightness=百分之五十"),
          "zh span not said");
    word_boundary_cases();
    zh_word_cases();
    /* registry names are allowed even when not said verbatim */
    json_t *fx = json_loads("{\"entities\":[{\"name\":\"Desk Lamp\",\"domain\":\"light\"}],"
                            "\"areas\":[{\"name\":\"Study\"}]}",
                            0, NULL);
    char err[128];
    struct resolve_registry *r = resolve_registry_new(fx, err, sizeof err);
    json_decref(fx);
    CHECK(r, "%s", err);
    CHECK(accepts("lamp on please", r, "HassTurnOn|name=desk lamp"), "registry name");
    CHECK(accepts("lamp on please", r, "HassTurnOn|area=study|domain=light"), "registry area");
    CHECK(!accepts("lamp on please", r, "HassTurnOn|name=desk"), "registry prefix");
    resolve_registry_free(r);
    /* too long an utterance is refused up front */
    char *big = malloc(5000);
    memset(big, 'a', 4999);
    big[4999] = 0;
    struct decode_state st;
    CHECK(decode_state_init(&st, grammar, big, NULL) != 0, "long utterance");
    free(big);
}

/* ---- 2. token masks against brute force, random walks ---- */

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* Is v said in utt (ASCII case folded) where it neither starts nor ends inside a run of ASCII
 * letters and digits? (The automaton's rule, with apostrophes and non-ASCII left out.) */
static int said_as_words(const char *utt, const char *v)
{
    size_t n = strlen(v);
    for (const char *p = utt; n && (p = strcasestr(p, v)); p++) {
        unsigned char before = p > utt ? (unsigned char)p[-1] : ' ', after = (unsigned char)p[n];
        if (!(isalnum(before) && isalnum((unsigned char)v[0])) &&
            !(isalnum(after) && isalnum((unsigned char)v[n - 1])))
            return 1;
    }
    return 0;
}

static int value_ok(const char *utt, const struct resolve_registry *r, const char *slot,
                    const char *v)
{
    enum intent_slot_kind k = intent_slot_kind(slot);
    if (k == INTENT_SLOT_CLOSED) return 1;
    if (!strcmp(slot, "volume_step") && (!strcmp(v, "up") || !strcmp(v, "down"))) return 1;
    if (v[0] == '-' && (!strcmp(slot, "volume_step") || !strcmp(slot, "offset"))) v++;
    if (k == INTENT_SLOT_NUMBER ? strcasestr(utt, v) != NULL : said_as_words(utt, v)) return 1;
    int w = !strcmp(slot, "name") || !strcmp(slot, "when") ? 0
            : !strcmp(slot, "area")                        ? 1
            : !strcmp(slot, "floor")                       ? 2
                                                           : -1;
    if (w >= 0 && r) {
        const struct decode_words *dw = resolve_registry_words(r, w);
        for (int i = 0; i < dw->n; i++)
            if (!strcasecmp(dw->s[i], v)) return 1;
    }
    return 0;
}

static void check_line(const char *utt, const struct resolve_registry *r, const char *line,
                       const char *how)
{
    struct intent_line l;
    char err[256];
    int ok = !intent_line_parse(line, &l, err, sizeof err) &&
             !intent_line_validate(schema, &l, err, sizeof err);
    CHECK(ok, "%s line '%s' for '%s': %s", how, line, utt, err);
    if (!ok) return;
    for (int i = 0; i < l.n_slots; i++)
        CHECK(value_ok(utt, r, l.slots[i].name, l.slots[i].value),
              "%s line '%s': %s='%s' is neither in '%s' nor a registry name", how, line,
              l.slots[i].name, l.slots[i].value, utt);
    if (r) {
        json_t *a = resolve_line(r, schema, &l, utt, NULL);
        CHECK(a && json_is_object(a), "resolve_line failed on '%s'", line);
        json_decref(a);
    }
}

static void random_walks(const struct tok_vocab *v, const struct decode_vocab *dv,
                         const struct resolve_registry *r, const char *const *utts, int n_utts)
{
    int32_t nv = tok_n_vocab(v);
    int32_t *ids = malloc((size_t)nv * sizeof *ids), *brute = malloc((size_t)nv * sizeof *ids);
    char piece[512];
    long steps = 0, compared = 0, nonnone = 0;
    double mask_us = 0;
    const struct decode_words *names[3];
    reg_names(r, names);
    for (int u = 0; u < n_utts; u++)
        for (int walk = 0; walk < 3; walk++) {
            struct decode_state st;
            if (decode_state_init(&st, grammar, utts[u], names)) continue;
            st.exact_case = walk == 1; /* both span modes */
            int ended = 0;
            for (int step = 0; step < 400; step++) {
                double t0 = now_us();
                int n = decode_allowed(dv, &st, ids);
                mask_us += now_us() - t0;
                steps++;
                if ((step % 3) == 0 || n < 50) { /* brute force on a share of the steps */
                    int nb = 0;
                    for (int32_t t = 0; t < nv; t++) {
                        int t_type = tok_type(v, t);
                        if (t_type == TOK_TYPE_CONTROL || t_type == TOK_TYPE_UNKNOWN ||
                            t_type == TOK_TYPE_UNUSED)
                            continue;
                        int len = tok_piece(v, t, false, piece, sizeof piece);
                        if (len <= 0 || len > (int)sizeof piece) continue;
                        struct decode_state tmp = st;
                        if (decode_feed(&tmp, piece, (size_t)len)) brute[nb++] = t;
                    }
                    qsort(ids, (size_t)n, sizeof *ids, cmp_i32);
                    CHECK(n == nb && !memcmp(ids, brute, (size_t)n * sizeof *ids),
                          "mask differs from brute force at '%s' after '%s': %d vs %d", utts[u],
                          st.line, n, nb);
                    compared++;
                }
                int can_end = decode_can_end(&st);
                CHECK(n > 0 || can_end, "dead end after '%s' for '%s'", st.line, utts[u]);
                if (!n && !can_end) break;
                /* end with some probability when allowed, else a random allowed token */
                if (can_end && (n == 0 || rng() % 3 == 0)) {
                    ended = 1;
                    break;
                }
                int32_t t = ids[rng() % (uint64_t)n];
                CHECK(decode_accept(dv, &st, t), "allowed token %d refused", t);
                if (decode_done(&st)) {
                    ended = 1;
                    break;
                }
            }
            CHECK(ended, "walk did not end for '%s': '%s'", utts[u], st.line);
            if (ended) {
                if (st.line_len && st.line[st.line_len - 1] == '\n') st.line[--st.line_len] = 0;
                check_line(utts[u], r, st.line, "random");
                if (strcmp(st.line, "none")) nonnone++;
            }
            decode_state_free(&st);
        }
    printf("random walks: %ld steps, %ld masks compared with brute force, %ld lines not none, "
           "mean mask %.1f us (vocabulary %d tokens, trie %d nodes)\n",
           steps, compared, nonnone, mask_us / (double)(steps ? steps : 1), nv,
           decode_vocab_n_nodes(dv));
    CHECK(compared > 100 && nonnone > n_utts, "too few walks exercised");
    free(ids);
    free(brute);
}

/* ---- 3. greedy decoding with the real model ---- */

/* Two threads, each with its own context over one shared engine, must answer as one thread. */
struct par_job {
    struct intent_engine *e;
    const struct resolve_registry *r;
    const char *const *utts;
    int n;
    char **lines;
    int rc;
};

static void *par_run(void *arg)
{
    struct par_job *j = arg;
    char err[256], line[INTENT_LINE_MAX];
    struct intent_ctx *c = intent_ctx_new(j->e, 1, err, sizeof err);
    if (!c) {
        j->rc = 1;
        return NULL;
    }
    for (int u = 0; u < j->n; u++) {
        if (intent_decode_line(c, j->r, j->utts[u], line, sizeof line, NULL, err, sizeof err))
            j->rc = 1;
        j->lines[u] = strdup(line);
    }
    intent_ctx_free(c);
    return NULL;
}

static void threads_agree(struct intent_engine *e, const struct resolve_registry *r,
                          const char *const *utts, int n)
{
    struct par_job jobs[3];
    pthread_t th[2];
    for (int i = 0; i < 3; i++) {
        jobs[i] = (struct par_job){e, r, utts, n, calloc((size_t)n, sizeof(char *)), 0};
    }
    par_run(&jobs[0]); /* sequential reference */
    for (int i = 0; i < 2; i++) CHECK(!pthread_create(&th[i], NULL, par_run, &jobs[i + 1]), "thread");
    for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
    int same = 0;
    for (int u = 0; u < n; u++)
        for (int i = 1; i < 3; i++)
            same += jobs[i].lines[u] && jobs[0].lines[u] && !strcmp(jobs[i].lines[u], jobs[0].lines[u]);
    CHECK(same == 2 * n && !jobs[0].rc && !jobs[1].rc && !jobs[2].rc,
          "threads over one engine disagree: %d of %d lines equal", same, 2 * n);
    for (int i = 0; i < 3; i++) {
        for (int u = 0; u < n; u++) free(jobs[i].lines[u]);
        free(jobs[i].lines);
    }
}

static void greedy(const char *model, const struct resolve_registry *r, const char *const *utts,
                   int n_utts)
{
    char err[512], line[INTENT_LINE_MAX], schema_path[1100];
    snprintf(schema_path, sizeof schema_path, "%s/data/schema.json", srcdir);
    struct intent_engine *e = intent_engine_load(model, schema_path, err, sizeof err);
    CHECK(e, "%s", err);
    if (!e) return;
    struct intent_ctx *c = intent_ctx_new(e, 1, err, sizeof err);
    CHECK(c, "%s", err);
    double t0 = now_us();
    long toks = 0;
    for (int u = 0; c && u < n_utts; u++) {
        int nt = 0;
        int rc = intent_decode_line(c, r, utts[u], line, sizeof line, &nt, err, sizeof err);
        CHECK(rc == 0, "decode '%s': %s", utts[u], err);
        toks += nt;
        if (!rc) check_line(utts[u], r, line, "greedy");
        json_t *a = intent_parse(c, r, utts[u], "en", NULL, err, sizeof err);
        CHECK(a && json_is_object(a) && json_object_get(a, "slots"), "intent_parse '%s'",
              utts[u]);
        json_decref(a);
    }
    printf("greedy with %s: %d utterances, %.2f ms each (%ld tokens evaluated)\n", model, n_utts,
           (now_us() - t0) / 1e3 / n_utts / 2, toks);
    threads_agree(e, r, utts, n_utts);
    /* a missing model file is an error with its name */
    CHECK(!intent_engine_load("/nonexistent.gguf", schema_path, err, sizeof err) &&
              strstr(err, "/nonexistent.gguf"),
          "missing model: %s", err);
    intent_ctx_free(c);
    intent_engine_free(e);
}

static int load_utts(const char *path, char ***out)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    int n = 0;
    *out = NULL;
    if (!f) return 0;
    *out = calloc(400, sizeof **out);
    while (n < 400 && getline(&line, &cap, f) > 0) {
        json_t *j = json_loads(line, 0, NULL);
        const char *t = json_string_value(json_object_get(j, "text"));
        if (t && (rng() % 8) == 0) (*out)[n++] = strdup(t);
        json_decref(j);
    }
    free(line);
    fclose(f);
    return n;
}

int main(void)
{
    char path[1100], err[512];
    const char *seed = getenv("HUB_DECODE_SEED"); /* replays another set of walks */
    if (seed) rng_state = strtoull(seed, NULL, 0);
    printf("seed %llu (HUB_DECODE_SEED replays)\n", (unsigned long long)rng_state);
    srcdir = getenv("top_srcdir");
    if (!srcdir) srcdir = ".";
    const char *refdir = hub_test_refdir();
    snprintf(path, sizeof path, "%s/data/schema.json", srcdir);
    if (intent_schema_load(path, &schema, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    grammar = decode_grammar_new(schema, err, sizeof err);
    if (!grammar) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    automaton_cases();
    gold_lines("en");
    gold_lines("zh-CN");
    /* with the dictionary the hub uses, the Chinese free text of the gold lines is still whole
     * words: the word boundaries refuse no right answer */
    const char *zp = zh_words_default_path();
    struct zh_words *zw = *zp ? zh_words_load(zp, err, sizeof err) : NULL;
    if (zw) {
        decode_grammar_set_zh_words(grammar, zw);
        printf("with the Chinese words of %s (%d):\n", zp, zh_words_count(zw));
        gold_lines("zh-CN");
        decode_grammar_set_zh_words(grammar, NULL);
        zh_words_free(zw);
    } else {
        printf("no Chinese dictionary (%s): gold lines not checked against its words\n",
               *zp ? err : "built without one");
    }

    char model[1100];
    snprintf(model, sizeof model, "%s/models/ds2-lite-q8_0.gguf", refdir);
    struct gguf_file *gf = gguf_open(model, err, sizeof err);
    if (!gf) {
        fprintf(stderr, "reference model: %s\n", err);
        return 1;
    }
    struct tok_vocab *v = tok_load(gf, err, sizeof err);
    struct decode_vocab *dv = v ? decode_vocab_new(v, err, sizeof err) : NULL;
    if (!dv) {
        fprintf(stderr, "%s: %s\n", model, err);
        return 1;
    }
    snprintf(path, sizeof path, "%s/data/eval/hand/fixtures/en-house.json", srcdir);
    struct resolve_registry *r_en = resolve_registry_load(path, err, sizeof err);
    snprintf(path, sizeof path, "%s/data/eval/hand/fixtures/zh-house.json", srcdir);
    struct resolve_registry *r_zh = resolve_registry_load(path, err, sizeof err);
    CHECK(r_en && r_zh, "%s", err);
    char **en = NULL, **zh = NULL;
    snprintf(path, sizeof path, "%s/data/eval/hand/en.jsonl", srcdir);
    int n_en = load_utts(path, &en);
    snprintf(path, sizeof path, "%s/data/eval/hand/zh-CN.jsonl", srcdir);
    int n_zh = load_utts(path, &zh);
    CHECK(n_en > 10 && n_zh > 10, "utterances: %d en, %d zh", n_en, n_zh);
    random_walks(v, dv, r_en, (const char *const *)en, n_en);
    random_walks(v, dv, r_zh, (const char *const *)zh, n_zh);
    random_walks(v, dv, NULL, (const char *const *)en, n_en > 10 ? 10 : n_en);
    greedy(model, r_en, (const char *const *)en, n_en);
    snprintf(model, sizeof model, "%s/models/ds3-style-f16.gguf", refdir);
    greedy(model, r_zh, (const char *const *)zh, n_zh);
    for (int i = 0; i < n_en; i++) free(en[i]);
    for (int i = 0; i < n_zh; i++) free(zh[i]);
    free(en);
    free(zh);
    resolve_registry_free(r_en);
    resolve_registry_free(r_zh);
    decode_vocab_free(dv);
    tok_free(v);
    gguf_close(gf);
    decode_grammar_free(grammar);
    intent_schema_free(schema);
    if (failures) {
        fprintf(stderr, "%d failures\n", failures);
        return 1;
    }
    printf("ok\n");
    return 0;
}
