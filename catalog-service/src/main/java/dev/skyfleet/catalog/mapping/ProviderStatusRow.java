package dev.skyfleet.catalog.mapping;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.skyfleet.model.ProviderStatus;
import java.time.Instant;

/** A provider status flattened into the columns of {@code provider_status}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProviderStatusRow(String provider, String state, Instant lastSuccessAt, Instant lastAttemptAt,
        String lastError, int offerCount, Long pollIntervalS, String capabilities, Instant statusAt) {

    public static ProviderStatusRow of(ProviderStatus status) {
        return new ProviderStatusRow(status.provider(), status.state().wire(), status.lastSuccessAt(),
                status.lastAttemptAt(), status.lastError(), status.offerCount(),
                status.pollInterval() == null ? null : status.pollInterval().toSeconds(),
                OfferMapper.joinCapabilities(status.capabilities()), status.at());
    }
}
