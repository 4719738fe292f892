/*
 * conf.c: the INI-like config file of hubd (format in hubd/CONFIG.md).
 *
 * One schema table lists every known section.key with its type and range; values are checked
 * while parsing, so an error names the file, the line and the problem. The parser never
 * trusts its input: lines are bounded, text must be UTF-8 without NUL bytes, and quoted values
 * are unescaped into fresh buffers.
 */
#include "hubd/conf.h"

#include "hub_log.h"
#include "hub_status.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CONFIG_MAX_LINE 4096
#define CONFIG_MAX_FILE (1 << 20) /* a config file larger than 1 MiB is a mistake */

enum cfg_type { CFG_STR, CFG_INT, CFG_BOOL, CFG_LOGLEVEL, CFG_HOSTPORT };

struct cfg_key {
    const char *section;
    const char *key;
    enum cfg_type type;
    size_t offset; /* into struct hub_config; (size_t)-1: kept raw only (read by its owner) */
    long min, max;
};

#define OFF(f) offsetof(struct hub_config, f)
#define RAW ((size_t)-1)
static const struct cfg_key cfg_schema[] = {
    {"mqtt", "host", CFG_STR, OFF(mqtt_host), 0, 0},
    {"mqtt", "port", CFG_INT, OFF(mqtt_port), 1, 65535},
    {"mqtt", "client_id", CFG_STR, OFF(mqtt_client_id), 0, 0},
    {"mqtt", "username", CFG_STR, OFF(mqtt_username), 0, 0},
    {"mqtt", "password", CFG_STR, OFF(mqtt_password), 0, 0},
    {"mqtt", "tls_ca", CFG_STR, OFF(mqtt_tls_ca), 0, 0},
    {"mqtt", "tls_capath", CFG_STR, OFF(mqtt_tls_capath), 0, 0},
    {"mqtt", "tls_cert", CFG_STR, OFF(mqtt_tls_cert), 0, 0},
    {"mqtt", "tls_key", CFG_STR, OFF(mqtt_tls_key), 0, 0},
    {"mqtt", "tls_insecure", CFG_BOOL, OFF(mqtt_tls_insecure), 0, 1},
    {"mqtt", "keepalive", CFG_INT, OFF(mqtt_keepalive), 5, 3600},
    {"mqtt", "queue_limit", CFG_INT, OFF(mqtt_queue_limit), 1, 1000000},
    {"mqtt", "reconnect_max", CFG_INT, OFF(mqtt_reconnect_max), 1, 3600},
    {"mqtt", "mosquitto", CFG_STR, OFF(mosquitto_bin), 0, 0},
    {"store", "db", CFG_STR, OFF(db_path), 0, 0},
    {"store", "history_retention_days", CFG_INT, OFF(history_retention_days), 0, 36500},
    {"store", "history_flush_ms", CFG_INT, OFF(history_flush_ms), 10, 600000},
    {"http", "listen", CFG_HOSTPORT, OFF(http_listen), 0, 0},
    {"http", "token", CFG_STR, RAW, 0, 0},
    {"http", "web_root", CFG_STR, RAW, 0, 0},
    {"http", "tls_cert", CFG_STR, RAW, 0, 0},
    {"http", "tls_key", CFG_STR, RAW, 0, 0},
    {"plugins", "dir", CFG_STR, OFF(plugin_dir), 0, 0},
    {"plugins", "disable", CFG_STR, RAW, 0, 0},
    {"engine", "model", CFG_STR, OFF(model_path), 0, 0},
    {"engine", "threads", CFG_INT, RAW, 1, 1024},
    {"engine", "workers", CFG_INT, RAW, 1, 2}, /* hubd/command.c: utterances parsed at once */
    {"engine", "backend", CFG_STR, RAW, 0, 0},
    {"engine", "language", CFG_STR, RAW, 0, 0},
    {"engine", "zh_words", CFG_STR, RAW, 0, 0}, /* Chinese word list, or "none" */
    {"house", "file", CFG_STR, OFF(house_file), 0, 0},
    {"log", "level", CFG_LOGLEVEL, OFF(log_level), 0, 0},
    {"location", "latitude", CFG_STR, RAW, 0, 0},  /* read by hubd: sun triggers of rules */
    {"location", "longitude", CFG_STR, RAW, 0, 0},
};
#undef OFF

