package dev.skyfleet.poller.service;

import dev.skyfleet.model.InstanceTypeEvent;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.ProviderStatus;
import dev.skyfleet.poller.messaging.CatalogPublisher;
import dev.skyfleet.poller.store.ProviderBook;
import dev.skyfleet.poller.store.PublishedState;
import dev.skyfleet.providers.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One poll of one provider: read the full listing, diff it against the last published state, publish only the
 * changes, then publish the provider's status. A failed read publishes the error and keeps every offer; a
 * successful full read withdraws what the provider no longer lists.
 */
public class PollService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PollService.class);

    private final PublishedState state;
    private final CatalogPublisher publisher;
    private final PollMetrics metrics;
    private final SecretRedactor redactor;
    private final Clock clock;
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "provider-call");
        thread.setDaemon(true);
        return thread;
    });

    public PollService(PublishedState state, CatalogPublisher publisher, PollMetrics metrics, SecretRedactor redactor,
            Clock clock) {
        this.state = state;
        this.publisher = publisher;
        this.metrics = metrics;
        this.redactor = redactor;
        this.clock = clock;
    }

    /** Runs one poll now, on the calling thread. Callers make sure one provider is polled at a time. */
    public PollResult poll(ProviderEntry entry) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        if (!entry.schedule().enabled() || !entry.usable()) {
            return PollResult.skipped(entry.id(), entry.schedule().enabled() ? entry.unavailableReason()
                    : "disabled by configuration", started);
        }
        Failure liveFailure = null;
        for (FeedDefinition feed : entry.feedsToTry()) {
            // a feed taking over from another (live replacing a catalog file) brings its own types at once
            boolean readTypes = entry.typesDue(started) || entry.activeSource() != feed.source();
            Listing listing;
            try {
                listing = read(feed, readTypes, entry.schedule().timeout());
            } catch (Failure failure) {
                if (liveFailure == null) {
                    liveFailure = failure;
                }
                LOG.warnf("poll of %s (%s) failed: %s", entry.id(), feed.source().wire(), failure.getMessage());
                continue;
            }
            return publish(entry, feed, listing, started, t0, liveFailure);
        }
        Failure failure = liveFailure;
        entry.recordFailure(started, failure.getMessage());
        metrics.pollFailed(entry.id(), failure.kind, Duration.ofNanos(System.nanoTime() - t0));
        publishStatus(entry, started);
        PollResult result = new PollResult(entry.id(), PollResult.Outcome.FAILED, null, 0, 0, 0, 0,
                failure.getMessage(), started, millisSince(t0), failure.retryAfter);
        entry.lastResult(result);
        return result;
    }

    private record Listing(List<Offer> offers, List<InstanceTypeSpec> types, String fingerprint,
            java.util.Set<dev.skyfleet.model.Capability> capabilities) {
    }

    private Listing read(FeedDefinition feed, boolean readTypes, Duration timeout) throws Failure {
        String fingerprint = fingerprint(feed);
        Future<Listing> call = calls.submit(() -> {
            var provider = feed.provider();
            if (readTypes) {
                // one consistent read of types and offers (one round of API calls for REST providers)
                var snapshot = provider.readCatalog();
                return new Listing(snapshot.offers(), snapshot.instanceTypes(), fingerprint, provider.capabilities());
            }
            return new Listing(provider.listOffers(), null, fingerprint, provider.capabilities());
        });
        try {
            Listing listing = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (listing.offers() == null) {
                throw new Failure("internal", "the reader returned no offer list", null);
            }
            return listing;
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new Failure("timeout", "poll timed out after " + timeout.toSeconds() + " s", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new Failure("interrupted", "poll interrupted", null);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof ProviderException pe) {
                String message = pe.kind().name().toLowerCase(java.util.Locale.ROOT) + ": "
                        + redactor.redact(pe.getMessage());
                throw new Failure(pe.kind().name().toLowerCase(java.util.Locale.ROOT), message, pe.retryAfter());
            }
            LOG.errorf("reader of %s failed unexpectedly: %s", feed.providerId(),
                    redactor.redact(String.valueOf(cause)));
            throw new Failure("internal", "unexpected error in the " + feed.providerId()
                    + " reader (see the poller log)", null);
        }
    }

    private String fingerprint(FeedDefinition feed) {
        try {
            return feed.fingerprint() == null ? null : feed.fingerprint().get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private PollResult publish(ProviderEntry entry, FeedDefinition feed, Listing listing, Instant started, long t0,
            Failure liveFailure) {
        String provider = entry.id();
        ProviderBook book = state.book(provider);
        int typesPublished = 0;
        CatalogPublisher.Report failed = null;
        if (listing.types() != null) {
            CatalogDiff.Result<InstanceTypeEvent> types = CatalogDiff.types(provider, book.types(), listing.types(),
                    started);
            CatalogPublisher.Report report = publisher.publishTypes(provider, types.events(), book::apply);
            typesPublished = report.acknowledged();
            failed = report.ok() ? null : report;
        }
        CatalogDiff.Result<OfferEvent> offers = CatalogDiff.offers(provider, book.offers(), listing.offers(), started);
        if (offers.ignored() > 0) {
            LOG.debugf("%s: ignored %d listed offers (duplicates or another provider's)", provider, offers.ignored());
        }
        int[] removed = new int[1];
        CatalogPublisher.Report report = failed != null ? new CatalogPublisher.Report(0, 0, failed.failure())
                : publisher.publishOffers(provider, offers.events(), event -> {
                    book.apply(event);
                    if (event.isRemoval()) {
                        removed[0]++;
                    }
                });
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        entry.capabilities(listing.capabilities());
        metrics.offersSeen(provider, offers.seen());
        metrics.published(provider, report.acknowledged() - removed[0], removed[0], typesPublished);
        if (!report.ok()) {
            String message = "could not publish to Kafka: " + redactor.redact(report.failure().getMessage());
            LOG.errorf("%s: %s (%d of %d changes acknowledged)", provider, message, report.acknowledged(),
                    offers.events().size());
            entry.recordFailure(started, message);
            metrics.pollFailed(provider, "kafka", took);
            publishStatus(entry, started);
            PollResult result = new PollResult(provider, PollResult.Outcome.FAILED, feed.source(), offers.seen(),
                    report.acknowledged(), removed[0], typesPublished, message, started, took.toMillis(), null);
            entry.lastResult(result);
            return result;
        }
        boolean typesRead = listing.types() != null;
        if (liveFailure != null && !feed.live()) {
            entry.recordFallback(feed, started, typesRead, liveFailure.getMessage(), listing.fingerprint());
            metrics.pollFailed(provider, liveFailure.kind, took);
        } else {
            entry.recordSuccess(feed, started, typesRead, listing.fingerprint());
            metrics.pollSucceeded(provider, took);
        }
        publishStatus(entry, started);
        if (report.acknowledged() > 0 || typesPublished > 0) {
            LOG.infof("%s: %d offers listed, %d changes published (%d removed), %d type changes, in %d ms", provider,
                    offers.seen(), report.acknowledged(), removed[0], typesPublished, took.toMillis());
        }
        PollResult result = new PollResult(provider, liveFailure != null && !feed.live() ? PollResult.Outcome.FAILED
                : PollResult.Outcome.OK, feed.source(), offers.seen(), report.acknowledged(), removed[0],
                typesPublished, entry.lastError(), started, took.toMillis(),
                liveFailure == null ? null : liveFailure.retryAfter);
        entry.lastResult(result);
        return result;
    }

    /** Publishes the entry's current status; a failure here is logged, the poll result stands. */
    public void publishStatus(ProviderEntry entry, Instant at) {
        ProviderStatus status = status(entry, at);
        CatalogPublisher.Report report = publisher.publishStatus(status);
        if (report.ok()) {
            state.status(status);
        } else {
            LOG.warnf("could not publish the status of %s: %s", entry.id(),
                    redactor.redact(String.valueOf(report.failure().getMessage())));
        }
    }

    public ProviderStatus status(ProviderEntry entry, Instant at) {
        return new ProviderStatus(entry.id(), entry.state(), entry.lastSuccessAt(), entry.lastAttemptAt(),
                redactor.redact(entry.lastError()), state.book(entry.id()).offers().size(), entry.pollInterval(),
                entry.capabilities(), at);
    }

    /** Brings the restored status of a provider into its entry (last success survives a restart). */
    public void restoreStatus(ProviderEntry entry) {
        state.status(entry.id()).ifPresent(s -> entry.restore(s.lastSuccessAt(), s.lastAttemptAt()));
    }

    public PublishedState state() {
        return state;
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }

    /** A failed read, with a message fit for publishing. */
    static final class Failure extends Exception {
        final String kind;
        final Duration retryAfter;

        Failure(String kind, String message, Duration retryAfter) {
            super(message, null, false, false);
            this.kind = kind;
            this.retryAfter = retryAfter;
        }
    }
}
