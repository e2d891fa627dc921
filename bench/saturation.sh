#!/usr/bin/env bash
# Workload 2 (or 3's traffic without rules) at saturation, quicker than bench/run.sh, for before/after comparisons of
# portal settings: each VARIANT is a space-separated list of NAME=VALUE settings for the portal (or "-" for none).
# Every pair of rounds starts a fresh portal per variant on a fresh SQLite file, alternating the variants, then wrk
# (2 threads, 32 connections) warms it up and measures it. No bare baseline: compare the variants with each other.
# A setting portal=DIR runs the published portal in DIR (another build: `dotnet publish` of another checkout) instead
# of this checkout's.
#   bench/saturation.sh - "StreamPortal__Search__Enabled=false"
#   SATURATION_PAIRS=3 bench/saturation.sh - "StreamPortal__Search__BatchSize=4096"
#   bench/saturation.sh - "portal=/tmp/old/publish"
# Per run it prints: hooks/s, wrk's p99, the portal's CPU (% of one core), the search index's longest lag since the
# start and the lag left at the end of the run (the index's catch-up is not measured in the hooks/s).
# Env: SATURATION_PAIRS (2), SATURATION_WARMUP (10 s), SATURATION_SECONDS (15 s).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
(( $# )) || { echo "usage: $0 VARIANT [VARIANT...]  (a VARIANT is \"NAME=VALUE NAME=VALUE\" or - for none)" >&2; exit 2; }
PAIRS=${SATURATION_PAIRS:-2} WARMUP=${SATURATION_WARMUP:-10} MEASURED=${SATURATION_SECONDS:-15}
# shellcheck source=harness.sh
source "$BENCH_DIR/harness.sh"
harness_init saturation
dotnet "$BENCH_DIR/LoadGen/bin/Release/net10.0/LoadGen.dll" --url "http://127.0.0.1:$PORT" --prefix dump \
  --fixtures "$ROOT/fixtures/wcs-lifecycle" --workload w2 --requests 200000 --dump "$WORK/w2.req" >/dev/null

lag() {  # "LONGEST NOW" in ms, from the search status a q query returns
  curl -s -H "X-Api-Key: $KEY" "http://127.0.0.1:$PORT/api/events?pageSize=1&q=zq-none-xj" | python3 -c '
import json, sys
s = json.load(sys.stdin).get("search") or {}
print(s.get("maxLagMs", "-"), s.get("lagMs", "-"))'
}
cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }

run() {  # VARIANT LABEL
  local settings=() db="$WORK/portal-$RANDOM.db" dir="$WORK/portal" s
  if [[ $1 != - ]]; then
    for s in $1; do [[ $s == portal=* ]] && dir=${s#portal=} || settings+=("$s"); done
  fi
  harness_start "$dir" "ConnectionStrings__Portal=Data Source=$db" "${settings[@]}"
  BENCH_REQUESTS="$WORK/w2.req" BENCH_THREADS=2 wrk -t2 -c32 -d"${WARMUP}s" -s "$BENCH_DIR/wrk-lifecycle.lua" "http://127.0.0.1:$PORT" >/dev/null 2>&1
  local c0 t0 c1 t1 out
  c0=$(cpu); t0=$(date +%s.%N)
  out=$(BENCH_REQUESTS="$WORK/w2.req" BENCH_THREADS=2 wrk -t2 -c32 -d"${MEASURED}s" -s "$BENCH_DIR/wrk-lifecycle.lua" "http://127.0.0.1:$PORT" 2>&1)
  c1=$(cpu); t1=$(date +%s.%N)
  read -r longest now < <(lag)
  python3 - "$2" "$out" "$c0" "$c1" "$t0" "$t1" "$longest" "$now" "$(cat /proc/loadavg | cut -d' ' -f1)" <<'PY'
import sys
label, out, c0, c1, t0, t1, longest, now, load = sys.argv[1:]
v = dict(l.split(": ", 1) for l in out.splitlines() if l.startswith("wrk_") and ": " in l)
cpu = (float(c1) - float(c0)) / 100 / (float(t1) - float(t0)) * 100
print(f"{label}: {v.get('wrk_rps', '?')} hooks/s, p99 {v.get('wrk_p99_ms', '?')} ms, portal CPU {cpu:.0f} %, "
      f"index lag longest {longest} ms, at the end {now} ms, load {load}")
PY
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  rm -f "$db"*
}

for pair in $(seq "$PAIRS"); do
  i=0
  for variant in "$@"; do
    i=$(( i + 1 ))
    run "$variant" "pair $pair, variant $i ($variant)"
  done
done