void hub_config_init(struct hub_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->mqtt_port = 1883;
    cfg->mqtt_keepalive = 30;
    cfg->mqtt_queue_limit = 10000;
    cfg->mqtt_reconnect_max = 30;
    cfg->history_retention_days = 30;
    cfg->history_flush_ms = 1000;
    cfg->log_level = HUB_LOG_INFO;
}

void hub_config_free(struct hub_config *cfg)
{
    for (size_t i = 0; i < cfg->n_entries; i++) {
        free(cfg->entries[i].section);
        free(cfg->entries[i].key);
        free(cfg->entries[i].value);
    }
    free(cfg->entries);
    for (size_t i = 0; i < sizeof cfg_schema / sizeof cfg_schema[0]; i++) {
        if (cfg_schema[i].offset == RAW) continue;
        if (cfg_schema[i].type == CFG_STR || cfg_schema[i].type == CFG_HOSTPORT) {
            char **slot = (char **)((char *)cfg + cfg_schema[i].offset);
            free(*slot);
        }
    }
    free(cfg->path);
    memset(cfg, 0, sizeof *cfg);
}

int hub_config_set_str(char **slot, const char *value)
{
    char *copy = NULL;
    if (value) {
        copy = strdup(value);
        if (!copy) return HUB_ERR_NOMEM;
    }
    free(*slot);
    *slot = copy;
    return HUB_OK;
}

const char *hub_config_get(const struct hub_config *cfg, const char *section, const char *key)
{
    for (size_t i = cfg->n_entries; i-- > 0;)
        if (strcmp(cfg->entries[i].section, section) == 0 && strcmp(cfg->entries[i].key, key) == 0)
            return cfg->entries[i].value;
    return NULL;
}

static int cfg_fail(char *err, size_t errlen, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int cfg_fail(char *err, size_t errlen, const char *file, int line, const char *fmt, ...)
{
    if (!err || !errlen) return HUB_ERR_CONFIG;
    int n = line > 0 ? snprintf(err, errlen, "%s:%d: ", file, line) : snprintf(err, errlen, "%s: ", file);
    if (n < 0 || (size_t)n >= errlen) return HUB_ERR_CONFIG;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return HUB_ERR_CONFIG;
}

/* Length of the valid UTF-8 prefix (RFC 3629: no overlongs, no surrogates, <= U+10FFFF). */
static size_t cfg_utf8_valid_prefix(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned min;
        if (c < 0x80) { i++; continue; }
        if ((c & 0xE0) == 0xC0) { n = 1; min = 0x80; c &= 0x1F; }
        else if ((c & 0xF0) == 0xE0) { n = 2; min = 0x800; c &= 0x0F; }
        else if ((c & 0xF8) == 0xF0) { n = 3; min = 0x10000; c &= 0x07; }
        else return i;
        unsigned cp = c;
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += n + 1;
    }
    return i;
}

static bool cfg_is_name_char(int c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.';
}

static int cfg_section_known(const char *s)
{
    if (strncmp(s, "plugin.", 7) == 0) return s[7] != '\0';
    if (strcmp(s, "satellites") == 0) return 1; /* free-form: satellite id = area */
    for (size_t i = 0; i < sizeof cfg_schema / sizeof cfg_schema[0]; i++)
        if (strcmp(cfg_schema[i].section, s) == 0) return 1;
    return 0;
}

static void cfg_known_keys(const char *section, char *buf, size_t buflen)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof cfg_schema / sizeof cfg_schema[0]; i++) {
        if (strcmp(cfg_schema[i].section, section) != 0) continue;
        int n = snprintf(buf + used, buflen - used, "%s%s", used ? ", " : "", cfg_schema[i].key);
        if (n < 0 || (size_t)n >= buflen - used) break;
        used += (size_t)n;
    }
}

