/* numbers.c: number spans of English and Chinese utterances -> numbers (see numbers.h), and
 * numbers -> words for the generator. The intent line keeps numbers as the speaker said them
 * (the decoder may only copy spans); this is where they become JSON numbers. */
#include "engine/numbers.h"
#include "hub_status.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small string helpers on a bounded, lower-cased copy ---- */

/* Copies span into buf lower-cased (ASCII only) with spaces trimmed and runs collapsed; full-width
 * digits and '％' become ASCII. Returns 0, or -1 when too long or empty. */
static int num_norm_copy(const char *span, char *buf, size_t len)
{
    size_t o = 0;
    int space = 0;
    if (!span) return -1;
    for (const unsigned char *p = (const unsigned char *)span; *p;) {
        if (o + 4 >= len) return -1;
        /* U+FF10..U+FF19 full-width digits: EF BC 90..99; U+FF05 '％': EF BC 85 */
        if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
            if (space && o) buf[o++] = ' ';
            space = 0;
            buf[o++] = (char)('0' + p[2] - 0x90);
            p += 3;
            continue;
        }
        if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x85) {
            buf[o++] = '%';
            p += 3;
            continue;
        }
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = 1;
            p++;
            continue;
        }
        if (space && o) buf[o++] = ' ';
        space = 0;
        buf[o++] = (char)tolower(*p);
        p++;
    }
    buf[o] = 0;
    return o ? 0 : -1;
}

static int num_ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && memcmp(s + a - b, suf, b) == 0;
}

static void num_rtrim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '-')) s[--n] = 0;
}

/* Unit words after a number. Longest first where one is a suffix of another. Short ASCII units
 * ("k", "s", "h", "c", "f") only count right after a digit or a space. */
static const char *const num_units[] = {
    "degrees celsius", "degrees fahrenheit", "degree celsius", "degree fahrenheit",
    "degrees", "degree", "percent", "per cent", "pct", "kelvin", "°c", "°f", "°", "%",
    "hours", "hour", "hrs", "hr", "minutes", "minute", "mins", "min", "seconds", "second",
    "secs", "sec", "celsius", "fahrenheit",
    "摄氏度", "华氏度", "开尔文", "个小时", "个钟头", "小时", "钟头", "分钟", "秒钟", "度", "开",
    "秒", "分", "个", "档", "級", "级", "k", "s", "h", "c", "f", NULL,
};

/* Removes unit words from the end (repeatedly) and "百分之" from the front. */
static void num_strip_units(char *s)
{
    int again = 1;
    if (strncmp(s, "百分之", 9) == 0) memmove(s, s + 9, strlen(s + 9) + 1);
    while (again) {
        again = 0;
        num_rtrim(s);
        for (int i = 0; num_units[i]; i++) {
            const char *u = num_units[i];
            size_t n = strlen(s), un = strlen(u);
            if (!num_ends_with(s, u) || n == un) continue;
            if (un == 1 && isalpha((unsigned char)u[0])) {
                char prev = s[n - 2];
                if (!isdigit((unsigned char)prev) && prev != ' ') continue;
            } else if (isalpha((unsigned char)u[0])) {
                /* a word unit needs a word boundary: "tens" is not "ten" + "s" */
                char prev = s[n - un - 1];
                if (isalpha((unsigned char)prev)) continue;
            }
            s[n - un] = 0;
            again = 1;
            break;
        }
    }
    num_rtrim(s);
}

/* ---- English ---- */

static const char *const num_en_small[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
};
static const char *const num_en_tens[] = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
};

static int num_en_word(const char *w, long *v)
{
    for (int i = 0; i < 20; i++)
        if (!strcmp(w, num_en_small[i])) return *v = i, 1;
    for (int i = 2; i < 10; i++)
        if (!strcmp(w, num_en_tens[i])) return *v = i * 10, 1;
    if (!strcmp(w, "fourty")) return *v = 40, 1; /* common misspelling */
    if (!strcmp(w, "oh") || !strcmp(w, "nil") || !strcmp(w, "none")) return *v = 0, 1;
    if (!strcmp(w, "a") || !strcmp(w, "an") || !strcmp(w, "single")) return *v = 1, 1;
    if (!strcmp(w, "couple")) return *v = 2, 1;
    if (!strcmp(w, "dozen")) return *v = 12, 1;
    return 0;
}

/* Digits with optional thousands commas and a decimal point: "2,700", "21.5", "-3". */
static int num_parse_digits(const char *w, double *out)
{
    char clean[64];
    size_t o = 0;
    int digits = 0, dot = 0;
    for (const char *p = w; *p; p++) {
        if (o + 1 >= sizeof clean) return 0;
        if (*p == ',' && digits) continue;
        if (*p == '.' && !dot) {
            dot = 1;
            clean[o++] = '.';
            continue;
        }
        if (*p == '-' && o == 0) {
            clean[o++] = '-';
            continue;
        }
        if (!isdigit((unsigned char)*p)) return 0;
        digits++;
        clean[o++] = *p;
    }
    if (!digits) return 0;
    clean[o] = 0;
    char *end;
    *out = strtod(clean, &end);
    return *end == 0;
}

