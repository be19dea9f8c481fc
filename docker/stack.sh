# Shared by docker/smoke-test.sh and bench/Cluster.Bench: build the image from a host publish, run
# docker-compose.yml on loopback (docker/compose.loopback.yml), talk to the api, read job records and
# container logs, and always take the stack down again. Source it from the repository root.

SEQSERVE_PORT=${SEQSERVE_PORT:-8080}
SEQSERVE_WORKER1_PORT=${SEQSERVE_WORKER1_PORT:-8081}
SEQSERVE_WORKER2_PORT=${SEQSERVE_WORKER2_PORT:-8082}
SEQSERVE_PG_PORT=${SEQSERVE_PG_PORT:-55432}
SEQSERVE_IMAGE=${SEQSERVE_IMAGE:-seqserve:local-test}
STACK_PROJECT=${STACK_PROJECT:-seqserve-test}
export SEQSERVE_PORT SEQSERVE_WORKER1_PORT SEQSERVE_WORKER2_PORT SEQSERVE_PG_PORT SEQSERVE_IMAGE

stack_started=$(date +%s)
stack_logs=$(mktemp -d)
stack_is_up=

step() { printf '[%5ds] %s\n' "$(($(date +%s) - stack_started))" "$*"; }
fail() { step "FAIL: $*" >&2; exit 1; }

compose() {
  "${compose_cmd[@]}" -p "$STACK_PROJECT" -f docker-compose.yml -f docker/compose.loopback.yml "$@"
}

stack_require_tools() {
  local tool
  for tool in dotnet python3 curl docker; do
    command -v "$tool" >/dev/null || fail "$tool is needed and not on PATH"
  done
  if ! docker info >/dev/null 2>&1; then
    if [[ -f ../shared/tools/docker-local.sh ]]; then
      step "no Docker engine answers; starting one with ../shared/tools/docker-local.sh"
      bash ../shared/tools/docker-local.sh || fail "../shared/tools/docker-local.sh could not start a Docker engine"
    else
      fail "no Docker engine answers ('docker info' fails): start Docker (engine with compose) and run again"
    fi
  fi
  if docker compose version >/dev/null 2>&1; then compose_cmd=(docker compose)
  elif command -v docker-compose >/dev/null; then compose_cmd=(docker-compose)
  else fail "Docker compose is needed: neither 'docker compose' nor 'docker-compose' is installed"
  fi
  step "docker engine $(docker version --format '{{.Server.Version}}'), $("${compose_cmd[@]}" version --short 2>/dev/null || echo compose)"
}

# dotnet publish on the host, then docker/Dockerfile copying it (PUBLISHED_APP).
stack_build_image() {
  step "dotnet publish src/SeqServe.Api -> artifacts/docker-app"
  rm -rf artifacts/docker-app
  dotnet publish src/SeqServe.Api/SeqServe.Api.csproj -c Release -o artifacts/docker-app >"$stack_logs/publish.log" 2>&1 ||
    { tail -30 "$stack_logs/publish.log" >&2; fail "dotnet publish failed"; }
  step "docker build -f docker/Dockerfile --build-arg PUBLISHED_APP=artifacts/docker-app -t $SEQSERVE_IMAGE ."
  DOCKER_BUILDKIT=0 docker build -f docker/Dockerfile --build-arg PUBLISHED_APP=artifacts/docker-app -t "$SEQSERVE_IMAGE" . \
    >"$stack_logs/build.log" 2>&1 || { tail -30 "$stack_logs/build.log" >&2; fail "docker build failed"; }
  step "image $SEQSERVE_IMAGE: $(docker image inspect -f '{{.Size}}' "$SEQSERVE_IMAGE" | awk '{printf "%.0f MB", $1 / 1e6}')"
}

stack_port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stack_down() {
  local status=$? service
  if [[ -n $stack_is_up ]]; then
    if ((status != 0)); then
      for service in api worker1 worker2 postgres; do
        echo "---- last log lines of $service ----" >&2
        compose logs --no-color --tail 25 "$service" >&2 2>/dev/null || true
      done
    fi
    step "docker compose down -v"
    compose down -v --remove-orphans >/dev/null 2>&1 || step "compose down failed (status $?)"
  fi
  rm -rf "$stack_logs" "${TMPDIR:-/tmp}/seqserve-stack-$STACK_PROJECT.key"
  exit "$status"
}

