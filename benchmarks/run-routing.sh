#!/usr/bin/env bash
# Issue #4's speed figures for the PRODUCTION router (DroolsRouterCompiler, encoding P): decision latency on one
# core (JMH SampleTime), compile+warm time in a warm JVM, heap and metaspace per compiled version.
# See docs/benchmarks/routing.md.
#
#   benchmarks/run-routing.sh            quick: 1 fork, 3x1s warm-up, 5x1s measurement per shape (about 3 min in all)
#   benchmarks/run-routing.sh full       3 forks, 5x2s warm-up, 10x2s measurement (about 6 min more)
#
# Environment: CPU (core to pin to, default 0), SHAPES (default eq,mixed,typed), COMPARE=1 (also run research
# encodings F and E2 on eq,mixed), JVM_EXTRA (extra JVM flags for every measured JVM, e.g. -Ddrools.jittingThreshold=0),
# TIMED (timed compiles, default 20), KEEP (versions kept for the heap figure, default 50), HEAP (max heap of the
# compile/heap JVM, default 6g: 50 typed versions hold about 3.2 GB today), MVN_FLAGS (default -o: offline),
# OUT (default benchmarks/target/routing-results), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."

find_java() {
  local c
  for c in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    local v
    v=$("$c" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
    if [ -n "$v" ] && [ "${v%%.*}" -ge 21 ]; then echo "$c"; return 0; fi
  done
  return 1
}
JAVA=$(find_java) || { echo "no JDK >= 21 found (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$JAVA")")")

MODE=${1:-quick}
case "$MODE" in
  quick) JMH_OPTS=(-f 1 -wi 3 -w 1s -i 5 -r 1s) ;;
  full)  JMH_OPTS=(-f 3 -wi 5 -w 2s -i 10 -r 2s) ;;
  *) echo "usage: $0 [quick|full]" >&2; exit 2 ;;
esac
CPU=${CPU:-0}
SHAPES=${SHAPES:-eq,mixed,typed}
OUT=${OUT:-benchmarks/target/routing-results}
JVM_EXTRA=${JVM_EXTRA:-}
TIMED=${TIMED:-20}
KEEP=${KEEP:-50}
HEAP=${HEAP:-6g}
JAR=benchmarks/target/benchmarks.jar
mkdir -p "$OUT"

if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "+ ./mvnw -B ${MVN_FLAGS--o} -q -pl benchmarks -am package -DskipTests"
  ./mvnw -B ${MVN_FLAGS--o} -q -pl benchmarks -am package -DskipTests
fi

PIN=()
if command -v taskset >/dev/null; then PIN=(taskset -c "$CPU"); else echo "WARNING: no taskset: NOT pinned to one core" >&2; fi

echo "java: $JAVA ($("$JAVA" -version 2>&1 | head -1)); pinned: ${PIN[*]:-no}; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# The JMH fork inherits the CPU affinity of the launcher, so the measured JVM (and its JIT and GC threads) runs on
# core $CPU only. -jvmArgsAppend replaces the annotation's, hence -Xms1g -Xmx1g here too.
latency() { # encodings shapes outfile
  local cmd=("${PIN[@]}" "$JAVA" -jar "$JAR" RoutingLatencyBench -p encoding="$1" -p shape="$2" "${JMH_OPTS[@]}" -foe true
             -jvmArgsAppend "-Xms1g -Xmx1g $JVM_EXTRA" -rf json -rff "$3.json")
  echo "+ ${cmd[*]}"
  "${cmd[@]}" | tee "$3.txt"
}
latency P "$SHAPES" "$OUT/latency-P"
[ "${COMPARE:-}" = 1 ] && latency F,E2 eq,mixed "$OUT/latency-F-E2"

: > "$OUT/every-call.txt"
for shape in ${SHAPES//,/ }; do
  cmd=("${PIN[@]}" "$JAVA" -Xms1g -Xmx1g $JVM_EXTRA -cp "$JAR" dev.junction.bench.RoutingEveryCall "$shape" "${EVERY_SECONDS:-20}")
  echo "+ ${cmd[*]}"
  "${cmd[@]}" 2>&1 | grep --line-buffered -v -E '^(WARN|INFO|DEBUG)' | tee -a "$OUT/every-call.txt"
done

: > "$OUT/compile-heap.txt"
for shape in ${SHAPES//,/ }; do
  cmd=("${PIN[@]}" "$JAVA" -Xms1g -Xmx"$HEAP" $JVM_EXTRA -cp "$JAR" dev.junction.bench.ProdCompileAndHeap "$shape" 200 "$TIMED" "$KEEP")
  echo "+ ${cmd[*]}"
  "${cmd[@]}" 2>&1 | grep --line-buffered -v -E '^(WARN|INFO|DEBUG)' | tee -a "$OUT/compile-heap.txt"
done

echo
echo "=== Decision latency, microseconds (JMH SampleTime, one thread, pinned to core $CPU) ==="
for f in "$OUT"/latency-*.json; do
  python3 - "$f" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1])):
    p, m = r["params"], r["primaryMetric"]
    pc = m["scorePercentiles"]
    print(f'{p["encoding"]:>3} {p["shape"]:<6} p50 {pc["50.0"]:7.2f}  p99 {pc["99.0"]:7.2f}  p99.9 {pc["99.9"]:8.1f}  '
          f'max {pc["100.0"]:9.1f}  mean {m["score"]:6.2f}  ({m["scoreUnit"]})')
EOF
done
echo
echo "=== Decision latency, every call timed, p99 of each second over the second half of the run (RoutingEveryCall) ==="
grep '^RESULT' "$OUT/every-call.txt" | sed 's/^RESULT //'
echo
echo "=== Compile+warm and memory per 200-row version (ProdCompileAndHeap) ==="
grep '^RESULT' "$OUT/compile-heap.txt" | sed 's/^RESULT //'
echo "(raw output in $OUT)"
