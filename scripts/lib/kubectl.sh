# shellcheck shell=bash
# kubectl for the sandbox fleet's conformance tests: Debian's kubernetes-client package
# when no kubectl is on PATH.

ensure_kubectl() {
  if command -v kubectl >/dev/null; then
    return
  fi
  log "installing Debian's kubectl (package kubernetes-client) for the sandbox fleet tests"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "kubectl is missing and installing it needs root: run 'apt-get install kubernetes-client' as root"
    sudo="sudo -n"
  fi
  command -v apt-get >/dev/null || die "kubectl is missing and this is not a Debian-like system: install kubectl and run again"
  $sudo apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq kubernetes-client >&2 \
    || die "apt-get install kubernetes-client failed"
  command -v kubectl >/dev/null || die "kubernetes-client installed, but kubectl is not on PATH"
}
