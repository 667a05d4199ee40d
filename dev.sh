#!/usr/bin/env bash
# Skolehjem developer entry point. See README.md, "Quick start".
#
#   ./dev.sh demo    set everything up, fill a demo school, open the app on it
#   ./dev.sh test    set everything up, run ruff, mypy, the import contract and the tests
#   ./dev.sh setup   set everything up only
#   ./dev.sh i18n    extract messages and update the catalogues
#   ./dev.sh bundle  build the app: dist/skolehjem/ and dist/skolehjem-<version>-linux-<arch>.tar.gz
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
PY="$VENV/bin/python"
# Debian packages: Python's venv, what Qt needs to run (offscreen and on a desktop),
# poppler-utils, whose pdffonts the PDF tests use to prove every font is embedded, and
# binutils (objdump), which PyInstaller needs to build the app the bundle tests run.
APT_PACKAGES="python3-venv python3-pip poppler-utils binutils libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libglib2.0-0 libfontconfig1 libdbus-1-3 fonts-dejavu-core libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0"

# PyInstaller also needs the Python's shared library. Debian's python3 keeps it in the
# package libpython3.X; a Python built with --enable-shared (pyenv, python.org) has it.
python_shared_library_package() {
    python3 - <<'PY'
import os, sys, sysconfig
name = sysconfig.get_config_var("INSTSONAME") or sysconfig.get_config_var("LDLIBRARY") or ""
libdir = sysconfig.get_config_var("LIBDIR") or ""
multiarch = sysconfig.get_config_var("MULTIARCH") or ""
found = ".so" in name and any(
    os.path.exists(os.path.join(d, name)) for d in (libdir, os.path.join(libdir, multiarch))
)
if not found:
    print(f"libpython{sys.version_info[0]}.{sys.version_info[1]}")
PY
}

missing_debian_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local pkg missing=()
    for pkg in $APT_PACKAGES $(python_shared_library_package); do
        # python3-venv/pip are only needed where the Python in use lacks them.
        case "$pkg" in
            python3-venv) python3 -c 'import venv, ensurepip' >/dev/null 2>&1 && continue ;;
            python3-pip) continue ;;
        esac
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    echo "${missing[@]:-}"
}

system_packages() {
    local missing
    missing=$(missing_debian_packages)
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing system packages: $missing"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
        echo "Skolehjem needs these system packages. Install them as root, then run this again:" >&2
        if command -v sudo >/dev/null 2>&1; then
            echo "  sudo apt-get install $missing" >&2
        else
            echo "  su -c 'apt-get install $missing'" >&2
        fi
        exit 1
    fi
}

python_env() {
    if ! command -v python3 >/dev/null 2>&1; then
        echo "Python 3.11 or newer is needed (python3 not found)." >&2; exit 1
    fi
    python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
        echo "Python 3.11 or newer is needed; this is $(python3 --version)." >&2; exit 1; }
    [ -x "$PY" ] || python3 -m venv "$VENV"
    # Install exactly the locked versions, then the program itself (editable, no resolution).
    if [ ! -f "$VENV/.lock-installed" ] || ! cmp -s requirements.lock "$VENV/.lock-installed"; then
        "$PY" -m pip install -q --disable-pip-version-check -r requirements.lock
        cp requirements.lock "$VENV/.lock-installed"
    fi
    # The program itself, editable; setuptools' notes are shown only if the install fails.
    local out
    out=$("$PY" -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e . 2>&1) \
        || { echo "$out" >&2; exit 1; }
    "$PY" -m skolehjem_desktop.i18n.catalogues compile
}

setup() { system_packages; python_env; }

case "${1:-}" in
    setup) setup ;;
    demo)
        setup
        DEMO_DIR="${SKOLEHJEM_DATA_DIR:-$PWD/.demo-data}"
        if [ ! -f "$DEMO_DIR/skolehjem.sqlite" ]; then
            "$VENV/bin/skolehjem-desktop" --data-dir "$DEMO_DIR" demo
        fi
        shift
        exec "$VENV/bin/skolehjem-desktop" --data-dir "$DEMO_DIR" "$@"
        ;;
    test)
        setup
        shift
        "$VENV/bin/ruff" check .
        "$VENV/bin/ruff" format --check .
        "$VENV/bin/mypy"
        "$VENV/bin/lint-imports"   # the layers (pyproject.toml [tool.importlinter])
        QT_QPA_PLATFORM=offscreen "$PY" -m pytest "$@"
        ;;
    i18n) setup; "$PY" -m skolehjem_desktop.i18n.catalogues update ;;
    bundle) setup; packaging/build_bundle.sh ;;
    *)
        echo "usage: ./dev.sh demo | test [pytest args] | setup | i18n | bundle" >&2
        exit 2
        ;;
esac
