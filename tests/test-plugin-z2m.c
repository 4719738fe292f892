/*
 * test-plugin-z2m.c: the zigbee2mqtt plugin, loaded with dlopen from plugins/.libs, driven
 * with zigbee2mqtt's own payloads (tests/data/plugins/z2m-devices.json is a bridge/devices
 * list in the bridge's format): entities from exposes, state reports, the exact /set payloads
 * of every action, availability, and bad input that must change nothing.
 */
#include "plugins/tests/plugtest.h"

#include <stdlib.h>

static void test_entities(void)
{
    PT_CHECK(pt_subscribed("zigbee2mqtt/#"));
    pt_msg_file("zigbee2mqtt/bridge/devices", "z2m-devices.json");
    PT_INT(pt_bad(NULL), 0);
    const struct pt_call *e = pt_entity("light.kitchen_ceiling");
    PT_CHECK(e != NULL);
    if (e) {
        PT_STR(e->b, "Kitchen Ceiling");
        PT_STR(e->c, "Kitchen");
        PT_STR(e->e, "{\"brightness\":true,\"color_temp\":[2000,6536],\"color\":true}");
    }
    PT_CHECK(pt_entity("light.living_room_strip") != NULL);
    PT_CHECK(pt_entity("switch.hall_wall_switch_left") != NULL);
    PT_CHECK(pt_entity("switch.hall_wall_switch_right") != NULL);
    e = pt_entity("cover.bedroom_curtain");
    PT_CHECK(e && e->c && strcmp(e->c, "Bedroom") == 0);
    PT_CHECK(pt_entity("lock.front_door_lock") != NULL);
    e = pt_entity("climate.office_radiator");
    PT_CHECK(e != NULL);
    if (e)
        PT_STR(e->e, "{\"hvac_modes\":[\"off\",\"heat\"],\"min_temp\":5.0,\"max_temp\":32.0,"
                     "\"temp_step\":0.5}");
    PT_CHECK(pt_entity("fan.ceiling_fan") != NULL);
    e = pt_entity("sensor.bathroom_sensor_temperature");
    PT_CHECK(e != NULL);
    if (e) {
        PT_STR(e->d, "temperature");
        PT_STR(e->f, "°C");
        PT_STR(e->b, "Bathroom Sensor Temperature");
    }
    PT_CHECK(pt_entity("sensor.bathroom_sensor_humidity") != NULL);
    PT_CHECK(pt_entity("sensor.bathroom_sensor_pressure") != NULL);
    e = pt_entity("binary_sensor.back_door_contact");
    PT_CHECK(e && e->d && strcmp(e->d, "door") == 0);
    e = pt_entity("binary_sensor.hallway_motion_occupancy");
    PT_CHECK(e && e->d && strcmp(e->d, "motion") == 0);
    PT_CHECK(pt_entity("sensor.hallway_motion_illuminance_lux") != NULL);
    /* settings, link quality, the coordinator and uninterviewed devices are not entities */
    PT_CHECK(pt_entity("sensor.bathroom_sensor_temperature_calibration") == NULL);
    PT_CHECK(pt_entity("sensor.hallway_motion_occupancy_timeout") == NULL);
    PT_CHECK(pt_entity("sensor.kitchen_ceiling_linkquality") == NULL);
    PT_CHECK(pt_entity("sensor.bathroom_sensor_linkquality") == NULL);
    PT_CHECK(pt_entity("switch.old_plug") == NULL); /* disabled in zigbee2mqtt */
    e = pt_entity("binary_sensor.cellar_leak");     /* a one-entity device keeps its name */
    PT_CHECK(e && e->d && strcmp(e->d, "moisture") == 0 && strcmp(e->b, "Cellar Leak") == 0);
    PT_INT(pt_count(PT_UPSERT), 21);
}

