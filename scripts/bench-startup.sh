#!/usr/bin/env bash
# Start-up, idle memory and register size of the desktop app, each next to its floor. Not part
# of the test command: the figures go in the issue notes.
#
#   ./scripts/bench-startup.sh
#
# Floor: src-tauri/examples/floor_window.rs, a bare Tauri window of this workspace (same tauri
# crate and features, a static page with one heading). Both programs are release builds.
#
# 1. Makes a register (crates/forms/examples/bench_register.rs): the sample organisation, the
#    100,000 generated items the forms benchmarks import, and the audit log filled to
#    1,000,000 entries with synthetic rows of the real rows' shape (that example says how).
#    Its size on disk is the register-size figure.
# 2. Start-up: RUNS times (after one start each that is not counted, so both start with warm
#    caches, as any start after the first does), the floor and then the app, each under its
#    own Xvfb (1280×800) and WebKitWebDriver: from asking the driver to launch the program to
#    the first usable screen being on the page — the floor's heading, the app's login field
#    (`[data-testid=login-username]`, on the register above). The driver polls every 20 ms.
# 3. Memory: MEMORY_RUNS more starts of each, alternating, each left IDLE seconds at that
#    screen; then the sum of the proportional set size (Pss in /proc/<pid>/smaps_rollup) of
#    the program and every process it started (WebKitWebProcess, WebKitNetworkProcess, ...);
#    the median. Pss shares a page among the processes that map it, so other WebKit programs
#    running meanwhile (an end-to-end test) make these figures smaller: run it on a quiet
#    machine.
# 4. A table against the targets: start ≤ 1.3 × floor and ≤ 1.5 s; idle memory ≤ floor +
#    150 MB; register ≤ 400 MB. Exits 0 when it measured, whether or not a target is met.
#
# Environment: PHATSADU_BENCH_RUNS (11), PHATSADU_BENCH_IDLE (60 s), PHATSADU_BENCH_MEMORY_RUNS
# (3), PHATSADU_BENCH_AUDIT (1000000). About nine minutes once built; the first run also
# compiles the release app (about 15 minutes on two cores), the floor and the register
# generator (about 4 minutes more). Files go to target/bench-startup/, the table also to
# target/bench-startup/results.txt.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$ROOT/scripts/lib-webdriver.sh"
cd "$ROOT"

RUNS="${PHATSADU_BENCH_RUNS:-11}"
IDLE="${PHATSADU_BENCH_IDLE:-60}"
MEMORY_RUNS="${PHATSADU_BENCH_MEMORY_RUNS:-3}"
AUDIT="${PHATSADU_BENCH_AUDIT:-1000000}"
OUT="$ROOT/target/bench-startup"
APP="$ROOT/target/release/phatsadu"
FLOOR="$ROOT/target/release/examples/floor_window"
APP_READY="[data-testid='login-username']"
FLOOR_READY="[data-testid='floor-ready']"

ensure_system_packages
ensure_rust
ensure_node
ensure_ui_packages

build_ui_if_stale
say "Building the release app and CLI (as scripts/run.sh), the floor and the register generator"
cargo build --release --locked -p phatsadu-app -p phatsadu-cli
cargo build --release --locked -p phatsadu-app --example floor_window
cargo build --release --locked -p phatsadu-forms --example bench_register

rm -rf "$OUT"
mkdir -p "$OUT/register" "$OUT/home-app" "$OUT/home-floor"
trap wd_stop EXIT
trap 'exit 130' INT TERM

say "Making the register: 100,000 assets, $AUDIT audit entries"
"$ROOT/target/release/examples/bench_register" "$OUT/register" --audit "$AUDIT" | tee "$OUT/register.txt"
register_bytes="$(stat -c %s "$OUT/register/phatsadu.sqlite")"

# launch NAME: a fresh driver (and Xvfb) with NAME's home and the bench register as the data
# folder (the floor ignores it). The program starts when wd_session asks for it.
launch() {
  local home="$OUT/home-$1"
  wd_start "$OUT/driver-$1.log" \
    TAURI_WEBVIEW_AUTOMATION=true PHATSADU_DATA_DIR="$OUT/register" HOME="$home" \
    XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache"
}

# time_start NAME BINARY READY: sets ELAPSED_MS, from asking the driver for a session
# (which starts BINARY) to READY being on the page.
time_start() {
  launch "$1"
  local t0 t1
  t0="$(date +%s%N)"
  wd_session "$2"
  wd_wait_for "$3" 60
  t1="$(date +%s%N)"
  # The app marks when its first screen is on the page (App.svelte): the page's own share,
  # measured inside it, without the driver's polling.
  PAGE_MS="$(wd_post "/session/$WD_SESSION/execute/sync" \
    '{"script":"const m = performance.getEntriesByName(\"phatsadu:first-screen\")[0]; return m ? Math.round(m.startTime) : null","args":[]}' \
    | wd_value 2>/dev/null || true)"
  wd_stop
  ELAPSED_MS=$(((t1 - t0) / 1000000))
}

