#!/usr/bin/env bash
# config-generator benchmark: in-process generation of ~100k offers, then the packaged service end to end
# (local Kafka broker, price change -> git pull over HTTP). Usage: bench/config-generator/run.sh [--no-e2e]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=bench/config-generator/target
DATA=${SKYFLEET_BENCH_DATA:-/work/shared/reference/data/skypilot}
mkdir -p "$OUT/classes"
if [ ! -f config-generator/target/quarkus-app/quarkus-run.jar ] || [ "${SKYFLEET_BENCH_REBUILD:-0}" = 1 ]; then
  ./mvnw -B -q install -DskipTests -pl config-generator
fi
if [ ! -f "$HOME/.m2/repository/dev/skyfleet/skyfleet-providers/0.1.0-SNAPSHOT/skyfleet-providers-0.1.0-SNAPSHOT.jar" ]; then
  ./mvnw -B -q install -DskipTests -pl libs/providers
fi
./mvnw -B -q dependency:build-classpath -pl config-generator -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/$OUT/cp.txt" >/dev/null
CP="config-generator/target/classes:$HOME/.m2/repository/dev/skyfleet/skyfleet-providers/0.1.0-SNAPSHOT/skyfleet-providers-0.1.0-SNAPSHOT.jar:$(cat "$OUT/cp.txt")"
javac -d "$OUT/classes" -cp "$CP" bench/config-generator/src/dev/skyfleet/bench/GeneratorBench.java
exec java -Xmx2g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Djava.io.tmpdir="$ROOT/$OUT" -cp "$OUT/classes:$CP" dev.skyfleet.bench.GeneratorBench \
  "$DATA" config-generator/target/quarkus-app/quarkus-run.jar "${1:-}"