static void test_states(void)
{
    pt_msg(
        "zigbee2mqtt/Kitchen Ceiling",
        "{\"brightness\":127,\"color\":{\"x\":0.7006,\"y\":0.2993},\"color_mode\":\"xy\","
        "\"color_temp\":370,\"linkquality\":87,\"state\":\"ON\",\"update\":{\"state\":\"idle\"}}");
    PT_STR(pt_state("light.kitchen_ceiling"), "on");
    PT_ATTR_INT("light.kitchen_ceiling", "brightness", 50);
    PT_ATTR_INT("light.kitchen_ceiling", "color_temp_kelvin", 2703);
    json_t *rgb = pt_attr("light.kitchen_ceiling", "rgb_color");
    PT_CHECK(json_is_array(rgb) && json_array_size(rgb) == 3);
    if (json_is_array(rgb)) {
        PT_CHECK(json_integer_value(json_array_get(rgb, 0)) > 240);
        PT_CHECK(json_integer_value(json_array_get(rgb, 1)) < 30);
        PT_CHECK(json_integer_value(json_array_get(rgb, 2)) < 30);
    }
    /* a partial report keeps the other properties */
    pt_msg("zigbee2mqtt/Kitchen Ceiling", "{\"state\":\"OFF\"}");
    PT_STR(pt_state("light.kitchen_ceiling"), "off");
    PT_ATTR_INT("light.kitchen_ceiling", "brightness", 50);

    pt_msg("zigbee2mqtt/living_room/strip",
           "{\"state\":\"ON\",\"brightness\":254,\"color\":{\"hue\":240,\"saturation\":100}}");
    PT_STR(pt_state("light.living_room_strip"), "on");
    rgb = pt_attr("light.living_room_strip", "rgb_color");
    char *s = json_dumps(rgb, JSON_COMPACT);
    PT_STR(s, "[0,0,255]");
    free(s);

    pt_msg("zigbee2mqtt/Hall Wall Switch", "{\"state_left\":\"ON\",\"state_right\":\"OFF\"}");
    PT_STR(pt_state("switch.hall_wall_switch_left"), "on");
    PT_STR(pt_state("switch.hall_wall_switch_right"), "off");

    pt_msg("zigbee2mqtt/Bedroom Curtain", "{\"position\":0,\"state\":\"CLOSE\",\"running\":false}");
    PT_STR(pt_state("cover.bedroom_curtain"), "closed");
    PT_STR(pt_state("binary_sensor.bedroom_curtain_running"), "off");
    pt_msg("zigbee2mqtt/Bedroom Curtain", "{\"position\":60,\"state\":\"OPEN\"}");
    PT_STR(pt_state("cover.bedroom_curtain"), "open");
    PT_ATTR_INT("cover.bedroom_curtain", "position", 60);

    pt_msg("zigbee2mqtt/Front Door Lock",
           "{\"state\":\"LOCK\",\"lock_state\":\"locked\",\"battery\":91}");
    PT_STR(pt_state("lock.front_door_lock"), "locked");
    PT_STR(pt_state("sensor.front_door_lock_battery"), "91");
    pt_msg("zigbee2mqtt/Front Door Lock", "{\"lock_state\":\"not_fully_locked\"}");
    PT_STR(pt_state("lock.front_door_lock"), "jammed");

    pt_msg("zigbee2mqtt/Office Radiator",
           "{\"occupied_heating_setpoint\":21.5,\"local_temperature\":19.3,"
           "\"system_mode\":\"heat\",\"running_state\":\"heat\",\"battery\":80}");
    PT_STR(pt_state("climate.office_radiator"), "heat");
    json_t *t = pt_attr("climate.office_radiator", "temperature");
    PT_CHECK(t && json_number_value(t) == 21.5);
    t = pt_attr("climate.office_radiator", "current_temperature");
    PT_CHECK(t && json_number_value(t) == 19.3);
    PT_STR(json_string_value(pt_attr("climate.office_radiator", "hvac_action")), "heating");

    pt_msg("zigbee2mqtt/Ceiling Fan", "{\"fan_state\":\"ON\",\"fan_mode\":\"medium\"}");
    PT_STR(pt_state("fan.ceiling_fan"), "on");
    PT_ATTR_INT("fan.ceiling_fan", "percentage", 67);

    pt_msg("zigbee2mqtt/Bathroom Sensor",
           "{\"battery\":97,\"humidity\":41.87,\"linkquality\":60,\"pressure\":1012.4,"
           "\"temperature\":22.31,\"voltage\":3005}");
    PT_STR(pt_state("sensor.bathroom_sensor_temperature"), "22.31");
    PT_STR(pt_state("sensor.bathroom_sensor_humidity"), "41.87");
    PT_STR(json_string_value(pt_attr("sensor.bathroom_sensor_temperature", "unit_of_measurement")),
           "°C");

    pt_msg("zigbee2mqtt/Back Door", "{\"contact\":true,\"battery\":100}");
    PT_STR(pt_state("binary_sensor.back_door_contact"), "off"); /* closed */
    pt_msg("zigbee2mqtt/Back Door", "{\"contact\":false}");
    PT_STR(pt_state("binary_sensor.back_door_contact"), "on"); /* open */

    pt_msg("zigbee2mqtt/Hallway Motion", "{\"occupancy\":true,\"illuminance_lux\":12}");
    PT_STR(pt_state("binary_sensor.hallway_motion_occupancy"), "on");
    PT_STR(pt_state("sensor.hallway_motion_illuminance_lux"), "12");
}

