#!/usr/bin/env bash
# What Junction adds on top of an OpenAI-compatible provider, measured with the team's load harness
# (../shared/bench: an nginx mock provider and an open-loop generator, both on loopback).
#
#   benchmarks/load/run-load.sh [invoke|stream|all|hold] [extra run.sh options...]
#   (hold: start and warm the gateway, print the generator command, and keep it running for profiling by hand)
#   benchmarks/load/run-load.sh guarded
#   benchmarks/load/run-load.sh guardrails [plain]
#   (issue #22's figure: PII (every kind) + a 50-term deny list + a length check on the input and the output of every
#    variant, a 1 KB question; "plain" runs the same 1 KB question without guardrails, to subtract)
#   (issue #20's figure: a rate limit and a hard budget on the key, the response cache on every variant; the invoke
#    run sends X-Junction-Cache: refresh, so every request calls the provider and writes the cache entry, then a
#    second run reads: every request a hit)
#
# A JVM on one core needs about two minutes of traffic before C2 has compiled the hot paths (measured: 150 req/s in
# the first 15 s, 4,400 after 2 min at 32 connections), hence the long gateway warm-up.
# Starts the mock, starts the gateway from web/target/junction.jar pinned to CPU 1 (the JVM sizes itself for one
# core) with logging on (the request log goes to the embedded PostgreSQL as always), activates the two models,
# imports benchmarks/load/bench-deployment.json (a 10-row routing table, a primary and a fallback on the mock),
# makes an API key, and runs the harness against /v2/deployments/invoke and/or /v2/deployments/stream.
# Results land in ../shared/bench/results/<name>-<time>/summary.md; docs/benchmarks/invoke-load.md quotes them.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO="$(cd "$HERE/../.." && pwd -P)"
BENCH="${BENCH_DIR:-$REPO/../shared/bench}"
PORT="${JUNCTION_BENCH_PORT:-18787}"
ADMIN="bench-admin-token-0123456789"
WHAT="${1:-all}"
shift || true

[[ -x "$BENCH/run.sh" ]] || { echo "no load harness at $BENCH (set BENCH_DIR)" >&2; exit 1; }
[[ -x /tmp/bench-tools/bin/olg ]] || "$BENCH/setup.sh"
JAR="${JUNCTION_JAR:-$REPO/web/target/junction.jar}"  # JUNCTION_JAR: another build, for an A/B
[[ -f "$JAR" ]] || "$REPO/junction" build
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"

DATA="$(mktemp -d /tmp/junction-bench.XXXXXX)"
GW_PID=""
cleanup() {
  [[ -n "$GW_PID" ]] && kill "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null || true
  "$BENCH/mock/mock.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

MOCK_CPUS="${MOCK_CPUS:-0}" "$BENCH/mock/mock.sh" start  # on the generator's core, as run.sh places it
OPENAI_API_KEY=sk-bench OPENAI_BASE_URL=http://127.0.0.1:18080/v1 \
  taskset -c 1 "$JAVA" ${JUNCTION_JAVA_OPTS:-} -jar "$JAR" serve --port "$PORT" --data-dir "$DATA" --admin-token "$ADMIN" \
  >"$DATA/gateway.log" 2>&1 &
GW_PID=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$PORT/openapi.json" >/dev/null 2>&1 && break
  kill -0 "$GW_PID" 2>/dev/null || { cat "$DATA/gateway.log" >&2; exit 1; }
  sleep 0.2
done

# The embedded PostgreSQL inherits the JVM's affinity: left alone it would share the gateway's one core and starve
# the log writer (the log then spills to disk). It is a separate server in production; here it goes to the
# generator's core, CPU 0, and the noise threshold is raised to allow for it. pg_ctl daemonizes the postmaster (its
# parent is not the JVM), so it is found by its pid file; backends forked later inherit the new affinity.
PG_PID="$(head -1 "$DATA/postgres/postmaster.pid" 2>/dev/null || true)"
[[ -n "$PG_PID" ]] || { echo "no postmaster.pid under $DATA/postgres" >&2; exit 1; }
for pg in "$PG_PID" $(pgrep -P "$PG_PID" || true); do taskset -a -cp 0 "$pg" >/dev/null 2>&1 || true; done
echo "embedded PostgreSQL (postmaster $PG_PID and its children) moved to CPU 0"

api() { curl -sf -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' "$@"; }
BASE="http://127.0.0.1:$PORT"
api -X POST "$BASE/api/models/openai/gpt-4o-mini/activate" >/dev/null
api -X POST "$BASE/api/models/openai/gpt-4.1-mini/activate" >/dev/null
api -X POST "$BASE/api/deployments/import?deploy=true&message=bench" --data-binary @"$HERE/bench-deployment.json" >/dev/null
if [[ "$WHAT" == guarded ]]; then
  # the same deployment with the response cache on every variant
  jq '.spec.variants |= map(. + {cache: {enabled: true, ttlSeconds: 3600}})' "$HERE/bench-deployment.json" \
    | api -X POST "$BASE/api/deployments/import?deploy=true&message=bench-cache" --data-binary @- >/dev/null
fi
if [[ "$WHAT" == guardrails && "${1:-}" != plain ]]; then
  # the same deployment with the built-in guardrails on both sides of every variant
  TERMS="$(jq -nc '[range(0;50) | "forbidden-term-\(.)"]')"
  jq --argjson terms "$TERMS" '.spec.variants |= map(. + {guardrails: [
      {name: "pii", kind: "pii", stage: "both", action: "block"},
      {name: "deny", kind: "deny_list", stage: "both", action: "block", terms: $terms},
      {name: "length", kind: "length", stage: "both", action: "block", maxChars: 8000}]})' "$HERE/bench-deployment.json" \
    | api -X POST "$BASE/api/deployments/import?deploy=true&message=bench-guardrails" --data-binary @- >/dev/null
