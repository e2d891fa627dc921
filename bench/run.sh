#!/usr/bin/env bash
# StreamPortal benchmark: builds Release, runs the bare baseline and the portal side by side under the same load,
# prints one "metric: value" line per figure on stdout (progress goes to stderr). See bench/README.md.
#   bench/run.sh            full run (BENCH_SECONDS measured per side and workload, default 15; 1,000,000 seeded events)
#   bench/run.sh --smoke    everything tiny (a few seconds per part, 10,000 events); fails only if something crashes
#   bench/run.sh --store postgres [--postgres CONNSTR]   the same figures with the portal on PostgreSQL: a throwaway
#                           server of its own (fsync and synchronous_commit on), or the server CONNSTR names (its user
#                           must be able to create databases); combines with --smoke
#   bench/run.sh --scale 10m   only the scale phase: a fresh portal and one on a seeded 10,000,000-event database side
#                           by side (throughput, p99 at 1,000/s, pages, search, start, memory, bytes per event)
# Env: BENCH_SECONDS, BENCH_WARMUP, BENCH_ROUNDS, BENCH_CHECK_SECONDS, BENCH_EVENTS, BENCH_B2B_SAMPLES,
#      BENCH_KEEP=1 (keep the temp dir).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
SMOKE=0
STORE=sqlite
PG_GIVEN=
SCALE=
while (( $# )); do
  case "$1" in
    --smoke) SMOKE=1 ;;
    --store) STORE=${2:-}; shift ;;
    --postgres) PG_GIVEN=${2:-}; shift ;;
    --scale) SCALE=${2:?--scale needs a size: 10m, 2m, 500k or a number}; shift ;;
    *) echo "unknown argument: $1 (see the header of $0 and bench/README.md)" >&2; exit 2 ;;
  esac
  shift
done
[[ $STORE == sqlite || $STORE == postgres ]] || { echo "--store must be sqlite or postgres" >&2; exit 2; }
[[ -z $SCALE || $STORE == sqlite ]] || { echo "--scale runs on the SQLite store only (the seeder writes SQLite)" >&2; exit 2; }
if [[ -n $SCALE ]]; then
  SCALE_EVENTS=$(python3 -c "
import sys
s = sys.argv[1].lower(); m = {'k': 10**3, 'm': 10**6}.get(s[-1:], 1)
print(int(float(s[:-1] if s[-1:] in 'km' else s) * m))" "$SCALE") || { echo "bad --scale: $SCALE" >&2; exit 2; }
fi

DURATION=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP:-3}
CHECK_SECONDS=${BENCH_CHECK_SECONDS:-5}
EVENTS=${BENCH_EVENTS:-1000000}
B2B_SAMPLES=${BENCH_B2B_SAMPLES:-40}
REQUESTS=200000
ROUNDS=${BENCH_ROUNDS:-3}
LAT_ATTEMPTS=3
CONNECTIONS=32
RATE=1000
if (( SMOKE )); then
  DURATION=2; WARMUP=1; CHECK_SECONDS=1; EVENTS=10000; B2B_SAMPLES=5; REQUESTS=20000; ROUNDS=1; LAT_ATTEMPTS=1
fi

log() { echo "# $*" >&2; }
mkdir -p "$BENCH_DIR/out"
WORK=$(mktemp -d "$BENCH_DIR/out/run.XXXXXX")   # on the real disk, not tmpfs: commits must pay for fsync
RESULTS="$BENCH_DIR/out/last-results.txt"
: > "$RESULTS"
PIDS=()
PG_DATA=

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  # The throwaway PostgreSQL server, after the portals that use it.
  if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [[ "${BENCH_KEEP:-0}" != 1 ]]; then rm -rf "$WORK"; else log "kept $WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # so that the EXIT trap runs on Ctrl-C or kill too

metric() { echo "$1: $2" | tee -a "$RESULTS"; }
# Copies "name: value" lines of a tool's output to the results, optionally renaming a prefix.
emit() { while IFS= read -r line; do [[ "$line" == *": "* ]] && metric "${line%%: *}" "${line#*: }"; done; }
value() { grep -m1 "^$1: " "$2" | sed "s/^$1: //"; }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.3f}' if b else 'nan')" "$1" "$2"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
forget_pid() { local keep=() p; for p in "${PIDS[@]}"; do [[ "$p" != "$1" ]] && keep+=("$p"); done; PIDS=("${keep[@]}"); }
stop_pid() {   # graceful stop (the portal's writer drains on SIGTERM), bounded, then forced
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  forget_pid "$pid"
}

# ---- tools -------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then log "installing wrk"; apt-get update -qq >&2 && apt-get install -y -qq wrk >&2; fi
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 1; }
CHROMIUM=/usr/bin/chromium
if [[ ! -x $CHROMIUM ]] && (( ! SMOKE )); then log "installing chromium"; apt-get update -qq >&2 && apt-get install -y -qq chromium >&2 || true; fi

