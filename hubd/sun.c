/*
 * sun.c: NOAA's sunrise/sunset equations (see sun.h). Angles in degrees unless named _rad;
 * times in minutes after 0:00 UTC of the date, then epoch ms.
 */
#include "hubd/sun.h"

#include "hub_status.h"
#include "hubd/clock.h"

#include <math.h>
#include <time.h>

#define SUN_PI 3.14159265358979323846
#define RAD(d) ((d) * SUN_PI / 180.0)
#define DEG(r) ((r) * 180.0 / SUN_PI)

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static int64_t sun_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Equation of time (minutes) and declination (degrees) at Julian day jd. */
static void sun_position(double jd, double *eqtime, double *decl)
{
    double t = (jd - 2451545.0) / 36525.0; /* Julian centuries since J2000.0 */
    double l0 = fmod(280.46646 + t * (36000.76983 + t * 0.0003032), 360.0);
    double m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
    double e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
    double c = sin(RAD(m)) * (1.914602 - t * (0.004817 + 0.000014 * t)) +
               sin(RAD(2 * m)) * (0.019993 - 0.000101 * t) + sin(RAD(3 * m)) * 0.000289;
    double true_long = l0 + c;
    double omega = 125.04 - 1934.136 * t;
    double app_long = true_long - 0.00569 - 0.00478 * sin(RAD(omega));
    double obliq0 = 23.0 + (26.0 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60.0) / 60.0;
    double obliq = obliq0 + 0.00256 * cos(RAD(omega));
    *decl = DEG(asin(sin(RAD(obliq)) * sin(RAD(app_long))));
    double y = tan(RAD(obliq / 2.0));
    y *= y;
    *eqtime = 4.0 * DEG(y * sin(2.0 * RAD(l0)) - 2.0 * e * sin(RAD(m)) +
                        4.0 * e * y * sin(RAD(m)) * cos(2.0 * RAD(l0)) -
                        0.5 * y * y * sin(4.0 * RAD(l0)) - 1.25 * e * e * sin(2.0 * RAD(m)));
}

/* Minutes after 0:00 UTC of the event, for the position computed at `minutes`; false when the
 * sun stays above or below the horizon. */
static bool sun_event_minutes(double lat, double lon, double jd0, double minutes,
                              enum hub_sun_event ev, double *out)
{
    double eqtime, decl;
    sun_position(jd0 + minutes / 1440.0, &eqtime, &decl);
    double cos_ha = cos(RAD(90.833)) / (cos(RAD(lat)) * cos(RAD(decl))) - tan(RAD(lat)) * tan(RAD(decl));
    if (cos_ha < -1.0 || cos_ha > 1.0) return false;
    double ha = DEG(acos(cos_ha));
    double noon = 720.0 - 4.0 * lon - eqtime;
    *out = ev == HUB_SUN_SUNRISE ? noon - 4.0 * ha : noon + 4.0 * ha;
    return true;
}

int hub_sun_event_utc_day(double lat, double lon, int y, int m, int d, enum hub_sun_event ev,
                          int64_t *out_ms)
{
    if (!(lat >= -90.0 && lat <= 90.0) || !(lon >= -180.0 && lon <= 180.0)) return HUB_ERR_RANGE;
    int64_t days = sun_days_from_civil(y, m, d);
    double jd0 = (double)days + 2440587.5; /* Julian day at 0:00 UTC */
    /* First pass at local solar noon, second at the first estimate (NOAA does the same). */
    double est;
    if (!sun_event_minutes(lat, lon, jd0, 720.0 - 4.0 * lon, ev, &est)) return HUB_ERR_NOT_FOUND;
    double t;
    if (!sun_event_minutes(lat, lon, jd0, est, ev, &t)) return HUB_ERR_NOT_FOUND;
    *out_ms = days * 86400000 + (int64_t)llround(t * 60000.0);
    return HUB_OK;
}

static void sun_utc_date(int64_t ms, int *y, int *m, int *d)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    *y = tm.tm_year + 1900;
    *m = tm.tm_mon + 1;
    *d = tm.tm_mday;
}

int hub_sun_next(double lat, double lon, enum hub_sun_event ev, int64_t after_ms, int64_t *out_ms)
{
    if (!(lat >= -90.0 && lat <= 90.0) || !(lon >= -180.0 && lon <= 180.0)) return HUB_ERR_RANGE;
    for (int k = -1; k < 400; k++) {
        int y, m, d;
        sun_utc_date(after_ms + (int64_t)k * 86400000, &y, &m, &d);
        int64_t t;
        if (hub_sun_event_utc_day(lat, lon, y, m, d, ev, &t) == HUB_OK && t > after_ms) {
            *out_ms = t;
            return HUB_OK;
        }
    }
    return HUB_ERR_NOT_FOUND;
}

int hub_sun_on_local_day(double lat, double lon, enum hub_sun_event ev, int64_t at_ms,
                         int64_t *out_ms)
{
    struct tm want;
    hub_clock_local(at_ms, &want);
    for (int k = -2; k <= 2; k++) {
        int y, m, d;
        sun_utc_date(at_ms + (int64_t)k * 86400000, &y, &m, &d);
        int64_t t;
        int rc = hub_sun_event_utc_day(lat, lon, y, m, d, ev, &t);
        if (rc == HUB_ERR_RANGE) return rc;
        if (rc != HUB_OK) continue;
        struct tm got;
        hub_clock_local(t, &got);
        if (got.tm_year == want.tm_year && got.tm_yday == want.tm_yday) {
            *out_ms = t;
            return HUB_OK;
        }
    }
    return HUB_ERR_NOT_FOUND;
}