static void test_commands(void)
{
    pt_mark();
    PT_INT(pt_exec("light.kitchen_ceiling", "turn_on", NULL), HUB_OK);
    PT_PUB(0, "zigbee2mqtt/Kitchen Ceiling/set", "{\"state\":\"ON\"}");
    PT_CHECK(pt_published(0) && pt_published(0)->qos == 1 && !pt_published(0)->retain);
    pt_mark();
    PT_INT(pt_exec("light.kitchen_ceiling", "turn_on", "{\"brightness\":40}"), HUB_OK);
    PT_PUB(0, "zigbee2mqtt/Kitchen Ceiling/set", "{\"state\":\"ON\",\"brightness\":102}");
    pt_mark();
    PT_INT(pt_exec("light.kitchen_ceiling", "turn_on", "{\"color_temp_kelvin\":2700}"), HUB_OK);
    PT_PUB(0, "zigbee2mqtt/Kitchen Ceiling/set", "{\"state\":\"ON\",\"color_temp\":370}");
    pt_mark(); /* out of the bulb's range: clamped to its warmest */
    PT_INT(pt_exec("light.kitchen_ceiling", "turn_on", "{\"color_temp_kelvin\":1500}"), HUB_OK);
    PT_PUB(0, "zigbee2mqtt/Kitchen Ceiling/set", "{\"state\":\"ON\",\"color_temp\":500}");
    pt_mark();
    PT_INT(pt_exec("light.kitchen_ceiling", "turn_on", "{\"rgb_color\":[255,0,0]}"), HUB_OK);
    PT_PUB(0, "zigbee2mqtt/Kitchen Ceiling/set",
           "{\"state\":\"ON\",\"color\":{\"x\":0.7006,\"y\":0.2993}}");
    pt_mark();
    PT_INT(pt_exec("light.kitchen_ceiling", "turn_on", "{\"color_name\":\"blue\"}"), HUB_OK);
    PT_PUB(0, "zigbee2mqtt/Kitchen Ceiling/set",
           "{\"state\":\"ON\",\"color\":{\"x\":0.1355,\"y\":0.0399}}");
    pt_mark();
    PT_INT(pt_exec("light.kitchen_ceiling", "turn_on", "{\"brightness\":0}"), HUB_OK);
    PT_PUB(0, "zigbee2mqtt/Kitchen Ceiling/set", "{\"state\":\"OFF\"}");
    pt_mark();
    PT_INT(pt_exec("light.kitchen_ceiling", "turn_off", NULL), HUB_OK);
    PT_INT(pt_exec("light.kitchen_ceiling", "toggle", NULL), HUB_OK);
    PT_PUB(0, "zigbee2mqtt/Kitchen Ceiling/set", "{\"state\":\"OFF\"}");
    PT_PUB(1, "zigbee2mqtt/Kitchen Ceiling/set", "{\"state\":\"TOGGLE\"}");
    pt_mark();
    PT_INT(pt_exec("light.living_room_strip", "turn_on", "{\"rgb_color\":[255,0,0]}"), HUB_OK);
    PT_PUB(0, "zigbee2mqtt/living_room/strip/set",
           "{\"state\":\"ON\",\"color\":{\"hue\":0,\"saturation\":100}}");
    /* the strip has no colour temperature */
    PT_INT(pt_exec("light.living_room_strip", "turn_on", "{\"color_temp_kelvin\":3000}"),
           HUB_ERR_UNSUPPORTED);
    pt_mark();
    PT_INT(pt_exec("switch.hall_wall_switch_right", "turn_on", NULL), HUB_OK);
    PT_PUB(0, "zigbee2mqtt/Hall Wall Switch/set", "{\"state_right\":\"ON\"}");
    pt_mark();
    PT_INT(pt_exec("cover.bedroom_curtain", "open", NULL), HUB_OK);
    PT_INT(pt_exec("cover.bedroom_curtain", "close", NULL), HUB_OK);
    PT_INT(pt_exec("cover.bedroom_curtain", "stop", NULL), HUB_OK);
    PT_INT(pt_exec("cover.bedroom_curtain", "set_position", "{\"position\":30}"), HUB_OK);
    PT_PUB(0, "zigbee2mqtt/Bedroom Curtain/set", "{\"state\":\"OPEN\"}");
    PT_PUB(1, "zigbee2mqtt/Bedroom Curtain/set", "{\"state\":\"CLOSE\"}");
    PT_PUB(2, "zigbee2mqtt/Bedroom Curtain/set", "{\"state\":\"STOP\"}");
    PT_PUB(3, "zigbee2mqtt/Bedroom Curtain/set", "{\"position\":30}");
    pt_mark();
    PT_INT(pt_exec("lock.front_door_lock", "lock", NULL), HUB_OK);
    PT_INT(pt_exec("lock.front_door_lock", "unlock", NULL), HUB_OK);
    PT_PUB(0, "zigbee2mqtt/Front Door Lock/set", "{\"state\":\"LOCK\"}");
    PT_PUB(1, "zigbee2mqtt/Front Door Lock/set", "{\"state\":\"UNLOCK\"}");
    pt_mark();
    PT_INT(pt_exec("climate.office_radiator", "set_temperature", "{\"temperature\":22.3}"), HUB_OK);
    PT_INT(pt_exec("climate.office_radiator", "set_hvac_mode", "{\"hvac_mode\":\"off\"}"), HUB_OK);
    PT_PUB(0, "zigbee2mqtt/Office Radiator/set", "{\"occupied_heating_setpoint\":22.5}");
    PT_PUB(1, "zigbee2mqtt/Office Radiator/set", "{\"system_mode\":\"off\"}");
    PT_INT(pt_exec("climate.office_radiator", "set_hvac_mode", "{\"hvac_mode\":\"cool\"}"),
           HUB_ERR_UNSUPPORTED);
    PT_INT(pt_exec("climate.office_radiator", "set_temperature", "{\"temperature\":40}"),
           HUB_ERR_RANGE);
    pt_mark();
    PT_INT(pt_exec("fan.ceiling_fan", "set_percentage", "{\"percentage\":30}"), HUB_OK);
    PT_INT(pt_exec("fan.ceiling_fan", "set_percentage", "{\"percentage\":100}"), HUB_OK);
    PT_INT(pt_exec("fan.ceiling_fan", "set_percentage", "{\"percentage\":0}"), HUB_OK);
    PT_INT(pt_exec("fan.ceiling_fan", "turn_on", NULL), HUB_OK);
    PT_PUB(0, "zigbee2mqtt/Ceiling Fan/set", "{\"fan_mode\":\"low\"}");
    PT_PUB(1, "zigbee2mqtt/Ceiling Fan/set", "{\"fan_mode\":\"high\"}");
    PT_PUB(2, "zigbee2mqtt/Ceiling Fan/set", "{\"fan_mode\":\"off\"}");
    PT_PUB(3, "zigbee2mqtt/Ceiling Fan/set", "{\"fan_state\":\"ON\"}");
    /* bad arguments and actions a device cannot do publish nothing */
    pt_mark();
    PT_INT(pt_exec("light.kitchen_ceiling", "turn_on", "{\"brightness\":140}"), HUB_ERR_RANGE);
    PT_INT(pt_exec("light.kitchen_ceiling", "turn_on", "{\"brightness\":\"x\"}"), HUB_ERR_INVALID);
    PT_INT(pt_exec("light.kitchen_ceiling", "turn_on", "{\"rgb_color\":[1,2]}"), HUB_ERR_INVALID);
    PT_INT(pt_exec("light.kitchen_ceiling", "turn_on", "{not json"), HUB_ERR_INVALID);
    PT_INT(pt_exec("light.kitchen_ceiling", "lock", NULL), HUB_ERR_UNSUPPORTED);
    PT_INT(pt_exec("sensor.bathroom_sensor_temperature", "turn_on", NULL), HUB_ERR_UNSUPPORTED);
    PT_INT(pt_exec("light.nowhere", "turn_on", NULL), HUB_ERR_NOT_FOUND);
    PT_INT(pt_exec("cover.bedroom_curtain", "set_position", NULL), HUB_ERR_INVALID);
    PT_INT(pt_count(PT_PUBLISH), 0);
}

