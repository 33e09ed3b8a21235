#!/usr/bin/env bash
# Foundation figures: build time, test-suite wall time, `./skyfleet up` time to all-healthy, and the resident
# memory of every process after start. Runs in a fresh clone so nothing of the working tree is reused.
#
#   bench/foundation/measure.sh            all figures (takes as long as a full `./mvnw verify`)
#   bench/foundation/measure.sh --no-verify   skip the test-suite run
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUN_VERIFY=1
[[ ${1:-} == --no-verify ]] && RUN_VERIFY=0

work=$(mktemp -d)
trap 'cd "$work/skyfleet" 2>/dev/null && ./skyfleet down --clean >/dev/null 2>&1; rm -rf "$work"' EXIT
git clone -q "$ROOT" "$work/skyfleet"
cd "$work/skyfleet"
export MAVEN_ARGS="-B -ntp -q"

# Runs a command quietly and prints its wall time in seconds; a failing command ends the benchmark with its log.
seconds() {
  local start=$SECONDS log
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    echo "FAILED: $*" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  echo $((SECONDS - start))
}

echo "== build (clean clone, Maven cache warm, no tests)"
build_s=$(seconds ./mvnw -DskipTests install)
echo "build: ${build_s}s"

if ((RUN_VERIFY)); then
  echo "== ./mvnw verify"
  verify_s=$(seconds ./mvnw verify)
  echo "verify: ${verify_s}s"
fi

echo "== ./skyfleet up (warm build)"
./skyfleet up >/dev/null 2>&1 || true   # first run builds the launcher classpath
./skyfleet down >/dev/null 2>&1
up_s=$(seconds ./skyfleet up)
echo "up to all-healthy: ${up_s}s"
./skyfleet status

echo "== resident memory after start"
for f in .skyfleet/run/*.pid; do
  name=$(basename "$f" .pid)
  pid=$(<"$f")
  printf '%-18s %8s MiB\n' "$name" $(( $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024 ))
done
pg_total=0
for pid in $(pgrep -f "$PWD/.skyfleet/data/postgres" || true); do
  pg_total=$((pg_total + $(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
done
printf '%-18s %8s MiB (all postgres processes)\n' postgres $((pg_total / 1024))
