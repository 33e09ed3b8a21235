package dev.skyfleet.poller.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyfleet.messaging.Topics;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.OfferChange;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.ProviderState;
import dev.skyfleet.poller.support.TopicReader;
import dev.skyfleet.providers.catalogfile.CatalogFileProvider;
import dev.skyfleet.providers.sandbox.MutableClock;
import dev.skyfleet.providers.sandbox.SandboxConfig;
import dev.skyfleet.providers.sandbox.SandboxProvider;
import dev.skyfleet.testing.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The poller with the real sandbox simulator and the real catalog-file reader, on the real broker. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class RealReadersFlowTest {
    private static final String HEADER = "InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,"
            + "Region,AvailabilityZone,Price,SpotPrice\n";

    @Inject
    ProviderRegistry registry;
    @Inject
    PollScheduler scheduler;
    @Inject
    PollService polls;
    @Inject
    PollerLifecycle lifecycle;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeEach
    void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).until(lifecycle::ready);
    }

    private List<OfferEvent> events(String provider) {
        return TopicReader.read(bootstrap, Topics.OFFERS.name(), provider + ":").stream()
                .map(r -> Json.read(r.value(), OfferEvent.class)).toList();
    }

    @Test
    void sandboxChangesArePublishedAsChangesOnlyAndAnOutageKeepsItsOffers() throws Exception {
        String id = "sbx-" + UUID.randomUUID().toString().substring(0, 8);
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-21T10:00:00Z"));
        SandboxProvider sandbox = new SandboxProvider(new SandboxConfig(id, 7L, clock, null, null, null, null, null,
                50, 32));
        ProviderEntry entry = registry.register(FeedDefinition.of(sandbox, OfferSource.SIMULATOR), Schedule.manual());

        PollResult first = scheduler.pollNow(entry).get();
        assertThat(first.outcome()).isEqualTo(PollResult.Outcome.OK);
        assertThat(first.offersPublished()).isEqualTo(first.offersSeen()).isPositive();

        clock.advance(Duration.ofHours(2));
        PollResult later = scheduler.pollNow(entry).get();
        List<OfferEvent> changes = events(id).stream().filter(e -> e.at().equals(later.startedAt())).toList();
        assertThat(later.offersPublished()).isEqualTo(changes.size()).isLessThan(first.offersSeen() * 2);
        assertThat(changes).allSatisfy(e -> assertThat(e.changes()).doesNotContain(OfferChange.ADDED));
        assertThat(changes).anySatisfy(e -> assertThat(e.changes())
                .containsAnyOf(OfferChange.PRICE, OfferChange.AVAILABILITY));

        sandbox.faults().outage(true);
        long before = TopicReader.endOffsetSum(bootstrap, Topics.OFFERS.name());
        PollResult outage = scheduler.pollNow(entry).get();
        assertThat(outage.outcome()).isEqualTo(PollResult.Outcome.FAILED);
        assertThat(TopicReader.endOffsetSum(bootstrap, Topics.OFFERS.name())).isEqualTo(before);
        assertThat(entry.state()).isEqualTo(ProviderState.ERROR);
        assertThat(polls.state().book(id).offers()).hasSize(first.offersSeen());
    }

    @Test
    void catalogFilesArePolledWhenTheyChangeAndOnlyThen(@TempDir Path dir) throws Exception {
        String id = "csv-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = dir.resolve("vms.csv");
        Files.writeString(file, HEADER
                + "n2-standard-2,2.0,8.0,,,,africa-south1,africa-south1-a,0.10683,0.02973\n"
                + "e2-medium,2.0,4.0,,,,africa-south1,africa-south1-a,0.06085,\n");
        CatalogFileProvider reader = CatalogFileProvider.ofFile(id, file, Clock.systemUTC());
        ProviderEntry entry = registry.register(new FeedDefinition(id, OfferSource.CATALOG_FILE, reader, null,
                () -> ProviderWiring.fingerprint(reader.location())),
                new Schedule(true, Duration.ofMillis(100), Duration.ZERO, Duration.ofMillis(100),
                        Duration.ofSeconds(30), true));
        try (PollScheduler fileScheduler = new PollScheduler(polls::poll, Clock.systemUTC())) {
            fileScheduler.start();
            fileScheduler.schedule(entry);
            await().atMost(Duration.ofSeconds(30)).until(() -> entry.state() == ProviderState.OK);
            assertThat(events(id)).hasSize(3);
            Instant firstAttempt = entry.lastAttemptAt();

            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
                    .until(() -> firstAttempt.equals(entry.lastAttemptAt()));

            Files.writeString(file, HEADER
                    + "n2-standard-2,2.0,8.0,,,,africa-south1,africa-south1-a,0.09999,0.02973\n"
                    + "e2-medium,2.0,4.0,,,,africa-south1,africa-south1-a,0.06085,\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
            await().atMost(Duration.ofSeconds(30)).until(() -> !firstAttempt.equals(entry.lastAttemptAt()));
        }
        Map<String, OfferEvent> latest = TopicReader.read(bootstrap, Topics.OFFERS.name(), id + ":").stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> Json.read(r.value(), OfferEvent.class),
                        (a, b) -> b));
        OfferEvent repriced = latest.get(id + ":africa-south1:africa-south1-a:n2-standard-2:on-demand");
        assertThat(repriced.changes()).containsExactly(OfferChange.PRICE);
        assertThat(repriced.offer().source()).isEqualTo(OfferSource.CATALOG_FILE);
        assertThat(events(id)).hasSize(4);
    }
}
