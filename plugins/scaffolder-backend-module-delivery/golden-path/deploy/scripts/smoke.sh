#!/usr/bin/env bash
# Smoke test through `kubectl port-forward` (works from a CI runner without ingress access).
# Env: NAMESPACE, SMOKE_TARGET (e.g. svc/app, svc/app-preview, deploy/app-canary),
#      SMOKE_PORT (remote port), SMOKE_PATHS (space-separated, default "/health").
set -euo pipefail
: "${NAMESPACE:?}" "${SMOKE_TARGET:?}" "${SMOKE_PORT:?}"
paths="${SMOKE_PATHS:-/health}"
local_port=18080

kubectl --namespace "$NAMESPACE" port-forward "$SMOKE_TARGET" "${local_port}:${SMOKE_PORT}" >/tmp/port-forward.log 2>&1 &
pf=$!
trap 'kill "$pf" 2>/dev/null || true' EXIT

for _ in $(seq 1 30); do
  if curl -fsS -o /dev/null "http://127.0.0.1:${local_port}/health" 2>/dev/null; then break; fi
  sleep 1
done

failed=0
for path in $paths; do
  for attempt in 1 2 3; do
    if code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:${local_port}${path}") && [ "$code" -lt 400 ]; then
      echo "ok   ${SMOKE_TARGET}${path} -> ${code}"; break
    fi
    if [ "$attempt" = 3 ]; then echo "FAIL ${SMOKE_TARGET}${path} -> ${code:-no response}"; failed=1; fi
    sleep 2
  done
done
exit "$failed"
