/*
 * decode.c: the intent line's byte automaton and the vocabulary trie that turns it into a
 * per-step token mask (see decode.h). The automaton keeps no string of its own: a word-list
 * match is a range of a sorted list plus a depth, and a span match is the first offset of the
 * utterance where the value written so far occurs, so a position is a few integers that the
 * trie walk copies at every branch. Copied spans (not numbers, which follow numbers.c's spans)
 * keep to the utterance's word boundaries, found once per request (word_bounds): an undertrained
 * model otherwise stops inside a word ("shopping l|ist" -> item "ist", "fir" for "fire tv").
 */
#include "engine/decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/numbers.h"
#include "engine/zh_words.h"
#include "hub_status.h"

enum { PH_INTENT = 0, PH_SLOT, PH_VALUE, PH_DONE };
/* pos.words: which list a word is matched against */
enum { WL_NONE = -1, WL_INTENTS = 0, WL_SLOTS = 1, WL_CLOSED = 2, WL_NAMES = 3 /* +0..2 */ };

#define DECODE_UTT_MAX (INTENT_LINE_MAX - 1)
#define DECODE_NUM_SPANS 96 /* number spans kept per slot */
#define DECODE_NUM_LEN 64   /* longest number span, bytes */

/* Spans (offset, length) of the utterance that numbers.c reads, per class of number slot
 * (num_parse_slot reads brightness, the percentage-like slots and all others three ways): a
 * number value may only grow along one of them, so the automaton never enters a value it
 * cannot finish, nor a slot combination whose numbers were never said. */
/* A rule's times of day and durations are spans numbers.c reads too (num_parse_time,
 * num_parse_duration): the same machinery keeps them finishable. */
enum {
    NUM_CLASS_PLAIN = 0,
    NUM_CLASS_BRIGHTNESS,
    NUM_CLASS_PERCENT,
    NUM_CLASS_TIME,
    NUM_CLASS_DURATION,
    NUM_CLASSES
};
static const char *const num_class_slot[NUM_CLASSES] = {"temperature", "brightness", "position",
                                                        "at", "for"};

struct decode_nums {
    int8_t feasible[256]; /* per sorted intent: 0 unknown, 1 yes, -1 no */
    uint8_t done[NUM_CLASSES];
    uint8_t n[NUM_CLASSES];
    int16_t q[NUM_CLASSES][DECODE_NUM_SPANS];
    uint8_t len[NUM_CLASSES][DECODE_NUM_SPANS];
};

/* Slots the automaton knows: intent_slot_order, then the rule slots of intent_rule_slot_order
 * (index DEC_RULE + r), which may follow a complete action line (see rule_* below). */
#define DEC_RULE INTENT_SLOT_KINDS
#define DEC_SLOTS (INTENT_SLOT_KINDS + INTENT_RULE_SLOTS)

struct decode_grammar {
    struct decode_words intents;      /* exact case */
    const struct intent_def **defs;   /* per sorted intent; NULL for "none" */
    struct decode_words slots;        /* slot names, sorted (rule slots included) */
    int8_t slot_of[DEC_SLOTS];        /* sorted index -> slot index (DEC_RULE + r: rule slot) */
    uint8_t kind[DEC_SLOTS];          /* enum intent_slot_kind per slot */
    struct decode_words closed[DEC_SLOTS]; /* closed words (volume_step: up/down) */
    int vstep;                         /* index of volume_step */
    int name_slot;                     /* index of name */
    uint8_t num_class[DEC_SLOTS];
    bool spanned[DEC_SLOTS];           /* values must be one of the class's spans (nums_fill) */
    uint32_t num_mask;                 /* number slots that need a number span (not volume_step) */
    const struct zh_words *zh;         /* Chinese words (borrowed), NULL: every character one */
};

struct trie_node {
    int32_t first_child; /* index of the first child; children are contiguous, byte order */
    int32_t tok;         /* first token whose text ends here, -1 */
    uint16_t n_child;
    uint8_t byte;
};

struct decode_vocab {
    int32_t n_vocab;
    struct trie_node *nodes;
    int n_nodes;
    int32_t *tok_next;   /* next token with the same text, -1 */
    uint32_t *piece_off; /* token bytes in blob */
    uint16_t *piece_len;
    char *blob;
};

