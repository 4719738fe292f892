/*
 * fuzz-tasmota.c: libFuzzer target for the Tasmota plugin's payload parsing (discovery config
 * and sensors, RESULT/STATE/SENSOR JSON, POWER/SHUTTER/LWT text, cmnd arguments). Input format:
 * see plugins/tests/fuzzhost.h.
 */
#define FUZZ_DISCOVERY                                                                             \
    "tasmota/discovery/DC4F22AABB01/config", "tasmota-plug-config.json",                           \
        "tasmota/discovery/DC4F22AABB01/sensors", "tasmota-plug-sensors.json",                     \
        "tasmota/discovery/A4CF125A3B2C/config", "tasmota-bulb-config.json",                       \
        "tasmota/discovery/84F3EB11C0DE/config", "tasmota-dual-config.json",                       \
        "tasmota/discovery/2462AB00F00D/config", "tasmota-shutter-config.json",                    \
        "tasmota/discovery/C44F33ABCDEF/config", "tasmota-ifan-config.json",                       \
        "tasmota/discovery/BCDDC2010203/config", "tasmota-th-config.json",                         \
        "tasmota/discovery/BCDDC2010203/sensors", "tasmota-th-sensors.json", NULL
#define FUZZ_CONFIG NULL
#include "plugins/tests/fuzzhost.h"
