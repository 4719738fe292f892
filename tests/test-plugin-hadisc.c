/*
 * test-plugin-hadisc.c: the ha_discovery plugin, loaded with dlopen from plugins/.libs, fed
 * Home Assistant MQTT discovery configs (tests/data/plugins/hadisc-*.json: abbreviations,
 * "~", templates, device blocks, availability) and the devices' state topics; checks
 * entities, states, the exact payloads of every action, removal and bad input.
 */
#include "plugins/tests/plugtest.h"

#include <stdlib.h>

static const char *const configs[][2] = {
    {"homeassistant/light/porch/light/config", "hadisc-light-default.json"},
    {"homeassistant/light/desk_lamp/config", "hadisc-light-json.json"},
    {"homeassistant/switch/coffee/config", "hadisc-switch.json"},
    {"homeassistant/sensor/gw/temperature/config", "hadisc-sensor-temp.json"},
    {"homeassistant/sensor/gw/humidity/config", "hadisc-sensor-hum.json"},
    {"homeassistant/binary_sensor/garage/config", "hadisc-binary.json"},
    {"homeassistant/cover/blinds/config", "hadisc-cover.json"},
    {"homeassistant/climate/thermo/config", "hadisc-climate.json"},
    {"homeassistant/fan/bedroom_fan/config", "hadisc-fan.json"},
    {"homeassistant/lock/sidelock/config", "hadisc-lock.json"},
    {"homeassistant/valve/garden_valve/config", "hadisc-valve.json"},
    {"homeassistant/vacuum/robo/config", "hadisc-vacuum.json"},
    {"homeassistant/media_player/speaker/config", "hadisc-media.json"},
};

static void discover(void)
{
    PT_CHECK(pt_subscribed("homeassistant/light/+/config"));
    PT_CHECK(pt_subscribed("homeassistant/light/+/+/config"));
    PT_CHECK(pt_subscribed("homeassistant/media_player/+/config"));
    for (size_t i = 0; i < sizeof configs / sizeof configs[0]; i++)
        pt_msg_file(configs[i][0], configs[i][1]);
    PT_INT(pt_bad(NULL), 0);
    PT_INT(pt_count(PT_UPSERT), 13);
    const struct pt_call *e = pt_entity("light.porch_light");
    PT_CHECK(e != NULL);
    if (e) {
        PT_STR(e->c, "Garden");
        PT_STR(e->e, "{\"brightness\":true,\"color_temp\":[2000,6536],\"color\":true}");
    }
    /* "~" expanded into every topic */
    PT_CHECK(pt_subscribed("home/lights/porch/state"));
    PT_CHECK(pt_subscribed("home/lights/porch/brightness"));
    PT_CHECK(pt_subscribed("home/lights/porch/status"));
    PT_INT(pt_available("light.porch_light"), 0); /* until its availability topic says so */
    e = pt_entity("light.desk_lamp");             /* name null: the device's name */
    PT_CHECK(e && e->c && strcmp(e->c, "Study") == 0);
    PT_CHECK(pt_entity("switch.coffee_maker") != NULL);
    e = pt_entity("sensor.garden_weather_temperature");
    PT_CHECK(e != NULL);
    if (e) {
        PT_STR(e->b, "Garden Weather Temperature");
        PT_STR(e->f, "°C");
        PT_STR(e->d, "temperature");
    }
    PT_CHECK(pt_entity("sensor.garden_weather_humidity") != NULL);
    e = pt_entity("binary_sensor.garage_door");
    PT_CHECK(e && e->d && strcmp(e->d, "garage_door") == 0);
    PT_CHECK(pt_entity("cover.living_room_blinds") != NULL);
    e = pt_entity("climate.hallway_thermostat");
    PT_CHECK(e != NULL);
    if (e)
        PT_STR(e->e, "{\"hvac_modes\":[\"off\",\"heat\",\"cool\",\"auto\"],\"min_temp\":10.0,"
                     "\"max_temp\":30.0,\"temp_step\":0.5}");
    PT_CHECK(pt_entity("fan.bedroom_fan") != NULL);
    PT_CHECK(pt_entity("lock.garage_side_door") != NULL);
    PT_CHECK(pt_entity("valve.garden_valve") != NULL);
    PT_CHECK(pt_entity("vacuum.robo") != NULL);
    e = pt_entity("media_player.kitchen_speaker");
    PT_CHECK(e && e->c && strcmp(e->c, "Kitchen") == 0);
    /* the same config again changes nothing */
    pt_mark();
    pt_msg_file(configs[0][0], configs[0][1]);
    PT_INT(pt_count(PT_UPSERT), 0);
}