static inline unsigned char fold(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* ---- word lists ---- */

static int words_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int words_init(struct decode_words *w, const char *const *list, int n, bool do_fold)
{
    w->n = 0;
    w->s = calloc((size_t)(n > 0 ? n : 1), sizeof *w->s);
    if (!w->s) return HUB_ERR_NOMEM;
    for (int i = 0; i < n; i++) {
        if (!list[i] || !list[i][0]) continue;
        char *c = strdup(list[i]);
        if (!c) {
            decode_words_free(w);
            return HUB_ERR_NOMEM;
        }
        if (do_fold)
            for (char *p = c; *p; p++) *p = (char)fold((unsigned char)*p);
        w->s[w->n++] = c;
    }
    qsort(w->s, (size_t)w->n, sizeof *w->s, words_cmp);
    int o = 0;
    for (int i = 0; i < w->n; i++) {
        if (o && !strcmp(w->s[o - 1], w->s[i])) {
            free(w->s[i]);
            continue;
        }
        w->s[o++] = w->s[i];
    }
    w->n = o;
    if (w->n > 65535) { /* positions keep 16-bit ranges */
        decode_words_free(w);
        return HUB_ERR_RANGE;
    }
    return HUB_OK;
}

int decode_words_init(struct decode_words *w, const char *const *list, int n)
{
    return words_init(w, list, n, true);
}

void decode_words_free(struct decode_words *w)
{
    if (!w || !w->s) return;
    for (int i = 0; i < w->n; i++) free(w->s[i]);
    free(w->s);
    w->s = NULL;
    w->n = 0;
}

/* Narrow [lo, hi) (strings sharing k bytes) to those whose byte k is c. */
static bool words_step(const struct decode_words *w, uint16_t *lo, uint16_t *hi, uint16_t k,
                       unsigned char c)
{
    int a = *lo, b = *hi;
    while (a < b && (unsigned char)w->s[a][k] < c) a++; /* shorter strings (NUL) sort first */
    int e = a;
    while (e < b && (unsigned char)w->s[e][k] == c) e++;
    if (a == e) return false;
    *lo = (uint16_t)a;
    *hi = (uint16_t)e;
    return true;
}

static bool words_complete(const struct decode_words *w, uint16_t lo, uint16_t hi, uint16_t k)
{
    return lo < hi && w->s[lo][k] == 0;
}

/* ---- grammar ---- */

void decode_grammar_free(struct decode_grammar *g)
{
    if (!g) return;
    decode_words_free(&g->intents);
    decode_words_free(&g->slots);
    for (int i = 0; i < DEC_SLOTS; i++)
        decode_words_free(&g->closed[i]);
    free(g->defs);
    free(g);
}

static const char *dec_slot_name(int i)
{
    return i < DEC_RULE ? intent_slot_order[i] : intent_rule_slot_order[i - DEC_RULE];
}

struct decode_grammar *decode_grammar_new(const struct intent_schema *s, char *err, size_t errlen)
{
    struct decode_grammar *g = calloc(1, sizeof *g);
    const char **names = NULL;
    if (!g || !s) goto nomem;
    names = calloc((size_t)s->n_intents + 1, sizeof *names);
    if (!names) goto nomem;
    for (int i = 0; i < s->n_intents; i++) names[i] = s->intents[i].name;
    names[s->n_intents] = "none";
    if (s->n_intents >= 256) { /* per-request caches hold 256 intents */
        if (err && errlen) snprintf(err, errlen, "decode grammar: %d intents, at most 255",
                                    s->n_intents);
        free(names);
        decode_grammar_free(g);
        return NULL;
    }
    if (words_init(&g->intents, names, s->n_intents + 1, false)) goto nomem;
    g->defs = calloc((size_t)g->intents.n, sizeof *g->defs);
    if (!g->defs) goto nomem;
    for (int i = 0; i < g->intents.n; i++) g->defs[i] = intent_schema_find(s, g->intents.s[i]);
    const char *all_slots[DEC_SLOTS];
    for (int i = 0; i < DEC_SLOTS; i++)
        all_slots[i] = dec_slot_name(i);
    if (words_init(&g->slots, all_slots, DEC_SLOTS, false)) goto nomem;
    for (int i = 0; i < g->slots.n; i++) {
        int r = intent_rule_slot_index(g->slots.s[i]);
        g->slot_of[i] = (int8_t)(r >= 0 ? DEC_RULE + r : intent_slot_index(g->slots.s[i]));
    }
    for (int i = 0; i < DEC_SLOTS; i++) {
        const char *const *v = intent_slot_values(dec_slot_name(i));
        int n = 0;
        g->kind[i] = (uint8_t)intent_slot_kind(dec_slot_name(i));
        while (v && v[n]) n++;
        if (words_init(&g->closed[i], v, n, false)) goto nomem;
    }
    g->vstep = intent_slot_index("volume_step");
    g->name_slot = intent_slot_index("name");
    for (int i = 0; i < DEC_SLOTS; i++) {
        const char *n = dec_slot_name(i);
        g->num_class[i] = !strcmp(n, "brightness") ? NUM_CLASS_BRIGHTNESS
                          : (!strcmp(n, "position") || !strcmp(n, "percentage") ||
                             !strcmp(n, "volume_level"))
                              ? NUM_CLASS_PERCENT
                              : NUM_CLASS_PLAIN;
        int r = i - DEC_RULE;
        if (r >= 0 && intent_rule_slot_is_time(r)) g->num_class[i] = NUM_CLASS_TIME;
        if (r >= 0 && intent_rule_slot_is_duration(r)) g->num_class[i] = NUM_CLASS_DURATION;
        g->spanned[i] = g->kind[i] == INTENT_SLOT_NUMBER || g->num_class[i] >= NUM_CLASS_TIME;
        if (g->kind[i] == INTENT_SLOT_NUMBER && i != g->vstep && i < DEC_RULE)
            g->num_mask |= 1u << i;
    }
    free(names);
    return g;
nomem:
    if (err && errlen) snprintf(err, errlen, "decode grammar: out of memory");
    free(names);
    decode_grammar_free(g);
    return NULL;
}

void decode_grammar_set_zh_words(struct decode_grammar *g, const struct zh_words *zh)
{
    g->zh = zh;
}

static const struct decode_words *pos_words(const struct decode_state *st,
                                            const struct decode_pos *p)
{
    switch (p->words) {
    case WL_INTENTS: return &st->g->intents;
    case WL_SLOTS: return &st->g->slots;
    case WL_CLOSED: return &st->g->closed[p->slot];
    case WL_NAMES:
    case WL_NAMES + 1:
    case WL_NAMES + 2: return st->names[p->words - WL_NAMES];
    default: return NULL;
    }
}

static bool is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* ---- word boundaries ---- */

enum { CH_SPACE = 0, CH_PUNCT, CH_WORD, CH_ALONE, CH_APOS };

/* The class of the UTF-8 character at u[i] (its length in *len): letters and digits of
 * alphabetic scripts join into words; CJK and other characters stand alone (each is a word);
 * apostrophes (' and U+2019) are decided by their neighbours. */
static int char_class(const unsigned char *u, int n, int i, int *len)
{
    unsigned char c = u[i];
    *len = 1;
    if (c < 0x80) {
        if (is_alnum(c)) return CH_WORD;
        if (c == '\'') return CH_APOS;
        return (c == ' ' || c == '\t' || c == '\r' || c == '\n') ? CH_SPACE : CH_PUNCT;
    }
    int l = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (!l || i + l > n) return CH_PUNCT; /* a stray or cut byte: one character of its own */
    uint32_t cp = c & (0x7F >> l);
    for (int j = 1; j < l; j++) {
        if ((u[i + j] & 0xC0) != 0x80) return CH_PUNCT;
        cp = (cp << 6) | (u[i + j] & 0x3F);
    }
    *len = l;
    if (cp == 0x2019) return CH_APOS;
    if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || /* Latin letters */
        (cp >= 0x370 && cp <= 0x52F) ||                             /* Greek, Cyrillic */
        (cp >= 0x1E00 && cp <= 0x1EFF))                             /* more Latin */
        return CH_WORD;
    if (cp == 0xA0 || cp == 0x3000) return CH_SPACE;
    if ((cp >= 0x2000 && cp <= 0x206F) || /* general punctuation */
        (cp >= 0x3001 && cp <= 0x303F) || /* CJK punctuation: 、。「」 */
        (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || /* ！，：？ */
        (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65))
        return CH_PUNCT;
    return CH_ALONE;
}

/* Inside a Chinese word of the dictionary no span starts or ends (垃圾袋 is not cut into 垃 and
 * 圾袋): each run of ideographs is cut into its most probable words (zh_words_cut), and the
 * character boundaries inside a word lose their marks. Without memory the run keeps one word per
 * character. */
static void zh_bounds(const struct zh_words *zh, const unsigned char *u, int n, uint8_t *bound)
{
    uint8_t *start = malloc((size_t)n + 1);
    if (!start) return;
    for (int i = 0, len; i < n;) {
        if (!zh_is_han(u + i, n - i, &len)) {
            i += len;
            continue;
        }
        int a = i;
        while (i < n && zh_is_han(u + i, n - i, &len)) i += len;
        if (zh_words_cut(zh, (const char *)u + a, i - a, start)) break;
        for (int k = a + 1; k < i; k++)
            if (!start[k - a]) bound[k] &= (uint8_t)~(DECODE_WORD_START | DECODE_WORD_END);
    }
    free(start);
}

/* Fill bound[0..n] with DECODE_WORD_START at each offset where a word begins (a letter or digit
 * after no other, or a character that stands alone) and DECODE_WORD_END where one ends (after a
 * word's last character or a lone one, at the end or before a character that does not continue
 * it). Blanks and punctuation never start or end a span ("list!", ", add"): no copied value of
 * the training or evaluation sets does. */
static void word_bounds(const char *utt, int n, uint8_t *bound)
{
    const unsigned char *u = (const unsigned char *)utt;
    memset(bound, 0, (size_t)n + 1);
    int prev_cls = CH_SPACE, len;
    for (int i = 0; i < n; i += len) {
        int cls = char_class(u, n, i, &len);
        if (cls == CH_APOS) { /* inside a word ("kid's") only between two word characters */
            int nl;
            cls = (prev_cls == CH_WORD && i + len < n &&
                   char_class(u, n, i + len, &nl) == CH_WORD)
                      ? CH_WORD
                      : CH_PUNCT;
        }
        bool joins = cls == CH_WORD && prev_cls == CH_WORD;
        if (!joins && (cls == CH_WORD || cls == CH_ALONE)) bound[i] |= DECODE_WORD_START;
        if (!joins && (prev_cls == CH_WORD || prev_cls == CH_ALONE)) bound[i] |= DECODE_WORD_END;
        prev_cls = cls;
    }
    if (prev_cls == CH_WORD || prev_cls == CH_ALONE) bound[n] |= DECODE_WORD_END;
}

/* Mark with DECODE_WORD_LIVE the offsets from which a value that has copied up to there can
 * still end, there or further on ("lamp!" at the end of the utterance cannot: taking the '!'
 * would be a dead end). */
static void word_live(const char *utt, int n, uint8_t *bound)
{
    const unsigned char *u = (const unsigned char *)utt;
    bool live = false;
    for (int i = n; i >= 0; i--) {
        if (i < n && (u[i] == '|' || u[i] == '\n' || u[i] == '\r' || u[i] == '\t'))
            live = false; /* the line's separators; bytes no value holds */
        if (bound[i] & DECODE_WORD_END) live = true;
        if (live) bound[i] |= DECODE_WORD_LIVE;
    }
}

/* Must the slot's copied value keep to word boundaries? Every copied slot but numbers, whose
 * spans numbers.c decides (nums_fill). */
static bool slot_keeps_words(const struct decode_grammar *g, int slot)
{
    return g->kind[slot] != INTENT_SLOT_NUMBER;
}

/* The word boundaries a copied value keeps: free text (items, messages, queries, a timer's
 * name) keeps to the words of the Chinese dictionary too; names, areas and floors keep to characters, since the
 * resolver matches them to the house leniently (a model that copies 乐室 for 娱乐室 still names
 * the room, and refusing it makes the model pick some other span). */
static const uint8_t *slot_bounds(const struct decode_state *st, const struct decode_pos *p)
{
    const struct decode_grammar *g = st->g;
    if (p->slot >= DEC_RULE) return st->bound;
    if (g->kind[p->slot] == INTENT_SLOT_TEXT) return st->tbound;
    /* a timer's name is free text too (炖汤, 健身): no room or device to match it to */
    return p->slot == g->name_slot && p->intent >= 0 && strstr(g->intents.s[p->intent], "Timer")
               ? st->tbound
               : st->bound;
}

/* May a number span start at q / end before e? Not inside a run of ASCII letters or digits,
 * not inside a UTF-8 sequence, no space at either end. */
static bool num_start_ok(const char *u, int n, int q)
{
    unsigned char c = (unsigned char)u[q];
    if (q >= n || c == ' ' || (c & 0xC0) == 0x80) return false;
    return q == 0 || !is_alnum((unsigned char)u[q - 1]) || !is_alnum(c);
}

static bool num_end_ok(const char *u, int n, int e)
{
    unsigned char p = (unsigned char)u[e - 1];
    if (p == ' ') return false;
    if (e == n) return true;
    unsigned char c = (unsigned char)u[e];
    if ((c & 0xC0) == 0x80) return false;
    return !is_alnum(p) || !is_alnum(c);
}

/* Could a number span start at q? A cheap filter before numbers.c (a parse costs ~2 us):
 * digits and signs, English number words and the slot words of numbers.c, Chinese numerals and
 * 最/满/全/半/负. */
static bool num_start_plausible(const char *u, int n, int q)
{
    static const char *const en[] = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", "twenty", "thirty", "forty", "fourty", "fifty", "sixty",
        "seventy", "eighty", "ninety", "hundred", "thousand", "oh", "nil", "none", "a", "an",
        "single", "couple", "dozen", "half", "halfway", "halves", "quarter", "quarters", "max",
        "maximum", "full", "fully", "brightest", "lowest", "min", "minimum", "dimmest", "minus",
        "negative", "point", NULL};
    static const char *const zh = "零〇一二两三四五六七八九十百千万亿半几最满全负";
    unsigned char c = (unsigned char)u[q];
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') return true;
    if (c >= 0x80) {
        int len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (q + len > n) return false;
        for (const char *z = zh; *z; z += 3) /* all three-byte characters */
            if (!memcmp(z, u + q, (size_t)len) && len == 3) return true;
        return false;
    }
    if (!is_alnum(c)) return false;
    char w[16];
    int l = 0;
    while (q + l < n && l < 15 && is_alnum((unsigned char)u[q + l])) {
        w[l] = u[q + l];
        l++;
    }
    w[l] = 0;
    if (!strcmp(w, "the") || !strcmp(w, "all")) /* "the lowest", "all the way (up)" */
        return !strcmp(w, "all") || (q + 4 < n && num_start_plausible(u, n, q + 4));
    for (int i = 0; en[i]; i++)
        if (!strcmp(w, en[i])) return true;
    return false;
}

