# shellcheck shell=bash
# Debian's Chromium for the browser journeys: Playwright cannot download its own browser
# on these machines, so we drive the distribution's build.

ensure_chromium() {
  export DELIVERY_CHROMIUM="${DELIVERY_CHROMIUM:-/usr/bin/chromium}"
  if [ -x "$DELIVERY_CHROMIUM" ]; then
    return
  fi
  log "installing Debian's chromium for the browser tests"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "chromium is missing and installing it needs root: run 'apt-get install chromium' as root, or set DELIVERY_CHROMIUM to a Chromium binary"
    sudo="sudo -n"
  fi
  command -v apt-get >/dev/null || die "chromium is missing and this is not a Debian-like system: install Chromium and set DELIVERY_CHROMIUM to its binary"
  $sudo apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2 || die "apt-get install chromium failed"
  [ -x "$DELIVERY_CHROMIUM" ] || die "chromium installed, but $DELIVERY_CHROMIUM is missing"
}