static void states(void)
{
    pt_msg("home/lights/porch/status", "online");
    PT_INT(pt_available("light.porch_light"), 1);
    pt_msg("home/lights/porch/state", "ON");
    PT_STR(pt_state("light.porch_light"), "on");
    pt_msg("home/lights/porch/brightness", "40"); /* brightness_scale 100 */
    PT_ATTR_INT("light.porch_light", "brightness", 40);
    pt_msg("home/lights/porch/ct", "370");
    PT_ATTR_INT("light.porch_light", "color_temp_kelvin", 2703);
    pt_msg("home/lights/porch/rgb", "255,128,0");
    char *s = json_dumps(pt_attr("light.porch_light", "rgb_color"), JSON_COMPACT);
    PT_STR(s, "[255,128,0]");
    free(s);
    PT_ATTR_INT("light.porch_light", "brightness", 40); /* earlier attributes kept */
    pt_msg("home/lights/porch/status", "offline");
    PT_INT(pt_available("light.porch_light"), 0);

    pt_msg("home/desk_lamp/state", "{\"state\":\"ON\",\"brightness\":128,\"color_mode\":\"rgb\","
                                   "\"color\":{\"r\":0,\"g\":255,\"b\":0}}");
    PT_STR(pt_state("light.desk_lamp"), "on");
    PT_ATTR_INT("light.desk_lamp", "brightness", 50);
    s = json_dumps(pt_attr("light.desk_lamp", "rgb_color"), JSON_COMPACT);
    PT_STR(s, "[0,255,0]");
    free(s);
    pt_msg("home/desk_lamp/state", "{\"state\":\"OFF\"}");
    PT_STR(pt_state("light.desk_lamp"), "off");

    pt_msg("home/coffee/state", "1");
    PT_STR(pt_state("switch.coffee_maker"), "on");
    pt_msg("home/weather/state", "{\"temperature\":21.37,\"humidity\":48}");
    PT_STR(pt_state("sensor.garden_weather_temperature"), "21.4");
    PT_STR(pt_state("sensor.garden_weather_humidity"), "48");
    PT_STR(json_string_value(pt_attr("sensor.garden_weather_humidity", "unit_of_measurement")),
           "%");
    pt_msg("home/garage/contact", "open");
    PT_STR(pt_state("binary_sensor.garage_door"), "on");
    pt_msg("home/blinds/state", "closing");
    PT_STR(pt_state("cover.living_room_blinds"), "closing");
    pt_msg("home/blinds/position", "35");
    PT_ATTR_INT("cover.living_room_blinds", "position", 35);
    pt_msg("home/thermo/mode", "heat");
    pt_msg("home/thermo/target", "21.5");
    pt_msg("home/thermo/current", "19.0");
    PT_STR(pt_state("climate.hallway_thermostat"), "heat");
    json_t *t = pt_attr("climate.hallway_thermostat", "temperature");
    PT_CHECK(t && json_number_value(t) == 21.5);
    t = pt_attr("climate.hallway_thermostat", "current_temperature");
    PT_CHECK(t && json_number_value(t) == 19.0);
    pt_msg("home/fan/state", "ON");
    pt_msg("home/fan/speed", "2");
    PT_STR(pt_state("fan.bedroom_fan"), "on");
    PT_ATTR_INT("fan.bedroom_fan", "percentage", 66);
    pt_msg("home/sidelock/state", "LOCKED");
    PT_STR(pt_state("lock.garage_side_door"), "locked");
    pt_msg("home/sidelock/state", "JAMMED");
    PT_STR(pt_state("lock.garage_side_door"), "jammed");
    pt_msg("home/valve/state", "30");
    PT_STR(pt_state("valve.garden_valve"), "open");
    PT_ATTR_INT("valve.garden_valve", "position", 30);
    pt_msg("home/vacuum/state",
           "{\"state\":\"cleaning\",\"battery_level\":61,\"fan_speed\":\"max\"}");
    PT_STR(pt_state("vacuum.robo"), "cleaning");
    PT_ATTR_INT("vacuum.robo", "battery_level", 61);
    pt_msg("home/speaker/lwt", "online");
    PT_INT(pt_available("media_player.kitchen_speaker"), 1);
    pt_msg("home/speaker/state", "playing");
    pt_msg("home/speaker/volume", "0.35");
    PT_STR(pt_state("media_player.kitchen_speaker"), "playing");
    PT_ATTR_INT("media_player.kitchen_speaker", "volume_level", 35);
}

