/*
 * phrases.h: less common ways of saying an action rewritten to the phrasing the intent model
 * knows best ("power down the fan" -> "turn off the fan", 启用风扇 -> 打开风扇) before it reads
 * the utterance (data/words/LANG-phrases.txt). The model learnt each action from a few common
 * verbs and follows a rarer one poorly; the rewrite hands it the common one. Free text the
 * answer takes from the utterance is mapped back to the words as said (phrases_said).
 */
#ifndef ENGINE_PHRASES_H
#define ENGINE_PHRASES_H

#include <stdbool.h>
#include <stddef.h>

#define PHRASE_MAX 63      /* bytes of a phrase, either side of the tab */
#define PHRASE_SEGS_MAX 16 /* rewrites one utterance may take */

struct phrases;
struct decode_words;

/* What a rewrite replaced: bytes [from, from + from_len) of the text became [to, to + to_len)
 * of the rewritten one, in order. */
struct phrase_map {
    int n;
    struct phrase_seg {
        int from, from_len, to, to_len;
    } seg[PHRASE_SEGS_MAX];
};

/* Reads "said<TAB>canonical" lines ('#' comments and blank lines skipped). A phrase of ASCII
 * (lower case) matches whole words in any case; any other matches wherever it is. NULL with
 * the reason (and the line) in err on a bad line, an unreadable or empty file. */
struct phrases *phrases_load(const char *path, char *err, size_t errlen);
void phrases_free(struct phrases *p);
int phrases_count(const struct phrases *p);

/* text with its phrases rewritten into out (cap bytes, always terminated; the longest phrase
 * wins at a place). A phrase that touches a name of keep[0..n_keep) said in the text (lower-
 * case lists, each may be NULL) stays: it is the house's own ("Stream Deck"), or part of it
 * (锁打开 of 门锁打开 where 门锁 is a name). A text that would not fit, or of 1024 bytes or
 * more, is copied unchanged. Returns how many phrases were rewritten; map (may be NULL)
 * records where. */
int phrases_rewrite(const struct phrases *p, const char *text,
                    const struct decode_words *const *keep, int n_keep, char *out, size_t cap,
                    struct phrase_map *map);

/* value, a span of the rewritten text out that overlaps a rewrite, as said in text: the words
 * of text it stands for, into buf (cap bytes). False, buf untouched, when value is no such span
 * (not found in out, or touching no rewrite). */
bool phrases_said(const struct phrase_map *map, const char *text, const char *out,
                  const char *value, char *buf, size_t cap);

#endif
