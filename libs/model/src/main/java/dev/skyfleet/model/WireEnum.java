package dev.skyfleet.model;

import java.util.Locale;

/** Enums that travel as lower-case wire values and read unknown values leniently. */
interface WireEnum {
    String wire();

    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String value, E fallback) {
        if (value == null) {
            return fallback;
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().toLowerCase(Locale.ROOT).replace('_', '-').equals(wanted)) {
                return constant;
            }
        }
        return fallback;
    }
}
