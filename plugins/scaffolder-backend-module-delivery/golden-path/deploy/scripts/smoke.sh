#!/usr/bin/env bash
# Smoke test through `kubectl port-forward` (works from a CI runner without ingress access).
# Env: NAMESPACE
#      SMOKE_TARGET  one or more "kind/name[:port]" separated by spaces,
#                    e.g. "svc/app:80", "deploy/app-canary", "deploy/app-blue deploy/app-green"
#      SMOKE_PORT    remote port for targets without ":port" (the container port)
#      SMOKE_PATHS   paths to GET, separated by spaces (default "/health"); any status >= 400 fails
set -euo pipefail
: "${NAMESPACE:?}" "${SMOKE_TARGET:?}"
paths="${SMOKE_PATHS:-/health}"
local_port=18080
log="${RUNNER_TEMP:-/tmp}/port-forward.log"
failed=0

smoke_one() { # $1 kind/name, $2 remote port
  local target="$1" port="$2" pf path attempt code
  kubectl --namespace "$NAMESPACE" port-forward "$target" "${local_port}:${port}" >"$log" 2>&1 &
  pf=$!
  for _ in $(seq 1 30); do
    if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:${local_port}/health" 2>/dev/null; then break; fi
    if ! kill -0 "$pf" 2>/dev/null; then break; fi
    sleep 1
  done
  for path in $paths; do
    for attempt in 1 2 3; do
      code="$(curl -sS -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:${local_port}${path}" 2>/dev/null || true)"
      if [ -n "$code" ] && [ "$code" != "000" ] && [ "$code" -lt 400 ]; then
        echo "ok   ${target}${path} -> ${code}"; break
      fi
      if [ "$attempt" = 3 ]; then echo "FAIL ${target}${path} -> ${code:-no response}"; failed=1; fi
      sleep 2
    done
  done
  kill "$pf" 2>/dev/null || true
  wait "$pf" 2>/dev/null || true
  if [ "$failed" = 1 ]; then echo "port-forward log:"; cat "$log" || true; fi
}

for item in $SMOKE_TARGET; do
  case "$item" in
    *:*) smoke_one "${item%:*}" "${item##*:}" ;;
    *) smoke_one "$item" "${SMOKE_PORT:?SMOKE_PORT is needed for $item}" ;;
  esac
done
exit "$failed"
