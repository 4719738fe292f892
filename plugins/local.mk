# plugins/: the device plugins, each a libtool module that hubd dlopens (see include/hub/plugin.h),
# sharing plugins/common (JSON, colour, slugs, arguments) through a convenience library.

# The plugin ABI, the only header a plugin includes: shipped and installed (plugins built
# outside the tree include <hub/plugin.h>).
hubincludedir = $(includedir)/hub
hubinclude_HEADERS = include/hub/plugin.h

noinst_LTLIBRARIES += plugins/libplugcommon.la
plugins_libplugcommon_la_SOURCES = plugins/common/plugcommon.c plugins/common/plugcommon.h
plugins_libplugcommon_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden $(JANSSON_CFLAGS)

PLUGIN_LDFLAGS = -module -avoid-version -shared -no-undefined

pkglib_LTLIBRARIES += plugins/zigbee2mqtt.la
plugins_zigbee2mqtt_la_SOURCES = plugins/zigbee2mqtt/zigbee2mqtt.c
plugins_zigbee2mqtt_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden $(JANSSON_CFLAGS)
plugins_zigbee2mqtt_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_zigbee2mqtt_la_LIBADD = plugins/libplugcommon.la $(JANSSON_LIBS) -lm

pkglib_LTLIBRARIES += plugins/tasmota.la
plugins_tasmota_la_SOURCES = plugins/tasmota/tasmota.c
plugins_tasmota_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden $(JANSSON_CFLAGS)
plugins_tasmota_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_tasmota_la_LIBADD = plugins/libplugcommon.la $(JANSSON_LIBS) -lm

pkglib_LTLIBRARIES += plugins/ha_discovery.la
plugins_ha_discovery_la_SOURCES = plugins/ha_discovery/ha_discovery.c \
	plugins/ha_discovery/hadisc_config.c plugins/ha_discovery/hadisc.h
plugins_ha_discovery_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden $(JANSSON_CFLAGS)
plugins_ha_discovery_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_ha_discovery_la_LIBADD = plugins/libplugcommon.la $(JANSSON_LIBS) -lm

# Unit tests: each dlopens the built plugin with the recording host of plugins/tests/plugtest.c.
PLUGTEST_SOURCES = plugins/tests/plugtest.c plugins/tests/plugtest.h
EXTRA_DIST += tests/data/plugins

check_PROGRAMS += tests/test-plugin-z2m
tests_test_plugin_z2m_SOURCES = tests/test-plugin-z2m.c $(PLUGTEST_SOURCES)
tests_test_plugin_z2m_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_test_plugin_z2m_LDADD = $(JANSSON_LIBS)
EXTRA_tests_test_plugin_z2m_DEPENDENCIES = plugins/zigbee2mqtt.la
HUB_TESTS += tests/test-plugin-z2m

check_PROGRAMS += tests/test-plugin-tasmota
tests_test_plugin_tasmota_SOURCES = tests/test-plugin-tasmota.c $(PLUGTEST_SOURCES)
tests_test_plugin_tasmota_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_test_plugin_tasmota_LDADD = $(JANSSON_LIBS)
EXTRA_tests_test_plugin_tasmota_DEPENDENCIES = plugins/tasmota.la
HUB_TESTS += tests/test-plugin-tasmota

check_PROGRAMS += tests/test-plugin-hadisc
tests_test_plugin_hadisc_SOURCES = tests/test-plugin-hadisc.c $(PLUGTEST_SOURCES)
tests_test_plugin_hadisc_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_test_plugin_hadisc_LDADD = $(JANSSON_LIBS)
EXTRA_tests_test_plugin_hadisc_DEPENDENCIES = plugins/ha_discovery.la
HUB_TESTS += tests/test-plugin-hadisc

# libFuzzer targets: each plugin's sources built together with plugins/tests/fuzzhost.h.
FUZZ_PLUG_CFLAGS = $(FUZZ_CFLAGS) $(JANSSON_CFLAGS) \
	-DFUZZ_DATA_DIR='"$(abs_top_srcdir)/tests/data/plugins"'
FUZZ_PLUG_DEPS = $(top_srcdir)/plugins/tests/fuzzhost.h $(top_srcdir)/plugins/common/plugcommon.c \
	$(top_srcdir)/plugins/common/plugcommon.h
