#!/usr/bin/env bash
# catalog-service benchmark: ~100k offers from Kafka into PostgreSQL, search/selection latency with 16 clients,
# 100 SSE subscribers. Usage: bench/catalog-service/run.sh [offers] [seconds-per-load-phase]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=bench/catalog-service/target
mkdir -p "$OUT/classes"
if [ ! -f catalog-service/target/quarkus-app/quarkus-run.jar ] || [ "${SKYFLEET_BENCH_REBUILD:-0}" = 1 ]; then
  ./mvnw -B -q install -DskipTests -f catalog-service/pom.xml
fi
./mvnw -B -q dependency:build-classpath -f catalog-service/pom.xml -Dmdep.includeScope=test \
  -Dmdep.outputFile="$ROOT/$OUT/cp.txt" >/dev/null
CP="catalog-service/target/classes:$(cat "$OUT/cp.txt")"
javac -d "$OUT/classes" -cp "$CP" bench/catalog-service/src/dev/skyfleet/bench/CatalogBench.java
exec java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Djava.io.tmpdir="$ROOT/$OUT" \
  -cp "$OUT/classes:$CP" dev.skyfleet.bench.CatalogBench \
  catalog-service/target/quarkus-app/quarkus-run.jar "$OUT" "${1:-100000}" "${2:-20}"
