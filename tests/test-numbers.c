/* test-numbers.c: engine/numbers.c on many English and Chinese number, percent, temperature and
 * duration spans, the slot words (max, lowest, 最亮...), refusals, and word rendering round trips. */
#include "engine/numbers.h"
#include "hub_status.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tests/hub-check.h"

static void num(const char *span, double want)
{
    double v = -12345;
    int rc = num_parse(span, &v);
    CHECK(rc == HUB_OK && fabs(v - want) < 1e-9, "num_parse(\"%s\") = %d, %g; want %g", span, rc,
          v, want);
}

static void slot(const char *s, const char *span, double want)
{
    double v = -12345;
    int rc = num_parse_slot(s, span, &v);
    CHECK(rc == HUB_OK && fabs(v - want) < 1e-9, "num_parse_slot(%s, \"%s\") = %d, %g; want %g",
          s, span, rc, v, want);
}

static void bad(const char *span)
{
    double v;
    CHECK(num_parse(span, &v) == HUB_ERR_INVALID, "num_parse(\"%s\") accepted (%g)", span, v);
}

static void dur(const char *span, long h, long m, long s)
{
    struct num_duration d = {-1, -1, -1};
    int rc = num_parse_duration(span, &d);
    CHECK(rc == HUB_OK && d.hours == h && d.minutes == m && d.seconds == s,
          "duration(\"%s\") = %d, %ld:%ld:%ld; want %ld:%ld:%ld", span, rc, d.hours, d.minutes,
          d.seconds, h, m, s);
}

static void dur_bad(const char *span)
{
    struct num_duration d;
    CHECK(num_parse_duration(span, &d) == HUB_ERR_INVALID, "duration(\"%s\") accepted", span);
}

/* text starts with span; num_duration_extend reads want (NULL: nothing) as h:m:s. */
static void dur_ext(const char *text, const char *span, const char *want, long h, long m, long s)
{
    struct num_duration d = {-1, -1, -1};
    size_t n = num_duration_extend(text, strlen(span), &d);
    if (!want)
        CHECK(n == 0, "extend(\"%s\", \"%s\") = %zu bytes", text, span, n);
    else
        CHECK(n == strlen(want) && d.hours == h && d.minutes == m && d.seconds == s,
              "extend(\"%s\", \"%s\") = \"%.*s\", %ld:%ld:%ld; want \"%s\", %ld:%ld:%ld", text,
              span, (int)n, text, d.hours, d.minutes, d.seconds, want, h, m, s);
}

/* A time of day: span -> "HH:MM" or refused (want NULL). */
static void time_is(const char *span, const char *want)
{
    int secs = -1;
    char got[16] = "refused";
    if (num_parse_time(span, &secs) == HUB_OK)
        snprintf(got, sizeof got, "%02d:%02d", secs / 3600, secs / 60 % 60);
    CHECK(!strcmp(got, want ? want : "refused"), "time(\"%s\") = %s, want %s", span, got,
          want ? want : "refused");
}

