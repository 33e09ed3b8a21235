package dev.skyfleet.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the catalog talks to Kafka (besides {@code kafka.bootstrap.servers}). */
@ConfigMapping(prefix = "skyfleet.kafka")
public interface KafkaSettings {

    /** Replicas per partition of the topics the catalog creates (1 for a single broker). */
    @WithDefault("1")
    short replicationFactor();
}