/* English words (and digits) -> number. Accepts "forty two", "forty-two", "a hundred and five",
 * "two thousand seven hundred", "one and a half", "half", "a half", "twenty one point five",
 * "2 thousand", "three quarters". */
static int num_parse_en(const char *s, double *out)
{
    char buf[NUM_SPAN_MAX];
    char *tok[64];
    int nt = 0;
    if (strlen(s) >= sizeof buf) return -1;
    strcpy(buf, s);
    for (char *p = buf; *p; p++)
        if (*p == '-' && p != buf) *p = ' ';
    for (char *save = NULL, *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        if (nt == 64) return -1;
        tok[nt++] = t;
    }
    if (nt == 0) return -1;
    double total = 0, current = 0, frac = 0;
    int seen = 0, point = 0;
    double scale = 0.1;
    for (int i = 0; i < nt; i++) {
        const char *w = tok[i];
        long v;
        double d;
        if (point) {
            if (num_en_word(w, &v) && v < 10) {
                frac += v * scale;
                scale /= 10;
                continue;
            }
            if (num_parse_digits(w, &d) && d >= 0 && strchr(w, '.') == NULL) {
                /* "point 5" */
                size_t nd = strlen(w);
                frac += d * pow(10, -(double)nd) * (scale * 10);
                scale *= pow(10, -(double)nd);
                continue;
            }
            return -1;
        }
        if (!strcmp(w, "and")) continue;
        /* "a three minute timer", "an 8 hour one": an article before a number, not one */
        if ((!strcmp(w, "a") || !strcmp(w, "an")) && i + 1 < nt &&
            (num_en_word(tok[i + 1], &v) || num_parse_digits(tok[i + 1], &d)))
            continue;
        if (!strcmp(w, "half") || !strcmp(w, "halves")) {
            /* "a half" / "one and a half": the "a" before already counted 1 */
            if (i >= 1 && !strcmp(tok[i - 1], "a")) current -= 1;
            frac += 0.5;
            seen = 1;
            continue;
        }
        if (!strcmp(w, "quarter") || !strcmp(w, "quarters")) {
            double q = 0.25;
            if (i >= 1 && !strcmp(tok[i - 1], "a")) current -= 1;
            else if (i >= 1 && num_en_word(tok[i - 1], &v) && v > 1 && v < 4) {
                current -= v;
                q = 0.25 * v;
            }
            frac += q;
            seen = 1;
            continue;
        }
        if (!strcmp(w, "point") || !strcmp(w, "dot")) {
            point = 1;
            continue;
        }
        if (!strcmp(w, "hundred")) {
            current = (current == 0 ? 1 : current) * 100;
            seen = 1;
            continue;
        }
        if (!strcmp(w, "thousand")) {
            total += (current == 0 ? 1 : current) * 1000;
            current = 0;
            seen = 1;
            continue;
        }
        if (num_en_word(w, &v)) {
            current += v;
            seen = 1;
            continue;
        }
        if (num_parse_digits(w, &d)) {
            current += d;
            seen = 1;
            continue;
        }
        return -1;
    }
    if (!seen) return -1;
    *out = total + current + frac;
    return 0;
}

/* ---- Chinese ---- */

/* Decodes one UTF-8 code point; returns its length, 0 at end, -1 when malformed. */
static int num_utf8(const char *s, unsigned *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!p[0]) return 0;
    if (p[0] < 0x80) return *cp = p[0], 1;
    if ((p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80)
        return *cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu), 2;
    if ((p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
        return *cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu), 3;
    if ((p[0] & 0xF8) == 0xF0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
        (p[3] & 0xC0) == 0x80)
        return *cp = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) |
                     (p[3] & 0x3Fu),
               4;
    return -1;
}

static int num_zh_digit(unsigned cp)
{
    switch (cp) {
    case 0x96F6: case 0x3007: return 0;             /* 零 〇 */
    case 0x4E00: case 0x5E7A: return 1;             /* 一 幺 */
    case 0x4E8C: case 0x4E24: case 0x5169: return 2; /* 二 两 兩 */
    case 0x4E09: return 3;
    case 0x56DB: return 4;
    case 0x4E94: return 5;
    case 0x516D: return 6;
    case 0x4E03: return 7;
    case 0x516B: return 8;
    case 0x4E5D: return 9;
    }
    if (cp >= '0' && cp <= '9') return (int)(cp - '0');
    return -1;
}

