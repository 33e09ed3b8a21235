package dev.skyfleet.provisioner.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Sandbox sized for the benchmark: 1,000 live machines fit in its per-region quota. */
public class BenchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "skyfleet.providers.sandbox.max-instances-per-region", "5000",
                "skyfleet.providers.sandbox.launch-delay", "2s",
                "skyfleet.provisioner.lifecycle.poll-interval", "1s",
                "skyfleet.provisioner.lifecycle.batch-size", "1000",
                "quarkus.log.category.\"dev.skyfleet.provisioner.service\".level", "INFO");
    }
}
