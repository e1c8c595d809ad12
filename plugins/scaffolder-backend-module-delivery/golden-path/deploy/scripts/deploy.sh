#!/usr/bin/env bash
# Strategy-aware deploy helper used by .github/workflows/delivery.yaml.
# Everything comes from the environment, nothing is templated into this script:
#   APP_NAME   Kubernetes name (also the kustomize image placeholder prefix)
#   NAMESPACE  target namespace
#   STRATEGY   rolling | blue-green | canary
#   OVERLAY    staging | production | dr
#   IMAGE      full image reference to deploy, e.g. ghcr.io/acme/app:<sha>
# Usage: deploy.sh apply|stage|promote|rollback
#   apply    update every track to IMAGE (staging, DR, or rolling production)
#   stage    production phase 1: rolling = apply; canary = canary only; blue-green = idle track
#   promote  production phase 2: canary = stable too; blue-green = switch the Services
#   rollback undo whatever this IMAGE changed
set -euo pipefail

: "${APP_NAME:?}" "${NAMESPACE:?}" "${STRATEGY:?}" "${OVERLAY:?}" "${IMAGE:?}"
action="${1:?usage: deploy.sh apply|stage|promote|rollback}"
dir="deploy/overlays/${OVERLAY}"
k() { kubectl --namespace "$NAMESPACE" "$@"; }

live_image() { # $1 deployment; prints its current image or nothing
  k get deployment "$1" -o jsonpath='{.spec.template.spec.containers[0].image}' 2>/dev/null || true
}
set_image() { # $1 placeholder, $2 image
  (cd "$dir" && kustomize edit set image "$1=$2")
}
has_service() { k get service "$APP_NAME" >/dev/null 2>&1; }
active_track() { k get service "$APP_NAME" -o jsonpath='{.spec.selector.delivery/track}' 2>/dev/null || true; }
other_track() { if [ "$1" = "blue" ]; then echo green; else echo blue; fi; }

apply_overlay() {
  if grep -q -- "-migrate" "$dir/kustomization.yaml"; then
    set_image "${APP_NAME}-migrate" "$IMAGE"
    k delete job "${APP_NAME}-migrate" --ignore-not-found --wait=true
  fi
  kubectl apply -k "$dir"
  if k get job "${APP_NAME}-migrate" >/dev/null 2>&1; then
    k wait --for=condition=complete "job/${APP_NAME}-migrate" --timeout=600s
  fi
}
wait_rollout() { for d in "$@"; do k rollout status "deployment/$d" --timeout=600s; done; }
switch_services() { # $1 new active track
  local idle; idle="$(other_track "$1")"
  k patch service "$APP_NAME" --type merge -p "{\"spec\":{\"selector\":{\"delivery/track\":\"$1\"}}}"
  k patch service "${APP_NAME}-preview" --type merge -p "{\"spec\":{\"selector\":{\"delivery/track\":\"$idle\"}}}"
}
pin_service_selectors() { # keep `kubectl apply` from flipping the live selectors back to the base
  local active="$1" idle; idle="$(other_track "$1")"
  (cd "$dir" && kustomize edit add patch --kind Service --name "$APP_NAME" \
      --patch "{\"spec\":{\"selector\":{\"delivery/track\":\"$active\"}}}" \
    && kustomize edit add patch --kind Service --name "${APP_NAME}-preview" \
      --patch "{\"spec\":{\"selector\":{\"delivery/track\":\"$idle\"}}}")
}

case "$STRATEGY/$action" in
  rolling/apply | rolling/stage)
    set_image "$APP_NAME" "$IMAGE"; apply_overlay; wait_rollout "$APP_NAME" ;;
  rolling/promote) echo "rolling: nothing to promote" ;;
  rolling/rollback) k rollout undo "deployment/$APP_NAME"; wait_rollout "$APP_NAME" ;;

  canary/apply | canary/promote)
    set_image "$APP_NAME" "$IMAGE"; set_image "${APP_NAME}-canary" "$IMAGE"
    apply_overlay; wait_rollout "$APP_NAME" "${APP_NAME}-canary" ;;
  canary/stage)
    stable="$(live_image "$APP_NAME")"
    set_image "$APP_NAME" "${stable:-$IMAGE}"; set_image "${APP_NAME}-canary" "$IMAGE"
    apply_overlay; wait_rollout "${APP_NAME}-canary" ;;
  canary/rollback)
    for d in "$APP_NAME" "${APP_NAME}-canary"; do
      if [ "$(live_image "$d")" = "$IMAGE" ]; then k rollout undo "deployment/$d" || true; fi
    done ;;

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
    echo "staged ${IMAGE} on track ${idle}; preview Service: ${APP_NAME}-preview"
    if [ -n "${GITHUB_ENV:-}" ]; then echo "STAGED_DEPLOYMENT=${APP_NAME}-${idle}" >> "$GITHUB_ENV"; fi ;;
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
      if [ "$(live_image "${APP_NAME}-${active}")" = "$IMAGE" ]; then switch_services "$(other_track "$active")"; fi
    else
      for d in "${APP_NAME}-blue" "${APP_NAME}-green"; do
        if [ "$(live_image "$d")" = "$IMAGE" ]; then k rollout undo "deployment/$d" || true; fi
      done
    fi ;;
  *) echo "unknown strategy/action: $STRATEGY/$action" >&2; exit 2 ;;
esac
