# tests/: the test runner and tests that span several folders.
EXTRA_DIST += tests/run-tests.sh
# CHECK, the failure count and hub_test_refdir, shared by the C tests (header only).
EXTRA_DIST += tests/hub-check.h
check_PROGRAMS += tests/test-common
tests_test_common_LDADD = common/libhubcommon.a
HUB_TESTS += tests/test-common
EXTRA_DIST += tests/run-fuzz.sh
# Fuzz targets are built with $(FUZZ_CC) -fsanitize=fuzzer,address,undefined by explicit rules
# in each folder's .mk (see plugins/local.mk for the pattern) and run by tests/run-fuzz.sh.
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-I$(top_srcdir)/include -I$(top_srcdir)/common -I$(top_srcdir) -I$(top_builddir)
