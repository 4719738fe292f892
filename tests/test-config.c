/*
 * test-config.c: hubd's config parser (hubd/conf.c): a full valid file with every typed key,
 * and one case per kind of error, each of which must name the file and the line.
 */
#include "hub_log.h"
#include "hub_status.h"
#include "hubd/conf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/hub-check.h"

/* Parse `text` (len bytes) and expect an error starting with prefix and containing what. */
static void expect_error(const char *text, size_t len, const char *prefix, const char *what)
{
    struct hub_config cfg;
    char err[512] = "";
    hub_config_init(&cfg);
    int rc = hub_config_parse(&cfg, text, len, "t.conf", err, sizeof err);
    if (rc != HUB_ERR_CONFIG || strncmp(err, prefix, strlen(prefix)) != 0 || !strstr(err, what)) {
        fprintf(stderr, "for %.40s...: expected \"%s...%s\", got rc %d \"%s\"\n", text, prefix,
                what, rc, err);
        failures++;
    }
    hub_config_free(&cfg);
}
#define EXPECT_ERROR(text, prefix, what) expect_error(text, strlen(text), prefix, what)

static void test_valid(void)
{
    const char *text =
        "# hubd config\r\n"
        "; another comment\n"
        "[mqtt]\n"
        "  host = broker.lan  \n"
        "port=8883\n"
        "client_id = hub-kitchen\n"
        "username = hub\n"
        "password = \"  p#ss \\\"word\\\" \"\n"
        "tls_ca = /etc/ssl/ca.pem\n"
        "tls_insecure = yes\n"
        "keepalive = 60\n"
        "queue_limit = 500\n"
        "reconnect_max = 10\n"
        "\n"
        "[store]\n"
        "db = /var/lib/hubd/hub.db\n"
        "history_retention_days = 7\n"
        "history_flush_ms = 250\n"
        "[http]\n"
        "listen = 0.0.0.0:8080\n"
        "[plugins]\n"
        "dir = /usr/lib/hubd\n"
        "disable = tasmota, ha_discovery\n"
        "[engine]\n"
        "model = /usr/share/hubd/model.gguf\n"
        "threads = 2\n"
        "[house]\n"
        "file = house.json\n"
        "[log]\n"
        "level = DEBUG\n"
        "[plugin.zigbee2mqtt]\n"
        "base_topic = z2m\n"
        "[ plugin.zigbee2mqtt ]   # again: later keys win\n"
        "base_topic = zigbee\n";
    struct hub_config cfg;
    char err[512] = "";
    hub_config_init(&cfg);
    int rc = hub_config_parse(&cfg, text, strlen(text), "good.conf", err, sizeof err);
    if (rc) fprintf(stderr, "valid config refused: %s\n", err);
    CHECK(rc == HUB_OK);
    CHECK(cfg.mqtt_host && strcmp(cfg.mqtt_host, "broker.lan") == 0);
    CHECK(cfg.mqtt_port == 8883 && cfg.mqtt_keepalive == 60 && cfg.mqtt_queue_limit == 500);
    CHECK(cfg.mqtt_reconnect_max == 10 && cfg.mqtt_tls_insecure);
    CHECK(cfg.mqtt_client_id && strcmp(cfg.mqtt_client_id, "hub-kitchen") == 0);
    CHECK(cfg.mqtt_password && strcmp(cfg.mqtt_password, "  p#ss \"word\" ") == 0);
    CHECK(cfg.mqtt_tls_ca && strcmp(cfg.mqtt_tls_ca, "/etc/ssl/ca.pem") == 0);
    CHECK(cfg.db_path && strcmp(cfg.db_path, "/var/lib/hubd/hub.db") == 0);
    CHECK(cfg.history_retention_days == 7 && cfg.history_flush_ms == 250);
    CHECK(cfg.http_listen && strcmp(cfg.http_listen, "0.0.0.0:8080") == 0);
    CHECK(cfg.plugin_dir && strcmp(cfg.plugin_dir, "/usr/lib/hubd") == 0);
    CHECK(cfg.model_path && cfg.house_file && cfg.log_level == HUB_LOG_DEBUG);
    const char *v = hub_config_get(&cfg, "plugin.zigbee2mqtt", "base_topic");
    CHECK(v && strcmp(v, "zigbee") == 0);
    v = hub_config_get(&cfg, "engine", "threads");
    CHECK(v && strcmp(v, "2") == 0);
    CHECK(hub_config_get(&cfg, "plugin.tasmota", "base_topic") == NULL);
    hub_config_free(&cfg);

    /* Defaults, and an empty file is fine. */
    hub_config_init(&cfg);
    CHECK(hub_config_parse(&cfg, "", 0, "empty.conf", err, sizeof err) == HUB_OK);
    CHECK(cfg.mqtt_host == NULL && cfg.mqtt_port == 1883 && cfg.log_level == HUB_LOG_INFO);
    CHECK(cfg.history_flush_ms == 1000 && cfg.mqtt_queue_limit > 0);
    hub_config_free(&cfg);
}

