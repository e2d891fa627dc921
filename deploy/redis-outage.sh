#!/usr/bin/env bash
# Redis outage test on loopback: WCS-like hook traffic at a fixed rate through HAProxy; Redis is stopped for a few
# seconds mid-run and started again. Every hook must be answered 200 with its body mirrored (no rule exists, so any
# other answer is wrong) and stored exactly once in PostgreSQL. Prints one "name: value" line per figure; exits 1
# otherwise. (The cross-instance live view's recovery is checked by the app's own cluster tests.) See docs/cluster.md.
#
#   deploy/redis-outage.sh [--short] [--dir DIR] [--keep] [--rate N] [--seconds N]
#
# --short: 10 s of traffic (CI). Without --dir, the cluster lives in a temporary folder, taken down and removed on
# exit (also on Ctrl-C or kill). CLUSTER_TEST_OUTAGE_SECONDS (5): how long Redis stays down.
set -euo pipefail
# shellcheck source=deploy/test-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/test-lib.sh"

OUTAGE_SECONDS=${CLUSTER_TEST_OUTAGE_SECONDS:-5}

# readyz: "i1 200, i2 200" straight from each instance (not through HAProxy).
readyz() {
  local i port out=()
  for i in 1 2; do
    port=INSTANCE${i}_PORT
    out+=("i$i $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:${!port}/readyz" || true)")
  done
  local IFS=,
  echo "${out[*]}"
}

cluster_up
before=$("$CLUSTER" counters --dir "$DIR")
start_traffic
at 30
"$CLUSTER" stop redis --dir "$DIR"
STOPPED=$(now)   # Redis is gone (its process ended)
sleep 1
DURING=$(readyz)
sleep "$((OUTAGE_SECONDS > 1 ? OUTAGE_SECONDS - 1 : 0))"
"$CLUSTER" start redis --dir "$DIR"
RESTARTED=$(now)   # Redis answers PING again
wait_traffic
after=$("$CLUSTER" counters --dir "$DIR")

echo "scenario: redis outage (Redis stopped for ${OUTAGE_SECONDS} s)"
echo "load_average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "readyz_during_outage: ${DURING//,/, }"
echo "readyz_after: $(readyz | sed 's/,/, /g')"
rc=0
python3 "$TRAFFIC" check --results "$RESULTS" --psql "$PSQL" --require-all-200 \
  --event "redis_stopped=$STOPPED" --event "redis_started=$RESTARTED" || rc=$?
counters_diff "$before" "$after"
exit "$rc"
