/*
 * phrases.c: rarer phrasings of an action rewritten to the common ones before the model reads
 * an utterance, and the answer's free text mapped back to the words said (phrases.h). The
 * phrases are few (hundreds), so each place of the text tries them all, longest first.
 */
#define _GNU_SOURCE /* strcasestr */
#include "engine/phrases.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/decode.h"

#define PHRASES_MAX 4096     /* entries a file may hold */
#define PHRASE_TEXT_MAX 1024 /* longest text rewritten, bytes */

struct phrase {
    char said[PHRASE_MAX + 1], canon[PHRASE_MAX + 1];
    int said_len;
    bool words; /* ASCII: whole words, any case */
};

struct phrases {
    struct phrase *p;
    int n;
};

/* A word's letters: what may not stand right before or after a whole-word phrase. */
static bool word_byte(int c) { return isalnum(c) || c == '\''; }

static bool ascii_phrase(const char *s)
{
    if (!islower((unsigned char)s[0])) return false;
    for (const char *q = s; *q; q++)
        if (!islower((unsigned char)*q) && *q != ' ' && *q != '\'' && *q != '-') return false;
    return islower((unsigned char)s[strlen(s) - 1]);
}

/* Well-formed UTF-8 with no control characters. */
static bool utf8_text(const char *s)
{
    for (const unsigned char *q = (const unsigned char *)s; *q;) {
        int k = *q < 0x80 ? 0 : (*q & 0xe0) == 0xc0 ? 1 : (*q & 0xf0) == 0xe0 ? 2
              : (*q & 0xf8) == 0xf0 ? 3 : -1;
        if (k < 0 || (k == 0 && *q < 0x20)) return false;
        for (int i = 1; i <= k; i++)
            if ((q[i] & 0xc0) != 0x80) return false;
        q += k + 1;
    }
    return true;
}

/* Longest said phrase first, so that "turn the power off" beats "power off" at a place. */
static int longer_first(const void *a, const void *b)
{
    const struct phrase *x = a, *y = b;
    if (x->said_len != y->said_len) return y->said_len - x->said_len;
    return strcmp(x->said, y->said);
}

struct phrases *phrases_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    struct phrases *ps = calloc(1, sizeof *ps);
    int cap = 0, lineno = 0;
    char line[2 * PHRASE_MAX + 8];
    if (!ps) goto nomem;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        if (len && line[len - 1] != '\n' && !feof(f)) goto bad; /* longer than any good line */
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        if (!len || line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab || strchr(tab + 1, '\t')) goto bad;
        *tab = 0;
        const char *said = line, *canon = tab + 1;
        size_t sl = strlen(said), cl = strlen(canon);
        if (!sl || !cl || sl > PHRASE_MAX || cl > PHRASE_MAX || !utf8_text(said) ||
            !utf8_text(canon))
            goto bad;
        bool words = (unsigned char)said[0] < 0x80;
        if (words && (!ascii_phrase(said) || !ascii_phrase(canon))) goto bad;
        if (ps->n == PHRASES_MAX) {
            snprintf(err, errlen, "%s:%d: more than %d phrases", path, lineno, PHRASES_MAX);
            goto fail;
        }
        if (ps->n == cap) {
            cap = cap ? cap * 2 : 128;
            struct phrase *grown = realloc(ps->p, (size_t)cap * sizeof *grown);
            if (!grown) goto nomem;
            ps->p = grown;
        }
        struct phrase *e = &ps->p[ps->n++];
        memcpy(e->said, said, sl + 1);
        memcpy(e->canon, canon, cl + 1);
        e->said_len = (int)sl;
        e->words = words;
    }
    if (ferror(f)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        goto fail;
    }
    if (!ps->n) {
        snprintf(err, errlen, "%s: no phrases", path);
        goto fail;
    }
    fclose(f);
    qsort(ps->p, (size_t)ps->n, sizeof *ps->p, longer_first);
    return ps;
bad:
    snprintf(err, errlen, "%s:%d: not a \"said<TAB>canonical\" line (each side 1 to %d bytes of "
             "UTF-8; an English phrase in lower-case letters)", path, lineno, PHRASE_MAX);
    goto fail;
nomem:
    snprintf(err, errlen, "%s: out of memory", path);
fail:
    fclose(f);
    phrases_free(ps);
    return NULL;
}

void phrases_free(struct phrases *p)
{
    if (!p) return;
    free(p->p);
    free(p);
}

