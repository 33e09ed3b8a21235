package dev.skyfleet.provisioner.health;

import dev.skyfleet.provisioner.service.ProviderDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Which providers this provisioner can launch on, and why the others are not built. Informational: a provisioner
 * without providers still serves its API (requests then fail with "no candidate"), so it reports up.
 */
@Readiness
@ApplicationScoped
public class ProvidersHealthCheck implements HealthCheck {
    private final ProviderDirectory providers;

    public ProvidersHealthCheck(ProviderDirectory providers) {
        this.providers = providers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("Providers for launches").up()
                .withData("launchable", String.join(",", providers.ids()));
        providers.unconfigured().forEach(builder::withData);
        return builder.build();
    }
}
