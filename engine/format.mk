# engine/format.mk: GGUF reader/writer and tokenizer (engine/libhubformat.a).
