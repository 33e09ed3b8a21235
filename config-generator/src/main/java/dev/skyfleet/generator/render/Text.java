package dev.skyfleet.generator.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Formatting shared by the renderers: symbol sanitisation, Kconfig string escaping, numbers and prices. */
public final class Text {
    private Text() {
    }

    /**
     * kdevops's one sanitisation rule for every provider id: {@code -}, {@code .} and space become {@code _},
     * upper case, anything outside {@code [A-Z0-9_]} dropped, {@code _} prefixed when it starts with a digit.
     */
    public static String sanitize(String raw) {
        StringBuilder sb = new StringBuilder(raw.length() + 1);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '-' || c == '.' || c == ' ') {
                sb.append('_');
            } else if (c >= 'a' && c <= 'z') {
                sb.append((char) (c - 32));
            } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                sb.append(c);
            }
        }
        if (sb.length() > 0 && Character.isDigit(sb.charAt(0))) {
            sb.insert(0, '_');
        }
        return sb.toString();
    }

    /** Text inside a Kconfig double-quoted string: no quotes or backslashes unescaped, no {@code $(} macro. */
    public static String kstring(String s) {
        return oneLine(s).replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Free text for help lines: one line, no Kconfig macro syntax. */
    public static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return sb.toString().replace("$(", "$ (").strip();
    }

    /** A decimal in plain notation, no trailing zeros ({@code 1.5}, {@code 2}). */
    public static String num(BigDecimal value) {
        if (value == null) {
            return "?";
        }
        BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }

    /** {@code $1.49} for USD (at least two decimals), {@code 1.49 EUR} otherwise; null when no price. */
    public static String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return null;
        }
        BigDecimal v = amount.stripTrailingZeros();
        v = v.scale() < 2 ? v.setScale(2, RoundingMode.UNNECESSARY) : v;
        String text = v.toPlainString();
        return currency == null || "USD".equals(currency) ? "$" + text : text + " " + currency;
    }

    /** Memory with one decimal, as kdevops prints it ({@code 4.0}). */
    public static String oneDecimal(BigDecimal value) {
        return value == null ? "?" : value.setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
