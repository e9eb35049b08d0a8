#!/usr/bin/env bash
# Build the front-end assets served from static/ (nothing is loaded from a CDN).
#
#   bash scripts/build-assets.sh          # or: npm run build
#   bash scripts/build-assets.sh --force  # rebuild everything
#
# 1. `npm ci` when node_modules is missing or older than package-lock.json;
# 2. Sass: assets/portal.scss -> static/css/portal.css (compressed);
# 3. copies GOV.UK Frontend JS, Leaflet and Leaflet.markercluster (each with its
#    licence) into static/vendor/<package>/, and our favicons into static/images/.
# Steps whose outputs are newer than their inputs are skipped, so a second run is
# near-instant. static/css, static/vendor and static/images are generated: never commit them.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

force=0
if [[ ${1:-} == "--force" ]]; then
  force=1
fi

# stale TARGET SOURCE...: true when TARGET is missing or older than any SOURCE file.
stale() {
  local target=$1
  shift
  ((force)) && return 0
  [[ -e $target ]] || return 0
  [[ -n $(find "$@" -newer "$target" -print -quit) ]]
}

log() { printf 'build-assets: %s\n' "$*"; }

# --- 1. npm packages -----------------------------------------------------------
installed=node_modules/.package-lock.json # written by npm on every install
if [[ ! -d node_modules || ! -e $installed || package-lock.json -nt $installed ]]; then
  log "npm ci"
  npm ci --no-audit --no-fund
  touch "$installed"
fi

# --- 2. Sass -------------------------------------------------------------------
css=static/css/portal.css
if stale "$css" assets "$installed" "${BASH_SOURCE[0]}"; then
  log "sass assets/portal.scss -> $css"
  mkdir -p static/css
  node_modules/.bin/sass --no-source-map --style=compressed --load-path=node_modules \
    assets/portal.scss "$css.tmp"
  mv "$css.tmp" "$css"
fi

# --- 3. Vendor files, built in a scratch directory and swapped in whole -----------
stamp=static/vendor/.built
if stale "$stamp" "$installed" assets/images assets/licences "${BASH_SOURCE[0]}"; then
  log "copying vendor files -> static/vendor/"
  tmp=static/.vendor.tmp
  rm -rf "$tmp" static/.images.tmp
  mkdir -p "$tmp"

  govuk=node_modules/govuk-frontend/dist/govuk
  mkdir -p "$tmp/govuk-frontend"
  cp "$govuk"/govuk-frontend.min.js "$govuk"/govuk-frontend.min.js.map "$tmp/govuk-frontend/"
  # The npm package has no licence file: keep our copy of the upstream MIT licence.
  cp assets/licences/govuk-frontend-LICENSE.txt "$tmp/govuk-frontend/LICENSE.txt"
  # No crown, crest or GDS Transport files: they are licensed for GOV.UK only.

  mkdir -p "$tmp/leaflet"
  cp -R node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map \
    node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images "$tmp/leaflet/"
  cp node_modules/leaflet/LICENSE "$tmp/leaflet/LICENSE"

  cluster=node_modules/leaflet.markercluster
  mkdir -p "$tmp/leaflet.markercluster"
  cp "$cluster"/dist/leaflet.markercluster.js "$cluster"/dist/leaflet.markercluster.js.map \
    "$cluster"/dist/MarkerCluster.css "$cluster"/dist/MarkerCluster.Default.css \
    "$tmp/leaflet.markercluster/"
  cp "$cluster"/MIT-LICENCE.txt "$tmp/leaflet.markercluster/LICENSE.txt"

  mkdir -p static/.images.tmp
  cp assets/images/favicon* static/.images.tmp/

  touch "$tmp/.built"
  rm -rf static/vendor static/images
  mv "$tmp" static/vendor
  mv static/.images.tmp static/images
fi

log "up to date"
