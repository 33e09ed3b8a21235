package dev.skyfleet.deploy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The schemas kept in deploy/schemas (see its README for where each comes from), compiled once with
 * com.networknt:json-schema-validator:
 * <ul>
 * <li>{@code kubernetes/*.schema.json} and {@code cloudnative-pg/*.schema.json}: JSON Schema draft-07, strict
 * (unknown fields are errors, like {@code kubectl apply --validate=strict});</li>
 * <li>{@code strimzi/*.yaml}: CustomResourceDefinitions; their {@code openAPIV3Schema} is turned into JSON Schema
 * by {@link #fromOpenApi}: {@code nullable}, {@code x-kubernetes-int-or-string} and
 * {@code x-kubernetes-preserve-unknown-fields} are translated, and objects that declare properties and do not
 * preserve unknown fields get {@code additionalProperties: false}, which is what the API server's strict field
 * validation does with such a structural schema;</li>
 * <li>{@code compose/compose-spec.json}: the Compose specification's schema (draft 2019-09).</li>
 * </ul>
 */
final class Schemas {
    private static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    private static volatile Schemas instance;

    private final Map<String, Schema> byApiVersionAndKind = new HashMap<>();
    private final Schema compose;

    private Schemas() {
        SchemaRegistry draft7 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        for (String dir : List.of("kubernetes", "cloudnative-pg")) {
            for (Path file : list(Repo.schemas().resolve(dir), ".schema.json")) {
                Map<String, Object> schema = YamlDocs.readMap(file);
                String ref = (String) schema.get("$ref");
                Map<String, Object> root = YamlDocs.at(schema, "definitions", ref.substring(ref.lastIndexOf('/') + 1));
                String apiVersion = YamlDocs.at(root, "properties", "apiVersion", "const");
                String kind = YamlDocs.at(root, "properties", "kind", "const");
                register(apiVersion, kind, draft7.getSchema(read(file), InputFormat.JSON));
            }
        }
        for (Path file : list(Repo.schemas().resolve("strimzi"), ".yaml")) {
            Map<String, Object> crd = YamlDocs.readMap(file);
            String group = YamlDocs.at(crd, "spec", "group");
            String kind = YamlDocs.at(crd, "spec", "names", "kind");
            for (Object v : YamlDocs.asList(YamlDocs.at(crd, "spec", "versions"), "versions")) {
                Map<String, Object> version = YamlDocs.asMap(v, "version");
                if (!Boolean.TRUE.equals(version.get("served"))) {
                    continue;
                }
                String apiVersion = group + "/" + version.get("name");
                Map<String, Object> schema = fromOpenApi(YamlDocs.at(version, "schema", "openAPIV3Schema"), apiVersion,
                        kind);
                register(apiVersion, kind, draft7.getSchema(YamlDocs.toJson(schema), InputFormat.JSON));
            }
        }
        // The file carries draft-04 style "id" members (the document's and each definition's name) next to its
        // 2019-09 "$schema"; that dialect has no "id" keyword (it is "$id"), so they are dropped: they only name
        // things and nothing refers to them.
        Map<String, Object> composeSpec = YamlDocs.readMap(Repo.schemas().resolve("compose/compose-spec.json"));
        dropIds(composeSpec, false);
        compose = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09)
                .getSchema(YamlDocs.toJson(composeSpec), InputFormat.JSON);
    }

    @SuppressWarnings("unchecked")
    private static void dropIds(Object node, boolean propertyNames) {
        if (node instanceof Map<?, ?> map) {
            if (!propertyNames && map.get("id") instanceof String) {
                map.remove("id");
            }
            map.forEach((key, value) -> dropIds(value, "properties".equals(key) || "definitions".equals(key)
                    || "patternProperties".equals(key)));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> dropIds(item, false));
        }
    }

    static Schemas get() {
        if (instance == null) {
            synchronized (Schemas.class) {
                if (instance == null) {
                    instance = new Schemas();
                }
            }
        }
        return instance;
    }

    private void register(String apiVersion, String kind, Schema schema) {
        if (byApiVersionAndKind.put(apiVersion + "|" + kind, schema) != null) {
            throw new IllegalStateException("two schemas for " + apiVersion + " " + kind);
        }
    }

    boolean knows(String apiVersion, String kind) {
        return byApiVersionAndKind.containsKey(apiVersion + "|" + kind);
    }

    /** Error messages for a resource; empty when valid. A kind without a schema is an error too. */
    List<String> validate(Map<String, Object> resource) {
        String key = resource.get("apiVersion") + "|" + resource.get("kind");
        Schema schema = byApiVersionAndKind.get(key);
        if (schema == null) {
            return List.of("no schema for " + resource.get("apiVersion") + " " + resource.get("kind"));
        }
        return messages(schema.validate(YamlDocs.toJson(resource), InputFormat.JSON));
    }

    List<String> validateCompose(Map<String, Object> compose) {
        return messages(this.compose.validate(YamlDocs.toJson(compose), InputFormat.JSON));
    }

    int size() {
        return byApiVersionAndKind.size();
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    /** A CRD's openAPIV3Schema as a strict draft-07 JSON Schema of the whole resource. */
    static Map<String, Object> fromOpenApi(Map<String, Object> openApi, String apiVersion, String kind) {
        Map<String, Object> schema = translate(openApi);
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        Map<String, Object> properties = YamlDocs.asMap(schema.computeIfAbsent("properties",
                k -> new LinkedHashMap<String, Object>()), "properties");
        properties.put("apiVersion", Map.of("type", "string", "const", apiVersion));
        properties.put("kind", Map.of("type", "string", "const", kind));
        properties.put("metadata", Map.of("type", "object", "required", List.of("name"), "additionalProperties", false,
                "properties", Map.of(
                        "name", Map.of("type", "string", "maxLength", 253, "pattern", DNS_SUBDOMAIN),
                        "namespace", Map.of("type", "string"),
                        "labels", Map.of("type", "object", "additionalProperties", Map.of("type", "string")),
                        "annotations", Map.of("type", "object", "additionalProperties", Map.of("type", "string")))));
        schema.put("required", List.of("apiVersion", "kind", "metadata", "spec"));
        schema.put("additionalProperties", false);
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> translate(Map<String, Object> openApi) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean preserveUnknown = Boolean.TRUE.equals(openApi.get("x-kubernetes-preserve-unknown-fields"));
        for (Map.Entry<String, Object> entry : openApi.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.startsWith("x-kubernetes-") || "nullable".equals(key) || "format".equals(key)
                    || "description".equals(key)) {
                continue;
            }
            switch (key) {
                case "properties" -> {
                    Map<String, Object> props = new LinkedHashMap<>();
                    YamlDocs.asMap(value, key).forEach((name, sub) -> props.put(name, translate(
                            YamlDocs.asMap(sub, name))));
                    out.put(key, props);
                }
                case "items", "not" -> out.put(key, translate(YamlDocs.asMap(value, key)));
                case "additionalProperties" -> out.put(key, value instanceof Map<?, ?> m
                        ? translate((Map<String, Object>) m) : value);
                case "allOf", "anyOf", "oneOf" -> {
                    List<Object> branches = new ArrayList<>();
                    YamlDocs.asList(value, key).forEach(b -> branches.add(translate(YamlDocs.asMap(b, key))));
                    out.put(key, branches);
                }
                default -> out.put(key, value);
            }
        }
        if (Boolean.TRUE.equals(openApi.get("x-kubernetes-int-or-string"))) {
            out.remove("type");
            out.put("anyOf", List.of(Map.of("type", "integer"), Map.of("type", "string")));
        }
        if (Boolean.TRUE.equals(openApi.get("nullable")) && out.get("type") instanceof String type) {
            out.put("type", List.of(type, "null"));
        }
        if ("object".equals(openApi.get("type")) && openApi.containsKey("properties") && !preserveUnknown
                && !openApi.containsKey("additionalProperties")) {
            out.put("additionalProperties", false);
        }
        return out;
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
