/*
 * fuzz-z2m.c: libFuzzer target for the zigbee2mqtt plugin's payload parsing (device list,
 * state JSON, availability, /set arguments). Input: messages "topic\npayload" split at NUL,
 * or "!entity action args"; see plugins/tests/fuzzhost.h.
 */
#define FUZZ_DISCOVERY "zigbee2mqtt/bridge/devices", "z2m-devices.json", NULL
#define FUZZ_CONFIG NULL
#include "plugins/tests/fuzzhost.h"