# compose up -d (all services, or the ones named), after checking the loopback ports are free.
stack_up() {
  local port
  for port in "$SEQSERVE_PORT" "$SEQSERVE_WORKER1_PORT" "$SEQSERVE_WORKER2_PORT" "$SEQSERVE_PG_PORT"; do
    stack_port_free "$port" || fail "127.0.0.1:$port is already in use (set SEQSERVE_PORT, SEQSERVE_WORKER1_PORT, SEQSERVE_WORKER2_PORT, SEQSERVE_PG_PORT)"
  done
  trap stack_down EXIT
  stack_is_up=1
  step "docker compose up -d $* (project $STACK_PROJECT)"
  compose up -d --no-build "$@" >"$stack_logs/up.log" 2>&1 || { cat "$stack_logs/up.log" >&2; fail "compose up failed"; }
}

stack_container() { compose ps -q "$1"; }

stack_health() { docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$(stack_container "$1")"; }

stack_all_healthy() {
  local service
  for service in "$@"; do [[ $(stack_health "$service") == healthy ]] || return 1; done
}

stack_wait_healthy() {
  wait_for 240 "$* to be healthy" stack_all_healthy "$@"
  step "healthy: $*"
}

# grep without -q reads to the end: an early exit would kill compose with SIGPIPE and fail the pipe.
stack_logs_mention() { compose logs --no-color "$1" 2>/dev/null | grep -- "$2" >/dev/null; }

# Prints the worker service whose log mentions the job first (worker1 or worker2).
stack_wait_runner() {
  local id=$1 deadline=$(($(date +%s) + $2)) service
  while (($(date +%s) < deadline)); do
    for service in worker1 worker2; do
      if stack_logs_mention "$service" "$id"; then echo "$service"; return 0; fi
    done
    sleep 1
  done
  return 1
}

# wait_for SECONDS WHAT COMMAND...: polls COMMAND every second until it succeeds.
wait_for() {
  local seconds=$1 what=$2 deadline
  shift 2
  deadline=$(($(date +%s) + seconds))
  until "$@"; do
    (($(date +%s) < deadline)) || fail "timed out after ${seconds} s waiting for $what"
    sleep 1
  done
}

api_url() { echo "http://127.0.0.1:$SEQSERVE_PORT$1"; }
api_get() { curl -sS --fail-with-body --max-time 10 "$(api_url "$1")"; }
# The api generates its admin key on first start (no Auth:Keys configured) into its data volume.
api_key() {
  local file="${TMPDIR:-/tmp}/seqserve-stack-$STACK_PROJECT.key"
  [[ -s $file ]] || compose exec -T api cat /var/lib/seqserve/data/admin.key 2>/dev/null | tr -d '\r\n' >"$file"
  cat "$file"
}
api_post() {
  curl -sS --fail-with-body --max-time 30 -H 'content-type: application/json' -H "X-Api-Key: $(api_key)" -d "$2" "$(api_url "$1")"
}

# json_get JSON FIELD | json_get JSON 'python expression of v'
json_get() {
  python3 -c '
import json, sys
v = json.loads(sys.argv[1])
expr = sys.argv[2]
r = v.get(expr) if expr.isidentifier() else eval(expr)
print("" if r is None else (json.dumps(r) if isinstance(r, (list, dict)) else r))' "$1" "$2"
}

job_field() { json_get "$(api_get "/v1/jobs/$1")" "$2"; }
job_finished() { [[ $(job_field "$1" state) =~ ^(Succeeded|Failed|Cancelled)$ ]]; }
job_attempt_running() {
  local job
  job=$(api_get "/v1/jobs/$1") || return 1
  [[ $(json_get "$job" attempts) -ge $2 && $(json_get "$job" state) =~ ^(Running|Succeeded)$ ]]
}
api_serves() {
  local answer
  answer=$(api_post "/v1/sequence/$1/predict" '{"inputs":[[0.0,0.1,0.2]]}' 2>/dev/null) || return 1
  [[ $(json_get "$answer" version) == "$2" ]]
}
