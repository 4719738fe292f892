# data/: the training-data generator (hub-train data), its templates, word lists and the
# evaluation set; engine/libhubdata.a holds the number normalizer, the intent line and the
# corpus generator that the trainer, decoder and scorer share.
noinst_LIBRARIES += engine/libhubdata.a
engine_libhubdata_a_SOURCES = engine/numbers.c engine/numbers.h \
	engine/intent_line.c engine/intent_line.h
engine_libhubdata_a_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)
HUB_DATA_LIBS = engine/libhubdata.a common/libhubcommon.a $(JANSSON_LIBS) -lm

EXTRA_DIST += data/schema.json

check_PROGRAMS += tests/test-numbers
tests_test_numbers_SOURCES = tests/test-numbers.c
tests_test_numbers_LDADD = $(HUB_DATA_LIBS)
HUB_TESTS += tests/test-numbers
