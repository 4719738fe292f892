# engine/train.mk: the BPE tokenizer trainer and the model trainer (engine/libhubtrain.a, linked
# into hub-train by data/local.mk), and their tests.
noinst_LIBRARIES += engine/libhubtrain.a
engine_libhubtrain_a_SOURCES = engine/bpe_train.c engine/bpe_train.h engine/train.c engine/train.h \
	engine/train_main.c
engine_libhubtrain_a_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS) $(PCRE2_CFLAGS)

HUB_TRAIN_LIBS = engine/libhubtrain.a $(HUB_INTENT_LIBS)

# BPE trainer: round trip through engine/tokenizer.c, merges applied in rank order.
check_PROGRAMS += tests/test-bpe-train
tests_test_bpe_train_SOURCES = tests/test-bpe-train.c
tests_test_bpe_train_LDADD = $(HUB_TRAIN_LIBS)
HUB_TESTS += tests/test-bpe-train

# Model trainer: training lowers the loss, the saved GGUF runs in engine/model.c with the
# trainer's logits, checkpoints resume bit for bit.
check_PROGRAMS += tests/test-train-model
tests_test_train_model_SOURCES = tests/test-train-model.c
tests_test_train_model_LDADD = $(HUB_TRAIN_LIBS)
HUB_TESTS += tests/test-train-model

# Gradient checks: every op's backward and the whole model against finite differences.
check_PROGRAMS += tests/test-grad
tests_test_grad_SOURCES = tests/test-grad.c
tests_test_grad_LDADD = $(HUB_TRAIN_LIBS)
HUB_TESTS += tests/test-grad

# Matrix products at real sizes: backward against a double reference, forward bit for bit
# against one kern_matmul call.
check_PROGRAMS += tests/test-train-mm
tests_test_train_mm_SOURCES = tests/test-train-mm.c
tests_test_train_mm_LDADD = $(HUB_TRAIN_LIBS)
HUB_TESTS += tests/test-train-mm

# The GPU trainer against the CPU trainer over a few steps (losses, first gradient, final
# weights); exit 77 without a CUDA device.
check_PROGRAMS += tests/test-train-cuda
tests_test_train_cuda_SOURCES = tests/test-train-cuda.c
tests_test_train_cuda_LDADD = $(HUB_TRAIN_LIBS)
HUB_TESTS += tests/test-train-cuda

# hub-train data -> tokenizer -> model -> hub-engine, resume, refusals.
HUB_TESTS += tests/test-train-cli.sh
EXTRA_DIST += tests/test-train-cli.sh
