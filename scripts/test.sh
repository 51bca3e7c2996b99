#!/usr/bin/env bash
# Installs what is missing and runs every test. This is the command CI runs (.ci/run).
#   formatting and lints → UI type check and unit tests → Rust tests (core, CLI, shell IPC,
#   bindings freshness) → the core builds without Tauri → the end-to-end test in a real
#   window under Xvfb → the Debian package installed and started.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never
started=$SECONDS
step() { say "$* (at $((SECONDS - started)) s)"; }

ensure_system_packages
ensure_test_packages
ensure_rust
ensure_node
ensure_ui_packages

step "Formatting (cargo fmt --check)"
cargo fmt --all --check

step "UI: type check (svelte-check)"
(cd ui && npm run --silent check)

step "UI: unit and component tests (vitest)"
(cd ui && npm run --silent test)

step "UI: build (embedded into the app)"
(cd ui && npm run --silent build)

step "Lints (cargo clippy -D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests (cargo test --workspace)"
cargo test --workspace --locked

step "The core builds without Tauri"
if cargo tree -p phatsadu-core -e normal,build --locked | grep -qi tauri; then
  echo "phatsadu-core depends on tauri" >&2
  exit 1
fi

step "End-to-end: the real app under Xvfb, driven through WebKitWebDriver"
# cargo test above built them all: the end-to-end tests, and target/debug/phatsadu and
# phatsadu-server with the UI embedded. Naming the tests (--test) with --workspace, rather than
# -p phatsadu-e2e, keeps cargo's features exactly those of that build: with fewer packages asked
# for, a few dependencies get other features (syn, hashbrown) and everything above them is
# built a second time, gigabytes that once filled CI's disk. (Test names may use a-z, 0-9, _.)
e2e_tests=()
for name in $(sed -n 's/^name = "\([a-z0-9_]*\)"$/\1/p' tests/Cargo.toml); do
  e2e_tests+=(--test "$name")
done
dbus-run-session -- xvfb-run -a -s "-screen 0 1366x768x24" \
  cargo test --workspace --locked "${e2e_tests[@]}" -- --ignored --nocapture --test-threads=1

step "The Debian package: installed with dpkg, started from its desktop entry, removed"
# Packs the debug build made above (seconds); ./scripts/package-deb.sh alone makes the release one.
./scripts/test-deb.sh

step "All tests passed"
