package dev.skyfleet.generator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.skyfleet.generator.Fixtures;
import dev.skyfleet.generator.service.CatalogView;
import dev.skyfleet.generator.service.SnapshotService;
import dev.skyfleet.generator.service.SnapshotStatus;
import dev.skyfleet.messaging.Topics;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.SnapshotEvent;
import dev.skyfleet.testing.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole service on a real broker: topics in, commits, git over HTTP, snapshot events and errors out. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class SnapshotFlowTest {
    static final Path OVERLAYS = Path.of("target/test-overlays");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/snapshots.git")
    URL gitUrl;

    @Inject
    SnapshotService service;

    @Inject
    CatalogView view;

    KafkaCompanion kafka;
    String provider;

    @BeforeEach
    void setUp() {
        kafka = new KafkaCompanion(bootstrap);
        provider = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    InstanceTypeSpec type(String name) {
        return Fixtures.gpuType(provider, name, 8, 64, 1, "L4", 24);
    }

    void send(OfferEvent event) {
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(Topics.OFFERS.name(), event.offerId(), Json.write(event)))
                .awaitCompletion(Duration.ofSeconds(30));
    }

    String catalogFile() {
        return "catalog/" + provider + ".yaml";
    }

    SnapshotStatus awaitFile(String path, String containing) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> service.repository()
                .read(path).map(b -> new String(b, StandardCharsets.UTF_8).contains(containing)).orElse(false));
        return service.status();
    }

    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git " + String.join(" ", args) + ": " + out).isZero();
        return out;
    }

    @Test
    void catalogChangeIsCommittedAndSeenByGitCloneThenPullOverHttp() throws Exception {
        Offer offer = Fixtures.offer(type("gpu.small"), "r-1", "1.25", true);
        send(OfferEvent.added(offer, Instant.now()));
        awaitFile(catalogFile(), "price: 1.25");

        Path work = Files.createTempDirectory(Path.of("target"), "clone");
        git(work, "clone", "-q", gitUrl.toString(), "snap");
        Path clone = work.resolve("snap");
        assertThat(Files.readString(clone.resolve(catalogFile()))).contains("price: 1.25");
        assertThat(clone.resolve("terraform/" + provider + "/kconfigs/Kconfig.compute.generated")).exists();
        assertThat(clone.resolve("index.yaml")).exists();

        Offer cheaper = offer.observed(Price.usd("0.99"), false, Instant.now());
        send(OfferEvent.between(offer, cheaper, Instant.now()));
        SnapshotStatus after = awaitFile(catalogFile(), "price: 0.99");

        git(clone, "pull", "-q", "--ff-only");
        assertThat(Files.readString(clone.resolve(catalogFile()))).contains("price: 0.99");
        assertThat(git(clone, "rev-parse", "HEAD").strip()).isEqualTo(after.commitId());
        assertThat(git(clone, "log", "-1", "--format=%s"))
                .contains(provider + ": 1 price changed; gpu.small no capacity in r-1");
    }

    @Test
    void noCommitWhenNothingChanged() {
        Offer offer = Fixtures.offer(type("gpu.same"), "r-1", "2.00", true);
        send(OfferEvent.added(offer, Instant.now()));
        SnapshotStatus before = awaitFile(catalogFile(), "gpu.same");
        long applied = view.revision();
        // the same facts observed again later: the view changes (observation time), the content does not
        send(new OfferEvent(null, null, offer.observed(offer.pricePerHour(), true, Instant.now()), null, null,
                Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> view.revision() > applied);
        service.generateNow();
        SnapshotStatus after = service.status();
        assertThat(after.revision()).isEqualTo(before.revision());
        assertThat(after.commitId()).isEqualTo(before.commitId());
    }

    @Test
    void burstOfChangesGivesOneCommitThatSaysWhatChanged() throws Exception {
        long before = service.status().revision();
        List<ProducerRecord<String, String>> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            OfferEvent event = OfferEvent.added(Fixtures.offer(type("gpu.burst" + i), "r-" + i, "1." + i, true),
                    Instant.now());
            burst.add(new ProducerRecord<>(Topics.OFFERS.name(), event.offerId(), Json.write(event)));
        }
        kafka.produceStrings().fromRecords(burst).awaitCompletion(Duration.ofSeconds(30));
        SnapshotStatus after = awaitFile(catalogFile(), "gpu.burst4");
        assertThat(new String(service.repository().read(catalogFile()).orElseThrow(), StandardCharsets.UTF_8))
                .contains("gpu.burst0", "gpu.burst1", "gpu.burst2", "gpu.burst3");
        assertThat(after.revision()).isEqualTo(before + 1);
        try (var git = org.eclipse.jgit.api.Git.wrap(service.repository().repository())) {
            var head = git.log().setMaxCount(1).call().iterator().next();
            assertThat(head.getFullMessage()).startsWith(provider + ": provider added with 5 offers");
        }
    }

    @Test
    void poisonRecordGoesToDeadLetterTopicAndConsumerCarriesOn() {
        String key = provider + ":r-1:-:broken:on-demand";
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.OFFERS.name(), key, "{not json"))
                .awaitCompletion(Duration.ofSeconds(30));
        ConsumerRecord<String, String> dead = await().atMost(Duration.ofSeconds(60)).until(
                () -> kafka.consumeStrings().fromTopics(Topics.OFFERS.deadLetter().name())
                        .awaitRecords(1, Duration.ofSeconds(10)).getRecords().stream()
                        .filter(r -> key.equals(r.key())).findFirst().orElse(null),
                java.util.Objects::nonNull);
        assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("OfferEvent");

        send(OfferEvent.added(Fixtures.offer(type("gpu.after"), "r-1", "3.00", true), Instant.now()));
        awaitFile(catalogFile(), "gpu.after");
    }

    @Test
    void snapshotEventRoundTripsThroughTheBroker() {
        send(OfferEvent.added(Fixtures.offer(type("gpu.event"), "r-2", "4.00", true), Instant.now()));
        SnapshotStatus status = awaitFile(catalogFile(), "gpu.event");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = kafka.consumeStrings().fromTopics(Topics.SNAPSHOTS.name())
                    .awaitRecords(1, Duration.ofSeconds(5)).getRecords();
            ConsumerRecord<String, String> mine = records.stream()
                    .filter(r -> Json.read(r.value(), SnapshotEvent.class).commitId().equals(status.commitId()))
                    .findFirst().orElseThrow();
            SnapshotEvent event = Json.read(mine.value(), SnapshotEvent.class);
            assertThat(mine.key()).isEqualTo("catalog");
            assertThat(event.revision()).isEqualTo(status.revision());
            assertThat(event.contentHash()).isEqualTo(status.contentHash());
            assertThat(event.files()).containsKey(catalogFile());
            assertThat(new String(mine.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                    .isEqualTo("dev.skyfleet.snapshot.published");
        });
    }

    @Test
    void invalidOverlayKeepsTheLastGoodSnapshotAndReportsFileAndLine() throws Exception {
        Offer offer = Fixtures.offer(type("gpu.overlay"), "r-1", "5.00", true);
        send(OfferEvent.added(offer, Instant.now()));
        SnapshotStatus good = awaitFile(catalogFile(), "price: 5");
        Path bad = OVERLAYS.resolve("zz-" + provider + ".yaml");
        Files.createDirectories(OVERLAYS);
        try {
            Files.writeString(bad, "offers:\n  - id: \"" + offer.id() + "\"\n    prise: 4\n");
            service.generateNow();
            SnapshotStatus failed = service.status();
            assertThat(failed.error()).contains(bad.toString() + ":3").contains("unknown field 'prise'");
            assertThat(failed.commitId()).isEqualTo(good.commitId());
            given().get("/q/health/ready").then().body(containsString("unknown field 'prise'"));
            given().get("/api/v1/snapshots").then().statusCode(200).body("error", containsString(bad.toString()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kafka.consumeStrings()
                    .fromTopics(Topics.SNAPSHOTS.name()).awaitRecords(1, Duration.ofSeconds(5)).getRecords().stream()
                    .map(r -> Json.read(r.value(), SnapshotEvent.class))
                    .filter(e -> e.error() != null && e.error().contains(bad.toString() + ":3")))
                    .singleElement()
                    .satisfies(e -> assertThat(e.commitId()).isEqualTo(good.commitId())));

            // a catalog change while the overlay is broken is not published
            Offer changed = offer.observed(Price.usd("6.00"), true, Instant.now());
            send(OfferEvent.between(offer, changed, Instant.now()));
            await().atMost(Duration.ofSeconds(30)).until(() -> view.snapshot().offers().contains(changed));
            service.generateNow();
            assertThat(service.status().commitId()).isEqualTo(good.commitId());

            // fixed overlay: the change goes out with the overlay applied
            Files.writeString(bad, "offers:\n  - id: \"" + offer.id() + "\"\n    price: 4\n");
            service.generateNow();
            assertThat(service.status().error()).isNull();
            assertThat(new String(service.repository().read(catalogFile()).orElseThrow(), StandardCharsets.UTF_8))
                    .contains("price: 4,");
        } finally {
            Files.deleteIfExists(bad);
            service.generateNow();
        }
        assertThat(new String(service.repository().read(catalogFile()).orElseThrow(), StandardCharsets.UTF_8))
                .contains("price: 6,");
    }

    @Test
    void httpApiServesStatusFilesAndProblems() {
        send(OfferEvent.added(Fixtures.offer(type("gpu.http"), "r-1", "7.00", true), Instant.now()));
        SnapshotStatus status = awaitFile(catalogFile(), "gpu.http");
        given().get("/api/v1/snapshots").then().statusCode(200)
                .body("name", equalTo("catalog"))
                .body("files.'index.yaml'", org.hamcrest.Matchers.notNullValue());
        given().get("/api/v1/snapshots/files/" + catalogFile()).then().statusCode(200)
                .contentType(containsString("application/yaml"))
                .body(containsString("gpu.http"));
        given().get("/api/v1/snapshots/files/no/such.yaml").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404)).body("parameter", equalTo("path"));
        given().get("/snapshots.git/info/refs").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/no-such-thing").then().statusCode(404).contentType("application/problem+json");
        given().post("/snapshots.git/git-receive-pack").then().statusCode(403);
        given().get("/q/health/ready").then().statusCode(200).body(containsString("snapshot-catalog"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("skyfleet_generator_commits"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/snapshots"));
        assertThat(status.revision()).isPositive();
    }
}
