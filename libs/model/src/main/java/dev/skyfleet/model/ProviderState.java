package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Health of a provider's catalog feed. */
public enum ProviderState implements WireEnum {
    /** Last poll succeeded. */
    OK("ok"),
    /** Last poll failed; the last known offers are kept. */
    ERROR("error"),
    /** No credentials configured: skipped, not an error. */
    UNCONFIGURED("unconfigured"),
    /** Turned off by configuration. */
    DISABLED("disabled"),
    /** Enabled but not polled yet. */
    STARTING("starting");

    private final String wire;

    ProviderState(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ProviderState fromWire(String value) {
        return WireEnum.parse(ProviderState.class, value, ERROR);
    }
}
