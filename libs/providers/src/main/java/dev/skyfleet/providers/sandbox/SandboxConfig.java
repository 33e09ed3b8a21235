package dev.skyfleet.providers.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Sandbox simulator settings.
 *
 * @param id provider id ({@code sandbox})
 * @param seed drives capacity and price changes; same seed + same clock readings = same catalog
 * @param clock time source (inject a {@link MutableClock} in tests)
 * @param launchDelay PENDING → RUNNING (also after start)
 * @param stopDelay STOPPING → STOPPED
 * @param terminateDelay TERMINATING → TERMINATED (zero: terminated at once)
 * @param capacityPeriod how long one capacity state lasts before it is re-drawn
 * @param pricePeriod how long one price lasts before it is re-drawn
 * @param availabilityPercent chance (0–100) that an offer has capacity in a capacity period
 * @param maxInstancesPerRegion quota: live (not terminated) instances per region
 */
public record SandboxConfig(String id, long seed, Clock clock, Duration launchDelay, Duration stopDelay,
        Duration terminateDelay, Duration capacityPeriod, Duration pricePeriod, int availabilityPercent,
        int maxInstancesPerRegion) {

    public SandboxConfig {
        id = id == null || id.isBlank() ? "sandbox" : id;
        clock = clock == null ? Clock.systemUTC() : clock;
        launchDelay = nonNegative(launchDelay, Duration.ofSeconds(20));
        stopDelay = nonNegative(stopDelay, Duration.ofSeconds(10));
        terminateDelay = nonNegative(terminateDelay, Duration.ofSeconds(5));
        capacityPeriod = positive(capacityPeriod, Duration.ofMinutes(5));
        pricePeriod = positive(pricePeriod, Duration.ofHours(1));
        if (availabilityPercent < 0 || availabilityPercent > 100) {
            throw new IllegalArgumentException("availabilityPercent must be 0..100");
        }
        maxInstancesPerRegion = maxInstancesPerRegion <= 0 ? 32 : maxInstancesPerRegion;
    }

    /** Defaults: seed 42, system clock, 20 s launch, capacity re-drawn every 5 min at 75 %, price every hour. */
    public static SandboxConfig defaults() {
        return new SandboxConfig("sandbox", 42L, null, null, null, null, null, null, 75, 32);
    }

    public static SandboxConfig withSeedAndClock(long seed, Clock clock) {
        return new SandboxConfig("sandbox", seed, clock, null, null, null, null, null, 75, 32);
    }

    public SandboxConfig withLaunchDelay(Duration delay) {
        return new SandboxConfig(id, seed, clock, delay, stopDelay, terminateDelay, capacityPeriod, pricePeriod,
                availabilityPercent, maxInstancesPerRegion);
    }

    public SandboxConfig withAvailabilityPercent(int percent) {
        return new SandboxConfig(id, seed, clock, launchDelay, stopDelay, terminateDelay, capacityPeriod, pricePeriod,
                percent, maxInstancesPerRegion);
    }

    public SandboxConfig withMaxInstancesPerRegion(int max) {
        return new SandboxConfig(id, seed, clock, launchDelay, stopDelay, terminateDelay, capacityPeriod, pricePeriod,
                availabilityPercent, max);
    }

    private static Duration nonNegative(Duration d, Duration fallback) {
        return d == null || d.isNegative() ? fallback : d;
    }

    private static Duration positive(Duration d, Duration fallback) {
        Objects.requireNonNull(fallback);
        return d == null || d.isZero() || d.isNegative() ? fallback : d;
    }
}
