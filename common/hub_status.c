/* hub_status.c: names for enum hub_status, and the assertion that stops with file and line. */
#include "hub_status.h"
#include <stdio.h>
#include <stdlib.h>

const char *hub_strerror(int status)
{
    switch (status) {
    case HUB_OK: return "ok";
    case HUB_ERR_INVALID: return "invalid argument or input";
    case HUB_ERR_NOMEM: return "out of memory";
    case HUB_ERR_NOT_FOUND: return "not found";
    case HUB_ERR_UNSUPPORTED: return "not supported";
    case HUB_ERR_IO: return "I/O error";
    case HUB_ERR_PROTOCOL: return "protocol error";
    case HUB_ERR_UNAVAILABLE: return "unavailable";
    case HUB_ERR_EXISTS: return "already exists";
    case HUB_ERR_RANGE: return "out of range";
    case HUB_ERR_CONFIG: return "configuration error";
    case HUB_ERR_VERSION: return "version mismatch";
    case HUB_ERR_BUSY: return "busy";
    case HUB_ERR_TIMEOUT: return "timed out";
    }
    return "unknown status";
}

void hub_assert_fail(const char *expr, const char *file, int line)
{
    fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, expr);
    abort();
}
