#!/usr/bin/env bash
# What the portal needs from the operating system, not from pip:
# - Debian's Chromium for the browser tests (a downloaded browser cannot be fetched here);
# - Pango (with HarfBuzz's subsetter) for weasyprint, which prints community-map posters.
# Install what is missing when we are allowed to; otherwise say exactly what to do.
# `ensure-system.sh posters` checks only what serving the portal needs (for `make run`).
set -euo pipefail
missing=()
if [ "${1:-all}" != "posters" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
fi
for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0; do
  if ! ldconfig -p | grep -q "$lib"; then
    missing+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
    break
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} (for the browser tests and the printable posters)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The portal needs these Debian packages: ${missing[*]}" >&2
echo "Install them with: sudo apt-get install ${missing[*]}" >&2
exit 1
