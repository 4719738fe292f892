/*
 * test-plugin-common.c: the plugins' shared helpers (plugins/common/plugcommon.c): slugs and
 * unique entity ids, colour conversions against known values (Hue's xy of sRGB primaries,
 * mireds), execute() argument parsing and its range checks, UTF-8 payload checks, the hash map.
 */
#include "plugins/common/plugcommon.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/hub-check.h"

static void test_slugs(void)
{
    char s[64], id[PLUG_ID_MAX];
    CHECK(plug_slugify("Kitchen Ceiling", s, sizeof s) == 15 && strcmp(s, "kitchen_ceiling") == 0);
    plug_slugify("  living_room/strip--2 ", s, sizeof s);
    CHECK(strcmp(s, "living_room_strip_2") == 0);
    CHECK(plug_slugify("客厅灯", s, sizeof s) == 0 && s[0] == 0);
    plug_slugify("Lamp 客厅 1", s, sizeof s);
    CHECK(strcmp(s, "lamp_1") == 0);
    plug_slugify("abcdefghijklmnopqrstuvwxyz", s, 8); /* truncated, still terminated */
    CHECK(strcmp(s, "abcdefg") == 0);

    struct plug_map *m = plug_map_new();
    plug_entity_id(m, "light", "Desk Lamp", NULL, id, sizeof id);
    CHECK(strcmp(id, "light.desk_lamp") == 0);
    plug_map_put(m, id, m);
    plug_entity_id(m, "light", "Desk  Lamp!", NULL, id, sizeof id);
    CHECK(strcmp(id, "light.desk_lamp_2") == 0);
    plug_entity_id(m, "sensor", "温度", "0x00158d0001", id, sizeof id); /* falls back */
    CHECK(strcmp(id, "sensor.0x00158d0001") == 0);
    plug_entity_id(m, "sensor", "", "", id, sizeof id);
    CHECK(strcmp(id, "sensor.unnamed") == 0);
    plug_map_free(m);
}

static void test_colour(void)
{
    double x, y, h, s;
    int rgb[3];
    plug_rgb_to_xy((int[]){255, 0, 0}, &x, &y);
    CHECK(fabs(x - 0.7006) < 1e-4 && fabs(y - 0.2993) < 1e-4); /* Hue's red */
    plug_rgb_to_xy((int[]){255, 255, 255}, &x, &y);
    CHECK(fabs(x - 0.3227) < 2e-3 && fabs(y - 0.3290) < 2e-3); /* Wide RGB D65 white */
    plug_rgb_to_xy((int[]){0, 0, 0}, &x, &y);
    CHECK(x == 0.3127 && y == 0.3290);
    /* round trips through xy keep the colour's hue */
    const int cases[][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 128, 0}, {128, 0, 255}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        plug_rgb_to_xy(cases[i], &x, &y);
        plug_xy_to_rgb(x, y, rgb);
        double h1, s1, h2, s2;
        plug_rgb_to_hs(cases[i], &h1, &s1);
        plug_rgb_to_hs(rgb, &h2, &s2);
        double dh = fabs(h1 - h2);
        if (dh > 180) dh = 360 - dh;
        CHECK(dh <= 6 && fabs(s1 - s2) <= 10);
    }
    plug_rgb_to_hs((int[]){0, 0, 255}, &h, &s);
    CHECK(h == 240 && s == 100);
    plug_hs_to_rgb(120, 100, rgb);
    CHECK(rgb[0] == 0 && rgb[1] == 255 && rgb[2] == 0);
    plug_hs_to_rgb(360, 50, rgb); /* 360 is red again */
    CHECK(rgb[0] == 255 && rgb[1] == 128 && rgb[2] == 128);
    plug_xy_to_rgb(NAN, -3, rgb); /* junk in, a colour out, never a crash */
    CHECK(rgb[0] >= 0 && rgb[0] <= 255);
    CHECK(plug_kelvin_to_mireds(2700) == 370 && plug_mireds_to_kelvin(153) == 6536);
    CHECK(plug_kelvin_to_mireds(0) == 0 && plug_mireds_to_kelvin(-5) == 0);
    CHECK(plug_scale(40, 100, 254) == 102 && plug_scale(254, 254, 100) == 100);
    CHECK(plug_scale(-5, 100, 254) == 0 && plug_scale(500, 100, 254) == 254);
    CHECK(plug_color_name_rgb("Warm White", rgb) && rgb[0] == 255);
    CHECK(plug_color_name_rgb("红色", rgb) && rgb[0] == 255 && rgb[1] == 0);
    CHECK(!plug_color_name_rgb("plaid", rgb));
}

