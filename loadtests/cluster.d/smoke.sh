# Sourced by loadtests/cluster --smoke: the five scenarios of the scale-out proof, each briefly,
# one line per scenario with its figure ("HELD" or "NOT HELD"). RESULTS collects the verdicts.
RESULTS=()
URL=http://127.0.0.1:$HTTP_PORT

# The driver's HTTP client retries any request, POST included, when a pooled keep-alive connection
# turns out to be closed before any byte of an answer (jdk.httpclient.enableAllMethodRetry): a
# graceful nginx reload closes its old workers' idle client connections, and nginx never applies a
# request it read on a connection it closed as idle (RFC 9112 section 9.3.1 allows the retry when
# the client knows the request was not applied).
driver() {
  java -Xmx256m -XX:TieredStopAtLevel=1 -Djdk.httpclient.enableAllMethodRetry=true -cp "$DRIVER_CP" \
    io.vivace.loadtests.cluster.ClusterDriver "$@"
}
prop() { grep "^$2=" "$1/summary.properties" | cut -d= -f2; }
verdict() { # number name held(0|1) figure
  local word="HELD"; [[ $3 == 1 ]] || word="NOT HELD"
  RESULTS+=("$3")
  printf '%s %-26s %-8s %s\n' "$1" "$2" "$word" "$4"
}

# Titles acknowledged (201) that the primary does not have: writes lost silently. Also counts the
# errored writes the primary has anyway (committed, but the client got an error: not silent).
check_writes() { # run directory, title tag
  psql_primary -d blog -c "SELECT title FROM posts WHERE title LIKE '$2-%'" | sort >"$1/db-titles.txt"
  sort "$1/writes-ok.txt" >"$1/ok-sorted.txt"
  LOST=$(comm -23 "$1/ok-sorted.txt" "$1/db-titles.txt" | wc -l)
  cut -d' ' -f1 "$1/writes-err.txt" | sort >"$1/err-sorted.txt"
  COMMITTED_ERR=$(comm -12 "$1/err-sorted.txt" "$1/db-titles.txt" | wc -l)
  PHANTOM=$(sort -m "$1/ok-sorted.txt" "$1/err-sorted.txt" | sort | comm -13 - "$1/db-titles.txt" | wc -l)
}

scenario_coherence() {
  local run=$DIR/runs/1 out
  driver load --url "$URL" --seconds 600 --users 4 --posts "$POSTS" --out "$run" --stop-file "$run.stop" >/dev/null 2>&1 &
  local load=$!; EXTRA_PIDS+=("$load")
  out=$(driver coherence --a "http://127.0.0.1:$(instance_port 0)" --b "http://127.0.0.1:$(instance_port 1)" \
    --token-file "$DIR/token" --rounds "${COHERENCE_ROUNDS:-40}")
  local held=$?
  touch "$run.stop"; wait "$load"; untrack "$load"
  local rounds p50 p99 max stale
  rounds=$(field rounds "$out"); p50=$(field p50_us "$out"); p99=$(field p99_us "$out"); max=$(field max_us "$out")
  stale=$(field stale "$out")
  verdict 1 "cache coherence" $((held == 0)) "p99 staleness $(ms "$p99") ms (p50 $(ms "$p50"), max $(ms "$max")) over ${rounds:-0} updates through instance A read back from B, ${stale:-?} still stale after 10 s, background load through nginx"
}
field() { sed -n "s/.*\\b$1=\\([0-9]*\\).*/\\1/p" <<<"$2"; }
ms() { awk -v us="${1:-0}" 'BEGIN { printf "%.1f", us / 1000 }'; }

scenario_kill() {
  local run=$DIR/runs/2
  driver load --url "$URL" --seconds 12 --users 8 --write-every 4 --tag kill --token-file "$DIR/token" \
    --posts "$POSTS" --out "$run" >/dev/null 2>&1 &
  local load=$!; EXTRA_PIDS+=("$load")
  sleep 4
  instance_kill 2
  wait "$load"; untrack "$load"
  instance_start 2; instance_wait_ready 2
  check_writes "$run" kill
  local rf wo we
  rf=$(prop "$run" reads_failed); wo=$(prop "$run" writes_ok); we=$(prop "$run" writes_err)
  verdict 2 "SIGKILL an instance" $((rf == 0 && LOST == 0 && PHANTOM == 0)) \
    "$(prop "$run" reads_ok) GETs, $rf failed; $((wo + we)) writes: $wo acknowledged ($LOST missing in the database), $we errored ($COMMITTED_ERR of them committed), $PHANTOM unaccounted"
}

