# tools/sim.mk: hub-sim, the simulated house on real device protocols (zigbee2mqtt, Tasmota,
# Home Assistant MQTT discovery), its demo house and its tests.
# The protocol logic (no MQTT library calls) is a library shared by hub-sim and its unit test.
noinst_LIBRARIES += tools/libhubsim.a
tools_libhubsim_a_SOURCES = tools/sim/sim.c tools/sim/sim.h tools/sim/sim_house.c \
	tools/sim/sim_z2m.c tools/sim/sim_tasmota.c tools/sim/sim_ha.c
tools_libhubsim_a_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)

bin_PROGRAMS += tools/hub-sim
tools_hub_sim_SOURCES = tools/sim/hub_sim.c
tools_hub_sim_CPPFLAGS = $(AM_CPPFLAGS) $(MOSQUITTO_CFLAGS) $(JANSSON_CFLAGS) \
	-DHUB_SIM_SRC_HOUSE='"$(abs_top_srcdir)/data/houses/demo.json"' \
	-DHUB_SIM_INSTALLED_HOUSE='"$(pkgdatadir)/houses/demo.json"'
tools_hub_sim_LDADD = tools/libhubsim.a common/libhubcommon.a $(MOSQUITTO_LIBS) $(JANSSON_LIBS) -lm

check_PROGRAMS += tests/test-sim-unit
tests_test_sim_unit_SOURCES = tests/test-sim-unit.c
tests_test_sim_unit_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)
tests_test_sim_unit_LDADD = tools/libhubsim.a common/libhubcommon.a $(JANSSON_LIBS) -lm
HUB_TESTS += tests/test-sim-unit

simhousedir = $(pkgdatadir)/houses
dist_simhouse_DATA = data/houses/demo.json

EXTRA_DIST += tests/lib-broker.sh tools/sim/README.md

HUB_TESTS += tests/test-sim.sh
EXTRA_DIST += tests/test-sim.sh
HUB_TESTS += tests/test-sim-house.sh
EXTRA_DIST += tests/test-sim-house.sh

# Fuzz target of hub-sim's message and house parsers (clang + libFuzzer + ASan/UBSan).
FUZZ_SIM_SRC = $(top_srcdir)/tests/fuzz/fuzz-sim.c $(top_srcdir)/tools/sim/sim.c \
	$(top_srcdir)/tools/sim/sim_house.c $(top_srcdir)/tools/sim/sim_z2m.c \
	$(top_srcdir)/tools/sim/sim_tasmota.c $(top_srcdir)/tools/sim/sim_ha.c \
	$(top_srcdir)/common/hub_log.c $(top_srcdir)/common/hub_status.c
if HAVE_FUZZ_CC
check_SCRIPTS += tests/fuzz/fuzz-sim
tests/fuzz/fuzz-sim: $(FUZZ_SIM_SRC) $(top_srcdir)/tools/sim/sim.h
	@mkdir -p tests/fuzz
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) $(JANSSON_CFLAGS) \
	  -DSIM_FUZZ_HOUSE='"$(abs_top_srcdir)/data/houses/demo.json"' -o $@ $(FUZZ_SIM_SRC) \
	  $(JANSSON_LIBS) -lm
endif
CLEANFILES += tests/fuzz/fuzz-sim
HUB_TESTS += tests/test-fuzz-sim.sh
EXTRA_DIST += tests/test-fuzz-sim.sh tests/fuzz/fuzz-sim.c tests/fuzz/seeds/sim
