package dev.skyfleet.generator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Kafka settings shared by Skyfleet services. */
@ConfigMapping(prefix = "skyfleet.kafka")
public interface KafkaSettings {

    /** Replicas per partition for the topics this service creates (1 for a single broker). */
    @WithDefault("1")
    short replicationFactor();
}
