# tools/: the demo launcher (what ./quickstart runs); hub-sim is in tools/sim.mk.
dist_noinst_SCRIPTS += tools/demo.sh
