#!/bin/sh
# Container health: GET /health/ready on the first address the server listens on
# (ASPNETCORE_URLS, else ASPNETCORE_HTTP_PORTS); a wildcard host is asked on 127.0.0.1.
if [ -n "${ASPNETCORE_URLS:-}" ]; then
  url=$(printf '%s' "${ASPNETCORE_URLS%%;*}" | sed -E 's#^(https?://)(\+|\*|0\.0\.0\.0|\[::\])#\1127.0.0.1#; s#/$##')
else
  ports="${ASPNETCORE_HTTP_PORTS:-8080}"
  url="http://127.0.0.1:${ports%%;*}"
fi
exec curl -fsS -o /dev/null --max-time 3 "$url/health/ready"
