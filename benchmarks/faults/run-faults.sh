#!/usr/bin/env bash
# The fault suite: steady load on the gateway while things go wrong, and what became of every answered request.
#
#   benchmarks/faults/run-faults.sh [options] [scenario...]      (default: every scenario, about 10 minutes)
#
# Scenarios (each on a fresh data dir, bounded in time):
#   db-outage          the embedded PostgreSQL stopped (fast shutdown) for --outage seconds, then started again
#   db-hang            the same time with PostgreSQL hung (SIGSTOP on the postmaster and its backends, then SIGCONT)
#   sigterm            the gateway SIGTERMed mid-load, then started again at once
#   sigkill-db-up      the gateway SIGKILLed mid-load, then started again
#   sigkill-db-down    PostgreSQL stopped, the gateway SIGKILLed 15 s into the outage, then started again (which
#                      starts its PostgreSQL too)
#   upstream-10pct     the variant's primary fails 10 % of calls with 503 (mock /f10/s503), the fallback is healthy
#   large-body-outage  ~0.9 MB bodies at 30 req/s with PostgreSQL stopped for --large-outage seconds
# For each: requests sent, answered (2xx), other statuses, no answer, answered requests with a request_logs row
# ("logged", counted after the gateway has drained its log, started again on the same data dir if it is down),
# lost (answered but no row), the gateway's peak RSS (VmHWM/VmRSS every 0.5 s), whether every restart worked, and
# notes (/health probes that failed, requests not sent because 256 were waiting, limits hit).
#
# Options: --duration S (load per scenario, 40), --outage S (20), --large-outage S (60), --rate N (200 req/s),
#   --large-rate N (30), --large-bytes N (900000), --out DIR (results; default /tmp/junction-faults-<time>),
#   --keep (keep the data dirs). Settings: FAULTS_PORT (18797), FAULTS_MOCK_PORT (18091), FAULTS_START_TIMEOUT (60 s),
#   FAULTS_STOP_TIMEOUT (30 s), FAULTS_DRAIN_MAX (180 s), FAULTS_RSS_LIMIT_MB (4096: the gateway is SIGKILLed above it,
#   to protect a shared machine; noted), FAULTS_JAVA_OPTS (the gateway's JVM options), JUNCTION_JAR, JAVA_HOME (>= 21).
# Everything runs on 127.0.0.1: the mock provider of ../shared/bench (its own port and folder), the gateway, the
# driver (FaultLoad.java). Every process started is stopped on exit, a PostgreSQL left behind by a killed gateway too.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO="$(cd "$HERE/../.." && pwd -P)"
BENCH="${BENCH_DIR:-$REPO/../shared/bench}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
JAR="${JUNCTION_JAR:-$REPO/web/target/junction.jar}"
PORT="${FAULTS_PORT:-18797}"
MOCK_PORT="${FAULTS_MOCK_PORT:-18091}"
MOCK_BASE="http://127.0.0.1:$MOCK_PORT"
ADMIN="faults-$(head -c 24 /dev/urandom | base64 | tr -d "/+=")" # long and random, whatever minimum the gateway asks
ALL=(db-outage db-hang sigterm sigkill-db-up sigkill-db-down upstream-10pct large-body-outage)

DURATION=40 OUTAGE=20 LARGE_OUTAGE=60 RATE=200 LARGE_RATE=30 LARGE_BYTES=900000 KEEP=0
OUT="/tmp/junction-faults-$(date -u +%Y%m%dT%H%M%SZ)"
SCENARIOS=()
while (($#)); do
  case "$1" in
    --duration) DURATION="$2"; shift ;;
    --outage) OUTAGE="$2"; shift ;;
    --large-outage) LARGE_OUTAGE="$2"; shift ;;
    --rate) RATE="$2"; shift ;;
    --large-rate) LARGE_RATE="$2"; shift ;;
    --large-bytes) LARGE_BYTES="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1 (--help)" >&2; exit 2 ;;
    *) [[ " ${ALL[*]} " == *" $1 "* ]] || { echo "unknown scenario $1; one of: ${ALL[*]}" >&2; exit 2; }
       SCENARIOS+=("$1") ;;
  esac
  shift
