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

say "Lints (cargo clippy -D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

say "Rust tests (cargo test --workspace)"
cargo test --workspace --locked

say "All tests passed"
