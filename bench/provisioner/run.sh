#!/usr/bin/env bash
# Provisioner benchmark: 1,000 creates from 16 concurrent clients against the sandbox simulator, through a real
# Kafka broker and a real PostgreSQL (both embedded, started by the test resources), then 1,000 terminates.
# Prints the figures between "==== provisioner benchmark" and "====".
#   bench/provisioner/run.sh [REQUESTS] [CLIENTS]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
REQUESTS=${1:-1000}
CLIENTS=${2:-16}
LOG=${TMPDIR:-/tmp}/provisioner-bench.log
cd "$ROOT/provisioner"
../mvnw -B verify -Dtest=ProvisionerBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dskyfleet.bench=true -Dskyfleet.bench.requests="$REQUESTS" -Dskyfleet.bench.clients="$CLIENTS" >"$LOG" 2>&1 \
  || { tail -n 60 "$LOG"; echo "benchmark failed; full log: $LOG" >&2; exit 1; }
sed -n '/==== provisioner benchmark/,/^====$/p' "$LOG"
