#!/usr/bin/env bash
# Proves that a production install runs from the built code alone. Two stages, as a release would go:
# 1. build: a fresh clone of this checkout's commit, `npm ci` (with the development dependencies: tsc),
#    `npm pack`, whose prepack step runs `npm run build` (src/ -> dist/ with its runtime assets). The
#    tarball holds what package.json's "files" lists: bin/, dist/ and the data files read at run time,
#    not src/.
# 2. run: the tarball unpacked in an empty folder with the commit's package-lock.json, `npm ci --omit=dev`
#    (so nothing the server imports at start may be a development dependency: not tsx, not TypeScript),
#    `npm start` on an empty data directory and a free port, until it answers GET /accessibility with 200;
#    then it is stopped. With no src/ there, bin/threadline.js can only run dist/.
# Any failure (build, install, start, no answer within the time allowed) fails with the server's log shown.
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

# 1. build
git clone --quiet --no-hardlinks "$here" "$work/build"
cd "$work/build"
npm ci --no-audit --no-fund --loglevel=error
tarball="$(npm pack --pack-destination "$work" --loglevel=error | tail -n 1)"

# 2. run
mkdir "$work/app"
tar -xzf "$work/$tarball" -C "$work/app" --strip-components=1
cp "$work/build/package-lock.json" "$work/app/"
cd "$work/app"
if [ -e src ]; then echo "the packed package holds src/: the check would not prove that dist/ runs alone" >&2; exit 1; fi
npm ci --omit=dev --no-audit --no-fund --loglevel=error
for dev in playwright-core tsx typescript; do
  if [ -e "node_modules/$dev" ]; then echo "npm ci --omit=dev installed $dev: the check proves nothing" >&2; exit 1; fi
done

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
echo "production install: the packed build (dist/, no src/) installed with npm ci --omit=dev starts and answers /accessibility (port $port)"
