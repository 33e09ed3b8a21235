package dev.skyfleet.providers.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Interconnect;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.Region;
import dev.skyfleet.providers.CatalogSnapshot;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.ProviderException;
import java.io.IOException;
import java.io.InputStream;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class AwsEc2ProviderTests {
    private static final String ACCESS_KEY = "FAKE-ACCESS-KEY-FOR-TESTS-1";
    private static final String SECRET_KEY = "fakeSecretKeyForWireMockTests/xyz0123456";
    private static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");

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

    private AwsEc2Provider provider(List<String> regions, int maxAttempts) {
        AwsConfig config = new AwsConfig(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)), regions,
                "us-east-1", "us-east-1", URI.create("http://127.0.0.1:" + wire.port()), 2, Duration.ofSeconds(10),
                maxAttempts);
        return new AwsEc2Provider(config, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String resource(String name) {
        try (InputStream in = AwsEc2ProviderTests.class.getResourceAsStream("/aws/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An EC2 Query-protocol call in a region: form body Action=..., SigV4 scope names the region. */
    private static MappingBuilder ec2(String action, String region) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"))
                .withHeader("Authorization", containing("/" + region + "/ec2/aws4_request"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String file) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(resource(file));
    }

    private void stubCatalog() {
        wire.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", containing("GetProducts"))
                .withRequestBody(containing("\"NextToken\":\"price-page-2\""))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(resource("pricing-us-east-1-page2.json"))));
        wire.stubFor(ec2("DescribeRegions", "us-east-1").willReturn(xml("describe-regions.xml")));
        wire.stubFor(ec2("DescribeInstanceTypes", "us-east-1").withRequestBody(not(containing("NextToken")))
                .willReturn(xml("instance-types-us-east-1-page1.xml")));
        wire.stubFor(ec2("DescribeInstanceTypes", "us-east-1").withRequestBody(containing("NextToken=tok-2"))
                .willReturn(xml("instance-types-us-east-1-page2.xml")));
        wire.stubFor(ec2("DescribeInstanceTypes", "ap-northeast-1").willReturn(xml("instance-types-ap-northeast-1.xml")));
        for (String region : List.of("us-east-1", "ap-northeast-1")) {
            wire.stubFor(ec2("DescribeInstanceTypeOfferings", region).willReturn(xml("offerings-" + region + ".xml")));
            wire.stubFor(ec2("DescribeSpotPriceHistory", region).willReturn(xml("spot-" + region + ".xml")));
            wire.stubFor(post(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", containing("AWSPriceListService.GetProducts"))
                    .withHeader("Authorization", containing("/us-east-1/pricing/aws4_request"))
                    .withRequestBody(matchingJsonPath(
                            "$.Filters[?(@.Field == 'regionCode' && @.Value == '" + region + "')]"))
                    .withRequestBody(not(containing("NextToken")))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody(resource("pricing-" + region + ".json"))));
        }
    }

    @Test
    void pricingPagesAreAllRead() {
        stubCatalog();

        Map<String, Offer> offers = provider(List.of("us-east-1"), 1).listOffers().stream()
                .collect(Collectors.toMap(Offer::id, o -> o));

        assertThat(offers.get("aws:us-east-1:us-east-1a:m7a.large:on-demand").pricePerHour())
                .isEqualTo(Price.usd("0.11592"));
        assertThat(wire.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", containing("GetProducts"))))
                .hasSize(2);
    }

    @Test
    void readsEnabledRegionsOnly() {
        stubCatalog();

        List<Region> regions = provider(List.of(), 1).listRegions();

        assertThat(regions).extracting(Region::id).containsExactly("ap-northeast-1", "us-east-1");
    }

    @Test
    void configuredRegionListIsIntersectedWithEnabledRegions() {
        stubCatalog();

        List<Region> regions = provider(List.of("us-east-1", "me-south-1", "eu-west-9"), 1).listRegions();

        assertThat(regions).extracting(Region::id).containsExactly("us-east-1");
    }

    @Test
    void mapsInstanceTypesWithTheGpuQuirks() {
        stubCatalog();

        Map<String, InstanceTypeSpec> types = provider(List.of(), 1).listInstanceTypes().stream()
                .collect(Collectors.toMap(InstanceTypeSpec::name, Function.identity()));

        assertThat(types).containsOnlyKeys("p4de.24xlarge", "p5.48xlarge", "g6f.2xlarge", "m7a.large");
        Gpu p4de = types.get("p4de.24xlarge").gpu();
        assertThat(p4de.model()).isEqualTo("A100");
        assertThat(p4de.memoryGb()).isEqualByComparingTo("80");
        assertThat(p4de.count()).isEqualByComparingTo("8");
        assertThat(p4de.interconnect()).isEqualTo(Interconnect.SXM4);
        assertThat(types.get("p4de.24xlarge").memoryGib()).isEqualByComparingTo("1152");
        assertThat(types.get("p4de.24xlarge").vcpus()).isEqualByComparingTo("96");
        assertThat(types.get("p4de.24xlarge").storageGb()).isEqualByComparingTo("8000");
        assertThat(types.get("p4de.24xlarge").networkPerformance()).isEqualTo("4x 100 Gigabit");
        Gpu p5 = types.get("p5.48xlarge").gpu();
        assertThat(p5.model()).isEqualTo("H100");
        assertThat(p5.memoryGb()).isEqualByComparingTo("80");
        Gpu g6f = types.get("g6f.2xlarge").gpu();
        assertThat(g6f.model()).isEqualTo("L4");
        assertThat(g6f.count()).isEqualByComparingTo("0.25");
        assertThat(g6f.memoryGb()).isEqualByComparingTo("24");
        assertThat(g6f.totalMemoryGb()).isEqualByComparingTo("6");
        assertThat(types.get("m7a.large").gpu()).isNull();
        assertThat(types.get("m7a.large").memoryGib()).isEqualByComparingTo("8");
        assertThat(types.values()).allMatch(t -> t.architecture() == Architecture.X86_64);
    }

    @Test
    void zoneLevelOnDemandAndSpotOffersJoinPricesAndOfferings() {
        stubCatalog();

        CatalogSnapshot snapshot = provider(List.of(), 1).readCatalog();

        Map<String, Offer> offers = snapshot.offers().stream().collect(Collectors.toMap(Offer::id, o -> o));
        assertThat(offers).containsOnlyKeys(
                "aws:us-east-1:us-east-1a:p4de.24xlarge:on-demand", "aws:us-east-1:us-east-1a:p4de.24xlarge:spot",
                "aws:us-east-1:us-east-1b:p4de.24xlarge:on-demand", "aws:us-east-1:us-east-1b:p4de.24xlarge:spot",
                "aws:us-east-1:us-east-1a:p5.48xlarge:on-demand", "aws:us-east-1:us-east-1a:p5.48xlarge:spot",
                "aws:us-east-1:us-east-1a:m7a.large:on-demand", "aws:us-east-1:us-east-1a:m7a.large:spot",
                "aws:us-east-1:us-east-1b:m7a.large:on-demand", "aws:us-east-1:us-east-1b:m7a.large:spot",
                "aws:ap-northeast-1:ap-northeast-1a:g6f.2xlarge:on-demand",
                "aws:ap-northeast-1:ap-northeast-1a:g6f.2xlarge:spot");
        assertThat(offers.get("aws:us-east-1:us-east-1a:p4de.24xlarge:on-demand").pricePerHour())
                .isEqualTo(Price.usd("27.44705"));
        assertThat(offers.get("aws:us-east-1:us-east-1b:p4de.24xlarge:on-demand").pricePerHour())
                .isEqualTo(Price.usd("27.44705"));
        assertThat(offers.get("aws:us-east-1:us-east-1a:p4de.24xlarge:spot").pricePerHour())
                .as("newest spot record wins").isEqualTo(Price.usd("9.9734"));
        assertThat(offers.get("aws:us-east-1:us-east-1b:p4de.24xlarge:spot").pricePerHour())
                .isEqualTo(Price.usd("8.6505"));
        assertThat(offers.get("aws:us-east-1:us-east-1a:p5.48xlarge:on-demand").pricePerHour())
                .as("unpriced type kept with a null price").isNull();
        assertThat(offers.get("aws:us-east-1:us-east-1b:m7a.large:spot").pricePerHour()).isNull();
        assertThat(offers.get("aws:ap-northeast-1:ap-northeast-1a:g6f.2xlarge:on-demand").pricePerHour())
                .isEqualTo(Price.usd("0.68888"));
        assertThat(snapshot.offers()).allMatch(Offer::available).allMatch(o -> o.source() == OfferSource.API)
                .allMatch(o -> o.observedAt().equals(NOW));
    }

    @Test
    void followsPaginationAndAsksForCurrentLinuxSpotPrices() {
        stubCatalog();

        provider(List.of("us-east-1"), 1).readCatalog();

        List<LoggedRequest> typeCalls = wire.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeInstanceTypes&")));
        assertThat(typeCalls).hasSize(2);
        List<LoggedRequest> spotCalls = wire.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeSpotPriceHistory&")));
        assertThat(spotCalls).hasSize(1);
        String body = spotCalls.get(0).getBodyAsString();
        assertThat(body).contains("ProductDescription.1=Linux%2FUNIX").contains("StartTime=2026-11-21T18%3A00%3A00Z");
        List<LoggedRequest> offeringCalls = wire.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeInstanceTypeOfferings&")));
        assertThat(offeringCalls.get(0).getBodyAsString()).contains("LocationType=availability-zone");
        List<LoggedRequest> pricingCalls = wire.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", containing("GetProducts")));
        assertThat(pricingCalls).as("two pages").hasSize(2);
        assertThat(pricingCalls.get(0).getBodyAsString()).contains("\"ServiceCode\":\"AmazonEC2\"")
                .contains("\"Field\":\"operatingSystem\"").contains("\"Value\":\"Linux\"");
    }

    @Test
    void authFailureIsAnAuthenticationErrorWithoutCredentialsInTheMessage() {
        wire.stubFor(ec2("DescribeRegions", "us-east-1").willReturn(aResponse().withStatus(401)
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>AuthFailure</Code>"
                        + "<Message>AWS was not able to validate the provided access credentials</Message></Error>"
                        + "</Errors><RequestID>d1</RequestID></Response>")));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider(List.of(), 3).listOffers());

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        // HttpURLConnection hides the body of a 401, so the code is unknown and the status decides
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).doesNotContain(SECRET_KEY).doesNotContain(ACCESS_KEY);
        assertThat(wire.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(1);
    }

    @Test
    void authFailureCodeIsReadWhenTheBodyIsAvailable() {
        wire.stubFor(ec2("DescribeRegions", "us-east-1").willReturn(aResponse().withStatus(403)
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>AuthFailure</Code>"
                        + "<Message>AWS was not able to validate the provided access credentials</Message></Error>"
                        + "</Errors><RequestID>d1</RequestID></Response>")));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider(List.of(), 3).listRegions());

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertThat(e.providerCode()).isEqualTo("AuthFailure");
        assertThat(e.getMessage()).contains("AWS was not able to validate").doesNotContain(SECRET_KEY);
    }

    @Test
    void unauthorizedOperationInOneRegionFailsTheRead() {
        stubCatalog();
        wire.stubFor(ec2("DescribeSpotPriceHistory", "ap-northeast-1").willReturn(aResponse().withStatus(403)
                .withBody("<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not "
                        + "authorized to perform this operation.</Message></Error></Errors><RequestID>d2</RequestID>"
                        + "</Response>")));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider(List.of(), 1).readCatalog());

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertThat(e.getMessage()).contains("DescribeSpotPriceHistory(ap-northeast-1)");
    }

    @Test
    void throttlingIsRateLimitedAfterBoundedSdkAttempts() {
        wire.stubFor(ec2("DescribeRegions", "us-east-1").willReturn(aResponse().withStatus(503)
                .withBody("<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded."
                        + "</Message></Error></Errors><RequestID>d3</RequestID></Response>")));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider(List.of(), 2).listRegions());

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryable()).isTrue();
        assertThat(wire.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(2);
    }

    @Test
    void serverErrorIsProviderUnavailable() {
        wire.stubFor(ec2("DescribeRegions", "us-east-1").willReturn(aResponse().withStatus(500)
                .withBody("<Response><Errors><Error><Code>InternalError</Code><Message>An internal error has "
                        + "occurred</Message></Error></Errors><RequestID>d4</RequestID></Response>")));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider(List.of(), 1).listRegions());

        assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(e.httpStatus()).isEqualTo(500);
    }
}
