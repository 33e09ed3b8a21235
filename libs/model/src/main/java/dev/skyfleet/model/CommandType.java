package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a provisioning command asks for. */
public enum CommandType implements WireEnum {
    CREATE("create"),
    TERMINATE("terminate"),
    REBOOT("reboot"),
    STOP("stop"),
    START("start");

    private final String wire;

    CommandType(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Null for an unknown command: the consumer dead-letters it. */
    @JsonCreator
    public static CommandType fromWire(String value) {
        return WireEnum.parse(CommandType.class, value, null);
    }
}
