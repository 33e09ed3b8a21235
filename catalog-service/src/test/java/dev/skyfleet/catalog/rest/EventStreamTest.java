package dev.skyfleet.catalog.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyfleet.catalog.CatalogTestSupport;
import dev.skyfleet.catalog.Fixtures;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.Price;
import dev.skyfleet.testing.KafkaTestResource;
import dev.skyfleet.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class EventStreamTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/api/v1/events")
    URL events;

    CatalogTestSupport support;
    String provider;

    @BeforeEach
    void connect() {
        support = new CatalogTestSupport(bootstrap);
        provider = Fixtures.uniqueProvider();
    }

    @AfterEach
    void disconnect() {
        support.close();
    }

    /** One received SSE event. */
    record Received(long id, String name, Map<String, Object> data) {
        @SuppressWarnings("unchecked")
        List<String> kinds() {
            return (List<String>) data.get("kinds");
        }
    }

    /** A live SSE connection collecting events on a background thread. */
    static final class Subscription implements AutoCloseable {
        final List<Received> received = new CopyOnWriteArrayList<>();
        final List<String> comments = new CopyOnWriteArrayList<>();
        private final Stream<String> lines;

        Subscription(URI uri, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            lines = response.body();
            Thread reader = new Thread(this::read, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> !comments.isEmpty());
        }

        private void read() {
            String[] event = new String[3];
            try {
                lines.forEach(line -> {
                    if (line.startsWith(":")) {
                        comments.add(line);
                    } else if (line.startsWith("id:")) {
                        event[0] = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        event[1] = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        event[2] = line.substring(5).trim();
                    } else if (line.isEmpty() && event[2] != null) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> data = Json.read(event[2], Map.class);
                        received.add(new Received(Long.parseLong(event[0]), event[1], data));
                        event[0] = event[1] = event[2] = null;
                    }
                });
            } catch (RuntimeException closed) {
                // the test closed the connection
            }
        }

        List<String> offerIds() {
            return received.stream().map(r -> r.data().get("offerId").toString()).toList();
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    private URI uri(String query) {
        return URI.create(events.toString() + "?" + query);
    }

    @Test
    void streamsChangesAndResumesAfterLastEventIdWithoutGapsOrRepeats() throws Exception {
        Instant t = Fixtures.minutesAgo(30);
        Offer v1 = Fixtures.gpuOffer(provider, "r1", "x8", "H100", 8, "20", true, t);
        Offer v2 = v1.observed(Price.usd("18"), true, t.plusSeconds(60));
        Offer v3 = v2.observed(Price.usd("18"), false, t.plusSeconds(120));
        Offer other = Fixtures.gpuOffer(provider, "r2", "x8", "H100", 8, "30", true, t.plusSeconds(130));

        List<Received> firstPart;
        try (Subscription live = new Subscription(uri("provider=" + provider), null)) {
            support.publish(OfferEvent.added(v1, v1.observedAt()), OfferEvent.between(v1, v2, v2.observedAt()));
            await().atMost(Duration.ofSeconds(20)).until(() -> live.received.size() >= 2);
            firstPart = List.copyOf(live.received);
        }
        assertThat(firstPart).extracting(Received::kinds).containsExactly(List.of("added"), List.of("price"));
        assertThat(firstPart.get(1).name()).isEqualTo("offer-change");
        assertThat(((Map<?, ?>) firstPart.get(1).data().get("previousPrice")).get("amount").toString())
                .isEqualTo("20");
        Map<?, ?> offer = (Map<?, ?>) firstPart.get(1).data().get("offer");
        assertThat(offer.get("id")).isEqualTo(v1.id());
        assertThat(((Map<?, ?>) offer.get("pricePerHour")).get("amount").toString()).isEqualTo("18");
        assertThat(offer.get("pricePerGpu").toString()).isEqualTo("2.25");
        assertThat(((Map<?, ?>) offer.get("gpu")).get("model")).isEqualTo("H100");
        assertThat(offer.get("capabilities")).isEqualTo(List.of("reboot-instance"));
        assertThat(Instant.parse(offer.get("observedAt").toString())).isEqualTo(v2.observedAt());

        // while disconnected: an availability change, a new offer and a removal
        support.publish(OfferEvent.between(v2, v3, v3.observedAt()), OfferEvent.added(other, other.observedAt()),
                OfferEvent.removed(v3, t.plusSeconds(200)));
        await().atMost(Duration.ofSeconds(20)).until(() -> removed(v3));

        long lastSeen = firstPart.get(1).id();
        try (Subscription resumed = new Subscription(uri("provider=" + provider), Long.toString(lastSeen))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> resumed.received.size() >= 3);
            // and nothing more arrives: no repeats
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> resumed.received.size() == 3);
            assertThat(resumed.received).extracting(Received::kinds).containsExactly(List.of("availability"),
                    List.of("added"), List.of("removed"));
            assertThat(resumed.offerIds()).containsExactly(v1.id(), other.id(), v1.id());
            assertThat(resumed.received).allMatch(r -> r.id() > lastSeen);
            assertThat(resumed.received).extracting(Received::id).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void filtersByChangeKindAndOfferAttributes() throws Exception {
        Instant t = Fixtures.minutesAgo(30);
        Offer h100 = Fixtures.gpuOffer(provider, "r1", "x8", "H100", 8, "20", true, t);
        Offer a100 = Fixtures.gpuOffer(provider, "r1", "a8", "A100", 8, "12", true, t);
        try (Subscription prices = new Subscription(uri("provider=" + provider + "&kind=price&gpu=h100"), null);
                Subscription everything = new Subscription(uri("provider=" + provider), null)) {
            support.publishAdded(h100, a100);
            Offer h100b = h100.observed(Price.usd("19"), true, t.plusSeconds(10));
            Offer a100b = a100.observed(Price.usd("11"), true, t.plusSeconds(10));
            support.publish(OfferEvent.between(h100, h100b, h100b.observedAt()),
                    OfferEvent.between(a100, a100b, a100b.observedAt()));
            await().atMost(Duration.ofSeconds(20)).until(() -> everything.received.size() >= 4);
            await().atMost(Duration.ofSeconds(5)).until(() -> prices.received.size() >= 1);
            assertThat(prices.offerIds()).containsExactly(h100.id());
            assertThat(prices.received.get(0).kinds()).containsExactly("price");
        }
    }

    @Test
    void invalidStreamParametersAreProblems() {
        io.restassured.RestAssured.given().header("Last-Event-ID", "yesterday").get("/api/v1/events").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("parameter", org.hamcrest.Matchers.equalTo("Last-Event-ID"));
        io.restassured.RestAssured.given().queryParam("kind", "exploded").get("/api/v1/events").then()
                .statusCode(400).body("parameter", org.hamcrest.Matchers.equalTo("kind"));
    }

    static boolean removed(Offer offer) {
        return io.restassured.RestAssured.given().get("/api/v1/offers/{id}", offer.id()).then().extract()
                .jsonPath().getBoolean("removed");
    }
}
