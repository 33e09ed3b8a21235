package dev.skyfleet.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Renders a kustomization the way {@code kubectl kustomize} (kustomize v5) does, for the subset of features the
 * Skyfleet manifests use, so the overlays can be validated on a machine without kustomize. Every field of a
 * kustomization outside that subset is refused, never ignored:
 * <ul>
 * <li>{@code resources}: files (multi-document) and directories holding a kustomization, rendered first;</li>
 * <li>{@code configMapGenerator} with {@code literals} and {@code behavior} create / merge / replace, and
 * {@code generatorOptions.disableNameSuffixHash: true} (no hash suffix, so no name references to rewrite);</li>
 * <li>then the built-in transformers in kustomize's order: {@code patches} (JSON 6902 operations only, targets
 * selected by anchored regular expressions on group, version, kind, name, namespace), {@code namespace},
 * {@code labels} (metadata only: {@code includeSelectors} and {@code includeTemplates} false),
 * {@code replicas}, {@code images} (newName, newTag, digest on pod template containers).</li>
 * </ul>
 * Where {@code kubectl} with kustomize v4 or later is installed, KustomizeRendererTests checks that both
 * produce the same resources for every overlay.
 */
final class Kustomize {
    private static final Set<String> SUPPORTED_FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "labels",
            "images", "replicas", "patches", "generatorOptions", "configMapGenerator");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "RuntimeClass");
    private static final Set<String> REPLICATED_KINDS = Set.of("Deployment", "StatefulSet", "ReplicaSet",
            "ReplicationController");

    private Kustomize() {
    }

    /** Renders the kustomization in {@code dir}. */
    static List<Map<String, Object>> render(Path dir) {
        Path file = kustomizationFile(dir);
        Map<String, Object> k = YamlDocs.readMap(file);
        for (String field : k.keySet()) {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new UnsupportedOperationException(file + ": kustomization field '" + field
                        + "' is not supported by this renderer; extend Kustomize.java (and its parity test) first");
            }
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : list(k.get("resources"), "resources")) {
            Path path = dir.resolve((String) entry).normalize();
            List<Map<String, Object>> loaded = Files.isDirectory(path) ? render(path) : YamlDocs.readAll(path);
            for (Map<String, Object> resource : loaded) {
                add(resources, resource, path);
            }
        }
        generateConfigMaps(k, resources, file);
        applyPatches(k, resources, dir);
        applyNamespace(k, resources);
        applyLabels(k, resources, file);
        applyReplicas(k, resources, file);
        applyImages(k, resources);
        return resources;
    }

    static Path kustomizationFile(Path dir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalArgumentException("no kustomization in " + dir);
    }

    /** apiVersion|kind|namespace|name: kustomize refuses two resources with the same id. */
    static String id(Map<String, Object> resource) {
        return resource.get("apiVersion") + "|" + resource.get("kind") + "|"
                + Objects.requireNonNullElse(YamlDocs.at(resource, "metadata", "namespace"), "") + "|"
                + YamlDocs.at(resource, "metadata", "name");
    }

    private static void add(List<Map<String, Object>> resources, Map<String, Object> resource, Path from) {
        if (resource.get("apiVersion") == null || resource.get("kind") == null
                || YamlDocs.at(resource, "metadata", "name") == null) {
            throw new IllegalArgumentException(from + ": a resource lacks apiVersion, kind or metadata.name");
        }
        String id = id(resource);
        if (resources.stream().anyMatch(r -> id(r).equals(id))) {
            throw new IllegalStateException(from + ": resource " + id + " is defined twice");
        }
        resources.add(YamlDocs.deepCopy(resource));
    }

    private static List<Object> list(Object value, String what) {
        return value == null ? List.of() : YamlDocs.asList(value, what);
    }

    private static void generateConfigMaps(Map<String, Object> k, List<Map<String, Object>> resources, Path file) {
        List<Object> generators = list(k.get("configMapGenerator"), "configMapGenerator");
        if (generators.isEmpty()) {
            return;
        }
        Map<String, Object> options = k.get("generatorOptions") == null ? Map.of()
                : YamlDocs.asMap(k.get("generatorOptions"), "generatorOptions");
        if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash")) || options.size() != 1) {
            throw new UnsupportedOperationException(file + ": only generatorOptions.disableNameSuffixHash: true is"
                    + " supported (hash suffixes would need name-reference rewriting)");
        }
        for (Object raw : generators) {
            Map<String, Object> generator = YamlDocs.asMap(raw, "configMapGenerator entry");
            for (String field : generator.keySet()) {
                if (!Set.of("name", "literals", "behavior").contains(field)) {
                    throw new UnsupportedOperationException(file + ": configMapGenerator field '" + field + "'");
                }
            }
            String name = (String) generator.get("name");
            Map<String, String> data = new TreeMap<>();
            for (Object literal : list(generator.get("literals"), "literals")) {
                String text = String.valueOf(literal);
                int eq = text.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(file + ": literal without key=value: " + text);
                }
                String key = text.substring(0, eq);
                if (data.put(key, text.substring(eq + 1)) != null) {
                    throw new IllegalArgumentException(file + ": literal key " + key + " repeated in " + name);
                }
            }
            String behavior = (String) generator.getOrDefault("behavior", "create");
            Map<String, Object> existing = resources.stream()
                    .filter(r -> "ConfigMap".equals(r.get("kind")) && name.equals(YamlDocs.at(r, "metadata", "name")))
                    .findFirst().orElse(null);
            switch (behavior) {
                case "create" -> {
                    if (existing != null) {
                        throw new IllegalStateException(file + ": ConfigMap " + name + " already exists");
                    }
                    Map<String, Object> configMap = new LinkedHashMap<>();
                    configMap.put("apiVersion", "v1");
                    configMap.put("kind", "ConfigMap");
                    Map<String, Object> metadata = new LinkedHashMap<>();
                    metadata.put("name", name);
                    configMap.put("metadata", metadata);
                    configMap.put("data", new TreeMap<>(data));
                    resources.add(configMap);
                }
                case "merge", "replace" -> {
                    if (existing == null) {
                        throw new IllegalStateException(file + ": no ConfigMap " + name + " to " + behavior);
                    }
                    Map<String, Object> merged = new TreeMap<>();
                    if ("merge".equals(behavior) && existing.get("data") != null) {
                        merged.putAll(YamlDocs.asMap(existing.get("data"), "data"));
                    }
                    merged.putAll(data);
                    existing.put("data", merged);
                }
                default -> throw new UnsupportedOperationException(file + ": behavior " + behavior);
            }
        }
    }

    private static void applyPatches(Map<String, Object> k, List<Map<String, Object>> resources, Path dir) {
        for (Object raw : list(k.get("patches"), "patches")) {
            Map<String, Object> patch = YamlDocs.asMap(raw, "patches entry");
            for (String field : patch.keySet()) {
                if (!Set.of("path", "patch", "target").contains(field)) {
                    throw new UnsupportedOperationException("patches field '" + field + "'");
                }
            }
            Object body = patch.containsKey("path") ? YamlDocs.readOne(dir.resolve((String) patch.get("path")))
                    : new org.yaml.snakeyaml.Yaml().load((String) patch.get("patch"));
            if (!(body instanceof List<?> operations)) {
                throw new UnsupportedOperationException(dir + ": only JSON 6902 patches (a list of operations) are"
                        + " supported, not strategic merge patches");
            }
            Map<String, Object> target = YamlDocs.asMap(patch.get("target"), "patch target");
            int matched = 0;
            for (int i = 0; i < resources.size(); i++) {
                if (matches(target, resources.get(i))) {
                    resources.set(i, JsonPatch.apply(resources.get(i), YamlDocs.asList(operations, "operations")));
                    matched++;
                }
            }
            if (matched == 0) {
                throw new IllegalStateException(dir + ": patch target " + target + " matches no resource");
            }
        }
    }

    static boolean matches(Map<String, Object> target, Map<String, Object> resource) {
        for (String field : target.keySet()) {
            if (!Set.of("group", "version", "kind", "name", "namespace").contains(field)) {
                throw new UnsupportedOperationException("patch target field '" + field + "'");
            }
        }
        String apiVersion = (String) resource.get("apiVersion");
        int slash = apiVersion.lastIndexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        return anchored(target.get("group"), group) && anchored(target.get("version"), version)
                && anchored(target.get("kind"), (String) resource.get("kind"))
                && anchored(target.get("name"), YamlDocs.at(resource, "metadata", "name"))
                && anchored(target.get("namespace"), Objects.requireNonNullElse(
                        YamlDocs.at(resource, "metadata", "namespace"), ""));
    }

    private static boolean anchored(Object pattern, String value) {
        return pattern == null || Pattern.compile("^(?:" + pattern + ")$").matcher(value).matches();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("metadata");
    }

    private static void applyNamespace(Map<String, Object> k, List<Map<String, Object>> resources) {
        String namespace = (String) k.get("namespace");
        if (namespace == null) {
            return;
        }
        for (Map<String, Object> resource : resources) {
            if (CLUSTER_SCOPED.contains((String) resource.get("kind"))) {
                continue;
            }
            metadata(resource).put("namespace", namespace);
        }
    }

    @SuppressWarnings("unchecked")
    private static void applyLabels(Map<String, Object> k, List<Map<String, Object>> resources, Path file) {
        for (Object raw : list(k.get("labels"), "labels")) {
            Map<String, Object> entry = YamlDocs.asMap(raw, "labels entry");
            for (String field : entry.keySet()) {
                boolean off = ("includeSelectors".equals(field) || "includeTemplates".equals(field))
                        && Boolean.FALSE.equals(entry.get(field));
                if (!"pairs".equals(field) && !off) {
                    throw new UnsupportedOperationException(file + ": labels field '" + field + "' (only pairs, with"
                            + " includeSelectors/includeTemplates false)");
                }
            }
            Map<String, Object> pairs = YamlDocs.asMap(entry.get("pairs"), "labels pairs");
            for (Map<String, Object> resource : resources) {
                Map<String, Object> labels = (Map<String, Object>) metadata(resource)
                        .computeIfAbsent("labels", key -> new LinkedHashMap<String, Object>());
                pairs.forEach((key, value) -> labels.put(key, String.valueOf(value)));
            }
        }
    }

    private static void applyReplicas(Map<String, Object> k, List<Map<String, Object>> resources, Path file) {
        for (Object raw : list(k.get("replicas"), "replicas")) {
            Map<String, Object> entry = YamlDocs.asMap(raw, "replicas entry");
            String name = (String) entry.get("name");
            int matched = 0;
            for (Map<String, Object> resource : resources) {
                if (REPLICATED_KINDS.contains((String) resource.get("kind"))
                        && name.equals(YamlDocs.at(resource, "metadata", "name"))) {
                    YamlDocs.asMap(resource.get("spec"), "spec").put("replicas", entry.get("count"));
                    matched++;
                }
            }
            if (matched == 0) {
                throw new IllegalStateException(file + ": replicas entry " + name + " matches no workload");
            }
        }
    }

    private static void applyImages(Map<String, Object> k, List<Map<String, Object>> resources) {
        List<Object> images = list(k.get("images"), "images");
        if (images.isEmpty()) {
            return;
        }
        for (Map<String, Object> resource : resources) {
            for (Object podSpec : new Object[] {YamlDocs.at(resource, "spec", "template", "spec"),
                    YamlDocs.at(resource, "spec")}) {
                if (!(podSpec instanceof Map<?, ?> spec)) {
                    continue;
                }
                for (String field : List.of("initContainers", "containers")) {
                    if (!(spec.get(field) instanceof List<?> containers)) {
                        continue;
                    }
                    for (Object container : containers) {
                        Map<String, Object> c = YamlDocs.asMap(container, "container");
                        if (c.get("image") instanceof String image) {
                            c.put("image", retag(image, images));
                        }
                    }
                }
            }
        }
    }

    /** Applies the first matching images entry (kustomize matches on the name without tag or digest). */
    static String retag(String image, List<Object> images) {
        String name = image;
        String suffix = "";
        int at = image.indexOf('@');
        if (at >= 0) {
            name = image.substring(0, at);
            suffix = image.substring(at);
        } else {
            int colon = image.lastIndexOf(':');
            if (colon > image.lastIndexOf('/')) {
                name = image.substring(0, colon);
                suffix = image.substring(colon);
            }
        }
        for (Object raw : images) {
            Map<String, Object> entry = YamlDocs.asMap(raw, "images entry");
            if (!name.equals(entry.get("name"))) {
                continue;
            }
            String newName = entry.get("newName") != null ? String.valueOf(entry.get("newName")) : name;
            if (entry.get("digest") != null) {
                return newName + "@" + entry.get("digest");
            }
            if (entry.get("newTag") != null) {
                return newName + ":" + entry.get("newTag");
            }
            return newName + suffix;
        }
        return image;
    }
}
