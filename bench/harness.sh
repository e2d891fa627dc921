# Sourced by the quick harnesses (latency.sh, saturation.sh): what each needs before and around its measurement.
#   harness_init NAME    a temp folder WORK (removed on exit), an API key KEY, a free 127.0.0.1 PORT; builds the portal
#                        (Release, published, ReadyToRun, into $WORK/portal) and LoadGen (Release)
#   harness_start DIR SETTING...   starts the published portal in DIR on PORT with the deployment's runtime settings
#                        (deploy/runtime.env) and the given NAME=VALUE settings, logging at Warning; waits until it is
#                        ready; sets PID (stopped on exit)
# Needs BENCH_DIR and ROOT.

harness_init() {
  WORK=$(mktemp -d "$BENCH_DIR/out/$1.XXXXXX" 2>/dev/null || { mkdir -p "$BENCH_DIR/out"; mktemp -d "$BENCH_DIR/out/$1.XXXXXX"; })
  KEY="$1-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  PID=
  trap 'harness_cleanup' EXIT
  echo "# building (Release)" >&2
  dotnet publish "$ROOT/StreamPortal/StreamPortal.csproj" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o "$WORK/portal" --nologo -v q -clp:ErrorsOnly >&2
  dotnet build "$BENCH_DIR/LoadGen/LoadGen.csproj" -c Release --nologo -v q -clp:ErrorsOnly >&2
}

harness_cleanup() { [[ -n $PID ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }

harness_start() {
  local dir=$1 runtime_env=()
  shift
  mapfile -t runtime_env < <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' "$ROOT/deploy/runtime.env")
  (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production "${runtime_env[@]}" Logging__LogLevel__Default=Warning \
    StreamPortal__ApiKeys__0="$KEY" StreamPortal__Admin__Password="Bench-$(python3 -c 'import secrets; print(secrets.token_hex(12))')!" \
    "$@" dotnet StreamPortal.dll --urls "http://127.0.0.1:$PORT") >"$WORK/portal.log" 2>&1 &
  PID=$!
  for _ in $(seq 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/readyz" && return 0
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/portal.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "the portal did not get ready in 30 s" >&2; exit 1
}