static void commands(void)
{
    pt_mark();
    PT_INT(pt_exec("light.porch_light", "turn_on", "{\"brightness\":40}"), HUB_OK);
    PT_PUB(0, "home/lights/porch/brightness/set", "40");
    PT_PUB(1, "home/lights/porch/set", "ON"); /* on_command_type "last" */
    pt_mark();
    PT_INT(pt_exec("light.porch_light", "turn_on",
                   "{\"color_temp_kelvin\":4000,\"rgb_color\":[10,20,30]}"),
           HUB_OK);
    PT_PUB(0, "home/lights/porch/rgb/set", "10,20,30");
    PT_PUB(1, "home/lights/porch/ct/set", "250");
    PT_PUB(2, "home/lights/porch/set", "ON");
    pt_mark();
    PT_INT(pt_exec("light.porch_light", "turn_off", NULL), HUB_OK);
    PT_PUB(0, "home/lights/porch/set", "OFF");
    pt_mark();
    PT_INT(pt_exec("light.desk_lamp", "turn_on", "{\"brightness\":100,\"rgb_color\":[255,0,0]}"),
           HUB_OK);
    PT_PUB(0, "home/desk_lamp/set",
           "{\"state\":\"ON\",\"brightness\":255,\"color\":{\"r\":255,\"g\":0,\"b\":0}}");
    pt_mark();
    PT_INT(pt_exec("light.desk_lamp", "turn_on", "{\"color_temp_kelvin\":2500}"), HUB_OK);
    PT_INT(pt_exec("light.desk_lamp", "turn_off", NULL), HUB_OK);
    PT_PUB(0, "home/desk_lamp/set", "{\"state\":\"ON\",\"color_temp\":400}");
    PT_PUB(1, "home/desk_lamp/set", "{\"state\":\"OFF\"}");
    pt_mark();
    PT_INT(pt_exec("switch.coffee_maker", "turn_on", NULL), HUB_OK);
    PT_INT(pt_exec("switch.coffee_maker", "turn_off", NULL), HUB_OK);
    PT_PUB(0, "home/coffee/set", "1");
    PT_PUB(1, "home/coffee/set", "0");
    pt_mark();
    PT_INT(pt_exec("cover.living_room_blinds", "open", NULL), HUB_OK);
    PT_INT(pt_exec("cover.living_room_blinds", "close", NULL), HUB_OK);
    PT_INT(pt_exec("cover.living_room_blinds", "stop", NULL), HUB_OK);
    PT_INT(pt_exec("cover.living_room_blinds", "set_position", "{\"position\":70}"), HUB_OK);
    PT_PUB(0, "home/blinds/set", "OPEN");
    PT_PUB(1, "home/blinds/set", "CLOSE");
    PT_PUB(2, "home/blinds/set", "STOP");
    PT_PUB(3, "home/blinds/position/set", "70");
    pt_mark();
    PT_INT(pt_exec("climate.hallway_thermostat", "set_temperature", "{\"temperature\":22.4}"),
           HUB_OK);
    PT_INT(pt_exec("climate.hallway_thermostat", "set_hvac_mode", "{\"hvac_mode\":\"cool\"}"),
           HUB_OK);
    PT_INT(pt_exec("climate.hallway_thermostat", "turn_off", NULL), HUB_OK);
    PT_PUB(0, "home/thermo/target/set", "22.5");
    PT_PUB(1, "home/thermo/mode/set", "cool");
    PT_PUB(2, "home/thermo/mode/set", "off");
    PT_INT(pt_exec("climate.hallway_thermostat", "set_hvac_mode", "{\"hvac_mode\":\"dry\"}"),
           HUB_ERR_UNSUPPORTED);
    PT_INT(pt_exec("climate.hallway_thermostat", "set_temperature", "{\"temperature\":35}"),
           HUB_ERR_RANGE);
    pt_mark();
    PT_INT(pt_exec("fan.bedroom_fan", "set_percentage", "{\"percentage\":50}"), HUB_OK);
    PT_INT(pt_exec("fan.bedroom_fan", "set_percentage", "{\"percentage\":100}"), HUB_OK);
    PT_INT(pt_exec("fan.bedroom_fan", "turn_off", NULL), HUB_OK);
    PT_PUB(0, "home/fan/speed/set", "2");
    PT_PUB(1, "home/fan/speed/set", "3");
    PT_PUB(2, "home/fan/set", "OFF");
    pt_mark();
    PT_INT(pt_exec("lock.garage_side_door", "lock", NULL), HUB_OK);
    PT_INT(pt_exec("lock.garage_side_door", "unlock", NULL), HUB_OK);
    PT_PUB(0, "home/sidelock/set", "LOCK");
    PT_PUB(1, "home/sidelock/set", "UNLOCK");
    pt_mark();
    PT_INT(pt_exec("valve.garden_valve", "set_position", "{\"position\":80}"), HUB_OK);
    PT_INT(pt_exec("valve.garden_valve", "close", NULL), HUB_OK);
    PT_PUB(0, "home/valve/set", "80");
    PT_PUB(1, "home/valve/set", "0");
    pt_mark();
    PT_INT(pt_exec("vacuum.robo", "turn_on", NULL), HUB_OK);
    PT_INT(pt_exec("vacuum.robo", "turn_off", NULL), HUB_OK);
    PT_INT(pt_exec("vacuum.robo", "stop", NULL), HUB_OK);
    PT_PUB(0, "home/vacuum/command", "start");
    PT_PUB(1, "home/vacuum/command", "return_to_base");
    PT_PUB(2, "home/vacuum/command", "stop");
    pt_mark();
    PT_INT(pt_exec("media_player.kitchen_speaker", "media_pause", NULL), HUB_OK);
    PT_INT(pt_exec("media_player.kitchen_speaker", "media_play", NULL), HUB_OK);
    PT_INT(pt_exec("media_player.kitchen_speaker", "media_next", NULL), HUB_OK);
    PT_INT(pt_exec("media_player.kitchen_speaker", "volume_set", "{\"volume_level\":40}"), HUB_OK);
    PT_PUB(0, "home/speaker/cmd", "PAUSE");
    PT_PUB(1, "home/speaker/cmd", "PLAY");
    PT_PUB(2, "home/speaker/cmd", "NEXT");
    PT_PUB(3, "home/speaker/volume/set", "0.40");
    /* nothing sent for what a device cannot do or bad arguments */
    pt_mark();
    PT_INT(pt_exec("switch.coffee_maker", "turn_on", "{\"brightness\":50,\"x\":1}"), HUB_OK);
    pt_mark();
    PT_INT(pt_exec("sensor.garden_weather_temperature", "turn_on", NULL), HUB_ERR_UNSUPPORTED);
    PT_INT(pt_exec("lock.garage_side_door", "turn_on", NULL), HUB_ERR_UNSUPPORTED);
    PT_INT(pt_exec("media_player.kitchen_speaker", "volume_set", "{\"volume_level\":400}"),
           HUB_ERR_RANGE);
    PT_INT(pt_exec("light.porch_light", "turn_on", "{\"rgb_color\":[1,2,3,4]}"), HUB_ERR_INVALID);
    PT_INT(pt_exec("light.nope", "turn_on", NULL), HUB_ERR_NOT_FOUND);
    PT_INT(pt_count(PT_PUBLISH), 0);
}

