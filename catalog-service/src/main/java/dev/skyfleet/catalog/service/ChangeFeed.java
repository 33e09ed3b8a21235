package dev.skyfleet.catalog.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skyfleet.catalog.ChangeEvent;
import dev.skyfleet.catalog.OfferView;
import dev.skyfleet.catalog.config.CatalogConfig;
import dev.skyfleet.catalog.repository.CatalogRepository;
import dev.skyfleet.catalog.repository.OfferChangeEntity;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.Numbers;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The change log as a live feed. One timer per instance reads new rows of {@code offer_change} in id order, keeps
 * the most recent ones in memory and wakes the subscribers; each subscriber reads everything after its own cursor
 * (from memory, or from the table when it is further behind), so a resumed stream neither misses nor repeats
 * changes. Works across instances because every instance reads the shared table.
 */
@ApplicationScoped
public class ChangeFeed {
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    public static final int PAGE_SIZE = 500;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    /** Someone who wants changes after a cursor. */
    public interface Subscriber {
        /** New changes may be available. */
        void wake();

        /** Nothing happened for a while: say so (keeps proxies open and detects closed connections). */
        void heartbeat();
    }

    private final CatalogRepository repository;
    private final VertxContexts contexts;
    private final CatalogConfig config;
    private final MeterRegistry meters;
    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final ArrayDeque<ChangeEvent> recent = new ArrayDeque<>();
    /** Every change with an id greater than this and at most {@link #head} is in {@link #recent}. */
    private long coveredAfter;
    private volatile long head = -1;
    private long timer = -1;
    private Instant lastHeartbeat = Instant.now();
    private Instant lastPrune = Instant.EPOCH;
    private Instant lastFailureLog = Instant.EPOCH;

    public ChangeFeed(CatalogRepository repository, VertxContexts contexts, CatalogConfig config,
            MeterRegistry meters) {
        this.repository = repository;
        this.contexts = contexts;
        this.config = config;
        this.meters = meters;
        meters.gaugeCollectionSize("skyfleet.catalog.event.subscribers", List.of(), subscribers);
    }

    void start(@Observes StartupEvent event) {
        timer = contexts.vertx().setPeriodic(Math.max(10, config.events().pollInterval().toMillis()),
                id -> poll());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            contexts.vertx().cancelTimer(timer);
        }
    }

    /** The newest change id seen; a subscriber without {@code Last-Event-ID} starts here. */
    public Uni<Long> head() {
        if (head >= 0) {
            return Uni.createFrom().item(head);
        }
        return contexts.run(repository::latestChangeId);
    }

    public void subscribe(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /** Up to {@code max} changes with an id greater than {@code cursor}, oldest first. */
    public Uni<List<ChangeEvent>> after(long cursor, int max) {
        synchronized (recent) {
            if (head >= 0 && cursor >= coveredAfter) {
                List<ChangeEvent> found = new ArrayList<>();
                Iterator<ChangeEvent> it = recent.descendingIterator();
                while (it.hasNext()) {
                    ChangeEvent e = it.next();
                    if (e.id() <= cursor) {
                        break;
                    }
                    found.add(e);
                }
                java.util.Collections.reverse(found);
                return Uni.createFrom().item(found.size() > max ? found.subList(0, max) : found);
            }
        }
        return contexts.run(() -> repository.changesAfter(cursor, max))
                .map(rows -> rows.stream().map(ChangeFeed::toEvent).toList());
    }

    private void poll() {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        if (subscribers.isEmpty()) {
            skipToHead();
            return;
        }
        Uni<Long> start = head >= 0 ? Uni.createFrom().item(head)
                : contexts.run(repository::latestChangeId).invoke(id -> {
                    synchronized (recent) {
                        coveredAfter = id;
                        head = id;
                    }
                });
        start.chain(from -> contexts.run(() -> repository.changesAfter(from, PAGE_SIZE))).subscribe().with(rows -> {
            List<ChangeEvent> events = rows.stream().map(ChangeFeed::toEvent).toList();
            append(events);
            polling.set(false);
            if (!events.isEmpty()) {
                meters.counter("skyfleet.catalog.events.read").increment(events.size());
                subscribers.forEach(Subscriber::wake);
                if (events.size() == PAGE_SIZE) {
                    poll();
                }
            } else {
                idle();
            }
        }, failure -> {
            polling.set(false);
            logFailure(failure);
        });
    }

    /** Nobody listens: move to the newest id without reading the changes (bulk loads cost nothing here). */
    private void skipToHead() {
        contexts.run(repository::latestChangeId).subscribe().with(id -> {
            synchronized (recent) {
                if (id != head) {
                    recent.clear();
                    coveredAfter = id;
                    head = id;
                }
            }
            polling.set(false);
            idle();
        }, failure -> {
            polling.set(false);
            logFailure(failure);
        });
    }

    private void logFailure(Throwable failure) {
        Instant now = Instant.now();
        if (now.isAfter(lastFailureLog.plus(Duration.ofMinutes(1)))) {
            lastFailureLog = now;
            LOG.warnf("cannot read the change log (repeats are logged once a minute): %s", failure.getMessage());
        }
    }

    private void append(List<ChangeEvent> events) {
        synchronized (recent) {
            for (ChangeEvent event : events) {
                recent.addLast(event);
                head = event.id();
            }
            while (recent.size() > config.events().bufferSize()) {
                coveredAfter = recent.removeFirst().id();
            }
        }
    }

    private void idle() {
        Instant now = Instant.now();
        if (now.isAfter(lastHeartbeat.plus(HEARTBEAT))) {
            lastHeartbeat = now;
            subscribers.forEach(Subscriber::heartbeat);
        }
        if (now.isAfter(lastPrune.plus(PRUNE_EVERY))) {
            lastPrune = now;
            contexts.run(() -> repository.pruneChanges(now.minus(config.events().retention()))).subscribe().with(
                    count -> {
                        if (count > 0) {
                            LOG.infof("pruned %d changes older than %s", count, config.events().retention());
                        }
                    }, failure -> LOG.warnf("cannot prune the change log: %s", failure.getMessage()));
        }
    }

    static ChangeEvent toEvent(OfferChangeEntity row) {
        OfferView offer;
        try {
            offer = Json.mapper().readValue(row.offerJson, OfferView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("change " + row.id + " holds an unreadable offer", e);
        }
        OfferView.PriceView previous = row.previousPrice == null ? null
                : new OfferView.PriceView(Numbers.canonical(row.previousPrice),
                        offer.pricePerHour() == null ? "USD" : offer.pricePerHour().currency());
        return new ChangeEvent(row.id, Arrays.asList(row.kinds.split(",")), row.offerId, offer, previous,
                row.previousAvailable, row.changedAt);
    }
}
