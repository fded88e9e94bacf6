#!/usr/bin/env bash
# Instruction counts of the engine under callgrind (repeatable on a noisy machine, unlike timings): runs
# `langevin-verify simulate` for each scheme on the bench's diagonal drift b(x) = −diag(1 + i/d) x, one thread, and
# prints the instructions (Ir) of the steps alone (the difference of two runs that differ only in the number of
# steps), Ir per chain·step·dimension, and the three functions with the most instructions of their own (self Ir,
# demangled) in those steps. With --before REV it builds REV in a temporary copy too
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
# Two runs per scheme, with 10 and 10 + $steps steps: their difference is the cost of $steps steps, without the
# process start-up, the stream seeding and the final moments.
units=$((chains * steps * dim))
echo "callgrind: simulate, $chains chains, d = $dim diagonal, one thread; the instructions of $steps steps (the" \
     "difference of runs with $((steps + 10)) and 10 steps: $units chain·step·dimension units)"
IFS=';' read -r -a list <<< "$schemes"
for scheme in "${list[@]}"; do
    for entry in "${tools[@]}"; do
        label=${entry%%:*} tool=${entry#*:}
        base="$out/$label.$(echo "$scheme" | tr -c 'a-zA-Z0-9' '_')"
        for n in 10 $((steps + 10)); do
            # shellcheck disable=SC2086
            valgrind --tool=callgrind --callgrind-out-file="$base.$n.out" "$tool" simulate --scheme $scheme --eta 0.1 \
                --matrix "$matrix" --chains "$chains" --steps "$n" --threads 1 --json >/dev/null 2>&1
            callgrind_annotate --inclusive=no --threshold=100 --auto=no "$base.$n.out" > "$base.$n.txt"
        done
        python3 - "$base.10.txt" "$base.$((steps + 10)).txt" "$scheme" "$label" "$units" <<'PY'
import re, subprocess, sys
def functions(path):
    """Self Ir per function (callgrind_annotate splits a function by the source file of its inlined code)."""
    total, per = 0, {}
    for line in open(path):
        m = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$", line)
        if not m:
            continue
        ir, rest = int(m.group(1).replace(",", "")), m.group(2)
        if rest.startswith("PROGRAM TOTALS"):
            total = ir
            continue
        name = re.sub(r"\s+\[[^\]]*\]$", "", rest)
        name = name.split(":", 1)[1] if ":" in name else name
        per[name] = per.get(name, 0) + ir
    return total, per
(t0, f0), (t1, f1) = functions(sys.argv[1]), functions(sys.argv[2])
scheme, label, units = sys.argv[3], sys.argv[4], int(sys.argv[5])
print(f"{scheme:18s} {label:7s} Ir {t1 - t0:>13,d}  ({(t1 - t0) / units:6.1f} per chain·step·dimension)")
diff = sorted(((f1.get(k, 0) - f0.get(k, 0), k) for k in f1), reverse=True)[:3]
names = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(k for _, k in diff), capture_output=True,
                       text=True).stdout.splitlines()
for (ir, _), name in zip(diff, names):
    print(f"      {ir:>13,d} {100 * ir / (t1 - t0):5.1f}%  {name[:150]}")
PY
    done
done
