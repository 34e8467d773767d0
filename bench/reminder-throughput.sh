#!/usr/bin/env bash
# Benchmark (not a test): the time from a deadline reminder's trigger firing to the last multicast
# reaching the stub LINE API, for 5,000 agencies x 3 linked staff that have not submitted. The app
# runs in this JVM on an embedded Redis; the stub answers at once.
# Usage: bench/reminder-throughput.sh [--agencies 5000] [--staff 3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  th.or.dga.budgetbot.alert.ReminderThroughputBenchmark "$@"
