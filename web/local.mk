# web/: the dashboard. The page's own files are web/src/*; the build copies them, with uPlot's
# dist files from npm (web/node_modules, made by `npm ci` in web/ when missing), into web/root/,
# writes a gzip -9 twin of each (hubd sends those to clients that accept gzip), and hubd serves
# web/root/ (installed as $(pkgdatadir)/web). The npm dev dependencies (ws, playwright-core)
# drive the websocket and browser tests.
WEB_PAGE_FILES = index.html style.css app.js api.js i18n.js controls.js charts.js icon.svg
WEB_ROOT_PAGE = web/root/index.html web/root/style.css web/root/app.js web/root/api.js \
	web/root/i18n.js web/root/controls.js web/root/charts.js web/root/icon.svg
WEB_ROOT_UPLOT = web/root/uPlot.iife.min.js web/root/uPlot.min.css
WEB_ROOT_FILES = $(WEB_ROOT_PAGE) $(WEB_ROOT_UPLOT)
WEB_ROOT_GZ = $(WEB_ROOT_FILES:=.gz)
webrootdir = $(pkgdatadir)/web
nodist_webroot_DATA = $(WEB_ROOT_FILES) $(WEB_ROOT_GZ)
EXTRA_DIST += $(addprefix web/src/,$(WEB_PAGE_FILES)) web/package.json web/package-lock.json \
	web/README.md
CLEANFILES += $(WEB_ROOT_FILES) $(WEB_ROOT_GZ) web/npm.stamp

web/root/%: $(top_srcdir)/web/src/%
	@mkdir -p web/root
	$(AM_V_GEN)cp $< $@

# npm ci once, in the source tree's web/ when it is writable (quickstart, in-tree builds), else
# in the build tree (distcheck's read-only source); web/npm.stamp records where.
web/npm.stamp: $(top_srcdir)/web/package-lock.json
	@mkdir -p web
	$(AM_V_GEN)src='$(top_srcdir)/web'; \
	if [ -f "$$src/node_modules/uplot/dist/uPlot.iife.min.js" ] && \
	   [ -f "$$src/node_modules/playwright-core/package.json" ]; then d="$$src"; \
	elif [ -w "$$src" ]; then d="$$src"; (cd "$$src" && npm ci --no-audit --no-fund) || exit 1; \
	else d="$$(pwd)/web/npm"; mkdir -p "$$d" && cp "$$src/package.json" "$$src/package-lock.json" "$$d/" && \
	  (cd "$$d" && npm ci --no-audit --no-fund) || exit 1; fi; \
	echo "$$(cd "$$d" && pwd)/node_modules" >$@

web/root/uPlot.iife.min.js web/root/uPlot.min.css: web/npm.stamp
	@mkdir -p web/root
	$(AM_V_GEN)cp "$$(cat web/npm.stamp)/uplot/dist/$(@F)" $@

web/root/%.gz: web/root/%
	$(AM_V_GEN)gzip -9 -n -c $< >$@

# Tests: the websocket API and HTTP side with a real client (npm ws) against hubd + mosquitto +
# hub-sim; tokens; TLS.
HUB_TESTS += tests/test-web-api.sh
EXTRA_DIST += tests/test-web-api.sh tests/test-web-api.js tests/lib-web.sh

# The dashboard in Debian's headless chromium (playwright-core): sign in, toggle a simulated
# light (page and device), command box, charts, Chinese, phone size, hub restart; screenshots
# in tests/logs/.
HUB_TESTS += tests/test-web-browser.sh
EXTRA_DIST += tests/test-web-browser.sh tests/browser/dashboard.js

# tools/bench-ws.sh: N subscribed websocket clients while a state changes at a set rate:
# latency p50/p99, hubd CPU and RSS. test-web-bench.sh runs it briefly.
dist_noinst_SCRIPTS += tools/bench-ws.sh
EXTRA_DIST += tools/bench-ws.js tests/test-web-bench.sh
HUB_TESTS += tests/test-web-bench.sh

# Fuzz target of the websocket API's message handling (clang + libFuzzer + ASan/UBSan): the
# daemon's own registry/state/store code, no socket.
FUZZ_WEB_SRC = $(top_srcdir)/tests/fuzz/fuzz-web.c $(top_srcdir)/hubd/web.c $(top_srcdir)/hubd/token.c \
	$(top_srcdir)/hubd/state.c $(top_srcdir)/hubd/registry.c $(top_srcdir)/hubd/store.c \
	$(top_srcdir)/hubd/map.c $(top_srcdir)/hubd/conf.c $(top_srcdir)/hubd/plugins.c \
	$(top_srcdir)/hubd/rules.c $(top_srcdir)/hubd/rules_yaml.c $(top_srcdir)/hubd/clock.c \
	$(top_srcdir)/hubd/sun.c $(top_srcdir)/common/hub_log.c $(top_srcdir)/common/hub_status.c
if HAVE_FUZZ_CC
check_SCRIPTS += tests/fuzz/fuzz-web
tests/fuzz/fuzz-web: $(FUZZ_WEB_SRC) $(top_srcdir)/hubd/web.h $(top_srcdir)/hubd/hub.h $(top_srcdir)/hubd/rules.h \
	$(top_srcdir)/hubd/store.h $(top_srcdir)/hubd/token.h
	@mkdir -p tests/fuzz
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) $(LWS_CFLAGS) $(CRYPTO_CFLAGS) $(JANSSON_CFLAGS) \
	  $(SQLITE_CFLAGS) $(UV_CFLAGS) $(MOSQUITTO_CFLAGS) $(YAML_CFLAGS) -o $@ $(FUZZ_WEB_SRC) \
	  $(LWS_LIBS) $(CRYPTO_LIBS) $(JANSSON_LIBS) $(SQLITE_LIBS) $(UV_LIBS) $(MOSQUITTO_LIBS) \
	  $(YAML_LIBS) $(LIBS) -pthread
endif
CLEANFILES += tests/fuzz/fuzz-web
HUB_TESTS += tests/test-fuzz-web.sh
EXTRA_DIST += tests/test-fuzz-web.sh tests/fuzz/fuzz-web.c tests/fuzz/seeds/web

# Access tokens: SHA-256 vectors, format, create/check/revoke/replace on a real store.
check_PROGRAMS += tests/test-web-token
tests_test_web_token_SOURCES = tests/test-web-token.c
tests_test_web_token_CPPFLAGS = $(AM_CPPFLAGS) $(HUBD_PKG_CFLAGS)
tests_test_web_token_LDADD = $(HUBD_CORE_LIBS)
HUB_TESTS += tests/test-web-token