# ---- build -------------------------------------------------------------------------------------------------
log "building (Release)"
build_start=$(date +%s)
# ReadyToRun (precompiled, for this machine's runtime): the portal answers its first hook ~1 s sooner than with the JIT
# alone. Passed here, not set in the csproj: the runtime identifier --use-current-runtime picks is not known yet when
# the project's properties are read, so a condition on it there never holds.
dotnet publish "$ROOT/StreamPortal/StreamPortal.csproj" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o "$WORK/portal" --nologo -v q -clp:ErrorsOnly >&2
dotnet build "$BENCH_DIR/Bench.sln" -c Release --nologo -v q -clp:ErrorsOnly >&2
BIN=net10.0
LOADGEN="$BENCH_DIR/LoadGen/bin/Release/$BIN/LoadGen.dll"
SEED="$BENCH_DIR/Seed/bin/Release/$BIN/Seed.dll"
BASELINE="$BENCH_DIR/Baseline/bin/Release/$BIN/Baseline.dll"
B2B="$BENCH_DIR/BrowserLatency/bin/Release/$BIN/BrowserLatency.dll"
UTIL="python3 $BENCH_DIR/benchutil.py"
FIXTURES="$BENCH_DIR/../fixtures/wcs-lifecycle"
log "build took $(( $(date +%s) - build_start )) s"

# ---- the store ---------------------------------------------------------------------------------------------------
# PostgreSQL: a server of its own on the real disk beside the run's files, with the durability defaults (fsync and
# synchronous_commit on: an answered hook is on disk, as SQLite's figures assume), run as the unprivileged postgres
# user (the server refuses root); or the server that --postgres names. Each portal database is created by the portal.
if [[ $STORE == postgres ]]; then
  if [[ -n $PG_GIVEN ]]; then
    PG_SERVER=$PG_GIVEN
    PG_VERSION="given server"
  else
    if ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
      log "installing postgresql"; apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
    fi
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    PG_PORT=$(free_port)
    chmod a+x "$WORK"
    mkdir -p "$WORK/pg"
    chown postgres "$WORK/pg"
    PG_DATA="$WORK/pg/data"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" --auth=trust -U postgres -E UTF8 >/dev/null
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg/server.log" -w start \
      -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on" >/dev/null \
      || { cat "$WORK/pg/server.log" >&2; exit 1; }
    PG_SERVER="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
    PG_VERSION="PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), fsync on, synchronous_commit on"
  fi
fi
# portal_store_env NAME: the environment that puts a portal on database NAME of the chosen store.
portal_store_env() {
  if [[ $STORE == postgres ]]; then
    echo "StreamPortal__Storage__Provider=Postgres"
    echo "ConnectionStrings__Portal=$PG_SERVER;Database=bench_$1"
  else
    echo "ConnectionStrings__Portal=Data Source=$WORK/$1.db"
  fi
}

# The StreamStatusEvent of workload 1, written as Python's json.dumps writes it (761 bytes; the issue's "762-byte" body).
W1_BODY="$WORK/w1-body.json"
python3 -c "import json,sys; b=json.load(open(sys.argv[1]))['body']; open(sys.argv[2],'w').write(json.dumps(b))" \
  "$FIXTURES/04-StreamStatusEvent-PUBLISHING.json" "$W1_BODY"
CONNECT_BODY="$WORK/connect-body.json"
python3 -c "import json,sys; b=json.load(open(sys.argv[1]))['body']; open(sys.argv[2],'w').write(json.dumps(b))" \
  "$FIXTURES/01-connect.json" "$CONNECT_BODY"

API_KEY="bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
ADMIN_PASSWORD="Bench-$(python3 -c 'import secrets; print(secrets.token_hex(12))')!"

# start_portal DB PORT LOG: the published portal on database DB (a name) of the store, Production, logging at
# Warning. Sets PORTAL_PID.
start_portal() {
  local store_env=() runtime_env=()
  mapfile -t store_env < <(portal_store_env "$1")
  # The runtime settings a deployment runs the portal with (deploy/runtime.env: the GC budget), for the portal only.
  mapfile -t runtime_env < <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' "$ROOT/deploy/runtime.env")
  (cd "$WORK/portal" && exec env ASPNETCORE_ENVIRONMENT=Production \
      "${runtime_env[@]}" "${store_env[@]}" Logging__LogLevel__Default=Warning \
      StreamPortal__ApiKeys__0="$API_KEY" StreamPortal__Admin__Password="$ADMIN_PASSWORD" \
      dotnet StreamPortal.dll --urls "http://127.0.0.1:$2") >"$3" 2>&1 &
  PORTAL_PID=$!
  PIDS+=("$PORTAL_PID")
}
# first_hook PORT T0: ms from T0 (ns) to the first 200 of POST /rest/my_api/connect (polled every 10 ms).
first_hook() { $UTIL firsthook --port "$1" --t0-ns "$2" --body "$CONNECT_BODY" --timeout 60; }
stored_total() { $UTIL total --port "$1" --key "$API_KEY" ${2:+--query "$2"}; }
# The throughput portal's GC so far (pause ms, gen0, gen1, gen2 collections); zeros if /metrics cannot be read.
portal_gc() { $UTIL gc --port "$PORT" --key "$API_KEY" 2>/dev/null | grep -E '^[0-9.]+ [0-9]+ [0-9]+ [0-9]+$' || echo "0 0 0 0"; }

