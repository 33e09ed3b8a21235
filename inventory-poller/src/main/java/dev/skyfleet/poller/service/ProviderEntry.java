package dev.skyfleet.poller.service;

import dev.skyfleet.model.Capability;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.ProviderState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One provider id as the poller runs it: its feeds (live and/or catalog file), schedule, and the runtime facts
 * shown by {@code GET /api/v1/providers}. Polls of one provider run on its own thread, one at a time, so a slow
 * provider never delays another.
 */
public final class ProviderEntry {
    private final String id;
    private volatile Schedule schedule;
    private volatile FeedDefinition live;
    private volatile FeedDefinition file;

    private volatile ProviderState state = ProviderState.STARTING;
    private volatile OfferSource activeSource;
    private volatile Instant lastSuccessAt;
    private volatile Instant lastAttemptAt;
    private volatile String lastError;
    private volatile Instant nextPollAt;
    private volatile Instant typesReadAt;
    private volatile String fingerprint;
    private volatile boolean liveSucceeded;
    private volatile Set<Capability> capabilities = Set.of();
    private volatile PollResult lastResult;

    private final ExecutorService executor;
    private CompletableFuture<PollResult> inFlight;

    ProviderEntry(String id, Schedule schedule) {
        this.id = id;
        this.schedule = schedule;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "poll-" + id);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** An entry outside any registry (benchmarks, tools); poll it with {@link PollService#poll}. */
    public static ProviderEntry standalone(FeedDefinition feed, Schedule schedule) {
        ProviderEntry entry = new ProviderEntry(feed.providerId(), schedule);
        entry.attach(feed);
        return entry;
    }

    public String id() {
        return id;
    }

    /**
     * Why the live reader is not used while a catalog file serves the provider, or null.
     */
    public String note() {
        FeedDefinition l = live;
        FeedDefinition f = file;
        if (l != null && !l.usable() && f != null && f.usable()) {
            return "live reader unavailable (" + l.unavailableReason() + "); offers come from the catalog file";
        }
        return null;
    }

    public Schedule schedule() {
        return schedule;
    }

    void schedule(Schedule value) {
        this.schedule = value;
        refreshState();
    }

    void attach(FeedDefinition feed) {
        if (feed.live()) {
            live = feed;
        } else {
            file = feed;
        }
        refreshState();
    }

    /** Disabled and unconfigured follow from schedule and feeds; other states from polls. */
    private void refreshState() {
        if (!schedule.enabled()) {
            state = ProviderState.DISABLED;
            lastError = null;
        } else if (!usable()) {
            state = ProviderState.UNCONFIGURED;
            lastError = unavailableReason();
        } else if (state == ProviderState.UNCONFIGURED || state == ProviderState.DISABLED) {
            state = ProviderState.STARTING;
            lastError = null;
        }
    }

    public FeedDefinition liveFeed() {
        return live;
    }

    public FeedDefinition fileFeed() {
        return file;
    }

    /** Whether any feed can be polled. */
    public boolean usable() {
        return (live != null && live.usable()) || (file != null && file.usable());
    }

    /** Why no feed can be polled, or null. */
    public String unavailableReason() {
        if (usable()) {
            return null;
        }
        FeedDefinition feed = live != null ? live : file;
        return feed == null ? "no reader configured" : feed.unavailableReason();
    }

    /**
     * Feeds to try in order: the live feed; then, while the live feed has not succeeded in this run, the
     * catalog file as a fallback. Once live data replaced the file's, a failed live poll keeps it.
     */
    List<FeedDefinition> feedsToTry() {
        List<FeedDefinition> feeds = new ArrayList<>(2);
        if (live != null && live.usable()) {
            feeds.add(live);
        }
        if (file != null && file.usable() && (feeds.isEmpty() || !liveSucceeded)) {
            feeds.add(file);
        }
        return feeds;
    }

    /** Whether the instance types should be read in a poll starting at {@code now}. */
    boolean typesDue(Instant now) {
        Instant last = typesReadAt;
        return last == null || !now.isBefore(last.plus(schedule.typesInterval()));
    }

    synchronized CompletableFuture<PollResult> submit(java.util.function.Supplier<PollResult> poll) {
        if (inFlight != null && !inFlight.isDone()) {
            return inFlight;
        }
        inFlight = CompletableFuture.supplyAsync(poll, executor);
        return inFlight;
    }

    public synchronized boolean polling() {
        return inFlight != null && !inFlight.isDone();
    }

    void recordSuccess(FeedDefinition feed, Instant at, boolean typesRead, String newFingerprint) {
        state = ProviderState.OK;
        activeSource = feed.source();
        lastSuccessAt = at;
        lastAttemptAt = at;
        lastError = null;
        if (typesRead) {
            typesReadAt = at;
        }
        if (feed.live()) {
            liveSucceeded = true;
        }
        fingerprint = newFingerprint;
    }

    void recordFailure(Instant at, String error) {
        state = ProviderState.ERROR;
        lastAttemptAt = at;
        lastError = error;
    }

    /** A catalog-file fallback served the offers while the live feed failed. */
    void recordFallback(FeedDefinition feed, Instant at, boolean typesRead, String liveError, String newFingerprint) {
        state = ProviderState.ERROR;
        activeSource = feed.source();
        lastAttemptAt = at;
        lastError = liveError + "; serving offers from the catalog file";
        if (typesRead) {
            typesReadAt = at;
        }
        fingerprint = newFingerprint;
    }

    void restore(Instant lastSuccess, Instant lastAttempt) {
        this.lastSuccessAt = lastSuccess;
        this.lastAttemptAt = lastAttempt;
    }

    void nextPollAt(Instant at) {
        nextPollAt = at;
    }

    void capabilities(Set<Capability> value) {
        capabilities = value == null ? Set.of() : Set.copyOf(value);
    }

    void lastResult(PollResult result) {
        lastResult = result;
    }

    public ProviderState state() {
        return state;
    }

    public OfferSource activeSource() {
        if (activeSource != null) {
            return activeSource;
        }
        List<FeedDefinition> feeds = feedsToTry();
        return feeds.isEmpty() ? (live != null ? live.source() : file != null ? file.source() : null)
                : feeds.get(0).source();
    }

    public Instant lastSuccessAt() {
        return lastSuccessAt;
    }

    public Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant nextPollAt() {
        return nextPollAt;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public Set<Capability> capabilities() {
        return capabilities;
    }

    public PollResult lastResult() {
        return lastResult;
    }

    public Duration pollInterval() {
        return schedule.interval();
    }

    void shutdown() {
        executor.shutdownNow();
    }
}
