#!/usr/bin/env bash
# Strategy-aware deploy helper used by .github/workflows/delivery.yaml (and by hand).
# Everything comes from the environment, nothing is templated into this script:
#   APP_NAME   Kubernetes name (also the kustomize image placeholder prefix)
#   NAMESPACE  target namespace
#   STRATEGY   rolling | blue-green | canary
#   OVERLAY    staging | production | dr
#   IMAGE      full image reference to deploy, e.g. ghcr.io/acme/app@sha256:... or ...:<sha>
#   CANARY_OBSERVE_SECONDS  (observe only) how long to watch the canary, default 300
# Usage: deploy.sh apply|stage|observe|promote|rollback
#   apply    update every track to IMAGE (staging, DR)
#   stage    production phase 1: rolling = the whole rollout; canary = the canary only;
#            blue-green = the idle track. Writes target=deploy/<staged Deployment> to
#            $GITHUB_OUTPUT (when set) for the pre-promotion smoke test.
#   observe  canary: watch the canary pods for restarts and readiness; others: nothing
#   promote  production phase 2: canary = stable too; blue-green = switch the Services
#   rollback undo whatever this IMAGE changed (leaves Deployments running another image alone)
# Migrations: when the overlay contains the Job "$APP_NAME-migrate" (deploy/base, database
# services), it runs with IMAGE and must complete before any Deployment is changed.
# Needs kubectl and kustomize on PATH (both are on GitHub's ubuntu runners). Pins images and
# selectors by editing deploy/overlays/$OVERLAY/kustomization.yaml in the working tree: CI starts
# from a clean checkout; by hand, do not commit those edits (`git checkout deploy/` afterwards).
set -euo pipefail

: "${APP_NAME:?}" "${NAMESPACE:?}" "${STRATEGY:?}" "${OVERLAY:?}" "${IMAGE:?}"
action="${1:?usage: deploy.sh apply|stage|observe|promote|rollback}"
dir="deploy/overlays/${OVERLAY}"
migrate_job="${APP_NAME}-migrate"
[ -d "$dir" ] || { echo "no overlay $dir" >&2; exit 2; }
k() { kubectl --namespace "$NAMESPACE" "$@"; }

live_image() { # $1 deployment; prints its current image or nothing
  k get deployment "$1" -o jsonpath='{.spec.template.spec.containers[0].image}' 2>/dev/null || true
}
set_image() { # $1 placeholder, $2 image
  command -v kustomize >/dev/null || { echo "kustomize is not on PATH (needed for 'kustomize edit')" >&2; exit 2; }
  (cd "$dir" && kustomize edit set image "$1=$2")
}
has_service() { k get service "$APP_NAME" >/dev/null 2>&1; }
active_track() { k get service "$APP_NAME" -o jsonpath='{.spec.selector.delivery/track}' 2>/dev/null || true; }
other_track() { if [ "$1" = "blue" ]; then echo green; else echo blue; fi; }
output() { # key=value for the workflow's next steps
  echo "$1"
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1" >> "$GITHUB_OUTPUT"; fi
}

has_migration_job() { # (no `kubectl ... | grep -q`: under pipefail an early grep exit fails the pipe)
  local rendered; rendered="$(kubectl kustomize "$dir")"
  grep -q '^kind: Job$' <<<"$rendered"
}
job_field() { k get job "$migrate_job" -o jsonpath="$1" 2>/dev/null || true; }
wait_migration() {
  local deadline=$((SECONDS + 660)) succeeded failed
  while :; do
    succeeded="$(job_field '{.status.succeeded}')"
    failed="$(job_field '{.status.failed}')"
    if [ "${succeeded:-0}" -ge 1 ]; then
      k logs "job/$migrate_job" --tail=50 || true
      return 0
    fi
    if [ "${failed:-0}" -ge 1 ] || [ "$SECONDS" -ge "$deadline" ]; then
      echo "migration Job $migrate_job did not complete; no Deployment was changed" >&2
      k logs "job/$migrate_job" --tail=200 >&2 || true
      return 1
    fi
    sleep 5
  done
}
run_migrations() {
  set_image "$migrate_job" "$IMAGE"
  if [ "$(job_field '{.spec.template.spec.containers[0].image}')" = "$IMAGE" ] \
    && [ "$(job_field '{.status.succeeded}')" = "1" ]; then
    echo "migrations already ran for $IMAGE"
    return 0
  fi
  # Jobs are immutable: replace the previous run. Apply the migration Job together with
  # everything that is not part of the running app (ServiceAccount, backup) first.
  k delete job "$migrate_job" --ignore-not-found --wait=true
  kubectl apply -k "$dir" --selector 'app.kubernetes.io/component notin (app)'
  wait_migration
}
apply_overlay() {
  if has_migration_job; then run_migrations; fi
  kubectl apply -k "$dir"
}
wait_rollout() { for d in "$@"; do k rollout status "deployment/$d" --timeout=600s; done; }
undo_if_image() { # $@ deployments; roll back those that run IMAGE
  local d
  for d in "$@"; do
    if [ "$(live_image "$d")" = "$IMAGE" ]; then
      k rollout undo "deployment/$d"
      k rollout status "deployment/$d" --timeout=600s || true
    else
      echo "$d does not run $IMAGE; left alone"
    fi
  done
}
switch_services() { # $1 new active track
  local idle; idle="$(other_track "$1")"
  k patch service "$APP_NAME" --type merge -p "{\"spec\":{\"selector\":{\"delivery/track\":\"$1\"}}}"
  k patch service "${APP_NAME}-preview" --type merge -p "{\"spec\":{\"selector\":{\"delivery/track\":\"$idle\"}}}"
  echo "traffic on track $1 (${APP_NAME}-$1)"
}
track_patch() { # JSON 6902 patch setting the Service selector's delivery/track to $1
  printf '[{"op":"replace","path":"/spec/selector/delivery~1track","value":"%s"}]' "$1"
}
pin_service_selectors() { # keep `kubectl apply` from flipping the live selectors back to the base
  local active="$1" idle; idle="$(other_track "$1")"
  (cd "$dir" && kustomize edit add patch --kind Service --name "$APP_NAME" --patch "$(track_patch "$active")" \
    && kustomize edit add patch --kind Service --name "${APP_NAME}-preview" --patch "$(track_patch "$idle")")
}
observe_canary() {
  local seconds="${CANARY_OBSERVE_SECONDS:-300}" end restarts ready desired
  end=$((SECONDS + seconds))
  echo "observing ${APP_NAME}-canary for ${seconds}s"
  while :; do
    restarts="$(k get pods -l "app.kubernetes.io/name=${APP_NAME},delivery/track=canary" \
      -o jsonpath='{.items[*].status.containerStatuses[*].restartCount}' | tr ' ' '\n' | awk '{ s += $1 } END { print s + 0 }')"
    ready="$(k get deployment "${APP_NAME}-canary" -o jsonpath='{.status.readyReplicas}')"
    desired="$(k get deployment "${APP_NAME}-canary" -o jsonpath='{.spec.replicas}')"
    if [ "$restarts" -gt 0 ] || [ "${ready:-0}" -lt "${desired:-1}" ]; then
      echo "canary unhealthy: restarts $restarts, ready ${ready:-0}/${desired:-1}" >&2
      return 1
    fi
    [ "$SECONDS" -lt "$end" ] || break
    sleep 15
  done
  echo "canary healthy: ready ${ready}/${desired}, no restarts"
}

