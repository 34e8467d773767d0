#!/usr/bin/env bash
# Benchmark (not a test): webhook throughput and acknowledgement latency of the packaged bot, and
# of the smallest bot LINE's SDK allows (bench/minimal-bot: Spring Boot 3.5.7 + SDK 6.0.0, an
# @EventMapping handler that replies with the message's text), in the same run, alternating
# A B A B ... (single runs on a shared 2-core machine vary by +-30%: compare medians of pairs).
#
# Each run starts the app fresh: the bot's jar (not local mode) on its own redis-server process,
# the minimal bot without one, both with LINE_BOT_API_END_POINT at a stub (nginx from Debian,
# 200 {} to /v2/bot/message/reply and /push, each call a line of its access log). wrk then
# POSTs pre-signed webhooks (one text message each, distinct webhookEventId and replyToken,
# questions from intents/tests/, 2,000 users; generated just before each phase so that their
# timestamps are fresh) in three phases:
#   warm-up      unpaced, --warm-up seconds (JIT), not reported
#   paced        --rate webhooks/s for --paced seconds (wrk has no fixed-rate mode: see
#                webhook-load/webhooks.lua for the pacing and its limits)
#   saturation   as fast as --connections connections allow, for --saturation seconds
# After each phase the script waits until the stub has had one reply or push per webhook sent
# (or nothing more came for --drain-quiet seconds) and records, per phase: webhooks sent and
# acknowledged (2xx), ack throughput and p50/p90/p99/p99.9/max ack latency (wrk), answers at the
# stub (replies + pushes) and whether every event was answered, answered/s (answers over the
# time from the phase's start to the last answer, backlog included), the app's CPU ms per webhook,
# and the load average. Goals (issue 10): p99 ack < 25 ms at 500/s with every event answered; at
# saturation the bot >= 0.9x the minimal bot.
#
# Usage: bench/webhook-load.sh [--pairs 4] [--rate 500] [--paced 30] [--saturation 20]
#          [--warm-up 10] [--connections 32] [--paced-connections 50] [--max-rate 10000]
#          [--bots bot,minimal] [--bot-jar JAR] [--jvm-arg ARG]... (added to both apps, e.g.
#          --jvm-arg -XX:StartFlightRecording=filename=target/bench/%p.jfr,settings=profile)
# Needs wrk, nginx and openssl (apt-get install -y wrk nginx openssl when missing; root), Java 17
# and Maven. Builds the bot's jar if target/ has none and the minimal bot if it is not built;
# rebuild after changes. Writes target/bench/webhook-load/: report.txt, results.tsv, each app's
# log, the stub's log and the bodies of the last run.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/processes.sh
trap bench_stop_all EXIT

pairs=4 rate=500 paced=30 saturation=20 warm_up=10 connections=32 paced_connections=50 max_rate=10000
bots=bot,minimal drain_quiet=30 users=2000
jvm_args=()
while (( $# )); do
  case $1 in
    --pairs) pairs=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --paced) paced=$2; shift 2 ;;
    --saturation) saturation=$2; shift 2 ;;
    --warm-up) warm_up=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --paced-connections) paced_connections=$2; shift 2 ;;
    --max-rate) max_rate=$2; shift 2 ;;
    --bots) bots=$2; shift 2 ;;
    --drain-quiet) drain_quiet=$2; shift 2 ;;
    --jvm-arg) jvm_args+=("$2"); shift 2 ;;
    --bot-jar) bot_jar=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v openssl >/dev/null || missing+=(openssl)
