/* weekdays.c: the days of the week an utterance names (see weekdays.h). English is read word by
 * word, Chinese character by character; both know single days, runs and ranges of days, and the
 * words for weekdays, weekends and every day. */
#include "engine/weekdays.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

/* days first..last, wrapping past sunday ("friday to monday") */
static unsigned day_range(int first, int last)
{
    unsigned m = 0;
    for (int d = first;; d = (d + 1) % 7) {
        m |= 1u << d;
        if (d == last) break;
    }
    return m;
}

/* ---- English ---- */

#define EN_WORDS 64
#define EN_WORD_MAX 16

/* Whether a and b differ by at most one edit: a letter changed, added or dropped, or two
 * neighbours swapped ("weekdyas", "teusdays", "monady"). */
static bool one_edit(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), i = 0;
    if (na < nb) {
        const char *t = a;
        a = b, b = t;
        size_t tn = na;
        na = nb, nb = tn;
    }
    if (na - nb > 1) return false;
    while (i < nb && a[i] == b[i]) i++;
    if (i == nb) return true;
    if (na == nb)
        return !strcmp(a + i + 1, b + i + 1) ||
               (i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] && !strcmp(a + i + 2, b + i + 2));
    return !strcmp(a + i + 1, b + i);
}

/* The day a word names (0 monday ... 6 sunday), or -1. "sun" is left out: it is the sun. A
 * whole day name may carry a typo. */
static int en_day(const char *w)
{
    static const char *const names[7][5] = {
        {"monday", "mondays", "mon", NULL},
        {"tuesday", "tuesdays", "tue", "tues", NULL},
        {"wednesday", "wednesdays", "wed", "weds", NULL},
        {"thursday", "thursdays", "thu", "thur", "thurs"},
        {"friday", "fridays", "fri", NULL},
        {"saturday", "saturdays", "sat", NULL},
        {"sunday", "sundays", NULL},
    };
    for (int d = 0; d < 7; d++)
        for (int i = 0; i < 5 && names[d][i]; i++)
            if (!strcmp(w, names[d][i])) return d;
    if (strlen(w) >= 6)
        for (int d = 0; d < 7; d++)
            for (int i = 0; i < 2; i++)
                if (one_edit(w, names[d][i])) return d;
    return -1;
}

/* Whether w is one of list (with a typo, when fuzzy and w is long enough to tell). */
static bool en_in(const char *w, const char *const *list, bool fuzzy)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(w, list[i]) || (fuzzy && strlen(w) >= 6 && one_edit(w, list[i]))) return true;
    return false;
}

static unsigned weekdays_en(const char *utt)
{
    /* words of letters and apostrophes, lower-cased; a hyphen between them is a word too
     * ("mon-fri") */
    char words[EN_WORDS][EN_WORD_MAX];
    int n = 0;
    for (const char *p = utt; *p && n < EN_WORDS;) {
        if (isalpha((unsigned char)*p)) {
            size_t k = 0;
            for (; isalpha((unsigned char)*p) || *p == '\''; p++)
                if (k + 1 < EN_WORD_MAX) words[n][k++] = (char)tolower((unsigned char)*p);
            words[n++][k] = '\0';
        } else {
            if (*p == '-' && n) strcpy(words[n++], "-");
            p++;
        }
    }
    static const char *const to[] = {"to", "through", "thru", "till", "until", "-", NULL};
    static const char *const workday[] = {"weekday", "weekdays", "workday", "workdays", NULL};
    static const char *const weekend[] = {"weekend", "weekends", NULL};
    static const char *const daily[] = {"daily", "everyday", NULL};
    static const char *const work_kind[] = {"work", "working", "school", "business", NULL};
    static const char *const day[] = {"day", "days", NULL};
    unsigned m = 0;
    for (int i = 0; i < n; i++) {
        const char *w = words[i];
        int d = en_day(w), e;
        if (d >= 0) {
            if (i + 2 < n && en_in(words[i + 1], to, false) && (e = en_day(words[i + 2])) >= 0) {
                m |= day_range(d, e);
                i += 2;
            } else {
                m |= 1u << d;
            }
        } else if (en_in(w, workday, true)) {
            m |= WEEKDAYS_WORK;
        } else if (en_in(w, weekend, true)) {
            m |= WEEKDAYS_WEEKEND;
        } else if (en_in(w, daily, false)) {
            m |= WEEKDAYS_ALL;
        } else if (i + 1 < n && en_in(w, work_kind, false) &&
                   (en_in(words[i + 1], day, false) || one_edit(words[i + 1], "days"))) {
            m |= WEEKDAYS_WORK; /* "work days", and "work dasy" */
        } else if (i + 1 < n && en_in(words[i + 1], day, false) &&
                   (!strcmp(w, "every") || !strcmp(w, "each"))) {
            m |= WEEKDAYS_ALL;
        } else if (i + 2 < n && (!strcmp(w, "every") || !strcmp(w, "each")) &&
                   !strcmp(words[i + 1], "single") && en_in(words[i + 2], day, false)) {
            m |= WEEKDAYS_ALL;
        }
    }
    return m;
}

