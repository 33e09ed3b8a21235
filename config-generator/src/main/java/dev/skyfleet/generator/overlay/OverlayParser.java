package dev.skyfleet.generator.overlay;

import dev.skyfleet.generator.mapping.OfferEntry;
import dev.skyfleet.generator.mapping.RegionEntry;
import dev.skyfleet.generator.mapping.TypeEntry;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses overlay YAML into {@link Overlay}, checking structure, field names and value types, and reporting the
 * file and line of the first problem.
 *
 * <pre>
 * providers:     [{id: aws, disabled: true}]
 * regions:       [{id: lambda/us-east-1, description: "Virginia, USA"}]
 * instanceTypes: [{id: lambda/gpu_1x_a10, hidden: true}]
 * offers:        [{id: "lambda:us-east-1:-:gpu_1x_a10:on-demand", price: 0.80}]
 * defaults:      [{provider: lambda, instanceType: gpu_1x_h100_sxm5, region: us-east-1}]
 * </pre>
 */
public final class OverlayParser {

    private static final Set<String> TOP_LEVEL = Set.of("providers", "regions", "instanceTypes", "offers", "defaults");
    /** Fields derived from the id, which an overlay may not change. */
    private static final Set<String> REGION_FIXED = Set.of("id", "name");
    private static final Set<String> TYPE_FIXED = Set.of("id", "name");
    private static final Set<String> OFFER_FIXED = Set.of("id", "region", "zone", "instanceType", "usage");

    private OverlayParser() {
    }

