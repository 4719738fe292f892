/*
 * broker.h: the mosquitto that hubd starts for itself when no [mqtt] host is configured
 * (and in --demo): loopback only, a generated config in a private temporary folder, stopped
 * when hubd stops, and told to die with hubd (PR_SET_PDEATHSIG) should hubd be killed.
 */
#ifndef HUB_BROKER_H
#define HUB_BROKER_H

#include <stdbool.h>
#include <sys/types.h>

struct hub_broker {
    pid_t pid;
    int port;
    char dir[64]; /* temporary folder with mosquitto.conf */
};

/* Find the mosquitto binary: `configured` if given, else PATH, else /usr/sbin. Returns a
 * malloc'd path or NULL. */
char *hub_broker_find(const char *configured);

/* Start on 127.0.0.1: `port` > 0 to ask for that port, 0 for a free one (prefer_port is tried
 * first when it is free, e.g. 1883 in the demo). Waits until the broker accepts connections.
 * HUB_OK or an error with the reason in err. */
int hub_broker_start(struct hub_broker *b, const char *binary, int port, int prefer_port,
                     char *err, size_t errlen);
/* SIGTERM, wait (SIGKILL after 3 s), remove the temporary folder. Safe to call twice. */
void hub_broker_stop(struct hub_broker *b);

/* A TCP port on 127.0.0.1 that is free right now (0 on failure). */
int hub_broker_free_port(void);
bool hub_broker_port_free(int port);

#endif
