# hubd/store.mk: the SQLite store (hubd/libhubstore.a), its tests and the ingest benchmark.
# A static library cannot carry its own link flags: programs linking hubd/libhubstore.a
# must also link $(SQLITE_LIBS) $(JANSSON_LIBS) (the store validates JSON with jansson).
noinst_LIBRARIES += hubd/libhubstore.a
hubd_libhubstore_a_SOURCES = hubd/store.c hubd/store.h
hubd_libhubstore_a_CPPFLAGS = $(AM_CPPFLAGS) $(SQLITE_CFLAGS) $(JANSSON_CFLAGS)

check_PROGRAMS += tests/test-store
tests_test_store_SOURCES = tests/test-store.c
tests_test_store_CPPFLAGS = $(AM_CPPFLAGS) $(SQLITE_CFLAGS)
tests_test_store_LDADD = hubd/libhubstore.a common/libhubcommon.a $(SQLITE_LIBS) $(JANSSON_LIBS)
HUB_TESTS += tests/test-store

# Crash safety: the writer/checker program and the script that SIGKILLs it 20 times.
check_PROGRAMS += tests/store-crash-writer
tests_store_crash_writer_SOURCES = tests/store-crash-writer.c
tests_store_crash_writer_CPPFLAGS = $(AM_CPPFLAGS) $(SQLITE_CFLAGS) $(JANSSON_CFLAGS)
tests_store_crash_writer_LDADD = hubd/libhubstore.a common/libhubcommon.a $(SQLITE_LIBS) $(JANSSON_LIBS)
HUB_TESTS += tests/test-store-crash.sh
EXTRA_DIST += tests/test-store-crash.sh

# tools/bench-ingest: sustained state messages/s through hubd with history on, beside the
# broker's loopback rate, and hubd's RSS with N entities (run it by hand: a benchmark).
noinst_PROGRAMS += tools/bench-ingest
tools_bench_ingest_SOURCES = tools/bench-ingest.c
tools_bench_ingest_CPPFLAGS = $(AM_CPPFLAGS) $(MOSQUITTO_CFLAGS) $(JANSSON_CFLAGS) $(SQLITE_CFLAGS)
tools_bench_ingest_LDADD = $(MOSQUITTO_LIBS) $(JANSSON_LIBS) $(SQLITE_LIBS)

# hubd under kill -9 during heavy ingest (needs hubd/hubd, the zigbee2mqtt plugin,
# tools/bench-ingest --publish-only as the load, and store-crash-writer inspect as the checker).
HUB_TESTS += tests/test-hubd-kill9.sh
EXTRA_DIST += tests/test-hubd-kill9.sh

# Schema migration under SIGKILL: schema 1 intact or fully migrated, never in between.
HUB_TESTS += tests/test-store-migrate-crash.sh
EXTRA_DIST += tests/test-store-migrate-crash.sh

# Randomized model test: 30000 mixed good/bad operations and transactions against a model.
check_PROGRAMS += tests/test-store-random
tests_test_store_random_SOURCES = tests/test-store-random.c
tests_test_store_random_LDADD = hubd/libhubstore.a common/libhubcommon.a $(SQLITE_LIBS) $(JANSSON_LIBS)
HUB_TESTS += tests/test-store-random
