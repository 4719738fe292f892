# models/: the hub's own intent model (models/README.md says how it is rebuilt), installed where
# engine/intent.c looks for it: $(pkgdatadir)/models/hubd-intent.gguf.
modelsdir = $(pkgdatadir)/models
dist_models_DATA = models/hubd-intent.gguf
EXTRA_DIST += models/README.md
