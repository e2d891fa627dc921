#!/usr/bin/env bash
# One figure and its causes, quicker than bench/run.sh: the portal (published Release from this checkout) at 1,000
# hooks/s of workload 2 (LoadGen's open loop, a 3 s warm-up then 10 s measured) for ROUNDS rounds, each followed by
# the writer's own figures from /metrics (batches, hooks per batch, mean batch time, stale checks) and the portal's CPU.
# No bare baseline beside it: compare two builds by running this for each, alternating, on the same machine.
#   bench/latency.sh                                   SQLite, a temporary database file
#   bench/latency.sh --postgres "Host=127.0.0.1;Port=5432;Username=postgres"   a new database on that server
# Env: LATENCY_ROUNDS (3), LATENCY_RATE (1000), LATENCY_SECONDS (10), LATENCY_TIMELINE=PREFIX (LoadGen's per-request
# timeline of each round into PREFIX.roundN: when the slow answers came).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
PG=
while (( $# )); do
  case "$1" in
    --postgres) PG=${2:?--postgres needs a connection string without a database}; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
ROUNDS=${LATENCY_ROUNDS:-3} RATE=${LATENCY_RATE:-1000} SECONDS_MEASURED=${LATENCY_SECONDS:-10}
# shellcheck source=harness.sh
source "$BENCH_DIR/harness.sh"
harness_init latency
if [[ -n $PG ]]; then
  store=(StreamPortal__Storage__Provider=Postgres "ConnectionStrings__Portal=$PG;Database=latency_$(date +%s)_$$")
else
  store=("ConnectionStrings__Portal=Data Source=$WORK/portal.db")
fi
harness_start "$WORK/portal" "${store[@]}"

# writer: the ingest counters and the GC's, as "batches hooks batch_ms_sum stale gc_pause_ms gen0 gen1 gen2
# allocated_bytes" (Prometheus text from /metrics).
writer() {
  curl -sf -H "X-Api-Key: $KEY" "http://127.0.0.1:$PORT/metrics" | python3 -c '
import sys
want = {"streamportal_ingest_batches_total": 0, "streamportal_ingest_hooks_total": 1,
        "streamportal_ingest_batch_duration_milliseconds_sum": 2, "streamportal_ingest_stale_checks_total": 3,
        "dotnet_gc_pause_time_seconds_total": 4, "dotnet_gc_heap_total_allocated_bytes_total": 8}
v = [0.0] * 9
for line in sys.stdin:
    name = line.split("{")[0].split(" ")[0]
    if name in want: v[want[name]] = float(line.rsplit(" ", 1)[1])
    elif name == "dotnet_gc_collections_total":
        for i, gen in enumerate(("gen0", "gen1", "gen2")):
            if f"gc_heap_generation=\"{gen}\"" in line: v[5 + i] = float(line.rsplit(" ", 1)[1])
v[4] *= 1000
print(*v)'
}
cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
echo "store: $([[ -n $PG ]] && echo postgres || echo sqlite)"
for round in $(seq "$ROUNDS"); do
  read -r b0 h0 ms0 s0 p0 g00 g10 g20 a0 < <(writer); c0=$(cpu); t0=$(date +%s.%N)
  dotnet "$BENCH_DIR/LoadGen/bin/Release/net10.0/LoadGen.dll" --url "http://127.0.0.1:$PORT" --prefix "round${round}" \
    --fixtures "$ROOT/fixtures/wcs-lifecycle" --connections 32 --workload w2 --requests 50000 \
    --first-lifecycle $((round * 100000)) --rate "$RATE" --seconds "$SECONDS_MEASURED" --warmup 3 \
    ${LATENCY_TIMELINE:+--timeline "$LATENCY_TIMELINE.round$round"} > "$WORK/round.txt"
  read -r b1 h1 ms1 s1 p1 g01 g11 g21 a1 < <(writer); c1=$(cpu); t1=$(date +%s.%N)
  grep -E "_(p50|p99|p999)_ms:|schedule_lag_p99_ms:" "$WORK/round.txt"
  python3 - "$round" "$b0" "$b1" "$h0" "$h1" "$ms0" "$ms1" "$s0" "$s1" "$c0" "$c1" "$t0" "$t1" \
    "$p0" "$p1" "$g00" "$g01" "$g10" "$g11" "$g20" "$g21" "$a0" "$a1" <<'PY'
import sys
r, b0, b1, h0, h1, m0, m1, s0, s1, c0, c1, t0, t1, p0, p1, g00, g01, g10, g11, g20, g21, a0, a1 = sys.argv[1], *map(float, sys.argv[2:])
b = max(b1 - b0, 1)
print(f"round{r}_writer: {b1 - b0:.0f} batches, {(h1 - h0) / b:.1f} hooks and {(m1 - m0) / b:.2f} ms each, {s1 - s0:.0f} stale checks")
print(f"round{r}_gc: paused {p1 - p0:.1f} ms, {g01 - g00:.0f} gen0 / {g11 - g10:.0f} gen1 / {g21 - g20:.0f} gen2, "
      f"{(a1 - a0) / max(h1 - h0, 1) / 1024:.1f} KiB allocated a hook")
print(f"round{r}_portal_cpu_percent_of_one_core: {(c1 - c0) / 100 / (t1 - t0) * 100:.0f}")
PY
done
