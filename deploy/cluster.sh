#!/usr/bin/env bash
# A StreamPortal cluster on one machine, from Debian packages: PostgreSQL, Redis, two portal instances and HAProxy in
# front, everything on 127.0.0.1. See docs/cluster.md.
#
#   deploy/cluster.sh up     [--dir DIR]   start every part that is not running (installs the packages if missing)
#   deploy/cluster.sh down   [--dir DIR] [--purge]   stop everything it started; --purge also deletes DIR
#   deploy/cluster.sh status [--dir DIR]   one line per part
#   deploy/cluster.sh start|stop|kill PART [--dir DIR]   one part: pg, redis, i1, i2, haproxy (kill = SIGKILL)
#   deploy/cluster.sh counters|servers [--dir DIR]   HAProxy's counters ("name: value") / each instance's state
#
# DIR (default $CLUSTER_DIR or /var/tmp/streamportal-cluster) holds the data, logs, pid files, the rendered HAProxy
# config, cluster.env (the ports chosen) and secrets.env (passwords, mode 600). Ports, from the environment on the first
# `up` (then remembered in cluster.env): CLUSTER_HTTP_PORT (8080), CLUSTER_INSTANCE1_PORT (5101),
# CLUSTER_INSTANCE2_PORT (5102), CLUSTER_PG_PORT (5432), CLUSTER_REDIS_PORT (6379). A port given explicitly must be
# free; a default that is taken is replaced by a free port. CLUSTER_PUBLISHED_APP=FOLDER uses an existing
# `dotnet publish` output instead of publishing into DIR/app. CLUSTER_START_TIMEOUT (90 s) bounds each start.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
START_TIMEOUT=${CLUSTER_START_TIMEOUT:-90}

usage() { sed -n '5,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
log() { echo "# $*" >&2; }
die() { echo "cluster.sh: $*" >&2; exit 1; }

CMD=${1:-}; [[ -n $CMD ]] || usage; shift
PART=
case $CMD in
  start|stop|kill) PART=${1:-}; [[ $PART =~ ^(pg|redis|i1|i2|haproxy)$ ]] || usage; shift ;;
  up|down|status|counters|servers) ;;
  *) usage ;;
esac
DIR=${CLUSTER_DIR:-/var/tmp/streamportal-cluster}
PURGE=0
while (($#)); do
  case $1 in
    --dir) [[ $# -ge 2 ]] || usage; DIR=$2; shift 2 ;;
    --purge) PURGE=1; shift ;;
    *) usage ;;
  esac
done
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

# ---- helpers ----------------------------------------------------------------------------------------------------

# port_free P: nothing listens on 127.0.0.1:P and it can be bound.
port_free() {
  python3 - "$1" <<'EOF'
import socket, sys
s = socket.socket()
# As the servers bind (SO_REUSEADDR): connections of a stopped server in TIME_WAIT do not make its port busy.
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
EOF
}
# free_port: a free port below the kernel's ephemeral range (32768 and up by default), where no outgoing connection
# can take it between this choice and the server's bind.
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 12000))
    if port_free "$p"; then echo "$p"; return 0; fi
  done
  die "no free port found in 20000-31999"
}

# choose_port NAME DEFAULT: the port of NAME (env var), checked; a busy default is replaced by a free port.
choose_port() {
  local name=$1 default=$2 given=${!1:-}
  if [[ -n $given ]]; then
    [[ $given =~ ^[0-9]+$ ]] && ((given > 0 && given < 65536)) || die "$name=$given is not a port"
    port_free "$given" || die "$name=$given: 127.0.0.1:$given is in use"
    echo "$given"
  elif port_free "$default"; then
    echo "$default"
  else
    local p; p=$(free_port); log "$name: $default is in use, using $p"; echo "$p"
  fi
}

# wait_until SECONDS WHAT CMD...: polls CMD every 0.2 s until it succeeds; fails after SECONDS.
wait_until() {
  local limit=$1 what=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { log "$what: not within ${limit} s"; return 1; }
    sleep 0.2
  done
}

# alive PIDFILE PATTERN: the pid in PIDFILE runs and its command line contains PATTERN (a reused pid is not ours).
alive() {
  local pid
  [[ -s $1 ]] || return 1
  pid=$(head -n1 "$1")
  [[ $pid =~ ^[0-9]+$ ]] && [[ -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2"
}

# stop_pid PIDFILE PATTERN SECONDS [SIGNAL]: sends SIGNAL (TERM) to our process, waits up to SECONDS, then SIGKILL.
stop_pid() {
  local file=$1 pattern=$2 limit=$3 signal=${4:-TERM} pid
  alive "$file" "$pattern" || { rm -f "$file"; return 0; }
  pid=$(head -n1 "$file")
  kill "-$signal" "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + limit))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$file"
}

http_code() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true; }
# still_running PID: the process is there and has not exited (a child that exited stays as a zombie until waited for).
still_running() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ -n $state && $state != Z* ]]
}
ready() { [[ $(http_code "http://127.0.0.1:$1/readyz") == 200 ]]; }

