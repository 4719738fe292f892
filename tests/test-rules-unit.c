/*
 * test-rules-unit.c: the pieces of the rules engine that need no broker: sunrise/sunset
 * against published NOAA values, YAML loading with positions, rule checks whose errors say
 * FILE:LINE:COL, YAML export read back to the same JSON.
 */
#include "hub_status.h"
#include "hubd/rules.h"
#include "hubd/rules_yaml.h"
#include "hubd/sun.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/hub-check.h"

/* Expected times (UTC) from NOAA's solar calculator (gml.noaa.gov/grad/solcalc). */
struct sun_case {
    const char *place;
    double lat, lon;
    int y, m, d;
    enum hub_sun_event ev;
    int utc_y, utc_m, utc_d, hh, mm; /* expected UTC date and time */
};

static void test_sun(void)
{
    static const struct sun_case cases[] = {
        {"London summer solstice", 51.5074, -0.1278, 2024, 6, 21, HUB_SUN_SUNRISE, 2024, 6, 21, 3, 43},
        {"London summer solstice", 51.5074, -0.1278, 2024, 6, 21, HUB_SUN_SUNSET, 2024, 6, 21, 20, 21},
        {"New York winter solstice", 40.7128, -74.0060, 2024, 12, 21, HUB_SUN_SUNRISE, 2024, 12, 21, 12, 16},
        {"New York winter solstice", 40.7128, -74.0060, 2024, 12, 21, HUB_SUN_SUNSET, 2024, 12, 21, 21, 32},
        {"Beijing summer solstice", 39.9042, 116.4074, 2024, 6, 21, HUB_SUN_SUNRISE, 2024, 6, 20, 20, 46},
        {"Beijing summer solstice", 39.9042, 116.4074, 2024, 6, 21, HUB_SUN_SUNSET, 2024, 6, 21, 11, 46},
        {"Sydney winter solstice", -33.8688, 151.2093, 2024, 6, 21, HUB_SUN_SUNRISE, 2024, 6, 20, 21, 0},
        {"Sydney winter solstice", -33.8688, 151.2093, 2024, 6, 21, HUB_SUN_SUNSET, 2024, 6, 21, 6, 54},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct sun_case *c = &cases[i];
        int64_t ms = 0;
        int rc = hub_sun_event_utc_day(c->lat, c->lon, c->y, c->m, c->d, c->ev, &ms);
        struct tm want = {.tm_year = c->utc_y - 1900, .tm_mon = c->utc_m - 1, .tm_mday = c->utc_d,
                          .tm_hour = c->hh, .tm_min = c->mm};
        int64_t want_ms = (int64_t)timegm(&want) * 1000;
        double diff_min = (double)(ms - want_ms) / 60000.0;
        CHECK(rc == HUB_OK && diff_min > -2.0 && diff_min < 2.0, "%s %s: off by %.1f min (rc %d)",
              c->place, c->ev == HUB_SUN_SUNRISE ? "sunrise" : "sunset", diff_min, rc);
    }
    int64_t ms;
    /* Tromso in December: polar night, no sunrise. */
    CHECK(hub_sun_event_utc_day(69.6492, 18.9553, 2024, 12, 21, HUB_SUN_SUNRISE, &ms) == HUB_ERR_NOT_FOUND,
          "polar night has a sunrise");
    CHECK(hub_sun_event_utc_day(91, 0, 2024, 1, 1, HUB_SUN_SUNSET, &ms) == HUB_ERR_RANGE, "latitude 91 accepted");
    /* next: strictly after, and a day later when asked right after. */
    int64_t a, b;
    struct tm t0 = {.tm_year = 124, .tm_mon = 5, .tm_mday = 21, .tm_hour = 12};
    int64_t noon = (int64_t)timegm(&t0) * 1000;
    CHECK(hub_sun_next(51.5074, -0.1278, HUB_SUN_SUNSET, noon, &a) == HUB_OK && a > noon &&
              a - noon < 9 * 3600 * 1000LL, "next sunset after noon");
    CHECK(hub_sun_next(51.5074, -0.1278, HUB_SUN_SUNSET, a, &b) == HUB_OK && b - a > 23 * 3600 * 1000LL &&
              b - a < 25 * 3600 * 1000LL, "the sunset after a sunset is a day later");
}

