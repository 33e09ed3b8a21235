package dev.skyfleet.poller.service;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a provider is polled.
 *
 * @param enabled false: never polled, published as disabled
 * @param interval time between two polls; {@link Duration#ZERO} polls only on demand
 * @param jitter up to this much random delay is added to each interval
 * @param typesInterval time between two reads of the instance types (at most once per poll)
 * @param timeout longest time one poll may take
 * @param onChange poll only when the source's fingerprint changed (catalog files); {@code interval} is then the
 *     time between two checks
 */
public record Schedule(boolean enabled, Duration interval, Duration jitter, Duration typesInterval, Duration timeout,
        boolean onChange) {

    public Schedule {
        Objects.requireNonNull(interval, "interval");
        jitter = jitter == null ? Duration.ZERO : jitter;
        typesInterval = typesInterval == null ? interval : typesInterval;
        timeout = timeout == null ? Duration.ofMinutes(2) : timeout;
    }

    /** Polled only when asked to (tests, benchmarks). */
    public static Schedule manual() {
        return new Schedule(true, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(2), false);
    }

    public boolean automatic() {
        return enabled && !interval.isZero() && !interval.isNegative();
    }

    /** The interval plus a random share of the jitter. */
    public Duration nextDelay() {
        long jitterMillis = jitter.toMillis();
        return interval.plusMillis(jitterMillis <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMillis + 1));
    }

    public Schedule withEnabled(boolean value) {
        return new Schedule(value, interval, jitter, typesInterval, timeout, onChange);
    }
}