install_if_missing() {
  local missing=()
  compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v curl >/dev/null || missing+=(curl)
  ((${#missing[@]} == 0)) && return 0
  [[ $(id -u) == 0 ]] || die "missing ${missing[*]}: install them (apt-get install -y ${missing[*]}) or run as root"
  log "installing ${missing[*]}"
  timeout 600 apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq "${missing[@]}" >&2
}

# ---- configuration: ports (chosen once, kept in cluster.env) and secrets (secrets.env) -----------------------------

ENV_FILE=$DIR/cluster.env
SECRETS=$DIR/secrets.env
load_env() {
  # shellcheck source=/dev/null
  [[ -f $ENV_FILE ]] && source "$ENV_FILE"
  # shellcheck source=/dev/null
  [[ -f $SECRETS ]] && source "$SECRETS"
  return 0
}
make_env() {
  [[ -f $ENV_FILE ]] && return 0
  local http i1 i2 pg redis
  http=$(choose_port CLUSTER_HTTP_PORT 8080)
  i1=$(choose_port CLUSTER_INSTANCE1_PORT 5101)
  i2=$(choose_port CLUSTER_INSTANCE2_PORT 5102)
  pg=$(choose_port CLUSTER_PG_PORT 5432)
  redis=$(choose_port CLUSTER_REDIS_PORT 6379)
  local all="$http $i1 $i2 $pg $redis"
  [[ $(tr ' ' '\n' <<<"$all" | sort -u | wc -l) == 5 ]] || die "the five ports must differ: $all"
  cat >"$ENV_FILE" <<EOF
HTTP_PORT=$http
INSTANCE1_PORT=$i1
INSTANCE2_PORT=$i2
PG_PORT=$pg
REDIS_PORT=$redis
EOF
}
make_secrets() {
  [[ -f $SECRETS ]] && return 0
  token() { python3 -c 'import secrets; print(secrets.token_hex(16))'; }
  (umask 077; cat >"$SECRETS" <<EOF
PG_PASSWORD=$(token)
REDIS_PASSWORD=$(token)
ADMIN_PASSWORD=Sp-$(token)
API_KEY=sp-$(token)
EOF
  )
}

PG_DIR=$DIR/pg
PG_DATA=$PG_DIR/data
pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }
as_postgres() { runuser -u postgres -- "$@"; }
# psql as the server's superuser over its own Unix socket (peer authentication, no password).
pg_psql() { as_postgres psql -h "$PG_DIR" -p "$PG_PORT" -X -q -v ON_ERROR_STOP=1 "$@"; }

instance_port() { if [[ $1 == i1 ]]; then echo "$INSTANCE1_PORT"; else echo "$INSTANCE2_PORT"; fi; }
redis_config_string() { echo "127.0.0.1:$REDIS_PORT,password=$REDIS_PASSWORD,abortConnect=false"; }
portal_connection_string() {
  echo "Host=127.0.0.1;Port=$PG_PORT;Database=streamportal;Username=portal;Password=$PG_PASSWORD"
}

# ---- parts --------------------------------------------------------------------------------------------------------

pg_running() { [[ -f $PG_DATA/postmaster.pid ]] && alive "$PG_DATA/postmaster.pid" postgres; }
start_pg() {
  pg_running && return 0
  local bin; bin=$(pg_bin)
  # The server refuses root and must reach its folder: DIR is traversable, pg/ belongs to postgres.
  chmod a+x "$DIR"
  mkdir -p "$PG_DIR"; chown postgres "$PG_DIR"; chmod 700 "$PG_DIR"
  local fresh=0
  if [[ ! -f $PG_DATA/PG_VERSION ]]; then
    fresh=1
    log "pg: initdb $PG_DATA"
    # Local (Unix socket) logins by peer, TCP logins by password: the portal's role has one, nobody else connects.
    as_postgres "$bin/initdb" -D "$PG_DATA" -U postgres -E UTF8 --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  fi
  log "pg: starting on 127.0.0.1:$PG_PORT"
  # fsync and synchronous_commit on (the defaults, stated): an answered hook is on disk. 200 connections: two
  # instances with Npgsql's default pool of 100 each.
  as_postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/server.log" -w -t "$START_TIMEOUT" start \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=200" \
    >/dev/null || { tail -n 20 "$PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
  if ((fresh)); then
    # The portal's own role and database; the password is hex, so it needs no quoting.
    pg_psql -d postgres -c "CREATE ROLE portal LOGIN PASSWORD '$PG_PASSWORD'" \
      -c "CREATE DATABASE streamportal OWNER portal"
  fi
}
stop_pg() {
  pg_running || return 0
  log "pg: stopping"
  as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1 ||
    as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
}
# A crash as PostgreSQL sees one: every server process stops at once, no checkpoint (recovery replays the WAL).
kill_pg() {
  pg_running || return 0
  log "pg: immediate stop"
  as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
}

REDIS_DIR=$DIR/redis
redis_cli() { REDISCLI_AUTH=$REDIS_PASSWORD redis-cli --no-auth-warning -h 127.0.0.1 -p "$REDIS_PORT" "$@"; }
redis_pong() { [[ $(redis_cli ping 2>/dev/null) == PONG ]]; }
start_redis() {
  alive "$REDIS_DIR/redis.pid" redis-server && return 0
  chmod a+x "$DIR"
  mkdir -p "$REDIS_DIR"
  # No persistence: Redis carries notifications, the SignalR backplane and maxHits counters; PostgreSQL holds the
  # data (docs/cluster.md, "Redis"). The password is in a file, not on the command line.
  (umask 077; cat >"$REDIS_DIR/redis.conf" <<EOF
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
requirepass $REDIS_PASSWORD
save ""
appendonly no
daemonize yes
pidfile $REDIS_DIR/redis.pid
logfile $REDIS_DIR/redis.log
dir $REDIS_DIR
maxmemory 256mb
maxmemory-policy noeviction
EOF
  )
  local user=redis
  id redis >/dev/null 2>&1 || user=$(id -un)
  chown -R "$user" "$REDIS_DIR"
  log "redis: starting on 127.0.0.1:$REDIS_PORT"
  runuser -u "$user" -- redis-server "$REDIS_DIR/redis.conf" ||
    { tail -n 20 "$REDIS_DIR/redis.log" >&2 || true; die "Redis did not start"; }
  wait_until 10 "redis PING" redis_pong ||
    die "Redis does not answer"
}
stop_redis() { log "redis: stopping"; stop_pid "$REDIS_DIR/redis.pid" redis-server 10 TERM; }
kill_redis() { stop_pid "$REDIS_DIR/redis.pid" redis-server 5 KILL; }

app_dir() {
  if [[ -n ${CLUSTER_PUBLISHED_APP:-} ]]; then echo "$CLUSTER_PUBLISHED_APP"; else echo "$DIR/app"; fi
}
publish_app() {
  local app; app=$(app_dir)
  [[ -f $app/StreamPortal.dll ]] && return 0
  [[ -z ${CLUSTER_PUBLISHED_APP:-} ]] || die "CLUSTER_PUBLISHED_APP=$app has no StreamPortal.dll"
  log "publishing StreamPortal (Release) into $app"
  (cd "$ROOT" && timeout 900 dotnet publish StreamPortal -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o "$app" --nologo -v q -clp:ErrorsOnly >&2) ||
    die "dotnet publish failed"
}
start_instance() {
  local name=$1 port pidfile attempt
  port=$(instance_port "$name")
  pidfile=$DIR/$name/portal.pid
  alive "$pidfile" StreamPortal.dll && return 0
  publish_app
  mkdir -p "$DIR/$name"
  # A port in the ephemeral range can be held for a moment by some outgoing connection: a failed bind is retried.
  for attempt in 1 2 3; do
    log "$name: starting on 127.0.0.1:$port"
    local deadline=$((SECONDS + START_TIMEOUT)) since=0
    [[ -f $DIR/$name/portal.log ]] && since=$(wc -l <"$DIR/$name/portal.log")
    spawn_instance "$name" "$port"
    until ready "$port"; do
      # Not `alive`: until the subshell spawn_instance started reaches its exec, its command line is this script's,
      # so a check by command line in that moment took a starting instance for a dead one (two CI runs failed so).
      if ! still_running "$(head -n1 "$pidfile")"; then
        if ((attempt < 3)) && tail -n +"$((since + 1))" "$DIR/$name/portal.log" | grep -q "address already in use"; then
          log "$name: 127.0.0.1:$port is taken for now, trying again"; sleep 1; continue 2
        fi
        # Its exit status says how it ended (137: SIGKILL, e.g. the OOM killer; 0: the host stopped itself; 127: not
        # this shell's child).
        local status=0
        wait "$(head -n1 "$pidfile")" 2>/dev/null || status=$?
        tail -n 30 "$DIR/$name/portal.log" >&2; die "$name exited while starting (exit status $status)"
      fi
      ((SECONDS < deadline)) || { tail -n 30 "$DIR/$name/portal.log" >&2; die "$name is not ready within $START_TIMEOUT s"; }
      sleep 0.2
    done
    return 0
  done
}
# spawn_instance NAME PORT: starts the published app in the background, pid in DIR/NAME/portal.pid.
spawn_instance() {
  local name=$1 port=$2
  # Secrets go through exported variables (never on a command line); cwd = the publish folder (content root for the
  # console's static files in Production).
  (
    cd "$(app_dir)"
    export ASPNETCORE_ENVIRONMENT=Production
    export ASPNETCORE_URLS="http://127.0.0.1:$port"
    export StreamPortal__Storage__Provider=Postgres
    ConnectionStrings__Portal=$(portal_connection_string); export ConnectionStrings__Portal
    StreamPortal__Cluster__Redis=$(redis_config_string); export StreamPortal__Cluster__Redis
    export StreamPortal__Cluster__InstanceName="${CLUSTER_NAME_PREFIX:-$(hostname -s)-}$name"
    export StreamPortal__Admin__Password="$ADMIN_PASSWORD"
    export StreamPortal__ApiKeys__0="$API_KEY"
    export Logging__LogLevel__Default=Warning
    # The runtime settings of every deployment (GC budget): see runtime.env.
    set -a; . "$HERE/runtime.env"; set +a
    exec setsid dotnet StreamPortal.dll >>"$DIR/$name/portal.log" 2>&1 </dev/null
  ) &
  echo $! >"$DIR/$name/portal.pid"
}
stop_instance() { log "$1: stopping"; stop_pid "$DIR/$1/portal.pid" StreamPortal.dll 20 TERM; }
# kill_instance NAME: SIGKILL; prints "killed_at: <Unix time>" (when the signal was sent) on stdout.
kill_instance() {
  alive "$DIR/$1/portal.pid" StreamPortal.dll || { log "$1: not running"; return 0; }
  log "$1: SIGKILL"
  kill -KILL "$(head -n1 "$DIR/$1/portal.pid")"
  echo "killed_at: $(date +%s.%N)"
  stop_pid "$DIR/$1/portal.pid" StreamPortal.dll 5 KILL
}

HA_DIR=$DIR/haproxy
haproxy_socket() {
  python3 - "$HA_DIR/admin.sock" "$1" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(2)
s.connect(sys.argv[1])
s.sendall((sys.argv[2] + "\n").encode())
out = b""
while chunk := s.recv(65536):
    out += chunk
sys.stdout.write(out.decode())
EOF
}
# haproxy_states: "i1 UP" lines for the hooks backend (the checked one; the console backend tracks it).
haproxy_states() {
  haproxy_socket "show stat" 2>/dev/null | awk -F, '$1 == "hooks" && $2 ~ /^i[12]$/ { print $2, $18 }'
}
# counters: retries, redispatches, connection and response errors of the hooks backend, and each instance's requests.
counters() {
  haproxy_socket "show stat" | awk -F, '
    $1 == "hooks" && $2 == "BACKEND" { print "haproxy_retries: " $16; print "haproxy_redispatches: " $17;
                                       print "haproxy_connection_errors: " $14; print "haproxy_response_errors: " $15 }
    $1 == "hooks" && $2 ~ /^i[12]$/ { print "haproxy_" $2 "_requests: " $8 }'
}
both_up() { [[ $(haproxy_states | grep -c ' UP$') == 2 ]]; }
start_haproxy() {
  alive "$HA_DIR/haproxy.pid" haproxy && return 0
  mkdir -p "$HA_DIR"
  sed -e "s/@FRONT_PORT@/$HTTP_PORT/" -e "s/@INSTANCE1_PORT@/$INSTANCE1_PORT/" \
    -e "s/@INSTANCE2_PORT@/$INSTANCE2_PORT/" -e "s#@RUN_DIR@#$HA_DIR#" \
    "$HERE/haproxy.cfg.template" >"$HA_DIR/haproxy.cfg"
  if ! id haproxy >/dev/null 2>&1 || [[ $(id -u) != 0 ]]; then sed -i '/^    \(user\|group\) haproxy$/d' "$HA_DIR/haproxy.cfg"; fi
  haproxy -c -q -f "$HA_DIR/haproxy.cfg" || die "HAProxy refuses $HA_DIR/haproxy.cfg"
  log "haproxy: starting on 127.0.0.1:$HTTP_PORT"
  (exec setsid haproxy -db -f "$HA_DIR/haproxy.cfg" >>"$HA_DIR/haproxy.log" 2>&1 </dev/null) &
  echo $! >"$HA_DIR/haproxy.pid"
  wait_until 10 "haproxy listening" curl -s -o /dev/null -m 1 "http://127.0.0.1:$HTTP_PORT/healthz" ||
    { tail -n 20 "$HA_DIR/haproxy.log" >&2; die "HAProxy did not start"; }
}
stop_haproxy() { log "haproxy: stopping"; stop_pid "$HA_DIR/haproxy.pid" haproxy 10 TERM; }
kill_haproxy() { stop_pid "$HA_DIR/haproxy.pid" haproxy 5 KILL; }

status_line() { printf '%-8s %-8s %s\n' "$1" "$2" "$3"; }
status() {
  [[ -f $ENV_FILE ]] || { echo "no cluster in $DIR"; return 0; }
  local pid
  if pg_running; then
    pid=$(head -n1 "$PG_DATA/postmaster.pid")
    status_line pg running "pid $pid, 127.0.0.1:$PG_PORT, $(pg_isready -h 127.0.0.1 -p "$PG_PORT" -t 2 2>&1 | sed 's/^[^ ]* - //')"
  else status_line pg stopped "127.0.0.1:$PG_PORT, data $PG_DATA"; fi
  if alive "$REDIS_DIR/redis.pid" redis-server; then
    status_line redis running "pid $(head -n1 "$REDIS_DIR/redis.pid"), 127.0.0.1:$REDIS_PORT, PING: $(redis_cli ping 2>&1 | head -n1)"
  else status_line redis stopped "127.0.0.1:$REDIS_PORT"; fi
  local i port
  for i in i1 i2; do
    port=$(instance_port "$i")
    if alive "$DIR/$i/portal.pid" StreamPortal.dll; then
      status_line "$i" running "pid $(head -n1 "$DIR/$i/portal.pid"), http://127.0.0.1:$port, /healthz $(http_code "http://127.0.0.1:$port/healthz"), /readyz $(http_code "http://127.0.0.1:$port/readyz")"
    else status_line "$i" stopped "http://127.0.0.1:$port"; fi
  done
  if alive "$HA_DIR/haproxy.pid" haproxy; then
    status_line haproxy running "pid $(head -n1 "$HA_DIR/haproxy.pid"), http://127.0.0.1:$HTTP_PORT, servers: $(haproxy_states | paste -sd, - | sed 's/,/, /g')"
  else status_line haproxy stopped "http://127.0.0.1:$HTTP_PORT"; fi
  echo "console: http://127.0.0.1:$HTTP_PORT/ (user admin, password and API key in $SECRETS)"
  echo "WCS hook URL: http://<this host>:$HTTP_PORT/rest/<app>  (HAProxy listens on 127.0.0.1 here)"
}

up() {
  install_if_missing
  make_env; make_secrets; load_env
  start_pg
  start_redis
  publish_app
  # One after the other: the first start migrates the database and creates the admin user; the second finds both.
  start_instance i1
  start_instance i2
  start_haproxy
  wait_until 10 "haproxy sees both instances UP" both_up ||
    log "haproxy: not every instance is UP yet: $(haproxy_states | paste -sd, -)"
  status
}

down() {
  if [[ -f $ENV_FILE ]]; then
    load_env
    # The balancer first (no new requests), then the instances (they drain and commit), then the stores.
    stop_haproxy
    stop_instance i1
    stop_instance i2
    stop_redis
    stop_pg
  fi
  if ((PURGE)); then rm -rf "$DIR"; log "removed $DIR"; fi
}

case $CMD in
  up) up ;;
  down) down ;;
  status) load_env; status ;;
  counters) load_env; counters ;;
  servers) haproxy_states ;;
  start|stop|kill)
    [[ -f $ENV_FILE ]] || die "no cluster in $DIR (run up first)"
    load_env
    case $CMD-$PART in
      start-pg) start_pg ;; stop-pg) stop_pg ;; kill-pg) kill_pg ;;
      start-redis) start_redis ;; stop-redis) stop_redis ;; kill-redis) kill_redis ;;
      start-i1|start-i2) start_instance "$PART" ;;
      stop-i1|stop-i2) stop_instance "$PART" ;;
      kill-i1|kill-i2) kill_instance "$PART" ;;
      start-haproxy) start_haproxy ;; stop-haproxy) stop_haproxy ;; kill-haproxy) kill_haproxy ;;
    esac ;;
esac
