/*
 * plugcommon.h: helpers shared by the device plugins (zigbee2mqtt, tasmota, ha_discovery),
 * linked into each one as the libtool convenience library plugins/libplugcommon.la.
 * JSON payload loading with size limits and bad-input counting, entity-id slugs, colour and
 * colour-temperature conversion, parsing of execute() arguments, a string hash map.
 * Nothing here uses a hubd symbol: plugins reach the host only through struct hub_host_api.
 */
#ifndef PLUGCOMMON_H
#define PLUGCOMMON_H

#include <hub/plugin.h>
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* Largest state/command payload a plugin parses; bigger ones are counted as bad input. */
#define PLUG_MAX_PAYLOAD (64 * 1024)
/* Discovery documents (zigbee2mqtt bridge/devices of a large network) may be much bigger. */
#define PLUG_MAX_DISCOVERY (8 * 1024 * 1024)
#define PLUG_ID_MAX 128

/* ---- JSON ---- */

/* Parse a payload as JSON. Returns NULL (after host->count_bad_input with kind
 * "payload_too_large" or "bad_json") when it is bigger than max or not valid UTF-8 JSON. */
json_t *plug_json_load(const struct hub_host_api *host, const char *topic, const void *payload,
                       size_t len, size_t max);
/* A number member (integer or real) of obj; false if missing or not a number / not finite. */
bool plug_json_num(const json_t *obj, const char *key, double *out);
/* A string member of obj, or NULL. */
const char *plug_json_str(const json_t *obj, const char *key);
/* A boolean member: true/false JSON, or fallback when missing or of another type. */
bool plug_json_bool(const json_t *obj, const char *key, bool fallback);
/* Compact serialisation (malloc'd, caller frees), or NULL on failure. */
char *plug_json_dump(const json_t *json);
/* Copy a payload into a NUL-terminated string, rejecting embedded NULs and invalid UTF-8.
 * Returns malloc'd text or NULL. */
char *plug_payload_text(const void *payload, size_t len, size_t max);
/* Trimmed payload text equals word, ignoring ASCII case. */
bool plug_payload_is(const char *text, const char *word);

/* Report state + attributes (attrs may be NULL; its reference is stolen). */
int plug_update_state(const struct hub_host_api *host, const char *entity_id, const char *state,
                      json_t *attrs);

/* ---- names ---- */

/* Lower-case ASCII slug of a name: runs of other characters become one '_', no leading or
 * trailing '_'. Non-ASCII text is dropped, so the result may be empty. Returns its length. */
size_t plug_slugify(const char *name, char *out, size_t outsz);

struct plug_map;
/* Build "domain.slug" from name (or fallback when name slugs to nothing) that is not yet in
 * taken: adds "_2", "_3"... until it is free. Writes into out (PLUG_ID_MAX). */
void plug_entity_id(const struct plug_map *taken, const char *domain, const char *name,
                    const char *fallback, char *out, size_t outsz);

/* ---- colour ---- */

/* sRGB 0-255 <-> CIE 1931 xy (Wide RGB D65, as Hue and zigbee2mqtt use). */
void plug_rgb_to_xy(const int rgb[3], double *x, double *y);
void plug_xy_to_rgb(double x, double y, int rgb[3]);
/* hue 0-360, saturation 0-100 <-> sRGB at full value. */
void plug_rgb_to_hs(const int rgb[3], double *h, double *s);
void plug_hs_to_rgb(double h, double s, int rgb[3]);
/* colour temperature: mireds = 1e6 / kelvin, rounded. */
int plug_kelvin_to_mireds(int kelvin);
int plug_mireds_to_kelvin(int mireds);
/* A colour name ("red", "warm white", "紫色"...) -> rgb. false if unknown. */
bool plug_color_name_rgb(const char *name, int rgb[3]);
/* Scale v in [0, from_max] to [0, to_max], rounded, clamped. */
int plug_scale(double v, double from_max, double to_max);

/* ---- execute() arguments ---- */

struct plug_args {
    json_t *root;
    bool has_brightness, has_kelvin, has_rgb, has_percentage, has_position;
    bool has_temperature, has_volume, has_mute;
    int brightness; /* 0-100 % */
    int kelvin;     /* colour temperature */
    int rgb[3];     /* from rgb_color or color_name */
    int percentage; /* fan 0-100 */
    int position;   /* cover/valve 0-100 */
    double temperature;
    const char *hvac_mode; /* off heat cool auto heat_cool dry fan_only, or NULL */
    int volume;            /* 0-100 */
    bool mute;
};
/* Parse and range-check args_json (NULL = no args). HUB_ERR_INVALID on a wrong type or bad
 * JSON, HUB_ERR_RANGE when a number is out of its range. Free with plug_args_free. */
int plug_args_parse(const char *args_json, struct plug_args *a);
void plug_args_free(struct plug_args *a);

/* ---- string map: key -> pointer ---- */

struct plug_map *plug_map_new(void);
void plug_map_free(struct plug_map *m);
void *plug_map_get(const struct plug_map *m, const char *key);
/* Insert or replace; the key is copied. Returns HUB_OK or HUB_ERR_NOMEM. */
int plug_map_put(struct plug_map *m, const char *key, void *value);
void plug_map_del(struct plug_map *m, const char *key);
size_t plug_map_count(const struct plug_map *m);
/* Some entry (NULL when empty); *key points into the map until the entry is deleted. */
void *plug_map_first(const struct plug_map *m, const char **key);

/* ---- misc ---- */

/* snprintf that reports truncation as false. */
bool plug_fmt(char *out, size_t outsz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Does the entity-id domain of id equal domain? */
bool plug_is_domain(const char *entity_id, const char *domain);

#endif
