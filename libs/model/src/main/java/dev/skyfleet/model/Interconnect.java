package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How GPUs attach to the host. PCIe and SXM variants are different instance types. */
public enum Interconnect implements WireEnum {
    PCIE("PCIe"),
    SXM("SXM"),
    SXM4("SXM4"),
    SXM5("SXM5"),
    SXM6("SXM6"),
    NVLINK("NVLink");

    private final String wire;

    Interconnect(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Case-insensitive ({@code pcie}, {@code SXM5}, {@code NVL}); null when absent or unrecognised. */
    @JsonCreator
    public static Interconnect fromWire(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        return switch (v) {
            case "PCIE", "PCI-E" -> PCIE;
            case "SXM" -> SXM;
            case "SXM4" -> SXM4;
            case "SXM5" -> SXM5;
            case "SXM6" -> SXM6;
            case "NVL", "NVLINK" -> NVLINK;
            default -> null;
        };
    }
}
