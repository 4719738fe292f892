/*
 * test-plugin-tasmota.c: the Tasmota plugin, loaded with dlopen from plugins/.libs, fed the
 * firmware's native discovery (tests/data/plugins/tasmota-*.json, in the format Tasmota 13
 * publishes) and its stat/tele reports; checks entities, states, the exact cmnd/ payloads of
 * every action, LWT availability and bad input that must change nothing.
 */
#include "plugins/tests/plugtest.h"

#include <stdlib.h>

static void discover(void)
{
    PT_CHECK(pt_subscribed("tasmota/discovery/+/config"));
    PT_CHECK(pt_subscribed("tasmota/discovery/+/sensors"));
    /* sensors may arrive before the config (both retained): handled either way */
    pt_msg_file("tasmota/discovery/DC4F22AABB01/sensors", "tasmota-plug-sensors.json");
    pt_msg_file("tasmota/discovery/DC4F22AABB01/config", "tasmota-plug-config.json");
    pt_msg_file("tasmota/discovery/A4CF125A3B2C/config", "tasmota-bulb-config.json");
    pt_msg_file("tasmota/discovery/84F3EB11C0DE/config", "tasmota-dual-config.json");
    pt_msg_file("tasmota/discovery/2462AB00F00D/config", "tasmota-shutter-config.json");
    pt_msg_file("tasmota/discovery/C44F33ABCDEF/config", "tasmota-ifan-config.json");
    pt_msg_file("tasmota/discovery/BCDDC2010203/config", "tasmota-th-config.json");
    pt_msg_file("tasmota/discovery/BCDDC2010203/sensors", "tasmota-th-sensors.json");
    pt_msg_file("tasmota/discovery/BCDDC2040506/config", "tasmota-ds18b20-config.json");
    pt_msg_file("tasmota/discovery/BCDDC2040506/sensors", "tasmota-ds18b20-sensors.json");
    PT_INT(pt_bad(NULL), 0);
    PT_CHECK(pt_subscribed("stat/kitchen_plug/+"));
    PT_CHECK(pt_subscribed("tele/kitchen_plug/+"));

    const struct pt_call *e = pt_entity("switch.kitchen_plug");
    PT_CHECK(e && strcmp(e->b, "Kitchen Plug") == 0);
    e = pt_entity("sensor.kitchen_plug_energy_power");
    PT_CHECK(e != NULL);
    if (e) {
        PT_STR(e->f, "W");
        PT_STR(e->d, "power");
    }
    e = pt_entity("sensor.kitchen_plug_energy_total");
    PT_CHECK(e && e->f && strcmp(e->f, "kWh") == 0);
    PT_CHECK(pt_entity("sensor.kitchen_plug_energy_totalstarttime") == NULL);
    e = pt_entity("light.living_room_bulb");
    PT_CHECK(e != NULL);
    if (e) PT_STR(e->e, "{\"brightness\":true,\"color\":true,\"color_temp\":[2000,6536]}");
    PT_CHECK(pt_entity("switch.garden_lights") != NULL);
    PT_CHECK(pt_entity("switch.fountain") != NULL);
    e = pt_entity("cover.study_blind");
    PT_CHECK(e && e->d && strcmp(e->d, "shutter") == 0);
    PT_CHECK(pt_entity("switch.study_blind") == NULL);
    PT_CHECK(pt_entity("cover.study_blind_2") == NULL);
    PT_CHECK(pt_entity("light.bedroom_fan_light") != NULL);
    PT_CHECK(pt_entity("fan.bedroom_fan") != NULL);
    e = pt_entity("sensor.attic_sensor_am2301_temperature");
    PT_CHECK(e && e->f && strcmp(e->f, "°C") == 0);
    PT_CHECK(pt_entity("sensor.attic_sensor_am2301_humidity") != NULL);
    e = pt_entity("sensor.pantry_thermometer"); /* one reading: the device's name */
    PT_CHECK(e && e->f && strcmp(e->f, "°C") == 0);
    PT_INT(pt_count(PT_UPSERT), 9 + 1 + 2 + 1 + 2 + 3 + 1 + 1);
}

