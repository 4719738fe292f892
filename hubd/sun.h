/*
 * sun.h: sunrise and sunset for a latitude/longitude, computed with NOAA's solar calculator
 * equations (Meeus, "Astronomical Algorithms"; the NOAA Global Monitoring Laboratory
 * spreadsheet), accurate to about a minute between latitudes +-72 degrees.
 * Sunrise/sunset is when the sun's centre is 0.833 degrees below the horizon (refraction and
 * the solar disc's radius), as NOAA and Home Assistant define it.
 */
#ifndef HUB_SUN_H
#define HUB_SUN_H

#include <stdint.h>

enum hub_sun_event { HUB_SUN_SUNRISE, HUB_SUN_SUNSET };

/* The event on the solar day whose noon falls on the UTC calendar date y-m-d, in epoch ms
 * (it may fall on the previous or next UTC date far from Greenwich). HUB_OK, or
 * HUB_ERR_NOT_FOUND when the sun does not rise or set that day (polar day or night),
 * HUB_ERR_RANGE for a latitude/longitude out of range. */
int hub_sun_event_utc_day(double lat, double lon, int y, int m, int d, enum hub_sun_event ev,
                          int64_t *out_ms);

/* The first event strictly after after_ms (searches up to 400 days; HUB_ERR_NOT_FOUND beyond). */
int hub_sun_next(double lat, double lon, enum hub_sun_event ev, int64_t after_ms, int64_t *out_ms);

/* The event on the local (TZ) calendar day containing at_ms; HUB_ERR_NOT_FOUND if none. */
int hub_sun_on_local_day(double lat, double lon, enum hub_sun_event ev, int64_t at_ms,
                         int64_t *out_ms);

#endif
