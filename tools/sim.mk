# tools/sim.mk: hub-sim, the simulated house.
EXTRA_DIST += tests/lib-broker.sh
