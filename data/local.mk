# data/: the training-data generator (hub-train data), its templates, word lists and the
# evaluation set; engine/libhubdata.a holds the number normalizer, the intent line and the
# corpus generator that the trainer, decoder and scorer share.
noinst_LIBRARIES += engine/libhubdata.a
engine_libhubdata_a_SOURCES = engine/numbers.c engine/numbers.h \
	engine/intent_line.c engine/intent_line.h engine/corpus.c engine/corpus.h
engine_libhubdata_a_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)
HUB_DATA_LIBS = engine/libhubdata.a common/libhubcommon.a $(JANSSON_LIBS) -lm

EXTRA_DIST += data/schema.json data/README.md data/templates/en.tpl data/words/en.words \
	data/words/en-vocab.txt data/words/en-phrases.txt data/words/zh-CN-phrases.txt \
	data/templates/en-rules.tpl data/templates/zh-CN-rules.tpl \
	data/templates/zh-CN.tpl data/words/zh-CN.words \
	data/words/en-copy.words data/words/zh-CN-copy.words data/make-copy-words.sh

bin_PROGRAMS += engine/hub-train
engine_hub_train_SOURCES = engine/hub-train.c
engine_hub_train_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS) -DHUB_DATA_DIR='"$(abs_top_srcdir)/data"'
engine_hub_train_LDADD = engine/libhubtrain.a $(HUB_INTENT_LIBS) $(HUB_DATA_LIBS)

check_PROGRAMS += tests/test-numbers
tests_test_numbers_SOURCES = tests/test-numbers.c
tests_test_numbers_LDADD = $(HUB_DATA_LIBS)
HUB_TESTS += tests/test-numbers

check_PROGRAMS += tests/test-corpus
tests_test_corpus_SOURCES = tests/test-corpus.c
tests_test_corpus_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)
tests_test_corpus_LDADD = $(HUB_DATA_LIBS)
HUB_TESTS += tests/test-corpus

check_PROGRAMS += tests/test-intent-line
tests_test_intent_line_SOURCES = tests/test-intent-line.c
tests_test_intent_line_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)
tests_test_intent_line_LDADD = $(HUB_DATA_LIBS)
HUB_TESTS += tests/test-intent-line

noinst_PROGRAMS += tools/intent-score
tools_intent_score_SOURCES = tools/intent-score.c
tools_intent_score_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)
tools_intent_score_LDADD = $(JANSSON_LIBS) -lm
check_SCRIPTS += tools/intent-score
HUB_TESTS += tests/test-intent-score.sh
EXTRA_DIST += tests/test-intent-score.sh data/eval/testcase/eval.jsonl \
	data/eval/testcase/results.jsonl data/eval/testcase/expected.txt

check_PROGRAMS += tests/test-corpus-eval
tests_test_corpus_eval_SOURCES = tests/test-corpus-eval.c
tests_test_corpus_eval_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)
tests_test_corpus_eval_LDADD = $(HUB_DATA_LIBS)
check_SCRIPTS += engine/hub-train
HUB_TESTS += tests/test-corpus-eval.sh
EXTRA_DIST += tests/test-corpus-eval.sh data/eval/README.md data/eval/hand/en.jsonl \
	data/eval/hand/zh-CN.jsonl data/eval/hand/fixtures/en-house.json \
	data/eval/hand/fixtures/en-flat.json data/eval/hand/fixtures/zh-apartment.json \
	data/eval/hand/fixtures/zh-house.json data/eval/generated data/eval/blind/en.jsonl \
	data/eval/blind/zh-CN.jsonl data/eval/blind2/en.jsonl data/eval/blind2/zh-CN.jsonl \
	data/eval/blind2/fixtures/en-townhouse.json data/eval/blind2/fixtures/zh-villa.json \
	data/eval/blind3/en.jsonl data/eval/blind3/zh-CN.jsonl \
	data/eval/blind3/fixtures/en-farmhouse.json data/eval/blind3/fixtures/zh-courtyard.json \
	data/eval/blind4/en.jsonl data/eval/blind4/zh-CN.jsonl \
	data/eval/blind4/fixtures/en-condo.json data/eval/blind4/fixtures/zh-loft.json \
	data/eval/blind5/en.jsonl data/eval/blind5/zh-CN.jsonl \
	data/eval/blind5/fixtures/en-cabin.json data/eval/blind5/fixtures/zh-shophouse.json \
	data/eval/blind6/en.jsonl data/eval/blind6/zh-CN.jsonl \
	data/eval/blind6/fixtures/en-lighthouse.json data/eval/blind6/fixtures/zh-farmstay.json
EXTRA_DIST += data/eval/rules/README.md data/eval/rules/en.jsonl data/eval/rules/zh-CN.jsonl \
	data/eval/rules/fixtures/en-house.json data/eval/rules/fixtures/en-flat.json \
	data/eval/rules/fixtures/zh-house.json data/eval/rules/fixtures/zh-apartment.json

FUZZ_INTENT_LINE_SRC = $(top_srcdir)/tests/fuzz/fuzz-intent-line.c \
	$(top_srcdir)/engine/intent_line.c $(top_srcdir)/engine/numbers.c
if HAVE_FUZZ_CC
check_SCRIPTS += tests/fuzz/fuzz-intent-line
tests/fuzz/fuzz-intent-line: $(FUZZ_INTENT_LINE_SRC) $(top_srcdir)/engine/intent_line.h \
	$(top_srcdir)/engine/numbers.h
	@mkdir -p tests/fuzz
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) $(JANSSON_CFLAGS) \
	  -DHUB_SCHEMA_PATH='"$(abs_top_srcdir)/data/schema.json"' -o $@ $(FUZZ_INTENT_LINE_SRC) \
	  $(JANSSON_LIBS) -lm
endif
CLEANFILES += tests/fuzz/fuzz-intent-line
HUB_TESTS += tests/test-fuzz-intent-line.sh
EXTRA_DIST += tests/test-fuzz-intent-line.sh tests/fuzz/fuzz-intent-line.c \
	tests/fuzz/seeds/intent-line

HUB_TESTS += tests/test-corpus-cli.sh
EXTRA_DIST += tests/test-corpus-cli.sh

# data/eval/generated-rules: the generated rule-sentence eval, rebuilt and compared
HUB_TESTS += tests/test-rule-eval.sh
EXTRA_DIST += tests/test-rule-eval.sh data/eval/generated-rules

check_PROGRAMS += tests/test-corpus-diversity
tests_test_corpus_diversity_SOURCES = tests/test-corpus-diversity.c
tests_test_corpus_diversity_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)
tests_test_corpus_diversity_LDADD = $(HUB_DATA_LIBS)
HUB_TESTS += tests/test-corpus-diversity
