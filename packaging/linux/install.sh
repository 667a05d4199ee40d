#!/bin/sh
# Install Skolehjem for you alone, no administrator needed:
#   the program   ~/.local/lib/skolehjem/
#   the command   ~/.local/bin/skolehjem-desktop
#   the menu      ~/.local/share/applications/skolehjem.desktop, with its icon
#
#   ./install.sh              install (or update: the old program is replaced)
#   ./install.sh --uninstall  remove the program; your data is kept
#
# Your data is not in the program's folder: it stays in ~/.local/share/Skolehjem.
# PREFIX=/some/where ./install.sh installs under another folder than ~/.local.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX="${PREFIX:-$HOME/.local}"
APPDIR="$PREFIX/lib/skolehjem"
BIN="$PREFIX/bin/skolehjem-desktop"
MENU="$PREFIX/share/applications/skolehjem.desktop"
ICONS="$PREFIX/share/icons/hicolor"

refresh_menus() {
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "$PREFIX/share/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$APPDIR"
    rm -f "$BIN" "$MENU" "$ICONS/scalable/apps/skolehjem.svg" "$ICONS/256x256/apps/skolehjem.png"
    refresh_menus
    echo "Skolehjem was removed. Your data in ~/.local/share/Skolehjem was kept."
    exit 0
fi

mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$PREFIX/share/applications" \
    "$ICONS/scalable/apps" "$ICONS/256x256/apps"
# Copy beside, then swap: an interrupted install never leaves half a program.
rm -rf "$APPDIR.new"
cp -R "$HERE/skolehjem" "$APPDIR.new"
rm -rf "$APPDIR"
mv "$APPDIR.new" "$APPDIR"
ln -sfn "$APPDIR/skolehjem" "$BIN"
sed -e "s|^Exec=.*|Exec=\"$APPDIR/skolehjem\"|" "$HERE/skolehjem.desktop" > "$MENU"
cp "$HERE/skolehjem.svg" "$ICONS/scalable/apps/skolehjem.svg"
cp "$HERE/skolehjem-256.png" "$ICONS/256x256/apps/skolehjem.png"
refresh_menus
echo "Skolehjem $("$APPDIR/skolehjem" --version | sed 's/^Skolehjem //') is installed."
echo "Start it from the menu (Skolehjem), or with: $BIN"
case ":$PATH:" in
    *":$PREFIX/bin:"*) ;;
    *) echo "($PREFIX/bin is not on your PATH yet; it is after the next login on most systems.)" ;;
esac
