package dev.skyfleet.poller.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** How the poller schedules providers. Provider credentials live in {@link ProvidersConfig}. */
@ConfigMapping(prefix = "skyfleet.poller")
public interface PollerConfig {

    /**
     * Poll providers on their schedules once the last published state is restored. Tests turn this off and
     * poll on demand.
     */
    @WithDefault("true")
    boolean scheduling();

    /** Schedule settings for every provider that has no setting of its own. */
    Defaults defaults();

    /** Per-provider schedule, keyed by provider id ({@code lambda}, {@code aws}, {@code sandbox}, {@code gcp}...). */
    Map<String, ProviderSchedule> providers();

    /** Longest time reading the compacted topics back may take at startup before the poller gives up. */
    @WithDefault("2m")
    Duration restoreTimeout();

    /** How long {@code POST /api/v1/providers/{id}/poll} waits for the poll before answering 202 Accepted. */
    @WithDefault("30s")
    Duration manualPollWait();

    /** Schedule defaults. */
    interface Defaults {
        /** Time between two polls of a provider. */
        @WithDefault("60s")
        Duration interval();

        /** Up to this much random delay is added to every interval so providers do not poll in lock-step. */
        @WithDefault("5s")
        Duration jitter();

        /** Longest time one poll (all list calls of one provider) may take before it counts as failed. */
        @WithDefault("2m")
        Duration timeout();
    }

    /** One provider's schedule; absent values fall back to {@link #defaults()}. */
    interface ProviderSchedule {
        /** False turns the provider off (published as {@code disabled}). */
        Optional<Boolean> enabled();

        /** Time between two polls of the offers (for catalog files: between two checks for changed files). */
        Optional<Duration> interval();

        /** Random extra delay added to each interval. */
        Optional<Duration> jitter();

        /** Time between two reads of the instance types; defaults to the offer interval. */
        Optional<Duration> typesInterval();

        /** Longest time one poll may take. */
        Optional<Duration> timeout();
    }
}