static void reports(void)
{
    pt_msg("stat/kitchen_plug/POWER", "ON");
    PT_STR(pt_state("switch.kitchen_plug"), "on");
    pt_msg("stat/kitchen_plug/RESULT", "{\"POWER\":\"OFF\"}");
    PT_STR(pt_state("switch.kitchen_plug"), "off");
    pt_msg(
        "tele/kitchen_plug/SENSOR",
        "{\"Time\":\"2024-03-01T10:23:33\",\"ENERGY\":{\"TotalStartTime\":\"2023-11-02T18:21:45\","
        "\"Total\":12.346,\"Yesterday\":0.412,\"Today\":0.119,\"Period\":0,\"Power\":61,"
        "\"ApparentPower\":66,\"ReactivePower\":25,\"Factor\":0.92,\"Voltage\":230,"
        "\"Current\":0.287}}");
    PT_STR(pt_state("sensor.kitchen_plug_energy_power"), "61");
    PT_STR(pt_state("sensor.kitchen_plug_energy_total"), "12.346");
    PT_STR(json_string_value(pt_attr("sensor.kitchen_plug_energy_power", "unit_of_measurement")),
           "W");

    pt_msg("tele/tasmota_5A3B2C/STATE",
           "{\"Time\":\"2024-03-01T10:23:00\",\"Uptime\":\"0T01:00:00\",\"POWER\":\"ON\","
           "\"Dimmer\":40,\"Color\":\"FF00000000\",\"HSBColor\":\"0,100,40\",\"White\":0,"
           "\"CT\":153,\"Channel\":[100,0,0,0,0],\"Scheme\":0,\"Fade\":\"OFF\","
           "\"Wifi\":{\"AP\":1,\"SSId\":\"home\",\"RSSI\":80}}");
    PT_STR(pt_state("light.living_room_bulb"), "on");
    PT_ATTR_INT("light.living_room_bulb", "brightness", 40);
    PT_ATTR_INT("light.living_room_bulb", "color_temp_kelvin", 6536);
    json_t *rgb = pt_attr("light.living_room_bulb", "rgb_color");
    char *s = json_dumps(rgb, JSON_COMPACT);
    PT_STR(s, "[255,0,0]");
    free(s);
    pt_msg("stat/tasmota_5A3B2C/RESULT",
           "{\"POWER\":\"ON\",\"Dimmer\":75,\"Color\":\"0,0,255,0,0\"}");
    PT_ATTR_INT("light.living_room_bulb", "brightness", 75);
    pt_msg("stat/tasmota_5A3B2C/POWER", "ON"); /* follows RESULT; keeps the attributes */
    PT_ATTR_INT("light.living_room_bulb", "brightness", 75);
    rgb = pt_attr("light.living_room_bulb", "rgb_color");
    s = json_dumps(rgb, JSON_COMPACT);
    PT_STR(s, "[0,0,255]");
    free(s);

    pt_msg("stat/garden/RESULT", "{\"POWER2\":\"ON\"}");
    PT_STR(pt_state("switch.fountain"), "on");
    PT_CHECK(pt_state("switch.garden_lights") == NULL);
    pt_msg("stat/garden/POWER1", "OFF");
    PT_STR(pt_state("switch.garden_lights"), "off");

    pt_msg("stat/study_blind/RESULT",
           "{\"Shutter1\":{\"Position\":30,\"Direction\":1,\"Target\":100,\"Tilt\":0}}");
    PT_STR(pt_state("cover.study_blind"), "opening");
    PT_ATTR_INT("cover.study_blind", "position", 30);
    pt_msg("stat/study_blind/SHUTTER1", "100");
    PT_STR(pt_state("cover.study_blind"), "open");
    pt_msg("tele/study_blind/SENSOR",
           "{\"Time\":\"2024-03-01T10:30:00\",\"Shutter1\":{\"Position\":0,\"Direction\":0,"
           "\"Target\":0,\"Tilt\":0}}");
    PT_STR(pt_state("cover.study_blind"), "closed");

    pt_msg("stat/bedroom_fan/RESULT", "{\"FanSpeed\":2}");
    PT_STR(pt_state("fan.bedroom_fan"), "on");
    PT_ATTR_INT("fan.bedroom_fan", "percentage", 67);
    pt_msg("stat/bedroom_fan/RESULT", "{\"POWER1\":\"ON\"}");
    PT_STR(pt_state("light.bedroom_fan_light"), "on");

    pt_msg("tele/attic/SENSOR",
           "{\"Time\":\"2024-03-01T10:31:00\",\"AM2301\":{\"Temperature\":19.8,\"Humidity\":55.1,"
           "\"DewPoint\":10.6},\"TempUnit\":\"C\"}");
    PT_STR(pt_state("sensor.attic_sensor_am2301_temperature"), "19.8");
    PT_STR(pt_state("sensor.attic_sensor_am2301_humidity"), "55.1");
    pt_msg("tele/pantry/SENSOR",
           "{\"Time\":\"2024-03-01T10:31:00\",\"DS18B20\":{\"Id\":\"01144BC3A1AA\","
           "\"Temperature\":4.4},\"TempUnit\":\"C\"}");
    PT_STR(pt_state("sensor.pantry_thermometer"), "4.4");

    pt_msg("tele/kitchen_plug/LWT", "Offline");
    PT_INT(pt_available("switch.kitchen_plug"), 0);
    PT_INT(pt_available("sensor.kitchen_plug_energy_power"), 0);
    pt_msg("tele/kitchen_plug/LWT", "Online");
    PT_INT(pt_available("switch.kitchen_plug"), 1);
}

