#!/usr/bin/env bash
# Installs Phatsadu's Debian package on this machine and checks what a person gets from it:
# the files are where dpkg says (the app, /usr/bin/phatsadu-cli, the icon, a desktop entry
# named in Thai); the command line answers from /usr/bin; the program the desktop entry
# starts opens its window (under Xvfb, through WebKitWebDriver) on a fresh data folder and
# shows the setup wizard, whose heading is read back and photographed; then the package is
# removed and nothing of it is left. Exits non-zero on the first thing that is not so;
# whatever happens, the program is stopped and the package removed again.
#
#   ./scripts/test-deb.sh             packs the debug build (package-deb.sh --debug; seconds
#                                     once scripts/test.sh has built) and tests that
#   ./scripts/test-deb.sh --release   packs the release build (package-deb.sh) and tests that
#   ./scripts/test-deb.sh FILE.deb    tests the package given
#
# Needs root or sudo (dpkg -i, dpkg -r). Refuses to run where a "phatsadu" package is already
# installed, which it would replace and then remove. The screenshot of the wizard is kept in
# target/deb-test/<time>/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$ROOT/scripts/lib-webdriver.sh"
cd "$ROOT"
started=$SECONDS

PACKAGE=phatsadu
WIZARD_TITLE="ตั้งค่าการใช้งานครั้งแรก"

fail() {
  echo "test-deb: $*" >&2
  exit 1
}

installed() {
  dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q "install ok installed"
}

case "${1:-}" in
  "") deb="$(./scripts/package-deb.sh --debug)" ;;
  --release) deb="$(./scripts/package-deb.sh)" ;;
  *.deb) deb="$(realpath "$1")" ;;
  *) echo "usage: $0 [--release | FILE.deb]" >&2; exit 2 ;;
esac
[ -f "$deb" ] || fail "no package at $deb"
ensure_system_packages
ensure_node

work="$(mktemp -d)"
shots="$ROOT/target/deb-test/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$shots"
we_installed=0
cleanup() {
  local status=$?
  wd_stop
  if [ "$we_installed" = 1 ] && installed; then
    as_root dpkg -r "$PACKAGE" >/dev/null || status=1
  fi
  rm -rf "$work"
  if [ "$status" -eq 0 ]; then
    say "Package test passed in $((SECONDS - started)) s"
  else
    echo "test-deb: FAILED (driver and app log: $shots/driver-and-app.log)" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "Package: $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --field "$deb" Package Version Architecture Depends Installed-Size
[ "$(dpkg-deb --field "$deb" Package)" = "$PACKAGE" ] || fail "the package is not called $PACKAGE"
dpkg-deb --field "$deb" Depends | grep -q "libwebkit2gtk-4.1-0" ||
  fail "the package does not depend on libwebkit2gtk-4.1-0"
if installed; then
  fail "a $PACKAGE package is already installed here; this test would replace and then remove it (sudo dpkg -r $PACKAGE first)"
fi

say "Installing (dpkg -i)"
we_installed=1
as_root dpkg -i "$deb"
installed || fail "dpkg -i did not leave $PACKAGE installed"

say "What dpkg installed"
files="$(dpkg -L "$PACKAGE")"
for path in /usr/bin/phatsadu /usr/bin/phatsadu-cli; do
  grep -qx "$path" <<<"$files" || fail "dpkg -L does not list $path"
  [ -x "$path" ] || fail "$path is not an executable file"
done
grep -q '^/usr/share/icons/hicolor/.*/apps/phatsadu\.png$' <<<"$files" || fail "no icon in hicolor"
desktop="$(grep '^/usr/share/applications/.*\.desktop$' <<<"$files" | head -n1)"
[ -n "$desktop" ] && [ -f "$desktop" ] || fail "no desktop entry in /usr/share/applications"
echo "$desktop:"
cat "$desktop"
grep -q '^Type=Application$' "$desktop" || fail "the desktop entry is not an application"
grep -q '^Name=.*พัสดุ' "$desktop" || fail "the desktop entry's Name is not Thai"
grep -q '^Name\[th\]=พัสดุ' "$desktop" || fail "the desktop entry has no Name[th]"
grep -q '^Comment\[th\]=.*ครุภัณฑ์' "$desktop" || fail "the desktop entry has no Thai comment"
grep -q '^Icon=phatsadu$' "$desktop" || fail "the desktop entry does not use the installed icon"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate rejects $desktop"
fi

say "phatsadu-cli from /usr/bin"
/usr/bin/phatsadu-cli --help >"$work/cli-help.txt" || fail "phatsadu-cli --help failed"
head -n 5 "$work/cli-help.txt"
grep -q "backup" "$work/cli-help.txt" || fail "phatsadu-cli --help does not list its commands"
/usr/bin/phatsadu-cli --data-dir "$work/cli-data" init >/dev/null ||
  fail "the installed phatsadu-cli cannot create a register"
[ -f "$work/cli-data/phatsadu.sqlite" ] || fail "phatsadu-cli init made no register file"

say "Starting the installed program as its desktop entry does"
exec_name="$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop" | head -n1)"
app="$(command -v "$exec_name")" || fail "Exec=$exec_name is not on PATH"
[ "$app" = /usr/bin/phatsadu ] || fail "Exec=$exec_name finds $app, not /usr/bin/phatsadu"
dpkg -S "$app" | grep -q "^$PACKAGE:" || fail "$app does not belong to $PACKAGE"
mkdir -p "$work/home" "$work/data"
wd_start "$shots/driver-and-app.log" \
  TAURI_WEBVIEW_AUTOMATION=true PHATSADU_DATA_DIR="$work/data" HOME="$work/home" \
  XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/xdg-data" XDG_CACHE_HOME="$work/cache"
launched=$SECONDS
wd_session "$app"
# The heading of the wizard; its first field shows the form is there to fill in.
wd_wait_for "#setup-title" 60
wd_wait_for "[data-testid='setup-org-name']" 20
echo "setup wizard shown $((SECONDS - launched)) s after launch"
title="$(wd_text "#setup-title")"
[ "$title" = "$WIZARD_TITLE" ] || fail "the wizard's heading reads \"$title\", not \"$WIZARD_TITLE\""
wd_source >"$work/page.html"
grep -q "$WIZARD_TITLE" "$work/page.html" || fail "the page source has no \"$WIZARD_TITLE\""
wd_screenshot "$shots/setup-wizard.png"
[ "$(head -c 4 "$shots/setup-wizard.png" | od -An -c | tr -d ' ')" = '211PNG' ] ||
  fail "the screenshot is not a PNG"
echo "screenshot: $shots/setup-wizard.png ($(du -h "$shots/setup-wizard.png" | cut -f1))"
[ -f "$work/data/phatsadu.sqlite" ] ||
  fail "the program made no register in PHATSADU_DATA_DIR ($work/data)"
wd_stop
for exe in /proc/[0-9]*/exe; do
  [ "$(readlink "$exe" 2>/dev/null)" != "$app" ] || fail "$app still runs (${exe%/exe}) after stopping"
done

say "Removing (dpkg -r)"
as_root dpkg -r "$PACKAGE"
we_installed=0
! installed || fail "dpkg -r left $PACKAGE installed"
for path in /usr/bin/phatsadu /usr/bin/phatsadu-cli "$desktop"; do
  [ ! -e "$path" ] || fail "$path is still there after dpkg -r"
done
