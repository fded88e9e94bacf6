#!/usr/bin/env bash
# A throw-away Python venv with jax (CPU) from PyPI, for the JAX peer of `langevin-verify bench --with-jax`.
# Prints the venv's python on stdout (everything else goes to stderr). The venv lives outside the repository,
# in ${LANGEVIN_JAX_VENV:-$HOME/.cache/langevin-verification/jax-venv}; delete that directory to throw it away
# (the next --with-jax run installs it again). Needs python3 with the venv module and network access to PyPI.
set -euo pipefail
venv=${LANGEVIN_JAX_VENV:-${HOME:-/tmp}/.cache/langevin-verification/jax-venv}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import jax, numpy" >/dev/null 2>&1; then
    echo "installing jax (CPU) from PyPI into $venv ..." >&2
    rm -rf "$venv"
    python3 -m venv "$venv" >&2
    "$venv/bin/python" -m pip install --quiet --upgrade pip >&2
    "$venv/bin/python" -m pip install --quiet "jax[cpu]" numpy >&2
fi
"$venv/bin/python" -c "import jax; print('jax', jax.__version__, file=__import__('sys').stderr)" >&2
echo "$venv/bin/python"