int hub_config_parse_hostport(const char *s, int default_port, char **host, int *port, char *err,
                              size_t errlen)
{
    const char *h = s, *colon = NULL;
    size_t hlen;
    if (!s || !*s) {
        snprintf(err, errlen, "empty address (expected HOST:PORT)");
        return HUB_ERR_CONFIG;
    }
    if (s[0] == '[') { /* [v6]:port */
        const char *end = strchr(s, ']');
        if (!end || end == s + 1) {
            snprintf(err, errlen, "'%s': unterminated '[' in IPv6 address", s);
            return HUB_ERR_CONFIG;
        }
        h = s + 1;
        hlen = (size_t)(end - h);
        if (end[1] == ':') colon = end + 1;
        else if (end[1] != '\0') {
            snprintf(err, errlen, "'%s': expected ':PORT' after ']'", s);
            return HUB_ERR_CONFIG;
        }
    } else {
        colon = strrchr(s, ':');
        if (colon && strchr(s, ':') != colon) {
            snprintf(err, errlen, "'%s': IPv6 addresses must be written [ADDR]:PORT", s);
            return HUB_ERR_CONFIG;
        }
        hlen = colon ? (size_t)(colon - s) : strlen(s);
    }
    if (hlen == 0) {
        snprintf(err, errlen, "'%s': missing host name", s);
        return HUB_ERR_CONFIG;
    }
    for (size_t i = 0; i < hlen; i++) {
        unsigned char c = (unsigned char)h[i];
        if (!(isalnum(c) || c == '.' || c == '-' || c == '_' || c == ':' || c == '%')) {
            snprintf(err, errlen, "'%s': invalid character in host name", s);
            return HUB_ERR_CONFIG;
        }
    }
    int p = default_port;
    if (colon) {
        char *end;
        errno = 0;
        long v = strtol(colon + 1, &end, 10);
        if (colon[1] == '\0' || *end != '\0' || errno || v < 1 || v > 65535) {
            snprintf(err, errlen, "'%s': port must be a number from 1 to 65535", s);
            return HUB_ERR_CONFIG;
        }
        p = (int)v;
    } else if (default_port <= 0) {
        snprintf(err, errlen, "'%s': missing ':PORT'", s);
        return HUB_ERR_CONFIG;
    }
    char *copy = strndup(h, hlen);
    if (!copy) return HUB_ERR_NOMEM;
    *host = copy;
    *port = p;
    return HUB_OK;
}

/* Check and store a value of a known key. */
static int cfg_apply(struct hub_config *cfg, const struct cfg_key *k, const char *value,
                     const char *file, int line, char *err, size_t errlen)
{
    if (k->offset == RAW && k->type != CFG_INT) return HUB_OK;
    void *slot = (char *)cfg + (k->offset == RAW ? 0 : k->offset);
    switch (k->type) {
    case CFG_STR:
        if (hub_config_set_str((char **)slot, *value ? value : NULL)) return HUB_ERR_NOMEM;
        return HUB_OK;
    case CFG_INT: {
        char *end;
        errno = 0;
        long v = strtol(value, &end, 10);
        if (!*value || *end || errno)
            return cfg_fail(err, errlen, file, line, "[%s] %s: '%s' is not a whole number",
                            k->section, k->key, value);
        if (v < k->min || v > k->max)
            return cfg_fail(err, errlen, file, line, "[%s] %s: %ld is out of range (%ld to %ld)",
                            k->section, k->key, v, k->min, k->max);
        if (k->offset != RAW) *(int *)slot = (int)v;
        return HUB_OK;
    }
    case CFG_BOOL: {
        static const char *const yes[] = {"true", "yes", "on", "1"}, *const no[] = {"false", "no", "off", "0"};
        for (int i = 0; i < 4; i++) {
            if (strcasecmp(value, yes[i]) == 0) { *(bool *)slot = true; return HUB_OK; }
            if (strcasecmp(value, no[i]) == 0) { *(bool *)slot = false; return HUB_OK; }
        }
        return cfg_fail(err, errlen, file, line, "[%s] %s: '%s' is not true or false", k->section,
                        k->key, value);
    }
    case CFG_LOGLEVEL: {
        int lv = hub_log_level_from_name(value);
        if (lv < 0)
            return cfg_fail(err, errlen, file, line,
                            "[%s] %s: '%s' is not a log level (error, warn, info, debug)",
                            k->section, k->key, value);
        *(int *)slot = lv;
        return HUB_OK;
    }
    case CFG_HOSTPORT: {
        char *host = NULL, why[256];
        int port;
        int rc = hub_config_parse_hostport(value, -1, &host, &port, why, sizeof why);
        if (rc == HUB_ERR_NOMEM) return rc;
        if (rc) return cfg_fail(err, errlen, file, line, "[%s] %s: %s", k->section, k->key, why);
        free(host);
        return hub_config_set_str((char **)slot, value);
    }
    }
    return HUB_OK;
}