int main(void)
{
    /* English */
    num("42", 42);
    num("forty two", 42);
    num("Forty-Two", 42);
    num("fourty", 40);
    num("a hundred", 100);
    num("a three", 3); /* "a three minute timer": the article, not one more */
    num("an 8", 8);
    num("a single", 1);
    num("one hundred and five", 105);
    num("two thousand seven hundred", 2700);
    num("2,700", 2700);
    num("2700K", 2700);
    num("2700 kelvin", 2700);
    num("50%", 50);
    num("50 %", 50);
    num("fifty percent", 50);
    num("fifty per cent", 50);
    num("twenty one point five", 21.5);
    num("21.5°C", 21.5);
    num("72 degrees fahrenheit", 72);
    num("twenty degrees", 20);
    num("half", 0.5);
    num("one and a half", 1.5);
    num("three quarters", 0.75);
    num("zero", 0);
    num("an", 1);
    num("ten minutes", 10);
    num("5 min", 5);
    num("seven  seconds", 7);
    num("ninety nine", 99);
    num("nineteen", 19);
    num("１００％", 100);
    num("minus five", -5);
    num("negative 3 degrees", -3);
    num("-4", -4);
    /* Chinese */
    num("二十五", 25);
    num("十", 10);
    num("十五", 15);
    num("两", 2);
    num("一百", 100);
    num("一百零五", 105);
    num("一百五", 150);
    num("两千七", 2700);
    num("两千七百", 2700);
    num("三千零五十", 3050);
    num("一万二千", 12000);
    num("百分之五十", 50);
    num("百分之百", 100);
    num("百分之30", 30);
    num("二十五度", 25);
    num("二十一点五度", 21.5);
    num("26摄氏度", 26);
    num("4000K", 4000);
    num("五十%", 50);
    num("三十分钟", 30);
    num("十秒", 10);
    num("两个小时", 2);
    num("二零二四", 2024);
    num("半", 0.5);
    num("三个半", 3.5);
    num("零下五度", -5);
    num("负十", -10);
    /* slot words */
    slot("brightness", "max", 100);
    slot("brightness", "Full", 100);
    slot("brightness", "最亮", 100);
    slot("brightness", "lowest", 1);
    slot("brightness", "最暗", 1);
    slot("brightness", "half", 50);
    slot("brightness", "一半", 50);
    slot("brightness", "seventy five percent", 75);
    slot("position", "halfway", 50);
    slot("position", "max", 100);
    slot("percentage", "min", 0);
    slot("volume_level", "百分之二十", 20);
    slot("volume_step", "-10", -10);
    slot("volume_step", "-ten percent", -10);
    slot("volume_step", "5", 5);
    slot("temperature", "twenty two degrees", 22);
    slot("minutes", "ten minutes", 10);
    slot("hours", "两个小时", 2);
    /* refusals */
    bad("");
    bad("   ");
    bad("lamp");
    bad("forty lamps");
    bad("百分之");
    bad("二十灯");
    bad("percent");
    bad("minus");
    bad("minus -5");
    bad("零下");
    bad("\xff\xfe");
    {
        char huge[600];
        memset(huge, '1', sizeof huge - 1);
        huge[sizeof huge - 1] = 0;
        bad(huge);
    }
    double v;
    CHECK(num_parse_slot("brightness", "max", NULL) == HUB_ERR_INVALID, "NULL out accepted");
    CHECK(num_parse_slot("brightness", "lamp", &v) == HUB_ERR_INVALID, "lamp brightness");
    /* durations */
    dur("an hour and a half", 1, 30, 0);
    dur("a three minute", 0, 3, 0);
    dur("a minute", 0, 1, 0);
    dur("one and a half hours", 1, 30, 0);
    dur("90 seconds", 0, 1, 30);
    dur("2 hours 30 minutes", 2, 30, 0);
    dur("two hours and fifteen minutes", 2, 15, 0);
    dur("half an hour", 0, 30, 0);
    dur("10min", 0, 10, 0);
    dur("1 minute and 5 seconds", 0, 1, 5);
    dur("一个半小时", 1, 30, 0);
    dur("半小时", 0, 30, 0);
    dur("半个小时", 0, 30, 0);
    dur("一小时二十分钟", 1, 20, 0);
    dur("一小时零五分", 1, 5, 0);
    dur("九十秒", 0, 1, 30);
    dur("三分钟十秒", 0, 3, 10);
    dur("两个钟头", 2, 0, 0);
    dur("一刻钟", 0, 15, 0);
    dur("两分半钟", 0, 2, 30);
    dur("两分钟半", 0, 2, 30);
    dur("一小时半", 1, 30, 0);
    dur("two and a half hours", 2, 30, 0);
    dur("1.5 hours", 1, 30, 0);
    dur("两个半小时", 2, 30, 0);
    dur("一个半钟头", 1, 30, 0);
    /* a span copied short, extended over the words after it in the utterance */
    dur_ext("an hour and a half to call mom", "an hour", "an hour and a half", 1, 30, 0);
    dur_ext("one and a half hours", "one and a", "one and a half hours", 1, 30, 0);
    dur_ext("two and a half hours please", "two and", "two and a half hours", 2, 30, 0);
    dur_ext("一个半小时后提醒我", "一个", "一个半小时", 1, 30, 0);
    dur_ext("两个半小时的计时器", "两个", "两个半小时", 2, 30, 0);
    dur_ext("一个半钟头", "一个", "一个半钟头", 1, 30, 0);
    dur_ext("ten minutes", "ten minutes", "ten minutes", 0, 10, 0); /* nothing to add */
    /* no other number is taken in, nor part of a word */
    dur_ext("an hour and ten minutes", "an hour", "an hour", 1, 0, 0);
    dur_ext("一个一个半小时", "一个", NULL, 0, 0, 0);
    dur_ext("ten minutesx", "ten", NULL, 0, 0, 0);
    dur_ext("ten lamps", "ten", NULL, 0, 0, 0);
    dur_ext("an hou", "an hou", NULL, 0, 0, 0);
    dur_bad("ten");
    dur_bad("ten lamps");
    dur_bad("hours");
    dur_bad("二十");
    dur_bad("");
    /* rendering round trips */
    char buf[128];
    for (long i = 0; i <= 100000; i += (i < 200 ? 1 : 97)) {
        CHECK(num_words_en(i, (int)(i & 1), buf, sizeof buf) == HUB_OK, "render en %ld", i);
        CHECK(num_parse(buf, &v) == HUB_OK && v == i, "en round trip %ld -> \"%s\" -> %g", i, buf,
              v);
        CHECK(num_words_zh(i, (int)(i & 1), buf, sizeof buf) == HUB_OK, "render zh %ld", i);
        CHECK(num_parse(buf, &v) == HUB_OK && v == i, "zh round trip %ld -> \"%s\" -> %g", i, buf,
              v);
    }
    num_words_en(42, 1, buf, sizeof buf);
    CHECK(!strcmp(buf, "forty-two"), "42 -> %s", buf);
    num_words_zh(2, 1, buf, sizeof buf);
    CHECK(!strcmp(buf, "两"), "2 liang -> %s", buf);
    num_words_zh(15, 0, buf, sizeof buf);
    CHECK(!strcmp(buf, "十五"), "15 -> %s", buf);
    num_words_zh(105, 0, buf, sizeof buf);
    CHECK(!strcmp(buf, "一百零五"), "105 -> %s", buf);
    CHECK(num_words_en(1000000, 0, buf, sizeof buf) == HUB_ERR_RANGE, "1e6 rendered");
    CHECK(num_words_en(-1, 0, buf, sizeof buf) == HUB_ERR_RANGE, "-1 rendered");
    CHECK(num_words_en(777, 0, buf, 5) == HUB_ERR_RANGE, "short buffer accepted");
    /* times of day (rule sentences) */
    time_is("10 pm", "22:00");
    time_is("10PM", "22:00");
    time_is("10:30 p.m.", "22:30");
    time_is("22:00", "22:00");
    time_is("7:05", "07:05");
    time_is("12 am", "00:00");
    time_is("12 pm", "12:00");
    time_is("seven thirty in the evening", "19:30");
    time_is("six oh five am", "06:05");
    time_is("half past seven", "07:30");
    time_is("quarter to eight pm", "19:45");
    time_is("twenty past six in the morning", "06:20");
    time_is("9 at night", "21:00");
    time_is("7 o'clock", "07:00");
    time_is("noon", "12:00");
    time_is("midnight", "00:00");
    time_is("早上7点", "07:00");
    time_is("晚上十点半", "22:30");
    time_is("下午3点15分", "15:15");
    time_is("下午两点四十五", "14:45");
    time_is("凌晨两点", "02:00");
    time_is("中午12点", "12:00");
    time_is("中午一点", "13:00");
    time_is("晚上12点", "00:00");
    time_is("夜里11点", "23:00");
    time_is("早上七点零五分", "07:05");
    time_is("十点一刻", "10:15");
    time_is("15点整", "15:00");
    time_is("7:30", "07:30");
    time_is("soon", NULL);
    time_is("25:00", NULL);
    time_is("7:75", NULL);
    time_is("13 pm", "13:00");
    time_is("ham", NULL);
    time_is("", NULL);
    time_is("下午", NULL);
    time_is("三点八十分", NULL);
    if (failures) {
        fprintf(stderr, "%d failures\n", failures);
        return 1;
    }
    printf("numbers: all cases pass\n");
    return 0;
}