case "$STRATEGY/$action" in
  rolling/apply | rolling/stage)
    set_image "$APP_NAME" "$IMAGE"; apply_overlay; wait_rollout "$APP_NAME"
    [ "$action" = apply ] || output "target=deploy/${APP_NAME}" ;;
  rolling/promote) echo "rolling: the rollout finished in stage, nothing to promote" ;;
  rolling/rollback) undo_if_image "$APP_NAME" ;;

  canary/apply | canary/promote)
    set_image "$APP_NAME" "$IMAGE"; set_image "${APP_NAME}-canary" "$IMAGE"
    apply_overlay; wait_rollout "$APP_NAME" "${APP_NAME}-canary" ;;
  canary/stage)
    stable="$(live_image "$APP_NAME")"
    set_image "$APP_NAME" "${stable:-$IMAGE}"; set_image "${APP_NAME}-canary" "$IMAGE"
    apply_overlay; wait_rollout "${APP_NAME}-canary"
    output "target=deploy/${APP_NAME}-canary" ;;
  canary/rollback) undo_if_image "$APP_NAME" "${APP_NAME}-canary" ;;

  blue-green/apply)
    set_image "${APP_NAME}-blue" "$IMAGE"; set_image "${APP_NAME}-green" "$IMAGE"
    if has_service; then pin_service_selectors "$(active_track)"; fi
    apply_overlay; wait_rollout "${APP_NAME}-blue" "${APP_NAME}-green" ;;
  blue-green/stage)
    active="$(active_track)"; active="${active:-blue}"; idle="$(other_track "$active")"
    current="$(live_image "${APP_NAME}-${active}")"
    set_image "${APP_NAME}-${active}" "${current:-$IMAGE}"; set_image "${APP_NAME}-${idle}" "$IMAGE"
    if has_service; then pin_service_selectors "$active"; fi
    apply_overlay; wait_rollout "${APP_NAME}-${idle}"
    echo "staged ${IMAGE} on track ${idle}"
    output "target=deploy/${APP_NAME}-${idle}" ;;
  blue-green/promote)
    if has_service; then
      active="$(active_track)"; switch_services "$(other_track "${active:-blue}")"
    else # no Service (worker): bring the other track to the new image as well
      set_image "${APP_NAME}-blue" "$IMAGE"; set_image "${APP_NAME}-green" "$IMAGE"
      apply_overlay; wait_rollout "${APP_NAME}-blue" "${APP_NAME}-green"
    fi ;;
  blue-green/rollback)
    if has_service; then
      active="$(active_track)"
      if [ "$(live_image "${APP_NAME}-${active}")" = "$IMAGE" ]; then switch_services "$(other_track "$active")"
      else echo "live track ${active} does not run $IMAGE; traffic left alone"; fi
    else
      undo_if_image "${APP_NAME}-blue" "${APP_NAME}-green"
    fi ;;

  */observe)
    if [ "$STRATEGY" = canary ]; then observe_canary; else echo "$STRATEGY: nothing to observe"; fi ;;
  *) echo "unknown strategy/action: $STRATEGY/$action" >&2; exit 2 ;;
esac
