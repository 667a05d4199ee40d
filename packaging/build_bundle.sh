#!/usr/bin/env bash
# Build the Linux app: dist/skolehjem/ (one folder, runs with no Python installed) and
# dist/skolehjem-<version>-linux-<arch>.tar.gz with the folder, the menu entry, the icon
# and install.sh. Run through ./dev.sh bundle (which sets up .venv first).
#
#   packaging/build_bundle.sh [DIST_DIR [WORK_DIR]]
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PY:-.venv/bin/python}"
DIST="${1:-dist}"
WORK="${2:-build/pyinstaller}"
# The version has one home: skolehjem_desktop/__init__.py.
VERSION=$("$PY" -c 'from skolehjem_desktop import __version__; print(__version__)')
ARCH=$(uname -m)
NAME="skolehjem-$VERSION-linux-$ARCH"

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" packaging/skolehjem.spec

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
mkdir "$STAGE/$NAME"
cp -a "$DIST/skolehjem" "$STAGE/$NAME/skolehjem"
cp packaging/skolehjem.desktop packaging/linux/install.sh "$STAGE/$NAME/"
cp resources/icons/skolehjem.svg packaging/icons/skolehjem-256.png "$STAGE/$NAME/"
cp LICENSE "$STAGE/$NAME/LICENSE"
chmod 755 "$STAGE/$NAME/install.sh"
tar -C "$STAGE" -czf "$DIST/$NAME.tar.gz" "$NAME"

echo "Built $DIST/skolehjem/ ($(du -sh "$DIST/skolehjem" | cut -f1)) and $DIST/$NAME.tar.gz" \
     "($(du -h "$DIST/$NAME.tar.gz" | cut -f1)) in $(( $(date +%s) - start )) s."
