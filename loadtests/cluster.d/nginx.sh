# Sourced by loadtests/cluster: nginx (Debian's package) in front of the blog instances, its
# configuration written under $DIR/nginx, and the readiness watcher that takes an instance out of
# the upstream while its /health/ready is not 200 (open-source nginx has no active health checks:
# the watcher rewrites the upstream and reloads nginx, gracefully, as a service registry would).
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
UP=()   # index i: 1 when instance i is in the upstream, 0 when marked down

# The configuration for the instances in UP; $1: the number of instances in the upstream.
nginx_conf() {
  local n=$1 servers="" i state
  for ((i = 0; i < n; i++)); do
    state=""; [[ ${UP[$i]:-1} == 0 ]] && state=" down"
    servers+="    server 127.0.0.1:$(instance_port "$i") max_fails=1 fail_timeout=5s$state;"$'\n'
  done
  sed -e "s|@DIR@|$DIR/nginx|g" -e "s|@PORT@|$HTTP_PORT|g" "$HERE/nginx.conf.template" \
    | awk -v servers="$servers" '{ if ($0 ~ /@SERVERS@/) printf "%s", servers; else print }'
}

nginx_start() { # number of instances
  mkdir -p "$DIR/nginx/temp"
  NGINX_INSTANCES=$1
  nginx_conf "$1" >"$DIR/nginx/nginx.conf"
  "$NGINX" -t -q -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -e "$DIR/nginx/error.log" || die "nginx configuration invalid"
  "$NGINX" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -e "$DIR/nginx/error.log" || die "nginx did not start"
  wait_for nginx 10 test -s "$DIR/nginx/nginx.pid"
}

# Rewrites the upstream for $1 instances (UP decides which are down) and reloads gracefully: old
# workers finish their requests, new ones take the new upstream.
nginx_reload() {
  NGINX_INSTANCES=$1
  nginx_conf "$1" >"$DIR/nginx/nginx.conf.new" && mv "$DIR/nginx/nginx.conf.new" "$DIR/nginx/nginx.conf"
  "$NGINX" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -e "$DIR/nginx/error.log" -s reload
}

nginx_stop() {
  local pid
  pid=$(cat "$DIR/nginx/nginx.pid" 2>/dev/null) || return 0
  kill -QUIT "$pid" 2>/dev/null
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null
  rm -f "$DIR/nginx/nginx.pid"
}

# Every 0.25 s: each instance's readiness; on a change, the upstream is rewritten and nginx
# reloaded. When no instance is ready, all stay in (nginx's passive checks decide).
watch_readiness() {
  local n=$1 changed i ready any
  while true; do
    changed=0; any=0
    local next=()
    for ((i = 0; i < n; i++)); do
      ready=0; instance_ready "$i" && ready=1 && any=1
      next[$i]=$ready
    done
    if [[ $any == 1 ]]; then
      for ((i = 0; i < n; i++)); do
        [[ ${UP[$i]:-1} != "${next[$i]}" ]] && changed=1
        UP[$i]=${next[$i]}
      done
      if [[ $changed == 1 ]]; then
        nginx_reload "$n"
        echo "$(date +%T.%N | cut -c1-12) upstream: ${UP[*]}" >>"$DIR/logs/watcher.log"
      fi
    fi
    sleep 0.25
  done
}

watcher_start() { # number of instances
  watch_readiness "$1" &
  WATCHER_PID=$!
  EXTRA_PIDS+=("$WATCHER_PID")
}

watcher_stop() {
  [[ -n ${WATCHER_PID:-} ]] && kill -TERM "$WATCHER_PID" 2>/dev/null; wait "$WATCHER_PID" 2>/dev/null; untrack "$WATCHER_PID"
  WATCHER_PID=
}

# Whether instance $1 is in nginx's current upstream (not marked down).
in_upstream() { grep -q "127.0.0.1:$(instance_port "$1") max_fails=1 fail_timeout=5s;" "$DIR/nginx/nginx.conf"; }
