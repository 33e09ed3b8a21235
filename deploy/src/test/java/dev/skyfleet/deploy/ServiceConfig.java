package dev.skyfleet.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service reads, taken from its sources so the checks follow the services as they change:
 * <ul>
 * <li>the environment variables its {@code application.properties} references as {@code ${NAME}} or
 * {@code ${NAME:default}} (keys without a profile and {@code %prod.} keys; {@code %dev.} and {@code %test.} are
 * not deployed);</li>
 * <li>the keys of its {@code @ConfigMapping} interfaces that have neither a default nor a value in
 * {@code application.properties} and are not optional: those must come from the environment.</li>
 * </ul>
 */
record ServiceConfig(String service, Map<String, String> properties, Set<String> environmentVariables,
        Set<String> requiredMappingKeys) {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::|})");

    static ServiceConfig of(String service) {
        Path file = Repo.applicationProperties(service);
        Properties raw = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            raw.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> deployed = new LinkedHashMap<>();
        for (String key : raw.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                deployed.putIfAbsent(key, raw.getProperty(key));
            } else if (key.startsWith("%prod.")) {
                deployed.put(key.substring("%prod.".length()), raw.getProperty(key));
            }
        }
        Set<String> env = new TreeSet<>();
        for (String value : deployed.values()) {
            Matcher m = ENV_REFERENCE.matcher(value);
            while (m.find()) {
                env.add(m.group(1));
            }
        }
        Set<String> required = new TreeSet<>();
        for (String key : ConfigMappings.requiredKeys(Repo.root().resolve(service).resolve("src/main/java"))) {
            if (!deployed.containsKey(key)) {
                required.add(key);
            }
        }
        return new ServiceConfig(service, Map.copyOf(deployed), Set.copyOf(env), Set.copyOf(required));
    }

    /** The environment variable SmallRye Config maps to a property name. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /** Every variable that must be set where the service is deployed. */
    Set<String> mustBeSet() {
        Set<String> all = new TreeSet<>(environmentVariables);
        requiredMappingKeys.forEach(key -> all.add(environmentName(key)));
        return all;
    }

    /** Reads @ConfigMapping interfaces from source: enough Java to find keys without a default. */
    static final class ConfigMappings {
        private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
        private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)");
        private static final Pattern METHOD = Pattern.compile(
                "^\\s*((?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*)([\\w.]+(?:<[^()]*>)?(?:\\[])?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");

        private ConfigMappings() {
        }

        record Member(String annotations, String type, String name) {
        }

        static List<String> requiredKeys(Path sources) {
            if (!Files.isDirectory(sources)) {
                return List.of();
            }
            List<String> keys = new ArrayList<>();
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    Matcher mapping = MAPPING.matcher(text);
                    if (!mapping.find()) {
                        continue;
                    }
                    Map<String, List<Member>> interfaces = interfaces(text);
                    Matcher root = INTERFACE.matcher(text.substring(mapping.end()));
                    if (root.find()) {
                        collect(interfaces, root.group(1), mapping.group(1), keys, 0);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return keys;
        }

        private static void collect(Map<String, List<Member>> interfaces, String type, String prefix, List<String> keys,
                int depth) {
            if (depth > 10) {
                return;
            }
            for (Member member : interfaces.getOrDefault(type, List.of())) {
                String name = kebab(member.name());
                Matcher withName = Pattern.compile("@WithName\\(\\s*\"([^\"]+)\"").matcher(member.annotations());
                if (withName.find()) {
                    name = withName.group(1);
                }
                String key = member.annotations().contains("@WithParentName") ? prefix : prefix + "." + name;
                String simple = member.type().replaceAll("<.*", "");
                if (interfaces.containsKey(simple)) {
                    collect(interfaces, simple, key, keys, depth + 1);
                } else if (!member.annotations().contains("@WithDefault") && !simple.startsWith("Optional")
                        && !simple.equals("Map") && !simple.endsWith("Map")) {
                    keys.add(key);
                }
            }
        }

        /** Members of every interface in a file, by interface name (nested interfaces included). */
        private static Map<String, List<Member>> interfaces(String text) {
            Map<String, List<Member>> result = new HashMap<>();
            List<String> stack = new ArrayList<>();
            List<Integer> depths = new ArrayList<>();
            int depth = 0;
            StringBuilder pending = new StringBuilder();
            for (String line : text.split("\n")) {
                String code = line.replaceAll("//.*", "");
                String trimmed = code.trim();
                if (trimmed.startsWith("*") || trimmed.startsWith("/*")) {
                    continue;
                }
                Matcher declaration = INTERFACE.matcher(code);
                if (declaration.find() && code.contains("{")) {
                    stack.add(declaration.group(1));
                    depths.add(depth + 1);
                    result.putIfAbsent(declaration.group(1), new ArrayList<>());
                    pending.setLength(0);
                } else if (!stack.isEmpty() && depth == depths.get(depths.size() - 1)) {
                    if (trimmed.startsWith("@") && !trimmed.endsWith(";")) {
                        pending.append(trimmed).append(' ');
                    } else {
                        Matcher method = METHOD.matcher(pending + code);
                        if (method.find() && !code.contains("default ") && !code.contains("static ")) {
                            result.get(stack.get(stack.size() - 1)).add(new Member(method.group(1), method.group(2),
                                    method.group(3)));
                        }
                        if (!trimmed.isEmpty()) {
                            pending.setLength(0);
                        }
                    }
                }
                for (char c : code.toCharArray()) {
                    if (c == '{') {
                        depth++;
                    } else if (c == '}') {
                        depth--;
                        if (!depths.isEmpty() && depth < depths.get(depths.size() - 1)) {
                            depths.remove(depths.size() - 1);
                            stack.remove(stack.size() - 1);
                        }
                    }
                }
            }
            return result;
        }

        static String kebab(String camel) {
            return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
        }
    }
}
