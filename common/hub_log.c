/* hub_log.c: one formatted line per call, written with a single write so threads do not interleave. */
#include "hub_log.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

static int log_level = HUB_LOG_INFO;
static const char *const level_names[] = {"error", "warn", "info", "debug"};

void hub_log_set_level(int level) { log_level = level; }
int hub_log_get_level(void) { return log_level; }

int hub_log_level_from_name(const char *name)
{
    for (int i = 0; i < 4; i++)
        if (strcasecmp(name, level_names[i]) == 0) return i;
    return -1;
}

void hub_logv(int level, const char *tag, const char *fmt, va_list ap)
{
    if (level > log_level) return;
    if (level < 0) level = 0;
    if (level > 3) level = 3;
    char line[2048];
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    localtime_r(&ts.tv_sec, &tm);
    int n = snprintf(line, sizeof line, "%02d:%02d:%02d.%03ld %-5s %s: ", tm.tm_hour, tm.tm_min,
                     tm.tm_sec, ts.tv_nsec / 1000000, level_names[level], tag ? tag : "hub");
    if (n < 0) return;
    int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
    if (m < 0) return;
    size_t len = (size_t)n + (size_t)m;
    if (len > sizeof line - 2) len = sizeof line - 2;
    line[len++] = '\n';
    ssize_t w = write(STDERR_FILENO, line, len);
    (void)w;
}

void hub_log(int level, const char *tag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    hub_logv(level, tag, fmt, ap);
    va_end(ap);
}