static void commands(void)
{
    pt_mark();
    PT_INT(pt_exec("switch.kitchen_plug", "turn_on", NULL), HUB_OK);
    PT_INT(pt_exec("switch.kitchen_plug", "turn_off", NULL), HUB_OK);
    PT_INT(pt_exec("switch.kitchen_plug", "toggle", NULL), HUB_OK);
    PT_PUB(0, "cmnd/kitchen_plug/POWER", "ON");
    PT_PUB(1, "cmnd/kitchen_plug/POWER", "OFF");
    PT_PUB(2, "cmnd/kitchen_plug/POWER", "TOGGLE");
    PT_CHECK(pt_published(0)->qos == 1 && !pt_published(0)->retain);
    pt_mark();
    PT_INT(pt_exec("switch.fountain", "turn_on", NULL), HUB_OK);
    PT_PUB(0, "cmnd/garden/POWER2", "ON");
    pt_mark();
    PT_INT(pt_exec("light.living_room_bulb", "turn_on", "{\"brightness\":40}"), HUB_OK);
    PT_PUB(0, "cmnd/tasmota_5A3B2C/Dimmer", "40");
    PT_INT(pt_count(PT_PUBLISH), 1);
    pt_mark();
    PT_INT(pt_exec("light.living_room_bulb", "turn_on", "{\"color_temp_kelvin\":2700}"), HUB_OK);
    PT_PUB(0, "cmnd/tasmota_5A3B2C/CT", "370");
    pt_mark();
    PT_INT(pt_exec("light.living_room_bulb", "turn_on",
                   "{\"rgb_color\":[255,128,0],\"brightness\":80}"),
           HUB_OK);
    PT_PUB(0, "cmnd/tasmota_5A3B2C/Color", "FF8000");
    PT_PUB(1, "cmnd/tasmota_5A3B2C/Dimmer", "80");
    pt_mark();
    PT_INT(pt_exec("light.living_room_bulb", "turn_on", "{\"color_name\":\"purple\"}"), HUB_OK);
    PT_PUB(0, "cmnd/tasmota_5A3B2C/Color", "800080");
    pt_mark();
    PT_INT(pt_exec("light.living_room_bulb", "turn_on", NULL), HUB_OK);
    PT_INT(pt_exec("light.living_room_bulb", "turn_on", "{\"brightness\":0}"), HUB_OK);
    PT_PUB(0, "cmnd/tasmota_5A3B2C/POWER", "ON");
    PT_PUB(1, "cmnd/tasmota_5A3B2C/POWER", "OFF");
    pt_mark();
    PT_INT(pt_exec("cover.study_blind", "open", NULL), HUB_OK);
    PT_INT(pt_exec("cover.study_blind", "close", NULL), HUB_OK);
    PT_INT(pt_exec("cover.study_blind", "stop", NULL), HUB_OK);
    PT_INT(pt_exec("cover.study_blind", "set_position", "{\"position\":45}"), HUB_OK);
    PT_PUB(0, "cmnd/study_blind/ShutterOpen1", "");
    PT_PUB(1, "cmnd/study_blind/ShutterClose1", "");
    PT_PUB(2, "cmnd/study_blind/ShutterStop1", "");
    PT_PUB(3, "cmnd/study_blind/ShutterPosition1", "45");
    pt_mark();
    PT_INT(pt_exec("fan.bedroom_fan", "set_percentage", "{\"percentage\":30}"), HUB_OK);
    PT_INT(pt_exec("fan.bedroom_fan", "set_percentage", "{\"percentage\":100}"), HUB_OK);
    PT_INT(pt_exec("fan.bedroom_fan", "turn_off", NULL), HUB_OK);
    PT_PUB(0, "cmnd/bedroom_fan/FanSpeed", "1");
    PT_PUB(1, "cmnd/bedroom_fan/FanSpeed", "3");
    PT_PUB(2, "cmnd/bedroom_fan/FanSpeed", "0");
    pt_mark();
    PT_INT(pt_exec("light.bedroom_fan_light", "turn_on", NULL), HUB_OK);
    PT_PUB(0, "cmnd/bedroom_fan/POWER", "ON");
    /* what the device cannot do, or bad arguments: nothing is published */
    pt_mark();
    PT_INT(pt_exec("light.bedroom_fan_light", "turn_on", "{\"brightness\":50}"),
           HUB_ERR_UNSUPPORTED);
    PT_INT(pt_exec("switch.kitchen_plug", "lock", NULL), HUB_ERR_UNSUPPORTED);
    PT_INT(pt_exec("sensor.attic_sensor_am2301_temperature", "turn_on", NULL), HUB_ERR_UNSUPPORTED);
    PT_INT(pt_exec("cover.study_blind", "set_position", "{\"position\":101}"), HUB_ERR_RANGE);
    PT_INT(pt_exec("light.living_room_bulb", "turn_on", "{\"rgb_color\":\"red\"}"),
           HUB_ERR_INVALID);
    PT_INT(pt_exec("light.nope", "turn_on", NULL), HUB_ERR_NOT_FOUND);
    PT_INT(pt_count(PT_PUBLISH), 0);
}

