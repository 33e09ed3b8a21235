package dev.skyfleet.provisioner.service;

import dev.skyfleet.providers.CloudProvider;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The providers this provisioner can act on: every {@link CloudProvider} bean, by id. */
@ApplicationScoped
public class ProviderRegistry {
    private final Map<String, CloudProvider> providers = new TreeMap<>();

    public ProviderRegistry(@All List<CloudProvider> all) {
        for (CloudProvider provider : all) {
            CloudProvider previous = providers.putIfAbsent(provider.id(), provider);
            if (previous != null) {
                throw new IllegalStateException("two providers with id " + provider.id());
            }
        }
    }

    public Optional<CloudProvider> find(String id) {
        return Optional.ofNullable(id == null ? null : providers.get(id));
    }

    public java.util.Set<String> ids() {
        return providers.keySet();
    }
}
