package dev.skyfleet.deploy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Rendered overlays, cached for the test run (rendering is pure). */
final class Rendered {
    static final List<String> OVERLAYS = List.of("dev", "production");
    private static final Map<String, List<Map<String, Object>>> CACHE = new ConcurrentHashMap<>();

    private Rendered() {
    }

    static List<Map<String, Object>> overlay(String name) {
        return CACHE.computeIfAbsent(name, n -> List.copyOf(Kustomize.render(Repo.overlay(n))));
    }

    static List<Map<String, Object>> ofKind(String overlay, String kind) {
        return overlay(overlay).stream().filter(r -> kind.equals(r.get("kind"))).toList();
    }

    static Map<String, Object> named(String overlay, String kind, String name) {
        return ofKind(overlay, kind).stream().filter(r -> name.equals(YamlDocs.at(r, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    static String name(Map<String, Object> resource) {
        return YamlDocs.at(resource, "metadata", "name");
    }
}
