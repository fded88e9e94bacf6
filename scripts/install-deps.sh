#!/usr/bin/env bash
# Installs the system packages the suite needs (Debian/Ubuntu), only when missing, non-interactively:
#   libgsl-dev  GSL headers and libraries (ReferenceLaws links it through pkg-config)
#   pkg-config  lets SwiftPM find GSL
#   gnuplot-nox draws the PNG/SVG plots of `langevin-verify` (optional for tests)
set -euo pipefail
needed=()
for pkg in libgsl-dev pkg-config gnuplot-nox; do
    dpkg -s "$pkg" >/dev/null 2>&1 || needed+=("$pkg")
done
if [ ${#needed[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "installing: ${needed[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${needed[@]}" >/dev/null
fi
