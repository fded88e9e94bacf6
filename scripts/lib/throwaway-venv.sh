# Sourced (not run) by the scripts that produce committed reference values with a Python library from PyPI.
#
#   throwaway_python OVERRIDE_VARIABLE LABEL PACKAGE...
#
# Sets two shell variables for the caller:
#   python       an interpreter that imports PACKAGE...: the one named by $OVERRIDE_VARIABLE when that is set (no
#                install), otherwise a fresh virtual environment in a temporary directory with PACKAGE... installed
#                from the default PyPI index, deleted again when the calling script exits;
#   install_cmd  how the interpreter was obtained, for the provenance the reference files record.
# Needs python3 with the venv module, and network access to PyPI unless the override is set.
throwaway_python() {
    local override_variable="$1" label="$2"
    shift 2
    if [ -n "${!override_variable:-}" ]; then
        python="${!override_variable}"
        install_cmd="(none: pre-existing interpreter $override_variable=$python)"
        return
    fi
    throwaway_venv_dir="$(mktemp -d "${TMPDIR:-/tmp}/$label.XXXXXX")"
    trap 'rm -rf "$throwaway_venv_dir"' EXIT
    python3 -m venv "$throwaway_venv_dir/venv"
    echo "installing $* into a temporary virtual environment ..." >&2
    "$throwaway_venv_dir/venv/bin/pip" install --quiet --disable-pip-version-check "$@"
    python="$throwaway_venv_dir/venv/bin/python"
    install_cmd="python3 -m venv \$VENV && \$VENV/bin/pip install $*"
}

# pinned_versions PATTERN: the `pip freeze` lines of the packages matching PATTERN (an extended regular expression of
# package names), for the provenance.
pinned_versions() {
    "$python" -m pip freeze --disable-pip-version-check | grep -iE "^($1)==" || true
}
