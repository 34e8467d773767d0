# Sourced by the bench scripts: a Redis server, the built jar, and waiting for health.
# Every process started here is recorded in BENCH_PIDS and ended by bench_stop_all (the scripts
# trap EXIT), so a benchmark never leaves a server behind.

BENCH_PIDS=()

bench_stop_all() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  BENCH_PIDS=()
}

# Stops one process started here (TERM, then KILL after 20 s) and forgets it.
bench_stop() {
  local pid=$1 i
  kill "$pid" 2>/dev/null || true
  for i in $(seq 200); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local kept=()
  for i in "${BENCH_PIDS[@]}"; do [[ $i == "$pid" ]] || kept+=("$i"); done
  BENCH_PIDS=("${kept[@]}")
}

# A TCP port on loopback that nothing listens on (random, from the range the kernel does not
# hand out for outgoing connections by default).
bench_free_port() {
  local port
  while true; do
    port=$(( 20000 + RANDOM % 12000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# Debian's redis-server if installed, else the Linux binary inside embedded-redis (which the
# project's build has put in the local Maven repository), unpacked into $1.
bench_redis_binary() {
  local dir=$1
  if command -v redis-server >/dev/null; then
    command -v redis-server
    return
  fi
  local jar
  jar=$(ls "${HOME}"/.m2/repository/com/github/codemonstur/embedded-redis/*/embedded-redis-*.jar 2>/dev/null | sort -V | tail -1)
  if [[ -z $jar ]]; then
    echo "no redis-server: apt-get install -y redis-server, or build the project once (mvn package)" >&2
    return 1
  fi
  mkdir -p "$dir"
  unzip -o -q -j "$jar" 'redis-server-*-linux-amd64' -d "$dir"
  local binary
  binary=$(ls "$dir"/redis-server-*-linux-amd64 | head -1)
  chmod +x "$binary"
  echo "$binary"
}

# Starts a Redis server on port $2 with its files in $1 (no persistence: a benchmark's data is
# thrown away); prints nothing, records the pid.
bench_start_redis() {
  local dir=$1 port=$2 binary
  binary=$(bench_redis_binary "$dir/bin")
  mkdir -p "$dir"
  "$binary" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
    --logfile "$dir/redis-$port.log" &
  BENCH_PIDS+=($!)
  local i
  for i in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "Redis did not start on port $port (see $dir/redis-$port.log)" >&2
  return 1
}

# The application jar, built (without tests) if target/ has none.
bench_app_jar() {
  local jar
  jar=$(ls target/budget-bot-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)
  if [[ -z $jar ]]; then
    mvn -B -q package -DskipTests >&2
    jar=$(ls target/budget-bot-*.jar | grep -v '\.original$' | head -1)
  fi
  echo "$jar"
}

# Polls $1 (a health URL) every 50 ms until it answers 200 with status UP; prints the seconds
# since $2 (an epoch time in ns, from date +%s%N). Fails after $3 seconds or when pid $4 exits.
bench_wait_up() {
  local url=$1 since=$2 limit=$3 pid=$4
  local deadline=$(( since + limit * 1000000000 ))
  while (( $(date +%s%N) < deadline )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the process $pid exited before it was UP" >&2
      return 1
    fi
    if curl -s -m 1 "$url" 2>/dev/null | grep -q '"status":"UP"'; then
      awk -v ns=$(( $(date +%s%N) - since )) 'BEGIN { printf "%.2f\n", ns / 1e9 }'
      return 0
    fi
    sleep 0.05
  done
  echo "not UP within $limit s: $url" >&2
  return 1
}

# The median of the numbers on standard input.
bench_median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