int phrases_count(const struct phrases *p) { return p ? p->n : 0; }

/* Does the phrase stand at s (whole words for an English one, after a word boundary)? */
static bool said_at(const struct phrase *e, const char *text, const char *s)
{
    if (!e->words) return !strncmp(s, e->said, (size_t)e->said_len);
    return (s == text || !word_byte((unsigned char)s[-1])) &&
           !strncasecmp(s, e->said, (size_t)e->said_len) &&
           !word_byte((unsigned char)s[e->said_len]);
}

/* Marks in named[] the bytes of text that a name of keep[0..n_keep) covers (any case). */
static void house_bytes(const char *text, const struct decode_words *const *keep, int n_keep,
                        bool *named)
{
    for (int k = 0; k < n_keep; k++)
        for (int i = 0; keep[k] && i < keep[k]->n; i++) {
            size_t nl = strlen(keep[k]->s[i]);
            for (const char *q = text; nl && (q = strcasestr(q, keep[k]->s[i])); q++)
                memset(named + (q - text), 1, nl);
        }
}

int phrases_rewrite(const struct phrases *p, const char *text,
                    const struct decode_words *const *keep, int n_keep, char *out, size_t cap,
                    struct phrase_map *map)
{
    size_t o = 0, tl = strlen(text);
    int done = 0;
    bool named[PHRASE_TEXT_MAX] = {false};
    if (map) map->n = 0;
    if (!cap) return 0;
    if (tl >= PHRASE_TEXT_MAX) p = NULL; /* no command is this long: read as said */
    else house_bytes(text, keep, n_keep, named);
    for (size_t i = 0; i < tl;) {
        const struct phrase *hit = NULL;
        for (int k = 0; p && k < p->n && !hit && done < PHRASE_SEGS_MAX; k++)
            if (said_at(&p->p[k], text, text + i) &&
                !memchr(named + i, 1, (size_t)p->p[k].said_len))
                hit = &p->p[k];
        size_t take = 1, put;
        const char *piece = text + i;
        char canon[PHRASE_MAX + 1];
        if (hit) {
            take = (size_t)hit->said_len;
            snprintf(canon, sizeof canon, "%s", hit->canon);
            /* "Disable the fan": the capital kept; "POWER DOWN" is no capital word */
            if (hit->words && isupper((unsigned char)text[i]) &&
                !isupper((unsigned char)text[i + 1]))
                canon[0] = (char)toupper((unsigned char)canon[0]);
            piece = canon;
            put = strlen(canon);
        } else {
            while (i + take < tl && ((unsigned char)text[i + take] & 0xc0) == 0x80) take++;
            put = take;
        }
        if (o + put >= cap) { /* no room: the text as said */
            snprintf(out, cap, "%s", text);
            if (map) map->n = 0;
            return 0;
        }
        if (hit && map)
            map->seg[map->n++] = (struct phrase_seg){(int)i, (int)take, (int)o, (int)put};
        done += hit != NULL;
        memcpy(out + o, piece, put);
        o += put;
        i += take;
    }
    out[o] = 0;
    return done;
}

/* Where offset at of the rewritten text falls in the text said: a start inside a rewrite
 * goes to the rewrite's start, an end (end true) to its end. */
static int said_offset(const struct phrase_map *m, int at, bool end)
{
    int shift = 0;
    for (int k = 0; k < m->n; k++) {
        const struct phrase_seg *s = &m->seg[k];
        if (end ? at <= s->to : at < s->to) break;
        if (end ? at <= s->to + s->to_len : at < s->to + s->to_len)
            return end ? s->from + s->from_len : s->from;
        shift = s->from + s->from_len - (s->to + s->to_len);
    }
    return at + shift;
}

bool phrases_said(const struct phrase_map *map, const char *text, const char *out,
                  const char *value, char *buf, size_t cap)
{
    size_t vl = value ? strlen(value) : 0;
    if (!map || !map->n || !vl || !cap) return false;
    const char *at = strcasestr(out, value);
    if (!at) return false;
    int s = (int)(at - out), e = s + (int)vl;
    bool touches = false;
    for (int k = 0; k < map->n; k++)
        touches |= s < map->seg[k].to + map->seg[k].to_len && e > map->seg[k].to;
    if (!touches) return false;
    int from = said_offset(map, s, false), to = said_offset(map, e, true);
    if (from < 0 || to < from || (size_t)to > strlen(text)) return false;
    snprintf(buf, cap, "%.*s", to - from, text + from);
    return true;
}
