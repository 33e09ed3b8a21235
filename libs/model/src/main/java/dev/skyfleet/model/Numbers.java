package dev.skyfleet.model;

import java.math.BigDecimal;

/** Keeps decimals in one canonical form so equal values serialise to the same bytes. */
public final class Numbers {
    private Numbers() {
    }

    public static BigDecimal canonical(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static BigDecimal of(String text) {
        return text == null || text.isBlank() ? null : canonical(new BigDecimal(text.trim()));
    }

    public static BigDecimal of(long value) {
        return BigDecimal.valueOf(value);
    }
}
