package dev.skyfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What the issue asks of every workload, checked on the rendered overlays and on the compose file. */
class ManifestPolicyTests {
    private static final Map<String, String> PORT_VARIABLES = Map.of("provisioner", "PROVISIONER_PORT",
            "catalog-service", "CATALOG_PORT", "config-generator", "GENERATOR_PORT", "inventory-poller", "POLLER_PORT");

    private static Map<String, Object> podSpec(Map<String, Object> workload) {
        return YamlDocs.at(workload, "spec", "template", "spec");
    }

    private static Map<String, Object> podLabels(Map<String, Object> workload) {
        return YamlDocs.at(workload, "spec", "template", "metadata", "labels");
    }

    private static boolean selects(Map<String, Object> matchLabels, Map<String, Object> labels) {
        return matchLabels != null && !matchLabels.isEmpty()
                && matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    @Test
    void everyServiceIsProbedOnQuarkusHealthAndRunsNonRootWithLimits() {
        for (String overlay : Rendered.OVERLAYS) {
            for (String service : Repo.SERVICES) {
                Map<String, Object> workload = DeployedEnvironment.workload(overlay, service);
                Map<String, Object> container = DeployedEnvironment.container(workload);
                String where = overlay + " " + service;
                assertThat(YamlDocs.<String>at(container, "readinessProbe", "httpGet", "path")).as(where)
                        .isEqualTo("/q/health/ready");
                assertThat(YamlDocs.<String>at(container, "livenessProbe", "httpGet", "path")).as(where)
                        .isEqualTo("/q/health/live");
                assertThat(YamlDocs.<String>at(container, "startupProbe", "httpGet", "path")).as(where)
                        .isEqualTo("/q/health/started");
                for (String kind : List.of("requests", "limits")) {
                    assertThat(YamlDocs.<Map<String, Object>>at(container, "resources", kind)).as(where + " " + kind)
                            .containsKeys("cpu", "memory");
                }
                assertThat(YamlDocs.<Object>at(podSpec(workload), "securityContext", "runAsNonRoot")).isEqualTo(true);
                assertThat(YamlDocs.<Object>at(container, "securityContext", "allowPrivilegeEscalation"))
                        .isEqualTo(false);
                assertThat(YamlDocs.<Object>at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
                assertThat(YamlDocs.<List<Object>>at(container, "securityContext", "capabilities", "drop"))
                        .contains("ALL");
                assertThat(podSpec(workload).get("automountServiceAccountToken")).isEqualTo(false);
                String account = (String) podSpec(workload).get("serviceAccountName");
                assertThat(Rendered.named(overlay, "ServiceAccount", account)).isNotNull();
                Map<String, Object> port = YamlDocs.asMap(YamlDocs.asList(container.get("ports"), "ports").get(0),
                        "port");
                assertThat(port.get("name")).isEqualTo("http");
                assertThat(String.valueOf(port.get("containerPort"))).as(where).isEqualTo(
                        DeployedEnvironment.kubernetes(overlay, service).get(PORT_VARIABLES.get(service)));
            }
        }
    }

    @Test
    void servicesAndDisruptionBudgetsSelectTheirWorkloads() {
        for (String overlay : Rendered.OVERLAYS) {
            for (String service : Repo.SERVICES) {
                Map<String, Object> labels = podLabels(DeployedEnvironment.workload(overlay, service));
                Map<String, Object> svc = Rendered.named(overlay, "Service", service);
                assertThat(selects(YamlDocs.at(svc, "spec", "selector"), labels)).as(overlay + " " + service).isTrue();
                Map<String, Object> pdb = Rendered.named(overlay, "PodDisruptionBudget", service);
                assertThat(selects(YamlDocs.at(pdb, "spec", "selector", "matchLabels"), labels)).isTrue();
            }
        }
    }

    @Test
    void catalogServiceAndProvisionerAutoscaleWithinTheOffersPartitions() {
        int partitions = dev.skyfleet.messaging.Topics.OFFERS.partitions();
        for (String overlay : Rendered.OVERLAYS) {
            Set<String> scaled = new TreeSet<>();
            for (Map<String, Object> hpa : Rendered.ofKind(overlay, "HorizontalPodAutoscaler")) {
                String target = YamlDocs.at(hpa, "spec", "scaleTargetRef", "name");
                assertThat(Rendered.named(overlay, YamlDocs.at(hpa, "spec", "scaleTargetRef", "kind"), target)).isNotNull();
                int max = ((Number) YamlDocs.at(hpa, "spec", "maxReplicas")).intValue();
                int min = ((Number) YamlDocs.at(hpa, "spec", "minReplicas")).intValue();
                assertThat(max).isBetween(min, partitions);
                scaled.add(target);
            }
            assertThat(scaled).as(overlay).containsExactly("catalog-service", "provisioner");
        }
    }

    @Test
    void catalogOfferConsumersAtTheMinimumReplicasFitTheOffersPartitions() {
        int partitions = dev.skyfleet.messaging.Topics.OFFERS.partitions();
        for (String overlay : Rendered.OVERLAYS) {
            int consumers = Integer.parseInt(DeployedEnvironment.kubernetes(overlay, "catalog-service")
                    .get("SKYFLEET_CATALOG_OFFER_CONSUMERS"));
            int minReplicas = ((Number) YamlDocs.at(Rendered.named(overlay, "HorizontalPodAutoscaler",
                    "catalog-service"), "spec", "minReplicas")).intValue();
            assertThat(minReplicas * consumers).as(overlay).isLessThanOrEqualTo(partitions);
        }
        assertThat(Integer.parseInt(String.valueOf(DeployedEnvironment.compose("catalog-service")
                .get("SKYFLEET_CATALOG_OFFER_CONSUMERS")))).isLessThanOrEqualTo(partitions);
    }

    @Test
    void configGeneratorKeepsItsRepositoryOnAPersistentVolume() {
        for (String overlay : Rendered.OVERLAYS) {
            Map<String, Object> generator = Rendered.named(overlay, "StatefulSet", "config-generator");
            String claim = YamlDocs.at(YamlDocs.asList(YamlDocs.at(generator, "spec", "volumeClaimTemplates"), "vct")
                    .get(0), "metadata", "name");
            String repository = DeployedEnvironment.kubernetes(overlay, "config-generator")
                    .get("SKYFLEET_GENERATOR_REPO_DIR");
            boolean mounted = YamlDocs.asList(DeployedEnvironment.container(generator).get("volumeMounts"), "mounts")
                    .stream().map(m -> YamlDocs.asMap(m, "mount"))
                    .anyMatch(m -> claim.equals(m.get("name")) && repository.startsWith(m.get("mountPath") + "/"));
            assertThat(mounted).as(overlay + ": repository " + repository + " on volume " + claim).isTrue();
        }
        Map<String, Object> compose = YamlDocs.readMap(Repo.compose());
        List<Object> volumes = YamlDocs.at(compose, "services", "config-generator", "volumes");
        String repository = String.valueOf(DeployedEnvironment.compose("config-generator")
                .get("SKYFLEET_GENERATOR_REPO_DIR"));
        assertThat(volumes).anySatisfy(v -> {
            String[] parts = String.valueOf(v).split(":");
            assertThat(YamlDocs.<Object>at(compose, "volumes")).asInstanceOf(
                    org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey(parts[0]);
            assertThat(repository).startsWith(parts[1] + "/");
        });
    }

    @Test
    void databaseSettingsPointAtTheClusterAndItsGeneratedSecret() {
        for (String overlay : Rendered.OVERLAYS) {
            for (String service : List.of("catalog-service", "provisioner")) {
                Map<String, String> env = DeployedEnvironment.kubernetes(overlay, service);
                URI reactive = URI.create(env.get("SKYFLEET_DB_REACTIVE_URL"));
                URI jdbc = URI.create(env.get("SKYFLEET_DB_JDBC_URL").substring("jdbc:".length()));
                assertThat(jdbc.getHost()).isEqualTo(reactive.getHost());
                assertThat(jdbc.getPath()).isEqualTo(reactive.getPath());
                assertThat(reactive.getHost()).endsWith("-rw");
                String cluster = reactive.getHost().substring(0, reactive.getHost().length() - "-rw".length());
                Map<String, Object> db = Rendered.named(overlay, "Cluster", cluster);
                assertThat("/" + YamlDocs.at(db, "spec", "bootstrap", "initdb", "database")).isEqualTo(reactive.getPath());
                assertThat(env.get("SKYFLEET_DB_USER")).isEqualTo("secret:" + cluster + "-app/username");
                assertThat(env.get("SKYFLEET_DB_PASSWORD")).isEqualTo("secret:" + cluster + "-app/password");
            }
        }
        String initdb = readString(Repo.root().resolve("deploy/compose/initdb/01-databases.sql"));
        for (String service : List.of("catalog-service", "provisioner")) {
            URI reactive = URI.create(String.valueOf(DeployedEnvironment.compose(service).get("SKYFLEET_DB_REACTIVE_URL")));
            assertThat(reactive.getHost()).isEqualTo("postgres");
            assertThat(initdb).contains("CREATE DATABASE " + reactive.getPath().substring(1) + ";");
        }
    }

    @Test
    void networkPoliciesLetEachServiceReachItsOwnDatabaseAndNoOther() {
        for (String overlay : Rendered.OVERLAYS) {
            for (String service : Repo.SERVICES) {
                Map<String, Object> labels = podLabels(DeployedEnvironment.workload(overlay, service));
                String url = DeployedEnvironment.kubernetes(overlay, service).get("SKYFLEET_DB_REACTIVE_URL");
                String cluster = url == null ? null : URI.create(url).getHost().replaceAll("-rw$", "");
                Map<String, Object> own = Rendered.named(overlay, "NetworkPolicy", service);
                String egress = YamlDocs.toJson(YamlDocs.at(own, "spec", "egress"));
                for (Map<String, Object> db : Rendered.ofKind(overlay, "Cluster")) {
                    String name = Rendered.name(db);
                    boolean mine = name.equals(cluster);
                    assertThat(egress.contains("\"cnpg.io/cluster\":\"" + name + "\"")).as(overlay + " " + service
                            + " egress to " + name).isEqualTo(mine);
                    Map<String, Object> dbPolicy = Rendered.named(overlay, "NetworkPolicy", name);
                    boolean admitted = YamlDocs.asList(YamlDocs.at(dbPolicy, "spec", "ingress"), "ingress").stream()
                            .flatMap(rule -> YamlDocs.asList(YamlDocs.asMap(rule, "rule").getOrDefault("from",
                                    List.of()), "from").stream())
                            .anyMatch(peer -> YamlDocs.at(peer, "namespaceSelector") == null
                                    && selects(YamlDocs.at(peer, "podSelector", "matchLabels"), labels));
                    assertThat(admitted).as(overlay + " " + name + " admits " + service).isEqualTo(mine);
                }
            }
        }
    }

    @Test
    void onlyCloudNativePgSecretsAreMandatoryEveryOtherSecretIsOptional() {
        for (String overlay : Rendered.OVERLAYS) {
            for (String service : Repo.SERVICES) {
                Object env = DeployedEnvironment.container(DeployedEnvironment.workload(overlay, service)).get("env");
                for (Object raw : YamlDocs.asList(env, "env")) {
                    Map<String, Object> ref = YamlDocs.at(raw, "valueFrom", "secretKeyRef");
                    if (ref == null) {
                        continue;
                    }
                    String name = (String) ref.get("name");
                    boolean generated = name.endsWith("-app") && Rendered.ofKind(overlay, "Cluster").stream()
                            .anyMatch(c -> (Rendered.name(c) + "-app").equals(name));
                    assertThat(generated || Boolean.TRUE.equals(ref.get("optional"))).as(overlay + " " + service + " "
                            + name).isTrue();
                }
            }
        }
    }

    @Test
    void networkPoliciesDenyByDefaultAndCoverEveryService() {
        for (String overlay : Rendered.OVERLAYS) {
            List<Map<String, Object>> policies = Rendered.ofKind(overlay, "NetworkPolicy");
            assertThat(policies).anySatisfy(p -> {
                assertThat(YamlDocs.<Map<String, Object>>at(p, "spec", "podSelector")).isEmpty();
                assertThat(YamlDocs.<Object>at(p, "spec", "ingress")).isNull();
            });
            for (String service : Repo.SERVICES) {
                Map<String, Object> labels = podLabels(DeployedEnvironment.workload(overlay, service));
                List<Map<String, Object>> own = policies.stream()
                        .filter(p -> selects(YamlDocs.at(p, "spec", "podSelector", "matchLabels"), labels)).toList();
                assertThat(own).as(overlay + " " + service).hasSize(1);
                List<Object> types = YamlDocs.at(own.get(0), "spec", "policyTypes");
                assertThat(types).containsExactlyInAnyOrder("Ingress", "Egress");
                String port = DeployedEnvironment.kubernetes(overlay, service).get(PORT_VARIABLES.get(service));
                String ingress = YamlDocs.toJson(YamlDocs.at(own.get(0), "spec", "ingress"));
                assertThat(ingress).contains("\"port\":" + port);
            }
            Map<String, Object> kafka = Rendered.named(overlay, "Kafka", "skyfleet");
            String peers = YamlDocs.toJson(YamlDocs.at(kafka, "spec", "kafka", "listeners"));
            for (String service : Repo.SERVICES) {
                podLabels(DeployedEnvironment.workload(overlay, service)).forEach((k, v) -> {
                    if (peers.contains("\"" + k + "\"")) {
                        assertThat(peers).contains("\"" + k + "\":\"" + v + "\"");
                    }
                });
                assertThat(podLabels(DeployedEnvironment.workload(overlay, service)))
                        .containsEntry("skyfleet.dev/kafka-client", "true");
            }
        }
    }

    @Test
    void composeRunsEveryServiceWithAHealthCheckItsPortAndNamedVolumes() {
        Map<String, Object> compose = YamlDocs.readMap(Repo.compose());
        assertThat(YamlDocs.<Map<String, Object>>at(compose, "volumes")).containsKeys("kafka-data", "postgres-data",
                "snapshots");
        for (String service : List.of("kafka", "postgres", "inventory-poller", "catalog-service", "config-generator",
                "provisioner")) {
            assertThat(YamlDocs.<List<Object>>at(compose, "services", service, "healthcheck", "test")).as(service)
                    .isNotEmpty();
        }
        for (String service : Repo.SERVICES) {
            String port = String.valueOf(DeployedEnvironment.compose(service).get(PORT_VARIABLES.get(service)));
            List<Object> ports = YamlDocs.at(compose, "services", service, "ports");
            assertThat(ports).containsExactly(port + ":" + port);
            String health = YamlDocs.toJson(YamlDocs.at(compose, "services", service, "healthcheck", "test"));
            assertThat(health).contains("127.0.0.1:" + port + "/q/health/ready");
        }
        assertThat(YamlDocs.<List<Object>>at(compose, "services", "kafka", "volumes")).anySatisfy(v ->
                assertThat(String.valueOf(v)).startsWith("kafka-data:"));
        assertThat(YamlDocs.<List<Object>>at(compose, "services", "postgres", "volumes")).anySatisfy(v ->
                assertThat(String.valueOf(v)).startsWith("postgres-data:"));
    }

    @Test
    void composeAndEveryOverlayRunTheSameImageOfEachService() {
        Map<String, Object> compose = YamlDocs.readMap(Repo.compose());
        for (String service : Repo.SERVICES) {
            String composeImage = YamlDocs.at(compose, "services", service, "image");
            assertThat(composeImage).startsWith("skyfleet/" + service + ":");
            for (String overlay : Rendered.OVERLAYS) {
                String image = (String) DeployedEnvironment.container(DeployedEnvironment.workload(overlay, service))
                        .get("image");
                assertThat(image).as(overlay).matches("(.+/)?skyfleet/" + java.util.regex.Pattern.quote(service)
                        + ":[\\w.-]+");
            }
        }
    }

    @Test
    void providerCredentialsArePassedThroughFromTheHostNeverWrittenDown() {
        for (String service : Repo.SERVICES) {
            DeployedEnvironment.compose(service).forEach((name, value) -> {
                if (name.matches(".*(API_KEY|PASSWORD|SECRET.*|TOKEN|USERNAME)$") && !name.startsWith("SKYFLEET_DB_")) {
                    assertThat(value).as(service + " " + name).isNull();
                }
            });
        }
    }

    private static String readString(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
