package dev.skyfleet.poller.health;

import dev.skyfleet.poller.service.PollerLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the last published state is restored (Kafka's own readiness check covers the broker). */
@Readiness
@ApplicationScoped
public class PollerReadinessCheck implements HealthCheck {
    private final PollerLifecycle lifecycle;

    public PollerReadinessCheck(PollerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("inventory-poller state").status(lifecycle.ready());
        String problem = lifecycle.problem();
        if (problem != null) {
            builder.withData("problem", problem);
        }
        return builder.build();
    }
}
