package dev.skyfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.messaging.TopicSpec;
import dev.skyfleet.messaging.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The KafkaTopic resources and the Kafka cluster agree with libs/messaging and with the services. */
class TopicManifestTests {

    private static List<TopicSpec> expectedTopics() {
        List<TopicSpec> all = new ArrayList<>(Topics.ALL);
        Topics.ALL.forEach(t -> all.add(t.deadLetter()));
        return all;
    }

    private static int brokers(String overlay) {
        return Rendered.ofKind(overlay, "KafkaNodePool").stream()
                .filter(p -> YamlDocs.asList(YamlDocs.at(p, "spec", "roles"), "roles").contains("broker"))
                .mapToInt(p -> ((Number) YamlDocs.at(p, "spec", "replicas")).intValue()).sum();
    }

    @Test
    void everyTopicAndItsDeadLetterTopicHasAKafkaTopicMatchingItsSpec() {
        for (String overlay : Rendered.OVERLAYS) {
            Map<String, Map<String, Object>> topics = new TreeMap<>();
            Rendered.ofKind(overlay, "KafkaTopic").forEach(t -> topics.put(YamlDocs.at(t, "spec", "topicName"), t));
            assertThat(topics.keySet()).as(overlay)
                    .containsExactlyInAnyOrderElementsOf(expectedTopics().stream().map(TopicSpec::name).toList());
            for (TopicSpec spec : expectedTopics()) {
                Map<String, Object> topic = topics.get(spec.name());
                assertThat(YamlDocs.<Object>at(topic, "spec", "partitions")).as(spec.name())
                        .isEqualTo(spec.partitions());
                Map<String, String> config = new TreeMap<>();
                YamlDocs.asMap(YamlDocs.at(topic, "spec", "config"), "config")
                        .forEach((k, v) -> config.put(k, String.valueOf(v)));
                assertThat(config).as(overlay + " " + spec.name()).isEqualTo(new TreeMap<>(spec.configs()));
                assertThat(YamlDocs.<String>at(topic, "metadata", "labels", "strimzi.io/cluster")).isEqualTo("skyfleet");
            }
        }
    }

    @Test
    void replicationFitsTheBrokersAndToleratesOneBrokerDownInProduction() {
        for (String overlay : Rendered.OVERLAYS) {
            int brokers = brokers(overlay);
            Map<String, Object> config = YamlDocs.at(Rendered.named(overlay, "Kafka", "skyfleet"), "spec", "kafka",
                    "config");
            int minIsr = ((Number) config.get("min.insync.replicas")).intValue();
            for (Map<String, Object> topic : Rendered.ofKind(overlay, "KafkaTopic")) {
                int replicas = ((Number) YamlDocs.at(topic, "spec", "replicas")).intValue();
                assertThat(replicas).as(overlay).isBetween(1, brokers);
                assertThat(minIsr).as(overlay).isLessThanOrEqualTo(replicas);
            }
            int defaultRf = ((Number) config.get("default.replication.factor")).intValue();
            String servicesRf = YamlDocs.at(Rendered.named(overlay, "ConfigMap", "skyfleet-shared"), "data",
                    "SKYFLEET_KAFKA_REPLICATION_FACTOR");
            assertThat(Integer.parseInt(servicesRf)).as("topics the services create use the cluster's factor")
                    .isEqualTo(defaultRf);
            assertThat(config.get("auto.create.topics.enable")).isEqualTo(false);
        }
        assertThat(brokers("production")).isGreaterThanOrEqualTo(3);
        Map<String, Object> production = YamlDocs.at(Rendered.named("production", "Kafka", "skyfleet"), "spec", "kafka",
                "config");
        assertThat(((Number) production.get("min.insync.replicas")).intValue())
                .isLessThan(((Number) production.get("default.replication.factor")).intValue());
    }

    @Test
    void productionRunsKraftWithDedicatedControllers() {
        Map<String, Object> kafka = Rendered.named("production", "Kafka", "skyfleet");
        assertThat(YamlDocs.<Map<String, Object>>at(kafka, "metadata", "annotations"))
                .containsEntry("strimzi.io/kraft", "enabled").containsEntry("strimzi.io/node-pools", "enabled");
        Set<String> roles = new TreeSet<>();
        for (Map<String, Object> pool : Rendered.ofKind("production", "KafkaNodePool")) {
            List<Object> poolRoles = YamlDocs.asList(YamlDocs.at(pool, "spec", "roles"), "roles");
            assertThat(poolRoles).hasSize(1);
            roles.add((String) poolRoles.get(0));
            assertThat(((Number) YamlDocs.at(pool, "spec", "replicas")).intValue()).isGreaterThanOrEqualTo(3);
        }
        assertThat(roles).containsExactly("broker", "controller");
    }

    @Test
    void everyTopicTheServicesNameExistsInEveryOverlay() {
        Set<String> named = new TreeSet<>();
        for (String service : Repo.SERVICES) {
            ServiceConfig.of(service).properties().forEach((key, value) -> {
                if (key.startsWith("mp.messaging.") && (key.endsWith(".topic") || key.endsWith("dead-letter-queue.topic"))
                        && !value.contains("${")) {
                    named.add(value);
                }
            });
        }
        assertThat(named).isNotEmpty();
        for (String overlay : Rendered.OVERLAYS) {
            Set<String> present = new TreeSet<>();
            Rendered.ofKind(overlay, "KafkaTopic").forEach(t -> present.add(YamlDocs.at(t, "spec", "topicName")));
            assertThat(present).as(overlay).containsAll(named);
        }
    }

    @Test
    void servicesBootstrapFromTheKafkaListener() {
        for (String overlay : Rendered.OVERLAYS) {
            Map<String, Object> kafka = Rendered.named(overlay, "Kafka", "skyfleet");
            Map<String, Object> listener = YamlDocs.asMap(YamlDocs.asList(YamlDocs.at(kafka, "spec", "kafka",
                    "listeners"), "listeners").get(0), "listener");
            String expected = Rendered.name(kafka) + "-kafka-bootstrap:" + listener.get("port");
            assertThat(YamlDocs.<String>at(Rendered.named(overlay, "ConfigMap", "skyfleet-shared"), "data",
                    "KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(expected);
        }
        Map<String, Object> compose = YamlDocs.readMap(Repo.compose());
        String advertised = YamlDocs.at(compose, "services", "kafka", "environment", "KAFKA_ADVERTISED_LISTENERS");
        for (String service : Repo.SERVICES) {
            String bootstrap = String.valueOf(DeployedEnvironment.compose(service).get("KAFKA_BOOTSTRAP_SERVERS"));
            assertThat(advertised).isEqualTo("PLAINTEXT://" + bootstrap);
        }
    }
}