/* Could a span of the class start at q? Times also start with "noon", "midnight", a Chinese
 * part of the day (早上, 晚上) or any CJK character. */
static bool num_class_plausible(const char *u, int n, int q, int cls)
{
    if (num_start_plausible(u, n, q)) return true;
    if (cls != NUM_CLASS_TIME) return false;
    if ((unsigned char)u[q] >= 0xE0) return true;
    return (q + 4 <= n && !memcmp(u + q, "noon", 4)) ||
           (q + 8 <= n && !memcmp(u + q, "midnight", 8)) ||
           (q + 6 <= n && !memcmp(u + q, "midday", 6));
}

static bool num_class_parses(int cls, const char *buf, double *x)
{
    int secs;
    struct num_duration d;
    if (cls == NUM_CLASS_TIME) return num_parse_time(buf, &secs) == HUB_OK;
    if (cls == NUM_CLASS_DURATION) return num_parse_duration(buf, &d) == HUB_OK;
    return num_parse_slot(num_class_slot[cls], buf, x) == HUB_OK;
}

static void nums_fill(const struct decode_state *st, int cls)
{
    struct decode_nums *nc = st->nums;
    char buf[DECODE_NUM_LEN + 1];
    double x;
    const char *u = st->utt;
    int n = st->utt_len, cnt = 0;
    nc->done[cls] = 1;
    for (int q = 0; q < n && cnt < DECODE_NUM_SPANS; q++) {
        if (!num_start_ok(u, n, q) || !num_class_plausible(u, n, q, cls)) continue;
        for (int e = q + 1; e <= n && e - q <= DECODE_NUM_LEN && cnt < DECODE_NUM_SPANS; e++) {
            if (!num_end_ok(u, n, e)) continue;
            memcpy(buf, u + q, (size_t)(e - q));
            buf[e - q] = 0;
            if (!num_class_parses(cls, buf, &x)) continue;
            nc->q[cls][cnt] = (int16_t)q;
            nc->len[cls][cnt] = (uint8_t)(e - q);
            cnt++;
        }
    }
    nc->n[cls] = (uint8_t)cnt;
}

