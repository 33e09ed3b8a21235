package dev.skyfleet.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.skyfleet.messaging.Topics;
import dev.skyfleet.testing.KafkaTestResource;
import dev.skyfleet.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class PlatformEndpointsTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void readinessIncludesKafkaAndTheDatabase() {
        List<Map<String, Object>> checks = given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP")).extract().jsonPath().getList("checks");
        assertThat(checks).extracting(c -> c.get("name").toString())
                .anyMatch(name -> name.toLowerCase().contains("kafka"))
                .anyMatch(name -> name.toLowerCase().contains("database") || name.toLowerCase().contains("reactive"));
    }

    @Test
    void metricsAreExposedForPrometheus() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server"));
    }

    @Test
    void openApiDocumentsTheWholeApi() {
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .asString();
        assertThat(document).contains("/api/v1/offers", "/api/v1/offers/{id}", "/api/v1/offers/{id}/history",
                "/api/v1/instance-types", "/api/v1/regions", "/api/v1/gpus", "/api/v1/providers",
                "/api/v1/selections", "/api/v1/events", "application/problem+json", "minGpuMemoryGb");
    }

    @Test
    void consumedTopicsAndTheirDeadLetterTopicsExistWithTheirSpecs() {
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            var topics = kafka.topics().list();
            for (var spec : Topics.CATALOG) {
                assertThat(topics).contains(spec.name(), spec.deadLetter().name());
                assertThat(kafka.topics().describe(spec.name()).get(spec.name()).partitions())
                        .hasSize(spec.partitions());
            }
        }
    }
}
