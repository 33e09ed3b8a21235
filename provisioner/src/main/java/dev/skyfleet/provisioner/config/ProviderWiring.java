package dev.skyfleet.provisioner.config;

import dev.skyfleet.providers.ProviderFactory;
import dev.skyfleet.providers.ProviderRegistry;
import dev.skyfleet.providers.ProvidersConfig;
import dev.skyfleet.providers.Secret;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Builds the real providers of {@code libs/providers} from configuration (catalog files are read-only: not built). */
@ApplicationScoped
public class ProviderWiring {
    private static final Logger LOG = Logger.getLogger(ProviderWiring.class);

    private ProviderRegistry registry;

    @Produces
    @Singleton
    ProviderRegistry registry(ProvidersSettings settings) {
        ProvidersConfig config = new ProvidersConfig(
                new ProvidersConfig.Lambda(true, settings.lambda().baseUrl().orElse(null),
                        secret(settings.lambda().apiKey(), settings.lambda().apiKeyFile()), List.of()),
                new ProvidersConfig.Shadeform(true, settings.shadeform().baseUrl().orElse(null),
                        secret(settings.shadeform().apiKey(), settings.shadeform().apiKeyFile())),
                new ProvidersConfig.Aws(settings.aws().enabled(), settings.aws().regions().orElse(List.of()), 4,
                        settings.aws().endpoint().orElse(null), null, null, settings.aws().imageId().orElse(null)),
                new ProvidersConfig.Sandbox(settings.sandbox().enabled(), settings.sandbox().seed(),
                        settings.sandbox().launchDelay().orElse(null), settings.sandbox().availabilityPercent(),
                        settings.sandbox().maxInstancesPerRegion()),
                new ProvidersConfig.Catalog(false, null), null);
        registry = ProviderFactory.build(config, Clock.systemUTC());
        LOG.infof("providers for launches: %s; not built: %s",
                registry.providers().stream().map(p -> p.id()).toList(), registry.unconfigured());
        return registry;
    }

    void onStop(@Observes ShutdownEvent event) {
        if (registry != null) {
            registry.close();
        }
    }

    private static Secret secret(Optional<String> value, Optional<Path> file) {
        Secret direct = Secret.ofNullable(value.orElse(null));
        if (direct != null || file.isEmpty()) {
            return direct;
        }
        try {
            return Secret.ofNullable(Files.readString(file.get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file " + file.get(), e);
        }
    }
}
