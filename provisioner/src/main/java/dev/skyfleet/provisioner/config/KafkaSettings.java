package dev.skyfleet.provisioner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Kafka settings of Skyfleet itself (the broker address is Quarkus's {@code kafka.bootstrap.servers}). */
@ConfigMapping(prefix = "skyfleet.kafka")
public interface KafkaSettings {

    /** Replicas per partition for the topics this service creates (1 for a single local broker). */
    @WithDefault("1")
    short replicationFactor();
}
