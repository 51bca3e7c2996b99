#!/usr/bin/env bash
# Builds Phatsadu's Debian package with Tauri's bundler and prints the .deb's path (the only
# line on standard output; progress goes to standard error).
#
#   ./scripts/package-deb.sh           the release build, as users get it (the same build
#                                      scripts/run.sh makes, so one does not redo the other)
#   ./scripts/package-deb.sh --debug   the debug build scripts/test.sh already makes: seconds
#                                      instead of a release compile; what scripts/test-deb.sh
#                                      installs. Not for giving to users.
#
# The package holds /usr/bin/phatsadu (the app, UI embedded), /usr/bin/phatsadu-cli, the icons
# and the desktop entry (src-tauri/linux/phatsadu.desktop, Thai name); bundle > linux > deb in
# src-tauri/tauri.conf.json says what else. The bundler itself makes it depend on
# libwebkit2gtk-4.1-0 and libgtk-3-0; the config adds Recommends: xdg-utils (printed forms
# open in the PDF viewer through xdg-open) and fonts-thai-tlwg (Thai in the GTK dialogs,
# which the UI's embedded Sarabun does not reach). Installs what is missing first, as run.sh.
#
# Cargo builds the binaries and `tauri bundle` packs them, rather than `tauri build` doing
# both: the cargo command is then exactly run.sh's (or test.sh's), so no build is made twice
# with different flags, and the CLI, which is another crate, is built in the same call.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

profile=release
case "${1:-}" in
  --debug) profile=debug ;;
  "") ;;
  *) echo "usage: $0 [--debug]" >&2; exit 2 ;;
esac

{
  ensure_system_packages
  ensure_rust
  ensure_node
  ensure_ui_packages

  build_ui_if_stale

  cargo_flags=(--locked -p phatsadu-app -p phatsadu-cli)
  if [ "$profile" = release ]; then
    say "Building Phatsadu and phatsadu-cli (release; the first build takes several minutes)"
    cargo build --release "${cargo_flags[@]}"
  else
    say "Building Phatsadu and phatsadu-cli (debug)"
    # Exactly scripts/test.sh's build, so that it is the one packed here and nothing is built
    # twice: `cargo test --workspace` builds both programs (for its tests), and cargo picks
    # dependencies' features by what a command asks for, so `cargo build -p …` would build them
    # again with slightly different ones.
    CARGO_INCREMENTAL=0 cargo test --workspace --locked --no-run
  fi

  say "Packing the .deb (tauri bundle)"
  bundle_flags=(--bundles deb --ci --no-sign
    # Leave cargo's binary as cargo made it: the bundler would otherwise write the package
    # type into target/<profile>/phatsadu in place, which only Tauri's updater reads.
    --no-binary-patching
    # The CLI of the profile just built goes to /usr/bin (tauri.conf.json names release's).
    --config "{\"bundle\":{\"linux\":{\"deb\":{\"files\":{\"/usr/bin/phatsadu-cli\":\"../target/$profile/phatsadu-cli\"}}}}}")
  if [ "$profile" = debug ]; then bundle_flags+=(--debug); fi
  # The Tauri CLI comes prebuilt from npm (ui's devDependencies); it finds the app through
  # TAURI_APP_PATH and runs from ui/, the frontend folder the config's paths are written for.
  (cd ui && TAURI_APP_PATH="$ROOT/src-tauri" npx --no-install tauri bundle "${bundle_flags[@]}")
} >&2

version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)"
deb="$ROOT/target/$profile/bundle/deb/Phatsadu_${version}_$(dpkg --print-architecture).deb"
if [ ! -f "$deb" ]; then
  echo "the bundler made no $deb" >&2
  exit 1
fi
echo "$deb"
