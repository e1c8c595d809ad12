# shellcheck shell=bash
# Debian's Chromium for the browser journeys: Playwright cannot download its own browser
# on these machines, so we drive the distribution's build. DELIVERY_CHROMIUM overrides it.

ensure_chromium() {
  export DELIVERY_CHROMIUM="${DELIVERY_CHROMIUM:-/usr/bin/chromium}"
  [ -x "$DELIVERY_CHROMIUM" ] && return
  apt_install chromium "for the browser journeys"
  [ -x "$DELIVERY_CHROMIUM" ] || die "chromium installed, but $DELIVERY_CHROMIUM is missing"
}
