package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who makes an accelerator. */
public enum GpuManufacturer implements WireEnum {
    NVIDIA("nvidia"),
    AMD("amd"),
    INTEL("intel"),
    GOOGLE("google"),
    AWS("aws"),
    UNKNOWN("unknown");

    private final String wire;

    GpuManufacturer(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static GpuManufacturer fromWire(String value) {
        return WireEnum.parse(GpuManufacturer.class, value, UNKNOWN);
    }
}
