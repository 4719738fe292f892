/* fuzz-intent-line.c: libFuzzer target for what the model writes and the normalizer reads: the
 * intent line parser and validator (engine/intent_line.c) and the number/duration parsers
 * (engine/numbers.c). A line that parses must format back and parse to the same slots. */
#include "engine/intent_line.h"
#include "engine/numbers.h"
#include "hub_status.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef HUB_SCHEMA_PATH
#define HUB_SCHEMA_PATH "data/schema.json"
#endif

static struct intent_schema *schema;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256], buf[INTENT_LINE_MAX + 16];
    if (!schema && intent_schema_load(HUB_SCHEMA_PATH, &schema, err, sizeof err)) abort();
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = 0;
    struct intent_line l, again;
    if (intent_line_parse(s, &l, err, sizeof err) == HUB_OK) {
        (void)intent_line_validate(schema, &l, err, sizeof err);
        if (intent_line_format(&l, buf, sizeof buf) == HUB_OK) {
            if (intent_line_parse(buf, &again, err, sizeof err) != HUB_OK) abort();
            if (strcmp(again.intent, l.intent) || again.n_slots != l.n_slots) abort();
        }
    }
    double v;
    struct num_duration d;
    (void)num_parse(s, &v);
    (void)num_parse_duration(s, &d);
    /* first byte picks a slot, the rest is the span */
    if (size > 0) {
        const char *slot = intent_slot_order[data[0] % INTENT_SLOT_KINDS];
        (void)num_parse_slot(slot, s + 1, &v);
    }
    free(s);
    return 0;
}
