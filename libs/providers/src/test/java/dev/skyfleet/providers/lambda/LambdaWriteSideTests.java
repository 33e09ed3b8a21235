package dev.skyfleet.providers.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.skyfleet.model.InstanceState;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.providers.CreateInstanceRequest;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.InstanceFilter;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.providers.ProviderInstance;
import dev.skyfleet.providers.Secret;
import dev.skyfleet.providers.http.HttpSettings;
import dev.skyfleet.providers.testsupport.OpenApiRequests;
import dev.skyfleet.providers.testsupport.RecordingSleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LambdaWriteSideTests {
    private static final String KEY = "secret_lambda_key_write";
    private static final OpenApiRequests SPEC = OpenApiRequests.load("lambda-openapi-1.8.3.json");
    private static final String INSTANCE = """
            {"id": "%s", "name": "skyfleet-%s", "ip": %s, "private_ip": "10.0.2.100", "status": "%s",
             "ssh_key_names": ["k"], "file_system_names": [], "region": {"name": "us-east-1", "description": "Virginia, USA"},
             "instance_type": {"name": "gpu_1x_a10", "description": "1x A10 (24 GB PCIe)", "gpu_description": "A10 (24 GB PCIe)",
                               "price_cents_per_hour": 75, "specs": {"vcpus": 30, "memory_gib": 200, "storage_gib": 1400, "gpus": 1}},
             "actions": {"terminate": {"available": true}}, "workspace_id": "ws-1",
             "tags": [%s]}""";

    private WireMockServer wire;

    @BeforeEach
    void start() {
        wire = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wire.start();
    }

    @AfterEach
    void stop() {
        wire.stop();
    }

    private LambdaCloudProvider provider() {
        HttpSettings http = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 3, Duration.ofMillis(10),
                Duration.ofSeconds(1), 1000, 1000);
        return new LambdaCloudProvider(new LambdaConfig(URI.create("http://127.0.0.1:" + wire.port()),
                Secret.ofNullable(KEY), List.of(), http, Duration.ZERO),
                Clock.fixed(Instant.parse("2026-11-21T18:00:00Z"), ZoneOffset.UTC), new RecordingSleeper(true));
    }

    private static String instance(String id, String refId, String status) {
        String tags = refId == null ? "" : "{\"key\": \"skyfleet-ref-id\", \"value\": \"" + refId + "\"},"
                + "{\"key\": \"skyfleet-cred\", \"value\": \"cred-9\"}";
        return INSTANCE.formatted(id, id, status.equals("booting") ? "null" : "\"198.51.100.2\"", status, tags);
    }

    private void instances(String... json) {
        wire.stubFor(get(urlPathEqualTo("/api/v1/instances")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\": [" + String.join(",", json) + "]}")));
    }

    private static CreateInstanceRequest request(String refId) {
        return new CreateInstanceRequest(refId, "cred-9", null, "us-east-1", null, "gpu_1x_a10", UsageClass.ON_DEMAND,
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample user@host", "#cloud-config\n", null,
                Map.of("team", "ml", "Bad Key", "dropped"));
    }

    @Test
    void createRegistersTheKeyLaunchesWithRefIdTagsAndConformsToTheSpec() throws Exception {
        instances(instance("other1", null, "active"));
        wire.stubFor(get(urlPathEqualTo("/api/v1/ssh-keys")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\": []}")));
        wire.stubFor(post(urlPathEqualTo("/api/v1/ssh-keys")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\": {\"id\": \"k1\", \"name\": \"n\", \"public_key\": \"p\"}}")));
        wire.stubFor(post(urlPathEqualTo("/api/v1/instance-operations/launch")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\": {\"instance_ids\": [\"i-123\"]}}")));
        wire.stubFor(get(urlPathEqualTo("/api/v1/instances/i-123")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\": " + instance("i-123", "ref-1", "booting") + "}")));

        ProviderInstance created = provider().createInstance(request("ref-1"));

        assertThat(created.providerInstanceId()).isEqualTo("i-123");
        assertThat(created.state()).isEqualTo(InstanceState.PENDING);
        assertThat(created.refId()).isEqualTo("ref-1");
        assertThat(created.credentialRef()).isEqualTo("cred-9");
        LoggedRequest launch = wire.findAll(postRequestedFor(urlPathEqualTo("/api/v1/instance-operations/launch")))
                .get(0);
        SPEC.assertConforms(launch, "");
        SPEC.assertConforms(wire.findAll(postRequestedFor(urlPathEqualTo("/api/v1/ssh-keys"))).get(0), "");
        JsonNode body = Json.mapper().readTree(launch.getBodyAsString());
        assertThat(body.path("region_name").asText()).isEqualTo("us-east-1");
        assertThat(body.path("ssh_key_names").get(0).asText()).startsWith("skyfleet-");
        assertThat(body.path("tags").toString()).contains("\"skyfleet-ref-id\"").contains("\"ref-1\"")
                .contains("\"team\"").doesNotContain("Bad Key");
        assertThat(launch.getBodyAsString()).doesNotContain(KEY);
    }

    @Test
    void createFindsAnExistingInstanceByRefIdInsteadOfLaunchingAgain() {
        instances(instance("i-1", "ref-again", "active"));

        ProviderInstance found = provider().createInstance(request("ref-again"));

        assertThat(found.providerInstanceId()).isEqualTo("i-1");
        assertThat(found.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(wire.findAll(postRequestedFor(urlPathEqualTo("/api/v1/instance-operations/launch")))).isEmpty();
    }

    @Test
    void launchIsNotRetriedBlindlyAndATimedOutLaunchIsFoundByItsTag() {
        wire.stubFor(get(urlPathEqualTo("/api/v1/instances")).inScenario("launch").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody("{\"data\": []}")));
        wire.stubFor(get(urlPathEqualTo("/api/v1/ssh-keys")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\": []}")));
        wire.stubFor(post(urlPathEqualTo("/api/v1/ssh-keys")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\": {\"code\": \"global/invalid-parameters\", \"message\": \"name must be unique\"}}")));
        wire.stubFor(post(urlPathEqualTo("/api/v1/instance-operations/launch")).inScenario("launch")
                .willReturn(aResponse().withStatus(502).withBody("bad gateway")).willSetStateTo("launched"));
        wire.stubFor(get(urlPathEqualTo("/api/v1/instances")).inScenario("launch").whenScenarioStateIs("launched")
                .willReturn(aResponse().withStatus(200).withBody("{\"data\": [" + instance("i-9", "ref-t", "booting")
                        + "]}")));

        ProviderInstance created = provider().createInstance(request("ref-t"));

        assertThat(created.providerInstanceId()).isEqualTo("i-9");
        assertThat(wire.findAll(postRequestedFor(urlPathEqualTo("/api/v1/instance-operations/launch")))).hasSize(1);
    }

    @Test
    void insufficientCapacityOnLaunchIsTypedAndNotRetried() {
        instances();
        wire.stubFor(get(urlPathEqualTo("/api/v1/ssh-keys")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\": [{\"id\": \"k\", \"name\": \"skyfleet-x\", \"public_key\": \"p\"}]}")));
        wire.stubFor(post(urlPathEqualTo("/api/v1/ssh-keys")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\": {\"id\": \"k1\", \"name\": \"n\", \"public_key\": \"p\"}}")));
        wire.stubFor(post(urlPathEqualTo("/api/v1/instance-operations/launch")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":{\"code\":\"instance-operations/launch/insufficient-capacity\",\"message\":"
                        + "\"Not enough capacity to fulfill launch request.\"}}")));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider().createInstance(request("ref-c")));

        assertThat(e.kind()).isEqualTo(ErrorKind.INSUFFICIENT_CAPACITY);
        assertThat(wire.findAll(postRequestedFor(urlPathEqualTo("/api/v1/instance-operations/launch")))).hasSize(1);
    }

    @Test
    void terminateOfAMissingInstanceSucceeds() {
        wire.stubFor(post(urlPathEqualTo("/api/v1/instance-operations/terminate")).willReturn(aResponse()
                .withStatus(404).withBody("{\"error\":{\"code\":\"global/object-does-not-exist\",\"message\":\"gone\"}}")));

        provider().terminateInstance("i-gone");

        LoggedRequest terminate = wire.findAll(postRequestedFor(urlPathEqualTo("/api/v1/instance-operations/terminate")))
                .get(0);
        SPEC.assertConforms(terminate, "");
        assertThat(terminate.getBodyAsString()).contains("i-gone");
    }

    @Test
    void listSkipsUntaggedInstancesAndFiltersByRefIdAndRegion() {
        instances(instance("a", "ref-a", "active"), instance("b", null, "active"), instance("c", "ref-c", "booting"));
        LambdaCloudProvider lambda = provider();

        assertThat(lambda.listInstances(InstanceFilter.ALL)).extracting(ProviderInstance::providerInstanceId)
                .containsExactly("a", "c");
        assertThat(lambda.listInstances(InstanceFilter.byRefId("ref-c"))).extracting(ProviderInstance::providerInstanceId)
                .containsExactly("c");
        assertThat(lambda.listInstances(new InstanceFilter(null, "us-west-1"))).isEmpty();
        SPEC.assertConforms(wire.findAll(getRequestedFor(urlPathEqualTo("/api/v1/instances"))).get(0), "");
    }

    @Test
    void getOfAMissingInstanceIsEmpty() {
        wire.stubFor(get(urlPathEqualTo("/api/v1/instances/nope")).willReturn(aResponse().withStatus(404)
                .withBody("{\"error\":{\"code\":\"global/object-does-not-exist\",\"message\":\"Instance not found\"}}")));

        assertThat(provider().getInstance("nope")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            booting,     PENDING
            active,      RUNNING
            unhealthy,   RUNNING
            terminating, TERMINATING
            terminated,  TERMINATED
            preempted,   TERMINATED
            migrating,   UNKNOWN
            deleting,    UNKNOWN
            """)
    void statusesMapAndUnknownIsNeverPending(String raw, InstanceState expected) {
        assertThat(LambdaInstances.mapState(raw)).isEqualTo(expected);
    }
}
