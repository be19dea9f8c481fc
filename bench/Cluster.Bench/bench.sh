#!/usr/bin/env bash
# Cluster benchmark of the Docker deployment (docker-compose.yml on loopback, as docker/smoke-test.sh):
#   1. fresh `docker compose up` (new volumes, image already built) -> api and both workers ready and
#      a prediction answered, in seconds;
#   2. 8 small training jobs on 1 worker, then 8 on 2 workers: wall time and the ratio, in one run;
#   3. 20 jobs with 2 worker kills at random moments: jobs lost, jobs run twice at once, seconds from
#      each kill to the killed job running again on a live worker.
# Usage: ./seqserve bench cluster [--seed N] [--no-build] [--epochs N] [--kill-minutes M]
#   --epochs: epochs of each of the 8 jobs (fixed work, 60); --kill-minutes: training time of each of
#   the 20 jobs (fixed time whatever the load, so the kills find jobs running; 0.25)
set -euo pipefail
cd "$(dirname "$0")/../.."
STACK_PROJECT=seqserve-bench
source docker/stack.sh

seed=$RANDOM build=1 epochs=60 kill_minutes=0.25
while (($#)); do
  case $1 in
    --seed) seed=$2; shift 2 ;;
    --no-build) build=; shift ;;
    --epochs) epochs=$2; shift 2 ;;
    --kill-minutes) kill_minutes=$2; shift 2 ;;
    *) echo "usage: ./seqserve bench cluster [--seed N] [--no-build] [--epochs N] [--kill-minutes M]" >&2; exit 2 ;;
  esac
done
RANDOM=$seed
job_of() { echo '{"model":"bench-sine","task":"sequence","dataset":"sine-cosine","architecture":{"hidden":32},"training":{'"$1"',"patience":100},"promote":false}'; }

now() { date +%s.%N; }
since() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.1f}")' "$1" "$2"; }
ready() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$1/health/ready"; }
serving() { ready "$SEQSERVE_PORT" && api_post /v1/sequence/sine-cosine/predict '{"inputs":[[0.0,0.1,0.2]]}' >/dev/null 2>&1; }
poll() { # poll SECONDS WHAT COMMAND...: like wait_for, every 0.2 s
  local seconds=$1 what=$2 deadline; shift 2; deadline=$(($(date +%s) + seconds))
  until "$@"; do (($(date +%s) < deadline)) || fail "timed out after ${seconds} s waiting for $what"; sleep 0.2; done
}
submit() { local n=$1 i; for ((i = 0; i < n; i++)); do json_get "$(api_post /v1/jobs "$(job_of "$2")")" id; done; }
all_finished() { local id; for id in "$@"; do job_finished "$id" || return 1; done; }
succeeded() { local id n=0; for id in "$@"; do [[ $(job_field "$id" state) == Succeeded ]] && n=$((n + 1)); done; echo "$n"; }

step "checking tools (seed $seed)"
stack_require_tools
[[ -n $build ]] && stack_build_image

# 1. fresh up
up_started=$(now)
stack_up
poll 300 "the api to serve" serving
api_at=$(now)
poll 300 "both workers to be ready" eval 'ready "$SEQSERVE_WORKER1_PORT" && ready "$SEQSERVE_WORKER2_PORT"'
all_at=$(now)
fresh_api=$(since "$up_started" "$api_at") fresh_all=$(since "$up_started" "$all_at")
step "fresh up: api serving after $fresh_api s, api + 2 workers ready after $fresh_all s"

# 2. 8 jobs on 1 worker, then on 2
compose stop worker2 >/dev/null 2>&1
step "8 jobs ($epochs epochs each), worker1 alone"
t0=$(now); mapfile -t ids < <(submit 8 "\"epochs\":$epochs")
poll 900 "8 jobs on one worker" all_finished "${ids[@]}"
one=$(since "$t0" "$(now)"); one_ok=$(succeeded "${ids[@]}")
compose start worker2 >/dev/null 2>&1
poll 300 "worker2 to be ready again" ready "$SEQSERVE_WORKER2_PORT"
step "8 jobs, worker1 + worker2"
t0=$(now); mapfile -t ids < <(submit 8 "\"epochs\":$epochs")
poll 900 "8 jobs on two workers" all_finished "${ids[@]}"
two=$(since "$t0" "$(now)"); two_ok=$(succeeded "${ids[@]}")
ratio=$(python3 -c "print(f'{$one / $two:.2f}')")
step "8 jobs: 1 worker $one s ($one_ok succeeded), 2 workers $two s ($two_ok succeeded): ${ratio}x"

