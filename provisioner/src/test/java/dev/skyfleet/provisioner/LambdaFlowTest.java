package dev.skyfleet.provisioner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.skyfleet.provisioner.support.Fixtures.awaitState;
import static dev.skyfleet.provisioner.support.Fixtures.body;
import static dev.skyfleet.provisioner.support.Fixtures.create;
import static dev.skyfleet.provisioner.support.Fixtures.eventNames;
import static dev.skyfleet.provisioner.support.Fixtures.offer;
import static dev.skyfleet.provisioner.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.skyfleet.model.Offer;
import dev.skyfleet.provisioner.repository.OfferViewRepository;
import dev.skyfleet.provisioner.service.TokenService;
import dev.skyfleet.provisioner.support.Fixtures;
import dev.skyfleet.provisioner.support.LambdaStubResource;
import dev.skyfleet.testing.KafkaTestResource;
import dev.skyfleet.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Failover and launch through the real Lambda Cloud client against recorded API shapes. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = LambdaStubResource.class, scope = TestResourceScope.GLOBAL)
class LambdaFlowTest {
    private static final String MACHINE = "0920582c7ff041399e34823a0be62549";

    @Inject
    TokenService tokens;
    @Inject
    OfferViewRepository view;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void capacityErrorOnLambdaFailsOverToTheNextRegionAndLaunchesOnce() {
        WireMockServer lambda = LambdaStubResource.server();
        String type = "gpu_8x_h100_sxm5_" + unique("t").substring(2);
        Offer full = offer("lambda", "us-west-1", type, "H100", 8, "23.90");
        Offer free = offer("lambda", "us-east-1", type, "H100", 8, "23.92");
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            Fixtures.publish(kafka, view, full, free);
        }
        lambda.stubFor(get(urlEqualTo("/api/v1/instances")).willReturn(okJson("{\"data\": []}")));
        lambda.stubFor(get(urlEqualTo("/api/v1/ssh-keys")).willReturn(okJson("{\"data\": []}")));
        lambda.stubFor(post(urlEqualTo("/api/v1/ssh-keys")).willReturn(okJson(
                "{\"data\": {\"id\": \"k1\", \"name\": \"skyfleet-key\", \"public_key\": \"ssh-ed25519 AAAA\"}}")));
        lambda.stubFor(post(urlEqualTo("/api/v1/instance-operations/launch"))
                .withRequestBody(matchingJsonPath("$.region_name", equalTo("us-west-1")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\": {\"code\": \"instance-operations/launch/insufficient-capacity\","
                                + " \"message\": \"Not enough capacity to fulfill launch request.\"}}")));
        lambda.stubFor(post(urlEqualTo("/api/v1/instance-operations/launch"))
                .withRequestBody(matchingJsonPath("$.region_name", equalTo("us-east-1")))
                .willReturn(okJson("{\"data\": {\"instance_ids\": [\"" + MACHINE + "\"]}}")));
        lambda.stubFor(get(urlEqualTo("/api/v1/instances/" + MACHINE)).inScenario("machine")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("{\"data\": " + instance("active") + "}")));
        lambda.stubFor(post(urlEqualTo("/api/v1/instance-operations/terminate")).inScenario("machine")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("gone")
                .willReturn(okJson("{\"data\": {\"terminated_instances\": [" + instance("terminating") + "]}}")));
        lambda.stubFor(get(urlEqualTo("/api/v1/instances/" + MACHINE)).inScenario("machine")
                .whenScenarioStateIs("gone").willReturn(okJson("{\"data\": " + instance("terminated") + "}")));
        String token = Fixtures.token(tokens, unique("lambda"), Role.OPERATOR);

        String id = create(token, body("lambda-box", Map.of("gpuModel", "H100", "gpuCount", 8,
                "providers", java.util.List.of("lambda"), "maxPricePerHour", 30)));

        JsonPath running = awaitState(token, id, "running");
        assertThat(running.getString("offer.id")).isEqualTo(free.id());
        assertThat(running.getString("providerInstanceId")).isEqualTo(MACHINE);
        assertThat(running.getString("publicIp")).isEqualTo("198.51.100.2");
        assertThat(eventNames(running)).containsSubsequence("launch-attempted", "capacity-error", "launch-attempted",
                "launched");
        lambda.verify(1, postRequestedFor(urlEqualTo("/api/v1/instance-operations/launch"))
                .withRequestBody(matchingJsonPath("$.region_name", equalTo("us-east-1")))
                .withRequestBody(matchingJsonPath("$.tags[?(@.key == 'skyfleet-ref-id')].value", equalTo(id + "-2"))));
        lambda.verify(getRequestedFor(urlEqualTo("/api/v1/instances")));

        given().auth().oauth2(token).delete("/api/v1/instances/" + id).then().statusCode(202);
        awaitState(token, id, "terminated");
        lambda.verify(com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly(1),
                postRequestedFor(urlEqualTo("/api/v1/instance-operations/terminate"))
                .withRequestBody(matchingJsonPath("$.instance_ids[0]", equalTo(MACHINE))));
    }

    private static String instance(String status) {
        return "{\"id\": \"" + MACHINE + "\", \"name\": \"lambda-box\", \"ip\": \"198.51.100.2\","
                + " \"private_ip\": \"10.0.2.100\", \"status\": \"" + status + "\", \"ssh_key_names\": [\"k\"],"
                + " \"file_system_names\": [], \"region\": {\"name\": \"us-east-1\", \"description\": \"Virginia\"},"
                + " \"instance_type\": {\"name\": \"gpu_8x_h100_sxm5\", \"description\": \"8x H100 (80 GB SXM5)\","
                + " \"price_cents_per_hour\": 2392, \"specs\": {\"vcpus\": 208, \"memory_gib\": 1800,"
                + " \"storage_gib\": 24780, \"gpus\": 8}}, \"actions\": {}, \"tags\": []}";
    }
}
