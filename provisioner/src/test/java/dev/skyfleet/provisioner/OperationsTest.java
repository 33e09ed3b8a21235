package dev.skyfleet.provisioner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.skyfleet.messaging.Topics;
import dev.skyfleet.provisioner.support.Fixtures;
import dev.skyfleet.provisioner.support.TopicReader;
import dev.skyfleet.testing.KafkaTestResource;
import dev.skyfleet.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Admin token bootstrap, token management, health, metrics, OpenAPI and poison records. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class OperationsTest {
    @ConfigProperty(name = "skyfleet.provisioner.admin-token-file")
    String adminTokenFile;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    void writesAnAdminTokenFileThatCanCreateTenantTokens() throws Exception {
        Path file = Path.of(adminTokenFile);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String admin = Files.readString(file).trim();
        String tenant = Fixtures.unique("t");

        String created = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("tenant", tenant, "role", "operator"))
                .post("/api/v1/admin/tokens")
                .then().statusCode(201).body("tenant", equalTo(tenant)).body("role", equalTo("operator"))
                .body("token", startsWith("sft_")).extract().path("token");
        String tokenId = given().auth().oauth2(admin).get("/api/v1/admin/tokens?tenant=" + tenant)
                .then().statusCode(200).body("tenant", hasItem(tenant)).body(org.hamcrest.Matchers.not(
                        containsString(created))).extract().path("[0].id");
        given().auth().oauth2(created).get("/api/v1/instances").then().statusCode(200);
        String stored = pool.preparedQuery("select token_hash from api_token where id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(tokenId)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getString("token_hash");
        assertThat(stored).doesNotContain(created.substring(4)).hasSize(64);

        given().auth().oauth2(admin).delete("/api/v1/admin/tokens/" + tokenId).then().statusCode(204);
        given().auth().oauth2(created).get("/api/v1/instances").then().statusCode(401);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("tenant", "Bad Tenant", "role", "x"))
                .post("/api/v1/admin/tokens").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void readinessIncludesKafkaAndTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")))
                .body("checks.find { it.name == 'Providers for launches' }.data.launchable",
                        containsString("sandbox"));
    }

    @Test
    void servesMetricsAndOpenApi() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/instances"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"));
    }

    @Test
    void poisonCommandGoesToTheDeadLetterTopicAndTheWorkerGoesOn() {
        String key = Fixtures.unique("poison");
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.PROVISIONING_COMMANDS.name(), key,
                    "{not json")).awaitCompletion(Duration.ofSeconds(20));
        }
        var dead = TopicReader.await(bootstrap, Topics.PROVISIONING_COMMANDS.deadLetter().name(),
                r -> key.equals(r.key()), list -> !list.isEmpty());
        assertThat(TopicReader.header(dead.get(0), "dead-letter-reason")).isNotBlank();
    }
}
