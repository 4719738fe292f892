# engine/format.mk: GGUF reader/writer and tokenizer (engine/libhubformat.a), their tests and
# the GGUF fuzz target.
noinst_LIBRARIES += engine/libhubformat.a
engine_libhubformat_a_SOURCES = engine/gguf.c engine/gguf.h engine/cmd_format.c
