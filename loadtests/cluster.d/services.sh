# Sourced by loadtests/cluster: starting and stopping PostgreSQL (primary and streaming replica),
# Redis and the blog instances, every data directory under $DIR. Each started process is recorded
# so that stop_all (the EXIT trap) ends all of them, by pid, and nothing else.
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
INSTANCE_PIDS=()   # index i: pid of blog instance i (empty when stopped)
EXTRA_PIDS=()      # redis, the readiness watcher, load drivers

log() { echo "cluster: $*" >&2; }
die() { log "$*"; exit 1; }

# PostgreSQL refuses to run as root: as root it runs in a user namespace of its own (unshare -U, as
# framework-db's embedded server does), or as the postgres user when namespaces are not allowed.
pg() {
  if [[ $(id -u) -ne 0 ]]; then "$@"
  elif unshare -U true 2>/dev/null; then unshare -U "$@"
  else chown -R postgres "$DIR/pg" && runuser -u postgres -- "$@"
  fi
}

pg_start_primary() {
  local data=$DIR/pg/primary
  mkdir -p "$DIR/pg"
  pg "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/logs/initdb.log" 2>&1 \
    || die "initdb failed, see $DIR/logs/initdb.log"
  cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$DIR/pg'
wal_level = replica
max_wal_senders = 4
hot_standby = on
max_connections = 200
shared_buffers = 64MB
fsync = off
CONF
  pg "$PG_BIN/pg_ctl" -D "$data" -l "$DIR/logs/pg-primary.log" -w -t 60 start >/dev/null || die "primary did not start, see $DIR/logs/pg-primary.log"
  psql_primary -c "CREATE DATABASE blog" >/dev/null
}

# A streaming replica of the primary, made by pg_basebackup (-R writes standby.signal and the
# primary's connection string).
pg_start_replica() {
  local data=$DIR/pg/replica
  pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U postgres -D "$data" -R -X stream -c fast >"$DIR/logs/basebackup.log" 2>&1 \
    || die "pg_basebackup failed, see $DIR/logs/basebackup.log"
  echo "port = $PG_REPLICA_PORT" >>"$data/postgresql.conf"
  pg "$PG_BIN/pg_ctl" -D "$data" -l "$DIR/logs/pg-replica.log" -w -t 60 start >/dev/null || die "replica did not start, see $DIR/logs/pg-replica.log"
}

pg_stop() { # primary|replica
  [[ -f $DIR/pg/$1/postmaster.pid ]] && pg "$PG_BIN/pg_ctl" -D "$DIR/pg/$1" -m fast -w -t 30 stop >/dev/null 2>&1
  return 0
}

psql_primary() { "$PG_BIN/psql" -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
psql_replica() { "$PG_BIN/psql" -X -q -At -h 127.0.0.1 -p "$PG_REPLICA_PORT" -U postgres "$@"; }

redis_start() {
  mkdir -p "$DIR/redis"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$DIR/redis" \
    >"$DIR/logs/redis.log" 2>&1 &
  EXTRA_PIDS+=($!)
  wait_for "redis" 30 redis_ping
}
redis_ping() { [[ $(redis-cli -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

instance_port() { echo $((HTTP_PORT + 1 + $1)); }

# Blog instance $1 (0-based): its own PORT, the shared database, replica and Redis.
instance_start() {
  local i=$1 seed=false
  [[ $i -eq 0 && ! -f $DIR/seeded ]] && seed=true
  env PORT="$(instance_port "$i")" HOST=127.0.0.1 \
    DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/blog" \
    DATABASE_READ_URL="postgres://postgres@127.0.0.1:$PG_REPLICA_PORT/blog" \
    REDIS_URL="redis://127.0.0.1:$REDIS_PORT" JWT_SECRET="$JWT_SECRET" \
    VIVACE_DRAIN_DELAY="${VIVACE_DRAIN_DELAY:-5000}" VIVACE_ACCESS_LOG=off \
    BLOG_SEED=$seed BLOG_SEED_USERS=50 BLOG_SEED_POSTS="$POSTS" BLOG_SEED_COMMENTS=1000 \
    java $INSTANCE_JVM_FLAGS -jar "$BLOG_JAR" >>"$DIR/logs/blog-$i.log" 2>&1 &
  INSTANCE_PIDS[$i]=$!
}

instance_ready() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$(instance_port "$1")/health/ready") == 200 ]]; }

instance_wait_ready() {
  wait_for "blog instance $1" 120 instance_ready "$1" || die "blog instance $1 not ready, see $DIR/logs/blog-$1.log"
  [[ $1 -eq 0 ]] && touch "$DIR/seeded"
  return 0
}

# SIGTERM (readiness turns 503, drain, exit) and wait for the process, SIGKILL after 30 s.
instance_stop() {
  local pid=${INSTANCE_PIDS[$1]:-}
  [[ -z $pid ]] && return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  INSTANCE_PIDS[$1]=
}

instance_kill() {
  local pid=${INSTANCE_PIDS[$1]:-}
  [[ -z $pid ]] && return 0
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  INSTANCE_PIDS[$1]=
}

# wait_for NAME SECONDS COMMAND...: runs COMMAND every 0.2 s until it succeeds or SECONDS pass.
wait_for() {
  local name=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    ((SECONDS < deadline)) || { log "$name: not up after ${seconds}s"; return 1; }
    sleep 0.2
  done
}

stop_all() {
  set +e
  trap - INT TERM
  nginx_stop
  for pid in "${EXTRA_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for i in "${!INSTANCE_PIDS[@]}"; do
    [[ -n ${INSTANCE_PIDS[$i]} ]] && kill -TERM "${INSTANCE_PIDS[$i]}" 2>/dev/null
  done
  for i in "${!INSTANCE_PIDS[@]}"; do instance_stop "$i"; done
  for pid in "${EXTRA_PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
  pg_stop replica
  pg_stop primary
}

# Forgets a pid of EXTRA_PIDS once its process has been waited for (stop_all must not signal a reused pid).
untrack() {
  local keep=() p
  for p in "${EXTRA_PIDS[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
  EXTRA_PIDS=("${keep[@]}")
}
