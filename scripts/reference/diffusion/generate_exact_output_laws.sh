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
root="$(cd "$here/../../.." && pwd)"
. "$root/scripts/lib/throwaway-venv.sh"
throwaway_python EXACT_REF_PYTHON exact-ref numpy mpmath
freeze="$(pinned_versions 'numpy|mpmath')"
echo "$freeze"
EXACT_REF_COMMAND="scripts/reference/diffusion/generate_exact_output_laws.sh" \
EXACT_REF_INSTALL_COMMAND="$install_cmd" \
EXACT_REF_PIP_FREEZE="$freeze" \
    "$python" "$here/exact_output_laws.py" "$@"
