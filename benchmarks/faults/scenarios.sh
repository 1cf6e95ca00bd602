# The fault suite's scenarios (sourced by run-faults.sh). Each scenario_<name> sets the load (rate, seconds, body)
# and then acts at points of the load's timeline with at <seconds>; run_scenario does the rest.

at() { while ((SECONDS - LOAD_T0 < $1)); do sleep 0.2; done; log "t=$1 s"; }

# Starts the gateway again after a stop or a kill. A start that fails is 'restart ok: no'; then a PostgreSQL left
# running in the data dir (a killed gateway's) is stopped and the gateway started once more, so the log can drain.
restart_gateway() {
  local t0=$SECONDS
  if start_gateway; then
    [[ "$RESTART" == no* ]] || RESTART="yes ($((SECONDS - t0)) s)"
    return 0
  fi
  RESTART=no
  if pg_pid >/dev/null; then
    note "restart failed with the killed gateway's PostgreSQL still running; the suite stopped it and started again"
    pg_remove_leftover "$DATA"
  else
    note "restart failed"
  fi
  start_gateway || note "the second start failed too"
}

scenario_db-outage() {
  load "$RATE" "$(max "$DURATION" $((OUTAGE + 20)))" body-main.json
  at 10; pg_stop
  at $((10 + OUTAGE)); pg_start
}

scenario_db-hang() {
  load "$RATE" "$(max "$DURATION" $((OUTAGE + 20)))" body-main.json
  at 10; pg_hang
  at $((10 + OUTAGE)); pg_resume
}

scenario_sigterm() {
  load "$RATE" "$DURATION" body-main.json
  at 15
  local t0=$SECONDS
  log "SIGTERM to the gateway"
  stop_gateway
  note "the gateway exited $((SECONDS - t0)) s after SIGTERM"
  restart_gateway
}

scenario_sigkill-db-up() {
  load "$RATE" "$DURATION" body-main.json
  at 15; log "SIGKILL to the gateway"; kill_gateway
  restart_gateway
}

scenario_sigkill-db-down() {
  load "$RATE" "$(max "$DURATION" 35)" body-main.json
  at 10; pg_stop
  at 25; log "SIGKILL to the gateway, PostgreSQL down for 15 s"; kill_gateway
  restart_gateway
}

scenario_upstream-10pct() {
  local before after
  before="$(curl -s -m 5 "$MOCK_BASE/_stats" | jq '.s503 // 0')"
  load "$RATE" "$DURATION" body-flaky.json
  wait_load
  after="$(curl -s -m 5 "$MOCK_BASE/_stats" | jq '.s503 // 0')"
  note "the mock answered $((after - before)) calls with 503"
}

scenario_large-body-outage() {
  load "$LARGE_RATE" $((LARGE_OUTAGE + 15)) body-large.json
  at 5; pg_stop
  at $((5 + LARGE_OUTAGE)); pg_start
}

max() { if (($1 > $2)); then echo "$1"; else echo "$2"; fi; }

# The driver in the background at a steady rate; LOAD_T0 is its start on the scenario's timeline.
load() { # rate seconds body
  "$JAVA" -cp "$OUT/classes" FaultLoad --url "http://127.0.0.1:$PORT/v2/deployments/invoke" --body "$OUT/$3" \
    --header "Authorization: Bearer $(cat "$RUN/key")" --rate "$1" --duration "$2" --out "$RUN/load.tsv" \
    > "$RUN/load.out" 2>&1 &
  LOAD_PID=$!
  LOAD_T0=$SECONDS
  log "load: $1 req/s for $2 s ($3)"
}

wait_load() {
  wait "$LOAD_PID" || note "the load driver failed (see load.out)"
  LOAD_PID=""
}

run_scenario() { # name
  local name="$1"
  RUN="$OUT/$name" RESTART="-" GW_STARTS=0
  mkdir -p "$RUN"; : > "$RUN/notes"
  DATA="$(mktemp -d /tmp/junction-faults-data.XXXXXX)"
  DATA_DIRS+=("$DATA")
  log "== $name (data dir $DATA)"
  if ! start_gateway || ! configure_gateway; then
    note "the gateway did not start or could not be configured (see $RUN/gateway-1.log)"
    result "$name" 0 0 0 0 "?" "?"; stop_gateway; return
  fi
  start_rss_sampler
  # 5 s of small requests first, so that the scenario does not measure a JVM's first seconds (not counted)
  "$JAVA" -cp "$OUT/classes" FaultLoad --url "http://127.0.0.1:$PORT/v2/deployments/invoke" --body "$OUT/body-main.json" \
    --header "Authorization: Bearer $(cat "$RUN/key")" --rate $(max $((RATE / 2)) 1) --duration 5 --out "$RUN/warmup.tsv" \
    > "$RUN/warmup.out" 2>&1
  start_health_probe
  "scenario_$name"
  [[ -n "$LOAD_PID" ]] && wait_load
  stop_health_probe
  log "load done: $(tail -1 "$RUN/load.out")"
  [[ -s "$RUN/rss-limit" ]] && note "$(cat "$RUN/rss-limit")"

  # The log is counted with the gateway running (started again on the same data dir if it is down), once drained.
  if ! alive "$GW_PID"; then
    log "the gateway is down after the load: starting it to drain its log"
    start_gateway || { note "a start to drain the log failed; the suite stopped the data dir's PostgreSQL and tried again"
      pg_remove_leftover "$DATA"; start_gateway; } || note "the gateway did not start to drain the log"
  fi
  local logged="?"
  if pg_pid >/dev/null; then
    drain_log
    awk -F'\t' '$3 >= 200 && $3 < 300 && $5 != "-" {print $5}' "$RUN/load.tsv" > "$RUN/answered-ids"
    logged="$(count_logged "$RUN/answered-ids" 2>>"$RUN/events.log" || echo "?")"
  else
    note "no database to count the log in"
  fi
  stop_gateway
  if pg_pid >/dev/null; then
    note "PostgreSQL still running after the gateway stopped; the suite stopped it"
    pg_remove_leftover "$DATA"
  fi
  stop_rss_sampler
  local sent ok other none skipped
  read -r sent ok other none skipped < <(awk -F'\t' '$3 >= 0 {s++} $3 >= 200 && $3 < 300 {o++}
    $3 > 0 && ($3 < 200 || $3 >= 300) {x++} $3 == 0 {n++} $3 == -1 {k++} END {print s+0, o+0, x+0, n+0, k+0}' \
    "$RUN/load.tsv" 2>/dev/null || echo "0 0 0 0 0")
  ((skipped)) && note "$skipped requests not sent (256 waiting for an answer)"
  result "$name" "$sent" "$ok" "$other" "$none" "$logged" "$(peak_rss_mb)"
  ((KEEP)) || rm -rf "$DATA"
}

result() { # name sent ok other none logged peak
  local lost="?"
  [[ "$6" =~ ^[0-9]+$ ]] && lost=$(($3 - $6))
  local notes; notes="$(sed 's/; $//' "$RUN/notes")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$lost" "$7" "$RESTART" "${notes:--}" \
    | tee -a "$OUT/results.tsv" >&2
}
