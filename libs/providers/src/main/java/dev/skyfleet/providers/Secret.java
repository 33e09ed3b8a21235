package dev.skyfleet.providers;

import java.util.Objects;

/** A credential that never prints itself: {@code toString()} is masked, so it cannot leak into logs or errors. */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Null or blank input gives null: no credential configured. */
    public static Secret ofNullable(String value) {
        return value == null || value.isBlank() ? null : new Secret(value.trim());
    }

    /** The credential itself; call only where it is sent to the provider. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
