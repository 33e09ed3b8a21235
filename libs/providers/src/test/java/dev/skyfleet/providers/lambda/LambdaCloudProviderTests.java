package dev.skyfleet.providers.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Interconnect;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.Region;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.providers.CatalogSnapshot;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.providers.Secret;
import dev.skyfleet.providers.http.HttpSettings;
import dev.skyfleet.providers.testsupport.CapturedStderr;
import dev.skyfleet.providers.testsupport.OpenApiRequests;
import dev.skyfleet.providers.testsupport.RecordingSleeper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LambdaCloudProviderTests {
    private static final String KEY = "secret_lambda_key_8f2e9c";
    private static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");
    private static final OpenApiRequests SPEC = OpenApiRequests.load("lambda-openapi-1.8.3.json");

    private WireMockServer wire;
    private RecordingSleeper sleeper;

    @BeforeEach
    void start() {
        wire = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wire.start();
        sleeper = new RecordingSleeper(true);
    }

    @AfterEach
    void stop() {
        wire.stop();
    }

    private LambdaCloudProvider provider(List<String> extraRegions) {
        HttpSettings http = new HttpSettings(Duration.ofSeconds(1), Duration.ofMillis(800), 3, Duration.ofMillis(20),
                Duration.ofSeconds(3), 1000, 1000);
        return new LambdaCloudProvider(new LambdaConfig(URI.create("http://127.0.0.1:" + wire.port()),
                Secret.ofNullable(KEY), extraRegions, http), Clock.fixed(NOW, ZoneOffset.UTC), sleeper);
    }

    private static String resource(String name) {
        try (InputStream in = LambdaCloudProviderTests.class.getResourceAsStream("/lambda/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve(int status, String body) {
        wire.stubFor(get(urlPathEqualTo("/api/v1/instance-types"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void readsTypesGpusAndPricesFromSpecShapedResponse() {
        serve(200, resource("instance-types.json"));

        Map<String, InstanceTypeSpec> types = provider(List.of()).listInstanceTypes().stream()
                .collect(Collectors.toMap(InstanceTypeSpec::name, Function.identity()));

        assertThat(types).containsOnlyKeys("gpu_8x_h100_sxm5", "gpu_1x_gh200", "gpu_1x_a10", "gpu_1x_rtx6000",
                "gpu_8x_v100", "cpu_4x_general");
        InstanceTypeSpec h100 = types.get("gpu_8x_h100_sxm5");
        assertThat(h100.gpu().model()).isEqualTo("H100");
        assertThat(h100.gpu().count()).isEqualByComparingTo("8");
        assertThat(h100.gpu().memoryGb()).isEqualByComparingTo("80");
        assertThat(h100.gpu().interconnect()).isEqualTo(Interconnect.SXM5);
        assertThat(h100.vcpus()).isEqualByComparingTo("208");
        assertThat(h100.memoryGib()).isEqualByComparingTo("1800");
        assertThat(h100.architecture()).isEqualTo(Architecture.X86_64);
        assertThat(types.get("gpu_1x_gh200").architecture()).isEqualTo(Architecture.ARM64);
        assertThat(types.get("gpu_1x_gh200").gpu().memoryGb()).isEqualByComparingTo("96");
        assertThat(types.get("gpu_1x_gh200").gpu().interconnect()).isNull();
        assertThat(types.get("gpu_1x_rtx6000").gpu().model()).isEqualTo("RTX6000");
        assertThat(types.get("gpu_8x_v100").gpu().model()).isEqualTo("V100");
        assertThat(types.get("gpu_1x_a10").gpu().interconnect()).isEqualTo(Interconnect.PCIE);
        assertThat(types.get("cpu_4x_general").gpu()).isNull();
    }

    @Test
    void offersCoverTheRegionUniverseAndAreAvailableOnlyWhereListed() {
        serve(200, resource("instance-types.json"));

        CatalogSnapshot snapshot = provider(List.of("us-future-1")).readCatalog();

        List<String> regionIds = snapshot.regions().stream().map(Region::id).toList();
        assertThat(regionIds).containsAll(LambdaRegions.KNOWN.keySet()).contains("us-future-1", "europe-west-9");
        assertThat(snapshot.offers()).hasSize(snapshot.instanceTypes().size() * regionIds.size());
        Map<String, Offer> byId = snapshot.offers().stream().collect(Collectors.toMap(Offer::id, o -> o));
        Offer h100East = byId.get("lambda:us-east-1:-:gpu_8x_h100_sxm5:on-demand");
        assertThat(h100East.available()).isTrue();
        assertThat(h100East.pricePerHour()).isEqualTo(Price.usdCents(2392));
        assertThat(h100East.source()).isEqualTo(OfferSource.API);
        assertThat(h100East.observedAt()).isEqualTo(NOW);
        assertThat(byId.get("lambda:us-west-1:-:gpu_8x_h100_sxm5:on-demand").available()).isFalse();
        assertThat(byId.get("lambda:europe-west-9:-:gpu_8x_h100_sxm5:on-demand").available()).isTrue();
        assertThat(byId.get("lambda:us-future-1:-:gpu_1x_a10:on-demand").available()).isFalse();
        assertThat(snapshot.offers().stream().filter(o -> o.instanceType().equals("gpu_1x_a10")))
                .noneMatch(Offer::available);
        assertThat(snapshot.offers()).allMatch(o -> o.usage() == UsageClass.ON_DEMAND);
        assertThat(snapshot.regions().stream().filter(r -> r.id().equals("us-east-1")).findFirst().orElseThrow()
                .description()).isEqualTo("Virginia, USA");
    }

    @Test
    void requestConformsToTheLambdaOpenApiSpecAndCarriesTheBearerKey() {
        serve(200, resource("instance-types.json"));

        provider(List.of()).listOffers();

        List<LoggedRequest> requests = wire.findAll(getRequestedFor(urlPathEqualTo("/api/v1/instance-types")));
        assertThat(requests).hasSize(1);
        SPEC.assertConforms(requests.get(0), "");
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void unknownFieldsAndNewRegionsDoNotBreakTheRead() {
        serve(200, resource("instance-types-unknown-fields.json"));

        CatalogSnapshot snapshot = provider(List.of()).readCatalog();

        Gpu b200 = snapshot.instanceTypes().stream().filter(t -> t.name().equals("gpu_8x_b200_sxm6")).findFirst()
                .orElseThrow().gpu();
        assertThat(b200.model()).isEqualTo("B200");
        assertThat(b200.memoryGb()).isEqualByComparingTo("180");
        assertThat(b200.interconnect()).isEqualTo(Interconnect.SXM6);
        assertThat(snapshot.instanceTypes().stream().filter(t -> t.name().equals("gpu_1x_a10_nv")).findFirst()
                .orElseThrow().gpu().model()).isEqualTo("A10");
        assertThat(snapshot.offers()).filteredOn(Offer::available).extracting(Offer::id)
                .containsExactly("lambda:us-midwest-2:-:gpu_8x_b200_sxm6:on-demand");
    }

    @Test
    void invalidKeyIsAnAuthenticationErrorThatIsNotRetriedAndNeverShowsTheKey() {
        serve(401, "{\"error\":{\"code\":\"global/invalid-api-key\",\"message\":\"API key was invalid, expired, or deleted.\",\"suggestion\":\"Check your API key or create a new one, then try again.\"}}");
        LambdaCloudProvider lambda = provider(List.of());

        ProviderException e;
        String logs;
        try (CapturedStderr stderr = new CapturedStderr()) {
            e = catchThrowableOfType(ProviderException.class, lambda::listOffers);
            logs = stderr.text();
        }

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertThat(e.providerCode()).isEqualTo("global/invalid-api-key");
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.retryable()).isFalse();
        assertThat(lambda.http().attempts()).isEqualTo(1);
        assertThat(e.getMessage()).doesNotContain(KEY);
        assertThat(String.valueOf(e)).doesNotContain(KEY);
        assertThat(logs).contains("lambda").doesNotContain(KEY);
    }

    @Test
    void errorBodyEchoingTheKeyIsMaskedInTheException() {
        serve(403, "{\"error\":{\"code\":\"global/account-inactive\",\"message\":\"Account for key " + KEY
                + " is inactive.\"}}");

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider(List.of()).listOffers());

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertThat(e.getMessage()).contains("account-inactive").contains("****").doesNotContain(KEY);
    }

    @Test
    void rateLimitWithNonJsonBodyIsRetriedAfterTheRetryAfterDelay() {
        wire.stubFor(get(urlPathEqualTo("/api/v1/instance-types")).inScenario("limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("Too Many Requests"))
                .willSetStateTo("ok"));
        wire.stubFor(get(urlPathEqualTo("/api/v1/instance-types")).inScenario("limit").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody(resource("instance-types.json"))));
        LambdaCloudProvider lambda = provider(List.of());

        long started = System.nanoTime();
        List<Offer> offers = lambda.listOffers();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(offers).isNotEmpty();
        assertThat(lambda.http().attempts()).isEqualTo(2);
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(1));
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void persistentRateLimitGivesUpAfterTheBoundedAttempts() {
        wire.stubFor(get(urlPathEqualTo("/api/v1/instance-types"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0").withBody("<html>slow down</html>")));
        LambdaCloudProvider lambda = provider(List.of());

        ProviderException e = catchThrowableOfType(ProviderException.class, lambda::listOffers);

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ZERO);
        assertThat(lambda.http().attempts()).isEqualTo(3);
        assertThat(wire.findAll(getRequestedFor(urlPathEqualTo("/api/v1/instance-types")))).hasSize(3);
    }

    @Test
    void retryAfterLongerThanTheBackoffCapIsReturnedToTheCallerInsteadOfBlocking() {
        wire.stubFor(get(urlPathEqualTo("/api/v1/instance-types"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120").withBody("slow down")));
        LambdaCloudProvider lambda = provider(List.of());

        ProviderException e = catchThrowableOfType(ProviderException.class, lambda::listOffers);

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(lambda.http().attempts()).isEqualTo(1);
        assertThat(sleeper.delays()).isEmpty();
    }

    @Test
    void serverErrorIsRetriedWithExponentialBackoffThenReportedUnavailable() {
        serve(500, "{\"error\":{\"code\":\"provider/internal-unavailable\",\"message\":\"Provider unavailable\",\"suggestion\":\"Try again shortly\"}}");
        LambdaCloudProvider lambda = provider(List.of());

        ProviderException e = catchThrowableOfType(ProviderException.class, lambda::listOffers);

        assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(e.providerCode()).isEqualTo("provider/internal-unavailable");
        assertThat(lambda.http().attempts()).isEqualTo(3);
        assertThat(sleeper.delays()).containsExactly(Duration.ofMillis(20), Duration.ofMillis(40));
    }

    @Test
    void malformedJsonIsReportedAsProviderUnavailable() {
        serve(200, "{\"data\": {\"gpu_1x_a10\": {\"instance_type\": ");

        assertThatThrownBy(() -> provider(List.of()).listOffers()).isInstanceOf(ProviderException.class)
                .satisfies(t -> assertThat(((ProviderException) t).kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE))
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void slowResponseTimesOutAsProviderUnavailable() {
        wire.stubFor(get(urlPathEqualTo("/api/v1/instance-types"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(2000).withBody(resource("instance-types.json"))));
        LambdaCloudProvider lambda = provider(List.of());

        ProviderException e = catchThrowableOfType(ProviderException.class, lambda::listOffers);

        assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("timed out");
        assertThat(lambda.http().attempts()).isEqualTo(3);
    }

    @Test
    void defaultSettingsKeepToOneRequestPerSecond() {
        serve(200, resource("instance-types.json"));
        LambdaCloudProvider lambda = new LambdaCloudProvider(
                LambdaConfig.of(URI.create("http://127.0.0.1:" + wire.port()), Secret.ofNullable(KEY)));

        long started = System.nanoTime();
        lambda.listOffers();
        lambda.listOffers();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(lambda.http().attempts()).isEqualTo(2);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void priceIsExactCentsNeverADouble() {
        serve(200, resource("instance-types.json"));

        Offer a10 = provider(List.of()).listOffers().stream().filter(o -> o.instanceType().equals("gpu_1x_a10"))
                .findFirst().orElseThrow();

        assertThat(a10.pricePerHour().amount()).isEqualTo(new BigDecimal("0.75"));
        assertThat(a10.pricePerHour().currency()).isEqualTo("USD");
    }
}
