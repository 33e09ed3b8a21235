package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** CPU architecture of an instance type's host. */
public enum Architecture implements WireEnum {
    X86_64("x86_64"),
    ARM64("arm64"),
    UNKNOWN("unknown");

    private final String wire;

    Architecture(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Reads provider spellings ({@code x86_64}, {@code amd64}, {@code arm64}, {@code aarch64}); unknown otherwise. */
    @JsonCreator
    public static Architecture fromWire(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "x86_64", "x86-64", "amd64", "x64" -> X86_64;
            case "arm64", "aarch64" -> ARM64;
            default -> UNKNOWN;
        };
    }
}
