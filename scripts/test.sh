#!/usr/bin/env bash
# Runs every test: type-checks, installs the system packages tests need when missing (Chromium for
# the browser tests, a CJK font, redis-server for the scale-out tests), starts a throwaway Redis on a free
# loopback port (PCSIM_TEST_REDIS_URL), then vitest. Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
# a CJK font, so the Chinese screenshots and PDF reports show characters rather than boxes
{ command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null)" ]; } || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing system packages: ${need[*]} (install them with apt-get as root)" >&2
  fi
fi

# A private Redis for tests/runner: loopback only, no persistence, stopped on exit.
redis_dir=""
stop_redis() {
  if [ -n "$redis_dir" ] && [ -f "$redis_dir/redis.pid" ]; then
    pid="$(cat "$redis_dir/redis.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  [ -n "$redis_dir" ] && rm -rf "$redis_dir"
  return 0
}
trap stop_redis EXIT
if command -v redis-server >/dev/null 2>&1; then
  redis_dir="$(mktemp -d)"
  redis_port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$redis_dir" --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
  for _ in $(seq 50); do
    redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && break
    sleep 0.1
  done
  if [ -f "$redis_dir/redis.pid" ] && redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG; then
    export PCSIM_TEST_REDIS_URL="redis://127.0.0.1:$redis_port"
  else
    echo "redis-server did not start; see below (the Redis tests start their own)" >&2
    cat "$redis_dir/redis.log" >&2 || true
  fi
fi

node_modules/.bin/tsc -p packages/engine/tsconfig.json
for p in packages/cli packages/api packages/web packages/runner; do
  [ -f "$p/tsconfig.json" ] && node_modules/.bin/tsc -p "$p/tsconfig.json"
done
node_modules/.bin/tsc -p tests/tsconfig.json

report="$(mktemp -d)/vitest.json"
status=0
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json="$report" || status=$?
node -e 'const r=require(process.argv[1]);console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$report"
exit $status