if (( ${#missing[@]} )); then
  echo "installing ${missing[*]} (Debian packages)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
nginx_binary=$(command -v nginx || echo /usr/sbin/nginx)

out="$PWD/target/bench/webhook-load"
rm -rf "$out" && mkdir -p "$out/classes" "$out/stub"
[[ -n ${bot_jar:-} ]] || bot_jar=$(bench_app_jar)
if [[ ! -f bench/minimal-bot/target/minimal-bot.jar ]]; then
  mvn -B -q -f bench/minimal-bot/pom.xml package -DskipTests >&2
fi
minimal_jar=bench/minimal-bot/target/minimal-bot.jar
javac -d "$out/classes" bench/webhook-load/SignedWebhooks.java
secret="webhook-load-secret-$RANDOM$RANDOM"
questions=(intents/tests/heldout.tsv intents/tests/out-of-scope.tsv)

# The stub LINE API, for the whole series.
stub_port=$(bench_free_port)
sed -e "s|STUB_DIR|$out/stub|g" -e "s|STUB_PORT|$stub_port|g" bench/webhook-load/nginx.conf >"$out/stub/nginx.conf"
"$nginx_binary" -p "$out/stub" -c "$out/stub/nginx.conf" -e "$out/stub/nginx-error.log" &
BENCH_PIDS+=($!)
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$stub_port/" && break; sleep 0.1; done
calls="$out/stub/calls.log"

answers_so_far() { grep -c -E ' /v2/bot/message/(reply|push) 200$' "$calls" || true; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

load1() { cut -d' ' -f1 /proc/loadavg; }

# Starts one app ($1: bot or minimal) on a free port; sets app_pid, app_port, redis_pid.
start_app() {
  local kind=$1 run=$2 started
  app_port=$(bench_free_port)
  redis_pid=
  local env=(LINE_BOT_CHANNEL_SECRET="$secret" LINE_BOT_CHANNEL_TOKEN=webhook-load-token
    LINE_BOT_API_END_POINT="http://127.0.0.1:$stub_port/" SERVER_PORT="$app_port")
  started=$(date +%s%N)
  if [[ $kind == bot ]]; then
    local redis_port
    redis_port=$(bench_free_port)
    bench_start_redis "$out/redis-$run" "$redis_port"
    redis_pid=${BENCH_PIDS[-1]}
    env+=(SPRING_DATA_REDIS_URL="redis://127.0.0.1:$redis_port" APP_LINE_INSTANCE_ID="load-$run")
    env "${env[@]}" java "${jvm_args[@]}" -jar "$bot_jar" >"$out/$run.log" 2>&1 &
  else
    env "${env[@]}" java "${jvm_args[@]}" -jar "$minimal_jar" >"$out/$run.log" 2>&1 &
  fi
  app_pid=$!
  BENCH_PIDS+=("$app_pid")
  # Ready when a signed webhook without events is acknowledged (and, for the bot, health is UP).
  local probe='{"destination":"Ubench","events":[]}' signature
  signature=$(printf '%s' "$probe" | openssl dgst -sha256 -hmac "$secret" -binary | base64)
  local deadline=$(( $(date +%s) + 120 ))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
      -H "X-Line-Signature: $signature" -d "$probe" "http://127.0.0.1:$app_port/callback") == 200 ]]; do
    kill -0 "$app_pid" 2>/dev/null || { echo "$run exited at start: see $out/$run.log" >&2; return 1; }
    (( $(date +%s) < deadline )) || { echo "$run not ready in 120 s" >&2; return 1; }
    sleep 0.2
  done
  if [[ $kind == bot ]]; then
    bench_wait_up "http://127.0.0.1:$app_port/actuator/health" "$started" 120 "$app_pid" >/dev/null
  fi
}

stop_app() {
  bench_stop "$app_pid"
  [[ -z $redis_pid ]] || bench_stop "$redis_pid"
}

# One phase against the running app: $1 run name, $2 phase, $3 rate (0: unpaced), $4 seconds,
# $5 connections. Appends a row to results.tsv (except for the warm-up).
phase() {
  local run=$1 name=$2 phase_rate=$3 seconds=$4 conns=$5
  local count
  if (( phase_rate > 0 )); then count=$(( phase_rate * seconds * 11 / 10 + 1000 )); else count=$(( max_rate * seconds )); fi
  java -cp "$out/classes" SignedWebhooks "$secret" "$run-$name" "$count" "$users" "$out/bodies.txt" "${questions[@]}"
  local before ticks_before start_ns
  before=$(answers_so_far)
  ticks_before=$(cpu_ticks "$app_pid")
  start_ns=$(date +%s%N)
  # Sends for $seconds, then waits (up to the 2 s time-out) for the answers still in flight.
  WEBHOOK_RATE=$phase_rate WEBHOOK_SECONDS=$seconds wrk -t2 -c"$conns" -d"$(( seconds + 3 ))s" --timeout 2s -s bench/webhook-load/webhooks.lua \
    "http://127.0.0.1:$app_port" -- "$out/bodies.txt" 2 >"$out/$run-$name.wrk" 2>&1
  local load_at_end result
  load_at_end=$(load1)
  result=$(grep '^RESULT ' "$out/$run-$name.wrk") || { cat "$out/$run-$name.wrk" >&2; return 1; }
  local $(echo "${result#RESULT }")
  # Wait for the answers: one reply (or push) per webhook sent, or no progress for drain_quiet s.
  local answered last=-1 quiet_since
  quiet_since=$(date +%s)
  while true; do
    answered=$(( $(answers_so_far) - before ))
    (( answered >= sent )) && break
    if (( answered != last )); then last=$answered; quiet_since=$(date +%s); fi
    (( $(date +%s) - quiet_since < drain_quiet )) || break
    sleep 0.5
  done
  sleep 0.3 # the stub's log buffer
  answered=$(( $(answers_so_far) - before ))
  local pushes last_ms ticks
  pushes=$(tail -n +"$(( before + 1 ))" "$calls" | grep -c ' /v2/bot/message/push 200$' || true)
  last_ms=$(tail -n 1 "$calls" | awk '{ printf "%.0f", $1 * 1000 }')
  ticks=$(( $(cpu_ticks "$app_pid") - ticks_before ))
  [[ $name == warm-up ]] && return 0
  local answered_per_s cpu_ms complete
  answered_per_s=$(awk -v n="$answered" -v ms="$(( last_ms - start_ns / 1000000 ))" 'BEGIN { printf "%.0f", (ms > 0 ? n * 1000 / ms : 0) }')
  cpu_ms=$(awk -v t="$ticks" -v n="$sent" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", n ? t * 1000 / hz / n : 0 }')
  complete=$([[ $answered == "$sent" && $exhausted_threads == 0 ]] && echo yes || echo NO)
  printf '%s\t%s\t%s\t%d\t%d\t%d\t%.0f\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\n' \
    "${run%-*}" "${run##*-}" "$name" "$sent" "$acked" "$(( non2xx + timeouts + connect_errors + read_errors + write_errors ))" \
    "$(awk -v n="$acked" -v s="$seconds" 'BEGIN { print n / s }')" "$p50_ms" "$p90_ms" "$p99_ms" "$p999_ms" "$max_ms" \
    "$answered" "$pushes" "$answered_per_s" "$complete" "$cpu_ms" "$load_at_end" >>"$out/results.tsv"
  tail -1 "$out/results.tsv"
}

printf 'bot\tpair\tphase\tsent\tacked\terrors\tack_per_s\tp50_ms\tp90_ms\tp99_ms\tp999_ms\tmax_ms\tanswers\tpushes\tanswered_per_s\tall_answered\tcpu_ms_per_webhook\tload1\n' >"$out/results.tsv"
{
  echo "webhook-load: $(date -u +%FT%TZ)  cores: $(nproc)  load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "pairs=$pairs rate=$rate paced=${paced}s saturation=${saturation}s connections=$connections paced-connections=$paced_connections users=$users"
  echo "bot: $bot_jar  minimal: $minimal_jar  jvm args: ${jvm_args[*]:-none}"
} | tee "$out/report.txt"
head -1 "$out/results.tsv"
for pair in $(seq "$pairs"); do
  for kind in ${bots//,/ }; do
    run="$kind-$pair"
    start_app "$kind" "$run"
    phase "$run" warm-up 0 "$warm_up" 16
    phase "$run" paced "$rate" "$paced" "$paced_connections"
    phase "$run" saturation 0 "$saturation" "$connections"
    stop_app
  done
done

# Medians per bot and phase, and the median over pairs of bot/minimal ratios.
awk -F'\t' '
  NR == 1 { next }
  { key = $1 "\t" $3; n[key]++; ack[key, n[key]] = $7; p50[key, n[key]] = $8; p99[key, n[key]] = $10;
    ans[key, n[key]] = $15; cpu[key, n[key]] = $17; ok[key] += ($16 == "yes");
    pa[$3, $2, $1] = $7; pn[$3, $2, $1] = $15; pairs[$2] = 1 }
  function median(a, key, count,    v, i, j, t) {
    for (i = 1; i <= count; i++) v[i] = a[key, i] + 0
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
  }
  END {
    print "\nmedians over runs (bot, phase: ack/s, p50 ms, p99 ms, answered/s, app CPU ms per webhook, runs with every event answered)"
    for (key in n) printf "%-22s ack/s %7.0f  p50 %6.2f  p99 %7.2f  answered/s %7.0f  cpu %6.3f ms  all answered %d/%d\n",
      key, median(ack, key, n[key]), median(p50, key, n[key]), median(p99, key, n[key]), median(ans, key, n[key]),
      median(cpu, key, n[key]), ok[key], n[key]
    split("paced saturation", names, " ")
    for (k = 1; k <= 2; k++) {
      c = 0
      for (p in pairs) if ((names[k], p, "bot") in pa && (names[k], p, "minimal") in pa && pa[names[k], p, "minimal"] > 0) {
        c++; ra[names[k], c] = pa[names[k], p, "bot"] / pa[names[k], p, "minimal"]
        rn[names[k], c] = pn[names[k], p, "minimal"] > 0 ? pn[names[k], p, "bot"] / pn[names[k], p, "minimal"] : 0
      }
      if (c) printf "%s: median ratio bot/minimal over %d pairs: ack/s %.2f, answered/s %.2f\n", names[k], c, median(ra, names[k], c), median(rn, names[k], c)
    }
  }' "$out/results.tsv" | tee -a "$out/report.txt"
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/report.txt"
