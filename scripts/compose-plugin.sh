#!/usr/bin/env bash
# Make `docker compose` (v2) available to the tests when the docker client has no compose
# plugin: Debian trixie packages Compose v2 as a static binary; take it from the Debian
# mirror, check it against the SHA-256 in the package index, and keep it under .tools/docker.
# Nothing to do when docker is absent or already has the plugin.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v docker >/dev/null || exit 0
docker compose version >/dev/null 2>&1 && exit 0
target=.tools/docker/cli-plugins/docker-compose
[[ -x "$target" ]] && exit 0

arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! curl -fsS -m 60 "$mirror/dists/trixie/main/binary-$arch/Packages.xz" | xz -d > "$work/Packages"; then
  echo "compose-plugin: could not read the Debian package index; docker compose tests will be skipped" >&2
  exit 0
fi
entry=$(awk '/^Package: docker-compose$/{found=1} found&&/^$/{exit} found' "$work/Packages")
file=$(sed -n 's/^Filename: //p' <<<"$entry")
sum=$(sed -n 's/^SHA256: //p' <<<"$entry")
curl -fsS -m 120 -o "$work/compose.deb" "$mirror/$file"
echo "$sum  $work/compose.deb" | sha256sum --check --quiet
dpkg-deb -x "$work/compose.deb" "$work/root"
mkdir -p "$(dirname "$target")"
install -m 0755 "$work/root/usr/libexec/docker/cli-plugins/docker-compose" "$target"
echo "compose-plugin: installed $(basename "$file") into .tools/docker"
