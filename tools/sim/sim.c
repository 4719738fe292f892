/* sim.c: the protocol-independent half of hub-sim: publishing helpers, message dispatch to the
 * protocols, the control topic, colour conversions, and the clock that moves covers, drifts
 * sensors and sends periodic reports. No MQTT library calls here: h->publish does the sending,
 * so this file can be driven by hub-sim's MQTT loop or by a test. */
#include "tools/sim/sim.h"
#include "hub_log.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TAG "sim"

/* QoS 1 subscriptions: only command topics, so the sim does not hear its own reports. The
 * control topic lets tests take devices offline or set sensors. */
const char *const sim_subscriptions[] = {
    "zigbee2mqtt/+/set", "zigbee2mqtt/+/set/+",   "zigbee2mqtt/+/get",
    "cmnd/+/+",          "esphome/+/+/+/command", "esphome/+/+/+/+/command",
    "hub-sim/control",   "homeassistant/status",  NULL};

double sim_clamp(double v, double lo, double hi)
{
    if (!(v >= lo)) return lo; /* also catches NaN */
    if (v > hi) return hi;
    return v;
}

bool sim_json_number(json_t *v, double *out)
{
    if (json_is_number(v)) {
        double x = json_number_value(v);
        if (!isfinite(x)) return false;
        *out = x;
        return true;
    }
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        char *end;
        double x = strtod(s, &end);
        if (end == s || *end != '\0' || !isfinite(x)) return false;
        *out = x;
        return true;
    }
    return false;
}

const char *sim_excerpt(const char *p, size_t len, char *out, size_t n)
{
    size_t max = n > 4 ? n - 4 : 0, i;
    for (i = 0; i < len && i < max; i++)
        out[i] = p[i] >= 0x20 && p[i] < 0x7f ? p[i] : '?';
    if (i < len && n >= 4) memcpy(out + i, "...", 3), i += 3;
    out[i] = '\0';
    return out;
}

void sim_publish(struct sim_house *h, const char *topic, const char *payload, bool retain)
{
    h->publish(h, topic, payload, strlen(payload), retain);
}

void sim_publish_json(struct sim_house *h, const char *topic, json_t *obj, bool retain)
{
    char *s = json_dumps(obj, JSON_COMPACT | JSON_REAL_PRECISION(6));
    if (!s) {
        hub_error(TAG, "%s: jansson could not serialise the payload", topic);
    } else {
        h->publish(h, topic, s, strlen(s), retain);
        free(s);
    }
    json_decref(obj);
}

/* HSV (degrees, percent, 0-1 value) to 0-255 RGB. */
void sim_hs_to_rgb(double hue, double sat, double val, int rgb[3])
{
    double s = sim_clamp(sat, 0, 100) / 100, v = sim_clamp(val, 0, 1);
    double hh = fmod(sim_clamp(hue, 0, 360), 360) / 60;
    int i = (int)hh;
    double f = hh - i, p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
    double r, g, b;
    switch (i) {
    case 0: r = v, g = t, b = p; break;
    case 1: r = q, g = v, b = p; break;
    case 2: r = p, g = v, b = t; break;
    case 3: r = p, g = q, b = v; break;
    case 4: r = t, g = p, b = v; break;
    default: r = v, g = p, b = q; break;
    }
    rgb[0] = (int)lround(r * 255), rgb[1] = (int)lround(g * 255), rgb[2] = (int)lround(b * 255);
}

void sim_rgb_to_hs(int r, int g, int b, double *hue, double *sat)
{
    double R = sim_clamp(r, 0, 255) / 255.0, G = sim_clamp(g, 0, 255) / 255.0,
           B = sim_clamp(b, 0, 255) / 255.0;
    double mx = fmax(R, fmax(G, B)), mn = fmin(R, fmin(G, B)), c = mx - mn, hh = 0;
    if (c > 0) {
        if (mx == R)
            hh = fmod((G - B) / c + 6, 6);
        else if (mx == G)
            hh = (B - R) / c + 2;
        else
            hh = (R - G) / c + 4;
    }
    *hue = hh * 60;
    *sat = mx > 0 ? c / mx * 100 : 0;
}

