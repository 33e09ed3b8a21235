package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle of a Skyfleet instance. Unknown provider states map to {@link #UNKNOWN}, never to pending. */
public enum InstanceState implements WireEnum {
    REQUESTED("requested"),
    PENDING("pending"),
    RUNNING("running"),
    STOPPING("stopping"),
    STOPPED("stopped"),
    TERMINATING("terminating"),
    TERMINATED("terminated"),
    FAILED("failed"),
    UNKNOWN("unknown");

    private final String wire;

    InstanceState(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static InstanceState fromWire(String value) {
        return WireEnum.parse(InstanceState.class, value, UNKNOWN);
    }

    /** No further transition can happen. */
    public boolean isFinal() {
        return this == TERMINATED || this == FAILED;
    }
}
