# common/: status codes and logging shared by hubd, hubctl, hub-sim and the engine.
noinst_LIBRARIES += common/libhubcommon.a
common_libhubcommon_a_SOURCES = common/hub_status.c common/hub_status.h common/hub_log.c common/hub_log.h
