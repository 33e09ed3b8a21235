package dev.skyfleet.poller.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skyfleet.messaging.Topics;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.OfferChange;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.InstanceTypeEvent;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.ProviderState;
import dev.skyfleet.model.ProviderStatus;
import dev.skyfleet.poller.config.PollerConfig;
import dev.skyfleet.poller.messaging.CatalogPublisher;
import dev.skyfleet.poller.messaging.StateRestorer;
import dev.skyfleet.poller.store.PublishedState;
import dev.skyfleet.poller.support.FakeProvider;
import dev.skyfleet.poller.support.TopicReader;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.testing.KafkaTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The poller against the real broker: changes only, withdrawal on full sync, no withdrawal on failure, restart. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class PollerFlowTest {

    @Inject
    ProviderRegistry registry;
    @Inject
    PollScheduler scheduler;
    @Inject
    PollService polls;
    @Inject
    PollerLifecycle lifecycle;
    @Inject
    CatalogPublisher publisher;
    @Inject
    SecretRedactor redactor;
    @Inject
    PollerConfig config;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeEach
    void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).until(lifecycle::ready);
    }

    private ProviderEntry register(FakeProvider fake) {
        return registry.register(FeedDefinition.of(fake, OfferSource.API), Schedule.manual());
    }

    private PollResult poll(ProviderEntry entry) throws Exception {
        return scheduler.pollNow(entry).get();
    }

    private Map<String, OfferEvent> latestOffers(String provider) {
        return TopicReader.read(bootstrap, Topics.OFFERS.name(), provider + ":").stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> Json.read(r.value(), OfferEvent.class),
                        (a, b) -> b));
    }

    private List<OfferEvent> offerEvents(String provider) {
        return TopicReader.read(bootstrap, Topics.OFFERS.name(), provider + ":").stream()
                .map(r -> Json.read(r.value(), OfferEvent.class)).toList();
    }

    private ProviderStatus lastStatus(String provider) {
        List<ConsumerRecord<String, String>> records = TopicReader.read(bootstrap, Topics.PROVIDER_STATUS.name(),
                provider);
        assertThat(records).isNotEmpty();
        return Json.read(records.get(records.size() - 1).value(), ProviderStatus.class);
    }

    @Test
    void firstPollRoundTripsEveryOfferThroughTheBrokerWithCloudEventsHeaders() throws Exception {
        FakeProvider fake = FakeProvider.unique();
        String a = fake.offer("us-east-1", "gpu_1x_h100_pcie", "2.49");
        String b = fake.offer("us-west-1", "gpu_1x_h100_pcie", "2.59");
        ProviderEntry entry = register(fake);

        PollResult result = poll(entry);

        assertThat(result.outcome()).isEqualTo(PollResult.Outcome.OK);
        assertThat(result.offersPublished()).isEqualTo(2);
        try (KafkaCompanion companion = new KafkaCompanion(bootstrap)) {
            List<ConsumerRecord<String, String>> records = companion.consumeStrings()
                    .withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(Topics.OFFERS.name(),
                            (Function<io.smallrye.mutiny.Multi<ConsumerRecord<String, String>>,
                                    io.smallrye.mutiny.Multi<ConsumerRecord<String, String>>>) m -> m.select()
                                            .where(r -> r.key().startsWith(fake.id() + ":")))
                    .awaitRecords(2, Duration.ofSeconds(30)).getRecords();
            assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(a, b);
            ConsumerRecord<String, String> first = records.get(0);
            assertThat(header(first, "ce_type")).isEqualTo("dev.skyfleet.offer.changed");
            assertThat(header(first, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(first, "ce_source")).isEqualTo("/skyfleet/inventory-poller/" + fake.id());
            assertThat(header(first, "ce_subject")).isEqualTo(first.key());
            OfferEvent event = Json.read(first.value(), OfferEvent.class);
            assertThat(event.changes()).containsExactly(OfferChange.ADDED);
            assertThat(event.offer().spec().gpu().model()).isEqualTo("H100");
        }
        assertThat(TopicReader.read(bootstrap, Topics.INSTANCE_TYPES.name(), fake.id() + "/"))
                .extracting(ConsumerRecord::key).containsExactly(fake.id() + "/gpu_1x_h100_pcie");
        ProviderStatus status = lastStatus(fake.id());
        assertThat(status.state()).isEqualTo(ProviderState.OK);
        assertThat(status.offerCount()).isEqualTo(2);
        assertThat(status.lastSuccessAt()).isNotNull();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void repollPublishesOnlyWhatChangedWithPreviousValues() throws Exception {
        FakeProvider fake = FakeProvider.unique();
        String cheap = fake.offer("us-east-1", "gpu_1x_a10", "0.75");
        String steady = fake.offer("us-east-1", "gpu_8x_h100_sxm5", "23.92");
        String scarce = fake.offer("us-south-1", "gpu_8x_h100_sxm5", "23.92");
        ProviderEntry entry = register(fake);
        poll(entry);

        PollResult unchanged = poll(entry);
        assertThat(unchanged.offersPublished()).isZero();

        fake.reprice(cheap, "0.69");
        fake.availability(scarce, false);
        PollResult changed = poll(entry);

        assertThat(changed.offersPublished()).isEqualTo(2);
        List<OfferEvent> events = offerEvents(fake.id());
        assertThat(events).hasSize(5);
        Map<String, OfferEvent> latest = latestOffers(fake.id());
        assertThat(latest.get(cheap).changes()).containsExactly(OfferChange.PRICE);
        assertThat(latest.get(cheap).previousPrice()).isEqualTo(Price.usd("0.75"));
        assertThat(latest.get(cheap).offer().pricePerHour()).isEqualTo(Price.usd("0.69"));
        assertThat(latest.get(scarce).changes()).containsExactly(OfferChange.AVAILABILITY);
        assertThat(latest.get(scarce).previousAvailable()).isTrue();
        assertThat(latest.get(steady).changes()).containsExactly(OfferChange.ADDED);
    }

    @Test
    void successfulFullPollWithdrawsOffersAndTypesNoLongerListed() throws Exception {
        FakeProvider fake = FakeProvider.unique();
        String kept = fake.offer("us-east-1", "gpu_1x_a10", "0.75");
        String gone = fake.offer("us-east-1", "gpu_1x_a100", "1.29");
        ProviderEntry entry = register(fake);
        poll(entry);

        fake.removeType("gpu_1x_a100");
        PollResult result = poll(entry);

        assertThat(result.offersRemoved()).isEqualTo(1);
        Map<String, OfferEvent> latest = latestOffers(fake.id());
        assertThat(latest.get(gone).changes()).containsExactly(OfferChange.REMOVED);
        assertThat(latest.get(gone).offer().pricePerHour()).isEqualTo(Price.usd("1.29"));
        assertThat(latest.get(kept).changes()).containsExactly(OfferChange.ADDED);
        List<InstanceTypeEvent> types = TopicReader.read(bootstrap, Topics.INSTANCE_TYPES.name(), fake.id() + "/")
                .stream().map(r -> Json.read(r.value(), InstanceTypeEvent.class)).toList();
        assertThat(types).filteredOn(t -> t.spec().name().equals("gpu_1x_a100"))
                .extracting(InstanceTypeEvent::removed).containsExactly(false, true);
        assertThat(lastStatus(fake.id()).offerCount()).isEqualTo(1);
    }

    @Test
    void failedPollPublishesTheErrorAndKeepsEveryOffer() throws Exception {
        FakeProvider fake = FakeProvider.unique();
        fake.offer("us-east-1", "gpu_1x_a10", "0.75");
        fake.offer("us-west-2", "gpu_1x_a10", "0.75");
        ProviderEntry entry = register(fake);
        poll(entry);
        long before = TopicReader.endOffsetSum(bootstrap, Topics.OFFERS.name());

        fake.failWith(new ProviderException(fake.id(), ErrorKind.PROVIDER_UNAVAILABLE, "HTTP 503 from the API"));
        PollResult result = poll(entry);

        assertThat(result.outcome()).isEqualTo(PollResult.Outcome.FAILED);
        assertThat(TopicReader.endOffsetSum(bootstrap, Topics.OFFERS.name())).isEqualTo(before);
        assertThat(offerEvents(fake.id())).extracting(OfferEvent::isRemoval).containsOnly(false);
        ProviderStatus status = lastStatus(fake.id());
        assertThat(status.state()).isEqualTo(ProviderState.ERROR);
        assertThat(status.lastError()).contains("provider_unavailable").contains("HTTP 503");
        assertThat(status.offerCount()).isEqualTo(2);
        assertThat(status.lastSuccessAt()).isNotNull();

        fake.recover();
        PollResult recovered = poll(entry);
        assertThat(recovered.outcome()).isEqualTo(PollResult.Outcome.OK);
        assertThat(recovered.offersPublished()).isZero();
        assertThat(lastStatus(fake.id()).state()).isEqualTo(ProviderState.OK);
    }

    @Test
    void secretsInProviderErrorsNeverReachTheStatusTopic() throws Exception {
        FakeProvider fake = FakeProvider.unique();
        fake.offer("us-east-1", "gpu_1x_a10", "0.75");
        ProviderEntry entry = register(fake);
        String secret = "secret_" + fake.id() + "_a1b2c3d4";
        redactor.register(secret);

        fake.failWith(new ProviderException(fake.id(), ErrorKind.AUTHENTICATION_FAILED, "key " + secret + " rejected"));
        PollResult result = poll(entry);

        assertThat(result.error()).doesNotContain(secret).contains("****");
        assertThat(TopicReader.read(bootstrap, Topics.PROVIDER_STATUS.name(), fake.id()))
                .extracting(ConsumerRecord::value).noneMatch(v -> v.contains(secret));
        assertThat(lastStatus(fake.id()).lastError()).contains("authentication_failed");
    }

    @Test
    void restartRestoresThePublishedStateSoNothingIsRepublishedAndRemovalsStillHappen() throws Exception {
        FakeProvider fake = FakeProvider.unique();
        String stays = fake.offer("us-east-1", "gpu_1x_a10", "0.75");
        String leaves = fake.offer("eu-central-1", "gpu_1x_a10", "0.80");
        ProviderEntry entry = register(fake);
        poll(entry);

        // a second poller process: empty memory, state read back from the compacted topics
        PublishedState restored = new PublishedState();
        new StateRestorer(bootstrap, Duration.ofMinutes(1)).restoreInto(restored);
        assertThat(restored.book(fake.id()).offers()).containsOnlyKeys(stays, leaves);
        ProviderRegistry secondRegistry = new ProviderRegistry(config);
        ProviderEntry secondEntry = secondRegistry.register(FeedDefinition.of(fake, OfferSource.API),
                Schedule.manual());
        try (PollService second = new PollService(restored, publisher,
                new PollMetrics(new SimpleMeterRegistry(), restored), new SecretRedactor(), Clock.systemUTC())) {
            long offersBefore = TopicReader.endOffsetSum(bootstrap, Topics.OFFERS.name());
            long typesBefore = TopicReader.endOffsetSum(bootstrap, Topics.INSTANCE_TYPES.name());

            PollResult afterRestart = second.poll(secondEntry);

            assertThat(afterRestart.offersPublished()).isZero();
            assertThat(afterRestart.typesPublished()).isZero();
            assertThat(TopicReader.endOffsetSum(bootstrap, Topics.OFFERS.name())).isEqualTo(offersBefore);
            assertThat(TopicReader.endOffsetSum(bootstrap, Topics.INSTANCE_TYPES.name())).isEqualTo(typesBefore);

            fake.remove(leaves);
            PollResult withdrawal = second.poll(secondEntry);
            assertThat(withdrawal.offersRemoved()).isEqualTo(1);
            assertThat(latestOffers(fake.id()).get(leaves).isRemoval()).isTrue();
        }
    }

    @Test
    void catalogFileServesAProviderUntilItsLiveReaderSucceeds() throws Exception {
        FakeProvider file = FakeProvider.unique();
        String fileOnly = file.offer("us-east-1", "gpu_1x_a10", "0.75");
        FakeProvider live = new FakeProvider(file.id());
        String both = live.offer("us-west-1", "gpu_1x_a10", "0.70");
        live.failWith(new ProviderException(live.id(), ErrorKind.AUTHENTICATION_FAILED, "invalid key"));
        registry.register(new FeedDefinition(file.id(), OfferSource.CATALOG_FILE, file, null, () -> "v1"),
                Schedule.manual());
        ProviderEntry entry = registry.register(FeedDefinition.of(live, OfferSource.API), Schedule.manual());

        PollResult fallback = poll(entry);
        assertThat(fallback.source()).isEqualTo(OfferSource.CATALOG_FILE);
        assertThat(latestOffers(file.id())).containsOnlyKeys(fileOnly);
        assertThat(lastStatus(file.id()).lastError()).contains("invalid key").contains("catalog file");

        live.recover();
        PollResult replaced = poll(entry);
        assertThat(replaced.source()).isEqualTo(OfferSource.API);
        Map<String, OfferEvent> latest = latestOffers(file.id());
        assertThat(latest.get(fileOnly).isRemoval()).isTrue();
        assertThat(latest.get(both).changes()).containsExactly(OfferChange.ADDED);
        assertThat(lastStatus(file.id()).state()).isEqualTo(ProviderState.OK);
    }

    @Test
    void aReaderThatHangsFailsThePollAtItsTimeoutAndKeepsTheOffers() throws Exception {
        FakeProvider fake = FakeProvider.unique();
        fake.offer("us-east-1", "gpu_1x_a10", "0.75");
        ProviderEntry entry = registry.register(FeedDefinition.of(fake, OfferSource.API),
                new Schedule(true, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofMillis(300), false));
        poll(entry);
        var gate = fake.block();
        try {
            PollResult result = poll(entry);

            assertThat(result.outcome()).isEqualTo(PollResult.Outcome.FAILED);
            assertThat(result.error()).contains("timed out");
            assertThat(lastStatus(fake.id()).offerCount()).isEqualTo(1);
            assertThat(offerEvents(fake.id())).extracting(OfferEvent::isRemoval).containsOnly(false);
        } finally {
            gate.countDown();
        }
    }
}
