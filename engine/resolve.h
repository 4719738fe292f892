/*
 * resolve.h: turns a decoded intent line (spans of the utterance) into INTENTS.md's answer:
 * names, areas and floors mapped to the registry's canonical names (case, articles, possessives,
 * plural/singular, Chinese measure words and 的, aliases, then a small edit distance), numbers
 * through engine/numbers.h, closed and free-text slots as written. A name, area or floor that
 * matches nothing in the house makes the whole answer null (the device is not in the house),
 * and so does a kind of device the house has none of: a domain said ("turn on the ceiling fan"
 * -> domain=fan), a cover's class said ("open the garage door" -> device_class=garage) or the
 * domain an intent acts on (vacuum, fan speed, climate; the temperature also from a temperature
 * sensor). Timer names are free text and stay as said.
 *
 * A registry is read-only once loaded and may be shared by threads.
 */
#ifndef ENGINE_RESOLVE_H
#define ENGINE_RESOLVE_H

#include <jansson.h>
#include <stddef.h>

#include "engine/decode.h"
#include "engine/intent_line.h"

struct resolve_registry;

/* From an INTENTS.md fixture object (floors, areas, entities; timers and media ignored).
 * NULL with the reason in err when a record is malformed. */
struct resolve_registry *resolve_registry_new(const json_t *fixture, char *err, size_t errlen);
/* The same from a file; err names the file. */
struct resolve_registry *resolve_registry_load(const char *path, char *err, size_t errlen);
void resolve_registry_free(struct resolve_registry *r);
/* The registry's names for the decoder: [0] entity names and aliases, [1] areas, [2] floors. */
const struct decode_words *resolve_registry_words(const struct resolve_registry *r, int which);

/* What the shopping list is called, in English and Chinese (NULL-terminated): hubd gives its own
 * shopping list these names, and the resolver keeps HassShoppingList* for them. */
extern const char *const resolve_shopping_list_words[];

/* Normalized matching key of a spoken name (exported for tests): lower case, no articles,
 * possessives or punctuation, singular words, no 的 or leading measure words, no spaces. */
void resolve_key(const char *in, char *out, size_t outlen);

/* The canonical entity / area / floor for a span, or NULL. area_hint (canonical area name or
 * NULL) and the intent's combination pick among equal matches. */
const char *resolve_entity(const struct resolve_registry *r, const char *span,
                           const char *area_hint, const char *floor_hint,
                           const char *context_area, const char *const *domains);
const char *resolve_area(const struct resolve_registry *r, const char *span);

/* The entity whose name or alias the utterance says around the span when the model copied only
 * part of it ("maker" of "turn on the coffee maker" -> Coffee Maker; "台灯" of 书房台灯): a
 * stretch of the utterance (whole words; Chinese: characters) that covers the span, or overlaps
 * at least half of it and reaches past it, and spells a longer name; a span that names nothing
 * also takes a name it starts inside and runs past ("fan at 60" of "victor's fan at 60") or holds
 * after a linking word ("cold on main floor"; never "desk lamp" for the Lamp). A span that is
 * already an entity's name takes only a longer name covering every place the span is said.
 * domains (may be NULL) limits the entities;
 * area_hint picks among equal names. NULL when the utterance says no such name (then resolve the
 * span as usual). For any slot that names an entity, e.g. a rule's trigger. */
const char *resolve_entity_said(const struct resolve_registry *r, const char *span,
                                const char *utterance, const char *area_hint,
                                const char *const *domains);
const char *resolve_floor(const struct resolve_registry *r, const char *span);

/* The domains of the house's entities whose name or alias the utterance says (whole words;
 * Chinese: two characters or more; not "<area>的<kind word>"), space-separated, each once, at
 * most RESOLVE_SAID_DOMAINS_MAX: the longest name said first, its words then taken ("the desk
 * lamp" is not also "the desk" where both are names). "vacuum" for "kick off sweepy" in a house
 * with the vacuum Sweepy, "" when no name is said or r is NULL. A model trained with the house
 * hint reads them after the utterance (intent_house_hint): it cannot know what a name is, the
 * house does. Returns how many were written (a buffer too short keeps whole domains only). */
#define RESOLVE_SAID_DOMAINS_MAX 4
int resolve_said_domains(const struct resolve_registry *r, const char *utterance, char *out,
                         size_t len);

