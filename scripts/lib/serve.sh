#!/usr/bin/env bash
# Runs the portal (yarn start) with the sandbox fleet beside it, and stops the fleet when
# the portal stops. Expects Node and Yarn on PATH (scripts/start, or Playwright under
# scripts/test, put them there). Settings, from the environment:
#   DELIVERY_POSTGRES=1   use app-config.postgres.yaml
#   DELIVERY_SANDBOX=0    do not start the sandbox fleet
#   DELIVERY_SYNTHETIC=N  the fleet also runs N synthetic services, and the catalog gets
#                         their Components (.sandbox/synthetic-catalog.yaml)
#   DELIVERY_EXTRA_CONFIG more config files, separated by ':' (the browser journeys add one
#                         that names the signed-in guest; Backstage re-reads it on change)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
say() { printf '\033[1;34m[delivery]\033[0m %s\n' "$*" >&2; }

configs=(--config "$root/app-config.yaml")
if [ "${DELIVERY_POSTGRES:-0}" = 1 ]; then
  configs+=(--config "$root/app-config.postgres.yaml")
fi
# Explicit --config flags stop Backstage from loading app-config.local.yaml by itself.
if [ -f "$root/app-config.local.yaml" ]; then
  configs+=(--config "$root/app-config.local.yaml")
fi

if [ -n "${DELIVERY_EXTRA_CONFIG:-}" ]; then
  IFS=: read -r -a extra <<< "$DELIVERY_EXTRA_CONFIG"
  for file in "${extra[@]}"; do configs+=(--config "$file"); done
fi

sandbox="${DELIVERY_SANDBOX:-1}"
if [ "$sandbox" = 1 ] && [ -f "$root/app-config.local.yaml" ] && grep -q clusterLocatorMethods "$root/app-config.local.yaml"; then
  say "app-config.local.yaml configures Kubernetes clusters: not starting the sandbox fleet"
  sandbox=0
fi

# app-config.yaml lists this catalog file: the sandbox's production-dr cluster, found
# through the catalog as real clusters may be. Without the sandbox it holds no entity, so
# the catalog finds the location and nothing in it.
out="$root/.sandbox"
mkdir -p "$out"
if [ "$sandbox" != 1 ]; then
  echo "# The sandbox fleet is not running: no catalog-located clusters." > "$out/catalog-clusters.yaml"
  echo "# The sandbox fleet is not running: no synthetic services." > "$out/synthetic-catalog.yaml"
fi

if [ "$sandbox" = 1 ]; then
  rm -f "$out/app-config.sandbox.yaml"
  fleet_args=(--out "$out" --catalog-cluster production-dr)
  if [ -n "${DELIVERY_SYNTHETIC:-}" ]; then
    fleet_args+=(--synthetic "$DELIVERY_SYNTHETIC")
  fi
  (cd packages/sandbox-fleet && exec node --enable-source-maps \
    --require @backstage/cli-node/config/nodeTransform.cjs src/cli.ts "${fleet_args[@]}") &
  fleet=$!
  trap 'kill "$fleet" 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    [ -f "$out/app-config.sandbox.yaml" ] && break
    kill -0 "$fleet" 2>/dev/null || { say "the sandbox fleet did not start (see above)"; exit 1; }
    sleep 0.5
  done
  [ -f "$out/app-config.sandbox.yaml" ] || { say "the sandbox fleet did not start within 60 s"; exit 1; }
  configs+=(--config "$out/app-config.sandbox.yaml")
fi

yarn start "${configs[@]}"
