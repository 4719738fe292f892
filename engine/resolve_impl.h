/*
 * resolve_impl.h: what the resolver's files share (engine/resolve.c: keys, registry, matching,
 * the answer; resolve_ground.c: names, areas and floors grounded in the utterance;
 * resolve_said.c: the other corrections from what was said): the registry's records, the
 * utterance as matching units, a few helpers, and the steps resolve_line runs. Internal: not
 * installed, included only by engine/resolve*.c. Each function's full comment is at its
 * definition.
 */
#ifndef ENGINE_RESOLVE_IMPL_H
#define ENGINE_RESOLVE_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/intent_line.h"
#include "engine/resolve.h"

#define RESOLVE_KEY_MAX 256
#define RESOLVE_CP_MAX 64

struct resolve_item {
    char *name;   /* canonical */
    char *domain; /* entities */
    char *device_class; /* entities: attributes.device_class */
    bool named_de; /* entities: a name or alias with 的 in it (客厅的窗帘 is what it is called) */
    char *area;   /* entities: their area; areas: their floor */
    int n_keys;
    char **keys;  /* resolve_key of the name and every alias */
};

struct resolve_registry {
    int n_ent, n_area, n_floor;
    struct resolve_item *ent, *area, *floor;
    struct decode_words words[3];
};

/* ---- resolve.c: keys and matching ---- */

/* resolve_key's rule for one word of *wl bytes, in place: articles dropped, plural -> singular. */
void key_word(char *w, size_t *wl);
bool starts(const char *s, const char *p);
/* The digit of a Chinese number said before 号 at p (一号, 两号), or -1: keys and units say it
 * as the digit. */
int zh_number_digit(const char *p);
/* The code points of s (each unique per UTF-8 sequence, for comparing) into cp; -1 past cap. */
int utf8_cps(const char *s, uint32_t *cp, int cap);
/* Whether s is one of the NULL-terminated list l. */
bool in_list(const char *const *l, const char *s);

/* What ranks equal matches of an entity (ent_penalty: 0 fits best). */
struct ent_pref {
    const char *area, *floor, *context_area;
    const char *const *domains;
};
int ent_penalty(const struct resolve_registry *r, const struct resolve_item *e, const void *vctx);
/* Whether the house has an entity of the domain (device class, area when given). */
bool house_has_kind(const struct resolve_registry *r, const char *domain,
                    const char *device_class, const char *area);
/* The entity whose canonical name is name, or NULL. */
const struct resolve_item *entity_named(const struct resolve_registry *r, const char *name);
/* The floor an area is on (its canonical name), or NULL. */
const char *area_floor(const struct resolve_registry *r, const char *area);
/* The entity the line's name slot resolves to (the span as written), or NULL. */
const struct resolve_item *line_entity(const struct resolve_registry *r,
                                       const struct intent_line *l);

/* ---- resolve_ground.c: the utterance as units ---- */

#define GROUND_UNITS 160

/* The utterance as matching units: English words in key form (resolve_key's word rule: lower
 * case, no apostrophes, singular, articles dropped) and single Chinese characters (so that a
 * name key made of several units is a whole-word match in English and a substring in Chinese).
 * 的 is dropped as resolve_key drops it. */
struct ground_units {
    int n;
    int off[GROUND_UNITS]; /* unit i is buf + off[i] */
    bool de[GROUND_UNITS]; /* unit i follows a 的 */
    bool after_de;         /* while reading: the next unit follows a 的 */
    char buf[INTENT_LINE_MAX * 2];
    size_t used;
};

void ground_units_of(const char *text, struct ground_units *u);
/* The one entity of the domain the utterance names (ground_mention), or NULL: none, or two
 * said alike. */
const struct resolve_item *said_entity_of(const struct resolve_registry *r, const char *utt,
                                          const char *domain);
/* Marks in blocked[] the units the line's free-text slots cover. */
void units_block_text(const struct ground_units *u, const struct intent_line *l,
                      bool *blocked);
/* The longest stretch of units [*ms, *me) that spells an eligible entity's name, not blocked;
 * the entities it spells marked in cand. */
bool ground_mention(const struct resolve_registry *r, const struct ground_units *u,
                    const bool *blocked, const bool *eligible, bool *cand, int *ms, int *me);
