package dev.skyfleet.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The environment a service gets where it is deployed: docker-compose.yml or a rendered overlay. */
final class DeployedEnvironment {
    private DeployedEnvironment() {
    }

    /** Variables set for a compose service, with their literal value (null: passed through from the host). */
    static Map<String, Object> compose(String service) {
        Map<String, Object> compose = YamlDocs.readMap(Repo.compose());
        Object environment = YamlDocs.at(compose, "services", service, "environment");
        if (environment == null) {
            return Map.of();
        }
        Map<String, Object> result = new TreeMap<>();
        if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String text = String.valueOf(entry);
                int eq = text.indexOf('=');
                result.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1));
            }
        } else {
            YamlDocs.asMap(environment, "environment").forEach(result::put);
        }
        return result;
    }

    /** The workload (Deployment or StatefulSet) of a service in a rendered overlay. */
    static Map<String, Object> workload(String overlay, String service) {
        return Rendered.overlay(overlay).stream()
                .filter(r -> List.of("Deployment", "StatefulSet").contains(r.get("kind")))
                .filter(r -> service.equals(Rendered.name(r))).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no workload for " + service));
    }

    static Map<String, Object> container(Map<String, Object> workload) {
        List<Object> containers = YamlDocs.asList(YamlDocs.at(workload, "spec", "template", "spec", "containers"),
                "containers");
        return YamlDocs.asMap(containers.get(0), "container");
    }

    /**
     * Variables set for a service's container in an overlay: its {@code env} entries and every key of the
     * ConfigMaps named by {@code envFrom}. Values: the literal, or "secret:NAME/KEY" / "configMap:..." for
     * references. A Secret in envFrom is refused: its keys cannot be known without a cluster.
     */
    static Map<String, String> kubernetes(String overlay, String service) {
        Map<String, Object> container = container(workload(overlay, service));
        Map<String, String> result = new TreeMap<>();
        Object envFrom = container.get("envFrom");
        if (envFrom != null) {
            for (Object raw : YamlDocs.asList(envFrom, "envFrom")) {
                Map<String, Object> source = YamlDocs.asMap(raw, "envFrom entry");
                String name = YamlDocs.at(source, "configMapRef", "name");
                if (name == null) {
                    throw new AssertionError(service + ": envFrom other than a ConfigMap: " + source);
                }
                Map<String, Object> configMap = Rendered.named(overlay, "ConfigMap", name);
                Map<String, Object> data = YamlDocs.at(configMap, "data");
                if (data != null) {
                    data.forEach((k, v) -> result.put(k, String.valueOf(v)));
                }
            }
        }
        Object env = container.get("env");
        if (env != null) {
            for (Object raw : YamlDocs.asList(env, "env")) {
                Map<String, Object> entry = YamlDocs.asMap(raw, "env entry");
                String name = (String) entry.get("name");
                if (entry.containsKey("value")) {
                    result.put(name, String.valueOf(entry.get("value")));
                } else {
                    Map<String, Object> secret = YamlDocs.at(entry, "valueFrom", "secretKeyRef");
                    result.put(name, secret != null ? "secret:" + secret.get("name") + "/" + secret.get("key")
                            : "ref:" + entry.get("valueFrom"));
                }
            }
        }
        return result;
    }

    /** Variables the checks hold to "set only when read": Skyfleet's own and the HTTP ports. */
    static Set<String> skyfleetOwned(Set<String> names) {
        Set<String> owned = new TreeSet<>();
        for (String name : names) {
            if (name.startsWith("SKYFLEET_") || name.endsWith("_PORT")) {
                owned.add(name);
            }
        }
        return owned;
    }
}