static double gamma_expand(double c)
{
    return c > 0.04045 ? pow((c + 0.055) / 1.055, 2.4) : c / 12.92;
}

static double gamma_compress(double c)
{
    return c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055;
}

/* sRGB (wide-gamut D65 matrix as Philips Hue documents it) to CIE xy. */
void sim_hs_to_xy(double hue, double sat, double *x, double *y)
{
    int rgb[3];
    sim_hs_to_rgb(hue, sat, 1, rgb);
    double r = gamma_expand(rgb[0] / 255.0), g = gamma_expand(rgb[1] / 255.0),
           b = gamma_expand(rgb[2] / 255.0);
    double X = r * 0.664511 + g * 0.154324 + b * 0.162028;
    double Y = r * 0.283881 + g * 0.668433 + b * 0.047685;
    double Z = r * 0.000088 + g * 0.072310 + b * 0.986039;
    double sum = X + Y + Z;
    *x = sum > 0 ? round(X / sum * 10000) / 10000 : 0.3127;
    *y = sum > 0 ? round(Y / sum * 10000) / 10000 : 0.329;
}

void sim_xy_to_hs(double x, double y, double *hue, double *sat)
{
    x = sim_clamp(x, 0, 1), y = sim_clamp(y, 0.0001, 1);
    double Y = 1, X = Y / y * x, Z = Y / y * (1 - x - y);
    double r = X * 1.656492 - Y * 0.354851 - Z * 0.255038;
    double g = -X * 0.707196 + Y * 1.655397 + Z * 0.036152;
    double b = X * 0.051713 - Y * 0.121364 + Z * 1.011530;
    double mx = fmax(r, fmax(g, b));
    if (mx > 1) r /= mx, g /= mx, b /= mx;
    r = gamma_compress(fmax(r, 0)), g = gamma_compress(fmax(g, 0)), b = gamma_compress(fmax(b, 0));
    sim_rgb_to_hs((int)lround(r * 255), (int)lround(g * 255), (int)lround(b * 255), hue, sat);
}

void sim_report(struct sim_house *h, struct sim_device *d)
{
    if (!d->available || d->removed) return;
    switch (d->proto) {
    case SIM_PROTO_Z2M: sim_z2m_report(h, d); break;
    case SIM_PROTO_TASMOTA: sim_tasmota_report(h, d); break;
    case SIM_PROTO_HA: sim_ha_report(h, d); break;
    }
}

void sim_publish_availability(struct sim_house *h, struct sim_device *d)
{
    switch (d->proto) {
    case SIM_PROTO_Z2M: sim_z2m_availability(h, d); break;
    case SIM_PROTO_TASMOTA: sim_tasmota_availability(h, d); break;
    case SIM_PROTO_HA: sim_ha_availability(h, d); break;
    }
}

void sim_announce_all(struct sim_house *h)
{
    sim_z2m_announce(h); /* the bridge: one devices list for all z2m devices */
    for (size_t i = 0; i < h->ndev; i++) {
        struct sim_device *d = &h->dev[i];
        if (d->removed) continue;
        if (d->proto == SIM_PROTO_TASMOTA)
            sim_tasmota_announce(h, d);
        else if (d->proto == SIM_PROTO_HA)
            sim_ha_announce(h, d);
    }
    if (h->now > 0 && h->tele_period > 2) h->next_tele = h->now + 2;
}

static void control_result(struct sim_house *h, bool ok, const char *device, const char *error)
{
    json_t *r = json_pack("{s:b}", "ok", ok);
    if (!r) return;
    if (device) json_object_set_new(r, "device", json_string(device));
    if (error) json_object_set_new(r, "error", json_string(error));
    sim_publish_json(h, "hub-sim/control/result", r, false);
}

/* hub-sim/control: {"device": NAME, "available": bool, "value": number|bool, "report": true}.
 * Answers on hub-sim/control/result with {"ok": bool, "device", "error"}. */
