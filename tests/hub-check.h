/*
 * hub-check.h: what the C tests share: CHECK, the count of failures that main turns into the
 * exit status, and where the reference data lives (hub_test_refdir).
 *
 * CHECK(cond) or CHECK(cond, fmt, ...): when cond is false, counts one in `failures` and prints
 * "file:line: FAIL: cond: message" to stderr. A test may count a failure itself (failures++)
 * and ends with `return failures ? 1 : 0;`. Before including this file a test may define
 *   HUB_CHECK_PRINT_MAX N  print only the first N failures (the rest are still counted): tests
 *                          that check every line of a corpus or every element of a product can
 *                          fail thousands of times over one bug;
 *   HUB_CHECK_VERBOSE 1    also print "ok: message" (or "ok: cond") for each check that holds,
 *                          for tests whose log is the list of what was checked.
 * The message arguments are evaluated only when the line is printed.
 */
#ifndef HUB_CHECK_H
#define HUB_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#ifndef HUB_CHECK_PRINT_MAX
#define HUB_CHECK_PRINT_MAX 0 /* no limit */
#endif
#ifndef HUB_CHECK_VERBOSE
#define HUB_CHECK_VERBOSE 0
#endif

static int failures;

/* Counts the outcome of one check and starts its line; the stream to finish the line on
 * (message and newline), or NULL when nothing is to be printed. */
static inline FILE *hub_check_begin(int ok, const char *file, int line, const char *cond,
                                    int has_msg)
{
    if (ok) {
        if (!HUB_CHECK_VERBOSE) return NULL;
        fputs("ok: ", stdout);
        if (!has_msg) fputs(cond, stdout);
        return stdout;
    }
    failures++;
    if (HUB_CHECK_PRINT_MAX > 0 && failures > HUB_CHECK_PRINT_MAX) {
        if (failures == HUB_CHECK_PRINT_MAX + 1)
            fprintf(stderr, "%s:%d: more failures: counted, not printed\n", file, line);
        return NULL;
    }
    fflush(stdout); /* a log of both streams keeps the order in which things happened */
    fprintf(stderr, "%s:%d: FAIL: %s%s", file, line, cond, has_msg ? ": " : "");
    return stderr;
}

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        FILE *hub_check_out_ =                                                                     \
            hub_check_begin(!!(cond), __FILE__, __LINE__, #cond, 0 __VA_OPT__(+1));                \
        if (hub_check_out_) {                                                                      \
            __VA_OPT__(fprintf(hub_check_out_, __VA_ARGS__);)                                      \
            fputc('\n', hub_check_out_);                                                           \
        }                                                                                          \
    } while (0)

/* The reference data (models, tokenizer ids; shared/reference/README.md): $HUB_REFERENCE_DIR,
 * which make check passes from configure --with-reference, else configure's own default,
 * ../shared/reference beside the source tree ($top_srcdir, else the current folder). */
static inline const char *hub_test_refdir(void)
{
    static char buf[1024];
    const char *d = getenv("HUB_REFERENCE_DIR");
    if (d && *d) return d;
    const char *top = getenv("top_srcdir");
    snprintf(buf, sizeof buf, "%s/../shared/reference", top && *top ? top : ".");
    return buf;
}

/* body written to dir/name, for a test's own files: the path (a static buffer, good until the
 * next call). Exits when the file cannot be written. */
static inline const char *hub_test_write(const char *dir, const char *name, const char *body)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f || fputs(body, f) < 0 || fclose(f)) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
    return path;
}

#endif