static const struct decode_nums *nums_get(const struct decode_state *st, int cls)
{
    if (!st->nums->done[cls]) nums_fill(st, cls);
    return st->nums;
}

/* Are the numbers of every number slot in mask said somewhere in the utterance? */
static bool nums_said(const struct decode_state *st, uint32_t mask)
{
    mask &= st->g->num_mask;
    for (int s = 0; mask; s++, mask >>= 1)
        if ((mask & 1) && !nums_get(st, st->g->num_class[s])->n[st->g->num_class[s]])
            return false;
    return true;
}

/* Can a number value equal to utt[sub, sub + k) still grow into a span numbers.c reads? */
static bool num_live(const struct decode_state *st, int slot, int sub, int k)
{
    int c = st->g->num_class[slot];
    const struct decode_nums *nc = nums_get(st, c);
    for (int i = 0; i < nc->n[c]; i++)
        if (nc->len[c][i] >= k && !memcmp(st->utt + nc->q[c][i], st->utt + sub, (size_t)k))
            return true;
    return false;
}

/* Slots that may follow when `mask` is written and `last` is the last slot: those s after last
 * such that some combination has exactly mask | s below and at s, and every number it needs
 * was said. */
static uint32_t next_slots(const struct decode_state *st, const struct intent_def *d,
                           uint32_t mask, int last)
{
    uint32_t allow = 0;
    for (int s = last + 1; s < INTENT_SLOT_KINDS; s++) {
        uint32_t want = mask | (1u << s), low = (2u << s) - 1;
        for (int c = 0; c < d->n_combos; c++)
            if ((d->combos[c].mask & low) == want && nums_said(st, d->combos[c].mask)) {
                allow |= 1u << s;
                break;
            }
    }
    return allow;
}

/* Can the intent still be finished: an empty combination, or one whose numbers were said?
 * Cached per request in st->nums. */
static bool intent_feasible(const struct decode_state *st, int idx)
{
    const struct intent_def *d = st->g->defs[idx];
    int8_t *c = &st->nums->feasible[idx];
    if (!d) return true; /* none */
    if (*c) return *c > 0;
    *c = -1;
    for (int i = 0; i < d->n_combos; i++)
        if (nums_said(st, d->combos[i].mask)) {
            *c = 1;
            break;
        }
    return *c > 0;
}

static bool intent_range_feasible(const struct decode_state *st, const struct decode_pos *p)
{
    for (int i = p->lo; i < p->hi; i++)
        if (intent_feasible(st, i)) return true;
    return false;
}

/* ---- rule slots: after a complete action line, one trigger kind and any conditions
 * (intent_rule_mask_ok), in their fixed order ---- */

static bool slot_allowed(const struct decode_pos *p, int s)
{
    return s < DEC_RULE ? (p->allow >> s) & 1 : (p->rallow >> (s - DEC_RULE)) & 1;
}