# 3. 20 jobs, 2 kills at random moments
step "20 jobs (${kill_minutes} min of training each), 2 worker kills"
mapfile -t ids < <(submit 20 "\"epochs\":500,\"maxMinutes\":$kill_minutes")
kill_log=$stack_logs/kills worker_logs=$stack_logs/workers.log
running_job() { # running_job WORKER: "id attempts" of a job that WORKER runs now, or nothing
  compose logs --no-color -t worker1 worker2 >"$worker_logs" 2>/dev/null
  api_get '/v1/jobs?state=Running&limit=100' >"$stack_logs/running.json"
  python3 bench/Cluster.Bench/runs.py running "$1" "$worker_logs" "$stack_logs/running.json"
}
node_alive() { # node_alive NODE: the Quartz cluster still lists NODE (not yet taken for dead)
  [[ $(docker exec -e PGPASSWORD=seqserve "$(stack_container postgres)" psql -h 127.0.0.1 -U seqserve -d seqserve -tAc \
    "select count(*) from qrtz_scheduler_state where instance_name = '$1'") != 0 ]]
}
for kill in 1 2; do
  sleep $((5 + RANDOM % 20))
  victim=worker$((1 + RANDOM % 2)) running=
  for _ in $(seq 1 30); do  # a worker between two jobs runs none: try the other one, then again
    running=$(running_job "$victim") && [[ -n $running ]] && break
    victim=$([[ $victim == worker1 ]] && echo worker2 || echo worker1)
    sleep 1
  done
  [[ -n $running ]] || { step "kill $kill: no worker runs a job any more"; break; }
  read -r job attempts node <<<"$running"
  node_alive "$node" || fail "node $node of job $job is not in qrtz_scheduler_state"
  docker kill "$(stack_container "$victim")" >/dev/null
  killed=$(now)
  step "kill $kill: $victim (node $node), running job $job (attempt $attempts)"
  poll 300 "the cluster to take node $node for dead" eval '! node_alive "$node"'
  recovered=$(since "$killed" "$(now)")
  step "kill $kill: node $node taken for dead, its job handed back, after $recovered s"
  echo "$victim $job $recovered $(date -u +%Y-%m-%dT%H:%M:%S.%NZ -d "@$killed")" >>"$kill_log"
  compose start "$victim" >/dev/null 2>&1
done
touch "$kill_log"
deadline=$(($(date +%s) + 1200))
until all_finished "${ids[@]}" || (($(date +%s) >= deadline)); do sleep 1; done
for id in "${ids[@]}"; do api_get "/v1/jobs/$id"; echo; done >"$stack_logs/records.jsonl"
compose logs --no-color -t worker1 worker2 >"$worker_logs" 2>/dev/null
figures=$(python3 bench/Cluster.Bench/runs.py report "$worker_logs" "$stack_logs/records.jsonl" "$kill_log")
results=bench/results/cluster-$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$results" && cp "$worker_logs" "$stack_logs/records.jsonl" "$kill_log" "$results/"

echo
echo "Cluster bench ($(nproc) cores, shared; absolute times are noisy, the ratio is the point), seed $seed:"
echo "  fresh docker compose up -> api serving: $fresh_api s; api + 2 workers ready: $fresh_all s"
echo "  load average at the end: $(cut -d" " -f1-3 /proc/loadavg)"
echo "  8 jobs (sine-cosine LSTM 32, $epochs epochs): 1 worker $one s, 2 workers $two s -> ${ratio}x"
echo "$figures"
echo "  worker logs, job records and kills: $results/"
