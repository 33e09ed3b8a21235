package dev.skyfleet.catalog.service;

import dev.skyfleet.catalog.repository.ProviderStatusEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which providers synced successfully within the configured age. A provider without any status, or whose last
 * success is older than {@code staleAfter}, is stale.
 */
public final class Freshness {
    private final Map<String, ProviderStatusEntity> statuses;
    private final Instant now;
    private final Duration staleAfter;

    public Freshness(List<ProviderStatusEntity> statuses, Instant now, Duration staleAfter) {
        this.statuses = statuses.stream().collect(Collectors.toMap(s -> s.provider, Function.identity()));
        this.now = now;
        this.staleAfter = staleAfter;
    }

    public boolean isStale(String provider) {
        ProviderStatusEntity status = statuses.get(provider);
        return status == null || status.lastSuccessAt == null || status.lastSuccessAt.plus(staleAfter).isBefore(now);
    }

    /** Providers with a recent successful sync. */
    public Set<String> freshProviders() {
        return statuses.keySet().stream().filter(p -> !isStale(p)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Time since the last successful sync; null if never. */
    public Duration staleness(String provider) {
        ProviderStatusEntity status = statuses.get(provider);
        return status == null || status.lastSuccessAt == null ? null : Duration.between(status.lastSuccessAt, now);
    }

    /** Why a provider counts as stale, for a selection's reasons. */
    public String staleReason(String provider) {
        ProviderStatusEntity status = statuses.get(provider);
        if (status == null) {
            return "provider " + provider + " has published no status yet; ranked after fresh providers";
        }
        if (status.lastSuccessAt == null) {
            return "provider " + provider + " has never synced successfully; ranked after fresh providers";
        }
        return "provider " + provider + " last synced successfully at " + status.lastSuccessAt + " (more than "
                + staleAfter.toMinutes() + " min ago); ranked after fresh providers";
    }

    public Instant now() {
        return now;
    }
}
