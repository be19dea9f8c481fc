#!/usr/bin/env bash
# What the test suite needs from the operating system, installed when missing (Debian/Ubuntu, as root):
#   - PostgreSQL server programs (initdb, pg_ctl): the job-store tests start a real server of their own.
#   - tcmalloc: TorchSharp is ~3x faster with it (optional; glibc malloc is tuned in-process otherwise).
#   - Chromium: the dashboard tests drive it through Playwright (the launcher points Playwright at it; nothing is downloaded).
# Without root or apt-get it only says what is missing; the PostgreSQL tests then fail with a message naming it.
set -uo pipefail

have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }
have_chromium() { command -v chromium >/dev/null || command -v chromium-browser >/dev/null; }
have_tcmalloc() { ldconfig -p 2>/dev/null | grep 'libtcmalloc_minimal\.so\.4 ' >/dev/null; } # no -q: an early exit would SIGPIPE ldconfig under pipefail

need=()
have_postgres || need+=(postgresql)
have_tcmalloc || need+=(libtcmalloc-minimal4)
have_chromium || need+=(chromium)
((${#need[@]})) || exit 0

if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  echo "seqserve: please install ${need[*]} (Debian/Ubuntu: sudo apt-get install ${need[*]}); the PostgreSQL tests need its server programs" >&2
  exit 0
fi
echo "seqserve: installing ${need[*]} for the tests" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
  { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1; } ||
  echo "seqserve: could not install ${need[*]}" >&2
have_postgres || echo "seqserve: PostgreSQL server programs are still missing; the PostgreSQL tests will fail" >&2
have_chromium || echo "seqserve: Chromium is still missing; the dashboard browser test will fail" >&2
exit 0
