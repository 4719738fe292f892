# kernels/cuda.mk: the compute-backend interface (kernels/backend.h): the "cpu" backend on
# kern.h (always built, so that its tests run everywhere), and the "cuda" backend, a shared
# object built by nvcc when configure found CUDA (HAVE_CUDA) and opened at run time by
# kernels/cuda/cuda-loader.c. Users link $(HUB_BACKEND_LIBS), which needs no CUDA library.
noinst_LIBRARIES += kernels/libhubbackend.a
kernels_libhubbackend_a_SOURCES = kernels/backend.h kernels/backend-cpu.c \
	kernels/cuda/ops-common.h kernels/cuda/cuda-loader.c kernels/train-gpu.h
kernels_libhubbackend_a_CFLAGS = $(AM_CFLAGS) -O2
# where cuda-loader.c looks for the CUDA backend: installed, then in this build tree
kernels_libhubbackend_a_CPPFLAGS = $(AM_CPPFLAGS) -DHUB_CUDA_LIB='"$(pkglibdir)/hub-cuda.so"' \
	-DHUB_BUILD_CUDA_LIB='"$(abs_top_builddir)/kernels/cuda/hub-cuda.so"'
EXTRA_DIST += kernels/cuda/README.md kernels/cuda/backend-cuda.cu kernels/cuda/train-cuda.cu
HUB_BACKEND_LIBS = kernels/libhubbackend.a kernels/libkern.a common/libhubcommon.a -ldl -lm

if HAVE_CUDA
# The CUDA backend: a shared object opened at run time (cuda-loader.c), with sm_80 (A100) and
# sm_90 (H100/H200) machine code; nvcc 13 builds nothing older. cudart is linked statically,
# cuBLAS from the system.
NVCC_FLAGS = -O2 -std=c++17 -Xcompiler -fPIC -Xcompiler -Wall \
	-gencode arch=compute_80,code=sm_80 -gencode arch=compute_90,code=sm_90 \
	-I$(top_srcdir)/include -I$(top_srcdir)/common -I$(top_srcdir) $(CUDA_CFLAGS)
HUB_CUDA_SO = kernels/cuda/hub-cuda.so
# train-cuda.cu: the trainer's forward, backward and AdamW (kernels/train-gpu.h), in the same
# object so that one loader finds both.
HUB_CUDA_SRCS = $(srcdir)/kernels/cuda/backend-cuda.cu $(srcdir)/kernels/cuda/train-cuda.cu
$(HUB_CUDA_SO): $(HUB_CUDA_SRCS) $(srcdir)/kernels/cuda/ops-common.h $(srcdir)/kernels/backend.h \
		$(srcdir)/kernels/train-gpu.h
	$(MKDIR_P) kernels/cuda
	$(NVCC) $(NVCC_FLAGS) -shared -o $@ $(HUB_CUDA_SRCS) $(CUDA_LIBS)
all-local: $(HUB_CUDA_SO)
install-exec-local: $(HUB_CUDA_SO)
	$(MKDIR_P) $(DESTDIR)$(pkglibdir)
	$(INSTALL_PROGRAM) $(HUB_CUDA_SO) $(DESTDIR)$(pkglibdir)/hub-cuda.so
uninstall-local:
	rm -f $(DESTDIR)$(pkglibdir)/hub-cuda.so
CLEANFILES += $(HUB_CUDA_SO)
endif

# GPU parity of every backend op against the CPU / double references; exit 77 without a GPU.
check_PROGRAMS += tests/test-cuda
tests_test_cuda_SOURCES = tests/test-cuda.c tests/cuda-test-common.h
tests_test_cuda_LDADD = engine/libhubformat.a $(HUB_BACKEND_LIBS) $(PCRE2_LIBS)
HUB_TESTS += tests/test-cuda

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
