# shellcheck shell=bash
# kubectl for the sandbox fleet's conformance tests and the golden paths' verification
# (`kubectl kustomize`): Debian's kubernetes-client package when no kubectl is on PATH.

ensure_kubectl() {
  command -v kubectl >/dev/null && return
  apt_install kubernetes-client "kubectl, for kustomize and the sandbox fleet tests"
  command -v kubectl >/dev/null || die "kubernetes-client installed, but kubectl is not on PATH"
}