static long num_zh_unit(unsigned cp)
{
    switch (cp) {
    case 0x5341: case 0x62FE: return 10;    /* 十 拾 */
    case 0x767E: case 0x4F70: return 100;   /* 百 佰 */
    case 0x5343: case 0x4EDF: return 1000;  /* 千 仟 */
    case 0x4E07: case 0x842C: return 10000; /* 万 萬 */
    }
    return 0;
}

/* Chinese numerals (with ASCII digits mixed in) -> number: "二十五", "一百零五", "两千七" (=2700),
 * "一百五" (=150), "十", "二十一点五", "二零二四" (digit by digit), "半" (=0.5), "三个半" (=3.5),
 * "50". */
static int num_parse_zh(const char *s, double *out)
{
    double total = 0, section = 0, num = 0, frac = 0;
    long last_unit = 0;
    int any = 0, had_zero = 0, point = 0, nunits = 0, ndigits = 0, num_set = 0;
    double scale = 0.1, positional = 0;
    unsigned cp;
    int n;
    /* a run of ASCII digits is read whole ("50", "2.5") */
    double d;
    if (num_parse_digits(s, &d)) return *out = d, 0;
    for (const char *p = s; (n = num_utf8(p, &cp)) > 0; p += n) {
        int dg = num_zh_digit(cp);
        long u = num_zh_unit(cp);
        if (point) {
            if (dg < 0) return -1;
            frac += dg * scale;
            scale /= 10;
            continue;
        }
        if (dg >= 0) {
            if (cp >= '0' && cp <= '9' && num_set && !nunits) {
                num = num * 10 + dg; /* "25" inside Chinese text */
            } else {
                if (dg == 0) had_zero = 1;
                num = dg;
            }
            num_set = 1;
            positional = positional * 10 + dg;
            ndigits++;
            any = 1;
            continue;
        }
        if (u) {
            nunits++;
            if (u == 10000) {
                total += (section + num) * 10000;
                section = 0;
            } else {
                section += (num_set ? num : (u == 10 ? 1 : 1)) * u;
            }
            num = 0;
            num_set = 0;
            had_zero = 0;
            last_unit = u;
            any = 1;
            continue;
        }
        if (cp == 0x70B9) { /* 点 */
            point = 1;
            continue;
        }
        if (cp == 0x534A) { /* 半 */
            frac += 0.5;
            any = 1;
            continue;
        }
        if (cp == 0x4E2A || cp == 0x500B) continue; /* 个 個 between a number and 半 */
        return -1;
    }
    if (n < 0 || !any) return -1;
    if (!nunits && ndigits > 1) {
        *out = positional + frac; /* "二零二四", "一五" */
        return 0;
    }
    /* a trailing digit right after 百/千/万 with no 零 is the next place down: 两千七 = 2700 */
    if (num_set && !had_zero && last_unit >= 100 && num < 10)
        num *= (double)(last_unit == 10000 ? 1000 : last_unit / 10);
    *out = total + section + num + frac;
    return 0;
}

static int num_has_cjk(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0xE0) return 1;
    return 0;
}

int num_parse(const char *span, double *out)
{
    char buf[NUM_SPAN_MAX];
    double v;
    int neg = 0;
    if (!out || num_norm_copy(span, buf, sizeof buf) < 0) return HUB_ERR_INVALID;
    /* below zero (outdoor temperatures): "minus five", "negative 3", "零下五度", "负五" */
    static const char *const minus[] = {"minus ", "negative ", "零下", "负", NULL};
    for (int i = 0; minus[i]; i++) {
        size_t n = strlen(minus[i]);
        if (!strncmp(buf, minus[i], n)) {
            memmove(buf, buf + n, strlen(buf + n) + 1);
            neg = 1;
            break;
        }
    }
    num_strip_units(buf);
    if (!buf[0] || (buf[0] == '-' && neg)) return HUB_ERR_INVALID;
    int rc = num_has_cjk(buf) ? num_parse_zh(buf, &v) : num_parse_en(buf, &v);
    if (rc < 0 || !isfinite(v)) return HUB_ERR_INVALID;
    *out = neg ? -v : v;
    return HUB_OK;
}

/* ---- slot words ---- */

struct num_word {
    const char *word;
    double value;
};

static const struct num_word num_brightness_words[] = {
    {"max", 100}, {"maximum", 100}, {"full", 100}, {"fully", 100}, {"full brightness", 100},
    {"brightest", 100}, {"the brightest", 100}, {"100%", 100}, {"all the way up", 100},
    {"最亮", 100}, {"最大", 100}, {"全亮", 100}, {"最高", 100}, {"满", 100},
    {"lowest", 1}, {"min", 1}, {"minimum", 1}, {"dimmest", 1}, {"the lowest", 1},
    {"the dimmest", 1}, {"最暗", 1}, {"最低", 1}, {"最小", 1},
    {"half", 50}, {"half brightness", 50}, {"一半", 50}, {"半亮", 50}, {NULL, 0},
};

