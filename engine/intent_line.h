/* intent_line.h: the compact intent line that the model writes after an utterance, and the
 * intent schema (data/schema.json) it is checked against.
 *
 *   HassLightSet|area=the kitchen|brightness=forty percent
 *   HassTurnOn|domain=cover|device_class=blind
 *   none
 *
 * The intent name, then `|slot=value` pairs in the fixed order of intent_slot_order (below). Open
 * slots (name, area, floor, numbers, free text) hold a span copied verbatim from the utterance, so
 * that the constrained decoder can allow only spans; closed-class slots (domain, device_class,
 * state, color, media_class, response, volume_step up/down) hold a canonical lower-case word.
 * volume_step may also be a number span, with a leading '-' for "down by ...". `none` is the null
 * answer. Values never contain '|' or a newline.
 *
 * A rule sentence ("when the front door opens after 10 pm, turn on the hall light for 5
 * minutes", "每天早上7点打开卧室窗帘") is the action's ordinary line followed by rule slots, in the
 * fixed order of intent_rule_slot_order (after every action slot):
 *
 *   HassTurnOn|name=hall light|when=front door|to=open|after=10 pm|for=5 minutes
 *   HassTurnOn|name=卧室窗帘|at=早上7点|days=daily
 *   HassTurnOff|area=kitchen|domain=light|sun=sunrise|offset=-30 minutes
 *   HassTurnOn|name=fan|when=bedroom temperature|above=25 degrees
 *
 * Trigger, exactly one kind: `at` (a time span: time of day), `when` + `to` (an entity-name span
 * and its new state: on off open closed locked unlocked home not_home), `when` + `above` or
 * `below` (a number span: numeric state), `sun` (sunrise or sunset) with an optional `offset` (a
 * duration span, a leading '-' for "before"). Conditions, all optional: `days` (daily, weekdays,
 * weekends, mon ... sun), `after` and `before` (time spans: a time window), `for` (a duration
 * span: undo the action after it). The rule slots need no schema change and no mask bits: the
 * action part is checked against the schema as before, the rule part by intent_rule_check. */
#ifndef HUB_INTENT_LINE_H
#define HUB_INTENT_LINE_H
#include <stddef.h>
#include <stdint.h>

#define INTENT_LINE_MAX 1024  /* longest line, bytes */
#define INTENT_MAX_SLOTS 16   /* most slots in one line (schema max is 4, rule slots add 6) */
#define INTENT_SLOT_KINDS 25  /* entries of intent_slot_order */
#define INTENT_RULE_SLOTS 11  /* entries of intent_rule_slot_order */

enum intent_slot_kind {
    INTENT_SLOT_SPAN,   /* name, area, floor: a span the resolver maps to the registry */
    INTENT_SLOT_NUMBER, /* a number span, normalized by numbers.c */
    INTENT_SLOT_TEXT,   /* free text kept as said: item, search_query, message, ... */
    INTENT_SLOT_CLOSED, /* a canonical lower-case word from a fixed list */
};

/* The fixed slot order of the line; index = bit in a slot mask. */
extern const char *const intent_slot_order[INTENT_SLOT_KINDS];
/* Index of a slot name in intent_slot_order, or -1. */
int intent_slot_index(const char *slot);

/* The rule slots, in their fixed order after the action's slots; index = bit of a rule mask. */
enum intent_rule_slot {
    RULE_AT = 0,
    RULE_WHEN,
    RULE_TO,
    RULE_ABOVE,
    RULE_BELOW,
    RULE_SUN,
    RULE_OFFSET,
    RULE_DAYS,
    RULE_AFTER,
    RULE_BEFORE,
    RULE_FOR,
};
extern const char *const intent_rule_slot_order[INTENT_RULE_SLOTS];
/* Index of a rule slot name in intent_rule_slot_order, or -1. */
int intent_rule_slot_index(const char *slot);
/* Is a rule mask (bits of intent_rule_slot_order) one valid rule: exactly one trigger kind, any
 * conditions? 0 (no rule slots) is not. */
int intent_rule_mask_ok(uint32_t rmask);
/* May a valid rule mask still be reached from rmask by adding slots after `last` (-1: none)? */
int intent_rule_prefix_ok(uint32_t rmask, int last);
/* Time-of-day and duration slots: at, after, before (times); offset, for (durations). */
int intent_rule_slot_is_time(int r);
int intent_rule_slot_is_duration(int r);
enum intent_slot_kind intent_slot_kind(const char *slot);
/* The canonical words of a closed slot (NULL-terminated), or NULL for other slots. */
const char *const *intent_slot_values(const char *slot);

struct intent_slot {
    char name[32];
    char value[INTENT_LINE_MAX];
};

struct intent_line {
    char intent[64]; /* "" for none */
    int n_slots;
    struct intent_slot slots[INTENT_MAX_SLOTS];
};

/* ---- the schema ---- */

struct intent_combo {
    char *name;         /* "name_area" */
    uint32_t mask;      /* slots, bits of intent_slot_order */
    int context_area;   /* the speaker's area is implied */
    char **name_domains; /* union of the name_domains lists (NULL-terminated), may be empty */
    char **inferred_domains;
};

struct intent_def {
    char *name;
    uint32_t slots;    /* every slot the intent knows */
    uint32_t required; /* the required ones */
    int n_combos;
    struct intent_combo *combos;
};

struct intent_schema {
    int n_intents;
    struct intent_def *intents;
};

/* Loads schema.json; on failure err says which file and what is wrong. */
int intent_schema_load(const char *path, struct intent_schema **out, char *err, size_t errlen);
void intent_schema_free(struct intent_schema *s);
const struct intent_def *intent_schema_find(const struct intent_schema *s, const char *intent);
/* The combination whose slots are exactly mask, or NULL. */
const struct intent_combo *intent_def_combo(const struct intent_def *d, uint32_t mask);

/* ---- lines ---- */

/* Syntax only: splits a line (no trailing newline) into intent and slots. HUB_OK or
 * HUB_ERR_INVALID with the reason in err. */
int intent_line_parse(const char *line, struct intent_line *out, char *err, size_t errlen);
/* Against the schema: known intent, known slots in the fixed order, no repeats, the slot set is one
 * of the intent's combinations, closed values from their lists, numbers that numbers.c reads. */
int intent_line_validate(const struct intent_schema *s, const struct intent_line *l, char *err,
                         size_t errlen);
/* Writes the line in the fixed order (sorting the slots). HUB_OK or HUB_ERR_RANGE. */
int intent_line_format(const struct intent_line *l, char *buf, size_t len);
/* Adds a slot (no order needed; format sorts). HUB_OK, HUB_ERR_RANGE or HUB_ERR_INVALID. */
int intent_line_add(struct intent_line *l, const char *slot, const char *value);
const char *intent_line_get(const struct intent_line *l, const char *slot);
uint32_t intent_line_mask(const struct intent_line *l);
/* The rule slots of a line (bits of intent_rule_slot_order); 0 for an ordinary command. */
uint32_t intent_line_rule_mask(const struct intent_line *l);
/* The line without its rule slots (the rule's action). */
void intent_line_action(const struct intent_line *l, struct intent_line *action);

#endif