static void handle_control(struct sim_house *h, const char *payload, size_t len)
{
    json_error_t err;
    json_t *root = json_loadb(payload, len, 0, &err);
    if (!json_is_object(root)) {
        hub_warn(TAG, "hub-sim/control: not a JSON object (%s)", root ? "wrong type" : err.text);
        control_result(h, false, NULL, "payload must be a JSON object");
        json_decref(root);
        return;
    }
    const char *name = json_string_value(json_object_get(root, "device"));
    struct sim_device *d = name ? sim_house_find(h, name) : NULL;
    if (!d) {
        control_result(h, false, name, "no such device");
        json_decref(root);
        return;
    }
    json_t *rm = json_object_get(root, "remove");
    if (json_is_boolean(rm) && json_is_true(rm) != d->removed) {
        /* Removal as each protocol announces it: z2m re-lists its devices and clears the
         * availability, Tasmota and HA discovery clear the retained config. */
        d->removed = json_is_true(rm);
        hub_info(TAG, "%s: %s", d->name, d->removed ? "removed" : "added back");
        if (d->proto == SIM_PROTO_Z2M) {
            char topic[SIM_TOPIC_MAX];
            snprintf(topic, sizeof topic, "zigbee2mqtt/%s/availability", d->topic_name);
            if (d->removed) h->publish(h, topic, "", 0, true);
            sim_z2m_announce(h);
        } else if (d->proto == SIM_PROTO_TASMOTA) {
            if (d->removed)
                sim_tasmota_remove(h, d);
            else
                sim_tasmota_announce(h, d);
        } else {
            if (d->removed)
                sim_ha_remove(h, d);
            else
                sim_ha_announce(h, d);
        }
    }
    if (d->removed && !json_is_boolean(rm)) {
        control_result(h, false, d->name, "device is removed; send \"remove\": false first");
        json_decref(root);
        return;
    }
    json_t *av = json_object_get(root, "available"), *val = json_object_get(root, "value");
    if (json_is_boolean(av)) {
        bool was = d->available;
        d->available = json_is_true(av);
        hub_info(TAG, "%s: now %s", d->name, d->available ? "online" : "offline");
        sim_publish_availability(h, d);
        if (d->available && !was) sim_report(h, d);
    }
    if (val) {
        double x;
        if (d->domain == SIM_BINARY && (json_is_boolean(val) || json_is_string(val))) {
            d->bin = json_is_true(val) ||
                     (json_is_string(val) && strcasecmp(json_string_value(val), "on") == 0);
        } else if (d->domain == SIM_SENSOR && sim_json_number(val, &x)) {
            d->value = d->value_base = x;
        } else {
            control_result(h, false, d->name,
                           "\"value\" fits sensors (number) and "
                           "binary_sensors (bool) only");
            json_decref(root);
            return;
        }
        sim_report(h, d);
    }
    if (json_is_true(json_object_get(root, "report"))) {
        sim_report(h, d);
        if (d->proto == SIM_PROTO_TASMOTA && d->available) sim_tasmota_tele(h, d);
    }
    control_result(h, true, d->name, NULL);
    json_decref(root);
}

bool sim_handle_message(struct sim_house *h, const char *topic, const void *payload, size_t len)
{
    /* Payloads are handed on as NUL-terminated strings; a 1 MB garbage payload is just text. */
    char *p = malloc(len + 1);
    if (!p) {
        hub_error(TAG, "%s: out of memory for a %zu-byte payload", topic, len);
        return false;
    }
    if (len) memcpy(p, payload, len);
    p[len] = '\0';
    bool taken;
    if (strcmp(topic, "hub-sim/control") == 0) {
        handle_control(h, p, len);
        taken = true;
    } else if (strcmp(topic, "homeassistant/status") == 0) {
        /* Home Assistant's birth message: ESPHome nodes answer it by sending their discovery
         * configs and states again (a hub can ask for rediscovery the same way). */
        if (strcmp(p, "online") == 0)
            for (size_t i = 0; i < h->ndev; i++)
                if (h->dev[i].proto == SIM_PROTO_HA && !h->dev[i].removed)
                    sim_ha_announce(h, &h->dev[i]);
        taken = true;
    } else {
        taken = sim_z2m_handle(h, topic, p, len) || sim_tasmota_handle(h, topic, p, len) ||
                sim_ha_handle(h, topic, p, len);
    }
    free(p);
    return taken;
}