static void bad_input(void)
{
    pt_mark();
    size_t bad0 = pt_bad(NULL);
    pt_msg("home/lights/porch/brightness", "150"); /* above brightness_scale 100 */
    pt_msg("home/lights/porch/brightness", "bright");
    pt_msg("home/lights/porch/rgb", "1,2");
    pt_msg("home/lights/porch/state", "MAYBE");
    pt_msg("home/desk_lamp/state", "{\"state\":\"ON\",\"brightness\":\"x\"}");
    pt_msg("home/desk_lamp/state", "{\"state\":\"ON\",");
    pt_msg("home/weather/state", "{\"temperature\":\"warm\"}"); /* | round(1) refuses it */
    pt_msg("home/blinds/position", "-3");
    pt_msg("home/thermo/mode", "turbo");
    pt_msg("home/speaker/volume", "7");
    pt_msg("home/coffee/state", "\xc3\x28");
    PT_INT(pt_bad(NULL), bad0 + 11);
    PT_INT(pt_count(PT_STATE), 0);
    size_t big = 1 << 20;
    char *p = malloc(big);
    memset(p, '1', big);
    pt_msg_len("home/lights/porch/brightness", p, big);
    pt_msg_len("homeassistant/light/big/config", p, big);
    PT_INT(pt_bad("payload_too_large"), 2);
    /* configs with wrong types, wildcards or templates we cannot run are refused whole */
    pt_msg("homeassistant/switch/bad1/config", "{\"name\":\"Bad\",\"cmd_t\":\"home/#\"}");
    pt_msg("homeassistant/switch/bad2/config",
           "{\"name\":\"Bad\",\"cmd_t\":\"x/set\",\"stat_t\":5}");
    pt_msg("homeassistant/sensor/bad3/config",
           "{\"name\":\"Bad\",\"stat_t\":\"x\",\"val_tpl\":\"{% if value %}1{% endif %}\"}");
    pt_msg("homeassistant/sensor/bad4/config", "{\"name\":\"Bad\"}");
    pt_msg("homeassistant/light/bad5/config", "[1]");
    pt_msg("homeassistant/light/bad6/config",
           "{\"name\":\"Bad\",\"cmd_t\":\"x\",\"schema\":\"template\"}");
    PT_INT(pt_bad("bad_discovery"), 6);
    PT_INT(pt_count(PT_UPSERT), 0);
    PT_INT(pt_count(PT_STATE), 0);
    free(p);
}

