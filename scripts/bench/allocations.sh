#!/usr/bin/env bash
# Heap allocations of the engine do not grow with the number of steps: runs `langevin-verify simulate` for 10 and
# 200 steps under valgrind (memcheck) for each scheme and prints valgrind's "total heap usage" line. Equal counts
# (up to the rare geometric growth of a midpoint buffer when a step draws more midpoints than ever before) mean
# no allocation per step. Needs valgrind (Debian package `valgrind`) and a release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product langevin-verify >/dev/null
tool=.build/release/langevin-verify
for scheme in "lmc" "plmc --K inf" "plmc --K 16" "rlmc" "ulmc" "plmc-ulmc --K inf"; do
    for steps in 10 200; do
        # shellcheck disable=SC2086
        usage=$(valgrind --tool=memcheck --leak-check=no "$tool" simulate --scheme $scheme --eta 0.1 \
            --matrix "2,0.3;0.3,1" --chains 300 --steps "$steps" --threads 1 --json 2>&1 >/dev/null \
            | grep "total heap usage" | sed 's/^==[0-9]*== *//')
        echo "$scheme, $steps steps: $usage"
    done
done
