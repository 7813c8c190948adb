#!/usr/bin/env bash
# Regenerates docs/portal.png: the portal page for the README's example request (docs/acme-portal.json),
# served by `seam fake` and photographed by headless Chromium (Debian's `chromium` package).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build -q -p seamapi-cli
seam=target/debug/seam
out=$(mktemp -d)
trap 'kill "$fake_pid" 2>/dev/null || true; rm -rf "$out"' EXIT

"$seam" fake --listen 127.0.0.1:0 --quiet >"$out/banner" &
fake_pid=$!
for _ in $(seq 100); do grep -q '^export SEAM_API_KEY=' "$out/banner" 2>/dev/null && break; sleep 0.1; done
SEAM_ENDPOINT=$(sed -n 's/^export SEAM_ENDPOINT=//p' "$out/banner")
SEAM_API_KEY=$(sed -n 's/^export SEAM_API_KEY=//p' "$out/banner")
export SEAM_ENDPOINT SEAM_API_KEY
link=$("$seam" customers create-portal --body docs/acme-portal.json)

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$out/profile" --hide-scrollbars --force-device-scale-factor=1 \
  --window-size=1100,1480 --screenshot="$PWD/docs/portal.png" "$link"
echo "wrote docs/portal.png for $link"