# measure_start DB LOG: spawns the portal on DB; START_MS = ms from spawn to the first answered hook. Leaves it
# running (PORTAL_PID, PORT). Not to be called in $(...): the PIDs must stay in this shell.
measure_start() {
  PORT=$(free_port)
  local t0
  t0=$(date +%s%N)
  start_portal "$1" "$PORT" "$2"
  START_MS=$(first_hook "$PORT" "$t0") || { tail -20 "$2" >&2; echo "portal did not answer" >&2; exit 1; }
}
# three_starts DB LOG: starts the portal on an existing database three times: STARTS_MEDIAN, and STARTS_ALL (the three
# times in ms). Leaves the third portal running (PORTAL_PID, PORT).
three_starts() {
  local starts=() i
  for i in 1 2 3; do
    measure_start "$1" "$2"
    starts+=("$START_MS")
    if (( i < 3 )); then stop_pid "$PORTAL_PID"; fi
  done
  STARTS_MEDIAN=$(median "${starts[@]}")
  STARTS_ALL=${starts[*]}
}
median() { python3 -c "import statistics,sys; print(round(statistics.median(map(float, sys.argv[1:]))))" "$@"; }
median_f() { python3 -c "import statistics,sys; print(f'{statistics.median(map(float, sys.argv[1:])):.3f}')" "$@"; }

# search_status NAME URL: how the portal's search index stands (Search/): how q was answered (index or scan), the id
# the index covers, the oldest unindexed event's wait now and the longest wait since the portal started.
search_status() {
  curl -s -H "X-Api-Key: $API_KEY" "$2/api/events?pageSize=1&q=zq-none-xj" | python3 -c '
import json, sys
s = json.load(sys.stdin).get("search") or {}
p = sys.argv[1]
for name, key in (("method", "method"), ("indexed_up_to_id", "indexedUpToId"), ("index_lag_ms", "lagMs"), ("index_max_lag_ms", "maxLagMs")):
    print(p + "_search_" + name + ": " + str(s.get(key, "missing")))' "$1" | emit
}

# loadgen NAME URL ARGS...: the exact-count generator (drains in-flight requests before it reports).
loadgen() { local name=$1 url=$2; shift 2; dotnet "$LOADGEN" --url "$url" --prefix "$name" --fixtures "$FIXTURES" --connections "$CONNECTIONS" "$@"; }

# ---- start-up on a fresh database (3 times), then the throughput portal stays up -------------------------------
# (In a --scale run the scale phase below starts its own portals: a fresh one and one on the seeded database.)
if [[ -z $SCALE ]]; then
log "start-up on fresh databases"
starts=()
for i in 1 2 3; do
  measure_start "fresh_$i" "$WORK/portal-fresh.log"
  starts+=("$START_MS")
  stop_pid "$PORTAL_PID"
done
metric start_to_first_hook_ms_fresh_db "$(median "${starts[@]}") (median of ${starts[*]})"
measure_start bench "$WORK/portal.log"
PORTAL="http://127.0.0.1:$PORT"

BPORT=$(free_port)
dotnet "$BASELINE" --urls "http://127.0.0.1:$BPORT" >"$WORK/baseline.log" 2>&1 &
BASELINE_PID=$!
PIDS+=("$BASELINE_PID")
first_hook "$BPORT" "$(date +%s%N)" >/dev/null || { cat "$WORK/baseline.log" >&2; echo "baseline did not answer" >&2; exit 1; }
BASE="http://127.0.0.1:$BPORT"
fi

metric store "$STORE${PG_VERSION:+ ($PG_VERSION)}"
metric machine "$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, dotnet $(dotnet --version), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
metric load_average_at_start "$(cut -d' ' -f1-3 /proc/loadavg)"


