package dev.skyfleet.providers.shadeform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShadeformWriteSideTests {
    private static final String KEY = "sf_write_key_77";
    private static final OpenApiRequests SPEC = OpenApiRequests.load("shadeform-openapi.yaml");

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

    private ShadeformProvider provider() {
        HttpSettings http = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, Duration.ofMillis(10),
                Duration.ofSeconds(1), 1000, 1000);
        return new ShadeformProvider(new ShadeformConfig(URI.create("http://127.0.0.1:" + wire.port() + "/v1"),
                Secret.ofNullable(KEY), http), Clock.fixed(Instant.parse("2026-11-21T18:00:00Z"), ZoneOffset.UTC),
                new RecordingSleeper(true));
    }

    private static String instance(String id, String refId, String status) {
        String tags = refId == null ? "[]" : "[\"skyfleet-ref-id=" + refId + "\", \"skyfleet-cred=cred-2\"]";
        return """
                {"id": "%s", "cloud": "massedcompute", "region": "desmoines-usa-1", "shade_instance_type": "A100_80G",
                 "cloud_instance_type": "gpu_8x_a100_80gb", "cloud_assigned_id": "x", "shade_cloud": true,
                 "name": "n-%s", "configuration": {"memory_in_gb": 1800, "storage_in_gb": 20480, "vcpus": 240,
                 "num_gpus": 8, "gpu_type": "A100_80G", "interconnect": "sxm4", "vram_per_gpu_in_gb": 80, "os": "u"},
                 "ip": "", "ssh_user": "shadeform", "ssh_port": 22, "status": "%s", "cost_estimate": "0.0",
                 "created_at": "2026-11-21T17:59:00Z", "deleted_at": null, "tags": %s, "new_field": 1}"""
                .formatted(id, id, status, tags);
    }

    private void instances(String... json) {
        wire.stubFor(get(urlPathEqualTo("/v1/instances")).willReturn(aResponse().withStatus(200)
                .withBody("{\"instances\": [" + String.join(",", json) + "]}")));
    }

    private static CreateInstanceRequest request(String refId) {
        return new CreateInstanceRequest(refId, "cred-2", "train", "desmoines-usa-1", null, "massedcompute_A100_80G",
                UsageClass.ON_DEMAND, "ssh-ed25519 AAAAexample", "#!/bin/bash\necho hi\n", null, Map.of("team", "ml"));
    }

    @Test
    void createSendsASpecConformingAsyncCreateWithRefIdTags() throws Exception {
        instances(instance("other", null, "active"));
        wire.stubFor(get(urlPathEqualTo("/v1/sshkeys")).willReturn(aResponse().withStatus(200)
                .withBody("{\"ssh_keys\": []}")));
        wire.stubFor(post(urlPathEqualTo("/v1/sshkeys/add")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\": \"key-1\"}")));
        wire.stubFor(post(urlPathEqualTo("/v1/instances/create")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\": \"5b8d3f1e-0000-4000-8000-000000000001\"}")));
        wire.stubFor(get(urlPathEqualTo("/v1/instances/5b8d3f1e-0000-4000-8000-000000000001/info"))
                .willReturn(aResponse().withStatus(200)
                        .withBody(instance("5b8d3f1e-0000-4000-8000-000000000001", "ref-1", "creating"))));

        ProviderInstance created = provider().createInstance(request("ref-1"));

        assertThat(created.state()).isEqualTo(InstanceState.PENDING);
        assertThat(created.refId()).isEqualTo("ref-1");
        assertThat(created.credentialRef()).isEqualTo("cred-2");
        assertThat(created.instanceType()).isEqualTo("massedcompute_A100_80G");
        LoggedRequest create = wire.findAll(postRequestedFor(urlPathEqualTo("/v1/instances/create"))).get(0);
        SPEC.assertConforms(create, "/v1");
        SPEC.assertConforms(wire.findAll(postRequestedFor(urlPathEqualTo("/v1/sshkeys/add"))).get(0), "/v1");
        JsonNode body = Json.mapper().readTree(create.getBodyAsString());
        assertThat(body.path("cloud").asText()).isEqualTo("massedcompute");
        assertThat(body.path("shade_instance_type").asText()).isEqualTo("A100_80G");
        assertThat(body.path("ssh_key_id").asText()).isEqualTo("key-1");
        assertThat(body.path("name").asText()).startsWith("ref-1");
        assertThat(body.path("tags").toString()).contains("skyfleet-ref-id=ref-1", "skyfleet-cred=cred-2", "team=ml");
        assertThat(new String(Base64.getDecoder().decode(body.path("launch_configuration").path("script_configuration")
                .path("base64_script").asText()), StandardCharsets.UTF_8)).contains("echo hi");
    }

    @Test
    void createReturnsTheInstanceAlreadyTaggedWithTheRefId() {
        instances(instance("i-1", "ref-again", "active"));

        ProviderInstance found = provider().createInstance(request("ref-again"));

        assertThat(found.providerInstanceId()).isEqualTo("i-1");
        assertThat(found.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(wire.findAll(postRequestedFor(urlPathEqualTo("/v1/instances/create")))).isEmpty();
    }

    @Test
    void outOfStockOnCreateIsInsufficientCapacityAfterOneAttempt() {
        instances();
        wire.stubFor(get(urlPathEqualTo("/v1/sshkeys")).willReturn(aResponse().withStatus(200)
                .withBody("{\"ssh_keys\": [{\"id\": \"k\", \"name\": \"x\", \"public_key\": \"p\", \"is_default\": true}]}")));
        wire.stubFor(post(urlPathEqualTo("/v1/sshkeys/add")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\": \"key-2\"}")));
        wire.stubFor(post(urlPathEqualTo("/v1/instances/create")).willReturn(aResponse().withStatus(409)
                .withBody("{\"error_code\": \"OUT_OF_STOCK\", \"error\": \"no A100_80G in desmoines-usa-1\"}")));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider().createInstance(request("ref-oos")));

        assertThat(e.kind()).isEqualTo(ErrorKind.INSUFFICIENT_CAPACITY);
        assertThat(wire.findAll(postRequestedFor(urlPathEqualTo("/v1/instances/create")))).hasSize(1);
    }

    @Test
    void terminateIsIdempotentOnMissingInstances() {
        wire.stubFor(post(urlPathEqualTo("/v1/instances/gone/delete")).willReturn(aResponse().withStatus(404)
                .withBody("{\"error\": \"instance not found\"}")));
        wire.stubFor(post(urlPathEqualTo("/v1/instances/live/delete")).willReturn(aResponse().withStatus(200)));
        ShadeformProvider shadeform = provider();

        shadeform.terminateInstance("gone");
        shadeform.terminateInstance("live");

        SPEC.assertConforms(wire.findAll(postRequestedFor(urlPathEqualTo("/v1/instances/live/delete"))).get(0), "/v1");
    }

    @Test
    void listSkipsInstancesWithoutOurTags() {
        instances(instance("a", "ref-a", "active"), instance("b", null, "active"), instance("c", "ref-c", "deleting"));
        ShadeformProvider shadeform = provider();

        assertThat(shadeform.listInstances(InstanceFilter.ALL)).extracting(ProviderInstance::providerInstanceId)
                .containsExactly("a", "c");
        assertThat(shadeform.listInstances(InstanceFilter.byRefId("ref-c"))).extracting(ProviderInstance::state)
                .containsExactly(InstanceState.TERMINATING);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            creating,         PENDING
            pending_provider, PENDING
            pending,          PENDING
            active,           RUNNING
            error,            FAILED
            deleting,         TERMINATING
            deleted,          TERMINATED
            hibernating,      UNKNOWN
            """)
    void statusesMapAndUnknownIsNeverPending(String raw, InstanceState expected) {
        assertThat(ShadeformInstances.mapState(raw)).isEqualTo(expected);
    }
}
