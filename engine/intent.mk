# engine/intent.mk: constrained intent decoding and the resolver.
# engine/libhubintent.a: the intent line's automaton + vocabulary trie (decode), the resolver
# (resolve), the library entry point intent_parse (intent) and `hub-engine intent`
# (cmd_intent), `hub-engine experts` (cmd_experts); hub-engine links it through
# HUB_INTENT_LIBS (engine/local.mk).
noinst_LIBRARIES += engine/libhubintent.a
engine_libhubintent_a_SOURCES = engine/decode.c engine/decode.h engine/zh_words.c \
	engine/zh_words.h engine/spell.c engine/spell.h engine/phrases.c engine/phrases.h \
	engine/resolve.c engine/resolve.h engine/resolve_impl.h engine/resolve_ground.c \
	engine/resolve_said.c engine/resolve_rule.c engine/resolve_rule.h engine/weekdays.c \
	engine/weekdays.h engine/intent.c engine/intent.h engine/cmd_intent.c engine/cmd_experts.c
engine_libhubintent_a_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS) \
	-DHUB_INTENT_SRCDIR='"$(abs_top_srcdir)"' -DHUB_INTENT_PKGDATADIR='"$(pkgdatadir)"' \
	-DHUB_ZH_WORDS='"$(HUB_ZH_WORDS)"'
HUB_INTENT_LIBS = engine/libhubintent.a engine/libhubdata.a $(HUB_ENGINE_LIBS)

# the schema the automaton follows, the words typos are mended to (engine/spell.h) and the
# phrasings rewritten (engine/phrases.h), installed beside the shipped model
intentschemadir = $(pkgdatadir)
intentschema_DATA = data/schema.json data/words/en-vocab.txt data/words/en-phrases.txt \
	data/words/zh-CN-phrases.txt

# resolver: names, aliases, plurals, articles, measure words, fuzzy, answers (en + zh-CN)
check_PROGRAMS += tests/test-resolve
tests_test_resolve_SOURCES = tests/test-resolve.c
tests_test_resolve_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)
tests_test_resolve_LDADD = $(HUB_INTENT_LIBS)
HUB_TESTS += tests/test-resolve

# typos mended: the corpus generator's kinds only, the house's words and short words kept,
# bad word files refused
check_PROGRAMS += tests/test-spell
tests_test_spell_SOURCES = tests/test-spell.c
tests_test_spell_LDADD = $(HUB_INTENT_LIBS)
HUB_TESTS += tests/test-spell

# rarer phrasings rewritten: whole English words, Chinese anywhere, the longest first, the
# house's names kept, free text mapped back as said, bad phrase files refused
check_PROGRAMS += tests/test-phrases
tests_test_phrases_SOURCES = tests/test-phrases.c
tests_test_phrases_LDADD = $(HUB_INTENT_LIBS)
HUB_TESTS += tests/test-phrases

# decoder: trie mask == brute force over the vocabulary; constrained generation with real
# reference models always gives valid lines whose spans come from the utterance
check_PROGRAMS += tests/test-decode
tests_test_decode_SOURCES = tests/test-decode.c
tests_test_decode_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)
tests_test_decode_LDADD = $(HUB_INTENT_LIBS) -lpthread
HUB_TESTS += tests/test-decode

# hub-engine intent end to end (stdin/--eval, answers in order, errors, intent-score reads it)
HUB_TESTS += tests/test-intent-cli.sh
EXTRA_DIST += tests/test-intent-cli.sh

# libFuzzer (ASan + UBSan) on the automaton and the resolver: accepted lines always validate,
# the mask only offers accepted tokens, the resolver answers every valid line
FUZZ_DECODE_SRC = $(top_srcdir)/tests/fuzz/fuzz-decode.c $(top_srcdir)/engine/decode.c \
	$(top_srcdir)/engine/zh_words.c \
	$(top_srcdir)/engine/resolve.c $(top_srcdir)/engine/resolve_ground.c \
	$(top_srcdir)/engine/resolve_said.c $(top_srcdir)/engine/intent_line.c \
	$(top_srcdir)/engine/numbers.c $(top_srcdir)/engine/gguf.c $(top_srcdir)/engine/tokenizer.c \
	$(top_srcdir)/kernels/cpu/kern-types.c
if HAVE_FUZZ_CC
check_SCRIPTS += tests/fuzz/fuzz-decode
tests/fuzz/fuzz-decode: $(FUZZ_DECODE_SRC) $(top_srcdir)/engine/decode.h \
	$(top_srcdir)/engine/zh_words.h \
	$(top_srcdir)/engine/resolve.h $(top_srcdir)/engine/resolve_impl.h \
	$(top_srcdir)/engine/intent_line.h
	@mkdir -p tests/fuzz
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) $(JANSSON_CFLAGS) $(PCRE2_CFLAGS) \
	  -DHUB_SCHEMA_PATH='"$(abs_top_srcdir)/data/schema.json"' \
	  -DHUB_REFERENCE_DEFAULT='"$(abs_top_srcdir)/../shared/reference"' -o $@ \
	  $(FUZZ_DECODE_SRC) $(JANSSON_LIBS) $(PCRE2_LIBS) -lm
endif
CLEANFILES += tests/fuzz/fuzz-decode
HUB_TESTS += tests/test-fuzz-decode.sh
EXTRA_DIST += tests/test-fuzz-decode.sh tests/fuzz/fuzz-decode.c tests/fuzz/seeds/decode

# rule sentences: resolver (engine/resolve_rule.c) on a fixture, the automaton's rule slots, and
# generated rule sentences decoded and resolved back to their expected answers
check_PROGRAMS += tests/test-rule-sentence
tests_test_rule_sentence_SOURCES = tests/test-rule-sentence.c
tests_test_rule_sentence_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)
tests_test_rule_sentence_LDADD = $(HUB_INTENT_LIBS)
HUB_TESTS += tests/test-rule-sentence
