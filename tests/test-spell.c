/*
 * test-spell.c: typed typos mended (engine/spell.c). The corpus generator's three kinds of typo
 * are mended to the most frequent word of a word file; the first letter's case is kept; known
 * words, short words, words a digit or an apostrophe touches, the house's names and Chinese
 * stay; a text that would not fit is copied as typed; bad word files are refused with the line.
 * The shipped data/words/en-vocab.txt loads and mends the typos it is there for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/decode.h"
#include "engine/spell.h"
#include "tests/hub-check.h"

static char dir[] = "/tmp/test-spell-XXXXXX";

static void check_fix(const struct spell *s, const struct decode_words *keep, const char *in,
                      const char *want, int want_n)
{
    char out[256];
    const struct decode_words *k[1] = {keep};
    int n = spell_fix(s, in, k, keep ? 1 : 0, out, sizeof out);
    CHECK(!strcmp(out, want) && n == want_n, "'%s' -> '%s' (%d mended), want '%s' (%d)", in,
          out, n, want, want_n);
}

static void check_refused(const char *name, const char *body, const char *why)
{
    char err[256] = "";
    struct spell *s = spell_load(hub_test_write(dir, name, body), err, sizeof err);
    CHECK(!s && strstr(err, why), "%s: loaded %p, err '%s', want one naming '%s'", name,
          (void *)s, err, why);
    spell_free(s);
}

int main(void)
{
    char err[256];
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    const char *words = "announcement 300\n"
                        "down 300\n"
                        "left 200\n"
                        "let 400\n"
                        "lisst 3\n"
                        "list 800\n"
                        "pause 300\n"
                        "please 900\n"
                        "time 500\n"
                        "timer 1000\n";
    struct spell *s = spell_load(hub_test_write(dir, "words.txt", words), err, sizeof err);
    CHECK(s && spell_count(s) == 10, "load: %s", s ? "count" : err);
    if (!s) return 1;

    /* the generator's typos: a dropped, a doubled and a swapped inner letter */
    check_fix(s, NULL, "pause the tmer", "pause the timer", 1);
    check_fix(s, NULL, "pasue it", "pause it", 1);
    check_fix(s, NULL, "tick it off the shopping lisst", "tick it off the shopping list", 1);
    check_fix(s, NULL, "Pleease, make an anonuncement", "Please, make an announcement", 2);
    /* a swap, not a dropped last letter (let): the generator never drops it */
    check_fix(s, NULL, "any lights letf on?", "any lights left on?", 1);
    check_fix(s, NULL, "jot dwon eggs", "jot down eggs", 1);
    /* the case as typed: capitals stay capitals, and the first letter stays */
    check_fix(s, NULL, "TMER", "TIMER", 1);
    /* must not change: known words (time is no typo of timer), short words, first-letter
     * typos, words touched by a digit or an apostrophe, Chinese, nothing near */
    check_fix(s, NULL, "what time is it", "what time is it", 0);
    check_fix(s, NULL, "lst", "lst", 0);
    check_fix(s, NULL, "itmer", "itmer", 0);
    check_fix(s, NULL, "tmer5 5tmer tmer's", "tmer5 5tmer tmer's", 0);
    check_fix(s, NULL, "把灯关掉 tmer", "把灯关掉 timer", 1);
    check_fix(s, NULL, "bluey", "bluey", 0);
    check_fix(s, NULL, "", "", 0);
    /* the house's own names stay */
    struct decode_words keep;
    const char *names[] = {"tmer lamp", "kitchen"};
    CHECK(decode_words_init(&keep, names, 2) == 0);
    check_fix(s, &keep, "turn on the tmer lamp", "turn on the tmer lamp", 0);
    decode_words_free(&keep);
    /* a word the corpus lacks, one typo from a word of the house's names: that word (a letter
     * written for another only in a long word); two such words of the house: a guess, left */
    const char *house[] = {"bunkhouse", "rec room projector", "wine cellar", "cellars",
                           "battle room", "bottle shelf"};
    CHECK(decode_words_init(&keep, house, 6) == 0);
    check_fix(s, &keep, "lights on in the bunkhosue", "lights on in the bunkhouse", 1);
    check_fix(s, &keep, "mute the projecter", "mute the projector", 1);
    check_fix(s, &keep, "mute the Projetor", "mute the Projector", 1);
    check_fix(s, &keep, "wine celar", "wine cellar", 1);
    check_fix(s, &keep, "the wime", "the wime", 0);
    check_fix(s, &keep, "the cellasr", "the cellars", 1);
    check_fix(s, &keep, "the cellar's", "the cellar's", 0);
    check_fix(s, &keep, "the cellarr", "the cellarr", 0);
    check_fix(s, &keep, "the bittle", "the bittle", 0);
    decode_words_free(&keep);
    /* no room for the mended text: the text as typed, cut to the buffer */
    char small[12];
    int n = spell_fix(s, "pause the tmer", NULL, 0, small, sizeof small);
    CHECK(n == 0 && !strcmp(small, "pause the t"), "small buffer: '%s' (%d)", small, n);
    spell_free(s);

    /* bad word files: refused with the line */
    check_refused("upper.txt", "timer 5\nTimer 3\n", ":2:");
    check_refused("zero.txt", "timer 0\n", ":1:");
    check_refused("junk.txt", "timer 5 x\n", ":1:");
    check_refused("digit.txt", "tim3r 5\n", ":1:");
    check_refused("long.txt", "abcdefghijklmnopqrstuvwxyzabcdefg 5\n", ":1:");
    check_refused("huge.txt", "timer 99999999999999\n", ":1:");
    check_refused("empty.txt", "", "no words");
    char nowhere[300];
    snprintf(nowhere, sizeof nowhere, "%s/none.txt", dir);
    s = spell_load(nowhere, err, sizeof err);
    CHECK(!s && strstr(err, "none.txt"), "missing file: '%s'", err);

    /* the shipped words mend the typos they are there for */
    const char *srcdir = getenv("top_srcdir");
    char path[1024], out[256];
    snprintf(path, sizeof path, "%s/data/words/en-vocab.txt", srcdir ? srcdir : ".");
    s = spell_load(path, err, sizeof err);
    CHECK(s && spell_count(s) > 1000, "shipped words: %s", s ? "too few" : err);
    if (s) {
        spell_fix(s, "pasue the movie and remvoe eggs from the shopping lisst", NULL, 0, out,
                  sizeof out);
        CHECK(!strcmp(out, "pause the movie and remove eggs from the shopping list"), "'%s'",
              out);
    }
    spell_free(s);

    const char *files[] = {"words.txt", "upper.txt", "zero.txt", "junk.txt", "digit.txt",
                           "long.txt", "huge.txt", "empty.txt"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    if (failures) {
        fprintf(stderr, "%d failures\n", failures);
        return 1;
    }
    printf("ok\n");
    return 0;
}
