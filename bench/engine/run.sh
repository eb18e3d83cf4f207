#!/usr/bin/env bash
# The records engine before and after (issue 14): getOne, create and list-20 over 10,000 and 100,000
# records, both sides in one run, on 127.0.0.1. See README.md next to this script.
#
#   bench/engine/run.sh [BEFORE_DIR] [AFTER_DIR]
#
# BEFORE_DIR  a built checkout of the previous release. Default: a temporary
#             `git worktree add --detach` of ${BEFORE_REF:-dae006f}, built with
#             `./mvnw -B -ntp -q package -DskipTests`, removed at the end.
# AFTER_DIR   default: the project root this script lives in (its ./backpack builds itself if stale).
#
# Environment: SIZES ("10000 100000"), WARM (5 s of warm-up before each measurement), DUR (15 s
# measured), THREADS (2) and CONNS (50) of wrk, WRK_TIMEOUT (30 s: slower answers count as
# timeouts), CONC (16 creates in flight while seeding), READY_TIMEOUT (600 s for a side to print
# `ready`), BEFORE_REF, RESULTS_DIR (bench/results), BACKPACK_JAVA_OPTS (passed to both sides).
#
# Prints one markdown table on stdout and writes it, with the machine and both commits, to
# $RESULTS_DIR/engine-<UTC date-time>.md. Raw output of every step stays in a temporary directory
# (named at the end).
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

SIZES="${SIZES:-10000 100000}"
WARM="${WARM:-5}"
DUR="${DUR:-15}"
THREADS="${THREADS:-2}"
CONNS="${CONNS:-50}"
WRK_TIMEOUT="${WRK_TIMEOUT:-30}"
READY_TIMEOUT="${READY_TIMEOUT:-600}"
STOP_TIMEOUT="${STOP_TIMEOUT:-120}"
BEFORE_REF="${BEFORE_REF:-dae006f}"
RESULTS_DIR="${RESULTS_DIR:-$ROOT/bench/results}"
export CONC="${CONC:-16}"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- prerequisites ---------------------------------------------------------------------------------
command -v wrk >/dev/null || die "wrk is not installed (apt-get install -y wrk)"
command -v node >/dev/null || die "node is not installed (Node.js 20+)"
command -v curl >/dev/null || die "curl is not installed"
(( $(node -p 'process.versions.node.split(".")[0]') >= 20 )) || die "Node.js 20+ is needed (found $(node --version))"
for s in $SIZES; do [[ "$s" =~ ^[0-9]+$ ]] || die "SIZES must be numbers: $SIZES"; done
SIZES="$(tr ' ' '\n' <<<"$SIZES" | grep . | sort -n | paste -sd' ')"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-engine.XXXXXX")"
RESULTS="$WORK/results.jsonl"
: >"$RESULTS"

# --- state for cleanup -----------------------------------------------------------------------------
PLATFORM_PID=""
DATA_DIR=""
BEFORE_TMP=""

