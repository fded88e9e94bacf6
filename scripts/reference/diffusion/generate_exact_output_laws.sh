#!/usr/bin/env bash
# Regenerates data/reference/diffusion/exact_output_laws.json (run from anywhere).
# Creates a throw-away virtual environment in a temporary directory, installs numpy and mpmath from the default PyPI
# index (about 20 MB of wheels), runs exact_output_laws.py in it, and deletes the environment again. Needs python3
# with the venv module and network access to PyPI. About 10 minutes on one core (mostly the Monte Carlo cross-check).
#   EXACT_REF_PYTHON=/path/to/python  skips the install and uses that interpreter (it must import numpy and mpmath);
#                                     the provenance then records that no install was made.
#   Extra arguments are passed to exact_output_laws.py (e.g. --mc-chains 20000 for a quick run, --out DIR).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
install_cmd="python3 -m venv \$VENV && \$VENV/bin/pip install numpy mpmath"

if [ -n "${EXACT_REF_PYTHON:-}" ]; then
    python="$EXACT_REF_PYTHON"
    install_cmd="(none: pre-existing interpreter EXACT_REF_PYTHON)"
else
    tmp="$(mktemp -d "${TMPDIR:-/tmp}/exact-ref.XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT
    python3 -m venv "$tmp/venv"
    echo "installing numpy and mpmath into a temporary virtual environment ..."
    "$tmp/venv/bin/pip" install --quiet --disable-pip-version-check numpy mpmath
    python="$tmp/venv/bin/python"
fi

freeze="$("$python" -m pip freeze --disable-pip-version-check | grep -iE '^(numpy|mpmath)==' || true)"
echo "$freeze"
EXACT_REF_COMMAND="scripts/reference/diffusion/generate_exact_output_laws.sh" \
EXACT_REF_INSTALL_COMMAND="$install_cmd" \
EXACT_REF_PIP_FREEZE="$freeze" \
    "$python" "$here/exact_output_laws.py" "$@"
