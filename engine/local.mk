# engine/local.mk: the model (forward pass, KV cache), the sampler and the model subcommands of
# hub-engine (engine/libhubengine.a), the hub-engine program, and the test against llama.cpp's
# reference logits. See engine/format.mk for the GGUF reader and tokenizer.
noinst_LIBRARIES += engine/libhubengine.a
engine_libhubengine_a_SOURCES = engine/model.c engine/model.h engine/model_impl.h \
	engine/model_backend.c engine/sampler.c engine/sampler.h engine/cmd_model.c engine/commands.h

# $(HUB_BACKEND_LIBS) (kernels/cuda.mk): the compute backends, CUDA's libraries included when
# configure found CUDA; it brings kernels/libkern.a and common/libhubcommon.a.
HUB_ENGINE_LIBS = engine/libhubengine.a engine/libhubformat.a $(HUB_BACKEND_LIBS) \
	$(PCRE2_LIBS) $(JANSSON_LIBS) -lm

bin_PROGRAMS += engine/hub-engine
engine_hub_engine_SOURCES = engine/hub-engine.c
engine_hub_engine_LDADD = $(HUB_INTENT_LIBS)

check_PROGRAMS += tests/test-reference
tests_test_reference_SOURCES = tests/test-reference.c
tests_test_reference_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS)
tests_test_reference_LDADD = $(HUB_ENGINE_LIBS)
HUB_TESTS += tests/test-reference

check_PROGRAMS += tests/test-model
tests_test_model_SOURCES = tests/test-model.c
tests_test_model_LDADD = $(HUB_ENGINE_LIBS)
HUB_TESTS += tests/test-model

HUB_TESTS += tests/test-reference-cli.sh

# the routing recorder changes no logits and reports every MoE layer's top-k (test-route-hook);
# `hub-engine experts` (engine/cmd_experts.c) adds up per layer (test-experts-cli.sh)
check_PROGRAMS += tests/test-route-hook
tests_test_route_hook_SOURCES = tests/test-route-hook.c
tests_test_route_hook_LDADD = $(HUB_ENGINE_LIBS)
HUB_TESTS += tests/test-route-hook tests/test-experts-cli.sh
EXTRA_DIST += tests/test-experts-cli.sh
EXTRA_DIST += tests/test-reference-cli.sh

# tools/bench-engine.sh: our bench figures beside llama.cpp's (bench.md); run by hand
EXTRA_DIST += tools/bench-engine.sh