# throughput WL SCRIPT ENV...: baseline and portal alternate under wrk, ROUNDS times (B P B P B P), each run
# DURATION/ROUNDS s, so a burst of background load hits one round, not a whole side; ratio = median of the rounds'
# ratios. The portal's stored delta is checked against wrk's answered count (wrk abandons what is in flight when
# it stops: at most one request per connection and run).
throughput() {
  local wl=$1 script=$2; shift 2
  local slice before after answered=0 stored r b p ratios=() bsum=0 psum=0
  slice=$(python3 -c "import sys; print(max(1, round(float(sys.argv[1]) / int(sys.argv[2]))))" "$DURATION" "$ROUNDS")
  before=$(stored_total "$PORT")
  log "$wl: wrk warm-up (baseline, portal)"
  env "$@" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$script" "$BASE" > "$WORK/baseline_$wl.warm" 2>&1 || true
  env "$@" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$script" "$PORTAL" > "$WORK/portal_$wl.warm" 2>&1 || true
  answered=$(( $(value wrk_requests "$WORK/portal_$wl.warm" || echo 0) ))
  for r in $(seq 1 "$ROUNDS"); do
    log "$wl: round $r of $ROUNDS (${slice} s baseline, ${slice} s portal)"
    env "$@" wrk -t2 -c"$CONNECTIONS" -d"${slice}s" -s "$script" "$BASE" > "$WORK/baseline_$wl.$r" 2>&1 || { cat "$WORK/baseline_$wl.$r" >&2; return 1; }
    env "$@" wrk -t2 -c"$CONNECTIONS" -d"${slice}s" -s "$script" "$PORTAL" > "$WORK/portal_$wl.$r" 2>&1 || { cat "$WORK/portal_$wl.$r" >&2; return 1; }
    b=$(value wrk_rps "$WORK/baseline_$wl.$r"); p=$(value wrk_rps "$WORK/portal_$wl.$r")
    bsum=$(( bsum + b )); psum=$(( psum + p ))
    ratios+=("$(ratio "$p" "$b")")
    answered=$(( answered + $(value wrk_requests "$WORK/portal_$wl.$r") ))
  done
  sleep 0.5
  after=$(stored_total "$PORT")
  metric "baseline_${wl}_rps" "$(( bsum / ROUNDS ))"
  metric "portal_${wl}_rps" "$(( psum / ROUNDS ))"
  metric "ratio_${wl}" "$(median_f "${ratios[@]}")"
  metric "ratio_${wl}_rounds" "${ratios[*]}"
  metric "portal_${wl}_p99_ms_at_saturation" "$(value wrk_p99_ms "$WORK/portal_$wl.$ROUNDS")"
  metric "portal_${wl}_non200" "$(cat "$WORK"/portal_$wl.[0-9]* | grep '^wrk_non2xx: ' | awk '{s+=$2} END {print s}')"
  metric "portal_${wl}_socket_errors" "$(cat "$WORK"/portal_$wl.[0-9]* | grep '^wrk_socket_errors: ' | awk '{s+=$2} END {print s}')"
  stored=$(( after - before ))
  # >= 0: every answered hook is stored; <= 32 x (ROUNDS + 1): only what wrk abandoned in flight at its stops.
  metric "portal_${wl}_wrk_stored_minus_answered" "$(( stored - answered ))"
  metric "portal_${wl}_wrk_every_answered_stored" \
    "$( (( stored - answered >= 0 && stored - answered <= CONNECTIONS * (ROUNDS + 1) )) && echo true || echo false)"
}

# exact_check WL ARGS...: LoadGen closed loop on the portal; stored delta must equal its answered count.
exact_check() {
  local wl=$1; shift
  local before after
  before=$(stored_total "$PORT")
  loadgen "check_$wl" "$PORTAL" --seconds "$CHECK_SECONDS" --warmup 0 "$@" > "$WORK/check_$wl.txt"
  after=$(stored_total "$PORT")
  local answered unanswered stored
  answered=$(value "check_${wl}_answered" "$WORK/check_$wl.txt")
  unanswered=$(value "check_${wl}_unanswered" "$WORK/check_$wl.txt")
  stored=$(( after - before ))
  metric "${wl}_answered" "$answered"
  metric "${wl}_stored" "$stored"
  metric "${wl}_stored_equals_answered" "$([[ $stored == "$answered" && $unanswered == 0 ]] && echo true || echo false)"
  metric "portal_${wl}_loadgen_rps" "$(value "check_${wl}_rps" "$WORK/check_$wl.txt")"
}

