# hubd/: the daemon (hubd/hubd) and its command-line client (hubd/hubctl).
# hubd/libhubcore.a holds everything but main, so tests link the same code the daemon runs.
HUBD_PKG_CFLAGS = $(MOSQUITTO_CFLAGS) $(UV_CFLAGS) $(JANSSON_CFLAGS) $(SQLITE_CFLAGS)
HUBD_PKG_LIBS = $(MOSQUITTO_LIBS) $(UV_LIBS) $(JANSSON_LIBS) $(SQLITE_LIBS)

noinst_LIBRARIES += hubd/libhubcore.a
hubd_libhubcore_a_SOURCES = hubd/conf.c hubd/conf.h hubd/map.c hubd/map.h \
	hubd/registry.c hubd/registry.h hubd/state.c hubd/state.h hubd/mqtt.c hubd/mqtt.h \
	hubd/plugins.c hubd/plugins.h hubd/broker.c hubd/broker.h hubd/hub.h
hubd_libhubcore_a_CPPFLAGS = $(AM_CPPFLAGS) $(HUBD_PKG_CFLAGS)
HUBD_CORE_LIBS = hubd/libhubcore.a hubd/libhubstore.a common/libhubcommon.a $(HUBD_PKG_LIBS)

bin_PROGRAMS += hubd/hubd
hubd_hubd_SOURCES = hubd/hubd.c
# --demo reads hub-sim's demo house (floors, areas, names) from the tree, else the installed copy.
hubd_hubd_CPPFLAGS = $(AM_CPPFLAGS) $(HUBD_PKG_CFLAGS) \
	-DHUB_SRC_HOUSE='"$(abs_top_srcdir)/data/houses/demo.json"' \
	-DHUB_INSTALLED_HOUSE='"$(pkgdatadir)/houses/demo.json"'
hubd_hubd_LDADD = $(HUBD_CORE_LIBS)

bin_PROGRAMS += hubd/hubctl
hubd_hubctl_SOURCES = hubd/hubctl.c
hubd_hubctl_CPPFLAGS = $(AM_CPPFLAGS) $(MOSQUITTO_CFLAGS) $(JANSSON_CFLAGS)
hubd_hubctl_LDADD = hubd/libhubcore.a common/libhubcommon.a $(MOSQUITTO_LIBS) $(JANSSON_LIBS)