static void test_availability(void)
{
    pt_msg("zigbee2mqtt/Kitchen Ceiling/availability", "{\"state\":\"offline\"}");
    PT_INT(pt_available("light.kitchen_ceiling"), 0);
    pt_msg("zigbee2mqtt/Kitchen Ceiling/availability", "online");
    PT_INT(pt_available("light.kitchen_ceiling"), 1);
    pt_msg("zigbee2mqtt/bridge/state", "{\"state\":\"offline\"}");
    PT_INT(pt_available("light.kitchen_ceiling"), 0);
    PT_INT(pt_available("sensor.bathroom_sensor_temperature"), 0);
    pt_msg("zigbee2mqtt/bridge/state", "online");
    PT_INT(pt_available("light.kitchen_ceiling"), 1);
    pt_msg("zigbee2mqtt/Ceiling Fan/availability", "offline");
    PT_INT(pt_available("fan.ceiling_fan"), 0);
    size_t bad = pt_bad("bad_availability");
    pt_msg("zigbee2mqtt/Ceiling Fan/availability", "maybe");
    PT_INT(pt_bad("bad_availability"), bad + 1);
    PT_INT(pt_available("fan.ceiling_fan"), 0);
}

static void test_bad_input(void)
{
    pt_mark();
    size_t bad0 = pt_bad(NULL);
    /* truncated JSON, wrong types, out-of-range numbers, non-UTF-8, not an object */
    pt_msg("zigbee2mqtt/Kitchen Ceiling", "{\"state\":\"ON\",\"brightness\":");
    pt_msg("zigbee2mqtt/Kitchen Ceiling", "{\"state\":\"ON\",\"brightness\":\"full\"}");
    pt_msg("zigbee2mqtt/Kitchen Ceiling", "{\"state\":\"ON\",\"brightness\":9000}");
    pt_msg("zigbee2mqtt/Kitchen Ceiling", "{\"state\":\"ON\",\"color\":{\"x\":7,\"y\":0.3}}");
    pt_msg("zigbee2mqtt/Kitchen Ceiling", "{\"state\":\"\xff\xfe\"}");
    pt_msg("zigbee2mqtt/Kitchen Ceiling", "[1,2,3]");
    pt_msg("zigbee2mqtt/Bedroom Curtain", "{\"position\":-5}");
    pt_msg("zigbee2mqtt/Back Door", "{\"contact\":\"maybe\"}");
    pt_msg("zigbee2mqtt/Bathroom Sensor", "{\"temperature\":\"hot\"}");
    pt_msg("zigbee2mqtt/Front Door Lock", "{\"battery\":250}");
    pt_msg_len("zigbee2mqtt/Kitchen Ceiling", "{\"state\":\"ON\"\0}", 15);
    pt_msg_len("zigbee2mqtt/Kitchen Ceiling", "", 0);
    PT_INT(pt_bad(NULL), bad0 + 12);
    PT_INT(pt_count(PT_STATE), 0);
    PT_INT(pt_count(PT_PUBLISH), 0);
    PT_STR(pt_state("light.kitchen_ceiling"), "off");

    /* a 1 MB payload */
    size_t big = 1 << 20;
    char *p = malloc(big + 1);
    memset(p, ' ', big);
    memcpy(p, "{\"state\":\"ON\",\"x\":\"", 19);
    memset(p + 19, 'a', big - 21);
    memcpy(p + big - 2, "\"}", 2);
    p[big] = 0;
    pt_msg_len("zigbee2mqtt/Kitchen Ceiling", p, big);
    PT_INT(pt_bad("payload_too_large"), 1);
    /* unknown devices are counted; our own /set echoes and bridge chatter are not */
    size_t unk = pt_bad("unknown_device");
    pt_msg("zigbee2mqtt/Nobody Here", "{\"state\":\"ON\"}");
    PT_INT(pt_bad("unknown_device"), unk + 1);
    pt_msg("zigbee2mqtt/bridge/groups",
           "[{\"id\":1,\"friendly_name\":\"Downstairs Lights\",\"members\":[],\"scenes\":[]}]");
    pt_msg("zigbee2mqtt/Downstairs Lights", "{\"state\":\"ON\"}"); /* a group: not counted */
    pt_msg("zigbee2mqtt/Kitchen Ceiling/set", "{\"state\":\"ON\"}");
    pt_msg("zigbee2mqtt/bridge/logging", "{\"level\":\"info\",\"message\":\"hi\"}");
    PT_INT(pt_bad("unknown_device"), unk + 1);
    PT_INT(pt_count(PT_STATE), 0);

    /* a broken device list changes nothing */
    pt_mark();
    pt_msg("zigbee2mqtt/bridge/devices", "[{\"friendly_name\":");
    pt_msg("zigbee2mqtt/bridge/devices", "{\"not\":\"a list\"}");
    p[0] = '[';
    pt_msg_len("zigbee2mqtt/bridge/devices", p, big); /* 1 MB of junk: bad JSON */
    free(p);
    PT_INT(pt_count(PT_REMOVE), 0);
    PT_INT(pt_count(PT_UPSERT), 0);
    pt_msg("zigbee2mqtt/Kitchen Ceiling", "{\"state\":\"ON\"}");
    PT_STR(pt_state("light.kitchen_ceiling"), "on");
}

