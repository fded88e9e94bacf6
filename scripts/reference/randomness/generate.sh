#!/usr/bin/env bash
# Regenerates the committed reference data of the Randomness tests (run from anywhere; needs gcc, python3 with
# mpmath and numpy ≥ 2.0 — the numpy wheel ships numpy/random/lib/libnpyrandom.a — and the Python headers).
#   data/reference/randomness/ziggurat_tables.json   + Sources/Randomness/GeneratedTables.swift   (mpmath)
#   data/reference/randomness/ziggurat1024_tables.json + Sources/Randomness/GeneratedVectorZiggurat.swift (mpmath)
#   data/reference/randomness/reference_streams.json (Vigna's SplitMix64 / xoshiro256** reference code, in C)
#   data/reference/randomness/numpy_crosscheck.json  (numpy's compiled samplers driven by xoshiro256**)
#   data/reference/randomness/log_pmf.json           (mpmath log-probabilities for DiscreteLogPMF)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
out="$root/data/reference/randomness"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

python3 "$here/ziggurat_tables.py"
python3 "$here/ziggurat1024_tables.py"
python3 "$here/log_pmf_reference.py" > "$out/log_pmf.json"

gcc -O2 -std=c11 -Wall -Wextra -o "$tmp/reference_streams" "$here/reference_streams.c"
"$tmp/reference_streams" > "$out/reference_streams.json"

np="$(python3 -c 'import numpy, os; print(os.path.dirname(numpy.__file__))')"
npver="$(python3 -c 'import numpy; print(numpy.__version__)')"
gcc -O2 -std=c11 $(python3-config --includes) -I"$np/_core/include" -DNUMPY_VERSION="\"$npver\"" \
    "$here/numpy_crosscheck.c" "$np/random/lib/libnpyrandom.a" -lm -o "$tmp/numpy_crosscheck"
"$tmp/numpy_crosscheck" > "$out/numpy_crosscheck.json"

python3 -c "import json, sys; [json.load(open(p)) for p in sys.argv[1:]]" "$out"/*.json
echo "wrote $(ls "$out")"