/* Cover travel: 25 % per second, so a full run takes 4 s and reports on the way. */
#define SIM_COVER_SPEED 25.0
#define SIM_MOVE_REPORT 0.5

void sim_tick(struct sim_house *h, double now)
{
    if (h->now == 0) {
        h->now = now;
        h->next_tele = now + h->tele_period;
        h->next_sensor = now + h->sensor_period;
        return;
    }
    double dt = now - h->now;
    if (dt <= 0) return;
    h->now = now;
    for (size_t i = 0; i < h->ndev; i++) {
        struct sim_device *d = &h->dev[i];
        if ((d->domain == SIM_COVER || d->domain == SIM_VALVE) && d->moving) {
            double step = SIM_COVER_SPEED * dt;
            if (fabs(d->target - d->position) <= step) {
                d->position = d->target;
                d->moving = 0;
                d->timer = 0;
                sim_report(h, d);
            } else {
                d->position += d->moving * step;
                d->timer -= dt;
                if (d->timer <= 0) {
                    d->timer = SIM_MOVE_REPORT;
                    sim_report(h, d);
                }
            }
        } else if (d->timer > 0) { /* lock and vacuum transitions */
            d->timer -= dt;
            if (d->timer <= 0) {
                d->timer = 0;
                if (d->domain == SIM_VACUUM && strcmp(d->vac_state, "returning") == 0)
                    snprintf(d->vac_state, sizeof d->vac_state, "docked");
                sim_report(h, d);
            }
        }
        /* The vacuum's battery drains about 3 %/min while cleaning and charges on the dock. */
        if (d->domain == SIM_VACUUM && strcmp(d->vac_state, "cleaning") == 0 && d->battery > 5 &&
            sim_rand(h) < dt / 20)
            d->battery--;
        if (d->domain == SIM_VACUUM && strcmp(d->vac_state, "docked") == 0 && d->battery < 100 &&
            sim_rand(h) < dt / 10)
            d->battery++;
        if (d->domain == SIM_CLIMATE) {
            /* The room warms towards the setpoint while heating, cools towards 18 otherwise. */
            bool heating = strcmp(d->hvac_mode, "off") != 0 && d->current_temp < d->setpoint;
            double goal = heating ? d->setpoint : 18;
            d->current_temp += (goal - d->current_temp) * sim_clamp(dt / 600, 0, 1);
        }
    }
    if (now >= h->next_sensor) {
        h->next_sensor = now + h->sensor_period;
        for (size_t i = 0; i < h->ndev; i++) {
            struct sim_device *d = &h->dev[i];
            if (d->domain == SIM_SENSOR) {
                /* A slow random walk that stays within a few percent of its base value. */
                double span = fabs(d->value_base) * 0.03 + 0.3;
                d->value += (sim_rand(h) - 0.5) * span * 0.4;
                d->value = sim_clamp(d->value, d->value_base - span, d->value_base + span);
                if (d->proto != SIM_PROTO_TASMOTA) sim_report(h, d);
            } else if ((d->domain == SIM_CLIMATE || d->domain == SIM_VACUUM) &&
                       d->proto != SIM_PROTO_TASMOTA) {
                sim_report(h, d);
            }
        }
    }
    if (now >= h->next_tele) {
        h->next_tele = now + h->tele_period;
        for (size_t i = 0; i < h->ndev; i++)
            if (h->dev[i].proto == SIM_PROTO_TASMOTA && h->dev[i].available)
                sim_tasmota_tele(h, &h->dev[i]);
    }
}
