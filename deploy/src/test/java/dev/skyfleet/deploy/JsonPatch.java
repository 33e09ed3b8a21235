package dev.skyfleet.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 6902 JSON Patch on YAML/JSON trees (maps and lists): add, remove, replace and test, with RFC 6901
 * pointers. move and copy are refused rather than guessed: the manifests do not use them.
 */
final class JsonPatch {
    private JsonPatch() {
    }

    /** Applies the operations in order to a deep copy of the document and returns it. */
    static Map<String, Object> apply(Map<String, Object> document, List<Object> operations) {
        Map<String, Object> result = YamlDocs.deepCopy(document);
        for (Object raw : operations) {
            Map<String, Object> op = YamlDocs.asMap(raw, "patch operation");
            String kind = (String) op.get("op");
            String path = (String) Objects.requireNonNull(op.get("path"), "patch operation without path");
            switch (String.valueOf(kind)) {
                case "add" -> add(result, path, YamlDocs.deepCopy(requireValue(op)));
                case "remove" -> remove(result, path);
                case "replace" -> {
                    remove(result, path);
                    add(result, path, YamlDocs.deepCopy(requireValue(op)));
                }
                case "test" -> {
                    Object actual = get(result, path);
                    if (!Objects.equals(actual, op.get("value"))) {
                        throw new IllegalStateException("test failed at " + path + ": " + actual);
                    }
                }
                default -> throw new UnsupportedOperationException("JSON patch op not supported here: " + kind);
            }
        }
        return result;
    }

    private static Object requireValue(Map<String, Object> op) {
        if (!op.containsKey("value")) {
            throw new IllegalArgumentException("operation " + op.get("op") + " at " + op.get("path") + " has no value");
        }
        return op.get("value");
    }

    static List<String> tokens(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("not a JSON pointer: " + pointer);
        }
        List<String> tokens = new ArrayList<>();
        for (String token : pointer.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    static Object get(Object root, String pointer) {
        Object current = root;
        for (String token : tokens(pointer)) {
            current = child(current, token, pointer);
        }
        return current;
    }

    private static Object child(Object container, String token, String pointer) {
        if (container instanceof Map<?, ?> map) {
            if (!map.containsKey(token)) {
                throw new IllegalStateException("no member '" + token + "' on the way to " + pointer);
            }
            return map.get(token);
        }
        if (container instanceof List<?> list) {
            int index = index(token, list.size() - 1, pointer);
            return list.get(index);
        }
        throw new IllegalStateException("cannot descend into a scalar on the way to " + pointer);
    }

    private static int index(String token, int max, String pointer) {
        if (!token.matches("0|[1-9][0-9]*")) {
            throw new IllegalStateException("bad array index '" + token + "' in " + pointer);
        }
        int index = Integer.parseInt(token);
        if (index > max) {
            throw new IllegalStateException("array index out of range in " + pointer);
        }
        return index;
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> root, String pointer, Object value) {
        List<String> tokens = tokens(pointer);
        if (tokens.isEmpty()) {
            throw new UnsupportedOperationException("replacing the whole document is not supported");
        }
        Object parent = root;
        for (String token : tokens.subList(0, tokens.size() - 1)) {
            parent = child(parent, token, pointer);
        }
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(last, value);
        } else if (parent instanceof List<?> list) {
            List<Object> items = (List<Object>) list;
            if ("-".equals(last)) {
                items.add(value);
            } else {
                items.add(index(last, items.size(), pointer), value);
            }
        } else {
            throw new IllegalStateException("cannot add below a scalar: " + pointer);
        }
    }

    @SuppressWarnings("unchecked")
    private static void remove(Map<String, Object> root, String pointer) {
        List<String> tokens = tokens(pointer);
        Object parent = root;
        for (String token : tokens.subList(0, tokens.size() - 1)) {
            parent = child(parent, token, pointer);
        }
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof Map<?, ?> map) {
            if (!map.containsKey(last)) {
                throw new IllegalStateException("nothing to remove or replace at " + pointer);
            }
            ((Map<String, Object>) map).remove(last);
        } else if (parent instanceof List<?> list) {
            ((List<Object>) list).remove(index(last, list.size() - 1, pointer));
        } else {
            throw new IllegalStateException("cannot remove below a scalar: " + pointer);
        }
    }
}
