package dev.skyfleet.poller.rest;

import dev.skyfleet.model.Capability;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.ProviderState;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A provider as {@code GET /api/v1/providers} shows it.
 *
 * @param id provider id
 * @param state ok, error, unconfigured, disabled or starting
 * @param source where its offers come from: api, catalog-file or simulator
 * @param lastSuccessAt start of the last successful poll
 * @param lastAttemptAt start of the last poll
 * @param lastError the last error or why the provider is not polled (never a secret)
 * @param offerCount offers currently published
 * @param instanceTypeCount instance types currently published
 * @param pollInterval time between polls (zero: on demand only)
 * @param nextPollAt when the next scheduled poll starts; null when none is scheduled
 * @param polling whether a poll is running now
 * @param capabilities what the provider can do
 * @param note extra explanation, e.g. why a catalog file serves a provider instead of its live API
 */
public record ProviderView(String id, ProviderState state, OfferSource source, Instant lastSuccessAt,
        Instant lastAttemptAt, String lastError, int offerCount, int instanceTypeCount, Duration pollInterval,
        Instant nextPollAt, boolean polling, Set<Capability> capabilities, String note) {
}
