# Helpers of the fault suite (sourced by run-faults.sh): the gateway, its embedded PostgreSQL, the request log
# count, the RSS sampler. Every process started here is recorded so that cleanup() can stop it.
# Expects: JAVA JAR OUT PORT MOCK_BASE ADMIN; sets GW_PID, RUN (the scenario folder), DATA (its data dir).

log() { printf '%s %s\n' "$(date +%T)" "$*" | tee -a "${RUN:-$OUT}/events.log" >&2; }
note() { printf '%s; ' "$*" >> "$RUN/notes"; log "note: $*"; }
alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# Waits (bounded) for a process that is not our child to end; true if it did.
wait_gone() { # pid seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do alive "$1" || return 0; sleep 0.1; done
  ! alive "$1"
}

# ---------- the gateway ----------

GW_STARTS=0
# Starts the gateway on $DATA and waits for /health; true when it answers within FAULTS_START_TIMEOUT seconds.
# A gateway that exits or never answers is reported (and stopped), never waited for without bound.
start_gateway() {
  GW_STARTS=$((GW_STARTS + 1))
  local glog="$RUN/gateway-$GW_STARTS.log" t0=$SECONDS
  OPENAI_API_KEY=sk-faults OPENAI_BASE_URL="$MOCK_BASE/v1" \
    "$JAVA" ${FAULTS_JAVA_OPTS:-} -jar "$JAR" serve --port "$PORT" --data-dir "$DATA" --admin-token "$ADMIN" \
    >"$glog" 2>&1 &
  GW_PID=$!
  echo "$GW_PID" > "$RUN/gw.pid"
  while ((SECONDS - t0 < ${FAULTS_START_TIMEOUT:-60})); do
    if curl -sf -m 2 "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then
      log "gateway $GW_PID up in $((SECONDS - t0)) s (start $GW_STARTS)"
      return 0
    fi
    if ! alive "$GW_PID"; then
      wait "$GW_PID" 2>/dev/null || true
      log "gateway start $GW_STARTS failed: $(grep -m1 -E 'ERROR|Exception' "$glog" | cut -c1-300)"
      GW_PID=""
      return 1
    fi
    sleep 0.2
  done
  log "gateway start $GW_STARTS: no answer from /health in ${FAULTS_START_TIMEOUT:-60} s; killing it"
  kill -9 "$GW_PID" 2>/dev/null; wait "$GW_PID" 2>/dev/null || true
  GW_PID=""
  return 1
}

# SIGTERM and a bounded wait (FAULTS_STOP_TIMEOUT, 30 s); SIGKILL after that, noted.
stop_gateway() {
  alive "$GW_PID" || { GW_PID=""; return 0; }
  kill -TERM "$GW_PID"
  local i
  for ((i = 0; i < ${FAULTS_STOP_TIMEOUT:-30} * 10; i++)); do alive "$GW_PID" || break; sleep 0.1; done
  if alive "$GW_PID"; then
    note "SIGTERM did not stop the gateway in ${FAULTS_STOP_TIMEOUT:-30} s (SIGKILLed)"
    kill -9 "$GW_PID"
  fi
  wait "$GW_PID" 2>/dev/null || true
  GW_PID=""
}

kill_gateway() {
  alive "$GW_PID" && kill -9 "$GW_PID"
  wait "$GW_PID" 2>/dev/null || true
  GW_PID=""
}

api() { curl -sf -m 30 -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' "$@"; }

# Connections, models, the deployment and an API key (kept in $RUN/key).
configure_gateway() {
  local base="http://127.0.0.1:$PORT"
  api -X PUT "$base/api/providers/flaky" \
    -d "{\"kind\":\"openai-compatible\",\"baseUrl\":\"$MOCK_BASE/f10/s503/v1\",\"apiKey\":\"sk-faults\"}" >/dev/null
  api -X PUT "$base/api/models/flaky/gpt-4o-mini" -d '{"contextWindow":128000,"maxOutputTokens":16384,
    "inputPerMillion":"0.15","outputPerMillion":"0.60","cachedInputPerMillion":"0.075"}' >/dev/null
  local m
  for m in openai/gpt-4o-mini openai/gpt-4.1-mini flaky/gpt-4o-mini; do api -X POST "$base/api/models/$m/activate" >/dev/null; done
  api -X POST "$base/api/deployments/import?deploy=true&message=faults" --data-binary @"$HERE/fault-deployment.json" >/dev/null
  api -X POST "$base/api/keys" -d '{"name":"faults"}' | jq -r .key > "$RUN/key"
  [[ -s "$RUN/key" ]]
}

