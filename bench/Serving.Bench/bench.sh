#!/usr/bin/env bash
# The serving benchmark: raw in-process forward passes next to the real HTTP service under load (wrk), batching on
# and off. wrk (Debian package "wrk") is installed when missing and possible; without it the bench falls back to an
# in-process .NET load generator and says so.
# Usage: ./seqserve bench serving [--quick]
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v wrk >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "seqserve: installing wrk (the load generator of the serving bench)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null 2>&1; } ||
      echo "seqserve: could not install wrk; the in-process load generator is used instead" >&2
  else
    echo "seqserve: wrk not found (Debian/Ubuntu: sudo apt-get install wrk); the in-process load generator is used instead" >&2
  fi
fi
exec dotnet run --project bench/Serving.Bench -c Release -- "$@"
