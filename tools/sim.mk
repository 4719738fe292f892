# tools/sim.mk: hub-sim, the simulated house.
