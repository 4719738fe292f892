/*
 * spell.c: light typos of English words mended against the training corpus's words and the
 * house's names (spell.h).
 * The words are a sorted array searched by bsearch; a word's candidates (at most 26 letters at
 * each inner position, plus swaps and undoubled letters: about 800) are each looked up, which
 * costs microseconds for the rare word that is not in the file.
 */
#include "engine/spell.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/decode.h"

/* The corpus has typos of its own (one English utterance in eight), so a typo can be in the
 * file with a small count: a known word is mended only to a word this many times as frequent. */
#define SPELL_RATIO 30

struct spell_word {
    char w[SPELL_WORD_MAX + 1];
    long long n;
};

struct spell {
    struct spell_word *words;
    int n;
};

static int word_cmp(const void *a, const void *b)
{
    return strcmp(((const struct spell_word *)a)->w, ((const struct spell_word *)b)->w);
}

static bool lower_letter(int c) { return c >= 'a' && c <= 'z'; }
static bool ascii_letter(int c) { return lower_letter(c | 32); }
/* A digit or an apostrophe beside a word makes it something else (5min, don't): left alone. */
static bool joins(int c) { return (c >= '0' && c <= '9') || c == '\''; }

struct spell *spell_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    struct spell *s = calloc(1, sizeof *s);
    int cap = 0, lineno = 0;
    char line[256];
    if (!s) goto nomem;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char w[64];
        long long n;
        int used = 0;
        size_t len = strlen(line);
        if (len && line[len - 1] != '\n' && !feof(f)) goto bad; /* longer than any good line */
        if (sscanf(line, "%63s %lld %n", w, &n, &used) != 2 || line[used] || n < 1 ||
            n > 1000000000000LL)
            goto bad;
        size_t wl = strlen(w);
        if (wl < 2 || wl > SPELL_WORD_MAX) goto bad;
        for (size_t i = 0; i < wl; i++)
            if (!lower_letter((unsigned char)w[i])) goto bad;
        if (s->n == cap) {
            cap = cap ? cap * 2 : 1024;
            struct spell_word *grown = realloc(s->words, (size_t)cap * sizeof *grown);
            if (!grown) goto nomem;
            s->words = grown;
        }
        memcpy(s->words[s->n].w, w, wl + 1);
        s->words[s->n++].n = n;
    }
    if (ferror(f)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        goto fail;
    }
    if (!s->n) {
        snprintf(err, errlen, "%s: no words", path);
        goto fail;
    }
    fclose(f);
    qsort(s->words, (size_t)s->n, sizeof *s->words, word_cmp);
    return s;
bad:
    snprintf(err, errlen, "%s:%d: not a \"word count\" line (lower-case letters, 2 to %d; a count "
             "from 1)", path, lineno, SPELL_WORD_MAX);
    goto fail;
nomem:
    snprintf(err, errlen, "%s: out of memory", path);
fail:
    fclose(f);
    spell_free(s);
    return NULL;
}

void spell_free(struct spell *s)
{
    if (!s) return;
    free(s->words);
    free(s);
}

int spell_count(const struct spell *s) { return s ? s->n : 0; }

/* The word's count in the file, 0 when it is not there. */
static long long count_of(const struct spell *s, const char *w)
{
    struct spell_word key;
    if (strlen(w) > SPELL_WORD_MAX) return 0;
    snprintf(key.w, sizeof key.w, "%s", w);
    const struct spell_word *hit = bsearch(&key, s->words, (size_t)s->n, sizeof *s->words,
                                           word_cmp);
    return hit ? hit->n : 0;
}

/* Keep the more frequent of cand and *best. */
static void consider(const struct spell *s, const char *cand, char *best, long long *best_n)
{
    long long n = count_of(s, cand);
    if (n > *best_n) {
        *best_n = n;
        snprintf(best, SPELL_WORD_MAX + 2, "%s", cand);
    }
}

/* The most frequent word of the file one corpus typo away from w (lower case, n letters), into
 * best; its count, or 0. */
static long long best_mend(const struct spell *s, const char *w, int n, char *best)
{
    char c[SPELL_WORD_MAX + 2];
    long long best_n = 0;
    for (int i = 2; i < n - 1; i++) /* an inner letter doubled: say it once */
        if (w[i] == w[i - 1]) {
            memcpy(c, w, (size_t)i);
            memcpy(c + i, w + i + 1, (size_t)(n - i));
            consider(s, c, best, &best_n);
        }
    for (int i = 1; i < n - 1; i++) { /* two letters swapped, the first never */
        memcpy(c, w, (size_t)n + 1);
        c[i] = w[i + 1];
        c[i + 1] = w[i];
        consider(s, c, best, &best_n);
    }
    if (n + 1 <= SPELL_WORD_MAX)
        for (int i = 1; i < n; i++) /* an inner letter dropped */
            for (char l = 'a'; l <= 'z'; l++) {
                memcpy(c, w, (size_t)i);
                c[i] = l;
                memcpy(c + i + 1, w + i, (size_t)(n - i) + 1);
                consider(s, c, best, &best_n);
            }
    return best_n;
}

