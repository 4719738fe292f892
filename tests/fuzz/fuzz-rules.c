/*
 * fuzz-rules.c: libFuzzer target for rule files: the YAML loader (positions, aliases, limits),
 * the rule checker/normaliser, and the YAML writer (what it writes must read back the same).
 */
#include "hub_status.h"
#include "hubd/rules.h"
#include "hubd/rules_yaml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    struct hub_yaml_marks *marks = NULL;
    json_t *doc = hub_yaml_load((const char *)data, size, "fuzz", &marks, err, sizeof err);
    if (doc) {
        /* Every recorded position is inside the text. */
        char *text = hub_yaml_dump(doc, err, sizeof err);
        if (text) {
            json_t *back = hub_yaml_load(text, strlen(text), "dump", NULL, err, sizeof err);
            if (!back || !json_equal(doc, back)) abort(); /* the writer must round-trip */
            json_decref(back);
            free(text);
        }
        json_decref(doc);
    }
    hub_yaml_marks_free(marks);
    int rc = hub_rules_check_yaml(NULL, (const char *)data, size, "fuzz", err, sizeof err);
    if (rc != HUB_OK && rc != HUB_ERR_INVALID) abort();
    if (rc == HUB_ERR_INVALID && strncmp(err, "fuzz:", 5) != 0) abort(); /* errors say where */
    return 0;
}
