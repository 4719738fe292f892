/*
 * web.h: hubd's HTTP server and websocket API (libwebsockets on hubd's own libuv loop, so
 * every callback runs on the state thread and touches the registry and states directly).
 *
 * HTTP: the dashboard's static files from the web root (pre-compressed .gz served to clients
 * that accept gzip, ETag + Cache-Control: no-cache, a strict Content-Security-Policy). The
 * websocket API at /api/websocket is described in hubd/CONFIG.md ("Websocket API").
 */
#ifndef HUB_WEB_H
#define HUB_WEB_H

#include <stdbool.h>
#include <stddef.h>

struct hub;
struct hub_web;

/* Largest websocket message a client may send (bytes); larger ones close the connection with
 * status 1009. */
#define HUB_WEB_MAX_MESSAGE 65536
/* Messages queued for one client; a client that falls this far behind is disconnected. */
#define HUB_WEB_MAX_QUEUE 4096

/* Start serving cfg.http_listen ([http] listen / --http) on h->loop; sets h->web. Nothing to do
 * (HUB_OK, h->web stays NULL) when no address is configured. err names the problem. */
int hub_web_start(struct hub *h, char *err, size_t errlen);
/* Close every connection and the listener (call from the loop; the loop then drains). */
void hub_web_stop(struct hub *h);
/* Free what is left once the loop has stopped. */
void hub_web_free(struct hub *h);

/* "ADDR:PORT" actually listened on, and the folder the files come from. */
const char *hub_web_address(const struct hub_web *w);
const char *hub_web_root(const struct hub_web *w);
/* Websocket clients connected now (authenticated or not). */
size_t hub_web_clients(const struct hub_web *w);

/* Tests and fuzzing: a web module with no server (nothing listens; hub_web_free frees it), and
 * one client message run through the API as a connection with no socket, authenticated or
 * not. Answers are counted (*answers, may be NULL) and dropped. */
struct hub_web *hub_web_new_detached(struct hub *h);
void hub_web_feed(struct hub_web *w, const char *msg, size_t len, bool authed, int *answers);

#endif