    public static Overlay parse(String file, String text) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new OverlayException(file, line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new OverlayException(file, 0, "not valid YAML: " + e.getMessage());
        }
        List<Overlay.ProviderRule> providers = new ArrayList<>();
        List<Overlay.Patch> regions = new ArrayList<>();
        List<Overlay.Patch> types = new ArrayList<>();
        List<Overlay.Patch> offers = new ArrayList<>();
        List<Overlay.DefaultsPin> defaults = new ArrayList<>();
        if (root == null) {
            return new Overlay(file, providers, regions, types, offers, defaults);
        }
        Parser p = new Parser(file);
        for (Map.Entry<String, Node> section : p.mapping(root, "the overlay").entrySet()) {
            String key = section.getKey();
            if (!TOP_LEVEL.contains(key)) {
                throw new OverlayException(file, line(section.getValue()),
                        "unknown section '" + key + "' (expected one of providers, regions, instanceTypes, offers, defaults)");
            }
            for (Node item : p.sequence(section.getValue(), key)) {
                Map<String, Node> fields = p.mapping(item, "an entry of " + key);
                switch (key) {
                    case "providers" -> providers.add(p.providerRule(item, fields));
                    case "regions" -> regions.add(p.patch(item, fields, RegionEntry.class, REGION_FIXED));
                    case "instanceTypes" -> types.add(p.patch(item, fields, TypeEntry.class, TYPE_FIXED));
                    case "offers" -> offers.add(p.patch(item, fields, OfferEntry.class, OFFER_FIXED));
                    default -> defaults.add(p.pin(item, fields));
                }
            }
        }
        return new Overlay(file, providers, regions, types, offers, defaults);
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private record Parser(String file) {

        Map<String, Node> mapping(Node node, String what) {
            if (!(node instanceof MappingNode mapping)) {
                throw new OverlayException(file, line(node), what + " must be a mapping");
            }
            Map<String, Node> result = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                    throw new OverlayException(file, line(tuple.getKeyNode()), "keys must be plain names");
                }
                if (result.put(keyNode.getValue(), tuple.getValueNode()) != null) {
                    throw new OverlayException(file, line(keyNode), "duplicate key '" + keyNode.getValue() + "'");
                }
            }
            return result;
        }

        List<Node> sequence(Node node, String what) {
            if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
                return List.of();
            }
            if (!(node instanceof SequenceNode sequence)) {
                throw new OverlayException(file, line(node), "'" + what + "' must be a list");
            }
            return sequence.getValue();
        }

        String requiredString(Node entry, Map<String, Node> fields, String name) {
            Node node = fields.get(name);
            if (node == null) {
                throw new OverlayException(file, line(entry), "missing '" + name + "'");
            }
            String value = scalar(node, name);
            if (value == null || value.isBlank()) {
                throw new OverlayException(file, line(node), "'" + name + "' must not be empty");
            }
            return value.strip();
        }

        String optionalString(Map<String, Node> fields, String name) {
            Node node = fields.get(name);
            String value = node == null ? null : scalar(node, name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        String scalar(Node node, String name) {
            if (!(node instanceof ScalarNode scalar)) {
                throw new OverlayException(file, line(node), "'" + name + "' must be a single value");
            }
            return scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue();
        }

        boolean bool(Node node, String name) {
            String value = scalar(node, name);
            if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.BOOL)) {
                throw new OverlayException(file, line(node), "'" + name + "' must be true or false, not '" + value + "'");
            }
            return Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT));
        }

        void onlyKnown(Map<String, Node> fields, Set<String> known, String what) {
            for (Map.Entry<String, Node> field : fields.entrySet()) {
                if (!known.contains(field.getKey())) {
                    throw new OverlayException(file, line(field.getValue()),
                            "unknown field '" + field.getKey() + "' for " + what + " (known: "
                                    + String.join(", ", new java.util.TreeSet<>(known)) + ")");
                }
            }
        }

        Overlay.ProviderRule providerRule(Node entry, Map<String, Node> fields) {
            onlyKnown(fields, Set.of("id", "disabled"), "a provider");
            String id = requiredString(entry, fields, "id");
            boolean disabled = fields.containsKey("disabled") && bool(fields.get("disabled"), "disabled");
            return new Overlay.ProviderRule(id, disabled, line(entry));
        }

        Overlay.DefaultsPin pin(Node entry, Map<String, Node> fields) {
            onlyKnown(fields, Set.of("provider", "instanceType", "region"), "defaults");
            String provider = requiredString(entry, fields, "provider");
            String type = optionalString(fields, "instanceType");
            String region = optionalString(fields, "region");
            if (type == null && region == null) {
                throw new OverlayException(file, line(entry), "defaults for '" + provider
                        + "' must pin an instanceType, a region or both");
            }
            return new Overlay.DefaultsPin(provider, type, region, line(entry));
        }

        Overlay.Patch patch(Node entry, Map<String, Node> fields, Class<? extends Record> type, Set<String> fixed) {
            Map<String, Class<?>> components = new LinkedHashMap<>();
            for (RecordComponent component : type.getRecordComponents()) {
                components.put(component.getName(), component.getType());
            }
            Set<String> known = new HashSet<>(components.keySet());
            known.add("hidden");
            String what = type == OfferEntry.class ? "an offer" : type == TypeEntry.class ? "an instance type" : "a region";
            onlyKnown(fields, known, what);
            String id = requiredString(entry, fields, "id");
            boolean hidden = false;
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, Integer> lines = new LinkedHashMap<>();
            for (Map.Entry<String, Node> field : fields.entrySet()) {
                String name = field.getKey();
                Node node = field.getValue();
                if (name.equals("id")) {
                    continue;
                }
                if (name.equals("hidden")) {
                    hidden = bool(node, name);
                    continue;
                }
                if (fixed.contains(name)) {
                    throw new OverlayException(file, line(node), "'" + name + "' is derived from the id and cannot be changed");
                }
                values.put(name, convert(node, name, components.get(name)));
                lines.put(name, line(node));
            }
            return new Overlay.Patch(id, hidden, values, lines, line(entry));
        }

        Object convert(Node node, String name, Class<?> type) {
            String raw = scalar(node, name);
            if (type == boolean.class) {
                return bool(node, name);
            }
            if (raw == null) {
                return null;
            }
            if (type == BigDecimal.class) {
                try {
                    BigDecimal value = new BigDecimal(raw.strip());
                    if (value.signum() < 0) {
                        throw new OverlayException(file, line(node), "'" + name + "' must not be negative");
                    }
                    return dev.skyfleet.model.Numbers.canonical(value);
                } catch (NumberFormatException e) {
                    throw new OverlayException(file, line(node), "'" + name + "' must be a number, not '" + raw + "'");
                }
            }
            return raw;
        }
    }
}
