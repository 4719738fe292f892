/*
 * clock.h: the wall clock of the rules engine, injectable for tests.
 *
 * Rules reason about wall-clock time (time of day, sunrise, `for` durations, delays), and tests
 * must move that time without sleeping. When the environment variable HUB_CLOCK_FILE names a
 * file, the clock reads "now" from it (epoch seconds, a decimal number, e.g. "1718949600.5"):
 * time stands still until the test writes a new value. The file is re-read when its mtime or
 * size changes. Without the variable it is the system's real-time clock.
 */
#ifndef HUB_CLOCK_H
#define HUB_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Read HUB_CLOCK_FILE (call once at start; safe to call again). */
void hub_clock_init(void);
/* True when the time comes from HUB_CLOCK_FILE. */
bool hub_clock_is_fake(void);
/* Milliseconds since the epoch (UTC). */
int64_t hub_clock_now_ms(void);
/* Broken-down local time (TZ) of an epoch-ms instant. */
void hub_clock_local(int64_t ms, struct tm *out);
/* Epoch ms of a local date and time (mktime, DST resolved by the C library). */
int64_t hub_clock_from_local(int year, int mon /* 1-12 */, int mday, int hour, int min, int sec);

#endif
