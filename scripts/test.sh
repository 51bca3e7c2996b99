#!/usr/bin/env bash
# Installs what is missing and runs every test. This is the command CI runs.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never

ensure_system_packages
ensure_rust

say "Formatting (cargo fmt --check)"
cargo fmt --all --check

# The app embeds ui/dist; until the UI lands an empty folder stands in.
mkdir -p ui/dist

say "Lints (cargo clippy -D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

say "Rust tests (cargo test --workspace)"
cargo test --workspace --locked

say "The core builds without Tauri"
if cargo tree -p phatsadu-core -e normal,build --locked | grep -qi tauri; then
  echo "phatsadu-core depends on tauri" >&2
  exit 1
fi

say "All tests passed"
