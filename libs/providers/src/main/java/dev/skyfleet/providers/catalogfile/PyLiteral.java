package dev.skyfleet.providers.catalogfile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny parser for Python literals as SkyPilot writes them in {@code GpuInfo}: dicts, lists, tuples, single- or
 * double-quoted strings, ints, floats, {@code True}/{@code False}/{@code None}. Strings become {@link String},
 * numbers {@link BigDecimal}, dicts {@link LinkedHashMap}, lists and tuples {@link ArrayList}.
 */
public final class PyLiteral {
    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /** Parses a whole literal; throws {@link IllegalArgumentException} when the text is not one. */
    public static Object parse(String text) {
        PyLiteral p = new PyLiteral(text);
        Object value = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("trailing characters");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return dict();
            case '[':
                return sequence('[', ']');
            case '(':
                return sequence('(', ')');
            case '\'':
            case '"':
                return string(c);
            default:
                break;
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            return number();
        }
        if (text.startsWith("True", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        if (text.startsWith("None", pos)) {
            pos += 4;
            return null;
        }
        throw error("unexpected '" + c + "'");
    }

    private Map<Object, Object> dict() {
        Map<Object, Object> out = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            Object key = value();
            skipSpace();
            expect(':');
            Object val = value();
            out.put(key, val);
            skipSpace();
            char c = next();
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
            skipSpace();
            if (peek() == '}') {
                pos++;
                return out;
            }
        }
    }

    private List<Object> sequence(char open, char close) {
        List<Object> out = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == close) {
            pos++;
            return out;
        }
        while (true) {
            out.add(value());
            skipSpace();
            char c = next();
            if (c == close) {
                return out;
            }
            if (c != ',') {
                throw error("expected ',' or '" + close + "'");
            }
            skipSpace();
            if (peek() == close) {
                pos++;
                return out;
            }
        }
    }

    private String string(char quote) {
        pos++;
        StringBuilder sb = null;
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == quote) {
                String s = sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
                pos++;
                return s;
            }
            if (c == '\\' && pos + 1 < text.length()) {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, start, pos);
                char e = text.charAt(pos + 1);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> e;
                });
                pos += 2;
                start = pos;
                continue;
            }
            pos++;
        }
        throw error("unterminated string");
    }

    private BigDecimal number() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isDigit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E' || c == '_') {
                pos++;
            } else {
                break;
            }
        }
        try {
            return new BigDecimal(text.substring(start, pos).replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("bad number");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not a Python literal at " + pos + ": " + what);
    }
}