static void test_device_removed(void)
{
    /* the bridge list shrinks to one device: the others' entities go, ids stay stable */
    pt_mark();
    pt_msg(
        "zigbee2mqtt/bridge/devices",
        "[{\"ieee_address\":\"0x0017880104e45517\",\"type\":\"Router\","
        "\"friendly_name\":\"Kitchen Ceiling\",\"definition\":{\"model\":\"x\",\"vendor\":\"y\","
        "\"description\":\"z\",\"exposes\":[{\"type\":\"light\",\"features\":[{\"type\":\"binary\","
        "\"name\":\"state\",\"property\":\"state\",\"access\":7,\"value_on\":\"ON\","
        "\"value_off\":\"OFF\"}]}]}}]");
    PT_CHECK(pt_removed("fan.ceiling_fan"));
    PT_CHECK(pt_removed("sensor.bathroom_sensor_temperature"));
    PT_CHECK(!pt_removed("light.kitchen_ceiling"));
    PT_INT(pt_count(PT_UPSERT), 1);
    pt_mark();
    PT_INT(pt_exec("fan.ceiling_fan", "turn_on", NULL), HUB_ERR_NOT_FOUND);
    PT_INT(pt_exec("light.kitchen_ceiling", "turn_on", "{\"brightness\":50}"), HUB_ERR_UNSUPPORTED);
}

