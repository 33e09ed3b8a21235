package dev.skyfleet.poller.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.skyfleet.model.OfferSource;
import java.time.Duration;
import java.time.Instant;

/**
 * What one poll did.
 *
 * @param provider provider id
 * @param outcome ok, failed or skipped
 * @param source the feed whose data was used; null when none
 * @param offersSeen distinct offers the provider listed
 * @param offersPublished offer changes published (added, changed, removed)
 * @param offersRemoved of those, removals
 * @param typesPublished instance type changes published
 * @param error what went wrong (never a secret); null on success
 * @param startedAt when the poll started
 * @param durationMillis how long it took
 * @param retryAfter how long the provider asked us to wait before the next call; null when it did not
 */
public record PollResult(String provider, Outcome outcome, OfferSource source, int offersSeen, int offersPublished,
        int offersRemoved, int typesPublished, String error, Instant startedAt, long durationMillis,
        @JsonIgnore Duration retryAfter) {

    /** How a poll ended. */
    public enum Outcome {
        OK, FAILED, SKIPPED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static PollResult skipped(String provider, String reason, Instant at) {
        return new PollResult(provider, Outcome.SKIPPED, null, 0, 0, 0, 0, reason, at, 0, null);
    }
}
