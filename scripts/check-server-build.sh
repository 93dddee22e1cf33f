#!/usr/bin/env bash
# Proves the production path of docs/deployment.md: the built server runs with plain node and only the
# production dependencies. Copies this checkout as built (`npm run build` first: apps/*/dist), without
# node_modules, to a temp directory; installs there with `npm ci --omit=dev` (from the npm cache when it
# can); starts `node apps/idp/dist/main.js` in demo mode on a free port; checks /readyz, the discovery
# document, the portal page, the console's shell and a static file (files the bundle finds at run time); stops it with SIGTERM
# and expects exit status 0.
set -euo pipefail
cd "$(dirname "$0")/.."
for built in apps/idp/dist/main.js apps/edu-portal/dist/main.js apps/portal/dist/index.html apps/console/dist/index.html; do
  [[ -f $built ]] || { echo "missing $built: run npm run build first" >&2; exit 1; }
done

work=$(mktemp -d)
server_pid=
cleanup() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT

tar --exclude=./.git --exclude='./data' --exclude='node_modules' -cf - . | tar -xf - -C "$work"
cd "$work"
npm ci --omit=dev --prefer-offline --no-audit --no-fund >/dev/null
for dev_only in tsx esbuild typescript vitest; do
  [[ ! -e node_modules/$dev_only ]] || { echo "npm ci --omit=dev installed the dev dependency $dev_only" >&2; exit 1; }
done

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
base="http://127.0.0.1:$port"
UIA_MODE=demo PORT=$port PUBLIC_URL=$base DATA_DIR="$work/data" UIA_LOG_LEVEL=warn node apps/idp/dist/main.js &
server_pid=$!

# Up to 60 s: CI runs this while the test suites keep both cores busy.
for _ in $(seq 1 600); do
  if curl -fsS -o /dev/null "$base/readyz" 2>/dev/null; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { echo "the built server exited during start-up" >&2; exit 1; }
  sleep 0.1
done
check() { # path, text the answer must contain
  local body
  body=$(curl -fsS "$base$1") || { echo "GET $1 failed" >&2; exit 1; }
  [[ $body == *"$2"* ]] || { echo "GET $1 lacks $2" >&2; exit 1; }
}
check /readyz '"status":"ok"'
check /oidc/.well-known/openid-configuration "\"jwks_uri\":\"$base/oidc/jwks\""
check / '<div id="root">'
check /console/ '/console/assets/'
check /static/pages.css '{'

kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=
[[ $status -eq 0 ]] || { echo "the built server exited with $status after SIGTERM" >&2; exit 1; }
# The operator commands of docs/deployment.md run there too (on the data the server just created).
UIA_MODE=demo DATA_DIR="$work/data" node apps/idp/dist/cli/rotate-pii-key.js --batch-size 100 | grep -q 'done:' || { echo "the built rotate-pii-key command failed" >&2; exit 1; }
echo "built server: started with npm ci --omit=dev, ready, served discovery, the portal and the console, stopped cleanly; the built pii:rotate command ran"
