package dev.skyfleet.provisioner;

import java.time.Instant;

/**
 * One try to launch an instance on one offer. Written (status {@code in-flight}) before the provider is called.
 *
 * @param instanceId the instance
 * @param attempt 1, 2, ...
 * @param offerId the offer tried
 * @param provider its provider
 * @param region its region
 * @param refId reference sent to the provider (tag / name / idempotency token): {@code <instance id>-<attempt>}
 * @param status what happened
 * @param providerInstanceId the provider's id when it launched
 * @param errorKind provider error kind when it failed
 * @param message detail
 * @param startedAt when it was recorded
 * @param finishedAt when the outcome was recorded
 */
public record LaunchAttempt(String instanceId, int attempt, String offerId, String provider, String region,
        String refId, Status status, String providerInstanceId, String errorKind, String message, Instant startedAt,
        Instant finishedAt) {

    /** Outcome of an attempt. */
    public enum Status {
        /** Recorded; the provider has not answered (or the worker died before writing the answer). */
        IN_FLIGHT("in-flight"),
        /** The provider launched it. */
        LAUNCHED("launched"),
        /** Found at the provider by reconciliation after the worker lost the answer. */
        ADOPTED("adopted"),
        /** The provider refused it. */
        FAILED("failed"),
        /** Reconciliation found nothing at the provider: it never launched. */
        NOT_LAUNCHED("not-launched");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Status fromWire(String value) {
            for (Status status : values()) {
                if (status.wire.equals(value)) {
                    return status;
                }
            }
            throw new IllegalArgumentException("unknown attempt status " + value);
        }
    }
}
