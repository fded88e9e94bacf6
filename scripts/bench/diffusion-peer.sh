#!/usr/bin/env bash
# Runs the PyTorch/diffusers peer of the diffusion-sampling speed benchmark (diffusion_torch_peer.py, next to this
# file) inside its own Python virtual environment. Every argument except --install goes to the Python script; see
# `scripts/bench/diffusion-peer.sh --help` and scripts/bench/README.md for the workload and the JSON on stdout.
#
#   DIFFUSION_PEER_VENV=/path   the virtual environment to use or create
#                               (default ${XDG_CACHE_HOME:-~/.cache}/langevin-verification/diffusion-peer)
#   --install                   create the environment when it is missing: python3 -m venv, then
#                               `pip install diffusers torch` from the default PyPI index. This downloads about
#                               3 GB (torch comes with its CUDA libraries even though the peer runs on the CPU) and
#                               takes about 6 GB of disk. Never run it in CI (refused when $CI is set).
#                               `diffusion-peer.sh --install` alone installs and exits.
#
# Exit status: 0 success; 1 the peer failed (including a failed --check); 2 bad arguments or bad input files;
# 3 the environment is missing and --install was not given (one line on stderr says how to install), or --install
# was refused in CI; 4 the installation failed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${DIFFUSION_PEER_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/langevin-verification/diffusion-peer}"
marker="$venv/.diffusion-peer-installed"

install=0
args=()
for a in "$@"; do
    if [ "$a" = "--install" ]; then install=1; else args+=("$a"); fi
done

installed() {
    [ -x "$venv/bin/python" ] || return 1
    [ -f "$marker" ] && return 0
    # An environment made by hand (DIFFUSION_PEER_VENV) counts when it imports the three packages.
    HF_HUB_OFFLINE=1 "$venv/bin/python" -c "import numpy, torch, diffusers" >/dev/null 2>&1
}

if ! installed; then
    if [ "$install" -eq 0 ]; then
        echo "diffusion peer not installed: run scripts/bench/diffusion-peer.sh --install (pip install diffusers torch into $venv, about 3 GB download)" >&2
        exit 3
    fi
    if [ -n "${CI:-}" ]; then
        echo "diffusion peer not installed, and --install is refused in CI (about 3 GB download)" >&2
        exit 3
    fi
    echo "installing diffusers and torch into $venv (about 3 GB download, about 6 GB on disk) ..." >&2
    start=$(date +%s)
    if ! { python3 -m venv "$venv" &&
           "$venv/bin/pip" install --quiet --disable-pip-version-check diffusers torch >&2; }; then
        echo "installation into $venv failed" >&2
        exit 4
    fi
    "$venv/bin/python" -m pip freeze --disable-pip-version-check >"$marker"
    echo "installed in $(( $(date +%s) - start )) s; $(du -sh "$venv" | cut -f1) on disk:" \
        "$(grep -iE '^(diffusers|torch|numpy)==' "$marker" | tr '\n' ' ')" >&2
fi

if [ "${#args[@]}" -eq 0 ] && [ "$install" -eq 1 ]; then
    exit 0
fi
HF_HUB_OFFLINE=1 exec "$venv/bin/python" "$here/diffusion_torch_peer.py" "${args[@]}"
