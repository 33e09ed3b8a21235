package dev.skyfleet.catalog.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.skyfleet.catalog.CatalogTestSupport;
import dev.skyfleet.catalog.Fixtures;
import dev.skyfleet.messaging.Topics;
import dev.skyfleet.model.InstanceTypeEvent;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.Price;
import dev.skyfleet.testing.KafkaTestResource;
import dev.skyfleet.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class IngestTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    CatalogTestSupport support;

    @BeforeEach
    void connect() {
        support = new CatalogTestSupport(bootstrap);
    }

    @AfterEach
    void disconnect() {
        support.close();
    }

    private static JsonPath offerJson(String id) {
        return given().get("/api/v1/offers/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> history(String id) {
        return given().get("/api/v1/offers/{id}/history", id).then().statusCode(200).extract().jsonPath()
                .getList("entries");
    }

    private ConsumerRecord<String, String> deadLetter(String key) {
        var task = support.kafka().consumeStrings().fromTopics(Topics.OFFERS.deadLetter().name());
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> task.getRecords().stream()
                    .anyMatch(r -> key.equals(r.key())));
            return task.getRecords().stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
        } finally {
            task.stop();
        }
    }

    @Test
    void roundTripsAnOfferThroughTheBrokerIntoTheDatabase() {
        String provider = Fixtures.uniqueProvider();
        Offer offer = Fixtures.gpuOffer(provider, "us-east-1", "gpu_8x_h100_sxm5", "NVIDIA H100 80GB", 8, "23.92",
                true, Fixtures.minutesAgo(5));
        support.publishAdded(offer);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> given().get("/api/v1/offers/{id}", offer.id()).then().statusCode(200));
        JsonPath json = offerJson(offer.id());
        assertThat(json.getString("id")).isEqualTo(provider + ":us-east-1:-:gpu_8x_h100_sxm5:on-demand");
        assertThat(json.getString("provider")).isEqualTo(provider);
        assertThat(json.getString("cloud")).isEqualTo(provider);
        assertThat(json.getString("region")).isEqualTo("us-east-1");
        assertThat(json.getString("instanceType")).isEqualTo("gpu_8x_h100_sxm5");
        assertThat(json.getString("usage")).isEqualTo("on-demand");
        assertThat(json.getString("gpu.model")).isEqualTo("H100");
        assertThat(json.getInt("gpu.count")).isEqualTo(8);
        assertThat(json.getInt("gpu.totalMemoryGb")).isEqualTo(640);
        assertThat(json.getString("pricePerHour.amount")).isEqualTo("23.92");
        assertThat(json.getString("pricePerHour.currency")).isEqualTo("USD");
        assertThat(json.getString("pricePerGpu")).isEqualTo("2.99");
        assertThat(json.getBoolean("available")).isTrue();
        assertThat(json.getBoolean("removed")).isFalse();
        assertThat(Instant.parse(json.getString("observedAt"))).isEqualTo(offer.observedAt());
        assertThat(history(offer.id())).hasSize(1);
    }

    @Test
    void anOlderEventArrivingLateNeverOverwritesNewerState() {
        String provider = Fixtures.uniqueProvider();
        Instant t1 = Fixtures.minutesAgo(30);
        Instant t2 = Fixtures.minutesAgo(20);
        Instant t3 = Fixtures.minutesAgo(10);
        Offer base = Fixtures.gpuOffer(provider, "r1", "x8", "H100", 8, "20", true, t1);
        Offer newer = base.observed(Price.usd("22"), true, t2);
        Offer older = base.observed(Price.usd("11"), true, t1);
        Offer newest = base.observed(Price.usd("22"), false, t3);

        support.publish(OfferEvent.added(newer, t2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> given().get("/api/v1/offers/{id}", base.id()).then().statusCode(200));
        support.publish(OfferEvent.between(newer, older, t1), OfferEvent.between(older, newest, t3));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(offerJson(base.id()).getBoolean("available")).isFalse());
        JsonPath json = offerJson(base.id());
        assertThat(json.getString("pricePerHour.amount")).isEqualTo("22");
        assertThat(Instant.parse(json.getString("observedAt"))).isEqualTo(t3);
        List<Map<String, Object>> entries = history(base.id());
        assertThat(entries).extracting(e -> ((Map<?, ?>) e.get("pricePerHour")).get("amount").toString())
                .containsExactly("22", "22");
        assertThat(entries).extracting(e -> e.get("available")).containsExactly(false, true);
    }

    @Test
    void replayingTheWholeTopicChangesNothing() {
        String provider = Fixtures.uniqueProvider();
        Offer a = Fixtures.gpuOffer(provider, "r1", "a", "A100", 1, "1.10", true, Fixtures.minutesAgo(40));
        Offer b = Fixtures.gpuOffer(provider, "r2", "b", "A100", 2, "2.20", true, Fixtures.minutesAgo(40));
        Offer a2 = a.observed(Price.usd("1.00"), true, Fixtures.minutesAgo(30));
        List<OfferEvent> topic = List.of(OfferEvent.added(a, a.observedAt()), OfferEvent.added(b, b.observedAt()),
                OfferEvent.between(a, a2, a2.observedAt()));
        topic.forEach(support::publish);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(history(a.id())).hasSize(2));
        JsonPath before = offerJson(a.id());

        topic.forEach(support::publish);
        Offer b2 = b.observed(Price.usd("2.00"), true, Fixtures.minutesAgo(20));
        support.publish(OfferEvent.between(b, b2, b2.observedAt()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(history(b.id())).hasSize(2));
        // the sentinel on b shows the replay was consumed; a did not change and got no history
        assertThat(history(a.id())).hasSize(2);
        assertThat(offerJson(a.id()).getMap("")).isEqualTo(before.getMap(""));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithTheReasonAndTheConsumerGoesOn() {
        String provider = Fixtures.uniqueProvider();
        Offer good = Fixtures.gpuOffer(provider, "r1", "x", "L4", 1, "0.80", true, Fixtures.minutesAgo(5));
        String poisonKey = provider + ":r1:-:bad:on-demand";
        support.send(Topics.OFFERS.name(), poisonKey, "{\"offer\": 42, not json");
        support.publishAdded(good);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> given().get("/api/v1/offers/{id}", good.id()).then().statusCode(200));
        ConsumerRecord<String, String> record = deadLetter(poisonKey);
        Header reason = record.headers().lastHeader("dead-letter-reason");
        assertThat(reason).isNotNull();
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("OfferEvent");
        assertThat(record.value()).isEqualTo("{\"offer\": 42, not json");
    }

    @Test
    void anEventWhoseKeyDoesNotMatchItsOfferIsDeadLettered() {
        String provider = Fixtures.uniqueProvider();
        Offer offer = Fixtures.gpuOffer(provider, "r1", "x", "L4", 1, "0.80", true, Fixtures.minutesAgo(5));
        String wrongKey = provider + ":r9:-:x:on-demand";
        support.send(Topics.OFFERS.name(), wrongKey, dev.skyfleet.model.Json.write(OfferEvent.added(offer,
                offer.observedAt())));

        ConsumerRecord<String, String> record = deadLetter(wrongKey);
        assertThat(new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("does not match offer id");
        given().get("/api/v1/offers/{id}", offer.id()).then().statusCode(404);
    }

    @Test
    void aRemovedOfferLeavesTheSearchButKeepsItsRecord() {
        String provider = Fixtures.uniqueProvider();
        Offer offer = Fixtures.gpuOffer(provider, "r1", "x", "A10", 1, "0.75", true, Fixtures.minutesAgo(20));
        support.publishAdded(offer);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("provider", provider)
                .get("/api/v1/offers").then().statusCode(200).body("items.size()", equalTo(1)));

        support.publish(OfferEvent.removed(offer, Fixtures.minutesAgo(10)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(offerJson(offer.id()).getBoolean("removed")).isTrue());
        given().queryParam("provider", provider).get("/api/v1/offers").then().statusCode(200)
                .body("items.size()", equalTo(0));
        assertThat(history(offer.id())).extracting(e -> e.get("removed")).containsExactly(true, false);
    }

    @Test
    void instanceTypesAndProviderStatusAreStored() {
        String provider = Fixtures.uniqueProvider();
        var spec = Fixtures.spec(provider, "gpu_1x_a100", "A100-80GB", 1, 80, 30, 200,
                dev.skyfleet.model.Architecture.X86_64);
        support.publish(InstanceTypeEvent.upsert(spec, Fixtures.minutesAgo(3)));
        support.publishStatus(provider, Fixtures.minutesAgo(1), 7);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("provider", provider)
                .get("/api/v1/instance-types").then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].name", equalTo("gpu_1x_a100")).body("items[0].gpu.model", equalTo("A100"))
                .body("items[0].capabilities[0]", equalTo("reboot-instance")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> providers = given().get("/api/v1/providers").then().statusCode(200)
                    .extract().jsonPath().getList("findAll { it.provider == '" + provider + "' }");
            assertThat(providers).hasSize(1);
            assertThat(providers.get(0)).containsEntry("state", "ok").containsEntry("stale", false)
                    .containsEntry("publishedOfferCount", 7);
        });
    }
}