/* The answer object {"intent": NAME|null, "slots": {...}} for a parsed line (a new reference;
 * NULL only when out of memory). schema may be NULL (then no domain preference for names).
 *
 * utterance (may be NULL: no grounding) grounds the line in the house first: the model never
 * sees the registry, so when the utterance says an entity's name or alias (whole words, longest
 * first; Chinese: a substring of two characters or more) and the line has no name, the name
 * replaces the area/floor + domain/device_class the name's words cover ("open the living room
 * blinds" -> the cover Living Room Blinds; of another kind than the model's when the model's area
 * is a word of the name and the house has nothing of that kind there: "open the garden tap" heard
 * as the Garden's blinds is the valve Garden Tap), or is added where the line had no target ("set
 * the thermostat to 22"), and a person said replaces domain=person ("is Sam home" -> Sam + home;
 * two people of that name are nobody). A state or temperature question that says a sensor's
 * (or binary sensor's) whole name or alias is HassGetState of that sensor ("what's the outdoor
 * temperature" -> Outdoor Temperature), the state asked kept. An area said apart from the name
 * stays when the schema has name + area. Only a slot set that is one of the intent's
 * combinations, with the entity's domain among the name domains of one of the combinations with
 * that slot set, is ever produced; otherwise the line stays as the model wrote it. Chinese
 * "<area>的<kind word>" (把客厅的窗帘拉开) names a room and a kind, not the entity those words
 * spell without the 的 (客厅窗帘), unless a name or alias of it has the 的: no grounding to it,
 * and a name span so written (name=客厅的窗帘) becomes area + domain (+ device_class).
 *
 * Before that, the utterance mends spans the model copied one word (or character) short or
 * shifted: a name span inside (or overlapping) a longer entity name said there becomes that
 * entity (resolve_entity_said), and an area or floor of the line whose words are part of that
 * name is dropped unless said apart from it; an area or floor span inside a longer area / floor
 * name said there ("室" of "卧室") becomes that place. A span that names something exactly
 * changes only for a longer name said around it; the slot set stays one of the intent's
 * combinations. An area or floor span that still names no place (area=50 for 让琴房风速转到百分之50)
 * takes the place the utterance says outside its free text and the device's name (a floor for
 * an area span or the reverse where the intent has that combination), unless that place is
 * only a word of the span ("bedroom" of "guest bedroom": a room the house lacks, null); with no
 * place said but "here" / 这里, the slot goes and the speaker's room applies.
 *
 * First of all, the entity named decides between the twin actions of a vacuum and a lawn mower
 * (HassVacuumStart of the house's mower is HassLawnMowerStartMowing, the returns likewise), and
 * HassTurnOn of a vacuum or mower starts it ("fire up the roomba"); turning one off stays null.
 *
 * A timer's duration (hours, minutes, seconds; start_* likewise) is made whole before the
 * grounding: a span the utterance carries on with a half or a unit ("an hour" of "an hour and a
 * half", "一个" of "一个半小时") is read with those words (num_duration_extend), and a fraction
 * (1.5 hours, 半小时) goes into the smaller units: hours 1 + minutes 30. Whole units stay as said
 * (90 minutes).
 *
 * Then what the speaker said decides over the model where the two disagree:
 * - a registry name the utterance does not say gives way to another entity's name it does
 *   (打开卧室窗帘 written as name=客厅窗帘); a name span that names nothing becomes the place it
 *   spells ("skip in the library" as name=library) or the entity said elsewhere ("run exhaust fan
 *   at twenty" as name=run), unless a word of place or company stands between the two ("the
 *   kettle next to the coffee maker": a device the house lacks, null);
 * - a room said but left out of the line is added where the intent takes it (卧室有多热), with a
 *   named device only the room the device is in; a timer's name that is a room is that room;
 * - the shopping list's intents with another list of the house said go to that list, and the
 *   corpus's verbs outside the item decide between adding, checking off and removing;
 * - lights nobody spoke of (domain=light with no word for a light in an on/off or state line)
 *   make way for a device said by name, or the answer is null;
 * - a media class stays only where a class word is said outside the query ("the album",
 *   "songs by", 电影; not 歌曲 of 流行歌曲);
 * - the one colour word said sets the colour; mute words turn on/off into mute, and on/off verbs
 *   with no word of sound turn mute into on/off;
 * - "<owner>的<kind word>" with an owner that is no room, floor or word for the whole house is a
 *   device the house lacks: null. */
json_t *resolve_line(const struct resolve_registry *r, const struct intent_schema *schema,
                     const struct intent_line *l, const char *utterance,
                     const char *context_area);

#endif
