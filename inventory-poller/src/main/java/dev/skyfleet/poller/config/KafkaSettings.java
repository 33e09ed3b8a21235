package dev.skyfleet.poller.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** How the poller talks to Kafka (besides {@code kafka.bootstrap.servers}). */
@ConfigMapping(prefix = "skyfleet.kafka")
public interface KafkaSettings {

    /** Replicas per partition of the topics the poller creates (1 for a single broker). */
    @WithDefault("1")
    short replicationFactor();

    /** Producer tuning for the catalog topics. */
    Producer producer();

    /** Producer settings. */
    interface Producer {
        /** How long the producer waits to fill a batch ({@code linger.ms}). */
        @WithDefault("20ms")
        Duration linger();

        /** Largest batch per partition in bytes ({@code batch.size}). */
        @WithDefault("262144")
        int batchSize();

        /** Record compression: none, gzip, snappy, lz4 or zstd. */
        @WithDefault("lz4")
        String compression();

        /** Longest time a publish may take before it counts as failed ({@code delivery.timeout.ms}). */
        @WithDefault("60s")
        @WithName("delivery-timeout")
        Duration deliveryTimeout();
    }
}
