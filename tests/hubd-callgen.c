/*
 * hubd-callgen.c: test client for tests/test-hubd-reconnect.sh. Sends N hub/call requests
 * (QoS 1, each with its own id, once each) at a steady rate over a persistent session that
 * reconnects by itself, and collects hub/call/result answers until every id is answered or the
 * timeout passes. Exit 0 only when no call was lost.
 *   hubd-callgen --mqtt HOST:PORT --entity ID [--count N] [--interval-ms MS] [--timeout S]
 *                [--retry-ms MS]
 * --retry-ms: a call still unanswered after MS is sent again with the same id, as a careful
 * client does: a broker without persistence that restarts forgets its sessions, so a call
 * published before hubd has subscribed again, or an answer published before this client has,
 * is dropped by the broker although every QoS 1 handshake succeeded. hubd answers a repeated id
 * from its memory of recent calls without running it twice.
 */
#include "hub_status.h"
#include "hubd/conf.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <mosquitto.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char *answered;
static int64_t *sent_at; /* ms, monotonic: when each call was last published */
static int n_calls, n_answered, n_ok, n_dup, n_connects;
static bool connected;

static void on_connect(struct mosquitto *mosq, void *ud, int rc)
{
    if (rc) return;
    pthread_mutex_lock(&lock);
    n_connects++;
    connected = true;
    pthread_mutex_unlock(&lock);
    mosquitto_subscribe(mosq, NULL, "hub/call/result", 1);
}

static void on_disconnect(struct mosquitto *mosq, void *ud, int rc)
{
    pthread_mutex_lock(&lock);
    connected = false;
    pthread_mutex_unlock(&lock);
}

