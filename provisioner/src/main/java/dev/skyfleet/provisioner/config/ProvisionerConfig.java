package dev.skyfleet.provisioner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the provisioner service. */
@ConfigMapping(prefix = "skyfleet.provisioner")
public interface ProvisionerConfig {

    /**
     * File the first admin token is written to (mode 600) when no valid admin token is found there at start.
     * Empty: no admin token is bootstrapped.
     */
    Optional<String> adminTokenFile();

    /** Failover across candidate offers. */
    Failover failover();

    /** Launch and reconciliation timing. */
    Launch launch();

    /** Lifecycle tracking of launched instances. */
    Lifecycle lifecycle();

    interface Failover {
        /** How many offers one create request may try before it fails. */
        @WithDefault("5")
        int maxAttempts();

        /** How long an offer that answered "insufficient capacity" (or a quota-blocked provider-region) is skipped. */
        @WithDefault("3m")
        Duration unavailableTtl();
    }

    interface Launch {
        /** How long an instance may stay pending before it is terminated and marked failed. */
        @WithDefault("20m")
        Duration timeout();

        /** Per-provider pending timeout overriding {@link #timeout()} (key: provider id). */
        Map<String, Duration> timeouts();

        /**
         * How old an attempt without an answer must be before it is treated as in doubt (the worker died between
         * recording it and the provider's answer) and reconciled with the provider. Longer than any provider call.
         */
        @WithDefault("2m")
        Duration inDoubtGrace();
    }

    interface Lifecycle {
        /** How often pending and terminating instances are polled at their provider. */
        @WithDefault("2s")
        Duration pollInterval();

        /** Most instances polled per round. */
        @WithDefault("500")
        int batchSize();
    }
}