static void removal(void)
{
    pt_mark();
    pt_msg("homeassistant/switch/coffee/config", "");
    PT_CHECK(pt_removed("switch.coffee_maker"));
    PT_INT(pt_exec("switch.coffee_maker", "turn_on", NULL), HUB_ERR_NOT_FOUND);
    pt_msg("home/coffee/state", "0");
    PT_INT(pt_count(PT_STATE), 0);
    /* a changed config keeps the entity id and rebinds its topics */
    pt_mark();
    pt_msg("homeassistant/lock/sidelock/config",
           "{\"name\":\"Garage Side "
           "Door\",\"cmd_t\":\"home/sidelock2/set\",\"stat_t\":\"home/sidelock2/state\","
           "\"stat_locked\":\"closed\",\"stat_unlocked\":\"open\"}");
    PT_CHECK(pt_entity("lock.garage_side_door") != NULL);
    PT_CHECK(pt_entity("lock.garage_side_door_2") == NULL);
    pt_msg("home/sidelock2/state", "open");
    PT_STR(pt_state("lock.garage_side_door"), "unlocked");
    PT_INT(pt_exec("lock.garage_side_door", "lock", NULL), HUB_OK);
    PT_PUB(0, "home/sidelock2/set", "LOCK");
}

static void optimistic(void)
{
    /* a relay that only takes commands: its state is what was last commanded */
    pt_msg("homeassistant/switch/relay/config",
           "{\"name\":\"Porch Relay\",\"cmd_t\":\"home/relay/set\"}");
    PT_CHECK(pt_state("switch.porch_relay") == NULL);
    PT_INT(pt_exec("switch.porch_relay", "turn_on", NULL), HUB_OK);
    PT_STR(pt_state("switch.porch_relay"), "on");
    PT_INT(pt_exec("switch.porch_relay", "turn_off", NULL), HUB_OK);
    PT_STR(pt_state("switch.porch_relay"), "off");
    /* with a state topic the device's report decides, not the command */
    pt_mark();
    PT_INT(pt_exec("lock.garage_side_door", "unlock", NULL), HUB_OK);
    PT_INT(pt_count(PT_STATE), 0);
    /* a thermostat with command topics only */
    pt_msg("homeassistant/climate/boiler/config",
           "{\"name\":\"Boiler\",\"mode_cmd_t\":\"b/mode\",\"temp_cmd_t\":\"b/temp\","
           "\"modes\":[\"off\",\"heat\"],\"temp_step\":0.5}");
    PT_INT(pt_exec("climate.boiler", "set_temperature", "{\"temperature\":20.2}"), HUB_OK);
    PT_STR(pt_state("climate.boiler"), "heat");
    json_t *t = pt_attr("climate.boiler", "temperature");
    PT_CHECK(t && json_number_value(t) == 20.0);
    PT_INT(pt_exec("climate.boiler", "turn_off", NULL), HUB_OK);
    PT_STR(pt_state("climate.boiler"), "off");
}

