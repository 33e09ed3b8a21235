package dev.skyfleet.poller.store;

import dev.skyfleet.model.ProviderStatus;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last published state of the catalog topics, kept in memory per provider so that a poll is diffed in
 * memory. Filled from the compacted topics at startup, then updated as each record is acknowledged.
 */
public final class PublishedState {
    private final SpecInterner specs = new SpecInterner();
    private final ConcurrentHashMap<String, ProviderBook> books = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ProviderStatus> statuses = new ConcurrentHashMap<>();

    /** The book of one provider, created empty on first use. */
    public ProviderBook book(String provider) {
        return books.computeIfAbsent(provider, p -> new ProviderBook(p, specs));
    }

    /** The last published status of a provider. */
    public Optional<ProviderStatus> status(String provider) {
        return Optional.ofNullable(statuses.get(provider));
    }

    public void status(ProviderStatus status) {
        statuses.put(status.provider(), status);
    }

    /** Total offers over all providers. */
    public int offerCount() {
        return books.values().stream().mapToInt(b -> b.offers().size()).sum();
    }
}
