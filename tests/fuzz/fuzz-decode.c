/* fuzz-decode.c: libFuzzer target for the constrained decoder's automaton (engine/decode.c) and
 * the resolver (engine/resolve.c). Input: fixture JSON, 0x01, utterance, 0x01, line bytes.
 * Invariants: a line the automaton accepts to its end parses, validates against the schema and
 * has every span in the utterance or the registry; the resolver answers every valid line with
 * an object; the trie mask (the vocabulary of the reference model ds2-lite-q8_0 under
 * $HUB_REFERENCE_DIR/models) only offers tokens the automaton accepts. */
#include "engine/decode.h"
#include "engine/gguf.h"
#include "engine/intent_line.h"
#include "engine/resolve.h"
#include "engine/tokenizer.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef HUB_SCHEMA_PATH
#define HUB_SCHEMA_PATH "data/schema.json"
#endif
#include <stdio.h>

#ifndef HUB_REFERENCE_DEFAULT
#define HUB_REFERENCE_DEFAULT "../shared/reference"
#endif

static struct intent_schema *schema;
static struct decode_grammar *grammar;
static struct tok_vocab *vocab;
static struct decode_vocab *dvocab;
static int32_t *ids;

static void setup(void)
{
    char err[256];
    if (intent_schema_load(HUB_SCHEMA_PATH, &schema, err, sizeof err)) abort();
    if (!(grammar = decode_grammar_new(schema, err, sizeof err))) abort();
    char path[4096];
    const char *ref = getenv("HUB_REFERENCE_DIR");
    snprintf(path, sizeof path, "%s/models/ds2-lite-q8_0.gguf", ref ? ref : HUB_REFERENCE_DEFAULT);
    struct gguf_file *f = gguf_open(path, err, sizeof err);
    if (!f || !(vocab = tok_load(f, err, sizeof err))) {
        fprintf(stderr, "fuzz-decode: %s\n", err);
        abort();
    }
    gguf_close(f);
    if (!(dvocab = decode_vocab_new(vocab, err, sizeof err))) abort();
    ids = malloc((size_t)tok_n_vocab(vocab) * sizeof *ids);
    if (!ids) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    if (!schema) setup();
    const uint8_t *a = memchr(data, 1, size);
    const uint8_t *b = a ? memchr(a + 1, 1, size - (size_t)(a + 1 - data)) : NULL;
    if (!b) return 0;
    size_t nfx = (size_t)(a - data), nu = (size_t)(b - a - 1), nl = size - (size_t)(b + 1 - data);
    char *utt = malloc(nu + 1), *line = malloc(nl + 1);
    if (!utt || !line) abort();
    memcpy(utt, a + 1, nu);
    utt[nu] = 0;
    memcpy(line, b + 1, nl);
    line[nl] = 0;
    json_t *fx = json_loadb((const char *)data, nfx, 0, NULL);
    struct resolve_registry *r = fx ? resolve_registry_new(fx, err, sizeof err) : NULL;
    json_decref(fx);
    const struct decode_words *names[3] = {NULL, NULL, NULL};
    for (int i = 0; r && i < 3; i++) names[i] = resolve_registry_words(r, i);
    struct decode_state st;
    if (decode_state_init(&st, grammar, utt, names) == 0) {
        st.exact_case = nfx & 1; /* both span modes */
        size_t i = 0;
        while (i < nl && decode_feed(&st, line + i, 1)) i++;
        if (decode_can_end(&st)) {
            struct intent_line l;
            if (intent_line_parse(st.line, &l, err, sizeof err) ||
                intent_line_validate(schema, &l, err, sizeof err))
                abort(); /* the automaton let through a line the schema refuses */
            if (r) {
                json_t *ans = resolve_line(r, schema, &l, utt, utt);
                if (!ans || !json_is_object(ans)) abort();
                json_decref(ans);
            }
        }
        int n = decode_allowed(dvocab, &st, ids);
        for (int k = 0; k < n && k < 64; k++) {
            struct decode_state tmp = st;
            if (!decode_accept(dvocab, &tmp, ids[k])) abort(); /* mask offered a refused token */
        }
        decode_state_free(&st);
    }
    if (r) {
        (void)resolve_entity(r, utt, NULL, NULL, NULL, NULL);
        (void)resolve_area(r, utt);
        (void)resolve_floor(r, utt);
    }
    char key[256];
    resolve_key(utt, key, sizeof key);
    resolve_registry_free(r);
    free(utt);
    free(line);
    return 0;
}
