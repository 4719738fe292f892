# hubd/: the daemon (hubd/hubd) and its command-line client (hubd/hubctl).
# hubd/libhubcore.a holds everything but main, so tests link the same code the daemon runs.
HUBD_PKG_CFLAGS = $(MOSQUITTO_CFLAGS) $(UV_CFLAGS) $(JANSSON_CFLAGS) $(SQLITE_CFLAGS) \
	$(LWS_CFLAGS) $(CRYPTO_CFLAGS)
HUBD_PKG_LIBS = $(MOSQUITTO_LIBS) $(UV_LIBS) $(JANSSON_LIBS) $(SQLITE_LIBS) $(LWS_LIBS) \
	$(CRYPTO_LIBS)

noinst_LIBRARIES += hubd/libhubcore.a
hubd_libhubcore_a_SOURCES = hubd/conf.c hubd/conf.h hubd/map.c hubd/map.h \
	hubd/registry.c hubd/registry.h hubd/state.c hubd/state.h hubd/mqtt.c hubd/mqtt.h \
	hubd/plugins.c hubd/plugins.h hubd/broker.c hubd/broker.h hubd/hub.h \
	hubd/token.c hubd/token.h hubd/web.c hubd/web.h
# The dashboard's files: the build's web/root when it is there, else the installed copy.
hubd_libhubcore_a_CPPFLAGS = $(AM_CPPFLAGS) $(HUBD_PKG_CFLAGS) \
	-DHUB_WEB_BUILD_ROOT='"$(abs_top_builddir)/web/root"' \
	-DHUB_WEB_INSTALLED_ROOT='"$(pkgdatadir)/web"'
HUBD_CORE_LIBS = hubd/libhubcore.a hubd/libhubstore.a common/libhubcommon.a $(HUBD_PKG_LIBS)

bin_PROGRAMS += hubd/hubd
hubd_hubd_SOURCES = hubd/hubd.c
# --demo reads hub-sim's demo house (floors, areas, names) from the tree, else the installed copy.
hubd_hubd_CPPFLAGS = $(AM_CPPFLAGS) $(HUBD_PKG_CFLAGS) \
	-DHUB_SRC_HOUSE='"$(abs_top_srcdir)/data/houses/demo.json"' \
	-DHUB_INSTALLED_HOUSE='"$(pkgdatadir)/houses/demo.json"'
hubd_hubd_LDADD = $(HUBD_CORE_LIBS)

bin_PROGRAMS += hubd/hubctl
hubd_hubctl_SOURCES = hubd/hubctl.c
hubd_hubctl_CPPFLAGS = $(AM_CPPFLAGS) $(HUBD_PKG_CFLAGS)
hubd_hubctl_LDADD = $(HUBD_CORE_LIBS)

# Test plugins for the loader test: one source, one check-only module per kind (KIND in the source).
TESTPLUG_LDFLAGS = -module -avoid-version -shared -rpath /nowhere
check_LTLIBRARIES += tests/plugins/tp_good.la
tests_plugins_tp_good_la_SOURCES = tests/plugins/testplug.c
tests_plugins_tp_good_la_CPPFLAGS = $(AM_CPPFLAGS) -DTESTPLUG_KIND=0
tests_plugins_tp_good_la_LDFLAGS = $(TESTPLUG_LDFLAGS)
check_LTLIBRARIES += tests/plugins/tp_bad_abi.la
tests_plugins_tp_bad_abi_la_SOURCES = tests/plugins/testplug.c
tests_plugins_tp_bad_abi_la_CPPFLAGS = $(AM_CPPFLAGS) -DTESTPLUG_KIND=1
tests_plugins_tp_bad_abi_la_LDFLAGS = $(TESTPLUG_LDFLAGS)
check_LTLIBRARIES += tests/plugins/tp_no_version.la
tests_plugins_tp_no_version_la_SOURCES = tests/plugins/testplug.c
tests_plugins_tp_no_version_la_CPPFLAGS = $(AM_CPPFLAGS) -DTESTPLUG_KIND=2
tests_plugins_tp_no_version_la_LDFLAGS = $(TESTPLUG_LDFLAGS)
check_LTLIBRARIES += tests/plugins/tp_small_struct.la
tests_plugins_tp_small_struct_la_SOURCES = tests/plugins/testplug.c
tests_plugins_tp_small_struct_la_CPPFLAGS = $(AM_CPPFLAGS) -DTESTPLUG_KIND=3
tests_plugins_tp_small_struct_la_LDFLAGS = $(TESTPLUG_LDFLAGS)
check_LTLIBRARIES += tests/plugins/tp_no_name.la
tests_plugins_tp_no_name_la_SOURCES = tests/plugins/testplug.c
tests_plugins_tp_no_name_la_CPPFLAGS = $(AM_CPPFLAGS) -DTESTPLUG_KIND=4
tests_plugins_tp_no_name_la_LDFLAGS = $(TESTPLUG_LDFLAGS)
check_LTLIBRARIES += tests/plugins/tp_no_execute.la
tests_plugins_tp_no_execute_la_SOURCES = tests/plugins/testplug.c
tests_plugins_tp_no_execute_la_CPPFLAGS = $(AM_CPPFLAGS) -DTESTPLUG_KIND=5
tests_plugins_tp_no_execute_la_LDFLAGS = $(TESTPLUG_LDFLAGS)
check_LTLIBRARIES += tests/plugins/tp_init_fails.la
tests_plugins_tp_init_fails_la_SOURCES = tests/plugins/testplug.c
tests_plugins_tp_init_fails_la_CPPFLAGS = $(AM_CPPFLAGS) -DTESTPLUG_KIND=6
tests_plugins_tp_init_fails_la_LDFLAGS = $(TESTPLUG_LDFLAGS)
check_LTLIBRARIES += tests/plugins/tp_unresolved.la
tests_plugins_tp_unresolved_la_SOURCES = tests/plugins/testplug.c
tests_plugins_tp_unresolved_la_CPPFLAGS = $(AM_CPPFLAGS) -DTESTPLUG_KIND=7
tests_plugins_tp_unresolved_la_LDFLAGS = $(TESTPLUG_LDFLAGS)
check_LTLIBRARIES += tests/plugins/tp_no_entry.la
tests_plugins_tp_no_entry_la_SOURCES = tests/plugins/testplug.c
tests_plugins_tp_no_entry_la_CPPFLAGS = $(AM_CPPFLAGS) -DTESTPLUG_KIND=8
tests_plugins_tp_no_entry_la_LDFLAGS = $(TESTPLUG_LDFLAGS)
TESTPLUG_MODULES = tests/plugins/tp_good.la tests/plugins/tp_bad_abi.la tests/plugins/tp_no_version.la tests/plugins/tp_small_struct.la tests/plugins/tp_no_name.la tests/plugins/tp_no_execute.la tests/plugins/tp_init_fails.la tests/plugins/tp_unresolved.la tests/plugins/tp_no_entry.la

