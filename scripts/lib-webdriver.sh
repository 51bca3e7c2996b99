#!/usr/bin/env bash
# WebDriver over curl, for the scripts that start a Phatsadu program in a window and look at
# it: scripts/test-deb.sh (the installed package) and scripts/bench-startup.sh (start-up and
# memory). Source after lib.sh. The end-to-end tests do the same in Rust (tests/src/lib.rs);
# these scripts need no compiled harness, only curl, node (for reading JSON) and the packages
# lib.sh installs: WebKitWebDriver (webkit2gtk-driver), xvfb-run and dbus-run-session.
#
# One driver at a time: wd_start sets WD_PID (its process group) and WD_URL, wd_session sets
# WD_SESSION, wd_stop ends both and everything the driver started.

WD_PID=""
WD_URL=""
WD_SESSION=""

# Prints a loopback TCP port that nothing listens on.
wd_free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# wd_start LOG [NAME=VALUE...]: starts WebKitWebDriver on a free port with the given
# environment (which the program it launches inherits), under its own D-Bus session (as a
# desktop has; the app's single-instance check uses it) and its own Xvfb screen of
# 1280×800, in a new process group so that wd_stop ends all of it.
wd_start() {
  local log=$1 port
  shift
  port="$(wd_free_port)"
  setsid env "$@" dbus-run-session -- \
    xvfb-run -a -s "-screen 0 1280x800x24" WebKitWebDriver --port="$port" >"$log" 2>&1 &
  WD_PID=$!
  WD_URL="http://127.0.0.1:$port"
  local deadline=$((SECONDS + 20))
  until curl -sf "$WD_URL/status" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ] || ! kill -0 "$WD_PID" 2>/dev/null; then
      echo "WebKitWebDriver did not start (log: $log)" >&2
      return 1
    fi
    sleep 0.1
  done
}

# wd_stop: ends the session (if any), then the driver's whole process group: the driver,
# the program it launched with its web processes, Xvfb and the D-Bus daemon.
wd_stop() {
  if [ -n "$WD_SESSION" ]; then
    curl -s -m 10 -X DELETE "$WD_URL/session/$WD_SESSION" >/dev/null 2>&1 || true
    WD_SESSION=""
  fi
  if [ -n "$WD_PID" ]; then
    kill -TERM -- "-$WD_PID" 2>/dev/null || true
    local deadline=$((SECONDS + 10))
    while kill -0 -- "-$WD_PID" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
      sleep 0.1
    done
    kill -KILL -- "-$WD_PID" 2>/dev/null || true
    wait "$WD_PID" 2>/dev/null || true
    WD_PID=""
  fi
}

# wd_post PATH JSON / wd_get PATH: the driver's answer, as JSON text.
wd_post() {
  curl -s -m 60 -X POST -H 'Content-Type: application/json' -d "$2" "$WD_URL$1"
}
wd_get() {
  curl -s -m 60 "$WD_URL$1"
}

# Reads a W3C answer on standard input and prints its "value": a string as it is, anything
# else as JSON. Fails when the answer is an error.
wd_value() {
  node -e '
    let text = "";
    process.stdin.on("data", (d) => (text += d)).on("end", () => {
      let answer;
      try { answer = JSON.parse(text); } catch { console.error("not JSON: " + text.slice(0, 300)); process.exit(1); }
      const v = answer.value;
      if (v && typeof v === "object" && v.error) { console.error(v.error + ": " + v.message); process.exit(1); }
      process.stdout.write(typeof v === "string" ? v : JSON.stringify(v));
    });'
}

# wd_session BINARY: asks the driver to launch BINARY (no arguments) and attach to its web
# view; sets WD_SESSION. The capability is the one tests/src/lib.rs gives fantoccini.
wd_session() {
  local answer
  answer="$(wd_post /session "{\"capabilities\":{\"alwaysMatch\":{\"webkitgtk:browserOptions\":{\"binary\":\"$1\",\"args\":[]}}}}")"
  WD_SESSION="$(printf '%s' "$answer" | node -e '
    let text = "";
    process.stdin.on("data", (d) => (text += d)).on("end", () => {
      try { process.stdout.write(JSON.parse(text).value.sessionId || ""); } catch { }
    });')"
  if [ -z "$WD_SESSION" ]; then
    echo "the driver did not start $1: ${answer:0:500}" >&2
    return 1
  fi
}

# wd_has CSS: whether an element matching CSS (no double quotes in it) is on the page now.
wd_has() {
  wd_post "/session/$WD_SESSION/element" "{\"using\":\"css selector\",\"value\":\"$1\"}" \
    | grep -q 'element-6066-11e4-a52e-4f735466cecf'
}

# wd_wait_for CSS SECONDS: waits until wd_has CSS, polling every 20 ms.
wd_wait_for() {
  local deadline=$((SECONDS + $2))
  until wd_has "$1"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "no element $1 within $2 s" >&2
      return 1
    fi
    sleep 0.02
  done
}

# wd_text CSS: the visible text of the first element matching CSS.
wd_text() {
  local id
  id="$(wd_post "/session/$WD_SESSION/element" "{\"using\":\"css selector\",\"value\":\"$1\"}" \
    | wd_value | node -e '
      let t = ""; process.stdin.on("data", (d) => (t += d)).on("end", () => {
        process.stdout.write(Object.values(JSON.parse(t))[0]); });')" || return 1
  wd_get "/session/$WD_SESSION/element/$id/text" | wd_value
}

# wd_source: the page's HTML now.
wd_source() {
  wd_get "/session/$WD_SESSION/source" | wd_value
}

# wd_screenshot FILE: a PNG of the window as it is now.
wd_screenshot() {
  wd_get "/session/$WD_SESSION/screenshot" | wd_value | base64 -d >"$1"
}

# Prints PID and every process descending from it, one a line (from /proc, without forking
# a process per entry: one pass builds who is whose child).
process_tree() {
  local -A children=()
  local stat line pid ppid
  for stat in /proc/[0-9]*/stat; do
    { read -r line <"$stat"; } 2>/dev/null || continue
    pid="${stat#/proc/}"
    pid="${pid%/stat}"
    # The command name may hold spaces and parentheses: the state and the parent's pid are
    # the first two fields after its last ")".
    line="${line##*) }"
    line="${line#* }"
    ppid="${line%% *}"
    children[$ppid]+="$pid "
  done
  local queue=("$1") i=0
  while [ "$i" -lt "${#queue[@]}" ]; do
    for pid in ${children[${queue[$i]}]:-}; do
      queue+=("$pid")
    done
    i=$((i + 1))
  done
  printf '%s\n' "${queue[@]}"
}

# Prints the pid of the process running BINARY among the descendants of the driver.
wd_program_pid() {
  local pid
  for pid in $(process_tree "$WD_PID"); do
    if [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$1" ]; then
      echo "$pid"
      return 0
    fi
  done
  return 1
}
