#!/usr/bin/env bash
# Proves that a production install runs: a fresh clone of this checkout's commit, `npm ci --omit=dev`
# (no development dependencies, so nothing the server imports at start may be one), `npm start` on an empty
# data directory and a free port, until it answers GET /accessibility with 200; then it is stopped.
# Any failure (install, start, no answer within the time allowed) fails with the server's log shown.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
server=""
stop() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    # npm start runs node as its child: the whole process group is stopped.
    kill -TERM -- "-$server" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT

git clone --quiet --no-hardlinks "$here" "$work/app"
cd "$work/app"
npm ci --omit=dev --no-audit --no-fund --loglevel=error
if [ -e node_modules/playwright-core ]; then echo "npm ci --omit=dev installed playwright-core: the check proves nothing" >&2; exit 1; fi

port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
set -m # the server in its own process group, so that stopping it stops npm's child too
DATA_DIR="$work/data" PORT="$port" npm start >"$work/server.log" 2>&1 &
server=$!
set +m

deadline=$((SECONDS + ${START_TIMEOUT_SECONDS:-180}))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/accessibility" || true)" = 200 ]; do
  if ! kill -0 "$server" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
    echo "production install: the server did not answer GET /accessibility with 200 (port $port). Its log:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  sleep 1
done
echo "production install: a fresh clone with npm ci --omit=dev starts and answers /accessibility (port $port)"
