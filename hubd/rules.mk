# hubd/rules.mk: the automation rules engine (hubd/rules*.c, the injectable clock, sunrise and
# sunset), built into hubd/libhubcore.a so hubd and the tests link the same code; its tests.
hubd_libhubcore_a_SOURCES += hubd/rules.c hubd/rules.h hubd/rules_yaml.c hubd/rules_yaml.h \
	hubd/clock.c hubd/clock.h hubd/sun.c hubd/sun.h
hubd_libhubcore_a_CPPFLAGS += $(YAML_CFLAGS)
hubd_hubd_LDADD += $(YAML_LIBS)

check_PROGRAMS += tests/test-rules-unit
tests_test_rules_unit_SOURCES = tests/test-rules-unit.c
tests_test_rules_unit_CPPFLAGS = $(AM_CPPFLAGS) $(HUBD_PKG_CFLAGS) $(YAML_CFLAGS)
tests_test_rules_unit_LDADD = $(HUBD_CORE_LIBS) $(YAML_LIBS)
HUB_TESTS += tests/test-rules-unit

# End to end against mosquitto + hubd + hub-sim with a file clock: every trigger, condition and
# action type, modes, a restart with pending `for`/delay, YAML round trip and errors, loops.
HUB_TESTS += tests/test-rules.sh
EXTRA_DIST += tests/test-rules.sh tests/lib-hub-test.sh data/rules/test-demo.yaml data/rules/examples.yaml \
	data/rules/README.md

# Fuzz target of rule files (clang + libFuzzer + ASan/UBSan when configure found it).
FUZZ_RULES_SRC = $(top_srcdir)/tests/fuzz/fuzz-rules.c $(top_srcdir)/hubd/rules.c \
	$(top_srcdir)/hubd/rules_yaml.c $(top_srcdir)/hubd/clock.c $(top_srcdir)/hubd/sun.c \
	$(top_srcdir)/hubd/registry.c $(top_srcdir)/hubd/state.c $(top_srcdir)/hubd/store.c \
	$(top_srcdir)/hubd/map.c $(top_srcdir)/common/hub_log.c $(top_srcdir)/common/hub_status.c
if HAVE_FUZZ_CC
check_SCRIPTS += tests/fuzz/fuzz-rules
tests/fuzz/fuzz-rules: $(FUZZ_RULES_SRC) $(top_srcdir)/hubd/rules.h $(top_srcdir)/hubd/rules_yaml.h
	@mkdir -p tests/fuzz
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) $(JANSSON_CFLAGS) $(YAML_CFLAGS) $(UV_CFLAGS) \
		$(MOSQUITTO_CFLAGS) $(SQLITE_CFLAGS) -o $@ $(FUZZ_RULES_SRC) $(JANSSON_LIBS) $(YAML_LIBS) \
		$(MOSQUITTO_LIBS) $(SQLITE_LIBS) $(UV_LIBS) -lm
endif
CLEANFILES += tests/fuzz/fuzz-rules
HUB_TESTS += tests/test-fuzz-rules.sh
EXTRA_DIST += tests/test-fuzz-rules.sh tests/fuzz/fuzz-rules.c tests/fuzz/seeds/rules
