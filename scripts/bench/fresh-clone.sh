#!/usr/bin/env bash
# Measures the README's two commands on fresh clones of this repository, with an empty
# Yarn cache, and prints their wall times and the size of node_modules.
#
#   scripts/bench/fresh-clone.sh          both commands
#   scripts/bench/fresh-clone.sh start    only ./scripts/start
#   scripts/bench/fresh-clone.sh test     only ./scripts/test
#
# Needs ports 3000 and 7007 free. Takes a few minutes; leaves nothing running.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
which="${1:-both}"

fresh_clone() {
  git clone -q "$root" "$work/$1"
  # An empty Yarn home (cache and mirror) per clone, so every package is fetched from the
  # registry again, as on a new machine. Set DELIVERY_BENCH_WARM=1 to reuse the machine's cache.
  if [ -z "${DELIVERY_BENCH_WARM:-}" ]; then
    export YARN_GLOBAL_FOLDER="$work/$1-yarn-home"
  fi
}

if [ "$which" != start ]; then
  fresh_clone test-clone
  begin=$(date +%s)
  if (cd "$work/test-clone" && CI=true ./scripts/test > "$work/test.log" 2>&1); then rc=0; else rc=$?; fi
  echo "./scripts/test: exit $rc after $(( $(date +%s) - begin )) s (log: last lines below)"
  grep -E '^Tests:|passed|failed' "$work/test.log" | tail -4 | sed 's/^/  /'
  grep -E '\[delivery\] phase ' "$work/test.log" | sed 's/^\[delivery\] /  /'
  echo "node_modules: $(du -sh "$work/test-clone/node_modules" | cut -f1), $(grep -c '^"' "$work/test-clone/yarn.lock") lockfile entries"
fi

[ "$which" = test ] && exit 0

fresh_clone start-clone
begin=$(date +%s)
# In its own session, so stopping it stops the portal, the fleet and all their children.
cd "$work/start-clone"
setsid ./scripts/start > "$work/start.log" 2>&1 &
portal=$!
cd "$root"
stop_portal() { kill -- "-$portal" 2>/dev/null || true; }
trap 'stop_portal; rm -rf "$work"' EXIT
ready=""
for _ in $(seq 1 900); do
  if curl -sf localhost:3000 >/dev/null && curl -sf localhost:7007/.backstage/health/v1/readiness >/dev/null; then
    token=$(curl -sf -X POST 'localhost:7007/api/auth/guest/refresh?env=development' \
      -H 'X-Requested-With: XMLHttpRequest' | sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
    if [ -n "$token" ] && curl -sf -H "Authorization: Bearer $token" \
      'localhost:7007/api/catalog/entities/by-name/component/default/propertyos-payment-service' >/dev/null; then
      ready=yes
      break
    fi
  fi
  sleep 1
done
if [ -n "$ready" ]; then
  echo "./scripts/start: both ports answer and the catalog lists the seed services after $(( $(date +%s) - begin )) s"
else
  echo "./scripts/start: not ready after 900 s; last log lines:"
  tail -20 "$work/start.log"
  exit 1
fi
