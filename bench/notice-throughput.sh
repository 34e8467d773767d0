#!/usr/bin/env bash
# Benchmark (not a test): one notice to 100,000 users linked to one agency, sent by the built jar
# run as a process against an embedded Redis and the stub LINE API. Two runs: a stub that answers
# at once with the app's multicast rate out of the way (recipients handed to LINE per second), and
# a stub that refuses over 200 multicasts a second with the app at its default 200/s (the limit
# holds, no 429). Reports recipients/s, the app's peak heap, the busiest second and 429s; writes
# the report to target/bench/notice-throughput.txt and the app's logs and GC logs beside it.
# Usage: bench/notice-throughput.sh [--users N] [--warm-up N] [--runs unlimited,line-rate]
#          [--multicast-limit 200] [--xmx 1g] [--app-arg --app.notices.senders=8]... [--jvm-arg ...]...
# A warm-up notice (20,000 users by default) goes first, so the measured one runs on warm code.
# Builds the jar first if target/ has none (mvn package -DskipTests); rebuild it after changes.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ls target/budget-bot-*.jar 2>/dev/null | grep -qv '\.original$'; then
  mvn -B -q package -DskipTests
fi
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  th.or.dga.budgetbot.notice.NoticeThroughputBenchmark "$@"