static bool num_live(const struct decode_state *st, int slot, int sub, int k);

/* Rule slots that may follow when the rule slots rmask are written and `last` (-1: none) is the
 * last of them: some valid rule still has them, and a time, duration or number of theirs was
 * said (every trigger kind but `at` can then still be finished with closed words). */
static uint16_t rule_next(const struct decode_state *st, uint32_t rmask, int last)
{
    uint16_t allow = 0;
    for (int r = last + 1; r < INTENT_RULE_SLOTS; r++)
        if (intent_rule_prefix_ok(rmask | (1u << r), r) &&
            (!st->g->spanned[DEC_RULE + r] || num_live(st, DEC_RULE + r, 0, 0)))
            allow |= (uint16_t)(1u << r);
    return allow;
}

/* Does a time or duration rule value read as one (numbers.c)? Other slots: yes. */
static bool rule_value_ok(const struct decode_state *st, const struct decode_pos *p)
{
    int r = p->slot - DEC_RULE;
    char buf[DECODE_NUM_LEN + 1];
    if (r < 0 || p->sub < 0 || !(intent_rule_slot_is_time(r) || intent_rule_slot_is_duration(r)))
        return true;
    if (p->k > DECODE_NUM_LEN) return false;
    memcpy(buf, st->utt + p->sub, p->k);
    buf[p->k] = 0;
    int secs;
    struct num_duration d;
    return intent_rule_slot_is_time(r) ? num_parse_time(buf, &secs) == HUB_OK
                                       : num_parse_duration(buf, &d) == HUB_OK;
}

static bool slot_range_allowed(const struct decode_grammar *g, const struct decode_pos *p)
{
    for (int i = p->lo; i < p->hi; i++)
        if (slot_allowed(p, g->slot_of[i])) return true;
    return false;
}

/* Is the value written so far complete (a word of its list, or a span that fits its slot)? */
static bool value_complete(const struct decode_state *st, const struct decode_pos *p,
                           unsigned char last)
{
    if (p->k == 0 || last == ' ') return false;
    const struct decode_words *w = pos_words(st, p);
    if (w && words_complete(w, p->lo, p->hi, p->k)) return true;
    if (p->sub < 0) return false;
    if (slot_keeps_words(st->g, p->slot)) {
        /* some occurrence (all start at word starts) ends at a word end */
        const char *u = st->exact_case ? st->utt_raw : st->utt;
        const uint8_t *b = slot_bounds(st, p);
        for (int q = p->sub; q + p->k <= st->utt_len; q++)
            if ((b[q + p->k] & DECODE_WORD_END) && (b[q] & DECODE_WORD_START) &&
                !memcmp(u + q, u + p->sub, p->k))
                return true;
        return false;
    }
    if (p->sub + p->k < st->utt_len && (st->utt[p->sub + p->k] & 0xC0) == 0x80)
        return false; /* would cut a character */
    /* one of the spans numbers.c read for this slot's class (see nums_fill) */
    int c = st->g->num_class[p->slot];
    const struct decode_nums *nc = nums_get(st, c);
    for (int i = 0; i < nc->n[c]; i++)
        if (nc->len[c][i] == p->k && !memcmp(st->utt + nc->q[c][i], st->utt + p->sub, p->k))
            return true;
    return false;
}

static bool pos_can_end(const struct decode_state *st, const struct decode_pos *p,
                        unsigned char last)
{
    const struct decode_grammar *g = st->g;
    if (p->phase == PH_INTENT) {
        if (!words_complete(&g->intents, p->lo, p->hi, p->k)) return false;
        const struct intent_def *d = g->defs[p->lo];
        return !d || intent_def_combo(d, 0) != NULL;
    }
    if (p->phase == PH_VALUE && p->slot >= DEC_RULE)
        return value_complete(st, p, last) && rule_value_ok(st, p) &&
               intent_rule_mask_ok(p->rmask | (1u << (p->slot - DEC_RULE)));
    if (p->phase == PH_VALUE)
        return value_complete(st, p, last) &&
               intent_def_combo(g->defs[p->intent], p->mask | (1u << p->slot)) != NULL;
    return false;
}

/* After a '|': the next thing read is a slot's name, any word of the grammar's slot list. */
static void pos_start_slot_name(const struct decode_grammar *g, struct decode_pos *p)
{
    p->phase = PH_SLOT;
    p->words = WL_SLOTS;
    p->lo = 0;
    p->hi = (uint16_t)g->slots.n;
    p->k = 0;
}

/* The automaton's step on one byte; `last` is the byte before it (for the no-trailing-space
 * rule). */
