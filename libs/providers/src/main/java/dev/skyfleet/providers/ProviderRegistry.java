package dev.skyfleet.providers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The providers a {@link ProviderFactory} built, and those it did not build with the reason (no credentials,
 * disabled, shadowed), so status pages can say why a provider is missing.
 */
public final class ProviderRegistry implements AutoCloseable {
    private final Map<String, CloudProvider> providers;
    private final Map<String, String> unconfigured;

    ProviderRegistry(Map<String, CloudProvider> providers, Map<String, String> unconfigured) {
        this.providers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        this.unconfigured = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unconfigured));
    }

    /** Built providers, in a stable order (live APIs, sandbox, catalog files). */
    public List<CloudProvider> providers() {
        return List.copyOf(providers.values());
    }

    public Optional<CloudProvider> get(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    /** Provider id → why it was not built. */
    public Map<String, String> unconfigured() {
        return unconfigured;
    }

    /** Closes providers that hold resources (the AWS HTTP client). */
    @Override
    public void close() {
        for (CloudProvider p : providers.values()) {
            if (p instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing is best effort
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ProviderRegistry[providers=" + providers.keySet() + ", unconfigured=" + unconfigured + "]";
    }
}
