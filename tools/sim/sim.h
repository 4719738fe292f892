/* sim.h: hub-sim's model of a simulated house. A house is a list of devices; each device is
 * one entity of the fixture format (../shared/INTENTS.md) bound to one real device protocol
 * (zigbee2mqtt, Tasmota, Home Assistant MQTT discovery). The protocol files (sim_z2m.c,
 * sim_tasmota.c, sim_ha.c) turn commands on the device's real topics into state changes and
 * state into the payloads the real firmware publishes. All of it runs on one thread. */
#ifndef HUB_SIM_H
#define HUB_SIM_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIM_NAME_MAX 96
#define SIM_TOPIC_MAX 320

enum sim_proto { SIM_PROTO_Z2M, SIM_PROTO_TASMOTA, SIM_PROTO_HA };

enum sim_domain {
    SIM_LIGHT,
    SIM_SWITCH,
    SIM_COVER,
    SIM_LOCK,
    SIM_CLIMATE,
    SIM_FAN,
    SIM_MEDIA,
    SIM_SENSOR,
    SIM_BINARY,
    SIM_VALVE,
    SIM_VACUUM,
    SIM_DOMAIN_COUNT
};

/* Light capabilities (bit set). */
enum { SIM_CAP_DIM = 1, SIM_CAP_CT = 2, SIM_CAP_COLOR = 4 };

struct sim_device {
    char name[SIM_NAME_MAX];       /* as the fixture writes it: "Kitchen Ceiling Light" */
    char slug[SIM_NAME_MAX];       /* kitchen_ceiling_light: HA object ids, MAC/IEEE seeds */
    char topic_name[SIM_NAME_MAX]; /* name safe in a topic level (no / + #) */
    char area[SIM_NAME_MAX];
    char floor[SIM_NAME_MAX];
    char device_class[32]; /* blind, garage, door, temperature ... or "" */
    char unit[16];         /* sensors: unit of measurement */
    enum sim_domain domain;
    enum sim_proto proto;
    bool ha_json_schema; /* HA light: "schema": "json" instead of the default schema */
    unsigned caps;       /* lights: SIM_CAP_* */
    bool available;
    bool removed;     /* taken out of the house (control "remove"): unknown to everyone */
    uint64_t id_hash; /* stable per name: MAC, IEEE address, serials */

    /* State. Brightness is kept in the protocol's own scale so that a command is echoed with
     * exactly the number that was sent: z2m 0-254, Tasmota Dimmer 0-100, HA 0-255. */
    bool on;
    int bri;
    int mireds;         /* colour temperature, 150-500 */
    double hue, sat;    /* 0-360, 0-100 */
    bool color_mode_hs; /* last set was a colour (else colour temperature) */
    double position;    /* covers and valves: 0 closed .. 100 open */
    double target;      /* where a moving cover is going */
    int moving;         /* -1 closing, 0 still, +1 opening */
    bool locked;
    double setpoint, current_temp;
    char hvac_mode[16];   /* off, heat, cool, auto */
    int percentage;       /* fan 0-100 */
    char fan_mode[16];    /* z2m fan: off low medium high on auto */
    char media_state[16]; /* playing, paused, idle, off */
    double volume;        /* 0-1 */
    int track;
    double value;       /* sensors */
    double value_base;  /* sensors drift around this */
    bool bin;           /* binary sensors: on = open / motion */
    char vac_state[16]; /* cleaning, docked, paused, idle, returning */
    int battery;
    char fan_speed[16]; /* vacuum */
    double timer;       /* seconds left of a transition (lock, vacuum) */
};

struct sim_house;
/* How the protocol code publishes: topic, payload, retain. Tests/fuzzers can stub it. */
typedef void (*sim_publish_fn)(struct sim_house *h, const char *topic, const char *payload,
                               size_t len, bool retain);