static bool dec_step(const struct decode_state *st, struct decode_pos *p, unsigned char c,
                     unsigned char last)
{
    const struct decode_grammar *g = st->g;
    if (c == 0) return false; /* never in a line, and the word lists' terminator */
    switch (p->phase) {
    case PH_INTENT:
        if (c == '\n') {
            if (!pos_can_end(st, p, last)) return false;
            p->phase = PH_DONE;
            return true;
        }
        if (c == '|') {
            if (!words_complete(&g->intents, p->lo, p->hi, p->k)) return false;
            const struct intent_def *d = g->defs[p->lo];
            if (!d) return false;
            uint32_t allow = next_slots(st, d, 0, -1);
            p->rallow = intent_def_combo(d, 0) ? rule_next(st, 0, -1) : 0;
            if (!allow && !p->rallow) return false;
            p->intent = (int16_t)p->lo;
            pos_start_slot_name(g, p);
            p->allow = allow;
            return true;
        }
        if (!words_step(&g->intents, &p->lo, &p->hi, p->k, c)) return false;
        p->k++;
        return intent_range_feasible(st, p);
    case PH_SLOT: {
        if (c == '=') {
            if (!words_complete(&g->slots, p->lo, p->hi, p->k)) return false;
            int s = g->slot_of[p->lo];
            if (!slot_allowed(p, s)) return false;
            if (g->spanned[s] && s != g->vstep && !num_live(st, s, 0, 0))
                return false; /* no number (time, duration) said for it */
            /* the names a span slot may take: name, area, floor (slots 0, 1, 2 of
             * intent_slot_order) and a rule's trigger entity (entity names) */
            int nl = s <= 2 ? s : s == DEC_RULE + RULE_WHEN ? 0 : -1;
            if (g->kind[s] != INTENT_SLOT_CLOSED && s != g->vstep && st->utt_len == 0 &&
                !(nl >= 0 && st->names[nl] && st->names[nl]->n))
                return false; /* nothing to copy from */
            p->slot = (int8_t)s;
            p->phase = PH_VALUE;
            p->k = 0;
            p->neg = 0;
            p->sub = -1;
            p->words = WL_NONE;
            enum intent_slot_kind kind = (enum intent_slot_kind)g->kind[s];
            const struct decode_words *w = NULL;
            if (kind == INTENT_SLOT_CLOSED || s == g->vstep) {
                p->words = WL_CLOSED;
            } else if (kind == INTENT_SLOT_SPAN && nl >= 0 && st->names[nl] && st->names[nl]->n) {
                p->words = (int8_t)(WL_NAMES + nl);
            }
            w = pos_words(st, p);
            p->lo = 0;
            p->hi = (uint16_t)(w ? w->n : 0);
            if (kind != INTENT_SLOT_CLOSED) p->sub = 0;
            return true;
        }
        if (!words_step(&g->slots, &p->lo, &p->hi, p->k, c)) return false;
        p->k++;
        return slot_range_allowed(g, p);
    }
    case PH_VALUE: {
        if ((c == '|' || c == '\n') && p->slot >= DEC_RULE) {
            int r = p->slot - DEC_RULE;
            uint32_t rmask = p->rmask | (1u << r);
            if (!value_complete(st, p, last) || !rule_value_ok(st, p)) return false;
            if (c == '\n') {
                if (!intent_rule_mask_ok(rmask)) return false;
                p->rmask = (uint16_t)rmask;
                p->phase = PH_DONE;
                return true;
            }
            p->rallow = rule_next(st, rmask, r);
            if (!p->rallow) return false;
            p->rmask = (uint16_t)rmask;
            p->allow = 0;
            pos_start_slot_name(g, p);
            return true;
        }
        if (c == '|' || c == '\n') {
            if (!value_complete(st, p, last)) return false;
            const struct intent_def *d = g->defs[p->intent];
            uint32_t mask = p->mask | (1u << p->slot);
            if (c == '\n') {
                if (!intent_def_combo(d, mask)) return false;
                p->mask = mask;
                p->phase = PH_DONE;
                return true;
            }
            uint32_t allow = next_slots(st, d, mask, p->slot);
            p->rallow = intent_def_combo(d, mask) ? rule_next(st, 0, -1) : 0;
            if (!allow && !p->rallow) return false;
            p->mask = mask;
            p->allow = allow;
            pos_start_slot_name(g, p);
            return true;
        }
        if (c == '\r' || c == '\t') return false;
        if (p->k == 0 && (c == ' ' || (c & 0xC0) == 0x80)) return false; /* mid-character */
        if (p->k == 0 && c == '-' && p->slot == g->vstep && !p->neg) {
            p->neg = 1;
            p->words = WL_NONE;
            return p->sub >= 0 && num_live(st, p->slot, 0, 0); /* a number must follow */
        }
        if (p->k == 0 && c == '-' && p->slot == DEC_RULE + RULE_OFFSET && !p->neg) {
            p->neg = 1; /* "30 minutes before sunset" */
            return p->sub >= 0 && num_live(st, p->slot, 0, 0);
        }
        if (p->k >= DECODE_UTT_MAX) return false;
        unsigned char f = fold(c);
        bool alive = false;
        if (p->sub >= 0) {
            int q = p->sub, k = p->k, found = -1;
            const char *u = st->exact_case ? st->utt_raw : st->utt;
            unsigned char want = st->exact_case ? c : f;
            /* copied spans start at a word start and can still reach a word end; numbers
             * follow the spans numbers.c read (num_live below) */
            bool words = slot_keeps_words(g, p->slot);
            const uint8_t *b = slot_bounds(st, p);
            for (; q + k < st->utt_len; q++)
                if ((unsigned char)u[q + k] == want &&
                    (!words || ((b[q] & DECODE_WORD_START) && (b[q + k + 1] & DECODE_WORD_LIVE))) &&
                    (k == 0 || !memcmp(u + q, u + p->sub, (size_t)k))) {
                    found = q;
                    break;
                }
            p->sub = (int16_t)found;
            alive = found >= 0;
            if (alive && g->spanned[p->slot] && !num_live(st, p->slot, found, k + 1)) {
                p->sub = -1;
                alive = false;
            }
        }
        const struct decode_words *w = pos_words(st, p);
        if (w) {
            /* registry names are folded; closed words are lower case already */
            if (words_step(w, &p->lo, &p->hi, p->k, p->words >= WL_NAMES ? f : c))
                alive = true;
            else
                p->words = WL_NONE;
        }
        if (!alive) return false;
        p->k++;
        return true;
    }
    default: return false;
    }
}

/* ---- requests ---- */

int decode_state_init(struct decode_state *st, const struct decode_grammar *g, const char *utt,
                      const struct decode_words *names[3])
{
    memset(st, 0, sizeof *st);
    size_t n = strlen(utt);
    if (n > DECODE_UTT_MAX) return HUB_ERR_RANGE;
    while (n && (utt[n - 1] == ' ' || utt[n - 1] == '\n' || utt[n - 1] == '\r' ||
                 utt[n - 1] == '\t'))
        n--; /* a value cannot end in a space: trailing blanks only make dead ends */
    st->utt = malloc(n + 1);
    st->utt_raw = malloc(n + 1);
    st->bound = malloc(n + 1);
    st->tbound = malloc(n + 1);
    st->nums = calloc(1, sizeof *st->nums);
    if (!st->utt || !st->utt_raw || !st->bound || !st->tbound || !st->nums) {
        decode_state_free(st);
        return HUB_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) st->utt[i] = (char)fold((unsigned char)utt[i]);
    st->utt[n] = 0;
    memcpy(st->utt_raw, utt, n);
    st->utt_raw[n] = 0;
    st->utt_len = (int)n;
    word_bounds(utt, (int)n, st->bound);
    memcpy(st->tbound, st->bound, n + 1);
    if (g->zh) zh_bounds(g->zh, (const unsigned char *)utt, (int)n, st->tbound);
    word_live(utt, (int)n, st->bound);
    word_live(utt, (int)n, st->tbound);
    st->g = g;
    for (int i = 0; i < 3; i++) st->names[i] = names ? names[i] : NULL;
    st->pos.phase = PH_INTENT;
    st->pos.words = WL_INTENTS;
    st->pos.lo = 0;
    st->pos.hi = (uint16_t)g->intents.n;
    st->pos.intent = -1;
    st->pos.slot = -1;
    st->pos.sub = -1;
    return HUB_OK;
}

