/*
 * test-phrases.c: rarer phrasings rewritten before the model reads an utterance (engine/
 * phrases.c). English phrases match whole words in any case and keep a leading capital;
 * Chinese ones match anywhere; the longest phrase wins; the house's names stay; free text is
 * mapped back to the words said; a text that would not fit is copied as said; bad phrase
 * files are refused with the line. The shipped files load, and rewrite what they are for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/decode.h"
#include "engine/phrases.h"
#include "tests/hub-check.h"

static char dir[] = "/tmp/test-phrases-XXXXXX";

static void check_rewrite(const struct phrases *p, const struct decode_words *keep,
                          const char *in, const char *want, int want_n)
{
    char out[256];
    const struct decode_words *k[1] = {keep};
    int n = phrases_rewrite(p, in, k, keep ? 1 : 0, out, sizeof out, NULL);
    CHECK(!strcmp(out, want) && n == want_n, "'%s' -> '%s' (%d), want '%s' (%d)", in, out, n,
          want, want_n);
}

/* value, a span of in's rewrite, mapped back to what was said (NULL: it is not mapped) */
static void check_said(const struct phrases *p, const char *in, const char *value,
                       const char *want)
{
    char out[256], buf[256] = "";
    struct phrase_map m;
    phrases_rewrite(p, in, NULL, 0, out, sizeof out, &m);
    bool mapped = phrases_said(&m, in, out, value, buf, sizeof buf);
    CHECK(want ? mapped && !strcmp(buf, want) : !mapped, "'%s' -> '%s': '%s' -> %s '%s', "
          "want %s", in, out, value, mapped ? "mapped" : "kept", buf, want ? want : "kept");
}

static void check_refused(const char *name, const char *body, const char *why)
{
    char err[256] = "";
    struct phrases *p = phrases_load(hub_test_write(dir, name, body), err, sizeof err);
    CHECK(!p && strstr(err, why), "%s: loaded %p, err '%s', want one naming '%s'", name,
          (void *)p, err, why);
    phrases_free(p);
}

