#!/usr/bin/env bash
# Engine speed: ns per chain·step·dimension for LMC, PLMC (K = 16 and ∞) and RLMC, d = 10 and 100, diagonal
# and dense A, 10⁵ chains, 1 thread and all cores, next to the cost of the Gaussians alone, and the NumPy
# PLMC(K=∞) reference (scripts/bench/plmc_numpy.py) in the same run. Release build. Extra arguments go to
# `langevin-verify bench` (see its --help), e.g. --dims 10 --kinds diag --repeats 5.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift run -c release langevin-verify bench "$@"
