#!/usr/bin/env bash
# Instruction counts of the engine under callgrind (repeatable on a noisy machine, unlike timings): runs
# `langevin-verify simulate` for each scheme on the bench's diagonal drift b(x) = −diag(1 + i/d) x, one thread, and
# prints the total instructions (Ir), Ir per chain·step·dimension and the three functions with the most
# instructions of their own (self Ir, demangled). With --before REV it builds REV in a temporary copy too
# (`git archive`, release) and prints both, so a change can be judged by its counts.
#
#   scripts/bench/callgrind.sh [--before REV] [--chains 2000] [--steps 100] [--dim 10] [--schemes "lmc;plmc --K inf"]
#
# Needs valgrind (Debian package `valgrind`; installed here with apt-get when missing, using sudo when not root)
# and a Swift toolchain. The counts depend on the compiler and the CPU features libm picks at run time, not on load.
set -euo pipefail
cd "$(dirname "$0")/../.."
before="" chains=2000 steps=100 dim=10 schemes="lmc;plmc --K inf;plmc --K 16;rlmc"
while [ $# -gt 0 ]; do
    case "$1" in
        --before) before="$2"; shift 2 ;;
        --chains) chains="$2"; shift 2 ;;
        --steps) steps="$2"; shift 2 ;;
        --dim) dim="$2"; shift 2 ;;
        --schemes) schemes="$2"; shift 2 ;;
        *) echo "callgrind.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
if ! command -v valgrind >/dev/null || ! command -v callgrind_annotate >/dev/null; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "installing valgrind (Debian package) ..." >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq valgrind >/dev/null
fi
# The bench's diagonal drift as a --matrix argument: A = diag(1 + i/d).
matrix=$(python3 -c "d=$dim; print(';'.join(','.join(repr(1+i/d) if i==j else '0' for j in range(d)) for i in range(d)))")

echo "== building the current tree (release)" >&2
swift build -c release --product langevin-verify >&2
tools=("after:$PWD/.build/release/langevin-verify")
if [ -n "$before" ]; then
    commit=$(git rev-parse --verify "$before^{commit}")
    dir="${TMPDIR:-/tmp}/langevin-callgrind-$commit"
    if [ ! -x "$dir/.build/release/langevin-verify" ]; then
        echo "== building $before ($commit) in $dir (release)" >&2
        rm -rf "$dir" && mkdir -p "$dir"
        git archive "$commit" | tar -x -C "$dir"
        (cd "$dir" && swift build -c release --product langevin-verify >&2)
    fi
    tools=("before:$dir/.build/release/langevin-verify" "${tools[@]}")
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
units=$((chains * steps * dim))
echo "callgrind: simulate --chains $chains --steps $steps, d = $dim diagonal, one thread ($units chain·step·dimension units)"
IFS=';' read -r -a list <<< "$schemes"
for scheme in "${list[@]}"; do
    for entry in "${tools[@]}"; do
        label=${entry%%:*} tool=${entry#*:}
        file="$out/$label.$(echo "$scheme" | tr -c 'a-zA-Z0-9' '_').out"
        # shellcheck disable=SC2086
        valgrind --tool=callgrind --callgrind-out-file="$file" "$tool" simulate --scheme $scheme --eta 0.1 \
            --matrix "$matrix" --chains "$chains" --steps "$steps" --threads 1 --json >/dev/null 2>&1
        total=$(callgrind_annotate "$file" | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
        printf '%-18s %-7s Ir %14s  (%6.1f per chain·step·dimension)\n' "$scheme" "$label" "$total" \
            "$(python3 -c "print($total / $units)")"
        callgrind_annotate --inclusive=no "$file" | awk '/file:function/ {p=1; next} p && NF {print}' | head -3 \
            | while read -r ir percent rest; do
                name=${rest#*:}
                name=${name%% \[*}
                printf '      %14s %8s  %s\n' "$ir" "$percent" "$(swift demangle --simplified "$name" | cut -c1-140)"
            done
    done
done