check_PROGRAMS += tests/test-plugin-loader
tests_test_plugin_loader_SOURCES = tests/test-plugin-loader.c
tests_test_plugin_loader_CPPFLAGS = $(AM_CPPFLAGS) $(HUBD_PKG_CFLAGS)
tests_test_plugin_loader_LDADD = $(HUBD_CORE_LIBS)
EXTRA_tests_test_plugin_loader_DEPENDENCIES = $(TESTPLUG_MODULES)
HUB_TESTS += tests/test-plugin-loader

check_PROGRAMS += tests/test-config
tests_test_config_SOURCES = tests/test-config.c
tests_test_config_CPPFLAGS = $(AM_CPPFLAGS) $(HUBD_PKG_CFLAGS)
tests_test_config_LDADD = $(HUBD_CORE_LIBS)
HUB_TESTS += tests/test-config

# Fuzz target of the config parser (built with clang + libFuzzer + ASan/UBSan when configure found it).
FUZZ_CONFIG_SRC = $(top_srcdir)/tests/fuzz/fuzz-config.c $(top_srcdir)/hubd/conf.c \
	$(top_srcdir)/common/hub_log.c $(top_srcdir)/common/hub_status.c
if HAVE_FUZZ_CC
check_SCRIPTS += tests/fuzz/fuzz-config
tests/fuzz/fuzz-config: $(FUZZ_CONFIG_SRC) $(top_srcdir)/hubd/conf.h
	@mkdir -p tests/fuzz
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_CONFIG_SRC)
endif
CLEANFILES += tests/fuzz/fuzz-config
HUB_TESTS += tests/test-fuzz-config.sh
EXTRA_DIST += tests/test-fuzz-config.sh tests/fuzz/fuzz-config.c tests/fuzz/seeds/config

# End to end: hubd + plugins + hub-sim + hubctl on a real broker.
HUB_TESTS += tests/test-hubd.sh
EXTRA_DIST += tests/test-hubd.sh

# Broker restarted 20 times while commands flow: reconnects, no QoS 1 command lost.
check_PROGRAMS += tests/hubd-callgen
tests_hubd_callgen_SOURCES = tests/hubd-callgen.c
tests_hubd_callgen_CPPFLAGS = $(AM_CPPFLAGS) $(MOSQUITTO_CFLAGS) $(JANSSON_CFLAGS)
tests_hubd_callgen_LDADD = hubd/libhubcore.a common/libhubcommon.a $(MOSQUITTO_LIBS) $(JANSSON_LIBS)
HUB_TESTS += tests/test-hubd-reconnect.sh
EXTRA_DIST += tests/test-hubd-reconnect.sh

# tools/demo.sh brings the demo up and takes everything down again.
HUB_TESTS += tests/test-hubd-demo.sh
EXTRA_DIST += tests/test-hubd-demo.sh
EXTRA_DIST += hubd/CONFIG.md

# tests/test-hubd-kill9.sh (kill -9 during ingest) is registered by hubd/store.mk.

# MQTT username/password and TLS (own CA, client certificate) against a real mosquitto.
HUB_TESTS += tests/test-hubd-tls.sh
EXTRA_DIST += tests/test-hubd-tls.sh

check_PROGRAMS += tests/test-hubd-mqtt
tests_test_hubd_mqtt_SOURCES = tests/test-hubd-mqtt.c
tests_test_hubd_mqtt_CPPFLAGS = $(AM_CPPFLAGS) $(HUBD_PKG_CFLAGS)
tests_test_hubd_mqtt_LDADD = $(HUBD_CORE_LIBS)
HUB_TESTS += tests/test-hubd-mqtt

check_PROGRAMS += tests/test-hubd-registry
tests_test_hubd_registry_SOURCES = tests/test-hubd-registry.c
tests_test_hubd_registry_CPPFLAGS = $(AM_CPPFLAGS) $(HUBD_PKG_CFLAGS)
tests_test_hubd_registry_LDADD = $(HUBD_CORE_LIBS)
HUB_TESTS += tests/test-hubd-registry

# The sanitizer run of ./quickstart check (ASan + UBSan build of the whole tree, out of tree).
EXTRA_DIST += tests/sanitize.sh

# Regressions from running hub-sim against hubd and the plugins (names, ids, vacuum actions,
# rgb_color on the command line, Tasmota state query, real precision, fanspd_lst).
HUB_TESTS += tests/test-issue2-sim.sh
EXTRA_DIST += tests/test-issue2-sim.sh
