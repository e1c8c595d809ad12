# shellcheck shell=bash
# kubectl for the sandbox examples in README.md: the official kubectl that Delivery bundles
# (packages/bundled-kubectl, extracted on first use), linked as .toolchain/bin/kubectl.
# Golden-path verification and the tests find it themselves; nothing here installs the
# system's kubectl, whose version would be whatever the distribution ships.

ensure_kubectl() {
  local kubectl
  # Without toolchain.sh the link would land in /bin: refuse instead.
  : "${DELIVERY_ROOT:?source scripts/lib/toolchain.sh before kubectl.sh}"
  : "${DELIVERY_TOOLCHAIN:?source scripts/lib/toolchain.sh before kubectl.sh}"
  if ! kubectl="$(cd "$DELIVERY_ROOT" && yarn workspace @internal/bundled-kubectl kubectl-path)"; then
    log "no kubectl for the sandbox examples (see above); the portal starts without it"
    return 0
  fi
  mkdir -p "$DELIVERY_TOOLCHAIN/bin"
  ln -sfn "$kubectl" "$DELIVERY_TOOLCHAIN/bin/kubectl"
}
