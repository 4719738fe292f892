# engine/format.mk: GGUF reader/writer and tokenizer (engine/libhubformat.a), their tests and
# the GGUF fuzz target. Users of libhubformat.a link $(PCRE2_LIBS) (the tokenizer's regexes)
# and kernels/libkern.a (tensor type sizes).
noinst_LIBRARIES += engine/libhubformat.a
engine_libhubformat_a_SOURCES = engine/gguf.c engine/gguf.h engine/tokenizer.c \
	engine/tokenizer.h engine/cmd_format.c
engine_libhubformat_a_CPPFLAGS = $(AM_CPPFLAGS) $(PCRE2_CFLAGS)

FORMAT_LIBS = engine/libhubformat.a kernels/libkern.a common/libhubcommon.a $(PCRE2_LIBS) -lm

# Tokenizer: identical ids to llama.cpp on $(HUB_REFERENCE_DIR)/tokenize.
check_PROGRAMS += tests/test-tokenizer
tests_test_tokenizer_SOURCES = tests/test-tokenizer.c
tests_test_tokenizer_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)
tests_test_tokenizer_LDADD = $(FORMAT_LIBS) $(JANSSON_LIBS)
HUB_TESTS += tests/test-tokenizer

# GGUF reader/writer: reference models, byte-identical copies, every metadata type, hostile files.
check_PROGRAMS += tests/test-gguf
tests_test_gguf_SOURCES = tests/test-gguf.c
tests_test_gguf_LDADD = $(FORMAT_LIBS)
HUB_TESTS += tests/test-gguf

# Fuzz target of the GGUF reader and the tokenizer loader (clang + libFuzzer + ASan/UBSan when
# configure found it), seeded with small valid files (tests/data/gguf/make-seeds.c made them).
FUZZ_GGUF_SRC = $(top_srcdir)/tests/fuzz/fuzz-gguf.c $(top_srcdir)/engine/gguf.c \
	$(top_srcdir)/engine/tokenizer.c $(top_srcdir)/kernels/cpu/kern-types.c
if HAVE_FUZZ_CC
check_SCRIPTS += tests/fuzz/fuzz-gguf
tests/fuzz/fuzz-gguf: $(FUZZ_GGUF_SRC) $(top_srcdir)/engine/gguf.h $(top_srcdir)/engine/tokenizer.h
	@mkdir -p tests/fuzz
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) $(PCRE2_CFLAGS) -o $@ $(FUZZ_GGUF_SRC) $(PCRE2_LIBS) -lm
endif
CLEANFILES += tests/fuzz/fuzz-gguf
HUB_TESTS += tests/test-fuzz-gguf.sh
EXTRA_DIST += tests/test-fuzz-gguf.sh tests/fuzz/fuzz-gguf.c tests/data/gguf/make-seeds.c \
	tests/data/gguf/empty.gguf tests/data/gguf/tensors.gguf tests/data/gguf/vocab.gguf \
	tests/data/gguf/text-en.txt tests/data/gguf/text-zh.txt

# hub-engine info / tokenize end to end (engine/hub-engine is built by engine/local.mk).
HUB_TESTS += tests/test-gguf-cli.sh
EXTRA_DIST += tests/test-gguf-cli.sh
