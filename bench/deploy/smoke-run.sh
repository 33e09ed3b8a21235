#!/usr/bin/env bash
# Runs the built images without a container runtime, against a real (embedded) Kafka and PostgreSQL:
#   bench/deploy/smoke-run.sh [service ...]      (default: every image in target/images)
# For each image: unpack target/images/<service>.tar into a root filesystem, start its entrypoint under chroot
# as the image's user on the host network, wait for /q/health/live and /q/health/ready to answer UP, print
# the times and the JVM's resident memory, stop it. Kafka and PostgreSQL come from libs/testing's LocalInfra
# on 127.0.0.1:29092 / 127.0.0.1:25432; the services listen on 2808x. Needs root (chroot, mount /proc) and
# `./mvnw install` of libs/testing. All traffic stays on 127.0.0.1.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$ROOT/target/image-work"
KAFKA_PORT=29092; PG_PORT=25432
declare -A PORT_VAR=([provisioner]=PROVISIONER_PORT [catalog-service]=CATALOG_PORT [config-generator]=GENERATOR_PORT [inventory-poller]=POLLER_PORT)
declare -A PORT=([provisioner]=28080 [catalog-service]=28081 [config-generator]=28082 [inventory-poller]=28083)
declare -A DB=([provisioner]=provisioner [catalog-service]=catalog)
SERVICES=("$@")
if [ ${#SERVICES[@]} -eq 0 ]; then
  for f in "$ROOT"/target/images/*.tar; do SERVICES+=("$(basename "$f" .tar)"); done
fi
mkdir -p "$WORK"
secs() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
INFRA_PID=""; PID=""; FS=""
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  if [ -n "$FS" ] && mountpoint -q "$FS/proc"; then umount "$FS/proc" || true; fi
  if [ -n "$INFRA_PID" ]; then kill "$INFRA_PID" 2>/dev/null || true; wait "$INFRA_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [ ! -s "$WORK/infra-classpath.txt" ]; then
  mkdir -p "$WORK/infra"
  cat > "$WORK/infra/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <parent><groupId>dev.skyfleet</groupId><artifactId>skyfleet-parent</artifactId><version>0.1.0-SNAPSHOT</version></parent>
  <artifactId>smoke-infra-classpath</artifactId>
  <dependencies><dependency><groupId>dev.skyfleet</groupId><artifactId>skyfleet-testing</artifactId><version>${project.version}</version></dependency></dependencies>
</project>
POM
  (cd "$WORK/infra" && "$ROOT/mvnw" -q -B dependency:build-classpath -Dmdep.includeScope=runtime \
     -Dmdep.outputFile="$WORK/infra-classpath.txt")
fi
rm -rf "$WORK/infra-data"
: >"$WORK/infra.log"
t=$(date +%s.%N)
java -Xmx768m -cp "$(cat "$WORK/infra-classpath.txt")" dev.skyfleet.testing.LocalInfra "$WORK/infra-data" \
  "$KAFKA_PORT" "$PG_PORT" catalog provisioner >"$WORK/infra.log" 2>&1 &
INFRA_PID=$!
until grep -q '^READY$' "$WORK/infra.log"; do
  kill -0 "$INFRA_PID" 2>/dev/null || { tail -20 "$WORK/infra.log"; exit 1; }
  sleep 0.5
done
echo "infra: Kafka 127.0.0.1:$KAFKA_PORT and PostgreSQL 127.0.0.1:$PG_PORT ready in $(secs "$t") s"

for SERVICE in "${SERVICES[@]}"; do
  FS="$WORK/smoke-$SERVICE"
  rm -rf "$FS"
  SPEC="$(python3 "$ROOT/bench/deploy/oci_unpack.py" "$ROOT/target/images/$SERVICE.tar" "$FS")"
  mkdir -p "$FS/proc" "$FS/tmp" && chmod 1777 "$FS/tmp" && mount -t proc proc "$FS/proc"
  mapfile -t ENTRY < <(python3 -c 'import json,sys; [print(a) for a in json.loads(sys.argv[1])["entrypoint"]]' "$SPEC")
  mapfile -t ENVS < <(python3 -c 'import json,sys; [print(a) for a in json.loads(sys.argv[1])["env"]]' "$SPEC")
  WORKDIR="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["workdir"])' "$SPEC")"
  USERID="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["user"])' "$SPEC")"
  EXTRA=("KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT" "${PORT_VAR[$SERVICE]}=${PORT[$SERVICE]}"
         "SKYFLEET_GENERATOR_REPO_DIR=/tmp/snapshots.git" "SKYFLEET_ADMIN_TOKEN_FILE=/tmp/skyfleet/admin-token")
  if [ -n "${DB[$SERVICE]:-}" ]; then
    EXTRA+=("SKYFLEET_DB_REACTIVE_URL=postgresql://127.0.0.1:$PG_PORT/${DB[$SERVICE]}"
            "SKYFLEET_DB_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/${DB[$SERVICE]}")
  fi
  t=$(date +%s.%N); live=""
  env -i "${ENVS[@]}" "${EXTRA[@]}" chroot --userspec="$USERID:0" "$FS" /bin/sh -c "cd '$WORKDIR' && exec \"\$@\"" \
    sh "${ENTRY[@]}" >"$FS.log" 2>&1 &
  PID=$!
  ok=""
  for _ in $(seq 1 240); do
    kill -0 "$PID" 2>/dev/null || { echo "$SERVICE exited; log:"; tail -20 "$FS.log"; exit 1; }
    url="http://127.0.0.1:${PORT[$SERVICE]}/q/health"
    if [ -z "$live" ] && curl -fsS "$url/live" 2>/dev/null | grep -q '"UP"'; then live=$(secs "$t"); fi
    if [ -n "$live" ] && curl -fsS "$url/ready" 2>/dev/null | grep -q '"UP"'; then ok=$(secs "$t"); break; fi
    sleep 0.5
  done
  [ -n "$ok" ] || { echo "$SERVICE: not ready within 120 s; log:"; tail -20 "$FS.log"; exit 1; }
  # chroot and sh exec into java: $PID is the JVM
  rss=$(awk '/VmRSS/ { print $2 }' "/proc/$PID/status" 2>/dev/null || echo "?")
  echo "$SERVICE: image runs as uid $USERID; live after $live s, ready after $ok s; RSS ${rss} kB"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  umount "$FS/proc"; FS=""
done
