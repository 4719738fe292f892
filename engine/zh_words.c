/*
 * zh_words.c: a Chinese word dictionary and the cut of a run of characters into its most
 * probable words (zh_words.h). The dictionary keeps no strings: a word is a 64-bit hash of its
 * bytes in an open-addressed table beside its frequency, so jieba's 350 000 words take about
 * 6 MB and a lookup is one probe or two. Two words sharing a hash would share a frequency;
 * with 2^64 hashes and a few hundred thousand words that never happens in practice, and the
 * cost would be one wrong word boundary.
 */
#include "engine/zh_words.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub_status.h"

#ifndef HUB_ZH_WORDS
#define HUB_ZH_WORDS ""
#endif

#define ZH_MAX_WORDS (4u << 20) /* a dictionary bigger than this is not a word list */

struct zh_words {
    uint64_t *key; /* 0: empty slot */
    uint32_t *freq;
    uint32_t mask; /* slots - 1 */
    int n;
    double log_total; /* log of the sum of all frequencies */
};

const char *zh_words_default_path(void)
{
    return HUB_ZH_WORDS;
}

/* FNV-1a over the bytes, never 0 (the empty slot). */
static uint64_t zh_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    return h ? h : 1;
}

int zh_is_han(const unsigned char *s, int n, int *len)
{
    *len = 1;
    if (n < 3 || (s[0] & 0xF0) != 0xE0 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
        return 0;
    unsigned cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    *len = 3;
    /* the unified ideographs and extension A: every character of everyday writing */
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/* Number of Chinese characters if w[0, n) is made of them only, else 0. */
static int han_chars(const char *w, size_t n)
{
    int chars = 0, len;
    for (size_t i = 0; i < n; i += (size_t)len) {
        if (!zh_is_han((const unsigned char *)w + i, (int)(n - i), &len)) return 0;
        chars++;
    }
    return chars;
}

static uint32_t *zh_slot_freq(const struct zh_words *zw, uint64_t h, int insert, int *found)
{
    uint32_t i = (uint32_t)(h ^ (h >> 32)) & zw->mask;
    while (zw->key[i] && zw->key[i] != h) i = (i + 1) & zw->mask;
    *found = zw->key[i] == h;
    if (!*found && insert) zw->key[i] = h;
    return &zw->freq[i];
}

static int zh_lookup(const struct zh_words *zw, const char *s, size_t n, uint32_t *freq)
{
    int found;
    uint32_t *f = zh_slot_freq(zw, zh_hash(s, n), 0, &found);
    if (found) *freq = *f;
    return found;
}

/* One dictionary line: its word and frequency, or 0 when it is not a word line we keep. */
static int zh_parse_line(char *line, size_t *wlen, unsigned long *freq)
{
    char *sp = strchr(line, ' ');
    if (!sp || sp == line) return 0;
    *wlen = (size_t)(sp - line);
    int chars = han_chars(line, *wlen);
    if (chars < 1 || chars > ZH_WORD_MAX_CHARS) return 0;
    char *end;
    errno = 0;
    *freq = strtoul(sp + 1, &end, 10);
    if (errno || end == sp + 1 || *freq < 1 || *freq > UINT32_MAX) return 0;
    return *end == 0 || *end == ' ' || *end == '\n' || *end == '\r';
}

struct zh_words *zh_words_load(const char *path, char *err, size_t errlen)
{
    struct zh_words *zw = NULL;
    char *line = NULL;
    size_t cap = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "Chinese word list %s: %s", path, strerror(errno));
        return NULL;
    }
    /* first pass: how many words, so the table is sized once */
    uint32_t n = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, f)) > 0) {
        size_t wlen;
        unsigned long fr;
        if (memchr(line, 0, (size_t)got)) {
            snprintf(err, errlen, "Chinese word list %s: not a text file", path);
            goto fail;
        }
        if (zh_parse_line(line, &wlen, &fr) && ++n > ZH_MAX_WORDS) {
            snprintf(err, errlen, "Chinese word list %s: more than %u words", path, ZH_MAX_WORDS);
            goto fail;
        }
    }
    if (ferror(f)) {
        snprintf(err, errlen, "Chinese word list %s: read error", path);
        goto fail;
    }
    if (!n) {
        snprintf(err, errlen, "Chinese word list %s: no Chinese word in it", path);
        goto fail;
    }
    uint32_t slots = 1024;
    while (slots < n + n / 2) slots <<= 1;
    zw = calloc(1, sizeof *zw);
    if (!zw || !(zw->key = calloc(slots, sizeof *zw->key)) ||
        !(zw->freq = calloc(slots, sizeof *zw->freq))) {
        snprintf(err, errlen, "Chinese word list %s: out of memory", path);
        goto fail;
    }
    zw->mask = slots - 1;
    rewind(f);
    double total = 0;
    while ((got = getline(&line, &cap, f)) > 0) {
        size_t wlen;
        unsigned long fr;
        if (!zh_parse_line(line, &wlen, &fr)) continue;
        int found;
        uint32_t *slot = zh_slot_freq(zw, zh_hash(line, wlen), 1, &found);
        if (found) total -= *slot; /* a word listed twice keeps its last frequency */
        else if (zw->n >= (int)n) continue; /* the file changed under us: keep what fits */
        else zw->n++;
        *slot = (uint32_t)fr;
        total += (double)fr;
    }
    zw->log_total = log(total);
    free(line);
    fclose(f);
    return zw;