done
((${#SCENARIOS[@]})) || SCENARIOS=("${ALL[@]}")

"$JAVA" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' || { echo "need a JDK >= 21 at JAVA_HOME ($JAVA_HOME)" >&2; exit 1; }
[[ -f "$JAR" ]] || { echo "no gateway jar at $JAR: build it (./junction build) or set JUNCTION_JAR" >&2; exit 1; }
[[ -x "$BENCH/mock/mock.sh" ]] || { echo "no load harness at $BENCH (set BENCH_DIR); its setup.sh installs the mock's nginx" >&2; exit 1; }
for tool in curl jq psql unshare; do command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }; done
if curl -s -m 2 -o /dev/null "http://127.0.0.1:$PORT/"; then echo "port $PORT is taken (FAULTS_PORT)" >&2; exit 1; fi

mkdir -p "$OUT"
RUN="$OUT"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
# shellcheck source=scenarios.sh
source "$HERE/scenarios.sh"

GW_PID="" LOAD_PID="" SAMPLER_PID="" PROBE_PID="" MOCK_STARTED=0 DATA=""
DATA_DIRS=()
cleanup() {
  set +e
  alive "$LOAD_PID" && kill "$LOAD_PID" && wait "$LOAD_PID" 2>/dev/null
  alive "$PROBE_PID" && kill "$PROBE_PID"
  stop_rss_sampler
  if alive "$GW_PID"; then kill -TERM "$GW_PID"; wait_gone "$GW_PID" 15 || kill -9 "$GW_PID"; wait "$GW_PID" 2>/dev/null; fi
  local d
  for d in "${DATA_DIRS[@]}"; do
    pg_remove_leftover "$d"
    ((KEEP)) || rm -rf "$d"
  done
  ((MOCK_STARTED)) && MOCK_PORT="$MOCK_PORT" MOCK_DIR="/tmp/junction-faults-mock-$MOCK_PORT" "$BENCH/mock/mock.sh" stop >/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export MOCK_PORT MOCK_DIR="/tmp/junction-faults-mock-$MOCK_PORT"
if ! "$BENCH/mock/mock.sh" status >/dev/null 2>&1; then "$BENCH/mock/mock.sh" start >/dev/null; MOCK_STARTED=1; fi

mkdir -p "$OUT/classes"
"$JAVA_HOME/bin/javac" -d "$OUT/classes" "$HERE/FaultLoad.java"
printf '{"key":"faults","context":{"tier":"%s"},"inputs":{"question":"Say hello"},"metadata":{"run":"faults"}}\n' main > "$OUT/body-main.json"
printf '{"key":"faults","context":{"tier":"%s"},"inputs":{"question":"Say hello"},"metadata":{"run":"faults"}}\n' flaky > "$OUT/body-flaky.json"
{ printf '{"key":"faults","context":{"tier":"large"},"inputs":{"question":"'
  { yes 'lorem ipsum dolor sit amet,' | tr '\n' ' ' | head -c "$LARGE_BYTES"; } || true # yes ends on SIGPIPE
  printf '"},"metadata":{"run":"faults"}}\n'; } > "$OUT/body-large.json"

# From here on a failing step is noted in its scenario's row, not a reason to stop the suite.
set +e
log "fault suite: ${SCENARIOS[*]} (load ${DURATION} s at ${RATE} req/s; outage ${OUTAGE} s; large bodies $LARGE_BYTES B at $LARGE_RATE req/s, outage ${LARGE_OUTAGE} s) -> $OUT"
printf 'scenario\tsent\t2xx\tnon2xx\tno_answer\tlogged\tlost\tpeak_rss_mb\trestart_ok\tnotes\n' > "$OUT/results.tsv"
for s in "${SCENARIOS[@]}"; do run_scenario "$s"; done

{
  echo "| scenario | sent | answered (2xx) | other status | no answer | logged | lost (answered, no log row) | peak RSS gateway (MB) | restart ok | notes |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"
  tail -n +2 "$OUT/results.tsv" | awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1,$2,$3,$4,$5,$6,$7,$8,$9,$10}'
} > "$OUT/results.md"
echo
cat "$OUT/results.md"
echo
echo "results: $OUT (results.md, results.tsv; per scenario: load.tsv, events.log, gateway-N.log, rss.tsv)"