int main(void)
{
    char err[256];
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    const char *en = "# English\n"
                     "\n"
                     "power down\tturn off\n"
                     "power down the whole\tturn off all the\n"
                     "disable\tturn off\n"
                     "stream\tplay\n";
    struct phrases *p = phrases_load(hub_test_write(dir, "en.txt", en), err, sizeof err);
    CHECK(p && phrases_count(p) == 4, "load: %s", p ? "count" : err);
    if (!p) return 1;
    /* whole words, any case, a leading capital kept; the longest phrase at a place wins */
    check_rewrite(p, NULL, "power down the fan", "turn off the fan", 1);
    check_rewrite(p, NULL, "Disable the porch light", "Turn off the porch light", 1);
    check_rewrite(p, NULL, "please POWER DOWN the fan", "please turn off the fan", 1);
    check_rewrite(p, NULL, "power down the whole house", "turn off all the house", 1);
    check_rewrite(p, NULL, "stream jazz, then disable the fan", "play jazz, then turn off the fan",
                  2);
    /* must not change: a phrase inside a word, beside an apostrophe, Chinese, the house's name */
    check_rewrite(p, NULL, "streamline the list", "streamline the list", 0);
    check_rewrite(p, NULL, "disabled", "disabled", 0);
    check_rewrite(p, NULL, "stream's end", "stream's end", 0);
    check_rewrite(p, NULL, "把灯关掉", "把灯关掉", 0);
    check_rewrite(p, NULL, "", "", 0);
    struct decode_words keep;
    const char *names[] = {"stream deck", "kitchen"};
    CHECK(decode_words_init(&keep, names, 2) == 0);
    check_rewrite(p, &keep, "turn on the Stream Deck", "turn on the Stream Deck", 0);
    check_rewrite(p, &keep, "disable the stream deck", "turn off the stream deck", 1);
    decode_words_free(&keep);
    /* free text back to the words said: a span over a rewrite, or cut inside one; a span that
     * touches none, or is not in the text, is kept */
    check_said(p, "tell everyone to disable the alarm", "to turn off the alarm",
               "to disable the alarm");
    check_said(p, "tell everyone to disable the alarm", "off the alarm", "disable the alarm");
    check_said(p, "Stream jazz and disable the fan", "turn off the fan", "disable the fan");
    check_said(p, "stream jazz and disable the fan", "jazz", NULL);
    check_said(p, "stream jazz", "blues", NULL);
    /* no room for the rewritten text: the text as said, cut to the buffer */
    char small[10];
    struct phrase_map m;
    int n = phrases_rewrite(p, "disable it", NULL, 0, small, sizeof small, &m);
    CHECK(n == 0 && m.n == 0 && !strcmp(small, "disable i"), "small buffer: '%s' (%d)", small,
          n);
    phrases_free(p);

    /* Chinese: anywhere, the longest first */
    p = phrases_load(hub_test_write(dir, "zh.txt", "启用\t打开\n停用\t关掉\n停用一下\t关掉\n"
                                           "锁打开\t解锁\n"), err, sizeof err);
    CHECK(p && phrases_count(p) == 4, "load zh: %s", p ? "count" : err);
    if (p) {
        check_rewrite(p, NULL, "启用客厅的风扇", "打开客厅的风扇", 1);
        check_rewrite(p, NULL, "帮我停用一下空调", "帮我关掉空调", 1);
        check_rewrite(p, NULL, "把侧门锁打开", "把侧门解锁", 1);
        check_said(p, "广播一下，先停用热水器", "先关掉热水器", "先停用热水器");
        /* a phrase that runs into a name said is left: 入户门锁 stays whole */
        const char *zh_names[] = {"入户门锁"};
        CHECK(decode_words_init(&keep, zh_names, 1) == 0);
        check_rewrite(p, &keep, "把入户门锁打开", "把入户门锁打开", 0);
        decode_words_free(&keep);
    }
    phrases_free(p);

    /* bad phrase files: refused with the line */
    check_refused("notab.txt", "power down turn off\n", ":1:");
    check_refused("twotabs.txt", "stream\tplay\tmusic\n", ":1:");
    check_refused("upper.txt", "stream\tplay\nDisable\tturn off\n", ":2:");
    check_refused("empty-side.txt", "stream\t\n", ":1:");
    check_refused("control.txt", "启用\t打\x01开\n", ":1:");
    check_refused("bad-utf8.txt", "\xe5\x90\t打开\n", ":1:");
    check_refused("long.txt", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklm"
                  "\tplay\n", ":1:");
    check_refused("empty.txt", "# nothing\n", "no phrases");
    char nowhere[300];
    snprintf(nowhere, sizeof nowhere, "%s/none.txt", dir);
    p = phrases_load(nowhere, err, sizeof err);
    CHECK(!p && strstr(err, "none.txt"), "missing file: '%s'", err);

    /* the shipped files load and rewrite what they are for */
    const char *srcdir = getenv("top_srcdir");
    char path[1024], out[256];
    snprintf(path, sizeof path, "%s/data/words/en-phrases.txt", srcdir ? srcdir : ".");
    p = phrases_load(path, err, sizeof err);
    CHECK(p && phrases_count(p) >= 20, "shipped en: %s", p ? "too few" : err);
    if (p) {
        phrases_rewrite(p, "disable the porch light", NULL, 0, out, sizeof out, NULL);
        CHECK(!strcmp(out, "turn off the porch light"), "'%s'", out);
    }
    phrases_free(p);
    snprintf(path, sizeof path, "%s/data/words/zh-CN-phrases.txt", srcdir ? srcdir : ".");
    p = phrases_load(path, err, sizeof err);
    CHECK(p && phrases_count(p) >= 20, "shipped zh-CN: %s", p ? "too few" : err);
    if (p) {
        phrases_rewrite(p, "停用客厅的风扇", NULL, 0, out, sizeof out, NULL);
        CHECK(strcmp(out, "停用客厅的风扇") != 0, "'%s'", out);
    }
    phrases_free(p);

    const char *files[] = {"en.txt", "zh.txt", "notab.txt", "twotabs.txt", "upper.txt",
                           "empty-side.txt", "control.txt", "bad-utf8.txt", "long.txt",
                           "empty.txt"};
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