stop_platform() {
  [[ -n "$PLATFORM_PID" ]] || return 0
  local pid="$PLATFORM_PID"
  PLATFORM_PID=""
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping the platform (SIGTERM to $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$pid" 2>/dev/null && (( waited < STOP_TIMEOUT )); do sleep 1; waited=$((waited + 1)); done
    if kill -0 "$pid" 2>/dev/null; then
      log "the platform did not stop within ${STOP_TIMEOUT}s: SIGKILL to its process group $pid"
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    log "platform stopped after ${waited}s"
    # an embedded PostgreSQL runs in a session of its own: stop the one of this data directory, by pid
    if [[ -n "$DATA_DIR" ]]; then
      local pg
      for pg in $(pgrep -f -- "-D $DATA_DIR/" 2>/dev/null); do
        log "stopping a leftover PostgreSQL of $DATA_DIR (pid $pg)"
        kill -TERM "$pg" 2>/dev/null || true
      done
    fi
  fi
  # its own children (embedded PostgreSQL, redis-server) share its process group: none may outlive it
  if pgrep -g "$pid" >/dev/null 2>&1; then
    sleep 2
    kill -TERM -- "-$pid" 2>/dev/null || true
  fi
}

cleanup() {
  local rc=$?
  stop_platform
  [[ -n "$DATA_DIR" ]] && rm -rf "$DATA_DIR"
  if [[ -n "$BEFORE_TMP" ]]; then
    git -C "$ROOT" worktree remove --force "$BEFORE_TMP" 2>/dev/null || rm -rf "$BEFORE_TMP"
    git -C "$ROOT" worktree prune 2>/dev/null || true
  fi
  (( rc == 0 )) || log "failed (status $rc); raw output in $WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the two sides ---------------------------------------------------------------------------------
BEFORE_SKIP_BUILD="${BACKPACK_SKIP_BUILD:-0}"
if [[ -n "${1:-}" ]]; then
  BEFORE_DIR="$(cd "$1" && pwd)"
else
  BEFORE_TMP="$(mktemp -d "${TMPDIR:-/tmp}/bench-engine-before.XXXXXX")"
  rmdir "$BEFORE_TMP"
  log "before: git worktree add --detach $BEFORE_TMP $BEFORE_REF"
  git -C "$ROOT" worktree add --detach "$BEFORE_TMP" "$BEFORE_REF" >&2
  log "before: building it (./mvnw -B -ntp -q package -DskipTests; takes minutes)"
  (cd "$BEFORE_TMP" && ./mvnw -B -ntp -q package -DskipTests) >"$WORK/before-build.log" 2>&1 \
    || { tail -40 "$WORK/before-build.log" >&2; die "the build of $BEFORE_REF failed"; }
  BEFORE_DIR="$BEFORE_TMP"
  BEFORE_SKIP_BUILD=1   # built just now; its ./backpack would otherwise rebuild with `install`
fi
AFTER_DIR="$(cd "${2:-$ROOT}" && pwd)"
for d in "$BEFORE_DIR" "$AFTER_DIR"; do [[ -x "$d/backpack" ]] || die "$d has no ./backpack"; done

describe() {  # commit of a checkout: full hash, subject, "(uncommitted changes)" when dirty
  local d="$1"
  if git -C "$d" rev-parse HEAD >/dev/null 2>&1; then
    local dirty=""
    [[ -n "$(git -C "$d" status --porcelain --untracked-files=no 2>/dev/null)" ]] && dirty=" (with uncommitted changes)"
    printf '%s — %s%s' "$(git -C "$d" rev-parse HEAD)" "$(git -C "$d" log -1 --format=%s | cut -c1-100)" "$dirty"
  else
    printf 'not a git checkout'
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

json_field() {  # json_field FIELD <<<JSON
  node -e 'let t="";process.stdin.on("data",d=>t+=d).on("end",()=>{const v=JSON.parse(t)[process.argv[1]];console.log(v==null?"":v)})' "$1"
}

# run_wrk SIDE SIZE SCENARIO SCRIPT URL: warm-up, then the measured run; appends one result line
run_wrk() {
  local side="$1" size="$2" scenario="$3" script="$4" url="$5" out line
  if (( WARM > 0 )); then
    (cd "$HERE/wrk" && SCENARIO="$scenario-warmup" wrk -t"$THREADS" -c"$CONNS" -d"${WARM}s" \
      --timeout "${WRK_TIMEOUT}s" -s "$script" "$url") >>"$WORK/$side-wrk.log" 2>&1
  fi
  out="$(cd "$HERE/wrk" && SCENARIO="$scenario" wrk -t"$THREADS" -c"$CONNS" -d"${DUR}s" \
    --timeout "${WRK_TIMEOUT}s" --latency -s "$script" "$url" 2>&1)" || { echo "$out" >&2; die "wrk failed"; }
  printf '## %s %s @ %s\n%s\n' "$side" "$scenario" "$size" "$out" >>"$WORK/$side-wrk.log"
  line="$(grep '^BENCH ' <<<"$out" | tail -1)"
  [[ -n "$line" ]] || { echo "$out" >&2; die "wrk printed no BENCH line"; }
  line="${line#BENCH }"
  printf '{"side":"%s","size":%s,%s\n' "$side" "$size" "${line#\{}" >>"$RESULTS"
  log "$side $scenario @ $size: $(node -e 'const r=JSON.parse(process.argv[1]);console.log(`${r.rps} req/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms, non-2xx ${r.non2xx}, timeouts ${r.err_timeout}`)' "$line")"
}

# run_side SIDE DIR SKIP_BUILD
run_side() {
  local side="$1" dir="$2" skip="$3" port base waited=0 reg token size seed id url
  port="$(free_port)"
  DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/bench-engine-data.XXXXXX")"
  base="http://127.0.0.1:$port/bench"
  log "$side: starting $dir/backpack --port $port --data-dir $DATA_DIR --backpack bench"
  # its own process group (setsid), so that nothing it starts can outlive a failed stop
  BACKPACK_SKIP_BUILD="$skip" setsid "$dir/backpack" --port "$port" --data-dir "$DATA_DIR" --backpack bench \
    >"$WORK/$side-platform.log" 2>&1 </dev/null &
  PLATFORM_PID=$!
  until grep -qsw ready "$WORK/$side-platform.log"; do
    kill -0 "$PLATFORM_PID" 2>/dev/null || { tail -30 "$WORK/$side-platform.log" >&2; die "$side: the platform exited before it was ready"; }
    (( waited < READY_TIMEOUT )) || { tail -30 "$WORK/$side-platform.log" >&2; die "$side: not ready within ${READY_TIMEOUT}s"; }
    sleep 1; waited=$((waited + 1))
  done
  log "$side: ready after ${waited}s ($(grep -w ready "$WORK/$side-platform.log" | tail -1))"

  reg="$(curl -sS --fail-with-body -X POST "$base/api/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"bench-$side@example.com\",\"password\":\"bench-password-1\"}")" \
    || die "$side: register failed: $reg"
  token="$(json_field token <<<"$reg")"
  [[ -n "$token" ]] || die "$side: no token in $reg"
  export TOKEN="$token"

  url="$base/api/collections/posts/records"
  for size in $SIZES; do
    log "$side: seeding posts up to $size records"
    seed="$(node "$HERE/seed.mjs" "$base" "$token" posts "$size" 2> >(tee -a "$WORK/$side-seed.log" >&2) | grep '^SEED ' | tail -1)" \
      || die "$side: seeding failed (see $WORK/$side-seed.log)"
    seed="${seed#SEED }"
    printf '{"side":"%s","size":%s,"scenario":"seed",%s\n' "$side" "$size" "${seed#\{}" >>"$RESULTS"
    log "$side: $seed"
    id="$(json_field id <<<"$seed")"
    [[ -n "$id" ]] || die "$side: no record id to read"
    # create last: it adds records (WARM+DUR seconds of them) to the collection
    run_wrk "$side" "$size" getOne getone.lua "$url/$id"
    run_wrk "$side" "$size" list-20 list.lua "$url?limit=20"
    run_wrk "$side" "$size" create create.lua "$url"
  done
  unset TOKEN

  stop_platform
  rm -rf "$DATA_DIR"
  DATA_DIR=""
}

START="$(date -u +%s)"
STAMP="$(date -u +%Y-%m-%dT%H%M%SZ)"
BEFORE_DESC="$(describe "$BEFORE_DIR")"
AFTER_DESC="$(describe "$AFTER_DIR")"
log "before: $BEFORE_DIR — $BEFORE_DESC"
log "after:  $AFTER_DIR — $AFTER_DESC"
log "sizes: $SIZES; wrk -t$THREADS -c$CONNS, ${WARM}s warm-up + ${DUR}s; raw output in $WORK"

run_side before "$BEFORE_DIR" "$BEFORE_SKIP_BUILD"
run_side after "$AFTER_DIR" "${BACKPACK_SKIP_BUILD:-0}"

TABLE="$(node "$HERE/table.mjs" "$RESULTS")"
ELAPSED=$(( $(date -u +%s) - START ))

JAVA="java"; [[ -n "${JAVA_HOME:-}" ]] && JAVA="$JAVA_HOME/bin/java"
mkdir -p "$RESULTS_DIR"
REPORT="$RESULTS_DIR/engine-$STAMP.md"
{
  echo "# Records engine: before and after ($STAMP)"
  echo
  echo "- Date: $(date -u -d "@$START" '+%Y-%m-%d %H:%M UTC'); the run took $((ELAPSED / 60)) min $((ELAPSED % 60)) s"
  echo "- Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//')), $(free -h | awk '/^Mem:/{print $2}') memory, $(uname -sr)"
  echo "- Java: $("$JAVA" -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
  echo "- Tools: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), node $(node --version)"
  echo "- before: \`$BEFORE_DIR\` at $BEFORE_DESC"
  echo "- after: \`$AFTER_DIR\` at $AFTER_DESC"
  echo "- Settings: SIZES=\"$SIZES\" (records in \`posts\` when getOne and list-20 run; create runs last at each size), wrk -t$THREADS -c$CONNS, ${WARM} s warm-up + ${DUR} s measured, --timeout ${WRK_TIMEOUT}s; seeding with $CONC creates in flight; BACKPACK_JAVA_OPTS=\"${BACKPACK_JAVA_OPTS:-}\""
  echo "- Everything on 127.0.0.1, one side at a time, each on a fresh data directory; one user, one backpack (\`bench\`)."
  echo
  echo "$TABLE"
  echo
  echo "<details><summary>raw result lines</summary>"
  echo
  echo '```'
  cat "$RESULTS"
  echo '```'
  echo
  echo "</details>"
} >"$REPORT"

echo
echo "$TABLE"
echo
log "written to $REPORT (raw output in $WORK); took $((ELAPSED / 60)) min $((ELAPSED % 60)) s"