struct sim_house {
    struct sim_device *dev;
    size_t ndev;
    json_t *areas; /* the house file's areas: each device's floor comes from its area */
    sim_publish_fn publish;
    void *publish_ctx;
    double tele_period;   /* Tasmota TelePeriod, seconds */
    double sensor_period; /* z2m / HA sensors report this often, seconds */
    bool z2m_retain;      /* z2m's per-device "retain: true" option for every device */
    double now;           /* monotonic seconds, advanced by sim_tick */
    double next_tele, next_sensor;
    uint64_t rng;
};

/* sim_house.c */
int sim_house_load_file(struct sim_house *h, const char *path);
int sim_house_load_json(struct sim_house *h, json_t *root, const char *what);
void sim_house_free(struct sim_house *h);
struct sim_device *sim_house_find(struct sim_house *h, const char *name);
const char *sim_domain_name(enum sim_domain d);
const char *sim_proto_name(enum sim_proto p);
double sim_rand(struct sim_house *h); /* 0..1, deterministic per run seed */

/* sim.c: dispatch and helpers shared by the protocols. */
void sim_publish(struct sim_house *h, const char *topic, const char *payload, bool retain);
void sim_publish_json(struct sim_house *h, const char *topic, json_t *obj,
                      bool retain); /* steals */
/* Publish every device's discovery, availability and state (after each (re)connect). */
void sim_announce_all(struct sim_house *h);
/* A message arrived; returns true if some device (or the control topic) took it. */
bool sim_handle_message(struct sim_house *h, const char *topic, const void *payload, size_t len);
/* Advance simulated time to now (seconds): covers move, sensors drift, tele reports. */
void sim_tick(struct sim_house *h, double now);
/* Publish a device's availability (online/offline in its protocol). */
void sim_publish_availability(struct sim_house *h, struct sim_device *d);
/* Topic filters the sim subscribes to. */
extern const char *const sim_subscriptions[];
/* Clamp helper and colour conversions. */
double sim_clamp(double v, double lo, double hi);
void sim_hs_to_rgb(double hue, double sat, double val, int rgb[3]);
void sim_rgb_to_hs(int r, int g, int b, double *hue, double *sat);
void sim_hs_to_xy(double hue, double sat, double *x, double *y);
void sim_xy_to_hs(double x, double y, double *hue, double *sat);
/* A short printable excerpt of a payload for log lines (non-printable bytes become '?'). */
const char *sim_excerpt(const char *p, size_t len, char *out, size_t n);
/* Parse a number from a JSON value that may be a number or a numeric string. */
bool sim_json_number(json_t *v, double *out);

/* Per protocol: announce (discovery + availability + state), state report, command handler,
 * periodic reports. handle_* return true if the topic belonged to the protocol. */
void sim_z2m_announce(struct sim_house *h);
void sim_z2m_report(struct sim_house *h, struct sim_device *d);
bool sim_z2m_handle(struct sim_house *h, const char *topic, const char *payload, size_t len);
void sim_z2m_availability(struct sim_house *h, struct sim_device *d);

void sim_tasmota_announce(struct sim_house *h, struct sim_device *d);
void sim_tasmota_report(struct sim_house *h, struct sim_device *d); /* stat/RESULT */
void sim_tasmota_tele(struct sim_house *h, struct sim_device *d);
bool sim_tasmota_handle(struct sim_house *h, const char *topic, const char *payload, size_t len);
void sim_tasmota_availability(struct sim_house *h, struct sim_device *d);
void sim_tasmota_topic(const struct sim_device *d, char *out, size_t n); /* tasmota_A1B2C3 */
void sim_tasmota_remove(struct sim_house *h, struct sim_device *d);      /* empty retained config */

void sim_ha_announce(struct sim_house *h, struct sim_device *d);
void sim_ha_report(struct sim_house *h, struct sim_device *d);
bool sim_ha_handle(struct sim_house *h, const char *topic, const char *payload, size_t len);
void sim_ha_availability(struct sim_house *h, struct sim_device *d);
void sim_ha_base(const struct sim_device *d, char *out, size_t n); /* esphome/<node> */
void sim_ha_remove(struct sim_house *h, struct sim_device *d);     /* empty retained config */

/* Report a device's state in its protocol (after a change). */
void sim_report(struct sim_house *h, struct sim_device *d);

#endif
