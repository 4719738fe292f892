# kernels/cuda.mk: the compute-backend interface (kernels/backend.h): the "cpu" backend on
# kern.h (always built, so that its tests run everywhere), and the "cuda" backend, built by
# nvcc when configure found CUDA (HAVE_CUDA). Users link $(HUB_BACKEND_LIBS).
noinst_LIBRARIES += kernels/libhubbackend.a
kernels_libhubbackend_a_SOURCES = kernels/backend.h kernels/backend-cpu.c \
	kernels/cuda/ops-common.h
kernels_libhubbackend_a_CFLAGS = $(AM_CFLAGS) -O2
EXTRA_DIST += kernels/cuda/README.md kernels/cuda/backend-cuda.cu kernels/cuda/cuda-stub.c

if HAVE_CUDA
# sm_80 (A100) and sm_90 (H100/H200) machine code; nvcc 13 builds nothing older.
NVCC_FLAGS = -O2 -std=c++17 -Xcompiler -fPIC -Xcompiler -Wall \
	-gencode arch=compute_80,code=sm_80 -gencode arch=compute_90,code=sm_90 \
	-I$(top_srcdir)/include -I$(top_srcdir)/common -I$(top_srcdir) $(CUDA_CFLAGS)
kernels_libhubbackend_a_LIBADD = kernels/cuda/backend-cuda.$(OBJEXT)
kernels/cuda/backend-cuda.$(OBJEXT): $(srcdir)/kernels/cuda/backend-cuda.cu \
		$(srcdir)/kernels/cuda/ops-common.h $(srcdir)/kernels/backend.h
	$(MKDIR_P) kernels/cuda
	$(NVCC) $(NVCC_FLAGS) -c $(srcdir)/kernels/cuda/backend-cuda.cu -o $@
CLEANFILES += kernels/cuda/backend-cuda.$(OBJEXT)
HUB_BACKEND_LIBS = kernels/libhubbackend.a kernels/libkern.a common/libhubcommon.a \
	$(CUDA_LIBS) -lm

# GPU parity of every backend op against the CPU / double references; exit 77 without a GPU.
check_PROGRAMS += tests/test-cuda
tests_test_cuda_SOURCES = tests/test-cuda.c tests/cuda-test-common.h
tests_test_cuda_LDADD = engine/libhubformat.a $(HUB_BACKEND_LIBS) $(PCRE2_LIBS)
HUB_TESTS += tests/test-cuda
else
kernels_libhubbackend_a_SOURCES += kernels/cuda/cuda-stub.c
HUB_BACKEND_LIBS = kernels/libhubbackend.a kernels/libkern.a common/libhubcommon.a -lm
EXTRA_DIST += tests/test-cuda.c
endif

# The cpu backend against kern.h and double references; ops-common's block decoding (what the
# GPU decodes weights with) against kern_dequant_row on every reference tensor.
check_PROGRAMS += tests/test-cuda-cpuref
tests_test_cuda_cpuref_SOURCES = tests/test-cuda-cpuref.c tests/cuda-test-common.h
tests_test_cuda_cpuref_LDADD = engine/libhubformat.a $(HUB_BACKEND_LIBS) $(PCRE2_LIBS)
HUB_TESTS += tests/test-cuda-cpuref

# Benchmark (not a test): kernels/cuda/bench-backend --backend cuda|cpu (see kernels/cuda/README.md)
noinst_PROGRAMS += kernels/cuda/bench-backend
kernels_cuda_bench_backend_SOURCES = kernels/cuda/bench-backend.c
kernels_cuda_bench_backend_LDADD = $(HUB_BACKEND_LIBS)

# A whole deepseek2 forward on the backend interface against engine/model.c's logits (cpu
# backend everywhere; cuda backend too where a device is present).
check_PROGRAMS += tests/test-cuda-forward
tests_test_cuda_forward_SOURCES = tests/test-cuda-forward.c tests/cuda-test-common.h
tests_test_cuda_forward_LDADD = $(HUB_ENGINE_LIBS) $(HUB_BACKEND_LIBS)
HUB_TESTS += tests/test-cuda-forward
