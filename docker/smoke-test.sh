#!/usr/bin/env bash
# Smoke test of the Docker deployment (run by .ci/run after the unit tests):
#   build the image from a host publish, start docker-compose.yml (PostgreSQL, api, worker1, worker2)
#   with every container on loopback, check a prediction through the api, submit a training job that
#   runs for over a minute, kill the worker container running it, and check the other worker finishes
#   it (Succeeded, attempts 2) and the api serves the new version. Always removes the stack.
#
#   docker/smoke-test.sh
#
# Needs: dotnet (the .NET 10 SDK), python3, curl and a Docker engine with compose; when no engine
# answers, ../shared/tools/docker-local.sh (beside the repository) is used to start one if present.
# Ports (all on 127.0.0.1): SEQSERVE_PORT (api, 8080), SEQSERVE_WORKER1_PORT (8081),
# SEQSERVE_WORKER2_PORT (8082), SEQSERVE_PG_PORT (55432).
set -euo pipefail
cd "$(dirname "$0")/.."
source docker/stack.sh

step "checking tools"
stack_require_tools
stack_build_image
stack_up
stack_wait_healthy api worker1 worker2

step "prediction through the api on 127.0.0.1:$SEQSERVE_PORT"
answer=$(api_post /v1/sequence/sine-cosine/predict '{"inputs":[[0.0,0.1,0.2]]}')
shipped=$(json_get "$answer" version)
[[ -n $shipped && $(json_get "$answer" 'len(v["outputs"][0])') == 3 ]] || fail "unexpected prediction: $answer"
step "sine-cosine version $shipped answered: $(json_get "$answer" 'v["outputs"][0]')"

# Each attempt trains for 70 s whatever the machine's speed: more epochs than fit, stopped by maxMinutes.
job=$(api_post /v1/jobs '{"model":"smoke-sine","task":"sequence","dataset":"sine-cosine","architecture":{"hidden":64},"training":{"epochs":500,"learningRate":0.002,"patience":100,"maxMinutes":1.17,"seed":7},"promote":true}')
id=$(json_get "$job" id)
[[ -n $id ]] || fail "job not accepted: $job"
step "job $id accepted (smoke-sine, 70 s of training per attempt)"

runner=$(stack_wait_runner "$id" 120) || fail "no worker started job $id within 120 s"
other=$([[ $runner == worker1 ]] && echo worker2 || echo worker1)
step "job $id runs on $runner"
sleep 15
running=$(api_get "/v1/jobs/$id")
[[ $(json_get "$running" state) == Running ]] || fail "job $id is $(json_get "$running" state) 15 s after it started"
epoch=$(json_get "$running" 'v["progress"]["epoch"]') node=$(json_get "$running" node)
step "killing $runner (node $node) at epoch $epoch"
docker kill "$(stack_container "$runner")" >/dev/null
killed_at=$(date +%s)

wait_for 180 "job $id to run again (attempts 2)" job_attempt_running "$id" 2
step "job $id running again $(( $(date +%s) - killed_at )) s after the kill"
stack_logs_mention "$other" "$id" || fail "$other's log does not mention job $id"
wait_for 400 "job $id to finish" job_finished "$id"
final=$(api_get "/v1/jobs/$id")
state=$(json_get "$final" state); attempts=$(json_get "$final" attempts); version=$(json_get "$final" version)
[[ $state == Succeeded ]] || fail "job $id ended $state: $(json_get "$final" error)"
[[ $attempts == 2 ]] || fail "job $id took $attempts attempts (expected 2)"
[[ $(docker inspect -f '{{.State.Running}}' "$(stack_container "$runner")") == false ]] || fail "$runner is running again"
[[ $(json_get "$final" node) != "$node" ]] || fail "job $id finished on the killed node $node"
step "job $id Succeeded on $other (node $(json_get "$final" node)) after $attempts attempts: version $version"
step "second attempt: $(json_get "$final" message)"

wait_for 60 "the api to serve smoke-sine $version" api_serves smoke-sine "$version"
answer=$(api_post /v1/sequence/smoke-sine/predict '{"inputs":[[0.0,0.1,0.2]]}')
step "smoke-sine $version answers through the api: $(json_get "$answer" 'v["outputs"][0]')"
step "PASS"
