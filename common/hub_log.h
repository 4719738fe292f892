/* hub_log.h: leveled logging to stderr with a timestamp and a subsystem tag. Thread-safe. */
#ifndef HUB_LOG_H
#define HUB_LOG_H
#include <hub/plugin.h>
#include <stdarg.h>

/* Lines above this level are dropped. Default HUB_LOG_INFO. */
void hub_log_set_level(int level);
int hub_log_get_level(void);
/* "error", "warn", "info", "debug" -> level, or -1. */
int hub_log_level_from_name(const char *name);

void hub_log(int level, const char *tag, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void hub_logv(int level, const char *tag, const char *fmt, va_list ap);

#define hub_error(tag, ...) hub_log(HUB_LOG_ERROR, tag, __VA_ARGS__)
#define hub_warn(tag, ...) hub_log(HUB_LOG_WARN, tag, __VA_ARGS__)
#define hub_info(tag, ...) hub_log(HUB_LOG_INFO, tag, __VA_ARGS__)
#define hub_debug(tag, ...) hub_log(HUB_LOG_DEBUG, tag, __VA_ARGS__)

#endif