void decode_state_free(struct decode_state *st)
{
    if (!st) return;
    free(st->utt);
    free(st->utt_raw);
    free(st->bound);
    free(st->tbound);
    free(st->nums);
    st->bound = NULL;
    st->tbound = NULL;
    st->utt = NULL;
    st->utt_raw = NULL;
    st->nums = NULL;
}

static unsigned char state_last(const struct decode_state *st)
{
    return st->line_len ? (unsigned char)st->line[st->line_len - 1] : 0;
}

bool decode_feed(struct decode_state *st, const char *bytes, size_t n)
{
    struct decode_pos p = st->pos;
    unsigned char last = state_last(st);
    if ((size_t)st->line_len + n >= sizeof st->line) return false;
    for (size_t i = 0; i < n; i++) {
        if (!dec_step(st, &p, (unsigned char)bytes[i], last)) return false;
        last = (unsigned char)bytes[i];
    }
    st->pos = p;
    memcpy(st->line + st->line_len, bytes, n);
    st->line_len += (int)n;
    st->line[st->line_len] = 0;
    return true;
}

bool decode_can_end(const struct decode_state *st)
{
    return pos_can_end(st, &st->pos, state_last(st));
}

bool decode_done(const struct decode_state *st)
{
    return st->pos.phase == PH_DONE;
}

/* ---- the vocabulary trie ---- */

struct trie_entry {
    const unsigned char *b;
    int len;
    int32_t id;
};

static int entry_cmp(const void *a, const void *b)
{
    const struct trie_entry *x = a, *y = b;
    int n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->b, y->b, (size_t)n);
    if (c) return c;
    if (x->len != y->len) return x->len - y->len;
    return x->id - y->id;
}

/* Fill node `ni` from entries [a, b) that share their first d bytes. */
static void trie_fill(struct decode_vocab *dv, int ni, const struct trie_entry *e, int a, int b,
                      int d)
{
    int i = a;
    int32_t *tail = &dv->nodes[ni].tok;
    for (; i < b && e[i].len == d; i++) { /* tokens ending exactly here */
        *tail = e[i].id;
        tail = &dv->tok_next[e[i].id];
    }
    int groups = 0;
    for (int j = i; j < b;) {
        unsigned char c = e[j].b[d];
        while (j < b && e[j].b[d] == c) j++;
        groups++;
    }
    if (!groups) return;
    int first = dv->n_nodes;
    dv->n_nodes += groups;
    dv->nodes[ni].first_child = first;
    dv->nodes[ni].n_child = (uint16_t)groups;
    int g = 0;
    for (int j = i; j < b; g++) {
        unsigned char c = e[j].b[d];
        int s = j;
        while (j < b && e[j].b[d] == c) j++;
        struct trie_node *ch = &dv->nodes[first + g];
        ch->byte = c;
        ch->tok = -1;
        ch->first_child = -1;
        ch->n_child = 0;
        trie_fill(dv, first + g, e, s, j, d + 1);
    }
}

void decode_vocab_free(struct decode_vocab *dv)
{
    if (!dv) return;
    free(dv->nodes);
    free(dv->tok_next);
    free(dv->piece_off);
    free(dv->piece_len);
    free(dv->blob);
    free(dv);
}

int decode_vocab_n_nodes(const struct decode_vocab *dv)
{
    return dv->n_nodes;
}

struct decode_vocab *decode_vocab_new(const struct tok_vocab *v, char *err, size_t errlen)
{
    int32_t n = tok_n_vocab(v);
    struct decode_vocab *dv = calloc(1, sizeof *dv);
    struct trie_entry *e = NULL;
    size_t total = 0, cap = 1 << 16;
    char buf[1024];
    if (!dv) goto nomem;
    dv->n_vocab = n;
    dv->tok_next = malloc((size_t)n * sizeof *dv->tok_next);
    dv->piece_off = calloc((size_t)n, sizeof *dv->piece_off);
    dv->piece_len = calloc((size_t)n, sizeof *dv->piece_len);
    dv->blob = malloc(cap);
    e = malloc((size_t)n * sizeof *e);
    if (!dv->tok_next || !dv->piece_off || !dv->piece_len || !dv->blob || !e) goto nomem;
    int ne = 0;
    for (int32_t id = 0; id < n; id++) {
        dv->tok_next[id] = -1;
        int t = tok_type(v, id);
        if (t == TOK_TYPE_CONTROL || t == TOK_TYPE_UNKNOWN || t == TOK_TYPE_UNUSED) continue;
        int len = tok_piece(v, id, false, buf, sizeof buf);
        if (len <= 0 || len > (int)sizeof buf) continue; /* empty or absurdly long: never offered */
        if (total + (size_t)len > cap) {
            while (total + (size_t)len > cap) cap *= 2;
            char *nb = realloc(dv->blob, cap);
            if (!nb) goto nomem;
            dv->blob = nb;
        }
        memcpy(dv->blob + total, buf, (size_t)len);
        dv->piece_off[id] = (uint32_t)total;
        dv->piece_len[id] = (uint16_t)len;
        total += (size_t)len;
        e[ne].id = id;
        e[ne].len = len;
        ne++;
    }
    for (int i = 0; i < ne; i++) e[i].b = (const unsigned char *)dv->blob + dv->piece_off[e[i].id];
    qsort(e, (size_t)ne, sizeof *e, entry_cmp);
    dv->nodes = calloc(total + 1, sizeof *dv->nodes); /* at most one node per byte + the root */
    if (!dv->nodes) goto nomem;
    dv->nodes[0].tok = -1;
    dv->nodes[0].first_child = -1;
    dv->n_nodes = 1;
    trie_fill(dv, 0, e, 0, ne, 0);
    free(e);
    return dv;
nomem:
    if (err && errlen) snprintf(err, errlen, "decode vocabulary: out of memory");
    free(e);
    decode_vocab_free(dv);
    return NULL;
}