static void bad_input(void)
{
    pt_mark();
    size_t bad0 = pt_bad(NULL);
    pt_msg("stat/kitchen_plug/RESULT", "{\"POWER\":\"ON\""); /* truncated */
    pt_msg("stat/kitchen_plug/RESULT", "{\"POWER\":1}");     /* wrong type */
    pt_msg("stat/kitchen_plug/RESULT", "{\"POWER\":\"MAYBE\"}");
    pt_msg("stat/kitchen_plug/POWER", "\xff\xfe"); /* not UTF-8 */
    pt_msg("stat/tasmota_5A3B2C/RESULT", "{\"POWER\":\"ON\",\"Dimmer\":250}");
    pt_msg("stat/tasmota_5A3B2C/RESULT", "{\"POWER\":\"ON\",\"Color\":\"XYZXYZ\"}");
    pt_msg("stat/study_blind/RESULT", "{\"Shutter1\":{\"Position\":\"up\"}}");
    pt_msg("stat/study_blind/SHUTTER1", "-20");
    pt_msg("tele/kitchen_plug/LWT", "Sleeping");
    pt_msg("tele/kitchen_plug/SENSOR", "[]");
    PT_INT(pt_bad(NULL), bad0 + 10);
    PT_INT(pt_count(PT_STATE), 0);
    PT_INT(pt_count(PT_AVAIL), 0);

    size_t big = 1 << 20;
    char *p = malloc(big);
    memset(p, '{', big);
    pt_msg_len("stat/kitchen_plug/RESULT", p, big);
    PT_INT(pt_bad("payload_too_large"), 1);
    /* discovery with wrong types or a topic with wildcards is refused as a whole */
    pt_msg("tasmota/discovery/001122334455/config",
           "{\"dn\":\"X\",\"t\":\"x\",\"ft\":\"%prefix%/%topic%/\","
           "\"tp\":[\"cmnd\",\"stat\",\"tele\"],\"rl\":[\"1\"]}");
    pt_msg("tasmota/discovery/001122334455/config",
           "{\"dn\":\"X\",\"t\":\"a/#\",\"ft\":\"%prefix%/%topic%/\","
           "\"tp\":[\"cmnd\",\"stat\",\"tele\"],\"rl\":[1]}");
    pt_msg("tasmota/discovery/001122334455/config",
           "{\"dn\":\"X\",\"t\":\"x\",\"ft\":\"%prefix%/%topic%/\","
           "\"tp\":[\"cmnd\",\"stat\",\"tele\"],\"rl\":[1],\"lt_st\":99}");
    pt_msg_len("tasmota/discovery/001122334455/config", p, big);
    free(p);
    PT_INT(pt_bad("bad_discovery"), 3);
    PT_INT(pt_count(PT_UPSERT), 0);
    pt_msg("stat/nobody/RESULT", "{\"POWER\":\"ON\"}");
    PT_CHECK(pt_bad("unknown_device") == 1);
    PT_INT(pt_count(PT_STATE), 0);
}