/* Is w a whole word of one of the names? */
static bool house_word(const char *w, const struct decode_words *const *keep, int n_keep)
{
    size_t wl = strlen(w);
    for (int k = 0; k < n_keep; k++)
        for (int i = 0; keep[k] && i < keep[k]->n; i++)
            for (const char *p = keep[k]->s[i]; (p = strstr(p, w)); p++)
                if ((p == keep[k]->s[i] || !ascii_letter((unsigned char)p[-1])) &&
                    !ascii_letter((unsigned char)p[wl]))
                    return true;
    return false;
}

/* Whether w (n letters) is h (hn letters) with one typo of the corpus's kinds (an inner letter
 * doubled, two neighbouring letters swapped, an inner letter dropped) or, in a word of six
 * letters or more, an inner letter written for another ("projecter"). */
static bool one_typo(const char *w, int n, const char *h, int hn)
{
    int i = 0;
    while (i < n && i < hn && w[i] == h[i]) i++;
    if (i == 0 || i == n) return false; /* the first letter as said; the same word */
    if (n == hn + 1) /* a letter added: an inner one doubled */
        return i < hn && w[i] == w[i - 1] && !strncmp(w + i + 1, h + i, (size_t)(hn - i));
    if (n + 1 == hn) /* a letter dropped, never the last */
        return i < hn - 1 && !strncmp(w + i, h + i + 1, (size_t)(n - i));
    if (n != hn || i == n - 1) return false; /* the last letter as said */
    size_t rest = (size_t)(n - i); /* h is a word inside a name: compare by length */
    if (w[i] == h[i + 1] && w[i + 1] == h[i] && !strncmp(w + i + 2, h + i + 2, rest - 2))
        return true;
    return n >= 6 && !strncmp(w + i + 1, h + i + 1, rest - 1);
}

/* The word of the house's names that w (lower case, n letters, not in the corpus) is one typo
 * of, into best: "bunkhosue" said for the Bunkhouse. Only one such word, or none. */
static bool house_mend(const char *w, int n, const struct decode_words *const *keep, int n_keep,
                       char *best)
{
    bool found = false;
    for (int k = 0; k < n_keep; k++)
        for (int i = 0; keep[k] && i < keep[k]->n; i++)
            for (const char *p = keep[k]->s[i]; *p;) {
                while (*p && !ascii_letter((unsigned char)*p)) p++;
                const char *b = p;
                while (ascii_letter((unsigned char)*p)) p++;
                int hn = (int)(p - b);
                if (hn < SPELL_WORD_MIN || hn > SPELL_WORD_MAX || !one_typo(w, n, b, hn))
                    continue;
                if (found && ((int)strlen(best) != hn || strncmp(best, b, (size_t)hn)))
                    return false; /* two words of the house: which is a guess */
                snprintf(best, SPELL_WORD_MAX + 2, "%.*s", hn, b);
                found = true;
            }
    return found;
}

int spell_fix(const struct spell *s, const char *text, const struct decode_words *const *keep,
              int n_keep, char *out, size_t cap)
{
    size_t o = 0, tl = strlen(text);
    int mended = 0;
    if (!cap) return 0;
    for (size_t i = 0; i < tl;) {
        size_t j = i;
        bool after_word = i > 0 && (ascii_letter((unsigned char)text[i - 1]) || joins(text[i - 1]));
        bool starts = ascii_letter((unsigned char)text[i]) && !after_word;
        if (starts)
            while (j < tl && ascii_letter((unsigned char)text[j])) j++;
        else
            j = i + 1;
        const char *piece = text + i;
        size_t pl = j - i;
        char lw[SPELL_WORD_MAX + 1], best[SPELL_WORD_MAX + 2];
        int n = (int)pl;
        bool word = s && starts && n >= SPELL_WORD_MIN && n <= SPELL_WORD_MAX &&
                    !(j < tl && joins(text[j]));
        if (word) {
            for (int k = 0; k < n; k++) lw[k] = (char)(piece[k] | 32);
            lw[n] = 0;
            long long own = count_of(s, lw), got;
            if (!house_word(lw, keep, n_keep) &&
                ((!own && house_mend(lw, n, keep, n_keep, best)) ||
                 ((got = best_mend(s, lw, n, best)) > 0 && got >= SPELL_RATIO * own))) {
                bool upper = true; /* the case as typed: all capitals, or the first letter */
                for (int k = 0; k < n; k++) upper &= piece[k] >= 'A' && piece[k] <= 'Z';
                for (int k = 0; upper && best[k]; k++) best[k] = (char)(best[k] & ~32);
                best[0] = piece[0];
                piece = best;
                pl = strlen(best);
                mended++;
            }
        }
        if (o + pl >= cap) { /* no room: the text as typed */
            snprintf(out, cap, "%s", text);
            return 0;
        }
        memcpy(out + o, piece, pl);
        o += pl;
        i = j;
    }
    out[o] = 0;
    return mended;
}