/* ---- the walk ---- */

struct walk_out {
    int32_t *ids;  /* list mode */
    int n;
    const float *logits; /* best mode */
    int32_t best;
    float best_v;
};

static void walk(const struct decode_vocab *dv, const struct decode_state *st, int ni,
                 const struct decode_pos *pos, unsigned char last, struct walk_out *o);

static void walk_child(const struct decode_vocab *dv, const struct decode_state *st, int ci,
                       const struct decode_pos *pos, unsigned char last, struct walk_out *o)
{
    const struct trie_node *ch = &dv->nodes[ci];
    struct decode_pos p = *pos;
    if (!dec_step(st, &p, ch->byte, last)) return;
    for (int32_t t = ch->tok; t >= 0; t = dv->tok_next[t]) {
        if (o->logits) {
            if (o->best < 0 || o->logits[t] > o->best_v) {
                o->best = t;
                o->best_v = o->logits[t];
            }
        } else {
            o->ids[o->n++] = t;
        }
    }
    if (ch->n_child && p.phase != PH_DONE) walk(dv, st, ci, &p, ch->byte, o);
}

static void set_byte(uint64_t set[4], unsigned char c)
{
    set[c >> 6] |= 1ull << (c & 63);
}

static void set_word_bytes(uint64_t set[4], const struct decode_words *w, int lo, int hi, int k,
                           bool both_cases)
{
    for (int i = lo; i < hi; i++) {
        unsigned char c = (unsigned char)w->s[i][k];
        if (!c) continue;
        set_byte(set, c);
        if (both_cases && c >= 'a' && c <= 'z') set_byte(set, (unsigned char)(c - 32));
    }
}

/* A superset of the bytes the automaton may take next (dec_step decides): lets a trie node
 * with many children (the root has one per byte) try only those. */
static void pos_next_bytes(const struct decode_state *st, const struct decode_pos *p,
                           uint64_t set[4])
{
    const struct decode_grammar *g = st->g;
    set_byte(set, '|');
    set_byte(set, '\n');
    switch (p->phase) {
    case PH_INTENT: set_word_bytes(set, &g->intents, p->lo, p->hi, p->k, false); break;
    case PH_SLOT:
        set_byte(set, '=');
        set_word_bytes(set, &g->slots, p->lo, p->hi, p->k, false);
        break;
    case PH_VALUE: {
        const struct decode_words *w = pos_words(st, p);
        if (p->k == 0) set_byte(set, '-');
        if (w) set_word_bytes(set, w, p->lo, p->hi, p->k, p->words >= WL_NAMES);
        if (p->sub >= 0) {
            int k = p->k;
            const char *u = st->exact_case ? st->utt_raw : st->utt;
            uint8_t need = slot_keeps_words(g, p->slot) ? DECODE_WORD_START : 0;
            const uint8_t *b = slot_bounds(st, p);
            for (int q = p->sub; q + k < st->utt_len; q++)
                if ((b[q] & need) == need && !memcmp(u + q, u + p->sub, (size_t)k)) {
                    unsigned char c = (unsigned char)u[q + k];
                    set_byte(set, c);
                    if (c >= 'a' && c <= 'z') set_byte(set, (unsigned char)(c - 32));
                }
        }
        break;
    }
    default: break;
    }
}

static void walk(const struct decode_vocab *dv, const struct decode_state *st, int ni,
                 const struct decode_pos *pos, unsigned char last, struct walk_out *o)
{
    const struct trie_node *n = &dv->nodes[ni];
    if (n->n_child <= 8) {
        for (int i = 0; i < n->n_child; i++) walk_child(dv, st, n->first_child + i, pos, last, o);
        return;
    }
    uint64_t set[4] = {0, 0, 0, 0};
    pos_next_bytes(st, pos, set);
    const struct trie_node *ch = &dv->nodes[n->first_child];
    int lo = 0;
    for (int w = 0; w < 4; w++)
        for (uint64_t bits = set[w]; bits; bits &= bits - 1) {
            unsigned char b = (unsigned char)(w * 64 + __builtin_ctzll(bits));
            int a = lo, z = n->n_child; /* children in byte order; bytes come in order too */
            while (a < z) {
                int m = (a + z) / 2;
                if (ch[m].byte < b) a = m + 1;
                else z = m;
            }
            lo = a;
            if (a < n->n_child && ch[a].byte == b)
                walk_child(dv, st, n->first_child + a, pos, last, o);
        }
}

int decode_allowed(const struct decode_vocab *dv, const struct decode_state *st, int32_t *ids)
{
    struct walk_out o = {.ids = ids, .best = -1};
    if (st->pos.phase == PH_DONE) return 0;
    walk(dv, st, 0, &st->pos, state_last(st), &o);
    return o.n;
}

int32_t decode_best(const struct decode_vocab *dv, const struct decode_state *st,
                    const float *logits, int32_t eos)
{
    struct walk_out o = {.logits = logits, .best = -1};
    if (st->pos.phase != PH_DONE) walk(dv, st, 0, &st->pos, state_last(st), &o);
    if (eos >= 0 && eos < dv->n_vocab && decode_can_end(st) &&
        (o.best < 0 || logits[eos] > o.best_v))
        o.best = eos;
    return o.best;
}

bool decode_accept(const struct decode_vocab *dv, struct decode_state *st, int32_t id)
{
    if (id < 0 || id >= dv->n_vocab || !dv->piece_len[id]) return false;
    return decode_feed(st, dv->blob + dv->piece_off[id], dv->piece_len[id]);
}
