#!/usr/bin/env bash
# Inventory-poller benchmark: full GCP + Azure SkyPilot catalogs -> catalog-file reader -> poller diff -> Kafka.
# Usage: bench/inventory-poller/run.sh [DATA_DIR]   (default: /work/shared/reference/data/skypilot)
# Starts a throw-away Kafka broker in its own JVM, runs the poller path in a JVM capped at -Xmx512m, prints figures.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="${1:-/work/shared/reference/data/skypilot}"
HEAP="${SKYFLEET_BENCH_HEAP:-512m}"
WORK="$ROOT/inventory-poller/target/bench"
mkdir -p "$WORK"
cd "$ROOT"

./mvnw -B -q test-compile dependency:build-classpath -pl inventory-poller \
  -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CP="$ROOT/inventory-poller/target/test-classes:$ROOT/inventory-poller/target/classes:$(cat "$WORK/classpath.txt")"

java -Xmx1g -Djava.io.tmpdir="$WORK" -cp "$CP" dev.skyfleet.poller.bench.BenchKafka >"$WORK/kafka.log" 2>&1 &
KAFKA_PID=$!
trap 'kill $KAFKA_PID 2>/dev/null; wait $KAFKA_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q '^READY ' "$WORK/kafka.log" && break
  kill -0 $KAFKA_PID 2>/dev/null || { cat "$WORK/kafka.log"; exit 1; }
  sleep 0.5
done
BOOTSTRAP="$(grep '^READY ' "$WORK/kafka.log" | awk '{print $2}')"
[ -n "$BOOTSTRAP" ] || { echo "Kafka did not start"; cat "$WORK/kafka.log"; exit 1; }

java -Xmx"$HEAP" -XX:+UseG1GC -Djava.util.logging.manager=org.jboss.logmanager.LogManager ${SKYFLEET_BENCH_OPTS:-} -cp "$CP" dev.skyfleet.poller.bench.PollerBenchmark "$BOOTSTRAP" "$DATA"
printf '%-45s %s\n' "broker CPU time (whole run, incl. its start)" "$(ps -o cputime= -p $KAFKA_PID | tr -d ' ')"
