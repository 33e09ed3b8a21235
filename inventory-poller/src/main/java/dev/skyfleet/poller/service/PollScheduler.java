package dev.skyfleet.poller.service;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Runs each provider on its own schedule: interval plus jitter, re-armed when the previous poll ends (so polls of
 * one provider never overlap), stretched when the provider asked for a {@code Retry-After}. Catalog files are
 * checked every interval and polled only when their fingerprint changed. A single timer thread only hands polls
 * to each provider's own thread, so one slow provider never delays another.
 */
public class PollScheduler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PollScheduler.class);

    private final Function<ProviderEntry, PollResult> poll;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "poll-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentHashMap<String, ScheduledFuture<?>> armed = new ConcurrentHashMap<>();
    private volatile boolean running;

    public PollScheduler(Function<ProviderEntry, PollResult> poll, Clock clock) {
        this.poll = Objects.requireNonNull(poll);
        this.clock = clock;
    }

    /** Polls a provider now, or joins the poll already running for it. */
    public CompletableFuture<PollResult> pollNow(ProviderEntry entry) {
        return entry.submit(() -> poll.apply(entry));
    }

    public void start() {
        running = true;
    }

    /** Starts the schedule of an entry (first poll soon, spread by the jitter); no-op for manual schedules. */
    public void schedule(ProviderEntry entry) {
        if (!running || !entry.schedule().automatic() || !entry.usable()) {
            return;
        }
        long jitter = entry.schedule().jitter().toMillis();
        arm(entry, Duration.ofMillis(jitter <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter + 1)));
    }

    private void arm(ProviderEntry entry, Duration delay) {
        if (!running) {
            return;
        }
        entry.nextPollAt(clock.instant().plus(delay));
        ScheduledFuture<?> previous = armed.put(entry.id(),
                timer.schedule(() -> tick(entry), delay.toMillis(), TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private void tick(ProviderEntry entry) {
        try {
            if (!running || !entry.schedule().automatic()) {
                return;
            }
            if (unchangedFiles(entry)) {
                arm(entry, entry.schedule().nextDelay());
                return;
            }
            pollNow(entry).whenComplete((result, error) -> {
                Duration delay = entry.schedule().nextDelay();
                if (result != null && result.retryAfter() != null && result.retryAfter().compareTo(delay) > 0) {
                    delay = result.retryAfter();
                }
                if (error != null) {
                    LOG.errorf("poll of %s ended unexpectedly: %s", entry.id(), error.getClass().getSimpleName());
                }
                arm(entry, delay);
            });
        } catch (RuntimeException e) {
            LOG.errorf("cannot schedule %s: %s", entry.id(), e.getMessage());
            arm(entry, entry.schedule().nextDelay());
        }
    }

    /** A catalog-file provider whose files did not change since its last successful poll. */
    private boolean unchangedFiles(ProviderEntry entry) {
        if (!entry.schedule().onChange() || entry.state() != dev.skyfleet.model.ProviderState.OK) {
            return false;
        }
        FeedDefinition file = entry.fileFeed();
        if (file == null || file.fingerprint() == null || entry.fingerprint() == null) {
            return false;
        }
        try {
            return entry.fingerprint().equals(file.fingerprint().get());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        armed.values().forEach(f -> f.cancel(false));
        timer.shutdownNow();
    }
}