static void removal(void)
{
    pt_mark();
    pt_msg("tasmota/discovery/84F3EB11C0DE/config", "");
    PT_CHECK(pt_removed("switch.garden_lights"));
    PT_CHECK(pt_removed("switch.fountain"));
    PT_INT(pt_exec("switch.fountain", "turn_on", NULL), HUB_ERR_NOT_FOUND);
    pt_msg("stat/garden/RESULT", "{\"POWER2\":\"ON\"}");
    PT_INT(pt_count(PT_STATE), 0);
    /* rediscovery brings the same ids back */
    pt_msg_file("tasmota/discovery/84F3EB11C0DE/config", "tasmota-dual-config.json");
    PT_CHECK(pt_entity("switch.fountain") != NULL);
    PT_CHECK(pt_entity("switch.fountain_2") == NULL);
    /* the dual relay comes back with one relay: the other one is forgotten */
    pt_mark();
    size_t len;
    char *cfg = pt_read_data("tasmota-dual-config.json", &len);
    char *rl = strstr(cfg, "\"rl\":[1,1,");
    PT_CHECK(rl != NULL);
    if (rl) rl[8] = '0';
    pt_msg("tasmota/discovery/84F3EB11C0DE/config", cfg);
    free(cfg);
    PT_CHECK(pt_removed("switch.fountain"));
    PT_CHECK(!pt_removed("switch.garden_lights"));
    PT_INT(pt_count(PT_REMOVE), 1);
    pt_msg("tasmota/discovery/DC4F22AABB01/sensors", "");
    PT_CHECK(pt_removed("sensor.kitchen_plug_energy_power"));
    PT_CHECK(!pt_removed("switch.kitchen_plug"));
}

int main(void)
{
    static const char *const config[] = {NULL};
    pt_load("tasmota", config);
    discover();
    reports();
    commands();
    bad_input();
    removal();
    return pt_done();
}