static void rgbw_and_templates(void)
{
    /* an RGBW strip whose colour command takes Home Assistant's red/green/blue variables */
    pt_msg("homeassistant/light/strip/config",
           "{\"name\":\"Shelf Strip\",\"cmd_t\":\"s/set\",\"stat_t\":\"s/state\","
           "\"rgbw_cmd_t\":\"s/rgbw/set\",\"rgbw_stat_t\":\"s/rgbw\","
           "\"bri_cmd_t\":\"s/bri/set\",\"bri_cmd_tpl\":\"{\\\"bri\\\": {{ value | int }}}\","
           "\"rgb_cmd_t\":\"s/rgb/set\",\"rgb_cmd_tpl\":\"#{{red}}/{{ green }}/{{ blue }}\"}");
    const struct pt_call *e = pt_entity("light.shelf_strip");
    PT_CHECK(e && strstr(e->e, "\"color\":true"));
    pt_msg("s/state", "ON");
    pt_msg("s/rgbw", "10,20,30,200");
    char *s = json_dumps(pt_attr("light.shelf_strip", "rgb_color"), JSON_COMPACT);
    PT_STR(s, "[10,20,30]");
    free(s);
    pt_mark();
    PT_INT(pt_exec("light.shelf_strip", "turn_on", "{\"rgb_color\":[1,2,3],\"brightness\":50}"),
           HUB_OK);
    PT_PUB(0, "s/rgb/set", "#1/2/3");
    PT_PUB(1, "s/bri/set", "{\"bri\": 128}");
    PT_PUB(2, "s/set", "ON");
    /* a command template that needs real Jinja is refused with its config */
    size_t bad = pt_bad("bad_discovery");
    pt_msg("homeassistant/light/strip2/config",
           "{\"name\":\"X\",\"cmd_t\":\"x/set\",\"rgb_cmd_t\":\"x/rgb\","
           "\"rgb_cmd_tpl\":\"{{ '%02x%02x%02x' | format(red, green, blue) }}\"}");
    PT_INT(pt_bad("bad_discovery"), bad + 1);
    PT_CHECK(pt_entity("light.x") == NULL);
}

static void availability_modes(void)
{
    /* two availability topics, mode "all": available only while both say so */
    pt_msg("homeassistant/switch/pump/config",
           "{\"name\":\"Pond Pump\",\"cmd_t\":\"p/set\",\"stat_t\":\"p/state\","
           "\"avty_mode\":\"all\",\"avty\":[{\"t\":\"p/bridge\"},{\"t\":\"p/node\","
           "\"pl_avail\":\"up\",\"pl_not_avail\":\"down\"}]}");
    PT_INT(pt_available("switch.pond_pump"), 0);
    pt_msg("p/bridge", "online");
    PT_INT(pt_available("switch.pond_pump"), 0);
    pt_msg("p/node", "up");
    PT_INT(pt_available("switch.pond_pump"), 1);
    pt_msg("p/bridge", "offline");
    PT_INT(pt_available("switch.pond_pump"), 0);
    size_t bad = pt_bad("bad_value");
    pt_msg("p/node", "online"); /* not this topic's payload */
    PT_INT(pt_bad("bad_value"), bad + 1);
    /* mode "any": one is enough */
    pt_msg("homeassistant/switch/pump2/config",
           "{\"name\":\"Pond Pump 2\",\"cmd_t\":\"p2/set\",\"avty_mode\":\"any\","
           "\"avty\":[{\"t\":\"p2/a\"},{\"t\":\"p2/b\"}]}");
    pt_msg("p2/a", "offline");
    pt_msg("p2/b", "online");
    PT_INT(pt_available("switch.pond_pump_2"), 1);
    /* availability payloads through a template */
    pt_msg("homeassistant/binary_sensor/door9/config",
           "{\"name\":\"Shed Door\",\"stat_t\":\"d9/state\",\"avty_t\":\"d9/avail\","
           "\"avty_tpl\":\"{{ value_json.status }}\",\"pl_on\":\"open\",\"pl_off\":\"shut\"}");
    pt_msg("d9/avail", "{\"status\":\"online\"}");
    PT_INT(pt_available("binary_sensor.shed_door"), 1);
    pt_msg("d9/state", "shut");
    PT_STR(pt_state("binary_sensor.shed_door"), "off");
}

int main(void)
{
    static const char *const config[] = {NULL};
    pt_load("ha_discovery", config);
    discover();
    states();
    commands();
    bad_input();
    removal();
    optimistic();
    rgbw_and_templates();
    availability_modes();
    return pt_done();
}
