# engine/intent.mk: constrained intent decoding and the resolver.
# engine/libhubintent.a: the intent line's automaton + vocabulary trie (decode), the resolver
# (resolve), the library entry point intent_parse (intent) and `hub-engine intent`
# (cmd_intent); hub-engine links it through HUB_INTENT_LIBS (engine/local.mk).
noinst_LIBRARIES += engine/libhubintent.a
engine_libhubintent_a_SOURCES = engine/decode.c engine/decode.h engine/resolve.c \
	engine/resolve.h engine/intent.c engine/intent.h engine/cmd_intent.c
engine_libhubintent_a_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS) \
	-DHUB_INTENT_SRCDIR='"$(abs_top_srcdir)"' -DHUB_INTENT_PKGDATADIR='"$(pkgdatadir)"'
HUB_INTENT_LIBS = engine/libhubintent.a engine/libhubdata.a $(HUB_ENGINE_LIBS)

# the schema the automaton follows, installed beside the shipped model
intentschemadir = $(pkgdatadir)
intentschema_DATA = data/schema.json

# resolver: names, aliases, plurals, articles, measure words, fuzzy, answers (en + zh-CN)
check_PROGRAMS += tests/test-resolve
tests_test_resolve_SOURCES = tests/test-resolve.c
tests_test_resolve_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)
tests_test_resolve_LDADD = $(HUB_INTENT_LIBS)
HUB_TESTS += tests/test-resolve

# decoder: trie mask == brute force over the vocabulary; constrained generation with real
# reference models always gives valid lines whose spans come from the utterance
check_PROGRAMS += tests/test-decode
tests_test_decode_SOURCES = tests/test-decode.c
tests_test_decode_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)
tests_test_decode_LDADD = $(HUB_INTENT_LIBS)
HUB_TESTS += tests/test-decode

# hub-engine intent end to end (stdin/--eval, answers in order, errors, intent-score reads it)
HUB_TESTS += tests/test-intent-cli.sh
EXTRA_DIST += tests/test-intent-cli.sh