# ---------- the embedded PostgreSQL of $DATA ----------

PG_DIRS=() # every data dir whose PostgreSQL we may have to stop on exit

# The postmaster's pid when it is running (also when stopped by SIGSTOP).
pg_pid() {
  local f="$DATA/postgres/postmaster.pid" p
  [[ -s "$f" ]] || return 1
  p="$(head -1 "$f")"
  [[ "$(readlink "/proc/$p/exe" 2>/dev/null)" == */postgres ]] && echo "$p"
}
pg_port() { sed -n 4p "$DATA/postgres/postmaster.pid"; }

# Fast shutdown (SIGINT), as `pg_ctl stop -m fast` does; remembers where its binaries are for pg_start.
pg_stop() {
  local p; p="$(pg_pid)" || { log "no PostgreSQL running in $DATA"; return 1; }
  dirname "$(readlink "/proc/$p/exe")" > "$DATA/.faults-pg-bin"
  kill -INT "$p"
  wait_gone "$p" 30 || { log "PostgreSQL $p did not stop in 30 s"; return 1; }
  log "PostgreSQL $p stopped (fast shutdown)"
}

# Starts it again with the options it had (postmaster.opts), as the gateway's library does: pg_ctl refuses to run
# as root, so as root it runs in a user namespace (unshare -U), like io.zonky's embedded-postgres.
pg_start() {
  local bin opts ns=()
  if ! alive "$GW_PID"; then
    log "the gateway is down: PostgreSQL left stopped (the gateway's next start starts it)"
    return 0
  fi
  bin="$(cat "$DATA/.faults-pg-bin")"
  opts="$(sed -E 's/^[^ ]+ "-D" "[^"]*" ?//' "$DATA/postgres/postmaster.opts")"
  [[ "$(id -u)" == 0 ]] && ns=(unshare -U)
  "${ns[@]}" "$bin/pg_ctl" -D "$DATA/postgres" -o "$opts" -l "$RUN/postgres-restarted.log" -w -t 60 start >/dev/null \
    && log "PostgreSQL started again (pid $(pg_pid))"
}

# A hung database: the postmaster and every backend stopped with SIGSTOP (connections stay open, nothing answers).
pg_hang() {
  local p; p="$(pg_pid)" || return 1
  kill -STOP "$p" $(pgrep -P "$p") && log "PostgreSQL $p and its backends stopped with SIGSTOP"
}
pg_resume() {
  local p; p="$(pg_pid)" || return 1
  kill -CONT "$p" $(pgrep -P "$p") 2>/dev/null; log "PostgreSQL $p resumed with SIGCONT"
}

# Stops a PostgreSQL left running in a data dir (fast, then immediate, then SIGKILL), bounded.
pg_remove_leftover() { # data dir
  local DATA="$1" p
  p="$(pg_pid)" || return 0
  kill -CONT "$p" $(pgrep -P "$p") 2>/dev/null || true
  kill -INT "$p" 2>/dev/null
  wait_gone "$p" 15 && return 0
  kill -QUIT "$p" 2>/dev/null
  wait_gone "$p" 10 && return 0
  kill -9 "$p" $(pgrep -P "$p") 2>/dev/null || true
  wait_gone "$p" 5
}

psql_q() { # sql...
  local pw=""
  [[ -f "$DATA/db-password" ]] && pw="$(cat "$DATA/db-password")"
  PGPASSWORD="$pw" PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -p "$(pg_port)" -U "${FAULTS_PGUSER:-postgres}" \
    -d "${FAULTS_PGDATABASE:-postgres}" -XAtq -v ON_ERROR_STOP=1 "$@"
}

# 0 when the gateway's metrics say its log queue and spill are empty; 1 when not; 2 when it cannot tell.
log_settled_by_metrics() {
  local m; m="$(api -m 3 "http://127.0.0.1:$PORT/metrics" 2>/dev/null)" || return 2
  local q s
  q="$(awk '$1=="junction_log_queue_depth"{print $2}' <<<"$m")"
  s="$(awk '$1=="junction_log_spill_pending"{print $2}' <<<"$m")"
  [[ -z "$q$s" ]] && return 2
  [[ "${q:-0}" == 0 && "${s:-0}" == 0 ]]
}

# Waits, bounded by FAULTS_DRAIN_MAX (180 s), for the request log to stop growing: the row count unchanged for 3 s
# and the gateway's metrics saying nothing is queued or spilled (unchanged for 10 s when the metrics do not answer).
drain_log() {
  local last=-1 same=0 n t0=$SECONDS
  while ((SECONDS - t0 < ${FAULTS_DRAIN_MAX:-180})); do
    n="$(psql_q -c 'select count(*) from request_logs' 2>/dev/null || echo -1)"
    if [[ "$n" == "$last" && "$n" != -1 ]]; then same=$((same + 1)); else same=0; last="$n"; fi
    if ((same >= 3)); then
      log_settled_by_metrics; local r=$?
      if ((r == 0 || (r == 2 && same >= 10))); then
        log "request log settled at $n rows after $((SECONDS - t0)) s"
        return 0
      fi
    fi
    sleep 1
  done
  note "the request log was still changing after ${FAULTS_DRAIN_MAX:-180} s ($last rows)"
}

# How many of the answered request ids (one per line in the file) have a row in request_logs.
count_logged() { # ids-file
  psql_q <<SQL
create temp table answered(id uuid);
\\copy answered from '$1'
select count(*) from answered a where exists (select 1 from request_logs r where r.id = a.id);
SQL
}

# ---------- RSS ----------

# Samples the gateway's VmRSS and VmHWM (kB) every 0.5 s into $RUN/rss.tsv; the pid is re-read from $RUN/gw.pid so
# restarts are followed. Above FAULTS_RSS_LIMIT_MB the gateway is SIGKILLed to protect the shared machine.
start_rss_sampler() {
  local limit_kb=$((${FAULTS_RSS_LIMIT_MB:-4096} * 1024))
  (
    trap 'exit 0' TERM
    while :; do
      p="$(cat "$RUN/gw.pid" 2>/dev/null)"
      if [[ -n "$p" && -r "/proc/$p/status" ]]; then
        read -r rss hwm < <(awk '/^VmRSS/{r=$2} /^VmHWM/{h=$2} END{print r+0, h+0}' "/proc/$p/status" 2>/dev/null)
        printf '%s\t%s\t%s\t%s\n' "$(date +%s.%N | cut -c1-14)" "$p" "${rss:-0}" "${hwm:-0}" >> "$RUN/rss.tsv"
        if ((${rss:-0} > limit_kb)); then
          kill -9 "$p" 2>/dev/null && echo "RSS limit ${FAULTS_RSS_LIMIT_MB:-4096} MB passed: gateway $p SIGKILLed" >> "$RUN/rss-limit"
        fi
      fi
      sleep 0.5
    done
  ) &
  SAMPLER_PID=$!
}
stop_rss_sampler() { alive "${SAMPLER_PID:-}" && kill "$SAMPLER_PID" && wait "$SAMPLER_PID" 2>/dev/null; SAMPLER_PID=""; }
peak_rss_mb() { awk -F'\t' '{if ($4 > m) m = $4; if ($3 > m) m = $3} END{printf "%d", m / 1024}' "$RUN/rss.tsv" 2>/dev/null || echo 0; }

# ---------- /health ----------

# GET /health every second with a 2 s limit, into $RUN/health.tsv (time, HTTP status or 000).
start_health_probe() {
  (
    trap 'exit 0' TERM
    while :; do
      printf '%s\t%s\n' "$(date +%s)" "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$PORT/health")" \
        >> "$RUN/health.tsv"
      sleep 1
    done
  ) &
  PROBE_PID=$!
}
stop_health_probe() {
  alive "${PROBE_PID:-}" && kill "$PROBE_PID" && wait "$PROBE_PID" 2>/dev/null
  PROBE_PID=""
  local bad all
  read -r bad all < <(awk -F'\t' '$2 != 200 {b++} END {print b+0, NR+0}' "$RUN/health.tsv" 2>/dev/null || echo "0 0")
  ((bad)) && note "/health failed $bad of $all probes (1 a second, 2 s limit)"
  return 0
}
