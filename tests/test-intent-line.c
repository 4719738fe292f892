/* test-intent-line.c: the compact intent line: parsing, formatting in the fixed slot order,
 * validation against data/schema.json (unknown intents and slots, order, repeats, combinations,
 * closed words, numbers), and refusal of malformed lines. Rule lines (an action line plus rule
 * slots): round trip, exactly one trigger kind, closed rule words, times and durations. */
#include "engine/intent_line.h"
#include "hub_status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/hub-check.h"

static struct intent_schema *schema;

static void good(const char *line)
{
    struct intent_line l;
    char err[256] = "", out[INTENT_LINE_MAX];
    int rc = intent_line_parse(line, &l, err, sizeof err);
    CHECK(rc == HUB_OK, "parse '%s': %s", line, err);
    if (rc) return;
    rc = intent_line_validate(schema, &l, err, sizeof err);
    CHECK(rc == HUB_OK, "validate '%s': %s", line, err);
    CHECK(intent_line_format(&l, out, sizeof out) == HUB_OK && !strcmp(out, line),
          "'%s' formats as '%s'", line, out);
}

/* Refused by parse (stage 0) or by validate (stage 1); err must mention `why`. */
static void bad(const char *line, int stage, const char *why)
{
    struct intent_line l;
    char err[256] = "";
    int rc = intent_line_parse(line, &l, err, sizeof err);
    if (stage == 1 && rc == HUB_OK) rc = intent_line_validate(schema, &l, err, sizeof err);
    else if (stage == 1) CHECK(0, "'%s' did not parse: %s", line ? line : "(null)", err);
    CHECK(rc == HUB_ERR_INVALID, "'%s' accepted", line ? line : "(null)");
    CHECK(strstr(err, why), "'%s': error '%s' does not say '%s'", line ? line : "(null)", err,
          why);
}