static const struct num_word num_percent_words[] = {
    {"max", 100}, {"maximum", 100}, {"full", 100}, {"fully", 100}, {"all the way", 100},
    {"最大", 100}, {"最高", 100}, {"全部", 100}, {"满", 100},
    {"min", 0}, {"minimum", 0}, {"lowest", 0}, {"最小", 0}, {"最低", 0},
    {"half", 50}, {"halfway", 50}, {"half way", 50}, {"一半", 50}, {NULL, 0},
};

static int num_lookup(const struct num_word *t, const char *s, double *out)
{
    for (; t->word; t++)
        if (!strcmp(t->word, s)) return *out = t->value, 1;
    return 0;
}

static int num_slot_is(const char *slot, const char *a)
{
    return !strcmp(slot, a);
}

int num_parse_slot(const char *slot, const char *span, double *out)
{
    char buf[NUM_SPAN_MAX];
    double v;
    int neg = 0;
    if (!slot || !out || num_norm_copy(span, buf, sizeof buf) < 0) return HUB_ERR_INVALID;
    const char *s = buf;
    if (num_slot_is(slot, "volume_step") && s[0] == '-') {
        neg = 1;
        s++;
        while (*s == ' ') s++;
    }
    if (num_slot_is(slot, "brightness") && num_lookup(num_brightness_words, s, out))
        return HUB_OK;
    if ((num_slot_is(slot, "position") || num_slot_is(slot, "percentage") ||
         num_slot_is(slot, "volume_level")) &&
        num_lookup(num_percent_words, s, out))
        return HUB_OK;
    int rc = num_parse(s, &v);
    if (rc != HUB_OK) return rc;
    if (neg) v = -v;
    /* "half" alone for a percentage-like slot means 50 */
    if ((num_slot_is(slot, "brightness") || num_slot_is(slot, "position") ||
         num_slot_is(slot, "percentage") || num_slot_is(slot, "volume_level")) &&
        v == 0.5 && (strstr(s, "half") || strstr(s, "半")))
        v = 50;
    *out = v;
    return HUB_OK;
}

/* ---- durations ---- */

/* Unit of a duration word: 3600, 60, 1, or 0. */
static long num_en_dur_unit(const char *w)
{
    static const char *const h[] = {"hours", "hour", "hrs", "hr", "h", NULL};
    static const char *const m[] = {"minutes", "minute", "mins", "min", "m", NULL};
    static const char *const s[] = {"seconds", "second", "secs", "sec", "s", NULL};
    for (int i = 0; h[i]; i++)
        if (!strcmp(w, h[i])) return 3600;
    for (int i = 0; m[i]; i++)
        if (!strcmp(w, m[i])) return 60;
    for (int i = 0; s[i]; i++)
        if (!strcmp(w, s[i])) return 1;
    return 0;
}

static int num_dur_fill(double secs, struct num_duration *out)
{
    if (!(secs >= 0) || secs > 1e7) return HUB_ERR_INVALID;
    long t = lround(secs);
    out->hours = t / 3600;
    out->minutes = (t % 3600) / 60;
    out->seconds = t % 60;
    return HUB_OK;
}

/* English: number words followed by a unit, repeated; "and a half" after a unit adds half of it;
 * "half an hour"; "an hour and a half"; digits glued to a unit ("10min", "2h"). */