/* ---- Chinese ---- */

/* The day a character names after 周/星期/礼拜 (0 monday ... 6 sunday), or -1; its length. */
static int zh_day(const char *s, int *len)
{
    static const char *const chars[] = {"一", "二", "三", "四", "五", "六", "日", "天"};
    for (int d = 0; d < 8; d++) {
        size_t k = strlen(chars[d]);
        if (!strncmp(s, chars[d], k)) {
            *len = (int)k;
            return d < 7 ? d : 6;
        }
    }
    return -1;
}

/* Whether s starts with one of list; its length in *len. */
static bool zh_starts(const char *s, const char *const *list, int *len)
{
    for (int i = 0; list[i]; i++) {
        size_t k = strlen(list[i]);
        if (!strncmp(s, list[i], k)) {
            *len = (int)k;
            return true;
        }
    }
    return false;
}

/* A day after 周 that goes on into a time or a count (周一三点: three o'clock) or into another
 * word (周六日落: sunset) is no other day of the run. */
static bool zh_day_ends(const char *s)
{
    static const char *const more[] = {"点", "时", "号", "十", "个", "分", "次", "度", "百", "千",
                                       "小", "楼", "层", "半", "落", "出", "旦", "起", "样", "直",
                                       "下", "些", "会", "共", "定", "切", "般", "边", "秒", NULL};
    int k;
    return !zh_starts(s, more, &k);
}

static unsigned weekdays_zh(const char *utt)
{
    static const char *const prefix[] = {"星期", "礼拜", "周", NULL};
    static const char *const joint[] = {"、", "，", "和", "跟", "与", "及", ",", NULL};
    static const char *const range[] = {"到", "至", "~", "-", "—", "－", NULL};
    static const char *const workday[] = {"工作日", "上班日", NULL};
    static const char *const weekend[] = {"周末", "双休日", NULL};
    static const char *const daily[] = {"每天", "天天", "每日", NULL};
    static const char *const count[] = {"一", "两", "二", "三", "几", NULL};
    unsigned m = 0;
    for (const char *p = utt; *p;) {
        int k, dl, d, c;
        /* 一周一次, 两个星期: weeks counted, no day (每个星期天, 那个星期四 are days) */
        bool counted = p - utt >= 3 && zh_starts(p - 3, count, &c);
        if (p - utt >= 6 && !strncmp(p - 3, "个", 3)) counted = zh_starts(p - 6, count, &c);
        if (zh_starts(p, workday, &k)) {
            m |= WEEKDAYS_WORK;
        } else if (zh_starts(p, weekend, &k)) {
            m |= WEEKDAYS_WEEKEND;
        } else if (zh_starts(p, daily, &k)) {
            m |= WEEKDAYS_ALL;
        } else if (!counted && zh_starts(p, prefix, &k) && (d = zh_day(p + k, &dl)) >= 0) {
            /* a day, then more days of a run (周一三五, 周一、三), or a range (周一到周四) */
            k += dl;
            m |= 1u << d;
            for (;;) {
                int j = 0, pl = 0, e, el;
                bool is_range = zh_starts(p + k, range, &j), listed = false;
                if (!is_range && zh_starts(p + k, joint, &j)) listed = !strncmp(p + k, "、", 3);
                zh_starts(p + k + j, prefix, &pl);
                /* without 周 again, only a run (周一三五), a list with 、 or a range goes on */
                if (!pl && j && !is_range && !listed) break;
                /* ... and never with 天 (周五天黑: when it gets dark) */
                const char *q = p + k + j + pl;
                if ((e = zh_day(q, &el)) < 0 ||
                    (!pl && (!strncmp(q, "天", 3) || !zh_day_ends(q + el))))
                    break;
                m |= is_range ? day_range(d, e) : 1u << e;
                d = e;
                k += j + pl + el;
            }
        } else {
            k = 1;
        }
        p += k;
    }
    return m;
}

unsigned weekdays_said(const char *utterance)
{
    if (!utterance) return 0;
    return weekdays_en(utterance) | weekdays_zh(utterance);
}
