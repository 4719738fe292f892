/*
 * zh_words.h: where the words of a Chinese utterance begin and end. Chinese is written without
 * blanks, so the decoder (engine/decode.c) would otherwise treat every character as a word and
 * a copied span could stop inside one (垃圾袋 copied as 圾袋). The words come from a frequency
 * dictionary in jieba's format (one "word frequency [tag]" per line: Debian's python3-jieba
 * ships one), and a run of Chinese characters is cut into the most probable sequence of words
 * (the product of their unigram frequencies), as jieba does for words it knows.
 */
#ifndef ENGINE_ZH_WORDS_H
#define ENGINE_ZH_WORDS_H

#include <stddef.h>
#include <stdint.h>

#define ZH_WORD_MAX_CHARS 8 /* longer dictionary words are left out */

struct zh_words;

/* The dictionary configure found (--with-zh-words), or "" when it was built without one. */
const char *zh_words_default_path(void);

/* Reads a dictionary. Lines that are not "word frequency [tag]" with a word of 1 to
 * ZH_WORD_MAX_CHARS Chinese characters and a frequency of 1 or more are skipped (the file has
 * Latin words too); NULL with the reason in err when the file cannot be read, is not UTF-8 text,
 * or holds no Chinese word at all. */
struct zh_words *zh_words_load(const char *path, char *err, size_t errlen);
void zh_words_free(struct zh_words *zw);
int zh_words_count(const struct zh_words *zw);

/* Is the character at s (UTF-8, n bytes available) a Chinese ideograph? Its length in *len. */
int zh_is_han(const unsigned char *s, int n, int *len);

/* Cut s[0, n), a run of Chinese ideographs (UTF-8), into words: start[i] is set to 1 at every
 * byte offset 0 <= i < n where a word begins and 0 elsewhere. A word of three characters or
 * more whose rest after the first character is a word too also begins there: the dictionary
 * has verb-object words (听相声) whose object is what a speaker asks for. 0, or
 * HUB_ERR_NOMEM. */
int zh_words_cut(const struct zh_words *zw, const char *s, int n, uint8_t *start);

#endif
