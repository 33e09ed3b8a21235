package dev.skyfleet.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.skyfleet.catalog.CatalogTestSupport;
import dev.skyfleet.catalog.Fixtures;
import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.testing.KafkaTestResource;
import dev.skyfleet.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class OfferSearchTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    String provider;
    String otherCloud;
    /** o1..o6 of {@link #publishCatalog()}. */
    final List<Offer> o = new ArrayList<>();

    /**
     * A small catalog of one unique provider:
     * o1 H100x8 24 r1 avail; o2 H100x8 16 r2 no capacity; o3 H100x1 spot 3.2 r1; o4 A100x4 (40 GB) 10 r2 arm64,
     * other cloud; o5 CPU-only 0.5 r1; o6 L4x1 unpriced r1.
     */
    @BeforeEach
    void publishCatalog() {
        provider = Fixtures.uniqueProvider();
        otherCloud = "c" + provider;
        var at = Fixtures.minutesAgo(5);
        o.add(Fixtures.gpuOffer(provider, "r1", "h100x8a", "H100 SXM5", 8, "24", true, at));
        o.add(Fixtures.gpuOffer(provider, "r2", "h100x8b", "H100", 8, "16", false, at));
        o.add(Fixtures.offer(provider, "r1", Fixtures.spec(provider, "h100x1", "NVIDIA H100 80GB", 1, 80, 26, 200,
                Architecture.X86_64), UsageClass.SPOT, "3.2", true, at));
        o.add(new Offer(null, provider, otherCloud, "r2", null, "a100x4", UsageClass.ON_DEMAND,
                Fixtures.spec(provider, "a100x4", "A100", 4, 40, 64, 480, Architecture.ARM64), Price.usd("10"), true,
                OfferSource.API, at));
        o.add(Fixtures.offer(provider, "r1", Fixtures.spec(provider, "cpu4", null, 0, 0, 4, 16, Architecture.X86_64),
                UsageClass.ON_DEMAND, "0.5", true, at));
        o.add(Fixtures.offer(provider, "r1", Fixtures.spec(provider, "l4x1", "L4", 1, 24, 8, 32, Architecture.X86_64),
                UsageClass.ON_DEMAND, null, true, at));
        try (CatalogTestSupport support = new CatalogTestSupport(bootstrap)) {
            support.publishAdded(o.toArray(Offer[]::new));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ids(Map.of())).hasSize(6));
    }

    private RequestSpecification request(Map<String, ?> params) {
        return given().queryParam("provider", provider).queryParams(params);
    }

    private List<String> ids(Map<String, ?> params) {
        return request(params).get("/api/v1/offers").then().statusCode(200).extract().jsonPath()
                .getList("items.id");
    }

    private List<String> idsOf(int... indexes) {
        List<String> ids = new ArrayList<>();
        for (int i : indexes) {
            ids.add(o.get(i - 1).id());
        }
        return ids;
    }

    @Test
    void gpuNamesAreNormalisedWhateverTheSpelling() {
        for (String spelling : List.of("h100", "H100-80GB", "NVIDIA H100", "nvidia-h100-80gb")) {
            assertThat(ids(Map.of("gpu", spelling))).as(spelling).containsExactlyInAnyOrderElementsOf(idsOf(1, 2, 3));
        }
    }

    @Test
    void everyFilterNarrowsTheResult() {
        assertThat(ids(Map.of("gpuCount", "8"))).containsExactlyInAnyOrderElementsOf(idsOf(1, 2));
        assertThat(ids(Map.of("minGpuCount", "4"))).containsExactlyInAnyOrderElementsOf(idsOf(1, 2, 4));
        assertThat(ids(Map.of("minGpuMemoryGb", "80"))).containsExactlyInAnyOrderElementsOf(idsOf(1, 2, 3));
        assertThat(ids(Map.of("minVcpus", "64"))).containsExactlyInAnyOrderElementsOf(idsOf(1, 2, 4));
        assertThat(ids(Map.of("minMemoryGb", "1000"))).containsExactlyInAnyOrderElementsOf(idsOf(1, 2));
        assertThat(ids(Map.of("arch", "arm64"))).containsExactlyInAnyOrderElementsOf(idsOf(4));
        assertThat(ids(Map.of("arch", "aarch64"))).containsExactlyInAnyOrderElementsOf(idsOf(4));
        assertThat(ids(Map.of("usage", "spot"))).containsExactlyInAnyOrderElementsOf(idsOf(3));
        assertThat(ids(Map.of("usage", "on-demand"))).containsExactlyInAnyOrderElementsOf(idsOf(1, 2, 4, 5, 6));
        assertThat(ids(Map.of("available", "true"))).containsExactlyInAnyOrderElementsOf(idsOf(1, 3, 4, 5, 6));
        assertThat(ids(Map.of("available", "false"))).containsExactlyInAnyOrderElementsOf(idsOf(2));
        assertThat(ids(Map.of("maxPrice", "10"))).containsExactlyInAnyOrderElementsOf(idsOf(3, 4, 5));
        assertThat(ids(Map.of("region", "r2"))).containsExactlyInAnyOrderElementsOf(idsOf(2, 4));
        assertThat(ids(Map.of("cloud", otherCloud))).containsExactlyInAnyOrderElementsOf(idsOf(4));
        assertThat(ids(Map.of("gpu", "h100", "available", "true", "region", "r1")))
                .containsExactlyInAnyOrderElementsOf(idsOf(1, 3));
        assertThat(given().queryParam("provider", "nobody-" + provider).get("/api/v1/offers").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void sortsByPricePricePerGpuAndGpuMemory() {
        assertThat(ids(Map.of())).containsExactlyElementsOf(idsOf(5, 3, 4, 2, 1, 6));
        assertThat(ids(Map.of("sort", "price"))).containsExactlyElementsOf(idsOf(5, 3, 4, 2, 1, 6));
        List<String> perGpu = ids(Map.of("sort", "pricePerGpu"));
        assertThat(perGpu.subList(0, 4)).containsExactlyElementsOf(idsOf(2, 4, 1, 3));
        assertThat(perGpu.subList(4, 6)).containsExactlyInAnyOrderElementsOf(idsOf(5, 6));
        assertThat(ids(Map.of("sort", "gpuMemory"))).containsExactlyElementsOf(idsOf(2, 1, 4, 3, 6, 5));
    }

    @Test
    void pagesWithACursorWalkTheWholeOrderOnce() {
        for (String sort : List.of("price", "pricePerGpu", "gpuMemory")) {
            List<String> all = ids(Map.of("sort", sort));
            List<String> walked = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                RequestSpecification page = request(Map.of("sort", sort, "limit", "4"));
                if (cursor != null) {
                    page.queryParam("cursor", cursor);
                }
                var json = page.get("/api/v1/offers").then().statusCode(200).extract().jsonPath();
                walked.addAll(json.getList("items.id"));
                cursor = json.getString("nextCursor");
                pages++;
            } while (cursor != null && pages < 10);
            assertThat(pages).isEqualTo(2);
            assertThat(walked).as(sort).containsExactlyElementsOf(all);
        }
    }

    @Test
    void anOfferCarriesEveryFieldTheApiPromises() {
        var json = given().get("/api/v1/offers/{id}", o.get(3).id()).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
        assertThat(json.getString("cloud")).isEqualTo(otherCloud);
        assertThat(json.getString("arch")).isEqualTo("arm64");
        assertThat(json.getString("gpu.model")).isEqualTo("A100");
        assertThat(json.getInt("gpu.memoryGb")).isEqualTo(40);
        assertThat(json.getInt("vcpus")).isEqualTo(64);
        assertThat(json.getInt("memoryGb")).isEqualTo(480);
        assertThat(json.getString("pricePerGpu")).isEqualTo("2.5");
        assertThat(json.getString("source")).isEqualTo("api");
        assertThat(json.getString("observedAt")).isNotBlank();
        assertThat(json.getString("zone")).isNull();
    }

    @Test
    void invalidParametersAreProblemsNamingTheParameter() {
        Map<String, String> bad = Map.of("limit", "0", "sort", "cheapest", "gpuCount", "abc", "usage", "reserved",
                "available", "maybe", "cursor", "%%%", "arch", "sparc", "maxPrice", "-1", "minVcpus", "1e99");
        bad.forEach((parameter, value) -> request(Map.of(parameter, value)).get("/api/v1/offers").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("status", equalTo(400))
                .body("parameter", equalTo(parameter)).body("type", startsWith("https://")));
        request(Map.of("limit", "501")).get("/api/v1/offers").then().statusCode(400).body("parameter",
                equalTo("limit"));
        String priceCursor = request(Map.of("limit", "1")).get("/api/v1/offers").then().extract().jsonPath()
                .getString("nextCursor");
        request(Map.of("sort", "gpuMemory", "cursor", priceCursor)).get("/api/v1/offers").then().statusCode(400)
                .body("parameter", equalTo("cursor"));
    }

    @Test
    void unknownAndMalformedOfferIdsAreProblems() {
        given().get("/api/v1/offers/{id}", provider + ":r1:-:nothing:on-demand").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE).body("status", equalTo(404));
        given().get("/api/v1/offers/{id}/history", provider + ":r1:-:nothing:on-demand").then().statusCode(404);
        given().get("/api/v1/offers/{id}", "not-an-id").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("parameter", equalTo("id"));
        given().get("/api/v1/no-such-thing").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void regionsAndGpusSummariseTheCatalog() {
        List<Map<String, Object>> regions = given().queryParam("provider", provider).get("/api/v1/regions").then()
                .statusCode(200).extract().jsonPath().getList("");
        assertThat(regions).extracting(r -> r.get("region") + "/" + r.get("cloud") + "/" + r.get("offers") + "/"
                + r.get("offersAvailable"))
                .containsExactlyInAnyOrder("r1/" + provider + "/4/4", "r2/" + provider + "/1/0",
                        "r2/" + otherCloud + "/1/1");

        Map<String, Object> h100 = given().get("/api/v1/gpus").then().statusCode(200).extract().jsonPath()
                .getMap("find { it.model == 'H100' }");
        assertThat(h100).isNotNull();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> clouds = (List<Map<String, Object>>) h100.get("clouds");
        Map<String, Object> mine = clouds.stream().filter(c -> provider.equals(c.get("cloud"))).findFirst()
                .orElseThrow();
        assertThat(((Map<?, ?>) mine.get("cheapestOnDemand")).get("amount").toString()).isEqualTo("16");
        assertThat(((Map<?, ?>) mine.get("cheapestSpot")).get("amount").toString()).isEqualTo("3.2");
        assertThat(mine.get("regionsWithCapacity")).isEqualTo(1);
        assertThat(mine.get("offers")).isEqualTo(3);
        assertThat((List<?>) h100.get("counts")).extracting(Object::toString).contains("1", "8");
    }
}
