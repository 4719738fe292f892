/*
 * fuzz-hadisc.c: libFuzzer target for the ha_discovery plugin: discovery configs
 * (abbreviations, "~", templates), state and availability payloads, action arguments. Input
 * format: see plugins/tests/fuzzhost.h.
 */
#define FUZZ_DISCOVERY                                                                             \
    "homeassistant/light/porch/light/config", "hadisc-light-default.json",                         \
        "homeassistant/light/desk_lamp/config", "hadisc-light-json.json",                          \
        "homeassistant/switch/coffee/config", "hadisc-switch.json",                                \
        "homeassistant/sensor/gw/temperature/config", "hadisc-sensor-temp.json",                   \
        "homeassistant/sensor/gw/humidity/config", "hadisc-sensor-hum.json",                       \
        "homeassistant/binary_sensor/garage/config", "hadisc-binary.json",                         \
        "homeassistant/cover/blinds/config", "hadisc-cover.json",                                  \
        "homeassistant/climate/thermo/config", "hadisc-climate.json",                              \
        "homeassistant/fan/bedroom_fan/config", "hadisc-fan.json",                                 \
        "homeassistant/lock/sidelock/config", "hadisc-lock.json",                                  \
        "homeassistant/valve/garden_valve/config", "hadisc-valve.json",                            \
        "homeassistant/vacuum/robo/config", "hadisc-vacuum.json",                                  \
        "homeassistant/media_player/speaker/config", "hadisc-media.json", NULL
#define FUZZ_CONFIG NULL
#include "plugins/tests/fuzzhost.h"
