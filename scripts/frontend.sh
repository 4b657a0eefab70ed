#!/usr/bin/env bash
# The gateway's front-end assets: installs gateway/frontend's locked npm packages (only when
# node_modules is missing or package-lock.json changed) and copies what the pages use from
# Bootstrap Italia's dist/ (stylesheet, JavaScript bundle, fonts, SVG sprites) into
# gateway/src/gateway/static/vendor/bootstrap-italia/. Nothing is ever loaded from a CDN.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
frontend="$root/gateway/frontend"
static="$root/gateway/src/gateway/static"
vendor="$static/vendor/bootstrap-italia"

if ! command -v npm >/dev/null 2>&1; then
  echo "scripts/frontend.sh: npm is not installed; on Debian: apt-get install -y nodejs npm" >&2
  exit 1
fi

lock_hash="$(sha256sum "$frontend/package-lock.json" | cut -d' ' -f1)"
installed="$frontend/node_modules/.parcelle-lock.sha256"
if [[ ! -f "$installed" || "$(cat "$installed")" != "$lock_hash" ]]; then
  echo "frontend: npm ci in gateway/frontend"
  (cd "$frontend" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" >"$installed"
fi

copied="$vendor/.parcelle-lock.sha256"
if [[ -f "$copied" && "$(cat "$copied")" == "$lock_hash" ]]; then
  exit 0
fi

dist="$frontend/node_modules/bootstrap-italia/dist"
mkdir -p "$static/vendor"
staging="$(mktemp -d "$static/vendor/.bootstrap-italia.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging/css" "$staging/js" "$staging/svg" "$staging/fonts"
cp "$dist/css/bootstrap-italia.min.css" "$staging/css/"
cp "$dist/js/bootstrap-italia.bundle.min.js" "$staging/js/"
cp "$dist/svg/sprites.svg" "$staging/svg/"
for family in Titillium_Web Roboto_Mono Lora; do
  mkdir -p "$staging/fonts/$family"
  # woff2 is all current browsers need; the licence travels with the fonts.
  cp "$dist/fonts/$family/"*.woff2 "$dist/fonts/$family/"*.txt "$staging/fonts/$family/"
done
cp "$frontend/node_modules/bootstrap-italia/LICENSE" "$staging/LICENSE"
node -p "require('$frontend/node_modules/bootstrap-italia/package.json').version" >"$staging/VERSION"
echo "$lock_hash" >"$staging/.parcelle-lock.sha256"

rm -rf "$vendor"
mv "$staging" "$vendor"
trap - EXIT
echo "frontend: Bootstrap Italia $(cat "$vendor/VERSION") copied to ${vendor#"$root/"}"