/* Copies l into out with the slot's value replaced; false when the line has no such slot. */
bool line_with(const struct intent_line *l, const char *slot, const char *value,
               struct intent_line *out);
/* Copies l into out without the slots whose bits are in drop. */
bool line_without(const struct intent_line *l, uint32_t drop, struct intent_line *out);

/* ---- resolve_said.c ---- */

/* Does the utterance hold one of the words (ASCII ones whole, case-insensitive)? */
bool says_any(const char *utt, const char *const *words);

/* ---- the steps of resolve_line, in its order ----
 * A step that mends the line writes the new line to *out and returns true; false: it stays. */

/* resolve_ground.c: a vacuum's or mower's action heard for the other kind, or turn-on said of
 * one, becomes the named entity's own (HassVacuumStart of a mower -> HassLawnMowerStartMowing);
 * a line without a name is judged by the vacuum or mower the utterance names */
bool twin_intent_line(const struct resolve_registry *r, const struct intent_schema *schema,
                      const struct intent_def *d, const struct intent_line *l,
                      const char *utterance, struct intent_line *out);
/* resolve_ground.c: a clean of no room, no "here" said, a vacuum named: that vacuum started */
bool clean_unplaced_line(const struct resolve_registry *r, const struct intent_schema *schema,
                         const struct intent_line *l, const char *utterance,
                         struct intent_line *out);
/* resolve_ground.c: a media player said by a word of its name only, the line naming none */
bool player_word_line(const struct resolve_registry *r, const struct intent_def *d,
                      const struct intent_line *l, const char *utterance,
                      struct intent_line *out);
/* resolve_ground.c: "set <device> to N" heard as another kind's setter: the named device's */
bool setter_twin_line(const struct resolve_registry *r, const struct intent_schema *schema,
                      const struct intent_def *d, const struct intent_line *l,
                      struct intent_line *out);
/* resolve_ground.c: a list's item that is the house's vacuum, mower or person, no list said:
 * started, or asked after */
bool robot_item_line(const struct resolve_registry *r, const struct intent_line *l,
                     const char *utterance, struct intent_line *out);
/* resolve_ground.c: a name of a domain no combination with the line's slots takes, dropped */
bool misfit_name_line(const struct resolve_registry *r, const struct intent_def *d,
                      const struct intent_line *l, struct intent_line *out);
/* resolve_said.c: a timer's duration made whole; its start said after "timer of"; a timer's
 * name that is a room; its name said around the word timer; time added to one, not a start;
 * the command to run at its end, to the end of its phrase */
bool durations_line(const struct intent_line *l, const char *utt, struct intent_line *out);
/* resolve_said.c: a pause heard where the speaker undoes one ("unpause"), the unpause */
bool unpause_said_line(const struct intent_schema *schema, const struct intent_line *l,
                       const char *utt, struct intent_line *out);
/* resolve_said.c: a number copied short of its numeral (四 of 四千), the whole numeral */
bool number_whole_line(const struct intent_line *l, const char *utt, struct intent_line *out);
bool timer_start_line(const struct intent_schema *schema, const struct intent_def *d,
                      const struct intent_line *l, const char *utt, struct intent_line *out);
bool timer_area_line(const struct resolve_registry *r, const struct intent_def *d,
                     const struct intent_line *l, struct intent_line *out);
bool timer_name_line(const struct resolve_registry *r, const struct intent_def *d,
                     const struct intent_line *l, const char *utt, struct intent_line *out);
bool query_end_line(const struct resolve_registry *r, const struct intent_line *l,
                    const char *utt, struct intent_line *out);
bool title_played_line(const struct resolve_registry *r, const struct intent_schema *schema,
                       const struct intent_line *l, const char *utt, struct intent_line *out);
bool timer_verb_line(const struct intent_schema *schema, const struct intent_line *l,
                     const char *utt, struct intent_line *out);
bool timer_length_line(const struct intent_def *d, const struct intent_line *l, const char *utt,
                       struct intent_line *out);
bool timer_add_line(const struct intent_schema *schema, const struct intent_line *l,
                    const char *utt, struct intent_line *out);
bool command_end_line(const struct intent_line *l, const char *utt, struct intent_line *out);
/* resolve_said.c: a device command said with a wait before it (半小时后把电热毯关掉): the timer
 * that runs it */