static void test_errors(void)
{
    EXPECT_ERROR("[mqtt]\nport = 70000\n", "t.conf:2: ", "[mqtt] port: 70000 is out of range (1 to 65535)");
    EXPECT_ERROR("[mqtt]\n\n# c\nport = abc\n", "t.conf:4: ", "'abc' is not a whole number");
    EXPECT_ERROR("[mqtt]\nport = 12x\n", "t.conf:2: ", "not a whole number");
    EXPECT_ERROR("[mqtt]\nport =\n", "t.conf:2: ", "not a whole number");
    EXPECT_ERROR("host = x\n", "t.conf:1: ", "key outside of any [section]");
    EXPECT_ERROR("[mqtt]\n[nope]\n", "t.conf:2: ", "unknown section [nope]");
    EXPECT_ERROR("[plugin.]\n", "t.conf:1: ", "unknown section");
    EXPECT_ERROR("[mqtt]\nhots = x\n", "t.conf:2: ", "unknown key 'hots' in [mqtt] (known: host, port");
    EXPECT_ERROR("[mqtt\nhost = x\n", "t.conf:1: ", "section header without ']'");
    EXPECT_ERROR("[mqtt] x\n", "t.conf:1: ", "text after the section header");
    EXPECT_ERROR("[]\n", "t.conf:1: ", "empty section name");
    EXPECT_ERROR("[mq tt]\n", "t.conf:1: ", "invalid character in section name");
    EXPECT_ERROR("[mqtt]\njust some text\n", "t.conf:2: ", "expected 'key = value' or '[section]'");
    EXPECT_ERROR("[mqtt]\n = v\n", "t.conf:2: ", "missing key before '='");
    EXPECT_ERROR("[mqtt]\nho st = v\n", "t.conf:2: ", "invalid character in key");
    EXPECT_ERROR("[mqtt]\ntls_insecure = maybe\n", "t.conf:2: ", "'maybe' is not true or false");
    EXPECT_ERROR("[mqtt]\nkeepalive = 1\n", "t.conf:2: ", "out of range (5 to 3600)");
    EXPECT_ERROR("[log]\nlevel = loud\n", "t.conf:2: ", "'loud' is not a log level");
    EXPECT_ERROR("[http]\nlisten = 127.0.0.1\n", "t.conf:2: ", "missing ':PORT'");
    EXPECT_ERROR("[http]\nlisten = host:99999\n", "t.conf:2: ", "port must be a number from 1 to 65535");
    EXPECT_ERROR("[http]\nlisten = ::1:80\n", "t.conf:2: ", "IPv6 addresses must be written [ADDR]:PORT");
    EXPECT_ERROR("[mqtt]\npassword = \"abc\n", "t.conf:2: ", "without its closing");
    EXPECT_ERROR("[mqtt]\npassword = \"a\\qb\"\n", "t.conf:2: ", "unknown escape");
    EXPECT_ERROR("[mqtt]\npassword = \"a\"b\"\n", "t.conf:2: ", "stray");
    EXPECT_ERROR("[engine]\nthreads = 0\n", "t.conf:2: ", "out of range");
    EXPECT_ERROR("[mqtt]\nhost = a\n[log]\nlevel = info\nlevel = \xc3\x28\n", "t.conf:5: ", "invalid UTF-8 at byte 9");
    EXPECT_ERROR("[mqtt]\nhost = \xed\xa0\x80\n", "t.conf:2: ", "invalid UTF-8"); /* surrogate */
    EXPECT_ERROR("[mqtt]\nhost = \xc0\xaf\n", "t.conf:2: ", "invalid UTF-8");     /* overlong */
    EXPECT_ERROR("[mqtt]\nhost = \xf0\x9f\x98\n", "t.conf:2: ", "invalid UTF-8"); /* truncated */
    expect_error("[mqtt]\nhost = a\0b\n", 17, "t.conf:2: ", "NUL byte");
    char *long_line = malloc(6000);
    memset(long_line, 'a', 6000);
    memcpy(long_line, "[log]\nlevel = ", 14);
    expect_error(long_line, 6000, "t.conf:2: ", "line is longer than 4096 bytes");
    free(long_line);

    /* Valid UTF-8 (names in any language) passes. */
    struct hub_config cfg;
    char err[256];
    hub_config_init(&cfg);
    const char *zh = "[plugin.tasmota]\nroom = \xe5\xae\xa2\xe5\x8e\x85\n";
    CHECK(hub_config_parse(&cfg, zh, strlen(zh), "zh.conf", err, sizeof err) == HUB_OK);
    hub_config_free(&cfg);

    /* A file that is not there. */
    hub_config_init(&cfg);
    CHECK(hub_config_load(&cfg, "/nonexistent/hubd.conf", err, sizeof err) == HUB_ERR_CONFIG);
    CHECK(strstr(err, "/nonexistent/hubd.conf: cannot open: No such file") != NULL);
    hub_config_free(&cfg);
}

