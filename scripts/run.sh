#!/usr/bin/env bash
# Installs what is missing, builds the app (UI embedded) and starts it.
# Data: $PHATSADU_DATA_DIR if set, else the user's data folder (~/.local/share/phatsadu).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_system_packages
ensure_rust
ensure_node
ensure_ui_packages

say "Building the UI"
(cd ui && npm run build)

say "Building Phatsadu (release; the first build takes several minutes)"
cargo build --release --locked -p phatsadu-app -p phatsadu-cli

say "Starting Phatsadu"
exec "$ROOT/target/release/phatsadu" "$@"
