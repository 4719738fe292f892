# tests/: the test runner and tests that span several folders.
EXTRA_DIST += tests/run-tests.sh
check_PROGRAMS += tests/test-common
tests_test_common_LDADD = common/libhubcommon.a
HUB_TESTS += tests/test-common
