#!/usr/bin/env bash
# The floor: what the cheapest possible gateway adds on this machine with the harness's placement. An nginx reverse
# proxy (no work but forwarding, upstream keep-alive) takes the gateway's place, pinned to CPU 1, in front of the same
# mock, measured by the same harness with the same options as run-load.sh. Whatever it "adds" is the price of two more
# loopback hops between the cores (generator -> CPU 1 -> mock and back), not of any gateway's code: subtract nothing
# from Junction's figures with it, but read them next to it.
#
#   benchmarks/load/floor-proxy.sh [extra run.sh options...]     (e.g. --rates 1000 --skip-closed --nice -10)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO="$(cd "$HERE/../.." && pwd -P)"
BENCH="${BENCH_DIR:-$REPO/../shared/bench}"
PORT="${FLOOR_PORT:-18090}"
[[ -x /tmp/bench-tools/bin/olg ]] || "$BENCH/setup.sh"
DIR="$(mktemp -d /tmp/floor-proxy.XXXXXX)"
mkdir -p "$DIR"/tmp/{body,proxy,fastcgi,uwsgi,scgi}; chmod -R 777 "$DIR/tmp"
cat > "$DIR/nginx.conf" <<CONF
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/error.log warn;
events { worker_connections 8192; multi_accept on; }
http {
    access_log off;
    keepalive_requests 10000000;
    keepalive_timeout 120s;
    client_body_temp_path $DIR/tmp/body;
    proxy_temp_path $DIR/tmp/proxy;
    fastcgi_temp_path $DIR/tmp/fastcgi;
    uwsgi_temp_path $DIR/tmp/uwsgi;
    scgi_temp_path $DIR/tmp/scgi;
    upstream mock { server 127.0.0.1:18080; keepalive 256; }
    server {
        listen 127.0.0.1:$PORT reuseport backlog=4096;
        location / {
            proxy_pass http://mock;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering on;
        }
    }
}
CONF
cleanup() {
  [[ -s "$DIR/nginx.pid" ]] && kill -QUIT "$(cat "$DIR/nginx.pid")" 2>/dev/null || true
  "$BENCH/mock/mock.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
MOCK_CPUS=0 "$BENCH/mock/mock.sh" start
taskset -c 1 nginx -p "$DIR" -c "$DIR/nginx.conf" -e "$DIR/error.log"
sleep 0.5
WORKER="$(pgrep -P "$(cat "$DIR/nginx.pid")" | head -1)"
curl -sf "http://127.0.0.1:$PORT/v1/chat/completions" -H 'Content-Type: application/json' \
  --data-binary @"$BENCH/bodies/chat.json" >/dev/null
"$BENCH/run.sh" --name floor-nginx-proxy --target "http://127.0.0.1:$PORT" --path /v1/chat/completions \
  --gw-pid "$WORKER" --no-mock --gw-warmup 5 --noise-pct 60 --retry-noisy 1 "$@"
