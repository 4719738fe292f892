/* hub_status.h: the status enum (defined in hub/plugin.h, shared with plugins) and its names. */
#ifndef HUB_STATUS_H
#define HUB_STATUS_H
#include <hub/plugin.h>

/* A short English description of a status code; never NULL. */
const char *hub_strerror(int status);

/* Stop with file and line when an invariant is broken (not for recoverable errors). */
#define HUB_ASSERT(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) hub_assert_fail(#cond, __FILE__, __LINE__);                           \
    } while (0)
_Noreturn void hub_assert_fail(const char *expr, const char *file, int line);

#endif