# ---- scale phase (--scale N): flat cost with N stored events --------------------------------------------------
# A portal on a database seeded with N events (bench/Seed: ~200 hooks per lifecycle, so N/200 publisher+player
# lifecycles, all ended but the last interleaved group) and a portal on a fresh database run side by side. Workload 1
# alternates between them under wrk (the fresh one in the "baseline" slot of throughput(): ratio_scale_w1 is
# seeded/fresh), then each takes 1,000 hooks/s of workload 2 traffic (fresh first, then seeded, repeated if the
# generator was late). The seeded one also answers the page and search queries, and is measured for start and memory.
if [[ -n $SCALE ]]; then
  log "scale: seeding $SCALE_EVENTS events"
  SDB="$WORK/scale.db"   # the database that start_portal names "scale"
  measure_start scale "$WORK/portal-scale.log"   # migrates the new database
  stop_pid "$PORTAL_PID"
  dotnet "$SEED" --db "$SDB" --events "$SCALE_EVENTS" --fixtures "$FIXTURES" | sed 's/^seed_/scale_seed_/' | emit
  log "scale: database size"
  $UTIL dbsize --db "$SDB" --prefix scale_db | emit
  three_starts scale "$WORK/portal-scale.log"
  metric scale_start_to_first_hook_ms "$STARTS_MEDIAN (median of $STARTS_ALL; $SCALE_EVENTS seeded events)"
  SCALE_PID=$PORTAL_PID; SCALE_PORT=$PORT
  log "scale: page and search queries"
  $UTIL queries --port "$SCALE_PORT" --key "$API_KEY" --runs 9 \
    "scale_events_page_ms=/api/events?pageSize=50" \
    "scale_events_filtered_page_ms=/api/events?pageSize=50&method=StreamStatusEvent&appKey=classroom" \
    "scale_events_stream_page_ms=/api/events?pageSize=50&stream=stream-000123" \
    "scale_streams_page_ms=/api/streams?pageSize=50" \
    "scale_streams_filtered_page_ms=/api/streams?pageSize=50&appKey=webinar&published=true" \
    "scale_search_ms=/api/events?pageSize=50&q=stream-000123" \
    "scale_search_filtered_ms=/api/events?pageSize=50&appKey=classroom&q=stream-000123" | emit
  measure_start scale-fresh "$WORK/portal-scale-fresh.log"
  FRESH_PID=$PORTAL_PID
  BASE="http://127.0.0.1:$PORT"; PORTAL="http://127.0.0.1:$SCALE_PORT"; PORT=$SCALE_PORT
  throughput scale_w1 "$BENCH_DIR/wrk-post.lua" BENCH_BODY="$W1_BODY"
  metric scale_w1_fresh_rps "$(value baseline_scale_w1_rps "$RESULTS")"
  metric scale_w1_seeded_rps "$(value portal_scale_w1_rps "$RESULTS")"
  metric scale_w1_seeded_over_fresh "$(value ratio_scale_w1 "$RESULTS")"
  for attempt in $(seq 1 "$LAT_ATTEMPTS"); do
    log "scale: $RATE hooks/s, fresh then seeded (attempt $attempt)"
    first=$(( 6000000 + attempt * 100000 ))
    loadgen lat_fresh "$BASE" --workload w2 --requests 50000 --first-lifecycle "$first" --rate "$RATE" --seconds "$DURATION" --warmup "$WARMUP" > "$WORK/lat_fresh.txt"
    loadgen lat_seeded "$PORTAL" --workload w2 --requests 50000 --first-lifecycle "$(( first + 50000 ))" --rate "$RATE" --seconds "$DURATION" --warmup "$WARMUP" > "$WORK/lat_seeded.txt"
    fp=$(value lat_fresh_p99_ms "$WORK/lat_fresh.txt"); sp=$(value lat_seeded_p99_ms "$WORK/lat_seeded.txt")
    lag=$(python3 -c "import sys; print(max(map(float, sys.argv[1:])))" "$(value lat_fresh_schedule_lag_p99_ms "$WORK/lat_fresh.txt")" "$(value lat_seeded_schedule_lag_p99_ms "$WORK/lat_seeded.txt")")
    metric "scale_latency_attempt_$attempt" "fresh p99 $fp ms, seeded p99 $sp ms, generator late by up to $lag ms at p99"
    python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) <= 1.0 else 1)" "$lag" && break
  done
  metric scale_latency_fresh_p99_ms "$fp"
  metric scale_latency_seeded_p99_ms "$sp"
  metric scale_latency_seeded_over_fresh "$(ratio "$sp" "$fp")"
  metric scale_latency_valid "$(python3 -c "import sys; print('true' if float(sys.argv[1]) <= 1.0 else 'false (generator late by %s ms at p99)' % sys.argv[1])" "$lag")"
  metric scale_rss_mb "$($UTIL rss --pid "$SCALE_PID")"
  stop_pid "$FRESH_PID"
  stop_pid "$SCALE_PID"
  python3 - "$RESULTS" <<'PY' | tee -a "$RESULTS"
import re, sys
vals = dict(l.rstrip("\n").split(": ", 1) for l in open(sys.argv[1]) if ": " in l)
def num(k):
    m = re.match(r"-?[0-9.]+", vals.get(k, ""))
    return float(m.group()) if m else None
checks = [("scale_w1_seeded_over_fresh", ">=", 0.9), ("scale_latency_seeded_over_fresh", "<=", 1.1),
          ("scale_events_page_ms", "<=", 50), ("scale_events_filtered_page_ms", "<=", 50), ("scale_events_stream_page_ms", "<=", 50),
          ("scale_streams_page_ms", "<=", 50), ("scale_streams_filtered_page_ms", "<=", 50),
          ("scale_search_ms", "<=", 300), ("scale_search_filtered_ms", "<=", 300),
          ("scale_start_to_first_hook_ms", "<=", 2000), ("scale_rss_mb", "<=", 300)]
for k, op, target in checks:
    v = num(k)
    ok = None if v is None else (v >= target if op == ">=" else v <= target)
    verdict = 'n/a' if ok is None else ('met' if ok else 'MISSED')
    if k.startswith("scale_latency") and vals.get("scale_latency_valid", "true") != "true":
        verdict = "not measured (the machine was busy, see scale_latency_valid)"
    print(f"target_{k}: {verdict} ({vals.get(k, 'n/a')} {op} {target})")
PY
  metric load_average_at_end "$(cut -d' ' -f1-3 /proc/loadavg)"
  log "done (scale phase); figures also in $RESULTS"
  exit 0
fi

