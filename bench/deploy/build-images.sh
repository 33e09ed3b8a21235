#!/usr/bin/env bash
# Builds the four service images as OCI image tarballs with Jib, without a Docker daemon:
#   bench/deploy/build-images.sh                 # base image assembled from Debian packages (no registry needed)
#   SKYFLEET_BASE_IMAGE=eclipse-temurin:17-jre bench/deploy/build-images.sh   # base pulled from a registry
# Output: target/images/<service>.tar (load with `docker load -i`, `podman load -i`, or push with
# `skopeo copy oci-archive:target/images/provisioner.tar docker://<registry>/skyfleet/provisioner:<tag>`).
# Prints the time and size of every step. Not part of CI: the Debian base takes minutes the first time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/target/images"
WORK="$ROOT/target/image-work"
TAG="${SKYFLEET_IMAGE_TAG:-0.1.0-SNAPSHOT}"
BASE="${SKYFLEET_BASE_IMAGE:-}"
mkdir -p "$OUT" "$WORK"
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# 1. jib-core (the library inside io.quarkus:quarkus-container-image-jib 3.29.4) from Maven
if [ ! -s "$WORK/jib-classpath.txt" ]; then
  mkdir -p "$WORK/jib"
  cat > "$WORK/jib/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>jib-classpath</artifactId><version>1</version>
  <dependencies><dependency><groupId>com.google.cloud.tools</groupId><artifactId>jib-core</artifactId>
    <version>0.27.3</version></dependency></dependencies>
</project>
POM
  (cd "$WORK/jib" && "$ROOT/mvnw" -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/jib-classpath.txt")
fi

# 2. the base image: Debian bookworm + OpenJDK 17 JRE from Debian's packages, user 185, as a docker-archive tarball
if [ -z "$BASE" ]; then
  BASE_TAR="$WORK/base-jre17-bookworm.tar"
  if [ ! -s "$BASE_TAR" ]; then
    t=$(now)
    command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
    ROOTFS="$WORK/rootfs"
    rm -rf "$ROOTFS"
    debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates,curl \
      bookworm "$ROOTFS" "${SKYFLEET_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$WORK/debootstrap.log"
    chroot "$ROOTFS" /bin/sh -c 'apt-get clean; rm -rf /var/lib/apt/lists/* /usr/share/doc /usr/share/man'
    echo 'skyfleet:x:185:0:skyfleet:/deployments:/usr/sbin/nologin' >>"$ROOTFS/etc/passwd"
    mkdir -p "$ROOTFS/deployments" "$ROOTFS/var/lib/skyfleet/snapshots"
    chown 185:0 "$ROOTFS/deployments" "$ROOTFS/var/lib/skyfleet/snapshots"
    python3 "$ROOT/bench/deploy/docker_archive.py" "$ROOTFS" "$BASE_TAR" "skyfleet/jre17-base:bookworm"
    rm -rf "$ROOTFS"
    echo "base image $BASE_TAR: $(du -h "$BASE_TAR" | cut -f1) in $(elapsed "$t") s"
  fi
  BASE="tar://$BASE_TAR"
fi

# 3. each service: Quarkus fast-jar (built if missing), then Jib
declare -A PORTS=([provisioner]=8080 [catalog-service]=8081 [config-generator]=8082 [inventory-poller]=8083)
for service in ${SKYFLEET_IMAGE_SERVICES:-inventory-poller catalog-service config-generator provisioner}; do
  if [ ! -s "$ROOT/$service/target/quarkus-app/quarkus-run.jar" ]; then
    t=$(now)
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl "$service")
    echo "$service: packaged in $(elapsed "$t") s"
  fi
  # a private copy, so a build of the module running meanwhile cannot change the files under Jib
  rm -rf "$WORK/app-$service" && cp -r "$ROOT/$service/target/quarkus-app" "$WORK/app-$service"
  java -cp "$(cat "$WORK/jib-classpath.txt")" "$ROOT/bench/deploy/ImageBuilder.java" "$service" "${PORTS[$service]}" \
    "$WORK/app-$service" "$BASE" "$OUT/$service.tar" "skyfleet/$service:$TAG" "$WORK/jib-cache"
done
ls -l "$OUT"