static int cfg_add_entry(struct hub_config *cfg, const char *section, const char *key,
                         const char *value, int line)
{
    if (cfg->n_entries == cfg->cap_entries) {
        size_t cap = cfg->cap_entries ? cfg->cap_entries * 2 : 16;
        void *p = realloc(cfg->entries, cap * sizeof *cfg->entries);
        if (!p) return HUB_ERR_NOMEM;
        cfg->entries = p;
        cfg->cap_entries = cap;
    }
    struct hub_config_entry *e = &cfg->entries[cfg->n_entries];
    e->section = strdup(section);
    e->key = strdup(key);
    e->value = strdup(value);
    e->line = line;
    if (!e->section || !e->key || !e->value) {
        free(e->section);
        free(e->key);
        free(e->value);
        return HUB_ERR_NOMEM;
    }
    cfg->n_entries++;
    return HUB_OK;
}

/* Unquote "..." in place (\" \\ \n \t); returns NULL on a bad escape or missing quote. */
static char *cfg_unquote(char *v, const char **why)
{
    size_t len = strlen(v);
    if (len < 2 || v[len - 1] != '"') {
        *why = "quoted value without its closing '\"'";
        return NULL;
    }
    char *out = v, *in = v + 1, *end = v + len - 1;
    while (in < end) {
        if (*in == '\\') {
            if (in + 1 >= end) { *why = "'\\' at the end of a quoted value"; return NULL; }
            switch (in[1]) {
            case '"': *out++ = '"'; break;
            case '\\': *out++ = '\\'; break;
            case 'n': *out++ = '\n'; break;
            case 't': *out++ = '\t'; break;
            default: *why = "unknown escape in quoted value (use \\\" \\\\ \\n \\t)"; return NULL;
            }
            in += 2;
        } else if (*in == '"') {
            *why = "stray '\"' inside a quoted value (write it as \\\")";
            return NULL;
        } else {
            *out++ = *in++;
        }
    }
    *out = '\0';
    return v;
}

