/* test-common.c: status names and log-level parsing of common/. */
#include "hub_log.h"
#include "hub_status.h"
#include <stdio.h>
#include <string.h>

#include "tests/hub-check.h"

int main(void)
{
    CHECK(strcmp(hub_strerror(HUB_OK), "ok") == 0);
    CHECK(strcmp(hub_strerror(HUB_ERR_NOT_FOUND), "not found") == 0);
    CHECK(strcmp(hub_strerror(12345), "unknown status") == 0);
    for (int s = HUB_ERR_TIMEOUT; s <= HUB_OK; s++) CHECK(strcmp(hub_strerror(s), "unknown status") != 0);
    CHECK(hub_log_level_from_name("DEBUG") == HUB_LOG_DEBUG);
    CHECK(hub_log_level_from_name("warn") == HUB_LOG_WARN);
    CHECK(hub_log_level_from_name("loud") == -1);
    hub_log_set_level(HUB_LOG_ERROR);
    CHECK(hub_log_get_level() == HUB_LOG_ERROR);
    return failures ? 1 : 0;
}
