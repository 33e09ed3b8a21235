package dev.skyfleet.provisioner;

import static dev.skyfleet.provisioner.support.Fixtures.body;
import static dev.skyfleet.provisioner.support.Fixtures.create;
import static dev.skyfleet.provisioner.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.skyfleet.provisioner.repository.AuditRepository;
import dev.skyfleet.provisioner.service.TokenService;
import dev.skyfleet.provisioner.support.Fixtures;
import dev.skyfleet.testing.KafkaTestResource;
import dev.skyfleet.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The HTTP contract: validation, idempotency keys, tokens and roles, tenant isolation, audit. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class InstanceApiTest {
    @Inject
    TokenService tokens;
    @Inject
    AuditRepository audit;

    private Map<String, Object> anyBody() {
        return body(unique("n"), Map.of("gpuModel", unique("NOGPU"), "maxPricePerHour", 30));
    }

    @Test
    void acceptsACreateAsRequested() {
        String token = Fixtures.token(tokens, unique("api"), Role.OPERATOR);
        given().auth().oauth2(token).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(anyBody())
                .when().post("/api/v1/instances")
                .then().statusCode(202).header("Location", containsString("/api/v1/instances/i-"))
                .body("state", equalTo("requested")).body("tags.team", equalTo("ml"))
                .body("sshPublicKey", equalTo(null));
    }

    @Test
    void sameIdempotencyKeyAndBodyReturnsTheSameInstance() {
        String token = Fixtures.token(tokens, unique("idem"), Role.OPERATOR);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = anyBody();
        String first = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/instances").then().statusCode(202)
                .header("Idempotent-Replayed", "false").extract().path("id");
        String again = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/instances").then().statusCode(202)
                .header("Idempotent-Replayed", "true").extract().path("id");
        assertThat(again).isEqualTo(first);
        assertThat(given().auth().oauth2(token).get("/api/v1/instances").then().statusCode(200)
                .extract().jsonPath().getList("id")).containsOnlyOnce(first);
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsAConflict() {
        String token = Fixtures.token(tokens, unique("idem"), Role.OPERATOR);
        String key = UUID.randomUUID().toString();
        given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(anyBody())
                .post("/api/v1/instances").then().statusCode(202);
        given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(anyBody())
                .post("/api/v1/instances")
                .then().statusCode(409).contentType("application/problem+json")
                .body("parameter", equalTo("Idempotency-Key")).body("status", equalTo(409));
    }

    @Test
    void createWithoutIdempotencyKeyIsRejected() {
        String token = Fixtures.token(tokens, unique("api"), Role.OPERATOR);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(anyBody()).post("/api/v1/instances")
                .then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("Idempotency-Key"));
    }

    @Test
    void invalidSshKeyIsRejectedWithoutEchoingIt() {
        String token = Fixtures.token(tokens, unique("api"), Role.OPERATOR);
        Map<String, Object> body = new HashMap<>(anyBody());
        body.put("sshPublicKey", "ssh-ed25519 AAAAnotakeyatall= secret-comment");
        given().auth().oauth2(token).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(body).post("/api/v1/instances")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("sshPublicKey"))
                .body(not(containsString("AAAAnotakey"))).body(not(containsString("Exception")));
    }

    @Test
    void invalidFieldsAreNamed() {
        String token = Fixtures.token(tokens, unique("api"), Role.OPERATOR);
        Map<String, Object> body = new HashMap<>(anyBody());
        body.put("name", "Not A Name!");
        body.remove("placement");
        given().auth().oauth2(token).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(body).post("/api/v1/instances")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("placement"));
        body.put("name", "ok");
        body.put("placement", Map.of("offerId", "not-an-offer-id"));
        given().auth().oauth2(token).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(body).post("/api/v1/instances")
                .then().statusCode(400).body("errors.field", hasItem("placement.offerId"));
        given().auth().oauth2(token).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body("{\"name\": [1,2]").post("/api/v1/instances")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aMisspeltConstraintIsRejectedNotIgnored() {
        String token = Fixtures.token(tokens, unique("api"), Role.OPERATOR);
        Map<String, Object> body = body(unique("n"), Map.of("gpuu", "H100", "maxPricePerHour", 30));
        given().auth().oauth2(token).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(body).post("/api/v1/instances")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("placement.gpuu"))
                .body("errors.message", hasItem(containsString("gpuModel")));
    }

    @Test
    void theGpuConstraintTakesTheCatalogsNameAndAnySpelling() {
        String token = Fixtures.token(tokens, unique("api"), Role.OPERATOR);
        given().auth().oauth2(token).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(body(unique("n"), Map.of("gpu", "nvidia h100-80gb")))
                .post("/api/v1/instances")
                .then().statusCode(202).body("placement.gpuModel", equalTo("H100"));
    }

    @Test
    void aTenantNeverSeesAnotherTenantsInstances() {
        String owner = Fixtures.token(tokens, unique("owner"), Role.OPERATOR);
        String stranger = Fixtures.token(tokens, unique("stranger"), Role.ADMIN);
        String id = create(owner, anyBody());

        given().auth().oauth2(stranger).get("/api/v1/instances/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(stranger).delete("/api/v1/instances/" + id).then().statusCode(404);
        given().auth().oauth2(stranger).post("/api/v1/instances/" + id + "/reboot").then().statusCode(404);
        given().auth().oauth2(stranger).get("/api/v1/instances").then().statusCode(200)
                .body("id", not(hasItem(id)));
        given().auth().oauth2(owner).get("/api/v1/instances/" + id).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void everyEndpointNeedsAValidBearerToken() {
        given().get("/api/v1/instances").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2("sft_not-a-real-token").get("/api/v1/instances").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/admin/tokens").then().statusCode(401);
    }

    @Test
    void viewersReadButDoNotCreateOrTerminate() {
        String tenant = unique("roles");
        String operator = Fixtures.token(tokens, tenant, Role.OPERATOR);
        String viewer = Fixtures.token(tokens, tenant, Role.VIEWER);
        String id = create(operator, anyBody());

        given().auth().oauth2(viewer).get("/api/v1/instances/" + id).then().statusCode(200);
        given().auth().oauth2(viewer).header("Idempotency-Key", "k").contentType(ContentType.JSON).body(anyBody())
                .post("/api/v1/instances").then().statusCode(403).body("role", equalTo("operator"));
        given().auth().oauth2(viewer).delete("/api/v1/instances/" + id).then().statusCode(403);
        given().auth().oauth2(operator).get("/api/v1/admin/tokens").then().statusCode(403);
    }

    @Test
    void mutatingCallsAreAudited() {
        String tenant = unique("audit");
        String token = Fixtures.token(tokens, tenant, Role.OPERATOR);
        String id = create(token, anyBody());
        given().auth().oauth2(token).delete("/api/v1/instances/" + id).then().statusCode(202);
        given().auth().oauth2(token).get("/api/v1/instances/" + id).then().statusCode(200);

        var records = audit.forTenant(tenant, 10).await().atMost(Duration.ofSeconds(5));
        assertThat(records).extracting(r -> r.method() + " " + r.path() + " " + r.status())
                .containsExactlyInAnyOrder("POST /api/v1/instances 202", "DELETE /api/v1/instances/" + id + " 202");
    }

    @io.quarkus.test.common.http.TestHTTPResource("/api/v1/instances/events")
    java.net.URI eventsUrl;

    @Test
    void streamsLifecycleEventsOfTheCallersTenantOnly() throws Exception {
        String token = Fixtures.token(tokens, unique("sse"), Role.OPERATOR);
        String other = Fixtures.token(tokens, unique("sse-other"), Role.OPERATOR);
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        var response = client.sendAsync(java.net.http.HttpRequest.newBuilder(eventsUrl)
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines()).get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        java.util.List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread reader = new Thread(() -> {
            try {
                response.body().filter(line -> line.startsWith("data:")).forEach(seen::add);
            } catch (java.io.UncheckedIOException closedAtTheEnd) {
                // the test closes the stream when it has seen enough
            }
        });
        reader.setDaemon(true);
        reader.start();

        String foreign = create(other, anyBody());
        String mine = create(token, anyBody());

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> seen.stream()
                .anyMatch(line -> line.contains(mine) && line.contains("\"state\":\"failed\"")));
        assertThat(seen).anyMatch(line -> line.contains(mine) && line.contains("\"event\":\"requested\""));
        assertThat(seen).noneMatch(line -> line.contains(foreign));
        response.body().close();
    }

    @Test
    void unknownInstanceIsAProblemNotFound() {
        String token = Fixtures.token(tokens, unique("api"), Role.VIEWER);
        given().auth().oauth2(token).get("/api/v1/instances/i-doesnotexist").then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("Not Found"));
        given().auth().oauth2(token).get("/api/v1/instances?state=bogus").then().statusCode(400)
                .body("parameter", equalTo("state"));
    }
}