int hub_config_parse(struct hub_config *cfg, const char *text, size_t len, const char *filename,
                     char *err, size_t errlen)
{
    const char *file = filename ? filename : "(config)";
    char section[128] = "";
    char linebuf[CONFIG_MAX_LINE + 1];
    size_t pos = 0;
    int line = 0;

    if (len > CONFIG_MAX_FILE)
        return cfg_fail(err, errlen, file, 0, "file is larger than %d bytes", CONFIG_MAX_FILE);
    while (pos < len) {
        line++;
        const char *start = text + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - start) : len - pos;
        pos += n + (nl ? 1 : 0);
        if (n && start[n - 1] == '\r') n--;
        if (n > CONFIG_MAX_LINE)
            return cfg_fail(err, errlen, file, line, "line is longer than %d bytes", CONFIG_MAX_LINE);
        if (memchr(start, '\0', n)) return cfg_fail(err, errlen, file, line, "NUL byte in line");
        size_t valid = cfg_utf8_valid_prefix((const unsigned char *)start, n);
        if (valid != n)
            return cfg_fail(err, errlen, file, line, "invalid UTF-8 at byte %zu of the line",
                            valid + 1);
        memcpy(linebuf, start, n);
        linebuf[n] = '\0';

        char *s = linebuf;
        while (*s == ' ' || *s == '\t') s++;
        char *e = s + strlen(s);
        while (e > s && (e[-1] == ' ' || e[-1] == '\t')) *--e = '\0';
        if (*s == '\0' || *s == '#' || *s == ';') continue;

        if (*s == '[') {
            char *close = strchr(s, ']');
            if (!close) return cfg_fail(err, errlen, file, line, "section header without ']'");
            char *after = close + 1;
            while (*after == ' ' || *after == '\t') after++;
            if (*after && *after != '#' && *after != ';')
                return cfg_fail(err, errlen, file, line, "text after the section header");
            *close = '\0';
            char *name = s + 1;
            while (*name == ' ' || *name == '\t') name++;
            char *ne = name + strlen(name);
            while (ne > name && (ne[-1] == ' ' || ne[-1] == '\t')) *--ne = '\0';
            if (!*name) return cfg_fail(err, errlen, file, line, "empty section name");
            if (strlen(name) >= sizeof section)
                return cfg_fail(err, errlen, file, line, "section name is too long");
            for (char *c = name; *c; c++)
                if (!cfg_is_name_char(*c))
                    return cfg_fail(err, errlen, file, line,
                                    "invalid character in section name '%s'", name);
            if (!cfg_section_known(name))
                return cfg_fail(err, errlen, file, line,
                                "unknown section [%s] (known: mqtt, store, http, plugins, engine, "
                                "house, log, satellites, plugin.NAME)", name);
            strcpy(section, name);
            continue;
        }

        char *eq = strchr(s, '=');
        if (!eq) return cfg_fail(err, errlen, file, line, "expected 'key = value' or '[section]'");
        if (!section[0])
            return cfg_fail(err, errlen, file, line, "key outside of any [section]");
        char *key = s, *ke = eq;
        while (ke > key && (ke[-1] == ' ' || ke[-1] == '\t')) ke--;
        *ke = '\0';
        if (!*key) return cfg_fail(err, errlen, file, line, "missing key before '='");
        for (char *c = key; *c; c++)
            if (!cfg_is_name_char(*c))
                return cfg_fail(err, errlen, file, line, "invalid character in key '%s'", key);
        char *value = eq + 1;
        while (*value == ' ' || *value == '\t') value++;
        if (*value == '"') {
            const char *why = NULL;
            if (!cfg_unquote(value, &why)) return cfg_fail(err, errlen, file, line, "%s", why);
        }

        int rc;
        if (strncmp(section, "plugin.", 7) != 0 && strcmp(section, "satellites") != 0) {
            const struct cfg_key *k = NULL;
            for (size_t i = 0; i < sizeof cfg_schema / sizeof cfg_schema[0]; i++)
                if (strcmp(cfg_schema[i].section, section) == 0 &&
                    strcmp(cfg_schema[i].key, key) == 0)
                    k = &cfg_schema[i];
            if (!k) {
                char known[512];
                cfg_known_keys(section, known, sizeof known);
                return cfg_fail(err, errlen, file, line, "unknown key '%s' in [%s] (known: %s)",
                                key, section, known);
            }
            rc = cfg_apply(cfg, k, value, file, line, err, errlen);
            if (rc) return rc;
        }
        rc = cfg_add_entry(cfg, section, key, value, line);
        if (rc) return cfg_fail(err, errlen, file, line, "out of memory");
    }
    return HUB_OK;
}

int hub_config_load(struct hub_config *cfg, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) return cfg_fail(err, errlen, path, 0, "cannot open: %s", strerror(errno));
    char *buf = malloc(CONFIG_MAX_FILE + 1);
    if (!buf) {
        fclose(f);
        return cfg_fail(err, errlen, path, 0, "out of memory");
    }
    size_t n = fread(buf, 1, CONFIG_MAX_FILE + 1, f);
    int rd_err = ferror(f);
    fclose(f);
    if (rd_err) {
        free(buf);
        return cfg_fail(err, errlen, path, 0, "read error");
    }
    int rc = hub_config_parse(cfg, buf, n, path, err, errlen);
    free(buf);
    if (rc == HUB_OK && hub_config_set_str(&cfg->path, path)) rc = HUB_ERR_NOMEM;
    return rc;
}