static void test_args(void)
{
    struct plug_args a;
    CHECK(plug_args_parse(NULL, &a) == HUB_OK && !a.has_brightness);
    plug_args_free(&a);
    CHECK(plug_args_parse("{\"brightness\":40.4,\"color_temp_kelvin\":2700,\"rgb_color\":[1,2,3],"
                          "\"hvac_mode\":\"heat\",\"temperature\":21.5,\"mute\":true}",
                          &a) == HUB_OK);
    CHECK(a.has_brightness && a.brightness == 40 && a.kelvin == 2700 && a.has_rgb && a.rgb[2] == 3);
    CHECK(a.hvac_mode && strcmp(a.hvac_mode, "heat") == 0 && a.temperature == 21.5 && a.mute);
    plug_args_free(&a);
    CHECK(plug_args_parse("{\"color_name\":\"blue\"}", &a) == HUB_OK && a.has_rgb &&
          a.rgb[2] == 255);
    plug_args_free(&a);
    CHECK(plug_args_parse("{\"brightness\":101}", &a) == HUB_ERR_RANGE);
    CHECK(plug_args_parse("{\"position\":-1}", &a) == HUB_ERR_RANGE);
    CHECK(plug_args_parse("{\"rgb_color\":[1,2,300]}", &a) == HUB_ERR_RANGE);
    CHECK(plug_args_parse("{\"brightness\":\"50\"}", &a) == HUB_ERR_INVALID);
    CHECK(plug_args_parse("{\"rgb_color\":[1,2]}", &a) == HUB_ERR_INVALID);
    CHECK(plug_args_parse("{\"hvac_mode\":\"turbo\"}", &a) == HUB_ERR_INVALID);
    CHECK(plug_args_parse("{\"color_name\":\"plaid\"}", &a) == HUB_ERR_INVALID);
    CHECK(plug_args_parse("[1]", &a) == HUB_ERR_INVALID);
    CHECK(plug_args_parse("{\"brightness\":", &a) == HUB_ERR_INVALID);
    CHECK(plug_args_parse("{\"temperature\":1e308}", &a) == HUB_ERR_RANGE);
    CHECK(a.root == NULL); /* nothing left to free after a failure */
}

static void test_text_and_map(void)
{
    char *t = plug_payload_text("online", 6, 100);
    CHECK(t && strcmp(t, "online") == 0);
    free(t);
    CHECK(plug_payload_text("on\0line", 7, 100) == NULL);
    CHECK(plug_payload_text("\xc3\x28", 2, 100) == NULL);     /* broken sequence */
    CHECK(plug_payload_text("\xe0\x80\xaf", 3, 100) == NULL); /* overlong */
    CHECK(plug_payload_text("\xed\xa0\x80", 3, 100) == NULL); /* surrogate */
    CHECK(plug_payload_text("\xe5\xae", 2, 100) == NULL);     /* truncated */
    t = plug_payload_text("\xe5\xae\xa2", 3, 100);            /* 客 */
    CHECK(t != NULL);
    free(t);
    CHECK(plug_payload_text("abc", 3, 2) == NULL);
    CHECK(plug_payload_is(" Online\r\n", "online") && !plug_payload_is("onlinex", "online"));

    struct plug_map *m = plug_map_new();
    char key[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        CHECK(plug_map_put(m, key, (void *)(intptr_t)(i + 1)) == HUB_OK);
    }
    CHECK(plug_map_count(m) == 5000);
    CHECK(plug_map_get(m, "k4321") == (void *)(intptr_t)4322 && !plug_map_get(m, "k5000"));
    plug_map_put(m, "k1", (void *)(intptr_t)99);
    CHECK(plug_map_get(m, "k1") == (void *)(intptr_t)99 && plug_map_count(m) == 5000);
    for (int i = 0; i < 5000; i += 2) {
        snprintf(key, sizeof key, "k%d", i);
        plug_map_del(m, key);
    }
    CHECK(plug_map_count(m) == 2500 && !plug_map_get(m, "k2") && plug_map_get(m, "k3"));
    const char *k;
    size_t n = 0;
    while (plug_map_first(m, &k)) {
        char copy[32];
        snprintf(copy, sizeof copy, "%s", k);
        plug_map_del(m, copy);
        n++;
    }
    CHECK(n == 2500 && plug_map_count(m) == 0);
    plug_map_free(m);
}

int main(void)
{
    test_slugs();
    test_colour();
    test_args();
    test_text_and_map();
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("all checks passed\n");
    return 0;
}
