# plugins/: the device plugins, each a libtool module that hubd dlopens (see include/hub/plugin.h),
# sharing plugins/common (JSON, colour, slugs, arguments) through a convenience library.
noinst_LTLIBRARIES += plugins/libplugcommon.la
plugins_libplugcommon_la_SOURCES = plugins/common/plugcommon.c plugins/common/plugcommon.h
plugins_libplugcommon_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden $(JANSSON_CFLAGS)

PLUGIN_LDFLAGS = -module -avoid-version -shared -no-undefined

pkglib_LTLIBRARIES += plugins/zigbee2mqtt.la
plugins_zigbee2mqtt_la_SOURCES = plugins/zigbee2mqtt/zigbee2mqtt.c
plugins_zigbee2mqtt_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden $(JANSSON_CFLAGS)
plugins_zigbee2mqtt_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_zigbee2mqtt_la_LIBADD = plugins/libplugcommon.la $(JANSSON_LIBS) -lm
