/*
 * fuzz-config.c: libFuzzer target for hubd's config parser (hubd/conf.c): any bytes as a
 * config file, then lookups and the HOST:PORT parser on the same bytes. Must never crash,
 * leak or trip UBSan; an error must always come with a "FILE:LINE:" or "FILE:" message.
 */
#include "hub_status.h"
#include "hubd/conf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct hub_config cfg;
    char err[512];
    err[0] = '\0';
    hub_config_init(&cfg);
    int rc = hub_config_parse(&cfg, (const char *)data, size, "fuzz.conf", err, sizeof err);
    if (rc != HUB_OK && strncmp(err, "fuzz.conf:", 10) != 0) abort();
    if (rc == HUB_OK) {
        (void)hub_config_get(&cfg, "mqtt", "host");
        (void)hub_config_get(&cfg, "plugin.zigbee2mqtt", "base_topic");
        if (cfg.mqtt_port < 1 || cfg.mqtt_port > 65535) abort();
    }
    hub_config_free(&cfg);

    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    char *host = NULL;
    int port = 0;
    if (hub_config_parse_hostport(s, 1883, &host, &port, err, sizeof err) == HUB_OK) {
        if (!host || port < 1 || port > 65535) abort();
        free(host);
    }
    free(s);
    return 0;
}
