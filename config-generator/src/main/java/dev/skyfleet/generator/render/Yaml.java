package dev.skyfleet.generator.render;

import java.math.BigDecimal;

/** A minimal, deterministic YAML emitter: strings always double-quoted, decimals plain, fixed key order. */
final class Yaml {
    private final StringBuilder sb;

    Yaml(int capacity) {
        sb = new StringBuilder(capacity);
    }

    Yaml raw(String s) {
        sb.append(s);
        return this;
    }

    /** {@code key: value} at an indentation, skipping null values. */
    Yaml field(String indent, String key, Object value) {
        if (value == null) {
            return this;
        }
        sb.append(indent).append(key).append(": ");
        scalar(value);
        sb.append('\n');
        return this;
    }

    /** Starts a flow mapping item: {@code "  - {"}. */
    Yaml flowStart(String indent) {
        sb.append(indent).append("- {");
        first = true;
        return this;
    }

    private boolean first;

    Yaml flow(String key, Object value) {
        if (value == null) {
            return this;
        }
        if (!first) {
            sb.append(", ");
        }
        first = false;
        sb.append(key).append(": ");
        scalar(value);
        return this;
    }

    Yaml flowEnd() {
        sb.append("}\n");
        return this;
    }

    void scalar(Object value) {
        if (value instanceof BigDecimal d) {
            sb.append(Text.num(d));
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else {
            quote(value.toString());
        }
    }

    private void quote(String s) {
        sb.append('"');
        if (plain(s)) {
            sb.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** True when nothing in {@code s} needs escaping inside double quotes (the common case). */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    byte[] bytes() {
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
