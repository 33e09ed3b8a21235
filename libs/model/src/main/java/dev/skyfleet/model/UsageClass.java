package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How an offer is billed. */
public enum UsageClass implements WireEnum {
    ON_DEMAND("on-demand"),
    SPOT("spot");

    private final String wire;

    UsageClass(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses {@code on-demand}, {@code on_demand} or {@code spot}; null for anything else. */
    @JsonCreator
    public static UsageClass fromWire(String value) {
        return WireEnum.parse(UsageClass.class, value, null);
    }
}