fi
[[ "$WHAT" != guardrails ]] || { [[ "${1:-}" != plain ]] || shift; }
KEY_JSON="$(api -X POST "$BASE/api/keys" -d '{"name":"bench"}')"
KEY="$(jq -r .key <<<"$KEY_JSON")"
if [[ "$WHAT" == guarded ]]; then
  # limits that the run never reaches (the cost of checking them is what is measured), on the key the run uses
  KEY_ID="$(jq -r .id <<<"$KEY_JSON")"
  api -X POST "$BASE/api/rate-limits" -d "{\"scope\":\"api_key\",\"target\":\"$KEY_ID\",\"requestsPerMinute\":10000000,\"tokensPerMinute\":1000000000,\"concurrent\":100000}" >/dev/null
  api -X POST "$BASE/api/budgets" -d "{\"scope\":\"api_key\",\"target\":\"$KEY_ID\",\"amountUsd\":1000000,\"period\":\"day\",\"hard\":true}" >/dev/null
fi
# one call each way to prove the path works before measuring
curl -sf "$BASE/v2/deployments/invoke" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  --data-binary @"$HERE/invoke.json" | jq -c '{model, usage}'

# Warm-up at a rate the log writer keeps up with (a closed-loop warm-up at full speed backs the request log up into
# the spill file, and replaying it later would be measured as gateway CPU), then wait for the log to catch up.
warm() { # path body
  printf 'Authorization: Bearer %s\n' "$KEY" > "$DATA/bench-headers"
  [[ "$WHAT" != guarded ]] || printf 'X-Junction-Cache: refresh\n' >> "$DATA/bench-headers" # warm the path that calls
  taskset -c 0 /tmp/bench-tools/bin/olg -R "${WARM_RATE:-1500}" -d "${WARM_SECONDS:-150}" -c 256 -b "$2" \
    -F "$DATA/bench-headers" "$BASE$1" | tail -3
  for _ in $(seq 1 600); do
    local m; m="$(curl -sf -H "Authorization: Bearer $ADMIN" "$BASE/metrics")"
    if grep -qE '^junction_log_queue_depth 0$' <<<"$m" && grep -qE '^junction_log_spill_pending 0$' <<<"$m"; then return; fi
    sleep 1
  done
}

run() { # name path body
  "$BENCH/run.sh" --name "$1" --target "$BASE" --path "$2" --body "$3" --header "Authorization: Bearer $KEY" \
    --gw-pid "$GW_PID" --no-mock --gw-warmup "${GW_WARMUP:-5}" --rates 1000,2000,75% --conns 32,128 \
    --noise-pct 60 --retry-noisy 1 "${@:4}" "${EXTRA[@]}"
}
EXTRA=("$@")
case "$WHAT" in
  invoke) warm /v2/deployments/invoke "$HERE/invoke.json"; run junction-invoke /v2/deployments/invoke "$HERE/invoke.json" ;;
  stream) warm /v2/deployments/stream "$HERE/stream.json"; run junction-stream /v2/deployments/stream "$HERE/stream.json" ;;
  all)
    # added latency at fixed rates first (open loop, log keeping up), then the highest rate (closed loop)
    warm /v2/deployments/invoke "$HERE/invoke.json"
    run junction-invoke /v2/deployments/invoke "$HERE/invoke.json" --skip-closed --rates 1000,2000
    warm /v2/deployments/stream "$HERE/stream.json"
    run junction-stream /v2/deployments/stream "$HERE/stream.json" --skip-closed --rates 1000
    run junction-invoke-max /v2/deployments/invoke "$HERE/invoke.json" --skip-open ;;
  guarded)
    warm /v2/deployments/invoke "$HERE/invoke.json"
    run junction-guarded-refresh /v2/deployments/invoke "$HERE/invoke.json" --skip-closed --rates 1000 --header "X-Junction-Cache: refresh"
    run junction-guarded-hit /v2/deployments/invoke "$HERE/invoke.json" --skip-closed --rates 1000 ;;
  guardrails)
    BODY="$DATA/invoke-1k.json"
    jq --arg q "$(printf 'Hello, I ordered a pair of shoes last week and I would like to know where the parcel is now, and whether I can still change the delivery address. %.0s' {1..8} | head -c 1024)" \
      '.inputs.question = $q' "$HERE/invoke.json" > "$BODY"
    warm /v2/deployments/invoke "$BODY"
    run junction-guardrails /v2/deployments/invoke "$BODY" --skip-closed --rates 1000 ;;
  hold) # warmed up and left running, for profiling by hand; Ctrl-C (or killing this script) stops it all
    warm /v2/deployments/invoke "$HERE/invoke.json" # it writes $DATA/bench-headers
    echo "gateway pid $GW_PID, warmed; load it with:"
    echo "  taskset -c 0 /tmp/bench-tools/bin/olg -R 1000 -d 30 -c 256 -b $HERE/invoke.json -F $DATA/bench-headers $BASE/v2/deployments/invoke"
    echo "$GW_PID $DATA" > /tmp/junction-bench-hold
    while kill -0 "$GW_PID" 2>/dev/null; do sleep 5; done ;;
  *) echo "usage: $0 [invoke|stream|all|guarded|guardrails [plain]|hold] [run.sh options]" >&2; exit 2 ;;
esac
echo "gateway log: $DATA/gateway.log"
