package dev.skyfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every resource of every rendered overlay, and the compose file, against the schemas in deploy/schemas. */
class ManifestSchemaTests {

    @TestFactory
    Stream<DynamicTest> everyResourceOfEveryOverlayMatchesItsSchema() {
        return Rendered.OVERLAYS.stream().flatMap(overlay -> Rendered.overlay(overlay).stream()
                .map(resource -> DynamicTest.dynamicTest(overlay + ": " + resource.get("kind") + " "
                        + Rendered.name(resource), () -> assertThat(Schemas.get().validate(resource))
                                .as("schema errors").isEmpty())));
    }

    @Test
    void overlaysRenderTheWholeDeployment() {
        for (String overlay : Rendered.OVERLAYS) {
            Map<String, Integer> kinds = new LinkedHashMap<>();
            Rendered.overlay(overlay).forEach(r -> kinds.merge((String) r.get("kind"), 1, Integer::sum));
            assertThat(kinds).as(overlay).containsKeys("Namespace", "Kafka", "KafkaNodePool", "KafkaTopic", "Cluster",
                    "Deployment", "StatefulSet", "Service", "ConfigMap", "ServiceAccount", "PodDisruptionBudget",
                    "HorizontalPodAutoscaler", "NetworkPolicy");
        }
    }

    @Test
    void composeFileMatchesTheComposeSpecification() {
        assertThat(Schemas.get().validateCompose(YamlDocs.readMap(Repo.compose()))).isEmpty();
    }

    @Test
    void schemaValidationRejectsAMisspelledDeploymentField() {
        Map<String, Object> deployment = YamlDocs.deepCopy(Rendered.named("dev", "Deployment", "catalog-service"));
        Map<String, Object> container = YamlDocs.asMap(YamlDocs.asList(
                YamlDocs.at(deployment, "spec", "template", "spec", "containers"), "containers").get(0), "container");
        container.put("readinesProbe", container.remove("readinessProbe"));
        assertThat(Schemas.get().validate(deployment)).anySatisfy(e -> assertThat(e).contains("readinesProbe"));
    }

    @Test
    void schemaValidationRejectsWrongTypesInCustomResources() {
        Map<String, Object> topic = YamlDocs.deepCopy(Rendered.named("dev", "KafkaTopic", "skyfleet.offers.v1"));
        YamlDocs.asMap(topic.get("spec"), "spec").put("partitions", "six");
        assertThat(Schemas.get().validate(topic)).anySatisfy(e -> assertThat(e).contains("partitions"));

        Map<String, Object> cluster = YamlDocs.deepCopy(Rendered.named("dev", "Cluster", "catalog-db"));
        YamlDocs.asMap(cluster.get("spec"), "spec").put("instanceCount", 3);
        assertThat(Schemas.get().validate(cluster)).anySatisfy(e -> assertThat(e).contains("instanceCount"));

        Map<String, Object> kafka = YamlDocs.deepCopy(Rendered.named("production", "Kafka", "skyfleet"));
        Map<String, Object> listener = YamlDocs.asMap(YamlDocs.asList(YamlDocs.at(kafka, "spec", "kafka", "listeners"),
                "listeners").get(0), "listener");
        listener.put("type", "public");
        assertThat(Schemas.get().validate(kafka)).anySatisfy(e -> assertThat(e).contains("type"));
    }

    @Test
    void composeValidationRejectsAnUnknownServiceKey() {
        Map<String, Object> compose = YamlDocs.readMap(Repo.compose());
        Map<String, Object> service = YamlDocs.asMap(YamlDocs.at(compose, "services", "catalog-service"), "service");
        service.put("healthchek", service.get("healthcheck"));
        List<String> errors = new ArrayList<>(Schemas.get().validateCompose(compose));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("healthchek"));
    }

    @Test
    void schemaFilesAreExactlyWhatGenerateShProduced() throws Exception {
        java.nio.file.Path dir = Repo.schemas();
        List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("SHA256SUMS"));
        assertThat(lines).hasSizeGreaterThanOrEqualTo(15);
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        for (String line : lines) {
            String[] parts = line.split("\\s+", 2);
            byte[] digest = sha.digest(java.nio.file.Files.readAllBytes(dir.resolve(parts[1])));
            assertThat(java.util.HexFormat.of().formatHex(digest)).as(parts[1]).isEqualTo(parts[0]);
        }
    }

    @Test
    void resourcesWithoutASchemaAreReportedNotSkipped() {
        Map<String, Object> unknown = Map.of("apiVersion", "example.com/v1", "kind", "Widget", "metadata",
                Map.of("name", "w"));
        assertThat(Schemas.get().validate(unknown)).containsExactly("no schema for example.com/v1 Widget");
    }
}
