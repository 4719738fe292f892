/*
 * conf.h: hubd's configuration file (INI-like, documented in hubd/CONFIG.md) and the typed
 * settings that the command-line flags override.
 *
 * The parser keeps every key/value with its line number, checks known sections and keys against
 * one schema table (types, ranges), and reports the first error as "FILE:LINE: what is wrong".
 * Sections "[plugin.NAME]" are free-form: their keys are handed to the plugin NAME.
 */
#ifndef HUB_CONFIG_H
#define HUB_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct hub_config_entry {
    char *section; /* "mqtt", "plugin.tasmota", ... */
    char *key;
    char *value;
    int line;
};

struct hub_config {
    char *path; /* file the settings came from, NULL for defaults only */
    struct hub_config_entry *entries;
    size_t n_entries, cap_entries;

    /* [mqtt] */
    char *mqtt_host; /* NULL: hubd spawns its own broker on loopback */
    int mqtt_port;
    char *mqtt_client_id;
    char *mqtt_username;
    char *mqtt_password;
    char *mqtt_tls_ca;     /* CA file: turns TLS on */
    char *mqtt_tls_capath; /* CA directory: turns TLS on */
    char *mqtt_tls_cert;   /* client certificate (with tls_key) */
    char *mqtt_tls_key;
    bool mqtt_tls_insecure; /* skip the server host name check (testing only) */
    int mqtt_keepalive;     /* seconds */
    int mqtt_queue_limit;   /* messages held while the broker is away */
    int mqtt_reconnect_max; /* seconds: cap of the reconnect backoff */
    char *mosquitto_bin;    /* broker binary when hubd spawns one; NULL: PATH, /usr/sbin */
    /* [store] */
    char *db_path;
    int history_retention_days; /* 0: keep forever */
    int history_flush_ms;
    /* [http] */
    char *http_listen; /* ADDR:PORT */
    /* [plugins] */
    char *plugin_dir; /* NULL: the in-tree build dir when it exists, else the installed one */
    /* [engine] */
    char *model_path;
    /* [house] */
    char *house_file; /* JSON house (INTENTS.md fixture format): floors, areas, aliases */
    /* [log] */
    int log_level;
    /* set by --demo */
    bool demo;
};

/* Fill with the built-in defaults. */
void hub_config_init(struct hub_config *cfg);
void hub_config_free(struct hub_config *cfg);

/* Parse `len` bytes of config text; `filename` is only used in messages. On error returns
 * HUB_ERR_CONFIG (or HUB_ERR_NOMEM) with "FILE:LINE: problem" in err. */
int hub_config_parse(struct hub_config *cfg, const char *text, size_t len, const char *filename,
                     char *err, size_t errlen);
/* Read and parse a file. */
int hub_config_load(struct hub_config *cfg, const char *path, char *err, size_t errlen);

/* The raw value of SECTION.KEY as written in the file (last one wins), or NULL. */
const char *hub_config_get(const struct hub_config *cfg, const char *section, const char *key);

/* Replace a string setting (flags). `*slot` is freed; value may be NULL. HUB_OK or NOMEM. */
int hub_config_set_str(char **slot, const char *value);

/* "HOST:PORT", "[v6addr]:PORT" or "HOST" (port = default_port). HUB_OK or HUB_ERR_CONFIG
 * with the reason in err. *host is malloc'd. */
int hub_config_parse_hostport(const char *s, int default_port, char **host, int *port, char *err,
                              size_t errlen);

#endif
