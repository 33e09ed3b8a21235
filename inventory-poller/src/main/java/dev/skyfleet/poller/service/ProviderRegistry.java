package dev.skyfleet.poller.service;

import dev.skyfleet.model.OfferSource;
import dev.skyfleet.poller.config.PollerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Every provider the poller knows, by id, with the schedule configuration gives it. */
@ApplicationScoped
public class ProviderRegistry {
    private final PollerConfig config;
    private final ConcurrentSkipListMap<String, ProviderEntry> entries = new ConcurrentSkipListMap<>();
    private final List<Consumer<ProviderEntry>> listeners = new CopyOnWriteArrayList<>();

    public ProviderRegistry(PollerConfig config) {
        this.config = config;
    }

    /** Adds a feed with the schedule from configuration ({@code skyfleet.poller.providers.<id>.*}). */
    public ProviderEntry register(FeedDefinition feed) {
        ProviderEntry entry = entries.computeIfAbsent(feed.providerId(),
                id -> new ProviderEntry(id, scheduleFor(id, feed.source())));
        synchronized (entry) {
            entry.attach(feed);
            FeedDefinition live = entry.liveFeed();
            entry.schedule(live != null && (live.usable() || entry.fileFeed() == null)
                    ? scheduleFor(entry.id(), live.source())
                    : scheduleFor(entry.id(), OfferSource.CATALOG_FILE));
        }
        listeners.forEach(l -> l.accept(entry));
        return entry;
    }

    /** Adds a feed with an explicit schedule (tests, benchmarks); replaces a feed of the same kind. */
    public ProviderEntry register(FeedDefinition feed, Schedule schedule) {
        ProviderEntry entry = entries.computeIfAbsent(feed.providerId(), id -> new ProviderEntry(id, schedule));
        synchronized (entry) {
            if (feed.live() || entry.liveFeed() == null) {
                entry.schedule(schedule);
            }
            entry.attach(feed);
        }
        listeners.forEach(l -> l.accept(entry));
        return entry;
    }

    public Optional<ProviderEntry> find(String id) {
        return Optional.ofNullable(id == null ? null : entries.get(id));
    }

    public Collection<ProviderEntry> all() {
        return List.copyOf(entries.values());
    }

    /** Called for every registration, present and future. */
    public void onRegistered(Consumer<ProviderEntry> listener) {
        listeners.add(listener);
        entries.values().forEach(listener);
    }

    /** The configured schedule of a provider. Catalog files are polled when they change. */
    public Schedule scheduleFor(String id, OfferSource source) {
        PollerConfig.ProviderSchedule own = config.providers().get(id);
        PollerConfig.Defaults defaults = config.defaults();
        boolean enabled = own == null || own.enabled().orElse(true);
        Duration interval = own == null ? defaults.interval() : own.interval().orElse(defaults.interval());
        Duration jitter = own == null ? defaults.jitter() : own.jitter().orElse(defaults.jitter());
        Duration types = own == null ? interval : own.typesInterval().orElse(interval);
        Duration timeout = own == null ? defaults.timeout() : own.timeout().orElse(defaults.timeout());
        if (source == OfferSource.CATALOG_FILE && (own == null || own.interval().isEmpty())) {
            PollerConfig.ProviderSchedule files = config.providers().get("catalog");
            interval = files == null ? interval : files.interval().orElse(interval);
            types = interval;
        }
        return new Schedule(enabled, interval, jitter, types, timeout, source == OfferSource.CATALOG_FILE);
    }

    @PreDestroy
    void stop() {
        for (ProviderEntry entry : entries.values()) {
            entry.shutdown();
            for (FeedDefinition feed : new FeedDefinition[] {entry.liveFeed(), entry.fileFeed()}) {
                if (feed != null && feed.provider() instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        // closing a reader at shutdown: nothing left to do about a failure
                    }
                }
            }
        }
    }
}
