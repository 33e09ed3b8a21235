package dev.skyfleet.providers.shadeform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.GpuManufacturer;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Interconnect;
import dev.skyfleet.model.Offer;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShadeformProviderTests {
    private static final String KEY = "sf_live_key_31c0ffee";
    private static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");
    private static final OpenApiRequests SPEC = OpenApiRequests.load("shadeform-openapi.yaml");

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

    private ShadeformProvider provider(Clock clock) {
        HttpSettings http = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 3, Duration.ofMillis(10),
                Duration.ofSeconds(3), 1000, 1000);
        return new ShadeformProvider(new ShadeformConfig(URI.create("http://127.0.0.1:" + wire.port() + "/v1"),
                Secret.ofNullable(KEY), http), clock, sleeper);
    }

    private ShadeformProvider provider() {
        return provider(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String resource(String name) {
        try (InputStream in = ShadeformProviderTests.class.getResourceAsStream("/shadeform/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve(int status, String body) {
        wire.stubFor(get(urlPathEqualTo("/v1/instances/types"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private Map<String, Offer> offers() {
        return provider().listOffers().stream().collect(Collectors.toMap(Offer::id, Function.identity()));
    }

    @Test
    void mapsTypesToCloudPrefixedNamesWithNormalisedGpus() {
        serve(200, resource("instance-types.json"));

        Map<String, InstanceTypeSpec> types = provider().listInstanceTypes().stream()
                .collect(Collectors.toMap(InstanceTypeSpec::name, Function.identity()));

        assertThat(types).containsOnlyKeys("hyperstack_A6000", "massedcompute_A100_80G", "hotaisle_MI300X",
                "verda_B200");
        Gpu a100 = types.get("massedcompute_A100_80G").gpu();
        assertThat(a100.model()).isEqualTo("A100");
        assertThat(a100.memoryGb()).isEqualByComparingTo("80");
        assertThat(a100.count()).isEqualByComparingTo("8");
        assertThat(a100.interconnect()).isEqualTo(Interconnect.SXM4);
        assertThat(a100.raw()).isEqualTo("A100_80G");
        Gpu mi300x = types.get("hotaisle_MI300X").gpu();
        assertThat(mi300x.manufacturer()).isEqualTo(GpuManufacturer.AMD);
        assertThat(mi300x.memoryGb()).isEqualByComparingTo("192");
        assertThat(types.get("hyperstack_A6000").gpu().interconnect()).isEqualTo(Interconnect.PCIE);
        assertThat(types.get("hyperstack_A6000").memoryGib()).isEqualByComparingTo("12");
        assertThat(types.get("verda_B200").architecture()).isEqualTo(Architecture.X86_64);
        assertThat(types.values()).allMatch(t -> t.provider().equals("shadeform"));
    }

    @Test
    void oneOfferPerRegionAndRentalTypeWithTheUpstreamCloud() {
        serve(200, resource("instance-types.json"));

        Map<String, Offer> offers = offers();

        assertThat(offers).containsOnlyKeys(
                "shadeform:canada-1:-:hyperstack_A6000:on-demand",
                "shadeform:norway-1:-:hyperstack_A6000:on-demand",
                "shadeform:desmoines-usa-1:-:massedcompute_A100_80G:on-demand",
                "shadeform:desmoines-usa-1:-:massedcompute_A100_80G:spot",
                "shadeform:kansascity-usa-1:-:massedcompute_A100_80G:on-demand",
                "shadeform:us-east-1:-:hotaisle_MI300X:on-demand",
                "shadeform:helsinki-finland-5:-:verda_B200:on-demand",
                "shadeform:helsinki-finland-5:-:verda_B200:spot");
        Offer a6000 = offers.get("shadeform:canada-1:-:hyperstack_A6000:on-demand");
        assertThat(a6000.provider()).isEqualTo("shadeform");
        assertThat(a6000.cloud()).isEqualTo("hyperstack");
        assertThat(a6000.available()).isTrue();
        assertThat(a6000.pricePerHour()).isEqualTo(Price.usdCents(210));
        assertThat(offers.get("shadeform:norway-1:-:hyperstack_A6000:on-demand").available()).isFalse();
        assertThat(offers.get("shadeform:helsinki-finland-5:-:verda_B200:on-demand").available()).isTrue();
        assertThat(offers.get("shadeform:helsinki-finland-5:-:verda_B200:spot").available()).isFalse();
    }

    @Test
    void spotOnlyAvailabilityNeverMakesTheOnDemandOfferAvailable() {
        serve(200, resource("instance-types.json"));

        Map<String, Offer> offers = offers();

        Offer spot = offers.get("shadeform:desmoines-usa-1:-:massedcompute_A100_80G:spot");
        Offer onDemand = offers.get("shadeform:desmoines-usa-1:-:massedcompute_A100_80G:on-demand");
        assertThat(spot.usage()).isEqualTo(UsageClass.SPOT);
        assertThat(spot.available()).isTrue();
        assertThat(onDemand.available()).isFalse();
    }

    @Test
    void regionsAreDerivedFromAvailabilityRows() {
        serve(200, resource("instance-types.json"));

        List<Region> regions = provider().listRegions();

        assertThat(regions).extracting(Region::id).containsExactly("canada-1", "desmoines-usa-1",
                "helsinki-finland-5", "kansascity-usa-1", "norway-1", "us-east-1");
        assertThat(regions).filteredOn(r -> r.id().equals("canada-1")).extracting(Region::description)
                .containsExactly("CA, Montreal");
    }

    @Test
    void requestConformsToTheShadeformOpenApiSpecWithTheApiKeyHeader() {
        serve(200, resource("instance-types.json"));

        provider().listOffers();

        List<LoggedRequest> requests = wire.findAll(getRequestedFor(urlPathEqualTo("/v1/instances/types")));
        assertThat(requests).hasSize(1);
        SPEC.assertConforms(requests.get(0), "/v1");
        assertThat(requests.get(0).getHeader("X-API-KEY")).isEqualTo(KEY);
        assertThat(requests.get(0).getHeader("Authorization")).isNull();
    }

    @Test
    void unknownFieldsUnknownCloudsAndUnknownRentalTypesDoNotBreakTheRead() {
        serve(200, resource("instance-types-unknown-fields.json"));

        CatalogSnapshot snapshot = provider().readCatalog();

        assertThat(snapshot.instanceTypes()).extracting(InstanceTypeSpec::name).containsExactly("brandnewcloud_H200");
        assertThat(snapshot.instanceTypes().get(0).gpu().interconnect()).isEqualTo(Interconnect.SXM5);
        assertThat(snapshot.offers()).extracting(Offer::id)
                .containsExactly("shadeform:mars-base-1:-:brandnewcloud_H200:on-demand");
        assertThat(snapshot.offers().get(0).available()).isFalse();
        assertThat(snapshot.offers().get(0).cloud()).isEqualTo("brandnewcloud");
    }

    @Test
    void outOfStockConflictIsInsufficientCapacity() {
        ProviderException e = ShadeformErrors.map(409,
                "{\"error_code\":\"OUT_OF_STOCK\",\"error\":\"No availability for A100_80G in desmoines-usa-1\"}", null);

        assertThat(e.kind()).isEqualTo(ErrorKind.INSUFFICIENT_CAPACITY);
        assertThat(e.providerCode()).isEqualTo("OUT_OF_STOCK");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void otherConflictKeepsItsCode() {
        ProviderException e = ShadeformErrors.map(409, "{\"error_code\":\"NAME_TAKEN\",\"error\":\"name exists\"}",
                null);

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e.providerCode()).isEqualTo("NAME_TAKEN");
        assertThat(e.getMessage()).contains("name exists");
    }

    @Test
    void unauthorizedAndForbiddenAreAuthenticationErrorsWithoutTheKey() {
        for (int status : new int[] {401, 403}) {
            wire.resetAll();
            serve(status, "{\"error\":\"invalid api key\"}");
            ShadeformProvider shadeform = provider();

            ProviderException e;
            String logs;
            try (CapturedStderr stderr = new CapturedStderr()) {
                e = catchThrowableOfType(ProviderException.class, shadeform::listOffers);
                logs = stderr.text();
            }

            assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(shadeform.http().attempts()).isEqualTo(1);
            assertThat(e.getMessage()).doesNotContain(KEY);
            assertThat(logs).doesNotContain(KEY);
        }
    }

    @Test
    void rateLimitHonoursAnHttpDateRetryAfter() {
        Instant wallNow = Instant.now();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(wallNow.plusSeconds(2).atZone(ZoneOffset.UTC));
        wire.stubFor(get(urlPathEqualTo("/v1/instances/types")).inScenario("limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", date).withBody("slow down"))
                .willSetStateTo("ok"));
        wire.stubFor(get(urlPathEqualTo("/v1/instances/types")).inScenario("limit").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody(resource("instance-types.json"))));
        ShadeformProvider shadeform = provider(Clock.fixed(wallNow, ZoneOffset.UTC));

        List<Offer> offers = shadeform.listOffers();

        assertThat(offers).hasSize(8);
        assertThat(shadeform.http().attempts()).isEqualTo(2);
        assertThat(sleeper.delays()).hasSize(1);
        assertThat(sleeper.delays().get(0)).isBetween(Duration.ofMillis(1000), Duration.ofSeconds(2));
    }

    @Test
    void serverErrorsAreRetriedThenReported() {
        serve(503, "upstream connect error");
        ShadeformProvider shadeform = provider();

        ProviderException e = catchThrowableOfType(ProviderException.class, shadeform::listOffers);

        assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(shadeform.http().attempts()).isEqualTo(3);
        assertThat(e.getMessage()).contains("503").contains("upstream connect error");
    }

    @Test
    void malformedJsonIsNotRetriedAndReportedUnavailable() {
        serve(200, "{\"instance_types\": [ {\"cloud\": ");
        ShadeformProvider shadeform = provider();

        ProviderException e = catchThrowableOfType(ProviderException.class, shadeform::listOffers);

        assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(shadeform.http().attempts()).isEqualTo(1);
    }
}
