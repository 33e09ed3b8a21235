package dev.skyfleet.catalog.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where the previous page ended: the sort, the last row's sort keys and id. Opaque to clients (base64url text).
 *
 * @param sort the sort the cursor was made for
 * @param keys sort keys of the last row
 * @param id id of the last row
 */
public record PageCursor(String sort, List<BigDecimal> keys, String id) {

    public String encode() {
        StringBuilder text = new StringBuilder(sort);
        keys.forEach(k -> text.append('\n').append(k.toPlainString()));
        text.append('\n').append(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor for {@code expectedSort} with {@code keyCount} keys; throws IllegalArgumentException. */
    public static PageCursor decode(String encoded, String expectedSort, int keyCount) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not valid");
        }
        String[] parts = text.split("\n", -1);
        if (parts.length != keyCount + 2 || !parts[0].equals(expectedSort) || parts[parts.length - 1].isEmpty()) {
            throw new IllegalArgumentException("cursor does not belong to sort '" + expectedSort + "'");
        }
        List<BigDecimal> keys = new ArrayList<>();
        try {
            for (int i = 1; i <= keyCount; i++) {
                keys.add(new BigDecimal(parts[i]));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cursor is not valid");
        }
        return new PageCursor(parts[0], keys, parts[parts.length - 1]);
    }
}
