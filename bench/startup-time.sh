#!/usr/bin/env bash
# Benchmark (not a test): seconds from `java -jar` to GET /actuator/health answering UP, for the
# packaged jar outside local mode (a real redis-server process; LINE's API is never called at
# start, so its URL points at a closed port).
#   cold:    each start on an empty Redis (a first deployment: the model is trained)
#   restart: each start on the Redis the previous start left (a restart, or another instance:
#            the stored model of the catalog is loaded instead of trained)
# Reports each time (and the CPU seconds the JVM used until UP, which depends less on what else
# the machine runs) and the medians, and where the time went in the last start of each kind
# (the app's own log lines: Spring's "Started ... in", the model's "Trained"/"Loaded" line).
# Usage: bench/startup-time.sh [--runs 5] [--jar target/budget-bot-0.1.0-SNAPSHOT.jar] [--label NAME]
#          [--nice N] [--jvm-arg ARG]...
# --nice -10 (as root) runs the app at a higher CPU priority than the rest of a shared machine,
# which approaches what it takes on a machine of its own.
# Builds the jar if target/ has none; rebuild it after changes. Output: target/bench/startup[-NAME]/
# (report.txt and each start's log). Run it with the jar of another commit (--jar) to compare.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/processes.sh
trap bench_stop_all EXIT

runs=5
jar=
label=
priority=0
jvm_args=()
while (( $# )); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --label) label=$2; shift 2 ;;
    --nice) priority=$2; shift 2 ;;
    --jvm-arg) jvm_args+=("$2"); shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -n $jar ]] || jar=$(bench_app_jar)
out="$PWD/target/bench/startup${label:+-$label}"
rm -rf "$out" && mkdir -p "$out"

# One start: prints the seconds to UP and the CPU seconds used by then; leaves the log in $out/$1.log.
start_once() {
  local name=$1 redis_port=$2 port started pid seconds
  port=$(bench_free_port)
  started=$(date +%s%N)
  SPRING_DATA_REDIS_URL="redis://127.0.0.1:$redis_port" \
  LINE_BOT_CHANNEL_SECRET=startup-bench-secret LINE_BOT_CHANNEL_TOKEN=startup-bench-token \
  LINE_BOT_API_END_POINT="http://127.0.0.1:9/" SERVER_PORT=$port APP_LINE_INSTANCE_ID="bench-$name" \
    nice -n "$priority" java "${jvm_args[@]}" -jar "$jar" >"$out/$name.log" 2>&1 &
  pid=$!
  BENCH_PIDS+=("$pid")
  if ! seconds=$(bench_wait_up "http://127.0.0.1:$port/actuator/health" "$started" 180 "$pid"); then
    bench_stop "$pid"
    return 1
  fi
  local cpu
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$pid/stat")
  bench_stop "$pid"
  echo "$seconds $cpu"
}

where_time_went() {
  grep -hoE 'Started [A-Za-z]+ in [0-9.]+ seconds|(Trained|Loaded) .* in [0-9]+ ms' "$out/$1.log" | sed 's/^/    /' || true
}

echo "jar: $jar   nice: $priority   cores: $(nproc)   load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/report.txt"
cold=() cold_cpu=()
for i in $(seq "$runs"); do
  redis_port=$(bench_free_port)
  bench_start_redis "$out/redis-cold-$i" "$redis_port"
  if read -r wall cpu < <(start_once "cold-$i" "$redis_port"); then
    cold+=("$wall") cold_cpu+=("$cpu")
    echo "cold start $i: $wall s (CPU $cpu s)" | tee -a "$out/report.txt"
  else
    echo "cold start $i: not UP (see $out/cold-$i.log)" | tee -a "$out/report.txt"
  fi
  bench_stop "${BENCH_PIDS[-1]}"
done
where_time_went "cold-$runs" | tee -a "$out/report.txt"

redis_port=$(bench_free_port)
bench_start_redis "$out/redis-restart" "$redis_port"
start_once restart-0 "$redis_port" >/dev/null || true
restart=() restart_cpu=()
for i in $(seq "$runs"); do
  if read -r wall cpu < <(start_once "restart-$i" "$redis_port"); then
    restart+=("$wall") restart_cpu+=("$cpu")
    echo "restart $i: $wall s (CPU $cpu s)" | tee -a "$out/report.txt"
  else
    echo "restart $i: not UP (see $out/restart-$i.log)" | tee -a "$out/report.txt"
  fi
done
where_time_went "restart-$runs" | tee -a "$out/report.txt"

{
  echo "median cold start (empty Redis): $(printf '%s\n' "${cold[@]}" | bench_median) s (CPU $(printf '%s\n' "${cold_cpu[@]}" | bench_median) s)"
  echo "median restart (same Redis):     $(printf '%s\n' "${restart[@]}" | bench_median) s (CPU $(printf '%s\n' "${restart_cpu[@]}" | bench_median) s)"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$out/report.txt"
