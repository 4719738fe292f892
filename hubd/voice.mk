# hubd/voice.mk: text and voice commands (hubd/command.c: entry points, engine workers,
# resolution, actions), answers (hubd/answer.c + data/answers/), timers and lists kept by the
# hub; built into hubd/libhubvoice.a, which only hubd links (with the language engine).
noinst_LIBRARIES += hubd/libhubvoice.a
hubd_libhubvoice_a_SOURCES = hubd/command.c hubd/command.h hubd/answer.c hubd/answer.h \
	hubd/timers.c hubd/timers.h hubd/lists.c hubd/rule_sentence.c hubd/rule_sentence.h
hubd_libhubvoice_a_CPPFLAGS = $(AM_CPPFLAGS) $(HUBD_PKG_CFLAGS) \
	-DHUB_ANSWERS_SRCDIR='"$(abs_top_srcdir)/data/answers"' \
	-DHUB_ANSWERS_DIR='"$(pkgdatadir)/answers"'
# libhubcore again after the voice library: it calls into the registry, plugins and store.
hubd_hubd_LDADD += hubd/libhubvoice.a $(HUB_INTENT_LIBS) $(HUBD_CORE_LIBS) $(YAML_LIBS)

answersdir = $(pkgdatadir)/answers
answers_DATA = data/answers/en.json data/answers/zh-CN.json
EXTRA_DIST += $(answers_DATA)

# Commands against the demo house without a model: hub/intent through the plugins, answers,
# queries, lists, timers and a delayed command across a restart, entry forms, bad input, Hermes.
HUB_TESTS += tests/test-command.sh
EXTRA_DIST += tests/test-command.sh

# Rules from sentences (hubd/rule_sentence.c): HubCreateRule answers on hub/intent become rules
# (trigger, window, action resolved like a command, `for` undo) that fire in the demo house; the
# answer in English and Chinese; bad rule objects create nothing.
HUB_TESTS += tests/test-rule-sentence.sh
EXTRA_DIST += tests/test-rule-sentence.sh tests/lib-door-rule.sh

# Text commands through the language engine on worker threads (reference model: mechanics,
# bounded flood, state thread free; the trained model: understanding in English and Chinese).
HUB_TESTS += tests/test-command-engine.sh
EXTRA_DIST += tests/test-command-engine.sh tests/demo-house-zh.jq
HUB_TESTS += tests/test-rule-sentence-model.sh
EXTRA_DIST += tests/test-rule-sentence-model.sh

# tools/bench-command: N commands, time from hub/command (or hub/intent) to the device's own
# command topic; tools/bench-command.sh brings the demo house up around it.
noinst_PROGRAMS += tools/bench-command
tools_bench_command_SOURCES = tools/bench-command.c
tools_bench_command_CPPFLAGS = $(AM_CPPFLAGS) $(MOSQUITTO_CFLAGS)
tools_bench_command_LDADD = $(MOSQUITTO_LIBS)
EXTRA_DIST += tools/bench-command.sh
# a short run: every command reaches the device, figures printed
HUB_TESTS += tests/test-command-bench.sh
EXTRA_DIST += tests/test-command-bench.sh

# Splitting, language detection, answer templates (en/zh-CN keys and {slots} agree).
check_PROGRAMS += tests/test-command-unit
tests_test_command_unit_SOURCES = tests/test-command-unit.c
tests_test_command_unit_CPPFLAGS = $(AM_CPPFLAGS) $(HUBD_PKG_CFLAGS) \
	-DHUB_ANSWERS_SRCDIR='"$(abs_top_srcdir)/data/answers"'
tests_test_command_unit_LDADD = hubd/libhubvoice.a $(HUB_INTENT_LIBS) $(HUBD_CORE_LIBS) $(YAML_LIBS)
HUB_TESTS += tests/test-command-unit
