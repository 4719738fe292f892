/*
 * clock.c: the rules engine's wall clock, real or read from HUB_CLOCK_FILE (see clock.h).
 */
#include "hubd/clock.h"

#include "hub_log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TAG "clock"

static char *clock_file;
static int64_t clock_fake_ms;
static struct timespec clock_mtime;
static off_t clock_size = -1;

void hub_clock_init(void)
{
    const char *f = getenv("HUB_CLOCK_FILE");
    free(clock_file);
    clock_file = f && *f ? strdup(f) : NULL;
    clock_size = -1;
    if (clock_file) hub_warn(TAG, "time is read from %s (HUB_CLOCK_FILE: for tests)", clock_file);
}

bool hub_clock_is_fake(void)
{
    return clock_file != NULL;
}

/* Re-read the file when it changed; keep the last good value when it is missing or bad. */
static void clock_reload(void)
{
    struct stat st;
    if (stat(clock_file, &st) != 0) return;
    if (st.st_size == clock_size && st.st_mtim.tv_sec == clock_mtime.tv_sec &&
        st.st_mtim.tv_nsec == clock_mtime.tv_nsec)
        return;
    FILE *f = fopen(clock_file, "r");
    if (!f) {
        hub_warn(TAG, "cannot open %s: %s", clock_file, strerror(errno));
        return;
    }
    char buf[64] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    while (*end == ' ' || *end == '\n' || *end == '\r' || *end == '\t') end++;
    if (end == buf || *end || errno || v < 0 || v > 32503680000.0) {
        /* A half-written file: try again on the next call. */
        return;
    }
    clock_fake_ms = (int64_t)(v * 1000.0 + 0.5);
    clock_mtime = st.st_mtim;
    clock_size = st.st_size;
}

int64_t hub_clock_now_ms(void)
{
    if (clock_file) {
        clock_reload();
        return clock_fake_ms;
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void hub_clock_local(int64_t ms, struct tm *out)
{
    time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    if (!localtime_r(&t, out)) memset(out, 0, sizeof *out);
}

int64_t hub_clock_from_local(int year, int mon, int mday, int hour, int min, int sec)
{
    struct tm tm = {0};
    tm.tm_year = year - 1900;
    tm.tm_mon = mon - 1;
    tm.tm_mday = mday;
    tm.tm_hour = hour;
    tm.tm_min = min;
    tm.tm_sec = sec;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    return (int64_t)t * 1000;
}
