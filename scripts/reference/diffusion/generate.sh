#!/usr/bin/env bash
# Regenerates data/reference/diffusion/{inputs,samplers_linear,samplers_ldm}.json (run from anywhere).
# Creates a throw-away virtual environment in a temporary directory, installs diffusers and torch from the default
# PyPI index (about 3 GB of wheels, a few minutes; CPU only is fine), runs make_diffusers_reference.py in it, and
# deletes the environment again. Needs python3 with the venv module and network access to PyPI.
#   DIFFUSION_REF_PYTHON=/path/to/python  skips the install and uses that interpreter (it must import diffusers and
#                                          torch); the provenance then records that no install was made.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
out="$root/data/reference/diffusion"
. "$root/scripts/lib/throwaway-venv.sh"
throwaway_python DIFFUSION_REF_PYTHON diffusers-ref diffusers torch   # about 3 GB of wheels
freeze="$(pinned_versions 'diffusers|torch|numpy')"
echo "$freeze"
mkdir -p "$out"
HF_HUB_OFFLINE=1 \
DIFFUSION_REF_COMMAND="scripts/reference/diffusion/generate.sh" \
DIFFUSION_REF_INSTALL_COMMAND="$install_cmd" \
DIFFUSION_REF_PIP_FREEZE="$freeze" \
    "$python" "$here/make_diffusers_reference.py" --out "$out"
python3 -c "import json, sys; [json.load(open(p)) for p in sys.argv[1:]]" "$out"/*.json
du -ch "$out"/*.json | tail -1
