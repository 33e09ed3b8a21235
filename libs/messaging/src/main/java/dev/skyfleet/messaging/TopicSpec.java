package dev.skyfleet.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A topic's contract: name, partition count and cleanup policy. Topics are created from these at start by the
 * component that owns them, never left to auto-creation.
 *
 * @param name topic name, versioned ({@code .v1})
 * @param partitions partition count; consumers scale out up to it
 * @param compact true for {@code cleanup.policy=compact} (latest value per key), false for delete
 * @param retention retention for delete topics; null for the broker default
 */
public record TopicSpec(String name, int partitions, boolean compact, Duration retention) {
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
    }

    /** Topic-level configuration as Kafka expects it. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", compact ? "compact" : "delete");
        if (retention != null) {
            configs.put("retention.ms", Long.toString(retention.toMillis()));
        }
        if (compact) {
            // keep removals and tombstones visible long enough for a restarted consumer to see them
            configs.put("delete.retention.ms", Long.toString(Duration.ofDays(1).toMillis()));
            configs.put("min.compaction.lag.ms", "0");
        }
        return configs;
    }

    /** The dead-letter topic for records a consumer of this topic could not process. */
    public TopicSpec deadLetter() {
        return new TopicSpec(name + ".dlq", 1, false, Duration.ofDays(14));
    }
}
