/*
 * spell.h: light typos of typed English commands mended before the model reads them ("pasue
 * the movie", "tick it off the shopping lisst"). The words and their counts come from the
 * training corpus (`hub-train words`, data/words/en-vocab.txt); a word the corpus rarely or
 * never has is replaced by the corpus's most frequent word one typo away, where the typo is
 * one the corpus generator makes too (engine/corpus.c typo()): an inner letter doubled, two
 * neighbouring letters swapped (never the first), or an inner letter dropped. A word the corpus
 * lacks that is one such typo (or, six letters or more, one inner letter written for another)
 * of a word of the house's own names is that word first ("bunkhosue", "projecter"). The first
 * and last letters, short words, words with digits or apostrophes and the house's own names
 * stay.
 */
#ifndef ENGINE_SPELL_H
#define ENGINE_SPELL_H

#include <stddef.h>

#define SPELL_WORD_MIN 4  /* shorter words are left as typed */
#define SPELL_WORD_MAX 31 /* longer words too, and longer words of the file are refused */

struct spell;
struct decode_words;

/* Reads "word count" lines (a word of lower-case ASCII letters, 2 to SPELL_WORD_MAX of them; a
 * count from 1 to 10^12). NULL with the reason (and the line) in err on a bad line, an
 * unreadable or empty file. */
struct spell *spell_load(const char *path, char *err, size_t errlen);
void spell_free(struct spell *s);
int spell_count(const struct spell *s);

/* text with its typos mended into out (cap bytes, always terminated; a text that would not fit
 * is copied unchanged, cut at cap). Words inside the names of keep[0..n_keep) (lower-case
 * lists, each may be NULL) are the house's and stay. Returns how many words were mended. */
int spell_fix(const struct spell *s, const char *text, const struct decode_words *const *keep,
              int n_keep, char *out, size_t cap);

#endif