# ---- workload 1: one StreamStatusEvent body -------------------------------------------------------------------
throughput w1 "$BENCH_DIR/wrk-post.lua" BENCH_BODY="$W1_BODY"
# The search indexer ran beside workload 1 (in its figures): how far behind ingest it fell at full load.
search_status w1 "$PORTAL"
exact_check w1 --workload w1 --body-file "$W1_BODY"

# ---- workload 2: mixed lifecycles over thousands of sessions and streams --------------------------------------
log "generating workload 2/3 requests"
loadgen w2 "$BASE" --workload w2 --requests "$REQUESTS" --dump "$WORK/w2.req" >/dev/null
loadgen w3 "$BASE" --workload w3 --requests "$REQUESTS" --first-lifecycle 1000000 --dump "$WORK/w3.req" >/dev/null
throughput w2 "$BENCH_DIR/wrk-lifecycle.lua" BENCH_REQUESTS="$WORK/w2.req" BENCH_THREADS=2
exact_check w2 --workload w2 --requests "$REQUESTS" --first-lifecycle 500000

# ---- latency at a fixed 1,000 hooks/s (open loop, workload 2 traffic) ------------------------------------------
# On a shared machine an attempt can be disturbed: the generator itself starved (its schedule thread late by more
# than 1 ms at p99), or the bare baseline, measured just before the portal, itself over the 2 ms target (then the
# machine could not have shown the target in that attempt). A disturbed attempt is repeated, up to 3 times; every
# attempt's figures are printed, and the first undisturbed one is kept (else the one with the lowest baseline p99).
attempt=0
best_base=
disturbed() { python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 1.0 or float(sys.argv[2]) > 2.0 else 1)" "$1" "$2"; }
while :; do
  attempt=$(( attempt + 1 ))
  log "latency at $RATE hooks/s (attempt $attempt)"
  first=$(( 2000000 + attempt * 100000 ))
  loadgen lat_base "$BASE" --workload w2 --requests 50000 --first-lifecycle "$first" --rate "$RATE" --seconds "$DURATION" --warmup "$WARMUP" > "$WORK/lat_base.txt"
  read -r gc_ms0 _ _ gc2_0 < <(portal_gc)
  loadgen lat_portal "$PORTAL" --workload w2 --requests 50000 --first-lifecycle "$first" --rate "$RATE" --seconds "$DURATION" --warmup "$WARMUP" > "$WORK/lat_portal.txt"
  read -r gc_ms1 _ _ gc2_1 < <(portal_gc)
  lag=$(value lat_portal_schedule_lag_p99_ms "$WORK/lat_portal.txt")
  base_p99=$(value lat_base_p99_ms "$WORK/lat_base.txt")
  metric "latency_1000rps_attempt_$attempt" "p99 $(value lat_portal_p99_ms "$WORK/lat_portal.txt") ms, max $(value lat_portal_max_ms "$WORK/lat_portal.txt") ms, baseline p99 $base_p99 ms, generator late by $lag ms at p99, portal GC paused $(python3 -c "print(round($gc_ms1 - $gc_ms0, 1))") ms ($(( gc2_1 - gc2_0 )) gen2)"
  quiet=0; disturbed "$lag" "$base_p99" || quiet=1
  if (( quiet || attempt == 1 )) || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$base_p99" "$best_base"; then
    best_base=$base_p99
    cp "$WORK/lat_portal.txt" "$WORK/lat_portal.best"; cp "$WORK/lat_base.txt" "$WORK/lat_base.best"
  fi
  (( quiet == 0 && attempt < LAT_ATTEMPTS )) || break
done
mv "$WORK/lat_portal.best" "$WORK/lat_portal.txt"; mv "$WORK/lat_base.best" "$WORK/lat_base.txt"
lag=$(value lat_portal_schedule_lag_p99_ms "$WORK/lat_portal.txt")
base_p99=$(value lat_base_p99_ms "$WORK/lat_base.txt")
metric latency_1000rps_p50_ms "$(value lat_portal_p50_ms "$WORK/lat_portal.txt")"
metric latency_1000rps_p99_ms "$(value lat_portal_p99_ms "$WORK/lat_portal.txt")"
metric latency_1000rps_p999_ms "$(value lat_portal_p999_ms "$WORK/lat_portal.txt")"
metric latency_1000rps_max_ms "$(value lat_portal_max_ms "$WORK/lat_portal.txt")"
metric latency_1000rps_errors "$(value lat_portal_errors "$WORK/lat_portal.txt")"
metric baseline_latency_1000rps_p50_ms "$(value lat_base_p50_ms "$WORK/lat_base.txt")"
metric baseline_latency_1000rps_p99_ms "$(value lat_base_p99_ms "$WORK/lat_base.txt")"
metric baseline_latency_1000rps_schedule_lag_p99_ms "$(value lat_base_schedule_lag_p99_ms "$WORK/lat_base.txt")"
metric loadgen_schedule_lag_p99_ms "$lag"
metric latency_1000rps_connection_wait_p99_ms "$(value lat_portal_connection_wait_p99_ms "$WORK/lat_portal.txt")"
# The generator's own lateness (its schedule thread starved of CPU) is inside every latency it reports; a baseline
# over the target says the machine was disturbed in the kept attempt.
metric latency_1000rps_valid "$(python3 -c "
import sys
lag, base = float(sys.argv[1]), float(sys.argv[2])
print('true' if lag <= 1.0 and base <= 2.0 else 'false (the machine was busy: generator late by up to %s ms at p99, bare baseline p99 %s ms)' % (sys.argv[1], sys.argv[2]))" "$lag" "$base_p99")"

