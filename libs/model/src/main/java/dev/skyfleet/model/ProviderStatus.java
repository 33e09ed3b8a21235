package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Value of {@code skyfleet.provider-status.v1} (key: provider id).
 *
 * @param provider provider id
 * @param state ok, error, unconfigured, disabled or starting
 * @param lastSuccessAt end of the last successful full poll; null if never
 * @param lastAttemptAt end of the last poll, successful or not; null if never
 * @param lastError kind and message of the last failure (never a secret); null after a success
 * @param offerCount offers currently published for the provider
 * @param pollInterval how often the provider is polled; a consumer judges staleness against it
 * @param capabilities what the provider can do
 * @param at when this status was published
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProviderStatus(String provider, ProviderState state, Instant lastSuccessAt, Instant lastAttemptAt,
        String lastError, int offerCount, Duration pollInterval, Set<Capability> capabilities, Instant at) {

    public ProviderStatus {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        TreeSet<Capability> sorted = new TreeSet<>();
        if (capabilities != null) {
            capabilities.stream().filter(Objects::nonNull).forEach(sorted::add);
        }
        capabilities = Collections.unmodifiableSet(sorted);
    }

    /** True when no successful poll happened within {@code maxAge} before {@code now}. */
    public boolean isStale(Instant now, Duration maxAge) {
        return lastSuccessAt == null || lastSuccessAt.plus(maxAge).isBefore(now);
    }
}
