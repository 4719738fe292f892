/* numbers.h: turns the number spans that the intent line copies from an utterance ("forty two",
 * "50%", "二十五度", "百分之五十", "an hour and a half", "一个半小时") into numbers, and renders
 * numbers as English or Chinese words for the training-data generator. English and Simplified
 * Chinese; every parser is bounded and refuses what it does not understand (HUB_ERR_INVALID). */
#ifndef HUB_NUMBERS_H
#define HUB_NUMBERS_H
#include <stddef.h>

/* Longest span the parsers accept, in bytes. */
#define NUM_SPAN_MAX 256

/* A plain number with optional unit words ("42", "forty-two percent", "2,700 K", "21.5°C",
 * "a hundred", "half", "二十五", "两千七", "百分之五十", "二十一点五度"). HUB_OK or
 * HUB_ERR_INVALID. */
int num_parse(const char *span, double *out);

/* A slot value of the intent line: like num_parse plus the slot's own words: brightness "max",
 * "full", "最亮" = 100 and "lowest", "最暗" = 1; position/percentage/volume_level "max" = 100,
 * "min" = 0, "half(way)"/"一半" = 50; volume_step takes a leading '-' (the decoder's sign for
 * "down by ..."). Durations (hours, minutes, seconds and start_*) accept "a half" forms. */
int num_parse_slot(const char *slot, const char *span, double *out);

/* A whole duration: "an hour and a half", "2 hours 30 minutes", "90 seconds", "一个半小时",
 * "半小时", "一小时二十分钟". Fractions carry into the smaller units (1.5 h = 1 h 30 min). */
struct num_duration {
    long hours, minutes, seconds;
};
int num_parse_duration(const char *span, struct num_duration *out);

/* The longest duration that text starts with, at least min_len bytes long, where the bytes past
 * min_len add no number but a half and unit words: a span copied short of its fraction or unit
 * ("an hour" of "an hour and a half", "one and a" of "one and a half hours", "一个" of
 * "一个半小时后"). Ends on a word (Chinese: character) boundary. Its length, with the duration
 * in *out; 0 when text starts with no such duration (the first min_len bytes alone included). */
size_t num_duration_extend(const char *text, size_t min_len, struct num_duration *out);

/* A time of day: "10 pm", "10:30 p.m.", "22:00", "seven thirty in the evening", "half past
 * seven", "quarter to eight", "noon", "midnight", "早上7点", "晚上十点半", "下午3点15分",
 * "凌晨两点", "7:30". *secs = seconds since midnight (0..86399). HUB_OK or HUB_ERR_INVALID. */
int num_parse_time(const char *span, int *secs);

/* English words for 0..999999 ("forty-two" when hyphen, else "forty two"). HUB_OK or
 * HUB_ERR_RANGE. */
int num_words_en(long v, int hyphen, char *buf, size_t len);
/* Chinese words for 0..99999999; liang: write 两 for a leading 2 (before measure words). */
int num_words_zh(long v, int liang, char *buf, size_t len);

#endif