static void on_message(struct mosquitto *mosq, void *ud, const struct mosquitto_message *m)
{
    json_t *j = json_loadb(m->payload, m->payloadlen > 0 ? (size_t)m->payloadlen : 0, 0, NULL);
    const char *id = json_string_value(json_object_get(j, "id"));
    int n;
    char tail;
    if (id && sscanf(id, "cg-%d%c", &n, &tail) == 1 && n >= 0 && n < n_calls) {
        pthread_mutex_lock(&lock);
        if (answered[n]) n_dup++;
        else {
            answered[n] = 1;
            n_answered++;
            if (json_is_true(json_object_get(j, "ok"))) n_ok++;
        }
        pthread_mutex_unlock(&lock);
    }
    json_decref(j);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Publish call i (QoS 1). The library queues a QoS 1 message even without a connection; an
 * error other than "no connection" means it refused it, so it was never sent: try again. */
static int publish_call(struct mosquitto *mosq, const char *entity, int i)
{
    char payload[256];
    int rc, retries = 0;
    snprintf(payload, sizeof payload,
             "{\"id\":\"cg-%d\",\"entity\":\"%s\",\"action\":\"%s\",\"args\":{}}", i, entity,
             i % 2 ? "turn_off" : "turn_on");
    while ((rc = mosquitto_publish(mosq, NULL, "hub/call", (int)strlen(payload), payload, 1,
                                   false)) != MOSQ_ERR_SUCCESS &&
           rc != MOSQ_ERR_NO_CONN) {
        retries++;
        struct timespec ts = {0, 50 * 1000000L};
        nanosleep(&ts, NULL);
    }
    sent_at[i] = now_ms();
    return retries;
}

/* Send again calls sent up to `upto` that are unanswered after retry_ms, while connected (the
 * library keeps what it could not send yet), at most 50 at a time (no storm after a restart). */
static int resend_unanswered(struct mosquitto *mosq, const char *entity, int upto, int retry_ms)
{
    int n = 0;
    int64_t now = now_ms();
    for (int i = 0; i < upto && n < 50; i++) {
        pthread_mutex_lock(&lock);
        bool due = connected && !answered[i] && now - sent_at[i] >= retry_ms;
        pthread_mutex_unlock(&lock);
        if (due) {
            publish_call(mosq, entity, i);
            n++;
        }
    }
    return n;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {{"mqtt", required_argument, NULL, 'm'},
                                         {"entity", required_argument, NULL, 'e'},
                                         {"count", required_argument, NULL, 'n'},
                                         {"interval-ms", required_argument, NULL, 'i'},
                                         {"timeout", required_argument, NULL, 't'},
                                         {"retry-ms", required_argument, NULL, 'r'},
                                         {NULL, 0, NULL, 0}};
    const char *mqtt = "127.0.0.1:1883", *entity = NULL;
    int interval = 20, timeout_s = 60, retry_ms = 0, o;
    n_calls = 200;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case 'm': mqtt = optarg; break;
        case 'e': entity = optarg; break;
        case 'n': n_calls = atoi(optarg); break;
        case 'i': interval = atoi(optarg); break;
        case 't': timeout_s = atoi(optarg); break;
        case 'r': retry_ms = atoi(optarg); break;
        default: return 2;
        }
    }
    if (!entity || n_calls <= 0 || n_calls > 1000000 || interval < 0 || retry_ms < 0) {
        fprintf(stderr, "usage: hubd-callgen --mqtt HOST:PORT --entity ID [--count N] "
                        "[--interval-ms MS] [--timeout S] [--retry-ms MS]\n");
        return 2;
    }
    char *host = NULL, err[256];
    int port;
    if (hub_config_parse_hostport(mqtt, 1883, &host, &port, err, sizeof err)) {
        fprintf(stderr, "callgen: %s\n", err);
        return 2;
    }
    answered = calloc((size_t)n_calls, 1);
    sent_at = calloc((size_t)n_calls, sizeof *sent_at);
    mosquitto_lib_init();
    char cid[64];
    snprintf(cid, sizeof cid, "hubd-callgen-%d", (int)getpid());
    struct mosquitto *mosq = mosquitto_new(cid, false, NULL); /* persistent session */
    if (!answered || !sent_at || !mosq) {
        fprintf(stderr, "callgen: mosquitto_new: %s\n", strerror(errno));
        return 1;
    }
    mosquitto_connect_callback_set(mosq, on_connect);
    mosquitto_message_callback_set(mosq, on_message);
    mosquitto_disconnect_callback_set(mosq, on_disconnect);
    mosquitto_reconnect_delay_set(mosq, 1, 1, false);
    mosquitto_max_inflight_messages_set(mosq, 0); /* no limit: nothing waits outside the session */
    int rc = mosquitto_connect(mosq, host, port, 10);
    if (rc) {
        fprintf(stderr, "callgen: connect %s: %s\n", mqtt, mosquitto_strerror(rc));
        return 1;
    }
    if ((rc = mosquitto_loop_start(mosq))) {
        fprintf(stderr, "callgen: loop_start: %s\n", mosquitto_strerror(rc));
        return 1;
    }
    int retries = 0, resent = 0;
    int64_t last_scan = now_ms();
    for (int i = 0; i < n_calls; i++) {
        retries += publish_call(mosq, entity, i);
        if (retry_ms && now_ms() - last_scan >= 100) {
            resent += resend_unanswered(mosq, entity, i, retry_ms);
            last_scan = now_ms();
        }
        sleep_ms(interval);
    }
    time_t deadline = time(NULL) + timeout_s;
    for (;;) {
        pthread_mutex_lock(&lock);
        int done = n_answered == n_calls;
        pthread_mutex_unlock(&lock);
        if (done || time(NULL) > deadline) break;
        if (retry_ms) resent += resend_unanswered(mosq, entity, n_calls, retry_ms);
        sleep_ms(100);
    }
    mosquitto_disconnect(mosq);
    mosquitto_loop_stop(mosq, false);
    pthread_mutex_lock(&lock);
    printf("callgen: sent %d calls, answered %d (%d ok), %d duplicate answers, %d connects, "
           "%d publish retries, %d calls sent again\n",
           n_calls, n_answered, n_ok, n_dup, n_connects, retries, resent);
    int missing = 0;
    for (int i = 0; i < n_calls; i++)
        if (!answered[i] && missing++ < 20) printf("callgen: no answer to cg-%d\n", i);
    pthread_mutex_unlock(&lock);
    mosquitto_destroy(mosq);
    mosquitto_lib_cleanup();
    free(answered);
    free(sent_at);
    free(host);
    return missing ? 1 : 0;
}
