#!/usr/bin/env bash
# Engine speed: ns per chain·step·dimension for LMC, PLMC (K = 16 and ∞) and RLMC, d = 10 and 100, diagonal
# and dense A, N = 10⁵ chains, 1 and 2 threads, next to the cost of the Gaussians alone; then the NumPy
# PLMC(K=∞) reference at d = 10. Release builds only.
#
# Until `langevin-verify bench` exists this runs the hand-run XCTest probe (skipped unless LANGEVIN_BENCH=1):
#   LANGEVIN_BENCH=1 swift test -c release --filter EngineSpeedProbe
# Options (environment): LANGEVIN_BENCH_CHAINS (default 100000), LANGEVIN_BENCH_DIMS ("10,100"),
# LANGEVIN_BENCH_KINDS ("diag,dense"), LANGEVIN_BENCH_REPEATS (3).
# Later (once the CLI has it): swift run -c release langevin-verify bench ...
set -euo pipefail
cd "$(dirname "$0")/../.."
if swift run -c release langevin-verify bench --help >/dev/null 2>&1; then
    swift run -c release langevin-verify bench "$@"
else
    LANGEVIN_BENCH=1 swift test -c release --filter EngineSpeedProbe 2>&1 | grep '^BENCH'
fi
python3 scripts/bench/plmc_numpy.py --dim 10 --chains "${LANGEVIN_BENCH_CHAINS:-100000}"
