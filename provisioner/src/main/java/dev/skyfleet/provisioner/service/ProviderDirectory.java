package dev.skyfleet.provisioner.service;

import dev.skyfleet.providers.CloudProvider;
import dev.skyfleet.providers.ProviderRegistry;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The providers this provisioner can act on, by id: those built from configuration ({@code libs/providers}) plus
 * any {@link CloudProvider} CDI bean (test doubles).
 */
@ApplicationScoped
public class ProviderDirectory {
    private final Map<String, CloudProvider> providers = new TreeMap<>();
    private final Map<String, String> unconfigured;

    public ProviderDirectory(ProviderRegistry configured, @All List<CloudProvider> beans) {
        for (CloudProvider provider : configured.providers()) {
            if (provider.capabilities().contains(dev.skyfleet.model.Capability.CREATE_INSTANCE)) {
                providers.put(provider.id(), provider);
            }
        }
        for (CloudProvider provider : beans) {
            CloudProvider previous = providers.putIfAbsent(provider.id(), provider);
            if (previous != null) {
                throw new IllegalStateException("two providers with id " + provider.id());
            }
        }
        this.unconfigured = Map.copyOf(configured.unconfigured());
    }

    public Optional<CloudProvider> find(String id) {
        return Optional.ofNullable(id == null ? null : providers.get(id));
    }

    public Set<String> ids() {
        return providers.keySet();
    }

    /** Providers not built, with the reason (no credentials, disabled). */
    public Map<String, String> unconfigured() {
        return unconfigured;
    }
}