static void test_file(void)
{
    char path[] = "/tmp/test-config-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    const char *text = "[mqtt]\nhost = 10.0.0.2\nport = 1884\n[store]\ndb = x.db\nbad line\n";
    CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
    struct hub_config cfg;
    char err[512], want[600];
    hub_config_init(&cfg);
    CHECK(hub_config_load(&cfg, path, err, sizeof err) == HUB_ERR_CONFIG);
    snprintf(want, sizeof want, "%s:6: expected 'key = value'", path);
    CHECK(strncmp(err, want, strlen(want)) == 0);
    hub_config_free(&cfg);
    unlink(path);
}

static void test_hostport(void)
{
    char *host = NULL, err[256];
    int port = 0;
    CHECK(hub_config_parse_hostport("127.0.0.1:1884", 1883, &host, &port, err, sizeof err) == HUB_OK);
    CHECK(host && strcmp(host, "127.0.0.1") == 0 && port == 1884);
    free(host);
    host = NULL;
    CHECK(hub_config_parse_hostport("broker.lan", 1883, &host, &port, err, sizeof err) == HUB_OK);
    CHECK(host && strcmp(host, "broker.lan") == 0 && port == 1883);
    free(host);
    host = NULL;
    CHECK(hub_config_parse_hostport("[::1]:8080", -1, &host, &port, err, sizeof err) == HUB_OK);
    CHECK(host && strcmp(host, "::1") == 0 && port == 8080);
    free(host);
    host = NULL;
    CHECK(hub_config_parse_hostport(":1883", 1883, &host, &port, err, sizeof err) == HUB_ERR_CONFIG);
    CHECK(hub_config_parse_hostport("h:0", 1883, &host, &port, err, sizeof err) == HUB_ERR_CONFIG);
    CHECK(hub_config_parse_hostport("h:", 1883, &host, &port, err, sizeof err) == HUB_ERR_CONFIG);
    CHECK(hub_config_parse_hostport("h;rm -rf:1", 1883, &host, &port, err, sizeof err) == HUB_ERR_CONFIG);
    CHECK(hub_config_parse_hostport("[::1", 1883, &host, &port, err, sizeof err) == HUB_ERR_CONFIG);
    CHECK(hub_config_parse_hostport("", 1883, &host, &port, err, sizeof err) == HUB_ERR_CONFIG);
    CHECK(host == NULL);
}

int main(void)
{
    test_valid();
    test_errors();
    test_file();
    test_hostport();
    if (failures) fprintf(stderr, "%d checks failed\n", failures);
    else printf("config: all checks passed\n");
    return failures ? 1 : 0;
}
