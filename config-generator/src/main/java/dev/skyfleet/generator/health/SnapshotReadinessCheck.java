package dev.skyfleet.generator.health;

import dev.skyfleet.generator.service.SnapshotService;
import dev.skyfleet.generator.service.SnapshotStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the in-memory catalog has caught up with the catalog topics. Reports the published revision and
 * the latest error (an invalid overlay keeps the last good snapshot served, so it does not make the service
 * unready, but it shows here).
 */
@Readiness
@ApplicationScoped
public class SnapshotReadinessCheck implements HealthCheck {
    private final SnapshotService service;

    public SnapshotReadinessCheck(SnapshotService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        SnapshotStatus s = service.status();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("snapshot-catalog")
                .status(s.caughtUp())
                .withData("caughtUp", s.caughtUp())
                .withData("offers", s.offers())
                .withData("revision", s.revision());
        if (s.commitId() != null) {
            b.withData("commit", s.commitId());
        }
        if (s.error() != null) {
            b.withData("error", s.error());
        }
        return b.build();
    }
}
