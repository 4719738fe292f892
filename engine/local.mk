# engine/local.mk: the model (forward pass, KV cache), the sampler and the model subcommands of
# hub-engine (engine/libhubengine.a). See engine/format.mk for the GGUF reader and tokenizer.
noinst_LIBRARIES += engine/libhubengine.a
engine_libhubengine_a_SOURCES = engine/model.c engine/model.h engine/sampler.c engine/sampler.h \
	engine/cmd_model.c engine/commands.h
