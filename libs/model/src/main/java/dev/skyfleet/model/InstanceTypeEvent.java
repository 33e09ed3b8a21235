package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/**
 * Value of {@code skyfleet.instance-types.v1} (key: {@code provider/type}).
 *
 * @param key {@code provider/type}, repeated in the value
 * @param spec the instance type now (as last seen, when removed)
 * @param removed true when the provider no longer lists the type
 * @param at when this was observed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstanceTypeEvent(String key, InstanceTypeSpec spec, boolean removed, Instant at) {
    public InstanceTypeEvent {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(at, "at");
        key = spec.key();
    }

    public static InstanceTypeEvent upsert(InstanceTypeSpec spec, Instant at) {
        return new InstanceTypeEvent(null, spec, false, at);
    }

    public static InstanceTypeEvent removal(InstanceTypeSpec spec, Instant at) {
        return new InstanceTypeEvent(null, spec, true, at);
    }
}