static int num_dur_en(char *s, struct num_duration *out)
{
    char *tok[64];
    int nt = 0;
    for (char *p = s; *p; p++)
        if (*p == '-' || *p == ',') *p = ' ';
    for (char *save = NULL, *t = strtok_r(s, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        if (nt == 64) return HUB_ERR_INVALID;
        tok[nt++] = t;
    }
    double secs = 0;
    char numbuf[NUM_SPAN_MAX];
    size_t nb = 0;
    long last_unit = 0;
    int any = 0, half_pending = 0;
    numbuf[0] = 0;
    for (int i = 0; i < nt; i++) {
        char *w = tok[i];
        long u = num_en_dur_unit(w);
        /* "10min", "2h", "90s" */
        if (!u && isdigit((unsigned char)w[0])) {
            char *e = w;
            while (isdigit((unsigned char)*e) || *e == '.') e++;
            if (*e && (u = num_en_dur_unit(e)) != 0) {
                double v;
                char num[32];
                size_t k = (size_t)(e - w);
                if (k >= sizeof num) return HUB_ERR_INVALID;
                memcpy(num, w, k);
                num[k] = 0;
                if (nb) return HUB_ERR_INVALID;
                if (num_parse_en(num, &v) < 0) return HUB_ERR_INVALID;
                secs += v * (double)u;
                last_unit = u;
                any = 1;
                continue;
            }
            u = 0;
        }
        if (u) {
            double v = 1;
            if (half_pending) {
                v = 0.5;
                half_pending = 0;
                if (nb) return HUB_ERR_INVALID;
            } else if (nb) {
                if (num_parse_en(numbuf, &v) < 0) return HUB_ERR_INVALID;
            } else {
                return HUB_ERR_INVALID;
            }
            secs += v * (double)u;
            nb = 0;
            numbuf[0] = 0;
            last_unit = u;
            any = 1;
            continue;
        }
        /* "and a half" after a unit */
        if (last_unit && !strcmp(w, "and") && i + 2 < nt + 0 && i + 2 <= nt - 1 &&
            !strcmp(tok[i + 1], "a") && !strcmp(tok[i + 2], "half") && !nb) {
            secs += 0.5 * (double)last_unit;
            i += 2;
            continue;
        }
        /* "half an hour", "half a minute" */
        if (!strcmp(w, "half") && !nb && i + 2 < nt &&
            (!strcmp(tok[i + 1], "an") || !strcmp(tok[i + 1], "a"))) {
            half_pending = 1;
            i++;
            continue;
        }
        if (!strcmp(w, "and") && !nb) continue;
        if (!strcmp(w, "for") && !nb && !any) continue;
        size_t wl = strlen(w);
        if (nb + wl + 2 >= sizeof numbuf) return HUB_ERR_INVALID;
        if (nb) numbuf[nb++] = ' ';
        memcpy(numbuf + nb, w, wl + 1);
        nb += wl;
    }
    if (nb || half_pending || !any) return HUB_ERR_INVALID;
    return num_dur_fill(secs, out);
}

/* Chinese: number then unit (小时/个小时/钟头/分钟/分/秒钟/秒), repeated; "一个半小时" = 1.5 h,
 * "半小时" = 0.5 h, "半个小时" too, "一刻钟" = 15 min. */
static int num_dur_zh(const char *s, struct num_duration *out)
{
    static const struct {
        const char *w;
        long unit;
    } units[] = {
        {"个小时", 3600}, {"個小時", 3600}, {"小时", 3600}, {"小時", 3600}, {"个钟头", 3600},
        {"钟头", 3600}, {"分钟", 60}, {"分鐘", 60}, {"分", 60}, {"秒钟", 1}, {"秒", 1},
        {"刻钟", 900}, {NULL, 0},
    };
    char num[NUM_SPAN_MAX];
    size_t nb = 0;
    double secs = 0;
    int any = 0;
    const char *p = s;
    while (*p) {
        if (*p == ' ') {
            p++;
            continue;
        }
        int matched = 0;
        for (int i = 0; units[i].w; i++) {
            size_t ul = strlen(units[i].w);
            if (strncmp(p, units[i].w, ul)) continue;
            double v;
            num[nb] = 0;
            if (nb == 0) return HUB_ERR_INVALID;
            if (!strcmp(num, "半") || !strcmp(num, "半个")) v = 0.5;
            else if (num_parse_zh(num, &v) < 0) return HUB_ERR_INVALID;
            secs += v * (double)units[i].unit;
            nb = 0;
            p += ul;
            if (!strncmp(p, "半", strlen("半"))) { /* 两分半(钟): and a half of the unit */
                secs += 0.5 * (double)units[i].unit;
                p += strlen("半");
                if (!strncmp(p, "钟", strlen("钟"))) p += strlen("钟");
            }
            matched = any = 1;
            break;
        }
        if (matched) continue;
        unsigned cp;
        int n = num_utf8(p, &cp);
        if (n <= 0 || nb + (size_t)n + 1 >= sizeof num) return HUB_ERR_INVALID;
        if (cp == 0x53C8 || cp == 0x96F6) { /* 又, 零 between parts: "一小时零五分" */
            if (nb == 0 && any) {
                p += n;
                continue;
            }
        }
        memcpy(num + nb, p, (size_t)n);
        nb += (size_t)n;
        p += n;
    }
    if (nb || !any) return HUB_ERR_INVALID;
    return num_dur_fill(secs, out);
}

int num_parse_duration(const char *span, struct num_duration *out)
{
    char buf[NUM_SPAN_MAX];
    if (!out || num_norm_copy(span, buf, sizeof buf) < 0) return HUB_ERR_INVALID;
    return num_has_cjk(buf) ? num_dur_zh(buf, out) : num_dur_en(buf, out);
}

/* How much of s (the words after a duration span) adds only a half and units: "and", "a",
 * "an", "half", unit words, spaces and punctuation, and Chinese other than numerals (半, 个,
 * 小时, 钟头 ...). Stops before the first other word, digit or numeral. */
static size_t num_dur_tail_len(const char *s)
{
    size_t i = 0;
    while (s[i]) {
        unsigned char c = (unsigned char)s[i];
        if (isdigit(c)) break;
        if (isalpha(c)) {
            char w[16];
            size_t n = 0;
            while (isalpha((unsigned char)s[i + n]))
                n++;
            if (n >= sizeof w) break;
            for (size_t k = 0; k < n; k++)
                w[k] = (char)tolower((unsigned char)s[i + k]);
            w[n] = 0;
            if (strcmp(w, "and") && strcmp(w, "a") && strcmp(w, "an") && strcmp(w, "half") &&
                !num_en_dur_unit(w))
                break;
            i += n;
            continue;
        }
        unsigned cp;
        int n = num_utf8(s + i, &cp);
        if (n <= 0 || num_zh_digit(cp) >= 0 || num_zh_unit(cp)) break;
        i += (size_t)n;
    }
    return i;
}

size_t num_duration_extend(const char *text, size_t min_len, struct num_duration *out)
{
    char buf[NUM_SPAN_MAX];
    if (!text || !out || !min_len || min_len > strlen(text)) return 0;
    size_t max = min_len + num_dur_tail_len(text + min_len), found = 0;
    struct num_duration d;
    if (max >= sizeof buf) max = sizeof buf - 1;
    /* the longest duration, then the shortest stretch that says as much ("an hour" of "an hour
     * and ten", not "an hour and") */
    for (size_t len = max; len >= min_len; len--) {
        unsigned char next = (unsigned char)text[len], last = (unsigned char)text[len - 1];
        if ((next & 0xC0) == 0x80) continue;          /* inside a character */
        if (isalnum(next) && isalnum(last)) continue; /* inside a word */
        if (last < 0x80 && !isalnum(last)) continue;  /* a space or a comma */
        memcpy(buf, text, len);
        buf[len] = 0;
        if (num_parse_duration(buf, &d) != HUB_OK) continue;
        if (found &&
            (d.hours != out->hours || d.minutes != out->minutes || d.seconds != out->seconds))
            break;
        found = len;
        *out = d;
    }
    return found;
}

/* ---- times of day ---- */

/* A whole number 0..max from digits or words ("7", "seven", "十", "两"), else -1. */
static int num_time_int(const char *s, int max)
{
    double v;
    if (!*s || num_parse(s, &v) != HUB_OK || v < 0 || v > max || v != (double)(int)v) return -1;
    return (int)v;
}

/* Removes suffix (and the space before it) from s; 1 when it was there. */
static int num_cut_suffix(char *s, const char *suf)
{
    if (!num_ends_with(s, suf) || strlen(s) == strlen(suf)) return 0;
    s[strlen(s) - strlen(suf)] = 0;
    num_rtrim(s);
    return 1;
}

/* "7:30", "22:00", "7.30" -> hour and minute; 1 when s is such a pair. */
static int num_time_colon(const char *s, int *h, int *m)
{
    int a = 0, b = 0, na = 0, nb = 0;
    const char *p = s;
    while (isdigit((unsigned char)*p) && na < 3)
        a = a * 10 + (*p++ - '0'), na++;
    if (!na || (*p != ':' && *p != '.')) return 0;
    p++;
    while (isdigit((unsigned char)*p) && nb < 3)
        b = b * 10 + (*p++ - '0'), nb++;
    if (nb != 2 || *p || a > 24 || b > 59) return 0;
    *h = a % 24;
    *m = b;
    return 1;
}

/* period: 0 not said, 1 morning (am), 2 afternoon/evening (pm), 3 noon (中午), 4 night */
static int num_time_apply(int h, int m, int period, int *secs)
{
    if (h < 0 || m < 0 || m > 59 || h > 24) return HUB_ERR_INVALID;
    if (h == 24) h = 0;
    if (period && h > 12) period = 0; /* "22:00 in the evening" */
    if (period == 1 && h == 12) h = 0;
    if (period == 2 && h < 12) h += 12;
    if (period == 3 && h < 6) h += 12;                      /* 中午1点 */
    if (period == 4) h = h == 12 ? 0 : h >= 6 ? h + 12 : h; /* 夜里11点, 夜里2点, 12 at night */
    *secs = (h % 24) * 3600 + m * 60;
    return HUB_OK;
}

static int num_time_en(char *s, int *secs)
{
    static const struct {
        const char *w;
        int period;
    } periods[] = {
        {"in the morning", 1},
        {"this morning", 1},
        {"a.m.", 1},
        {"a.m", 1},
        {"am", 1},
        {"in the afternoon", 2},
        {"this afternoon", 2},
        {"in the evening", 2},
        {"this evening", 2},
        {"tonight", 4},
        {"at night", 4},
        {"p.m.", 2},
        {"p.m", 2},
        {"pm", 2},
        {NULL, 0},
    };
    int period = 0, h = -1, m = 0;
    if (!strncmp(s, "at ", 3)) memmove(s, s + 3, strlen(s + 3) + 1);
    if (!strcmp(s, "noon") || !strcmp(s, "midday") || !strcmp(s, "12 noon"))
        return num_time_apply(12, 0, 0, secs);
    if (!strcmp(s, "midnight") || !strcmp(s, "12 midnight")) return num_time_apply(0, 0, 0, secs);
    for (int i = 0; periods[i].w; i++) {
        size_t n = strlen(s), k = strlen(periods[i].w);
        if (n <= k || strcmp(s + n - k, periods[i].w)) continue;
        /* "7pm" or "7 pm", never a word that merely ends in the letters ("ham") */
        if (isalpha((unsigned char)s[n - k - 1])) continue;
        s[n - k] = 0;
        num_rtrim(s);
        period = periods[i].period;
        break;
    }
    num_cut_suffix(s, "o'clock");
    num_cut_suffix(s, "oclock");
    if (num_time_colon(s, &h, &m)) return num_time_apply(h, m, period, secs);
    /* "half past seven", "quarter to eight", "ten past six" */
    char *past = strstr(s, " past "), *to = strstr(s, " to ");
    if (past || to) {
        char *sep = past ? past : to;
        *sep = 0;
        const char *right = sep + (past ? 6 : 4);
        const char *left = s;
        if (!strncmp(left, "a ", 2)) left += 2;
        int mins = !strcmp(left, "half") ? 30 : !strcmp(left, "quarter") ? 15 : -1;
        if (mins < 0) {
            char tmp[NUM_SPAN_MAX];
            snprintf(tmp, sizeof tmp, "%s", left);
            num_cut_suffix(tmp, "minutes");
            num_cut_suffix(tmp, "minute");
            mins = num_time_int(tmp, 59);
        }
        h = num_time_int(right, 24);
        if (mins < 0 || h < 0) return HUB_ERR_INVALID;
        if (to) {
            if (mins == 30 && !strcmp(left, "half")) return HUB_ERR_INVALID;
            h = (h + 23) % 24;
            mins = 60 - mins;
        }
        return num_time_apply(h, mins, period, secs);
    }
    /* "seven", "7", "seven thirty", "7 30", "six oh five", "ten forty five" */
    char *sp = strchr(s, ' ');
    if (!sp) {
        h = num_time_int(s, 24);
        return h < 0 ? HUB_ERR_INVALID : num_time_apply(h, 0, period, secs);
    }
    *sp = 0;
    h = num_time_int(s, 24);
    const char *rest = sp + 1;
    if (!strncmp(rest, "oh ", 3)) rest += 3;
    m = num_time_int(rest, 59);
    if (h < 0 || m < 0) return HUB_ERR_INVALID;
    return num_time_apply(h, m, period, secs);
}

static int num_time_zh(char *s, int *secs)
{
    static const struct {
        const char *w;
        int period;
    } periods[] = {
        {"凌晨", 1}, {"早上", 1}, {"早晨", 1}, {"清晨", 1}, {"上午", 1}, {"早", 1},
        {"中午", 3}, {"下午", 2}, {"傍晚", 2}, {"晚上", 4}, {"今晚", 4}, {"晚间", 4},
        {"夜里", 4}, {"夜间", 4}, {"半夜", 4}, {"晚", 4},   {NULL, 0},
    };
    int period = 0, h = -1, m = 0;
    if (!strncmp(s, "在", 3)) memmove(s, s + 3, strlen(s + 3) + 1);
    for (int i = 0; periods[i].w; i++) {
        size_t k = strlen(periods[i].w);
        if (strncmp(s, periods[i].w, k)) continue;
        memmove(s, s + k, strlen(s + k) + 1);
        period = periods[i].period;
        break;
    }
    while (*s == ' ')
        memmove(s, s + 1, strlen(s));
    if (period == 3 && !*s) return num_time_apply(12, 0, 0, secs); /* 中午 */
    if (num_time_colon(s, &h, &m)) return num_time_apply(h, m, period, secs);
    char *dot = strstr(s, "点");
    size_t ulen = 3;
    if (!dot) dot = strstr(s, "时");
    if (!dot) return HUB_ERR_INVALID;
    char hour[NUM_SPAN_MAX];
    snprintf(hour, sizeof hour, "%.*s", (int)(dot - s), s);
    h = num_time_int(hour, 24);
    char *rest = dot + ulen;
    if (!strncmp(rest, "钟", 3)) rest += 3;
    if (!*rest || !strcmp(rest, "整"))
        m = 0;
    else if (!strcmp(rest, "半"))
        m = 30;
    else if (!strcmp(rest, "一刻"))
        m = 15;
    else if (!strcmp(rest, "三刻"))
        m = 45;
    else {
        char min[NUM_SPAN_MAX];
        snprintf(min, sizeof min, "%s", rest);
        num_cut_suffix(min, "分钟");
        num_cut_suffix(min, "分");
        char *mm = min;
        if (!strncmp(mm, "零", 3)) mm += 3;
        m = num_time_int(mm, 59);
    }
    if (h < 0 || m < 0) return HUB_ERR_INVALID;
    return num_time_apply(h, m, period, secs);
}

int num_parse_time(const char *span, int *secs)
{
    char buf[NUM_SPAN_MAX];
    if (!secs || num_norm_copy(span, buf, sizeof buf) < 0) return HUB_ERR_INVALID;
    return num_has_cjk(buf) ? num_time_zh(buf, secs) : num_time_en(buf, secs);
}

/* ---- rendering ---- */

static int num_append(char *buf, size_t len, size_t *o, const char *s)
{
    size_t n = strlen(s);
    if (*o + n + 1 > len) return -1;
    memcpy(buf + *o, s, n + 1);
    *o += n;
    return 0;
}

static int num_en_below_1000(long v, int hyphen, char *buf, size_t len, size_t *o)
{
    if (v >= 100) {
        if (num_append(buf, len, o, num_en_small[v / 100]) || num_append(buf, len, o, " hundred"))
            return -1;
        v %= 100;
        if (!v) return 0;
        if (num_append(buf, len, o, " and ")) return -1;
    }
    if (v < 20) return num_append(buf, len, o, num_en_small[v]);
    if (num_append(buf, len, o, num_en_tens[v / 10])) return -1;
    if (v % 10) {
        if (num_append(buf, len, o, hyphen ? "-" : " ")) return -1;
        if (num_append(buf, len, o, num_en_small[v % 10])) return -1;
    }
    return 0;
}

int num_words_en(long v, int hyphen, char *buf, size_t len)
{
    size_t o = 0;
    if (!buf || !len) return HUB_ERR_INVALID;
    buf[0] = 0;
    if (v < 0 || v > 999999) return HUB_ERR_RANGE;
    if (v >= 1000) {
        if (num_en_below_1000(v / 1000, hyphen, buf, len, &o) ||
            num_append(buf, len, &o, " thousand"))
            return HUB_ERR_RANGE;
        v %= 1000;
        if (!v) return HUB_OK;
        if (num_append(buf, len, &o, v < 100 ? " and " : " ")) return HUB_ERR_RANGE;
    }
    return num_en_below_1000(v, hyphen, buf, len, &o) ? HUB_ERR_RANGE : HUB_OK;
}

static const char *const num_zh_digits[] = {"零", "一", "二", "三", "四", "五", "六", "七",
                                            "八", "九"};

/* 0..9999 in Chinese; leading: true when nothing came before (so 10..19 read 十五, not 一十五). */
static int num_zh_below_10000(long v, int liang, int leading, char *buf, size_t len, size_t *o)
{
    static const char *const units[] = {"千", "百", "十", ""};
    static const long div[] = {1000, 100, 10, 1};
    int zero = 0, started = 0;
    for (int i = 0; i < 4; i++) {
        long d = (v / div[i]) % 10;
        if (d == 0) {
            if (started) zero = 1;
            continue;
        }
        if (zero) {
            if (num_append(buf, len, o, "零")) return -1;
            zero = 0;
        }
        const char *dg = num_zh_digits[d];
        if (d == 2 && liang && !started && div[i] >= 100) dg = "两";
        if (d == 2 && liang && !started && div[i] == 1) dg = "两";
        if (!(d == 1 && div[i] == 10 && !started && leading))
            if (num_append(buf, len, o, dg)) return -1;
        if (num_append(buf, len, o, units[i])) return -1;
        started = 1;
    }
    return 0;
}

int num_words_zh(long v, int liang, char *buf, size_t len)
{
    size_t o = 0;
    if (!buf || !len) return HUB_ERR_INVALID;
    buf[0] = 0;
    if (v < 0 || v > 99999999) return HUB_ERR_RANGE;
    if (v == 0) return num_append(buf, len, &o, "零") ? HUB_ERR_RANGE : HUB_OK;
    if (v >= 10000) {
        if (num_zh_below_10000(v / 10000, liang, 1, buf, len, &o) ||
            num_append(buf, len, &o, "万"))
            return HUB_ERR_RANGE;
        v %= 10000;
        if (!v) return HUB_OK;
        if (v < 1000 && num_append(buf, len, &o, "零")) return HUB_ERR_RANGE;
        return num_zh_below_10000(v, 0, 0, buf, len, &o) ? HUB_ERR_RANGE : HUB_OK;
    }
    return num_zh_below_10000(v, liang, 1, buf, len, &o) ? HUB_ERR_RANGE : HUB_OK;
}