bool delayed_command_line(const struct intent_schema *schema, const struct intent_line *l,
                          const char *utt, struct intent_line *out);
/* resolve_ground.c: name=<area>的<kind word> as area + domain (+ device_class) */
bool de_kind_line(const struct resolve_registry *r, const struct intent_def *d,
                  const struct intent_line *l, struct intent_line *out);
/* resolve_ground.c: the class of cover a Chinese kind word says, over the line's */
bool said_class_line(const struct intent_line *l, const char *utterance, struct intent_line *out);
/* resolve_ground.c: name=<kind> said as many (吸顶灯们, 所有的灯) as domain (+ device_class) */
bool kind_name_line(const struct resolve_registry *r, const struct intent_def *d,
                    const struct intent_line *l, const char *utterance, struct intent_line *out);
/* resolve_said.c: the list said, and the act its verbs ask */
bool list_named_line(const struct resolve_registry *r, const struct intent_line *l,
                     const char *utterance, struct intent_line *out);
/* resolve_said.c: a media query copied from the player or room: the words after the verb; a
 * query that is the class word ("the album"): the title after it; a Chinese query from before
 * the verb of playing: what follows the verb */
bool query_place_line(const struct resolve_registry *r, const struct intent_line *l,
                      const char *utt, struct intent_line *out);
/* resolve_said.c: a query that is no title, said with a player's control: that control */
bool media_verb_line(const struct resolve_registry *r, const struct intent_schema *schema,
                     const struct intent_line *l, const char *utt, struct intent_line *out);
bool query_class_line(const struct intent_def *d, const struct intent_line *l, const char *utt,
                      struct intent_line *out);
bool query_verb_zh_line(const struct intent_line *l, const char *utt, struct intent_line *out);
/* resolve_said.c: the time or the date by the words said; neither said: no intent */
bool clock_said_line(const struct intent_line *l, const char *utt, struct intent_line *out);
/* resolve_said.c: a service the hub does not give asked for (a call, a message, a booking,
 * the news, the time of another place: null); a broadcast with no word of announcing or its
 * hearers (null); a slotless temperature question that says no word of warmth (null) */
bool service_asked(const struct intent_line *l, const char *utt);
/* resolve_said.c: a request that opens with a broadcast ("broadcast ...", 发个广播，...): the
 * broadcast of what follows, whatever the model heard */
bool broadcast_led_line(const struct intent_line *l, const char *utt, struct intent_line *out);
bool broadcast_unsaid(const struct intent_line *l, const char *utt);
/* resolve_said.c: a robot's intent with no robot named and nothing of its work said, a Chinese
 * request to play with no word of playing (null) */
bool robot_unsaid(const struct intent_line *l, const char *utt);
bool media_unsaid(const struct intent_line *l, const char *utt);
bool temperature_unsaid(const struct intent_line *l, const char *utt);
/* resolve_said.c: the volume's way by the words said (声音太小了: up); a player turned up or
 * down is its volume; a step that is a number with no way said is the level */
bool volume_way_line(const struct intent_line *l, const char *utt, struct intent_line *out);
bool player_way_line(const struct resolve_registry *r, const struct intent_schema *schema,
                     const struct intent_line *l, const char *utt, struct intent_line *out);
bool volume_level_line(const struct intent_schema *schema, const struct intent_line *l,
                       const char *utt, struct intent_line *out);
/* resolve_said.c: "i can't hear the music" heard as unmuting, playing or a broadcast: louder */
bool quiet_said_line(const struct intent_schema *schema, const struct intent_line *l,
                     const char *utt, struct intent_line *out);
/* resolve_said.c: "paint the moon lamp in lime" heard as something else: the light's colour */
bool color_said_line(const struct resolve_registry *r, const struct intent_schema *schema,
                     const struct intent_line *l, const char *utt, struct intent_line *out);
/* resolve_said.c: "make sure X is off" heard as a question of its state: the order */
bool make_sure_line(const struct resolve_registry *r, const struct intent_schema *schema,
                    const struct intent_line *l, const char *utt, struct intent_line *out);
/* resolve_said.c: a thermostat's state asked with no state: its temperature */
bool climate_state_line(const struct resolve_registry *r, const struct intent_schema *schema,
                        const struct intent_line *l, struct intent_line *out);