# ---- workload 3: workload 2 with 20 rules that never match and 1 that matches 1 hook in 100 --------------------
rules=$($UTIL rules --port "$PORT" --key "$API_KEY")
if [[ $rules == ok* ]]; then
  hit_rule=${rules#ok }
  hits_before=$(stored_total "$PORT" "ruleId=$hit_rule")
  total_before=$(stored_total "$PORT")
  throughput w3 "$BENCH_DIR/wrk-lifecycle.lua" BENCH_REQUESTS="$WORK/w3.req" BENCH_THREADS=2
  exact_check w3 --workload w3 --requests "$REQUESTS" --first-lifecycle 3000000
  hits=$(( $(stored_total "$PORT" "ruleId=$hit_rule") - hits_before ))
  all=$(( $(stored_total "$PORT") - total_before ))
  metric w3_rule_hits "$hits of $all stored hooks ($(ratio "$hits" "$all"); expected 0.010)"
  metric w3_tagged_answered_by_loadgen "$(value check_w3_tagged_answered "$WORK/check_w3.txt")"
elif [[ $rules == missing ]]; then
  metric workload3 "skipped (rules API missing)"
else
  metric workload3 "skipped (rules API: $rules)"
fi

# ---- hook to browser ------------------------------------------------------------------------------------------
log "hook to browser"
if [[ -x $CHROMIUM ]]; then
  dotnet "$B2B" --url "$PORTAL" --password "$ADMIN_PASSWORD" --body-file "$W1_BODY" --samples "$B2B_SAMPLES" \
      --warmup 3 --chromium "$CHROMIUM" 2>"$WORK/b2b.err" | emit \
    || metric hook_to_browser "failed (see README; $(tail -1 "$WORK/b2b.err"))"
else
  metric hook_to_browser_p95_ms "skipped (no $CHROMIUM)"
fi
metric rss_after_workloads_mb "$($UTIL rss --pid "$PORTAL_PID")"
stop_pid "$PORTAL_PID"
stop_pid "$BASELINE_PID"

# ---- 1,000,000 stored events: migrate, seed, restart, query -----------------------------------------------------
# Seed writes SQLite files only: on PostgreSQL this part is not measured yet (the figures say so).
if [[ $STORE == sqlite ]]; then
log "seeding $EVENTS events"
measure_start big "$WORK/portal-big.log"   # migrates the new database
stop_pid "$PORTAL_PID"
dotnet "$SEED" --db "$WORK/big.db" --events "$EVENTS" --fixtures "$FIXTURES" | emit

three_starts big "$WORK/portal-big.log"
metric start_to_first_hook_ms_existing_db "$STARTS_MEDIAN (median of $STARTS_ALL; database with $EVENTS seeded events)"
PORTAL="http://127.0.0.1:$PORT"

log "page queries"
$UTIL queries --port "$PORT" --key "$API_KEY" --runs 9 \
  "events_page_ms=/api/events?pageSize=50" \
  "events_filtered_page_ms=/api/events?pageSize=50&method=StreamStatusEvent&appKey=classroom" \
  "events_stream_page_ms=/api/events?pageSize=50&stream=stream-000123" \
  "streams_page_ms=/api/streams?pageSize=50" \
  "streams_filtered_page_ms=/api/streams?pageSize=50&appKey=webinar&published=true" \
  "events_search_ms=/api/events?pageSize=50&q=stream-000123" | emit
search_status seeded "$PORTAL"
$UTIL dbsize --db "$WORK/big.db" --prefix db | emit

log "hooks on the big database, then memory"
loadgen big "$PORTAL" --workload w2 --requests 20000 --first-lifecycle 4000000 --seconds "$CHECK_SECONDS" --warmup 0 > "$WORK/big.txt"
metric portal_w2_rps_on_1m_events_loadgen "$(value big_rps "$WORK/big.txt")"
metric rss_after_1m_events_mb "$($UTIL rss --pid "$PORTAL_PID")"
stop_pid "$PORTAL_PID"

# ---- retention under load: pruning the seeded events while hooks arrive at 1,000/s ---------------------------------
# The portal starts with no retention and its job checking every second; LoadGen's open loop warms it up for 3 s, and
# half a second before the measured window "keep 10,000 events" is set (every seeded event but the newest is then old),
# so the job prunes through the window. The events of sessions and streams that are not over must all stay, however
# old (counted by Seed from the portal's own status words, before and after).
log "retention under load"
seeded_max=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT MAX(Id) FROM Events').fetchone()[0])" "$WORK/big.db")
live_before=$(dotnet "$SEED" --db "$WORK/big.db" --count-live "$seeded_max" | awk '{print $2}')
retention_setting() {  # DB [MAX]: clears the retention settings, then sets "keep MAX events" if given
  python3 - "$@" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
db.execute("DELETE FROM Settings WHERE Key IN ('retention.days', 'retention.maxEvents')")
if len(sys.argv) > 2: db.execute("INSERT INTO Settings (Key, Value) VALUES ('retention.maxEvents', ?)", (sys.argv[2],))
db.commit()
PY
}
retention_setting "$WORK/big.db"
PORT=$(free_port)
StreamPortal__Retention__IntervalSeconds=1 start_portal big "$PORT" "$WORK/portal-retention.log"
$UTIL firsthook --port "$PORT" --t0-ns "$(date +%s%N)" --body "$CONNECT_BODY" --timeout 60 >/dev/null
before=$(stored_total "$PORT")
(sleep 2.5; retention_setting "$WORK/big.db" 10000) &
setter=$!
loadgen retention "http://127.0.0.1:$PORT" --workload w2 --requests 50000 --first-lifecycle 5000000 --rate "$RATE" --seconds "$DURATION" --warmup 3 > "$WORK/retention.txt"
wait "$setter"
after=$(stored_total "$PORT")
stop_pid "$PORTAL_PID"
live_after=$(dotnet "$SEED" --db "$WORK/big.db" --count-live "$seeded_max" | awk '{print $2}')
metric retention_latency_1000rps_p50_ms "$(value retention_p50_ms "$WORK/retention.txt")"
metric retention_latency_1000rps_p99_ms "$(value retention_p99_ms "$WORK/retention.txt")"
metric retention_latency_1000rps_p999_ms "$(value retention_p999_ms "$WORK/retention.txt")"
metric retention_loadgen_schedule_lag_p99_ms "$(value retention_schedule_lag_p99_ms "$WORK/retention.txt")"
metric retention_events_pruned_during_load "$(( before + $(value retention_answered "$WORK/retention.txt") - after )) (stored $before before, $after after; pruning starts ~0.5 s before the window)"
metric retention_live_events_kept "$([[ $live_before == "$live_after" ]] && echo true || echo false) ($live_before live seeded events before, $live_after after)"
else
  metric seed "not measured on $STORE (bench/Seed writes SQLite files only): no 1,000,000-event page, start or memory figures"
fi

# ---- targets ----------------------------------------------------------------------------------------------------
python3 - "$RESULTS" "$STORE" <<'PY' | tee -a "$RESULTS"
import re, sys
vals = {}
for line in open(sys.argv[1]):
    if ": " in line:
        k, v = line.rstrip("\n").split(": ", 1)
        vals[k] = v
def num(k):
    m = re.match(r"-?[0-9.]+", vals.get(k, ""))
    return float(m.group()) if m else None
checks = [("ratio_w1", ">=", 0.25), ("ratio_w2", ">=", 0.15), ("ratio_w3", ">=", 0.15),
          ("latency_1000rps_p99_ms", "<=", 2), ("hook_to_browser_p95_ms", "<=", 300),
          ("events_page_ms", "<=", 50), ("events_filtered_page_ms", "<=", 50),
          ("streams_page_ms", "<=", 50), ("streams_filtered_page_ms", "<=", 50), ("events_search_ms", "<=", 100),
          ("w1_search_index_max_lag_ms", "<=", 1000), ("rss_after_1m_events_mb", "<=", 300),
          ("start_to_first_hook_ms_fresh_db", "<=", 2000), ("start_to_first_hook_ms_existing_db", "<=", 2000),
          ("retention_latency_1000rps_p99_ms", "<=", 2)]
if sys.argv[2] == "postgres":
    # The PostgreSQL store's targets (issue 14): a network round trip and a WAL flush per group commit cost more
    # than SQLite's local file; the 1,000,000-event figures are not measured on it (see the seed line).
    checks = [("ratio_w1", ">=", 0.10), ("latency_1000rps_p99_ms", "<=", 5), ("hook_to_browser_p95_ms", "<=", 300),
              ("start_to_first_hook_ms_fresh_db", "<=", 2000)]
for k, op, target in checks:
    v = num(k)
    ok = None if v is None else (v >= target if op == ">=" else v <= target)
    verdict = 'n/a' if ok is None else ('met' if ok else 'MISSED')
    if k.startswith("latency_") and vals.get("latency_1000rps_valid", "true") != "true":
        verdict = "not measured (the machine was busy, see latency_1000rps_valid; rerun on a quiet machine)"
    print(f"target_{k}: {verdict} ({vals.get(k, 'n/a')} {op} {target})")
for k in ("w1_stored_equals_answered", "w2_stored_equals_answered", "w3_stored_equals_answered", "retention_live_events_kept"):
    if k in vals:
        print(f"target_{k}: {'met' if vals[k].split(' ')[0] == 'true' else 'MISSED'}")
PY
metric load_average_at_end "$(cut -d' ' -f1-3 /proc/loadavg)"
log "done; figures also in $RESULTS"
