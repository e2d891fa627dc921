# Shared by deploy/failover.sh and deploy/redis-outage.sh (sourced, not run): options, the cluster the test runs on,
# cleanup on EXIT/INT/TERM, the traffic and its check.
#
# Options: --short (10 s of traffic instead of 30), --dir DIR (use or start the cluster in DIR and leave DIR in
# place; without it everything goes to a temporary folder that is removed at the end), --keep (keep that folder),
# --rate N (hooks per second, 200), --seconds N.

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CLUSTER=$HERE/cluster.sh
TRAFFIC=$HERE/traffic.py

RATE=${CLUSTER_TEST_RATE:-200}
DURATION=30
DIR=
KEEP=0
while (($#)); do
  case $1 in
    --short) DURATION=10; shift ;;
    --dir) [[ $# -ge 2 ]] || { echo "--dir needs a folder" >&2; exit 2; }; DIR=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --rate) RATE=$2; shift 2 ;;
    --seconds) DURATION=$2; shift 2 ;;
    *) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
[[ $RATE =~ ^[0-9]+$ && $DURATION =~ ^[0-9]+$ ]] && ((RATE > 0 && DURATION > 0)) ||
  { echo "--rate and --seconds take whole positive numbers" >&2; exit 2; }

log() { echo "# $*" >&2; }
now() { date +%s.%N; }

TEMP_DIR=0
if [[ -z $DIR ]]; then
  DIR=$(mktemp -d /var/tmp/streamportal-cluster-test.XXXXXX)   # on disk: PostgreSQL runs with fsync on
  TEMP_DIR=1
fi
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

# A cluster already running in DIR is used and left running; one this test starts is taken down at the end.
STARTED=1
if [[ -f $DIR/cluster.env ]] && [[ $("$CLUSTER" status --dir "$DIR" 2>/dev/null) =~ (^|$'\n')haproxy\ +running ]]; then
  STARTED=0
fi
TRAFFIC_PID=

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $TRAFFIC_PID ]]; then kill "$TRAFFIC_PID" 2>/dev/null || true; fi
  if ((STARTED)); then "$CLUSTER" down --dir "$DIR" || true; fi
  if ((TEMP_DIR && !KEEP)); then rm -rf "$DIR"; elif ((TEMP_DIR)); then log "kept $DIR"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # so that the EXIT trap runs on Ctrl-C or kill too

cluster_up() {
  log "cluster in $DIR"
  "$CLUSTER" up --dir "$DIR" >&2
  # shellcheck source=/dev/null
  source "$DIR/cluster.env"
  PSQL="runuser -u postgres -- psql -h $DIR/pg -p $PG_PORT -d streamportal"
  RUN=$(basename "$0" .sh | tr -cd 'a-z')-$(date +%s)-$$
  RESULTS=$DIR/$RUN.json
}

# start_traffic: WCS-like traffic through HAProxy in the background for DURATION s at RATE/s (bounded: each
# request has a 10 s timeout, and the whole client is cut 60 s after its end).
start_traffic() {
  log "traffic: $RATE hooks/s for $DURATION s through http://127.0.0.1:$HTTP_PORT (run $RUN)"
  rm -f "$DIR/$RUN.started"
  timeout $((DURATION + 60)) python3 "$TRAFFIC" send --url "http://127.0.0.1:$HTTP_PORT" --rate "$RATE" \
    --seconds "$DURATION" --run "$RUN" --out "$RESULTS" --started "$DIR/$RUN.started" &
  TRAFFIC_PID=$!
  local deadline=$((SECONDS + 60))
  until [[ -s $DIR/$RUN.started ]]; do
    ((SECONDS < deadline)) && kill -0 "$TRAFFIC_PID" 2>/dev/null || { log "the traffic client did not start"; exit 1; }
    sleep 0.05
  done
  TRAFFIC_START=$(cat "$DIR/$RUN.started")
}
# at PERCENT: sleeps until PERCENT % of the traffic's duration has passed since its first request was due (shell
# arithmetic only: on a busy machine, starting a process to compute a delay costs more than the delay's precision).
at() {
  local start_ms now_ms due_ms
  start_ms=$(( ${TRAFFIC_START%.*} * 1000 + 10#$(printf '%-3.3s' "${TRAFFIC_START#*.}" | tr ' ' 0) ))
  due_ms=$(( start_ms + DURATION * 10 * $1 ))
  now_ms=$(( $(date +%s%N) / 1000000 ))
  if (( due_ms > now_ms )); then sleep "$(( (due_ms - now_ms) / 1000 )).$(printf '%03d' $(( (due_ms - now_ms) % 1000 )))"; fi
}
# haproxy_up NAME SECONDS: waits until HAProxy has NAME in rotation again; prints the time it saw it, or "never".
haproxy_up() {
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    if [[ $("$CLUSTER" servers --dir "$DIR") =~ (^|$'\n')$1\ UP ]]; then now; return 0; fi
    sleep 0.2
  done
  echo never
}
wait_traffic() {
  local rc=0
  wait "$TRAFFIC_PID" || rc=$?
  TRAFFIC_PID=
  ((rc == 0)) || { log "the traffic client failed (exit $rc)"; exit 1; }
}
# counters_diff BEFORE AFTER: HAProxy's counters (cluster.sh counters) over this run, after minus before.
counters_diff() {
  python3 - "$1" "$2" <<'EOF'
import sys
parse = lambda text: dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)
before, after = parse(sys.argv[1]), parse(sys.argv[2])
for name, value in after.items():
    print(f"{name}: {int(value) - int(before.get(name, 0))}")
EOF
}
