/*
 * test-hubd-registry.c: hubd's registry and state table on a real SQLite store: validation of
 * what plugins send, house-file matching (id, name, slug, device-name prefix), ownership, the
 * hub/state payload, "only real changes" (publish + history), availability, and everything
 * coming back from the database in a fresh registry, as after a restart.
 */
#include "hub_log.h"
#include "hub_status.h"
#include "hubd/registry.h"
#include "hubd/state.h"
#include "hubd/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/hub-check.h"

static int n_pub;
static char last_topic[128], last_payload[1024];
static int rec_publish(void *ud, const char *topic, const void *payload, size_t len, int qos,
                       bool retain)
{
    n_pub++;
    snprintf(last_topic, sizeof last_topic, "%s", topic);
    snprintf(last_payload, sizeof last_payload, "%.*s", (int)len, (const char *)payload);
    return retain && qos == 1 ? HUB_OK : HUB_ERR_INVALID;
}

static int count_rows(void *ud, int64_t ts, const char *state, const char *attrs)
{
    (*(int *)ud)++;
    return 0;
}

/* Collects "name:level aliases;" of every stored floor. */
static int floor_row(void *ud, const char *name, int level, const char *aliases_json)
{
    char *buf = ud;
    size_t n = strlen(buf);
    snprintf(buf + n, 256 - n, "%s:%d%s;", name, level, aliases_json);
    return 0;
}

static struct hub_entity_desc desc(const char *id, const char *name, const char *area)
{
    struct hub_entity_desc d = {.struct_size = sizeof d, .entity_id = id, .name = name, .area = area};
    return d;
}