scenario_replica() {
  local run=$DIR/runs/3 used
  used=$(psql_replica -d blog -c "SELECT count(*) FROM pg_stat_activity WHERE datname = 'blog' AND backend_type = 'client backend' AND pid <> pg_backend_pid()")
  if [[ ${used:-0} -eq 0 ]]; then
    verdict 3 "replica stopped" 0 "the instances hold no connection to the replica: this build does not read from DATABASE_READ_URL"
    return
  fi
  driver load --url "$URL" --seconds 12 --users 8 --posts "$POSTS" --out "$run" >/dev/null 2>&1 &
  local load=$!; EXTRA_PIDS+=("$load")
  sleep 4
  pg_stop replica
  wait "$load"; untrack "$load"
  local rf ro bound
  rf=$(prop "$run" reads_failed); ro=$(prop "$run" reads_ok)
  bound=$(((ro + rf) / 100))   # at most 1% of the reads fail while the instances switch to the primary
  verdict 3 "replica stopped" $((rf <= bound)) "$ro GETs answered, $rf failed (bound: 1% = $bound) after the replica (used by $used connections) stopped mid-load"
  pg "$PG_BIN/pg_ctl" -D "$DIR/pg/replica" -l "$DIR/logs/pg-replica.log" -w -t 60 start >/dev/null
}

scenario_rolling() {
  local run=$DIR/runs/4 i
  driver load --url "$URL" --seconds 600 --users 8 --write-every 10 --tag roll --token-file "$DIR/token" \
    --posts "$POSTS" --out "$run" --stop-file "$run.stop" >/dev/null 2>&1 &
  local load=$!; EXTRA_PIDS+=("$load")
  sleep 2
  for ((i = 0; i < INSTANCES; i++)); do
    instance_stop "$i"       # readiness 503 at once; the watcher takes it out; in-flight requests finish
    instance_start "$i"
    instance_wait_ready "$i"
    wait_for "upstream $i" 30 in_upstream "$i"
  done
  sleep 2
  touch "$run.stop"; wait "$load"; untrack "$load"
  check_writes "$run" roll
  local rf we
  rf=$(prop "$run" reads_failed); we=$(prop "$run" writes_err)
  verdict 4 "rolling restart" $((rf == 0 && we == 0 && LOST == 0)) \
    "$((rf + we)) failed of $(prop "$run" requests) requests while $INSTANCES instances restarted one by one ($(prop "$run" writes_ok) writes, $LOST missing)"
}

scenario_throughput() {
  local n figures="" all=1 rps
  watcher_stop
  UP=()
  for ((n = 1; n <= INSTANCES; n++)); do
    nginx_reload "$n"; sleep 1
    driver load --url "$URL" --seconds 2 --users 16 --posts "$POSTS" --out "$DIR/runs/5-warm-$n" >/dev/null 2>&1
    if command -v wrk >/dev/null; then
      wrk -t2 -c32 -d"${THROUGHPUT_SECONDS:-5}"s --timeout 10s -s "$DIR/posts.lua" "$URL" >"$DIR/runs/5-wrk-$n.txt" 2>&1
      rps=$(awk '/^Requests\/sec/ { printf "%d", $2 }' "$DIR/runs/5-wrk-$n.txt")
      grep -qE "Non-2xx|Socket errors" "$DIR/runs/5-wrk-$n.txt" && all=0
    else
      driver load --url "$URL" --seconds "${THROUGHPUT_SECONDS:-5}" --users 32 --posts "$POSTS" --out "$DIR/runs/5-$n" >/dev/null 2>&1 || all=0
      rps=$(prop "$DIR/runs/5-$n" req_per_s)
    fi
    figures+="$n: ${rps:-0} req/s, "
    [[ ${rps:-0} -gt 0 ]] || all=0
  done
  nginx_reload "$INSTANCES"; watcher_start "$INSTANCES"
  verdict 5 "throughput 1/2/3 instances" "$all" "${figures%, } ($(nproc) CPUs: instances, nginx, PostgreSQL, Redis and the generator share them, so more instances cannot add throughput here)"
}

run_smoke() {
  driver token --url "$URL" --out "$DIR/token" || die "could not get a token through nginx"
  printf 'math.randomseed(20261130)\nrequest = function() return wrk.format("GET", "/posts/" .. math.random(1, %d)) end\n' \
    "$POSTS" >"$DIR/posts.lua"
  mkdir -p "$DIR/runs"
  scenario_coherence
  scenario_kill
  scenario_replica
  scenario_rolling
  scenario_throughput
  local r
  for r in "${RESULTS[@]}"; do [[ $r == 1 ]] || return 1; done
  return 0
}
