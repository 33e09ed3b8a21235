package dev.skyfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Compose and Kubernetes cannot drift from the services: every variable a service reads (from its
 * application.properties and its @ConfigMapping interfaces, see {@link ServiceConfig}) is set for it in
 * docker-compose.yml and in every overlay, and no Skyfleet variable is set for a service that does not read it.
 */
class ConfigDriftTests {

    @Test
    void everyServiceHasApplicationProperties() {
        for (String service : Repo.SERVICES) {
            assertThat(Files.isRegularFile(Repo.applicationProperties(service))).as(service).isTrue();
        }
    }

    @TestFactory
    Stream<DynamicTest> composeSetsEveryVariableEachServiceReads() {
        return Repo.SERVICES.stream().map(service -> DynamicTest.dynamicTest(service, () -> {
            Set<String> missing = new TreeSet<>(ServiceConfig.of(service).mustBeSet());
            missing.removeAll(DeployedEnvironment.compose(service).keySet());
            assertThat(missing).as("read by %s but not set in docker-compose.yml (add it to the service's environment there)", service).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyOverlaySetsEveryVariableEachServiceReads() {
        return Rendered.OVERLAYS.stream().flatMap(overlay -> Repo.SERVICES.stream().map(service -> DynamicTest
                .dynamicTest(overlay + ": " + service, () -> {
                    Set<String> missing = new TreeSet<>(ServiceConfig.of(service).mustBeSet());
                    missing.removeAll(DeployedEnvironment.kubernetes(overlay, service).keySet());
                    assertThat(missing).as("read by %s but not set in overlay %s (add it to the service's configMapGenerator literals in"
                            + " deploy/kubernetes/base/services/kustomization.yaml, or a secretKeyRef in its workload.yaml)",
                            service, overlay).isEmpty();
                })));
    }

    @TestFactory
    Stream<DynamicTest> noSkyfleetVariableIsSetForAServiceThatDoesNotReadIt() {
        return Repo.SERVICES.stream().map(service -> DynamicTest.dynamicTest(service, () -> {
            Set<String> read = ServiceConfig.of(service).mustBeSet();
            Set<String> stale = new TreeSet<>(DeployedEnvironment.skyfleetOwned(
                    DeployedEnvironment.compose(service).keySet()));
            stale.removeAll(read);
            assertThat(stale).as("set in docker-compose.yml for %s, which never reads it", service).isEmpty();
            for (String overlay : Rendered.OVERLAYS) {
                Set<String> staleK8s = new TreeSet<>(DeployedEnvironment.skyfleetOwned(
                        DeployedEnvironment.kubernetes(overlay, service).keySet()));
                staleK8s.removeAll(read);
                assertThat(staleK8s).as("set in overlay %s for %s, which never reads it", overlay, service).isEmpty();
            }
        }));
    }

    @Test
    void httpPortsAreTheConventionalOnesEverywhere() {
        Map<String, String> ports = Map.of("provisioner", "PROVISIONER_PORT=8080", "catalog-service",
                "CATALOG_PORT=8081", "config-generator", "GENERATOR_PORT=8082", "inventory-poller", "POLLER_PORT=8083");
        ports.forEach((service, assignment) -> {
            String variable = assignment.substring(0, assignment.indexOf('='));
            String port = assignment.substring(assignment.indexOf('=') + 1);
            assertThat(ServiceConfig.of(service).properties().get("quarkus.http.port"))
                    .isEqualTo("${" + variable + ":" + port + "}");
            assertThat(String.valueOf(DeployedEnvironment.compose(service).get(variable))).isEqualTo(port);
            for (String overlay : Rendered.OVERLAYS) {
                assertThat(DeployedEnvironment.kubernetes(overlay, service).get(variable)).as(overlay).isEqualTo(port);
            }
        });
    }

    @Test
    void requiredMappingKeysAreThoseWithoutDefaultOrOptional(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        Files.writeString(dir.resolve("ExampleConfig.java"), String.join("\n",
                "package x;",
                "@ConfigMapping(prefix = \"skyfleet.example\")",
                "public interface ExampleConfig {",
                "    /** Required. */",
                "    String apiUrl();",
                "    @WithDefault(\"5\")",
                "    int attempts();",
                "    Optional<String> token();",
                "    Nested nested();",
                "    interface Nested {",
                "        @WithName(\"dir\")",
                "        java.nio.file.Path directory();",
                "        @WithDefault(\"x\") String other();",
                "    }",
                "}"));
        assertThat(ServiceConfig.ConfigMappings.requiredKeys(dir))
                .containsExactlyInAnyOrder("skyfleet.example.api-url", "skyfleet.example.nested.dir");
    }

    @Test
    void envReferencesAndRequiredMappingKeysAreFoundInSources() {
        ServiceConfig catalog = ServiceConfig.of("catalog-service");
        assertThat(catalog.environmentVariables()).contains("KAFKA_BOOTSTRAP_SERVERS", "SKYFLEET_DB_REACTIVE_URL",
                "CATALOG_PORT");
        assertThat(ServiceConfig.environmentName("skyfleet.generator.remote.url"))
                .isEqualTo("SKYFLEET_GENERATOR_REMOTE_URL");
        assertThat(ServiceConfig.ConfigMappings.kebab("repositoryDir")).isEqualTo("repository-dir");
    }
}