int main(void)
{
    char dir[] = "/tmp/test-hubd-registry-XXXXXX", db[128], house[128], err[512];
    if (!mkdtemp(dir)) return 1;
    snprintf(db, sizeof db, "%s/hub.db", dir);
    snprintf(house, sizeof house, "%s/house.json", dir);
    FILE *f = fopen(house, "w");
    fprintf(f, "{\"floors\": [{\"name\": \"Ground\"}, {\"name\": \"Upstairs\", \"level\": 1, \"aliases\": [\"upstairs\", \"楼上\"]}],\n"
               " \"areas\": [{\"name\": \"Study\", \"floor\": \"Upstairs\", \"aliases\": [\"office\"]},\n"
               "            {\"name\": \"Hall\", \"floor\": \"Ground\"}],\n"
               " \"entities\": [{\"name\": \"Desk Lamp\", \"domain\": \"light\", \"area\": \"Study\", \"aliases\": [\"reading light\"]},\n"
               "              {\"id\": \"lock.x1\", \"name\": \"Front Door\", \"domain\": \"lock\", \"area\": \"Hall\"},\n"
               "              {\"name\": \"Garage Motion\", \"domain\": \"binary_sensor\", \"area\": \"Hall\"},\n"
               "              {\"name\": \"Front Door\", \"domain\": \"binary_sensor\", \"area\": \"Hall\"}]}\n");
    fclose(f);

    struct hub_store *st = hub_store_open(db, err, sizeof err);
    CHECK(st != NULL);
    if (!st) return 1;
    struct hub_registry *reg = hub_registry_new(st);
    struct hub_states *states = hub_states_new(st, reg, rec_publish, NULL);
    CHECK(hub_registry_load_house(reg, house, err, sizeof err) == HUB_OK);
    CHECK(hub_registry_floor_count(reg) == 2 && hub_registry_area_count(reg) == 2);

    /* Validation. */
    struct hub_entity_desc d = desc("light.Bad", "x", NULL);
    CHECK(hub_registry_upsert(reg, "p1", &d, NULL) == HUB_ERR_INVALID);
    d = desc("toaster.one", "x", NULL);
    CHECK(hub_registry_upsert(reg, "p1", &d, NULL) == HUB_ERR_INVALID);
    d = desc("light.ok", "bad\nname", NULL);
    CHECK(hub_registry_upsert(reg, "p1", &d, NULL) == HUB_ERR_INVALID);
    d = desc("light.ok", "ok", NULL);
    d.capabilities_json = "[1,2]";
    CHECK(hub_registry_upsert(reg, "p1", &d, NULL) == HUB_ERR_INVALID);
    CHECK(hub_registry_count(reg) == 0);

    /* House matching: by name, by id, by slug of the name, and area by device-name prefix. */
    bool changed = false;
    d = desc("light.desk_lamp", "Desk Lamp", "Somewhere Else");
    d.capabilities_json = "{\"brightness\":true}";
    CHECK(hub_registry_upsert(reg, "p1", &d, &changed) == HUB_OK && changed);
    const struct hub_entity *e = hub_registry_get(reg, "light.desk_lamp");
    CHECK(e && strcmp(e->area, "Study") == 0 && json_array_size(e->aliases) == 1);
    CHECK(e && strcmp(hub_registry_entity_floor(reg, e), "Upstairs") == 0);
    d = desc("lock.x1", "Some Lock", NULL);
    CHECK(hub_registry_upsert(reg, "p2", &d, NULL) == HUB_OK);
    e = hub_registry_get(reg, "lock.x1");
    CHECK(e && strcmp(e->name, "Front Door") == 0 && strcmp(e->area, "Hall") == 0);
    d = desc("binary_sensor.garage_motion", NULL, NULL);
    CHECK(hub_registry_upsert(reg, "p2", &d, NULL) == HUB_OK);
    e = hub_registry_get(reg, "binary_sensor.garage_motion");
    CHECK(e && strcmp(e->name, "Garage Motion") == 0 && e->area && strcmp(e->area, "Hall") == 0);
    d = desc("binary_sensor.front_door_contact", "Front Door Contact", NULL);
    CHECK(hub_registry_upsert(reg, "p1", &d, NULL) == HUB_OK);
    e = hub_registry_get(reg, "binary_sensor.front_door_contact");
    CHECK(e && strcmp(e->name, "Front Door Contact") == 0 && e->area && strcmp(e->area, "Hall") == 0);
    d = desc("switch.kettle", "Kettle", "Kitchen"); /* plugin's area, created on the fly */
    CHECK(hub_registry_upsert(reg, "p1", &d, NULL) == HUB_OK);
    CHECK(hub_registry_area_get(reg, "Kitchen") != NULL && hub_registry_area_count(reg) == 3);

    /* Ownership: another plugin cannot take or remove an entity. */
    d = desc("switch.kettle", "Kettle 2", NULL);
    CHECK(hub_registry_upsert(reg, "p2", &d, NULL) == HUB_ERR_EXISTS);
    CHECK(hub_registry_remove(reg, "p2", "switch.kettle") == HUB_ERR_EXISTS);
    d = desc("switch.kettle", "Kettle", "Kitchen");
    changed = true;
    CHECK(hub_registry_upsert(reg, "p1", &d, &changed) == HUB_OK && !changed);

    /* States: only real changes are published and recorded. */
    CHECK(hub_states_update(reg ? states : NULL, "light.nope", "on", NULL) == HUB_ERR_NOT_FOUND);
    CHECK(hub_states_update(states, "light.desk_lamp", "", NULL) == HUB_ERR_INVALID);
    CHECK(hub_states_update(states, "light.desk_lamp", "on", "[1]") == HUB_ERR_INVALID);
    n_pub = 0;
    CHECK(hub_states_update(states, "light.desk_lamp", "on", "{\"brightness\":40}") == HUB_OK);
    CHECK(n_pub == 1 && strcmp(last_topic, "hub/state/light.desk_lamp") == 0);
    json_t *j = json_loads(last_payload, 0, NULL);
    CHECK(j && strcmp(json_string_value(json_object_get(j, "state")), "on") == 0);
    CHECK(j && strcmp(json_string_value(json_object_get(j, "name")), "Desk Lamp") == 0);
    CHECK(j && strcmp(json_string_value(json_object_get(j, "area")), "Study") == 0);
    CHECK(j && strcmp(json_string_value(json_object_get(j, "domain")), "light") == 0);
    CHECK(j && json_integer_value(json_object_get(json_object_get(j, "attributes"), "brightness")) == 40);
    CHECK(j && json_string_length(json_object_get(j, "last_changed")) == 24); /* ISO 8601 ms Z */
    json_decref(j);
    CHECK(hub_states_update(states, "light.desk_lamp", "on", "{\"brightness\":40}") == HUB_OK);
    CHECK(hub_states_update(states, "light.desk_lamp", "on", NULL) == HUB_OK);
    CHECK(n_pub == 1);
    int64_t lc = hub_states_get(states, "light.desk_lamp")->last_changed;
    usleep(5000);
    CHECK(hub_states_update(states, "light.desk_lamp", "on", "{\"brightness\":60}") == HUB_OK);
    CHECK(n_pub == 2 && hub_states_get(states, "light.desk_lamp")->last_changed == lc);
    CHECK(hub_states_get(states, "light.desk_lamp")->last_updated > lc);
    CHECK(hub_states_set_available(states, "light.desk_lamp", false) == HUB_OK);
    CHECK(strcmp(hub_states_get(states, "light.desk_lamp")->state, "unavailable") == 0);
    CHECK(hub_states_update(states, "light.desk_lamp", "off", NULL) == HUB_OK); /* remembered */
    CHECK(strcmp(hub_states_get(states, "light.desk_lamp")->state, "unavailable") == 0);
    CHECK(hub_states_set_available(states, "light.desk_lamp", true) == HUB_OK);
    CHECK(strcmp(hub_states_get(states, "light.desk_lamp")->state, "off") == 0);
    CHECK(hub_states_update(states, "switch.kettle", "on", NULL) == HUB_OK);
    CHECK(hub_states_flush(states) == HUB_OK);
    int rows = 0;
    CHECK(hub_store_history_query(st, "light.desk_lamp", 0, INT64_MAX, 0, count_rows, &rows) == HUB_OK);
    CHECK(rows == 4); /* on/40, on/60, unavailable, off */

    /* Remove clears the retained topic. */
    d = desc("switch.gone", "Gone", NULL);
    CHECK(hub_registry_upsert(reg, "p1", &d, NULL) == HUB_OK);
    CHECK(hub_registry_remove(reg, "p1", "switch.gone") == HUB_OK);
    hub_states_remove(states, "switch.gone");
    CHECK(strcmp(last_topic, "hub/state/switch.gone") == 0 && last_payload[0] == '\0');
    size_t n_entities = hub_registry_count(reg);
    hub_states_free(states);
    hub_registry_free(reg);
    hub_store_close(st);

    /* A restart: everything back from the database. */
    st = hub_store_open(db, err, sizeof err);
    CHECK(st != NULL);
    if (!st) return 1;
    reg = hub_registry_new(st);
    states = hub_states_new(st, reg, rec_publish, NULL);
    CHECK(hub_registry_load(reg, err, sizeof err) == HUB_OK);
    CHECK(hub_states_load(states) == HUB_OK);
    CHECK(hub_registry_count(reg) == n_entities && !hub_registry_get(reg, "switch.gone"));
    e = hub_registry_get(reg, "light.desk_lamp");
    CHECK(e && strcmp(e->name, "Desk Lamp") == 0 && strcmp(e->area, "Study") == 0);
    CHECK(e && e->plugin && strcmp(e->plugin, "p1") == 0 && json_array_size(e->aliases) == 1);
    CHECK(e && json_is_true(json_object_get(e->capabilities, "brightness")));
    CHECK(e && strcmp(hub_registry_entity_floor(reg, e), "Upstairs") == 0);
    const struct hub_area *a = hub_registry_area_get(reg, "Study");
    CHECK(a && a->floor && strcmp(a->floor, "Upstairs") == 0 && json_array_size(a->aliases) == 1);
    /* the house file's floor aliases are kept: a hub started without it still knows them */
    char floors[256] = "";
    CHECK(hub_store_floor_foreach(st, floor_row, floors) == HUB_OK);
    CHECK(strcmp(floors, "Ground:0[];Upstairs:1[\"upstairs\",\"楼上\"];") == 0, "floors: %s", floors);
    const struct hub_state *s = hub_states_get(states, "light.desk_lamp");
    CHECK(s && strcmp(s->state, "off") == 0 && s->last_changed > 0);
    CHECK(s && json_integer_value(json_object_get(s->attributes, "brightness")) == 60);
    n_pub = 0;
    CHECK(hub_states_publish_all(states) == 0 && n_pub == (int)n_entities - 3); /* 3 never had a state */
    hub_states_free(states);
    hub_registry_free(reg);
    hub_store_close(st);

    static const char *const files[] = {"hub.db", "hub.db-wal", "hub.db-shm", "hub.db.lock", "house.json"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char p[200];
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
    }
    if (rmdir(dir) != 0) fprintf(stderr, "could not remove %s\n", dir);
    if (failures) fprintf(stderr, "%d checks failed\n", failures);
    else printf("registry and states: all checks passed\n");
    return failures ? 1 : 0;
}