int main(void)
{
    const char *src = getenv("top_srcdir");
    char path[1024], err[512];
    snprintf(path, sizeof path, "%s/data/schema.json", src ? src : "..");
    if (intent_schema_load(path, &schema, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    CHECK(schema->n_intents == 41, "%d intents", schema->n_intents);
    const struct intent_def *d = intent_schema_find(schema, "HassLightSet");
    CHECK(d && d->n_combos == 12, "HassLightSet combos");
    good("none");
    good("HassTurnOn|name=kitchen lamp");
    good("HassTurnOn|area=the kitchen|domain=light");
    good("HassTurnOn|domain=cover|device_class=blind");
    good("HassTurnOff|floor=upstairs|domain=light");
    good("HassLightSet|area=kitchen|domain=light|brightness=forty percent");
    good("HassLightSet|name=desk lamp|brightness=max");
    good("HassLightSet|domain=light|color=warm white");
    good("HassLightSet|name=Hue Go 2|temperature=2700K");
    good("HassClimateSetTemperature|area=客厅|temperature=二十六度");
    good("HassSetVolumeRelative|volume_step=up");
    good("HassSetVolumeRelative|volume_step=-ten percent");
    good("HassStartTimer|name=pizza|minutes=ten minutes");
    good("HassStartTimer|minutes=5 minutes|conversation_command=turn off the oven light");
    good("HassIncreaseTimer|minutes=两分钟|start_minutes=五分钟");
    good("HassGetState|name=front door|state=locked");
    good("HassMediaSearchAndPlay|media_class=album|search_query=abbey road");
    good("HassListAddItem|name=groceries|item=milk=2 litres");
    good("HassNevermind");
    good("HassGetCurrentTime");
    /* syntax */
    bad(NULL, 0, "no line");
    bad("", 0, "empty");
    bad("Hass TurnOn", 0, "bad character");
    bad("|name=x", 0, "intent name");
    bad("HassTurnOn|name", 0, "name=value");
    bad("HassTurnOn|=x", 0, "name=value");
    bad("HassTurnOn|name=", 0, "empty value");
    bad("HassTurnOn|name= lamp", 0, "spaces");
    bad("HassTurnOn|colour=red", 0, "unknown slot");
    bad("HassTurnOn|name=a|name=b|name=c|name=d|name=e|name=f|name=g|name=h|name=i|name=j|"
        "name=k|name=l|name=m|name=n|name=o|name=p|name=q",
        0, "more than");
    {
        char huge[INTENT_LINE_MAX + 10];
        memset(huge, 'A', sizeof huge - 1);
        huge[sizeof huge - 1] = 0;
        bad(huge, 0, "longer");
    }
    /* schema */
    bad("HassTurnOnn|name=x", 1, "unknown intent");
    bad("HassTurnOn|brightness=50", 1, "has no slot");
    bad("HassTurnOn|area=kitchen|name=lamp", 1, "fixed order");
    bad("HassTurnOn|name=lamp|name=lamp", 1, "repeated");
    bad("HassTurnOn|area=kitchen", 1, "no slot combination");
    bad("HassLightSet|brightness=50", 1, "no slot combination");
    bad("HassTurnOn|domain=lights", 1, "not one of its words");
    bad("HassTurnOn|domain=cover|device_class=Blind", 1, "not one of its words");
    bad("HassLightSet|domain=light|color=reddish", 1, "not one of its words");
    bad("HassLightSet|name=lamp|brightness=bright", 1, "not a number");
    bad("HassStartTimer|minutes=soon", 1, "not a number");
    bad("HassSetVolumeRelative|volume_step=sideways", 1, "not a number");
    bad("none|name=x", 1, "unknown intent");
    /* rule lines: the action's line, then rule slots in their fixed order */
    good("HassTurnOn|name=hall light|when=front door|to=open|after=10 pm|for=5 minutes");
    good("HassTurnOn|name=卧室窗帘|at=早上7点|days=daily");
    good("HassTurnOff|area=kitchen|domain=light|sun=sunrise|offset=-30 minutes");
    good("HassTurnOn|area=kitchen|domain=light|sun=sunset");
    good("HassTurnOn|name=fan|when=bedroom temperature|above=25 degrees");
    good("HassTurnOn|name=heater|when=卧室温度|below=十八度|days=weekdays|after=晚上十点|"
         "before=早上六点");
    good("HassSetPosition|name=blinds|position=half|at=half past seven|days=sat|for=an hour");
    bad("HassTurnOn|name=lamp|when=front door", 1, "exactly one trigger");
    bad("HassTurnOn|name=lamp|to=open", 1, "exactly one trigger");
    bad("HassTurnOn|name=lamp|at=7 am|sun=sunset", 1, "exactly one trigger");
    bad("HassTurnOn|name=lamp|when=door|to=open|above=5", 1, "exactly one trigger");
    bad("HassTurnOn|name=lamp|offset=5 minutes", 1, "exactly one trigger");
    bad("HassTurnOn|name=lamp|days=weekdays", 1, "exactly one trigger");
    bad("HassTurnOn|name=lamp|at=7 am|for=5 minutes|days=daily", 1, "out of the fixed order");
    bad("HassTurnOn|at=7 am|name=lamp", 1, "after the rule slots");
    bad("HassTurnOn|name=lamp|when=door|to=ajar", 1, "not one of its words");
    bad("HassTurnOn|name=lamp|sun=noon", 1, "not one of its words");
    bad("HassTurnOn|name=lamp|at=7 am|days=someday", 1, "not one of its words");
    bad("HassTurnOn|name=lamp|at=soon", 1, "not a time of day");
    bad("HassTurnOn|name=lamp|at=7 am|for=a while", 1, "not a duration");
    bad("HassTurnOn|name=lamp|when=sensor|above=hot", 1, "not a number");
    bad("HassTurnOn|area=kitchen|at=7 am", 1, "no slot combination");
    {
        struct intent_line rl, act;
        char e2[256];
        CHECK(intent_line_parse("HassTurnOn|name=lamp|when=door|to=open|for=5 minutes", &rl, e2,
                                sizeof e2) == HUB_OK &&
                  intent_line_rule_mask(&rl) ==
                      ((1u << RULE_WHEN) | (1u << RULE_TO) | (1u << RULE_FOR)),
              "rule mask");
        intent_line_action(&rl, &act);
        CHECK(act.n_slots == 1 && !strcmp(act.slots[0].name, "name") &&
                  intent_line_rule_mask(&act) == 0,
              "the action of a rule line");
        CHECK(intent_rule_prefix_ok(1u << RULE_WHEN, RULE_WHEN) &&
                  !intent_rule_prefix_ok(1u << RULE_WHEN, RULE_BELOW) &&
                  intent_rule_prefix_ok((1u << RULE_SUN) | (1u << RULE_OFFSET), RULE_OFFSET),
              "rule prefixes");
    }
    /* building a line in any order formats it in the fixed one */
    struct intent_line l = {0};
    char out[INTENT_LINE_MAX];
    snprintf(l.intent, sizeof l.intent, "HassLightSet");
    CHECK(intent_line_add(&l, "brightness", "50%") == HUB_OK, "add");
    CHECK(intent_line_add(&l, "domain", "light") == HUB_OK, "add");
    CHECK(intent_line_add(&l, "area", "kitchen") == HUB_OK, "add");
    CHECK(intent_line_add(&l, "area", "a|b") == HUB_ERR_INVALID, "'|' accepted in a value");
    CHECK(intent_line_add(&l, "nope", "x") == HUB_ERR_INVALID, "unknown slot added");
    CHECK(intent_line_format(&l, out, sizeof out) == HUB_OK &&
              !strcmp(out, "HassLightSet|area=kitchen|domain=light|brightness=50%"),
          "formatted '%s'", out);
    CHECK(intent_line_format(&l, out, 10) == HUB_ERR_RANGE, "short buffer accepted");
    {
        /* rule slots added in any order go after the action's */
        struct intent_line rl = {0};
        snprintf(rl.intent, sizeof rl.intent, "HassTurnOn");
        CHECK(intent_line_add(&rl, "for", "5 minutes") == HUB_OK &&
                  intent_line_add(&rl, "at", "7 am") == HUB_OK &&
                  intent_line_add(&rl, "name", "lamp") == HUB_OK &&
                  intent_line_format(&rl, out, sizeof out) == HUB_OK &&
                  !strcmp(out, "HassTurnOn|name=lamp|at=7 am|for=5 minutes"),
              "rule line formatted '%s'", out);
    }
    CHECK(!strcmp(intent_line_get(&l, "area"), "kitchen") && !intent_line_get(&l, "name"),
          "get");
    /* a broken schema file is refused with its name */
    CHECK(intent_schema_load("/nonexistent/schema.json", &(struct intent_schema *){0}, err,
                             sizeof err) != HUB_OK &&
              strstr(err, "/nonexistent/schema.json"),
          "missing schema: %s", err);
    intent_schema_free(schema);
    if (failures) {
        fprintf(stderr, "%d failures\n", failures);
        return 1;
    }
    printf("intent line: all cases pass\n");
    return 0;
}
