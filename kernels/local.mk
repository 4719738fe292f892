# kernels/: targets of this folder (see ../Makefile.am).
# libkern.a: the CPU kernels (scalar reference + AVX2/AVX-512 paths chosen at run time).
noinst_LIBRARIES += kernels/libkern.a
kernels_libkern_a_SOURCES = kernels/kern.h kernels/cpu/kern-impl.h kernels/cpu/kern-pool.h \
	kernels/cpu/kern-ops.h kernels/cpu/kern-x86.h kernels/cpu/kern-emu512.h kernels/cpu/kern-types.c kernels/cpu/kern-dots.c \
	kernels/cpu/kern-matmul.c kernels/cpu/kern-pool.c kernels/cpu/kern-ops.c \
	kernels/cpu/kern-avx2.c kernels/cpu/kern-avx512.c kernels/cpu/kern-bw.c
# No FMA contraction: the scalar reference must round like ggml's portable C; the vector
# files use FMA explicitly through intrinsics.
kernels_libkern_a_CFLAGS = $(AM_CFLAGS) -O2 -ffp-contract=off

# Tests: every fast path against the scalar reference; (de)quantization against the
# reference GGUF files written by llama.cpp.
check_PROGRAMS += tests/test-kern-types
tests_test_kern_types_SOURCES = tests/test-kern-types.c tests/kern-test-gguf.h
tests_test_kern_types_LDADD = kernels/libkern.a common/libhubcommon.a -lm
HUB_TESTS += tests/test-kern-types

check_PROGRAMS += tests/test-kern-matmul tests/test-kern-avx512
tests_test_kern_matmul_SOURCES = tests/test-kern-matmul.c
tests_test_kern_matmul_LDADD = kernels/libkern.a common/libhubcommon.a -lm
tests_test_kern_avx512_SOURCES = tests/test-kern-matmul.c
tests_test_kern_avx512_CPPFLAGS = $(AM_CPPFLAGS) -DKERN_TEST_AVX512
tests_test_kern_avx512_LDADD = kernels/libkern.a common/libhubcommon.a -lm
HUB_TESTS += tests/test-kern-matmul tests/test-kern-avx512

# Benchmark program (not a test): tools/bench-kernels --threads 2
noinst_PROGRAMS += tools/bench-kernels
tools_bench_kernels_SOURCES = tools/bench-kernels.c
tools_bench_kernels_LDADD = kernels/libkern.a common/libhubcommon.a -lm

# The AVX-512 integer kernels with VNNI emulated in AVX2: their logic checked on any AVX2 CPU.
check_PROGRAMS += tests/test-kern-vnni-emu
tests_test_kern_vnni_emu_SOURCES = tests/test-kern-vnni-emu.c kernels/cpu/kern-avx512.c
tests_test_kern_vnni_emu_CPPFLAGS = $(AM_CPPFLAGS) -DKERN_AVX512_EMULATE
tests_test_kern_vnni_emu_CFLAGS = $(AM_CFLAGS) -ffp-contract=off
tests_test_kern_vnni_emu_LDADD = kernels/libkern.a common/libhubcommon.a -lm
HUB_TESTS += tests/test-kern-vnni-emu
EXTRA_DIST += kernels/README.md

# the 2-row x 4-token prefill tiles equal their ISA's 4-token kernel bit for bit (speed owner)
check_PROGRAMS += tests/test-kern-tile
tests_test_kern_tile_SOURCES = tests/test-kern-tile.c
tests_test_kern_tile_LDADD = kernels/libkern.a common/libhubcommon.a -lm
HUB_TESTS += tests/test-kern-tile
