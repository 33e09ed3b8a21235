package dev.skyfleet.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.skyfleet.catalog.CatalogTestSupport;
import dev.skyfleet.catalog.Fixtures;
import dev.skyfleet.model.Offer;
import dev.skyfleet.testing.KafkaTestResource;
import dev.skyfleet.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class SelectionTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** A GPU model only this test's offers have, so relaxed alternatives stay within them. */
    String gpu;
    String fresh;
    String stale;
    String silent;
    Offer fresh20;
    Offer fresh25;
    Offer freshNoCapacity5;
    Offer stale10;
    Offer silent12;

    /** A fresh provider, a stale one (last success 2 h ago) and one that never published a status. */
    @BeforeEach
    void publishCatalog() {
        gpu = "ZT" + Fixtures.uniqueProvider().substring(1, 7).toUpperCase(java.util.Locale.ROOT);
        fresh = Fixtures.uniqueProvider();
        stale = Fixtures.uniqueProvider();
        silent = Fixtures.uniqueProvider();
        Instant at = Fixtures.minutesAgo(3);
        fresh20 = Fixtures.gpuOffer(fresh, "r1", "x8a", gpu, 8, "20", true, at);
        fresh25 = Fixtures.gpuOffer(fresh, "r2", "x8b", gpu, 8, "25", true, at);
        freshNoCapacity5 = Fixtures.gpuOffer(fresh, "r3", "x8c", gpu, 8, "5", false, at);
        stale10 = Fixtures.gpuOffer(stale, "r1", "x8", gpu, 8, "10", true, at);
        silent12 = Fixtures.gpuOffer(silent, "r1", "x8", gpu, 8, "12", true, at);
        try (CatalogTestSupport support = new CatalogTestSupport(bootstrap)) {
            support.publishStatus(fresh, Fixtures.minutesAgo(1), 3);
            support.publishStatus(stale, Fixtures.minutesAgo(120), 1);
            support.publishAdded(fresh20, fresh25, freshNoCapacity5, stale10, silent12);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(given().queryParam("provider", fresh, stale, silent).get("/api/v1/offers").then()
                    .extract().jsonPath().getList("items")).hasSize(5);
            assertThat(given().get("/api/v1/providers").then().extract().jsonPath()
                    .getList("findAll { it.state == 'ok' }.provider")).contains(fresh, stale);
        });
    }

    private static JsonPath select(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/selections").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void ranksCheapestAvailableFreshOffersFirstAndStaleProvidersAfterThemFlagged() {
        JsonPath result = select(Map.of("gpu", "nvidia " + gpu.toLowerCase(java.util.Locale.ROOT), "gpuCount", 8,
                "providers", List.of(fresh, stale, silent)));
        assertThat(result.getList("candidates.offer.id")).containsExactly(fresh20.id(), fresh25.id(), stale10.id(),
                silent12.id());
        assertThat(result.getList("candidates.rank")).containsExactly(1, 2, 3, 4);
        assertThat(result.getList("candidates.stale")).containsExactly(false, false, true, true);
        assertThat(result.getList("candidates.pricePerHour.amount").stream().map(Object::toString).toList())
                .containsExactly("20", "25", "10", "12");
        assertThat(result.getString("candidates[0].reasons[0]")).contains("cheapest");
        assertThat(result.getString("candidates[1].reasons[0]")).contains("5 USD/h more");
        assertThat(result.getList("candidates[2].reasons", String.class))
                .anyMatch(r -> r.contains(stale) && r.contains("ranked after fresh providers"));
        assertThat(result.getList("candidates[3].reasons", String.class))
                .anyMatch(r -> r.contains(silent) && r.contains("no status"));
        assertThat(result.getList("staleProviders")).containsExactlyInAnyOrder(stale, silent);
        assertThat(result.getList("alternatives")).isEmpty();
    }

    @Test
    void limitAndUsageNarrowTheCandidates() {
        JsonPath result = select(Map.of("gpu", gpu, "providers", List.of(fresh, stale), "limit", 1));
        assertThat(result.getList("candidates.offer.id")).containsExactly(fresh20.id());
        JsonPath spot = select(Map.of("gpu", gpu, "providers", List.of(fresh, stale), "usage", "spot"));
        assertThat(spot.getList("candidates")).isEmpty();
    }

    @Test
    void whenNothingFitsTheNearestAlternativesSayWhatTheyRelax() {
        JsonPath result = select(Map.of("gpu", gpu, "gpuCount", 8, "providers", List.of(fresh), "maxPrice", 15));
        assertThat(result.getList("candidates")).isEmpty();
        List<Map<String, Object>> alternatives = result.getList("alternatives");
        assertThat(alternatives).extracting(a -> ((Map<?, ?>) a.get("offer")).get("id") + " " + a.get("relaxed"))
                .containsExactly(freshNoCapacity5.id() + " [available]", fresh20.id() + " [maxPrice]",
                        fresh25.id() + " [maxPrice]", stale10.id() + " [providers, clouds, regions]",
                        silent12.id() + " [providers, clouds, regions]");
        assertThat(alternatives.get(0).get("reason").toString()).contains("no capacity now");
        assertThat(alternatives.get(1).get("reason").toString()).contains("above maxPrice 15");
    }

    @Test
    void invalidRequestsAreProblemsNamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("limit", 0)).post("/api/v1/selections").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("limit"));
        given().contentType(ContentType.JSON).body(Map.of("usage", "reserved")).post("/api/v1/selections").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("parameter", equalTo("usage"));
        given().contentType(ContentType.JSON).body(Map.of("gpuCount", "eight")).post("/api/v1/selections").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("gpuCount"));
        given().contentType(ContentType.JSON).body("{not json").post("/api/v1/selections").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE);
        given().contentType(ContentType.JSON).body(Map.of("maxPrice", -1)).post("/api/v1/selections").then()
                .statusCode(400).body("parameter", equalTo("maxPrice"));
        given().contentType(ContentType.JSON).body(Map.of("gpu", "H100", "minGpuCont", 8)).post("/api/v1/selections")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("minGpuCont"));
    }

    @Test
    void providersShowStalenessAndOfferCounts() {
        List<Map<String, Object>> providers = given().get("/api/v1/providers").then().statusCode(200).extract()
                .jsonPath().getList("");
        Map<String, Object> f = providers.stream().filter(p -> fresh.equals(p.get("provider"))).findFirst()
                .orElseThrow();
        Map<String, Object> s = providers.stream().filter(p -> stale.equals(p.get("provider"))).findFirst()
                .orElseThrow();
        Map<String, Object> n = providers.stream().filter(p -> silent.equals(p.get("provider"))).findFirst()
                .orElseThrow();
        assertThat(f).containsEntry("stale", false).containsEntry("offers", 3).containsEntry("offersAvailable", 2);
        assertThat(s).containsEntry("stale", true).containsEntry("offers", 1);
        assertThat(Duration.parse(s.get("staleness").toString())).isGreaterThan(Duration.ofMinutes(100));
        assertThat(n).containsEntry("stale", true).containsEntry("state", "unknown").containsEntry("offers", 1);
    }
}