static void test_yaml(void)
{
    char err[512];
    struct hub_yaml_marks *marks = NULL;
    const char *y = "a: 1\nb:\n  - x\n  - 'on'\n  - on\n  - 2.5\n  - ~\nc: {d: true}\n";
    json_t *j = hub_yaml_load(y, strlen(y), "t.yaml", &marks, err, sizeof err);
    CHECK(j != NULL, "load: %s", err);
    json_t *b = json_object_get(j, "b");
    CHECK(json_integer_value(json_object_get(j, "a")) == 1, "a is 1");
    CHECK(json_is_string(json_array_get(b, 1)) && json_is_string(json_array_get(b, 2)),
          "on is a string (YAML 1.2 core schema)");
    CHECK(json_is_real(json_array_get(b, 3)) && json_is_null(json_array_get(b, 4)), "2.5 real, ~ null");
    int line = 0, col = 0;
    CHECK(hub_yaml_marks_find(marks, json_array_get(b, 0), &line, &col) && line == 3 && col == 5,
          "position of x: %d:%d", line, col);
    hub_yaml_marks_free(marks);
    json_decref(j);

    const char *bad[][2] = {
        {"a: [1, 2\nb: 3\n", "t.yaml:"},
        {"a: 1\na: 2\n", "t.yaml:2:1: duplicate key 'a'"},
        {"a: *nope\n", "t.yaml:1:4: unknown alias"},
        {"- &a [1,1,1,1,1,1,1,1,1,1]\n- &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n- &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
         "- &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n- &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n- [*e,*e,*e]\n",
         "expand to more than"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        j = hub_yaml_load(bad[i][0], strlen(bad[i][0]), "t.yaml", NULL, err, sizeof err);
        CHECK(!j && strstr(err, bad[i][1]), "bad yaml %zu: '%s'", i, j ? "(loaded)" : err);
        json_decref(j);
    }

    /* Dump and load back: the same JSON, strings that look like other things stay strings. */
    json_t *doc = json_pack("[{s:s, s:[s,s,s,s,s], s:{s:i, s:f, s:b, s:n, s:s}}]", "id", "x",
                            "list", "on", "07:30", "yes", "a: b", "multi\nline", "m", "i", 7,
                            "f", 0.5, "b", 1, "n", "s", "");
    char *text = hub_yaml_dump(doc, err, sizeof err);
    CHECK(text != NULL, "dump: %s", err);
    json_t *back = text ? hub_yaml_load(text, strlen(text), "dump", NULL, err, sizeof err) : NULL;
    CHECK(back && json_equal(doc, back), "round trip:\n%s", text ? text : "");
    CHECK(text && strstr(text, "\"on\""), "on is quoted for YAML 1.1 readers");
    free(text);
    json_decref(back);
    json_decref(doc);
}

static void test_check(void)
{
    char err[512];
    struct {
        const char *yaml, *want;
    } cases[] = {
        {"- id: a\n  trigger:\n    - platform: time\n      at: \"25:00\"\n  action:\n    - delay: 1\n",
         "rules.yaml:4:11: automation 'a'.triggers[0]: '25:00' is not a time of day"},
        {"- id: a\n  trigger:\n    - platform: state\n      entity_id: Light\n  action:\n    - delay: 1\n",
         "rules.yaml:4:18: automation 'a'.triggers[0].entity_id: 'Light' is not an entity id"},
        {"- id: a\n  trigger:\n    - platform: bogus\n  action:\n    - delay: 1\n",
         "rules.yaml:3:7: automation 'a'.triggers[0]: unknown trigger 'bogus'"},
        {"- id: a\n  trigger:\n    - platform: mqtt\n      topic: x\n  action:\n    - delay: -5\n",
         "rules.yaml:6:14: automation 'a'.actions[0]: 'delay' is not a duration"},
        {"- id: a\n  trigger:\n    - platform: mqtt\n      topic: x\n  condition:\n    - condition: time\n"
         "      weekday: funday\n  action:\n    - delay: 1\n",
         "rules.yaml:7:16: automation 'a'.conditions[0]: weekday 'funday'"},
        {"- id: a\n  trigger:\n    - platform: mqtt\n      topic: x\n  action:\n    - choose:\n"
         "        - conditions:\n            - condition: numeric_state\n              entity_id: sensor.t\n"
         "              above: 5\n              below: 2\n          sequence: []\n",
         "rules.yaml:8:15: automation 'a'.actions[0].choose[0].conditions[0]: 'above' (5) must be less"},
        {"- id: a\n  trigger: []\n  action:\n    - delay: 1\n", "rules.yaml:2:12: automation 'a': 'triggers' is empty"},
        {"- id: a\n  mode: sometimes\n  trigger: {platform: mqtt, topic: x}\n  action: {delay: 1}\n",
         "rules.yaml:2:9: automation 'a': mode must be"},
        {"- id: a\n  trigger: {platform: mqtt, topic: x}\n  action: {delay: 1}\n- id: a\n  trigger: "
         "{platform: mqtt, topic: y}\n  action: {delay: 1}\n", "rules.yaml:4:7: document: two automations have the id 'a'"},
        {"- id: a\n  trigger: {platform: mqtt, topic: x}\n  action:\n    - action: light.turn_on\n",
         "rules.yaml:4:7: automation 'a'.actions[0]: light.turn_on needs target.entity_id"},
        {"- id: a\n\ttrigger: x\n", "rules.yaml:2:1:"},
        {"- id: a\n  trigger: {platform: mqtt, topic: x}\n  action:\n    - action: notify.notify\n"
         "      data:\n        message: \"{{ now() }} hello\"\n",
         "rules.yaml:6:18: automation 'a'.actions[0]: template '{{ now() }}' is not supported"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = hub_rules_check_yaml(NULL, cases[i].yaml, strlen(cases[i].yaml), "rules.yaml", err, sizeof err);
        CHECK(rc == HUB_ERR_INVALID && strncmp(err, cases[i].want, strlen(cases[i].want)) == 0,
              "check %zu: got '%s', want '%s...'", i, rc ? err : "(accepted)", cases[i].want);
    }
    const char *good = "- alias: Wake up\n  trigger:\n    - platform: time\n      at: \"07:00\"\n"
                       "      weekday: [mon, tue]\n  condition:\n    - condition: sun\n      after: sunrise\n"
                       "  action:\n    - service: light.turn_on\n      entity_id: light.bedroom\n"
                       "      data: {brightness: 40}\n";
    int rc = hub_rules_check_yaml(NULL, good, strlen(good), "good.yaml", err, sizeof err);
    CHECK(rc == HUB_OK, "good rule refused: %s", err);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    test_sun();
    test_yaml();
    test_check();
    if (failures) {
        printf("%d checks failed\n", failures);
        return 1;
    }
    printf("ok: sun times, YAML positions and round trip, rule checks\n");
    return 0;
}