# idle_pss NAME BINARY READY: starts BINARY, waits for READY, idles IDLE s, then sets
# PSS_KB to the Pss of the program and its descendants, printing each process's share.
idle_pss() {
  launch "$1"
  wd_session "$2"
  wd_wait_for "$3" 60
  sleep "$IDLE"
  local program pid kb
  program="$(wd_program_pid "$2")" || { echo "$2 is not running" >&2; return 1; }
  PSS_KB=0
  PSS_PARTS=""
  for pid in $(process_tree "$program"); do
    kb="$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null)" || continue
    [ -n "$kb" ] || continue
    PSS_PARTS+="${PSS_PARTS:+, }$(cat "/proc/$pid/comm" 2>/dev/null) $((kb / 1024)) MB"
    PSS_KB=$((PSS_KB + kb))
  done
  # Other web processes share WebKit's pages and so lower these Pss figures: say how many.
  local others=0 ours=" $(process_tree "$program" | tr '\n' ' ')" comm
  for comm in /proc/[0-9]*/comm; do
    pid="${comm#/proc/}"
    pid="${pid%/comm}"
    if [ "$(cat "$comm" 2>/dev/null)" = WebKitWebProces ] && [[ "$ours" != *" $pid "* ]]; then
      others=$((others + 1))
    fi
  done
  PSS_PARTS+="; other WebKit web processes on the machine: $others"
  echo "    $PSS_PARTS"
  wd_stop
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

say "Start-up: one start of each not counted, then $RUNS of each, alternating"
time_start floor "$FLOOR" "$FLOOR_READY"
time_start app "$APP" "$APP_READY"
floor_ms=()
app_ms=()
for run in $(seq "$RUNS"); do
  time_start floor "$FLOOR" "$FLOOR_READY"
  floor_ms+=("$ELAPSED_MS")
  time_start app "$APP" "$APP_READY"
  app_ms+=("$ELAPSED_MS")
  echo "  run $run: floor ${floor_ms[-1]} ms, app ${app_ms[-1]} ms (its page's first screen ${PAGE_MS:-?} ms after the page began)"
done
floor_median="$(median "${floor_ms[@]}")"
app_median="$(median "${app_ms[@]}")"

say "Memory after $IDLE s idle at the first screen, $MEMORY_RUNS starts of each, alternating"
floor_kbs=()
app_kbs=()
for run in $(seq "$MEMORY_RUNS"); do
  echo "  run $run, floor:"
  idle_pss floor "$FLOOR" "$FLOOR_READY"
  floor_kbs+=("$PSS_KB")
  floor_parts=$PSS_PARTS
  echo "  run $run, app:"
  idle_pss app "$APP" "$APP_READY"
  app_kbs+=("$PSS_KB")
  app_parts=$PSS_PARTS
done
floor_kb="$(median "${floor_kbs[@]}")"
app_kb="$(median "${app_kbs[@]}")"

verdict() { if [ "$1" = 1 ]; then echo met; else echo MISSED; fi; }
start_limit="$(awk -v f="$floor_median" 'BEGIN { l = 1.3 * f; if (l > 1500) l = 1500; printf "%d", l }')"
start_ok="$([ "$app_median" -le "$start_limit" ] && echo 1 || echo 0)"
mem_over_mb=$(((app_kb - floor_kb) / 1024))
mem_ok="$([ "$mem_over_mb" -le 150 ] && echo 1 || echo 0)"
size_mb=$((register_bytes / 1000000))
size_ok="$([ "$size_mb" -le 400 ] && echo 1 || echo 0)"

{
  echo
  echo "Phatsadu start-up benchmark, $(date '+%Y-%m-%d %H:%M'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  grep -E '^(register|audit|size):' "$OUT/register.txt"
  echo "start-up runs (ms): floor ${floor_ms[*]}; app ${app_ms[*]}"
  echo "memory runs (MB): floor $(for kb in "${floor_kbs[@]}"; do printf '%d ' $((kb / 1024)); done); app $(for kb in "${app_kbs[@]}"; do printf '%d ' $((kb / 1024)); done)"
  echo "memory by process, last run: floor: $floor_parts"
  echo "                              app: $app_parts"
  echo
  # The verdict before the target, so that the target's multi-byte signs (≤, ×) come last
  # and cannot misalign the columns.
  printf '%-38s %10s %10s   %-6s %s\n' "" floor app "" target
  printf '%-38s %7d ms %7d ms   %-6s %s\n' "start to first screen (median of $RUNS)" \
    "$floor_median" "$app_median" "$(verdict "$start_ok")" "≤ 1.3 × floor and ≤ 1.5 s, so ≤ $start_limit ms"
  printf '%-38s %7d MB %7d MB   %-6s %s\n' "memory after $IDLE s idle (median of $MEMORY_RUNS)" \
    "$((floor_kb / 1024))" "$((app_kb / 1024))" "$(verdict "$mem_ok")" "≤ floor + 150 MB (app: $(printf '%+d' "$mem_over_mb") MB)"
  printf '%-38s %10s %7d MB   %-6s %s\n' "register on disk" "" "$size_mb" "$(verdict "$size_ok")" "≤ 400 MB"
} | tee "$OUT/results.txt"