/* resolve_said.c: a cover's level heard as a volume (the utterance names a cover, no player) */
bool cover_level_line(const struct resolve_registry *r, const struct intent_line *l,
                      const char *utt, struct intent_line *out);
/* resolve_said.c: a timer's pause or resume with no timer said is the media's; 清空 cancels all */
bool timer_said_line(const struct resolve_registry *r, const struct intent_line *l,
                     const char *utt, struct intent_line *out);
/* resolve_said.c: an item without the first characters of the Chinese list verb after it; an
 * English item that took a verb, the words said after the verb */
bool item_verb_line(const struct intent_line *l, const char *utt, struct intent_line *out);
bool item_said_line(const struct intent_line *l, const char *utt, struct intent_line *out);
bool item_whole_line(const struct intent_line *l, const char *utt, struct intent_line *out);
/* resolve_said.c: a Chinese item copied from the list's name: the thing said after it */
bool item_after_list_zh(const struct intent_line *l, const char *utt, struct intent_line *out);
/* resolve_said.c: an item copied from the list's name, the sentence led by the thing itself */
bool item_leading_line(const struct intent_line *l, const char *utt, struct intent_line *out);
/* resolve_said.c: a broadcast's message made to run from its audience words to the end */
bool message_line(const struct intent_line *l, const char *utt, struct intent_line *out);
bool list_verb_line(const struct resolve_registry *r, const struct intent_line *l,
                    const char *utt, struct intent_line *out);
/* resolve_said.c: an item added to or ticked off the shopping list by its name: its intents */
bool shopping_named_line(const struct resolve_registry *r, const struct intent_line *l,
                         struct intent_line *out);
/* resolve_said.c: domain=light nobody spoke of (then the kind_mask slots go) */
bool light_unsaid(const struct intent_line *l, const char *utt);
uint32_t kind_mask(void);
/* resolve_ground.c: spans mended; a place span that names nothing; names said; a room said */
bool repair_line(const struct resolve_registry *r, const struct intent_def *d,
                 const struct intent_line *l, const char *utterance,
                 const char *context_area, struct intent_line *out);
bool place_lost_line(const struct resolve_registry *r, const struct intent_def *d,
                     const struct intent_line *l, const char *utterance,
                     struct intent_line *out);
bool ground_line(const struct resolve_registry *r, const struct intent_def *d,
                 const struct intent_line *l, const char *utterance, const char *avoid,
                 struct intent_line *out);
bool unsaid_name_line(const struct resolve_registry *r, const struct intent_def *d,
                      const struct intent_line *l, const char *utterance,
                      struct intent_line *out);
bool name_lost_line(const struct resolve_registry *r, const struct intent_def *d,
                    const struct intent_line *l, const char *utterance,
                    const char *context_area, struct intent_line *out);
bool place_said_line(const struct resolve_registry *r, const struct intent_def *d,
                     const struct intent_line *l, const char *utterance,
                     struct intent_line *out);
/* resolve_said.c: the lock's way, the colour and mute or on/off as said */
bool device_said_line(const struct resolve_registry *r, const struct intent_schema *schema,
                      const struct intent_line *l, const char *utt, struct intent_line *out);
bool lock_direction_line(const struct resolve_registry *r, const struct intent_line *l,
                         const char *utterance, struct intent_line *out);
bool color_line(const struct intent_schema *schema, const struct intent_line *l,
                const char *utterance, struct intent_line *out);
bool mute_line(const struct intent_line *l, const char *utt, struct intent_line *out);
/* resolve_said.c: a media class only where the speaker names one */
bool media_class_line(const struct intent_def *d, const struct intent_line *l, const char *utt,
                      struct intent_line *out);
/* resolve_ground.c: a room said to need a clean, or a vacuum sent to clean it, heard as the
 * vacuum started: that room cleaned */
bool clean_said_line(const struct resolve_registry *r, const struct intent_schema *schema,
                     const struct intent_line *l, const char *utt, struct intent_line *out);
/* resolve_said.c: a person of the house asked after with a verb of finding: where they are */
bool person_sought_line(const struct resolve_registry *r, const struct intent_line *l,
                        const char *utterance, struct intent_line *out);
/* resolve_ground.c: a kind asked by an owner the house does not know (the answer is null) */
bool owner_unknown(const struct resolve_registry *r, const struct intent_line *l,
                   const char *utterance);

#endif