fail:
    free(line);
    fclose(f);
    zh_words_free(zw);
    return NULL;
}

void zh_words_free(struct zh_words *zw)
{
    if (!zw) return;
    free(zw->key);
    free(zw->freq);
    free(zw);
}

int zh_words_count(const struct zh_words *zw)
{
    return zw ? zw->n : 0;
}

/* best[i]: the log probability of the best cut of characters i.. ; next[i]: where the first
 * word of that cut ends. A character the dictionary lacks counts as a word of frequency 1. */
int zh_words_cut(const struct zh_words *zw, const char *s, int n, uint8_t *start)
{
    int m = 0, len;
    if (n <= 0) return HUB_OK;
    for (int i = 0; i < n; i += len) {
        zh_is_han((const unsigned char *)s + i, n - i, &len);
        m++;
    }
    int *off = malloc(((size_t)m + 1) * sizeof *off);
    int *next = malloc(((size_t)m + 1) * sizeof *next);
    double *best = malloc(((size_t)m + 1) * sizeof *best);
    if (!off || !next || !best) {
        free(off), free(next), free(best);
        return HUB_ERR_NOMEM;
    }
    m = 0;
    for (int i = 0; i < n; i += len) {
        zh_is_han((const unsigned char *)s + i, n - i, &len);
        off[m++] = i;
    }
    off[m] = n;
    best[m] = 0;
    for (int i = m - 1; i >= 0; i--) {
        best[i] = -INFINITY;
        for (int j = i + 1; j <= m && j - i <= ZH_WORD_MAX_CHARS; j++) {
            uint32_t fr = 1;
            if (!zh_lookup(zw, s + off[i], (size_t)(off[j] - off[i]), &fr) && j > i + 1) continue;
            double p = log((double)fr) - zw->log_total + best[j];
            if (p >= best[i]) { /* on a tie the longer word, as jieba */
                best[i] = p;
                next[i] = j;
            }
        }
    }
    memset(start, 0, (size_t)n);
    uint32_t fr;
    for (int i = 0; i < m; i = next[i]) {
        start[off[i]] = 1;
        /* a verb of one character and its object make dictionary words (听相声) that the
         * speaker's object must still be copied out of */
        if (next[i] - i >= 3 &&
            zh_lookup(zw, s + off[i + 1], (size_t)(off[next[i]] - off[i + 1]), &fr))
            start[off[i + 1]] = 1;
    }
    free(off), free(next), free(best);
    return HUB_OK;
}
