#!/usr/bin/env bash
# Makes tests/fixtures/schema-N.sqlite.gz: a register written by the program as it was at
# each schema version N — the last commit before migration N+1 was added (HEAD for the
# newest) — with the sample organisation loaded by that program's own `sample-data`, and
# tests/fixtures/schema-N.json: its row counts and a few values to find again after the
# upgrade (crates/core/tests/upgrades.rs opens each with today's program).
#
#   ./scripts/make-schema-fixtures.sh          # every version without a fixture
#   ./scripts/make-schema-fixtures.sh 15       # just these versions (made again)
#
# Each old program is built from its commit in a worktree under target/fixture-builds,
# sharing one target directory (the first build takes a while; later ones reuse it).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_rust
ensure_system_packages sqlite3

fixtures="$ROOT/tests/fixtures"
work="$ROOT/target/fixture-builds"
mkdir -p "$fixtures" "$work"
migrations="crates/core/src/register/migrations"
latest=$(ls "$migrations" | grep -c '\.sql$')

# The commit whose program writes schema N.
commit_of() {
  local n=$1
  if [ "$n" -eq "$latest" ]; then
    git rev-parse HEAD
    return
  fi
  local next
  next=$(ls "$migrations" | grep "^$(printf %04d $((n + 1)))_")
  git rev-parse "$(git log --diff-filter=A --format=%H -- "$migrations/$next" | tail -n 1)^"
}

versions=("$@")
if [ ${#versions[@]} -eq 0 ]; then
  for n in $(seq 1 "$latest"); do
    [ -f "$fixtures/schema-$n.sqlite.gz" ] || versions+=("$n")
  done
fi

for n in "${versions[@]}"; do
  commit=$(commit_of "$n")
  say "schema $n: the program at ${commit:0:8}"
  tree="$work/v$n"
  rm -rf "$tree"
  git worktree prune
  git worktree add --detach --force "$tree" "$commit" >/dev/null
  (cd "$tree" && CARGO_TARGET_DIR="$work/target" cargo build -q -p phatsadu-cli)
  data=$(mktemp -d)
  "$work/target/debug/phatsadu-cli" --data-dir "$data" init >/dev/null
  "$work/target/debug/phatsadu-cli" --data-dir "$data" sample-data >/dev/null
  db="$data/phatsadu.sqlite"
  version=$(sqlite3 "$db" "PRAGMA user_version")
  [ "$version" -eq "$n" ] || { echo "the program at $commit wrote schema $version, not $n" >&2; exit 1; }
  out="$fixtures/schema-$n.sqlite"
  rm -f "$out" "$out.gz"
  sqlite3 "$db" "VACUUM INTO '$out'"
  # What the upgrade must keep: each table's rows, the newest audit hash, a few values.
  {
    echo "{"
    echo "  \"schema\": $n,"
    echo "  \"commit\": \"$commit\","
    echo "  \"auditHead\": \"$(sqlite3 "$out" "SELECT CASE typeof(hash) WHEN 'blob' THEN lower(hex(hash)) ELSE hash END FROM audit_log ORDER BY seq DESC LIMIT 1")\","
    echo "  \"firstAsset\": \"$(sqlite3 "$out" "SELECT code || '|' || name || '|' || unit_price FROM assets ORDER BY id LIMIT 1" 2>/dev/null)\","
    echo "  \"rows\": {"
    # Virtual tables (the old full-text index) are left out: Debian's sqlite3 may not know
    # their options, and the upgrade rebuilds the search index anyway.
    tables=$(sqlite3 "$out" "SELECT name FROM sqlite_schema WHERE type = 'table'
      AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
    first=1
    for t in $tables; do
      [ $first -eq 1 ] || echo ","
      first=0
      printf '    "%s": %s' "$t" "$(sqlite3 "$out" "SELECT count(*) FROM \"$t\"")"
    done
    echo ""
    echo "  }"
    echo "}"
  } >"$fixtures/schema-$n.json"
  gzip -9 "$out"
  rm -rf "$data"
  git worktree remove --force "$tree"
  say "schema $n: $(du -h "$out.gz" | cut -f1)"
done
