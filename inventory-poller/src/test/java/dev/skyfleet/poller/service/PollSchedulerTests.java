package dev.skyfleet.poller.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollSchedulerTests {

    private static Schedule every(Duration interval) {
        return new Schedule(true, interval, Duration.ZERO, interval, Duration.ofSeconds(5), false);
    }

    private static ProviderEntry entry(String id, Schedule schedule) {
        ProviderEntry entry = new ProviderEntry(id, schedule);
        entry.attach(FeedDefinition.of(new dev.skyfleet.poller.support.FakeProvider(id),
                dev.skyfleet.model.OfferSource.API));
        return entry;
    }

    @Test
    void pollNowJoinsThePollAlreadyRunningInsteadOfStartingASecond() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        try (PollScheduler scheduler = new PollScheduler(e -> {
            runs.incrementAndGet();
            waitFor(release);
            return PollResult.skipped(e.id(), "test", Instant.now());
        }, Clock.systemUTC())) {
            ProviderEntry entry = entry("one", Schedule.manual());
            CompletableFuture<PollResult> first = scheduler.pollNow(entry);
            CompletableFuture<PollResult> second = scheduler.pollNow(entry);
            assertThat(second).isSameAs(first);
            release.countDown();
            first.get(5, TimeUnit.SECONDS);
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void aBlockedProviderDoesNotDelayAnother() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fastPolls = new AtomicInteger();
        try (PollScheduler scheduler = new PollScheduler(e -> {
            if (e.id().equals("slow")) {
                waitFor(release);
            } else {
                fastPolls.incrementAndGet();
            }
            return PollResult.skipped(e.id(), "test", Instant.now());
        }, Clock.systemUTC())) {
            scheduler.start();
            scheduler.schedule(entry("slow", every(Duration.ofMillis(50))));
            scheduler.schedule(entry("fast", every(Duration.ofMillis(50))));
            await().atMost(Duration.ofSeconds(10)).until(() -> fastPolls.get() >= 5);
            release.countDown();
        }
    }

    @Test
    void scheduledPollsOfOneProviderNeverOverlap() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger polls = new AtomicInteger();
        try (PollScheduler scheduler = new PollScheduler(e -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            polls.incrementAndGet();
            return PollResult.skipped(e.id(), "test", Instant.now());
        }, Clock.systemUTC())) {
            scheduler.start();
            ProviderEntry entry = entry("busy", every(Duration.ofMillis(1)));
            scheduler.schedule(entry);
            for (int i = 0; i < 20; i++) {
                scheduler.pollNow(entry);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() >= 10);
            assertThat(maxRunning).hasValue(1);
            assertThat(entry.nextPollAt()).isNotNull();
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