if HAVE_FUZZ_CC
check_SCRIPTS += tests/fuzz/fuzz-z2m tests/fuzz/fuzz-tasmota tests/fuzz/fuzz-hadisc
tests/fuzz/fuzz-z2m: $(top_srcdir)/tests/fuzz/fuzz-z2m.c $(top_srcdir)/plugins/zigbee2mqtt/zigbee2mqtt.c $(FUZZ_PLUG_DEPS)
	@mkdir -p tests/fuzz
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_PLUG_CFLAGS) -o $@ $(top_srcdir)/tests/fuzz/fuzz-z2m.c \
	  $(top_srcdir)/plugins/zigbee2mqtt/zigbee2mqtt.c $(top_srcdir)/plugins/common/plugcommon.c \
	  $(JANSSON_LIBS) -lm
tests/fuzz/fuzz-tasmota: $(top_srcdir)/tests/fuzz/fuzz-tasmota.c $(top_srcdir)/plugins/tasmota/tasmota.c $(FUZZ_PLUG_DEPS)
	@mkdir -p tests/fuzz
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_PLUG_CFLAGS) -o $@ $(top_srcdir)/tests/fuzz/fuzz-tasmota.c \
	  $(top_srcdir)/plugins/tasmota/tasmota.c $(top_srcdir)/plugins/common/plugcommon.c \
	  $(JANSSON_LIBS) -lm
tests/fuzz/fuzz-hadisc: $(top_srcdir)/tests/fuzz/fuzz-hadisc.c $(top_srcdir)/plugins/ha_discovery/ha_discovery.c \
	$(top_srcdir)/plugins/ha_discovery/hadisc_config.c $(top_srcdir)/plugins/ha_discovery/hadisc.h $(FUZZ_PLUG_DEPS)
	@mkdir -p tests/fuzz
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_PLUG_CFLAGS) -o $@ $(top_srcdir)/tests/fuzz/fuzz-hadisc.c \
	  $(top_srcdir)/plugins/ha_discovery/ha_discovery.c $(top_srcdir)/plugins/ha_discovery/hadisc_config.c \
	  $(top_srcdir)/plugins/common/plugcommon.c $(JANSSON_LIBS) -lm
endif
CLEANFILES += tests/fuzz/fuzz-z2m tests/fuzz/fuzz-tasmota tests/fuzz/fuzz-hadisc
HUB_TESTS += tests/test-fuzz-z2m.sh tests/test-fuzz-tasmota.sh tests/test-fuzz-hadisc.sh
EXTRA_DIST += tests/test-fuzz-z2m.sh tests/test-fuzz-tasmota.sh tests/test-fuzz-hadisc.sh \
	tests/fuzz/fuzz-z2m.c tests/fuzz/fuzz-tasmota.c tests/fuzz/fuzz-hadisc.c plugins/tests/fuzzhost.h

# End to end: hubd + the built plugins + hub-sim on a real broker (needs hubd, hubctl, hub-sim).
HUB_TESTS += tests/test-plugin-e2e.sh
EXTRA_DIST += tests/test-plugin-e2e.sh

check_PROGRAMS += tests/test-plugin-common
tests_test_plugin_common_SOURCES = tests/test-plugin-common.c
tests_test_plugin_common_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_test_plugin_common_LDADD = plugins/libplugcommon.la $(JANSSON_LIBS) -lm
HUB_TESTS += tests/test-plugin-common
EXTRA_DIST += plugins/README.md

# Benchmark (a program, not a test): plugins/bench-plugins [-n N] prints msg/s per plugin.
noinst_PROGRAMS += plugins/bench-plugins
plugins_bench_plugins_SOURCES = plugins/bench-plugins.c
plugins_bench_plugins_CPPFLAGS = $(AM_CPPFLAGS) -DBENCH_SRCDIR='"$(abs_top_srcdir)"'
plugins_bench_plugins_LDADD = $(LIBS)
EXTRA_plugins_bench_plugins_DEPENDENCIES = plugins/zigbee2mqtt.la plugins/tasmota.la plugins/ha_discovery.la
