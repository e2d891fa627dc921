#!/usr/bin/env bash
# Failover test on loopback: WCS-like hook traffic at a fixed rate through HAProxy; one instance is killed with SIGKILL
# mid-run and started again. Then every hook answered 200 must be stored exactly once in PostgreSQL. Prints one
# "name: value" line per figure; exits 1 when an answered hook is missing or doubled. See docs/cluster.md.
#
#   deploy/failover.sh [--short] [--dir DIR] [--keep] [--rate N] [--seconds N]
#
# --short: 10 s of traffic, for CI (set CLUSTER_PUBLISHED_APP to a publish folder to skip the publish; about 2 min
# on the heavily shared development machine, meant to fit 90 s on an idle one: see docs/cluster.md).
# Without --dir, the cluster lives in a temporary folder, taken down and removed on exit (also on Ctrl-C or kill).
# CLUSTER_TEST_VICTIM (i1) is the instance killed; CLUSTER_TEST_DOWN_SECONDS (3) how long it stays dead.
set -euo pipefail
# shellcheck source=deploy/test-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/test-lib.sh"

VICTIM=${CLUSTER_TEST_VICTIM:-i1}
[[ $VICTIM == i1 || $VICTIM == i2 ]] || { echo "CLUSTER_TEST_VICTIM must be i1 or i2" >&2; exit 2; }
DOWN_SECONDS=${CLUSTER_TEST_DOWN_SECONDS:-3}

cluster_up
before=$("$CLUSTER" counters --dir "$DIR")
start_traffic
# The signal is sent from here (a builtin, no process to start), so that its time is exact on a busy machine too;
# cluster.sh kill then only clears the pid file.
VICTIM_PID=$(head -n1 "$DIR/$VICTIM/portal.pid")
grep -q StreamPortal.dll "/proc/$VICTIM_PID/cmdline" || { log "$VICTIM (pid $VICTIM_PID) is not running"; exit 1; }
at 30
kill -KILL "$VICTIM_PID"
KILLED=$(now)
log "$VICTIM: SIGKILL (pid $VICTIM_PID)"
"$CLUSTER" kill "$VICTIM" --dir "$DIR" >/dev/null
sleep "$DOWN_SECONDS"
RESTARTED=$(now)
"$CLUSTER" start "$VICTIM" --dir "$DIR"
READY=$(now)
IN_ROTATION=$(haproxy_up "$VICTIM" 15)
wait_traffic
after=$("$CLUSTER" counters --dir "$DIR")

echo "scenario: failover (SIGKILL of $VICTIM, restarted after ${DOWN_SECONDS} s)"
echo "load_average: $(cut -d' ' -f1-3 /proc/loadavg)"
events=(--event "killed=$KILLED" --event "restart=$RESTARTED" --event "ready_again=$READY")
if [[ $IN_ROTATION == never ]]; then echo "back_in_haproxy: not within 15 s"
else events+=(--event "back_in_haproxy=$IN_ROTATION"); fi
rc=0
python3 "$TRAFFIC" check --results "$RESULTS" --psql "$PSQL" "${events[@]}" || rc=$?
counters_diff "$before" "$after"
exit "$rc"