int main(void)
{
    static const char *const config[] = {NULL};
    pt_load("zigbee2mqtt", config);
    test_entities();
    test_states();
    test_commands();
    test_availability();
    test_bad_input();
    test_device_removed();
    pt_unload();

    /* a configured base topic and area map */
    static const char *const config2[] = {"base_topic", "z2m/home", "areas",
                                          "{\"Hallway Motion\":\"Upstairs Hall\"}", NULL};
    pt_load("zigbee2mqtt", config2);
    PT_CHECK(pt_subscribed("z2m/home/#"));
    pt_msg_file("z2m/home/bridge/devices", "z2m-devices.json");
    const struct pt_call *e = pt_entity("binary_sensor.hallway_motion_occupancy");
    PT_CHECK(e && e->c && strcmp(e->c, "Upstairs Hall") == 0);
    pt_mark();
    PT_INT(pt_exec("light.kitchen_ceiling", "turn_off", NULL), HUB_OK);
    PT_PUB(0, "z2m/home/Kitchen Ceiling/set", "{\"state\":\"OFF\"}");
    /* a contact sensor called a window is a window */
    pt_msg("z2m/home/bridge/devices",
           "[{\"ieee_address\":\"0x00158d000322aa12\",\"type\":\"EndDevice\","
           "\"friendly_name\":\"Study Window\",\"definition\":{\"model\":\"MCCGQ11LM\","
           "\"vendor\":\"Xiaomi\",\"description\":\"contact\",\"exposes\":[{\"type\":\"binary\","
           "\"name\":\"contact\",\"property\":\"contact\",\"access\":1,\"value_on\":false,"
           "\"value_off\":true}]}}]");
    e = pt_entity("binary_sensor.study_window");
    PT_CHECK(e && e->d && strcmp(e->d, "window") == 0);
    PT_CHECK(pt_removed("light.kitchen_ceiling"));
    return pt_done();
}
