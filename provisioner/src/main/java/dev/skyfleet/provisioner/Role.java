package dev.skyfleet.provisioner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a token may do. Each role includes the ones before it. */
public enum Role {
    /** Read the tenant's instances and events. */
    VIEWER,
    /** Also create, terminate, reboot, stop and start. */
    OPERATOR,
    /** Also manage tokens. */
    ADMIN;

    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for anything that is not a role. */
    @JsonCreator
    public static Role fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (Role role : values()) {
            if (role.wire().equalsIgnoreCase(value.trim())) {
                return role;
            }
        }
        return null;
    }
}
