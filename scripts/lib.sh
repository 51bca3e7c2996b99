#!/usr/bin/env bash
# Shared by scripts/run.sh and scripts/test.sh: install whatever is missing, quietly.
# Safe to run again: each step checks first and does nothing when all is in place.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

say() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian/Ubuntu packages the build and the tests need.
SYSTEM_PACKAGES=(
  build-essential pkg-config curl ca-certificates
  libwebkit2gtk-4.1-dev libssl-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver dbus-daemon
  poppler-utils
)

# Only the test command needs these: a browser on the office network (Debian's headless
# Chromium and its WebDriver) for the test of a division head approving from a browser.
TEST_PACKAGES=(chromium chromium-driver)

ensure_test_packages() {
  ensure_system_packages "${TEST_PACKAGES[@]}"
}

# Installs what is missing of SYSTEM_PACKAGES, or of the packages given.
ensure_system_packages() {
  local missing=()
  local wanted=("${SYSTEM_PACKAGES[@]}")
  if [ "$#" -gt 0 ]; then wanted=("$@"); fi
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "Installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

ensure_rust() {
  if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi
  if ! command -v cargo >/dev/null 2>&1; then
    say "Installing the Rust toolchain (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c rustfmt,clippy
    . "$HOME/.cargo/env"
  fi
  # rustfmt and clippy are needed by the checks; add them when an older install lacks them.
  if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    rustup component add rustfmt clippy
  fi
}

# Node 20.19+ is needed by Vite 8. Debian 12's own nodejs is 18, so fetch the official
# build into ~/.local when the machine has none or an old one.
NODE_VERSION=22.12.0
ensure_node() {
  local version=0
  if command -v node >/dev/null 2>&1; then
    # e.g. 20.19 → 2019: major*100 + minor
    version="$(node -p 'const [a, b] = process.versions.node.split("."); a * 100 + Number(b)')"
  fi
  if [ -x "$HOME/.local/node-v$NODE_VERSION/bin/node" ]; then
    export PATH="$HOME/.local/node-v$NODE_VERSION/bin:$PATH"
  elif [ "$version" -lt 2019 ]; then
    say "Installing Node.js $NODE_VERSION into ~/.local"
    local dir="$HOME/.local/node-v$NODE_VERSION"
    mkdir -p "$dir"
    curl -sSfL "https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-x64.tar.xz" \
      | tar -xJ -C "$dir" --strip-components=1
    export PATH="$dir/bin:$PATH"
  fi
}

# The UI's Node packages, exactly as locked.
ensure_ui_packages() {
  if [ ! -d "$ROOT/ui/node_modules" ] || [ "$ROOT/ui/package-lock.json" -nt "$ROOT/ui/node_modules/.package-lock.json" ]; then
    say "Installing the UI's packages (npm ci)"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund)
  fi
}

# Builds the UI into ui/dist (which the app embeds when it compiles) when it is missing or a
# UI source is newer. Rebuilding an up-to-date dist gives the same files with new times, and
# cargo would then recompile the app for nothing — minutes for a release build.
build_ui_if_stale() {
  if [ ! -f "$ROOT/ui/dist/index.html" ] || [ -n "$(cd "$ROOT/ui" && find src index.html \
      package-lock.json vite.config.ts svelte.config.js -newer dist/index.html -print -quit)" ]; then
    say "Building the UI"
    (cd "$ROOT/ui" && npm run --silent build)
  fi
}
